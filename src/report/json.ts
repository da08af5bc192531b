import type { Finding } from "../model/finding.js";
import type { ScanStats } from "../scan/pipeline.js";

export const JSON_FORMAT_VERSION = 1;

export interface JsonExtras {
  /** Suppressed findings, listed apart with their `suppression` (ESLint's `suppressedMessages`). */
  readonly suppressed?: readonly Finding[];
  readonly baselines?: readonly string[];
}

/**
 * Machine-readable output: findings with 1-based, end-exclusive UTF-16 ranges; never a secret. Suppressed
 * findings are listed apart (`suppressed`, each with its `suppression`), so a script counting `findings`
 * counts what fails the build.
 */
export function formatJson(findings: readonly Finding[], stats: ScanStats, toolVersion: string, extras: JsonExtras = {}): string {
  const out = {
    version: JSON_FORMAT_VERSION,
    tool: { name: "credlint", version: toolVersion },
    stats,
    ...(extras.baselines?.length ? { baselines: extras.baselines } : {}),
    findings: findings.map(findingJson),
    suppressed: (extras.suppressed ?? []).map((f) => ({ ...findingJson(f), suppression: f.suppression })),
  };
  return JSON.stringify(out, null, 2) + "\n";
}

function findingJson(f: Finding) {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    ...(f.confidence ? { confidence: f.confidence } : {}),
    message: f.message,
    path: f.path,
    line: f.range.start.line,
    column: f.range.start.column,
    endLine: f.range.end.line,
    endColumn: f.range.end.column,
    related: f.related.map((r) => ({
      path: r.path,
      line: r.range.start.line,
      column: r.range.start.column,
      endLine: r.range.end.line,
      endColumn: r.range.end.column,
      message: r.message,
    })),
    fingerprint: f.fingerprint,
    ...(f.baselineState ? { baselineState: f.baselineState } : {}),
    ...(f.fix ? { fix: f.fix } : {}),
  };
}
