import type { CiPlatform, EnvContext } from "./env.js";
import type { Located, Setting } from "./setting.js";
import type { Range, SourceFile } from "./source.js";

/**
 * GitHub Actions token permissions in effect for a job (reference §6.1): a job-level `permissions:` block
 * replaces the workflow's; declaring any permission sets every other one to none; with no block anywhere
 * the default token applies, which never has `id-token: write`.
 */
export interface CiPermissions {
  /** Where the block in effect is written. */
  readonly source: "job" | "workflow" | "default";
  /** The `permissions:` key of the block in effect (absent for the default token). */
  readonly range?: Range;
  readonly file: SourceFile;
  /** `id-token` as the block grants it: `write`, `read` (invalid: id-token takes write or none), `none`,
   * or `unknown` (an expression, or a shape credlint does not understand). */
  readonly idToken: "write" | "read" | "none" | "unknown";
}

/** One CI job: a GitHub job, a GitLab job (or hidden template job), a CircleCI job, an Azure job, a Bitbucket step. */
export interface CiJob {
  readonly kind: "ci-job";
  readonly platform: CiPlatform;
  readonly file: SourceFile;
  /** The job id as written (`deploy`, `.aws-template`). */
  readonly name: string;
  /** The job's key. */
  readonly anchor: Range;
  /** `job deploy in .github/workflows/ci.yml`. */
  readonly where: string;
  /** Variables every step of the job sees (pipeline/workflow + template + job level). */
  readonly env: EnvContext;
  readonly steps: readonly CiStep[];
  /** GitHub: the permissions in effect for this job, as written in its own file. */
  readonly permissions?: CiPermissions;
  /** GitHub: `on: workflow_call` — the job's token is capped by its caller's permissions. */
  readonly reusable?: boolean;
  /** GitHub: `jobs.<id>.uses:` — this job calls a reusable workflow (`./.github/workflows/x.yml` or remote). */
  readonly calls?: Located;
  /** GitLab `id_tokens:` names; Bitbucket `oidc: true` (one entry, the key); CircleCI has its own tokens always. */
  readonly idTokens: readonly Located[];
  /** CircleCI `context:` names the workflow gives this job. */
  readonly contexts?: readonly Located[];
  /** GitHub: what decides the `sub` claim of the job's OIDC token — its `environment:` and the workflow's triggers. */
  readonly runsOn?: GithubRunFacts;
}

/** What a GitHub job's OIDC `sub` is made of (reference: GitHub "OpenID Connect reference", subject claims). */
export interface GithubRunFacts {
  /** `jobs.<id>.environment` (or its `name:`), as written. */
  readonly environment?: Located;
  /** The workflow's trigger events (`push`, `pull_request`, `workflow_dispatch`…). */
  readonly events: readonly string[];
  /** `on.push.branches` when written (globs as written). */
  readonly pushBranches?: readonly string[];
  /** `on.push.tags` when written. */
  readonly pushTags?: readonly string[];
}

/**
 * One CI step: a GitHub step (`uses:` an action, or `run:`), a CircleCI orb command (`aws-cli/setup`), an
 * Azure Pipelines task (`AzureCLI@2`). GitLab and Bitbucket scripts have no steps with inputs: their
 * commands live in the job's env context.
 */
export interface CiStep {
  readonly kind: "ci-step";
  readonly job: CiJob;
  readonly file: SourceFile;
  /** 0-based position in the job. */
  readonly index: number;
  /** `step "Configure AWS" of job deploy in …` / `step 2 of job deploy in …`. */
  readonly where: string;
  /** The `uses:`/`task:`/orb command value, or the step's first key when it has none. */
  readonly anchor: Range;
  /** The action, task or orb command as written (`aws-actions/configure-aws-credentials@v4`). */
  readonly uses?: Located;
  /** `uses` without its `@ref`, lower case: `aws-actions/configure-aws-credentials`, `azurecli`, `aws-cli/setup`. */
  readonly action?: string;
  /** `with:` inputs (GitHub), orb parameters (CircleCI), task `inputs:` (Azure), keyed as written. */
  readonly inputs: readonly Setting[];
  /** The step's effective env: the job's plus the step's own `env:`. */
  readonly env: EnvContext;
  /** A local composite action this step runs (`uses: ./.github/actions/login`), linked by the model stage. */
  readonly composite?: CompositeAction;
  input(name: string): Setting | undefined;
}

/** A composite action (`action.yml` with `runs.using: composite`): its steps, with no job of their own. */
export interface CompositeAction {
  readonly kind: "composite-action";
  readonly file: SourceFile;
  /** The directory the action lives in, as `uses: ./<dir>` names it. */
  readonly dir: string;
  /** Pseudo-job holding the steps (its permissions are the caller's). */
  readonly job: CiJob;
}
