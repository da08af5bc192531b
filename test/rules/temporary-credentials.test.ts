import rule from "../../rules/temporary-credentials.js";
import { fakeKeyId, fakeSecret, fakeSessionToken } from "../support/fake-keys.js";
import { fakeSasSignature } from "../support/fake-secrets.js";
import { testRule } from "../support/rule-tester.js";

// TEST_NOW is 2026-06-01T00:00:00Z.
const LONG_TERM = fakeKeyId(401);
const TEMPORARY = fakeKeyId(402, "ASIA");
const TOKEN = fakeSessionToken(402);
const ENV_LONG_TERM = fakeKeyId(470);
const ENV_TEMPORARY = fakeKeyId(471, "ASIA");
const ENV_TEMP_SECRET = fakeSecret(471);
const ENV_TOKEN = fakeSessionToken(471);
const SAS_SIG = fakeSasSignature(480);
const SAS_SIG_URL = encodeURIComponent(fakeSasSignature(481));

testRule(rule, {
  valid: [
    {
      name: "sas: an expiry in the future, a placeholder signature, a template, an Azurite token",
      files: {
        ".env": `AZURE_STORAGE_SAS_TOKEN=sv=2022-11-02&ss=b&srt=co&sp=rl&se=2031-01-01T00:00:00Z&spr=https&sig=${SAS_SIG}
DOCS_SAS=sv=2022-11-02&sp=r&se=2020-01-01&sig=<signature-from-the-portal>
`,
        "src/blob.ts": `const url = \`https://acme.blob.core.windows.net/c/f?sv=2022-11-02&sr=b&sp=r&se=2020-01-01&sig=\${SIG}\`;
const local = "http://127.0.0.1:10000/devstoreaccount1/c?sv=2022-11-02&sr=c&sp=rl&se=2020-01-01T00:00:00Z&sig=${SAS_SIG}";
`,
      },
    },
    {
      name: "sas: an expired token in tests and docs is test data, not a deployment",
      files: {
        "test/fixtures/blob.test.ts": `const url = "https://acme.blob.core.windows.net/c/f?sv=2022-11-02&sr=b&sp=r&se=2021-05-01T00:00:00Z&sig=${SAS_SIG}";\n`,
        "docs/storage.md": `Download with \`curl "https://acme.blob.core.windows.net/c/f?sv=2022-11-02&sr=b&sp=r&se=2021-05-01&sig=${SAS_SIG_URL}"\`.\n`,
      },
    },
    {
      name: "code: temporary credentials from the environment",
      files: {
        "src/s3.ts": `import { S3Client } from "@aws-sdk/client-s3";
export const s3 = new S3Client({ credentials: { accessKeyId: process.env.K!, secretAccessKey: process.env.S!, sessionToken: process.env.T } });
`,
      },
    },
    {
      name: "the AWS documentation's example temporary key with a token is not a committed credential",
      files: {
        ".aws/credentials": `# Copied from the AWS CLI user guide, to show the format.
[docs]
aws_access_key_id = ASIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
aws_session_token = IQoJb3JpZ2luX2IQoJb3JpZ2luX2IQoJb3JpZ2luX2IQoJb3JpZ2luX2IQoJb3JpZVERYLONGSTRINGEXAMPLE
`,
      },
    },
    {
      name: "long-term AKIA keys without a session token in several profiles",
      files: {
        ".aws/config": `[default]
region = us-east-1

[profile ci]
region = eu-west-1
output = json
`,
        ".aws/credentials": `[default]
aws_access_key_id = ${LONG_TERM}
aws_secret_access_key = ${fakeSecret(401)}

[ci]
aws_access_key_id = ${fakeKeyId(403)}
aws_secret_access_key = ${fakeSecret(403)}
`,
      },
    },
    {
      name: "an empty aws_session_token next to a long-term key",
      files: {
        ".aws/credentials": `[default]
aws_access_key_id = ${LONG_TERM}
aws_secret_access_key = ${fakeSecret(401)}
aws_session_token =
`,
      },
    },
    {
      name: "role and SSO profiles that fetch temporary credentials themselves",
      files: {
        ".aws/config": `[profile deploy]
role_arn = arn:aws:iam::123456789012:role/Deploy
source_profile = default
duration_seconds = 3600

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1

[profile dev]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = Developer
`,
        ".aws/credentials": `[default]
aws_access_key_id = ${LONG_TERM}
aws_secret_access_key = ${fakeSecret(401)}
`,
      },
    },
    {
      name: "a scrubbed saml2aws profile whose expiry is still in the future",
      files: {
        ".aws/credentials": `[saml]
x_principal_arn = arn:aws:sts::123456789012:assumed-role/Developer/alice@example.com
x_security_token_expires = 2026-06-01T01:00:00Z
`,
      },
    },
    {
      name: "expiry values that are not timestamps are left alone",
      files: {
        ".aws/credentials": `[saml]
x_principal_arn = arn:aws:sts::123456789012:assumed-role/Developer/alice@example.com
x_security_token_expires = never

[legacy]
expiration = 1
`,
      },
    },
    {
      name: "ci: key id and session token both from secrets (the key id is not a literal)",
      files: {
        ".github/workflows/ci.yml": `name: ci
on: push
jobs:
  upload:
    runs-on: ubuntu-latest
    env:
      AWS_ACCESS_KEY_ID: \${{ secrets.AWS_ACCESS_KEY_ID }}
      AWS_SECRET_ACCESS_KEY: \${{ secrets.AWS_SECRET_ACCESS_KEY }}
      AWS_SESSION_TOKEN: \${{ secrets.AWS_SESSION_TOKEN }}
    steps:
      - run: aws s3 cp report.html s3://example-reports/
`,
      },
    },
    {
      name: "ci: a GitLab job with id_tokens and a comment that mentions CI_JOB_JWT",
      files: {
        ".gitlab-ci.yml": `stages:
  - deploy

deploy:
  stage: deploy
  image: amazon/aws-cli:2.15.0
  id_tokens:
    ID_TOKEN:
      aud: https://gitlab.example.com
  script:
    # CI_JOB_JWT was removed in GitLab 17.0; use ID_TOKEN
    - aws sts assume-role-with-web-identity --role-arn "$ROLE_ARN" --role-session-name gitlab --web-identity-token "$ID_TOKEN"
`,
      },
    },
    {
      name: "ci: a GitLab pipeline kept as test data by a tool that reads pipelines is run by no CI system",
      files: {
        "tests/gitlab_ci/resources/legacy/.gitlab-ci.yml": `notify:
  script:
    - curl -H "Content-Type: application/json" --data "$CI_JOB_JWT_V1" https://hooks.example.com/ci
`,
      },
    },
    {
      name: "env: AWS_CREDENTIAL_EXPIRATION still in the future",
      files: {
        ".env": `AWS_ACCESS_KEY_ID=\${TEMP_KEY}
AWS_CREDENTIAL_EXPIRATION=2026-06-01T06:00:00Z
`,
      },
    },
  ],
  invalid: [
    {
      name: "js: an expiration in the past in a credentials object (new Date(…) or the string); a future one is fine",
      files: {
        "src/s3.ts": [
          'import { S3Client } from "@aws-sdk/client-s3";',
          'export const a = new S3Client({ credentials: { accessKeyId: process.env.K, secretAccessKey: process.env.S, expiration: new Date("2026-05-31T23:00:00Z") } });',
          'export const b = new S3Client({ credentials: { accessKeyId: process.env.K, secretAccessKey: process.env.S, expiration: "2025-01-01" } });',
          'export const c = new S3Client({ credentials: { accessKeyId: process.env.K, secretAccessKey: process.env.S, expiration: new Date("2099-06-02T00:00:00Z") } });',
          'export const d = new S3Client({ credentials: { accessKeyId: process.env.K, secretAccessKey: process.env.S, expiration: new Date(Date.now() + 3600_000) } });',
          "",
        ].join("\n"),
      },
      errors: [
        { messageId: "codeExpired", line: 2, column: 120, endLine: 2, endColumn: 152, messageIncludes: ["`new S3Client(…)` is given temporary credentials that expired at 2026-05-31T23:00:00.000Z"] },
        { messageId: "codeExpired", line: 3, column: 121, endLine: 3, endColumn: 131, messageIncludes: ["expired at 2025-01-01T00:00:00.000Z"] },
      ],
    },
    {
      name: "terraform: access_key and token = var.x, the key id and the token in terraform.tfvars: reported on the tfvars line",
      files: {
        "infra/main.tf": `provider "aws" {\n  access_key = var.access_key\n  secret_key = var.secret_key\n  token      = var.session_token\n}\n`,
        "infra/terraform.tfvars": `access_key    = "${LONG_TERM}"\nsession_token = "${TOKEN}"\n`,
      },
      errors: [{ path: "infra/terraform.tfvars", messageId: "codeTokenWithLongTermKey", line: 2, column: 1, endLine: 2, endColumn: 14, messageIncludes: ['provider "aws"', "AKIA****"] }],
    },
    {
      name: "terraform: an ASIA key id as a variable's default, no token",
      files: { "main.tf": `provider "aws" {\n  access_key = var.access_key\n}\n\nvariable "access_key" {\n  default = "${TEMPORARY}"\n}\n` },
      errors: [{ messageId: "codeTemporaryKeyWithoutToken", line: 6, column: 14, endLine: 6, endColumn: 34 }],
    },
    {
      name: "code: a session token with a long-term key id (v2 config)",
      files: {
        "app.js": `const AWS = require("aws-sdk");
AWS.config.update({ accessKeyId: "AKIAQWERTYUIOPASDFGH", secretAccessKey: process.env.S, sessionToken: process.env.T });
`,
      },
      errors: [{ messageId: "codeTokenWithLongTermKey", line: 2, column: 90, endLine: 2, endColumn: 102, messageIncludes: ["AWS.config.update", "AKIA****"] }],
    },
    {
      name: "code: an ASIA key id without a token",
      files: {
        "src/s3.mjs": `import { S3Client } from "@aws-sdk/client-s3";
const KEY = "ASIAQWERTYUIOPASDFGH";
export const s3 = new S3Client({ credentials: { accessKeyId: KEY, secretAccessKey: process.env.S } });
`,
      },
      errors: [{ messageId: "codeTemporaryKeyWithoutToken", line: 2, column: 14, endLine: 2, endColumn: 34, messageIncludes: ["S3Client"] }],
    },
    {
      name: "a session token left next to a long-term key",
      files: {
        ".aws/credentials": `[default]
aws_access_key_id = ${LONG_TERM}
aws_secret_access_key = ${fakeSecret(401)}
aws_session_token = ${TOKEN}
region = us-east-1
`,
      },
      errors: [{ messageId: "tokenWithLongTermKey", line: 4, column: 1, endLine: 4, endColumn: 18, messageIncludes: ["Profile default", "AKIA****", "aws_session_token"] }],
    },
    {
      name: "a legacy aws_security_token next to a long-term key, the key in the config file",
      files: {
        ".aws/config": `[profile legacy]
region = us-west-2
aws_access_key_id = ${fakeKeyId(404)}
aws_secret_access_key = ${fakeSecret(404)}
`,
        ".aws/credentials": `[legacy]
aws_security_token = ${TOKEN}
`,
      },
      errors: [{ messageId: "tokenWithLongTermKey", path: ".aws/credentials", line: 2, column: 1, endLine: 2, endColumn: 19, messageIncludes: ["aws_security_token"] }],
    },
    {
      name: "a temporary ASIA key without its session token",
      files: {
        ".aws/credentials": `[default]
aws_access_key_id = ${LONG_TERM}
aws_secret_access_key = ${fakeSecret(401)}

[temp]
aws_access_key_id = ${TEMPORARY}
aws_secret_access_key = ${fakeSecret(402)}
`,
      },
      errors: [{ messageId: "temporaryKeyWithoutToken", line: 6, column: 21, endLine: 6, endColumn: 41, messageIncludes: ["ASIA****", "profile temp"] }],
    },
    {
      name: "a complete ASIA pair with its token is committed temporary credentials, even before it expires",
      files: {
        ".aws/credentials": `[saml]
aws_access_key_id = ${TEMPORARY}
aws_secret_access_key = ${fakeSecret(402)}
aws_session_token = ${TOKEN}
x_principal_arn = arn:aws:sts::123456789012:assumed-role/Developer/alice@example.com
x_security_token_expires = 2026-06-01T12:00:00+02:00
`,
      },
      errors: [{ messageId: "committedTemporary", line: 2, column: 21, endLine: 2, endColumn: 41, messageIncludes: ["Profile saml"] }],
    },
    {
      name: "committed temporary credentials that have expired (the offset puts the expiry before now)",
      files: {
        ".aws/credentials": `[azure-login]
aws_access_key_id = ${TEMPORARY}
aws_secret_access_key = ${fakeSecret(402)}
aws_session_token = ${TOKEN}
aws_expiration = 2026-06-01T08:00:00+09:00
`,
      },
      errors: [
        { messageId: "committedTemporary", line: 2, column: 21, endLine: 2, endColumn: 41 },
        { messageId: "expired", line: 5, column: 18, endLine: 5, endColumn: 43, messageIncludes: ["2026-05-31T23:00:00.000Z", "aws_expiration"] },
      ],
    },
    {
      name: "an expiry without an offset is read as UTC, whatever the machine's time zone",
      files: {
        ".aws/credentials": `[saml]
x_principal_arn = arn:aws:sts::123456789012:assumed-role/Developer/alice@example.com
x_security_token_expires = 2026-05-31 20:00:00
`,
      },
      errors: [{ messageId: "expired", line: 3, column: 28, endLine: 3, endColumn: 47, messageIncludes: ["2026-05-31T20:00:00.000Z"] }],
    },
    {
      name: "ci: a literal AKIA key id in a job env with a session token from secrets",
      files: {
        ".github/workflows/ci.yml": `name: ci
on: push
jobs:
  upload:
    runs-on: ubuntu-latest
    env:
      AWS_ACCESS_KEY_ID: ${ENV_LONG_TERM}
      AWS_SECRET_ACCESS_KEY: \${{ secrets.AWS_SECRET_ACCESS_KEY }}
      AWS_SESSION_TOKEN: \${{ secrets.AWS_SESSION_TOKEN }}
    steps:
      - run: aws s3 cp report.html s3://example-reports/
`,
      },
      errors: [{ messageId: "envTokenWithLongTermKey", line: 9, column: 7, endLine: 9, endColumn: 24, messageIncludes: ["Job upload in .github/workflows/ci.yml sends AWS_SESSION_TOKEN"] }],
    },
    {
      name: "env: an ASIA key id without a session token in a .env",
      files: {
        ".env": `AWS_ACCESS_KEY_ID=${ENV_TEMPORARY}
AWS_SECRET_ACCESS_KEY=${ENV_TEMP_SECRET}
AWS_REGION=eu-west-1
`,
      },
      errors: [{ messageId: "envTemporaryKeyWithoutToken", line: 1, column: 19, endLine: 1, endColumn: 39, messageIncludes: ["(.env) is a temporary (STS) key id"] }],
    },
    {
      name: "ci: an ASIA key id with a literal session token in the workflow env",
      files: {
        ".github/workflows/ci.yml": `name: ci
on: push
env:
  AWS_ACCESS_KEY_ID: ${ENV_TEMPORARY}
  AWS_SECRET_ACCESS_KEY: ${ENV_TEMP_SECRET}
  AWS_SESSION_TOKEN: ${ENV_TOKEN}
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: npm test
`,
      },
      errors: [{ messageId: "envCommittedTemporary", line: 4, column: 22, endLine: 4, endColumn: 42, messageIncludes: ["Workflow .github/workflows/ci.yml holds temporary STS credentials"] }],
    },
    {
      name: "env: AWS_CREDENTIAL_EXPIRATION in the past",
      files: {
        ".env": `AWS_ACCESS_KEY_ID=${ENV_TEMPORARY}
AWS_SECRET_ACCESS_KEY=\${TEMP_SECRET}
AWS_SESSION_TOKEN=\${TEMP_TOKEN}
AWS_CREDENTIAL_EXPIRATION=2026-05-31T18:00:00Z
`,
      },
      errors: [{ messageId: "envExpired", line: 4, column: 27, endLine: 4, endColumn: 47, messageIncludes: ["expired at 2026-05-31T18:00:00.000Z"] }],
    },
    {
      name: "ci: GitLab's removed CI_JOB_JWT_V2 in variables and in a script",
      files: {
        ".gitlab-ci.yml": `stages:
  - deploy

variables:
  WEB_IDENTITY_TOKEN: $CI_JOB_JWT_V2

deploy:
  stage: deploy
  image: amazon/aws-cli:2.15.0
  script:
    # CI_JOB_JWT was replaced by id_tokens
    - echo "$CI_JOB_JWT_V2" > /tmp/web-identity-token
    - aws sts assume-role-with-web-identity --role-arn "$ROLE_ARN" --role-session-name gitlab --web-identity-token file:///tmp/web-identity-token
`,
      },
      errors: [
        { messageId: "gitlabJobJwt", line: 5, column: 24, endLine: 5, endColumn: 37, messageIncludes: ["CI_JOB_JWT_V2 was deprecated"] },
        { messageId: "gitlabJobJwt", line: 12, column: 14, endLine: 12, endColumn: 27 },
      ],
    },
    {
      name: "sas: an expired SAS token in a .env variable, on its se= value",
      files: {
        ".env": `AZURE_STORAGE_ACCOUNT=acmeuploads
AZURE_STORAGE_SAS_TOKEN=sp=racwdl&st=2025-01-05T09:00:00Z&se=2025-07-05T17:00:00Z&spr=https&sv=2022-11-02&sr=c&sig=${SAS_SIG}
`,
      },
      errors: [{ messageId: "sasExpired", line: 2, column: 62, endLine: 2, endColumn: 82, messageIncludes: ["has expired (its se= is 2025-07-05T17:00:00.000Z)", "403 AuthenticationFailed", `sig=${SAS_SIG.slice(0, 4)}****`] }],
    },
    {
      name: "sas: an expired SAS URL (URL-encoded expiry) in code and a SAS connection string in JSON",
      files: {
        "src/upload.ts": `export const UPLOAD_URL =
  "https://acme.blob.core.windows.net/uploads?sv=2022-11-02&ss=b&srt=sco&sp=rwl&se=2024-03-01T00%3A00%3A00Z&spr=https,http&sig=${SAS_SIG_URL}";
`,
        "config/production.json": `{
  "storage": "BlobEndpoint=https://acme.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&ss=b&srt=co&sp=rl&se=2026-05-31&sig=${SAS_SIG}"
}
`,
      },
      errors: [
        { messageId: "sasExpired", path: "config/production.json", line: 2, column: 121, endLine: 2, endColumn: 131, messageIncludes: ["expired (its se= is 2026-05-31T00:00:00.000Z)"] },
        { messageId: "sasExpired", path: "src/upload.ts", line: 2, column: 84, endLine: 2, endColumn: 108 },
      ],
    },
  ],
});
