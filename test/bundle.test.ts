import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bundleCli, CLI_BUNDLE } from "../scripts/bundle.js";
import { ROOT } from "../scripts/generate.js";

describe("dist/credlint.mjs (the CLI bundle bin/credlint.js runs)", () => {
  it("is up to date with the sources (run `npm run build` after changing src/ or rules/)", async () => {
    const built = await bundleCli();
    const committed = existsSync(CLI_BUNDLE) ? readFileSync(CLI_BUNDLE, "utf8") : "";
    expect(committed === built, "dist/credlint.mjs is stale: run `npm run build`").toBe(true);
  }, 60_000);

  it("runs through bin/credlint.js, with no static package imports", () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, "bin/credlint.js"), "--version"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe((JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version);
    const bundle = readFileSync(CLI_BUNDLE, "utf8");
    // No static imports of packages: the regex engines are loaded on first use from dependencies.
    expect(bundle).not.toMatch(/^import .* from ["'](?!node:)[^"']+["']/m);
  });
});
