import { describe, expect, it } from "vitest";
import { readBitbucket } from "../../src/formats/bitbucket.js";
import type { CiJob } from "../../src/model/ci.js";
import { effectiveVars } from "../../src/model/env.js";
import { makeSourceFile } from "../../src/model/source.js";
import { fakeKeyId } from "../support/fake-keys.js";
import { at, show } from "../support/ci.js";

const PATH = "bitbucket-pipelines.yml";

function read(text: string) {
  return readBitbucket(makeSourceFile(PATH, "bitbucket-pipelines", text));
}

function job(jobs: readonly CiJob[], where: string): CiJob {
  const found = jobs.find((j) => j.where === where);
  if (!found) throw new Error(`no job ${where}: ${jobs.map((j) => j.where).join(", ")}`);
  return found;
}

const KEY_ID = fakeKeyId(45);

const PIPELINES = `image: atlassian/default-image:4

definitions:
  services:
    postgres:
      image: postgres:16
      variables:
        POSTGRES_PASSWORD: example-password
  steps:
    - step: &deploy
        name: Deploy to S3
        oidc: true
        script:
          - export AWS_ROLE_ARN=arn:aws:iam::123456789012:role/bitbucket-deploy
          - export AWS_WEB_IDENTITY_TOKEN_FILE=$(pwd)/web-identity-token
          - echo $BITBUCKET_STEP_OIDC_TOKEN > $(pwd)/web-identity-token
          - pipe: atlassian/aws-s3-deploy:1.4.0
            variables:
              AWS_DEFAULT_REGION: us-east-1
              AWS_OIDC_ROLE_ARN: $AWS_ROLE_ARN
              S3_BUCKET: my-bucket
              LOCAL_PATH: build

pipelines:
  default:
    - step:
        script:
          - npm ci
    - parallel:
        - step:
            name: Lint
            script: [npm run lint]
        - step:
            script: [npm test]
  branches:
    main:
      - step: *deploy
      - stage:
          name: Legacy
          steps:
            - step:
                <<: *deploy
                name: Deploy with keys
                oidc: false
                image:
                  name: 123456789012.dkr.ecr.us-east-1.amazonaws.com/builder:1
                  aws:
                    access-key: $ECR_ACCESS_KEY
                    secret-key: $ECR_SECRET_KEY
                script:
                  - pipe: atlassian/aws-s3-deploy:1.4.0
                    variables:
                      AWS_ACCESS_KEY_ID: ${KEY_ID}
                      AWS_SECRET_ACCESS_KEY: $AWS_SECRET
                      AWS_DEFAULT_REGION: us-east-1
                      S3_BUCKET: my-bucket
                  - aws s3 ls --profile legacy
  custom:
    deploy-prod:
      - variables:
          - name: AWS_REGION
            default: eu-west-1
          - name: DRY_RUN
      - step: *deploy
`;

describe("Bitbucket Pipelines reader", () => {
  it("makes a job of every step where a pipeline uses it, through parallel, stage and aliases", () => {
    const r = read(PIPELINES);
    expect(r.errors).toEqual([]);
    expect(r.jobs.map((j) => [j.name, j.where, at(j.anchor)])).toEqual([
      ["step 1 of default", "step 1 of pipeline default in bitbucket-pipelines.yml", "26:7-26:11"],
      ["Lint", 'step "Lint" of pipeline default in bitbucket-pipelines.yml', "30:11-30:15"],
      ["step 3 of default", "step 3 of pipeline default in bitbucket-pipelines.yml", "33:11-33:15"],
      ["Deploy to S3", 'step "Deploy to S3" of pipeline branches.main in bitbucket-pipelines.yml', "37:9-37:13"],
      ["Deploy with keys", 'step "Deploy with keys" of pipeline branches.main in bitbucket-pipelines.yml', "41:15-41:19"],
      ["Deploy to S3", 'step "Deploy to S3" of pipeline custom.deploy-prod in bitbucket-pipelines.yml', "64:9-64:13"],
    ]);
    expect(r.jobs.every((j) => j.platform === "bitbucket" && j.env.ci === "bitbucket" && j.env.anchor === j.anchor)).toBe(true);
  });

  it("reads oidc, script exports and pipes; a definition's settings are recorded once", () => {
    const r = read(PIPELINES);
    const main = job(r.jobs, 'step "Deploy to S3" of pipeline branches.main in bitbucket-pipelines.yml');
    expect(main.idTokens.map((t) => `${t.text}@${at(t.range)}`)).toEqual(["oidc@12:9-12:13"]);
    expect(main.env.parent).toBeUndefined();
    expect(main.env.own.map((s) => `${show(s)}@${at(s.range)}`)).toEqual([
      "AWS_ROLE_ARN=literal:arn:aws:iam::123456789012:role/bitbucket-deploy@14:20-14:80",
      "AWS_WEB_IDENTITY_TOKEN_FILE=dynamic:$(pwd)/web-identity-token@15:20-15:73",
    ]);
    // (The export runs `pwd`: a command line for the shell reader.)
    expect(main.env.commands.map((c) => c.text)).toEqual([
      "export AWS_WEB_IDENTITY_TOKEN_FILE=$(pwd)/web-identity-token",
      "echo $BITBUCKET_STEP_OIDC_TOKEN > $(pwd)/web-identity-token",
    ]);
    expect(main.steps).toHaveLength(1);
    const pipe = main.steps[0];
    expect([pipe?.action, pipe?.uses?.text, at(pipe?.anchor), pipe?.where]).toEqual([
      "atlassian/aws-s3-deploy",
      "atlassian/aws-s3-deploy:1.4.0",
      "17:19-17:48",
      'pipe atlassian/aws-s3-deploy of step "Deploy to S3" of pipeline branches.main in bitbucket-pipelines.yml',
    ]);
    expect(pipe?.inputs.map((s) => `${show(s)}/${s.provider}/${s.syntax}`)).toEqual([
      "AWS_DEFAULT_REGION=literal:us-east-1/aws/input",
      "AWS_OIDC_ROLE_ARN=reference:AWS_ROLE_ARN/aws/input",
      "S3_BUCKET=literal:my-bucket/generic/input",
      "LOCAL_PATH=literal:build/generic/input",
    ]);
    expect(pipe?.env.parent).toBe(main.env);

    // The alias in the custom pipeline is another job with the same (shared) settings.
    const prod = job(r.jobs, 'step "Deploy to S3" of pipeline custom.deploy-prod in bitbucket-pipelines.yml');
    expect(prod.env.own).toEqual(main.env.own);
    expect(prod.env.own[0]).toBe(main.env.own[0]);
    expect(prod.steps[0]?.inputs[0]).toBe(pipe?.inputs[0]);
    expect(new Set(r.settings).size).toBe(r.settings.length);
    expect(r.settings.filter((s) => s.key.text === "AWS_ROLE_ARN")).toHaveLength(1);
    expect(r.settings.filter((s) => s.key.text === "S3_BUCKET")).toHaveLength(2);
  });

  it("overrides a merged definition's script, oidc and image", () => {
    const r = read(PIPELINES);
    const legacy = job(r.jobs, 'step "Deploy with keys" of pipeline branches.main in bitbucket-pipelines.yml');
    expect(legacy.idTokens).toEqual([]);
    expect(legacy.env.own.map((s) => `${show(s)}/${s.syntax}`)).toEqual(["--profile=literal:legacy/flag"]);
    expect(legacy.env.commands.map((c) => [c.text, at(c.range)])).toEqual([["aws s3 ls --profile legacy", "57:21-57:47"]]);
    expect(legacy.steps[0]?.inputs.map(show)).toEqual([
      `AWS_ACCESS_KEY_ID=literal:${KEY_ID}`,
      "AWS_SECRET_ACCESS_KEY=reference:AWS_SECRET",
      "AWS_DEFAULT_REGION=literal:us-east-1",
      "S3_BUCKET=literal:my-bucket",
    ]);
    const key = legacy.steps[0]?.input("AWS_ACCESS_KEY_ID");
    expect([at(key?.key.range), at(key?.value.range)]).toEqual(["53:23-53:40", "53:42-53:62"]);
    // Registry credentials are settings of the file, not variables of the step.
    const image = r.settings.filter((s) => s.key.text.endsWith("-key"));
    expect(image.map((s) => `${show(s)}/${s.provider}/${s.where}`)).toEqual([
      'access-key=reference:ECR_ACCESS_KEY/aws/step "Deploy with keys" of pipeline branches.main in bitbucket-pipelines.yml',
      'secret-key=reference:ECR_SECRET_KEY/aws/step "Deploy with keys" of pipeline branches.main in bitbucket-pipelines.yml',
    ]);
    expect(r.contexts.some((c) => c.own.some((s) => image.includes(s)))).toBe(false);
  });

  it("gives a custom pipeline's variables a context of their own, and reads service variables", () => {
    const r = read(PIPELINES);
    const prod = job(r.jobs, 'step "Deploy to S3" of pipeline custom.deploy-prod in bitbucket-pipelines.yml');
    const pipeline = prod.env.parent;
    expect([pipeline?.where, at(pipeline?.anchor)]).toEqual(["pipeline custom.deploy-prod in bitbucket-pipelines.yml", "60:9-60:18"]);
    expect(pipeline?.own.map((s) => `${show(s)}@${at(s.range)}`)).toEqual(["AWS_REGION=literal:eu-west-1@61:19-62:31", "DRY_RUN=literal:@63:19-63:26"]);
    expect(effectiveVars(prod.env).has("AWS_REGION")).toBe(true);
    expect(r.contexts[0]).toBe(r.jobs[0]?.env);
    const service = r.settings[0];
    expect([show(service), service?.where, service?.syntax]).toEqual(["POSTGRES_PASSWORD=literal:example-password", "service postgres in bitbucket-pipelines.yml", "env"]);
  });

  it("reads tags and pull-request pipelines, parallel blocks written as a map, and after-scripts", () => {
    const r = read(`pipelines:
  tags:
    "v*":
      - parallel:
          fail-fast: true
          steps:
            - step:
                script: [aws s3 ls --region eu-west-1]
            - step:
                script: [npm test]
                after-script:
                  - pipe: atlassian/slack-notify:2.1.0
                    variables:
                      WEBHOOK_URL: $SLACK_WEBHOOK
  pull-requests:
    "**":
      - step:
          script: [npm ci]
`);
    expect(r.errors).toEqual([]);
    expect(r.jobs.map((j) => j.name)).toEqual(["step 1 of tags.v*", "step 2 of tags.v*", "step 1 of pull-requests.**"]);
    expect(r.jobs[0]?.env.own.map(show)).toEqual(["--region=literal:eu-west-1"]);
    expect(r.jobs[1]?.steps.map((s) => [s.action, s.inputs.map(show)])).toEqual([["atlassian/slack-notify", ["WEBHOOK_URL=reference:SLACK_WEBHOOK"]]]);
  });

  it("reports malformed YAML, alias bombs and deep nesting as errors", () => {
    const bad = read("pipelines:\n  default:\n    - step:\n        script:\n          - echo hi\n        - step: {}\n");
    expect(bad.errors).toHaveLength(1);
    expect(bad.errors[0]?.line).toBe(6);

    // Pipelines nest only a few levels, so the bomb is wide: 100 parallels × 100 steps × 100 commands.
    const hundred = (s: string) => `[${Array.from({ length: 100 }, () => s).join(", ")}]`;
    const started = Date.now();
    const bomb = read(`x: &x echo hi
s: &s ${hundred("*x")}
st: &st { script: *s }
p: &p ${hundred("{ step: *st }")}
pipelines:
  default: ${hundred("{ parallel: *p }")}
`);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(bomb.errors).toEqual([{ line: 1, message: expect.stringMatching(/alias/) }]);
    expect(bomb.jobs).toEqual([]);

    const deep = read(`pipelines:\n  default: ${"[".repeat(3000)}${"]".repeat(3000)}\n`);
    expect(deep.errors.map((e) => e.message)).toEqual(["nesting too deep to read"]);
  });
});
