import { describe, expect, it } from "vitest";
import { mayHoldSdkCall, parseJsTs } from "../../src/formats/js-ts.js";
import { plainCalls, reviveCalls } from "../../src/model/sdk-call.js";
import { makeSourceFile, sliceRange } from "../../src/model/source.js";

function calls(path: string, text: string) {
  const doc = parseJsTs(makeSourceFile(path, "js-ts", text));
  return doc.calls.map((c) => ({
    kind: c.callKind,
    display: c.display,
    settings: c.settings.map((s) => `${s.key.text}=${s.value.kind}:${s.value.kind === "literal" ? s.value.value : s.value.kind === "reference" ? s.value.target : sliceRange(s.file, s.value.range)}`),
  }));
}

describe("js-ts reader", () => {
  it("skips files without an SDK keyword, and does not parse them", () => {
    expect(mayHoldSdkCall(`export const x = { accessKey: 1 };`)).toBe(false);
    expect(mayHoldSdkCall(`import { S3Client } from "@aws-sdk/client-s3";`)).toBe(true);
    // A credential class of the project's own: no SDK module is named, so no call can be an SDK call.
    expect(mayHoldSdkCall(`export class CredentialStore { static fromConnectionString(s: string) {} }`)).toBe(false);
    expect(mayHoldSdkCall(`const { BlobServiceClient } = require("@azure/storage-blob");`)).toBe(true);
    expect(parseJsTs(makeSourceFile("a.ts", "js-ts", "this is not ( valid"))).toEqual({ calls: [] });
  });

  it("reports a parse failure instead of throwing", () => {
    const doc = parseJsTs(makeSourceFile("a.ts", "js-ts", `import { S3Client } from "@aws-sdk/client-s3";\nnew S3Client({ (`));
    expect(doc.calls).toEqual([]);
    expect(doc.error?.line).toBe(2);
  });

  it("follows namespace imports, require destructuring with renames, and await import()", () => {
    expect(
      calls(
        "a.mjs",
        `import * as sqs from "@aws-sdk/client-sqs";
const { fromIni: ini } = require("@aws-sdk/credential-providers");
const { SNSClient } = await import("@aws-sdk/client-sns");
new sqs.SQSClient({ region: "eu-west-1", credentials: ini({ profile: "dev" }) });
new SNSClient({ region: import.meta.env.REGION });
`,
      ),
    ).toEqual([
      { kind: "client", display: "sqs.SQSClient", settings: ["region=literal:eu-west-1", "credentials=dynamic:ini({ profile: \"dev\" })"] },
      { kind: "credential-provider", display: "fromIni", settings: ["profile=literal:dev"] },
      { kind: "client", display: "SNSClient", settings: ["region=reference:import.meta.env.REGION"] },
    ]);
  });

  it("reads TSX and TS-only syntax", () => {
    expect(
      calls(
        "a.tsx",
        `import { S3Client } from "@aws-sdk/client-s3";
const opts = { region: "us-east-1" } satisfies object;
export const C = () => <div>{String(new S3Client({ ...opts, region: process.env.R! as string }))}</div>;
`,
      ),
    ).toEqual([{ kind: "client", display: "S3Client", settings: ["region=literal:us-east-1", "region=reference:process.env.R"] }]);
  });

  it("treats let, shadowed and unknown bindings as dynamic, and ignores non-SDK classes", () => {
    expect(
      calls(
        "a.js",
        `const { S3Client } = require("@aws-sdk/client-s3");
let region = "us-east-1";
new S3Client({ region });
new Map([["credentials", 1]]);
`,
      ),
    ).toEqual([{ kind: "client", display: "S3Client", settings: ["region=dynamic:region"] }]);
  });

  it("reads Azure and Google Cloud calls", () => {
    expect(
      calls(
        "a.ts",
        `import { AzureKeyCredential } from "@azure/core-auth";
import { GoogleAuth } from "google-auth-library";
new AzureKeyCredential(process.env.KEY!);
new GoogleAuth({ keyFilename: "key.json", scopes: [] });
`,
      ),
    ).toEqual([
      { kind: "azure-credential", display: "AzureKeyCredential", settings: ["key=reference:process.env.KEY"] },
      { kind: "gcp-auth", display: "GoogleAuth", settings: ["keyFilename=literal:key.json", "scopes=dynamic:[]"] },
    ]);
  });
});

describe("js-ts reader: STS requests", () => {
  const text = `import { STSClient, AssumeRoleCommand, GetSessionTokenCommand } from "@aws-sdk/client-sts";
import { S3Client, GetObjectCommand } from "@aws-sdk/client-s3";
const sts = new STSClient({ region: "us-gov-west-1" });
const s3 = new S3Client({ region: "us-gov-west-1" });
const params = { RoleArn: "arn:aws:iam::123456789012:role/r", RoleSessionName: "s" };
const cmd = new GetSessionTokenCommand({ SerialNumber: "123456" });
export const a = () => sts.send(new AssumeRoleCommand(params));
export const b = () => sts.send(cmd);
export const c = () => s3.send(new GetObjectCommand({ Bucket: "b", Key: "k" }));
export const d = (other: STSClient) => other.send(new AssumeRoleCommand({ RoleArn: "x", RoleSessionName: "s" }));
`;

  it("reads a command sent through an STS client of the file, linked to that client", () => {
    expect(calls("src/sts.ts", text).filter((c) => c.kind === "sts-request")).toEqual([
      { kind: "sts-request", display: "sts.send(new AssumeRoleCommand(…))", settings: ["RoleArn=literal:arn:aws:iam::123456789012:role/r", "RoleSessionName=literal:s"] },
      { kind: "sts-request", display: "sts.send(new GetSessionTokenCommand(…))", settings: ["SerialNumber=literal:123456"] },
    ]);
    const requests = parseJsTs(makeSourceFile("src/sts.ts", "js-ts", text)).calls.filter((c) => c.callKind === "sts-request");
    expect(requests.map((r) => r.client?.display)).toEqual(["STSClient", "STSClient"]);
    expect(requests[0]?.get("roleArn")?.key.text).toBe("RoleArn");
    expect(requests[1]?.get("mfaSerial")?.value).toMatchObject({ value: "123456" });
  });

  it("survives the trip from a worker: a structured clone, revived with its client and its aliases", () => {
    const file = makeSourceFile("src/sts.ts", "js-ts", text);
    const read = parseJsTs(file).calls;
    const revived = reviveCalls(file, structuredClone(plainCalls(read)));
    const request = revived.find((c) => c.callKind === "sts-request");
    expect(request?.client).toBe(revived.find((c) => c.display === "STSClient"));
    expect(request?.client?.get("region")?.value).toMatchObject({ value: "us-gov-west-1" });
    expect(request?.get("roleArn")?.value).toMatchObject({ kind: "literal" });
  });
});
