/**
 * A detector's `codePattern` (what runs on program source) skips matches its `extract` drops in code. It loses
 * no candidate the full pattern finds (same candidates on every fixture source file; a superset on seeded code
 * lines), and it finds quoted values that an unquoted match just before them used to hide.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isSourceCodePath } from "../../src/knowledge/secrets.js";
import { DETECTORS, type DetectContext, type Detector } from "../../src/secrets/detectors.js";
import { ENGINE_NAMES, getEngine, nativeAvailable } from "../../src/secrets/regex.js";
import { ROOT } from "../../scripts/generate.js";
import { fakePassword, fakeSecret } from "../support/fake-secrets.js";
import { rng } from "../support/fake-keys.js";
import { filesUnder } from "../support/findings.js";

const ENGINES = ENGINE_NAMES.filter((n) => n === "re2js" || nativeAvailable());
const WITH_CODE_PATTERN = DETECTORS.filter((d): d is Detector & { codePattern: string } => d.codePattern !== undefined);

function candidates(engine: ReturnType<typeof getEngine>, detector: Detector, source: string, text: string): unknown[] {
  const ctx: DetectContext = { text, strict: false, serviceAccount: false, code: true, netrc: false };
  return engine.compile(source, detector.flags).matchAll(text).map((m) => detector.extract(m, ctx)).filter((c) => c !== undefined);
}

/** Code lines that bind credential-ish names to quoted, bare, scheme-prefixed and computed values, side by side. */
function seededCode(seed: number, lines: number): string {
  const next = rng(seed);
  const choose = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const names = ["password", "db_pass", "apiKey", "AUTH_TOKEN", "self.secret_key", "client.credentials", "x.token.value", "githubPat", "connStr", "headers['Authorization']"];
  const ops = [" = ", "=", ": ", " := ", " => ", " == ", "(", ", ", " "];
  const values = [
    () => `"${fakeSecret(Math.floor(next() * 1e6))}"`,
    () => `'${fakePassword(Math.floor(next() * 1e6))}'`,
    () => `\`${fakeSecret(Math.floor(next() * 1e6))}\``,
    () => `"Bearer ${fakeSecret(Math.floor(next() * 1e6))}"`,
    () => `Bearer ${fakeSecret(Math.floor(next() * 1e6))}`,
    () => "os.environ.get(\"SECRET_KEY\", \"k3y-Default-2931x\")",
    () => "settings.SECRET_KEY",
    () => "token_from_env",
    () => `${fakeSecret(Math.floor(next() * 1e6))};`,
  ];
  return Array.from({ length: lines }, () => {
    const parts = Array.from({ length: 1 + Math.floor(next() * 3) }, () => `${choose(names)}${choose(ops)}${choose(values)()}`);
    return `    ${parts.join(choose(["; ", ", ", " and ", " "]))}`;
  }).join("\n");
}

describe.each(ENGINES)("code patterns (%s)", (engineName) => {
  const engine = getEngine(engineName);

  it("exist where they matter: the generic assignment detector", () => {
    expect(WITH_CODE_PATTERN.map((d) => d.id)).toEqual(["credential-assignment"]);
  });

  it("find the same candidates as the full pattern in every fixture source file", () => {
    const sources = filesUnder(path.join(ROOT, "fixtures")).filter((f) => isSourceCodePath(f));
    expect(sources.length).toBeGreaterThan(50);
    let found = 0;
    for (const f of sources) {
      const text = readFileSync(f, "utf8");
      for (const d of WITH_CODE_PATTERN) {
        const full = candidates(engine, d, d.pattern, text);
        found += full.length;
        expect(candidates(engine, d, d.codePattern, text), f).toEqual(full);
      }
    }
    expect(found).toBeGreaterThan(10);
  });

  it("lose no candidate on seeded code mixing quoted, bare and computed values", () => {
    let more = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const text = seededCode(seed, 60);
      for (const d of WITH_CODE_PATTERN) {
        const full = candidates(engine, d, d.pattern, text);
        const code = candidates(engine, d, d.codePattern, text);
        expect(code, text).toEqual(expect.arrayContaining(full));
        more += code.length - full.length;
      }
    }
    // The seeded lines do put bare values before quoted ones (see the next test).
    expect(more).toBeGreaterThan(0);
  });

  it("find a quoted value that an unquoted match before it on the line hid", () => {
    const d = WITH_CODE_PATTERN[0];
    if (!d) throw new Error("no detector with a code pattern");
    const secret = fakeSecret(4242);
    // The full pattern reads `SECRET_KEY password` as a name and a bare value, and resumes after `password`.
    const text = `    client.connect(settings.SECRET_KEY password => "${secret}")\n`;
    const value = (c: unknown) => text.slice((c as { start: number }).start, (c as { end: number }).end);
    expect(candidates(engine, d, d.pattern, text)).toEqual([]);
    expect(candidates(engine, d, d.codePattern, text).map(value)).toEqual([secret]);
  });
});
