import { describe, expect, it } from "vitest";
import type { FormatResult } from "../../src/formats/format.js";
import { isServerlessPath, readServerless, variables } from "../../src/formats/serverless.js";
import { effectiveVars } from "../../src/model/env.js";
import { makeSourceFile, sliceRange } from "../../src/model/source.js";
import { at, show } from "../support/ci.js";
import { fakeKeyId, fakeSecret } from "../support/fake-keys.js";

const KEY_ID = fakeKeyId(6303);
const SECRET = fakeSecret(6303);

function read(text: string, path = "serverless.yml"): FormatResult & { file: ReturnType<typeof makeSourceFile> } {
  const file = makeSourceFile(path, "serverless", text);
  return { ...readServerless(file), file };
}

function wellFormed(r: FormatResult): void {
  expect(new Set(r.settings).size).toBe(r.settings.length);
  for (const c of r.contexts ?? []) for (const s of c.own) expect(r.settings).toContain(s);
}

describe("isServerlessPath", () => {
  it("matches the names the framework looks up", () => {
    for (const p of ["serverless.yml", "serverless.yaml", "serverless.json", "services/api/serverless.yml"]) expect([p, isServerlessPath(p)]).toEqual([p, true]);
    for (const p of ["serverless.prod.yml", "serverless-compose.yml", "my-serverless.yml", "serverless.ts", "serverless.yml.example", "Serverless.yml"]) {
      expect([p, isServerlessPath(p)]).toEqual([p, false]);
    }
  });
});

const SERVICE = [
  "service: orders", // 1
  "frameworkVersion: '4'", // 2
  "provider:", // 3
  "  name: aws", // 4
  "  runtime: nodejs20.x", // 5
  "  profile: deploy", // 6
  "  region: eu-west-1", // 7
  "  environment:", // 8
  "    TABLE: ${self:service}-${sls:stage}", // 9
  "    AWS_ACCESS_KEY_ID: ${env:DEPLOY_KEY_ID}", // 10
  `    STRIPE_SECRET: "${SECRET}"`, // 11
  "functions:", // 12
  "  create:", // 13
  "    handler: src/create.handler", // 14
  "    environment:", // 15
  "      TABLE: ${ssm:/orders/${sls:stage}/table}", // 16
  "      LOG_LEVEL: debug", // 17
  "  list:", // 18
  "    handler: src/list.handler", // 19
  "", // 20
].join("\n");

describe("readServerless: provider and functions", () => {
  it("reads the provider as a context: profile and region as code settings, environment as env", () => {
    const r = read(SERVICE);
    expect(r.errors).toBeUndefined();
    wellFormed(r);
    expect(r.contexts?.map((c) => [c.where, at(c.anchor), c.parent?.where ?? null, c.syntax, c.ci ?? null, c.live])).toEqual([
      ["provider in serverless.yml", "3:1-3:9", null, "yaml", null, true],
      ["function create in serverless.yml", "13:3-13:9", "provider in serverless.yml", "yaml", null, true],
      ["function list in serverless.yml", "18:3-18:7", "provider in serverless.yml", "yaml", null, true],
    ]);
    const provider = r.contexts?.[0];
    expect(provider?.own.map((s) => [show(s), s.syntax, s.provider, at(s.key.range), at(s.value.range)])).toEqual([
      ["profile=literal:deploy", "code", "aws", "6:3-6:10", "6:12-6:18"],
      ["region=literal:eu-west-1", "code", "aws", "7:3-7:9", "7:11-7:20"],
      ["TABLE=dynamic:${self:service}-${sls:stage}", "env", "generic", "9:5-9:10", "9:12-9:40"],
      ["AWS_ACCESS_KEY_ID=reference:env:DEPLOY_KEY_ID", "env", "aws", "10:5-10:22", "10:24-10:44"],
      [`STRIPE_SECRET=literal:${SECRET}`, "env", "generic", "11:5-11:18", "11:20-11:62"],
    ]);
    expect(r.settings[4]?.style).toBe("double");
    expect(r.settings[4] && sliceRange(r.file, r.settings[4].value.range)).toBe(`"${SECRET}"`);
    const create = r.contexts?.[1];
    expect(create?.own.map(show)).toEqual(["TABLE=reference:ssm:/orders/${sls:stage}/table", "LOG_LEVEL=literal:debug"]);
    const vars = create ? effectiveVars(create) : new Map();
    expect([...vars.values()].map(show)).toEqual([
      "profile=literal:deploy",
      "region=literal:eu-west-1",
      "TABLE=reference:ssm:/orders/${sls:stage}/table",
      "AWS_ACCESS_KEY_ID=reference:env:DEPLOY_KEY_ID",
      `STRIPE_SECRET=literal:${SECRET}`,
      "LOG_LEVEL=literal:debug",
    ]);
    expect(r.settings).toHaveLength(7);
  });

  it("reads functions given as a list of maps, and a file without a provider", () => {
    const r = read(`service: x
functions:
  - a:
      handler: a.h
      environment: {A: "1"}
  - b:
      handler: b.h
`);
    expect(r.contexts?.map((c) => [c.where, c.parent ?? null, c.own.map(show)])).toEqual([
      ["function a in serverless.yml", null, ["A=literal:1"]],
      ["function b in serverless.yml", null, []],
    ]);
  });

  it("reads v4 AWS resolvers: the credentials a deployment uses", () => {
    const r = read(`service: x
stages:
  default:
    resolvers:
      shared:
        type: aws
        region: us-east-1
        accessKeyId: ${KEY_ID}
        secretAccessKey: \${env:SHARED_SECRET}
        dashboard: false
      vault:
        type: vault
        address: https://vault.example.com
  prod:
    resolvers:
      deploy:
        type: aws
        profile: prod-deployer
provider:
  name: aws
  resolver: deploy
`);
    wellFormed(r);
    expect(r.contexts?.map((c) => [c.where, at(c.anchor), c.own.map((s) => `${show(s)} ${s.syntax} ${s.provider}`)])).toEqual([
      ["provider in serverless.yml", "19:1-19:9", []],
      [
        "resolver shared of stage default in serverless.yml",
        "5:7-5:13",
        ["region=literal:us-east-1 code aws", `accessKeyId=literal:${KEY_ID} code aws`, "secretAccessKey=reference:env:SHARED_SECRET code aws"],
      ],
      ["resolver deploy of stage prod in serverless.yml", "16:7-16:13", ["profile=literal:prod-deployer code aws"]],
    ]);
  });

  it("reads resources.Resources as the CloudFormation reader does", () => {
    const r = read(`service: x
provider:
  name: aws
resources:
  Resources:
    Worker:
      Type: AWS::Lambda::Function
      Properties:
        Environment:
          Variables:
            QUEUE: !Ref Queue
`);
    expect(r.contexts?.map((c) => [c.where, c.parent?.where ?? null, c.own.map(show)])).toEqual([
      ["provider in serverless.yml", null, []],
      ["function Worker in serverless.yml", null, ["QUEUE=reference:!Ref Queue"]],
    ]);
  });
});

describe("readServerless: values", () => {
  it("reads every variable source, fallbacks, CloudFormation functions and plain text", () => {
    const r = read(`service: x
provider:
  name: aws
  profile: \${opt:aws-profile, 'default'}
  region: \${opt:region, self:custom.region}
  environment:
    A: \${env:AWS_SECRET_ACCESS_KEY}
    B: \${ssm:/app/key}
    C: \${ssm(eu-west-1):/app/key}
    D: \${file(./secrets.yml):token}
    E: \${param:apiKey}
    F: \${cf:other-stack.Output}
    G: \${s3:bucket/key}
    H: \${aws:accountId}
    I: \${sls:stage}
    J: \${my-account:someVar}
    K: \${env:X, "fallback"}
    L: pre-\${env:X}
    M: \${notAVariable}
    N: "arn:aws:s3:::\${AWS::AccountId}-bucket"
    O: !GetAtt Queue.Arn
    P: { Ref: Topic }
    Q: !Join [":", [a, b]]
    R: "{{resolve:ssm:/app/key}}"
    S: 42
    T:
`);
    expect(r.errors).toBeUndefined();
    expect(r.settings.map(show)).toEqual([
      "profile=reference:opt:aws-profile",
      "region=reference:opt:region",
      "A=reference:env:AWS_SECRET_ACCESS_KEY",
      "B=reference:ssm:/app/key",
      "C=reference:ssm(eu-west-1):/app/key",
      "D=reference:file(./secrets.yml):token",
      "E=reference:param:apiKey",
      "F=reference:cf:other-stack.Output",
      "G=reference:s3:bucket/key",
      "H=reference:aws:accountId",
      "I=reference:sls:stage",
      "J=reference:my-account:someVar",
      "K=reference:env:X",
      "L=dynamic:pre-${env:X}",
      "M=literal:${notAVariable}",
      'N=dynamic:"arn:aws:s3:::${AWS::AccountId}-bucket"',
      "O=reference:!GetAtt Queue.Arn",
      "P=reference:!Ref Topic",
      'Q=dynamic:!Join [":", [a, b]]',
      "R=reference:ssm:/app/key",
      "S=literal:42",
      "T=literal:",
    ]);
    const getAtt = r.settings.find((s) => s.key.text === "O");
    // The tag is part of the value as written; a function's value has no YAML style.
    expect(getAtt && [at(getAtt.value.range), sliceRange(r.file, getAtt.value.range), getAtt.style ?? null]).toEqual(["21:8-21:25", "!GetAtt Queue.Arn", null]);
    const empty = r.settings.at(-1);
    expect(empty && [at(empty.value.range), empty.style]).toEqual(["26:6-26:6", "plain"]);
  });

  it("variables(): nested variables, fallbacks and unclosed text", () => {
    expect(variables("${ssm:/a/${sls:stage}/b, ${env:B, 'x'}}")).toEqual({ kind: "reference", target: "ssm:/a/${sls:stage}/b" });
    expect(variables("${file(a,b.yml):x, 'y'}")).toEqual({ kind: "reference", target: "file(a,b.yml):x" });
    expect(variables("${env:A}${env:B}")).toEqual({ kind: "dynamic" });
    // Never closed: the framework finds no variable there, and neither does this.
    expect(variables("${env:A")).toBeUndefined();
    expect(variables("${AWS::Region}")).toEqual({ kind: "dynamic" });
    expect(variables("plain")).toBeUndefined();
    expect(variables("${plain}")).toBeUndefined();
  });
});

describe("readServerless: bad input", () => {
  it("reports malformed YAML with its line and keeps what it read", () => {
    const r = read(`service: x
provider:
  name: aws
  region: eu-west-1
functions:
  a:
    environment: {A: [unclosed
`);
    expect(r.errors).toHaveLength(1);
    expect(r.errors?.[0]?.line).toBeGreaterThanOrEqual(7);
    expect(r.settings.map(show)).toContain("region=literal:eu-west-1");
  });

  it("never throws on odd input", () => {
    for (const text of ["", "service: x\nprovider: aws\n", "functions: 3\n", "functions: [1, {a: 2}]\nstages: {a: {resolvers: [1]}}\n", "\t- [:\n{", "provider:\n  environment: ${file(env.yml)}\n"]) {
      expect(() => read(text)).not.toThrow();
    }
    expect(read("provider:\n  environment: ${file(env.yml)}\n").settings).toEqual([]);
  });

  it("stops a merge-key alias bomb fast, with an error instead of a throw", () => {
    const levels = ["x0: &x0 {A: a}"];
    for (let i = 1; i < 10; i++) levels.push(`x${i}: &x${i} {<<: [${Array.from({ length: 10 }, () => `*x${i - 1}`).join(", ")}]}`);
    const started = Date.now();
    const r = read(`custom:\n${levels.map((l) => `  ${l}`).join("\n")}\nprovider:\n  environment: *x9\n`);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.errors).toEqual([{ line: 1, message: expect.stringMatching(/alias/) }]);
  });
});
