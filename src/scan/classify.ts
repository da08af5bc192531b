import type { FileKind } from "../model/source.js";
import { JS_TS_EXTENSIONS } from "../formats/js-ts.js";
import { isTemplateCopy } from "../knowledge/secrets.js";

/** `.aws/config`, `.aws/credentials`, `…/aws/config` and the like: AWS shared files by path (RULES.md). */
const AWS_PATH = /(?:^|\/)\.?aws\/(config|credentials)$/;
const BARE_NAME = /(?:^|\/)(config|credentials)$/;
/** A line that only an AWS shared file has: a profile-ish header or a key the SDKs read. */
const AWS_CONTENT =
  /^\s*(?:\[\s*(?:default|profile\s+[^\]]+|sso-session\s+[^\]]+)\s*\]|(?:aws_access_key_id|aws_secret_access_key|aws_session_token|role_arn|source_profile|credential_source|credential_process|sso_start_url|sso_session|sso_account_id|web_identity_token_file|mfa_serial)\s*[=:])/im;

/**
 * Decides what a file is from its path and, for ambiguous names, the start of its text. Cheap: runs on
 * every discovered file.
 */
export function classify(path: string, head: () => string): FileKind {
  const byPath = AWS_PATH.exec(path);
  if (byPath) return byPath[1] === "config" ? "aws-config" : "aws-credentials";
  const bare = BARE_NAME.exec(path);
  if (bare && AWS_CONTENT.test(head())) return bare[1] === "config" ? "aws-config" : "aws-credentials";
  if (JS_TS_EXTENSIONS.test(path)) return "js-ts";
  return classifyEnvOrCi(path, head) ?? "text";
}

const YAML = /\.ya?ml$/i;

/**
 * Env files, scripts, Dockerfiles and CI YAML by path (RULES.md "Where rules look"). Example and template
 * copies (`.env.example`, `*.sample`) stay plain text: no program reads them, and their placeholders are
 * expected; the secret detectors still run on them.
 */
function classifyEnvOrCi(path: string, head: () => string): FileKind | undefined {
  const base = path.slice(path.lastIndexOf("/") + 1);
  const lower = base.toLowerCase();
  if (isTemplateCopy(path)) return undefined;
  if (/^\.env(?:\.[\w.-]+)?$|^[\w.-]+\.env$|^\.envrc$/.test(lower)) return "dotenv";
  if (/^(?:dockerfile|containerfile)(?:\.[\w.-]+)?$|\.(?:dockerfile|containerfile)$/.test(lower)) return "dockerfile";
  if (/\.(?:sh|bash|zsh|ksh)$/.test(lower)) return "shell";
  if (YAML.test(lower)) {
    if (/(?:^|\/)\.github\/workflows\/[^/]+$/.test(path)) return "github-workflow";
    if (/^action\.ya?ml$/.test(lower)) return "github-action";
    if (/^\.gitlab-ci\.ya?ml$|\.gitlab-ci\.ya?ml$/.test(lower) || /(?:^|\/)\.gitlab\/ci\//.test(path)) return "gitlab-ci";
    if (/(?:^|\/)\.circleci\/config\.ya?ml$/.test(path)) return "circleci";
    if (/^azure-pipelines(?:[.-][\w.-]*)?\.ya?ml$/.test(lower) || /(?:^|\/)\.azure-pipelines\/|(?:^|\/)\.azuredevops\//.test(path)) return "azure-pipelines";
    if (/^bitbucket-pipelines\.ya?ml$/.test(lower)) return "bitbucket-pipelines";
    return undefined;
  }
  // Extension-less scripts with a shell shebang (`bin/deploy`).
  if (!base.includes(".") && /^#!\s*\/(?:usr\/)?(?:bin\/)?(?:env\s+)?(?:ba|z|k|da)?sh\b/.test(head())) return "shell";
  return undefined;
}

/** Whether a path names an AWS shared file whatever its content (a binary one is worth a diagnostic). */
export function looksLikeAwsFile(path: string): boolean {
  return AWS_PATH.test(path) || /(?:^|\/)credentials$/.test(path);
}
