/**
 * "Same finding everywhere": for every JS/TS fixture, the committed CLI bundle (`credlint --format json`) and
 * ESLint with the committed plugin bundle's `configs.recommended` report the same findings — rule id, line,
 * column, end and message. Each file is given to both alone (the ESLint plugin sees one file at a time).
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ESLint, type Linter } from "eslint";
import tsParser from "@typescript-eslint/parser";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/generate.js";
import { JS_TS_EXTENSIONS } from "../../src/formats/js-ts.js";
import { eslintLine, filesUnder, findingLine, type CliFinding } from "../support/findings.js";

const CODE = filesUnder(path.join(ROOT, "fixtures"))
  .filter((f) => JS_TS_EXTENSIONS.test(f))
  .map((f) => path.relative(ROOT, f).split(path.sep).join("/"))
  .sort();

/**
 * The CLI is given one file here; the editor reads the file's neighbours (the AWS config a profile name needs),
 * so cross-file findings differ by design. test/eslint/languages.test.ts compares them repository by repository.
 */
function sameFileOnly(line: string): boolean {
  return !line.startsWith("profile-reference ");
}

function viaCli(file: string): string[] {
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin/credlint.js"), "--format", "json", file], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`credlint failed on ${file}: ${r.stderr}`);
  const out = JSON.parse(r.stdout) as { findings: CliFinding[] };
  return out.findings.map(findingLine).filter(sameFileOnly);
}

async function viaEslint(files: readonly string[]): Promise<Map<string, string[]>> {
  const mod = (await import(pathToFileURL(path.join(ROOT, "dist/eslint-plugin.mjs")).href)) as {
    default: { configs: { recommended: Linter.Config } };
  };
  const eslint = new ESLint({
    cwd: ROOT,
    overrideConfigFile: true,
    ignore: false,
    overrideConfig: [
      mod.default.configs.recommended,
      { files: ["**/*.{ts,cts,mts,tsx}"], languageOptions: { parser: tsParser as Linter.Parser } },
      { files: ["**/*.jsx"], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
    ],
  });
  const results = await eslint.lintFiles([...files]);
  const byFile = new Map<string, string[]>();
  for (const r of results) {
    const rel = path.relative(ROOT, r.filePath).split(path.sep).join("/");
    const fatal = r.messages.find((m) => m.fatal);
    if (fatal) throw new Error(`ESLint could not parse ${rel}: ${fatal.message}`);
    byFile.set(
      rel,
      r.messages.map(eslintLine).filter(sameFileOnly),
    );
  }
  return byFile;
}

describe("CLI and ESLint plugin parity on JS/TS fixtures", () => {
  it("covers the fixtures with SDK calls", () => {
    expect(CODE.length).toBeGreaterThanOrEqual(8);
  });

  it("reports the same findings through both", async () => {
    const eslint = await viaEslint(CODE);
    for (const file of CODE) {
      const cli = viaCli(file);
      expect(eslint.get(file) ?? [], file).toEqual(cli);
    }
    // The comparison is not vacuous: some fixture has findings.
    expect([...eslint.values()].some((m) => m.length > 0)).toBe(true);
  }, 120_000);
});
