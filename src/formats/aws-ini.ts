/**
 * Reader for the AWS shared `config` and `credentials` files (reference §1.2–1.3).
 *
 * The file is read once into a neutral structure (sections, entries, nested children, bad lines) and, for every
 * header and key line, what each of the three SDK families makes of it. The per-SDK readings come from small
 * line-by-line re-implementations of the real readers, run independently over the same lines:
 *
 * - botocore: Python 3.11 `configparser.RawConfigParser` (universal newlines, `#`/`;` full-line comments only,
 *   `=`/`:` delimiters, relative-indentation continuation lines) + `configloader.raw_config_parse` /
 *   `_parse_nested` / `build_profile_map` (`shlex.split` on section names).
 * - js: `parseIni.ts` from `@smithy/core/config` (+ `getConfigData.ts` for the config file).
 * - go: `internal/ini` of aws-sdk-go-v2 (`tokenize.go`, `parse.go`, `strings.go`) + `processConfigSections` /
 *   `processCredentialsSections` of `config/shared_config.go`, as they stand after aws-sdk-go-v2 PR #2371
 *   (2023-11: a property comment needs whitespace before `#`/`;`) and PR #2461 (2024-01: values are only
 *   unquoted, never unescaped).
 *
 * Conventions of the readings:
 * - `SdkReading.key` is null when the SDK does not read the line as a key (skipped, swallowed into another
 *   value, before any section, or in a section the SDK discards while parsing).
 * - A key whose value starts a nested block is read by botocore as a dict (value null) and by the JS SDK as a
 *   sub-section start (value null); Go keeps an empty string value next to its map.
 * - A nested key is named `parent.child`, exactly as the JS SDK flattens it (botocore keeps the child name as
 *   written, Go lower-cases it). A plain name means the SDK reads that line as a top-level key.
 *
 * The reader never throws and runs in linear time: every scan is a single left-to-right pass over a line, and
 * the only regular expression (the JS SDK's section-name regex) is anchored and cannot backtrack
 * super-linearly.
 */
import { isUnicodeSpace } from "../knowledge/strings.js";
import type {
  AwsIniFileKind,
  IniBadLine,
  IniComment,
  IniDocument,
  IniEntry,
  IniSection,
  SectionReading,
} from "../model/aws-ini.js";
import type { Located, Sdk, SdkReading } from "../model/setting.js";
import type { Range, SourceFile } from "../model/source.js";
import { rangeOf } from "../model/source.js";


// Character classes and trimming

const HASH = 35; // #
const SEMI = 59; // ;
const EQUALS = 61; // =
const COLON = 58; // :
const LBRACKET = 91; // [
const RBRACKET = 93; // ]
const SPACE = 32;
const TAB = 9;
const CR = 13;
const BOM = 0xfeff;


/** Python `str.isspace()` / `str.strip()` / `re` `\s` (checked against CPython 3.11). No U+200B, no U+FEFF. */
function isPyWs(c: number): boolean {
  return (c >= 9 && c <= 13) || (c >= 0x1c && c <= 0x20) || c === 0x85 || c === 0xa0 || isUnicodeSpace(c);
}

/** JavaScript `\s` / `String.prototype.trim()`: includes U+FEFF, excludes U+001C–U+001F and U+0085. */
function isJsWs(c: number): boolean {
  return (c >= 9 && c <= 13) || c === SPACE || c === 0xa0 || c === BOM || isUnicodeSpace(c);
}

/** Go `unicode.IsSpace` (`strings.TrimSpace`): includes U+0085, excludes U+001C–U+001F and U+FEFF. */
function isGoWs(c: number): boolean {
  return (c >= 9 && c <= 13) || c === SPACE || c === 0x85 || c === 0xa0 || isUnicodeSpace(c);
}

/** Go `isLineSpace`: the only indentation the Go reader knows. */
function isGoLineSpace(c: number): boolean {
  return c === SPACE || c === TAB;
}

/** What this reader treats as a blank for the neutral structure: every SDK's whitespace. */
function isBlank(c: number): boolean {
  return isPyWs(c) || c === BOM;
}

type CharPred = (c: number) => boolean;

function spanStart(s: string, from: number, to: number, pred: CharPred): number {
  let i = from;
  while (i < to && pred(s.charCodeAt(i))) i++;
  return i;
}

function spanEnd(s: string, from: number, to: number, pred: CharPred): number {
  let j = to;
  while (j > from && pred(s.charCodeAt(j - 1))) j--;
  return j;
}

function stripWith(s: string, pred: CharPred): string {
  const a = spanStart(s, 0, s.length, pred);
  return s.slice(a, spanEnd(s, a, s.length, pred));
}

const pyStrip = (s: string): string => stripWith(s, isPyWs);
const pyRstrip = (s: string): string => s.slice(0, spanEnd(s, 0, s.length, isPyWs));
const goTrimSpace = (s: string): string => stripWith(s, isGoWs);
const goTrimLeftLineSpace = (s: string): string => s.slice(spanStart(s, 0, s.length, isGoLineSpace));
const goTrimRightLineSpace = (s: string): string => s.slice(0, spanEnd(s, 0, s.length, isGoLineSpace));

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/**
 * Go `strings.ToLower`: per-rune simple case mapping. Differs from JS `toLowerCase` (full mapping, which Python's
 * `str.lower()` shares) only for U+0130 and for the context-dependent final sigma.
 */
function goToLower(s: string): string {
  if (isAscii(s)) return s.toLowerCase();
  let out = "";
  for (const ch of s) {
    if (ch === "\u0130") out += "i";
    else out += ch.toLowerCase();
  }
  return out;
}

/** Python `str.splitlines()` separators (used by botocore's `_parse_nested`). */
function pySplitlines(s: string): string[] {
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


// Lines

interface Line {
  /** Offset of the first character of the line. */
  readonly start: number;
  /** The line without its LF and without trailing CRs (JS's and this reader's view). */
  readonly text: string;
  /** The line without its LF but with any trailing CRs (Go's view; botocore splits it at every CR). */
  readonly raw: string;
  /** Whether `text` still contains a CR: a line break for botocore only. */
  readonly hasInnerCr: boolean;
}

function splitLines(file: SourceFile): Line[] {
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


// botocore (configparser + configloader)

interface PyOption {
  /** `optionxform(option.rstrip())`: lower-cased. */
  readonly key: string;
  /** The value lines as configparser collects them ('' for a blank line inside the value). */
  readonly pieces: string[];
  /** Line index of every piece (-1 for blank pieces). */
  readonly pieceLines: number[];
}

type PyEvent =
  | { readonly t: "skip" }
  | { readonly t: "header"; readonly name: string }
  | { readonly t: "option"; readonly opt: number }
  | { readonly t: "cont"; readonly opt: number; readonly piece: number }
  | { readonly t: "noSection" }
  | { readonly t: "error" }
  /** A line with a CR inside, which botocore reads as several lines; `fails` if one of them breaks the file. */
  | { readonly t: "multi"; readonly fails: boolean };

interface PyResult {
  readonly events: PyEvent[];
  readonly options: PyOption[];
}

function simulateBotocore(lines: readonly Line[]): PyResult {
  const events: PyEvent[] = [];
  const options: PyOption[] = [];
  let inSection = false;
  let opt = -1; // index into options; the option is "truthy" when its key is not empty
  let indentLevel = 0;

  const feed = (phys: string, lineIndex: number): PyEvent => {
    const value = pyStrip(phys);
    const current = opt >= 0 ? options[opt] : undefined;
    if (value === "") {
      // empty_lines_in_values=True: a blank line is kept inside a multi-line value
      if (inSection && current !== undefined && current.key !== "") {
        current.pieces.push("");
        current.pieceLines.push(-1);
      }
      return { t: "skip" };
    }
    const first = value.charCodeAt(0);
    if (first === HASH || first === SEMI) return { t: "skip" };
    const curIndent = spanStart(phys, 0, phys.length, isPyWs);
    if (inSection && current !== undefined && current.key !== "" && curIndent > indentLevel) {
      current.pieces.push(value);
      current.pieceLines.push(lineIndex);
      return { t: "cont", opt, piece: current.pieces.length - 1 };
    }
    indentLevel = curIndent;
    if (first === LBRACKET) {
      // SECTCRE = \[(?P<header>.+)\] with .match(): the name runs to the LAST `]`, and needs one character.
      const last = value.lastIndexOf("]");
      if (last >= 2) {
        inSection = true;
        opt = -1;
        return { t: "header", name: value.slice(1, last) };
      }
    }
    if (!inSection) return { t: "noSection" };
    let d = -1;
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c === EQUALS || c === COLON) {
        d = i;
        break;
      }
    }
    if (d < 0) return { t: "error" }; // ParsingError; the current option stays current
    const option = pyRstrip(value.slice(0, d));
    options.push({ key: option.toLowerCase(), pieces: [pyStrip(value.slice(d + 1))], pieceLines: [lineIndex] });
    opt = options.length - 1;
    return option === "" ? { t: "error" } : { t: "option", opt };
  };

  lines.forEach((line, index) => {
    // Universal newlines: every CR ends a line; the CR of a CRLF (and any trailing CR) only ends this one.
    const segments = line.raw.split("\r");
    if (line.raw.endsWith("\r")) segments.pop();
    if (segments.length <= 1) {
      events.push(feed(segments[0] ?? "", index));
      return;
    }
    let fails = false;
    for (const segment of segments) {
      const ev = feed(segment, index);
      if (ev.t === "error" || ev.t === "noSection") fails = true;
    }
    events.push({ t: "multi", fails });
  });
  return { events, options };
}

interface PyOptionValue {
  /** The string value, or null when botocore turns it into a dict of nested keys. */
  readonly value: string | null;
  /** For a nested value: what each piece reads as (null: no `=`, which fails the whole file). */
  readonly nested: ReadonlyMap<number, { readonly key: string; readonly value: string } | null>;
}

function finishBotocoreOption(option: PyOption): PyOptionValue {
  // _join_multiline_values: '\n'.join(pieces).rstrip(); raw_config_parse parses it as nested when it starts
  // with '\n' (i.e. the first line had an empty value).
  const joined = pyRstrip(option.pieces.join("\n"));
  const nested = new Map<number, { key: string; value: string } | null>();
  if (!joined.startsWith("\n")) return { value: joined, nested };
  option.pieces.forEach((piece, index) => {
    if (index === 0) return;
    for (const sub of pySplitlines(piece)) {
      const line = pyStrip(sub);
      if (line === "") continue;
      const eq = line.indexOf("=");
      nested.set(index, eq < 0 ? null : { key: pyStrip(line.slice(0, eq)), value: pyStrip(line.slice(eq + 1)) });
      break;
    }
  });
  return { value: null, nested };
}


// JS SDK v3 (parseIni.ts)

const JS_SECTION_TYPES: readonly string[] = ["profile", "sso-session", "services"];
/** `prefixKeyRegex` of parseIni.ts (`[\w-@+.%:/]` is `\w`, `-`, `@`, `+`, `.`, `%`, `:`, `/`). */
const JS_PREFIX_KEY_RE = /^([\w-]+)\s(["'])?([\w@+.%:/-]+)\2$/;
const JS_BLOCKED_NAMES: readonly string[] = ["__proto__", "profile __proto__"];

type JsEvent =
  | { readonly t: "skip" }
  | {
      readonly t: "header";
      readonly sectionName: string;
      /** `currentSection` after the header (undefined: the section's keys are discarded). */
      readonly section: string | undefined;
      /** The regex's type word when it matched. */
      readonly prefix: string | undefined;
    }
  | { readonly t: "key"; readonly key: string; readonly value: string | null }
  | { readonly t: "ignored" };

interface JsResult {
  readonly events: JsEvent[];
  /** parseIni throws on `__proto__`; loadSharedConfigFiles swallows the error and reads the file as empty. */
  readonly rejectedBy: string | undefined;
}

/** `iniLine.split(/(^|\s)[;#]/)[0]` without a regular expression. */
function jsStripComment(line: string): string {
  for (let k = 0; k < line.length; k++) {
    const c = line.charCodeAt(k);
    if ((c === HASH || c === SEMI) && (k === 0 || isJsWs(line.charCodeAt(k - 1)))) return line.slice(0, Math.max(0, k - 1));
  }
  return line;
}

function simulateJs(lines: readonly Line[]): JsResult {
  const events: JsEvent[] = [];
  let rejectedBy: string | undefined;
  let currentSection: string | undefined;
  let currentSubSection: string | undefined;
  for (const line of lines) {
    const iniLine = line.text;
    const trimmedLine = jsStripComment(iniLine).trim();
    if (trimmedLine.startsWith("[") && trimmedLine.endsWith("]") && trimmedLine.length >= 2) {
      currentSection = undefined;
      currentSubSection = undefined;
      const sectionName = trimmedLine.slice(1, -1);
      const matches = JS_PREFIX_KEY_RE.exec(sectionName);
      let prefix: string | undefined;
      if (matches) {
        prefix = matches[1] ?? "";
        if (JS_SECTION_TYPES.includes(prefix)) currentSection = `${prefix}.${matches[3] ?? ""}`;
      } else {
        currentSection = sectionName;
      }
      if (JS_BLOCKED_NAMES.includes(sectionName) && rejectedBy === undefined) rejectedBy = sectionName;
      events.push({ t: "header", sectionName, section: currentSection, prefix });
      continue;
    }
    if (!currentSection) {
      events.push(trimmedLine === "" ? { t: "skip" } : { t: "ignored" });
      continue;
    }
    const eq = trimmedLine.indexOf("=");
    if (eq <= 0) {
      events.push(trimmedLine === "" ? { t: "skip" } : { t: "ignored" });
      continue;
    }
    const name = trimmedLine.slice(0, eq).trim();
    const value = trimmedLine.slice(eq + 1).trim();
    if (value === "") {
      currentSubSection = name;
      events.push({ t: "key", key: name, value: null });
      continue;
    }
    if (currentSubSection && iniLine.trimStart() === iniLine) currentSubSection = undefined;
    events.push({ t: "key", key: currentSubSection ? `${currentSubSection}.${name}` : name, value });
  }
  return { events, rejectedBy };
}


// Go SDK v2 (internal/ini)

type GoEvent =
  | { readonly t: "skip" }
  | { readonly t: "header"; readonly name: string }
  | { readonly t: "property"; readonly key: string }
  | { readonly t: "sub"; readonly key: string; readonly value: string }
  | { readonly t: "cont"; readonly target: number }
  | { readonly t: "ignored" };

interface GoResult {
  readonly events: GoEvent[];
  /** Final string value of every property line (continuation lines appended). */
  readonly values: ReadonlyMap<number, string>;
}

/** `trimProfileComment`: cut at the first `#`, then at the first `;`. */
function goTrimProfileComment(s: string): string {
  let cut = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === HASH || c === SEMI) {
      cut = i;
      break;
    }
  }
  return s.slice(0, cut);
}

/** `trimPropertyComment`: cut at the first of " #", " ;", "\t#", "\t;". */
function goTrimPropertyComment(s: string): string {
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c === HASH || c === SEMI) && isGoLineSpace(s.charCodeAt(i - 1))) return s.slice(0, i - 1);
  }
  return s;
}

/** `splitProperty`: `=` unless a `:` comes first (or there is no `=`). */
function goSplitProperty(s: string): { key: string; value: string } | null {
  const eq = s.indexOf("=");
  const colon = s.indexOf(":");
  const sep = eq === -1 || (colon !== -1 && colon < eq) ? colon : eq;
  if (sep === -1) return null;
  return { key: goTrimSpace(s.slice(0, sep)), value: goTrimSpace(s.slice(sep + 1)) };
}

/**
 * `legacyStrconv` = `unquote`: strip one pair of wrapping `'…'` or `"…"`. (A value that is a single quote
 * character makes the current Go code slice `s[1:0]` and panic; it is left as is here.)
 */
function goUnquote(s: string): string {
  if (s.length >= 2) {
    const q = s.charAt(0);
    if ((q === '"' || q === "'") && s.endsWith(q)) return s.slice(1, -1);
  }
  return s;
}

/** `splitProfile`: type and name split at the first run of spaces/tabs. */
function goSectionName(inner: string): string {
  let first = 0;
  for (let i = 0; i < inner.length; i++) {
    if (isGoLineSpace(inner.charCodeAt(i))) {
      if (first === 0) first = i;
    } else if (first !== 0) {
      return `${inner.slice(0, first)} ${inner.slice(i)}`;
    }
  }
  return first === 0 ? inner : "";
}

function simulateGo(lines: readonly Line[]): GoResult {
  const events: GoEvent[] = [];
  const values = new Map<number, string>();
  let csection = "";
  let ckey = "";
  let ckeyLine = -1;
  let ckeyStr = "";
  let ckeyHasMap = false;

  const handleProperty = (key: string, value: string, index: number): GoEvent => {
    if (csection === "") return { t: "ignored" }; // LEGACY: don't error on "global" properties
    ckey = key;
    ckeyLine = index;
    ckeyStr = value;
    ckeyHasMap = false;
    values.set(index, value);
    return { t: "property", key };
  };

  lines.forEach((line, index) => {
    const raw = line.raw; // Go splits on "\n" only
    const firstNonLineSpace = spanStart(raw, 0, raw.length, isGoLineSpace);
    const leadChar = raw.charCodeAt(firstNonLineSpace);
    if (goTrimSpace(raw) === "" || leadChar === HASH || leadChar === SEMI) {
      events.push({ t: "skip" });
      return;
    }
    const profile = goTrimSpace(goTrimProfileComment(raw));
    if (profile.length >= 2 && profile.startsWith("[") && profile.endsWith("]")) {
      csection = goSectionName(goTrimSpace(profile.slice(1, -1)));
      ckey = "";
      events.push({ t: "header", name: csection });
      return;
    }
    if (!isGoLineSpace(raw.charCodeAt(0))) {
      const prop = goSplitProperty(goTrimRightLineSpace(goTrimPropertyComment(raw)));
      events.push(prop ? handleProperty(goToLower(prop.key), goUnquote(prop.value), index) : { t: "ignored" });
      return;
    }
    const trimmed = goTrimLeftLineSpace(raw);
    const sub = goSplitProperty(trimmed);
    if (sub) {
      const key = goToLower(sub.key);
      const value = goUnquote(sub.value); // comments on sub-properties are included in the value
      if (csection === "") {
        events.push({ t: "ignored" });
      } else if (ckey === "" || ckeyStr !== "") {
        // an "orphaned" sub-property is promoted to a normal property
        events.push(handleProperty(key, goTrimSpace(goTrimPropertyComment(value)), index));
      } else {
        ckeyHasMap = true;
        events.push({ t: "sub", key: `${ckey}.${key}`, value });
      }
      return;
    }
    if (ckey === "" || ckeyStr === "" || ckeyHasMap) {
      events.push({ t: "ignored" });
      return;
    }
    ckeyStr = `${ckeyStr}\n${trimmed}`;
    values.set(ckeyLine, ckeyStr);
    events.push({ t: "cont", target: ckeyLine });
  });
  return { events, values };
}


// Why strings

/** A name or key quoted for a message, shortened so that a pathological line cannot blow up a message. */
function q(s: string): string {
  const short = s.length > 60 ? `${s.slice(0, 57)}…` : s;
  return `\`${short.replace(/[\r\n]/g, " ")}\``;
}

function hex(c: number): string {
  return `U+${c.toString(16).toUpperCase().padStart(4, "0")}`;
}

function invisibleStart(c: number): string {
  return c === BOM ? "starts with an invisible byte-order mark (U+FEFF)" : `starts with the invisible character ${hex(c)}`;
}

interface Effect {
  readonly one: string;
  readonly many: string;
}

const effect = (one: string, many: string): Effect => ({ one, many });
const SKIPS = effect("skips the line", "skip the line");
const FAILS = effect("fails to read the whole file", "fail to read the whole file");
const readsKey = (key: string): Effect =>
  key === ""
    ? effect("reads it as a key with an empty name", "read it as a key with an empty name")
    : effect(`reads it as the key ${q(key)}`, `read it as the key ${q(key)}`);
const appendsTo = (key: string): Effect =>
  effect(`appends it to the value of ${q(key)}`, `append it to the value of ${q(key)}`);

function describeEffects(primary: string, botocore: Effect, js: Effect, go: Effect): string {
  if (botocore.one === js.one && js.one === go.one) return `${primary}: all three SDKs ${botocore.many}`;
  if (js.one === go.one) return `${primary}: botocore ${botocore.one}, the JS and Go SDKs ${js.many}`;
  if (botocore.one === go.one) return `${primary}: botocore and the Go SDK ${botocore.many}, the JS SDK ${js.one}`;
  if (botocore.one === js.one) return `${primary}: botocore and the JS SDK ${botocore.many}, the Go SDK ${go.one}`;
  return `${primary}: botocore ${botocore.one}, the JS SDK ${js.one}, the Go SDK ${go.one}`;
}

const ignored = (why: string): SectionReading => ({ kind: "ignored", why });


// The neutral structure

interface EntryDraft {
  readonly lineIndex: number;
  readonly key: Located;
  readonly delimiter: Located;
  readonly rawValue: Located;
  readonly intended: Located;
  readonly inlineComment: IniComment | undefined;
  readonly quote: '"' | "'" | undefined;
  readonly line: Range;
  readonly children: EntryDraft[];
}

interface SectionDraft {
  readonly lineIndex: number;
  readonly header: Located;
  readonly inner: string;
  readonly innerRange: Range;
  readonly headerStart: number;
  /** Index of the closing `]` in the line text. */
  readonly close: number;
  readonly entries: EntryDraft[];
  lastEnd: number;
}

interface BadDraft {
  readonly lineIndex: number;
  readonly line: Range;
  readonly text: string;
  readonly primary: string;
}

class Reader {
  private readonly lines: Line[];
  private readonly py: PyResult;
  private readonly pyValues: PyOptionValue[];
  private readonly js: JsResult;
  private readonly go: GoResult;
  private readonly sections: SectionDraft[] = [];
  private readonly orphans: EntryDraft[] = [];
  private readonly bad: BadDraft[] = [];

  constructor(
    private readonly file: SourceFile,
    private readonly fileKind: AwsIniFileKind,
  ) {
    this.lines = splitLines(file);
    this.py = simulateBotocore(this.lines);
    this.pyValues = this.py.options.map(finishBotocoreOption);
    this.js = simulateJs(this.lines);
    this.go = simulateGo(this.lines);
  }

  read(): IniDocument {
    this.buildStructure();
    return {
      file: this.file,
      fileKind: this.fileKind,
      sections: this.sections.map((s) => this.finishSection(s)),
      orphanEntries: this.orphans.map((e) => this.finishEntry(e)),
      badLines: this.bad.map((b) => this.finishBad(b)),
    };
  }

  private located(start: number, end: number): Located {
    return { text: this.file.text.slice(start, end), range: rangeOf(this.file, start, end) };
  }

  // -- structure ------------------------------------------------------------------------------------------------

  /**
   * Sections, entries, children and bad lines. Membership follows configparser's indentation rule (a line
   * indented deeper than the last key line belongs to that key), which is also where the JS and Go readers
   * look for nested keys; a line that any reader takes for a header is a header.
   */
  private buildStructure(): void {
    let section: SectionDraft | undefined;
    let owner: EntryDraft | undefined;
    let indentLevel = 0;
    this.lines.forEach((line, index) => {
      const t = line.text;
      const ls = spanStart(t, 0, t.length, isBlank);
      // The line ends where botocore strips it: a trailing U+FEFF or U+200B stays part of the value.
      const le = spanEnd(t, ls, t.length, isPyWs);
      if (ls === le) return; // blank line
      const lineRange = rangeOf(this.file, line.start + ls, line.start + le);
      const addBad = (primary: string): void => {
        this.bad.push({ lineIndex: index, line: lineRange, text: t.slice(ls, le), primary });
      };
      if (line.hasInnerCr) {
        addBad("contains a carriage return (CR) inside the line");
        return;
      }
      const first = t.charCodeAt(ls);
      if (first === HASH || first === SEMI) return; // full-line comment
      const indent = spanStart(t, 0, t.length, isPyWs);
      const deeper = owner !== undefined && indent > indentLevel;

      const close = first === LBRACKET ? findHeaderClose(t, ls, le) : -1;
      if (close > 0) {
        const headerStart = line.start + ls;
        const closeOffset = line.start + close;
        section = {
          lineIndex: index,
          header: this.located(headerStart, closeOffset + 1),
          inner: t.slice(ls + 1, close),
          innerRange: rangeOf(this.file, headerStart + 1, closeOffset),
          headerStart,
          close,
          entries: [],
          lastEnd: closeOffset + 1,
        };
        this.sections.push(section);
        owner = undefined;
        indentLevel = indent;
        return;
      }

      const delim = findDelimiter(t, ls, le);
      if (deeper && owner !== undefined) {
        if (owner.rawValue.text !== "") {
          addBad("is an indented continuation line");
        } else if (t.includes("=")) {
          const child = this.entryDraft(line, index, ls, le, delim);
          if (child === undefined) addBad("is an indented line with an empty key");
          else {
            owner.children.push(child);
            if (section !== undefined) section.lastEnd = Math.max(section.lastEnd, line.start + le);
          }
        } else {
          addBad(
            delim >= 0
              ? "is a nested `key: value` line (nested lines need `=`)"
              : "is an indented line without `=` under an empty value",
          );
        }
        return;
      }
      indentLevel = indent;
      if (delim < 0) {
        // configparser keeps the current option after a bad line
        addBad(first === LBRACKET ? "is not a section header (no closing `]`)" : "has no `=` or `:`");
        return;
      }
      const entry = this.entryDraft(line, index, ls, le, delim);
      if (entry === undefined) {
        addBad("has an empty key");
        owner = undefined;
        return;
      }
      if (section === undefined) {
        this.orphans.push(entry);
        owner = undefined;
        return;
      }
      section.entries.push(entry);
      section.lastEnd = Math.max(section.lastEnd, line.start + le);
      owner = entry;
    });
  }

  private entryDraft(
    line: Line,
    lineIndex: number,
    ls: number,
    le: number,
    delim: number,
  ): EntryDraft | undefined {
    const t = line.text;
    const base = line.start;
    const ks = spanStart(t, ls, delim, isBlank);
    const ke = spanEnd(t, ks, delim, isBlank);
    if (ks === ke) return undefined;
    // The value exactly as botocore strips it (Python whitespace: a trailing U+FEFF or U+200B stays).
    const vs = spanStart(t, delim + 1, le, isPyWs);
    const ve = spanEnd(t, vs, le, isPyWs);

    // Inline comment: the first `#`/`;` at the value start or after a blank; else the first one anywhere
    // (where the pre-2023-11 Go reader cut the value, and where a reader that cuts anywhere would).
    let markerAt = -1;
    let afterWhitespace = false;
    for (let i = vs; i < ve; i++) {
      const c = t.charCodeAt(i);
      if (c !== HASH && c !== SEMI) continue;
      if (i === vs || isBlank(t.charCodeAt(i - 1))) {
        markerAt = i;
        afterWhitespace = true;
        break;
      }
      if (markerAt < 0) markerAt = i;
    }
    const comment: IniComment | undefined =
      markerAt < 0
        ? undefined
        : { marker: t.charAt(markerAt), range: rangeOf(this.file, base + markerAt, base + ve), afterWhitespace };

    let is = vs === ve ? delim + 1 : vs;
    let ie = vs === ve ? delim + 1 : afterWhitespace ? spanEnd(t, vs, markerAt, isBlank) : ve;
    let quote: '"' | "'" | undefined;
    const qc = t.charAt(is);
    if (ie - is >= 2 && (qc === '"' || qc === "'") && t.charAt(ie - 1) === qc) {
      quote = qc;
      is++;
      ie--;
    }
    return {
      lineIndex,
      key: this.located(base + ks, base + ke),
      delimiter: this.located(base + delim, base + delim + 1),
      rawValue: vs === ve ? this.located(base + delim + 1, base + delim + 1) : this.located(base + vs, base + ve),
      intended: this.located(base + is, base + ie),
      inlineComment: comment,
      quote,
      line: rangeOf(this.file, base + ls, base + le),
      children: [],
    };
  }

  // -- readings -------------------------------------------------------------------------------------------------

  private botocoreReading(index: number): SdkReading {
    const ev = this.py.events[index];
    if (ev?.t === "option") {
      const option = this.py.options[ev.opt];
      const value = this.pyValues[ev.opt];
      if (option !== undefined && value !== undefined) return { key: option.key, value: value.value };
    }
    if (ev?.t === "cont") {
      const option = this.py.options[ev.opt];
      const child = this.pyValues[ev.opt]?.nested.get(ev.piece);
      if (option !== undefined && child) return { key: `${option.key}.${child.key}`, value: child.value };
    }
    return { key: null, value: null };
  }

  private jsReading(index: number): SdkReading {
    const ev = this.js.events[index];
    if (this.js.rejectedBy === undefined && ev?.t === "key") return { key: ev.key, value: ev.value };
    return { key: null, value: null };
  }

  private goReading(index: number): SdkReading {
    const ev = this.go.events[index];
    if (ev?.t === "property") return { key: ev.key, value: this.go.values.get(index) ?? "" };
    if (ev?.t === "sub") return { key: ev.key, value: ev.value };
    return { key: null, value: null };
  }

  private finishEntry(draft: EntryDraft): IniEntry {
    const readings: Record<Sdk, SdkReading> = {
      botocore: this.botocoreReading(draft.lineIndex),
      js: this.jsReading(draft.lineIndex),
      go: this.goReading(draft.lineIndex),
    };
    const entry: IniEntry = {
      key: draft.key,
      delimiter: draft.delimiter,
      rawValue: draft.rawValue,
      intended: draft.intended,
      ...(draft.inlineComment ? { inlineComment: draft.inlineComment } : {}),
      ...(draft.quote ? { quote: draft.quote } : {}),
      line: draft.line,
      children: draft.children.map((c) => this.finishEntry(c)),
      readings,
    };
    return entry;
  }

  // -- bad lines ------------------------------------------------------------------------------------------------

  private botocoreEffect(index: number): Effect {
    const ev = this.py.events[index];
    switch (ev?.t) {
      case "cont": {
        const option = this.py.options[ev.opt];
        const value = this.pyValues[ev.opt];
        const key = option?.key ?? "";
        if (value?.value === null) {
          const child = value.nested.get(ev.piece);
          return child ? readsKey(`${key}.${child.key}`) : FAILS;
        }
        return appendsTo(key);
      }
      case "option": {
        const option = this.py.options[ev.opt];
        return readsKey(option?.key ?? "");
      }
      case "header":
        return effect(`reads it as the header ${q(`[${ev.name}]`)}`, `read it as the header ${q(`[${ev.name}]`)}`);
      case "noSection":
      case "error":
        return FAILS;
      case "multi":
        return ev.fails
          ? effect("reads it as several lines and fails to read the whole file", "read it as several lines and fail to read the whole file")
          : effect("reads it as several lines", "read it as several lines");
      default:
        return SKIPS;
    }
  }

  private jsEffect(index: number): Effect {
    if (this.js.rejectedBy !== undefined) return effect("reads nothing from the file", "read nothing from the file");
    const ev = this.js.events[index];
    if (ev?.t === "key") return readsKey(ev.key);
    if (ev?.t === "header") return effect("reads it as a section header", "read it as a section header");
    return SKIPS;
  }

  private goEffect(index: number): Effect {
    const ev = this.go.events[index];
    switch (ev?.t) {
      case "property":
        return readsKey(ev.key);
      case "sub":
        return readsKey(ev.key);
      case "cont": {
        const target = this.go.events[ev.target];
        return appendsTo(target?.t === "property" ? target.key : "");
      }
      case "header":
        return effect("reads it as a section header", "read it as a section header");
      default:
        return SKIPS;
    }
  }

  private finishBad(draft: BadDraft): IniBadLine {
    const i = draft.lineIndex;
    return {
      line: draft.line,
      text: draft.text,
      why: describeEffects(draft.primary, this.botocoreEffect(i), this.jsEffect(i), this.goEffect(i)),
    };
  }

  // -- sections -------------------------------------------------------------------------------------------------

  private finishSection(draft: SectionDraft): IniSection {
    const i = draft.lineIndex;
    return {
      header: draft.header,
      inner: draft.inner,
      innerRange: draft.innerRange,
      readings: {
        botocore: this.botocoreSection(i),
        js: this.jsSection(i, draft.close),
        go: this.goSection(i, draft.close),
      },
      entries: draft.entries.map((e) => this.finishEntry(e)),
      range: rangeOf(this.file, draft.headerStart, Math.max(draft.lastEnd, draft.headerStart)),
    };
  }

  /** Why a reader does not see a header on a line that looks like one (`close`: the `]` this reader chose). */
  private notHeaderReason(index: number, close: number, sdk: "js" | "go"): string {
    const t = this.lines[index]?.text ?? "";
    const start = spanStart(t, 0, t.length, sdk === "js" ? isJsWs : isGoWs);
    if (t.charCodeAt(start) !== LBRACKET) return invisibleStart(t.charCodeAt(start));
    const cut = sdk === "js" ? jsStripComment(t).length : goTrimProfileComment(t).length;
    if (cut < close) {
      return sdk === "js"
        ? "has a `#` or `;` after a space inside the brackets, where the JS SDK starts a comment"
        : "has a `#` or `;` inside the brackets, where the Go SDK starts a comment";
    }
    return sdk === "js" ? "has text after `]` (the JS SDK needs a space before a `#` or `;` comment)" : "has text after `]`";
  }

  private botocoreSection(index: number): SectionReading {
    const ev = this.py.events[index];
    if (ev?.t === "option") return ignored("is read by botocore as a key line, not as a header");
    if (ev?.t === "header") {
      return this.fileKind === "credentials"
        ? ev.name === "DEFAULT"
          ? { kind: "defaults" }
          : { kind: "profile", name: ev.name }
        : botocoreConfigSection(ev.name);
    }
    if (ev?.t === "cont") {
      const key = this.py.options[ev.opt]?.key ?? "";
      return ignored(`is indented under ${q(key)}: botocore reads the line as part of that value, not as a header`);
    }
    if (ev?.t === "multi") return ignored("contains a carriage return (CR): botocore splits the line there");
    const t = this.lines[index]?.text ?? "";
    const start = spanStart(t, 0, t.length, isPyWs);
    if (t.charCodeAt(start) !== LBRACKET) {
      return ignored(`${invisibleStart(t.charCodeAt(start))}: botocore does not read it as a header and fails to read the whole file`);
    }
    return ignored("has an empty name: botocore fails to read the whole file");
  }

  private jsSection(index: number, close: number): SectionReading {
    if (this.js.rejectedBy !== undefined) {
      return ignored(`the JS SDK reads nothing from this file: it rejects the section name ${q(this.js.rejectedBy)}`);
    }
    const ev = this.js.events[index];
    if (ev?.t !== "header") {
      return ignored(`${this.notHeaderReason(index, close, "js")}: the JS SDK does not read it as a header and reads the keys below as part of the section before it (if any)`);
    }
    const section = ev.section;
    if (section === undefined) {
      const prefix = ev.prefix ?? "";
      return ignored(
        this.fileKind === "credentials"
          ? `is dropped with all its keys by the JS SDK: it reads a name with a space as \`type name\`, and ${q(prefix)} is not a type it knows`
          : `is dropped with all its keys by the JS SDK: ${q(prefix)} is not a section type it knows (\`profile\`, \`sso-session\`, \`services\`; case-sensitive)`,
      );
    }
    if (section === "") return ignored("has an empty name: the JS SDK ignores its keys");
    if (this.fileKind === "credentials") return { kind: "profile", name: section };
    // getConfigData: keep `type.name` sections of a known type, plus `default`.
    const dot = section.indexOf(".");
    if (dot >= 0) {
      const type = section.slice(0, dot);
      const name = section.slice(dot + 1);
      if (type === "profile") return { kind: "profile", name };
      if (type === "sso-session") return { kind: "sso-session", name };
      if (type === "services") return { kind: "services", name };
    }
    if (section === "default") return { kind: "profile", name: "default" };
    return ignored(jsConfigWhy(ev.sectionName));
  }

  private goSection(index: number, close: number): SectionReading {
    const ev = this.go.events[index];
    if (ev?.t !== "header") {
      return ignored(`${this.notHeaderReason(index, close, "go")}: the Go SDK does not read it as a header and reads the keys below as part of the section before it (if any)`);
    }
    const name = ev.name;
    if (name === "") return ignored("has an empty name: the Go SDK ignores its keys");
    if (this.fileKind === "credentials") {
      if (name.startsWith("profile ")) {
        return ignored("is ignored by the Go SDK: a profile with the `profile ` prefix is invalid in the credentials file");
      }
      return { kind: "profile", name };
    }
    if (name.startsWith("profile ")) return { kind: "profile", name: name.slice("profile ".length) };
    if (name.startsWith("sso-session ")) return { kind: "sso-session", name: name.slice("sso-session ".length) };
    if (name.startsWith("services ")) return { kind: "services", name: name.slice("services ".length) };
    // `strings.EqualFold(section, "default")` keeps `[DEFAULT]`/`[Default]` under its own spelling; profile
    // lookup is an exact map lookup, so it is a profile named `DEFAULT`, not the default profile.
    if (name.toLowerCase() === "default") return { kind: "profile", name };
    return ignored("is ignored by the Go SDK: in the config file a non-default profile needs the `profile ` prefix");
  }
}

function botocoreConfigSection(name: string): SectionReading {
  if (name === "DEFAULT") return { kind: "defaults" };
  const kinds = [
    ["profile", "profile"],
    ["sso-session", "sso-session"],
    ["services", "services"],
  ] as const;
  for (const [prefix, kind] of kinds) {
    if (!name.startsWith(prefix)) continue;
    const parts = shlexSplit(name);
    if (parts === null) return ignored("is dropped by botocore: the name has an unbalanced quote or a trailing backslash");
    const second = parts[1];
    if (parts.length === 2 && second !== undefined) return { kind, name: second };
    return ignored(`is dropped by botocore: it needs exactly two words, \`${prefix} NAME\` (quote a name that contains spaces)`);
  }
  if (name === "default") return { kind: "profile", name: "default" };
  const stripped = pyStrip(name);
  if (stripped !== name && (stripped === "default" || /^(?:profile|sso-session|services)[ \t]/.test(stripped))) {
    return ignored("is not a profile for botocore: the spaces inside the brackets are kept in the name");
  }
  const lower = name.toLowerCase();
  if (lower === "default") return ignored("is not the default profile for botocore: `default` is case-sensitive");
  if (/^(?:profile|sso-session|services)/.test(lower)) {
    return ignored("is not a profile for botocore: the `profile` prefix is case-sensitive");
  }
  return ignored("is not a profile for botocore: in the config file a named profile needs the `profile ` prefix");
}

function jsConfigWhy(sectionName: string): string {
  const trimmed = sectionName.trim();
  if (trimmed !== sectionName && (trimmed === "default" || /^(?:profile|sso-session|services)\s/.test(trimmed))) {
    return "is not a profile for the JS SDK: the spaces inside the brackets are kept in the name";
  }
  const typed = /^(profile|sso-session|services)\s/.exec(sectionName);
  if (typed) {
    const what = typed[1] === "profile" ? "a profile" : typed[1] === "sso-session" ? "an sso-session" : "a services section";
    return `is not ${what} for the JS SDK: it needs exactly one space after \`${typed[1] ?? ""}\` and a name made only of letters, digits and \`_-@+.%:/\` (optionally quoted)`;
  }
  if (sectionName.toLowerCase() === "default") return "is not the default profile for the JS SDK: `default` is case-sensitive";
  return "is not a profile for the JS SDK: in the config file a named profile needs the `profile ` prefix";
}

/**
 * The `]` that closes a header starting at `ls`: the first `]` followed only by blanks or a comment, else the
 * last `]` (botocore's greedy `\[(?P<header>.+)\]`). -1 when there is none.
 */
function findHeaderClose(t: string, ls: number, le: number): number {
  let last = -1;
  for (let p = ls + 1; p < le; p++) {
    if (t.charCodeAt(p) !== RBRACKET) continue;
    last = p;
    const after = spanStart(t, p + 1, le, isBlank);
    const c = t.charCodeAt(after);
    if (after === le || c === HASH || c === SEMI) return p;
  }
  return last;
}

/** The first `=` or `:` (configparser's and Go's delimiter rule). */
function findDelimiter(t: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const c = t.charCodeAt(i);
    if (c === EQUALS || c === COLON) return i;
  }
  return -1;
}

/**
 * Read an AWS shared `config` or `credentials` file. Never throws: anything that is not a header, a key line,
 * a comment or a blank line becomes a bad line, and key lines before the first header become orphan entries.
 */
export function parseAwsIni(file: SourceFile, fileKind: AwsIniFileKind): IniDocument {
  return new Reader(file, fileKind).read();
}
