import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Finding, Severity } from "../model/finding.js";
import { docsUrl, type RuleMeta, type MessageTemplates } from "../model/rule.js";

/** What a reporter needs of a rule: its meta, never its internals. */
export type RuleDescriptor = Pick<
  RuleMeta<MessageTemplates>,
  "id" | "description" | "severity" | "securitySeverity" | "precision" | "tags" | "help"
>;

const LEVEL: Readonly<Record<Severity, "error" | "warning" | "note">> = { error: "error", warning: "warning", note: "note" };

export const SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";

function encodeUri(relPath: string): string {
  return relPath
    .split("/")
    .map((seg) => encodeURIComponent(seg))
    .join("/");
}

function region(f: { range: Finding["range"] }): Record<string, number> {
  const { start, end } = f.range;
  const empty = start.line === end.line && start.column === end.column;
  if (empty) return { startLine: start.line };
  return { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: Math.max(end.column, 1) };
}

function title(description: string): string {
  return description.replace(/\.$/, "");
}

export interface SarifOptions {
  readonly toolVersion: string;
  /** Absolute path of the scan root: `%SRCROOT%`. */
  readonly root: string;
  readonly rules: readonly RuleDescriptor[];
}

/** SARIF 2.1.0, one run, every enabled rule described, repo-relative URIs against `%SRCROOT%`. */
export function formatSarif(findings: readonly Finding[], options: SarifOptions): string {
  const ruleIndex = new Map<string, number>();
  const rules = options.rules.map((meta, i) => {
    ruleIndex.set(meta.id, i);
    const helpText = `${meta.help.why}\n\nHow to fix: ${meta.help.fix}\n\nDocs: ${docsUrl(meta.id)}`;
    const helpMarkdown = `**Why it fails.** ${meta.help.why}\n\n**How to fix.** ${meta.help.fix}\n\n[Rule documentation](${docsUrl(meta.id)})`;
    return {
      id: meta.id,
      name: meta.id
        .split("-")
        .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
        .join(""),
      shortDescription: { text: title(meta.description) },
      fullDescription: { text: `${title(meta.description)}. ${meta.help.why}` },
      helpUri: docsUrl(meta.id),
      help: { text: helpText, markdown: helpMarkdown },
      defaultConfiguration: { level: LEVEL[meta.severity] },
      properties: {
        tags: [...meta.tags],
        precision: meta.precision,
        "security-severity": meta.securitySeverity.toFixed(1),
      },
    };
  });
  const results = findings.map((f) => {
    const index = ruleIndex.get(f.ruleId);
    return {
      ruleId: f.ruleId,
      ...(index !== undefined ? { ruleIndex: index } : {}),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeUri(f.path), uriBaseId: "%SRCROOT%" },
            region: {
              ...region(f),
              ...(f.snippet.lines.length > 0 && f.range.start.line >= f.snippet.startLine
                ? { snippet: { text: f.snippet.lines[f.range.start.line - f.snippet.startLine] ?? "" } }
                : {}),
            },
          },
        },
      ],
      ...(f.related.length > 0
        ? {
            relatedLocations: f.related.map((r, i) => ({
              id: i + 1,
              physicalLocation: {
                artifactLocation: { uri: encodeUri(r.path), uriBaseId: "%SRCROOT%" },
                region: region(r),
              },
              message: { text: r.message },
            })),
          }
        : {}),
      partialFingerprints: { "credlint/v1": f.fingerprint },
    };
  });
  const rootUri = pathToFileURL(options.root.endsWith(path.sep) ? options.root : options.root + path.sep).href;
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
        originalUriBaseIds: { "%SRCROOT%": { uri: rootUri } },
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + "\n";
}
