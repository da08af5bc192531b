/**
 * region-mismatch — one context with regions that disagree (reference §1.4, §1.6, §2.5, §3.1).
 * For AWS profiles: `sso_region` ≠ the `sso_region` of its [sso-session] (botocore: "The value for
 * sso_region is inconsistent between profile and sso-session"; Go: "sso_region in profile must match"),
 * a role ARN's partition ≠ the region's partition (a commercial `arn:aws:` role in `cn-north-1` or
 * `us-gov-west-1`).
 *
 * Environments (reference §1.6): `AWS_REGION` ≠ `AWS_DEFAULT_REGION` in one context (Go and the JavaScript
 * SDK use the first, botocore the second); and only one of the two where a reader of the other really runs —
 * `AWS_DEFAULT_REGION` alone for JavaScript SDK v3 code (reads only `AWS_REGION`), `AWS_REGION` alone for
 * boto3 code (reads only `AWS_DEFAULT_REGION`). The model (`regionReaders`) says who reads: the repository's
 * own SDK code, run by the context's commands in CI and scripts (`node`, `npm test` / `python`, `pytest`;
 * not package installs, and not the CDK CLI or the Serverless Framework, which read both variables or their
 * own setting), or — for a dotenv file — the SDK code of the project the file belongs to. A job that logs in
 * with configure-aws-credentials is exempt from the second check: the action exports both variables.
 *
 * Opt-in region with global STS (reference §3.1): a context whose STS endpoint is overridden to the global
 * `https://sts.amazonaws.com` (`AWS_ENDPOINT_URL_STS`, configure-aws-credentials `sts-endpoint`) while its region
 * is an opt-in region (`ap-east-1`, `me-south-1`, …): the global endpoint issues version 1 session tokens unless
 * the account switched it to v2, and version 1 tokens are rejected in opt-in regions. The finding stands on the
 * endpoint, with the region as related location.
 *
 * SDK client region vs the CI step that runs it (RULES.md "SDK client region ≠ region configured for the same
 * workflow step"; reference §1.6: a region passed in code wins over the environment's): a file a step's command
 * runs directly, whose AWS clients name one literal region, other than the AWS_REGION / AWS_DEFAULT_REGION the
 * step's variables set (`clientsRunByStep`).
 *
 * Deliberately not reported: an opt-in region with `sts_regional_endpoints = legacy`. "legacy" sends only
 * the 16 regions that existed before regional STS to the global endpoint (botocore `LEGACY_GLOBAL_STS_REGIONS`);
 * every other region, opt-in ones included, always uses its regional endpoint, so no global (v1) token reaches
 * an opt-in region that way (src/knowledge/aws-regions.ts).
 */
import { awsPartitionOfRegion, isGlobalStsEndpoint, isOptInRegion } from "../src/knowledge/aws-regions.js";
import { parseArn } from "../src/knowledge/aws-keys.js";
import { valueOf, valuePlace } from "../src/model/aws-query.js";
import { defineRule, type RuleContext } from "../src/model/rule.js";
import { loginAction, setVar } from "../src/model/ci-query.js";
import { callShown, isWrittenIn, type SdkCall } from "../src/model/sdk-call.js";
import type { AwsProfile } from "../src/model/aws-ini.js";
import type { Setting } from "../src/model/setting.js";
import { effectiveVars, isOwn, type EnvContext, sentenceLabel } from "../src/model/env.js";
import { commandLabel, regionReaders, scriptFile, scriptsRun } from "../src/model/region-readers.js";
import type { RepoModel } from "../src/model/repo.js";

/** Whether a job in this context's scope logs in with configure-aws-credentials (which exports both variables). */
function exportsBothRegions(env: EnvContext, repo: RepoModel): boolean {
  const contexts = new Set(repo.ci.within(env));
  for (let p = env.parent; p; p = p.parent) contexts.add(p);
  return repo.ci.jobs.some((j) => j.file === env.file && j.steps.some((s) => loginAction(s) === "configure-aws-credentials" && (contexts.has(s.env) || contexts.has(j.env))));
}

const messages = {
  stepRegion: (p: { call: string; region: string; where: string; command: string; key: string; stepRegion: string }) =>
    `${p.call} is created for ${p.region}, but ${p.where} runs this file (${p.command}) with ${p.key} ${p.stepRegion}: the region the code passes wins over the environment's, so this client works in ${p.region} while the rest of the step works in ${p.stepRegion} (buckets, queues and secrets not found, or created in the wrong region). Use one region: drop the option so the client reads it from the environment, or set the step to ${p.region}.`,
  globalSts: (p: { where: string; key: string; region: string }) =>
    `${p.where} sends its STS calls to the global endpoint (${p.key}) while its region is ${p.region}, an opt-in region: the global endpoint issues version 1 session tokens (unless the account's STS global endpoint token version was set to v2), and AWS rejects version 1 tokens in opt-in regions with InvalidClientTokenId "The security token included in the request is invalid". Use the regional endpoint https://sts.${p.region}.amazonaws.com, or remove the override.`,
  ssoRegion: (p: { profile: string; region: string; session: string; sessionRegion: string }) =>
    `Profile ${p.profile} sets sso_region = ${p.region} but its sso-session ${p.session} says ${p.sessionRegion}: all three SDKs refuse the profile (botocore: "The value for sso_region is inconsistent between profile and sso-session"; the JavaScript SDK: "Conflicting SSO region"). Remove sso_region from the profile and keep it in the [sso-session] section.`,
  envRegions: (p: { where: string; region: string; defaultRegion: string }) =>
    `${p.where} sets AWS_REGION=${p.region} but AWS_DEFAULT_REGION=${p.defaultRegion}: the JavaScript and Go SDKs use ${p.region}, botocore (AWS CLI v1, boto3) uses ${p.defaultRegion} — the same job talks to two regions. Set both to the same region.`,
  defaultOnly: (p: { where: string; consumer: string }) =>
    `${p.where} sets AWS_DEFAULT_REGION but not AWS_REGION, and ${p.consumer} runs here: the AWS SDK for JavaScript v3 reads only AWS_REGION and fails with "Region is missing". Set AWS_REGION to the same value.`,
  regionOnly: (p: { where: string; consumer: string }) =>
    `${p.where} sets AWS_REGION but not AWS_DEFAULT_REGION, and ${p.consumer} runs here: boto3 and botocore read only AWS_DEFAULT_REGION and fail with "NoRegionError: You must specify a region". Set AWS_DEFAULT_REGION to the same value.`,
  tfPartition: (p: { block: string; arnPartition: string; region: string; regionPartition: string }) =>
    `\`${p.block}\` assumes a role whose ARN is in partition ${p.arnPartition} with region ${p.region}, in partition ${p.regionPartition}: roles do not cross partitions, so AssumeRole fails with InvalidClientTokenId or AccessDenied. Use an ARN of the ${p.regionPartition} partition, or a region of ${p.arnPartition}.`,
  rolePartition: (p: { where: string; roleKey: string; regionKey: string; arnPartition: string; region: string; regionPartition: string }) =>
    `${p.where} assumes a role (${p.roleKey}) in partition ${p.arnPartition} with ${p.regionKey} ${p.region}, in partition ${p.regionPartition}: roles do not cross partitions, so AssumeRole fails with InvalidClientTokenId or AccessDenied. Use an ARN of the ${p.regionPartition} partition, or a region of ${p.arnPartition}.`,
  partition: (p: { profile: string; key: string; arnPartition: string; region: string; regionPartition: string }) =>
    `Profile ${p.profile} sets ${p.key} to an ARN in partition ${p.arnPartition} but region ${p.region} is in partition ${p.regionPartition}: accounts, roles and MFA devices do not cross partitions, so the call fails with InvalidClientTokenId or AccessDenied. Use an ARN of the ${p.regionPartition} partition, or a region of ${p.arnPartition}.`,
};

/** A role ARN and a region of different partitions (`arn:aws-us-gov:` with `us-east-1`), when both are literal. */
function partitionConflict(role: Setting, region: Setting): { arnPartition: string; region: string; regionPartition: string } | undefined {
  if (role.value.kind !== "literal" || region.value.kind !== "literal") return undefined;
  const code = region.value.value.trim();
  const regionPartition = awsPartitionOfRegion(code);
  const arn = parseArn(role.value.value.trim());
  if (!regionPartition || !arn || arn.partition === regionPartition) return undefined;
  return { arnPartition: arn.partition, region: code, regionPartition };
}

/** Such a conflict, reported on the region with the role as related location. */
function reportRolePartition(role: Setting, region: Setting, where: string, ctx: RuleContext<typeof messages>): void {
  const c = partitionConflict(role, region);
  if (!c) return;
  ctx.report({
    ...valuePlace(region),
    messageId: "rolePartition",
    data: { where, roleKey: role.key.text, regionKey: region.key.text, ...c },
    related: [{ file: role.file, range: role.value.range, message: `${role.key.text} in partition ${c.arnPartition}.` }],
  });
}

export default defineRule({
  meta: {
    id: "region-mismatch",
    description: "Report conflicting regions in one context: AWS_REGION vs AWS_DEFAULT_REGION, sso_region vs its sso-session, ARN partition vs region, global STS in an opt-in region, an SDK client's region vs the CI step that runs it",
    provider: "aws",
    severity: "warning",
    securitySeverity: 1.0,
    precision: "high",
    tags: ["correctness"],
    help: {
      why: "Settings that act together must agree on the region. The SDKs read different region variables — botocore only AWS_DEFAULT_REGION, the JavaScript SDK v3 only AWS_REGION, Go both — so two different values send one job to two regions, and setting only one leaves the other SDK with \"Region is missing\" / NoRegionError. A profile's sso_region that differs from its sso-session's makes botocore and Go refuse the profile; a role ARN from one partition (aws, aws-cn, aws-us-gov) used with a region of another cannot work, because accounts and credentials do not cross partitions. An STS endpoint pinned to the global sts.amazonaws.com issues version 1 session tokens, which opt-in regions (ap-east-1, me-south-1, …) reject.",
      fix: "Set AWS_REGION and AWS_DEFAULT_REGION together, to the same region. Keep SSO settings in the [sso-session] section only, use roles and regions of the same partition, and point STS endpoint overrides at the regional endpoint (https://sts.<region>.amazonaws.com).",
    },
    fixable: false,
    messages,
  },
  check: {
    repo(repo, ctx) {
      // Terraform provider blocks whose `region` or `endpoints { sts }` is `var.x`, valued in a tfvars file or default.
      for (const call of repo.terraformCalls) globalStsInCall(call, ctx, true);
    },
    sdkCall(call, ctx) {
      globalStsInCall(call, ctx);
      // boto3: `sts.assume_role(RoleArn=…)` on `sts = boto3.client("sts", region_name=…)`.
      if (call.callKind === "sts-request") {
        const role = call.get("roleArn");
        const region = call.client?.get("region");
        if (role && region) reportRolePartition(role, region, `\`${callShown(call)}\``, ctx);
        return;
      }
      // Terraform's provider and S3 backend: `assume_role { role_arn }` and the block's `region`.
      if (call.provider !== "aws" || call.file.kind !== "terraform") return;
      const region = call.get("region");
      const role = call.get("roleArn");
      const c = region && role ? partitionConflict(role, region) : undefined;
      if (!c || !region || !role) return;
      ctx.report({
        ...valuePlace(region),
        messageId: "tfPartition",
        data: { block: call.display, ...c },
        related: [{ file: role.file, range: role.value.range, message: `role_arn in partition ${c.arnPartition}.` }],
      });
    },
    ciStep(step, ctx) {
      // Bitbucket's Atlassian AWS pipes take the role and the region as pipe variables.
      if (step.job.platform === "bitbucket" && step.action?.startsWith("atlassian/aws-")) {
        const role = step.input("AWS_OIDC_ROLE_ARN");
        const region = step.input("AWS_DEFAULT_REGION");
        if (role && region) reportRolePartition(role, region, sentenceLabel(step.where), ctx);
        return;
      }
      if (loginAction(step) !== "configure-aws-credentials") return;
      const endpoint = step.input("sts-endpoint");
      const region = step.input("aws-region");
      const role = step.input("role-to-assume");
      if (role && region) reportRolePartition(role, region, sentenceLabel(step.where), ctx);
      if (!endpoint || !region) return;
      reportGlobalSts(endpoint, region, sentenceLabel(step.where), ctx);
    },
    env(env, ctx) {
      if (env.ci) clientsRunByStep(env, ctx);
      const vars = effectiveVars(env);
      const region = setVar(env, "AWS_REGION", vars);
      const defaultRegion = setVar(env, "AWS_DEFAULT_REGION", vars);
      const where = sentenceLabel(env.where);
      const stsEndpoint = setVar(env, "AWS_ENDPOINT_URL_STS", vars);
      const stsRegion = region ?? defaultRegion;
      if (stsEndpoint && stsRegion && (isOwn(env, stsEndpoint) || isOwn(env, stsRegion))) reportGlobalSts(stsEndpoint, stsRegion, where, ctx);
      // Web identity from the environment (AWS_ROLE_ARN, as EKS and CI jobs set it) in another partition's region.
      const roleArn = setVar(env, "AWS_ROLE_ARN", vars);
      if (roleArn && stsRegion && (isOwn(env, roleArn) || isOwn(env, stsRegion))) reportRolePartition(roleArn, stsRegion, where, ctx);
      if (region && defaultRegion) {
        if (!isOwn(env, region) && !isOwn(env, defaultRegion)) return;
        if (region.value.kind !== "literal" || defaultRegion.value.kind !== "literal") return;
        const a = region.value.value.trim();
        const b = defaultRegion.value.value.trim();
        if (a === b) return;
        ctx.report({
          ...valuePlace(defaultRegion),
          messageId: "envRegions",
          data: { where, region: a, defaultRegion: b },
          related: [{ file: region.file, range: region.value.range, message: "AWS_REGION is set here." }],
        });
        return;
      }
      const only = region ?? defaultRegion;
      // A Python program's own `os.environ` writes are read by its own boto3: AWS_DEFAULT_REGION is what it
      // reads, AWS_REGION alone is lost on it (when the file uses boto3 at all).
      if (env.syntax === "python") {
        if (region && !defaultRegion && isOwn(env, region) && /\b(?:boto3|botocore)\b/.test(env.file.text)) {
          ctx.report({ file: region.file, range: region.key.range, messageId: "regionOnly", data: { where, consumer: `the boto3 code of ${env.file.path}` } });
        }
        return;
      }
      // Lambda sets both variables in every function's environment itself.
      if (!only || !isOwn(env, only) || env.runtime === "lambda" || exportsBothRegions(env, ctx.repo)) return;
      const { js, python } = regionReaders(env, ctx.repo);
      if (defaultRegion && js) ctx.report({ file: only.file, range: only.key.range, messageId: "defaultOnly", data: { where, consumer: js } });
      if (region && python) ctx.report({ file: only.file, range: only.key.range, messageId: "regionOnly", data: { where, consumer: python } });
    },
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
      if (regionSetting && region !== undefined && isOptInRegion(region)) globalStsInServices(profile, regionSetting, region, ctx);
    },
  },
});

/**
 * A profile in an opt-in region whose `services` section pins STS to the global endpoint (botocore reads
 * `[services NAME]` with `sts =` / `  endpoint_url = …` for the profile that sets `services = NAME`).
 */
function globalStsInServices(profile: AwsProfile, region: Setting, code: string, ctx: RuleContext<typeof messages>): void {
  const services = valueOf(profile, "services");
  if (services === undefined || services === "") return;
  for (const doc of ctx.repo.awsDocuments) {
    if (doc.fileKind !== "config") continue;
    for (const section of doc.sections) {
      const reading = section.readings.botocore;
      if (reading.kind !== "services" || reading.name !== services) continue;
      for (const entry of section.entries) {
        if (entry.key.text.toLowerCase() !== "sts") continue;
        for (const child of entry.children) {
          if (child.key.text.toLowerCase() !== "endpoint_url" || !isGlobalStsEndpoint(child.intended.text)) continue;
          ctx.report({
            file: doc.file,
            range: child.intended.range,
            messageId: "globalSts",
            data: { where: `Profile ${profile.name}`, key: `endpoint_url of sts in [services ${services}]`, region: code },
            related: [{ file: region.file, range: region.value.range, message: `region of profile ${profile.name} is ${code}, an opt-in region.` }],
          });
        }
      }
    }
  }
}

/**
 * A client or provider block pinned to the global STS endpoint with an opt-in region: `new STSClient({ region,
 * endpoint })`, `boto3.client("sts", region_name=…, endpoint_url=…)`, Terraform's `endpoints { sts = … }`.
 */
function globalStsInCall(call: SdkCall, ctx: RuleContext<typeof messages>, bound = false): void {
  if (call.provider !== "aws") return;
  const region = call.get("region");
  if (region?.value.kind !== "literal") return;
  const seen = new Set<string>();
  for (const s of call.settings) {
    if (s.value.kind !== "literal" || !isGlobalStsEndpoint(s.value.value)) continue;
    // A block as `terraform plan` configures it: only what a bound value adds (both written: judged with the block).
    if (bound && isWrittenIn(call, s) && isWrittenIn(call, region)) continue;
    // Terraform's block holds its first endpoint twice: as itself (`sts`) and as the block's `endpoint`.
    const at = `${s.value.range.start.line}:${s.value.range.start.column}`;
    if (seen.has(at)) continue;
    seen.add(at);
    reportGlobalSts(s, region, `\`${callShown(call)}\``, ctx);
  }
}

/** An STS endpoint override naming the global endpoint, with an opt-in region (see the header). */
function reportGlobalSts(endpoint: Setting, region: Setting, where: string, ctx: RuleContext<typeof messages>): void {
  if (endpoint.value.kind !== "literal" || region.value.kind !== "literal") return;
  const code = region.value.value.trim();
  if (!isGlobalStsEndpoint(endpoint.value.value) || !isOptInRegion(code)) return;
  ctx.report({
    file: endpoint.file,
    range: endpoint.value.range,
    messageId: "globalSts",
    data: { where, key: endpoint.key.text, region: code },
    related: [{ file: region.file, range: region.value.range, message: `${region.key.text} is ${code}, an opt-in region.` }],
  });
}

/**
 * The region a CI context sets for the programs it runs: AWS_REGION / AWS_DEFAULT_REGION (one value). Not a
 * login step's `aws-region`: configure-aws-credentials requires one, so it says where the login happens, not
 * where the job's programs must work (moto's data-update job logs in with us-east-1 and reads global SSM
 * parameters in us-west-1 on purpose).
 */
function stepRegion(env: EnvContext): { readonly setting: Setting; readonly value: string } | undefined {
  const vars = effectiveVars(env);
  const literal = (s: Setting | undefined) => (s?.value.kind === "literal" && s.value.value.trim() !== "" ? { setting: s, value: s.value.value.trim() } : undefined);
  const region = literal(setVar(env, "AWS_REGION", vars));
  const defaultRegion = literal(setVar(env, "AWS_DEFAULT_REGION", vars));
  if (region && defaultRegion && region.value !== defaultRegion.value) return undefined; // the envRegions finding
  return region ?? defaultRegion;
}

/** One finding per client and region, however many steps run the file. */
const reported = new WeakMap<RepoModel, Set<string>>();

/**
 * An AWS client in code created with a literal region other than the one the CI step that runs the file
 * configures (RULES.md: "SDK client region ≠ region configured for the same workflow step"). Only for a file a
 * command of the step runs directly, and only when the file's clients name one region: code that creates
 * clients for several regions works across regions on purpose.
 */
function clientsRunByStep(env: EnvContext, ctx: RuleContext<typeof messages>): void {
  if (env.commands.length === 0) return;
  const calls = ctx.repo.sdkCallsByPath;
  let step: ReturnType<typeof stepRegion> | null = null;
  for (const command of env.commands) {
    for (const script of scriptsRun(command.text)) {
      const path = scriptFile(script, calls.keys());
      const clients = (path ? (calls.get(path) ?? []) : []).filter(
        (c) => c.provider === "aws" && (c.callKind === "client" || c.callKind === "config-update") && (c.file.kind === "js-ts" || c.file.kind === "python"),
      );
      const regions = clients.flatMap((c) => {
        const r = c.get("region");
        return r?.value.kind === "literal" && r.value.value.trim() !== "" ? [{ call: c, setting: r, value: r.value.value.trim() }] : [];
      });
      if (regions.length === 0 || new Set(regions.map((r) => r.value)).size > 1) continue;
      if (step === null) step = stepRegion(env);
      if (!step) return;
      const seen = reported.get(ctx.repo) ?? new Set<string>();
      reported.set(ctx.repo, seen);
      for (const r of regions) {
        if (r.value === step.value) continue;
        const key = `${r.call.file.path}:${r.setting.value.range.start.line}:${r.setting.value.range.start.column}:${step.value}`;
        if (seen.has(key)) continue;
        seen.add(key);
        ctx.report({
          ...valuePlace(r.setting),
          messageId: "stepRegion",
          data: {
            call: `\`${callShown(r.call)}\``,
            region: r.value,
            where: env.where.replace(/^(\w)/, (c) => c.toLowerCase()),
            command: commandLabel(command),
            key: step.setting.key.text,
            stepRegion: step.value,
          },
          related: [{ file: step.setting.file, range: step.setting.value.range, message: `${step.setting.key.text} is set here.` }],
        });
      }
    }
  }
}
