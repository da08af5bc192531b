import { describe, expect, it } from "vitest";
import { AZURE_REGIONS } from "../../src/knowledge/azure-locations.js";
import { isSasToken, sasExpiry, sasParams } from "../../src/knowledge/azure-sas.js";
import { cloudOfKeySecretName, isAwsKeyInputName, NON_AWS_S3 } from "../../src/knowledge/cloud-key-secrets.js";
import { explainBadAzureLocation, explainBadGcpLocation, locationSettingOf, type LocationExpectation } from "../../src/knowledge/cloud-locations.js";
import { GCP_REGIONS, gcpRegionOfZone, isGcpRegion } from "../../src/knowledge/gcp-regions.js";

describe("explainBadGcpLocation", () => {
  const cases: [string, LocationExpectation, string | undefined, string | undefined][] = [
    // value, expects, kind (undefined: valid), suggestion
    ["us-east1", "region", undefined, undefined],
    ["us-east1-b", "zone", undefined, undefined],
    ["us-central1-ai1a", "zone", undefined, undefined],
    ["us-central2-b", "zone", undefined, undefined],
    ["asia-southeast3", "region", undefined, undefined],
    ["US", "location", undefined, undefined],
    ["global", "location", undefined, undefined],
    ["europe-west4-a", "location", undefined, undefined],
    ["us-east1-b", "region", "zone-as-region", "us-east1"],
    ["us-east1", "zone", "region-as-zone", undefined],
    ["us", "region", "multi-region", undefined],
    ["US-CENTRAL1", "region", "upper-case", "us-central1"],
    [" us-east1", "region", "whitespace", "us-east1"],
    ["us-east-1", "region", "aws-style", "us-east1"],
    ["eu-west-1", "region", "aws-style", "europe-west1"],
    ["us-east-1a", "location", "aws-style", "us-east1"],
    ["us-east-1", "zone", "aws-style", undefined],
    ["eastus", "region", "azure-style", "us-east4"],
    ["westeurope", "location", "azure-style", undefined],
    ["us-centrall", "region", "unknown", "us-central1"],
    ["europe-wst1-b", "zone", "unknown", "europe-west1-b"],
    ["us-east3-b", "zone", undefined, undefined],
    // A name as near to several regions as to one (a region opened after this release) is not reported.
    ["europe-west11", "region", undefined, undefined],
    ["us-east2", "region", undefined, undefined],
  ];
  for (const [value, expects, kind, suggestion] of cases) {
    it(`${JSON.stringify(value)} as a ${expects} → ${kind ?? "valid"}`, () => {
      const bad = explainBadGcpLocation(value, expects);
      expect(bad?.kind).toBe(kind);
      expect(bad?.suggestion).toBe(suggestion);
    });
  }

  it("accepts every known region, and each region's zones", () => {
    for (const code of GCP_REGIONS) {
      expect(isGcpRegion(code)).toBe(true);
      expect(explainBadGcpLocation(code, "region")).toBeUndefined();
      expect(explainBadGcpLocation(`${code}-c`, "zone")).toBeUndefined();
      expect(gcpRegionOfZone(`${code}-c`)).toBe(code);
    }
  });
});

describe("explainBadAzureLocation", () => {
  const cases: [string, string | undefined, string | undefined][] = [
    ["eastus", undefined, undefined],
    ["East US", undefined, undefined],
    ["EastUS2", undefined, undefined],
    ["Australia Central 2", undefined, undefined],
    ["global", undefined, undefined],
    ["eastus2euap", undefined, undefined],
    ["canada", undefined, undefined],
    ["westus4", undefined, undefined],
    ["east-us", "separators", "eastus"],
    ["west_europe", "separators", "westeurope"],
    ["us-east-1", "aws-style", "eastus"],
    ["eu-west-1", "aws-style", "northeurope"],
    ["europe-west1", "gcp-style", undefined],
    ["us-east4", "gcp-style", "eastus"],
    ["westeurop", "unknown", "westeurope"],
  ];
  for (const [value, kind, suggestion] of cases) {
    it(`${JSON.stringify(value)} → ${kind ?? "valid"}`, () => {
      const bad = explainBadAzureLocation(value);
      expect(bad?.kind).toBe(kind);
      expect(bad?.suggestion).toBe(suggestion);
    });
  }

  it("accepts every known location", () => {
    for (const name of AZURE_REGIONS) expect(explainBadAzureLocation(name)).toBeUndefined();
  });
});

describe("locationSettingOf", () => {
  const of = (key: string, syntax: string, provider: string) => locationSettingOf({ key: { text: key }, syntax, provider });
  it("knows the variables the tools read, by exact name", () => {
    expect(of("CLOUDSDK_COMPUTE_REGION", "env", "gcp")).toMatchObject({ cloud: "gcp", expects: "region" });
    expect(of("CLOUDSDK_RUN_REGION", "env", "gcp")).toMatchObject({ cloud: "gcp", expects: "region", reader: "gcloud (run/region)" });
    expect(of("CLOUDSDK_COMPUTE_ZONE", "env", "gcp")).toMatchObject({ expects: "zone" });
    expect(of("AZURE_LOCATION", "env", "azure")).toMatchObject({ cloud: "azure" });
    expect(of("ARM_LOCATION", "env", "azure")).toBeUndefined();
    expect(of("GOOGLE_CLOUD_REGION", "env", "gcp")).toBeUndefined();
    expect(of("cloudsdk_compute_region", "env", "gcp")).toBeUndefined();
  });
  it("reads region, zone and location options by the setting's cloud", () => {
    expect(of("region", "code", "gcp")).toMatchObject({ expects: "region" });
    expect(of("location", "input", "gcp")).toMatchObject({ expects: "location" });
    expect(of("location", "code", "azure")).toMatchObject({ cloud: "azure" });
    expect(of("region", "input", "azure")).toMatchObject({ cloud: "azure" });
    expect(of("region", "code", "generic")).toBeUndefined();
    expect(of("region", "ini", "gcp")).toBeUndefined();
  });
});

describe("Azure SAS parameters", () => {
  it("reads a SAS in a URL, a connection string and a bare variable value", () => {
    const url = sasParams("https://a.blob.core.windows.net/c?sv=2022-11-02&sp=r&se=2024-03-01T00%3A00%3A00Z&sig=abc%3D");
    expect(url.get("se")?.value).toBe("2024-03-01T00:00:00Z");
    expect(url.get("se")?.raw).toBe("2024-03-01T00%3A00%3A00Z");
    const cs = sasParams("BlobEndpoint=https://a.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&se=2026-05-31&sig=x");
    expect(cs.get("sv")?.value).toBe("2022-11-02");
    expect(cs.get("se")?.value).toBe("2026-05-31");
    const bare = "AZURE_STORAGE_SAS_TOKEN=sp=r&st=2025-01-05T09:00:00Z&se=2025-07-05T17:00:00Z&sv=2022-11-02&sig=y";
    const params = sasParams(bare);
    expect(params.get("sp")?.value).toBe("r");
    expect(bare.slice(params.get("se")?.offset).startsWith("2025-07-05T17:00:00Z")).toBe(true);
  });
  it("needs a signed version and a signature of some length", () => {
    expect(isSasToken(sasParams(`sv=2022-11-02&se=2024-01-01&sig=${"a".repeat(43)}%3D`))).toBe(true);
    expect(isSasToken(sasParams("sv=2022-11-02&se=2024-01-01&sig=short"))).toBe(false);
    expect(isSasToken(sasParams(`x=1&se=2024-01-01&sig=${"a".repeat(43)}`))).toBe(false);
  });
  it("reads the accepted expiry formats as UTC", () => {
    expect(sasExpiry("2024-03-01")).toBe(Date.parse("2024-03-01T00:00:00Z"));
    expect(sasExpiry("2024-03-01T10:30Z")).toBe(Date.parse("2024-03-01T10:30:00Z"));
    expect(sasExpiry("2024-03-01T10:30:15Z")).toBe(Date.parse("2024-03-01T10:30:15Z"));
    expect(sasExpiry("2024-03-01T10:30:15.1234567Z")).toBe(Date.parse("2024-03-01T10:30:15.123Z"));
    expect(sasExpiry("1")).toBeUndefined();
    expect(sasExpiry("tomorrow")).toBeUndefined();
  });
});

describe("cloud key secret names", () => {
  it("knows the names of cloud keys as whole words of a name", () => {
    expect(cloudOfKeySecretName("AWS_ACCESS_KEY_ID")).toBe("aws");
    expect(cloudOfKeySecretName("PROD_AWS_SECRET_ACCESS_KEY")).toBe("aws");
    expect(cloudOfKeySecretName("AWS_SECRET_ACCESS_KEY_STAGING")).toBe("aws");
    expect(cloudOfKeySecretName("AZURE_CREDENTIALS")).toBe("azure");
    expect(cloudOfKeySecretName("GCP_SA_KEY")).toBe("gcp");
    expect(cloudOfKeySecretName("AWS_REGION")).toBeUndefined();
    expect(cloudOfKeySecretName("AWS_ACCOUNT_ID")).toBeUndefined();
  });
  it("knows AWS key inputs and other stores' names", () => {
    expect(isAwsKeyInputName("aws-access-key-id")).toBe(true);
    expect(isAwsKeyInputName("aws_secret_access_key")).toBe(true);
    expect(isAwsKeyInputName("AWS_ACCESS_KEY_ID")).toBe(true);
    expect(isAwsKeyInputName("access_key")).toBe(false);
    expect(isAwsKeyInputName("r2-access-key-id")).toBe(false);
    expect(NON_AWS_S3.test("R2_ACCESS_KEY_ID")).toBe(true);
    expect(NON_AWS_S3.test("DO_SPACES_SECRET")).toBe(true);
    expect(NON_AWS_S3.test("AWS_ACCESS_KEY_ID")).toBe(false);
    expect(NON_AWS_S3.test("DOCKER_PASSWORD")).toBe(false);
  });
});
