import { appendFileSync } from "node:fs";
import type { Finding } from "../model/finding.js";
import { formatGithubAnnotations, formatGithubSummary } from "../report/github.js";
import { loadRuleHelp } from "../report/rule-docs.js";
import { formatSarif, type RuleDescriptor, type SarifReport } from "../report/sarif.js";
import { sourceLookup } from "../report/sources.js";
import type { ScanResult } from "../scan/pipeline.js";
import { ruleDocsDir, toolVersion } from "./version.js";

/** Where a report's side notes go: stderr for the CLI, a workflow command for the Action. */
export interface ReportIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  warn(message: string): void;
}

/**
 * SARIF for code scanning, from one scan: the rule help comes from the docs pages, line hashes from the
 * scanned files' text (only the hashes reach the reporter). Warns when GitHub's limits cut the output.
 */
export function sarifReport(
  findings: readonly Finding[],
  result: Pick<ScanResult, "root" | "files">,
  rules: readonly RuleDescriptor[],
  category: string | undefined,
  io: ReportIo,
): SarifReport {
  const docs = ruleDocsDir();
  const report = formatSarif(findings, {
    toolVersion: toolVersion(),
    root: result.root,
    rules,
    sources: sourceLookup(result.files),
    ...(docs !== undefined ? { helpMarkdown: loadRuleHelp(docs, rules.map((r) => r.id)) } : {}),
    ...(category !== undefined ? { category } : {}),
  });
  for (const w of report.warnings) io.warn(w);
  return report;
}

/**
 * `--format github`: the annotations (returned, for stdout), and the job summary appended to
 * `$GITHUB_STEP_SUMMARY` when the runner sets it. A summary that cannot be written is a warning: the
 * annotations and the exit code matter more.
 */
export function githubReport(
  findings: readonly Finding[],
  result: Pick<ScanResult, "stats">,
  rules: readonly RuleDescriptor[],
  io: ReportIo,
): string {
  const options = { rules, stats: result.stats };
  const summaryFile = io.env.GITHUB_STEP_SUMMARY;
  if (summaryFile !== undefined && summaryFile !== "") {
    try {
      appendFileSync(summaryFile, formatGithubSummary(findings, options));
    } catch (error) {
      io.warn(`cannot write the job summary to $GITHUB_STEP_SUMMARY: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return formatGithubAnnotations(findings, options);
}
