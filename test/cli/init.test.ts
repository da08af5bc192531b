import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { insertEslintConfig, insertPreCommitRepo } from "../../src/cli/init.js";
import { run } from "../../src/cli/main.js";
import { toolVersion } from "../../src/lint/version.js";
import { cli, git, tempRepo } from "../support/cli.js";

const AWS_CONFIG = `# shared settings for the team
[default]
region = us-east1

[profile dev]
role_arn = arn:aws:iam::123456789012:role/Developer
source_profile = default
`;

const PRE_COMMIT = `# See https://pre-commit.com
repos:
  - repo: https://github.com/pre-commit/pre-commit-hooks
    rev: v4.6.0
    hooks:
      - id: trailing-whitespace
      - id: end-of-file-fixer

# keep hooks sorted
`;

const ESLINT_MJS = `import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { ignores: ["dist/"] },
);
`;

const DEPLOY_WORKFLOW = `name: deploy
on: [push]
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v5
      - run: ./deploy.sh
`;

/** Every file under `dir` (but .git) with its content: to assert that a run changed nothing. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      if (name === ".git") continue;
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[path.relative(dir, p)] = readFileSync(p, "utf8");
    }
  };
  walk(dir);
  const hook = path.join(dir, ".git", "hooks", "pre-commit");
  if (existsSync(hook)) out[".git/hooks/pre-commit"] = readFileSync(hook, "utf8");
  return out;
}

function repo(files: Record<string, string>): string {
  return tempRepo({ ".aws/config": AWS_CONFIG, ...files }, { git: true });
}

describe("credlint init", () => {
  it("with --yes sets up config, baseline, pre-commit, the GitHub workflow and ESLint, and a second run changes nothing", () => {
    const dir = repo({ ".pre-commit-config.yaml": PRE_COMMIT, "eslint.config.mjs": ESLINT_MJS, ".github/workflows/deploy.yml": DEPLOY_WORKFLOW, "tsconfig.json": "{}\n" });
    const r = cli(["init", "--yes"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("found git, pre-commit, GitHub Actions, TypeScript, ESLint (eslint.config.mjs)");
    for (const line of ["wrote credlint.config.json", "wrote .credlint-baseline.json with 1 finding", "added credlint to .pre-commit-config.yaml", "wrote .github/workflows/credlint.yml", "added credlint to eslint.config.mjs"]) {
      expect(r.stdout).toContain(line);
    }

    // The config validates (a scan reads it) and names its schema.
    const config = JSON.parse(readFileSync(path.join(dir, "credlint.config.json"), "utf8")) as Record<string, unknown>;
    expect(config["$schema"]).toMatch(/credlint\.config\.schema\.json$/);
    // The baseline holds today's finding: the scan is clean now, and --no-baseline still shows it.
    expect(cli([], dir).code).toBe(0);
    expect(cli(["--no-baseline"], dir).stdout).toContain("invalid-region");

    const preCommit = readFileSync(path.join(dir, ".pre-commit-config.yaml"), "utf8");
    const repos = (parseYaml(preCommit) as { repos: { repo: string; rev: string; hooks: { id: string }[] }[] }).repos;
    expect(repos.map((x) => x.repo)).toEqual(["https://github.com/pre-commit/pre-commit-hooks", "https://github.com/credlint/credlint"]);
    expect(repos[1]).toEqual({ repo: "https://github.com/credlint/credlint", rev: `v${toolVersion()}`, hooks: [{ id: "credlint-staged" }] });
    expect(preCommit.startsWith("# See https://pre-commit.com\n")).toBe(true);
    expect(preCommit.endsWith("\n# keep hooks sorted\n")).toBe(true);

    const workflow = parseYaml(readFileSync(path.join(dir, ".github/workflows/credlint.yml"), "utf8")) as {
      jobs: { credlint: { permissions: Record<string, string>; steps: { uses?: string; with?: Record<string, string> }[] } };
    };
    const steps = workflow.jobs.credlint.steps;
    expect(steps.map((s) => s.uses)).toEqual(["actions/checkout@v5", `credlint/credlint@v${toolVersion()}`, "github/codeql-action/upload-sarif@v4"]);
    expect(workflow.jobs.credlint.permissions["security-events"]).toBe("write");
    expect(steps[2]?.with?.["sarif_file"]).toBe("${{ steps.credlint.outputs.sarif-file }}");
    // credlint's own rules accept the workflow it writes.
    expect(cli([".github/workflows/credlint.yml"], dir).code).toBe(0);

    const eslint = readFileSync(path.join(dir, "eslint.config.mjs"), "utf8");
    expect(eslint).toBe(`import js from "@eslint/js";
import tseslint from "typescript-eslint";
import credlint from "credlint/eslint-plugin";

export default tseslint.config(
  credlint.configs.recommended,
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { ignores: ["dist/"] },
);
`);

    const before = snapshot(dir);
    const again = cli(["init", "--yes"], dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("credlint is set up: nothing changed.");
    expect(again.stdout.match(/nothing to do/g)).toHaveLength(5);
    expect(snapshot(dir)).toEqual(before);
  });

  it("without --yes and without a terminal prints the plan and changes nothing", () => {
    const dir = repo({ ".github/workflows/deploy.yml": DEPLOY_WORKFLOW });
    const before = snapshot(dir);
    const r = cli(["init"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Would do:");
    expect(r.stdout).toContain("write .github/workflows/credlint.yml");
    expect(r.stdout).toContain("Nothing changed: run credlint init on a terminal to choose, or credlint init --yes");
    expect(snapshot(dir)).toEqual(before);
    expect(cli(["init", "--dry-run"], dir).stdout).toContain("Would do:");
    expect(snapshot(dir)).toEqual(before);
  });

  it("asks before each step and does only what was accepted", () => {
    const dir = repo({ ".github/workflows/deploy.yml": DEPLOY_WORKFLOW });
    const questions: string[] = [];
    const answers = [true, false, true, false];
    let out = "";
    const code = run(["init"], {
      cwd: dir,
      env: {},
      stdoutIsTTY: true,
      writeStdout: (t) => {
        out += t;
      },
      writeStderr: () => {},
      ask: (q) => {
        questions.push(q);
        return answers.shift() ?? false;
      },
    });
    expect(code).toBe(0);
    expect(questions).toEqual([
      "Write credlint.config.json (rule levels, ignores, allowed values; see docs/configuration.md)?",
      "Record today's findings in .credlint-baseline.json, so that only new ones fail from now on?",
      "Add `credlint --staged` to the git pre-commit hook (.git/hooks/pre-commit)?",
      "Write .github/workflows/credlint.yml (the credlint Action + SARIF upload to code scanning)?",
    ]);
    expect(existsSync(path.join(dir, "credlint.config.json"))).toBe(true);
    expect(existsSync(path.join(dir, ".credlint-baseline.json"))).toBe(false);
    expect(readFileSync(path.join(dir, ".git/hooks/pre-commit"), "utf8")).toContain("credlint --staged");
    expect(existsSync(path.join(dir, ".github/workflows/credlint.yml"))).toBe(false);
    expect(out.match(/skipped\./g)).toHaveLength(2);
  });

  it("appends to Husky's hook and to a GitLab CI file, keeping their line endings and mode", () => {
    const gitlab = "stages:\r\n  - test\r\n\r\ntest:\r\n  script:\r\n    - npm test\r\n";
    const dir = repo({ ".husky/pre-commit": "npx lint-staged\n", ".gitlab-ci.yml": gitlab, "package.json": '{ "devDependencies": { "husky": "^9.0.0" } }\n' });
    chmodSync(path.join(dir, ".husky/pre-commit"), 0o755);
    const r = cli(["init", "--yes"], dir);
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(dir, ".husky/pre-commit"), "utf8")).toBe("npx lint-staged\nnpx --no-install credlint --staged\n");
    expect(statSync(path.join(dir, ".husky/pre-commit")).mode & 0o777).toBe(0o755);
    const ci = readFileSync(path.join(dir, ".gitlab-ci.yml"), "utf8");
    expect(ci.startsWith(gitlab)).toBe(true);
    expect(ci.replace(/\r\n/g, "").includes("\n")).toBe(false);
    const parsed = parseYaml(ci) as Record<string, { script: string[] }>;
    expect(parsed["credlint"]?.script).toEqual([`npx --yes credlint@${toolVersion()} .`]);
    expect(Object.keys(parsed)).toEqual(["stages", "test", "credlint"]);
    // Idempotent here too.
    const before = snapshot(dir);
    expect(cli(["init", "--yes"], dir).stdout).toContain("nothing changed");
    expect(snapshot(dir)).toEqual(before);
  });

  it("takes the CI of the host the origin remote names when the repository has no CI file yet", () => {
    const onGithub = repo({});
    git(onGithub, "remote", "add", "origin", "git@github.com:acme/payments.git");
    expect(cli(["init", "--yes"], onGithub).stdout).toContain("wrote .github/workflows/credlint.yml");
    const onGitlab = repo({});
    git(onGitlab, "remote", "add", "origin", "https://gitlab.example.com/acme/payments.git");
    expect(cli(["init", "--yes"], onGitlab).stdout).toContain("added a credlint job to .gitlab-ci.yml");
    expect(readFileSync(path.join(onGitlab, ".gitlab-ci.yml"), "utf8")).toContain("credlint:\n  image: node:20\n");
    const nowhere = repo({});
    expect(cli(["init", "--yes"], nowhere).stdout).toContain("CI: nothing to do (no CI found: no .github/ folder, no .gitlab-ci.yml, no GitHub or GitLab remote)");
  });

  it("never writes over a file it did not make", () => {
    const mine = "name: credlint (ours)\non: [push]\njobs: {}\n";
    const dir = repo({ ".github/workflows/credlint.yml": mine });
    const r = cli(["init", "--yes"], dir);
    expect(r.stdout).toContain("CI: nothing to do (.github/workflows/credlint.yml exists and is not written over)");
    expect(readFileSync(path.join(dir, ".github/workflows/credlint.yml"), "utf8")).toBe(mine);
  });

  it("works outside git: config and baseline only", () => {
    const dir = tempRepo({ "infra/.env": "AWS_REGION=us-east1\n" });
    const r = cli(["init", "--yes"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("found no git");
    expect(r.stdout).toContain("pre-commit hook: nothing to do (not a git repository)");
    expect(existsSync(path.join(dir, ".credlint-baseline.json"))).toBe(true);
  });

  it("rejects unknown options", () => {
    const r = cli(["init", "--force"], tempRepo({}));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("init: unknown option --force");
  });
});

describe("init's text edits", () => {
  it("adds the pre-commit entry at the list's indentation, after the last item, CRLF kept", () => {
    const text = "repos:\r\n- repo: local\r\n  hooks:\r\n  - id: x\r\n    name: x\r\n    entry: x\r\n    language: system\r\n\r\nci:\r\n  autofix_prs: false\r\n";
    const out = insertPreCommitRepo(text) ?? "";
    const parsed = parseYaml(out) as { repos: { repo: string }[]; ci: unknown };
    expect(parsed.repos.map((r) => r.repo)).toEqual(["local", "https://github.com/credlint/credlint"]);
    expect(parsed.ci).toEqual({ autofix_prs: false });
    expect(out.replace(/\r\n/g, "").includes("\n")).toBe(false);
    expect(insertPreCommitRepo("repos: []\n")).toBeUndefined();
  });

  it("adds the ESLint plugin to the usual flat-config shapes, and leaves others alone", () => {
    expect(insertEslintConfig(`export default [\n  { rules: {} },\n];\n`)).toBe(`import credlint from "credlint/eslint-plugin";\nexport default [\n  credlint.configs.recommended,\n  { rules: {} },\n];\n`);
    expect(insertEslintConfig(`import { defineConfig } from "eslint/config";\nexport default defineConfig([{ rules: {} }]);\n`)).toBe(
      `import { defineConfig } from "eslint/config";\nimport credlint from "credlint/eslint-plugin";\nexport default defineConfig([credlint.configs.recommended, { rules: {} }]);\n`,
    );
    expect(insertEslintConfig(`const js = require("@eslint/js");\nmodule.exports = [js.configs.recommended];\n`)).toBe(
      `const js = require("@eslint/js");\nconst credlint = require("credlint/eslint-plugin");\nmodule.exports = [credlint.configs.recommended, js.configs.recommended];\n`,
    );
    expect(insertEslintConfig(`const config = makeConfig();\nexport default config;\n`)).toBeUndefined();
  });
});

describe("credlint init on a real terminal", () => {
  const script = spawnSync("script", ["--version"], { encoding: "utf8" });
  it.skipIf(script.status !== 0)("asks through a pseudo-terminal and reads the answers typed", () => {
    const dir = repo({});
    // `script` gives credlint a terminal; the answers are typed ahead (the terminal buffers them).
    const r = spawnSync("script", ["-qfec", `node ${JSON.stringify(path.resolve("bin/credlint.js"))} init`, "/dev/null"], {
      cwd: dir,
      input: "y\nn\nmaybe\ny\n",
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Write credlint.config.json");
    expect(r.stdout).toContain("[Y/n]");
    expect(existsSync(path.join(dir, "credlint.config.json"))).toBe(true);
    expect(existsSync(path.join(dir, ".credlint-baseline.json"))).toBe(false);
    // "maybe" is asked again; the "y" after it installs the hook.
    expect(r.stdout.match(/pre-commit hook \(\.git\/hooks\/pre-commit\)\? \[Y\/n\]/g)?.length).toBe(2);
    expect(readFileSync(path.join(dir, ".git/hooks/pre-commit"), "utf8")).toContain("credlint --staged");
  });
});

