import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { rules as allRules } from "../../rules/index.js";
import { closest } from "../knowledge/strings.js";
import { RuleError, UsageError } from "../model/errors.js";
import type { Finding } from "../model/finding.js";
import { docsUrl, type AnyRule } from "../model/rule.js";
import { applyInlineSuppressions } from "../filter/inline.js";
import { applySafeFixes } from "../fix/apply.js";
import { filterFindings } from "../filter/select.js";
import { formatJson } from "../report/json.js";
import type { RuleDescriptor } from "../report/sarif.js";
import { formatText } from "../report/text.js";
import { PARSE_ERROR_ID, PARSE_ERROR_META } from "../scan/diagnostics.js";
import { scan } from "../scan/pipeline.js";
import { scanStaged } from "../scan/staged-scan.js";
import { installHook } from "./install-hook.js";
import { HELP, parseCliArgs, type CliOptions } from "./args.js";
import { githubReport, sarifReport } from "./reports.js";
import { toolVersion } from "./version.js";

export interface CliIo {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdoutIsTTY: boolean;
  writeStdout(text: string): void;
  writeStderr(text: string): void;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

function checkRuleIds(ids: readonly string[], known: readonly string[], flag: string): void {
  for (const id of ids) {
    if (known.includes(id)) continue;
    const guess = closest(id, known, 3)?.value;
    throw new UsageError(`${flag} ${id}: no such rule${guess ? ` (did you mean ${guess}?)` : ""}. See credlint --list-rules.`);
  }
}

export function selectRules(options: Pick<CliOptions, "onlyRules" | "disabledRules">, rules: readonly AnyRule[]): AnyRule[] {
  const known = [...rules.map((r) => r.meta.id), PARSE_ERROR_ID];
  checkRuleIds(options.onlyRules, known, "--rule");
  checkRuleIds(options.disabledRules, known, "--disable-rule");
  return rules.filter(
    (r) =>
      (options.onlyRules.length === 0 || options.onlyRules.includes(r.meta.id)) && !options.disabledRules.includes(r.meta.id),
  );
}

function listRules(rules: readonly AnyRule[]): string {
  const width = Math.max(...rules.map((r) => r.meta.id.length));
  const lines = rules.map((r) => `${r.meta.id.padEnd(width)}  ${r.meta.severity.padEnd(7)}  ${r.meta.description}`);
  return `${lines.join("\n")}\n\nDocs: ${docsUrl("<rule-id>")}\n`;
}

function useColor(options: CliOptions, io: CliIo): boolean {
  if (options.color !== undefined) return options.color;
  if (options.output !== undefined) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "") return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== "0") return true;
  return io.stdoutIsTTY;
}

/** Writes next to the target then renames, so a reader never sees half a report. */
function writeAtomically(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.credlint-tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

export function run(argv: readonly string[], io: CliIo): number {
  let options: CliOptions;
  try {
    if (argv[0] === "install-hook") {
      if (argv.length > 1) throw new UsageError("install-hook takes no arguments.");
      io.writeStdout(`${installHook(io.cwd)}\n`);
      return EXIT_OK;
    }
    options = parseCliArgs(argv);
    if (options.help) {
      io.writeStdout(HELP);
      return EXIT_OK;
    }
    if (options.version) {
      io.writeStdout(`${toolVersion()}\n`);
      return EXIT_OK;
    }
    const rules = selectRules(options, allRules);
    if (options.listRules) {
      io.writeStdout(listRules(rules));
      return EXIT_OK;
    }
    const scanOptions = {
      paths: options.paths,
      cwd: io.cwd,
      rules,
      ...(options.maxFileSize !== undefined ? { maxFileSize: options.maxFileSize } : {}),
    };
    let result = options.staged ? scanStaged(scanOptions) : scan(scanOptions);
    if (options.fix) {
      const fixable = applyInlineSuppressions(result.findings, result.files);
      const fixed = applySafeFixes(fixable, result.root, new Map(result.files.map((f) => [f.path, f.text])));
      if (fixed.files.length > 0) {
        io.writeStderr(`credlint: applied ${fixed.applied} fix${fixed.applied === 1 ? "" : "es"} in ${fixed.files.length} file${fixed.files.length === 1 ? "" : "s"}.\n`);
        result = scan(scanOptions);
      }
    }
    const withDiagnostics = options.disabledRules.includes(PARSE_ERROR_ID)
      ? result.findings.filter((f) => f.ruleId !== PARSE_ERROR_ID)
      : result.findings;
    const findings: Finding[] = filterFindings(applyInlineSuppressions(withDiagnostics, result.files), {
      quiet: options.quiet,
    });
    const version = toolVersion();
    const descriptors: RuleDescriptor[] = [...rules.map((r) => r.meta), PARSE_ERROR_META];
    const reportIo = { env: io.env, warn: (message: string) => io.writeStderr(`credlint: warning: ${message}\n`) };
    const report =
      options.format === "json"
        ? formatJson(findings, result.stats, version)
        : options.format === "sarif"
          ? sarifReport(findings, result, descriptors, options.sarifCategory, reportIo).text
          : options.format === "github"
            ? githubReport(findings, result, descriptors, reportIo)
            : formatText(findings, result.stats, { color: useColor(options, io) });
    if (options.output !== undefined) writeAtomically(path.resolve(io.cwd, options.output), report);
    else io.writeStdout(report);
    const errors = findings.filter((f) => f.severity === "error").length;
    const warnings = findings.filter((f) => f.severity === "warning").length;
    if (errors > 0) return EXIT_FINDINGS;
    if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
      io.writeStderr(`credlint: ${warnings} warnings exceed --max-warnings ${options.maxWarnings}.\n`);
      return EXIT_FINDINGS;
    }
    return EXIT_OK;
  } catch (error) {
    if (error instanceof UsageError) {
      io.writeStderr(`credlint: ${error.message}\n`);
    } else if (error instanceof RuleError) {
      io.writeStderr(`credlint: internal error: ${error.message}\n`);
    } else {
      const msg = error instanceof Error ? error.message : String(error);
      io.writeStderr(`credlint: internal error: ${msg.split("\n")[0] ?? msg}\n`);
    }
    if (io.env.CREDLINT_DEBUG && error instanceof Error && error.stack) io.writeStderr(`${error.stack}\n`);
    return EXIT_ERROR;
  }
}

export function main(): void {
  const code = run(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    writeStdout: (t) => process.stdout.write(t),
    writeStderr: (t) => process.stderr.write(t),
  });
  process.exitCode = code;
}
