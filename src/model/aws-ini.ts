import type { Located, Sdk, SdkReading, Setting } from "./setting.js";
import type { Range, SourceFile } from "./source.js";

/**
 * The syntax of one AWS shared `config` or `credentials` file, as `src/formats/aws-ini.ts` reads it, with
 * what each SDK makes of every header and line (reference §1.2–1.3). Rules read this through the
 * `aws-ini-file` context; the merged, per-profile view is `AwsProfile`.
 */
export type AwsIniFileKind = "config" | "credentials";

/** What one SDK makes of a section header. */
export type SectionReading =
  | { readonly kind: "profile"; readonly name: string }
  | { readonly kind: "sso-session"; readonly name: string }
  | { readonly kind: "services"; readonly name: string }
  /** configparser's special `[DEFAULT]` section: its keys are inherited by every other section. */
  | { readonly kind: "defaults" }
  /** Not a profile for this SDK; `why` says what happens to it, in a sentence fragment. */
  | { readonly kind: "ignored"; readonly why: string };

export interface IniSection {
  /** The header line's range (`[` to `]`, without surrounding blanks). */
  readonly header: Located;
  /** The text between the brackets, exactly as written. */
  readonly inner: string;
  /** Range of the text between the brackets. */
  readonly innerRange: Range;
  readonly readings: Readonly<Record<Sdk, SectionReading>>;
  readonly entries: readonly IniEntry[];
  /** Header line to the last line of its last entry. */
  readonly range: Range;
}

export interface IniComment {
  /** `#` or `;` */
  readonly marker: string;
  /** From the marker to the end of the line. */
  readonly range: Range;
  /** Whether the marker is preceded by whitespace (the JS SDK strips only then; Go strips always). */
  readonly afterWhitespace: boolean;
}

export interface IniEntry {
  /** The key as written (trimmed). */
  readonly key: Located;
  /** `=` or `:` */
  readonly delimiter: Located;
  /**
   * The value as written, trimmed of surrounding blanks, including any inline comment and quotes: exactly
   * what botocore keeps. Empty value: empty text, zero-width range after the delimiter.
   */
  readonly rawValue: Located;
  /** The value without an inline comment and without wrapping quotes: what the author meant. */
  readonly intended: Located;
  /** An inline comment on the value line, if any `#`/`;` comment marker follows the value. */
  readonly inlineComment?: IniComment;
  /** The wrapping quote character when the value is wrapped in matching quotes. */
  readonly quote?: '"' | "'";
  /** The whole line without its terminator and surrounding blanks. */
  readonly line: Range;
  /** Indented `k = v` lines under an empty-valued key (`s3 =` / `  addressing_style = path`). */
  readonly children: readonly IniEntry[];
  readonly readings: Readonly<Record<Sdk, SdkReading>>;
}

/** A line that is not a header, entry, comment or blank line — every SDK reads it differently or fails. */
export interface IniBadLine {
  readonly line: Range;
  readonly text: string;
  /** What is wrong, as a sentence fragment: e.g. "has no `=`". */
  readonly why: string;
}

export interface IniDocument {
  readonly file: SourceFile;
  readonly fileKind: AwsIniFileKind;
  readonly sections: readonly IniSection[];
  /** Key lines before the first section header (botocore: MissingSectionHeaderError). */
  readonly orphanEntries: readonly IniEntry[];
  readonly badLines: readonly IniBadLine[];
}

/** One place a profile or sso-session is defined. */
export interface AwsSectionRef {
  readonly document: IniDocument;
  readonly section: IniSection;
}

/**
 * One AWS profile as the SDKs see it at run time: the config and credentials sections merged by name
 * (credentials values win on a clash, as in all three SDKs — reference §1.6). `settings` holds the
 * effective setting per lower-cased key; `all` every definition, in file order.
 */
export interface AwsProfile {
  readonly kind: "aws-profile";
  readonly name: string;
  readonly definitions: readonly AwsSectionRef[];
  readonly settings: ReadonlyMap<string, Setting>;
  readonly all: readonly Setting[];
  get(key: string): Setting | undefined;
}

export interface AwsSsoSession {
  readonly kind: "aws-sso-session";
  readonly name: string;
  readonly definitions: readonly AwsSectionRef[];
  readonly settings: ReadonlyMap<string, Setting>;
  get(key: string): Setting | undefined;
}
