import { describe, expect, it } from "vitest";
import { readGithubAction, readGithubWorkflow } from "../../src/formats/github.js";
import type { CiJob } from "../../src/model/ci.js";
import { effectiveVars } from "../../src/model/env.js";
import type { Setting } from "../../src/model/setting.js";
import { makeSourceFile, sliceRange } from "../../src/model/source.js";
import type { AnyRule } from "../../src/model/rule.js";
import hardcodedSecret from "../../rules/hardcoded-secret.js";
import { at, show } from "../support/ci.js";
import { runRule } from "../support/rule-tester.js";

// credlint-disable-next-line hardcoded-aws-key:021a6ec4 -- fake test key
const FAKE_KEY = "AKIAQX7ZP3MW5RT2NBVH";

/** A literal registry password in `container:` and a secret reference in `services:`. */
const CONTAINER_WORKFLOW = `name: ci
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    container:
      image: ghcr.io/acme/builder:2.4
      credentials:
        username: acme-bot
        password: Xk9mPq2vR7tLw4nZ8bHc
    services:
      db:
        image: registry.acme.io/postgres:16
        credentials:
          username: ci
          password: \${{ secrets.REGISTRY_PASSWORD }}
    steps:
      - run: make test
`;

function workflow(text: string, path = ".github/workflows/deploy.yml") {
  return readGithubWorkflow(makeSourceFile(path, "github-workflow", text));
}

function job(jobs: readonly CiJob[], name: string): CiJob {
  const found = jobs.find((j) => j.name === name);
  if (!found) throw new Error(`no job ${name}`);
  return found;
}

const DEPLOY = `name: deploy
on:
  push:
    branches: [main]
env:
  AWS_REGION: eu-west-1
jobs:
  deploy:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
      contents: read
    steps:
      - uses: actions/checkout@v4
      - name: Configure AWS
        uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: arn:aws:iam::\${{ vars.ACCOUNT }}:role/x
          aws-region: \${{ env.AWS_REGION }}
      - run: |
          aws sts get-caller-identity
          aws s3 ls --profile prod
`;

describe("readGithubWorkflow", () => {
  it("reads an OIDC deploy: contexts, job, steps and their exact ranges", () => {
    const r = workflow(DEPLOY);
    expect(r.errors).toEqual([]);
    expect(r.contexts.map((c) => [c.where, at(c.anchor), c.parent?.where ?? null])).toEqual([
      ["workflow .github/workflows/deploy.yml", "5:1-5:4", null],
      ["job deploy in .github/workflows/deploy.yml", "8:3-8:9", "workflow .github/workflows/deploy.yml"],
      ['step 1 of job deploy in .github/workflows/deploy.yml', "14:15-14:34", "job deploy in .github/workflows/deploy.yml"],
      ['step "Configure AWS" of job deploy in .github/workflows/deploy.yml', "16:15-16:55", "job deploy in .github/workflows/deploy.yml"],
      ["step 3 of job deploy in .github/workflows/deploy.yml", "20:9-20:12", "job deploy in .github/workflows/deploy.yml"],
    ]);
    expect(r.contexts.every((c) => c.ci === "github" && c.syntax === "yaml" && c.live)).toBe(true);

    const [region] = r.contexts[0]?.own ?? [];
    expect(region && [show(region), at(region.key.range), at(region.value.range), at(region.range)]).toEqual([
      "AWS_REGION=literal:eu-west-1",
      "6:3-6:13",
      "6:15-6:24",
      "6:3-6:24",
    ]);
    expect(region?.provider).toBe("aws");
    expect(region?.syntax).toBe("env");
    expect(region?.where).toBe("workflow .github/workflows/deploy.yml");

    expect(r.jobs).toHaveLength(1);
    const deploy = job(r.jobs, "deploy");
    expect(deploy).toMatchObject({ kind: "ci-job", platform: "github", where: "job deploy in .github/workflows/deploy.yml", reusable: false, idTokens: [] });
    expect(deploy.calls).toBeUndefined();
    expect(deploy.env).toBe(r.contexts[1]);
    expect(deploy.permissions).toMatchObject({ source: "job", idToken: "write" });
    expect(at(deploy.permissions?.range)).toBe("10:5-10:16");

    const [checkout, configure, script] = deploy.steps;
    expect(checkout?.uses?.text).toBe("actions/checkout@v4");
    expect(checkout?.action).toBe("actions/checkout");
    expect(checkout?.index).toBe(0);
    expect(checkout?.job).toBe(deploy);
    expect(at(configure?.uses?.range)).toBe("16:15-16:55");
    expect(configure?.action).toBe("aws-actions/configure-aws-credentials");
    expect(configure?.inputs.map(show)).toEqual([
      "role-to-assume=dynamic:arn:aws:iam::${{ vars.ACCOUNT }}:role/x",
      "aws-region=reference:env.AWS_REGION",
    ]);
    const role = configure?.input("role-to-assume");
    expect(role && [at(role.key.range), at(role.value.range), role.provider, role.syntax]).toEqual(["18:11-18:25", "18:27-18:66", "aws", "input"]);
    expect(configure?.env.parent).toBe(deploy.env);
    expect(script?.uses).toBeUndefined();
    expect(script?.action).toBeUndefined();
    expect(script?.inputs).toEqual([]);
  });

  it("reads a `run: |` script: commands, and a --profile flag pointing exactly at its value", () => {
    const r = workflow(DEPLOY);
    const step = r.contexts[4];
    expect(step?.commands.map((c) => c.text)).toEqual(["aws sts get-caller-identity", "aws s3 ls --profile prod"]);
    expect(step?.commands.map((c) => at(c.range))).toEqual(["21:11-21:38", "22:11-22:35"]);
    const profile = step?.own.find((s) => s.key.text === "--profile");
    expect(profile && show(profile)).toBe("--profile=literal:prod");
    expect(profile && at(profile.value.range)).toBe("22:31-22:35");
    expect(profile && sliceRange(profile.file, profile.value.range)).toBe("prod");
    expect(profile?.syntax).toBe("flag");
    expect(profile?.where).toBe("step 3 of job deploy in .github/workflows/deploy.yml");
    expect(r.settings).toContain(profile);
  });

  it("lists every setting once, outer contexts first", () => {
    const r = workflow(DEPLOY);
    expect(r.settings.map(show)).toEqual([
      "AWS_REGION=literal:eu-west-1",
      "role-to-assume=dynamic:arn:aws:iam::${{ vars.ACCOUNT }}:role/x",
      "aws-region=reference:env.AWS_REGION",
      "--profile=literal:prod",
    ]);
  });

  it("reads env keys from secrets at workflow, job and step level, and a hard-coded key", () => {
    const r = workflow(`on: push
env:
  AWS_ACCESS_KEY_ID: \${{ secrets.AWS_ACCESS_KEY_ID }}
jobs:
  build:
    runs-on: ubuntu-latest
    env:
      AWS_SECRET_ACCESS_KEY: \${{secrets.AWS_SECRET_ACCESS_KEY}}
      AWS_DEFAULT_REGION: us-east-1
    steps:
      - name: Upload
        env:
          AWS_SESSION_TOKEN: "\${{ secrets.TOKEN }}"
          AWS_ACCESS_KEY_ID: ${FAKE_KEY}
          GCLOUD_PROJECT: my-project
        run: aws s3 cp dist s3://bucket/ --recursive
`);
    expect(r.errors).toEqual([]);
    expect(r.contexts.map((c) => c.own.map(show))).toEqual([
      ["AWS_ACCESS_KEY_ID=reference:secrets.AWS_ACCESS_KEY_ID"],
      ["AWS_SECRET_ACCESS_KEY=reference:secrets.AWS_SECRET_ACCESS_KEY", "AWS_DEFAULT_REGION=literal:us-east-1"],
      ["AWS_SESSION_TOKEN=reference:secrets.TOKEN", `AWS_ACCESS_KEY_ID=literal:${FAKE_KEY}`, "GCLOUD_PROJECT=literal:my-project"],
    ]);
    const step = r.contexts[2];
    expect(step?.where).toBe('step "Upload" of job build in .github/workflows/deploy.yml');
    expect(at(step?.anchor)).toBe("16:9-16:12");
    expect(step?.commands.map((c) => c.text)).toEqual(["aws s3 cp dist s3://bucket/ --recursive"]);
    const token = step?.own[0];
    expect(token && [at(token.value.range), token.style]).toEqual(["13:30-13:52", "double"]);
    expect(token?.provider).toBe("aws");
    expect(step?.own[2]?.provider).toBe("gcp");
    const vars = step ? effectiveVars(step) : new Map<string, Setting>();
    expect([...vars.keys()]).toEqual(["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_DEFAULT_REGION", "AWS_SESSION_TOKEN", "GCLOUD_PROJECT"]);
    expect(vars.get("AWS_ACCESS_KEY_ID")?.where).toBe('step "Upload" of job build in .github/workflows/deploy.yml');
    expect(r.settings).toHaveLength(6);
    expect(job(r.jobs, "build").permissions).toEqual({ source: "default", file: r.jobs[0]?.file, idToken: "none" });
  });

  it("reads azure/login creds from a secret and from a literal JSON block", () => {
    const json = `{
  "clientId": "00000000-0000-0000-0000-000000000000",
  "clientSecret": "not-a-real-client-secret",
  "tenantId": "11111111-1111-1111-1111-111111111111"
}
`;
    const r = workflow(`on: push
jobs:
  azure:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
    steps:
      - uses: Azure/login@v2
        with:
          creds: \${{ secrets.AZURE_CREDENTIALS }}
      - name: Login with JSON
        uses: azure/login@v2
        with:
          creds: |
${json.replace(/^/gm, "            ").replace(/ +$/, "")}          enable-AzPSSession: true
`);
    expect(r.errors).toEqual([]);
    const [secret, literal] = job(r.jobs, "azure").steps;
    expect(secret?.action).toBe("azure/login");
    expect(secret?.inputs.map(show)).toEqual(["creds=reference:secrets.AZURE_CREDENTIALS"]);
    expect(secret?.input("creds")?.provider).toBe("azure");
    expect(literal?.action).toBe("azure/login");
    const creds = literal?.input("creds");
    expect(creds?.value).toMatchObject({ kind: "literal", value: json });
    expect(creds?.style).toBe("literal");
    expect(creds && [at(creds.key.range), at(creds.value.range)]).toEqual(["14:11-14:16", "14:18-20:1"]);
    expect(literal?.input("enable-AzPSSession")).toMatchObject({ provider: "azure", value: { kind: "literal", value: "true" } });
  });

  it("reads google-github-actions/auth with a workload identity provider", () => {
    const r = workflow(`on: push
jobs:
  gcp:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      id-token: write
    steps:
      - id: auth
        uses: google-github-actions/auth@v2
        with:
          workload_identity_provider: projects/123456789/locations/global/workloadIdentityPools/github/providers/my-repo
          service_account: deployer@my-project.iam.gserviceaccount.com
`);
    const [auth] = job(r.jobs, "gcp").steps;
    expect(auth?.where).toBe("step 1 of job gcp in .github/workflows/deploy.yml");
    expect(at(auth?.anchor)).toBe("10:15-10:44");
    expect(auth?.action).toBe("google-github-actions/auth");
    expect(auth?.inputs.map((s) => [s.key.text, s.provider, s.value.kind])).toEqual([
      ["workload_identity_provider", "gcp", "literal"],
      ["service_account", "gcp", "literal"],
    ]);
    expect(job(r.jobs, "gcp").permissions?.idToken).toBe("write");
  });

  it("reads a matrix job: matrix values are references, the matrix itself is no setting", () => {
    const r = workflow(`on: push
permissions:
  id-token: write
jobs:
  deploy:
    strategy:
      matrix:
        region: [us-east-1, eu-west-1]
    runs-on: ubuntu-latest
    steps:
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          aws-region: \${{ matrix.region }}
          role-to-assume: \${{ secrets.DEPLOY_ROLE }}
          mask-aws-account-id: true
`);
    expect(r.settings.map(show)).toEqual([
      "aws-region=reference:matrix.region",
      "role-to-assume=reference:secrets.DEPLOY_ROLE",
      "mask-aws-account-id=literal:true",
    ]);
    expect(r.settings.every((s) => s.provider === "aws" && s.syntax === "input")).toBe(true);
    const deploy = job(r.jobs, "deploy");
    expect(deploy.permissions).toMatchObject({ source: "workflow", idToken: "write" });
    expect(at(deploy.permissions?.range)).toBe("2:1-2:12");
  });

  it("resolves the permissions in effect for every form of the block", () => {
    const r = workflow(`on: push
permissions:
  contents: read
jobs:
  inherits: { runs-on: x, steps: [] }
  override:
    permissions:
      id-token: write
  write-all:
    permissions: write-all
  read-all:
    permissions: read-all
  empty:
    permissions: {}
  read:
    permissions:
      id-token: read
  none:
    permissions:
      id-token: none
  expression:
    permissions: \${{ fromJSON(vars.PERMISSIONS) }}
  level-expression:
    permissions:
      id-token: \${{ vars.LEVEL }}
  wrong-type:
    permissions:
      id-token: [write]
  flow:
    permissions: { contents: read, id-token: write }
`);
    expect(r.errors).toEqual([]);
    expect(r.jobs.map((j) => [j.name, j.permissions?.source, j.permissions?.idToken, at(j.permissions?.range)])).toEqual([
      ["inherits", "workflow", "none", "2:1-2:12"],
      ["override", "job", "write", "7:5-7:16"],
      ["write-all", "job", "write", "10:5-10:16"],
      ["read-all", "job", "none", "12:5-12:16"],
      ["empty", "job", "none", "14:5-14:16"],
      ["read", "job", "read", "16:5-16:16"],
      ["none", "job", "none", "19:5-19:16"],
      ["expression", "job", "unknown", "22:5-22:16"],
      ["level-expression", "job", "unknown", "24:5-24:16"],
      ["wrong-type", "job", "unknown", "27:5-27:16"],
      ["flow", "job", "write", "30:5-30:16"],
    ]);
  });

  it("uses the workflow's block when a job has none, and the default token when neither has", () => {
    const writeAll = workflow(`on: push\npermissions: write-all\njobs:\n  a:\n    runs-on: x\n`);
    expect(writeAll.jobs[0]?.permissions).toMatchObject({ source: "workflow", idToken: "write" });
    const none = workflow(`on: push\njobs:\n  a:\n    runs-on: x\n`);
    expect(none.jobs[0]?.permissions).toEqual({ source: "default", file: none.jobs[0]?.file, idToken: "none" });
  });

  it("reads a reusable workflow and a job that calls it", () => {
    const called = workflow(`on:
  workflow_call:
    inputs:
      environment:
        type: string
permissions:
  id-token: write
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - run: aws sts get-caller-identity --region eu-west-1
`);
    expect(called.jobs.map((j) => j.reusable)).toEqual([true]);
    expect(called.settings.map(show)).toEqual(["--region=literal:eu-west-1"]);
    expect(workflow(`on: workflow_call\njobs:\n  a:\n    runs-on: x\n`).jobs[0]?.reusable).toBe(true);
    // Also triggered on its own: its own permissions decide, so it is not judged as a called workflow.
    expect(workflow(`on: [push, workflow_call]\njobs:\n  a:\n    runs-on: x\n`).jobs[0]?.reusable).toBe(false);
    expect(workflow(`on:\n  workflow_call:\n  workflow_dispatch:\njobs:\n  a:\n    runs-on: x\n`).jobs[0]?.reusable).toBe(false);
    expect(workflow(`on: [workflow_call]\njobs:\n  a:\n    runs-on: x\n`).jobs[0]?.reusable).toBe(true);
    expect(workflow(`on: [push, pull_request]\njobs:\n  a:\n    runs-on: x\n`).jobs[0]?.reusable).toBe(false);

    const caller = workflow(
      `on: push
permissions:
  contents: read
jobs:
  call:
    uses: ./.github/workflows/deploy.yml
    permissions:
      id-token: write
    with:
      environment: production
      aws_region: eu-west-1
    secrets: inherit
`,
      ".github/workflows/release.yml",
    );
    expect(caller.errors).toEqual([]);
    const call = job(caller.jobs, "call");
    expect(call.calls?.text).toBe("./.github/workflows/deploy.yml");
    expect(at(call.calls?.range)).toBe("6:11-6:41");
    // The call is the job's one step: its `with:` entries are its inputs (`secrets: inherit` passes none).
    expect(call.steps.map((s) => [s.uses?.text, s.action, at(s.anchor), s.inputs.map(show)])).toEqual([
      ["./.github/workflows/deploy.yml", "./.github/workflows/deploy.yml", "6:11-6:41", ["environment=literal:production", "aws_region=literal:eu-west-1"]],
    ]);
    expect(call.reusable).toBe(false);
    expect(call.permissions).toMatchObject({ source: "job", idToken: "write" });
    const callWhere = "call of ./.github/workflows/deploy.yml in job call in .github/workflows/release.yml";
    expect(caller.settings.map((s) => [show(s), s.syntax, s.provider, s.where])).toEqual([
      ["environment=literal:production", "input", "generic", callWhere],
      ["aws_region=literal:eu-west-1", "input", "aws", callWhere],
    ]);
    expect(caller.contexts.map((c) => c.where)).toEqual(["workflow .github/workflows/release.yml", "job call in .github/workflows/release.yml", callWhere]);
    expect(at(caller.contexts[0]?.anchor)).toBe("1:1-1:9");
  });

  it("reads the secrets a job passes to a reusable workflow as the call's inputs", () => {
    const r = workflow(`on: push
jobs:
  deploy:
    uses: acme/platform/.github/workflows/deploy.yml@v3
    with:
      environment: production
    secrets:
      AWS_ACCESS_KEY_ID: \${{ secrets.AWS_ACCESS_KEY_ID }}
      AWS_SECRET_ACCESS_KEY: \${{ secrets.AWS_SECRET_ACCESS_KEY }}
`);
    const call = job(r.jobs, "deploy").steps[0];
    expect(call?.action).toBe("acme/platform/.github/workflows/deploy.yml");
    expect(call?.inputs.map((s) => [show(s), s.provider])).toEqual([
      ["environment=literal:production", "generic"],
      ["AWS_ACCESS_KEY_ID=reference:secrets.AWS_ACCESS_KEY_ID", "aws"],
      ["AWS_SECRET_ACCESS_KEY=reference:secrets.AWS_SECRET_ACCESS_KEY", "aws"],
    ]);
    expect(call?.input("AWS_ACCESS_KEY_ID")?.key.text).toBe("AWS_ACCESS_KEY_ID");
  });

  it("reads container and service registry credentials as settings of no context", () => {
    const r = workflow(`on: push
jobs:
  test:
    runs-on: ubuntu-latest
    container:
      image: ghcr.io/acme/builder:2.4
      credentials:
        username: acme-bot
        password: \${{ secrets.GHCR_TOKEN }}
    services:
      db:
        image: registry.acme.io/postgres:16
        credentials:
          username: ci
          password: hunter2hunter2
    steps:
      - run: make test
`);
    expect(r.errors).toEqual([]);
    expect(r.settings.map((s) => [show(s), s.syntax, s.provider, s.where])).toEqual([
      ["username=literal:acme-bot", "input", "generic", "container of job test in .github/workflows/deploy.yml"],
      ["password=reference:secrets.GHCR_TOKEN", "input", "generic", "container of job test in .github/workflows/deploy.yml"],
      ["username=literal:ci", "input", "generic", "service db of job test in .github/workflows/deploy.yml"],
      ["password=literal:hunter2hunter2", "input", "generic", "service db of job test in .github/workflows/deploy.yml"],
    ]);
    expect(r.contexts.flatMap((c) => c.own.map(show))).toEqual([]);
    // hardcoded-secret then names the context of a literal registry password; a secret reference is no finding.
    const files = { ".github/workflows/ci.yml": CONTAINER_WORKFLOW };
    expect(runRule(hardcodedSecret as unknown as AnyRule, files).map((f) => `${f.range.start.line}:${f.range.start.column} ${f.message.split(". Anyone")[0]}`)).toEqual([
      "10:19 A hard-coded password (Xk9m****) is assigned to password in container of job test in .github/workflows/ci.yml",
    ]);
  });

  it("tags the inputs of Google's and Microsoft's own actions with their cloud", () => {
    const r = workflow(`on: push
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: google-github-actions/deploy-cloudrun@v2
        with:
          region: us-central1
      - uses: Azure/arm-deploy@v2
        with:
          region: westeurope
      - uses: actions/cache@v4
        with:
          key: deps
`);
    expect(r.settings.map((s) => [show(s), s.provider])).toEqual([
      ["region=literal:us-central1", "gcp"],
      ["region=literal:westeurope", "azure"],
      ["key=literal:deps", "generic"],
    ]);
  });

  it("follows anchors, aliases and merge keys, and lists a shared entry once", () => {
    const r = workflow(`on: push
jobs:
  build:
    runs-on: ubuntu-latest
    env: &common
      AWS_REGION: eu-west-1
      AWS_PROFILE: ci
    steps:
      - run: make
  deploy:
    runs-on: ubuntu-latest
    env:
      <<: *common
      AWS_PROFILE: prod
    steps:
      - run: make deploy
  test:
    env: *common
`);
    expect(r.errors).toEqual([]);
    const deploy = job(r.jobs, "deploy");
    expect(deploy.env.own.map(show)).toEqual(["AWS_REGION=literal:eu-west-1", "AWS_PROFILE=literal:prod"]);
    expect(deploy.env.own.map((s) => at(s.key.range))).toEqual(["6:7-6:17", "14:7-14:18"]);
    // A merged entry is one setting, shared by every context that uses it (it names where it is written).
    expect(deploy.env.own[0]?.where).toBe("job build in .github/workflows/deploy.yml");
    expect(deploy.env.own[0]).toBe(job(r.jobs, "build").env.own[0]);
    expect(job(r.jobs, "test").env.own.map(show)).toEqual(["AWS_REGION=literal:eu-west-1", "AWS_PROFILE=literal:ci"]);
    expect(r.settings.map((s) => `${show(s)} @${s.key.range.start.line}`)).toEqual([
      "AWS_REGION=literal:eu-west-1 @6",
      "AWS_PROFILE=literal:ci @7",
      "AWS_PROFILE=literal:prod @14",
    ]);
  });

  it("anchors a step with neither uses nor run at its first own key, even after a merge key", () => {
    const r = workflow(`on: push
x-defaults: &defaults
  timeout-minutes: 5
jobs:
  a:
    steps:
      - <<: *defaults
        name: Wait
        env:
          AWS_REGION: us-west-2
`);
    expect(r.contexts.map((c) => at(c.anchor))).toEqual(["1:1-1:9", "5:3-5:4", "8:9-8:13"]);
  });

  it("does not read python scripts as shell", () => {
    const r = workflow(`on: push
jobs:
  a:
    defaults:
      run:
        shell: python
    steps:
      - run: print("--profile prod")
      - shell: bash
        run: aws s3 ls --profile prod
`);
    expect(r.contexts.slice(2).map((c) => c.commands.length)).toEqual([0, 1]);
    expect(r.settings.map(show)).toEqual(["--profile=literal:prod"]);
  });

  it("returns nothing, and no error, for YAML that is not a workflow", () => {
    for (const text of ["- a\n- b\n", "just text\n", "jobs: [a, b]\n", "jobs:\n  a: 1\n  b: [x]\n", "", "on: push\njobs:\n  a:\n    steps: {run: x}\n"]) {
      const r = workflow(text);
      expect(r.errors).toEqual([]);
      expect(r.jobs.flatMap((j) => j.steps)).toEqual([]);
      expect(r.settings).toEqual([]);
    }
  });

  it("reports a YAML syntax error with its line", () => {
    const r = workflow(`on: push
jobs:
  build:
    runs-on: ubuntu-latest
   steps: []
`);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]?.line).toBe(5);
    expect(r.errors[0]?.message).toMatch(/same column/);
  });

  it("stops a billion-laughs file (9 levels of 9 aliases) quickly with an error", () => {
    const levels = [`l0: &l0 { AWS_REGION: us-east-1, AWS_PROFILE: lol }`];
    for (let i = 1; i <= 9; i++) levels.push(`l${i}: &l${i} { <<: [${Array.from({ length: 9 }, () => `*l${i - 1}`).join(", ")}] }`);
    const started = Date.now();
    const r = workflow(`${levels.join("\n")}\non: push\nenv: *l9\njobs:\n  a:\n    env: *l9\n`);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(r.errors).toEqual([{ line: 1, message: expect.stringMatching(/alias/) }]);
    expect(r.jobs).toEqual([]);
  });

  it("reads a billion-laughs of sequences quickly without expanding it", () => {
    const levels = [`l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]`];
    for (let i = 1; i <= 9; i++) levels.push(`l${i}: &l${i} [${Array.from({ length: 9 }, () => `*l${i - 1}`).join(", ")}]`);
    const started = Date.now();
    const r = workflow(`${levels.join("\n")}\non: *l9\njobs:\n  a:\n    steps: *l9\n    permissions: *l9\n`);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(r.jobs.map((j) => [j.steps.length, j.reusable, j.permissions?.idToken])).toEqual([[0, false, "unknown"]]);
  });

  it("reports 10 000-deep nested flow sequences as an error instead of throwing", () => {
    const r = workflow(`on: push\njobs: ${"[".repeat(10_000)}${"]".repeat(10_000)}\n`);
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.errors[0]?.message).toMatch(/too deep/);
    expect(r.jobs).toEqual([]);
  });
});

describe("readGithubAction", () => {
  const COMPOSITE = `name: AWS login
description: Assume the CI role
inputs:
  role:
    description: Role to assume
    default: arn:aws:iam::123456789012:role/ci
runs:
  using: composite
  steps:
    - uses: aws-actions/configure-aws-credentials@v4
      with:
        role-to-assume: \${{ inputs.role }}
        aws-region: us-east-1
    - name: Who am I
      shell: bash
      run: aws sts get-caller-identity --region us-east-1
`;

  it("reads a composite action as a pseudo-job named after its directory", () => {
    const file = makeSourceFile(".github/actions/aws-login/action.yml", "github-action", COMPOSITE);
    const r = readGithubAction(file);
    expect(r.errors).toEqual([]);
    expect(r.composite).toMatchObject({ kind: "composite-action", file, dir: ".github/actions/aws-login" });
    const pseudo = r.composite?.job;
    expect(r.jobs).toEqual([pseudo]);
    expect(pseudo).toMatchObject({ name: ".github/actions/aws-login", where: "composite action .github/actions/aws-login/action.yml", idTokens: [] });
    expect(at(pseudo?.anchor)).toBe("7:1-7:5");
    expect(pseudo?.permissions).toBeUndefined();
    expect(pseudo?.steps.map((s) => [s.where, at(s.anchor), s.action ?? null])).toEqual([
      ["step 1 of composite action .github/actions/aws-login/action.yml", "10:13-10:53", "aws-actions/configure-aws-credentials"],
      ['step "Who am I" of composite action .github/actions/aws-login/action.yml', "16:7-16:10", null],
    ]);
    expect(r.contexts.map((c) => c.where)).toEqual([
      "composite action .github/actions/aws-login/action.yml",
      "step 1 of composite action .github/actions/aws-login/action.yml",
      'step "Who am I" of composite action .github/actions/aws-login/action.yml',
    ]);
    expect(r.settings.map(show)).toEqual(["role-to-assume=reference:inputs.role", "aws-region=literal:us-east-1", "--region=literal:us-east-1"]);
  });

  it("reads a composite action at the repository root with dir ''", () => {
    const r = readGithubAction(makeSourceFile("action.yaml", "github-action", COMPOSITE));
    expect(r.composite?.dir).toBe("");
    expect(r.composite?.job.name).toBe(".");
  });

  it("returns an empty result for node and docker actions", () => {
    for (const using of ["node24", "docker"]) {
      const r = readGithubAction(makeSourceFile("action.yml", "github-action", `name: x\nruns:\n  using: ${using}\n  main: dist/index.js\n`));
      expect(r).toEqual({ contexts: [], jobs: [], settings: [], errors: [] });
    }
  });
});
