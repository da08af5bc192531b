import type { AwsProfile, AwsSsoSession, IniDocument } from "./aws-ini.js";
import type { CiJob, CompositeAction } from "./ci.js";
import type { EnvContext } from "./env.js";
import type { SdkCall } from "./sdk-call.js";
import type { Setting } from "./setting.js";
import type { Range, SourceFile } from "./source.js";
import type { TrustModel } from "./trust-policy.js";

/** A place that names an AWS profile (`source_profile`, later `AWS_PROFILE`, `--profile`, `fromIni`). */
export interface ProfileReference {
  readonly name: string;
  readonly file: SourceFile;
  readonly range: Range;
  /** How it is named, for messages: e.g. "source_profile of profile dev". */
  readonly via: string;
  readonly setting?: Setting;
}

/** What the whole repository defines and references. Built once per scan, read by `repo` rules. */
export interface RepoModel {
  /** The files that matter to the rules (what the parse stage kept). */
  readonly files: readonly SourceFile[];
  /**
   * Every text file the scan read, repository-relative — also those the parse stage found inert and dropped
   * (a `package.json`, a Python script without an SDK): the project layout some rules ask about.
   */
  readonly paths: readonly string[];
  readonly awsDocuments: readonly IniDocument[];
  readonly profiles: ReadonlyMap<string, AwsProfile>;
  readonly ssoSessions: ReadonlyMap<string, AwsSsoSession>;
  readonly profileReferences: readonly ProfileReference[];
  /** True when some config/credentials file in the scan defines at least one profile. */
  readonly definesProfiles: boolean;
  /** CI and env: every job, every env context, and how files refer to each other. */
  readonly ci: CiModel;
  /**
   * Profiles created at run time by a CI job or script (`aws configure set … --profile x`,
   * configure-aws-credentials `aws-profile: x`, the aws-cli orb's `profile_name`): not missing when referenced.
   */
  readonly runtimeProfiles: ReadonlySet<string>;
  /** Every role trust policy, role link and identity provider of the repository (RULES.md section E). */
  readonly trust: TrustModel;
  /**
   * Terraform provider blocks with their `var.x` arguments bound to the literal a plain `terraform plan`
   * gives them (a `*.tfvars` value or the variable's default; src/model/build-terraform.ts) — only the blocks
   * where some argument got one. The file models keep the blocks as written; this is for rules that judge
   * arguments together, whose findings then point at the tfvars line or default that holds the value.
   */
  readonly terraformCalls: readonly SdkCall[];
  /**
   * Every SDK call of the repository's code, by file path (JS/TS and Python; also Terraform's provider blocks as
   * written): for rules that link code to the CI step or script that runs it.
   */
  readonly sdkCallsByPath: ReadonlyMap<string, readonly SdkCall[]>;
}

export interface CiModel {
  readonly jobs: readonly CiJob[];
  readonly envContexts: readonly EnvContext[];
  /** Composite actions by directory (`.github/actions/login`), as `uses: ./…` names them. */
  readonly composites: ReadonlyMap<string, CompositeAction>;
  /** The jobs in this repository that call a reusable workflow job's file (`uses: ./.github/workflows/x.yml`). */
  callersOf(job: CiJob): readonly CiJob[];
  /** A context and every context nested in it (a workflow's jobs and their steps), outer ones first. */
  within(env: EnvContext): readonly EnvContext[];
  /** The composite action a step runs, when it is in this repository. */
  compositeOf(step: { readonly uses?: { readonly text: string }; readonly file: SourceFile }): CompositeAction | undefined;
}
