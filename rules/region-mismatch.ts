/**
 * region-mismatch — one context with regions that disagree (reference §1.4, §1.6, §2.5, §3.1).
 * For AWS profiles: `sso_region` ≠ the `sso_region` of its [sso-session] (botocore: "The value for
 * sso_region is inconsistent between profile and sso-session"; Go: "sso_region in profile must match"),
 * a role ARN's partition ≠ the region's partition (a commercial `arn:aws:` role in `cn-north-1` or
 * `us-gov-west-1`). `AWS_REGION` vs `AWS_DEFAULT_REGION` comes with the env readers.
 *
 * Deliberately not reported: an opt-in region with `sts_regional_endpoints = legacy`. "legacy" sends only
 * the 16 regions that existed before regional STS to the global endpoint; every other region, opt-in ones
 * included, always uses its regional endpoint, so no global (v1) token reaches an opt-in region that way.
 */
import { awsPartitionOfRegion } from "../src/knowledge/aws-regions.js";
import { parseArn } from "../src/knowledge/aws-keys.js";
import { valueOf, valuePlace } from "../src/model/aws-query.js";
import { defineRule } from "../src/model/rule.js";

const messages = {
  ssoRegion: (p: { profile: string; region: string; session: string; sessionRegion: string }) =>
    `Profile ${p.profile} sets sso_region = ${p.region} but its sso-session ${p.session} says ${p.sessionRegion}: all three SDKs refuse the profile (botocore: "The value for sso_region is inconsistent between profile and sso-session"; the JavaScript SDK: "Conflicting SSO region"). Remove sso_region from the profile and keep it in the [sso-session] section.`,
  partition: (p: { profile: string; key: string; arnPartition: string; region: string; regionPartition: string }) =>
    `Profile ${p.profile} sets ${p.key} to an ARN in partition ${p.arnPartition} but region ${p.region} is in partition ${p.regionPartition}: accounts, roles and MFA devices do not cross partitions, so the call fails with InvalidClientTokenId or AccessDenied. Use an ARN of the ${p.regionPartition} partition, or a region of ${p.arnPartition}.`,
};

export default defineRule({
  meta: {
    id: "region-mismatch",
    description: "Report conflicting regions in one context: sso_region vs its sso-session, ARN partition vs region",
    provider: "aws",
    severity: "warning",
    securitySeverity: 1.0,
    precision: "high",
    tags: ["correctness"],
    help: {
      why: "Settings that act together must agree on the region. A profile's sso_region that differs from its sso-session's makes botocore and Go refuse the profile; a role ARN from one partition (aws, aws-cn, aws-us-gov) used with a region of another cannot work, because accounts and credentials do not cross partitions.",
      fix: "Keep SSO settings in the [sso-session] section only, use roles and regions of the same partition.",
    },
    fixable: false,
    messages,
  },
  check: {
    awsProfile(profile, ctx) {
      const name = profile.name;
      const ssoRegion = profile.get("sso_region");
      const sessionName = valueOf(profile, "sso_session");
      const session = sessionName !== undefined ? ctx.repo.ssoSessions.get(sessionName) : undefined;
      const sessionRegion = session?.get("sso_region");
      const r = valueOf(profile, "sso_region");
      const sr = session ? valueOf(session, "sso_region") : undefined;
      if (ssoRegion && sessionRegion && r !== undefined && sr !== undefined && session && r !== sr) {
        ctx.report({
          ...valuePlace(ssoRegion),
          messageId: "ssoRegion",
          data: { profile: name, region: r, session: session.name, sessionRegion: sr },
          related: [{ file: sessionRegion.file, range: sessionRegion.value.range, message: `sso_region of sso-session ${session.name}.` }],
        });
      }
      const region = valueOf(profile, "region");
      const regionSetting = profile.get("region");
      const regionPartition = region !== undefined ? awsPartitionOfRegion(region) : undefined;
      if (regionPartition && regionSetting && region !== undefined) {
        for (const key of ["role_arn", "mfa_serial"]) {
          const s = profile.get(key);
          const arn = parseArn(valueOf(profile, key) ?? "");
          if (!s || !arn || arn.partition === regionPartition) continue;
          ctx.report({
            ...valuePlace(regionSetting),
            messageId: "partition",
            data: { profile: name, key, arnPartition: arn.partition, region, regionPartition },
            related: [{ file: s.file, range: s.value.range, message: `${key} in partition ${arn.partition}.` }],
          });
          break;
        }
      }
    },
  },
});
