/**
 * The coverage matrix (scripts/coverage.ts, rendered to docs/coverage.md) tells the truth: a cell that says
 * "implemented" names a fixture file that exists, is read as that file kind, and whose expectation (its first
 * line, or its `.credlint-expect` sidecar) lists the rule — test/fixtures.test.ts then checks that credlint
 * reports exactly that. Every rule of rules/index.ts has clauses, the data names no unknown rule or kind,
 * every n/a and gap says why, and the committed page is what the renderer produces now.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { rules } from "../rules/index.js";
import { FILE_KINDS } from "../src/model/source.js";
import { classify } from "../src/scan/classify.js";
import { COVERAGE, COVERAGE_PATH, cellsOf, renderCoverage } from "../scripts/coverage.js";
import { ROOT } from "../scripts/generate.js";

const EXPECT = /^(?:[#;]|\/\/|--|\/\*|<!--)\s*credlint-expect:\s*(.*?)\s*(?:\*\/|-->)?$/;
const SIDECAR = ".credlint-expect";
const SCENARIO = /^fixtures\/([^/]+)\/([^/]+)\/(.+)$/;

/** The rule ids a fixture file's expectation lists (from its sidecar when it has one), or why it cannot be read. */
function expectedRules(abs: string): string[] | string {
  const source = existsSync(abs + SIDECAR) ? abs + SIDECAR : abs;
  const first = readFileSync(source, "utf8").split("\n")[0] ?? "";
  const m = EXPECT.exec(first);
  if (!m) return `${path.relative(ROOT, source)} has no "credlint-expect" first line`;
  const list = (m[1] ?? "").trim();
  return list === "none" ? [] : list.split(/\s+/).map((e) => e.slice(0, e.indexOf("@")));
}

/** What is wrong with a cell that claims `fixture` proves `rule` in `kind`, or undefined. */
function fixtureProblem(rule: string, kind: string, fixture: string): string | undefined {
  const m = SCENARIO.exec(fixture);
  if (!m || m[1] === "demo" || m[1] === "config") return `${fixture} is not a file of a fixture scenario (fixtures/<rule>/<scenario>/<file>)`;
  const abs = path.join(ROOT, fixture);
  if (!existsSync(abs) || !statSync(abs).isFile()) return `${fixture} does not exist`;
  if (fixture.endsWith(SIDECAR)) return `${fixture} is a sidecar: name the file it describes`;
  // Classified as a scan of the scenario's folder sees it: by its path inside that small repository.
  const inner = m[3] ?? "";
  const text = readFileSync(abs, "utf8");
  const actual = classify(inner, () => text.slice(0, 4096));
  if (actual !== kind) return `${fixture} is read as ${actual}, not ${kind}`;
  const listed = expectedRules(abs);
  if (typeof listed === "string") return listed;
  if (!listed.includes(rule)) return `${fixture}: its expectation does not list ${rule}`;
  return undefined;
}

describe("the coverage matrix", () => {
  const ids = rules.map((r) => r.meta.id);

  it("covers every rule of rules/index.ts with clauses, once, and names no other rule", () => {
    const named = COVERAGE.map((r) => r.rule);
    expect(named.filter((id) => !ids.includes(id)), "rules the data names that rules/index.ts does not have").toEqual([]);
    expect(ids.filter((id) => !named.includes(id)), "rules without clauses in the data").toEqual([]);
    expect(named.filter((id, i) => named.indexOf(id) !== i), "rules listed twice").toEqual([]);
    for (const r of COVERAGE) expect(r.clauses.length, r.rule).toBeGreaterThan(0);
  });

  it("names only known file kinds, and says something about every kind of every clause", () => {
    const kinds: readonly string[] = FILE_KINDS;
    for (const r of COVERAGE) {
      for (const c of r.clauses) {
        expect(Object.keys(c.kinds).filter((k) => !kinds.includes(k)), `${r.rule}: ${c.clause}`).toEqual([]);
        expect(() => cellsOf(r.rule, c)).not.toThrow();
      }
    }
  });

  it("gives a reason for every n/a and every gap", () => {
    const empty: string[] = [];
    for (const r of COVERAGE) {
      for (const c of r.clauses) {
        if (c.clause.trim() === "") empty.push(`${r.rule}: a clause without text`);
        if (c.na !== undefined && c.na.trim() === "") empty.push(`${r.rule}: "${c.clause}": empty default n/a reason`);
        for (const [kind, cell] of cellsOf(r.rule, c)) {
          const reason = "na" in cell ? cell.na : "gap" in cell ? cell.gap : undefined;
          if (reason !== undefined && reason.trim() === "") empty.push(`${r.rule}: "${c.clause}" on ${kind}`);
        }
      }
    }
    expect(empty).toEqual([]);
  });

  for (const r of COVERAGE) {
    it(`${r.rule}: every cell that says implemented is proved by its fixture`, () => {
      const problems: string[] = [];
      for (const c of r.clauses) {
        for (const [kind, cell] of cellsOf(r.rule, c)) {
          if (!("fixture" in cell)) continue;
          const problem = fixtureProblem(r.rule, kind, cell.fixture);
          if (problem) problems.push(`"${c.clause}" on ${kind}: ${problem}`);
        }
      }
      expect(problems).toEqual([]);
    });
  }

  it("is rendered in docs/coverage.md as it is now (run `npm run generate`)", () => {
    expect(readFileSync(COVERAGE_PATH, "utf8")).toBe(renderCoverage());
  });
});
