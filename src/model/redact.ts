import type * as Crypto from "node:crypto";
import { createRequire } from "node:module";

/** How many leading characters of a secret any output may show. */
export const REDACT_VISIBLE = 4;
const MASK = "****";

/** `AKIAIOSFODNN7EXAMPLE` → `AKIA****`. Short values show less, so that at most half is ever visible. */
export function redact(secret: string): string {
  const visible = Math.min(REDACT_VISIBLE, Math.floor(secret.length / 2));
  return secret.slice(0, visible) + MASK;
}

/** `node:crypto`, loaded on first use: most runs hash nothing, and loading it cost a pre-commit run 4 ms. */
let crypto: typeof Crypto | undefined;

export function sha256(text: string): string {
  crypto ??= createRequire(import.meta.url)("node:crypto") as typeof Crypto;
  return crypto.createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * Masks every occurrence of the given secrets in `text` (longest first, so that a secret containing another
 * is masked whole). Used on messages and code frames as the last line of defence: rules never put secrets
 * into messages, and this makes sure a mistake cannot leak one.
 */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  const ordered = [...new Set(secrets)].filter((s) => s.length >= 8).sort((a, b) => b.length - a.length);
  for (const secret of ordered) {
    if (out.includes(secret)) out = out.split(secret).join(redact(secret));
  }
  return out;
}

const IDENTITY_SALT = "credlint-identity-v1\0";

/** Text with the characters reformatting changes — whitespace and quotes — removed. */
function squash(text: string): string {
  return text.replace(/[\s"'`]+/g, "");
}

/**
 * A finding's identity (Finding.identity). A secret rule's finding is the secret: the rule and the value,
 * with carriage returns dropped (a PEM block reads the same in a CRLF file). Any other finding is its rule,
 * message id, and the text of its line up to the finding plus the flagged text, with whitespace, quotes and
 * YAML list dashes removed: the setting and its value, whatever the indentation, spacing, quoting, line
 * endings or the step key a list item starts with. Salted, so that a baseline's hashes are no generic
 * lookup table for weak passwords.
 */
export function findingIdentity(
  ruleId: string,
  messageId: string,
  bound: { readonly secret: string } | { readonly linePrefix: string; readonly text: string },
): string {
  const body =
    "secret" in bound
      ? `${ruleId}\0${bound.secret.replace(/\r/g, "")}`
      : `${ruleId}\0${messageId}\0${squash(bound.linePrefix).replace(/^-+/, "")}\0${squash(bound.text)}`;
  return sha256(IDENTITY_SALT + body);
}
