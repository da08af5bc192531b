/**
 * Loading one config file: read, parse, validate against the schema (schema.ts, interpreted by validate.ts),
 * check what a schema cannot say, and fill in the defaults.
 *
 * JSON is parsed twice on purpose. `JSON.parse` decides what is JSON (YAML, a superset, would accept a
 * trailing comma or a comment that every other JSON tool then rejects), and `yaml`'s parseDocument over the
 * same text gives the node ranges that put a line and column on every validation message. YAML goes
 * through parseDocument with a LineCounter too, with errors and warnings both fatal (an unresolved tag
 * silently becomes a string otherwise) and alias expansion bounded.
 *
 * An .mjs config is code: it is loaded with `require` (Node ≥ 20.19 loads ES modules synchronously, and the
 * scan is synchronous), so a config with top-level await cannot be loaded and says so. Its messages name the
 * file and the key path; there are no lines to point at. Running it is the same trust as running the
 * project's own eslint.config.mjs.
 *
 * Every problem of a file is reported at once, in one ConfigError, each line `file:line:column: key.path:
 * what is wrong`, with the expected type and a did-you-mean where there is one.
 */
import { isUtf8 } from "node:buffer";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Document, LineCounter as LineCounterType, YAMLError } from "yaml";
import type { AllowedValue, CredlintConfig, CustomSecretPattern, JsonSchema, RuleConfig, RuleLevel } from "../model/config.js";
import { UsageError } from "../model/errors.js";
import type { Precision, Severity } from "../model/finding.js";
import type { RuleOption } from "../model/rule.js";
import type { FileKind } from "../model/source.js";
import { yamlLib } from "../formats/yaml-lib.js";
import { findJsonSyntaxError } from "./json-syntax.js";
import type { ConfigRuleSpec } from "./schema.js";
import { buildConfigSchema } from "./schema.js";
import type { JsonPath, SchemaProblem } from "./validate.js";
import { formatPath, isPlainObject, validateValue } from "./validate.js";

/** One problem in a config file. `line`/`column` (1-based) are absent for .mjs configs and whole-file problems. */
export interface ConfigProblem {
  readonly line?: number;
  readonly column?: number;
  /** The key path (`rules.hardcoded-secret`), empty for the file as a whole. */
  readonly path: string;
  readonly message: string;
}

/** A config file that cannot be used: its message lists every problem, one per line. */
export class ConfigError extends UsageError {
  constructor(
    message: string,
    /** Absolute path of the config file. */
    readonly file: string,
    readonly problems: readonly ConfigProblem[] = [],
  ) {
    super(message);
    this.name = "ConfigError";
  }
}

export interface LoadOptions {
  /** The known rules (rule metas fit), whose ids `rules` may name and whose option schemas apply. */
  readonly rules: readonly ConfigRuleSpec[];
  /** Ids that take a level but no options: the scan's diagnostics (`parse-error`). */
  readonly extraRuleIds?: readonly string[];
  /** RE2's error message for a pattern it rejects, undefined when it compiles (src/config may not import the engine). */
  readonly checkPattern: (regex: string) => string | undefined;
  /** Paths in messages are relative to this folder when the file is inside it; absolute otherwise. */
  readonly cwd?: string;
}

/** No config file: every rule at its own severity, nothing ignored, no extra patterns. */
export function defaultConfig(dir: string): CredlintConfig {
  return Object.freeze({
    dir,
    rules: new Map<string, RuleConfig>(),
    ignore: [],
    fileKinds: [],
    secretPatterns: [],
    allow: [],
    reportUnusedDisableDirectives: "off",
    requireDisableReason: false,
  });
}

/** A rule's options as the engine passes them: the defaults of `specs`, overridden by what the config sets. */
export function ruleOptions(config: CredlintConfig, ruleId: string, specs: Readonly<Record<string, RuleOption>> | undefined): Record<string, unknown> {
  const defaults = Object.entries(specs ?? {}).map(([name, spec]) => [name, spec.default]);
  return { ...Object.fromEntries(defaults), ...config.rules.get(ruleId)?.options };
}

/** The file as written, once the schema has accepted it. */
interface RawConfig {
  readonly rules?: Readonly<Record<string, RuleLevel | readonly [RuleLevel, Readonly<Record<string, unknown>>?]>>;
  readonly ignore?: readonly string[];
  readonly fileKinds?: Readonly<Record<string, FileKind>>;
  readonly secretPatterns?: readonly {
    readonly id: string;
    readonly description: string;
    readonly regex: string;
    readonly keywords?: readonly string[];
    readonly severity?: Severity;
    readonly confidence?: Precision;
  }[];
  readonly allow?: readonly AllowedValue[];
  readonly maxFileSize?: number;
  readonly reportUnusedDisableDirectives?: RuleLevel;
  readonly requireDisableReason?: boolean;
  readonly baseline?: string;
}

interface Position {
  readonly line: number;
  readonly column: number;
}

interface Parsed {
  readonly value: unknown;
  /** Where the key (`atKey`) or the value at a path is written, as far as the path can be followed. */
  readonly locate: (path: JsonPath, atKey: boolean) => Position | undefined;
}

/** The file being loaded, and how messages name it. */
interface Source {
  readonly file: string;
  readonly shown: string;
  readonly format: "json" | "yaml" | "mjs";
}

const FORMATS: Readonly<Record<string, Source["format"]>> = { ".json": "json", ".yaml": "yaml", ".yml": "yaml", ".mjs": "mjs" };
const MAX_ALIAS_COUNT = 100;

function invalid(source: Source, problems: readonly ConfigProblem[]): ConfigError {
  const lines = problems.map((p) => {
    const at = p.line === undefined ? "" : `:${p.line}:${p.column ?? 1}`;
    return `${source.shown}${at}: ${p.path === "" ? "" : `${p.path}: `}${p.message}`;
  });
  return new ConfigError([`Invalid config ${source.shown}:`, ...lines].join("\n"), source.file, problems);
}

/** How messages name a file: relative to `cwd` when inside it (`.` for cwd itself), absolute otherwise. */
export function displayPath(file: string, cwd: string | undefined): string {
  if (cwd === undefined) return file;
  const relative = path.relative(cwd, file);
  if (relative === "") return ".";
  return relative === ".." || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative) ? file : relative;
}

function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf("\n") + 1;
  return { line: before.split("\n").length, column: offset - lineStart + 1 };
}

function readText(source: Source): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(source.file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "not found" : code === "EISDIR" ? "is a folder" : (error as Error).message;
    throw new ConfigError(`Config file ${source.shown}: ${why}.`, source.file);
  }
  if (!isUtf8(bytes)) {
    // Only on this error path: find the first line that does not decode, to name it (0x0A never occurs
    // inside a multi-byte UTF-8 sequence, so splitting at it is safe).
    let line = 1;
    for (let start = 0; start <= bytes.length && isUtf8(bytes.subarray(start, nextLine(bytes, start))); start = nextLine(bytes, start) + 1) line++;
    throw invalid(source, [{ line, column: 1, path: "", message: "the file is not valid UTF-8" }]);
  }
  // TextDecoder drops a byte order mark, which JSON.parse would reject.
  const text = new TextDecoder().decode(bytes);
  if (text.trim() === "") throw invalid(source, [{ path: "", message: "the file is empty" }]);
  return text;
}

function nextLine(bytes: Buffer, start: number): number {
  const end = bytes.indexOf(10, start);
  return end === -1 ? bytes.length : end;
}

function yamlLocator(doc: Document, lineCounter: LineCounterType): Parsed["locate"] {
  const { isMap, isSeq, isScalar, isAlias, isNode } = yamlLib();
  return (path, atKey) => {
    let node: unknown = doc.contents;
    let offset = isNode(node) ? node.range?.[0] : undefined;
    for (const [i, segment] of path.entries()) {
      if (isAlias(node)) node = node.resolve(doc);
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
        if (!pair) break;
        const last = i === path.length - 1;
        node = last && atKey ? pair.key : (pair.value ?? pair.key);
      } else if (isSeq(node) && typeof segment === "number") {
        node = node.items[segment];
      } else break;
      if (!isNode(node) || !node.range) break;
      offset = node.range[0];
    }
    if (offset === undefined) return undefined;
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
}

function yamlProblems(errors: readonly YAMLError[], text: string, lineCounter: LineCounterType, kind: string): ConfigProblem[] {
  return errors.map((e) => {
    const { line, col } = lineCounter.linePos(e.pos[0]);
    // yaml marks only the key's first character: take the quoted string or the plain text up to the colon.
    const key = /^(?:"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^\n:]*)/.exec(text.slice(e.pos[0]))?.[0].trim();
    const message = e.code === "DUPLICATE_KEY" ? `duplicate key ${key}` : `invalid ${kind}: ${e.message}`;
    return { line, column: col, path: "", message };
  });
}

function parseJson(source: Source, text: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const found = findJsonSyntaxError(text);
    const message = `invalid JSON: ${found?.message ?? (error as Error).message}`;
    throw invalid(source, [{ ...(found ? positionAt(text, found.offset) : {}), path: "", message }]);
  }
  const { parseDocument, LineCounter } = yamlLib();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  // JSON.parse keeps the last of two equal keys without a word; YAML's parser is the one that notices.
  const duplicates = doc.errors.filter((e) => e.code === "DUPLICATE_KEY");
  if (duplicates.length > 0) throw invalid(source, yamlProblems(duplicates, text, lineCounter, "JSON"));
  return { value, locate: yamlLocator(doc, lineCounter) };
}

function parseYaml(source: Source, text: string): Parsed {
  const { parseDocument, LineCounter } = yamlLib();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const issues = [...doc.errors, ...doc.warnings];
  if (issues.length > 0) throw invalid(source, yamlProblems(issues, text, lineCounter, "YAML"));
  if (doc.contents === null) throw invalid(source, [{ path: "", message: "the file has no settings (only comments)" }]);
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), locate: yamlLocator(doc, lineCounter) };
  } catch (error) {
    throw invalid(source, [{ path: "", message: `invalid YAML: ${(error as Error).message}` }]);
  }
}

function loadModule(source: Source): Parsed {
  readText(source);
  let namespace: unknown;
  try {
    namespace = createRequire(import.meta.url)(source.file);
  } catch (error) {
    throw invalid(source, [moduleFailure(source.file, error)]);
  }
  if (typeof namespace !== "object" || namespace === null || !("default" in namespace)) {
    throw invalid(source, [{ path: "", message: "the module has no default export (export default { … })" }]);
  }
  return { value: namespace.default, locate: () => undefined };
}

function moduleFailure(file: string, error: unknown): ConfigProblem {
  const { code, message = String(error), stack = "" } = (typeof error === "object" && error !== null ? error : {}) as NodeJS.ErrnoException;
  const first = message.split("\n")[0] ?? message;
  if (code === "ERR_REQUIRE_ASYNC_MODULE") {
    return { path: "", message: "the module uses top-level await, and credlint loads configs synchronously; build the config without await" };
  }
  if (code === "ERR_REQUIRE_ESM") {
    return { path: "", message: `the module cannot be loaded: loading an ES module synchronously needs Node.js 20.19 or later (this is ${process.version})` };
  }
  if (error instanceof SyntaxError) return { path: "", message: `syntax error: ${first}` };
  // The first stack frame in the config file itself (a file: URL, or a path when a loader hook compiled it).
  const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const frame = new RegExp(`(?:${escape(pathToFileURL(file).href)}|${escape(file)}):(\\d+):(\\d+)`).exec(stack);
  const at = frame ? { line: Number(frame[1]), column: Number(frame[2]) } : {};
  return { ...at, path: "", message: `the module throws when loaded: ${first}` };
}

/**
 * Whether a pattern RE2 accepted matches the empty string. RE2 is not reachable from here, so JavaScript's
 * engine judges, in `u` mode (which rejects the escapes it would read differently); RE2's leading flag
 * group and `(?P<name>` are translated first. A pattern JavaScript cannot parse is given the benefit of
 * the doubt.
 */
function matchesEmpty(regex: string): boolean {
  const flags = /^\(\?([ims]+)\)/.exec(regex);
  const body = regex.slice(flags?.[0].length ?? 0).replaceAll("(?P<", "(?<");
  try {
    return new RegExp(body, `u${flags?.[1] ?? ""}`).test("");
  } catch {
    return false;
  }
}

/** What the schema cannot say: unique pattern ids, patterns RE2 accepts. Reads only well-formed entries. */
function checkSemantics(value: unknown, checkPattern: LoadOptions["checkPattern"]): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  const entries = (key: string): [number, Record<string, unknown>][] => {
    const list = isPlainObject(value) ? value[key] : undefined;
    return Array.isArray(list) ? [...list.entries()].filter((e): e is [number, Record<string, unknown>] => isPlainObject(e[1])) : [];
  };
  const firstIndex = new Map<string, number>();
  for (const [i, pattern] of entries("secretPatterns")) {
    const { id, regex } = pattern;
    const name = typeof id === "string" ? ` "${id}"` : "";
    if (typeof id === "string") {
      const first = firstIndex.get(id);
      if (first === undefined) firstIndex.set(id, i);
      else out.push({ path: ["secretPatterns", i, "id"], message: `duplicate id "${id}" (also secretPatterns[${first}])`, atKey: false });
    }
    if (typeof regex !== "string" || regex === "") continue;
    const error = checkPattern(regex);
    if (error !== undefined) out.push({ path: ["secretPatterns", i, "regex"], message: `RE2 rejects the pattern${name}: ${error}`, atKey: false });
    else if (matchesEmpty(regex)) {
      out.push({ path: ["secretPatterns", i, "regex"], message: `the pattern${name} matches the empty string; it must match at least one character`, atKey: false });
    }
  }
  for (const [i, allowed] of entries("allow")) {
    if (typeof allowed.pattern !== "string" || allowed.pattern === "") continue;
    const error = checkPattern(allowed.pattern);
    if (error !== undefined) out.push({ path: ["allow", i, "pattern"], message: `RE2 rejects the pattern: ${error}`, atKey: false });
  }
  return out;
}

function toConfig(file: string, raw: RawConfig): CredlintConfig {
  const rules = new Map<string, RuleConfig>();
  for (const [id, setting] of Object.entries(raw.rules ?? {})) {
    const [level, options = {}] = typeof setting === "string" ? [setting] : setting;
    rules.set(id, Object.freeze({ level, options: Object.freeze({ ...options }) }));
  }
  const secretPatterns = (raw.secretPatterns ?? []).map(
    (p): CustomSecretPattern => ({
      id: p.id,
      description: p.description,
      regex: p.regex,
      keywords: (p.keywords ?? []).map((k) => k.toLowerCase()),
      severity: p.severity ?? "error",
      confidence: p.confidence ?? "high",
    }),
  );
  return Object.freeze({
    file,
    dir: path.dirname(file),
    rules,
    ignore: [...(raw.ignore ?? [])],
    fileKinds: Object.entries(raw.fileKinds ?? {}).map(([pattern, kind]) => ({ pattern, kind })),
    secretPatterns,
    allow: (raw.allow ?? []).map((a) => ({ ...a })),
    reportUnusedDisableDirectives: raw.reportUnusedDisableDirectives ?? "off",
    requireDisableReason: raw.requireDisableReason ?? false,
    ...(raw.maxFileSize === undefined ? {} : { maxFileSize: raw.maxFileSize }),
    ...(raw.baseline === undefined ? {} : { baseline: raw.baseline }),
  });
}

const schemas = new WeakMap<LoadOptions, JsonSchema>();

/** The schema for these options, built once per options object (a resolver loads many files with one). */
function schemaFor(options: LoadOptions): JsonSchema {
  let schema = schemas.get(options);
  if (!schema) {
    schema = buildConfigSchema(options.rules, options.extraRuleIds);
    schemas.set(options, schema);
  }
  return schema;
}

/**
 * Loads, validates and completes one config file (any name; the format comes from the extension). Throws a
 * ConfigError listing every problem.
 */
export function loadConfigFile(absPath: string, options: LoadOptions): CredlintConfig {
  const file = path.resolve(absPath);
  const format = FORMATS[path.extname(file).toLowerCase()];
  const shown = displayPath(file, options.cwd);
  if (format === undefined) throw new ConfigError(`Config file ${shown}: unknown format; a config file ends in .json, .yaml, .yml or .mjs.`, file);
  const source: Source = { file, shown, format };
  const parsed = format === "mjs" ? loadModule(source) : format === "json" ? parseJson(source, readText(source)) : parseYaml(source, readText(source));
  const problems = [...validateValue(parsed.value, schemaFor(options)), ...checkSemantics(parsed.value, options.checkPattern)];
  if (problems.length > 0) {
    const root = format === "mjs" ? "default export" : "";
    const located = problems.map((p) => ({ ...parsed.locate(p.path, p.atKey), path: formatPath(p.path) || root, message: p.message }));
    located.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    throw invalid(source, located);
  }
  return toConfig(file, parsed.value as RawConfig);
}
