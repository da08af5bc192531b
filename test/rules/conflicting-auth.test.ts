import rule from "../../rules/conflicting-auth.js";
import { fakeKeyId, fakeSecret } from "../support/fake-keys.js";
import { testRule } from "../support/rule-tester.js";

const keys = (seed: number): string => `aws_access_key_id = ${fakeKeyId(seed)}
aws_secret_access_key = ${fakeSecret(seed)}`;

testRule(rule, {
  valid: [
    {
      name: "static keys and role_arn without any source: assume-role-config reports the missing source",
      files: {
        ".aws/credentials": `[legacy]
${keys(210)}
role_arn = arn:aws:iam::123456789012:role/Legacy
`,
      },
    },
    {
      name: "a role profile whose source_profile names itself and that has static keys",
      files: {
        ".aws/config": `[profile admin]
role_arn = arn:aws:iam::123456789012:role/Admin
source_profile = admin
mfa_serial = arn:aws:iam::123456789012:mfa/alice
region = eu-west-1
`,
        ".aws/credentials": `[admin]
${keys(201)}
`,
      },
    },
    {
      name: "one method per profile: static keys, a role sourcing them, SSO, credential_process, web identity",
      files: {
        ".aws/config": `[default]
region = us-east-1
output = json

[profile prod]
role_arn = arn:aws:iam::123456789012:role/Prod
source_profile = default

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1

[profile dev]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = Developer

[profile tools]
credential_process = /usr/local/bin/aws-vault export --format=json tools

[profile eks]
role_arn = arn:aws:iam::123456789012:role/EksPod
web_identity_token_file = /var/run/secrets/eks.amazonaws.com/serviceaccount/token

[profile worker]
role_arn = arn:aws:iam::123456789012:role/Worker
credential_source = Ec2InstanceMetadata
`,
        ".aws/credentials": `[default]
${keys(202)}
`,
      },
    },
    {
      name: "a static-key profile split across config (region) and credentials (keys)",
      files: {
        ".aws/config": `[profile ci]
region = eu-central-1
output = text
`,
        ".aws/credentials": `[ci]
${keys(203)}
`,
      },
    },
  ],
  invalid: [
    {
      name: "static keys in the credentials file for a profile whose config section assumes a role",
      files: {
        ".aws/config": `[profile dev]
role_arn = arn:aws:iam::123456789012:role/Dev
source_profile = default
region = eu-west-1
`,
        ".aws/credentials": `[default]
${keys(204)}

[dev]
${keys(205)}
`,
      },
      errors: [{ messageId: "keysIgnoredByRole", path: ".aws/credentials", line: 6, column: 1, endLine: 6, endColumn: 18, messageIncludes: ["Profile dev"] }],
    },
    {
      name: "static keys next to role_arn with credential_source",
      files: {
        ".aws/config": `[profile ci]
region = us-east-1
${keys(206)}
role_arn = arn:aws:iam::123456789012:role/Ci
credential_source = Environment
`,
      },
      errors: [{ messageId: "keysIgnoredByRole", line: 3, column: 1, endLine: 3, endColumn: 18 }],
    },
    {
      name: "static keys and SSO for one profile, across the two files",
      files: {
        ".aws/config": `[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1

[profile dev]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = Developer
`,
        ".aws/credentials": `[dev]
${keys(207)}
`,
      },
      errors: [{ messageId: "twoMethods", path: ".aws/config", line: 6, column: 1, endLine: 6, endColumn: 12, messageIncludes: ["both static keys and SSO"] }],
    },
    {
      name: "static keys and credential_process",
      files: {
        ".aws/config": `[profile build]
region = us-west-2
credential_process = /opt/bin/fetch-creds --profile build
`,
        ".aws/credentials": `[build]
${keys(208)}
`,
      },
      errors: [{ messageId: "twoMethods", path: ".aws/config", line: 3, column: 1, endLine: 3, endColumn: 19, messageIncludes: ["both static keys and credential_process"] }],
    },
    {
      name: "static keys, legacy SSO keys and credential_process in one profile: one finding per extra method",
      files: {
        ".aws/config": `[profile mixed]
${keys(209)}
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
sso_account_id = 123456789012
sso_role_name = Admin
credential_process = /opt/bin/fetch-creds
`,
      },
      errors: [
        { messageId: "twoMethods", line: 4, column: 1, endLine: 4, endColumn: 14, messageIncludes: ["both static keys and SSO"] },
        { messageId: "twoMethods", line: 8, column: 1, endLine: 8, endColumn: 19, messageIncludes: ["both static keys and credential_process"] },
      ],
    },
    {
      name: "SSO and credential_process",
      files: {
        ".aws/config": `[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1

[profile ops]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = Ops
credential_process = /opt/bin/fetch-creds ops
`,
      },
      errors: [{ messageId: "twoMethods", line: 9, column: 1, endLine: 9, endColumn: 19, messageIncludes: ["both SSO and credential_process"] }],
    },
    {
      name: "source_profile and credential_source together",
      files: {
        ".aws/config": `[profile worker]
role_arn = arn:aws:iam::123456789012:role/Worker
source_profile = default
credential_source = Ec2InstanceMetadata
`,
        ".aws/credentials": `[default]
${keys(210)}
`,
      },
      errors: [{ messageId: "sourceAndCredentialSource", path: ".aws/config", line: 4, column: 1, endLine: 4, endColumn: 18 }],
    },
    {
      name: "two credential sources the Go SDK refuses together",
      files: {
        ".aws/config": `[profile eks]
role_arn = arn:aws:iam::123456789012:role/EksPod
source_profile = default
web_identity_token_file = /var/run/secrets/eks.amazonaws.com/serviceaccount/token

[profile batch]
role_arn = arn:aws:iam::123456789012:role/Batch
credential_source = EcsContainer
credential_process = /opt/bin/fetch-creds batch
`,
        ".aws/credentials": `[default]
${keys(211)}
`,
      },
      errors: [
        { messageId: "goSingleSource", path: ".aws/config", line: 4, column: 1, endLine: 4, endColumn: 24, messageIncludes: ["both source_profile and web_identity_token_file"] },
        { messageId: "goSingleSource", path: ".aws/config", line: 9, column: 1, endLine: 9, endColumn: 19, messageIncludes: ["both credential_source and credential_process"] },
      ],
    },
  ],
});
