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

/**
 * The same fields as SDK options in JS/TS code name them (reference §7): v3 `credentials: { accessKeyId,
 * secretAccessKey, sessionToken }`, v2 `new AWS.S3({ accessKeyId, region })`, `fromTemporaryCredentials({
 * params: { RoleArn } })`. Exact spelling only: a misspelt option is ignored by the SDK, not renamed.
 */
const CODE_FIELDS: Readonly<Record<string, AwsField>> = {
  accessKeyId: "accessKeyId",
  secretAccessKey: "secretAccessKey",
  sessionToken: "sessionToken",
  region: "region",
  RoleArn: "roleArn",
  roleArn: "roleArn",
  SerialNumber: "mfaSerial",
  profile: "profile",
};

/** The field a setting's key names, by the syntax it was written in (`code` for SDK options in JS/TS). */
export function settingField(key: string, syntax: "code" | "file"): AwsField | undefined {
  if (syntax === "code") return Object.hasOwn(CODE_FIELDS, key) ? CODE_FIELDS[key] : undefined;
  return awsField(key.toLowerCase());
}
