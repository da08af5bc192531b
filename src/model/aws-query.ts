import type { AwsProfile, AwsSsoSession, IniSection } from "./aws-ini.js";
import type { RelatedInput } from "./rule.js";
import type { Setting } from "./setting.js";
import type { Range, SourceFile } from "./source.js";

/** Questions rules ask of AWS profiles, answered once here so no rule re-derives them. */

export interface Place {
  readonly file: SourceFile;
  readonly range: Range;
}

/** The header of the profile's first definition (config file first, as the SDKs read it first). */
export function headerOf(context: AwsProfile | AwsSsoSession): Place {
  const defs = [...context.definitions].sort(
    (a, b) => (a.document.fileKind === "config" ? 0 : 1) - (b.document.fileKind === "config" ? 0 : 1),
  );
  const first = defs[0] ?? context.definitions[0];
  if (!first) throw new Error(`Internal error: ${context.kind} ${context.name} has no definition`);
  return { file: first.document.file, range: first.section.header.range };
}

export function keyPlace(setting: Setting): Place {
  return { file: setting.file, range: setting.key.range };
}

export function valuePlace(setting: Setting): Place {
  return { file: setting.file, range: setting.value.range };
}

/** The literal value of `key` in the profile, trimmed; undefined when unset or empty. */
export function valueOf(context: AwsProfile | AwsSsoSession, key: string): string | undefined {
  const s = context.get(key);
  if (!s || s.value.kind !== "literal") return undefined;
  return s.value.value === "" ? undefined : s.value.value;
}

export function has(context: AwsProfile | AwsSsoSession, key: string): boolean {
  return valueOf(context, key) !== undefined;
}

export function related(setting: Setting, message: string): RelatedInput {
  return { file: setting.file, range: setting.key.range, message };
}

/** Both halves of a static key pair, non-empty. */
export function hasStaticKeys(context: AwsProfile): boolean {
  return has(context, "aws_access_key_id") && has(context, "aws_secret_access_key");
}

/** The keys that give a profile its credentials, by method (reference §1.4–1.5). */
export const AUTH_METHOD_KEYS = {
  "static keys": ["aws_access_key_id", "aws_secret_access_key"],
  "assume role": ["role_arn"],
  "SSO": ["sso_session", "sso_start_url", "sso_account_id", "sso_role_name"],
  "credential_process": ["credential_process"],
  "web identity": ["web_identity_token_file"],
} as const;

export type AuthMethod = keyof typeof AUTH_METHOD_KEYS;

/** The auth methods a profile configures, with the first setting that configures each. */
export function authMethods(profile: AwsProfile): Map<AuthMethod, Setting> {
  const found = new Map<AuthMethod, Setting>();
  for (const [method, keys] of Object.entries(AUTH_METHOD_KEYS) as [AuthMethod, readonly string[]][]) {
    for (const k of keys) {
      const s = profile.get(k);
      if (s && s.value.kind === "literal" && s.value.value !== "") {
        found.set(method, s);
        break;
      }
    }
  }
  return found;
}

/** The section of a profile definition in which a setting stands. */
export function sectionOf(profile: AwsProfile, setting: Setting): IniSection | undefined {
  for (const d of profile.definitions) {
    if (d.document.file === setting.file && d.section.entries.some((e) => e.key.range === setting.key.range)) {
      return d.section;
    }
  }
  return undefined;
}
