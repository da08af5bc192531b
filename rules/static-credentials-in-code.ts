/**
 * static-credentials-in-code — SDK clients and configs in JS/TS code given explicit credentials instead of
 * the default provider chain, a role or a managed identity (reference §7). Literals and values read from
 * the environment are both reported: `credentials: { accessKeyId: process.env.KEY }` still pins a
 * long-lived key into the client and shadows the role the code runs with (a Lambda execution role, an ECS
 * task role, IRSA). Values computed at run time are not: they are usually the output of an AssumeRole call.
 *
 * Not reported: clients whose `endpoint` is a local stand-in for AWS (LocalStack, MinIO, moto, localhost:
 * the keys are whatever the emulator accepts, never AWS credentials), and clients in test code (path facts:
 * `test/`, `*.test.ts`, …), which are built with fixed dummy keys for mocks and emulators on purpose.
 *
 * Deliberately missed: clients built in another module from options passed in, `let`/`var` options, and
 * keys set through `process.env.AWS_ACCESS_KEY_ID = …` assignments. The secret value itself, when it is a
 * literal, is also reported by the hard-coded detectors; this rule is about the design, not the leak.
 */
import { defineRule } from "../src/model/rule.js";
import { callShown, takesDummyCredentials, type SdkCall } from "../src/model/sdk-call.js";
import type { Setting } from "../src/model/setting.js";

const messages = {
  awsStatic: (p: { callee: string; sdk: string; source: string; fix: string }) =>
    `\`${p.callee}\` is given static credentials (${p.source}) with ${p.sdk}, which bypasses the default provider chain: the keys are long-lived and override the role the code runs with. ${p.fix}.`,
  azureSecret: (p: { callee: string; sdk: string; what: string }) =>
    `\`${p.callee}\` (${p.sdk}) is given a hard-coded ${p.what}. Use DefaultAzureCredential (managed identity, workload identity, or az login on a laptop), or read the secret from Key Vault at run time.`,
  gcpKey: (p: { callee: string; sdk: string; source: string }) =>
    `\`${p.callee}\` (${p.sdk}) is given a service-account key (${p.source}). Drop \`credentials\` and let Application Default Credentials use the attached service account or workload identity federation.`,
};

const AWS_KEYS = ["accessKeyId", "secretAccessKey", "sessionToken"] as const;

function source(settings: readonly Setting[]): string | undefined {
  const refs = settings.flatMap((s) => (s.value.kind === "reference" ? [s.value.target] : []));
  if (settings.some((s) => s.value.kind === "literal" && s.value.value.trim() !== "")) return "hard-coded values";
  if (refs.length > 0) return `values read from ${refs.join(", ")}`;
  return undefined;
}

function awsFix(call: SdkCall, what: string): string {
  if (call.file.kind === "terraform") {
    return `Drop ${what}: let the provider find credentials itself (a profile or SSO on a laptop, \`assume_role\`, OIDC federation in CI — see prefer-oidc — or the instance role)`;
  }
  return call.inLambdaHandler
    ? `Drop ${what} and let the default provider chain use the Lambda execution role`
    : `Drop ${what} and let the default provider chain find credentials (environment, SSO or assume-role profile, or the instance/container role)`;
}

/** The standard variable of each key field: code that reads exactly it passes what the default chain reads first. */
const STANDARD_VARS = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"];

/**
 * Python code that reads the keys from their standard variables (`aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID")`,
 * django-storages' `AWS_ACCESS_KEY_ID = os.getenv("AWS_ACCESS_KEY_ID")`): boto3 and django-storages take `None` — the
 * variable unset — as "not given" and use the default chain, which reads the same variables first. Nothing is pinned.
 */
function readsStandardVars(call: SdkCall, keys: readonly Setting[]): boolean {
  return call.file.kind === "python" && keys.length > 0 && keys.every((s) => s.value.kind === "reference" && STANDARD_VARS.some((v) => s.value.kind === "reference" && s.value.target === `os.environ["${v}"]`));
}

/** Azure secrets, by positional option, that are reported when written as literals. */
const AZURE_SECRETS: Readonly<Record<string, string>> = {
  clientSecret: "client secret",
  accountKey: "storage account key",
  key: "API key",
};

export default defineRule({
  meta: {
    id: "static-credentials-in-code",
    description: "Report SDK clients in code given explicit credentials instead of the default provider chain, a role or a managed identity",
    provider: "any",
    severity: "warning",
    securitySeverity: 6.0,
    precision: "high",
    tags: ["security", "external/cwe/cwe-798"],
    help: {
      why: "Passing keys to an SDK client (credentials: { accessKeyId, secretAccessKey }, AWS.config.update({ accessKeyId }), new ClientSecretCredential(tenant, client, \"secret\"), new Storage({ credentials: { private_key } })) pins a long-lived secret into the code path. It overrides the role the code runs with, breaks when the key is rotated or disabled, and — when the value is a literal — leaks the key with the source.",
      fix: "Remove the explicit credentials and let the SDK's default chain find them: a Lambda execution role, ECS task role or EC2 instance profile in the cloud, SSO or an assume-role profile on a laptop, OIDC federation in CI. On Azure use DefaultAzureCredential; on Google Cloud, Application Default Credentials.",
    },
    fixable: false,
    messages,
  },
  check: {
    sdkCall(call, ctx) {
      if (takesDummyCredentials(call)) return;
      if (call.provider === "aws") {
        if (call.callKind === "credentials-object") {
          const from = source(AWS_KEYS.flatMap((k) => call.get(k) ?? []));
          if (!from) return;
          ctx.report({ file: call.file, range: call.callee.range, messageId: "awsStatic", data: { callee: callShown(call), sdk: call.sdk, source: from, fix: awsFix(call, "the Credentials object") } });
          return;
        }
        if (call.callKind !== "client" && call.callKind !== "config-update") return;
        const keys = AWS_KEYS.flatMap((k) => call.get(k) ?? []);
        const from = source(keys);
        if (!from || readsStandardVars(call, keys)) return;
        const first = call.credentials ?? keys[0];
        if (!first) return;
        const range = first.key.range;
        const what = call.credentials ? "`credentials`" : [...new Set(keys.map((k) => `\`${k.key.text}\``))].join(", ");
        ctx.report({ file: call.file, range, messageId: "awsStatic", data: { callee: callShown(call), sdk: call.sdk, source: from, fix: awsFix(call, what) } });
        return;
      }
      if (call.provider === "azure") {
        if (call.callKind === "connection-string") {
          const cs = call.get("connectionString");
          if (cs?.value.kind !== "literal" || !/(?:AccountKey|SharedAccessKey|SharedAccessSignature)=/i.test(cs.value.value)) return;
          ctx.report({ file: call.file, range: cs.value.range, messageId: "azureSecret", data: { callee: callShown(call), sdk: call.sdk, what: "connection string with a key" } });
          return;
        }
        if (call.callKind !== "azure-credential") return;
        for (const [key, what] of Object.entries(AZURE_SECRETS)) {
          const s = call.get(key);
          if (s?.value.kind !== "literal" || s.value.value.trim() === "") continue;
          ctx.report({ file: call.file, range: s.value.range, messageId: "azureSecret", data: { callee: callShown(call), sdk: call.sdk, what } });
        }
        return;
      }
      if (call.credentials?.holds !== "object") return;
      const key = call.get("private_key");
      const from = key ? source([key]) : undefined;
      if (!from) return;
      ctx.report({ file: call.file, range: call.credentials.key.range, messageId: "gcpKey", data: { callee: callShown(call), sdk: call.sdk, source: from } });
    },
  },
});
