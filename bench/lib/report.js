// Output: a table per case and the list of targets on stdout; everything, samples included, in a JSON file.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

const int = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const one = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

function fmt(n, f = int) {
  return n == null ? "–" : f.format(n);
}

function times(x) {
  return x == null ? "–" : `${x.toFixed(2)}×`;
}

function size(bytes) {
  return `${one.format(bytes / 2 ** 20)} MiB`;
}

function describeInput(input) {
  if (!input) return "";
  if (input.single) return `${fmt(input.single.files)} and ${fmt(input.doubled.files)} files, ${size(input.single.bytes)} and ${size(input.doubled.bytes)}`;
  const parts = [];
  if (input.repositories) parts.push(`${input.repositories} ${input.repositories === 1 ? "repository" : "repositories"}`);
  if (input.files != null) parts.push(`${fmt(input.files)} files`);
  if (input.bytes != null) parts.push(size(input.bytes));
  if (input.seed != null) parts.push(`seed ${input.seed}, digest ${input.digest}`);
  if (input.commit) parts.push(`commit ${input.commit.slice(0, 12)}`);
  return parts.join(", ");
}

/** Prints one table: a row per tool with its medians. */
function printTable(results, indent) {
  const rows = Object.values(results);
  const width = Math.max(24, ...rows.map((r) => r.label.length));
  console.log(`${indent}${"tool".padEnd(width)}  ${"wall ms".padStart(9)}  ${"CPU ms".padStart(9)}  ${"peak RSS MiB".padStart(12)}`);
  for (const r of rows) {
    if (r.error) console.log(`${indent}${r.label.padEnd(width)}  failed: ${r.error.split("\n")[0]}`);
    else console.log(`${indent}${r.label.padEnd(width)}  ${fmt(r.wallMs).padStart(9)}  ${fmt(r.cpuMs).padStart(9)}  ${fmt(r.rssMiB, one).padStart(12)}`);
  }
}

/** Prints a case's ratios, one line each: "credlint÷rg: wall 3.10×, CPU 4.02×, RSS 20.11×". */
function printRatios(ratios, indent) {
  for (const [name, r] of Object.entries(ratios ?? {})) {
    if (r.wall == null && r.cpu == null && r.rss == null) continue;
    console.log(`${indent}${name.replace("÷", " ÷ ")}: wall ${times(r.wall)}, CPU ${times(r.cpu)}, RSS ${times(r.rss)}`);
  }
}

export function printCase(c) {
  console.log(`\n== ${c.id}: ${c.title}`);
  if (c.skipped) {
    console.log(`   skipped: ${c.skipped}`);
    return;
  }
  console.log(`   ${describeInput(c.input)}; median of ${c.runs} run(s) after ${c.warmup} warm-up`);
  const repos = c.repositories ?? [];
  if (repos.length === 1) console.log(`   -- ${repos[0].name}: ${describeInput(repos[0].input)}`);
  for (const repo of repos.length > 1 ? repos : []) {
    console.log(`   -- ${repo.name}: ${describeInput(repo.input)}`);
    printTable(repo.results, "      ");
    printRatios(repo.ratios, "      ");
  }
  if (repos.length > 1) console.log("   -- total (sum of the medians; peak RSS: the largest)");
  printTable(c.results, "   ");
  printRatios(c.ratios, "   ");
}

function limitText(t) {
  if (t.op === "between") return `${t.limit[0]}–${t.limit[1]}`;
  return `${t.op === "<=" ? "≤" : "≥"} ${t.limit}`;
}

export function printTargets(targets) {
  console.log("\n== targets (ratios within this run; RSS in MiB; editor latency in ms)");
  for (const t of targets) {
    const status = t.met === null ? "n/a " : t.met ? "ok  " : "MISS";
    const value = t.value == null ? "not measured" : t.label.endsWith("MiB") ? one.format(t.value) : t.label.includes(" ms") ? `${one.format(t.value)} ms` : times(t.value);
    console.log(`   ${status} ${t.label}: ${value} (target ${limitText(t)})`);
  }
  const missed = targets.filter((t) => t.met === false);
  console.log(missed.length === 0 ? "   all measured targets met" : `   ${missed.length} target(s) missed: ${missed.map((t) => t.label).join("; ")}`);
}

export function printNotes(notes) {
  if (notes.length === 0) return;
  console.log("\n== notes");
  for (const n of notes) console.log(`   - ${n}`);
}

export function writeJson(file, data) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(data, null, 2) + "\n");
}
