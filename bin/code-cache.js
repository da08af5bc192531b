"use strict";
// V8's code cache for the CommonJS code credlint loads: the CLI bundle on the main thread (bin/credlint.js),
// the same bundle in each scan worker (src/scan/pool.ts), and `typescript` wherever code is parsed
// (src/formats/typescript-lib.ts). Compiling them is a fixed cost of every run and every worker: the bundle
// ~0.15 s of a core, TypeScript's 9 MB ~0.13 s more than loading it from a cache.
//
// A file loads through `load(file, kind)`: compiled with the cache of that file and kind when there is one; when
// there is none, or V8 rejects it, its code is noted, and `flush()` writes its cache — after the run on the
// main thread (so that it holds the functions the run compiled, not only the top level), after a few batches
// in a worker (which is terminated, not exited). The cache is an optimisation and nothing more: any problem
// with it (no writable folder, a folder another user owns, a cache V8 rejects) means the code is compiled as it
// would be without one.
//
//   CREDLINT_COMPILE_CACHE=0       no cache (also when Node's NODE_DISABLE_COMPILE_CACHE is set)
//   CREDLINT_COMPILE_CACHE=<dir>   the cache folder (default: <os.tmpdir()>/credlint-compile-cache-<uid>)
const fs = require("node:fs");
const path = require("node:path");
const Module = require("node:module");
const vm = require("node:vm");

/** Scripts compiled without a usable cache, and where their cache goes: written by `flush`, once. */
const pending = [];

/**
 * V8 flags set at run time (`setRuntimeFlag`, or `adoptRuntimeFlags` in a worker), each with V8's default.
 * V8 stamps a code cache with a hash of its flags and rejects a cache stamped otherwise, so a cache's file is
 * named after the run-time flags in force when its code loads (`flagTag`): a scan that keeps the young
 * generation small and one that does not each read caches made as they run, and no thread sets a flag back to
 * read one. (Setting them back for the length of a load had let the other threads' young generations grow:
 * the flags are the process's.)
 *
 * Starting a worker puts V8's semi-space growth factor back to at least 2 for the whole process (V8 clamps it
 * whenever it sets up a heap), and with it the flags' hash: each worker sets the run-time flags again before
 * it loads anything (`adoptRuntimeFlags`), and the main thread waits for that (src/scan/pool.ts `startPool`).
 */
const runtimeFlags = [];

/**
 * V8's flags are the process's: while one thread makes a cache with flags set for it (`flush`, for code loaded
 * before a flag was set), another must not set them back. One lock for the process, a word of shared memory
 * the main thread makes and hands to each worker (`getRuntimeFlags`).
 */
let lock;

/** Sets a V8 flag for the rest of the run (`name`: without `--`; `defaultValue`: V8's own); through `setArmedFlags`. */
function setRuntimeFlag(name, value, defaultValue) {
  lock ??= new Int32Array(new SharedArrayBuffer(4));
  runtimeFlags.push({ name, value, defaultValue });
  require("node:v8").setFlagsFromString(`--${name}=${value}`);
}

/**
 * Flags the run may set later, when the scan asks for them (`setArmedFlags`): bin/credlint.js decides whether a
 * flag is allowed (its command, the user's own V8 flags), the scan whether it is worth it (its size) and when
 * (`stage`: "scan" once it counts its files, "workers" when it starts workers).
 */
const armed = [];

function armRuntimeFlag(name, value, defaultValue, stage = "scan") {
  armed.push({ name, value, defaultValue, stage });
}

/** Sets the flags armed for `stage` (once each), before the scan starts its workers: they take the flags in `getRuntimeFlags`. */
function setArmedFlags(stage = "scan") {
  for (const f of armed.filter((a) => a.stage === stage)) {
    armed.splice(armed.indexOf(f), 1);
    setRuntimeFlag(f.name, f.value, f.defaultValue);
  }
}

/** The flags set at run time and the lock, for a worker thread to `adoptRuntimeFlags`. */
function getRuntimeFlags() {
  return { flags: runtimeFlags.map((f) => ({ ...f })), lock };
}

/**
 * In a worker, first thing: the main thread's run-time flags, set again (starting this worker's heap put V8's
 * growth factor back, see `runtimeFlags`). Returns whether there were any.
 */
function adoptRuntimeFlags(shared) {
  if (!shared || !Array.isArray(shared.flags) || !(shared.lock instanceof Int32Array)) return false;
  lock = shared.lock;
  const v8 = require("node:v8");
  for (const f of shared.flags) {
    runtimeFlags.push({ name: String(f.name), value: f.value, defaultValue: f.defaultValue });
    v8.setFlagsFromString(`--${f.name}=${f.value}`);
  }
  return runtimeFlags.length > 0;
}

/** The run-time flags in force, as a cache's name holds them ("" when none: V8's defaults). */
function flagTag(count = runtimeFlags.length) {
  return runtimeFlags
    .slice(0, count)
    .map((f) => `--${f.name}=${f.value}`)
    .join(" ");
}

/**
 * Takes the lock; after a second, goes on without it (a worker terminated while holding it must not stop the
 * run: the worst that can happen then is a cache the next run rejects and writes again).
 */
function acquire() {
  const deadline = Date.now() + 1000;
  while (Atomics.compareExchange(lock, 0, 0, 1) !== 0) {
    if (Date.now() > deadline) return false;
    Atomics.wait(lock, 0, 1, 20);
  }
  return true;
}

function release() {
  Atomics.store(lock, 0, 0);
  Atomics.notify(lock, 0, 1);
}

/**
 * Runs `fn` with only the first `count` run-time flags set (the later ones at V8's defaults), holding the lock:
 * to make a cache of code that loaded before those flags were set, stamped as its file's name says.
 */
function withFlagsAsAt(count, fn) {
  const later = runtimeFlags.slice(count);
  if (later.length === 0 || !lock) return fn();
  const v8 = require("node:v8");
  const held = acquire();
  try {
    for (const f of later) v8.setFlagsFromString(`--${f.name}=${f.defaultValue}`);
    try {
      return fn();
    } finally {
      for (const f of later) v8.setFlagsFromString(`--${f.name}=${f.value}`);
    }
  } finally {
    if (held) release();
  }
}

/** The cache folder, checked: undefined when there is to be no cache. */
function cacheDir() {
  const setting = process.env.CREDLINT_COMPILE_CACHE;
  if (setting === "0" || setting === "false" || process.env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  const uid = typeof process.getuid === "function" ? process.getuid() : undefined;
  const dir = setting ? path.resolve(setting) : path.join(require("node:os").tmpdir(), `credlint-compile-cache-${uid ?? "user"}`);
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = fs.lstatSync(dir);
    // Compiled code is run as is: never read a cache another user could have written.
    if (!stat.isDirectory() || (uid !== undefined && (stat.uid !== uid || (stat.mode & 0o022) !== 0))) return undefined;
  } catch {
    return undefined;
  }
  return dir;
}

/**
 * The cache file for code `identity` (what changes when the code does) and `kind` of run, for this Node and
 * machine. V8 checks a cache against the source's length only, so the name holds a digest of the identity.
 */
function cachePath(identity, kind) {
  const dir = cacheDir();
  if (!dir) return undefined;
  return path.join(dir, `credlint-${digest(`${identity}\0${process.version}\0${process.arch}\0${kind}`)}.bin`);
}

/**
 * 96 bits of FNV-1a (three 32-bit lanes, differently seeded) as 24 hex digits: a name, not a security
 * boundary (the folder is its user's own) — and loading `node:crypto` for it cost a pre-commit run 4 ms.
 */
function digest(text) {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  let c = 0x9e3779b9;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    a = Math.imul(a ^ ch, 0x01000193);
    b = Math.imul(b ^ ch, 0x01000193) ^ (b >>> 15);
    c = Math.imul(c ^ ch, 0x01000193) + i;
  }
  return [a, b, c].map((x) => (x >>> 0).toString(16).padStart(8, "0")).join("");
}

/**
 * Loads the CommonJS file `file` as `require` would, compiled with the code cache of `kind`. The file's path,
 * size, modification time and inode stand for its code (a rebuilt bundle or a reinstalled package is another
 * file: another cache); the run-time flags in force, for the flags V8 stamps it with. `write: false` leaves a missing cache unwritten (a run that compiles next to nothing).
 */
function load(file, kind, options = {}) {
  const source = fs.readFileSync(file, "utf8");
  const stat = fs.statSync(file);
  const flagCount = runtimeFlags.length;
  const flags = flagTag(flagCount);
  const cacheFile = cachePath(`${file}\0${stat.size}\0${stat.mtimeMs}\0${stat.ino}${flags ? `\0${flags}` : ""}`, kind);
  let cached;
  if (cacheFile) {
    try {
      cached = fs.readFileSync(cacheFile);
    } catch {
      cached = undefined;
    }
  }
  const script = new vm.Script(Module.wrap(source), {
    filename: file,
    cachedData: cached,
    importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  if (cacheFile && options.write !== false && (cached === undefined || script.cachedDataRejected)) pending.push({ file: cacheFile, script, flagCount });
  // A module as `require` makes it, and in `require.cache` as `require` keeps it: a later `require` of the same
  // file gets this one.
  const mod = new Module(file, null);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(path.dirname(file));
  require.cache[file] = mod;
  try {
    script.runInThisContext()(mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
  } catch (error) {
    delete require.cache[file];
    throw error;
  }
  mod.loaded = true;
  return mod.exports;
}

/** Writes the caches still to write, each atomically (a concurrent run reads the old file or the new one), and prunes old ones. */
function flush() {
  const dirs = new Set();
  for (const { file, script, flagCount } of pending.splice(0)) {
    const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      fs.writeFileSync(temp, withFlagsAsAt(flagCount, () => script.createCachedData()), { mode: 0o600 });
      fs.renameSync(temp, file);
      dirs.add(path.dirname(file));
    } catch {
      try {
        fs.unlinkSync(temp);
      } catch {
        // nothing was written
      }
    }
  }
  for (const dir of dirs) prune(dir);
}

/** Whether a cache is waiting to be written. */
function hasPending() {
  return pending.length > 0;
}

/**
 * Keeps the newest caches (four kinds — a scan's main thread, `--staged`, a worker, TypeScript — and other
 * bundles: versions, installs, rebuilds); deletes the rest.
 */
function prune(dir, keep = 10) {
  try {
    const caches = fs
      .readdirSync(dir)
      .filter((name) => /^credlint-[0-9a-f]{24}\.bin$/.test(name))
      .map((name) => ({ file: path.join(dir, name), mtime: fs.statSync(path.join(dir, name)).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime);
    for (const { file } of caches.slice(keep)) fs.unlinkSync(file);
  } catch {
    // a cache left behind costs disk space, nothing else
  }
}

module.exports = { load, flush, hasPending, armRuntimeFlag, setArmedFlags, getRuntimeFlags, adoptRuntimeFlags };
