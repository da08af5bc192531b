/**
 * The YAML layer under the CI readers: `yaml`'s AST with exact ranges, aliases resolved on demand with a
 * budget (a billion-laughs file fails fast with a clear error instead of expanding), merge keys (`<<: *base`,
 * common in GitLab and CircleCI files), depth-bounded walking, and the conversion of a map entry into a
 * Setting. Readers never call `toJS()`: it loses ranges and expands every alias.
 */
import type { Alias, Document, Node, Pair, Scalar, YAMLMap, YAMLSeq } from "yaml";
import { yamlLib } from "./yaml-lib.js";
import { classifyValue, type ReferenceSyntax } from "../knowledge/references.js";
import { isLiveConfig } from "../knowledge/paths.js";
import type { EnvContext } from "../model/env.js";
import type { Located, Provider, Setting, SettingSyntax, SettingValue } from "../model/setting.js";
import { rangeOf, type Range, type SourceFile } from "../model/source.js";
import type { ScriptLine } from "./shell.js";
import { isTemplateLine, maskTemplateLines } from "./template.js";
import { jsonNode, looksLikeJson } from "./yaml-json.js";

// The `yaml` node predicates, through the lazily loaded package (they test a symbol the package owns).
export const isAlias = (n: unknown): n is Alias => yamlLib().isAlias(n);
export const isMap = (n: unknown): n is YAMLMap => yamlLib().isMap(n);
export const isPair = (n: unknown): n is Pair => yamlLib().isPair(n);
export const isScalar = (n: unknown): n is Scalar => yamlLib().isScalar(n);
export const isSeq = (n: unknown): n is YAMLSeq => yamlLib().isSeq(n);

/** Alias resolutions allowed per file: far above any real CI file, far below an exponential blow-up. */
export const ALIAS_BUDGET = 10_000;
/** Collections deeper than this are not walked (CI files nest a handful of levels). */
export const MAX_DEPTH = 64;

export interface YamlError {
  readonly line: number;
  readonly message: string;
}

/** Thrown inside a reader when the file exceeds the alias budget; `readYaml` callers turn it into an error. */
export class YamlLimitError extends Error {}

export interface YamlEntry {
  readonly key: string;
  readonly keyNode: Scalar;
  /** The value with aliases resolved (undefined for `key:` with nothing after it). */
  readonly value: Node | undefined;
  /** The value as written (an alias stays an alias here). */
  readonly written: Node | null | undefined;
}

/** Alias resolutions left; the documents of one multi-document file share one (readYamlDocuments). */
export interface AliasBudget {
  left: number;
}

export class YamlDoc {
  /** Anchored nodes by name, in document order: `Alias.resolve` walks the whole document on every call. */
  private anchors: Map<string, { offset: number; node: Node }[]> | undefined;

  constructor(
    readonly file: SourceFile,
    private readonly doc: Document.Parsed | undefined,
    private readonly budget: AliasBudget = { left: ALIAS_BUDGET },
  ) {}

  /** The node an alias names: the last anchor of that name before it (YAML 1.2 §7.1). */
  private target(alias: Alias): Node | undefined {
    if (!this.anchors) {
      const anchors = new Map<string, { offset: number; node: Node }[]>();
      if (this.doc) {
        yamlLib().visit(this.doc, (_key, node) => {
          const n = node as Node & { anchor?: string };
          if (n && typeof n === "object" && "anchor" in n && n.anchor) {
            const list = anchors.get(n.anchor) ?? [];
            list.push({ offset: n.range?.[0] ?? 0, node: n });
            anchors.set(n.anchor, list);
          }
        });
      }
      this.anchors = anchors;
    }
    const at = alias.range?.[0] ?? Number.MAX_SAFE_INTEGER;
    let found: Node | undefined;
    for (const a of this.anchors.get(alias.source) ?? []) if (a.offset < at) found = a.node;
    return found;
  }

  get root(): Node | undefined {
    const c = this.doc?.contents;
    return c ? this.resolve(c) : undefined;
  }

  /** Follows aliases, spending the budget. */
  resolve(node: unknown): Node | undefined {
    let n = node;
    for (let hops = 0; isAlias(n); hops++) {
      if (--this.budget.left < 0 || hops > 64 || !this.doc) {
        throw new YamlLimitError(`more than ${ALIAS_BUDGET} alias expansions (an alias bomb?)`);
      }
      n = this.target(n);
    }
    return (n ?? undefined) as Node | undefined;
  }

  /** A map's entries in order, merge keys (`<<`) expanded first so that explicit keys override them. */
  entries(node: unknown, depth = 0): YamlEntry[] {
    const map = this.resolve(node);
    if (!isMap(map) || depth > MAX_DEPTH) return [];
    const merged: YamlEntry[] = [];
    const own: YamlEntry[] = [];
    for (const pair of map.items as Pair[]) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      if (key === "<<" && (pair.key as Scalar).type === "PLAIN") {
        // `merge: false` at parse time: merges are expanded here, lazily and within the alias budget.
        const v = this.resolve(pair.value);
        const sources = isSeq(v) ? v.items : [pair.value];
        for (const src of sources) merged.push(...this.entries(src, depth + 1));
        continue;
      }
      own.push({ key, keyNode: pair.key as Scalar, value: this.resolve(pair.value), written: pair.value as Node | null });
    }
    const ownKeys = new Set(own.map((e) => e.key));
    return [...merged.filter((e) => !ownKeys.has(e.key)), ...own];
  }

  get(node: unknown, key: string): Node | undefined {
    return this.entry(node, key)?.value;
  }

  entry(node: unknown, key: string): YamlEntry | undefined {
    const all = this.entries(node);
    for (let i = all.length - 1; i >= 0; i--) if (all[i]?.key === key) return all[i];
    return undefined;
  }

  items(node: unknown): Node[] {
    const seq = this.resolve(node);
    if (!isSeq(seq)) return [];
    const out: Node[] = [];
    for (const item of seq.items) {
      const r = this.resolve(item);
      if (r) out.push(r);
    }
    return out;
  }

  /** A scalar's text as the consumer sees it (numbers and booleans as written), else undefined. */
  text(node: unknown): string | undefined {
    const n = this.resolve(node);
    if (!isScalar(n)) return undefined;
    if (typeof n.value === "string") return n.value;
    if (n.value === null) return "";
    return n.source ?? String(n.value);
  }

  isMap(node: unknown): boolean {
    return isMap(this.resolve(node));
  }

  range(node: Node | null | undefined): Range {
    const r = node?.range;
    if (!r) return rangeOf(this.file, 0, 0);
    return rangeOf(this.file, r[0], r[1]);
  }

  located(entry: YamlEntry): Located {
    return { text: entry.key, range: this.range(entry.keyNode) };
  }

  /**
   * A map entry as a Setting. The value is what the CI system passes on: plain scalars trimmed, quoted
   * scalars unescaped, block scalars with their trailing newline (`|` keeps one, `|-` strips it).
   */
  setting(entry: YamlEntry, o: { provider: Provider; where: string; syntax: SettingSyntax; references: ReferenceSyntax }): Setting {
    const written = entry.written;
    const node = entry.value;
    const valueNode = (isAlias(written) ? node : written) ?? undefined;
    const keyRange = this.range(entry.keyNode);
    let value: SettingValue;
    let style: string | undefined;
    if (!valueNode) {
      const at = rangeOf(this.file, entry.keyNode.range?.[1] ?? 0, entry.keyNode.range?.[1] ?? 0);
      value = { kind: "literal", value: "", raw: "", range: { start: at.end, end: at.end } };
      style = "plain";
    } else {
      const range = this.range(valueNode);
      const raw = this.file.text.slice(valueNode.range?.[0] ?? 0, valueNode.range?.[1] ?? 0);
      const text = this.text(valueNode);
      if (text === undefined) {
        value = { kind: "dynamic", raw, range };
      } else {
        const cls = classifyValue(text, o.references);
        value =
          cls.kind === "literal"
            ? { kind: "literal", value: text, raw, range }
            : cls.kind === "reference"
              ? { kind: "reference", target: cls.target, raw, range }
              : { kind: "dynamic", raw, range };
      }
      style = isScalar(valueNode) ? STYLE[(valueNode as Scalar).type ?? "PLAIN"] : undefined;
    }
    const end = value.range.end;
    return {
      file: this.file,
      provider: o.provider,
      key: { text: entry.key, range: keyRange },
      value,
      range: { start: keyRange.start, end },
      where: o.where,
      syntax: o.syntax,
      ...(style ? { style } : {}),
    };
  }

  /**
   * A script scalar (`run: |`, `script:` items) as lines with their file offsets, for the shell reader.
   * Block scalars map line by line (indentation removed); quoted scalars map from their opening quote, which
   * is exact unless they contain escapes.
   */
  scriptLines(node: unknown): ScriptLine[] {
    const n = this.resolve(node);
    if (!isScalar(n) || typeof n.value !== "string" || !n.range) return [];
    const [start, end] = n.range;
    const src = this.file.text.slice(start, end);
    if (n.type === "BLOCK_LITERAL" || n.type === "BLOCK_FOLDED") {
      const firstNl = src.indexOf("\n");
      if (firstNl === -1) return [];
      const body = src.slice(firstNl + 1);
      const lines = body.split("\n");
      const indents = lines.filter((l) => l.trim() !== "").map((l) => /^ */.exec(l)?.[0].length ?? 0);
      const indent = indents.length ? Math.min(...indents) : 0;
      const out: ScriptLine[] = [];
      let offset = start + firstNl + 1;
      for (const line of lines) {
        const text = line.slice(Math.min(indent, line.length)).replace(/\r$/, "");
        out.push({ text, offset: offset + Math.min(indent, line.length) });
        offset += line.length + 1;
      }
      if (n.type === "BLOCK_FOLDED") {
        // `>` folds lines of one paragraph into one line (GitLab's documented OIDC example is written so):
        // mark them as shell continuations; blank and more-indented lines end the paragraph.
        for (let i = 0; i < out.length - 1; i++) {
          const cur = out[i];
          const next = out[i + 1];
          if (!cur || !next || cur.text.trim() === "" || next.text.trim() === "" || /^\s/.test(next.text) || /^\s/.test(cur.text)) continue;
          out[i] = { text: `${cur.text} \\`, offset: cur.offset };
        }
      }
      return out;
    }
    if (n.type === "QUOTE_DOUBLE" || n.type === "QUOTE_SINGLE") return [{ text: n.value, offset: start + 1 }];
    // A plain scalar: one line, or several folded into one by YAML.
    const out: ScriptLine[] = [];
    let offset = start;
    for (const line of src.split("\n")) {
      const lead = /^\s*/.exec(line)?.[0].length ?? 0;
      out.push({ text: line.slice(lead).replace(/\r$/, ""), offset: offset + lead });
      offset += line.length + 1;
    }
    return out;
  }
}

const STYLE: Readonly<Record<string, string>> = {
  PLAIN: "plain",
  QUOTE_SINGLE: "single",
  QUOTE_DOUBLE: "double",
  BLOCK_LITERAL: "literal",
  BLOCK_FOLDED: "folded",
};

/**
 * Parses a YAML file. Syntax errors come back as `errors` with their line (the reader still gets whatever
 * `yaml` recovered, which is usually everything before the error): the first one only, since after it
 * `yaml`'s recovery reports consequences, not further mistakes. Never throws.
 *
 * Lines that are only template tags (`{% if deploy_to_aws %}`, `{{- end }}` in a templated CI file) are
 * parsed as blank lines of the same length (formats/template.ts), so that YAML reads the lines between them
 * where they stand and ranges stay exact; `file.text` itself is unchanged. `mask` rewrites more of the text
 * before it is parsed (see readYamlDocuments).
 */
export function readYaml(file: SourceFile, options: { mask?: (text: string) => string } = {}): { doc: YamlDoc; errors: YamlError[] } {
  const { docs, errors } = parseDocuments(file, options.mask);
  // A GitLab file may start with a `spec:` header document: the pipeline is the last document.
  const parsed = [...docs].reverse().find((d) => d.contents !== null) ?? docs[0];
  return { doc: new YamlDoc(file, parsed), errors };
}

/**
 * Every document of a multi-document file (`---`), each as its own YamlDoc (its anchors are its own, as in
 * YAML), in file order; empty documents are left out. The documents share one alias budget, so a file of
 * many documents cannot multiply it. Errors, template lines and the never-throw contract are readYaml's.
 * `mask` rewrites more of the text before it is parsed (a reader's own template syntax); it must keep the
 * text's length and its line breaks where they are, so that ranges stay exact.
 */
export function readYamlDocuments(file: SourceFile, options: { mask?: (text: string) => string } = {}): { docs: YamlDoc[]; errors: YamlError[] } {
  const { docs, errors } = parseDocuments(file, options.mask);
  const budget: AliasBudget = { left: ALIAS_BUDGET };
  return { docs: docs.filter((d) => d.contents !== null).map((d) => new YamlDoc(file, d, budget)), errors };
}

/** All documents of a file, and its first syntax error (see readYaml). */
function parseDocuments(file: SourceFile, mask?: (text: string) => string): { docs: Document.Parsed[]; errors: YamlError[] } {
  const { LineCounter, parseAllDocuments } = yamlLib();
  const lineCounter = new LineCounter();
  const errors: YamlError[] = [];
  // `yaml` makes an Error for each warning (every CloudFormation `!Ref` is an unknown tag): without stack
  // traces, a sixth less time on templates. Its errors are read for their message and position only.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const masked = maskTemplateLines(file.text);
    const text = mask ? mask(masked) : masked;
    // A file written as JSON: the same nodes, without `yaml`'s lexer (formats/yaml-json.ts).
    const root = looksLikeJson(text) ? jsonNode(text) : undefined;
    if (root) return { docs: [jsonDocument(root)], errors };
    const all = parseAllDocuments(text, { lineCounter, uniqueKeys: false, merge: false, prettyErrors: false, strict: false });
    const docs = Array.isArray(all) ? all : [];
    for (const e of (docs.flatMap((d) => d.errors) ?? []).slice(0, 1)) {
      const line = e.pos ? lineCounter.linePos(e.pos[0]).line : 1;
      const what = e.message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "") ?? "syntax error";
      errors.push({ line, message: /call stack/i.test(what) ? "nesting too deep to read" : what });
    }
    return { docs, errors };
  } catch (error) {
    errors.push({ line: 1, message: error instanceof Error ? error.message : String(error) });
    return { docs: [], errors };
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

/**
 * The document of a JSON file: its root, no errors. What YamlDoc and the readers take of a document is its
 * `contents` (and `errors`); JSON has no anchors, so `visit` never walks it.
 */
function jsonDocument(root: Node): Document.Parsed {
  return { contents: root, errors: [], warnings: [] } as unknown as Document.Parsed;
}

/** Runs a reader, turning the alias budget and stack overflows into an error instead of an exception. */
export function guarded<T>(file: SourceFile, fallback: T, read: () => T): { value: T; error?: YamlError } {
  try {
    return { value: read() };
  } catch (error) {
    if (error instanceof YamlLimitError) return { value: fallback, error: { line: 1, message: error.message } };
    if (error instanceof RangeError) return { value: fallback, error: { line: 1, message: "nesting too deep to read" } };
    throw error;
  }
}

/** A `Located` for a scalar node. */
export function locatedNode(doc: YamlDoc, node: Node | undefined): Located | undefined {
  const text = doc.text(node);
  if (text === undefined || !node) return undefined;
  return { text, range: doc.range(node) };
}

/** A line that ends with a block scalar header (`key: |`, `- >-`, `run: |2`). */
const BLOCK_HEADER = /(?:^|[\s:-])[|>][-+1-9]{0,2}[ \t]*$/;

/**
 * A `mask` for readYaml/readYamlDocuments: the blank lines that open a block scalar and are longer than its
 * indentation become a `#` at that indentation, in place (same length, same line breaks). Template-only lines
 * are parsed as blanks of their own length (formats/template.ts); at the start of a block scalar
 * (`Description: >` then `  {{ cookiecutter.project_name }}`, `run: |` then `{% if %}`) such blanks are
 * "more-indented leading empty lines", which YAML rejects, and the rest of the file would be lost. The `#`
 * line is text of the scalar, whose value is a template anyway.
 */
export function blockScalarLeads(text: string): string {
  if (!text.includes("|") && !text.includes(">")) return text;
  const lines = text.split("\n");
  let changed = false;
  for (let i = 0; i < lines.length; i++) {
    const header = lines[i] ?? "";
    if (header.trim() === "" || !BLOCK_HEADER.test(header)) continue;
    let k = i + 1;
    while (k < lines.length && (lines[k] ?? "").trim() === "") k++;
    const indent = /^[ \t]*/.exec(lines[k] ?? "")?.[0].length ?? 0;
    // Only where the next text is the block's own (more indented than its header line).
    if (indent <= (/^[ \t]*/.exec(header)?.[0].length ?? 0)) continue;
    for (let m = i + 1; m < k && k < lines.length; m++) {
      const line = lines[m] ?? "";
      if (line.replace(/\r$/, "").length <= indent) continue;
      lines[m] = commentLine(line, indent);
      changed = true;
    }
    i = k - 1;
  }
  return changed ? lines.join("\n") : text;
}

/**
 * A line made a YAML comment of the same length, its `#` at column `indent` and its `\r` kept: masks
 * (`blockScalarLeads`, CloudFormation's `maskUnread`) rewrite lines so without moving any range. The line must
 * be longer than `indent`.
 */
export function commentLine(line: string, indent = 0): string {
  const bare = line.endsWith("\r") ? line.length - 1 : line.length;
  return `${" ".repeat(indent)}#${" ".repeat(bare - indent - 1)}${line.slice(bare)}`;
}

/** How a scalar was written: `plain`, `single`, `double`, `literal` (`|`) or `folded` (`>`); undefined for collections. */
export function scalarStyle(node: unknown): string | undefined {
  return isScalar(node) ? STYLE[node.type ?? "PLAIN"] : undefined;
}

/**
 * Where a node's text starts in the file, with the local tag written before it (`!Ref Bucket`, `!If` above a
 * block sequence): `yaml` starts a node's range after its tag. Unknown tags such as CloudFormation's short
 * forms need no schema: `yaml` keeps them on the node (`node.tag`) with a warning, never an error.
 */
export function startWithTag(doc: YamlDoc, node: Node): number {
  const start = node.range?.[0] ?? 0;
  const tag = node.tag;
  if (!tag || !tag.startsWith("!")) return start;
  const text = doc.file.text;
  let i = start;
  while (i > 0 && /\s/.test(text.charAt(i - 1))) i--;
  return text.slice(i - tag.length, i) === tag ? i - tag.length : start;
}

/** What a reader decided a value is: the text the consumer sees, a reference to elsewhere, or computed. */
export type ReadValue =
  | { readonly kind: "literal"; readonly value: string }
  | { readonly kind: "reference"; readonly target: string }
  | { readonly kind: "dynamic" };

/**
 * A node's value as a SettingValue: its raw text and range (with a tag written before it) and what it reads
 * as. A block scalar with a template-only line in it (`{% if %}`, `{{- end }}`) is dynamic whatever `read`
 * says: the parser saw that line as blank (or as blockScalarLeads' `#`), the rendered file will not.
 */
export function nodeValue(doc: YamlDoc, node: Node, read: ReadValue): SettingValue {
  const start = startWithTag(doc, node);
  let end = node.range?.[1] ?? start;
  // A block collection's range runs to the next line: its text ends at its last non-blank character.
  if (!isScalar(node)) while (end > start && /\s/.test(doc.file.text.charAt(end - 1))) end--;
  const block = isScalar(node) && (node.type === "BLOCK_LITERAL" || node.type === "BLOCK_FOLDED");
  const templated = block && read.kind === "literal" && doc.file.text.slice(start, end).split("\n").some(isTemplateLine);
  return valueAt(doc, start, end, templated ? { kind: "dynamic" } : read);
}

/** A SettingValue for the text between two offsets of the file. */
export function valueAt(doc: YamlDoc, start: number, end: number, read: ReadValue): SettingValue {
  const raw = doc.file.text.slice(start, end);
  const range = rangeOf(doc.file, start, end);
  return read.kind === "literal"
    ? { kind: "literal", value: read.value, raw, range }
    : read.kind === "reference"
      ? { kind: "reference", target: read.target, raw, range }
      : { kind: "dynamic", raw, range };
}

function before(a: Range["start"], b: Range["start"]): boolean {
  return a.line < b.line || (a.line === b.line && a.column < b.column);
}

/**
 * A Setting whose key and value are not one map entry — a compose `- KEY=value` item, a Kubernetes
 * `{name, value}` pair, an ECS `{Name, Value}` pair — or whose value a reader classified itself. Its range
 * runs from the first of the two to the end of the last.
 */
export function makeSetting(doc: YamlDoc, o: { key: Located; value: SettingValue; provider: Provider; where: string; syntax: SettingSyntax; style?: string | undefined }): Setting {
  const { key, value } = o;
  const start = before(value.range.start, key.range.start) ? value.range.start : key.range.start;
  const end = before(key.range.end, value.range.end) ? value.range.end : key.range.end;
  return {
    file: doc.file,
    provider: o.provider,
    key,
    value,
    range: { start, end },
    where: o.where,
    syntax: o.syntax,
    ...(o.style ? { style: o.style } : {}),
  };
}

/**
 * What a reader of compose, Kubernetes, Serverless or CloudFormation files collects over one file: each
 * setting once, by its written position (a map aliased or merged into two places is one setting, and the
 * contexts that share it hold the same object), and the file's env contexts, outer ones first.
 */
export class EnvCollector {
  readonly settings: Setting[] = [];
  readonly contexts: EnvContext[] = [];
  private readonly seen = new Map<string, Setting>();

  constructor(readonly file: SourceFile) {}

  keep(s: Setting): Setting {
    const r = (x: Range): string => `${x.start.line}:${x.start.column}-${x.end.line}:${x.end.column}`;
    const at = `${r(s.key.range)}=${r(s.value.range)}`;
    const known = this.seen.get(at);
    if (known) return known;
    this.seen.set(at, s);
    this.settings.push(s);
    return s;
  }

  /** A new env context (syntax `yaml`, no CI platform, live when the file is live config). */
  context(o: { where: string; anchor: Range; parent?: EnvContext | undefined; own: readonly Setting[]; runtime?: "lambda" }): EnvContext {
    const env: EnvContext = {
      ...(o.runtime ? { runtime: o.runtime } : {}),
      kind: "env",
      file: this.file,
      syntax: "yaml",
      where: o.where,
      anchor: o.anchor,
      ...(o.parent ? { parent: o.parent } : {}),
      own: o.own,
      commands: [],
      live: isLiveConfig(this.file.facts),
    };
    this.contexts.push(env);
    return env;
  }
}
