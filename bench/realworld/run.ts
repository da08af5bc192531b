/**
 * The real-world precision benchmark: scans checkouts of public repositories (never committed: see
 * bench/realworld/README.md for how the corpus is fetched), prints per repository and rule the number of
 * findings and findings per 1,000 files, writes every finding with its masked source line to a review file,
 * and scores the findings against the hand-made verdicts in bench/realworld/REVIEW.md.
 *
 *   npm run bench:realworld -- [--out DIR] [--review FILE] [--compare results.json] DIR...
 *
 * DIR is a repository checkout; its name (the folder's base name) keys the verdicts. Outputs (in --out,
 * default bench/realworld/out/, ignored by git): `review.md` (findings with masked lines, verdict if any),
 * `results.json` (counts, for --compare). Secrets never appear: findings carry redacted snippets only.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { lint } from "../../src/lint/lint.js";
import type { Finding } from "../../src/model/finding.js";

const HERE = path.dirname(fileURLToPath(import.meta.url));

export type Verdict = "real" | "false" | "debatable";

export interface VerdictRow {
  readonly repo: string;
  readonly path: string;
  readonly line: number;
  readonly rule: string;
  readonly verdict: Verdict;
  readonly why: string;
}

/** Rows of the verdict tables in REVIEW.md: `| repo | path:line | rule | verdict | why |`. */
export function parseVerdicts(markdown: string): VerdictRow[] {
  const rows: VerdictRow[] = [];
  for (const line of markdown.split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    if (cells.length < 7 || cells[0] !== "") continue;
    const [, repo = "", where = "", rule = "", verdict = "", why = ""] = cells;
    const m = /^`?(.+):(\d+)`?$/.exec(where);
    if (!m || !/^(?:real|false|debatable)$/.test(verdict)) continue;
    rows.push({ repo, path: m[1] ?? "", line: Number(m[2]), rule: rule.replace(/`/g, ""), verdict: verdict as Verdict, why });
  }
  return rows;
}

function keyOf(repo: string, p: string, line: number, rule: string): string {
  return `${repo}\0${p}\0${line}\0${rule}`;
}

interface RepoResult {
  readonly repo: string;
  readonly files: number;
  readonly byRule: Record<string, number>;
  readonly findings: readonly Finding[];
}

function scanRepo(dir: string): RepoResult {
  // The CLI's pipeline (a repository's own credlint config would apply; none of the corpus has one).
  const result = lint({ cwd: dir, paths: [dir], noBaseline: true });
  const findings = result.reported;
  const byRule: Record<string, number> = {};
  for (const f of findings) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
  return { repo: path.basename(path.resolve(dir)), files: result.scan.stats.filesScanned, byRule, findings };
}

function maskedLine(f: Finding): string {
  const i = f.range.start.line - f.snippet.startLine;
  const text = (f.snippet.lines[i] ?? "").trim();
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

function arg(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  if (i < 0) return undefined;
  const v = argv[i + 1];
  argv.splice(i, 2);
  return v;
}

function main(): void {
  const argv = process.argv.slice(2);
  const out = path.resolve(arg(argv, "--out") ?? path.join(HERE, "out"));
  const reviewPath = path.resolve(arg(argv, "--review") ?? path.join(HERE, "REVIEW.md"));
  const compare = arg(argv, "--compare");
  if (argv.length === 0) {
    console.error("usage: npm run bench:realworld -- [--out DIR] [--review FILE] [--compare results.json] DIR...");
    process.exit(2);
  }
  const verdicts = existsSync(reviewPath) ? parseVerdicts(readFileSync(reviewPath, "utf8")) : [];
  const verdictOf = new Map(verdicts.map((v) => [keyOf(v.repo, v.path, v.line, v.rule), v]));
  mkdirSync(out, { recursive: true });

  const results: RepoResult[] = [];
  for (const dir of argv) {
    const t0 = Date.now();
    const r = scanRepo(dir);
    results.push(r);
    console.error(`${r.repo}: ${r.files} files, ${r.findings.length} findings (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }

  const rules = [...new Set(results.flatMap((r) => Object.keys(r.byRule)))].sort();
  const totalFiles = results.reduce((n, r) => n + r.files, 0);
  const lines: string[] = [];
  lines.push(`| repository | files | findings | per 1,000 files | ${rules.join(" | ")} |`);
  lines.push(`|---|---:|---:|---:|${rules.map(() => "---:").join("|")}|`);
  for (const r of results) {
    lines.push(
      `| ${r.repo} | ${r.files} | ${r.findings.length} | ${((r.findings.length * 1000) / Math.max(1, r.files)).toFixed(2)} | ${rules.map((id) => r.byRule[id] ?? 0).join(" | ")} |`,
    );
  }
  const total = results.reduce((n, r) => n + r.findings.length, 0);
  lines.push(`| **all** | ${totalFiles} | ${total} | ${((total * 1000) / Math.max(1, totalFiles)).toFixed(2)} | ${rules.map((id) => results.reduce((n, r) => n + (r.byRule[id] ?? 0), 0)).join(" | ")} |`);

  // Scores against the verdicts.
  const score: Record<string, Record<Verdict | "unreviewed", number>> = {};
  const review: string[] = ["# credlint real-world review (generated; masked lines only)", ""];
  for (const r of results) {
    review.push(`## ${r.repo}`, "", "| path:line | rule | confidence | verdict | masked line |", "|---|---|---|---|---|");
    for (const f of r.findings) {
      const v = verdictOf.get(keyOf(r.repo, f.path, f.range.start.line, f.ruleId));
      const s = (score[f.ruleId] ??= { real: 0, false: 0, debatable: 0, unreviewed: 0 });
      s[v?.verdict ?? "unreviewed"]++;
      review.push(`| ${f.path}:${f.range.start.line} | ${f.ruleId} | ${f.confidence ?? ""} | ${v?.verdict ?? "?"} | \`${maskedLine(f).replace(/\|/g, "\\|").replace(/`/g, "'")}\` |`);
    }
    review.push("");
  }
  lines.push("", "| rule | real | debatable | false | unreviewed |", "|---|---:|---:|---:|---:|");
  const sum = { real: 0, false: 0, debatable: 0, unreviewed: 0 };
  for (const id of Object.keys(score).sort()) {
    const s = score[id] ?? sum;
    lines.push(`| ${id} | ${s.real} | ${s.debatable} | ${s.false} | ${s.unreviewed} |`);
    for (const k of ["real", "false", "debatable", "unreviewed"] as const) sum[k] += s[k];
  }
  lines.push(`| **all** | ${sum.real} | ${sum.debatable} | ${sum.false} | ${sum.unreviewed} |`);
  const reviewed = sum.real + sum.debatable + sum.false;
  if (reviewed > 0) {
    lines.push(
      "",
      `real or debatable: ${(((sum.real + sum.debatable) * 100) / reviewed).toFixed(1)}% of ${reviewed} reviewed; ` +
        `hardcoded-secret false per 5,000 files: ${(((score["hardcoded-secret"]?.false ?? 0) * 5000) / Math.max(1, totalFiles)).toFixed(2)}`,
    );
  }

  if (compare) {
    const before = JSON.parse(readFileSync(compare, "utf8")) as { repos: { repo: string; byRule: Record<string, number> }[] };
    const prev = new Map(before.repos.map((r) => [r.repo, r.byRule]));
    lines.push("", "| repository | before | after |", "|---|---:|---:|");
    for (const r of results) {
      const b = Object.values(prev.get(r.repo) ?? {}).reduce((n, x) => n + x, 0);
      lines.push(`| ${r.repo} | ${b} | ${r.findings.length} |`);
    }
  }

  console.log(lines.join("\n"));
  writeFileSync(path.join(out, "review.md"), review.join("\n") + "\n");
  writeFileSync(
    path.join(out, "results.json"),
    JSON.stringify({ files: totalFiles, repos: results.map((r) => ({ repo: r.repo, files: r.files, byRule: r.byRule })), score }, null, 2) + "\n",
  );
  console.error(`review: ${path.join(out, "review.md")}; counts: ${path.join(out, "results.json")}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
