/**
 * The detectors proved against a syntax matrix and against annotated false positives (STYLE.md §11), under
 * both pattern engines. Every true positive is a seeded fake; every false positive carries its reason.
 */
import { describe, expect, it } from "vitest";
import { AZURITE_ACCOUNT_KEY } from "../../src/knowledge/secrets.js";
import type { SecretKind } from "../../src/model/secret.js";
import { makeSourceFile, sliceRange } from "../../src/model/source.js";
import { findSecrets } from "../../src/secrets/candidates.js";
import { ENGINE_NAMES, getEngine, nativeAvailable } from "../../src/secrets/regex.js";
import {
  fakeAzureAccountKey,
  fakeEntraSecret,
  fakeGcpAccessToken,
  fakeGcpApiKey,
  fakeGcpClientSecret,
  fakeGithubToken,
  fakeKeyId,
  fakePassword,
  fakePrivateKeyPem,
  fakeSasSignature,
  fakeSecret,
  fakeServiceAccountJson,
  fakeSharedAccessKey,
} from "../support/fake-secrets.js";

const ENGINES = ENGINE_NAMES.filter((n) => n === "re2js" || nativeAvailable());

/** Where a value can stand, under a name that does not itself mark a credential. */
const NEUTRAL: Readonly<Record<string, (v: string) => readonly [path: string, text: string]>> = {
  ini: (v) => ["config/app.ini", `[app]\nendpoint_value = ${v}\n`],
  dotenv: (v) => ["deploy/app.env", `SERVICE_VALUE=${v}\n`],
  yaml: (v) => ["config/app.yaml", `app:\n  value: "${v}"\n`],
  json: (v) => ["config/app.json", `{\n  "app": { "value": "${v}" }\n}\n`],
  js: (v) => ["src/app.js", `export const value = "${v}";\n`],
  ts: (v) => ["src/app.ts", `const value: string = '${v}';\n`],
  shell: (v) => ["scripts/run.sh", `curl -H "X-Value: ${v}" https://api.acme.dev\n`],
  markdown: (v) => ["docs/setup.md", `Run it with \`${v}\` for now.\n`],
};

/** Where a value is bound to a name `n` (given in the syntax's own convention by the caller). */
const BOUND: Readonly<Record<string, (n: string, v: string) => readonly [path: string, text: string]>> = {
  ini: (n, v) => ["config/app.ini", `[app]\n${n} = ${v}\n`],
  dotenv: (n, v) => ["deploy/app.env", `${n}=${v}\n`],
  yaml: (n, v) => ["config/app.yaml", `app:\n  ${n}: "${v}"\n`],
  json: (n, v) => ["config/app.json", `{ "${n}": "${v}" }\n`],
  js: (n, v) => ["src/app.js", `const config = { ${n}: "${v}" };\n`],
  python: (n, v) => ["app/settings.py", `${n} = '${v}'\n`],
  shell: (n, v) => ["scripts/run.sh", `export ${n}="${v}"\n`],
  dockerfile: (n, v) => ["Dockerfile", `FROM node:20\nENV ${n}=${v}\n`],
  markdown: (n, v) => ["docs/setup.md", `Set \`${n}=${v}\` in the shell.\n`],
};

interface Shape {
  readonly kind: SecretKind;
  readonly value: string;
}

const SHAPES: readonly Shape[] = [
  { kind: "aws-access-key-id", value: fakeKeyId(7001) },
  { kind: "aws-access-key-id", value: fakeKeyId(7002, "ASIA") },
  { kind: "gcp-api-key", value: fakeGcpApiKey(7003) },
  { kind: "gcp-oauth-client-secret", value: fakeGcpClientSecret(7004) },
  { kind: "gcp-access-token", value: fakeGcpAccessToken(7005) },
  { kind: "azure-client-secret", value: fakeEntraSecret(7006) },
  { kind: "service-token", value: fakeGithubToken(7007) },
];

interface BoundCase {
  readonly kind: SecretKind;
  /** The name as each convention writes it. */
  readonly names: Readonly<Record<string, string>>;
  readonly value: string;
}

const env = (n: string): Readonly<Record<string, string>> => ({
  ini: n.toLowerCase(),
  dotenv: n,
  yaml: n.toLowerCase(),
  json: n.toLowerCase(),
  js: n.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()),
  python: n,
  shell: n,
  dockerfile: n,
  markdown: n,
});

const BOUND_CASES: readonly BoundCase[] = [
  { kind: "aws-secret-access-key", names: env("AWS_SECRET_ACCESS_KEY"), value: fakeSecret(7101) },
  { kind: "azure-storage-key", names: env("AZURE_STORAGE_KEY"), value: fakeAzureAccountKey(7102) },
  { kind: "azure-client-secret", names: env("AZURE_CLIENT_SECRET"), value: fakePassword(7103, 34) },
  { kind: "generic", names: env("DB_PASSWORD"), value: fakePassword(7104, 24) },
  { kind: "generic", names: env("STRIPE_API_KEY"), value: fakePassword(7105, 32).replace(/[^A-Za-z0-9]/g, "q") },
  { kind: "generic", names: env("SLACK_BOT_TOKEN"), value: fakePassword(7106, 24) },
];

/** Values in context, each with the candidate kind and the value that must be found. */
const IN_CONTEXT: readonly (readonly [name: string, path: string, text: string, kind: SecretKind, value: string])[] = [
  [
    "storage connection string",
    "src/blob.py",
    `CONN = "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${fakeAzureAccountKey(7201)};EndpointSuffix=core.windows.net"\n`,
    "azure-storage-key",
    fakeAzureAccountKey(7201),
  ],
  [
    "Cosmos DB connection string",
    "appsettings.json",
    `{ "Cosmos": "AccountEndpoint=https://acme.documents.azure.com:443/;AccountKey=${fakeAzureAccountKey(7202)};" }\n`,
    "azure-storage-key",
    fakeAzureAccountKey(7202),
  ],
  [
    "Service Bus connection string",
    "local.settings.json",
    `{ "Bus": "Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${fakeSharedAccessKey(7203)}" }\n`,
    "azure-shared-access-key",
    fakeSharedAccessKey(7203),
  ],
  [
    "SAS URL",
    "scripts/get.sh",
    `curl "https://acme.blob.core.windows.net/c/f.txt?sp=r&st=2025-01-01T00:00:00Z&se=2026-01-01T00:00:00Z&spr=https&sv=2022-11-02&sr=b&sig=${fakeSasSignature(7204)}"\n`,
    "azure-sas-signature",
    fakeSasSignature(7204),
  ],
  [
    "SQL Server connection string",
    "config/db.env",
    `SQL_CONNECTION="Server=tcp:db.acme.dev,1433;Database=orders;User Id=app;Password=${fakePassword(7205).replace(/[;"]/g, "x")};"\n`,
    "generic",
    fakePassword(7205).replace(/[;"]/g, "x"),
  ],
  ["password in a URL", "docker-compose.yml", `DATABASE_URL: postgres://app:Tq8vLm2Rz5Wx@db:5432/app\n`, "url-password", "Tq8vLm2Rz5Wx"],
  ["PEM in a template literal", "src/sign.js", `const key = \`${fakePrivateKeyPem(7206)}\`;\n`, "private-key", fakePrivateKeyPem(7206)],
  ["escaped PEM in a YAML string", "config/jwt.yml", `key: "${fakePrivateKeyPem(7207, "", true)}"\n`, "private-key", fakePrivateKeyPem(7207, "", true).replace(/\\n$/, "")],
  ["OpenSSH key file", "deploy/id_ed25519", `${fakePrivateKeyPem(7208, "OPENSSH ")}\n`, "private-key", fakePrivateKeyPem(7208, "OPENSSH ")],
  [
    "service-account JSON",
    "keys/sa.json",
    fakeServiceAccountJson(7209),
    "gcp-service-account-key",
    (JSON.parse(fakeServiceAccountJson(7209)) as { private_key: string }).private_key.split("\n").join("\\n"),
  ],
  ["Authorization header", "scripts/call.sh", `curl -H "Authorization: Bearer ${fakePassword(7210, 30).replace(/[^A-Za-z0-9]/g, "k")}" https://x\n`, "generic", fakePassword(7210, 30).replace(/[^A-Za-z0-9]/g, "k")],
  ["XML element", "conf/settings.xml", `<settings>\n  <password>${fakePassword(7211).replace(/[<>&]/g, "z")}</password>\n</settings>\n`, "generic", fakePassword(7211).replace(/[<>&]/g, "z")],
  ["PHP define()", "wp-config.php", `define( 'DB_PASSWORD', '${fakePassword(7213).replace(/'/g, "x")}' );\n`, "generic", fakePassword(7213).replace(/'/g, "x")],
  ["header set by a call", "src/api.ts", `headers.set("X-Api-Key", "${fakePassword(7214, 24).replace(/[^A-Za-z0-9]/g, "a")}");\n`, "generic", fakePassword(7214, 24).replace(/[^A-Za-z0-9]/g, "a")],
  [
    "Kubernetes Secret data, judged decoded",
    "k8s/secret.yaml",
    `apiVersion: v1\nkind: Secret\ndata:\n  username: YXBw\n  password: ${Buffer.from(fakePassword(7215, 20)).toString("base64")}\n`,
    "generic",
    Buffer.from(fakePassword(7215, 20)).toString("base64"),
  ],
  [
    "Kubernetes TLS secret: the decoded key",
    "k8s/tls.yaml",
    `kind: Secret\ntype: kubernetes.io/tls\ndata:\n  tls.key: ${Buffer.from(fakePrivateKeyPem(7218, "EC ")).toString("base64")}\n`,
    "private-key",
    Buffer.from(fakePrivateKeyPem(7218, "EC ")).toString("base64"),
  ],
  ["Kubernetes env entry (name, then value)", "k8s/deploy.yaml", `env:\n  - name: DB_PASSWORD\n    value: "${fakePassword(7216).replace(/"/g, "q")}"\n`, "generic", fakePassword(7216).replace(/"/g, "q")],
  ["ECS task definition environment", "ecs/task.json", `{ "environment": [{ "name": "STRIPE_API_KEY", "value": "${fakePassword(7217, 28).replace(/[^A-Za-z0-9]/g, "s")}" }] }\n`, "generic", fakePassword(7217, 28).replace(/[^A-Za-z0-9]/g, "s")],
  ["secret next to a key id", "app/keys.py", `KEYS = ("${fakeKeyId(7212)}",\n        "${fakeSecret(7212)}")\n`, "aws-secret-access-key", fakeSecret(7212)],
];

const B64 = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3ODkrLw";

/** Files with no real secret in them, and why. */
export const FALSE_POSITIVES: readonly (readonly [reason: string, path: string, text: string])[] = [
  ["git SHA", "CHANGELOG.md", "- fix retry (3f786850e387550fdab836ed7e6dc881de23001b)\n"],
  ["git SHA bound to a neutral name", "build.json", `{ "commit": "3f786850e387550fdab836ed7e6dc881de23001b" }\n`],
  ["SHA-256 checksum list", "SHA256SUMS", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08  app.tgz\n"],
  ["UUID where a secret's id is kept", "config/azure.yaml", "client_secret_id: 6f1b3c7e-2a44-4d8e-9b1a-0c3d5e7f9a21\nclient_secret: 6f1b3c7e-2a44-4d8e-9b1a-0c3d5e7f9a22\n"],
  ["npm integrity hash", "package-lock.json", `{ "integrity": "sha512-${fakeAzureAccountKey(7301).slice(0, 86)}==" }\n`],
  ["yarn integrity hash", "yarn.lock", `  integrity sha512-${fakeAzureAccountKey(7302).slice(0, 86)}==\n`],
  ["key-shaped run inside base64 image data", "assets/logo.svg", `<image href="data:image/png;base64,${B64}+${fakeKeyId(7303)}${B64}"/>\n`],
  ["minified code", "dist/app.min.js", `!function(e){var t={token:e.token||"",password:n,apiKey:void 0};e.s=t}(window);\n`],
  ["source map", "dist/app.js.map", `{"version":3,"names":["token","secret"],"mappings":"AAAA,SAASA,EAAE;AACA,IAAIC,KAAK"}\n`],
  ["AWS documentation example keys", "src/example.js", `const id = "AKIAIOSFODNN7EXAMPLE", secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";\n`],
  ["second AWS documentation pair", ".aws/credentials", "[default]\naws_access_key_id = AKIAI44QH8DHBEXAMPLE\naws_secret_access_key = je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY\n"],
  ["anything ending EXAMPLE / EXAMPLEKEY", "env/dev.env", `AWS_ACCESS_KEY_ID=AKIAQWXZ4T3R2EXAMPLE\nAWS_SECRET_ACCESS_KEY=${fakeSecret(7304).slice(0, 30)}EXAMPLEKEY\n`],
  ["Azurite development key", "docker-compose.yml", `AZURE_STORAGE_CONNECTION_STRING: "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${AZURITE_ACCOUNT_KEY};"\n`],
  ["placeholders", "config/app.yaml", "password: <your-password>\napi_key: YOUR_API_KEY\ntoken: xxxxxxxxxxxxxxxx\nsecret: changeme\nclient_secret: '***'\npassphrase: REDACTED\n"],
  ["placeholder key ids", "README.md", "Use AKIAXXXXXXXXXXXXXXXX or AKIA0000000000000000.\n"],
  [
    "references",
    ".github/workflows/ci.yml",
    "env:\n  AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}\n  DB_PASSWORD: $DB_PASSWORD\n  API_TOKEN: ${API_TOKEN:-}\n  KV_SECRET: '@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/x/)'\n  CFN: '{{resolve:secretsmanager:prod/db:SecretString:password}}'\n",
  ],
  ["code references", "src/db.ts", "const password = process.env.DB_PASSWORD;\nconst token = await getToken();\nconst apiKey = config.get('api.key');\n"],
  ["Terraform variable", "main.tf", "password = var.db_password\n"],
  ["public key and certificate", "keys/id_ed25519.pub", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGr4hVvZ0pYw2q8e9p3kq7l6mT3xQbQ2o1f0cX8yWd4Z me@host\n"],
  ["certificate block", "certs/ca.pem", "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\n-----END CERTIFICATE-----\n"],
  ["elided documentation key", "docs/tls.md", "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA...\n-----END RSA PRIVATE KEY-----\n"],
  ["published test vector", "test/vectors/aes.json", `{ "encryption_key": "2b7e151628aed2a6abf7158809cf4f3c", "secret": "${fakePassword(7305, 20)}" }\n`],
  ["password hash", "db/seeds.yml", `password: "$2b$12$KIXQJZ8v0fX7uJ1y6cYv8eW1mHk3Ew9n2TqLr5sPd0aBcDeFgHiJk"\n`],
  ["names about a secret, not the secret", "config/app.yaml", "password_file: /run/secrets/db\ntoken_url: https://auth.acme.dev/token\nsecret_name: prod/db-password\napi_key_header: X-Api-Key\nmax_tokens: 4096\nsecret_arn: arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf\n"],
  ["names that say the value is fake", "test/auth.test.ts", `const testPassword = "${fakePassword(7306)}";\nconst mockApiKey = "${fakePassword(7307, 24)}";\n`],
  ["40-character base64 with no key id near", "config/app.yaml", `digest: ${fakeSecret(7308)}\n`],
  ["templated header", "src/http.ts", "const headers = { Authorization: `Bearer ${token}` };\n"],
  ["a short example password in the docs", "docs/setup.md", "Set `DB_PASSWORD=MyS3cr3tP@ss` in `.env`.\n"],
  ["prose", "docs/security.md", "The password is stored in the vault; see the token guide for rotating the secret key.\n"],
  ["UI strings", "locales/en.json", `{ "password": "Password", "resetPassword": "Reset your password", "tokenExpired": "Your session token expired" }\n`],
  ["Go module hashes", "go.sum", `github.com/acme/log v1.2.0 h1:${fakeSecret(7309).slice(0, 43)}=\n`],
  ["jwt.io sample token", "src/auth.spec.ts", `const token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";\n`],
  ["SAS-like query without a signed version", "src/url.js", `const u = "https://example.com/cb?state=1&sig=${fakeSasSignature(7310)}";\n`],
  ["connection string without a secret", "appsettings.json", `{ "Db": "Server=db;Database=orders;Trusted_Connection=True;" }\n`],
  ["Kubernetes Secret data that decodes to placeholders or certificates", "k8s/secret.yaml", `kind: Secret\ndata:\n  api-token: ${Buffer.from("changeme").toString("base64")}\n  ca.crt: ${Buffer.from("-----BEGIN CERTIFICATE-----\nMIIB").toString("base64")}\n`],
  ["identifiers and expressions in code", "src/types.d.ts", "type ArrowToken = ArrowToken$1;\nconst onepass = re2.onepass;\nif (parent.token === ts9.SyntaxKind.Extends) {}\ninterface P { password: URLPatternComponentResult; }\n"],
  ["two strings in a list are not a name and its value", "src/table.ts", `const row = ["url-password", "Tq8vLm2Rz5Wx"];\n`],
  ["a constant that names itself", "src/constants.js", `export const X_AWS_EC2_METADATA_TOKEN = "x-aws-ec2-metadata-token";\nexport const PASSWORD_FIELD = "passwordField";\n`],
  ["YAML alias and a secretKeyRef", "k8s/app.yaml", "defaults: &defaults\n  password: *default_password\nenv:\n  - name: API_TOKEN\n    valueFrom:\n      secretKeyRef: { name: api, key: token }\n  - name: LOG_LEVEL\n    value: debug\n"],
  ["lower-case words and identifiers", "config/app.env", "PASSWORD_POLICY=strict\nSECRET_BACKEND=vault\nTOKEN=my_service_account_token_name\nAPI_KEY=API_KEY_FROM_VAULT\n"],
  // Shapes met on real repositories (bench/realworld/REVIEW.md), written anew: one per category.
  ["type tokens are identifiers", "sdk/python/acme/__init__.py", `_utilities.register(resource_modules="[]", resource_packages="""\n[{ "pkg": "acme", "token": "acme:providers:acme-native", "fqn": "acme_native" }]\n""")\n`],
  ["type tokens in Go code", "pkg/codegen/gen.go", `\tr := &Resource{Token: "aws:s3/bucketPolicy:BucketPolicy"}\n`],
  ["an ARN's :secret: segment", "deploy/app.yaml", "policy:\n  resource: arn:aws:secretsmanager:eu-west-1:123456789012:secret:OrdersDbCredentials-Xq93Lk\n"],
  ["a storage key's name is not an account key", "src/nav.ts", `const PREV_URL_STORAGE_KEY = "acme.nav.prevUrl";\nconst THEME_STORAGE_KEY = "acme-theme-v2";\n`],
  ["a pattern is not a PAT", "src/filters.ts", `const usernameExclusionPat = "^svc-[a-z0-9]+$";\n`],
  ["a header name under a credentials constant", "app/cors.py", `ACL_CREDENTIALS = "Access-Control-Allow-Credentials"\n`],
  ["pagination tokens", "app/list.py", `params = {"NextContinuationToken": "${fakePassword(7401, 24).replace(/[^A-Za-z0-9]/g, "x")}"}\n`],
  ["a type annotation is not a value", "app/client.py", `def init(dsn: "Optional[str]" = None, secret_key: "Optional[str]" = None): ...\n`],
  ["a comparison tests a value", "app/auth.py", `if token == "${fakePassword(7402, 18).replace(/[^A-Za-z0-9]/g, "k")}":\n    raise Unauthorized()\n`],
  ["a comparison in JS", "src/guard.ts", `if (apiKey !== "${fakePassword(7403, 20).replace(/[^A-Za-z0-9]/g, "z")}") throw new Error("denied");\n`],
  ["string concatenation", "app/geo.py", `url = "https://api.example.com/v1/search?api_key=" + match + "&country=US"\n`],
  ["the first piece of a concatenation", "src/url.ts", `const token = "Zk39QmWx71" + suffix;\n`],
  ["format templates", "app/http.py", `auth = "Bearer %s" % token\npassword = "{}:{}".format(user, pw)\nsecret = f"{prefix}-{name}"\n`],
  ["ARM template expressions", "infra/azuredeploy.json", `{ "properties": { "adminPassword": "[parameters('adminPassword')]", "clientSecret": "[reference(variables('kv')).secret]" } }\n`],
  ["redaction markers", "app/scrub.py", `DEFAULTS = {"password": "[Filtered]", "token": "(hidden)"}\n`],
  ["leetspeak placeholders", "src/fixtures.go", `token := "RaNd0m70K3n_"\npassword := "Th3P@ssw0rd!"\nsecret := "S3cr3tT0k3n"\n`],
  ["self-describing mock values", "app/settings_dev.py", `DB_PASSWORD = "db-password-xyz789"\nAPI_TOKEN = "sandbox-token-abc123"\n`],
  ["base64 of a placeholder is judged decoded", "deploy/oauth.yaml", `args:\n  - --cookie-secret=${Buffer.from("example-cookie-secret-value").toString("base64")}\n`],
  ["file: indirections", "config/app.toml", `password = "file:/run/secrets/db_password"\ntoken = "op://prod/api/credential"\n`],
  ["an S3-compatible access key is the public half", "config/storage.yaml", `storage:\n  accessKey: "${fakeKeyId(7404).slice(4)}"\n`],
  ["an ARN under a *Token name", "template.yaml", "Resources:\n  Seed:\n    Properties:\n      ServiceToken: arn:aws:lambda:eu-west-1:123456789012:function:seed-db\n"],
  ["names matched by segment, not substring", "config/app.env", `BYPASS=${fakePassword(7405, 16).replace(/[^A-Za-z0-9]/g, "q")}\nOPENAI_NOTIKTOKEN=tests/integrations/openai\n`],
  ["a tuple in a migration is not a call", "app/migrations/0002_group.py", `dependencies = [("auth", "0012_alter_user_first_name_max_length")]\n`],
  ["escaped and interpolated shell references", "chart/templates/cm.yaml", `cmd="REDISCLI_AUTH=\\"\\$REDIS_PASSWORD\\" redis-cli"\ncreds=":$(encode_url "$REDIS_PASSWORD")"\n`],
  ["a template value path", "chart/templates/secret.yaml", "{{- range $user, $password := .Values.auth.basicAuthUsers }}\n"],
  ["words and ids joined by separators", "chart/values.yaml", `initialClusterToken: "etcd-cluster-k8s"\nsecret: custom-ca-bundle\n`],
  ["a reference's default value (Spring, shell)", "src/main/resources/application.properties", "spring.datasource.password=${MYSQL_PASSWORD:db-57xsl}\nspring.redis.password=${REDIS_PASSWORD:-r3dis-local}\n"],
  ["translated UI strings", "app/i18n/ja.json", `{ "OAuth client secret": "OAuthクライアントシークレット", "Client Secret": "Cliëntgeheim" }\n`],
  ["a mock PEM block: its body is not DER", "tests/keys.py", `KEY = "-----BEGIN RSA PRIVATE KEY-----\\nMOCKKEY${fakePassword(7407, 60).replace(/[^A-Za-z0-9]/g, "m")}${fakePassword(7408, 60).replace(/[^A-Za-z0-9]/g, "q")}\\n-----END RSA PRIVATE KEY-----"\n`],
  ["an htpasswd line holds a hash", "chart/values.yaml", `htpasswd: registry_user:$2y$10$${fakePassword(7406, 53).replace(/[^A-Za-z0-9]/g, "a")}\n`],
];

describe.each(ENGINES)("detectors (%s)", (engineName) => {
  const engine = getEngine(engineName);
  const found = (path: string, text: string) =>
    findSecrets(makeSourceFile(path, "text", text), { engine }).candidates.filter((c) => !c.benign);

  describe("unmistakable shapes, in every syntax", () => {
    for (const s of SHAPES) {
      for (const [syntax, embed] of Object.entries(NEUTRAL)) {
        it(`${s.kind} ${s.value.slice(0, 6)}… in ${syntax}`, () => {
          const [path, text] = embed(s.value);
          const c = found(path, text);
          expect(c.map((x) => [x.kind, x.value])).toEqual([[s.kind, s.value]]);
          expect(sliceRange(makeSourceFile(path, "text", text), c[0]?.range ?? { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } })).toBe(s.value);
        });
      }
    }
  });

  describe("values bound to a credential name, in every syntax", () => {
    for (const b of BOUND_CASES) {
      for (const [syntax, embed] of Object.entries(BOUND)) {
        const name = b.names[syntax] ?? "";
        it(`${b.kind} as ${name} in ${syntax}`, () => {
          const [path, text] = embed(name, b.value);
          const c = found(path, text);
          expect(c.map((x) => [x.kind, x.value, x.name?.text])).toEqual([[b.kind, b.value, name]]);
        });
      }
    }
  });

  describe("values in context", () => {
    for (const [name, path, text, kind, value] of IN_CONTEXT) {
      it(name, () => {
        const c = found(path, text);
        expect(c.filter((x) => x.kind !== "aws-access-key-id").map((x) => [x.kind, x.value])).toEqual([[kind, value]]);
      });
    }
  });

  describe("false positives", () => {
    for (const [reason, path, text] of FALSE_POSITIVES) {
      it(reason, () => {
        expect(found(path, text).map((x) => `${x.kind} ${x.label} ${x.value}`)).toEqual([]);
      });
    }
  });
});
