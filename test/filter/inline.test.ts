/**
 * Inline suppressions through the whole CLI: credlint's own directives, and other secret scanners' markers,
 * which silence the hard-coded secret rules on their line (or the next, where the marker says so) and
 * nothing else.
 */
import { describe, expect, it } from "vitest";
import { cli, tempRepo } from "../support/cli.js";
import { fakeKeyId, fakePassword, fakeSecret } from "../support/fake-secrets.js";

const KEY = fakePassword(9501, 32).replace(/[^A-Za-z0-9]/g, "k");

function findings(files: Record<string, string>): string[] {
  const dir = tempRepo(files);
  const r = cli(["--format", "json", "."], dir);
  return (JSON.parse(r.stdout) as { findings: { ruleId: string; path: string; line: number }[] }).findings.map((f) => `${f.path}:${f.line} ${f.ruleId}`);
}

const MARKED: readonly (readonly [tool: string, line: string])[] = [
  ["gitleaks", `API_KEY = "${KEY}"  # gitleaks:allow`],
  ["TruffleHog", `API_KEY = "${KEY}"  # trufflehog:ignore`],
  ["GitGuardian", `API_KEY = "${KEY}"  # ggignore`],
  ["detect-secrets", `API_KEY = "${KEY}"  # pragma: allowlist secret`],
  ["checkov", `API_KEY = "${KEY}"  # checkov:skip=CKV_SECRET_6 test key`],
  ["secretlint", `API_KEY = "${KEY}"  # secretlint-disable-line`],
  ["bandit with the check named", `API_KEY = "${KEY}"  # nosec B105`],
  ["gosec with a reason", `API_KEY = "${KEY}"  # #nosec -- rotated, read-only sandbox`],
  ["ruff", `API_KEY = "${KEY}"  # noqa: S105`],
];

describe("credlint's own directives", () => {
  it("reads a reason after -- as a reason, not as a rule id", () => {
    expect(findings({ "app/c.py": `# credlint-disable-next-line invalid-region -- not this one\nAPI_KEY = "${KEY}"\n` })).toEqual(["app/c.py:2 hardcoded-secret"]);
    expect(findings({ ".aws/config": `[default]\n# credlint-disable-next-line invalid-region -- our own endpoint resolver\nregion = us-east1\n` })).toEqual([]);
  });

  it("a secret rule's line directive must name the value: bare, it is an error that says which tag to write", () => {
    expect(findings({ "app/a.py": `# credlint-disable-next-line -- sandbox key, rotated daily\nAPI_KEY = "${KEY}"\n` })).toEqual(["app/a.py:1 disable-directive"]);
    expect(findings({ "app/b.py": `# credlint-disable-next-line hardcoded-secret -- sandbox key\nAPI_KEY = "${KEY}"\n` })).toEqual(["app/b.py:1 disable-directive"]);
  });
});

describe("other scanners' markers", () => {
  for (const [tool, line] of MARKED) {
    it(`${tool}: silences the secret on its line`, () => {
      expect(findings({ "app/settings.py": `${line}\nOTHER_TOKEN = "${KEY.split("").reverse().join("")}"\n` })).toEqual(["app/settings.py:2 hardcoded-secret"]);
    });
  }

  it("detect-secrets' nextline and secretlint's next-line markers silence the line after", () => {
    expect(findings({ "app/a.py": `# pragma: allowlist nextline secret\nAPI_KEY = "${KEY}"\n` })).toEqual([]);
    expect(findings({ "src/a.ts": `// secretlint-disable-next-line\nconst apiKey = "${KEY}";\n` })).toEqual([]);
  });

  it("golangci-lint's nolint:gosec counts only with a reason", () => {
    expect(findings({ "cmd/a.go": `const apiKey = "${KEY}" //nolint:gosec // sandbox key, no access\n` })).toEqual([]);
    expect(findings({ "cmd/a.go": `const apiKey = "${KEY}" //nolint:gosec\n` })).toEqual(["cmd/a.go:1 hardcoded-secret"]);
  });

  it("an unrelated #nosec or noqa does not silence credlint", () => {
    expect(findings({ "app/a.py": `API_KEY = "${KEY}"  # nosec B602\n` })).toEqual(["app/a.py:1 hardcoded-secret"]);
    expect(findings({ "app/b.py": `API_KEY = "${KEY}"  # noqa: E501\n` })).toEqual(["app/b.py:1 hardcoded-secret"]);
  });

  it("silences only the secret rules: an invalid region on a marked line is still reported", () => {
    expect(findings({ ".aws/config": "[default]\nregion = us-east1\n", "deploy.sh": "aws s3 ls --region us-east1  # gitleaks:allow\n" })).toEqual([
      ".aws/config:2 invalid-region",
      "deploy.sh:1 invalid-region",
    ]);
  });

  it("works for AWS keys and private keys too", () => {
    const text = `aws_access_key_id = ${fakeKeyId(9502)}  # gitleaks:allow\naws_secret_access_key = ${fakeSecret(9502)}  # gitleaks:allow\n`;
    expect(findings({ "scripts/keys.txt": text })).toEqual([]);
  });
});
