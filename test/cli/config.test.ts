/**
 * Config files through the CLI: every key changes what a scan reports, and every mistake in a config file
 * stops the run with exit 2 and a message that names the file and line, suggests what was meant, shows no
 * stack trace and never echoes a secret.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cli, tempRepo, type CliRun } from "../support/cli.js";
import { fakeKeyId, fakeSecret } from "../support/fake-keys.js";
import { fakeGithubToken, fakePassword } from "../support/fake-secrets.js";

const DB_PASSWORD = fakePassword(201, 20);
const KEY_ID = fakeKeyId(202);
const SECRET_KEY = fakeSecret(202);
const GITHUB_TOKEN = fakeGithubToken(203);
/** A token of a format only the project knows: `acme_live_` + 32 lower-case letters and digits. */
const ACME_TOKEN = `acme_live_${fakePassword(204, 64).toLowerCase().replace(/[^a-z0-9]/g, "").slice(0, 32)}`;
const ACME_TEST_TOKEN = `acme_test_${fakePassword(205, 64).toLowerCase().replace(/[^a-z0-9]/g, "").slice(0, 32)}`;
const ALL_FAKES = [DB_PASSWORD, KEY_ID, SECRET_KEY, GITHUB_TOKEN, ACME_TOKEN, ACME_TEST_TOKEN];

const sha256 = (value: string): string => createHash("sha256").update(value, "utf8").digest("hex");

/** An AWS config with one error (invalid-region), two warnings (mfa-config) and a missing source profile. */
const AWS_CONFIG = `[default]
region = eu-west-1

[profile dev]
region = us-east1
mfa_serial = 123456

[profile ci]
source_profile = corp-sso
role_arn = arn:aws:iam::123456789012:role/Ci
region = me-west-9
`;

const SETTINGS_PY = `import os

DB_PASSWORD = "${DB_PASSWORD}"
ACME_KEY = "${ACME_TOKEN}"
`;

interface JsonFinding {
  readonly ruleId: string;
  readonly severity: string;
  readonly message: string;
  readonly path: string;
  readonly line: number;
  readonly suppression?: { readonly kind: string; readonly by: string; readonly justification?: string };
}

interface JsonReport {
  readonly stats: { readonly filesScanned: number; readonly ignored: number; readonly skippedTooLarge: number };
  readonly findings: JsonFinding[];
  readonly suppressed: JsonFinding[];
}

/** A repository with a config file (none when `config` is undefined). */
function repo(files: Readonly<Record<string, string>>, config?: Readonly<Record<string, unknown>>, name = "credlint.config.json"): string {
  return tempRepo({ ...files, ...(config === undefined ? {} : { [name]: `${JSON.stringify(config, null, 2)}\n` }) }, { git: true });
}

function json(dir: string, ...args: string[]): { run: CliRun; report: JsonReport } {
  const run = cli(["--format", "json", ...args], dir);
  expect(run.stderr, "stderr").toBe("");
  return { run, report: JSON.parse(run.stdout) as JsonReport };
}

/** `rule severity path:line` of each open finding, sorted. */
function reported(dir: string, ...args: string[]): string[] {
  return json(dir, ...args)
    .report.findings.map((f) => `${f.ruleId} ${f.severity} ${f.path}:${f.line}`)
    .sort();
}

function printConfig(dir: string, file: string, ...args: string[]): Record<string, unknown> {
  const r = cli(["--print-config", file, ...args], dir);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

const DEFAULTS = [
  "invalid-region error .aws/config:11",
  "invalid-region error .aws/config:5",
  "mfa-config warning .aws/config:6",
  "mfa-config warning .aws/config:6",
  "profile-reference error .aws/config:9",
];

describe("rules: levels", () => {
  // "off" drops a rule's findings, a level replaces the rule's default severity (and so the exit code).
  it("reports every rule at its default level without a config", () => {
    expect(reported(repo({ ".aws/config": AWS_CONFIG }))).toEqual(DEFAULTS);
  });

  it('"off" removes, "warning" lowers an error rule, "error" raises a warning rule, "note" never fails', () => {
    const dir = repo(
      { ".aws/config": AWS_CONFIG, "app/settings.py": `DB_PASSWORD = "${DB_PASSWORD}"\n` },
      { rules: { "mfa-config": "off", "invalid-region": "warning", "profile-reference": "note", "hardcoded-secret": "error" } },
    );
    const { run, report } = json(dir);
    expect(report.findings.map((f) => `${f.ruleId} ${f.severity} ${f.path}:${f.line}`).sort()).toEqual([
      "hardcoded-secret error app/settings.py:1",
      "invalid-region warning .aws/config:11",
      "invalid-region warning .aws/config:5",
      "profile-reference note .aws/config:9",
    ]);
    expect(run.code).toBe(1); // the raised hardcoded-secret
  });

  it("exit code follows the configured levels", () => {
    const dir = repo({ ".aws/config": AWS_CONFIG }, { rules: { "invalid-region": "warning", "profile-reference": "off" } });
    expect(cli([], dir).code).toBe(0);
    expect(cli(["--max-warnings", "0"], dir).code).toBe(1);
    expect(cli(["--no-config"], dir).code).toBe(1);
  });

  it("[level] without options sets the level", () => {
    const dir = repo({ ".aws/config": AWS_CONFIG }, { rules: { "invalid-region": ["off"], "profile-reference": ["off"] } });
    expect(reported(dir)).toEqual(["mfa-config warning .aws/config:6", "mfa-config warning .aws/config:6"]);
  });
});

describe("rules: options", () => {
  // Options change what a rule accepts; the rest of its findings stay.
  it("invalid-region extraRegions accepts a region code credlint does not know", () => {
    const dir = repo({ ".aws/config": AWS_CONFIG }, { rules: { "invalid-region": ["error", { extraRegions: ["me-west-9"] }] } });
    const found = reported(dir);
    expect(found).not.toContain("invalid-region error .aws/config:11");
    expect(found).toContain("invalid-region error .aws/config:5");
  });

  it("profile-reference externalProfiles accepts a profile defined outside the repository", () => {
    const dir = repo({ ".aws/config": AWS_CONFIG }, { rules: { "profile-reference": ["error", { externalProfiles: ["corp-sso"] }] } });
    expect(reported(dir)).not.toContain("profile-reference error .aws/config:9");
    const other = repo({ ".aws/config": AWS_CONFIG }, { rules: { "profile-reference": ["error", { externalProfiles: ["corp"] }] } });
    expect(reported(other)).toContain("profile-reference error .aws/config:9");
  });

  it("options and a level together: the level applies to what the options leave", () => {
    const dir = repo({ ".aws/config": AWS_CONFIG }, { rules: { "invalid-region": ["warning", { extraRegions: ["me-west-9"] }] } });
    expect(reported(dir).filter((f) => f.startsWith("invalid-region"))).toEqual(["invalid-region warning .aws/config:5"]);
  });
});

describe("ignore", () => {
  // gitignore syntax, relative to the config's folder: ignored files are not scanned and counted as ignored.
  const FILES = {
    "vendor/aws-sdk/.aws/config": "[profile vendored]\nregion = us-east1\n",
    "deploy/staging.env": "AWS_REGION=us-east1\n",
    "deploy/production.env": "AWS_REGION=eu-west1\n",
    ".aws/config": "[default]\nregion = eu-west-1\n",
  };

  it("a folder, and a negation that re-includes one file", () => {
    expect(reported(repo(FILES))).toEqual([
      "invalid-region error deploy/production.env:1",
      "invalid-region error deploy/staging.env:1",
      "invalid-region error vendor/aws-sdk/.aws/config:2",
    ]);
    const dir = repo(FILES, { ignore: ["vendor/", "*.env", "!production.env"] });
    const { report } = json(dir);
    expect(report.findings.map((f) => `${f.ruleId} ${f.path}:${f.line}`)).toEqual(["invalid-region deploy/production.env:1"]);
    expect(report.stats.ignored).toBe(2);
    // Named on the command line, an ignored file stays ignored.
    expect(reported(dir, "deploy/staging.env")).toEqual([]);
    expect(printConfig(dir, "deploy/staging.env").ignored).toBe(true);
    expect(printConfig(dir, "deploy/production.env").ignored).toBe(false);
  });

  it("is relative to the config's own folder", () => {
    const dir = repo({
      ...FILES,
      "packages/api/credlint.config.json": JSON.stringify({ ignore: ["/deploy/"] }),
      "packages/api/deploy/staging.env": "AWS_REGION=us-east1\n",
      "packages/api/src/deploy/dev.env": "AWS_REGION=us-east1\n",
    });
    const found = reported(dir);
    expect(found).toContain("invalid-region error deploy/staging.env:1");
    expect(found).toContain("invalid-region error packages/api/src/deploy/dev.env:1");
    expect(found).not.toContain("invalid-region error packages/api/deploy/staging.env:1");
  });
});

describe("fileKinds", () => {
  // A file credlint would not recognise by name is read as the kind the config gives it.
  it("deploy/aws.ini mapped to aws-config gets aws-config findings", () => {
    const files = { "deploy/aws.ini": "[dev]\nregion = us-east1\n" };
    expect(reported(repo(files))).toEqual([]);
    const dir = repo(files, { fileKinds: { "deploy/aws.ini": "aws-config" } });
    expect(reported(dir)).toEqual(["aws-config-syntax error deploy/aws.ini:1", "invalid-region error deploy/aws.ini:2"]);
    expect(printConfig(dir, "deploy/aws.ini").fileKind).toBe("aws-config");
    expect(printConfig(repo(files), "deploy/aws.ini").fileKind).not.toBe("aws-config");
  });

  it("a pattern with a glob, in YAML", () => {
    const dir = tempRepo(
      {
        "credlint.config.yaml": "fileKinds:\n  '*.creds': aws-credentials\n",
        "keys/team.creds": `[profile team]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET_KEY}\n`,
      },
      { git: true },
    );
    const found = reported(dir);
    expect(found).toContain("aws-config-syntax error keys/team.creds:1");
  });
});

describe("secretPatterns", () => {
  // The project's own token formats are reported by hardcoded-secret, at the pattern's severity, named by
  // the pattern's id, and masked like every other secret.
  const ACME = { id: "acme-live", description: "ACME live API token", regex: "acme_live_[a-z0-9]{32}" };

  it("finds a custom token format at the pattern's severity, names the pattern, masks the value", () => {
    expect(reported(repo({ "app/settings.py": `ACME = "${ACME_TOKEN}"\n` }))).toEqual([]);
    const dir = repo({ "app/settings.py": `ACME = "${ACME_TOKEN}"\n` }, { secretPatterns: [{ ...ACME, severity: "warning" }] });
    const { run, report } = json(dir);
    expect(run.code).toBe(0);
    expect(report.findings).toHaveLength(1);
    const f = report.findings[0];
    expect(f).toMatchObject({ ruleId: "hardcoded-secret", severity: "warning", path: "app/settings.py", line: 1 });
    expect(f?.message).toContain("acme-live");
    expect(f?.message).toContain("ACME live API token");
    for (const format of ["text", "json", "sarif", "github"]) {
      const out = cli(["--format", format, "--no-color"], dir).stdout;
      expect(out, format).not.toContain(ACME_TOKEN);
      expect(out, format).not.toContain(ACME_TOKEN.slice("acme_live_".length, "acme_live_".length + 8));
    }
    expect(cli(["--no-color"], dir).stdout).toContain("acme****");
  });

  it("wins over the generic name = value match on the same value: one finding, the pattern's", () => {
    const dir = repo({ "app/settings.py": `ACME_API_TOKEN = "${ACME_TOKEN}"\n` }, { secretPatterns: [{ ...ACME, severity: "note" }] });
    const { report } = json(dir);
    expect(report.findings.map((f) => `${f.ruleId} ${f.severity} ${f.path}:${f.line}`)).toEqual(["hardcoded-secret note app/settings.py:1"]);
    expect(report.findings[0]?.message).toContain("acme-live");
  });

  it("a capture group marks the secret: allow by its sha256 accepts it", () => {
    const value = ACME_TOKEN.slice("acme_live_".length);
    const pattern = { id: "acme-key", description: "ACME key", regex: "acme:([a-z0-9]{32})" };
    const files = { "deploy/acme.ini": `key = acme:${value}\n` };
    expect(reported(repo(files, { secretPatterns: [pattern] }))).toEqual(["hardcoded-secret error deploy/acme.ini:1"]);
    expect(reported(repo(files, { secretPatterns: [pattern], allow: [{ sha256: sha256(value) }] }))).toEqual([]);
  });

  it("defaults to error severity", () => {
    const dir = repo({ "app/settings.py": `ACME = "${ACME_TOKEN}"\n` }, { secretPatterns: [ACME] });
    expect(reported(dir)).toEqual(["hardcoded-secret error app/settings.py:1"]);
    expect(cli([], dir).code).toBe(1);
  });

  it("runs only on files holding one of its keywords (case-insensitive)", () => {
    const config = { secretPatterns: [{ ...ACME, keywords: ["Import ACME"] }] };
    expect(reported(repo({ "a.py": `ACME = "${ACME_TOKEN}"\n` }, config))).toEqual([]);
    expect(reported(repo({ "a.py": `import acme\n\nACME = "${ACME_TOKEN}"\n` }, config))).toEqual(["hardcoded-secret error a.py:3"]);
  });

  it("is silenced with the hardcoded-secret rule", () => {
    const dir = repo({ "a.py": `TOKEN = "${ACME_TOKEN}"\n` }, { secretPatterns: [ACME], rules: { "hardcoded-secret": "off" } });
    expect(reported(dir)).toEqual([]);
  });
});

describe("allow", () => {
  // Accepted values of the secret rules, by SHA-256 or RE2 pattern: the finding is suppressed ("external"),
  // not dropped, and other rules are not affected.
  it("by sha256 of a secret: the finding moves to suppressed, with the reason", () => {
    const files = { "app/settings.py": SETTINGS_PY };
    const dir = repo(files, { allow: [{ sha256: sha256(DB_PASSWORD), reason: "the integration test database" }] });
    const { report } = json(dir);
    expect(report.findings).toEqual([]);
    expect(report.suppressed).toHaveLength(1);
    expect(report.suppressed[0]).toMatchObject({
      ruleId: "hardcoded-secret",
      path: "app/settings.py",
      line: 3,
      suppression: { kind: "external", by: "allow in credlint.config.json", justification: "the integration test database" },
    });
    const sarif = JSON.parse(cli(["--format", "sarif"], dir).stdout) as { runs: { results: { suppressions?: { kind: string; justification?: string }[] }[] }[] };
    expect(sarif.runs[0]?.results[0]?.suppressions).toEqual([{ kind: "external", status: "accepted", justification: "the integration test database" }]);
    expect(cli(["--no-color"], dir).stdout).toContain("Not shown: 1 allowed by the config.");
    // Another value is still reported.
    const other = repo({ "app/settings.py": `DB_PASSWORD = "${fakePassword(206, 20)}"\n` }, { allow: [{ sha256: sha256(DB_PASSWORD) }] });
    expect(reported(other)).toEqual(["hardcoded-secret warning app/settings.py:1"]);
  });

  it("by sha256 of an AWS secret access key", () => {
    const files = { "deploy/keys.py": `AWS_ACCESS_KEY_ID = "${KEY_ID}"\nAWS_SECRET_ACCESS_KEY = "${SECRET_KEY}"\n` };
    expect(reported(repo(files))).toEqual(["hardcoded-aws-key error deploy/keys.py:2"]);
    const { run, report } = json(repo(files, { allow: [{ sha256: sha256(SECRET_KEY) }] }));
    expect(report.findings).toEqual([]);
    expect(report.suppressed.map((f) => `${f.ruleId} ${f.suppression?.kind}`)).toEqual(["hardcoded-aws-key external"]);
    expect(run.code).toBe(0);
  });

  it("by pattern: test tokens allowed, live tokens still reported", () => {
    const files = { "app/acme.py": `LIVE = "${ACME_TOKEN}"\nTEST = "${ACME_TEST_TOKEN}"\n` };
    const config = {
      secretPatterns: [{ id: "acme", description: "ACME API token", regex: "acme_(?:live|test)_[a-z0-9]{32}" }],
      allow: [{ pattern: "^acme_test_", reason: "sandbox tokens" }],
    };
    const { report } = json(repo(files, config));
    expect(report.findings.map((f) => `${f.ruleId} ${f.path}:${f.line}`)).toEqual(["hardcoded-secret app/acme.py:1"]);
    expect(report.suppressed.map((f) => `${f.ruleId} ${f.path}:${f.line} ${f.suppression?.kind} ${f.suppression?.justification}`)).toEqual([
      "hardcoded-secret app/acme.py:2 external sandbox tokens",
    ]);
  });

  it("does not suppress findings of rules that do not report secrets", () => {
    const dir = repo({ "deploy/.env": "AWS_REGION=us-east1\n" }, { allow: [{ pattern: "us-east1" }, { sha256: sha256("us-east1") }] });
    expect(reported(dir)).toEqual(["invalid-region error deploy/.env:1"]);
  });
});

describe("maxFileSize", () => {
  // Larger files are skipped and counted; --max-file-size on the command line wins over the config.
  const FILES = {
    "small/.aws/config": "[profile s]\nregion = us-east1\n",
    "big/.aws/config": `[profile b]\n${"# padding line for size\n".repeat(10)}region = us-east1\n`,
  };

  it("skips larger files", () => {
    expect(reported(repo(FILES))).toEqual(["invalid-region error big/.aws/config:12", "invalid-region error small/.aws/config:2"]);
    const dir = repo(FILES, { maxFileSize: 100 });
    const { report } = json(dir, "small", "big");
    expect(report.findings.map((f) => f.path)).toEqual(["small/.aws/config"]);
    expect(report.stats.skippedTooLarge).toBe(1);
    expect(printConfig(dir, "big/.aws/config").maxFileSize).toBe(100);
  });

  it("--max-file-size overrides it", () => {
    const dir = repo(FILES, { maxFileSize: 100 });
    expect(reported(dir, "--max-file-size", "100000", "small", "big")).toHaveLength(2);
    expect(printConfig(dir, "big/.aws/config", "--max-file-size", "100000").maxFileSize).toBe(100000);
  });
});

describe("requireDisableReason and reportUnusedDisableDirectives", () => {
  // Directives without a reason, and directives that suppress nothing, become disable-directive findings.
  const FILES = {
    ".aws/config": [
      "[profile dev]",
      "# credlint-disable-next-line invalid-region",
      "region = us-east1",
      "# credlint-disable-next-line invalid-region -- the old stack's own endpoint resolver accepts it",
      "sso_region = eu-west1",
      "# credlint-disable-next-line mfa-config -- left over",
      "output = json",
      "",
    ].join("\n"),
  };
  const directiveFindings = (dir: string, ...args: string[]): string[] =>
    json(dir, ...args)
      .report.findings.filter((f) => f.ruleId === "disable-directive")
      .map((f) => `${f.severity} ${f.path}:${f.line} ${f.message}`);

  it("without the keys, neither is reported", () => {
    expect(directiveFindings(repo(FILES))).toEqual([]);
  });

  it("requireDisableReason reports a directive without a reason", () => {
    const found = directiveFindings(repo(FILES, { requireDisableReason: true }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^error \.aws\/config:2 This credlint-disable-next-line gives no reason/);
  });

  it("reportUnusedDisableDirectives reports a directive that suppresses nothing, at its level", () => {
    const found = directiveFindings(repo(FILES, { reportUnusedDisableDirectives: "warning" }));
    expect(found).toEqual(["warning .aws/config:6 credlint-disable-next-line mfa-config suppresses nothing here: remove it."]);
    // --report-unused-disable makes it an error, with or without the key.
    expect(directiveFindings(repo(FILES, { reportUnusedDisableDirectives: "warning" }), "--report-unused-disable")[0]).toMatch(/^error /);
    expect(directiveFindings(repo(FILES), "--report-unused-disable")[0]).toMatch(/^error .aws\/config:6 /);
  });
});

describe("which config applies: nearest wins, --config, --no-config", () => {
  // The nearest config above a file applies to it, whole (not merged); --config uses one file for every
  // file; --no-config uses the defaults.
  const MONOREPO = {
    "credlint.config.json": JSON.stringify({ rules: { "invalid-region": "off" } }),
    "tools/.aws/config": "[profile t]\nregion = us-east1\nmfa_serial = 123456\n",
    "packages/api/.credlintrc.yaml": "rules:\n  mfa-config: off\n",
    "packages/api/.aws/config": "[profile a]\nregion = us-east1\nmfa_serial = 123456\n",
    "packages/web/.aws/config": "[profile w]\nregion = us-east1\nmfa_serial = 123456\n",
    "ci/strict.yaml": "rules:\n  mfa-config: error\n",
  };

  it("the nearest config wins, whole", () => {
    const dir = tempRepo(MONOREPO, { git: true });
    expect(reported(dir)).toEqual([
      // packages/api: its own config (mfa-config off), where invalid-region is on again.
      "invalid-region error packages/api/.aws/config:2",
      "mfa-config warning packages/web/.aws/config:3",
      "mfa-config warning packages/web/.aws/config:3",
      "mfa-config warning tools/.aws/config:3",
      "mfa-config warning tools/.aws/config:3",
    ]);
    expect(printConfig(dir, "packages/api/.aws/config").configFile).toBe("packages/api/.credlintrc.yaml");
    expect(printConfig(dir, "packages/web/.aws/config").configFile).toBe("credlint.config.json");
  });

  it("--config FILE (and -c) applies one file to every file", () => {
    const dir = tempRepo(MONOREPO, { git: true });
    for (const flag of ["--config", "-c"]) {
      const found = reported(dir, flag, "ci/strict.yaml");
      expect(found.filter((f) => f.startsWith("mfa-config"))).toHaveLength(6);
      expect(found.every((f) => !f.startsWith("mfa-config warning"))).toBe(true);
      expect(found.filter((f) => f.startsWith("invalid-region"))).toHaveLength(3);
    }
    expect(printConfig(dir, "packages/api/.aws/config", "--config", "ci/strict.yaml").configFile).toBe("ci/strict.yaml");
  });

  it("--no-config uses the defaults everywhere", () => {
    const dir = tempRepo(MONOREPO, { git: true });
    const found = reported(dir, "--no-config");
    expect(found.filter((f) => f.startsWith("invalid-region error"))).toHaveLength(3);
    expect(found.filter((f) => f.startsWith("mfa-config warning"))).toHaveLength(6);
    expect(printConfig(dir, "packages/api/.aws/config", "--no-config").configFile).toBeNull();
  });

  it("--config with a missing file, or with --no-config, is a one-line usage error", () => {
    const dir = tempRepo(MONOREPO, { git: true });
    const missing = cli(["--config", "nope.json"], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^credlint: --config nope\.json: no such file/);
    expect(missing.stderr.trim().split("\n")).toHaveLength(1);
    const both = cli(["--config", "ci/strict.yaml", "--no-config"], dir);
    expect(both.code).toBe(2);
    expect(both.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("two config files in one folder is an error naming both", () => {
    const dir = tempRepo({ ".aws/config": "[default]\nregion = eu-west-1\n", "credlint.config.json": "{}\n", ".credlintrc.yml": "rules: {}\n" }, { git: true });
    const r = cli([], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("credlint.config.json");
    expect(r.stderr).toContain(".credlintrc.yml");
  });

  it("an .mjs config works like a JSON one", () => {
    const dir = tempRepo(
      { ".aws/config": AWS_CONFIG, "credlint.config.mjs": 'export default { rules: { "invalid-region": "note", "profile-reference": "off" } };\n' },
      { git: true },
    );
    expect(reported(dir)).toEqual([
      "invalid-region note .aws/config:11",
      "invalid-region note .aws/config:5",
      "mfa-config warning .aws/config:6",
      "mfa-config warning .aws/config:6",
    ]);
  });
});

describe("--print-config FILE", () => {
  // The settings that apply to one file, as JSON: what the scan, the rules and the filter will use.
  it("shows the config file, each rule's level with its options, ignored, fileKind", () => {
    const dir = tempRepo(
      {
        "packages/api/credlint.config.yaml": [
          "rules:",
          "  mfa-config: off",
          "  invalid-region: [warning, { extraRegions: [me-west-9] }]",
          "ignore:",
          "  - generated/",
          "fileKinds:",
          "  deploy/aws.ini: aws-config",
          "",
        ].join("\n"),
        "packages/api/deploy/aws.ini": "[profile x]\nregion = us-east-1\n",
      },
      { git: true },
    );
    const pc = printConfig(dir, "packages/api/deploy/aws.ini");
    expect(pc).toMatchObject({
      file: "packages/api/deploy/aws.ini",
      configFile: "packages/api/credlint.config.yaml",
      ignored: false,
      fileKind: "aws-config",
      ignore: ["generated/"],
      fileKinds: { "deploy/aws.ini": "aws-config" },
      baseline: "packages/api/.credlint-baseline.json",
    });
    const rules = pc.rules as Record<string, unknown>;
    expect(rules["mfa-config"]).toBe("off");
    expect(rules["invalid-region"]).toEqual(["warning", { extraRegions: ["me-west-9"] }]);
    expect(rules["profile-reference"]).toEqual(["error", { externalProfiles: [] }]);
    expect(rules["hardcoded-secret"]).toBe("warning");
    expect(printConfig(dir, "packages/api/generated/x.env").ignored).toBe(true);
    // From inside the package, paths are relative to the current folder.
    const inside = printConfig(path.join(dir, "packages/api"), "deploy/aws.ini");
    expect(inside).toMatchObject({ file: "deploy/aws.ini", configFile: "credlint.config.yaml", fileKind: "aws-config", baseline: ".credlint-baseline.json" });
  });

  it("names the baseline the scan will use, also when run from a sub-folder without a config", () => {
    const dir = tempRepo({ "app/settings.py": "DEBUG = False\n" }, { git: true });
    expect(printConfig(dir, "app/settings.py").baseline).toBe(".credlint-baseline.json");
    // The scan uses the repository root's baseline (see baseline.test.ts); relative to app/ that is ../.
    expect(printConfig(path.join(dir, "app"), "settings.py").baseline).toBe("../.credlint-baseline.json");
  });

  it("fails like a scan on a broken config", () => {
    const dir = tempRepo({ "credlint.config.json": '{\n  "rulez": {}\n}\n', "a.py": "" }, { git: true });
    const r = cli(["--print-config", "a.py"], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain('credlint.config.json:2:3: rulez: unknown key "rulez"; did you mean "rules"?');
  });
});

describe("config errors", () => {
  // Each mistake: exit 2, nothing on stdout, the file and line (`file:line:col: key: message`) on stderr,
  // a did-you-mean where there is one, no stack trace, and no secret — though the file holds one (an allow
  // pattern for a fixture token, written out literally).
  const ALLOW_FIXTURE = `{ "pattern": "^${GITHUB_TOKEN}$", "reason": "fixture" }`;
  const ALLOW_FIXTURE_YAML = `allow:\n  - pattern: "^${GITHUB_TOKEN}$"\n    reason: fixture\n`;
  const CASES: readonly { what: string; file: string; text: string; expected: RegExp }[] = [
    {
      what: "an unknown key, with did-you-mean",
      file: "credlint.config.json",
      text: `{\n  "allow": [${ALLOW_FIXTURE}],\n  "ignores": ["vendor/"]\n}\n`,
      expected: /^credlint\.config\.json:3:3: ignores: unknown key "ignores"; did you mean "ignore"\?$/m,
    },
    {
      what: "a wrong type",
      file: "credlint.config.json",
      text: `{\n  "allow": [${ALLOW_FIXTURE}],\n  "ignore": "vendor/"\n}\n`,
      expected: /^credlint\.config\.json:3:13: ignore: expected an array of strings, got a string$/m,
    },
    {
      what: "a wrong type (maxFileSize)",
      file: ".credlintrc.yaml",
      text: `${ALLOW_FIXTURE_YAML}maxFileSize: 2MB\n`,
      expected: /^\.credlintrc\.yaml:4:14: maxFileSize: expected an integer of at least 1, got a string$/m,
    },
    {
      what: "an unknown rule id",
      file: "credlint.config.json",
      text: `{\n  "allow": [${ALLOW_FIXTURE}],\n  "rules": {\n    "hardcoded-secrets": "off"\n  }\n}\n`,
      expected: /^credlint\.config\.json:4:5: rules\.hardcoded-secrets: unknown rule "hardcoded-secrets"; did you mean "hardcoded-secret"\?$/m,
    },
    {
      what: 'a bad level ("warn")',
      file: "credlint.config.yaml",
      text: `${ALLOW_FIXTURE_YAML}rules:\n  invalid-region: warn\n`,
      expected: /^credlint\.config\.yaml:5:19: rules\.invalid-region: unknown level "warn"; did you mean "warning"\?$/m,
    },
    {
      what: "an unknown rule option",
      file: "credlint.config.json",
      text: `{\n  "allow": [${ALLOW_FIXTURE}],\n  "rules": { "invalid-region": ["error", { "extraRegion": ["x"] }] }\n}\n`,
      expected: /^credlint\.config\.json:3:44: rules\.invalid-region\[1\]\.extraRegion: unknown option "extraRegion"; did you mean "extraRegions"\?$/m,
    },
    {
      what: "an unknown file kind",
      file: "credlint.config.json",
      text: `{\n  "allow": [${ALLOW_FIXTURE}],\n  "fileKinds": { "deploy/*.ini": "aws-conf" }\n}\n`,
      expected: /^credlint\.config\.json:3:34: fileKinds\["deploy\/\*\.ini"\]: unknown file kind "aws-conf"; did you mean "aws-config"\?$/m,
    },
    {
      what: "a secret pattern RE2 rejects (lookahead)",
      file: "credlint.config.json",
      text: `{\n  "allow": [${ALLOW_FIXTURE}],\n  "secretPatterns": [\n    { "id": "acme", "description": "ACME", "regex": "acme_(?=live)[a-z0-9]{32}" }\n  ]\n}\n`,
      expected: /^credlint\.config\.json:4:53: secretPatterns\[0\]\.regex: RE2 rejects the pattern "acme": .*\(\?=/m,
    },
    {
      what: "a secret pattern that matches the empty string",
      file: "credlint.config.json",
      text: `{\n  "allow": [${ALLOW_FIXTURE}],\n  "secretPatterns": [{ "id": "acme", "description": "ACME", "regex": "[a-z]*" }]\n}\n`,
      expected: /^credlint\.config\.json:3:\d+: secretPatterns\[0\]\.regex: the pattern "acme" matches the empty string/m,
    },
    {
      what: "a secret pasted where its sha256 belongs",
      file: "credlint.config.json",
      text: `{\n  "allow": [\n    { "sha256": "${DB_PASSWORD}" }\n  ]\n}\n`,
      expected: /^credlint\.config\.json:3:17: allow\[0\]\.sha256: does not match/m,
    },
    {
      what: "a JSON trailing comma",
      file: "credlint.config.json",
      text: `{\n  "allow": [${ALLOW_FIXTURE}],\n  "rules": {\n    "mfa-config": "off",\n  }\n}\n`,
      expected: /^credlint\.config\.json:4:24: invalid JSON: trailing comma before "}"$/m,
    },
    {
      what: "a JSON comment",
      file: ".credlintrc.json",
      text: `{\n  // allow the fixture\n  "allow": [${ALLOW_FIXTURE}]\n}\n`,
      expected: /^\.credlintrc\.json:2:3: invalid JSON: comments are not allowed in JSON/m,
    },
    {
      what: "a YAML syntax error",
      file: ".credlintrc.yml",
      text: `${ALLOW_FIXTURE_YAML}rules:\n  mfa-config: off\n   invalid-region: [error\n`,
      expected: /^\.credlintrc\.yml:5:\d+: invalid YAML: /m,
    },
  ];

  it.each(CASES)("$what: exit 2, file:line in stderr, no stack, no secret", ({ file, text, expected }) => {
    const dir = tempRepo({ ".aws/config": AWS_CONFIG, "app/settings.py": SETTINGS_PY, [file]: text }, { git: true });
    for (const args of [[], ["--format", "sarif"], ["baseline"], ["--print-config", "app/settings.py"]]) {
      const r = cli(args, dir);
      expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr.split("\n")[0]).toBe(`credlint: Invalid config ${file}:`);
      expect(r.stderr).toMatch(expected);
      expect(r.stderr).not.toMatch(/^\s*at /m);
      expect(r.stderr).not.toContain("internal error");
      for (const secret of ALL_FAKES) {
        expect(r.stderr).not.toContain(secret);
        expect(r.stderr).not.toContain(secret.slice(0, 8));
      }
    }
  });

  it("in a package's config, names it relative to the current folder", () => {
    const dir = tempRepo(
      { "packages/api/.aws/config": AWS_CONFIG, "packages/api/credlint.config.json": '{\n  "rules": {\n    "invalid-region": "warn"\n  }\n}\n' },
      { git: true },
    );
    const r = cli([], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('packages/api/credlint.config.json:3:23: rules.invalid-region: unknown level "warn"; did you mean "warning"?');
    const inside = cli([], path.join(dir, "packages/api"));
    expect(inside.stderr).toContain("credlint.config.json:3:23: ");
    expect(inside.stderr).not.toContain("packages/api/");
  });

  it("lists every problem of a file at once, in line order", () => {
    const dir = tempRepo(
      { ".aws/config": AWS_CONFIG, "credlint.config.json": '{\n  "rules": { "mfa-confg": "off" },\n  "ignore": "x",\n  "maxFileSize": 0\n}\n' },
      { git: true },
    );
    const lines = cli([], dir).stderr.trim().split("\n");
    expect(lines).toHaveLength(4);
    expect(lines.slice(1).map((l) => l.split(":").slice(0, 2).join(":"))).toEqual(["credlint.config.json:2", "credlint.config.json:3", "credlint.config.json:4"]);
  });

  it("an allow pattern RE2 rejects is not echoed when it holds a secret", () => {
    // RE2's own message quotes the pattern ("missing ): (ghp_…"); a pattern that names a fixture token
    // literally must not put the token into a CI log.
    for (const pattern of [`(${GITHUB_TOKEN}`, `[${GITHUB_TOKEN}`, `${GITHUB_TOKEN})`]) {
      const dir = tempRepo({ ".aws/config": AWS_CONFIG, "credlint.config.json": `${JSON.stringify({ allow: [{ pattern }] }, null, 2)}\n` }, { git: true });
      const r = cli([], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^credlint\.config\.json:4:\d+: allow\[0\]\.pattern: RE2 rejects the pattern/m);
      expect(r.stderr, pattern).not.toContain(GITHUB_TOKEN.slice(0, 12));
    }
  });
});
