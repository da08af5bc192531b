/**
 * The parse stage drops files that hold nothing for the rules (a `package.json`, a Python script with no SDK
 * call), yet region-mismatch asks about the project layout they make: which folder is a project of its own,
 * whether a script a command runs uses boto3. A real scan (not an in-memory one, which keeps every file) must
 * still see them: the repository model's `paths` holds every file read.
 */
import { describe, expect, it } from "vitest";
import { rules } from "../../rules/index.js";
import { scan } from "../../src/scan/pipeline.js";
import { tempRepo } from "../support/cli.js";

const JS_SDK = `import { S3Client } from "@aws-sdk/client-s3";\nexport const s3 = new S3Client({});\n`;
const BOTO = `import boto3\n\ns3 = boto3.client("s3")\n`;

function regionFindings(files: Record<string, string>): string[] {
  const dir = tempRepo(files, { git: true });
  return scan({ paths: [dir], cwd: dir, rules, workers: 0 })
    .findings.filter((f) => f.ruleId === "region-mismatch")
    .map((f) => `${f.path}:${f.range.start.line}`);
}

describe("the project layout seen by a real scan", () => {
  it("a root .env is not blamed for SDK code in a nested package with its own manifest", () => {
    expect(
      regionFindings({
        ".env": "AWS_DEFAULT_REGION=eu-west-1\n",
        "package.json": `{ "name": "tools", "private": true }\n`,
        "packages/app/package.json": `{ "name": "app", "dependencies": { "@aws-sdk/client-s3": "^3.600.0" } }\n`,
        "packages/app/src/s3.ts": JS_SDK,
      }),
    ).toEqual([]);
    // The same code in the root project reads the root .env: reported.
    expect(
      regionFindings({
        ".env": "AWS_DEFAULT_REGION=eu-west-1\n",
        "package.json": `{ "name": "app", "dependencies": { "@aws-sdk/client-s3": "^3.600.0" } }\n`,
        "src/s3.ts": JS_SDK,
      }),
    ).toEqual([".env:1"]);
  });

  it("a script that runs a Python file without boto3 reads no region, though boto3 code exists elsewhere", () => {
    const script = `#!/usr/bin/env bash\nset -euo pipefail\nSCRIPT_DIR="$(cd "$(dirname "$0")" && pwd)"\nexport AWS_REGION="\${AWS_REGION:-us-east-2}"\nexec python3 "\${SCRIPT_DIR}/proxy.py" --port 8080\n`;
    expect(
      regionFindings({
        "connect.sh": script,
        "proxy.py": `import http.server\n\nhttp.server.test(port=8080)\n`,
        "jobs/report.py": BOTO,
      }),
    ).toEqual([]);
    expect(
      regionFindings({
        "connect.sh": script,
        "proxy.py": BOTO,
      }),
    ).toEqual(["connect.sh:4"]);
  });
});
