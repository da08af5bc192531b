/**
 * What every CI reader (github, gitlab, circleci, azure-pipelines, bitbucket) returns, and the small
 * constructors they share so that contexts and steps look the same whatever the platform.
 */
import type { CiJob, CiStep, CompositeAction } from "../model/ci.js";
import type { CiPlatform, EnvCommand, EnvContext, EnvSyntax } from "../model/env.js";
import type { Located, Setting } from "../model/setting.js";
import { isLiveFile, lineText, type Range, type SourceFile } from "../model/source.js";
import type { Node } from "yaml";
import { guarded, readYaml, type YamlDoc, type YamlError } from "./yaml.js";

export interface CiFileResult {
  /** Every env context of the file (workflow/pipeline, jobs, steps), outer ones first. */
  readonly contexts: readonly EnvContext[];
  readonly jobs: readonly CiJob[];
  /** Every setting written in the file once: env/variables entries, step inputs, command-line flags. */
  readonly settings: readonly Setting[];
  readonly errors: readonly YamlError[];
  /** GitHub `action.yml` with `runs.using: composite`. */
  readonly composite?: CompositeAction;
  /** GitLab `include:` of files in the repository (`local:` or a plain path), as written. */
  readonly includes?: readonly Located[];
}

export const EMPTY_CI_RESULT: CiFileResult = { contexts: [], jobs: [], settings: [], errors: [] };

export function makeEnv(o: {
  file: SourceFile;
  where: string;
  anchor: Range;
  ci: CiPlatform;
  parent?: EnvContext;
  own: readonly Setting[];
  commands?: readonly EnvCommand[];
  syntax?: EnvSyntax;
}): EnvContext {
  return {
    kind: "env",
    file: o.file,
    syntax: o.syntax ?? "yaml",
    where: o.where,
    anchor: o.anchor,
    ci: o.ci,
    ...(o.parent ? { parent: o.parent } : {}),
    own: o.own,
    commands: o.commands ?? [],
    live: isLiveFile(o.file),
  };
}


/** `aws-actions/configure-aws-credentials@v4` → `aws-actions/configure-aws-credentials` (lower case). */
export function actionName(uses: string): string {
  const at = uses.indexOf("@");
  return (at === -1 ? uses : uses.slice(0, at)).trim().toLowerCase();
}

export function makeStep(o: Omit<CiStep, "kind" | "input">): CiStep {
  const byName = new Map<string, Setting>();
  for (const s of o.inputs) byName.set(s.key.text, s);
  return { kind: "ci-step", ...o, input: (name: string) => byName.get(name) };
}

/** Collects every context and setting of one CI file as a reader walks it. */
export interface CiWalk {
  readonly doc: YamlDoc;
  readonly file: SourceFile;
  readonly platform: CiPlatform;
  readonly contexts: EnvContext[];
  readonly settings: Setting[];
  /** Settings by written position: a map aliased, merged (`<<: *common`) or `!reference`d into two places is one setting. */
  readonly seen: Map<string, Setting>;
}

/** What a reader's walk returns; the walk itself holds the contexts and settings. */
type ReaderOutput = Omit<CiFileResult, "contexts" | "settings" | "errors">;

/**
 * Runs a CI reader over a file (`extend` adds the reader's own state to the walk): YAML syntax errors, the alias budget and nesting too deep to read come
 * back as `errors`, never as an exception; whatever was read before stays.
 */
export function readCiFile(file: SourceFile, platform: CiPlatform, body: (w: CiWalk) => ReaderOutput): CiFileResult;
export function readCiFile<W extends CiWalk>(file: SourceFile, platform: CiPlatform, body: (w: W) => ReaderOutput, extend: (w: CiWalk) => W): CiFileResult;
export function readCiFile(file: SourceFile, platform: CiPlatform, body: (w: CiWalk) => ReaderOutput, extend: (w: CiWalk) => CiWalk = (w) => w): CiFileResult {
  const { doc, errors } = readYaml(file);
  const { value, error } = guarded(file, EMPTY_CI_RESULT, (): CiFileResult => {
    const w = extend({ doc, file, platform, contexts: [], settings: [], seen: new Map() });
    return { ...body(w), contexts: w.contexts, settings: w.settings, errors: [] };
  });
  return { ...value, errors: error ? [...errors, error] : errors };
}

/** Records a setting once, by written position; returns the recorded one so the contexts that share it agree. */
export function keepSetting(w: CiWalk, s: Setting): Setting {
  const at = `${s.key.text}@${s.range.start.line}:${s.range.start.column}-${s.range.end.line}:${s.range.end.column}`;
  const known = w.seen.get(at);
  if (known) return known;
  w.seen.set(at, s);
  w.settings.push(s);
  return s;
}

/** A new env context of the file, recorded in the walk. */
export function ciContext(w: CiWalk, o: { where: string; anchor: Range; parent?: EnvContext; own: readonly Setting[]; commands?: readonly EnvCommand[] }): EnvContext {
  const env = makeEnv({ file: w.file, ci: w.platform, ...o });
  w.contexts.push(env);
  return env;
}

/** The step's first key as written in the step (a merged `<<: *defaults` entry lives elsewhere in the file). */
export function firstKey(doc: YamlDoc, step: Node): Range {
  const [start, end] = step.range ?? [0, 0];
  const entries = doc.entries(step);
  const inside = entries.find((e) => (e.keyNode.range?.[0] ?? -1) >= start && (e.keyNode.range?.[0] ?? -1) < end) ?? entries[0];
  return inside ? doc.range(inside.keyNode) : doc.range(step);
}

/** Line 1 of a file, for contexts that have no key of their own. */
export function firstLine(file: SourceFile): Range {
  return { start: { line: 1, column: 1 }, end: { line: 1, column: lineText(file, 1).length + 1 } };
}
