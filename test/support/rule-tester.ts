import { describe, expect, it } from "vitest";
import { applyEdits } from "../../src/fix/apply.js";
import type { Finding } from "../../src/model/finding.js";
import type { AnyRule, MessageTemplates, Rule } from "../../src/model/rule.js";
import { scanVirtual } from "../../src/scan/pipeline.js";
import { JS_TS_EXTENSIONS } from "../../src/formats/js-ts.js";
import { lintWithEslint } from "./eslint.js";

/** A fixed clock for every rule test: rules that compare dates get the same answer every day. */
export const TEST_NOW = new Date("2026-06-01T00:00:00Z");

export type Files = Readonly<Record<string, string>>;

export interface ValidCase {
  readonly name: string;
  readonly files: Files;
}

export interface ExpectedFinding<K extends string = string> {
  readonly messageId: K;
  /** Defaults to the only file of the case. */
  readonly path?: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity?: Finding["severity"];
  /** Substrings the rendered message must contain. */
  readonly messageIncludes?: readonly string[];
  /** The source after applying this finding's fix, for the file the finding is in. */
  readonly fixed?: string;
}

export interface InvalidCase<K extends string = string> {
  readonly name: string;
  readonly files: Files;
  readonly errors: readonly ExpectedFinding<K>[];
}

/** Renders findings as reviewed text: `path:line:col-endLine:endCol messageId` plus the marked source. */
export function render(findings: readonly Finding[], files: Files): string {
  return findings
    .map((f) => {
      const src = (files[f.path] ?? "").split("\n")[f.range.start.line - 1] ?? "";
      const from = f.range.start.column - 1;
      const to = f.range.end.line === f.range.start.line ? f.range.end.column - 1 : src.length;
      return `${f.path}:${f.range.start.line}:${f.range.start.column}-${f.range.end.line}:${f.range.end.column} ${f.messageId ?? f.ruleId}\n  | ${src}\n  | ${" ".repeat(from)}${"^".repeat(Math.max(1, to - from))}\n  ${f.message}`;
    })
    .join("\n");
}

/** Applies a fix's edits to one file's text (edits sorted back to front; they never overlap). */
/** Applies a fix's edits to one file's text, with the same code `--fix` uses. */
export function applyFix(text: string, finding: Finding): string {
  const fix = finding.fix;
  if (!fix) throw new Error(`finding ${finding.messageId ?? finding.ruleId} has no fix`);
  const result = applyEdits(text, [fix.edits]);
  if (result.skipped > 0) throw new Error(`the fix of ${finding.messageId ?? finding.ruleId} has overlapping or invalid edits`);
  return result.text;
}

export function runRule(rule: AnyRule, files: Files): Finding[] {
  return scanVirtual(
    Object.entries(files).map(([path, text]) => ({ path, text })),
    [rule],
    TEST_NOW,
  ).filter((f) => f.ruleId === rule.meta.id);
}

/**
 * The same case through the ESLint adapter: for a one-file JS/TS case, ESLint must report exactly the
 * engine's findings (same range, same message). Cross-file cases are the CLI's alone.
 */
function expectSameInEslint(rule: AnyRule, files: Files, findings: readonly Finding[]): void {
  const entries = Object.entries(files);
  const [only] = entries;
  if (entries.length !== 1 || !only || !JS_TS_EXTENSIONS.test(only[0])) return;
  const [path, text] = only;
  const viaEslint = lintWithEslint(path, text, rule.meta.id).map((m) => `${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.message}`);
  const viaEngine = findings.map((f) => `${f.range.start.line}:${f.range.start.column}-${f.range.end.line}:${f.range.end.column} ${f.message}`);
  expect(viaEslint, "the ESLint adapter reports what the engine reports").toEqual(viaEngine);
}

/**
 * ESLint-style RuleTester: `valid` cases must produce no finding of the rule; `invalid` cases exactly the
 * listed findings (message id and full range), nothing more. Duplicate case names or contents are rejected.
 * One-file JS/TS cases also run through the ESLint adapter, which must report the same findings.
 */
export function testRule<M extends MessageTemplates>(
  rule: Rule<M>,
  cases: { valid: readonly ValidCase[]; invalid: readonly InvalidCase<keyof M & string>[] },
): void {
  const seen = new Set<string>();
  for (const c of [...cases.valid, ...cases.invalid]) {
    const key = JSON.stringify(c.files);
    if (seen.has(c.name) || seen.has(key)) throw new Error(`duplicate test case: ${c.name}`);
    seen.add(c.name);
    seen.add(key);
  }
  const anyRule = rule as unknown as AnyRule;
  describe(rule.meta.id, () => {
    describe("valid", () => {
      for (const c of cases.valid) {
        it(c.name, () => {
          const findings = runRule(anyRule, c.files);
          expect(render(findings, c.files)).toBe("");
          expectSameInEslint(anyRule, c.files, findings);
        });
      }
    });
    describe("invalid", () => {
      for (const c of cases.invalid) {
        it(c.name, () => {
          const findings = runRule(anyRule, c.files);
          const only = Object.keys(c.files).length === 1 ? Object.keys(c.files)[0] : undefined;
          const expected = c.errors.map((e) => `${e.path ?? only}:${e.line}:${e.column}-${e.endLine}:${e.endColumn} ${e.messageId}`);
          const actual = findings.map(
            (f) => `${f.path}:${f.range.start.line}:${f.range.start.column}-${f.range.end.line}:${f.range.end.column} ${f.messageId ?? ""}`,
          );
          expect(actual, render(findings, c.files)).toEqual(expected);
          expectSameInEslint(anyRule, c.files, findings);
          c.errors.forEach((e, i) => {
            const f = findings[i];
            if (!f) return;
            expect(f.message).toMatch(/^[A-Z0-9"[`$(].*[.?)]$/s);
            // An unfilled template shows as `{{…}}`; a GitHub expression (`${{ secrets.X }}`) is not one.
            expect(f.message).not.toMatch(/(?<!\$)\{\{|undefined|\[object Object\]/);
            if (e.severity) expect(f.severity).toBe(e.severity);
            for (const s of e.messageIncludes ?? []) expect(f.message).toContain(s);
            if (e.fixed !== undefined) expect(applyFix(c.files[f.path] ?? "", f)).toBe(e.fixed);
          });
        });
      }
    });
  });
}
