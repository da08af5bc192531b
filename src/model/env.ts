import type { Located, Setting } from "./setting.js";
import type { Range, SourceFile } from "./source.js";

/**
 * How an environment variable was written, which decides how its value was read (reference §1.6, §6.6):
 * `dotenv` as the `dotenv` package parses a `.env` file, `envrc`/`shell` as a POSIX shell runs the line,
 * `dockerfile` as BuildKit reads `ENV`/`ARG`, `yaml` as a CI system, compose, Kubernetes, Serverless or
 * CloudFormation reads an environment map, `python` as `os.environ[...] = …` sets it in a Python program.
 */
export type EnvSyntax = "dotenv" | "envrc" | "shell" | "dockerfile" | "yaml" | "python";

/** The CI systems whose files credlint reads. */
export type CiPlatform = "github" | "gitlab" | "circleci" | "azure-pipelines" | "bitbucket";

export const CI_PLATFORM_LABEL: Readonly<Record<CiPlatform, string>> = {
  github: "GitHub Actions",
  gitlab: "GitLab CI",
  circleci: "CircleCI",
  "azure-pipelines": "Azure Pipelines",
  bitbucket: "Bitbucket Pipelines",
};

/**
 * A command line an env context runs (`aws s3 sync … --profile prod`, `npm test`): shell scripts, CI
 * `run:`/`script:` blocks, Dockerfile `RUN`. `text` is the command as the shell sees it after joining
 * continuation lines; `range` covers it in the file. Flags the rules care about (`--profile`, `--region`)
 * are also settings of the context, with key `--profile`/`--region`.
 */
export interface EnvCommand {
  readonly text: string;
  readonly range: Range;
}

/**
 * One environment as a program sees it at run time (DESIGN.md "Context"): a dotenv file, a shell script,
 * a Dockerfile stage, a CI pipeline/workflow, a CI job, a CI step. Contexts nest: a job's env is the
 * workflow's plus its own, a step's the job's plus its own. A rule that checks how variables combine reports
 * in the context that *creates* the combination — where at least one of the variables involved is `own` —
 * so a workflow-level conflict is reported once, not once per job and step.
 */
export interface EnvContext {
  readonly kind: "env";
  readonly file: SourceFile;
  readonly syntax: EnvSyntax;
  /** Human label, e.g. `.env`, `job deploy in .github/workflows/ci.yml`, `step "Deploy" of job deploy in …`. */
  readonly where: string;
  /** What stands for the context in a finding: the job's key, the step's first line, line 1 of a file. */
  readonly anchor: Range;
  /** Set for CI contexts. */
  readonly ci?: CiPlatform;
  /** The enclosing context whose variables this one inherits. */
  readonly parent?: EnvContext;
  /** The assignments written at this level, in file order (references and flags included). */
  readonly own: readonly Setting[];
  /** Commands run at this level (not the parent's). */
  readonly commands: readonly EnvCommand[];
  /** Whether the file is read at run time (not `*.example`, docs, fixtures named as such). */
  readonly live: boolean;
  /**
   * The platform that runs the context, when it sets AWS variables itself: AWS Lambda sets `AWS_REGION`,
   * `AWS_DEFAULT_REGION` and the execution role's credentials in every function's environment (and refuses
   * them in a function's own `Environment`) — reference §7, docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime.
   */
  readonly runtime?: "lambda";
}

/** The effective value of each variable: the parent's, overridden by later and inner assignments. */
export function effectiveVars(env: EnvContext): Map<string, Setting> {
  const chain: EnvContext[] = [];
  for (let c: EnvContext | undefined = env; c; c = c.parent) chain.unshift(c);
  const vars = new Map<string, Setting>();
  for (const c of chain) for (const s of c.own) if (!s.key.text.startsWith("-")) vars.set(s.key.text, s);
  return vars;
}

/** Whether a setting is written at this context's own level. */
export function isOwn(env: EnvContext, setting: Setting): boolean {
  return env.own.includes(setting);
}

/** Every command this context runs, the parent's first. */
export function allCommands(env: EnvContext): EnvCommand[] {
  const out: EnvCommand[] = [];
  for (let c: EnvContext | undefined = env; c; c = c.parent) out.unshift(...c.commands);
  return out;
}

/** The `--profile` / `--region` flags a context's commands pass (settings with key `--profile`). */
export function flagSettings(env: EnvContext, flag: string): Setting[] {
  return env.own.filter((s) => s.key.text === flag);
}

export type { Located };

/** A context label at the start of a sentence: "Job deploy in …"; a file path is quoted, never re-cased. */
/**
 * The `where` of a Kubernetes `Secret`'s or `ConfigMap`'s keys (src/formats/kubernetes.ts writes it), and the
 * test for it: mounted, those keys are file names, not environment variables (credential-key-name).
 */
export function kubernetesDataWhere(kind: "Secret" | "ConfigMap", name: string, path: string): string {
  return `${kind} ${name} in ${path}`;
}

export function isKubernetesDataWhere(where: string): boolean {
  return /^(?:Secret|ConfigMap) /.test(where);
}

export function sentenceLabel(where: string): string {
  return /^(?:job|step|workflow|pipeline|stage|composite|template|service|container|function|provider|resolver)\b/.test(where) ? where.charAt(0).toUpperCase() + where.slice(1) : `\`${where}\``;
}
