/**
 * End to end with the real pre-commit tool (Debian package `pre-commit`): install credlint's hooks from a
 * local clone of this repository, as pre-commit installs any hook repository (`npm install` + `npm pack` +
 * `npm install -g` of the tarball, with the system Node), then commit through it in a scratch repository.
 *
 * Slow (an npm install, a few minutes): it runs with CREDLINT_E2E=1, which .ci/run sets after installing
 * pre-commit; a plain `npm test` skips it, visibly.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const hasPreCommit = spawnSync("pre-commit", ["--version"]).status === 0;
const required = process.env.CREDLINT_E2E === "1";

function run(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  return spawnSync(cmd, args, { cwd, encoding: "utf8", env: { ...process.env, ...env }, timeout: 600_000 });
}

describe.runIf(required)("pre-commit framework hooks", () => {
  it("blocks a commit with a credential mistake and lets a clean one through, for both hooks", () => {
    expect(hasPreCommit, "pre-commit must be installed (apt-get install pre-commit)").toBe(true);
    // A clone of this checkout at a commit that includes the working tree as it is now.
    const work = mkdtempSync(path.join(tmpdir(), "credlint-precommit-"));
    const hookRepo = path.join(work, "credlint");
    expect(run("git", ["clone", "-q", ROOT, hookRepo], work).status).toBe(0);
    const files = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" })
      .stdout.split("\0")
      .filter(Boolean);
    for (const f of files) {
      const src = path.join(ROOT, f);
      const dst = path.join(hookRepo, f);
      mkdirSync(path.dirname(dst), { recursive: true });
      spawnSync("cp", ["-p", src, dst]);
    }
    const gitEnv = { GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" };
    run("git", ["add", "-A"], hookRepo);
    run("git", ["commit", "-q", "--allow-empty", "-m", "working tree"], hookRepo, gitEnv);
    const rev = run("git", ["rev-parse", "HEAD"], hookRepo).stdout.trim();

    const app = path.join(work, "app");
    mkdirSync(app);
    expect(run("git", ["init", "-q"], app).status).toBe(0);
    writeFileSync(
      path.join(app, ".pre-commit-config.yaml"),
      `repos:\n  - repo: ${hookRepo}\n    rev: ${rev}\n    hooks:\n      - id: credlint\n      - id: credlint-staged\n`,
    );
    const home = path.join(work, "cache");
    // npm_config_omit=optional: pre-commit's npm installs skip compiling the optional native re2 addon
    // (minutes, twice); credlint then uses its bundled pure-JS engine, which the suite also tests.
    const env = { ...gitEnv, PRE_COMMIT_HOME: home, npm_config_omit: "optional" };
    const install = run("pre-commit", ["install", "--install-hooks"], app, env);
    expect(install.status, install.stdout + install.stderr).toBe(0);

    mkdirSync(path.join(app, ".aws"));
    writeFileSync(path.join(app, ".aws/config"), "[profile dev]\nregion = us-east1\n");
    run("git", ["add", "-A"], app);
    const blocked = run("git", ["commit", "-q", "-m", "bad"], app, env);
    expect(blocked.status).not.toBe(0);
    expect(blocked.stdout + blocked.stderr).toContain("invalid-region");

    writeFileSync(path.join(app, ".aws/config"), "[profile dev]\nregion = us-east-1\n");
    run("git", ["add", "-A"], app);
    const ok = run("git", ["commit", "-q", "-m", "good"], app, env);
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    expect(run("git", ["log", "--oneline"], app).stdout.trim().split("\n")).toHaveLength(1);
  }, 600_000);
});
