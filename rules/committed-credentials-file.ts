/**
 * committed-credentials-file — a file whose whole purpose is a credential, in the repository: an AWS
 * `credentials` file with keys, a GCP service-account key JSON, a `.env` with secrets, a private key file
 * (`*.pem`, `*.key`, `id_rsa`, …). The scan sees only tracked and untracked-but-not-ignored files, so every
 * such file it sees is, or is about to be, committed.
 *
 * One finding per file, on the first line holding a credential (line 1 for key files); the secrets in it
 * are also reported by the hardcoded-* rules, which point at each value. Not reported: samples and
 * templates (`.env.example`, `credentials.sample`), and files whose only credentials are placeholders or
 * documentation examples.
 */
import { defineRule } from "../src/model/rule.js";
import type { CredentialFileKind } from "../src/model/secret.js";
import { lineText } from "../src/model/source.js";

const WHAT: Readonly<Record<CredentialFileKind, string>> = {
  "aws-credentials": "An AWS shared credentials file with access keys",
  "gcp-service-account": "A GCP service-account key file",
  dotenv: "An environment file with secrets",
  "private-key": "A private key file",
};

const messages = {
  committed: (p: { path: string; what: string }) =>
    `${p.what}, ${p.path}, is in the repository (tracked, or not ignored). Remove it from git (git rm --cached), add it to .gitignore, rotate every credential it holds, and keep a placeholder-only sample beside it instead.`,
};

export default defineRule({
  meta: {
    id: "committed-credentials-file",
    description: "Report files whose whole purpose is a credential (AWS credentials, service-account keys, dotenv files, private keys) tracked in the repository",
    provider: "any",
    severity: "error",
    securitySeverity: 8.0,
    precision: "high",
    tags: ["security", "external/cwe/cwe-798"],
    help: {
      why: "Files such as ~/.aws/credentials, a downloaded service-account key, a .env file or an id_rsa exist only to hold secrets. Once one is committed, every clone, fork, CI cache and backup holds the credentials, and deleting the file later leaves them in the history. Such files are usually committed by accident, because they were not in .gitignore.",
      fix: "git rm --cached the file, add its name to .gitignore (and to a pre-commit check), rotate every credential in it, and commit a placeholder-only sample (.env.example, credentials.sample) in its place. To remove it from history too, rewrite it with git filter-repo — after rotating, not instead of it.",
    },
    fixable: false,
    messages,
  },
  check: {
    secret(c, ctx) {
      const cf = c.container.credentialFile;
      if (!cf || cf.first !== c) return;
      const end = lineText(c.file, cf.line).length + 1;
      ctx.report({
        file: c.file,
        range: { start: { line: cf.line, column: 1 }, end: { line: cf.line, column: Math.max(end, 1) } },
        messageId: "committed",
        data: { path: c.file.path, what: WHAT[cf.kind] },
      });
    },
  },
});
