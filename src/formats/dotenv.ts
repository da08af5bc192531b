/**
 * Reader for `.env` files, as `parse()` of the `dotenv` package reads them (v18.0.10, its default parser — not
 * the opt-in `fast` one), and for `.envrc`, which direnv runs with bash and is therefore read by the shell reader.
 *
 * dotenv matches one global, multi-line regular expression against the whole file after turning `\r\n` and lone
 * `\r` into `\n`. This scanner reproduces what that expression matches, offsets included, with its less obvious
 * consequences:
 * - a key is `[\w.-]+` at the start of a line (after whitespace and an optional `export `);
 * - whitespace, newlines included, may stand between a key and `=` and between `=` and an opening quote: `A=` and
 *   then a line `"x"` set A to `x`;
 * - `KEY: value` needs one whitespace character after the colon, which may be a newline: `A:` and then a line
 *   `B=1` set A to `B=1`;
 * - an unquoted value ends at the first `#` (`A=x#y` is `x`) or newline and is trimmed of JavaScript whitespace;
 * - a quoted value ends at the farthest quote of its kind that has only backslash-preceded quotes before it and
 *   only whitespace or a comment after it on its line; it may span lines; nothing is unescaped except `\n` and
 *   `\r` in double quotes (`\"` stays `\"`);
 * - a value that does not match as quoted is read as an unquoted one, and loses its outer quotes only when both
 *   ends carry the same quote (per line, for a value containing U+2028/U+2029);
 * - a line that does not match is skipped without a word; the last assignment of a key wins.
 *
 * Lines dotenv skips, and unquoted values that keep an unclosed opening quote, are reported as notes in `errors`.
 * Each setting also says what a POSIX shell `source`-ing the line would assign where that differs
 * (`alternatives`): scripts often `set -a; . ./.env`.
 */
import { isUnicodeSpace } from "../knowledge/strings.js";
import type { EnvCommand, EnvContext, EnvSyntax } from "../model/env.js";
import type { Setting, SettingValue } from "../model/setting.js";
import type { SourceFile } from "../model/source.js";
import { isLiveFile, positionAt, rangeOf } from "../model/source.js";
import { providerOfVar } from "../knowledge/env-vars.js";
import { classifyValue } from "../knowledge/references.js";
import { readShellLines, scriptLinesOf, shellAssignments } from "./shell.js";

export interface DotenvResult {
  readonly env: EnvContext;
  readonly settings: Setting[];
  readonly errors: { line: number; message: string }[];
}

type Style = "unquoted" | "single" | "double" | "backtick";

/** One assignment dotenv reads. Offsets are in the normalised text. */
interface Entry {
  readonly keyStart: number;
  readonly keyEnd: number;
  /** The value as written: quotes included, an unquoted value trimmed; empty right after `=` when there is none. */
  readonly valueStart: number;
  readonly valueEnd: number;
  /** The value dotenv returns. */
  readonly value: string;
  readonly style: Style;
  /** An unquoted value that starts with a quote dotenv did not strip (`A="abc`). */
  readonly openQuote: boolean;
  /** Where the match ends (dotenv's next search starts here). */
  readonly end: number;
}

const HASH = 35;
const QUOTE_STYLE: Readonly<Record<string, Style>> = { "'": "single", '"': "double", "`": "backtick" };

/** JavaScript `\s` (and what `String.prototype.trim` removes). */
function isWs(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0xfeff || isUnicodeSpace(c);
}

/** What `^`/`$` of a multi-line JavaScript regex and `.` treat as a line end. */
function isLt(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

/** `[\w.-]` */
function isKeyChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 45;
}

function skipWs(t: string, from: number): number {
  let i = from;
  while (i < t.length && isWs(t.charCodeAt(i))) i++;
  return i;
}


// Normalisation: dotenv reads the text with every `\r\n` and lone `\r` replaced by `\n`

interface Normalised {
  readonly text: string;
  /** File offset of a normalised offset (an exclusive end before a `\r\n` maps to the `\r`). */
  readonly toFile: (at: number) => number;
}

function normalise(text: string): Normalised {
  if (!text.includes("\r")) return { text, toFile: (at) => at };
  const map = new Int32Array(text.length + 1);
  const chunks: string[] = [];
  let n = 0;
  let from = 0;
  const copy = (end: number): void => {
    chunks.push(text.slice(from, end));
    for (let k = from; k < end; k++) map[n++] = k;
  };
  for (let i = text.indexOf("\r"); i !== -1; i = text.indexOf("\r", from)) {
    copy(i);
    chunks.push("\n");
    map[n++] = i;
    from = text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
  }
  copy(text.length);
  map[n] = text.length;
  return { text: chunks.join(""), toFile: (at) => map[at] ?? text.length };
}


// The scanner

/**
 * What the rest of dotenv's expression (`\s*(?:#.*)?$`, multi-line) matches from `p`: its end, or -1. `\s*`
 * backtracks to the last line end of the whitespace run unless a comment or the end of the text follows it.
 */
function restEnd(t: string, p: number): number {
  const w = skipWs(t, p);
  if (w >= t.length) return t.length;
  if (t.charCodeAt(w) === HASH) {
    let e = w;
    while (e < t.length && !isLt(t.charCodeAt(e))) e++;
    return e;
  }
  for (let i = w - 1; i >= p; i--) if (isLt(t.charCodeAt(i))) return i;
  return -1;
}

/** The first index of `sorted` whose value is greater than `v`. */
function upperBound(sorted: readonly number[], v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? 0) <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A quoted value opening at `open`: `'(?:\\'|[^'])*'` only lets a quote inside when a backslash precedes it, so
 * the candidates for the closing quote are the first unescaped one and the escaped ones before it; the regex tries
 * them farthest first and keeps the first one after which the rest of the line matches.
 */
function closingQuote(t: string, open: number, positions: readonly number[]): { close: number; end: number } | undefined {
  const first = upperBound(positions, open);
  let last = first;
  while (last < positions.length && t.charCodeAt((positions[last] ?? 0) - 1) === 92) last++;
  for (let j = Math.min(last, positions.length - 1); j >= first; j--) {
    const close = positions[j] ?? 0;
    const end = restEnd(t, close + 1);
    if (end !== -1) return { close, end };
  }
  return undefined;
}

/**
 * dotenv's `value.replace(/^(['"`])([\s\S]*)\1$/mg, '$2')`: at each line start of the value, a quote and the
 * farthest same quote that ends a line lose their quotes.
 */
function stripQuotes(v: string): string {
  const lastCloser = new Map<string, number>();
  for (let j = 0; j < v.length; j++) {
    const c = v.charAt(j);
    if (QUOTE_STYLE[c] && (j + 1 === v.length || isLt(v.charCodeAt(j + 1)))) lastCloser.set(c, j);
  }
  let out = "";
  let from = 0;
  let i = 0;
  while (i < v.length) {
    const j = lastCloser.get(v.charAt(i)) ?? -1;
    if (j > i) {
      out += v.slice(from, i) + v.slice(i + 1, j);
      from = j + 1;
      i = j + 1;
    }
    while (i < v.length && !isLt(v.charCodeAt(i))) i++;
    i++;
  }
  return out + v.slice(from);
}

/** dotenv turns `\n` and `\r` (backslash, letter) into line breaks in values that start with a double quote. */
function expandNewlines(v: string): string {
  return v.replace(/\\([nr])/g, (_, c: string) => (c === "n" ? "\n" : "\r"));
}

function decode(raw: string): string {
  const value = stripQuotes(raw);
  return raw.charAt(0) === '"' ? expandNewlines(value) : value;
}

function valueAt(t: string, p: number, quotes: ReadonlyMap<string, readonly number[]>): Omit<Entry, "keyStart" | "keyEnd"> {
  const q = skipWs(t, p);
  const positions = quotes.get(t.charAt(q));
  const quoted = positions ? closingQuote(t, q, positions) : undefined;
  if (quoted) {
    const raw = t.slice(q, quoted.close + 1);
    const style = QUOTE_STYLE[t.charAt(q)] ?? "unquoted";
    return { valueStart: q, valueEnd: quoted.close + 1, value: decode(raw), style, openQuote: false, end: quoted.end };
  }
  let e = p;
  while (e < t.length && t.charCodeAt(e) !== HASH && t.charCodeAt(e) !== 10) e++;
  let f = skipWs(t, p);
  let h = e;
  while (h > f && isWs(t.charCodeAt(h - 1))) h--;
  if (f >= h) f = h = p; // no value: empty, right after the separator
  const raw = t.slice(f, h);
  const value = decode(raw);
  const quote = QUOTE_STYLE[raw.charAt(0)];
  const stripped = quote !== undefined && stripQuotes(raw) !== raw;
  // Both `restEnd`s succeed here: `e` is at a `#`, a newline or the end, and so is `p` when nothing was read.
  const end = restEnd(t, e);
  return { valueStart: f, valueEnd: h, value, style: stripped && quote ? quote : "unquoted", openQuote: quote !== undefined && !stripped, end: end === -1 ? e : end };
}

/** A match of dotenv's expression whose key starts at `k`. */
function entryAt(t: string, k: number, quotes: ReadonlyMap<string, readonly number[]>): Entry | undefined {
  let ke = k;
  while (ke < t.length && isKeyChar(t.charCodeAt(ke))) ke++;
  if (ke === k) return undefined;
  const eq = skipWs(t, ke);
  let p: number;
  if (t.charCodeAt(eq) === 61) p = eq + 1;
  else if (t.charCodeAt(ke) === 58 && isWs(t.charCodeAt(ke + 1))) p = ke + 2;
  else return undefined;
  return { keyStart: k, keyEnd: ke, ...valueAt(t, p, quotes) };
}

/** The first line start (for a multi-line `^`) at or after `p`, or -1. */
function lineStartFrom(t: string, p: number): number {
  if (p > t.length) return -1;
  if (p === 0 || isLt(t.charCodeAt(p - 1))) return p;
  for (let i = p; i < t.length; i++) if (isLt(t.charCodeAt(i))) return i + 1;
  return -1;
}

/** Every match of dotenv's expression, and the offsets of the lines it skips (comments excluded). */
function scan(t: string): { entries: Entry[]; skipped: number[] } {
  const quotes = new Map<string, number[]>([["'", []], ['"', []], ["`", []]]);
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 39 || c === 34 || c === 96) quotes.get(t.charAt(i))?.push(i);
  }
  const entries: Entry[] = [];
  const skipped: number[] = [];
  for (let pos = 0; ; ) {
    const start = lineStartFrom(t, pos);
    if (start === -1) break;
    const s = skipWs(t, start);
    if (s >= t.length) break;
    let entry: Entry | undefined;
    if (t.startsWith("export", s) && isWs(t.charCodeAt(s + 6))) entry = entryAt(t, skipWs(t, s + 6), quotes);
    entry ??= entryAt(t, s, quotes);
    if (entry) {
      entries.push(entry);
      pos = entry.end;
    } else {
      if (t.charCodeAt(s) !== HASH) skipped.push(s);
      pos = s + 1;
    }
  }
  return { entries, skipped };
}


// Settings

/**
 * What a shell `source`-ing the file assigns to `name` on the line where the key starts, when that differs from
 * dotenv's value (CRLF endings, `KEY= value`, inner blanks, `\n` in double quotes, `#` inside a word, …).
 * Only lines the shell runs as an assignment with a static value count.
 */
function shellAlternative(file: SourceFile, keyStart: number, name: string, value: string): string | undefined {
  const line = positionAt(file, keyStart).line;
  const lineStart = file.lineStarts[line - 1] ?? 0;
  if (!/^[ \t]*(?:export[ \t]+)?$/.test(file.text.slice(lineStart, keyStart))) return undefined;
  const next = file.lineStarts[line];
  const shell = shellAssignments(file.text.slice(lineStart, next === undefined ? file.text.length : next - 1)).get(name);
  return typeof shell === "string" && shell !== value ? shell : undefined;
}

function context(file: SourceFile, syntax: EnvSyntax, own: Setting[], commands: EnvCommand[]): EnvContext {
  return { kind: "env", file, syntax, where: file.path, anchor: rangeOf(file, 0, 0), own, commands, live: isLiveFile(file) };
}

export function parseDotenv(file: SourceFile): DotenvResult {
  if (file.path.slice(file.path.lastIndexOf("/") + 1) === ".envrc") {
    const read = readShellLines(file, scriptLinesOf(file), { where: file.path, references: "shell" });
    return { env: context(file, "envrc", read.own, read.commands), settings: read.own, errors: [] };
  }
  const { text, toFile } = normalise(file.text);
  const { entries, skipped } = scan(text);
  const lineOf = (at: number): number => positionAt(file, toFile(at)).line;
  const errors: { line: number; message: string }[] = [];
  for (const at of skipped) {
    const line = lineOf(at);
    if (errors.at(-1)?.line !== line) errors.push({ line, message: "not a KEY=value line; dotenv ignores it" });
  }
  const settings = entries.map((e): Setting => {
    const keyStart = toFile(e.keyStart);
    const name = text.slice(e.keyStart, e.keyEnd);
    const vs = toFile(e.valueStart);
    const ve = toFile(e.valueEnd);
    const raw = file.text.slice(vs, ve);
    const range = rangeOf(file, vs, ve);
    const c = classifyValue(e.value, "dotenv");
    const value: SettingValue =
      c.kind === "literal"
        ? { kind: "literal", value: e.value, raw, range }
        : c.kind === "reference"
          ? { kind: "reference", target: c.target, raw, range }
          : { kind: "dynamic", raw, range };
    if (e.openQuote) {
      const line = lineOf(e.valueStart);
      errors.push({ line, message: `the quote opening ${name}'s value is not closed; dotenv keeps it in the value` });
    }
    const alternative = shellAlternative(file, keyStart, name, e.value);
    return {
      file,
      provider: providerOfVar(name),
      key: { text: name, range: rangeOf(file, keyStart, toFile(e.keyEnd)) },
      value,
      range: rangeOf(file, keyStart, ve),
      where: file.path,
      syntax: "env",
      style: e.style,
      ...(alternative !== undefined ? { alternatives: [{ reader: "a shell's source", value: alternative }] } : {}),
    };
  });
  errors.sort((a, b) => a.line - b.line);
  return { env: context(file, "dotenv", settings, []), settings, errors };
}
