/**
 * What every CI reader (github, gitlab, circleci, azure-pipelines, bitbucket) returns, and the small
 * constructors they share so that contexts and steps look the same whatever the platform.
 */
import type { CiJob, CiStep, CompositeAction } from "../model/ci.js";
import type { CiPlatform, EnvCommand, EnvContext, EnvSyntax } from "../model/env.js";
import type { Located, Setting } from "../model/setting.js";
import type { Range, SourceFile } from "../model/source.js";
import { isLivePath } from "../knowledge/secrets.js";
import type { YamlError } from "./yaml.js";

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
    live: isLivePath(o.file.path),
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
