/**
 * temporary-credentials — session tokens and temporary keys that do not belong together or have
 * expired (reference §1.7, §2.1). `ASIA` keys are STS credentials: they need their session token and
 * expire within hours (36 at most), so a committed pair is dead on arrival — and still a leak while valid.
 * Expiry keys are the ones credential helpers write (`x_security_token_expires` by saml2aws/aws-vault style
 * tools, `aws_expiration`); their values are ISO-8601 timestamps. In JS/TS code the same questions are asked of
 * an SDK call's `accessKeyId`/`sessionToken` options when the key id is a literal.
 */
import { valueOf, valuePlace } from "../src/model/aws-query.js";
import { isAwsExampleValue } from "../src/knowledge/aws-keys.js";
import { redact } from "../src/model/redact.js";
import { defineRule } from "../src/model/rule.js";

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

const messages = {
  tokenWithLongTermKey: (p: { profile: string; tokenKey: string; preview: string }) =>
    `Profile ${p.profile} pairs a session token with the long-term key ${p.preview}: AWS rejects the request ("The security token included in the request is invalid"). A leftover ${p.tokenKey} from an earlier session is the usual cause — delete it.`,
  temporaryKeyWithoutToken: (p: { profile: string; preview: string }) =>
    `${p.preview} in profile ${p.profile} is a temporary (STS) key id but the profile has no aws_session_token: AWS rejects it with InvalidClientTokenId. Add the session token that came with it, or use a role/SSO profile that fetches fresh ones.`,
  committedTemporary: (p: { profile: string }) =>
    `Profile ${p.profile} holds temporary STS credentials (an ASIA key id with a session token) in a file: they expire within hours and then fail with ExpiredToken — and until then they are a leaked credential. Configure role_arn/source_profile or SSO so the SDK fetches fresh credentials.`,
  codeTokenWithLongTermKey: (p: { callee: string; preview: string }) =>
    `\`${p.callee}\` pairs a sessionToken with the long-term key ${p.preview}: AWS rejects the request ("The security token included in the request is invalid"). Remove the sessionToken, or better, drop the keys and let the default provider chain find credentials.`,
  codeTemporaryKeyWithoutToken: (p: { callee: string; preview: string }) =>
    `${p.preview} passed to \`${p.callee}\` is a temporary (STS) key id but no sessionToken is given: AWS rejects it with InvalidClientTokenId. Use fromTemporaryCredentials or the default provider chain instead of pasted keys.`,
  codeCommittedTemporary: (p: { callee: string }) =>
    `\`${p.callee}\` is given temporary STS credentials (an ASIA key id with a session token) written into the code: they expire within hours and then fail with ExpiredToken, and until then they are a leaked credential. Use fromTemporaryCredentials or the default provider chain.`,
  expired: (p: { profile: string; key: string; when: string }) =>
    `The credentials of profile ${p.profile} expired at ${p.when} (${p.key}): AWS answers ExpiredToken. Refresh them, or configure a role or SSO profile that renews them itself.`,
};

export default defineRule({
  meta: {
    id: "temporary-credentials",
    description: "Report session tokens paired with long-term keys, temporary keys without a token, committed or expired temporary credentials",
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
    sdkCall(call, ctx) {
      if (call.provider !== "aws") return;
      const keySetting = call.get("accessKeyId");
      if (keySetting?.value.kind !== "literal") return;
      const keyId = keySetting.value.value;
      const tokenSetting = call.get("sessionToken");
      const token = tokenSetting && !(tokenSetting.value.kind === "literal" && tokenSetting.value.value === "") ? tokenSetting : undefined;
      const callee = call.callKind === "config-update" ? `${call.display}(…)` : `new ${call.display}(…)`;
      const preview = redact(keyId);
      if (keyId.startsWith("AKIA") && token) {
        ctx.report({
          file: token.file,
          range: token.key.range,
          messageId: "codeTokenWithLongTermKey",
          data: { callee, preview },
          related: [{ file: keySetting.file, range: keySetting.value.range, message: "Long-term key id (AKIA…)." }],
        });
      } else if (keyId.startsWith("ASIA") && !token) {
        ctx.report({ ...valuePlace(keySetting), messageId: "codeTemporaryKeyWithoutToken", data: { callee, preview } });
      } else if (keyId.startsWith("ASIA") && token?.value.kind === "literal" && !isAwsExampleValue(keyId)) {
        ctx.report({
          ...valuePlace(keySetting),
          messageId: "codeCommittedTemporary",
          data: { callee },
          related: [{ file: token.file, range: token.key.range, message: "Session token." }],
        });
      }
    },
    awsProfile(profile, ctx) {
      const keyId = valueOf(profile, "aws_access_key_id");
      const keySetting = profile.get("aws_access_key_id");
      const tokenSetting = profile.get("aws_session_token") ?? profile.get("aws_security_token");
      const token = tokenSetting?.value.kind === "literal" && tokenSetting.value.value !== "" ? tokenSetting : undefined;
      if (keyId !== undefined && keySetting) {
        const preview = redact(keyId);
        if (keyId.startsWith("AKIA") && token) {
          ctx.report({
            file: token.file,
            range: token.key.range,
            messageId: "tokenWithLongTermKey",
            data: { profile: profile.name, tokenKey: token.key.text, preview },
            related: [{ file: keySetting.file, range: keySetting.value.range, message: "Long-term key id (AKIA…)." }],
          });
        } else if (keyId.startsWith("ASIA") && !token) {
          ctx.report({ ...valuePlace(keySetting), messageId: "temporaryKeyWithoutToken", data: { profile: profile.name, preview } });
        } else if (keyId.startsWith("ASIA") && token && !isAwsExampleValue(keyId)) {
          ctx.report({
            ...valuePlace(keySetting),
            messageId: "committedTemporary",
            data: { profile: profile.name },
            related: [{ file: token.file, range: token.key.range, message: "Session token." }],
          });
        }
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
