import type { Range } from "./source.js";

export const SEVERITIES = ["error", "warning", "note"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** SARIF `precision`: how often a finding of this kind is a true positive (per rule, and per finding). */
export type Precision = "very-high" | "high" | "medium" | "low";

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 3, warning: 2, note: 1 };

export interface RelatedLocation {
  readonly path: string;
  readonly range: Range;
  readonly message: string;
}

/** `safe` fixes change only what the finding names and keep the meaning the author intended. */
export type FixSafety = "safe" | "unsafe";

export interface TextEdit {
  readonly range: Range;
  readonly text: string;
}

export interface Fix {
  readonly description: string;
  readonly safety: FixSafety;
  readonly edits: readonly TextEdit[];
}

/** Redacted source lines around a finding, for code frames and SARIF snippets. */
export interface Snippet {
  readonly startLine: number;
  readonly lines: readonly string[];
}

/**
 * Why a finding is not reported as open (SARIF `suppressions`): `inSource` — a `credlint-disable` directive
 * or another scanner's marker in the file; `external` — the config's `allow` list or the baseline.
 */
export interface Suppression {
  readonly kind: "inSource" | "external";
  /** What suppressed it, for people: "credlint-disable-next-line in app/settings.py:11", "baseline .credlint-baseline.json". */
  readonly by: string;
  /** The reason written after ` -- ` (or the allow entry's `reason`), when there is one. */
  readonly justification?: string;
}

/**
 * A finding as every reporter sees it. It never holds a secret: the message is built from typed data that
 * rules fill with names and redacted previews, the snippet is masked, and `valueHash` is a salted hash.
 */
export interface Finding {
  readonly ruleId: string;
  /** The rule's message id (absent for diagnostics). */
  readonly messageId?: string;
  readonly severity: Severity;
  /** How sure this finding is (the rule's precision unless the rule judged this one otherwise). */
  readonly confidence?: Precision;
  readonly message: string;
  readonly path: string;
  readonly range: Range;
  readonly related: readonly RelatedLocation[];
  readonly fix?: Fix;
  readonly snippet: Snippet;
  /** sha256 of the offending value (or key) — lets baselines and fingerprints survive line moves. */
  readonly valueHash: string;
  /** Stable id: rule + path + value hash (+ occurrence index). */
  readonly fingerprint: string;
  /**
   * What the finding is about, independent of where it is: a salted sha256 of the rule and the normalised
   * value (a secret rule: the secret itself; any other rule: its message id, the line's text before the
   * finding and the flagged text, whitespace removed). Baselines and value-bound suppressions key on it, so
   * moving lines, re-indenting, CRLF ↔ LF and renaming keep it, and a changed value does not.
   */
  readonly identity: string;
  /** Set by the filter stage on findings that are suppressed (reported in SARIF as such, hidden elsewhere). */
  readonly suppression?: Suppression;
  /** Set by the filter stage when a baseline is in use: `unchanged` for findings in it, `new` for the rest. */
  readonly baselineState?: "new" | "unchanged";
}

/** The one report order: by path, line, column, then rule id (code-unit order, the same on every machine). */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
      a.range.start.line - b.range.start.line ||
      a.range.start.column - b.range.start.column ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}
