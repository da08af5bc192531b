/**
 * The one lint pipeline: settings (config files + flags) → scan → filter → what to report. The CLI, the
 * GitHub Action and the ESLint plugin all call it, so they find, suppress and baseline the same things for the
 * same config; they differ only in how they print. Nothing here prints or exits.
 */
import { existsSync, mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { rules as allRules } from "../../rules/index.js";
import { createConfigResolver } from "../config/resolve.js";
import { isIgnoredByConfig } from "../config/match.js";
import {
  BASELINE_FILE_NAME,
  buildBaseline,
  matchBaseline,
  pruneBaseline,
  readBaseline,
  writeBaseline,
  type Baseline,
  type BaselineScope,
} from "../filter/baseline.js";
import { DIRECTIVE_ID, DIRECTIVE_META, filterFindings, type BaselineFilter } from "../filter/stage.js";
import type { VisitorKeys } from "../formats/js-ts.js";
import { closest } from "../knowledge/strings.js";
import type { ConfigResolver, CredlintConfig, RuleLevel } from "../model/config.js";
import { UsageError } from "../model/errors.js";
import type { Finding } from "../model/finding.js";
import { redact } from "../model/redact.js";
import type { AnyRule } from "../model/rule.js";
import { makeSourceFile } from "../model/source.js";
import type { RuleDescriptor } from "../report/sarif.js";
import { defaultEngine } from "../secrets/regex.js";
import { classify } from "../scan/classify.js";
import { editorContext } from "../scan/context.js";
import { PARSE_ERROR_ID, PARSE_ERROR_META } from "../scan/diagnostics.js";
import { analyseModels, fileScanSettings, optionsLookup, parseFile, scan, snippetLookup, type ScanResult } from "../scan/pipeline.js";
import { scanStaged } from "../scan/staged-scan.js";

export { DIRECTIVE_MESSAGE_IDS, DIRECTIVE_META } from "../filter/stage.js";
/** For the bundles' entries, which are also the parse stage's worker script. */
export { isScanWorker, runScanWorker } from "../scan/pool.js";
export { PARSE_ERROR_META } from "../scan/diagnostics.js";
export type { VisitorKeys } from "../formats/js-ts.js";

/** Ids a config or a directive may name besides the rules: the diagnostics. */
export const DIAGNOSTIC_IDS: readonly string[] = [PARSE_ERROR_ID, DIRECTIVE_ID];

export const ALL_RULE_IDS: readonly string[] = [...allRules.map((r) => r.meta.id), ...DIAGNOSTIC_IDS];

export interface LintRequest {
  readonly cwd: string;
  /** Files and folders to scan (default: the current folder). Ignored with `staged`. */
  readonly paths?: readonly string[];
  /** Scan what is staged in the git index. */
  readonly staged?: boolean;
  /** `--config FILE`: one config for every file. */
  readonly configFile?: string;
  /** `--no-config`: the built-in defaults. */
  readonly noConfig?: boolean;
  /** `--baseline FILE`: one baseline for every file (it must exist, except when writing one). */
  readonly baselineFile?: string;
  /** `--no-baseline`: report baselined findings too. */
  readonly noBaseline?: boolean;
  readonly onlyRules?: readonly string[];
  readonly disabledRules?: readonly string[];
  readonly maxFileSize?: number;
  readonly quiet?: boolean;
  /** `--report-unused-disable-directives`: the level for directives that suppress nothing. */
  readonly reportUnusedDisableDirectives?: RuleLevel;
  /** Called as files are done (the CLI's progress line on a terminal). */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface LintResult {
  readonly scan: ScanResult;
  /** The rules that ran. */
  readonly rules: readonly AnyRule[];
  /** Every rule and diagnostic the reports describe. */
  readonly descriptors: readonly RuleDescriptor[];
  /** Open findings. */
  readonly reported: Finding[];
  /** Suppressed findings (inline, allowed, baselined), each with its `suppression`. */
  readonly suppressed: Finding[];
  /** The baselines in use (repository-relative paths). */
  readonly baselines: readonly string[];
  readonly resolver: ConfigResolver;
}

function checkRuleIds(ids: readonly string[], flag: string): void {
  for (const id of ids) {
    if (ALL_RULE_IDS.includes(id)) continue;
    const guess = closest(id, ALL_RULE_IDS, 3)?.value;
    throw new UsageError(`${flag} ${id}: no such rule${guess ? ` (did you mean ${guess}?)` : ""}. See credlint --list-rules.`);
  }
}

/** The rules `--rule` / `--disable-rule` leave on (unknown ids are usage errors with a did-you-mean). */
export function selectRules(only: readonly string[] = [], disabled: readonly string[] = []): AnyRule[] {
  checkRuleIds(only, "--rule");
  checkRuleIds(disabled, "--disable-rule");
  return allRules.filter((r) => (only.length === 0 || only.includes(r.meta.id)) && !disabled.includes(r.meta.id));
}

export function descriptorsOf(rules: readonly AnyRule[]): RuleDescriptor[] {
  return [...rules.map((r) => r.meta), PARSE_ERROR_META, DIRECTIVE_META];
}

/**
 * RE2's complaint about a pattern, or undefined when it compiles (config validation). RE2 quotes the pattern
 * from the error on (`missing ): (ghp_…`), and an allow pattern is often a secret written out: the quote is
 * redacted as secrets are everywhere.
 */
export function checkPattern(regex: string): string | undefined {
  try {
    defaultEngine().compile(regex);
    return undefined;
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
    // Native RE2 ends with `: (ghp_…`, re2js with ``: `(ghp_…` `` (backquoted).
    const cut = message.lastIndexOf(": ");
    const tail = cut >= 0 ? message.slice(cut + 2) : "";
    const quoted = tail.replace(/^`|`$/g, "");
    return quoted.length > 4 && regex.includes(quoted) ? `${message.slice(0, cut + 2)}${tail.replace(quoted, redact(quoted))}` : message;
  }
}

/**
 * The folder a file's project ends at: the nearest folder above it with a `.git`, or none. Remembered per
 * folder for a second (as the editor's config resolvers are): `eslint .` asks it for every file.
 */
function gitRootAbove(dir: string, now = Date.now()): string | undefined {
  const cached = gitRoots.get(dir);
  if (cached && now - cached.at <= GIT_ROOT_TTL_MS) return cached.root;
  let root: string | undefined;
  for (let d = dir; ; d = path.dirname(d)) {
    if (existsSync(path.join(d, ".git"))) {
      root = d;
      break;
    }
    if (path.dirname(d) === d) break;
  }
  if (gitRoots.size > 10_000) gitRoots.clear();
  gitRoots.set(dir, { root, at: now });
  return root;
}

const gitRoots = new Map<string, { readonly root: string | undefined; readonly at: number }>();
const GIT_ROOT_TTL_MS = 1000;

export function configResolver(request: Pick<LintRequest, "cwd" | "configFile" | "noConfig">, stopAt?: string): ConfigResolver {
  return createConfigResolver({
    cwd: request.cwd,
    ...(request.configFile !== undefined ? { configFile: request.configFile } : {}),
    ...(request.noConfig ? { noConfig: true } : {}),
    ...(stopAt !== undefined ? { stopAt } : {}),
    rules: allRules.map((r) => r.meta),
    extraRuleIds: DIAGNOSTIC_IDS,
    checkPattern,
  });
}

/** Where the baseline for a file's findings lives: `--baseline`, the config's `baseline`, or beside the config (or at the root). */
export function baselineFileFor(config: CredlintConfig | undefined, root: string, request: Pick<LintRequest, "cwd" | "baselineFile">): string {
  if (request.baselineFile !== undefined) return path.resolve(request.cwd, request.baselineFile);
  if (config?.file) return path.resolve(config.dir, config.baseline ?? BASELINE_FILE_NAME);
  return path.join(root, BASELINE_FILE_NAME);
}

function toPosix(p: string): string {
  return p.split(path.sep).join("/");
}

interface BaselineGroups {
  /** Baseline file → the findings its folder's config sends to it. */
  readonly groups: Map<string, Finding[]>;
  readonly scope: (baselineFile: string) => BaselineScope;
}

function groupByBaseline(findings: readonly Finding[], result: ScanResult, resolver: ConfigResolver, request: LintRequest): BaselineGroups {
  const root = result.root;
  const groups = new Map<string, Finding[]>();
  // Every baseline some scanned file belongs to, even one whose findings are all fixed now.
  for (const p of result.scanned) {
    const file = baselineFileFor(resolver.forFile(path.join(root, p)), root, request);
    if (!groups.has(file)) groups.set(file, []);
  }
  for (const f of findings) {
    const file = baselineFileFor(resolver.forFile(path.join(root, f.path)), root, request);
    const list = groups.get(file) ?? [];
    list.push(f);
    groups.set(file, list);
  }
  const scanned = new Set(result.scanned);
  return {
    groups,
    scope: (baselineFile) => ({ root, baselineDir: path.dirname(baselineFile), scanned, exists: (p) => existsSync(path.join(root, p)) }),
  };
}

/** The baseline filter over every baseline that applies (none: undefined). */
function baselineFilter(result: ScanResult, resolver: ConfigResolver, request: LintRequest): { filter?: BaselineFilter; files: string[] } {
  if (request.noBaseline) return { files: [] };
  if (request.baselineFile !== undefined) {
    const file = path.resolve(request.cwd, request.baselineFile);
    if (!existsSync(file)) throw new UsageError(`--baseline ${request.baselineFile}: no such file (write one with credlint baseline).`);
    if (statSync(file).isDirectory()) throw new UsageError(`--baseline ${request.baselineFile} is a folder: name the baseline file.`);
  }
  const loaded = new Map<string, Baseline>();
  const load = (file: string): Baseline | undefined => {
    if (!loaded.has(file) && existsSync(file) && statSync(file).isFile()) loaded.set(file, readBaseline(file));
    return loaded.get(file);
  };
  const candidates = new Set(result.scanned.map((p) => baselineFileFor(resolver.forFile(path.join(result.root, p)), result.root, request)));
  const files = [...candidates].filter((f) => load(f) !== undefined);
  if (files.length === 0) return { files: [] };
  const labels = files.map((f) => toPosix(path.relative(result.root, f)));
  return {
    files: labels,
    filter: {
      label: labels.join(", "),
      match(findings) {
        const { groups, scope } = groupByBaseline(findings, result, resolver, request);
        const baselined: Finding[] = [];
        const fresh: Finding[] = [];
        for (const [file, list] of groups) {
          const baseline = load(file);
          if (!baseline) {
            fresh.push(...list);
            continue;
          }
          const m = matchBaseline(list, baseline, scope(file));
          baselined.push(...m.baselined);
          fresh.push(...m.fresh);
        }
        return { baselined, fresh };
      },
    },
  };
}

function scanWith(request: LintRequest, rules: readonly AnyRule[], resolver: ConfigResolver): ScanResult {
  const configFor = (abs: string): CredlintConfig => resolver.forFile(abs);
  const common = { cwd: request.cwd, rules, configFor, ...(request.maxFileSize !== undefined ? { maxFileSize: request.maxFileSize } : {}) };
  return request.staged
    ? scanStaged(common)
    : scan({ ...common, paths: request.paths?.length ? request.paths : ["."], ...(request.onProgress ? { onProgress: request.onProgress } : {}) });
}

/**
 * Where the config walk stops: the git top level (what a scan's paths are relative to), or outside git the
 * current folder — a config above the project the user is in is not the project's.
 */
export function scanRoot(request: Pick<LintRequest, "cwd" | "paths">): string {
  const first = path.resolve(request.cwd, request.paths?.[0] ?? ".");
  return gitRootAbove(existsSync(first) && statSync(first).isDirectory() ? first : path.dirname(first)) ?? path.resolve(request.cwd);
}

/** The config resolver for a folder (an editor's or a run's working folder), stopping where a scan from it would. */
export function resolverFor(cwd: string): ConfigResolver {
  return configResolver({ cwd }, scanRoot({ cwd }));
}

function filterOptions(result: ScanResult, rules: readonly AnyRule[], resolver: ConfigResolver, request: LintRequest, baseline?: BaselineFilter) {
  const configFor = (p: string): CredlintConfig => resolver.forFile(path.join(result.root, p));
  return {
    rules: rules.map((r) => r.meta),
    knownRuleIds: ALL_RULE_IDS,
    configFor,
    configLabel: (c: CredlintConfig) => (c.file ? toPosix(path.relative(result.root, c.file)) : "the defaults"),
    isIgnored: (p: string) => isIgnoredByConfig(configFor(p), path.join(result.root, p)),
    snippet: result.snippet,
    ...(baseline ? { baseline } : {}),
    ...(request.reportUnusedDisableDirectives !== undefined ? { reportUnusedDisableDirectives: request.reportUnusedDisableDirectives } : {}),
    ...(request.quiet ? { quiet: true } : {}),
  };
}

/** Scan, then filter: what every entry point reports. */
export function lint(request: LintRequest, rules: readonly AnyRule[] = selectRules(request.onlyRules, request.disabledRules)): LintResult {
  const resolver = configResolver(request, scanRoot(request));
  const result = scanWith(request, rules, resolver);
  const baseline = baselineFilter(result, resolver, request);
  const filtered = filterFindings(result.findings, result.files, filterOptions(result, rules, resolver, request, baseline.filter));
  return {
    scan: result,
    rules,
    descriptors: descriptorsOf(rules),
    reported: filtered.reported,
    suppressed: filtered.suppressed,
    baselines: baseline.files,
    resolver,
  };
}

export interface BaselineWrite {
  /** Repository-relative path of each baseline written, with its entry and finding counts. */
  readonly written: { readonly file: string; readonly entries: number; readonly findings: number; readonly removed: number }[];
}

/**
 * `credlint baseline [paths]`: records what a scan reports now (after config levels, `allow` and inline
 * directives; never `--quiet`) in the baseline each file belongs to. Entries of files this scan did not read
 * are kept. With `prune`, nothing is added: entries that no longer match anything are dropped.
 */
export function writeBaselines(request: LintRequest, prune: boolean): BaselineWrite {
  const rules = selectRules(request.onlyRules, request.disabledRules);
  const resolver = configResolver(request, scanRoot(request));
  const result = scanWith(request, rules, resolver);
  const filtered = filterFindings(result.findings, result.files, filterOptions(result, rules, resolver, { ...request, quiet: false }));
  // Directive problems are not baselined: they are fixed in the file, where they are.
  const findings = filtered.reported.filter((f) => f.ruleId !== DIRECTIVE_ID);
  const { groups, scope } = groupByBaseline(findings, result, resolver, request);
  const written: BaselineWrite["written"] = [];
  // Entries of rules this run did not run (`--rule`, `--disable-rule`) are neither re-recorded nor pruned.
  const ran = new Set([...rules.map((r) => r.meta.id), ...DIAGNOSTIC_IDS]);
  for (const [file, list] of groups) {
    const previous = existsSync(file) ? readBaseline(file) : undefined;
    const untouched = previous ? previous.findings.filter((e) => !ran.has(e.rule)) : [];
    const existing = previous ? { ...previous, findings: previous.findings.filter((e) => ran.has(e.rule)) } : undefined;
    if (prune && !existing) continue;
    let baseline: Baseline;
    let removed = 0;
    if (prune && existing) {
      const pruned = pruneBaseline(existing, matchBaseline(list, existing, scope(file)));
      baseline = pruned.baseline;
      removed = pruned.removed;
    } else {
      baseline = buildBaseline(list, { ...scope(file), ...(existing ? { existing } : {}) });
    }
    if (untouched.length > 0) baseline = { ...baseline, findings: [...baseline.findings, ...untouched] };
    if (existsSync(file) && statSync(file).isDirectory()) throw new UsageError(`Baseline ${file} is a folder: name a file (e.g. ${path.join(file, BASELINE_FILE_NAME)}).`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeBaseline(file, baseline);
    written.push({
      file: toPosix(path.relative(result.root, file)) || path.basename(file),
      entries: baseline.findings.length,
      findings: baseline.findings.reduce((n, e) => n + e.count, 0),
      removed,
    });
  }
  return { written };
}

/**
 * One file's findings, for the ESLint plugin: the same config (nearest to the file), ignores, file kinds,
 * rule options, directives and baseline as the CLI, over the text the editor holds. Cross-file findings read
 * the files they link to from disk (src/scan/context.ts: the AWS config and credentials files for a named
 * profile, the CI files a workflow calls or includes), cached until those files change. Paths are relative
 * to the git top level above the file (the CLI's paths, which the baseline records), or to `cwd` outside git.
 */
export function lintText(text: string, filename: string, cwd: string, resolver?: ConfigResolver, program?: unknown, visitorKeys?: VisitorKeys): Finding[] {
  const abs = path.resolve(cwd, filename);
  const root = gitRootAbove(path.dirname(abs)) ?? cwd;
  const configs = resolver ?? resolverFor(root);
  const config = configs.forFile(abs);
  if (isIgnoredByConfig(config, abs)) return [];
  const rel = toPosix(path.relative(root, abs));
  const settings = { ...fileScanSettings(config, abs), ...(program !== undefined ? { program } : {}), ...(visitorKeys ? { visitorKeys } : {}) };
  const file = makeSourceFile(rel, settings.kind ?? classify(rel, () => text.slice(0, 4096)), text);
  const context = editorContext(root, file, (p) => configs.forFile(p));
  const configFor = (p: string): CredlintConfig => (p === abs ? config : configs.forFile(p));
  const analysed = analyseModels([parseFile(file, settings), ...context], allRules, undefined, optionsLookup(root, configFor));
  const models = analysed.models;
  const findings = analysed.findings.filter((f) => f.path === rel);
  const result: ScanResult = {
    root,
    findings,
    files: [file],
    scanned: [rel],
    stats: { filesScanned: 1, generated: file.facts.generated ? 1 : 0, ignored: 0, skippedBinary: 0, skippedTooLarge: 0, skippedSymlinks: 0, unreadable: 0 },
    skipped: [],
    snippet: snippetLookup(models),
  };
  const request: LintRequest = { cwd };
  const baseline = baselineFilter(result, configs, request);
  return filterFindings(findings, [file], filterOptions(result, allRules, configs, request, baseline.filter)).reported;
}
