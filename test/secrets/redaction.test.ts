/**
 * No output ever shows a secret: every fixture of the secret rules (and the demo) is scanned through the
 * CLI in every format, and no secret the detectors found may appear in the output — neither whole nor any
 * 12-character piece of it past the first four characters.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeSourceFile } from "../../src/model/source.js";
import { findSecrets } from "../../src/secrets/candidates.js";
import { ROOT } from "../../scripts/generate.js";
import { cli } from "../support/cli.js";

const DIRS = ["hardcoded-aws-key", "hardcoded-azure-key", "hardcoded-gcp-key", "hardcoded-private-key", "hardcoded-secret", "committed-credentials-file", "demo"].map(
  (d) => path.join(ROOT, "fixtures", d),
);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const abs = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(abs) : [abs];
  });
}

/** Every reportable secret in the fixtures, as the pieces that must never be printed. */
const secrets = DIRS.flatMap(filesUnder).flatMap((abs) =>
  findSecrets(makeSourceFile(path.relative(ROOT, abs), "text", readFileSync(abs, "utf8")))
    .candidates.filter((c) => !c.benign)
    .map((c) => c.value),
);

function pieces(secret: string): string[] {
  const out = [secret];
  for (let i = 4; i + 12 <= secret.length; i += 4) {
    const w = secret.slice(i, i + 12);
    // Structure, not secret material: PEM armour, escapes, line breaks.
    if (/^[A-Za-z0-9+/=_~.%-]{12}$/.test(w) && !/-----|PRIVATE|BEGIN|END/.test(w)) out.push(w);
  }
  return out;
}

describe("redaction", () => {
  it("the fixtures hold secrets to look for", () => {
    expect(secrets.length).toBeGreaterThan(40);
  });
  for (const format of ["text", "json", "sarif", "github"]) {
    it(`no secret appears in --format ${format}`, () => {
      const out = cli(["--format", format, "--no-color", ...DIRS.map((d) => path.relative(ROOT, d))], ROOT, {});
      expect(out.code, out.stderr).toBe(1);
      expect(out.stdout.length).toBeGreaterThan(1000);
      const leaks = secrets.flatMap((s) => pieces(s).filter((p) => out.stdout.includes(p)).map((p) => `${s.slice(0, 4)}…: ${p}`));
      expect(leaks).toEqual([]);
    });
  }
});
