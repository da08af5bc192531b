import rule from "../../rules/malformed-credential.js";
import { fakeKeyId, fakeSecret, fakeSessionToken } from "../support/fake-keys.js";
import { testRule } from "../support/rule-tester.js";

const KEY_ID = fakeKeyId(401);
const SECRET = fakeSecret(401);
const TEMP_KEY_ID = fakeKeyId(402, "ASIA");
const TEMP_SECRET = fakeSecret(402);
const TOKEN = fakeSessionToken(402);
const CI_KEY_ID = fakeKeyId(403);
const CI_SECRET = fakeSecret(403);

// An old-format key id (5th character I or J): not base32, so it may hold the digits 0, 1, 8 and 9.
const OLD_FORMAT_KEY_ID = `AKIAJ${fakeKeyId(404).slice(5, 11)}0189${fakeKeyId(404).slice(15)}`;
// A secret with both of the non-alphanumeric characters of its alphabet.
const SLASH_PLUS_SECRET = `${fakeSecret(404).slice(0, 12)}/${fakeSecret(404).slice(13, 27)}+${fakeSecret(404).slice(28)}`;
// The same secret after a trip through a URL-encoded form: "/" became "%2F".
const URL_ENCODED_SECRET = SLASH_PLUS_SECRET.replace("/", "%2F");

testRule(rule, {
  valid: [
    {
      name: "stand-in keys for a DynamoDB Local service of the same cluster",
      files: {
        "manifests/carts/configMap.yaml": `apiVersion: v1
kind: ConfigMap
metadata:
  name: carts
data:
  RETAIL_CART_PERSISTENCE_PROVIDER: dynamodb
  AWS_ACCESS_KEY_ID: key
  AWS_SECRET_ACCESS_KEY: secret
  RETAIL_CART_PERSISTENCE_DYNAMODB_ENDPOINT: http://carts-dynamodb:8000
`,
      },
    },
    {
      name: "azure: GUID ids, a tenant given by its domain or a multi-tenant alias, references and placeholders, a real secret",
      files: {
        ".env": "AZURE_TENANT_ID=contoso.onmicrosoft.com\nAZURE_CLIENT_ID=0f6b2d8e-3c1a-4e5b-9a7d-2c4e6f8a1b3d\nAZURE_CLIENT_SECRET=Qx98Q~hT3kLm2VbNc7RpZs5YdWf0JgE4uA1iOy6e\n",
        "scripts/login.sh": "#!/bin/sh\nexport AZURE_TENANT_ID=common\nexport AZURE_CLIENT_ID=\"$APP_ID\"\nexport AZURE_CLIENT_SECRET=\"<client-secret>\"\n",
      },
    },
    {
      name: "env: dummy keys for a local S3 stand-in (MinIO) are deliberate",
      files: {
        ".gitlab-ci.yml": `test:
  services:
    - name: minio/minio:latest
      alias: minio
      command: ["server", "/data"]
  variables:
    AWS_ACCESS_KEY_ID: minioadmin
    AWS_SECRET_ACCESS_KEY: minioadmin
    AWS_ENDPOINT_URL: http://minio:9000
  script:
    - pytest tests/integration
`,
      },
    },
    {
      name: "code: dummy keys for a client whose endpoint is LocalStack",
      files: {
        "scripts/seed-local.mjs": `import { S3Client } from "@aws-sdk/client-s3";

export const s3 = new S3Client({
  endpoint: "http://s3.localhost.localstack.cloud:4566",
  region: "us-east-1",
  credentials: { accessKeyId: "test", secretAccessKey: "test" },
});
`,
      },
    },
    {
      name: "code: fixed fake keys in a test file, against a local control plane",
      files: {
        "test/integration/queue.test.ts": `import { SQSClient } from "@aws-sdk/client-sqs";

const client = new SQSClient({
  region: "us-east-1",
  endpoint: server.url,
  credentials: { accessKeyId: "local", secretAccessKey: "local" },
});
`,
      },
    },
    {
      name: "code: placeholder keys in a documentation example",
      files: {
        "docs/examples/upload.js": `const AWS = require("aws-sdk");

const s3 = new AWS.S3({ accessKeyId: "YOUR-ACCESSKEYID", secretAccessKey: "YOUR-SECRETACCESSKEY" });
`,
      },
    },
    {
      name: "ci: dummy keys in a job that runs its tests against a mock (moto)",
      files: {
        ".github/workflows/dependency-test.yml": `name: dependency test
on:
  schedule:
    - cron: "0 0 * * *"
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Run tests
        env:
          AWS_ACCESS_KEY_ID: key
          AWS_SECRET_ACCESS_KEY: secret
        run: pytest tests/test_s3.py
`,
      },
    },
    {
      name: "test data: a swapped key pair in a secret scanner's test resources",
      files: {
        "tests/secrets/resources/Dockerfile": `FROM alpine:3.20
ENV AWS_ACCESS_KEY_ID=${SECRET}
ENV AWS_SECRET_ACCESS_KEY=${KEY_ID}
`,
      },
    },
    {
      name: "code: well-formed literal keys",
      files: { "src/s3.ts": `import { S3Client } from "@aws-sdk/client-s3";\nnew S3Client({ credentials: { accessKeyId: "AKIAQWERTYUIOPASDFGH", secretAccessKey: process.env.S! } });\n` },
    },
    {
      name: "a 20-character key id with a 40-character secret, and temporary keys with a session token",
      files: {
        ".aws/credentials": `# deployer keys, rotated every 90 days
[default]
aws_access_key_id = ${KEY_ID}
aws_secret_access_key = ${SECRET}

[temp]
aws_access_key_id = ${TEMP_KEY_ID}
aws_secret_access_key = ${TEMP_SECRET}
aws_session_token = ${TOKEN}
`,
      },
    },
    {
      name: "an old-format key id with the digits 0, 1, 8 and 9, and a secret with / and +",
      files: {
        ".aws/credentials": `[legacy]
aws_access_key_id = ${OLD_FORMAT_KEY_ID}
aws_secret_access_key = ${SLASH_PLUS_SECRET}
`,
      },
    },
    {
      name: "role ARNs with a path and in another partition, and a 12-digit SSO account",
      files: {
        "team/.aws/config": `[profile admin]
role_arn = arn:aws:iam::123456789012:role/ops/Admin
source_profile = default

[profile gov]
role_arn = arn:aws-us-gov:iam::123456789012:role/Deployer
source_profile = default
region = us-gov-west-1

[profile sso-dev]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = Developer
`,
      },
    },
    {
      name: "values other rules own: quotes, comments, upper-case key names, an empty token, an mfa_serial",
      files: {
        ".aws/credentials": `[ci]
AWS_ACCESS_KEY_ID = "${CI_KEY_ID}"
aws_secret_access_key = ${CI_SECRET} # ci-deployer
aws_session_token =
`,
        ".aws/config": `[profile ci]
role_arn = arn:aws:iam::123456789012:role/CI
source_profile = ci
mfa_serial = 123456
`,
      },
    },
    {
      name: "env: placeholders in a .env.example, which is not read as an environment",
      files: {
        ".env.example": `AWS_ACCESS_KEY_ID=YOUR_ACCESS_KEY
AWS_SECRET_ACCESS_KEY=YOUR_SECRET_KEY
AWS_REGION=eu-west-1
`,
      },
    },
  ],
  invalid: [
    {
      name: "azure: the app's name where its client id belongs, a tenant name, and the secret's id pasted as the secret",
      files: {
        ".env": "AZURE_TENANT_ID=acme-invoices\nAZURE_CLIENT_ID=invoices-worker\nAZURE_CLIENT_SECRET=3f2c9a7e-8b41-4d6a-9c0f-5e7d2b1a4c88\n",
      },
      errors: [
        { messageId: "azureBadId", line: 1, column: 17, endLine: 1, endColumn: 30, messageIncludes: ["tenant (directory) id"] },
        { messageId: "azureBadId", line: 2, column: 17, endLine: 2, endColumn: 32, messageIncludes: ["application (client) id"] },
        { messageId: "azureSecretIsId", line: 3, column: 21, endLine: 3, endColumn: 57, messageIncludes: ["AADSTS7000215"] },
      ],
    },
    {
      name: "ci: GitLab-style $VARIABLES in a GitHub workflow, which GitHub does not expand",
      files: {
        ".github/workflows/deploy.yml": `on: [push]
jobs:
  deploy:
    runs-on: ubuntu-latest
    env:
      AWS_ACCESS_KEY_ID: $AWS_ACCESS_KEY_ID
      AWS_SECRET_ACCESS_KEY: \${{ secrets.AWS_SECRET_ACCESS_KEY }}
    steps:
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: \${{ secrets.DEPLOY_ROLE }}
          aws-region: \${AWS_REGION}
      - run: aws s3 ls --region $AWS_REGION
`,
      },
      errors: [
        { messageId: "unexpandedVariable", line: 6, column: 26, endLine: 6, endColumn: 44, messageIncludes: ['the literal text "$AWS_ACCESS_KEY_ID"', "secrets.AWS_ACCESS_KEY_ID"] },
        { messageId: "unexpandedVariable", line: 12, column: 23, endLine: 12, endColumn: 36, messageIncludes: ["secrets.AWS_REGION"] },
      ],
    },
    {
      name: "code: fromTemporaryCredentials with an assumed-role ARN",
      files: {
        "src/sts.ts": `import { fromTemporaryCredentials } from "@aws-sdk/credential-providers";
export const c = fromTemporaryCredentials({ params: { RoleArn: "arn:aws:sts::123456789012:assumed-role/App/session" } });
`,
      },
      errors: [{ messageId: "assumedRoleArn", line: 2, column: 65, endLine: 2, endColumn: 115 }],
    },
    {
      name: "code: a placeholder key id and a short secret",
      files: {
        "src/s3.ts": `import { S3Client } from "@aws-sdk/client-s3";
new S3Client({ credentials: { accessKeyId: "YOUR_ACCESS_KEY_ID", secretAccessKey: "tooShortSecret" } });
`,
      },
      errors: [
        { messageId: "placeholder", line: 2, column: 45, endLine: 2, endColumn: 63 },
        { messageId: "badSecret", line: 2, column: 84, endLine: 2, endColumn: 98 },
      ],
    },
    {
      name: "the documented example key pair",
      files: {
        ".aws/credentials": `# from the AWS CLI getting-started guide
[default]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
`,
      },
      errors: [
        {
          messageId: "exampleKey",
          line: 3,
          column: 21,
          endLine: 3,
          endColumn: 41,
          messageIncludes: ["example key from the AWS documentation"],
        },
        { messageId: "exampleKey", line: 4, column: 25, endLine: 4, endColumn: 65 },
      ],
    },
    {
      name: "placeholders left in a live credentials file and config file",
      files: {
        ".aws/credentials": `[default]
aws_access_key_id = YOUR_ACCESS_KEY_ID
aws_secret_access_key = <paste the secret here>

[ci]
aws_access_key_id = AKIAXXXXXXXXXXXXXXXX
aws_secret_access_key = ${CI_SECRET}
`,
        ".aws/config": `[profile deploy]
role_arn = <role-arn>
source_profile = default
`,
      },
      errors: [
        { messageId: "placeholderArn", messageIncludes: ["not a role ARN"], path: ".aws/config", line: 2, column: 12, endLine: 2, endColumn: 22 },
        {
          messageId: "placeholder",
          path: ".aws/credentials",
          line: 2,
          column: 21,
          endLine: 2,
          endColumn: 39,
          messageIncludes: ["The value of aws_access_key_id is a placeholder"],
        },
        { messageId: "placeholder", path: ".aws/credentials", line: 3, column: 25, endLine: 3, endColumn: 48 },
        { messageId: "placeholder", path: ".aws/credentials", line: 6, column: 21, endLine: 6, endColumn: 41 },
      ],
    },
    {
      name: "unique IDs from get-user, get-role and get-instance-profile pasted as the key id",
      files: {
        ".aws/credentials": `[alice]
aws_access_key_id = ${fakeKeyId(405, "AIDA")}
aws_secret_access_key = ${SECRET}

[deploy]
aws_access_key_id = ${fakeKeyId(406, "AROA")}
aws_secret_access_key = ${CI_SECRET}

[worker]
aws_access_key_id = ${fakeKeyId(407, "AIPA")}
aws_secret_access_key = ${TEMP_SECRET}
`,
      },
      errors: [
        {
          messageId: "identifierNotKey",
          line: 2,
          column: 21,
          endLine: 2,
          endColumn: 41,
          messageIncludes: ["AIDA****", "the unique ID of an IAM user"],
        },
        {
          messageId: "identifierNotKey",
          line: 6,
          column: 21,
          endLine: 6,
          endColumn: 41,
          messageIncludes: ["AROA****", "the unique ID of a role"],
        },
        {
          messageId: "identifierNotKey",
          line: 10,
          column: 21,
          endLine: 10,
          endColumn: 41,
          messageIncludes: ["AIPA****", "the unique ID of an Amazon EC2 instance profile"],
        },
      ],
    },
    {
      name: "key ids cut short by a copy-paste and lower-cased",
      files: {
        ".aws/credentials": `[default]
aws_access_key_id = ${KEY_ID.slice(0, 19)}
aws_secret_access_key = ${SECRET}

[ci]
aws_access_key_id = ${CI_KEY_ID.toLowerCase()}
aws_secret_access_key = ${CI_SECRET}
`,
      },
      errors: [
        { messageId: "badKeyId", line: 2, column: 21, endLine: 2, endColumn: 40, messageIncludes: ["it has 19 characters"] },
        { messageId: "badKeyId", line: 6, column: 21, endLine: 6, endColumn: 41, messageIncludes: ["it contains lower-case letters"] },
      ],
    },
    {
      name: "the key id pasted into the secret too",
      files: {
        ".aws/credentials": `[default]
aws_access_key_id = ${KEY_ID}
aws_secret_access_key = ${KEY_ID}
`,
      },
      errors: [{ messageId: "swapped", line: 3, column: 25, endLine: 3, endColumn: 45 }],
    },
    {
      name: "a secret cut short and a secret URL-encoded on its way through a form",
      files: {
        ".aws/credentials": `[default]
aws_access_key_id = ${KEY_ID}
aws_secret_access_key = ${SECRET.slice(0, 39)}

[legacy]
aws_access_key_id = ${OLD_FORMAT_KEY_ID}
aws_secret_access_key = ${URL_ENCODED_SECRET}
`,
      },
      errors: [
        { messageId: "badSecret", line: 3, column: 25, endLine: 3, endColumn: 64, messageIncludes: ["it has 39 characters"] },
        { messageId: "badSecret", line: 7, column: 25, endLine: 7, endColumn: 67, messageIncludes: ["it has 42 characters"] },
      ],
    },
    {
      name: "role_arn values that are not role ARNs",
      files: {
        ".aws/config": `[profile deploy]
role_arn = arn:aws:iam::123456789012:user/deployer
source_profile = default

[profile regional]
role_arn = arn:aws:iam:us-east-1:123456789012:role/Deployer
source_profile = default

[profile template]
role_arn = arn:aws:iam::ACCOUNT_ID:role/Deployer
source_profile = default

[profile gov]
role_arn = arn:aws-gov:iam::123456789012:role/Deployer
region = us-gov-west-1
`,
      },
      errors: [
        {
          messageId: "badRoleArn",
          line: 2,
          column: 12,
          endLine: 2,
          endColumn: 51,
          messageIncludes: ['its resource "user/deployer" is not role/NAME'],
        },
        {
          messageId: "badRoleArn",
          line: 6,
          column: 12,
          endLine: 6,
          endColumn: 60,
          messageIncludes: ['IAM ARNs have no region, but it names "us-east-1"'],
        },
        {
          messageId: "badRoleArn",
          line: 10,
          column: 12,
          endLine: 10,
          endColumn: 49,
          messageIncludes: ["its account is not 12 digits"],
        },
        {
          messageId: "badRoleArn",
          line: 14,
          column: 12,
          endLine: 14,
          endColumn: 55,
          messageIncludes: ['"aws-gov" is not an AWS partition'],
        },
      ],
    },
    {
      name: "the assumed-role ARN from sts get-caller-identity as role_arn",
      files: {
        ".aws/config": `[default]
region = us-east-1

[profile admin]
role_arn = arn:aws:sts::123456789012:assumed-role/Admin/alice
source_profile = default
`,
      },
      errors: [{ messageId: "assumedRoleArn", line: 5, column: 12, endLine: 5, endColumn: 62 }],
    },
    {
      name: "an SSO account id written with dashes, as the console shows it",
      files: {
        ".aws/config": `[profile sso-dev]
sso_session = corp
sso_account_id = 1234-5678-9012
sso_role_name = Developer

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
`,
      },
      errors: [{ messageId: "badAccountId", line: 3, column: 18, endLine: 3, endColumn: 32 }],
    },
    {
      name: "ci: a key id cut short in a workflow is still reported (it is no dummy)",
      files: {
        ".github/workflows/deploy.yml": `name: deploy
on: push
jobs:
  deploy:
    runs-on: ubuntu-latest
    env:
      AWS_ACCESS_KEY_ID: ${CI_KEY_ID.slice(0, 14)}
      AWS_SECRET_ACCESS_KEY: \${{ secrets.AWS_SECRET_ACCESS_KEY }}
    steps:
      - run: aws s3 sync dist s3://example-site
`,
      },
      errors: [{ messageId: "badKeyId", line: 7, column: 26, endLine: 7, endColumn: 40, messageIncludes: ["it has 14 characters"] }],
    },
    {
      name: "env: placeholders left in a .env",
      files: {
        ".env": `AWS_ACCESS_KEY_ID=YOUR_ACCESS_KEY
AWS_SECRET_ACCESS_KEY=YOUR_SECRET_KEY
AWS_REGION=eu-west-1
`,
      },
      errors: [
        { messageId: "placeholder", line: 1, column: 19, endLine: 1, endColumn: 34, messageIncludes: ["The value of AWS_ACCESS_KEY_ID is a placeholder"] },
        { messageId: "placeholder", line: 2, column: 23, endLine: 2, endColumn: 38, messageIncludes: ["The value of AWS_SECRET_ACCESS_KEY is a placeholder"] },
      ],
    },
  ],
});
