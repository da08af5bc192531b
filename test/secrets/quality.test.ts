/**
 * Measured quality of the secret detectors over the repository's own labelled fixtures: every
 * `# credlint-expect:` entry of a hardcoded-* rule is a labelled secret (file and line); every other line
 * of every fixture — the valid-decoys corpus of lockfiles, bundles, source maps, images, hashes, UUIDs,
 * example keys and placeholders included — is a labelled non-secret. Prints precision and recall per rule.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { rules } from "../../rules/index.js";
import { scan } from "../../src/scan/pipeline.js";
import { ROOT } from "../../scripts/generate.js";
import { filesUnder } from "../support/findings.js";

const SECRET_RULES = ["hardcoded-aws-key", "hardcoded-azure-key", "hardcoded-gcp-key", "hardcoded-private-key", "hardcoded-secret"];
const EXPECT = /^(?:[#;]|\/\/|--|\/\*|<!--)\s*credlint-expect:\s*(.*?)\s*(?:\*\/|-->)?$/;
const SIDECAR = ".credlint-expect";
const FIXTURES = path.join(ROOT, "fixtures");

/** `path:line` of every labelled secret, by rule. */
function labels(): Map<string, Set<string>> {
  const out = new Map(SECRET_RULES.map((r) => [r, new Set<string>()]));
  for (const abs of filesUnder(FIXTURES)) {
    if (abs.startsWith(path.join(FIXTURES, "demo"))) continue;
    const m = EXPECT.exec(readFileSync(abs, "utf8").split("\n")[0] ?? "");
    if (!m || (m[1] ?? "") === "none") continue;
    const target = abs.endsWith(SIDECAR) ? abs.slice(0, -SIDECAR.length) : abs;
    const rel = path.relative(ROOT, target).split(path.sep).join("/");
    for (const e of (m[1] ?? "").split(/\s+/)) {
      const [rule, pos] = e.split("@");
      if (rule && pos && out.has(rule)) out.get(rule)?.add(`${rel}:${pos.split(":")[0]}`);
    }
  }
  return out;
}

describe("detector quality on the labelled fixtures", () => {
  const scenarios = readdirSync(FIXTURES)
    .filter((d) => d !== "demo" && statSync(path.join(FIXTURES, d)).isDirectory())
    .map((d) => path.join(FIXTURES, d));
  const enabled = rules.filter((r) => SECRET_RULES.includes(r.meta.id));
  const findings = scan({ paths: scenarios, cwd: ROOT, rules: enabled }).findings.filter((f) => SECRET_RULES.includes(f.ruleId));
  const truth = labels();

  it("has precision and recall of at least 0.95 overall, and reports them per rule", () => {
    const rows: string[] = [];
    let [tp, fp, fn] = [0, 0, 0];
    for (const rule of SECRET_RULES) {
      const want = truth.get(rule) ?? new Set<string>();
      const got = new Set(findings.filter((f) => f.ruleId === rule).map((f) => `${f.path}:${f.range.start.line}`));
      const t = [...got].filter((g) => want.has(g)).length;
      const p = got.size - t;
      const n = [...want].filter((w) => !got.has(w)).length;
      [tp, fp, fn] = [tp + t, fp + p, fn + n];
      rows.push(`${rule.padEnd(22)} TP ${String(t).padStart(3)}  FP ${String(p).padStart(3)}  FN ${String(n).padStart(3)}`);
    }
    const precision = tp / Math.max(1, tp + fp);
    const recall = tp / Math.max(1, tp + fn);
    console.log(`${rows.join("\n")}\nall                    TP ${tp}  FP ${fp}  FN ${fn}  precision ${precision.toFixed(3)}  recall ${recall.toFixed(3)}`);
    expect(tp).toBeGreaterThan(60);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });

  it("finds nothing at all in the secret rules' valid-* scenarios (the false-positive corpus)", () => {
    const decoys = findings.filter((f) => /^fixtures\/(?:hardcoded-[a-z-]+|committed-credentials-file)\/valid-/.test(f.path));
    expect(decoys.map((f) => `${f.path}:${f.range.start.line} ${f.ruleId}`)).toEqual([]);
  });
});
