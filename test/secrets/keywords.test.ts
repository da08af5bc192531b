/** The one-pass keyword prefilter finds exactly the keywords that occur, overlapping and nested ones too. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DETECTORS } from "../../src/secrets/detectors.js";
import { keywordsIn } from "../../src/secrets/scan.js";
import { ROOT } from "../../scripts/generate.js";
import { pick, rng } from "../support/fake-keys.js";

const ALL = [...new Set(DETECTORS.flatMap((d) => d.keywords))];
const byIncludes = (lower: string): string[] => ALL.filter((k) => lower.includes(k)).sort();

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const abs = path.join(dir, n);
    return statSync(abs).isDirectory() ? filesUnder(abs) : [abs];
  });
}

describe("keywordsIn", () => {
  it("agrees with one includes() per keyword on every fixture file", () => {
    for (const f of filesUnder(path.join(ROOT, "fixtures"))) {
      const lower = readFileSync(f, "utf8").toLowerCase();
      expect([...keywordsIn(lower)].sort(), f).toEqual(byIncludes(lower));
    }
  });

  it("agrees on seeded text made of overlapping keyword fragments", () => {
    const next = rng(6006);
    const parts = [...ALL, ...ALL.map((k) => k.slice(1)), ...ALL.map((k) => k.slice(0, -1)), " ", "=", "_", "x"];
    for (let i = 0; i < 2000; i++) {
      const text = Array.from({ length: 1 + Math.floor(next() * 12) }, () => parts[Math.floor(next() * parts.length)] ?? "").join("") + pick("ab=_ ", 3, next);
      expect([...keywordsIn(text)].sort(), text).toEqual(byIncludes(text));
    }
  });
});
