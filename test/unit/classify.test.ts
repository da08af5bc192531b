/**
 * The classifier decides a file's kind from its exact name, and from its head where the name is only a
 * convention (`Dockerfile.<variant>`, `*.env`). Every case here is a file that a real repository could hold.
 */
import { describe, expect, it } from "vitest";
import { classify, envFileKind } from "../../src/scan/classify.js";

const head = (text: string) => () => text;
const none = head("");

const DOCKERFILE = "# syntax=docker/dockerfile:1\nFROM python:3.12-slim\nRUN pip install awscli\n";

describe("classify: Dockerfiles", () => {
  it("reads the exact names whatever their content", () => {
    expect(classify("Dockerfile", head("Algolia notes\n"))).toBe("dockerfile");
    expect(classify("build/Containerfile", none)).toBe("dockerfile");
    expect(classify("svc/dockerfile", head("FROM alpine\n"))).toBe("dockerfile");
  });

  it("reads variants and `<name>.Dockerfile` when their first instruction is FROM or ARG, or a parser directive comes first", () => {
    expect(classify("docker/Dockerfile.prod", head("FROM node:20\n"))).toBe("dockerfile");
    expect(classify("docker/Dockerfile.ubuntu-22.04", head("\n# base image\nARG BASE=ubuntu:22.04\nFROM $BASE\n"))).toBe("dockerfile");
    expect(classify("docker/api.Dockerfile", head(DOCKERFILE))).toBe("dockerfile");
    expect(classify("ci/builder.containerfile", head("# escape=`\nFROM mcr.microsoft.com/windows/servercore\n"))).toBe("dockerfile");
    expect(classify("Dockerfile.cuda", head("from nvidia/cuda:12.2.0-base\n"))).toBe("dockerfile");
    // An empty or comment-only head does not contradict the name.
    expect(classify("Dockerfile.dev", none)).toBe("dockerfile");
    expect(classify("Dockerfile.dev", head("# TODO\n\n"))).toBe("dockerfile");
  });

  it("reads a templated variant past its template-only lines", () => {
    expect(classify("Dockerfile.gpu", head("{% if cuda %}\nFROM nvidia/cuda:12.2.0-base\n{% endif %}\n"))).toBe("dockerfile");
  });

  it("leaves a variant whose content is not a Dockerfile as text", () => {
    expect(classify("tests/secrets/Dockerfile.two_secrets", head("BEGIN_SECRET\nline1\nEND_SECRET\n"))).toBe("text");
    expect(classify("tests/Dockerfile.notes", head("Build notes for the image.\nFROM is set by CI.\n"))).toBe("text");
    expect(classify("ops/web.Dockerfile", head("RUN apt-get update\n"))).toBe("text");
  });

  it("leaves names ending in another file type's extension to that type", () => {
    expect(classify("checks/util/dockerfile.py", head("from checks.common import parse\n"))).toBe("python");
    expect(classify("pkg/build/dockerfile.go", head("package build\n"))).toBe("text");
    expect(classify("docs/Dockerfile.md", head("---\ntitle: Dockerfile\n---\nFROM alpine\n"))).toBe("text");
    expect(classify("docs/dockerfile.txt", head("FROM alpine\n"))).toBe("text");
    expect(classify("schemas/dockerfile.json", head("{}\n"))).toBe("text");
    expect(classify("Dockerfile.dockerignore", head("node_modules\n"))).toBe("text");
    expect(classify("docker/Dockerfile.in", head("FROM @BASE_IMAGE@\n"))).toBe("text");
    // A shell script keeps its own kind.
    expect(classify("scripts/dockerfile.sh", head("#!/bin/sh\ndocker build .\n"))).toBe("shell");
  });

  it("leaves templates and copies as text: they are not the file yet", () => {
    expect(classify("templates/Dockerfile.j2", head(DOCKERFILE))).toBe("text");
    expect(classify("templates/Dockerfile.jinja", head(DOCKERFILE))).toBe("text");
    expect(classify("templates/Dockerfile.tpl", head(DOCKERFILE))).toBe("text");
    expect(classify("chart/Dockerfile.tmpl", head(DOCKERFILE))).toBe("text");
    expect(classify("Dockerfile.bak", head(DOCKERFILE))).toBe("text");
    expect(classify("ci/.gitlab-ci.yml.j2", head("stages: [test]\n"))).toBe("text");
    expect(classify("config/app.env.erb", head("DATABASE_URL=<%= ENV['DB'] %>\n"))).toBe("text");
    expect(classify("deploy/.env.j2", head("AWS_REGION={{ region }}\n"))).toBe("text");
  });
});

describe("classify: env files", () => {
  it("reads KEY=value files as dotenv", () => {
    expect(classify("deploy/prod.env", head("# prod\nAWS_REGION=eu-west-1\nexport LOG_LEVEL=info\n"))).toBe("dotenv");
    expect(classify(".env.production", head("DATABASE_URL=postgres://db/app\nAPI_HOST: api.example.com\n"))).toBe("dotenv");
    expect(classify(".envrc", head("use nix\n"))).toBe("dotenv");
    expect(classify(".env", head("AWS_REGION=eu-west-1\r\nLOG_LEVEL=info\r\n"))).toBe("dotenv");
  });

  it("counts the lines of a quoted value that spans lines with its assignment", () => {
    const pem = ["-----BEGIN PRIVATE KEY-----", ...Array.from({ length: 12 }, () => "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"), "-----END PRIVATE KEY-----"];
    expect(envFileKind(`APP=billing\nSIGNING_KEY="${pem.join("\n")}"\nPORT=8080\n`)).toBe("dotenv");
  });

  it("leaves a list of variable names as text", () => {
    expect(classify("scripts/envs/allowlist.env", head("GOPATH\nGOCACHE\nHOME\nPATH\nTMPDIR\n"))).toBe("text");
    expect(classify("docs/.env.notes", head("Set these before running:\nAWS_REGION=eu-west-1\nand the rest from the vault.\nAsk the team.\n"))).toBe("text");
  });

  it("reads an env file with shell control flow as the shell script it is", () => {
    const sourced = 'TOOLS_DIR=${TOOLS_DIR:=$HOME/.tools}\nif [ ! -d "$TOOLS_DIR" ]; then\n  TOOLS_DIR="$PWD/.tools"\nfi\nLINT="${TOOLS_DIR}/lint-v1.2.0"\n';
    expect(classify("tools/.bin/variables.env", head(sourced))).toBe("shell");
    expect(envFileKind("load() {\n  set -a\n}\nA=1\n")).toBe("shell");
  });

  it("does not count comments, blank lines or template-only lines", () => {
    expect(envFileKind("# names\n\n{% if aws %}\nAWS_REGION={{ region }}\n{% endif %}\n")).toBe("dotenv");
    expect(envFileKind("")).toBe("dotenv");
  });

  it("leaves out the last line of a head that may be cut", () => {
    const long = `${"A_VARIABLE_NAME=some-value\n".repeat(157)}and a cut li`;
    expect(long.length).toBeGreaterThanOrEqual(4096);
    expect(envFileKind(long.slice(0, 4096))).toBe("dotenv");
  });
});

describe("classify: CI files by content, wherever they are kept", () => {
  it("reads an Azure Pipelines template under tests/ as a pipeline", () => {
    const template = "parameters:\n  - name: env\n    type: string\n\nsteps:\n  - task: AzureCLI@2\n    inputs:\n      azureSubscription: prod-connection\n      scriptType: bash\n      inlineScript: az account show\n";
    expect(classify("tests/pipelines/deploy-template.yml", head(template))).toBe("azure-pipelines");
    expect(classify("ci/build.yml", head("trigger:\n  - main\npool:\n  vmImage: ubuntu-latest\nsteps:\n  - script: npm ci\n"))).toBe("azure-pipelines");
  });

  it("reads a GitHub workflow kept outside .github/workflows (an org's workflow-templates/)", () => {
    const wf = "name: Deploy\non:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n";
    expect(classify("workflow-templates/deploy.yml", head(wf))).toBe("github-workflow");
  });

  it("reads CircleCI, Bitbucket and GitLab configs copied elsewhere", () => {
    expect(classify("ci/circle.yml", head("version: 2.1\norbs:\n  aws-cli: circleci/aws-cli@4.1\njobs:\n  build:\n    docker:\n      - image: cimg/node:20.11\n"))).toBe("circleci");
    expect(classify("ci/bitbucket.yml", head("image: node:20\npipelines:\n  default:\n    - step:\n        script:\n          - npm test\n"))).toBe("bitbucket-pipelines");
    expect(classify("ci/templates/deploy.yml", head("stages:\n  - build\n  - deploy\n\nbuild:\n  stage: build\n  script:\n    - make\n"))).toBe("gitlab-ci");
  });

  it("leaves YAML with one CI-like key as plain YAML", () => {
    expect(classify("config/jobs.yml", head("jobs:\n  nightly:\n    cron: '0 3 * * *'\n"))).toBe("text");
    expect(classify("docs/stages.yml", head("stages:\n  - alpha\n  - beta\n"))).toBe("text");
    expect(classify("mkdocs.yml", head("site_name: Docs\nnav:\n  - index.md\n"))).toBe("text");
  });

  it("asks paths first: a workflow-shaped file under .gitlab/ci/ is GitLab's", () => {
    expect(classify(".gitlab/ci/deploy.yml", head("on:\n  push:\njobs:\n  x:\n    runs-on: ubuntu-latest\n"))).toBe("gitlab-ci");
  });
});
