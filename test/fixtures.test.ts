/**
 * Fixture scenarios: `fixtures/<rule-id>/<scenario>/` is a tiny realistic repository. The first line of
 * each of its files is a comment `# credlint-expect: <rule-id>@<line>:<col> …` (or `none`) listing every
 * finding credlint must report in that file — from all rules, so that one problem reported twice fails.
 * The comment may use `#`, `;`, `//`, `--`, `/* … *\/` or `<!-- … -->`. A file that cannot hold a comment
 * (JSON, a key file that must start with its PEM header) gets a sidecar `<name>.credlint-expect` whose
 * first line carries the expectation; the sidecar itself must have no finding.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { rules } from "../rules/index.js";
import { scan } from "../src/scan/pipeline.js";
import { ROOT } from "../scripts/generate.js";
import { filesUnder } from "./support/findings.js";

const FIXTURES = path.join(ROOT, "fixtures");
const EXPECT = /^(?:[#;]|\/\/|--|\/\*|<!--)\s*credlint-expect:\s*(.*?)\s*(?:\*\/|-->)?$/;
const SIDECAR = ".credlint-expect";

const scenarios = readdirSync(FIXTURES)
  .filter((d) => d !== "demo" && d !== "config" && statSync(path.join(FIXTURES, d)).isDirectory())
  .flatMap((ruleId) => readdirSync(path.join(FIXTURES, ruleId)).map((s) => ({ ruleId, scenario: s, dir: path.join(FIXTURES, ruleId, s) })));

describe("fixture scenarios", () => {
  it("exist for every rule and are named after rules", () => {
    const ids = new Set(rules.map((r) => r.meta.id));
    for (const s of scenarios) expect(ids.has(s.ruleId), s.ruleId).toBe(true);
    for (const id of ids) expect(scenarios.some((s) => s.ruleId === id), `fixtures/${id}/`).toBe(true);
  });

  for (const s of scenarios) {
    it(`${s.ruleId}/${s.scenario}`, () => {
      const expected: string[] = [];
      const files = filesUnder(s.dir);
      for (const abs of files) {
        if (files.includes(abs + SIDECAR)) continue; // its expectation is in the sidecar
        const first = readFileSync(abs, "utf8").split("\n")[0] ?? "";
        const m = EXPECT.exec(first);
        if (!m) throw new Error(`${path.relative(ROOT, abs)}: the first line must be a "# credlint-expect: …" comment`);
        const target = abs.endsWith(SIDECAR) ? abs.slice(0, -SIDECAR.length) : abs;
        const rel = path.relative(ROOT, target).split(path.sep).join("/");
        const list = (m[1] ?? "").trim();
        if (list !== "none") for (const e of list.split(/\s+/)) expected.push(`${rel} ${e}`);
      }
      const result = scan({ paths: [s.dir], cwd: ROOT, rules });
      const actual = result.findings.map((f) => `${f.path} ${f.ruleId}@${f.range.start.line}:${f.range.start.column}`);
      expect(actual.sort(), result.findings.map((f) => `${f.path}:${f.range.start.line} ${f.message}`).join("\n")).toEqual(expected.sort());
      expect(expected.some((e) => e.includes(` ${s.ruleId}@`)) || s.scenario.startsWith("valid-"), "a scenario shows its rule, or is named valid-…").toBe(true);
    });
  }
});

describe("the demo repository", () => {
  it("shows off every rule", () => {
    const result = scan({ paths: [path.join(FIXTURES, "demo")], cwd: ROOT, rules });
    const fired = new Set(result.findings.map((f) => f.ruleId));
    for (const r of rules) expect(fired.has(r.meta.id), r.meta.id).toBe(true);
  });
});
