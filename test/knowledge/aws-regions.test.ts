import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { partition as sdkPartition } from "@aws-sdk/util-endpoints";
import { describe, expect, it } from "vitest";
import {
  AWS_DEFAULT_ENABLED_REGIONS,
  AWS_PARTITION_IDS,
  AWS_PARTITIONS,
  AWS_PSEUDO_REGIONS,
  AWS_REGION_DISPLAY_NAMES,
  AWS_REGIONS,
  AZURE_REGION_INFO,
  AZURE_REGIONS,
  GCP_REGIONS,
  GCP_ZONE_RE,
  awsPartitionMatching,
  awsPartitionOfRegion,
  explainBadAwsRegion,
  isAwsPseudoRegion,
  isAwsRegion,
  isOptInRegion,
} from "../../src/knowledge/aws-regions.js";

// ---------------------------------------------------------------------------------------------------------
// The SDK's own partition data

interface SdkPartition {
  readonly id: string;
  readonly regionRegex: string;
  readonly regions: Readonly<Record<string, { readonly description?: string }>>;
  readonly outputs: { readonly dnsSuffix: string; readonly implicitGlobalRegion: string };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function asSdkPartitions(data: unknown): SdkPartition[] {
  if (!isRecord(data) || !Array.isArray(data.partitions)) throw new Error("partitions data: no partitions array");
  return data.partitions.map((p: unknown): SdkPartition => {
    if (
      !isRecord(p) ||
      typeof p.id !== "string" ||
      typeof p.regionRegex !== "string" ||
      !isRecord(p.regions) ||
      !isRecord(p.outputs) ||
      typeof p.outputs.dnsSuffix !== "string" ||
      typeof p.outputs.implicitGlobalRegion !== "string"
    ) {
      throw new Error(`partitions data: unexpected partition ${JSON.stringify(p)}`);
    }
    const regions: Record<string, { description?: string }> = {};
    for (const [code, info] of Object.entries(p.regions)) {
      const description = isRecord(info) && typeof info.description === "string" ? info.description : undefined;
      regions[code] = description === undefined ? {} : { description };
    }
    return {
      id: p.id,
      regionRegex: p.regionRegex,
      regions,
      outputs: { dnsSuffix: p.outputs.dnsSuffix, implicitGlobalRegion: p.outputs.implicitGlobalRegion },
    };
  });
}

/**
 * Load the partition data the installed `@aws-sdk/util-endpoints` uses. Older versions ship
 * `dist-cjs/lib/aws/partitions.json`; current ones re-export `@aws-sdk/core/client`, whose
 * `dist-es/submodules/client/util-endpoints/lib/aws/partitions.js` is `export const partitionsInfo = {JSON};`.
 */
function loadSdkPartitions(): { file: string; partitions: SdkPartition[] } {
  const require = createRequire(import.meta.url);
  const utilDir = path.dirname(require.resolve("@aws-sdk/util-endpoints/package.json"));
  const fromUtil = createRequire(path.join(utilDir, "package.json"));
  const candidates = [
    path.join(utilDir, "dist-cjs/lib/aws/partitions.json"),
    path.join(utilDir, "dist-es/lib/aws/partitions.json"),
  ];
  try {
    const coreDir = path.dirname(fromUtil.resolve("@aws-sdk/core/package.json"));
    candidates.push(path.join(coreDir, "dist-es/submodules/client/util-endpoints/lib/aws/partitions.js"));
  } catch {
    // older util-endpoints without the @aws-sdk/core dependency
  }
  for (const file of candidates) {
    if (!existsSync(file)) continue;
    const text = readFileSync(file, "utf8");
    if (file.endsWith(".json")) return { file, partitions: asSdkPartitions(JSON.parse(text)) };
    const m = /export const partitionsInfo = (\{[\s\S]*\});?\s*$/.exec(text);
    if (m?.[1] === undefined) throw new Error(`${file}: not the expected "export const partitionsInfo = {…}" module`);
    return { file, partitions: asSdkPartitions(JSON.parse(m[1])) };
  }
  throw new Error(`partitions data not found; looked at:\n${candidates.join("\n")}`);
}

const sdk = loadSdkPartitions();
const sorted = (xs: Iterable<string>): string[] => [...xs].sort();
const isPseudo = (p: SdkPartition, code: string): boolean => !new RegExp(p.regionRegex).test(code);

describe("AWS_PARTITIONS agrees with the installed AWS JS SDK's partition data", () => {
  it("found the data", () => {
    expect(sdk.file).toMatch(/partitions\.js(on)?$/);
    expect(sdk.partitions.length).toBeGreaterThan(0);
  });

  it("has the same partitions, in the same order (the SDK matches regexes in order)", () => {
    expect(AWS_PARTITIONS.map((p) => p.id)).toEqual(sdk.partitions.map((p) => p.id));
    expect([...AWS_PARTITION_IDS]).toEqual(sdk.partitions.map((p) => p.id));
  });

  for (const theirs of sdk.partitions) {
    describe(theirs.id, () => {
      const ours = AWS_PARTITIONS.find((p) => p.id === theirs.id);

      it("regionRegex is identical", () => {
        expect(ours?.regionRegex.source).toBe(theirs.regionRegex);
        expect(ours?.regionRegex.flags).toBe("");
      });

      it("regions are identical (pseudo-regions: entries the partition's own regex does not match)", () => {
        const sdkCodes = Object.keys(theirs.regions);
        expect(sorted(ours?.regions ?? [])).toEqual(sorted(sdkCodes.filter((c) => !isPseudo(theirs, c))));
        expect(sorted(ours?.pseudoRegions ?? [])).toEqual(sorted(sdkCodes.filter((c) => isPseudo(theirs, c))));
      });

      it("outputs (implicitGlobalRegion, dnsSuffix) are identical", () => {
        expect(ours?.implicitGlobalRegion).toBe(theirs.outputs.implicitGlobalRegion);
        expect(ours?.dnsSuffix).toBe(theirs.outputs.dnsSuffix);
      });
    });
  }

  it("the SDK's partition() puts every region and pseudo-region where we do", () => {
    for (const p of AWS_PARTITIONS) {
      for (const code of [...p.regions, ...p.pseudoRegions]) {
        expect({ code, partition: sdkPartition(code).name }).toEqual({ code, partition: p.id });
        expect(awsPartitionMatching(code)).toBe(p.id);
      }
    }
  });

  it("unlisted codes fall to the same partition by regex as in the SDK", () => {
    for (const code of ["us-east-9", "cn-south-7", "us-gov-north-3", "us-isob-south-2", "eusc-de-west-5", "eu-isoe-x-1"]) {
      expect({ code, partition: awsPartitionMatching(code) }).toEqual({ code, partition: sdkPartition(code).name });
    }
    expect(awsPartitionMatching("not-a-region")).toBeUndefined();
  });

  it("display names equal the SDK descriptions (up to accents)", () => {
    const strip = (s: string): string => s.normalize("NFKD").replace(/\p{M}/gu, "");
    for (const p of sdk.partitions) {
      for (const [code, info] of Object.entries(p.regions)) {
        const ours = AWS_REGION_DISPLAY_NAMES[code];
        if (ours === undefined || info.description === undefined) continue;
        expect({ code, name: strip(ours) }).toEqual({ code, name: info.description });
      }
    }
  });
});

describe("region helpers", () => {
  it("every region of the aws, aws-cn, aws-us-gov and aws-eusc partitions has a display name", () => {
    for (const p of AWS_PARTITIONS.filter((x) => ["aws", "aws-cn", "aws-us-gov", "aws-eusc"].includes(x.id))) {
      for (const code of p.regions) expect(AWS_REGION_DISPLAY_NAMES[code], code).toBeDefined();
    }
    for (const code of Object.keys(AWS_REGION_DISPLAY_NAMES)) expect(isAwsRegion(code), code).toBe(true);
  });

  it("awsPartitionOfRegion / isAwsRegion are exact", () => {
    expect(awsPartitionOfRegion("us-east-1")).toBe("aws");
    expect(awsPartitionOfRegion("cn-northwest-1")).toBe("aws-cn");
    expect(awsPartitionOfRegion("us-gov-west-1")).toBe("aws-us-gov");
    expect(awsPartitionOfRegion("eusc-de-east-1")).toBe("aws-eusc");
    expect(awsPartitionOfRegion("us-isof-south-1")).toBe("aws-iso-f");
    expect(awsPartitionOfRegion("aws-global")).toBeUndefined();
    expect(awsPartitionOfRegion("US-EAST-1")).toBeUndefined();
    expect(awsPartitionOfRegion("us-east-9")).toBeUndefined();
    expect(isAwsRegion("eu-west-1")).toBe(true);
    expect(isAwsRegion("eu-west-1 ")).toBe(false);
    expect(isAwsRegion("us-east-1a")).toBe(false);
    expect(isAwsRegion("aws-global")).toBe(false);
    expect(isAwsPseudoRegion("aws-global")).toBe(true);
    expect(isAwsPseudoRegion("aws-us-gov-global")).toBe(true);
    expect(isAwsPseudoRegion("us-east-1")).toBe(false);
    expect(AWS_PSEUDO_REGIONS).toContain("aws-cn-global");
    expect(new Set(AWS_REGIONS).size).toBe(AWS_REGIONS.length);
  });

  it("opt-in regions: the aws-partition regions launched after 2019-03-20", () => {
    for (const code of AWS_DEFAULT_ENABLED_REGIONS) expect(awsPartitionOfRegion(code), code).toBe("aws");
    expect(AWS_DEFAULT_ENABLED_REGIONS).toHaveLength(17);
    expect(isOptInRegion("ap-east-1")).toBe(true);
    expect(isOptInRegion("af-south-1")).toBe(true);
    expect(isOptInRegion("me-south-1")).toBe(true);
    expect(isOptInRegion("eu-south-2")).toBe(true);
    expect(isOptInRegion("us-east-1")).toBe(false);
    expect(isOptInRegion("eu-north-1")).toBe(false);
    expect(isOptInRegion("ap-northeast-3")).toBe(false);
    expect(isOptInRegion("cn-north-1")).toBe(false);
    expect(isOptInRegion("us-gov-east-1")).toBe(false);
    expect(isOptInRegion("not-a-region")).toBe(false);
  });

  it("GCP and Azure lists do not overlap AWS codes and are well-formed", () => {
    for (const code of GCP_REGIONS) {
      expect(code).toMatch(/^[a-z]+-[a-z]+\d+$/);
      expect(isAwsRegion(code)).toBe(false);
      expect(GCP_ZONE_RE.exec(`${code}-b`)?.[1]).toBe(code);
    }
    expect(GCP_REGIONS).toContain("us-central1");
    expect(GCP_REGIONS).toContain("europe-west12");
    for (const code of AZURE_REGIONS) {
      expect(code).toMatch(/^[a-z]+\d?$/);
      expect(isAwsRegion(code)).toBe(false);
    }
    expect(AZURE_REGION_INFO.westeurope?.cloud).toBe("public");
    expect(AZURE_REGION_INFO.francesouth?.access).toBe("restricted");
    expect(AZURE_REGION_INFO.chinanorth3?.cloud).toBe("china");
    expect(AZURE_REGION_INFO.usgovvirginia?.cloud).toBe("usgovernment");
    expect(AZURE_REGION_INFO.swedensouth?.official).toBe(false);
  });
});

describe("explainBadAwsRegion", () => {
  const cases: [string, string, string | undefined][] = [
    // availability zones
    ["us-east-1a", "availability-zone", "us-east-1"],
    ["eu-west-2c", "availability-zone", "eu-west-2"],
    ["us-gov-west-1b", "availability-zone", "us-gov-west-1"],
    ["us-west-2-lax-1a", "availability-zone", "us-west-2"],
    ["use1-az1", "availability-zone", "us-east-1"],
    ["apne1-az4", "availability-zone", "ap-northeast-1"],
    // GCP
    ["us-east1", "gcp-style", "us-east-1"],
    ["us-central1", "gcp-style", undefined],
    ["europe-west1", "gcp-style", "eu-west-1"],
    ["europe-west3", "gcp-style", "eu-central-1"],
    ["asia-northeast2", "gcp-style", "ap-northeast-3"],
    ["europe-west4", "gcp-style", undefined],
    ["us-central1-a", "gcp-style", undefined],
    ["us-east1-b", "gcp-style", "us-east-1"],
    // Azure
    ["eastus", "azure-style", "us-east-1"],
    ["westeurope", "azure-style", "eu-west-1"],
    ["northeurope", "azure-style", "eu-west-1"],
    ["centralus", "azure-style", undefined],
    ["norwayeast", "azure-style", undefined],
    ["East US", "azure-style", "us-east-1"],
    ["east-us", "azure-style", "us-east-1"],
    ["usgovvirginia", "azure-style", undefined],
    // display names
    ["US East (N. Virginia)", "display-name", "us-east-1"],
    ["N. Virginia", "display-name", "us-east-1"],
    ["Ireland", "display-name", "eu-west-1"],
    ["Europe (Frankfurt)", "display-name", "eu-central-1"],
    ["South America (São Paulo)", "display-name", "sa-east-1"],
    ["sao paulo", "display-name", "sa-east-1"],
    ["us-east-1 (N. Virginia)", "display-name", "us-east-1"],
    ["Europe", "display-name", undefined],
    ["US East", "display-name", undefined],
    // case, whitespace, quotes
    ["US-EAST-1", "upper-case", "us-east-1"],
    ["Eu-West-1", "upper-case", "eu-west-1"],
    [" us-east-1", "whitespace", "us-east-1"],
    ["us-east-1\r", "whitespace", "us-east-1"],
    ["us-east-1\u200b", "whitespace", "us-east-1"],
    ["\u00a0eu-west-1", "whitespace", "eu-west-1"],
    [" us-east-1a ", "whitespace", "us-east-1"],
    ['"us-east-1"', "quoted", "us-east-1"],
    ["'eu-west-1'", "quoted", "eu-west-1"],
    // pseudo-regions
    ["aws-global", "pseudo-region", "us-east-1"],
    ["global", "pseudo-region", "us-east-1"],
    ["aws-cn-global", "pseudo-region", "cn-northwest-1"],
    ["aws-us-gov-global", "pseudo-region", "us-gov-west-1"],
    ["fips-us-east-1", "fips-pseudo", "us-east-1"],
    ["us-east-1-fips", "fips-pseudo", "us-east-1"],
    ["fips-us-gov-west-1", "fips-pseudo", "us-gov-west-1"],
    // unknown
    ["us-east-7", "unknown", "us-east-1"],
    ["eu-wset-1", "unknown", "eu-west-1"],
    ["cn-north-2", "unknown", "cn-north-1"],
    ["mars-north-1", "unknown", undefined],
    ["foo", "unknown", undefined],
  ];
  for (const [value, kind, suggestion] of cases) {
    it(`${JSON.stringify(value)} → ${kind}${suggestion === undefined ? "" : ` (${suggestion})`}`, () => {
      const result = explainBadAwsRegion(value);
      expect(result?.kind).toBe(kind);
      expect(result?.suggestion).toBe(suggestion);
    });
  }

  it("returns undefined for a valid region", () => {
    for (const code of AWS_REGIONS) expect(explainBadAwsRegion(code)).toBeUndefined();
  });

  it("fips pseudo-regions carry a note about JS v3", () => {
    expect(explainBadAwsRegion("fips-us-east-1")?.note).toMatch(/JS SDK v3/);
  });

  it("every suggestion for every GCP and Azure region is a valid AWS region", () => {
    for (const code of GCP_REGIONS) {
      const r = explainBadAwsRegion(code);
      expect(r?.kind).toBe("gcp-style");
      if (r?.suggestion !== undefined) expect(isAwsRegion(r.suggestion), `${code} → ${r.suggestion}`).toBe(true);
    }
    for (const code of AZURE_REGIONS) {
      const r = explainBadAwsRegion(code);
      expect(r?.kind, code).toBe("azure-style");
      if (r?.suggestion !== undefined) expect(isAwsRegion(r.suggestion), `${code} → ${r.suggestion}`).toBe(true);
    }
  });

  it("every display name maps back to its region", () => {
    for (const [code, name] of Object.entries(AWS_REGION_DISPLAY_NAMES)) {
      expect(explainBadAwsRegion(name)).toEqual({ kind: "display-name", suggestion: code });
    }
  });
});
