/**
 * The ❌/✅ examples of a rule's docs page: parsed, run through the rule, and their output rendered.
 * Shared by scripts/generate.ts (which writes the output under each ❌ example) and the docs test (which
 * fails when an example does not behave as its heading says, or the written output is stale).
 *
 * Page convention: under `## Examples`, each `### ❌ …` or `### ✅ …` heading is one example; the fenced
 * code blocks under it, each with `title="path"` in the info string, are its files.
 */
import type { Finding } from "../src/model/finding.js";
import type { AnyRule } from "../src/model/rule.js";
import { scanVirtual } from "../src/scan/pipeline.js";

export interface DocExample {
  readonly kind: "incorrect" | "correct";
  readonly heading: string;
  readonly files: { path: string; text: string }[];
  /** Line index (0-based) just after the example's last code block. */
  readonly endLine: number;
}

export const OUTPUT_START = "<!-- credlint-output:start -->";
export const OUTPUT_END = "<!-- credlint-output:end -->";
/** Examples are scanned at a fixed time, so date-dependent rules render the same output every day. */
export const DOCS_NOW = new Date("2026-06-01T00:00:00Z");

export function parseExamples(markdown: string): DocExample[] {
  const lines = markdown.split("\n");
  const examples: DocExample[] = [];
  let current: { kind: DocExample["kind"]; heading: string; files: { path: string; text: string }[]; endLine: number } | undefined;
  let inExamples = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line.startsWith("## ")) {
      if (current) examples.push(current);
      current = undefined;
      inExamples = line.trim() === "## Examples";
      continue;
    }
    if (!inExamples) continue;
    const h = /^### (❌|✅)\s*(.*)$/.exec(line);
    if (h) {
      if (current) examples.push(current);
      current = { kind: h[1] === "❌" ? "incorrect" : "correct", heading: line.slice(4), files: [], endLine: i + 1 };
      continue;
    }
    const fence = /^```(\w+)?(?:\s+title="([^"]+)")?\s*$/.exec(line);
    if (fence && current && fence[2] !== undefined) {
      const body: string[] = [];
      let j = i + 1;
      while (j < lines.length && lines[j] !== "```") body.push(lines[j++] ?? "");
      current.files.push({ path: fence[2], text: body.join("\n") + "\n" });
      current.endLine = j + 1;
      i = j;
    } else if (fence && fence[2] === undefined && line.startsWith("```")) {
      // An untitled block (e.g. rendered output): skip over it.
      let j = i + 1;
      while (j < lines.length && lines[j] !== "```") j++;
      i = j;
    }
  }
  if (current) examples.push(current);
  return examples;
}

export function runExample(rule: AnyRule, example: DocExample): Finding[] {
  return scanVirtual(example.files, [rule], DOCS_NOW).filter((f) => f.ruleId === rule.meta.id);
}

export function renderOutput(findings: readonly Finding[]): string {
  return findings
    .map((f) => `${f.path}:${f.range.start.line}:${f.range.start.column}  ${f.severity}  ${f.message}  ${f.ruleId}`)
    .join("\n");
}

/** Rewrites the page with a fresh output block after every ❌ example. */
export function withOutputs(markdown: string, rule: AnyRule): string {
  const stripped = markdown.replace(new RegExp(`\\n${OUTPUT_START}[\\s\\S]*?${OUTPUT_END}\\n`, "g"), "\n");
  const examples = parseExamples(stripped);
  const lines = stripped.split("\n");
  for (const ex of [...examples].reverse()) {
    if (ex.kind !== "incorrect" || ex.files.length === 0) continue;
    const output = renderOutput(runExample(rule, ex));
    lines.splice(ex.endLine, 0, "", OUTPUT_START, "```text", output, "```", OUTPUT_END);
  }
  return lines.join("\n").replace(/\n{3,}/g, "\n\n");
}
