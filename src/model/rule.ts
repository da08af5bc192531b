import type { JsonSchema } from "./config.js";
import type { AwsProfile, AwsSsoSession, IniDocument } from "./aws-ini.js";
import type { CiJob, CiStep } from "./ci.js";
import type { EnvContext } from "./env.js";
import type { Fix, Precision, Severity } from "./finding.js";
import type { RepoModel } from "./repo.js";
import type { SdkCall } from "./sdk-call.js";
import type { SecretCandidate } from "./secret.js";
import type { Provider, Setting } from "./setting.js";
import type { Range, SourceFile } from "./source.js";

export type Tag = "security" | "correctness" | "portability" | "external/cwe/cwe-798" | "external/cwe/cwe-522" | "external/cwe/cwe-284";

export type { Precision } from "./finding.js";

/**
 * Message templates: one typed function per message id. The parameter type is the data a `report` call
 * must pass, so a misspelt id or a missing placeholder does not compile.
 */
export type MessageTemplates = Record<string, (data: never) => string>;

export type MessageData<M extends MessageTemplates, K extends keyof M> = M[K] extends (data: infer D) => string
  ? D
  : never;

export interface RuleMeta<M extends MessageTemplates> {
  /** kebab-case, equal to the file name in `rules/`. Public interface: never rename. */
  readonly id: string;
  /** One line, starting with Report, Require or Disallow. */
  readonly description: string;
  readonly provider: Provider | "any";
  readonly severity: Severity;
  /** 0.0–10.0, for GitHub code scanning. */
  readonly securitySeverity: number;
  readonly precision: Precision;
  readonly tags: readonly Tag[];
  /** Why it fails at run time and how to fix it, in plain text (SARIF `help.text`, `--list-rules`). */
  readonly help: { readonly why: string; readonly fix: string };
  /** Whether some findings carry a fix. */
  readonly fixable: boolean;
  /**
   * The rule reports hard-coded secrets: a finding is the secret value (its identity is the value, an inline
   * suppression must name the value it accepts, other scanners' markers and the config's `allow` apply).
   */
  readonly reportsSecrets?: boolean;
  /** Options a config may set (`"rules": { "<id>": ["warning", { … }] }`), each with its schema and default. */
  readonly options?: Readonly<Record<string, RuleOption>>;
  readonly messages: M;
  /**
   * Tags of the findings of some messages, where they differ from the rule's (a rule that reports both a
   * security problem and logins that cannot work): reporters attach them to each such finding (SARIF result
   * `properties.tags`).
   */
  readonly messageTags?: Readonly<Partial<Record<keyof M & string, readonly Tag[]>>>;
}

/** One rule option: what it does, the JSON Schema of its value (the subset src/config/ validates), its default. */
export interface RuleOption {
  readonly description: string;
  readonly schema: JsonSchema;
  readonly default: unknown;
}

export interface RelatedInput {
  readonly file: SourceFile;
  readonly range: Range;
  readonly message: string;
}

export type ReportDescriptor<M extends MessageTemplates, K extends keyof M & string> = {
  readonly messageId: K;
  readonly data: MessageData<M, K>;
  readonly file: SourceFile;
  readonly range: Range;
  /** Only where the rule's catalogue entry gives a finding another severity (e.g. a key id alone). */
  readonly severity?: Severity;
  /** Where this finding is surer or less sure than the rule's `precision` (a generic match vs a formatted key). */
  readonly confidence?: Precision;
  readonly related?: readonly RelatedInput[];
  readonly fix?: Fix;
};

export interface RuleContext<M extends MessageTemplates> {
  readonly repo: RepoModel;
  /** The scan's clock, read once by the caller (rules never read the clock themselves). */
  readonly now: Date;
  report<K extends keyof M & string>(descriptor: ReportDescriptor<M, K>): void;
  /**
   * The rule's options for a file: the defaults in `meta.options`, overridden by the config that applies to
   * the file (the nearest one: options may differ between the packages of a monorepo).
   */
  options(file: SourceFile): Readonly<Record<string, unknown>>;
}

/** Where the engine gets a rule's configured options for a file (none: the defaults). */
export type OptionsLookup = (ruleId: string, file: SourceFile) => Readonly<Record<string, unknown>> | undefined;

/** A rule's option defaults, overridden by configured values. */
export function withDefaults(meta: { readonly options?: Readonly<Record<string, RuleOption>> }, configured: Readonly<Record<string, unknown>> | undefined): Readonly<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(meta.options ?? {})) out[name] = configured && name in configured ? configured[name] : spec.default;
  return out;
}

/**
 * The model levels a rule can inspect. The engine walks the model and calls each hook the rule defines;
 * a rule never opens files, parses or loops over the repository itself.
 */
export interface RuleHooks<M extends MessageTemplates> {
  /** Every key/value setting of every parsed file. */
  setting?(setting: Setting, ctx: RuleContext<M>): void;
  /** One AWS config or credentials file, with its syntax and each SDK's reading of it. */
  awsIniFile?(document: IniDocument, ctx: RuleContext<M>): void;
  /** One AWS profile, config and credentials merged. */
  awsProfile?(profile: AwsProfile, ctx: RuleContext<M>): void;
  awsSsoSession?(session: AwsSsoSession, ctx: RuleContext<M>): void;
  /** One SDK call in JS/TS code, with the settings its options pass. */
  sdkCall?(call: SdkCall, ctx: RuleContext<M>): void;
  /** Every env context of a live file: a dotenv file, a script, a Dockerfile stage, a CI workflow/pipeline, job or step. */
  env?(env: EnvContext, ctx: RuleContext<M>): void;
  /** Every CI job of a live file (GitHub, GitLab, CircleCI, Azure Pipelines, Bitbucket), with its steps and permissions. */
  ciJob?(job: CiJob, ctx: RuleContext<M>): void;
  /** Every CI step with inputs or a command (a step of a composite action too). */
  ciStep?(step: CiStep, ctx: RuleContext<M>): void;
  /** Once per scan, over everything the repository defines and references. */
  repo?(repo: RepoModel, ctx: RuleContext<M>): void;
  /** Every text file's raw text. */
  raw?(file: SourceFile, ctx: RuleContext<M>): void;
  /** Every secret candidate the detectors found in any text file, with its setting, pair and file facts. */
  secret?(candidate: SecretCandidate, ctx: RuleContext<M>): void;
}

export interface Rule<M extends MessageTemplates = MessageTemplates> {
  readonly meta: RuleMeta<M>;
  readonly check: RuleHooks<M>;
}

/** Declares a rule. Identity function that fixes the message types for `check`. */
export function defineRule<M extends MessageTemplates>(rule: Rule<M>): Rule<M> {
  return rule;
}

/** A rule with its message types erased, as registries and reporters hold it. */
export type AnyRule = Rule<MessageTemplates>;

export const DOCS_BASE_URL = "https://github.com/credlint/credlint/blob/main/docs/rules/";

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}
