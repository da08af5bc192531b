// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/**
 * The pipeline's import boundaries (README "Architecture"): a stage imports only from stages to its left,
 * plus model/ and knowledge/; knowledge/ imports nothing of the project; rules/ only model/ and knowledge/;
 * the three entry points (cli, action, eslint) share code through lint/, never through each other.
 */
const STAGES = ["knowledge", "model", "config", "formats", "secrets", "scan", "filter", "fix", "report", "lint", "cli", "action", "eslint"];
const ALLOWED = {
  knowledge: [],
  model: ["knowledge"],
  config: ["model", "knowledge", "formats"],
  formats: ["model", "knowledge"],
  secrets: ["model", "knowledge"],
  scan: ["model", "knowledge", "config", "formats", "secrets"],
  filter: ["model", "knowledge", "secrets"],
  fix: ["model", "knowledge"],
  report: ["model", "knowledge", "scan"],
  lint: ["model", "knowledge", "config", "formats", "secrets", "scan", "filter", "fix", "report", "rules"],
  cli: ["model", "knowledge", "config", "scan", "filter", "fix", "report", "lint", "rules"],
  action: ["model", "knowledge", "report", "lint", "secrets"],
  eslint: ["model", "knowledge", "lint", "rules"],
};

function boundary(stage) {
  const forbidden = [...STAGES, "rules"].filter((s) => s !== stage && !ALLOWED[stage].includes(s));
  const group = forbidden.flatMap((s) => (s === "rules" ? ["../../rules/*", "../../rules"] : [`../${s}/*`, `../../src/${s}/*`]));
  return {
    files: [`src/${stage}/**/*.ts`],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group, message: `src/${stage}/ may import only from ${ALLOWED[stage].join(", ") || "itself"} (see the README's architecture section).` }] }],
    },
  };
}

export default tseslint.config(
  { ignores: ["build/**", "dist/**", "node_modules/**", "fixtures/**", "coverage/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "separate-type-imports" }],
      "@typescript-eslint/no-non-null-assertion": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "off",
    },
  },
  ...STAGES.map(boundary),
  {
    files: ["rules/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: STAGES.filter((s) => s !== "model" && s !== "knowledge").map((s) => `../src/${s}/*`), message: "rules/ may import only from src/model and src/knowledge." }] },
      ],
    },
  },
  {
    files: ["bench/**/*.js", "scripts/**/*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
  },
  {
    // The CLI's loader is CommonJS (bin/package.json; V8 caches scripts, not ES modules), and keeps the
    // bin path it always had: npx's cache of a local package keeps its old bin link across upgrades.
    files: ["bin/**/*.js"],
    languageOptions: { sourceType: "commonjs", globals: { process: "readonly", require: "readonly", __dirname: "readonly", __filename: "readonly", Buffer: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
