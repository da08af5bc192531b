/**
 * The Python SDK calls and settings the Python reader (src/formats/python.ts) recognises (reference §7.3–7.5),
 * as data: each callee by its full dotted path once imports are resolved, what kind of call it is, its
 * parameters in order (for positional arguments), and the keyword → canonical option names that let rules
 * written against the JS SDKs' names (`accessKeyId`, `region`, `clientSecret`) read Python calls too.
 *
 * Sources, each read at the commit given:
 * - boto3 `boto3/__init__.py` (`client`, `resource`, `setup_default_session(**kwargs)` → `Session(**kwargs)`)
 *   and `boto3/session.py` (`Session.__init__`, `Session.client`, `Session.resource`), boto/boto3 @ 722e01b0.
 * - botocore `botocore/session.py` (`Session.__init__(session_vars, event_hooks, include_builtin_handlers,
 *   profile)`, `create_client`, `set_credentials(access_key, secret_key, token, account_id)`, `get_session`),
 *   `botocore/config.py` (`Config(*args, **kwargs)`: positional arguments follow `OPTION_DEFAULTS`) and
 *   `botocore/client.py` (`from botocore.config import Config`), boto/botocore @ 0e6e2404.
 * - azure-identity `azure/identity/_credentials/client_secret.py` (`ClientSecretCredential(tenant_id,
 *   client_id, client_secret, **kwargs)`), azure-core `azure/core/credentials.py` (`AzureKeyCredential(key)`,
 *   `AzureNamedKeyCredential(name, key)`, `AzureSasCredential(signature)`), Azure/azure-sdk-for-python
 *   @ 0632d382 and @ 005aab9f; every storage, tables, Service Bus and Event Hubs client has a
 *   `from_connection_string(conn_str, …)` class method.
 * - google-auth `google/oauth2/service_account.py` (`Credentials.from_service_account_info(info)` requiring
 *   `client_email` and `token_uri`, `from_service_account_file(filename)`), googleapis/google-auth-library-python
 *   @ 02fdb15f; google-cloud-core `google/cloud/client/__init__.py` (`ClientWithProject(project, credentials,
 *   …)`, `from_service_account_json(json_credentials_path)`, `from_service_account_info(info)`),
 *   googleapis/python-cloud-core @ 09165dc8.
 * - django-storages `storages/backends/s3.py` `S3Storage.get_default_settings` and `docs/backends/amazon-S3.rst`,
 *   jschneier/django-storages @ ca89a94a; Flask-S3 `flask_s3/__init__.py` `create_all`, e-dard/flask-s3
 *   @ 5155613d; django-s3-storage `django_s3_storage/storage.py`, etianen/django-s3-storage @ 00210370.
 */
import { STS_PARAMETER_ALIASES } from "./aws-fields.js";

/** The SdkCall kinds a Python call can be (src/model/sdk-call.ts `SdkCallKind`). */
export type PythonCallKind = "client" | "config-update" | "azure-credential" | "connection-string" | "gcp-auth";

/** Which session methods a session object has: boto3's or botocore's. */
export type PythonSessionKind = "boto3" | "botocore";

export interface PythonCallee {
  /** The callee's full dotted path once imports are resolved (`boto3.session.Session`), anchored. */
  readonly path: RegExp;
  readonly provider: "aws" | "azure" | "gcp";
  /** What the call is; absent for a factory read only for the session it returns (`get_session()`). */
  readonly callKind?: PythonCallKind;
  /** The SDK for messages; absent: the pip package of the callee's module (PYTHON_PACKAGES). */
  readonly sdk?: string;
  /** Parameter names in order, for positional arguments; null for one that is not an option (a service name). */
  readonly params: readonly (string | null)[];
  /** The call returns a session whose methods (SESSION_METHODS) create clients. */
  readonly session?: PythonSessionKind;
  /** The `info` argument is a service-account key mapping: its keys are read as settings. */
  readonly info?: true;
}

/** `Session.client(service_name, region_name, …)` and botocore's `create_client`: the same order. */
const CLIENT_PARAMS = [
  null,
  "region_name",
  "api_version",
  "use_ssl",
  "verify",
  "endpoint_url",
  "aws_access_key_id",
  "aws_secret_access_key",
  "aws_session_token",
  "config",
  "aws_account_id",
] as const;

/** `Session.resource`: the client's parameters without `aws_account_id`. */
const RESOURCE_PARAMS = CLIENT_PARAMS.slice(0, 10);

const BOTO3_SESSION_PARAMS = [
  "aws_access_key_id",
  "aws_secret_access_key",
  "aws_session_token",
  "region_name",
  "botocore_session",
  "profile_name",
  "aws_account_id",
] as const;

/** botocore `Config.OPTION_DEFAULTS`, whose order positional arguments follow. */
const CONFIG_PARAMS = [
  "region_name",
  "signature_version",
  "user_agent",
  "user_agent_extra",
  "connect_timeout",
  "read_timeout",
  "parameter_validation",
  "max_pool_connections",
  "proxies",
  "proxies_config",
  "s3",
  "retries",
  "client_cert",
  "inject_host_prefix",
  "endpoint_discovery_enabled",
  "use_dualstack_endpoint",
  "use_fips_endpoint",
  "defaults_mode",
  "tcp_keepalive",
  "allow_http_redirects",
] as const;

export const PYTHON_CALLEES: readonly PythonCallee[] = [
  { path: /^boto3\.client$/, provider: "aws", callKind: "client", sdk: "boto3", params: CLIENT_PARAMS },
  { path: /^boto3\.resource$/, provider: "aws", callKind: "client", sdk: "boto3", params: RESOURCE_PARAMS },
  { path: /^boto3\.(?:session\.)?Session$/, provider: "aws", callKind: "client", sdk: "boto3", params: BOTO3_SESSION_PARAMS, session: "boto3" },
  { path: /^boto3\.setup_default_session$/, provider: "aws", callKind: "config-update", sdk: "boto3", params: [] },
  { path: /^botocore\.(?:config|client)\.Config$/, provider: "aws", callKind: "client", sdk: "botocore", params: CONFIG_PARAMS },
  {
    path: /^botocore\.session\.Session$/,
    provider: "aws",
    callKind: "client",
    sdk: "botocore",
    params: ["session_vars", "event_hooks", "include_builtin_handlers", "profile"],
    session: "botocore",
  },
  { path: /^botocore\.session\.get_session$/, provider: "aws", sdk: "botocore", params: ["env_vars"], session: "botocore" },
  // Azure: any client's connection-string factory, and the credential classes that take secrets.
  { path: /^azure\.[\w.]+\.from_connection_string$/, provider: "azure", callKind: "connection-string", params: ["conn_str", "credential"] },
  { path: /^azure\.[\w.]+\.ClientSecretCredential$/, provider: "azure", callKind: "azure-credential", params: ["tenant_id", "client_id", "client_secret"] },
  { path: /^azure\.[\w.]+\.ClientCertificateCredential$/, provider: "azure", callKind: "azure-credential", params: ["tenant_id", "client_id", "certificate_path"] },
  // The JS and Java storage SDKs' class; the Python SDK has none (a dict or AzureNamedKeyCredential takes its
  // place), but code that imports it still passes the key it holds.
  { path: /^azure\.[\w.]+\.StorageSharedKeyCredential$/, provider: "azure", callKind: "azure-credential", params: ["account_name", "account_key"] },
  { path: /^azure\.[\w.]+\.AzureKeyCredential$/, provider: "azure", callKind: "azure-credential", params: ["key"] },
  { path: /^azure\.[\w.]+\.AzureNamedKeyCredential$/, provider: "azure", callKind: "azure-credential", params: ["name", "key"] },
  { path: /^azure\.[\w.]+\.AzureSasCredential$/, provider: "azure", callKind: "azure-credential", params: ["signature"] },
  // Google: service-account credentials, and every google-cloud-* client.
  {
    path: /^google\.oauth2\.service_account\.(?:Credentials|IDTokenCredentials)\.from_service_account_info$/,
    provider: "gcp",
    callKind: "gcp-auth",
    params: ["info"],
    info: true,
  },
  { path: /^google\.oauth2\.service_account\.(?:Credentials|IDTokenCredentials)\.from_service_account_file$/, provider: "gcp", callKind: "gcp-auth", params: ["filename"] },
  { path: /^google\.cloud\.[\w.]+\.Client$/, provider: "gcp", callKind: "client", params: ["project", "credentials"] },
  { path: /^google\.cloud\.[\w.]+\.Client\.from_service_account_json$/, provider: "gcp", callKind: "gcp-auth", params: ["json_credentials_path"] },
  { path: /^google\.cloud\.[\w.]+\.Client\.from_service_account_info$/, provider: "gcp", callKind: "gcp-auth", params: ["info"], info: true },
];

/** The methods of a session object that configure clients (boto3 `Session`, botocore `Session`). */
export const SESSION_METHODS: Readonly<Record<PythonSessionKind, Readonly<Record<string, { readonly callKind: PythonCallKind; readonly params: readonly (string | null)[] }>>>> = {
  boto3: {
    client: { callKind: "client", params: CLIENT_PARAMS },
    resource: { callKind: "client", params: RESOURCE_PARAMS },
  },
  botocore: {
    create_client: { callKind: "client", params: CLIENT_PARAMS },
    // Credentials for every client the session creates later: a config update, as `AWS.config.update` is.
    set_credentials: { callKind: "config-update", params: ["access_key", "secret_key", "token", "account_id"] },
  },
};

/** pip packages of modules whose package is not the module path with dots as dashes (longest prefix first). */
export const PYTHON_PACKAGES: readonly { readonly module: string; readonly package: string }[] = [
  { module: "azure.identity", package: "azure-identity" },
  { module: "azure.core", package: "azure-core" },
  { module: "google.oauth2", package: "google-auth" },
  { module: "google.auth", package: "google-auth" },
];

/** boto3/botocore keywords by the JS SDKs' option names. */
export const AWS_OPTION_ALIASES: Readonly<Record<string, string>> = {
  aws_access_key_id: "accessKeyId",
  aws_secret_access_key: "secretAccessKey",
  aws_session_token: "sessionToken",
  aws_account_id: "accountId",
  region_name: "region",
  profile_name: "profile",
  endpoint_url: "endpoint",
  // botocore `Session.set_credentials(access_key, secret_key, token, account_id)`.
  access_key: "accessKeyId",
  secret_key: "secretAccessKey",
  token: "sessionToken",
  account_id: "accountId",
  // STS request parameters (`sts.assume_role(RoleArn=…, SerialNumber=…)`).
  ...STS_PARAMETER_ALIASES,
};

/**
 * STS operations whose parameters credlint reads in Python (botocore's STS service model: AssumeRole,
 * GetSessionToken, AssumeRoleWithWebIdentity, AssumeRoleWithSAML), as boto3 names the client methods.
 */
export const STS_REQUEST_METHODS: ReadonlySet<string> = new Set(["assume_role", "get_session_token", "assume_role_with_web_identity", "assume_role_with_saml"]);

/**
 * Azure keywords by the JS SDK's parameter names. `credential` (a client's `credential=`: an account key, a SAS
 * token, a dict or a credential object) has no single JS counterpart and keeps its name.
 */
export const AZURE_OPTION_ALIASES: Readonly<Record<string, string>> = {
  tenant_id: "tenantId",
  client_id: "clientId",
  client_secret: "clientSecret",
  certificate_path: "certificatePath",
  account_name: "accountName",
  account_key: "accountKey",
  conn_str: "connectionString",
};

/** google-cloud keywords by the JS client options' names; a key file path is `filename` whichever factory reads it. */
export const GCP_OPTION_ALIASES: Readonly<Record<string, string>> = {
  project: "projectId",
  json_credentials_path: "filename",
};

/**
 * Settings-module names (Django settings, Flask config) that storage libraries pass to boto3, by option name:
 * django-storages reads `AWS_S3_ACCESS_KEY_ID` before `AWS_ACCESS_KEY_ID` (and the same for the secret),
 * `AWS_SESSION_TOKEN` before `AWS_SECURITY_TOKEN`, `AWS_S3_SESSION_PROFILE`, `AWS_S3_REGION_NAME`,
 * `AWS_S3_ENDPOINT_URL`; django-s3-storage reads `AWS_REGION`; Flask-S3 reads `AWS_ACCESS_KEY_ID`,
 * `AWS_SECRET_ACCESS_KEY`, `FLASKS3_REGION`, `FLASKS3_ENDPOINT_URL`. No library reads `AWS_S3_SESSION_TOKEN`
 * or `AWS_PROFILE` from settings, so they are not here (an `AWS_PROFILE` setting is not the env variable).
 */
export const SETTINGS_OPTION_ALIASES: Readonly<Record<string, string>> = {
  AWS_ACCESS_KEY_ID: "accessKeyId",
  AWS_S3_ACCESS_KEY_ID: "accessKeyId",
  AWS_SECRET_ACCESS_KEY: "secretAccessKey",
  AWS_S3_SECRET_ACCESS_KEY: "secretAccessKey",
  AWS_SESSION_TOKEN: "sessionToken",
  AWS_SECURITY_TOKEN: "sessionToken",
  AWS_S3_SESSION_PROFILE: "profile",
  AWS_S3_REGION_NAME: "region",
  AWS_REGION: "region",
  AWS_S3_ENDPOINT_URL: "endpoint",
  FLASKS3_REGION: "region",
  FLASKS3_ENDPOINT_URL: "endpoint",
};
