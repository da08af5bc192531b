import type { Finding, Severity } from "../model/finding.js";
import { SEVERITY_RANK } from "../model/finding.js";
import { docsUrl } from "../model/rule.js";
import type { ScanStats } from "../scan/pipeline.js";
import { visible } from "./sanitize.js";
import type { RuleDescriptor } from "./sarif.js";

/**
 * `--format github`: GitHub Actions workflow commands, one annotation per finding, and a Markdown job
 * summary for `$GITHUB_STEP_SUMMARY`.
 *
 * GitHub shows only the first 10 annotations of each level (error, warning, notice) per step, so the most
 * severe come first: by level, then the rule's security severity and precision, then path and line. The
 * rest are still in the log, the job summary and the SARIF report.
 */

/** GitHub shows at most this many annotations of each level per step. */
export const ANNOTATIONS_SHOWN_PER_LEVEL = 10;

/** Rows of the job summary's findings table (the summary file of a step is capped at 1 MiB). */
export const SUMMARY_MAX_ROWS = 200;

const COMMAND: Readonly<Record<Severity, "error" | "warning" | "notice">> = { error: "error", warning: "warning", note: "notice" };

const PRECISION_RANK: Readonly<Record<RuleDescriptor["precision"], number>> = { "very-high": 4, high: 3, medium: 2, low: 1 };

export interface GithubOptions {
  readonly rules: readonly RuleDescriptor[];
  readonly stats: ScanStats;
}

/** Workflow command data: `%`, CR and LF escaped, as the runner (and @actions/core) expect. */
export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Workflow command property values: also `:` and `,`, which separate properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** Findings in the order GitHub should show them: most severe first. */
export function byImportance(findings: readonly Finding[], rules: readonly RuleDescriptor[]): Finding[] {
  const byId = new Map(rules.map((r) => [r.id, r]));
  const key = (f: Finding): [number, number, number] => {
    const meta = byId.get(f.ruleId);
    return [SEVERITY_RANK[f.severity], meta?.securitySeverity ?? 0, meta ? PRECISION_RANK[meta.precision] : 0];
  };
  return findings
    .map((f, i) => ({ f, i, k: key(f) }))
    .sort(
      (a, b) =>
        b.k[0] - a.k[0] ||
        b.k[1] - a.k[1] ||
        b.k[2] - a.k[2] ||
        (a.f.path < b.f.path ? -1 : a.f.path > b.f.path ? 1 : 0) ||
        a.f.range.start.line - b.f.range.start.line ||
        a.f.range.start.column - b.f.range.start.column ||
        a.i - b.i,
    )
    .map((x) => x.f);
}

/**
 * One `::error file=…,line=…,endLine=…,col=…,endColumn=…,title=…::message` line. Columns are 1-based
 * UTF-16 with an exclusive end, as in the JSON and SARIF output; the runner accepts columns only on a
 * one-line range, so a multi-line range gives lines only. A range that ends at column 1 of a later line
 * (it took the line break) ends on the line before. The message and title go through `visible()` (no
 * control character from a scanned file reaches the log) and are escaped; the path is escaped only, so
 * that it still names the file.
 */
export function annotation(f: Finding): string {
  const { start, end } = f.range;
  const tookLineBreak = end.line > start.line && end.column === 1;
  const endLine = Math.max(tookLineBreak ? end.line - 1 : end.line, start.line);
  const props = [`file=${escapeProperty(f.path)}`, `line=${start.line}`, `endLine=${endLine}`];
  if (end.line === start.line) props.push(`col=${start.column}`, `endColumn=${Math.max(end.column, start.column)}`);
  else if (endLine === start.line) props.push(`col=${start.column}`);
  props.push(`title=${escapeProperty(visible(`credlint: ${f.ruleId}`))}`);
  return `::${COMMAND[f.severity]} ${props.join(",")}::${escapeData(visible(f.message))}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function counts(findings: readonly Finding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, note: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

function problemLine(c: Record<Severity, number>): string {
  const total = c.error + c.warning + c.note;
  const parts = [plural(c.error, "error"), plural(c.warning, "warning")];
  if (c.note) parts.push(plural(c.note, "note"));
  return `${plural(total, "problem")} (${parts.join(", ")})`;
}

/** The annotations, most severe first, then one plain line with the counts (and what GitHub did not show). */
export function formatGithubAnnotations(findings: readonly Finding[], options: GithubOptions): string {
  const lines = byImportance(findings, options.rules).map(annotation);
  const c = counts(findings);
  const total = c.error + c.warning + c.note;
  const scanned = `${plural(options.stats.filesScanned, "file")} scanned`;
  lines.push(total === 0 ? `credlint: no problems found, ${scanned}.` : `credlint: ${problemLine(c)}, ${scanned}.`);
  const hidden = (Object.keys(c) as Severity[])
    .filter((s) => c[s] > ANNOTATIONS_SHOWN_PER_LEVEL)
    .map((s) => `${c[s] - ANNOTATIONS_SHOWN_PER_LEVEL} more ${s === "note" ? "notice" : s}${c[s] - ANNOTATIONS_SHOWN_PER_LEVEL === 1 ? "" : "s"}`);
  if (hidden.length > 0) {
    lines.push(
      `credlint: GitHub shows the first ${ANNOTATIONS_SHOWN_PER_LEVEL} annotations of each level per step; ${hidden.join(", ")} are in this log, the job summary and the SARIF report.`,
    );
  }
  return lines.join("\n") + "\n";
}

/**
 * Text made safe for a Markdown table cell and for HTML: every character that HTML or Markdown would
 * interpret there (`&`, `<`, `>`, quotes, `|`, `*`, `_`, `~`, backticks, brackets, backslash) becomes a
 * numeric character reference — with the brackets escaped, no link or image can form — line breaks
 * become spaces, and control and invisible characters become visible stand-ins.
 */
export function escapeMarkdown(text: string): string {
  return visible(text.replace(/\r\n|\r|\n/g, " ")).replace(/[&<>"'|`*_[\]\\~]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * The job summary: counts by severity and by rule, and the findings (the first `SUMMARY_MAX_ROWS`, most
 * severe first) with their location and message. Paths and messages are escaped; messages are the
 * findings' own, which never hold a secret.
 */
export function formatGithubSummary(findings: readonly Finding[], options: GithubOptions): string {
  const c = counts(findings);
  const total = c.error + c.warning + c.note;
  const out: string[] = [];
  const scanned = `${plural(options.stats.filesScanned, "file")} scanned.`;
  if (total === 0) {
    out.push("### credlint: ✔ no problems found", "", scanned, "");
    return out.join("\n") + "\n";
  }
  out.push(`### credlint: ✖ ${problemLine(c)}`, "", scanned, "");
  out.push("| Severity | Findings |", "|---|---:|");
  for (const s of ["error", "warning", "note"] as const) out.push(`| ${s} | ${c[s]} |`);
  out.push("");

  const byRule = new Map<string, { ruleId: string; severity: Severity; n: number }>();
  for (const f of findings) {
    const k = `${f.ruleId}\0${f.severity}`;
    const row = byRule.get(k) ?? { ruleId: f.ruleId, severity: f.severity, n: 0 };
    row.n++;
    byRule.set(k, row);
  }
  const rows = [...byRule.values()].sort(
    (a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.n - a.n || (a.ruleId < b.ruleId ? -1 : 1),
  );
  const known = new Set(options.rules.map((r) => r.id));
  out.push("| Rule | Severity | Findings |", "|---|---|---:|");
  for (const r of rows) {
    const id = `<code>${escapeMarkdown(r.ruleId)}</code>`;
    out.push(`| ${known.has(r.ruleId) ? `<a href="${docsUrl(encodeURIComponent(r.ruleId))}">${id}</a>` : id} | ${r.severity} | ${r.n} |`);
  }
  out.push("");

  const ordered = byImportance(findings, options.rules);
  const shown = ordered.slice(0, SUMMARY_MAX_ROWS);
  out.push(`<details><summary>Findings (${total})</summary>`, "");
  out.push("| Severity | Location | Rule | Message |", "|---|---|---|---|");
  for (const f of shown) {
    const where = `${f.path}:${f.range.start.line}:${f.range.start.column}`;
    out.push(`| ${f.severity} | <code>${escapeMarkdown(where)}</code> | <code>${escapeMarkdown(f.ruleId)}</code> | ${escapeMarkdown(f.message)} |`);
  }
  if (ordered.length > shown.length) {
    out.push("", `… and ${ordered.length - shown.length} more: see the SARIF report or the log.`);
  }
  out.push("", "</details>", "");
  return out.join("\n") + "\n";
}
