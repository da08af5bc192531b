import rule from "../../rules/aws-config-syntax.js";
import { fakeKeyId, fakeSecret } from "../support/fake-keys.js";
import { testRule } from "../support/rule-tester.js";

const KEY_ID = fakeKeyId(101);
const SECRET = fakeSecret(101);
const CI_KEY_ID = fakeKeyId(102);
const CI_SECRET = fakeSecret(102);

testRule(rule, {
  valid: [
    {
      name: "the AWS CLI's own [plugins] and [preview] sections in the config file",
      files: {
        ".aws/config": `[default]
region = eu-west-1

[plugins]
cli_legacy_plugin_path = /opt/aws-plugins/lib/python3.11/site-packages
endpoint = awscli_plugin_endpoint

[preview]
cloudfront = true
`,
      },
    },
    {
      name: "a config file with [default], [profile NAME] and comments on their own lines",
      files: {
        ".aws/config": `# Shared AWS config for the payments team
[default]
region = us-east-1
output = json
cli_pager =

; the dev account, assumed from default
[profile dev]
role_arn = arn:aws:iam::123456789012:role/Developer
source_profile = default
region = eu-west-1
`,
      },
    },
    {
      name: "[default] in both the config and the credentials file",
      files: {
        ".aws/config": `[default]
region = us-east-1
output = json
`,
        ".aws/credentials": `[default]
aws_access_key_id = ${KEY_ID}
aws_secret_access_key = ${SECRET}
`,
      },
    },
    {
      name: "[profile default] alone in the config file",
      files: {
        ".aws/config": `# the default profile, written the long way
[profile default]
region = ap-southeast-2

[profile analytics]
region = ap-southeast-2
output = table
`,
      },
    },
    {
      name: "a region with its comment on the line above",
      files: {
        ".aws/config": `[default]
# N. Virginia, where the main stack runs
region = us-east-1
; JSON for scripts
output = json
`,
      },
    },
    {
      name: "inline comments and quotes on credential values are credential-whitespace's business",
      files: {
        ".aws/credentials": `[default]
aws_access_key_id = ${KEY_ID} # ci-deployer, rotated 2026-05
aws_secret_access_key = "${SECRET}"

[ci]
aws_access_key_id = '${CI_KEY_ID}'
aws_secret_access_key = ${CI_SECRET} ; do not share
`,
      },
    },
    {
      name: "sso-session and services sections with nested s3 settings in the config file",
      files: {
        ".aws/config": `[profile sso-admin]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = AdministratorAccess
region = us-east-1
s3 =
  addressing_style = path
  max_concurrent_requests = 20

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[services localstack]
s3 =
  endpoint_url = http://localhost:4566
`,
      },
    },
    {
      name: "bare profile names with the characters every SDK accepts in the credentials file",
      files: {
        ".aws/credentials": `[default]
aws_access_key_id = ${KEY_ID}
aws_secret_access_key = ${SECRET}

[deploy@acme.example]
aws_access_key_id = ${CI_KEY_ID}
aws_secret_access_key = ${CI_SECRET}
`,
      },
    },
    {
      name: "a tab between profile and the name is read by all three SDKs",
      files: {
        "team/.aws/config": `[default]
region = eu-central-1

[profile\tstaging]
region = eu-central-1
`,
      },
    },
    {
      name: "[profile] in the credentials file is a profile named profile",
      files: {
        ".aws/credentials": `[profile]
aws_access_key_id = ${KEY_ID}
aws_secret_access_key = ${SECRET}
`,
      },
    },
    {
      name: "a config file with CRLF line endings",
      files: {
        ".aws/config": "[default]\r\nregion = us-east-1\r\n\r\n[profile dev]\r\nregion = eu-west-1\r\n",
      },
    },
  ],
  invalid: [
    {
      name: "a profile name with a blank in the config file, and a bare two-word section",
      files: {
        ".aws/config": `[default]
region = eu-west-1

[profile team dev]
region = eu-central-1

[data science]
region = us-east-2
`,
      },
      errors: [
        { messageId: "spacedConfigName", line: 4, column: 1, endLine: 4, endColumn: 19, messageIncludes: ["cannot be read by botocore (AWS CLI, boto3) and the AWS SDK for JavaScript v3", "team-dev"] },
        { messageId: "configMissingPrefix", line: 7, column: 1, endLine: 7, endColumn: 15, messageIncludes: ["Write [profile data-science]"] },
      ],
    },
    {
      name: "[profile NAME] in the credentials file",
      files: {
        ".aws/credentials": `[default]
aws_access_key_id = ${KEY_ID}
aws_secret_access_key = ${SECRET}

[profile ci]
aws_access_key_id = ${CI_KEY_ID}
aws_secret_access_key = ${CI_SECRET}
`,
      },
      errors: [
        {
          messageId: "credentialsProfilePrefix",
          line: 5,
          column: 1,
          endLine: 5,
          endColumn: 13,
          messageIncludes: ['"profile ci"', "Write [ci]."],
          fixed: `[default]
aws_access_key_id = ${KEY_ID}
aws_secret_access_key = ${SECRET}

[ci]
aws_access_key_id = ${CI_KEY_ID}
aws_secret_access_key = ${CI_SECRET}
`,
        },
      ],
    },
    {
      name: "a bare named section in a config file under team/",
      files: {
        "team/.aws/config": `[default]
region = us-east-1

# QA account
[qa]
region = us-west-2
`,
      },
      errors: [
        {
          messageId: "configMissingPrefix",
          line: 5,
          column: 1,
          endLine: 5,
          endColumn: 5,
          messageIncludes: ["Write [profile qa]."],
          fixed: `[default]
region = us-east-1

# QA account
[profile qa]
region = us-west-2
`,
        },
      ],
    },
    {
      name: "a capitalised profile prefix",
      files: {
        ".aws/config": `[default]
region = us-east-1

[Profile dev]
region = eu-west-1
`,
      },
      errors: [
        {
          messageId: "prefixCase",
          line: 4,
          column: 1,
          endLine: 4,
          endColumn: 14,
          messageIncludes: ['"Profile"', "Write [profile dev]."],
          fixed: `[default]
region = us-east-1

[profile dev]
region = eu-west-1
`,
        },
      ],
    },
    {
      name: "[Default] in the credentials file",
      files: {
        ".aws/credentials": `[Default]
aws_access_key_id = ${KEY_ID}
aws_secret_access_key = ${SECRET}
`,
      },
      errors: [
        {
          messageId: "defaultCase",
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 10,
          messageIncludes: ["[Default] is not the default profile", "Write [default]."],
          fixed: `[default]
aws_access_key_id = ${KEY_ID}
aws_secret_access_key = ${SECRET}
`,
        },
      ],
    },
    {
      name: "[DEFAULT] in the config file",
      files: {
        ".aws/config": `[DEFAULT]
region = us-east-1

[profile dev]
region = eu-west-1
`,
      },
      errors: [
        {
          messageId: "upperDefault",
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 10,
          fixed: `[default]
region = us-east-1

[profile dev]
region = eu-west-1
`,
        },
      ],
    },
    {
      name: "blanks inside the brackets and two spaces after profile",
      files: {
        ".aws/config": `[ profile dev ]
region = eu-west-1

[profile  qa]
region = us-west-2

[profile prod ]
region = us-east-1
`,
      },
      errors: [
        {
          messageId: "headerSpacing",
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 16,
          messageIncludes: ["botocore (AWS CLI, boto3) and the AWS SDK for JavaScript v3", "Write [profile dev]."],
          fixed: `[profile dev]
region = eu-west-1

[profile  qa]
region = us-west-2

[profile prod ]
region = us-east-1
`,
        },
        {
          messageId: "headerSpacing",
          line: 4,
          column: 1,
          endLine: 4,
          endColumn: 14,
          messageIncludes: ["make the AWS SDK for JavaScript v3 ignore", "Write [profile qa]."],
          fixed: `[ profile dev ]
region = eu-west-1

[profile qa]
region = us-west-2

[profile prod ]
region = us-east-1
`,
        },
        {
          messageId: "headerSpacing",
          line: 7,
          column: 1,
          endLine: 7,
          endColumn: 16,
          messageIncludes: ["make the AWS SDK for JavaScript v3 ignore", "Write [profile prod]."],
          fixed: `[ profile dev ]
region = eu-west-1

[profile  qa]
region = us-west-2

[profile prod]
region = us-east-1
`,
        },
      ],
    },
    {
      name: "blanks inside the brackets in the credentials file",
      files: {
        ".aws/credentials": `[ ci ]
aws_access_key_id = ${CI_KEY_ID}
aws_secret_access_key = ${CI_SECRET}
`,
      },
      errors: [
        {
          messageId: "headerSpacing",
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 7,
          messageIncludes: ["Write [ci]."],
          fixed: `[ci]
aws_access_key_id = ${CI_KEY_ID}
aws_secret_access_key = ${CI_SECRET}
`,
        },
      ],
    },
    {
      name: "a section name with a blank in the credentials file",
      files: {
        ".aws/credentials": `[default]
aws_access_key_id = ${KEY_ID}
aws_secret_access_key = ${SECRET}

[build server]
aws_access_key_id = ${CI_KEY_ID}
aws_secret_access_key = ${CI_SECRET}
`,
      },
      errors: [{ messageId: "spacedCredentialsName", line: 5, column: 1, endLine: 5, endColumn: 15 }],
    },
    {
      name: "a profile name with a character the JavaScript SDK does not accept",
      files: {
        ".aws/config": `[default]
region = us-east-1

[profile billing&ops]
role_arn = arn:aws:iam::123456789012:role/Billing
source_profile = default
`,
      },
      errors: [
        {
          messageId: "jsProfileName",
          line: 4,
          column: 1,
          endLine: 4,
          endColumn: 22,
          messageIncludes: ['"billing&ops"'],
        },
      ],
    },
    {
      name: "a quoted profile name",
      files: {
        ".aws/config": `[default]
region = us-east-1

[profile "dev"]
region = eu-west-1
`,
      },
      errors: [{ messageId: "quotedName", line: 4, column: 1, endLine: 4, endColumn: 16 }],
    },
    {
      name: "an sso-session section in the credentials file",
      files: {
        ".aws/credentials": `[default]
aws_access_key_id = ${KEY_ID}
aws_secret_access_key = ${SECRET}

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
`,
      },
      errors: [
        {
          messageId: "configOnlySection",
          line: 5,
          column: 1,
          endLine: 5,
          endColumn: 19,
          messageIncludes: ["[sso-session corp] belongs in the config file"],
        },
      ],
    },
    {
      name: "a [profile] header without a name in the config file",
      files: {
        ".aws/config": `[default]
region = us-east-1

[profile]
region = eu-west-1
`,
      },
      errors: [
        {
          messageId: "unknownSection",
          line: 4,
          column: 1,
          endLine: 4,
          endColumn: 10,
          messageIncludes: ["[profile]"],
        },
      ],
    },
    {
      name: "the same profile defined twice in one file",
      files: {
        ".aws/config": `[default]
region = us-east-1

[profile dev]
region = eu-west-1

# added later by aws configure --profile dev
[profile dev]
output = json
`,
      },
      errors: [
        {
          messageId: "duplicateSection",
          line: 8,
          column: 1,
          endLine: 8,
          endColumn: 14,
          messageIncludes: ["[profile dev] is defined twice"],
        },
      ],
    },
    {
      name: "[default] and [profile default] in one config file",
      files: {
        ".aws/config": `[default]
region = us-east-1

[profile dev]
region = eu-west-1

[profile default]
region = us-west-2
`,
      },
      errors: [{ messageId: "defaultTwice", line: 7, column: 1, endLine: 7, endColumn: 18 }],
    },
    {
      name: "a misspelt header is reported on the header, a header written twice as a duplicate",
      files: {
        ".aws/config": `[profile dev]
region = eu-west-1

[Profile dev]
output = json

[profile dev]
cli_pager =

[Default]
region = us-east-1
`,
      },
      errors: [
        { messageId: "prefixCase", line: 4, column: 1, endLine: 4, endColumn: 14 },
        { messageId: "duplicateSection", line: 7, column: 1, endLine: 7, endColumn: 14 },
        { messageId: "defaultCase", line: 10, column: 1, endLine: 10, endColumn: 10 },
      ],
    },
    {
      name: "a key set twice in one profile",
      files: {
        ".aws/config": `[default]
region = us-east-1
output = json
# switched to Ireland
region = eu-west-1
`,
      },
      errors: [
        {
          messageId: "duplicateKey",
          line: 5,
          column: 1,
          endLine: 5,
          endColumn: 7,
          messageIncludes: ["The key region is set twice in [default]"],
        },
      ],
    },
    {
      name: "a key line before the first section header",
      files: {
        ".aws/config": `# defaults for everyone
region = us-east-1

[default]
output = json
`,
      },
      errors: [{ messageId: "orphanKey", line: 2, column: 1, endLine: 2, endColumn: 7 }],
    },
    {
      name: "a colon as the delimiter",
      files: {
        ".aws/config": `[default]
region = us-east-1
output: json
`,
      },
      errors: [
        {
          messageId: "colonDelimiter",
          line: 3,
          column: 7,
          endLine: 3,
          endColumn: 8,
          fixed: `[default]
region = us-east-1
output = json
`,
        },
      ],
    },
    {
      name: "inline comments after setting values",
      files: {
        ".aws/config": `[default]
region = us-east-1 # N. Virginia
output = json

[profile dev]
  role_arn = arn:aws:iam::123456789012:role/Developer ; dev account
  source_profile = default
`,
      },
      errors: [
        {
          messageId: "inlineComment",
          line: 2,
          column: 20,
          endLine: 2,
          endColumn: 33,
          fixed: `[default]
# N. Virginia
region = us-east-1
output = json

[profile dev]
  role_arn = arn:aws:iam::123456789012:role/Developer ; dev account
  source_profile = default
`,
        },
        {
          messageId: "inlineComment",
          line: 6,
          column: 55,
          endLine: 6,
          endColumn: 68,
          fixed: `[default]
region = us-east-1 # N. Virginia
output = json

[profile dev]
  ; dev account
  role_arn = arn:aws:iam::123456789012:role/Developer
  source_profile = default
`,
        },
      ],
    },
    {
      name: "an inline comment in a file with CRLF line endings",
      files: {
        ".aws/config": "[default]\r\nregion = us-east-1 # N. Virginia\r\noutput = json\r\n",
      },
      errors: [
        {
          messageId: "inlineComment",
          line: 2,
          column: 20,
          endLine: 2,
          endColumn: 33,
          fixed: "[default]\r\n# N. Virginia\r\nregion = us-east-1\r\noutput = json\r\n",
        },
      ],
    },
    {
      name: "a # inside a value with no blank before it",
      files: {
        ".aws/config": `[profile sso-dev]
sso_start_url = https://my-sso-portal.awsapps.com/start/#/
sso_region = us-east-1
sso_account_id = 123456789012
sso_role_name = Developer
`,
      },
      errors: [
        {
          messageId: "markerInValue",
          line: 2,
          column: 57,
          endLine: 2,
          endColumn: 59,
          messageIncludes: ['Go SDK v2 releases before November 2023 cut the value of sso_start_url at "#"'],
        },
      ],
    },
    {
      name: "quoted values, one of them followed by a comment",
      files: {
        ".aws/config": `[default]
region = "eu-west-1"

[profile admin]
role_arn = "arn:aws:iam::123456789012:role/Admin" # break-glass
source_profile = default
`,
      },
      errors: [
        {
          messageId: "quotedValue",
          line: 2,
          column: 10,
          endLine: 2,
          endColumn: 21,
          fixed: `[default]
region = eu-west-1

[profile admin]
role_arn = "arn:aws:iam::123456789012:role/Admin" # break-glass
source_profile = default
`,
        },
        {
          messageId: "quotedValue",
          line: 5,
          column: 12,
          endLine: 5,
          endColumn: 50,
          fixed: `[default]
region = "eu-west-1"

[profile admin]
role_arn = arn:aws:iam::123456789012:role/Admin # break-glass
source_profile = default
`,
        },
        {
          messageId: "inlineComment",
          line: 5,
          column: 51,
          endLine: 5,
          endColumn: 64,
          fixed: `[default]
region = "eu-west-1"

[profile admin]
# break-glass
role_arn = "arn:aws:iam::123456789012:role/Admin"
source_profile = default
`,
        },
      ],
    },
    {
      name: "leftover merge-conflict markers",
      files: {
        ".aws/config": `[default]
region = us-east-1
<<<<<<< HEAD
output = json
=======
output = table
>>>>>>> feature/cli
`,
      },
      errors: [
        { messageId: "badLine", line: 3, column: 1, endLine: 3, endColumn: 13, messageIncludes: ["botocore fails to read the whole file"] },
        { messageId: "badLine", line: 5, column: 1, endLine: 5, endColumn: 8, messageIncludes: ["has an empty key"] },
        { messageId: "duplicateKey", line: 6, column: 1, endLine: 6, endColumn: 7 },
        { messageId: "badLine", line: 7, column: 1, endLine: 7, endColumn: 20 },
      ],
    },
    {
      name: "a byte-order mark at the start of the file",
      files: {
        ".aws/credentials": `\uFEFF[default]
aws_access_key_id = ${KEY_ID}
aws_secret_access_key = ${SECRET}
`,
      },
      errors: [
        {
          messageId: "byteOrderMark",
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 2,
          fixed: `[default]
aws_access_key_id = ${KEY_ID}
aws_secret_access_key = ${SECRET}
`,
        },
      ],
    },
  ],
});
