/**
 * The pattern engine: native `re2` and pure-JS `re2js` must give the same matches (offsets in UTF-16 code
 * units, capture groups included) for every built-in pattern, and both must refuse what RE2 refuses.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AWS_SECRET_NEAR_ID, DETECTORS } from "../../src/secrets/detectors.js";
import { chooseEngine, ENGINE_ENV, ENGINE_NAMES, defaultEngine, getEngine, nativeAvailable } from "../../src/secrets/regex.js";
import { ROOT } from "../../scripts/generate.js";
import { filesUnder } from "../support/findings.js";

const SECRET_RULE_DIRS = ["hardcoded-aws-key", "hardcoded-azure-key", "hardcoded-gcp-key", "hardcoded-private-key", "hardcoded-secret", "committed-credentials-file"];
const corpus: string[] = [
  ...SECRET_RULE_DIRS.flatMap((d) => filesUnder(path.join(ROOT, "fixtures", d))).map((f) => readFileSync(f, "utf8")),
  // Non-ASCII before a match: offsets must stay UTF-16 in both engines.
  "é😀 key=AKIA2E4G6I7K3M5O7Q2S\n令牌 token: \"Zx9!kLm2#pQr8$tUv\"\n",
  "",
  "\n\n\r\n",
];
const PATTERNS = [...DETECTORS.map((d) => ({ id: d.id, source: d.pattern, flags: d.flags })), { id: "aws-secret-near-id", source: AWS_SECRET_NEAR_ID, flags: undefined }];

describe("engine choice", () => {
  it("honours CREDLINT_REGEX_ENGINE and rejects unknown names", () => {
    expect(chooseEngine("re2js").name).toBe("re2js");
    expect(chooseEngine(" re2js ").name).toBe("re2js");
    expect(() => chooseEngine("pcre")).toThrow(/expected one of re2, re2js/);
    expect(chooseEngine(undefined).name).toBe(nativeAvailable() ? "re2" : "re2js");
  });
  it("is the one named in the environment for this run", () => {
    const wanted = process.env[ENGINE_ENV]?.trim();
    expect(defaultEngine().name).toBe(wanted ? wanted : nativeAvailable() ? "re2" : "re2js");
  });
  it.skipIf(nativeAvailable())("re2 is refused with a clear message when the addon is missing", () => {
    expect(() => getEngine("re2")).toThrow(/does not load/);
  });
});

describe.each(ENGINE_NAMES.filter((n) => n === "re2js" || nativeAvailable()))("%s", (name) => {
  const engine = getEngine(name);
  it("refuses lookaround and backreferences (RE2 semantics)", () => {
    expect(() => engine.compile("a(?=b)")).toThrow();
    expect(() => engine.compile("(?<!a)b")).toThrow();
    expect(() => engine.compile(String.raw`(a)\1`)).toThrow();
  });
  it("reports UTF-16 offsets and unset groups", () => {
    const p = engine.compile("(x)?(AKIA)([A-Z0-9]{4})");
    expect(p.matchAll("é😀 AKIAABCD AKIA12")).toEqual([{ start: 4, end: 12, groups: [undefined, [4, 8], [8, 12]] }]);
    expect(p.test("AKIAWXYZ")).toBe(true);
    expect(p.test("akia")).toBe(false);
  });
  it("matches case-insensitively and per line when asked", () => {
    const p = engine.compile("^secret$", { ignoreCase: true, multiline: true });
    expect(p.matchAll("a\nSECRET\nsecret").map((m) => m.start)).toEqual([2, 9]);
  });
  it("does not loop on empty matches", () => {
    expect(engine.compile("x*").matchAll("ab").length).toBe(3);
  });
});

describe.skipIf(!nativeAvailable())("re2 and re2js agree on every built-in pattern", () => {
  const native = getEngine("re2");
  const js = getEngine("re2js");
  for (const p of PATTERNS) {
    it(p.id, () => {
      const a = native.compile(p.source, p.flags);
      const b = js.compile(p.source, p.flags);
      for (const text of corpus) expect(a.matchAll(text)).toEqual(b.matchAll(text));
    });
  }
});
