import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { run } from "../../src/cli/main.js";

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process with captured output. */
export function cli(args: readonly string[], cwd: string, env: Record<string, string | undefined> = {}, tty = false): CliRun {
  let stdout = "";
  let stderr = "";
  const code = run(args, {
    cwd,
    env,
    stdoutIsTTY: tty,
    writeStdout: (t) => {
      stdout += t;
    },
    writeStderr: (t) => {
      stderr += t;
    },
  });
  return { code, stdout, stderr };
}

/** A temporary folder with the given files (paths relative, `/`-separated). */
export function tempRepo(files: Readonly<Record<string, string | Buffer>>, options: { git?: boolean } = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), "credlint-test-"));
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  if (options.git) git(dir, "init", "-q");
  return dir;
}

export function git(dir: string, ...args: string[]): string {
  const r = spawnSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], { cwd: dir, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout;
}
