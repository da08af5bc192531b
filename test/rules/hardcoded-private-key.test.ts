import rule from "../../rules/hardcoded-private-key.js";
import { fakePrivateKeyPem, fakeServiceAccountJson } from "../support/fake-secrets.js";
import { testRule } from "../support/rule-tester.js";

const RSA = fakePrivateKeyPem(801);
const SSH = fakePrivateKeyPem(802, "OPENSSH ");
const ESCAPED = fakePrivateKeyPem(803, "", true);

testRule(rule, {
  valid: [
    { name: "a public key", files: { "keys/deploy.pub": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGr4hVvZ0pYw2q8e9p3kq7l6mT3xQbQ2o1f0cX8yWd4Z deploy@acme\n" } },
    {
      name: "a certificate and a PEM public key",
      files: {
        "certs/ca.pem":
          "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\n-----END CERTIFICATE-----\n-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo\n-----END PUBLIC KEY-----\n",
      },
    },
    { name: "an elided key in the docs", files: { "docs/tls.md": "```\n-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA...\n-----END RSA PRIVATE KEY-----\n```\n" } },
    { name: "a header without a body", files: { "src/pem.ts": 'const HEADER = "-----BEGIN PRIVATE KEY-----";\nconst FOOTER = "-----END PRIVATE KEY-----";\n' } },
    { name: "the key of a service-account file is hardcoded-gcp-key's", files: { "keys/sa.json": `${fakeServiceAccountJson(804)}\n` } },
    { name: "a vendored library's test key", files: { "vendor/github.com/acme/crypto/keys_test_data.go": `package crypto\n\nconst rsaKey = \`${RSA}\`\n` } },
  ],
  invalid: [
    {
      name: "a key in test code is a warning that says what to check",
      files: { "internal/tls/server_test.go": `package tls\n\nconst serverKey = \`${RSA}\`\n` },
      errors: [{ messageId: "privateKeyInTests", line: 3, column: 20, endLine: 13, endColumn: 30, severity: "warning", messageIncludes: ["test code or data"] }],
    },
    {
      name: "an RSA key file",
      files: { "deploy/server.key": `${RSA}\n` },
      errors: [{ messageId: "privateKey", line: 1, column: 1, endLine: 11, endColumn: 30, messageIncludes: ["An RSA private key"] }],
    },
    {
      name: "an OpenSSH key in a template literal",
      files: { "src/ssh.js": `const key = \`${SSH}\`;\n` },
      errors: [{ messageId: "privateKey", line: 1, column: 14, endLine: 11, endColumn: 34, messageIncludes: ["An OpenSSH private key"] }],
    },
    {
      name: "an escaped key in a JSON string",
      files: { "config/jwt.json": `{ "signing_key": "${ESCAPED}" }\n` },
      errors: [{ messageId: "privateKey", line: 1, column: 19, endLine: 1, endColumn: 19 + ESCAPED.length - 2, messageIncludes: ["A private key"] }],
    },
  ],
});
