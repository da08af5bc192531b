/**
 * Reader for the AWS shared `config` and `credentials` files (reference §1.2–1.3).
 *
 * The file is read once into a neutral structure (sections, entries, nested children, bad lines) and, for every
 * header and key line, what each of the three SDK families makes of it. The per-SDK readings come from small
 * line-by-line re-implementations of the real readers, run independently over the same lines:
 *
 * - botocore: Python 3.11 `configparser.RawConfigParser` (universal newlines, `#`/`;` full-line comments only,
 *   `=`/`:` delimiters, relative-indentation continuation lines) + `configloader.raw_config_parse` /
 *   `_parse_nested` / `build_profile_map` (`shlex.split` on section names).
 * - js: `parseIni.ts` from `@smithy/core/config` (+ `getConfigData.ts` for the config file).
 * - go: `internal/ini` of aws-sdk-go-v2 (`tokenize.go`, `parse.go`, `strings.go`) + `processConfigSections` /
 *   `processCredentialsSections` of `config/shared_config.go`, as they stand after aws-sdk-go-v2 PR #2371
 *   (2023-11: a property comment needs whitespace before `#`/`;`) and PR #2461 (2024-01: values are only
 *   unquoted, never unescaped).
 *
 * Conventions of the readings:
 * - `SdkReading.key` is null when the SDK does not read the line as a key (skipped, swallowed into another
 *   value, before any section, or in a section the SDK discards while parsing).
 * - A key whose value starts a nested block is read by botocore as a dict (value null) and by the JS SDK as a
 *   sub-section start (value null); Go keeps an empty string value next to its map.
 * - A nested key is named `parent.child`, exactly as the JS SDK flattens it (botocore keeps the child name as
 *   written, Go lower-cases it). A plain name means the SDK reads that line as a top-level key.
 *
 * The reader never throws and runs in linear time: every scan is a single left-to-right pass over a line, and
 * the only regular expression (the JS SDK's section-name regex) is anchored and cannot backtrack
 * super-linearly.
 *
 * The code lives in `aws-ini/`, one file per concern: `chars.ts` (character classes and trimming), `lines.ts`
 * (the file's lines), `botocore.ts`, `js.ts` and `go.ts` (the three SDK readings), `why.ts` (the messages of bad
 * lines and ignored headers) and `reader.ts` (the neutral structure). This module is the one others import.
 */
export { shlexSplit } from "./aws-ini/chars.js";
export { parseAwsIni } from "./aws-ini/reader.js";
