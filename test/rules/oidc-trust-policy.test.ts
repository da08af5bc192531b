import rule from "../../rules/oidc-trust-policy.js";
import { testRule } from "../support/rule-tester.js";

/** GitHub Actions' issuer as IAM writes it (condition-key prefix, `oidc-provider/` ARN suffix). */
const GH = "token.actions.githubusercontent.com";

// --- shared inputs ------------------------------------------------------------------------------------------------

/** A data-source trust policy that admits only the `production` environment, linked to role `billing-release`. */
/** A role whose trust policy has two statements (an environment, a branch) and the push-to-main workflow that assumes it. */
function twoStatementRelease(branch: string): Record<string, string> {
  const statement = (sub: string): string => `      {
        Effect    = "Allow"
        Action    = "sts:AssumeRoleWithWebIdentity"
        Principal = { Federated = "arn:aws:iam::123456789012:oidc-provider/${GH}" }
        Condition = { StringEquals = { "${GH}:sub" = "${sub}" } }
      }`;
  return {
    "infra/iam.tf": `resource "aws_iam_role" "release" {
  name = "two-statement-release"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
${statement("repo:acme-corp/billing:environment:production")},
${statement(`repo:acme-corp/billing:ref:refs/heads/${branch}`)}
    ]
  })
}
`,
    ".github/workflows/release.yml": `name: release
on:
  push:
    branches: [main]
jobs:
  publish:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
      contents: read
    steps:
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: arn:aws:iam::123456789012:role/two-statement-release
          aws-region: eu-west-1
`,
  };
}

const BILLING_ENV_ONLY = `data "aws_iam_policy_document" "release_trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::210987654321:oidc-provider/${GH}"]
    }

    condition {
      test     = "StringEquals"
      variable = "${GH}:aud"
      values   = ["sts.amazonaws.com"]
    }

    # Only deployments that go through the protected "production" environment.
    condition {
      test     = "StringEquals"
      variable = "${GH}:sub"
      values   = ["repo:acme-corp/billing:environment:production"]
    }
  }
}

resource "aws_iam_role" "release" {
  name               = "billing-release"
  assume_role_policy = data.aws_iam_policy_document.release_trust.json
}
`;

/** A jsonencode trust policy that admits only pushes to main, role `ledger-api-deploy`. */
const LEDGER_MAIN_ONLY = `resource "aws_iam_role" "api_deploy" {
  name = "ledger-api-deploy"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = "arn:aws:iam::210987654321:oidc-provider/${GH}" }
      Condition = {
        StringEquals = {
          "${GH}:aud" = "sts.amazonaws.com"
        }
        StringLike = {
          "${GH}:sub" = "repo:acme-corp/ledger-api:ref:refs/heads/main"
        }
      }
    }]
  })
}
`;

/** A trust policy whose audience is a custom value ("sigstore"), role `reports-publisher`. */
const REPORTS_CUSTOM_AUD = `resource "aws_iam_role" "reports" {
  name = "reports-publisher"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = "arn:aws:iam::210987654321:oidc-provider/${GH}" }
      Condition = {
        StringEquals = {
          "${GH}:aud" = "sigstore"
          "${GH}:sub" = "repo:acme-corp/reports:ref:refs/heads/main"
        }
      }
    }]
  })
}
`;

/** A GitHub workflow on push to `branches`, one job assuming `role` (extra `with:` lines and job lines optional). */
function workflow(o: { branches: string; role: string; job?: string; jobExtra?: string; withExtra?: string }): string {
  return `name: deploy
on:
  push:
    branches: [${o.branches}]
permissions:
  id-token: write
  contents: read
jobs:
  ${o.job ?? "deploy"}:
    runs-on: ubuntu-latest
${o.jobExtra ?? ""}    steps:
      - uses: actions/checkout@v4
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: arn:aws:iam::210987654321:role/${o.role}
          aws-region: eu-west-1
${o.withExtra ?? ""}      - run: make deploy
`;
}

testRule(rule, {
  valid: [
    {
      name: "a role whose provider and issuer come from variables named for GitHub is not taken for an EKS one (its issuer is unknown: not judged)",
      files: {
        "modules/github-role/main.tf": `resource "aws_iam_role" "ci" {
  name = "github-ci"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = var.github_oidc_provider_arn }
      Condition = {
        StringEquals = { "\${var.github_oidc_issuer}:aud" = "sts.amazonaws.com" }
      }
    }]
  })
}
`,
      },
    },
    {
      name: "a job that satisfies its Google provider's condition and requests an allowed audience",
      files: {
        "infra/wif.tf": `resource "google_iam_workload_identity_pool_provider" "deploy" {
  workload_identity_pool_id          = "github-actions"
  workload_identity_pool_provider_id = "deploy"
  attribute_condition                = "assertion.repository_owner == 'acme-corp' && assertion.environment == 'production'"
  oidc {
    issuer_uri        = "https://${GH}"
    allowed_audiences = ["https://github.com/acme-corp"]
  }
}
`,
        ".github/workflows/publish.yml": `on:
  push:
    branches: [main]
jobs:
  publish:
    runs-on: ubuntu-latest
    environment: production
    permissions:
      id-token: write
    steps:
      - uses: google-github-actions/auth@v2
        with:
          workload_identity_provider: projects/381029384756/locations/global/workloadIdentityPools/github-actions/providers/deploy
          audience: https://github.com/acme-corp
`,
      },
    },
    {
      name: "regression: a subject chosen by a conditional expression is not one template to shape-check",
      files: {
        "modules/gha-role/main.tf": `resource "aws_iam_role" "ci_role" {
  name = "ci--\${var.org}--\${var.repo}"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = data.terraform_remote_state.shared.outputs.gha_oidc_arn }
      Condition = {
        StringEquals = {
          "${GH}:sub" = (var.environment != null ?
            "repo:\${var.org}/\${var.repo}:environment:\${var.environment}" :
          "repo:\${var.org}/\${var.repo}:ref:refs/heads/\${var.branch}")
        }
      }
    }]
  })
}
`,
      },
    },
    {
      name: "regression: a role with two statements is allowed when one of them lets the job in",
      files: {
        ...twoStatementRelease("main"),
      },
    },
    {
      name: "GitHub: provider, data-source policy restricted to an environment and a release branch, a workflow in that environment",
      files: {
        "infra/github.tf": `resource "aws_iam_openid_connect_provider" "github" {
  url            = "https://${GH}"
  client_id_list = ["sts.amazonaws.com"]
}

data "aws_iam_policy_document" "deploy_trust" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.github.arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${GH}:aud"
      values   = ["sts.amazonaws.com"]
    }

    condition {
      test     = "StringLike"
      variable = "${GH}:sub"
      values = [
        "repo:acme-corp/storefront:environment:production",
        "repo:acme-corp/storefront:ref:refs/heads/release/*",
      ]
    }
  }
}
`,
        "infra/roles.tf": `resource "aws_iam_role" "deploy" {
  name               = "storefront-deploy"
  assume_role_policy = data.aws_iam_policy_document.deploy_trust.json
}
`,
        ".github/workflows/deploy.yml": workflow({ branches: "main", role: "storefront-deploy", jobExtra: "    environment: production\n" }),
      },
    },
    {
      name: "GitLab: CloudFormation role with a !Sub principal and a project_path subject",
      files: {
        "cloudformation/gitlab-role.yaml": `AWSTemplateFormatVersion: "2010-09-09"
Description: Role for the GitLab deploy pipeline of the storefront

Resources:
  GitLabDeployRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: storefront-gitlab-deploy
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: sts:AssumeRoleWithWebIdentity
            Principal:
              Federated: !Sub arn:aws:iam::\${AWS::AccountId}:oidc-provider/gitlab.com
            Condition:
              StringEquals:
                gitlab.com:aud: https://gitlab.com
              StringLike:
                gitlab.com:sub: project_path:acme-corp/storefront:ref_type:branch:ref:main
`,
      },
    },
    {
      name: "CircleCI: standalone policy JSON naming the organization and project UUIDs",
      files: {
        "iam/circleci-trust.json": `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {
        "Federated": "arn:aws:iam::123456789012:oidc-provider/oidc.circleci.com/org/5f9b7a4e-2c1d-4e8f-9a3b-6d2e1f0c7b84"
      },
      "Action": "sts:AssumeRoleWithWebIdentity",
      "Condition": {
        "StringEquals": {
          "oidc.circleci.com/org/5f9b7a4e-2c1d-4e8f-9a3b-6d2e1f0c7b84:aud": "5f9b7a4e-2c1d-4e8f-9a3b-6d2e1f0c7b84"
        },
        "StringLike": {
          "oidc.circleci.com/org/5f9b7a4e-2c1d-4e8f-9a3b-6d2e1f0c7b84:sub": "org/5f9b7a4e-2c1d-4e8f-9a3b-6d2e1f0c7b84/project/9c3e5a71-0b2d-4f6e-8a1c-3d7f9e2b4a60/user/*"
        }
      }
    }
  ]
}
`,
      },
    },
    {
      name: "Bitbucket: heredoc policy restricted to one repository UUID",
      files: {
        "terraform/bitbucket.tf": `resource "aws_iam_role" "docs_deploy" {
  name = "docs-bitbucket-deploy"

  assume_role_policy = <<-JSON
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Allow",
        "Principal": {
          "Federated": "arn:aws:iam::444455556666:oidc-provider/api.bitbucket.org/2.0/workspaces/acme-corp/pipelines-config/identity/oidc"
        },
        "Action": "sts:AssumeRoleWithWebIdentity",
        "Condition": {
          "StringEquals": {
            "api.bitbucket.org/2.0/workspaces/acme-corp/pipelines-config/identity/oidc:aud": "ari:cloud:bitbucket::workspace/3f1c8e2a-7b4d-4c9e-a6f5-2d8b0e1c9a73"
          },
          "StringLike": {
            "api.bitbucket.org/2.0/workspaces/acme-corp/pipelines-config/identity/oidc:sub": "{7a2d4c1e-9b3f-4e8a-b5c6-1d0e2f3a4b5c}:*"
          }
        }
      }]
    }
  JSON
}
`,
      },
    },
    {
      name: "HCP Terraform: provider with its own audience, data source restricted to one workspace",
      files: {
        "terraform/hcp.tf": `resource "aws_iam_openid_connect_provider" "tfc" {
  url             = "https://app.terraform.io"
  client_id_list  = ["aws.workload.identity"]
  thumbprint_list = ["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"]
}

data "aws_iam_policy_document" "tfc_trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.tfc.arn]
    }
    condition {
      test     = "StringEquals"
      variable = "app.terraform.io:aud"
      values   = ["aws.workload.identity"]
    }
    condition {
      test     = "StringLike"
      variable = "app.terraform.io:sub"
      values   = ["organization:acme-corp:project:Networking:workspace:vpc-prod:run_phase:*"]
    }
  }
}

resource "aws_iam_role" "tfc" {
  name               = "tfc-vpc-prod"
  assume_role_policy = data.aws_iam_policy_document.tfc_trust.json
}
`,
      },
    },
    {
      name: "EKS (IRSA): keys built from the provider URL without its scheme, and a literal cluster issuer in a policy file",
      files: {
        "eks/irsa.tf": `resource "aws_iam_openid_connect_provider" "eks" {
  url            = aws_eks_cluster.main.identity[0].oidc[0].issuer
  client_id_list = ["sts.amazonaws.com"]
}

locals {
  oidc_host = replace(aws_iam_openid_connect_provider.eks.url, "https://", "")
}

resource "aws_iam_role" "cert_manager" {
  name = "cert-manager"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = aws_iam_openid_connect_provider.eks.arn }
      Condition = {
        StringEquals = {
          "\${local.oidc_host}:sub" = "system:serviceaccount:cert-manager:cert-manager"
          "\${local.oidc_host}:aud" = "sts.amazonaws.com"
        }
      }
    }]
  })
}
`,
        "eks/load-balancer-controller.json": `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "Federated": "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/5C2A9D4E7B1F3A8C6E0D2B4F9A7C1E3D" },
    "Action": "sts:AssumeRoleWithWebIdentity",
    "Condition": {
      "StringEquals": {
        "oidc.eks.eu-west-1.amazonaws.com/id/5C2A9D4E7B1F3A8C6E0D2B4F9A7C1E3D:aud": "sts.amazonaws.com",
        "oidc.eks.eu-west-1.amazonaws.com/id/5C2A9D4E7B1F3A8C6E0D2B4F9A7C1E3D:sub": "system:serviceaccount:kube-system:aws-load-balancer-controller"
      }
    }
  }]
}
`,
      },
    },
    {
      name: "a dynamic \"condition\" block makes the statement opaque: no noSub",
      files: {
        "infra/dynamic.tf": `variable "subjects" {
  type    = list(string)
  default = ["repo:acme-corp/api:ref:refs/heads/main"]
}

data "aws_iam_policy_document" "github" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::123456789012:oidc-provider/${GH}"]
    }
    condition {
      test     = "StringEquals"
      variable = "${GH}:aud"
      values   = ["sts.amazonaws.com"]
    }
    dynamic "condition" {
      for_each = length(var.subjects) > 0 ? [1] : []
      content {
        test     = "StringLike"
        variable = "${GH}:sub"
        values   = var.subjects
      }
    }
  }
}
`,
      },
    },
    {
      name: "Condition = local.conditions is opaque: no noSub",
      files: {
        "infra/locals.tf": `locals {
  conditions = {
    StringEquals = { "${GH}:aud" = "sts.amazonaws.com" }
    StringLike   = { "${GH}:sub" = "repo:acme-corp/api:*" }
  }
}

resource "aws_iam_role" "api" {
  name = "api-deploy"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = "arn:aws:iam::123456789012:oidc-provider/${GH}" }
      Condition = local.conditions
    }]
  })
}
`,
      },
    },
    {
      name: "SAML and Cognito federated principals are not CI issuers: not judged",
      files: {
        "infra/sso.tf": `resource "aws_iam_role" "okta_admin" {
  name = "okta-admin"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithSAML"
      Principal = { Federated = "arn:aws:iam::123456789012:saml-provider/Okta" }
      Condition = {
        StringEquals = { "SAML:aud" = "https://signin.aws.amazon.com/saml" }
      }
    }]
  })
}

resource "aws_iam_role" "cognito_authenticated" {
  name = "mobile-app-authenticated"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = "cognito-identity.amazonaws.com" }
      Condition = {
        StringEquals = { "cognito-identity.amazonaws.com:aud" = "eu-west-1:7d9c2b1a-4e3f-4a5b-8c6d-0e1f2a3b4c5d" }
        "ForAnyValue:StringLike" = { "cognito-identity.amazonaws.com:amr" = "authenticated" }
      }
    }]
  })
}
`,
      },
    },
    {
      name: "a policy without sub in a test/ folder is not judged",
      files: {
        "test/fixtures/github-trust.json": `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "Federated": "arn:aws:iam::123456789012:oidc-provider/${GH}" },
    "Action": "sts:AssumeRoleWithWebIdentity"
  }]
}
`,
      },
    },
    {
      name: "a sub built with ${var.org}/${var.repo} whose shape around the interpolations is right",
      files: {
        "infra/interp.tf": `variable "org" {
  type    = string
  default = "acme-corp"
}

variable "repo" {
  type = string
}

resource "aws_iam_role" "svc" {
  name = "svc-deploy"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = "arn:aws:iam::123456789012:oidc-provider/${GH}" }
      Condition = {
        StringEquals = { "${GH}:aud" = "sts.amazonaws.com" }
        StringLike   = { "${GH}:sub" = "repo:\${var.org}/\${var.repo}:ref:refs/heads/*" }
      }
    }]
  })
}
`,
      },
    },
    {
      name: "a workflow_dispatch workflow: its ref is unknown, no workflowSub",
      files: {
        "infra/ledger.tf": LEDGER_MAIN_ONLY,
        ".github/workflows/manual.yml": `on: workflow_dispatch
permissions:
  id-token: write
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: arn:aws:iam::210987654321:role/ledger-api-deploy
          aws-region: us-east-2
`,
      },
    },
    {
      name: "a job whose environment (name: form) is the one the policy allows",
      files: {
        "infra/github-roles.tf": BILLING_ENV_ONLY,
        ".github/workflows/release.yml": workflow({ branches: "main", role: "billing-release", job: "publish", jobExtra: "    environment:\n      name: production\n      url: https://billing.acme-corp.example\n" }),
      },
    },
    {
      name: "a job pushing to main against a main-only policy",
      files: {
        "infra/ledger.tf": LEDGER_MAIN_ONLY,
        ".github/workflows/deploy.yml": workflow({ branches: "main", role: "ledger-api-deploy" }),
      },
    },
    {
      name: "a custom audience that the workflow sends: neither wrongAudience nor workflowAudience",
      files: {
        "infra/reports.tf": REPORTS_CUSTOM_AUD,
        ".github/workflows/publish.yml": workflow({ branches: "main", role: "reports-publisher", job: "publish", withExtra: "          audience: sigstore\n" }),
      },
    },
    {
      name: "CloudFormation JSON role and a workflow in its environment",
      files: {
        "cfn/catalog.template.json": `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "DeployRole": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "RoleName": "catalog-deploy",
        "AssumeRolePolicyDocument": {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Action": ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"],
              "Principal": { "Federated": { "Fn::Sub": "arn:aws:iam::\${AWS::AccountId}:oidc-provider/${GH}" } },
              "Condition": {
                "StringEquals": { "${GH}:aud": "sts.amazonaws.com" },
                "StringLike": { "${GH}:sub": "repo:acme-corp/catalog:environment:prod*" }
              }
            }
          ]
        }
      }
    }
  }
}
`,
        ".github/workflows/deploy.yml": workflow({ branches: "main", role: "catalog-deploy", jobExtra: "    environment: production\n" }),
      },
    },
    {
      name: "Azure federated credential and GCP provider written correctly",
      files: {
        "cloud/federation.tf": `resource "azuread_application_federated_identity_credential" "storefront" {
  application_id = "/applications/3c8e1f2a-9b7d-4e6c-a5f4-1d2e3f4a5b6c"
  display_name   = "storefront-production"
  audiences      = ["api://AzureADTokenExchange"]
  issuer         = "https://${GH}"
  subject        = "repo:acme-corp/storefront:environment:production"
}

resource "google_iam_workload_identity_pool_provider" "github" {
  workload_identity_pool_id          = "github"
  workload_identity_pool_provider_id = "storefront"
  attribute_condition                = "assertion.repository_owner == 'acme-corp'"
  attribute_mapping = {
    "google.subject"       = "assertion.sub"
    "attribute.repository" = "assertion.repository"
  }
  oidc {
    issuer_uri = "https://${GH}"
  }
}
`,
      },
    },
  ],
  invalid: [
    {
      name: "gcpWorkflowAudience and gcpWorkflowCondition: a job without the environment and with the default audience",
      files: {
        "infra/wif.tf": `resource "google_iam_workload_identity_pool" "github" {
  workload_identity_pool_id = "github-actions"
}

resource "google_iam_workload_identity_pool_provider" "deploy" {
  workload_identity_pool_id          = google_iam_workload_identity_pool.github.workload_identity_pool_id
  workload_identity_pool_provider_id = "deploy"
  attribute_condition                = "assertion.repository_owner == 'acme-corp' && assertion.ref == 'refs/heads/main'"
  oidc {
    issuer_uri        = "https://${GH}"
    allowed_audiences = ["https://github.com/acme-corp"]
  }
}
`,
        ".github/workflows/publish.yml": `on:
  push:
    branches: [develop]
jobs:
  publish:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
    steps:
      - uses: google-github-actions/auth@v2
        with:
          workload_identity_provider: projects/381029384756/locations/global/workloadIdentityPools/github-actions/providers/deploy
`,
      },
      errors: [
        { messageId: "gcpWorkflowAudience", path: ".github/workflows/publish.yml", line: 12, column: 39, endLine: 12, endColumn: 131, messageIncludes: ['"https://iam.googleapis.com/projects/381029384756/locations/global/workloadIdentityPools/github-actions/providers/deploy"'] },
        { messageId: "gcpWorkflowCondition", path: ".github/workflows/publish.yml", line: 12, column: 39, endLine: 12, endColumn: 131, messageIncludes: ["`assertion.ref == 'refs/heads/main'`", "`refs/heads/develop`"] },
      ],
    },
    {
      name: "regression: a heredoc policy whose issuer comes from a literal local",
      files: {
        "infra/iam.tf": `locals {
  gh = "${GH}"
}

resource "aws_iam_role" "deploy" {
  name = "heredoc-deploy"
  assume_role_policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Allow",
        "Action": "sts:AssumeRoleWithWebIdentity",
        "Principal": { "Federated": "arn:aws:iam::123456789012:oidc-provider/\${local.gh}" },
        "Condition": { "StringEquals": { "\${local.gh}:aud": "sts.amazonaws.com" } }
      }]
    }
  EOF
}
`,
      },
      errors: [{ messageId: "noSub", line: 13, column: 38, endLine: 13, endColumn: 89 }],
    },
    {
      name: "regression: a policy written as one quoted JSON string",
      files: {
        "infra/iam.tf": `resource "aws_iam_role" "deploy" {
  name               = "string-deploy"
  assume_role_policy = "{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Principal\\":{\\"Federated\\":\\"arn:aws:iam::123456789012:oidc-provider/${GH}\\"},\\"Action\\":\\"sts:AssumeRoleWithWebIdentity\\"}]}"
}
`,
      },
      errors: [{ messageId: "noSub", line: 3, column: 25, endLine: 3, endColumn: 247 }],
    },
    {
      name: "regression: owners with wildcards let strangers in (any owner's infrastructure repo, an owner prefix)",
      files: {
        "trust.json": `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "Federated": "arn:aws:iam::123456789012:oidc-provider/${GH}" },
      "Action": "sts:AssumeRoleWithWebIdentity",
      "Condition": { "StringLike": { "${GH}:sub": "repo:*/infrastructure:*" } }
    },
    {
      "Effect": "Allow",
      "Principal": { "Federated": "arn:aws:iam::123456789012:oidc-provider/${GH}" },
      "Action": "sts:AssumeRoleWithWebIdentity",
      "Condition": { "StringLike": { "${GH}:sub": "repo:acme-corp*" } }
    }
  ]
}
`,
      },
      errors: [
        { messageId: "anySub", line: 8, column: 82, endLine: 8, endColumn: 105 },
        { messageId: "anySub", line: 14, column: 82, endLine: 14, endColumn: 97 },
      ],
    },
    {
      name: "regression: an EKS subject with a wildcard for everything",
      files: {
        "irsa.tf": `resource "aws_iam_role" "any_pod" {
  name = "any-pod"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/5C6A9B1E0D3F4A2B8C7D6E5F4A3B2C1D" }
      Condition = {
        StringLike = { "oidc.eks.eu-west-1.amazonaws.com/id/5C6A9B1E0D3F4A2B8C7D6E5F4A3B2C1D:sub" = "system:serviceaccount:*" }
      }
    }]
  })
}
`,
      },
      errors: [{ messageId: "eksAnySub", line: 10, column: 102, endLine: 10, endColumn: 125, messageIncludes: ["every service account of the cluster"] }],
    },
    {
      name: "regression: an interpolated subject under StringEquals is shape-checked too",
      files: {
        "iam.tf": `resource "aws_iam_role" "deploy" {
  name = "interpolated-deploy"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = "arn:aws:iam::123456789012:oidc-provider/${GH}" }
      Condition = {
        StringEquals = { "${GH}:sub" = "repo:\${var.org}/\${var.repo}:ref:main" }
      }
    }]
  })
}
`,
      },
      errors: [{ messageId: "malformedSub", line: 10, column: 71, endLine: 10, endColumn: 107 }],
    },
    {
      name: "regression: a provider URL without https:// and without a client ID list",
      files: {
        "oidc.yaml": `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  GitHubProvider:
    Type: AWS::IAM::OIDCProvider
    Properties:
      Url: ${GH}
`,
      },
      errors: [{ messageId: "providerUrl", line: 6, column: 12, endLine: 6, endColumn: 47 }],
    },
    {
      name: "regression: a GCP provider whose attribute_condition is empty or null",
      files: {
        "wif.tf": `resource "google_iam_workload_identity_pool_provider" "empty" {
  workload_identity_pool_id          = "github"
  workload_identity_pool_provider_id = "empty"
  attribute_condition                = ""
  oidc {
    issuer_uri = "https://${GH}"
  }
}

resource "google_iam_workload_identity_pool_provider" "unset" {
  workload_identity_pool_id          = "github"
  workload_identity_pool_provider_id = "unset"
  attribute_condition                = null
  oidc {
    issuer_uri = "https://${GH}"
  }
}
`,
      },
      errors: [
        { messageId: "gcpNoCondition", line: 1, column: 56, endLine: 1, endColumn: 61 },
        { messageId: "gcpNoCondition", line: 10, column: 56, endLine: 10, endColumn: 61 },
      ],
    },
    {
      name: "regression: a role with two statements, neither of which lets the job in",
      files: {
        ...twoStatementRelease("develop"),
      },
      errors: [{ messageId: "workflowSub", path: ".github/workflows/release.yml", line: 14, column: 27, endLine: 14, endColumn: 79 }],
    },
    {
      name: "noSub: jsonencode, principal is the provider resource of the same folder",
      files: {
        "infra/iam.tf": `resource "aws_iam_openid_connect_provider" "github" {
  url             = "https://${GH}"
  client_id_list  = ["sts.amazonaws.com"]
  thumbprint_list = ["6938fd4d98bab03faadb97b34396831e3780aea1"]
}

resource "aws_iam_role" "deploy" {
  name = "orders-deploy"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = aws_iam_openid_connect_provider.github.arn }
      Condition = {
        StringEquals = {
          "${GH}:aud" = "sts.amazonaws.com"
        }
      }
    }]
  })
}
`,
      },
      errors: [{ messageId: "noSub", line: 14, column: 33, endLine: 14, endColumn: 75, severity: "error", messageIncludes: ["GitHub Actions", `(${GH})`, `\`${GH}:sub\``] }],
    },
    {
      name: "noSub: GitLab in a heredoc",
      files: {
        "terraform/gitlab.tf": `resource "aws_iam_role" "gitlab" {
  name = "gitlab-runner-deploy"

  assume_role_policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {
        "Federated": "arn:aws:iam::444455556666:oidc-provider/gitlab.com"
      },
      "Action": "sts:AssumeRoleWithWebIdentity",
      "Condition": {
        "StringEquals": {
          "gitlab.com:aud": "https://gitlab.com"
        }
      }
    }
  ]
}
EOF
}
`,
      },
      errors: [{ messageId: "noSub", line: 11, column: 23, endLine: 11, endColumn: 73, messageIncludes: ["GitLab CI/CD (gitlab.com)"] }],
    },
    {
      name: "noSub: CloudFormation YAML, !Ref to the template's OIDC provider",
      files: {
        "cfn/site.yaml": `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  GitHubOIDCProvider:
    Type: AWS::IAM::OIDCProvider
    Properties:
      Url: https://${GH}
      ClientIdList:
        - sts.amazonaws.com
  SiteDeployRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: marketing-site-deploy
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: sts:AssumeRoleWithWebIdentity
            Principal:
              Federated: !Ref GitHubOIDCProvider
`,
      },
      errors: [{ messageId: "noSub", line: 19, column: 26, endLine: 19, endColumn: 49, messageIncludes: ["GitHub Actions"] }],
    },
    {
      name: "noSub: CloudFormation YAML, Bitbucket principal written with !Sub",
      files: {
        "cfn/bitbucket.yaml": `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  BitbucketRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: docs-bitbucket-deploy
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: sts:AssumeRoleWithWebIdentity
            Principal:
              Federated: !Sub arn:aws:iam::\${AWS::AccountId}:oidc-provider/api.bitbucket.org/2.0/workspaces/acme-corp/pipelines-config/identity/oidc
            Condition:
              StringEquals:
                api.bitbucket.org/2.0/workspaces/acme-corp/pipelines-config/identity/oidc:aud: ari:cloud:bitbucket::workspace/3f1c8e2a-7b4d-4c9e-a6f5-2d8b0e1c9a73
`,
      },
      errors: [{ messageId: "noSub", line: 13, column: 26, endLine: 13, endColumn: 149, messageIncludes: ["Bitbucket Pipelines"] }],
    },
    {
      name: "anySub: standalone policy JSON with repo:*",
      files: {
        "iam/github-actions-trust.json": `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "AllowGitHubActions",
      "Effect": "Allow",
      "Principal": { "Federated": "arn:aws:iam::123456789012:oidc-provider/${GH}" },
      "Action": "sts:AssumeRoleWithWebIdentity",
      "Condition": {
        "StringEquals": { "${GH}:aud": "sts.amazonaws.com" },
        "StringLike": { "${GH}:sub": "repo:*" }
      }
    }
  ]
}
`,
      },
      errors: [{ messageId: "anySub", line: 11, column: 69, endLine: 11, endColumn: 75, severity: "error", messageIncludes: ['"repo:*"', "anyone on GitHub Actions can create"] }],
    },
    {
      name: "anySub: GitLab, Statement written as an object, any project path",
      files: {
        "iam/gitlab-trust.json": `{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Allow",
    "Principal": { "Federated": "arn:aws:iam::123456789012:oidc-provider/gitlab.com" },
    "Action": "sts:AssumeRoleWithWebIdentity",
    "Condition": {
      "StringLike": { "gitlab.com:sub": "project_path:*:ref_type:branch:ref:main" }
    }
  }
}
`,
      },
      errors: [{ messageId: "anySub", line: 8, column: 42, endLine: 8, endColumn: 81, messageIncludes: ["anyone on GitLab CI/CD can create"] }],
    },
    {
      name: "eksNoSub: an audience-only IRSA policy keyed through a local",
      files: {
        "eks/irsa.tf": `data "aws_eks_cluster" "main" {
  name = "platform-prod"
}

resource "aws_iam_openid_connect_provider" "eks" {
  url            = data.aws_eks_cluster.main.identity[0].oidc[0].issuer
  client_id_list = ["sts.amazonaws.com"]
}

locals {
  oidc_issuer = replace(aws_iam_openid_connect_provider.eks.url, "https://", "")
}

resource "aws_iam_role" "external_dns" {
  name = "platform-prod-external-dns"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = aws_iam_openid_connect_provider.eks.arn }
      Condition = {
        StringEquals = {
          "\${local.oidc_issuer}:aud" = "sts.amazonaws.com"
        }
      }
    }]
  })
}
`,
      },
      errors: [{ messageId: "eksNoSub", line: 21, column: 33, endLine: 21, endColumn: 72, messageIncludes: ["any service account"] }],
    },
    {
      name: "wildcardEquals: data source linked to a role through .json",
      files: {
        "infra/oidc.tf": `data "aws_iam_policy_document" "github_trust" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::210987654321:oidc-provider/${GH}"]
    }

    condition {
      test     = "StringEquals"
      variable = "${GH}:aud"
      values   = ["sts.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "${GH}:sub"
      values   = ["repo:acme-corp/payments-api:*"]
    }
  }
}

resource "aws_iam_role" "payments_deploy" {
  name               = "payments-api-deploy"
  assume_role_policy = data.aws_iam_policy_document.github_trust.json
}
`,
      },
      errors: [{ messageId: "wildcardEquals", line: 18, column: 19, endLine: 18, endColumn: 31, messageIncludes: ['"repo:acme-corp/payments-api:*"', "Use `StringLike`"] }],
    },
    {
      name: "wildcardEquals: CloudFormation YAML, reported on the operator",
      files: {
        "cfn/ci-role.yml": `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Provider:
    Type: AWS::IAM::OIDCProvider
    Properties:
      Url: https://${GH}
      ClientIdList: [sts.amazonaws.com]
  CiRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: ci-role
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Action: sts:AssumeRoleWithWebIdentity
            Principal:
              Federated: !GetAtt Provider.Arn
            Condition:
              StringEquals:
                ${GH}:sub: repo:acme-corp/ci:*
`,
      },
      errors: [{ messageId: "wildcardEquals", line: 19, column: 15, endLine: 19, endColumn: 27 }],
    },
    {
      name: "malformedSub (GitHub): CloudFormation YAML sub without refs/heads/",
      files: {
        "cloudformation/site.yaml": `AWSTemplateFormatVersion: "2010-09-09"
Description: GitHub Actions deploy role for the marketing site

Resources:
  GitHubOIDCProvider:
    Type: AWS::IAM::OIDCProvider
    Properties:
      Url: https://${GH}
      ClientIdList:
        - sts.amazonaws.com

  SiteDeployRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: marketing-site-deploy
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: sts:AssumeRoleWithWebIdentity
            Principal:
              Federated: !Ref GitHubOIDCProvider
            Condition:
              StringEquals:
                ${GH}:aud: sts.amazonaws.com
              StringLike:
                ${GH}:sub: repo:acme-corp/marketing-site:ref:main
`,
      },
      errors: [{ messageId: "malformedSub", line: 27, column: 58, endLine: 27, endColumn: 96, messageIncludes: ['"ref:" is followed by the full ref'] }],
    },
    {
      name: "malformedSub (GitLab): heredoc ref with refs/heads/",
      files: {
        "terraform/gitlab.tf": `resource "aws_iam_role" "gitlab" {
  name = "gitlab-runner-deploy"

  assume_role_policy = <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Principal": {
            "Federated": "arn:aws:iam::444455556666:oidc-provider/gitlab.com"
          },
          "Action": "sts:AssumeRoleWithWebIdentity",
          "Condition": {
            "StringEquals": {
              "gitlab.com:aud": "https://gitlab.com",
              "gitlab.com:sub": "project_path:acme-corp/storefront:ref_type:branch:ref:refs/heads/main"
            }
          }
        }
      ]
    }
  POLICY
}
`,
      },
      errors: [{ messageId: "malformedSub", line: 17, column: 34, endLine: 17, endColumn: 103, messageIncludes: ["bare branch or tag name"] }],
    },
    {
      name: "malformedSub (Azure subject): a branch: qualifier",
      files: {
        "azure/federation.tf": `resource "azurerm_user_assigned_identity" "deployer" {
  name                = "inventory-deployer"
  location            = "westeurope"
  resource_group_name = "rg-inventory-prod"
}

resource "azurerm_federated_identity_credential" "main" {
  name                = "github-main"
  resource_group_name = "rg-inventory-prod"
  parent_id           = azurerm_user_assigned_identity.deployer.id
  audience            = ["api://AzureADTokenExchange"]
  issuer              = "https://${GH}"
  subject             = "repo:acme-corp/inventory-service:branch:main"
}
`,
      },
      errors: [{ messageId: "malformedSub", line: 13, column: 26, endLine: 13, endColumn: 70, messageIncludes: ['no "branch:" qualifier'] }],
    },
    {
      name: "malformedSub: interpolated owner and repository, shape around them wrong",
      files: {
        "infra/interp.tf": `resource "aws_iam_role" "svc" {
  name = "svc-deploy"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = "arn:aws:iam::123456789012:oidc-provider/${GH}" }
      Condition = {
        StringEquals = { "${GH}:aud" = "sts.amazonaws.com" }
        StringLike   = { "${GH}:sub" = "repo:\${var.org}/\${var.repo}:ref:main" }
      }
    }]
  })
}
`,
      },
      errors: [{ messageId: "malformedSub", line: 11, column: 71, endLine: 11, endColumn: 107, messageIncludes: ['"repo:${var.org}/${var.repo}:ref:main"'] }],
    },
    {
      name: "malformedSub (EKS): the plural serviceaccounts group",
      files: {
        "iam/aws-node-trust.json": `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "Federated": "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/5C2A9D4E7B1F3A8C6E0D2B4F9A7C1E3D" },
    "Action": "sts:AssumeRoleWithWebIdentity",
    "Condition": {
      "StringEquals": {
        "oidc.eks.eu-west-1.amazonaws.com/id/5C2A9D4E7B1F3A8C6E0D2B4F9A7C1E3D:aud": "sts.amazonaws.com",
        "oidc.eks.eu-west-1.amazonaws.com/id/5C2A9D4E7B1F3A8C6E0D2B4F9A7C1E3D:sub": "system:serviceaccounts:kube-system"
      }
    }
  }]
}
`,
      },
      errors: [{ messageId: "malformedSub", line: 10, column: 86, endLine: 10, endColumn: 120, messageIncludes: ["(plural) is a group"] }],
    },
    {
      name: "a *.json.tpl template with %{ if } directives and a bare ${var} value is read: malformedSub",
      files: {
        "infra/templates/deploy-trust.json.tpl": `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {
        "Federated": "arn:aws:iam::\${account_id}:oidc-provider/${GH}"
      },
      "Action": "sts:AssumeRoleWithWebIdentity",
      "Condition": {
        "StringEquals": {
          "${GH}:aud": \${audiences}
        },
        "StringLike": {
          "${GH}:sub": [
            "repo:acme-corp/\${repository}:ref:main"
            %{ if allow_pull_requests }
            , "repo:acme-corp/\${repository}:pull_request"
            %{ endif }
          ]
        }
      }
    }
  ]
}
`,
      },
      errors: [{ messageId: "malformedSub", line: 16, column: 14, endLine: 16, endColumn: 51 }],
    },
    {
      name: "misspeltIssuer in a condition key (heredoc)",
      files: {
        "infra/trust.tf": `resource "aws_iam_role" "terraform_plan" {
  name = "github-terraform-plan"

  assume_role_policy = <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Principal": {
            "Federated": "arn:aws:iam::345678901234:oidc-provider/${GH}"
          },
          "Action": "sts:AssumeRoleWithWebIdentity",
          "Condition": {
            "StringEquals": {
              "${GH}:aud": "sts.amazonaws.com"
            },
            "StringLike": {
              "token.action.githubusercontent.com:sub": "repo:acme-corp/infrastructure:*"
            }
          }
        }
      ]
    }
  POLICY
}
`,
      },
      errors: [{ messageId: "misspeltIssuer", line: 19, column: 16, endLine: 19, endColumn: 54, messageIncludes: ['"token.action.githubusercontent.com"', `did you mean "${GH}"`] }],
    },
    {
      name: "misspeltIssuer in an OIDC provider URL",
      files: {
        "infra/provider.tf": `resource "aws_iam_openid_connect_provider" "github" {
  url             = "https://token.actions.githubusercontent.co"
  client_id_list  = ["sts.amazonaws.com"]
  thumbprint_list = ["6938fd4d98bab03faadb97b34396831e3780aea1"]
}
`,
      },
      errors: [{ messageId: "misspeltIssuer", line: 2, column: 22, endLine: 2, endColumn: 64, messageIncludes: ['"token.actions.githubusercontent.co"'] }],
    },
    {
      name: "schemeInKey in a condition key, and wrongAction sts:AssumeRole for a web identity",
      files: {
        "infra/apply.tf": `resource "aws_iam_role" "terraform_apply" {
  name = "github-terraform-apply"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Federated = "arn:aws:iam::345678901234:oidc-provider/${GH}" }
      Condition = {
        StringEquals = {
          "https://${GH}:aud" = "sts.amazonaws.com"
          "${GH}:sub"         = "repo:acme-corp/infrastructure:ref:refs/heads/main"
        }
      }
    }]
  })
}
`,
      },
      errors: [
        { messageId: "wrongAction", line: 8, column: 20, endLine: 8, endColumn: 34, messageIncludes: ["`sts:AssumeRole`"] },
        { messageId: "schemeInKey", line: 12, column: 12, endLine: 12, endColumn: 59, messageIncludes: [`"https://${GH}"`] },
      ],
    },
    {
      name: "schemeInKey in a provider ARN",
      files: {
        "iam/app-trust.json": `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "Federated": "arn:aws:iam::123456789012:oidc-provider/https://${GH}" },
    "Action": "sts:AssumeRoleWithWebIdentity",
    "Condition": { "StringLike": { "${GH}:sub": "repo:acme-corp/app:*" } }
  }]
}
`,
      },
      errors: [{ messageId: "schemeInKey", line: 5, column: 34, endLine: 5, endColumn: 117 }],
    },
    {
      name: "issuerUrlInKey: condition keys built from the EKS cluster's issuer URL",
      files: {
        "eks/irsa.tf": `data "aws_eks_cluster" "main" {
  name = "platform-prod"
}

data "aws_iam_openid_connect_provider" "eks" {
  url = data.aws_eks_cluster.main.identity[0].oidc[0].issuer
}

resource "aws_iam_role" "ebs_csi" {
  name = "platform-prod-ebs-csi"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = data.aws_iam_openid_connect_provider.eks.arn }
      Condition = {
        StringEquals = {
          "\${data.aws_eks_cluster.main.identity[0].oidc[0].issuer}:sub" = "system:serviceaccount:kube-system:ebs-csi-controller-sa"
          "\${data.aws_eks_cluster.main.identity[0].oidc[0].issuer}:aud" = "sts.amazonaws.com"
        }
      }
    }]
  })
}
`,
      },
      errors: [
        { messageId: "issuerUrlInKey", line: 19, column: 12, endLine: 19, endColumn: 71, messageIncludes: ["`data.aws_eks_cluster.main.identity[0].oidc[0].issuer`"] },
        { messageId: "issuerUrlInKey", line: 20, column: 12, endLine: 20, endColumn: 71 },
      ],
    },
    {
      name: "wrongAudience: GitHub's own default audience, no workflow sends it to AWS",
      files: {
        "iam/deploy-trust.json": `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "Federated": "arn:aws:iam::123456789012:oidc-provider/${GH}" },
      "Action": "sts:AssumeRoleWithWebIdentity",
      "Condition": {
        "StringEquals": {
          "${GH}:aud": "https://github.com/acme-corp",
          "${GH}:sub": "repo:acme-corp/ledger:ref:refs/heads/main"
        }
      }
    }
  ]
}
`,
      },
      errors: [{ messageId: "wrongAudience", line: 10, column: 55, endLine: 10, endColumn: 83, messageIncludes: ['"https://github.com/acme-corp"', "aws-actions/configure-aws-credentials sends \"sts.amazonaws.com\""] }],
    },
    {
      name: "wrongAudience: IRSA with the Kubernetes API audience",
      files: {
        "eks/roles.tf": `resource "aws_iam_role" "karpenter" {
  name = "karpenter-controller"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/A1B2C3D4E5F60718293A4B5C6D7E8F90" }
      Condition = {
        StringEquals = {
          "oidc.eks.us-east-1.amazonaws.com/id/A1B2C3D4E5F60718293A4B5C6D7E8F90:aud" = "https://kubernetes.default.svc"
          "oidc.eks.us-east-1.amazonaws.com/id/A1B2C3D4E5F60718293A4B5C6D7E8F90:sub" = "system:serviceaccount:karpenter:karpenter"
        }
      }
    }]
  })
}
`,
      },
      errors: [{ messageId: "wrongAudience", line: 11, column: 89, endLine: 11, endColumn: 119, messageIncludes: ["the EKS pod identity webhook (IRSA)"] }],
    },
    {
      name: "providerUrl and providerAudience: Terraform provider without scheme, GitHub's default audience",
      files: {
        "infra/provider.tf": `resource "aws_iam_openid_connect_provider" "github" {
  url             = "${GH}"
  client_id_list  = ["https://github.com/acme-corp"]
  thumbprint_list = ["6938fd4d98bab03faadb97b34396831e3780aea1"]
}
`,
      },
      errors: [
        { messageId: "providerUrl", line: 2, column: 22, endLine: 2, endColumn: 57, messageIncludes: [`Write "https://${GH}"`] },
        { messageId: "providerAudience", line: 3, column: 23, endLine: 3, endColumn: 51, messageIncludes: ['does not include "sts.amazonaws.com"'] },
      ],
    },
    {
      name: "providerUrl and providerAudience: CloudFormation AWS::IAM::OIDCProvider",
      files: {
        "cfn/oidc-provider.yaml": `AWSTemplateFormatVersion: "2010-09-09"
Description: GitHub OIDC provider
Resources:
  GitHubOIDCProvider:
    Type: AWS::IAM::OIDCProvider
    Properties:
      Url: ${GH}
      ClientIdList:
        - https://github.com/acme-corp
      ThumbprintList:
        - 6938fd4d98bab03faadb97b34396831e3780aea1
`,
      },
      errors: [
        { messageId: "providerUrl", line: 7, column: 12, endLine: 7, endColumn: 47 },
        { messageId: "providerAudience", line: 9, column: 11, endLine: 9, endColumn: 39 },
      ],
    },
    {
      name: "azureWildcard, azureIssuer and azureAudience on Entra federated credentials",
      files: {
        "azure/federation.tf": `resource "azuread_application" "deployer" {
  display_name = "inventory-service-deployer"
}

resource "azuread_application_federated_identity_credential" "branches" {
  application_id = azuread_application.deployer.id
  display_name   = "github-all-branches"
  audiences      = ["api://AzureADTokenExchange"]
  issuer         = "https://${GH}"
  subject        = "repo:acme-corp/inventory-service:ref:refs/heads/*"
}

resource "azuread_application_federated_identity_credential" "production" {
  application_id = azuread_application.deployer.id
  display_name   = "github-production"
  audiences      = ["api://AzureADTokenExchange"]
  issuer         = "https://${GH}/"
  subject        = "repo:acme-corp/inventory-service:environment:production"
}

resource "azuread_application_federated_identity_credential" "main" {
  application_id = azuread_application.deployer.id
  display_name   = "github-main"
  audiences      = ["api://AzureADTokenExchange/"]
  issuer         = "https://${GH}"
  subject        = "repo:acme-corp/inventory-service:ref:refs/heads/main"
}
`,
      },
      errors: [
        { messageId: "azureWildcard", line: 10, column: 21, endLine: 10, endColumn: 70 },
        { messageId: "azureIssuer", line: 17, column: 21, endLine: 17, endColumn: 65, messageIncludes: [`Write "https://${GH}"`] },
        { messageId: "azureAudience", line: 24, column: 22, endLine: 24, endColumn: 49, messageIncludes: ['"api://AzureADTokenExchange/"'] },
      ],
    },
    {
      name: "gcpNoCondition: issuer_uri = var.issuer bound to a default in another file of the folder",
      files: {
        "gcp/wif.tf": `resource "google_iam_workload_identity_pool_provider" "github" {
  project                            = "acme-analytics-prod"
  workload_identity_pool_id          = "github-pool"
  workload_identity_pool_provider_id = "github-provider"
  display_name                       = "GitHub"

  attribute_mapping = {
    "google.subject"       = "assertion.sub"
    "attribute.repository" = "assertion.repository"
  }

  oidc {
    issuer_uri = var.issuer
  }
}
`,
        "gcp/variables.tf": `variable "issuer" {
  type    = string
  default = "https://${GH}"
}
`,
      },
      errors: [{ path: "gcp/wif.tf", messageId: "gcpNoCondition", line: 1, column: 56, endLine: 1, endColumn: 62, messageIncludes: ["trusts GitHub Actions tokens"] }],
    },
    {
      name: "gcpNoCondition: GitLab.com issuer written literally",
      files: {
        "gcp/gitlab.tf": `resource "google_iam_workload_identity_pool_provider" "gitlab" {
  workload_identity_pool_id          = "ci"
  workload_identity_pool_provider_id = "gitlab-com"
  attribute_mapping = {
    "google.subject"           = "assertion.sub"
    "attribute.project_path"   = "assertion.project_path"
  }
  oidc {
    issuer_uri        = "https://gitlab.com"
    allowed_audiences = ["https://gitlab.com"]
  }
}
`,
      },
      errors: [{ messageId: "gcpNoCondition", line: 1, column: 56, endLine: 1, endColumn: 62, messageIncludes: ["trusts GitLab CI/CD tokens"] }],
    },
    {
      name: "workflowSub: an environment-only policy against a job without environment",
      files: {
        "infra/github-roles.tf": BILLING_ENV_ONLY,
        ".github/workflows/release.yml": workflow({ branches: "main", role: "billing-release", job: "publish" }),
      },
      errors: [
        {
          path: ".github/workflows/release.yml",
          messageId: "workflowSub",
          line: 15,
          column: 27,
          endLine: 15,
          endColumn: 73,
          messageIncludes: ["Job publish assumes role billing-release", '"repo:<owner>/<repo>:ref:refs/heads/main"'],
        },
      ],
    },
    {
      name: "workflowSub: a job on push to develop against a main-only policy",
      files: {
        "infra/ledger.tf": LEDGER_MAIN_ONLY,
        ".github/workflows/deploy-dev.yml": workflow({ branches: "develop", role: "ledger-api-deploy" }),
      },
      errors: [
        {
          path: ".github/workflows/deploy-dev.yml",
          messageId: "workflowSub",
          line: 15,
          column: 27,
          endLine: 15,
          endColumn: 75,
          messageIncludes: ['"repo:<owner>/<repo>:ref:refs/heads/develop"'],
        },
      ],
    },
    {
      name: "workflowSub: CloudFormation JSON role for an environment, job on push and pull_request",
      files: {
        "cfn/catalog.json": `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "DeployRole": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "RoleName": "catalog-deploy",
        "AssumeRolePolicyDocument": {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Action": "sts:AssumeRoleWithWebIdentity",
              "Principal": { "Federated": { "Fn::Sub": "arn:aws:iam::\${AWS::AccountId}:oidc-provider/${GH}" } },
              "Condition": {
                "StringEquals": {
                  "${GH}:aud": "sts.amazonaws.com",
                  "${GH}:sub": "repo:acme-corp/catalog:environment:prod"
                }
              }
            }
          ]
        }
      }
    }
  }
}
`,
        ".github/workflows/deploy.yml": `on:
  push:
    branches: [main]
  pull_request:
permissions:
  id-token: write
  contents: read
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: arn:aws:iam::123456789012:role/catalog-deploy
          aws-region: us-west-2
`,
      },
      errors: [
        {
          path: ".github/workflows/deploy.yml",
          messageId: "workflowSub",
          line: 15,
          column: 27,
          endLine: 15,
          endColumn: 72,
          messageIncludes: ['"repo:<owner>/<repo>:ref:refs/heads/main" or "repo:<owner>/<repo>:pull_request"'],
        },
      ],
    },
    {
      name: "workflowSub: role name bound from a variable default, role ARN with a path, job in another environment",
      files: {
        "infra/roles.tf": `resource "aws_iam_role" "deploy" {
  name = var.role_name
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = "arn:aws:iam::210987654321:oidc-provider/${GH}" }
      Condition = {
        StringEquals = { "${GH}:aud" = "sts.amazonaws.com" }
        StringLike   = { "${GH}:sub" = "repo:acme-corp/ledger:environment:prod*" }
      }
    }]
  })
}
`,
        "infra/variables.tf": `variable "role_name" {
  type    = string
  default = "ledger-deploy"
}
`,
        ".github/workflows/deploy.yml": `on:
  push:
    branches: [main, "release/v1"]
    tags: ["v1.0.0"]
permissions:
  id-token: write
jobs:
  deploy:
    runs-on: ubuntu-latest
    environment: staging
    steps:
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: arn:aws:iam::210987654321:role/ci/ledger-deploy
          aws-region: eu-west-1
`,
      },
      errors: [{ path: ".github/workflows/deploy.yml", messageId: "workflowSub", line: 14, column: 27, endLine: 14, endColumn: 74, messageIncludes: ['"repo:<owner>/<repo>:environment:staging"'] }],
    },
    {
      name: "workflowAudience: the default sts.amazonaws.com against a custom aud (and wrongAudience on the policy)",
      files: {
        "infra/reports.tf": REPORTS_CUSTOM_AUD,
        ".github/workflows/publish.yml": workflow({ branches: "main", role: "reports-publisher", job: "publish" }),
      },
      errors: [
        {
          path: ".github/workflows/publish.yml",
          messageId: "workflowAudience",
          line: 15,
          column: 27,
          endLine: 15,
          endColumn: 75,
          messageIncludes: ['Job publish requests an OIDC token for audience "sts.amazonaws.com"', 'allows "sigstore"'],
        },
        { path: "infra/reports.tf", messageId: "wrongAudience", line: 11, column: 56, endLine: 11, endColumn: 64 },
      ],
    },
    {
      name: "workflowAudience: an explicit audience: sts.amazonaws.com is reported on the audience input",
      files: {
        "infra/reports.tf": REPORTS_CUSTOM_AUD,
        ".github/workflows/publish.yml": workflow({ branches: "main", role: "reports-publisher", job: "publish", withExtra: "          audience: sts.amazonaws.com\n" }),
      },
      errors: [
        { path: ".github/workflows/publish.yml", messageId: "workflowAudience", line: 17, column: 21, endLine: 17, endColumn: 38 },
        { path: "infra/reports.tf", messageId: "wrongAudience", line: 11, column: 56, endLine: 11, endColumn: 64 },
      ],
    },
    {
      name: "workflowAudience only: one job sends the custom audience (so no wrongAudience), another does not",
      files: {
        "infra/reports.tf": REPORTS_CUSTOM_AUD,
        ".github/workflows/publish.yml": `on:
  push:
    branches: [main]
permissions:
  id-token: write
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: arn:aws:iam::210987654321:role/reports-publisher
          aws-region: us-east-2
          audience: sigstore
  nightly:
    runs-on: ubuntu-latest
    steps:
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: arn:aws:iam::210987654321:role/reports-publisher
          aws-region: us-east-2
`,
      },
      errors: [{ path: ".github/workflows/publish.yml", messageId: "workflowAudience", line: 20, column: 27, endLine: 20, endColumn: 75, messageIncludes: ["Job nightly"] }],
    },
  ],
});
