/**
 * temporary-credentials — session tokens and temporary keys that do not belong together or have
 * expired (reference §1.7, §2.1). `ASIA` keys are STS credentials: they need their session token and
 * expire within hours (36 at most), so a committed pair is dead on arrival — and still a leak while valid.
 * Expiry keys are the ones credential helpers write (`x_security_token_expires` by saml2aws/aws-vault style
 * tools, `aws_expiration`); their values are ISO-8601 timestamps. In JS/TS code the same questions are asked of
 * an SDK call's `accessKeyId`/`sessionToken` options when the key id is a literal.
 *
 * Environments (dotenv files, scripts, CI workflows, jobs and steps) are asked the same questions of
 * `AWS_ACCESS_KEY_ID` with `AWS_SESSION_TOKEN`/`AWS_SECURITY_TOKEN` (a token from secrets counts: it is
 * still sent with the long-term key), and `AWS_CREDENTIAL_EXPIRATION` in the past. GitLab's job JWTs
 * `CI_JOB_JWT`, `CI_JOB_JWT_V1`, `CI_JOB_JWT_V2` (deprecated in 15.9, removed in 17.0; reference §6.4) are
 * reported wherever a GitLab CI file uses them: the variable is now empty and the federated login fails.
 *
 * Azure SAS tokens (reference §4.3) carry their own expiry, `se=`: a SAS in a live file — a SAS URL, a
 * `SharedAccessSignature=` connection string, a `sv=…&se=…&sig=…` variable — whose `se` is in the past is
 * refused with 403 AuthenticationFailed ("Signature not valid in the specified time frame"). The SAS is a
 * secret until it expires, so hardcoded-azure-key reports it too; the message here shows only `sig=` redacted.
 * Not read: SAS tokens in tests, examples and docs, placeholders (`sig=<signature>`), templates (`sig=${SIG}`)
 * and local emulators' (Azurite) tokens.
 */
import { valueOf, valuePlace } from "../src/model/aws-query.js";
import { isAwsExampleValue } from "../src/knowledge/aws-keys.js";
import { redact } from "../src/model/redact.js";
import { defineRule, type RelatedInput, type RuleContext } from "../src/model/rule.js";
import type { Setting } from "../src/model/setting.js";
import type { Range, SourceFile } from "../src/model/source.js";
import { GITLAB_JOB_JWT } from "../src/knowledge/ci-actions.js";
import { setVar } from "../src/model/ci-query.js";
import { effectiveVars, isOwn, sentenceLabel } from "../src/model/env.js";
import { rangeOf } from "../src/model/source.js";
import { callShown, isWrittenIn, type SdkCall } from "../src/model/sdk-call.js";
import { isLiveCiFile } from "../src/knowledge/paths.js";
import { isSasToken, sasExpiry, sasParams } from "../src/knowledge/azure-sas.js";
import { isSecretPlaceholder } from "../src/knowledge/secrets.js";
import { isLiveFile, type SourceFile as File } from "../src/model/source.js";

const EXPIRY_KEYS = ["x_security_token_expires", "aws_expiration", "aws_credential_expiration", "expiration"];

/** An ISO-8601 date or date-time (`T` or a blank between them), with an optional fraction and offset. */
const ISO_TIMESTAMP = /^(\d{4}-\d{2}-\d{2})(?:[Tt ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)([Zz]|[+-]\d{2}:?\d{2})?)?$/;

/**
 * The instant an expiry value names, in epoch milliseconds; undefined when it is not an ISO-8601 timestamp
 * (`Date.parse` alone would take "1" for 2001). A timestamp without an offset is read as UTC — never in the
 * scanning machine's time zone, so the same file gives the same finding everywhere.
 */
function parseExpiry(value: string): number | undefined {
  const m = ISO_TIMESTAMP.exec(value);
  if (!m) return undefined;
  const [, date, time, zone] = m;
  const ms = Date.parse(time === undefined ? `${date}T00:00:00Z` : `${date}T${time}${zone ?? "Z"}`);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The characters that end a SAS token in text: blanks, quotes, brackets, `;` between connection-string parts. */
const SAS_END = /[\s"'`<>()[\]{}\\;|]/;

/**
 * The SAS tokens of a live file whose `se=` lies before `now`: the range of each expiry value, its signature
 * (for the redacted preview) and the instant. Placeholders, templates and emulator tokens are left out.
 */
function expiredSasTokens(file: File, now: number): { start: number; end: number; signature: string; when: string }[] {
  const text = file.text;
  if (!text.includes("sig=") || !text.includes("se=") || !isLiveFile(file) || file.facts.example || file.facts.docs) return [];
  const out: { start: number; end: number; signature: string; when: string }[] = [];
  const seen = new Set<number>();
  for (let at = text.indexOf("sig="); at !== -1; at = text.indexOf("sig=", at + 4)) {
    let start = at;
    while (start > 0 && !SAS_END.test(text.charAt(start - 1))) start--;
    let end = at;
    while (end < text.length && !SAS_END.test(text.charAt(end))) end++;
    if (seen.has(start)) continue;
    seen.add(start);
    const token = text.slice(start, end);
    const params = sasParams(token);
    const sig = params.get("sig")?.value ?? "";
    const se = params.get("se");
    if (!se || !isSasToken(params) || isSecretPlaceholder(sig) || /\$|\{\{|<%/.test(sig)) continue;
    if (/devstoreaccount1|127\.0\.0\.1|localhost|azurite/i.test(token)) continue;
    const when = sasExpiry(se.value);
    if (when === undefined || when >= now) continue;
    const from = start + se.offset;
    out.push({ start: from, end: from + se.raw.length, signature: sig, when: new Date(when).toISOString() });
  }
  return out;
}

/** Each family of pair messages takes one data shape, so that one report serves the three problems. */
type ProfileData = { profile: string; tokenKey: string; preview: string };
type CodeData = { callee: string; preview: string };
type EnvData = { where: string; label: string; tokenKey: string; preview: string };

type PairProblem = "tokenWithLongTermKey" | "temporaryKeyWithoutToken" | "committedTemporary";

/**
 * What is wrong with an access key id and the session token sent with it (reference §1.7): a token with a
 * long-term AKIA key, a temporary ASIA key without its token, or a literal ASIA key with a literal token.
 */
function pairProblem(keyId: string, token: Setting | undefined): PairProblem | undefined {
  if (keyId.startsWith("AKIA") && token) return "tokenWithLongTermKey";
  if (keyId.startsWith("ASIA") && !token) return "temporaryKeyWithoutToken";
  if (keyId.startsWith("ASIA") && token?.value.kind === "literal" && !isAwsExampleValue(keyId)) return "committedTemporary";
  return undefined;
}

/** Where a pair finding stands: on the token that must go, else on the key id; the other as related. */
function pairPlace(problem: PairProblem, key: Setting, token: Setting | undefined): { file: SourceFile; range: Range; related: RelatedInput[] } {
  if (problem === "tokenWithLongTermKey" && token) {
    return { file: token.file, range: token.key.range, related: [{ file: key.file, range: key.value.range, message: "Long-term key id (AKIA…)." }] };
  }
  return { ...valuePlace(key), related: token ? [{ file: token.file, range: token.key.range, message: "Session token." }] : [] };
}

/** `expiration: new Date("2025-06-01T12:00:00Z")` (or the string itself) in a JS credentials object: the timestamp. */
function codeExpiry(s: Setting): number | undefined {
  if (s.value.kind === "literal") return parseExpiry(s.value.value.trim());
  const m = /^new\s+Date\(\s*(["'`])([^"'`$]+)\1\s*\)$/.exec(s.value.raw.trim());
  return m?.[2] === undefined ? undefined : parseExpiry(m[2]);
}

/** A client's or provider block's key id with its session token (or without one), and its expiry in JS. */
function checkCall(call: SdkCall, ctx: RuleContext<typeof messages>): void {
  if (call.provider !== "aws") return;
  const expiration = call.file.kind === "js-ts" && call.credentials?.holds === "object" ? call.get("expiration") : undefined;
  const when = expiration ? codeExpiry(expiration) : undefined;
  if (expiration && when !== undefined && when < ctx.now.getTime()) {
    ctx.report({ ...valuePlace(expiration), messageId: "codeExpired", data: { callee: callShown(call), when: new Date(when).toISOString() } });
  }
  const keySetting = call.get("accessKeyId");
  if (keySetting?.value.kind !== "literal") return;
  const keyId = keySetting.value.value;
  const tokenSetting = call.get("sessionToken");
  const token = tokenSetting && !(tokenSetting.value.kind === "literal" && tokenSetting.value.value === "") ? tokenSetting : undefined;
  const callee = callShown(call);
  const problem = pairProblem(keyId, token);
  if (problem) ctx.report({ ...pairPlace(problem, keySetting, token), messageId: CODE_IDS[problem], data: { callee, preview: redact(keyId) } });
}

const CODE_IDS = { tokenWithLongTermKey: "codeTokenWithLongTermKey", temporaryKeyWithoutToken: "codeTemporaryKeyWithoutToken", committedTemporary: "codeCommittedTemporary" } as const;
const ENV_IDS = { tokenWithLongTermKey: "envTokenWithLongTermKey", temporaryKeyWithoutToken: "envTemporaryKeyWithoutToken", committedTemporary: "envCommittedTemporary" } as const;

const messages = {
  tokenWithLongTermKey: (p: ProfileData) =>
    `Profile ${p.profile} pairs a session token with the long-term key ${p.preview}: AWS rejects the request ("The security token included in the request is invalid"). A leftover ${p.tokenKey} from an earlier session is the usual cause — delete it.`,
  temporaryKeyWithoutToken: (p: ProfileData) =>
    `${p.preview} in profile ${p.profile} is a temporary (STS) key id but the profile has no aws_session_token: AWS rejects it with InvalidClientTokenId. Add the session token that came with it, or use a role/SSO profile that fetches fresh ones.`,
  committedTemporary: (p: ProfileData) =>
    `Profile ${p.profile} holds temporary STS credentials (an ASIA key id with a session token) in a file: they expire within hours and then fail with ExpiredToken — and until then they are a leaked credential. Configure role_arn/source_profile or SSO so the SDK fetches fresh credentials.`,
  codeTokenWithLongTermKey: (p: CodeData) =>
    `\`${p.callee}\` pairs a sessionToken with the long-term key ${p.preview}: AWS rejects the request ("The security token included in the request is invalid"). Remove the sessionToken, or better, drop the keys and let the default provider chain find credentials.`,
  codeTemporaryKeyWithoutToken: (p: CodeData) =>
    `${p.preview} passed to \`${p.callee}\` is a temporary (STS) key id but no sessionToken is given: AWS rejects it with InvalidClientTokenId. Use fromTemporaryCredentials or the default provider chain instead of pasted keys.`,
  codeCommittedTemporary: (p: CodeData) =>
    `\`${p.callee}\` is given temporary STS credentials (an ASIA key id with a session token) written into the code: they expire within hours and then fail with ExpiredToken, and until then they are a leaked credential. Use fromTemporaryCredentials or the default provider chain.`,
  envTokenWithLongTermKey: (p: EnvData) =>
    `${p.label} sends ${p.tokenKey} with the long-term key ${p.preview}: AWS rejects the request ("The security token included in the request is invalid"). Remove ${p.tokenKey} — a session token belongs only with the ASIA key it was issued with.`,
  envTemporaryKeyWithoutToken: (p: EnvData) =>
    `${p.preview} (${p.where}) is a temporary (STS) key id but AWS_SESSION_TOKEN is not set: AWS rejects it with InvalidClientTokenId. Set the token that came with it, or let a role or OIDC login provide fresh credentials.`,
  envCommittedTemporary: (p: EnvData) =>
    `${p.label} holds temporary STS credentials (an ASIA key id with a session token) as literals: they expire within hours and then fail with ExpiredToken — and until then they are a leaked credential. Let a role, SSO or OIDC login fetch fresh credentials at run time.`,
  envExpired: (p: { where: string; when: string }) =>
    `The credentials in ${p.where} expired at ${p.when} (AWS_CREDENTIAL_EXPIRATION): the SDKs treat them as expired and AWS answers ExpiredToken. Refresh them, or let a role or SSO renew them.`,
  gitlabJobJwt: (p: { name: string }) =>
    `${p.name} was deprecated in GitLab 15.9 and removed in GitLab 17.0: the variable is empty now, so the cloud login that uses it fails (InvalidIdentityToken / "Couldn't retrieve verification key"). Declare an ID token on the job — \`id_tokens: { ID_TOKEN: { aud: <audience> } }\` — and use $ID_TOKEN instead.`,
  sasExpired: (p: { preview: string; path: string; when: string }) =>
    `The Azure SAS token (sig=${p.preview}) in ${p.path} has expired (its se= is ${p.when}), so Azure Storage refuses every request made with it: 403 AuthenticationFailed, "Signature not valid in the specified time frame". Issue a new one at run time (a user delegation SAS, or no SAS: DefaultAzureCredential with Microsoft Entra ID) instead of keeping a SAS in the repository.`,
  codeExpired: (p: { callee: string; when: string }) =>
    `\`${p.callee}\` is given temporary credentials that expired at ${p.when} (expiration): AWS answers ExpiredToken. Let a credential provider fetch and renew them (fromTemporaryCredentials, fromSSO, the default chain) instead of writing them into the code.`,
  expired: (p: { profile: string; key: string; when: string }) =>
    `The credentials of profile ${p.profile} expired at ${p.when} (${p.key}): AWS answers ExpiredToken. Refresh them, or configure a role or SSO profile that renews them itself.`,
};

export default defineRule({
  meta: {
    id: "temporary-credentials",
    description: "Report session tokens paired with long-term keys, temporary keys without a token, committed or expired temporary credentials, GitLab's removed CI_JOB_JWT tokens",
    provider: "aws",
    severity: "error",
    securitySeverity: 5.0,
    precision: "very-high",
    tags: ["security", "correctness"],
    help: {
      why: "Access key ids starting with ASIA are temporary STS credentials: they only work together with their session token and expire within hours. Keys starting with AKIA are long-term and must not be sent with a session token. A leftover aws_session_token next to new long-term keys, an ASIA key without its token, or expired temporary credentials all fail with \"The security token included in the request is invalid\" or ExpiredToken.",
      fix: "Remove the stale session token, or let the SDK fetch temporary credentials itself with a role (role_arn + source_profile), SSO (sso_session) or credential_process, instead of pasting them into the file.",
    },
    fixable: false,
    messages,
  },
  check: {
    env(env, ctx) {
      const vars = effectiveVars(env);
      const key = setVar(env, "AWS_ACCESS_KEY_ID", vars);
      const token = setVar(env, "AWS_SESSION_TOKEN", vars) ?? setVar(env, "AWS_SECURITY_TOKEN", vars);
      if (key?.value.kind === "literal" && (isOwn(env, key) || (token && isOwn(env, token)))) {
        const keyId = key.value.value.trim();
        const problem = pairProblem(keyId, token);
        // A missing token is the key's context's problem, not one of every context inheriting the key.
        if (problem && (problem !== "temporaryKeyWithoutToken" || isOwn(env, key))) {
          ctx.report({
            ...pairPlace(problem, key, token),
            messageId: ENV_IDS[problem],
            data: { where: env.where, label: sentenceLabel(env.where), tokenKey: token?.key.text ?? "", preview: redact(keyId) },
          });
        }
      }
      const expiry = setVar(env, "AWS_CREDENTIAL_EXPIRATION", vars);
      if (expiry?.value.kind === "literal" && isOwn(env, expiry)) {
        const when = parseExpiry(expiry.value.value.trim());
        if (when !== undefined && when < ctx.now.getTime()) {
          ctx.report({ ...valuePlace(expiry), messageId: "envExpired", data: { where: env.where, when: new Date(when).toISOString() } });
        }
      }
    },
    raw(file, ctx) {
      for (const sas of expiredSasTokens(file, ctx.now.getTime())) {
        ctx.report({ file, range: rangeOf(file, sas.start, sas.end), messageId: "sasExpired", data: { preview: redact(sas.signature), path: file.path, when: sas.when } });
      }
      if (file.kind !== "gitlab-ci" || !isLiveCiFile(file.path, file.facts)) return;
      for (const m of file.text.matchAll(GITLAB_JOB_JWT)) {
        const name = m[1] ?? "";
        const start = (m.index ?? 0) + m[0].indexOf(name);
        // A comment line that mentions the variable is not a use.
        const lineStart = file.text.lastIndexOf("\n", start) + 1;
        if (/^\s*#/.test(file.text.slice(lineStart, start))) continue;
        ctx.report({ file, range: rangeOf(file, start, start + name.length), messageId: "gitlabJobJwt", data: { name } });
      }
    },
    sdkCall(call, ctx) {
      checkCall(call, ctx);
    },
    repo(repo, ctx) {
      // A provider block whose access_key is `var.x`, with the key id in a tfvars file (or the variable's
      // default): judged as `terraform plan` configures it; the finding points at the tfvars line. A key
      // written in the block itself was judged with the block (sdkCall).
      for (const call of repo.terraformCalls) {
        const key = call.get("accessKeyId");
        if (key && !isWrittenIn(call, key)) checkCall(call, ctx);
      }
    },
    awsProfile(profile, ctx) {
      const keyId = valueOf(profile, "aws_access_key_id");
      const keySetting = profile.get("aws_access_key_id");
      const tokenSetting = profile.get("aws_session_token") ?? profile.get("aws_security_token");
      const token = tokenSetting?.value.kind === "literal" && tokenSetting.value.value !== "" ? tokenSetting : undefined;
      const problem = keyId !== undefined && keySetting ? pairProblem(keyId, token) : undefined;
      if (problem && keySetting && keyId !== undefined) {
        ctx.report({
          ...pairPlace(problem, keySetting, token),
          messageId: problem,
          data: { profile: profile.name, tokenKey: token?.key.text ?? "", preview: redact(keyId) },
        });
      }
      for (const key of EXPIRY_KEYS) {
        const s = profile.get(key);
        const v = valueOf(profile, key);
        if (!s || v === undefined) continue;
        const when = parseExpiry(v);
        if (when !== undefined && when < ctx.now.getTime()) {
          ctx.report({ ...valuePlace(s), messageId: "expired", data: { profile: profile.name, key, when: new Date(when).toISOString() } });
        }
      }
    },
  },
});
