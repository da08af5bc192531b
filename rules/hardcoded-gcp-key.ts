/**
 * hardcoded-gcp-key — Google Cloud credentials written into files (reference §5.2, §5.4).
 *
 * Service-account key JSON (a `private_key` PEM in a document with `"type": "service_account"`, also when
 * the JSON is embedded as an escaped string in YAML or env files), API keys (`AIza` + 35), OAuth client
 * secrets (`GOCSPX-` + 28) and OAuth access tokens (`ya29.`). API keys are often public by design (Firebase
 * web config); they are still reported, since an unrestricted key bills the project. Deliberately missed:
 * pre-2021 OAuth client secrets (24 characters without a prefix) unless bound to a secret name (reported by
 * hardcoded-secret), and refresh tokens.
 */
import { redact } from "../src/model/redact.js";
import { defineRule } from "../src/model/rule.js";
import { secretWhere } from "../src/model/secret.js";

const messages = {
  serviceAccountKey: (p: { where: string }) =>
    `A GCP service-account private key is hard-coded in ${p.where}. Anyone who reads it can act as the service account until the key is deleted: delete the key (gcloud iam service-accounts keys delete), then use workload identity federation or the attached service account instead of key files.`,
  apiKey: (p: { preview: string; where: string }) =>
    `A Google API key (${p.preview}) is hard-coded in ${p.where}. Unless it is restricted to your apps and APIs, anyone can spend your quota with it: restrict or regenerate it in the Cloud console, and keep server-side keys out of the repository.`,
  oauthClientSecret: (p: { preview: string; where: string }) =>
    `A Google OAuth client secret (${p.preview}) is hard-coded in ${p.where}. Reset the secret in the Cloud console (APIs & Services › Credentials) and load it from a secret store at run time.`,
  accessToken: (p: { preview: string; where: string }) =>
    `A Google OAuth access token (${p.preview}) is hard-coded in ${p.where}. It is valid for about an hour and then fails with 401 UNAUTHENTICATED — and until then it is a leaked credential. Revoke it and let the client library fetch tokens itself (Application Default Credentials).`,
};

export default defineRule({
  meta: {
    id: "hardcoded-gcp-key",
    description: "Report GCP service-account keys, API keys, OAuth client secrets and access tokens written into files",
    provider: "gcp",
    severity: "error",
    securitySeverity: 8.5,
    precision: "high",
    tags: ["security", "external/cwe/cwe-798"],
    help: {
      why: "A service-account key file is a long-lived credential that works from anywhere until the key is deleted; Google's own guidance is to avoid key files altogether. An API key bills and authorises against the project; an OAuth client secret lets anyone impersonate the application in the consent flow; an access token is a bearer credential for its lifetime. Pushed to a repository, they stay in the history.",
      fix: "Delete the service-account key (gcloud iam service-accounts keys delete) or reset the secret / regenerate the API key, then use Application Default Credentials: the attached service account on Google Cloud, workload identity federation (google-github-actions/auth with workload_identity_provider) in CI, gcloud auth application-default login on a developer machine. Restrict API keys to the APIs and apps that need them.",
    },
    fixable: false,
    reportsSecrets: true,
    messages,
  },
  check: {
    secret(c, ctx) {
      if (c.benign || c.provider !== "gcp") return;
      const place = { file: c.file, range: c.range, confidence: c.confidence };
      const where = secretWhere(c);
      const data = { preview: redact(c.value), where };
      switch (c.kind) {
        case "gcp-service-account-key":
          return ctx.report({ ...place, messageId: "serviceAccountKey", data: { where } });
        case "gcp-api-key":
          return ctx.report({ ...place, messageId: "apiKey", data });
        case "gcp-oauth-client-secret":
          return ctx.report({ ...place, messageId: "oauthClientSecret", data });
        case "gcp-access-token":
          return ctx.report({ ...place, messageId: "accessToken", data });
        default:
          return;
      }
    },
  },
});
