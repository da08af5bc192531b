// Whole-process measurements. Wall time is a monotonic clock around the process (GNU time's %e has only 10 ms
// resolution); CPU (user + system, children included) comes from GNU time (`/usr/bin/time -f '%e %U %S %M'
// -o FILE`, Debian package `time`). Peak RSS is the process tree's: on Linux the sum over the command and its
// descendants, sampled every 10 ms (./tree-rss.js), and never less than GNU time's %M (the largest single
// process of the tree, which is all GNU time sees); elsewhere %M alone. Without GNU time, wall time only.
//
// Tools are run interleaved — warm-up rounds first, then every tool once per round — so that machine noise
// hits all of them alike; each figure is the median over the rounds.
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const GNU_TIME = "/usr/bin/time";
const FORMAT = "%e %U %S %M";
const TIMEOUT_MS = 60 * 60 * 1000;
const TREE_RSS = path.join(path.dirname(fileURLToPath(import.meta.url)), "tree-rss.js");
const CAN_SAMPLE_TREE = existsSync("/proc/self/status") && process.env.BENCH_TREE_RSS !== "0";

/** True when GNU time is installed and prints the format the bench parses. */
export function hasGnuTime() {
  if (!existsSync(GNU_TIME)) return false;
  const r = spawnSync(GNU_TIME, ["-f", FORMAT, "true"], { encoding: "utf8" });
  return r.status === 0 && parseTime(r.stderr) !== undefined;
}

/** Parses GNU time's last line ("1.23 0.98 0.12 51234"); earlier lines may say "Command exited with …". */
function parseTime(text) {
  const last = text.trim().split("\n").pop() ?? "";
  const m = /^([\d.]+) ([\d.]+) ([\d.]+) (\d+)$/.exec(last.trim());
  if (!m) return undefined;
  return { cpuMs: (Number(m[2]) + Number(m[3])) * 1000, rssMiB: Number(m[4]) / 1024 };
}

function tail(text, lines = 5) {
  return String(text ?? "").trim().split("\n").slice(-lines).join("\n");
}

/**
 * Runs one tool once: `{ wallMs, cpuMs, rssMiB }` (the last two null without GNU time). stdout goes to a
 * scratch file, so that no tool can shortcut its output to /dev/null. Throws on an unexpected exit code.
 */
export function runOnce(tool, { timing, scratch }) {
  const timeFile = path.join(scratch, "time.txt");
  const out = openSync(path.join(scratch, `${tool.name}.stdout`), "w");
  const treeFile = path.join(scratch, "tree.json");
  let [cmd, args] = timing ? [GNU_TIME, ["-f", FORMAT, "-o", timeFile, tool.cmd, ...tool.args]] : [tool.cmd, tool.args];
  const tree = timing && CAN_SAMPLE_TREE;
  if (tree) [cmd, args] = [process.execPath, [TREE_RSS, treeFile, "--", cmd, ...args]];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: tool.cwd, stdio: ["ignore", out, "pipe"], maxBuffer: 1 << 28, timeout: TIMEOUT_MS });
  // With the sampler, its own clock around the command (its start-up is not the tool's).
  const sampled = tree ? JSON.parse(readFileSync(treeFile, "utf8")) : undefined;
  const wallMs = sampled?.wallMs ?? Number(process.hrtime.bigint() - t0) / 1e6;
  closeSync(out);
  if (r.error) throw r.error;
  if (!tool.okCodes.includes(r.status)) {
    throw new Error(`${tool.label} exited with ${r.status ?? r.signal}${r.stderr?.length ? `: ${tail(r.stderr)}` : ""}`);
  }
  if (!timing) return { wallMs, cpuMs: null, rssMiB: null };
  const t = parseTime(readFileSync(timeFile, "utf8"));
  if (!t) throw new Error(`${tool.label}: cannot read GNU time's output`);
  return { wallMs, cpuMs: t.cpuMs, rssMiB: Math.max(t.rssMiB, (sampled?.peakKiB ?? 0) / 1024) };
}

export function median(xs) {
  const s = xs.filter((x) => x !== null).sort((a, b) => a - b);
  if (s.length === 0) return null;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function summarise(tool, samples) {
  const pickAll = (key) => samples.map((s) => s[key]);
  return {
    label: tool.label,
    command: [tool.cmd, ...tool.args].join(" "),
    runs: samples.length,
    wallMs: median(pickAll("wallMs")),
    cpuMs: median(pickAll("cpuMs")),
    rssMiB: median(pickAll("rssMiB")),
    samples: { wallMs: pickAll("wallMs"), cpuMs: pickAll("cpuMs"), rssMiB: pickAll("rssMiB") },
  };
}

/**
 * Runs `tools` interleaved: `warmup` unrecorded rounds, then `runs` recorded ones. A tool that fails is
 * dropped from later rounds and reported as `{ label, error }`; the others go on.
 */
export function compare(tools, { runs, warmup, timing, scratch, progress }) {
  const samples = new Map(tools.map((t) => [t.name, []]));
  const errors = new Map();
  for (let round = -warmup; round < runs; round++) {
    for (const tool of tools) {
      if (errors.has(tool.name)) continue;
      try {
        const s = runOnce(tool, { timing, scratch });
        if (round >= 0) samples.get(tool.name).push(s);
      } catch (error) {
        errors.set(tool.name, error instanceof Error ? error.message : String(error));
      }
      progress?.();
    }
  }
  return Object.fromEntries(
    tools.map((t) => [t.name, errors.has(t.name) ? { label: t.label, error: errors.get(t.name) } : summarise(t, samples.get(t.name))]),
  );
}

/** `a ÷ b` for wall, CPU and RSS medians; null where either side is missing. */
export function ratios(a, b) {
  const div = (x, y) => (x == null || y == null || y === 0 ? null : x / y);
  return { wall: div(a?.wallMs, b?.wallMs), cpu: div(a?.cpuMs, b?.cpuMs), rss: div(a?.rssMiB, b?.rssMiB) };
}
