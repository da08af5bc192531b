import type { AwsProfile, AwsSsoSession, IniDocument } from "./aws-ini.js";
import type { Setting } from "./setting.js";
import type { Range, SourceFile } from "./source.js";

/** A place that names an AWS profile (`source_profile`, later `AWS_PROFILE`, `--profile`, `fromIni`). */
export interface ProfileReference {
  readonly name: string;
  readonly file: SourceFile;
  readonly range: Range;
  /** How it is named, for messages: e.g. "source_profile of profile dev". */
  readonly via: string;
  readonly setting?: Setting;
}

/** What the whole repository defines and references. Built once per scan, read by `repo` rules. */
export interface RepoModel {
  readonly files: readonly SourceFile[];
  readonly awsDocuments: readonly IniDocument[];
  readonly profiles: ReadonlyMap<string, AwsProfile>;
  readonly ssoSessions: ReadonlyMap<string, AwsSsoSession>;
  readonly profileReferences: readonly ProfileReference[];
  /** True when some config/credentials file in the scan defines at least one profile. */
  readonly definesProfiles: boolean;
}
