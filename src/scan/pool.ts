/**
 * The parse stage on every core: worker threads read files and run the per-file stage (classify, the reader,
 * the secret detectors) and send back only the files that matter to the rest of the pipeline — a file with a
 * setting, an SDK call, a secret candidate, a parse problem, or a kind the model reads (AWS, env, CI,
 * Dockerfile). Most files of a repository are code and prose with none of these: for them a worker returns
 * "inert" and nothing else, so neither their text nor their models are ever held on the main thread. That is
 * what keeps memory flat in the size of the repository, and it is where most of a scan's time goes.
 *
 * The main thread re-reads nothing: a file that matters comes back with its text, and the main thread parses
 * it again (the few files that matter are cheap to parse twice, and file models hold methods and cycles that
 * do not cross threads). Files go out in batches, a few batches in flight per worker, and results are taken
 * in discovery order, so the output is the same whatever the number of workers and whenever each finishes.
 *
 * It stays synchronous, like the rest of the pipeline: the main thread blocks on `Atomics.wait` until a
 * worker signals a posted result, and takes results with `receiveMessageOnPort`.
 *
 * Workers run the same bundle as the main thread (the CLI's or the Action's entry checks `isScanWorker()`
 * first), so they exist only when credlint runs from a bundle; from source (tests) the scan is inline.
 */
import os from "node:os";
import { fileURLToPath } from "node:url";
import { MessageChannel, receiveMessageOnPort, Worker, isMainThread, parentPort, workerData, type MessagePort } from "node:worker_threads";
import type { CustomSecretPattern } from "../model/config.js";
import type { FileKind } from "../model/source.js";
import { makeSourceFile } from "../model/source.js";
import { plainCalls, type PlainSdkCall } from "../formats/js-ts.js";
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
  readonly kind?: FileKind;
  readonly secretPatterns?: readonly CustomSecretPattern[];
}

/**
 * What a worker says of a file: not needed further, or its read result (text, binary, too large, error) —
 * for code, with the SDK calls it read, so that TypeScript parses each file once.
 */
export type FileOutcome = { readonly kind: "inert"; readonly generated?: true } | ReadResult | (ReadResult & { readonly sdkCalls: readonly PlainSdkCall[] });

const WORKER_MARK = "credlint-scan-worker";
/** Files per message: large enough that messaging costs little, small enough to keep every worker busy. */
const BATCH = 48;
/**
 * Batches in flight per worker: enough that workers keep reading while the main thread parses the files
 * that matter, few enough to bound the texts queued between threads.
 */
const IN_FLIGHT = 8;
/** Below this many files, starting workers costs more than it saves. */
const MIN_FILES = 400;

export function isScanWorker(): boolean {
  return !isMainThread && (workerData as { mark?: string } | null)?.mark === WORKER_MARK;
}

/** The per-file stage's verdict: inert, or what to send back (with the SDK calls it read, for code). */
function outcomeOf(task: FileTask, read: ReadResult): FileOutcome {
  if (read.kind !== "text") return read;
  const file = makeSourceFile(task.path, task.kind ?? classify(task.path, () => read.text.slice(0, 4096)), read.text, task.projectPath, task.installed);
  // Code is parsed here too (TypeScript is the costliest parser, and most code that names a credential
  // class holds no SDK call): only files with calls are parsed a second time, on the main thread.
  if (file.kind !== "text" && file.kind !== "js-ts") return read;
  const model = parseFile(file, task.secretPatterns ? { secretPatterns: task.secretPatterns } : {});
  const matters =
    model.settings.length > 0 ||
    (model.sdkCalls?.length ?? 0) > 0 ||
    (model.secrets?.candidates.length ?? 0) > 0 ||
    (model.parseErrors?.length ?? 0) > 0 ||
    read.invalidUtf8Line !== undefined;
  if (!matters) return file.facts.generated ? { kind: "inert", generated: true } : { kind: "inert" };
  // Code is sent with what the reader found in it (even nothing), so it is never parsed twice.
  return model.sdkCalls ? { ...read, sdkCalls: plainCalls(model.sdkCalls) } : read;
}

/**
 * The per-file stage for one task, as a worker (or the inline scan) runs it. A file whose stage throws is
 * sent back whole: the main thread runs the same stage and reports the error as it would without workers.
 */
export function processTask(task: FileTask): FileOutcome {
  const read = readSource(task.absPath, task.maxSize);
  try {
    return outcomeOf(task, read);
  } catch {
    return read;
  }
}

/** A worker's loop: batches of tasks in, outcomes out on its port, a signal after each. */
export function runScanWorker(): void {
  const { port, signal } = workerData as { port: MessagePort; signal: Int32Array };
  parentPort?.on("message", (msg: { id: number; tasks: FileTask[] } | "stop") => {
    if (msg === "stop") {
      port.close();
      parentPort?.close();
      return;
    }
    const outcomes = msg.tasks.map(processTask);
    port.postMessage({ id: msg.id, outcomes });
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  });
}

/**
 * How many workers: `CREDLINT_WORKERS` (0: inline), else one per core but one — the main thread reads batches
 * too whenever it has no result to take — up to 3, when there are enough files and credlint runs from a
 * bundle (a worker runs the bundle's own file).
 */
export function workerCount(files: number, env: Readonly<Record<string, string | undefined>> = process.env): number {
  const wanted = env.CREDLINT_WORKERS?.trim();
  if (wanted !== undefined && wanted !== "") {
    const n = Number(wanted);
    return Number.isInteger(n) && n > 0 ? Math.min(n, 16) : 0;
  }
  if (files < MIN_FILES || !import.meta.url.endsWith(".mjs")) return 0;
  const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  return cores > 1 ? Math.min(cores - 1, 3) : 0;
}

interface PoolWorker {
  readonly worker: Worker;
  readonly port: MessagePort;
  inFlight: number;
}

/**
 * Runs the per-file stage over every task and calls `take` with each outcome in task order. With `workers`
 * of 0 it runs inline. The result never depends on the number of workers.
 */
export function processAll(tasks: readonly FileTask[], workers: number, take: (task: FileTask, outcome: FileOutcome) => void): void {
  if (workers < 1 || tasks.length === 0) {
    for (const t of tasks) take(t, processTask(t));
    return;
  }
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const pool: PoolWorker[] = [];
  for (let i = 0; i < workers; i++) {
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(fileURLToPath(import.meta.url), {
      workerData: { mark: WORKER_MARK, port: port2, signal },
      transferList: [port2],
      // A worker's own env is the process's: CREDLINT_REGEX_ENGINE and the rest apply there too.
      env: process.env,
    });
    worker.unref();
    pool.push({ worker, port: port1, inFlight: 0 });
  }
  const batches: FileTask[][] = [];
  for (let i = 0; i < tasks.length; i += BATCH) batches.push(tasks.slice(i, i + BATCH));
  const done = new Map<number, FileOutcome[]>();
  let next = 0;
  let emitted = 0;
  /** The batch this thread is reading itself, and the outcomes it has so far. */
  let own: { readonly id: number; readonly outcomes: FileOutcome[] } | undefined;
  const send = (): void => {
    for (const p of pool) {
      while (p.inFlight < IN_FLIGHT && next < batches.length) {
        p.worker.postMessage({ id: next, tasks: batches[next] });
        p.inFlight++;
        next++;
      }
    }
  };
  try {
    send();
    while (emitted < batches.length) {
      const seen = Atomics.load(signal, 0);
      let got = false;
      for (const p of pool) {
        for (let m = receiveMessageOnPort(p.port); m; m = receiveMessageOnPort(p.port)) {
          const msg = m.message as { id: number; outcomes: FileOutcome[] };
          done.set(msg.id, msg.outcomes);
          p.inFlight--;
          got = true;
        }
      }
      // Refill first, so that workers read on while this thread takes the results.
      if (got) send();
      // Results in batch order: the report is the same whatever finished first.
      for (let b = done.get(emitted); b; b = done.get(emitted)) {
        const batch = batches[emitted] ?? [];
        b.forEach((outcome, i) => {
          const task = batch[i];
          if (task) take(task, outcome);
        });
        done.delete(emitted);
        emitted++;
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
        if (task) own.outcomes.push(processTask(task));
        if (own.outcomes.length >= batch.length) {
          done.set(own.id, own.outcomes);
          own = undefined;
        }
      } else if (!got && emitted < batches.length) {
        // Wakes on a worker's signal; the timeout only guards against a worker that died.
        if (Atomics.wait(signal, 0, seen, 5000) === "timed-out" && pool.some((p) => p.inFlight > 0 && !isAlive(p))) {
          throw new Error("a scan worker stopped responding");
        }
      }
    }
  } finally {
    for (const p of pool) {
      p.worker.postMessage("stop");
      p.port.close();
      void p.worker.terminate();
    }
  }
}

function isAlive(p: PoolWorker): boolean {
  return p.worker.threadId > 0;
}
