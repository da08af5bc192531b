/**
 * Environment variables the cloud SDKs and CLIs read (reference §1.6, §4.1, §5.3), by provider. Rules ask
 * these tables instead of listing names; readers use `providerOfVar` to tag settings.
 */
import type { Provider } from "./providers.js";
import { levenshtein } from "./strings.js";

/** The provider an environment variable belongs to, by its prefix (any case: typos are still that provider's). */
export function providerOfVar(name: string): Provider {
  const n = name.toUpperCase();
  if (/^AWS_/.test(n)) return "aws";
  if (/^(?:AZURE_|ARM_|MSI_|IDENTITY_ENDPOINT$)/.test(n)) return "azure";
  if (/^(?:GOOGLE_|GCLOUD_|CLOUDSDK_|GCP_)/.test(n)) return "gcp";
  return "generic";
}

/** Credential, profile and region variables the AWS SDKs and CLI read (reference §1.6), exact case. */
export const AWS_ENV_VARS: ReadonlySet<string> = new Set([
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_SECURITY_TOKEN",
  "AWS_CREDENTIAL_EXPIRATION",
  "AWS_ACCOUNT_ID",
  "AWS_PROFILE",
  "AWS_DEFAULT_PROFILE",
  "AWS_REGION",
  "AWS_DEFAULT_REGION",
  "AWS_CONFIG_FILE",
  "AWS_SHARED_CREDENTIALS_FILE",
  "AWS_ROLE_ARN",
  "AWS_ROLE_SESSION_NAME",
  "AWS_WEB_IDENTITY_TOKEN_FILE",
  "AWS_STS_REGIONAL_ENDPOINTS",
  "AWS_USE_FIPS_ENDPOINT",
  "AWS_USE_DUALSTACK_ENDPOINT",
  "AWS_ENDPOINT_URL",
  "AWS_CA_BUNDLE",
  "AWS_SDK_LOAD_CONFIG",
  "AWS_EC2_METADATA_DISABLED",
  "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
  "AWS_CONTAINER_CREDENTIALS_FULL_URI",
  "AWS_CONTAINER_AUTHORIZATION_TOKEN",
  "AWS_MAX_ATTEMPTS",
  "AWS_RETRY_MODE",
  "AWS_DEFAULT_OUTPUT",
  "AWS_PAGER",
]);

/** `@azure/identity` EnvironmentCredential / workload identity and Terraform azurerm variables (reference §4.1, §8.2). */
export const AZURE_ENV_VARS: ReadonlySet<string> = new Set([
  "AZURE_TENANT_ID",
  "AZURE_CLIENT_ID",
  "AZURE_CLIENT_SECRET",
  "AZURE_CLIENT_CERTIFICATE_PATH",
  "AZURE_CLIENT_CERTIFICATE_PASSWORD",
  "AZURE_CLIENT_SEND_CERTIFICATE_CHAIN",
  "AZURE_USERNAME",
  "AZURE_PASSWORD",
  "AZURE_ADDITIONALLY_ALLOWED_TENANTS",
  "AZURE_FEDERATED_TOKEN_FILE",
  "AZURE_AUTHORITY_HOST",
  "AZURE_SUBSCRIPTION_ID",
  "AZURE_TOKEN_CREDENTIALS",
  "AZURE_STORAGE_CONNECTION_STRING",
  "AZURE_STORAGE_ACCOUNT",
  "AZURE_STORAGE_KEY",
  "ARM_CLIENT_ID",
  "ARM_CLIENT_SECRET",
  "ARM_TENANT_ID",
  "ARM_SUBSCRIPTION_ID",
  "ARM_USE_OIDC",
  "ARM_OIDC_TOKEN",
  "ARM_CLIENT_CERTIFICATE_PATH",
  "ARM_CLIENT_CERTIFICATE_PASSWORD",
  "ARM_ACCESS_KEY",
  "ARM_USE_MSI",
  "ARM_ENVIRONMENT",
]);

/** Application Default Credentials and gcloud variables (reference §5.3). */
export const GCP_ENV_VARS: ReadonlySet<string> = new Set([
  "GOOGLE_APPLICATION_CREDENTIALS",
  "GOOGLE_CLOUD_PROJECT",
  "GCLOUD_PROJECT",
  "GOOGLE_CLOUD_QUOTA_PROJECT",
  "GOOGLE_CREDENTIALS",
  "GOOGLE_PROJECT",
  "GOOGLE_REGION",
  "GOOGLE_ZONE",
  "GOOGLE_OAUTH_ACCESS_TOKEN",
  "CLOUDSDK_CONFIG",
  "CLOUDSDK_CORE_PROJECT",
  "CLOUDSDK_COMPUTE_REGION",
  "CLOUDSDK_COMPUTE_ZONE",
  "CLOUDSDK_AUTH_CREDENTIAL_FILE_OVERRIDE",
  "CLOUDSDK_AUTH_ACCESS_TOKEN_FILE",
]);

/** Names only one SDK reads: Go's fallbacks for the key pair (reference §1.6). */
export const GO_ONLY_ENV_VARS: Readonly<Record<string, string>> = {
  AWS_ACCESS_KEY: "AWS_ACCESS_KEY_ID",
  AWS_SECRET_KEY: "AWS_SECRET_ACCESS_KEY",
};

/** Lower-case names an SDK reads anyway (the Node Google auth library also reads this one). */
const LOWER_CASE_READ: ReadonlySet<string> = new Set(["google_application_credentials"]);

/**
 * Misspellings seen in the wild whose intended name is certain (a fix renames them). Others are found by
 * edit distance and only suggested.
 */
const KNOWN_TYPOS: Readonly<Record<string, string>> = {
  AWS_SECRET_ACCESS_KEY_ID: "AWS_SECRET_ACCESS_KEY",
  AWS_ACCESS_KEY_SECRET: "AWS_SECRET_ACCESS_KEY",
  AWS_ACCESS_SECRET_KEY: "AWS_SECRET_ACCESS_KEY",
  AWS_SECRET_ACCESS: "AWS_SECRET_ACCESS_KEY",
  AWS_ACCESS_KEY_ID_SECRET: "AWS_SECRET_ACCESS_KEY",
  AWS_ACCESS_ID: "AWS_ACCESS_KEY_ID",
  AWS_KEY_ID: "AWS_ACCESS_KEY_ID",
  AWS_SESSION_KEY: "AWS_SESSION_TOKEN",
  AWS_TOKEN: "AWS_SESSION_TOKEN",
  AWS_REGION_NAME: "AWS_REGION",
  AWS_DEFAULT_REGION_NAME: "AWS_DEFAULT_REGION",
  AWS_PROFILE_NAME: "AWS_PROFILE",
  AZURE_CLIENT_SECRETS: "AZURE_CLIENT_SECRET",
  AZURE_SECRET: "AZURE_CLIENT_SECRET",
  AZURE_TENANT: "AZURE_TENANT_ID",
  AZURE_CLIENTID: "AZURE_CLIENT_ID",
  AZURE_APP_ID: "AZURE_CLIENT_ID",
  GOOGLE_APPLICATION_CREDENTIAL: "GOOGLE_APPLICATION_CREDENTIALS",
  GOOGLE_APPLICATIONS_CREDENTIALS: "GOOGLE_APPLICATION_CREDENTIALS",
  GOOGLE_APP_CREDENTIALS: "GOOGLE_APPLICATION_CREDENTIALS",
  GOOGLE_CREDENTIALS_FILE: "GOOGLE_APPLICATION_CREDENTIALS",
};

/** The variables that carry an identity, where a near miss is worth reporting (others are app settings). */
const NEAR_MISS_TARGETS = [
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_REGION",
  "AWS_PROFILE",
  "AWS_DEFAULT_REGION",
  "AWS_DEFAULT_PROFILE",
  "AWS_SHARED_CREDENTIALS_FILE",
  "AWS_WEB_IDENTITY_TOKEN_FILE",
  "AZURE_TENANT_ID",
  "AZURE_CLIENT_ID",
  "AZURE_CLIENT_SECRET",
  "AZURE_CLIENT_CERTIFICATE_PATH",
  "AZURE_FEDERATED_TOKEN_FILE",
  "AZURE_SUBSCRIPTION_ID",
  "ARM_CLIENT_SECRET",
  "ARM_SUBSCRIPTION_ID",
  "GOOGLE_APPLICATION_CREDENTIALS",
  "GOOGLE_CLOUD_PROJECT",
];

export function isKnownEnvVar(name: string): boolean {
  return AWS_ENV_VARS.has(name) || AZURE_ENV_VARS.has(name) || GCP_ENV_VARS.has(name) || /^AWS_ENDPOINT_URL_[A-Z0-9_]+$/.test(name);
}

export type EnvNameProblem =
  | { readonly kind: "case"; readonly intended: string }
  | { readonly kind: "go-only"; readonly intended: string }
  | { readonly kind: "typo"; readonly intended: string; readonly certain: boolean };

/**
 * What is wrong with an environment variable name, if it looks like a cloud variable nobody reads:
 * another case than the SDKs read (`aws_access_key_id`, `Aws_Region`), a fallback only Go reads, or a
 * misspelling of one of the identity variables. Unrelated application variables (`AWS_S3_BUCKET`) pass.
 */
export function envNameProblem(name: string): EnvNameProblem | undefined {
  if (isKnownEnvVar(name) || LOWER_CASE_READ.has(name)) return undefined;
  const upper = name.toUpperCase();
  if (upper !== name && (isKnownEnvVar(upper) || Object.hasOwn(GO_ONLY_ENV_VARS, upper))) return { kind: "case", intended: upper };
  if (Object.hasOwn(GO_ONLY_ENV_VARS, name)) return { kind: "go-only", intended: GO_ONLY_ENV_VARS[name] ?? "" };
  if (upper !== name) return undefined;
  if (Object.hasOwn(KNOWN_TYPOS, name)) return { kind: "typo", intended: KNOWN_TYPOS[name] ?? "", certain: true };
  if (providerOfVar(name) === "generic" || name.length < 10) return undefined;
  let best: { name: string; d: number } | undefined;
  for (const target of NEAR_MISS_TARGETS) {
    if (providerOfVar(target) !== providerOfVar(name)) continue;
    // Short names are one edit from many application variables: allow a single edit there.
    const max = target.length >= 14 ? 2 : 1;
    const d = levenshtein(name, target, max);
    if (d <= max && (!best || d < best.d)) best = { name: target, d };
  }
  return best ? { kind: "typo", intended: best.name, certain: false } : undefined;
}

/**
 * Whether a CI file or script talks to a local stand-in for AWS (LocalStack, MinIO, moto, an
 * `AWS_ENDPOINT_URL` of its own): dummy keys such as `test`/`test` are expected there and are neither
 * long-lived credentials nor values AWS will reject.
 */
export function usesLocalAwsEndpoint(text: string): boolean {
  return /AWS_ENDPOINT_URL|--endpoint-url|localstack|minio|moto_server|localhost:4566|127\.0\.0\.1:4566/i.test(text) || SERVICE_ENDPOINT.test(text);
}

/**
 * An `…ENDPOINT…` variable set to a plain-HTTP URL of a single-label host (`DYNAMODB_ENDPOINT:
 * http://carts-dynamodb:8000`): a service of the same compose project or cluster standing in for AWS (public
 * AWS endpoints always have dots, and HTTPS).
 */
const SERVICE_ENDPOINT = /ENDPOINT\w*["']?[ \t]*[:=][ \t]*["']?http:\/\/[a-z0-9_-]+(?::\d+)?(?=[/"'\s]|$)/im;

/**
 * The hosts of local stand-ins for AWS, as an SDK client's `endpoint` names them: loopback addresses,
 * `host.docker.internal`, LocalStack (`localhost.localstack.cloud`, port 4566), MinIO, moto's server, and
 * single-label hosts (`http://minio:9000`, `http://s3mock:9090`: a compose service, never a public AWS
 * endpoint, whose names always have dots).
 */
const LOCAL_ENDPOINT_URL =
  /^(?:[a-z][\w+.-]*:\/\/)?(?:[^@/]*@)?(?:localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|\[::1\]|host\.docker\.internal|[\w.-]*localstack[\w.-]*|[\w.-]*minio[\w.-]*|moto[\w.-]*|[a-z0-9_-]+)(?::\d+)?(?:[/?#]|$)/i;
const LOCAL_ENDPOINT_TEXT = /\/\/(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\]|host\.docker\.internal)\b|localstack|minio|moto_server|:4566\b/i;

/**
 * Whether an endpoint option points at a local stand-in for AWS (the SDK-call side of
 * `usesLocalAwsEndpoint`): `value` is the literal URL, or the source text of a computed one
 * (`` `http://localhost:${port}` ``, `new AWS.Endpoint("http://localhost:4566")`).
 */
export function isLocalAwsEndpoint(value: string, computed = false): boolean {
  const v = value.trim();
  return computed ? LOCAL_ENDPOINT_TEXT.test(v) : LOCAL_ENDPOINT_URL.test(v) || LOCAL_ENDPOINT_TEXT.test(v);
}
