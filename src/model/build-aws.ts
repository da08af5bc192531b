import { AWS_CLI_CONFIG_SECTIONS } from "../knowledge/aws-keys.js";
import type { AwsProfile, AwsSectionRef, AwsSsoSession, IniDocument, IniEntry, IniSection } from "./aws-ini.js";
import type { ProfileReference } from "./repo.js";
import type { Setting } from "./setting.js";

/**
 * What the author of a section header meant, whatever the SDKs make of it: `[profile dev]` in a
 * credentials file, `[dev]` in a config file and `[Profile dev]` all *mean* profile `dev`. The profile
 * map is keyed by intent, so that one mistake is reported once — by `aws-config-syntax`, on the header —
 * and not again by every rule that looks the profile up.
 */
export type SectionIntent =
  | { readonly kind: "profile"; readonly name: string }
  | { readonly kind: "sso-session"; readonly name: string }
  | { readonly kind: "services"; readonly name: string }
  /** A section of the AWS CLI's own (`[plugins]`, `[preview]`): not a profile, not an error. */
  | { readonly kind: "cli"; readonly name: string }
  | { readonly kind: "unknown" };

const PREFIXED = /^\s*(profile|sso-session|services)\s+(.*?)\s*$/i;

function unquote(name: string): string {
  const m = /^(["'])(.*)\1$/.exec(name);
  return m?.[2] ?? name;
}

export function sectionIntent(document: IniDocument, section: IniSection): SectionIntent {
  const inner = section.inner.trim();
  if (inner === "") return { kind: "unknown" };
  if (inner.toLowerCase() === "default") return { kind: "profile", name: "default" };
  if (document.fileKind === "config" && AWS_CLI_CONFIG_SECTIONS.has(inner)) return { kind: "cli", name: inner };
  const m = PREFIXED.exec(inner);
  if (m) {
    const kind = (m[1] ?? "").toLowerCase() as "profile" | "sso-session" | "services";
    const name = unquote(m[2] ?? "");
    if (name === "") return { kind: "unknown" };
    return { kind, name };
  }
  // A bare name: a profile in either file (in the config file it lacks the `profile ` prefix).
  return { kind: "profile", name: unquote(inner) };
}

function profileWhere(kind: string, name: string, document: IniDocument): string {
  return `${kind} ${name} in ${document.file.path}`;
}

export function entrySetting(entry: IniEntry, document: IniDocument, where: string): Setting {
  return {
    file: document.file,
    provider: "aws",
    key: entry.key,
    value: { kind: "literal", value: entry.intended.text, raw: entry.rawValue.text, range: entry.intended.range },
    range: entry.line,
    where,
    readings: entry.readings,
  };
}

interface Bucket {
  name: string;
  definitions: AwsSectionRef[];
  config: Setting[];
  credentials: Setting[];
}

function merged(bucket: Bucket): { settings: Map<string, Setting>; all: Setting[] } {
  const settings = new Map<string, Setting>();
  // Config first, then credentials: credentials values win on a clash in all three SDKs (reference §1.6);
  // within one file a later duplicate wins (JS, Go; botocore refuses the file — aws-config-syntax says so).
  for (const s of [...bucket.config, ...bucket.credentials]) settings.set(s.key.text.toLowerCase(), s);
  return { settings, all: [...bucket.config, ...bucket.credentials] };
}

export interface AwsModel {
  readonly profiles: ReadonlyMap<string, AwsProfile>;
  readonly ssoSessions: ReadonlyMap<string, AwsSsoSession>;
  readonly references: readonly ProfileReference[];
  /** Settings of each document, in file order (orphan entries included). */
  readonly settingsByDocument: ReadonlyMap<IniDocument, readonly Setting[]>;
}

export function buildAwsModel(documents: readonly IniDocument[]): AwsModel {
  const profileBuckets = new Map<string, Bucket>();
  const sessionBuckets = new Map<string, Bucket>();
  const settingsByDocument = new Map<IniDocument, Setting[]>();

  for (const document of documents) {
    const fileSettings: Setting[] = [];
    for (const entry of document.orphanEntries) {
      fileSettings.push(entrySetting(entry, document, `${document.file.path} (before any section)`));
    }
    for (const section of document.sections) {
      const intent = sectionIntent(document, section);
      const kindLabel = intent.kind === "unknown" ? "section" : intent.kind;
      const name = intent.kind === "unknown" ? section.inner : intent.name;
      const where = profileWhere(kindLabel, name, document);
      const sectionSettings = section.entries.map((e) => entrySetting(e, document, where));
      fileSettings.push(...sectionSettings);
      if (intent.kind !== "profile" && intent.kind !== "sso-session") continue;
      const buckets = intent.kind === "profile" ? profileBuckets : sessionBuckets;
      let bucket = buckets.get(intent.name);
      if (!bucket) {
        bucket = { name: intent.name, definitions: [], config: [], credentials: [] };
        buckets.set(intent.name, bucket);
      }
      bucket.definitions.push({ document, section });
      bucket[document.fileKind].push(...sectionSettings);
    }
    settingsByDocument.set(document, fileSettings);
  }

  const profiles = new Map<string, AwsProfile>();
  const references: ProfileReference[] = [];
  for (const bucket of profileBuckets.values()) {
    const { settings, all } = merged(bucket);
    const profile: AwsProfile = {
      kind: "aws-profile",
      name: bucket.name,
      definitions: bucket.definitions,
      settings,
      all,
      get: (key) => settings.get(key.toLowerCase()),
    };
    profiles.set(bucket.name, profile);
    for (const s of all) {
      if (s.key.text.toLowerCase() === "source_profile" && s.value.kind === "literal" && s.value.value !== "") {
        references.push({
          name: s.value.value,
          file: s.file,
          range: s.value.range,
          via: `source_profile of profile ${bucket.name}`,
          setting: s,
        });
      }
    }
  }
  const ssoSessions = new Map<string, AwsSsoSession>();
  for (const bucket of sessionBuckets.values()) {
    const { settings } = merged(bucket);
    ssoSessions.set(bucket.name, {
      kind: "aws-sso-session",
      name: bucket.name,
      definitions: bucket.definitions,
      settings,
      get: (key) => settings.get(key.toLowerCase()),
    });
  }
  return { profiles, ssoSessions, references, settingsByDocument };
}
