import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bundleCli, bundleEslintPlugin, CLI_BUNDLE, ESLINT_PLUGIN_BUNDLE } from "../scripts/bundle.js";
import { ROOT } from "../scripts/generate.js";

describe("dist/credlint.cjs (the CLI bundle bin/credlint.js runs)", () => {
  it("is up to date with the sources (run `npm run build` after changing src/ or rules/)", async () => {
    const built = await bundleCli();
    const committed = existsSync(CLI_BUNDLE) ? readFileSync(CLI_BUNDLE, "utf8") : "";
    expect(committed === built, "dist/credlint.cjs is stale: run `npm run build`").toBe(true);
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

describe("dist/eslint-plugin.mjs (package.json exports[\"./eslint-plugin\"])", () => {
  it("is up to date with the sources (run `npm run build` after changing src/ or rules/)", async () => {
    const built = await bundleEslintPlugin();
    const committed = existsSync(ESLINT_PLUGIN_BUNDLE) ? readFileSync(ESLINT_PLUGIN_BUNDLE, "utf8") : "";
    expect(committed === built, "dist/eslint-plugin.mjs is stale: run `npm run build`").toBe(true);
  }, 60_000);

  it("is what package.json exports, with no static package imports", () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { exports: Record<string, string> };
    expect(pkg.exports["./eslint-plugin"]).toBe("./dist/eslint-plugin.mjs");
    expect(readFileSync(ESLINT_PLUGIN_BUNDLE, "utf8")).not.toMatch(/^import .* from ["'](?!node:)[^"']+["']/m);
  });

  it("loads in a plain ESM Node process (no bundled dynamic require of an external)", () => {
    const probe = `const m = await import(${JSON.stringify(ESLINT_PLUGIN_BUNDLE)}); process.stdout.write(String(Object.keys(m.default.rules).length));`;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", probe], { cwd: ROOT, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(Number(r.stdout)).toBeGreaterThan(0);
  });
});

describe("the TypeScript parser is loaded lazily", () => {
  it("is not loaded by a CLI run over files without SDK code", () => {
    const probe = [
      "const m = await import('node:module');",
      "const orig = m.default.prototype.require;",
      "globalThis.__loaded = [];",
      "m.default.prototype.require = function (id) { globalThis.__loaded.push(id); return orig.apply(this, arguments); };",
      `process.argv = [process.argv[0], 'credlint', '--format', 'json', ${JSON.stringify(path.join(ROOT, "fixtures/invalid-region"))}];`,
      // By `require`, or through the CLI's code cache (bin/code-cache.js), which keeps it in `require.cache` too.
      "process.on('exit', () => { if ([...globalThis.__loaded, ...Object.keys(m.default._cache)].some((id) => /[\\/]typescript[\\/]|^typescript$/.test(id))) { process.stderr.write('LOADED'); } });",
      `await import(${JSON.stringify(CLI_BUNDLE)});`,
    ].join("\n");
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", probe.replace("fixtures/invalid-region", "fixtures/aws-config-syntax")], { cwd: ROOT, encoding: "utf8" });
    expect(r.stderr).not.toContain("LOADED");
    const withCode = spawnSync(process.execPath, ["--input-type=module", "-e", probe.replace("fixtures/invalid-region", "fixtures/invalid-region/sdk-client-zone")], { cwd: ROOT, encoding: "utf8" });
    expect(withCode.stderr).toContain("LOADED");
  });

  it("loads the YAML parser only for scans with CI files", () => {
    const probe = (dir: string) =>
      [
        "const m = await import('node:module');",
        "const orig = m.default.prototype.require;",
        "globalThis.__loaded = [];",
        "m.default.prototype.require = function (id) { globalThis.__loaded.push(id); return orig.apply(this, arguments); };",
        `process.argv = [process.argv[0], 'credlint', '--format', 'json', ${JSON.stringify(path.join(ROOT, dir))}];`,
        "process.on('exit', () => { if (globalThis.__loaded.includes('yaml')) { process.stderr.write('YAML'); } });",
        `await import(${JSON.stringify(CLI_BUNDLE)});`,
      ].join("\n");
    const run = (dir: string) => spawnSync(process.execPath, ["--input-type=module", "-e", probe(dir)], { cwd: ROOT, encoding: "utf8" });
    expect(run("fixtures/aws-config-syntax").stderr).not.toContain("YAML");
    const withCi = run("fixtures/prefer-oidc/github-keys-in-login-step");
    expect(withCi.stderr).toContain("YAML");
    expect(JSON.parse(withCi.stdout).findings.some((f: { ruleId: string }) => f.ruleId === "prefer-oidc")).toBe(true);
  });
});
