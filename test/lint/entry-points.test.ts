/**
 * "The CLI, the Action and ESLint agree under one config": one realistic repository with a config file (levels,
 * an `off`, a rule option, an ignore, a custom secret pattern, an `allow`), inline directives and later a
 * baseline, run through the three committed bundles as users run them — `bin/credlint.js` (dist/credlint.cjs),
 * `dist/action.mjs` on a simulated runner, and ESLint with `dist/eslint-plugin.mjs`. Before comparing, each
 * case checks that the CLI found what was planted, so three empty outputs cannot agree their way to a pass.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ESLint, type Linter } from "eslint";
import tsParser from "@typescript-eslint/parser";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/generate.js";
import { git, tempRepo } from "../support/cli.js";
import { fakeKeyId, fakeSecret, pick, rng } from "../support/fake-keys.js";
import { findingLine, type CliFinding } from "../support/findings.js";

const CLI_BIN = path.join(ROOT, "bin/credlint.js");
const ACTION_BUNDLE = path.join(ROOT, "dist/action.mjs");
const ESLINT_PLUGIN_BUNDLE = path.join(ROOT, "dist/eslint-plugin.mjs");

const TOKEN_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
/** Seeded fakes in the config's `acme_live_[a-z0-9]{32}` format (never real tokens). */
const ACME_TOKEN = `acme_live_${pick(TOKEN_ALPHABET, 32, rng(4102))}`;
const ACME_STAGING_TOKEN = `acme_live_${pick(TOKEN_ALPHABET, 32, rng(4106))}`;
/** The public sandbox token: the config's `allow` pattern accepts it. */
const ACME_SANDBOX_TOKEN = `acme_live_sandbox${pick(TOKEN_ALPHABET, 25, rng(4105))}`;

const CONFIG = `# credlint settings for the payments service: the CLI, the Action and the editor read this file.
rules:
  # Generic token matches are reviewed in the pull request, not blocking.
  hardcoded-secret: warning
  # The MFA profiles are written by the platform team's tooling.
  mfa-config: "off"
  # The v2 client code is being migrated to roles; tracked in the migration epic.
  static-credentials-in-code: "off"
  # eu-central-3 is the name our S3-compatible store answers to.
  invalid-region: [error, { extraRegions: [eu-central-3] }]
ignore:
  # Old experiments kept for reference, not maintained.
  - scratch/
secretPatterns:
  - id: acme-token
    description: live ACME token
    regex: "acme_live_[a-z0-9]{32}"
    keywords: [acme_live_]
allow:
  - pattern: "^acme_live_sandbox[a-z0-9]{25}$"
    reason: Public sandbox token from the ACME API reference
`;

/** A stricter config kept for CI, named explicitly with `--config` / the Action's `config` input. */
const CI_CONFIG_PATH = "credlint.ci.yaml";
const CI_CONFIG = `# The release pipeline's config: everything on, secrets block.
rules:
  hardcoded-secret: error
  invalid-region: [error, { extraRegions: [eu-central-3] }]
ignore:
  - scratch/
secretPatterns:
  - id: acme-token
    description: live ACME token
    regex: "acme_live_[a-z0-9]{32}"
    keywords: [acme_live_]
`;

/** src/local.ts: a non-secret directive, and a secret one (its value tag is filled in from a first run). */
function localTs(tag: string): string {
  return `import { S3Client } from "@aws-sdk/client-s3";

// credlint-disable-next-line invalid-region -- LocalStack's made-up region
export const local = new S3Client({ region: "us-local-9" });
// credlint-disable-next-line hardcoded-secret${tag} -- staging token, rotated weekly
export const STAGING_TOKEN = "${ACME_STAGING_TOKEN}";
`;
}

function plantedFiles(): Record<string, string> {
  return {
    ".gitignore": "node_modules/\n",
    "credlint.config.yaml": CONFIG,
    [CI_CONFIG_PATH]: CI_CONFIG,
    "src/s3.ts": `import { S3Client } from "@aws-sdk/client-s3";

export const s3 = new S3Client({ region: "us-east-1a" });
`,
    "src/eu.ts": `import { S3Client } from "@aws-sdk/client-s3";

export const eu = new S3Client({ region: "eu-central-3" });
`,
    "src/legacy.js": `const AWS = require("aws-sdk");

const s3 = new AWS.S3({ accessKeyId: "${fakeKeyId(4101)}", secretAccessKey: "${fakeSecret(4101)}" });
module.exports = { s3 };
`,
    "src/acme.ts": `export const ACME_TOKEN = "${ACME_TOKEN}";
`,
    "src/sandbox.ts": `// The shared sandbox token from the API reference (it can only reach the sandbox).
export const SANDBOX_TOKEN = "${ACME_SANDBOX_TOKEN}";
`,
    "src/local.ts": localTs(""),
    "src/profiles.ts": `import { S3Client } from "@aws-sdk/client-s3";
import { fromIni } from "@aws-sdk/credential-providers";

export const dev = new S3Client({ credentials: fromIni({ profile: "dev" }) });
export const staging = new S3Client({ credentials: fromIni({ profile: "staging" }) });
`,
    // A package with a config of its own: nearest wins, whole (no extraRegions, no ignore, a lower level).
    "tools/.credlintrc.json": `{ "rules": { "invalid-region": "warning" } }
`,
    "tools/upload.ts": `import { S3Client } from "@aws-sdk/client-s3";

export const upload = new S3Client({ region: "eu-central-3" });
`,
    // An old experiment kept in the repository, which the config leaves out (a folder credlint would read otherwise).
    "scratch/x.js": `const AWS = require("aws-sdk");
const s3 = new AWS.S3({ region: "us-east-1a", accessKeyId: "${fakeKeyId(4103)}", secretAccessKey: "${fakeSecret(4103)}" });
module.exports = { s3 };
`,
    ".env": `AWS_ACCESS_KEY_ID=${fakeKeyId(4104)}
AWS_SECRET_ACCESS_KEY=${fakeSecret(4104)}
AWS_REGION=us-east1
`,
    ".github/workflows/deploy.yml": `name: deploy
on: push
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          aws-access-key-id: \${{ secrets.AWS_ACCESS_KEY_ID }}
          aws-secret-access-key: \${{ secrets.AWS_SECRET_ACCESS_KEY }}
          aws-region: us-east-1a
`,
    ".aws/config": `[profile dev]
region = eu-west-1
mfa_serial = 123456

[default]
region = us-east1
`,
  };
}

const CODE_FILES = ["src/acme.ts", "src/eu.ts", "src/legacy.js", "src/local.ts", "src/profiles.ts", "src/s3.ts", "src/sandbox.ts", "tools/upload.ts", "scratch/x.js"];

/** Findings that need the whole repository (a profile defined in another file): the plugin cannot see them. */
const CROSS_FILE_RULES: ReadonlySet<string> = new Set(["profile-reference"]);

interface Proc {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A runner-like environment: nothing of this process's (CI, colour, regex-engine) variables leaks in. */
function cleanEnv(home: string): Record<string, string> {
  return { PATH: process.env.PATH ?? "", HOME: home };
}

function runCli(repo: string, args: readonly string[]): Proc {
  const home = mkdtempSync(path.join(tmpdir(), "credlint-home-"));
  const r = spawnSync(process.execPath, [CLI_BIN, ...args], { cwd: repo, env: cleanEnv(home), encoding: "utf8" });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

interface CliJson {
  readonly findings: CliFinding[];
  readonly suppressed?: CliFinding[];
}

function cliJson(repo: string, args: readonly string[] = []): CliJson {
  const r = runCli(repo, ["--format", "json", ...args, "."]);
  expect(r.stderr, `credlint --format json ${args.join(" ")}`).toBe("");
  expect([0, 1]).toContain(r.code);
  return JSON.parse(r.stdout) as CliJson;
}

interface SarifResult {
  readonly ruleId: string;
  readonly level: string;
  readonly message: { readonly text: string };
  readonly locations: { readonly physicalLocation: { readonly artifactLocation: { readonly uri: string }; readonly region: Record<string, unknown> } }[];
  readonly baselineState?: string;
  readonly suppressions?: { readonly kind: string; readonly justification?: string }[];
}

interface SarifRun {
  readonly results: SarifResult[];
  readonly automationDetails?: unknown;
  readonly [key: string]: unknown;
}

interface SarifLog {
  readonly runs: SarifRun[];
}

function cliSarif(repo: string, args: readonly string[] = []): SarifRun {
  const r = runCli(repo, ["--format", "sarif", ...args, "."]);
  expect(r.stderr, `credlint --format sarif ${args.join(" ")}`).toBe("");
  expect([0, 1]).toContain(r.code);
  const run = (JSON.parse(r.stdout) as SarifLog).runs[0];
  if (!run) throw new Error("credlint --format sarif wrote no run");
  return run;
}

/** Runs dist/action.mjs as the runner does (inputs in `INPUT_<NAME>`, hyphens kept) and reads the SARIF it writes. */
function actionSarif(repo: string, inputs: Readonly<Record<string, string>> = {}): SarifRun {
  const home = mkdtempSync(path.join(tmpdir(), "credlint-runner-"));
  const runnerTemp = path.join(home, "temp");
  mkdirSync(runnerTemp);
  const sarifFile = path.join(runnerTemp, "results.sarif");
  const env: Record<string, string> = {
    ...cleanEnv(home),
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: repo,
    RUNNER_TEMP: runnerTemp,
    "INPUT_SARIF-FILE": sarifFile,
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const r = spawnSync(process.execPath, [ACTION_BUNDLE], { cwd: home, env, encoding: "utf8" });
  expect(r.stderr, "the Action's stderr").toBe("");
  expect(r.stdout, "the Action reported an error of its own").not.toMatch(/^::error title=credlint::/m);
  expect([0, 1]).toContain(r.status);
  expect(existsSync(sarifFile), `the Action wrote no SARIF file:\n${r.stdout}`).toBe(true);
  const run = (JSON.parse(readFileSync(sarifFile, "utf8")) as SarifLog).runs[0];
  if (!run) throw new Error("the Action's SARIF has no run");
  return run;
}

/** The run without what may differ between two invocations by design (the category). */
function withoutRunSpecifics(run: SarifRun): Record<string, unknown> {
  const { automationDetails: _category, results: _results, ...rest } = run;
  return rest;
}

/** One line per result: what a reviewer compares when the full objects differ. */
function resultLine(r: SarifResult): string {
  const loc = r.locations[0]?.physicalLocation;
  const region = loc?.region ?? {};
  const where = `${loc?.artifactLocation.uri ?? "?"}:${String(region.startLine)}:${String(region.startColumn)}-${String(region.endLine)}:${String(region.endColumn)}`;
  const suppression = r.suppressions?.map((s) => `${s.kind}(${s.justification ?? ""})`).join(",") ?? "-";
  return `${r.ruleId} ${r.level} ${where} baseline=${r.baselineState ?? "-"} suppressed=${suppression} ${r.message.text}`;
}

function expectSameSarif(viaCli: SarifRun, viaAction: SarifRun): void {
  // The readable summary first (a diff names the result), then every field of every result and of the run.
  expect(viaAction.results.map(resultLine)).toEqual(viaCli.results.map(resultLine));
  expect(viaAction.results).toEqual(viaCli.results);
  expect(withoutRunSpecifics(viaAction)).toEqual(withoutRunSpecifics(viaCli));
}

interface PluginModule {
  readonly default: { readonly configs: { readonly recommended: Linter.Config } };
}

/** ESLint with the committed plugin bundle's recommended config, as a user's eslint.config.js sets it up. */
async function eslintMessages(repo: string, files: readonly string[]): Promise<Map<string, string[]>> {
  const plugin = (await import(pathToFileURL(ESLINT_PLUGIN_BUNDLE).href)) as PluginModule;
  const eslint = new ESLint({
    cwd: repo,
    overrideConfigFile: true,
    // ESLint's own ignores stay out of it: scratch/ must be left out by credlint's config.
    ignore: false,
    overrideConfig: [plugin.default.configs.recommended, { files: ["**/*.{ts,cts,mts,tsx}"], languageOptions: { parser: tsParser as Linter.Parser } }],
  });
  const byFile = new Map<string, string[]>();
  for (const r of await eslint.lintFiles([...files])) {
    const rel = path.relative(repo, r.filePath).split(path.sep).join("/");
    const fatal = r.messages.find((m) => m.fatal);
    if (fatal) throw new Error(`ESLint could not parse ${rel}: ${fatal.message}`);
    byFile.set(
      rel,
      r.messages.map((m) => `${(m.ruleId ?? "").replace(/^credlint\//, "")} ${m.line}:${m.column}-${m.endLine ?? m.line}:${m.endColumn ?? m.column} ${m.message}`).sort(),
    );
  }
  return byFile;
}

/** The CLI's open findings in one file (cross-file ones too: the plugin reads the files they link to), as ESLint prints them. */
function singleFileFindings(json: CliJson, file: string): string[] {
  return json.findings
    .filter((f) => f.path === file)
    .map(findingLine)
    .sort();
}

const summary = (fs: readonly CliFinding[]): string[] => fs.map((f) => `${f.path}:${f.line} ${f.ruleId}`);
const inFile = (fs: readonly CliFinding[], file: string): CliFinding[] => fs.filter((f) => f.path === file);

interface Planted {
  readonly repo: string;
  /** The value tag the CLI asked for on the untagged secret directive (first run). */
  readonly tag: string;
  /** The first run's findings, before the tag was written. */
  readonly untagged: CliJson;
  /** ESLint's messages for src/local.ts in that first state. */
  readonly untaggedEslint: string[];
}

/**
 * The planted repository, after a first run: the secret directive in src/local.ts is written without its value
 * tag, the CLI names the tag, and the tag is copied into the file — as a developer does.
 */
async function plantRepo(): Promise<Planted> {
  const repo = tempRepo(plantedFiles(), { git: true });
  git(repo, "add", "-A");
  const untagged = cliJson(repo);
  const untaggedEslint = (await eslintMessages(repo, ["src/local.ts"])).get("src/local.ts") ?? [];
  const problem = untagged.findings.find((f) => f.path === "src/local.ts" && f.ruleId === "disable-directive");
  const tag = /write hardcoded-secret:([0-9a-f]+)\b/.exec(problem?.message ?? "")?.[1];
  if (tag === undefined) throw new Error(`the first run named no tag for src/local.ts:\n${summary(untagged.findings).join("\n")}`);
  writeFileSync(path.join(repo, "src/local.ts"), localTs(`:${tag}`));
  git(repo, "add", "-A");
  return { repo, tag, untagged, untaggedEslint };
}

/** The open findings the config leaves in the planted repository (rule id by place). */
const PLANTED_OPEN = [
  ".aws/config:6 invalid-region",
  ".env:1 committed-credentials-file",
  ".env:2 hardcoded-aws-key",
  ".env:3 invalid-region",
  ".github/workflows/deploy.yml:7 prefer-oidc",
  ".github/workflows/deploy.yml:11 invalid-region",
  "src/acme.ts:1 hardcoded-secret",
  "src/legacy.js:3 hardcoded-aws-key",
  "src/profiles.ts:5 profile-reference",
  "src/s3.ts:3 invalid-region",
  "tools/upload.ts:3 invalid-region",
];

describe("the CLI, the Action and ESLint agree under one config", () => {
  let planted: Planted;
  let json: CliJson;

  beforeAll(async () => {
    planted = await plantRepo();
    json = cliJson(planted.repo);
  }, 120_000);

  it("the CLI finds what was planted, and the config acts on it", () => {
    expect(summary(json.findings).sort()).toEqual([...PLANTED_OPEN].sort());
    // The custom pattern reports, at the config's level for its rule.
    const acme = inFile(json.findings, "src/acme.ts")[0];
    expect(acme?.message).toContain("the project's secret pattern acme-token");
    expect(acme?.severity).toBe("warning");
    // tools/ has its own config: eu-central-3 is not accepted there, and invalid-region is a warning.
    expect(inFile(json.findings, "tools/upload.ts").map((f) => f.severity)).toEqual(["warning"]);
    expect(inFile(json.findings, "src/s3.ts").map((f) => f.severity)).toEqual(["error"]);
    // Suppressed: by `allow`, and by the two directives.
    expect(
      (json.suppressed ?? []).map((f) => `${f.path}:${f.line} ${f.ruleId} ${f.suppression?.kind ?? "?"} ${f.suppression?.justification ?? ""}`).sort(),
    ).toEqual([
      "src/local.ts:4 invalid-region inSource LocalStack's made-up region",
      "src/local.ts:6 hardcoded-secret inSource staging token, rotated weekly",
      "src/sandbox.ts:2 hardcoded-secret external Public sandbox token from the ACME API reference",
    ]);
    // Nothing from the ignored folder, the accepted region or the rules that are off.
    expect(inFile(json.findings, "scratch/x.js")).toEqual([]);
    expect(inFile(json.findings, "src/eu.ts")).toEqual([]);
    expect(json.findings.filter((f) => f.ruleId === "mfa-config" || f.ruleId === "static-credentials-in-code")).toEqual([]);
  });

  it("without the config the same repository reports what the config turns off, ignores and accepts", () => {
    const bare = cliJson(planted.repo, ["--no-config"]);
    const found = summary(bare.findings);
    expect(found).toContain("scratch/x.js:2 invalid-region");
    expect(found).toContain("src/eu.ts:3 invalid-region");
    expect(found).toContain(".aws/config:3 mfa-config");
    expect(found).toContain("src/legacy.js:3 static-credentials-in-code");
    expect(found).toContain("src/sandbox.ts:2 hardcoded-secret");
  });

  it("the first run asked for the secret directive's value tag", () => {
    expect(planted.tag).toMatch(/^[0-9a-f]{8,}$/);
    expect(summary(inFile(planted.untagged.findings, "src/local.ts"))).toEqual(["src/local.ts:5 disable-directive"]);
    // With the tag written, the directive problem is gone and the staging token stays suppressed.
    expect(inFile(json.findings, "src/local.ts")).toEqual([]);
  });

  it("the Action writes the CLI's SARIF (config found by itself)", () => {
    const viaCli = cliSarif(planted.repo);
    expect(viaCli.results.filter((r) => !r.suppressions).length).toBe(PLANTED_OPEN.length);
    expectSameSarif(viaCli, actionSarif(planted.repo));
  }, 60_000);

  it("the Action writes the CLI's SARIF with an explicit config (--config / the config input)", () => {
    const viaCli = cliSarif(planted.repo, ["--config", CI_CONFIG_PATH]);
    // The explicit config is the one in use: the rules it leaves on report, at its levels.
    const ids = viaCli.results.map((r) => `${r.locations[0]?.physicalLocation.artifactLocation.uri ?? "?"} ${r.ruleId} ${r.level}`);
    expect(ids).toContain(".aws/config mfa-config warning");
    expect(ids).toContain("src/legacy.js static-credentials-in-code warning");
    expect(ids).toContain("src/acme.ts hardcoded-secret error");
    expect(ids.filter((i) => i.startsWith("scratch/") || i.startsWith("src/eu.ts"))).toEqual([]);
    expectSameSarif(viaCli, actionSarif(planted.repo, { config: CI_CONFIG_PATH }));
  }, 60_000);

  it("ESLint reports the CLI's findings for every JS/TS file", async () => {
    const eslint = await eslintMessages(planted.repo, CODE_FILES);
    for (const file of CODE_FILES) expect(eslint.get(file), file).toEqual(singleFileFindings(json, file));
    // What the comparison rests on, said outright.
    expect(eslint.get("scratch/x.js")).toEqual([]);
    expect(eslint.get("src/eu.ts")).toEqual([]);
    expect(eslint.get("tools/upload.ts")?.some((m) => m.startsWith("invalid-region 3:47-3:59 "))).toBe(true);
    expect(eslint.get("src/acme.ts")?.join("\n")).toContain("the project's secret pattern acme-token");
    expect(eslint.get("src/sandbox.ts")).toEqual([]);
    expect(eslint.get("src/local.ts")).toEqual([]);
    expect([...eslint.values()].flat().filter((m) => m.startsWith("static-credentials-in-code ") || m.startsWith("mfa-config "))).toEqual([]);
    expect(eslint.get("src/s3.ts")?.some((m) => m.startsWith("invalid-region 3:43-3:53 "))).toBe(true);
    expect(eslint.get("src/legacy.js")?.some((m) => m.startsWith("hardcoded-aws-key "))).toBe(true);
    // The one cross-file finding, the planted undefined profile: the plugin reads the repository's AWS files
    // from disk to see it (src/scan/context.ts), as the CLI does.
    expect(summary(json.findings.filter((f) => CROSS_FILE_RULES.has(f.ruleId)))).toEqual(["src/profiles.ts:5 profile-reference"]);
    expect(eslint.get("src/profiles.ts")?.some((m) => m.startsWith("profile-reference 5:72-5:79 "))).toBe(true);
  }, 60_000);

  it("ESLint shows the directive problem of the first run, as the CLI does", () => {
    expect(planted.untaggedEslint).toEqual(singleFileFindings(planted.untagged, "src/local.ts"));
  });
});

describe("the CLI, the Action and ESLint agree on a baseline", () => {
  let repo: string;
  let baselined: CliJson;

  beforeAll(async () => {
    ({ repo } = await plantRepo());
    const defaultRun = runCli(repo, ["baseline"]);
    expect(defaultRun.code, defaultRun.stderr).toBe(0);
    // `credlint baseline --baseline` does not create the baseline's folder (ENOENT, exit 2): make it here.
    mkdirSync(path.join(repo, "ci"));
    const explicitRun = runCli(repo, ["baseline", "--baseline", "ci/credlint-baseline.json"]);
    expect(explicitRun.code, explicitRun.stderr).toBe(0);
    // One new finding after the baseline: a client in an availability zone.
    writeFileSync(
      path.join(repo, "src/west.ts"),
      `import { DynamoDBClient } from "@aws-sdk/client-dynamodb";

export const db = new DynamoDBClient({ region: "us-west-2b" });
`,
    );
    git(repo, "add", "-A");
    baselined = cliJson(repo);
  }, 120_000);

  it("the baselines were written, and only the new finding is open", () => {
    expect(existsSync(path.join(repo, ".credlint-baseline.json"))).toBe(true);
    expect(existsSync(path.join(repo, "tools/.credlint-baseline.json"))).toBe(true);
    expect(existsSync(path.join(repo, "ci/credlint-baseline.json"))).toBe(true);
    expect(summary(baselined.findings)).toEqual(["src/west.ts:3 invalid-region"]);
    expect(baselined.findings[0]?.baselineState).toBe("new");
    const unchanged = (baselined.suppressed ?? []).filter((f) => f.baselineState === "unchanged");
    expect(summary(unchanged).sort()).toEqual([...PLANTED_OPEN].sort());
  });

  it("the Action writes the CLI's SARIF with the baseline beside the config", () => {
    const viaCli = cliSarif(repo);
    expect(viaCli.results.filter((r) => r.baselineState === "new").map(resultLine)).toEqual([
      expect.stringMatching(/^invalid-region error src\/west\.ts:3:/),
    ]);
    expectSameSarif(viaCli, actionSarif(repo));
  }, 60_000);

  it("the Action writes the CLI's SARIF with an explicit baseline (--baseline / the baseline input)", () => {
    const viaCli = cliSarif(repo, ["--baseline", "ci/credlint-baseline.json"]);
    expect(viaCli.results.filter((r) => r.baselineState === "new").map(resultLine)).toEqual([
      expect.stringMatching(/^invalid-region error src\/west\.ts:3:/),
    ]);
    expect(viaCli.results.filter((r) => r.baselineState === "unchanged").length).toBe(PLANTED_OPEN.length);
    expectSameSarif(viaCli, actionSarif(repo, { baseline: "ci/credlint-baseline.json" }));
  }, 60_000);

  it("ESLint reports only the new finding too", async () => {
    const files = [...CODE_FILES, "src/west.ts"];
    const eslint = await eslintMessages(repo, files);
    for (const file of files) expect(eslint.get(file), file).toEqual(singleFileFindings(baselined, file));
    expect([...eslint.values()].flat()).toEqual([expect.stringMatching(/^invalid-region 3:/)]);
  }, 60_000);
});
