/**
 * The generic assignment detector runs its pattern on its keyword lines only, and its keywords are narrower
 * than the words its pattern names: no `sig`, and `pat` only where a name can end in it (`GITHUB_PAT:`, not
 * `mountPath:`). That is safe because every candidate `extract` keeps — a name `credentialName` takes, or a
 * connection string's credential part — lies on a line that holds one of the keywords; these tests check it on
 * every fixture and on seeded lines built to break it.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isSourceCodePath } from "../../src/knowledge/secrets.js";
import { makeSourceFile, positionAt } from "../../src/model/source.js";
import { DETECTORS, type DetectContext } from "../../src/secrets/detectors.js";
import { keywordsIn } from "../../src/secrets/keywords.js";
import { ENGINE_NAMES, getEngine, nativeAvailable } from "../../src/secrets/regex.js";
import { ROOT } from "../../scripts/generate.js";
import { fakePassword, fakeSecret } from "../support/fake-secrets.js";
import { rng } from "../support/fake-keys.js";
import { filesUnder } from "../support/findings.js";

const ENGINES = ENGINE_NAMES.filter((n) => n === "re2js" || nativeAvailable());
const ASSIGNMENT = DETECTORS.find((d) => d.id === "credential-assignment");

/** Names with and without a credential word, `pat` and `sig` inside and at the end of words, in every style. */
function seededAssignments(seed: number): string {
  const next = rng(seed);
  const choose = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const names = [
    "GITHUB_PAT", "gh_pat", "githubPat", "AZDO_PAT2", "hf-pat", "pat", "mountPath", "pathType", "exclusionPattern",
    "signature", "sig", "signingKey", "SIGNING_SECRET", "api_key_path", "db.password", "auth", "connStr", "DSN",
    "storageConnection", "credentials", "patch_token", "dispatch", "\"GITLAB_PAT\"", "['pat']",
  ];
  const ops = [" = ", "=", ": ", ":", " := ", " => ", "\t=\t", " "];
  const values = [
    () => fakeSecret(Math.floor(next() * 1e6)),
    () => `"${fakePassword(Math.floor(next() * 1e6))}"`,
    () => `'${fakeSecret(Math.floor(next() * 1e6))}'`,
    () => `Server=db.internal;Database=app;User Id=svc;Password=${fakePassword(Math.floor(next() * 1e6))};`,
    () => `"DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${fakeSecret(Math.floor(next() * 1e6))};"`,
    () => `Bearer ${fakeSecret(Math.floor(next() * 1e6))}`,
    () => "/var/run/secrets/token",
  ];
  const prefixes = ["", "  ", "export ", "ENV ", "--", "    - "];
  return Array.from({ length: 60 }, () => `${choose(prefixes)}${choose(names)}${choose(ops)}${choose(values)()}`).join(choose(["\n", "\r\n"]));
}

describe.each(ENGINES)("credential-assignment keywords (%s)", (engineName) => {
  const engine = getEngine(engineName);
  if (!ASSIGNMENT) throw new Error("no credential-assignment detector");
  const keywords = new Set(ASSIGNMENT.keywords);

  it("are on the line of every candidate, in every fixture file and in seeded assignments", () => {
    const texts = filesUnder(path.join(ROOT, "fixtures")).map((f) => [f, readFileSync(f, "utf8")] as const);
    for (let seed = 1; seed <= 40; seed++) texts.push([`seed ${seed}.env`, seededAssignments(seed)]);
    let kept = 0;
    for (const [name, text] of texts) {
      const file = makeSourceFile("x.txt", "text", text);
      for (const code of isSourceCodePath(name) ? [true] : [false, true]) {
        const ctx: DetectContext = { text, strict: false, serviceAccount: false, code, netrc: false };
        const pattern = engine.compile(code && ASSIGNMENT.codePattern ? ASSIGNMENT.codePattern : ASSIGNMENT.pattern, ASSIGNMENT.flags);
        for (const m of pattern.matchAll(text)) {
          if (!ASSIGNMENT.extract(m, ctx)) continue;
          kept++;
          // The name's line (the match itself may open with the line break before it).
          const line = positionAt(file, m.groups[0]?.[0] ?? m.start).line;
          const lineText = text.slice(file.lineStarts[line - 1] ?? 0, file.lineStarts[line] ?? text.length);
          expect([...keywordsIn(lineText)].some((k) => keywords.has(k)), `${name}: ${lineText}`).toBe(true);
        }
      }
    }
    expect(kept).toBeGreaterThan(200);
  });

  it("leave out lines whose only credential-ish word is a path, a pattern or a signature", () => {
    const own = (text: string): string[] => [...keywordsIn(text)].filter((k) => keywords.has(k));
    expect(own("        volumeMounts:\n          - mountPath: /opt/bitnami/app/conf\n            subPath: app.conf\n      pathType: Prefix\n")).toEqual([]);
    expect(own('  "exclusionPattern": "^tmp/.*$",\n  signature: v4\n')).toEqual([]);
    expect(own("GITHUB_PAT: x\n")).toEqual(["pat:"]);
  });
});
