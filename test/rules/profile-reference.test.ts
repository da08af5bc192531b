import rule from "../../rules/profile-reference.js";
import { fakeKeyId, fakeSecret } from "../support/fake-keys.js";
import { testRule } from "../support/rule-tester.js";

const keys = (seed: number): string => `aws_access_key_id = ${fakeKeyId(seed)}
aws_secret_access_key = ${fakeSecret(seed)}`;

testRule(rule, {
  valid: [
    {
      name: "code: fromIni names a profile the repository defines",
      files: {
        ".aws/config": "[profile deploy]\nregion = us-east-1\n",
        "src/s3.ts": `import { fromIni } from "@aws-sdk/credential-providers";\nexport const c = fromIni({ profile: "deploy" });\n`,
      },
    },
    {
      name: "source_profile names profiles defined in the other file, and a chain ends in static keys",
      files: {
        ".aws/config": `[default]
region = us-east-1

[profile app]
role_arn = arn:aws:iam::123456789012:role/App
source_profile = base

[profile reports]
role_arn = arn:aws:iam::210987654321:role/Reports
source_profile = app
`,
        ".aws/credentials": `[base]
${keys(501)}
`,
      },
    },
    {
      name: "a [profile dev] header wrongly placed in the credentials file still defines dev",
      files: {
        ".aws/config": `[profile app]
role_arn = arn:aws:iam::123456789012:role/App
source_profile = dev
region = eu-west-1
`,
        ".aws/credentials": `[profile dev]
${keys(502)}
`,
      },
    },
    {
      name: "a repository that defines no profile at all",
      files: {
        ".aws/config": `[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1

[services local-dev]
dynamodb =
  endpoint_url = http://localhost:8000
`,
        "scripts/deploy.sh": `#!/bin/sh
aws s3 sync ./dist s3://example-site --profile prod
`,
      },
    },
    {
      name: "a role profile that names itself and has static keys in the credentials file",
      files: {
        ".aws/config": `[profile admin]
role_arn = arn:aws:iam::123456789012:role/Admin
source_profile = admin
region = us-east-1
`,
        ".aws/credentials": `[admin]
${keys(503)}
`,
      },
    },
    {
      name: "sso_session naming a section of the same config file",
      files: {
        ".aws/config": `[profile dev]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = Developer

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
`,
      },
    },
    {
      name: "env: AWS_PROFILE and --profile in a script naming a profile the repository defines",
      files: {
        ".aws/config": `[default]
region = eu-west-1

[profile deploy]
role_arn = arn:aws:iam::123456789012:role/Deploy
source_profile = default
`,
        "scripts/release.sh": `#!/bin/sh
set -eu
export AWS_PROFILE=deploy
aws s3 sync dist s3://example-site --profile deploy
`,
      },
    },
    {
      name: "env: AWS_PROFILE and --profile in a script of a repository that defines no profile",
      files: {
        "scripts/release.sh": `#!/bin/sh
set -eu
export AWS_PROFILE=prod
aws s3 sync dist s3://example-site --profile prod
`,
      },
    },
    {
      name: "ci: profiles created at run time by aws configure set and by configure-aws-credentials aws-profile",
      files: {
        ".aws/config": `[default]
region = eu-west-1

[profile deploy]
role_arn = arn:aws:iam::123456789012:role/Deploy
source_profile = default
`,
        ".github/workflows/deploy.yml": `name: deploy
on: push
permissions:
  id-token: write
jobs:
  configure:
    runs-on: ubuntu-latest
    steps:
      - run: |
          aws configure set region us-east-1 --profile ci
          aws s3 ls --profile ci
  oidc:
    runs-on: ubuntu-latest
    env:
      AWS_PROFILE: release
    steps:
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: arn:aws:iam::123456789012:role/Release
          aws-region: eu-west-1
          aws-profile: release
      - run: aws s3 sync dist s3://example-site
`,
      },
    },
  ],
  invalid: [
    {
      name: "code: fromIni and a v3 client name a profile nobody defines",
      files: {
        ".aws/config": "[profile deploy]\nregion = us-east-1\n",
        "src/s3.ts": `import { fromIni as ini } from "@aws-sdk/credential-providers";
import { S3Client } from "@aws-sdk/client-s3";
export const c = ini({ profile: "deplyo" });
export const s3 = new S3Client({ profile: "staging" });
`,
      },
      errors: [
        { messageId: "missingProfileInCode", path: "src/s3.ts", line: 3, column: 34, endLine: 3, endColumn: 40, messageIncludes: ["fromIni", "Did you mean deploy?"] },
        { messageId: "missingProfileInCode", path: "src/s3.ts", line: 4, column: 44, endLine: 4, endColumn: 51 },
      ],
    },
    {
      name: "a source_profile with a typo, and one naming a profile defined nowhere",
      files: {
        ".aws/config": `[profile prod]
region = us-east-1

[profile deploy]
role_arn = arn:aws:iam::123456789012:role/Deploy
source_profile = prodd

[profile audit]
role_arn = arn:aws:iam::123456789012:role/Audit
source_profile = legacy-admin
`,
        ".aws/credentials": `[prod]
${keys(504)}
`,
      },
      errors: [
        { messageId: "missingProfile", path: ".aws/config", line: 6, column: 18, endLine: 6, endColumn: 23, messageIncludes: ["Profile prodd (source_profile of profile deploy)", "Did you mean prod?"] },
        { messageId: "missingProfile", path: ".aws/config", line: 10, column: 18, endLine: 10, endColumn: 30, messageIncludes: ["Profile legacy-admin"] },
      ],
    },
    {
      name: "a cycle of two, reported once on the source_profile line that closes it",
      files: {
        ".aws/config": `[profile build]
role_arn = arn:aws:iam::123456789012:role/Build
source_profile = deploy

[profile deploy]
role_arn = arn:aws:iam::123456789012:role/Deploy
source_profile = build
`,
      },
      errors: [{ messageId: "cycle", line: 7, column: 18, endLine: 7, endColumn: 23, messageIncludes: ["(build → deploy → build)"] }],
    },
    {
      name: "a cycle of three, entered from a profile outside it, reported once",
      files: {
        ".aws/config": `[profile entry]
role_arn = arn:aws:iam::123456789012:role/Entry
source_profile = x

[profile x]
role_arn = arn:aws:iam::123456789012:role/X
source_profile = y

[profile y]
role_arn = arn:aws:iam::123456789012:role/Y
source_profile = z

[profile z]
role_arn = arn:aws:iam::123456789012:role/Z
source_profile = x
`,
      },
      errors: [{ messageId: "cycle", line: 15, column: 18, endLine: 15, endColumn: 19, messageIncludes: ["(x → y → z → x)"] }],
    },
    {
      name: "a cycle across the config and the credentials file",
      files: {
        ".aws/config": `[profile ops]
role_arn = arn:aws:iam::123456789012:role/Ops
source_profile = audit
region = eu-west-1
`,
        ".aws/credentials": `[audit]
role_arn = arn:aws:iam::123456789012:role/Audit
source_profile = ops
`,
      },
      errors: [{ messageId: "cycle", path: ".aws/credentials", line: 3, column: 18, endLine: 3, endColumn: 21, messageIncludes: ["(ops → audit → ops)"] }],
    },
    {
      name: "a profile that names itself without static keys",
      files: {
        ".aws/config": `[default]
region = us-east-1

[profile loop]
role_arn = arn:aws:iam::123456789012:role/Loop
source_profile = loop
`,
      },
      errors: [{ messageId: "selfWithoutKeys", line: 6, column: 18, endLine: 6, endColumn: 22, messageIncludes: ["Profile loop"] }],
    },
    {
      name: "sso_session naming a missing section, with a suggestion",
      files: {
        ".aws/config": `[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1

[profile dev]
sso_session = crop
sso_account_id = 123456789012
sso_role_name = Developer
`,
      },
      errors: [{ messageId: "missingSsoSession", line: 6, column: 15, endLine: 6, endColumn: 19, messageIncludes: ["Did you mean corp?"] }],
    },
    {
      name: "sso_session naming a section that only another config file defines",
      files: {
        ".aws/config": `[profile dev]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = Developer
`,
        "infra/aws/config": `[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
`,
      },
      errors: [{ messageId: "missingSsoSession", path: ".aws/config", line: 2, column: 15, endLine: 2, endColumn: 19, messageIncludes: ["[sso-session corp]"] }],
    },
    {
      name: "env: AWS_PROFILE and a misspelt --profile in a script naming undefined profiles",
      files: {
        ".aws/config": `[default]
region = eu-west-1

[profile deploy]
role_arn = arn:aws:iam::123456789012:role/Deploy
source_profile = default
`,
        "scripts/release.sh": `#!/bin/sh
set -eu
export AWS_PROFILE=deploy-prod
aws s3 sync dist s3://example-site --profile deplyo
`,
      },
      errors: [
        { messageId: "missingProfileInEnv", path: "scripts/release.sh", line: 3, column: 20, endLine: 3, endColumn: 31, messageIncludes: ["Profile deploy-prod (AWS_PROFILE in scripts/release.sh)"] },
        { messageId: "missingProfileInEnv", path: "scripts/release.sh", line: 4, column: 46, endLine: 4, endColumn: 52, messageIncludes: ["(--profile in scripts/release.sh)", "Did you mean deploy?"] },
      ],
    },
    {
      name: "ci: AWS_PROFILE in a job env and --profile in a run step naming undefined profiles",
      files: {
        ".aws/config": `[default]
region = eu-west-1

[profile deploy]
role_arn = arn:aws:iam::123456789012:role/Deploy
source_profile = default
`,
        ".github/workflows/deploy.yml": `name: deploy
on: push
jobs:
  deploy:
    runs-on: ubuntu-latest
    env:
      AWS_PROFILE: staging
    steps:
      - run: aws cloudformation deploy --template-file stack.yml --stack-name app --profile prod
`,
      },
      errors: [
        { messageId: "missingProfileInEnv", path: ".github/workflows/deploy.yml", line: 7, column: 20, endLine: 7, endColumn: 27, messageIncludes: ["Profile staging (AWS_PROFILE in job deploy"] },
        { messageId: "missingProfileInEnv", path: ".github/workflows/deploy.yml", line: 9, column: 93, endLine: 9, endColumn: 97, messageIncludes: ["Profile prod (--profile in step 1 of job deploy"] },
      ],
    },
    {
      name: "ci: AWS_PROFILE and AWS_DEFAULT_PROFILE naming different profiles in a workflow env",
      files: {
        ".github/workflows/ci.yml": `name: ci
on: push
env:
  AWS_PROFILE: dev
  AWS_DEFAULT_PROFILE: prod
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: npm test
`,
      },
      errors: [{ messageId: "profileVarsDisagree", line: 5, column: 24, endLine: 5, endColumn: 28, messageIncludes: ["sets AWS_PROFILE=dev but AWS_DEFAULT_PROFILE=prod"] }],
    },
  ],
});
