import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { rules } from "../../rules/index.js";
import type { Finding } from "../../src/model/finding.js";
import {
  ANNOTATIONS_SHOWN_PER_LEVEL,
  annotation,
  byImportance,
  escapeData,
  escapeMarkdown,
  escapeProperty,
  formatGithubAnnotations,
  formatGithubSummary,
} from "../../src/report/github.js";
import type { RuleDescriptor } from "../../src/report/sarif.js";
import { PARSE_ERROR_META } from "../../src/scan/diagnostics.js";
import { cli, tempRepo } from "../support/cli.js";
import { fakeKeyId, fakeSecret } from "../support/fake-keys.js";

const descriptors: RuleDescriptor[] = [...rules.map((r) => r.meta), PARSE_ERROR_META];
const stats = { filesScanned: 3, generated: 0, ignored: 0, skippedBinary: 0, skippedTooLarge: 0, skippedSymlinks: 0, unreadable: 0 };

const finding = (over: Partial<Finding>): Finding => ({
  ruleId: "invalid-region",
  severity: "error",
  message: "Bad region.",
  path: ".aws/config",
  range: { start: { line: 2, column: 10 }, end: { line: 2, column: 18 } },
  related: [],
  snippet: { startLine: 1, lines: [] },
  valueHash: "0",
  fingerprint: "f",
  identity: "i",
  ...over,
});

/** The runner's own parsing of a workflow command (actions/runner ActionCommand.TryParseV2), for round trips. */
function parseCommand(line: string): { command: string; properties: Record<string, string>; data: string } {
  const m = /^::([a-z]+)(?: ([^:]*))?::(.*)$/.exec(line);
  if (!m) throw new Error(`not a workflow command: ${line}`);
  const unescape = (s: string): string =>
    s.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%3A/g, ":").replace(/%2C/g, ",").replace(/%25/g, "%");
  const properties: Record<string, string> = {};
  for (const pair of (m[2] ?? "").split(",").filter((p) => p !== "")) {
    const eq = pair.indexOf("=");
    properties[pair.slice(0, eq)] = unescape(pair.slice(eq + 1));
  }
  return { command: m[1] ?? "", properties, data: unescape(m[3] ?? "") };
}

describe("workflow command escaping", () => {
  it("escapes data and properties as the runner unescapes them", () => {
    expect(escapeData("50% done\r\nnext")).toBe("50%25 done%0D%0Anext");
    expect(escapeProperty("a:b,c%\n")).toBe("a%3Ab%2Cc%25%0A");
    const line = annotation(
      finding({ path: "dir, with: colons%/.aws/config", message: "Line one\nline two, with: 100%25 of ::error:: in it." }),
    );
    expect(line.split("\n")).toHaveLength(1);
    const parsed = parseCommand(line);
    expect(parsed.properties.file).toBe("dir, with: colons%/.aws/config");
    // visible() turns the line feed into a visible stand-in: one annotation line, nothing injected.
    expect(parsed.data).toBe("Line one\u240aline two, with: 100%25 of ::error:: in it.");
  });

  it("never lets a control character from a scanned file reach the log", () => {
    const line = annotation(finding({ message: "Key \u001b[31mred\u001b[0m ok." }));
    expect(line).not.toContain("\u001b");
  });
});

describe("annotations", () => {
  it("gives file, lines, columns (UTF-16, end exclusive) and a title", () => {
    expect(annotation(finding({}))).toBe("::error file=.aws/config,line=2,endLine=2,col=10,endColumn=18,title=credlint%3A invalid-region::Bad region.");
    expect(annotation(finding({ severity: "warning" }))).toMatch(/^::warning /);
    expect(annotation(finding({ severity: "note" }))).toMatch(/^::notice /);
  });

  it("gives lines only for a range over several lines (the runner drops columns there)", () => {
    const line = annotation(finding({ range: { start: { line: 4, column: 30 }, end: { line: 14, column: 5 } } }));
    expect(parseCommand(line).properties).toEqual({ file: ".aws/config", line: "4", endLine: "14", title: "credlint: invalid-region" });
  });

  it("ends a range that took the line break on its own line", () => {
    const whole = annotation(finding({ range: { start: { line: 4, column: 3 }, end: { line: 5, column: 1 } } }));
    expect(parseCommand(whole).properties).toEqual({ file: ".aws/config", line: "4", endLine: "4", col: "3", title: "credlint: invalid-region" });
    const block = annotation(finding({ range: { start: { line: 4, column: 1 }, end: { line: 9, column: 1 } } }));
    expect(parseCommand(block).properties).toMatchObject({ line: "4", endLine: "8" });
  });

  it("puts the most severe first: level, then security severity, then precision, then place", () => {
    const list = [
      finding({ ruleId: "mfa-config", severity: "warning", fingerprint: "1" }),
      finding({ ruleId: "invalid-region", severity: "error", path: "b", fingerprint: "2" }),
      finding({ ruleId: "temporary-credentials", severity: "error", path: "z", fingerprint: "3" }),
      finding({ ruleId: "invalid-region", severity: "error", path: "a", fingerprint: "4" }),
      finding({ ruleId: "parse-error", severity: "note", fingerprint: "5" }),
    ];
    // temporary-credentials has security-severity 5.0, invalid-region 1.0.
    expect(byImportance(list, descriptors).map((f) => f.fingerprint)).toEqual(["3", "4", "2", "1", "5"]);
  });

  it("ends with a count line, and says how many annotations GitHub will not show", () => {
    const many = Array.from({ length: ANNOTATIONS_SHOWN_PER_LEVEL + 3 }, (_, i) =>
      finding({ range: { start: { line: i + 1, column: 1 }, end: { line: i + 1, column: 2 } }, fingerprint: String(i) }),
    );
    const out = formatGithubAnnotations([...many, finding({ severity: "warning" })], { rules: descriptors, stats }).trimEnd().split("\n");
    expect(out.filter((l) => l.startsWith("::error "))).toHaveLength(13);
    expect(out.at(-2)).toBe("credlint: 14 problems (13 errors, 1 warning), 3 files scanned.");
    expect(out.at(-1)).toBe(
      "credlint: GitHub shows the first 10 annotations of each level per step; 3 more errors are in this log, the job summary and the SARIF report.",
    );
    expect(formatGithubAnnotations([], { rules: descriptors, stats })).toBe("credlint: no problems found, 3 files scanned.\n");
  });
});

describe("job summary", () => {
  it("counts by severity and by rule, with links to the rule docs", () => {
    const md = formatGithubSummary(
      [
        finding({ fingerprint: "1" }),
        finding({ fingerprint: "2", path: "b/.aws/config" }),
        finding({ ruleId: "mfa-config", severity: "warning", fingerprint: "3" }),
      ],
      { rules: descriptors, stats },
    );
    expect(md).toContain("### credlint: ✖ 3 problems (2 errors, 1 warning)\n\n3 files scanned.\n");
    expect(md).toContain("| error | 2 |\n| warning | 1 |\n| note | 0 |");
    expect(md).toContain(
      '| <a href="https://github.com/credlint/credlint/blob/main/docs/rules/invalid-region.md"><code>invalid-region</code></a> | error | 2 |',
    );
    expect(md).toContain("| warning | <code>.aws/config:2:10</code> | <code>mfa-config</code> | Bad region. |");
    expect(formatGithubSummary([], { rules: descriptors, stats })).toBe("### credlint: ✔ no problems found\n\n3 files scanned.\n\n");
  });

  it("HTML-escapes paths and messages, so a file name cannot inject markup or break the table", () => {
    const md = formatGithubSummary([finding({ path: "x/<img src=x onerror=alert(1)>|*_`[a](b).md", message: "Uses <b> & |pipes|." })], {
      rules: descriptors,
      stats,
    });
    expect(md).not.toContain("<img");
    expect(md).not.toContain("<b>");
    expect(md).toContain("x/&#60;img src=x onerror=alert(1)&#62;&#124;&#42;&#95;&#96;&#91;a&#93;(b).md:2:10");
    expect(md).toContain("Uses &#60;b&#62; &#38; &#124;pipes&#124;.");
    const row = md.split("\n").find((l) => l.includes("onerror"));
    expect(row?.split("|")).toHaveLength(6);
    expect(escapeMarkdown("a\nb\r\nc")).toBe("a b c");
  });
});

describe("credlint --format github", () => {
  const key = fakeKeyId(51);
  const secret = fakeSecret(51);
  const files = {
    ".aws/credentials": `[default]\naws_access_key_id = ${key}\naws_secret_access_key = "${secret}"\n`,
    ".aws/config": "[dev]\nregion = us-east1\n[profile a]\nmfa_serial = 123456\n",
  };

  it("prints annotations and appends the job summary to $GITHUB_STEP_SUMMARY", () => {
    const dir = tempRepo(files, { git: true });
    const summary = path.join(dir, "..", `${path.basename(dir)}-summary.md`);
    writeFileSync(summary, "previous step\n");
    const r = cli(["--format", "github"], dir, { GITHUB_STEP_SUMMARY: summary });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    const lines = r.stdout.trimEnd().split("\n");
    const commands = lines.filter((l) => l.startsWith("::"));
    expect(commands.length).toBeGreaterThan(2);
    for (const c of commands) expect(parseCommand(c).properties.file).toMatch(/^\.aws\/(config|credentials)$/);
    const levels = commands.map((c) => parseCommand(c).command);
    expect(levels).toEqual([...levels].sort((a, b) => ["error", "warning", "notice"].indexOf(a) - ["error", "warning", "notice"].indexOf(b)));
    expect(lines.at(-1)).toMatch(/^credlint: \d+ problems \(\d+ errors, \d+ warnings?\), 2 files scanned\.$/);
    const md = readFileSync(summary, "utf8");
    expect(md.startsWith("previous step\n### credlint: ✖")).toBe(true);
    for (const out of [r.stdout, md]) {
      expect(out).not.toContain(secret);
      expect(out).not.toContain(key);
    }
  });

  it("works without $GITHUB_STEP_SUMMARY, and warns (without failing) when it cannot be written", () => {
    const dir = tempRepo(files);
    expect(cli(["--format", "github"], dir).stdout).toContain("::error file=.aws/config,");
    const r = cli(["--format", "github"], dir, { GITHUB_STEP_SUMMARY: path.join(dir, "no/such/dir/summary.md") });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^credlint: warning: cannot write the job summary to \$GITHUB_STEP_SUMMARY: /);
  });
});
