import rule from "../../rules/assume-role-config.js";
import { fakeKeyId, fakeSecret } from "../support/fake-keys.js";
import { testRule } from "../support/rule-tester.js";

const CREDENTIALS = `[default]
aws_access_key_id = ${fakeKeyId(101)}
aws_secret_access_key = ${fakeSecret(101)}

[admin]
aws_access_key_id = ${fakeKeyId(102)}
aws_secret_access_key = ${fakeSecret(102)}
`;

testRule(rule, {
  valid: [
    {
      name: "role profiles with each kind of source, exact credential_source values and duration boundaries",
      files: {
        ".aws/config": `[default]
region = us-east-1

[profile deploy]
role_arn = arn:aws:iam::123456789012:role/Deploy
source_profile = default
role_session_name = ci-deploy@example.com
external_id = a1b2-c3d4:team/prod
duration_seconds = 43200

[profile worker]
role_arn = arn:aws:iam::123456789012:role/Worker
credential_source = Ec2InstanceMetadata
duration_seconds = 900

[profile task]
role_arn = arn:aws:iam::123456789012:role/Task
credential_source = EcsContainer

[profile from-env]
role_arn = arn:aws:iam::123456789012:role/FromEnv
credential_source = Environment

[profile eks]
role_arn = arn:aws:iam::123456789012:role/EksPod
web_identity_token_file = /var/run/secrets/eks.amazonaws.com/serviceaccount/token
role_session_name = eks-pod
`,
        ".aws/credentials": CREDENTIALS,
      },
    },
    {
      name: "a role profile whose source_profile names itself and that has static keys, with a 12-hour session",
      files: {
        ".aws/config": `[profile admin]
role_arn = arn:aws:iam::123456789012:role/Admin
source_profile = admin
duration_seconds = 43200
region = eu-west-1
`,
        ".aws/credentials": CREDENTIALS,
      },
    },
    {
      name: "role chaining with duration_seconds = 3600",
      files: {
        ".aws/config": `[profile hub]
role_arn = arn:aws:iam::111111111111:role/Hub
source_profile = default

[profile spoke]
role_arn = arn:aws:iam::222222222222:role/Spoke
source_profile = hub
duration_seconds = 3600
`,
        ".aws/credentials": CREDENTIALS,
      },
    },
    {
      name: "not chaining: the source profile has static keys, which win over its role_arn on a source_profile hop",
      files: {
        ".aws/config": `[profile admin]
role_arn = arn:aws:iam::123456789012:role/Admin
source_profile = admin

[profile audit]
role_arn = arn:aws:iam::123456789012:role/Audit
source_profile = admin
duration_seconds = 14400
`,
        ".aws/credentials": CREDENTIALS,
      },
    },
    {
      name: "SSO profiles: keys from the sso-session, a sign-in-only profile, and a legacy SSO profile",
      files: {
        ".aws/config": `[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[profile login]
sso_session = corp

[profile dev]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = Developer
region = eu-central-1

[profile legacy]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
sso_account_id = 123456789012
sso_role_name = ReadOnly
`,
      },
    },
    {
      name: "an SSO profile naming a missing sso-session is left to profile-reference",
      files: {
        ".aws/config": `[profile dev]
sso_session = corporate
sso_account_id = 123456789012
sso_role_name = Developer
`,
      },
    },
    {
      name: "profiles without roles: static keys, credential_process, region only",
      files: {
        ".aws/config": `[default]
region = us-west-2
output = json

[profile tools]
credential_process = /usr/local/bin/aws-vault export --format=json tools
`,
        ".aws/credentials": CREDENTIALS,
      },
    },
  ],
  invalid: [
    {
      name: "AWS_ROLE_SESSION_NAME that STS refuses, in an env file; a computed one is left alone",
      files: {
        ".env": "AWS_ROLE_ARN=arn:aws:iam::210987654321:role/Reports\nAWS_ROLE_SESSION_NAME=reports api (local)\n",
        "scripts/run.sh": "#!/bin/sh\nexport AWS_ROLE_SESSION_NAME=\"report-$(date +%s)\"\n",
      },
      errors: [{ path: ".env", messageId: "envSessionName", line: 2, column: 23, endLine: 2, endColumn: 42, messageIncludes: ["AssumeRoleWithWebIdentity"] }],
    },
    {
      name: "configure-aws-credentials: a session name STS refuses and a duration that is not seconds in range",
      files: {
        ".github/workflows/export.yml": `on: push\npermissions:\n  id-token: write\njobs:\n  export:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          role-to-assume: arn:aws:iam::210987654321:role/Export\n          aws-region: eu-west-1\n          role-session-name: export (eu)\n          role-duration-seconds: 2h\n      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          role-to-assume: arn:aws:iam::210987654321:role/Export\n          aws-region: eu-west-1\n          role-session-name: export-\${{ github.run_id }}\n          role-duration-seconds: 3600\n`,
      },
      errors: [
        { messageId: "actionSessionName", line: 12, column: 30, endLine: 12, endColumn: 41 },
        { messageId: "actionDuration", line: 13, column: 34, endLine: 13, endColumn: 36, messageIncludes: ["not a whole number"] },
      ],
    },
    {
      name: "terraform: an assume_role session name STS refuses and a duration beyond 12 hours",
      files: {
        "infra/main.tf": `provider "aws" {\n  region = "eu-west-1"\n  assume_role {\n    role_arn     = "arn:aws:iam::123456789012:role/TerraformDeploy"\n    session_name = "terraform exports (nightly)"\n    duration     = "24h"\n  }\n}\n\nprovider "aws" {\n  alias = "ok"\n  assume_role {\n    role_arn     = "arn:aws:iam::123456789012:role/TerraformDeploy"\n    session_name = "terraform-ci"\n    duration     = "1h30m"\n  }\n}\n`,
      },
      errors: [
        { messageId: "tfSessionName", line: 5, column: 21, endLine: 5, endColumn: 48 },
        { messageId: "tfDuration", line: 6, column: 21, endLine: 6, endColumn: 24, messageIncludes: ["86400 seconds"] },
      ],
    },
    {
      name: "role_arn without any source",
      files: {
        ".aws/config": `[default]
region = us-east-1

[profile prod]
role_arn = arn:aws:iam::123456789012:role/Prod
mfa_serial = arn:aws:iam::123456789012:mfa/alice
region = us-east-1
`,
      },
      errors: [{ messageId: "roleWithoutSource", line: 5, column: 1, endLine: 5, endColumn: 9, messageIncludes: ["Profile prod"] }],
    },
    {
      name: "source_profile and web_identity_token_file without role_arn",
      files: {
        ".aws/config": `[profile staging]
source_profile = default
region = eu-west-1

[profile pod]
web_identity_token_file = /var/run/secrets/token
`,
        ".aws/credentials": CREDENTIALS,
      },
      errors: [
        { messageId: "sourceWithoutRole", path: ".aws/config", line: 2, column: 1, endLine: 2, endColumn: 15, messageIncludes: ["Profile staging sets source_profile"] },
        { messageId: "sourceWithoutRole", path: ".aws/config", line: 6, column: 1, endLine: 6, endColumn: 24, messageIncludes: ["Profile pod sets web_identity_token_file"] },
      ],
    },
    {
      name: "credential_source with the wrong case, and an unknown value",
      files: {
        ".aws/config": `[profile worker]
role_arn = arn:aws:iam::123456789012:role/Worker
credential_source = Ec2InstanceMetaData

[profile task]
role_arn = arn:aws:iam::123456789012:role/Task
credential_source = ECSContainer

[profile lambda]
role_arn = arn:aws:iam::123456789012:role/Fn
credential_source = LambdaRuntime
`,
      },
      errors: [
        { messageId: "badCredentialSource", line: 3, column: 21, endLine: 3, endColumn: 40, messageIncludes: ["Ec2InstanceMetaData", "Did you mean Ec2InstanceMetadata?"] },
        { messageId: "badCredentialSource", line: 7, column: 21, endLine: 7, endColumn: 33, messageIncludes: ["Did you mean EcsContainer?"] },
        { messageId: "badCredentialSource", line: 11, column: 21, endLine: 11, endColumn: 34, messageIncludes: ["LambdaRuntime"] },
      ],
    },
    {
      name: "duration_seconds that is not a number",
      files: {
        ".aws/config": `[profile deploy]
role_arn = arn:aws:iam::123456789012:role/Deploy
source_profile = default
duration_seconds = 1h
`,
        ".aws/credentials": CREDENTIALS,
      },
      errors: [{ messageId: "durationNotNumber", path: ".aws/config", line: 4, column: 20, endLine: 4, endColumn: 22 }],
    },
    {
      name: "duration_seconds just outside 900–43200",
      files: {
        ".aws/config": `[profile short]
role_arn = arn:aws:iam::123456789012:role/Short
source_profile = default
duration_seconds = 899

[profile long]
role_arn = arn:aws:iam::123456789012:role/Long
source_profile = default
duration_seconds = 43201
`,
        ".aws/credentials": CREDENTIALS,
      },
      errors: [
        { messageId: "durationRange", path: ".aws/config", line: 4, column: 20, endLine: 4, endColumn: 23, messageIncludes: ["899", "900–43200"] },
        { messageId: "durationRange", path: ".aws/config", line: 9, column: 20, endLine: 9, endColumn: 25, messageIncludes: ["43201"] },
      ],
    },
    {
      name: "role chaining over one hour",
      files: {
        ".aws/config": `[profile hub]
role_arn = arn:aws:iam::111111111111:role/Hub
source_profile = default

[profile spoke]
role_arn = arn:aws:iam::222222222222:role/Spoke
source_profile = hub
duration_seconds = 3601
`,
        ".aws/credentials": CREDENTIALS,
      },
      errors: [{ messageId: "durationChaining", path: ".aws/config", line: 8, column: 20, endLine: 8, endColumn: 24, messageIncludes: ["profile hub", "3600"] }],
    },
    {
      name: "role chaining from instance-profile and ECS task credentials, and from an SSO source profile",
      files: {
        ".aws/config": `# Roles assumed on EC2, in ECS and from an SSO sign-in: all three start from role credentials.
[profile from-ec2]
role_arn = arn:aws:iam::222222222222:role/Deploy
credential_source = Ec2InstanceMetadata
duration_seconds = 7200

[profile from-ecs]
role_arn = arn:aws:iam::222222222222:role/Deploy
credential_source = EcsContainer
duration_seconds = 3600

[profile sso-base]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = ReadOnly

[profile from-sso]
role_arn = arn:aws:iam::222222222222:role/Audit
source_profile = sso-base
duration_seconds = 14400

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
`,
      },
      errors: [
        { messageId: "durationChaining", line: 5, column: 20, endLine: 5, endColumn: 24, messageIncludes: ["Ec2InstanceMetadata"] },
        { messageId: "durationChaining", line: 20, column: 20, endLine: 20, endColumn: 25, messageIncludes: ["sso-base signs in with SSO"] },
      ],
    },
    {
      name: "role_session_name with blanks, and a one-character external_id",
      files: {
        ".aws/config": `[profile deploy]
role_arn = arn:aws:iam::123456789012:role/Deploy
source_profile = default
role_session_name = deploy from laptop
external_id = x
`,
        ".aws/credentials": CREDENTIALS,
      },
      errors: [
        { messageId: "badSessionName", path: ".aws/config", line: 4, column: 21, endLine: 4, endColumn: 39 },
        { messageId: "badExternalId", path: ".aws/config", line: 5, column: 15, endLine: 5, endColumn: 16 },
      ],
    },
    {
      name: "SSO profiles missing required keys, reported on the header",
      files: {
        ".aws/config": `[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1

[profile dev]
sso_session = corp
sso_account_id = 123456789012

[profile legacy]
sso_start_url = https://corp.awsapps.com/start
sso_account_id = 123456789012
sso_role_name = ReadOnly
`,
      },
      errors: [
        { messageId: "ssoMissing", line: 5, column: 1, endLine: 5, endColumn: 14, messageIncludes: ["Profile dev", "sso_role_name"] },
        { messageId: "ssoMissing", line: 9, column: 1, endLine: 9, endColumn: 17, messageIncludes: ["Profile legacy", "sso_region"] },
      ],
    },
    {
      name: "sso-session without sso_region: reported once, on the session, not on the profiles using it",
      files: {
        ".aws/config": `[profile login]
sso_session = corp

[profile dev]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = Developer

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_registration_scopes = sso:account:access
`,
      },
      errors: [{ messageId: "ssoSessionMissing", line: 9, column: 1, endLine: 9, endColumn: 19, messageIncludes: ["[sso-session corp] is missing sso_region"] }],
    },
    {
      name: "sso-session without sso_start_url or sso_region, one profile supplying its own",
      files: {
        ".aws/config": `[sso-session corp]
sso_registration_scopes = sso:account:access

[profile dev]
sso_session = corp
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
sso_account_id = 123456789012
sso_role_name = Developer
`,
      },
      errors: [{ messageId: "ssoSessionMissing", line: 1, column: 1, endLine: 1, endColumn: 19, messageIncludes: ["missing sso_start_url and sso_region"] }],
    },
  ],
});
