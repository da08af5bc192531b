import { readFileSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderDocForTerminal } from "../../src/report/doc-terminal.js";
import { cli, tempRepo } from "../support/cli.js";

const CONFIG = `[default]
region = us-east1
mfa_serial = 123456

[profile ci]
region = eu-west-1
`;

function scanned(format: "sarif" | "json", out: string): { dir: string; fingerprints: string[] } {
  const dir = tempRepo({ ".aws/config": CONFIG }, { git: true });
  const r = cli(["-f", format, "-o", out], dir);
  expect(r.code).toBe(1);
  const report = JSON.parse(readFileSync(path.join(dir, out), "utf8")) as {
    findings?: { fingerprint: string }[];
    runs?: { results: { partialFingerprints: Record<string, string> }[] }[];
  };
  const fingerprints = report.findings?.map((f) => f.fingerprint) ?? report.runs?.[0]?.results.map((r) => r.partialFingerprints["credlint/v1"] ?? "") ?? [];
  return { dir, fingerprints };
}

describe("credlint explain", () => {
  it("prints a rule's page for the terminal: no front matter, headings, absolute links", () => {
    const r = cli(["explain", "invalid-region"], tempRepo({}));
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith("invalid-region — error, fixable with --fix\nDocs: https://")).toBe(true);
    expect(r.stdout).not.toContain("precision: very-high");
    expect(r.stdout).toContain("\nWHY IT FAILS\n");
    expect(r.stdout).toContain("\nHOW TO FIX\n");
    expect(r.stdout).toContain("`credential-key-name` (https://github.com/credlint/credlint/blob/main/docs/rules/credential-key-name.md)");
    // Not a terminal: no escape codes.
    expect(r.stdout).not.toContain("\u001b[");
  });

  it("knows the diagnostics too, and suggests a rule for a typo", () => {
    expect(cli(["explain", "disable-directive"], tempRepo({})).stdout).toContain("disable-directive");
    const r = cli(["explain", "invalid-regoin"], tempRepo({}));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("credlint: explain invalid-regoin: no such rule (did you mean invalid-region?), and not a fingerprint. See credlint --list-rules.\n");
    expect(cli(["explain"], tempRepo({})).stderr).toContain("explain needs a rule id or a finding's fingerprint");
  });

  it("explains a finding of the newest SARIF report by its fingerprint, or a prefix of it", () => {
    const { dir, fingerprints } = scanned("sarif", "results.sarif");
    const fp = fingerprints[0] ?? "";
    expect(fp).toMatch(/^[0-9a-f]{32}$/);
    const r = cli(["explain", fp.slice(0, 8)], dir);
    expect(r.code).toBe(0);
    const [where, message] = r.stdout.split("\n");
    expect(where).toMatch(new RegExp(`^\\.aws/config:\\d+:\\d+  [a-z-]+  \\(finding ${fp} in results\\.sarif\\)$`));
    expect(message?.length).toBeGreaterThan(20);
    expect(r.stdout).toContain("WHY IT FAILS");
  });

  it("reads JSON reports and --report, and says what went wrong otherwise", () => {
    const { dir, fingerprints } = scanned("json", "out/credlint.json");
    const fp = fingerprints[1] ?? "";
    // Not in the current folder: only --report finds it.
    expect(cli(["explain", fp], dir).stderr).toContain("no report to look");
    const r = cli(["explain", fp, "--report", "out/credlint.json"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`(finding ${fp} in out/credlint.json)`);
    expect(cli(["explain", "abcdef12", "--report", "out/credlint.json"], dir).stderr).toBe("credlint: no finding with fingerprint abcdef12 in out/credlint.json.\n");
    writeFileSync(path.join(dir, "broken.sarif"), "{ not json");
    expect(cli(["explain", fp, "--report", "broken.sarif"], dir).stderr).toContain("broken.sarif is not a credlint JSON or SARIF report");
  });

  it("looks in the newest report first", () => {
    const { dir, fingerprints } = scanned("sarif", "old.sarif");
    const fp = fingerprints[0] ?? "";
    cli(["-f", "json", "-o", "credlint-latest.json"], dir);
    utimesSync(path.join(dir, "old.sarif"), new Date(2020, 0, 1), new Date(2020, 0, 1));
    expect(cli(["explain", fp], dir).stdout).toContain("in credlint-latest.json)");
  });
});

describe("renderDocForTerminal", () => {
  const doc = `---
id: x
---

# some-rule

> One line.

Text with \`code\` and a [link](other.md) and **bold**.

| a | b |
|---|---|
| 1 | 2 |

\`\`\`ini
[default]
region = us-east-1
\`\`\`

## How to fix
`;

  it("renders headings, code, links and tables as plain text", () => {
    expect(renderDocForTerminal(doc, "some-rule", false)).toBe(`some-rule

  One line.

Text with \`code\` and a link (https://github.com/credlint/credlint/blob/main/docs/rules/other.md) and bold.

| a | b |
| 1 | 2 |

    (ini)
    [default]
    region = us-east-1

HOW TO FIX
`);
  });

  it("styles with ANSI codes only when asked", () => {
    const colored = renderDocForTerminal(doc, "some-rule", true);
    expect(colored).toContain("\u001b[1m\u001b[4msome-rule\u001b[0m\u001b[0m");
    expect(colored).toContain("\u001b[36mcode\u001b[0m");
  });
});
