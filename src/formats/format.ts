/**
 * What a format reader returns, whatever the file kind: the settings written in the file (each once), the
 * env contexts they belong to, the SDK calls or provider blocks that configure a client, and what could not
 * be read. The format registry (./registry.ts) maps each file kind to its reader; the parse stage
 * (src/scan/parse.ts) turns a FormatResult into the file's model.
 */
import type { IniDocument } from "../model/aws-ini.js";
import type { CiJob, CompositeAction } from "../model/ci.js";
import type { EnvContext } from "../model/env.js";
import type { SdkCall } from "../model/sdk-call.js";
import type { Located, Setting } from "../model/setting.js";
import type { TrustModel } from "../model/trust-policy.js";

export interface ReadError {
  readonly line: number;
  readonly message: string;
}

export interface FormatResult {
  /** Every setting written in the file, once: env entries, SDK options, provider arguments, step inputs, flags. */
  readonly settings: readonly Setting[];
  /** Env contexts (a dotenv file, a compose service, a container, a CI job…), outer ones first. */
  readonly contexts?: readonly EnvContext[];
  /** SDK calls in code, and provider blocks that configure a client the same way (Terraform `provider "aws"`). */
  readonly sdkCalls?: readonly SdkCall[];
  /** CI jobs of a CI file (their env contexts are also in `contexts`). */
  readonly jobs?: readonly CiJob[];
  /** A GitHub composite action. */
  readonly composite?: CompositeAction;
  /** GitLab `include:` of files in the repository, as written. */
  readonly includes?: readonly Located[];
  /** An AWS shared file's sections and entries: its Settings are built by the model stage (src/model/build-aws.ts), which needs the config and credentials files together. */
  readonly awsDocument?: IniDocument;
  /** Role trust policies and identity providers (Terraform, CloudFormation, policy JSON): the cloud side of federation. */
  readonly trust?: TrustModel;
  /** What the reader could not read, by line: reported once per file as `parse-error`. */
  readonly errors?: readonly ReadError[];
}

export const EMPTY_RESULT: FormatResult = { settings: [] };
