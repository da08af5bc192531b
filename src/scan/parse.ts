/**
 * The parse stage for one file: its text → its FileModel (the reader of its kind, and the raw-text secret
 * detectors). Its own module because both the scan (src/scan/pipeline.ts) and the parse stage's workers
 * (src/scan/pool.ts) run it.
 */
import type { VisitorKeys } from "../formats/js-ts.js";
import { formatOf } from "../formats/registry.js";
import { isLiveConfig } from "../knowledge/paths.js";
import { shellVariableName } from "../knowledge/references.js";
import { isSecretKeyName, SECRET_VALUE_SHAPE } from "../knowledge/secret-names.js";
import type { CustomSecretPattern } from "../model/config.js";
import type { FileModel } from "../model/file-model.js";
import type { PlainSdkCall, PlainSetting } from "../model/sdk-call.js";
import type { SecretMatch } from "../secrets/detectors.js";
import type { Setting } from "../model/setting.js";
import type { FileKind, Range, SourceFile } from "../model/source.js";
import { findSecrets, withSettings } from "../secrets/candidates.js";

/** What one file's config asks of the parse stage. */
export interface FileScanSettings {
  /** A kind the config's `fileKinds` gives the file (instead of classifying it). */
  readonly kind?: FileKind;
  readonly secretPatterns?: readonly CustomSecretPattern[];
  /** For JS/TS: the ESTree program (with ranges) a caller already has — ESLint's — so it is not parsed again. */
  readonly program?: unknown;
  /** For JS/TS, with `program`: its parser's child keys per node type (ESLint's `sourceCode.visitorKeys`). */
  readonly visitorKeys?: VisitorKeys;
  /** For JS/TS and Python: the SDK calls a worker already read from this text (src/scan/pool.ts). */
  readonly sdkCalls?: readonly PlainSdkCall[];
  /** For Python, with `sdkCalls`: the environment writes a worker already read. */
  readonly env?: readonly PlainSetting[];
  /** What the secret detectors found in this text, when a worker already ran them (src/scan/pool.ts). */
  readonly secretMatches?: readonly SecretMatch[];
}

/** The ranges of a file's settings whose values are secrets (masked in every output). */
export function secretRangesOf(settings: readonly Setting[]): Range[] {
  const ranges: Range[] = [];
  for (const s of settings) {
    if (s.value.kind !== "literal" || s.value.value === "") continue;
    // `$AWS_KEY` left unexpanded (a GitHub env value) names a variable; it is not the secret.
    if (shellVariableName(s.value.value) !== undefined) continue;
    if (isSecretKeyName(s.key.text) || SECRET_VALUE_SHAPE.test(s.value.value)) ranges.push(s.value.range);
  }
  return ranges;
}

/** Parse stage: one file's text → its FileModel. */
export function parseFile(file: SourceFile, settings: FileScanSettings = {}): FileModel {
  // The raw-text secret detectors run on every text file (their candidates' ranges are masked everywhere).
  const secrets = findSecrets(file, settings.secretPatterns ? { customPatterns: settings.secretPatterns } : {}, settings.secretMatches);
  const secretRanges = secrets.candidates.map((c) => c.range);
  const format = formatOf(file.kind);
  // A minified or generated bundle is built from code the scan reads anyway: its secrets are found by the
  // detectors, but it is not parsed for SDK calls (TypeScript on a 600 KB one-line bundle took a second and
  // 200 MB, for findings that belong to the sources).
  if (!format || (format.skipsGenerated && file.facts.generated)) return { file, settings: [], secretRanges, secrets };
  const r = format.read(file, {
    ...(settings.program !== undefined ? { program: settings.program } : {}),
    ...(settings.visitorKeys ? { visitorKeys: settings.visitorKeys } : {}),
    ...(settings.sdkCalls ? { sdkCalls: settings.sdkCalls } : {}),
    ...(settings.env ? { env: settings.env } : {}),
  });
  // An AWS file's settings are built by the model stage (buildAwsModel), which completes its file model.
  if (r.awsDocument) return { file, settings: [], awsDocument: r.awsDocument, secretRanges, secrets };
  const withRead = secrets ? withSettings(secrets, r.settings) : undefined;
  return {
    file,
    settings: r.settings,
    ...(r.sdkCalls ? { sdkCalls: r.sdkCalls } : {}),
    ...(r.contexts ? { envContexts: r.contexts } : {}),
    ...(r.jobs?.length ? { ciJobs: r.jobs } : {}),
    ...(r.composite ? { composite: r.composite } : {}),
    ...(r.trust && (r.trust.policies.length || r.trust.roleLinks.length || r.trust.providers.length) ? { trust: r.trust } : {}),
    ...(r.includes && format.includes ? { includes: r.includes.map((l) => ({ text: l.text, kind: format.includes as FileKind })) } : {}),
    ...(r.errors?.length && (format.errors === undefined || (format.errors === "live" && isLiveConfig(file.facts))) ? { parseErrors: r.errors } : {}),
    secretRanges: [...secretRanges, ...secretRangesOf(r.settings)],
    ...(withRead ? { secrets: withRead } : {}),
  };
}
