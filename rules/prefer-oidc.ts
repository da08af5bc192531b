/**
 * prefer-oidc — long-lived cloud secrets in CI where the platform can federate (reference §6.1–6.5):
 * login steps given keys (`aws-actions/configure-aws-credentials` with `aws-access-key-id`, `azure/login`
 * with `creds`, `google-github-actions/auth` with `credentials_json`, the CircleCI aws-cli orb without
 * `role_arn`, a Bitbucket pipe given AWS keys), and jobs, workflows and pipelines that export key variables
 * (`AWS_ACCESS_KEY_ID`, `AZURE_CLIENT_SECRET`, `ARM_CLIENT_SECRET`, `GOOGLE_APPLICATION_CREDENTIALS`,
 * `GOOGLE_CREDENTIALS`) to their steps — Terraform jobs included. One finding per step or per context, on
 * the `uses:` line or on the first key variable.
 *
 * Only secrets are long-lived (`holdsLongLivedSecret` in the model): values from the CI system's secrets or
 * variables, and literals shaped like keys. Not reported: values taken from another step's outputs
 * (`${{ steps.aws.outputs.aws-access-key-id }}`), and `${{ env.AWS_ACCESS_KEY_ID }}` after an earlier
 * configure-aws-credentials step assumed a role (role chaining: the action exported that role's temporary
 * credentials) or wherever the workflow does not set the variable itself (a step set it at run time);
 * `GOOGLE_APPLICATION_CREDENTIALS` set to a file path (with workload identity federation it points at a
 * generated credential configuration); and literal dummy keys (`test`, `minioadmin`), which AWS would
 * reject — in particular for LocalStack or MinIO (a file that points AWS_ENDPOINT_URL or --endpoint-url at
 * a local endpoint). A secret reference is reported even there: `${{ secrets.X }}` is never a dummy.
 * GitLab's deprecated `CI_JOB_JWT*` tokens are federation already; temporary-credentials reports them.
 */
import { sentenceLabel, type CiPlatform } from "../src/model/env.js";
import { LONG_LIVED_SECRET_VARS, LOGIN_LABEL } from "../src/knowledge/ci-actions.js";
import { holdsLongLivedSecret, isSet, loginOf, talksToLocalAws } from "../src/model/ci-query.js";
import type { CiStep } from "../src/model/ci.js";
import { defineRule } from "../src/model/rule.js";
import type { Provider, Setting } from "../src/model/setting.js";

type Cloud = Exclude<Provider, "generic">;

const CLOUD: Readonly<Record<Cloud, string>> = { aws: "AWS", azure: "Azure", gcp: "Google Cloud" };

const messages = {
  loginWithSecret: (p: { where: string; action: string; what: string; replacement: string; permissions: string }) =>
    `The ${p.action} step (${p.where}) logs in with ${p.what}: a long-lived secret that works from anywhere until someone rotates it. This CI platform can federate instead — ${p.replacement}${p.permissions}`,
  exportedSecrets: (p: { where: string; cloud: string; names: string; replacement: string }) =>
    `${p.where} hands long-lived ${p.cloud} credentials (${p.names}) to every step it runs: a leaked log or a compromised dependency exposes keys that work from anywhere until rotated. ${p.replacement}`,
  pipeWithKeys: (p: { where: string; pipe: string }) =>
    `The ${p.pipe} pipe (${p.where}) is given long-lived AWS keys. Bitbucket Pipelines can federate: set \`oidc: true\` on the step, pass AWS_OIDC_ROLE_ARN (a role trusting your Bitbucket workspace's OIDC provider) instead of AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY.`,
};

const GITHUB_PERMISSIONS = " and grant the job `permissions: { id-token: write, contents: read }`.";

/** The exact inputs that replace the secret, per login action. */
function replacement(step: CiStep, action: string): string {
  switch (action) {
    case "configure-aws-credentials":
      return isSet(step.input("role-to-assume"))
        ? "keep role-to-assume, remove aws-access-key-id/aws-secret-access-key (and role-external-id), and let the role's trust policy allow token.actions.githubusercontent.com with audience sts.amazonaws.com and your repository's sub"
        : "remove aws-access-key-id/aws-secret-access-key and pass `role-to-assume: arn:aws:iam::<account-id>:role/<role-name>` (a role whose trust policy allows token.actions.githubusercontent.com with audience sts.amazonaws.com and your repository's sub)";
    case "azure-login":
      return "remove `creds` and pass `client-id`, `tenant-id` and `subscription-id` (a federated credential on the app registration for this repository; no secret)";
    case "google-auth":
      return "remove `credentials_json` and pass `workload_identity_provider: projects/<project-number>/locations/global/workloadIdentityPools/<pool>/providers/<provider>` with `service_account: <name>@<project>.iam.gserviceaccount.com`";
    default:
      return step.job.platform === "circleci"
        ? "pass `role_arn: arn:aws:iam::<account-id>:role/<role-name>` (a role trusting oidc.circleci.com/org/<organization-id>); the orb then exchanges $CIRCLE_OIDC_TOKEN for temporary credentials. Run the job with a context."
        : "use the platform's OIDC token instead.";
  }
}

function loginWhat(action: string, secret: Setting | undefined): string {
  const from = secret?.value.kind === "reference" ? ` from ${secret.value.target}` : "";
  switch (action) {
    case "configure-aws-credentials":
      return `AWS access keys (aws-access-key-id${from})`;
    case "azure-login":
      return `a service-principal client secret (creds${from})`;
    case "google-auth":
      return `a service-account key (credentials_json${from})`;
    default:
      return "the AWS access keys in the project's or context's environment variables (no role_arn)";
  }
}

/** Per platform and cloud: how to federate instead of exporting keys. */
function exportFix(platform: CiPlatform, cloud: Cloud, terraform: boolean): string {
  const tf = terraform && cloud === "azure" ? " For Terraform, set ARM_USE_OIDC=true with ARM_CLIENT_ID, ARM_TENANT_ID and ARM_SUBSCRIPTION_ID and drop ARM_CLIENT_SECRET." : "";
  switch (platform) {
    case "github":
      return (
        {
          aws: "Log in with aws-actions/configure-aws-credentials and `role-to-assume` (OIDC), grant the job `permissions: { id-token: write, contents: read }`, and remove the key variables.",
          azure: "Log in with azure/login and `client-id`/`tenant-id`/`subscription-id` (OIDC), grant the job `permissions: { id-token: write, contents: read }`, and remove the secret variables.",
          gcp: "Log in with google-github-actions/auth and `workload_identity_provider` + `service_account`, grant the job `permissions: { id-token: write, contents: read }`, and remove the key variable.",
        }[cloud] + tf
      );
    case "gitlab":
      return (
        {
          aws: "Declare `id_tokens: { AWS_ID_TOKEN: { aud: https://gitlab.example.com } }` on the job and exchange it with `aws sts assume-role-with-web-identity --role-arn <role-arn> --role-session-name $CI_JOB_ID --web-identity-token $AWS_ID_TOKEN`; remove the key variables.",
          azure: "Declare `id_tokens: { AZURE_ID_TOKEN: { aud: api://AzureADTokenExchange } }` and log in with `az login --service-principal -u $AZURE_CLIENT_ID -t $AZURE_TENANT_ID --federated-token $AZURE_ID_TOKEN`; remove the secret variable.",
          gcp: "Declare `id_tokens:` with the workload identity provider as `aud`, write a credential configuration with `gcloud iam workload-identity-pools create-cred-config`, and point GOOGLE_APPLICATION_CREDENTIALS at that file; remove the key.",
        }[cloud] + tf
      );
    case "circleci":
      return `Use CircleCI's OIDC token ($CIRCLE_OIDC_TOKEN): for AWS, the aws-cli orb's \`aws-cli/setup\` with \`role_arn\`; for ${cloud === "aws" ? "Azure and Google Cloud" : CLOUD[cloud]}, a federated credential that trusts oidc.circleci.com/org/<organization-id>. Remove the key variables.${tf}`;
    case "bitbucket":
      return `Set \`oidc: true\` on the step and exchange $BITBUCKET_STEP_OIDC_TOKEN for temporary credentials (AWS_OIDC_ROLE_ARN for the AWS pipes, \`aws sts assume-role-with-web-identity\` in scripts). Remove the key variables.${tf}`;
    case "azure-pipelines":
      return `Use a service connection with workload identity federation (AzureCLI@2's azureSubscription, the AWS Toolkit's OIDC-enabled connection) instead of secret variables.${tf}`;
  }
}

const TERRAFORM = /\bterraform\b|\bterragrunt\b|\btofu\b/;

export default defineRule({
  meta: {
    id: "prefer-oidc",
    description: "Report long-lived cloud keys in CI where OIDC federation exists",
    provider: "any",
    severity: "warning",
    securitySeverity: 5.0,
    precision: "high",
    tags: ["security", "external/cwe/cwe-522"],
    help: {
      why: "Access keys, client secrets and service-account keys stored as CI secrets are long-lived: they work from anywhere until someone rotates them, leak through logs, forks and compromised actions, and break the day they are rotated or disabled — the \"Invalid Credentials\" that nobody changed. GitHub Actions, GitLab, CircleCI, Bitbucket and Azure Pipelines all issue short-lived OIDC tokens that AWS, Azure and Google Cloud exchange for temporary credentials scoped to one repository and branch.",
      fix: "Create an OIDC trust (an IAM role trusting the CI issuer, an Azure federated credential, a GCP workload identity provider), log in with it (role-to-assume, client-id/tenant-id/subscription-id, workload_identity_provider; GitLab id_tokens; CircleCI role_arn; Bitbucket oidc: true), grant GitHub jobs `id-token: write`, then delete the stored keys.",
    },
    fixable: false,
    messages,
  },
  check: {
    ciStep(step, ctx) {
      const login = loginOf(step);
      if (login) {
        if (login.method !== "long-lived" || (login.secret && !holdsLongLivedSecret(login.secret, step.env, step))) return;
        const needsPermissions = step.job.platform === "github" && step.job.file.kind === "github-workflow" && step.job.permissions?.idToken !== "write";
        const related = login.secret ? [{ file: login.secret.file, range: login.secret.key.range, message: `${login.secret.key.text} is a long-lived secret.` }] : [];
        ctx.report({
          file: step.file,
          range: step.uses?.range ?? step.anchor,
          messageId: "loginWithSecret",
          data: {
            where: step.where,
            action: LOGIN_LABEL[login.action],
            what: loginWhat(login.action, login.secret),
            replacement: replacement(step, login.action),
            permissions: step.job.platform === "github" ? (needsPermissions ? GITHUB_PERMISSIONS : ".") : "",
          },
          related,
        });
        return;
      }
      // Bitbucket pipes and other steps given the AWS key pair as inputs.
      const keys = step.inputs.filter((s) => s.key.text === "AWS_ACCESS_KEY_ID" && holdsLongLivedSecret(s, step.env, step));
      const first = keys[0];
      if (first && !isSet(step.input("AWS_OIDC_ROLE_ARN"))) {
        ctx.report({
          file: step.file,
          range: step.uses?.range ?? step.anchor,
          messageId: "pipeWithKeys",
          data: { where: step.where, pipe: step.uses?.text ?? "step" },
          related: [{ file: first.file, range: first.key.range, message: "AWS_ACCESS_KEY_ID is a long-lived key." }],
        });
      }
    },
    env(env, ctx) {
      if (!env.ci) return;
      // Literal keys for LocalStack/MinIO in a test job are not cloud credentials (secret references still are).
      const local = talksToLocalAws(env.file);
      const secrets = env.own.filter(
        (s) => s.syntax === "env" && Object.hasOwn(LONG_LIVED_SECRET_VARS, s.key.text) && !(local && s.value.kind === "literal") && holdsLongLivedSecret(s, env),
      );
      const first = secrets[0];
      if (!first) return;
      const cloud = LONG_LIVED_SECRET_VARS[first.key.text] ?? "aws";
      const names = [...new Set(secrets.filter((s) => LONG_LIVED_SECRET_VARS[s.key.text] === cloud).map((s) => s.key.text))];
      const terraform = env.commands.some((c) => TERRAFORM.test(c.text)) || /terraform/i.test(env.where);
      const where = sentenceLabel(env.where);
      ctx.report({
        file: first.file,
        range: first.key.range,
        messageId: "exportedSecrets",
        data: { where, cloud: CLOUD[cloud], names: names.join(", "), replacement: exportFix(env.ci, cloud, terraform || cloud === "azure" && names.includes("ARM_CLIENT_SECRET")) },
        related: secrets.slice(1).map((s) => ({ file: s.file, range: s.key.range, message: `${s.key.text} is exported here too.` })),
      });
    },
  },
});
