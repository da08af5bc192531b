import type { FileKind } from "../model/source.js";
import { JS_TS_EXTENSIONS } from "../formats/js-ts.js";

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
  return "text";
}

/** Whether a path names an AWS shared file whatever its content (a binary one is worth a diagnostic). */
export function looksLikeAwsFile(path: string): boolean {
  return AWS_PATH.test(path) || /(?:^|\/)credentials$/.test(path);
}
