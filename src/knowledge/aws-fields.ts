/**
 * Canonical credential fields, whatever the syntax names them: the INI key (`aws_access_key_id`) and the
 * environment variable (`AWS_ACCESS_KEY_ID`) are the same field to the SDKs (reference §1.4, §1.6).
 * Rules ask `awsField(key)` instead of listing spellings.
 */
export type AwsField =
  | "accessKeyId"
  | "secretAccessKey"
  | "sessionToken"
  | "roleArn"
  | "mfaSerial"
  | "region"
  | "ssoRegion"
  | "ssoAccountId"
  | "profile";

const FIELDS: Readonly<Record<string, AwsField>> = {
  aws_access_key_id: "accessKeyId",
  aws_secret_access_key: "secretAccessKey",
  aws_session_token: "sessionToken",
  aws_security_token: "sessionToken",
  role_arn: "roleArn",
  aws_role_arn: "roleArn",
  mfa_serial: "mfaSerial",
  region: "region",
  aws_region: "region",
  aws_default_region: "region",
  sso_region: "ssoRegion",
  sso_account_id: "ssoAccountId",
};

/** The field an INI key names (exact lower case only: other spellings are credential-key-name's). */
export function awsField(key: string): AwsField | undefined {
  return Object.hasOwn(FIELDS, key) ? FIELDS[key] : undefined;
}
