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

/**
 * The same fields as keyword arguments in Python (boto3 / botocore: `boto3.client("s3", aws_access_key_id=…,
 * region_name=…)`, `boto3.Session(profile_name=…)`) and as django-storages settings (`AWS_S3_REGION_NAME`), per
 * boto3's `Session.client` signature and django-storages' S3 settings (reference §7).
 */
const PYTHON_FIELDS: Readonly<Record<string, AwsField>> = {
  aws_access_key_id: "accessKeyId",
  aws_secret_access_key: "secretAccessKey",
  aws_session_token: "sessionToken",
  region_name: "region",
  profile_name: "profile",
  AWS_ACCESS_KEY_ID: "accessKeyId",
  AWS_S3_ACCESS_KEY_ID: "accessKeyId",
  AWS_SECRET_ACCESS_KEY: "secretAccessKey",
  AWS_S3_SECRET_ACCESS_KEY: "secretAccessKey",
  AWS_SESSION_TOKEN: "sessionToken",
  AWS_S3_SESSION_TOKEN: "sessionToken",
  AWS_S3_REGION_NAME: "region",
  AWS_S3_SESSION_PROFILE: "profile",
  AWS_PROFILE: "profile",
};

/**
 * The arguments of Terraform's `provider "aws"` and `backend "s3"` blocks (and the derived settings of the
 * variables they read): `access_key`, `secret_key`, `token`, `region`, `profile`, `assume_role { role_arn }`
 * (registry.terraform.io/providers/hashicorp/aws/latest/docs#argument-reference). The Serverless Framework's
 * `provider.profile` / `provider.region` are read with the same names.
 */
const TERRAFORM_FIELDS: Readonly<Record<string, AwsField>> = {
  access_key: "accessKeyId",
  secret_key: "secretAccessKey",
  token: "sessionToken",
  region: "region",
  profile: "profile",
  role_arn: "roleArn",
};

/** Code-like settings by file kind: SDK options in JS/TS, keyword arguments in Python, provider arguments in Terraform and Serverless. */
const CODE_TABLES: Readonly<Record<string, Readonly<Record<string, AwsField>>>> = {
  "js-ts": CODE_FIELDS,
  python: PYTHON_FIELDS,
  terraform: TERRAFORM_FIELDS,
  "terraform-vars": TERRAFORM_FIELDS,
  serverless: TERRAFORM_FIELDS,
};

/** The field a setting's key names, by the syntax it was written in (`code` for SDK options, by the file kind's language). */
export function settingField(key: string, syntax: "code" | "file", kind = "js-ts"): AwsField | undefined {
  if (syntax === "code") {
    const table = Object.hasOwn(CODE_TABLES, kind) ? CODE_TABLES[kind] : undefined;
    return table && Object.hasOwn(table, key) ? table[key] : undefined;
  }
  return awsField(key.toLowerCase());
}

/**
 * Environment variables, by exact name: the SDKs read env names case-sensitively (reference §1.6), so
 * `aws_region` in a `.env` is nobody's region (credential-key-name reports it). Go's fallbacks
 * `AWS_ACCESS_KEY`/`AWS_SECRET_KEY` are not listed: only one SDK reads them.
 */
const ENV_FIELDS: Readonly<Record<string, AwsField>> = {
  AWS_ACCESS_KEY_ID: "accessKeyId",
  AWS_SECRET_ACCESS_KEY: "secretAccessKey",
  AWS_SESSION_TOKEN: "sessionToken",
  AWS_SECURITY_TOKEN: "sessionToken",
  AWS_REGION: "region",
  AWS_DEFAULT_REGION: "region",
  AWS_PROFILE: "profile",
  AWS_DEFAULT_PROFILE: "profile",
  AWS_ROLE_ARN: "roleArn",
};

/**
 * CI step inputs (reference §6.1, §6.5): configure-aws-credentials `with:`, the CircleCI aws-cli orb's
 * parameters, the AWS Toolkit for Azure DevOps tasks' `regionName`.
 */
const INPUT_FIELDS: Readonly<Record<string, AwsField>> = {
  "aws-access-key-id": "accessKeyId",
  "aws-secret-access-key": "secretAccessKey",
  "aws-session-token": "sessionToken",
  "aws-region": "region",
  "role-to-assume": "roleArn",
  role_arn: "roleArn",
  region: "region",
  regionName: "region",
};

/** Command-line flags of the AWS CLI, SAM, CDK and the Serverless Framework. */
const FLAG_FIELDS: Readonly<Record<string, AwsField>> = {
  "--region": "region",
  "--profile": "profile",
  "--aws-profile": "profile",
};

/** The AWS field a setting names, whatever syntax it was written in. */
export function awsFieldOf(setting: { readonly key: { readonly text: string }; readonly syntax?: string; readonly file: { readonly kind: string } }): AwsField | undefined {
  const key = setting.key.text;
  const table = (t: Readonly<Record<string, AwsField>>): AwsField | undefined => (Object.hasOwn(t, key) ? t[key] : undefined);
  switch (setting.syntax) {
    case "env":
      return table(ENV_FIELDS);
    case "input":
      return table(INPUT_FIELDS);
    case "flag":
      return table(FLAG_FIELDS);
    case "code":
      return settingField(key, "code", setting.file.kind);
    case "ini":
      return settingField(key, "file");
    default:
      return settingField(key, setting.file.kind === "js-ts" ? "code" : "file", setting.file.kind);
  }
}

/**
 * The STS request parameters credlint reads (AssumeRole, GetSessionToken, …), by the field they carry: the
 * names are botocore's keyword arguments and the JS SDK's command input alike (`RoleArn`, `SerialNumber`).
 */
export const STS_PARAMETER_ALIASES: Readonly<Record<string, string>> = { RoleArn: "roleArn", SerialNumber: "mfaSerial" };
