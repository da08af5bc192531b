/**
 * hardcoded-private-key — PEM and OpenSSH private key blocks written into files.
 *
 * Matches `-----BEGIN … PRIVATE KEY-----` … `-----END … PRIVATE KEY-----` (RSA, EC, DSA, OpenSSH, PKCS#8,
 * encrypted PKCS#8, PGP private key blocks), also inside JSON strings with `\n` escapes and split across
 * string concatenations. Public keys and certificates have other markers and are never matched. A block
 * whose body is elided (`...`), too short or of low entropy is a documentation example and is not
 * reported. A private key inside a GCP service-account JSON is reported by hardcoded-gcp-key instead.
 * A key in test code or data is a warning that asks whether anything outside the tests trusts it. Keys in
 * vendored third-party code are not reported (their candidates are benign). Deliberately missed: PuTTY
 * `.ppk` files and keys in binary keystores (PKCS#12, JKS).
 */
import { defineRule } from "../src/model/rule.js";
import { secretWhere } from "../src/model/secret.js";

const article = (label: string): string => (/^(?:RSA|EC|OpenSSH|encrypted|[AEIOUaeiou])/.test(label) ? "An" : "A");

const messages = {
  privateKey: (p: { label: string; where: string }) =>
    `${article(p.label)} ${p.label} is hard-coded in ${p.where}. Whoever reads it can impersonate its owner (sign in over SSH, decrypt TLS traffic, sign as the service): revoke it (remove it from authorized_keys, re-issue the certificate), generate a new one and keep it out of the repository.`,
  privateKeyInTests: (p: { label: string; where: string }) =>
    `${article(p.label)} ${p.label} is hard-coded in test code or data (${p.where}). A key generated for the tests is harmless, but a real key copied into a test is not: check that nothing outside the tests trusts it (a server, a deploy key, a signing certificate), then suppress this line; if something does, revoke it and generate a new one.`,
};

export default defineRule({
  meta: {
    id: "hardcoded-private-key",
    description: "Report PEM and OpenSSH private key blocks written into files",
    provider: "any",
    severity: "error",
    securitySeverity: 9.0,
    precision: "very-high",
    tags: ["security", "external/cwe/cwe-798"],
    help: {
      why: "A private key is the whole credential: the matching public key or certificate is public by design, so anyone holding the private half can log in where the public key is authorised, decrypt what was encrypted to it, or sign as its owner. Encrypted keys fall to an offline passphrase search. Once pushed, the key stays in the git history.",
      fix: "Treat the key as compromised: remove its public half from authorized_keys / deploy keys, revoke or re-issue certificates, and generate a new key pair. Keep private keys in an SSH agent, a secrets manager or the CI's secret store, and add the key file's path to .gitignore.",
    },
    fixable: false,
    reportsSecrets: true,
    messages,
  },
  check: {
    secret(c, ctx) {
      if (c.benign || c.kind !== "private-key") return;
      const data = { label: c.label, where: secretWhere(c) };
      // In test code and data a key is most often one generated for the tests: still reported (a real key
      // copied into a test is a leak), as a warning that says what to check.
      if (c.file.facts.test) return ctx.report({ file: c.file, range: c.range, messageId: "privateKeyInTests", data, severity: "warning" });
      ctx.report({ file: c.file, range: c.range, messageId: "privateKey", data });
    },
  },
});
