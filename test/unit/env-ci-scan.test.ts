import { describe, expect, it } from "vitest";
import { rules } from "../../rules/index.js";
import { scanVirtual } from "../../src/scan/pipeline.js";
import { classify } from "../../src/scan/classify.js";
import { TEST_NOW } from "../support/rule-tester.js";

const scanFiles = (files: Record<string, string>) =>
  scanVirtual(
    Object.entries(files).map(([path, text]) => ({ path, text })),
    rules,
    TEST_NOW,
  );

const GOOD_WORKFLOW = `on: [push]
jobs:
  deploy:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
      contents: read
    steps:
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: arn:aws:iam::123456789012:role/Deploy
          aws-region: us-east-1
      - run: aws s3 sync dist s3://example-bucket
`;

describe("env and CI files in a scan", () => {
  it("classifies env files, scripts, Dockerfiles and CI YAML by path, and leaves examples as text", () => {
    const head = () => "";
    expect(classify(".env", head)).toBe("dotenv");
    expect(classify("services/api/.env.production", head)).toBe("dotenv");
    expect(classify("deploy/prod.env", head)).toBe("dotenv");
    expect(classify(".envrc", head)).toBe("dotenv");
    expect(classify(".env.example", head)).toBe("text");
    expect(classify(".env.local.sample", head)).toBe("text");
    expect(classify("scripts/deploy.sh", head)).toBe("shell");
    expect(classify("bin/release", () => "#!/usr/bin/env bash\nset -e\n")).toBe("shell");
    expect(classify("bin/release", () => "#!/usr/bin/env python3\n")).toBe("text");
    expect(classify("Dockerfile", head)).toBe("dockerfile");
    expect(classify("docker/api.Dockerfile", head)).toBe("dockerfile");
    expect(classify(".github/workflows/ci.yml", head)).toBe("github-workflow");
    expect(classify(".github/actions/login/action.yaml", head)).toBe("github-action");
    expect(classify(".gitlab-ci.yml", head)).toBe("gitlab-ci");
    expect(classify(".circleci/config.yml", head)).toBe("circleci");
    expect(classify("azure-pipelines.yml", head)).toBe("azure-pipelines");
    expect(classify("bitbucket-pipelines.yml", head)).toBe("bitbucket-pipelines");
    expect(classify("k8s/deployment.yaml", head)).toBe("text");
  });

  it("a correct OIDC workflow produces no finding at all", () => {
    expect(scanFiles({ ".github/workflows/deploy.yml": GOOD_WORKFLOW })).toEqual([]);
  });

  it("reports malformed YAML once, with its file and line, and goes on with the other files", () => {
    const findings = scanFiles({
      ".github/workflows/broken.yml": "on: [push]\njobs:\n  build:\n    steps: [\n      - run: echo\n",
      ".github/workflows/deploy.yml": GOOD_WORKFLOW.replace("      id-token: write\n", ""),
    });
    const errors = findings.filter((f) => f.ruleId === "parse-error");
    expect(errors).toHaveLength(1);
    expect(errors[0]?.path).toBe(".github/workflows/broken.yml");
    expect(errors[0]?.message).toMatch(/^\.github\/workflows\/broken\.yml:\d+: /);
    expect(errors[0]?.message).not.toMatch(/\n|at .*\.js/);
    expect(findings.some((f) => f.ruleId === "oidc-permissions" && f.path === ".github/workflows/deploy.yml")).toBe(true);
  });

  it("stops an alias bomb quickly with a parse error instead of expanding it", () => {
    // Nine levels of merge keys, each merging the previous level nine times: 9^9 expansions if followed.
    const lines = ["x0: &x0 {AWS_REGION: us-east-1}"];
    for (let i = 1; i <= 9; i++) lines.push(`x${i}: &x${i} {<<: [${Array.from({ length: 9 }, () => `*x${i - 1}`).join(", ")}]}`);
    const bomb = `${lines.join("\n")}\nbuild:\n  variables:\n    <<: *x9\n  script: [echo]\n`;
    const started = Date.now();
    const findings = scanFiles({ ".gitlab-ci.yml": bomb, ".env": "AWS_REGION=us-east1\n" });
    expect(Date.now() - started).toBeLessThan(10_000);
    const errors = findings.filter((f) => f.ruleId === "parse-error");
    expect(errors.map((f) => f.path)).toEqual([".gitlab-ci.yml"]);
    expect(errors[0]?.message).toMatch(/alias/);
    // The other file is still checked.
    expect(findings.some((f) => f.ruleId === "invalid-region" && f.path === ".env")).toBe(true);
  });

  it("reports a nesting too deep to read as a parse error, not a crash", () => {
    const deep = `jobs:\n  build:\n    env: ${"[".repeat(20_000)}\n`;
    const findings = scanFiles({ ".github/workflows/deep.yml": deep });
    expect(findings.filter((f) => f.ruleId === "parse-error")).toHaveLength(1);
  });

  it("never prints a secret from an env file or a workflow in any message", () => {
    const secret = "kR2vX9mQ4tLw7ZpN1sYc8HbF3jD6gUeA0oTiVqWx";
    const findings = scanFiles({
      ".env": `AWS_PROFILE=dev\nAWS_ACCESS_KEY_ID=AKIA4QX7ZL2MWN8RT5VB\nAWS_SECRET_ACCESS_KEY="${secret} "\n`,
      ".github/workflows/ci.yml": `on: [push]\njobs:\n  t:\n    runs-on: ubuntu-latest\n    env:\n      AWS_SECRET_ACCESS_KEY: |\n        ${secret}\n    steps:\n      - run: aws s3 ls\n`,
    });
    expect(findings.length).toBeGreaterThan(3);
    for (const f of findings) {
      expect(f.message).not.toContain(secret);
      expect(f.snippet.lines.join("\n")).not.toContain(secret);
      for (const r of f.related) expect(r.message).not.toContain(secret);
    }
  });
});
