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
 *
 * Keys handed to any other step (reference §6.1, §6.5): the inputs of any GitHub action, the parameters of a
 * CircleCI orb command (`aws-access-key-id: AWS_ACCESS_KEY_ID` names the project's or context's variable), the
 * variables of a Bitbucket pipe, and the `with:`/`secrets:` a job passes to a reusable workflow — when the value
 * is a CI secret or variable whose name is a cloud key's (`AWS_SECRET_ACCESS_KEY`, `PROD_AWS_ACCESS_KEY_ID`,
 * `AZURE_CREDENTIALS`, `GCP_SA_KEY`; src/knowledge/cloud-key-secrets.ts), or an `aws-access-key-id`-like input
 * given a secret. One finding per job, at the first such key, and none where the job already has one (a login
 * step given keys, the job's variables). Not reported: keys for another S3-compatible store (a name or an
 * `endpoint` input that says R2, Spaces, MinIO, …), values from other steps or from `env.`, and dummies.
 */
import { sentenceLabel, type CiPlatform } from "../src/model/env.js";
import { LONG_LIVED_SECRET_VARS, LOGIN_LABEL } from "../src/knowledge/ci-actions.js";
import { cloudOfKeySecretName, isAwsKeyInputName, NON_AWS_S3 } from "../src/knowledge/cloud-key-secrets.js";
import { holdsLongLivedSecret, isSet, loginOf, talksToLocalAws } from "../src/model/ci-query.js";
import type { CiJob, CiStep } from "../src/model/ci.js";
import type { EnvContext } from "../src/model/env.js";
import { defineRule } from "../src/model/rule.js";
import type { Provider, Setting } from "../src/model/setting.js";

type Cloud = Exclude<Provider, "generic">;

const CLOUD: Readonly<Record<Cloud, string>> = { aws: "AWS", azure: "Azure", gcp: "Google Cloud" };

const messages = {
  loginWithSecret: (p: { where: string; action: string; what: string; replacement: string; permissions: string }) =>
    `The ${p.action} step (${p.where}) logs in with ${p.what}: a long-lived secret that works from anywhere until someone rotates it. This CI platform can federate instead — ${p.replacement}${p.permissions}`,
  exportedSecrets: (p: { where: string; cloud: string; names: string; replacement: string }) =>
    `${p.where} hands long-lived ${p.cloud} credentials (${p.names}) to every step it runs: a leaked log or a compromised dependency exposes keys that work from anywhere until rotated. ${p.replacement}`,
  inputsWithKeys: (p: { where: string; cloud: string; names: string; target: string; replacement: string }) =>
    `${p.where} hands long-lived ${p.cloud} credentials (${p.names}) to ${p.target}: keys that work from anywhere until someone rotates them, readable by that code and everything it runs. ${p.replacement}`,
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
    ciJob(job, ctx) {
      // Once per job: a login step given keys, a pipe given keys and exported key variables are reported on their own.
      if (job.steps.some((step) => loginWithKeys(step) || pipeKeys(step)) || exportsKeysWithin(job, ctx.repo.ci.within(job.env))) return;
      const keys = job.steps.flatMap((step) => stepKeyInputs(step).map((k) => ({ step, ...k })));
      const first = keys[0];
      if (!first) return;
      const cloud = first.cloud;
      const names = [...new Set(keys.filter((k) => k.cloud === cloud).map((k) => k.input.key.text))];
      const call = first.step.job.calls !== undefined && first.step.uses === first.step.job.calls;
      const target = call ? `the reusable workflow ${first.step.uses?.text ?? ""}` : first.step.uses ? `the step ${first.step.uses.text}` : "a step";
      ctx.report({
        file: first.input.file,
        range: first.input.key.range,
        messageId: "inputsWithKeys",
        // CircleCI keys come from the job's contexts (or the project's variables): name them.
        data: { where: `${sentenceLabel(job.where)}${job.contexts?.length ? ` (context ${job.contexts.map((c) => c.text).join(", ")})` : ""}`, cloud: CLOUD[cloud], names: names.join(", "), target, replacement: inputsFix(job, cloud, call) },
        related: keys.slice(1).map((k) => ({ file: k.input.file, range: k.input.key.range, message: `${k.input.key.text} is passed here too.` })),
      });
    },
    ciStep(step, ctx) {
      const login = loginOf(step);
      if (login) {
        if (!loginWithKeys(step)) return;
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
      // Atlassian's AWS pipes given the AWS key pair (other steps' keys: the ciJob hook).
      const first = pipeKeys(step);
      if (first) {
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
      const secrets = exportedSecrets(env);
      const first = secrets[0];
      if (!first || !env.ci) return;
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

/** The variables of a CI context that hand long-lived keys to its steps (the env hook reports them). */
function exportedSecrets(env: EnvContext): Setting[] {
  if (!env.ci) return [];
  // Literal keys for LocalStack/MinIO in a test job are not cloud credentials (secret references still are).
  const local = talksToLocalAws(env.file);
  // Keys exported with a session token are a session's (`aws sts assume-role-with-web-identity` output read into
  // variables): temporary credentials, often the OIDC login itself.
  const session = env.own.some((s) => s.syntax === "env" && s.key.text === "AWS_SESSION_TOKEN" && isSet(s));
  return env.own.filter(
    (s) =>
      s.syntax === "env" &&
      Object.hasOwn(LONG_LIVED_SECRET_VARS, s.key.text) &&
      !(local && s.value.kind === "literal") &&
      !(session && LONG_LIVED_SECRET_VARS[s.key.text] === "aws" && s.value.kind !== "literal") &&
      holdsLongLivedSecret(s, env),
  );
}

/** Whether the job's contexts (its workflow's and pipeline's, its own, its steps') export keys: reported there. */
function exportsKeysWithin(job: CiJob, within: readonly EnvContext[]): boolean {
  for (let c: EnvContext | undefined = job.env.parent; c; c = c.parent) if (exportedSecrets(c).length > 0) return true;
  return within.some((c) => exportedSecrets(c).length > 0);
}

/** Whether a login step logs in with a long-lived secret (the ciStep hook reports it). */
function loginWithKeys(step: CiStep): boolean {
  const login = loginOf(step);
  return login !== undefined && login.method === "long-lived" && !(login.secret && !holdsLongLivedSecret(login.secret, step.env, step));
}

/** An Atlassian AWS pipe's AWS_ACCESS_KEY_ID, when the pipe is given keys and no AWS_OIDC_ROLE_ARN. */
function pipeKeys(step: CiStep): Setting | undefined {
  if (step.job.platform !== "bitbucket" || !step.action?.startsWith("atlassian/aws-") || isSet(step.input("AWS_OIDC_ROLE_ARN"))) return undefined;
  return step.inputs.find((s) => s.key.text === "AWS_ACCESS_KEY_ID" && holdsLongLivedSecret(s, step.env, step));
}

/** The secret or variable a value names: `secrets.X` / `vars.X` (GitHub), `X` (`$X`, a CircleCI `env_var_name`). */
function secretNameOf(s: Setting): string | undefined {
  const v = s.value;
  if (v.kind === "reference") {
    const m = /^(?:secrets|vars)\.([A-Za-z_][\w]*)$/.exec(v.target) ?? /^([A-Za-z_]\w*)$/.exec(v.target);
    return m?.[1];
  }
  // `${{ secrets.X }}` inside a longer value (`env_vars: AWS_ACCESS_KEY_ID=${{ secrets.AWS_ACCESS_KEY_ID }}`).
  if (v.kind === "dynamic") return /\$\{\{\s*(?:secrets|vars)\.([A-Za-z_]\w*)\s*\}\}/.exec(v.raw)?.[1];
  return undefined;
}

/**
 * The inputs of a step (not a login step, not an Atlassian AWS pipe) that carry a long-lived cloud key: the value
 * names a cloud key's secret, or an AWS key input is given a secret. Keys for other S3-compatible stores are not.
 */
function stepKeyInputs(step: CiStep): { input: Setting; cloud: Cloud }[] {
  if (loginOf(step) || (step.job.platform === "bitbucket" && step.action?.startsWith("atlassian/aws-"))) return [];
  // An endpoint input that is not AWS's: the keys are another store's (R2, Spaces, MinIO).
  const foreignEndpoint = step.inputs.some((s) => /endpoint/i.test(s.key.text) && s.value.kind === "literal" && !/amazonaws\.com/i.test(s.value.value) && s.value.value.trim() !== "");
  const out: { input: Setting; cloud: Cloud }[] = [];
  for (const input of step.inputs) {
    const name = secretNameOf(input);
    if (name === undefined || NON_AWS_S3.test(name) || NON_AWS_S3.test(input.key.text)) continue;
    const cloud = cloudOfKeySecretName(name) ?? (isAwsKeyInputName(input.key.text) ? ("aws" as const) : undefined);
    if (cloud === undefined || (cloud === "aws" && foreignEndpoint)) continue;
    if (input.value.kind === "reference" && !holdsLongLivedSecret(input, step.env, step)) continue;
    out.push({ input, cloud });
  }
  return out;
}

/** How to stop handing keys to a step or a reusable workflow. */
function inputsFix(job: CiJob, cloud: Cloud, call: boolean): string {
  const platform = job.platform;
  // GitHub: say to grant id-token: write only where the job's permissions lack it.
  const grant = job.permissions?.idToken !== "write";
  if (call) {
    return `Log in with OIDC inside the called workflow instead (${cloud === "aws" ? "aws-actions/configure-aws-credentials with role-to-assume" : cloud === "azure" ? "azure/login with client-id, tenant-id and subscription-id" : "google-github-actions/auth with workload_identity_provider"})${grant ? ", grant this job `permissions: { id-token: write, contents: read }` (a called workflow gets no more than its caller)" : ""}, and stop passing the keys.`;
  }
  if (platform === "github") {
    return `${
      {
        aws: "Log in with aws-actions/configure-aws-credentials and `role-to-assume` (OIDC) in a step before it and drop these inputs: actions built on an AWS SDK use the credentials that step exports (check the action's README for a role input).",
        azure: "Log in with azure/login and `client-id`/`tenant-id`/`subscription-id` (OIDC) in a step before it and drop these inputs.",
        gcp: "Log in with google-github-actions/auth and `workload_identity_provider` in a step before it and drop these inputs: Google's client libraries and gcloud use the credentials it writes.",
      }[cloud]
    }${grant ? " Grant the job `permissions: { id-token: write, contents: read }`." : ""}`;
  }
  return exportFix(platform, cloud, false);
}
