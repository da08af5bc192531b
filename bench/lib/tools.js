// The commands the bench compares, and how each is found or installed. A tool is
// `{ name, label, cmd, args, cwd, okCodes }`; a missing reference tool is skipped with a note, never fatal.
//
// Every child inherits the bench's environment unchanged, so settings such as CREDLINT_WORKERS or
// CREDLINT_REGEX_ENGINE apply to the credlint runs as they would to a user's.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const CLI = path.join(ROOT, "bin/credlint.js");
const NODE = process.execPath;
const OK = [0, 1];

/**
 * The ripgrep pattern set that stands for "the same job" as credlint's secret rules: the shapes credlint's
 * hardcoded-* rules look for, plus the generic assignment that hardcoded-secret starts from. It is a lower
 * bound: credlint also parses INI, YAML, dotenv and code, and checks what it finds.
 */
export const RG_PATTERNS = [
  { what: "AWS access key id", re: String.raw`\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16}\b` },
  { what: "AWS secret access key, assigned", re: String.raw`(?i)aws_?secret_?access_?key\s*[:=]\s*["']?[A-Za-z0-9/+]{40}` },
  { what: "PEM or OpenSSH private key header", re: String.raw`-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----` },
  { what: "GitHub token (classic)", re: String.raw`\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\b` },
  { what: "GitHub fine-grained token", re: String.raw`\bgithub_pat_[A-Za-z0-9_]{82}\b` },
  { what: "Google API key", re: String.raw`\bAIza[0-9A-Za-z_-]{35}\b` },
  { what: "GCP service-account key file", re: String.raw`"type"\s*:\s*"service_account"` },
  { what: "Azure storage account key", re: String.raw`(?i)AccountKey=[A-Za-z0-9+/]{86}==` },
  { what: "generic assignment", re: String.raw`(?i)(password|secret|token|api_key)\s*[:=]` },
];

/** `rg` flags chosen to see the files credlint sees: dotfiles, .gitignore honoured, .git and big files skipped. */
const RG_FLAGS = ["--hidden", "--glob", "!.git", "--no-require-git", "--max-filesize", "2M", "--no-messages", "--line-number", "--no-heading"];

export const SECRETLINT_PACKAGES = ["secretlint@^13", "@secretlint/secretlint-rule-preset-recommend@^13"];
export const SECRETLINT_CACHE = path.join(ROOT, "bench/.cache/secretlint");
const SECRETLINT_RC = { rules: [{ id: "@secretlint/secretlint-rule-preset-recommend" }] };

function firstLine(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim().split("\n")[0] : undefined;
}

function packageVersion(dir) {
  try {
    return JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")).version;
  } catch {
    return undefined;
  }
}

export const tools = {
  credlintScan: (cwd, name = "credlint", label = "credlint --format sarif") => ({
    name,
    label,
    cmd: NODE,
    args: [CLI, "--format", "sarif", "-o", "/dev/null", "."],
    cwd,
    okCodes: OK,
  }),
  credlintStaged: (cwd) => ({ name: "credlint", label: "credlint --staged", cmd: NODE, args: [CLI, "--staged"], cwd, okCodes: OK }),
  node: (cwd) => ({ name: "node", label: "node -e 0", cmd: NODE, args: ["-e", "0"], cwd, okCodes: [0] }),
  rg: (cwd) => ({ name: "rg", label: "rg (pattern set)", cmd: "rg", args: [...RG_FLAGS, ...RG_PATTERNS.flatMap((p) => ["-e", p.re]), "."], cwd, okCodes: OK }),
  secretlint: (cwd, sl) => ({
    name: "secretlint",
    label: "secretlint (recommend)",
    cmd: NODE,
    args: [sl.bin, "**/*", "--secretlintrc", sl.rc, "--no-color", "--no-terminalLink"],
    cwd,
    okCodes: OK,
  }),
  eslint: (cwd, config, name, label) => ({
    name,
    label,
    cmd: NODE,
    args: [path.join(ROOT, "node_modules/eslint/bin/eslint.js"), "--config", config, "."],
    cwd,
    okCodes: OK,
  }),
};

/** Versions for the results file; undefined where a tool is missing. */
export function versions() {
  return {
    credlint: firstLine(NODE, [CLI, "--version"]),
    node: process.version,
    git: firstLine("git", ["--version"]),
    rg: firstLine("rg", ["--version"]),
    eslint: packageVersion(path.join(ROOT, "node_modules/eslint")),
    "@typescript-eslint/parser": packageVersion(path.join(ROOT, "node_modules/@typescript-eslint/parser")),
  };
}

export function hasRg() {
  return firstLine("rg", ["--version"]) !== undefined;
}

/**
 * secretlint and its recommended preset, installed on first use into bench/.cache/secretlint (gitignored;
 * not a project dependency), with a .secretlintrc.json written to `scratch`. Returns
 * `{ bin, rc, version }`, or `{ note }` when it cannot be installed (offline, no npm).
 */
export function secretlint(scratch, log) {
  const bin = path.join(SECRETLINT_CACHE, "node_modules/secretlint/bin/secretlint.js");
  if (!existsSync(bin)) {
    log(`installing ${SECRETLINT_PACKAGES.join(" ")} into ${path.relative(ROOT, SECRETLINT_CACHE)} …`);
    mkdirSync(SECRETLINT_CACHE, { recursive: true });
    const r = spawnSync("npm", ["install", "--prefix", SECRETLINT_CACHE, "--no-audit", "--no-fund", "--loglevel=error", ...SECRETLINT_PACKAGES], {
      encoding: "utf8",
      timeout: 5 * 60 * 1000,
    });
    if (r.status !== 0 || !existsSync(bin)) {
      const lines = String(r.stderr ?? "").split("\n").filter((l) => l.trim() !== "" && !l.includes("complete log"));
      const why = r.error?.message ?? (lines.find((l) => /code|network|ENOTFOUND|ECONN|E\d{3}/.test(l)) || lines[0] || `exit ${r.status}`);
      return { note: `secretlint column skipped: npm install failed (${why}).` };
    }
  }
  const rc = path.join(scratch, ".secretlintrc.json");
  writeFileSync(rc, JSON.stringify(SECRETLINT_RC, null, 2) + "\n");
  const modules = path.join(SECRETLINT_CACHE, "node_modules");
  const version = `${packageVersion(path.join(modules, "secretlint"))} (preset-recommend ${packageVersion(path.join(modules, "@secretlint/secretlint-rule-preset-recommend"))})`;
  return { bin, rc, version };
}

/**
 * ESLint configs for the TypeScript project: the parser alone, and the parser plus credlint's recommended
 * config (`credlint/eslint-plugin`, i.e. dist/eslint-plugin.mjs). Both are imported by absolute URL, so the
 * project can live in a temporary folder. Returns `{ base, credlint }` paths, or `{ note }`.
 */
export function eslintConfigs(dir) {
  if (!existsSync(path.join(ROOT, "node_modules/eslint/bin/eslint.js"))) return { note: "ESLint case skipped: eslint is not installed (npm ci)." };
  let parser;
  try {
    parser = pathToFileURL(createRequire(path.join(ROOT, "package.json")).resolve("@typescript-eslint/parser")).href;
  } catch {
    return { note: "ESLint case skipped: @typescript-eslint/parser is not installed (npm ci)." };
  }
  const plugin = pathToFileURL(path.join(ROOT, "dist/eslint-plugin.mjs")).href;
  // The reference is what a TypeScript project runs anyway: ESLint's recommended rules with the TS parser.
  // (With no rule at all ESLint skips scope analysis and traversal, which any one rule brings back: that is
  // ESLint's cost of linting, not the plugin's.)
  let js;
  try {
    js = pathToFileURL(createRequire(path.join(ROOT, "package.json")).resolve("@eslint/js")).href;
  } catch {
    return { note: "ESLint case skipped: @eslint/js is not installed (npm ci)." };
  }
  const common = `  { ignores: ["eslint.*.config.mjs"] },\n  { files: ["**/*.ts"], languageOptions: { parser: tsParser } },\n  { files: ["**/*.ts"], ...js.configs.recommended },\n`;
  const base = path.join(dir, "eslint.base.config.mjs");
  const withCredlint = path.join(dir, "eslint.credlint.config.mjs");
  writeFileSync(base, `import tsParser from ${JSON.stringify(parser)};\nimport js from ${JSON.stringify(js)};\n\nexport default [\n${common}];\n`);
  writeFileSync(
    withCredlint,
    `import tsParser from ${JSON.stringify(parser)};\nimport js from ${JSON.stringify(js)};\nimport credlint from ${JSON.stringify(plugin)};\n\nexport default [\n${common}  credlint.configs.recommended,\n];\n`,
  );
  return { base, credlint: withCredlint };
}
