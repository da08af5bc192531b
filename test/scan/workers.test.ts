/**
 * The parse stage on worker threads (src/scan/pool.ts) changes nothing in the output: the committed CLI
 * bundle gives byte-identical JSON and SARIF with no workers, one, two and three (the main thread reads
 * batches too), on the fixtures and on a
 * generated repository where most files are inert and findings sit in files spread over every batch — nor
 * when a scan starts its workers by itself, partway through.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/generate.js";
import { tempRepo } from "../support/cli.js";
import { fakeKeyId, fakePassword, fakeSecret } from "../support/fake-secrets.js";

function credlint(args: readonly string[], cwd: string, workers: number, env: Record<string, string> = {}): string {
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin/credlint.js"), ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, CREDLINT_WORKERS: String(workers), NO_COLOR: "1", ...env },
    timeout: 120_000,
    // The fixtures' JSON report is over a MiB (spawnSync's default buffer).
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`credlint exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

/** `count` files: code and prose with nothing to report, and every 37th file something that matters. */
function generatedRepo(count = 900): string {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const dir = `svc${i % 9}/pkg${i % 13}`;
    if (i % 37 === 0) files[`${dir}/settings_${i}.py`] = `import os\n\nAWS_ACCESS_KEY_ID = "${fakeKeyId(7000 + i)}"\nAWS_SECRET_ACCESS_KEY = "${fakeSecret(7000 + i)}"\n`;
    else if (i % 37 === 1) files[`${dir}/.env.${i}`] = `AWS_REGION=us-east${i % 3}\nDB_PASSWORD=${fakePassword(7000 + i, 24)}\n`;
    else if (i % 37 === 2) files[`${dir}/client_${i}.ts`] = `import { S3Client } from "@aws-sdk/client-s3";\nexport const c = new S3Client({ region: "eu-west-1${"abc"[i % 3]}" });\n`;
    else files[`${dir}/mod_${i}.ts`] = `export function f${i}(x: number): number {\n  return x * ${i};\n}\n`;
  }
  files["README.md"] = "# generated\n";
  return tempRepo(files, { git: true });
}

describe("worker threads", () => {
  it("the fixtures: the same report with 0, 1, 2 and 3 workers", () => {
    const fixtures = path.join(ROOT, "fixtures");
    const base = credlint(["--format", "json", fixtures], ROOT, 0);
    expect(JSON.parse(base).findings.length).toBeGreaterThan(50);
    expect(credlint(["--format", "json", fixtures], ROOT, 1)).toBe(base);
    expect(credlint(["--format", "json", fixtures], ROOT, 2)).toBe(base);
    expect(credlint(["--format", "json", fixtures], ROOT, 3)).toBe(base);
  });

  it("a generated repository: the same JSON and SARIF, and the inert files are counted", () => {
    const dir = generatedRepo();
    const json = credlint(["--format", "json", "."], dir, 0);
    const report = JSON.parse(json) as { stats: { filesScanned: number }; findings: { path: string }[] };
    expect(report.stats.filesScanned).toBe(901);
    // Findings from files early, in the middle and late in the file list: every batch is taken in order.
    const paths = new Set(report.findings.map((f) => f.path.split("/")[0]));
    expect(paths.size).toBe(9);
    expect(credlint(["--format", "json", "."], dir, 1)).toBe(json);
    expect(credlint(["--format", "json", "."], dir, 2)).toBe(json);
    expect(credlint(["--format", "json", "."], dir, 3)).toBe(json);
    const sarif = credlint(["--format", "sarif", "."], dir, 0);
    expect(credlint(["--format", "sarif", "."], dir, 2)).toBe(sarif);
  });

  it("a scan that starts its workers partway (it proved long) gives the report of a scan without them", () => {
    const dir = generatedRepo(3200);
    const inline = credlint(["--format", "json", "."], dir, 0);
    expect(JSON.parse(inline).stats.filesScanned).toBe(3201);
    // A preload that notes each thread it runs in: workers load it too.
    const probeDir = mkdtempSync(path.join(os.tmpdir(), "credlint-lazy-"));
    const log = path.join(probeDir, "threads.txt");
    const preload = path.join(probeDir, "probe.cjs");
    writeFileSync(preload, `require("node:fs").appendFileSync(${JSON.stringify(log)}, (require("node:worker_threads").isMainThread ? "main" : "worker") + "\\n");\n`);
    const threads = (): string[] => readFileSync(log, "utf8").trim().split("\n");
    for (const [bar, workers] of [["0", true], ["1000000", false]] as const) {
      writeFileSync(log, "");
      const out = credlint(["--format", "json", "."], dir, 0, { CREDLINT_WORKERS: "", CREDLINT_LAZY_WORKERS_MS: bar, NODE_OPTIONS: `--require ${preload}` });
      expect(out, bar).toBe(inline);
      expect(threads().filter((t) => t === "main"), bar).toHaveLength(1);
      expect(threads().includes("worker"), bar).toBe(workers);
    }
  }, 120_000);

  // Linux shows a dead thread in /proc; elsewhere the pool cannot tell, and workers get no heap cap.
  it.skipIf(!existsSync("/proc/thread-self"))("workers that die (their heap cap reached) cost time, never a file: the main thread reads their batches", () => {
    const dir = generatedRepo();
    const run = (workers: number, env: Record<string, string> = {}) =>
      spawnSync(process.execPath, [path.join(ROOT, "bin/credlint.js"), "--format", "json", "."], {
        cwd: dir,
        encoding: "utf8",
        env: { ...process.env, CREDLINT_WORKERS: String(workers), ...env },
        timeout: 120_000,
      });
    const inline = run(0);
    expect(inline.status).toBe(1);
    // 12 MiB is too little to parse TypeScript (or even to load the bundle): every worker dies, sooner or later.
    for (const [workers, mb] of [[2, "12"], [3, "24"]] as const) {
      const r = run(workers, { CREDLINT_WORKER_HEAP_MB: mb });
      expect(r.stdout).toBe(inline.stdout);
      expect(r.stderr).toBe("");
      expect(r.status).toBe(inline.status);
    }
  }, 120_000);
});
