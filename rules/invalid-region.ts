/**
 * invalid-region — region values no AWS endpoint exists for (reference §3.1). botocore and the JavaScript
 * SDK only check that a region is a valid host label, so `us-east-1a`, `US-EAST-1` or `us-east1` pass
 * their checks and fail later with "Could not connect to the endpoint URL" / `getaddrinfo ENOTFOUND` or a
 * signature error: credlint checks membership in the partition data (botocore `partitions.json`, tested
 * against the JavaScript SDK's copy).
 *
 * Google Cloud regions and zones and Azure locations (reference §3.2–3.3) are checked where a setting names
 * one: the environment variables gcloud, the Terraform google provider, the Google Gen AI SDK, the Azure CLI
 * and the Azure Developer CLI read (`CLOUDSDK_COMPUTE_REGION`, `CLOUDSDK_COMPUTE_ZONE`, `GOOGLE_REGION`,
 * `GOOGLE_CLOUD_LOCATION`, `AZURE_LOCATION`, `AZURE_DEFAULTS_LOCATION`, …; src/knowledge/cloud-locations.ts),
 * and the `region` / `zone` / `location` options of Google Cloud and Azure SDK calls, provider blocks and CI
 * steps. Deliberately not reported there: Azure display names (`East US`: the Azure CLI, ARM and Terraform
 * accept them), Google Cloud locations that are zones, multi-regions (`US`) or `global`, and names that are
 * merely unknown — a list lags behind new regions, so an unknown name is reported (as a warning) only when it
 * is a near miss of a known one.
 */
import { explainBadAwsRegion } from "../src/knowledge/aws-regions.js";
import { isPlaceholder } from "../src/knowledge/aws-keys.js";
import { awsFieldOf } from "../src/knowledge/aws-fields.js";
import { explainBadAzureLocation, explainBadGcpLocation, locationSettingOf, type BadLocation, type LocationSetting } from "../src/knowledge/cloud-locations.js";
import { unexpandedGithubVariable } from "../src/model/ci-query.js";
import { defineRule, type RuleContext } from "../src/model/rule.js";
import type { Setting } from "../src/model/setting.js";
import type { Range } from "../src/model/source.js";

/** Why the value is not a region, by kind — the sentence after "The region value VALUE". */
function why(kind: string, note: string | undefined): string {
  switch (kind) {
    case "availability-zone":
      return note === "an availability-zone ID" ? "is an availability-zone ID, not a region" : "is an availability zone, not a region";
    case "gcp-style": {
      const zone = /^GCP zone of (\S+)/.exec(note ?? "");
      return zone ? `is a Google Cloud zone (in ${zone[1]}), not an AWS region` : "is a Google Cloud region name, not an AWS region";
    }
    case "azure-style":
      return "is an Azure location, not an AWS region";
    case "display-name":
      return "is a display name, not a region code";
    case "upper-case":
      return "is in upper case; region codes are lower case";
    case "whitespace":
      return "contains blanks or invisible characters";
    case "quoted":
      return "is wrapped in quotes that the SDK keeps";
    case "pseudo-region":
      return "is a pseudo-region used in endpoint metadata, not a region a client can call";
    default:
      return "is not an AWS region";
  }
}

/** Why a value is not a Google Cloud region/zone/location or an Azure location — the words after "The X value V". */
function whyLocation(bad: BadLocation, loc: LocationSetting, value: string): string {
  const cloud = loc.cloud === "gcp" ? "Google Cloud" : "Azure";
  const what = loc.cloud === "azure" ? "location" : loc.expects;
  switch (bad.kind) {
    case "zone-as-region":
      return `is a zone (of ${bad.suggestion ?? "a region"}), not a region`;
    case "region-as-zone":
      return `is a region, not a zone — name one of its zones (\`gcloud compute zones list --filter=region:${value}\` lists them)`;
    case "multi-region":
      return `is a multi-region or global location, not a ${what}`;
    case "aws-style":
      return `is an AWS region name, not ${loc.cloud === "azure" ? "an Azure location" : `a Google Cloud ${what}`}`;
    case "gcp-style":
      return "is a Google Cloud region name, not an Azure location";
    case "azure-style":
      return `is an Azure location, not a Google Cloud ${what}`;
    case "separators":
      return "is written with separators; Azure location names have none (eastus, westeurope)";
    case "upper-case":
      return `is in upper case; ${cloud} ${what} names are lower case`;
    case "whitespace":
      return "contains blanks or invisible characters";
    case "quoted":
      return "is wrapped in quotes that the reader keeps";
    case "unknown":
      return `is not a ${cloud} ${what} credlint knows`;
  }
}

/** What happens at run time, by cloud and reader. */
function consequence(loc: LocationSetting): string {
  if (loc.cloud === "azure") {
    const when = loc.reader === "Azure Resource Manager" ? "" : ` when ${loc.reader} deploys`;
    return `Azure Resource Manager rejects it${when} (LocationNotAvailableForResourceGroup: "The provided location … is not available")`;
  }
  const who = loc.reader === "Google Cloud" ? "the Google Cloud API" : loc.reader;
  return `${who} finds no ${loc.expects === "location" ? "location" : loc.expects} of that name and the call or deployment fails`;
}

const messages = {
  invalid: (p: { key: string; value: string; why: string; suggestion: string }) =>
    `The ${p.key} value ${p.value} ${p.why}: requests fail with "Could not connect to the endpoint URL" (or ENOTFOUND / UnrecognizedClientException).${p.suggestion}`,
  location: (p: { key: string; value: string; why: string; consequence: string; suggestion: string }) =>
    `The ${p.key} value ${p.value} ${p.why}: ${p.consequence}.${p.suggestion}`,
  fipsPseudo: (p: { key: string; value: string; suggestion: string }) =>
    `The ${p.key} value ${p.value} is a FIPS pseudo-region: only the JavaScript SDK v3 rewrites it, botocore and the Go SDK fail to resolve an endpoint. Use ${p.suggestion} with use_fips_endpoint = true.`,
};

export default defineRule({
  meta: {
    id: "invalid-region",
    description: "Report region values that no SDK endpoint exists for: unknown codes, availability zones, other clouds' names, upper case",
    provider: "any",
    severity: "error",
    securitySeverity: 1.0,
    precision: "very-high",
    tags: ["correctness"],
    help: {
      why: "The SDKs build the service endpoint from the region (https://sts.us-east-1.amazonaws.com) and check little more than that it is a valid host name. An availability zone (us-east-1a), a Google Cloud name (us-east1), an Azure location (eastus), a display name (US East (N. Virginia)), an unknown code or upper case passes that check and fails later with \"Could not connect to the endpoint URL\", getaddrinfo ENOTFOUND, or a signature error that looks like bad credentials.",
      fix: "Use a region code from the AWS list, in lower case, e.g. us-east-1 or eu-west-1. The message suggests the code you most likely meant.",
    },
    fixable: true,
    options: {
      extraRegions: {
        description: "Region codes to accept although credlint does not know them: a region AWS launched after this release, or a name your own endpoint resolver (LocalStack, an S3-compatible store) understands.",
        schema: { type: "array", items: { type: "string", minLength: 1 }, uniqueItems: true },
        default: [],
      },
    },
    messages,
  },
  check: {
    setting(setting, ctx) {
      if (setting.provider !== "aws") {
        checkLocation(setting, ctx);
        return;
      }
      if (setting.value.kind !== "literal") return;
      const field = awsFieldOf(setting);
      if (field !== "region" && field !== "ssoRegion") return;
      const value = setting.value.value;
      if (value === "") return;
      if ((ctx.options(setting.file).extraRegions as readonly string[]).includes(value)) return;
      // A placeholder (`REPLACE_ME_WITH_AWS_REGION`, `<Region>`) is malformed-credential's kind of problem, not a
      // misspelt region; `localhost` is what DynamoDB Local and other emulators are given, never an AWS region.
      // `xx-REPLACEME-nn` (a region's shape with a word to replace in the middle) too.
      if (isPlaceholder(value.trim()) || /^(?:replace|change)[-_ ]?(?:me|with|this)(?:\b|_)/i.test(value.trim()) || /(?:replace|change)[-_ ]?me(?![a-z])/i.test(value) || /^(?:localhost|local)$/i.test(value.trim())) return;
      // `$AWS_REGION` left unexpanded in a GitHub workflow: malformed-credential explains that one.
      if (unexpandedGithubVariable(setting) !== undefined) return;
      const bad = explainBadAwsRegion(value);
      if (!bad) return;
      const suggestion = bad.suggestion ? ` Did you mean ${bad.suggestion}?` : "";
      const place = { file: setting.file, range: setting.value.range };
      const key = setting.key.text;
      if (bad.kind === "fips-pseudo" && bad.suggestion) {
        ctx.report({ ...place, messageId: "fipsPseudo", data: { key, value, suggestion: bad.suggestion }, severity: "warning" });
        return;
      }
      // Certain fixes: the value with an AZ letter, case, blanks or quotes removed. Other suggestions are
      // guesses (a GCP or Azure name mapped to "the nearest" AWS region): offered as unsafe fixes.
      const certain = ["availability-zone", "upper-case", "whitespace", "quoted"].includes(bad.kind);
      const fix = bad.suggestion
        ? { fix: { description: `Use ${bad.suggestion}`, safety: certain ? ("safe" as const) : ("unsafe" as const), edits: [{ range: setting.value.range, text: bad.suggestion }] } }
        : {};
      ctx.report({ ...place, messageId: "invalid", data: { key, value, why: why(bad.kind, bad.note), suggestion }, ...fix });
    },
  },
});

type Ctx = RuleContext<typeof messages>;

/** A quoted value's range without its quotes (`AZURE_LOCATION="east-us"`), so that the fix keeps them. */
function insideQuotes(setting: Setting): Range {
  const { raw, range } = setting.value;
  const quoted = raw.length >= 2 && /^["']/.test(raw) && raw.endsWith(raw.charAt(0)) && range.start.line === range.end.line && range.end.column - range.start.column === raw.length;
  return quoted ? { start: { line: range.start.line, column: range.start.column + 1 }, end: { line: range.end.line, column: range.end.column - 1 } } : range;
}

/** A Google Cloud region, zone or location, or an Azure location (see the header). */
function checkLocation(setting: Setting, ctx: Ctx): void {
  if (setting.value.kind !== "literal") return;
  const loc = locationSettingOf(setting);
  if (!loc) return;
  const value = setting.value.value;
  // An empty value, or a list (`region: us-central1,europe-west1` of deploy-cloudrun): not one name.
  if (value.trim() === "" || value.includes(",")) return;
  if ((ctx.options(setting.file).extraRegions as readonly string[]).includes(value)) return;
  if (unexpandedGithubVariable(setting) !== undefined) return;
  const bad = loc.cloud === "gcp" ? explainBadGcpLocation(value, loc.expects) : explainBadAzureLocation(value);
  if (!bad) return;
  const suggestion = `${bad.suggestion ? ` Did you mean ${bad.suggestion}?` : ""}${bad.note ? ` ${bad.note}` : ""}`;
  const range = insideQuotes(setting);
  const fix = bad.suggestion
    ? { fix: { description: `Use ${bad.suggestion}`, safety: bad.certain ? ("safe" as const) : ("unsafe" as const), edits: [{ range, text: bad.suggestion }] } }
    : {};
  ctx.report({
    file: setting.file,
    range,
    messageId: "location",
    data: { key: setting.key.text, value, why: whyLocation(bad, loc, value), consequence: consequence(loc), suggestion },
    // A name credlint does not know may be a region opened after this release: a warning, not a failed build.
    ...(bad.kind === "unknown" ? { severity: "warning" as const } : {}),
    ...fix,
  });
}
