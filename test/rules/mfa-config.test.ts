import rule from "../../rules/mfa-config.js";
import { fakeKeyId, fakeSecret } from "../support/fake-keys.js";
import { testRule } from "../support/rule-tester.js";

const CREDENTIALS = `[default]
aws_access_key_id = ${fakeKeyId(301)}
aws_secret_access_key = ${fakeSecret(301)}
`;

testRule(rule, {
  valid: [
    {
      name: "python: a device ARN or hardware serial in SerialNumber; a SerialNumber keyword of a call that is not an STS request",
      files: {
        "ops/admin.py": [
          "import boto3",
          "",
          "SERIAL = \"GAHT12345678\"",
          'session = boto3.Session(profile_name="ops")',
          'sts = session.client("sts")',
          's3 = boto3.client("s3")',
          'sts.get_session_token(SerialNumber="arn:aws:iam::123456789012:mfa/ops-yubikey", TokenCode="000000")',
          "sts.get_session_token(SerialNumber=SERIAL, TokenCode=\"000000\")",
          's3.assume_role(SerialNumber="123456")',
          'register_device(SerialNumber="123456")',
          "",
        ].join("\n"),
      },
    },
    {
      name: "SerialNumber in code: an MFA device ARN, a hardware token serial, a value from the environment",
      files: {
        "src/sessions.ts": `import { fromTemporaryCredentials } from "@aws-sdk/credential-providers";
export const a = fromTemporaryCredentials({ params: { RoleArn: "arn:aws:iam::704519283746:role/ops", SerialNumber: "arn:aws:iam::704519283746:mfa/ops-admin" } });
export const b = fromTemporaryCredentials({ params: { RoleArn: "arn:aws:iam::704519283746:role/ops", SerialNumber: "GAHT12345678" } });
export const c = fromTemporaryCredentials({ params: { RoleArn: "arn:aws:iam::704519283746:role/ops", SerialNumber: process.env.MFA_SERIAL } });
`,
      },
    },
    {
      name: "mfa_serial on a static-key profile without role_arn: credential helpers use it for GetSessionToken",
      files: {
        ".aws/config": `[default]
region = us-east-1
mfa_serial = arn:aws:iam::123456789012:mfa/alice
`,
        ".aws/credentials": CREDENTIALS,
      },
    },
    {
      name: "role profiles with an MFA device ARN, a device ARN with a path, a GovCloud device and a hardware serial",
      files: {
        ".aws/config": `[default]
region = us-east-1

[profile admin]
role_arn = arn:aws:iam::123456789012:role/Admin
source_profile = default
mfa_serial = arn:aws:iam::123456789012:mfa/alice

[profile breakglass]
role_arn = arn:aws:iam::123456789012:role/BreakGlass
source_profile = default
mfa_serial = arn:aws:iam::123456789012:mfa/security/alice-yubikey

[profile gov]
role_arn = arn:aws-us-gov:iam::123456789012:role/Admin
source_profile = default
mfa_serial = arn:aws-us-gov:iam::123456789012:mfa/alice
region = us-gov-west-1

[profile token]
role_arn = arn:aws:iam::123456789012:role/Ops
source_profile = default
mfa_serial = GAHT12345678
`,
        ".aws/credentials": CREDENTIALS,
      },
    },
    {
      name: "mfa_serial in the config file, role_arn in the credentials file of the same profile",
      files: {
        ".aws/config": `[profile admin]
mfa_serial = arn:aws:iam::123456789012:mfa/alice
region = eu-west-1
`,
        ".aws/credentials": `${CREDENTIALS}
[admin]
role_arn = arn:aws:iam::123456789012:role/Admin
source_profile = default
`,
      },
    },
    {
      name: "an empty mfa_serial is not an MFA setting",
      files: {
        ".aws/config": `[profile deploy]
role_arn = arn:aws:iam::123456789012:role/Deploy
source_profile = default
mfa_serial =
`,
        ".aws/credentials": CREDENTIALS,
      },
    },
    {
      name: "env: an MFA profile selected from a .env, where a person types the code",
      files: {
        ".aws/config": `[default]
region = eu-west-1

[profile admin]
role_arn = arn:aws:iam::123456789012:role/Admin
source_profile = default
mfa_serial = arn:aws:iam::123456789012:mfa/alice
`,
        ".env": `AWS_PROFILE=admin
AWS_REGION=eu-west-1
`,
      },
    },
  ],
  invalid: [
    {
      name: "js: SerialNumber of a GetSessionTokenCommand sent through an STS client",
      files: {
        "src/mfa.ts": `import { STSClient, GetSessionTokenCommand } from "@aws-sdk/client-sts";\nconst sts = new STSClient({});\nexport const go = (code: string) => sts.send(new GetSessionTokenCommand({ SerialNumber: "123456", TokenCode: code }));\n`,
      },
      errors: [{ messageId: "codeSerial", line: 3, column: 90, endLine: 3, endColumn: 96, messageIncludes: ["`sts.send(new GetSessionTokenCommand(…))` passes SerialNumber \"123456\""] }],
    },
    {
      name: "python: SerialNumber of boto3 STS requests, on a client variable and chained",
      files: {
        "ops/admin.py": [
          "import boto3",
          "",
          'sts = boto3.client("sts", region_name="eu-west-1")',
          "",
          "def admin(code):",
          '    return sts.assume_role(RoleArn="arn:aws:iam::123456789012:role/admin", RoleSessionName="a", SerialNumber="123456", TokenCode=code)',
          "",
          "def audit(code):",
          '    return boto3.client("sts").get_session_token(SerialNumber="arn:aws:iam::123456789012:user/ops", TokenCode=code)',
          "",
        ].join("\n"),
      },
      errors: [
        { messageId: "codeSerial", line: 6, column: 111, endLine: 6, endColumn: 117, messageIncludes: ["`sts.assume_role(…)` passes SerialNumber \"123456\"", "6-digit code"] },
        { messageId: "codeSerial", line: 9, column: 64, endLine: 9, endColumn: 98, messageIncludes: ["`boto3.client(…).get_session_token(…)`", "an ARN but not of an MFA device"] },
      ],
    },
    {
      name: "SerialNumber in AssumeRole parameters in code: a 6-digit code, a user ARN",
      files: {
        "src/sessions.ts": `import { fromTemporaryCredentials } from "@aws-sdk/credential-providers";
export const a = fromTemporaryCredentials({ params: { RoleArn: "arn:aws:iam::704519283746:role/ops", SerialNumber: "482913" } });
export const b = fromTemporaryCredentials({ params: { RoleArn: "arn:aws:iam::704519283746:role/ops", SerialNumber: "arn:aws:iam::704519283746:user/ops-admin" } });
`,
      },
      errors: [
        { messageId: "codeSerial", line: 2, column: 117, endLine: 2, endColumn: 123, messageIncludes: ["a 6-digit code", "TokenCode"] },
        { messageId: "codeSerial", line: 3, column: 117, endLine: 3, endColumn: 157, messageIncludes: ["an ARN but not of an MFA device"] },
      ],
    },
    {
      name: "a container (Dockerfile, compose, Kubernetes) that selects an MFA profile: nobody can type the code",
      files: {
        ".aws/config": "[profile ledger-admin]\nrole_arn = arn:aws:iam::210987654321:role/LedgerAdmin\nsource_profile = default\nmfa_serial = arn:aws:iam::210987654321:mfa/ops-laptop\n\n[default]\nregion = eu-west-1\n",
        Dockerfile: "FROM python:3.12-slim\nENV AWS_PROFILE=ledger-admin\nCMD [\"python\", \"-m\", \"ledger\"]\n",
      },
      errors: [{ path: "Dockerfile", messageId: "usedFromContainer", line: 2, column: 17, endLine: 2, endColumn: 29 }],
    },
    {
      name: "mfa_serial on an SSO profile: Identity Center enforces MFA at sign-in",
      files: {
        ".aws/config": `[profile sso-dev]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = Developer
mfa_serial = arn:aws:iam::123456789012:mfa/alice

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
`,
      },
      errors: [{ messageId: "onSsoProfile", line: 5, column: 1, endLine: 5, endColumn: 11, messageIncludes: ["Profile sso-dev signs in with SSO"] }],
    },
    {
      name: "a 6-digit code in mfa_serial",
      files: {
        ".aws/config": `[profile admin]
role_arn = arn:aws:iam::123456789012:role/Admin
source_profile = default
mfa_serial = 123456
`,
        ".aws/credentials": CREDENTIALS,
      },
      errors: [{ messageId: "tokenCode", path: ".aws/config", line: 4, column: 14, endLine: 4, endColumn: 20, messageIncludes: ["Profile admin"] }],
    },
    {
      name: "a user ARN and an assumed-role ARN in mfa_serial",
      files: {
        ".aws/config": `[profile admin]
role_arn = arn:aws:iam::123456789012:role/Admin
source_profile = default
mfa_serial = arn:aws:iam::123456789012:user/alice

[profile ops]
role_arn = arn:aws:iam::123456789012:role/Ops
source_profile = default
mfa_serial = arn:aws:sts::123456789012:assumed-role/Admin/alice
`,
        ".aws/credentials": CREDENTIALS,
      },
      errors: [
        { messageId: "notMfaArn", path: ".aws/config", line: 4, column: 14, endLine: 4, endColumn: 50, messageIncludes: ["arn:aws:iam::123456789012:user/alice"] },
        { messageId: "notMfaArn", path: ".aws/config", line: 9, column: 14, endLine: 9, endColumn: 64 },
      ],
    },
    {
      name: "a user name in mfa_serial",
      files: {
        ".aws/config": `[profile admin]
role_arn = arn:aws:iam::123456789012:role/Admin
source_profile = default
mfa_serial = alice
`,
        ".aws/credentials": CREDENTIALS,
      },
      errors: [{ messageId: "notSerial", path: ".aws/config", line: 4, column: 14, endLine: 4, endColumn: 19, messageIncludes: ["alice"] }],
    },
    {
      name: "mfa_serial on a profile with neither role_arn nor keys of its own",
      files: {
        ".aws/config": `[default]
region = us-east-1

[profile audit]
region = eu-west-1
mfa_serial = arn:aws:iam::123456789012:mfa/alice
output = json
`,
      },
      errors: [{ messageId: "withoutRole", line: 6, column: 1, endLine: 6, endColumn: 11, messageIncludes: ["Profile audit"] }],
    },
    {
      name: "a 6-digit code on a static-key profile (the aws-vault pattern): only the code is wrong",
      files: {
        ".aws/config": `[profile dev]
region = eu-west-1
mfa_serial = 654321
`,
        ".aws/credentials": `[dev]
aws_access_key_id = ${fakeKeyId(302)}
aws_secret_access_key = ${fakeSecret(302)}
`,
      },
      errors: [{ messageId: "tokenCode", path: ".aws/config", line: 3, column: 14, endLine: 3, endColumn: 20 }],
    },
    {
      name: "ci: a workflow job selects an MFA role profile with AWS_PROFILE",
      files: {
        ".aws/config": `[default]
region = eu-west-1

[profile admin]
role_arn = arn:aws:iam::123456789012:role/Admin
source_profile = default
mfa_serial = arn:aws:iam::123456789012:mfa/alice
`,
        ".github/workflows/ops.yml": `name: ops
on: workflow_dispatch
jobs:
  rotate:
    runs-on: ubuntu-latest
    env:
      AWS_PROFILE: admin
    steps:
      - run: aws iam list-users
`,
      },
      errors: [
        {
          messageId: "usedFromCi",
          path: ".github/workflows/ops.yml",
          line: 7,
          column: 20,
          endLine: 7,
          endColumn: 25,
          messageIncludes: ["Profile admin (AWS_PROFILE in job rotate in .github/workflows/ops.yml)"],
        },
      ],
    },
  ],
});
