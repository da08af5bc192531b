import { describe, expect, it } from "vitest";
import { readCircleci } from "../../src/formats/circleci.js";
import type { CiJob } from "../../src/model/ci.js";
import { effectiveVars, isOwn } from "../../src/model/env.js";
import { makeSourceFile } from "../../src/model/source.js";
import { fakeKeyId, fakeSecret } from "../support/fake-keys.js";
import { at, show } from "../support/ci.js";

const PATH = ".circleci/config.yml";

function read(text: string) {
  return readCircleci(makeSourceFile(PATH, "circleci", text));
}

function job(jobs: readonly CiJob[], name: string): CiJob {
  const found = jobs.find((j) => j.name === name);
  if (!found) throw new Error(`no job ${name}`);
  return found;
}

const KEY_ID = fakeKeyId(43);
const SECRET = fakeSecret(43);

const CONFIG = `version: 2.1

orbs:
  aws-cli: circleci/aws-cli@4.1.3
  node: circleci/node@5.2

executors:
  deployer:
    docker:
      - image: cimg/python:3.12
        auth:
          username: ci-bot
          password: $DOCKERHUB_PASSWORD
        environment:
          AWS_DEFAULT_REGION: eu-west-1
      - image: localstack/localstack:3
        environment:
          AWS_ACCESS_KEY_ID: test
    environment:
      AWS_PAGER: ""

commands:
  assume:
    parameters:
      role:
        type: string
    steps:
      - aws-cli/setup:
          role_arn: << parameters.role >>
          profile_name: prod

jobs:
  deploy:
    executor: deployer
    environment:
      AWS_PROFILE: ci
    steps:
      - checkout
      - aws-cli/setup:
          role_arn: arn:aws:iam::123456789012:role/circleci-deploy
          region: eu-west-1
          profile_name: ci
          role_session_name: circleci-\${CIRCLE_BUILD_NUM}
      - run: aws s3 sync ./site s3://my-bucket --profile ci
      - run:
          name: Invalidate cache
          environment:
            DISTRIBUTION_ID: E2EXAMPLE
          command: |
            export AWS_REGION=us-east-1
            aws cloudfront create-invalidation --distribution-id "$DISTRIBUTION_ID" --paths "/*"
      - when:
          condition: << pipeline.parameters.prod >>
          steps:
            - assume:
                role: arn:aws:iam::123456789012:role/prod
  legacy:
    docker:
      - image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/builder:1
        aws_auth:
          aws_access_key_id: ${KEY_ID}
          aws_secret_access_key: $ECR_SECRET
    environment:
      AWS_ACCESS_KEY_ID: ${KEY_ID}
      AWS_SECRET_ACCESS_KEY: "${SECRET}"
    steps:
      - run:
          command: aws sts get-caller-identity
          shell: /bin/bash -eo pipefail
      - run:
          name: Report
          shell: python3
          command: print("--profile nope")

workflows:
  main:
    jobs:
      - deploy:
          context: [aws-prod, slack]
      - legacy
  nightly:
    jobs:
      - deploy:
          context: aws-prod
          name: nightly-deploy
      - legacy:
          context: aws-legacy
`;

describe("CircleCI reader", () => {
  it("nests executor → job → step contexts, with exact anchors", () => {
    const r = read(CONFIG);
    expect(r.errors).toEqual([]);
    expect(r.jobs.map((j) => j.name)).toEqual(["deploy", "legacy"]);
    expect(r.contexts.map((c) => [c.where, at(c.anchor), c.parent?.where ?? null])).toEqual([
      ["executor deployer in .circleci/config.yml", "8:3-8:11", null],
      ["job deploy in .circleci/config.yml", "33:3-33:9", "executor deployer in .circleci/config.yml"],
      ["step 1 of job deploy in .circleci/config.yml", "38:9-38:17", "job deploy in .circleci/config.yml"],
      ["step 2 of job deploy in .circleci/config.yml", "39:9-39:22", "job deploy in .circleci/config.yml"],
      ["step 3 of job deploy in .circleci/config.yml", "44:9-44:12", "job deploy in .circleci/config.yml"],
      ['step "Invalidate cache" of job deploy in .circleci/config.yml', "45:9-45:12", "job deploy in .circleci/config.yml"],
      ["step 5 of job deploy in .circleci/config.yml", "55:15-55:21", "job deploy in .circleci/config.yml"],
      ["step 6 of job deploy in .circleci/config.yml", "28:9-28:22", "job deploy in .circleci/config.yml"],
      ["job legacy in .circleci/config.yml", "57:3-57:9", null],
      ["step 1 of job legacy in .circleci/config.yml", "67:9-67:12", "job legacy in .circleci/config.yml"],
      ['step "Report" of job legacy in .circleci/config.yml', "70:9-70:12", "job legacy in .circleci/config.yml"],
    ]);
    expect(r.contexts.every((c) => c.ci === "circleci" && c.syntax === "yaml")).toBe(true);

    // The executor holds its own and its primary container's variables, not the secondary container's.
    const executor = r.contexts[0];
    expect(executor?.own.map(show)).toEqual(["AWS_DEFAULT_REGION=literal:eu-west-1", "AWS_PAGER=literal:"]);
    const deploy = job(r.jobs, "deploy");
    expect(deploy.env.own.map(show)).toEqual(["AWS_PROFILE=literal:ci"]);
    const vars = effectiveVars(deploy.env);
    expect(show(vars.get("AWS_DEFAULT_REGION"))).toBe("AWS_DEFAULT_REGION=literal:eu-west-1");
    expect(vars.has("AWS_ACCESS_KEY_ID")).toBe(false);
    const region = vars.get("AWS_DEFAULT_REGION");
    expect(region && [isOwn(deploy.env, region), executor && isOwn(executor, region)]).toEqual([false, true]);
    expect([at(region?.key.range), at(region?.value.range), region?.where, region?.provider]).toEqual([
      "15:11-15:29",
      "15:31-15:40",
      "executor deployer in .circleci/config.yml",
      "aws",
    ]);
  });

  it("reads orb commands as steps with inputs, named after the declared orb", () => {
    const r = read(CONFIG);
    const deploy = job(r.jobs, "deploy");
    expect(deploy.steps.map((s) => [s.index, s.action ?? null, s.uses?.text ?? null])).toEqual([
      [0, "checkout", "checkout"],
      [1, "circleci/aws-cli/setup", "aws-cli/setup"],
      [2, null, null],
      [3, null, null],
      [4, "assume", "assume"],
      // The local command's own steps run where it is called.
      [5, "circleci/aws-cli/setup", "aws-cli/setup"],
    ]);
    const setup = deploy.steps[1];
    expect(setup?.inputs.map(show)).toEqual([
      "role_arn=literal:arn:aws:iam::123456789012:role/circleci-deploy",
      "region=literal:eu-west-1",
      "profile_name=literal:ci",
      "role_session_name=dynamic:circleci-${CIRCLE_BUILD_NUM}",
    ]);
    expect(setup?.inputs.every((s) => s.provider === "aws" && s.syntax === "input")).toBe(true);
    expect(at(setup?.input("role_arn")?.range)).toBe("40:11-40:67");
    expect(setup?.input("region")?.where).toBe("step 2 of job deploy in .circleci/config.yml");
    expect(setup?.env.own).toEqual([]);

    // Parameters are references; the call's inputs take their provider from their names.
    expect(deploy.steps[4]?.inputs.map((s) => `${show(s)}/${s.provider}`)).toEqual(["role=literal:arn:aws:iam::123456789012:role/prod/generic"]);
    expect(deploy.steps[5]?.inputs.map(show)).toEqual(["role_arn=reference:parameters.role", "profile_name=literal:prod"]);
  });

  it("reads run steps: their environment, exports, flags and commands", () => {
    const r = read(CONFIG);
    const deploy = job(r.jobs, "deploy");
    const sync = deploy.steps[2];
    expect(sync?.env.own.map((s) => [show(s), s.syntax, at(s.range)])).toEqual([["--profile=literal:ci", "flag", "44:48-44:60"]]);
    expect(sync?.env.commands.map((c) => [c.text, at(c.range)])).toEqual([["aws s3 sync ./site s3://my-bucket --profile ci", "44:14-44:60"]]);
    const invalidate = deploy.steps[3];
    expect(invalidate?.env.own.map((s) => [show(s), s.syntax])).toEqual([
      ["DISTRIBUTION_ID=literal:E2EXAMPLE", "env"],
      ["AWS_REGION=literal:us-east-1", "env"],
    ]);
    expect(invalidate?.env.commands.map((c) => c.text)).toEqual(['aws cloudfront create-invalidation --distribution-id "$DISTRIBUTION_ID" --paths "/*"']);

    const legacy = job(r.jobs, "legacy");
    expect(legacy.steps[0]?.env.commands.map((c) => c.text)).toEqual(["aws sts get-caller-identity"]);
    // A Python `shell:` is not read as shell.
    expect(legacy.steps[1]?.env.own).toEqual([]);
    expect(legacy.steps[1]?.env.commands).toEqual([]);
  });

  it("gives each job the contexts of every workflow that runs it", () => {
    const r = read(CONFIG);
    expect(job(r.jobs, "deploy").contexts?.map((c) => `${c.text}@${at(c.range)}`)).toEqual(["aws-prod@79:21-79:29", "slack@79:31-79:36"]);
    expect(job(r.jobs, "legacy").contexts?.map((c) => `${c.text}@${at(c.range)}`)).toEqual(["aws-legacy@87:20-87:30"]);
    expect(r.jobs.every((j) => j.idTokens.length === 0 && j.platform === "circleci")).toBe(true);
  });

  it("records registry credentials and secondary containers' variables as settings of no context", () => {
    const r = read(CONFIG);
    const inContexts = new Set(r.contexts.flatMap((c) => c.own));
    const outside = r.settings.filter((s) => !inContexts.has(s) && s.syntax !== "input");
    expect(outside.map(show)).toEqual(["AWS_ACCESS_KEY_ID=literal:test"]);
    expect(r.settings.filter((s) => s.syntax === "input" && !r.jobs.some((j) => j.steps.some((st) => st.inputs.includes(s)))).map((s) => `${show(s)}/${s.provider}`)).toEqual([
      "username=literal:ci-bot/generic",
      "password=reference:DOCKERHUB_PASSWORD/generic",
      `aws_access_key_id=literal:${KEY_ID}/aws`,
      "aws_secret_access_key=reference:ECR_SECRET/aws",
    ]);
    const legacy = job(r.jobs, "legacy");
    expect(legacy.env.parent).toBeUndefined();
    expect(legacy.env.own.map(show)).toEqual([`AWS_ACCESS_KEY_ID=literal:${KEY_ID}`, `AWS_SECRET_ACCESS_KEY=literal:${SECRET}`]);
    expect(at(legacy.env.own[1]?.value.range)).toBe("65:30-65:72");
    expect(new Set(r.settings).size).toBe(r.settings.length);
  });

  it("shares a command's settings between the jobs that call it, and reads merge keys", () => {
    const r = read(`version: 2.1
commands:
  login:
    steps:
      - run: aws configure set region eu-west-1 --profile ci
defaults: &defaults
  docker:
    - image: cimg/base:stable
  environment:
    AWS_REGION: eu-west-1
jobs:
  a:
    <<: *defaults
    steps: [login]
  b:
    <<: *defaults
    environment:
      AWS_REGION: us-east-2
    steps: [login, checkout]
`);
    expect(r.errors).toEqual([]);
    const a = job(r.jobs, "a");
    const b = job(r.jobs, "b");
    expect(a.env.own.map(show)).toEqual(["AWS_REGION=literal:eu-west-1"]);
    expect(b.env.own.map(show)).toEqual(["AWS_REGION=literal:us-east-2"]);
    expect(a.steps.map((s) => s.action ?? "run")).toEqual(["login", "run"]);
    expect(b.steps.map((s) => s.action ?? "run")).toEqual(["login", "run", "checkout"]);
    const flagA = a.steps[1]?.env.own.find((s) => s.key.text === "--profile");
    expect(flagA?.style).toBe("defines");
    expect(b.steps[1]?.env.own.find((s) => s.key.text === "--profile")).toBe(flagA);
    expect(r.settings.map((s) => `${show(s)}@${at(s.range)}`)).toEqual([
      "AWS_REGION=literal:eu-west-1@10:5-10:26",
      "--profile=literal:ci@5:49-5:61",
      "AWS_REGION=literal:us-east-2@18:7-18:28",
    ]);
  });

  it("reads an orb parameter that names an environment variable (env_var_name) as a reference to it", () => {
    const r = read(`version: 2.1
orbs:
  aws-s3: circleci/aws-s3@3.0.0
jobs:
  deploy:
    docker:
      - image: cimg/base:2024.01
    steps:
      - aws-s3/sync:
          from: dist
          to: s3://example-site
          aws-access-key-id: AWS_ACCESS_KEY_ID
          aws-region: AWS_REGION
          arguments: DEBUG
          profile-name: "AWS_PROFILE_NAME"
`);
    expect(job(r.jobs, "deploy").steps[0]?.inputs.map(show)).toEqual([
      "from=literal:dist",
      "to=literal:s3://example-site",
      "aws-access-key-id=reference:AWS_ACCESS_KEY_ID",
      "aws-region=reference:AWS_REGION",
      "arguments=literal:DEBUG",
      "profile-name=literal:AWS_PROFILE_NAME",
    ]);
  });

  it("reports malformed YAML, alias bombs and deep nesting as errors", () => {
    const bad = read(`version: 2.1
jobs:
  build:
    environment:
      AWS_REGION: eu-west-1
     AWS_PROFILE: misindented
    steps: [checkout]
`);
    expect(bad.errors).toEqual([{ line: 6, message: "All mapping items must start at the same column" }]);
    // What was read before the error is still there.
    expect(bad.jobs.map((j) => j.name)).toEqual(["build"]);

    const levels = ["l0: &l0 [checkout, checkout, checkout, checkout, checkout, checkout, checkout, checkout, checkout, checkout]"];
    for (let i = 1; i < 10; i++) levels.push(`l${i}: &l${i} [${Array.from({ length: 10 }, () => `{ when: { steps: *l${i - 1} } }`).join(", ")}]`);
    const started = Date.now();
    const bomb = read(`${levels.join("\n")}\njobs:\n  build:\n    steps: *l9\n`);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(bomb.errors).toEqual([{ line: 1, message: expect.stringMatching(/alias/) }]);

    const deep = read(`jobs:\n  build:\n    steps: ${"[".repeat(3000)}${"]".repeat(3000)}\n`);
    expect(deep.errors.map((e) => e.message)).toEqual(["nesting too deep to read"]);
  });
});
