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
 *
 * Key files are known by name (`id_rsa`, `id_ed25519`, `*.pem`, `*.key`, `*.p8`, `*.ppk`: the model's
 * credential-file facts) and, whatever their name (`deploy_key`, `signing-key`, `tls.txt`), by content: a text
 * file that holds nothing but PEM / OpenSSH private key blocks (and certificates of the same chain).
 */
import { isLiveConfig } from "../src/knowledge/paths.js";
import { defineRule } from "../src/model/rule.js";
import type { CredentialFileKind, SecretCandidate } from "../src/model/secret.js";
import { lineText, offsetAt } from "../src/model/source.js";

/** Certificates that may stand beside a key in a bundle (`cert.pem` + key in one file). */
const CERTIFICATE_BLOCK = /-----BEGIN (?:TRUSTED )?CERTIFICATE-----[\s\S]*?-----END (?:TRUSTED )?CERTIFICATE-----/g;

/**
 * Whether the candidate is the first private key of a text file whose whole content is private keys (and
 * certificates): a key file by content, whatever its name. Only the project's live files (not tests,
 * examples or docs), and only plain text files — a key inside code or config is the hard-coded key rules'.
 */
function isKeyFileByContent(c: SecretCandidate): boolean {
  const { file } = c;
  if (c.kind !== "private-key" || c.benign || file.kind !== "text" || !isLiveConfig(file.facts) || file.facts.example || file.facts.docs) return false;
  const keys = c.container.candidates.filter((k) => k.kind === "private-key" && !k.benign);
  if (keys[0] !== c) return false;
  let rest = "";
  let at = 0;
  for (const k of [...keys].sort((a, b) => offsetAt(file, a.range.start) - offsetAt(file, b.range.start))) {
    const start = offsetAt(file, k.range.start);
    rest += file.text.slice(at, start);
    at = Math.max(at, offsetAt(file, k.range.end));
  }
  rest += file.text.slice(at);
  return rest.replace(CERTIFICATE_BLOCK, "").trim() === "";
}

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
      const cf = c.container.credentialFile ?? (isKeyFileByContent(c) ? { kind: "private-key" as const, first: c, line: 1 } : undefined);
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
