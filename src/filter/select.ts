import { SEVERITY_RANK, type Finding } from "../model/finding.js";

export interface ReportFilter {
  /** Errors only (`--quiet`). */
  readonly quiet: boolean;
}

export function filterFindings(findings: readonly Finding[], filter: ReportFilter): Finding[] {
  return filter.quiet ? findings.filter((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK.error) : [...findings];
}
