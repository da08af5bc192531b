/**
 * The JSON Schema of a credlint config file, built from the rules' meta.
 *
 * One schema object serves twice: `npm run generate` ships it as schema/credlint.config.schema.json (for
 * editors, `$schema` completion and other validators), and validate.ts interprets the very same object to
 * check a config with file:line messages. Because there is no second description of the format, the shipped
 * schema and what credlint accepts cannot drift apart; test/config/schema.test.ts keeps ajv as an oracle.
 *
 * What a schema cannot say (secret pattern ids unique, regexes RE2 accepts) is checked in load.ts.
 */
import type { JsonSchema } from "../model/config.js";
import { RULE_LEVELS } from "../model/config.js";
import type { Precision } from "../model/finding.js";
import { SEVERITIES } from "../model/finding.js";
import type { RuleOption } from "../model/rule.js";
import { FILE_KINDS } from "../model/source.js";

/** The names a config file may have, in the order they are listed when one folder has two. */
export const CONFIG_FILE_NAMES: readonly string[] = [
  "credlint.config.json",
  "credlint.config.yaml",
  "credlint.config.yml",
  "credlint.config.mjs",
  ".credlintrc.json",
  ".credlintrc.yaml",
  ".credlintrc.yml",
];

export const CONFIG_SCHEMA_ID = "https://raw.githubusercontent.com/credlint/credlint/main/schema/credlint.config.schema.json";

// Records keyed by the union types: the compiler fails here when a precision is added.

const PRECISIONS: Record<Precision, true> = { low: true, medium: true, high: true, "very-high": true };

/** What the schema needs of a rule: its id, and its description and options when it has them (a RuleMeta fits). */
export interface ConfigRuleSpec {
  readonly id: string;
  readonly description?: string;
  readonly options?: Readonly<Record<string, RuleOption>>;
}

const LEVEL: JsonSchema = { title: "level", type: "string", enum: RULE_LEVELS };
const SEVERITY: JsonSchema = { title: "severity", type: "string", enum: SEVERITIES.slice().reverse() };
const GITIGNORE_PATTERN: JsonSchema = { type: "string", minLength: 1 };

function ruleSchema(rule: ConfigRuleSpec): JsonSchema {
  const options = Object.entries(rule.options ?? {}).map(([name, o]) => [name, { description: o.description, default: o.default, ...o.schema }]);
  return {
    ...(rule.description === undefined ? {} : { description: rule.description }),
    oneOf: [
      LEVEL,
      {
        type: "array",
        prefixItems: [
          LEVEL,
          { title: "options", type: "object", properties: Object.fromEntries(options), additionalProperties: false, propertyNames: { title: "option" } },
        ],
        minItems: 1,
        maxItems: 2,
      },
    ],
  };
}

/**
 * The config schema (draft 2020-12) for these rules. `extraRuleIds` are ids that take a level but no options:
 * the scan's own diagnostics such as `parse-error`.
 */
export function buildConfigSchema(rules: readonly ConfigRuleSpec[], extraRuleIds: readonly string[] = []): JsonSchema {
  const specs = [...rules, ...extraRuleIds.filter((id) => !rules.some((r) => r.id === id)).map((id) => ({ id }))];
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: CONFIG_SCHEMA_ID,
    title: "credlint configuration",
    description:
      "credlint.config.{json,yaml,yml,mjs} or .credlintrc.{json,yaml,yml}. The nearest config file above a scanned file applies to it, whole: configs are not merged.",
    type: "object",
    properties: {
      $schema: { type: "string" },
      rules: {
        description: 'Rule levels and options: "<rule-id>": "off" | "note" | "warning" | "error", or [level, { options }].',
        type: "object",
        properties: Object.fromEntries(specs.map((r) => [r.id, ruleSchema(r)])),
        additionalProperties: false,
        propertyNames: { title: "rule" },
      },
      ignore: {
        description: "Files not to scan: gitignore patterns, relative to the config file's folder (`vendor/`, `*.snap`, `!keep.env`).",
        type: "array",
        items: GITIGNORE_PATTERN,
      },
      fileKinds: {
        description: "Read matching files as this kind: gitignore pattern (relative to the config's folder) → kind. The first matching pattern wins.",
        type: "object",
        propertyNames: { title: "pattern", type: "string", minLength: 1, pattern: "^[^!#]", description: "a gitignore pattern; negation (!) and comments (#) mean nothing here" },
        additionalProperties: { title: "file kind", type: "string", enum: FILE_KINDS },
      },
      secretPatterns: {
        description: "The project's own secret formats, reported by hardcoded-secret.",
        type: "array",
        items: {
          title: "secret pattern",
          type: "object",
          properties: {
            id: { description: "kebab-case, unique in this config; shown in messages.", type: "string", pattern: "^[a-z0-9]+(?:-[a-z0-9]+)*$" },
            description: { description: 'What it finds: "ACME API token".', type: "string", minLength: 1 },
            regex: { description: "RE2 syntax (no lookaround, no backreferences). With a capture group, the first group is the secret.", type: "string", minLength: 1 },
            keywords: { description: "The pattern runs only on files containing one of these (case-insensitive). Default: every file.", type: "array", items: { type: "string", minLength: 1 } },
            severity: { ...SEVERITY, default: "error" },
            confidence: { title: "confidence", type: "string", enum: Object.keys(PRECISIONS), default: "high" },
          },
          required: ["id", "description", "regex"],
          additionalProperties: false,
        },
      },
      allow: {
        description: "Values the hard-coded secret rules never report: by SHA-256 of the value, or by an RE2 pattern.",
        type: "array",
        items: {
          title: "allowed value",
          oneOf: [
            {
              type: "object",
              properties: {
                sha256: { description: "64 lowercase hex digits: `printf %s 'value' | sha256sum`.", type: "string", pattern: "^[0-9a-f]{64}$" },
                reason: { type: "string" },
              },
              required: ["sha256"],
              additionalProperties: false,
            },
            {
              type: "object",
              properties: { pattern: { description: "RE2 syntax.", type: "string", minLength: 1 }, reason: { type: "string" } },
              required: ["pattern"],
              additionalProperties: false,
            },
          ],
        },
      },
      maxFileSize: { description: "Skip files larger than this many bytes (default 2 MiB).", type: "integer", minimum: 1 },
      reportUnusedDisableDirectives: { description: "Report credlint-disable comments that suppress nothing, at this level.", ...LEVEL, default: "off" },
      requireDisableReason: { description: "Require a ` -- reason` on every credlint-disable comment.", type: "boolean", default: false },
      baseline: { description: "The baseline file, relative to the config's folder (default .credlint-baseline.json).", type: "string", minLength: 1 },
    },
    additionalProperties: false,
  };
}
