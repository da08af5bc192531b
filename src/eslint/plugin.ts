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
 * What it cannot see: other files. Cross-file findings (a `fromIni({ profile })` naming a profile that the
 * repository's `.aws/config` does not define) need the whole repository and come from the CLI only.
 */
import path from "node:path";
import { RuleCreator } from "@typescript-eslint/utils/eslint-utils";
import { rules as credlintRules } from "../../rules/index.js";
import { toolVersion } from "../cli/version.js";
import { applyInlineSuppressions } from "../filter/inline.js";
import type { Finding, Severity } from "../model/finding.js";
import { docsUrl, type AnyRule } from "../model/rule.js";
import { makeSourceFile } from "../model/source.js";
import { analyse, parseFile } from "../scan/pipeline.js";
import { classify } from "../scan/classify.js";

interface CredlintDocs {
  readonly description: string;
  readonly recommended: boolean;
}

const createRule = RuleCreator<CredlintDocs>((name) => docsUrl(name));

const cache = new WeakMap<object, readonly Finding[]>();

/** The path credlint would report for the file: relative to ESLint's cwd, with `/` separators. */
function repoPath(filename: string, cwd: string): string {
  const rel = path.isAbsolute(filename) ? path.relative(cwd, filename) : filename;
  return rel.split(path.sep).join("/");
}

/** Every rule's findings for one file, computed once per SourceCode object. */
export function findingsForText(text: string, filename: string, cwd: string): Finding[] {
  const p = repoPath(filename, cwd);
  const file = makeSourceFile(p, classify(p, () => text.slice(0, 4096)), text);
  const findings = analyse([parseFile(file)], credlintRules);
  return applyInlineSuppressions(findings, [file]);
}

function findingsFor(sourceCode: { readonly text: string }, filename: string, cwd: string): readonly Finding[] {
  let found = cache.get(sourceCode);
  if (!found) {
    found = findingsForText(sourceCode.text, filename, cwd);
    cache.set(sourceCode, found);
  }
  return found;
}

function eslintRule(rule: AnyRule) {
  const id = rule.meta.id;
  const messages = Object.fromEntries(Object.keys(rule.meta.messages).map((m) => [m, "{{message}}"]));
  return createRule<[], string>({
    name: id,
    meta: {
      type: "problem",
      docs: { description: rule.meta.description, recommended: true },
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

export const rules = Object.fromEntries(credlintRules.map((r) => [r.meta.id, eslintRule(r)]));

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
  rules: Object.fromEntries(credlintRules.map((r) => [`credlint/${r.meta.id}`, LEVEL[r.meta.severity]])),
};

plugin.configs["recommended"] = recommended;

export const configs = { recommended };
export const meta = plugin.meta;
export default plugin;
