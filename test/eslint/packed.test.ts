/**
 * End to end, as a user gets it: `npm pack` this checkout, install the tarball next to ESLint 9 and ESLint 10
 * in fresh projects, enable `configs["all-files"]` in an `eslint.config.mjs`, and lint an AWS config file, an
 * env file and a workflow with `npx eslint`: the findings must be the CLI's (`npx credlint --format json`).
 *
 * Slow (npm installs from the registry): it runs with CREDLINT_E2E=1, as .ci/run sets; a plain `npm test`
 * skips it, visibly.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/generate.js";

const required = process.env.CREDLINT_E2E === "1";

function run(cmd: string, args: string[], cwd: string) {
  // npm_config_omit=optional: no compiling of the optional native re2 addon; credlint uses its pure-JS engine.
  return spawnSync(cmd, args, { cwd, encoding: "utf8", env: { ...process.env, npm_config_omit: "optional", npm_config_fund: "false", npm_config_audit: "false" }, timeout: 600_000 });
}

const FILES: Record<string, string> = {
  ".aws/config": `[default]
region = us-east1

[staging]
role_arn = arn:aws:iam::123456789012:role/Deploy
source_profile = default
`,
  ".env": `AWS_PROFILE=prod
AWS_REGION=eu-west-1
AWS_DEFAULT_REGION=eu-central-1
`,
  ".github/workflows/deploy.yml": `name: deploy
on: [push]
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v5
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: arn:aws:iam::123456789012:role/Deploy
          aws-region: us-east-1a
      - run: aws s3 sync dist s3://bucket --profile staging
`,
  "eslint.config.mjs": `import credlint from "credlint/eslint-plugin";

export default [...credlint.configs["all-files"]];
`,
};

interface EslintResult {
  filePath: string;
  messages: { ruleId: string | null; line: number; column: number; endLine?: number; endColumn?: number; message: string }[];
}

describe.runIf(required)("the packed plugin in a fresh project", () => {
  const work = mkdtempSync(path.join(tmpdir(), "credlint-packed-"));
  let tarball = "";

  it("packs", () => {
    const r = run("npm", ["pack", "--pack-destination", work, "--ignore-scripts"], ROOT);
    expect(r.status, r.stderr).toBe(0);
    tarball = path.join(work, readdirSync(work).find((f) => f.endsWith(".tgz")) ?? "missing.tgz");
  }, 120_000);

  for (const eslintVersion of ["9", "10"]) {
    it(`lints AWS config, env and workflow files as the CLI does, with ESLint ${eslintVersion}`, () => {
      const app = path.join(work, `eslint${eslintVersion}`);
      mkdirSync(app, { recursive: true });
      writeFileSync(path.join(app, "package.json"), `{ "name": "app", "private": true, "type": "module" }\n`);
      for (const [rel, text] of Object.entries(FILES)) {
        mkdirSync(path.dirname(path.join(app, rel)), { recursive: true });
        writeFileSync(path.join(app, rel), text);
      }
      expect(run("git", ["init", "-q"], app).status).toBe(0);
      const install = run("npm", ["install", "--save-dev", tarball, `eslint@${eslintVersion}`], app);
      expect(install.status, install.stderr).toBe(0);
      writeFileSync(path.join(app, ".gitignore"), "node_modules/\n");

      const eslint = run("npx", ["--no-install", "eslint", "--format", "json", ".aws/config", ".env", ".github/workflows/deploy.yml"], app);
      expect(eslint.status === 0 || eslint.status === 1, eslint.stderr).toBe(true);
      const viaEslint = (JSON.parse(eslint.stdout) as EslintResult[])
        .flatMap((r) => r.messages.map((m) => `${path.relative(app, r.filePath)} ${(m.ruleId ?? "").replace(/^credlint\//, "")} ${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.message}`))
        .sort();

      const cli = run("npx", ["--no-install", "credlint", "--format", "json", "."], app);
      expect(cli.status, cli.stderr).toBe(1);
      const viaCli = (JSON.parse(cli.stdout) as { findings: { path: string; ruleId: string; line: number; column: number; endLine: number; endColumn: number; message: string }[] }).findings
        .filter((f) => Object.keys(FILES).includes(f.path))
        .map((f) => `${f.path} ${f.ruleId} ${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.message}`)
        .sort();
      expect(viaEslint).toEqual(viaCli);
      // The planted mistakes, each in its kind of file — the cross-file ones too.
      const rules = new Set(viaEslint.map((l) => l.split(" ").slice(0, 2).join(" ")));
      for (const expected of [
        ".aws/config invalid-region",
        ".aws/config aws-config-syntax",
        ".env profile-reference",
        ".env region-mismatch",
        ".github/workflows/deploy.yml oidc-permissions",
        ".github/workflows/deploy.yml invalid-region",
      ]) {
        expect(rules, expected).toContain(expected);
      }
    }, 600_000);
  }
});
