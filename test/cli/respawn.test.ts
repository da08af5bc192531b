/**
 * bin/credlint.js runs a full scan in a child Node with a smaller young generation (peak memory that does not
 * grow with the repository). The child must be invisible: the same report and exit code as a scan in one
 * process, signals passed on, and no respawn where start-up is what counts (`--staged`) or nothing is scanned.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/generate.js";

const BIN = path.join(ROOT, "bin/credlint.js");

/** A preload that records each Node process of the run: its pid, whether it is the child, its V8 flags. */
function probe(): { file: string; preload: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "credlint-respawn-"));
  const file = path.join(dir, "processes.txt");
  const preload = path.join(dir, "probe.cjs");
  writeFileSync(
    preload,
    `require("node:fs").appendFileSync(${JSON.stringify(file)}, [process.pid, process.env.CREDLINT_RESPAWNED === "1" ? "child" : "parent", process.execArgv.filter((a) => a.startsWith("--max-semi")).join(" ")].join(" ") + "\\n");\n`,
  );
  writeFileSync(file, "");
  return { file, preload };
}

function lines(file: string): string[] {
  return readFileSync(file, "utf8").trim().split("\n").filter(Boolean);
}

function run(args: readonly string[], env: Record<string, string> = {}, cwd = ROOT) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", ...env }, maxBuffer: 64 * 1024 * 1024 });
}

describe("full scans in a child Node (bin/credlint.js respawn)", () => {
  it("scans in a child started with --max-semi-space-size=4, with the same report and exit code", () => {
    const p = probe();
    const args = ["--format", "json", "fixtures/region-mismatch"];
    const respawned = run(args, { NODE_OPTIONS: `--require ${p.preload}` });
    expect(lines(p.file).map((l) => l.split(" ").slice(1).join(" ").trim())).toEqual(["parent", "child --max-semi-space-size=4"]);
    const inline = run(args, { CREDLINT_RESPAWN: "0" });
    expect(respawned.status).toBe(1);
    expect(inline.status).toBe(1);
    expect(respawned.stdout).toBe(inline.stdout);
    expect(respawned.stderr).toBe(inline.stderr);
    // A usage error's exit code comes through too.
    expect(run(["--format", "nonsense", "fixtures/demo"]).status).toBe(2);
  }, 60_000);

  it("does not respawn for --staged, --version, subcommands, CREDLINT_RESPAWN=0, or a Node already given the flag", () => {
    const repo = mkdtempSync(path.join(os.tmpdir(), "credlint-respawn-staged-"));
    spawnSync("git", ["init", "-q"], { cwd: repo });
    writeFileSync(path.join(repo, ".env"), "AWS_REGION=us-east-1\n");
    spawnSync("git", ["add", ".env"], { cwd: repo });
    const cases: [readonly string[], Record<string, string>, string][] = [
      [["--staged"], {}, repo],
      [["--version"], {}, ROOT],
      [["explain", "region-mismatch"], {}, ROOT],
      [["--format", "json", "fixtures/demo"], { CREDLINT_RESPAWN: "0" }, ROOT],
    ];
    for (const [args, env, cwd] of cases) {
      const p = probe();
      run(args, { ...env, NODE_OPTIONS: `--require ${p.preload}` }, cwd);
      expect(lines(p.file), args.join(" ")).toHaveLength(1);
    }
    const p = probe();
    spawnSync(process.execPath, ["--max-semi-space-size=8", BIN, "--format", "json", "fixtures/demo"], { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: `--require ${p.preload}` } });
    expect(lines(p.file)).toHaveLength(1);
  }, 60_000);

  it("passes SIGTERM on to the child and ends with it", async () => {
    const p = probe();
    const parent = spawn(process.execPath, [BIN, "--format", "json", "fixtures"], { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: `--require ${p.preload}` }, stdio: "ignore" });
    // Wait for the child to start.
    const started = Date.now();
    while (lines(p.file).length < 2 && Date.now() - started < 20_000) await new Promise((r) => setTimeout(r, 20));
    const child = Number(lines(p.file).find((l) => l.includes("child"))?.split(" ")[0]);
    expect(child).toBeGreaterThan(0);
    const exited = new Promise<NodeJS.Signals | null>((resolve) => parent.on("exit", (_code, signal) => resolve(signal)));
    parent.kill("SIGTERM");
    expect(await exited).toBe("SIGTERM");
    const alive = (): boolean => {
      try {
        process.kill(child, 0);
        return true;
      } catch {
        return false;
      }
    };
    const waited = Date.now();
    while (alive() && Date.now() - waited < 5000) await new Promise((r) => setTimeout(r, 20));
    expect(alive()).toBe(false);
  }, 60_000);
});
