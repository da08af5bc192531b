/**
 * hardcoded-aws-key — AWS access keys written into a file (reference §2.1–2.4).
 *
 * Key ids are matched by shape everywhere (`AKIA`/`ASIA`/`ABIA`/`ACCA` + 16, also the old non-base32
 * `AKIAI…`/`AKIAJ…` keys); a 40-character secret only when it is bound to a secret-key name
 * (`aws_secret_access_key`, `AWS_SECRET_ACCESS_KEY`, `secretAccessKey`, …) or stands within a few lines of a
 * key id — a free-standing 40-character base64 string is as often a hash. The id and secret of one profile
 * (or a few lines apart) are one finding, on the secret. Deliberately missed: a secret split across string
 * concatenations or built at run time, and a secret whose key id lives in another file. A secret (or
 * session token) found by its name alone, with no key id beside it, is a generic match: it is reported in
 * the project's live files only, not in docs, examples, tests, generated or vendored files.
 */
import { reportsGenericFindings } from "../src/knowledge/paths.js";
import { redact } from "../src/model/redact.js";
import { defineRule } from "../src/model/rule.js";
import { secretWhere } from "../src/model/secret.js";

const messages = {
  pair: (p: { preview: string; idPreview: string; where: string }) =>
    `An AWS access key pair is hard-coded in ${p.where}: key id ${p.idPreview} with its secret access key ${p.preview}. Anyone who can read the repository (or its history) can use it: deactivate the key in IAM now, then let the SDK find credentials itself (a role, SSO or the environment).`,
  secret: (p: { preview: string; where: string }) =>
    `An AWS secret access key (${p.preview}) is hard-coded in ${p.where}. Anyone who can read the repository (or its history) can sign requests with it: deactivate the key in IAM now, then let the SDK find credentials itself (a role, SSO or the environment).`,
  keyIdAlone: (p: { preview: string; where: string }) =>
    `An AWS access key id (${p.preview}) is hard-coded in ${p.where}. It cannot sign requests without its secret, but it names the account and the key, and the secret is rarely far away: check the file's history, rotate the key, and keep credentials out of the repository.`,
  sessionToken: (p: { preview: string; where: string }) =>
    `An AWS session token (${p.preview}) is hard-coded in ${p.where}. Until it expires it is a usable credential: revoke the session (or the role's active sessions) and let the SDK fetch temporary credentials itself.`,
};

export default defineRule({
  meta: {
    id: "hardcoded-aws-key",
    description: "Report AWS access key ids and secret access keys written into files",
    provider: "aws",
    severity: "error",
    securitySeverity: 9.0,
    precision: "very-high",
    tags: ["security", "external/cwe/cwe-798"],
    help: {
      why: "An access key id with its secret access key is a complete, long-lived AWS credential: whoever reads the file — a contributor, a fork, a leaked CI log, a scraper watching public pushes — can call AWS as that IAM user until the key is deactivated. Deleting the line later does not help: the key stays in the git history. A key id on its own cannot sign requests but tells an attacker which account and user to look for.",
      fix: "Deactivate and delete the key in IAM (aws iam update-access-key --status Inactive, then delete-access-key), check CloudTrail for its use, and remove it from the file. Then let the SDK's default provider chain find credentials: an IAM role (instance profile, ECS task role, IRSA), IAM Identity Center (SSO), OIDC federation in CI, or environment variables set outside the repository.",
    },
    fixable: false,
    reportsSecrets: true,
    messages,
  },
  check: {
    secret(c, ctx) {
      if (c.benign || c.provider !== "aws") return;
      const where = secretWhere(c);
      const preview = redact(c.value);
      const place = { file: c.file, range: c.range, confidence: c.confidence };
      switch (c.kind) {
        case "aws-secret-access-key": {
          const id = c.pair && !c.pair.benign ? c.pair : undefined;
          if (!id) {
            // Without its key id, a 40-character secret is recognised by its name alone: a generic match,
            // reported only in the project's own live files (not in docs, examples, tests or vendored code).
            if (!reportsGenericFindings(c.file.facts)) return;
            return ctx.report({ ...place, messageId: "secret", data: { preview, where } });
          }
          return ctx.report({
            ...place,
            messageId: "pair",
            data: { preview, idPreview: redact(id.value), where },
            related: [{ file: id.file, range: id.range, message: `The access key id of this secret (${redact(id.value)}).` }],
          });
        }
        case "aws-access-key-id":
          // A real pair is reported once, on its secret.
          if (c.pair?.kind === "aws-secret-access-key" && !c.pair.benign) return;
          return ctx.report({ ...place, messageId: "keyIdAlone", data: { preview, where }, severity: "warning" });
        case "aws-session-token": {
          const secret = c.pair?.pair;
          if (secret && !secret.benign && !c.pair?.benign) return; // the pair's finding covers its token
          if (!c.pair && !reportsGenericFindings(c.file.facts)) return; // a token recognised by its name alone
          return ctx.report({ ...place, messageId: "sessionToken", data: { preview, where } });
        }
        default:
          return;
      }
    },
  },
});
