/**
 * bin/credlint.js keeps V8's code cache for the CLI bundle. The cache may only ever change how fast credlint
 * starts: the same report with no cache, a fresh one, a reused one and a corrupt one; never a cache in a folder
 * another user could write; none when switched off.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/generate.js";

const BIN = path.join(ROOT, "bin/credlint.js");
const FIXTURE = path.join(ROOT, "fixtures/region-mismatch");

function run(cache: string, args: readonly string[] = ["--format", "json", FIXTURE]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, CREDLINT_COMPILE_CACHE: cache, NO_COLOR: "1", CREDLINT_WORKERS: "0" },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const caches = (dir: string): string[] => readdirSync(dir).filter((name) => name.endsWith(".bin"));

/** A folder that does not exist yet, in a new temporary folder. */
function freshDir(): string {
  return path.join(mkdtempSync(path.join(os.tmpdir(), "credlint-cache-test-")), "cache");
}

describe("the CLI's compile cache (bin/credlint.js)", () => {
  it("is written by the first run, reused by the next, and changes nothing in the report", () => {
    const dir = freshDir();
    const without = run("0");
    expect(without.status).toBe(1);
    const first = run(dir);
    expect(caches(dir)).toHaveLength(1);
    const file = path.join(dir, caches(dir)[0] ?? "");
    const written = statSync(file);
    expect(written.size).toBeGreaterThan(100_000);
    expect(written.mode & 0o077).toBe(0);
    expect(statSync(dir).mode & 0o077).toBe(0);
    const second = run(dir);
    // Accepted, so not written again.
    expect(statSync(file).mtimeMs).toBe(written.mtimeMs);
    for (const r of [first, second]) {
      expect(r.status).toBe(1);
      expect(r.stderr).toBe(without.stderr);
      expect(r.stdout).toBe(without.stdout);
    }
  }, 60_000);

  it("replaces a cache V8 rejects, and the run is still right", () => {
    const dir = freshDir();
    const reference = run("0").stdout;
    run(dir);
    const file = path.join(dir, caches(dir)[0] ?? "");
    writeFileSync(file, Buffer.alloc(statSync(file).size, 0x5a));
    const r = run(dir);
    expect(r.stdout).toBe(reference);
    expect(r.stderr).toBe("");
    // Rewritten with V8's data, not left as it was.
    expect(readFileSync(file).subarray(0, 64).every((byte) => byte === 0x5a)).toBe(false);
    expect(run(dir).stdout).toBe(reference);
  }, 60_000);

  it.skipIf(typeof process.getuid !== "function")("is never read from or written to a folder others can write", () => {
    const dir = freshDir();
    mkdirSync(dir);
    chmodSync(dir, 0o777);
    const r = run(dir);
    expect(r.status).toBe(1);
    expect(caches(dir)).toEqual([]);
  }, 60_000);

  it("is not written when switched off, or by --version (which compiles next to nothing)", () => {
    const dir = freshDir();
    mkdirSync(dir, { mode: 0o700 });
    const version = run(dir, ["--version"]);
    expect(version.status).toBe(0);
    expect(caches(dir)).toEqual([]);
    const off = spawnSync(process.execPath, [BIN, "--format", "json", FIXTURE], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, CREDLINT_COMPILE_CACHE: "0", TMPDIR: dir, CREDLINT_WORKERS: "0" },
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(off.status).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);

  it("keeps the six newest caches (other bundles, other kinds of run) and deletes older ones", () => {
    const dir = freshDir();
    mkdirSync(dir, { mode: 0o700 });
    const old = Array.from({ length: 8 }, (_, i) => `credlint-${String(i).repeat(24)}.bin`);
    old.forEach((name, i) => {
      writeFileSync(path.join(dir, name), "stale");
      const when = new Date(Date.UTC(2026, 0, 1 + i));
      utimesSync(path.join(dir, name), when, when);
    });
    writeFileSync(path.join(dir, "notes.txt"), "not a cache");
    run(dir);
    const left = caches(dir);
    expect(left).toHaveLength(6);
    // The new cache and the five newest of the others.
    expect(left).toEqual(expect.arrayContaining(old.slice(3)));
    expect(readdirSync(dir)).toContain("notes.txt");
  }, 60_000);

  it("keeps a cache per kind of run: --staged does not load what a full scan compiled", () => {
    const dir = freshDir();
    const repo = mkdtempSync(path.join(os.tmpdir(), "credlint-cache-staged-"));
    spawnSync("git", ["init", "-q"], { cwd: repo });
    writeFileSync(path.join(repo, ".env"), "AWS_REGION=us-east-1\n");
    spawnSync("git", ["add", ".env"], { cwd: repo });
    run(dir);
    expect(caches(dir)).toHaveLength(1);
    const staged = spawnSync(process.execPath, [BIN, "--staged"], { cwd: repo, encoding: "utf8", env: { ...process.env, CREDLINT_COMPILE_CACHE: dir } });
    expect(staged.status).toBe(0);
    expect(caches(dir)).toHaveLength(2);
  }, 60_000);
});
