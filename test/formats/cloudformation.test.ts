import { describe, expect, it } from "vitest";
import { cfnValue, looksLikeCloudFormation, maskUnread, readCloudFormation, resolveValue } from "../../src/formats/cloudformation.js";
import type { FormatResult } from "../../src/formats/format.js";
import { readYaml } from "../../src/formats/yaml.js";
import { effectiveVars } from "../../src/model/env.js";
import { makeSourceFile, sliceRange } from "../../src/model/source.js";
import { at, show } from "../support/ci.js";
import { fakeKeyId, fakeSecret } from "../support/fake-keys.js";

const KEY_ID = fakeKeyId(7404);
const SECRET = fakeSecret(7404);

function read(text: string, path = "template.yaml"): FormatResult & { file: ReturnType<typeof makeSourceFile> } {
  const file = makeSourceFile(path, "cloudformation", text);
  return { ...readCloudFormation(file), file };
}

function wellFormed(r: FormatResult): void {
  expect(new Set(r.settings).size).toBe(r.settings.length);
  for (const c of r.contexts ?? []) for (const s of c.own) expect(r.settings).toContain(s);
}

describe("looksLikeCloudFormation", () => {
  it("recognises YAML and JSON templates by their head", () => {
    expect(looksLikeCloudFormation("AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n")).toBe(true);
    expect(looksLikeCloudFormation("# SAM\nTransform: AWS::Serverless-2016-10-31\nResources:\n")).toBe(true);
    expect(looksLikeCloudFormation("Transform:\n  - AWS::Serverless-2016-10-31\n")).toBe(true);
    expect(looksLikeCloudFormation("Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n")).toBe(true);
    expect(looksLikeCloudFormation('{\n  "AWSTemplateFormatVersion": "2010-09-09"\n}')).toBe(true);
    expect(looksLikeCloudFormation('{"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}')).toBe(true);
  });

  it("leaves other files alone", () => {
    // A Serverless file's `resources:` holds a CloudFormation fragment, but it is not a template.
    expect(looksLikeCloudFormation("service: x\nresources:\n  Resources:\n    Q:\n      Type: AWS::SQS::Queue\n")).toBe(false);
    expect(looksLikeCloudFormation("Resources:\n  - name: cpu\n")).toBe(false);
    expect(looksLikeCloudFormation("apiVersion: v1\nkind: Pod\n")).toBe(false);
    expect(looksLikeCloudFormation('{{- /* Resources: */}}\nType: AWS::S3::Bucket\n')).toBe(false);
  });
});

const TEMPLATE = [
  "AWSTemplateFormatVersion: '2010-09-09'", // 1
  "Transform: AWS::Serverless-2016-10-31", // 2
  "Parameters:", // 3
  "  DbPassword:", // 4
  "    Type: String", // 5
  "    NoEcho: true", // 6
  `    Default: ${SECRET}`, // 7
  "  LatestAmi:", // 8
  "    Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>", // 9
  "    Default: /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64", // 10
  "  Stage:", // 11
  "    Type: String", // 12
  "Globals:", // 13
  "  Function:", // 14
  "    Runtime: python3.12", // 15
  "    Environment:", // 16
  "      Variables:", // 17
  "        AWS_DEFAULT_REGION_NAME: eu-west-1", // 18
  "        LOG_LEVEL: info", // 19
  "Resources:", // 20
  "  Api:", // 21
  "    Type: AWS::Serverless::Function", // 22
  "    Properties:", // 23
  "      Handler: app.handler", // 24
  "      Environment:", // 25
  "        Variables:", // 26
  "          TABLE: !Ref Table", // 27
  "          LOG_LEVEL: debug", // 28
  `          AWS_ACCESS_KEY_ID: "${KEY_ID}"`, // 29
  "  Worker:", // 30
  "    Type: AWS::Serverless::Function", // 31
  "    Properties:", // 32
  "      Handler: worker.handler", // 33
  "  Legacy:", // 34
  "    Type: AWS::Lambda::Function", // 35
  "    Properties:", // 36
  "      Environment:", // 37
  "        Variables:", // 38
  "          DB_PASSWORD: '{{resolve:secretsmanager:prod/db:SecretString:password}}'", // 39
  "  Table:", // 40
  "    Type: AWS::DynamoDB::Table", // 41
  "", // 42
].join("\n");

describe("readCloudFormation: parameters and functions", () => {
  it("reads parameter defaults, NoEcho ones included, and SSM parameter names as references", () => {
    const r = read(TEMPLATE);
    expect(r.errors).toBeUndefined();
    wellFormed(r);
    const params = r.settings.filter((s) => s.where.startsWith("parameter "));
    expect(params.map((s) => [show(s), s.where, s.syntax, at(s.key.range), at(s.value.range), s.style])).toEqual([
      [`DbPassword=literal:${SECRET}`, "parameter DbPassword in template.yaml", "code", "4:3-4:13", "7:14-7:54", "plain"],
      [
        "LatestAmi=reference:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
        "parameter LatestAmi in template.yaml",
        "code",
        "8:3-8:12",
        "10:14-10:83",
        "plain",
      ],
    ]);
    expect(params[0] && [at(params[0].range), sliceRange(r.file, params[0].value.range)]).toEqual(["4:3-7:54", SECRET]);
    // Parameters belong to no environment.
    expect(r.contexts?.flatMap((c) => c.own)).not.toContain(params[0]);
  });

  it("reads one context per function, SAM functions under Globals.Function", () => {
    const r = read(TEMPLATE);
    expect(r.contexts?.map((c) => [c.where, at(c.anchor), c.parent?.where ?? null, c.syntax, c.ci ?? null, c.live, c.own.map(show)])).toEqual([
      ["Globals.Function in template.yaml", "14:3-14:11", null, "yaml", null, true, ["AWS_DEFAULT_REGION_NAME=literal:eu-west-1", "LOG_LEVEL=literal:info"]],
      ["function Api in template.yaml", "21:3-21:6", "Globals.Function in template.yaml", "yaml", null, true, ["TABLE=reference:!Ref Table", "LOG_LEVEL=literal:debug", `AWS_ACCESS_KEY_ID=literal:${KEY_ID}`]],
      ["function Worker in template.yaml", "30:3-30:9", "Globals.Function in template.yaml", "yaml", null, true, []],
      ["function Legacy in template.yaml", "34:3-34:9", null, "yaml", null, true, ["DB_PASSWORD=reference:secretsmanager:prod/db:SecretString:password"]],
    ]);
    const api = r.contexts?.[1];
    expect(api?.own.map((s) => [at(s.key.range), at(s.value.range), s.style ?? null, s.provider, s.syntax])).toEqual([
      ["27:11-27:16", "27:18-27:28", null, "generic", "env"],
      ["28:11-28:20", "28:22-28:27", "plain", "generic", "env"],
      ["29:11-29:28", "29:30-29:52", "double", "aws", "env"],
    ]);
    const vars = api ? effectiveVars(api) : new Map();
    expect([...vars.values()].map(show)).toEqual(["AWS_DEFAULT_REGION_NAME=literal:eu-west-1", "LOG_LEVEL=literal:debug", "TABLE=reference:!Ref Table", `AWS_ACCESS_KEY_ID=literal:${KEY_ID}`]);
    expect(r.settings).toHaveLength(8);
  });

  it("reads ECS container definitions: Environment pairs and Secrets as references", () => {
    const r = read(`Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: app
          Environment:
            - Name: AWS_REGION
              Value: us-east-1
            - {Name: TABLE, Value: !Ref Table}
            - Name: NO_VALUE
          Secrets:
            - Name: DB_PASSWORD
              ValueFrom: arn:aws:secretsmanager:us-east-1:111122223333:secret:db
            - Name: API_KEY
              ValueFrom: !Ref ApiKeyParameter
        - Environment:
            - Name: X
              Value: "1"
`);
    expect(r.errors).toBeUndefined();
    wellFormed(r);
    expect(r.contexts?.map((c) => [c.where, at(c.anchor), c.own.map(show)])).toEqual([
      [
        "container app of TaskDefinition Task in template.yaml",
        "6:17-6:20",
        [
          "AWS_REGION=literal:us-east-1",
          "TABLE=reference:!Ref Table",
          "DB_PASSWORD=reference:arn:aws:secretsmanager:us-east-1:111122223333:secret:db",
          "API_KEY=reference:!Ref ApiKeyParameter",
        ],
      ],
      ["container #2 of TaskDefinition Task in template.yaml", "2:3-2:7", ["X=literal:1"]],
    ]);
    const region = r.contexts?.[0]?.own[0];
    expect(region && [at(region.key.range), at(region.value.range), at(region.range), region.provider]).toEqual(["8:21-8:31", "9:22-9:31", "8:21-9:31", "aws"]);
  });
});

describe("readCloudFormation: values", () => {
  const VALUES = `Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Environment:
        Variables:
          REF: !Ref Bucket
          GETATT: !GetAtt Db.Endpoint.Address
          GETATT_LIST: !GetAtt [Db, Endpoint.Port]
          IMPORT: !ImportValue shared-vpc-id
          SUB_PLAIN: !Sub plain-text
          SUB_ESCAPED: !Sub "\${!NotAVariable}"
          SUB_ONE: !Sub "\${ApiKey}"
          SUB_ATTR: !Sub "\${Db.Arn}"
          SUB_MIXED: !Sub "arn:\${AWS::Partition}:s3:::\${Bucket}/*"
          SUB_LIST: !Sub ["\${X}", {X: !Ref Y}]
          SUB_LIST_PLAIN: !Sub ["text", {}]
          JOIN: !Join [":", [a, !Ref B]]
          IF: !If
            - IsProd
            - prod-value
            - !Ref AWS::NoValue
          MAP: !FindInMap [Config, !Ref AWS::Region, Key]
          SELECT: !Select [0, !GetAZs ""]
          B64: !Base64 secret-ish
          LONG_REF: {Ref: Bucket}
          LONG_GETATT: {"Fn::GetAtt": [Db, Arn]}
          LONG_SUB: {"Fn::Sub": "\${Bucket}"}
          LONG_JOIN: {"Fn::Join": ["", [a, b]]}
          TWO_KEYS: {Ref: A, Other: B}
          RESOLVE: "{{resolve:ssm-secure:/app/password:1}}"
          RESOLVE_INSIDE: "postgres://app:{{resolve:secretsmanager:db:SecretString:password}}@db/app"
          DOLLAR: "\${NotSubstituted}"
          NUMBER: 3
          BOOL: true
`;

  it("reads short and long intrinsic functions, dynamic references and plain strings", () => {
    const r = read(VALUES);
    expect(r.errors).toBeUndefined();
    expect(r.settings.map(show)).toEqual([
      "REF=reference:!Ref Bucket",
      "GETATT=reference:!GetAtt Db.Endpoint.Address",
      "GETATT_LIST=reference:!GetAtt Db.Endpoint.Port",
      "IMPORT=reference:!ImportValue shared-vpc-id",
      "SUB_PLAIN=literal:plain-text",
      "SUB_ESCAPED=literal:${NotAVariable}",
      "SUB_ONE=reference:!Ref ApiKey",
      "SUB_ATTR=reference:!GetAtt Db.Arn",
      'SUB_MIXED=dynamic:!Sub "arn:${AWS::Partition}:s3:::${Bucket}/*"',
      'SUB_LIST=dynamic:!Sub ["${X}", {X: !Ref Y}]',
      "SUB_LIST_PLAIN=literal:text",
      'JOIN=dynamic:!Join [":", [a, !Ref B]]',
      "IF=dynamic:!If\n            - IsProd\n            - prod-value\n            - !Ref AWS::NoValue",
      "MAP=dynamic:!FindInMap [Config, !Ref AWS::Region, Key]",
      'SELECT=dynamic:!Select [0, !GetAZs ""]',
      "B64=dynamic:!Base64 secret-ish",
      "LONG_REF=reference:!Ref Bucket",
      "LONG_GETATT=reference:!GetAtt Db.Arn",
      "LONG_SUB=reference:!Ref Bucket",
      'LONG_JOIN=dynamic:{"Fn::Join": ["", [a, b]]}',
      "TWO_KEYS=dynamic:{Ref: A, Other: B}",
      "RESOLVE=reference:ssm-secure:/app/password:1",
      'RESOLVE_INSIDE=dynamic:"postgres://app:{{resolve:secretsmanager:db:SecretString:password}}@db/app"',
      "DOLLAR=literal:${NotSubstituted}",
      "NUMBER=literal:3",
      "BOOL=literal:true",
    ]);
    const ref = r.settings[0];
    // The value's range starts at its tag.
    expect(ref && [at(ref.value.range), sliceRange(r.file, ref.value.range), at(ref.range)]).toEqual(["7:16-7:27", "!Ref Bucket", "7:11-7:27"]);
    const ifValue = r.settings.find((s) => s.key.text === "IF");
    expect(at(ifValue?.value.range)).toBe("19:15-22:32");
  });

  it("parses every short-form tag without an error", () => {
    const tags = ["Ref", "Sub", "GetAtt", "ImportValue", "Join", "If", "FindInMap", "Select", "Split", "Base64", "Cidr", "GetAZs", "Equals", "And", "Or", "Not", "Condition", "Transform", "ToJsonString", "Length"];
    const text = `Resources:\n  X:\n    Type: AWS::SNS::Topic\n    Properties:\n${tags.map((t, i) => `      P${i}: !${t} [a, b]\n      S${i}: !${t} a\n      M${i}: !${t} {a: b}\n      E${i}: !${t}\n`).join("")}`;
    const file = makeSourceFile("template.yaml", "cloudformation", text);
    expect(readYaml(file).errors).toEqual([]);
    expect(readCloudFormation(file).errors).toBeUndefined();
  });

  it("cfnValue() and resolveValue()", () => {
    const { doc } = readYaml(makeSourceFile("t.yaml", "cloudformation", "a: !Ref\nb: {Fn::Sub: [x]}\nc: {Condition: IsProd}\n"));
    const value = (key: string) => {
      const node = doc.get(doc.root, key);
      return node ? cfnValue(doc, node) : undefined;
    };
    expect(value("a")).toEqual({ kind: "dynamic" });
    expect(value("b")).toEqual({ kind: "literal", value: "x" });
    expect(value("c")).toEqual({ kind: "dynamic" });
    expect(resolveValue(" {{resolve:ssm:/a}} ")).toEqual({ kind: "reference", target: "ssm:/a" });
    expect(resolveValue("x{{resolve:ssm:/a}}")).toEqual({ kind: "dynamic" });
    expect(resolveValue("{{resolve}}")).toBeUndefined();
  });

  it("reads a JSON template with tab indentation, with exact ranges", () => {
    const json = [
      "{", // 1
      '\t"AWSTemplateFormatVersion": "2010-09-09",', // 2
      '\t"Parameters": {"ApiToken": {"Type": "String", "NoEcho": "true", "Default": "tok-0000-not-real"}},', // 3
      '\t"Resources": {', // 4
      '\t\t"Fn": {', // 5
      '\t\t\t"Type": "AWS::Lambda::Function",', // 6
      '\t\t\t"Properties": {"Environment": {"Variables": {', // 7
      '\t\t\t\t"AWS_REGION": "eu-west-1",', // 8
      '\t\t\t\t"BUCKET": {"Ref": "Bucket"},', // 9
      '\t\t\t\t"ARN": {"Fn::Sub": ["arn:${P}:s3:::b", {"P": {"Ref": "AWS::Partition"}}]}', // 10
      "\t\t\t}}}", // 11
      "\t\t}", // 12
      "\t}", // 13
      "}", // 14
      "",
    ].join("\n");
    const r = read(json, "infra/template.json");
    expect(r.errors).toBeUndefined();
    wellFormed(r);
    expect(r.settings.map((s) => [show(s), at(s.key.range), at(s.value.range), s.style ?? null])).toEqual([
      // A JSON key's range includes its quotes, as a quoted YAML key's does.
      ["ApiToken=literal:tok-0000-not-real", "3:17-3:27", "3:77-3:96", "double"],
      ["AWS_REGION=literal:eu-west-1", "8:5-8:17", "8:19-8:30", "double"],
      ["BUCKET=reference:!Ref Bucket", "9:5-9:13", "9:15-9:32", null],
      ['ARN=dynamic:{"Fn::Sub": ["arn:${P}:s3:::b", {"P": {"Ref": "AWS::Partition"}}]}', "10:5-10:10", "10:12-10:78", null],
    ]);
    expect(r.contexts?.map((c) => c.where)).toEqual(["function Fn in infra/template.json"]);
  });
});

describe("maskUnread: what no reader reads is not parsed", () => {
  const TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Transform:
- AWS::Serverless-2016-10-31
Description: >-
  Orders service
Parameters:
  Stage:
    Type: String
    Default: prod
Globals:
  Function:
    Environment:
      Variables:
        LOG_LEVEL: info
Resources:
  # the API in front
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: !Ref Stage
      DefinitionBody:
        openapi: "3.0.1"
        paths: [{"/orders": {"get": {}}}]
  Handler:
    Type: AWS::Serverless::Function
    Properties:
      InlineCode: |
        exports.handler = async () => "ok";

  Table:
    Type: 'AWS::DynamoDB::Table'
    Properties:
      KeySchema:
      - AttributeName: id
        KeyType: HASH
  DeployRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Federated: !Ref GithubOidc}
            Action: sts:AssumeRoleWithWebIdentity
            Condition: {StringLike: {"token.actions.githubusercontent.com:sub": "repo:acme/orders:*"}}
  GithubOidc:
    Type: AWS::IAM::OIDCProvider
    Properties:
      Url: https://token.actions.githubusercontent.com
      ClientIdList: [sts.amazonaws.com]
Outputs:
  ApiUrl:
    Value: !Sub "https://\${Api}.execute-api.\${AWS::Region}.amazonaws.com/prod"
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
`;

  it("turns unread sections and resources into comment lines of the same length", () => {
    const masked = maskUnread(TEMPLATE);
    expect(masked).toHaveLength(TEMPLATE.length);
    expect(masked.split("\n").map((l) => l.length)).toEqual(TEMPLATE.split("\n").map((l) => l.length));
    const kept = masked.split("\n").filter((l) => !/^#? *$/.test(l));
    expect(kept.join("\n")).not.toMatch(/Transform|AWS::Serverless-2016|Orders service|AWS::Serverless::Api|DynamoDB|KeySchema|Outputs|ApiUrl|Conditions|IsProd/);
    for (const still of ["Default: prod", "LOG_LEVEL: info", "AWS::Serverless::Function", 'exports.handler = async () => "ok";', "AWS::IAM::Role", "AWS::IAM::OIDCProvider", "# the API in front"]) {
      expect(masked).toContain(still);
    }
  });

  it("reads the same settings, contexts and trust from the masked template", () => {
    const file = makeSourceFile("template.yaml", "cloudformation", TEMPLATE);
    const r = readCloudFormation(file);
    expect(r.errors).toBeUndefined();
    expect(r.settings.map(show)).toEqual(["Stage=literal:prod", "LOG_LEVEL=literal:info"]);
    expect(r.contexts?.map((c) => c.where)).toEqual(["Globals.Function in template.yaml", "function Handler in template.yaml"]);
    expect(r.trust?.policies.map((p) => p.where)).toEqual(["role DeployRole in template.yaml"]);
    expect(r.trust?.providers.map((p) => p.where)).toEqual(["OIDC provider GithubOidc in template.yaml"]);
    // Ranges are those of the text as written.
    const stage = r.settings[0];
    expect(stage && sliceRange(file, stage.value.range)).toBe("prod");
  });

  it("keeps line endings, and a block scalar just before a masked resource", () => {
    const crlf = "Resources:\r\n  Fn:\r\n    Type: AWS::Lambda::Function\r\n    Properties:\r\n      Code:\r\n        ZipFile: |\r\n          print(1)\r\n\r\n  Bucket:\r\n    Type: AWS::S3::Bucket\r\n";
    const masked = maskUnread(crlf);
    expect(masked).toBe(crlf.replace("  Bucket:\r\n    Type: AWS::S3::Bucket\r\n", `#${" ".repeat(8)}\r\n#${" ".repeat(24)}\r\n`));
    const file = makeSourceFile("t.yaml", "cloudformation", `Parameters:\r\n  P:\r\n    Default: x\r\n${crlf}`);
    const { doc } = readYaml(file, { mask: maskUnread });
    const code = doc.get(doc.get(doc.get(doc.get(doc.get(doc.root, "Resources"), "Fn"), "Properties"), "Code"), "ZipFile");
    expect(doc.text(code)).toBe("print(1)\n");
  });

  it("leaves a template alone where masking could change what is read", () => {
    const unchanged = [
      // An anchor or alias: the masked part could be what is named.
      "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: &props\n      DelaySeconds: 0\n",
      "Outputs:\n  A: {Value: 1}\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties: *props\n",
      // Tabs, several documents, directives.
      "Resources:\n\tQ:\n\t\tType: AWS::SQS::Queue\n",
      "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n---\nResources: {}\n",
      "%YAML 1.2\n---\nOutputs:\n  A: 1\n",
    ];
    for (const text of unchanged) expect(maskUnread(text), text).toBe(text);
    // A resource in flow style, without a Type, or with a Type that is not a plain name, is kept.
    const kept = "Resources:\n  A: {Type: AWS::SQS::Queue}\n  B:\n    Properties: {}\n  C:\n    Type: !Ref QueueType\n  D:\n    Properties:\n      Type: AWS::SQS::Queue\n";
    expect(maskUnread(kept)).toBe(kept);
    // JSON is never touched (its keys are quoted).
    const json = '{\n"Outputs": {},\n"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}\n}\n';
    expect(maskUnread(json)).toBe(json);
  });
});

describe("readCloudFormation: templates of templates", () => {
  it("reads a cookiecutter template whose block scalars open with template-only lines", () => {
    const text = [
      "AWSTemplateFormatVersion: '2010-09-09'", // 1
      "Transform: AWS::Serverless-2016-10-31", // 2
      "Description: >", // 3
      "  {{ cookiecutter.project_name }}", // 4
      "", // 5
      "  Sample SAM Template", // 6
      "Resources:", // 7
      "  Fn:", // 8
      "    Type: AWS::Serverless::Function", // 9
      "    Properties:", // 10
      "      Environment:", // 11
      "        Variables:", // 12
      "          GREETING: |", // 13
      "            {%- if cookiecutter.polite %}", // 14
      "            please", // 15
      "            {%- endif %}", // 16
      "          REGION: eu-west-1", // 17
      "", // 18
    ].join("\n");
    const r = read(text, "{{cookiecutter.project_name}}/template.yaml");
    expect(r.errors).toBeUndefined();
    // The parser saw the tag lines as blanks; the rendered value is not known.
    expect(r.settings.map(show)).toEqual(["GREETING=dynamic:|\n            {%- if cookiecutter.polite %}\n            please\n            {%- endif %}\n", "REGION=literal:eu-west-1"]);
  });
});

describe("readCloudFormation: bad input", () => {
  it("reports malformed YAML with its line and keeps what it read", () => {
    const r = read(`Parameters:
  Token:
    Default: abc
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties: {Environment: [unclosed
`);
    expect(r.errors).toHaveLength(1);
    expect(r.errors?.[0]?.line).toBeGreaterThanOrEqual(7);
    expect(r.settings.map(show)).toContain("Token=literal:abc");
  });

  it("does not parse a template without a key it reads from (its syntax errors are never reported anyway)", () => {
    // (A resource in flow style: maskUnread leaves it to the parser.)
    const broken = "Resources:\n  Bucket: {Type: AWS::S3::Bucket, Properties: {BucketName: [unclosed\n";
    expect(read(broken)).toEqual({ settings: [], contexts: [], file: expect.anything() });
    // Each key the reader takes something from makes the same broken template parse again.
    const keys = [
      "Parameters:\n  P:\n    Default: x\n",
      "Globals:\n  Function: {}\n",
      "  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Environment:\n        Variables: {}\n",
      "  Task:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions: []\n",
      "  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: {}\n",
      "  Oidc:\n    Type: AWS::IAM::OIDCProvider\n",
    ];
    for (const key of keys) {
      const text = key.startsWith(" ") ? broken.replace("Resources:\n", `Resources:\n${key}`) : key + broken;
      expect(read(text).errors, key).toHaveLength(1);
    }
  });

  it("never throws on odd input", () => {
    for (const text of ["", "[1, 2]", "Resources: 3\n", "Resources:\n  A: {Type: AWS::ECS::TaskDefinition, Properties: {ContainerDefinitions: [1, {Environment: [1, {Name: [x]}]}]}}\n", "Parameters: {A: 1, B: {Default: [x]}}\n", "\t- [:\n{", "Globals: {Function: 3}\n"]) {
      expect(() => read(text)).not.toThrow();
    }
  });

  it("stops a merge-key alias bomb fast, with an error instead of a throw", () => {
    const levels = ["x0: &x0 {A: a}"];
    for (let i = 1; i < 10; i++) levels.push(`x${i}: &x${i} {<<: [${Array.from({ length: 10 }, () => `*x${i - 1}`).join(", ")}]}`);
    const started = Date.now();
    const r = read(`Metadata:\n${levels.map((l) => `  ${l}`).join("\n")}\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Environment:\n        Variables: *x9\n`);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.errors).toEqual([{ line: 1, message: expect.stringMatching(/alias/) }]);
  });
});
