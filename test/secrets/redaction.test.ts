/**
 * No output ever shows a secret: every fixture of the secret rules (and the demo) is scanned through the
 * CLI in every format, and no secret the detectors found may appear in the output — neither whole nor any
 * 12-character piece of it past the first four characters.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/generate.js";
import { cli } from "../support/cli.js";
import { secretPieces, secretsUnder } from "../support/findings.js";

const DIRS = ["hardcoded-aws-key", "hardcoded-azure-key", "hardcoded-gcp-key", "hardcoded-private-key", "hardcoded-secret", "committed-credentials-file", "demo"].map(
  (d) => path.join(ROOT, "fixtures", d),
);

/** Every reportable secret in the fixtures: neither it nor any of its pieces may be printed. */
const secrets = secretsUnder(DIRS);

describe("redaction", () => {
  it("the fixtures hold secrets to look for", () => {
    expect(secrets.length).toBeGreaterThan(40);
  });
  for (const format of ["text", "json", "sarif", "github", "html"]) {
    it(`no secret appears in --format ${format}`, () => {
      const out = cli(["--format", format, "--no-color", ...DIRS.map((d) => path.relative(ROOT, d))], ROOT, {});
      expect(out.code, out.stderr).toBe(1);
      expect(out.stdout.length).toBeGreaterThan(1000);
      const leaks = secrets.flatMap((s) => secretPieces(s).filter((p) => out.stdout.includes(p)).map((p) => `${s.slice(0, 4)}…: ${p}`));
      expect(leaks).toEqual([]);
    });
  }
});
