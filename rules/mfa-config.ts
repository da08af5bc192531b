/**
 * mfa-config — `mfa_serial` values and placements that cannot work (reference §1.5, §2.5).
 *
 * An MFA profile selected from CI (`AWS_PROFILE`, `--profile` in a workflow, pipeline or job) cannot work
 * unattended: the SDK asks for a code nobody types (botocore prompts and blocks or fails on a closed stdin,
 * the JavaScript and Go SDKs need a code callback). The finding stands on the CI reference.
 *
 * `mfa_serial` without `role_arn`: the SDKs read `mfa_serial` only to assume a role. botocore reads it in
 * `AssumeRoleProvider._get_role_config` and passes it as `SerialNumber` in `_load_creds_via_assume_role`, and the
 * provider runs only for profiles with `role_arn` (`_has_assume_role_config_vars`; botocore `credentials.py`
 * @ 0e6e2404b85dc336dd2889814e089bde7d1a4c55); the JavaScript SDK reads it in `resolveAssumeRoleCredentials`
 * after the role_arn check (`@aws-sdk/credential-provider-ini`). Not reported: a profile with static keys
 * (aws-vault and awsume use its mfa_serial for GetSessionToken) and an SSO profile (its own message).
 */
import { isHardwareMfaSerial, isMfaDeviceArn, parseArn } from "../src/knowledge/aws-keys.js";
import { has, hasStaticKeys, valuePlace } from "../src/model/aws-query.js";
import { defineRule } from "../src/model/rule.js";
import { callShown } from "../src/model/sdk-call.js";
import { CI_FILE_KINDS } from "../src/model/source.js";

const messages = {
  tokenCode: (p: { profile: string }) =>
    `Profile ${p.profile} has a 6-digit code in mfa_serial, not the MFA device: the SDKs send it as SerialNumber and AssumeRole fails. Set the device ARN (arn:aws:iam::ACCOUNT:mfa/NAME); the SDK asks for the code when it runs.`,
  codeSerial: (p: { call: string; value: string; what: string }) =>
    `\`${p.call}\` passes SerialNumber "${p.value}", ${p.what}: STS rejects the request (AccessDenied, or ValidationError for a malformed serial). Pass the MFA device's ARN (arn:aws:iam::ACCOUNT:mfa/NAME) as SerialNumber and the current code as TokenCode.`,
  notMfaArn: (p: { profile: string; value: string }) =>
    `Profile ${p.profile} sets mfa_serial = ${p.value}, an ARN but not of an MFA device (arn:aws:iam::ACCOUNT:mfa/NAME): AssumeRole fails with AccessDenied or ValidationError. Use the device ARN shown under Security credentials in the IAM console.`,
  notSerial: (p: { profile: string; value: string }) =>
    `Profile ${p.profile} sets mfa_serial = ${p.value}, which is neither an MFA device ARN nor a hardware token serial (9–256 characters of letters, digits and +=/:,.@-). Use the device ARN (arn:aws:iam::ACCOUNT:mfa/NAME).`,
  onSsoProfile: (p: { profile: string }) =>
    `Profile ${p.profile} signs in with SSO, where mfa_serial has no effect: MFA is enforced by IAM Identity Center when you sign in. Remove mfa_serial.`,
  usedFromCi: (p: { profile: string; via: string }) =>
    `Profile ${p.profile} (${p.via}) assumes its role with MFA (mfa_serial), but a CI job has no one to type the code: botocore waits for input or fails with "Unable to … MFA", the JavaScript SDK with "Profile ${p.profile} requires multi-factor authentication, but no MFA code callback was provided". Give CI its own profile or an OIDC login without mfa_serial.`,
  usedFromContainer: (p: { profile: string; via: string }) =>
    `Profile ${p.profile} (${p.via}) assumes its role with MFA (mfa_serial), but a container runs with no one at a terminal to type the code: botocore fails with "Unable to … MFA" (or waits for input forever), the JavaScript SDK with "Profile ${p.profile} requires multi-factor authentication, but no MFA code callback was provided". Give the container a role of its own (a task role, IRSA, a pod identity) or a profile without mfa_serial.`,
  withoutRole: (p: { profile: string }) =>
    `Profile ${p.profile} sets mfa_serial but no role_arn, so mfa_serial has no effect: the SDKs use it only when assuming a role, so the profile's calls are made without MFA and policies that require MFA deny them. Add role_arn (and source_profile), or remove mfa_serial.`,
};

/** Files whose environment is a container's: it runs unattended, like a CI job. */
const CONTAINER_KINDS: ReadonlySet<string> = new Set(["dockerfile", "docker-compose", "kubernetes"]);

export default defineRule({
  meta: {
    id: "mfa-config",
    description: "Report mfa_serial values and placements that cannot work",
    provider: "aws",
    severity: "warning",
    securitySeverity: 2.0,
    precision: "high",
    tags: ["correctness"],
    help: {
      why: "mfa_serial tells the SDK which MFA device to name when it calls AssumeRole; the SDK then asks for the current code. A 6-digit code or a user ARN in mfa_serial, or mfa_serial in a profile without role_arn (where no SDK uses it), leaves the call without valid MFA and IAM policies that require MFA deny it. The JavaScript and Go SDKs also need a code callback, so an MFA profile cannot run unattended — a CI job that selects one hangs or fails.",
      fix: "Set mfa_serial to the device ARN (arn:aws:iam::ACCOUNT:mfa/NAME) in the profile that sets role_arn, and type the code when the SDK asks for it.",
    },
    fixable: false,
    messages,
  },
  check: {
    sdkCall(call, ctx) {
      // AssumeRole parameters in code (`fromTemporaryCredentials({ params: { SerialNumber } })`, boto3's
      // `sts.assume_role(SerialNumber=…)` / `get_session_token(…)`): the same value rules as a profile's mfa_serial.
      if (call.provider !== "aws" || (call.file.kind !== "js-ts" && call.callKind !== "sts-request")) return;
      const s = call.settings.find((x) => x.key.text === "SerialNumber");
      if (!s || s.value.kind !== "literal" || s.value.value.trim() === "") return;
      const v = s.value.value.trim();
      const what = /^\d{6}$/.test(v)
        ? "a 6-digit code, not the MFA device (the code goes in TokenCode)"
        : parseArn(v)
          ? isMfaDeviceArn(v)
            ? undefined
            : "an ARN but not of an MFA device"
          : isHardwareMfaSerial(v)
            ? undefined
            : "neither an MFA device ARN nor a hardware token serial";
      if (what) ctx.report({ ...valuePlace(s), messageId: "codeSerial", data: { call: callShown(call), value: v, what } });
    },
    repo(repo, ctx) {
      for (const ref of repo.profileReferences) {
        const container = CONTAINER_KINDS.has(ref.file.kind);
        if (!ref.setting || !(CI_FILE_KINDS.has(ref.file.kind) || container)) continue;
        const profile = repo.profiles.get(ref.name);
        if (!profile || !has(profile, "mfa_serial") || !has(profile, "role_arn")) continue;
        const serial = profile.get("mfa_serial");
        ctx.report({
          file: ref.file,
          range: ref.range,
          messageId: container ? "usedFromContainer" : "usedFromCi",
          data: { profile: ref.name, via: ref.via },
          ...(serial ? { related: [{ file: serial.file, range: serial.key.range, message: `mfa_serial of profile ${ref.name}.` }] } : {}),
        });
      }
    },
    awsProfile(profile, ctx) {
      const s = profile.get("mfa_serial");
      if (!s || s.value.kind !== "literal" || s.value.value === "") return;
      const v = s.value.value;
      const data = { profile: profile.name, value: v };
      if (/^\d{6}$/.test(v)) ctx.report({ ...valuePlace(s), messageId: "tokenCode", data });
      else if (parseArn(v) ? !isMfaDeviceArn(v) : !isHardwareMfaSerial(v)) {
        ctx.report({ ...valuePlace(s), messageId: parseArn(v) ? "notMfaArn" : "notSerial", data });
      }
      // With static keys and no role, credential helpers (aws-vault, awsume) use mfa_serial for
      // GetSessionToken: a working setup, even though the SDKs themselves ignore the key there.
      const sso = has(profile, "sso_session") || has(profile, "sso_start_url");
      if (sso && !has(profile, "role_arn")) ctx.report({ file: s.file, range: s.key.range, messageId: "onSsoProfile", data });
      else if (!has(profile, "role_arn") && !hasStaticKeys(profile)) ctx.report({ file: s.file, range: s.key.range, messageId: "withoutRole", data });
    },
  },
});
