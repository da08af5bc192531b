/**
 * Key names whose values are secrets, whatever the file: used to mask values in every snippet and message,
 * including misspelt keys (`aws_secret_key`) that no SDK reads but that still hold a secret.
 */
const SECRETISH = /secret|passw|token|access_?key|private_?key|api_?key|account_?key|credentials?$|session_?key|sig$/i;

/** Keys that match the pattern above but hold a path, a name or a switch, not a secret. */
const NOT_SECRET = new Set([
  "web_identity_token_file",
  "aws_web_identity_token_file",
  "credential_source",
  "credential_process",
  "sso_session",
  "aws_role_session_name",
  "role_session_name",
  "shared_credentials_file",
  "aws_shared_credentials_file",
  "google_application_credentials",
  "token_url",
  "token_uri",
]);

export function isSecretKeyName(key: string): boolean {
  const k = key.trim().toLowerCase().replace(/-/g, "_");
  return SECRETISH.test(k) && !NOT_SECRET.has(k) && !k.endsWith("_file") && !k.endsWith("_path");
}

/** Values shaped like an AWS key id or secret are masked wherever they stand. */
export const SECRET_VALUE_SHAPE = /^(?:(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}|[A-Za-z0-9/+]{40})$/;
