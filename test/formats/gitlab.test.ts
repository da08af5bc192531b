import { describe, expect, it } from "vitest";
import { readGitlabCi } from "../../src/formats/gitlab.js";
import type { CiJob } from "../../src/model/ci.js";
import { allCommands, effectiveVars, isOwn, type EnvContext } from "../../src/model/env.js";
import { makeSourceFile } from "../../src/model/source.js";
import { fakeKeyId, fakeSecret } from "../support/fake-keys.js";
import { at, valueOf as value } from "../support/ci.js";

function read(text: string, path = ".gitlab-ci.yml") {
  return readGitlabCi(makeSourceFile(path, "gitlab-ci", text));
}

function ownVars(env: EnvContext): string[] {
  return env.own.filter((s) => s.syntax === "env").map((s) => `${s.key.text}=${value(s)}`);
}

function job(result: ReturnType<typeof read>, name: string): CiJob {
  const found = result.jobs.find((j) => j.name === name);
  if (!found) throw new Error(`no job ${name}: ${result.jobs.map((j) => j.name).join(", ")}`);
  return found;
}

function ctx(result: ReturnType<typeof read>, where: string): EnvContext {
  const env = result.contexts.find((c) => c.where === where);
  if (!env) throw new Error(`no context ${where}: ${result.contexts.map((c) => c.where).join(", ")}`);
  return env;
}

const OIDC = `include:
  - local: /ci/aws.yml
  - remote: https://example.com/ci.yml
  - template: Security/SAST.gitlab-ci.yml
  - project: group/shared
    file: /templates/deploy.yml
  - 'ci/lint.yml'
  - https://example.com/other.yml

stages: [deploy]

variables:
  AWS_DEFAULT_REGION: eu-west-1
  ROLE_ARN: arn:aws:iam::123456789012:role/gitlab-deploy

default:
  id_tokens:
    DEFAULT_TOKEN:
      aud: https://gitlab.example.com
  before_script:
    - aws --version

deploy:
  stage: deploy
  id_tokens:
    GITLAB_OIDC_TOKEN:
      aud: https://gitlab.example.com
  script:
    - |
      aws sts assume-role-with-web-identity \\
        --role-arn \${ROLE_ARN} \\
        --web-identity-token \${GITLAB_OIDC_TOKEN} \\
        --duration-seconds 3600 > creds.json
    - aws s3 sync ./public s3://my-bucket --region eu-west-1

lint:
  script: npm run lint
`;

describe("GitLab CI reader", () => {
  it("reads the pipeline variables, id_tokens (the job's, else the default's) and local includes", () => {
    const r = read(OIDC);
    expect(r.errors).toEqual([]);
    expect(r.jobs.map((j) => j.name)).toEqual(["deploy", "lint"]);
    const deploy = job(r, "deploy");
    const lint = job(r, "lint");
    expect(deploy.idTokens.map((t) => `${t.text}@${at(t.range)}`)).toEqual(["GITLAB_OIDC_TOKEN@26:5-26:22"]);
    expect(lint.idTokens.map((t) => `${t.text}@${at(t.range)}`)).toEqual(["DEFAULT_TOKEN@18:5-18:18"]);
    expect(deploy.steps).toEqual([]);
    expect(deploy.anchor).toEqual({ start: { line: 23, column: 1 }, end: { line: 23, column: 7 } });
    expect(deploy.where).toBe("job deploy in .gitlab-ci.yml");

    // Paths as written without the leading `/`; remote, template and project includes are not in the repository.
    expect(r.includes?.map((i) => `${i.text}@${at(i.range)}`)).toEqual(["ci/aws.yml@2:12-2:23", "ci/lint.yml@7:5-7:18"]);

    const pipeline = ctx(r, "pipeline .gitlab-ci.yml");
    expect(pipeline.anchor).toEqual({ start: { line: 12, column: 1 }, end: { line: 12, column: 10 } });
    expect(pipeline.parent).toBeUndefined();
    expect(pipeline.ci).toBe("gitlab");
    expect(ownVars(pipeline)).toEqual(["AWS_DEFAULT_REGION=literal:eu-west-1", "ROLE_ARN=literal:arn:aws:iam::123456789012:role/gitlab-deploy"]);
    const region = pipeline.own[0];
    expect(region?.provider).toBe("aws");
    expect(region?.syntax).toBe("env");
    expect(region?.where).toBe("pipeline .gitlab-ci.yml");
    expect(at(region?.key.range)).toBe("13:3-13:21");
    expect(at(region?.value.range)).toBe("13:23-13:32");
    expect(at(region?.range)).toBe("13:3-13:32");
    expect(pipeline.own[1]?.provider).toBe("generic");
    // `default: before_script` runs in every job: its commands are the pipeline's.
    expect(pipeline.commands.map((c) => c.text)).toEqual(["aws --version"]);
    expect(at(pipeline.commands[0]?.range)).toBe("21:7-21:20");

    const env = deploy.env;
    expect(env.parent).toBe(pipeline);
    expect(env.anchor).toEqual(deploy.anchor);
    const commands = env.commands.map((c) => c.text);
    expect(commands).toHaveLength(2);
    expect(commands[0]).toBe("aws sts assume-role-with-web-identity   --role-arn ${ROLE_ARN}   --web-identity-token ${GITLAB_OIDC_TOKEN}   --duration-seconds 3600 > creds.json");
    expect(at(env.commands[0]?.range)).toBe("30:7-33:45");
    expect(allCommands(env).map((c) => c.text)[0]).toBe("aws --version");
    // The flag the script passes is a setting of the job, recorded once in the file's settings.
    const flag = env.own.find((s) => s.key.text === "--region");
    expect(flag?.syntax).toBe("flag");
    expect(value(flag)).toBe("literal:eu-west-1");
    expect(flag?.where).toBe("job deploy in .gitlab-ci.yml");
    expect(r.settings.filter((s) => s === flag)).toHaveLength(1);
    expect(r.settings.map((s) => s.key.text)).toEqual(["AWS_DEFAULT_REGION", "ROLE_ARN", "--web-identity-token", "--region"]);
  });

  const KEY_ID = fakeKeyId(41);
  const SECRET = fakeSecret(41);
  const TEMPLATES = `variables:
  AWS_ACCESS_KEY_ID: $AWS_KEY
  AWS_SECRET_ACCESS_KEY: \${AWS_SECRET}
  LITERAL_DOLLAR: $$HOME
  MIXED: "$$HOME/$CI_PROJECT_DIR"
  RAW:
    value: "$NOT_A_REF"
    description: "taken literally"
    expand: false
  JWT: $CI_JOB_JWT_V2
  VAULT_ID_TOKEN: "Bearer $CI_JOB_JWT"

.aws-base:
  variables:
    AWS_DEFAULT_REGION: us-east-1
    AWS_SECRET_ACCESS_KEY: "${SECRET}"
  before_script:
    - aws configure set region $AWS_DEFAULT_REGION
  id_tokens:
    AWS_TOKEN:
      aud: sts.amazonaws.com

deploy-staging:
  extends: .aws-base
  variables:
    AWS_ACCESS_KEY_ID: ${KEY_ID}
  script:
    - aws s3 ls

deploy-prod:
  extends: [.aws-base, .from-another-file]
  id_tokens:
    VAULT_TOKEN:
      aud: https://vault.example.com
  script:
    - 'curl -H "Authorization: Bearer $CI_JOB_JWT_V2" https://vault.example.com/v1/auth/jwt/login'
`;

  it("classifies references, literals and dynamic values, with `$$` escapes and `expand: false`", () => {
    const r = read(TEMPLATES);
    expect(r.errors).toEqual([]);
    const pipeline = ctx(r, "pipeline .gitlab-ci.yml");
    expect(ownVars(pipeline)).toEqual([
      "AWS_ACCESS_KEY_ID=reference:AWS_KEY",
      "AWS_SECRET_ACCESS_KEY=reference:AWS_SECRET",
      // `$$` is an escaped `$`: the job sees the text `$HOME`.
      "LITERAL_DOLLAR=literal:$HOME",
      'MIXED=dynamic:"$$HOME/$CI_PROJECT_DIR"',
      // expand: false passes the value as written.
      "RAW=literal:$NOT_A_REF",
      // The deprecated job JWT is an ordinary reference: rules look for its name.
      "JWT=reference:CI_JOB_JWT_V2",
      'VAULT_ID_TOKEN=dynamic:"Bearer $CI_JOB_JWT"',
    ]);
    const dollar = pipeline.own[2];
    expect(dollar?.value.kind === "literal" && dollar.value.raw).toBe("$$HOME");
    expect(at(dollar?.value.range)).toBe("4:19-4:25");
    // A `{ value: … }` variable: the key is the variable's name, the value its `value:`.
    const raw = pipeline.own[4];
    expect(at(raw?.key.range)).toBe("6:3-6:6");
    expect(at(raw?.value.range)).toBe("7:12-7:24");
    expect(raw?.style).toBe("double");
  });

  it("inherits through `extends:`: a variable is own only where it is written", () => {
    const r = read(TEMPLATES);
    expect(r.jobs.map((j) => j.name)).toEqual([".aws-base", "deploy-staging", "deploy-prod"]);
    const base = job(r, ".aws-base");
    const staging = job(r, "deploy-staging");
    const prod = job(r, "deploy-prod");
    const pipeline = ctx(r, "pipeline .gitlab-ci.yml");
    expect(base.env.parent).toBe(pipeline);
    expect(base.where).toBe("template .aws-base in .gitlab-ci.yml");
    expect(staging.env.parent).toBe(base.env);
    // The last template that is in this file: `.from-another-file` is included from elsewhere.
    expect(prod.env.parent).toBe(base.env);
    // Outer contexts first.
    expect(r.contexts.map((c) => c.where)).toEqual([
      "pipeline .gitlab-ci.yml",
      "template .aws-base in .gitlab-ci.yml",
      "job deploy-staging in .gitlab-ci.yml",
      "job deploy-prod in .gitlab-ci.yml",
    ]);

    expect(ownVars(base.env)).toEqual(["AWS_DEFAULT_REGION=literal:us-east-1", `AWS_SECRET_ACCESS_KEY=literal:${SECRET}`]);
    expect(ownVars(staging.env)).toEqual([`AWS_ACCESS_KEY_ID=literal:${KEY_ID}`]);
    expect(ownVars(prod.env)).toEqual([]);

    const vars = effectiveVars(staging.env);
    expect(value(vars.get("AWS_ACCESS_KEY_ID"))).toBe(`literal:${KEY_ID}`);
    expect(value(vars.get("AWS_SECRET_ACCESS_KEY"))).toBe(`literal:${SECRET}`);
    expect(value(vars.get("JWT"))).toBe("reference:CI_JOB_JWT_V2");
    const secret = vars.get("AWS_SECRET_ACCESS_KEY");
    expect(secret && isOwn(base.env, secret)).toBe(true);
    expect(secret && isOwn(staging.env, secret)).toBe(false);
    expect(secret?.where).toBe("template .aws-base in .gitlab-ci.yml");
    expect(at(secret?.value.range)).toBe("16:28-16:70");

    // The template's before_script is the template's command; the jobs run it through their chain.
    expect(base.env.commands.map((c) => c.text)).toEqual(["aws configure set region $AWS_DEFAULT_REGION"]);
    expect(allCommands(staging.env).map((c) => c.text)).toEqual(["aws configure set region $AWS_DEFAULT_REGION", "aws s3 ls"]);
    expect(prod.env.commands[0]?.text).toContain("$CI_JOB_JWT_V2");
    // `id_tokens:` merge along `extends:`, template first.
    expect(staging.idTokens.map((t) => `${t.text}@${at(t.range)}`)).toEqual(["AWS_TOKEN@20:5-20:14"]);
    expect(prod.idTokens.map((t) => t.text)).toEqual(["AWS_TOKEN", "VAULT_TOKEN"]);
    expect(new Set(r.settings).size).toBe(r.settings.length);
  });

  it("shares settings merged or aliased into several jobs, and follows `!reference`", () => {
    const key = fakeKeyId(42);
    const r = read(`.vars: &vars
  AWS_REGION: eu-central-1
  AWS_ACCESS_KEY_ID: "${key}"

job-a:
  variables:
    <<: *vars
    AWS_REGION: us-west-2
  script:
    - !reference [.setup, script]
    - echo done

job-b:
  variables: *vars
  script: !reference [.setup, script]

job-c:
  variables: !reference [.common, variables]
  script: [echo c]

.setup:
  script:
    - aws sts get-caller-identity --region eu-west-3

.common:
  variables:
    GOOGLE_CLOUD_PROJECT: demo-project
`);
    expect(r.errors).toEqual([]);
    expect(job(r, ".vars").env.own).toEqual([]);
    const a = job(r, "job-a").env;
    const b = job(r, "job-b").env;
    expect(ownVars(a)).toEqual([`AWS_ACCESS_KEY_ID=literal:${key}`, "AWS_REGION=literal:us-west-2"]);
    expect(ownVars(b)).toEqual(["AWS_REGION=literal:eu-central-1", `AWS_ACCESS_KEY_ID=literal:${key}`]);
    // One written entry, one setting: the merged and the aliased uses share it, ranges in the anchor.
    const shared = a.own[0];
    expect(b.own[1]).toBe(shared);
    expect(at(shared?.key.range)).toBe("3:3-3:20");
    expect(r.settings.filter((s) => s.key.text === "AWS_ACCESS_KEY_ID")).toHaveLength(1);
    expect(r.settings.filter((s) => s.key.text === "AWS_REGION").map((s) => at(s.range))).toEqual(["8:5-8:26", "2:3-2:27"]);

    expect(a.commands.map((c) => c.text)).toEqual(["aws sts get-caller-identity --region eu-west-3", "echo done"]);
    expect(b.commands.map((c) => c.text)).toEqual(["aws sts get-caller-identity --region eu-west-3"]);
    expect(at(a.commands[0]?.range)).toBe("23:7-23:53");
    expect(ownVars(job(r, "job-c").env)).toEqual(["GOOGLE_CLOUD_PROJECT=literal:demo-project"]);
    expect(job(r, "job-c").env.own[0]?.provider).toBe("gcp");
    // The `.setup` flag is one setting, used by three jobs.
    expect(r.settings.filter((s) => s.key.text === "--region")).toHaveLength(1);
  });

  it("reads a folded `>` script (GitLab's documented OIDC example) as one command line", () => {
    const r = read(`assume role:
  id_tokens:
    GITLAB_OIDC_TOKEN:
      aud: https://gitlab.example.com
  script:
    - >
      export $(printf "AWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=%s AWS_SESSION_TOKEN=%s"
      $(aws sts assume-role-with-web-identity
      --role-arn \${ROLE_ARN}
      --role-session-name "GitLabRunner-\${CI_PROJECT_ID}-\${CI_PIPELINE_ID}"
      --web-identity-token \${GITLAB_OIDC_TOKEN}
      --region eu-west-1
      --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]'
      --output text))
    - aws sts get-caller-identity
`);
    const env = job(r, "assume role").env;
    // YAML folds the block into one line, so `--region` is a flag of the `aws` inside `$(…)`, not a command.
    expect(env.commands.map((c) => c.text.slice(0, 20))).toEqual(["export $(printf \"AWS", "aws sts get-caller-i"]);
    expect(env.own.map((s) => `${s.key.text}=${value(s)}@${at(s.range)}`)).toEqual([
      "--web-identity-token=reference:GITLAB_OIDC_TOKEN@11:7-11:48",
      "--region=literal:eu-west-1@12:7-12:25",
    ]);
  });

  it("reads rules variables and ignores cyclic extends", () => {
    const r = read(`workflow:
  rules:
    - if: $CI_COMMIT_BRANCH == "main"
      variables:
        AWS_PROFILE: prod
a:
  extends: b
  script: [echo a]
b:
  extends: a
  rules:
    - if: $CI_COMMIT_TAG
      variables: { AWS_REGION: eu-north-1 }
  script: [echo b]
`);
    expect(r.errors).toEqual([]);
    const pipeline = ctx(r, "pipeline .gitlab-ci.yml");
    expect(pipeline.anchor).toEqual({ start: { line: 1, column: 1 }, end: { line: 1, column: 10 } });
    expect(ownVars(pipeline)).toEqual(["AWS_PROFILE=literal:prod"]);
    // a → b → a: the second link would close the cycle, so b hangs off the pipeline.
    expect(job(r, "a").env.parent).toBe(job(r, "b").env);
    expect(job(r, "b").env.parent).toBe(pipeline);
    expect(ownVars(job(r, "b").env)).toEqual(["AWS_REGION=literal:eu-north-1"]);
  });

  it("reports malformed YAML with its line, and keeps what it could read", () => {
    const r = read(`variables:
  AWS_REGION: eu-west-1
deploy:
  script: [unclosed
  stage: deploy
`);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]?.line).toBe(5);
    expect(() => read("\t- [:\n{")).not.toThrow();
    expect(read("just a string").jobs).toEqual([]);
    expect(read("").errors).toEqual([]);
  });

  it("stops an alias bomb fast, with an error instead of a throw", () => {
    const levels = ["l0: &l0 [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 10; i++) levels.push(`l${i}: &l${i} [${Array.from({ length: 10 }, () => `*l${i - 1}`).join(", ")}]`);
    const started = Date.now();
    const r = read(`${levels.join("\n")}\njob:\n  script: *l9\n`);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.errors).toEqual([{ line: 1, message: expect.stringMatching(/alias/) }]);
    expect(r.jobs).toEqual([]);
  });

  it("reports nesting too deep to read", () => {
    const r = read(`job:\n  script: ${"[".repeat(5000)}x${"]".repeat(5000)}\n`);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]?.message).toMatch(/nesting too deep/);
  });
});
