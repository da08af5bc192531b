import rule from "../../rules/committed-credentials-file.js";
import { fakeKeyId, fakePassword, fakePrivateKeyPem, fakeSecret, fakeServiceAccountJson } from "../support/fake-secrets.js";
import { testRule } from "../support/rule-tester.js";

const PW = fakePassword(951, 24).replace(/[^A-Za-z0-9]/g, "p");

testRule(rule, {
  valid: [
    { name: "a credentials file with the documented example keys", files: { ".aws/credentials": "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n" } },
    { name: "a config file without keys", files: { ".aws/config": "[default]\nregion = eu-west-1\n" } },
    { name: "a sample env file", files: { ".env.example": `DB_PASSWORD=${PW}\n` } },
    { name: "an env file of references", files: { ".env": "DB_PASSWORD=${DB_PASSWORD}\nNODE_ENV=production\n" } },
    { name: "a key inside source code is not a key file", files: { "src/sign.js": `const k = \`${fakePrivateKeyPem(952)}\`;\n` } },
    { name: "near miss: a key with notes around it in a file without a key name is not a key file", files: { "deploy/NOTES": `Deploy key for the staging box, ask ops before rotating:\n${fakePrivateKeyPem(960)}\n` } },
    { name: "a key-only file under tests is test data", files: { "tests/data/deploy_key": `${fakePrivateKeyPem(961, "OPENSSH ")}\n` } },
    { name: "near miss: a JSON file that embeds a key but is not one", files: { "k8s/secret.yaml": `stringData:\n  key.json: '${fakeServiceAccountJson(953).replace(/\n/g, " ")}'\n` } },
  ],
  invalid: [
    {
      name: "an AWS credentials file, on the first key line",
      files: { ".aws/credentials": `[default]\nregion = eu-west-1\naws_access_key_id = ${fakeKeyId(954)}\naws_secret_access_key = ${fakeSecret(954)}\n` },
      errors: [{ messageId: "committed", line: 3, column: 1, endLine: 3, endColumn: 41, messageIncludes: ["AWS shared credentials file"] }],
    },
    {
      name: "a .env file with a secret",
      files: { ".env.production": `NODE_ENV=production\nDB_PASSWORD=${PW}\n` },
      errors: [{ messageId: "committed", line: 2, column: 1, endLine: 2, endColumn: 37, messageIncludes: ["environment file"] }],
    },
    {
      name: "a service-account key file, on line 1",
      files: { "keys/deployer.json": `${fakeServiceAccountJson(955)}\n` },
      errors: [{ messageId: "committed", line: 1, column: 1, endLine: 1, endColumn: 2, messageIncludes: ["service-account key file"] }],
    },
    {
      name: "a private key file, on line 1",
      files: { "deploy/id_rsa": `${fakePrivateKeyPem(956)}\n` },
      errors: [{ messageId: "committed", line: 1, column: 1, endLine: 1, endColumn: 32, messageIncludes: ["private key file"] }],
    },
    {
      name: "a private key file by content, whatever its name",
      files: { "ops/deploy_key": `${fakePrivateKeyPem(962, "OPENSSH ")}\n` },
      errors: [{ messageId: "committed", line: 1, column: 1, endLine: 1, endColumn: 36, messageIncludes: ["A private key file, ops/deploy_key"] }],
    },
    {
      name: "a key and its certificate in one extension-less bundle",
      files: { "docker/tls/bundle": `${fakePrivateKeyPem(963, "EC ")}\n-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ2x0ZWxtZXRyeS1jZXJ0LWZvci10ZXN0czAKBggqhkjOPQQDAjAP\n-----END CERTIFICATE-----\n` },
      errors: [{ messageId: "committed", line: 1, column: 1, endLine: 1, endColumn: 31 }],
    },
  ],
});
