/**
 * Questions rules ask about CI steps and env contexts, answered once here: which login a step performs and
 * whether it federates (reference §6.1–6.5), which variables a context combines.
 */
import { LOGIN_PROVIDER, loginActionOf, type LoginAction } from "../knowledge/ci-actions.js";
import type { CiJob, CiStep } from "./ci.js";
import { effectiveVars, type EnvContext } from "./env.js";
import { usesLocalAwsEndpoint } from "../knowledge/env-vars.js";
import { shellVariableName } from "../knowledge/references.js";
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
