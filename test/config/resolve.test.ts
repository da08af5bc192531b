/**
 * Which config applies to a file: the nearest one above it, whole; `--config`; `--no-config`; where the walk
 * stops. Layouts are built in temp folders (a `.git` folder is just an empty folder here: only its presence
 * matters), plus the committed monorepo fixture.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config/load.js";
import type { ResolverOptions } from "../../src/config/resolve.js";
import { createConfigResolver } from "../../src/config/resolve.js";
import { UsageError } from "../../src/model/errors.js";

const temp = mkdtempSync(path.join(tmpdir(), "credlint-config-resolve-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const rules = [{ id: "prefer-oidc" }, { id: "hardcoded-secret" }];
const checkPattern = (): undefined => undefined;

let counter = 0;
/** A fresh folder holding these files (content `{}`-like unless given); names ending in `/` are folders. */
function layout(files: Readonly<Record<string, string>>): string {
  const root = path.join(temp, `layout-${++counter}`);
  for (const [name, content] of Object.entries(files)) {
    const abs = path.join(root, name);
    if (name.endsWith("/")) {
      mkdirSync(abs, { recursive: true });
    } else {
      mkdirSync(path.dirname(abs), { recursive: true });
      writeFileSync(abs, content);
    }
  }
  return root;
}

function resolver(root: string, extra: Partial<ResolverOptions> = {}): ReturnType<typeof createConfigResolver> {
  return createConfigResolver({ cwd: root, rules, checkPattern, ...extra });
}

const MONOREPO = {
  ".git/": "",
  "credlint.config.yaml": "rules:\n  prefer-oidc: warning\nignore:\n  - vendor/\n",
  "packages/api/.credlintrc.json": '{ "rules": { "hardcoded-secret": "note" } }',
  "packages/web/src/": "",
  "packages/api/src/handlers/": "",
};

describe("the nearest config wins", () => {
  const root = layout(MONOREPO);
  const configs = resolver(root);

  it("a file takes the config of its own package, or the root's", () => {
    expect(configs.forFile(path.join(root, "packages/api/src/handlers/login.ts")).file).toBe(path.join(root, "packages/api/.credlintrc.json"));
    expect(configs.forFile(path.join(root, "packages/api/package.json")).file).toBe(path.join(root, "packages/api/.credlintrc.json"));
    expect(configs.forFile(path.join(root, "packages/web/src/app.ts")).file).toBe(path.join(root, "credlint.config.yaml"));
    expect(configs.forFile(path.join(root, "README.md")).file).toBe(path.join(root, "credlint.config.yaml"));
  });

  it("whole: nothing of the root's config reaches a package with its own", () => {
    const api = configs.forFile(path.join(root, "packages/api/src/handlers/login.ts"));
    expect(api.ignore).toEqual([]);
    expect(api.rules.has("prefer-oidc")).toBe(false);
    expect(api.rules.get("hardcoded-secret")?.level).toBe("note");
  });

  it("loads each config once and lists it", () => {
    configs.forFile(path.join(root, "packages/web/src/other.ts"));
    expect(configs.loaded().map((c) => path.relative(root, c.file ?? ""))).toEqual(["packages/api/.credlintrc.json", "credlint.config.yaml"]);
    expect(configs.forFile(path.join(root, "packages/web/src/a.ts"))).toBe(configs.forFile(path.join(root, "packages/web/src/b.ts")));
  });

  it("looks at each folder once: a config added later is not seen by the same resolver", () => {
    const root2 = layout(MONOREPO);
    const early = resolver(root2);
    expect(early.forFile(path.join(root2, "packages/web/src/app.ts")).file).toBe(path.join(root2, "credlint.config.yaml"));
    writeFileSync(path.join(root2, "packages/web/credlint.config.json"), "{}");
    expect(early.forFile(path.join(root2, "packages/web/src/app.ts")).file).toBe(path.join(root2, "credlint.config.yaml"));
    expect(resolver(root2).forFile(path.join(root2, "packages/web/src/app.ts")).file).toBe(path.join(root2, "packages/web/credlint.config.json"));
  });

  it("accepts a relative path, resolved against cwd", () => {
    expect(configs.forFile("packages/api/index.ts").file).toBe(path.join(root, "packages/api/.credlintrc.json"));
  });

  it("ignores a folder that has a config file's name", () => {
    const dir = layout({ ".git/": "", "credlint.config.json/": "", "src/": "" });
    const config = resolver(dir).forFile(path.join(dir, "src/a.ts"));
    expect(config.file).toBeUndefined();
  });
});

describe("where the walk stops", () => {
  it("at stopAt, inclusive: a config above it is not used", () => {
    const root = layout({ "credlint.config.json": '{"rules": {"prefer-oidc": "off"}}', "repo/src/": "" });
    const repo = path.join(root, "repo");
    const config = resolver(root, { stopAt: repo }).forFile(path.join(repo, "src/a.ts"));
    expect(config.file).toBeUndefined();
    expect(config.dir).toBe(repo);
    const atStop = layout({ "repo/credlint.config.json": "{}", "repo/src/": "" });
    expect(resolver(atStop, { stopAt: path.join(atStop, "repo") }).forFile(path.join(atStop, "repo/src/a.ts")).file).toBe(path.join(atStop, "repo/credlint.config.json"));
  });

  it("without stopAt, at a folder holding .git (a folder or a worktree's file)", () => {
    const root = layout({ "credlint.config.json": "{}", "repo/.git/": "", "repo/src/": "", "worktree/.git": "gitdir: ../repo/.git/worktrees/w\n", "worktree/src/": "" });
    const inRepo = resolver(root).forFile(path.join(root, "repo/src/a.ts"));
    expect(inRepo.file).toBeUndefined();
    expect(inRepo.dir).toBe(path.join(root, "repo"));
    expect(resolver(root).forFile(path.join(root, "worktree/src/a.ts")).dir).toBe(path.join(root, "worktree"));
  });

  it("uses the .git rule for a file outside stopAt", () => {
    const root = layout({ "scan/": "", "other/.git/": "", "other/credlint.config.json": '{"ignore": ["x"]}', "other/lib/": "" });
    const configs = resolver(root, { stopAt: path.join(root, "scan") });
    expect(configs.forFile(path.join(root, "other/lib/a.ts")).ignore).toEqual(["x"]);
  });

  it("gives the defaults one object per top folder", () => {
    const root = layout({ ".git/": "", "a/": "", "b/": "" });
    const configs = resolver(root);
    expect(configs.forFile(path.join(root, "a/x.ts"))).toBe(configs.forFile(path.join(root, "b/y.ts")));
    expect(configs.loaded()).toEqual([]);
  });
});

describe("--config and --no-config", () => {
  const root = layout({ ...MONOREPO, "ci/credlint.strict.yaml": "rules:\n  prefer-oidc: error\n" });

  it("--config: one config for every file, resolved against cwd, nearer configs ignored", () => {
    const configs = resolver(root, { configFile: "ci/credlint.strict.yaml" });
    const api = configs.forFile(path.join(root, "packages/api/src/handlers/login.ts"));
    expect(api.file).toBe(path.join(root, "ci/credlint.strict.yaml"));
    expect(api.dir).toBe(path.join(root, "ci"));
    expect(configs.forFile(path.join(root, "README.md"))).toBe(api);
    expect(configs.loaded()).toEqual([api]);
  });

  it("--config: a missing file is an error naming it", () => {
    expect(() => resolver(root, { configFile: "ci/nope.yaml" })).toThrow(ConfigError);
    expect(() => resolver(root, { configFile: "ci/nope.yaml" })).toThrow(`--config ci/nope.yaml: no such file (looked for ${path.join(root, "ci/nope.yaml")}).`);
  });

  it("--config: an invalid file is reported at once", () => {
    writeFileSync(path.join(root, "ci/broken.json"), '{"rule": {}}');
    expect(() => resolver(root, { configFile: "ci/broken.json" })).toThrow('ci/broken.json:1:2: rule: unknown key "rule"; did you mean "rules"?');
  });

  it("--no-config: the defaults everywhere, nothing loaded", () => {
    const configs = resolver(root, { noConfig: true, stopAt: root });
    const config = configs.forFile(path.join(root, "packages/api/src/handlers/login.ts"));
    expect(config.file).toBeUndefined();
    expect(config.rules.size).toBe(0);
    expect(config.dir).toBe(root);
    expect(configs.loaded()).toEqual([]);
  });

  it("not both", () => {
    expect(() => resolver(root, { noConfig: true, configFile: "ci/credlint.strict.yaml" })).toThrow(UsageError);
  });
});

describe("mistakes", () => {
  it("two config files in one folder: an error naming both", () => {
    const root = layout({ ".git/": "", "credlint.config.json": "{}", ".credlintrc.yaml": "ignore: []\n", "src/": "" });
    const configs = resolver(root);
    expect(() => configs.forFile(path.join(root, "src/a.ts"))).toThrow(ConfigError);
    expect(() => configs.forFile(path.join(root, "src/a.ts"))).toThrow("Two config files in .: credlint.config.json and .credlintrc.yaml; keep one.");
  });

  it("an invalid nested config fails the files below it", () => {
    const root = layout({ ".git/": "", "credlint.config.json": "{}", "legacy/.credlintrc.yml": "rules:\n  prefer-oidc: warn\n", "legacy/src/": "" });
    const configs = resolver(root);
    expect(configs.forFile(path.join(root, "a.ts")).file).toBe(path.join(root, "credlint.config.json"));
    expect(() => configs.forFile(path.join(root, "legacy/src/a.ts"))).toThrow(
      `Invalid config ${path.join("legacy", ".credlintrc.yml")}:\n${path.join("legacy", ".credlintrc.yml")}:2:16: rules.prefer-oidc: unknown level "warn"; did you mean "warning"?`,
    );
  });
});

describe("the committed monorepo fixture", () => {
  const root = path.resolve(import.meta.dirname, "../../fixtures/config/valid/monorepo");
  const configs = createConfigResolver({
    cwd: root,
    stopAt: root,
    rules: [{ id: "prefer-oidc" }, { id: "region-mismatch" }, { id: "hardcoded-aws-key" }, { id: "hardcoded-secret" }, { id: "temporary-credentials" }],
    extraRuleIds: ["parse-error"],
    checkPattern,
  });

  it("billing has its own config; everything else takes the root's", () => {
    const billing = configs.forFile(path.join(root, "services/billing/src/invoice.ts"));
    expect(billing.file).toBe(path.join(root, "services/billing/.credlintrc.json"));
    expect(billing.rules.get("prefer-oidc")?.level).toBe("error");
    expect(billing.secretPatterns).toEqual([]);
    const web = configs.forFile(path.join(root, "web/src/app.ts"));
    expect(web.file).toBe(path.join(root, "credlint.config.yaml"));
    expect(web.rules.get("prefer-oidc")?.level).toBe("warning");
    expect(web.secretPatterns.map((p) => p.id)).toEqual(["acme-api-token", "internal-webhook-secret"]);
    expect(web.secretPatterns[1]?.keywords).toEqual(["whsec_int_"]);
  });
});
