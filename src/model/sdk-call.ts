import { isLocalAwsEndpoint } from "../knowledge/env-vars.js";
import type { Located, Provider, Setting } from "./setting.js";
import type { Range, SourceFile } from "./source.js";

/**
 * One SDK call in JS/TS code, as `src/formats/js-ts.ts` reads it (reference §7): a client constructor, a
 * credential provider or a config update, with the settings its options object passes. This is the
 * "SDK constructor call's options" context of DESIGN.md; rules read it through the `sdkCall` hook, and its
 * settings also go through the `setting` hook like any INI or dotenv line.
 */
export type SdkCallKind =
  /** `new S3Client({...})`, `new AWS.S3({...})`, `new Storage({...})`: a client with options. */
  | "client"
  /** `AWS.config.update({...})` (v2): options for every client created later. */
  | "config-update"
  /** `new AWS.Credentials(id, secret, token)` / `new AWS.Credentials({...})` (v2). */
  | "credentials-object"
  /** `fromIni({ profile })`, `fromTemporaryCredentials({...})`, `new AWS.SharedIniFileCredentials(...)`. */
  | "credential-provider"
  /** Azure `new ClientSecretCredential(tenant, client, secret)`, `StorageSharedKeyCredential`, `AzureKeyCredential`. */
  | "azure-credential"
  /** Azure `XClient.fromConnectionString(cs)`. */
  | "connection-string"
  /** GCP `new GoogleAuth({...})`. */
  | "gcp-auth";

export interface SdkCall {
  readonly kind: "sdk-call";
  readonly callKind: SdkCallKind;
  readonly file: SourceFile;
  readonly provider: Exclude<Provider, "generic">;
  /** The SDK, for messages: "the AWS SDK for JavaScript v3", "@azure/identity", … */
  readonly sdk: string;
  /** The callee as written (`S3Client`, `AWS.config.update`, `fromIni`), with its range. */
  readonly callee: Located;
  /** The callee for messages: the SDK's own name for it (`ClientSecretCredential` even when imported under
   * another name), or the member path as written (`AWS.config.update`). */
  readonly display: string;
  /** The whole call or `new` expression. */
  readonly range: Range;
  /** Every option the call passes, flattened: `credentials.accessKeyId` is a setting with key `accessKeyId`. */
  readonly settings: readonly Setting[];
  /** The `credentials` property (v3, GCP) when the call passes one, with what it holds. */
  readonly credentials?: {
    readonly key: Located;
    /** An object literal of keys, or a provider call such as `fromIni(...)`, or anything else. */
    readonly holds: "object" | "provider" | "other";
  };
  /** Whether the file looks like a Lambda handler (`export const handler`, `exports.handler`). */
  readonly inLambdaHandler: boolean;
  get(key: string): Setting | undefined;
}

/**
 * Whether a call's endpoint option points at a local stand-in for AWS — LocalStack, MinIO, moto's server, a
 * loopback or compose-service host (`isLocalAwsEndpoint`): the SDK-call side of the LocalStack/MinIO check
 * that env files and CI get from `talksToLocalAws`. The credentials such a client is given are whatever the
 * stand-in accepts (`test`/`test`, `minioadmin`), never AWS credentials.
 */
export function talksToLocalEndpoint(call: SdkCall): boolean {
  if (call.provider !== "aws") return false;
  const endpoint = call.get("endpoint")?.value;
  if (endpoint?.kind === "literal") return isLocalAwsEndpoint(endpoint.value);
  if (endpoint?.kind === "dynamic") return isLocalAwsEndpoint(endpoint.raw, true);
  return false;
}

/**
 * Whether the credentials a call is given are intentional dummies rather than cloud credentials: the client
 * talks to a local stand-in (`talksToLocalEndpoint`), or the call is in test code (the file's path facts),
 * where clients are built with fixed fake keys for mocks, emulators and recorded responses.
 */
export function takesDummyCredentials(call: SdkCall): boolean {
  return call.file.facts.test || talksToLocalEndpoint(call);
}
