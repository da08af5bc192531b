/**
 * Facts the hard-coded secret detectors and rules share: which values are known not to be leaks
 * (references, documented example keys, the Azurite key, placeholders), which names bind a value to a
 * credential, and which files are live, generated or exist only to hold a credential. Data, with sources.
 */
import { isAwsExampleValue, isPlaceholder } from "./aws-keys.js";

// ---------------------------------------------------------------------------------------------------------
// Known public values

// Source: reference §4.3 — `DevelopmentConnectionString` in `@azure/storage-*`; the emulator's documented key.
export const AZURITE_ACCOUNT_NAME = "devstoreaccount1";
export const AZURITE_ACCOUNT_KEY =
  "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

export function isAzuriteKey(value: string): boolean {
  return value === AZURITE_ACCOUNT_KEY;
}

// Source: reference §5.4 (gitleaks `gcp-api-key` allowlist of public example keys).
const PUBLIC_EXAMPLE_VALUES: ReadonlySet<string> = new Set(["AIzaSyabcdefghijklmnopqrstuvwxyz1234567"]);

// The sample token of jwt.io and countless tutorials (payload `{"sub":"1234567890","name":"John Doe",…}`).
const SAMPLE_JWT_PAYLOAD = "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIi";

export function isPublicExampleValue(value: string): boolean {
  return PUBLIC_EXAMPLE_VALUES.has(value) || value.includes(SAMPLE_JWT_PAYLOAD);
}

// ---------------------------------------------------------------------------------------------------------
// References (reference §6.6): never a literal secret.

const REFERENCE_PATTERNS: readonly RegExp[] = [
  /\$\{\{[^}]*\}\}/, // GitHub Actions / Azure Pipelines template expression
  /^\$\{[A-Za-z_][\w.:-]*(?::?[-=?+][^}]*)?\}$/, // ${VAR}, ${VAR:-default}, ${env:VAR}
  /^\$[A-Za-z_]\w*$/, // $VAR
  /^\$\([^)]*\)$/, // $(cmd), Azure Pipelines $(var)
  /^\$\[[^\]]*\]$/, // Azure Pipelines runtime $[variables.x]
  /^%[A-Za-z_]\w*%$/, // Windows %VAR%
  /^\$env:[A-Za-z_]\w*$/i, // PowerShell
  /^<<\s*[\w.]+\s*>>$/, // CircleCI pipeline parameters
  /^\{\{.*\}\}$/s, // Helm / Go / Jinja templates, {{resolve:…}}
  /\{\{resolve:(?:secretsmanager|ssm|ssm-secure):/, // CloudFormation dynamic references
  /^@Microsoft\.KeyVault\(/, // Azure App Settings Key Vault references
  /^(?:process\.env|import\.meta\.env)(?:\.|\[)/, // JS/TS
  /^os\.(?:environ|getenv)\b/, // Python
  /^(?:var|local|data|module)\.[A-Za-z_][\w.-]*$/, // Terraform
  /^arn:aws[\w-]*:(?:secretsmanager|ssm|kms):/, // a pointer to the secret store, not the secret
];

/** Whether a value is a reference to a secret kept elsewhere (reference §6.6). */
export function isReferenceValue(value: string): boolean {
  const v = value.trim();
  return REFERENCE_PATTERNS.some((re) => re.test(v));
}

// ---------------------------------------------------------------------------------------------------------
// Placeholders: the AWS list (`isPlaceholder`) plus the shapes that appear in front of any credential.

const PLACEHOLDER_MARKERS =
  /example|sample|placeholder|changeme|change_me|replace_?me|your[_-]|_here\b|xxxxx|\*\*\*|redacted|dummy|\bfake|notreal|not_real|insert|todo|fixme|lorem|ipsum|<[^<>]+>|\.\.\.|…/i;

/**
 * Whether a credential value is a placeholder or documentation example (RULES.md "Never flagged"):
 * `<...>`, `YOUR_...`, `xxxx`, `changeme`, `***`, `REDACTED`, `dummy`, `test`, all-same-character strings,
 * AWS's documented examples and anything ending `EXAMPLE`/`EXAMPLEKEY`.
 */
export function isSecretPlaceholder(value: string): boolean {
  const v = value.trim();
  if (isPlaceholder(v) || isAwsExampleValue(v)) return true;
  if (PLACEHOLDER_MARKERS.test(v)) return true;
  // A run of one character covering most of the value: `AKIA0000000000000000`, `sk_live_xxxxxxxxxxxxxxxx`.
  const run = /(.)\1{7,}/u.exec(v);
  if (run && run[0].length * 2 >= v.length) return true;
  // Sequential filler: `abcdefgh…`, `12345678…`, `ABCDEFGHIJKLMNOP`.
  if (/abcdefgh|bcdefghi|12345678|23456789|ABCDEFGH|BCDEFGHI|qwertyui/i.test(v)) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------------------
// Credential-ish names

/**
 * How a name binds the value next to it. `aws-*` and `azure-*` names route a value to the provider's rule;
 * the rest make a generic hard-coded secret.
 */
export type CredentialName =
  | "aws-access-key-id"
  | "aws-secret-access-key"
  | "aws-session-token"
  | "azure-account-key"
  | "azure-client-secret"
  | "password"
  | "secret"
  | "token"
  | "key";

/** `clientSecret`, `client-secret`, `CLIENT_SECRET`, `client.secret` → `client_secret`. */
export function normalizeName(name: string): string {
  return name
    .trim()
    .replace(/^["'`]|["'`]$/g, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[-.\s]+/g, "_")
    .toLowerCase();
}

/**
 * The last segment decides what a name holds: `db_password` is a password, `password_file` a path,
 * `secret_name` a name, `token_url` an address. Suffixes that make a name *about* a secret rather than
 * the secret itself.
 */
const NOT_SECRET_SUFFIX =
  /_(?:id|ids|name|names|arn|file|files|path|dir|url|uri|endpoint|host|type|length|len|size|count|ttl|expiry|expires|expiration|expires_at|timeout|hash|hashed|digest|sha|checksum|field|header|param|params|policy|prefix|suffix|format|version|ref|env|var|provider|source|location|region|mode|enabled|required|label|title|description|desc|placeholder|hint|pattern|regex|validator|rotation|created|updated|index|limit|max|min|algorithm|alg|kind|store|vault|manager|helper|reset|change|confirm|confirmation|policy|strength|rules|input|button|field_name|usage|cache|lifetime|duration|age|scope|scopes|audience|issuer|flow|grant|response|request|method|mask|masked|visible|set|exists|count)$/;

/** Whole names that contain a credential word but never hold a secret. */
const NOT_SECRET_NAMES: ReadonlySet<string> = new Set([
  "token_uri",
  "token_url",
  "auth_uri",
  "auth_url",
  "auth_type",
  "auth_provider_x509_cert_url",
  "client_x509_cert_url",
  "max_tokens",
  "max_new_tokens",
  "tokenizer",
  "tokens",
  "token_type",
  "key",
  "keys",
  "public_key",
  "pubkey",
  "public_key_pem",
  "key_id",
  "primary_key",
  "foreign_key",
  "sort_key",
  "partition_key",
  "hash_key",
  "range_key",
  "cache_key",
  "passwordless",
  "password_policy",
  "credential_source",
  "credential_process",
  "credentials",
  "secrets",
  "csrf_token",
  "xsrf_token",
  "next_token",
  "next_page_token",
  "page_token",
  "continuation_token",
  "pagination_token",
  "cancellation_token",
  "sync_token",
  "idempotency_token",
  "client_token",
  "token_endpoint",
  "integrity",
  "verification_token", // SES / domain verification tokens are published in DNS
  "service_token", // CloudFormation custom resources: the handler's ARN
  "access_key", // the public half of an S3-compatible key pair (see KEY_NAME)
  "accesskey",
  "refresh_token_url",
]);

const TEST_NAME = /(?:^|_)(?:test|tests|testing|fake|dummy|mock|mocked|stub|sample|example|demo|placeholder|invalid|bad|wrong|expired|revoked|unused)(?:_|$)/;

/**
 * The kind of credential a name binds its value to, or undefined when the name is not credential-ish (or
 * says the value is fake: `test_password`, `mock_api_key`, `example_token`). Narrower on purpose than
 * `isSecretKeyName` (secret-names.ts), which decides what to *mask* in snippets and errs on the side of
 * masking; this decides what to *report* and errs on the side of silence.
 */
/**
 * Where a credential word may start inside a name: at a segment boundary (`db_password`, `dbPassword`), or
 * glued to one of these prefixes (`dbpassword`, `apitoken`, `accesstoken`). Anything else glued in front
 * makes another word (`bypass`, `compass`, `tiktoken`): names are matched by segment, not by substring.
 */
const GLUED_PREFIXES =
  "db|api|admin|root|user|master|app|client|auth|access|refresh|id|bearer|session|private|secret|github|gh|gitlab|gl|slack|npm|pypi|bot|redis|mysql|pg|postgres|mongo|smtp|mail|ldap|ftp|proxy|keystore|truststore|store|web|my|sa|service|sas|jwt|oauth|personal|encryption|signing|hmac|shared|storage|consumer|cookie|login|sudo|vault|registry|docker";
const AT_WORD = String.raw`(?:^|_|(?<=(?:^|_)(?:${GLUED_PREFIXES})))`;
const PASSWORD_NAME = new RegExp(String.raw`${AT_WORD}(?:pass(?:word|wd|phrase)?|pwd)$`);
const SECRET_NAME = new RegExp(String.raw`${AT_WORD}secret(?:_key|_token|_value)?$|^secret_key_base$`);
const TOKEN_NAME = new RegExp(String.raw`${AT_WORD}(?:token|auth|authorization|bearer|jwt)$`);
/** `pat` is a personal access token only where the name says whose (`GITHUB_PAT`); `exclusionPat` is a pattern. */
const PAT_NAME = /^(?:(?:github|gh|gitlab|gl|ado|azdo|devops|azure_devops|git|bitbucket|bb|hf|pypi|npm)_?)?pat$/;

/**
 * Names of the *public* half of a key pair (S3-compatible access keys: MinIO, Ceph, GCS HMAC, Wasabi): an
 * access key is an id, its secret is the `secret_key`. Azure's storage "access keys" are named by
 * `azure-account-key` above them.
 */
const KEY_NAME = /(?:^|_)(?:api|secret|private|account|auth|master|signing|encryption|client|app|shared|storage|subscription|consumer|service|license|admin|webhook|hmac|crypt|cipher|session|sas)_?key$/;

/** Whether the name, or its last two segments, is one of the names that never hold a secret. */
function notSecretName(n: string): boolean {
  if (NOT_SECRET_NAMES.has(n)) return true;
  const parts = n.split("_");
  return parts.length > 2 && NOT_SECRET_NAMES.has(parts.slice(-2).join("_"));
}

export function credentialName(name: string): CredentialName | undefined {
  const n = normalizeName(name);
  if (n === "" || NOT_SECRET_SUFFIX.test(n) || TEST_NAME.test(n)) return undefined;
  if (/(?:^|_)aws_(?:access_key_id|access_key)$|^access_key_id$/.test(n)) return "aws-access-key-id";
  if (/aws_?secret(?:_access)?_key$|^secret_access_key$|aws_secret$/.test(n)) return "aws-secret-access-key";
  if (/aws_(?:session|security)_token$|^session_token$/.test(n)) return "aws-session-token";
  if (/(?:azure|storage|account)_(?:storage_)?(?:account_)?(?:access_)?key$|^account_key$/.test(n)) return "azure-account-key";
  if (/(?:azure|arm|aad|entra)_client_secret$/.test(n)) return "azure-client-secret";
  if (notSecretName(n)) return undefined;
  if (PASSWORD_NAME.test(n)) return "password";
  if (SECRET_NAME.test(n)) return "secret";
  if (TOKEN_NAME.test(n) || PAT_NAME.test(n) || /(?:^|_)(?:github|gh|gitlab|gl|ado|azdo|devops|git|bitbucket|hf|pypi|npm)_pat$/.test(n)) return "token";
  if (KEY_NAME.test(n)) return "key";
  if (/^(?:api_?key|apikey)|_apikey$|_api_key$/.test(n)) return "key";
  if (/(?:^|_)(?:connection_string|conn_str|connstr|dsn)$/.test(n)) return "secret";
  if (/(?:^|_)credentials?$/.test(n)) return "secret";
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Files (what a file is *for* — live, test, generated, … — is a path fact: paths.ts)

/**
 * Program source, where a literal is always quoted: an unquoted value after `name =` is an identifier or an
 * expression (`const token = getToken`, `type ArrowToken = ArrowToken$1`), never a secret.
 */
export function isSourceCodePath(path: string): boolean {
  return /\.(?:[cm]?[jt]sx?|py|pyi|go|java|kt|kts|scala|groovy|gradle|rb|php|cs|fs|vb|rs|swift|m|mm|c|cc|cpp|cxx|h|hh|hpp|dart|lua|pl|pm|r|jl|ex|exs|erl|clj|cljs|elm|hs|ml|vue|svelte)$/i.test(path);
}

/** `.env`, `.env.production`, `prod.env`, `.envrc` by name (whether the file is live is a path fact). */
export function isDotenvName(path: string): boolean {
  const base = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
  return /^\.env(?:\.[\w-]+)?$|^[\w.-]+\.env$|^\.envrc$/.test(base);
}

/** Private key files by name: `id_rsa`, `id_ed25519`, `*.pem`, `*.key`, `*.p8`, `*.ppk`. */
export function isKeyFilePath(path: string): boolean {
  const base = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
  return /^id_(?:rsa|dsa|ecdsa|ed25519)(?:_[\w-]+)?$|\.(?:pem|key|p8|ppk|keystore|priv)$/.test(base);
}
