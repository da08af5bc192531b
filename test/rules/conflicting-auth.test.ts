import rule from "../../rules/conflicting-auth.js";
import { fakeKeyId, fakeSecret } from "../support/fake-keys.js";
import { testRule } from "../support/rule-tester.js";

const keys = (seed: number): string => `aws_access_key_id = ${fakeKeyId(seed)}
aws_secret_access_key = ${fakeSecret(seed)}`;

testRule(rule, {
  valid: [
    {
      name: "terraform: use_oidc = var.x with x false in terraform.tfvars (and true only in a -var-file) is one sign-in",
      files: {
        "infra/providers.tf": `provider "azurerm" {\n  features {}\n  client_secret = var.client_secret\n  use_oidc      = var.use_oidc\n}\n\nvariable "use_oidc" {\n  default = false\n}\n`,
        "infra/terraform.tfvars": `use_oidc = false\n`,
        "infra/ci.tfvars": `use_oidc = true\n`,
      },
    },
    {
      name: "azurerm provider with one sign-in each: OIDC alone, a secret alone, use_oidc = false beside a secret",
      files: {
        "infra/providers.tf": `provider "azurerm" {
  features {}
  use_oidc = true
}

provider "azurerm" {
  alias = "legacy"
  features {}
  client_secret = var.client_secret
}

provider "azurerm" {
  alias = "ci"
  features {}
  use_oidc      = false
  client_secret = var.client_secret
}
`,
      },
    },
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
    {
      name: "env: AWS_PROFILE next to an empty AWS_ACCESS_KEY_ID in a .env",
      files: {
        ".env": `AWS_PROFILE=dev
AWS_ACCESS_KEY_ID=
AWS_SECRET_ACCESS_KEY=
AWS_REGION=eu-west-1
`,
      },
    },
    {
      name: "env: AZURE_CLIENT_SECRET and AZURE_CLIENT_CERTIFICATE_PATH without AZURE_CLIENT_ID",
      files: {
        ".env": `AZURE_TENANT_ID=00000000-0000-0000-0000-000000000000
AZURE_CLIENT_SECRET=\${AZURE_SECRET}
AZURE_CLIENT_CERTIFICATE_PATH=/etc/ssl/private/sp.pem
`,
      },
    },
    {
      name: "ci: configure-aws-credentials with role-to-assume alone (OIDC)",
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
          aws-region: eu-west-1
      - run: aws s3 sync dist s3://example-site
`,
      },
    },
    {
      name: "ci: configure-aws-credentials assuming a role with static keys and an external id (a documented mode)",
      files: {
        ".github/workflows/release.yml": `name: release
on:
  push:
    tags: ["v*"]
permissions:
  contents: read
  id-token: write # to sign the artifacts
jobs:
  upload:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Configure AWS credentials
        uses: aws-actions/configure-aws-credentials@v4
        with:
          aws-access-key-id: \${{ secrets.AWS_ACCESS_KEY_ID }}
          aws-secret-access-key: \${{ secrets.AWS_SECRET_ACCESS_KEY }}
          aws-region: us-east-2
          role-to-assume: \${{ secrets.AWS_UPLOAD_ROLE_ARN }}
          role-external-id: upload-release
          role-duration-seconds: 3600
          role-session-name: release-upload
      - run: aws s3 cp --recursive dist s3://example-releases/
`,
      },
    },
    {
      name: "ci: configure-aws-credentials chaining a second role from the first login's outputs",
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
      - id: creds
        uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: arn:aws:iam::123456789012:role/Ci
          aws-region: eu-west-1
          output-credentials: true
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          aws-access-key-id: \${{ steps.creds.outputs.aws-access-key-id }}
          aws-secret-access-key: \${{ steps.creds.outputs.aws-secret-access-key }}
          aws-session-token: \${{ steps.creds.outputs.aws-session-token }}
          role-to-assume: arn:aws:iam::210987654321:role/Deploy
          aws-region: eu-west-1
      - run: aws s3 sync dist s3://example-site
`,
      },
    },
    {
      name: "ci: azure/login with OIDC inputs only, and google auth with workload_identity_provider only",
      files: {
        ".github/workflows/cloud.yml": `name: cloud
on: push
permissions:
  id-token: write
jobs:
  azure:
    runs-on: ubuntu-latest
    steps:
      - uses: azure/login@v2
        with:
          client-id: \${{ secrets.AZURE_CLIENT_ID }}
          tenant-id: \${{ secrets.AZURE_TENANT_ID }}
          subscription-id: \${{ secrets.AZURE_SUBSCRIPTION_ID }}
  gcp:
    runs-on: ubuntu-latest
    steps:
      - uses: google-github-actions/auth@v2
        with:
          workload_identity_provider: projects/123456789/locations/global/workloadIdentityPools/github/providers/repo
          service_account: deploy@example-project.iam.gserviceaccount.com
`,
      },
    },
    {
      name: "ci: google auth given WIF or a key, whichever secret the repository defines (|| fallbacks)",
      files: {
        ".github/workflows/release.yml": `name: release
on: workflow_dispatch
permissions:
  id-token: write
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - uses: google-github-actions/auth@v3
        with:
          # Either workload identity federation (recommended) or a service-account key
          workload_identity_provider: \${{ secrets.RELEASE_WIF_PROVIDER || secrets.WIF_PROVIDER }}
          service_account: \${{ secrets.RELEASE_SERVICE_ACCOUNT || secrets.SERVICE_ACCOUNT }}
          credentials_json: \${{ secrets.RELEASE_SA_KEY || secrets.SA_KEY }}
`,
      },
    },
  ],
  invalid: [
    {
      name: "azurerm provider: a certificate and a secret (the certificate wins), use_oidc with a secret (the secret wins)",
      files: {
        "infra/providers.tf": `provider "azurerm" {
  features {}
  client_secret           = var.client_secret
  client_certificate_path = "certs/deployer.pfx"
}

provider "azurerm" {
  alias = "data"
  features {}
  use_oidc           = true
  client_certificate = filebase64("certs/data.pfx")
}
`,
      },
      errors: [
        { messageId: "azurermCertificateAndSecret", line: 3, column: 3, endLine: 3, endColumn: 16, messageIncludes: ["client_certificate_path and client_secret", "certificate first"] },
        { messageId: "azurermSecretAndOidc", line: 11, column: 3, endLine: 11, endColumn: 21, messageIncludes: ["uses the certificate first", "Remove client_certificate"] },
      ],
    },
    {
      name: "terraform: a provider block with a profile and keys (written or through var.): the keys win",
      files: {
        "infra/main.tf": `provider "aws" {\n  profile    = "analytics-prod"\n  access_key = var.deploy_access_key\n  secret_key = var.deploy_secret_key\n}\n\nprovider "aws" {\n  alias   = "audit"\n  profile = "analytics-audit"\n  access_key = ""\n}\n`,
      },
      errors: [{ messageId: "terraformProfileAndKeys", line: 2, column: 3, endLine: 2, endColumn: 10, messageIncludes: ["sets profile and also access_key, secret_key"] }],
    },
    {
      name: "terraform: use_oidc = var.x with x true in terraform.tfvars, next to a client secret: reported where the value is",
      files: {
        "infra/providers.tf": `provider "azurerm" {\n  features {}\n  client_id     = var.client_id\n  client_secret = var.client_secret\n  use_oidc      = var.use_oidc\n}\n\nvariable "use_oidc" {\n  default = false\n}\n`,
        "infra/terraform.tfvars": `client_id     = "b71d4e92-0c3a-4f5b-8e6d-1a2c3b4d5e6f"\nclient_secret = "set-by-the-pipeline"\nuse_oidc      = true\n`,
      },
      errors: [{ path: "infra/terraform.tfvars", messageId: "azurermSecretAndOidc", line: 2, column: 1, endLine: 2, endColumn: 14, messageIncludes: ["asks for OIDC (use_oidc) but also sets client_secret"] }],
    },
    {
      name: "env: AWS_PROFILE and the key pair in one .env",
      files: { ".env": `AWS_PROFILE=dev\nAWS_ACCESS_KEY_ID=\${AWS_KEY}\nAWS_SECRET_ACCESS_KEY=\${AWS_SECRET}\n` },
      errors: [{ messageId: "profileAndKeys", line: 1, column: 1, endLine: 1, endColumn: 12, messageIncludes: ["`.env` sets both"] }],
    },
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
    {
      name: "ci: configure-aws-credentials given keys, role-to-assume and web-identity-token-file",
      files: {
        ".github/workflows/deploy.yml": `name: deploy
on: push
jobs:
  deploy:
    runs-on: [self-hosted, eks]
    steps:
      - uses: actions/checkout@v4
      - name: Configure AWS credentials
        uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: arn:aws:iam::123456789012:role/Deploy
          web-identity-token-file: /var/run/secrets/eks.amazonaws.com/serviceaccount/token
          aws-region: eu-west-1
          aws-access-key-id: \${{ secrets.AWS_ACCESS_KEY_ID }}
          aws-secret-access-key: \${{ secrets.AWS_SECRET_ACCESS_KEY }}
      - run: aws s3 sync dist s3://example-site
`,
      },
      errors: [{ messageId: "keysUnusedWithTokenFile", line: 14, column: 11, endLine: 14, endColumn: 28, messageIncludes: ['step "Configure AWS credentials" of job deploy', "with the token file"] }],
    },
    {
      name: "ci: configure-aws-credentials given keys, role-to-assume and an OIDC audience",
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
      - uses: actions/checkout@v4
      - name: Configure AWS credentials
        uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: arn:aws:iam::123456789012:role/Deploy
          audience: sts.amazonaws.com
          aws-region: eu-west-1
          aws-access-key-id: \${{ secrets.AWS_ACCESS_KEY_ID }}
          aws-secret-access-key: \${{ secrets.AWS_SECRET_ACCESS_KEY }}
      - run: aws s3 sync dist s3://example-site
`,
      },
      errors: [{ messageId: "audienceWithKeys", line: 15, column: 11, endLine: 15, endColumn: 19, messageIncludes: ["never requests the token"] }],
    },
    {
      name: "ci: azure/login given creds and client-id",
      files: {
        ".github/workflows/azure.yml": `name: azure
on: push
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - name: Azure login
        uses: azure/login@v2
        with:
          creds: \${{ secrets.AZURE_CREDENTIALS }}
          client-id: \${{ secrets.AZURE_CLIENT_ID }}
          tenant-id: \${{ secrets.AZURE_TENANT_ID }}
          subscription-id: \${{ secrets.AZURE_SUBSCRIPTION_ID }}
      - run: az group list
`,
      },
      errors: [{ messageId: "azureCredsIgnored", line: 10, column: 11, endLine: 10, endColumn: 16, messageIncludes: ["both creds and client-id"] }],
    },
    {
      name: "ci: google-github-actions/auth given credentials_json and workload_identity_provider",
      files: {
        ".github/workflows/gcp.yml": `name: gcp
on: push
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - id: auth
        uses: google-github-actions/auth@v2
        with:
          credentials_json: \${{ secrets.GCP_SA_KEY }}
          workload_identity_provider: projects/123456789/locations/global/workloadIdentityPools/github/providers/repo
      - run: gcloud info
`,
      },
      errors: [{ messageId: "googleBoth", line: 11, column: 11, endLine: 11, endColumn: 37 }],
    },
    {
      name: "ci: AWS_PROFILE in the workflow env and keys in one job's env, reported once for that job",
      files: {
        ".github/workflows/ci.yml": `name: ci
on: push
env:
  AWS_PROFILE: ci
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: npm test
  upload:
    runs-on: ubuntu-latest
    env:
      AWS_ACCESS_KEY_ID: \${{ secrets.AWS_ACCESS_KEY_ID }}
      AWS_SECRET_ACCESS_KEY: \${{ secrets.AWS_SECRET_ACCESS_KEY }}
    steps:
      - run: aws s3 cp report.html s3://example-reports/
`,
      },
      errors: [{ messageId: "profileAndKeys", line: 4, column: 3, endLine: 4, endColumn: 14, messageIncludes: ["Job upload in .github/workflows/ci.yml"] }],
    },
    {
      name: "ci: a workflow-level AWS_PROFILE and keys, reported once for the workflow and not again per job",
      files: {
        ".github/workflows/ci.yml": `name: ci
on: push
env:
  AWS_PROFILE: ci
  AWS_ACCESS_KEY_ID: \${{ secrets.AWS_ACCESS_KEY_ID }}
  AWS_SECRET_ACCESS_KEY: \${{ secrets.AWS_SECRET_ACCESS_KEY }}
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: npm test
  upload:
    runs-on: ubuntu-latest
    env:
      BUCKET: example-reports
    steps:
      - run: aws s3 cp report.html s3://$BUCKET/
`,
      },
      errors: [{ messageId: "profileAndKeys", line: 4, column: 3, endLine: 4, endColumn: 14, messageIncludes: ["Workflow .github/workflows/ci.yml"] }],
    },
    {
      name: "ci: AZURE_CLIENT_SECRET and AZURE_CLIENT_CERTIFICATE_PATH with AZURE_CLIENT_ID in a job env",
      files: {
        ".github/workflows/azure.yml": `name: azure
on: push
jobs:
  integration:
    runs-on: ubuntu-latest
    env:
      AZURE_TENANT_ID: \${{ secrets.AZURE_TENANT_ID }}
      AZURE_CLIENT_ID: \${{ secrets.AZURE_CLIENT_ID }}
      AZURE_CLIENT_SECRET: \${{ secrets.AZURE_CLIENT_SECRET }}
      AZURE_CLIENT_CERTIFICATE_PATH: /tmp/sp.pem
    steps:
      - uses: actions/checkout@v4
      - run: npm ci && npm run test:integration
`,
      },
      errors: [{ messageId: "azureSecretAndCertificate", line: 10, column: 7, endLine: 10, endColumn: 36, messageIncludes: ["Job integration in .github/workflows/azure.yml"] }],
    },
  ],
});
