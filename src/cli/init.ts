/**
 * `credlint init`: sets credlint up in a repository in one go — a config file, a baseline of today's
 * findings, the pre-commit hook (pre-commit framework, Husky, or a plain git hook), a CI workflow (GitHub
 * Actions with the SARIF upload, or a GitLab CI job) and the ESLint flat-config lines.
 *
 * It first detects what the repository uses and makes a plan of steps; each step knows whether it is already
 * done (so a second run changes nothing) and what it would write. Then, on a terminal, it asks before each
 * step; with `--yes` it takes every step (for scripts); with neither it prints the plan and changes nothing.
 * It never replaces a file: it creates missing files and appends to (or inserts into) existing ones, and
 * says what it changed. Edits go through an atomic write that keeps line endings and mode (src/fix/apply.ts).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, chmodSync } from "node:fs";
import path from "node:path";
import { CONFIG_FILE_NAMES } from "../config/schema.js";
import { writeFileAtomic } from "../fix/apply.js";
import { writeBaselines } from "../lint/lint.js";
import { toolVersion } from "../lint/version.js";
import { UsageError } from "../model/errors.js";
import { gitTopLevel } from "../scan/discover.js";
import { installHook, HOOK_MARKER } from "./install-hook.js";

export interface InitIo {
  readonly cwd: string;
  /** Asks a yes/no question; undefined when there is nobody to ask (not a terminal). */
  readonly ask?: (question: string) => boolean;
  write(text: string): void;
}

export interface InitOptions {
  readonly yes: boolean;
  readonly dryRun: boolean;
}

/** What the repository uses, as `init` sees it. */
export interface Detected {
  readonly root: string;
  readonly git: boolean;
  readonly preCommit: boolean;
  readonly husky: boolean;
  readonly github: boolean;
  readonly gitlab: boolean;
  readonly eslintConfig?: string;
  readonly typescript: boolean;
  readonly credlintInstalled: boolean;
}

interface Step {
  /** A few words, for the lines that say a step has nothing to do. */
  readonly name: string;
  readonly title: string;
  /** Why the step is not needed (already done, or not applicable), or undefined when it is. */
  readonly skip?: string;
  /** Does the work and says what changed. */
  run(): string;
}

const ESLINT_CONFIGS = ["eslint.config.js", "eslint.config.mjs", "eslint.config.cjs", "eslint.config.ts", "eslint.config.mts", "eslint.config.cts"];

export function detect(cwd: string): Detected {
  const top = gitTopLevel(cwd);
  const root = top ?? cwd;
  const has = (rel: string): boolean => existsSync(path.join(root, rel));
  const pkg = readJson(path.join(root, "package.json"));
  const deps = { ...(pkg?.["dependencies"] as object | undefined), ...(pkg?.["devDependencies"] as object | undefined) };
  const eslintConfig = ESLINT_CONFIGS.find(has);
  const remote = top !== undefined ? (spawnSync("git", ["remote", "get-url", "origin"], { cwd: root, encoding: "utf8" }).stdout ?? "").trim() : "";
  return {
    root,
    git: top !== undefined,
    preCommit: has(".pre-commit-config.yaml"),
    husky: has(".husky") || "husky" in deps,
    // A repository hosted on GitHub or GitLab that has no CI file yet still gets that host's CI.
    github: has(".github") || /github\.com[:/]/.test(remote),
    gitlab: has(".gitlab-ci.yml") || (!has(".github") && /gitlab\.[a-z.]+[:/]/.test(remote)),
    ...(eslintConfig ? { eslintConfig } : {}),
    typescript: has("tsconfig.json") || "typescript" in deps,
    credlintInstalled: "credlint" in deps || has("node_modules/credlint/package.json"),
  };
}

function readJson(file: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(readFileSync(file, "utf8"));
    return typeof v === "object" && v !== null ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** Appends `block` to a text file, keeping its line ending style; creates the file (and folders) when missing. */
function appendTo(file: string, block: string, mode?: number): void {
  const current = readText(file);
  if (current === undefined) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, block, mode !== undefined ? { mode } : {});
    if (mode !== undefined) chmodSync(file, mode);
    return;
  }
  const eol = current.includes("\r\n") ? "\r\n" : "\n";
  const sep = current === "" || current.endsWith("\n") ? "" : eol;
  writeFileAtomic(file, current + sep + block.replace(/\n/g, eol));
}

function rel(d: Detected, file: string): string {
  return path.relative(d.root, file) || file;
}

// ---- the steps -------------------------------------------------------------------------------------------

function configStep(d: Detected): Step {
  const existing = CONFIG_FILE_NAMES.find((n) => existsSync(path.join(d.root, n)));
  const file = path.join(d.root, "credlint.config.json");
  const schema = d.credlintInstalled
    ? "./node_modules/credlint/schema/credlint.config.schema.json"
    : "https://raw.githubusercontent.com/credlint/credlint/main/schema/credlint.config.schema.json";
  const config = {
    $schema: schema,
    // The defaults are the recommended settings: the file is where a team changes them, with the schema's help.
    rules: {},
    ignore: [],
  };
  return {
    name: "config",
    title: "write credlint.config.json (rule levels, ignores, allowed values; see docs/configuration.md)",
    ...(existing ? { skip: `${existing} exists` } : {}),
    run() {
      writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`, { flag: "wx" });
      return `wrote ${rel(d, file)}`;
    },
  };
}

function baselineStep(d: Detected, cwd: string): Step {
  const file = path.join(d.root, ".credlint-baseline.json");
  return {
    name: "baseline",
    title: "record today's findings in .credlint-baseline.json, so that only new ones fail from now on",
    ...(existsSync(file) ? { skip: ".credlint-baseline.json exists; credlint baseline --prune keeps it current" } : {}),
    run() {
      const { written } = writeBaselines({ cwd, paths: [d.root] }, false);
      const w = written[0];
      if (!w) return "no findings today: no baseline needed";
      // `w.file` is relative to the scan's root already.
      return `wrote ${w.file} with ${w.findings} finding${w.findings === 1 ? "" : "s"} (review them: credlint --no-baseline shows them)`;
    },
  };
}

/** The `repos:` entry of the pre-commit framework, at the list's own indentation. */
export function preCommitEntry(indent: string): string {
  const v = toolVersion();
  return [`${indent}- repo: https://github.com/credlint/credlint`, `${indent}  rev: v${v}`, `${indent}  hooks:`, `${indent}    - id: credlint-staged`, ""].join("\n");
}

/**
 * Inserts the credlint entry at the end of the top-level `repos:` block of a .pre-commit-config.yaml, as
 * text (comments and formatting stay as they are). Undefined when the file has no block `repos:` list.
 */
export function insertPreCommitRepo(text: string): string | undefined {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => /^repos:\s*(#.*)?\r?$/.test(l));
  if (start === -1) return undefined;
  let end = lines.length;
  let indent: string | undefined;
  for (let i = start + 1; i < lines.length; i++) {
    const l = lines[i] ?? "";
    // The block ends at the next top-level key (a `- ` at column 0 is an item: YAML lets a list under a key start there).
    if (/^[^\s#-]/.test(l)) {
      end = i;
      break;
    }
    const item = /^(\s*)- /.exec(l);
    if (item && indent === undefined) indent = item[1];
  }
  // Back over trailing blank lines and comments, so the entry follows the last item.
  while (end > start + 1 && /^\s*(#.*)?\r?$/.test(lines[end - 1] ?? "")) end--;
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const entry = preCommitEntry(indent ?? "  ").replace(/\n/g, eol).replace(new RegExp(`${eol}$`), "");
  return [...lines.slice(0, end), ...entry.split(eol).map((l) => l.replace(/\r$/, "") + (eol === "\r\n" ? "\r" : "")), ...lines.slice(end)].join("\n");
}

function hookStep(d: Detected, cwd: string): Step {
  if (!d.git) return { name: "pre-commit hook", title: "add the pre-commit hook", skip: "not a git repository", run: () => "" };
  if (d.preCommit) {
    const file = path.join(d.root, ".pre-commit-config.yaml");
    const text = readText(file) ?? "";
    const done = /credlint\/credlint|\bid:\s*credlint\b/.test(text);
    return {
      name: "pre-commit hook",
      title: "add the credlint-staged hook to .pre-commit-config.yaml (then run: pre-commit install)",
      ...(done ? { skip: ".pre-commit-config.yaml already runs credlint" } : {}),
      run() {
        const next = insertPreCommitRepo(text);
        if (next === undefined) throw new UsageError(".pre-commit-config.yaml has no block `repos:` list; add the credlint repo to it yourself (see README, pre-commit).");
        writeFileAtomic(file, next);
        return `added credlint to ${rel(d, file)}`;
      },
    };
  }
  if (d.husky) {
    const file = path.join(d.root, ".husky", "pre-commit");
    const text = readText(file);
    const done = text !== undefined && /credlint/.test(text);
    return {
      name: "pre-commit hook",
      title: "add `npx credlint --staged` to .husky/pre-commit",
      ...(done ? { skip: ".husky/pre-commit already runs credlint" } : {}),
      run() {
        appendTo(file, `${text === undefined ? "#!/bin/sh\n" : ""}npx --no-install credlint --staged\n`, text === undefined ? 0o755 : undefined);
        return `added credlint to ${rel(d, file)}`;
      },
    };
  }
  const hooks = path.join(d.root, ".git", "hooks", "pre-commit");
  const done = (readText(hooks) ?? "").includes(HOOK_MARKER);
  return {
    name: "pre-commit hook",
    title: "add `credlint --staged` to the git pre-commit hook (.git/hooks/pre-commit)",
    ...(done ? { skip: "the git pre-commit hook already runs credlint" } : {}),
    run: () => installHook(cwd),
  };
}

/** The GitHub Actions workflow of the README: the Action, then the SARIF upload to code scanning. */
export function githubWorkflow(): string {
  const v = toolVersion();
  return `# credlint: credential mistakes and hard-coded keys, reported in code scanning (written by credlint init).
name: credlint
on:
  push:
    branches: [main]
  pull_request:
permissions:
  contents: read
jobs:
  credlint:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      security-events: write # upload-sarif needs it
      actions: read # upload-sarif needs it too in a private repository
    steps:
      - uses: actions/checkout@v5
      - id: credlint
        uses: credlint/credlint@v${v}
        with:
          fail-on: error # error (default), warning, note or never
      - name: Upload to code scanning
        uses: github/codeql-action/upload-sarif@v4
        # Also when credlint failed the step; not for pull requests from forks, whose token cannot write
        # security events.
        if: \${{ !cancelled() && steps.credlint.outputs.sarif-file != '' && (github.event_name != 'pull_request' || github.event.pull_request.head.repo.full_name == github.repository) }}
        with:
          sarif_file: \${{ steps.credlint.outputs.sarif-file }}
`;
}

export function gitlabJob(): string {
  return `
# credlint: credential mistakes and hard-coded keys (written by credlint init).
credlint:
  image: node:20
  needs: []
  script:
    - npx --yes credlint@${toolVersion()} .
`;
}

function workflowsMentioning(dir: string, what: RegExp): string | undefined {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return undefined;
  }
  return names.find((n) => /\.ya?ml$/.test(n) && what.test(readText(path.join(dir, n)) ?? ""));
}

function ciStep(d: Detected): Step {
  if (d.github || !d.gitlab) {
    const dir = path.join(d.root, ".github", "workflows");
    const file = path.join(dir, "credlint.yml");
    const existing = workflowsMentioning(dir, /credlint\/credlint@|\bcredlint\b.*--format[ =]sarif/);
    const skip = existing
      ? `.github/workflows/${existing} already runs credlint`
      : existsSync(file)
        ? ".github/workflows/credlint.yml exists and is not written over"
        : !d.github
          ? "no CI found: no .github/ folder, no .gitlab-ci.yml, no GitHub or GitLab remote"
          : undefined;
    return {
      name: "CI",
      title: "write .github/workflows/credlint.yml (the credlint Action + SARIF upload to code scanning)",
      ...(skip ? { skip } : {}),
      run() {
        mkdirSync(dir, { recursive: true });
        writeFileSync(file, githubWorkflow(), { flag: "wx" });
        return `wrote ${rel(d, file)}`;
      },
    };
  }
  const file = path.join(d.root, ".gitlab-ci.yml");
  const done = /^credlint:/m.test(readText(file) ?? "");
  return {
    name: "CI",
    title: "add a credlint job to .gitlab-ci.yml",
    ...(done ? { skip: ".gitlab-ci.yml already has a credlint job" } : {}),
    run() {
      appendTo(file, gitlabJob());
      return `added a credlint job to ${rel(d, file)}`;
    },
  };
}

const ESLINT_IMPORT_ESM = 'import credlint from "credlint/eslint-plugin";';
const ESLINT_IMPORT_CJS = 'const credlint = require("credlint/eslint-plugin");';
const ESLINT_ENTRY = "credlint.configs.recommended";

/**
 * Adds the plugin to an ESLint flat config, as text: the import after the last import (or at the top), and
 * `credlint.configs.recommended,` as the first entry of the exported array — for the usual shapes
 * (`export default [`, `export default defineConfig([`, `export default tseslint.config(`,
 * `module.exports = [`). Undefined when the file has another shape: then the lines are printed instead.
 */
export function insertEslintConfig(text: string): string | undefined {
  const cjs = /module\.exports\s*=/.test(text) && !/^\s*export\s+default\b/m.test(text);
  const opening = cjs
    ? /module\.exports\s*=\s*(?:\[|(?:[\w.]+\.)?(?:defineConfig|config)\((?:\s*\[)?)/.exec(text)
    : /export\s+default\s+(?:\[|(?:[\w.]+\.)?(?:defineConfig|config)\((?:\s*\[)?)/.exec(text);
  if (!opening) return undefined;
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const at = opening.index + opening[0].length;
  // Before the first entry, at its indentation (or inline when the entries start on the opening line).
  const rest = text.slice(at);
  const space = /^\s*/.exec(rest)?.[0] ?? "";
  const nl = Math.max(space.lastIndexOf("\n"), -1);
  const entry = nl >= 0 ? `${space}${ESLINT_ENTRY},${eol}${space.slice(nl + 1)}` : `${space}${ESLINT_ENTRY}, `;
  const withEntry = `${text.slice(0, at)}${entry}${rest.slice(space.length)}`;
  const importLine = cjs ? ESLINT_IMPORT_CJS : ESLINT_IMPORT_ESM;
  const imports = [...withEntry.matchAll(cjs ? /^(?:const|let|var)\s[^\n]*require\([^\n]*\)[^\n]*$/gm : /^import\s[^;]*;[ \t]*$/gm)];
  const last = imports.at(-1);
  if (!last) return `${importLine}${eol}${withEntry}`;
  const end = last.index + last[0].length;
  return `${withEntry.slice(0, end)}${eol}${importLine}${withEntry.slice(end)}`;
}

function eslintStep(d: Detected): Step & { readonly manual?: string } {
  if (!d.eslintConfig) return { name: "ESLint", title: "add credlint to the ESLint config", skip: "no ESLint flat config: no eslint.config.* file", run: () => "" };
  const file = path.join(d.root, d.eslintConfig);
  const text = readText(file) ?? "";
  const done = /credlint\/eslint-plugin/.test(text);
  return {
    name: "ESLint",
    title: `add credlint.configs.recommended to ${d.eslintConfig} (SDK-call findings in the editor)`,
    ...(done ? { skip: `${d.eslintConfig} already uses credlint` } : {}),
    run() {
      const next = insertEslintConfig(text);
      if (next === undefined) {
        return `${d.eslintConfig} has a shape init does not edit; add these lines yourself:\n    ${/module\.exports/.test(text) ? ESLINT_IMPORT_CJS : ESLINT_IMPORT_ESM}\n    ${ESLINT_ENTRY}, // first entry of the exported config array`;
      }
      writeFileAtomic(file, next);
      return `added credlint to ${d.eslintConfig}${d.credlintInstalled ? "" : " (install it: npm install --save-dev credlint)"}`;
    },
  };
}

/** The steps for a repository, in the order they run (the baseline reads the config the first step writes). */
export function plan(d: Detected, cwd: string): Step[] {
  return [configStep(d), baselineStep(d, cwd), hookStep(d, cwd), ciStep(d), eslintStep(d)];
}

function describe(d: Detected): string {
  const uses = [
    d.git ? "git" : "no git",
    d.preCommit ? "pre-commit" : d.husky ? "Husky" : undefined,
    d.github ? "GitHub Actions" : undefined,
    d.gitlab ? "GitLab CI" : undefined,
    d.typescript ? "TypeScript" : undefined,
    d.eslintConfig ? `ESLint (${d.eslintConfig})` : undefined,
  ].filter(Boolean);
  return `credlint init in ${d.root}: found ${uses.join(", ")}.\n`;
}

export function runInit(options: InitOptions, io: InitIo): void {
  const d = detect(io.cwd);
  if (!statSync(d.root).isDirectory()) throw new UsageError(`${d.root} is not a folder.`);
  io.write(describe(d));
  const steps = plan(d, io.cwd);
  const todo = steps.filter((s) => s.skip === undefined);
  for (const s of steps) if (s.skip !== undefined) io.write(`  · ${s.name}: nothing to do (${s.skip}).\n`);
  if (todo.length === 0) {
    io.write("credlint is set up: nothing changed.\n");
    return;
  }
  const interactive = !options.yes && !options.dryRun && io.ask !== undefined;
  if (!options.yes && !interactive) {
    io.write(`\nWould do:\n${todo.map((s) => `  - ${s.title}`).join("\n")}\nNothing changed: run credlint init on a terminal to choose, or credlint init --yes to do all of it.\n`);
    return;
  }
  let changed = 0;
  for (const s of todo) {
    if (interactive && !io.ask?.(`${s.title.charAt(0).toUpperCase()}${s.title.slice(1)}?`)) {
      io.write("  skipped.\n");
      continue;
    }
    io.write(`  ✔ ${s.run()}\n`);
    changed++;
  }
  io.write(changed === 0 ? "Nothing changed.\n" : "Done. Run credlint init again at any time: it changes only what is missing.\n");
}
