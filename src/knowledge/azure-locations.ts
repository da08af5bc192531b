/**
 * Azure locations (reference §3.2), as data. What is wrong with a value given as an Azure location is explained
 * in ./cloud-locations.ts.
 *
 * Azure compares location names case-insensitively and accepts display names where a name is expected: the
 * Azure CLI turns a `--location` (or `defaults.location`) with a blank into the name whose display name matches
 * it case-insensitively (azure-cli `src/azure-cli-core/azure/cli/core/commands/parameters.py`,
 * `get_location_name_type`), Azure.Core's `AzureLocation` removes the blanks and lower-cases
 * (`GetNameFromDisplayName`), and ARM templates, Bicep and the azurerm Terraform provider take
 * `location = "West Europe"` as well as `westeurope`. So `East US` is valid; `east-us` is not.
 */

export type AzureCloud = "public" | "china" | "usgovernment";

export interface AzureRegionInfo {
  readonly cloud: AzureCloud;
  /** "restricted": restricted-access region (* in the official table); "coming-soon": listed as coming soon. */
  readonly access: "general" | "restricted" | "coming-soon";
  /** False where the reference flags the name as absent from the official table (⚠ third-party lists). */
  readonly official: boolean;
}

const PUBLIC_GENERAL = [
  "australiacentral",
  "australiaeast",
  "australiasoutheast",
  "austriaeast",
  "belgiumcentral",
  "brazilsouth",
  "canadacentral",
  "canadaeast",
  "centralindia",
  "centralus",
  "chilecentral",
  "eastasia",
  "eastus",
  "eastus2",
  "francecentral",
  "germanywestcentral",
  "indonesiacentral",
  "israelcentral",
  "italynorth",
  "japaneast",
  "japanwest",
  "koreacentral",
  "koreasouth",
  "malaysiawest",
  "mexicocentral",
  "newzealandnorth",
  "northcentralus",
  "northeurope",
  "norwayeast",
  "polandcentral",
  "qatarcentral",
  "southafricanorth",
  "southcentralus",
  "southindia",
  "southeastasia",
  "spaincentral",
  "swedencentral",
  "switzerlandnorth",
  "uaenorth",
  "uksouth",
  "ukwest",
  "westcentralus",
  "westeurope",
  "westindia",
  "westus",
  "westus2",
  "westus3",
] as const;
function azure(names: readonly string[], info: AzureRegionInfo): Record<string, AzureRegionInfo> {
  return Object.fromEntries(names.map((name) => [name, info]));
}

const PUBLIC_RESTRICTED = [
  "australiacentral2",
  "brazilsoutheast",
  "francesouth",
  "germanynorth",
  "norwaywest",
  "southafricawest",
  "switzerlandwest",
  "uaecentral",
] as const;

// Source: reference §3.2 (https://learn.microsoft.com/azure/reliability/regions-list, `MicrosoftDocs/reliability-docs`
// `articles/reliability/regions-list.md` ms.date 2025-09-23; sovereign clouds from Azure.Core `AzureLocation.cs`).
export const AZURE_REGION_INFO: Readonly<Record<string, AzureRegionInfo>> = {
  ...azure(PUBLIC_GENERAL, { cloud: "public", access: "general", official: true }),
  ...azure(PUBLIC_RESTRICTED, { cloud: "public", access: "restricted", official: true }),
  ...azure(["denmarkeast"], { cloud: "public", access: "coming-soon", official: true }),
  ...azure(["jioindiawest", "jioindiacentral", "swedensouth"], { cloud: "public", access: "restricted", official: false }),
  ...azure(["chinanorth", "chinanorth2", "chinanorth3", "chinaeast", "chinaeast2", "chinaeast3"], {
    cloud: "china",
    access: "general",
    official: true,
  }),
  ...azure(["usgovvirginia", "usgovarizona", "usgovtexas", "usgoviowa", "usdodcentral", "usdodeast"], {
    cloud: "usgovernment",
    access: "general",
    official: true,
  }),
};

// Source: reference §3.2 — every programmatic name of AZURE_REGION_INFO (public, restricted, China, US Government).
export const AZURE_REGIONS: readonly string[] = Object.keys(AZURE_REGION_INFO);

// Source: the location lists Azure Resource Manager returns with LocationNotAvailableForResourceGroup (quoted in
// Azure/azure-cli#16368 and MicrosoftDocs/executable-docs#74): the early-access (canary) regions, where only
// subscriptions enrolled in the EUAP program can deploy. Kept apart from AZURE_REGIONS (not in the public table).
export const AZURE_CANARY_LOCATIONS: readonly string[] = ["eastus2euap", "centraluseuap"];

/** A location as Azure compares it: lower case, without blanks ("West Europe" → "westeurope"). */
export function normalizeAzureLocation(value: string): string {
  return value.toLowerCase().replace(/\s+/g, "");
}

// Source: ARM template references of global resources, whose `location` is `global` (Front Door
// `Microsoft.Network/frontDoors`, Traffic Manager profiles, DNS zones: learn.microsoft.com/azure/templates).
export const AZURE_GLOBAL_LOCATION = "global";

/** Whether `value` names an Azure location credlint knows, by name or display name (any case). */
export function isAzureLocation(value: string): boolean {
  const name = normalizeAzureLocation(value);
  return Object.hasOwn(AZURE_REGION_INFO, name) || AZURE_CANARY_LOCATIONS.includes(name);
}
