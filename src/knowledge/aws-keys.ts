import { AWS_PARTITION_IDS } from "./aws-regions.js";
import type { AwsPartitionId } from "./aws-regions.js";
import { closest } from "./strings.js";

/**
 * AWS shared-config key names (reference §1.4), key / secret / ARN formats (§2.1–2.5) and STS constraints.
 */

export { AWS_PARTITION_IDS };
export type { AwsPartitionId };

export type AwsKeyCategory =
  | "credentials"
  | "assume-role"
  | "web-identity"
  | "process"
  | "sso"
  | "login"
  | "general"
  | "s3"
  | "cli";

function keys(category: AwsKeyCategory, names: readonly string[]): [string, AwsKeyCategory][] {
  return names.map((name) => [name, category]);
}

// Source: reference §1.4 (botocore `credentials.py` providers, `configprovider.py`
// `BOTOCORE_DEFAUT_SESSION_VARIABLES` / `DEFAULT_S3_CONFIG_VARS`; Go v2 `config/shared_config.go` const block),
// plus keys the reference elides with "…": botocore `configprovider.py` (data_path … disable_host_prefix_injection,
// proxies), aws-sdk-js-v3 (`s3_disable_express_session_auth`, `sdk-ua-app-id` — JS v3 only) and the AWS CLI
// (https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html: `cli_*`, `tcp_keepalive`).
// `role_arn` / `role_session_name` are also used by web identity; they are tagged "assume-role".
export const AWS_PROFILE_KEYS: ReadonlyMap<string, AwsKeyCategory> = new Map([
  ...keys("credentials", [
    "aws_access_key_id",
    "aws_secret_access_key",
    "aws_session_token",
    "aws_security_token",
    "aws_account_id",
  ]),
  ...keys("assume-role", [
    "role_arn",
    "source_profile",
    "credential_source",
    "external_id",
    "mfa_serial",
    "role_session_name",
    "duration_seconds",
  ]),
  ...keys("web-identity", ["web_identity_token_file"]),
  ...keys("process", ["credential_process"]),
  ...keys("sso", ["sso_session", "sso_start_url", "sso_region", "sso_account_id", "sso_role_name"]),
  ...keys("login", ["login_session"]),
  ...keys("general", [
    "region",
    "ca_bundle",
    "endpoint_url",
    "services",
    "ignore_configured_endpoint_urls",
    "use_fips_endpoint",
    "use_dualstack_endpoint",
    "sts_regional_endpoints",
    "retry_mode",
    "max_attempts",
    "defaults_mode",
    "metadata_service_timeout",
    "metadata_service_num_attempts",
    "ec2_metadata_service_endpoint",
    "ec2_metadata_service_endpoint_mode",
    "ec2_metadata_v1_disabled",
    "sdk_ua_app_id",
    "sdk-ua-app-id",
    "account_id_endpoint_mode",
    "request_checksum_calculation",
    "response_checksum_validation",
    "disable_request_compression",
    "request_min_compression_size_bytes",
    "sigv4a_signing_region_set",
    "auth_scheme_preference",
    "endpoint_discovery_enabled",
    "data_path",
    "api_versions",
    "imds_use_ipv6",
    "parameter_validation",
    "csm_enabled",
    "csm_host",
    "csm_port",
    "csm_client_id",
    "disable_host_prefix_injection",
    "proxies_config",
    "proxy_ca_bundle",
    "proxy_client_cert",
    "proxy_use_forwarding_for_https",
  ]),
  ...keys("s3", [
    "s3",
    "s3_use_arn_region",
    "s3_us_east_1_regional_endpoint",
    "s3_disable_multiregion_access_points",
    "s3_disable_express_session_auth",
  ]),
  ...keys("cli", [
    "output",
    "cli_pager",
    "cli_binary_format",
    "cli_timestamp_format",
    "cli_auto_prompt",
    "cli_history",
    "cli_follow_urlparam",
    "tcp_keepalive",
  ]),
]);

// Source: reference §1.4 (`s3` sub-section: botocore `DEFAULT_S3_CONFIG_VARS`) + AWS CLI S3 transfer settings
// (https://docs.aws.amazon.com/cli/latest/topic/s3-config.html); keys written indented under `s3 =`.
export const AWS_S3_SUBSECTION_KEYS: ReadonlySet<string> = new Set([
  "addressing_style",
  "use_accelerate_endpoint",
  "use_dualstack_endpoint",
  "payload_signing_enabled",
  "use_arn_region",
  "us_east_1_regional_endpoint",
  "s3_disable_multiregion_access_points",
  "max_concurrent_requests",
  "max_queue_size",
  "multipart_threshold",
  "multipart_chunksize",
  "max_bandwidth",
  "preferred_transfer_client",
  "target_bandwidth",
]);

// Source: reference §1.4 (`[sso-session NAME]` holds `sso_start_url`, `sso_region`; `sso_registration_scopes` from
// the AWS CLI v2 login flow).
export const AWS_SSO_SESSION_KEYS: ReadonlySet<string> = new Set([
  "sso_start_url",
  "sso_region",
  "sso_registration_scopes",
]);

// Source: reference §1.4 / §1.7 (botocore `TOKENS = ['aws_security_token', 'aws_session_token']`).
export const AWS_SECRET_KEYS: ReadonlySet<string> = new Set([
  "aws_secret_access_key",
  "aws_session_token",
  "aws_security_token",
]);

// Source: reference §1.4 (static credential keys).
export const AWS_CREDENTIAL_KEYS: ReadonlySet<string> = new Set(["aws_access_key_id", ...AWS_SECRET_KEYS]);

/** Whether `key` is exactly (lower-case) a key the SDKs / CLI read in a profile section. */
export function isKnownAwsKey(key: string): boolean {
  return AWS_PROFILE_KEYS.has(key);
}

/** The category of a known profile key (exact match), else undefined. */
export function awsKeyCategory(key: string): AwsKeyCategory | undefined {
  return AWS_PROFILE_KEYS.get(key);
}

/** One entry of `AWS_KEY_ALIASES`. */
export interface AwsKeyAlias {
  readonly to: string;
  readonly certain: boolean;
}

function alias(to: string, certain: boolean, names: readonly string[]): [string, AwsKeyAlias][] {
  return names.map((name) => [name, { to, certain }]);
}

// Source: reference §1.4 "Unknown-key detection" (keys every SDK silently ignores) + common misspellings seen in
// the wild; keys are normalised (lower case, `-` → `_`). `certain` only where one intent is plausible.
export const AWS_KEY_ALIASES: ReadonlyMap<string, AwsKeyAlias> = new Map([
  ...alias("aws_access_key_id", true, [
    "aws_access_key",
    "access_key",
    "access_key_id",
    "aws_access_id",
    "aws_key_id",
    "accesskeyid",
    "awsaccesskeyid",
    "aws_accesskeyid",
    "aws_access_keyid",
  ]),
  ...alias("aws_access_key_id", false, ["aws_key", "key_id"]),
  ...alias("aws_secret_access_key", true, [
    "aws_secret_key",
    "aws_secret",
    "aws_secret_access",
    "aws_access_secret",
    "aws_access_key_secret",
    "aws_secret_access_key_id",
    "aws_secret_key_id",
    "secret_key",
    "secret_access_key",
    "secretaccesskey",
    "awssecretaccesskey",
    "aws_secretaccesskey",
  ]),
  ...alias("aws_secret_access_key", false, ["secret"]),
  ...alias("aws_session_token", true, [
    "aws_session_key",
    "aws_session",
    "aws_token",
    "session_token",
    "security_token",
    "sessiontoken",
    "awssessiontoken",
  ]),
  ...alias("aws_session_token", false, ["aws_access_token", "token"]),
  ...alias("region", true, ["region_name", "aws_region", "aws_default_region", "default_region", "aws_region_name"]),
  ...alias("source_profile", true, ["sourceprofile", "source_profile_name"]),
  ...alias("source_profile", false, ["aws_profile", "profile", "profile_name", "aws_default_profile", "parent_profile"]),
  ...alias("role_arn", true, ["rolearn", "aws_role_arn", "assume_role_arn", "assume_role", "role_to_assume"]),
  ...alias("role_arn", false, ["role", "role_name", "iam_role", "iam_role_arn"]),
  ...alias("role_session_name", true, ["session_name", "aws_role_session_name", "rolesessionname"]),
  ...alias("external_id", true, ["externalid", "aws_external_id"]),
  ...alias("mfa_serial", true, [
    "mfa_serial_number",
    "mfa_arn",
    "mfa_device",
    "mfa_device_arn",
    "mfa_serial_arn",
    "serial_number",
    "mfaserial",
  ]),
  ...alias("mfa_serial", false, ["mfa"]),
  ...alias("duration_seconds", true, ["duration", "session_duration", "role_duration_seconds", "duration_sec"]),
  ...alias("credential_source", true, ["credentials_source", "source_credential", "source_credentials"]),
  ...alias("credential_process", true, ["credentials_process", "credential_processor", "process"]),
  ...alias("web_identity_token_file", true, ["web_identity_token", "web_identity_file", "token_file", "aws_web_identity_token_file"]),
  ...alias("sso_start_url", true, ["sso_start_uri", "sso_url", "start_url", "sso_starturl"]),
  ...alias("sso_account_id", true, ["sso_account"]),
  ...alias("sso_role_name", true, ["sso_role"]),
  ...alias("sso_session", true, ["sso_session_name"]),
  ...alias("aws_account_id", false, ["aws_account", "account_id", "account"]),
  ...alias("ca_bundle", true, ["ca_cert", "ca_certificate", "ca_bundle_path", "aws_ca_bundle"]),
  ...alias("endpoint_url", true, ["endpoint", "endpoint_uri", "aws_endpoint_url"]),
  ...alias("output", true, ["output_format", "format"]),
  ...alias("max_attempts", false, ["max_retries", "retries", "retry_attempts"]),
]);

const SUGGESTION_CANDIDATES: readonly string[] = [
  ...new Set([...AWS_PROFILE_KEYS.keys(), ...AWS_SSO_SESSION_KEYS]),
].filter((k) => !k.includes("-"));

/**
 * Did-you-mean for a profile or sso-session key no SDK reads. Returns undefined for a known key (exact), and
 * for a key not close to any known one. Order: case / dash-underscore variants of a known key (certain),
 * the alias table, then the nearest known key by edit distance (≤ 2, ≤ 3 for keys of 12+ characters).
 */
export function suggestAwsKey(key: string): { suggestion: string; certain: boolean } | undefined {
  if (isKnownAwsKey(key) || AWS_SSO_SESSION_KEYS.has(key)) return undefined;
  const normalized = key.trim().toLowerCase().replace(/-/g, "_");
  if (normalized === "") return undefined;
  if (AWS_PROFILE_KEYS.has(normalized) || AWS_SSO_SESSION_KEYS.has(normalized)) {
    return { suggestion: normalized, certain: true };
  }
  const aliased = AWS_KEY_ALIASES.get(normalized) ?? AWS_KEY_ALIASES.get(normalized.replace(/_/g, ""));
  if (aliased !== undefined) return { suggestion: aliased.to, certain: aliased.certain };
  const max = normalized.length >= 12 ? 3 : 2;
  const near = closest(normalized, SUGGESTION_CANDIDATES, max);
  return near === undefined ? undefined : { suggestion: near.value, certain: false };
}

// ---------------------------------------------------------------------------------------------------------
/**
 * Sections of the config file that belong to the AWS CLI, not to a profile: `[plugins]` (CLI v2
 * `cli_legacy_plugin_path` and plugin names) and `[preview]` (CLI v1 preview services). Source: AWS CLI
 * user guide, "Configuration and credential file settings" and "Plugins".
 */
export const AWS_CLI_CONFIG_SECTIONS: ReadonlySet<string> = new Set(["plugins", "preview"]);

// Key ids, secrets (§2.1–2.4)

export interface AwsIdPrefix {
  readonly prefix: string;
  readonly entity: string;
  /** Whether an id with this prefix is (half of) a credential; the rest are identifiers. */
  readonly credential: boolean;
}

// Source: reference §2.1 (IAM User Guide "Understanding unique ID prefixes",
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-prefixes).
export const AWS_ID_PREFIXES: readonly AwsIdPrefix[] = [
  { prefix: "AKIA", entity: "Access key (long-term, IAM user or root)", credential: true },
  { prefix: "ASIA", entity: "Temporary (AWS STS) access key", credential: true },
  { prefix: "ABIA", entity: "AWS STS service bearer token", credential: true },
  { prefix: "ACCA", entity: "Context-specific credential", credential: true },
  { prefix: "AIDA", entity: "IAM user", credential: false },
  { prefix: "AROA", entity: "Role", credential: false },
  { prefix: "AGPA", entity: "User group", credential: false },
  { prefix: "AIPA", entity: "Amazon EC2 instance profile", credential: false },
  { prefix: "ANPA", entity: "Managed policy", credential: false },
  { prefix: "ANVA", entity: "Version in a managed policy", credential: false },
  { prefix: "APKA", entity: "Public key", credential: false },
  { prefix: "ASCA", entity: "Certificate", credential: false },
  { prefix: "AAGA", entity: "Action group", credential: false },
];

const ID_PREFIX_BY_CODE: ReadonlyMap<string, AwsIdPrefix> = new Map(AWS_ID_PREFIXES.map((p) => [p.prefix, p]));

/**
 * The §2.1 prefix entry of an id-shaped value: upper-case letters/digits, 16–128 characters (IAM
 * `accessKeyIdType` length bounds, reference §2.2), starting with a known prefix. Case-sensitive.
 */
export function awsKeyIdPrefix(value: string): AwsIdPrefix | undefined {
  if (!/^[A-Z0-9]{16,128}$/.test(value)) return undefined;
  return ID_PREFIX_BY_CODE.get(value.slice(0, 4));
}

// Source: reference §2.2 (20 chars = prefix + 16 of `[A-Z0-9]`; old AKIAI/AKIAJ keys are not base32).
export const AWS_ACCESS_KEY_ID_RE = /^(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}$/;

// Source: reference §2.2 (current keys: RFC 4648 base32 `A–Z2–7`, gitleaks `aws.go`); only these carry an account id.
export const AWS_ACCESS_KEY_ID_BASE32_RE = /^(AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}$/;

// Source: reference §2.1 (non-credential unique-id prefixes); length not documented, ≥ prefix + 16 assumed.
export const AWS_UNIQUE_ID_RE = /^(AIDA|AROA|AGPA|AIPA|ANPA|ANVA|APKA|ASCA|AAGA)[A-Z0-9]{16,124}$/;

// Source: reference §2.2 (40 chars of `[A-Za-z0-9/+]`, trufflehog `pkg/detectors/aws/common.go` `SecretPat`).
export const AWS_SECRET_KEY_RE = /^[A-Za-z0-9/+]{40}$/;

// Source: reference §2.2 (trufflehog `FalsePositiveSecretPat = [a-f0-9]{40}`: probable git hash, not a secret).
export const AWS_SECRET_KEY_FALSE_POSITIVE_RE = /^[a-f0-9]{40}$/;

// Source: reference §2.5 (account id is 12 digits).
export const AWS_ACCOUNT_ID_RE = /^\d{12}$/;

const B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/**
 * The AWS account id encoded in a current-format access key id, without an API call (reference §2.3: Tal
 * Be'ery's note, trufflehog `pkg/detectors/aws/utils.go::GetAccountNumFromID`). Undocumented by AWS: a hint
 * only. Undefined for old `…I`/`…J` keys (5th char) and for anything not `[A-Z]{4}[A-Z2-7]{16}`.
 */
export function accountFromKeyId(id: string): string | undefined {
  if (!/^[A-Z]{4}[A-Z2-7]{16}$/.test(id) || id[4] === "I" || id[4] === "J") return undefined;
  let bits = 0n;
  for (const c of id.slice(4, 14)) bits = (bits << 5n) | BigInt(B32.indexOf(c)); // 50 bits
  const first48 = bits >> 2n; // first 6 bytes
  return ((first48 & 0x7fffffffff80n) >> 7n).toString().padStart(12, "0");
}

export interface AwsExampleKeyPair {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

// Source: reference §2.4 (AWS API docs, e.g. STS GetAccessKeyInfo; AWS CLI / SDK docs).
export const AWS_EXAMPLE_KEYS: readonly AwsExampleKeyPair[] = [
  { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" },
  { accessKeyId: "AKIAI44QH8DHBEXAMPLE", secretAccessKey: "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY" },
];

const EXAMPLE_VALUES: ReadonlySet<string> = new Set(
  AWS_EXAMPLE_KEYS.flatMap((k) => [k.accessKeyId, k.secretAccessKey]),
);

/**
 * Whether `v` is a documented example key id / secret, or ends in `EXAMPLE` / `EXAMPLEKEY` (gitleaks allowlist
 * `.+EXAMPLE$`, reference §2.4). Case-sensitive, as AWS writes them.
 */
export function isAwsExampleValue(v: string): boolean {
  return (
    EXAMPLE_VALUES.has(v) ||
    /.EXAMPLE(KEY)?$/.test(v) ||
    // Variants of the documented pair that test suites write to dodge scanners: `…EXAMPL3KEY`, `AKIAIOSFODNN7…`.
    /.EXAMP[L1][E3](?:K[E3]Y)?$/.test(v) ||
    EXAMPLE_VARIANTS.some((re) => re.test(v))
  );
}

/** Whole keys that begin like the documented example pair (reference §2.4) and differ only in their tail. */
const EXAMPLE_VARIANTS: readonly RegExp[] = [/^AKIAIOSFODNN7[A-Z0-9]{7}$/, /^wJalrXUtnFEMI\/K7MDENG\/[A-Za-z0-9/+]{18}$/];

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/**
 * The AWS account an access key id belongs to. Key ids issued since 2019 encode it: base32-decode the 16
 * characters after the 4-letter prefix, take the first 6 bytes as a big-endian number, mask with
 * 0x7fffffffff80 and shift right by 7 (Tal Be'ery, "A short note on AWS KEY ID", 2023; confirmed by the key
 * ids LocalStack derives for its accounts). Older ids (`AKIAI…`, `AKIAJ…`) decode to noise.
 */
export function keyIdAccount(id: string): string | undefined {
  if (!/^(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}$/.test(id)) return undefined;
  let n = 0n;
  for (const ch of id.slice(4, 14)) n = (n << 5n) | BigInt(BASE32.indexOf(ch)); // 10 chars = 50 bits ≥ 48
  const first48 = n >> 2n;
  const account = (first48 & 0x7fffffffff80n) >> 7n;
  return account.toString().padStart(12, "0");
}

/**
 * Accounts that exist only in documentation and emulators: AWS's documentation account, LocalStack's and
 * moto's defaults. A key id of one of them is an emulator's or a doc's, never a live key.
 */
export const DOCUMENTATION_ACCOUNTS: ReadonlySet<string> = new Set(["000000000000", "123456789012", "111111111111", "012345678901", "123456789000"]);

export function isDocumentationAccountKeyId(id: string): boolean {
  const account = keyIdAccount(id);
  return account !== undefined && DOCUMENTATION_ACCOUNTS.has(account);
}

// Words that make up placeholder values such as `YOUR_ACCESS_KEY_HERE`, `dummy-secret`, `test`.
const PLACEHOLDER_WORDS: ReadonlySet<string> = new Set([
  "your",
  "my",
  "the",
  "insert",
  "put",
  "enter",
  "add",
  "here",
  "replace",
  "replaceme",
  "change",
  "changeme",
  "changeit",
  "me",
  "dummy",
  "test",
  "testing",
  "fake",
  "todo",
  "tbd",
  "fixme",
  "placeholder",
  "example",
  "sample",
  "redacted",
  "secret",
  "password",
  "aws",
  "access",
  "key",
  "id",
  "session",
  "token",
  "value",
  "none",
]);

// Values that are placeholders on their own (checked after lower-casing).
const PLACEHOLDER_EXACT: ReadonlySet<string> = new Set(["...", "…", "n/a"]);

/**
 * Whether a credential value is an obvious placeholder rather than a real secret (reference §2.4, §6.6):
 * `<…>`, `YOUR_…` / `your-…`, `xxxx`, `changeme` / `change_me`, `***`, `REDACTED`, `dummy`, `test`, `todo`,
 * `placeholder`, `replace_me`, `secret`, `...`, all-same-character strings (3+), key prefixes followed by one
 * repeated character (`AKIAXXXXXXXXXXXXXXXX`), and values made only of placeholder words (`dummy-secret-key`,
 * `PUT_KEY_HERE`). Case-insensitive. References (`${…}`, `$(…)`, `{{ … }}`) are the caller's business and
 * return false. A random secret that merely contains `test` is not a placeholder: words are split only at
 * `-`, `_`, `.` and spaces.
 */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v === "") return false;
  if (/^\$\{.*\}$|^\$\(.*\)$|^\{\{.*\}\}$/s.test(v)) return false;
  if (/^<[^<>]+>$/.test(v)) return true;
  const wrapped = /^\[(.+)\]$|^\((.+)\)$/.exec(v);
  if (wrapped !== null) return isPlaceholder(wrapped[1] ?? wrapped[2] ?? "");
  const lower = v.toLowerCase();
  if (PLACEHOLDER_EXACT.has(lower)) return true;
  if (/^(.)\1{2,}$/su.test(v)) return true;
  if (/^(AKIA|ASIA|ABIA|ACCA)(.)\2{2,}$/i.test(v)) return true;
  if (/^your[-_ .]/.test(lower) || /^[Yy]our[A-Z]/.test(v)) return true;
  const words = lower.split(/[-_ .]+/).filter((w) => w !== "");
  if (words.length === 0) return false;
  return words.every((w) => PLACEHOLDER_WORDS.has(w) || /^x{2,}$/.test(w) || /^\*+$/.test(w));
}

// ---------------------------------------------------------------------------------------------------------
// ARNs (§2.5) and STS constraints

export interface Arn {
  readonly partition: string;
  readonly service: string;
  /** Empty for IAM / global services. */
  readonly region: string;
  /** Empty for some services (e.g. S3 buckets). */
  readonly account: string;
  /** Everything after the fifth colon; may itself contain colons. */
  readonly resource: string;
}

/**
 * Split `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE` (reference §2.5). Undefined when the value does not
 * start with `arn:`, has fewer than six parts, or has an empty partition, service or resource. The partition is
 * not checked against `AWS_PARTITION_IDS` (use `isAwsPartitionId`).
 */
export function parseArn(value: string): Arn | undefined {
  const m = /^arn:([^:]+):([^:]+):([^:]*):([^:]*):(.+)$/s.exec(value);
  if (m === null) return undefined;
  const [, partition = "", service = "", region = "", account = "", resource = ""] = m;
  return { partition, service, region, account, resource };
}

const PARTITION_SET: ReadonlySet<string> = new Set(AWS_PARTITION_IDS);

/** Whether `id` is one of the partitions of `AWS_PARTITION_IDS`. */
export function isAwsPartitionId(id: string): id is AwsPartitionId {
  return PARTITION_SET.has(id);
}

// Source: reference §2.5 (IAM `roleNameType`: ≤ 64 chars `[\w+=,.@-]+`).
export const ROLE_NAME_RE = /^[\w+=,.@-]{1,64}$/;

// Source: reference §2.5 (role name ≤ 64).
export const ROLE_NAME_MAX = 64;

// Source: IAM API `CreateRole` `Path` (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html):
// `/` alone, or `/…/` of ASCII `!`–DEL, 1–512 chars. (Reference §2.5: "may include a path".)
export const IAM_PATH_RE = /^\/(?:[\u0021-\u007f]+\/)?$/;

// Source: IAM API `CreateRole` `Path` (1–512 characters).
export const IAM_PATH_MAX = 512;

export interface RoleArn {
  readonly partition: AwsPartitionId;
  readonly account: string;
  /** `/` or `/a/b/`. */
  readonly path: string;
  readonly name: string;
}

function iamArn(value: string, service: string): (Arn & { partition: AwsPartitionId }) | undefined {
  const arn = parseArn(value);
  if (arn === undefined || arn.service !== service || arn.region !== "" || !AWS_ACCOUNT_ID_RE.test(arn.account)) {
    return undefined;
  }
  const partition = arn.partition;
  return isAwsPartitionId(partition) ? { ...arn, partition } : undefined;
}

/** Parse an IAM role ARN `arn:P:iam::123456789012:role/PATH/NAME` (reference §2.5), validating path and name. */
export function parseRoleArn(value: string): RoleArn | undefined {
  const arn = iamArn(value, "iam");
  if (arn === undefined || !arn.resource.startsWith("role/")) return undefined;
  const rest = arn.resource.slice("role".length); // "/path/name"
  const cut = rest.lastIndexOf("/");
  const path = rest.slice(0, cut + 1);
  const name = rest.slice(cut + 1);
  if (path.length > IAM_PATH_MAX || !IAM_PATH_RE.test(path) || !ROLE_NAME_RE.test(name)) return undefined;
  return { partition: arn.partition, account: arn.account, path, name };
}

/** Whether `value` is a valid IAM role ARN (what `role_arn` must hold). */
export function isRoleArn(value: string): boolean {
  return parseRoleArn(value) !== undefined;
}

// Source: reference §2.5 (`mfa_serial` ARN form `arn:…:iam::\d{12}:mfa/[\w+=,.@/-]+`).
const MFA_RESOURCE_RE = /^mfa\/[\w+=,.@/-]+$/;

/** Whether `value` is a virtual MFA device ARN `arn:P:iam::123456789012:mfa/NAME` (reference §2.5). */
export function isMfaDeviceArn(value: string): boolean {
  const arn = iamArn(value, "iam");
  return arn !== undefined && MFA_RESOURCE_RE.test(arn.resource);
}

// Source: reference §2.5 (STS `serialNumberType`: 9–256 chars `[\w+=/:,.@-]*`, botocore
// `data/sts/2011-06-15/service-2.json`).
export const MFA_SERIAL_NUMBER_RE = /^[\w+=/:,.@-]{9,256}$/;

/** Whether `value` is a hardware MFA serial number (STS `serialNumberType`), i.e. not an ARN. */
export function isHardwareMfaSerial(value: string): boolean {
  return !value.startsWith("arn:") && MFA_SERIAL_NUMBER_RE.test(value);
}

/** Whether `value` is valid for `mfa_serial`: an MFA device ARN or a hardware serial (reference §1.5). */
export function isValidMfaSerial(value: string): boolean {
  return isMfaDeviceArn(value) || isHardwareMfaSerial(value);
}

// Source: reference §2.5 (STS `tokenCodeType`: exactly 6 digits).
export const MFA_TOKEN_CODE_RE = /^\d{6}$/;

// Source: reference §2.5 (STS `RoleSessionName` 2–64 chars `[\w+=,.@-]*`; configure-aws-credentials same bounds).
export const ROLE_SESSION_NAME_RE = /^[\w+=,.@-]{2,64}$/;

/**
 * Whether `value` is an STS assumed-role session ARN `arn:P:sts::123456789012:assumed-role/ROLE/SESSION`
 * (reference §2.5) — the caller's identity, *not* usable as `role_arn`.
 */
export function isAssumedRoleArn(value: string): boolean {
  const arn = iamArn(value, "sts");
  if (arn === undefined) return false;
  const m = /^assumed-role\/([^/]+)\/([^/]+)$/.exec(arn.resource);
  return m?.[1] !== undefined && m[2] !== undefined && ROLE_NAME_RE.test(m[1]) && ROLE_SESSION_NAME_RE.test(m[2]);
}

// Source: reference §2.5 (STS `ExternalId` 2–1224 chars `[\w+=,.@:\/-]*`).
export const EXTERNAL_ID_RE = /^[\w+=,.@:/-]{2,1224}$/;

// Source: reference §1.5 / §2.5 (STS AssumeRole `DurationSeconds` minimum 900).
export const DURATION_SECONDS_MIN = 900;

// Source: reference §1.5 / §2.5 (STS AssumeRole `DurationSeconds` maximum 43200, bounded by the role's max session).
export const DURATION_SECONDS_MAX = 43200;

// Source: reference §2.5 ("Role chaining limits your … role session to a maximum of one hour").
export const ROLE_CHAINING_MAX = 3600;

// Source: reference §2.5 (STS AssumeRole `DurationSeconds` default 3600; JS v3 `parseInt(… || "3600")`).
export const DURATION_SECONDS_DEFAULT = 3600;

// Source: reference §1.5 (JS v3 `resolveCredentialSource.ts`, botocore `CanonicalNameCredentialSourcer`, Go v2
// `config/resolve_credentials.go`); case-sensitive.
export const CREDENTIAL_SOURCES = ["Environment", "Ec2InstanceMetadata", "EcsContainer"] as const;

export type CredentialSource = (typeof CREDENTIAL_SOURCES)[number];

/** Whether `value` is exactly one of `CREDENTIAL_SOURCES` (case-sensitive, as every SDK checks it). */
export function isCredentialSource(value: string): value is CredentialSource {
  return (CREDENTIAL_SOURCES as readonly string[]).includes(value);
}
