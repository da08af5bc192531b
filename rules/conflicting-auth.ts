/**
 * conflicting-auth — two authentication methods in one profile, where one silently wins
 * (reference §1.5, §1.6). The finding points at the method that loses (or, where the SDKs disagree, at the
 * later one), with the other as a related location.
 *
 * A profile that sets `role_arn` with `source_profile` naming *itself* and static keys is the documented
 * way to assume a role from a profile's own keys: not a conflict.
 *
 * CI login steps (reference §6.1–6.3): azure/login given `creds` and `client-id`/`tenant-id`/`subscription-id`
 * (`creds` is ignored), google-github-actions/auth given both inputs (the step fails), and
 * configure-aws-credentials given keys together with an input that only the web-identity paths read:
 * `web-identity-token-file` (the role is assumed with the token file, the keys are unused) or `audience` (the
 * OIDC token is never requested, the role is assumed with the keys). Keys plus `role-to-assume` alone (with
 * `role-external-id`, `role-chaining`, a session name …) is not a conflict: it is the action's documented
 * "AssumeRole using static IAM credentials" mode, and prefer-oidc reports the long-lived keys. Nor is
 * `id-token: write` in the job a sign that OIDC was meant: jobs grant it to sign artifacts and publish
 * provenance too. Environments — a dotenv file, a
 * script, a CI workflow, job or step (reference §1.6, §4.1): `AWS_PROFILE` with `AWS_ACCESS_KEY_ID` (the
 * SDKs pick different winners), `AZURE_CLIENT_SECRET` with `AZURE_CLIENT_CERTIFICATE_PATH` (the secret
 * silently wins). An env conflict is reported once, in the context where one of the two is written.
 */
import { authMethods, valueOf } from "../src/model/aws-query.js";
import { isFallbackExpression, isSet, loginOf, setVar } from "../src/model/ci-query.js";
import { effectiveVars, isOwn, sentenceLabel } from "../src/model/env.js";
import { defineRule, type RuleContext } from "../src/model/rule.js";
import { isWrittenIn, type SdkCall } from "../src/model/sdk-call.js";
import type { Setting, SettingValue } from "../src/model/setting.js";

const messages = {
  keysIgnoredByRole: (p: { profile: string }) =>
    `Profile ${p.profile} has static keys and role_arn: every SDK assumes the role and ignores these keys (they are used only when another profile names this one as source_profile). Remove the keys, or move them to a separate profile and point source_profile at it.`,
  twoMethods: (p: { profile: string; a: string; b: string }) =>
    `Profile ${p.profile} configures both ${p.a} and ${p.b}: each SDK silently uses one of them by its own order of preference (and botocore's order even depends on which file holds the keys), so the same profile can authenticate differently in the AWS CLI, Node.js and Go. Keep one method per profile.`,
  sourceAndCredentialSource: (p: { profile: string }) =>
    `Profile ${p.profile} sets both source_profile and credential_source: botocore fails ("contains both source_profile and credential_source"), the JavaScript SDK stops treating the profile as a role profile, and the Go SDK refuses it. Keep one of them.`,
  keysUnusedWithTokenFile: (p: { where: string }) =>
    `This step (${p.where}) gives aws-actions/configure-aws-credentials aws-access-key-id and web-identity-token-file: the action assumes role-to-assume with the token file (AssumeRoleWithWebIdentity) and silently leaves the keys unused — after exporting them over any credentials an earlier step set. Remove aws-access-key-id/aws-secret-access-key, or remove web-identity-token-file to assume the role with the keys.`,
  audienceWithKeys: (p: { where: string }) =>
    `This step (${p.where}) sets audience, which only the GitHub OIDC token uses, but also aws-access-key-id: with keys present the action never requests the token and assumes role-to-assume with the long-lived keys (AssumeRole) instead. To log in with OIDC, remove the keys and grant \`id-token: write\`; to assume the role with the keys, remove audience.`,
  azureCredsIgnored: (p: { where: string; input: string }) =>
    `This step (${p.where}) gives azure/login both creds and ${p.input}: the action logs "'creds' will be ignored" and logs in with OIDC instead, so the secret in creds is unused — and the login fails without \`id-token: write\` and a federated credential. Keep one: remove creds (OIDC) or the ${p.input}/tenant-id/subscription-id inputs.`,
  googleBoth: (p: { where: string }) =>
    `This step (${p.where}) gives google-github-actions/auth both workload_identity_provider and credentials_json: the action fails ("must specify exactly one of workload_identity_provider or credentials_json"). Keep workload_identity_provider and remove credentials_json.`,
  profileAndKeys: (p: { where: string }) =>
    `${p.where} sets both AWS_PROFILE and AWS_ACCESS_KEY_ID: botocore (AWS CLI, boto3) and the Go SDK use the keys and ignore the profile, while the AWS SDK for JavaScript v3 uses the profile — the same environment authenticates as two identities. Keep one: unset AWS_PROFILE, or remove the key variables.`,
  azureSecretAndCertificate: (p: { where: string }) =>
    `${p.where} sets both AZURE_CLIENT_SECRET and AZURE_CLIENT_CERTIFICATE_PATH: @azure/identity's EnvironmentCredential silently uses the secret and ignores the certificate. Remove the one you do not mean to use (preferably the secret).`,
  azurermCertificateAndSecret: (p: { block: string; certificate: string }) =>
    `\`${p.block}\` sets both ${p.certificate} and client_secret: the azurerm provider tries the client certificate first and never uses the secret (go-azure-sdk's order: certificate, secret, OIDC, managed identity, Azure CLI). Remove the one you do not mean to use (preferably the secret).`,
  azurermSecretAndOidc: (p: { block: string; secret: string }) =>
    `\`${p.block}\` asks for OIDC (use_oidc) but also sets ${p.secret}: the azurerm provider uses the ${p.secret === "client_secret" ? "secret" : "certificate"} first and never exchanges the OIDC token, so the long-lived credential stays in use. Remove ${p.secret}.`,
  terraformProfileAndKeys: (p: { block: string; keys: string }) =>
    `\`${p.block}\` sets profile and also ${p.keys}: Terraform's AWS provider takes the keys written in the block first and never reads the profile, so the profile's role, SSO or region-specific keys are silently unused. Keep one: remove the keys (preferred) or the profile.`,
  goSingleSource: (p: { profile: string; a: string; b: string }) =>
    `Profile ${p.profile} sets both ${p.a} and ${p.b}: the Go SDK refuses the profile ("only one credential type may be specified per profile") and the other SDKs use only one of them. Keep one.`,
};

/** A value that sets something: a non-empty literal, a reference, or a computed value (not `""`, not `null`). */
function isGiven(v: SettingValue): boolean {
  return v.kind !== "literal" ? v.raw.trim() !== "null" : v.value.trim() !== "";
}

/**
 * `provider "azurerm"` with two ways to sign in: go-azure-sdk (the provider's auth) takes the first it can
 * configure, in a fixed order — client certificate, client secret, OIDC (a token or GitHub's request
 * variables), managed identity, Azure CLI (hashicorp/go-azure-sdk `sdk/auth/auth.go`, `NewAuthorizer`).
 */
function azurermMethods(call: SdkCall, ctx: RuleContext<typeof messages>, bound = false): void {
  const given = (key: string): Setting | undefined => {
    const s = call.settings.find((x) => x.key.text === key);
    return s && isGiven(s.value) ? s : undefined;
  };
  const certificate = given("client_certificate_path") ?? given("client_certificate");
  const secret = given("client_secret");
  const oidc = call.settings.find((x) => x.key.text === "use_oidc" && x.value.kind === "literal" && x.value.value.trim() === "true");
  // The block as `terraform plan` configures it (`use_oidc = var.x`, x true in a tfvars file): only what the
  // bound value adds. Two sign-ins written in the block were judged with it.
  if (bound) {
    const longLived = secret ?? certificate;
    if (oidc && longLived && !isWrittenIn(call, oidc)) reportSecretAndOidc(call, longLived, oidc, ctx);
    return;
  }
  if (certificate && secret) {
    ctx.report({
      file: secret.file,
      range: secret.key.range,
      messageId: "azurermCertificateAndSecret",
      data: { block: call.display, certificate: certificate.key.text },
      related: [{ file: certificate.file, range: certificate.key.range, message: `${certificate.key.text} wins.` }],
    });
    return;
  }
  const longLived = secret ?? certificate;
  if (oidc && longLived) reportSecretAndOidc(call, longLived, oidc, ctx);
}

function reportSecretAndOidc(call: SdkCall, longLived: Setting, oidc: Setting, ctx: RuleContext<typeof messages>): void {
  ctx.report({
    file: longLived.file,
    range: longLived.key.range,
    messageId: "azurermSecretAndOidc",
    data: { block: call.display, secret: longLived.key.text },
    related: [{ file: oidc.file, range: oidc.key.range, message: "use_oidc is set here." }],
  });
}

export default defineRule({
  meta: {
    id: "conflicting-auth",
    description: "Report two authentication methods in one profile, step or environment where one silently wins",
    provider: "any",
    severity: "error",
    securitySeverity: 4.0,
    precision: "high",
    tags: ["correctness", "security"],
    help: {
      why: "When a profile, a CI login step or an environment configures two ways to get credentials — static keys and a role, SSO and static keys, source_profile and credential_source, access keys and a web identity token, AWS_PROFILE and AWS_ACCESS_KEY_ID — each SDK or action picks a winner by its own order, or refuses the configuration. The credentials you think you are using are not the ones sent: calls fail with AccessDenied in one tool and work in another, OIDC is silently skipped, and long-lived keys linger unused.",
      fix: "Keep exactly one method per profile, step and environment. To assume a role with long-lived keys, put the keys in their own profile and name it in source_profile; in CI, log in with OIDC only (role-to-assume, client-id, workload_identity_provider) and remove the keys.",
    },
    fixable: false,
    messages,
  },
  check: {
    ciStep(step, ctx) {
      const login = loginOf(step);
      if (!login?.secret || !login.federation) return;
      const { secret, federation } = login;
      const where = step.where;
      if (login.action === "configure-aws-credentials") {
        // Keys + role-to-assume alone is the documented "AssumeRole using static IAM credentials" mode.
        const tokenFile = step.input("web-identity-token-file");
        const audience = step.input("audience");
        if (isSet(tokenFile)) {
          ctx.report({ file: secret.file, range: secret.key.range, messageId: "keysUnusedWithTokenFile", data: { where }, related: [{ file: tokenFile.file, range: tokenFile.key.range, message: "web-identity-token-file wins." }] });
        } else if (isSet(audience)) {
          ctx.report({ file: audience.file, range: audience.key.range, messageId: "audienceWithKeys", data: { where }, related: [{ file: secret.file, range: secret.key.range, message: "aws-access-key-id wins." }] });
        }
      } else if (login.action === "azure-login") {
        ctx.report({ file: secret.file, range: secret.key.range, messageId: "azureCredsIgnored", data: { where, input: federation.key.text }, related: [{ file: federation.file, range: federation.key.range, message: `${federation.key.text} makes the action ignore creds.` }] });
      } else if (login.action === "google-auth") {
        // `${{ secrets.WIF || '' }}` beside `${{ secrets.KEY || '' }}`: one of them is empty on every run.
        if (isFallbackExpression(secret) && isFallbackExpression(federation)) return;
        const [first, second] = [secret, federation].sort((a, b) => a.key.range.start.line - b.key.range.start.line);
        if (!first || !second) return;
        ctx.report({ file: second.file, range: second.key.range, messageId: "googleBoth", data: { where }, related: [{ file: first.file, range: first.key.range, message: `${first.key.text} is set here.` }] });
      }
    },
    env(env, ctx) {
      const vars = effectiveVars(env);
      const where = sentenceLabel(env.where);
      const pair = (a: string, b: string) => {
        const x = setVar(env, a, vars);
        const y = setVar(env, b, vars);
        return x && y && (isOwn(env, x) || isOwn(env, y)) ? ([x, y] as const) : undefined;
      };
      const profileKeys = pair("AWS_PROFILE", "AWS_ACCESS_KEY_ID");
      if (profileKeys) {
        const [profile, key] = profileKeys;
        ctx.report({ file: profile.file, range: profile.key.range, messageId: "profileAndKeys", data: { where }, related: [{ file: key.file, range: key.key.range, message: "AWS_ACCESS_KEY_ID is set here." }] });
      }
      const azure = pair("AZURE_CLIENT_CERTIFICATE_PATH", "AZURE_CLIENT_SECRET");
      if (azure && isSet(vars.get("AZURE_CLIENT_ID"))) {
        const [certificate, secret] = azure;
        ctx.report({ file: certificate.file, range: certificate.key.range, messageId: "azureSecretAndCertificate", data: { where }, related: [{ file: secret.file, range: secret.key.range, message: "AZURE_CLIENT_SECRET wins." }] });
      }
    },
    repo(repo, ctx) {
      for (const call of repo.terraformCalls) if (call.provider === "azure") azurermMethods(call, ctx, true);
    },
    sdkCall(call, ctx) {
      if (call.provider === "azure" && call.file.kind === "terraform") return azurermMethods(call, ctx);
      // Terraform's provider and S3 backend: keys in the block come before every other source (the provider's
      // "Authentication and Configuration": provider parameters, then environment variables, then the shared files).
      if (call.provider !== "aws" || (call.file.kind !== "terraform" && call.file.kind !== "terraform-vars")) return;
      const profile = call.get("profile");
      const keys = [call.get("accessKeyId"), call.get("secretAccessKey")].filter((s) => s !== undefined && isGiven(s.value));
      if (!profile || !isGiven(profile.value) || keys.length === 0) return;
      ctx.report({
        file: profile.file,
        range: profile.key.range,
        messageId: "terraformProfileAndKeys",
        data: { block: call.display, keys: keys.map((k) => k?.key.text).join(", ") },
        related: keys.map((k) => ({ file: k?.file ?? profile.file, range: k?.key.range ?? profile.key.range, message: `${k?.key.text} is set here.` })),
      });
    },
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
