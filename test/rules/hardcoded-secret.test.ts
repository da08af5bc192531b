import rule from "../../rules/hardcoded-secret.js";
import { fakeGithubToken, fakePassword } from "../support/fake-secrets.js";
import { testRule } from "../support/rule-tester.js";

const PW = fakePassword(901, 20).replace(/[^A-Za-z0-9!#%*+.@^_-]/g, "x");
const KEY = fakePassword(902, 32).replace(/[^A-Za-z0-9]/g, "k");
const GHP = fakeGithubToken(903);

testRule(rule, {
  valid: [
    {
      name: "references",
      files: {
        "config/app.yaml": "db:\n  password: ${DB_PASSWORD}\napi_key: '{{ .Values.apiKey }}'\ntoken: ${{ secrets.TOKEN }}\n",
      },
    },
    { name: "placeholders", files: { ".env.example": "DB_PASSWORD=changeme\nAPI_KEY=your-api-key\nSECRET_KEY=<generate one>\nTOKEN=xxxxxxxxxxxx\n" } },
    { name: "names about a secret", files: { "config/app.yaml": "password_file: /run/secrets/db\nsecret_name: prod/db\ntoken_url: https://auth.acme.dev/token\n" } },
    { name: "names that say the value is fake", files: { "test/login.test.ts": `const fakePassword = "${PW}";\n` } },
    { name: "near miss: a low-entropy password", files: { "config/app.yaml": "password: hunter22\n" } },
    { name: "a bcrypt hash is not the password", files: { "db/seeds.yml": 'password: "$2b$12$KIXQJZ8v0fX7uJ1y6cYv8eW1mHk3Ew9n2TqLr5sPd0aBcDeFgHiJk"\n' } },
    { name: "a URL without a password", files: { "docker-compose.yml": "DATABASE_URL: postgres://app@db:5432/app\n" } },
    { name: "a URL password that is a reference", files: { "docker-compose.yml": "DATABASE_URL: postgres://app:${DB_PASSWORD}@db:5432/app\n" } },
  ],
  invalid: [
    {
      name: "a password in YAML",
      files: { "config/production.yml": `database:\n  password: "${PW}"\n` },
      errors: [{ messageId: "namedSecret", line: 2, column: 14, endLine: 2, endColumn: 34, severity: "warning", messageIncludes: ["password in config/production.yml"] }],
    },
    {
      name: "an API key in Python",
      files: { "app/settings.py": `STRIPE_API_KEY = "${KEY}"\n` },
      errors: [{ messageId: "namedSecret", line: 1, column: 19, endLine: 1, endColumn: 51, messageIncludes: ["API key"] }],
    },
    {
      name: "a GitHub token anywhere",
      files: { "scripts/release.sh": `gh auth login --with-token <<< ${GHP}\n` },
      errors: [{ messageId: "serviceToken", line: 1, column: 32, endLine: 1, endColumn: 72, messageIncludes: ["GitHub token"] }],
    },
    {
      name: "a password in a database URL",
      files: { "docker-compose.prod.yml": "DATABASE_URL: postgres://app:Tq8vLm2Rz5Wx@db:5432/app\n" },
      errors: [{ messageId: "urlPassword", line: 1, column: 30, endLine: 1, endColumn: 42 }],
    },
    {
      name: "a password in a connection string",
      files: { "appsettings.json": `{ "Db": "Server=db;Database=orders;User Id=app;Password=${KEY};" }\n` },
      errors: [{ messageId: "namedSecret", line: 1, column: 57, endLine: 1, endColumn: 89 }],
    },
    {
      name: "a password given as a command-line flag",
      files: { "scripts/backup.sh": `mysqldump --user=backup --password=${PW} orders > dump.sql\n` },
      errors: [{ messageId: "namedSecret", line: 1, column: 36, endLine: 1, endColumn: 56 }],
    },
  ],
});
