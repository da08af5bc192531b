import { randomUUID } from "node:crypto";
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { lint } from "../lint/lint.js";
import { UsageError } from "../model/errors.js";
import { SEVERITY_RANK, type Finding, type Severity } from "../model/finding.js";
import { escapeData } from "../report/github.js";
import type { RuleDescriptor } from "../report/sarif.js";
import { githubReport, sarifReport } from "../lint/reports.js";

/**
 * The GitHub Action (action.yml, bundled to dist/action.mjs): one scan of the workspace, three outputs —
 * the SARIF file for `github/codeql-action/upload-sarif`, workflow-command annotations on stdout, and the
 * Markdown job summary in `$GITHUB_STEP_SUMMARY` — plus step outputs with the counts and the SARIF path.
 *
 * It reads the runner's environment the way `@actions/core` does (inputs in `INPUT_<NAME>`, outputs
 * appended to `$GITHUB_OUTPUT` as `name<<delimiter` blocks) without depending on it: the bundle needs no
 * node_modules. It runs the CLI's lint pipeline (src/lint/lint.ts) — the same config files, baseline and
 * suppressions — so its findings are the CLI's; `config` and `baseline` inputs name the files when they are
 * not where credlint looks by itself.
 */

/** The inputs and outputs action.yml declares (a test keeps the two in step). */
export const ACTION_INPUTS = ["paths", "fail-on", "sarif-file", "sarif-category", "config", "baseline"] as const;
export const ACTION_OUTPUTS = ["errors", "warnings", "notes", "findings", "sarif-file"] as const;

export const FAIL_ON = ["error", "warning", "note", "never"] as const;
export type FailOn = (typeof FAIL_ON)[number];

export interface ActionIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Used when `GITHUB_WORKSPACE` is not set (a local run). */
  readonly cwd: string;
  writeStdout(text: string): void;
}

export interface ActionInputs {
  readonly paths: string[];
  readonly failOn: FailOn;
  /** Absolute path of the SARIF file to write. */
  readonly sarifFile: string;
  readonly sarifCategory?: string;
  /** A config file for every scanned file, relative to the workspace (default: the nearest one to each file). */
  readonly config?: string;
  /** A baseline file (default: `.credlint-baseline.json` beside the config or at the root, when present). */
  readonly baseline?: string;
}

/** `INPUT_<NAME>`, as the runner sets it: spaces become `_`, letters upper case, hyphens kept. */
function input(env: ActionIo["env"], name: (typeof ACTION_INPUTS)[number]): string {
  return (env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] ?? "").trim();
}

export function readInputs(env: ActionIo["env"], workspace: string): ActionInputs {
  const paths = input(env, "paths")
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
  const failOn = input(env, "fail-on") || "error";
  if (!(FAIL_ON as readonly string[]).includes(failOn)) {
    throw new UsageError(`Input fail-on: "${failOn}" is not one of ${FAIL_ON.join(", ")}.`);
  }
  const sarif = input(env, "sarif-file");
  const tempDir = env.RUNNER_TEMP?.trim() || workspace;
  const category = input(env, "sarif-category");
  const config = input(env, "config");
  const baseline = input(env, "baseline");
  return {
    ...(config !== "" ? { config: path.resolve(workspace, config) } : {}),
    ...(baseline !== "" ? { baseline: path.resolve(workspace, baseline) } : {}),
    paths: paths.length > 0 ? paths : ["."],
    failOn: failOn as FailOn,
    sarifFile: sarif === "" ? path.join(tempDir, "credlint.sarif") : path.resolve(workspace, sarif),
    ...(category !== "" ? { sarifCategory: category } : {}),
  };
}

/** Appends one step output, in the heredoc form that any value (even one with line breaks) survives. */
function setOutput(env: ActionIo["env"], name: (typeof ACTION_OUTPUTS)[number], value: string): void {
  const file = env.GITHUB_OUTPUT;
  if (file === undefined || file === "") return;
  const delimiter = `ghadelimiter_${randomUUID()}`;
  appendFileSync(file, `${name}<<${delimiter}\n${value}\n${delimiter}\n`);
}

function count(findings: readonly Finding[], severity: Severity): number {
  return findings.filter((f) => f.severity === severity).length;
}

/** Runs the Action; returns the process exit code (1 when findings reach `fail-on`, or on an error). */
export function runAction(io: ActionIo): number {
  const workspace = path.resolve(io.env.GITHUB_WORKSPACE?.trim() || io.cwd);
  const warn = (message: string): void => io.writeStdout(`::warning title=credlint::${escapeData(message)}\n`);
  try {
    const inputs = readInputs(io.env, workspace);
    // The CLI's pipeline with the CLI's defaults (the Action has no --quiet or --disable-rule). A test checks
    // that its SARIF equals `credlint --format sarif` on the same checkout and config.
    const result = lint({
      cwd: workspace,
      paths: inputs.paths,
      ...(inputs.config !== undefined ? { configFile: inputs.config } : {}),
      ...(inputs.baseline !== undefined ? { baselineFile: inputs.baseline } : {}),
    });
    const findings = result.reported;
    const descriptors: RuleDescriptor[] = [...result.descriptors];
    const reportIo = { env: io.env, warn };

    // The SARIF first: a later `upload-sarif` step (`if: !cancelled()`) gets it even when this step fails.
    // Suppressed findings go into it as suppressed results (code scanning shows them dismissed).
    const sarif = sarifReport([...findings, ...result.suppressed], result.scan, descriptors, inputs.sarifCategory, reportIo);
    mkdirSync(path.dirname(inputs.sarifFile), { recursive: true });
    writeFileSync(inputs.sarifFile, sarif.text);
    io.writeStdout(githubReport(findings, result.scan, descriptors, reportIo));

    const errors = count(findings, "error");
    const warnings = count(findings, "warning");
    const notes = count(findings, "note");
    setOutput(io.env, "errors", String(errors));
    setOutput(io.env, "warnings", String(warnings));
    setOutput(io.env, "notes", String(notes));
    setOutput(io.env, "findings", String(findings.length));
    setOutput(io.env, "sarif-file", inputs.sarifFile);
    io.writeStdout(`credlint: SARIF report written to ${inputs.sarifFile} (${sarif.resultCount} results).\n`);

    if (inputs.failOn === "never") return 0;
    const failing = findings.filter((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[inputs.failOn as Severity]).length;
    if (failing === 0) return 0;
    // A plain line, not `::error::`: every error annotation of the step counts against GitHub's 10 shown.
    io.writeStdout(`credlint: failing: ${failing} finding${failing === 1 ? "" : "s"} at or above fail-on: ${inputs.failOn}.\n`);
    return 1;
  } catch (error) {
    const msg = error instanceof Error ? error.message : String(error);
    const text = error instanceof UsageError ? msg : `internal error: ${msg.split("\n")[0] ?? msg}`;
    io.writeStdout(`::error title=credlint::${escapeData(text)}\n`);
    return 1;
  }
}
