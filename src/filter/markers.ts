import { lineText, type SourceFile } from "../model/source.js";

/**
 * Other secret scanners' "this is not a secret" markers, honoured for the hard-coded secret rules only, so
 * that a project moving to credlint has nothing to redo. They are not bound to a value (the tools that
 * write them do not bind them either): prefer credlint's value-bound directive for new suppressions.
 * Each applies to its own line unless `next` says the line
 * after. Markers that a linter uses for many checks count only when they name the hard-coded credential
 * check or give a reason, so an unrelated `#nosec` does not silence credlint.
 *   - gitleaks `gitleaks:allow`; TruffleHog `trufflehog:ignore`; GitGuardian `ggignore`
 *   - detect-secrets `pragma: allowlist secret` and `pragma: allowlist nextline secret`
 *   - checkov `checkov:skip=CKV_SECRET_<n>` (its secrets checks)
 *   - secretlint `secretlint-disable-line` and `secretlint-disable-next-line`
 *   - gosec / bandit `#nosec G101|B105|B106|B107` or `#nosec -- reason`; golangci-lint `//nolint:gosec // reason`;
 *     ruff `# noqa: S105|S106|S107`
 */
export const FOREIGN_MARKERS: readonly { readonly re: RegExp; readonly next: boolean }[] = [
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

/** One marker in a file: the line it is on, the line it silences, and the marker text (for `by`). */
export interface ForeignMarker {
  readonly line: number;
  readonly target: number;
  readonly text: string;
}

export function readForeignMarkers(file: SourceFile): ForeignMarker[] {
  if (!FOREIGN_HINT.test(file.text)) return [];
  const out: ForeignMarker[] = [];
  for (let line = 1; line <= file.lineStarts.length; line++) {
    const text = lineText(file, line);
    if (!FOREIGN_HINT.test(text)) continue;
    for (const marker of FOREIGN_MARKERS) {
      const m = marker.re.exec(text);
      if (m) out.push({ line, target: marker.next ? line + 1 : line, text: m[0].trim() });
    }
  }
  return out;
}
