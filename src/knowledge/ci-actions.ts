/**
 * The login actions and orbs credlint understands, as data (reference §6.1–6.5): their inputs, and how each
 * decides between OIDC federation and long-lived secrets.
 */
import type { Provider } from "./providers.js";

export type LoginAction = "configure-aws-credentials" | "azure-login" | "google-auth" | "circleci-aws-cli";

export const LOGIN_ACTIONS: Readonly<Record<string, LoginAction>> = {
  "aws-actions/configure-aws-credentials": "configure-aws-credentials",
  "azure/login": "azure-login",
  "google-github-actions/auth": "google-auth",
  "circleci/aws-cli/setup": "circleci-aws-cli",
  "aws-cli/setup": "circleci-aws-cli",
};

/** The login an action or orb command performs (`aws-actions/configure-aws-credentials`), if credlint knows it. */
export function loginActionOf(action: string): LoginAction | undefined {
  return Object.hasOwn(LOGIN_ACTIONS, action) ? LOGIN_ACTIONS[action] : undefined;
}

export const LOGIN_PROVIDER: Readonly<Record<LoginAction, Exclude<Provider, "generic">>> = {
  "configure-aws-credentials": "aws",
  "azure-login": "azure",
  "google-auth": "gcp",
  "circleci-aws-cli": "aws",
};

/** What the action is called in messages. */
export const LOGIN_LABEL: Readonly<Record<LoginAction, string>> = {
  "configure-aws-credentials": "aws-actions/configure-aws-credentials",
  "azure-login": "azure/login",
  "google-auth": "google-github-actions/auth",
  "circleci-aws-cli": "aws-cli/setup (circleci/aws-cli orb)",
};

/** Every input each action declares in its `action.yml` (snapshots in reference §6.1–6.3; orb v4 parameters). */
export const LOGIN_INPUTS: Readonly<Record<LoginAction, readonly string[]>> = {
  "configure-aws-credentials": [
    "aws-region", "role-to-assume", "aws-access-key-id", "aws-secret-access-key", "aws-session-token",
    "web-identity-token-file", "role-chaining", "audience", "aws-profile", "overwrite-aws-profile",
    "role-duration-seconds", "role-external-id", "role-session-name", "role-skip-session-tagging",
    "transitive-tag-keys", "inline-session-policy", "managed-session-policies", "output-credentials",
    "output-env-credentials", "unset-current-credentials", "mask-aws-account-id", "http-proxy", "no-proxy",
    "disable-retry", "retry-max-attempts", "special-characters-workaround", "use-existing-credentials",
    "allowed-account-ids", "force-skip-oidc", "action-timeout-s", "custom-tags", "sts-endpoint",
  ],
  "azure-login": [
    "creds", "client-id", "tenant-id", "subscription-id", "enable-AzPSSession", "environment",
    "allow-no-subscriptions", "audience", "auth-type",
  ],
  "google-auth": [
    "project_id", "workload_identity_provider", "service_account", "audience", "credentials_json",
    "create_credentials_file", "export_environment_variables", "token_format", "delegates", "universe",
    "request_reason", "cleanup_credentials", "access_token_lifetime", "access_token_scopes",
    "access_token_subject", "id_token_audience", "id_token_include_email",
  ],
  "circleci-aws-cli": [
    "role_arn", "region", "profile_name", "role_session_name", "session_duration", "aws_access_key_id",
    "aws_secret_access_key", "configure_default_region", "configure_profile_region", "install_dir",
    "binary_dir", "version", "disable_aws_pager", "override_installed", "install", "when", "set_aws_env_vars",
  ],
};

/** Misspelt inputs whose intended name is certain (GitHub only warns "Unexpected input(s)" and runs on). */
export const LOGIN_INPUT_TYPOS: Readonly<Record<string, string>> = {
  "aws-secret-key": "aws-secret-access-key",
  "aws-access-key": "aws-access-key-id",
  "aws-secret-access-key-id": "aws-secret-access-key",
  "role-arn": "role-to-assume",
  "role-to-assume-arn": "role-to-assume",
  "assume-role": "role-to-assume",
  region: "aws-region",
  "aws-default-region": "aws-region",
  client_id: "client-id",
  tenant_id: "tenant-id",
  subscription_id: "subscription-id",
  clientId: "client-id",
  tenantId: "tenant-id",
  subscriptionId: "subscription-id",
  "workload-identity-provider": "workload_identity_provider",
  "service-account": "service_account",
  "credentials-json": "credentials_json",
  "project-id": "project_id",
};

/** azure/login `creds` JSON keys (the `az ad sp create-for-rbac --sdk-auth` shape, camelCase). */
export const AZURE_CREDS_KEYS: readonly string[] = [
  "clientId", "clientSecret", "tenantId", "subscriptionId", "resourceManagerEndpointUrl",
  "activeDirectoryEndpointUrl", "activeDirectoryGraphResourceId", "sqlManagementEndpointUrl",
  "galleryEndpointUrl", "managementEndpointUrl",
];

/** Other spellings of the creds keys: snake case, PascalCase and the plain `create-for-rbac` output. */
export const AZURE_CREDS_ALIASES: Readonly<Record<string, string>> = {
  appId: "clientId",
  password: "clientSecret",
  tenant: "tenantId",
  client_id: "clientId",
  client_secret: "clientSecret",
  tenant_id: "tenantId",
  subscription_id: "subscriptionId",
  ClientId: "clientId",
  ClientSecret: "clientSecret",
  TenantId: "tenantId",
  SubscriptionId: "subscriptionId",
  clientID: "clientId",
  tenantID: "tenantId",
  subscriptionID: "subscriptionId",
};

/** Environment variables that hold long-lived cloud secrets in CI, where federation exists (RULES.md prefer-oidc). */
export const LONG_LIVED_SECRET_VARS: Readonly<Record<string, Exclude<Provider, "generic">>> = {
  AWS_ACCESS_KEY_ID: "aws",
  AWS_SECRET_ACCESS_KEY: "aws",
  AZURE_CLIENT_SECRET: "azure",
  ARM_CLIENT_SECRET: "azure",
  GOOGLE_APPLICATION_CREDENTIALS: "gcp",
  GOOGLE_CREDENTIALS: "gcp",
};

/** GitLab's deprecated job JWTs (removed in GitLab 17.0; reference §6.4). */
export const GITLAB_JOB_JWT = /\$\{?(CI_JOB_JWT(?:_V[12])?)\b\}?/g;
