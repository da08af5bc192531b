#!/usr/bin/env node
// credlint's performance bench: whole processes, measured in one run on one machine against reference tools
// run interleaved with them, reported as medians and — what the targets are about — ratios. Absolute times
// differ between machines; ratios within one run mostly do not.
//
//   staged     credlint --staged on a 5-file commit vs node -e 0                        target ≤ 1.8×
//   generated  full scan (all rules, SARIF) of a generated ~5,000-file repository vs rg with an
//              equivalent pattern set, secretlint (recommended preset) and node -e 0
//              targets: ≤ 3× rg, ≥ 10× faster than secretlint, peak RSS ≤ 300 MiB
//   linearity  the generated repository vs two copies of it                  target 1.8–2.2×, both ≤ 300 MiB
//   eslint     ESLint on a generated TypeScript project, parser only vs + credlint plugin  target ≤ 1.10×
//   corpus     with --corpus DIR: the generated case's tools and targets on real repositories, per
//              repository and in total
//   eslint-project  with --eslint-project DIR: the eslint case on a real TypeScript project   target ≤ 1.10×
//
// Usage: npm run bench -- [--runs N] [--warmup N] [--corpus DIR] [--eslint-project DIR] [--only CASE[,CASE]] [--out FILE] [--check] [--keep]
// See bench/README.md. Writes bench/results/latest.json; exits 1 on a missed target only with --check.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import * as cases from "./lib/cases.js";
import { generatedRepo } from "./lib/generate.js";
import { hasGnuTime } from "./lib/measure.js";
import { printCase, printNotes, printTargets, writeJson } from "./lib/report.js";
import { hasRg, RG_PATTERNS, ROOT, secretlint, versions } from "./lib/tools.js";

const USAGE = `Usage: node bench/run.js [options]
  --runs N         recorded runs per tool (default: 15 for staged, 5 for the others)
  --warmup N       unrecorded warm-up runs per tool (default: 1)
  --corpus DIR     also scan real repositories: DIR itself if it has a .git, else each subfolder
  --eslint-project DIR
                   also run the ESLint case on a real TypeScript project (config files are written
                   into DIR for the run and removed after)
  --only CASES     comma-separated, from: ${cases.CASES.join(", ")}
  --out FILE       results file (default: bench/results/latest.json)
  --check          exit 1 when a target is missed
  --keep           keep the generated repositories (their folder is printed)`;

function options() {
  const { values } = parseArgs({
    options: {
      runs: { type: "string" },
      warmup: { type: "string", default: "1" },
      corpus: { type: "string" },
      "eslint-project": { type: "string" },
      only: { type: "string" },
      out: { type: "string", default: path.join(ROOT, "bench/results/latest.json") },
      check: { type: "boolean", default: false },
      keep: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const count = (name, text) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 0 || (name === "runs" && n === 0)) throw new Error(`--${name} wants a whole number, got ${text}`);
    return n;
  };
  const runs = values.runs === undefined ? undefined : count("runs", values.runs);
  const only = values.only?.split(",").map((s) => s.trim()).filter(Boolean);
  for (const id of only ?? []) if (!cases.CASES.includes(id)) throw new Error(`--only ${id}: unknown case (${cases.CASES.join(", ")})`);
  if (only?.includes("corpus") && !values.corpus) throw new Error("--only corpus needs --corpus DIR");
  if (only?.includes("eslint-project") && !values["eslint-project"]) throw new Error("--only eslint-project needs --eslint-project DIR");
  return {
    runs: { staged: runs ?? 15, big: runs ?? 5 },
    warmup: count("warmup", values.warmup),
    corpus: values.corpus,
    eslintProject: values["eslint-project"] === undefined ? undefined : path.resolve(values["eslint-project"]),
    only: only ?? cases.CASES.filter((id) => (id !== "corpus" || values.corpus) && (id !== "eslint-project" || values["eslint-project"])),
    out: path.resolve(values.out),
    check: values.check,
    keep: values.keep,
  };
}

function log(message) {
  process.stderr.write(`${message}\n`);
}

/** Finds the reference tools the selected cases need; a missing one becomes a note and an empty column. */
function referenceTools(opts, scratch, notes) {
  const scans = opts.only.includes("generated") || opts.only.includes("corpus");
  if (!scans) return { rg: false, secretlint: null };
  const rg = hasRg();
  if (!rg) notes.push("rg not found on PATH (Debian: apt-get install ripgrep): its column is skipped.");
  const sl = secretlint(scratch, log);
  if (sl.note) notes.push(sl.note);
  return { rg, secretlint: sl.note ? null : sl };
}

function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? null,
    memoryMiB: Math.round(os.totalmem() / 2 ** 20),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    loadAverage: os.loadavg().map((x) => Number(x.toFixed(2))),
  };
}

/** Notes for every tool that failed in some case, so that a missing column is never silent. */
function failureNotes(done) {
  const notes = [];
  for (const c of done) {
    for (const scope of [c, ...(c.repositories ?? [])]) {
      const where = scope === c ? c.id : `${c.id}/${scope.name}`;
      for (const r of Object.values(scope.results ?? {})) {
        if (r.error && !r.error.startsWith("no total")) notes.push(`${where}: ${r.label} failed: ${r.error}`);
      }
    }
  }
  return notes;
}

function main() {
  const opts = options();
  const tmp = mkdtempSync(path.join(os.tmpdir(), "credlint-bench-"));
  const scratch = path.join(tmp, "scratch");
  mkdirSync(scratch);
  const notes = [];
  const host = machine();
  if (host.loadAverage[0] >= host.cpus / 2) {
    notes.push(`The machine was busy when the bench started (load average ${host.loadAverage[0]} on ${host.cpus} CPUs): ratios are noisier than on an idle machine.`);
  }
  const timing = hasGnuTime();
  if (!timing) notes.push("GNU time not found at /usr/bin/time (Debian: apt-get install time): wall time only, no CPU or peak RSS.");
  let generated;
  const ctx = {
    ...referenceTools(opts, scratch, notes),
    runs: opts.runs,
    warmup: opts.warmup,
    corpus: opts.corpus,
    eslintProject: opts.eslintProject,
    timing,
    scratch,
    log,
    progress: () => process.stderr.write("."),
    tempDir: (name) => path.join(tmp, name),
    generatedRepo: () => (generated ??= generatedRepo(path.join(tmp, "generated"))),
  };

  const done = [];
  for (const id of opts.only) {
    log(`\n${id} …`);
    let result;
    try {
      // A case id is its function's name, kebab-case (eslint-project → eslintProject).
      result = cases[id.replace(/-(\w)/g, (_, c) => c.toUpperCase())](ctx);
    } catch (error) {
      result = { id, title: "failed", skipped: error instanceof Error ? error.stack : String(error) };
    }
    process.stderr.write("\n");
    printCase(result);
    done.push(result);
  }

  const targets = done.flatMap((c) => c.targets ?? []);
  notes.push(...failureNotes(done));
  printTargets(targets);
  printNotes(notes);
  writeJson(opts.out, {
    date: new Date().toISOString(),
    command: ["node", "bench/run.js", ...process.argv.slice(2)].join(" "),
    machine: { ...host, loadAverageAtEnd: machine().loadAverage },
    tools: { ...versions(), secretlint: ctx.secretlint?.version ?? null, gnuTime: timing },
    env: { CREDLINT_WORKERS: process.env.CREDLINT_WORKERS ?? null, CREDLINT_REGEX_ENGINE: process.env.CREDLINT_REGEX_ENGINE ?? null },
    rgPatterns: RG_PATTERNS,
    cases: Object.fromEntries(done.map((c) => [c.id, c])),
    targets,
    missed: targets.filter((t) => t.met === false).map((t) => t.label),
    notes,
  });
  console.log(`\nresults: ${path.relative(process.cwd(), opts.out) || opts.out}`);
  if (opts.keep) console.log(`generated inputs kept in ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
  if (opts.check && targets.some((t) => t.met === false)) process.exitCode = 1;
}

try {
  main();
} catch (error) {
  console.error(`bench: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 2;
}
