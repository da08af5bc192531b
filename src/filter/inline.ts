import type { Finding } from "../model/finding.js";
import { lineText, type SourceFile } from "../model/source.js";

/**
 * Inline suppressions, in the file's own comment syntax:
 *   `# credlint-disable-next-line rule-a, rule-b`  — the next line
 *   `key = value # credlint-disable-line rule-a`    — this line
 *   `# credlint-disable-next-line rule-a -- why`    — a reason after ` -- ` (never read as a rule id)
 * Without rule ids the directive suppresses every rule on that line. (Careful in AWS INI files: botocore
 * keeps an inline comment in the value, so put the directive on the line before.)
 *
 * Other secret scanners' markers are honoured too, for the hard-coded secret rules only, so that a project
 * moving to credlint has nothing to redo (see FOREIGN_MARKERS).
 */
const DIRECTIVE = /credlint-disable-(next-line|line)\b([ \t]+[a-z][a-z0-9-]*(?:[ \t]*,[ \t]*[a-z][a-z0-9-]*)*)?/g;

/** The rules another scanner's marker silences: the ones that report a hard-coded secret on a line. */
export const SECRET_RULE_IDS: readonly string[] = [
  "hardcoded-aws-key",
  "hardcoded-azure-key",
  "hardcoded-gcp-key",
  "hardcoded-private-key",
  "hardcoded-secret",
];

/**
 * Other tools' "this is not a secret" markers. Each applies to its own line unless `next` says the line
 * after. Markers that a linter uses for many checks count only when they name the hard-coded credential
 * check or give a reason, so an unrelated `#nosec` does not silence credlint.
 *   - gitleaks `gitleaks:allow`; TruffleHog `trufflehog:ignore`; GitGuardian `ggignore`
 *   - detect-secrets `pragma: allowlist secret` and `pragma: allowlist nextline secret`
 *   - checkov `checkov:skip=CKV_SECRET_<n>` (its secrets checks)
 *   - secretlint `secretlint-disable-line` and `secretlint-disable-next-line`
 *   - gosec / bandit `#nosec G101|B105|B106|B107` or `#nosec -- reason`; golangci-lint `//nolint:gosec // reason`;
 *     ruff `# noqa: S105|S106|S107`
 */
const FOREIGN_MARKERS: readonly { readonly re: RegExp; readonly next: boolean }[] = [
  { re: /\bgitleaks:allow\b|\btrufflehog:ignore\b|\bggignore\b/i, next: false },
  { re: /\bpragma:[ \t]*allowlist[ \t]+secret\b/i, next: false },
  { re: /\bpragma:[ \t]*allowlist[ \t]+nextline[ \t]+secret\b/i, next: true },
  { re: /\bcheckov:skip=CKV2?_SECRET_\d+/i, next: false },
  { re: /\bsecretlint-disable-line\b/, next: false },
  { re: /\bsecretlint-disable-next-line\b/, next: true },
  { re: /#[ \t]*nosec\b(?:[ \t]+(?:[GB]\d+[ \t,]*)*(?:G101|B10[567])\b|[^\n]*?(?:--|\/\/|#)[ \t]*\S)/i, next: false },
  { re: /\bnolint:(?:[\w,]*,)?gosec\b[^\n]*?\/\/[ \t]*\S/, next: false },
  { re: /\bnoqa:[ \t]*(?:[A-Z]+\d+[ \t,]*)*S10[567]\b/, next: false },
];

/** A cheap first test on the whole file (the markers are written in lower case): most files have none. */
const FOREIGN_HINT = /gitleaks:|trufflehog:|ggignore|allowlist|checkov:|secretlint-disable|nosec|nolint:|noqa:/;

interface Directive {
  readonly line: number;
  readonly target: number;
  readonly rules: readonly string[] | "all";
}

function directives(file: SourceFile): Directive[] {
  const own = file.text.includes("credlint-disable");
  const foreign = FOREIGN_HINT.test(file.text);
  if (!own && !foreign) return [];
  const out: Directive[] = [];
  for (let line = 1; line <= file.lineStarts.length; line++) {
    const text = lineText(file, line);
    if (own && text.includes("credlint-disable")) {
      for (const m of text.matchAll(DIRECTIVE)) {
        const ids = (m[2] ?? "").split(",").map((s) => s.trim()).filter((s) => s !== "");
        out.push({ line, target: m[1] === "line" ? line : line + 1, rules: ids.length > 0 ? ids : "all" });
      }
    }
    if (foreign && FOREIGN_HINT.test(text)) {
      for (const marker of FOREIGN_MARKERS) {
        if (marker.re.test(text)) out.push({ line, target: marker.next ? line + 1 : line, rules: SECRET_RULE_IDS });
      }
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
