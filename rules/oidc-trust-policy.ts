/**
 * oidc-trust-policy — the cloud side of CI federation (RULES.md section E; reference §6.1–6.5 and
 * src/knowledge/oidc.ts for the platforms' issuers, `sub` formats and audiences).
 *
 * Reads every role trust policy (Terraform, CloudFormation/SAM, policy JSON), AWS OIDC provider, Azure federated
 * identity credential and GCP workload identity provider of the repository, and reports:
 * - security: a CI platform's (or an EKS cluster's) issuer trusted with no `sub` restriction, or with one that
 *   any repository / service account satisfies; a GCP provider for a CI issuer without `attribute_condition`;
 * - correctness: wildcards under `StringEquals` (literal there: never matches), a `sub` that is not the
 *   platform's shape, a misspelt issuer or one written with `https://` in a condition key or provider ARN,
 *   `sts:AssumeRole` for a web identity, an audience the login never sends, Azure credentials whose issuer,
 *   subject or audience cannot match exactly;
 * - against the repository's own GitHub workflows: a job that assumes the role (its `role-to-assume` names the
 *   role) but whose `sub` (environment, branch, pull request) or `audience` the policy does not allow.
 */
import { dirName } from "../src/knowledge/paths.js";
import { DEFAULT_AUDIENCE, AZURE_ISSUER, iamLike, issuerPlatform, nearIssuer, OIDC_PLATFORM_LABEL, subProblem, type OidcPlatform } from "../src/knowledge/oidc.js";
import type { CiJob, CiStep, GithubRunFacts } from "../src/model/ci.js";
import { loginOf } from "../src/model/ci-query.js";
import type { RepoModel } from "../src/model/repo.js";
import { defineRule, type RelatedInput, type RuleContext } from "../src/model/rule.js";
import { isLiveFile, type Range, type SourceFile } from "../src/model/source.js";
import type { IdentityProvider, PolicyText, TrustCondition, TrustPolicy, TrustStatement } from "../src/model/trust-policy.js";

const messages = {
  noSub: (p: { platform: string; issuer: string }) =>
    `This role trusts the OIDC issuer of ${p.platform} (${p.issuer}) with no \`sub\` condition: any repository on ${p.platform} can assume it. Add a \`StringLike\` condition on \`${p.issuer}:sub\` that names your repository (and branch or environment).`,
  anySub: (p: { platform: string; key: string; value: string }) =>
    `The \`${p.key}\` condition "${p.value}" matches tokens of repositories or projects that anyone on ${p.platform} can create (its owner or group part is a wildcard): strangers can assume this role. Name your organisation and repository in it.`,
  eksAnySub: (p: { key: string; value: string }) =>
    `The \`${p.key}\` condition "${p.value}" matches every service account of the cluster, in any namespace: any pod can assume this role. Name the namespace and service account: \`system:serviceaccount:<namespace>:<name>\`.`,
  eksNoSub: (p: { issuer: string }) =>
    `This role trusts the OIDC provider of an EKS cluster (${p.issuer}) with no \`sub\` condition: any service account in any namespace of the cluster can assume it. Add a \`StringEquals\` condition on \`<provider>:sub\` = \`system:serviceaccount:<namespace>:<name>\`.`,
  wildcardEquals: (p: { operator: string; value: string }) =>
    `"${p.value}" has a wildcard, but \`${p.operator}\` compares it literally: this condition never matches and the login fails with "Not authorized to perform sts:AssumeRoleWithWebIdentity". Use \`${p.operator.replace(/StringEquals(?:IgnoreCase)?/, "StringLike")}\`.`,
  malformedSub: (p: { value: string; why: string }) => `The \`sub\` condition "${p.value}" never matches (AccessDenied): ${p.why}.`,
  misspeltIssuer: (p: { written: string; intended: string }) =>
    `"${p.written}" is not an OIDC issuer: did you mean "${p.intended}"? The role or provider never matches a token.`,
  issuerUrlInKey: (p: { written: string }) =>
    `\`${p.written}\` is the cluster's issuer URL, with its https:// scheme: a condition key built from it never matches (IAM keys are \`<host/path>:sub\`), so the condition fails. Strip the scheme: \`replace(<url>, "https://", "")\`.`,
  schemeInKey: (p: { written: string }) =>
    `IAM names an OIDC provider without its scheme: "${p.written}" never matches (condition keys are \`<host/path>:sub\`, provider ARNs \`oidc-provider/<host/path>\`). Drop \`https://\`.`,
  wrongAction: (p: { action: string }) =>
    `A web identity (OIDC) principal is trusted for \`${p.action}\`: STS accepts OIDC tokens only in AssumeRoleWithWebIdentity, so the login fails with AccessDenied. Allow \`sts:AssumeRoleWithWebIdentity\`.`,
  wrongAudience: (p: { value: string; expected: string; login: string }) =>
    `The \`aud\` condition allows "${p.value}", but ${p.login} sends "${p.expected}": the login fails with "Not authorized to perform sts:AssumeRoleWithWebIdentity". Allow "${p.expected}" (or set the login's audience to match).`,
  providerAudience: (p: { expected: string; login: string }) =>
    `This OIDC provider's client ID list does not include "${p.expected}", the audience ${p.login} sends: STS rejects the token ("Incorrect token audience"). Add "${p.expected}" to the client ID list.`,
  providerUrl: (p: { url: string }) => `An IAM OIDC provider URL must start with https:// — "${p.url}" is rejected. Write "https://${p.url.replace(/^[a-z]+:\/\//i, "")}".`,
  azureIssuer: (p: { value: string; expected: string; platform: string }) =>
    `Microsoft Entra ID compares the issuer exactly: "${p.value}" never equals the "${p.expected}" that ${p.platform} tokens carry, so the login fails with AADSTS70021 ("No matching federated identity record found"). Write "${p.expected}".`,
  azureWildcard: (p: { value: string }) =>
    `Microsoft Entra ID compares a federated credential's subject exactly — "${p.value}" is not a pattern, so it never matches a token (AADSTS70021). Create one credential per subject (branch, environment or pull_request).`,
  azureAudience: (p: { value: string; expected: string }) =>
    `The federated credential's audience "${p.value}" is not "${p.expected}", the audience azure/login requests: the login fails with AADSTS700212 ("No matching federated identity record found for presented assertion audience"). Use "${p.expected}".`,
  gcpNoCondition: (p: { platform: string }) =>
    `This workload identity provider trusts ${p.platform} tokens with no \`attribute_condition\`: tokens from any ${p.platform} repository or project are accepted into the pool. Add an \`attribute_condition\` on the repository or owner (for GitHub: \`assertion.repository_owner == "<org>"\`).`,
  workflowSub: (p: { job: string; role: string; sub: string }) =>
    `Job ${p.job} assumes role ${p.role} with an OIDC token whose \`sub\` is ${p.sub}, which the role's trust policy does not allow: the login fails with "Not authorized to perform sts:AssumeRoleWithWebIdentity". Allow that subject in the policy, or run the job where the policy expects (its environment or branch).`,
  gcpWorkflowAudience: (p: { job: string; provider: string; audience: string; allowed: string }) =>
    `Job ${p.job} authenticates through workload identity provider ${p.provider} with a token for audience "${p.audience}", but the provider's allowed_audiences are ${p.allowed}: Google STS rejects the token ("The audience in ID Token does not match the expected audience"). Add the audience to allowed_audiences, or set the step's \`audience\` to one of them.`,
  gcpWorkflowCondition: (p: { job: string; provider: string; condition: string; why: string }) =>
    `Job ${p.job} authenticates through workload identity provider ${p.provider}, whose attribute_condition requires ${p.condition}, but ${p.why}: Google STS rejects the token ("The given credential is rejected by the attribute condition"). Change the condition, or run the job where it expects.`,
  workflowAudience: (p: { job: string; role: string; audience: string; allowed: string }) =>
    `Job ${p.job} requests an OIDC token for audience "${p.audience}", but the trust policy of role ${p.role} allows ${p.allowed}: the login fails with "Not authorized to perform sts:AssumeRoleWithWebIdentity". Make the two agree.`,
};

type Ctx = RuleContext<typeof messages>;

/** Positive string operators on a key (`sub` restrictions count only with these). */
const POSITIVE = /^(?:For(?:Any|All)Value:)?String(?:Equals(?:IgnoreCase)?|Like)(?:IfExists)?$/i;
const EQUALS = /^(?:For(?:Any|All)Value:)?StringEquals(?:IgnoreCase)?(?:IfExists)?$/i;
const LIKE = /^(?:For(?:Any|All)Value:)?StringLike(?:IfExists)?$/i;

/** A `sub` of each platform from a repository nobody here owns: a restriction that matches it lets strangers in. */
const FOREIGN_SUBS: Readonly<Record<OidcPlatform, readonly string[]>> = {
  github: ["repo:credlint-probe-org/probe-repo:ref:refs/heads/main", "repo:credlint-probe-org/probe-repo:pull_request", "repo:credlint-probe-org/probe-repo:environment:production"],
  gitlab: ["project_path:credlint-probe-group/probe-project:ref_type:branch:ref:main"],
  circleci: ["org/00000000-0000-4000-8000-00000000c0de/project/00000000-0000-4000-8000-00000000beef/user/00000000-0000-4000-8000-00000000face"],
  bitbucket: ["{00000000-0000-4000-8000-00000000c0de}:{00000000-0000-4000-8000-00000000beef}"],
  "terraform-cloud": ["organization:credlint-probe-org:project:Default Project:workspace:probe:run_phase:apply"],
  eks: ["system:serviceaccount:credlint-probe-namespace:probe"],
};

/**
 * Whether a `StringLike` subject admits tokens of someone else's repository: on GitHub and GitLab, an owner or
 * group part with a wildcard (`repo:*`; any owner before `/infrastructure`; `repo:acme-corp` and a wildcard — anyone
 * can create that repository name in an account of their own, or an organisation named `acme-corp-x`); elsewhere, a subject
 * that matches a probe subject of an organisation nobody here owns.
 */
function opensToStrangers(platform: OidcPlatform, pattern: string): boolean {
  if (/^[*?]/.test(pattern)) return true;
  const owner = platform === "github" ? /^repo:([^/:]*)/.exec(pattern)?.[1] : platform === "gitlab" ? /^project_path:([^/:]*)/.exec(pattern)?.[1] : undefined;
  if (owner !== undefined) return /[*?]/.test(owner);
  return FOREIGN_SUBS[platform].some((s) => iamLike(pattern, s));
}

/** The issuer written in a provider ARN (`…:oidc-provider/<issuer>`), or undefined. */
function arnIssuer(text: string): string | undefined {
  const i = text.indexOf("oidc-provider/");
  return i === -1 ? undefined : text.slice(i + "oidc-provider/".length);
}

/** The issuer part of a condition key (`token.actions.githubusercontent.com:sub` → `token.actions.githubusercontent.com`) and its claim. */
function keyParts(key: string): { issuer: string; claim: string } | undefined {
  const i = key.lastIndexOf(":");
  return i <= 0 ? undefined : { issuer: key.slice(0, i), claim: key.slice(i + 1).toLowerCase() };
}

function stripScheme(url: string): string {
  return url.replace(/^https?:\/\//i, "").replace(/\/+$/, "");
}

/** Where the principal's provider lives: the same Terraform folder, or the same CloudFormation template. */
function scopeOf(file: SourceFile): string {
  return file.kind === "terraform" ? `tf:${dirName(file.path)}` : `file:${file.path}`;
}

interface Issuer {
  readonly platform: OidcPlatform | undefined;
  /** The issuer as IAM writes it (host/path), when known. */
  readonly name: string | undefined;
}

/**
 * A condition key made of an EKS cluster's issuer URL as is (`${data.aws_eks_cluster.x.identity[0].oidc[0].issuer}:sub`,
 * terraform-aws-modules/eks' `cluster_oidc_issuer_url` output): the URL keeps its `https://`.
 */
const ISSUER_URL_KEY = /^\$\{\s*([\w.-]+(?:\[\d+\])?\.identity\[0\]\.oidc\[0\]\.issuer|[\w.-]*\.cluster_oidc_issuer_url)\s*\}:(?:sub|aud)$/;

/** A reference whose name says it is a CI platform's provider or issuer. */
const CI_REF = /github|gitlab|circleci|bitbucket|terraform_cloud|tfc|hcp/i;

/** Hints that a reference names an EKS cluster's OIDC provider. */
const EKS_REF = /(?:^|[._])aws_eks_cluster\.|(?:^|\.)eks(?:[._-]|$)|cluster_oidc|oidc_provider(?:_arn)?$|\.identity\[/i;

class Checker {
  private readonly providers = new Map<string, IdentityProvider>();
  /** Audiences the repository's own workflows request (configure-aws-credentials `audience:`, azure/login `audience:`). */
  private readonly awsAudiences = new Set<string>();
  private readonly azureAudiences = new Set<string>();

  constructor(
    private readonly repo: RepoModel,
    private readonly ctx: Ctx,
  ) {
    for (const p of repo.trust.providers) this.providers.set(`${scopeOf(p.file)}\0${p.address}`, p);
    for (const job of repo.ci.jobs) {
      for (const step of job.steps) {
        const login = loginOf(step);
        const aud = step.input("audience");
        if (!login || aud?.value.kind !== "literal") continue;
        if (login.action === "configure-aws-credentials") this.awsAudiences.add(aud.value.value.trim());
        if (login.action === "azure-login") this.azureAudiences.add(aud.value.value.trim());
      }
    }
  }

  /** The identity provider a reference names (`aws_iam_openid_connect_provider.github.arn`, `!GetAtt Provider.Arn`). */
  private providerOf(file: SourceFile, refs: readonly string[]): IdentityProvider | undefined {
    for (const r of refs) {
      const m = /^((?:data\.)?aws_iam_openid_connect_provider\.[\w-]+)/.exec(r);
      const address = m?.[1] ?? r.split(".")[0] ?? r;
      const p = this.providers.get(`${scopeOf(file)}\0${address}`);
      if (p) return p;
    }
    return undefined;
  }

  /** Who a statement trusts: from its principals' ARNs, the providers they reference, and its condition keys. */
  issuerOf(file: SourceFile, st: TrustStatement): Issuer {
    const names: string[] = [];
    let eks = false;
    for (const f of st.federated) {
      const fromArn = arnIssuer(f.text);
      if (fromArn !== undefined) names.push(fromArn);
      const provider = this.providerOf(file, f.refs);
      if (provider?.issuer?.literal) names.push(stripScheme(provider.issuer.text));
      if (f.refs.some((r) => EKS_REF.test(r)) || (provider?.issuer?.refs ?? []).some((r) => EKS_REF.test(r))) eks = true;
    }
    for (const c of st.conditions) {
      const parts = keyParts(c.key.text);
      if (parts && (parts.claim === "sub" || parts.claim === "aud")) names.push(parts.issuer);
      if (c.key.refs.some((r) => EKS_REF.test(r))) eks = true;
    }
    for (const n of names) {
      const platform = issuerPlatform(stripScheme(n));
      if (platform) return { platform, name: stripScheme(n) };
    }
    // An EKS provider reached through references (`aws_eks_cluster.x.identity[0].oidc[0].issuer`, a module's
    // `oidc_provider_arn`), or named by the service-account subjects it is given.
    const subjects = st.conditions.filter((c) => keyParts(c.key.text)?.claim === "sub").flatMap((c) => c.values.map((v) => v.text));
    // A reference that names a CI platform (`var.github_oidc_provider_arn`) is not an EKS cluster's provider.
    const ciNamed = [...st.federated, ...st.conditions.map((c) => c.key)].some((t) => t.refs.some((r) => CI_REF.test(r)));
    if ((eks && !ciNamed) || subjects.some((s) => s.startsWith("system:serviceaccount:"))) return { platform: "eks", name: names[0] };
    return { platform: undefined, name: names[0] };
  }

  // --- policies -----------------------------------------------------------------------------------------------

  policy(policy: TrustPolicy): void {
    for (const st of policy.statements) {
      if (!/^allow$/i.test(st.effect.trim())) continue;
      const issuer = this.issuerOf(policy.file, st);
      this.spelling(policy.file, st);
      this.action(policy.file, st, issuer);
      this.wildcards(policy.file, st);
      if (!issuer.platform) continue;
      this.subjects(policy.file, st, issuer);
      this.audience(policy.file, st, issuer);
    }
  }

  private spelling(file: SourceFile, st: TrustStatement): void {
    const written: PolicyText[] = [...st.federated.filter((f) => arnIssuer(f.text) !== undefined), ...st.conditions.map((c) => c.key)];
    for (const c of st.conditions) {
      const m = c.key.literal ? undefined : ISSUER_URL_KEY.exec(c.key.text);
      if (m?.[1]) this.ctx.report({ messageId: "issuerUrlInKey", data: { written: m[1] }, file, range: c.key.range });
    }
    const misspelt = new Map<string, { t: PolicyText; intended: string }[]>();
    for (const t of written) {
      const issuer = arnIssuer(t.text) ?? keyParts(t.text)?.issuer;
      if (!issuer || issuer.includes("${")) continue;
      if (/^https?:\/\//i.test(issuer)) {
        this.ctx.report({ messageId: "schemeInKey", data: { written: issuer }, file, range: t.range });
        continue;
      }
      const host = issuer.split("/")[0] ?? issuer;
      const intended = nearIssuer(host);
      if (intended) misspelt.set(host, [...(misspelt.get(host) ?? []), { t, intended }]);
    }
    // One finding per misspelt host of a statement, its other places as related locations.
    for (const [host, places] of misspelt) {
      const [first, ...rest] = places;
      if (!first) continue;
      this.ctx.report({
        messageId: "misspeltIssuer",
        data: { written: host, intended: first.intended },
        file,
        range: first.t.range,
        related: rest.map((p) => ({ file, range: p.t.range, message: `"${host}" is written here too.` })),
      });
    }
  }

  private action(file: SourceFile, st: TrustStatement, issuer: Issuer): void {
    const oidc = issuer.platform !== undefined || st.federated.some((f) => arnIssuer(f.text) !== undefined);
    if (!oidc || st.actions.length === 0) return;
    if (st.actions.some((a) => /^(?:sts:)?(?:AssumeRoleWithWebIdentity|\*|AssumeRole\*)$|^\*$/i.test(a.text.trim()) || !a.literal)) return;
    const wrong = st.actions.find((a) => /^sts:AssumeRole$/i.test(a.text.trim()));
    if (wrong) this.ctx.report({ messageId: "wrongAction", data: { action: wrong.text.trim() }, file, range: wrong.range });
  }

  private wildcards(file: SourceFile, st: TrustStatement): void {
    const seen = new Set<string>();
    for (const c of st.conditions) {
      if (!c.operator.literal || !EQUALS.test(c.operator.text.trim())) continue;
      const v = c.values.find((x) => x.literal && /[*?]/.test(x.text));
      if (!v) continue;
      const at = `${c.operator.range.start.line}:${c.operator.range.start.column}`;
      if (seen.has(at)) continue;
      seen.add(at);
      this.ctx.report({ messageId: "wildcardEquals", data: { operator: c.operator.text.trim(), value: v.text }, file, range: c.operator.range, related: [{ file, range: v.range, message: "The value with a wildcard." }] });
    }
  }

  /** The statement's positive conditions on a claim of its issuer. */
  private claimConditions(st: TrustStatement, claim: string): TrustCondition[] {
    return st.conditions.filter((c) => {
      const parts = keyParts(c.key.text);
      return parts?.claim === claim && (!c.operator.literal || POSITIVE.test(c.operator.text.trim()));
    });
  }

  private subjects(file: SourceFile, st: TrustStatement, issuer: Issuer): void {
    const platform = issuer.platform as OidcPlatform;
    const subs = this.claimConditions(st, "sub");
    // Restrictions on other claims than aud/amr/azp (custom claims some providers map) count as restrictions.
    const others = st.conditions.filter((c) => {
      const claim = keyParts(c.key.text)?.claim;
      return claim !== undefined && !["sub", "aud", "amr", "azp"].includes(claim) && (!c.operator.literal || POSITIVE.test(c.operator.text.trim()));
    });
    const anchor = st.federated[0]?.range ?? st.range;
    const issuerName = issuer.name && !issuer.name.includes("${") ? issuer.name : (st.federated[0]?.text ?? "the issuer");
    if (subs.length === 0 && others.length === 0) {
      if (st.opaque) return;
      if (platform === "eks") this.ctx.report({ messageId: "eksNoSub", data: { issuer: issuerName }, file, range: anchor });
      else this.ctx.report({ messageId: "noSub", data: { platform: OIDC_PLATFORM_LABEL[platform], issuer: issuerName }, file, range: anchor });
      return;
    }
    for (const c of subs) {
      const like = c.operator.literal && LIKE.test(c.operator.text.trim());
      const equals = c.operator.literal && EQUALS.test(c.operator.text.trim());
      if (!like && !equals) continue;
      for (const v of c.values) {
        if (v.literal) {
          if (like && !st.opaque && others.length === 0 && subs.length === 1 && opensToStrangers(platform, v.text)) {
            if (platform === "eks") this.ctx.report({ messageId: "eksAnySub", data: { key: c.key.text, value: v.text }, file, range: v.range });
            else this.ctx.report({ messageId: "anySub", data: { platform: OIDC_PLATFORM_LABEL[platform], key: c.key.text, value: v.text }, file, range: v.range });
            continue;
          }
          // A wildcard under StringEquals is its own finding (wildcardEquals).
          if (equals && /[*?]/.test(v.text)) continue;
          const why = subProblem(platform, v.text, like);
          if (why) this.ctx.report({ messageId: "malformedSub", data: { value: v.text, why }, file, range: v.range });
        } else if ((like || equals) && /^[^$]+\$\{/.test(v.text) && !/["\s]/.test(v.text.replace(/\$\{[^}]*\}/g, ""))) {
          // Only a template (`repo:${var.org}/…`): a conditional or a function call is not one string.
          // `repo:${var.org}/${var.repo}:ref:main`: the interpolations are unknown, the shape around them is not.
          const shape = v.text.replace(/\$\{[^}]*\}/g, "*");
          const why = subProblem(platform, shape, true);
          if (why) this.ctx.report({ messageId: "malformedSub", data: { value: v.text, why }, file, range: v.range });
        }
      }
    }
  }

  private audience(file: SourceFile, st: TrustStatement, issuer: Issuer): void {
    const expected = issuer.platform === "github" ? DEFAULT_AUDIENCE.awsGithub : issuer.platform === "eks" ? DEFAULT_AUDIENCE.eks : undefined;
    if (!expected) return;
    const sent = issuer.platform === "github" ? new Set([expected, ...this.awsAudiences]) : new Set([expected]);
    for (const c of this.claimConditions(st, "aud")) {
      if (!c.operator.literal || !EQUALS.test(c.operator.text.trim())) continue;
      const literals = c.values.filter((v) => v.literal);
      if (literals.length === 0 || literals.length < c.values.length) continue;
      if (literals.some((v) => sent.has(v.text))) continue;
      const first = literals[0] as PolicyText;
      const login = issuer.platform === "github" ? "aws-actions/configure-aws-credentials" : "the EKS pod identity webhook (IRSA)";
      this.ctx.report({ messageId: "wrongAudience", data: { value: first.text, expected, login }, file, range: first.range });
    }
  }

  // --- identity providers ---------------------------------------------------------------------------------------

  provider(p: IdentityProvider): void {
    const issuer = p.issuer;
    const platform = issuer?.literal ? issuerPlatform(stripScheme(issuer.text)) : undefined;
    if (issuer?.literal) {
      const host = stripScheme(issuer.text).split("/")[0] ?? "";
      const intended = nearIssuer(host);
      if (intended) this.ctx.report({ messageId: "misspeltIssuer", data: { written: host, intended }, file: p.file, range: issuer.range });
    }
    switch (p.kind) {
      case "aws-oidc-provider":
        return this.awsProvider(p, platform);
      case "azure-federated-credential":
        return this.azureCredential(p, platform);
      case "gcp-workload-identity-provider":
        if (!written(p.condition) && platform && platform !== "eks") this.ctx.report({ messageId: "gcpNoCondition", data: { platform: OIDC_PLATFORM_LABEL[platform] }, file: p.file, range: p.nameRange });
        return;
    }
  }

  private awsProvider(p: IdentityProvider, platform: OidcPlatform | undefined): void {
    if (p.issuer?.literal && !/^https:\/\//i.test(p.issuer.text.trim()) && !p.address.startsWith("data.")) {
      this.ctx.report({ messageId: "providerUrl", data: { url: p.issuer.text.trim() }, file: p.file, range: p.issuer.range });
    }
    if (!p.audiencesWritten || (platform !== "github" && platform !== "eks")) return;
    const expected = platform === "github" ? DEFAULT_AUDIENCE.awsGithub : DEFAULT_AUDIENCE.eks;
    if (p.audiences.length === 0 || p.audiences.some((a) => !a.literal)) return;
    const sent = platform === "github" ? new Set([expected, ...this.awsAudiences]) : new Set([expected]);
    if (p.audiences.some((a) => sent.has(a.text.trim()))) return;
    const login = platform === "github" ? "aws-actions/configure-aws-credentials" : "the EKS pod identity webhook (IRSA)";
    this.ctx.report({ messageId: "providerAudience", data: { expected, login }, file: p.file, range: (p.audiences[0] as PolicyText).range });
  }

  private azureCredential(p: IdentityProvider, platform: OidcPlatform | undefined): void {
    const issuer = p.issuer;
    if (issuer?.literal) {
      const host = stripScheme(issuer.text);
      const known = issuerPlatform(host);
      const expected = known ? AZURE_ISSUER[known] : undefined;
      if (expected && issuer.text.trim() !== expected && !nearIssuer(host.split("/")[0] ?? "")) {
        this.ctx.report({ messageId: "azureIssuer", data: { value: issuer.text, expected, platform: OIDC_PLATFORM_LABEL[known as OidcPlatform] }, file: p.file, range: issuer.range });
      }
    }
    const subject = p.subject;
    if (subject?.literal && platform) {
      if (/\*/.test(subject.text)) this.ctx.report({ messageId: "azureWildcard", data: { value: subject.text }, file: p.file, range: subject.range });
      else {
        const why = subProblem(platform, subject.text, false);
        if (why) this.ctx.report({ messageId: "malformedSub", data: { value: subject.text, why }, file: p.file, range: subject.range });
      }
    }
    if (platform === "github" && p.audiences.length > 0 && p.audiences.every((a) => a.literal)) {
      const sent = new Set([DEFAULT_AUDIENCE.azure, ...this.azureAudiences]);
      if (!p.audiences.some((a) => sent.has(a.text.trim()))) {
        const first = p.audiences[0] as PolicyText;
        this.ctx.report({ messageId: "azureAudience", data: { value: first.text, expected: DEFAULT_AUDIENCE.azure }, file: p.file, range: first.range });
      }
    }
  }

  // --- workflows against policies -------------------------------------------------------------------------------

  workflows(policies: readonly TrustPolicy[]): void {
    const byRole = new Map<string, TrustPolicy[]>();
    for (const p of policies) for (const n of p.roleNames) if (n.literal) byRole.set(n.text, [...(byRole.get(n.text) ?? []), p]);
    if (byRole.size === 0) return;
    for (const job of this.repo.ci.jobs) {
      if (job.platform !== "github" || !isLiveFile(job.file)) continue;
      for (const step of job.steps) {
        const login = loginOf(step);
        if (login?.action !== "configure-aws-credentials" || login.method !== "oidc") continue;
        const role = login.federation;
        if (role?.value.kind !== "literal") continue;
        const name = /(?:^|:role\/)(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/.exec(role.value.value.trim())?.[1];
        const matched = name ? byRole.get(name) : undefined;
        if (!name || !matched) continue;
        for (const policy of matched) this.jobAgainst(job, step, name, policy);
      }
    }
  }

  /** GitHub jobs that log in with google-github-actions/auth through a workload identity provider of the repository. */
  gcpWorkflows(providers: readonly IdentityProvider[]): void {
    const byName = new Map<string, IdentityProvider>();
    for (const p of providers) {
      if (p.kind === "gcp-workload-identity-provider" && p.poolId?.literal && p.providerId?.literal) byName.set(`${p.poolId.text}/${p.providerId.text}`, p);
    }
    if (byName.size === 0) return;
    for (const job of this.repo.ci.jobs) {
      if (job.platform !== "github" || !isLiveFile(job.file)) continue;
      for (const step of job.steps) {
        const login = loginOf(step);
        const wip = login?.action === "google-auth" && login.method === "oidc" ? login.federation : undefined;
        if (wip?.value.kind !== "literal") continue;
        const m = WIP_NAME.exec(wip.value.value.trim());
        const provider = m ? byName.get(`${m[2]}/${m[3]}`) : undefined;
        if (!m || !provider) continue;
        this.gcpJobAgainst(job, step, wip.value.value.trim(), wip.value.range, provider);
      }
    }
  }

  private gcpJobAgainst(job: CiJob, step: CiStep, wip: string, at: Range, provider: IdentityProvider): void {
    const name = provider.address;
    const audInput = step.input("audience");
    if (provider.audiencesWritten && provider.audiences.length > 0 && provider.audiences.every((a) => a.literal) && (!audInput || audInput.value.kind === "literal")) {
      const audience = audInput?.value.kind === "literal" ? audInput.value.value.trim() : `https://iam.googleapis.com/${wip.replace(/^\/\/iam\.googleapis\.com\//, "")}`;
      if (!provider.audiences.some((a) => a.text.trim() === audience)) {
        this.ctx.report({
          messageId: "gcpWorkflowAudience",
          data: { job: job.name, provider: name, audience, allowed: provider.audiences.map((a) => `"${a.text}"`).join(", ") },
          file: step.file,
          range: audInput?.value.range ?? at,
          related: provider.audiences.map((a) => ({ file: provider.file, range: a.range, message: "An audience the provider allows." })),
        });
      }
    }
    const condition = provider.condition;
    if (!condition?.literal) return;
    const why = conditionRejects(condition.text, job);
    if (why) {
      this.ctx.report({
        messageId: "gcpWorkflowCondition",
        data: { job: job.name, provider: name, condition: `\`${why.term}\``, why: why.because },
        file: step.file,
        range: at,
        related: [{ file: provider.file, range: condition.range, message: "The provider's attribute condition." }],
      });
    }
  }

  private jobAgainst(job: CiJob, step: CiStep, role: string, policy: TrustPolicy): void {
    const roleInput = step.input("role-to-assume");
    if (!roleInput) return;
    const audInput = step.input("audience");
    if (audInput && audInput.value.kind !== "literal") return;
    const audience = audInput?.value.kind === "literal" ? audInput.value.value.trim() : DEFAULT_AUDIENCE.awsGithub;
    const qualifiers = jobQualifiers(job);
    // IAM allows the call when one Allow statement matches entirely: each statement is asked whether the job's
    // subject and audience pass it (a condition credlint cannot evaluate passes).
    const verdicts = policy.statements
      .filter((st) => /^allow$/i.test(st.effect.trim()) && this.issuerOf(policy.file, st).platform === "github")
      .map((st) => {
        const subs = this.claimConditions(st, "sub");
        const patterns = subs.flatMap((c) => c.values.map((v) => ({ v, like: c.operator.literal && LIKE.test(c.operator.text.trim()) })));
        const judgeable = !st.opaque && patterns.length > 0 && patterns.every((p) => p.v.literal && p.v.text.startsWith("repo:")) && qualifiers !== undefined;
        const subOk = !judgeable || (qualifiers ?? []).some((q) => patterns.some((p) => subjectMatches(p.v.text, p.like, q)));
        const auds = this.claimConditions(st, "aud").filter((c) => c.operator.literal && EQUALS.test(c.operator.text.trim())).flatMap((c) => c.values);
        const audOk = auds.length === 0 || auds.some((v) => !v.literal || v.text === audience);
        return { subs: subs.flatMap((c) => c.values), auds, subOk, audOk };
      });
    if (verdicts.length === 0 || verdicts.some((v) => v.subOk && v.audOk)) return;
    if (verdicts.some((v) => v.subOk)) {
      const values = verdicts.filter((v) => v.subOk).flatMap((v) => v.auds);
      this.ctx.report({
        messageId: "workflowAudience",
        data: { job: job.name, role, audience, allowed: [...new Set(values.map((v) => `"${v.text}"`))].join(", ") },
        file: step.file,
        range: audInput?.value.range ?? roleInput.value.range,
        related: values.map((v) => ({ file: policy.file, range: v.range, message: "The audience the trust policy allows." })),
      });
      return;
    }
    const shown = (qualifiers ?? []).map((q) => `"repo:<owner>/<repo>:${q}"`).join(" or ");
    const related: RelatedInput[] = verdicts.flatMap((v) => v.subs).map((v) => ({ file: policy.file, range: v.range, message: "A subject the trust policy allows." }));
    this.ctx.report({ messageId: "workflowSub", data: { job: job.name, role, sub: shown }, file: step.file, range: roleInput.value.range, related });
  }

}

/** `projects/<number>/locations/global/workloadIdentityPools/<pool>/providers/<provider>` (optionally `//iam.googleapis.com/`). */
const WIP_NAME = /^(?:\/\/iam\.googleapis\.com\/)?projects\/([^/]+)\/locations\/global\/workloadIdentityPools\/([^/]+)\/providers\/([^/]+)$/;

/**
 * A term of a provider's attribute_condition that a job's tokens never satisfy, with why: only conjunctions
 * (`&&`) of `assertion.environment|ref|event_name == '…'` are judged; anything else (`||`, functions, other
 * claims, the repository, whose name the scan does not know) is taken to pass.
 */
function conditionRejects(condition: string, job: CiJob): { term: string; because: string } | undefined {
  if (/\|\||!|\?/.test(condition)) return undefined;
  const run = job.runsOn;
  if (!run) return undefined;
  for (const raw of condition.split("&&")) {
    const term = raw.trim().replace(/^\(+|\)+$/g, "").trim();
    const m = /^assertion\.(environment|ref|event_name)\s*==\s*(['"])([^'"]*)\2$/.exec(term);
    if (!m) continue;
    const [, claim, , want] = m;
    if (claim === "environment") {
      const env = run.environment?.text.trim();
      if (env === undefined) return { term, because: "the job has no `environment:`, so its token has no environment claim" };
      if (!env.includes("${{") && env !== want) return { term, because: `the job runs in environment "${env}"` };
    } else if (claim === "event_name") {
      if (run.events.length > 0 && !run.events.includes(want as string)) return { term, because: `the workflow runs on ${run.events.map((e) => `\`${e}\``).join(", ")}` };
    } else {
      const refs = jobRefs(job);
      if (refs && !refs.includes(want as string)) return { term, because: `the job runs on ${refs.map((r) => `\`${r}\``).join(", ")}` };
    }
  }
  return undefined;
}

/** The git refs a job's runs can have, when every trigger says (push to literal branches or tags; pull requests' merge refs). */
function jobRefs(job: CiJob): string[] | undefined {
  const refs = job.runsOn ? knownTriggers(job.runsOn) : undefined;
  return refs?.map((r) => (r === PULL_REQUEST ? "refs/pull/<number>/merge" : r));
}

/**
 * The qualifiers (what follows `repo:<owner>/<repo>:`) a GitHub job's tokens can carry, when every one is known:
 * its environment's; else, per trigger, `pull_request` or `ref:refs/heads/<branch>` / `ref:refs/tags/<tag>` for
 * pushes filtered to literal names. Undefined when some trigger's ref cannot be known (a manual or scheduled
 * run, an unfiltered push, a glob).
 */
function jobQualifiers(job: CiJob): string[] | undefined {
  const run = job.runsOn;
  if (!run) return undefined;
  const env = run.environment?.text.trim();
  if (env !== undefined) return env.includes("${{") ? undefined : [`environment:${env}`];
  const out = knownTriggers(run)?.map((r) => (r === PULL_REQUEST ? "pull_request" : `ref:${r}`));
  return out?.length ? out : undefined;
}

/**
 * What a workflow's triggers say of the refs its runs have, when every trigger says it: pushes filtered to
 * literal branches or tags (`refs/heads/…`, `refs/tags/…`) and pull requests (PULL_REQUEST), in the order the
 * workflow lists its events. Undefined for a manual or
 * scheduled run, an unfiltered push, a glob.
 */
function knownTriggers(run: GithubRunFacts): string[] | undefined {
  if (run.events.length === 0) return undefined;
  const refs: string[] = [];
  for (const e of run.events) {
    if (e === "pull_request") refs.push(PULL_REQUEST);
    else if (e === "push") {
      const branches = run.pushBranches ?? [];
      const tags = run.pushTags ?? [];
      if (branches.length + tags.length === 0 || [...branches, ...tags].some((b) => /[*?[\]!+]/.test(b))) return undefined;
      refs.push(...branches.map((b) => `refs/heads/${b}`), ...tags.map((t) => `refs/tags/${t}`));
    } else return undefined;
  }
  return refs;
}

/** knownTriggers' entry for a pull request run (its ref is `refs/pull/<number>/merge`, its `sub` says `pull_request`). */
const PULL_REQUEST = "\0pull_request";

/** Whether a policy's `sub` pattern admits a job qualifier from some repository the pattern names. */
function subjectMatches(pattern: string, like: boolean, qualifier: string): boolean {
  const segment = /^repo:([^:]*)/.exec(pattern)?.[1] ?? "";
  const repo = segment.replace(/[*?]/g, "x") || "x/x";
  const sub = `repo:${repo}:${qualifier}`;
  return like ? iamLike(pattern, sub) : pattern === sub;
}

/** A value that says something: not absent, not an empty string, not `null`. */
function written(t: PolicyText | undefined): boolean {
  return t !== undefined && !(t.literal && t.text.trim() === "") && !(!t.literal && t.text.trim() === "null");
}

/** Policy files and templates rendered into the live configuration (a `*.json.tpl` read by `templatefile`). */
function judged(file: SourceFile): boolean {
  if (file.facts.test) return false;
  return isLiveFile(file) || (file.kind === "iam-policy" && /\.(?:tpl|tftpl)$/i.test(file.path));
}

export default defineRule({
  meta: {
    id: "oidc-trust-policy",
    description: "Report OIDC trust policies and federated credentials that let any repository in, or never match the CI login",
    provider: "any",
    severity: "error",
    securitySeverity: 8.1,
    precision: "high",
    tags: ["security", "correctness", "external/cwe/cwe-284"],
    help: {
      why: "A CI platform's OIDC issuer is shared by every repository on it: a role that trusts token.actions.githubusercontent.com (or GitLab, CircleCI, Bitbucket, HCP Terraform, or an EKS cluster's provider) without a `sub` condition can be assumed by anyone on that platform. The other mistakes make the login fail: IAM compares `StringEquals` values literally (wildcards never match), a `sub` must have the platform's exact shape, the audience must be the one the login sends, and Microsoft Entra ID matches a federated credential's issuer, subject and audience exactly.",
      fix: "Restrict `<issuer>:sub` with `StringLike` to your repository and branch or environment (GitHub: `repo:OWNER/REPO:ref:refs/heads/main`, `repo:OWNER/REPO:environment:prod`), keep `<issuer>:aud` equal to what the login sends (`sts.amazonaws.com` for configure-aws-credentials, `api://AzureADTokenExchange` for azure/login), and give a GCP provider an `attribute_condition`.",
    },
    fixable: false,
    messages,
    // The rule's security-severity is that of its worst finding (a role anyone can assume); each finding says
    // which kind it is.
    messageTags: {
      noSub: ["security", "external/cwe/cwe-284"],
      anySub: ["security", "external/cwe/cwe-284"],
      eksAnySub: ["security", "external/cwe/cwe-284"],
      eksNoSub: ["security", "external/cwe/cwe-284"],
      gcpNoCondition: ["security", "external/cwe/cwe-284"],
      ...Object.fromEntries(Object.keys(messages).filter((k) => !["noSub", "anySub", "eksAnySub", "eksNoSub", "gcpNoCondition"].includes(k)).map((k) => [k, ["correctness"]])),
    },
  },
  check: {
    repo(repo, ctx) {
      const checker = new Checker(repo, ctx);
      // A data-source policy is the trust policy of the roles of its folder that name it.
      const policies = repo.trust.policies.map((p) => {
        if (!p.address) return p;
        const names = repo.trust.roleLinks.filter((l) => l.policy === p.address && dirName(l.file.path) === dirName(p.file.path)).map((l) => l.roleName);
        return names.length ? { ...p, roleNames: [...p.roleNames, ...names] } : p;
      });
      for (const p of policies) if (judged(p.file)) checker.policy(p);
      for (const p of repo.trust.providers) if (judged(p.file)) checker.provider(p);
      checker.workflows(policies.filter((p) => judged(p.file)));
      checker.gcpWorkflows(repo.trust.providers.filter((p) => judged(p.file)));
    },
  },
});
