/**
 * `credlint explain <rule-id>` prints the rule's docs page in the terminal; `credlint explain <fingerprint>`
 * finds the finding in a JSON or SARIF report (the newest `*.sarif`, `*.sarif.json` or `credlint*.json` in
 * the current folder, or `--report FILE`) and prints where it is and what it says, then its rule's page.
 * A fingerprint may be shortened to its first 6 or more characters, as git allows for commits.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { ALL_RULE_IDS, descriptorsOf, selectRules } from "../lint/lint.js";
import { ruleDocsDir } from "../lint/version.js";
import { closest } from "../knowledge/strings.js";
import { UsageError } from "../model/errors.js";
import { docsUrl } from "../model/rule.js";
import { renderDocForTerminal } from "../report/doc-terminal.js";
import { readRuleDoc } from "../report/rule-docs.js";
import { visible } from "../report/sanitize.js";

/** What a report says of one finding (never more than the report itself holds: no secrets). */
interface ReportedFinding {
  readonly ruleId: string;
  readonly fingerprint: string;
  readonly message: string;
  readonly where: string;
}

const FINGERPRINT = /^[0-9a-f]{6,32}$/i;

function findingsOf(report: unknown): ReportedFinding[] {
  const out: ReportedFinding[] = [];
  if (typeof report !== "object" || report === null) return out;
  const r = report as { runs?: unknown; findings?: unknown };
  if (Array.isArray(r.findings)) {
    for (const f of r.findings as Record<string, unknown>[]) {
      if (typeof f?.["fingerprint"] !== "string" || typeof f["ruleId"] !== "string") continue;
      out.push({ ruleId: f["ruleId"], fingerprint: f["fingerprint"], message: String(f["message"] ?? ""), where: `${String(f["path"])}:${String(f["line"])}:${String(f["column"])}` });
    }
  }
  if (Array.isArray(r.runs)) {
    for (const run of r.runs as { results?: unknown }[]) {
      for (const res of (Array.isArray(run?.results) ? run.results : []) as Record<string, unknown>[]) {
        const fp = (res["partialFingerprints"] as Record<string, unknown> | undefined)?.["credlint/v1"];
        if (typeof fp !== "string" || typeof res["ruleId"] !== "string") continue;
        const loc = (res["locations"] as { physicalLocation?: { artifactLocation?: { uri?: string }; region?: { startLine?: number; startColumn?: number } } }[] | undefined)?.[0]?.physicalLocation;
        const uri = decodeURIComponent(loc?.artifactLocation?.uri ?? "?");
        out.push({
          ruleId: res["ruleId"],
          fingerprint: fp,
          message: String((res["message"] as { text?: unknown } | undefined)?.text ?? ""),
          where: `${uri}:${loc?.region?.startLine ?? "?"}:${loc?.region?.startColumn ?? "?"}`,
        });
      }
    }
  }
  return out;
}

/** The reports `explain` looks in without `--report`: newest first. */
function candidateReports(cwd: string): string[] {
  let names: string[];
  try {
    names = readdirSync(cwd);
  } catch {
    return [];
  }
  const reports: { file: string; mtimeMs: number }[] = [];
  for (const n of names) {
    if (!/\.sarif(?:\.json)?$/i.test(n) && !/^credlint.*\.json$/i.test(n)) continue;
    const file = path.join(cwd, n);
    try {
      const st = statSync(file);
      if (st.isFile()) reports.push({ file, mtimeMs: st.mtimeMs });
    } catch {
      // gone since the listing
    }
  }
  return reports.sort((a, b) => b.mtimeMs - a.mtimeMs).map((r) => r.file);
}

function readReport(file: string): ReportedFinding[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read the report ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
  }
  try {
    return findingsOf(JSON.parse(text));
  } catch {
    throw new UsageError(`${file} is not a credlint JSON or SARIF report (it is not valid JSON).`);
  }
}

function rulePage(ruleId: string, color: boolean): string {
  const meta = descriptorsOf(selectRules()).find((m) => m.id === ruleId);
  const dir = ruleDocsDir();
  const doc = dir !== undefined ? readRuleDoc(dir, ruleId) : undefined;
  const fixable = meta && "fixable" in meta && meta.fixable === true;
  const head = meta ? `${ruleId} — ${meta.severity}${fixable ? ", fixable with --fix" : ""}\nDocs: ${docsUrl(ruleId)}\n\n` : "";
  if (doc !== undefined) return head + renderDocForTerminal(doc, ruleId, color);
  // A trimmed install without docs/: the rule's meta still says why and how to fix.
  if (!meta) return `${ruleId}\n`;
  return `${head}${meta.description}.\n\nWHY IT FAILS\n${meta.help.why}\n\nHOW TO FIX\n${meta.help.fix}\n`;
}

export function explain(argv: readonly string[], cwd: string, color: boolean): string {
  let target: string | undefined;
  let reportFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    if (a === "--report") {
      reportFile = argv[++i];
      if (reportFile === undefined) throw new UsageError("--report needs a file: credlint explain <fingerprint> --report results.sarif.");
    } else if (a.startsWith("--report=")) reportFile = a.slice("--report=".length);
    else if (a.startsWith("-")) throw new UsageError(`explain: unknown option ${a} (credlint explain <rule-id | fingerprint> [--report FILE]).`);
    else if (target === undefined) target = a;
    else throw new UsageError("explain takes one rule id or fingerprint.");
  }
  if (target === undefined) throw new UsageError("explain needs a rule id or a finding's fingerprint: credlint explain invalid-region (credlint --list-rules lists the rules).");
  if (ALL_RULE_IDS.includes(target)) return rulePage(target, color);
  if (!FINGERPRINT.test(target)) {
    const guess = closest(target, ALL_RULE_IDS, 4)?.value;
    throw new UsageError(`explain ${target}: no such rule${guess ? ` (did you mean ${guess}?)` : ""}, and not a fingerprint. See credlint --list-rules.`);
  }
  const reports = reportFile !== undefined ? [path.resolve(cwd, reportFile)] : candidateReports(cwd);
  if (reports.length === 0) {
    throw new UsageError(`no report to look ${target} up in: pass --report FILE (a report written with credlint -f sarif -o results.sarif, or -f json).`);
  }
  const wanted = target.toLowerCase();
  for (const file of reports) {
    const matches = readReport(file).filter((f) => f.fingerprint.toLowerCase().startsWith(wanted));
    const distinct = [...new Set(matches.map((m) => m.fingerprint))];
    if (distinct.length > 1) throw new UsageError(`${target} is ambiguous in ${path.relative(cwd, file) || file}: it starts ${distinct.length} fingerprints; give more characters.`);
    const found = matches[0];
    if (!found) continue;
    const from = path.relative(cwd, file) || file;
    const header = `${visible(found.where)}  ${found.ruleId}  (finding ${found.fingerprint} in ${from})\n${visible(found.message)}\n\n`;
    return header + (ALL_RULE_IDS.includes(found.ruleId) ? rulePage(found.ruleId, color) : "");
  }
  const looked = reports.map((r) => path.relative(cwd, r) || r).join(", ");
  throw new UsageError(`no finding with fingerprint ${target} in ${looked}.`);
}
