/**
 * Microsoft Entra identifiers by the names each syntax gives them (reference §4.1–4.2): the tenant (directory)
 * id, the application (client) id, and the client secret. A tenant is a GUID — or, where MSAL builds the
 * authority URL from it, a verified domain (`contoso.onmicrosoft.com`) or one of the multi-tenant aliases;
 * an application id is always a GUID; a client secret is never a GUID (a GUID there is the secret's *ID*
 * from the portal's "Certificates & secrets" list, and sign-in fails with AADSTS7000215 "Invalid client
 * secret provided").
 */
export type AzureIdField = "tenantId" | "clientId" | "clientSecret";

const NAMES: Readonly<Record<string, AzureIdField>> = {
  // Environment variables: @azure/identity's EnvironmentCredential, azure-identity, the azurerm provider (ARM_*).
  AZURE_TENANT_ID: "tenantId",
  ARM_TENANT_ID: "tenantId",
  AZURE_CLIENT_ID: "clientId",
  ARM_CLIENT_ID: "clientId",
  AZURE_CLIENT_SECRET: "clientSecret",
  ARM_CLIENT_SECRET: "clientSecret",
  // azure/login inputs.
  "tenant-id": "tenantId",
  "client-id": "clientId",
  // SDK options: @azure/identity (JS), azure-identity (Python), the azurerm provider's arguments.
  tenantId: "tenantId",
  clientId: "clientId",
  clientSecret: "clientSecret",
  tenant_id: "tenantId",
  client_id: "clientId",
  client_secret: "clientSecret",
};

export function azureIdField(key: string): AzureIdField | undefined {
  return Object.hasOwn(NAMES, key) ? NAMES[key] : undefined;
}

export const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A tenant as MSAL accepts it: a GUID, a domain name, or `common` / `organizations` / `consumers`. */
export function isTenantValue(v: string): boolean {
  return GUID_RE.test(v) || /^(?:common|organizations|consumers)$/i.test(v) || /^(?=.{4,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i.test(v);
}
