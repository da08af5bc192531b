import rule from "../../rules/credential-whitespace.js";
import { fakeKeyId, fakeSecret, fakeSessionToken } from "../support/fake-keys.js";
import { testRule } from "../support/rule-tester.js";

const KEY_ID = fakeKeyId(301);
const SECRET = fakeSecret(301);
const CI_KEY_ID = fakeKeyId(302);
const CI_SECRET = fakeSecret(302);
const TEMP_KEY_ID = fakeKeyId(303, "ASIA");
const TEMP_SECRET = fakeSecret(303);
const TOKEN = fakeSessionToken(303);
const ENV_KEY_ID = fakeKeyId(340);
const ENV_SECRET = fakeSecret(340);

// Pasted from a chat or a web page: invisible in the file, kept by every SDK.
const ZWSP = "\u200B";
const NBSP = "\u00A0";
const WORD_JOINER = "\u2060";

testRule(rule, {
  valid: [
    {
      name: "quoted env values that end where they should, and a PEM key that needs its final line break",
      files: {
        ".env": `AWS_SECRET_ACCESS_KEY="Vn8rT2wQ5xK9mB3cJ7fL1dS4gY6zA0eR2uI8oP5h"
GOOGLE_PRIVATE_KEY="-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\n-----END PRIVATE KEY-----\\n"
`,
      },
    },
    {
      name: "code literals with escapes that end in no blank, placeholders in quotes, a chomped heredoc",
      files: {
        "src/archive.ts": `import { S3Client } from "@aws-sdk/client-s3";
export const archive = new S3Client({
  credentials: { accessKeyId: "\\u0041KIAZ7WQX3M4LPRC6VTN", secretAccessKey: "'<your secret key>'" },
});
`,
        "infra/main.tf": `provider "aws" {
  region     = "eu-west-1"
  secret_key = chomp(<<EOT
Rd5tG8wP2vM7xK1nB4hJ9cQ3fL6sY0zA8eT2uI5o
EOT
  )
}
`,
      },
    },
    {
      name: "a private key in a YAML block scalar keeps the final newline it needs",
      files: {
        "docker-compose.yml": `services:
  sftp-sync:
    image: atmoz/sftp
    environment:
      SFTP_PRIVATE_KEY: |
        -----BEGIN OPENSSH PRIVATE KEY-----
        b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
        -----END OPENSSH PRIVATE KEY-----
`,
      },
    },
    {
      name: "gcp: a private_key whose newlines the code restores, or that comes from JSON.parse or a key file",
      files: {
        "src/gcs.ts": `import { Storage } from "@google-cloud/storage";
import { GoogleAuth } from "google-auth-library";
export const a = new Storage({ credentials: { client_email: process.env.GCP_EMAIL, private_key: process.env.GCP_KEY?.replace(/\\\\n/g, "\\n") } });
export const b = new GoogleAuth({ credentials: JSON.parse(process.env.GCP_SA_JSON ?? "{}") });
export const c = new Storage({ keyFilename: process.env.GOOGLE_APPLICATION_CREDENTIALS });
`,
      },
    },
    {
      name: "code: clean literal credentials and env references",
      files: {
        "src/s3.ts": `import { S3Client } from "@aws-sdk/client-s3";
export const a = new S3Client({ credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: process.env.S! } });
`,
      },
    },
    {
      name: "blanks around keys and values, which every SDK trims",
      files: {
        ".aws/credentials": `# CI deployer keys
[default]
aws_access_key_id     =   ${KEY_ID}\x20\x20\x20
aws_secret_access_key =\t${SECRET}\t

[temp]
aws_access_key_id=${TEMP_KEY_ID}
aws_secret_access_key=${TEMP_SECRET}
aws_session_token = ${TOKEN}
`,
      },
    },
    {
      name: "quotes and comments on settings that are not credentials are aws-config-syntax's business",
      files: {
        ".aws/config": `[default]
region = "us-east-1" # N. Virginia
output = 'json'

[profile admin]
role_arn = arn:aws:iam::123456789012:role/Admin ; break-glass
source_profile = default
`,
      },
    },
    {
      name: "a no-break space before or after a credential, which every SDK trims",
      files: {
        ".aws/credentials": `[default]
aws_access_key_id = ${NBSP}${KEY_ID}
aws_secret_access_key = ${SECRET}${NBSP}
`,
      },
    },
    {
      name: "a credentials file with CRLF line endings",
      files: {
        ".aws/credentials": `[default]\r\naws_access_key_id = ${KEY_ID}\r\naws_secret_access_key = ${SECRET}\r\n`,
      },
    },
    {
      name: "comments on their own lines above the keys",
      files: {
        ".aws/credentials": `[ci]
# ci-deployer, rotated 2026-05
aws_access_key_id = ${CI_KEY_ID}
; stored in the vault as ci/aws
aws_secret_access_key = ${CI_SECRET}
`,
      },
    },
    {
      name: "env: an unquoted trailing blank in a .env, which dotenv trims",
      files: {
        ".env": `AWS_ACCESS_KEY_ID=${ENV_KEY_ID}\x20\x20\x20
AWS_SECRET_ACCESS_KEY=${ENV_SECRET}\x20
AWS_REGION=eu-west-1
`,
      },
    },
    {
      name: "ci: a |- block scalar around a secret reference in a job env",
      files: {
        ".github/workflows/ci.yml": `name: ci
on: push
jobs:
  deploy:
    runs-on: ubuntu-latest
    env:
      AWS_SECRET_ACCESS_KEY: |-
        \${{ secrets.AWS_SECRET_ACCESS_KEY }}
    steps:
      - run: aws sts get-caller-identity
`,
      },
    },
    {
      name: "ci: an action input written as a | block scalar, which getInput trims",
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
          role-to-assume: |
            arn:aws:iam::123456789012:role/Deploy
          aws-region: eu-west-1
`,
      },
    },
    {
      name: "env: blanks inside the quotes of variables that are not credentials",
      files: {
        ".env": `APP_TITLE=" My App "
GREETING='hello '
AWS_REGION=eu-west-1
`,
      },
    },
  ],
  invalid: [
    {
      name: "a line break inside the quotes of an env value: dotenv's expanded \\n, a shell's line break before the closing quote",
      files: {
        ".env": `AWS_ACCESS_KEY_ID=AKIAX7RD2Q9LMW4PZT3N
AWS_SECRET_ACCESS_KEY="Vn8rT2wQ5xK9mB3cJ7fL1dS4gY6zA0eR2uI8oP5h\\n"
`,
        "scripts/import.sh": `#!/usr/bin/env bash
export AZURE_CLIENT_SECRET="Zk4Q~r7TnW2xP9vB5mL8cJ3fD6sG1hY0aE4uK7oQ
"
`,
      },
      errors: [
        { messageId: "quotedNewline", path: ".env", line: 2, column: 23, endLine: 2, endColumn: 67, messageIncludes: ["written `\\n`", "the dotenv reader keeps it"] },
        { messageId: "quotedNewline", path: "scripts/import.sh", line: 2, column: 28, endLine: 3, endColumn: 2, messageIncludes: ["a line break before the closing quote", "the shell keeps it"] },
      ],
    },
    {
      name: "code literals: quotes pasted inside, a `\\n` escape, a triple-quoted string and a Terraform heredoc",
      files: {
        "src/archive.ts": `import { S3Client } from "@aws-sdk/client-s3";
export const archive = new S3Client({
  credentials: { accessKeyId: "'AKIAZ7WQX3M4LPRC6VTN'", secretAccessKey: "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\\n" },
});
`,
        "app/reports.py": `import boto3
s3 = boto3.client("s3", aws_access_key_id="AKIAR5TYB8NW2KQD7HXE", aws_secret_access_key="""pW3nB8vK1xR6tY9mQ2jF5hL0cZ4sD7gA1eU8iO3q
""")
`,
        "infra/main.tf": `provider "aws" {
  region     = "eu-west-1"
  access_key = "AKIAT4HMV6QW9ZLB2CXR"
  secret_key = <<EOT
Rd5tG8wP2vM7xK1nB4hJ9cQ3fL6sY0zA8eT2uI5o
EOT
}
`,
      },
      errors: [
        { messageId: "codeEscapedEdge", path: "app/reports.py", line: 2, column: 92, endLine: 3, endColumn: 1, messageIncludes: ["a triple-quoted string", "boto3"] },
        { messageId: "codeEscapedEdge", path: "infra/main.tf", line: 5, column: 1, endLine: 6, endColumn: 1, messageIncludes: ["heredoc", "chomp()"] },
        { messageId: "codeQuotes", path: "src/archive.ts", line: 3, column: 32, endLine: 3, endColumn: 54, messageIncludes: ["quote characters", "the AWS SDK for JavaScript"] },
        { messageId: "codeEscapedEdge", path: "src/archive.ts", line: 3, column: 74, endLine: 3, endColumn: 118, messageIncludes: ["ends with a line break, written as an escape sequence"] },
      ],
    },
    {
      name: "terraform and python: a trailing blank in a provider argument and a boto3 keyword, said of the tool that sends it",
      files: {
        "infra/main.tf": `provider "aws" {
  region     = "eu-west-1"
  access_key = "AKIA4QX7ZL2MWN8RT5VB "
}
`,
        "jobs/sync.py": `import boto3

s3 = boto3.client("s3", aws_access_key_id="AKIA4QX7ZL2MWN8RT5VB ")
`,
      },
      errors: [
        { path: "infra/main.tf", messageId: "codeEdgeBlank", line: 3, column: 37, endLine: 3, endColumn: 38, messageIncludes: ["Terraform's AWS provider sends"] },
        { path: "jobs/sync.py", messageId: "codeEdgeBlank", line: 3, column: 64, endLine: 3, endColumn: 65, messageIncludes: ["boto3 sends"] },
      ],
    },
    {
      name: "code: a trailing blank and a zero-width space in literal options",
      files: {
        "src/s3.js": `import { S3Client } from "@aws-sdk/client-s3";
export const a = new S3Client({
  credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE ", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPx\u200bRfiCYEXAMPLEKEY" },
});
`,
      },
      errors: [
        { messageId: "codeEdgeBlank", line: 3, column: 52, endLine: 3, endColumn: 53, messageIncludes: ["trailing"], fixed: `import { S3Client } from "@aws-sdk/client-s3";
export const a = new S3Client({
  credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPx\u200bRfiCYEXAMPLEKEY" },
});
` },
        { messageId: "invisible", line: 3, column: 99, endLine: 3, endColumn: 100 },
      ],
    },
    {
      name: "a byte-order mark pasted after the key id: botocore and Go keep it, the JS SDK trims it",
      files: {
        ".aws/credentials": "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\uFEFF\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
      },
      errors: [
        {
          messageId: "invisible",
          line: 2,
          column: 41,
          endLine: 2,
          endColumn: 42,
          messageIncludes: ["botocore (AWS CLI, boto3) and the AWS SDK for Go v2 keep it"],
          fixed: "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
        },
      ],
    },
    {
      name: "quotes around the key id and the secret",
      files: {
        ".aws/credentials": `[default]
aws_access_key_id = "${KEY_ID}"
aws_secret_access_key = '${SECRET}'
region = us-east-1
`,
      },
      errors: [
        {
          messageId: "quoted",
          line: 2,
          column: 21,
          endLine: 2,
          endColumn: 43,
          messageIncludes: ["The quotes around aws_access_key_id"],
          fixed: `[default]
aws_access_key_id = ${KEY_ID}
aws_secret_access_key = '${SECRET}'
region = us-east-1
`,
        },
        {
          messageId: "quoted",
          line: 3,
          column: 25,
          endLine: 3,
          endColumn: 67,
          fixed: `[default]
aws_access_key_id = "${KEY_ID}"
aws_secret_access_key = ${SECRET}
region = us-east-1
`,
        },
      ],
    },
    {
      name: "inline comments after the key id and the secret",
      files: {
        ".aws/credentials": `[default]
aws_access_key_id = ${KEY_ID}

[ci]
aws_access_key_id = ${CI_KEY_ID} # ci-deployer
aws_secret_access_key = ${CI_SECRET} ; rotated 2026-05
`,
      },
      errors: [
        {
          messageId: "inlineComment",
          line: 5,
          column: 42,
          endLine: 5,
          endColumn: 55,
          messageIncludes: ["part of the value of aws_access_key_id for botocore"],
          fixed: `[default]
aws_access_key_id = ${KEY_ID}

[ci]
# ci-deployer
aws_access_key_id = ${CI_KEY_ID}
aws_secret_access_key = ${CI_SECRET} ; rotated 2026-05
`,
        },
        {
          messageId: "inlineComment",
          line: 6,
          column: 66,
          endLine: 6,
          endColumn: 83,
          fixed: `[default]
aws_access_key_id = ${KEY_ID}

[ci]
aws_access_key_id = ${CI_KEY_ID} # ci-deployer
; rotated 2026-05
aws_secret_access_key = ${CI_SECRET}
`,
        },
      ],
    },
    {
      name: "an inline comment in a file with CRLF line endings",
      files: {
        ".aws/credentials": `[ci]\r\naws_access_key_id = ${CI_KEY_ID} # ci-deployer\r\naws_secret_access_key = ${CI_SECRET}\r\n`,
      },
      errors: [
        {
          messageId: "inlineComment",
          line: 2,
          column: 42,
          endLine: 2,
          endColumn: 55,
          fixed: `[ci]\r\n# ci-deployer\r\naws_access_key_id = ${CI_KEY_ID}\r\naws_secret_access_key = ${CI_SECRET}\r\n`,
        },
      ],
    },
    {
      name: "a quoted key id followed by a comment: two findings, two independent fixes",
      files: {
        ".aws/credentials": `[ci]
aws_access_key_id = "${CI_KEY_ID}" # ci-deployer
aws_secret_access_key = ${CI_SECRET}
`,
      },
      errors: [
        {
          messageId: "quoted",
          line: 2,
          column: 21,
          endLine: 2,
          endColumn: 43,
          fixed: `[ci]
aws_access_key_id = ${CI_KEY_ID} # ci-deployer
aws_secret_access_key = ${CI_SECRET}
`,
        },
        {
          messageId: "inlineComment",
          line: 2,
          column: 44,
          endLine: 2,
          endColumn: 57,
          fixed: `[ci]
# ci-deployer
aws_access_key_id = "${CI_KEY_ID}"
aws_secret_access_key = ${CI_SECRET}
`,
        },
      ],
    },
    {
      name: "zero-width and no-break spaces pasted into credentials",
      files: {
        ".aws/credentials": `[default]
aws_access_key_id = ${KEY_ID.slice(0, 10)}${NBSP}${KEY_ID.slice(10)}
aws_secret_access_key = ${SECRET.slice(0, 20)}${ZWSP}${SECRET.slice(20)}${ZWSP}

[ci]
aws_access_key_id = ${CI_KEY_ID}${WORD_JOINER}
aws_secret_access_key = ${CI_SECRET}
`,
      },
      errors: [
        {
          messageId: "invisible",
          line: 2,
          column: 31,
          endLine: 2,
          endColumn: 32,
          messageIncludes: ["no-break space (U+00A0)"],
          fixed: `[default]
aws_access_key_id = ${KEY_ID}
aws_secret_access_key = ${SECRET.slice(0, 20)}${ZWSP}${SECRET.slice(20)}${ZWSP}

[ci]
aws_access_key_id = ${CI_KEY_ID}${WORD_JOINER}
aws_secret_access_key = ${CI_SECRET}
`,
        },
        {
          // One finding per character, at its first occurrence; the fix deletes every occurrence.
          messageId: "invisible",
          line: 3,
          column: 45,
          endLine: 3,
          endColumn: 46,
          messageIncludes: ["zero-width space (U+200B)"],
          fixed: `[default]
aws_access_key_id = ${KEY_ID.slice(0, 10)}${NBSP}${KEY_ID.slice(10)}
aws_secret_access_key = ${SECRET}

[ci]
aws_access_key_id = ${CI_KEY_ID}${WORD_JOINER}
aws_secret_access_key = ${CI_SECRET}
`,
        },
        {
          messageId: "invisible",
          line: 6,
          column: 41,
          endLine: 6,
          endColumn: 42,
          messageIncludes: ["word joiner (U+2060)"],
          fixed: `[default]
aws_access_key_id = ${KEY_ID.slice(0, 10)}${NBSP}${KEY_ID.slice(10)}
aws_secret_access_key = ${SECRET.slice(0, 20)}${ZWSP}${SECRET.slice(20)}${ZWSP}

[ci]
aws_access_key_id = ${CI_KEY_ID}
aws_secret_access_key = ${CI_SECRET}
`,
        },
      ],
    },
    {
      name: "a blank inside the key id and a tab inside the session token",
      files: {
        ".aws/credentials": `[temp]
aws_access_key_id = ${TEMP_KEY_ID.slice(0, 12)} ${TEMP_KEY_ID.slice(12)}
aws_secret_access_key = ${TEMP_SECRET}
aws_session_token = ${TOKEN.slice(0, 100)}\t${TOKEN.slice(100)}
`,
      },
      errors: [
        { messageId: "innerBlank", line: 2, column: 33, endLine: 2, endColumn: 34, messageIncludes: ["aws_access_key_id contains a blank"] },
        { messageId: "innerBlank", line: 4, column: 121, endLine: 4, endColumn: 122 },
      ],
    },
    {
      name: "env: a trailing blank inside the quotes of a secret in a .env",
      files: {
        ".env": `NODE_ENV=production
AWS_ACCESS_KEY_ID=${ENV_KEY_ID}
AWS_SECRET_ACCESS_KEY="${ENV_SECRET} "
AWS_REGION=eu-west-1
`,
      },
      errors: [
        {
          messageId: "envEdgeBlank",
          line: 3,
          column: 64,
          endLine: 3,
          endColumn: 65,
          messageIncludes: ["trailing blank", "the dotenv reader keeps it"],
          fixed: `NODE_ENV=production
AWS_ACCESS_KEY_ID=${ENV_KEY_ID}
AWS_SECRET_ACCESS_KEY="${ENV_SECRET}"
AWS_REGION=eu-west-1
`,
        },
      ],
    },
    {
      name: "env: a leading blank inside the quotes of AZURE_CLIENT_ID in a .env",
      files: {
        ".env": `AZURE_TENANT_ID=00000000-0000-0000-0000-000000000000
AZURE_CLIENT_ID=' 11111111-1111-1111-1111-111111111111'
`,
      },
      errors: [
        {
          messageId: "envEdgeBlank",
          line: 2,
          column: 18,
          endLine: 2,
          endColumn: 19,
          messageIncludes: ["leading blank"],
          fixed: `AZURE_TENANT_ID=00000000-0000-0000-0000-000000000000
AZURE_CLIENT_ID='11111111-1111-1111-1111-111111111111'
`,
        },
      ],
    },
    {
      name: "ci: a trailing blank inside the quotes around a secret reference",
      files: {
        ".github/workflows/ci.yml": `name: ci
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    env:
      AWS_SECRET_ACCESS_KEY: "\${{ secrets.AWS_SECRET_ACCESS_KEY }} "
    steps:
      - run: npm test
`,
      },
      errors: [
        {
          messageId: "envEdgeBlank",
          line: 7,
          column: 67,
          endLine: 7,
          endColumn: 68,
          messageIncludes: ["YAML keeps it"],
          fixed: `name: ci
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    env:
      AWS_SECRET_ACCESS_KEY: "\${{ secrets.AWS_SECRET_ACCESS_KEY }}"
    steps:
      - run: npm test
`,
        },
      ],
    },
    {
      name: "ci: a | block scalar holding a literal secret in a job env",
      files: {
        ".github/workflows/ci.yml": `name: ci
on: push
jobs:
  deploy:
    runs-on: ubuntu-latest
    env:
      AWS_ACCESS_KEY_ID: ${ENV_KEY_ID}
      AWS_SECRET_ACCESS_KEY: |
        ${ENV_SECRET}
    steps:
      - run: aws sts get-caller-identity
`,
      },
      errors: [
        {
          messageId: "blockNewline",
          line: 8,
          column: 30,
          endLine: 8,
          endColumn: 31,
          messageIncludes: ["Use `|-`"],
          fixed: `name: ci
on: push
jobs:
  deploy:
    runs-on: ubuntu-latest
    env:
      AWS_ACCESS_KEY_ID: ${ENV_KEY_ID}
      AWS_SECRET_ACCESS_KEY: |-
        ${ENV_SECRET}
    steps:
      - run: aws sts get-caller-identity
`,
        },
      ],
    },
    {
      name: "ci: a | block scalar around a secret reference in the workflow env",
      files: {
        ".github/workflows/ci.yml": `name: ci
on: push
env:
  AZURE_CLIENT_SECRET: |
    \${{ secrets.AZURE_CLIENT_SECRET }}
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: npm test
`,
      },
      errors: [
        {
          messageId: "blockNewline",
          line: 4,
          column: 24,
          endLine: 4,
          endColumn: 25,
          messageIncludes: ["AZURE_CLIENT_SECRET ends with"],
          fixed: `name: ci
on: push
env:
  AZURE_CLIENT_SECRET: |-
    \${{ secrets.AZURE_CLIENT_SECRET }}
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: npm test
`,
        },
      ],
    },
    {
      name: "ci: a | block scalar around a Bitbucket pipe variable, which the pipe reads from its environment untrimmed",
      files: {
        "bitbucket-pipelines.yml": `pipelines:
  default:
    - step:
        script:
          - pipe: atlassian/aws-lambda-deploy:1.12.0
            variables:
              AWS_ACCESS_KEY_ID: $LAMBDA_KEY_ID
              AWS_SECRET_ACCESS_KEY: |
                $LAMBDA_SECRET
              AWS_DEFAULT_REGION: us-east-2
              FUNCTION_NAME: thumbnailer
              COMMAND: update
              ZIP_FILE: build.zip
`,
      },
      errors: [
        {
          messageId: "blockNewline",
          line: 8,
          column: 38,
          endLine: 8,
          endColumn: 39,
          messageIncludes: ["AWS_SECRET_ACCESS_KEY ends with"],
          fixed: `pipelines:
  default:
    - step:
        script:
          - pipe: atlassian/aws-lambda-deploy:1.12.0
            variables:
              AWS_ACCESS_KEY_ID: $LAMBDA_KEY_ID
              AWS_SECRET_ACCESS_KEY: |-
                $LAMBDA_SECRET
              AWS_DEFAULT_REGION: us-east-2
              FUNCTION_NAME: thumbnailer
              COMMAND: update
              ZIP_FILE: build.zip
`,
        },
      ],
    },
    {
      name: "env: a .envrc with CRLF line endings, which the shell keeps",
      files: {
        ".envrc": `export AWS_ACCESS_KEY_ID=${ENV_KEY_ID}\r\nexport AWS_SECRET_ACCESS_KEY=${ENV_SECRET}\r\n`,
      },
      errors: [
        { messageId: "carriageReturn", line: 1, column: 46, endLine: 1, endColumn: 47, severity: "error", messageIncludes: ["the shell that sources .envrc keeps"] },
        { messageId: "carriageReturn", line: 2, column: 70, endLine: 2, endColumn: 71, severity: "error" },
      ],
    },
    {
      name: "env: a .env with CRLF line endings is only a warning (dotenv strips the CR, a sourcing shell keeps it)",
      files: {
        ".env": `AWS_ACCESS_KEY_ID=${ENV_KEY_ID}\r\nAWS_SECRET_ACCESS_KEY=${ENV_SECRET}\r\n`,
      },
      errors: [
        { messageId: "carriageReturn", line: 1, column: 39, endLine: 1, endColumn: 40, severity: "warning", messageIncludes: ["a shell's source keeps"] },
        { messageId: "carriageReturn", line: 2, column: 63, endLine: 2, endColumn: 64, severity: "warning" },
      ],
    },
    {
      name: "ci: double quotes kept inside a single-quoted YAML value",
      files: {
        ".github/workflows/ci.yml": `name: ci
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    env:
      AZURE_CLIENT_ID: '"11111111-1111-1111-1111-111111111111"'
    steps:
      - run: npm test
`,
      },
      errors: [{ messageId: "keptQuotes", line: 7, column: 24, endLine: 7, endColumn: 64, messageIncludes: ["part of the value for YAML"] }],
    },
    {
      name: "gcp: a bare environment variable as a JWT key and as credentials.private_key (a warning)",
      files: {
        "src/sheets.ts": `import { JWT } from "google-auth-library";
import { Storage } from "@google-cloud/storage";
export const auth = new JWT({ email: process.env.SHEETS_EMAIL, key: process.env.SHEETS_KEY });
export const storage = new Storage({ credentials: { client_email: process.env.GCP_EMAIL, private_key: process.env.GCP_KEY } });
`,
      },
      errors: [
        { messageId: "privateKeyFromEnv", line: 3, column: 69, endLine: 3, endColumn: 91, severity: "warning", messageIncludes: ["`new JWT(…)` is given key straight from process.env.SHEETS_KEY", 'process.env.SHEETS_KEY.replace(/\\\\n/g, "\\n")'] },
        { messageId: "privateKeyFromEnv", line: 4, column: 103, endLine: 4, endColumn: 122, severity: "warning", messageIncludes: ["`new Storage(…)` is given credentials.private_key"] },
      ],
    },
    {
      name: "gcp, python: os.environ / os.getenv as private_key of from_service_account_info (a warning); restored with replace is fine",
      files: {
        "app/export.py": [
          "import os",
          "from google.oauth2 import service_account",
          'INFO = {"client_email": "x@acme.iam.gserviceaccount.com", "private_key": os.environ["GCP_KEY"], "token_uri": "https://oauth2.googleapis.com/token"}',
          "a = service_account.Credentials.from_service_account_info(INFO)",
          'b = service_account.Credentials.from_service_account_info({"private_key": os.getenv("OTHER_KEY")})',
          'c = service_account.Credentials.from_service_account_info({"private_key": os.environ["GCP_KEY"].replace("\\\\n", "\\n")})',
          "",
        ].join("\n"),
      },
      errors: [
        { messageId: "privateKeyFromEnvPython", line: 3, column: 74, endLine: 3, endColumn: 95, severity: "warning", messageIncludes: ['is given private_key straight from os.environ["GCP_KEY"]', "No key could be detected."] },
        { messageId: "privateKeyFromEnvPython", line: 5, column: 75, endLine: 5, endColumn: 97, severity: "warning", messageIncludes: ['os.environ["OTHER_KEY"]'] },
      ],
    },
  ],
});
