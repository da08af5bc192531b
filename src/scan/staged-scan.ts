import type { Finding } from "../model/finding.js";
import type { AnyRule } from "../model/rule.js";
import { classify } from "./classify.js";
import { analyse, Ingest, type ScanResult } from "./pipeline.js";
import { decodeBytes, DEFAULT_MAX_FILE_SIZE } from "./read.js";
import { findTopLevel, indexEntries, readBlobs, stagedEntries } from "./staged.js";
import { sortFindings } from "./engine.js";

export interface StagedScanOptions {
  readonly cwd: string;
  readonly rules: readonly AnyRule[];
  readonly maxFileSize?: number;
}

/** AWS shared files by path, or by name (classified by content once read). */
function isPossiblyAws(path: string): boolean {
  return classify(path, () => "") !== "text" || /(?:^|\/)(?:config|credentials)$/.test(path);
}

/**
 * Whether the staged files need the rest of the repository as context: only a staged AWS file that names
 * another profile (source_profile) asks cross-file questions. Keeping this narrow saves two git processes
 * on most commits (a pre-commit hook runs on every one).
 */
function needsContext(staged: readonly { path: string; text: string }[]): boolean {
  return staged.some((f) => isPossiblyAws(f.path) && f.text.includes("source_profile"));
}

/**
 * `credlint --staged`: scans the content as staged — blobs from the index, never the working tree — and
 * reports findings in staged files only. Files that are not staged but that cross-file rules need (every
 * AWS config/credentials file, for the profiles the repository defines) are read from the index too.
 * Deleted files are skipped; a rename is scanned under its new path.
 */
export function scanStaged(options: StagedScanOptions): ScanResult {
  const top = findTopLevel(options.cwd);
  const staged = stagedEntries(top);
  const stagedPaths = new Set(staged.map((e) => e.path));
  const maxSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const blobs = readBlobs(top, staged.map((e) => e.oid));

  const ingest = new Ingest();
  for (const e of staged) {
    const blob = blobs.get(e.oid);
    if (blob === undefined) ingest.unreadable(e.path, "the staged blob is missing from the object store");
    else ingest.add(e.path, decodeBytes(blob, maxSize));
  }
  const contextIngest = new Ingest();
  if (needsContext(ingest.parsed.map((p) => p.file))) {
    const context = indexEntries(top).filter((e) => !stagedPaths.has(e.path) && isPossiblyAws(e.path));
    const contextBlobs = readBlobs(top, context.map((e) => e.oid));
    for (const e of context) {
      const blob = contextBlobs.get(e.oid);
      if (blob !== undefined) contextIngest.add(e.path, decodeBytes(blob, maxSize));
    }
  }
  const findings: Finding[] = analyse([...ingest.parsed, ...contextIngest.parsed], options.rules).filter((f) =>
    stagedPaths.has(f.path),
  );
  return {
    root: top,
    findings: sortFindings([...ingest.diagnostics, ...findings]),
    files: ingest.parsed.map((p) => p.file),
    stats: ingest.stats,
  };
}
