import rule from "../../rules/hardcoded-azure-key.js";
import { AZURITE_ACCOUNT_KEY } from "../../src/knowledge/secrets.js";
import { fakeAzureAccountKey, fakeEntraSecret, fakePassword, fakeSasSignature, fakeSharedAccessKey } from "../support/fake-secrets.js";
import { testRule } from "../support/rule-tester.js";

const KEY = fakeAzureAccountKey(601);
const SAK = fakeSharedAccessKey(602);
const SIG = fakeSasSignature(603);
const ENTRA = fakeEntraSecret(604);
const LEGACY = fakePassword(605, 34).replace(/[^A-Za-z0-9]/g, "v");
const CONN = `DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${KEY};EndpointSuffix=core.windows.net`;

testRule(rule, {
  valid: [
    {
      name: "the Azurite development key",
      files: { "docker-compose.yml": `environment:\n  STORAGE: "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${AZURITE_ACCOUNT_KEY};"\n` },
    },
    { name: "UseDevelopmentStorage", files: { "local.settings.json": `{ "Values": { "AzureWebJobsStorage": "UseDevelopmentStorage=true" } }\n` } },
    {
      name: "Key Vault and pipeline references",
      files: {
        "azure-pipelines.yml": "variables:\n  AZURE_CLIENT_SECRET: $(clientSecret)\n  STORAGE_KEY: '@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/storage-key/)'\n",
      },
    },
    { name: "a SAS placeholder", files: { "README.md": "Append `?sv=2022-11-02&sp=r&sig=<signature>` to the blob URL.\n" } },
    { name: "near miss: sig= without a signed version is not a SAS", files: { "src/cb.js": `const u = "https://example.com/cb?x=1&sig=${SIG}";\n` } },
    { name: "a client secret that is a GUID (its id, not its value)", files: { ".env": "AZURE_CLIENT_SECRET=6f1b3c7e-2a44-4d8e-9b1a-0c3d5e7f9a21\n" } },
    { name: "near miss: an 87-character AccountKey", files: { "src/blob.py": `CONN = "AccountKey=${KEY.slice(1)}"\n` } },
  ],
  invalid: [
    {
      name: "a storage connection string",
      files: { "src/blob.py": `CONN = "${CONN}"\n` },
      errors: [{ messageId: "accountKey", line: 1, column: 68, endLine: 1, endColumn: 156, messageIncludes: ["Azure Storage account key"] }],
    },
    {
      name: "a Cosmos DB connection string",
      files: { "appsettings.json": `{ "Cosmos": "AccountEndpoint=https://acme.documents.azure.com:443/;AccountKey=${KEY};" }\n` },
      errors: [{ messageId: "accountKey", line: 1, column: 79, endLine: 1, endColumn: 167, messageIncludes: ["Cosmos DB"] }],
    },
    {
      name: "an account key bound to its name",
      files: { "terraform.tfvars": `storage_account_key = "${KEY}"\n` },
      errors: [{ messageId: "accountKey", line: 1, column: 24, endLine: 1, endColumn: 112, messageIncludes: ["storage_account_key in terraform.tfvars"] }],
    },
    {
      name: "a Service Bus shared access key",
      files: { "src/bus.ts": `const cs = "Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${SAK}";\n` },
      errors: [{ messageId: "sharedAccessKey", line: 1, column: 97, endLine: 1, endColumn: 141 }],
    },
    {
      name: "a SAS URL",
      files: { "scripts/get.sh": `curl "https://acme.blob.core.windows.net/c/f?sv=2022-11-02&sr=b&sp=r&se=2026-01-01T00:00:00Z&sig=${SIG}"\n` },
      errors: [{ messageId: "sasToken", line: 1, column: 98, endLine: 1, endColumn: 98 + SIG.length }],
    },
    {
      name: "an Entra client secret of the Q~ shape, under any name",
      files: { "deploy/values.yaml": `azure:\n  clientSecret: ${ENTRA}\n` },
      errors: [{ messageId: "clientSecret", line: 2, column: 17, endLine: 2, endColumn: 57 }],
    },
    {
      name: "a legacy client secret bound to AZURE_CLIENT_SECRET",
      files: { ".env.production": `AZURE_TENANT_ID=72f988bf-86f1-41af-91ab-2d7cd011db47\nAZURE_CLIENT_SECRET=${LEGACY}\n` },
      errors: [{ messageId: "clientSecret", line: 2, column: 21, endLine: 2, endColumn: 55, messageIncludes: ["AZURE_CLIENT_SECRET in .env.production"] }],
    },
  ],
});
