import { chmodSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cli, git, tempRepo } from "../support/cli.js";
import { fakeKeyId, fakeSecret } from "../support/fake-keys.js";
import { sarifValidator } from "../support/sarif-schema.js";

const KEY = fakeKeyId(1);
const SECRET = fakeSecret(1);

const BAD_CREDENTIALS = `# team sandbox credentials
[default]
aws_access_key_id = ${KEY}
aws_secret_access_key = "${SECRET}"

[profile ci]
aws_access_key_id = ${fakeKeyId(2)}
aws_secret_access_key = ${fakeSecret(2)}
`;

const CLEAN_CONFIG = `[default]
region = eu-west-1

[profile dev]
role_arn = arn:aws:iam::123456789012:role/Developer
source_profile = default
region = us-east-1
`;

describe("credlint CLI", () => {
  it("prints its version and help", () => {
    const dir = tempRepo({});
    const v = cli(["--version"], dir);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const h = cli(["--help"], dir);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain("Usage: credlint");
    expect(h.stdout).toContain("--format");
  });

  it("exits 2 with a one-line message on usage errors", () => {
    const dir = tempRepo({});
    for (const args of [["--bogus"], ["--format", "xml"], ["--max-warnings", "many"], ["--rule", "aws-config-syntx"]]) {
      const r = cli(args, dir);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(/^credlint: /);
    }
    expect(cli(["--rule", "aws-config-syntx"], dir).stderr).toContain("did you mean aws-config-syntax?");
  });

  it("lists the rules with their severity and whether --fix fixes them", () => {
    const r = cli(["--list-rules"], tempRepo({}));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^rule\s+severity\s+fixable\s+description$/m);
    expect(r.stdout).toMatch(/^aws-config-syntax\s+error\s+yes\s+Report /m);
    expect(r.stdout).toMatch(/^assume-role-config\s+error\s+-\s+Report /m);
    expect(r.stdout).toContain("credlint explain <rule> prints a rule's documentation");
  });

  it("suggests the option meant for a mistyped one", () => {
    const dir = tempRepo({});
    expect(cli(["--formt", "json"], dir).stderr).toBe("credlint: unknown option --formt. Did you mean --format? (see credlint --help).\n");
    expect(cli(["--no-baselin"], dir).stderr).toContain("Did you mean --no-baseline?");
    expect(cli(["--zzzzzzzz"], dir).stderr).toBe("credlint: unknown option --zzzzzzzz (see credlint --help).\n");
  });

  it("says in the summary what it scanned, how, what it skipped and how long it took; --verbose lists the skipped", () => {
    const dir = tempRepo(
      {
        ".aws/config": CLEAN_CONFIG,
        "logo.png": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
        "web/app.min.js": `!function(){var e="x";${"var a=1;".repeat(200)}}();\n`,
        "big.log": "x".repeat(3000),
        "credlint.config.json": '{ "ignore": ["vendor/"], "maxFileSize": 2048 }\n',
        "vendor/lib.sh": "export AWS_REGION=us-east1\n",
      },
      { git: true },
    );
    const r = cli([], dir);
    expect(r.code).toBe(0);
    const summary = r.stdout.trim().split("\n").at(-1) ?? "";
    expect(summary).toMatch(
      /^✔ No problems found\. 3 files scanned in \d+\.\d+ s \(1 generated or minified: secrets only\); skipped 1 binary, 1 too large, 1 ignored by the config \(--verbose lists them\)\.$/,
    );
    const v = cli(["--verbose"], dir);
    expect(v.stderr).toBe(
      "credlint: 1 file read for secret shapes only (generated or minified):\n  web/app.min.js\n" +
      "credlint: skipped 3 files:\n  vendor/lib.sh: ignored by the config\n  big.log: too large (3,000 bytes; --max-file-size raises the limit)\n  logo.png: binary\n",
    );
    expect(v.stdout).not.toContain("--verbose lists them");
  });

  it("explains what it scanned when run outside a repository without paths", () => {
    const dir = tempRepo({ "infra/.env": "AWS_REGION=eu-west-1\n", ".gitignore": "build/\n", "build/.env": "AWS_REGION=us-east1\n" });
    const r = cli([], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`credlint: ${dir} is not inside a git repository, so every file under it was scanned (2 files), except what .gitignore files exclude. Give paths to scan something else.\n`);
    expect(cli(["infra"], dir).stderr).toBe("");
  });

  it("exits 0 on a clean folder", () => {
    const dir = tempRepo({ ".aws/config": CLEAN_CONFIG, "README.md": "# nothing here\n" });
    const r = cli([], dir);
    expect(r.stdout).toContain("No problems found");
    expect(r.code).toBe(0);
  });

  it("reports findings ESLint-style, with a code frame, and never prints a secret", () => {
    const dir = tempRepo({ ".aws/credentials": BAD_CREDENTIALS });
    const r = cli(["--no-color"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(".aws/credentials\n");
    expect(r.stdout).toMatch(/^ {2}6:1\s+error\s+In a credentials file sections are bare profile names.*aws-config-syntax$/m);
    expect(r.stdout).toMatch(/> 6 \| \[profile ci\]\n\s+\| \^{12}/);
    expect(r.stdout).toMatch(/✖ \d+ problems? \(\d+ errors?, \d+ warnings?\)/);
    expect(r.stdout).not.toContain("\u001b[");
    for (const secret of [SECRET, fakeSecret(2)]) expect(r.stdout).not.toContain(secret);
    expect(r.stdout).toContain(SECRET.slice(0, 4) + "*");
  });

  it("colours output on a TTY unless NO_COLOR is set", () => {
    const dir = tempRepo({ ".aws/credentials": BAD_CREDENTIALS });
    expect(cli([], dir, {}, true).stdout).toContain("\u001b[");
    expect(cli([], dir, { NO_COLOR: "1" }, true).stdout).not.toContain("\u001b[");
    expect(cli(["--color"], dir, { NO_COLOR: "1" }, false).stdout).toContain("\u001b[");
  });

  it("writes JSON with 1-based ranges and no secret", () => {
    const dir = tempRepo({ ".aws/credentials": BAD_CREDENTIALS });
    const r = cli(["--format", "json"], dir);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { findings: { ruleId: string; line: number; column: number; path: string }[] };
    const header = out.findings.find((f) => f.ruleId === "aws-config-syntax");
    expect(header).toMatchObject({ path: ".aws/credentials", line: 6, column: 1 });
    expect(r.stdout).not.toContain(SECRET);
  });

  it("writes SARIF 2.1.0 that validates against the official schema", () => {
    const dir = tempRepo({ ".aws/credentials": BAD_CREDENTIALS, ".aws/config": "[dev]\nregion = us-east1\n" });
    const r = cli(["--format", "sarif"], dir);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout) as {
      version: string;
      runs: {
        columnKind: string;
        tool: { driver: { rules: { id: string; help: { text: string }; properties: Record<string, unknown> }[] } };
        results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } }[] }[];
      }[];
    };
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(log.version).toBe("2.1.0");
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0];
    if (!run) throw new Error("no run");
    expect(run.columnKind).toBe("utf16CodeUnits");
    expect(run.tool.driver.rules.map((x) => x.id)).toContain("invalid-region");
    for (const rule of run.tool.driver.rules) {
      expect(rule.help.text.length).toBeGreaterThan(20);
      // GitHub reads 0.0 as "no security severity": the diagnostics (0) have none; every rule has one as a string.
      if (rule.id === "parse-error" || rule.id === "disable-directive") expect(rule.properties["security-severity"]).toBeUndefined();
      else expect(rule.properties["security-severity"]).toMatch(/^\d+\.\d$/);
    }
    const region = run.results.find((x) => x.ruleId === "invalid-region");
    expect(region?.locations[0]?.physicalLocation).toMatchObject({
      artifactLocation: { uri: ".aws/config", uriBaseId: "%SRCROOT%" },
      region: { startLine: 2, startColumn: 10, endLine: 2, endColumn: 18 },
    });
    expect(r.stdout).not.toContain(SECRET);
  });

  it("writes the report to --output and keeps stdout empty", () => {
    const dir = tempRepo({ ".aws/credentials": BAD_CREDENTIALS });
    const r = cli(["--format", "json", "--output", "out/report.json"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(JSON.parse(readFileSync(path.join(dir, "out/report.json"), "utf8"))).toHaveProperty("findings");
  });

  it("writes --output to a device or through a link as it is: /dev/null stays a device, a link stays a link", () => {
    const dir = tempRepo({ ".aws/credentials": BAD_CREDENTIALS });
    // Renamed over, /dev/null became a regular file when credlint ran as root (a bench ran `-o /dev/null`).
    const r = cli(["--format", "sarif", "--output", "/dev/null"], dir);
    expect(r.code, r.stderr).toBe(1);
    expect(statSync("/dev/null").isCharacterDevice()).toBe(true);
    expect(readdirSync("/dev").filter((n) => n.includes("credlint-tmp"))).toEqual([]);
    writeFileSync(path.join(dir, "reports-latest.json"), "{}");
    symlinkSync("reports-latest.json", path.join(dir, "report.json"));
    expect(cli(["--format", "json", "--output", "report.json"], dir).code).toBe(1);
    expect(lstatSync(path.join(dir, "report.json")).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(path.join(dir, "reports-latest.json"), "utf8"))).toHaveProperty("findings");
  });

  it("honours --quiet, --max-warnings, --rule and --disable-rule", () => {
    const dir = tempRepo({ ".aws/config": "[profile a]\nmfa_serial = arn:aws:iam::123456789012:mfa/alice\nregion = us-east-1\n" });
    const warn = cli([], dir);
    expect(warn.code).toBe(0);
    expect(warn.stdout).toContain("mfa-config");
    expect(cli(["--quiet"], dir).stdout).not.toContain("mfa-config");
    expect(cli(["--max-warnings", "0"], dir).code).toBe(1);
    expect(cli(["--max-warnings", "5"], dir).code).toBe(0);
    const bad = tempRepo({ ".aws/config": "[profile a]\nregion = us-east1\nmfa_serial = 123456\n" });
    expect(cli(["--rule", "invalid-region", "--format", "json"], bad).stdout).not.toContain("mfa-config");
    const disabled = JSON.parse(cli(["--disable-rule", "invalid-region", "--format", "json"], bad).stdout) as { findings: { ruleId: string }[] };
    expect(disabled.findings.map((f) => f.ruleId)).not.toContain("invalid-region");
    expect(disabled.findings.map((f) => f.ruleId)).toContain("mfa-config");
  });

  it("honours inline suppressions", () => {
    const dir = tempRepo({ ".aws/config": "[profile a]\n# credlint-disable-next-line invalid-region\nregion = us-east1\n" });
    expect(cli([], dir).code).toBe(0);
  });
});

describe("bad input never stops the scan", () => {
  it("reports a binary credentials file, invalid UTF-8 and a missing path, and still scans the rest", () => {
    const dir = tempRepo({
      "a/.aws/credentials": Buffer.from([0x5b, 0x64, 0x00, 0x01, 0x02, 0x5d]),
      "b/.aws/config": Buffer.concat([Buffer.from("[default]\nregion = us-east-1\n# caf"), Buffer.from([0xe9]), Buffer.from("\n")]),
      "c/.aws/config": "[profile x]\nregion = us-east-1a\n",
    });
    const r = cli(["--format", "json", ".", "does-not-exist"], dir);
    const out = JSON.parse(r.stdout) as { findings: { ruleId: string; path: string; line: number; message: string; severity: string }[] };
    const diag = out.findings.filter((f) => f.ruleId === "parse-error");
    expect(diag.map((f) => [f.path, f.line])).toEqual(
      expect.arrayContaining([
        ["a/.aws/credentials", 1],
        ["b/.aws/config", 3],
        ["does-not-exist", 1],
      ]),
    );
    expect(diag.find((f) => f.path === "a/.aws/credentials")?.message).toContain("binary");
    expect(diag.find((f) => f.path === "b/.aws/config")?.message).toContain("not valid UTF-8");
    expect(out.findings.some((f) => f.ruleId === "invalid-region" && f.path === "c/.aws/config")).toBe(true);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
  });

  it("skips symlinks (including loops) and oversize files, and counts them", () => {
    const dir = tempRepo({ "big.txt": "x".repeat(5000), ".aws/config": "[default]\nregion = us-east-1\n" });
    symlinkSync(dir, path.join(dir, "loop"));
    symlinkSync(path.join(dir, "missing"), path.join(dir, "dangling"));
    const r = cli(["--max-file-size", "1000"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/skipped 1 too large, 2 symlinks \(--verbose lists them\)/);
  });

  it("reads AWS files whose permissions deny reading as an error finding, not a crash", () => {
    const dir = tempRepo({ ".aws/config": "[default]\nregion = us-east-1\n" });
    chmodSync(path.join(dir, ".aws/config"), 0o000);
    const r = cli(["--format", "json"], dir);
    // root can read anything; as any other user this is a parse-error finding. Either way: no crash.
    expect([0, 1]).toContain(r.code);
    expect(r.stderr).toBe("");
  });
});

describe("file discovery", () => {
  it("inside git: scans tracked and untracked files, not ignored ones", () => {
    const dir = tempRepo(
      {
        ".gitignore": "secrets/\n",
        "tracked/.aws/config": "[profile a]\nregion = us-east1\n",
        "untracked/.aws/config": "[profile b]\nregion = eu-west1\n",
        "secrets/.aws/config": "[profile c]\nregion = xx-west-9\n",
      },
      { git: true },
    );
    git(dir, "add", "tracked", ".gitignore");
    const out = JSON.parse(cli(["--format", "json"], dir).stdout) as { findings: { path: string }[] };
    const paths = new Set(out.findings.map((f) => f.path));
    expect(paths).toEqual(new Set(["tracked/.aws/config", "untracked/.aws/config"]));
  });

  it("reports paths relative to the git top level when started in a subfolder", () => {
    const dir = tempRepo({ "sub/.aws/config": "[profile a]\nregion = us-east1\n" }, { git: true });
    const out = JSON.parse(cli(["--format", "json", "."], path.join(dir, "sub")).stdout) as { findings: { path: string }[] };
    expect(out.findings[0]?.path).toBe("sub/.aws/config");
  });

  it("outside git: honours .gitignore files, including nested ones and negations", () => {
    const dir = tempRepo({
      ".gitignore": "ignored/\n*.bak\n",
      "ignored/.aws/config": "[profile a]\nregion = us-east1\n",
      "kept/.gitignore": "!keep.bak\n",
      "kept/.aws/config": "[profile b]\nregion = eu-west1\n",
    });
    writeFileSync(path.join(dir, "kept/.aws/config.bak"), "x");
    const out = JSON.parse(cli(["--format", "json"], dir).stdout) as { findings: { path: string }[] };
    expect(new Set(out.findings.map((f) => f.path))).toEqual(new Set(["kept/.aws/config"]));
  });
});

describe("the SARIF validator itself", () => {
  it("rejects logs that break the schema", () => {
    const validate = sarifValidator();
    const ok = { version: "2.1.0", runs: [{ tool: { driver: { name: "x" } }, results: [] }] };
    expect(validate(ok)).toBe(true);
    expect(validate({ ...ok, version: "2.0.0" })).toBe(false);
    const badRegion = {
      version: "2.1.0",
      runs: [
        {
          tool: { driver: { name: "x" } },
          results: [{ message: { text: "m" }, locations: [{ physicalLocation: { artifactLocation: { uri: "a" }, region: { startColumn: 0 } } }] }],
        },
      ],
    };
    expect(validate(badRegion)).toBe(false);
  });
});

describe("--fix", () => {
  it("applies safe fixes, keeps CRLF line endings and the file mode, and reports what remains", () => {
    const crlf = "[default]\r\nregion = us-east-1a\r\n\r\n[profile dev] \r\nAWS_ACCESS_KEY_ID = AKIAIOSFODNN7EXAMPLE\r\n";
    const dir = tempRepo({ ".aws/credentials": crlf.replace("[profile dev]", "[profile dev]"), ".aws/config": "[dev]\nregion = us-east1\n" });
    chmodSync(path.join(dir, ".aws/credentials"), 0o600);
    const r = cli(["--fix", "--format", "json"], dir);
    expect(r.stderr).toMatch(/^credlint: applied \d+ fix(es)? in 2 files\.\n$/);
    const creds = readFileSync(path.join(dir, ".aws/credentials"), "utf8");
    expect(creds).toBe("[default]\r\nregion = us-east-1\r\n\r\n[dev] \r\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\r\n");
    expect(statSync(path.join(dir, ".aws/credentials")).mode & 0o777).toBe(0o600);
    // us-east1 → us-east-1 is a guess (unsafe): not applied; the missing prefix is certain (safe): applied.
    expect(readFileSync(path.join(dir, ".aws/config"), "utf8")).toBe("[profile dev]\nregion = us-east1\n");
    const remaining = (JSON.parse(r.stdout) as { findings: { ruleId: string; messageId?: string }[] }).findings.map((f) => f.ruleId);
    expect(remaining).toContain("invalid-region");
    expect(remaining).not.toContain("aws-config-syntax");
    expect(readdirSync(path.join(dir, ".aws")).sort()).toEqual(["config", "credentials"]); // no temp files left
  });

  it("never rewrites a file that is not valid UTF-8", () => {
    const bytes = Buffer.concat([Buffer.from("[dev]\nregion = us-east-1a\n# caf"), Buffer.from([0xe9]), Buffer.from("\n")]);
    const dir = tempRepo({ ".aws/config": bytes });
    cli(["--fix"], dir);
    expect(readFileSync(path.join(dir, ".aws/config")).equals(bytes)).toBe(true);
  });
});
