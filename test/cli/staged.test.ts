import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { HOOK_MARKER } from "../../src/cli/install-hook.js";
import { cli, git, tempRepo } from "../support/cli.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const BAD = "[profile dev]\nregion = us-east1\n";
const GOOD = "[profile dev]\nregion = us-east-1\n";

type Json = { findings: { ruleId: string; path: string; line: number }[] };

function staged(dir: string, env: Record<string, string> = {}): { code: number; json: Json; stderr: string } {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const r = cli(["--staged", "--format", "json"], dir);
    return { code: r.code, json: r.stdout ? (JSON.parse(r.stdout) as Json) : { findings: [] }, stderr: r.stderr };
  } finally {
    for (const k of Object.keys(env)) delete process.env[k];
    Object.assign(process.env, saved);
  }
}

function committedRepo(files: Record<string, string>): string {
  const dir = tempRepo(files, { git: true });
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "initial");
  return dir;
}

describe("credlint --staged", () => {
  it("scans the staged content, not the working tree (both ways round)", () => {
    const dir = committedRepo({ "README.md": "# app\n" });
    mkdirSync(path.join(dir, ".aws"));
    writeFileSync(path.join(dir, ".aws/config"), BAD);
    git(dir, "add", ".aws/config");
    writeFileSync(path.join(dir, ".aws/config"), GOOD); // fixed in the working tree, but not staged
    const bad = staged(dir);
    expect(bad.code).toBe(1);
    expect(bad.json.findings.map((f) => `${f.ruleId} ${f.path}:${f.line}`)).toEqual(["invalid-region .aws/config:2"]);

    git(dir, "add", ".aws/config");
    writeFileSync(path.join(dir, ".aws/config"), BAD); // broken in the working tree only
    const good = staged(dir);
    expect(good.code).toBe(0);
    expect(good.json.findings).toEqual([]);
  });

  it("sees partial staging (what `git add -p` leaves in the index)", () => {
    const dir = committedRepo({ ".aws/config": "[default]\nregion = us-east-1\n" });
    // Stage only the first hunk: a new bad profile; the working tree has more, and good, lines.
    const partial = "[default]\nregion = us-east-1\n\n[profile dev]\nregion = eu-west1\n";
    const oid = spawnSync("git", ["hash-object", "-w", "--stdin"], { cwd: dir, input: partial, encoding: "utf8" }).stdout.trim();
    git(dir, "update-index", "--cacheinfo", `100644,${oid},.aws/config`);
    writeFileSync(path.join(dir, ".aws/config"), "[default]\nregion = us-east-1\n\n[profile dev]\nregion = eu-west-1\n");
    expect(staged(dir).json.findings.map((f) => `${f.ruleId}:${f.line}`)).toEqual(["invalid-region:5"]);
  });

  it("honours GIT_INDEX_FILE, as `git commit -a` and `git commit <path>` set it", () => {
    const dir = committedRepo({ ".aws/config": GOOD });
    writeFileSync(path.join(dir, ".aws/config"), BAD);
    // The default index still has the good version; a temporary index (like commit -a's) has the bad one.
    const tmpIndex = path.join(tmpdir(), `credlint-index-${process.pid}-${Date.now()}`);
    const env = { GIT_INDEX_FILE: tmpIndex };
    spawnSync("git", ["read-tree", "HEAD"], { cwd: dir, env: { ...process.env, ...env } });
    spawnSync("git", ["add", ".aws/config"], { cwd: dir, env: { ...process.env, ...env } });
    expect(staged(dir).json.findings).toEqual([]);
    expect(staged(dir, env).json.findings.map((f) => f.ruleId)).toEqual(["invalid-region"]);
    rmSync(tmpIndex, { force: true });
  });

  it("skips deletions, follows renames, and reports paths with spaces and non-ASCII characters", () => {
    const dir = committedRepo({ "old/.aws/config": BAD, "gone/.aws/config": BAD, "README.md": "x\n" });
    git(dir, "rm", "-q", "gone/.aws/config");
    mkdirSync(path.join(dir, "équipe data/.aws"), { recursive: true });
    git(dir, "mv", "old/.aws/config", "équipe data/.aws/config");
    const r = staged(dir);
    expect(r.json.findings.map((f) => f.path)).toEqual(["équipe data/.aws/config"]);
  });

  it("reports a binary blob named like a credentials file, and only findings of staged files", () => {
    const dir = committedRepo({ "legacy/.aws/config": BAD, "README.md": "x\n" });
    mkdirSync(path.join(dir, ".aws"));
    writeFileSync(path.join(dir, ".aws/credentials"), Buffer.from([0x5b, 0x00, 0x01, 0x5d]));
    git(dir, "add", ".aws/credentials");
    const r = staged(dir);
    expect(r.json.findings.map((f) => `${f.ruleId} ${f.path}`)).toEqual(["parse-error .aws/credentials"]);
  });

  it("reads the profiles the repository defines from the index for cross-file rules", () => {
    const dir = committedRepo({ ".aws/credentials": "[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n" });
    writeFileSync(path.join(dir, ".aws/config"), "[profile deploy]\nrole_arn = arn:aws:iam::123456789012:role/Deploy\nsource_profile = base\n\n[profile typo]\nrole_arn = arn:aws:iam::123456789012:role/Deploy\nsource_profile = bsae\n");
    git(dir, "add", ".aws/config");
    const r = staged(dir);
    expect(r.json.findings.map((f) => `${f.ruleId} ${f.path}:${f.line}`)).toEqual(["profile-reference .aws/config:7"]);
  });

  it("reads the other file of a staged AWS pair from the index: keys staged beside a committed role", () => {
    const dir = committedRepo({ "team/.aws/config": "[profile deploy]\nrole_arn = arn:aws:iam::123456789012:role/Deploy\ncredential_source = Environment\n" });
    // The index's config, not the working tree's: a later unstaged edit must not count.
    writeFileSync(path.join(dir, "team/.aws/config"), "[profile other]\nregion = eu-west-1\n");
    writeFileSync(path.join(dir, "team/.aws/credentials"), "[deploy]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n");
    git(dir, "add", "team/.aws/credentials");
    const r = staged(dir);
    expect(r.json.findings.map((f) => f.ruleId)).toContain("conflicting-auth");
    expect(r.json.findings.every((f) => f.path === "team/.aws/credentials")).toBe(true);
  });

  it("reads the profiles and the CI files a staged workflow needs from the index", () => {
    const dir = committedRepo({
      ".aws/config": "[profile deploy]\nregion = eu-west-1\n",
      ".github/actions/aws-login/action.yml": "name: login\nruns:\n  using: composite\n  steps:\n    - uses: aws-actions/configure-aws-credentials@v4\n      with:\n        role-to-assume: arn:aws:iam::123456789012:role/Deploy\n        aws-region: eu-west-1\n",
    });
    mkdirSync(path.join(dir, ".github/workflows"), { recursive: true });
    writeFileSync(
      path.join(dir, ".github/workflows/deploy.yml"),
      "on: [push]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n    env:\n      AWS_PROFILE: deplyo\n    steps:\n      - uses: ./.github/actions/aws-login\n",
    );
    git(dir, "add", ".github/workflows/deploy.yml");
    const r = staged(dir);
    expect(r.json.findings.map((f) => `${f.ruleId} ${f.path}:${f.line}`)).toEqual([
      "profile-reference .github/workflows/deploy.yml:8",
      "oidc-permissions .github/workflows/deploy.yml:10",
    ]);
  });

  it("works before the first commit", () => {
    const dir = tempRepo({ ".aws/config": BAD }, { git: true });
    git(dir, "add", "-A");
    expect(staged(dir).json.findings.map((f) => f.ruleId)).toEqual(["invalid-region"]);
  });

  it("outside a git repository: a clear one-line error and exit 2", () => {
    const dir = tempRepo({ ".aws/config": BAD });
    const r = cli(["--staged"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^credlint: --staged needs a git repository: .* is not inside one\.\n$/);
  });

  it("rejects paths and --fix together with --staged", () => {
    const dir = tempRepo({}, { git: true });
    expect(cli(["--staged", "src"], dir).code).toBe(2);
    expect(cli(["--staged", "--fix"], dir).code).toBe(2);
  });
});

/** A `credlint` command for hooks in temporary repositories: this checkout's CLI, run from source. */
function installShim(dir: string): void {
  const bin = path.join(dir, "node_modules/.bin");
  mkdirSync(bin, { recursive: true });
  const tsx = path.join(ROOT, "node_modules/tsx/dist/cli.mjs");
  writeFileSync(path.join(bin, "credlint"), `#!/bin/sh\nexec node "${tsx}" "${path.join(ROOT, "src/cli/entry.ts")}" "$@"\n`, { mode: 0o755 });
  writeFileSync(path.join(dir, ".gitignore"), "node_modules/\n");
}

describe("credlint install-hook", () => {
  it("creates a hook, is idempotent, and blocks a bad commit while letting a good one through", () => {
    const dir = committedRepo({ "README.md": "# app\n" });
    installShim(dir);
    expect(cli(["install-hook"], dir).stdout).toMatch(/^Installed the pre-commit hook: /);
    expect(cli(["install-hook"], dir).stdout).toMatch(/already runs credlint/);
    const hook = path.join(dir, ".git/hooks/pre-commit");
    expect(statSync(hook).mode & 0o111).not.toBe(0);
    expect(readFileSync(hook, "utf8").split(HOOK_MARKER)).toHaveLength(2);

    mkdirSync(path.join(dir, ".aws"));
    writeFileSync(path.join(dir, ".aws/config"), BAD);
    git(dir, "add", ".aws/config");
    const blocked = spawnSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "-m", "bad"], { cwd: dir, encoding: "utf8" });
    expect(blocked.status).not.toBe(0);
    expect(blocked.stdout + blocked.stderr).toContain("invalid-region");

    writeFileSync(path.join(dir, ".aws/config"), GOOD);
    // `git commit -a` stages through a temporary index (GIT_INDEX_FILE): the hook must see the fixed file.
    const ok = spawnSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-a", "-q", "-m", "good"], { cwd: dir, encoding: "utf8" });
    expect(ok.stderr).toContain("No problems found"); // git shows a hook's output on stderr
    expect(ok.status).toBe(0);
  }, 60_000);

  it("appends to an existing shell hook and refuses to touch anything else", () => {
    const dir = committedRepo({ "README.md": "# app\n" });
    const hook = path.join(dir, ".git/hooks/pre-commit");
    writeFileSync(hook, "#!/bin/bash\nnpm run lint\n", { mode: 0o755 });
    expect(cli(["install-hook"], dir).stdout).toMatch(/^Appended credlint to the existing pre-commit hook/);
    const text = readFileSync(hook, "utf8");
    expect(text.startsWith("#!/bin/bash\nnpm run lint\n\n")).toBe(true);
    expect(text).toContain(HOOK_MARKER);

    writeFileSync(hook, "#!/usr/bin/env python3\nprint('hi')\n");
    chmodSync(hook, 0o755);
    const refused = cli(["install-hook"], dir);
    expect(refused.code).toBe(2);
    expect(readFileSync(hook, "utf8")).toBe("#!/usr/bin/env python3\nprint('hi')\n");

    const outside = tempRepo({});
    expect(cli(["install-hook"], outside).code).toBe(2);
    renameSync(hook, `${hook}.bak`);
  });
});
