import rule from "../../rules/oidc-permissions.js";
import { testRule } from "../support/rule-tester.js";

const login = `      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: arn:aws:iam::123456789012:role/GitHubDeploy
          aws-region: eu-west-1
`;

testRule(rule, {
  valid: [
    {
      name: "job-level id-token: write",
      files: {
        ".github/workflows/deploy.yml": `on: [push]
permissions:
  contents: read
jobs:
  deploy:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
      contents: read
    steps:
${login}`,
      },
    },
    {
      name: "workflow-level id-token: write inherited by a job without a block, and write-all",
      files: {
        ".github/workflows/a.yml": `on: [push]
permissions:
  id-token: write
  contents: read
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
${login}`,
        ".github/workflows/b.yml": `on: [push]
permissions: write-all
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
${login}`,
      },
    },
    {
      name: "keys, not OIDC: no ID token needed",
      files: {
        ".github/workflows/keys.yml": `on: [push]
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          aws-access-key-id: \${{ secrets.AWS_ACCESS_KEY_ID }}
          aws-secret-access-key: \${{ secrets.AWS_SECRET_ACCESS_KEY }}
          aws-region: us-east-1
`,
      },
    },
    {
      name: "a reusable workflow with no block and no caller in the repository is not judged",
      files: {
        ".github/workflows/reusable.yml": `on:
  workflow_call:
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
${login}`,
      },
    },
    {
      name: "a reusable workflow whose caller grants id-token: write",
      files: {
        ".github/workflows/reusable.yml": `on:
  workflow_call:
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
${login}`,
        ".github/workflows/release.yml": `on:
  release:
    types: [published]
jobs:
  call:
    permissions:
      id-token: write
      contents: read
    uses: ./.github/workflows/reusable.yml
`,
      },
    },
    {
      name: "GitLab id_tokens declared, Bitbucket oidc: true",
      files: {
        ".gitlab-ci.yml": `deploy:
  id_tokens:
    GITLAB_OIDC_TOKEN:
      aud: https://gitlab.example.com
  script:
    - aws sts assume-role-with-web-identity --role-arn "$ROLE_ARN" --role-session-name ci --web-identity-token "$GITLAB_OIDC_TOKEN"
`,
        "bitbucket-pipelines.yml": `pipelines:
  default:
    - step:
        oidc: true
        script:
          - pipe: atlassian/aws-s3-deploy:1.6.1
            variables:
              AWS_OIDC_ROLE_ARN: arn:aws:iam::123456789012:role/Bitbucket
              AWS_DEFAULT_REGION: us-east-1
              S3_BUCKET: example-site
              LOCAL_PATH: build
`,
      },
    },
  ],
  invalid: [
    {
      name: "no permissions anywhere: the default token lacks id-token",
      files: {
        ".github/workflows/deploy.yml": `on: [push]
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
${login}`,
      },
      errors: [{ messageId: "missing", line: 6, column: 15, endLine: 6, endColumn: 55, messageIncludes: ["default GITHUB_TOKEN never has"] }],
    },
    {
      name: "a job-level block replaces the workflow's id-token: write",
      files: {
        ".github/workflows/deploy.yml": `on: [push]
permissions:
  id-token: write
  contents: read
jobs:
  deploy:
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
${login}`,
      },
      errors: [{ messageId: "missing", line: 11, column: 15, endLine: 11, endColumn: 55, messageIncludes: ["its `permissions:` block"] }],
    },
    {
      name: "workflow-level contents: read only, azure/login with OIDC",
      files: {
        ".github/workflows/azure.yml": `on: [push]
permissions:
  contents: read
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: azure/login@v2
        with:
          client-id: \${{ secrets.AZURE_CLIENT_ID }}
          tenant-id: \${{ secrets.AZURE_TENANT_ID }}
          subscription-id: \${{ secrets.AZURE_SUBSCRIPTION_ID }}
`,
      },
      errors: [{ messageId: "missing", line: 8, column: 15, endLine: 8, endColumn: 29, messageIncludes: ["the workflow's `permissions:` block"] }],
    },
    {
      name: "id-token: read is not a level",
      files: {
        ".github/workflows/gcp.yml": `on: [push]
jobs:
  deploy:
    runs-on: ubuntu-latest
    permissions:
      id-token: read
    steps:
      - uses: google-github-actions/auth@v2
        with:
          workload_identity_provider: projects/123456789/locations/global/workloadIdentityPools/github/providers/repo
          service_account: deployer@example-project.iam.gserviceaccount.com
`,
      },
      errors: [{ messageId: "readLevel", line: 8, column: 15, endLine: 8, endColumn: 44 }],
    },
    {
      name: "a reusable workflow whose caller does not grant id-token",
      files: {
        ".github/workflows/reusable.yml": `on:
  workflow_call:
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
${login}`,
        ".github/workflows/release.yml": `on: [push]
permissions:
  contents: read
jobs:
  call:
    uses: ./.github/workflows/reusable.yml
`,
      },
      errors: [{ messageId: "caller", path: ".github/workflows/reusable.yml", line: 7, column: 15, endLine: 7, endColumn: 55, messageIncludes: ["call (.github/workflows/release.yml)"] }],
    },
    {
      name: "a local composite action that logs in with OIDC",
      files: {
        ".github/actions/aws-login/action.yml": `name: AWS login
runs:
  using: composite
  steps:
    - uses: aws-actions/configure-aws-credentials@v4
      with:
        role-to-assume: arn:aws:iam::123456789012:role/Deploy
        aws-region: us-east-1
`,
        ".github/workflows/deploy.yml": `on: [push]
jobs:
  deploy:
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@v4
      - uses: ./.github/actions/aws-login
`,
      },
      errors: [{ messageId: "missing", path: ".github/workflows/deploy.yml", line: 9, column: 15, endLine: 9, endColumn: 42 }],
    },
    {
      name: "a reusable workflow that is also triggered on its own runs with the default token then",
      files: {
        ".github/workflows/reusable.yml": `on:
  workflow_call:
  workflow_dispatch:
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
${login}`,
      },
      errors: [{ messageId: "missing", line: 8, column: 15, endLine: 8, endColumn: 55 }],
    },
    {
      name: "Bitbucket pipe with AWS_OIDC_ROLE_ARN but no oidc: true",
      files: {
        "bitbucket-pipelines.yml": `pipelines:
  branches:
    main:
      - step:
          name: Deploy
          script:
            - pipe: atlassian/aws-s3-deploy:1.6.1
              variables:
                AWS_OIDC_ROLE_ARN: arn:aws:iam::123456789012:role/Bitbucket
                AWS_DEFAULT_REGION: us-east-1
                S3_BUCKET: example-site
                LOCAL_PATH: build
`,
      },
      errors: [{ messageId: "bitbucketOidc", line: 7, column: 21, endLine: 7, endColumn: 50 }],
    },
    {
      name: "GitLab script passes a token variable the job never declares",
      files: {
        ".gitlab-ci.yml": `deploy:
  image: amazon/aws-cli:2.15.0
  script:
    - aws sts assume-role-with-web-identity --role-arn "$ROLE_ARN" --role-session-name ci --web-identity-token "$GITLAB_OIDC_TOKEN"
`,
      },
      errors: [{ messageId: "gitlabToken", line: 4, column: 113, endLine: 4, endColumn: 131 }],
    },
  ],
});
