/**
 * Questions rules ask about CI steps and env contexts, answered once here: which login a step performs and
 * whether it federates (reference §6.1–6.5), which variables a context combines.
 */
import { LOGIN_PROVIDER, loginActionOf, type LoginAction } from "../knowledge/ci-actions.js";
import type { CiJob, CiStep } from "./ci.js";
import { effectiveVars, type EnvContext } from "./env.js";
import { isAwsExampleValue, isPlaceholder } from "../knowledge/aws-keys.js";
import { usesLocalAwsEndpoint } from "../knowledge/env-vars.js";
import { shellVariableName } from "../knowledge/references.js";
import { isSecretPlaceholder } from "../knowledge/secrets.js";
import type { Provider, Setting } from "./setting.js";
import type { SourceFile } from "./source.js";

export interface Login {
  readonly action: LoginAction;
  readonly provider: Exclude<Provider, "generic">;
  readonly step: CiStep;
  /** The input that carries a long-lived secret (`aws-access-key-id`, `creds`, `credentials_json`), when set. */
  readonly secret?: Setting;
  /** The input that asks for federation (`role-to-assume`, `client-id`, `workload_identity_provider`, `role_arn`). */
  readonly federation?: Setting;
  /** What the action will do with these inputs: OIDC, a long-lived secret, or something else (ambient credentials, role chaining). */
  readonly method: "oidc" | "long-lived" | "other";
}

/** A set input: written with a non-empty value (a reference counts: its value comes at run time). */
export function isSet(s: Setting | undefined): s is Setting {
  if (!s) return false;
  return s.value.kind !== "literal" || s.value.value.trim() !== "";
}

/**
 * Whether a value is written to be empty on some runs: a `${{ a || b }}` expression falls back between
 * secrets that a repository defines one of (the "WIF or key, whichever is configured" idiom).
 */
export function isFallbackExpression(s: Setting): boolean {
  return s.value.kind !== "literal" && /\$\{\{[^}]*\|\|/.test(s.value.raw);
}

function isTrue(s: Setting | undefined): boolean {
  return s?.value.kind === "literal" && /^true$/i.test(s.value.value.trim());
}

export function loginAction(step: CiStep): LoginAction | undefined {
  return step.action === undefined ? undefined : loginActionOf(step.action);
}

/** The login a step performs, if it runs one of the login actions credlint knows. */
export function loginOf(step: CiStep): Login | undefined {
  const action = loginAction(step);
  if (!action) return undefined;
  const provider = LOGIN_PROVIDER[action];
  const base = { action, provider, step };
  const input = (k: string): Setting | undefined => (isSet(step.input(k)) ? step.input(k) : undefined);
  switch (action) {
    case "configure-aws-credentials": {
      const secret = input("aws-access-key-id");
      const federation = input("role-to-assume");
      // OIDC only when nothing else is given (src/index.ts): keys, a token file, role chaining or
      // force-skip-oidc all switch it off silently.
      const oidc = federation && !secret && !input("web-identity-token-file") && !isTrue(step.input("role-chaining")) && !isTrue(step.input("force-skip-oidc"));
      return { ...base, ...(secret ? { secret } : {}), ...(federation ? { federation } : {}), method: oidc ? "oidc" : secret ? "long-lived" : "other" };
    }
    case "azure-login": {
      const secret = input("creds");
      const federation = input("client-id") ?? input("tenant-id") ?? input("subscription-id");
      const identity = /^identity$/i.test(step.input("auth-type")?.value.kind === "literal" ? (step.input("auth-type")?.value as { value: string }).value.trim() : "");
      // Any of client-id/tenant-id/subscription-id makes the action ignore `creds` and use OIDC.
      const method = identity ? "other" : federation ? "oidc" : secret ? "long-lived" : "other";
      return { ...base, ...(secret ? { secret } : {}), ...(federation ? { federation } : {}), method };
    }
    case "google-auth": {
      const secret = input("credentials_json");
      const federation = input("workload_identity_provider");
      const method = federation && !secret ? "oidc" : secret ? "long-lived" : "other";
      return { ...base, ...(secret ? { secret } : {}), ...(federation ? { federation } : {}), method };
    }
    case "circleci-aws-cli": {
      const federation = input("role_arn");
      // Without role_arn the orb configures the CLI from the long-lived keys in the project's or context's
      // environment variables.
      return { ...base, ...(federation ? { federation } : {}), method: federation ? "oidc" : "long-lived" };
    }
  }
}

/**
 * The step a finding about a login stands on: the step itself, or — for a step that runs a local composite
 * action — the step inside the composite action that logs in.
 */
export function federatedLogins(job: CiJob, compositeOf: (step: CiStep) => { readonly job: CiJob } | undefined): { step: CiStep; login: Login; via?: CiStep }[] {
  const out: { step: CiStep; login: Login; via?: CiStep }[] = [];
  for (const step of job.steps) {
    const login = loginOf(step);
    if (login?.method === "oidc") out.push({ step, login });
    const composite = compositeOf(step);
    if (!composite) continue;
    for (const inner of composite.job.steps) {
      const l = loginOf(inner);
      if (l?.method === "oidc") out.push({ step, login: l, via: inner });
    }
  }
  return out;
}

/** The effective value of a variable in a context, when it is set to something non-empty. */
export function setVar(env: EnvContext, name: string, vars: Map<string, Setting> = effectiveVars(env)): Setting | undefined {
  const s = vars.get(name);
  return isSet(s) ? s : undefined;
}

/**
 * The variable a GitHub `env:`/`with:` value names with shell syntax (`$AWS_KEY`): GitHub expands only
 * `${{ }}` there, so the value is that literal text (reference §6.6). Undefined for every other setting.
 */
export function unexpandedGithubVariable(setting: Setting): string | undefined {
  if (setting.file.kind !== "github-workflow" && setting.file.kind !== "github-action") return undefined;
  if ((setting.syntax !== "env" && setting.syntax !== "input") || setting.value.kind !== "literal") return undefined;
  return shellVariableName(setting.value.value);
}

const localAws = new WeakMap<SourceFile, boolean>();

/** Whether a file talks to a local AWS stand-in (LocalStack, MinIO): computed once per file. */
export function talksToLocalAws(file: SourceFile): boolean {
  let v = localAws.get(file);
  if (v === undefined) {
    v = usesLocalAwsEndpoint(file.text);
    localAws.set(file, v);
  }
  return v;
}

/**
 * A literal that is no attempt at a real AWS credential: a placeholder (`YOUR_KEY`, `changeme`, `xxxx`), a
 * documented example key, or a short word without digits (`test`, `key`, `local`, `minioadmin`, `FOOBARKEY`):
 * real key ids are 20 characters with digits, real secrets 40 characters of base64. It is what mocks,
 * emulators and tests are given — a truncated or mangled real key is not one.
 */
export function isDummyCredential(value: string): boolean {
  const v = value.trim();
  return isPlaceholder(v) || isSecretPlaceholder(v) || isAwsExampleValue(v) || /^[A-Za-z][A-Za-z_-]{0,15}$/.test(v);
}

/** The credential variables configure-aws-credentials exports for the steps after it (`exportCredentials`). */
const EXPORTED_BY_LOGIN: ReadonlySet<string> = new Set(["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"]);

/**
 * Whether an earlier step of the job assumes a role with configure-aws-credentials and so exports temporary
 * credentials into the environment of the steps after it (reference §6.1: OIDC, web identity, keys plus a
 * role or role chaining all end in `exportCredentials` of the role's session, unless
 * `output-env-credentials: false`).
 */
function exportedByEarlierLogin(step: CiStep, name: string): boolean {
  if (!EXPORTED_BY_LOGIN.has(name)) return false;
  return step.job.steps.some((s) => {
    if (s.index >= step.index || loginAction(s) !== "configure-aws-credentials" || !isSet(s.input("role-to-assume"))) return false;
    const out = s.input("output-env-credentials")?.value;
    return !(out?.kind === "literal" && /^false$/i.test(out.value.trim()));
  });
}

/** The variable a GitHub value reads from the environment: `${{ env.NAME }}`, or `$NAME` in a `run:` script. */
function githubEnvName(s: Setting): string | undefined {
  if ((s.file.kind !== "github-workflow" && s.file.kind !== "github-action") || s.value.kind !== "reference") return undefined;
  return (/^env\.([A-Za-z_][\w-]*)$/.exec(s.value.target) ?? /^([A-Za-z_]\w*)$/.exec(s.value.target))?.[1];
}

/**
 * Whether a CI value holds a long-lived secret (reference §6.1–6.6): a key from the CI system's secrets or
 * variables (`${{ secrets.X }}`, `${{ vars.X }}`, `$AWS_KEY` in GitLab or CircleCI) or a literal that looks
 * like a key. Not long-lived: another step's or job's outputs (`steps.aws.outputs.aws-access-key-id`);
 * `${{ env.X }}` that is not set statically in the workflow, job or step — it is set at run time by an
 * earlier step, such as a configure-aws-credentials login that exports a role's temporary credentials (and
 * after such a login, `env.AWS_ACCESS_KEY_ID` is those credentials whatever the job's `env:` said);
 * `GOOGLE_APPLICATION_CREDENTIALS` set to a file path; and literal dummies (`test`, `minioadmin`) that only a
 * local stand-in accepts. `env` is the context the value is read in (a step's for its inputs); `step` the
 * step whose input it is.
 */
export function holdsLongLivedSecret(s: Setting, env?: EnvContext, step?: CiStep, depth = 0): boolean {
  if (!isSet(s)) return false;
  const v = s.value;
  if (v.kind === "literal" && s.provider === "aws") {
    const t = v.value.trim();
    if (isSecretPlaceholder(t) || (s.key.text.endsWith("KEY_ID") ? !/^(?:AKIA|ASIA)[A-Z0-9]{16}$/.test(t) : t.length < 20)) return false;
  }
  if (v.kind === "reference" && /^(?:steps|needs|job)\./.test(v.target)) return false;
  if (v.kind === "dynamic" && /\$\{\{\s*(?:steps|needs)\./.test(v.raw)) return false;
  if (s.key.text === "GOOGLE_APPLICATION_CREDENTIALS" || s.key.text === "GOOGLE_CREDENTIALS") {
    // A key file's JSON holds a private key or a refresh token; `{"type": "service_account"}` alone is a stub
    // that satisfies a tool's parser (`terraform test` with dummy credentials).
    if (v.kind === "literal") return v.value.trim().startsWith("{") && /private_key|refresh_token|client_secret/.test(v.value);
    if (v.kind === "dynamic") return false;
  }
  const name = githubEnvName(s);
  if (name !== undefined && env) {
    if (step && exportedByEarlierLogin(step, name)) return false;
    // An env: entry reads the levels above its own (`env.X` in a job's env: is the workflow's X); an input
    // reads the step's whole env.
    let owner: EnvContext | undefined = env;
    while (owner && !owner.own.includes(s)) owner = owner.parent;
    const scope = owner ? owner.parent : env;
    const definition = scope ? setVar(scope, name) : undefined;
    if (!definition || definition === s || depth >= 8) return false;
    return holdsLongLivedSecret(definition, scope, undefined, depth + 1);
  }
  return true;
}
