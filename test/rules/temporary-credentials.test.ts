import rule from "../../rules/temporary-credentials.js";
import { fakeKeyId, fakeSecret, fakeSessionToken } from "../support/fake-keys.js";
import { testRule } from "../support/rule-tester.js";

// TEST_NOW is 2026-06-01T00:00:00Z.
const LONG_TERM = fakeKeyId(401);
const TEMPORARY = fakeKeyId(402, "ASIA");
const TOKEN = fakeSessionToken(402);

testRule(rule, {
  valid: [
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
  ],
  invalid: [
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
  ],
});
