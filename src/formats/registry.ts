/**
 * The format registry: one entry per file kind, in the order classification asks them. An entry says how a
 * file of its kind is recognised (by path — with the first lines where a name is only a convention — or, for
 * files kept anywhere, by content) and which reader reads it. Classification (src/scan/classify.ts), the
 * parse stage (src/scan/parse.ts), the cross-file context of `--staged` and the editor (src/scan/context.ts)
 * and the docs' list of supported files (`npm run generate`) all read this list.
 *
 * Adding a kind: its name in `FILE_KIND_INFO` (src/model/source.ts), a reader file in this folder, and its
 * entry here.
 */
import { baseName } from "../knowledge/paths.js";
import type { FileKind, SourceFile } from "../model/source.js";
import { parseAwsIni } from "./aws-ini.js";
import { readAzurePipelines } from "./azure-pipelines.js";
import { readBitbucket } from "./bitbucket.js";
import { readCircleci } from "./circleci.js";
import { parseDockerfile } from "./dockerfile.js";
import { parseDotenv } from "./dotenv.js";
import { awsFileOf, CI_CONTENT, envFileKind, EXACT_DOCKERFILE, isDockerfileName, readsAsDockerfile } from "./file-names.js";
import type { FormatResult } from "./format.js";
import { readGithubAction, readGithubWorkflow } from "./github.js";
import { readGitlabCi } from "./gitlab.js";
import { JS_TS_EXTENSIONS, parseJsTs, type VisitorKeys } from "./js-ts.js";
import { reviveCalls, reviveSettings, type PlainSdkCall, type PlainSetting } from "../model/sdk-call.js";
import { parseShellFile } from "./shell.js";
import { pythonResult, readPython } from "./python.js";
import { readTerraform, readTfvars, TERRAFORM_FILE, TFVARS_FILE } from "./terraform.js";
import { isComposePath, readCompose } from "./compose.js";
import { isServerlessPath, readServerless } from "./serverless.js";
import { looksLikeCloudFormation, readCloudFormation } from "./cloudformation.js";
import { looksLikeKubernetes, readKubernetes } from "./kubernetes.js";
import { looksLikeTrustPolicyJson, readPolicyFile } from "./trust-policy.js";

/** What a caller already has of a file, so that it is not parsed twice (code only). */
export interface ReadHints {
  /** JS/TS: the ESTree program (with ranges) a caller already has — ESLint's. */
  readonly program?: unknown;
  /** JS/TS, with `program`: its parser's child keys per node type (ESLint's `sourceCode.visitorKeys`). */
  readonly visitorKeys?: VisitorKeys;
  /** JS/TS and Python: the SDK calls a worker already read from this text (src/scan/pool.ts). */
  readonly sdkCalls?: readonly PlainSdkCall[];
  /** Python, with `sdkCalls`: the environment writes the worker read. */
  readonly env?: readonly PlainSetting[];
}

export interface Format {
  readonly kind: Exclude<FileKind, "text">;
  /** What the docs call these files. */
  readonly label: string;
  /** Which files, for the docs (Markdown). */
  readonly files: string;
  /** Recognised by path; `head` (the first 4 KiB) confirms where a name is only a convention. */
  readonly path: (path: string, head: () => string) => boolean;
  /** Recognised by content wherever it is kept (asked after every kind's `path`). */
  readonly content?: (path: string, head: () => string) => boolean;
  /**
   * Which files' read errors are reported (`parse-error`): all (the default), only live config (`live`: not
   * test data — a parser's test suite keeps broken files on purpose), or none (`never`: kinds recognised by
   * content and read with a YAML parser stricter than their consumer's — CloudFormation and kubectl accept
   * YAML that the `yaml` package rejects).
   */
  readonly errors?: "live" | "never";
  /** Recognised by content also in files named as templates or copies (CloudFormation's own `*.template` convention). */
  readonly copies?: true;
  /** Machine-written files of this kind (a minified bundle) are left to the secret detectors, not read. */
  readonly skipsGenerated?: true;
  /** Files of this kind name other files of the repository (reusable workflows, composite actions, includes): the cross-file context reads them all. */
  readonly links?: true;
  /**
   * The files of its own folder a file of this kind is read with (a Terraform module's variables and
   * `*.tfvars`): the cross-file context of `--staged` and the editor reads them.
   */
  readonly folder?: RegExp;
  /** The kind the files this kind includes are read as (a GitLab `include:` is GitLab CI whatever its name). */
  readonly includes?: FileKind;
  readonly read: (file: SourceFile, hints?: ReadHints) => FormatResult;
}

const YAML = /\.ya?ml$/i;

/** A YAML file at a path (by regex on the whole path) or with a base name (by regex on the lower-case name). */
const yamlAt = (where: RegExp, name?: RegExp) => (path: string): boolean => YAML.test(path) && (where.test(path) || (name?.test(baseName(path).toLowerCase()) ?? false));

const yamlWith = (test: (head: string) => boolean) => (path: string, head: () => string): boolean => YAML.test(path) && test(head());

const ENV_NAME = /^\.env(?:\.[\w.-]+)?$|^[\w.-]+\.env$/;

function envNamed(path: string, head: () => string): "dotenv" | "shell" | "text" | undefined {
  const lower = baseName(path).toLowerCase();
  return ENV_NAME.test(lower) ? envFileKind(head()) : undefined;
}

/** An extension-less script with a shell shebang (`bin/deploy`). */
const SHEBANG = /^#!\s*\/(?:usr\/)?(?:bin\/)?(?:env\s+)?(?:ba|z|k|da)?sh\b/;

function ciResult(r: ReturnType<typeof readGithubWorkflow>): FormatResult {
  return {
    settings: r.settings,
    contexts: r.contexts,
    jobs: r.jobs,
    errors: r.errors,
    ...(r.composite ? { composite: r.composite } : {}),
    ...(r.includes ? { includes: r.includes } : {}),
  };
}

export const FORMATS: readonly Format[] = [
  {
    kind: "aws-config",
    label: "AWS shared config file",
    files: "`.aws/config`, `*/aws/config`, files named `config` whose content reads as AWS INI",
    path: (p, head) => awsFileOf(p, head) === "config",
    read: (file) => ({ settings: [], awsDocument: parseAwsIni(file, "config") }),
  },
  {
    kind: "aws-credentials",
    label: "AWS shared credentials file",
    files: "`.aws/credentials`, `*/aws/credentials`, files named `credentials` whose content reads as AWS INI",
    path: (p, head) => awsFileOf(p, head) === "credentials",
    read: (file) => ({ settings: [], awsDocument: parseAwsIni(file, "credentials") }),
  },
  {
    kind: "js-ts",
    label: "JavaScript / TypeScript",
    files: "`.js .cjs .mjs .jsx .ts .cts .mts .tsx`",
    path: (p) => JS_TS_EXTENSIONS.test(p),
    skipsGenerated: true,
    read: (file, hints) => {
      const sdkCalls = hints?.sdkCalls ? reviveCalls(file, hints.sdkCalls) : parseJsTs(file, hints?.program, hints?.visitorKeys).calls;
      return { settings: sdkCalls.flatMap((c) => c.settings), sdkCalls };
    },
  },
  {
    kind: "python",
    label: "Python",
    files: "`.py`",
    path: (p) => /\.py$/i.test(p),
    skipsGenerated: true,
    read: (file, hints) => (hints?.sdkCalls ? pythonResult(file, reviveCalls(file, hints.sdkCalls), reviveSettings(file, hints.env ?? [])) : readPython(file)),
  },
  {
    kind: "terraform",
    errors: "live",
    label: "Terraform",
    files: "`.tf`, `.tf.json`",
    path: (p) => TERRAFORM_FILE.test(p),
    folder: /\.(?:tf|tfvars)(?:\.json)?$/i,
    read: (file) => readTerraform(file),
  },
  {
    kind: "terraform-vars",
    errors: "live",
    label: "Terraform variable values",
    files: "`.tfvars`, `.tfvars.json`",
    path: (p) => TFVARS_FILE.test(p),
    folder: /\.(?:tf|tfvars)(?:\.json)?$/i,
    read: (file) => readTfvars(file),
  },
  {
    kind: "dotenv",
    label: "dotenv file",
    files: "`.env`, `.env.*`, `*.env` whose lines are `KEY=value`, `.envrc`",
    path: (p, head) => baseName(p).toLowerCase() === ".envrc" || envNamed(p, head) === "dotenv",
    read: (file) => {
      const r = parseDotenv(file);
      return { settings: r.settings, contexts: [r.env], errors: r.errors };
    },
  },
  {
    kind: "shell",
    label: "shell script",
    files: "`.sh .bash .zsh .ksh`, extension-less files with a shell shebang, env-named files with shell control flow",
    path: (p, head) =>
      envNamed(p, head) === "shell" || /\.(?:sh|bash|zsh|ksh)$/i.test(p) || (!baseName(p).includes(".") && SHEBANG.test(head())),
    read: (file) => {
      const r = parseShellFile(file);
      return { settings: r.settings, contexts: [r.env] };
    },
  },
  {
    kind: "dockerfile",
    label: "Dockerfile",
    files: "`Dockerfile`, `Containerfile`, `Dockerfile.<variant>`, `<name>.Dockerfile` starting with `FROM`/`ARG`",
    path: (p, head) => {
      const lower = baseName(p).toLowerCase();
      return isDockerfileName(lower) && (EXACT_DOCKERFILE.test(lower) || readsAsDockerfile(head()));
    },
    read: (file) => {
      const r = parseDockerfile(file);
      return { settings: r.settings, contexts: r.contexts, errors: r.errors };
    },
  },
  {
    kind: "github-workflow",
    label: "GitHub Actions workflow",
    files: "`.github/workflows/*.yml`; elsewhere, YAML with `on:`, `jobs:` and `runs-on:`",
    path: yamlAt(/(?:^|\/)\.github\/workflows\/[^/]+$/),
    content: yamlWith(CI_CONTENT.github),
    links: true,
    read: (file) => ciResult(readGithubWorkflow(file)),
  },
  {
    kind: "github-action",
    label: "GitHub composite action",
    files: "`action.yml`, `action.yaml`",
    path: yamlAt(/^$/, /^action\.ya?ml$/),
    links: true,
    read: (file) => ciResult(readGithubAction(file)),
  },
  {
    kind: "gitlab-ci",
    label: "GitLab CI",
    files: "`.gitlab-ci.yml`, `*.gitlab-ci.yml`, `.gitlab/ci/**`, files a pipeline `include:`s; elsewhere, YAML with `stages:` and jobs with `stage:` and `script:`",
    path: yamlAt(/(?:^|\/)\.gitlab\/ci\//, /^\.gitlab-ci\.ya?ml$|\.gitlab-ci\.ya?ml$/),
    content: yamlWith(CI_CONTENT.gitlab),
    links: true,
    includes: "gitlab-ci",
    read: (file) => ciResult(readGitlabCi(file)),
  },
  {
    kind: "circleci",
    label: "CircleCI config",
    files: "`.circleci/config.yml`; elsewhere, YAML with `version: 2.1` and jobs",
    path: yamlAt(/(?:^|\/)\.circleci\/config\.ya?ml$/),
    content: yamlWith(CI_CONTENT.circleci),
    read: (file) => ciResult(readCircleci(file)),
  },
  {
    kind: "azure-pipelines",
    label: "Azure Pipelines",
    files: "`azure-pipelines*.yml`, `.azure-pipelines/**`, `.azuredevops/**`; elsewhere, YAML with `- task: Name@N` steps or a `pool:` with `vmImage:`",
    path: yamlAt(/(?:^|\/)\.azure-pipelines\/|(?:^|\/)\.azuredevops\//, /^azure-pipelines(?:[.-][\w.-]*)?\.ya?ml$/),
    content: yamlWith(CI_CONTENT.azure),
    read: (file) => ciResult(readAzurePipelines(file)),
  },
  {
    kind: "bitbucket-pipelines",
    label: "Bitbucket Pipelines",
    files: "`bitbucket-pipelines.yml`; elsewhere, YAML with `pipelines:` and `step:`s",
    path: yamlAt(/^$/, /^bitbucket-pipelines\.ya?ml$/),
    content: yamlWith(CI_CONTENT.bitbucket),
    read: (file) => ciResult(readBitbucket(file)),
  },
  {
    kind: "docker-compose",
    errors: "live",
    label: "Docker Compose file",
    files: "`compose.yaml`, `docker-compose.yml`, `docker-compose.<name>.yml` (and `.yaml`); files named in `env_file:` are read as dotenv files",
    path: (p) => isComposePath(p),
    includes: "dotenv",
    read: (file) => readCompose(file),
  },
  {
    kind: "serverless",
    errors: "live",
    label: "Serverless Framework config",
    files: "`serverless.yml`, `serverless.yaml`",
    path: (p) => isServerlessPath(p),
    read: (file) => readServerless(file),
  },
  {
    kind: "cloudformation",
    errors: "never",
    label: "CloudFormation / SAM template",
    files: "YAML or JSON with `AWSTemplateFormatVersion`, the SAM transform, or `AWS::` resource types",
    path: () => false,
    content: (p, head) => /\.(?:ya?ml|json|template)$/i.test(p) && looksLikeCloudFormation(head()),
    copies: true,
    read: (file) => readCloudFormation(file),
  },
  {
    kind: "kubernetes",
    errors: "never",
    label: "Kubernetes manifest",
    files: "YAML whose documents have top-level `apiVersion:` and `kind:`",
    path: () => false,
    content: (p, head) => YAML.test(p) && looksLikeKubernetes(head()),
    read: (file) => readKubernetes(file),
  },
  {
    kind: "iam-policy",
    errors: "live",
    label: "IAM trust policy",
    files: "JSON (also `*.json.tpl`, `*.json.tftpl`) with a `Statement` that allows `sts:AssumeRoleWithWebIdentity` or names a `Federated` principal",
    path: () => false,
    content: (p, head) => looksLikeTrustPolicyJson(p, head()),
    copies: true,
    read: (file) => readPolicyFile(file),
  },
];

const BY_KIND = new Map<FileKind, Format>(FORMATS.map((f) => [f.kind, f]));

export function formatOf(kind: FileKind): Format | undefined {
  return BY_KIND.get(kind);
}
