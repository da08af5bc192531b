import type { Precision, Severity } from "./finding.js";
import type { FileKind } from "./source.js";

/**
 * A credlint configuration file, as the rest of the pipeline sees it: validated, with defaults filled in.
 * Loaded by src/config/ (credlint.config.{json,yaml,yml,mjs} or .credlintrc.{json,yaml,yml}, the nearest
 * one above each scanned file, or the one `--config` names), read by the scan stage (ignores, file kinds,
 * size cap, custom patterns), the rules (options) and the filter stage (levels, allowed values, directives).
 */

/**
 * The JSON Schema subset credlint's config schema is written in (draft 2020-12 keywords): enough for the
 * config file and rule options, small enough for src/config/ to validate with file/line messages itself.
 */
export interface JsonSchema {
  readonly $schema?: string;
  readonly $id?: string;
  readonly title?: string;
  readonly description?: string;
  readonly type?: "object" | "array" | "string" | "integer" | "number" | "boolean";
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly propertyNames?: JsonSchema;
  readonly items?: JsonSchema;
  readonly prefixItems?: readonly JsonSchema[];
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly minimum?: number;
  readonly oneOf?: readonly JsonSchema[];
  readonly default?: unknown;
  readonly examples?: readonly unknown[];
}

/** A rule's level in a config: `off`, or the severity its findings get. */
export type RuleLevel = "off" | Severity;
export const RULE_LEVELS: readonly RuleLevel[] = ["off", "note", "warning", "error"];

export interface RuleConfig {
  /** Absent: the rule's own severity. */
  readonly level?: RuleLevel;
  /** The rule's options as written (validated against the rule's option schema); absent keys take defaults. */
  readonly options: Readonly<Record<string, unknown>>;
}

/** A secret pattern of the project's own (`secretPatterns`), reported by `hardcoded-secret`. */
export interface CustomSecretPattern {
  /** kebab-case, unique in the config; shown in messages. */
  readonly id: string;
  /** What it finds, for messages: "ACME API token". */
  readonly description: string;
  /** RE2 syntax. When it has a capture group, the first group is the secret; otherwise the whole match. */
  readonly regex: string;
  /** Lower-case strings, one of which must occur in a file before the pattern runs (a cheap prefilter). */
  readonly keywords: readonly string[];
  readonly severity: Severity;
  readonly confidence: Precision;
}

/** A value the project accepts (`allow`): never reported by the hard-coded secret rules. */
export type AllowedValue =
  | { readonly sha256: string; readonly reason?: string }
  | { readonly pattern: string; readonly reason?: string };

/** Extra file-kind mappings (`fileKinds`): gitignore-syntax pattern → kind, first match wins. */
export interface KindMapping {
  readonly pattern: string;
  readonly kind: FileKind;
}

export interface CredlintConfig {
  /** Absolute path of the file it came from; absent for the built-in defaults. */
  readonly file?: string;
  /** The folder `ignore` and `fileKinds` patterns (and the baseline) are relative to: the config file's folder. */
  readonly dir: string;
  readonly rules: ReadonlyMap<string, RuleConfig>;
  /** gitignore syntax, relative to `dir`. */
  readonly ignore: readonly string[];
  readonly fileKinds: readonly KindMapping[];
  readonly secretPatterns: readonly CustomSecretPattern[];
  readonly allow: readonly AllowedValue[];
  readonly maxFileSize?: number;
  /** Report `credlint-disable` directives that suppress nothing, at this level (default off). */
  readonly reportUnusedDisableDirectives: RuleLevel;
  /** Require a ` -- reason` on every `credlint-disable` directive. */
  readonly requireDisableReason: boolean;
  /** Baseline file, relative to `dir` (default `.credlint-baseline.json`). */
  readonly baseline?: string;
}

/** Which config applies to a file, and the questions the scan asks of it. */
export interface ConfigResolver {
  /** The config for a file (absolute path): the nearest config file above it, `--config`, or the defaults. */
  forFile(absPath: string): CredlintConfig;
  /** Every config file loaded so far (for `--print-config` and the baseline's location). */
  loaded(): readonly CredlintConfig[];
}
