import { describe, expect, it } from "vitest";
import rule from "../../rules/region-mismatch.js";
import { scriptsRun } from "../../src/model/region-readers.js";
import { fakeKeyId, fakeSecret } from "../support/fake-keys.js";
import { testRule } from "../support/rule-tester.js";

const CREDENTIALS = `[default]
aws_access_key_id = ${fakeKeyId(601)}
aws_secret_access_key = ${fakeSecret(601)}
`;

testRule(rule, {
  valid: [
    {
      name: "step region vs code: clients for two regions on purpose, a client that reads the region from the environment, the step's own region, a script no step runs",
      files: {
        ".gitlab-ci.yml": `variables:\n  AWS_REGION: eu-west-1\n\nreplicate:\n  image: node:20\n  script:\n    - npm ci\n    - node jobs/replicate.mjs\n    - node jobs/env-region.mjs\n    - node ./jobs/same-region.mjs\n`,
        "jobs/replicate.mjs": `import { S3Client } from "@aws-sdk/client-s3";\nexport const a = new S3Client({ region: "eu-west-1" });\nexport const b = new S3Client({ region: "us-east-1" });\n`,
        "jobs/env-region.mjs": `import { SQSClient } from "@aws-sdk/client-sqs";\nexport const q = new SQSClient({});\n`,
        "jobs/same-region.mjs": `import { SNSClient } from "@aws-sdk/client-sns";\nexport const n = new SNSClient({ region: "eu-west-1" });\n`,
        "jobs/unused.mjs": `import { SNSClient } from "@aws-sdk/client-sns";\nexport const n = new SNSClient({ region: "ap-south-1" });\n`,
      },
    },
    {
      name: "step region vs code: only a login step's aws-region, which says where the login happens, not where the script works",
      files: {
        ".github/workflows/data.yml": `on: workflow_dispatch\npermissions:\n  id-token: write\njobs:\n  update:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          role-to-assume: arn:aws:iam::123456789012:role/data\n          aws-region: us-east-1\n      - run: python scripts/ssm_params.py\n`,
        "scripts/ssm_params.py": `import boto3\n\nclient = boto3.client("ssm", region_name="us-west-1")\n`,
      },
    },
    {
      name: "global STS with a region that is not opt-in, a regional endpoint with an opt-in one, and a provider whose region has no value",
      files: {
        "src/sts.ts": `import { STSClient } from "@aws-sdk/client-sts";\nexport const a = new STSClient({ region: "us-east-1", endpoint: "https://sts.amazonaws.com" });\nexport const b = new STSClient({ region: "me-south-1", endpoint: "https://sts.me-south-1.amazonaws.com" });\n`,
        "infra/main.tf": `provider "aws" {\n  region = var.region\n  endpoints {\n    sts = "https://sts.amazonaws.com"\n  }\n}\nvariable "region" {}\n`,
      },
    },
    {
      name: "python: a GovCloud role on a GovCloud STS client; a client of another service; a client name assigned twice",
      files: {
        "pipeline/replicate.py": [
          "import boto3",
          "",
          'sts = boto3.client("sts", region_name="us-gov-west-1")',
          'sts.assume_role(RoleArn="arn:aws-us-gov:iam::123456789012:role/replication", RoleSessionName="r")',
          'iam = boto3.client("iam", region_name="us-gov-west-1")',
          'iam.assume_role(RoleArn="arn:aws:iam::123456789012:role/replication")',
          'other = boto3.client("sts", region_name="us-gov-west-1")',
          'other = boto3.client("sts", region_name="us-east-1")',
          'other.assume_role(RoleArn="arn:aws:iam::123456789012:role/replication", RoleSessionName="r")',
          "",
        ].join("\n"),
      },
    },
    {
      name: "role ARNs of the region's partition; a role ARN from a variable",
      files: {
        ".github/workflows/deploy.yml": `on: [push]
permissions:
  id-token: write
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: arn:aws-us-gov:iam::482019374650:role/deployer
          aws-region: us-gov-west-1
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: \${{ vars.CN_ROLE_ARN }}
          aws-region: cn-north-1
`,
        ".gitlab-ci.yml": `sync:
  variables:
    AWS_ROLE_ARN: arn:aws-cn:iam::593810274615:role/sync
    AWS_REGION: cn-northwest-1
    AWS_DEFAULT_REGION: cn-northwest-1
  script:
    - aws s3 ls
`,
      },
    },
    {
      name: "sts: a regional STS endpoint override in an opt-in region, the global one in a default-enabled region",
      files: {
        ".env": "AWS_REGION=ap-east-1\nAWS_DEFAULT_REGION=ap-east-1\nAWS_ENDPOINT_URL_STS=https://sts.ap-east-1.amazonaws.com\n",
        "ops/.env": "AWS_REGION=us-east-1\nAWS_DEFAULT_REGION=us-east-1\nAWS_ENDPOINT_URL_STS=https://sts.amazonaws.com\n",
      },
    },
    {
      name: "ci: AWS_DEFAULT_REGION alone with npm commands, in a repository without AWS SDK code",
      files: {
        ".github/workflows/test.yml": `on: [push]
jobs:
  test:
    runs-on: ubuntu-latest
    env:
      AWS_DEFAULT_REGION: eu-west-1
    steps:
      - uses: actions/checkout@v4
      - run: npm ci && npm test
`,
        "src/index.js": "export const answer = 42;\n",
      },
    },
    {
      name: "an opt-in region with sts_regional_endpoints = legacy: it still uses its regional STS endpoint",
      files: {
        ".aws/config": `[default]
region = us-east-1

[profile hong-kong]
region = ap-east-1
sts_regional_endpoints = legacy
output = json
`,
      },
    },
    {
      name: "roles, MFA devices and regions of the same partition",
      files: {
        ".aws/config": `[default]
region = us-east-1

[profile commercial]
role_arn = arn:aws:iam::123456789012:role/Deploy
source_profile = default
mfa_serial = arn:aws:iam::123456789012:mfa/alice
region = eu-west-1

[profile gov]
role_arn = arn:aws-us-gov:iam::123456789012:role/Deploy
source_profile = default
mfa_serial = arn:aws-us-gov:iam::123456789012:mfa/alice
region = us-gov-west-1

[profile china]
role_arn = arn:aws-cn:iam::123456789012:role/Deploy
source_profile = default
region = cn-north-1

[profile sovereign]
role_arn = arn:aws-eusc:iam::123456789012:role/Deploy
source_profile = default
region = eusc-de-east-1

[profile gov-token]
role_arn = arn:aws-us-gov:iam::123456789012:role/Ops
source_profile = default
mfa_serial = GAHT12345678
region = us-gov-east-1
`,
        ".aws/credentials": CREDENTIALS,
      },
    },
    {
      name: "the region in the credentials file overrides the config file's, and matches the role's partition",
      files: {
        ".aws/config": `[profile gov]
role_arn = arn:aws-us-gov:iam::123456789012:role/Deploy
source_profile = default
region = us-east-1
`,
        ".aws/credentials": `${CREDENTIALS}
[gov]
region = us-gov-west-1
`,
      },
    },
    {
      name: "an invalid region is left to invalid-region",
      files: {
        ".aws/config": `[profile china]
role_arn = arn:aws-cn:iam::123456789012:role/Deploy
source_profile = default
region = us-east-1a
`,
        ".aws/credentials": CREDENTIALS,
      },
    },
    {
      name: "an opt-in region with regional STS endpoints, and a default region with legacy ones",
      files: {
        ".aws/config": `[profile hong-kong]
region = ap-east-1
sts_regional_endpoints = regional

[profile virginia]
region = us-east-1
sts_regional_endpoints = legacy

[profile tel-aviv]
region = il-central-1
`,
      },
    },
    {
      name: "sso_region equal to its sso-session's, and SSO profiles that leave it to the session",
      files: {
        ".aws/config": `[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1

[profile dev]
sso_session = corp
sso_region = us-east-1
sso_account_id = 123456789012
sso_role_name = Developer
region = eu-west-1

[profile ops]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = Ops
region = ap-southeast-2
`,
      },
    },
    {
      name: "ci: AWS_REGION and AWS_DEFAULT_REGION set to the same region, with JS and Python commands",
      files: {
        ".github/workflows/ci.yml": `name: ci
on: push
env:
  AWS_REGION: eu-west-1
  AWS_DEFAULT_REGION: eu-west-1
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - run: npx cdk deploy
      - run: python deploy.py
`,
      },
    },
    {
      name: "ci: AWS_REGION alone in a job that logs in with configure-aws-credentials, which exports both",
      files: {
        ".github/workflows/deploy.yml": `name: deploy
on: push
permissions:
  id-token: write
jobs:
  deploy:
    runs-on: ubuntu-latest
    env:
      AWS_REGION: eu-west-1
    steps:
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: arn:aws:iam::123456789012:role/Deploy
          aws-region: eu-west-1
      - run: python deploy.py
`,
      },
    },
    {
      name: "ci: AWS_DEFAULT_REGION alone for the CDK CLI, which reads it (and AWS_REGION)",
      files: {
        ".github/workflows/deploy.yml": `name: deploy
on: push
jobs:
  deploy:
    runs-on: ubuntu-latest
    env:
      AWS_DEFAULT_REGION: eu-west-1
      AWS_ACCESS_KEY_ID: \${{ secrets.AWS_ACCESS_KEY_ID }}
      AWS_SECRET_ACCESS_KEY: \${{ secrets.AWS_SECRET_ACCESS_KEY }}
    steps:
      - uses: actions/checkout@v4
      - run: npm ci
      - run: npx cdk deploy --require-approval never
      - run: yarn cdk diff && npm run cdk -- synth
`,
        "lib/orders.ts": `import { DynamoDBClient } from "@aws-sdk/client-dynamodb";\nexport const db = new DynamoDBClient({});\n`,
      },
    },
    {
      name: "shell: a synth script exporting AWS_DEFAULT_REGION for cdk synth",
      files: {
        "scripts/synth.sh": `#!/bin/bash
set -euo pipefail
export AWS_DEFAULT_REGION="us-east-1"
cdk synth
`,
        "typescript/api/lambda/index.ts": `import { S3Client } from "@aws-sdk/client-s3";\nexport const s3 = new S3Client({});\n`,
      },
    },
    {
      name: "shell: python3 -c with inline code that does not use boto3, and boto3 only in an installed Lambda layer",
      files: {
        "microvm/deploy.sh": `#!/bin/bash
set -euo pipefail
AWS_REGION="\${AWS_REGION:-us-east-2}"
LAUNCH=$(aws lambda invoke --function-name launch --region "\${AWS_REGION}" /dev/stdout)
MICROVM_ID=$(echo "\${LAUNCH}" | python3 -c "import sys,json; print(json.load(sys.stdin)['microvmId'])")
echo "\${MICROVM_ID}"
`,
        "etl/layer/python/boto3-1.35.0.dist-info/RECORD": "boto3/__init__.py,sha256=x,1\n",
        "etl/layer/python/boto3/session.py": "import botocore.session\n",
      },
    },
    {
      name: "shell: python3 runs a script of the repository that does not use boto3, though other Python code does",
      files: {
        "code-server/connect.sh": `#!/bin/bash
set -euo pipefail
AWS_REGION="\${AWS_REGION:-us-east-2}"
SCRIPT_DIR="$(cd "$(dirname "$0")" && pwd)"
exec python3 "\${SCRIPT_DIR}/proxy.py" --port 8080
`,
        "code-server/proxy.py": "import asyncio\nimport ssl\n",
        "etl/run.py": "import boto3\n\nboto3.client('s3').list_buckets()\n",
      },
    },
    {
      name: "ci: AWS_DEFAULT_REGION alone in a job that only installs packages and deploys with serverless",
      files: {
        ".github/workflows/deploy.yml": `name: deploy
on: push
jobs:
  deploy:
    runs-on: ubuntu-latest
    env:
      AWS_DEFAULT_REGION: eu-west-1
    steps:
      - uses: actions/checkout@v4
      - run: npm ci && yarn install --frozen-lockfile
      - run: npx serverless deploy --stage prod
`,
        "src/handler.js": `const { SQSClient } = require("@aws-sdk/client-sqs");\nmodule.exports.sqs = new SQSClient({});\n`,
      },
    },
    {
      name: "env: AWS_REGION alone in a JavaScript package's .env, with boto3 only in another package's examples",
      files: {
        "packages/core/package.json": `{ "name": "core" }\n`,
        "packages/core/tests/resolvers/aws/.env": "AWS_REGION=us-west-2\n",
        "packages/core/src/aws.js": `import { STSClient } from "@aws-sdk/client-sts";\nexport const sts = new STSClient({});\n`,
        "packages/plugins/agent/examples/python/invoke.py": `import boto3\n\nclient = boto3.client("bedrock-agent-runtime")\n`,
        "packages/plugins/tools/sync.py": `import boto3\n\ns3 = boto3.client("s3")\n`,
      },
    },
    {
      name: "env: AWS_REGION alone in a Node.js package whose test fixtures hold Python Lambda projects of their own",
      files: {
        "packages/core/package.json": `{ "name": "core" }\n`,
        "packages/core/tests/resolvers/.env": "AWS_REGION=us-west-2\n",
        "packages/core/tests/python/handler-project/requirements.txt": "boto3==1.35.0\n",
        "packages/core/tests/python/handler-project/handler.py": `import boto3\n\ndef hello(event, context):\n    return {"status": 200}\n`,
        "packages/core/scripts/report.py": `import boto3\n\nboto3.client("s3")\n`,
      },
    },
    {
      name: "env: AWS_DEFAULT_REGION alone in a .env of a repository without SDK code",
      files: {
        ".env": `AWS_DEFAULT_REGION=eu-west-1
BUCKET=example-site
`,
        Makefile: `deploy:
\taws s3 sync dist s3://example-site
`,
      },
    },
  ],
  invalid: [
    {
      name: "step region vs code: a GitLab job's AWS_REGION and the script it runs with npx tsx from its folder; a workflow step's AWS_DEFAULT_REGION and its Python script",
      files: {
        ".gitlab-ci.yml": `sync:\n  image: node:20\n  variables:\n    AWS_REGION: us-west-2\n  script:\n    - cd services/queue && npx tsx src/jobs/sync.ts\n`,
        "services/queue/src/jobs/sync.ts": `import { SQSClient } from "@aws-sdk/client-sqs";\nexport const sqs = new SQSClient({ region: "us-east-2" });\n`,
        ".github/workflows/audit.yml": `on: push\npermissions:\n  id-token: write\njobs:\n  audit:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          role-to-assume: arn:aws:iam::123456789012:role/audit\n          aws-region: ap-southeast-2\n      - run: python tools/audit.py\n        env:\n          AWS_DEFAULT_REGION: ap-southeast-2\n`,
        "tools/audit.py": `import boto3\n\ncloudtrail = boto3.client("cloudtrail", region_name="ap-southeast-1")\n`,
      },
      errors: [
        {
          path: "services/queue/src/jobs/sync.ts",
          messageId: "stepRegion",
          line: 2,
          column: 45,
          endLine: 2,
          endColumn: 54,
          messageIncludes: ["`new SQSClient(…)` is created for us-east-2, but job sync", "(`cd services/queue && npx tsx src/jobs/sync.ts`) with AWS_REGION us-west-2"],
        },
        {
          path: "tools/audit.py",
          messageId: "stepRegion",
          line: 3,
          column: 54,
          endLine: 3,
          endColumn: 68,
          messageIncludes: ["`boto3.client(…)` is created for ap-southeast-1", "with AWS_DEFAULT_REGION ap-southeast-2"],
        },
      ],
    },
    {
      name: "config: a profile in an opt-in region whose [services] section pins sts to the global endpoint (not one in eu-west-1)",
      files: {
        ".aws/config": `[profile bahrain]\nregion = me-south-1\nservices = proxy\n\n[profile ireland]\nregion = eu-west-1\nservices = proxy\n\n[services proxy]\nsts =\n  endpoint_url = https://sts.amazonaws.com\n`,
      },
      errors: [{ messageId: "globalSts", line: 11, column: 18, endLine: 11, endColumn: 43, messageIncludes: ["Profile bahrain sends its STS calls to the global endpoint (endpoint_url of sts in [services proxy]) while its region is me-south-1"] }],
    },
    {
      name: "bitbucket: an Atlassian AWS pipe given a commercial role with a GovCloud region; another pipe in one partition is fine",
      files: {
        "bitbucket-pipelines.yml": `pipelines:\n  default:\n    - step:\n        oidc: true\n        script:\n          - pipe: atlassian/aws-s3-deploy:1.6.0\n            variables:\n              AWS_DEFAULT_REGION: us-gov-west-1\n              AWS_OIDC_ROLE_ARN: arn:aws:iam::123456789012:role/deploy\n              S3_BUCKET: b\n          - pipe: atlassian/aws-lambda-deploy:1.12.0\n            variables:\n              AWS_DEFAULT_REGION: us-gov-west-1\n              AWS_OIDC_ROLE_ARN: arn:aws-us-gov:iam::123456789012:role/deploy\n`,
      },
      errors: [{ messageId: "rolePartition", line: 8, column: 35, endLine: 8, endColumn: 48, messageIncludes: ["assumes a role (AWS_OIDC_ROLE_ARN) in partition aws with AWS_DEFAULT_REGION us-gov-west-1"] }],
    },
    {
      name: "js: an AssumeRoleCommand with a commercial RoleArn sent through a GovCloud STS client",
      files: {
        "src/archive.ts": `import { STSClient, AssumeRoleCommand } from "@aws-sdk/client-sts";\nconst sts = new STSClient({ region: "us-gov-east-1" });\nexport const go = () => sts.send(new AssumeRoleCommand({ RoleArn: "arn:aws:iam::123456789012:role/archive", RoleSessionName: "a" }));\n`,
      },
      errors: [{ messageId: "rolePartition", line: 2, column: 38, endLine: 2, endColumn: 51, messageIncludes: ["`sts.send(new AssumeRoleCommand(…))` assumes a role (RoleArn) in partition aws with region us-gov-east-1"] }],
    },
    {
      name: "global STS pinned on a JS client, a boto3 client and a Terraform provider with an opt-in region (tfvars too)",
      files: {
        "src/sts.ts": `import { STSClient } from "@aws-sdk/client-sts";\nexport const sts = new STSClient({ region: "me-south-1", endpoint: "https://sts.amazonaws.com" });\n`,
        "app/who.py": `import boto3\nsts = boto3.client("sts", region_name="ap-east-1", endpoint_url="https://sts.amazonaws.com/")\n`,
        "infra/main.tf": `provider "aws" {\n  region = "af-south-1"\n  endpoints {\n    sts = "https://sts.amazonaws.com"\n  }\n}\n`,
        "bahrain/main.tf": `provider "aws" {\n  region = var.region\n  endpoints {\n    sts = var.sts\n  }\n}\n`,
        "bahrain/terraform.tfvars": `region = "eu-south-1"\nsts    = "https://sts.amazonaws.com"\n`,
      },
      errors: [
        { path: "app/who.py", messageId: "globalSts", line: 2, column: 66, endLine: 2, endColumn: 92, messageIncludes: ["`boto3.client(…)` sends its STS calls to the global endpoint (endpoint_url) while its region is ap-east-1"] },
        { path: "bahrain/terraform.tfvars", messageId: "globalSts", line: 2, column: 11, endLine: 2, endColumn: 36, messageIncludes: ["(sts) while its region is eu-south-1"] },
        { path: "infra/main.tf", messageId: "globalSts", line: 4, column: 12, endLine: 4, endColumn: 37, messageIncludes: ['`provider "aws" { … }`', "af-south-1"] },
        { path: "src/sts.ts", messageId: "globalSts", line: 2, column: 69, endLine: 2, endColumn: 94, messageIncludes: ["`new STSClient(…)`", "me-south-1"] },
      ],
    },
    {
      name: "python: sts.assume_role with a commercial RoleArn on a GovCloud STS client",
      files: {
        "pipeline/replicate.py": [
          "import boto3",
          "",
          "def session():",
          '    sts = boto3.client("sts", region_name="us-gov-west-1")',
          '    return sts.assume_role(RoleArn="arn:aws:iam::123456789012:role/replication", RoleSessionName="r")',
          "",
        ].join("\n"),
      },
      errors: [{ messageId: "rolePartition", line: 4, column: 44, endLine: 4, endColumn: 57, messageIncludes: ["`sts.assume_role(…)` assumes a role (RoleArn) in partition aws with region_name us-gov-west-1"] }],
    },
    {
      name: "a role ARN of another partition than the region: a login step's inputs, AWS_ROLE_ARN in a job's variables",
      files: {
        ".github/workflows/deploy.yml": `on: [push]
permissions:
  id-token: write
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: arn:aws-us-gov:iam::482019374650:role/deployer
          aws-region: us-east-1
`,
        ".gitlab-ci.yml": `sync:
  variables:
    AWS_ROLE_ARN: arn:aws-cn:iam::593810274615:role/sync
    AWS_REGION: eu-west-1
    AWS_DEFAULT_REGION: eu-west-1
  script:
    - aws s3 ls
`,
      },
      errors: [
        { messageId: "rolePartition", path: ".github/workflows/deploy.yml", line: 11, column: 23, endLine: 11, endColumn: 32, messageIncludes: ["partition aws-us-gov", "us-east-1, in partition aws"] },
        { messageId: "rolePartition", path: ".gitlab-ci.yml", line: 4, column: 17, endLine: 4, endColumn: 26, messageIncludes: ["(AWS_ROLE_ARN) in partition aws-cn"] },
      ],
    },
    {
      name: "terraform: a provider in GovCloud assuming a commercial-partition role",
      files: {
        "infra/main.tf": `provider "aws" {\n  region = "us-gov-west-1"\n  assume_role {\n    role_arn = "arn:aws:iam::123456789012:role/TerraformDeploy"\n  }\n}\n\nprovider "aws" {\n  alias  = "ok"\n  region = "us-gov-west-1"\n  assume_role {\n    role_arn = "arn:aws-us-gov:iam::123456789012:role/TerraformDeploy"\n  }\n}\n`,
      },
      errors: [{ messageId: "tfPartition", line: 2, column: 13, endLine: 2, endColumn: 26, messageIncludes: ["partition aws with region us-gov-west-1"] }],
    },
    {
      name: "python: a program that sets only AWS_REGION for its own boto3, which reads AWS_DEFAULT_REGION",
      files: {
        "jobs/export.py": `import os\n\nimport boto3\n\nos.environ["AWS_REGION"] = "eu-west-1"\ns3 = boto3.client("s3")\n`,
        "jobs/restore.py": `import os\n\nimport boto3\n\nos.environ["AWS_DEFAULT_REGION"] = "eu-west-1"\ns3 = boto3.client("s3")\n`,
      },
      errors: [{ path: "jobs/export.py", messageId: "regionOnly", line: 5, column: 13, endLine: 5, endColumn: 23, messageIncludes: ["the boto3 code of jobs/export.py"] }],
    },
    {
      name: "a profile's sso_region that differs from its sso-session's",
      files: {
        ".aws/config": `[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1

[profile dev]
sso_session = corp
sso_region = eu-west-1
sso_account_id = 123456789012
sso_role_name = Developer
`,
      },
      errors: [{ messageId: "ssoRegion", line: 7, column: 14, endLine: 7, endColumn: 23, messageIncludes: ["Profile dev", "eu-west-1", "sso-session corp says us-east-1"] }],
    },
    {
      name: "a commercial role in GovCloud and in China, and a China role in a commercial region",
      files: {
        ".aws/config": `[profile gov]
role_arn = arn:aws:iam::123456789012:role/Deploy
source_profile = default
region = us-gov-west-1

[profile china]
role_arn = arn:aws:iam::123456789012:role/Deploy
source_profile = default
region = cn-north-1

[profile beijing]
role_arn = arn:aws-cn:iam::123456789012:role/Deploy
source_profile = default
region = us-east-1
`,
        ".aws/credentials": CREDENTIALS,
      },
      errors: [
        { messageId: "partition", path: ".aws/config", line: 4, column: 10, endLine: 4, endColumn: 23, messageIncludes: ["sets role_arn to an ARN in partition aws but region us-gov-west-1 is in partition aws-us-gov"] },
        { messageId: "partition", path: ".aws/config", line: 9, column: 10, endLine: 9, endColumn: 20, messageIncludes: ["partition aws-cn"] },
        { messageId: "partition", path: ".aws/config", line: 14, column: 10, endLine: 14, endColumn: 19, messageIncludes: ["role_arn to an ARN in partition aws-cn but region us-east-1"] },
      ],
    },
    {
      name: "a commercial MFA device with a GovCloud role and region",
      files: {
        ".aws/config": `[profile gov]
role_arn = arn:aws-us-gov:iam::123456789012:role/Deploy
source_profile = default
mfa_serial = arn:aws:iam::123456789012:mfa/alice
region = us-gov-east-1
`,
        ".aws/credentials": CREDENTIALS,
      },
      errors: [{ messageId: "partition", path: ".aws/config", line: 5, column: 10, endLine: 5, endColumn: 23, messageIncludes: ["sets mfa_serial to an ARN in partition aws but"] }],
    },
    {
      name: "ci: AWS_REGION and AWS_DEFAULT_REGION that differ in the workflow env",
      files: {
        ".github/workflows/ci.yml": `name: ci
on: push
env:
  AWS_REGION: eu-west-1
  AWS_DEFAULT_REGION: us-east-1
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - run: aws s3 sync dist s3://example-site
`,
      },
      errors: [
        {
          messageId: "envRegions",
          line: 5,
          column: 23,
          endLine: 5,
          endColumn: 32,
          messageIncludes: ["Workflow .github/workflows/ci.yml sets AWS_REGION=eu-west-1 but AWS_DEFAULT_REGION=us-east-1"],
        },
      ],
    },
    {
      name: "ci: AWS_DEFAULT_REGION alone in a job that runs JavaScript SDK v3 code with node",
      files: {
        ".github/workflows/seed.yml": `name: seed
on: workflow_dispatch
jobs:
  seed:
    runs-on: ubuntu-latest
    env:
      AWS_DEFAULT_REGION: eu-west-1
      AWS_ACCESS_KEY_ID: \${{ secrets.AWS_ACCESS_KEY_ID }}
      AWS_SECRET_ACCESS_KEY: \${{ secrets.AWS_SECRET_ACCESS_KEY }}
    steps:
      - uses: actions/checkout@v4
      - run: npm ci
      - run: node scripts/seed-orders.mjs
`,
        "scripts/seed-orders.mjs": `import { DynamoDBClient } from "@aws-sdk/client-dynamodb";\nexport const db = new DynamoDBClient({});\n`,
      },
      errors: [{ messageId: "defaultOnly", path: ".github/workflows/seed.yml", line: 7, column: 7, endLine: 7, endColumn: 25, messageIncludes: ["`node scripts/seed-orders.mjs` runs here"] }],
    },
    {
      name: "env: AWS_REGION alone in a .env of a Python project that uses boto3",
      files: {
        "services/etl/.env": "AWS_REGION=eu-west-1\n",
        "services/etl/pyproject.toml": `[project]\nname = "etl"\n`,
        "services/etl/etl/run.py": `import boto3\n\ns3 = boto3.client("s3")\n`,
      },
      errors: [{ messageId: "regionOnly", path: "services/etl/.env", line: 1, column: 1, endLine: 1, endColumn: 11, messageIncludes: ["the boto3 code in services/etl/etl/run.py runs here"] }],
    },
    {
      name: "ci: AWS_REGION alone in a job that runs python deploy.py",
      files: {
        ".github/workflows/deploy.yml": `name: deploy
on: push
jobs:
  deploy:
    runs-on: ubuntu-latest
    env:
      AWS_REGION: eu-west-1
    steps:
      - uses: actions/checkout@v4
      - run: pip install -r requirements.txt
      - run: python deploy.py
`,
        "deploy.py": `import boto3\n\ns3 = boto3.client("s3")\n`,
      },
      errors: [{ messageId: "regionOnly", path: ".github/workflows/deploy.yml", line: 7, column: 7, endLine: 7, endColumn: 17, messageIncludes: ["`python deploy.py` runs here"] }],
    },
    {
      name: "sts: the global STS endpoint with an opt-in region in a .env",
      files: {
        ".env": "AWS_REGION=me-south-1\nAWS_DEFAULT_REGION=me-south-1\nAWS_ENDPOINT_URL_STS=https://sts.amazonaws.com\n",
      },
      errors: [{ messageId: "globalSts", line: 3, column: 22, endLine: 3, endColumn: 47, messageIncludes: ["me-south-1, an opt-in region", "version 1 session tokens", "https://sts.me-south-1.amazonaws.com"] }],
    },
    {
      name: "sts: configure-aws-credentials with the global sts-endpoint and an opt-in aws-region",
      files: {
        ".github/workflows/deploy.yml": `name: deploy
on: push
permissions:
  id-token: write
  contents: read
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: arn:aws:iam::123456789012:role/Deploy
          aws-region: ap-east-1
          sts-endpoint: https://sts.amazonaws.com
      - run: aws ecs update-service --cluster web --service web --force-new-deployment
`,
      },
      errors: [{ messageId: "globalSts", line: 14, column: 25, endLine: 14, endColumn: 50, messageIncludes: ["(sts-endpoint)", "ap-east-1, an opt-in region"] }],
    },
  ],
});

describe("scriptsRun: the files a CI command runs directly", () => {
  it("reads node, ts runners and python with their flags, and nothing else", () => {
    expect(scriptsRun(`node scripts/export.mjs --date "$(date -u +%F)"`)).toEqual(["scripts/export.mjs"]);
    expect(scriptsRun("node --enable-source-maps ./dist/main.js")).toEqual(["dist/main.js"]);
    expect(scriptsRun("cd services/queue && npx tsx src/jobs/sync.ts")).toEqual(["src/jobs/sync.ts"]);
    expect(scriptsRun("npx --yes ts-node tools/seed.ts; python3 -u tools/rotate_keys.py --dry-run=false")).toEqual(["tools/seed.ts", "tools/rotate_keys.py"]);
    expect(scriptsRun("poetry run python app/sync.py")).toEqual(["app/sync.py"]);
    expect(scriptsRun("npm ci && npm test && node -e 'console.log(1)'")).toEqual([]);
    expect(scriptsRun("python -m pytest tests/test_sync.py")).toEqual([]);
    expect(scriptsRun("node ../shared/run.js")).toEqual([]);
    expect(scriptsRun("cat scripts/export.mjs")).toEqual([]);
  });
});
