// credlint-disable disable-directive -- this file tests directives with mistakes on purpose
/**
 * credlint-disable directives end to end (through the CLI): scopes, value-bound suppressions of secret
 * rules, the errors a directive can have (unknown or malformed ids, no value, no reason where required),
 * unused directives, and what each output says about suppressed findings.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readDirectives } from "../../src/filter/directives.js";
import { makeSourceFile } from "../../src/model/source.js";
import { cli, tempRepo } from "../support/cli.js";
import { fakeKeyId, fakePassword, fakeSecret } from "../support/fake-secrets.js";

const KEY = fakePassword(9601, 32).replace(/[^A-Za-z0-9]/g, "q");
const OTHER = fakePassword(9602, 32).replace(/[^A-Za-z0-9]/g, "w");

interface JsonFinding {
  readonly ruleId: string;
  readonly path: string;
  readonly line: number;
  readonly message: string;
  readonly suppression?: { kind: string; by: string; justification?: string };
}
interface JsonReport {
  readonly findings: JsonFinding[];
  readonly suppressed: JsonFinding[];
}

function json(dir: string, args: readonly string[] = []): JsonReport {
  const r = cli(["--format", "json", ...args, "."], dir);
  expect(r.code, r.stderr).not.toBe(2);
  return JSON.parse(r.stdout) as JsonReport;
}

const ids = (fs: readonly JsonFinding[]): string[] => fs.map((f) => `${f.path}:${f.line} ${f.ruleId}`);

describe("reading directives", () => {
  const read = (text: string) => readDirectives(makeSourceFile("a.py", "text", text));

  it("reads scope, ids, value tags and the reason", () => {
    const [d] = read("x = 1  # credlint-disable-line hardcoded-secret:4be1c2d0, invalid-region -- test data, rotated\n");
    expect(d?.scope).toBe("line");
    expect(d?.target).toBe(1);
    expect(d?.entries.map((e) => [e.id, e.tag ?? null])).toEqual([
      ["hardcoded-secret", "4be1c2d0"],
      ["invalid-region", null],
    ]);
    expect(d?.reason).toBe("test data, rotated");
  });

  it("knows the three scopes and the comment styles of the file kinds credlint reads", () => {
    const text = [
      "# credlint-disable-next-line invalid-region",
      "// credlint-disable-line hardcoded-secret",
      "/* credlint-disable hardcoded-aws-key -- test vectors */",
      "<!-- credlint-disable-next-line hardcoded-secret -->",
      "REM credlint-disable-line invalid-region",
    ].join("\n");
    const ds = read(text);
    expect(ds.map((d) => [d.scope, d.target ?? null, d.entries.map((e) => e.id).join(",")])).toEqual([
      ["next-line", 2, "invalid-region"],
      ["line", 2, "hardcoded-secret"],
      ["file", null, "hardcoded-aws-key"],
      ["next-line", 5, "hardcoded-secret"],
      ["line", 5, "invalid-region"],
    ]);
    expect(ds[2]?.reason).toBe("test vectors");
  });

  it("is not fooled by prose or strings that mention the syntax", () => {
    expect(read("Add credlint-disable-line to silence a finding.\n")).toEqual([]);
    expect(read('msg = "use credlint-disable-next-line"\n')).toEqual([]);
    // A block comment's continuation line is where documentation explains directives.
    expect(read("/**\n * credlint-disable directives end to end (through the CLI)\n */\n")).toEqual([]);
  });

  it("ends the rule ids where a string or prose does", () => {
    const [d] = read('"a.sh": "aws s3 ls --region us-east1  # credlint-disable-line invalid-region\\naws s3 ls",\n');
    expect(d?.entries.map((e) => e.id)).toEqual(["invalid-region"]);
  });
});

describe("scopes", () => {
  it("credlint-disable-line and -next-line cover one line; credlint-disable covers the file", () => {
    const dir = tempRepo({
      ".aws/config": [
        "[default]",
        "# An inline comment would be part of the value for botocore: directives go on the line before.",
        "[profile a]",
        "# credlint-disable-next-line invalid-region -- our endpoint resolver knows it",
        "region = eu-west9",
        "[profile b]",
        "region = ap-south9",
        "",
      ].join("\n"),
      "deploy/regions.sh": "# credlint-disable invalid-region -- a test of the region parser\naws s3 ls --region us-east1\naws s3 ls --region eu-west9\n",
      "deploy/copy.sh": "aws s3 cp a s3://b --region us-east1  # credlint-disable-line invalid-region\naws s3 cp a s3://c --region us-east1\n",
    });
    const r = json(dir);
    expect(ids(r.findings)).toEqual([".aws/config:7 invalid-region", "deploy/copy.sh:2 invalid-region"]);
    expect(ids(r.suppressed)).toEqual([".aws/config:5 invalid-region", "deploy/copy.sh:1 invalid-region", "deploy/regions.sh:2 invalid-region", "deploy/regions.sh:3 invalid-region"]);
    expect(r.suppressed[0]?.suppression).toEqual({ kind: "inSource", by: "credlint-disable-next-line in .aws/config:4", justification: "our endpoint resolver knows it" });
  });
});

describe("secret suppressions are bound to the value", () => {
  function bindAndEdit(): { dir: string; file: string } {
    const dir = tempRepo({ "app/settings.py": `import os\n\n# credlint-disable-next-line hardcoded-secret -- sandbox key\nAPI_KEY = "${KEY}"\n` });
    return { dir, file: path.join(dir, "app/settings.py") };
  }

  it("a bare directive is an error naming the tag, and --fix writes it", () => {
    const { dir, file } = bindAndEdit();
    const before = json(dir);
    expect(ids(before.findings)).toEqual(["app/settings.py:3 disable-directive"]);
    const tag = /hardcoded-secret:([0-9a-f]{8})/.exec(before.findings[0]?.message ?? "")?.[1];
    expect(tag).toMatch(/^[0-9a-f]{8}$/);
    expect(cli(["--fix", "."], dir).code).toBe(0);
    expect(readFileSync(file, "utf8")).toContain(`# credlint-disable-next-line hardcoded-secret:${tag} -- sandbox key\n`);
    const after = json(dir);
    expect(after.findings).toEqual([]);
    expect(ids(after.suppressed)).toEqual(["app/settings.py:4 hardcoded-secret"]);
  });

  it("a changed value on the line comes back, and the directive is reported unused when asked", () => {
    const { dir, file } = bindAndEdit();
    cli(["--fix", "."], dir);
    writeFileSync(file, readFileSync(file, "utf8").replace(KEY, OTHER));
    expect(ids(json(dir).findings)).toEqual(["app/settings.py:4 hardcoded-secret"]);
    expect(ids(json(dir, ["--report-unused-disable"]).findings)).toEqual(["app/settings.py:3 disable-directive", "app/settings.py:4 hardcoded-secret"]);
  });

  it("a second secret added to a suppressed line is reported", () => {
    const { dir, file } = bindAndEdit();
    cli(["--fix", "."], dir);
    writeFileSync(file, readFileSync(file, "utf8").replace(`API_KEY = "${KEY}"`, `CREDS = {"api_key": "${KEY}", "api_token": "${OTHER}"}`));
    expect(ids(json(dir).findings)).toEqual(["app/settings.py:4 hardcoded-secret"]);
  });

  it("a file-level directive is deliberate and unbound (a file of test vectors)", () => {
    const dir = tempRepo({
      "src/keys_test_vectors.txt": `# credlint-disable hardcoded-aws-key -- published test vectors\naws_access_key_id = ${fakeKeyId(9603)}\naws_secret_access_key = ${fakeSecret(9603)}\n`,
    });
    const r = json(dir);
    expect(r.findings).toEqual([]);
    expect(r.suppressed.map((f) => f.ruleId)).toEqual(["hardcoded-aws-key"]);
  });
});

describe("mistakes in directives", () => {
  it("an unknown rule id is an error with a did-you-mean, and suppresses nothing", () => {
    const dir = tempRepo({ ".aws/config": "[default]\n# credlint-disable-next-line invalid-regoin\nregion = us-east1\n" });
    const r = json(dir);
    expect(ids(r.findings)).toEqual([".aws/config:2 disable-directive", ".aws/config:3 invalid-region"]);
    expect(r.findings[0]?.message).toContain('"invalid-regoin", which is not a credlint rule (did you mean invalid-region?)');
  });

  it("a token that is not a rule id at all is an error", () => {
    const dir = tempRepo({ "deploy.sh": "aws s3 ls --region us-east1  # credlint-disable-line Invalid_Region\n" });
    const r = json(dir);
    expect(ids(r.findings)).toEqual(["deploy.sh:1 invalid-region", "deploy.sh:1 disable-directive"]);
    expect(r.findings[1]?.message).toContain('"Invalid_Region" is not a rule id');
  });

  it("the config can require a reason", () => {
    const dir = tempRepo({
      "credlint.config.json": `{ "requireDisableReason": true }\n`,
      ".aws/config": "[default]\n# credlint-disable-next-line invalid-region\nregion = us-east1\n[profile b]\n# credlint-disable-next-line invalid-region -- LocalStack's region\nregion = eu-west9\n",
    });
    const r = json(dir);
    expect(ids(r.findings)).toEqual([".aws/config:2 disable-directive"]);
    expect(r.findings[0]?.message).toContain("gives no reason");
  });

  it("unused directives are reported when the config asks, at its level", () => {
    const dir = tempRepo({
      "credlint.config.yaml": "reportUnusedDisableDirectives: warning\n",
      ".aws/config": "[default]\n# credlint-disable-next-line invalid-region -- was us-east1\nregion = us-east-1\n",
    });
    const r = cli(["--format", "json", "."], dir);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { findings: (JsonFinding & { severity: string })[] };
    expect(report.findings.map((f) => `${f.line} ${f.ruleId} ${f.severity}`)).toEqual(["2 disable-directive warning"]);
  });

  it("a directive for a rule that did not run (--rule) is not called unused", () => {
    const dir = tempRepo({ ".aws/config": "[default]\n# credlint-disable-next-line invalid-region\nregion = us-east-1\n" });
    expect(json(dir, ["--report-unused-disable", "--rule", "credential-key-name"]).findings).toEqual([]);
  });

  it("a comment in words after the keyword is prose, not a directive with unknown ids", () => {
    const dir = tempRepo({ "deploy.sh": "# credlint-disable-next-line tells credlint to skip a line\naws s3 ls --region us-east1\n" });
    expect(ids(json(dir).findings)).toEqual(["deploy.sh:2 invalid-region"]);
  });

  it("a file that says credlint-disable disable-directive (a page showing mistakes) gets no directive problems", () => {
    const dir = tempRepo({ "docs/mistakes.md": "<!-- credlint-disable disable-directive -- examples of mistakes -->\n\n```sh\n# credlint-disable-next-line invalid-regoin\naws s3 ls\n```\n" });
    expect(json(dir).findings).toEqual([]);
  });

  it("the config can turn disable-directive off", () => {
    const dir = tempRepo({
      ".credlintrc.json": `{ "rules": { "disable-directive": "off" } }\n`,
      ".aws/config": "[default]\n# credlint-disable-next-line invalid-regoin\nregion = us-east-1\n",
    });
    expect(json(dir).findings).toEqual([]);
  });
});

describe("outputs", () => {
  it("text says how many were suppressed; SARIF carries them as suppressed results with the reason", () => {
    const dir = tempRepo({ ".aws/config": "[default]\n# credlint-disable-next-line invalid-region -- LocalStack\nregion = us-east1\n" });
    const text = cli(["--no-color", "."], dir);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("Not shown: 1 suppressed inline.");
    const sarif = JSON.parse(cli(["--format", "sarif", "."], dir).stdout) as {
      runs: { results: { ruleId: string; suppressions?: { kind: string; justification?: string }[] }[] }[];
    };
    const results = sarif.runs[0]?.results ?? [];
    expect(results.map((r) => [r.ruleId, r.suppressions])).toEqual([["invalid-region", [{ kind: "inSource", status: "accepted", justification: "LocalStack" }]]]);
  });
});
