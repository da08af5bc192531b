/**
 * The baseline: the findings a repository already had when it adopted credlint, recorded in
 * `.credlint-baseline.json` by `credlint baseline [paths]`, so that later scans report only what is new.
 *
 * **What an entry is keyed on.** An entry is (rule, path, identity) with a count. `identity` is
 * Finding.identity: a salted sha256 of the rule and the normalised value (the secret itself for the secret
 * rules; the setting and its value with all whitespace removed for the others). It does not depend on the
 * line or the path. The line is never part of the key, and the count lets a file hold several copies of the
 * same finding. This is where the peers go wrong:
 *   - detect-secrets writes each secret's `line_number` (and a `generated_at` time) into `.secrets.baseline`.
 *     When a line is added above a secret, its pre-commit hook rewrites the baseline and fails the commit
 *     ("The baseline file was updated. Probably to keep line numbers of secrets up-to-date"). Its
 *     `hashed_secret` is also an unsalted SHA-1 of the secret, so a weak password can be looked up.
 *   - gitleaks' `.gitleaksignore` fingerprints are `[commit:]path:rule:line`. When a secret moves to another
 *     line it is reported again. When a new secret is put on an ignored line, for the same rule, it stays
 *     hidden, because the value is not part of the key.
 * Here, moving lines, re-indenting, CRLF ↔ LF and renaming a file keep a finding baselined. A changed value
 * is a new identity, so it is reported. A copy beyond the recorded count is reported too, even in the same
 * file.
 *
 * **The file** is sorted (path, rule, identity, compared by UTF-16 code units, never by locale) and holds
 * one entry per key. It has no lines, messages, timestamps or secrets, only hashes. It is written with
 * 2-space indentation and a final newline, so it is byte-identical across runs and machines and diffs one
 * entry per finding. Paths in the file are relative to the file's own folder (with leading `../` for
 * findings outside it): a baseline kept in a monorepo package folder stays valid when the package moves.
 * Finding paths are relative to the repository root. BaselinePaths gives both folders, and toBaselinePath /
 * toRootPath convert between them.
 *
 * **Matching** (matchBaseline):
 *   1. Exact: a finding uses up one count of the entry with its rule, path and identity. Each file's
 *      findings are taken in line, then column, order, so the later copies beyond the count are fresh.
 *   2. Renames: an entry with count left whose file no longer exists and was not scanned may match a
 *      finding that is still unmatched, with the same rule and identity, in another file. Findings in
 *      files the baseline does not mention go first, since the renamed file is most likely a new one.
 *      A second copy of a secret in another file, while the original file still exists, is fresh.
 *   3. Every other finding is fresh.
 * The entries that are left over fall into two groups. An entry for a file this scan read, or for a file
 * that is gone, is `unused` (the finding was fixed): prune drops it, and the CLI can report it as an unused
 * suppression. An entry for a file that still exists but that this scan did not read (a partial scan such
 * as `credlint src/`, or a file skipped as binary or too large) is `outOfScope`. It is neither used nor
 * unused, and build and prune keep it.
 */
import { chmodSync, closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";
import type { Finding } from "../model/finding.js";
import { UsageError } from "../model/errors.js";

/** The file name `credlint baseline` writes by default. */
export const BASELINE_FILE_NAME = ".credlint-baseline.json";
export const BASELINE_VERSION = 1;

/** One recorded finding key. `path` is relative to the baseline file's folder, with `/` separators. */
export interface BaselineEntry {
  readonly rule: string;
  readonly path: string;
  /** Finding.identity: 64 lowercase hex digits. */
  readonly identity: string;
  /** How many findings have this key (at least 1). */
  readonly count: number;
}

export interface Baseline {
  readonly version: typeof BASELINE_VERSION;
  readonly tool: "credlint";
  readonly findings: readonly BaselineEntry[];
}

/** Where the two path spaces are anchored. Both are absolute. */
export interface BaselinePaths {
  /** The repository root. Finding paths are relative to it. */
  readonly root: string;
  /** The folder that holds the baseline file. Entry paths are relative to it. */
  readonly baselineDir: string;
}

/** What this scan looked at: decides which entries a scan may use, prune or must leave alone. */
export interface BaselineScope extends BaselinePaths {
  /** Finding-style paths (relative to `root`) of the files this scan read. */
  readonly scanned: ReadonlySet<string>;
  /** Whether a path (relative to `root`) exists now. Asked only about entries' files that were not scanned. */
  exists(pathFromRoot: string): boolean;
}

export interface BuildBaselineOptions extends BaselineScope {
  /** The baseline being replaced. Its entries for files this scan did not read, that still exist, are kept. */
  readonly existing?: Baseline;
}

export interface BaselineMatch {
  /** Findings the baseline accounts for, in input order. */
  readonly baselined: Finding[];
  /** Findings to report, in input order. */
  readonly fresh: Finding[];
  /**
   * The entries that matched, with the number of findings each matched. A renamed file's entry appears
   * under the path it matched now.
   */
  readonly used: BaselineEntry[];
  /**
   * The entries, with the count that is left, that matched nothing, for files this scan read or that are
   * gone. Each is a fixed finding, or an entry made stale by a changed value.
   */
  readonly unused: BaselineEntry[];
  /**
   * The entries, with the count that is left, for files that exist but that this scan did not read. They
   * are neither used nor unused. Pruning keeps them.
   */
  readonly outOfScope: BaselineEntry[];
}

/** `from` → `to` (both absolute) as a `/`-separated relative path. */
function relativeSlash(from: string, to: string): string {
  const rel = path.relative(from, to);
  if (path.isAbsolute(rel)) throw new UsageError(`${to} cannot be reached from ${from} by a relative path (another drive?).`);
  return rel.split(path.sep).join("/");
}

/** A finding path (relative to the root) as the baseline writes it (relative to the baseline's folder). */
export function toBaselinePath(pathFromRoot: string, paths: BaselinePaths): string {
  return relativeSlash(paths.baselineDir, path.join(paths.root, ...pathFromRoot.split("/")));
}

/** A baseline entry's path (relative to the baseline's folder) as a finding path (relative to the root). */
export function toRootPath(baselinePath: string, paths: BaselinePaths): string {
  return relativeSlash(paths.root, path.join(paths.baselineDir, ...baselinePath.split("/")));
}

/** Code-unit order: the same on every machine, unlike localeCompare. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  return compareStrings(a.path, b.path) || compareStrings(a.rule, b.rule) || compareStrings(a.identity, b.identity);
}

function entryKey(rule: string, p: string, identity: string): string {
  return `${rule}\0${p}\0${identity}`;
}

/** Sorted, one entry per key (counts summed), no empty entries, and only the four fields. */
function canonical(entries: Iterable<BaselineEntry>): BaselineEntry[] {
  const byKey = new Map<string, BaselineEntry>();
  for (const e of entries) {
    if (e.count <= 0) continue;
    const key = entryKey(e.rule, e.path, e.identity);
    const prev = byKey.get(key);
    byKey.set(key, { rule: e.rule, path: e.path, identity: e.identity, count: (prev?.count ?? 0) + e.count });
  }
  return [...byKey.values()].sort(compareEntries);
}

function makeBaseline(entries: Iterable<BaselineEntry>): Baseline {
  return { version: BASELINE_VERSION, tool: "credlint", findings: canonical(entries) };
}

function total(entries: readonly BaselineEntry[]): number {
  return entries.reduce((n, e) => n + e.count, 0);
}

const IDENTITY_SHAPE = /^[0-9a-f]{64}$/;
const RULE_SHAPE = /^[a-z][a-z0-9-]*$/;
const TOP_KEYS = ["version", "tool", "findings"] as const;
const ENTRY_KEYS = ["rule", "path", "identity", "count"] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function unknownKeys(value: Record<string, unknown>, known: readonly string[]): string[] {
  return Object.keys(value).filter((k) => !known.includes(k));
}

/** Whether `p` is a path as the writer writes it: relative, `/`-separated, normalised (`..` only in front). */
function isBaselinePath(p: string): boolean {
  if (p === "" || p.includes("\\") || p.startsWith("/") || /^[A-Za-z]:/.test(p)) return false;
  const parts = p.split("/");
  let leading = true;
  for (const s of parts) {
    if (s === "" || s === ".") return false;
    if (s === "..") {
      if (!leading) return false;
    } else leading = false;
  }
  return !leading;
}

/** Where a text that JSON.parse rejected first goes wrong (see jsonSyntaxError). */
class JsonSyntaxAt extends Error {
  constructor(
    readonly offset: number,
    readonly expected: string,
  ) {
    super(`expected ${expected} at offset ${offset}`);
  }
}

/**
 * Where a text that JSON.parse rejected first goes wrong, with what was expected there. Node 20's messages
 * give no position for some errors, and they quote the text, so credlint finds the position itself.
 */
function jsonSyntaxError(text: string): JsonSyntaxAt | undefined {
  let i = 0;
  function fail(expected: string): never {
    throw new JsonSyntaxAt(i, expected);
  }
  function ws(): void {
    while (i < text.length && " \t\n\r".includes(text.charAt(i))) i++;
  }
  function literal(word: string): void {
    if (!text.startsWith(word, i)) fail("a value");
    i += word.length;
  }
  function string(): void {
    i++;
    for (;;) {
      if (i >= text.length) fail('a closing "');
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) fail("no control character inside a string");
      if (c !== 0x5c) {
        i++;
        continue;
      }
      const e = text.charAt(i + 1);
      if (e === "u") {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail("four hex digits after \\u");
        i += 6;
      } else if (e !== "" && '"\\/bfnrt'.includes(e)) i += 2;
      else fail("a valid escape");
    }
  }
  function number(): void {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m) fail("a number");
    i += m[0].length;
  }
  function members(close: "}" | "]", depth: number): void {
    i++;
    ws();
    if (text.charAt(i) === close) {
      i++;
      return;
    }
    for (;;) {
      if (close === "}") {
        ws();
        if (text.charAt(i) !== '"') fail("a double-quoted property name");
        string();
        ws();
        if (text.charAt(i) !== ":") fail('":" after the property name');
        i++;
      }
      value(depth + 1);
      ws();
      if (text.charAt(i) === close) {
        i++;
        return;
      }
      if (text.charAt(i) !== ",") fail(`"," or "${close}"`);
      i++;
    }
  }
  function value(depth: number): void {
    if (depth > 256) fail("less nesting");
    ws();
    const c = text.charAt(i);
    if (c === "{") members("}", depth);
    else if (c === "[") members("]", depth);
    else if (c === '"') string();
    else if (c === "-" || (c >= "0" && c <= "9")) number();
    else if (c === "t") literal("true");
    else if (c === "f") literal("false");
    else if (c === "n") literal("null");
    else fail("a value");
  }
  try {
    value(0);
    ws();
    if (i < text.length) fail("the end of the file");
    return undefined;
  } catch (error) {
    if (error instanceof JsonSyntaxAt) return error;
    throw error;
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - (before.lastIndexOf("\n") + 1) + 1 };
}

/**
 * Parses and validates a baseline's text. `file` names the file in error messages. Every problem is a
 * UsageError that names the file (and the line, for a JSON syntax error).
 */
export function parseBaseline(text: string, file: string): Baseline {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    const at = jsonSyntaxError(body);
    if (!at) throw new UsageError(`Baseline ${file} is not valid JSON.`);
    const { line, column } = lineAndColumn(body, at.offset);
    const found = at.offset >= body.length ? "the end of the file" : JSON.stringify(body.charAt(at.offset));
    throw new UsageError(`Baseline ${file} is not valid JSON: line ${line}, column ${column}: expected ${at.expected}, found ${found}.`);
  }
  const bad = (what: string): UsageError =>
    new UsageError(`Baseline ${file} is malformed: ${what} (rewrite it with \`credlint baseline\`).`);
  if (!isRecord(data)) throw bad("expected a JSON object with version, tool and findings");
  if (data.version === undefined) throw bad('"version" is missing');
  if (data.version !== BASELINE_VERSION) {
    throw new UsageError(`Baseline ${file} has version ${JSON.stringify(data.version)}; this credlint reads version ${BASELINE_VERSION}.`);
  }
  if (data.tool !== "credlint") throw bad('"tool" must be "credlint"');
  const extra = unknownKeys(data, TOP_KEYS);
  if (extra.length > 0) throw bad(`unknown key ${extra.map((k) => JSON.stringify(k)).join(", ")}`);
  if (!Array.isArray(data.findings)) throw bad('"findings" must be an array');
  const seen = new Map<string, number>();
  const entries: BaselineEntry[] = [];
  data.findings.forEach((raw: unknown, index: number) => {
    const where = `findings[${index}]`;
    if (!isRecord(raw)) throw bad(`${where} must be an object with rule, path, identity and count`);
    const unknown = unknownKeys(raw, ENTRY_KEYS);
    if (unknown.length > 0) throw bad(`${where} has unknown key ${unknown.map((k) => JSON.stringify(k)).join(", ")}`);
    const { rule, path: p, identity, count } = raw;
    if (typeof rule !== "string" || !RULE_SHAPE.test(rule)) throw bad(`${where}.rule must be a rule id`);
    if (typeof p !== "string" || !isBaselinePath(p)) throw bad(`${where}.path must be a relative path with / separators`);
    if (typeof identity !== "string" || !IDENTITY_SHAPE.test(identity)) throw bad(`${where}.identity must be 64 lowercase hex digits`);
    if (typeof count !== "number" || !Number.isSafeInteger(count) || count < 1) throw bad(`${where}.count must be a whole number of at least 1`);
    const key = entryKey(rule, p, identity);
    const first = seen.get(key);
    if (first !== undefined) throw bad(`findings[${first}] and ${where} have the same rule, path and identity`);
    seen.set(key, index);
    entries.push({ rule, path: p, identity, count });
  });
  return makeBaseline(entries);
}

/**
 * Reads and validates a baseline file. A missing file, a file that cannot be read, malformed JSON, another
 * version or a wrong shape is a UsageError naming the file, never a stack trace. To create a baseline where
 * none exists, check for the file first and call buildBaseline without `existing`.
 */
export function readBaseline(absFile: string): Baseline {
  let text: string;
  try {
    text = readFileSync(absFile, "utf8");
  } catch (error) {
    const code = isRecord(error) && typeof error.code === "string" ? error.code : undefined;
    if (code === "ENOENT") throw new UsageError(`Baseline ${absFile} does not exist (create it with \`credlint baseline\`).`);
    throw new UsageError(`Cannot read baseline ${absFile}: ${error instanceof Error ? error.message : String(error)}.`);
  }
  return parseBaseline(text, absFile);
}

interface EntryState {
  readonly entry: BaselineEntry;
  readonly rootPath: string;
  /** Whether the entry's file exists now and this scan did not read it. */
  readonly outOfScope: boolean;
  /** Whether the entry's file is gone (and so was not read): its findings may have moved with a rename. */
  readonly gone: boolean;
  left: number;
  /** Root path → findings matched there. */
  readonly matched: Map<string, number>;
}

function comparePositions(a: Finding, b: Finding): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.column - b.range.start.column ||
    a.range.end.line - b.range.end.line ||
    a.range.end.column - b.range.end.column
  );
}

/** Matches findings against a baseline: see the module comment for the three steps. */
export function matchBaseline(findings: readonly Finding[], baseline: Baseline, scope: BaselineScope): BaselineMatch {
  const states = baseline.findings.map((entry): EntryState => {
    const rootPath = toRootPath(entry.path, scope);
    const exists = scope.scanned.has(rootPath) || scope.exists(rootPath);
    const outOfScope = exists && !scope.scanned.has(rootPath);
    return { entry, rootPath, outOfScope, gone: !exists, left: entry.count, matched: new Map() };
  });
  const exact = new Map<string, EntryState>();
  for (const s of states) {
    const key = entryKey(s.entry.rule, s.rootPath, s.entry.identity);
    // Two entries can meet only through `..` paths that name the same file: the counts add up.
    const prev = exact.get(key);
    if (prev) prev.left += s.left;
    else exact.set(key, s);
  }
  const take = (s: EntryState, f: Finding, baselined: Set<Finding>): void => {
    s.left--;
    s.matched.set(f.path, (s.matched.get(f.path) ?? 0) + 1);
    baselined.add(f);
  };

  // 1. Exact matches, each file's findings in position order. The input order breaks ties (sort is stable).
  const ordered = [...findings].sort((a, b) => compareStrings(a.path, b.path) || comparePositions(a, b));
  const baselined = new Set<Finding>();
  for (const f of ordered) {
    const s = exact.get(entryKey(f.ruleId, f.path, f.identity));
    if (s && s.left > 0) take(s, f, baselined);
  }

  // 2. Renames: entries whose file is gone, and was not scanned, take unmatched findings elsewhere.
  const gone = new Map<string, EntryState[]>();
  for (const s of exact.values()) {
    if (s.left === 0 || !s.gone) continue;
    const key = `${s.entry.rule}\0${s.entry.identity}`;
    gone.set(key, [...(gone.get(key) ?? []), s]);
  }
  if (gone.size > 0) {
    const mentioned = new Set(states.map((s) => s.rootPath));
    const candidates = ordered
      .filter((f) => !baselined.has(f))
      .sort((a, b) => Number(mentioned.has(a.path)) - Number(mentioned.has(b.path)));
    for (const f of candidates) {
      const s = gone.get(`${f.ruleId}\0${f.identity}`)?.find((g) => g.left > 0);
      if (s) take(s, f, baselined);
    }
  }

  // 3. The rest: fresh findings, and the leftover counts.
  const used: BaselineEntry[] = [];
  const unused: BaselineEntry[] = [];
  const outOfScope: BaselineEntry[] = [];
  for (const s of exact.values()) {
    for (const [rootPath, count] of s.matched) {
      used.push({ ...s.entry, path: toBaselinePath(rootPath, scope), count });
    }
    if (s.left === 0) continue;
    const rest = { ...s.entry, count: s.left };
    if (s.outOfScope) outOfScope.push(rest);
    else unused.push(rest);
  }
  return {
    baselined: findings.filter((f) => baselined.has(f)),
    fresh: findings.filter((f) => !baselined.has(f)),
    used: canonical(used),
    unused: canonical(unused),
    outOfScope: canonical(outOfScope),
  };
}

/**
 * The baseline for `findings`, one entry per (rule, path, identity) with its count. With `existing`, the
 * entries it has for files this scan did not read, that still exist, are kept, so `credlint baseline src/`
 * leaves the rest of the repository's entries alone. Its entries for scanned files are replaced, and its
 * entries for files that are gone are dropped.
 */
export function buildBaseline(findings: readonly Finding[], options: BuildBaselineOptions): Baseline {
  const entries: BaselineEntry[] = findings.map((f) => ({ rule: f.ruleId, path: toBaselinePath(f.path, options), identity: f.identity, count: 1 }));
  const found = new Set(findings.map((f) => f.path));
  for (const e of options.existing?.findings ?? []) {
    const rootPath = toRootPath(e.path, options);
    if (!options.scanned.has(rootPath) && !found.has(rootPath) && options.exists(rootPath)) entries.push(e);
  }
  return makeBaseline(entries);
}

/**
 * Drops what a scan no longer needs. It keeps the entries that matched, with the counts they matched,
 * renamed files under their new path, and the out-of-scope entries. `match` must come from `baseline`.
 * `removed` is the number of recorded findings dropped (the sum of their counts).
 */
export function pruneBaseline(baseline: Baseline, match: BaselineMatch): { baseline: Baseline; removed: number } {
  const pruned = makeBaseline([...match.used, ...match.outOfScope]);
  return { baseline: pruned, removed: total(baseline.findings) - total(pruned.findings) };
}

/** The file's bytes: canonical order, fixed key order, 2-space indentation, final newline. */
export function serializeBaseline(baseline: Baseline): string {
  const out: Baseline = {
    version: BASELINE_VERSION,
    tool: "credlint",
    findings: canonical(baseline.findings),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

/**
 * Writes a baseline atomically. The temporary file is in the same folder, so the rename is atomic. It is
 * fsynced, then renamed over the target, so a reader never sees half a file. An existing file keeps its
 * mode. Failures are UsageErrors naming the file.
 */
export function writeBaseline(absFile: string, baseline: Baseline): void {
  const text = serializeBaseline(baseline);
  let mode: number | undefined;
  try {
    mode = statSync(absFile).mode & 0o7777;
  } catch {
    // A new file: the default mode, less the umask.
  }
  const tmp = path.join(path.dirname(absFile), `.${path.basename(absFile)}.credlint-tmp-${process.pid}-${Date.now().toString(36)}`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, "wx", mode ?? 0o666);
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    if (mode !== undefined) chmodSync(tmp, mode);
    renameSync(tmp, absFile);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // Never created, or already renamed.
    }
    throw new UsageError(`Cannot write baseline ${absFile}: ${error instanceof Error ? error.message : String(error)}.`);
  }
}
