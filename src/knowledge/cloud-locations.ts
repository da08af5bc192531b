/**
 * Google Cloud and Azure location values: which settings name one, and what is wrong with a value that is not
 * one (reference §3.2–3.3). The AWS side is ./aws-regions.ts (`explainBadAwsRegion`).
 *
 * Google Cloud region and zone names are exact and lower case; a *location* (GKE `location`, a bucket's or a
 * dataset's `location`, Vertex AI's) may also be a zone, a multi-region (`US`, `EU`) or `global`, so only another
 * cloud's name is reported there. Azure compares names case-insensitively and accepts display names
 * (./azure-locations.ts), so `East US` is fine and `east-us`, `us-east-1` or `europe-west1` are not.
 */
import { AZURE_TO_AWS, GCP_TO_AWS, isAwsRegion } from "./aws-regions.js";
import { AZURE_GLOBAL_LOCATION, AZURE_REGION_INFO, AZURE_REGIONS, isAzureLocation, normalizeAzureLocation } from "./azure-locations.js";
import { GCP_MULTI_REGIONS, GCP_REGION_LOCATIONS, GCP_REGION_SHAPE, GCP_REGIONS, gcpRegionOfZone, isGcpRegion } from "./gcp-regions.js";
import { closest, stripInvisibleChars } from "./strings.js";

export type LocationCloud = "gcp" | "azure";

/** What a setting expects: a Google Cloud region, a zone, or any location (region, zone, multi-region, `global`). */
export type LocationExpectation = "region" | "zone" | "location";

export interface LocationSetting {
  readonly cloud: LocationCloud;
  readonly expects: LocationExpectation;
  /** Who reads it, for messages: "gcloud (compute/region)". */
  readonly reader: string;
}

/*
 * Environment variables that name a location, by exact name (tools read env names case-sensitively):
 * - gcloud reads every property from `CLOUDSDK_<SECTION>_<PROPERTY>` ("Managing gcloud CLI properties",
 *   https://cloud.google.com/sdk/docs/properties; the region/zone properties are listed by `gcloud topic
 *   configurations`). Only the properties that take a region (or, compute/zone, a zone) are listed here:
 *   `builds/region` and `ai_platform/region` also take `global`, and the `*\/location` properties take zones too.
 * - The Terraform google provider reads `GOOGLE_REGION` > `GCLOUD_REGION` > `CLOUDSDK_COMPUTE_REGION` and
 *   `GOOGLE_ZONE` > `GCLOUD_ZONE` > `CLOUDSDK_COMPUTE_ZONE` (reference §8.3, provider reference).
 * - The Google Gen AI SDK reads `GOOGLE_CLOUD_LOCATION` for Vertex AI (a region or `global`).
 * - The Azure Developer CLI reads `AZURE_LOCATION` from its environment (`.azure/<env>/.env`; "Work with Azure
 *   Developer CLI environment variables", https://learn.microsoft.com/azure/developer/azure-developer-cli/manage-environment-variables);
 *   the Azure CLI reads its config `defaults.location` from `AZURE_DEFAULTS_LOCATION` (knack `CLIConfig`:
 *   `AZURE_` + `{section}_{option}` upper-cased; "Azure CLI configuration", https://learn.microsoft.com/cli/azure/azure-cli-configuration).
 * Not listed: `ARM_LOCATION` and `GOOGLE_CLOUD_REGION`, which no Microsoft or Google tool reads (projects use them
 * for their own scripts, where any value may be intended).
 */
const GCLOUD_REGION_PROPERTIES = ["compute", "run", "functions", "dataproc", "deploy", "ai", "redis", "memcache"];

export const LOCATION_ENV_VARS: Readonly<Record<string, LocationSetting>> = {
  ...Object.fromEntries(
    GCLOUD_REGION_PROPERTIES.map((section) => [`CLOUDSDK_${section.toUpperCase()}_REGION`, { cloud: "gcp", expects: "region", reader: `gcloud (${section}/region)` }]),
  ),
  CLOUDSDK_COMPUTE_ZONE: { cloud: "gcp", expects: "zone", reader: "gcloud (compute/zone)" },
  GOOGLE_REGION: { cloud: "gcp", expects: "region", reader: "the Terraform google provider" },
  GCLOUD_REGION: { cloud: "gcp", expects: "region", reader: "the Terraform google provider" },
  GOOGLE_ZONE: { cloud: "gcp", expects: "zone", reader: "the Terraform google provider" },
  GCLOUD_ZONE: { cloud: "gcp", expects: "zone", reader: "the Terraform google provider" },
  GOOGLE_CLOUD_LOCATION: { cloud: "gcp", expects: "location", reader: "the Google Gen AI SDK (Vertex AI)" },
  AZURE_LOCATION: { cloud: "azure", expects: "location", reader: "the Azure Developer CLI (azd)" },
  AZURE_DEFAULTS_LOCATION: { cloud: "azure", expects: "location", reader: "the Azure CLI (defaults.location)" },
};

/**
 * The location a setting names, if any: an environment variable of LOCATION_ENV_VARS, or an option, argument or
 * action input of a Google Cloud or Azure SDK call, provider block or CI step (`region`, `zone`, `location`).
 */
export function locationSettingOf(setting: { readonly key: { readonly text: string }; readonly syntax?: string; readonly provider: string }): LocationSetting | undefined {
  const key = setting.key.text;
  if (setting.syntax === "env") return Object.hasOwn(LOCATION_ENV_VARS, key) ? LOCATION_ENV_VARS[key] : undefined;
  if (setting.syntax !== "code" && setting.syntax !== "input" && setting.syntax !== undefined) return undefined;
  if (setting.provider === "gcp") {
    if (key === "region") return { cloud: "gcp", expects: "region", reader: "Google Cloud" };
    if (key === "zone") return { cloud: "gcp", expects: "zone", reader: "Google Cloud" };
    if (key === "location") return { cloud: "gcp", expects: "location", reader: "Google Cloud" };
  }
  if (setting.provider === "azure" && (key === "location" || (setting.syntax === "input" && key === "region"))) {
    return { cloud: "azure", expects: "location", reader: "Azure Resource Manager" };
  }
  return undefined;
}

export type BadLocationKind =
  /** A zone where a region is expected (`us-east1-b`). */
  | "zone-as-region"
  /** A region where a zone is expected (`us-east1`). */
  | "region-as-zone"
  /** A multi-region or `global` where a region or zone is expected. */
  | "multi-region"
  | "aws-style"
  | "gcp-style"
  | "azure-style"
  /** An Azure name written with dashes or underscores (`east-us`, `west_europe`). */
  | "separators"
  | "upper-case"
  | "whitespace"
  | "quoted"
  /** Not a name credlint knows; reported only near a known one (a list may lag behind new regions). */
  | "unknown";

export interface BadLocation {
  readonly kind: BadLocationKind;
  /** The name the author most likely meant. */
  readonly suggestion?: string;
  /** Whether the suggestion is certain (safe to apply) or a guess (a region "in the same place"). */
  readonly certain?: boolean;
  /** A sentence to add: another region in the same place, when the suggestion is by the name's shape. */
  readonly note?: string;
}

/** AWS region → a Google Cloud region in the same place (the inverse of GCP_TO_AWS, first one wins). */
const AWS_TO_GCP: ReadonlyMap<string, string> = new Map(
  Object.entries(GCP_TO_AWS)
    .reverse()
    .map(([gcp, aws]) => [aws, gcp] as const),
);

/** AWS region → an Azure location in the same place (the inverse of AZURE_TO_AWS, first one wins). */
const AWS_TO_AZURE: ReadonlyMap<string, string> = new Map(
  Object.entries(AZURE_TO_AWS)
    .reverse()
    .map(([azure, aws]) => [aws, azure] as const),
);

/** `us-east-1a` (an AWS availability zone) → `us-east-1`. */
function awsRegionOf(value: string): string | undefined {
  if (isAwsRegion(value)) return value;
  const az = /^(.+-\d)[a-z]$/.exec(value)?.[1];
  return az !== undefined && isAwsRegion(az) ? az : undefined;
}

/** Blanks, invisible characters or quotes around a value: the explanation of what is inside, as that kind. */
function wrapped(value: string, inner: (v: string) => BadLocation | undefined): BadLocation | undefined {
  const cleaned = stripInvisibleChars(value).trim();
  if (cleaned !== value) {
    if (cleaned === "") return { kind: "whitespace" };
    const bad = inner(cleaned);
    const suggestion = bad === undefined ? cleaned : bad.suggestion;
    return suggestion === undefined ? { kind: "whitespace" } : { kind: "whitespace", suggestion, certain: bad === undefined || bad.certain === true };
  }
  const unquoted = /^(["'`])(.*)\1$/.exec(value)?.[2];
  if (unquoted !== undefined) {
    const bad = inner(unquoted.trim());
    const suggestion = bad === undefined ? unquoted.trim() : bad.suggestion;
    return suggestion === undefined ? { kind: "quoted" } : { kind: "quoted", suggestion, certain: bad === undefined || bad.certain === true };
  }
  return undefined;
}

/** AWS geography prefix → Google Cloud's, for the same-shape rewrite (`eu-west-1` → `europe-west1`). */
const AWS_GEO_TO_GCP: Readonly<Record<string, string>> = { eu: "europe", ap: "asia", sa: "southamerica", af: "africa", me: "me", us: "us" };

function gcpFromAws(aws: string, expects: LocationExpectation): BadLocation {
  const sameLocation = AWS_TO_GCP.get(aws);
  // `us-east-1` → `us-east1`: the dash the author added, when that is a Google Cloud region; `eu-west-1` →
  // `europe-west1`: the same shape with Google's name for the geography.
  const undashed = aws.replace(/-(\d+)$/, "$1");
  const m = /^([a-z]+)-([a-z]+)(\d+)$/.exec(undashed);
  const regeo = m ? `${AWS_GEO_TO_GCP[m[1] ?? ""] ?? ""}-${m[2] ?? ""}${m[3] ?? ""}` : "";
  const shaped = isGcpRegion(undashed) ? undashed : isGcpRegion(regeo) ? regeo : undefined;
  const place = sameLocation === undefined ? undefined : `The Google Cloud region in the same place as ${aws} is ${sameLocation} (${GCP_REGION_LOCATIONS[sameLocation] ?? ""}).`;
  if (expects === "zone") return place === undefined ? { kind: "aws-style" } : { kind: "aws-style", note: place };
  const suggestion = shaped ?? sameLocation;
  const note = shaped !== undefined && sameLocation !== undefined && sameLocation !== shaped ? place : undefined;
  return { kind: "aws-style", ...(suggestion === undefined ? {} : { suggestion, certain: false }), ...(note === undefined ? {} : { note }) };
}

/**
 * What is wrong with `value` as a Google Cloud region, zone or location — undefined when it is one (or, for a
 * location, anything but another cloud's name).
 */
export function explainBadGcpLocation(value: string, expects: LocationExpectation): BadLocation | undefined {
  const around = wrapped(value, (v) => explainBadGcpLocation(v, expects));
  if (around) return around;
  const lower = value.toLowerCase();
  const valid = (v: string): boolean => (expects === "region" ? isGcpRegion(v) : expects === "zone" ? gcpRegionOfZone(v) !== undefined : isGcpRegion(v) || gcpRegionOfZone(v) !== undefined);
  if (valid(value)) return undefined;
  if (expects === "location") {
    // Multi-regions are upper case in BigQuery and Cloud Storage (`US`, `EU`): any case is a location.
    if (valid(lower) || GCP_MULTI_REGIONS.includes(lower)) return undefined;
    const aws = awsRegionOf(lower);
    if (aws !== undefined) return gcpFromAws(aws, expects);
    if (Object.hasOwn(AZURE_REGION_INFO, normalizeAzureLocation(value)) && !GCP_REGION_SHAPE.test(lower)) return gcpFromAzure(value, expects);
    return undefined;
  }
  if (lower !== value && valid(lower)) return { kind: "upper-case", suggestion: lower, certain: true };
  const zoneRegion = gcpRegionOfZone(lower);
  if (expects === "region" && zoneRegion !== undefined) return { kind: "zone-as-region", suggestion: zoneRegion, certain: true };
  if (expects === "zone" && isGcpRegion(lower)) return { kind: "region-as-zone" };
  if (GCP_MULTI_REGIONS.includes(lower)) return { kind: "multi-region" };
  const aws = awsRegionOf(lower);
  if (aws !== undefined) return gcpFromAws(aws, expects);
  if (Object.hasOwn(AZURE_REGION_INFO, normalizeAzureLocation(value))) return gcpFromAzure(value, expects);
  // Unknown: reported only as the near miss of exactly one known name (a typo); a region opened after this
  // release (`europe-west11`) is as near to several names, and must not fail a build.
  if (expects === "region") {
    const near = closest(lower, GCP_REGIONS, 2);
    return near?.unique ? { kind: "unknown", suggestion: near.value, certain: false } : undefined;
  }
  const zone = /^(.+)-((?:[a-z]|ai\d+[a-z]?))$/.exec(lower);
  const region = zone?.[1];
  if (region === undefined || !GCP_REGION_SHAPE.test(region)) return undefined;
  const near = closest(region, GCP_REGIONS, 2);
  return near?.unique ? { kind: "unknown", suggestion: `${near.value}-${zone?.[2] ?? ""}`, certain: false } : undefined;
}

function gcpFromAzure(value: string, expects: LocationExpectation): BadLocation {
  const aws = AZURE_TO_AWS[normalizeAzureLocation(value)];
  const gcp = aws === undefined ? undefined : AWS_TO_GCP.get(aws);
  if (gcp === undefined) return { kind: "azure-style" };
  const place = `The Google Cloud region in the same place is ${gcp} (${GCP_REGION_LOCATIONS[gcp] ?? ""}).`;
  return expects === "zone" ? { kind: "azure-style", note: place } : { kind: "azure-style", suggestion: gcp, certain: false };
}

/** What is wrong with `value` as an Azure location — undefined when Azure accepts it (a name or a display name, any case). */
export function explainBadAzureLocation(value: string): BadLocation | undefined {
  const around = wrapped(value, explainBadAzureLocation);
  if (around) return around;
  const name = normalizeAzureLocation(value);
  if (isAzureLocation(name) || name === AZURE_GLOBAL_LOCATION) return undefined;
  const joined = name.replace(/[-_.]/g, "");
  if (joined !== name && Object.hasOwn(AZURE_REGION_INFO, joined)) return { kind: "separators", suggestion: joined, certain: true };
  const lower = value.toLowerCase();
  const aws = awsRegionOf(lower);
  if (aws !== undefined) {
    const azure = AWS_TO_AZURE.get(aws);
    return azure === undefined ? { kind: "aws-style" } : { kind: "aws-style", suggestion: azure, certain: false };
  }
  const gcpRegion = isGcpRegion(lower) ? lower : gcpRegionOfZone(lower);
  if (gcpRegion !== undefined) {
    const viaAws = GCP_TO_AWS[gcpRegion];
    const azure = viaAws === undefined ? undefined : AWS_TO_AZURE.get(viaAws);
    return azure === undefined ? { kind: "gcp-style" } : { kind: "gcp-style", suggestion: azure, certain: false };
  }
  // Unknown: reported only next to a known name. Azure also has logical locations (geographies such as
  // `unitedstates`, staging and canary regions) that no list here holds.
  const near = closest(joined, AZURE_REGIONS, 2);
  return near?.unique ? { kind: "unknown", suggestion: near.value, certain: false } : undefined;
}
