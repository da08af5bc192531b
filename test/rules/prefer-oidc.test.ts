import rule from "../../rules/prefer-oidc.js";
import { testRule } from "../support/rule-tester.js";

const OIDC_WORKFLOW = `name: deploy
on:
  push:
    branches: [main]
jobs:
  deploy:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
      contents: read
    steps:
      - uses: actions/checkout@v4
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: arn:aws:iam::123456789012:role/GitHubDeploy
          aws-region: eu-west-1
      - run: aws s3 sync ./site s3://example-site --delete
`;

testRule(rule, {
  valid: [
    {
      name: "a stub service-account JSON that only satisfies a tool's parser",
      files: {
        ".circleci/config.yml": `version: 2.1
jobs:
  terraform-test:
    docker:
      - image: hashicorp/terraform:1.9
    steps:
      - checkout
      - run:
          command: |
            terraform init -backend=false
            # Required by the tests to have some dummy credentials...
            export GOOGLE_PROJECT="dummy-project" GOOGLE_CREDENTIALS='{"type": "service_account"}'
            terraform test
workflows:
  test:
    jobs:
      - terraform-test
`,
      },
    },
    {
      name: "keys exported with a session token from assume-role-with-web-identity: the OIDC login itself",
      files: {
        ".gitlab-ci.yml": `.assume-role:
  id_tokens:
    AWS_ID_TOKEN:
      aud: https://gitlab.com
  before_script:
    - >
      STS=($(aws sts assume-role-with-web-identity
      --role-arn "$ROLE_ARN"
      --role-session-name "GitLabRunner-\${CI_PROJECT_ID}-\${CI_PIPELINE_ID}"
      --web-identity-token $AWS_ID_TOKEN
      --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]'
      --output text))
    - export AWS_ACCESS_KEY_ID="\${STS[0]}"
    - export AWS_SECRET_ACCESS_KEY="\${STS[1]}"
    - export AWS_SESSION_TOKEN="\${STS[2]}"

plan:
  extends: .assume-role
  script:
    - terraform plan
`,
      },
    },
    {
      name: "inputs: keys of another S3-compatible store (R2 by name, an endpoint that is not AWS)",
      files: {
        ".github/workflows/assets.yml": `name: assets
on: push
jobs:
  upload:
    runs-on: ubuntu-latest
    steps:
      - uses: ryand56/r2-upload-action@v1
        with:
          r2-access-key-id: \${{ secrets.R2_ACCESS_KEY_ID }}
          r2-secret-access-key: \${{ secrets.R2_SECRET_ACCESS_KEY }}
      - uses: shallwefootball/s3-upload-action@master
        with:
          aws_key_id: \${{ secrets.STORAGE_KEY_ID }}
          aws_secret_access_key: \${{ secrets.STORAGE_SECRET }}
          endpoint: https://4f0c1b2a9e.r2.cloudflarestorage.com
`,
      },
    },
    {
      name: "inputs: temporary credentials from an OIDC login, secrets: inherit, and an input that is not a key",
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
      - id: aws
        uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: arn:aws:iam::123456789012:role/Deploy
          aws-region: eu-west-1
          output-credentials: true
      - uses: some-org/ecs-deploy-action@v3
        with:
          aws-access-key-id: \${{ steps.aws.outputs.aws-access-key-id }}
          aws-secret-access-key: \${{ steps.aws.outputs.aws-secret-access-key }}
          api-token: \${{ secrets.DEPLOY_API_TOKEN }}
  release:
    uses: ./.github/workflows/release.yml
    secrets: inherit
`,
      },
    },
    { name: "configure-aws-credentials with role-to-assume (OIDC)", files: { ".github/workflows/deploy.yml": OIDC_WORKFLOW } },
    {
      name: "azure/login with client-id/tenant-id/subscription-id and google auth with workload identity",
      files: {
        ".github/workflows/infra.yml": `on: [push]
permissions:
  id-token: write
  contents: read
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
          service_account: deployer@example-project.iam.gserviceaccount.com
`,
      },
    },
    {
      name: "keys taken from a federated login step's outputs are temporary, and a GOOGLE_APPLICATION_CREDENTIALS path",
      files: {
        ".github/workflows/outputs.yml": `on: [push]
jobs:
  build:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
    steps:
      - id: aws
        uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: arn:aws:iam::123456789012:role/Build
          aws-region: us-east-1
          output-credentials: true
      - run: ./scripts/push-image.sh
        env:
          AWS_ACCESS_KEY_ID: \${{ steps.aws.outputs.aws-access-key-id }}
          AWS_SECRET_ACCESS_KEY: \${{ steps.aws.outputs.aws-secret-access-key }}
          GOOGLE_APPLICATION_CREDENTIALS: /tmp/wif-credential-config.json
`,
      },
    },
    {
      name: "dummy keys for LocalStack in an integration-test job are not cloud credentials",
      files: {
        ".github/workflows/integration.yml": `on: [pull_request]
jobs:
  integration:
    runs-on: ubuntu-latest
    services:
      localstack:
        image: localstack/localstack:3
        ports: ["4566:4566"]
    env:
      AWS_ACCESS_KEY_ID: test
      AWS_SECRET_ACCESS_KEY: test
      AWS_DEFAULT_REGION: us-east-1
      AWS_ENDPOINT_URL: http://localhost:4566
    steps:
      - uses: actions/checkout@v4
      - run: npm ci && npm run test:integration
`,
      },
    },
    {
      name: "role chaining: env credentials exported by an earlier OIDC login are temporary",
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
          role-to-assume: arn:aws:iam::123456789012:role/Ci
          aws-region: eu-west-1
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          aws-access-key-id: \${{ env.AWS_ACCESS_KEY_ID }}
          aws-secret-access-key: \${{ env.AWS_SECRET_ACCESS_KEY }}
          aws-session-token: \${{ env.AWS_SESSION_TOKEN }}
          role-to-assume: arn:aws:iam::210987654321:role/Deploy
          aws-region: eu-west-1
      - run: aws s3 sync dist s3://example-site
`,
      },
    },
    {
      name: "literal dummy keys in a job testing against a mock (moto) are not long-lived credentials",
      files: {
        ".github/workflows/test.yml": `name: test
on: [pull_request]
jobs:
  test:
    runs-on: ubuntu-latest
    env:
      AWS_ACCESS_KEY_ID: testing
      AWS_SECRET_ACCESS_KEY: testing
    steps:
      - uses: actions/checkout@v4
      - run: pip install -e ".[test]" && pytest tests/
`,
      },
    },
    {
      name: "a dotenv file is not CI",
      files: { ".env": "AWS_ACCESS_KEY_ID=${AWS_KEY}\nAWS_SECRET_ACCESS_KEY=${AWS_SECRET}\n" },
    },
    {
      name: "GitLab job with id_tokens and CircleCI orb with role_arn",
      files: {
        ".gitlab-ci.yml": `deploy:
  image: amazon/aws-cli:2.15.0
  id_tokens:
    AWS_ID_TOKEN:
      aud: https://gitlab.example.com
  script:
    - >
      aws sts assume-role-with-web-identity --role-arn "$ROLE_ARN"
      --role-session-name "gitlab-$CI_JOB_ID" --web-identity-token "$AWS_ID_TOKEN"
`,
        ".circleci/config.yml": `version: 2.1
orbs:
  aws-cli: circleci/aws-cli@4.1
jobs:
  deploy:
    docker:
      - image: cimg/base:2024.01
    steps:
      - checkout
      - aws-cli/setup:
          role_arn: arn:aws:iam::123456789012:role/CircleDeploy
          region: us-east-1
workflows:
  main:
    jobs:
      - deploy:
          context: aws
`,
      },
    },
  ],
  invalid: [
    {
      name: "configure-aws-credentials with access keys, in a job without permissions",
      files: {
        ".github/workflows/deploy.yml": `name: deploy
on: [push]
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
      errors: [
        {
          messageId: "loginWithSecret",
          line: 7,
          column: 15,
          endLine: 7,
          endColumn: 55,
          messageIncludes: ["aws-access-key-id from secrets.AWS_ACCESS_KEY_ID", "role-to-assume: arn:aws:iam::<account-id>:role/<role-name>", "id-token: write"],
        },
      ],
    },
    {
      name: "azure/login with creds and google auth with credentials_json",
      files: {
        ".github/workflows/infra.yml": `on: [push]
permissions:
  id-token: write
jobs:
  infra:
    runs-on: ubuntu-latest
    steps:
      - uses: azure/login@v2
        with:
          creds: \${{ secrets.AZURE_CREDENTIALS }}
      - uses: google-github-actions/auth@v2
        with:
          credentials_json: \${{ secrets.GCP_SA_KEY }}
`,
      },
      errors: [
        { messageId: "loginWithSecret", line: 8, column: 15, endLine: 8, endColumn: 29, messageIncludes: ["client-id", "tenant-id"] },
        { messageId: "loginWithSecret", line: 11, column: 15, endLine: 11, endColumn: 44, messageIncludes: ["workload_identity_provider: projects/<project-number>"] },
      ],
    },
    {
      name: "keys exported through workflow env and a Terraform job's ARM_CLIENT_SECRET: one finding per context",
      files: {
        ".github/workflows/terraform.yml": `on: [push]
env:
  AWS_ACCESS_KEY_ID: \${{ secrets.AWS_ACCESS_KEY_ID }}
  AWS_SECRET_ACCESS_KEY: \${{ secrets.AWS_SECRET_ACCESS_KEY }}
  AWS_REGION: eu-central-1
jobs:
  plan:
    runs-on: ubuntu-latest
    env:
      ARM_CLIENT_ID: \${{ secrets.ARM_CLIENT_ID }}
      ARM_CLIENT_SECRET: \${{ secrets.ARM_CLIENT_SECRET }}
      ARM_TENANT_ID: \${{ secrets.ARM_TENANT_ID }}
    steps:
      - uses: actions/checkout@v4
      - run: terraform init && terraform plan
`,
      },
      errors: [
        { messageId: "exportedSecrets", line: 3, column: 3, endLine: 3, endColumn: 20, messageIncludes: ["AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY", "configure-aws-credentials"] },
        { messageId: "exportedSecrets", line: 11, column: 7, endLine: 11, endColumn: 24, messageIncludes: ["ARM_USE_OIDC=true"] },
      ],
    },
    {
      name: "env.AWS_ACCESS_KEY_ID that the job's env takes from secrets, with no login before it, is long-lived",
      files: {
        ".github/workflows/deploy.yml": `name: deploy
on: push
permissions:
  contents: read
jobs:
  deploy:
    runs-on: ubuntu-latest
    env:
      AWS_ACCESS_KEY_ID: \${{ secrets.AWS_ACCESS_KEY_ID }}
      AWS_SECRET_ACCESS_KEY: \${{ secrets.AWS_SECRET_ACCESS_KEY }}
    steps:
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          aws-access-key-id: \${{ env.AWS_ACCESS_KEY_ID }}
          aws-secret-access-key: \${{ env.AWS_SECRET_ACCESS_KEY }}
          aws-region: eu-west-1
      - run: aws s3 sync dist s3://example-site
`,
      },
      errors: [
        { messageId: "exportedSecrets", line: 9, column: 7, endLine: 9, endColumn: 24, messageIncludes: ["Job deploy in .github/workflows/deploy.yml"] },
        { messageId: "loginWithSecret", line: 12, column: 15, endLine: 12, endColumn: 55, messageIncludes: ["aws-access-key-id from env.AWS_ACCESS_KEY_ID"] },
      ],
    },
    {
      name: "keys from secrets in a workflow that also starts LocalStack: a secret is never a dummy",
      files: {
        ".github/workflows/publish.yml": `name: publish
on:
  push:
    branches: [main]
jobs:
  publish:
    runs-on: ubuntu-latest
    env:
      AWS_ACCESS_KEY_ID: \${{ secrets.AWS_ACCESS_KEY_ID }}
      AWS_SECRET_ACCESS_KEY: \${{ secrets.AWS_SECRET_ACCESS_KEY }}
    steps:
      - uses: actions/checkout@v4
      - run: docker run -d -p 4566:4566 localstack/localstack && make test
      - run: aws s3 cp dist/ s3://example-artifacts/ --recursive
`,
      },
      errors: [{ messageId: "exportedSecrets", line: 9, column: 7, endLine: 9, endColumn: 24, messageIncludes: ["Job publish in .github/workflows/publish.yml"] }],
    },
    {
      name: "configure-aws-credentials assuming a role with long-lived keys: the keys are still long-lived",
      files: {
        ".github/workflows/release.yml": `name: release
on: push
jobs:
  upload:
    runs-on: ubuntu-latest
    steps:
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          aws-access-key-id: \${{ secrets.AWS_ACCESS_KEY_ID }}
          aws-secret-access-key: \${{ secrets.AWS_SECRET_ACCESS_KEY }}
          role-to-assume: \${{ secrets.AWS_UPLOAD_ROLE_ARN }}
          role-external-id: upload-release
          aws-region: us-east-2
`,
      },
      errors: [{ messageId: "loginWithSecret", line: 7, column: 15, endLine: 7, endColumn: 55, messageIncludes: ["keep role-to-assume, remove aws-access-key-id/aws-secret-access-key (and role-external-id)"] }],
    },
    {
      name: "GitLab pipeline variables and a template job exporting keys",
      files: {
        ".gitlab-ci.yml": `variables:
  AWS_DEFAULT_REGION: eu-west-1

.aws:
  variables:
    AWS_ACCESS_KEY_ID: $DEPLOY_AWS_KEY
    AWS_SECRET_ACCESS_KEY: $DEPLOY_AWS_SECRET

deploy-staging:
  extends: .aws
  script:
    - aws s3 sync public s3://staging-site

deploy-prod:
  extends: .aws
  script:
    - aws s3 sync public s3://prod-site
`,
      },
      errors: [{ messageId: "exportedSecrets", line: 6, column: 5, endLine: 6, endColumn: 22, messageIncludes: ["id_tokens", "assume-role-with-web-identity"] }],
    },
    {
      name: "CircleCI aws-cli/setup without role_arn",
      files: {
        ".circleci/config.yml": `version: 2.1
orbs:
  aws-cli: circleci/aws-cli@4.1
jobs:
  deploy:
    docker:
      - image: cimg/base:2024.01
    steps:
      - checkout
      - aws-cli/setup:
          region: us-east-1
      - run: aws s3 ls
`,
      },
      errors: [{ messageId: "loginWithSecret", line: 10, column: 9, endLine: 10, endColumn: 22, messageIncludes: ["role_arn"] }],
    },
    {
      name: "Bitbucket pipe given AWS keys",
      files: {
        "bitbucket-pipelines.yml": `pipelines:
  default:
    - step:
        name: Deploy site
        script:
          - pipe: atlassian/aws-s3-deploy:1.6.1
            variables:
              AWS_ACCESS_KEY_ID: $AWS_ACCESS_KEY_ID
              AWS_SECRET_ACCESS_KEY: $AWS_SECRET_ACCESS_KEY
              AWS_DEFAULT_REGION: us-east-1
              S3_BUCKET: example-site
              LOCAL_PATH: build
`,
      },
      errors: [{ messageId: "pipeWithKeys", line: 6, column: 19, endLine: 6, endColumn: 48, messageIncludes: ["oidc: true", "AWS_OIDC_ROLE_ARN"] }],
    },
    {
      name: "inputs: keys handed to a third-party action, once for the job at the first key",
      files: {
        ".github/workflows/sync.yml": `name: sync
on: push
jobs:
  sync:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: some-org/s3-deploy-action@v2
        with:
          aws-access-key-id: \${{ secrets.DEPLOY_KEY_ID }}
          aws-secret-access-key: \${{ secrets.DEPLOY_SECRET }}
          bucket: example-site
      - uses: some-org/cloudfront-invalidate@v1
        with:
          secret-key: \${{ secrets.AWS_SECRET_ACCESS_KEY }}
`,
      },
      errors: [{ messageId: "inputsWithKeys", line: 10, column: 11, endLine: 10, endColumn: 28, messageIncludes: ["Job sync in .github/workflows/sync.yml hands long-lived AWS credentials (aws-access-key-id, aws-secret-access-key, secret-key) to the step some-org/s3-deploy-action@v2", "role-to-assume", "id-token: write"] }],
    },
    {
      name: "inputs: keys passed to a reusable workflow's secrets",
      files: {
        ".github/workflows/release.yml": `name: release
on:
  push:
    tags: ["v*"]
jobs:
  deploy:
    uses: acme/platform/.github/workflows/deploy.yml@v3
    with:
      environment: production
    secrets:
      AWS_ACCESS_KEY_ID: \${{ secrets.PROD_AWS_ACCESS_KEY_ID }}
      AWS_SECRET_ACCESS_KEY: \${{ secrets.PROD_AWS_SECRET_ACCESS_KEY }}
`,
      },
      errors: [{ messageId: "inputsWithKeys", line: 11, column: 7, endLine: 11, endColumn: 24, messageIncludes: ["to the reusable workflow acme/platform/.github/workflows/deploy.yml@v3", "inside the called workflow"] }],
    },
    {
      name: "inputs: a CircleCI orb command given the context's key variables",
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
          aws-access-key-id: AWS_ACCESS_KEY_ID
          aws-secret-access-key: AWS_SECRET_ACCESS_KEY
          aws-region: AWS_REGION
workflows:
  main:
    jobs:
      - deploy:
          context: aws-prod
`,
      },
      errors: [{ messageId: "inputsWithKeys", line: 13, column: 11, endLine: 13, endColumn: 28, messageIncludes: ["Job deploy in .circleci/config.yml (context aws-prod) hands long-lived AWS credentials", "$CIRCLE_OIDC_TOKEN"] }],
    },
    {
      name: "inputs: a Bitbucket pipe that is not one of Atlassian's AWS pipes",
      files: {
        "bitbucket-pipelines.yml": `pipelines:
  branches:
    main:
      - step:
          name: Deploy API
          script:
            - pipe: atlassian/serverless-deploy:1.5.0
              variables:
                AWS_ACCESS_KEY_ID: $AWS_ACCESS_KEY_ID
                AWS_SECRET_ACCESS_KEY: $AWS_SECRET_ACCESS_KEY
`,
      },
      errors: [{ messageId: "inputsWithKeys", line: 9, column: 17, endLine: 9, endColumn: 34, messageIncludes: ["BITBUCKET_STEP_OIDC_TOKEN"] }],
    },
    {
      name: "inputs: a job whose login step is given keys gets that one finding, not a second for its other steps",
      files: {
        ".github/workflows/deploy.yml": `name: deploy
on: push
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          aws-access-key-id: \${{ secrets.AWS_ACCESS_KEY_ID }}
          aws-secret-access-key: \${{ secrets.AWS_SECRET_ACCESS_KEY }}
          aws-region: eu-west-1
      - uses: some-org/s3-deploy-action@v2
        with:
          aws-access-key-id: \${{ secrets.AWS_ACCESS_KEY_ID }}
          aws-secret-access-key: \${{ secrets.AWS_SECRET_ACCESS_KEY }}
`,
      },
      errors: [{ messageId: "loginWithSecret", line: 7, column: 15, endLine: 7, endColumn: 55 }],
    },
  ],
});
