import { isLocalAwsEndpoint } from "../knowledge/env-vars.js";
import type { Located, Provider, Setting } from "./setting.js";
import { rangeContains, type Range, type SourceFile } from "./source.js";

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
  | "gcp-auth"
  /** `sts.assume_role(RoleArn=…, SerialNumber=…)` (boto3): a request's parameters, made through `client`. */
  | "sts-request";

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
  /** Whether the file looks like a Lambda handler (`export const handler`, `exports.handler`, `def lambda_handler`). */
  readonly inLambdaHandler: boolean;
  /**
   * How a message quotes the call, when not `new <display>(…)` / `<display>(…)`: `boto3.client(…)`,
   * `provider "aws" { … }`, `django-storages settings`.
   */
  readonly shown?: string;
  /** For a request made through a client (`sts.assume_role(…)` on `sts = boto3.client("sts", …)`): that client's call. */
  readonly client?: SdkCall;
  /** The option names `get` also finds a setting by (its key → the canonical name), as the reader gave them. */
  readonly aliases?: Readonly<Record<string, string>>;
  /** A setting by option name: as written, or by the JS SDK's name for it (`accessKeyId` finds boto3's `aws_access_key_id`). */
  get(key: string): Setting | undefined;
}

/** The call as a message quotes it: `new S3Client(…)`, `AWS.config.update(…)`, `boto3.client(…)`, `provider "aws" { … }`. */
export function callShown(call: SdkCall): string {
  if (call.shown !== undefined) return call.shown;
  return call.callKind === "config-update" || call.callKind === "connection-string" ? `${call.display}(…)` : `new ${call.display}(…)`;
}

/**
 * An SdkCall from its parts: `get` finds a setting by its key as written and by the canonical option name
 * that `aliases` gives its key (first setting wins).
 */
export function makeSdkCall(call: Omit<SdkCall, "get" | "kind" | "aliases">, aliases: Readonly<Record<string, string>> = {}): SdkCall {
  const byKey = new Map<string, Setting>();
  for (const s of call.settings) {
    if (!byKey.has(s.key.text)) byKey.set(s.key.text, s);
    const alias = Object.hasOwn(aliases, s.key.text) ? aliases[s.key.text] : undefined;
    if (alias !== undefined && !byKey.has(alias)) byKey.set(alias, s);
  }
  return { kind: "sdk-call", ...call, ...(Object.keys(aliases).length > 0 ? { aliases } : {}), get: (key) => byKey.get(key) };
}

/** A Setting as data that crosses threads: its file is re-attached by the receiving side. */
export type PlainSetting = Omit<Setting, "file">;

/**
 * An SdkCall as data that crosses threads (the parse stage's workers read code once and send its calls back):
 * no methods and no file — the receiving side re-attaches its own SourceFile — and its client as its index in
 * the list. A setting that is the same object as one of an earlier call (a reader may give two calls one
 * setting) is sent as where that one is, `[call, setting]`, so that it is one object again.
 */
export type PlainSdkCall = Omit<SdkCall, "get" | "file" | "settings" | "client"> & {
  readonly settings: readonly (PlainSetting | readonly [number, number])[];
  readonly clientIndex?: number;
};

export function plainSettings(settings: readonly Setting[]): PlainSetting[] {
  return settings.map(({ file: _file, ...rest }) => rest);
}

export function reviveSettings(file: SourceFile, plain: readonly PlainSetting[]): Setting[] {
  return plain.map((s) => ({ ...s, file }));
}

export function plainCalls(calls: readonly SdkCall[]): PlainSdkCall[] {
  const seen = new Map<Setting, readonly [number, number]>();
  return calls.map(({ get: _get, file: _file, settings, client, ...rest }, c) => {
    const clientIndex = client ? calls.indexOf(client) : -1;
    const plain = settings.map((setting, i) => {
      const first = seen.get(setting);
      if (first) return first;
      seen.set(setting, [c, i]);
      const { file: _f, ...data } = setting;
      return data;
    });
    return { ...rest, settings: plain, ...(clientIndex >= 0 ? { clientIndex } : {}) };
  });
}

/** The calls a worker read, as the SdkCalls of this thread's `file`: each request linked to its client again. */
export function reviveCalls(file: SourceFile, plain: readonly PlainSdkCall[]): SdkCall[] {
  const out: SdkCall[] = [];
  for (const c of plain) {
    const { kind: _kind, clientIndex, aliases, ...rest } = c;
    const client = clientIndex !== undefined ? out[clientIndex] : undefined;
    const settings = c.settings.map((s): Setting => (isSettingRef(s) ? (out[s[0]]?.settings[s[1]] as Setting) : { ...s, file }));
    out.push(makeSdkCall({ ...rest, file, settings, ...(client ? { client } : {}) }, aliases));
  }
  return out;
}

function isSettingRef(s: PlainSetting | readonly [number, number]): s is readonly [number, number] {
  return Array.isArray(s);
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
 * talks to a local stand-in (`talksToLocalEndpoint`), the call is in test code (the file's path facts),
 * where clients are built with fixed fake keys for mocks, emulators and recorded responses, or the key id is a
 * word no key resembles (`standsInForKeys`).
 */
export function takesDummyCredentials(call: SdkCall): boolean {
  return call.file.facts.test || talksToLocalEndpoint(call) || standsInForKeys(call);
}

/**
 * A key id given as a short word that no key id resembles (`"ak"`, `"foo"`, `"minio"`, `"test"`): what code
 * passes to a client of an emulator whose endpoint is computed (`endpoint_url=endpoint_url`), because the SDK
 * wants *some* credentials. A real key cut short still starts with its prefix (`AKIA…`) and is reported.
 */
function standsInForKeys(call: SdkCall): boolean {
  if (call.provider !== "aws") return false;
  const id = call.get("accessKeyId")?.value;
  return id?.kind === "literal" && /^[A-Za-z0-9_-]{1,15}$/.test(id.value) && !/^(?:AKIA|ASIA|ABIA|ACCA|AIDA|AROA)/i.test(id.value);
}

/**
 * Whether a setting is written inside the call itself, rather than bound to it from elsewhere (a Terraform
 * argument's `var.x` value from a tfvars line or the variable's default: RepoModel.terraformCalls).
 */
export function isWrittenIn(call: SdkCall, setting: Setting): boolean {
  return setting.file === call.file && rangeContains(call.range, setting.range);
}
