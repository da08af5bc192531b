import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { rules } from "../rules/index.js";
import { SEVERITIES } from "../src/model/finding.js";
import {
  README_END,
  README_START,
  renderIndex,
  renderRuleTable,
  replaceBetween,
  ROOT,
  ruleFileIds,
  withFrontMatter,
} from "../scripts/generate.js";
import { OUTPUT_END, parseExamples, runExample, withOutputs } from "../scripts/doc-examples.js";

const HEADINGS = ["Why it fails", "How to fix", "Examples", "Options", "When not to use it", "References"];

describe("rule registry and meta", () => {
  it("registers every file in rules/, sorted by id (rules/index.ts is current)", () => {
    expect(readFileSync(path.join(ROOT, "rules/index.ts"), "utf8")).toBe(renderIndex(ruleFileIds()));
    expect(rules.map((r) => r.meta.id)).toEqual(ruleFileIds());
  });

  for (const rule of rules) {
    describe(rule.meta.id, () => {
      const m = rule.meta;
      it("has complete, well-formed meta", () => {
        expect(m.id).toMatch(/^[a-z]+(-[a-z0-9]+)*$/);
        expect(m.description).toMatch(/^(Report|Require|Disallow) [^.]+$/);
        expect(SEVERITIES).toContain(m.severity);
        expect(m.securitySeverity).toBeGreaterThanOrEqual(0);
        expect(m.securitySeverity).toBeLessThanOrEqual(10);
        expect(m.tags.length).toBeGreaterThan(0);
        expect(m.help.why.length).toBeGreaterThan(80);
        expect(m.help.fix.length).toBeGreaterThan(30);
        expect(Object.keys(m.messages).length).toBeGreaterThan(0);
        if (m.tags.includes("external/cwe/cwe-798")) expect(m.tags).toContain("security");
      });
      it("has a test file", () => {
        expect(existsSync(path.join(ROOT, "test/rules", `${m.id}.test.ts`))).toBe(true);
      });
    });
  }
});

describe("docs/rules pages", () => {
  for (const rule of rules) {
    describe(rule.meta.id, () => {
      const file = path.join(ROOT, "docs/rules", `${rule.meta.id}.md`);
      const doc = existsSync(file) ? readFileSync(file, "utf8") : "";
      it("exists with generated front matter and output that is up to date", () => {
        expect(doc).not.toBe("");
        expect(doc).toBe(withOutputs(withFrontMatter(doc, rule), rule));
      });
      it("has the house headings, in order", () => {
        const h2 = doc.split("\n").filter((l) => l.startsWith("## ")).map((l) => l.slice(3).trim());
        expect(h2).toEqual(HEADINGS);
        expect(doc).toContain(`# ${rule.meta.id}\n`);
      });
      it("has ❌ examples that the rule reports and ✅ examples it accepts", () => {
        const examples = parseExamples(doc);
        expect(examples.filter((e) => e.kind === "incorrect").length).toBeGreaterThan(0);
        expect(examples.filter((e) => e.kind === "correct").length).toBeGreaterThan(0);
        for (const ex of examples) {
          expect(ex.files.length, ex.heading).toBeGreaterThan(0);
          const n = runExample(rule, ex).length;
          if (ex.kind === "incorrect") expect(n, `❌ ${ex.heading}`).toBeGreaterThan(0);
          else expect(n, `✅ ${ex.heading}`).toBe(0);
        }
        expect(doc.includes(OUTPUT_END)).toBe(true);
      });
      it("cites the reference facts it implements", () => {
        const refs = doc.slice(doc.indexOf("## References"));
        expect(refs).toMatch(/https?:\/\//);
      });
    });
  }
});

describe("README", () => {
  it("has the generated rule table", () => {
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    expect(readme).toBe(replaceBetween(readme, README_START, README_END, renderRuleTable(rules)));
  });
});
