/**
 * `parse-error` scenarios: every one is a file that really is broken, once per file. `parse-error` is not a
 * rule in rules/, so it has no `fixtures/<rule-id>/` folder; its scenarios are small repositories written
 * here, scanned through the same classify → parse → analyse path as the CLI.
 */
import { describe, expect, it } from "vitest";
import { rules } from "../../rules/index.js";
import type { Finding } from "../../src/model/finding.js";
import { scan, scanVirtual } from "../../src/scan/pipeline.js";
import { tempRepo } from "../support/cli.js";
import { TEST_NOW } from "../support/rule-tester.js";

const scanFiles = (files: Record<string, string>): Finding[] =>
  scanVirtual(
    Object.entries(files).map(([path, text]) => ({ path, text })),
    rules,
    TEST_NOW,
  );

const parseErrors = (findings: readonly Finding[]): Finding[] => findings.filter((f) => f.ruleId === "parse-error");
const where = (findings: readonly Finding[]): string[] => findings.map((f) => `${f.path}:${f.range.start.line} ${f.ruleId}`).sort();

/** A message names the file and the line, in one line, without a stack trace. */
function expectClearMessage(f: Finding | undefined): void {
  expect(f?.message).toMatch(new RegExp(`^${(f?.path ?? "").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:${f?.range.start.line ?? 0}: `));
  expect(f?.message).not.toMatch(/\n|\bat .*\.[jt]s:\d+|Error:/);
}

describe("files named like a Dockerfile or env file that are something else", () => {
  it("reads a Python module, docs and test inputs named like Dockerfiles as what they are", () => {
    const findings = scanFiles({
      "src/linters/dockerfile.py": "from pathlib import Path\n\n\ndef instructions(path: Path) -> list[str]:\n    return path.read_text().splitlines()\n",
      "docs/guides/Dockerfile.md": "---\ntitle: Writing a Dockerfile\n---\n\n# Writing a Dockerfile\n\nStart from a small base image.\n",
      "tests/inputs/Dockerfile.two_tokens": "BEGIN_TOKEN\nfirst line of a multi-line value\nEND_TOKEN\n\nsome other content\n",
      "images/Dockerfile.worker": "# worker image\nFROM python:3.12-slim\nCOPY . /app\nCMD [\"python\", \"-m\", \"worker\"]\n",
    });
    expect(parseErrors(findings)).toEqual([]);
  });

  it("does not read a list of variable names as a dotenv file", () => {
    const findings = scanFiles({
      "scripts/env/passthrough.env": "GOPATH\nGOCACHE\nGOFLAGS\nHOME\nHTTP_PROXY\nHTTPS_PROXY\nNO_PROXY\nPATH\nTMPDIR\n",
    });
    expect(findings).toEqual([]);
  });

  it("reads an env file that is a sourced shell script as a script, with its findings on their lines", () => {
    const findings = scanFiles({
      "tools/variables.env": [
        "# Paths of the pinned tools; source this file.", // 1
        "TOOLS_BIN=${TOOLS_BIN:=$(go env GOBIN)}", // 2
        "", // 3
        'if [ -z "$TOOLS_BIN" ]; then', // 4
        '\tTOOLS_BIN="$(go env GOPATH)/bin"', // 5
        "fi", // 6
        "", // 7
        'LINTER="${TOOLS_BIN}/golangci-lint-v1.61.0"', // 8
        "AWS_REGION=us-east1", // 9
        "",
      ].join("\n"),
    });
    expect(where(findings)).toEqual(["tools/variables.env:9 invalid-region"]);
  });
});

describe("templates are not broken files", () => {
  const TEMPLATED_WORKFLOW = [
    "name: deploy", // 1
    "on:", // 2
    "  push:", // 3
    "    branches: [main]", // 4
    "jobs:", // 5
    "  deploy:", // 6
    "    runs-on: ubuntu-latest", // 7
    "    steps:", // 8
    "      - uses: actions/checkout@v4", // 9
    "{%- if cookiecutter.cloud == 'aws' %}", // 10
    "      - uses: aws-actions/configure-aws-credentials@v4", // 11
    "        with:", // 12
    "          aws-access-key-id: ${{ secrets.AWS_ACCESS_KEY_ID }}", // 13
    "          aws-secret-access-key: ${{ secrets.AWS_SECRET_ACCESS_KEY }}", // 14
    "          aws-region: {{ cookiecutter.aws_region }}", // 15
    "{%- endif %}", // 16
    "      - run: make deploy", // 17
    "",
  ].join("\n");

  it("reads a cookiecutter CI workflow between its tags: no parse-error, findings on the real lines", () => {
    const findings = scanFiles({ "{{cookiecutter.project_slug}}/.github/workflows/deploy.yml": TEMPLATED_WORKFLOW });
    expect(parseErrors(findings)).toEqual([]);
    expect(where(findings)).toEqual(["{{cookiecutter.project_slug}}/.github/workflows/deploy.yml:11 prefer-oidc"]);
  });

  it("recognises a template by its content where its path says nothing", () => {
    const findings = scanFiles({
      ".gitlab-ci.yml": "stages: [test]\n{% if use_docker %}\nimage: {{ docker_image }}:latest\n{% endif %}\ntest:\n  script: [make test]\n",
      "Dockerfile": "FROM {{ base_image }}\n{% for pkg in packages %}\nRUN apk add {{ pkg }}\n{% endfor %}\nENV AWS_REGION=us-east1\n",
    });
    expect(where(findings)).toEqual(["Dockerfile:5 invalid-region"]);
  });

  it("gives no parse-error for a YAML placeholder that only the rendered file can read", () => {
    const findings = scanFiles({
      "{{cookiecutter.slug}}/.github/workflows/ci.yml": "name: {{ cookiecutter.name }}-ci\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n",
    });
    expect(parseErrors(findings)).toEqual([]);
  });

  it("leaves templates named by extension as text", () => {
    const findings = scanFiles({
      "deploy/Dockerfile.j2": "FROM {{ base }}\n{% if x %}\nRUN true\n{% endif %}\n",
      "ci/.gitlab-ci.yml.tmpl": "stages: [{{ stages }}]\n{{- range .Jobs }}\n{{ .Name }}:\n  script: [make]\n{{- end }}\n",
      "roles/web/templates/app.env.j2": "{% for k, v in env.items() %}\n{{ k }}={{ v }}\n{% endfor %}\n",
    });
    expect(findings).toEqual([]);
  });
});

describe("a broken file gives exactly one parse-error, at its first problem", () => {
  it("a Dockerfile", () => {
    const findings = scanFiles({
      "services/api/Dockerfile": "FROM node:20-alpine\nWORKDIR /app\nCOPPY package.json .\nRUN npm ci\nENV NODE_ENV\nEXPOSE 3000\n~\n",
    });
    const errors = parseErrors(findings);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.range.start.line).toBe(3);
    expect(errors[0]?.message).toBe(
      "services/api/Dockerfile:3: unknown instruction: COPPY; 2 more lines could not be read; credlint checked what it could read of the file.",
    );
    expectClearMessage(errors[0]);
  });

  it("a Dockerfile with one bad line says nothing about more lines", () => {
    const errors = parseErrors(scanFiles({ Dockerfile: "FROM alpine\nRUN apk add curl\n~\n" }));
    expect(errors.map((f) => f.message)).toEqual(["Dockerfile:3: unknown instruction: ~; credlint checked what it could read of the file."]);
  });

  it("a dotenv file", () => {
    const findings = scanFiles({
      "deploy/.env.staging": "AWS_REGION=eu-west-1\nLOG_LEVEL=info\nthis line is not an assignment\nPORT=8080\nAPI_URL https://api.internal\nWORKERS=4\n",
    });
    const errors = parseErrors(findings);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toBe(
      "deploy/.env.staging:3: not a KEY=value line; dotenv ignores it; 1 more line could not be read; credlint checked what it could read of the file.",
    );
    expectClearMessage(errors[0]);
  });

  it("a CI file", () => {
    const findings = scanFiles({
      ".github/workflows/test.yml": "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n   steps:\n      - run: make test\n  lint:\n runs-on: x\n",
    });
    const errors = parseErrors(findings);
    expect(errors).toHaveLength(1);
    expectClearMessage(errors[0]);
  });

  it("a template's directory does not hide a broken file beside it", () => {
    const findings = scanFiles({
      "{{cookiecutter.slug}}/Dockerfile": "FROM python:3.12\n{% if x %}\nCOPPY . /app\n{% endif %}\n",
      "Dockerfile": "FROM python:3.12\nCOPPY . /app\n",
    });
    expect(where(parseErrors(findings))).toEqual(["Dockerfile:2 parse-error"]);
  });

  it("a dotenv file that is also not valid UTF-8 gets one finding, which counts the bad line", () => {
    const dir = tempRepo({
      ".env": Buffer.concat([Buffer.from("APP=shop\nnot an assignment\nCITY=S"), Buffer.from([0xe3]), Buffer.from("o Paulo\nPORT=80\n")]),
      "config.env": Buffer.concat([Buffer.from("APP=shop\nCITY=S"), Buffer.from([0xe3]), Buffer.from("o Paulo\n")]),
    });
    const errors = parseErrors(scan({ paths: ["."], cwd: dir, rules }).findings);
    expect(errors.map((f) => [f.path, f.range.start.line, f.severity])).toEqual([
      [".env", 2, "error"],
      ["config.env", 2, "warning"],
    ]);
    expect(errors[0]?.message).toBe(".env:2: not a KEY=value line; dotenv ignores it; 1 more line could not be read; credlint checked what it could read of the file.");
    expect(errors[1]?.message).toMatch(/^config\.env is not valid UTF-8 \(first bad byte on line 2\)/);
  });
});
