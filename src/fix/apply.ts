import { closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync, chmodSync } from "node:fs";
import path from "node:path";
import type { Finding, TextEdit } from "../model/finding.js";
import { makeSourceFile, offsetAt } from "../model/source.js";

export interface FixResult {
  /** Files rewritten, repo-relative. */
  readonly files: string[];
  /** Fixes applied. */
  readonly applied: number;
  /** Safe fixes skipped because they overlapped another fix in the same pass (re-run to apply them). */
  readonly skipped: number;
}

interface OffsetEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * Applies the edits of non-overlapping fixes to one text. A fix is applied whole or not at all; a fix
 * whose edits overlap an earlier accepted fix is skipped.
 */
export function applyEdits(text: string, fixes: readonly (readonly TextEdit[])[]): { text: string; applied: number; skipped: number } {
  const file = makeSourceFile("", "text", text);
  const accepted: OffsetEdit[] = [];
  let skipped = 0;
  for (const edits of fixes) {
    const offs = edits.map((e) => ({ start: offsetAt(file, e.range.start), end: offsetAt(file, e.range.end), text: e.text }));
    const overlaps = offs.some((o) => accepted.some((a) => o.start < a.end && a.start < o.end) || accepted.some((a) => a.start === a.end && o.start === a.start));
    if (overlaps || offs.some((o) => o.start > o.end || o.end > text.length)) {
      skipped++;
      continue;
    }
    accepted.push(...offs);
  }
  accepted.sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of accepted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return { text: out, applied: fixes.length - skipped, skipped };
}

/**
 * Writes a file without ever leaving it half-written: a temporary file beside it (same folder, so the
 * rename is atomic), fsync, the original's mode, then rename over the original.
 */
export function writeFileAtomic(absPath: string, content: string): void {
  const mode = statSync(absPath).mode & 0o7777;
  const tmp = path.join(path.dirname(absPath), `.${path.basename(absPath)}.credlint-tmp-${process.pid}`);
  const fd = openSync(tmp, "wx", mode);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(tmp);
    throw error;
  }
  closeSync(fd);
  chmodSync(tmp, mode);
  renameSync(tmp, absPath);
}

/**
 * Applies every safe fix among `findings` to the files under `root`. Unsafe fixes are never applied. A file
 * is left alone when it changed since it was scanned (`scanned` holds the text the findings were computed
 * on) or when it is not valid UTF-8 (rewriting it would replace bytes).
 */
export function applySafeFixes(findings: readonly Finding[], root: string, scanned: ReadonlyMap<string, string>): FixResult {
  const byPath = new Map<string, (readonly TextEdit[])[]>();
  for (const f of findings) {
    if (!f.fix || f.fix.safety !== "safe") continue;
    const list = byPath.get(f.path) ?? [];
    list.push(f.fix.edits);
    byPath.set(f.path, list);
  }
  const files: string[] = [];
  let applied = 0;
  let skipped = 0;
  for (const [rel, fixes] of byPath) {
    const abs = path.resolve(root, rel);
    const bytes = readFileSync(abs);
    const before = bytes.toString("utf8");
    if (before !== scanned.get(rel) || !Buffer.from(before, "utf8").equals(bytes)) {
      skipped += fixes.length;
      continue;
    }
    const result = applyEdits(before, fixes);
    applied += result.applied;
    skipped += result.skipped;
    if (result.text !== before) {
      writeFileAtomic(abs, result.text);
      files.push(rel);
    }
  }
  return { files, applied, skipped };
}
