/**
 * conflicting-auth — two authentication methods in one profile, where one silently wins
 * (reference §1.5, §1.6). The finding points at the method that loses (or, where the SDKs disagree, at the
 * later one), with the other as a related location.
 *
 * A profile that sets `role_arn` with `source_profile` naming *itself* and static keys is the documented
 * way to assume a role from a profile's own keys: not a conflict. CI steps and env files come with their
 * readers.
 */
import { authMethods, valueOf } from "../src/model/aws-query.js";
import { defineRule } from "../src/model/rule.js";

const messages = {
  keysIgnoredByRole: (p: { profile: string }) =>
    `Profile ${p.profile} has static keys and role_arn: every SDK assumes the role and ignores these keys (they are used only when another profile names this one as source_profile). Remove the keys, or move them to a separate profile and point source_profile at it.`,
  twoMethods: (p: { profile: string; a: string; b: string }) =>
    `Profile ${p.profile} configures both ${p.a} and ${p.b}: each SDK silently uses one of them by its own order of preference (and botocore's order even depends on which file holds the keys), so the same profile can authenticate differently in the AWS CLI, Node.js and Go. Keep one method per profile.`,
  sourceAndCredentialSource: (p: { profile: string }) =>
    `Profile ${p.profile} sets both source_profile and credential_source: botocore fails ("contains both source_profile and credential_source"), the JavaScript SDK stops treating the profile as a role profile, and the Go SDK refuses it. Keep one of them.`,
  goSingleSource: (p: { profile: string; a: string; b: string }) =>
    `Profile ${p.profile} sets both ${p.a} and ${p.b}: the Go SDK refuses the profile ("only one credential type may be specified per profile") and the other SDKs use only one of them. Keep one.`,
};

export default defineRule({
  meta: {
    id: "conflicting-auth",
    description: "Report two authentication methods in one profile, step or environment where one silently wins",
    provider: "aws",
    severity: "error",
    securitySeverity: 4.0,
    precision: "high",
    tags: ["correctness", "security"],
    help: {
      why: "When a profile configures two ways to get credentials — static keys and a role, SSO and static keys, source_profile and credential_source — each SDK picks a winner by its own order, or refuses the profile. The credentials you think you are using are not the ones sent: calls fail with AccessDenied in one tool and work in another, and long-lived keys linger unused in the file.",
      fix: "Keep exactly one method per profile. To assume a role with long-lived keys, put the keys in their own profile and name it in source_profile; prefer SSO or a role over static keys.",
    },
    fixable: false,
    messages,
  },
  check: {
    awsProfile(profile, ctx) {
      const methods = authMethods(profile);
      const name = profile.name;
      const keys = methods.get("static keys");
      const role = methods.get("assume role");
      const selfSourced = valueOf(profile, "source_profile") === name;
      // Without any source the role cannot be assumed at all: assume-role-config reports that, and which
      // credentials are used then differs by SDK, so "the keys are ignored" would not be true.
      const hasSource = ["source_profile", "credential_source", "web_identity_token_file"].some((k) => valueOf(profile, k) !== undefined);
      if (keys && role && !selfSourced && hasSource) {
        ctx.report({
          file: keys.file,
          range: keys.key.range,
          messageId: "keysIgnoredByRole",
          data: { profile: name },
          related: [{ file: role.file, range: role.key.range, message: "role_arn wins." }],
        });
      }
      // Other pairs: static keys / SSO / credential_process (role_arn combines with a source, not with these).
      const exclusive = (["static keys", "SSO", "credential_process"] as const).filter((m) => methods.has(m));
      for (let i = 1; i < exclusive.length; i++) {
        const a = exclusive[0];
        const b = exclusive[i];
        if (a === undefined || b === undefined) continue;
        const first = methods.get(a);
        const second = methods.get(b);
        if (!first || !second) continue;
        ctx.report({
          file: second.file,
          range: second.key.range,
          messageId: "twoMethods",
          data: { profile: name, a, b },
          related: [{ file: first.file, range: first.key.range, message: `${a} configured here.` }],
        });
      }
      const sources = ["source_profile", "credential_source", "credential_process", "web_identity_token_file"].filter(
        (k) => valueOf(profile, k) !== undefined,
      );
      const [firstSource, ...rest] = sources;
      if (firstSource === undefined) return;
      for (const other of rest) {
        const a = profile.get(firstSource);
        const b = profile.get(other);
        if (!a || !b) continue;
        const place = { file: b.file, range: b.key.range, related: [{ file: a.file, range: a.key.range, message: `${firstSource} set here.` }] };
        if (firstSource === "source_profile" && other === "credential_source") {
          ctx.report({ ...place, messageId: "sourceAndCredentialSource", data: { profile: name } });
        } else {
          ctx.report({ ...place, messageId: "goSingleSource", data: { profile: name, a: firstSource, b: other } });
        }
      }
    },
  },
});
