import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACTION_BUNDLE, bundleAction } from "../../scripts/bundle.js";
import { ROOT } from "../../scripts/generate.js";
import { ACTION_INPUTS, ACTION_OUTPUTS } from "../../src/action/run.js";
import { githubLineHashes } from "../../src/report/line-hash.js";
import { cli, git, tempRepo } from "../support/cli.js";
import { sarifValidator } from "../support/sarif-schema.js";

describe("dist/action.mjs", () => {
  it("is up to date with the source (run `npm run build`)", async () => {
    const built = await bundleAction();
    const committed = existsSync(ACTION_BUNDLE) ? readFileSync(ACTION_BUNDLE, "utf8") : "";
    // Compared as a boolean: a diff of two half-megabyte bundles helps nobody.
    expect(committed === built, "dist/action.mjs is stale: run `npm run build` and commit it").toBe(true);
  }, 60_000);

  it("carries no native module: the regex engine is the bundled pure-JS one", () => {
    const bundle = readFileSync(ACTION_BUNDLE, "utf8");
    expect(bundle).not.toMatch(/^import .* from "(?!node:)[^"]*";$/m);
    expect(bundle).not.toMatch(/node_modules\/re2\//);
    // Minified: re2js is there by its class name, TypeScript by its file in the legal comments.
    if (existsSync(path.join(ROOT, "src/secrets/regex.ts"))) expect(bundle).toContain("RE2JS");
    expect(bundle).toContain("typescript/lib/typescript.js");
  });
});

describe("action.yml", () => {
  const yml = readFileSync(path.join(ROOT, "action.yml"), "utf8");
  const block = (name: string): string[] => {
    const body = new RegExp(`^${name}:\\n((?:  .*\\n|\\n)*)`, "m").exec(yml)?.[1] ?? "";
    return [...body.matchAll(/^ {2}([a-z-]+):/gm)].map((m) => m[1] ?? "");
  };

  it("runs the bundle on node24", () => {
    expect(yml).toMatch(/^runs:\n {2}using: node24\n {2}main: dist\/action\.mjs\n/m);
  });

  it("declares exactly the inputs the Action reads and the outputs it sets", () => {
    expect(block("inputs")).toEqual([...ACTION_INPUTS]);
    expect(block("outputs")).toEqual([...ACTION_OUTPUTS]);
  });
});

interface ActionRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly summary: string;
  readonly outputs: Record<string, string>;
  readonly runnerTemp: string;
}

/** `name<<delimiter` blocks, as the runner reads $GITHUB_OUTPUT. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i] ?? "");
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i] ?? "");
    out[m[1] ?? ""] = value.join("\n");
  }
  return out;
}

/** Runs the bundle as the runner would: a fresh environment with only what a runner sets, cwd elsewhere. */
function runBundle(workspace: string, inputs: Readonly<Record<string, string>>): ActionRun {
  const home = mkdtempSync(path.join(tmpdir(), "credlint-runner-"));
  const runnerTemp = path.join(home, "temp");
  mkdirSync(runnerTemp);
  const summaryFile = path.join(home, "step_summary.md");
  const outputFile = path.join(home, "output.txt");
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: home,
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: workspace,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_OUTPUT: outputFile,
    RUNNER_TEMP: runnerTemp,
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const r = spawnSync(process.execPath, [ACTION_BUNDLE], { cwd: home, env, encoding: "utf8" });
  const read = (f: string): string => (existsSync(f) ? readFileSync(f, "utf8") : "");
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, summary: read(summaryFile), outputs: parseOutputs(read(outputFile)), runnerTemp };
}

/** The demo repository (fixtures/demo) as a fresh git work tree. */
function demoWorkspace(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "credlint-workspace-"));
  cpSync(path.join(ROOT, "fixtures/demo"), dir, { recursive: true });
  git(dir, "init", "-q");
  git(dir, "add", "-A");
  return dir;
}

interface SarifResult {
  ruleId: string;
  level: string;
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number } } }[];
  partialFingerprints: Record<string, string>;
}
interface SarifLog {
  runs: { automationDetails?: { id: string }; results: SarifResult[] }[];
}

describe("the bundled Action on a simulated runner", () => {
  const workspace = demoWorkspace();
  const run = runBundle(workspace, { "sarif-category": "credlint-demo" });
  const secrets = [...readFileSync(path.join(workspace, ".aws/credentials"), "utf8").matchAll(/=\s*"?([A-Za-z0-9/+]{40})/g)].map((m) => m[1] ?? "");

  it("fails the step on error findings, writes nothing to stderr", () => {
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^credlint: failing: \d+ findings at or above fail-on: error\.$/m);
  });

  it("writes SARIF that validates and matches the CLI's, with the category and GitHub's line hashes", () => {
    const file = run.outputs["sarif-file"] ?? "";
    expect(file).toBe(path.join(run.runnerTemp, "credlint.sarif"));
    const log = JSON.parse(readFileSync(file, "utf8")) as SarifLog;
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const sarifRun = log.runs[0];
    expect(sarifRun?.automationDetails).toEqual({ id: "credlint-demo/" });
    const results = sarifRun?.results ?? [];
    expect(results.length).toBe(Number(run.outputs.findings));
    for (const r of results) {
      const loc = r.locations[0]?.physicalLocation;
      const source = readFileSync(path.join(workspace, loc?.artifactLocation.uri ?? ""), "utf8");
      expect(r.partialFingerprints.primaryLocationLineHash).toBe(githubLineHashes(source)[(loc?.region.startLine ?? 0) - 1]);
      expect(loc?.artifactLocation.uriBaseId).toBe("%SRCROOT%");
    }
    // Same scan as `credlint --format sarif --sarif-category credlint-demo` in the workspace.
    const viaCli = JSON.parse(cli(["--format", "sarif", "--sarif-category", "credlint-demo"], workspace).stdout) as SarifLog;
    expect(results).toEqual(viaCli.runs[0]?.results);
  });

  it("prints one annotation per finding, for files of the workspace", () => {
    const commands = run.stdout.split("\n").filter((l) => /^::(error|warning|notice) /.test(l));
    expect(commands).toHaveLength(Number(run.outputs.findings));
    expect(commands.filter((c) => c.startsWith("::error ")).length).toBe(Number(run.outputs.errors));
    expect(commands.filter((c) => c.startsWith("::warning ")).length).toBe(Number(run.outputs.warnings));
    for (const c of commands) {
      const file = /file=([^,]+),/.exec(c)?.[1] ?? "";
      expect(existsSync(path.join(workspace, decodeURIComponent(file.replace(/%3A/g, ":").replace(/%2C/g, ","))))).toBe(true);
    }
  });

  it("writes the job summary with the same counts", () => {
    const total = Number(run.outputs.findings);
    expect(total).toBeGreaterThan(0);
    expect(run.summary).toMatch(new RegExp(`^### credlint: ✖ ${total} problems \\(${run.outputs.errors} errors, ${run.outputs.warnings} warnings?\\)`));
    expect(run.summary).toContain("| Rule | Severity | Findings |");
    expect(run.summary).toContain(`<summary>Findings (${total})</summary>`);
  });

  it("sets the outputs", () => {
    expect(Object.keys(run.outputs).sort()).toEqual([...ACTION_OUTPUTS].sort());
    const { errors, warnings, notes, findings } = run.outputs;
    expect(Number(errors) + Number(warnings) + Number(notes)).toBe(Number(findings));
  });

  it("never prints or writes a secret", () => {
    expect(secrets.length).toBeGreaterThan(0);
    const sarif = readFileSync(run.outputs["sarif-file"] ?? "", "utf8");
    for (const s of secrets) for (const out of [run.stdout, run.summary, sarif]) expect(out).not.toContain(s);
  });
});

describe("Action inputs", () => {
  it("fail-on: never passes the step; paths and a workspace-relative sarif-file are honoured", () => {
    const workspace = demoWorkspace();
    const r = runBundle(workspace, { "fail-on": "never", paths: ".aws/config\n\nscripts\n", "sarif-file": "out/credlint.sarif" });
    expect(r.code).toBe(0);
    expect(r.outputs["sarif-file"]).toBe(path.join(workspace, "out/credlint.sarif"));
    const uris = new Set(
      (JSON.parse(readFileSync(path.join(workspace, "out/credlint.sarif"), "utf8")) as SarifLog).runs[0]?.results.map(
        (x) => x.locations[0]?.physicalLocation.artifactLocation.uri,
      ),
    );
    expect(uris.has(".aws/config")).toBe(true);
    expect(uris.has(".aws/credentials")).toBe(false);
  });

  it("passes a clean repository", () => {
    const workspace = tempRepo({ ".aws/config": "[default]\nregion = eu-west-1\n" }, { git: true });
    const r = runBundle(workspace, {});
    expect(r.code).toBe(0);
    expect(r.outputs.findings).toBe("0");
    expect(r.summary).toContain("### credlint: ✔ no problems found");
  });

  it("rejects an unknown fail-on level with an error annotation", () => {
    const r = runBundle(tempRepo({}, { git: true }), { "fail-on": "sometimes" });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('::error title=credlint::Input fail-on: "sometimes" is not one of error, warning, note, never.\n');
  });
});
