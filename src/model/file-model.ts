import type { IniDocument } from "./aws-ini.js";
import type { SdkCall } from "./sdk-call.js";
import type { SecretFile } from "./secret.js";
import type { Setting } from "./setting.js";
import type { Range, SourceFile } from "./source.js";

/** Everything the parse stage learnt about one file. */
export interface FileModel {
  readonly file: SourceFile;
  readonly settings: readonly Setting[];
  readonly awsDocument?: IniDocument;
  /** SDK calls in a JS/TS file (their settings are also in `settings`). */
  readonly sdkCalls?: readonly SdkCall[];
  /** Ranges of secret values: masked in every snippet and message built for this file. */
  readonly secretRanges: readonly Range[];
  /** What the raw-text secret detectors found, attached to this file's settings. */
  readonly secrets?: SecretFile;
}
