// The bench's cases. Each returns `{ id, title, input, results, ratios, targets }`: per-tool medians, the
// ratios between tools of the same run, and the targets, which are ratios too (plus the 300 MiB
// memory ceiling), never absolute times.
import { spawnSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { compare, ratios } from "./measure.js";
import { generatedRepo, stagedRepo, tsProject } from "./generate.js";
import { eslintConfigs, tools } from "./tools.js";

export const CASES = ["staged", "generated", "linearity", "eslint", "eslint-project", "editor", "corpus"];
export const RSS_LIMIT_MIB = 300;

/** A target: `value op limit`, where op is "<=", ">=" or "between" (limit [lo, hi]); met is null if unmeasured. */
function target(label, value, op, limit) {
  let met = null;
  if (value != null) met = op === "<=" ? value <= limit : op === ">=" ? value >= limit : value >= limit[0] && value <= limit[1];
  return { label, value, op, limit, met };
}

function measure(ctx, toolList, runs) {
  return { runs, warmup: ctx.warmup, results: compare(toolList, { runs, warmup: ctx.warmup, timing: ctx.timing, scratch: ctx.scratch, progress: ctx.progress }) };
}

export function staged(ctx) {
  const repo = stagedRepo(ctx.tempDir("staged"));
  const m = measure(ctx, [tools.credlintStaged(repo.dir), tools.node(repo.dir)], ctx.runs.staged);
  const r = ratios(m.results.credlint, m.results.node);
  return {
    id: "staged",
    title: "credlint --staged on a 5-file commit vs node -e 0",
    input: { files: repo.files },
    ...m,
    ratios: { "credlint÷node": r },
    targets: [target("staged: credlint --staged ÷ node -e 0, wall", r.wall, "<=", 1.8)],
  };
}

function scanTools(dir, ctx) {
  return [tools.credlintScan(dir), ctx.rg && tools.rg(dir), ctx.secretlint && tools.secretlint(dir, ctx.secretlint), tools.node(dir)].filter(Boolean);
}

function scanRatios(results) {
  return {
    "credlint÷rg": ratios(results.credlint, results.rg),
    "credlint÷secretlint": ratios(results.credlint, results.secretlint),
    "credlint÷node": ratios(results.credlint, results.node),
  };
}

function scanTargets(where, results, maxRss) {
  return [
    target(`${where}: credlint ÷ rg, wall`, ratios(results.credlint, results.rg).wall, "<=", 3),
    target(`${where}: secretlint ÷ credlint, wall`, ratios(results.secretlint, results.credlint).wall, ">=", 10),
    target(`${where}: credlint peak RSS, MiB`, maxRss ?? results.credlint?.rssMiB ?? null, "<=", RSS_LIMIT_MIB),
  ];
}

export function generated(ctx) {
  const repo = ctx.generatedRepo();
  const m = measure(ctx, scanTools(repo.dir, ctx), ctx.runs.big);
  return {
    id: "generated",
    title: "full scan of the generated repository",
    input: inputOf(repo),
    ...m,
    ratios: scanRatios(m.results),
    targets: scanTargets("generated", m.results),
  };
}

export function linearity(ctx) {
  const single = ctx.generatedRepo();
  const doubled = generatedRepo(ctx.tempDir("doubled"), 2);
  const m = measure(
    ctx,
    [tools.credlintScan(single.dir, "single", "credlint, repository ×1"), tools.credlintScan(doubled.dir, "doubled", "credlint, repository ×2")],
    ctx.runs.big,
  );
  const r = ratios(m.results.doubled, m.results.single);
  return {
    id: "linearity",
    title: "credlint on the generated repository and on two copies of it",
    input: { single: inputOf(single), doubled: inputOf(doubled), bytesRatio: doubled.bytes / single.bytes },
    ...m,
    ratios: { "doubled÷single": r },
    targets: [
      target("linearity: doubled ÷ single, credlint wall", r.wall, "between", [1.8, 2.2]),
      target("linearity: credlint peak RSS ×1, MiB", m.results.single?.rssMiB ?? null, "<=", RSS_LIMIT_MIB),
      target("linearity: credlint peak RSS ×2, MiB", m.results.doubled?.rssMiB ?? null, "<=", RSS_LIMIT_MIB),
    ],
  };
}

function eslintOverhead(ctx, id, title, dir, input) {
  const configs = eslintConfigs(dir);
  if (configs.note) return { id, title: "ESLint overhead", skipped: configs.note };
  try {
    const m = measure(
      ctx,
      [tools.eslint(dir, configs.base, "eslint", "eslint (recommended, TS parser)"), tools.eslint(dir, configs.credlint, "eslintCredlint", "eslint + credlint recommended")],
      ctx.runs.big,
    );
    const r = ratios(m.results.eslintCredlint, m.results.eslint);
    return { id, title, input, ...m, ratios: { "withPlugin÷without": r }, targets: [target(`${id}: with credlint ÷ without, wall`, r.wall, "<=", 1.1)] };
  } finally {
    rmSync(configs.base, { force: true });
    rmSync(configs.credlint, { force: true });
  }
}

/** The generated project: every file creates SDK clients — the plugin's worst case, each file read in full. */
export function eslint(ctx) {
  const project = tsProject(ctx.tempDir("ts-project"));
  return eslintOverhead(ctx, "eslint", "ESLint on a generated TypeScript project (every file an SDK client), without and with the credlint plugin", project.dir, inputOf(project));
}

/** A real TypeScript project (`--eslint-project DIR`), where most files never touch a cloud SDK. */
export function eslintProject(ctx) {
  const dir = ctx.eslintProject;
  return eslintOverhead(ctx, "eslint-project", `ESLint on ${path.basename(dir)} (a real TypeScript project), without and with the credlint plugin`, dir, {
    name: path.basename(dir),
    files: countFiles(dir, /\.ts$/),
  });
}

/** The TypeScript files under `dir` that ESLint lints (node_modules and dot-folders left out). */
function countFiles(dir, pattern) {
  let n = 0;
  const stack = [dir];
  while (stack.length > 0) {
    const d = stack.pop();
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name === "node_modules" || e.name.startsWith(".")) continue;
      if (e.isDirectory()) stack.push(path.join(d, e.name));
      else if (e.isFile() && pattern.test(e.name)) n++;
    }
  }
  return n;
}

/** The budget for linting one changed file in an editor, after warm-up. */
export const EDITOR_BUDGET_MS = 50;

/**
 * Editor latency: one ESLint process kept warm, as an editor's ESLint server, linting one file of each kind
 * of the generated repository as it is edited (bench/lib/editor-latency.js). An absolute budget, as the
 * issue states it: per-keystroke latency is what a person feels, whatever the machine.
 */
export function editor(ctx) {
  // The same availability checks as the ESLint case (ESLint, the TS parser, @eslint/js installed).
  const configs = eslintConfigs(mkdirSync(ctx.tempDir("editor-configs"), { recursive: true }) ?? ctx.tempDir("editor-configs"));
  if (configs.note) return { id: "editor", title: "editor latency", skipped: configs.note };
  const repo = ctx.generatedRepo();
  const runs = Math.max(ctx.runs.big * 4, 10);
  const r = spawnSync(process.execPath, [path.join(path.dirname(new URL(import.meta.url).pathname), "editor-latency.js"), repo.dir, String(runs)], { encoding: "utf8", timeout: 600_000 });
  if (r.status !== 0) return { id: "editor", title: "editor latency", skipped: `editor latency failed: ${(r.stderr || "").split("\n")[0]}` };
  const kinds = JSON.parse(r.stdout);
  const results = Object.fromEntries(
    Object.entries(kinds).map(([kind, k]) => [kind, { label: `${kind} (p95 ${k.p95Ms.toFixed(0)} ms)`, wallMs: k.medianMs, cpuMs: null, rssMiB: null, file: k.file, p95Ms: k.p95Ms, samples: { wallMs: k.samples } }]),
  );
  const worst = Math.max(...Object.values(kinds).map((k) => k.medianMs));
  return {
    id: "editor",
    title: "ESLint + credlint all-files, one file linted per edit after warm-up (median per kind)",
    input: inputOf(repo),
    runs,
    warmup: 3,
    results,
    ratios: {},
    targets: [target("editor: one file after warm-up, median ms of the slowest kind", worst, "<=", EDITOR_BUDGET_MS)],
  };
}

export function corpus(ctx) {
  const repos = corpusRepos(ctx.corpus);
  const repositories = [];
  for (const dir of repos) {
    ctx.log(`corpus: ${path.basename(dir)}`);
    const m = measure(ctx, scanTools(dir, ctx), ctx.runs.big);
    repositories.push({ name: path.basename(dir), path: dir, input: describeRepo(dir), ...m, ratios: scanRatios(m.results) });
  }
  const total = sumResults(repositories);
  const rss = repositories.map((r) => r.results.credlint?.rssMiB).filter((x) => x != null);
  return {
    id: "corpus",
    title: `full scan of the corpus in ${ctx.corpus}`,
    input: {
      repositories: repositories.length,
      files: repositories.reduce((n, r) => n + r.input.files, 0),
      bytes: repositories.reduce((n, r) => n + r.input.bytes, 0),
    },
    runs: ctx.runs.big,
    warmup: ctx.warmup,
    repositories,
    results: total,
    ratios: scanRatios(total),
    targets: scanTargets("corpus (total)", total, rss.length === repositories.length ? Math.max(...rss) : null),
  };
}

/** Sums each tool's medians over the repositories; a tool that failed or was skipped anywhere has no total. */
function sumResults(repositories) {
  const names = Object.keys(repositories[0]?.results ?? {});
  const total = {};
  for (const name of names) {
    const all = repositories.map((r) => r.results[name]);
    const failed = all.find((x) => !x || x.error);
    if (failed) {
      total[name] = { label: all[0].label, error: `no total: ${failed?.error ?? "missing"}` };
      continue;
    }
    const sum = (key) => (all.some((x) => x[key] == null) ? null : all.reduce((n, x) => n + x[key], 0));
    total[name] = { label: all[0].label, wallMs: sum("wallMs"), cpuMs: sum("cpuMs"), rssMiB: Math.max(...all.map((x) => x.rssMiB ?? 0)) || null };
  }
  return total;
}

/** `DIR` is one repository when it has a .git, else each of its (non-hidden) subfolders is one. */
export function corpusRepos(dir) {
  const abs = path.resolve(dir);
  if (!existsSync(abs)) throw new Error(`--corpus ${dir}: no such folder`);
  if (existsSync(path.join(abs, ".git"))) return [abs];
  const subs = readdirSync(abs, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith("."))
    .map((e) => path.join(abs, e.name))
    .sort();
  return subs.length > 0 ? subs : [abs];
}

function inputOf(repo) {
  return Object.fromEntries(Object.entries(repo).filter(([key]) => key !== "dir"));
}

/** Files and bytes a scanner should read (git's list inside a work tree, else every file but .git), and the commit. */
function describeRepo(dir) {
  const ls = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: dir, encoding: "utf8", maxBuffer: 1 << 30 });
  const files = ls.status === 0 ? ls.stdout.split("\0").filter(Boolean).map((p) => path.join(dir, p)) : walk(dir);
  let bytes = 0;
  let count = 0;
  for (const f of files) {
    try {
      const st = lstatSync(f);
      if (!st.isFile()) continue;
      bytes += st.size;
      count++;
    } catch {
      // Listed by git but deleted in the work tree.
    }
  }
  const head = spawnSync("git", ["rev-parse", "HEAD"], { cwd: dir, encoding: "utf8" });
  return { files: count, bytes, commit: head.status === 0 ? head.stdout.trim() : null };
}

function walk(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === ".git") continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}
