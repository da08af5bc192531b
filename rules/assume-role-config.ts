/**
 * assume-role-config — assume-role and SSO profiles the SDKs refuse (reference §1.4, §1.5, §2.5).
 *
 * Not here: `source_profile` + `credential_source` together and other mixed methods (`conflicting-auth`),
 * a `source_profile` naming a missing profile or a cycle, and an `sso_session` naming a missing section
 * (`profile-reference`). Role chaining over one hour is reported when the source profile itself assumes a
 * role in the same repository.
 */
import {
  CREDENTIAL_SOURCES,
  DURATION_SECONDS_MAX,
  DURATION_SECONDS_MIN,
  EXTERNAL_ID_RE,
  ROLE_CHAINING_MAX,
  ROLE_SESSION_NAME_RE,
} from "../src/knowledge/aws-keys.js";
import { closest } from "../src/knowledge/strings.js";
import { has, hasStaticKeys, headerOf, valueOf, valuePlace } from "../src/model/aws-query.js";
import type { RepoModel } from "../src/model/repo.js";
import type { AwsProfile } from "../src/model/aws-ini.js";
import { defineRule } from "../src/model/rule.js";
import { sentenceLabel } from "../src/model/env.js";

const messages = {
  roleWithoutSource: (p: { profile: string }) =>
    `Profile ${p.profile} sets role_arn but no source_profile, credential_source or web_identity_token_file: the SDKs have no credentials to call AssumeRole with (botocore: "Partial credentials found in assume-role, missing: source_profile or credential_source"). Add source_profile = PROFILE (or credential_source = Ec2InstanceMetadata / EcsContainer / Environment).`,
  sourceWithoutRole: (p: { profile: string; key: string }) =>
    `Profile ${p.profile} sets ${p.key} but no role_arn: the Go SDK fails ("credential type ${p.key} requires role_arn") and botocore ignores ${p.key}. Add role_arn = arn:aws:iam::ACCOUNT:role/NAME, or remove ${p.key}.`,
  badCredentialSource: (p: { profile: string; value: string; suggestion: string }) =>
    `Profile ${p.profile} sets credential_source = ${p.value}, which no SDK accepts (the match is exact and case-sensitive: Environment, Ec2InstanceMetadata or EcsContainer).${p.suggestion}`,
  durationNotNumber: (p: { profile: string; value: string }) =>
    `Profile ${p.profile} sets duration_seconds = ${p.value}, which is not a whole number: botocore ignores it (one hour), the Go SDK falls back to its 15-minute default, and the JavaScript SDK reads only the leading digits (so "2h" becomes 2 seconds, which STS rejects). Write the number of seconds (900–43200).`,
  durationRange: (p: { profile: string; value: string; min: number; max: number }) =>
    `Profile ${p.profile} sets duration_seconds = ${p.value}, outside what AssumeRole accepts (${p.min}–${p.max} seconds): the call fails with ValidationError. Use a value in range (and not above the role's maximum session duration).`,
  durationChaining: (p: { profile: string; value: string; via: string; max: number }) =>
    `Profile ${p.profile} sets duration_seconds = ${p.value}, above ${p.max}: ${p.via}, and AWS caps chained role sessions at one hour, so AssumeRole fails with ValidationError. Use at most ${p.max}.`,
  envSessionName: (p: { where: string; value: string }) =>
    `${p.where} sets AWS_ROLE_SESSION_NAME to ${p.value}, which STS does not accept: it must be 2–64 characters of letters, digits and + = , . @ _ -. The SDKs pass it to AssumeRoleWithWebIdentity (with AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE), which fails with ValidationError.`,
  actionSessionName: (p: { value: string }) =>
    `\`aws-actions/configure-aws-credentials\` is given role-session-name ${p.value}, which STS does not accept: it must be 2–64 characters of letters, digits and + = , . @ _ -. The step fails at AssumeRole with ValidationError.`,
  actionDuration: (p: { value: string; problem: string }) =>
    `\`aws-actions/configure-aws-credentials\` is given role-duration-seconds ${p.value}, ${p.problem}: the step fails at AssumeRole with ValidationError. Use a number of seconds from 900 to 43200 (and not above the role's maximum session duration).`,
  tfSessionName: (p: { block: string; value: string }) =>
    `\`${p.block}\` sets assume_role session_name = ${p.value}, which STS does not accept: it must be 2–64 characters of letters, digits and + = , . @ _ -. Terraform fails at AssumeRole with ValidationError before planning anything.`,
  tfDuration: (p: { block: string; value: string; seconds: string }) =>
    `\`${p.block}\` sets assume_role duration = ${p.value}${p.seconds}, outside what AssumeRole accepts (15m to 12h, and no more than the role's maximum session duration): Terraform fails with ValidationError. Use a duration in range, such as "1h".`,
  badSessionName: (p: { profile: string; value: string }) =>
    `Profile ${p.profile} sets role_session_name = ${p.value}, which STS does not accept: it must be 2–64 characters of letters, digits and + = , . @ _ -. AssumeRole fails with ValidationError.`,
  badExternalId: (p: { profile: string; value: string }) =>
    `Profile ${p.profile} sets external_id = ${p.value}, which STS does not accept: it must be 2–1224 characters of letters, digits and + = , . @ : / _ -.`,
  ssoMissing: (p: { profile: string; missing: string }) =>
    `Profile ${p.profile} is configured for SSO but is missing ${p.missing}: the SDKs fail with "The profile is configured to use SSO but is missing required configuration". Add the missing keys (sso_start_url and sso_region may come from an [sso-session] section).`,
  ssoSessionMissing: (p: { session: string; missing: string }) =>
    `[sso-session ${p.session}] is missing ${p.missing}, which every profile using it needs. Add it.`,
};

/**
 * Why the credentials this profile assumes the role *with* are themselves role credentials (so the
 * AssumeRole is role chaining, capped at one hour), or undefined. A source profile with static keys is not
 * chaining even if it also sets role_arn: on a source_profile hop static keys win in all three SDKs
 * (reference §1.5). Instance-profile and ECS task credentials are role credentials; so are SSO ones.
 * `credential_source = Environment` may hold user keys: not counted.
 */
function chainedVia(profile: AwsProfile, repo: RepoModel): string | undefined {
  const cs = valueOf(profile, "credential_source");
  if (cs === "Ec2InstanceMetadata") return "credential_source Ec2InstanceMetadata yields the instance profile's role credentials";
  if (cs === "EcsContainer") return "credential_source EcsContainer yields the task role's credentials";
  const sourceName = valueOf(profile, "source_profile");
  const source = sourceName !== undefined && sourceName !== profile.name ? repo.profiles.get(sourceName) : undefined;
  if (!source || hasStaticKeys(source)) return undefined;
  if (has(source, "role_arn")) return `its source profile ${source.name} itself assumes a role`;
  if (has(source, "sso_session") || has(source, "sso_start_url")) return `its source profile ${source.name} signs in with SSO, which yields role credentials`;
  return undefined;
}

/** A Go duration string's length in seconds (`1h30m`, `900s`, `2.5h`); undefined when it is not one. */
function goDurationSeconds(text: string): number | undefined {
  const t = text.trim();
  if (!/^(?:\d+(?:\.\d+)?(?:h|m|s|ms|us|µs|ns))+$/.test(t)) return undefined;
  const unit: Readonly<Record<string, number>> = { h: 3600, m: 60, s: 1, ms: 1e-3, us: 1e-6, "µs": 1e-6, ns: 1e-9 };
  let total = 0;
  for (const m of t.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g)) total += Number(m[1]) * (unit[m[2] ?? "s"] ?? 0);
  return total;
}

export default defineRule({
  meta: {
    id: "assume-role-config",
    description: "Report assume-role and SSO profiles that the SDKs refuse: no source, invalid credential_source, out-of-range duration, missing SSO keys",
    provider: "aws",
    severity: "error",
    securitySeverity: 2.0,
    precision: "very-high",
    tags: ["correctness"],
    help: {
      why: "A role profile needs credentials to call AssumeRole with (source_profile, credential_source or web_identity_token_file) and valid parameters: credential_source is matched exactly (Environment, Ec2InstanceMetadata, EcsContainer), duration_seconds must be 900–43200 (at most 3600 when the source itself assumed a role), role_session_name 2–64 characters. An SSO profile needs sso_account_id, sso_role_name, sso_start_url and sso_region. Anything else fails before or at AssumeRole with a configuration or ValidationError.",
      fix: "Add the missing key, or correct the value as the message says. See the AWS CLI user guide on role and SSO profiles.",
    },
    fixable: false,
    messages,
  },
  check: {
    env(env, ctx) {
      for (const s of env.own) {
        if (s.key.text !== "AWS_ROLE_SESSION_NAME" || s.value.kind !== "literal") continue;
        const v = s.value.value.trim();
        if (v === "" || ROLE_SESSION_NAME_RE.test(v) || /[$%{}<>]/.test(v)) continue;
        ctx.report({ file: s.file, range: s.value.range, messageId: "envSessionName", data: { where: sentenceLabel(env.where), value: v } });
      }
    },
    ciStep(step, ctx) {
      if (step.action !== "aws-actions/configure-aws-credentials") return;
      const session = step.input("role-session-name");
      if (session?.value.kind === "literal" && session.value.value.trim() !== "" && !ROLE_SESSION_NAME_RE.test(session.value.value.trim())) {
        ctx.report({ file: session.file, range: session.value.range, messageId: "actionSessionName", data: { value: session.value.value.trim() } });
      }
      const duration = step.input("role-duration-seconds");
      if (duration?.value.kind !== "literal" || duration.value.value.trim() === "") return;
      const v = duration.value.value.trim();
      const problem = !/^\d+$/.test(v) ? "which is not a whole number of seconds" : Number(v) < 900 || Number(v) > 43200 ? "outside what AssumeRole accepts (900–43200 seconds)" : undefined;
      if (problem) ctx.report({ file: duration.file, range: duration.value.range, messageId: "actionDuration", data: { value: v, problem } });
    },
    sdkCall(call, ctx) {
      // Terraform's provider and S3 backend `assume_role { session_name, duration }` (a Go duration string).
      if (call.provider !== "aws" || call.file.kind !== "terraform") return;
      const session = call.get("session_name");
      if (session?.value.kind === "literal" && session.value.value !== "" && !ROLE_SESSION_NAME_RE.test(session.value.value)) {
        ctx.report({ file: session.file, range: session.value.range, messageId: "tfSessionName", data: { block: call.display, value: session.value.value } });
      }
      const duration = call.get("duration");
      if (duration?.value.kind !== "literal" || duration.value.value === "") return;
      const seconds = goDurationSeconds(duration.value.value);
      if (seconds !== undefined && seconds >= 900 && seconds <= 43200) return;
      ctx.report({
        file: duration.file,
        range: duration.value.range,
        messageId: "tfDuration",
        data: { block: call.display, value: duration.value.value, seconds: seconds === undefined ? " (not a duration Terraform reads)" : ` (${seconds} seconds)` },
      });
    },
    awsProfile(profile, ctx) {
      const name = profile.name;
      const header = headerOf(profile);
      const hasRole = has(profile, "role_arn");
      const sources = ["source_profile", "credential_source", "web_identity_token_file"].filter((k) => has(profile, k));
      if (hasRole && sources.length === 0) {
        const role = profile.get("role_arn");
        if (role) ctx.report({ file: role.file, range: role.key.range, messageId: "roleWithoutSource", data: { profile: name } });
      }
      if (!hasRole) {
        for (const key of sources) {
          const s = profile.get(key);
          if (s) ctx.report({ file: s.file, range: s.key.range, messageId: "sourceWithoutRole", data: { profile: name, key } });
        }
      }
      const credentialSource = profile.get("credential_source");
      const cs = valueOf(profile, "credential_source");
      if (credentialSource && cs !== undefined && !(CREDENTIAL_SOURCES as readonly string[]).includes(cs)) {
        const guess = closest(cs.toLowerCase(), CREDENTIAL_SOURCES.map((c) => c.toLowerCase()), 4);
        const suggestion = guess ? ` Did you mean ${CREDENTIAL_SOURCES.find((c) => c.toLowerCase() === guess.value) ?? guess.value}?` : "";
        ctx.report({ ...valuePlace(credentialSource), messageId: "badCredentialSource", data: { profile: name, value: cs, suggestion } });
      }
      const durationSetting = profile.get("duration_seconds");
      const duration = valueOf(profile, "duration_seconds");
      if (durationSetting && duration !== undefined) {
        const place = valuePlace(durationSetting);
        if (!/^\d+$/.test(duration)) {
          ctx.report({ ...place, messageId: "durationNotNumber", data: { profile: name, value: duration } });
        } else {
          const n = Number(duration);
          const via = chainedVia(profile, ctx.repo);
          if (n < DURATION_SECONDS_MIN || n > DURATION_SECONDS_MAX) {
            ctx.report({ ...place, messageId: "durationRange", data: { profile: name, value: duration, min: DURATION_SECONDS_MIN, max: DURATION_SECONDS_MAX } });
          } else if (via !== undefined && n > ROLE_CHAINING_MAX) {
            ctx.report({ ...place, messageId: "durationChaining", data: { profile: name, value: duration, via, max: ROLE_CHAINING_MAX } });
          }
        }
      }
      const sessionName = profile.get("role_session_name");
      const sn = valueOf(profile, "role_session_name");
      if (sessionName && sn !== undefined && !ROLE_SESSION_NAME_RE.test(sn)) {
        ctx.report({ ...valuePlace(sessionName), messageId: "badSessionName", data: { profile: name, value: sn } });
      }
      const externalId = profile.get("external_id");
      const ei = valueOf(profile, "external_id");
      if (externalId && ei !== undefined && !EXTERNAL_ID_RE.test(ei)) {
        ctx.report({ ...valuePlace(externalId), messageId: "badExternalId", data: { profile: name, value: ei } });
      }
      // SSO: any sso_* key makes it an SSO profile.
      const ssoKeys = ["sso_session", "sso_start_url", "sso_region", "sso_account_id", "sso_role_name"];
      if (ssoKeys.some((k) => has(profile, k))) {
        const sessionRef = valueOf(profile, "sso_session");
        const session = sessionRef !== undefined ? ctx.repo.ssoSessions.get(sessionRef) : undefined;
        if (sessionRef !== undefined && !session) return; // profile-reference reports the missing section
        // With an sso-session, sso_start_url and sso_region are the session's to provide: when neither has
        // them, awsSsoSession reports it once, on the session, instead of on every profile using it.
        const required = session ? ["sso_account_id", "sso_role_name"] : ["sso_account_id", "sso_role_name", "sso_start_url", "sso_region"];
        const missing = required.filter((k) => !has(profile, k) && !(session && has(session, k)));
        // A profile with only sso_session is a sign-in profile for `aws sso login`: not an error.
        const signInOnly = session !== undefined && missing.length === 2;
        if (missing.length > 0 && !signInOnly) {
          ctx.report({ ...header, messageId: "ssoMissing", data: { profile: name, missing: missing.join(", ") } });
        }
      }
    },
    awsSsoSession(session, ctx) {
      const missing = ["sso_start_url", "sso_region"].filter((k) => !has(session, k));
      if (missing.length > 0) {
        ctx.report({ ...headerOf(session), messageId: "ssoSessionMissing", data: { session: session.name, missing: missing.join(" and ") } });
      }
    },
  },
});
