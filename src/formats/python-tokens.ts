/**
 * An exact Python tokenizer for the Python reader (./python.ts), with offsets into the text: names, numbers,
 * strings (every prefix — `r b u f t` and their two-letter mixes, in any case — in all four quotes, with
 * escapes, and f-strings read to their end through nested replacement fields and strings, PEP 701 style),
 * operators with bracket matching, comments, and logical line ends (not inside brackets, not after a
 * backslash continuation). Each token carries the column of its logical line's first token, which stands in
 * for INDENT/DEDENT; blank and comment-only lines end no logical line, as in Python's own tokenizer.
 *
 * It never throws and never loops: an unterminated single-quoted string ends at the end of its line, a
 * triple-quoted one at the end of the text; a character Python does not know becomes a one-character `op`;
 * f-strings nested deeper than `MAX_NESTING` are read as plain strings. Every character is looked at a
 * bounded number of times, so it runs in linear time.
 *
 * Deliberately simplified: a tab counts as one column (only "deeper or not" is asked of indents); a
 * replacement field of a single-quoted f-string ends at its line's end (Python 3.12 lets it span lines), and
 * a quote in it with no partner later on the line ends the f-string (`f"{x"` is read as Python 3.11 would);
 * mismatched brackets (`(]`) leave the closer unmatched rather than failing.
 */

export type PyTokenKind = "name" | "number" | "string" | "op" | "comment" | "newline";

export interface PyStringInfo {
  /** The body, between the quotes (to the end of the token when unterminated). */
  readonly bodyStart: number;
  readonly bodyEnd: number;
  readonly raw: boolean;
  readonly bytes: boolean;
  /** An f-string or t-string. */
  readonly formatted: boolean;
  /** Whether a formatted string holds a `{replacement field}` (`{{` and `}}` are escaped braces). */
  readonly placeholders: boolean;
  readonly terminated: boolean;
}

const KINDS: readonly PyTokenKind[] = ["name", "number", "string", "op", "comment", "newline"];
const KIND_CODE: Readonly<Record<PyTokenKind, number>> = { name: 0, number: 1, string: 2, op: 3, comment: 4, newline: 5 };

/**
 * The tokens of a text, as parallel typed arrays rather than one object per token: a 1 MB file has some
 * 300,000 tokens, and objects for them cost more in garbage collection than the tokenizing itself. Indices
 * out of range read as no token (`kind` undefined, offsets -1).
 */
export class PyTokens {
  constructor(
    readonly count: number,
    private readonly kinds: Uint8Array,
    private readonly starts: Int32Array,
    private readonly ends: Int32Array,
    /** Column (0-based, in UTF-16 units) of the first token of each token's logical line. */
    private readonly indents: Int32Array,
    private readonly matches: Int32Array,
    private readonly strings: ReadonlyMap<number, PyStringInfo>,
  ) {}

  kind(i: number): PyTokenKind | undefined {
    return i >= 0 && i < this.count ? KINDS[this.kinds[i] ?? 0] : undefined;
  }

  start(i: number): number {
    return i >= 0 && i < this.count ? (this.starts[i] ?? -1) : -1;
  }

  end(i: number): number {
    return i >= 0 && i < this.count ? (this.ends[i] ?? -1) : -1;
  }

  indent(i: number): number {
    return i >= 0 && i < this.count ? (this.indents[i] ?? 0) : 0;
  }

  /** For a bracket, the index of its partner; -1 when it has none or is no bracket. */
  match(i: number): number {
    return i >= 0 && i < this.count ? (this.matches[i] ?? -1) : -1;
  }

  /** What a string token is made of. */
  string(i: number): PyStringInfo | undefined {
    return this.strings.get(i);
  }
}

/** Nested f-strings deeper than this are read as plain strings (CPython stops at 150; real code uses 2). */
const MAX_NESTING = 32;

/** The longest Unicode character name is 88 characters (`\N{…}` escapes). */
const MAX_CHAR_NAME = 100;

/** The characters that start an operator longer than one character. */
const LONG_OPERATOR_START = new Set([..."*/<>.=!-+%&|^@:"].map((c) => c.charCodeAt(0)));
/** `*`, `/`, `<`, `>`: doubled they are `**`, `//`, `<<`, `>>`, and take an `=` after that. */
const DOUBLING = new Set([42, 47, 60, 62]);
/** Each closing bracket's opener, by character code: `)` → `(`, `]` → `[`, `}` → `{`. */
const OPENER_OF: ReadonlyMap<number, number> = new Map([
  [41, 40],
  [93, 91],
  [125, 123],
]);

/** Valid string prefixes, lower case (Python 3, plus Python 2's `ur`). */
const PREFIXES = new Set(["r", "u", "b", "f", "t", "br", "rb", "fr", "rf", "tr", "rt", "ur"]);

const NUMBER = /0[xX](?:_?[0-9a-fA-F])+[lL]?|0[oO](?:_?[0-7])+[lL]?|0[bB](?:_?[01])+[lL]?|(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?[jJlL]?/y;
const NAME_REST = /[\p{ID_Continue}\u00B7\u2118\u212E\u309B\u309C]*/uy;
const NAME_START = /[\p{ID_Start}_\u2118\u212E\u309B\u309C]/u;

function isAsciiNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isAsciiNameChar(c: number): boolean {
  return isAsciiNameStart(c) || (c >= 48 && c <= 57);
}

function isNewline(c: number): boolean {
  return c === 10 || c === 13;
}

/** The end of a name starting at `i` (which starts one): an ASCII run, then Unicode identifier characters. */
function nameEnd(text: string, i: number): number {
  let j = i;
  while (j < text.length && isAsciiNameChar(text.charCodeAt(j))) j++;
  if (j < text.length && text.charCodeAt(j) >= 0x80) {
    NAME_REST.lastIndex = j;
    NAME_REST.test(text);
    j = NAME_REST.lastIndex;
  }
  return j;
}

function startsName(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (isAsciiNameStart(c)) return true;
  if (c < 0x80) return false;
  const cp = text.codePointAt(i) ?? 0;
  return NAME_START.test(String.fromCodePoint(cp));
}

interface Scanned {
  end: number;
  bodyStart: number;
  bodyEnd: number;
  terminated: boolean;
  placeholders: boolean;
}

/** Reads strings, f-strings and their replacement fields; `nesting` counts f-string levels. */
class StringScanner {
  constructor(private readonly text: string) {}

  /** A string whose opening quote is at `q`: returns where it ends. */
  scan(q: number, raw: boolean, formatted: boolean, nesting: number): Scanned {
    const text = this.text;
    const quote = text.charCodeAt(q);
    const triple = text.charCodeAt(q + 1) === quote && text.charCodeAt(q + 2) === quote;
    const bodyStart = q + (triple ? 3 : 1);
    const state: Scanned = { end: text.length, bodyStart, bodyEnd: text.length, terminated: false, placeholders: false };
    const fields = formatted && nesting < MAX_NESTING;
    let i = bodyStart;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 92 /* \ */) {
        i = this.escapeEnd(i, raw, fields);
        continue;
      }
      if (c === quote && (!triple || (text.charCodeAt(i + 1) === quote && text.charCodeAt(i + 2) === quote))) {
        return { end: i + (triple ? 3 : 1), bodyStart, bodyEnd: i, terminated: true, placeholders: state.placeholders };
      }
      if (!triple && isNewline(c)) return { end: i, bodyStart, bodyEnd: i, terminated: false, placeholders: state.placeholders };
      if (fields && c === 123 /* { */) {
        if (text.charCodeAt(i + 1) === 123) {
          i += 2;
          continue;
        }
        state.placeholders = true;
        i = this.field(i + 1, quote, triple, nesting);
        continue;
      }
      i++;
    }
    return state;
  }

  /** Past a backslash escape at `i`. In an f-string a brace after it keeps its meaning; `\N{…}` is one escape. */
  private escapeEnd(i: number, raw: boolean, fields: boolean): number {
    const text = this.text;
    const next = text.charCodeAt(i + 1);
    if (next === 13 && text.charCodeAt(i + 2) === 10) return i + 3;
    if (fields && (next === 123 || next === 125)) return i + 1;
    if (fields && !raw && next === 78 /* N */ && text.charCodeAt(i + 2) === 123) {
      // Unicode character names are short: the search is bounded, so a run of `\N{` stays linear.
      const close = text.slice(i + 3, i + 3 + MAX_CHAR_NAME).search(/[}\r\n]/);
      return close !== -1 && text.charCodeAt(i + 3 + close) === 125 ? i + 4 + close : i + 2;
    }
    return Math.min(i + 2, text.length);
  }

  private lineEnd(i: number): number {
    const n = this.text.indexOf("\n", i);
    return n === -1 ? this.text.length : n;
  }

  /**
   * A replacement field whose expression starts at `i` (after `{`): returns the offset after its `}`, or the
   * offset of the enclosing string's end (its quote, or a line end for a single-quoted string) when the field
   * is cut short.
   */
  private field(i: number, quote: number, triple: boolean, nesting: number): number {
    const text = this.text;
    let depth = 0;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 34 || c === 39) {
        // PEP 701: a string inside the expression, even in the enclosing string's own quote.
        if (c === quote && !triple && this.closesEnclosing(i, quote)) return i;
        i = this.scan(i, false, false, nesting + 1).end;
        continue;
      }
      if (isAsciiNameStart(c)) {
        const end = nameEnd(text, i);
        const prefix = text.slice(i, end).toLowerCase();
        const after = text.charCodeAt(end);
        if ((after === 34 || after === 39) && PREFIXES.has(prefix)) {
          i = this.scan(end, prefix.includes("r"), prefix.includes("f") || prefix.includes("t"), nesting + 1).end;
        } else i = end;
        continue;
      }
      if (isNewline(c) && !triple) return i;
      if (c === 35 /* # */) {
        i = this.lineEnd(i);
        continue;
      }
      if (c === 92) {
        i = Math.min(i + 2, text.length);
        continue;
      }
      if (c === 40 || c === 91 || c === 123) depth++;
      else if ((c === 41 || c === 93) && depth > 0) depth--;
      else if (c === 125 /* } */) {
        if (depth === 0) return i + 1;
        depth--;
      } else if (c === 58 /* : */ && depth === 0) return this.formatSpec(i + 1, quote, triple, nesting);
      i++;
    }
    return i;
  }

  /**
   * Whether a quote inside a single-quoted f-string's field ends the f-string rather than opening a nested
   * string: it does when the rest of the line holds no partner for it (an unterminated `f"{x"`).
   */
  private closesEnclosing(i: number, quote: number): boolean {
    const line = this.lineEnd(i);
    const next = this.text.indexOf(String.fromCharCode(quote), i + 1);
    return next === -1 || next >= line;
  }

  /** The format spec after `:` in a field: literal text with nested fields, up to the field's `}`. */
  private formatSpec(i: number, quote: number, triple: boolean, nesting: number): number {
    const text = this.text;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 125) return i + 1;
      if (c === quote || (isNewline(c) && !triple)) return i;
      if (c === 123) {
        i = this.field(i + 1, quote, triple, nesting + 1);
        continue;
      }
      i += c === 92 ? 2 : 1;
    }
    return Math.min(i, text.length);
  }
}

/** Growable parallel arrays for the tokens being read. */
class TokenArrays {
  count = 0;
  kinds: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  indents: Int32Array;
  matches: Int32Array;
  readonly strings = new Map<number, PyStringInfo>();

  constructor(capacity: number) {
    this.kinds = new Uint8Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.indents = new Int32Array(capacity);
    this.matches = new Int32Array(capacity);
  }

  push(kind: PyTokenKind, start: number, end: number, indent: number): number {
    if (this.count === this.kinds.length) this.grow();
    const i = this.count++;
    this.kinds[i] = KIND_CODE[kind];
    this.starts[i] = start;
    this.ends[i] = end;
    this.indents[i] = indent;
    this.matches[i] = -1;
    return i;
  }

  private grow(): void {
    const size = this.kinds.length * 2;
    const widen = <T extends Uint8Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.kinds = widen(this.kinds, (n) => new Uint8Array(n));
    this.starts = widen(this.starts, (n) => new Int32Array(n));
    this.ends = widen(this.ends, (n) => new Int32Array(n));
    this.indents = widen(this.indents, (n) => new Int32Array(n));
    this.matches = widen(this.matches, (n) => new Int32Array(n));
  }

  done(): PyTokens {
    return new PyTokens(this.count, this.kinds, this.starts, this.ends, this.indents, this.matches, this.strings);
  }
}

class Tokenizer {
  readonly tokens: TokenArrays;
  private readonly strings: StringScanner;
  private readonly stack: number[] = [];
  private lineStart = 0;
  /** The indent of the logical line being read; -1 before its first token. */
  private indent = -1;

  constructor(
    private readonly text: string,
    private readonly comments: boolean,
  ) {
    this.strings = new StringScanner(text);
    // About one token per four characters of code; the arrays double when that is too few.
    this.tokens = new TokenArrays(Math.max(64, text.length >> 2));
  }

  run(): void {
    const text = this.text;
    let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 12) i++;
      else if (isNewline(c)) i = this.newline(i);
      else if (c === 35) i = this.comment(i);
      else if (c === 92 && isNewline(text.charCodeAt(i + 1))) i = this.continuation(i);
      else if (c === 34 || c === 39) i = this.string(i, i, "");
      else if (startsName(text, i)) i = this.name(i);
      else if ((c >= 48 && c <= 57) || (c === 46 && text.charCodeAt(i + 1) >= 48 && text.charCodeAt(i + 1) <= 57)) i = this.number(i);
      else i = this.operator(i);
    }
    if (this.indent !== -1) this.push("newline", text.length, text.length);
  }

  private push(kind: PyTokenKind, start: number, end: number, string?: PyStringInfo): void {
    if (kind === "comment" && !this.comments) return;
    if (kind !== "comment" && kind !== "newline" && this.indent === -1) this.indent = start - this.lineStart;
    const i = this.tokens.push(kind, start, end, Math.max(this.indent, 0));
    if (string) this.tokens.strings.set(i, string);
    if (kind === "newline") this.indent = -1;
  }

  /** A line end: it ends the logical line unless inside brackets or on a line without tokens. */
  private newline(i: number): number {
    const end = this.text.charCodeAt(i) === 13 && this.text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
    if (this.stack.length === 0 && this.indent !== -1) this.push("newline", i, end);
    this.lineStart = end;
    return end;
  }

  private continuation(i: number): number {
    const end = this.text.charCodeAt(i + 1) === 13 && this.text.charCodeAt(i + 2) === 10 ? i + 3 : i + 2;
    this.lineStart = end;
    return end;
  }

  private comment(i: number): number {
    let end = i;
    while (end < this.text.length && !isNewline(this.text.charCodeAt(end))) end++;
    this.push("comment", i, end);
    return end;
  }

  /** Tracks the physical lines a multi-line token crosses, so that the next logical line's indent is right. */
  private crossLines(start: number, end: number): void {
    const text = this.text;
    for (let k = end - 1; k >= start; k--) {
      const c = text.charCodeAt(k);
      if (isNewline(c)) {
        this.lineStart = k + 1;
        return;
      }
    }
  }

  /** A string token from `start`, its prefix (lower case) before the quote at `q`. */
  private string(start: number, q: number, prefix: string): number {
    const raw = prefix.includes("r");
    const formatted = prefix.includes("f") || prefix.includes("t");
    const s = this.strings.scan(q, raw, formatted, 0);
    this.push("string", start, s.end, {
      bodyStart: Math.min(s.bodyStart, s.bodyEnd),
      bodyEnd: s.bodyEnd,
      raw,
      bytes: prefix.includes("b"),
      formatted,
      placeholders: s.placeholders,
      terminated: s.terminated,
    });
    this.crossLines(start, s.end);
    return Math.max(s.end, q + 1);
  }

  private name(i: number): number {
    const end = nameEnd(this.text, i);
    const after = this.text.charCodeAt(end);
    const prefix = end - i <= 2 ? this.text.slice(i, end).toLowerCase() : "";
    if ((after === 34 || after === 39) && PREFIXES.has(prefix)) return this.string(i, end, prefix);
    // A lone non-ASCII character that starts a name but has no continuation still advances.
    const stop = Math.max(end, i + 1);
    this.push("name", i, stop);
    return stop;
  }

  private number(i: number): number {
    NUMBER.lastIndex = i;
    const end = NUMBER.test(this.text) ? NUMBER.lastIndex : i + 1;
    this.push("number", i, end);
    return end;
  }

  private operator(i: number): number {
    const c = this.text.charCodeAt(i);
    const end = i + this.operatorLength(i, c);
    const index = this.tokens.count;
    this.push("op", i, end);
    if (c === 40 || c === 91 || c === 123) this.stack.push(index);
    else if (OPENER_OF.has(c)) this.close(index, OPENER_OF.get(c) as number);
    return end;
  }

  /**
   * The length of the operator at `i`: `**=` `//=` `<<=` `>>=` `...`; `**` `//` `<<` `>>` `->` `<>` and every
   * `x=` (`==` `!=` `<=` `>=` `+=` `-=` `*=` `/=` `%=` `&=` `|=` `^=` `@=` `:=`); else one character (a
   * surrogate pair counts as one).
   */
  private operatorLength(i: number, c: number): number {
    if (!LONG_OPERATOR_START.has(c)) return c >= 0xd800 && c <= 0xdbff && i + 1 < this.text.length ? 2 : 1;
    const c1 = this.text.charCodeAt(i + 1);
    const c2 = this.text.charCodeAt(i + 2);
    if (DOUBLING.has(c) && c1 === c) return c2 === 61 ? 3 : 2;
    if (c === 46) return c1 === 46 && c2 === 46 ? 3 : 1;
    if (c1 === 61) return 2;
    return (c === 45 || c === 60) && c1 === 62 ? 2 : 1;
  }

  /** Pairs a closer with the innermost opener when they are of one kind; otherwise the closer is unmatched. */
  private close(index: number, opener: number): void {
    const top = this.stack[this.stack.length - 1];
    if (top === undefined) return;
    const t = this.tokens;
    if (this.text.charCodeAt(t.starts[top] ?? 0) !== opener) return;
    this.stack.pop();
    t.matches[top] = index;
    t.matches[index] = top;
  }
}

/** The tokens of a Python source text, in order; `comments: false` leaves comments out. */
export function tokenizePython(text: string, options: { readonly comments?: boolean } = {}): PyTokens {
  const t = new Tokenizer(text, options.comments ?? true);
  t.run();
  return t.tokens.done();
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  "\\": "\\",
  "'": "'",
  '"': '"',
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
};

/** One escape at `i` (a backslash) of a non-raw body: the text it stands for and where it ends. */
function decodeEscape(body: string, i: number, bytes: boolean): { text: string; next: number } {
  const c = body[i + 1] ?? "";
  const simple = SIMPLE_ESCAPES[c];
  if (simple !== undefined) return { text: simple, next: i + 2 };
  if (c === "\n") return { text: "", next: i + 2 };
  if (c === "\r") return { text: "", next: body[i + 2] === "\n" ? i + 3 : i + 2 };
  const octal = /^[0-7]{1,3}/.exec(body.slice(i + 1, i + 4));
  if (octal) return { text: String.fromCharCode(parseInt(octal[0], 8)), next: i + 1 + octal[0].length };
  const hexLength = c === "x" ? 2 : c === "u" && !bytes ? 4 : c === "U" && !bytes ? 8 : 0;
  if (hexLength > 0) {
    const hex = body.slice(i + 2, i + 2 + hexLength);
    const cp = /^[0-9a-fA-F]+$/.test(hex) && hex.length === hexLength ? parseInt(hex, 16) : NaN;
    if (cp <= 0x10ffff) return { text: String.fromCodePoint(cp), next: i + 2 + hexLength };
  }
  // Unknown escapes (and `\N{NAME}`, whose names this reader does not know) keep their backslash.
  return { text: `\\${c}`, next: Math.min(i + 2, body.length) };
}

/**
 * The value a string token stands for: escapes decoded (not in raw strings), `{{`/`}}` read as braces in an
 * f-string. Undefined for an unterminated string or an f-string with replacement fields — its value is computed.
 */
export function stringValue(text: string, s: PyStringInfo): string | undefined {
  if (!s.terminated || s.placeholders) return undefined;
  const body = text.slice(s.bodyStart, s.bodyEnd);
  if (s.raw && !s.formatted) return body;
  let out = "";
  let i = 0;
  while (i < body.length) {
    const c = body[i] as string;
    if (c === "\\" && !s.raw) {
      const e = decodeEscape(body, i, s.bytes);
      out += e.text;
      i = e.next;
    } else if (s.formatted && (c === "{" || c === "}") && body[i + 1] === c) {
      out += c;
      i += 2;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
