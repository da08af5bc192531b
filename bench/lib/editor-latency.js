// Editor latency: what linting one file costs once ESLint and the plugin are warm, as an editor's ESLint
// server lints on every change. Runs in a process of its own (node bench/lib/editor-latency.js REPO RUNS):
// one ESLint instance with the plugin's all-files config (and the TypeScript parser for .ts), and for each
// kind of file a sample from the repository, linted with `lintText` (the editor's buffer) WARMUP times
// unrecorded, then RUNS times, each time with a changed line (a keystroke), timed one by one. Prints JSON:
// { kind: { file, medianMs, p95Ms, samples } }.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { median } from "./measure.js";

const [repo, runsText] = process.argv.slice(2);
const RUNS = Number(runsText ?? 20);
const WARMUP = 3;
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const require = createRequire(path.join(ROOT, "package.json"));
const { ESLint } = await import(pathToFileURL(require.resolve("eslint")).href);
const tsParser = (await import(pathToFileURL(require.resolve("@typescript-eslint/parser")).href)).default;
const credlint = (await import(pathToFileURL(path.join(ROOT, "dist/eslint-plugin.mjs")).href)).default;

const eslint = new ESLint({
  cwd: repo,
  overrideConfigFile: true,
  overrideConfig: [...credlint.configs["all-files"], { files: ["**/*.ts"], languageOptions: { parser: tsParser } }],
});

/** One file of each kind the generated repository has (the first in git's order). */
const SAMPLES = {
  "aws-config": /(^|\/)\.aws\/config$/,
  dotenv: /(^|\/)\.env$/,
  "github-workflow": /\.github\/workflows\/[^/]+\.ya?ml$/,
  "gitlab-ci": /(^|\/)\.gitlab-ci\.yml$/,
  dockerfile: /(^|\/)Dockerfile$/,
  "typescript (SDK calls)": /\.ts$/,
};
const { execFileSync } = await import("node:child_process");
const files = execFileSync("git", ["ls-files"], { cwd: repo, encoding: "utf8" }).split("\n").filter(Boolean);

/** The 95th percentile (the median is the bench's own, measure.js). */
const p95 = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(0.95 * s.length))];
};

const out = {};
for (const [kind, re] of Object.entries(SAMPLES)) {
  const file = files.find((f) => re.test(f) && (kind !== "typescript (SDK calls)" || readFileSync(path.join(repo, f), "utf8").includes("@aws-sdk/")));
  if (!file) continue;
  const text = readFileSync(path.join(repo, file), "utf8");
  const filePath = path.join(repo, file);
  const comment = kind.startsWith("typescript") ? "//" : "#";
  const samples = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const edited = `${text}${text.endsWith("\n") ? "" : "\n"}${comment} edit ${i}\n`;
    const t = performance.now();
    const [result] = await eslint.lintText(edited, { filePath });
    const ms = performance.now() - t;
    if (result?.messages.some((m) => m.fatal)) throw new Error(`${file}: ${result.messages.find((m) => m.fatal)?.message}`);
    if (i >= WARMUP) samples.push(ms);
  }
  out[kind] = { file, medianMs: median(samples), p95Ms: p95(samples), samples };
}
process.stdout.write(`${JSON.stringify(out)}\n`);
