/**
 * hardcoded-azure-key — Azure storage and messaging keys, SAS tokens and Entra client secrets written into
 * files (reference §4.2–4.3).
 *
 * Matched by shape: `AccountKey=` with an 88-character base64 key (storage and Cosmos DB connection
 * strings), `SharedAccessKey=` (Service Bus, Event Hubs, IoT Hub), a SAS query string's `sig=` (only with
 * an `sv=` version beside it), and client secrets of the `xxx0Q~…` shape. By name: an 88-character key
 * bound to an account-key name, a client secret bound to `AZURE_CLIENT_SECRET`/`ARM_CLIENT_SECRET`. The
 * Azurite emulator's published key is not reported. Deliberately missed: legacy client secrets bound only
 * to a plain `client_secret` name (reported by hardcoded-secret), and keys built at run time.
 */
import { redact } from "../src/model/redact.js";
import { defineRule } from "../src/model/rule.js";
import { secretWhere } from "../src/model/secret.js";

const messages = {
  accountKey: (p: { label: string; preview: string; where: string }) =>
    `An ${p.label} (${p.preview}) is hard-coded in ${p.where}. It grants full control of the whole account's data to whoever reads it: rotate the key in the portal (regenerate key1/key2), then authenticate with Microsoft Entra ID (DefaultAzureCredential, a managed identity) or keep the connection string in Key Vault.`,
  sharedAccessKey: (p: { preview: string; where: string }) =>
    `A Service Bus / Event Hubs shared access key (${p.preview}) is hard-coded in ${p.where}. Whoever reads it can send and receive as that policy: regenerate the key, then use Microsoft Entra ID (DefaultAzureCredential) or Key Vault.`,
  sasToken: (p: { preview: string; where: string }) =>
    `An Azure SAS token (signature ${p.preview}) is hard-coded in ${p.where}. Anyone holding the URL has the access it grants until it expires: revoke it (rotate the signing key or its stored access policy) and issue short-lived user-delegation SAS at run time instead.`,
  clientSecret: (p: { preview: string; where: string }) =>
    `A Microsoft Entra client secret (${p.preview}) is hard-coded in ${p.where}. With the client and tenant ids it signs in as the application: delete the secret in the app registration, then use a managed identity, workload identity federation (OIDC) or Key Vault.`,
};

export default defineRule({
  meta: {
    id: "hardcoded-azure-key",
    description: "Report Azure account keys, shared access keys, SAS tokens and client secrets written into files",
    provider: "azure",
    severity: "error",
    securitySeverity: 9.0,
    precision: "high",
    tags: ["security", "external/cwe/cwe-798"],
    help: {
      why: "A storage or Cosmos DB account key is a root credential for all the account's data; a Service Bus shared access key lets anyone send and receive; a SAS token is a bearer credential until it expires; an Entra client secret signs in as the application. None of them is tied to a person or a machine, and once pushed they stay in the git history.",
      fix: "Rotate the key or delete the secret in the Azure portal (or with az storage account keys renew / az ad app credential delete), then authenticate with Microsoft Entra ID: DefaultAzureCredential with a managed identity in Azure, workload identity federation (OIDC) in CI, az login on a developer machine. Where a key is unavoidable, read it from Key Vault or an environment variable set outside the repository.",
    },
    fixable: false,
    reportsSecrets: true,
    messages,
  },
  check: {
    secret(c, ctx) {
      if (c.benign || c.provider !== "azure") return;
      const place = { file: c.file, range: c.range, confidence: c.confidence };
      const data = { preview: redact(c.value), where: secretWhere(c) };
      switch (c.kind) {
        case "azure-storage-key":
          return ctx.report({ ...place, messageId: "accountKey", data: { ...data, label: c.label } });
        case "azure-shared-access-key":
          return ctx.report({ ...place, messageId: "sharedAccessKey", data });
        case "azure-sas-signature":
          return ctx.report({ ...place, messageId: "sasToken", data });
        case "azure-client-secret":
          return ctx.report({ ...place, messageId: "clientSecret", data });
        default:
          return;
      }
    },
  },
});
