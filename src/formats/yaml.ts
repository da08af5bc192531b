/**
 * The YAML layer under the CI readers: `yaml`'s AST with exact ranges, aliases resolved on demand with a
 * budget (a billion-laughs file fails fast with a clear error instead of expanding), merge keys (`<<: *base`,
 * common in GitLab and CircleCI files), depth-bounded walking, and the conversion of a map entry into a
 * Setting. Readers never call `toJS()`: it loses ranges and expands every alias.
 */
import type { Alias, Document, Node, Pair, Scalar, YAMLMap, YAMLSeq } from "yaml";
import { yamlLib } from "./yaml-lib.js";
import { classifyValue, type ReferenceSyntax } from "../knowledge/references.js";
import type { Located, Provider, Setting, SettingSyntax, SettingValue } from "../model/setting.js";
import { rangeOf, type Range, type SourceFile } from "../model/source.js";
import type { ScriptLine } from "./shell.js";
import { maskTemplateLines } from "./template.js";

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

export class YamlDoc {
  private aliasesLeft = ALIAS_BUDGET;
  /** Anchored nodes by name, in document order: `Alias.resolve` walks the whole document on every call. */
  private anchors: Map<string, { offset: number; node: Node }[]> | undefined;

  constructor(
    readonly file: SourceFile,
    private readonly doc: Document.Parsed | undefined,
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
      if (--this.aliasesLeft < 0 || hops > 64 || !this.doc) {
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
 * where they stand and ranges stay exact; `file.text` itself is unchanged.
 */
export function readYaml(file: SourceFile): { doc: YamlDoc; errors: YamlError[] } {
  const { LineCounter, parseAllDocuments } = yamlLib();
  const lineCounter = new LineCounter();
  let parsed: Document.Parsed | undefined;
  const errors: YamlError[] = [];
  try {
    const all = parseAllDocuments(maskTemplateLines(file.text), { lineCounter, uniqueKeys: false, merge: false, prettyErrors: false, strict: false });
    const docs = Array.isArray(all) ? all : [];
    // A GitLab file may start with a `spec:` header document: the pipeline is the last document.
    parsed = [...docs].reverse().find((d) => d.contents !== null) ?? docs[0];
    for (const e of (docs.flatMap((d) => d.errors) ?? []).slice(0, 1)) {
      const line = e.pos ? lineCounter.linePos(e.pos[0]).line : 1;
      const what = e.message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "") ?? "syntax error";
      errors.push({ line, message: /call stack/i.test(what) ? "nesting too deep to read" : what });
    }
  } catch (error) {
    errors.push({ line: 1, message: error instanceof Error ? error.message : String(error) });
    parsed = undefined;
  }
  return { doc: new YamlDoc(file, parsed), errors };
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
