/**
 * HCL2 native syntax (Terraform's `*.tf`, `*.tfvars`), read exactly: bodies of attributes and blocks, and
 * every expression as a typed node with its [start, end) offsets into the text. Written after the native
 * syntax spec and hclsyntax's scanner and parser (hashicorp/hcl `hclsyntax/spec.md`, `scan_tokens.rl`,
 * `parser_template.go`), reproducing what decides a value: string escapes (`\n \r \t \" \\ \uNNNN
 * \UNNNNNNNN`), the template escapes `$${` and `%%{`, heredocs `<<EOT` / `<<-EOT` (a closing marker may be
 * indented; `<<-` strips the smallest indentation of the non-blank lines, as `flushHeredocTemplateParts`
 * does), comments (`#`, `//`, `/* *\/`), one-line blocks, and where newlines end an item (in bodies and
 * object constructors) or are blanks (inside `( )`, `[ ]`, `${ }`).
 *
 * A template knows whether it is a pure literal (no `${…}` or `%{…}`), its decoded value, and whether its
 * source spells that value exactly (so that an offset inside the value is an offset in the file). Calls,
 * traversals (`var.x`, `data.a.b.c`, `module.m.o[0]`, splats) and object/tuple constructors keep their
 * parts; conditionals, operators, for-expressions and parentheses are `other` nodes that keep their range and
 * sub-expressions, which is all a linter asks of them.
 *
 * Why a reader of our own: the maintained parsers on npm either give no source ranges (@cdktf/hcl2json, Go
 * compiled to WebAssembly: 1.7 MB gzipped, an async API, ~220 ms and +70 MiB to start; hcl2-parser, GopherJS:
 * 3.8 MB of JavaScript, ~900 ms to load) or are an editor's highlighting grammar without decoded values
 * (codemirror-lang-hcl, Lezer: pulls in @codemirror/language and view, ~110 ms to load); tree-sitter-hcl is a
 * native addon (or WebAssembly with an asynchronous start, while the parse stage is synchronous). This file
 * loads in a few milliseconds and, once the JIT has compiled it, reads a megabyte of Terraform in 20–50 ms
 * (the first files a process reads go several times slower).
 *
 * It never throws and runs in linear time: the scanner is iterative (a mode stack for strings, heredocs and
 * `${ … }`) and pairs every bracket as it goes, so that the parser can skip a group in one step; the parser's
 * recursion stops at `MAX_DEPTH` nesting levels (deeper groups are skipped, with an error), and a chain of
 * operators is one node, so a recursive walk of the tree is safe. What it cannot read comes back as
 * `{ line, message }` errors, and everything read before and after is kept.
 *
 * Deliberately not done: evaluating anything (functions, operators, `for`), checking Terraform's schema
 * (which names are blocks, which arguments exist), and template directives' structure (`%{ if }` … `%{
 * endif }` are kept as `directive` parts, in order). HCL's JSON syntax is read by the Terraform reader
 * through the YAML layer; `parseHclTemplate` reads its strings, which are templates.
 */

/** A [start, end) span of offsets into the text (UTF-16 code units). */
export interface HclSpan {
  readonly start: number;
  readonly end: number;
}

export interface HclError {
  /** 1-based line of the problem (for an unclosed string, heredoc or block: the line it opens on). */
  readonly line: number;
  readonly offset: number;
  readonly message: string;
}

export interface HclFile {
  readonly body: HclBody;
  readonly errors: readonly HclError[];
}

export interface HclBody extends HclSpan {
  /** Attributes and blocks in source order. */
  readonly items: readonly (HclAttribute | HclBlock)[];
}

export interface HclAttribute extends HclSpan {
  readonly kind: "attribute";
  readonly name: string;
  readonly nameSpan: HclSpan;
  readonly value: HclExpr;
}

export interface HclBlock extends HclSpan {
  readonly kind: "block";
  readonly type: string;
  readonly typeSpan: HclSpan;
  readonly labels: readonly HclLabel[];
  readonly body: HclBody;
  /** False when the file ends before the block's `}`. */
  readonly closed: boolean;
}

export interface HclLabel extends HclSpan {
  /** The label's value: a quoted label decoded, or a bare identifier. */
  readonly value: string;
  readonly quoted: boolean;
  /** Where the value is spelled exactly (between the quotes of a quoted label without escapes), else the whole label. */
  readonly valueSpan: HclSpan;
}

export type HclExpr = HclTemplate | HclNumber | HclBool | HclNull | HclTuple | HclObject | HclCall | HclTraversal | HclOther;

export interface HclTemplate extends HclSpan {
  readonly type: "template";
  /** Set for a heredoc (`<<EOT`, `<<-EOT` when `flush`). */
  readonly heredoc?: { readonly marker: string; readonly flush: boolean };
  /** The text between the quotes, or a heredoc's body lines (with their final line break). */
  readonly content: HclSpan;
  readonly parts: readonly HclTemplatePart[];
  /** The decoded value when the template is a pure literal (no interpolation or directive). */
  readonly value: string | undefined;
  /** Whether `content` spells `value` character for character (no escapes, nothing stripped). */
  readonly exact: boolean;
}

export type HclTemplatePart =
  | (HclSpan & { readonly kind: "literal"; readonly value: string })
  | (HclSpan & { readonly kind: "interpolation"; readonly expr: HclExpr; readonly stripLeft: boolean; readonly stripRight: boolean })
  | (HclSpan & { readonly kind: "directive"; readonly keyword: string });

export interface HclNumber extends HclSpan {
  readonly type: "number";
  readonly text: string;
}

export interface HclBool extends HclSpan {
  readonly type: "bool";
  readonly value: boolean;
}

export interface HclNull extends HclSpan {
  readonly type: "null";
}

export interface HclTuple extends HclSpan {
  readonly type: "tuple";
  readonly items: readonly HclExpr[];
}

export interface HclObjectItem extends HclSpan {
  readonly key: HclExpr;
  /** The key as a name: a bare identifier or a literal string key; undefined for a computed `(key)`. */
  readonly name: string | undefined;
  readonly value: HclExpr;
}

export interface HclObject extends HclSpan {
  readonly type: "object";
  readonly items: readonly HclObjectItem[];
}

export interface HclCall extends HclSpan {
  readonly type: "call";
  /** The function name, with its namespace when it has one (`provider::aws::arn_parse`). */
  readonly name: string;
  readonly nameSpan: HclSpan;
  readonly args: readonly HclExpr[];
  /** `f(a, list...)`: the last argument is expanded. */
  readonly expandFinal: boolean;
}

export type HclStep =
  | (HclSpan & { readonly kind: "attr"; readonly name: string })
  | (HclSpan & { readonly kind: "index"; readonly key: HclExpr })
  | (HclSpan & { readonly kind: "splat" });

/** A variable and what is read of it: `var.x`, `local.y`, `data.a.b.c`, `module.m.o[0]`, `aws_iam_role.r[*].arn`. */
export interface HclTraversal extends HclSpan {
  readonly type: "traversal";
  readonly root: string;
  readonly rootSpan: HclSpan;
  readonly steps: readonly HclStep[];
}

export interface HclOther extends HclSpan {
  readonly type: "other";
  /**
   * `traversal`: an index, attribute or splat applied to something other than a variable (`f(x).y`,
   * `[1, 2][0]`); `invalid`: what could not be read as an expression.
   */
  readonly what: "conditional" | "operation" | "for" | "parens" | "traversal" | "invalid";
  readonly children: readonly HclExpr[];
}

/** Nesting deeper than this (blocks and expressions together) is skipped, with an error. */
export const MAX_DEPTH = 128;
/** Errors kept per file: after the first few, later ones are mostly consequences. */
const MAX_ERRORS = 20;

// Token kinds.
const EOF = 0;
const NEWLINE = 1;
const IDENT = 2;
const NUMBER = 3;
const OQUOTE = 4;
const CQUOTE = 5;
const OHEREDOC = 6;
const CHEREDOC = 7;
const LITERAL = 8;
const INTERP = 9;
const CONTROL = 10;
const SEQEND = 11;
const LBRACE = 12;
const RBRACE = 13;
const LBRACK = 14;
const RBRACK = 15;
const LPAREN = 16;
const RPAREN = 17;
const EQUAL = 18;
const COLON = 19;
const COMMA = 20;
const DOT = 21;
const QUESTION = 22;
const ARROW = 23;
const ELLIPSIS = 24;
const STAR = 25;
const OP = 26;
const BANG = 27;
const MINUS = 28;
const DCOLON = 29;
const INVALID = 30;

const TOKEN_NAMES = [
  "the end of the file",
  "a line break",
  "a name",
  "a number",
  "a string",
  "a closing quote",
  "a heredoc",
  "a heredoc marker",
  "text",
  "${",
  "%{",
  "}",
  "{",
  "}",
  "[",
  "]",
  "(",
  ")",
  "=",
  ":",
  ",",
  ".",
  "?",
  "=>",
  "...",
  "*",
  "an operator",
  "!",
  "-",
  "::",
  "an unexpected character",
];

const MODE_MAIN = 0;
const MODE_QUOTED = 1;
const MODE_HEREDOC = 2;
const MODE_BARE = 3;

interface Mode {
  readonly type: number;
  /** The token that opened the mode (`"`, `<<EOT`, `${`, `%{`); -1 for the outermost. */
  readonly opener: number;
  /** Height of the bracket stack when the mode began: its closers do not pair with brackets below. */
  readonly base: number;
  readonly marker: string;
  lineStart: boolean;
}

/** How far down the bracket stack a closer looks for its opener: mismatches are errors, so this stays small. */
const PAIR_SEARCH = 32;

const ID_START = /[\p{L}\p{Nl}_]/u;
const ID_CONTINUE = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]/u;

function isIdStart(c: number, ch: string): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
  return ID_START.test(ch);
}

function isIdContinue(c: number, ch: string): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;
  return ID_CONTINUE.test(ch);
}

/** A blank other than a line feed (Go's unicode.IsSpace). */
function isBlank(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (c < 128) return c === 32 || c === 9 || c === 13 || c === 11 || c === 12;
  return c !== 10 && isSpace(text.charAt(at));
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

class Lexer {
  readonly kind: number[] = [];
  readonly start: number[] = [];
  readonly end: number[] = [];
  readonly match: number[] = [];
  private readonly brackets: number[] = [];
  private readonly modes: Mode[] = [];
  private pos: number;

  private readonly limit: number;

  /**
   * Scans `text`, whose first character is at offset `base` of the file (a JSON string's content): tokens
   * and errors carry file offsets, while scanning stays within `text`.
   */
  constructor(
    private readonly text: string,
    private readonly base: number,
    private readonly error: (offset: number, message: string) => void,
    bare: boolean,
  ) {
    this.pos = 0;
    this.limit = text.length;
    this.modes.push({ type: bare ? MODE_BARE : MODE_MAIN, opener: -1, base: 0, marker: "", lineStart: false });
  }

  private tok(kind: number, start: number, end: number): number {
    this.kind.push(kind);
    this.start.push(this.base + start);
    this.end.push(this.base + end);
    this.match.push(-1);
    return this.kind.length - 1;
  }

  private pair(open: number, close: number): void {
    this.match[open] = close;
    this.match[close] = open;
  }

  run(): void {
    while (this.pos < this.limit) {
      const mode = this.modes[this.modes.length - 1] as Mode;
      if (mode.type === MODE_MAIN) this.main(mode);
      else if (mode.type === MODE_QUOTED) this.quoted(mode);
      else this.template(mode);
    }
    // The innermost construct left open is the one to report (the outer ones are open because of it).
    for (let j = this.modes.length - 1; j > 0; j--) {
      const mode = this.modes[j] as Mode;
      const at = this.start[mode.opener] ?? this.base + this.limit;
      if (mode.type === MODE_QUOTED) this.error(at, "a string is not closed before the end of the file");
      else if (mode.type === MODE_HEREDOC) this.error(at, `heredoc <<${mode.marker} is not closed: no line holds only ${mode.marker}`);
      else this.error(at, `a ${this.text.slice(at - this.base, at - this.base + 2)} … } sequence is not closed`);
      break;
    }
    this.tok(EOF, this.limit, this.limit);
  }

  private lineEnd(p: number): number {
    const n = this.text.indexOf("\n", p);
    return n === -1 || n > this.limit ? this.limit : n;
  }

  /** The bracket stack index of the nearest open `kind` above `base`, or -1. */
  private findOpen(kind: number, base: number): number {
    const floor = Math.max(base, this.brackets.length - PAIR_SEARCH);
    for (let j = this.brackets.length - 1; j >= floor; j--) {
      if (this.kind[this.brackets[j] as number] === kind) return j;
    }
    return -1;
  }

  private close(kind: number, openKind: number, p: number, base: number): void {
    const t = this.tok(kind, p, p + 1);
    const j = this.findOpen(openKind, base);
    if (j >= 0) {
      this.pair(this.brackets[j] as number, t);
      this.brackets.length = j;
    }
  }

  /** Starts a `${` / `%{` sequence at `p` (the `$` or `%`). */
  private sequence(p: number, kind: number): void {
    const end = this.text.charCodeAt(p + 2) === 126 /* ~ */ ? p + 3 : p + 2;
    const t = this.tok(kind, p, end);
    this.pos = end;
    this.modes.push({ type: MODE_MAIN, opener: t, base: this.brackets.length, marker: "", lineStart: false });
  }

  /** Expression tokens, until the mode changes or the text ends. */
  private main(mode: Mode): void {
    const text = this.text;
    const limit = this.limit;
    while (this.pos < limit) {
      const p = this.pos;
      const c = text.charCodeAt(p);
      const next = p + 1 < limit ? text.charCodeAt(p + 1) : -1;
      switch (c) {
        case 32:
        case 9:
        case 13:
        case 0xfeff:
          this.pos = p + 1;
          continue;
        case 10:
          this.tok(NEWLINE, p, p + 1);
          this.pos = p + 1;
          continue;
        case 35 /* # */:
          this.pos = this.lineEnd(p);
          continue;
        case 47 /* / */:
          if (next === 47) {
            this.pos = this.lineEnd(p);
          } else if (next === 42) {
            const e = text.indexOf("*/", p + 2);
            if (e === -1 || e + 2 > limit) {
              this.error(this.base + p, "a /* comment is not closed before the end of the file");
              this.pos = limit;
            } else this.pos = e + 2;
          } else {
            this.tok(OP, p, p + 1);
            this.pos = p + 1;
          }
          continue;
        case 34 /* " */: {
          const t = this.tok(OQUOTE, p, p + 1);
          this.pos = p + 1;
          this.modes.push({ type: MODE_QUOTED, opener: t, base: this.brackets.length, marker: "", lineStart: false });
          return;
        }
        case 123 /* { */:
          this.brackets.push(this.tok(LBRACE, p, p + 1));
          this.pos = p + 1;
          continue;
        case 91 /* [ */:
          this.brackets.push(this.tok(LBRACK, p, p + 1));
          this.pos = p + 1;
          continue;
        case 40 /* ( */:
          this.brackets.push(this.tok(LPAREN, p, p + 1));
          this.pos = p + 1;
          continue;
        case 93 /* ] */:
          this.close(RBRACK, LBRACK, p, mode.base);
          this.pos = p + 1;
          continue;
        case 41 /* ) */:
          this.close(RPAREN, LPAREN, p, mode.base);
          this.pos = p + 1;
          continue;
        case 125 /* } */:
        case 126 /* ~ */: {
          // `}` closes the innermost `{` of this mode; with none open, it ends the mode's `${` / `%{`.
          const strip = c === 126;
          if (strip && next !== 125) break;
          const j = this.findOpen(LBRACE, mode.base);
          if (!strip && j >= 0) {
            this.close(RBRACE, LBRACE, p, mode.base);
            this.pos = p + 1;
            continue;
          }
          if (mode.opener >= 0 && j < 0) {
            this.brackets.length = mode.base;
            const t = this.tok(SEQEND, p, strip ? p + 2 : p + 1);
            this.pair(mode.opener, t);
            this.pos = strip ? p + 2 : p + 1;
            this.modes.pop();
            return;
          }
          if (strip) break;
          this.tok(RBRACE, p, p + 1);
          this.pos = p + 1;
          continue;
        }
        case 61 /* = */:
          if (next === 61) this.op(OP, p, 2);
          else if (next === 62) this.op(ARROW, p, 2);
          else this.op(EQUAL, p, 1);
          continue;
        case 33 /* ! */:
          this.op(next === 61 ? OP : BANG, p, next === 61 ? 2 : 1);
          continue;
        case 62 /* > */:
          this.op(OP, p, next === 61 ? 2 : 1);
          continue;
        case 60 /* < */:
          if (next === 60 && this.heredocStart(p)) return;
          this.op(OP, p, next === 61 ? 2 : 1);
          continue;
        case 38 /* & */:
        case 124 /* | */:
          if (next !== c) break;
          this.op(OP, p, 2);
          continue;
        case 43 /* + */:
        case 37 /* % */:
          this.op(OP, p, 1);
          continue;
        case 42 /* * */:
          this.op(STAR, p, 1);
          continue;
        case 45 /* - */:
          this.op(MINUS, p, 1);
          continue;
        case 63 /* ? */:
          this.op(QUESTION, p, 1);
          continue;
        case 58 /* : */:
          this.op(next === 58 ? DCOLON : COLON, p, next === 58 ? 2 : 1);
          continue;
        case 44 /* , */:
          this.op(COMMA, p, 1);
          continue;
        case 46 /* . */:
          if (next === 46 && text.charCodeAt(p + 2) === 46) this.op(ELLIPSIS, p, 3);
          else this.op(DOT, p, 1);
          continue;
        default:
          break;
      }
      if (isDigit(c)) {
        let q = p + 1;
        while (q < limit && isDigit(text.charCodeAt(q))) q++;
        if (text.charCodeAt(q) === 46 && isDigit(text.charCodeAt(q + 1)) && q + 1 < limit) {
          q += 2;
          while (q < limit && isDigit(text.charCodeAt(q))) q++;
        }
        const e = text.charCodeAt(q);
        if ((e === 101 || e === 69) && q + 1 < limit) {
          const s = text.charCodeAt(q + 1) === 43 || text.charCodeAt(q + 1) === 45 ? q + 2 : q + 1;
          if (s < limit && isDigit(text.charCodeAt(s))) {
            q = s + 1;
            while (q < limit && isDigit(text.charCodeAt(q))) q++;
          }
        }
        this.tok(NUMBER, p, q);
        this.pos = q;
        continue;
      }
      const width = c >= 0xd800 && c <= 0xdbff && p + 1 < limit ? 2 : 1;
      if (isIdStart(c, c < 128 ? "" : text.slice(p, p + width))) {
        let q = p + width;
        while (q < limit) {
          const d = text.charCodeAt(q);
          const w = d >= 0xd800 && d <= 0xdbff && q + 1 < limit ? 2 : 1;
          if (!isIdContinue(d, d < 128 ? "" : text.slice(q, q + w))) break;
          q += w;
        }
        this.tok(IDENT, p, q);
        this.pos = q;
        continue;
      }
      this.tok(INVALID, p, p + width);
      this.pos = p + width;
    }
  }

  private op(kind: number, p: number, width: number): void {
    this.tok(kind, p, p + width);
    this.pos = p + width;
  }

  /** `<<EOT` / `<<-EOT` followed by a line break starts a heredoc; anything else after `<<` is not one. */
  private heredocStart(p: number): boolean {
    const text = this.text;
    let q = p + 2;
    const flush = text.charCodeAt(q) === 45;
    if (flush) q++;
    const first = text.charCodeAt(q);
    if (q >= this.limit || !isIdStart(first, text.charAt(q)) || first >= 128) return false;
    let e = q + 1;
    while (e < this.limit && isIdContinue(text.charCodeAt(e), "") && text.charCodeAt(e) < 128) e++;
    let nl = e;
    if (text.charCodeAt(nl) === 13) nl++;
    if (nl >= this.limit || text.charCodeAt(nl) !== 10) return false;
    const t = this.tok(OHEREDOC, p, e);
    this.pos = nl + 1;
    this.modes.push({ type: MODE_HEREDOC, opener: t, base: this.brackets.length, marker: text.slice(q, e), lineStart: true });
    return true;
  }

  private literal(from: number, to: number): void {
    if (to > from) this.tok(LITERAL, from, to);
  }

  private static readonly QUOTED_STOP = /["\\$%\n]/g;
  private static readonly TEMPLATE_STOP = /[\n$%]/g;

  /** A quoted string's characters, until it closes, a sequence starts, or the line ends (an error). */
  private quoted(mode: Mode): void {
    const text = this.text;
    const chunk = this.pos;
    const re = Lexer.QUOTED_STOP;
    for (;;) {
      re.lastIndex = this.pos;
      const m = re.exec(text);
      const q = m ? m.index : this.limit;
      if (q >= this.limit) {
        this.literal(chunk, this.limit);
        this.pos = this.limit;
        return;
      }
      const c = text.charCodeAt(q);
      if (c === 34) {
        this.literal(chunk, q);
        this.pair(mode.opener, this.tok(CQUOTE, q, q + 1));
        this.pos = q + 1;
        this.modes.pop();
        return;
      }
      if (c === 92) {
        // An escape: the next character is never a delimiter (a line break still ends the line).
        this.pos = text.charCodeAt(q + 1) === 10 ? q + 1 : Math.min(q + 2, this.limit);
        continue;
      }
      if (c === 10) {
        this.literal(chunk, q);
        this.error(this.start[mode.opener] ?? this.base + q, "a string is not closed on its line (Terraform: \"Unterminated template string\")");
        this.pos = q;
        this.modes.pop();
        return;
      }
      if (this.templateSequence(q, c, chunk)) return;
    }
  }

  /** At a `$` or `%` in a template: an escape (`$${`, `%%{`) is skipped, a sequence is started (true). */
  private templateSequence(q: number, c: number, chunk: number): boolean {
    const text = this.text;
    const c1 = text.charCodeAt(q + 1);
    if (c1 === c && text.charCodeAt(q + 2) === 123 && q + 2 < this.limit) {
      this.pos = q + 3;
      return false;
    }
    if (c1 === 123 && q + 1 < this.limit) {
      this.literal(chunk, q);
      this.sequence(q, c === 36 ? INTERP : CONTROL);
      return true;
    }
    this.pos = q + 1;
    return false;
  }

  /** A heredoc's lines (until its marker line) or a bare template's text (until the end). */
  private template(mode: Mode): void {
    const text = this.text;
    const chunk = this.pos;
    const re = Lexer.TEMPLATE_STOP;
    while (this.pos < this.limit) {
      if (mode.lineStart && mode.type === MODE_HEREDOC) {
        mode.lineStart = false;
        // hclsyntax compares the line with its blanks trimmed (`bytes.TrimSpace`) to the marker.
        let q = this.pos;
        while (q < this.limit && isBlank(text, q)) q++;
        if (text.startsWith(mode.marker, q)) {
          const e = q + mode.marker.length;
          let r = e;
          while (r < this.limit && isBlank(text, r)) r++;
          if (r >= this.limit || text.charCodeAt(r) === 10) {
            this.literal(chunk, this.pos);
            this.pair(mode.opener, this.tok(CHEREDOC, q, e));
            this.pos = e;
            this.modes.pop();
            return;
          }
        }
      }
      re.lastIndex = this.pos;
      const m = re.exec(text);
      const q = m ? m.index : this.limit;
      if (q >= this.limit) {
        this.pos = this.limit;
        break;
      }
      const c = text.charCodeAt(q);
      if (c === 10) {
        this.pos = q + 1;
        mode.lineStart = true;
        continue;
      }
      if (this.templateSequence(q, c, chunk)) return;
    }
    this.literal(chunk, this.limit);
  }
}

/** Offsets of line starts, for error lines. */
function lineOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

const ESCAPES: Readonly<Record<string, string>> = { n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\" };

function isSpace(ch: string): boolean {
  // Go's unicode.IsSpace (hclsyntax trims a `<<-` heredoc's lines with it).
  return /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/.test(ch);
}

/** The value of a `<<-` heredoc's text: the smallest indentation of its non-blank lines removed from each. */
function flush(value: string): string {
  const lines = value.split(/(?<=\n)/);
  let min = Infinity;
  const lead: number[] = [];
  for (const line of lines) {
    const chars = Array.from(line);
    let n = 0;
    while (n < chars.length && isSpace(chars[n] as string) && chars[n] !== "\n") n++;
    const blank = n === chars.length - 1 && line.endsWith("\n");
    lead.push(blank ? -1 : n);
    if (!blank && n < min) min = n;
  }
  if (!Number.isFinite(min) || min === 0) return value;
  return lines.map((line, i) => ((lead[i] ?? -1) < 0 ? line : Array.from(line).slice(min).join(""))).join("");
}

class Parser {
  private i = 0;
  /** Whether line breaks end the current construct (bodies, object items) or are blanks (inside brackets). */
  private nl = true;
  private depth = 0;
  private tooDeep = false;
  private readonly kind: number[];
  private readonly start: number[];
  private readonly end: number[];
  private readonly match: number[];

  constructor(
    private readonly text: string,
    lexer: Lexer,
    private readonly error: (offset: number, message: string) => void,
  ) {
    this.kind = lexer.kind;
    this.start = lexer.start;
    this.end = lexer.end;
    this.match = lexer.match;
  }

  private k(i = this.i): number {
    return this.kind[i] ?? EOF;
  }

  private s(i = this.i): number {
    return this.start[i] ?? this.text.length;
  }

  private e(i = this.i): number {
    return this.end[i] ?? this.text.length;
  }

  private src(i = this.i): string {
    return this.text.slice(this.s(i), this.e(i));
  }

  private name(i = this.i): string {
    const k = this.k(i);
    if (k !== IDENT && k !== NUMBER && k !== OP && k !== INVALID) return TOKEN_NAMES[k] ?? "a token";
    const src = this.src(i);
    return `"${src.length > 40 ? `${src.slice(0, 40)}…` : src}"`;
  }

  /** A token's text for a message, cut short. */
  private short(i = this.i): string {
    const src = this.src(i);
    return src.length > 40 ? `${src.slice(0, 40)}…` : src;
  }

  /** The next token, skipping line breaks where they are blanks. */
  private peek(): number {
    if (!this.nl) while (this.kind[this.i] === NEWLINE) this.i++;
    return this.k();
  }

  private skipNewlines(): void {
    while (this.kind[this.i] === NEWLINE) this.i++;
  }

  private withNewlines<T>(nl: boolean, f: () => T): T {
    const saved = this.nl;
    this.nl = nl;
    try {
      return f();
    } finally {
      this.nl = saved;
    }
  }

  /** Past the group a token opens (its paired closer), or past the token. */
  private skipToken(): void {
    const m = this.match[this.i] ?? -1;
    const k = this.k();
    const opens = k === LBRACE || k === LBRACK || k === LPAREN || k === OQUOTE || k === OHEREDOC || k === INTERP || k === CONTROL;
    this.i = opens && m > this.i ? m + 1 : this.i + 1;
  }

  /** Skips to the end of the line (consumed), or to `close` (not consumed), or to the end. */
  private recoverLine(close: number): void {
    for (;;) {
      const k = this.k();
      if (k === EOF || this.i === close) return;
      if (k === NEWLINE) {
        this.i++;
        return;
      }
      this.skipToken();
    }
  }

  parseBody(close: number, from: number): HclBody {
    const items: (HclAttribute | HclBlock)[] = [];
    for (;;) {
      this.skipNewlines();
      const k = this.k();
      if (k === EOF || this.i === close) break;
      if (k === IDENT) {
        const next = this.k(this.i + 1);
        if (next === EQUAL) {
          items.push(this.attribute(close));
          continue;
        }
        if (next === OQUOTE || next === IDENT || next === LBRACE) {
          const b = this.block(close);
          if (b) items.push(b);
          continue;
        }
        this.error(this.s(this.i + 1), `expected "=" or a block after ${this.short()}, found ${this.name(this.i + 1)}`);
      } else if (k === RBRACE) {
        this.error(this.s(), "this } closes no block");
      } else {
        this.error(this.s(), `expected an attribute or a block, found ${this.name()}`);
      }
      const before = this.i;
      this.recoverLine(close);
      if (this.i === before) this.i++;
    }
    const end = this.i === close ? this.s(close) : this.s();
    return { start: from, end: Math.max(from, end), items };
  }

  private attribute(close: number): HclAttribute {
    const nameTok = this.i;
    this.i += 2;
    const saved = this.nl;
    this.nl = true;
    const value = this.expr();
    this.nl = saved;
    const k = this.k();
    if (k !== NEWLINE && k !== EOF && this.i !== close) {
      // A missing value was reported already; anything else after a value is reported here.
      if (value.type !== "other" || value.what !== "invalid" || value.end > value.start) {
        this.error(this.s(), `unexpected ${this.name()} after the value of ${this.short(nameTok)}`);
      }
      this.recoverLine(close);
    }
    return {
      kind: "attribute",
      name: this.src(nameTok),
      nameSpan: { start: this.s(nameTok), end: this.e(nameTok) },
      value,
      start: this.s(nameTok),
      end: value.end,
    };
  }

  private block(close: number): HclBlock | undefined {
    const typeTok = this.i++;
    const labels: HclLabel[] = [];
    for (;;) {
      const k = this.k();
      if (k === IDENT) {
        labels.push({ value: this.src(), quoted: false, start: this.s(), end: this.e(), valueSpan: { start: this.s(), end: this.e() } });
        this.i++;
      } else if (k === OQUOTE) {
        const t = this.template();
        if (t.value === undefined) this.error(t.start, "a block label cannot hold ${ … } or %{ … }");
        const value = t.value ?? this.text.slice(t.content.start, t.content.end);
        labels.push({ value, quoted: true, start: t.start, end: t.end, valueSpan: t.exact ? t.content : { start: t.start, end: t.end } });
      } else break;
    }
    if (this.k() !== LBRACE) {
      this.error(this.s(), `expected "{" to open the ${this.short(typeTok)} block, found ${this.name()}`);
      this.recoverLine(close);
      return undefined;
    }
    const open = this.i;
    const closer = this.match[open] ?? -1;
    const make = (body: HclBody, closed: boolean, end: number): HclBlock => ({
      kind: "block",
      type: this.src(typeTok),
      typeSpan: { start: this.s(typeTok), end: this.e(typeTok) },
      labels,
      body,
      closed,
      start: this.s(typeTok),
      end,
    });
    if (this.depth >= MAX_DEPTH) {
      this.deep(this.s(open));
      this.i = closer > open ? closer + 1 : this.kind.length - 1;
      return make({ start: this.e(open), end: this.e(open), items: [] }, closer > open, closer > open ? this.e(closer) : this.text.length);
    }
    this.i++;
    this.depth++;
    const saved = this.nl;
    this.nl = true;
    const body = this.parseBody(closer > open ? closer : -1, this.e(open));
    this.nl = saved;
    this.depth--;
    if (closer > open && this.i === closer) {
      this.i++;
      return make(body, true, this.e(closer));
    }
    this.error(this.s(open), `the ${this.short(typeTok)} block opened here is not closed with "}"`);
    return make(body, false, this.text.length);
  }

  private deep(offset: number): void {
    if (this.tooDeep) return;
    this.tooDeep = true;
    this.error(offset, `nesting deeper than ${MAX_DEPTH} levels is not read`);
  }

  private other(what: HclOther["what"], start: number, end: number, children: HclExpr[]): HclOther {
    return { type: "other", what, start, end, children };
  }

  /** Whether the current token ends an expression (nothing of it is consumed when one is missing). */
  private ends(k: number): boolean {
    return (
      k === EOF || k === NEWLINE || k === COMMA || k === RBRACE || k === RBRACK || k === RPAREN || k === SEQEND || k === CQUOTE ||
      k === CHEREDOC || k === COLON || k === EQUAL || k === ARROW || k === ELLIPSIS || k === QUESTION
    );
  }

  expr(): HclExpr {
    if (this.depth >= MAX_DEPTH) {
      const from = this.s();
      this.deep(from);
      // Skip what is left of this expression, whole groups at a time.
      let end = from;
      while (!this.ends(this.peek())) {
        this.skipToken();
        end = this.e(this.i - 1);
      }
      return this.other("invalid", from, Math.max(from, end), []);
    }
    this.depth++;
    try {
      const cond = this.binary(1);
      if (this.peek() !== QUESTION) return cond;
      this.i++;
      this.skipNewlines();
      const yes = this.expr();
      // A `:` on the next line still belongs to the conditional (other line breaks end it in a body).
      let j = this.i;
      while (this.kind[j] === NEWLINE) j++;
      if (this.kind[j] === COLON) this.i = j;
      if (this.peek() !== COLON) {
        this.error(this.s(), `expected ":" in a conditional, found ${this.name()}`);
        return this.other("conditional", cond.start, yes.end, [cond, yes]);
      }
      this.i++;
      this.skipNewlines();
      const no = this.expr();
      return this.other("conditional", cond.start, no.end, [cond, yes, no]);
    } finally {
      this.depth--;
    }
  }

  private precedence(): number {
    const k = this.peek();
    if (k === STAR || k === MINUS) return k === STAR ? 6 : 5;
    if (k !== OP) return 0;
    switch (this.src()) {
      case "||":
        return 1;
      case "&&":
        return 2;
      case "==":
      case "!=":
        return 3;
      case "<":
      case ">":
      case "<=":
      case ">=":
        return 4;
      case "+":
        return 5;
      default:
        return 6;
    }
  }

  /**
   * Operators by precedence climbing. A chain of operators of one level is one `operation` node with every
   * operand as a child (`a + b - c`: three children), so that no chain nests deeper than the precedence levels.
   */
  private binary(min: number): HclExpr {
    let left = this.unary();
    let operands: HclExpr[] | undefined;
    let level = 0;
    for (;;) {
      const p = this.precedence();
      if (p === 0 || p < min) break;
      this.i++;
      this.skipNewlines();
      const right = this.binary(p + 1);
      // Levels only fall along one loop (`right` took every operator above `p`): a lower one closes the chain.
      if (operands && p === level) operands.push(right);
      else {
        if (operands) left = this.chain(operands);
        operands = [left, right];
        level = p;
      }
    }
    return operands ? this.chain(operands) : left;
  }

  private chain(operands: HclExpr[]): HclOther {
    return this.other("operation", (operands[0] as HclExpr).start, (operands[operands.length - 1] as HclExpr).end, operands);
  }

  /** `!x`, `-x`, `!!-x`: one `operation` node around the operand, however many operators. */
  private unary(): HclExpr {
    let start = -1;
    while (this.peek() === BANG || this.k() === MINUS) {
      if (start < 0) start = this.s();
      this.i++;
    }
    const e = this.postfix(this.term());
    return start < 0 ? e : this.other("operation", start, e.end, [e]);
  }

  private postfix(base: HclExpr): HclExpr {
    const steps: HclStep[] = [];
    const keys: HclExpr[] = [];
    let end = base.end;
    for (;;) {
      const k = this.peek();
      if (k === DOT) {
        const dot = this.i;
        const n = this.k(dot + 1);
        if (n === IDENT || n === NUMBER) {
          const text = this.src(dot + 1);
          if (n === IDENT) steps.push({ kind: "attr", name: text, start: this.s(dot), end: this.e(dot + 1) });
          else {
            const key: HclNumber = { type: "number", text, start: this.s(dot + 1), end: this.e(dot + 1) };
            steps.push({ kind: "index", key, start: this.s(dot), end: this.e(dot + 1) });
          }
          this.i = dot + 2;
        } else if (n === STAR) {
          steps.push({ kind: "splat", start: this.s(dot), end: this.e(dot + 1) });
          this.i = dot + 2;
        } else {
          this.error(this.s(dot + 1), `expected a name after ".", found ${this.name(dot + 1)}`);
          this.i = dot + 1;
          end = this.e(dot);
          break;
        }
        end = this.e(this.i - 1);
        continue;
      }
      if (k === LBRACK) {
        const open = this.i;
        const closer = this.match[open] ?? -1;
        if (this.k(open + 1) === STAR && this.k(open + 2) === RBRACK) {
          steps.push({ kind: "splat", start: this.s(open), end: this.e(open + 2) });
          this.i = open + 3;
          end = this.e(open + 2);
          continue;
        }
        this.i++;
        const key = this.withNewlines(false, () => this.expr());
        keys.push(key);
        if (this.peek() === RBRACK) this.i++;
        else {
          this.error(this.s(), `expected "]" to close the index, found ${this.name()}`);
          this.i = closer > open ? closer + 1 : this.i;
        }
        end = this.e(this.i - 1);
        steps.push({ kind: "index", key, start: this.s(open), end });
        continue;
      }
      break;
    }
    if (steps.length === 0) return base;
    if (base.type === "traversal") return { type: "traversal", root: base.root, rootSpan: base.rootSpan, steps: base.steps.concat(steps), start: base.start, end };
    return this.other("traversal", base.start, end, [base, ...keys]);
  }

  private term(): HclExpr {
    const k = this.peek();
    const t = this.i;
    switch (k) {
      case NUMBER:
        this.i++;
        return { type: "number", text: this.src(t), start: this.s(t), end: this.e(t) };
      case IDENT: {
        const name = this.src(t);
        const next = this.k(t + 1);
        if (next === LPAREN || next === DCOLON) return this.call();
        this.i++;
        const start = this.s(t);
        const end = this.e(t);
        if (name === "true" || name === "false") return { type: "bool", value: name === "true", start, end };
        if (name === "null") return { type: "null", start, end };
        return { type: "traversal", root: name, rootSpan: { start, end }, steps: [], start, end };
      }
      case OQUOTE:
      case OHEREDOC:
        return this.template();
      case LPAREN: {
        const closer = this.match[t] ?? -1;
        this.i++;
        const inner = this.withNewlines(false, () => this.expr());
        if (this.withNewlines(false, () => this.peek()) === RPAREN) this.i++;
        else {
          this.error(this.s(), `expected ")" to close the parenthesis, found ${this.name()}`);
          if (closer > t) this.i = closer + 1;
        }
        return this.other("parens", this.s(t), this.e(this.i - 1), [inner]);
      }
      case LBRACK:
        return this.withNewlines(false, () => this.tuple());
      case LBRACE:
        return this.object();
      default: {
        this.error(this.s(), `expected an expression, found ${this.name()}`);
        if (this.ends(k)) return this.other("invalid", this.s(), this.s(), []);
        this.skipToken();
        return this.other("invalid", this.s(t), this.e(this.i - 1), []);
      }
    }
  }

  private call(): HclExpr {
    const first = this.i;
    while (this.k(this.i + 1) === DCOLON && this.k(this.i + 2) === IDENT) this.i += 2;
    const last = this.i;
    const nameSpan = { start: this.s(first), end: this.e(last) };
    const name = this.text.slice(nameSpan.start, nameSpan.end).replace(/\s+/g, "");
    this.i++;
    if (this.k() !== LPAREN) {
      this.error(this.s(), `expected "(" after the function name ${name}, found ${this.name()}`);
      return this.other("invalid", nameSpan.start, nameSpan.end, []);
    }
    const open = this.i;
    const closer = this.match[open] ?? -1;
    this.i++;
    const args: HclExpr[] = [];
    let expandFinal = false;
    this.withNewlines(false, () => {
      for (;;) {
        const k = this.peek();
        if (k === RPAREN || k === EOF) break;
        const before = this.i;
        args.push(this.expr());
        let n = this.peek();
        if (n === ELLIPSIS) {
          expandFinal = true;
          this.i++;
          n = this.peek();
        }
        if (n === COMMA) {
          this.i++;
          continue;
        }
        if (n === RPAREN) break;
        this.error(this.s(), `expected "," or ")" in the arguments of ${name}, found ${this.name()}`);
        if (closer > open) this.i = closer;
        else if (this.i === before) this.i++;
        break;
      }
    });
    if (this.k() === RPAREN) this.i++;
    else this.error(this.s(open), `the arguments of ${name} are not closed with ")"`);
    return { type: "call", name, nameSpan, args, expandFinal, start: nameSpan.start, end: this.e(this.i - 1) };
  }

  private tuple(): HclExpr {
    const open = this.i;
    const closer = this.match[open] ?? -1;
    this.i++;
    if (this.peek() === IDENT && this.src() === "for") return this.forExpr(open, closer, RBRACK);
    const items: HclExpr[] = [];
    for (;;) {
      const k = this.peek();
      if (k === RBRACK || k === EOF) break;
      const before = this.i;
      items.push(this.expr());
      const n = this.peek();
      if (n === COMMA) {
        this.i++;
        continue;
      }
      if (n === RBRACK) break;
      this.error(this.s(), `expected "," or "]" in a list, found ${this.name()}`);
      if (closer > open) this.i = closer;
      else if (this.i === before) this.i++;
      break;
    }
    if (this.k() === RBRACK) this.i++;
    else this.error(this.s(open), `a list opened here is not closed with "]"`);
    return { type: "tuple", items, start: this.s(open), end: this.e(this.i - 1) };
  }

  private object(): HclExpr {
    const open = this.i;
    const closer = this.match[open] ?? -1;
    this.i++;
    const saved = this.nl;
    this.nl = false;
    const isFor = this.peek() === IDENT && this.src() === "for";
    this.nl = saved;
    if (isFor) return this.withNewlines(false, () => this.forExpr(open, closer, RBRACE));
    const items: HclObjectItem[] = [];
    this.withNewlines(true, () => {
      for (;;) {
        this.skipNewlines();
        const k = this.k();
        if (k === RBRACE || k === EOF) break;
        const before = this.i;
        const key = this.expr();
        const sep = this.k();
        if (sep !== EQUAL && sep !== COLON) {
          this.error(this.s(), `expected "=" or ":" after an object key, found ${this.name()}`);
          this.recoverItem(closer);
          if (this.i === before) this.i++;
          continue;
        }
        this.i++;
        this.skipNewlines();
        const value = this.expr();
        items.push({ key, name: objectKeyName(key), value, start: key.start, end: value.end });
        const n = this.k();
        if (n === COMMA || n === NEWLINE) {
          this.i++;
          continue;
        }
        if (n === RBRACE || n === EOF) break;
        this.error(this.s(), `expected "," or a line break after an object item, found ${this.name()}`);
        this.recoverItem(closer);
      }
    });
    if (this.k() === RBRACE) this.i++;
    else this.error(this.s(open), `an object opened here is not closed with "}"`);
    return { type: "object", items, start: this.s(open), end: this.e(this.i - 1) };
  }

  /** Skips to the next object item: past a comma or line break, or to the object's `}`. */
  private recoverItem(closer: number): void {
    for (;;) {
      const k = this.k();
      if (k === EOF || this.i === closer || k === RBRACE) return;
      if (k === COMMA || k === NEWLINE) {
        this.i++;
        return;
      }
      this.skipToken();
    }
  }

  /** `[for k, v in coll : v if cond]`, `{for k, v in coll : k => v... if cond}`, after the opener. */
  private forExpr(open: number, closer: number, closeKind: number): HclExpr {
    const children: HclExpr[] = [];
    const fail = (what: string): HclExpr => {
      this.error(this.s(), `${what} in a for expression, found ${this.name()}`);
      if (closer > open) this.i = closer + 1;
      else while (this.k() !== EOF) this.skipToken();
      return this.other("for", this.s(open), this.e(this.i - 1), children);
    };
    this.i++;
    if (this.peek() !== IDENT) return fail("expected a name");
    this.i++;
    if (this.peek() === COMMA) {
      this.i++;
      if (this.peek() !== IDENT) return fail("expected a second name");
      this.i++;
    }
    if (this.peek() !== IDENT || this.src() !== "in") return fail('expected "in"');
    this.i++;
    children.push(this.expr());
    if (this.peek() !== COLON) return fail('expected ":"');
    this.i++;
    children.push(this.expr());
    if (this.peek() === ARROW) {
      this.i++;
      children.push(this.expr());
      if (this.peek() === ELLIPSIS) this.i++;
    }
    if (this.peek() === IDENT && this.src() === "if") {
      this.i++;
      children.push(this.expr());
    }
    if (this.peek() !== closeKind) return fail(`expected "${closeKind === RBRACK ? "]" : "}"}"`);
    this.i++;
    return this.other("for", this.s(open), this.e(this.i - 1), children);
  }

  /** A quoted template, a heredoc, or (`bare`) a whole token stream of template parts. */
  template(bare?: { start: number; end: number }): HclTemplate {
    const open = this.i;
    const heredoc = !bare && this.k() === OHEREDOC;
    const closeKind = bare ? EOF : heredoc ? CHEREDOC : CQUOTE;
    let marker = "";
    let flushed = false;
    let contentStart: number;
    if (bare) contentStart = bare.start;
    else if (heredoc) {
      const src = this.src(open);
      flushed = src.startsWith("<<-");
      marker = src.slice(flushed ? 3 : 2);
      const nl = this.text.indexOf("\n", this.e(open));
      contentStart = nl === -1 ? this.text.length : nl + 1;
      this.i++;
    } else {
      contentStart = this.e(open);
      this.i++;
    }
    const parts: HclTemplatePart[] = [];
    let exact = true;
    let pure = true;
    for (;;) {
      const k = this.k();
      if (k === LITERAL) {
        const raw = this.src();
        const value = heredoc || bare ? decodeTemplateText(raw) : this.decodeQuoted(raw, this.s());
        if (value !== raw) exact = false;
        parts.push({ kind: "literal", value, start: this.s(), end: this.e() });
        this.i++;
        continue;
      }
      if (k === INTERP) {
        pure = false;
        const seq = this.i;
        const opener = this.src(seq);
        const closer = this.match[seq] ?? -1;
        this.i++;
        const expr = this.withNewlines(false, () => this.expr());
        if (this.withNewlines(false, () => this.peek()) !== SEQEND) {
          this.error(this.s(), `expected "}" to close the \${ … } sequence, found ${this.name()}`);
          if (closer > seq) this.i = closer;
        }
        const stripRight = this.k() === SEQEND && this.src().startsWith("~");
        if (this.k() === SEQEND) this.i++;
        parts.push({ kind: "interpolation", expr, stripLeft: opener.endsWith("~"), stripRight, start: this.s(seq), end: this.e(this.i - 1) });
        continue;
      }
      if (k === CONTROL) {
        pure = false;
        const seq = this.i;
        const closer = this.match[seq] ?? -1;
        const keyword = this.k(seq + 1) === IDENT ? this.src(seq + 1) : "";
        if (closer > seq) this.i = closer + 1;
        else {
          this.i++;
          while (this.k() !== EOF && this.k() !== closeKind) this.skipToken();
        }
        parts.push({ kind: "directive", keyword, start: this.s(seq), end: this.e(this.i - 1) });
        continue;
      }
      break;
    }
    let end: number;
    let contentEnd: number;
    if (this.k() === closeKind && closeKind !== EOF) {
      contentEnd = heredoc ? this.lineStartBefore(this.s()) : this.s();
      end = this.e();
      this.i++;
    } else {
      contentEnd = bare ? bare.end : parts.length > 0 ? (parts[parts.length - 1] as HclTemplatePart).end : contentStart;
      end = bare ? bare.end : contentEnd;
    }
    let value: string | undefined;
    if (pure) {
      value = parts.map((p) => (p.kind === "literal" ? p.value : "")).join("");
      if (flushed) {
        const f = flush(value);
        if (f !== value) exact = false;
        value = f;
      }
    }
    return {
      type: "template",
      heredoc: heredoc ? { marker, flush: flushed } : undefined,
      content: { start: contentStart, end: Math.max(contentStart, contentEnd) },
      parts,
      value,
      exact: pure && exact,
      start: bare ? bare.start : this.s(open),
      end,
    };
  }

  private lineStartBefore(offset: number): number {
    const nl = this.text.lastIndexOf("\n", offset - 1);
    return nl === -1 ? 0 : nl + 1;
  }

  /** A quoted string's text with its escapes decoded (an invalid escape is kept as written, with an error). */
  private decodeQuoted(raw: string, offset: number): string {
    let text = decodeTemplateText(raw);
    if (!raw.includes("\\")) return text;
    text = "";
    let last = 0;
    for (let j = raw.indexOf("\\"); j !== -1 && j < raw.length; j = raw.indexOf("\\", last)) {
      text += decodeTemplateText(raw.slice(last, j));
      const c = raw.charAt(j + 1);
      const simple = ESCAPES[c];
      if (simple !== undefined) {
        text += simple;
        last = j + 2;
        continue;
      }
      const hex = c === "u" ? 4 : c === "U" ? 8 : 0;
      const digits = raw.slice(j + 2, j + 2 + hex);
      const code = hex > 0 && digits.length === hex && /^[0-9a-fA-F]+$/.test(digits) ? parseInt(digits, 16) : -1;
      if (code >= 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)) {
        text += String.fromCodePoint(code);
        last = j + 2 + hex;
        continue;
      }
      this.error(offset + j, `invalid escape sequence \\${c} in a string`);
      text += raw.slice(j, j + 2);
      last = j + 2;
    }
    return text + decodeTemplateText(raw.slice(last));
  }
}

/** A template's literal text: `$${` and `%%{` are the escapes for a literal `${` and `%{`. */
function decodeTemplateText(raw: string): string {
  return raw.includes("${") || raw.includes("%{") ? raw.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{") : raw;
}

function objectKeyName(key: HclExpr): string | undefined {
  if (key.type === "traversal" && key.steps.length === 0) return key.root;
  if (key.type === "template") return key.value;
  if (key.type === "number") return key.text;
  if (key.type === "bool") return String(key.value);
  if (key.type === "null") return "null";
  return undefined;
}

function collector(text: string, known?: readonly number[]): { errors: HclError[]; add: (offset: number, message: string) => void } {
  const errors: HclError[] = [];
  let starts: readonly number[] | undefined = known;
  const seen = new Set<string>();
  return {
    errors,
    add: (offset, message) => {
      if (errors.length >= MAX_ERRORS) return;
      starts ??= lineStarts(text);
      const line = lineOf(starts, offset);
      const key = `${line}\0${message}`;
      if (seen.has(key)) return;
      seen.add(key);
      errors.push({ line, offset, message });
    },
  };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let j = text.indexOf("\n"); j !== -1; j = text.indexOf("\n", j + 1)) starts.push(j + 1);
  return starts;
}

/** Reads an HCL native-syntax file. Never throws; errors are sorted by offset. */
export function parseHcl(text: string): HclFile {
  const { errors, add } = collector(text);
  const lexer = new Lexer(text, 0, add, false);
  lexer.run();
  const parser = new Parser(text, lexer, add);
  const body = parser.parseBody(-1, 0);
  errors.sort((a, b) => a.offset - b.offset);
  return { body: { ...body, end: text.length }, errors };
}

/**
 * Reads `text[start, end)` as a bare template — what HCL's JSON syntax makes of a string value after JSON
 * decoding: `${…}` and `%{…}` sequences, `$${` / `%%{` escapes, no backslash escapes. Offsets are into `text`;
 * `lineStarts` (the file's, when the caller has them) saves computing lines for errors on every call.
 */
export function parseHclTemplate(text: string, start = 0, end = text.length, lineStarts?: readonly number[]): { template: HclTemplate; errors: readonly HclError[] } {
  const { errors, add } = collector(text, lineStarts);
  const lexer = new Lexer(start === 0 && end === text.length ? text : text.slice(start, end), start, add, true);
  lexer.run();
  const template = new Parser(text, lexer, add).template({ start, end });
  errors.sort((a, b) => a.offset - b.offset);
  return { template, errors };
}

/** The attributes of a body, in order. */
export function attributesOf(body: HclBody): HclAttribute[] {
  return body.items.filter((i): i is HclAttribute => i.kind === "attribute");
}

/** The first attribute of that name in a body. */
export function attributeOf(body: HclBody, name: string): HclAttribute | undefined {
  for (const i of body.items) if (i.kind === "attribute" && i.name === name) return i;
  return undefined;
}

/** The blocks of a body, of one type when `type` is given. */
export function blocksOf(body: HclBody, type?: string): HclBlock[] {
  return body.items.filter((i): i is HclBlock => i.kind === "block" && (type === undefined || i.type === type));
}

/** `"${x}"` is `x` in HCL (a template that is one interpolation yields the value itself); parentheses are dropped. */
export function unwrapExpr(expr: HclExpr): HclExpr {
  let e = expr;
  for (let n = 0; n < MAX_DEPTH; n++) {
    if (e.type === "template" && !e.heredoc && e.parts.length === 1) {
      const p = e.parts[0] as HclTemplatePart;
      if (p.kind !== "interpolation" || p.stripLeft || p.stripRight) return e;
      e = p.expr;
    } else if (e.type === "other" && e.what === "parens" && e.children.length === 1) {
      e = e.children[0] as HclExpr;
    } else return e;
  }
  return e;
}

/**
 * A traversal written as a path: `var.x`, `data.aws_iam_policy_document.p.json`, `module.m.out[0]`,
 * `aws_iam_role.r[*].arn` (index keys as written when they are literals, else `[…]`).
 */
export function traversalPath(t: HclTraversal): string {
  let out = t.root;
  for (const s of t.steps) {
    if (s.kind === "attr") out += `.${s.name}`;
    else if (s.kind === "splat") out += "[*]";
    else if (s.key.type === "number") out += `[${s.key.text}]`;
    else if (s.key.type === "template" && s.key.value !== undefined) out += `[${JSON.stringify(s.key.value)}]`;
    else out += "[…]";
  }
  return out;
}
