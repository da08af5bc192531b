import type { IniDocument } from "./aws-ini.js";
import type { CiJob, CompositeAction } from "./ci.js";
import type { EnvContext } from "./env.js";
import type { SdkCall } from "./sdk-call.js";
import type { SecretFile } from "./secret.js";
import type { Setting } from "./setting.js";
import type { FileKind, Range, SourceFile } from "./source.js";
import type { TrustModel } from "./trust-policy.js";

/** Everything the parse stage learnt about one file. */
export interface FileModel {
  readonly file: SourceFile;
  readonly settings: readonly Setting[];
  readonly awsDocument?: IniDocument;
  /** SDK calls in a JS/TS file (their settings are also in `settings`). */
  readonly sdkCalls?: readonly SdkCall[];
  /** Env contexts of a dotenv file, script, Dockerfile or CI file (outer ones first). */
  readonly envContexts?: readonly EnvContext[];
  /** CI jobs of a CI file (their env contexts are also in `envContexts`). */
  readonly ciJobs?: readonly CiJob[];
  /** A GitHub composite action (`action.yml` with `runs.using: composite`). */
  readonly composite?: CompositeAction;
  /**
   * Files of the repository this file makes part of what it configures, and the kind they are read as: a
   * GitLab `include:` (read as GitLab CI), a compose `env_file:` (read as a dotenv file). Paths are
   * repository-relative as written (`./` allowed).
   */
  readonly includes?: readonly { readonly text: string; readonly kind: FileKind }[];
  /** Role trust policies and identity providers written in this file. */
  readonly trust?: TrustModel;
  /** What the reader could not read (YAML syntax, alias bombs), by line: reported as `parse-error`. */
  readonly parseErrors?: readonly { readonly line: number; readonly message: string }[];
  /** Ranges of secret values: masked in every snippet and message built for this file. */
  readonly secretRanges: readonly Range[];
  /** What the raw-text secret detectors found, attached to this file's settings. */
  readonly secrets?: SecretFile;
}
