/**
 * profile-reference — profiles and sso-sessions named but not defined, and source_profile cycles
 * (reference §1.2, §1.5). Names are matched across every config and credentials file in the scan, by the
 * name the author meant (so a `[profile dev]` header in a credentials file — reported by
 * `aws-config-syntax` — still counts as defining `dev`, and the mistake is reported once).
 *
 * Missing profiles are reported only when the repository defines profiles at all: a reference to a profile
 * that lives on the developer's machine is normal. `AWS_PROFILE`/`AWS_DEFAULT_PROFILE` in env files and
 * CI, `--profile` in scripts and CI commands, and `fromIni({ profile })` in code are references too; a
 * profile that a CI job creates at run time (`aws configure set … --profile x`, configure-aws-credentials
 * `aws-profile`, the aws-cli orb's `profile_name`) is not missing. In one environment, `AWS_PROFILE` ≠
 * `AWS_DEFAULT_PROFILE` is reported (reference §1.6: botocore prefers the second, the other SDKs the first).
 */
import { closest } from "../src/knowledge/strings.js";
import { hasStaticKeys, valueOf, valuePlace } from "../src/model/aws-query.js";
import type { AwsProfile } from "../src/model/aws-ini.js";
import { syntaxOf } from "../src/model/setting.js";
import { defineRule } from "../src/model/rule.js";
import { setVar } from "../src/model/ci-query.js";
import { effectiveVars, isOwn, sentenceLabel } from "../src/model/env.js";

const messages = {
  missingProfile: (p: { name: string; via: string; hint: string }) =>
    `Profile ${p.name} (${p.via}) is not defined in any config or credentials file here: the SDKs cannot find it (botocore: 'The source_profile "${p.name}" … does not exist'; the JavaScript SDK: 'Profile ${p.name} could not be found or parsed').${p.hint}`,
  missingProfileInEnv: (p: { name: string; via: string; hint: string }) =>
    `Profile ${p.name} (${p.via}) is not defined in any config or credentials file here: the AWS CLI fails with "The config profile (${p.name}) could not be found" and the JavaScript SDK with "Profile ${p.name} could not be found or parsed in shared credentials file".${p.hint}`,
  missingProfileInCode: (p: { name: string; via: string; hint: string; error: string }) =>
    `Profile ${p.name} (${p.via}) is not defined in any config or credentials file here: ${p.error}.${p.hint}`,
  profileVarsDisagree: (p: { where: string; profile: string; defaultProfile: string }) =>
    `${p.where} sets AWS_PROFILE=${p.profile} but AWS_DEFAULT_PROFILE=${p.defaultProfile}: botocore (AWS CLI, boto3) uses ${p.defaultProfile}, the JavaScript and Go SDKs use ${p.profile}. Set only AWS_PROFILE.`,
  cycle: (p: { chain: string }) =>
    `The source_profile entries form a cycle (${p.chain}): the SDKs stop with "Infinite loop in credential configuration". Point the last profile at one that has static keys, SSO or credential_source.`,
  selfWithoutKeys: (p: { name: string }) =>
    `Profile ${p.name} names itself as source_profile but has no static keys to assume the role with: botocore and the JavaScript SDK report a cycle. Add aws_access_key_id/aws_secret_access_key to it, or name another profile.`,
  missingSsoSession: (p: { name: string; profile: string; hint: string }) =>
    `Profile ${p.profile} uses sso_session ${p.name}, but no [sso-session ${p.name}] section exists in its config file: botocore fails with "The specified sso-session does not exist".${p.hint}`,
};

function hint(name: string, candidates: Iterable<string>): string {
  const guess = closest(name, candidates, Math.max(2, Math.floor(name.length / 3)));
  return guess && guess.value !== name ? ` Did you mean ${guess.value}?` : "";
}

/** What the SDK or tool that reads a profile named in code says when it is missing (reference §1.2). */
function missingProfileError(kind: string, name: string): string {
  switch (kind) {
    case "python":
      return `boto3 fails with "ProfileNotFound: The config profile (${name}) could not be found"`;
    case "terraform":
    case "terraform-vars":
      return `Terraform's AWS provider fails with "failed to get shared config profile, ${name}"`;
    case "serverless":
      return `the Serverless Framework fails with: AWS profile "${name}" doesn't seem to be configured`;
    default:
      return `the AWS SDK for JavaScript fails with "Profile ${name} could not be found or parsed in shared credentials file"`;
  }
}

export default defineRule({
  meta: {
    id: "profile-reference",
    description: "Report references to AWS profiles and sso-sessions that are not defined, and source_profile cycles",
    provider: "aws",
    severity: "error",
    securitySeverity: 1.0,
    precision: "high",
    tags: ["correctness"],
    help: {
      why: "A source_profile, sso_session, AWS_PROFILE or --profile that names a profile or sso-session nobody defines fails at run time with \"The config profile (X) could not be found\" or \"The specified sso-session does not exist\" — typically after a rename or a typo. A chain of source_profile entries that loops back makes the SDKs stop with \"Infinite loop in credential configuration\".",
      fix: "Define the missing profile or [sso-session NAME] section (in the config file), or correct the name. Break a cycle by pointing the last profile at one with its own credentials.",
    },
    fixable: false,
    options: {
      externalProfiles: {
        description: "Profile names that exist outside the repository (on the developers' machines or the CI runners) and that the repository may name without defining them.",
        schema: { type: "array", items: { type: "string", minLength: 1 }, uniqueItems: true },
        default: [],
      },
    },
    messages,
  },
  check: {
    env(env, ctx) {
      const vars = effectiveVars(env);
      const profile = setVar(env, "AWS_PROFILE", vars);
      const fallback = setVar(env, "AWS_DEFAULT_PROFILE", vars);
      if (!profile || !fallback || (!isOwn(env, profile) && !isOwn(env, fallback))) return;
      if (profile.value.kind !== "literal" || fallback.value.kind !== "literal" || profile.value.value === fallback.value.value) return;
      ctx.report({
        file: fallback.file,
        range: fallback.value.range,
        messageId: "profileVarsDisagree",
        data: { where: sentenceLabel(env.where), profile: profile.value.value, defaultProfile: fallback.value.value },
        related: [{ file: profile.file, range: profile.value.range, message: "AWS_PROFILE is set here." }],
      });
    },
    repo(repo, ctx) {
      const names = [...repo.profiles.keys()];
      if (repo.definesProfiles) {
        for (const ref of repo.profileReferences) {
          if (repo.profiles.has(ref.name) || repo.runtimeProfiles.has(ref.name)) continue;
          if ((ctx.options(ref.file).externalProfiles as readonly string[]).includes(ref.name)) continue;
          const syntax = ref.setting ? syntaxOf(ref.setting) : undefined;
          const messageId = syntax === "code" ? "missingProfileInCode" : syntax === "env" || syntax === "flag" ? "missingProfileInEnv" : "missingProfile";
          ctx.report({ file: ref.file, range: ref.range, messageId, data: { name: ref.name, via: ref.via, hint: hint(ref.name, names), error: missingProfileError(ref.file.kind, ref.name) } });
        }
      }
      // Cycles: follow source_profile; report each cycle once, on the source_profile line that closes it.
      const reported = new Set<string>();
      for (const start of repo.profiles.values()) {
        const path: AwsProfile[] = [];
        const index = new Map<string, number>();
        let current: AwsProfile | undefined = start;
        while (current && !index.has(current.name)) {
          index.set(current.name, path.length);
          path.push(current);
          const next = valueOf(current, "source_profile");
          if (next === current.name) {
            if (!hasStaticKeys(current) && !reported.has(current.name)) {
              reported.add(current.name);
              const s = current.get("source_profile");
              if (s) ctx.report({ ...valuePlace(s), messageId: "selfWithoutKeys", data: { name: current.name } });
            }
            current = undefined;
            break;
          }
          current = next !== undefined ? repo.profiles.get(next) : undefined;
        }
        if (!current) continue;
        const cycle = path.slice(index.get(current.name) ?? 0);
        const key = [...cycle.map((p) => p.name)].sort().join("\0");
        if (reported.has(key)) continue;
        reported.add(key);
        // The closing edge: the member whose source_profile line comes last in file order, so the choice
        // does not depend on where the walk started.
        const order = (p: AwsProfile): [string, number] => {
          const r = p.get("source_profile");
          return [r?.file.path ?? "", r?.range.start.line ?? 0];
        };
        let closingIndex = 0;
        cycle.forEach((p, i) => {
          const [fa, la] = order(p);
          const best = cycle[closingIndex];
          const [fb, lb] = best ? order(best) : ["", 0];
          if (fa > fb || (fa === fb && la > lb)) closingIndex = i;
        });
        const rotated = [...cycle.slice(closingIndex + 1), ...cycle.slice(0, closingIndex + 1)];
        const closing = rotated[rotated.length - 1];
        const s = closing?.get("source_profile");
        const first = rotated[0];
        if (!closing || !s || !first) continue;
        const chain = [...rotated.map((p) => p.name), first.name].join(" → ");
        ctx.report({
          ...valuePlace(s),
          messageId: "cycle",
          data: { chain },
          related: rotated.slice(0, -1).flatMap((p) => {
            const r = p.get("source_profile");
            return r ? [{ file: r.file, range: r.value.range, message: `source_profile of ${p.name}.` }] : [];
          }),
        });
      }
      // sso_session must name an [sso-session] in the same config file.
      const sessionNames = [...repo.ssoSessions.keys()];
      for (const profile of repo.profiles.values()) {
        const s = profile.get("sso_session");
        const name = valueOf(profile, "sso_session");
        if (!s || name === undefined) continue;
        const session = repo.ssoSessions.get(name);
        const sameFile = session?.definitions.some((d) => d.document.file === s.file) ?? false;
        if (!sameFile) {
          ctx.report({ ...valuePlace(s), messageId: "missingSsoSession", data: { name, profile: profile.name, hint: hint(name, sessionNames) } });
        }
      }
    },
  },
});
