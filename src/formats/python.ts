/**
 * Python reader: SDK calls, environment writes and settings modules in `*.py` files become `SdkCall`s, an
 * `EnvContext` and Settings with exact ranges (reference §7.3–7.5), read from the tokens of ./python-tokens.ts.
 *
 * Read:
 * - imports (`import boto3 as b3`, `from boto3.session import Session as S`, `from os import environ`, in any
 *   scope); only calls whose callee resolves through them are read, as in the JS/TS reader. The callees and
 *   their parameters are data (src/knowledge/python-sdk.ts): boto3 `client`/`resource`/`Session`/
 *   `setup_default_session`, botocore `Config` and sessions, Azure credential classes and
 *   `from_connection_string`, Google service-account credentials and `google.cloud.*.Client`.
 * - the methods of a session (`s.client(…)`, `s.resource(…)`, botocore `create_client`/`set_credentials`)
 *   when `s` is assigned only recognised session calls in the scope the name resolves to, and
 *   `boto3.Session(…).client(…)` chained: each a call of its own with its own arguments.
 * - arguments: keywords (the key as written), positional ones by the callee's parameter order (the key is the
 *   canonical option name: `connectionString`, `tenantId`, `region`), `**{…}` and `**CONSTANT` dicts; a
 *   service-account `info` dict is read key by key.
 * - values: string literals (every prefix; implicit concatenation), `os.environ["X"]`, `os.environ.get("X")`,
 *   `os.getenv("X")` (also `… or default`) as references, and bare names followed (up to 5 steps) to the one
 *   assignment they have in the scope Python resolves them in — module constants, or a function's locals.
 *   Everything else is dynamic: f-strings with fields, `%`/`.format`, calls, attributes, `None`.
 * - `os.environ["X"] = v`, `os.environ.setdefault`, `os.environ.update`, `os.putenv`: one env context per file.
 * - settings modules (by name, or text naming a storage backend): assignments of the names django-storages,
 *   django-s3-storage and Flask-S3 pass to boto3, at module level and in module-level classes (Flask config
 *   classes); `app.config["AWS_…"] = …` anywhere.
 *
 * Deliberately missed: values from other modules (`from .settings import KEY`), attributes (`self.session`,
 * `settings.AWS_KEY`), names assigned more than once or from a function with `global`, `*args`, match/case
 * bodies' bindings, `with … as s` sessions, aioboto3/aiobotocore, Azure clients' `credential=` constructors,
 * django-environ/decouple `env("X")` calls (dynamic), and Unicode names in `\N{…}` escapes (kept as written).
 */
import { EMPTY_RESULT, type FormatResult } from "./format.js";
import { stringValue, tokenizePython, type PyTokens } from "./python-tokens.js";
import { providerOfVar } from "../knowledge/env-vars.js";
import { isLiveConfig } from "../knowledge/paths.js";
import {
  AWS_OPTION_ALIASES,
  AZURE_OPTION_ALIASES,
  GCP_OPTION_ALIASES,
  PYTHON_CALLEES,
  PYTHON_PACKAGES,
  SESSION_METHODS,
  SETTINGS_OPTION_ALIASES,
  STS_REQUEST_METHODS,
  type PythonCallee,
  type PythonSessionKind,
} from "../knowledge/python-sdk.js";
import type { EnvContext } from "../model/env.js";
import { makeSdkCall, type SdkCall } from "../model/sdk-call.js";
import type { Located, Provider, Setting, SettingSyntax, SettingValue } from "../model/setting.js";
import { rangeOf, type Range, type SourceFile } from "../model/source.js";

const KEYWORDS = /boto3|botocore|\bazure\.|\bgoogle\.|\benviron\b|putenv|\bAWS_|FLASKS3_/;

/** Whether a Python file can hold anything this reader reads: a file that fails is not tokenized. */
export function mayHoldPythonConfig(text: string): boolean {
  return KEYWORDS.test(text);
}

/** How many steps a name is followed to its value, and how deep `**dict` splats are read. */
const MAX_DEPTH = 5;
/** The longest dotted callee read (`a.b.c…(`); longer chains are no SDK call. */
const MAX_CHAIN = 16;

const ALIASES: Readonly<Record<PythonCallee["provider"], Readonly<Record<string, string>>>> = {
  aws: AWS_OPTION_ALIASES,
  azure: AZURE_OPTION_ALIASES,
  gcp: GCP_OPTION_ALIASES,
};

/** Statements that end in a `:` and a block (their header is read for calls and the names it binds). */
const COMPOUND = new Set(["if", "elif", "else", "for", "while", "with", "try", "except", "finally", "def", "class", "async"]);
const AUGMENTED = new Set(["+=", "-=", "*=", "/=", "//=", "%=", "**=", ">>=", "<<=", "&=", "^=", "|=", "@="]);

/**
 * A Django settings or Flask config module: by name (`settings.py`, `local_settings.py`, `settings_prod.py`,
 * `config.py`, `app_config.py`, anything in a `settings/` or `config/` folder), or by what it configures.
 */
const SETTINGS_PATH =
  /(?:^|\/)(?:settings|config|conf)\/[^/]+\.py$|(?:^|\/)(?:[a-z0-9]+[_-])?(?:settings|config|conf|configuration)\.py$|(?:^|\/)(?:settings|config)[_-][\w-]+\.py$/i;
const SETTINGS_TEXT = /storages\.backends|\bSTORAGES\s*=|\bDEFAULT_FILE_STORAGE\b|django_s3_storage|\bFlaskS3\b|\bFLASKS3_/;

export function isSettingsModule(file: SourceFile): boolean {
  return SETTINGS_PATH.test(file.path) || SETTINGS_TEXT.test(file.text);
}

/** A token range [start, end) of the code tokens. */
interface Span {
  readonly start: number;
  readonly end: number;
}

interface Scope {
  readonly kind: "module" | "def" | "class";
  readonly parent?: Scope;
  /** The indent of the `def`/`class` line (-1 for the module). */
  readonly indent: number;
  readonly name: string;
  /** Every binding of each name in the scope, in order. */
  readonly bindings: Map<string, Binding[]>;
  /** Names declared `global` (or `nonlocal`) here: not local. */
  readonly globals: Set<string>;
}

/** `name = value` has a value; a parameter, loop variable, import, `+=` or tuple target has none. */
interface Binding {
  readonly value?: Span;
  readonly scope: Scope;
}

interface Statement {
  readonly span: Span;
  readonly scope: Scope;
  /** A compound statement's header (`def f(…)`, `for x in …`, `with …`): read for calls only. */
  readonly header: boolean;
}

interface Import {
  /** The dotted path the local name stands for (`boto3`, `boto3.session.Session`). */
  readonly path: string;
  /** The imported name, when `from … import X as Y` renamed it. */
  readonly renamedFrom?: string;
}

/** An argument of a call: positional, `name=value`, `*args` or `**kwargs`. */
type Argument =
  | { readonly kind: "positional"; readonly span: Span }
  | { readonly kind: "keyword"; readonly name: number; readonly value: Span; readonly span: Span }
  | { readonly kind: "star" }
  | { readonly kind: "double-star"; readonly value: Span };

/** A `"key": value` entry of a dict literal (read through `**` splats). */
interface Entry {
  readonly key: Located;
  readonly value: Span;
  readonly scope: Scope;
  readonly span: Span;
}

/** A callee as written: its dotted names and where they are. */
interface Chain {
  readonly names: readonly string[];
  readonly span: Span;
}

/** What a call site calls. */
type Target =
  | { readonly kind: "sdk"; readonly entry: PythonCallee; readonly path: string }
  | { readonly kind: "method"; readonly session: PythonSessionKind; readonly method: string; readonly display?: string }
  /** An STS request on an STS client (`sts.assume_role(…)`); `client` is the `(` of the client's creating call. */
  | { readonly kind: "sts"; readonly method: string; readonly client: number; readonly display?: string };

/** The pip package of a callee's module: its segments before the first class name, `.aio` left out. */
function packageOf(path: string): string {
  const segments = path.split(".");
  const cls = segments.findIndex((s) => /^[A-Z]/.test(s));
  const module = segments
    .slice(0, cls === -1 ? segments.length - 1 : cls)
    .filter((s) => s !== "aio")
    .join(".");
  const known = PYTHON_PACKAGES.find((p) => module === p.module || module.startsWith(`${p.module}.`));
  return known ? known.package : module.replace(/\./g, "-");
}

/** The settings label and SDK of a settings module: Flask-S3 when the file is a Flask app's, else django-storages. */
function settingsSdk(text: string): { display: string; sdk: string } {
  return /\bflask/i.test(text) ? { display: "Flask config", sdk: "Flask-S3" } : { display: "django-storages settings", sdk: "django-storages" };
}

function byPosition(a: { range: Range }, b: { range: Range }): number {
  return a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column;
}

class Reader {
  private readonly calls: SdkCall[] = [];
  private readonly envSettings: Setting[] = [];
  /** The code's tokens, comments left out. */
  private readonly t: PyTokens;
  private readonly statements: Statement[] = [];
  private readonly imports = new Map<string, Import>();
  private readonly module: Scope = { kind: "module", indent: -1, name: "", bindings: new Map(), globals: new Set() };
  private readonly stack: Scope[] = [this.module];
  /** Module names some function assigns after declaring them `global`: never constants. */
  private readonly globalWrites = new Set<string>();
  private inLambdaHandler = false;
  /** Which names hold sessions, by their binding lists (null: none, or being decided). */
  private readonly sessions = new Map<readonly Binding[], PythonSessionKind | null>();
  /** The SDK call read at each `(`: a request finds the client it is made through. */
  private readonly callsAt = new Map<number, SdkCall>();

  constructor(private readonly file: SourceFile) {
    this.t = tokenizePython(file.text, { comments: false });
    this.readLines();
  }

  /** The SDK calls (settings modules as calls too) and the environment writes, each in file order. */
  read(): { calls: SdkCall[]; env: Setting[] } {
    const flask: Setting[] = [];
    for (const s of this.statements) {
      this.readCalls(s);
      if (!s.header) this.readTargets(s, flask);
    }
    if (isSettingsModule(this.file)) this.readSettingsModule();
    this.settingsCall(flask, "Flask config", "Flask config", "Flask-S3");
    return { calls: this.calls.sort(byPosition), env: this.envSettings.sort(byPosition) };
  }

  /** The storage settings of a settings module: one call for the module's, one per module-level class. */
  private readSettingsModule(): void {
    const { display, sdk } = settingsSdk(this.file.text);
    const byScope = new Map<Scope, Setting[]>();
    for (const s of this.statements) {
      const level = s.scope === this.module || (s.scope.kind === "class" && s.scope.parent === this.module);
      if (s.header || !level) continue;
      const label = s.scope === this.module ? display : `${display} (class ${s.scope.name})`;
      const own = byScope.get(s.scope) ?? [];
      own.push(...this.settingsAssignment(s, `${label} in ${this.file.path}`));
      byScope.set(s.scope, own);
    }
    for (const [scope, own] of byScope) this.settingsCall(own, display, scope === this.module ? display : `${display} (class ${scope.name})`, sdk);
  }

  // Tokens

  /** A token's text (sliced on demand: most tokens are only compared, with `is`). */
  private text(i: number): string {
    const start = this.t.start(i);
    return start === -1 ? "" : this.file.text.slice(start, this.t.end(i));
  }

  /** Whether the token at `i` is spelled `word`, compared in place. */
  private is(i: number, word: string): boolean {
    const start = this.t.start(i);
    return start !== -1 && this.t.end(i) - start === word.length && this.file.text.startsWith(word, start);
  }

  private isOp(i: number, op: string): boolean {
    return this.t.kind(i) === "op" && this.is(i, op);
  }

  private isName(i: number, word?: string): boolean {
    return this.t.kind(i) === "name" && (word === undefined || this.is(i, word));
  }

  /** The index after the token at `i`, a whole bracket group when it opens one (to `end` when unmatched). */
  private skip(i: number, end: number): number {
    const m = this.t.match(i);
    if (m > i) return m + 1;
    if (m === -1 && this.t.kind(i) === "op" && "([{".includes(this.file.text.charAt(this.t.start(i)))) return end;
    return i + 1;
  }

  /** The first top-level token spelled `word` (an operator or a keyword) in a span, or -1. */
  private findTop(span: Span, word: string): number {
    for (let k = span.start; k < span.end; k = this.skip(k, span.end)) if (this.is(k, word) && this.t.kind(k) !== "string") return k;
    return -1;
  }

  /** A span split at its top-level commas (empty parts left out). */
  private splitCommas(span: Span): Span[] {
    const parts: Span[] = [];
    let start = span.start;
    for (let k = span.start; k < span.end; k = this.skip(k, span.end)) {
      if (!this.isOp(k, ",")) continue;
      if (k > start) parts.push({ start, end: k });
      start = k + 1;
    }
    if (span.end > start) parts.push({ start, end: span.end });
    return parts;
  }

  /** A span without the parentheses that wrap all of it. */
  private unwrap(span: Span): Span {
    let s = span;
    while (s.end - s.start >= 2 && this.isOp(s.start, "(") && this.t.match(s.start) === s.end - 1) s = { start: s.start + 1, end: s.end - 1 };
    return s;
  }

  /** The text offsets of a span; an empty span (`f(a=)`) is empty where it stands. */
  private offsets(span: Span): [number, number] {
    const first = this.t.start(span.start);
    const start = first === -1 ? this.file.text.length : first;
    const last = span.end > span.start ? this.t.end(span.end - 1) : -1;
    return [start, last === -1 ? start : last];
  }

  private range(span: Span): Range {
    const [start, end] = this.offsets(span);
    return rangeOf(this.file, start, end);
  }

  private located(span: Span, text?: string): Located {
    const [start, end] = this.offsets(span);
    return { text: text ?? this.file.text.slice(start, end), range: rangeOf(this.file, start, end) };
  }

  // Statements, scopes and bindings

  private readLines(): void {
    let start = 0;
    for (let i = 0; i < this.t.count; i++) {
      if (this.t.kind(i) !== "newline") continue;
      if (i > start) this.readLine({ start, end: i });
      start = i + 1;
    }
  }

  private readLine(line: Span): void {
    const indent = this.t.indent(line.start);
    while (this.stack.length > 1 && indent <= (this.stack[this.stack.length - 1] as Scope).indent) this.stack.pop();
    let scope = this.stack[this.stack.length - 1] as Scope;
    let start = line.start;
    let k = start;
    while (k < line.end) {
      if (k === start && this.isName(k) && COMPOUND.has(this.text(k))) {
        const colon = this.findTop({ start: k, end: line.end }, ":");
        if (colon !== -1) {
          const header = { start, end: colon };
          this.statements.push({ span: header, scope, header: true });
          scope = this.readHeader(header, scope, indent);
          start = colon + 1;
          k = start;
          continue;
        }
      }
      if (this.isOp(k, ";")) {
        if (k > start) this.statement({ start, end: k }, scope);
        start = k + 1;
        k = start;
        continue;
      }
      k = this.skip(k, line.end);
    }
    if (line.end > start) this.statement({ start, end: line.end }, scope);
  }

  /** Records a binding; a name the scope declared `global` is written in the module, which makes it no constant. */
  private bind(scope: Scope, name: string, value?: Span): void {
    if (scope.globals.has(name) && scope.kind !== "module") {
      this.globalWrites.add(name);
      return;
    }
    const list = scope.bindings.get(name) ?? [];
    list.push(value ? { value, scope } : { scope });
    scope.bindings.set(name, list);
  }

  /**
   * Every name a target binds (`a, *b = …`, `[x, (y, z)] = …`, `for k, v in …`), none of them with a known
   * value. Attributes and subscripts (`self.x`, `d[k]`) bind no name: their parts are skipped.
   */
  private bindAll(span: Span, scope: Scope): void {
    for (let k = span.start; k < span.end; k++) {
      const applied = k > span.start && this.t.match(k) > k && (this.isName(k - 1) || this.isOp(k - 1, ")") || this.isOp(k - 1, "]"));
      if (applied) k = this.t.match(k);
      else if (this.isName(k) && !this.isOp(k - 1, ".") && !this.isOp(k + 1, ".") && !this.isOp(k + 1, "[") && !this.isOp(k + 1, "(")) this.bind(scope, this.text(k));
    }
  }

  /** A compound statement's header: the scope its block opens (a def or class), and the names it binds. */
  private readHeader(header: Span, scope: Scope, indent: number): Scope {
    let k = header.start;
    if (this.isName(k, "async")) k++;
    const word = this.text(k);
    if (word === "def" || word === "class") {
      const name = this.isName(k + 1) ? this.text(k + 1) : "";
      this.bind(scope, name);
      const inner: Scope = { kind: word, parent: scope, indent, name, bindings: new Map(), globals: new Set() };
      if (word === "def") this.readParams(k + 2, inner, scope);
      this.stack.push(inner);
      return inner;
    }
    if (word === "for") {
      const inAt = this.findTop({ start: k + 1, end: header.end }, "in");
      this.bindAll({ start: k + 1, end: inAt === -1 ? header.end : inAt }, scope);
    }
    for (let j = k; j < header.end; j++) if (this.isName(j, "as") && this.isName(j + 1)) this.bind(scope, this.text(j + 1));
    this.bindWalrus(header, scope);
    return scope;
  }

  /** A def's parameters (bound in its scope), and whether it is a Lambda handler. */
  private readParams(open: number, inner: Scope, outer: Scope): void {
    const close = this.t.match(open);
    if (!this.isOp(open, "(") || close === -1) return;
    const names: string[] = [];
    for (const part of this.splitCommas({ start: open + 1, end: close })) {
      let k = part.start;
      while (this.isOp(k, "*") || this.isOp(k, "**")) k++;
      if (this.isName(k) && k < part.end) names.push(this.text(k));
    }
    for (const n of names) this.bind(inner, n);
    if (outer === this.module && (inner.name === "lambda_handler" || (inner.name === "handler" && names.join(",") === "event,context"))) this.inLambdaHandler = true;
  }

  private bindWalrus(span: Span, scope: Scope): void {
    for (let k = span.start + 1; k < span.end; k++) if (this.isOp(k, ":=") && this.isName(k - 1)) this.bind(scope, this.text(k - 1));
  }

  private statement(span: Span, scope: Scope): void {
    this.statements.push({ span, scope, header: false });
    const first = span.start;
    if (this.isName(first, "import") || this.isName(first, "from")) return this.readImport(span, scope);
    if (this.isName(first, "global") || this.isName(first, "nonlocal")) {
      for (let k = span.start + 1; k < span.end; k++) if (this.isName(k)) scope.globals.add(this.text(k));
      return;
    }
    if (this.isName(first, "del")) return this.bindAll({ start: span.start + 1, end: span.end }, scope);
    this.bindWalrus(span, scope);
    const parts = this.assignmentParts(span);
    if (parts.length > 1) {
      const value = parts[parts.length - 1] as Span;
      for (const target of parts.slice(0, -1)) this.bindTarget(target, value, scope);
      return;
    }
    const augmented = this.findAugmented(span);
    if (augmented !== -1) this.bindAll({ start: span.start, end: augmented }, scope);
  }

  /** A statement split at its top-level `=`: targets, then the value (one part: no assignment). */
  private assignmentParts(span: Span): Span[] {
    const parts: Span[] = [];
    let start = span.start;
    for (let k = span.start; k < span.end; k = this.skip(k, span.end)) {
      // A lambda's default (`f = lambda x=1: x`) is part of the value.
      if (this.isName(k, "lambda")) break;
      if (!this.isOp(k, "=")) continue;
      parts.push({ start, end: k });
      start = k + 1;
    }
    parts.push({ start, end: span.end });
    return parts;
  }

  private findAugmented(span: Span): number {
    for (let k = span.start; k < span.end; k = this.skip(k, span.end)) if (this.t.kind(k) === "op" && AUGMENTED.has(this.text(k))) return k;
    return -1;
  }

  /** `name = …` and `name: T = …` bind a value; tuples and starred targets bind names without one. */
  private bindTarget(target: Span, value: Span, scope: Scope): void {
    const single = target.end - target.start === 1 || this.isOp(target.start + 1, ":");
    if (this.isName(target.start) && single) this.bind(scope, this.text(target.start), value);
    else this.bindAll(target, scope);
  }

  private readImport(span: Span, scope: Scope): void {
    if (this.isName(span.start, "import")) {
      for (const part of this.splitCommas({ start: span.start + 1, end: span.end })) {
        const { dotted, next } = this.dotted(part.start, part.end);
        if (!dotted) continue;
        const alias = this.isName(next, "as") && this.isName(next + 1) ? this.text(next + 1) : undefined;
        const local = alias ?? (dotted.split(".")[0] as string);
        this.imports.set(local, { path: alias ? dotted : local });
        this.bind(scope, local);
      }
      return;
    }
    const { dotted: module, next } = this.dotted(span.start + 1, span.end);
    if (!module || !this.isName(next, "import")) return;
    const names = this.unwrap({ start: next + 1, end: span.end });
    for (const part of this.splitCommas(names)) {
      if (!this.isName(part.start)) continue;
      const name = this.text(part.start);
      const alias = this.isName(part.start + 1, "as") && this.isName(part.start + 2) ? this.text(part.start + 2) : undefined;
      this.imports.set(alias ?? name, { path: `${module}.${name}`, ...(alias ? { renamedFrom: name } : {}) });
      this.bind(scope, alias ?? name);
    }
  }

  /** A dotted name at `k` (`boto3.session`); relative imports (`.x`) have none. */
  private dotted(k: number, end: number): { dotted: string; next: number } {
    if (!this.isName(k) || k >= end) return { dotted: "", next: k };
    const names = [this.text(k)];
    let j = k + 1;
    while (j + 1 < end && this.isOp(j, ".") && this.isName(j + 1)) {
      names.push(this.text(j + 1));
      j += 2;
    }
    return { dotted: names.join("."), next: j };
  }

  // Names

  /** The bindings a name resolves to from `scope`, as Python resolves it (class bodies are not enclosing scopes). */
  private bindingsOf(name: string, scope: Scope): { list: readonly Binding[]; scope: Scope } | undefined {
    let s: Scope | undefined = scope;
    while (s) {
      if (s.globals.has(name)) s = this.module;
      const list = s.bindings.get(name);
      if (list) return { list, scope: s };
      do s = s.parent;
      while (s && s.kind === "class");
    }
    return undefined;
  }

  /** The value a name was given, when it has exactly one assignment where it resolves. */
  private constant(name: string, scope: Scope): Binding | undefined {
    const found = this.bindingsOf(name, scope);
    if (!found || found.list.length !== 1) return undefined;
    if (found.scope === this.module && this.globalWrites.has(name)) return undefined;
    const b = found.list[0];
    return b?.value ? b : undefined;
  }

  /** What a dotted callee stands for through the imports (`b3.client` → `boto3.client`). */
  private importPath(names: readonly string[]): string | undefined {
    const base = this.imports.get(names[0] ?? "");
    return base ? [base.path, ...names.slice(1)].join(".") : undefined;
  }

  // Values

  private value(span: Span, scope: Scope, depth = 0): SettingValue {
    const s = this.unwrap(span);
    const [start, end] = this.offsets(s);
    const raw = this.file.text.slice(start, end);
    const literal = this.literal(s);
    if (literal) return literal;
    if (s.end - s.start === 1 && this.isName(s.start) && depth < MAX_DEPTH) {
      const c = this.constant(this.text(s.start), scope);
      if (c?.value) return this.value(c.value, c.scope, depth + 1);
    }
    const range = rangeOf(this.file, start, end);
    const target = this.envReference(s, scope) ?? this.orReference(s, scope, depth);
    if (target !== undefined) return { kind: "reference", target, raw, range };
    return { kind: "dynamic", raw, range };
  }

  /** A string literal, or adjacent ones (implicit concatenation); none when any part is computed. */
  private literal(s: Span): SettingValue | undefined {
    if (s.end <= s.start) return undefined;
    let value = "";
    for (let k = s.start; k < s.end; k++) {
      const info = this.t.string(k);
      const v = info ? stringValue(this.file.text, info) : undefined;
      if (v === undefined) return undefined;
      value += v;
    }
    const [start, end] = this.offsets(s);
    const raw = this.file.text.slice(start, end);
    const only = this.t.string(s.start);
    // The range covers what is between the quotes when it spells the value exactly (no escapes, no
    // prefix that changes it), so that a finding inside the value points at the right column.
    const exact = s.end - s.start === 1 && only !== undefined && this.file.text.slice(only.bodyStart, only.bodyEnd) === value;
    const range = exact && only ? rangeOf(this.file, only.bodyStart, only.bodyEnd) : rangeOf(this.file, start, end);
    return { kind: "literal", value, raw, range };
  }

  /** The string a span spells, literally or through a constant. */
  private stringOf(span: Span, scope: Scope): string | undefined {
    const v = this.value(span, scope);
    return v.kind === "literal" ? v.value : undefined;
  }

  /** The dotted names of a callee or value at `k`, to `end` at most. */
  private chainAt(k: number, end: number): Chain | undefined {
    if (!this.isName(k)) return undefined;
    const names = [this.text(k)];
    let j = k + 1;
    while (j + 1 < end && this.isOp(j, ".") && this.isName(j + 1) && names.length < MAX_CHAIN) {
      names.push(this.text(j + 1));
      j += 2;
    }
    return { names, span: { start: k, end: j } };
  }

  /** `os.environ["X"]`, `os.environ.get("X"[, d])`, `os.getenv("X"[, d])` (any import of them) → `os.environ["X"]`. */
  private envReference(s: Span, scope: Scope): string | undefined {
    const chain = this.chainAt(s.start, s.end);
    const path = chain ? this.importPath(chain.names) : undefined;
    const open = chain?.span.end ?? s.end;
    if (path === undefined || open >= s.end || this.t.match(open) !== s.end - 1) return undefined;
    let key: Span | undefined;
    if (path === "os.environ" && this.isOp(open, "[")) key = { start: open + 1, end: s.end - 1 };
    else if ((path === "os.environ.get" || path === "os.getenv") && this.isOp(open, "(")) key = this.splitCommas({ start: open + 1, end: s.end - 1 })[0];
    const name = key ? this.stringOf(key, scope) : undefined;
    return name === undefined ? undefined : `os.environ["${name}"]`;
  }

  /** `os.environ.get("X") or "default"`: the reference on the left. */
  private orReference(s: Span, scope: Scope, depth: number): string | undefined {
    for (let k = s.start + 1; k < s.end; k = this.skip(k, s.end)) {
      if (this.isName(k, "or")) {
        const left = this.value({ start: s.start, end: k }, scope, depth);
        return left.kind === "reference" ? left.target : undefined;
      }
    }
    return undefined;
  }

  /** The entries of a dict literal (or a name holding one), `**` splats inlined; none when it is no dict. */
  private entries(span: Span, scope: Scope, depth = 0): Entry[] | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const s = this.unwrap(span);
    if (s.end - s.start === 1 && this.isName(s.start)) {
      const c = this.constant(this.text(s.start), scope);
      return c?.value ? this.entries(c.value, c.scope, depth + 1) : undefined;
    }
    if (!this.isOp(s.start, "{") || this.t.match(s.start) !== s.end - 1) return undefined;
    const out: Entry[] = [];
    for (const part of this.splitCommas({ start: s.start + 1, end: s.end - 1 })) {
      if (this.isOp(part.start, "**")) {
        // A loop, not `push(...)`: a splatted dict may have more entries than a call takes arguments.
        for (const e of this.entries({ start: part.start + 1, end: part.end }, scope, depth + 1) ?? []) out.push(e);
        continue;
      }
      const colon = this.findTop(part, ":");
      if (colon === -1) continue;
      const key = this.literal({ start: part.start, end: colon });
      if (key?.kind !== "literal") continue;
      out.push({ key: { text: key.value, range: key.range }, value: { start: colon + 1, end: part.end }, scope, span: part });
    }
    return out;
  }

  // Calls

  private arguments(open: number): Argument[] {
    const close = this.t.match(open);
    return this.splitCommas({ start: open + 1, end: close }).map((span): Argument => {
      if (this.isOp(span.start, "**")) return { kind: "double-star", value: { start: span.start + 1, end: span.end } };
      if (this.isOp(span.start, "*")) return { kind: "star" };
      if (this.isName(span.start) && this.isOp(span.start + 1, "=")) return { kind: "keyword", name: span.start, value: { start: span.start + 2, end: span.end }, span };
      return { kind: "positional", span };
    });
  }

  /** Every call in a statement whose callee is an SDK callee, a session method or an environment write. */
  private readCalls(statement: Statement): void {
    const { span, scope } = statement;
    for (let k = span.start + 1; k < span.end; k++) {
      if (!this.isOp(k, "(") || this.t.match(k) < k) continue;
      const chain = this.calleeBefore(k, span.start);
      if (!chain) continue;
      const target = this.targetOf(chain, scope, span.start);
      if (target) this.sdkCall(chain, target, k, scope);
      else this.envCall(chain, k, scope);
    }
  }

  /** The dotted callee that ends just before `(` at `open`; none after `def`/`class` (a definition). */
  private calleeBefore(open: number, floor: number): Chain | undefined {
    let j = open - 1;
    if (!this.isName(j)) return undefined;
    const names = [this.text(j)];
    while (j - 2 >= floor && this.isOp(j - 1, ".") && this.isName(j - 2) && names.length < MAX_CHAIN) {
      j -= 2;
      names.unshift(this.text(j));
    }
    if (j - 1 >= floor && (this.isName(j - 1, "def") || this.isName(j - 1, "class"))) return undefined;
    return { names, span: { start: j, end: open } };
  }

  /** What a callee calls: an SDK callee through the imports, or a method of a session. */
  private targetOf(chain: Chain, scope: Scope, floor: number): Target | undefined {
    const receiver = chain.span.start - 1;
    if (receiver > floor && this.isOp(receiver, ".") && this.isOp(receiver - 1, ")")) return this.chainedMethod(chain, receiver - 1, floor, scope);
    if (receiver >= floor && this.isOp(receiver, ".")) return undefined;
    const [base, method] = chain.names;
    if (chain.names.length === 2 && base !== undefined && method !== undefined) {
      const session = this.sessionVar(base, scope);
      if (session && Object.hasOwn(SESSION_METHODS[session], method)) return { kind: "method", session, method };
      if (STS_REQUEST_METHODS.has(method)) {
        const client = this.stsClientVar(base, scope);
        if (client !== undefined) return { kind: "sts", method, client };
      }
    }
    const path = this.importPath(chain.names);
    const entry = path === undefined ? undefined : PYTHON_CALLEES.find((e) => e.path.test(path));
    return entry && path !== undefined ? { kind: "sdk", entry, path } : undefined;
  }

  /** `boto3.Session(…).client(…)`: a session method called on a session call's result. */
  private chainedMethod(chain: Chain, close: number, floor: number, scope: Scope): Target | undefined {
    const open = this.t.match(close);
    const method = chain.names[0] ?? "";
    if (open < floor || chain.names.length !== 1) return undefined;
    // `boto3.client("sts").assume_role(…)`: a request on the client the inner call creates.
    if (STS_REQUEST_METHODS.has(method) && this.isStsClientCall(open, floor, scope)) {
      const inner = this.calleeBefore(open, floor);
      return { kind: "sts", method, client: open, display: `${inner ? this.displayOf(inner) : ""}(…).${method}` };
    }
    const inner = this.calleeBefore(open, floor);
    const target = inner ? this.targetOf(inner, scope, floor) : undefined;
    const session = target?.kind === "sdk" ? target.entry.session : undefined;
    if (!inner || !session || !Object.hasOwn(SESSION_METHODS[session], method)) return undefined;
    return { kind: "method", session, method, display: `${this.displayOf(inner)}(…).${method}` };
  }

  /**
   * The session kind a name holds: every assignment it has where it resolves is a session call. Answers are
   * kept per binding list, which also ends cycles (`a = b; b = a`) and keeps names with many assignments linear.
   */
  private sessionVar(name: string, scope: Scope): PythonSessionKind | undefined {
    const found = this.bindingsOf(name, scope);
    if (!found) return undefined;
    const known = this.sessions.get(found.list);
    if (known !== undefined) return known ?? undefined;
    this.sessions.set(found.list, null);
    const kinds = found.list.map((b) => (b.value ? this.sessionCall(this.unwrap(b.value), b.scope) : undefined));
    const first = kinds[0];
    const kind = first !== undefined && kinds.every((k) => k === first) ? first : undefined;
    this.sessions.set(found.list, kind ?? null);
    return kind;
  }

  /** The `(` of the call that creates the STS client a name holds: its one assignment is such a call. */
  private stsClientVar(name: string, scope: Scope): number | undefined {
    const c = this.constant(name, scope);
    if (!c?.value) return undefined;
    const v = this.unwrap(c.value);
    const chain = this.chainAt(v.start, v.end);
    if (!chain || !this.isOp(chain.span.end, "(") || this.t.match(chain.span.end) !== v.end - 1) return undefined;
    return this.isStsClientCall(chain.span.end, v.start, c.scope) ? chain.span.end : undefined;
  }

  /** Whether the call at `open` creates an STS client: `boto3.client("sts", …)`, `session.client(service_name="sts")`. */
  private isStsClientCall(open: number, floor: number, scope: Scope): boolean {
    const callee = this.calleeBefore(open, floor);
    const target = callee ? this.targetOf(callee, scope, floor) : undefined;
    const creates =
      (target?.kind === "sdk" && /^boto3\.client$/.test(target.path)) || (target?.kind === "method" && target.method === "client");
    if (!creates) return false;
    const args = this.arguments(open);
    const service = args.find((a) => a.kind === "keyword" && this.text(a.name) === "service_name") ?? args[0];
    const span = service?.kind === "keyword" ? service.value : service?.kind === "positional" ? service.span : undefined;
    return span !== undefined && this.stringOf(span, scope) === "sts";
  }

  /** The session kind a value creates: a session call, or a name holding one. */
  private sessionCall(s: Span, scope: Scope): PythonSessionKind | undefined {
    if (s.end - s.start === 1 && this.isName(s.start)) return this.sessionVar(this.text(s.start), scope);
    const chain = this.chainAt(s.start, s.end);
    if (!chain || !this.isOp(chain.span.end, "(") || this.t.match(chain.span.end) !== s.end - 1) return undefined;
    const path = this.importPath(chain.names);
    return path === undefined ? undefined : PYTHON_CALLEES.find((e) => e.path.test(path))?.session;
  }

  /** A callee for messages: as written, with a renamed import under its own name (`S` → `Session`). */
  private displayOf(chain: Chain): string {
    const base = this.imports.get(chain.names[0] ?? "");
    const names = base?.renamedFrom && chain.names.length > 0 ? [base.renamedFrom, ...chain.names.slice(1)] : chain.names;
    return names.join(".");
  }

  /** `sts.assume_role(RoleArn=…, SerialNumber=…)`: the request's keyword arguments, with the client it is made through. */
  private stsRequest(chain: Chain, target: Extract<Target, { kind: "sts" }>, open: number, scope: Scope): void {
    const display = target.display ?? this.displayOf(chain);
    const where = `${display} call in ${this.file.path}`;
    const settings: Setting[] = [];
    for (const a of this.arguments(open)) {
      if (a.kind === "keyword") settings.push(this.setting("aws", this.located({ start: a.name, end: a.name + 1 }), a.value, scope, where, a.span, "code"));
      else if (a.kind === "double-star") for (const e of this.entries(a.value, scope) ?? []) settings.push(this.setting("aws", e.key, e.value, e.scope, where, e.span, "code"));
    }
    const client = this.callsAt.get(target.client);
    const call = makeSdkCall(
      {
        callKind: "sts-request",
        file: this.file,
        provider: "aws",
        sdk: "boto3",
        callee: this.located(chain.span),
        display,
        shown: `${display}(…)`,
        range: this.range({ start: chain.span.start, end: this.t.match(open) + 1 }),
        settings,
        inLambdaHandler: this.inLambdaHandler,
        ...(client ? { client } : {}),
      },
      ALIASES.aws,
    );
    this.calls.push(call);
    this.callsAt.set(open, call);
  }

  private sdkCall(chain: Chain, target: Target, open: number, scope: Scope): void {
    if (target.kind === "sts") return this.stsRequest(chain, target, open, scope);
    const kind = target.kind === "sdk" ? target.entry.callKind : SESSION_METHODS[target.session][target.method]?.callKind;
    if (kind === undefined) return;
    const provider = target.kind === "sdk" ? target.entry.provider : "aws";
    const sdk = target.kind === "method" ? target.session : (target.entry.sdk ?? packageOf(target.path));
    const params = target.kind === "sdk" ? target.entry.params : (SESSION_METHODS[target.session][target.method]?.params ?? []);
    const display = target.kind === "method" && target.display ? target.display : this.displayOf(chain);
    const where = `${display} call in ${this.file.path}`;
    const read = this.callArguments(open, { params, provider, where, scope, info: target.kind === "sdk" && target.entry.info === true });
    const close = this.t.match(open);
    const call = makeSdkCall(
      {
        callKind: kind,
        file: this.file,
        provider,
        sdk,
        callee: this.located(chain.span),
        display,
        shown: `${display}(…)`,
        range: this.range({ start: chain.span.start, end: close + 1 }),
        settings: read.settings,
        ...(read.credentials ? { credentials: read.credentials } : {}),
        inLambdaHandler: this.inLambdaHandler,
      },
      ALIASES[provider],
    );
    this.calls.push(call);
    this.callsAt.set(open, call);
  }

  /** The settings a call's arguments pass, and its `credentials` (GCP), as SdkCall wants them. */
  private callArguments(
    open: number,
    o: { params: readonly (string | null)[]; provider: PythonCallee["provider"]; where: string; scope: Scope; info: boolean },
  ): { settings: Setting[]; credentials?: SdkCall["credentials"] } {
    const aliases = ALIASES[o.provider];
    const settings: Setting[] = [];
    let credentials: SdkCall["credentials"];
    let position = 0;
    for (const a of this.arguments(open)) {
      if (a.kind === "star") {
        // After `*args` the positions of the arguments that follow are unknown.
        position = Infinity;
        continue;
      }
      if (a.kind === "double-star") {
        for (const e of this.entries(a.value, o.scope) ?? []) settings.push(this.setting(o.provider, e.key, e.value, e.scope, o.where, e.span, "code"));
        continue;
      }
      const param = a.kind === "keyword" ? this.text(a.name) : o.params[position++];
      if (param === null || param === undefined) continue;
      const key = a.kind === "keyword" ? this.located({ start: a.name, end: a.name + 1 }) : this.located(a.span, aliases[param] ?? param);
      const value = a.kind === "keyword" ? a.value : a.span;
      if (o.info && param === "info") {
        const entries = this.entries(value, o.scope);
        credentials = { key, holds: entries ? "object" : "other" };
        if (entries) for (const e of entries) settings.push(this.setting(o.provider, e.key, e.value, e.scope, o.where, e.span, "code"));
        else settings.push(this.setting(o.provider, key, value, o.scope, o.where, a.span, "code"));
        continue;
      }
      if (o.provider === "gcp" && param === "credentials") credentials = { key, holds: this.isCall(value) ? "provider" : "other" };
      settings.push(this.setting(o.provider, key, value, o.scope, o.where, a.span, "code"));
    }
    return credentials ? { settings, credentials } : { settings };
  }

  /** Whether a value is a call (`service_account.Credentials.from_service_account_file(…)`). */
  private isCall(span: Span): boolean {
    const s = this.unwrap(span);
    return this.isOp(s.end - 1, ")") && this.t.match(s.end - 1) > s.start;
  }

  private setting(provider: Provider, key: Located, value: Span, scope: Scope, where: string, entry: Span, syntax: SettingSyntax): Setting {
    return { file: this.file, provider, key, value: this.value(value, scope), range: this.range(entry), where, syntax };
  }

  // Environment writes and settings

  /** `os.environ.setdefault("X", v)`, `os.environ.update({…} | X=v)`, `os.putenv("X", v)`. */
  private envCall(chain: Chain, open: number, scope: Scope): void {
    const path = this.importPath(chain.names);
    if (path !== "os.environ.setdefault" && path !== "os.putenv" && path !== "os.environ.update") return;
    const args = this.arguments(open);
    if (path === "os.environ.update") {
      for (const a of args) {
        if (a.kind === "keyword") this.envSetting({ text: this.text(a.name), range: this.range({ start: a.name, end: a.name + 1 }) }, a.value, scope, a.span);
        else if (a.kind === "positional" || a.kind === "double-star") {
          for (const e of this.entries(a.kind === "positional" ? a.span : a.value, scope) ?? []) this.envSetting(e.key, e.value, e.scope, e.span);
        }
      }
      return;
    }
    const [name, value] = args;
    if (name?.kind !== "positional" || value?.kind !== "positional") return;
    const key = this.keyOf(name.span, scope);
    if (key) this.envSetting(key, value.span, scope, { start: name.span.start, end: value.span.end });
  }

  /** A variable name written as a string (or a constant holding one), located at the string. */
  private keyOf(span: Span, scope: Scope): Located | undefined {
    const literal = this.literal(this.unwrap(span));
    if (literal?.kind === "literal") return { text: literal.value, range: literal.range };
    const name = this.stringOf(span, scope);
    return name === undefined ? undefined : { text: name, range: this.range(span) };
  }

  private envSetting(key: Located, value: Span, scope: Scope, entry: Span): void {
    this.envSettings.push(this.setting(providerOfVar(key.text), key, value, scope, this.file.path, entry, "env"));
  }

  /** Subscript assignments: `os.environ["X"] = v` (an env write), `app.config["AWS_…"] = v` (Flask config). */
  private readTargets(statement: Statement, flask: Setting[]): void {
    const parts = this.assignmentParts(statement.span);
    if (parts.length < 2) return;
    const value = parts[parts.length - 1] as Span;
    for (const target of parts.slice(0, -1)) {
      const chain = this.chainAt(target.start, target.end);
      const open = chain?.span.end ?? -1;
      if (!chain || !this.isOp(open, "[") || this.t.match(open) !== target.end - 1) continue;
      const key = this.keyOf({ start: open + 1, end: target.end - 1 }, statement.scope);
      if (!key) continue;
      const entry = { start: target.start, end: value.end };
      if (this.importPath(chain.names) === "os.environ") this.envSetting(key, value, statement.scope, entry);
      else if (chain.names.length > 1 && chain.names[chain.names.length - 1] === "config" && Object.hasOwn(SETTINGS_OPTION_ALIASES, key.text)) {
        flask.push(this.setting("aws", key, value, statement.scope, `Flask config in ${this.file.path}`, entry, "code"));
      }
    }
  }

  /** `AWS_ACCESS_KEY_ID = …` (and `NAME: str = …`) in a settings module: one setting per recognised name. */
  private settingsAssignment(statement: Statement, where: string): Setting[] {
    const parts = this.assignmentParts(statement.span);
    const value = parts[parts.length - 1] as Span;
    return parts.slice(0, -1).flatMap((target) => {
      const name = this.text(target.start);
      const single = target.end - target.start === 1 || this.isOp(target.start + 1, ":");
      if (!this.isName(target.start) || !single || !Object.hasOwn(SETTINGS_OPTION_ALIASES, name)) return [];
      const key = this.located({ start: target.start, end: target.start + 1 });
      return [this.setting("aws", key, value, statement.scope, where, { start: target.start, end: value.end }, "code")];
    });
  }

  /** The settings of a settings module (or class, or Flask config) as one config-update call. */
  private settingsCall(settings: readonly Setting[], display: string, shown: string, sdk: string): void {
    const first = settings[0];
    const last = settings[settings.length - 1];
    if (!first || !last) return;
    this.calls.push(
      makeSdkCall(
        {
          callKind: "config-update",
          file: this.file,
          provider: "aws",
          sdk,
          callee: first.key,
          display,
          shown,
          range: { start: first.range.start, end: last.range.end },
          settings,
          inLambdaHandler: this.inLambdaHandler,
        },
        SETTINGS_OPTION_ALIASES,
      ),
    );
  }
}

/** The environment a file's `os.environ` writes set, as one context. */
function envContext(file: SourceFile, own: readonly Setting[]): EnvContext | undefined {
  const first = own[0];
  if (!first) return undefined;
  return { kind: "env", file, syntax: "python", where: file.path, anchor: first.range, own, commands: [], live: isLiveConfig(file.facts) };
}

/** Reads one Python file; files that fail the keyword check are not tokenized. */
export function readPython(file: SourceFile): FormatResult {
  if (!mayHoldPythonConfig(file.text)) return EMPTY_RESULT;
  const { calls, env } = new Reader(file).read();
  return pythonResult(file, calls, env);
}

/** A Python file's reading from its SDK calls and environment writes (read here, or by a worker: src/scan/pool.ts). */
export function pythonResult(file: SourceFile, calls: readonly SdkCall[], env: readonly Setting[]): FormatResult {
  const settings = [...new Set([...calls.flatMap((c) => c.settings), ...env])].sort(byPosition);
  const context = envContext(file, env);
  return { settings, sdkCalls: calls, ...(context ? { contexts: [context] } : {}) };
}
