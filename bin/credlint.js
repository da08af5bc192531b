#!/usr/bin/env node
"use strict";
// The CLI is one committed esbuild bundle (npm run build): nothing to build on install, one file to load.
// This loader is CommonJS (bin/package.json) under the name it always had: npm keeps a package's bin links in
// npx's cache across upgrades, so a renamed bin would leave `npx credlint` pointing at nothing.
// Compiling that bundle (~1 MB) was a third of a pre-commit run (`credlint --staged`), so this loader keeps
// V8's code cache for it: the first run compiles and, as it exits, stores the compiled code; later runs
// deserialise it instead. The bundle is CommonJS because Node 20 can cache only scripts (`vm.Script`), not
// ES modules. The cache is an optimisation and nothing more: any problem with it (no writable folder, a
// folder another user owns, a cache V8 rejects) means the bundle is compiled as it would be without one.
//
//   CREDLINT_COMPILE_CACHE=0       no cache (also when Node's NODE_DISABLE_COMPILE_CACHE is set)
//   CREDLINT_COMPILE_CACHE=<dir>   the cache folder (default: <os.tmpdir()>/credlint-compile-cache-<uid>)
const fs = require("node:fs");
const path = require("node:path");
const Module = require("node:module");

// A full scan runs in a child Node with a smaller young generation (see `respawn`); everything else here.
if (respawn()) return;

const bundle = path.join(__dirname, "..", "dist", "credlint.cjs");
const source = fs.readFileSync(bundle, "utf8");
// One cache per kind of run: V8 deserialises every function a cache holds, so a pre-commit run loading the
// functions a full scan compiled pays for them (8 ms of a 110 ms `--staged`).
const cacheFile = cachePath(source, process.argv.includes("--staged") ? "staged" : "run");
let cached;
if (cacheFile) {
  try {
    cached = fs.readFileSync(cacheFile);
  } catch {
    cached = undefined;
  }
}

const vm = require("node:vm");
const script = new vm.Script(Module.wrap(source), {
  filename: bundle,
  cachedData: cached,
  importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
});
// Written after the run, so that it holds the functions the run compiled too, not only the top level; not
// after `--version` or `--help`, which compile next to nothing (a scan would then compile the rest each time).
const onlyPrints = process.argv.length === 3 && ["--version", "-v", "--help", "-h"].includes(process.argv[2]);
if (cacheFile && !onlyPrints && (cached === undefined || script.cachedDataRejected)) {
  process.once("exit", () => writeCache(cacheFile, script));
}
const mod = { exports: {}, filename: bundle, id: bundle, loaded: false };
script.runInThisContext()(mod.exports, Module.createRequire(bundle), mod, bundle, path.dirname(bundle));

/**
 * Whether this process handed the run to a child Node started with `--max-semi-space-size=4`. V8 sizes the
 * young generation when the process starts (flags set later are ignored), and with its default 16 MiB
 * semi-spaces the garbage of reading tens of thousands of files kept a scan's peak memory growing with the
 * repository (Pulumi, 44,000 files: 190 MiB; twice that: 307 MiB); with 4 MiB it is 204 MiB for both copies,
 * at the same speed (bench/README.md). Only scans respawn: `--staged` (a pre-commit hook, where start-up is
 * what counts), the subcommands and the print-and-exit options run here. The child inherits stdio and the
 * environment; signals are passed on, and its exit code or signal becomes this process's.
 *   CREDLINT_RESPAWN=0   run every command in this process
 */
function respawn() {
  const args = process.argv.slice(2);
  if (process.env.CREDLINT_RESPAWN === "0" || process.env.CREDLINT_RESPAWNED === "1") return false;
  if (process.execArgv.some((a) => /^--max-semi-space-size/.test(a)) || /--max-semi-space-size/.test(process.env.NODE_OPTIONS ?? "")) return false;
  const NOT_SCANS = new Set(["--staged", "-v", "--version", "-h", "--help", "--list-rules", "--print-config"]);
  if (args.some((a) => NOT_SCANS.has(a) || a.startsWith("--print-config="))) return false;
  if (["init", "explain", "install-hook"].includes(args[0] ?? "")) return false;
  const { spawn } = require("node:child_process");
  const child = spawn(process.execPath, [...process.execArgv, "--max-semi-space-size=4", __filename, ...args], {
    stdio: "inherit",
    env: { ...process.env, CREDLINT_RESPAWNED: "1" },
  });
  const signals = ["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT"];
  const forward = (signal) => child.kill(signal);
  for (const signal of signals) process.on(signal, forward);
  child.on("error", (error) => {
    process.stderr.write(`credlint: could not start Node (${error.message})\n`);
    process.exit(2);
  });
  child.on("exit", (code, signal) => {
    for (const s of signals) process.off(s, forward);
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 2);
  });
  return true;
}

/** The cache file for this bundle, Node and machine; undefined when there is to be no cache. */
function cachePath(text, kind) {
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
  // V8 checks a cache against the source's length only: the name holds a digest of the bundle's text.
  const key = require("node:crypto").createHash("sha1").update(text).update(`\0${process.version}\0${process.arch}\0${kind}`).digest("hex");
  return path.join(dir, `credlint-${key.slice(0, 24)}.bin`);
}

/** Writes the cache atomically (a concurrent run reads the old file or the new one), and prunes old ones. */
function writeCache(file, compiled) {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temp, compiled.createCachedData(), { mode: 0o600 });
    fs.renameSync(temp, file);
  } catch {
    try {
      fs.unlinkSync(temp);
    } catch {
      // nothing was written
    }
    return;
  }
  prune(path.dirname(file));
}

/** Keeps the newest caches (two kinds of run, other bundles: versions, installs, rebuilds); deletes the rest. */
function prune(dir, keep = 6) {
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
