import { mkdtempSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { rules } from "../../rules/index.js";
import type { Finding } from "../../src/model/finding.js";
import { githubLineHashes } from "../../src/report/line-hash.js";
import { helpMarkdownFromDoc, isWrittenPage } from "../../src/report/rule-docs.js";
import { CREDLINT_FINGERPRINT, formatSarif, type RuleDescriptor } from "../../src/report/sarif.js";
import { sourceLookup } from "../../src/report/sources.js";
import { makeSourceFile } from "../../src/model/source.js";
import { PARSE_ERROR_META } from "../../src/scan/diagnostics.js";
import { DIRECTIVE_META } from "../../src/filter/stage.js";
import { scanVirtual } from "../../src/scan/pipeline.js";
import { cli, git, tempRepo } from "../support/cli.js";
import { fakeKeyId, fakeSecret } from "../support/fake-keys.js";
import { sarifValidator } from "../support/sarif-schema.js";
import { ROOT } from "../../scripts/generate.js";

const KEY = fakeKeyId(41);
const SECRET = fakeSecret(41);

const CREDENTIALS = `# team sandbox
[default]
aws_access_key_id = ${KEY}
aws_secret_access_key = "${SECRET}"

[profile ci]
aws_access_key_id = ${fakeKeyId(42)}
aws_secret_key = ${fakeSecret(42)}
`;

const CONFIG = `[dev]
region = us-east1

[profile staging]
role_arn = arn:aws:iam::123456789012:role/Deploy
source_profile = defualt
mfa_serial = 123456
`;

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  snippet?: { text: string };
}
interface Location {
  physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Region };
}
interface Result {
  ruleId: string;
  ruleIndex?: number;
  level: string;
  message: { text: string };
  locations: Location[];
  relatedLocations?: (Location & { id: number; message: { text: string } })[];
  partialFingerprints: Record<string, string>;
}
interface Rule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri: string;
  help: { text: string; markdown: string };
  defaultConfiguration: { level: string };
  properties: { tags: string[]; precision: string; "security-severity"?: string; "problem.severity": string };
}
interface Run {
  tool: { driver: { name: string; semanticVersion: string; rules: Rule[] } };
  automationDetails?: { id: string };
  invocations?: { executionSuccessful: boolean; toolExecutionNotifications: { message: { text: string } }[] }[];
  originalUriBaseIds: Record<string, { uri: string }>;
  columnKind: string;
  results: Result[];
}
interface Log {
  $schema: string;
  version: string;
  runs: Run[];
}

function only<T>(items: readonly T[] | undefined): T {
  expect(items).toHaveLength(1);
  const item = items?.[0];
  if (item === undefined) throw new Error("expected one item");
  return item;
}

function sarif(args: readonly string[], cwd: string): { log: Log; run: Run; text: string; stderr: string; code: number } {
  const r = cli(["--format", "sarif", ...args], cwd);
  if (r.code === 2) throw new Error(r.stderr);
  const log = JSON.parse(r.stdout) as Log;
  return { log, run: only(log.runs), text: r.stdout, stderr: r.stderr, code: r.code };
}

function expectSchemaValid(log: unknown): void {
  const validate = sarifValidator();
  expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
}

const descriptors: RuleDescriptor[] = [...rules.map((r) => r.meta), PARSE_ERROR_META, DIRECTIVE_META];

describe("SARIF for GitHub code scanning", () => {
  const repo = tempRepo({ ".aws/credentials": CREDENTIALS, "infra/.aws/config": CONFIG }, { git: true });
  const { log, run, text, code } = sarif([], repo);

  it("validates against the official SARIF 2.1.0 schema, with one run", () => {
    expect(code).toBe(1);
    expectSchemaValid(log);
    expect(log.version).toBe("2.1.0");
    expect(log.$schema).toBe("https://json.schemastore.org/sarif-2.1.0.json");
    expect(run.columnKind).toBe("utf16CodeUnits");
    expect(run.tool.driver.name).toBe("credlint");
    expect(run.tool.driver.semanticVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(run.results.length).toBeGreaterThan(4);
  });

  it("describes every enabled rule as GitHub reads it", () => {
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(descriptors.map((d) => d.id));
    for (const rule of run.tool.driver.rules) {
      const meta = descriptors.find((d) => d.id === rule.id);
      if (!meta) throw new Error(rule.id);
      expect(rule.name, rule.id).toMatch(/^[A-Z][A-Za-z0-9]{0,254}$/);
      for (const d of [rule.shortDescription.text, rule.fullDescription.text]) {
        expect(d.length, rule.id).toBeGreaterThan(10);
        expect(d.length, rule.id).toBeLessThanOrEqual(1024);
      }
      expect(rule.help.text.length).toBeGreaterThan(50);
      expect(rule.helpUri).toBe(`https://github.com/credlint/credlint/blob/main/docs/rules/${rule.id}.md`);
      expect(rule.defaultConfiguration.level).toBe(meta.severity);
      expect(rule.properties["problem.severity"]).toBe(meta.severity === "note" ? "recommendation" : meta.severity);
      expect(["very-high", "high", "medium", "low"]).toContain(rule.properties.precision);
      const tags = rule.properties.tags;
      expect(tags.length).toBeGreaterThan(0);
      expect(tags.length).toBeLessThanOrEqual(10);
      expect(new Set(tags).size).toBe(tags.length);
      if (tags.includes("security")) expect(tags[0]).toBe("security");
      if (tags.includes("external/cwe/cwe-798")) expect(tags).toContain("security");
      if (meta.securitySeverity > 0) {
        expect(rule.properties["security-severity"]).toBe(meta.securitySeverity.toFixed(1));
      } else {
        expect(rule.properties["security-severity"]).toBeUndefined();
      }
    }
  });

  it("takes help.markdown from the rule's docs page, with absolute links and without the key-bearing examples", () => {
    for (const rule of run.tool.driver.rules.filter((r) => r.id !== "parse-error")) {
      const md = rule.help.markdown;
      const doc = readFileSync(path.join(ROOT, "docs/rules", `${rule.id}.md`), "utf8");
      if (!isWrittenPage(doc)) {
        // A stub page (a rule still being written): the help comes from meta.
        expect(md, rule.id).toMatch(/^\*\*Why it fails\.\*\* /);
        continue;
      }
      expect(md, rule.id).toBe(helpMarkdownFromDoc(doc, rule.id));
      expect(md, rule.id).toContain("## Why it fails");
      expect(md, rule.id).toContain(`${rule.helpUri}#examples`);
      expect(md, rule.id).not.toMatch(/^---$/m);
      expect(md, rule.id).not.toContain("credlint-output");
      expect(md, rule.id).not.toMatch(/```\w* title=/);
      for (const m of md.matchAll(/\]\(([^)\s]+)\)/g)) expect(m[1], rule.id).toMatch(/^https?:\/\//);
    }
    const parseError = run.tool.driver.rules.find((r) => r.id === "parse-error");
    expect(parseError?.help.markdown).toContain("**Why it fails.**");
  });

  it("gives each result one location: a repository-relative URI and a 1-based UTF-16 region", () => {
    const ids = run.tool.driver.rules.map((r) => r.id);
    for (const r of run.results) {
      expect(r.ruleIndex).toBe(ids.indexOf(r.ruleId));
      expect(["error", "warning", "note"]).toContain(r.level);
      expect(r.message.text).toMatch(/^\S.*[.?)]$/s);
      const loc = only(r.locations).physicalLocation;
      expect(loc.artifactLocation.uriBaseId).toBe("%SRCROOT%");
      expect(loc.artifactLocation.uri).toMatch(/^(?!\/)(?!\.\.\/)[^:]+$/);
      const g = loc.region;
      expect(g.startLine).toBeGreaterThanOrEqual(1);
      expect(g.startColumn).toBeGreaterThanOrEqual(1);
      expect(g.endLine).toBeGreaterThanOrEqual(g.startLine);
      expect(g.endColumn).toBeGreaterThanOrEqual(1);
      if (g.endLine === g.startLine) expect(g.endColumn).toBeGreaterThanOrEqual(g.startColumn);
    }
    const region = run.results.find((r) => r.ruleId === "invalid-region");
    expect(region?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: "infra/.aws/config", uriBaseId: "%SRCROOT%" },
      region: { startLine: 2, startColumn: 10, endLine: 2, endColumn: 18, snippet: { text: "region = us-east1" } },
    });
    expect(run.originalUriBaseIds["%SRCROOT%"]?.uri).toBe(pathToFileURL(realpathSync(repo)).href + "/");
  });

  it("computes primaryLocationLineHash as GitHub does, on the file's real text, and adds a line-independent fingerprint", () => {
    for (const r of run.results) {
      const loc = only(r.locations).physicalLocation;
      const source = readFileSync(path.join(repo, loc.artifactLocation.uri), "utf8");
      expect(r.partialFingerprints.primaryLocationLineHash).toBe(githubLineHashes(source)[loc.region.startLine - 1]);
      expect(r.partialFingerprints[CREDLINT_FINGERPRINT]).toMatch(/^[0-9a-f]{32}(:\d+)?$/);
    }
    const fingerprints = run.results.map((r) => r.partialFingerprints[CREDLINT_FINGERPRINT]);
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
  });

  it("never writes a secret: messages and snippets are redacted", () => {
    for (const secret of [SECRET, KEY, fakeSecret(42), fakeKeyId(42)]) expect(text).not.toContain(secret);
    expect(text).toContain(`${SECRET.slice(0, 4)}*`);
  });

  it("omits automationDetails unless --sarif-category is given, and makes the id a category", () => {
    expect(run.automationDetails).toBeUndefined();
    expect(sarif(["--sarif-category", "credentials"], repo).run.automationDetails).toEqual({ id: "credentials/" });
    expect(sarif(["--sarif-category", "creds/aws/"], repo).run.automationDetails).toEqual({ id: "creds/aws/" });
    for (const args of [["--sarif-category", "x"], ["--sarif-category", " ", "--format", "sarif"]]) {
      const r = cli(args, repo);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/^credlint: --sarif-category /);
    }
  });

  it("lists only the enabled rules", () => {
    const ids = sarif(["--disable-rule", "mfa-config"], repo).run.tool.driver.rules.map((r) => r.id);
    expect(ids).not.toContain("mfa-config");
    expect(ids).toContain("invalid-region");
  });
});

describe("SARIF locations when credlint is started elsewhere", () => {
  it("keeps URIs relative to the repository when started from another folder or from a subfolder", () => {
    const repo = tempRepo({ "sub/.aws/config": "[default]\nregion = us-east1\n" }, { git: true });
    const elsewhere = mkdtempSync(path.join(tmpdir(), "credlint-cwd-"));
    const root = pathToFileURL(realpathSync(repo)).href + "/";
    for (const [cwd, target] of [
      [elsewhere, path.join(repo, "sub")],
      [elsewhere, repo],
      [path.join(repo, "sub"), "."],
    ] as const) {
      const { run } = sarif([target], cwd);
      const loc = only(run.results).locations[0]?.physicalLocation;
      expect(loc?.artifactLocation).toEqual({ uri: "sub/.aws/config", uriBaseId: "%SRCROOT%" });
      expect(run.originalUriBaseIds["%SRCROOT%"]?.uri).toBe(root);
    }
  });

  it("outside git, gives a file above the current folder an absolute file URI instead of a ../ path", () => {
    const dir = tempRepo({ ".aws/config": "[default]\nregion = us-east1\n" });
    const elsewhere = mkdtempSync(path.join(tmpdir(), "credlint-cwd-"));
    const { log, run } = sarif([dir], elsewhere);
    expectSchemaValid(log);
    expect(only(run.results).locations[0]?.physicalLocation.artifactLocation).toEqual({
      uri: pathToFileURL(path.join(realpathSync(dir), ".aws/config")).href,
    });
  });

  it("counts columns in UTF-16 code units", () => {
    const comment = "# 😀 rotated";
    const repo = tempRepo({ ".aws/credentials": `[default]\naws_access_key_id = ${KEY}\naws_secret_access_key = ${SECRET}   ${comment}\n` }, { git: true });
    const result = sarif([], repo).run.results.find((r) => r.ruleId === "credential-whitespace");
    const start = `aws_secret_access_key = ${SECRET}   `.length + 1;
    expect(result?.locations[0]?.physicalLocation.region).toMatchObject({ startLine: 3, startColumn: start, endColumn: start + comment.length });
    expect(comment.length).toBe([...comment].length + 1);
  });

  it("escapes URI characters in paths", () => {
    const repo = tempRepo({ "my dir/#1/.aws/config": "[default]\nregion = us-east1\n" }, { git: true });
    const { run } = sarif([], repo);
    expect(only(run.results).locations[0]?.physicalLocation.artifactLocation.uri).toBe("my%20dir/%231/.aws/config");
  });
});

describe("SARIF fingerprints across commits", () => {
  it("keeps credlint's fingerprint and the line hash when lines are added above a finding", () => {
    const before = tempRepo({ ".aws/config": CONFIG }, { git: true });
    const after = tempRepo({ ".aws/config": `# shared config\n\n[default]\nregion = eu-west-1\n\n${CONFIG}` }, { git: true });
    const a = sarif([], before).run.results;
    const b = sarif([], after).run.results;
    expect(b.map((r) => r.partialFingerprints[CREDLINT_FINGERPRINT])).toEqual(a.map((r) => r.partialFingerprints[CREDLINT_FINGERPRINT]));
    expect(b.map((r) => r.partialFingerprints.primaryLocationLineHash)).toEqual(a.map((r) => r.partialFingerprints.primaryLocationLineHash));
    expect(b.map((r) => r.locations[0]?.physicalLocation.region.startLine)).toEqual(
      a.map((r) => (r.locations[0]?.physicalLocation.region.startLine ?? 0) + 5),
    );
  });
});

describe("formatSarif", () => {
  const files = {
    ".aws/credentials": CREDENTIALS,
    ".aws/config": CONFIG,
    "b/.aws/config": "[profile a]\nmfa_serial = arn:aws:iam::123456789012:mfa/alice\nregion = us-east-1\n",
  };
  const findings = scanVirtual(
    Object.entries(files).map(([p, text]) => ({ path: p, text })),
    rules,
    new Date("2026-06-01T00:00:00Z"),
  );
  const sources = sourceLookup(Object.entries(files).map(([p, text]) => makeSourceFile(p, "text", text)));
  const base = { toolVersion: "1.2.3", root: "/repo", rules: descriptors, sources };
  const parse = (t: string): Run => only((JSON.parse(t) as Log).runs);

  it("keeps within GitHub's result limit, most severe first, and says so in a warning and in the run", () => {
    expect(findings.some((f) => f.severity === "warning")).toBe(true);
    const errors = findings.filter((f) => f.severity === "error").length;
    const report = formatSarif(findings, { ...base, limits: { maxResults: errors } });
    expect(report.resultCount).toBe(errors);
    const run = parse(report.text);
    expect(run.results.map((r) => r.level)).toEqual(new Array(errors).fill("error"));
    expect(report.warnings).toEqual([`The SARIF holds ${errors} results of ${findings.length}: GitHub accepts at most ${errors} results per run; the least severe were left out.`]);
    expect(run.invocations?.[0]?.toolExecutionNotifications.map((n) => n.message.text)).toEqual(report.warnings);
    expectSchemaValid(JSON.parse(report.text));
    // Kept results stay in path order.
    expect(run.results.map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri)).toEqual(
      findings.filter((f) => f.severity === "error").map((f) => f.path),
    );
  });

  it("keeps the gzip-compressed file within GitHub's size limit", () => {
    const full = formatSarif(findings, base);
    expect(full.warnings).toEqual([]);
    const limit = Math.floor(gzipSync(full.text).length * 0.9);
    const cut = formatSarif(findings, { ...base, limits: { maxGzipBytes: limit } });
    expect(cut.resultCount).toBeLessThan(findings.length);
    expect(cut.resultCount).toBeGreaterThan(0);
    expect(gzipSync(cut.text).length).toBeLessThanOrEqual(limit);
    expect(gunzipSync(gzipSync(cut.text)).toString()).toBe(cut.text);
    expect(cut.warnings.at(-1)).toMatch(/gzip-compressed SARIF; the least severe were left out\.$/);
    expect(parse(cut.text).results).toHaveLength(cut.resultCount);
  });

  it("keeps within the tag limit, security tags first", () => {
    const meta: RuleDescriptor = { ...PARSE_ERROR_META, id: "many-tags", tags: ["correctness", "portability", "security", "external/cwe/cwe-798"] };
    const report = formatSarif([], { ...base, rules: [meta], limits: { maxTagsPerRule: 2 } });
    expect(parse(report.text).tool.driver.rules[0]?.properties.tags).toEqual(["security", "external/cwe/cwe-798"]);
    expect(report.warnings).toEqual(["1 rule had more than 2 tags; only the first 2 (code scanning shows no more) are in the SARIF."]);
  });

  const finding = (over: Partial<Finding>): Finding => ({
    ruleId: "parse-error",
    severity: "error",
    message: "Something is wrong.",
    path: ".aws/config",
    range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
    related: [],
    snippet: { startLine: 1, lines: [] },
    valueHash: "0",
    fingerprint: "f",
    identity: "i",
    ...over,
  });

  it("ends a range that took the line break on its own line, and keeps an empty range as an insertion point", () => {
    const report = formatSarif(
      [
        finding({ range: { start: { line: 2, column: 1 }, end: { line: 3, column: 1 } }, fingerprint: "a" }),
        finding({ range: { start: { line: 2, column: 10 }, end: { line: 2, column: 10 } }, fingerprint: "b" }),
        finding({ path: "unknown", range: { start: { line: 2, column: 1 }, end: { line: 3, column: 1 } }, fingerprint: "c" }),
      ],
      base,
    );
    const regions = parse(report.text).results.map((r) => r.locations[0]?.physicalLocation.region);
    expect(regions).toEqual([
      { startLine: 2, startColumn: 1, endLine: 2, endColumn: "region = us-east1".length + 1 },
      { startLine: 2, startColumn: 10, endLine: 2, endColumn: 10 },
      { startLine: 2, startColumn: 1, endLine: 3, endColumn: 1 },
    ]);
    expectSchemaValid(JSON.parse(report.text));
  });

  it("escapes brackets that code scanning would read as a link to a related location", () => {
    const report = formatSarif([finding({ message: "Write [profile dev](the header) instead of [dev]." })], base);
    expect(parse(report.text).results[0]?.message.text).toBe("Write \\[profile dev\\](the header) instead of [dev].");
  });

  it("leaves the line hash out when the file's text is unknown (upload-sarif then computes it)", () => {
    const report = formatSarif([finding({ path: "binary.bin" })], base);
    expect(parse(report.text).results[0]?.partialFingerprints).toEqual({ [CREDLINT_FINGERPRINT]: "f" });
  });
});

describe("credlint's SARIF passes credlint", () => {
  it("holds nothing that credlint's own detectors would report", () => {
    const repo = tempRepo({ ".aws/credentials": CREDENTIALS, "infra/.aws/config": CONFIG }, { git: true });
    git(repo, "add", "-A");
    const report = cli(["--format", "sarif"], repo).stdout;
    const out = tempRepo({});
    writeFileSync(path.join(out, "credlint.sarif"), report);
    const r = cli(["--format", "json"], out);
    expect((JSON.parse(r.stdout) as { findings: unknown[] }).findings).toEqual([]);
  });
});
