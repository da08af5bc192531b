import rule from "../../rules/credential-key-name.js";
import { fakeKeyId, fakeSecret, fakeSessionToken } from "../support/fake-keys.js";
import { testRule } from "../support/rule-tester.js";

const MISSPELT_INPUTS = `on: [push]
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          aws-access-key-id: \${{ secrets.AWS_ACCESS_KEY_ID }}
          aws-secret-key: \${{ secrets.AWS_SECRET_ACCESS_KEY }}
          region: eu-west-1
`;

const KEY_ID = fakeKeyId(201);
const SECRET = fakeSecret(201);
const TEMP_KEY_ID = fakeKeyId(202, "ASIA");
const TEMP_SECRET = fakeSecret(202);
const TOKEN = fakeSessionToken(202);
const ENV_KEY_ID = fakeKeyId(250);
const ENV_SECRET = fakeSecret(250);

const MISSPELT_OPTIONS = `import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import AWS from "aws-sdk";

export const ddb = new DynamoDBClient({
  Region: "eu-west-1",
  credentials: { accessKeyId: process.env.DDB_KEY_ID!, secretAccesKey: process.env.DDB_SECRET! },
});

AWS.config.update({ regin: "eu-west-1", maxRetries: 3 });
`;

testRule(rule, {
  valid: [
    {
      name: "JS SDK options spelt right, other options, and calls of other SDKs",
      files: {
        "src/clients.ts": `import { S3Client } from "@aws-sdk/client-s3";
import { fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import { Storage } from "@google-cloud/storage";

export const s3 = new S3Client({
  region: "us-east-1",
  endpoint: "https://s3.us-east-1.amazonaws.com",
  maxAttempts: 4,
  credentials: fromTemporaryCredentials({ params: { RoleArn: process.env.ROLE_ARN!, RoleSessionName: "exports" } }),
});
export const gcs = new Storage({ projectId: "acme-exports", keyFilename: "/var/run/secrets/gcs.json" });
`,
      },
    },
    {
      name: "lower-case shell variables of a script are its own, not environment variables in the wrong case",
      files: {
        "scripts/member-info.sh": `#!/usr/bin/env bash
set -euo pipefail
aws_account_id=$(echo "$ENVIRONMENT_MANAGEMENT" | jq -r --arg key "$account_name" '.account_ids[$key] // "N/A"')
aws_account_id=\${aws_account_id:-N/A}
local_region() {
  local aws_region
  aws_region=$(curl -s http://169.254.169.254/latest/dynamic/instance-identity/document | jq -r .region)
  echo "$aws_region"
}
printf '%s %s\\n' "$aws_account_id" "$(local_region)"
`,
      },
    },
    {
      name: "lower-case keys the SDKs read, in both files",
      files: {
        ".aws/config": `[default]
region = us-east-1
output = json

[profile admin]
role_arn = arn:aws:iam::123456789012:role/Admin
source_profile = default
mfa_serial = arn:aws:iam::123456789012:mfa/alice
duration_seconds = 3600
role_session_name = alice
`,
        ".aws/credentials": `[default]
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
      name: "keys of the AWS CLI and of the user's own tools are not reported",
      files: {
        ".aws/config": `[default]
region = eu-west-1
cli_pager =
cli_binary_format = raw-in-base64-out
my_custom_thing = 42
team_owner = payments

[profile ci]
credential_process = /usr/local/bin/aws-vault export --format=json ci
retry_mode = adaptive
max_attempts = 5
`,
      },
    },
    {
      name: "an SSO profile and its sso-session",
      files: {
        "team/.aws/config": `[profile sso-dev]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = Developer
region = us-east-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access
`,
      },
    },
    {
      name: "nested s3 settings and services sections are not profile keys",
      files: {
        ".aws/config": `[default]
region = us-east-1
s3 =
  addressing_style = path
  multipart_threshold = 64MB

[services localstack]
s3 =
  endpoint_url = http://localhost:4566
`,
      },
    },
    {
      name: "env: AWS_S3_BUCKET and a lower-case google_application_credentials, which Node's google-auth-library reads",
      files: {
        ".env": `AWS_S3_BUCKET=example-uploads
google_application_credentials=/secrets/sa.json
AWS_REGION=eu-west-1
`,
      },
    },
    {
      name: "env: lower-case Dockerfile build args copied into ENV under the real names",
      files: {
        Dockerfile: `FROM node:20-slim
ARG aws_access_key_id
ARG aws_secret_access_key
ENV AWS_ACCESS_KEY_ID=$aws_access_key_id AWS_SECRET_ACCESS_KEY=$aws_secret_access_key
RUN npm ci
`,
      },
    },
    {
      name: "ci: an input in another case (GitHub matches input names case-insensitively) and an unknown input with no close match",
      files: {
        ".github/workflows/deploy.yml": `name: deploy
on: push
permissions:
  id-token: write
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: arn:aws:iam::123456789012:role/Deploy
          AWS-REGION: eu-west-1
          telemetry-opt-out: true
      - run: aws s3 sync dist s3://example-site
`,
      },
    },
  ],
  invalid: [
    {
      name: "containers: an SDK variable in another case in compose and a pod's env; their own names, typos and a ConfigMap's keys are left alone",
      files: {
        "docker-compose.yml": `services:\n  app:\n    image: app:1\n    environment:\n      aws_default_region: eu-west-1\n      AWS_SECRET_KEY: \${SECRET}\n      aws_bucket_prefix: x/\n`,
        "k8s/app.yaml": `apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: app:1\n      env:\n        - name: Aws_Region\n          value: eu-west-1\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: aws\ndata:\n  aws_region: eu-west-1\n`,
        "serverless.yml": `service: s\nprovider:\n  name: aws\n  environment:\n    aws_region: eu-west-1\n`,
      },
      errors: [
        { path: "docker-compose.yml", messageId: "envWrongCase", line: 5, column: 7, endLine: 5, endColumn: 25, messageIncludes: ["the SDKs read AWS_DEFAULT_REGION"] },
        { path: "k8s/app.yaml", messageId: "envWrongCase", line: 10, column: 17, endLine: 10, endColumn: 27, messageIncludes: ["the SDKs read AWS_REGION"] },
      ],
    },
    {
      name: "JS SDK options in the wrong case or misspelt: v3 client config and credentials, v2 config update",
      files: {
        "src/clients.ts": MISSPELT_OPTIONS,
      },
      errors: [
        { messageId: "optionName", line: 5, column: 3, endLine: 5, endColumn: 9, messageIncludes: ["case-sensitive", "Rename it to region"], fixed: MISSPELT_OPTIONS.replace("  Region:", "  region:") },
        { messageId: "optionName", line: 6, column: 56, endLine: 6, endColumn: 70, messageIncludes: ["a misspelling", "secretAccessKey"] },
        { messageId: "optionName", line: 9, column: 21, endLine: 9, endColumn: 26, messageIncludes: ["`AWS.config.update(…)` has no option \"regin\""] },
      ],
    },
    {
      name: "ci: misspelt configure-aws-credentials inputs",
      files: { ".github/workflows/deploy.yml": MISSPELT_INPUTS },
      errors: [
        {
          messageId: "unknownInput",
          line: 9,
          column: 11,
          endLine: 9,
          endColumn: 25,
          messageIncludes: ["Did you mean aws-secret-access-key?"],
          fixed: MISSPELT_INPUTS.replace("aws-secret-key:", "aws-secret-access-key:"),
        },
        {
          messageId: "unknownInput",
          line: 10,
          column: 11,
          endLine: 10,
          endColumn: 17,
          messageIncludes: ["Input required and not supplied: aws-region"],
          fixed: MISSPELT_INPUTS.replace("region: eu-west-1", "aws-region: eu-west-1"),
        },
      ],
    },
    {
      name: "ci: azure/login creds JSON in snake case",
      files: {
        ".github/workflows/azure.yml": `on: [push]
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: azure/login@v2
        with:
          creds: |
            {
              "client_id": "\${{ secrets.AZURE_CLIENT_ID }}",
              "clientSecret": "\${{ secrets.AZURE_CLIENT_SECRET }}",
              "tenantId": "\${{ secrets.AZURE_TENANT_ID }}"
            }
`,
      },
      errors: [{ messageId: "credsKey", line: 10, column: 16, endLine: 10, endColumn: 25, messageIncludes: ["Rename it to clientId"] }],
    },
    {
      name: "upper-case credential keys in the credentials file",
      files: {
        ".aws/credentials": `# exported from the CI settings page
[default]
AWS_ACCESS_KEY_ID = ${KEY_ID}
AWS_SECRET_ACCESS_KEY = ${SECRET}
`,
      },
      errors: [
        {
          messageId: "wrongCase",
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 18,
          messageIncludes: ['"AWS_ACCESS_KEY_ID"', "Write aws_access_key_id."],
          fixed: `# exported from the CI settings page
[default]
aws_access_key_id = ${KEY_ID}
AWS_SECRET_ACCESS_KEY = ${SECRET}
`,
        },
        {
          messageId: "wrongCase",
          line: 4,
          column: 1,
          endLine: 4,
          endColumn: 22,
          fixed: `# exported from the CI settings page
[default]
AWS_ACCESS_KEY_ID = ${KEY_ID}
aws_secret_access_key = ${SECRET}
`,
        },
      ],
    },
    {
      name: "mixed-case keys in a profile and an sso-session of the config file",
      files: {
        ".aws/config": `[profile sso-dev]
sso_session = corp
Region = eu-west-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
SSO_Region = us-east-1
`,
      },
      errors: [
        {
          messageId: "wrongCase",
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 7,
          fixed: `[profile sso-dev]
sso_session = corp
region = eu-west-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
SSO_Region = us-east-1
`,
        },
        {
          messageId: "wrongCase",
          line: 7,
          column: 1,
          endLine: 7,
          endColumn: 11,
          fixed: `[profile sso-dev]
sso_session = corp
Region = eu-west-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
`,
        },
      ],
    },
    {
      name: "misspelt credential keys with a certain intended name",
      files: {
        ".aws/credentials": `[default]
aws_access_key = ${KEY_ID}
aws_secret_key = ${SECRET}

[temp]
aws_access_key_id = ${TEMP_KEY_ID}
aws_secret_access_key = ${TEMP_SECRET}
AWS_SESSION = ${TOKEN}
`,
      },
      errors: [
        {
          messageId: "unknownKey",
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 15,
          messageIncludes: ['"aws_access_key"', "did you mean aws_access_key_id?"],
          fixed: `[default]
aws_access_key_id = ${KEY_ID}
aws_secret_key = ${SECRET}

[temp]
aws_access_key_id = ${TEMP_KEY_ID}
aws_secret_access_key = ${TEMP_SECRET}
AWS_SESSION = ${TOKEN}
`,
        },
        {
          messageId: "unknownKey",
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 15,
          messageIncludes: ["did you mean aws_secret_access_key?"],
          fixed: `[default]
aws_access_key = ${KEY_ID}
aws_secret_access_key = ${SECRET}

[temp]
aws_access_key_id = ${TEMP_KEY_ID}
aws_secret_access_key = ${TEMP_SECRET}
AWS_SESSION = ${TOKEN}
`,
        },
        {
          messageId: "unknownKey",
          line: 8,
          column: 1,
          endLine: 8,
          endColumn: 12,
          messageIncludes: ["did you mean aws_session_token?"],
          fixed: `[default]
aws_access_key = ${KEY_ID}
aws_secret_key = ${SECRET}

[temp]
aws_access_key_id = ${TEMP_KEY_ID}
aws_secret_access_key = ${TEMP_SECRET}
aws_session_token = ${TOKEN}
`,
        },
      ],
    },
    {
      name: "misspelt config keys: boto3's region_name, a dash, and typos with no certain fix",
      files: {
        ".aws/config": `[default]
region_name = us-east-1
output = json

[profile deploy]
role-arn = arn:aws:iam::123456789012:role/Deploy
soruce_profile = default
`,
      },
      errors: [
        {
          messageId: "unknownKey",
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 12,
          messageIncludes: ["did you mean region?"],
          fixed: `[default]
region = us-east-1
output = json

[profile deploy]
role-arn = arn:aws:iam::123456789012:role/Deploy
soruce_profile = default
`,
        },
        {
          messageId: "unknownKey",
          line: 6,
          column: 1,
          endLine: 6,
          endColumn: 9,
          messageIncludes: ["did you mean role_arn?"],
          fixed: `[default]
region_name = us-east-1
output = json

[profile deploy]
role_arn = arn:aws:iam::123456789012:role/Deploy
soruce_profile = default
`,
        },
        { messageId: "unknownKey", line: 7, column: 1, endLine: 7, endColumn: 15, messageIncludes: ["did you mean source_profile?"] },
      ],
    },
    {
      name: "keys whose intended name is only a guess",
      files: {
        ".aws/credentials": `[legacy]
key_id = ${KEY_ID}
secret = ${SECRET}
`,
      },
      errors: [
        { messageId: "unknownKey", line: 2, column: 1, endLine: 2, endColumn: 7, messageIncludes: ["did you mean aws_access_key_id?"] },
        { messageId: "unknownKey", line: 3, column: 1, endLine: 3, endColumn: 7, messageIncludes: ["did you mean aws_secret_access_key?"] },
      ],
    },
    {
      name: "misspelt keys in an sso-session section",
      files: {
        ".aws/config": `[profile sso-dev]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = Developer

[sso-session corp]
sso_start_uri = https://corp.awsapps.com/start
sso_regoin = us-east-1
`,
      },
      errors: [
        {
          messageId: "unknownSsoSessionKey",
          line: 7,
          column: 1,
          endLine: 7,
          endColumn: 14,
          messageIncludes: ["did you mean sso_start_url?"],
          fixed: `[profile sso-dev]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = Developer

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_regoin = us-east-1
`,
        },
        { messageId: "unknownSsoSessionKey", line: 8, column: 1, endLine: 8, endColumn: 11, messageIncludes: ["did you mean sso_region?"] },
      ],
    },
    {
      name: "env: a lower-case ENV name in a Dockerfile reaches the container as it is (build args stay exempt)",
      files: {
        Dockerfile: `FROM python:3.12-slim
ARG aws_region=eu-west-1
ENV aws_default_region=$aws_region
CMD ["python", "-m", "worker"]
`,
      },
      errors: [
        {
          messageId: "envWrongCase",
          line: 3,
          column: 5,
          endLine: 3,
          endColumn: 23,
          messageIncludes: ["Rename it to AWS_DEFAULT_REGION"],
          fixed: `FROM python:3.12-slim
ARG aws_region=eu-west-1
ENV AWS_DEFAULT_REGION=$aws_region
CMD ["python", "-m", "worker"]
`,
        },
      ],
    },
    {
      name: "env: a lower-case aws_access_key_id in a .env",
      files: {
        ".env": `# local dev
aws_access_key_id=${ENV_KEY_ID}
AWS_SECRET_ACCESS_KEY=${ENV_SECRET}
AWS_REGION=eu-west-1
`,
      },
      errors: [
        {
          messageId: "envWrongCase",
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 18,
          messageIncludes: ["Rename it to AWS_ACCESS_KEY_ID"],
          fixed: `# local dev
AWS_ACCESS_KEY_ID=${ENV_KEY_ID}
AWS_SECRET_ACCESS_KEY=${ENV_SECRET}
AWS_REGION=eu-west-1
`,
        },
      ],
    },
    {
      name: "env: AWS_SECRET_KEY in a shell script, which only the Go SDK reads",
      files: {
        "scripts/deploy.sh": `#!/bin/sh
set -eu
export AWS_ACCESS_KEY_ID="$CI_KEY_ID"
export AWS_SECRET_KEY="$CI_SECRET"
aws s3 sync dist s3://example-site
`,
      },
      errors: [
        {
          messageId: "envGoOnly",
          line: 4,
          column: 8,
          endLine: 4,
          endColumn: 22,
          messageIncludes: ["Rename it to AWS_SECRET_ACCESS_KEY"],
          fixed: `#!/bin/sh
set -eu
export AWS_ACCESS_KEY_ID="$CI_KEY_ID"
export AWS_SECRET_ACCESS_KEY="$CI_SECRET"
aws s3 sync dist s3://example-site
`,
        },
      ],
    },
    {
      name: "env: AZURE_CLIENT_SECRETS and GOOGLE_APPLICATION_CREDENTIAL in a .env",
      files: {
        ".env": `AZURE_TENANT_ID=00000000-0000-0000-0000-000000000000
AZURE_CLIENT_ID=11111111-1111-1111-1111-111111111111
AZURE_CLIENT_SECRETS=\${AZ_SECRET}
GOOGLE_APPLICATION_CREDENTIAL=/secrets/sa.json
`,
      },
      errors: [
        {
          messageId: "envTypo",
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 21,
          messageIncludes: ["did you mean AZURE_CLIENT_SECRET?", "EnvironmentCredential is unavailable"],
          fixed: `AZURE_TENANT_ID=00000000-0000-0000-0000-000000000000
AZURE_CLIENT_ID=11111111-1111-1111-1111-111111111111
AZURE_CLIENT_SECRET=\${AZ_SECRET}
GOOGLE_APPLICATION_CREDENTIAL=/secrets/sa.json
`,
        },
        {
          messageId: "envTypo",
          line: 4,
          column: 1,
          endLine: 4,
          endColumn: 30,
          messageIncludes: ["did you mean GOOGLE_APPLICATION_CREDENTIALS?", "Could not load the default credentials"],
          fixed: `AZURE_TENANT_ID=00000000-0000-0000-0000-000000000000
AZURE_CLIENT_ID=11111111-1111-1111-1111-111111111111
AZURE_CLIENT_SECRETS=\${AZ_SECRET}
GOOGLE_APPLICATION_CREDENTIALS=/secrets/sa.json
`,
        },
      ],
    },
  ],
});
