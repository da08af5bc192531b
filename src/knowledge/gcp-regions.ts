/**
 * Google Cloud regions and zones (reference §3.3), as data. What is wrong with a value given as a Google Cloud
 * region, zone or location is explained in ./cloud-locations.ts.
 */

// Source: reference §3.3 (Google Cloud docs location pages, e.g.
// https://cloud.google.com/compute/docs/regions-zones, https://cloud.google.com/workload-manager/docs/evaluate/locations);
// region → location. Cross-checked 2026-12 against third-party copies of Google's region table (docs.velt.dev
// "Supported regions", Rubrik's GcpCloudAccountRegion enum): no public region missing.
export const GCP_REGION_LOCATIONS: Readonly<Record<string, string>> = {
  "northamerica-northeast1": "Montréal",
  "northamerica-northeast2": "Toronto",
  "northamerica-south1": "Mexico",
  "southamerica-east1": "São Paulo",
  "southamerica-west1": "Santiago",
  "us-central1": "Iowa",
  "us-east1": "South Carolina",
  "us-east4": "N. Virginia",
  "us-east5": "Columbus",
  "us-south1": "Dallas",
  "us-west1": "Oregon",
  "us-west2": "Los Angeles",
  "us-west3": "Salt Lake City",
  "us-west4": "Las Vegas",
  "europe-central2": "Warsaw",
  "europe-north1": "Finland",
  "europe-north2": "Stockholm",
  "europe-southwest1": "Madrid",
  "europe-west1": "Belgium",
  "europe-west2": "London",
  "europe-west3": "Frankfurt",
  "europe-west4": "Netherlands",
  "europe-west6": "Zurich",
  "europe-west8": "Milan",
  "europe-west9": "Paris",
  "europe-west10": "Berlin",
  "europe-west12": "Turin",
  "me-central1": "Doha",
  "me-central2": "Dammam",
  "me-west1": "Tel Aviv",
  "asia-east1": "Taiwan",
  "asia-east2": "Hong Kong",
  "asia-northeast1": "Tokyo",
  "asia-northeast2": "Osaka",
  "asia-northeast3": "Seoul",
  "asia-south1": "Mumbai",
  "asia-south2": "Delhi",
  "asia-southeast1": "Singapore",
  "asia-southeast2": "Jakarta",
  "australia-southeast1": "Sydney",
  "australia-southeast2": "Melbourne",
  "africa-south1": "Johannesburg",
};

// Source: reference §3.3 (Google Cloud docs location pages); ⚠ `asia-southeast3` only in GCP_UNCONFIRMED_REGIONS.
export const GCP_REGIONS: readonly string[] = Object.keys(GCP_REGION_LOCATIONS);

// Source: reference §3.3 ⚠ "appears in third-party region lists dated 2026 but was not confirmed in an official doc".
export const GCP_UNCONFIRMED_REGIONS: readonly string[] = ["asia-southeast3"];

// Source: Cloud TPU "TPU regions and zones" (https://cloud.google.com/tpu/docs/regions-zones): TPU v4 runs in zone
// `us-central2-b`, a region that the public region tables do not list (access by request).
export const GCP_RESTRICTED_REGIONS: readonly string[] = ["us-central2"];

// Source: reference §3.3 (zones append `-a|-b|-c|-d|-f`) — zone = region + one of these letters.
export const GCP_ZONE_RE = /^([a-z]+-[a-z]+\d+)-([a-f])$/;

/**
 * Every zone shape: a letter (`us-east1-b`), or an AI zone (`us-central1-ai1a`, `us-south1-ai1b`; Cloud TPU
 * "TPU regions and zones", https://cloud.google.com/tpu/docs/regions-zones, and "About AI zones").
 */
export const GCP_ANY_ZONE_RE = /^([a-z]+-[a-z]+\d+)-(?:[a-z]|ai\d+[a-z]?)$/;

/** The shape of a region name: `<geography>-<direction><number>` (reference §3.3). */
export const GCP_REGION_SHAPE = /^[a-z]+-[a-z]+\d+$/;

// Source: Cloud Storage "Bucket locations" (https://cloud.google.com/storage/docs/locations) and BigQuery
// "Dataset locations": the multi-regions `US`, `EU`, `ASIA` (any case), the predefined dual-regions, and
// `global` (Vertex AI, Cloud Build, KMS, IAM). Valid as a *location*, never as a compute region. ⚠ The dual-region
// codes were not re-read here; the list only keeps values from being reported.
export const GCP_MULTI_REGIONS: readonly string[] = ["us", "eu", "asia", "nam4", "eur4", "eur5", "eur7", "eur8", "asia1", "global"];

const KNOWN: ReadonlySet<string> = new Set([...GCP_REGIONS, ...GCP_UNCONFIRMED_REGIONS, ...GCP_RESTRICTED_REGIONS]);

/** Whether `code` is a Google Cloud region credlint knows (public, restricted, or only in third-party lists). */
export function isGcpRegion(code: string): boolean {
  return KNOWN.has(code);
}

/** The region of a zone (`us-east1-b` → `us-east1`, `us-central1-ai1a` → `us-central1`) when the region is known. */
export function gcpRegionOfZone(code: string): string | undefined {
  const region = GCP_ANY_ZONE_RE.exec(code)?.[1];
  return region !== undefined && KNOWN.has(region) ? region : undefined;
}
