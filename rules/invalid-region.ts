/**
 * invalid-region — region values no AWS endpoint exists for (reference §3.1). botocore and the JavaScript
 * SDK only check that a region is a valid host label, so `us-east-1a`, `US-EAST-1` or `us-east1` pass
 * their checks and fail later with "Could not connect to the endpoint URL" / `getaddrinfo ENOTFOUND` or a
 * signature error: credlint checks membership in the partition data (botocore `partitions.json`, tested
 * against the JavaScript SDK's copy). Azure and GCP values come with the readers that carry them.
 */
import { explainBadAwsRegion } from "../src/knowledge/aws-regions.js";
import { awsFieldOf } from "../src/knowledge/aws-fields.js";
import { unexpandedGithubVariable } from "../src/model/ci-query.js";
import { defineRule } from "../src/model/rule.js";

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

const messages = {
  invalid: (p: { key: string; value: string; why: string; suggestion: string }) =>
    `The ${p.key} value ${p.value} ${p.why}: requests fail with "Could not connect to the endpoint URL" (or ENOTFOUND / UnrecognizedClientException).${p.suggestion}`,
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
      if (setting.provider !== "aws" || setting.value.kind !== "literal") return;
      const field = awsFieldOf(setting);
      if (field !== "region" && field !== "ssoRegion") return;
      const value = setting.value.value;
      if (value === "") return;
      if ((ctx.options(setting.file).extraRegions as readonly string[]).includes(value)) return;
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
