import { lineText, type Range, type SourceFile } from "../model/source.js";

/**
 * credlint's own suppression directives, read from a file's comments:
 *
 *   `# credlint-disable-next-line invalid-region, mfa-config -- reason`   the next line
 *   `value  # credlint-disable-line invalid-region -- reason`             this line
 *   `# credlint-disable invalid-region -- reason`                         the whole file (anywhere in it)
 *
 * A rule id may carry the value it accepts, `hardcoded-secret:4be1c2d0` (the first hex digits of the
 * finding's identity): the directive then suppresses that value only, so a changed or added secret on the
 * line is reported again. A secret rule's line directive must name its value (src/filter/stage.ts).
 * Without rule ids a directive covers every rule. The reason is what follows ` -- `.
 *
 * A directive counts only at the start of a comment: after `#`, `//`, `/*`, `<!--`, `;`, `--`, `{#`, `<%#`,
 * `%`, `'` or `REM` — so prose that mentions the syntax is not one. (Not after a block comment's `*`
 * continuation: that is where documentation explains directives.) (Careful in AWS INI
 * files: botocore keeps an inline comment in the value, so put the directive on the line before.)
 */

export type DirectiveScope = "next-line" | "line" | "file";

export interface DirectiveEntry {
  /** As written (lower-case kebab-case when valid). */
  readonly id: string;
  /** The value tag after `:`, lower-case hex. */
  readonly tag?: string;
  /** Where the entry is written (for errors and fixes). */
  readonly range: Range;
  /** Whether the id (and tag) have the right shape; a malformed one is reported, never used. */
  readonly wellFormed: boolean;
}

export interface Directive {
  readonly file: SourceFile;
  readonly scope: DirectiveScope;
  readonly line: number;
  /** The line it applies to (`undefined` for file scope). */
  readonly target?: number;
  /** Empty: every rule. */
  readonly entries: readonly DirectiveEntry[];
  readonly reason?: string;
  /** The directive's keyword (`credlint-disable-line`), for messages. */
  readonly keyword: string;
  /** The keyword's range (where problems with the directive as a whole are reported). */
  readonly range: Range;
}

const COMMENT_THEN_DIRECTIVE =
  /(?:^|[\s(;])(?:#|\/\/+|\/\*+|<!--|;+|--|\{[#{]-?|<%#?|%|'|REM\b)[ \t]*(credlint-disable(?:-next-line|-line)?)(?![\w-])/g;

/**
 * Where the rule ids end: at the first character no id list has (a quote or `\n` escape when the directive
 * sits in a string of test code, a parenthesis of prose).
 */
const IDS_END = /[^A-Za-z0-9_:,\s-]|\\n/;

/** Comment closers that end a directive's text. */
const COMMENT_END = /\s*(?:\*\/|-->|-?#\}|-?\}\}|%>).*$/;

const ENTRY_SHAPE = /^([a-z][a-z0-9-]*)(?::([0-9a-f]{4,64}))?$/;

function parseLine(file: SourceFile, line: number, text: string): Directive[] {
  const out: Directive[] = [];
  for (const m of text.matchAll(COMMENT_THEN_DIRECTIVE)) {
    const keyword = m[1] ?? "";
    const keywordStart = (m.index ?? 0) + m[0].length - keyword.length;
    const restStart = keywordStart + keyword.length;
    let rest = text.slice(restStart).replace(COMMENT_END, "");
    // The next directive on the same line (rare) starts its own text.
    const next = rest.search(/credlint-disable/);
    if (next >= 0) rest = rest.slice(0, next);
    let reason: string | undefined;
    const dashes = /(?:^|\s)--(?:\s|$)/.exec(rest);
    let idsText = rest;
    if (dashes) {
      idsText = rest.slice(0, dashes.index);
      const r = rest.slice(dashes.index + dashes[0].length).trim();
      if (r !== "") reason = r;
    }
    const end = IDS_END.exec(idsText);
    if (end) idsText = idsText.slice(0, end.index);
    const entries: DirectiveEntry[] = [];
    for (const t of idsText.matchAll(/[^\s,]+/g)) {
      const token = t[0];
      const start = restStart + (t.index ?? 0);
      const shape = ENTRY_SHAPE.exec(token.toLowerCase());
      const entry: DirectiveEntry = {
        id: shape?.[1] ?? token,
        ...(shape?.[2] ? { tag: shape[2] } : {}),
        range: { start: { line, column: start + 1 }, end: { line, column: start + token.length + 1 } },
        wellFormed: shape !== null && token === token.toLowerCase(),
      };
      entries.push(entry);
    }
    const scope: DirectiveScope = keyword.endsWith("-next-line") ? "next-line" : keyword.endsWith("-line") ? "line" : "file";
    out.push({
      file,
      scope,
      line,
      ...(scope === "file" ? {} : { target: scope === "line" ? line : line + 1 }),
      entries,
      ...(reason !== undefined ? { reason } : {}),
      keyword,
      range: { start: { line, column: keywordStart + 1 }, end: { line, column: restStart + 1 } },
    });
  }
  return out;
}

/** Every credlint directive in a file, in order. Files without the word are not split into lines. */
export function readDirectives(file: SourceFile): Directive[] {
  if (!file.text.includes("credlint-disable")) return [];
  const out: Directive[] = [];
  for (let line = 1; line <= file.lineStarts.length; line++) {
    const text = lineText(file, line);
    if (text.includes("credlint-disable")) out.push(...parseLine(file, line, text));
  }
  return out;
}

/** Whether a directive covers a finding of `ruleId` on `line` with this identity; returns the entry that does. */
export function directiveCovers(
  d: Directive,
  ruleId: string,
  line: number,
  identity: string,
): { readonly entry?: DirectiveEntry; readonly bound: boolean } | undefined {
  if (d.target !== undefined && d.target !== line) return undefined;
  if (d.entries.length === 0) return { bound: false };
  let unbound: DirectiveEntry | undefined;
  for (const e of d.entries) {
    if (!e.wellFormed || e.id !== ruleId) continue;
    if (e.tag === undefined) unbound ??= e;
    else if (identity.startsWith(e.tag)) return { entry: e, bound: true };
  }
  return unbound ? { entry: unbound, bound: false } : undefined;
}

/** The tag that binds a suppression to a finding's value: the first 8 hex digits of its identity. */
export function valueTag(identity: string): string {
  return identity.slice(0, 8);
}
