/**
 * The one-pass keyword prefilter finds exactly the keywords that occur, overlapping and nested ones too — in
 * its WebAssembly loop (what scans run) and its JavaScript loop (where WebAssembly is missing) alike.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { DETECTORS } from "../../src/secrets/detectors.js";
import { scanKeywords, scanKeywordsJs, scanKeywordsWasm, wasmKeywordScanner, type KeywordScan } from "../../src/secrets/keywords.js";
import { ROOT } from "../../scripts/generate.js";
import { pick, rng } from "../support/fake-keys.js";
import { filesUnder } from "../support/findings.js";

const ALL = [...new Set(DETECTORS.flatMap((d) => d.keywords))];
const byIncludes = (lower: string): string[] => ALL.filter((k) => lower.includes(k)).sort();

/** Per keyword that occurs, the lines (1-based, ascending, once each) of its occurrences, overlapping ones too. */
function linesByIndexOf(lower: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const k of ALL) {
    const lines = new Set<number>();
    for (let i = lower.indexOf(k); i !== -1; i = lower.indexOf(k, i + 1)) lines.add(lower.slice(0, i).split("\n").length);
    if (lines.size > 0) out.set(k, [...lines].sort((a, b) => a - b));
  }
  return out;
}

const keysOf = (scan: (text: string) => KeywordScan) => (text: string): string[] => [...scan(text).lines.keys()].sort();

describe.each([
  ["WebAssembly", scanKeywordsWasm],
  ["JavaScript", scanKeywordsJs],
  ["either, as scans choose", scanKeywords],
] as const)("keyword scan (%s loop)", (_, scanKeywords) => {
  const keywordsIn = keysOf(scanKeywords);
  it("agrees with one includes() per keyword on every fixture file", () => {
    for (const f of filesUnder(path.join(ROOT, "fixtures"))) {
      const lower = readFileSync(f, "utf8").toLowerCase();
      expect(keywordsIn(lower), f).toEqual(byIncludes(lower));
    }
  });

  it("agrees on seeded text made of overlapping keyword fragments", () => {
    const next = rng(6006);
    const parts = [...ALL, ...ALL.map((k) => k.slice(1)), ...ALL.map((k) => k.slice(0, -1)), " ", "=", "_", "x"];
    for (let i = 0; i < 2000; i++) {
      const text = Array.from({ length: 1 + Math.floor(next() * 12) }, () => parts[Math.floor(next() * parts.length)] ?? "").join("") + pick("ab=_ ", 3, next);
      expect(keywordsIn(text), text).toEqual(byIncludes(text));
    }
  });

  it("finds keywords in any ASCII case, on the text as it is (not lower-cased)", () => {
    const next = rng(8228);
    const parts = [...ALL, ...ALL.map((k) => k.toUpperCase()), ...ALL.map((k) => k.slice(1)), "\n", " ", "é", "İ", "x"];
    for (let i = 0; i < 1000; i++) {
      const text = Array.from({ length: 1 + Math.floor(next() * 14) }, () => parts[Math.floor(next() * parts.length)] ?? "").join("");
      // ASCII folding: a lower-case copy made by ASCII letters alone gives the same keywords and lines.
      const asciiLower = text.replace(/[A-Z]/g, (c) => c.toLowerCase());
      const scan = scanKeywords(text);
      expect(new Map([...scan.lines].map(([k, v]) => [k, [...v]])), text).toEqual(linesByIndexOf(asciiLower));
    }
    expect(keywordsIn("AWS_SECRET_ACCESS_KEY=1\nGitHub_PAT: x")).toEqual(["key", "pat:", "secret"]);
  });

  it("takes `pat` only where a name can end in it, never in `path` or `pattern`", () => {
    const pat = (text: string): string[] => keywordsIn(text).filter((k) => k.startsWith("pat"));
    expect(pat("      mountPath: /opt/app/data\n      pathType: Prefix\n      subPath: logs\npattern: '^[a-z]+$'\n")).toEqual([]);
    for (const text of ["GITHUB_PAT=ghp", "gh_pat: x", '{"pat": 1}', "pat\tvalue", "ADO_PAT_1 = x", "azdo.pat=x", "hf-pat: x", "[pat] = x", "PAT != x", "GitLab_PAT2: x", "pat`"]) {
      expect(pat(text), text).toHaveLength(1);
    }
  });

  it("counts lines in linear time on one long line dense with keywords (a minified bundle)", () => {
    const line = "token=key;".repeat(200_000);
    const started = performance.now();
    const scan = scanKeywords(`${line}\n${line}\n`);
    expect(scan.lines.get("token")).toEqual([1, 2]);
    expect(scan.lines.get("key")).toEqual([1, 2]);
    // 4 MB: a quadratic newline search would take minutes.
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("notes the lines of every occurrence, as a search per keyword finds them", () => {
    const next = rng(7117);
    const parts = [...ALL, ...ALL.map((k) => k.slice(1)), "\n", "\r\n", " ", "é", "ÿ", "\u2028", "x"];
    const texts = filesUnder(path.join(ROOT, "fixtures")).slice(0, 200).map((f) => readFileSync(f, "utf8").toLowerCase());
    for (let i = 0; i < 1000; i++) texts.push(Array.from({ length: 1 + Math.floor(next() * 16) }, () => parts[Math.floor(next() * parts.length)] ?? "").join(""));
    for (const text of texts) {
      const scan = scanKeywords(text);
      expect(new Map([...scan.lines].map(([k, v]) => [k, [...v]])), text.slice(0, 200)).toEqual(linesByIndexOf(text));
      expect([...scan.lines.keys()].sort()).toEqual(byIncludes(text));
    }
  });
});

describe("the WebAssembly loop", () => {
  it("is available on Node, and what scans run once they have read 1 MiB of text", async () => {
    expect(wasmKeywordScanner()).toBeDefined();
    vi.resetModules();
    const fresh = await import("../../src/secrets/keywords.js");
    // A pre-commit run's few files: the JavaScript loop, without making the module.
    for (let i = 0; i < 5; i++) expect([...fresh.keywordsIn(`password = ${i}\n`.repeat(2_000))]).toEqual(["pass"]);
    expect(fresh.keywordLoop()).toBe("javascript");
    expect([...fresh.keywordsIn("x".repeat(1024 * 1024) + "token")]).toEqual(["token"]);
    expect(fresh.keywordLoop()).toBe("webassembly");
  });

  it("agrees with the JavaScript loop across its 1 MiB chunks, its hit buffer and multi-byte characters", () => {
    const next = rng(9339);
    const parts = [...ALL, ...ALL.map((k) => k.toUpperCase()), ...ALL.map((k) => k.slice(1)), "\n", "\r\n", " ", "é", "€", "😀", "\ud800", "\u2028", "x".repeat(50)];
    const texts: string[] = [];
    // Large texts put keywords and multi-byte characters across the chunk boundaries (byte 1,048,576 and on).
    for (let i = 0; i < 4; i++) texts.push(Array.from({ length: 150_000 + Math.floor(next() * 100_000) }, () => parts[Math.floor(next() * parts.length)] ?? "").join(""));
    // A chunk boundary inside a keyword and inside a three-byte character, in an otherwise ASCII text.
    texts.push(`${"a".repeat(1024 * 1024 - 3)}password\n`, `${"a".repeat(1024 * 1024 - 1)}€token\n`, `${"é".repeat(600_000)}secret`);
    // More hits than one call's buffer holds (8,192).
    texts.push("key\n".repeat(30_000));
    for (const text of texts) expect(scanKeywordsWasm(text), text.slice(0, 80)).toEqual(scanKeywordsJs(text));
  });
});
