/**
 * Character classes and trimming for the AWS shared config/credentials reader (`../aws-ini.ts`): the character
 * codes the readers look for, each SDK's idea of whitespace, and small re-implementations of the Python and Go
 * string functions the SDKs call (`str.strip`, `str.splitlines`, `shlex.split`, `strings.TrimSpace`,
 * `strings.ToLower`).
 */
import { isUnicodeSpace } from "../../knowledge/strings.js";

export const HASH = 35; // #
export const SEMI = 59; // ;
export const EQUALS = 61; // =
export const COLON = 58; // :
export const LBRACKET = 91; // [
export const RBRACKET = 93; // ]
const SPACE = 32;
const TAB = 9;
export const CR = 13;
export const BOM = 0xfeff;


/** Python `str.isspace()` / `str.strip()` / `re` `\s` (checked against CPython 3.11). No U+200B, no U+FEFF. */
export function isPyWs(c: number): boolean {
  return (c >= 9 && c <= 13) || (c >= 0x1c && c <= 0x20) || c === 0x85 || c === 0xa0 || isUnicodeSpace(c);
}

/** JavaScript `\s` / `String.prototype.trim()`: includes U+FEFF, excludes U+001C–U+001F and U+0085. */
export function isJsWs(c: number): boolean {
  return (c >= 9 && c <= 13) || c === SPACE || c === 0xa0 || c === BOM || isUnicodeSpace(c);
}

/** Go `unicode.IsSpace` (`strings.TrimSpace`): includes U+0085, excludes U+001C–U+001F and U+FEFF. */
export function isGoWs(c: number): boolean {
  return (c >= 9 && c <= 13) || c === SPACE || c === 0x85 || c === 0xa0 || isUnicodeSpace(c);
}

/** Go `isLineSpace`: the only indentation the Go reader knows. */
export function isGoLineSpace(c: number): boolean {
  return c === SPACE || c === TAB;
}

/** What this reader treats as a blank for the neutral structure: every SDK's whitespace. */
export function isBlank(c: number): boolean {
  return isPyWs(c) || c === BOM;
}

type CharPred = (c: number) => boolean;

export function spanStart(s: string, from: number, to: number, pred: CharPred): number {
  let i = from;
  while (i < to && pred(s.charCodeAt(i))) i++;
  return i;
}

export function spanEnd(s: string, from: number, to: number, pred: CharPred): number {
  let j = to;
  while (j > from && pred(s.charCodeAt(j - 1))) j--;
  return j;
}

function stripWith(s: string, pred: CharPred): string {
  const a = spanStart(s, 0, s.length, pred);
  return s.slice(a, spanEnd(s, a, s.length, pred));
}

export const pyStrip = (s: string): string => stripWith(s, isPyWs);
export const pyRstrip = (s: string): string => s.slice(0, spanEnd(s, 0, s.length, isPyWs));
export const goTrimSpace = (s: string): string => stripWith(s, isGoWs);
export const goTrimLeftLineSpace = (s: string): string => s.slice(spanStart(s, 0, s.length, isGoLineSpace));
export const goTrimRightLineSpace = (s: string): string => s.slice(0, spanEnd(s, 0, s.length, isGoLineSpace));

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/**
 * Go `strings.ToLower`: per-rune simple case mapping. Differs from JS `toLowerCase` (full mapping, which Python's
 * `str.lower()` shares) only for U+0130 and for the context-dependent final sigma.
 */
export function goToLower(s: string): string {
  if (isAscii(s)) return s.toLowerCase();
  let out = "";
  for (const ch of s) {
    if (ch === "\u0130") out += "i";
    else out += ch.toLowerCase();
  }
  return out;
}

/** Python `str.splitlines()` separators (used by botocore's `_parse_nested`). */
export function pySplitlines(s: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const isBreak =
      c === 10 || c === CR || c === 0x0b || c === 0x0c || (c >= 0x1c && c <= 0x1e) || c === 0x85 || c === 0x2028 || c === 0x2029;
    if (!isBreak) continue;
    out.push(s.slice(start, i));
    if (c === CR && s.charCodeAt(i + 1) === 10) i++;
    start = i + 1;
  }
  if (start < s.length) out.push(s.slice(start));
  return out;
}

/**
 * Python `shlex.split(s)` (posix mode, `whitespace_split=True`, no comments). Returns null where Python raises
 * `ValueError` ("No closing quotation" / "No escaped character"), which botocore's `_parse_section` swallows.
 */
export function shlexSplit(s: string): string[] | null {
  const tokens: string[] = [];
  let state: "space" | "word" | '"' | "'" | "escape" = "space";
  let escapedState: "word" | '"' = "word";
  let token = "";
  let quoted = false;
  const emit = (): void => {
    if (token !== "" || quoted) tokens.push(token);
    token = "";
    quoted = false;
  };
  for (let i = 0; i < s.length; i++) {
    const ch = s.charAt(i);
    const isWhite = ch === " " || ch === "\t" || ch === "\r" || ch === "\n";
    switch (state) {
      case "space":
      case "word":
        if (isWhite) {
          if (state === "word" || token !== "" || quoted) emit();
          state = "space";
        } else if (ch === "\\") {
          escapedState = "word";
          state = "escape";
        } else if (ch === '"' || ch === "'") {
          state = ch;
        } else {
          token += ch;
          state = "word";
        }
        break;
      case '"':
      case "'":
        quoted = true;
        if (ch === state) state = "word";
        else if (ch === "\\" && state === '"') {
          escapedState = '"';
          state = "escape";
        } else token += ch;
        break;
      case "escape":
        // Inside double quotes only `"` and `\` can be escaped; otherwise the backslash is kept.
        if (escapedState === '"' && ch !== "\\" && ch !== '"') token += "\\";
        token += ch;
        state = escapedState;
        break;
    }
  }
  if (state === '"' || state === "'" || state === "escape") return null;
  if (state === "word" || token !== "" || quoted) emit();
  return tokens;
}
