import { closest, stripInvisibleChars } from "./strings.js";
import { AZURE_REGION_INFO } from "./azure-locations.js";
import { GCP_REGION_LOCATIONS, GCP_ZONE_RE } from "./gcp-regions.js";

// The other clouds' names live in their own files; re-exported here for the callers that know them from here.
export { AZURE_REGION_INFO, AZURE_REGIONS, type AzureCloud, type AzureRegionInfo } from "./azure-locations.js";
export { GCP_REGION_LOCATIONS, GCP_REGIONS, GCP_UNCONFIRMED_REGIONS, GCP_ZONE_RE } from "./gcp-regions.js";

/**
 * Region codes of the three clouds (reference §3.1–3.3). The AWS table is the SDK partition data; it is
 * checked against the installed AWS SDK for JavaScript's copy (`@aws-sdk/util-endpoints`, which re-exports
 * `@aws-sdk/core/client`'s `partitionsInfo`) by `test/knowledge/aws-regions.test.ts`.
 */

// Source: reference §2.5 / §3.1; botocore `botocore/data/partitions.json` (snapshot 2026-08) and aws-sdk-js-v3
// `packages/core/src/submodules/client/util-endpoints/lib/aws/partitions.json` (installed @aws-sdk/core 3.981.1).
export const AWS_PARTITION_IDS = [
  "aws",
  "aws-cn",
  "aws-eusc",
  "aws-iso",
  "aws-iso-b",
  "aws-iso-e",
  "aws-iso-f",
  "aws-us-gov",
] as const;

export type AwsPartitionId = (typeof AWS_PARTITION_IDS)[number];

export interface AwsPartition {
  readonly id: AwsPartitionId;
  /** The partition's `regionRegex`, exactly as in partitions.json (`source` equals the JSON string). */
  readonly regionRegex: RegExp;
  /** Real regions, without the pseudo-regions. */
  readonly regions: readonly string[];
  /** Pseudo-regions listed in the partition's `regions` object (e.g. `aws-global`); not client regions. */
  readonly pseudoRegions: readonly string[];
  /** `outputs.implicitGlobalRegion`: the region global endpoints resolve to. */
  readonly implicitGlobalRegion: string;
  /** `outputs.dnsSuffix`. */
  readonly dnsSuffix: string;
}

/*
 * Differences from the reference §3.1 table (the SDK data wins, see the test):
 *  - `aws` also has `me-west-1` ("Middle East (Saudi Arabia)") and `sa-west-1` ("South America (Chile)"),
 *    which the reference's botocore snapshot list does not show.
 *  - Every partition except `aws-eusc` has a `<id>-global` pseudo-region in the SDK data (`aws-global`,
 *    `aws-cn-global`, `aws-us-gov-global`, `aws-iso-global`, `aws-iso-b-global`, `aws-iso-e-global`,
 *    `aws-iso-f-global`); the reference names only `aws-global`.
 */
// Source: reference §3.1 (botocore `botocore/data/partitions.json`, snapshot 2026-08), corrected to the
// installed aws-sdk-js-v3 copy `@aws-sdk/core` `dist-es/submodules/client/util-endpoints/lib/aws/partitions.js`.
export const AWS_PARTITIONS: readonly AwsPartition[] = [
  {
    id: "aws",
    regionRegex: new RegExp("^(us|eu|ap|sa|ca|me|af|il|mx)\\-\\w+\\-\\d+$"),
    regions: [
      "af-south-1",
      "ap-east-1",
      "ap-east-2",
      "ap-northeast-1",
      "ap-northeast-2",
      "ap-northeast-3",
      "ap-south-1",
      "ap-south-2",
      "ap-southeast-1",
      "ap-southeast-2",
      "ap-southeast-3",
      "ap-southeast-4",
      "ap-southeast-5",
      "ap-southeast-6",
      "ap-southeast-7",
      "ca-central-1",
      "ca-west-1",
      "eu-central-1",
      "eu-central-2",
      "eu-north-1",
      "eu-south-1",
      "eu-south-2",
      "eu-west-1",
      "eu-west-2",
      "eu-west-3",
      "il-central-1",
      "me-central-1",
      "me-south-1",
      "me-west-1",
      "mx-central-1",
      "sa-east-1",
      "sa-west-1",
      "us-east-1",
      "us-east-2",
      "us-west-1",
      "us-west-2",
    ],
    pseudoRegions: ["aws-global"],
    implicitGlobalRegion: "us-east-1",
    dnsSuffix: "amazonaws.com",
  },
  {
    id: "aws-cn",
    regionRegex: new RegExp("^cn\\-\\w+\\-\\d+$"),
    regions: ["cn-north-1", "cn-northwest-1"],
    pseudoRegions: ["aws-cn-global"],
    implicitGlobalRegion: "cn-northwest-1",
    dnsSuffix: "amazonaws.com.cn",
  },
  {
    id: "aws-eusc",
    regionRegex: new RegExp("^eusc\\-(de)\\-\\w+\\-\\d+$"),
    regions: ["eusc-de-east-1"],
    pseudoRegions: [],
    implicitGlobalRegion: "eusc-de-east-1",
    dnsSuffix: "amazonaws.eu",
  },
  {
    id: "aws-iso",
    regionRegex: new RegExp("^us\\-iso\\-\\w+\\-\\d+$"),
    regions: ["us-iso-east-1", "us-iso-west-1"],
    pseudoRegions: ["aws-iso-global"],
    implicitGlobalRegion: "us-iso-east-1",
    dnsSuffix: "c2s.ic.gov",
  },
  {
    id: "aws-iso-b",
    regionRegex: new RegExp("^us\\-isob\\-\\w+\\-\\d+$"),
    regions: ["us-isob-east-1", "us-isob-west-1"],
    pseudoRegions: ["aws-iso-b-global"],
    implicitGlobalRegion: "us-isob-east-1",
    dnsSuffix: "sc2s.sgov.gov",
  },
  {
    id: "aws-iso-e",
    regionRegex: new RegExp("^eu\\-isoe\\-\\w+\\-\\d+$"),
    regions: ["eu-isoe-west-1"],
    pseudoRegions: ["aws-iso-e-global"],
    implicitGlobalRegion: "eu-isoe-west-1",
    dnsSuffix: "cloud.adc-e.uk",
  },
  {
    id: "aws-iso-f",
    regionRegex: new RegExp("^us\\-isof\\-\\w+\\-\\d+$"),
    regions: ["us-isof-east-1", "us-isof-south-1"],
    pseudoRegions: ["aws-iso-f-global"],
    implicitGlobalRegion: "us-isof-south-1",
    dnsSuffix: "csp.hci.ic.gov",
  },
  {
    id: "aws-us-gov",
    regionRegex: new RegExp("^us\\-gov\\-\\w+\\-\\d+$"),
    regions: ["us-gov-east-1", "us-gov-west-1"],
    pseudoRegions: ["aws-us-gov-global"],
    implicitGlobalRegion: "us-gov-west-1",
    dnsSuffix: "amazonaws.com",
  },
];

const PARTITION_OF_REGION: ReadonlyMap<string, AwsPartitionId> = new Map(
  AWS_PARTITIONS.flatMap((p) => p.regions.map((r) => [r, p.id] as const)),
);
const PARTITION_OF_PSEUDO_REGION: ReadonlyMap<string, AwsPartitionId> = new Map(
  AWS_PARTITIONS.flatMap((p) => p.pseudoRegions.map((r) => [r, p.id] as const)),
);

// Source: reference §3.1 (all partitions' regions from partitions.json, pseudo-regions excluded).
export const AWS_REGIONS: readonly string[] = AWS_PARTITIONS.flatMap((p) => p.regions);

// Source: reference §3.1 / partitions.json: the `<partition>-global` entries (see the note above AWS_PARTITIONS).
export const AWS_PSEUDO_REGIONS: readonly string[] = AWS_PARTITIONS.flatMap((p) => p.pseudoRegions);

/** The partition whose region list contains `code` (exact, case-sensitive; pseudo-regions excluded). */
export function awsPartitionOfRegion(code: string): AwsPartitionId | undefined {
  return PARTITION_OF_REGION.get(code);
}

/** Whether `code` is a real AWS region of any partition (exact, case-sensitive). */
export function isAwsRegion(code: string): boolean {
  return PARTITION_OF_REGION.has(code);
}

/** Whether `code` is one of the partitions' `*-global` pseudo-regions (exact). */
export function isAwsPseudoRegion(code: string): boolean {
  return PARTITION_OF_PSEUDO_REGION.has(code);
}

/**
 * The partition of `code` as the JS SDK's `partition()` resolves it (`util-endpoints` `partition.js`): exact
 * region or pseudo-region membership first, then the first partition whose `regionRegex` matches. Unlike the
 * SDK this does not fall back to `aws` for a code matching nothing: returns undefined.
 */
export function awsPartitionMatching(code: string): AwsPartitionId | undefined {
  const exact = PARTITION_OF_REGION.get(code) ?? PARTITION_OF_PSEUDO_REGION.get(code);
  if (exact !== undefined) return exact;
  return AWS_PARTITIONS.find((p) => p.regionRegex.test(code))?.id;
}

// Source: reference §3.1 opt-in rule ("Regions launched before March 20, 2019 are enabled by default",
// https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-regions.html); ⚠ derived from launch dates.
// Corroborated 2026-12: the AWS Regions table (https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html)
// gives each region an opt-in status, and `aws ec2 describe-regions` answers `OptInStatus: opt-in-not-required` for
// exactly these (output posted by a botocore maintainer, gist jamesls/08a79968d11271a1895d401dbd096e2c). Every other
// region of the `aws` partition — af-south-1, ap-east-1, ap-east-2, ap-south-2, ap-southeast-3…7, ca-west-1,
// eu-central-2, eu-south-1, eu-south-2, il-central-1, me-central-1, me-south-1, me-west-1, mx-central-1,
// sa-west-1 — is opt-in (`isOptInRegion`).
export const AWS_DEFAULT_ENABLED_REGIONS: readonly string[] = [
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "ca-central-1",
  "sa-east-1",
  "eu-central-1",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "eu-north-1",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-south-1",
  "ap-southeast-1",
  "ap-southeast-2",
];

const DEFAULT_ENABLED: ReadonlySet<string> = new Set(AWS_DEFAULT_ENABLED_REGIONS);

/**
 * Whether `code` is an opt-in ("not enabled by default") region of the commercial `aws` partition — where STS
 * v1 tokens from the global endpoint do not work (reference §3.1). False for other partitions and non-regions.
 */
export function isOptInRegion(code: string): boolean {
  return PARTITION_OF_REGION.get(code) === "aws" && !DEFAULT_ENABLED.has(code);
}

/*
 * STS and opt-in regions (reference §3.1, errata 2026-12). "Version 1 tokens are valid only in AWS Regions that are
 * available by default. These tokens do not work in manually enabled Regions, such as Asia Pacific (Hong Kong).
 * Version 2 tokens are valid in all Regions" (IAM API reference, SetSecurityTokenServicePreferences,
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_SetSecurityTokenServicePreferences.html); only the global
 * endpoint issues version 1 tokens, and only while the account's GlobalEndpointTokenVersion is v1Token (the
 * default). Regional endpoints' tokens are valid everywhere. A v1 token in an opt-in region fails with
 * InvalidClientTokenId "The security token included in the request is invalid" (EC2: AuthFailure) — reported in
 * 99designs/aws-vault#512 and Versent/saml2aws#928.
 *
 * `sts_regional_endpoints = legacy` does NOT send opt-in regions to the global endpoint: botocore's
 * LEGACY_GLOBAL_STS_REGIONS (`args.py` @ 0e6e2404b85dc336dd2889814e089bde7d1a4c55) lists only the 16 regions that
 * existed before regional STS (plus `aws-global`), all default-enabled; every other region uses its regional
 * endpoint in either mode. What does send them there is an endpoint override naming the global host.
 */
// Source: botocore `args.py` LEGACY_GLOBAL_STS_REGIONS (see above).
export const LEGACY_GLOBAL_STS_REGIONS: readonly string[] = [
  "ap-northeast-1", "ap-south-1", "ap-southeast-1", "ap-southeast-2", "aws-global", "ca-central-1", "eu-central-1",
  "eu-north-1", "eu-west-1", "eu-west-2", "eu-west-3", "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
];

/** Whether an endpoint URL names the global STS endpoint (`https://sts.amazonaws.com`, with or without scheme or `/`). */
export function isGlobalStsEndpoint(url: string): boolean {
  return /^(?:https?:\/\/)?sts\.amazonaws\.com(?::443)?\/?$/i.test(url.trim());
}

// Source: AWS docs region names (https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html),
// equal to the partitions.json `description`s except São Paulo (SDK: "Sao Paulo"); reference §3.1.
export const AWS_REGION_DISPLAY_NAMES: Readonly<Record<string, string>> = {
  "af-south-1": "Africa (Cape Town)",
  "ap-east-1": "Asia Pacific (Hong Kong)",
  "ap-east-2": "Asia Pacific (Taipei)",
  "ap-northeast-1": "Asia Pacific (Tokyo)",
  "ap-northeast-2": "Asia Pacific (Seoul)",
  "ap-northeast-3": "Asia Pacific (Osaka)",
  "ap-south-1": "Asia Pacific (Mumbai)",
  "ap-south-2": "Asia Pacific (Hyderabad)",
  "ap-southeast-1": "Asia Pacific (Singapore)",
  "ap-southeast-2": "Asia Pacific (Sydney)",
  "ap-southeast-3": "Asia Pacific (Jakarta)",
  "ap-southeast-4": "Asia Pacific (Melbourne)",
  "ap-southeast-5": "Asia Pacific (Malaysia)",
  "ap-southeast-6": "Asia Pacific (New Zealand)",
  "ap-southeast-7": "Asia Pacific (Thailand)",
  "ca-central-1": "Canada (Central)",
  "ca-west-1": "Canada West (Calgary)",
  "eu-central-1": "Europe (Frankfurt)",
  "eu-central-2": "Europe (Zurich)",
  "eu-north-1": "Europe (Stockholm)",
  "eu-south-1": "Europe (Milan)",
  "eu-south-2": "Europe (Spain)",
  "eu-west-1": "Europe (Ireland)",
  "eu-west-2": "Europe (London)",
  "eu-west-3": "Europe (Paris)",
  "il-central-1": "Israel (Tel Aviv)",
  "me-central-1": "Middle East (UAE)",
  "me-south-1": "Middle East (Bahrain)",
  "me-west-1": "Middle East (Saudi Arabia)",
  "mx-central-1": "Mexico (Central)",
  "sa-east-1": "South America (São Paulo)",
  "sa-west-1": "South America (Chile)",
  "us-east-1": "US East (N. Virginia)",
  "us-east-2": "US East (Ohio)",
  "us-west-1": "US West (N. California)",
  "us-west-2": "US West (Oregon)",
  "cn-north-1": "China (Beijing)",
  "cn-northwest-1": "China (Ningxia)",
  "us-gov-east-1": "AWS GovCloud (US-East)",
  "us-gov-west-1": "AWS GovCloud (US-West)",
  "eusc-de-east-1": "AWS European Sovereign Cloud (Germany)",
};

// Source: common spellings of AWS location names (not in partitions.json); only unambiguous ones.
const EXTRA_DISPLAY_ALIASES: Readonly<Record<string, string>> = {
  "Northern Virginia": "us-east-1",
  Virginia: "us-east-1",
  "Northern California": "us-west-1",
  California: "us-west-1",
  "Sao Paulo": "sa-east-1",
  "South America (Sao Paulo)": "sa-east-1",
};

/** Lower-case, strip accents, punctuation → single spaces: "US East (N. Virginia)" → "us east n virginia". */
function normalizeName(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** normalised display name / location → region (undefined value: ambiguous). */
const DISPLAY_NAME_INDEX: ReadonlyMap<string, string | undefined> = (() => {
  const index = new Map<string, string | undefined>();
  const add = (name: string, code: string): void => {
    const key = normalizeName(name);
    if (key === "") return;
    if (index.has(key) && index.get(key) !== code) index.set(key, undefined);
    else index.set(key, code);
  };
  for (const [code, name] of Object.entries(AWS_REGION_DISPLAY_NAMES)) {
    add(name, code);
    if (PARTITION_OF_REGION.get(code) !== "aws") continue;
    // "Europe (Ireland)" → "Ireland" and "Europe"; ambiguous parts ("Central", "Europe") map to undefined.
    const m = /^(.*?)\s*\((.*)\)$/.exec(name);
    if (m?.[1] !== undefined && m[2] !== undefined) {
      add(m[2], code);
      add(m[1], code);
    }
  }
  for (const [name, code] of Object.entries(EXTRA_DISPLAY_ALIASES)) add(name, code);
  return index;
})();

// Source: AWS docs region names vs. Azure region locations (reference §3.2 list); only same metro/country pairs,
// plus `westeurope` → `eu-west-1` by name (Azure West Europe is the Netherlands, which has no AWS region).
export const AZURE_TO_AWS: Readonly<Record<string, string>> = {
  eastus: "us-east-1",
  eastus2: "us-east-1",
  westus: "us-west-1",
  westus2: "us-west-2",
  northeurope: "eu-west-1",
  westeurope: "eu-west-1",
  uksouth: "eu-west-2",
  ukwest: "eu-west-2",
  francecentral: "eu-west-3",
  francesouth: "eu-west-3",
  germanywestcentral: "eu-central-1",
  germanynorth: "eu-central-1",
  switzerlandnorth: "eu-central-2",
  switzerlandwest: "eu-central-2",
  swedencentral: "eu-north-1",
  italynorth: "eu-south-1",
  spaincentral: "eu-south-2",
  canadacentral: "ca-central-1",
  canadaeast: "ca-central-1",
  brazilsouth: "sa-east-1",
  brazilsoutheast: "sa-east-1",
  chilecentral: "sa-west-1",
  mexicocentral: "mx-central-1",
  japaneast: "ap-northeast-1",
  japanwest: "ap-northeast-3",
  koreacentral: "ap-northeast-2",
  koreasouth: "ap-northeast-2",
  eastasia: "ap-east-1",
  southeastasia: "ap-southeast-1",
  australiaeast: "ap-southeast-2",
  australiasoutheast: "ap-southeast-4",
  centralindia: "ap-south-1",
  westindia: "ap-south-1",
  indonesiacentral: "ap-southeast-3",
  malaysiawest: "ap-southeast-5",
  newzealandnorth: "ap-southeast-6",
  israelcentral: "il-central-1",
  uaenorth: "me-central-1",
  uaecentral: "me-central-1",
  southafricanorth: "af-south-1",
  southafricawest: "af-south-1",
  chinanorth: "cn-north-1",
  chinanorth2: "cn-north-1",
  chinanorth3: "cn-north-1",
};

// Source: AWS docs region names vs. reference §3.3 GCP locations; same metro (or only region in the country).
export const GCP_TO_AWS: Readonly<Record<string, string>> = {
  "us-east4": "us-east-1",
  "us-east5": "us-east-2",
  "us-west1": "us-west-2",
  "northamerica-northeast1": "ca-central-1",
  "northamerica-south1": "mx-central-1",
  "southamerica-east1": "sa-east-1",
  "southamerica-west1": "sa-west-1",
  "europe-west2": "eu-west-2",
  "europe-west3": "eu-central-1",
  "europe-west6": "eu-central-2",
  "europe-west8": "eu-south-1",
  "europe-west9": "eu-west-3",
  "europe-north2": "eu-north-1",
  "europe-southwest1": "eu-south-2",
  "me-west1": "il-central-1",
  "me-central2": "me-west-1",
  "asia-east1": "ap-east-2",
  "asia-east2": "ap-east-1",
  "asia-northeast1": "ap-northeast-1",
  "asia-northeast2": "ap-northeast-3",
  "asia-northeast3": "ap-northeast-2",
  "asia-south1": "ap-south-1",
  "asia-southeast1": "ap-southeast-1",
  "asia-southeast2": "ap-southeast-3",
  "australia-southeast1": "ap-southeast-2",
  "australia-southeast2": "ap-southeast-4",
  "africa-south1": "af-south-1",
};

// GCP geography prefix → AWS prefix, for the same-shape rewrite `europe-west1` → `eu-west-1`.
const GCP_GEO_TO_AWS: Readonly<Record<string, string>> = {
  us: "us",
  europe: "eu",
  asia: "ap",
  australia: "ap",
  southamerica: "sa",
  me: "me",
  africa: "af",
};

export type BadAwsRegionKind =
  | "availability-zone"
  | "gcp-style"
  | "azure-style"
  | "display-name"
  | "upper-case"
  | "whitespace"
  | "quoted"
  | "pseudo-region"
  | "fips-pseudo"
  | "unknown";

export interface BadAwsRegionExplanation {
  readonly kind: BadAwsRegionKind;
  /** A valid AWS region the author probably meant, when there is an obvious one. */
  readonly suggestion?: string;
  /** Extra context for the message (e.g. which SDKs accept the value, or the location of a foreign region). */
  readonly note?: string;
}

function regionOfZone(value: string): string | undefined {
  // AZ name `us-east-1a`; Local Zone / Wavelength zone `us-west-2-lax-1a`, `us-east-1-wl1-bos-wlz-1`.
  const az = /^(.+\d)([a-z])$/.exec(value);
  if (az?.[1] !== undefined && isAwsRegion(az[1])) return az[1];
  for (const region of AWS_REGIONS) {
    if (value.startsWith(`${region}-`) && /^[a-z0-9-]+$/.test(value.slice(region.length + 1))) return region;
  }
  return undefined;
}

const DIRECTION_ABBREVIATIONS: Readonly<Record<string, string>> = {
  east: "e",
  west: "w",
  north: "n",
  south: "s",
  central: "c",
  northeast: "ne",
  northwest: "nw",
  southeast: "se",
  southwest: "sw",
};

/** AZ-ID prefix (`use1` in `use1-az1`) → region; derived from the naming convention (`ap-northeast-1` → `apne1`). */
const AZ_ID_PREFIXES: ReadonlyMap<string, string> = new Map(
  AWS_REGIONS.flatMap((region) => {
    const m = /^([a-z]+)-(?:(gov)-)?([a-z]+)-(\d+)$/.exec(region);
    if (m === null) return [];
    const [, geo = "", gov = "", direction = "", n = ""] = m;
    const abbreviation = DIRECTION_ABBREVIATIONS[direction];
    if (abbreviation === undefined) return [];
    return [[`${geo}${gov === "gov" ? "g" : ""}${abbreviation}${n}`, region] as const];
  }),
);

function explainGcp(region: string, zone: boolean): BadAwsRegionExplanation {
  const location = GCP_REGION_LOCATIONS[region];
  const what = location === undefined ? "" : ` (GCP's ${location} region)`;
  const note = zone ? `GCP zone of ${region}${what}` : `GCP-style region name${what}`;
  // 1. A dash forgotten before the number: `us-east1` → `us-east-1`.
  const dashed = /^([a-z]+-[a-z]+)(\d+)$/.exec(region);
  if (dashed?.[1] !== undefined && dashed[2] !== undefined) {
    const candidate = `${dashed[1]}-${dashed[2]}`;
    if (isAwsRegion(candidate)) {
      const sameLocation = GCP_TO_AWS[region];
      const also =
        sameLocation !== undefined && sameLocation !== candidate
          ? `; the AWS region in the same location is ${sameLocation}`
          : "";
      return { kind: "gcp-style", suggestion: candidate, note: `${note}${also}` };
    }
  }
  // 2. The AWS region in the same location.
  const sameLocation = GCP_TO_AWS[region];
  if (sameLocation !== undefined) return { kind: "gcp-style", suggestion: sameLocation, note };
  // 3. The AWS code of the same shape: `europe-west1` → `eu-west-1`.
  const shaped = /^([a-z]+)-([a-z]+)(\d+)$/.exec(region);
  if (shaped?.[1] !== undefined && shaped[2] !== undefined && shaped[3] !== undefined) {
    const geo = GCP_GEO_TO_AWS[shaped[1]];
    const candidate = geo === undefined ? undefined : `${geo}-${shaped[2]}-${shaped[3]}`;
    if (candidate !== undefined && isAwsRegion(candidate)) return { kind: "gcp-style", suggestion: candidate, note };
  }
  return { kind: "gcp-style", note };
}

/**
 * Why `value` is not an AWS region, with a suggestion where one is obvious (reference §3.1 "Common AWS region
 * mistakes"). Returns undefined when `value` is a valid region (`isAwsRegion`). Checks, in order: surrounding
 * whitespace / invisible characters, surrounding quotes, upper case, pseudo-regions (`aws-global`, `global`),
 * FIPS pseudo-regions, availability zones (names, Local Zones, AZ IDs), AWS display names, GCP names, Azure
 * names, and finally the closest valid code within edit distance 2.
 */
export function explainBadAwsRegion(value: string): BadAwsRegionExplanation | undefined {
  if (isAwsRegion(value)) return undefined;

  const cleaned = stripInvisibleChars(value).trim();
  if (cleaned !== value) {
    if (cleaned === "") return { kind: "whitespace" };
    const inner = explainBadAwsRegion(cleaned);
    const suggestion = inner === undefined ? cleaned : inner.suggestion;
    return suggestion === undefined ? { kind: "whitespace" } : { kind: "whitespace", suggestion };
  }

  const unquoted = /^(["'`])(.*)\1$/.exec(value)?.[2];
  if (unquoted !== undefined) {
    const inner = explainBadAwsRegion(unquoted.trim());
    const suggestion = inner === undefined ? unquoted.trim() : inner.suggestion;
    return suggestion === undefined ? { kind: "quoted" } : { kind: "quoted", suggestion };
  }

  const lower = value.toLowerCase();
  if (lower !== value && isAwsRegion(lower)) return { kind: "upper-case", suggestion: lower };

  if (lower === "global" || isAwsPseudoRegion(lower)) {
    const partition = PARTITION_OF_PSEUDO_REGION.get(lower) ?? "aws";
    const implicit = AWS_PARTITIONS.find((p) => p.id === partition)?.implicitGlobalRegion;
    const base = {
      kind: "pseudo-region",
      note: "a pseudo-region used in endpoint metadata for global endpoints, not a client region",
    } as const;
    return implicit === undefined ? base : { ...base, suggestion: implicit };
  }

  const fips = /^fips-(.+)$/.exec(lower)?.[1] ?? /^(.+)-fips$/.exec(lower)?.[1];
  if (fips !== undefined && (isAwsRegion(fips) || isAwsPseudoRegion(fips))) {
    return {
      kind: "fips-pseudo",
      suggestion: isAwsRegion(fips) ? fips : (awsImplicitGlobalRegion(fips) ?? fips),
      note: "only the JS SDK v3 accepts FIPS pseudo-regions (and rewrites them); portable: set use_fips_endpoint = true",
    };
  }

  const zoneRegion = regionOfZone(lower);
  if (zoneRegion !== undefined) return { kind: "availability-zone", suggestion: zoneRegion };
  const azId = /^([a-z]+\d+)-az\d+$/.exec(lower)?.[1];
  if (azId !== undefined) {
    const region = AZ_ID_PREFIXES.get(azId);
    return region === undefined
      ? { kind: "availability-zone", note: "an availability-zone ID" }
      : { kind: "availability-zone", suggestion: region, note: "an availability-zone ID" };
  }

  // "us-east-1 (N. Virginia)" — a code followed by its display name.
  const leadingCode = /^([a-z0-9-]+)\s*\(/.exec(lower)?.[1];
  if (leadingCode !== undefined && isAwsRegion(leadingCode)) return { kind: "display-name", suggestion: leadingCode };
  const normalized = normalizeName(value);
  if (DISPLAY_NAME_INDEX.has(normalized)) {
    const code = DISPLAY_NAME_INDEX.get(normalized);
    return code === undefined ? { kind: "display-name" } : { kind: "display-name", suggestion: code };
  }

  const gcpZone = GCP_ZONE_RE.exec(lower);
  if (gcpZone?.[1] !== undefined) return explainGcp(gcpZone[1], true);
  if (/^[a-z]+-[a-z]+\d+$/.test(lower)) return explainGcp(lower, false);

  const azure = lower.replace(/[\s_-]+/g, "");
  const azureInfo = AZURE_REGION_INFO[azure];
  if (azureInfo !== undefined) {
    const suggestion = AZURE_TO_AWS[azure];
    const cloud = { public: "", china: " (Azure China)", usgovernment: " (Azure Government)" }[azureInfo.cloud];
    const note = `Azure region name${cloud}`;
    return suggestion === undefined ? { kind: "azure-style", note } : { kind: "azure-style", suggestion, note };
  }

  const near = closest(lower, AWS_REGIONS, 2);
  return near === undefined ? { kind: "unknown" } : { kind: "unknown", suggestion: near.value };
}

/** `implicitGlobalRegion` of the partition owning pseudo-region `code`. */
function awsImplicitGlobalRegion(code: string): string | undefined {
  const partition = PARTITION_OF_PSEUDO_REGION.get(code);
  return AWS_PARTITIONS.find((p) => p.id === partition)?.implicitGlobalRegion;
}
