/**
 * oidc-permissions — a federated login in a job that cannot get an OIDC token (reference §6.1, §6.4).
 *
 * GitHub Actions: a login step that will use OIDC (configure-aws-credentials with `role-to-assume` and no
 * keys, azure/login with `client-id` and no secret, google-github-actions/auth with
 * `workload_identity_provider`) — directly or inside a local composite action — in a job whose *effective*
 * permissions lack `id-token: write`. A job-level block replaces the workflow's; declaring any permission
 * sets the others to none; without any block the default token never has `id-token: write`. A job of a
 * reusable workflow gets at most what its caller grants, so callers in the repository are checked too (a
 * workflow that runs only when called, without callers here and without its own block, is not judged; one
 * that also has its own triggers is judged like any workflow).
 *
 * Bitbucket: a pipe given AWS_OIDC_ROLE_ARN in a step without `oidc: true`. GitLab: a script that passes
 * `$NAME` as a web identity / federated token when the job declares no `id_tokens` entry NAME.
 */
import { federatedLogins, isSet } from "../src/model/ci-query.js";
import type { CiJob, CiPermissions, CiStep } from "../src/model/ci.js";
import { effectiveVars, type EnvContext } from "../src/model/env.js";
import { defineRule, type RelatedInput, type RuleContext } from "../src/model/rule.js";
import { LOGIN_LABEL } from "../src/knowledge/ci-actions.js";

const messages = {
  missing: (p: { action: string; job: string; why: string }) =>
    `The ${p.action} step will log in with OIDC, but job ${p.job} cannot request an ID token: ${p.why}. The login fails ("Credentials could not be loaded" / "Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable"). Add \`permissions: { id-token: write, contents: read }\` to the job.`,
  readLevel: (p: { action: string; job: string }) =>
    `The ${p.action} step will log in with OIDC, but job ${p.job} sets \`id-token: read\`: id-token takes only write or none, so GitHub rejects the workflow. Use \`id-token: write\`.`,
  caller: (p: { action: string; job: string; caller: string; why: string }) =>
    `The ${p.action} step in reusable workflow job ${p.job} will log in with OIDC, but its caller ${p.caller} ${p.why}: a called workflow gets at most the permissions its caller grants, so the ID token request fails. Add \`permissions: { id-token: write, contents: read }\` to the calling job.`,
  bitbucketOidc: (p: { pipe: string }) =>
    `The ${p.pipe} pipe is given AWS_OIDC_ROLE_ARN, but the step does not set \`oidc: true\`: Bitbucket issues no BITBUCKET_STEP_OIDC_TOKEN and the pipe cannot assume the role. Add \`oidc: true\` to the step.`,
  gitlabToken: (p: { name: string; job: string }) =>
    `$${p.name} is passed as the OIDC token, but job ${p.job} declares no \`id_tokens:\` entry ${p.name}: the variable is empty and the federated login fails. Declare \`id_tokens: { ${p.name}: { aud: <audience> } }\` on the job.`,
};

/** Why a permissions block lacks the token, for the message. */
function why(p: CiPermissions): string {
  switch (p.source) {
    case "job":
      return "its `permissions:` block does not grant `id-token: write` (declaring any permission sets the others to none)";
    case "workflow":
      return "the workflow's `permissions:` block does not grant `id-token: write` (declaring any permission sets the others to none)";
    default:
      return "neither the job nor the workflow has a `permissions:` block, and the default GITHUB_TOKEN never has `id-token: write`";
  }
}

function callerWhy(p: CiPermissions): string {
  switch (p.source) {
    case "job":
      return "has a `permissions:` block without `id-token: write`";
    case "workflow":
      return "inherits a workflow `permissions:` block without `id-token: write`";
    default:
      return "has no `permissions:` block (the default token never has `id-token: write`)";
  }
}

function permissionsPlace(job: CiJob): RelatedInput {
  const p = job.permissions;
  return p?.range
    ? { file: p.file, range: p.range, message: "The permissions in effect for this job." }
    : { file: job.file, range: job.anchor, message: `Job ${job.name} has no permissions block.` };
}

/** The command-line flags that take an OIDC token (read by the shell reader as settings). */
const TOKEN_FLAGS: ReadonlySet<string> = new Set(["--web-identity-token", "--federated-token"]);

export default defineRule({
  meta: {
    id: "oidc-permissions",
    description: "Report federated CI logins in jobs that cannot get an OIDC token",
    provider: "any",
    severity: "error",
    securitySeverity: 2.0,
    precision: "very-high",
    tags: ["correctness"],
    help: {
      why: "An OIDC login exchanges a token that the CI platform issues only on request: GitHub issues it only to jobs whose token has `id-token: write` — and a job-level permissions block replaces the workflow's, any explicit permission sets the others to none, and the default token never has it; Bitbucket only to steps with `oidc: true`; GitLab only for the names declared under `id_tokens:`. Without it the login step fails with \"Credentials could not be loaded\", \"Unable to get ACTIONS_ID_TOKEN_REQUEST_URL\" or an empty token.",
      fix: "GitHub: add `permissions: { id-token: write, contents: read }` to the job (or to the job that calls the reusable workflow). Bitbucket: add `oidc: true` to the step. GitLab: declare the token under the job's `id_tokens:` with the audience the cloud expects.",
    },
    fixable: false,
    messages,
  },
  check: {
    ciJob(job, ctx) {
      if (job.platform === "github" && job.file.kind === "github-workflow") return checkGithub(job, ctx);
      if (job.platform === "bitbucket") return checkBitbucket(job, ctx);
      if (job.platform === "gitlab") return checkGitlab(job, ctx);
    },
  },
});

type Ctx = RuleContext<typeof messages>;

function checkGithub(job: CiJob, ctx: Ctx): void {
  const logins = federatedLogins(job, (s: CiStep) => ctx.repo.ci.compositeOf(s));
  if (logins.length === 0) return;
  const own = job.permissions;
  for (const { step, login, via } of logins) {
    const place = { file: step.file, range: step.uses?.range ?? step.anchor };
    const action = via ? `${LOGIN_LABEL[login.action]} (in the composite action ${step.uses?.text ?? ""})` : LOGIN_LABEL[login.action];
    if (own && own.idToken === "read") {
      ctx.report({ ...place, messageId: "readLevel", data: { action, job: job.name }, related: [permissionsPlace(job)] });
      continue;
    }
    if (own?.idToken === "unknown") continue;
    if (job.reusable) {
      // Its own block (if any) still applies; then every caller in the repository caps it.
      if (own && own.source !== "default" && own.idToken !== "write") {
        ctx.report({ ...place, messageId: "missing", data: { action, job: job.name, why: why(own) }, related: [permissionsPlace(job)] });
        continue;
      }
      for (const caller of ctx.repo.ci.callersOf(job)) {
        const cp = caller.permissions;
        if (!cp || cp.idToken === "write" || cp.idToken === "unknown") continue;
        ctx.report({
          ...place,
          messageId: "caller",
          data: { action, job: job.name, caller: `${caller.name} (${caller.file.path})`, why: callerWhy(cp) },
          related: [permissionsPlace(caller)],
        });
      }
      continue;
    }
    if (!own || own.idToken === "write") continue;
    ctx.report({ ...place, messageId: "missing", data: { action, job: job.name, why: why(own) }, related: [permissionsPlace(job)] });
  }
}

function checkBitbucket(job: CiJob, ctx: Ctx): void {
  if (job.idTokens.length > 0) return;
  for (const step of job.steps) {
    const role = step.input("AWS_OIDC_ROLE_ARN");
    if (!isSet(role)) continue;
    ctx.report({
      file: step.file,
      range: step.uses?.range ?? step.anchor,
      messageId: "bitbucketOidc",
      data: { pipe: step.uses?.text ?? "pipe" },
      related: [{ file: job.file, range: job.anchor, message: "The step, without oidc: true." }],
    });
  }
}

function checkGitlab(job: CiJob, ctx: Ctx): void {
  const declared = new Set(job.idTokens.map((t) => t.text));
  const vars = effectiveVars(job.env);
  // The token flags of the job's scripts (and the pipeline's default scripts): settings of its contexts.
  for (let env: EnvContext | undefined = job.env; env; env = env.parent) {
    for (const flag of env.own) {
      if (!TOKEN_FLAGS.has(flag.key.text) || flag.value.kind !== "reference") continue;
      const name = flag.value.target;
      if (declared.has(name) || name.startsWith("CI_") || vars.has(name)) continue;
      // Point at the variable, inside its quotes when it is quoted.
      const { range, raw } = flag.value;
      const quoted = /^["']/.test(raw) && raw.length > 2 && range.start.line === range.end.line;
      const at = quoted ? { start: { line: range.start.line, column: range.start.column + 1 }, end: { line: range.end.line, column: range.end.column - 1 } } : range;
      ctx.report({ file: flag.file, range: at, messageId: "gitlabToken", data: { name, job: job.name }, related: [{ file: job.file, range: job.anchor, message: `Job ${job.name}.` }] });
    }
  }
}
