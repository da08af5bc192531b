/**
 * The parse stage for one file: its text → its FileModel (the reader of its kind, and the raw-text secret
 * detectors). Its own module because both the scan (src/scan/pipeline.ts) and the parse stage's workers
 * (src/scan/pool.ts) run it.
 */
import { parseAwsIni } from "../formats/aws-ini.js";
import { parseJsTs, reviveCalls, type PlainSdkCall } from "../formats/js-ts.js";
import { parseDotenv } from "../formats/dotenv.js";
import { parseShellFile } from "../formats/shell.js";
import { parseDockerfile } from "../formats/dockerfile.js";
import { readGithubAction, readGithubWorkflow } from "../formats/github.js";
import { readGitlabCi } from "../formats/gitlab.js";
import { readCircleci } from "../formats/circleci.js";
import { readAzurePipelines } from "../formats/azure-pipelines.js";
import { readBitbucket } from "../formats/bitbucket.js";
import type { CiFileResult } from "../formats/ci.js";
import { shellVariableName } from "../knowledge/references.js";
import { isSecretKeyName, SECRET_VALUE_SHAPE } from "../knowledge/secret-names.js";
import type { CustomSecretPattern } from "../model/config.js";
import type { FileModel } from "../model/file-model.js";
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
  /** For JS/TS: the SDK calls a worker already read from this text (src/scan/pool.ts). */
  readonly sdkCalls?: readonly PlainSdkCall[];
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
  const secrets = findSecrets(file, settings.secretPatterns ? { customPatterns: settings.secretPatterns } : {});
  const secretRanges = secrets.candidates.map((c) => c.range);
  if (file.kind === "aws-config" || file.kind === "aws-credentials") {
    const doc = parseAwsIni(file, file.kind === "aws-config" ? "config" : "credentials");
    // Settings are built by the model stage (buildAwsModel); the file model is completed there.
    return { file, settings: [], awsDocument: doc, secretRanges, secrets };
  }
  // A minified or generated bundle is built from code the scan reads anyway: its secrets are found by the
  // detectors, but it is not parsed for SDK calls (TypeScript on a 600 KB one-line bundle took a second and
  // 200 MB, for findings that belong to the sources).
  if (file.kind === "js-ts" && !file.facts.generated) {
    const sdkCalls = settings.sdkCalls ? reviveCalls(file, settings.sdkCalls) : parseJsTs(file, settings.program).calls;
    const codeSettings = sdkCalls.flatMap((c) => c.settings);
    const withCode = secrets ? withSettings(secrets, codeSettings) : undefined;
    return {
      file,
      settings: codeSettings,
      sdkCalls,
      secretRanges: [...secretRanges, ...secretRangesOf(codeSettings)],
      ...(withCode ? { secrets: withCode } : {}),
    };
  }
  const env = readEnvOrCi(file);
  if (env) {
    const withEnv = secrets ? withSettings(secrets, env.settings) : undefined;
    return {
      file,
      settings: env.settings,
      envContexts: env.contexts,
      ...(env.jobs.length ? { ciJobs: env.jobs } : {}),
      ...(env.composite ? { composite: env.composite } : {}),
      ...(env.includes ? { includes: env.includes } : {}),
      ...(env.errors.length ? { parseErrors: env.errors } : {}),
      secretRanges: [...secretRanges, ...secretRangesOf(env.settings)],
      ...(withEnv ? { secrets: withEnv } : {}),
    };
  }
  return { file, settings: [], secretRanges, secrets };
}

/** The env and CI readers, by file kind; undefined for kinds they do not read. */
function readEnvOrCi(file: SourceFile): CiFileResult | undefined {
  switch (file.kind) {
    case "dotenv": {
      const r = parseDotenv(file);
      return { contexts: [r.env], jobs: [], settings: r.settings, errors: r.errors };
    }
    case "shell": {
      const r = parseShellFile(file);
      return { contexts: [r.env], jobs: [], settings: r.settings, errors: [] };
    }
    case "dockerfile": {
      const r = parseDockerfile(file);
      return { contexts: r.contexts, jobs: [], settings: r.settings, errors: r.errors };
    }
    case "github-workflow":
      return readGithubWorkflow(file);
    case "github-action":
      return readGithubAction(file);
    case "gitlab-ci":
      return readGitlabCi(file);
    case "circleci":
      return readCircleci(file);
    case "azure-pipelines":
      return readAzurePipelines(file);
    case "bitbucket-pipelines":
      return readBitbucket(file);
    default:
      return undefined;
  }
}

