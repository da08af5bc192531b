import type { Finding, Severity } from "../model/finding.js";
import type { ScanStats } from "../scan/pipeline.js";
import { visible } from "./sanitize.js";

export interface TextOptions {
  readonly color: boolean;
  /** Suppressed findings (counted in the summary, never shown). */
  readonly suppressed?: readonly Finding[];
  /** The baselines in use, repository-relative. */
  readonly baselines?: readonly string[];
  /** How long the scan took: shown in the summary line when given. */
  readonly durationMs?: number;
  /** Whether `--verbose` already lists the skipped files (else the summary says it can). */
  readonly verbose?: boolean;
}

/** "1.2 s", "0.35 s", "2 min 5 s". */
export function formatDuration(ms: number): string {
  if (ms < 10_000) return `${(ms / 1000).toFixed(ms < 1000 ? 2 : 1)} s`;
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/**
 * "12 files scanned in 0.41 s (3 generated or minified: secrets only); skipped 2 binary, 1 too large": what
 * was read, how, and what was not.
 */
export function scanSummary(stats: ScanStats, durationMs?: number, verbose = false): string {
  const skipped: string[] = [];
  if (stats.skippedBinary) skipped.push(`${stats.skippedBinary} binary`);
  if (stats.skippedTooLarge) skipped.push(`${stats.skippedTooLarge} too large`);
  if (stats.skippedSymlinks) skipped.push(plural(stats.skippedSymlinks, "symlink"));
  if (stats.unreadable) skipped.push(`${stats.unreadable} unreadable`);
  if (stats.ignored) skipped.push(`${stats.ignored} ignored by the config`);
  const time = durationMs !== undefined ? ` in ${formatDuration(durationMs)}` : "";
  const generated = stats.generated ? ` (${stats.generated} generated or minified: secrets only)` : "";
  const hint = skipped.length && !verbose ? " (--verbose lists them)" : "";
  return `${plural(stats.filesScanned, "file")} scanned${time}${generated}${skipped.length ? `; skipped ${skipped.join(", ")}${hint}` : ""}.`;
}

/** "3 suppressed inline, 12 in the baseline (.credlint-baseline.json)": what the summary line does not show. */
export function suppressedSummary(suppressed: readonly Finding[], baselines: readonly string[] = []): string {
  if (suppressed.length === 0) return "";
  const inline = suppressed.filter((f) => f.suppression?.kind === "inSource").length;
  const baselined = suppressed.filter((f) => f.baselineState === "unchanged").length;
  const allowed = suppressed.length - inline - baselined;
  const parts: string[] = [];
  if (inline) parts.push(`${inline} suppressed inline`);
  if (allowed) parts.push(`${allowed} allowed by the config`);
  if (baselined) parts.push(`${baselined} in the baseline (${baselines.join(", ")}; --no-baseline shows them)`);
  return parts.join(", ");
}

const ANSI = { red: 31, yellow: 33, cyan: 36, gray: 90, bold: 1, underline: 4 } as const;

function paint(on: boolean, style: keyof typeof ANSI, text: string): string {
  return on ? `\u001b[${ANSI[style]}m${text}\u001b[0m` : text;
}

/** Widest source excerpt a code frame shows, in characters. */
const FRAME_WIDTH = 120;

/**
 * The part of a source line a code frame shows (text and HTML reports): long lines (minified code, a session
 * token) are cut to a window of FRAME_WIDTH characters that starts a little before `anchor` (0-based column).
 */
export function frameWindow(full: string, anchor: number): { readonly start: number; readonly end: number } {
  const start = full.length > FRAME_WIDTH ? Math.max(0, Math.min(anchor - 20, full.length - FRAME_WIDTH)) : 0;
  return { start, end: Math.min(full.length, start + FRAME_WIDTH) };
}

const SEVERITY_STYLE: Readonly<Record<Severity, keyof typeof ANSI>> = { error: "red", warning: "yellow", note: "cyan" };

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The source lines around a finding, with the offending span marked by carets (ESLint's codeframe). */
function codeFrame(f: Finding, color: boolean): string[] {
  const { snippet, range } = f;
  if (snippet.lines.length === 0) return [];
  const last = snippet.startLine + snippet.lines.length - 1;
  const width = String(last).length;
  const out: string[] = [];
  snippet.lines.forEach((full, i) => {
    const lineNo = snippet.startLine + i;
    const marked = lineNo === range.start.line;
    // Long lines (minified code, a session token) are cut to a window around the finding.
    const { start, end } = frameWindow(full, marked ? range.start.column - 1 : 0);
    const lead = start > 0 ? "…" : "";
    const raw = lead + full.slice(start, end) + (end < full.length ? "…" : "");
    const text = visible(raw);
    const gutter = `${marked ? ">" : " "} ${String(lineNo).padStart(width)} |`;
    out.push(`    ${marked ? paint(color, "red", gutter) : paint(color, "gray", gutter)}${text === "" ? "" : " " + text}`);
    if (marked) {
      const from = range.start.column - 1 - start + lead.length;
      const endCol = range.end.line === lineNo ? range.end.column - 1 : full.length;
      const to = Math.min(Math.max(endCol - start + lead.length, from + 1), raw.length);
      const prefix = [...raw.slice(0, from)].map((c) => (c === "\t" ? "\t" : " ")).join("");
      const carets = "^".repeat(Math.max(1, [...raw.slice(from, to)].length));
      out.push(`    ${paint(color, "gray", `  ${" ".repeat(width)} |`)} ${prefix}${paint(color, "red", carets)}`);
    }
  });
  return out;
}

export function formatText(findings: readonly Finding[], stats: ScanStats, options: TextOptions): string {
  const { color } = options;
  const lines: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byFile.get(f.path) ?? [];
    list.push(f);
    byFile.set(f.path, list);
  }
  const counts: Record<Severity, number> = { error: 0, warning: 0, note: 0 };
  let fixable = 0;
  for (const [path, list] of byFile) {
    lines.push(paint(color, "underline", visible(path)));
    for (const f of list) {
      counts[f.severity]++;
      if (f.fix?.safety === "safe") fixable++;
      const pos = `${f.range.start.line}:${f.range.start.column}`;
      lines.push(
        `  ${paint(color, "gray", pos.padEnd(7))} ${paint(color, SEVERITY_STYLE[f.severity], f.severity.padEnd(7))} ${visible(f.message)}  ${paint(color, "gray", f.ruleId)}`,
      );
      for (const r of f.related) {
        lines.push(`  ${" ".repeat(7)} ${" ".repeat(7)} ${paint(color, "gray", `↳ ${visible(r.path)}:${r.range.start.line}:${r.range.start.column}: ${visible(r.message)}`)}`);
      }
      lines.push(...codeFrame(f, color));
      lines.push("");
    }
  }
  const total = counts.error + counts.warning + counts.note;
  const hidden = suppressedSummary(options.suppressed ?? [], options.baselines);
  const scanned = `${scanSummary(stats, options.durationMs, options.verbose)}${hidden ? ` Not shown: ${hidden}.` : ""}`;
  if (total === 0) {
    lines.push(`${paint(color, "bold", "✔ No problems found.")} ${paint(color, "gray", scanned)}`);
  } else {
    const style = counts.error > 0 ? "red" : counts.warning > 0 ? "yellow" : "cyan";
    const parts = [plural(counts.error, "error"), plural(counts.warning, "warning")];
    if (counts.note) parts.push(plural(counts.note, "note"));
    lines.push(paint(color, style, paint(color, "bold", `✖ ${plural(total, "problem")} (${parts.join(", ")})`)) + ` ${paint(color, "gray", scanned)}`);
    if (fixable) lines.push(paint(color, "gray", `  ${plural(fixable, "problem")} can be fixed with the --fix option.`));
  }
  return lines.join("\n") + "\n";
}
