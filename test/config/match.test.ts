/**
 * `ignore` and `fileKinds` matching: gitignore semantics relative to the config's folder, checked against
 * git itself (`git check-ignore`) as the oracle.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/load.js";
import { isIgnoredByConfig, kindFromConfig } from "../../src/config/match.js";
import type { CredlintConfig } from "../../src/model/config.js";

const dir = path.resolve("/work/project");

function config(partial: Partial<CredlintConfig>): CredlintConfig {
  return { ...defaultConfig(dir), file: path.join(dir, "credlint.config.yaml"), ...partial };
}

const at = (relative: string): string => path.join(dir, relative);

const IGNORE = ["vendor/", "*.snap", "!keep.snap", "build/", "!build/keep.txt", "/root-only.txt", "docs/**/*.md", "!docs/security.md", "tmp"];

const PATHS = [
  "vendor/a/b.txt",
  "packages/api/vendor/lib.js",
  "vendor.txt",
  "web/__snapshots__/app.test.ts.snap",
  "web/__snapshots__/keep.snap",
  "build/out.js",
  "build/keep.txt",
  "root-only.txt",
  "sub/root-only.txt",
  "docs/guide/setup.md",
  "docs/security.md",
  "docs/guide/setup.txt",
  "tmp",
  "src/tmp/cache.json",
  "src/app.ts",
];

describe("isIgnoredByConfig", () => {
  const ignoring = config({ ignore: IGNORE });

  it("matches as git does, directories, negation and anchoring included", () => {
    const repo = mkdtempSync(path.join(tmpdir(), "credlint-config-match-"));
    try {
      execFileSync("git", ["init", "-q", repo]);
      writeFileSync(path.join(repo, ".gitignore"), `${IGNORE.join("\n")}\n`);
      let out = "";
      try {
        out = execFileSync("git", ["-C", repo, "check-ignore", "--no-index", ...PATHS], { encoding: "utf8" });
      } catch (error) {
        out = String((error as { stdout?: string }).stdout ?? "");
      }
      const byGit = new Set(out.split("\n").filter(Boolean));
      expect(byGit.size).toBeGreaterThan(5);
      for (const p of PATHS) expect(isIgnoredByConfig(ignoring, at(p)), p).toBe(byGit.has(p));
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });

  it("the cases spelled out", () => {
    expect(isIgnoredByConfig(ignoring, at("vendor/a/b.txt"))).toBe(true);
    expect(isIgnoredByConfig(ignoring, at("web/__snapshots__/keep.snap"))).toBe(false);
    // As in git, a file cannot be re-included when its folder is excluded.
    expect(isIgnoredByConfig(ignoring, at("build/keep.txt"))).toBe(true);
    expect(isIgnoredByConfig(ignoring, at("sub/root-only.txt"))).toBe(false);
    expect(isIgnoredByConfig(ignoring, at("src/app.ts"))).toBe(false);
  });

  it("answers for folders too", () => {
    expect(isIgnoredByConfig(ignoring, at("packages/api/vendor"), true)).toBe(true);
    expect(isIgnoredByConfig(ignoring, at("packages/api/vendor"), false)).toBe(false);
  });

  it("never matches outside the config's folder, or the folder itself", () => {
    const everything = config({ ignore: ["*", "**/*"] });
    expect(isIgnoredByConfig(everything, path.resolve(dir, "../other/src/a.ts"))).toBe(false);
    expect(isIgnoredByConfig(everything, path.resolve(dir, "../project-2/a.ts"))).toBe(false);
    expect(isIgnoredByConfig(everything, dir)).toBe(false);
    expect(isIgnoredByConfig(everything, at("a.ts"))).toBe(true);
  });

  it("ignores nothing by default", () => {
    expect(isIgnoredByConfig(defaultConfig(dir), at("vendor/a.js"))).toBe(false);
  });
});

describe("kindFromConfig", () => {
  const kinds = config({
    fileKinds: [
      { pattern: "deploy/env/*.tpl", kind: "text" },
      { pattern: "deploy/env/", kind: "dotenv" },
      { pattern: "*.conf", kind: "aws-config" },
      { pattern: "tools/bin/*", kind: "shell" },
    ],
  });

  it("gives the kind of the first pattern that matches, in the order written", () => {
    expect(kindFromConfig(kinds, at("deploy/env/prod.tpl"))).toBe("text");
    expect(kindFromConfig(kinds, at("deploy/env/prod.conf"))).toBe("dotenv");
    expect(kindFromConfig(kinds, at("deploy/env/nested/staging"))).toBe("dotenv");
    expect(kindFromConfig(kinds, at("ops/aws.conf"))).toBe("aws-config");
    expect(kindFromConfig(kinds, at("tools/bin/release"))).toBe("shell");
  });

  it("gives nothing when no pattern matches, or outside the config's folder", () => {
    expect(kindFromConfig(kinds, at("tools/release"))).toBeUndefined();
    expect(kindFromConfig(kinds, path.resolve(dir, "../elsewhere/aws.conf"))).toBeUndefined();
    expect(kindFromConfig(defaultConfig(dir), at("deploy/env/prod.conf"))).toBeUndefined();
  });
});
