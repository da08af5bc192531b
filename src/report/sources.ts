import { lineText, type SourceFile } from "../model/source.js";
import { githubLineHashes } from "./line-hash.js";

/**
 * What reporters may know about the scanned files' content: GitHub's line hash and the length of a line —
 * never the text, which holds the secrets that findings only show masked.
 */
export interface SourceLookup {
  /** GitHub's `primaryLocationLineHash` of line `line` (GitHub's line numbering), if the file was read. */
  lineHash(path: string, line: number): string | undefined;
  /** Length in UTF-16 code units of line `line` (credlint's numbering: only LF ends a line), if known. */
  lineLength(path: string, line: number): number | undefined;
}

/** A lookup over the scan's files; each file is hashed once, and only when a finding asks for it. */
export function sourceLookup(files: readonly SourceFile[]): SourceLookup {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const hashes = new Map<string, readonly string[]>();
  return {
    lineHash(path, line) {
      const file = byPath.get(path);
      if (!file) return undefined;
      let h = hashes.get(path);
      if (!h) {
        h = githubLineHashes(file.text);
        hashes.set(path, h);
      }
      return h[line - 1];
    },
    lineLength(path, line) {
      const file = byPath.get(path);
      if (!file || line < 1 || line > file.lineStarts.length) return undefined;
      return lineText(file, line).length;
    },
  };
}
