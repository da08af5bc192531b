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
const codeCache = require("./code-cache.js");

keepHeapsSmall();

const bundle = path.join(__dirname, "..", "dist", "credlint.cjs");
// Written after the run, so that it holds the functions the run compiled too, not only the top level; not
// after `--version` or `--help`, which compile next to nothing (a scan would then compile the rest each time).
const onlyPrints = process.argv.length === 3 && ["--version", "-v", "--help", "-h"].includes(process.argv[2]);
process.once("exit", () => codeCache.flush());
// One cache per kind of run: V8 deserialises every function a cache holds, so a pre-commit run loading the
// functions a full scan compiled pays for them (8 ms of a 110 ms `--staged`).
codeCache.load(bundle, process.argv.includes("--staged") ? "staged" : "run", { write: !onlyPrints });

/**
 * Lets a large scan keep V8's heaps small, on every thread of the run. First, its young generation at its
 * initial size. With the default growth, the garbage of reading tens of thousands of files grew each thread's semi-spaces to 16 MiB,
 * and a scan's peak memory with the repository (Pulumi, 44,000 files: 190 MiB; twice that: 307 MiB). V8 reads
 * its size limits (`--max-semi-space-size`) only at start-up — credlint used to run every full scan in a child
 * Node started with that flag, ~40 MiB for the second process — but it reads the growth factor each time it
 * would grow the new space, so setting it at run time takes effect, for this thread and the workers started
 * later. Measured (whole process tree, same speed): Pulumi 186 → 142 MiB, localstack 280 → 225 MiB, the
 * bench's generated repository 317 → 234 MiB.
 *
 * The flag is armed here and set by the scan only when it has 3,000 files or more (src/scan/pool.ts
 * `sizeYoungGeneration`): a small young generation is collected more often, 3–8% of the time of scans of a
 * few thousand files (boto3, sentry-python, aws-cdk-examples), whose memory stays far below the limit anyway.
 * It is set as soon as git has listed the files: making Pulumi's 44,000 paths had grown the young generation
 * to V8's largest before the scan read a file (peak 164–170 → 148–153 MiB). V8 puts the growth back whenever
 * it sets up a heap, a worker's too: each worker sets the flag again before anything else, and the scan waits
 * for that (src/scan/pool.ts); code caches are kept apart by the flags they load under (./code-cache.js).
 * Second, once a scan starts workers (it proved long: src/scan/pool.ts), old generations that grow by 30%
 * between full collections instead of V8's factor for a machine with gigabytes (up to 4×: the main thread,
 * which keeps every file's model, reached ~150 MiB with ~55 MiB live). Alternating runs, four each:
 * serverless-patterns doubled 287–312 → 262–276 MiB for 2% more time, serverless-patterns 227–253 → 218–235
 * MiB, Pulumi and the generated repository doubled the same (their workers start later). Not for every scan
 * of 3,000 files: set from the start, it made moto and localstack, which read alone, 10–13% slower.
 * A Node given its own semi-space flag is left as it is (one given its own heap growth keeps that), and so are
 * runs that scan nothing or only what is staged.
 *   CREDLINT_GC_TUNING=0   leave V8's defaults
 */
function keepHeapsSmall() {
  if (process.env.CREDLINT_GC_TUNING === "0") return;
  // Not where start-up is what counts (a pre-commit hook's `--staged`) or nothing is scanned.
  const args = process.argv.slice(2);
  const NOT_SCANS = new Set(["--staged", "-v", "--version", "-h", "--help", "--list-rules", "--print-config"]);
  if (args.some((a) => NOT_SCANS.has(a) || a.startsWith("--print-config="))) return;
  if (["init", "explain", "install-hook"].includes(args[0] ?? "")) return;
  if (process.execArgv.some((a) => /^--(?:max|min)-semi-space-size/.test(a)) || /--(?:max|min)-semi-space-size/.test(process.env.NODE_OPTIONS ?? "")) return;
  // Through the code cache, which names its caches after the flags in force (./code-cache.js).
  codeCache.armRuntimeFlag("semi-space-growth-factor", 1, 2);
  if (!process.execArgv.some((a) => a.startsWith("--heap-growing-percent")) && !/--heap-growing-percent/.test(process.env.NODE_OPTIONS ?? "")) {
    codeCache.armRuntimeFlag("heap-growing-percent", 30, 0, "workers");
  }
}
