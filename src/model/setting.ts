import type { Range, SourceFile } from "./source.js";

import type { Provider } from "../knowledge/providers.js";

export type { Provider };

/** A piece of source text with its exact range. */
export interface Located {
  readonly text: string;
  readonly range: Range;
}

/**
 * A setting's value, classified once, here, so that no rule re-derives it.
 * - literal: text the consumer will see (`value`), plus the raw text as written.
 * - reference: `${{ secrets.X }}`, `$X`, `process.env.X`, `{{resolve:…}}` — never a hard-coded secret.
 * - dynamic: computed at run time (a function call, a template, …).
 */
export type SettingValue =
  | { readonly kind: "literal"; readonly value: string; readonly raw: string; readonly range: Range }
  | { readonly kind: "reference"; readonly target: string; readonly raw: string; readonly range: Range }
  | { readonly kind: "dynamic"; readonly raw: string; readonly range: Range };

/** The SDK families whose file readers credlint reproduces (reference §1.2–1.3). */
export const SDKS = ["botocore", "js", "go"] as const;
export type Sdk = (typeof SDKS)[number];

export const SDK_LABEL: Readonly<Record<Sdk, string>> = {
  botocore: "botocore (AWS CLI, boto3)",
  js: "the AWS SDK for JavaScript v3",
  go: "the AWS SDK for Go v2",
};

/** How one SDK reads one key/value line: `key` is null when that SDK ignores the line. */
export interface SdkReading {
  readonly key: string | null;
  readonly value: string | null;
}

export interface Setting {
  readonly file: SourceFile;
  readonly provider: Provider;
  /** The key as written. */
  readonly key: Located;
  readonly value: SettingValue;
  /** The whole entry (for an INI line: the line without its terminator). */
  readonly range: Range;
  /** Human label of the context the setting belongs to, e.g. `profile dev in .aws/credentials`. */
  readonly where: string;
  /** Per-SDK readings, where the readers disagree (AWS INI files). */
  readonly readings?: Readonly<Record<Sdk, SdkReading>>;
  /**
   * How the entry was written: an INI line, an SDK option in code, an environment variable assignment
   * (dotenv, shell, Dockerfile, CI `env:`/`variables:`), a CI action input (`with:`), or a command-line flag
   * (`--profile x` in a script). Absent means `ini` for AWS files and `code` for JS/TS (the older readers).
   */
  readonly syntax?: SettingSyntax;
  /**
   * How the value was quoted: dotenv/shell `unquoted | single | double | backtick`, YAML `plain | single |
   * double | literal | folded` (block scalars). Whitespace rules ask it which characters the reader kept.
   */
  readonly style?: string;
  /**
   * A shell variable, not an environment variable: assigned alone on its line (`region=us-east-1`) or with
   * `local`/`readonly`/`declare` (no `-x`), so the programs the script runs do not see it unless it is
   * exported later.
   */
  readonly shellOnly?: true;
  /**
   * A Dockerfile `ARG`: a build argument, seen by the build's `RUN` commands only and often lower case by
   * convention (`ARG aws_region`, then `ENV AWS_REGION=$aws_region`), not the container's environment.
   */
  readonly buildArg?: true;
  /** Other readers of the same line that see another value (e.g. a shell's `source` of a dotenv line). */
  readonly alternatives?: readonly { readonly reader: string; readonly value: string }[];
}

export type SettingSyntax = "ini" | "code" | "env" | "input" | "flag";

/** The syntax of a setting, with the older readers' defaults. */
export function syntaxOf(setting: Setting): SettingSyntax {
  return setting.syntax ?? (setting.file.kind === "js-ts" ? "code" : "ini");
}

export function literalValue(setting: Setting | undefined): string | undefined {
  return setting?.value.kind === "literal" ? setting.value.value : undefined;
}
