/**
 * malformed-credential — values that cannot be valid credentials (reference §2.1–2.5).
 *
 * A key id is 20 characters (`AKIA`/`ASIA`/`ABIA`/`ACCA` + 16 of A–Z, 0–9: old `AKIAI…`/`AKIAJ…` keys are
 * not base32, so digits 0, 1, 8, 9 are accepted), a secret 40 of base64. The IAM API allows longer ids;
 * none has been issued, so a longer one is reported. `mfa_serial` values are `mfa-config`'s.
 *
 * Intentional stand-ins are not reported (the file's path facts and the model decide):
 * - test code and test data (`test/`, `*.test.ts`, fixtures): keys there are fakes on purpose;
 * - SDK clients whose `endpoint` is a local stand-in for AWS (LocalStack, MinIO, moto, localhost), and env
 *   files and CI files that talk to one (`talksToLocalAws`);
 * - dummy-shaped literals (`test`, `key`, `local`, a placeholder, the documentation's example key) in CI
 *   files: a workflow runs as written — nobody fills a placeholder in there — so such a value is what a job
 *   testing against a mock (moto, LocalStack) sets to keep the SDK from looking for real credentials;
 * - placeholders and example keys in files that are not live config (docs, examples, `*.example`).
 * A value shaped like a real key gone wrong (a truncated AKIA id, a user id, a swapped pair) is still reported
 * in CI files.
 */
import {
  AWS_ACCESS_KEY_ID_RE,
  AWS_SECRET_KEY_RE,
  awsKeyIdPrefix,
  isAssumedRoleArn,
  isAwsExampleValue,
  isAwsPartitionId,
  isPlaceholder,
  isRoleArn,
  parseArn,
} from "../src/knowledge/aws-keys.js";
import { awsFieldOf } from "../src/knowledge/aws-fields.js";
import { azureIdField, GUID_RE, isTenantValue } from "../src/knowledge/azure-ids.js";
import { isDummyCredential, talksToLocalAws, unexpandedGithubVariable } from "../src/model/ci-query.js";
import { findInvisibleChars } from "../src/knowledge/strings.js";
import { redact } from "../src/model/redact.js";
import { defineRule, type RuleContext } from "../src/model/rule.js";
import { takesDummyCredentials } from "../src/model/sdk-call.js";
import { syntaxOf, type Setting } from "../src/model/setting.js";
import { CI_FILE_KINDS } from "../src/model/source.js";

const messages = {
  unexpandedVariable: (p: { key: string; value: string; name: string }) =>
    `GitHub Actions does not expand ${p.value} in a workflow's env: or with: values (only \${{ }} expressions): ${p.key} is the literal text "${p.value}", and AWS rejects it. Write \${{ secrets.${p.name} }} (or \${{ vars.${p.name} }} / \${{ env.${p.name} }}).`,
  placeholderArn: (p: { key: string }) =>
    `The value of ${p.key} is a placeholder, not a role ARN: AssumeRole fails with ValidationError. Set the role's ARN (arn:aws:iam::ACCOUNT:role/NAME).`,
  placeholder: (p: { key: string }) =>
    `The value of ${p.key} is a placeholder, not a credential: AWS will reject it (InvalidClientTokenId). Put the real value in (outside the repository), or remove the key so the SDK uses its default credential chain.`,
  exampleKey: (p: { key: string }) =>
    `The value of ${p.key} is the example key from the AWS documentation, which AWS rejects (InvalidClientTokenId). Use a real key from outside the repository, or a role.`,
  identifierNotKey: (p: { key: string; entity: string; preview: string }) =>
    `The value of ${p.key}, ${p.preview}, is the unique ID of ${p.entity}, not an access key id: AWS answers "The security token included in the request is invalid". Create an access key (or better, use a role) and use its id, which starts with AKIA.`,
  badKeyId: (p: { key: string; problem: string }) =>
    `The value of ${p.key} cannot be an access key id: ${p.problem}. Key ids are 20 characters: AKIA (or ASIA for temporary keys) followed by 16 upper-case letters and digits.`,
  swapped: (p: { key: string }) =>
    `The value of ${p.key} looks like an access key id (20 characters, starting with AKIA/ASIA), not a secret: are the key id and secret swapped?`,
  badSecret: (p: { key: string; problem: string }) =>
    `The value of ${p.key} cannot be a secret access key: ${p.problem}. Secret keys are exactly 40 characters of A–Z, a–z, 0–9, / and +; AWS answers SignatureDoesNotMatch.`,
  badRoleArn: (p: { key: string; value: string; problem: string }) =>
    `The value of ${p.key}, ${p.value}, is not a valid IAM role ARN: ${p.problem}. Expected arn:aws:iam::123456789012:role/NAME.`,
  assumedRoleArn: (p: { key: string; value: string }) =>
    `The value of ${p.key}, ${p.value}, is an assumed-role session ARN (arn:…:sts::…:assumed-role/…), which cannot be assumed. Use the role's ARN: arn:aws:iam::ACCOUNT:role/NAME.`,
  azureBadId: (p: { key: string; what: string }) =>
    `The value of ${p.key} is not ${p.what}: Microsoft Entra ID refuses the sign-in (AADSTS900023 "Specified tenant identifier is neither a valid DNS name, nor a valid external domain" / AADSTS700016 "Application … was not found"). Copy the id from the app registration's Overview page.`,
  azureSecretIsId: (p: { key: string }) =>
    `The value of ${p.key} is a GUID: that is the client secret's ID from the portal's "Certificates & secrets" list, not its value, and sign-in fails with AADSTS7000215 "Invalid client secret provided". Copy the secret's Value column (shown once, when the secret is created) or create a new secret.`,
  badAccountId: (p: { key: string; value: string }) =>
    `The value of ${p.key}, ${p.value}, is not an AWS account id (12 digits): the SSO GetRoleCredentials call for it fails. Copy the 12-digit id from the AWS access portal.`,
};

function lowerFirst(s: string): string {
  // "Role" → "role", but "Amazon EC2 instance profile" keeps its proper noun.
  return /^[A-Z][a-z]/.test(s) && !s.startsWith("Amazon ") ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

function describeKeyIdProblem(v: string): string {
  if (v.length !== 20) return `it has ${v.length} characters`;
  if (/[a-z]/.test(v)) return "it contains lower-case letters";
  if (!/^[A-Z0-9]+$/.test(v)) return "it contains characters other than A–Z and 0–9";
  return `it starts with ${v.slice(0, 4)}`;
}

/** Microsoft Entra ids and secrets (see src/knowledge/azure-ids.ts): a tenant or client id that is no GUID, a secret that is one. */
function checkAzureSetting(setting: Setting, ctx: RuleContext<typeof messages>): void {
  const field = azureIdField(setting.key.text);
  if (!field || setting.value.kind !== "literal" || setting.file.facts.test) return;
  const v = setting.value.value.trim();
  // A word where an id belongs (`invoices-worker`: the app's name instead of its id) is the mistake itself here,
  // not a stand-in: only placeholders and unexpanded variables are left alone.
  if (v === "" || isPlaceholder(v) || unexpandedGithubVariable(setting) !== undefined || /[$%{}<>]/.test(v)) return;
  // Blanks, invisible characters and quotes kept around the value are credential-whitespace's finding: the
  // id is right once they are gone.
  if (/\s/.test(v) || findInvisibleChars(v).length > 0 || /^["'`].*["'`]$/.test(v)) return;
  const place = { file: setting.file, range: setting.value.range };
  const key = setting.key.text;
  if (field === "clientSecret") {
    if (GUID_RE.test(v)) ctx.report({ ...place, messageId: "azureSecretIsId", data: { key } });
    return;
  }
  if (field === "clientId" ? GUID_RE.test(v) : isTenantValue(v)) return;
  ctx.report({ ...place, messageId: "azureBadId", data: { key, what: field === "clientId" ? "an application (client) id, a GUID" : "a tenant (directory) id, a GUID or the tenant's domain" } });
}

function checkSetting(setting: Setting, ctx: RuleContext<typeof messages>): void {
  if (setting.provider === "azure") return checkAzureSetting(setting, ctx);
  if (setting.provider !== "aws" || setting.value.kind !== "literal") return;
  const v = setting.value.value.trim();
  if (v === "") return;
  // Test code and test data hold fake keys on purpose.
  const facts = setting.file.facts;
  if (facts.test) return;
  // Dummy keys for LocalStack/MinIO in env files and CI are deliberate: no AWS endpoint sees them.
  if (setting.syntax === "env" && talksToLocalAws(setting.file)) return;
  // Placeholders are expected where nobody runs the file as written: docs, examples, templates.
  const liveConfig = facts.live && !facts.example && !facts.docs;
  const key = setting.key.text;
  const field = awsFieldOf(setting);
  const place = { file: setting.file, range: setting.value.range };
  const unexpanded = unexpandedGithubVariable(setting);
  if (unexpanded !== undefined && field !== undefined && field !== "profile") {
    return ctx.report({ ...place, messageId: "unexpandedVariable", data: { key, value: v, name: unexpanded } });
  }
  switch (field) {
    case "accessKeyId":
    case "secretAccessKey":
    case "sessionToken": {
      // A dummy in a CI file is a stand-in for a mock (see the header); elsewhere only live config counts.
      if (isDummyCredential(v) && (!liveConfig || CI_FILE_KINDS.has(setting.file.kind))) return;
      // A Compose file wires up a local stack: a short word (`minio`, `sentry`) for a key is what its own
      // S3-compatible service (MinIO, SeaweedFS, LocalStack) is started with and its clients are given.
      if (setting.file.kind === "docker-compose" && /^[A-Za-z0-9_-]{1,15}$/.test(v) && !/^(?:AKIA|ASIA|ABIA|ACCA)/.test(v)) return;
      if (isAwsExampleValue(v)) return ctx.report({ ...place, messageId: "exampleKey", data: { key } });
      if (isPlaceholder(v)) return ctx.report({ ...place, messageId: "placeholder", data: { key } });
      // Blanks, invisible characters and quotes inside a credential are credential-whitespace's finding: the
      // value is right once they are gone, so reporting a wrong length as well would be the same
      // problem twice.
      if (/\s/.test(v) || findInvisibleChars(v).length > 0 || /^["'`].*["'`]$/.test(v)) return;
      if (field === "accessKeyId") {
        if (AWS_ACCESS_KEY_ID_RE.test(v)) return;
        const prefix = awsKeyIdPrefix(v);
        if (prefix && !prefix.credential) {
          return ctx.report({
            ...place,
            messageId: "identifierNotKey",
            data: { key, entity: `${/^[AEIOU]/i.test(prefix.entity) ? "an" : "a"} ${lowerFirst(prefix.entity)}`, preview: redact(v) },
          });
        }
        return ctx.report({ ...place, messageId: "badKeyId", data: { key, problem: describeKeyIdProblem(v) } });
      }
      if (field === "secretAccessKey") {
        if (AWS_SECRET_KEY_RE.test(v)) return;
        if (AWS_ACCESS_KEY_ID_RE.test(v)) return ctx.report({ ...place, messageId: "swapped", data: { key } });
        const problem =
          v.length !== 40 ? `it has ${v.length} characters` : "it contains characters other than A–Z, a–z, 0–9, / and +";
        return ctx.report({ ...place, messageId: "badSecret", data: { key, problem } });
      }
      return;
    }
    case "roleArn": {
      if (isPlaceholder(v)) return liveConfig ? ctx.report({ ...place, messageId: "placeholderArn", data: { key } }) : undefined;
      if (isRoleArn(v)) return;
      if (isAssumedRoleArn(v)) return ctx.report({ ...place, messageId: "assumedRoleArn", data: { key, value: v } });
      const arn = parseArn(v);
      let problem = "it is not an ARN";
      if (arn) {
        if (!isAwsPartitionId(arn.partition)) problem = `"${arn.partition}" is not an AWS partition`;
        else if (arn.service !== "iam") problem = `its service is "${arn.service}", not "iam"`;
        else if (arn.region !== "") problem = `IAM ARNs have no region, but it names "${arn.region}"`;
        else if (!/^\d{12}$/.test(arn.account)) problem = "its account is not 12 digits";
        else if (!arn.resource.startsWith("role/")) problem = `its resource "${arn.resource}" is not role/NAME`;
        else problem = "the role name is not valid (1–64 characters of letters, digits and +=,.@_-)";
      }
      return ctx.report({ ...place, messageId: "badRoleArn", data: { key, value: v, problem } });
    }
    case "ssoAccountId":
      if (!/^\d{12}$/.test(v)) ctx.report({ ...place, messageId: "badAccountId", data: { key, value: v } });
      return;
    default:
      return;
  }
}

export default defineRule({
  meta: {
    id: "malformed-credential",
    description: "Report credential values that cannot be valid: wrong length, wrong alphabet, placeholders, example keys, IDs in key fields",
    provider: "aws",
    severity: "error",
    securitySeverity: 2.0,
    precision: "very-high",
    tags: ["correctness"],
    help: {
      why: "AWS checks the format of what it receives before anything else. A key id of the wrong length, a user or role unique ID (AIDA…, AROA…) pasted where the access key id belongs, a secret cut short by a copy-paste, a placeholder such as YOUR_ACCESS_KEY or the documentation's AKIAIOSFODNN7EXAMPLE left in a live config, or a malformed role ARN all fail with InvalidClientTokenId, SignatureDoesNotMatch or ValidationError — a confusing \"Invalid Credentials\" that no retry fixes.",
      fix: "Copy the key id and secret again from the IAM console or `aws iam create-access-key` (the id starts with AKIA and has 20 characters, the secret has 40), and use the role's ARN (arn:aws:iam::ACCOUNT:role/NAME) in role_arn. Better: replace long-lived keys with a role or SSO.",
    },
    fixable: false,
    messages,
  },
  check: {
    setting(setting, ctx) {
      // SDK options in code are checked with their call, which knows the client's endpoint. Terraform values
      // are not in a call: a tfvars line, and a variable's default given to a provider argument
      // (src/model/build-terraform.ts: `variable "x" (client_id of provider "azurerm" in main.tf)`).
      const terraformValue = setting.file.kind === "terraform-vars" || (setting.file.kind === "terraform" && setting.where.startsWith('variable "'));
      if (syntaxOf(setting) !== "code" || terraformValue) checkSetting(setting, ctx);
    },
    sdkCall(call, ctx) {
      if (takesDummyCredentials(call)) return;
      for (const s of call.settings) checkSetting(s, ctx);
    },
  },
});
