import { describe, expect, it } from "vitest";
import { readAzurePipelines } from "../../src/formats/azure-pipelines.js";
import type { CiJob } from "../../src/model/ci.js";
import { effectiveVars, isOwn } from "../../src/model/env.js";
import { makeSourceFile } from "../../src/model/source.js";
import { fakeSecret } from "../support/fake-keys.js";
import { at, show } from "../support/ci.js";

function read(text: string, path = "azure-pipelines.yml") {
  return readAzurePipelines(makeSourceFile(path, "azure-pipelines", text));
}

function job(jobs: readonly CiJob[], name: string): CiJob {
  const found = jobs.find((j) => j.name === name);
  if (!found) throw new Error(`no job ${name}`);
  return found;
}

const SECRET = fakeSecret(44);

const STAGED = `trigger:
  - main

variables:
  - name: AWS_REGION
    value: eu-west-1
  - group: cloud-secrets
  - template: vars/common.yml
  - name: azureServiceConnection
    value: prod-connection
    readonly: true

stages:
  - stage: Build
    variables:
      ARM_CLIENT_ID: 00000000-0000-0000-0000-000000000000
      \${{ if eq(variables['Build.SourceBranchName'], 'main') }}:
        AZURE_ENVIRONMENT: AzureCloud
    jobs:
      - job: Deploy
        variables:
          - name: AZURE_TENANT_ID
            value: $(tenantId)
        steps:
          - checkout: self
          - task: AzureCLI@2
            displayName: Deploy with az
            inputs:
              azureSubscription: $(azureServiceConnection)
              scriptType: bash
              scriptLocation: inlineScript
              inlineScript: |
                az account show
                aws s3 ls --region us-east-1
            env:
              AZURE_STORAGE_KEY: $(storageKey)
          - script: aws sts get-caller-identity --profile build
            displayName: Who am I
            env:
              AWS_SECRET_ACCESS_KEY: "${SECRET}"
          - \${{ if eq(parameters.extra, true) }}:
            - bash: export GOOGLE_CLOUD_PROJECT=demo
          - template: steps/notify.yml
      - deployment: DeployWeb
        environment: production
        strategy:
          runOnce:
            deploy:
              steps:
                - pwsh: aws s3 cp site s3://bucket --profile web
            on:
              failure:
                steps:
                  - powershell: Write-Host rollback
`;

describe("Azure Pipelines reader", () => {
  it("nests pipeline → stage → job → step contexts, with exact anchors", () => {
    const r = read(STAGED);
    expect(r.errors).toEqual([]);
    expect(r.contexts.map((c) => [c.where, at(c.anchor), c.parent?.where ?? null])).toEqual([
      ["pipeline azure-pipelines.yml", "4:1-4:10", null],
      ["stage Build in azure-pipelines.yml", "14:5-14:10", "pipeline azure-pipelines.yml"],
      ["job Deploy of stage Build in azure-pipelines.yml", "20:9-20:12", "stage Build in azure-pipelines.yml"],
      ["step 1 of job Deploy of stage Build in azure-pipelines.yml", "25:13-25:21", "job Deploy of stage Build in azure-pipelines.yml"],
      ['step "Deploy with az" of job Deploy of stage Build in azure-pipelines.yml', "26:19-26:29", "job Deploy of stage Build in azure-pipelines.yml"],
      ['step "Who am I" of job Deploy of stage Build in azure-pipelines.yml', "37:13-37:19", "job Deploy of stage Build in azure-pipelines.yml"],
      ["step 4 of job Deploy of stage Build in azure-pipelines.yml", "42:15-42:19", "job Deploy of stage Build in azure-pipelines.yml"],
      ["job DeployWeb of stage Build in azure-pipelines.yml", "44:9-44:19", "stage Build in azure-pipelines.yml"],
      ["step 1 of job DeployWeb of stage Build in azure-pipelines.yml", "50:19-50:23", "job DeployWeb of stage Build in azure-pipelines.yml"],
      ["step 2 of job DeployWeb of stage Build in azure-pipelines.yml", "54:21-54:31", "job DeployWeb of stage Build in azure-pipelines.yml"],
    ]);
    expect(r.contexts.every((c) => c.ci === "azure-pipelines" && c.syntax === "yaml")).toBe(true);
    expect(r.jobs.map((j) => [j.name, j.where, j.steps.length])).toEqual([
      ["Deploy", "job Deploy of stage Build in azure-pipelines.yml", 4],
      ["DeployWeb", "job DeployWeb of stage Build in azure-pipelines.yml", 2],
    ]);
  });

  it("reads variables as a list (name/value; groups and templates skipped) and as a map with insertions", () => {
    const r = read(STAGED);
    const [pipeline, stage] = r.contexts;
    expect(pipeline?.own.map(show)).toEqual(["AWS_REGION=literal:eu-west-1", "azureServiceConnection=literal:prod-connection"]);
    // A list entry: the key is the `name:` value, the value the `value:` value.
    const region = pipeline?.own[0];
    expect([at(region?.key.range), at(region?.value.range), at(region?.range), region?.provider, region?.syntax]).toEqual([
      "5:11-5:21",
      "6:12-6:21",
      "5:11-6:21",
      "aws",
      "env",
    ]);
    expect(stage?.own.map((s) => `${show(s)}/${s.provider}`)).toEqual([
      "ARM_CLIENT_ID=literal:00000000-0000-0000-0000-000000000000/azure",
      "AZURE_ENVIRONMENT=literal:AzureCloud/azure",
    ]);
    const deploy = job(r.jobs, "Deploy");
    expect(deploy.env.own.map(show)).toEqual(["AZURE_TENANT_ID=reference:tenantId"]);
    const vars = effectiveVars(deploy.env);
    expect([...vars.keys()]).toEqual(["AWS_REGION", "azureServiceConnection", "ARM_CLIENT_ID", "AZURE_ENVIRONMENT", "AZURE_TENANT_ID"]);
    const armClient = vars.get("ARM_CLIENT_ID");
    expect(armClient && [isOwn(deploy.env, armClient), stage && isOwn(stage, armClient)]).toEqual([false, true]);
  });

  it("reads tasks as steps with inputs, and inline scripts and script steps as commands", () => {
    const r = read(STAGED);
    const deploy = job(r.jobs, "Deploy");
    expect(deploy.steps.map((s) => [s.index, s.action ?? null, s.uses?.text ?? null])).toEqual([
      [0, null, null],
      [1, "azurecli", "AzureCLI@2"],
      [2, null, null],
      [3, null, null],
    ]);
    const cli = deploy.steps[1];
    expect(at(cli?.uses?.range)).toBe("26:19-26:29");
    expect(cli?.inputs.map((s) => `${show(s)}/${s.provider}/${s.syntax}`)).toEqual([
      "azureSubscription=reference:azureServiceConnection/azure/input",
      "scriptType=literal:bash/azure/input",
      "scriptLocation=literal:inlineScript/azure/input",
      "inlineScript=literal:az account show\naws s3 ls --region us-east-1\n/azure/input",
    ]);
    expect(cli?.input("azureSubscription")?.where).toBe('step "Deploy with az" of job Deploy of stage Build in azure-pipelines.yml');
    expect(cli?.env.own.map((s) => `${show(s)}/${s.syntax}@${at(s.range)}`)).toEqual([
      "AZURE_STORAGE_KEY=reference:storageKey/env@36:15-36:47",
      "--region=literal:us-east-1/flag@34:27-34:45",
    ]);
    expect(cli?.env.commands.map((c) => [c.text, at(c.range)])).toEqual([
      ["az account show", "33:17-33:32"],
      ["aws s3 ls --region us-east-1", "34:17-34:45"],
    ]);

    const whoami = deploy.steps[2];
    expect(whoami?.env.own.map((s) => `${show(s)}/${s.syntax}`)).toEqual([`AWS_SECRET_ACCESS_KEY=literal:${SECRET}/env`, "--profile=literal:build/flag"]);
    expect(whoami?.env.commands.map((c) => c.text)).toEqual(["aws sts get-caller-identity --profile build"]);
    // The `${{ if }}` insertion's step, read as if it applied.
    expect(deploy.steps[3]?.env.own.map(show)).toEqual(["GOOGLE_CLOUD_PROJECT=literal:demo"]);

    const web = job(r.jobs, "DeployWeb");
    expect(web.steps.map((s) => s.env.commands.map((c) => c.text))).toEqual([["aws s3 cp site s3://bucket --profile web"], ["Write-Host rollback"]]);
    expect(new Set(r.settings).size).toBe(r.settings.length);
    expect(r.settings).toHaveLength(15);
  });

  it("reads top-level steps as an implicit job named after the file, and map variables with every reference syntax", () => {
    const r = read(
      `variables:
  AZURE_CLIENT_SECRET: "${SECRET}"
  SUBSCRIPTION: $[variables.subscription]
  TEMPLATE: \${{ variables.tenant }}
  ACCOUNT: $(accountName)-storage
  AWS_PROFILE: dev

pool:
  vmImage: ubuntu-latest

steps:
  - bash: |
      export AWS_DEFAULT_REGION=$(region)
      aws s3 ls
    env:
      AWS_ACCESS_KEY_ID: $(awsKeyId)
`,
      ".azure-pipelines/ci.yml",
    );
    expect(r.errors).toEqual([]);
    const [pipeline] = r.contexts;
    expect(pipeline?.own.map(show)).toEqual([
      `AZURE_CLIENT_SECRET=literal:${SECRET}`,
      "SUBSCRIPTION=reference:variables.subscription",
      "TEMPLATE=reference:variables.tenant",
      "ACCOUNT=dynamic:$(accountName)-storage",
      "AWS_PROFILE=literal:dev",
    ]);
    expect(r.jobs).toHaveLength(1);
    const implicit = r.jobs[0];
    expect([implicit?.name, implicit?.where, at(implicit?.anchor)]).toEqual([".azure-pipelines/ci.yml", "pipeline .azure-pipelines/ci.yml", "11:1-11:6"]);
    expect(implicit?.env).toBe(pipeline);
    const step = implicit?.steps[0];
    expect(step?.where).toBe("step 1 of pipeline .azure-pipelines/ci.yml");
    expect(at(step?.anchor)).toBe("12:5-12:9");
    expect(step?.env.own.map(show)).toEqual(["AWS_ACCESS_KEY_ID=reference:awsKeyId", "AWS_DEFAULT_REGION=reference:region"]);
  });

  it("reads anchors and merge keys, and reports what it cannot read", () => {
    const r = read(`variables: &common
  AWS_REGION: eu-west-1
jobs:
  - job: a
    variables: *common
    steps:
      - &step
        script: aws s3 ls --profile shared
  - job: b
    variables:
      <<: *common
      AWS_REGION: us-east-2
    steps:
      - *step
`);
    expect(r.errors).toEqual([]);
    const [pipeline] = r.contexts;
    const a = job(r.jobs, "a");
    const b = job(r.jobs, "b");
    expect(a.env.parent).toBe(pipeline);
    expect(a.env.own[0]).toBe(pipeline?.own[0]);
    expect(b.env.own.map(show)).toEqual(["AWS_REGION=literal:us-east-2"]);
    const flag = a.steps[0]?.env.own[0];
    expect(b.steps[0]?.env.own[0]).toBe(flag);
    expect(r.settings.map((s) => `${show(s)}@${at(s.range)}`)).toEqual([
      "AWS_REGION=literal:eu-west-1@2:3-2:24",
      "--profile=literal:shared@8:27-8:43",
      "AWS_REGION=literal:us-east-2@12:7-12:28",
    ]);

    const bad = read("stages:\n  - stage: A\n    jobs: [\n");
    expect(bad.errors).toHaveLength(1);
    expect(bad.errors[0]?.line).toBe(4);

    const levels = ["l0: &l0 [{ script: x }, { script: x }, { script: x }, { script: x }, { script: x }, { script: x }, { script: x }, { script: x }, { script: x }, { script: x }]"];
    for (let i = 1; i < 10; i++) levels.push(`l${i}: &l${i} [${Array.from({ length: 10 }, () => `{ "\${{ each x in y }}": *l${i - 1} }`).join(", ")}]`);
    const started = Date.now();
    const bomb = read(`${levels.join("\n")}\nsteps: *l9\n`);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(bomb.errors).toEqual([{ line: 1, message: expect.stringMatching(/alias/) }]);

    const deep = read(`steps: ${"[".repeat(3000)}${"]".repeat(3000)}\n`);
    expect(deep.errors.map((e) => e.message)).toEqual(["nesting too deep to read"]);
  });
});
