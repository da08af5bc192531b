import type { CustomSecretPattern } from "./config.js";
import type { Precision } from "./finding.js";
import type { Located, Provider, Setting } from "./setting.js";
import type { Range, SourceFile } from "./source.js";

/**
 * What the raw-text detectors (src/secrets/) found in a file, as the model holds it. Detectors run on every
 * text file in the parse stage; the model stage then attaches each candidate to the Setting whose value
 * holds it (so the finding carries that context, e.g. "profile dev in .aws/credentials"), pairs AWS key
 * ids with their secrets, and marks values that are known not to be leaks. Rules read candidates through
 * the engine's `secret` hook and never scan text themselves.
 */
export type SecretKind =
  | "aws-access-key-id"
  | "aws-secret-access-key"
  | "aws-session-token"
  | "azure-storage-key"
  | "azure-shared-access-key"
  | "azure-sas-signature"
  | "azure-client-secret"
  | "gcp-service-account-key"
  | "gcp-api-key"
  | "gcp-oauth-client-secret"
  | "gcp-access-token"
  | "private-key"
  | "service-token"
  | "url-password"
  | "generic"
  /** Found by a pattern of the project's own config (`secretPatterns`). */
  | "custom";

/** Why a candidate is known not to be a leak. Rules report none of these. */
export type BenignReason =
  | "aws-example"
  | "documentation-account"
  | "vendored"
  | "azurite"
  | "placeholder"
  | "reference"
  | "public-example";

/**
 * What the file a candidate stands in is for. `credential` files exist only to hold a credential (an AWS
 * credentials file with keys, a service-account key JSON, a `.env` with secrets, a private key file);
 * `not-live` files are read by no program at run time (`*.example`, docs, fixtures named as such), where
 * placeholders and documentation examples are expected.
 */
export type CredentialFileKind = "aws-credentials" | "gcp-service-account" | "dotenv" | "private-key";

export interface CredentialFile {
  readonly kind: CredentialFileKind;
  /** The first real (reportable) credential in the file. */
  readonly first: SecretCandidate;
  /** Line 1 for key files (the whole file is the key), else the line of `first`. */
  readonly line: number;
}

export interface SecretFile {
  readonly file: SourceFile;
  /** Read by a program at run time (RULES.md "Which files are live"). */
  readonly live: boolean;
  readonly candidates: readonly SecretCandidate[];
  readonly credentialFile?: CredentialFile;
}

export interface SecretCandidate {
  readonly file: SourceFile;
  readonly kind: SecretKind;
  readonly provider: Provider;
  /** What it is, for messages: e.g. "AWS secret access key", "GitHub personal access token". */
  readonly label: string;
  /** The secret value's range (for a PEM block: the whole block). */
  readonly range: Range;
  /** The secret itself. Never put it into a message: use `redact()`. */
  readonly value: string;
  /** The credential-ish name the value is bound to (`AWS_SECRET_ACCESS_KEY`, `"password"`, …). */
  readonly name?: Located;
  /** The setting whose value holds the secret, where the file kind has Settings. */
  readonly setting?: Setting;
  /** For an AWS secret (or session token): its key id; for a key id: its secret. Same profile, or a few lines apart. */
  readonly pair?: SecretCandidate;
  /** For `custom` candidates: the config pattern that found it. */
  readonly pattern?: CustomSecretPattern;
  /** Set when the value is a documented example, placeholder or reference rather than a leak. */
  readonly benign?: BenignReason;
  /**
   * How sure a report of it would be: `very-high` for formatted keys (AKIA…, PEM blocks, prefixed service
   * tokens), `high` for provider keys recognised by their name and shape, `medium`/`low` for generic
   * name = value matches (by how random the value is).
   */
  readonly confidence: Precision;
  /** The file-level facts shared by every candidate of the file. */
  readonly container: SecretFile;
}

/** Where a candidate stands, for messages: the setting's context, else the bound name, else the file. */
export function secretWhere(c: SecretCandidate): string {
  // An env variable or a step input names the context it is in ("AWS_SECRET_ACCESS_KEY in job deploy in …").
  // A tfvars value names its variable the same way ("aws_secret_key in envs/prod.tfvars").
  if (c.setting) return c.setting.syntax === "env" || c.setting.syntax === "input" || c.setting.file.kind === "terraform-vars" ? `${c.setting.key.text} in ${c.setting.where}` : c.setting.where;
  if (c.name) return `${c.name.text} in ${c.file.path}`;
  return c.file.path;
}
