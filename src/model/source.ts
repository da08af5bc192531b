/**
 * Source text and positions. Lines and columns are 1-based; columns count UTF-16 code units (what SARIF's
 * `columnKind: utf16CodeUnits`, ESLint and editors use). A range's end is exclusive: `end.column` is the
 * column of the first character after the range, as in SARIF's `endColumn`.
 */
export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

import { isLiveCiFile, isLiveConfig, pathFacts, type PathFacts } from "../knowledge/paths.js";

export type { PathFacts } from "../knowledge/paths.js";

/**
 * The kinds of file credlint reads, with what the rules need to know of each (the CI platform of a CI file).
 * This is the vocabulary; how a kind is recognised and read lives in its format's registry entry
 * (src/formats/registry.ts). `text` files only get the raw-text detectors.
 */
export const FILE_KIND_INFO = {
  "aws-config": {},
  "aws-credentials": {},
  "js-ts": { code: true },
  python: { code: true },
  terraform: {},
  "terraform-vars": {},
  dotenv: {},
  shell: {},
  dockerfile: {},
  "docker-compose": {},
  kubernetes: {},
  serverless: {},
  cloudformation: {},
  "iam-policy": {},
  "github-workflow": { ci: "github" },
  "github-action": { ci: "github" },
  "gitlab-ci": { ci: "gitlab" },
  circleci: { ci: "circleci" },
  "azure-pipelines": { ci: "azure-pipelines" },
  "bitbucket-pipelines": { ci: "bitbucket" },
  text: {},
} as const satisfies Readonly<Record<string, { readonly ci?: string; readonly code?: true }>>;

export type FileKind = keyof typeof FILE_KIND_INFO;

export const FILE_KINDS = Object.keys(FILE_KIND_INFO) as FileKind[];

/** The CI file kinds (GitHub workflows and composite actions, GitLab, CircleCI, Azure Pipelines, Bitbucket). */
export const CI_FILE_KINDS: ReadonlySet<FileKind> = new Set(FILE_KINDS.filter((k) => "ci" in FILE_KIND_INFO[k]));

/** Program source files whose SDK calls are read (JS/TS, Python): their settings are written as `code`. */
export const CODE_FILE_KINDS: ReadonlySet<FileKind> = new Set(FILE_KINDS.filter((k) => "code" in FILE_KIND_INFO[k]));

/**
 * Whether what a file configures runs for real: a CI file that a CI system runs (isLiveCiFile), any other
 * file when it is live and not test code or data (isLiveConfig). The rules that ask "will this work at run
 * time" look only at these.
 */
export function isLiveFile(file: SourceFile): boolean {
  return CI_FILE_KINDS.has(file.kind) ? isLiveCiFile(file.path, file.facts) : isLiveConfig(file.facts);
}

export interface SourceFile {
  /** Repository-relative path with `/` separators, as reported. */
  readonly path: string;
  readonly kind: FileKind;
  /** Decoded text (invalid UTF-8 sequences replaced by U+FFFD). */
  readonly text: string;
  /** Offsets of the first character of each line (index 0 is line 1). */
  readonly lineStarts: readonly number[];
  /** What the file is for (live, test, example, docs, generated, vendored): decided once, asked by every stage. */
  readonly facts: PathFacts;
}

export function computeLineStarts(text: string): number[] {
  const starts = [0];
  // Only LF ends a line: a CR before it belongs to the line terminator, a lone CR stays in the line
  // (where the readers that matter keep it too, and credential-whitespace can point at it).
  // `indexOf` is a native search: three times faster than a loop over the characters on large trees.
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * `factsPath`: the path the file's facts are judged from (relative to the scanned project; default `path`);
 * `installed`: the file lies in a folder of installed third-party packages (only the file list shows it).
 */
export function makeSourceFile(path: string, kind: FileKind, text: string, factsPath = path, installed = false): SourceFile {
  return { path, kind, text, lineStarts: computeLineStarts(text), facts: pathFacts(factsPath, text, installed) };
}

export function positionAt(file: SourceFile, offset: number): Position {
  const starts = file.lineStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
}

export function offsetAt(file: SourceFile, pos: Position): number {
  return (file.lineStarts[pos.line - 1] ?? file.text.length) + pos.column - 1;
}

export function rangeOf(file: SourceFile, startOffset: number, endOffset: number): Range {
  return { start: positionAt(file, startOffset), end: positionAt(file, endOffset) };
}

/** The text of line `line` (1-based) without its line terminator. */
export function lineText(file: SourceFile, line: number): string {
  const start = file.lineStarts[line - 1];
  if (start === undefined) return "";
  const next = file.lineStarts[line];
  let end = next ?? file.text.length;
  while (end > start && (file.text[end - 1] === "\n" || file.text[end - 1] === "\r")) end--;
  return file.text.slice(start, end);
}

export function lineCount(file: SourceFile): number {
  return file.lineStarts.length;
}

/** Whether `inner` lies within `outer` (edges included). */
export function rangeContains(outer: Range, inner: Range): boolean {
  const notAfter = (a: Range["start"], b: Range["start"]): boolean => a.line < b.line || (a.line === b.line && a.column <= b.column);
  return notAfter(outer.start, inner.start) && notAfter(inner.end, outer.end);
}

export function sliceRange(file: SourceFile, range: Range): string {
  return file.text.slice(offsetAt(file, range.start), offsetAt(file, range.end));
}
