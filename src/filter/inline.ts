import type { Finding } from "../model/finding.js";
import { lineText, type SourceFile } from "../model/source.js";

/**
 * Inline suppressions, in the file's own comment syntax:
 *   `# credlint-disable-next-line rule-a, rule-b`  — the next line
 *   `key = value # credlint-disable-line rule-a`    — this line
 * Without rule ids the directive suppresses every rule on that line. (Careful in AWS INI files: botocore
 * keeps an inline comment in the value, so put the directive on the line before.)
 */
const DIRECTIVE = /credlint-disable-(next-line|line)\b([ \t]+[a-z0-9-]+(?:[ \t]*,[ \t]*[a-z0-9-]+)*)?/g;

interface Directive {
  readonly line: number;
  readonly target: number;
  readonly rules: readonly string[] | "all";
}

function directives(file: SourceFile): Directive[] {
  if (!file.text.includes("credlint-disable")) return [];
  const out: Directive[] = [];
  for (let line = 1; line <= file.lineStarts.length; line++) {
    const text = lineText(file, line);
    if (!text.includes("credlint-disable")) continue;
    for (const m of text.matchAll(DIRECTIVE)) {
      const ids = (m[2] ?? "").split(",").map((s) => s.trim()).filter((s) => s !== "");
      out.push({ line, target: m[1] === "line" ? line : line + 1, rules: ids.length > 0 ? ids : "all" });
    }
  }
  return out;
}

export function applyInlineSuppressions(findings: readonly Finding[], files: readonly SourceFile[]): Finding[] {
  const byPath = new Map<string, Directive[]>();
  for (const f of files) {
    const d = directives(f);
    if (d.length > 0) byPath.set(f.path, d);
  }
  if (byPath.size === 0) return [...findings];
  return findings.filter((f) => {
    const ds = byPath.get(f.path);
    if (!ds) return true;
    return !ds.some((d) => d.target === f.range.start.line && (d.rules === "all" || d.rules.includes(f.ruleId)));
  });
}
