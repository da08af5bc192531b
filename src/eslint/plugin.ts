/**
 * The ESLint plugin: credlint's rules, live in the editor. Each ESLint rule runs the same engine and the
 * same rule code as the CLI on the one file ESLint gives it (`context.sourceCode.text` + filename), and
 * reports credlint's findings with their exact ranges and messages — so a finding is the same in the
 * editor, the CLI, the pre-commit hook and code scanning.
 *
 * The analysis runs once per file (cached on the SourceCode object) and each ESLint rule reports its own
 * findings from it. ESLint's AST is not used: the adapter parses with credlint's own reader, so that it works
 * the same under ESLint's default parser (JS) and `@typescript-eslint/parser` (TS).
 *
 * It runs the CLI's pipeline for one file (src/lint/lint.ts `lintText`): the config nearest to the linted
 * file (levels, `off`, ignores, file kinds, rule options, custom patterns, `allow`), inline directives and the
 * baseline — so the editor shows what CI shows. ESLint's own severity for each rule comes from the ESLint
 * config, as always; a rule that credlint's config turns off reports nothing.
 *
 * What it cannot see: other files. Cross-file findings (a `fromIni({ profile })` naming a profile that the
 * repository's `.aws/config` does not define) need the whole repository and come from the CLI only.
 */
import path from "node:path";
import { RuleCreator } from "@typescript-eslint/utils/eslint-utils";
import { rules as credlintRules } from "../../rules/index.js";
import { toolVersion } from "../lint/version.js";
import type { Finding, Severity } from "../model/finding.js";
import { docsUrl } from "../model/rule.js";
import { DIRECTIVE_MESSAGE_IDS, DIRECTIVE_META, lintText, resolverFor } from "../lint/lint.js";
import type { ConfigResolver } from "../model/config.js";

interface CredlintDocs {
  readonly description: string;
  readonly recommended: boolean;
}

const createRule = RuleCreator<CredlintDocs>((name) => docsUrl(name));

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
export function findingsForText(text: string, filename: string, cwd: string, program?: unknown): Finding[] {
  const abs = path.resolve(cwd, filename);
  const now = Date.now();
  let cached = resolvers.get(cwd);
  if (!cached || now - cached.at > RESOLVER_TTL_MS) {
    cached = { resolver: resolverFor(cwd), at: now };
    resolvers.set(cwd, cached);
  }
  return lintText(text, abs, cwd, cached.resolver, program);
}

/** ESLint's own parse of the file (espree or @typescript-eslint/parser: ESTree with ranges) is read, not redone. */
function findingsFor(sourceCode: { readonly text: string; readonly ast?: unknown }, filename: string, cwd: string): readonly Finding[] {
  let found = cache.get(sourceCode);
  if (!found) {
    found = findingsForText(sourceCode.text, filename, cwd, sourceCode.ast);
    cache.set(sourceCode, found);
  }
  return found;
}

/** One ESLint rule that reports one credlint rule's (or diagnostic's) findings for the file. */
function eslintRule(id: string, description: string, messageIds: readonly string[]) {
  const messages = Object.fromEntries(messageIds.map((m) => [m, "{{message}}"]));
  return createRule<[], string>({
    name: id,
    meta: {
      type: "problem",
      docs: { description, recommended: true },
      messages,
      schema: [],
    },
    defaultOptions: [],
    create(context) {
      return {
        Program() {
          for (const f of findingsFor(context.sourceCode, context.filename, context.cwd)) {
            if (f.ruleId !== id || !f.messageId) continue;
            context.report({
              messageId: f.messageId,
              data: { message: f.message },
              // ESLint columns are 0-based, credlint's 1-based; both ends are exclusive.
              loc: {
                start: { line: f.range.start.line, column: f.range.start.column - 1 },
                end: { line: f.range.end.line, column: f.range.end.column - 1 },
              },
            });
          }
        },
      };
    },
  });
}

/**
 * Every rule, plus the `disable-directive` diagnostic: the editor shows a misspelt rule id or an unbound secret
 * suppression as the CLI does. (`parse-error` has no ESLint rule: ESLint reports its own parse errors.)
 */
export const rules = Object.fromEntries([
  ...credlintRules.map((r) => [r.meta.id, eslintRule(r.meta.id, r.meta.description, Object.keys(r.meta.messages))] as const),
  [DIRECTIVE_META.id, eslintRule(DIRECTIVE_META.id, DIRECTIVE_META.description, DIRECTIVE_MESSAGE_IDS)] as const,
]);

const LEVEL: Readonly<Record<Severity, "error" | "warn">> = { error: "error", warning: "warn", note: "warn" };

const plugin = {
  meta: { name: "credlint", version: toolVersion(), namespace: "credlint" },
  rules,
  configs: {} as Record<string, unknown>,
};

/** Every rule at its credlint severity (error → "error", warning and note → "warn"). */
export const recommended = {
  name: "credlint/recommended",
  plugins: { credlint: plugin },
  rules: Object.fromEntries([...credlintRules.map((r) => r.meta), DIRECTIVE_META].map((m) => [`credlint/${m.id}`, LEVEL[m.severity]])),
};

plugin.configs["recommended"] = recommended;

export const configs = { recommended };
export const meta = plugin.meta;
export default plugin;
