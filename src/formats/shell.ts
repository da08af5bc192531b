/**
 * Reader for POSIX shell scripts: `*.sh` files, `.envrc`, CI `run:`/`script:` blocks and Dockerfile `RUN`
 * (reference §1.6, §6.6). It reads what can be known of a script without running it:
 *
 * - assignments (`X=v`, `export X=v`, `declare -x X=v`, the prefix assignments of `X=v cmd` and `env X=v cmd`)
 *   as env settings whose value is the word after quote removal, with expansions (`$X`, `${X:-d}`, `$(cmd)`,
 *   backticks) kept as written and classified as references or dynamic values;
 * - the `--profile` / `--region` flags of `aws`, `cdk`, `sam` and `serverless` commands as flag settings;
 * - every other command line, as the shell sees it after joining continuation lines.
 *
 * The tokenizer follows the POSIX grammar as far as these need: quotes (which may span lines), backslash escapes
 * and continuations, comments, operators, redirections, here-documents (whose bodies are skipped), `$'…'`,
 * command substitution (read recursively, for flags only: its assignments happen in a subshell), and the CI
 * template syntax a runner substitutes before the shell starts (`${{ … }}`, `<< … >>`, Azure `$(var)`), which
 * must not be split at its blanks. It never throws; nesting deeper than MAX_NESTING is skipped, not parsed.
 */
import type { EnvCommand, EnvContext } from "../model/env.js";
import type { Located, Setting, SettingValue } from "../model/setting.js";
import type { SourceFile } from "../model/source.js";
import { isLiveFile, rangeOf } from "../model/source.js";
import { providerOfVar } from "../knowledge/env-vars.js";
import { classifyValue, type ReferenceSyntax, type ValueClass } from "../knowledge/references.js";

/** A line of a script and the file offset of its first character (CI readers pass de-indented YAML lines). */
export interface ScriptLine {
  readonly text: string;
  readonly offset: number;
}

/** How a piece of a word was quoted: also the `style` of a value that starts with it. */
type Quoting = "unquoted" | "single" | "double" | "backtick";

interface Part {
  /** For a literal, the text after quote removal; for an expansion, the source text. */
  readonly text: string;
  readonly quoting: Quoting;
  readonly kind: "literal" | "parameter" | "command" | "template";
}

/** A word of the script; `start`/`end` are offsets in the joined script text. */
interface Word {
  readonly start: number;
  readonly end: number;
  readonly parts: readonly Part[];
  /** The simple commands inside its `$(…)` / `<(…)` substitutions. */
  readonly inner: readonly Simple[];
  /** The script ended inside the word (an open quote or substitution, a trailing backslash). */
  readonly unterminated: boolean;
}

interface Simple {
  readonly words: readonly Word[];
}

/** The commands up to an unquoted newline (a "command line" of `EnvCommand`). */
interface CommandLine {
  readonly start: number;
  end: number;
  readonly simples: Simple[];
}

interface Heredoc {
  readonly delimiter: string;
  /** `<<-`: leading tabs are removed from the body lines and the delimiter line. */
  readonly strip: boolean;
}

/** Deeper `$(…)` nesting is skipped by counting parentheses (bounds the recursion on hostile input). */
const MAX_NESTING = 32;

/** Characters that end an unquoted word. */
const METACHARS = new Set([" ", "\t", "\n", ";", "&", "|", "(", ")", "<", ">"]);

/** Operators, longest first so that the first match is the longest. */
const OPERATORS = [
  ";;&", "<<<", "<<-", "&>>",
  "&&", "||", ";;", ";&", "|&", "&>", ">>", ">&", ">|", "<<", "<&", "<>",
  ";", "&", "|", "(", ")", "<", ">",
];
const REDIRECTS = new Set(["<<<", "<<-", "&>>", "&>", ">>", ">&", ">|", "<<", "<&", "<>", "<", ">"]);

/** `NAME=`, `NAME+=`, `NAME[i]=`: the shell reads such a leading word as an assignment, not a command. */
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)(\[[^\]]*\])?(\+?)=/;
/** What precedes the `(` of a bash array assignment `NAME=(a b)`. */
const ARRAY_PREFIX = /^[A-Za-z_][A-Za-z0-9_]*(?:\[[^\]]*\])?\+?=$/;
/** The escapes bash decodes in `$'…'`. */
const ANSI_C_ESCAPES: Readonly<Record<string, string>> = {
  n: "\n", t: "\t", r: "\r", a: "\x07", b: "\b", e: "\x1b", f: "\f", v: "\v", "\\": "\\", "'": "'", '"': '"',
};

/** Words that open or close compound commands: skipped before the command word. */
const RESERVED = new Set(["if", "then", "else", "elif", "fi", "do", "done", "while", "until", "!", "{", "}"]);
/** Compound-command heads whose words are not a command (`for x in a b`, `case $x in`). */
const NOT_COMMANDS = new Set(["for", "case", "esac", "select", "function", "in"]);
/** Builtins whose arguments are assignments (`export X=v`, `declare -x X=v`). */
const DECLARATIONS = new Set(["export", "declare", "typeset", "local", "readonly"]);
/** Commands that run the next word as a command, with their options that take a value. */
const WRAPPERS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ["sudo", new Set(["-u", "-g", "-C", "-D", "-h", "-p", "-R", "-T", "-U"])],
  ["env", new Set(["-u", "-C", "--unset", "--chdir"])],
  ["exec", new Set(["-a"])],
  ["time", new Set(["-f", "-o"])],
  ["nice", new Set(["-n"])],
  ["nohup", new Set<string>()],
  ["command", new Set<string>()],
  ["npx", new Set(["-p", "--package"])],
]);
/**
 * The credential-selecting flags of the cloud command-line tools: the profile and region of the AWS tools,
 * and the OIDC token an `aws sts assume-role-with-web-identity` or `az login --federated-token` exchanges.
 */
const TOOL_FLAGS: ReadonlyMap<string, readonly string[]> = new Map([
  ["aws", ["--profile", "--region", "--web-identity-token"]],
  ["az", ["--federated-token"]],
  ["cdk", ["--profile"]],
  ["sam", ["--profile", "--region"]],
  ["serverless", ["--aws-profile", "--region"]],
  ["sls", ["--aws-profile", "--region"]],
]);
/** `aws` global options that take a value: their values are not positional arguments. */
const AWS_VALUE_FLAGS = new Set([
  "--profile", "--region", "--output", "--endpoint-url", "--query", "--color", "--ca-bundle",
  "--cli-read-timeout", "--cli-connect-timeout", "--cli-binary-format",
]);
/** `aws configure [set|sso|import]` creates the profile its `--profile` names; `get`/`list` only read it. */
const CONFIGURE_DEFINES = new Set(["set", "sso", "import"]);


// Tokenizer

class Tokenizer {
  pos = 0;
  /** Set once the script ends inside a quote, a substitution or after a trailing backslash. */
  truncated = false;
  /** Offsets of the backslashes of `\`-newline continuations (removed from command texts). */
  readonly joins = new Set<number>();
  private nesting = 0;
  /** The last `indexOf` answer per needle (see `find`). */
  private readonly found = new Map<string, { from: number; index: number }>();

  constructor(
    readonly src: string,
    private readonly refs: ReferenceSyntax,
  ) {}

  /** Command lines up to the end of the script, or (nested) up to the `)` closing a substitution. */
  lines(nested: boolean): CommandLine[] {
    const src = this.src;
    const out: CommandLine[] = [];
    const cur: { line: CommandLine | undefined; words: Word[] } = { line: undefined, words: [] };
    let heredocs: Heredoc[] = [];
    let target: "none" | "redirect" | "<<" | "<<-" = "none";
    let depth = 0; // subshells opened in this list
    const endSimple = (keep: boolean): void => {
      if (keep && cur.words.length && cur.line) cur.line.simples.push({ words: cur.words });
      cur.words = [];
    };
    const touch = (start: number, end: number): void => {
      if (!cur.line) {
        cur.line = { start, end, simples: [] };
        out.push(cur.line);
      }
      cur.line.end = end;
    };
    while (this.pos < src.length) {
      const c = src.charAt(this.pos);
      if (c === " " || c === "\t") {
        this.pos++;
      } else if (c === "\\" && src.charAt(this.pos + 1) === "\n") {
        this.joins.add(this.pos);
        this.pos += 2;
      } else if (c === "#") {
        const eol = src.indexOf("\n", this.pos);
        this.pos = eol === -1 ? src.length : eol;
      } else if (c === "\n") {
        endSimple(true);
        cur.line = undefined;
        this.pos++;
        for (const h of heredocs) this.skipHeredoc(h);
        heredocs = [];
      } else if (c === ")" && nested && depth === 0) {
        break;
      } else {
        const op = this.startsWord() ? undefined : OPERATORS.find((o) => src.startsWith(o, this.pos));
        if (op !== undefined) {
          touch(this.pos, this.pos + op.length);
          this.pos += op.length;
          if (REDIRECTS.has(op)) target = op === "<<" || op === "<<-" ? op : "redirect";
          else if (op === "(" && cur.words.length === 1 && /^[ \t]*\)/.test(src.slice(this.pos, this.pos + 64))) {
            // `name() { …; }`: a function definition, not a command.
            this.pos = src.indexOf(")", this.pos) + 1;
            endSimple(false);
          } else if (op === "(") {
            depth++;
            endSimple(true);
          } else if (op === ")") {
            // Unbalanced at the top level: the end of a `case` pattern (`prod)`), not a command.
            endSimple(depth > 0);
            if (depth > 0) depth--;
          } else endSimple(true);
          continue;
        }
        const word = this.word();
        touch(word.start, word.end);
        if (target === "<<" || target === "<<-") heredocs.push({ delimiter: wordText(word), strip: target === "<<-" });
        else if (target === "none" && !(/^\d+$/.test(src.slice(word.start, word.end)) && /[<>]/.test(src.charAt(word.end))))
          cur.words.push(word); // (a redirection target or an `2>` file-descriptor number is not an argument)
        target = "none";
      }
    }
    endSimple(true);
    return out;
  }

  /** Whether a word starts here although the character is an operator character. */
  private startsWord(): boolean {
    const c = this.src.charAt(this.pos);
    return this.templateEnd(this.pos) > 0 || ((c === "<" || c === ">") && this.src.charAt(this.pos + 1) === "(");
  }

  /** Reads one word from `pos`. */
  word(): Word {
    const src = this.src;
    const start = this.pos;
    const parts: Part[] = [];
    const inner: Simple[] = [];
    let lit = "";
    const flush = (): void => {
      if (lit) parts.push({ text: lit, quoting: "unquoted", kind: "literal" });
      lit = "";
    };
    const push = (part: Part): void => {
      flush();
      parts.push(part);
    };
    while (this.pos < src.length) {
      const c = src.charAt(this.pos);
      const template = this.templateEnd(this.pos);
      if (template > 0) {
        push({ text: src.slice(this.pos, template), quoting: "unquoted", kind: "template" });
        this.pos = template;
      } else if ((c === "<" || c === ">") && src.charAt(this.pos + 1) === "(") {
        push(this.substitution(2, "unquoted", inner)); // process substitution
      } else if (c === "(" && ARRAY_PREFIX.test(src.slice(start, this.pos))) {
        push(this.array());
      } else if (METACHARS.has(c)) {
        break;
      } else if (c === "\\") {
        const n = src.charAt(this.pos + 1);
        if (n === "\n") this.joins.add(this.pos);
        else if (n === "") this.truncated = true; // a continuation with nothing to continue
        else lit += n;
        this.pos = Math.min(this.pos + 2, src.length);
      } else if (c === "'") {
        flush();
        this.single(parts);
      } else if (c === '"') {
        flush();
        this.double(parts, inner);
      } else if (c === "`") {
        push(this.backtick("backtick"));
      } else if (c === "$" && src.charAt(this.pos + 1) === "'") {
        push(this.ansiC());
      } else if (c === "$" && src.charAt(this.pos + 1) === '"') {
        this.pos++; // `$"…"`: a translatable string, read as a double-quoted one
        flush();
        this.double(parts, inner);
      } else {
        const expansion = c === "$" ? this.dollar("unquoted", inner) : undefined;
        if (expansion) push(expansion);
        else {
          lit += c;
          this.pos++;
        }
      }
    }
    flush();
    return { start, end: this.pos, parts, inner, unterminated: this.truncated };
  }

  /** End of a CI template that starts at `at` (substituted before the shell runs), or -1. */
  private templateEnd(at: number): number {
    const src = this.src;
    const refs = this.refs;
    const c = src.charAt(at);
    const sticky = (re: RegExp): number => {
      re.lastIndex = at;
      return re.test(src) ? re.lastIndex : -1;
    };
    if (c === "$" && (refs === "github" || refs === "github-run" || refs === "azure-pipelines") && src.startsWith("${{", at)) {
      const close = this.find("}}", at + 3);
      if (close !== -1) return close + 2;
    }
    if (c === "$" && refs === "azure-pipelines" && src.charAt(at + 1) === "[") {
      const close = this.find("]", at + 2);
      const eol = this.find("\n", at + 2);
      return close !== -1 && (eol === -1 || close < eol) ? close + 1 : -1;
    }
    if (c === "$" && refs === "azure-pipelines") return sticky(/\$\([\w.-]+\)/y);
    if (c === "<" && refs === "circleci") return sticky(/<<[ \t]*[\w.-]+[ \t]*>>/y);
    return -1;
  }

  /**
   * `src.indexOf(needle, at)`, remembering the last answer: no occurrence starts between the last search's start
   * and its answer, so a later search from inside that span has the same answer. Keeps a line of many unclosed
   * `${{` linear.
   */
  private find(needle: string, at: number): number {
    const memo = this.found.get(needle);
    if (memo && memo.from <= at && (memo.index === -1 || at <= memo.index)) return memo.index;
    const index = this.src.indexOf(needle, at);
    this.found.set(needle, { from: at, index });
    return index;
  }

  /** A single-quoted string: literal, except for CI templates (the runner substitutes them before the shell). */
  private single(parts: Part[]): void {
    const src = this.src;
    const close = src.indexOf("'", this.pos + 1);
    const end = close === -1 ? src.length : close;
    let from = this.pos + 1;
    const first = parts.length;
    for (let i = from; i < end; i++) {
      const template = this.templateEnd(i);
      if (template < 0 || template > end) continue;
      if (i > from) parts.push({ text: src.slice(from, i), quoting: "single", kind: "literal" });
      parts.push({ text: src.slice(i, template), quoting: "single", kind: "template" });
      from = template;
      i = template - 1;
    }
    if (from < end || parts.length === first) parts.push({ text: src.slice(from, end), quoting: "single", kind: "literal" });
    if (close === -1) this.truncated = true;
    this.pos = Math.min(end + 1, src.length);
  }

  /** Bash `$'…'`: the common backslash escapes are decoded, others kept as written (as bash does). */
  private ansiC(): Part {
    const src = this.src;
    let text = "";
    this.pos += 2;
    for (;;) {
      if (this.pos >= src.length) {
        this.truncated = true;
        break;
      }
      const c = src.charAt(this.pos);
      if (c === "'") {
        this.pos++;
        break;
      }
      if (c === "\\" && this.pos + 1 < src.length) {
        const n = src.charAt(this.pos + 1);
        text += ANSI_C_ESCAPES[n] ?? `\\${n}`;
        this.pos += 2;
      } else {
        text += c;
        this.pos++;
      }
    }
    return { text, quoting: "single", kind: "literal" };
  }

  /** A double-quoted string: `\` escapes only `$ \` " \\` and newline; expansions stay as written. */
  private double(parts: Part[], inner: Simple[]): void {
    const src = this.src;
    const first = parts.length;
    let lit = "";
    const flush = (always: boolean): void => {
      if (lit || (always && parts.length === first)) parts.push({ text: lit, quoting: "double", kind: "literal" });
      lit = "";
    };
    this.pos++;
    for (;;) {
      if (this.pos >= src.length) {
        this.truncated = true;
        break;
      }
      const c = src.charAt(this.pos);
      const template = this.templateEnd(this.pos);
      if (c === '"') {
        this.pos++;
        break;
      }
      if (template > 0) {
        flush(false);
        parts.push({ text: src.slice(this.pos, template), quoting: "double", kind: "template" });
        this.pos = template;
      } else if (c === "\\") {
        const n = src.charAt(this.pos + 1);
        if (n === "\n") this.joins.add(this.pos);
        else if (n === "$" || n === "`" || n === '"' || n === "\\") lit += n;
        else lit += c + n;
        this.pos = Math.min(this.pos + 2, src.length);
      } else if (c === "`") {
        flush(false);
        parts.push(this.backtick("double"));
      } else {
        const expansion = c === "$" ? this.dollar("double", inner) : undefined;
        if (expansion) {
          flush(false);
          parts.push(expansion);
        } else {
          lit += c;
          this.pos++;
        }
      }
    }
    flush(true);
  }

  /** An expansion starting with `$` at `pos`, or undefined when the `$` is a literal dollar sign. */
  private dollar(quoting: Quoting, inner: Simple[]): Part | undefined {
    const src = this.src;
    const start = this.pos;
    const n = src.charAt(start + 1);
    const part = (kind: Part["kind"]): Part => ({ text: src.slice(start, this.pos), quoting, kind });
    if (n === "(" && src.charAt(start + 2) === "(") {
      this.pos = this.balanced(start + 1, "(", ")"); // arithmetic `$((…))`
      return part("command");
    }
    if (n === "(") return this.substitution(2, quoting, inner);
    if (n === "{") {
      this.pos = this.balanced(start + 1, "{", "}");
      return part("parameter");
    }
    if (/[A-Za-z_]/.test(n)) {
      this.pos = start + 1;
      while (/[A-Za-z0-9_]/.test(src.charAt(this.pos))) this.pos++;
      return part("parameter");
    }
    if (n !== "" && "0123456789@*#?$!-".includes(n)) {
      this.pos = start + 2;
      return part("parameter");
    }
    return undefined;
  }

  /** `$(…)` or `<(…)` at `pos` (`skip` is the length of the opener): its commands are read into `inner`. */
  private substitution(skip: number, quoting: Quoting, inner: Simple[]): Part {
    const start = this.pos;
    if (this.nesting >= MAX_NESTING) {
      this.pos = this.balanced(start + skip - 1, "(", ")");
    } else {
      this.pos += skip;
      this.nesting++;
      for (const line of this.lines(true)) inner.push(...line.simples);
      this.nesting--;
      if (this.src.charAt(this.pos) === ")") this.pos++;
      else this.truncated = true;
    }
    return { text: this.src.slice(start, this.pos), quoting, kind: "command" };
  }

  /** A bash array value `NAME=(a b c)`: one dynamic part. */
  private array(): Part {
    const start = this.pos;
    this.pos = this.balanced(start, "(", ")");
    return { text: this.src.slice(start, this.pos), quoting: "unquoted", kind: "command" };
  }

  private backtick(quoting: Quoting): Part {
    const src = this.src;
    const start = this.pos;
    let i = start + 1;
    while (i < src.length && src.charAt(i) !== "`") i += src.charAt(i) === "\\" ? 2 : 1;
    if (i >= src.length) this.truncated = true;
    this.pos = Math.min(i + 1, src.length);
    return { text: src.slice(start, this.pos), quoting, kind: "command" };
  }

  /** The offset after the bracket that closes the one at `open` (counting nesting, skipping escapes). */
  private balanced(open: number, opener: string, closer: string): number {
    const src = this.src;
    let depth = 0;
    for (let i = open; i < src.length; i++) {
      const c = src.charAt(i);
      if (c === "\\") i++;
      else if (c === opener) depth++;
      else if (c === closer && --depth === 0) return i + 1;
    }
    this.truncated = true;
    return src.length;
  }

  private skipHeredoc(h: Heredoc): void {
    const src = this.src;
    while (this.pos < src.length) {
      const eol = src.indexOf("\n", this.pos);
      const end = eol === -1 ? src.length : eol;
      const line = src.slice(this.pos, end);
      this.pos = Math.min(end + 1, src.length);
      if ((h.strip ? line.replace(/^\t+/, "") : line) === h.delimiter) return;
    }
  }
}

function wordText(word: Word): string {
  return word.parts.map((p) => p.text).join("");
}


// What a simple command does

/** A simple command as this reader sees it: the assignments it makes and the command it runs (if any). */
interface Reading {
  readonly assignments: readonly Word[];
  /**
   * The assignments that only set a shell variable: `x=v` alone on its line, `local`/`readonly`/`typeset`,
   * `declare` without `-x`. Programs the script runs do not see them (unless exported later).
   */
  readonly shellOnly?: ReadonlySet<Word>;
  readonly command?: { readonly name: string; readonly args: readonly Word[] };
}

function readSimple(src: string, words: readonly Word[]): Reading {
  const raw = (w: Word | undefined): string => (w ? src.slice(w.start, w.end) : "");
  const assignments: Word[] = [];
  let i = 0;
  while (i < words.length && RESERVED.has(raw(words[i]))) i++;
  if (NOT_COMMANDS.has(raw(words[i]))) return { assignments };
  while (i < words.length && ASSIGNMENT.test(raw(words[i]))) assignments.push(words[i++] as Word);
  let head = words[i];
  // Assignments alone on a line set shell variables; before a command they are that command's environment.
  if (!head) return { assignments, shellOnly: new Set(assignments) };
  let name = wordText(head);
  if (DECLARATIONS.has(name)) {
    const declared = words.slice(i + 1).filter((w) => ASSIGNMENT.test(raw(w)));
    assignments.push(...declared);
    const exports = name === "export" || words.slice(i + 1).some((w) => /^-[a-zA-Z]*x/.test(raw(w)));
    return { assignments, ...(exports ? {} : { shellOnly: new Set(declared) }) };
  }
  for (let options = WRAPPERS.get(basename(name)); options; options = WRAPPERS.get(basename(name))) {
    const isEnv = basename(name) === "env";
    i++;
    for (let w = words[i]; w; w = words[i]) {
      if (isEnv && ASSIGNMENT.test(raw(w))) assignments.push(w);
      else if (!wordText(w).startsWith("-")) break;
      i += options.has(wordText(w)) ? 2 : 1;
    }
    head = words[i];
    if (!head) return { assignments, command: { name, args: [] } };
    name = wordText(head);
  }
  return { assignments, command: { name, args: words.slice(i + 1) } };
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/**
 * What a POSIX shell assigns when it runs one line: variable name → value, or null when the value is not
 * static (an expansion). Prefix assignments count (`KEY=a b` runs `b` with KEY=a; `KEY= v` gives ""). A line
 * that ends inside a quote or with a continuation is not complete: nothing is returned for it. The dotenv
 * reader uses this for its "a shell's source" alternatives.
 */
export function shellAssignments(line: string): Map<string, string | null> {
  const tok = new Tokenizer(line, "none");
  const out = new Map<string, string | null>();
  const lines = tok.lines(false);
  if (tok.truncated) return out;
  for (const l of lines) {
    for (const simple of l.simples) {
      for (const w of readSimple(line, simple.words).assignments) {
        const m = ASSIGNMENT.exec(line.slice(w.start, w.end));
        if (!m?.[1] || m[2] || m[3]) continue;
        tok.pos = w.start + m[0].length;
        const value = tok.word();
        out.set(m[1], value.parts.every((p) => p.kind === "literal") ? wordText(value) : null);
      }
    }
  }
  return out;
}


// Settings and commands

/** The state of one `readShellLines` call. */
interface Script {
  readonly file: SourceFile;
  readonly tok: Tokenizer;
  readonly where: string;
  readonly refs: ReferenceSyntax;
  /** File offset of a script-text offset. */
  readonly offset: (at: number) => number;
  readonly own: Setting[];
}

/**
 * Reads a script given as lines (joined with newlines, as the shell reads them): its assignments and tool flags
 * as settings (in script order), and its command lines other than pure assignments and declarations (a line
 * whose `$(…)` or backticks run a command counts as a command line). Backtick substitutions are not read for
 * flags: their text needs another level of unescaping and they are rare in the scripts that matter.
 */
export function readShellLines(
  file: SourceFile,
  lines: readonly ScriptLine[],
  options: { where: string; references: ReferenceSyntax },
): { own: Setting[]; commands: EnvCommand[] } {
  const starts: number[] = [];
  let total = 0;
  for (const l of lines) {
    starts.push(total);
    total += l.text.length + 1;
  }
  const offset = (at: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= at) lo = mid;
      else hi = mid - 1;
    }
    const line = lines[lo];
    if (!line) return 0;
    return Math.max(0, Math.min(file.text.length, line.offset + Math.min(at - (starts[lo] ?? 0), line.text.length)));
  };
  const src = lines.map((l) => l.text).join("\n");
  const tok = new Tokenizer(src, options.references);
  const script: Script = { file, tok, where: options.where, refs: options.references, offset, own: [] };
  const commands: EnvCommand[] = [];
  for (const line of tok.lines(false)) {
    let runs = false;
    for (const simple of line.simples) {
      const reading = readSimple(src, simple.words);
      for (const w of reading.assignments) assignment(script, w, reading.shellOnly?.has(w) === true);
      if (reading.command) {
        runs = true;
        toolFlags(script, reading.command.name, reading.command.args);
      }
      for (const w of simple.words) {
        for (const s of w.inner) runs = innerCommand(script, s) || runs;
        runs ||= w.parts.some((p) => p.kind === "command" && p.text.startsWith("`"));
      }
    }
    if (runs) commands.push({ text: commandText(tok, line), range: rangeOf(file, offset(line.start), offset(line.end)) });
  }
  const own = script.own
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.range.start.line - b.s.range.start.line || a.s.range.start.column - b.s.range.start.column || a.i - b.i)
    .map((x) => x.s);
  return { own, commands };
}

/**
 * A command inside `$(…)`: runs in a subshell, so only its tool flags count. Returns whether it runs a command
 * (`CREDS=$(aws sts assume-role …)` is a command line, not only an assignment).
 */
function innerCommand(script: Script, simple: Simple): boolean {
  const reading = readSimple(script.tok.src, simple.words);
  let runs = reading.command !== undefined;
  if (reading.command) toolFlags(script, reading.command.name, reading.command.args);
  for (const w of simple.words) for (const s of w.inner) runs = innerCommand(script, s) || runs;
  return runs;
}

/** The command line as the shell sees it: `\`-newline continuations removed. */
function commandText(tok: Tokenizer, line: CommandLine): string {
  let text = "";
  let from = line.start;
  for (let i = line.start; i < line.end; i++) {
    if (!tok.joins.has(i)) continue;
    text += tok.src.slice(from, i);
    from = i + 2;
    i++;
  }
  return text + tok.src.slice(from, Math.max(from, line.end));
}

function located(script: Script, start: number, end: number): Located {
  const a = script.offset(start);
  const b = script.offset(end);
  return { text: script.file.text.slice(a, b), range: rangeOf(script.file, a, b) };
}

/** Reads the word that starts at `at` (inside a word already read: the value after `NAME=` or `--flag=`). */
function wordAt(script: Script, at: number): Word {
  script.tok.pos = at;
  return script.tok.word();
}

function classify(word: Word, refs: ReferenceSyntax): ValueClass {
  if (word.parts.some((p) => p.kind === "command")) return { kind: "dynamic" };
  const expands = word.parts.some((p) => p.kind !== "literal");
  const c = classifyValue(wordText(word), refs, expands);
  // `$1`, `$HOME/x`: an expansion the classifier does not know is still not a literal.
  return c.kind === "literal" && expands ? { kind: "dynamic" } : c;
}

function valueOf(script: Script, word: Word): SettingValue {
  const { text: raw, range } = located(script, word.start, word.end);
  const c = classify(word, script.refs);
  if (c.kind === "literal") return { kind: "literal", value: wordText(word), raw, range };
  if (c.kind === "reference") return { kind: "reference", target: c.target, raw, range };
  return { kind: "dynamic", raw, range };
}

function styleOf(word: Word): string {
  return word.parts[0]?.quoting ?? "unquoted";
}

/** `NAME=value` (as a word of its own or an argument of `export`/`declare`/`env`). */
function assignment(script: Script, w: Word, shellOnly: boolean): void {
  const m = ASSIGNMENT.exec(script.tok.src.slice(w.start, w.end));
  if (!m?.[1] || m[2] || m[3]) return; // `A[i]=v` and `A+=v` do not set the whole variable
  const name = m[1];
  const valueStart = w.start + m[0].length;
  const src = script.tok.src;
  const value: Word =
    src.charAt(valueStart) === "("
      ? { start: valueStart, end: w.end, parts: [{ text: src.slice(valueStart, w.end), quoting: "unquoted", kind: "command" }], inner: [], unterminated: false }
      : wordAt(script, valueStart);
  script.own.push({
    file: script.file,
    provider: providerOfVar(name),
    key: located(script, w.start, w.start + name.length),
    value: valueOf(script, value),
    range: located(script, w.start, value.end).range,
    where: script.where,
    syntax: "env",
    style: styleOf(value),
    ...(shellOnly ? { shellOnly: true as const } : {}),
  });
}

/** `--profile X`, `--profile=X`, `--region X` of the AWS tools. */
function toolFlags(script: Script, command: string, args: readonly Word[]): void {
  const tool = basename(command);
  const flags = TOOL_FLAGS.get(tool);
  if (!flags) return;
  const src = script.tok.src;
  const raw = (w: Word): string => src.slice(w.start, w.end);
  const defines = tool === "aws" && definesProfile(args.map(raw));
  args.forEach((w, i) => {
    const text = raw(w);
    for (const flag of flags) {
      let value: Word | undefined;
      const next = args[i + 1];
      if (text === flag) value = next && !raw(next).startsWith("-") ? next : undefined; // not `--profile --region x`
      else if (text.startsWith(`${flag}=`)) value = wordAt(script, w.start + flag.length + 1);
      if (!value) continue;
      const key = located(script, w.start, w.start + flag.length);
      script.own.push({
        file: script.file,
        provider: tool === "az" ? "azure" : "aws",
        key,
        value: valueOf(script, value),
        range: located(script, w.start, value.end).range,
        where: script.where,
        syntax: "flag",
        style: defines && flag === "--profile" ? "defines" : styleOf(value),
      });
    }
  });
}

/** `aws configure`, `aws configure set …`, `aws configure sso`: the command creates the named profile. */
function definesProfile(args: readonly string[]): boolean {
  const positional = args.filter((a, i) => !a.startsWith("-") && !AWS_VALUE_FLAGS.has(args[i - 1] ?? ""));
  const sub = positional[1];
  return positional[0] === "configure" && (sub === undefined || CONFIGURE_DEFINES.has(sub));
}


// Script files

/** The lines of a file as script lines (split at LF only: a CR stays in the line, as it does for the shell). */
export function scriptLinesOf(file: SourceFile): ScriptLine[] {
  return file.lineStarts.map((start, i) => {
    const next = file.lineStarts[i + 1];
    return { text: file.text.slice(start, next === undefined ? file.text.length : next - 1), offset: start };
  });
}

/** A `*.sh` / `*.bash` script: one env context with its assignments, tool flags and commands. */
export function parseShellFile(file: SourceFile): { env: EnvContext; settings: Setting[] } {
  const read = readShellLines(file, scriptLinesOf(file), { where: file.path, references: "shell" });
  const env: EnvContext = {
    kind: "env",
    file,
    syntax: "shell",
    where: file.path,
    anchor: rangeOf(file, 0, 0),
    own: read.own,
    commands: read.commands,
    live: isLiveFile(file),
  };
  return { env, settings: read.own };
}
