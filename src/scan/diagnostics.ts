import type { Finding } from "../model/finding.js";
import { findingIdentity, sha256 } from "../model/redact.js";

/**
 * `parse-error`: credlint could not read a file as what it is (unreadable, binary, invalid UTF-8, a
 * Dockerfile, env or CI file its reader cannot read), at most once per file. Not a rule in `rules/`: it
 * reports on the scan itself, and a finding keeps it visible in every output format (a CI log line on stderr
 * is easily missed).
 */
export const PARSE_ERROR_ID = "parse-error";

export const PARSE_ERROR_META = {
  id: PARSE_ERROR_ID,
  description: "Report files that credlint could not read as what they are",
  severity: "error",
  securitySeverity: 0,
  precision: "very-high",
  tags: ["correctness"],
  help: {
    why: "A file that cannot be read cannot be checked — and an SDK that cannot read a credentials file fails with \"Unable to locate credentials\" or a parse error.",
    fix: "Make the file readable UTF-8 text (or remove it from the scan with an ignore entry) and scan again.",
  },
} as const;

/**
 * The message of a file's one reader `parse-error`: the first problem with its file and line, then how many
 * more lines could not be read (distinct lines: BuildKit can fail twice on one `ENV` line). One finding per
 * file keeps a file that is not what its name says from flooding the report, and the first problem is the
 * one to fix first (later ones are often its consequences). `errors` holds at least one entry.
 */
export function readerErrorMessage(path: string, errors: readonly { readonly line: number; readonly message: string }[]): string {
  const sorted = [...errors].sort((a, b) => a.line - b.line);
  const first = sorted[0] ?? { line: 1, message: "unreadable" };
  const more = new Set(sorted.map((e) => e.line).filter((l) => l !== first.line)).size;
  const rest = more === 0 ? "" : `; ${more} more ${more === 1 ? "line" : "lines"} could not be read`;
  return `${path}:${first.line}: ${first.message}${rest}; credlint checked what it could read of the file.`;
}

export function parseErrorFinding(path: string, line: number, message: string, severity: "error" | "warning" = "error"): Finding {
  const range = { start: { line, column: 1 }, end: { line, column: 1 } };
  const valueHash = sha256(message);
  return {
    ruleId: PARSE_ERROR_ID,
    severity,
    message,
    path,
    range,
    related: [],
    snippet: { startLine: line, lines: [] },
    valueHash,
    fingerprint: sha256(`${PARSE_ERROR_ID}\0${path}\0${valueHash}`).slice(0, 32),
    // One parse-error per file, whatever line it names: the file is broken or it is not.
    identity: findingIdentity(PARSE_ERROR_ID, severity, { linePrefix: "", text: "" }),
  };
}
