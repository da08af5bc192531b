/**
 * Names under which CI systems keep long-lived cloud keys (RULES.md prefer-oidc; reference §6.1–6.5), for the
 * inputs of steps that are not login actions: `with: { access_key: ${{ secrets.AWS_ACCESS_KEY_ID }} }`, a CircleCI
 * orb parameter `aws-access-key-id: AWS_ACCESS_KEY_ID`, a reusable workflow's `secrets: { AWS_SECRET_ACCESS_KEY: … }`.
 */
import type { Provider } from "./providers.js";

type Cloud = Exclude<Provider, "generic">;

/*
 * Secret and variable names that hold a cloud key, as a whole word of the name (`PROD_AWS_ACCESS_KEY_ID`,
 * `AWS_SECRET_ACCESS_KEY_STAGING`): the SDKs' own variable names (reference §1.6, §4.1, §5.3, §8.2–8.3) and the
 * names the login actions' READMEs use for the JSON secrets (`AZURE_CREDENTIALS` for azure/login `creds`,
 * `GCP_SA_KEY` / `GCP_CREDENTIALS` / `GOOGLE_CREDENTIALS` for google-github-actions/auth `credentials_json`).
 */
const KEY_SECRET_NAMES: readonly (readonly [RegExp, Cloud])[] = [
  [/(?:^|_)AWS_(?:ACCESS_KEY_ID|SECRET_ACCESS_KEY|ACCESS_KEY|SECRET_KEY)(?:_|$)/, "aws"],
  [/(?:^|_)(?:AZURE_CREDENTIALS|AZURE_CLIENT_SECRET|ARM_CLIENT_SECRET)(?:_|$)/, "azure"],
  [/(?:^|_)(?:GCP_SA_KEY|GCP_CREDENTIALS|GCP_SERVICE_ACCOUNT_KEY|GOOGLE_CREDENTIALS|GCLOUD_SERVICE_KEY|GOOGLE_APPLICATION_CREDENTIALS)(?:_|$)/, "gcp"],
];

/** The cloud whose long-lived key a secret or variable name holds, by its name (exact upper case). */
export function cloudOfKeySecretName(name: string): Cloud | undefined {
  return KEY_SECRET_NAMES.find(([re]) => re.test(name))?.[1];
}

/** Input and parameter names that take an AWS access key id or secret key (`aws-access-key-id`, `aws_secret_access_key`, `AWS_ACCESS_KEY_ID`). */
export function isAwsKeyInputName(name: string): boolean {
  return /^aws[-_](?:access[-_]key(?:[-_]id)?|secret[-_](?:access[-_])?key)$/i.test(name);
}

/**
 * Names that say the "AWS-style" key belongs to another S3-compatible store (Cloudflare R2, DigitalOcean Spaces,
 * MinIO, Backblaze B2, Wasabi, …), where there is no AWS role to federate to.
 */
export const NON_AWS_S3 = /(?:^|[^A-Z])(?:R2|SPACES|DIGITALOCEAN|DO|MINIO|BACKBLAZE|B2|WASABI|LINODE|AKAMAI|SCALEWAY|SCW|OVH|CLOUDFLARE|CF|STORJ|TIGRIS|YANDEX|ALIYUN|OSS|TENCENT|COS|HETZNER|IDRIVE|FILEBASE|IBM|OCI|ORACLE|GCS|SUPABASE)(?:[^A-Z]|$)/i;
