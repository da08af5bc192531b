/**
 * The ESLint plugin: credlint's rules, live in the editor. Each ESLint rule runs the same engine and the
 * same rule code as the CLI on the one file ESLint gives it (`context.sourceCode.text` + filename), and
 * reports credlint's findings with their exact ranges and messages — so a finding is the same in the
 * editor, the CLI, the pre-commit hook and code scanning.
 *
 * The analysis runs once per file (cached on the SourceCode object) and each ESLint rule reports its own
 * findings from it. For JS/TS, ESLint's program (espree or `@typescript-eslint/parser`) is read by credlint's
 * reader rather than parsed again.
 *
 * It runs the CLI's pipeline for one file (src/lint/lint.ts `lintText`): the config nearest to the linted
 * file (levels, `off`, ignores, file kinds, rule options, custom patterns, `allow`), inline directives and the
 * baseline — so the editor shows what CI shows. ESLint's own severity for each rule comes from the ESLint
 * config, as always; a rule that credlint's config turns off reports nothing.
 *
 * Cross-file findings (a `fromIni({ profile })` naming a profile that the repository's `.aws/config` does not
 * define) read the files they link to from disk (src/scan/context.ts), cached until those files change.
 *
 * Beyond JS/TS, the plugin provides ESLint languages for AWS config files, env files, CI YAML and the other
 * text kinds (./languages.ts) and `configs["all-files"]`, which wires them to their files: the same rules
 * run there on credlint's own reading of the file. Safe fixes are ESLint fixes; unsafe ones are suggestions.
 */
import path from "node:path";
import type { TSESLint } from "@typescript-eslint/utils";
import { rules as credlintRules } from "../../rules/index.js";
import { toolVersion } from "../lint/version.js";
import type { Finding, Severity } from "../model/finding.js";
import { docsUrl } from "../model/rule.js";
import { computeLineStarts } from "../model/source.js";
import { DIRECTIVE_MESSAGE_IDS, DIRECTIVE_META, lintText, PARSE_ERROR_META, resolverFor, type VisitorKeys } from "../lint/lint.js";
import type { ConfigResolver } from "../model/config.js";
import { LANGUAGE_FILES, languages } from "./languages.js";

interface CredlintDocs {
  readonly description: string;
  readonly recommended: boolean;
  readonly url: string;
}

const cache = new WeakMap<object, readonly Finding[]>();

/**
 * Config resolvers by ESLint cwd, kept for a second: `eslint .` over a thousand files reads each config file
 * once, and an editor still sees a config edited a moment ago.
 */
const resolvers = new Map<string, { readonly resolver: ConfigResolver; readonly at: number }>();
const RESOLVER_TTL_MS = 1000;

/**
 * Every rule's findings for one file, computed once per SourceCode object. A config file with mistakes
 * throws its error (file, line, what is wrong), which ESLint prints for the file.
 */
export function findingsForText(text: string, filename: string, cwd: string, program?: unknown, visitorKeys?: VisitorKeys): Finding[] {
  const abs = path.resolve(cwd, filename);
  const now = Date.now();
  let cached = resolvers.get(cwd);
  if (!cached || now - cached.at > RESOLVER_TTL_MS) {
    cached = { resolver: resolverFor(cwd), at: now };
    resolvers.set(cwd, cached);
  }
  return lintText(text, abs, cwd, cached.resolver, program, visitorKeys);
}

/** ESLint's own parse of the file (espree or @typescript-eslint/parser: ESTree with ranges) is read, not redone. */
function findingsFor(sourceCode: { readonly text: string; readonly ast?: unknown; readonly visitorKeys?: VisitorKeys }, filename: string, cwd: string): readonly Finding[] {
  let found = cache.get(sourceCode);
  if (!found) {
    found = findingsForText(sourceCode.text, filename, cwd, sourceCode.ast, sourceCode.visitorKeys);
    cache.set(sourceCode, found);
  }
  return found;
}

/** Offsets of line starts (credlint's own, src/model/source.ts), cached for the text being linted. */
const lineStartsOf = new Map<string, number[]>();

function offsetOf(text: string, line: number, column: number): number {
  let starts = lineStartsOf.get(text);
  if (!starts) {
    starts = computeLineStarts(text);
    // One text at a time is enough: the rules of one file ask in a row.
    lineStartsOf.clear();
    lineStartsOf.set(text, starts);
  }
  return (starts[line - 1] ?? text.length) + column - 1;
}

/** A credlint fix as ESLint fix objects (one per edit; credlint's edits never overlap). */
function eslintFix(text: string, f: Finding): ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[]) | undefined {
  if (!f.fix) return undefined;
  const edits = f.fix.edits.map((e) => ({ range: [offsetOf(text, e.range.start.line, e.range.start.column), offsetOf(text, e.range.end.line, e.range.end.column)] as [number, number], text: e.text }));
  return (fixer) => edits.map((e) => fixer.replaceTextRange(e.range, e.text));
}

/** The message id a finding is reported with: its own, or `finding` for diagnostics (which have none). */
const FALLBACK_MESSAGE = "finding";
const SUGGESTION_MESSAGE = "suggestion";

/**
 * One ESLint rule that reports one credlint rule's (or diagnostic's) findings for the file. Safe fixes are
 * ESLint fixes (`eslint --fix`, the editor's "fix all"); fixes that need a person's judgement (an unsafe fix:
 * a likely region, a renamed key) are suggestions, offered as the editor's quick fix and never applied by
 * `--fix` — as the CLI's `--fix` applies only safe fixes.
 */
function eslintRule(id: string, description: string, messageIds: readonly string[], fixable: boolean): TSESLint.RuleModule<string, [], CredlintDocs> {
  const messages = Object.fromEntries([...messageIds, FALLBACK_MESSAGE].map((m) => [m, "{{message}}"]));
  messages[SUGGESTION_MESSAGE] = "{{description}}";
  // A plain rule object (no typescript-eslint RuleCreator): the rules take no options, and its per-file
  // defaults merge cost more than the rule's own work on a file without findings.
  return {
    meta: {
      type: "problem",
      docs: { description, recommended: true, url: docsUrl(id) },
      messages,
      schema: [],
      ...(fixable ? { fixable: "code" as const, hasSuggestions: true } : {}),
    },
    defaultOptions: [],
    create(context) {
      return {
        Program() {
          const text = context.sourceCode.text;
          for (const f of findingsFor(context.sourceCode, context.filename, context.cwd)) {
            if (f.ruleId !== id) continue;
            const fix = fixable ? eslintFix(text, f) : undefined;
            context.report({
              messageId: f.messageId && f.messageId in messages ? f.messageId : FALLBACK_MESSAGE,
              data: { message: f.message },
              // ESLint columns are 0-based, credlint's 1-based; both ends are exclusive.
              loc: {
                start: { line: f.range.start.line, column: f.range.start.column - 1 },
                end: { line: f.range.end.line, column: f.range.end.column - 1 },
              },
              ...(fix && f.fix?.safety === "safe" ? { fix } : {}),
              ...(fix && f.fix?.safety !== "safe" ? { suggest: [{ messageId: SUGGESTION_MESSAGE, data: { description: f.fix?.description ?? "" }, fix }] } : {}),
            });
          }
        },
      };
    },
  };
}

/**
 * Every rule, plus the `disable-directive` diagnostic: the editor shows a misspelt rule id or an unbound secret
 * suppression as the CLI does. (`parse-error` has no ESLint rule: ESLint reports its own parse errors.)
 */
export const rules = Object.fromEntries([
  ...credlintRules.map((r) => [r.meta.id, eslintRule(r.meta.id, r.meta.description, Object.keys(r.meta.messages), r.meta.fixable)] as const),
  [DIRECTIVE_META.id, eslintRule(DIRECTIVE_META.id, DIRECTIVE_META.description, DIRECTIVE_MESSAGE_IDS, true)] as const,
  // Files of the credlint languages are read by credlint's own readers, so their parse problems are its to report.
  [PARSE_ERROR_META.id, eslintRule(PARSE_ERROR_META.id, PARSE_ERROR_META.description, [], false)] as const,
]);

const LEVEL: Readonly<Record<Severity, "error" | "warn">> = { error: "error", warning: "warn", note: "warn" };

const plugin = {
  meta: { name: "credlint", version: toolVersion(), namespace: "credlint" },
  rules,
  languages,
  configs: {} as Record<string, unknown>,
};

const RULE_LEVELS = Object.fromEntries([...credlintRules.map((r) => r.meta), DIRECTIVE_META].map((m) => [`credlint/${m.id}`, LEVEL[m.severity]]));

/** Every rule at its credlint severity (error → "error", warning and note → "warn"), for the JS/TS files ESLint lints. */
export const recommended = {
  name: "credlint/recommended",
  plugins: { credlint: plugin },
  rules: RULE_LEVELS,
};

/**
 * `recommended` plus the credlint languages wired to the files they are for (languages.ts `LANGUAGE_FILES`):
 * AWS config files, env files, CI YAML, Dockerfiles and shell scripts get the same rules, and `parse-error`.
 */
export const allFiles = [
  recommended,
  ...(Object.keys(LANGUAGE_FILES) as (keyof typeof LANGUAGE_FILES)[]).map((name) => ({
    name: `credlint/all-files/${name}`,
    files: [...LANGUAGE_FILES[name]],
    plugins: { credlint: plugin },
    language: `credlint/${name}`,
    rules: { ...RULE_LEVELS, [`credlint/${PARSE_ERROR_META.id}`]: LEVEL[PARSE_ERROR_META.severity] },
  })),
];

plugin.configs["recommended"] = recommended;
plugin.configs["all-files"] = allFiles;

export const configs = { recommended, "all-files": allFiles };
export const meta = plugin.meta;
export default plugin;
