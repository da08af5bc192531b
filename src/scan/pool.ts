/**
 * The parse stage on every core: worker threads read files and run the per-file stage (classify, the reader,
 * the secret detectors) and send back only the files that matter to the rest of the pipeline — a file with a
 * setting, an SDK call, a secret candidate, a parse problem, or a kind the model reads (AWS, env, CI,
 * Dockerfile; of the kinds read whole, only a file in which the reader found something). Most files of a
 * repository are code and prose with none of these: for them a worker returns "inert" and nothing else, so
 * neither their text nor their models are ever held on the main thread. That is what keeps memory from
 * growing with the files that do not matter, and it is where most of a scan's time goes.
 *
 * The main thread re-reads nothing: a file that matters comes back with its text and what was read of it (the
 * detectors' matches, code's SDK calls), or as its model where models are plain data, so that no file is
 * parsed twice; what the main thread reads itself (inline, or a batch of its own between workers' results)
 * keeps its model as it is. Files go out in batches, a few batches in flight per worker, and results are taken
 * in discovery order, so the output is the same whatever the number of workers and whenever each finishes.
 *
 * It stays synchronous, like the rest of the pipeline: the main thread blocks on `Atomics.wait` until a
 * worker signals a posted result, and takes results with `receiveMessageOnPort`.
 *
 * Workers run the same bundle as the main thread (the CLI's or the Action's entry checks `isScanWorker()`
 * first), so they exist only when credlint runs from a bundle; from source (tests) the scan is inline.
 */
import { existsSync } from "node:fs";
import os from "node:os";
import v8 from "node:v8";
import { MessageChannel, receiveMessageOnPort, Worker, isMainThread, parentPort, workerData, type MessagePort } from "node:worker_threads";
import type { CustomSecretPattern } from "../model/config.js";
import type { FileModel } from "../model/file-model.js";
import type { FileKind, SourceFile } from "../model/source.js";
import { makeSourceFile } from "../model/source.js";
import { plainCalls, plainSettings, type PlainSdkCall, type PlainSetting } from "../model/sdk-call.js";
import type { SecretMatch } from "../secrets/detectors.js";
import { detectSecrets } from "../secrets/scan.js";
import { codeCache, codeCacheFile } from "../formats/typescript-lib.js";
import { classify } from "./classify.js";
import { parseFile } from "./parse.js";
import { readSource, type ReadResult } from "./read.js";

/** One file for a worker: where to read it and what its config says. */
export interface FileTask {
  readonly absPath: string;
  readonly path: string;
  readonly projectPath: string;
  readonly installed: boolean;
  readonly maxSize: number;
  /** A symbolic link named on the command line, read through (others are skipped). */
  readonly follow?: true;
  readonly kind?: FileKind;
  readonly secretPatterns?: readonly CustomSecretPattern[];
}

/**
 * What the per-file stage already made of a text, so that the main thread does not make it again: the secret
 * detectors' matches (for every text file), and for code the SDK calls (and Python's environment writes) its
 * reader found — TypeScript and the Python reader run once per file.
 */
export interface ReadAhead {
  readonly secretMatches: readonly SecretMatch[];
  readonly sdkCalls?: readonly PlainSdkCall[];
  readonly env?: readonly PlainSetting[];
}

/**
 * What a worker says of a file: not needed further; its read result (text, binary, too large, error); a text
 * with what was made of it; or, for the kinds whose file models are plain data (`WHOLE_KINDS`), the model.
 */
export type FileOutcome =
  | { readonly kind: "inert"; readonly generated?: true }
  | ReadResult
  | (ReadResult & { readonly kind: "text"; readonly ahead: ReadAhead })
  | { readonly kind: "parsed"; readonly model: FileModel; readonly invalidUtf8Line?: number };

/**
 * The kinds a worker reads whole and sends as their file models (structured clones keep every shared object
 * and link): their models hold no function and no class instance (test/scan/read-ahead.test.ts clones every
 * fixture's). Left to the main thread: CI files (a step's `input()`), Terraform (a call's `get()`), AWS
 * files (completed by the model stage), and code and text, which come back with their read-ahead.
 */
const WHOLE_KINDS: ReadonlySet<FileKind> = new Set<FileKind>(["dotenv", "shell", "dockerfile", "docker-compose", "kubernetes", "serverless", "cloudformation", "iam-policy", "terraform-vars"]);

export function sentWhole(kind: FileKind): boolean {
  return WHOLE_KINDS.has(kind);
}

const WORKER_MARK = "credlint-scan-worker";
/** Files per message: large enough that messaging costs little, small enough to keep every worker busy. */
const BATCH = 48;
/** The smallest batch: toward the end of the list batches shrink (see `batchesOf`). */
const MIN_BATCH = 4;
/**
 * Batches in flight per worker: enough that workers keep reading while the main thread parses the files
 * that matter, few enough to bound the texts queued between threads.
 */
const IN_FLIGHT = 8;
/**
 * From this many files on, a scan keeps V8's young generation small (`sizeYoungGeneration`: its memory would
 * otherwise grow with the repository) and may start workers. Below, workers cost more than they save even
 * where the first files are slow: serverless (2,234 files, most of its early ones code that imports an SDK)
 * looked long after 448 files, and one worker from there took 1.55 s against 1.31 s without.
 */
const MIN_FILES = 3000;

/**
 * When a scan starts workers on its own: once the files read so far say that reading the rest on this thread
 * alone would take longer than this. A worker is a second isolate that loads the bundle and compiles its hot
 * code (TypeScript's parser, the YAML reader, the detectors) again, ~0.5–0.9 s of a core, and on a 2-core
 * machine one thread already keeps V8's compiler and GC threads busy on the other core (a single-thread scan
 * uses ~1.4 cores): only a long scan wins it back. Measured, one worker from the start against none (five
 * alternating runs each): slower on aws-cli (9,054 files: 1.25 vs 1.06 s), localstack (3,738: 2.0 vs 1.9 s),
 * aws-sam-cli (3,916: 1.98 vs 1.84 s), saleor (4,658: 1.11 vs 1.04 s); even on moto (3,440: 2.6 s); faster
 * on bitnami/charts (4,200: 3.0 vs 3.5 s), pulumi (44,203: 2.7 vs 3.4 s) and serverless-patterns (13,664:
 * 4.3 vs 6.4 s). The file count does not tell these apart; the time the files read so far took does. Not
 * caught: where most of the work is TypeScript, which each worker must load and compile again — the bench's
 * generated repository (5,002 files, 2,000 of them TypeScript with SDK calls) looks long and gets its worker,
 * and is 5% slower for it (2.83 s against 2.70 s), as it was with the worker from the start.
 */
const LAZY_AFTER_MS = 2000;
/** Files read on this thread before the rate is measured (the first ones run before V8 has compiled the hot code). */
const LAZY_FIRST_CHECK = 128;
/** Files between two estimates. */
const LAZY_CHECK_EVERY = 64;

export function isScanWorker(): boolean {
  return !isMainThread && (workerData as { mark?: string } | null)?.mark === WORKER_MARK;
}

/**
 * The kinds a worker reads to see whether they matter: plain text and code, most of which holds nothing the
 * rules read. Other kinds always matter (the model reads their contexts) and are parsed on the main thread.
 */
const SCREENED_KINDS: ReadonlySet<FileKind> = new Set<FileKind>(["text", "js-ts", "python"]);

function inert(file: SourceFile): FileOutcome {
  return file.facts.generated ? { kind: "inert", generated: true } : { kind: "inert" };
}

function parsed(model: FileModel, read: ReadResult & { readonly kind: "text" }): FileOutcome {
  return { kind: "parsed", model, ...(read.invalidUtf8Line !== undefined ? { invalidUtf8Line: read.invalidUtf8Line } : {}) };
}

/**
 * The per-file stage's verdict: inert, or what to send back (with the SDK calls it read, for code). `inline`:
 * for this thread (no worker), so a code or text file's model is kept as it is rather than sent as text with
 * what was read of it, which the main thread would make the same model from again.
 */
function outcomeOf(task: FileTask, read: ReadResult, inline: boolean): FileOutcome {
  if (read.kind !== "text") return read;
  const file = makeSourceFile(task.path, task.kind ?? classify(task.path, () => read.text.slice(0, 4096)), read.text, task.projectPath, task.installed);
  const secretMatches = detectSecrets(file, task.secretPatterns ? { customPatterns: task.secretPatterns } : {});
  // Other kinds always matter: read here when their models can cross threads, else on the main thread.
  if (!WHOLE_KINDS.has(file.kind) && !SCREENED_KINDS.has(file.kind)) return { ...read, ahead: { secretMatches } };
  const model = parseFile(file, { secretMatches });
  if (WHOLE_KINDS.has(file.kind)) {
    // Unless the reader found nothing in it (a template or manifest with nothing it reads): no rule can use it.
    return read.invalidUtf8Line === undefined && holdsNothing(model) ? inert(file) : parsed(model, read);
  }
  const matters =
    model.settings.length > 0 ||
    (model.sdkCalls?.length ?? 0) > 0 ||
    (model.secrets?.candidates.length ?? 0) > 0 ||
    (model.parseErrors?.length ?? 0) > 0 ||
    read.invalidUtf8Line !== undefined;
  if (!matters) return inert(file);
  if (inline) return parsed(model, read);
  // Code is sent with what its reader found in it (even nothing), so that it is never read twice.
  const env = file.kind === "python" ? model.envContexts?.[0]?.own : undefined;
  const code = model.sdkCalls && (file.kind === "js-ts" || file.kind === "python") ? { sdkCalls: plainCalls(model.sdkCalls), ...(env ? { env: plainSettings(env) } : {}) } : {};
  return { ...read, ahead: { secretMatches, ...code } };
}

/**
 * Whether a file model (or any part of it) holds nothing but facts about its file: no setting, context, call,
 * job, policy, candidate, credential file, secret range or parse error — every property empty at any depth,
 * but for `file` and `live` (what the file is, not what is in it). Written without naming the model's other
 * fields, so that one added later keeps its files.
 */
export function holdsNothing(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.entries(value).every(([key, v]) => FILE_FACTS.has(key) || holdsNothing(v));
  return false;
}

const FILE_FACTS: ReadonlySet<string> = new Set(["file", "live"]);

/**
 * The per-file stage for one task, as a worker or the main thread (`inline`) runs it. A file whose stage
 * throws is sent back whole: the main thread runs the same stage and reports the error as it would without
 * workers.
 */
export function processTask(task: FileTask, inline = false): FileOutcome {
  const read = readSource(task.absPath, task.maxSize, task.follow === true);
  try {
    return outcomeOf(task, read, inline);
  } catch {
    return read;
  }
}

/** An outcome as the text it was read from, for the main thread to read again. */
function asText(outcome: FileOutcome): FileOutcome {
  if (outcome.kind !== "parsed") return outcome;
  const text = outcome.model.file.text;
  return outcome.invalidUtf8Line !== undefined ? { kind: "text", text, invalidUtf8Line: outcome.invalidUtf8Line } : { kind: "text", text };
}

/** A worker's loop: batches of tasks in, outcomes out on its port, a signal after each. */
export function runScanWorker(): void {
  const { port, signal } = workerData as { port: MessagePort; signal: Int32Array };
  let batches = 0;
  parentPort?.on("message", (msg: { id: number; tasks: FileTask[] } | "stop") => {
    if (msg === "stop") {
      port.close();
      parentPort?.close();
      return;
    }
    const outcomes = msg.tasks.map((t) => processTask(t));
    try {
      port.postMessage({ id: msg.id, outcomes });
    } catch {
      // A model that cannot be cloned after all (WHOLE_KINDS is wrong about a file): its text goes instead.
      port.postMessage({ id: msg.id, outcomes: outcomes.map(asText) });
    }
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
    const cache = codeCache();
    if (++batches >= CACHE_AFTER_BATCHES && cache?.hasPending()) cache.flush();
  });
}

/**
 * For a scan of `files` files: from MIN_FILES on, sets the young-generation flag bin/credlint.js allows (kept
 * at its size, a thread's young generation does not grow with the repository); below, V8's default growth is
 * faster and the memory small anyway. Called as soon as git has listed the files (src/scan/discover.ts), and
 * again with the files found, before any worker starts: they take the flag along.
 */
export function sizeYoungGeneration(files: number): void {
  if (files >= MIN_FILES) codeCache()?.setArmedFlags();
}

/**
 * The workers `CREDLINT_WORKERS` asks for (0: inline), started with the scan whatever its length; undefined
 * when it is unset or empty.
 */
export function requestedWorkers(env: Readonly<Record<string, string | undefined>> = process.env): number | undefined {
  const wanted = env.CREDLINT_WORKERS?.trim();
  if (wanted === undefined || wanted === "") return undefined;
  const n = Number(wanted);
  return Number.isInteger(n) && n > 0 ? Math.min(n, 16) : 0;
}

/**
 * The workers a scan of `files` files may start on its own once it proves long (see `processAll`): from
 * MIN_FILES on, one per core but one — the main thread reads batches too whenever it has no result to take —
 * up to 3, when credlint runs from a bundle (a worker runs the bundle's own file).
 */
export function availableWorkers(files: number): number {
  if (files < MIN_FILES || !/\.[cm]js$/.test(import.meta.url)) return 0;
  const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  return cores > 1 ? Math.min(cores - 1, 3) : 0;
}

export interface PoolWorker {
  readonly worker: Worker;
  readonly port: MessagePort;
  inFlight: number;
  /** The batches sent to it and not answered yet. */
  readonly ids: Set<number>;
  dead: boolean;
}

/**
 * A worker's old-generation cap, in MiB. Each worker loads TypeScript and parses with it; uncapped, V8 lets
 * each heap grow with its garbage (three isolates: ~400 MiB peak on a repository of SDK-heavy TypeScript, where
 * the data kept is a few MiB). Capped, the workers collect sooner at the same speed (~300 MiB). A worker that
 * reaches its cap dies: its batches are then read on the main thread (see `isDead`), so the cap can cost time,
 * never a result. Only where a dead worker can be seen (Linux); `CREDLINT_WORKER_HEAP_MB` overrides it.
 */
const WORKER_OLD_GENERATION_MB = 128;

/** `ready` word of a worker: it has set the run-time flags again; GO: the main thread lets it load the bundle. */
const READY = 1;
const GO = 2;

/** How long `startPool` waits for its workers to set the run-time flags (a worker that fails to start must not stop the scan). */
const READY_WAIT_MS = 2000;

/**
 * How a worker starts: it sets the V8 flags the run set (bin/code-cache.js `adoptRuntimeFlags`: setting up its
 * heap put V8's young-generation growth back for the whole process), says so in `ready` and, in a scan that
 * sizes young generations, waits there until the main thread has set back the flag that sized its own (see
 * `startPool`); it writes its kernel thread id where the main thread can read it, then loads the bundle (whose
 * entry runs `runScanWorker`) — the CLI's CommonJS bundle through bin/code-cache.js (V8's code cache:
 * compiling the 1 MB bundle was ~0.15 s of each worker's start) or with `require`: loaded with `import()`,
 * Node first lexes its 1 MB for CommonJS exports (~0.3 s of a worker's start). The main thread blocks in
 * `Atomics.wait` while workers run, so Node's own news of a worker's exit (an event) never reaches it; whether
 * `/proc/self/task/<tid>` still exists does.
 */
const BOOT = `const { workerData } = require("node:worker_threads");
if (workerData.codeCache) require(workerData.codeCache).adoptRuntimeFlags(workerData.runtimeFlags);
// Not over a GO already there (the main thread stopped waiting for a worker this slow to start).
Atomics.compareExchange(workerData.ready, workerData.index, 0, READY);
Atomics.notify(workerData.ready, workerData.index);
if (workerData.waitForGo) Atomics.wait(workerData.ready, workerData.index, READY, ${READY_WAIT_MS});
try {
  const tid = Number(require("node:fs").readlinkSync("/proc/thread-self").split("/").pop());
  if (tid > 0) Atomics.store(workerData.tids, workerData.index, tid);
} catch {}
if (workerData.codeCache) require(workerData.codeCache).load(require("node:url").fileURLToPath(workerData.bundle), "worker");
else if (workerData.bundle.endsWith(".cjs")) require(require("node:url").fileURLToPath(workerData.bundle));
else import(workerData.bundle);
`.replaceAll("READY", String(READY));

/**
 * Batches a worker reads before it writes the code caches it has to write (the bundle's, TypeScript's): a
 * worker is terminated, never exits, so it writes them while it runs, once the code a scan uses is compiled.
 */
const CACHE_AFTER_BATCHES = 2;

const CAN_SEE_THREADS = existsSync("/proc/thread-self");

function workerHeapLimit(env: Readonly<Record<string, string | undefined>>): number | undefined {
  const wanted = Number(env.CREDLINT_WORKER_HEAP_MB);
  if (Number.isInteger(wanted) && wanted > 0) return wanted;
  return CAN_SEE_THREADS ? WORKER_OLD_GENERATION_MB : undefined;
}

/** Whether a worker's thread is gone (false when that cannot be known: the thread id is not there yet). */
function isDead(tids: Int32Array, index: number): boolean {
  const tid = Atomics.load(tids, index);
  return tid > 0 && !existsSync(`/proc/self/task/${tid}`);
}

/**
 * Waits until every worker has set the run-time V8 flags again (see BOOT), at most READY_WAIT_MS: until then
 * the process runs with V8's young-generation growth, and this thread's young generation, grown once, would
 * stay grown (measured on the bench's generated repository doubled: it grew in four runs of five, and the
 * scan's peak was ~350 MiB instead of ~255). A worker boots in ~20 ms; this thread does nothing meanwhile.
 */
function awaitFlags(ready: Int32Array): void {
  const deadline = Date.now() + READY_WAIT_MS;
  for (let i = 0; i < ready.length; i++) {
    while (Atomics.load(ready, i) === 0) {
      const left = deadline - Date.now();
      if (left <= 0) return;
      Atomics.wait(ready, i, 0, left);
    }
  }
}

/**
 * A worker's semi-space, in MiB, in a scan that keeps young generations from growing (bin/credlint.js): set
 * when its heap is made (V8 reads `--min-semi-space-size` then, and the main thread's heap was made long
 * before) and capped there. The main thread keeps V8's initial 1 MiB, which holds its memory down (it keeps
 * every model: the garbage a larger young generation promotes stays in its old generation until a full
 * collection); a worker keeps nothing, and at 1 MiB it spent ~0.7 s of a serverless-patterns scan in 730
 * young-generation collections. Measured there and on the generated repository doubled, five alternating
 * runs each: 1 MiB 4.1–4.4 s and 252 MiB; 2 MiB 4.0–4.2 s and 256 MiB; 4 MiB 3.95–4.06 s and 261 MiB; 8 MiB
 * 3.9–4.1 s and 273 MiB (V8's growth, as before: 4.2–4.5 s, 266–345 MiB).
 */
const WORKER_SEMI_SPACE_MB = 4;

/** Worker threads started for a scan, loading the bundle while the main thread lists files and reads configs. */
export interface ScanPool {
  readonly workers: readonly PoolWorker[];
  readonly signal: Int32Array;
  readonly tids: Int32Array;
}

/**
 * Starts `workers` scan workers (none for 0). Started before the file list is complete, each worker loads the
 * bundle (~0.3 s of a core) while the main thread resolves every file's config; `processAll` then uses them,
 * and stops them when it is done.
 */
export function startPool(workers: number): ScanPool | undefined {
  if (workers < 1) return undefined;
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const tids = new Int32Array(new SharedArrayBuffer(4 * workers));
  const ready = new Int32Array(new SharedArrayBuffer(4 * workers));
  // A scan that sets V8 flags at run time keeps heaps small: with workers, old generations grow less between
  // full collections (bin/credlint.js), and each worker's young generation is made at its size.
  const cache = codeCache();
  const sized = (cache?.getRuntimeFlags().flags.length ?? 0) > 0;
  if (sized) cache?.setArmedFlags("workers");
  const runtimeFlags = cache?.getRuntimeFlags();
  const heap = workerHeapLimit(process.env);
  const limits = { ...(heap !== undefined ? { maxOldGenerationSizeMb: heap } : {}), ...(sized ? { maxYoungGenerationSizeMb: 3 * WORKER_SEMI_SPACE_MB } : {}) };
  if (sized) v8.setFlagsFromString(`--min-semi-space-size=${WORKER_SEMI_SPACE_MB}`);
  const pool: PoolWorker[] = [];
  for (let i = 0; i < workers; i++) {
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(BOOT, {
      eval: true,
      workerData: { mark: WORKER_MARK, port: port2, signal, tids, ready, waitForGo: sized, index: i, bundle: import.meta.url, codeCache: codeCacheFile(), runtimeFlags },
      transferList: [port2],
      // A worker's own env is the process's: CREDLINT_REGEX_ENGINE and the rest apply there too.
      env: process.env,
      ...(Object.keys(limits).length > 0 ? { resourceLimits: limits } : {}),
    });
    worker.unref();
    // A worker that dies (its heap cap) has its batches read by this thread already (see below); Node tells of
    // the death later, on the event loop, as an 'error' event that would otherwise end the process.
    worker.on("error", () => {});
    pool.push({ worker, port: port1, inFlight: 0, ids: new Set(), dead: false });
  }
  if (sized) {
    awaitFlags(ready);
    // Every heap is made: V8's default again (0) before any thread reads a code cache stamped with the flags.
    v8.setFlagsFromString("--min-semi-space-size=0");
    for (let i = 0; i < workers; i++) {
      Atomics.store(ready, i, GO);
      Atomics.notify(ready, i);
    }
  }
  return { workers: pool, signal, tids };
}

export function stopPool(started: ScanPool): void {
  for (const p of started.workers) {
    p.worker.postMessage("stop");
    p.port.close();
    void p.worker.terminate();
  }
}

/**
 * Runs the per-file stage over every task and calls `take` with each outcome in task order: on the workers
 * of `started` (a number: that many, started here), inline without any — or, for `{ lazy: n }`, inline until
 * the files read so far say the rest would take this thread more than LAZY_AFTER_MS, and then with up to `n`
 * workers for the rest. The workers are stopped at the end. The result never depends on the number of
 * workers, nor on when they start.
 */
export function processAll(tasks: readonly FileTask[], started: ScanPool | number | { readonly lazy: number } | undefined, take: (task: FileTask, outcome: FileOutcome) => void): void {
  if (started !== undefined && typeof started === "object" && "lazy" in started) {
    processLazily(tasks, started.lazy, take);
    return;
  }
  const own = typeof started === "number" ? startPool(started) : started;
  if (!own) {
    for (const t of tasks) take(t, processTask(t, true));
    return;
  }
  try {
    if (tasks.length === 0) return;
    processOnPool(tasks, own, take);
  } finally {
    stopPool(own);
  }
}

/**
 * Inline until the scan shows it will be long (see `processAll`), then `workers` workers for the rest. The
 * rate is taken from the LAZY_FIRST_CHECK-th file on (the first ones pay for compiling the hot code), over all
 * the files read since, so that a stretch of costly files (a folder of templates, the first file that loads
 * TypeScript) does not decide alone; and it must say "long" at two checks in a row.
 */
function processLazily(tasks: readonly FileTask[], workers: number, take: (task: FileTask, outcome: FileOutcome) => void): void {
  // `CREDLINT_LAZY_WORKERS_MS` moves the bar (0: start the workers at the first check; tests use it).
  const wanted = Number(process.env.CREDLINT_LAZY_WORKERS_MS ?? "");
  const bar = process.env.CREDLINT_LAZY_WORKERS_MS?.trim() && Number.isFinite(wanted) && wanted >= 0 ? wanted : LAZY_AFTER_MS;
  let from = 0;
  let long = 0;
  let i = 0;
  for (; i < tasks.length; i++) {
    if (workers > 0 && i === LAZY_FIRST_CHECK) from = performance.now();
    if (workers > 0 && i >= 2 * LAZY_FIRST_CHECK && i % LAZY_CHECK_EVERY === 0) {
      const rest = ((performance.now() - from) / (i - LAZY_FIRST_CHECK)) * (tasks.length - i);
      long = rest >= bar ? long + 1 : 0;
      if (long >= 2) break;
    }
    const task = tasks[i] as FileTask;
    take(task, processTask(task, true));
  }
  if (i < tasks.length) processAll(tasks.slice(i), workers, take);
}

/**
 * The tasks in batches of BATCH files, shrinking toward the end of the list (a quarter of what is left per
 * thread, down to MIN_BATCH): the last batches are where one thread finishes while another still reads a whole
 * batch alone — on localstack the worker sat idle for the last 0.35 s of a 3 s scan.
 */
function batchesOf<T>(tasks: readonly T[], threads: number): T[][] {
  const out: T[][] = [];
  let i = 0;
  while (i < tasks.length) {
    const size = Math.max(MIN_BATCH, Math.min(BATCH, Math.ceil((tasks.length - i) / (threads * 4))));
    out.push(tasks.slice(i, i + size));
    i += size;
  }
  return out;
}

function processOnPool(tasks: readonly FileTask[], started: ScanPool, take: (task: FileTask, outcome: FileOutcome) => void): void {
  const { signal, tids } = started;
  const pool = started.workers;
  const batches = batchesOf(tasks, pool.length + 1);
  const done = new Map<number, FileOutcome[]>();
  let next = 0;
  let emitted = 0;
  /** The batch this thread is reading itself, and the outcomes it has so far. */
  let own: { readonly id: number; readonly outcomes: FileOutcome[] } | undefined;
  const send = (): void => {
    for (const p of pool) {
      while (!p.dead && p.inFlight < IN_FLIGHT && next < batches.length) {
        p.worker.postMessage({ id: next, tasks: batches[next] });
        p.inFlight++;
        p.ids.add(next);
        next++;
      }
    }
  };
  /** Takes the results the workers have posted, and refills them: whether there were any. */
  const receive = (): boolean => {
    let got = false;
    for (const p of pool) {
      for (let m = receiveMessageOnPort(p.port); m; m = receiveMessageOnPort(p.port)) {
        const msg = m.message as { id: number; outcomes: FileOutcome[] };
        done.set(msg.id, msg.outcomes);
        p.inFlight--;
        p.ids.delete(msg.id);
        got = true;
      }
    }
    // Refill first, so that workers read on while this thread takes the results.
    if (got) send();
    return got;
  };
  send();
  while (emitted < batches.length) {
    const seen = Atomics.load(signal, 0);
    let got = receive();
    // Results in batch order: the report is the same whatever finished first.
    for (let b = done.get(emitted); b; b = done.get(emitted)) {
      const batch = batches[emitted] ?? [];
      b.forEach((outcome, i) => {
        const task = batch[i];
        if (task) take(task, outcome);
      });
      done.delete(emitted);
      emitted++;
      // Taking a batch can take a while (its files that matter are read here): keep the workers fed meanwhile.
      got = receive() || got;
    }
    if (!got && (own !== undefined || next < batches.length)) {
      // Nothing to take yet: this thread reads a batch itself rather than wait (it is one of the cores) —
      // one file at a time, looking for results between files, so that no worker runs dry meanwhile.
      if (own === undefined) {
        own = { id: next, outcomes: [] };
        next++;
      }
      const batch = batches[own.id] ?? [];
      const task = batch[own.outcomes.length];
      if (task) own.outcomes.push(processTask(task, true));
      if (own.outcomes.length >= batch.length) {
        done.set(own.id, own.outcomes);
        own = undefined;
      }
    } else if (!got && emitted < batches.length) {
      // Wakes on a worker's signal; the timeout is for a worker that died (its heap cap, a crash): the
      // batches it held are read here instead, so a scan never waits for a dead worker or loses a file.
      if (Atomics.wait(signal, 0, seen, 500) === "timed-out") {
        pool.forEach((p, i) => {
          if (p.dead || p.ids.size === 0 || !isDead(tids, i)) return;
          p.dead = true;
          for (let m = receiveMessageOnPort(p.port); m; m = receiveMessageOnPort(p.port)) {
            const msg = m.message as { id: number; outcomes: FileOutcome[] };
            done.set(msg.id, msg.outcomes);
            p.ids.delete(msg.id);
          }
          for (const id of p.ids) done.set(id, (batches[id] ?? []).map((t) => processTask(t, true)));
          p.ids.clear();
          p.inFlight = 0;
        });
      }
    }
  }
}
