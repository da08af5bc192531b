/**
 * credential-key-name — key names no SDK reads, with a did-you-mean (reference §1.3, §1.4).
 *
 * Only keys that are close to a key the SDKs read are reported: the AWS CLI and tools add keys of their
 * own (`cli_pager`, `output`, plugin settings), and flagging every unknown key would bury the typos that
 * matter. Environment-variable names (`AWS_Access_Key_Id` in a .env file) come with the env readers.
 */
import { AWS_SSO_SESSION_KEYS, awsKeyCategory, isKnownAwsKey, suggestAwsKey } from "../src/knowledge/aws-keys.js";
import type { Fix } from "../src/model/finding.js";
import { defineRule, type RuleContext } from "../src/model/rule.js";
import type { Setting } from "../src/model/setting.js";

const messages = {
  wrongCase: (p: { key: string; lower: string }) =>
    `The JavaScript SDK reads key names case-sensitively and ignores "${p.key}" (botocore and the Go SDK lower-case it). Write ${p.lower}.`,
  unknownKey: (p: { key: string; suggestion: string; consequence: string }) =>
    `No SDK reads "${p.key}" — did you mean ${p.suggestion}? The value is silently ignored${p.consequence}.`,
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

export default defineRule({
  meta: {
    id: "credential-key-name",
    description: "Report credential and profile key names that no SDK reads, with a did-you-mean",
    provider: "aws",
    severity: "error",
    securitySeverity: 2.0,
    precision: "high",
    tags: ["correctness", "portability"],
    help: {
      why: "The SDKs look up fixed key names and silently ignore every other key. A typo such as aws_secret_key (for aws_secret_access_key) or region_name (for region) leaves the profile without that value, and the failure shows up far away as \"Unable to locate credentials\", \"Partial credentials found\" or \"You must specify a region\". Upper-case names (AWS_ACCESS_KEY_ID = …) work in botocore and Go, which lower-case keys, but the JavaScript SDK v3 reads keys case-sensitively and ignores them.",
      fix: "Rename the key to the name the SDKs read (the message suggests it; the fix is applied automatically where only one name is plausible). Write key names in lower case.",
    },
    fixable: true,
    messages,
  },
  check: {
    awsProfile(profile, ctx) {
      for (const s of profile.all) checkKey(s, isKnownAwsKey, ctx, false);
    },
    awsSsoSession(session, ctx) {
      for (const s of session.settings.values()) checkKey(s, (k) => AWS_SSO_SESSION_KEYS.has(k), ctx, true);
    },
  },
});
