/**
 * The lines of an AWS shared config/credentials file, as the reader (`../aws-ini.ts`) and the three SDK
 * simulations walk them: split at LF, with the CRs kept apart for the readers that treat them differently.
 */
import type { SourceFile } from "../../model/source.js";
import { CR } from "./chars.js";

export interface Line {
  /** Offset of the first character of the line. */
  readonly start: number;
  /** The line without its LF and without trailing CRs (JS's and this reader's view). */
  readonly text: string;
  /** The line without its LF but with any trailing CRs (Go's view; botocore splits it at every CR). */
  readonly raw: string;
  /** Whether `text` still contains a CR: a line break for botocore only. */
  readonly hasInnerCr: boolean;
}

export function splitLines(file: SourceFile): Line[] {
  const text = file.text;
  const starts = file.lineStarts;
  const lines: Line[] = [];
  let nextCr = -2; // position of the next CR at or after the current line start (-1: none left)
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i] ?? 0;
    const next = starts[i + 1];
    const rawEnd = next === undefined ? text.length : next - 1;
    let end = rawEnd;
    while (end > start && text.charCodeAt(end - 1) === CR) end--;
    if (nextCr !== -1 && nextCr < start) nextCr = text.indexOf("\r", start);
    const hasInnerCr = nextCr !== -1 && nextCr < end;
    lines.push({
      start,
      text: text.slice(start, end),
      raw: text.slice(start, rawEnd),
      hasInnerCr,
    });
  }
  return lines;
}
