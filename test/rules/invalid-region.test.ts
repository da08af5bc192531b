import rule from "../../rules/invalid-region.js";
import { testRule } from "../support/rule-tester.js";

/** A realistic config file whose `staging` profile (line 8, value at column 10) uses `region`. */
const stagingIn = (region: string): string => `[default]
region = us-east-1
output = json

[profile staging]
role_arn = arn:aws:iam::123456789012:role/Staging
source_profile = default
region = ${region}
`;

testRule(rule, {
  valid: [
    {
      name: "placeholders: a region-shaped word to replace, a template placeholder in a rendered script",
      files: {
        "namer-eks/providers.tf": `provider "aws" {
  region = "xx-REPLACEME-nn"
}
`,
        "ansible/roles/docker/templates/update-images/update.sh": `#!/bin/bash
aws ecr get-login-password --region "{{ images.region }}" | docker login --username AWS --password-stdin "{{ images.registry }}"
`,
      },
    },
    {
      name: "shell: a fake region in an integration test's expected output is test data",
      files: {
        "tests/integration/update_cluster/minimal/data/nodeup_script_content": "#!/bin/bash\nset -o errexit\nexport AWS_REGION=us-test-1\n/opt/kops/bin/nodeup --conf=/opt/kops/conf/kube_env.yaml\n",
      },
    },
    {
      name: "code: a region from a const and from the environment",
      files: { "src/s3.ts": `import { S3Client } from "@aws-sdk/client-s3";\nconst REGION = "eu-west-1";\nnew S3Client({ region: REGION });\nnew S3Client({ region: process.env.AWS_REGION });\n` },
    },
    {
      name: "regions of every partition, including opt-in ones",
      files: {
        ".aws/config": `[default]
region = us-east-1

[profile gov]
role_arn = arn:aws-us-gov:iam::123456789012:role/Deploy
source_profile = default
region = us-gov-west-1

[profile china]
region = cn-north-1

[profile sovereign]
region = eusc-de-east-1

[profile tel-aviv]
region = il-central-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-central-1
`,
      },
    },
    {
      name: "region values with quotes or an inline comment are read as meant here (aws-config-syntax reports the syntax)",
      files: {
        ".aws/config": `[profile quoted]
region = "eu-west-1"

[profile commented]
region = ap-southeast-2 # Sydney
`,
      },
    },
    {
      name: "region-like values under other keys, and an empty region",
      files: {
        ".aws/config": `[profile dev]
region =
sso_start_url = https://us-east-1a.awsapps.com/start
sts_regional_endpoints = regional
output = json
`,
      },
    },
    {
      name: "ci: regions from repository variables in env, an input and a --region flag",
      files: {
        ".github/workflows/deploy.yml": `name: deploy
on: push
permissions:
  id-token: write
jobs:
  deploy:
    runs-on: ubuntu-latest
    env:
      AWS_DEFAULT_REGION: \${{ vars.AWS_REGION }}
    steps:
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: arn:aws:iam::123456789012:role/Deploy
          aws-region: \${{ vars.AWS_REGION }}
      - run: aws s3 sync dist s3://example-site --region "\${{ vars.AWS_REGION }}"
`,
      },
    },
    {
      name: "gcp/azure: names, zones, display names and locations that the tools accept",
      files: {
        ".env": `CLOUDSDK_COMPUTE_REGION=us-central1
CLOUDSDK_COMPUTE_ZONE=us-central1-a
CLOUDSDK_RUN_REGION=europe-west12
GOOGLE_CLOUD_LOCATION=global
AZURE_LOCATION="East US 2"
AZURE_DEFAULTS_LOCATION=WestEurope
`,
        "src/ai.ts": `import { VertexAI } from "@google-cloud/vertexai";
import { BigQuery } from "@google-cloud/bigquery";
export const vertex = new VertexAI({ project: "acme-prod", location: "us-central1" });
export const bq = new BigQuery({ location: "US" });
`,
      },
    },
    {
      name: "gcp/azure: variables no Google or Microsoft tool reads, and names near several known ones (a newer region)",
      files: {
        ".env": `GOOGLE_CLOUD_REGION=us-east-1
ARM_LOCATION=us-east-1
CLOUDSDK_COMPUTE_REGION=europe-west11
AZURE_LOCATION=westus4
`,
      },
    },
    {
      name: "gcp/azure: a region list for deploy-cloudrun, a zone as GKE location, an expression",
      files: {
        ".github/workflows/deploy.yml": `name: deploy
on: push
permissions:
  id-token: write
  contents: read
jobs:
  deploy:
    runs-on: ubuntu-latest
    env:
      CLOUDSDK_COMPUTE_REGION: \${{ vars.GCP_REGION }}
    steps:
      - uses: google-github-actions/auth@v2
        with:
          workload_identity_provider: projects/123456789/locations/global/workloadIdentityPools/github/providers/repo
          service_account: deployer@acme-prod.iam.gserviceaccount.com
      - uses: google-github-actions/get-gke-credentials@v2
        with:
          cluster_name: prod
          location: us-central1-a
      - uses: google-github-actions/deploy-cloudrun@v2
        with:
          service: web
          image: us-docker.pkg.dev/acme-prod/web/web:latest
          region: us-central1,europe-west1
`,
      },
    },
    {
      name: "circleci: orb parameters that name an environment variable are not region values",
      files: {
        ".circleci/config.yml": `version: 2.1
orbs:
  aws-s3: circleci/aws-s3@3.0.0
jobs:
  deploy:
    docker:
      - image: cimg/base:2024.01
    steps:
      - checkout
      - aws-s3/sync:
          from: dist
          to: s3://example-site
          aws-region: AWS_REGION
workflows:
  main:
    jobs:
      - deploy:
          context: aws-prod
`,
      },
    },
  ],
  invalid: [
    {
      name: "code: an availability zone in a v2 client and a GCP name in a v3 client",
      files: {
        "src/clients.js": `const AWS = require("aws-sdk");
const { SQSClient } = require("@aws-sdk/client-sqs");
const s3 = new AWS.S3({ region: "us-west-2b" });
const sqs = new SQSClient({ region: "us-east1" });
`,
      },
      errors: [
        { messageId: "invalid", line: 3, column: 34, endLine: 3, endColumn: 44, fixed: `const AWS = require("aws-sdk");
const { SQSClient } = require("@aws-sdk/client-sqs");
const s3 = new AWS.S3({ region: "us-west-2" });
const sqs = new SQSClient({ region: "us-east1" });
` },
        { messageId: "invalid", line: 4, column: 38, endLine: 4, endColumn: 46 },
      ],
    },
    {
      name: "an availability zone",
      files: { ".aws/config": stagingIn("us-east-1a") },
      errors: [{ messageId: "invalid", line: 8, column: 10, endLine: 8, endColumn: 20, messageIncludes: ["availability zone", "Did you mean us-east-1?"], fixed: stagingIn("us-east-1") }],
    },
    {
      name: "a Google Cloud region name",
      files: { ".aws/config": stagingIn("us-east1") },
      errors: [{ messageId: "invalid", line: 8, column: 10, endLine: 8, endColumn: 18, messageIncludes: ["Google Cloud"], fixed: stagingIn("us-east-1") }],
    },
    {
      name: "an upper-case region code",
      files: { ".aws/config": stagingIn("US-EAST-1") },
      errors: [{ messageId: "invalid", line: 8, column: 10, endLine: 8, endColumn: 19, messageIncludes: ["upper case"], fixed: stagingIn("us-east-1") }],
    },
    {
      name: "an Azure location",
      files: { ".aws/config": stagingIn("eastus") },
      errors: [{ messageId: "invalid", line: 8, column: 10, endLine: 8, endColumn: 16, messageIncludes: ["Azure location"], fixed: stagingIn("us-east-1") }],
    },
    {
      name: "the aws-global pseudo-region",
      files: { ".aws/config": stagingIn("aws-global") },
      errors: [{ messageId: "invalid", line: 8, column: 10, endLine: 8, endColumn: 20, messageIncludes: ["pseudo-region"], fixed: stagingIn("us-east-1") }],
    },
    {
      name: "an unknown code close to a real one",
      files: { ".aws/config": stagingIn("eu-wst-1") },
      errors: [{ messageId: "invalid", line: 8, column: 10, endLine: 8, endColumn: 18, messageIncludes: ["is not an AWS region", "Did you mean eu-west-1?"], fixed: stagingIn("eu-west-1") }],
    },
    {
      name: "a display name",
      files: { ".aws/config": stagingIn("US East (N. Virginia)") },
      errors: [{ messageId: "invalid", line: 8, column: 10, endLine: 8, endColumn: 31, messageIncludes: ["display name"], fixed: stagingIn("us-east-1") }],
    },
    {
      name: "quotes and an inline comment stay outside the range and the fix",
      files: {
        ".aws/config": `[profile quoted]
region = "US-WEST-2"

[profile commented]
region = eu-west-1b # Ireland, zone b
`,
      },
      errors: [
        {
          messageId: "invalid",
          line: 2,
          column: 11,
          endLine: 2,
          endColumn: 20,
          fixed: `[profile quoted]
region = "us-west-2"

[profile commented]
region = eu-west-1b # Ireland, zone b
`,
        },
        {
          messageId: "invalid",
          line: 5,
          column: 10,
          endLine: 5,
          endColumn: 20,
          fixed: `[profile quoted]
region = "US-WEST-2"

[profile commented]
region = eu-west-1 # Ireland, zone b
`,
        },
      ],
    },
    {
      name: "FIPS pseudo-regions are a warning, without a fix",
      files: {
        ".aws/config": `[profile fips]
region = fips-us-east-1
use_fips_endpoint = false

[profile gov-fips]
region = us-gov-west-1-fips
`,
      },
      errors: [
        { messageId: "fipsPseudo", line: 2, column: 10, endLine: 2, endColumn: 24, severity: "warning", messageIncludes: ["Use us-east-1 with use_fips_endpoint = true."] },
        { messageId: "fipsPseudo", line: 6, column: 10, endLine: 6, endColumn: 28, severity: "warning", messageIncludes: ["Use us-gov-west-1 with"] },
      ],
    },
    {
      name: "sso_region of an sso-session and a region in the credentials file",
      files: {
        ".aws/config": `[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-central1

[profile dev]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = Developer
`,
        ".aws/credentials": `[ci]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
region = us-west-2b
`,
      },
      errors: [
        {
          messageId: "invalid",
          path: ".aws/config",
          line: 3,
          column: 14,
          endLine: 3,
          endColumn: 25,
          messageIncludes: ["The sso_region value eu-central1"],
          fixed: `[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-central-1

[profile dev]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = Developer
`,
        },
        {
          messageId: "invalid",
          path: ".aws/credentials",
          line: 4,
          column: 10,
          endLine: 4,
          endColumn: 20,
          fixed: `[ci]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
region = us-west-2
`,
        },
      ],
    },
    {
      name: "env: a Google Cloud region name in AWS_REGION of a .env",
      files: {
        ".env": `AWS_REGION=us-east1
BUCKET=example-site
`,
      },
      errors: [
        {
          messageId: "invalid",
          line: 1,
          column: 12,
          endLine: 1,
          endColumn: 20,
          messageIncludes: ["The AWS_REGION value us-east1 is a Google Cloud region name", "Did you mean us-east-1?"],
          fixed: `AWS_REGION=us-east-1
BUCKET=example-site
`,
        },
      ],
    },
    {
      name: "ci: an availability zone in the aws-region input of configure-aws-credentials",
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
          aws-region: us-east-1a
      - run: aws s3 sync dist s3://example-site
`,
      },
      errors: [
        {
          messageId: "invalid",
          line: 12,
          column: 23,
          endLine: 12,
          endColumn: 33,
          messageIncludes: ["The aws-region value us-east-1a is an availability zone"],
          fixed: `name: deploy
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
          aws-region: us-east-1
      - run: aws s3 sync dist s3://example-site
`,
        },
      ],
    },
    {
      name: "env: an incomplete --region in a shell script",
      files: {
        "scripts/backup.sh": `#!/bin/sh
set -eu
aws s3 sync /var/backups s3://example-backups --region eu-west
`,
      },
      errors: [
        {
          messageId: "invalid",
          line: 3,
          column: 56,
          endLine: 3,
          endColumn: 63,
          messageIncludes: ["The --region value eu-west is not an AWS region", "Did you mean eu-west-1?"],
          fixed: `#!/bin/sh
set -eu
aws s3 sync /var/backups s3://example-backups --region eu-west-1
`,
        },
      ],
    },
    {
      name: "gcp: a zone as CLOUDSDK_COMPUTE_REGION and a region as CLOUDSDK_COMPUTE_ZONE",
      files: {
        ".env": `CLOUDSDK_CORE_PROJECT=acme-prod
CLOUDSDK_COMPUTE_REGION=us-central1-a
CLOUDSDK_COMPUTE_ZONE=europe-west4
`,
      },
      errors: [
        {
          messageId: "location",
          line: 2,
          column: 25,
          endLine: 2,
          endColumn: 38,
          messageIncludes: ["is a zone (of us-central1), not a region", "gcloud (compute/region)", "Did you mean us-central1?"],
          fixed: `CLOUDSDK_CORE_PROJECT=acme-prod
CLOUDSDK_COMPUTE_REGION=us-central1
CLOUDSDK_COMPUTE_ZONE=europe-west4
`,
        },
        { messageId: "location", line: 3, column: 23, endLine: 3, endColumn: 35, messageIncludes: ["is a region, not a zone", "region:europe-west4"] },
      ],
    },
    {
      name: "gcp/azure: AWS names in GOOGLE_REGION and AZURE_LOCATION of a workflow",
      files: {
        ".github/workflows/infra.yml": `name: infra
on: push
jobs:
  plan:
    runs-on: ubuntu-latest
    env:
      GOOGLE_REGION: us-east-1
      AZURE_LOCATION: eu-west-1
    steps:
      - run: terraform plan
`,
      },
      errors: [
        { messageId: "location", line: 7, column: 22, endLine: 7, endColumn: 31, messageIncludes: ["is an AWS region name, not a Google Cloud region", "Did you mean us-east1? The Google Cloud region in the same place as us-east-1 is us-east4 (N. Virginia)."] },
        { messageId: "location", line: 8, column: 23, endLine: 8, endColumn: 32, messageIncludes: ["is an AWS region name, not an Azure location", "LocationNotAvailableForResourceGroup", "Did you mean northeurope?"] },
      ],
    },
    {
      name: "azure: a location written with a dash (azd environment file)",
      files: {
        ".azure/prod/.env": `AZURE_ENV_NAME="prod"
AZURE_LOCATION="east-us"
AZURE_SUBSCRIPTION_ID="0f3c6a52-8d3b-4f0e-9d51-2b7f6c1e4a90"
`,
      },
      errors: [
        {
          messageId: "location",
          line: 2,
          column: 17,
          endLine: 2,
          endColumn: 24,
          messageIncludes: ["Azure location names have none", "the Azure Developer CLI (azd)", "Did you mean eastus?"],
          fixed: `AZURE_ENV_NAME="prod"
AZURE_LOCATION="eastus"
AZURE_SUBSCRIPTION_ID="0f3c6a52-8d3b-4f0e-9d51-2b7f6c1e4a90"
`,
        },
      ],
    },
    {
      name: "gcp: an Azure name as Vertex AI's location, a typo in a Cloud Run region (a warning)",
      files: {
        "src/ai.ts": `import { VertexAI } from "@google-cloud/vertexai";
export const vertex = new VertexAI({ project: "acme-prod", location: "eastus" });
`,
        ".envrc": `export CLOUDSDK_RUN_REGION=europe-wst1
`,
      },
      errors: [
        { messageId: "location", path: ".envrc", line: 1, column: 28, endLine: 1, endColumn: 39, severity: "warning", messageIncludes: ["is not a Google Cloud region credlint knows", "Did you mean europe-west1?"] },
        { messageId: "location", path: "src/ai.ts", line: 2, column: 71, endLine: 2, endColumn: 77, messageIncludes: ["is an Azure location, not a Google Cloud location", "Did you mean us-east4?"] },
      ],
    },
    {
      name: "gcp/azure: a zone as deploy-cloudrun's region, dashes in a container app's location",
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
      - uses: google-github-actions/deploy-cloudrun@v2
        with:
          service: web
          image: us-docker.pkg.dev/acme-prod/web/web:latest
          region: us-central1-b
      - uses: azure/container-apps-deploy-action@v2
        with:
          containerAppName: web
          resourceGroup: web-prod
          location: west-europe
`,
      },
      errors: [
        { messageId: "location", line: 14, column: 19, endLine: 14, endColumn: 32, messageIncludes: ["is a zone (of us-central1)", "Did you mean us-central1?"] },
        { messageId: "location", line: 19, column: 21, endLine: 19, endColumn: 32, messageIncludes: ["Did you mean westeurope?"] },
      ],
    },
  ],
});
