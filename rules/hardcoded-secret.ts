/**
 * hardcoded-secret — a literal of real entropy assigned to a credential-named key (`password`, `secret`,
 * `token`, `api_key`, `client_secret`, …) in config, env, CI or code; well-known service tokens (GitHub,
 * GitLab, Slack, Stripe, npm, …) wherever they stand; and passwords embedded in URLs.
 *
 * Names are judged by their last segment (`db_password` is a password, `password_file` a path, `secret_name`
 * a name) and names that say the value is fake (`test_password`, `mock_token`) bind nothing. Values must
 * look random: references (`${{ secrets.X }}`, `$X`, `process.env.X`, `{{resolve:…}}`), placeholders,
 * identifiers, paths, URLs, UUIDs and versions never count; in not-live files (docs, samples, fixtures named
 * as such) only long, clearly random values do. Deliberately missed: secrets passed positionally
 * (`login("admin", "…")`) and short or dictionary passwords.
 */
import { reportsGenericFindings } from "../src/knowledge/paths.js";
import { redact } from "../src/model/redact.js";
import { defineRule } from "../src/model/rule.js";
import { secretWhere } from "../src/model/secret.js";

const messages = {
  namedSecret: (p: { label: string; preview: string; where: string }) =>
    `A hard-coded ${p.label} (${p.preview}) is assigned to ${p.where}. Anyone who can read the repository can use it: rotate it, then read it at run time from the environment, a CI secret or a secret store.`,
  serviceToken: (p: { label: string; preview: string; where: string }) =>
    `A ${p.label} (${p.preview}) is hard-coded in ${p.where}. Revoke it with the service now (tokens pushed to public repositories are found within minutes), then read it at run time from the environment or a secret store.`,
  customPattern: (p: { label: string; pattern: string; preview: string; where: string }) =>
    `Hard-coded ${p.label} (${p.preview}) in ${p.where}, found by the project's secret pattern ${p.pattern}. Rotate it with the service that issued it, then read it at run time from the environment or a secret store.`,
  urlPassword: (p: { preview: string; where: string }) =>
    `A URL in ${p.where} carries a hard-coded password (${p.preview}). Rotate the password and build the URL at run time from a secret, or use the service's IAM / managed-identity authentication.`,
};

export default defineRule({
  meta: {
    id: "hardcoded-secret",
    description: "Report passwords, tokens and API keys written as literals into config, env, CI files or code",
    provider: "any",
    severity: "warning",
    securitySeverity: 7.5,
    precision: "medium",
    tags: ["security", "external/cwe/cwe-798"],
    help: {
      why: "A password, token or API key written into a file is readable by everyone who can read the repository, its forks, clones and CI logs, and stays in the git history after the line is deleted. It also cannot be rotated without a commit, so it tends never to be rotated.",
      fix: "Rotate the secret with the service that issued it. Read it at run time instead: from an environment variable set by the deployment, a CI secret (${{ secrets.NAME }}), or a secret store (AWS Secrets Manager / SSM, Azure Key Vault, GCP Secret Manager). Keep example values in *.example files as obvious placeholders.",
    },
    fixable: false,
    reportsSecrets: true,
    messages,
  },
  check: {
    secret(c, ctx) {
      if (c.benign) return;
      // A pattern of the project's own config is reported wherever it matches, at the severity it gives.
      if (c.kind === "custom" && c.pattern) {
        const p = c.pattern;
        return ctx.report({
          file: c.file,
          range: c.range,
          severity: p.severity,
          confidence: p.confidence,
          messageId: "customPattern",
          data: { label: p.description, pattern: p.id, preview: redact(c.value), where: secretWhere(c) },
        });
      }
      // A generic name = value match is only worth a report in the project's own live code and config: in
      // tests, examples, docs, generated and vendored files such values are test data (reference: DESIGN.md
      // "Precision"). Service tokens have a fixed format and are reported everywhere.
      if (c.kind !== "service-token" && !reportsGenericFindings(c.file.facts)) return;
      // A generic match of low confidence (a short or barely random value) is a note: shown, never failing a build.
      const place = { file: c.file, range: c.range, confidence: c.confidence, ...(c.confidence === "low" ? { severity: "note" as const } : {}) };
      const data = { preview: redact(c.value), where: secretWhere(c) };
      switch (c.kind) {
        case "generic":
          return ctx.report({ ...place, messageId: "namedSecret", data: { ...data, label: c.label } });
        case "service-token":
          return ctx.report({ ...place, messageId: "serviceToken", data: { ...data, label: c.label } });
        case "url-password":
          return ctx.report({ ...place, messageId: "urlPassword", data });
        default:
          return;
      }
    },
  },
});
