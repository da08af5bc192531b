/**
 * bin/credlint.js keeps V8's code cache (bin/code-cache.js) for the CLI bundle on the main thread, for the same
 * bundle in the scan's workers, and for TypeScript. The cache may only ever change how fast credlint starts:
 * the same report with no cache, a fresh one, a reused one and a corrupt one; never a cache in a folder
 * another user could write; none when switched off.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/generate.js";
import { tempRepo } from "../support/cli.js";

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
    // The bundle's, and TypeScript's: the fixture holds SDK calls in TypeScript.
    expect(caches(dir)).toHaveLength(2);
    const written = caches(dir).map((name) => statSync(path.join(dir, name)));
    const sizes = written.map((w) => w.size).sort((a, b) => a - b);
    expect(sizes[0]).toBeGreaterThan(100_000);
    // TypeScript's is the larger (9 MB of source).
    expect(sizes[1]).toBeGreaterThan(1_000_000);
    for (const w of written) expect(w.mode & 0o077).toBe(0);
    expect(statSync(dir).mode & 0o077).toBe(0);
    const second = run(dir);
    // Accepted, so not written again.
    expect(caches(dir).map((name) => statSync(path.join(dir, name)).mtimeMs)).toEqual(written.map((w) => w.mtimeMs));
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

  it("keeps the ten newest caches (other bundles, other kinds of run) and deletes older ones", () => {
    const dir = freshDir();
    mkdirSync(dir, { mode: 0o700 });
    const old = Array.from({ length: 12 }, (_, i) => `credlint-${i.toString(16).repeat(24)}.bin`);
    old.forEach((name, i) => {
      writeFileSync(path.join(dir, name), "stale");
      const when = new Date(Date.UTC(2026, 0, 1 + i));
      utimesSync(path.join(dir, name), when, when);
    });
    writeFileSync(path.join(dir, "notes.txt"), "not a cache");
    run(dir);
    const left = caches(dir);
    expect(left).toHaveLength(10);
    // The two new caches (the bundle's, TypeScript's) and the eight newest of the others.
    expect(left).toEqual(expect.arrayContaining(old.slice(4)));
    expect(readdirSync(dir)).toContain("notes.txt");
  }, 60_000);

  it("keeps a cache per kind of run: --staged does not load what a full scan compiled", () => {
    const dir = freshDir();
    const repo = mkdtempSync(path.join(os.tmpdir(), "credlint-cache-staged-"));
    spawnSync("git", ["init", "-q"], { cwd: repo });
    writeFileSync(path.join(repo, ".env"), "AWS_REGION=us-east-1\n");
    spawnSync("git", ["add", ".env"], { cwd: repo });
    run(dir);
    expect(caches(dir)).toHaveLength(2);
    const staged = spawnSync(process.execPath, [BIN, "--staged"], { cwd: repo, encoding: "utf8", env: { ...process.env, CREDLINT_COMPILE_CACHE: dir } });
    expect(staged.status).toBe(0);
    expect(caches(dir)).toHaveLength(3);
  }, 60_000);

  it("workers load the bundle and TypeScript from caches of their own, written while they run; the report is the same", () => {
    const dir = freshDir();
    const files: Record<string, string> = {};
    // A worker (CREDLINT_WORKERS=1, whatever the number of files); code with SDK calls all along the list.
    for (let i = 0; i < 480; i++) {
      files[`svc${i % 6}/mod${i}.ts`] =
        i % 5 === 0
          ? `import { S3Client } from "@aws-sdk/client-s3";\nexport const c${i} = new S3Client({ region: "eu-west-${(i % 3) + 1}" });\n`
          : `export function f${i}(x: number): number {\n  return x + ${i};\n}\n`;
    }
    files["svc0/late.ts"] = `import { S3Client } from "@aws-sdk/client-s3";\nexport const late = new S3Client({ region: "us-east-1a" });\n`;
    const repo = tempRepo(files, { git: true });
    const scan = (cache: string) =>
      spawnSync(process.execPath, [BIN, "--format", "json", "."], {
        cwd: repo,
        encoding: "utf8",
        env: { ...process.env, CREDLINT_COMPILE_CACHE: cache, NO_COLOR: "1", CREDLINT_WORKERS: "1" },
        maxBuffer: 64 * 1024 * 1024,
      });
    const reference = scan("0");
    expect(reference.status).toBe(1);
    const first = scan(dir);
    // The main thread's bundle, the worker's bundle, TypeScript (one cache for both threads).
    expect(caches(dir)).toHaveLength(3);
    const written = caches(dir).map((name) => statSync(path.join(dir, name)).mtimeMs);
    const second = scan(dir);
    expect(caches(dir).map((name) => statSync(path.join(dir, name)).mtimeMs)).toEqual(written);
    for (const r of [first, second]) {
      expect(r.stdout).toBe(reference.stdout);
      expect(r.stderr).toBe(reference.stderr);
    }
  }, 120_000);
  it("a scan long enough to keep its young generation small keeps it so once a worker starts, and its caches are accepted next time", () => {
    // From 3,000 files the scan sets V8's young-generation growth factor to 1 (bin/credlint.js); setting up a
    // worker's heap puts it back to 2 for the whole process, so each worker sets it again and the scan waits.
    // A preloaded probe reports the main thread's new space as the process exits.
    const dir = freshDir();
    const files: Record<string, string> = {};
    for (let i = 0; i < 3200; i++) {
      files[`pkg${i % 40}/src/m${i}.ts`] =
        i % 4 === 0
          ? `import { S3Client } from "@aws-sdk/client-s3";\nexport const client${i} = new S3Client({ region: "eu-west-${(i % 3) + 1}", maxAttempts: ${i % 7} });\n`
          : `export interface Row${i} { id: string; total: number }\nexport function sum${i}(rows: Row${i}[]): number {\n  return rows.reduce((n, r) => n + r.total + ${i}, 0);\n}\n`;
    }
    files["pkg7/src/late.ts"] = `import { S3Client } from "@aws-sdk/client-s3";\nexport const late = new S3Client({ region: "us-east-1a" });\n`;
    const repo = tempRepo(files, { git: true });
    const probe = path.join(repo, "..", `probe-${path.basename(repo)}.cjs`);
    writeFileSync(
      probe,
      `const { isMainThread } = require("node:worker_threads");
if (isMainThread) process.on("exit", () => {
  const space = require("node:v8").getHeapSpaceStatistics().find((s) => s.space_name === "new_space");
  require("node:fs").writeSync(2, "new space: " + space.space_size + "\\n");
});
`,
    );
    const scan = () =>
      spawnSync(process.execPath, ["-r", probe, BIN, "--format", "json", "."], {
        cwd: repo,
        encoding: "utf8",
        env: { ...process.env, CREDLINT_COMPILE_CACHE: dir, NO_COLOR: "1", CREDLINT_WORKERS: "1" },
        maxBuffer: 64 * 1024 * 1024,
      });
    const newSpace = (stderr: string): number => Number(/new space: (\d+)/.exec(stderr)?.[1]);
    const first = scan();
    expect(first.status, first.stderr).toBe(1);
    expect(JSON.parse(first.stdout).findings.length).toBeGreaterThan(0);
    // V8's initial young generation here is 1 MiB a semi-space; grown, it is 16.
    expect(newSpace(first.stderr)).toBeGreaterThan(0);
    expect(newSpace(first.stderr)).toBeLessThanOrEqual(4 * 1024 * 1024);
    // The main thread's bundle, the worker's bundle, TypeScript (loaded with the flag set, by both threads).
    expect(caches(dir)).toHaveLength(3);
    const written = caches(dir).map((name) => statSync(path.join(dir, name)).mtimeMs);
    const second = scan();
    // Accepted, so not written again: the flags each was stamped with are the flags it is read with.
    expect(caches(dir).map((name) => statSync(path.join(dir, name)).mtimeMs)).toEqual(written);
    expect(newSpace(second.stderr)).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(second.stdout).toBe(first.stdout);
  }, 180_000);
});
