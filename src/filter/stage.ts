import { closest } from "../knowledge/strings.js";
import type { CredlintConfig, RuleLevel } from "../model/config.js";
import { SEVERITY_RANK, sortFindings, type Finding, type Fix, type Severity, type Snippet, type Suppression } from "../model/finding.js";
import { findingIdentity, sha256 } from "../model/redact.js";
import { sliceRange, type Range, type SourceFile } from "../model/source.js";
import { defaultEngine, type CompiledPattern } from "../secrets/regex.js";
import { directiveCovers, readDirectives, valueTag, type Directive, type DirectiveEntry } from "./directives.js";
import { readForeignMarkers, type ForeignMarker } from "./markers.js";

/**
 * The filter stage: the one place where what the rules found becomes what is reported. The CLI, the Action
 * and the ESLint plugin all call `filterFindings`, so a finding is open, suppressed or gone for the same
 * reason everywhere. In order:
 *   1. ignores and levels from the config that applies to the finding's file (`off` drops it; a level
 *      replaces the rule's default severity — a finding the rule itself reported lower keeps its lower
 *      severity, capped by the level);
 *   2. `allow`: accepted values of the secret rules (by sha256 or RE2 pattern);
 *   3. inline directives (src/filter/directives.ts) and other scanners' markers (src/filter/markers.ts);
 *   4. the baseline;
 *   5. problems with the directives themselves — unknown rule ids, a secret rule's line suppression that
 *      does not name the value it accepts, a missing reason where the config requires one, and (when asked)
 *      directives that suppress nothing — reported as `disable-directive` findings;
 *   6. `--quiet`.
 * Suppressed findings are kept, marked with a `suppression` (SARIF reports them as suppressed results).
 */

export const DIRECTIVE_ID = "disable-directive";

export const DIRECTIVE_META = {
  id: DIRECTIVE_ID,
  description: "Report credlint-disable directives that name no rule, do not name the secret they accept, or suppress nothing",
  severity: "error",
  securitySeverity: 0,
  precision: "very-high",
  tags: ["correctness"],
  help: {
    why: "A directive that names a rule that does not exist suppresses nothing, so the finding it was written for is still there — or it was meant for a rule whose id was mistyped. A suppression of a secret rule that does not name the value it accepts would keep hiding the line after the secret on it changes: a real key pasted over a test key would never be reported. A directive that suppresses nothing is stale: the problem was fixed, and the directive now only hides the next one.",
    fix: "Write the rule id as credlint --list-rules prints it. Bind a secret suppression to its value with the tag credlint prints (`hardcoded-secret:4be1c2d0`; credlint --fix adds it). Delete directives that suppress nothing.",
  },
} as const;

/** The message ids of `disable-directive` findings (the ESLint plugin declares them). */
export const DIRECTIVE_MESSAGE_IDS = ["malformed", "unknownRule", "missingReason", "unbound", "unused"] as const;

export interface FilterRule {
  readonly id: string;
  readonly severity: Severity;
  readonly reportsSecrets?: boolean;
}

export interface BaselineFilter {
  /** For `by`: the baseline file, repository-relative. */
  readonly label: string;
  match(findings: readonly Finding[]): { readonly baselined: readonly Finding[]; readonly fresh: readonly Finding[] };
}

export interface FilterOptions {
  /** The rules that ran (their default severities; which report secrets). */
  readonly rules: readonly FilterRule[];
  /** Every rule id a directive may name (all rules and the diagnostics), for unknown-id errors. */
  readonly knownRuleIds: readonly string[];
  /** The config that applies to a repository-relative path (none: built-in defaults). */
  readonly configFor: (path: string) => CredlintConfig | undefined;
  /** The config file's name for `by` (repository-relative). */
  readonly configLabel?: (config: CredlintConfig) => string;
  /** Paths the config ignores (findings there are dropped; the scan does not read them in the first place). */
  readonly isIgnored?: (path: string) => boolean;
  readonly baseline?: BaselineFilter;
  /** `--report-unused-disable-directives`: overrides the config's level. */
  readonly reportUnusedDisableDirectives?: RuleLevel;
  /** Masked source lines for a problem's code frame. */
  readonly snippet: (path: string, range: Range) => Snippet;
  readonly quiet?: boolean;
}

export interface FilterResult {
  /** Open findings, to report and count. */
  readonly reported: Finding[];
  /** Suppressed ones, each with its `suppression` (SARIF shows them as such; text and annotations do not). */
  readonly suppressed: Finding[];
}

function capped(severity: Severity, level: Severity): Severity {
  return SEVERITY_RANK[severity] < SEVERITY_RANK[level] ? severity : level;
}

/** The finding at its configured level; undefined when the level is `off`. */
function leveled(f: Finding, level: RuleLevel | undefined, ruleDefault: Severity | undefined): Finding | undefined {
  if (level === undefined) return f;
  if (level === "off") return undefined;
  const severity = ruleDefault !== undefined && f.severity === ruleDefault ? level : capped(f.severity, level);
  return severity === f.severity ? f : { ...f, severity };
}

const allowCache = new WeakMap<CredlintConfig, { readonly hashes: Map<string, string>; readonly patterns: [CompiledPattern, string][] }>();

/** The config's `allow` list, compiled once per config. */
function allowOf(config: CredlintConfig) {
  let a = allowCache.get(config);
  if (!a) {
    const hashes = new Map<string, string>();
    const patterns: [CompiledPattern, string][] = [];
    for (const entry of config.allow) {
      if ("sha256" in entry) hashes.set(entry.sha256.toLowerCase(), entry.reason ?? "");
      else patterns.push([defaultEngine().compile(entry.pattern), entry.reason ?? ""]);
    }
    a = { hashes, patterns };
    allowCache.set(config, a);
  }
  return a;
}

/** Whether the config allows the secret a finding reports; the allow entry's reason when it does. */
function allowedBy(config: CredlintConfig, file: SourceFile | undefined, f: Finding): string | undefined {
  if (config.allow.length === 0 || !file) return undefined;
  const { hashes, patterns } = allowOf(config);
  const value = sliceRange(file, f.range);
  const byHash = hashes.get(sha256(value));
  if (byHash !== undefined) return byHash;
  for (const [re, reason] of patterns) if (re.test(value)) return reason;
  return undefined;
}

interface DirectiveUse {
  /** Entries (or, for a directive without ids, the directive itself) that suppressed something. */
  readonly used: Set<DirectiveEntry | Directive>;
  /** Line directives of a secret rule without a value tag: the findings they cover, by entry (or directive). */
  readonly unbound: Map<DirectiveEntry | Directive, Finding[]>;
}

function suppressWith(f: Finding, suppression: Suppression): Finding {
  return { ...f, suppression };
}

export function filterFindings(findings: readonly Finding[], files: readonly SourceFile[], options: FilterOptions): FilterResult {
  const fileByPath = new Map(files.map((f) => [f.path, f]));
  const ruleById = new Map(options.rules.map((r) => [r.id, r]));
  const secretRules = new Set(options.rules.filter((r) => r.reportsSecrets).map((r) => r.id));
  const defaults = new Map<string, Severity>([...options.rules.map((r) => [r.id, r.severity] as const), [DIRECTIVE_ID, DIRECTIVE_META.severity]]);
  const configLabel = options.configLabel ?? ((c: CredlintConfig) => c.file ?? "the config");

  // 1. Ignores and levels.
  let active: Finding[] = [];
  for (const f of findings) {
    if (options.isIgnored?.(f.path)) continue;
    const g = leveled(f, options.configFor(f.path)?.rules.get(f.ruleId)?.level, defaults.get(f.ruleId));
    if (g) active.push(g);
  }
  const suppressed: Finding[] = [];

  // 2. Allowed values.
  active = active.filter((f) => {
    if (!secretRules.has(f.ruleId)) return true;
    const config = options.configFor(f.path);
    const reason = config ? allowedBy(config, fileByPath.get(f.path), f) : undefined;
    if (reason === undefined || !config) return true;
    suppressed.push(suppressWith(f, { kind: "external", by: `allow in ${configLabel(config)}`, ...(reason ? { justification: reason } : {}) }));
    return false;
  });

  // 3. Directives and markers.
  const directives = new Map<string, Directive[]>();
  const markers = new Map<string, ForeignMarker[]>();
  const known = new Set(options.knownRuleIds);
  for (const file of files) {
    const d = readDirectives(file).filter((x) => !isProse(x, known));
    if (d.length > 0) directives.set(file.path, d);
    const m = readForeignMarkers(file);
    if (m.length > 0) markers.set(file.path, m);
  }
  const use: DirectiveUse = { used: new Set(), unbound: new Map() };
  active = active.filter((f) => {
    const line = f.range.start.line;
    for (const d of directives.get(f.path) ?? []) {
      const covered = directiveCovers(d, f.ruleId, line, f.identity);
      if (!covered) continue;
      const key = covered.entry ?? d;
      use.used.add(key);
      if (secretRules.has(f.ruleId) && !covered.bound && d.scope !== "file") use.unbound.set(key, [...(use.unbound.get(key) ?? []), f]);
      const by = `${d.keyword} in ${f.path}:${d.line}`;
      suppressed.push(suppressWith(f, { kind: "inSource", by, ...(d.reason ? { justification: d.reason } : {}) }));
      return false;
    }
    if (secretRules.has(f.ruleId)) {
      const marker = (markers.get(f.path) ?? []).find((m) => m.target === line);
      if (marker) {
        suppressed.push(suppressWith(f, { kind: "inSource", by: `${marker.text} in ${f.path}:${marker.line}` }));
        return false;
      }
    }
    return true;
  });

  // 4. The baseline.
  if (options.baseline) {
    const { baselined, fresh } = options.baseline.match(active);
    const by = `baseline ${options.baseline.label}`;
    for (const f of baselined) suppressed.push({ ...f, baselineState: "unchanged", suppression: { kind: "external", by } });
    active = fresh.map((f) => ({ ...f, baselineState: "new" as const }));
  }

  // 5. Problems with the directives — except in a file that says `credlint-disable disable-directive`
  // (a docs page showing directive mistakes on purpose).
  const problems = directiveProblems(directives, use, options, ruleById).filter((p) => {
    const waiver = (directives.get(p.path) ?? []).find((d) => d.scope === "file" && d.entries.some((e) => e.id === DIRECTIVE_ID));
    if (waiver) use.used.add(waiver.entries.find((e) => e.id === DIRECTIVE_ID) ?? waiver);
    return waiver === undefined;
  });
  for (const p of problems) {
    const g = leveled(p, options.configFor(p.path)?.rules.get(DIRECTIVE_ID)?.level, DIRECTIVE_META.severity);
    if (g) active.push(options.baseline ? { ...g, baselineState: "new" } : g);
  }

  // 6. Quiet.
  const reported = options.quiet ? active.filter((f) => f.severity === "error") : active;
  return { reported: sortFindings(reported), suppressed: sortFindings(suppressed) };
}

/**
 * A comment that starts with the keyword and goes on in words — `# credlint-disable-line takes rule ids` —
 * is prose about directives, not one: three or more "ids" and not one of them a rule.
 */
function isProse(d: Directive, known: ReadonlySet<string>): boolean {
  return d.entries.length >= 3 && !d.entries.some((e) => known.has(e.id));
}


function directiveProblems(
  directives: ReadonlyMap<string, readonly Directive[]>,
  use: DirectiveUse,
  options: FilterOptions,
  ruleById: ReadonlyMap<string, FilterRule>,
): Finding[] {
  const out: Finding[] = [];
  const known = new Set(options.knownRuleIds);
  const ranEveryRule = options.knownRuleIds.every((id) => ruleById.has(id) || !isRuleId(id, options));
  const problem = (d: Directive, range: Range, messageId: string, message: string, severity: Severity, fix?: Fix): void => {
    const text = sliceRange(d.file, range);
    out.push({
      ruleId: DIRECTIVE_ID,
      messageId,
      severity,
      confidence: "very-high",
      message,
      path: d.file.path,
      range,
      related: [],
      ...(fix ? { fix } : {}),
      snippet: options.snippet(d.file.path, range),
      valueHash: sha256(text),
      fingerprint: sha256(`${DIRECTIVE_ID}\0${d.file.path}\0${messageId}\0${d.line}\0${text}`).slice(0, 32),
      identity: findingIdentity(DIRECTIVE_ID, messageId, { linePrefix: "", text: `${d.keyword} ${text}` }),
    });
  };
  for (const [path, list] of directives) {
    const config = options.configFor(path);
    const unusedLevel = options.reportUnusedDisableDirectives ?? config?.reportUnusedDisableDirectives ?? "off";
    for (const d of list) {
      for (const e of d.entries) {
        if (!e.wellFormed) {
          problem(d, e.range, "malformed", `"${e.id}" is not a rule id: ${d.keyword} takes rule ids separated by commas (lower-case, as credlint --list-rules prints them), then " -- " and the reason.`, "error");
        } else if (!known.has(e.id)) {
          const guess = closest(e.id, options.knownRuleIds, 4)?.value;
          problem(d, e.range, "unknownRule", `${d.keyword} names "${e.id}", which is not a credlint rule${guess ? ` (did you mean ${guess}?)` : ""}: it suppresses nothing.`, "error");
        }
      }
      if (config?.requireDisableReason && d.reason === undefined) {
        problem(d, d.range, "missingReason", `This ${d.keyword} gives no reason: write why after " -- " (the config requires a reason on every directive).`, "error");
      }
      for (const [key, covered] of use.unbound) {
        if (!(key === d || d.entries.includes(key as DirectiveEntry))) continue;
        const rules = [...new Set(covered.map((f) => f.ruleId))];
        const bound = [...new Set(covered.map((f) => `${f.ruleId}:${valueTag(f.identity)}`))];
        const entry = key === d ? undefined : (key as DirectiveEntry);
        const fix: Fix | undefined = entry
          ? { description: `Bind the suppression to the value it accepts (${bound.join(", ")})`, safety: "safe", edits: [{ range: entry.range, text: bound.join(", ") }] }
          : undefined;
        problem(
          d,
          entry?.range ?? d.range,
          "unbound",
          `This ${d.keyword} suppresses ${rules.join(", ")} without naming the value it accepts, so a different secret on the line would stay hidden: write ${bound.join(", ")}${entry ? " (credlint --fix does)" : " in place of the bare directive"}.`,
          "error",
          fix,
        );
      }
      if (unusedLevel === "off") continue;
      if (d.entries.length === 0) {
        if (ranEveryRule && !use.used.has(d)) problem(d, d.range, "unused", `This ${d.keyword} suppresses nothing: remove it.`, unusedLevel);
        continue;
      }
      for (const e of d.entries) {
        if (!e.wellFormed || !known.has(e.id) || !ruleById.has(e.id) || use.used.has(e)) continue;
        if (config?.rules.get(e.id)?.level === "off") continue;
        problem(d, e.range, "unused", `${d.keyword} ${e.id}${e.tag ? `:${e.tag}` : ""} suppresses nothing here${e.tag ? " (the value it names is gone or changed)" : ""}: remove it.`, unusedLevel);
      }
    }
  }
  return out;
}

/** Whether an id names a rule (one that runs or could), not a diagnostic that always runs. */
function isRuleId(id: string, options: FilterOptions): boolean {
  return id !== DIRECTIVE_ID && id !== "parse-error" && options.knownRuleIds.includes(id);
}
