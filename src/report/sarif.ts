import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import type * as Zlib from "node:zlib";
import type { Finding, Severity } from "../model/finding.js";
import { SEVERITY_RANK } from "../model/finding.js";
import type { Range } from "../model/source.js";
import { docsUrl, type Precision, type RuleMeta, type MessageTemplates } from "../model/rule.js";
import type { SourceLookup } from "./sources.js";

/** What a reporter needs of a rule: its meta, never its internals. */
export type RuleDescriptor = Pick<
  RuleMeta<MessageTemplates>,
  "id" | "description" | "severity" | "securitySeverity" | "precision" | "tags" | "help"
> & { readonly messageTags?: Readonly<Record<string, readonly string[] | undefined>> };

const LEVEL: Readonly<Record<Severity, "error" | "warning" | "note">> = { error: "error", warning: "warning", note: "note" };

/** GitHub's `problem.severity` for the same levels (its third value is `recommendation`). */
const PROBLEM_SEVERITY: Readonly<Record<Severity, "error" | "warning" | "recommendation">> = {
  error: "error",
  warning: "warning",
  note: "recommendation",
};

const PRECISION_RANK: Readonly<Record<Precision, number>> = { "very-high": 4, high: 3, medium: 2, low: 1 };

export const SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";

/** The key of credlint's own fingerprint in `partialFingerprints` (rule + path + value: survives line moves). */
export const CREDLINT_FINGERPRINT = "credlint/v1";

/**
 * GitHub code scanning's upload limits (docs.github.com, "SARIF support for code scanning" and "SARIF
 * results exceed one or more limits"): a run may hold 25,000 results; a rule 20 tags, of which only 10 are
 * shown; a result 1,000 locations, of which 100 are shown; and the gzip-compressed file may be 10 MB.
 * credlint keeps to what is shown where GitHub would drop the rest anyway, and warns when it leaves
 * anything out.
 */
export interface SarifLimits {
  readonly maxResults: number;
  readonly maxTagsPerRule: number;
  readonly maxRelatedLocations: number;
  readonly maxGzipBytes: number;
}

export const GITHUB_SARIF_LIMITS: SarifLimits = {
  maxResults: 25_000,
  maxTagsPerRule: 10,
  maxRelatedLocations: 100,
  maxGzipBytes: 10 * 1024 * 1024,
};

/** GitHub shows at most this many characters of a rule's short and full descriptions, and of its name. */
const MAX_DESCRIPTION = 1024;
const MAX_NAME = 255;

export interface SarifOptions {
  readonly toolVersion: string;
  /** Absolute path of the scan root (the git top level): `%SRCROOT%`. */
  readonly root: string;
  readonly rules: readonly RuleDescriptor[];
  /** Line hashes and line lengths of the scanned files (never their text). */
  readonly sources?: SourceLookup;
  /** Each rule's docs page as Markdown, by rule id; rules without one get Markdown built from meta. */
  readonly helpMarkdown?: ReadonlyMap<string, string>;
  /** `--sarif-category`: sets `automationDetails.id` so code scanning keeps this analysis apart. */
  readonly category?: string;
  readonly limits?: Partial<SarifLimits>;
}

export interface SarifReport {
  readonly text: string;
  /** What was left out to stay within GitHub's limits, one sentence each (also in the log's notifications). */
  readonly warnings: readonly string[];
  /** Results in the file (findings minus those left out). */
  readonly resultCount: number;
}

function encodeUri(relPath: string): string {
  return relPath
    .split("/")
    .map((seg) => encodeURIComponent(seg))
    .join("/");
}

/**
 * A repository-relative URI against `%SRCROOT%`. A path outside the root (only possible outside a git
 * work tree, when a scanned path is not below the current folder) has no repository-relative form: it is
 * given as an absolute file URI, which code scanning makes relative to the checkout when it can.
 */
function artifactLocation(relPath: string, root: string): { uri: string; uriBaseId?: string } {
  if (relPath === ".." || relPath.startsWith("../") || path.isAbsolute(relPath)) {
    return { uri: pathToFileURL(path.resolve(root, relPath)).href };
  }
  return { uri: encodeUri(relPath), uriBaseId: "%SRCROOT%" };
}

interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  snippet?: { text: string };
}

/**
 * A SARIF region from a credlint range: both are 1-based with UTF-16 columns and an exclusive end. A range
 * that ends at column 1 of a later line (it took the line break) ends, for code scanning, after the last
 * character of the line before — otherwise GitHub would mark one line too many and the alert would need
 * that line in a pull request's diff. An empty range stays an insertion point (`endColumn` = `startColumn`).
 */
function region(filePath: string, range: Range, sources: SourceLookup | undefined): SarifRegion {
  const { start } = range;
  let end = range.end;
  if (end.line > start.line && end.column === 1) {
    const length = sources?.lineLength(filePath, end.line - 1);
    if (length !== undefined) end = { line: end.line - 1, column: length + 1 };
  }
  const endColumn = end.line === start.line ? Math.max(end.column, start.column) : Math.max(end.column, 1);
  return { startLine: start.line, startColumn: Math.max(start.column, 1), endLine: end.line, endColumn };
}

function title(description: string): string {
  return description.replace(/\.$/, "");
}

/** Cuts text to `max` characters at a word boundary, with an ellipsis. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

/**
 * SARIF message text treats `[text](id)` as a link to a related location; a message that quotes an INI
 * header followed by a parenthesis would be taken for one. Escape those brackets (SARIF §3.11.6).
 */
function escapeEmbeddedLinks(text: string): string {
  return text.replace(/\[([^\]\n]*)\]\(/g, (_, inner: string) => `\\[${inner}\\](`);
}

/** Security tags first, so they survive the tag limit and lead in code scanning's filters. */
function orderedTags(tags: readonly string[]): string[] {
  const rank = (t: string): number => (t === "security" ? 0 : t.startsWith("external/") ? 1 : 2);
  return [...new Set(tags)].sort((a, b) => rank(a) - rank(b));
}

function ruleName(id: string): string {
  return id
    .split("-")
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
}

function metaMarkdown(meta: RuleDescriptor): string {
  return `**Why it fails.** ${meta.help.why}\n\n**How to fix.** ${meta.help.fix}\n\n[Rule documentation](${docsUrl(meta.id)})\n`;
}

/** Which findings to keep when not all fit: the most severe, then the highest security severity and precision. */
function priorityOrder(findings: readonly Finding[], byId: ReadonlyMap<string, RuleDescriptor>): number[] {
  const key = (f: Finding): [number, number, number] => {
    const meta = byId.get(f.ruleId);
    // Open results before suppressed ones: code scanning shows suppressed results as dismissed.
    return [(f.suppression ? 0 : 10) + SEVERITY_RANK[f.severity], meta?.securitySeverity ?? 0, meta ? PRECISION_RANK[meta.precision] : 0];
  };
  return findings
    .map((f, i) => ({ i, k: key(f) }))
    .sort((a, b) => b.k[0] - a.k[0] || b.k[1] - a.k[1] || b.k[2] - a.k[2] || a.i - b.i)
    .map((x) => x.i);
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;
}

/**
 * SARIF 2.1.0 for GitHub code scanning: one run; every enabled rule described (name, short and full
 * description, help text and Markdown, default level, tags, precision, `security-severity` as a string);
 * one location per result with a repository-relative URI against `%SRCROOT%`, 1-based UTF-16 columns;
 * `partialFingerprints` with GitHub's `primaryLocationLineHash` (computed on the real text, only the hash
 * is written) and credlint's own fingerprint, which does not depend on the line. Messages and snippets come
 * from findings, which never hold a secret.
 */
export function formatSarif(findings: readonly Finding[], options: SarifOptions): SarifReport {
  const limits: SarifLimits = { ...GITHUB_SARIF_LIMITS, ...options.limits };
  const warnings: string[] = [];
  const byId = new Map(options.rules.map((r) => [r.id, r]));
  const ruleIndex = new Map<string, number>();
  let tagsCut = 0;
  const rules = options.rules.map((meta, i) => {
    ruleIndex.set(meta.id, i);
    const tags = orderedTags(meta.tags);
    if (tags.length > limits.maxTagsPerRule) tagsCut++;
    const short = title(meta.description);
    return {
      id: meta.id,
      name: clip(ruleName(meta.id), MAX_NAME),
      shortDescription: { text: clip(short, MAX_DESCRIPTION) },
      fullDescription: { text: clip(`${short}. ${meta.help.why}`, MAX_DESCRIPTION) },
      helpUri: docsUrl(meta.id),
      help: {
        text: `${meta.help.why}\n\nHow to fix: ${meta.help.fix}\n\nDocs: ${docsUrl(meta.id)}`,
        markdown: options.helpMarkdown?.get(meta.id) ?? metaMarkdown(meta),
      },
      defaultConfiguration: { level: LEVEL[meta.severity] },
      properties: {
        tags: tags.slice(0, limits.maxTagsPerRule),
        precision: meta.precision,
        "problem.severity": PROBLEM_SEVERITY[meta.severity],
        // GitHub: 0.0 means "no security severity"; a rule with none is left without the property.
        ...(meta.securitySeverity > 0 ? { "security-severity": meta.securitySeverity.toFixed(1) } : {}),
      },
    };
  });
  if (tagsCut > 0) {
    warnings.push(`${plural(tagsCut, "rule")} had more than ${limits.maxTagsPerRule} tags; only the first ${limits.maxTagsPerRule} (code scanning shows no more) are in the SARIF.`);
  }

  let relatedCut = 0;
  const toResult = (f: Finding): object => {
    const index = ruleIndex.get(f.ruleId);
    const messageTags = f.messageId ? byId.get(f.ruleId)?.messageTags?.[f.messageId] : undefined;
    const where = region(f.path, f.range, options.sources);
    const line = f.snippet.lines[f.range.start.line - f.snippet.startLine];
    if (line !== undefined && f.range.start.line >= f.snippet.startLine) where.snippet = { text: line };
    const lineHash = options.sources?.lineHash(f.path, f.range.start.line);
    if (f.related.length > limits.maxRelatedLocations) relatedCut++;
    const related = f.related.slice(0, limits.maxRelatedLocations);
    return {
      ruleId: f.ruleId,
      ...(index !== undefined ? { ruleIndex: index } : {}),
      level: LEVEL[f.severity],
      message: { text: escapeEmbeddedLinks(f.message) },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(f.path, options.root), region: where } }],
      ...(related.length > 0
        ? {
            relatedLocations: related.map((r, i) => ({
              id: i + 1,
              physicalLocation: {
                artifactLocation: artifactLocation(r.path, options.root),
                region: region(r.path, r.range, options.sources),
              },
              message: { text: escapeEmbeddedLinks(r.message) },
            })),
          }
        : {}),
      partialFingerprints: {
        ...(lineHash !== undefined ? { primaryLocationLineHash: lineHash } : {}),
        [CREDLINT_FINGERPRINT]: f.fingerprint,
      },
      // A baseline in use: `unchanged` for what it records, `new` for the rest (SARIF §3.27.24).
      ...(f.baselineState ? { baselineState: f.baselineState } : {}),
      // SARIF §3.34: `inSource` for a directive or marker in the file, `external` for the baseline or the config's allow list.
      ...(f.suppression
        ? { suppressions: [{ kind: f.suppression.kind, status: "accepted", justification: f.suppression.justification ?? f.suppression.by }] }
        : {}),
      ...(f.confidence || messageTags ? { properties: { ...(f.confidence ? { precision: f.confidence } : {}), ...(messageTags ? { tags: [...messageTags] } : {}) } } : {}),
    };
  };
  const allResults = findings.map(toResult);
  if (relatedCut > 0) {
    warnings.push(`${plural(relatedCut, "result")} had more than ${limits.maxRelatedLocations} related locations; only the first ${limits.maxRelatedLocations} are in the SARIF.`);
  }

  const rootUri = pathToFileURL(options.root.endsWith(path.sep) ? options.root : options.root + path.sep).href;
  const category = options.category === undefined ? undefined : options.category.endsWith("/") ? options.category : `${options.category}/`;
  const render = (keep: ReadonlySet<number> | undefined, notes: readonly string[]): string => {
    const results = keep ? allResults.filter((_, i) => keep.has(i)) : allResults;
    const log = {
      $schema: SARIF_SCHEMA_URI,
      version: "2.1.0",
      runs: [
        {
          tool: {
            driver: {
              name: "credlint",
              version: options.toolVersion,
              semanticVersion: options.toolVersion,
              informationUri: "https://github.com/credlint/credlint",
              rules,
            },
          },
          ...(category !== undefined ? { automationDetails: { id: category } } : {}),
          ...(notes.length > 0
            ? {
                invocations: [
                  {
                    executionSuccessful: true,
                    toolExecutionNotifications: notes.map((text) => ({ level: "warning", message: { text } })),
                  },
                ],
              }
            : {}),
          originalUriBaseIds: { "%SRCROOT%": { uri: rootUri } },
          columnKind: "utf16CodeUnits",
          results,
        },
      ],
    };
    return JSON.stringify(log, null, 2) + "\n";
  };

  // Results beyond GitHub's limits: keep the most important, in their original order.
  const order = priorityOrder(findings, byId);
  const keepFirst = (n: number): Set<number> => new Set(order.slice(0, n));
  const notesFor = (kept: number, tooLarge: boolean): string[] => {
    if (kept >= findings.length) return warnings;
    const why = tooLarge
      ? `GitHub accepts at most ${limits.maxGzipBytes.toLocaleString("en-US")} bytes of gzip-compressed SARIF`
      : `GitHub accepts at most ${plural(limits.maxResults, "result")} per run`;
    return [...warnings, `The SARIF holds ${plural(kept, "result")} of ${findings.length.toLocaleString("en-US")}: ${why}; the least severe were left out.`];
  };
  const textFor = (kept: number, tooLarge: boolean): string =>
    render(kept < findings.length ? keepFirst(kept) : undefined, notesFor(kept, tooLarge));
  // `node:zlib` only for SARIF: a pre-commit run's text report never loads it.
  const { gzipSync } = createRequire(import.meta.url)("node:zlib") as typeof Zlib;
  const fits = (text: string): boolean => gzipSync(text).length <= limits.maxGzipBytes;
  let kept = Math.min(findings.length, limits.maxResults);
  let tooLarge = false;
  let text = textFor(kept, tooLarge);
  if (!fits(text)) {
    tooLarge = true;
    let lo = 0;
    let hi = kept - 1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (fits(textFor(mid, true))) lo = mid;
      else hi = mid - 1;
    }
    kept = lo;
    text = textFor(kept, true);
  }
  return { text, warnings: notesFor(kept, tooLarge), resultCount: kept };
}
