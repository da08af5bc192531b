import rule from "../../rules/hardcoded-aws-key.js";
import { fakeKeyId, fakeSecret, fakeSessionToken } from "../support/fake-secrets.js";
import { testRule } from "../support/rule-tester.js";

const ID = fakeKeyId(501);
const SECRET = fakeSecret(501);
const ID2 = fakeKeyId(502);
const SECRET2 = fakeSecret(502);
const TOKEN = fakeSessionToken(503);

testRule(rule, {
  valid: [
    {
      name: "the documented example pair",
      files: {
        ".aws/credentials": "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
      },
    },
    {
      name: "references to CI secrets",
      files: {
        ".github/workflows/deploy.yml":
          "env:\n  AWS_ACCESS_KEY_ID: ${{ secrets.AWS_ACCESS_KEY_ID }}\n  AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}\n  AWS_SESSION_TOKEN: ${{ secrets.AWS_SESSION_TOKEN }}\n",
      },
    },
    {
      name: "placeholders in a sample env file",
      files: { ".env.example": "AWS_ACCESS_KEY_ID=AKIAXXXXXXXXXXXXXXXX\nAWS_SECRET_ACCESS_KEY=your-secret-access-key\n" },
    },
    {
      name: "a 40-character string with no key id near is not a secret",
      files: { "config/cache.yaml": `cache:\n  digest: ${SECRET}\n` },
    },
    {
      name: "a git SHA next to a key id is not a secret",
      files: { "deploy/notes.txt": `key AKIAIOSFODNN7EXAMPLE\nbuilt from 3f786850e387550fdab836ed7e6dc881de23001b\n` },
    },
    {
      name: "a user id (AIDA) is an identifier, not a key",
      files: { "iam/users.json": `{ "UserId": "AIDA${ID.slice(4)}" }\n` },
    },
  ],
  invalid: [
    {
      name: "kubernetes: a Secret's base64 data is judged decoded (the id too), a Deployment's value in the same file is plain text",
      files: {
        "k8s/app.yaml": `apiVersion: v1
kind: Secret
metadata:
  name: aws
type: Opaque
data:
  AWS_ACCESS_KEY_ID: QUtJQVQ0UTdXTjJYUjlMM1pCNUs=
  AWS_SECRET_ACCESS_KEY: WjhwUTN2VDFtWTZ3UjBzSzRoSjliTjJjWDVmTDdhRTFkRzN1SThvUA==
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: api
          image: acme/api:1.4
          env:
            - name: UPLOADS_ACCESS_KEY_ID
              value: AKIAZ7R2M4XQ9T1W3B6N
`,
      },
      errors: [
        { messageId: "pair", line: 8, column: 26, endLine: 8, endColumn: 82, messageIncludes: ["Secret aws in k8s/app.yaml"] },
        { messageId: "keyIdAlone", line: 22, column: 22, endLine: 22, endColumn: 42, messageIncludes: ["container api of Deployment api"] },
      ],
    },
    {
      name: "a key pair in one profile is one finding, on the secret",
      files: { ".aws/credentials": `[default]\naws_access_key_id = ${ID}\naws_secret_access_key = ${SECRET}\n` },
      errors: [{ messageId: "pair", line: 3, column: 25, endLine: 3, endColumn: 65, messageIncludes: ["profile default in .aws/credentials", "AKIA****", `${SECRET.slice(0, 4)}****`] }],
    },
    {
      name: "two profiles, two pairs",
      files: { ".aws/credentials": `[a]\naws_access_key_id = ${ID}\naws_secret_access_key = ${SECRET}\n\n[b]\naws_access_key_id = ${ID2}\naws_secret_access_key = ${SECRET2}\n` },
      errors: [
        { messageId: "pair", line: 3, column: 25, endLine: 3, endColumn: 65 },
        { messageId: "pair", line: 7, column: 25, endLine: 7, endColumn: 65, messageIncludes: ["profile b"] },
      ],
    },
    {
      name: "a pair exported in a dotenv file",
      files: { ".env": `AWS_ACCESS_KEY_ID=${ID}\nAWS_SECRET_ACCESS_KEY=${SECRET}\n` },
      errors: [{ messageId: "pair", line: 2, column: 23, endLine: 2, endColumn: 63, messageIncludes: ["AWS_SECRET_ACCESS_KEY in .env"] }],
    },
    {
      name: "a pair passed to an SDK client",
      files: { "src/s3.ts": `const s3 = new S3Client({ credentials: { accessKeyId: "${ID}", secretAccessKey: "${SECRET}" } });\n` },
      errors: [{ messageId: "pair", line: 1, column: 97, endLine: 1, endColumn: 137 }],
    },
    {
      name: "tfvars: an id and its secret set for two variables a line apart are one pair, on the secret",
      files: {
        "infra/terraform.tfvars": `region = "eu-central-1"\n\nreporting_access_key = "${ID}"\nreporting_secret_key = "${SECRET}"\n\ndr_access_key = "${ID2}"\ndr_secret_key = "${SECRET2}"\n`,
      },
      errors: [
        { messageId: "pair", line: 4, column: 25, endLine: 4, endColumn: 65, messageIncludes: ["reporting_secret_key in infra/terraform.tfvars", `${ID.slice(0, 4)}****`] },
        { messageId: "pair", line: 7, column: 18, endLine: 7, endColumn: 58, messageIncludes: [`${ID2.slice(0, 4)}****`] },
      ],
    },
    {
      name: "tfvars: one file is one context (the variables one configuration sets), so an id and a secret far apart still pair",
      files: { "infra/terraform.tfvars": `ci_access_key_id = "${ID}"\n${Array.from({ length: 8 }, (_, i) => `tag_${i} = "team-${i}"`).join("\n")}\nbackup_aws_secret_key = "${SECRET}"\n` },
      errors: [{ messageId: "pair", line: 10, column: 26, endLine: 10, endColumn: 66 }],
    },
    {
      name: "a key id alone is a warning",
      files: { "main.tf": `provider "aws" {\n  access_key = "${ID}"\n  secret_key = var.secret_key\n}\n` },
      errors: [{ messageId: "keyIdAlone", line: 2, column: 17, endLine: 2, endColumn: 37, severity: "warning" }],
    },
    {
      name: "a secret bound to its name, without a key id",
      files: { "config/aws.yaml": `aws_secret_access_key: ${SECRET}\n` },
      errors: [{ messageId: "secret", line: 1, column: 24, endLine: 1, endColumn: 64, severity: "error" }],
    },
    {
      name: "a free-standing secret two lines below its key id",
      files: { "app/keys.py": `KEYS = (\n    "${ID}",\n    "${SECRET}",\n)\n` },
      errors: [{ messageId: "pair", line: 3, column: 6, endLine: 3, endColumn: 46 }],
    },
    {
      name: "near miss: a free-standing 40-character string eight lines away is not paired",
      files: { "app/keys.py": `ID = "${ID}"\n\n\n\n\n\n\n\nOTHER = "${SECRET}"\n` },
      errors: [{ messageId: "keyIdAlone", line: 1, column: 7, endLine: 1, endColumn: 27, severity: "warning" }],
    },
    {
      name: "a session token without its pair",
      files: { "scripts/ci.env": `AWS_SESSION_TOKEN=${TOKEN}\n` },
      errors: [{ messageId: "sessionToken", line: 1, column: 19, endLine: 1, endColumn: 19 + TOKEN.length }],
    },
    {
      name: "a real key id beside the documentation's example secret is reported alone",
      files: { ".env.local": `AWS_ACCESS_KEY_ID=${ID}\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n` },
      errors: [{ messageId: "keyIdAlone", line: 1, column: 19, endLine: 1, endColumn: 39, severity: "warning" }],
    },
    {
      name: "a real secret in the docs is still reported",
      files: { "README.md": `Use:\n\n    aws_access_key_id = ${ID}\n    aws_secret_access_key = ${SECRET}\n` },
      errors: [{ messageId: "pair", line: 4, column: 29, endLine: 4, endColumn: 69 }],
    },
  ],
});
