import rule from "../../rules/hardcoded-gcp-key.js";
import { fakeGcpAccessToken, fakeGcpApiKey, fakeGcpClientSecret, fakeServiceAccountJson } from "../support/fake-secrets.js";
import { testRule } from "../support/rule-tester.js";

const API = fakeGcpApiKey(701);
const GOCSPX = fakeGcpClientSecret(702);
const YA29 = fakeGcpAccessToken(703);
const SA = fakeServiceAccountJson(704);

testRule(rule, {
  valid: [
    {
      name: "a sample service-account file with an elided key",
      files: {
        "keys/sa.sample.json":
          '{\n  "type": "service_account",\n  "private_key": "-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----\\n",\n  "client_email": "x@p.iam.gserviceaccount.com"\n}\n',
      },
    },
    { name: "an API key read from the environment", files: { "src/maps.ts": "const loader = new Loader({ apiKey: process.env.MAPS_API_KEY });\n" } },
    { name: "a public example API key", files: { "docs/firebase.md": "apiKey: AIzaSyabcdefghijklmnopqrstuvwxyz1234567\n" } },
    { name: "a client-secret placeholder", files: { "config/oauth.yaml": "client_secret: GOCSPX-xxxxxxxxxxxxxxxxxxxxxxxxxxxx\n" } },
    { name: "near miss: an API key one character short", files: { "src/maps.ts": `const k = "${API.slice(0, 38)}";\n` } },
    { name: "a workload identity config holds no key", files: { "gha-creds.json": '{ "type": "external_account", "audience": "//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/providers/gh" }\n' } },
  ],
  invalid: [
    {
      name: "a service-account key file",
      files: { "keys/ci.json": `${SA}\n` },
      errors: [{ messageId: "serviceAccountKey", line: 5, column: 19, endLine: 5, endColumn: 19 + (JSON.parse(SA) as { private_key: string }).private_key.split("\n").join("\\n").length }],
    },
    {
      name: "an API key in source",
      files: { "src/maps.ts": `export const loader = new Loader({ apiKey: "${API}" });\n` },
      errors: [{ messageId: "apiKey", line: 1, column: 45, endLine: 1, endColumn: 84 }],
    },
    {
      name: "an OAuth client secret in YAML",
      files: { "config/oauth.yaml": `google:\n  client_secret: ${GOCSPX}\n` },
      errors: [{ messageId: "oauthClientSecret", line: 2, column: 18, endLine: 2, endColumn: 53 }],
    },
    {
      name: "an access token in a script",
      files: { "scripts/call.sh": `curl -H "Authorization: Bearer ${YA29}" https://storage.googleapis.com/\n` },
      errors: [{ messageId: "accessToken", line: 1, column: 32, endLine: 1, endColumn: 32 + YA29.length }],
    },
  ],
});
