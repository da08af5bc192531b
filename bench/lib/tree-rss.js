#!/usr/bin/env node
// Runs a command and records the peak memory of its whole process tree: the sum of the resident set sizes of
// the command and every process under it, sampled from /proc every 10 ms. GNU time's %M is the largest single
// process of the tree, which undercounts a tool that runs as two processes at once (credlint's full scans ran in
// a child Node until December 2026). Linux only (the bench falls back to GNU time elsewhere).
//
//   node bench/lib/tree-rss.js RESULT_FILE -- COMMAND [ARGS...]
//
// stdio is the command's; RESULT_FILE gets `{ wallMs, peakKiB }`; the exit code (or signal) is the command's.
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { clearInterval, setInterval } from "node:timers";

const [resultFile, dashes, cmd, ...args] = process.argv.slice(2);
if (!resultFile || dashes !== "--" || !cmd) {
  process.stderr.write("usage: tree-rss.js RESULT_FILE -- COMMAND [ARGS...]\n");
  process.exit(2);
}

/** The pid and every descendant, from the kernel's per-thread children lists. */
function tree(pid) {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    let tasks = [];
    try {
      tasks = readFileSync(`/proc/${out[i]}/task/${out[i]}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
    } catch {
      // the process is gone
    }
    for (const t of tasks) out.push(Number(t));
  }
  return out;
}

function rssKiB(pid) {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

const t0 = process.hrtime.bigint();
const child = spawn(cmd, args, { stdio: "inherit" });
let peakKiB = 0;
const sample = () => {
  if (child.pid === undefined) return;
  const sum = tree(child.pid).reduce((total, pid) => total + rssKiB(pid), 0);
  if (sum > peakKiB) peakKiB = sum;
};
const timer = setInterval(sample, 10);
child.on("error", (error) => {
  clearInterval(timer);
  process.stderr.write(`tree-rss: ${error.message}\n`);
  process.exit(2);
});
child.on("exit", (code, signal) => {
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  clearInterval(timer);
  writeFileSync(resultFile, JSON.stringify({ wallMs, peakKiB }));
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 2);
});
