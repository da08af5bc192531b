import rule from "../../rules/static-credentials-in-code.js";
import { testRule } from "../support/rule-tester.js";

testRule(rule, {
  valid: [
    {
      name: "v3 client on the default provider chain",
      files: { "src/s3.ts": `import { S3Client } from "@aws-sdk/client-s3";\nexport const s3 = new S3Client({ region: "us-east-1" });\n` },
    },
    {
      name: "credential providers instead of keys",
      files: {
        "src/s3.ts": `import { S3Client } from "@aws-sdk/client-s3";
import { fromIni, fromTemporaryCredentials } from "@aws-sdk/credential-providers";
export const a = new S3Client({ credentials: fromIni({ profile: "dev" }) });
export const b = new S3Client({ credentials: fromTemporaryCredentials({ params: { RoleArn: "arn:aws:iam::123456789012:role/App" } }) });
`,
      },
    },
    {
      name: "keys computed at run time (the output of AssumeRole)",
      files: {
        "src/assume.ts": `import { S3Client } from "@aws-sdk/client-s3";
export function client(out: { Credentials: { AccessKeyId: string; SecretAccessKey: string } }) {
  return new S3Client({ credentials: { accessKeyId: out.Credentials.AccessKeyId, secretAccessKey: out.Credentials.SecretAccessKey } });
}
`,
      },
    },
    {
      name: "a client whose endpoint is LocalStack, given the emulator's keys from the environment",
      files: {
        "functions/presign.mjs": `import { S3Client } from "@aws-sdk/client-s3";

export const handler = async () => {
  const s3 = new S3Client({
    endpoint: "http://s3.localhost.localstack.cloud:4566",
    region: process.env.AWS_REGION,
    credentials: { accessKeyId: process.env.ACCESS_KEY, secretAccessKey: process.env.SECRET_KEY },
  });
  return s3;
};
`,
      },
    },
    {
      name: "a v2 client for a local MinIO server",
      files: {
        "scripts/minio.js": `const AWS = require("aws-sdk");

const s3 = new AWS.S3({
  accessKeyId: "minioadmin",
  secretAccessKey: "minioadmin",
  endpoint: "http://127.0.0.1:9000",
  s3ForcePathStyle: true,
});
module.exports = s3;
`,
      },
    },
    {
      name: "a client with fixed dummy keys in a test file",
      files: {
        "tests/sandbox/api.test.js": `import { LambdaClient } from "@aws-sdk/client-lambda";

const client = new LambdaClient({
  region: "us-east-1",
  endpoint: controlPlane.url,
  credentials: { accessKeyId: "local", secretAccessKey: "local" },
});
`,
      },
    },
    {
      name: "a class of the same name that is not the SDK's",
      files: { "src/local.js": `class S3Client { constructor(o) { this.o = o; } }\nnew S3Client({ credentials: { accessKeyId: process.env.A } });\n` },
    },
    {
      name: "Azure credential with the secret from the environment",
      files: {
        "src/az.mjs": `import { ClientSecretCredential } from "@azure/identity";\nexport const c = new ClientSecretCredential(process.env.T, process.env.C, process.env.S);\n`,
      },
    },
    {
      name: "let options are not followed (they may be reassigned)",
      files: {
        "src/let.js": `const { S3Client } = require("@aws-sdk/client-s3");\nlet creds = { accessKeyId: "x", secretAccessKey: "y" };\nmodule.exports = new S3Client({ credentials: creds });\n`,
      },
    },
  ],
  invalid: [
    {
      name: "v3 credentials from process.env in a Lambda handler",
      files: {
        "src/handler.ts": `import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
const db = new DynamoDBClient({ credentials: { accessKeyId: process.env.KEY!, secretAccessKey: process.env.SECRET! } });
export const handler = async () => db;
`,
      },
      errors: [
        {
          messageId: "awsStatic",
          line: 2,
          column: 33,
          endLine: 2,
          endColumn: 44,
          messageIncludes: ["DynamoDBClient", "process.env.KEY", "Lambda execution role"],
        },
      ],
    },
    {
      name: "renamed import, credentials in a const, spread of a local object",
      files: {
        "src/s3.mts": `import { S3Client as S3 } from "@aws-sdk/client-s3";
const base = { credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" } };
export const s3 = new S3({ ...base, region: "eu-west-1" });
`,
      },
      errors: [{ messageId: "awsStatic", line: 2, column: 16, endLine: 2, endColumn: 27, messageIncludes: ["S3Client", "hard-coded values", "default provider chain find credentials"] }],
    },
    {
      name: "v2 AWS.config.update and new AWS.Credentials",
      files: {
        "app.cjs": `const AWS = require("aws-sdk");
AWS.config.update({ accessKeyId: process.env.K, secretAccessKey: process.env.S });
const c = new AWS.Credentials(process.env.K, process.env.S);
`,
      },
      errors: [
        { messageId: "awsStatic", line: 2, column: 21, endLine: 2, endColumn: 32, messageIncludes: ["AWS.config.update", "v2"] },
        { messageId: "awsStatic", line: 3, column: 15, endLine: 3, endColumn: 30, messageIncludes: ["AWS.Credentials"] },
      ],
    },
    {
      name: "v2 client constructor with keys, ESM default import",
      files: { "src/v2.js": `import AWS from "aws-sdk";\nexport const s3 = new AWS.S3({ accessKeyId: process.env.K, secretAccessKey: process.env.S });\n` },
      errors: [{ messageId: "awsStatic", line: 2, column: 32, endLine: 2, endColumn: 43, messageIncludes: ["AWS.S3"] }],
    },
    {
      name: "a client with an AWS endpoint of its own is not a local stand-in",
      files: {
        "src/replica.ts": `import { S3Client } from "@aws-sdk/client-s3";
export const replica = new S3Client({
  endpoint: "https://s3.eu-west-1.amazonaws.com",
  credentials: { accessKeyId: process.env.REPLICA_KEY!, secretAccessKey: process.env.REPLICA_SECRET! },
});
`,
      },
      errors: [{ messageId: "awsStatic", line: 4, column: 3, endLine: 4, endColumn: 14, messageIncludes: ["process.env.REPLICA_KEY"] }],
    },
    {
      name: "Azure secrets written as literals",
      files: {
        "src/az.ts": `import { ClientSecretCredential } from "@azure/identity";
import { StorageSharedKeyCredential, BlobServiceClient } from "@azure/storage-blob";
export const a = new ClientSecretCredential("tenant", "client", "not-a-real-client-secret");
export const b = new StorageSharedKeyCredential("acct", "bm90LWEtcmVhbC1rZXk=");
export const c = BlobServiceClient.fromConnectionString("DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=bm90LWEtcmVhbC1rZXk=");
`,
      },
      errors: [
        { messageId: "azureSecret", line: 3, column: 66, endLine: 3, endColumn: 90, messageIncludes: ["client secret"] },
        { messageId: "azureSecret", line: 4, column: 58, endLine: 4, endColumn: 78, messageIncludes: ["storage account key"] },
        { messageId: "azureSecret", line: 5, column: 58, endLine: 5, endColumn: 137, messageIncludes: ["connection string"] },
      ],
    },
    {
      name: "GCP service-account key in code",
      files: {
        "src/gcs.js": `const { Storage } = require("@google-cloud/storage");
module.exports = new Storage({ credentials: { client_email: "ci@p.iam.gserviceaccount.com", private_key: process.env.GCP_KEY } });
`,
      },
      errors: [{ messageId: "gcpKey", line: 2, column: 32, endLine: 2, endColumn: 43, messageIncludes: ["Application Default Credentials"] }],
    },
  ],
});
