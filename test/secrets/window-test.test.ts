/**
 * A detector's `windowTest` is a necessary condition: every match of its pattern, anywhere in a text, lies on
 * lines whose text passes the test — so skipping the keyword lines whose window fails it loses no match.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeSourceFile, positionAt } from "../../src/model/source.js";
import { DETECTORS, type Detector } from "../../src/secrets/detectors.js";
import { ENGINE_NAMES, getEngine, nativeAvailable } from "../../src/secrets/regex.js";
import { ROOT } from "../../scripts/generate.js";
import { fakePassword } from "../support/fake-secrets.js";
import { rng } from "../support/fake-keys.js";
import { filesUnder } from "../support/findings.js";

const ENGINES = ENGINE_NAMES.filter((n) => n === "re2js" || nativeAvailable());
const TESTED = DETECTORS.filter((d): d is Detector & { windowTest: RegExp } => d.windowTest !== undefined);

/** Name and value fields as env lists, task definitions, Postman collections and .NET config write them. */
function seededPairs(seed: number): string {
  const next = rng(seed);
  const choose = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const names = ["DB_PASSWORD", "api_token", "ClientSecret", "Name", "image_id", "Value", "region"];
  const value = (): string => choose([fakePassword(Math.floor(next() * 1e6)), "us-east-1", "ami-0123456789abcdef0", "${SECRET}"]);
  const forms = [
    () => `  - name: ${choose(names)}\n    value: "${value()}"`,
    () => `    { "name": "${choose(names)}", "value": "${value()}" },`,
    () => `    "key": "${choose(names)}",\n    "value": "${value()}"`,
    () => `  <add key="${choose(names)}" value="${value()}" />`,
    () => `    "Value": {\n      "image_name": "${value()}"\n    },`,
    () => `  NAME = ${choose(names)}, VALUE = ${value()}`,
    () => `value: ${value()}`,
    () => `  ${choose(names)}:\n    value: ${value()}`,
  ];
  return Array.from({ length: 80 }, () => choose(forms)()).join(choose(["\n", "\r\n"]));
}

describe.each(ENGINES)("window tests (%s)", (engineName) => {
  const engine = getEngine(engineName);

  it("exist where a common keyword rarely leads to a match: the name/value pair detector", () => {
    expect(TESTED.map((d) => d.id)).toEqual(["credential-name-value-pair"]);
  });

  it("pass on the lines of every match, in every fixture file and in seeded name/value fields", () => {
    const texts = filesUnder(path.join(ROOT, "fixtures")).map((f) => [f, readFileSync(f, "utf8")] as const);
    for (let seed = 1; seed <= 30; seed++) texts.push([`seed ${seed}`, seededPairs(seed)]);
    let matches = 0;
    for (const d of TESTED) {
      const pattern = engine.compile(d.pattern, d.flags);
      for (const [name, text] of texts) {
        const file = makeSourceFile("x.txt", "text", text);
        for (const m of pattern.matchAll(text)) {
          matches++;
          const first = positionAt(file, m.start).line;
          const last = positionAt(file, Math.max(m.start, m.end - 1)).line;
          const from = file.lineStarts[first - 1] ?? 0;
          const to = file.lineStarts[last] ?? text.length;
          expect(d.windowTest.test(text.slice(from, to)), `${name}: ${text.slice(m.start, m.end)}`).toBe(true);
          // The window the scan tests — the keyword line and linesBefore above it — holds those lines.
          expect(last - first).toBeLessThanOrEqual(d.linesBefore ?? 0);
        }
      }
    }
    expect(matches).toBeGreaterThan(100);
  });

  it("rule out the keyword lines of data files full of `\"Value\": {…}` objects", () => {
    const d = TESTED[0];
    if (!d) throw new Error("no detector with a window test");
    expect(d.windowTest.test(`        "ami-01c4f25003f4cf337": {\n          "Value": {`)).toBe(false);
    expect(d.windowTest.test(`  - name: DB_PASSWORD\n    value: "x"`)).toBe(true);
  });
});
