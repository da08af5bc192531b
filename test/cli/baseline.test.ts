/**
 * Adopting credlint on a repository that already has findings, end to end through the CLI: `credlint
 * baseline` records today's findings, and later scans report only what is new. The baseline is keyed on the
 * finding's value, never its line, so moving, re-indenting, re-ending (CRLF ↔ LF) and renaming files keeps
 * it valid, while a changed value or another copy of a secret is reported.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cli, git, tempRepo, type CliRun } from "../support/cli.js";
import { fakeKeyId, fakeSecret } from "../support/fake-keys.js";
import { fakeGithubToken, fakePassword, fakePrivateKeyPem, fakeServiceAccountJson } from "../support/fake-secrets.js";

const KEY_ID = fakeKeyId(101);
const SECRET_KEY = fakeSecret(101);
const GITHUB_TOKEN = fakeGithubToken(102);
const DB_PASSWORD = fakePassword(103, 20);
/** Values that appear only after the baseline was written. */
const NEW_TOKEN = fakeGithubToken(104);
const NEW_PASSWORD = fakePassword(105, 20);
const ALL_FAKES = [KEY_ID, SECRET_KEY, GITHUB_TOKEN, DB_PASSWORD, NEW_TOKEN, NEW_PASSWORD];

const SETTINGS_PY = `import os

DEBUG = False
AWS_ACCESS_KEY_ID="${KEY_ID}"
AWS_SECRET_ACCESS_KEY="${SECRET_KEY}"
GITHUB_TOKEN="${GITHUB_TOKEN}"
DB_PASSWORD="${DB_PASSWORD}"
`;

const WORKFLOW = `name: deploy
on: push
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          aws-access-key-id: \${{ secrets.AWS_ACCESS_KEY_ID }}
          aws-secret-access-key: \${{ secrets.AWS_SECRET_ACCESS_KEY }}
          aws-region: us-east-1
      - run: aws s3 sync build s3://site
`;

/** WORKFLOW as another formatter writes it. */
const WORKFLOW_4_SPACES = `name: deploy
on: push
jobs:
    deploy:
        runs-on: ubuntu-latest
        steps:
            -   uses: actions/checkout@v4
            -   uses: aws-actions/configure-aws-credentials@v4
                with:
                    aws-access-key-id: \${{ secrets.AWS_ACCESS_KEY_ID }}
                    aws-secret-access-key: \${{ secrets.AWS_SECRET_ACCESS_KEY }}
                    aws-region: us-east-1
            -   run: aws s3 sync build s3://site
`;

const GITLAB_CI = `deploy:
  image: python:3.12
  variables:
    AWS_DEFAULT_REGION: eu-west-1
    AWS_REGION: us-east-1
  script:
    - aws s3 ls
`;

/** A small application repository with one finding of each kind credlint reports. */
const FILES: Readonly<Record<string, string>> = {
  "app/legacy_keys.py": SETTINGS_PY,
  // Written with CRLF line endings (a file from a Windows checkout).
  "deploy/.env": "AWS_REGION=us-east1\r\nLOG_LEVEL=info\r\n",
  ".aws/config": "[default]\nregion = eu-west-1\n\n[dev]\nregion = us-east-1\n",
  ".github/workflows/deploy.yml": WORKFLOW,
  ".gitlab-ci.yml": GITLAB_CI,
  "README.md": "# shop\n\nThe shop's backend.\n",
};

/** What the scan of FILES reports, as `rule path:line`. */
const INITIAL = [
  "aws-config-syntax .aws/config:4",
  "hardcoded-aws-key app/legacy_keys.py:5",
  "hardcoded-secret app/legacy_keys.py:6",
  "hardcoded-secret app/legacy_keys.py:7",
  "invalid-region deploy/.env:1",
  "prefer-oidc .github/workflows/deploy.yml:8",
  "region-mismatch .gitlab-ci.yml:4",
].sort();

const BASELINE = ".credlint-baseline.json";

interface JsonFinding {
  readonly ruleId: string;
  readonly path: string;
  readonly line: number;
  readonly severity: string;
  readonly baselineState?: string;
  readonly suppression?: { readonly kind: string; readonly by: string; readonly justification?: string };
}

interface JsonReport {
  readonly findings: JsonFinding[];
  readonly suppressed: JsonFinding[];
  readonly baselines?: string[];
}

/** The committed repository. */
function adoptingRepo(extra: Readonly<Record<string, string>> = {}): string {
  const dir = tempRepo({ ...FILES, ...extra }, { git: true });
  git(dir, "add", "-A");
  git(dir, "commit", "-qm", "Initial commit");
  return dir;
}

function json(dir: string, ...args: string[]): { run: CliRun; report: JsonReport } {
  const run = cli(["--format", "json", ...args], dir);
  expect(run.stderr, "stderr").toBe("");
  return { run, report: JSON.parse(run.stdout) as JsonReport };
}

/** `rule path:line` of each finding, sorted. */
function where(findings: readonly JsonFinding[]): string[] {
  return findings.map((f) => `${f.ruleId} ${f.path}:${f.line}`).sort();
}

/** What a scan reports (open findings), as `rule path:line`. */
function reported(dir: string, ...args: string[]): string[] {
  return where(json(dir, ...args).report.findings);
}

function read(dir: string, rel: string): string {
  return readFileSync(path.join(dir, rel), "utf8");
}

function write(dir: string, rel: string, text: string): void {
  mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  writeFileSync(path.join(dir, rel), text);
}

function edit(dir: string, rel: string, change: (text: string) => string): void {
  write(dir, rel, change(read(dir, rel)));
}

interface BaselineFile {
  readonly version: number;
  readonly tool: string;
  readonly findings: { readonly rule: string; readonly path: string; readonly identity: string; readonly count: number }[];
}

function baselineAt(dir: string, rel = BASELINE): BaselineFile {
  return JSON.parse(read(dir, rel)) as BaselineFile;
}

function writeBaseline(dir: string, ...args: string[]): CliRun {
  const r = cli(["baseline", ...args], dir);
  expect(r.stderr).not.toContain("internal error");
  expect(r.code, r.stderr).toBe(0);
  return r;
}

describe("credlint baseline: recording the findings a repository has today", () => {
  it("writes a sorted, stable baseline at the repository root and says so", () => {
    const dir = adoptingRepo();
    expect(reported(dir)).toEqual(INITIAL);

    const r = writeBaseline(dir);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`credlint: wrote ${BASELINE} with 7 findings (7 entries). Commit it; later scans report only findings not in it.\n`);
    expect(existsSync(path.join(dir, BASELINE))).toBe(true);

    const text = read(dir, BASELINE);
    const file = baselineAt(dir);
    expect(Object.keys(file)).toEqual(["version", "tool", "findings"]);
    expect(file.version).toBe(1);
    expect(file.tool).toBe("credlint");
    expect(file.findings.map((e) => `${e.rule} ${e.path}`).sort()).toEqual(INITIAL.map((w) => w.replace(/:\d+$/, "")).sort());
    for (const e of file.findings) {
      expect(Object.keys(e)).toEqual(["rule", "path", "identity", "count"]);
      expect(e.identity).toMatch(/^[0-9a-f]{64}$/);
      expect(e.count).toBe(1);
    }
    // Sorted by path, then rule, then identity (code-unit order).
    const keys = file.findings.map((e) => [e.path, e.rule, e.identity].join("\0"));
    expect(keys).toEqual([...keys].sort());
    // No lines, columns, messages or timestamps: nothing that changes when the file is rewritten later.
    expect(text).not.toMatch(/"(line|column|message|date|time|generated\w*|created\w*)"/i);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(text.endsWith("}\n")).toBe(true);
    // Nor any secret, whole or in part.
    for (const secret of [KEY_ID, SECRET_KEY, GITHUB_TOKEN, DB_PASSWORD]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(secret.slice(0, 8));
      expect(text).not.toContain(secret.slice(-8));
    }

    // Written again over the same tree: byte-identical.
    writeBaseline(dir);
    expect(read(dir, BASELINE)).toBe(text);
    // And from a fresh clone in another folder, too.
    const clone = tempRepo({});
    git(clone, "clone", "-q", dir, ".");
    writeBaseline(clone);
    expect(read(clone, BASELINE)).toBe(text);
  });

  it("makes the next scan pass, and says how many findings it hides", () => {
    const dir = adoptingRepo();
    writeBaseline(dir);
    const r = cli(["--no-color", "."], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Not shown: 7 in the baseline (.credlint-baseline.json; --no-baseline shows them).");
    const { report } = json(dir);
    expect(report.findings).toEqual([]);
    expect(where(report.suppressed)).toEqual(INITIAL);
    // The baseline file itself, once committed, is scanned and reports nothing.
    git(dir, "add", BASELINE);
    git(dir, "commit", "-qm", "Adopt credlint");
    expect(cli(["."], dir).code).toBe(0);
  });

  it("records nothing but an empty list for a clean repository", () => {
    const dir = tempRepo({ "README.md": "# clean\n", ".aws/config": "[default]\nregion = eu-west-1\n" }, { git: true });
    const r = writeBaseline(dir);
    expect(r.stderr).toContain("with 0 findings (0 entries)");
    expect(baselineAt(dir).findings).toEqual([]);
    expect(cli(["."], dir).code).toBe(0);
  });
});

describe("what keeps a baselined finding hidden: moves, formatting, line endings, renames", () => {
  function baselined(): string {
    const dir = adoptingRepo();
    writeBaseline(dir);
    return dir;
  }

  it("(a) lines inserted above the findings, and a block moved down", () => {
    const dir = baselined();
    edit(dir, "app/legacy_keys.py", () =>
      [
        '"""Settings for the shop backend."""',
        "import os",
        "import logging",
        "",
        "LOG = logging.getLogger(__name__)",
        "DEBUG = False",
        `DB_PASSWORD="${DB_PASSWORD}"`,
        "ALLOWED_HOSTS = ['*']",
        "",
        "# Object storage",
        `AWS_ACCESS_KEY_ID="${KEY_ID}"`,
        `AWS_SECRET_ACCESS_KEY="${SECRET_KEY}"`,
        "",
        "# Release automation",
        `GITHUB_TOKEN="${GITHUB_TOKEN}"`,
        "",
      ].join("\n"),
    );
    edit(dir, ".aws/config", (t) => `# Shared by the team\n[profile ops]\nregion = eu-central-1\n\n${t}`);
    edit(dir, "deploy/.env", (t) => `# deploy settings\r\nAPP_NAME=shop\r\n\r\n${t}`);
    edit(dir, ".gitlab-ci.yml", (t) => `stages: [deploy]\n\n${t}`);
    edit(dir, ".github/workflows/deploy.yml", (t) => t.replace("      - uses: actions/checkout@v4\n", "      - uses: actions/checkout@v4\n      - run: make build\n      - run: make test\n"));
    expect(reported(dir)).toEqual([]);
    expect(cli(["."], dir).code).toBe(0);
  });

  it("(b) re-indented and reformatted: KEY=value → KEY = value, YAML re-indented", () => {
    const dir = baselined();
    edit(dir, "app/legacy_keys.py", (t) => t.replace(/^(\w+)="/gm, '$1 = "'));
    expect(read(dir, "app/legacy_keys.py")).toContain(`GITHUB_TOKEN = "${GITHUB_TOKEN}"`);
    // 2-space YAML re-indented to 4 spaces, sequences indented under their key.
    write(dir, ".github/workflows/deploy.yml", WORKFLOW_4_SPACES);
    edit(dir, ".gitlab-ci.yml", (t) => t.replace(/^( +)/gm, "$1$1"));
    edit(dir, ".aws/config", (t) => t.replace(/ = /g, "="));
    expect(reported(dir)).toEqual([]);
  });

  it("(c) one file converted to CRLF, another from CRLF to LF", () => {
    const dir = baselined();
    edit(dir, "app/legacy_keys.py", (t) => t.replace(/\n/g, "\r\n"));
    edit(dir, ".github/workflows/deploy.yml", (t) => t.replace(/\n/g, "\r\n"));
    edit(dir, "deploy/.env", (t) => t.replace(/\r\n/g, "\n"));
    expect(read(dir, "deploy/.env")).not.toContain("\r");
    expect(reported(dir)).toEqual([]);
  });

  it("(c) a multi-line private key and a service-account key converted to CRLF", () => {
    const dir = tempRepo({ "deploy/id_rsa": `${fakePrivateKeyPem(109)}\n`, "app/keys.py": `KEY = """${fakePrivateKeyPem(110)}"""\n`, "gcp/sa.json": `${fakeServiceAccountJson(111)}\n` }, { git: true });
    git(dir, "add", "-A");
    git(dir, "commit", "-qm", "Keys");
    expect(reported(dir).length).toBeGreaterThanOrEqual(3);
    writeBaseline(dir);
    for (const file of ["deploy/id_rsa", "app/keys.py", "gcp/sa.json"]) edit(dir, file, (t) => t.replace(/\n/g, "\r\n"));
    expect(reported(dir)).toEqual([]);
    // Re-indented JSON, too.
    edit(dir, "gcp/sa.json", (t) => `${JSON.stringify(JSON.parse(t), null, 4)}\n`);
    expect(reported(dir)).toEqual([]);
  });

  it("(d) a file with baselined secrets renamed (git mv), and one renamed without git", () => {
    const dir = baselined();
    mkdirSync(path.join(dir, "app/core"));
    git(dir, "mv", "app/legacy_keys.py", "app/core/keys.py");
    renameSync(path.join(dir, "deploy/.env"), path.join(dir, "deploy/production.env"));
    expect(existsSync(path.join(dir, "app/legacy_keys.py"))).toBe(false);
    const { report } = json(dir);
    expect(where(report.findings)).toEqual([]);
    expect(where(report.suppressed)).toEqual(
      [
        "aws-config-syntax .aws/config:4",
        "hardcoded-aws-key app/core/keys.py:5",
        "hardcoded-secret app/core/keys.py:6",
        "hardcoded-secret app/core/keys.py:7",
        "invalid-region deploy/production.env:1",
        "prefer-oidc .github/workflows/deploy.yml:8",
        "region-mismatch .gitlab-ci.yml:4",
      ].sort(),
    );
    // Committed, too.
    git(dir, "add", "-A");
    git(dir, "commit", "-qm", "Move settings");
    expect(reported(dir)).toEqual([]);
  });

  it("(a)–(d) all at once", () => {
    const dir = baselined();
    git(dir, "mv", "app/legacy_keys.py", "app/keys_base.py");
    edit(dir, "app/keys_base.py", (t) => `# Base settings\n\n${t.replace(/^(\w+)="/gm, '$1 = "')}`.replace(/\n/g, "\r\n"));
    edit(dir, ".gitlab-ci.yml", (t) => `# pipeline\n${t.replace(/^( +)/gm, "$1$1")}`);
    edit(dir, "deploy/.env", (t) => `LOG_FORMAT=json\n${t.replace(/\r\n/g, "\n")}`);
    edit(dir, ".aws/config", (t) => t.replace("[dev]", "\n\n[dev]"));
    expect(reported(dir)).toEqual([]);
    expect(cli(["."], dir).code).toBe(0);
  });

  it("(e) a changed secret value is reported, and nothing else", () => {
    const dir = baselined();
    edit(dir, "app/legacy_keys.py", (t) => t.replace(GITHUB_TOKEN, NEW_TOKEN));
    const { run, report } = json(dir);
    expect(where(report.findings)).toEqual(["hardcoded-secret app/legacy_keys.py:6"]);
    expect(report.findings[0]?.baselineState).toBe("new");
    expect(run.code).toBe(0); // hardcoded-secret is a warning
    for (const secret of ALL_FAKES) expect(run.stdout).not.toContain(secret);
  });

  it("(e) a changed region value is reported, and nothing else", () => {
    const dir = baselined();
    edit(dir, "deploy/.env", (t) => t.replace("us-east1", "eu-west1"));
    expect(reported(dir)).toEqual(["invalid-region deploy/.env:1"]);
    expect(cli(["."], dir).code).toBe(1);
  });

  it("(f) a second copy of a baselined secret in another file, and a brand-new secret, are reported", () => {
    const dir = baselined();
    write(dir, "scripts/release.py", `import requests\n\nTOKEN = "${GITHUB_TOKEN}"\n`);
    write(dir, "app/db.py", `import psycopg\n\nPASSWORD = "${NEW_PASSWORD}"\n`);
    const { run, report } = json(dir);
    expect(where(report.findings)).toEqual(["hardcoded-secret app/db.py:3", "hardcoded-secret scripts/release.py:3"]);
    expect(report.findings.every((f) => f.baselineState === "new")).toBe(true);
    for (const secret of ALL_FAKES) expect(run.stdout).not.toContain(secret);
  });

  it("(f) a second copy of a baselined secret in the same file is reported (the later one)", () => {
    const dir = baselined();
    edit(dir, "app/legacy_keys.py", (t) => `${t}\n# again, for the release job\nRELEASE_TOKEN = "${GITHUB_TOKEN}"\n`);
    expect(reported(dir)).toEqual(["hardcoded-secret app/legacy_keys.py:10"]);
  });

  it("(f) a copied file is new even though its findings are all baselined in the original", () => {
    const dir = baselined();
    write(dir, "app/keys_staging.py", read(dir, "app/legacy_keys.py"));
    expect(reported(dir)).toEqual([
      "hardcoded-aws-key app/keys_staging.py:5",
      "hardcoded-secret app/keys_staging.py:6",
      "hardcoded-secret app/keys_staging.py:7",
    ]);
  });
});

describe("--staged (the pre-commit hook) uses the baseline too", () => {
  it("passes a commit that moves baselined findings, and fails one that adds a secret", () => {
    const dir = adoptingRepo();
    writeBaseline(dir);
    git(dir, "add", BASELINE);
    git(dir, "commit", "-qm", "Adopt credlint");
    edit(dir, "app/legacy_keys.py", (t) => `"""Settings."""\n\n${t.replace(/^(\w+)="/gm, '$1 = "')}`);
    git(dir, "add", "app/legacy_keys.py");
    expect(reported(dir, "--staged")).toEqual([]);
    edit(dir, "app/legacy_keys.py", (t) => `${t}REDIS_PASSWORD = "${NEW_PASSWORD}"\n`);
    git(dir, "add", "app/legacy_keys.py");
    expect(reported(dir, "--staged")).toEqual(["hardcoded-secret app/legacy_keys.py:10"]);
  });
});

describe("choosing the baseline: --no-baseline, --baseline FILE, and broken files", () => {
  it("--no-baseline reports everything", () => {
    const dir = adoptingRepo();
    writeBaseline(dir);
    const { run, report } = json(dir, "--no-baseline");
    expect(run.code).toBe(1);
    expect(where(report.findings)).toEqual(INITIAL);
    expect(report.suppressed).toEqual([]);
    expect(report.findings.every((f) => f.baselineState === undefined)).toBe(true);
    expect(cli(["--no-color", "--no-baseline"], dir).stdout).not.toContain("Not shown");
  });

  it("--baseline FILE reads (and credlint baseline --baseline FILE writes) another file", () => {
    const dir = adoptingRepo();
    mkdirSync(path.join(dir, "ci"));
    writeBaseline(dir, "--baseline", "ci/credlint-baseline.json");
    expect(existsSync(path.join(dir, "ci/credlint-baseline.json"))).toBe(true);
    expect(existsSync(path.join(dir, BASELINE))).toBe(false);
    // Paths in it are relative to its own folder.
    expect(baselineAt(dir, "ci/credlint-baseline.json").findings.map((e) => e.path)).toContain("../app/legacy_keys.py");
    expect(reported(dir)).toEqual(INITIAL);
    const { report } = json(dir, "--baseline", "ci/credlint-baseline.json");
    expect(report.findings).toEqual([]);
    expect(report.baselines).toEqual(["ci/credlint-baseline.json"]);
    // The default baseline, recording less, is not read when --baseline names another.
    write(dir, BASELINE, JSON.stringify({ version: 1, tool: "credlint", findings: [] }));
    expect(reported(dir)).toEqual(INITIAL);
    expect(reported(dir, "--baseline", "ci/credlint-baseline.json")).toEqual([]);
  });

  it("credlint baseline creates the folder the baseline goes to, as --output does", () => {
    const dir = adoptingRepo();
    const r = cli(["baseline", "--baseline", "ci/credlint-baseline.json"], dir);
    expect(r.stderr).toBe("credlint: wrote ci/credlint-baseline.json with 7 findings (7 entries). Commit it; later scans report only findings not in it.\n");
    expect(r.code).toBe(0);
    expect(reported(dir, "--baseline", "ci/credlint-baseline.json")).toEqual([]);
  });

  it("--baseline with a missing file is a one-line usage error", () => {
    const dir = adoptingRepo();
    const r = cli(["--baseline", "missing.json"], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("credlint: --baseline missing.json: no such file (write one with credlint baseline).\n");
  });

  it.each([
    ["not JSON", "{ \"version\": 1,\n  \"tool\": \"credlint\",\n  \"findings\": [,]\n}\n", /line 3, column 16/],
    ["a wrong shape", JSON.stringify({ version: 1, tool: "credlint", findings: [{ rule: "hardcoded-secret", path: "a.py", identity: "xyz", count: 1 }] }), /findings\[0\]\.identity/],
    ["another version", JSON.stringify({ version: 7, tool: "credlint", findings: [] }), /version 7/],
    ["a line number in an entry", JSON.stringify({ version: 1, tool: "credlint", findings: [{ rule: "invalid-region", path: "a.env", identity: "0".repeat(64), count: 1, line: 3 }] }), /unknown key "line"/],
  ])("a baseline that is %s is exit 2 naming the file", (_what, text, detail) => {
    const dir = adoptingRepo();
    write(dir, BASELINE, text);
    for (const args of [["."], ["--baseline", BASELINE], ["baseline", "--prune"]]) {
      const r = cli(args, dir);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr.trim().split("\n"), r.stderr).toHaveLength(1);
      expect(r.stderr).toMatch(/^credlint: /);
      expect(r.stderr).toContain(BASELINE);
      expect(r.stderr).toMatch(detail);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("--baseline naming a folder is exit 2 naming it, not silently ignored", () => {
    const dir = adoptingRepo();
    mkdirSync(path.join(dir, "folder.json"));
    const r = cli(["--baseline", "folder.json"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("folder.json");
    expect(r.stderr).not.toContain("internal error");
  });
});

describe("credlint baseline --prune: dropping what was fixed, keeping the rest", () => {
  it("drops the entry of a fixed finding, says how many, and the rest still match", () => {
    const dir = adoptingRepo();
    writeBaseline(dir);
    const before = read(dir, BASELINE);
    edit(dir, "deploy/.env", (t) => t.replace("us-east1", "us-east-1"));
    const r = writeBaseline(dir, "--prune");
    expect(r.stderr).toBe(`credlint: pruned 1 finding that no longer matches from ${BASELINE}; 6 findings (6 entries) left.\n`);
    const after = read(dir, BASELINE);
    expect(after.length).toBeLessThan(before.length);
    expect(baselineAt(dir).findings.map((e) => `${e.rule} ${e.path}`)).not.toContain("invalid-region deploy/.env");
    expect(baselineAt(dir).findings).toHaveLength(6);
    // Every kept entry is byte-for-byte one of the old ones.
    const old = new Set(baselineAt(dir).findings.map((e) => JSON.stringify(e)));
    for (const e of (JSON.parse(before) as BaselineFile).findings) if (e.rule !== "invalid-region") expect(old.has(JSON.stringify(e))).toBe(true);
    const scan = cli(["--no-color"], dir);
    expect(scan.code).toBe(0);
    expect(scan.stdout).toContain("Not shown: 6 in the baseline");
    // Pruning again removes nothing.
    expect(writeBaseline(dir, "--prune").stderr).toContain("pruned 0 findings");
    expect(read(dir, BASELINE)).toBe(after);
  });

  it("counts copies of one finding: a third copy is new, a removed copy lowers the count", () => {
    const twice = `PRIMARY_PASSWORD = "${DB_PASSWORD}"\nREPLICA_PASSWORD = "${DB_PASSWORD}"\n`;
    const dir = adoptingRepo({ "app/db.py": twice });
    writeBaseline(dir);
    const entries = baselineAt(dir).findings.filter((e) => e.path === "app/db.py");
    expect(entries).toEqual([expect.objectContaining({ rule: "hardcoded-secret", count: 2 })]);
    edit(dir, "app/db.py", (t) => `${t}STANDBY_PASSWORD = "${DB_PASSWORD}"\n`);
    expect(reported(dir)).toEqual(["hardcoded-secret app/db.py:3"]);
    write(dir, "app/db.py", `PRIMARY_PASSWORD = "${DB_PASSWORD}"\n`);
    expect(reported(dir)).toEqual([]);
    expect(writeBaseline(dir, "--prune").stderr).toContain("pruned 1 finding ");
    expect(baselineAt(dir).findings.filter((e) => e.path === "app/db.py")).toEqual([expect.objectContaining({ count: 1 })]);
    edit(dir, "app/db.py", (t) => `${t}REPLICA_PASSWORD = "${DB_PASSWORD}"\n`);
    expect(reported(dir)).toEqual(["hardcoded-secret app/db.py:2"]);
  });

  it("never adds a new finding", () => {
    const dir = adoptingRepo();
    writeBaseline(dir);
    write(dir, "app/db.py", `PASSWORD = "${NEW_PASSWORD}"\n`);
    writeBaseline(dir, "--prune");
    expect(baselineAt(dir).findings).toHaveLength(7);
    expect(reported(dir)).toEqual(["hardcoded-secret app/db.py:1"]);
  });

  it("rewrites a renamed file's entries to the new path", () => {
    const dir = adoptingRepo();
    writeBaseline(dir);
    mkdirSync(path.join(dir, "shop"));
    git(dir, "mv", "app/legacy_keys.py", "shop/legacy_keys.py");
    const r = writeBaseline(dir, "--prune");
    expect(r.stderr).toContain("pruned 0 findings");
    const paths = baselineAt(dir).findings.map((e) => e.path);
    expect(paths).not.toContain("app/legacy_keys.py");
    expect(paths.filter((p) => p === "shop/legacy_keys.py")).toHaveLength(3);
    // Still sorted after the rewrite.
    const keys = baselineAt(dir).findings.map((e) => [e.path, e.rule, e.identity].join("\0"));
    expect(keys).toEqual([...keys].sort());
    expect(reported(dir)).toEqual([]);
  });

  it("with no baseline, says there is nothing to prune and writes nothing", () => {
    const dir = adoptingRepo();
    const r = cli(["baseline", "--prune"], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("credlint: no baseline to prune (write one with credlint baseline).\n");
    expect(existsSync(path.join(dir, BASELINE))).toBe(false);
  });
});

describe("credlint baseline PATH: a partial scan leaves the rest of the baseline alone", () => {
  it("keeps the entries of files outside the scanned folder", () => {
    const dir = adoptingRepo({ "src/handler.py": `API_PASSWORD = "${fakePassword(106, 20)}"\n` });
    writeBaseline(dir);
    const full = baselineAt(dir).findings;
    expect(full).toHaveLength(8);
    // A new secret in src/, and a fix outside it (which a partial scan cannot see).
    edit(dir, "src/handler.py", (t) => `${t}TOKEN = "${NEW_TOKEN}"\n`);
    edit(dir, "deploy/.env", (t) => t.replace("us-east1", "us-east-1"));
    const r = writeBaseline(dir, "src/");
    expect(r.stderr).toContain(`wrote ${BASELINE} with 9 findings`);
    const after = baselineAt(dir).findings;
    for (const e of full) expect(after).toContainEqual(e);
    expect(after.filter((e) => e.path === "src/handler.py")).toHaveLength(2);
    expect(reported(dir)).toEqual([]);
    // A partial scan reports nothing either, and prune of a partial scan keeps what it did not read.
    expect(reported(dir, "src/")).toEqual([]);
    writeBaseline(dir, "--prune", "src/");
    expect(baselineAt(dir).findings).toHaveLength(9);
    // A full prune drops the fixed region.
    expect(writeBaseline(dir, "--prune").stderr).toContain("pruned 1 finding ");
  });

  it("credlint baseline --rule X (or --disable-rule) keeps the entries of the rules that did not run", () => {
    // Like a partial path scan, a partial rule scan cannot know about the other rules' findings: it must
    // either keep their entries or refuse. Dropping them silently un-baselines the whole repository.
    for (const args of [["--rule", "invalid-region"], ["--disable-rule", "hardcoded-secret"], ["--prune", "--disable-rule", "hardcoded-secret"]]) {
      const dir = adoptingRepo();
      writeBaseline(dir);
      const before = baselineAt(dir).findings;
      const r = cli(["baseline", ...args], dir);
      if (r.code === 2) {
        expect(r.stderr, args.join(" ")).toMatch(/^credlint: .*--(disable-)?rule/);
        expect(baselineAt(dir).findings).toEqual(before);
        continue;
      }
      expect(r.code, args.join(" ")).toBe(0);
      expect(baselineAt(dir).findings, `credlint baseline ${args.join(" ")}`).toEqual(before);
      expect(reported(dir), `credlint baseline ${args.join(" ")}`).toEqual([]);
    }
  });

  it("run from a sub-folder, still writes the repository root's baseline with root-relative paths", () => {
    const dir = adoptingRepo();
    writeBaseline(dir);
    const before = read(dir, BASELINE);
    const r = writeBaseline(path.join(dir, "app"));
    expect(r.stderr).toContain(`wrote ${BASELINE} with 7 findings`);
    expect(existsSync(path.join(dir, "app", BASELINE))).toBe(false);
    expect(read(dir, BASELINE)).toBe(before);
    expect(cli([], path.join(dir, "app")).code).toBe(0);
  });
});

describe("SARIF and JSON: baselined and suppressed findings stay visible as such", () => {
  const REASON = "the legacy stack is pinned to this region until Q3";

  function repoWithNewAndInline(): string {
    const dir = adoptingRepo();
    writeBaseline(dir);
    write(dir, "app/db.py", `PASSWORD = "${NEW_PASSWORD}"\n`);
    edit(dir, ".aws/config", (t) => `${t}\n[profile legacy]\n# credlint-disable-next-line invalid-region -- ${REASON}\nregion = eu-west1\n`);
    return dir;
  }

  interface SarifResult {
    readonly ruleId: string;
    readonly locations: { readonly physicalLocation: { readonly artifactLocation: { readonly uri: string }; readonly region: { readonly startLine: number } } }[];
    readonly baselineState?: string;
    readonly suppressions?: { readonly kind: string; readonly status: string; readonly justification?: string }[];
  }

  function sarifResults(dir: string): SarifResult[] {
    const r = cli(["--format", "sarif"], dir);
    expect(r.stderr).toBe("");
    const log = JSON.parse(r.stdout) as { runs: { results: SarifResult[] }[] };
    return log.runs[0]?.results ?? [];
  }

  const at = (r: SarifResult): string => {
    const loc = r.locations[0]?.physicalLocation;
    return `${r.ruleId} ${loc?.artifactLocation.uri}:${loc?.region.startLine}`;
  };

  it("SARIF: unchanged + external for the baseline, new without suppressions, inSource with the reason", () => {
    const dir = repoWithNewAndInline();
    const results = sarifResults(dir);
    const unchanged = results.filter((r) => r.baselineState === "unchanged");
    expect(unchanged.map(at).sort()).toEqual(INITIAL);
    for (const r of unchanged) {
      expect(r.suppressions).toHaveLength(1);
      expect(r.suppressions?.[0]).toMatchObject({ kind: "external", status: "accepted" });
    }
    const fresh = results.filter((r) => r.baselineState === "new");
    expect(fresh.map(at)).toEqual(["hardcoded-secret app/db.py:1"]);
    expect(fresh[0]?.suppressions).toBeUndefined();
    const inline = results.filter((r) => r.suppressions?.[0]?.kind === "inSource");
    expect(inline.map(at)).toEqual(["invalid-region .aws/config:9"]);
    expect(inline[0]?.suppressions?.[0]).toEqual({ kind: "inSource", status: "accepted", justification: REASON });
    expect(results).toHaveLength(INITIAL.length + 2);
    const raw = cli(["--format", "sarif"], dir).stdout;
    for (const secret of ALL_FAKES) expect(raw).not.toContain(secret);
  });

  it("JSON: open findings with baselineState new, the rest in suppressed with their suppression", () => {
    const dir = repoWithNewAndInline();
    const { run, report } = json(dir);
    expect(run.code).toBe(0);
    expect(report.baselines).toEqual([BASELINE]);
    expect(where(report.findings)).toEqual(["hardcoded-secret app/db.py:1"]);
    expect(report.findings[0]?.baselineState).toBe("new");
    expect(where(report.suppressed)).toEqual([...INITIAL, "invalid-region .aws/config:9"].sort());
    for (const f of report.suppressed) {
      if (f.path === ".aws/config" && f.line === 9) {
        expect(f.suppression).toMatchObject({ kind: "inSource", justification: REASON });
      } else {
        expect(f.baselineState).toBe("unchanged");
        expect(f.suppression).toMatchObject({ kind: "external", by: `baseline ${BASELINE}` });
      }
    }
    const text = cli(["--no-color"], dir).stdout;
    expect(text).toContain("Not shown: 1 suppressed inline, 7 in the baseline");
  });
});

describe("a baseline per package in a monorepo", () => {
  const API_SECRET = fakePassword(107, 20);
  const WEB_SECRET = fakePassword(108, 20);

  function monorepo(): string {
    return adoptingRepo({
      "packages/api/credlint.config.json": "{}\n",
      "packages/api/src/db.py": `PASSWORD = "${API_SECRET}"\n`,
      "packages/api/.env.production": "AWS_REGION=eu-west1\nLOG_LEVEL=info\n",
      "packages/web/src/db.py": `PASSWORD = "${WEB_SECRET}"\n`,
    });
  }

  it("records a package's findings beside its config, with paths relative to the package", () => {
    const dir = monorepo();
    const r = writeBaseline(dir);
    expect(r.stderr).toContain("wrote packages/api/.credlint-baseline.json with 2 findings");
    expect(r.stderr).toContain(`wrote ${BASELINE} with 8 findings`);
    const api = baselineAt(dir, "packages/api/.credlint-baseline.json").findings;
    expect(api.map((e) => `${e.rule} ${e.path}`).sort()).toEqual(["hardcoded-secret src/db.py", "invalid-region .env.production"]);
    const root = baselineAt(dir).findings.map((e) => e.path);
    expect(root).toContain("packages/web/src/db.py");
    expect(root.filter((p) => p.startsWith("packages/api/"))).toEqual([]);
    expect(cli(["."], dir).code).toBe(0);

    // The package's baseline speaks for the package only: the root's baseline alone does not hide its findings.
    rmSync(path.join(dir, "packages/api/.credlint-baseline.json"));
    expect(reported(dir)).toEqual(["hardcoded-secret packages/api/src/db.py:1", "invalid-region packages/api/.env.production:1"]);
  });

  it("is used when only the package is scanned, and stays valid when the package moves", () => {
    const dir = monorepo();
    writeBaseline(dir);
    expect(reported(dir, "packages/api")).toEqual([]);
    expect(cli([], path.join(dir, "packages/api")).code).toBe(0);
    git(dir, "add", "-A");
    git(dir, "commit", "-qm", "Baselines");
    mkdirSync(path.join(dir, "services"));
    git(dir, "mv", "packages/api", "services/api");
    const { report } = json(dir);
    expect(where(report.findings)).toEqual([]);
    expect(report.baselines?.sort()).toEqual([BASELINE, "services/api/.credlint-baseline.json"]);
  });

  it("credlint baseline PACKAGE writes that package's baseline only", () => {
    const dir = monorepo();
    writeBaseline(dir);
    const root = read(dir, BASELINE);
    edit(dir, "packages/api/src/db.py", (t) => `${t}TOKEN = "${NEW_TOKEN}"\n`);
    const r = writeBaseline(dir, "packages/api");
    expect(r.stderr).toBe("credlint: wrote packages/api/.credlint-baseline.json with 3 findings (3 entries). Commit it; later scans report only findings not in it.\n");
    expect(read(dir, BASELINE)).toBe(root);
    expect(reported(dir)).toEqual([]);
  });

  it("a config's baseline key names the file, relative to the config's folder", () => {
    const dir = monorepo();
    write(dir, "packages/api/credlint.config.json", JSON.stringify({ baseline: "ci/baseline.json" }));
    mkdirSync(path.join(dir, "packages/api/ci"));
    const r = writeBaseline(dir);
    expect(r.stderr).toContain("wrote packages/api/ci/baseline.json with 2 findings");
    expect(baselineAt(dir, "packages/api/ci/baseline.json").findings.map((e) => e.path).sort()).toEqual(["../.env.production", "../src/db.py"]);
    expect(reported(dir)).toEqual([]);
    expect(statSync(path.join(dir, "packages/api/ci/baseline.json")).isFile()).toBe(true);
  });
});
