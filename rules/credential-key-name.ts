/**
 * credential-key-name — key names no SDK reads, with a did-you-mean (reference §1.3, §1.4).
 *
 * Only keys that are close to a key the SDKs read are reported: the AWS CLI and tools add keys of their
 * own (`cli_pager`, `output`, plugin settings), and flagging every unknown key would bury the typos that
 * matter.
 *
 * Environment variables (dotenv, scripts, Dockerfile `ENV`, CI `env:`/`variables:`; reference §1.6, §4.1,
 * §5.3): names are case-sensitive, so `aws_access_key_id=` in a `.env` is read by no SDK; Go's fallbacks
 * `AWS_ACCESS_KEY`/`AWS_SECRET_KEY` work in Go only; near misses of the identity variables
 * (`AZURE_CLIENT_SECRETS`, `GOOGLE_APPLICATION_CREDENTIAL`). CI login steps (reference §6.1–6.3): inputs the
 * action does not declare (GitHub only warns "Unexpected input(s)" and the step runs without them), and
 * azure/login `creds` JSON keys in another case than the camelCase the action reads.
 */
import { AWS_SSO_SESSION_KEYS, awsKeyCategory, isKnownAwsKey, suggestAwsKey } from "../src/knowledge/aws-keys.js";
import type { Fix } from "../src/model/finding.js";
import { defineRule, type RuleContext } from "../src/model/rule.js";
import type { Setting } from "../src/model/setting.js";
import { envNameProblem, isKnownEnvVar } from "../src/knowledge/env-vars.js";
import { AZURE_CREDS_ALIASES, AZURE_CREDS_KEYS, LOGIN_INPUT_TYPOS, LOGIN_INPUTS, LOGIN_LABEL } from "../src/knowledge/ci-actions.js";
import { closest } from "../src/knowledge/strings.js";
import { loginAction } from "../src/model/ci-query.js";
import type { CiStep } from "../src/model/ci.js";
import { offsetAt, rangeOf } from "../src/model/source.js";
import { isKubernetesDataWhere } from "../src/model/env.js";
import { callShown, type SdkCall } from "../src/model/sdk-call.js";

const messages = {
  wrongCase: (p: { key: string; lower: string }) =>
    `The JavaScript SDK reads key names case-sensitively and ignores "${p.key}" (botocore and the Go SDK lower-case it). Write ${p.lower}.`,
  unknownKey: (p: { key: string; suggestion: string; consequence: string }) =>
    `No SDK reads "${p.key}" — did you mean ${p.suggestion}? The value is silently ignored${p.consequence}.`,
  envWrongCase: (p: { key: string; intended: string }) =>
    `Environment variable names are case-sensitive: the SDKs read ${p.intended} and never see "${p.key}". Rename it to ${p.intended}.`,
  envGoOnly: (p: { key: string; intended: string }) =>
    `Only the AWS SDK for Go reads ${p.key} (a legacy fallback); the AWS CLI, boto3 and the JavaScript SDK ignore it and report "Unable to locate credentials". Rename it to ${p.intended}.`,
  envTypo: (p: { key: string; intended: string; consequence: string }) =>
    `No SDK reads the environment variable "${p.key}" — did you mean ${p.intended}? The value is silently ignored${p.consequence}.`,
  unknownInput: (p: { action: string; key: string; suggestion: string; consequence: string }) =>
    `The ${p.action} action has no input "${p.key}": GitHub only warns "Unexpected input(s)" and runs the step without it${p.consequence}.${p.suggestion}`,
  credsKey: (p: { key: string; intended: string }) =>
    `The azure/login action reads the creds JSON keys in camelCase (clientId, clientSecret, tenantId, subscriptionId) and ignores "${p.key}": the login fails with "Not all parameters are provided in 'creds'". Rename it to ${p.intended}.`,
  optionName: (p: { key: string; intended: string; call: string; how: string }) =>
    `\`${p.call}\` has no option "${p.key}" (${p.how}): the SDK reads ${p.intended} and ignores this one, so the value never reaches the client. Rename it to ${p.intended}.`,
  unknownSsoSessionKey: (p: { key: string; suggestion: string }) =>
    `An [sso-session] section has no key "${p.key}" — did you mean ${p.suggestion}? The value is silently ignored.`,
};

type Ctx = RuleContext<typeof messages>;

function rename(setting: Setting, to: string): Fix {
  return { description: `Rename the key to ${to}`, safety: "safe", edits: [{ range: setting.key.range, text: to }] };
}

function checkKey(setting: Setting, known: (k: string) => boolean, ctx: Ctx, ssoSession: boolean): void {
  const key = setting.key.text;
  const lower = key.toLowerCase();
  const place = { file: setting.file, range: setting.key.range };
  if (known(lower)) {
    if (key !== lower) ctx.report({ ...place, messageId: "wrongCase", data: { key, lower }, fix: rename(setting, lower) });
    return;
  }
  const suggestion = ssoSession ? suggestSsoKey(lower) : suggestAwsKey(key);
  if (!suggestion) return;
  const fix = suggestion.certain ? { fix: rename(setting, suggestion.suggestion) } : {};
  if (ssoSession) {
    ctx.report({ ...place, messageId: "unknownSsoSessionKey", data: { key, suggestion: suggestion.suggestion }, ...fix });
  } else {
    const data = { key, suggestion: suggestion.suggestion, consequence: consequence(suggestion.suggestion) };
    ctx.report({ ...place, messageId: "unknownKey", data, ...fix });
  }
}

/** What the user sees at run time when the intended key is missing, by the key's category. */
function consequence(intended: string): string {
  if (intended === "region") return ', and calls fail with "You must specify a region" (or use another region than intended)';
  switch (awsKeyCategory(intended)) {
    case "credentials":
      return ', which ends in "Unable to locate credentials" or "Partial credentials found"';
    case "assume-role":
    case "web-identity":
      return ", so the role is not assumed as configured";
    case "sso":
      return ', and SSO sign-in fails with "missing required configuration"';
    default:
      return "";
  }
}

function suggestSsoKey(lower: string): { suggestion: string; certain: boolean } | undefined {
  const s = suggestAwsKey(lower);
  return s && AWS_SSO_SESSION_KEYS.has(s.suggestion) ? s : undefined;
}

/** What the user sees when the intended variable is missing, by provider (reference §1.6, §4.1, §5.3). */
function envConsequence(intended: string): string {
  if (intended.startsWith("AWS_")) return /REGION/.test(intended) ? ' and calls fail with "You must specify a region" / "Region is missing"' : ' and the SDK falls back to other credentials or fails with "Unable to locate credentials"';
  if (intended.startsWith("GOOGLE_")) return ' and Application Default Credentials fail with "Could not load the default credentials"';
  return ' and EnvironmentCredential reports "EnvironmentCredential is unavailable"';
}

function checkEnvName(setting: Setting, ctx: Ctx, caseOnly = false): void {
  const key = setting.key.text;
  // Dockerfile build args are often lower case and copied into ENV under the real name; an `ENV` name is
  // the container's environment variable, case-sensitive as any other.
  if (setting.buildArg && key !== key.toUpperCase()) return;
  const problem = envNameProblem(key);
  if (!problem) return;
  if (caseOnly && (problem.kind !== "case" || !isKnownEnvVar(problem.intended))) return;
  const place = { file: setting.file, range: setting.key.range };
  const fix = problem.kind !== "typo" || problem.certain ? { fix: rename(setting, problem.intended) } : {};
  const messageId = problem.kind === "case" ? "envWrongCase" : problem.kind === "go-only" ? "envGoOnly" : "envTypo";
  ctx.report({ ...place, messageId, data: { key, intended: problem.intended, consequence: envConsequence(problem.intended) }, ...fix });
}

function checkInputs(step: CiStep, ctx: Ctx): void {
  const action = loginAction(step);
  if (!action || step.job.platform !== "github") return;
  const known = LOGIN_INPUTS[action];
  const lower = new Map(known.map((k) => [k.toLowerCase(), k]));
  for (const input of step.inputs) {
    // GitHub matches input names case-insensitively.
    const name = input.key.text;
    if (lower.has(name.toLowerCase())) continue;
    const typo = Object.hasOwn(LOGIN_INPUT_TYPOS, name) ? LOGIN_INPUT_TYPOS[name] : undefined;
    const intended = typo && known.includes(typo) ? typo : closest(name.toLowerCase(), known, 3)?.value;
    // An input we do not know and cannot place may be newer than our snapshot of the action: not reported.
    if (!intended) continue;
    const suggestion = ` Did you mean ${intended}?`;
    const consequence =
      intended === "aws-region"
        ? ' and the action fails with "Input required and not supplied: aws-region"'
        : intended === "aws-secret-access-key"
          ? ` and fails with "'aws-secret-access-key' must be provided if 'aws-access-key-id' is provided"`
          : ", so the value you meant to pass is never used";
    const fix = typo && intended === typo ? { fix: rename(input, typo) } : {};
    ctx.report({ file: input.file, range: input.key.range, messageId: "unknownInput", data: { action: LOGIN_LABEL[action], key: name, suggestion, consequence }, ...fix });
  }
  if (action === "azure-login") checkCreds(step, ctx);
}

/** The keys of an azure/login `creds` JSON written in the workflow (values may be `${{ secrets.X }}`). */
function checkCreds(step: CiStep, ctx: Ctx): void {
  const creds = step.input("creds");
  if (!creds || creds.value.kind === "reference") return;
  const raw = creds.value.raw;
  if (!raw.includes("{")) return;
  const base = offsetAt(creds.file, creds.value.range.start);
  for (const m of raw.matchAll(/"([A-Za-z_][\w-]*)"\s*:/g)) {
    const key = m[1] ?? "";
    if (AZURE_CREDS_KEYS.includes(key)) continue;
    const intended = Object.hasOwn(AZURE_CREDS_ALIASES, key) ? AZURE_CREDS_ALIASES[key] : AZURE_CREDS_KEYS.find((k) => k.toLowerCase() === key.toLowerCase().replace(/[_-]/g, ""));
    if (!intended) continue;
    const start = base + (m.index ?? 0) + 1;
    const range = rangeOf(creds.file, start, start + key.length);
    ctx.report({ file: creds.file, range, messageId: "credsKey", data: { key, intended }, fix: { description: `Rename the key to ${intended}`, safety: "safe", edits: [{ range, text: intended }] } });
  }
}

/** File kinds that set the environment of a program whose variable names are its own (see `setting` below). */
const PROGRAM_ENV_KINDS: ReadonlySet<string> = new Set(["docker-compose", "kubernetes", "cloudformation", "serverless"]);

/** Of those, the containers' environments, where a name the SDKs read in another case is still a mistake. */
const CONTAINER_ENV_KINDS: ReadonlySet<string> = new Set(["docker-compose", "kubernetes"]);

/**
 * The credential and region options of the AWS SDK for JavaScript (v3 client config and `credentials`
 * object, v2 `AWS.config.update` / `AWS.Credentials`): the names a near miss is measured against. Option
 * names are case-sensitive, and an unknown one is ignored without a word (v2's `update` drops unknown keys).
 */
const JS_AWS_OPTIONS: readonly string[] = ["region", "credentials", "accessKeyId", "secretAccessKey", "sessionToken", "expiration", "profile", "endpoint"];
/** Other option names within two edits of those, which are options in their own right. */
const JS_AWS_OTHER_OPTIONS: ReadonlySet<string> = new Set(["regions", "endpoints", "credentialScope", "credentialDefaultProvider", "accountId"]);

function checkOptionNames(call: SdkCall, ctx: Ctx): void {
  if (call.provider !== "aws" || call.file.kind !== "js-ts") return;
  const shown = callShown(call);
  for (const s of call.settings) {
    const key = s.key.text;
    if (JS_AWS_OPTIONS.includes(key) || JS_AWS_OTHER_OPTIONS.has(key) || !/^[A-Za-z]\w*$/.test(key)) continue;
    const sameCase = JS_AWS_OPTIONS.find((o) => o.toLowerCase() === key.toLowerCase());
    // One edit from a name of five letters or more (`regin`), two from one of eight or more (`secretAccesKey`).
    const near = sameCase ?? (key.length >= 5 ? closest(key, JS_AWS_OPTIONS, key.length >= 8 ? 2 : 1) : undefined)?.value;
    if (!near) continue;
    const how = sameCase ? "option names are case-sensitive" : "a misspelling";
    // A case fix is certain; a misspelling's intended name is a guess (safe fixes only under --fix).
    const fix: Fix = sameCase ? rename(s, near) : { ...rename(s, near), safety: "unsafe" };
    ctx.report({ file: s.file, range: s.key.range, messageId: "optionName", data: { key, intended: near, call: shown, how }, fix });
  }
}

export default defineRule({
  meta: {
    id: "credential-key-name",
    description: "Report credential key names, environment variables and login inputs that no SDK or action reads, with a did-you-mean",
    provider: "any",
    severity: "error",
    securitySeverity: 2.0,
    precision: "high",
    tags: ["correctness", "portability"],
    help: {
      why: "The SDKs and login actions look up fixed names and silently ignore every other one. A typo such as aws_secret_key (for aws_secret_access_key) or region_name (for region) leaves the profile without that value, and the failure shows up far away as \"Unable to locate credentials\", \"Partial credentials found\" or \"You must specify a region\". Upper-case names (AWS_ACCESS_KEY_ID = …) in INI files work in botocore and Go, which lower-case keys, but the JavaScript SDK v3 reads keys case-sensitively and ignores them. Environment variables are the other way round: case-sensitive everywhere, so aws_access_key_id in a .env is read by no SDK; AWS_SECRET_KEY is read only by Go. A misspelt input of a login action (aws-secret-key, role-arn) is dropped with a warning, and azure/login ignores creds keys that are not camelCase.",
      fix: "Rename the key, variable or input to the name the SDKs read (the message suggests it; the fix is applied automatically where only one name is plausible). Write INI keys in lower case and environment variables in upper case.",
    },
    fixable: true,
    messages,
  },
  check: {
    setting(setting, ctx) {
      // The environment of a container or a function (compose, Kubernetes, CloudFormation/SAM, Serverless) is
      // read by a program someone else wrote — an image, a function's own code: a name no AWS SDK reads is most
      // likely that program's own (external-dns reads the Go SDK's AWS_SECRET_KEY, a function its
      // AWS_REGION_NAME). And a Secret's or ConfigMap's keys are file names when mounted.
      // A lower-case shell variable (`aws_region=$(curl …)` alone on its line) is the script's own, not an
      // environment variable written in the wrong case.
      if (setting.shellOnly && setting.key.text === setting.key.text.toLowerCase()) return;
      if (setting.syntax !== "env") return;
      if (!PROGRAM_ENV_KINDS.has(setting.file.kind)) return checkEnvName(setting, ctx);
      // A container's own variable may be any name — but not the SDKs' in another case (`aws_access_key_id`,
      // `Aws_Region`): no SDK reads that, and a program that wanted its own name would not pick that one.
      // Lambda functions (Serverless, CloudFormation) are left alone: Lambda reserves AWS_REGION and the
      // credential variables, so functions read look-alikes (`aws_region`) of their own on purpose.
      if (CONTAINER_ENV_KINDS.has(setting.file.kind) && !isKubernetesDataWhere(setting.where)) checkEnvName(setting, ctx, true);
    },
    ciStep(step, ctx) {
      checkInputs(step, ctx);
    },
    sdkCall(call, ctx) {
      checkOptionNames(call, ctx);
    },
    awsProfile(profile, ctx) {
      for (const s of profile.all) checkKey(s, isKnownAwsKey, ctx, false);
    },
    awsSsoSession(session, ctx) {
      for (const s of session.settings.values()) checkKey(s, (k) => AWS_SSO_SESSION_KEYS.has(k), ctx, true);
    },
  },
});
