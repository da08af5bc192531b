#!/usr/bin/env node
"use strict";
// The CLI is one committed esbuild bundle (npm run build): nothing to build on install, one file to load.
// This loader is CommonJS (bin/package.json) under the name it always had: npm keeps a package's bin links in
// npx's cache across upgrades, so a renamed bin would leave `npx credlint` pointing at nothing.
// Compiling that bundle (~1 MB) was a third of a pre-commit run (`credlint --staged`), so it is loaded with
// V8's code cache (./code-cache.js): the first run compiles and, as it exits, stores the compiled code; later
// runs deserialise it instead. The bundle is CommonJS because Node 20 can cache only scripts (`vm.Script`),
// not ES modules.
const path = require("node:path");

// A full scan runs in a child Node with a smaller young generation (see `respawn`); everything else here.
if (respawn()) return;

const bundle = path.join(__dirname, "..", "dist", "credlint.cjs");
const codeCache = require("./code-cache.js");
// Written after the run, so that it holds the functions the run compiled too, not only the top level; not
// after `--version` or `--help`, which compile next to nothing (a scan would then compile the rest each time).
const onlyPrints = process.argv.length === 3 && ["--version", "-v", "--help", "-h"].includes(process.argv[2]);
process.once("exit", () => codeCache.flush());
// One cache per kind of run: V8 deserialises every function a cache holds, so a pre-commit run loading the
// functions a full scan compiled pays for them (8 ms of a 110 ms `--staged`).
codeCache.load(bundle, process.argv.includes("--staged") ? "staged" : "run", { hashText: true, write: !onlyPrints });

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
