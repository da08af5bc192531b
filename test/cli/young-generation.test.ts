/**
 * A large scan keeps V8's young generation at its initial size (`--semi-space-growth-factor=1`, armed by
 * bin/credlint.js and set at run time by the scan once it has 3,000 files: V8 reads it whenever it would grow
 * the new space), so that its peak memory does not grow with the repository; with workers, its old
 * generations also grow by 30% between full collections (`--heap-growing-percent=30`). It replaced a child
 * Node started with `--max-semi-space-size=4` (a second process, ~40 MiB): every run is one process now, with
 * the same report. Smaller scans keep V8's default growth (faster there), and `--staged`, where start-up is
 * what counts, is left as it was. The memory itself is measured by the bench (bench/README.md), not here.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/generate.js";

const BIN = path.join(ROOT, "bin/credlint.js");

/** A preload that records each Node process that loads it, and every V8 flag set at run time. */
function probe(): { file: string; preload: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "credlint-young-"));
  const file = path.join(dir, "log.txt");
  const preload = path.join(dir, "probe.cjs");
  writeFileSync(
    preload,
    [
      `const fs = require("node:fs"); const v8 = require("node:v8"); const log = (line) => fs.appendFileSync(${JSON.stringify(file)}, line + "\\n");`,
      `log("process " + process.pid);`,
      `const set = v8.setFlagsFromString; v8.setFlagsFromString = function (flags) { log("flags " + flags); return set.call(this, flags); };`,
    ].join("\n"),
  );
  writeFileSync(file, "");
  return { file, preload };
}

const lines = (file: string): string[] => readFileSync(file, "utf8").trim().split("\n").filter(Boolean);

function run(args: readonly string[], env: Record<string, string> = {}, nodeArgs: readonly string[] = []) {
  return spawnSync(process.execPath, [...nodeArgs, BIN, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", ...env }, maxBuffer: 64 * 1024 * 1024 });
}

describe("the young generation (bin/credlint.js)", () => {
  it("a scan of 3,000 files runs in one process that keeps the young generation small; the report is the one V8's defaults give", () => {
    const repo = mkdtempSync(path.join(os.tmpdir(), "credlint-young-large-"));
    for (let i = 0; i < 3000; i++) {
      const dir = path.join(repo, `pkg-${Math.floor(i / 100)}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, `note-${i}.txt`), `note ${i}: nothing to see\n`);
    }
    writeFileSync(path.join(repo, ".env"), "AWS_REGION=us-east1\n");
    const p = probe();
    const args = ["--format", "json", repo];
    // Without the code cache, which may set V8's default back for a moment, to make a cache of code that
    // loaded before the flag was set (bin/code-cache.js `flush`, as the process exits).
    const tuned = run(args, { NODE_OPTIONS: `--require ${p.preload}`, CREDLINT_WORKERS: "1", CREDLINT_COMPILE_CACHE: "0" });
    const log = lines(p.file);
    // One process (its worker thread loads the preload too, under the same pid).
    expect(new Set(log.filter((l) => l.startsWith("process")))).toHaveProperty("size", 1);
    // Set by the main thread, and again by the worker (setting up its heap put V8's growth back): never unset.
    // The worker's young generation is made at its own size (src/scan/pool.ts `startPool`), V8's default
    // set back once it is made, before the worker loads anything.
    // With workers, the old generation's growth between full collections (30%) is set too, by both threads.
    expect(log.filter((l) => l.startsWith("flags"))).toEqual([
      "flags --semi-space-growth-factor=1",
      "flags --heap-growing-percent=30",
      "flags --min-semi-space-size=4",
      "flags --semi-space-growth-factor=1",
      "flags --heap-growing-percent=30",
      "flags --min-semi-space-size=0",
    ]);
    const defaults = run(args, { CREDLINT_GC_TUNING: "0", CREDLINT_WORKERS: "1" });
    expect(tuned.status).toBe(1);
    expect(defaults.status).toBe(1);
    expect(JSON.parse(tuned.stdout).findings.length).toBeGreaterThan(0);
    expect(tuned.stdout).toBe(defaults.stdout);
    expect(tuned.stderr).toBe(defaults.stderr);
  }, 120_000);

  it("sets the old generation's growth only with workers, and keeps the one a Node is given", () => {
    const repo = mkdtempSync(path.join(os.tmpdir(), "credlint-young-growth-"));
    for (let i = 0; i < 3000; i++) {
      const dir = path.join(repo, `pkg-${Math.floor(i / 100)}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, `note-${i}.txt`), `note ${i}: nothing to see\n`);
    }
    for (const [workers, nodeArgs, expected] of [
      ["0", [], ["flags --semi-space-growth-factor=1"]],
      ["1", ["--heap-growing-percent=50"], ["flags --semi-space-growth-factor=1", "flags --min-semi-space-size=4", "flags --semi-space-growth-factor=1", "flags --min-semi-space-size=0"]],
    ] as const) {
      const p = probe();
      const r = run(["--format", "json", repo], { NODE_OPTIONS: `--require ${p.preload}`, CREDLINT_WORKERS: workers, CREDLINT_COMPILE_CACHE: "0" }, nodeArgs);
      expect(r.status, r.stderr).toBe(0);
      expect(lines(p.file).filter((l) => l.startsWith("flags")), workers).toEqual(expected);
    }
  }, 60_000);

  it("leaves V8's growth as it is for a smaller scan, with or without workers", () => {
    for (const workers of ["0", "1"]) {
      const p = probe();
      const r = run(["--format", "json", "fixtures/region-mismatch"], { NODE_OPTIONS: `--require ${p.preload}`, CREDLINT_WORKERS: workers });
      expect(r.status, workers).toBe(1);
      expect(lines(p.file).filter((l) => l.startsWith("flags")), workers).toEqual([]);
    }
  }, 60_000);

  it("leaves V8 as it is for --staged, --version and subcommands (start-up is what counts there)", () => {
    const repo = mkdtempSync(path.join(os.tmpdir(), "credlint-young-staged-"));
    spawnSync("git", ["init", "-q"], { cwd: repo });
    writeFileSync(path.join(repo, ".env"), "AWS_REGION=us-east-1\n");
    spawnSync("git", ["add", ".env"], { cwd: repo });
    for (const [args, cwd] of [
      [["--staged"], repo],
      [["--version"], ROOT],
      [["explain", "region-mismatch"], ROOT],
    ] as const) {
      const p = probe();
      const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", env: { ...process.env, NODE_OPTIONS: `--require ${p.preload}` } });
      expect(r.status, args.join(" ")).toBe(0);
      expect(lines(p.file).filter((l) => l.startsWith("flags")), args.join(" ")).toEqual([]);
    }
  }, 60_000);

  it("leaves V8 as it is with CREDLINT_GC_TUNING=0, or when Node is given a semi-space size of its own", () => {
    for (const [env, nodeArgs] of [
      [{ CREDLINT_GC_TUNING: "0" }, []],
      [{}, ["--max-semi-space-size=8"]],
      [{ EXTRA: "--max-semi-space-size=8" }, []],
    ] as const) {
      const p = probe();
      const options = "EXTRA" in env ? `--require ${p.preload} ${env.EXTRA}` : `--require ${p.preload}`;
      const r = run(["--format", "json", "fixtures/demo"], { ...env, NODE_OPTIONS: options }, nodeArgs);
      expect(r.status, JSON.stringify(env)).toBe(1);
      expect(lines(p.file).filter((l) => l.startsWith("flags")), JSON.stringify([env, nodeArgs])).toEqual([]);
    }
  }, 60_000);
});
