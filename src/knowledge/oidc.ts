/**
 * OIDC federation from CI platforms (GitHub Actions, GitLab CI/CD, CircleCI, Bitbucket Pipelines, HCP Terraform) and
 * EKS service accounts to AWS IAM roles, Microsoft Entra federated identity credentials and Google Cloud workload
 * identity providers (reference §6.1–6.5): which issuer belongs to which platform, the `sub` each platform sends, the
 * audiences each login requests, and how the clouds compare them. Used by the `oidc-trust-policy` rule.
 *
 * Every fact carries its source; facts read only in third-party material say so, and "unverified" marks what could
 * not be confirmed at all. Sources were read in 2026-12 (snapshots as cited).
 */

export type OidcPlatform = "github" | "gitlab" | "circleci" | "bitbucket" | "terraform-cloud" | "eks";

export const OIDC_PLATFORM_LABEL: Readonly<Record<OidcPlatform, string>> = {
  github: "GitHub Actions",
  gitlab: "GitLab CI/CD",
  circleci: "CircleCI",
  bitbucket: "Bitbucket Pipelines",
  "terraform-cloud": "HCP Terraform",
  eks: "an EKS cluster",
};

const UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
const UUID_RE = new RegExp(`^${UUID}$`);

// ---------------------------------------------------------------------------------------------------------------------
// Issuers
// ---------------------------------------------------------------------------------------------------------------------

// Sources, per platform:
// - GitHub: `iss` is https://token.actions.githubusercontent.com; an enterprise that sets `include_enterprise_slug`
//   receives tokens from https://token.actions.githubusercontent.com/<enterpriseSlug>; on GHE.com data residency the
//   host is token.actions.<subdomain>.ghe.com (and …/<subdomain> for the enterprise issuer). github/docs
//   content/actions/reference/security/oidc.md @ 051718f297e11fadbf357da1e8e756991eb2ed89
//   (https://docs.github.com/en/actions/reference/security/oidc).
// - GitLab: `iss` is the instance URL; gitlab.com for GitLab.com (gitlabhq/gitlabhq doc/ci/secrets/id_token_authentication.md
//   @ 0045970352e8729b2797591beb88a7df884d84f4, doc/ci/cloud_services/azure/_index.md @ 0286e4c6). A self-managed
//   instance (gitlab.example.com) cannot be told apart from any other host.
// - CircleCI: https://oidc.circleci.com/org/<organization_id>, the organization UUID. circleci/circleci-docs
//   docs/guides/modules/permissions-authentication/pages/openid-connect-tokens.adoc @ 019b6996a643e9ef02fb7a2c2fcc5dc9141b54fd.
// - Bitbucket: https://api.bitbucket.org/2.0/workspaces/<workspace>/pipelines-config/identity/oidc
//   (https://support.atlassian.com/bitbucket-cloud/docs/integrate-pipelines-with-resource-servers-using-oidc/, read in
//   excerpts; the full path is confirmed by terraform-aws-modules/terraform-aws-iam examples/iam-bitbucket-oidc/main.tf
//   @ 67bb399b and truemark/terraform-aws-bitbucket-oidc-provider main.tf).
// - HCP Terraform: https://app.terraform.io (hashicorp/web-unified-docs content/terraform-docs-common/docs/cloud-docs/
//   dynamic-provider-credentials/workload-identity-tokens.mdx @ 3354758b); Microsoft also lists https://app.eu.terraform.io
//   as an HCP Terraform issuer (MicrosoftDocs/entra-docs docs/workload-id/workload-identities-flexible-federated-identity-credentials.md
//   @ 00ec9f51). Terraform Enterprise uses its own host.
// - EKS: https://oidc.eks.<region>.amazonaws.com/id/<ID> (awsdocs/amazon-eks-user-guide latest/ug/manage-access/aws-access/
//   enable-iam-roles-for-service-accounts.adoc @ 390223ef, associate-service-account-role.adoc @ 14550e83); China
//   regions use amazonaws.com.cn (seen in public Terraform code only). Real IDs are 32 upper-case hex digits; the AWS
//   docs' examples (EXAMPLED539D4633E53DE1B71EXAMPLE) are 32 letters and digits, so any 32 alphanumerics are accepted.

const GITHUB_HOST = "token.actions.githubusercontent.com";
const GHE_COM_HOST_RE = /^token\.actions\.[a-z0-9][a-z0-9-]*\.ghe\.com$/;
const EKS_HOST_RE = /^oidc\.eks\.[a-z]{2}(?:-[a-z]+)+-\d+\.amazonaws\.com(?:\.cn)?$/;
const TFC_HOSTS: ReadonlySet<string> = new Set(["app.terraform.io", "app.eu.terraform.io"]);

interface HostPath {
  host: string;
  path: string;
}

/** An issuer as host (lower-cased) and path: `https://` and one trailing `/` dropped; undefined for another scheme. */
function splitIssuer(issuer: string): HostPath | undefined {
  let s = issuer.replace(/^https:\/\//i, "");
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s) || s === "") return undefined;
  if (s.endsWith("/")) s = s.slice(0, -1);
  const slash = s.indexOf("/");
  return { host: (slash < 0 ? s : s.slice(0, slash)).toLowerCase(), path: slash < 0 ? "" : s.slice(slash) };
}

/**
 * The platform of an issuer, written as an IAM OIDC provider "host/path" (as in a condition key prefix or the
 * `oidc-provider/` ARN suffix) or as a URL with https://. Recognises token.actions.githubusercontent.com (and GitHub
 * Enterprise Cloud's token.actions.githubusercontent.com/<enterprise-slug>, and GHE.com's token.actions.<sub>.ghe.com),
 * gitlab.com, oidc.circleci.com/org/<id>, api.bitbucket.org/2.0/workspaces/<ws>/pipelines-config/identity/oidc,
 * app.terraform.io (and app.eu.terraform.io), oidc.eks.<region>.amazonaws.com/id/<id>. Undefined for anything else (a
 * self-hosted GitLab is not recognisable by host). Recognition tolerates the host's case and one trailing `/`, which
 * IAM and Entra do not: compare the exact string separately (see {@link issuerProblem}).
 */
export function issuerPlatform(issuer: string): OidcPlatform | undefined {
  const hp = splitIssuer(issuer);
  if (!hp) return undefined;
  const { host, path } = hp;
  if ((host === GITHUB_HOST || GHE_COM_HOST_RE.test(host)) && (path === "" || /^\/[a-z0-9][a-z0-9-]*$/i.test(path))) {
    return "github";
  }
  if (host === "gitlab.com" && path === "") return "gitlab";
  if (host === "oidc.circleci.com" && /^\/org\/[^/]+$/.test(path)) return "circleci";
  if (host === "api.bitbucket.org" && /^\/2\.0\/workspaces\/[^/]+\/pipelines-config\/identity\/oidc$/.test(path)) {
    return "bitbucket";
  }
  if (TFC_HOSTS.has(host) && path === "") return "terraform-cloud";
  if (EKS_HOST_RE.test(host) && /^\/id\/[0-9A-Za-z]{32}$/.test(path)) return "eks";
  return undefined;
}

/**
 * What is wrong with a recognised issuer as written, or undefined: a trailing `/` (GitHub's `iss` has none; HCP
 * Terraform and GitLab say "without a trailing slash" for AWS and Azure), an upper-case host, or a CircleCI
 * organization that is not the organization UUID.
 */
export function issuerProblem(issuer: string): string | undefined {
  const platform = issuerPlatform(issuer);
  if (!platform) return undefined;
  const bare = issuer.replace(/^https:\/\//i, "");
  if (bare.endsWith("/")) return `${OIDC_PLATFORM_LABEL[platform]}'s issuer has no trailing "/"`;
  const slash = bare.indexOf("/");
  const host = slash < 0 ? bare : bare.slice(0, slash);
  if (host !== host.toLowerCase()) return `${OIDC_PLATFORM_LABEL[platform]}'s issuer host is lower-case`;
  if (platform === "circleci") {
    const org = bare.slice(bare.lastIndexOf("/") + 1);
    if (!UUID_RE.test(org)) return `CircleCI's issuer is "oidc.circleci.com/org/ORG_ID" with the organization UUID, not "${org}"`;
  }
  return undefined;
}

/**
 * The IAM condition-key prefix of an issuer: the provider URL without "https://" (IAM keys are `<that>:aud`,
 * `<that>:sub`). Source: GitHub docs' AWS guide ("token.actions.githubusercontent.com:sub", github/docs
 * content/actions/how-tos/secure-your-work/security-harden-deployments/oidc-in-aws.md @ 0e1211c1), HCP Terraform's
 * AWS guide ("SITE_ADDRESS: The address of HCP Terraform with https:// stripped", aws-configuration/index.mdx
 * @ 41aae107), the EKS guide (`sed -e "s/^https:\/\///"`). Nothing else is normalised: a provider registered with a
 * trailing `/` has keys with the `/` in them (awsdocs/iam-user-guide examples, e.g. "auth-dev.mozilla.auth0.com/:aud").
 */
export function iamConditionKey(issuer: string, claim: string): string {
  return `${issuer.replace(/^https:\/\//i, "")}:${claim}`;
}

// ---------------------------------------------------------------------------------------------------------------------
// Near misses
// ---------------------------------------------------------------------------------------------------------------------

/** Optimal-string-alignment Damerau–Levenshtein distance (adjacent transpositions cost 1); max + 1 once over max. */
export function damerauLevenshtein(a: string, b: string, max: number = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur: number[] = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (prev2[j - 2] ?? 0) + 1);
      cur.push(d);
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  const d = prev[b.length] ?? 0;
  return d > max ? max + 1 : d;
}

// Hosts the near-miss check measures against, with the largest distance that still counts as a misspelling.
// gitlab.com allows only 1: github.com is 2 away from it and must not be "corrected".
const NEAR_TARGETS: readonly (readonly [host: string, max: number])[] = [
  [GITHUB_HOST, 3],
  ["oidc.circleci.com", 3],
  ["app.terraform.io", 3],
  ["api.bitbucket.org", 3],
  ["gitlab.com", 1],
];

// Hosts that are right in their own way, never reported as near misses.
const EXACT_HOSTS: ReadonlySet<string> = new Set([...NEAR_TARGETS.map(([h]) => h), "app.eu.terraform.io"]);

// Wrong hosts too far (by edit distance) from the real one to be caught, but plainly meant for it. Decided by hand:
// token.actions.github.com does not exist (GitHub issues tokens from githubusercontent.com); the others drop the
// subdomain the issuer has. vstoken.actions.githubusercontent.com (GitHub's 2021 preview issuer) is 2 edits away and
// is caught by distance.
const NEAR_ALIASES: Readonly<Record<string, string>> = {
  "token.actions.github.com": GITHUB_HOST,
  "actions.githubusercontent.com": GITHUB_HOST,
  "githubusercontent.com": GITHUB_HOST,
  "circleci.com": "oidc.circleci.com",
  "oidc.circleci.io": "oidc.circleci.com",
  "terraform.io": "app.terraform.io",
  "bitbucket.org": "api.bitbucket.org",
};

/**
 * A near miss of a known issuer host: a misspelling (Damerau–Levenshtein distance 1..3 from
 * token.actions.githubusercontent.com, oidc.circleci.com, app.terraform.io, api.bitbucket.org; 1 from gitlab.com, as
 * github.com is 2 away from it) or one of a few hand-picked stand-ins (token.actions.github.com, circleci.com,
 * terraform.io, bitbucket.org …) returns the intended host; undefined when exact or unrelated. Accepts a bare host or a
 * URL (the scheme and path are ignored) and ignores case.
 */
export function nearIssuer(host: string): string | undefined {
  const h = splitIssuer(host.trim())?.host;
  if (!h || EXACT_HOSTS.has(h) || GHE_COM_HOST_RE.test(h) || EKS_HOST_RE.test(h)) return undefined;
  if (Object.hasOwn(NEAR_ALIASES, h)) return NEAR_ALIASES[h];
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const [target, max] of NEAR_TARGETS) {
    const d = damerauLevenshtein(h, target, max);
    if (d >= 1 && d <= max && d < bestDistance) {
      best = target;
      bestDistance = d;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------------------------------
// IAM string matching
// ---------------------------------------------------------------------------------------------------------------------

// Source: "IAM JSON policy elements: Condition operators"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html):
// StringEquals is an exact, case-sensitive match; StringLike is case-sensitive and "the values can include
// multi-character match wildcards (*) and single-character match wildcards (?) anywhere in the string". A `*` or `?`
// under StringEquals is an ordinary character, so "repo:org/repo:*" there never matches and the call fails with
// "AccessDenied … Not authorized to perform sts:AssumeRoleWithWebIdentity" (GitLab's AWS guide, troubleshooting,
// gitlabhq doc/ci/cloud_services/aws/_index.md @ 017a6c12). The predefined variables ${*}, ${?} and ${$} stand for the
// literal characters ("IAM policy elements: Variables and tags", reference_policies_variables.html, special characters;
// the same three are listed by the AWS IoT Core policy-variable page).

/** The pattern as a list of code points, with `${*}`, `${?}` and `${$}` turned into literal markers. */
function likeTokens(pattern: string): { ch: string; wild: boolean }[] {
  const out: { ch: string; wild: boolean }[] = [];
  const cps = Array.from(pattern);
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i] ?? "";
    if (c === "$" && cps[i + 1] === "{" && cps[i + 3] === "}" && ["*", "?", "$"].includes(cps[i + 2] ?? "")) {
      out.push({ ch: cps[i + 2] ?? "", wild: false });
      i += 3;
    } else {
      out.push({ ch: c, wild: c === "*" || c === "?" });
    }
  }
  return out;
}

/**
 * IAM StringLike matching: * = any run of characters (including none, including ':' and '/'), ? = one character;
 * case-sensitive. `${*}`, `${?}` and `${$}` match the literal character.
 */
export function iamLike(pattern: string, value: string): boolean {
  const p = likeTokens(pattern);
  const v = Array.from(value);
  let pi = 0;
  let vi = 0;
  let star = -1;
  let mark = 0;
  while (vi < v.length) {
    const t = p[pi];
    if (t && t.wild && t.ch === "*") {
      star = pi++;
      mark = vi;
    } else if (t && ((t.wild && t.ch === "?") || t.ch === v[vi])) {
      pi++;
      vi++;
    } else if (star !== -1) {
      pi = star + 1;
      vi = ++mark;
    } else {
      return false;
    }
  }
  while (p[pi]?.wild && p[pi]?.ch === "*") pi++;
  return pi === p.length;
}

// ---------------------------------------------------------------------------------------------------------------------
// Subjects
// ---------------------------------------------------------------------------------------------------------------------

/** The literal text before the first wildcard and after the last one; `wild` when there is any. */
function literalParts(value: string): { prefix: string; suffix: string; wild: boolean } {
  const first = value.search(/[*?]/);
  if (first < 0) return { prefix: value, suffix: "", wild: false };
  const last = Math.max(value.lastIndexOf("*"), value.lastIndexOf("?"));
  return { prefix: value.slice(0, first), suffix: value.slice(last + 1), wild: true };
}

/** Whether `partial` can still grow into one of `words` (it is a prefix of one). */
function canStart(partial: string, words: Iterable<string>): boolean {
  for (const w of words) if (w.startsWith(partial)) return true;
  return false;
}

// GitHub ------------------------------------------------------------------------------------------------------------
//
// Source: github/docs content/actions/reference/security/oidc.md @ 051718f297e11fadbf357da1e8e756991eb2ed89
// (https://docs.github.com/en/actions/reference/security/oidc):
// - default subject: "repo:ORG-NAME/REPO-NAME:environment:ENVIRONMENT-NAME" when the job references an environment;
//   else "repo:ORG-NAME/REPO-NAME:pull_request" for a pull_request event; else "repo:ORG-NAME/REPO-NAME:ref:refs/heads/
//   BRANCH-NAME" or "…:ref:refs/tags/TAG-NAME".
// - "Any `:` within the metadata values will be replaced with `%3A` in the subject claim" (github.com, GHEC, GHES > 3.18).
// - Immutable subjects: "repositories created after July 15, 2026 now use an immutable default subject format that
//   includes both the owner ID and repository ID": "repo:OWNER@OWNER-ID/REPO@REPO-ID:ref:refs/heads/BRANCH"; older
//   repositories opt in; renames and transfers after that date switch too; not on GHES. With include_claim_keys,
//   "owner_id and repo_id are always included in the repo segment". (Changelog 2026-04-23, cited by the docs and by
//   aws-actions/configure-aws-credentials README @ bcd40890 and MicrosoftDocs/entra-docs
//   docs/workload-id/workload-identities-github-immutable-subjects.md @ 89f3a540.)
// - Customised subjects (REST `include_claim_keys`) replace the whole format with "CLAIM:VALUE" pairs in template order;
//   "repo" stands for the repository ("repo:ORG/REPO", not "repository:"), and "context" inserts the default context
//   without a "context:" key: ["repo","context","job_workflow_ref"] gives
//   "repo:octo-org/octo-repo:environment:prod:job_workflow_ref:octo-org/octo-automation/.github/workflows/oidc.yml@refs/heads/main";
//   ["repo"] alone gives "repo:ORG/REPO" with nothing after it; ["repository_owner","repository_visibility"] gives
//   "repository_owner:monalisa:repository_visibility:private"; custom properties appear as repo_property_<name>.
// - Claims (the "Custom claims provided by GitHub" table): actor, actor_id, base_ref, check_run_id, enterprise,
//   enterprise_id, environment, event_name, head_ref, job_workflow_ref, job_workflow_sha, ref, ref_type,
//   repository_visibility (internal|private|public), repository, repository_id, repository_owner, repository_owner_id,
//   repo_property_*, run_id, run_number, run_attempt, runner_environment (github-hosted|self-hosted), workflow,
//   workflow_ref, workflow_sha. `sha` is in every token (claims_supported) though not in that table.

const GITHUB_KEYS: ReadonlySet<string> = new Set([
  "repo", "actor", "actor_id", "base_ref", "check_run_id", "enterprise", "enterprise_id", "environment", "event_name",
  "head_ref", "job_workflow_ref", "job_workflow_sha", "ref", "ref_type", "repository_visibility", "repository",
  "repository_id", "repository_owner", "repository_owner_id", "run_id", "run_number", "run_attempt",
  "runner_environment", "workflow", "workflow_ref", "workflow_sha", "sha",
]);
const GITHUB_NUMERIC_KEYS: ReadonlySet<string> = new Set([
  "actor_id", "check_run_id", "enterprise_id", "repository_id", "repository_owner_id", "run_id", "run_number",
  "run_attempt",
]);
const GITHUB_ENUMS: Readonly<Record<string, readonly string[]>> = {
  ref_type: ["branch", "tag"],
  repository_visibility: ["internal", "private", "public"],
  runner_environment: ["github-hosted", "self-hosted"],
};

function isGithubKey(s: string): boolean {
  return GITHUB_KEYS.has(s) || /^repo_property_\w+$/.test(s);
}
function canStartGithubKey(s: string): boolean {
  return canStart(s, GITHUB_KEYS) || canStart(s, ["pull_request", "repo_property_"]) || s.startsWith("repo_property_");
}

const GH = {
  shape: 'GitHub sends "repo:OWNER/REPO:ref:refs/heads/BRANCH", "…:ref:refs/tags/TAG", "…:environment:NAME" or "…:pull_request"',
  noRepoPrefix: 'GitHub sends "repo:OWNER/REPO:…" — the "repo:" prefix is missing',
  url: 'GitHub sends "repo:OWNER/REPO:…", not a URL',
  repoValue: 'GitHub sends "repo:OWNER/REPO:…" — "repo:" is followed by OWNER/REPO',
  immutable: 'GitHub\'s immutable subject carries both ids: "repo:OWNER@OWNER_ID/REPO@REPO_ID:…"',
  refFull: 'GitHub sends "repo:OWNER/REPO:ref:refs/heads/BRANCH" — "ref:" is followed by the full ref',
  refKeyMissing: 'GitHub sends "repo:OWNER/REPO:ref:refs/heads/BRANCH" — "refs/…" needs "ref:" before it',
  refSpace: "a Git ref cannot contain whitespace",
  branch: 'GitHub has no "branch:" qualifier — a branch is sent as "ref:refs/heads/BRANCH"',
  tag: 'GitHub has no "tag:" qualifier — a tag is sent as "ref:refs/tags/TAG"',
  pullRequest: 'GitHub sends "repo:OWNER/REPO:pull_request" for pull requests',
  env: 'GitHub sends "repo:OWNER/REPO:environment:NAME" — the environment name is missing',
  envKey: 'GitHub sends "repo:OWNER/REPO:environment:NAME" — the qualifier is "environment:", not "env:"',
  context:
    'GitHub never writes "context:" — a customised template\'s "context" is sent as "ref:…", "environment:…" or "pull_request"',
  afterRepo: (s: string) =>
    `after "repo:OWNER/REPO" GitHub sends "ref:…", "environment:…" or "pull_request", not "${s}"`,
  unknownKey: (s: string) =>
    `GitHub's subject has no "${s}:" part — it is "repo:OWNER/REPO:…" or CLAIM:VALUE pairs from a customised template`,
  numeric: (k: string) => `GitHub's ${k} is a number`,
  oneOf: (k: string, vs: readonly string[]) => `GitHub's ${k} is ${vs.map((v) => `"${v}"`).join(" or ")}`,
  workflowRef: (k: string) => `GitHub's ${k} is "OWNER/REPO/PATH@REF"`,
  empty: (k: string) => `GitHub's "${k}:" is followed by a value`,
};

// Owners: letters, digits and '-'; Enterprise Managed Users add "_SHORTCODE", so '_' (and '.') are let through.
const OWNER_REPO_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]*?(@\d+)?\/[A-Za-z0-9._-]+?(@\d+)?$/;

function githubRepoValue(v: string, partial: boolean): string | undefined {
  if (/^https?$/i.test(v) || /^(?:https?\/\/|(?:www\.)?github\.com\/)/i.test(v)) return GH.url;
  if (partial) {
    if (/^[A-Za-z0-9._@-]*(?:\/[A-Za-z0-9._@-]*)?$/.test(v)) return undefined;
    return GH.repoValue;
  }
  const m = OWNER_REPO_RE.exec(v);
  if (!m) return GH.repoValue;
  if ((m[1] === undefined) !== (m[2] === undefined)) return GH.immutable;
  return undefined;
}

function githubValue(key: string, v: string, partial: boolean): string | undefined {
  if (key === "repo" || key === "repository") return githubRepoValue(v, partial);
  if (key === "ref") {
    if (/\s/.test(v)) return GH.refSpace;
    if (partial) return "refs/".startsWith(v) || v.startsWith("refs/") ? undefined : GH.refFull;
    if (!v.startsWith("refs/") || /^refs\/(?:heads|tags)\/$/.test(v)) return GH.refFull;
    return undefined;
  }
  if (partial) {
    if (GITHUB_NUMERIC_KEYS.has(key) && !/^\d*$/.test(v)) return GH.numeric(key);
    const e = GITHUB_ENUMS[key];
    if (e && !canStart(v, e)) return GH.oneOf(key, e);
    return undefined;
  }
  if (key === "environment" && v === "") return GH.env;
  if ((key === "repository_owner" || key === "actor") && v === "") return GH.empty(key);
  if (GITHUB_NUMERIC_KEYS.has(key) && !/^\d+$/.test(v)) return GH.numeric(key);
  const e = GITHUB_ENUMS[key];
  if (e && !e.includes(v)) return GH.oneOf(key, e);
  if ((key === "job_workflow_ref" || key === "workflow_ref") && !v.includes("@")) return GH.workflowRef(key);
  return undefined;
}

/** Why a complete segment where a claim name belongs cannot be one. */
function githubBadKey(s: string, index: number, afterRepo: boolean, next: string | undefined): string {
  if (/^https?$/i.test(s) && (next === undefined || next.startsWith("//"))) return GH.url;
  if (s.startsWith("refs/")) return GH.refKeyMissing;
  if (/^(?:branch|branches|heads?)$/i.test(s)) return GH.branch;
  if (/^tags?$/i.test(s)) return GH.tag;
  if (s === "context") return GH.context;
  if (s === "env") return GH.envKey;
  if (/^(?:pr|pull-request|pullrequest|pull_requests|pull_request_target|merge_request)$/i.test(s)) return GH.pullRequest;
  if (index === 0 && (s.includes("/") || /github\.com/i.test(s))) return /github\.com/i.test(s) ? GH.url : GH.noRepoPrefix;
  if (afterRepo) return GH.afterRepo(s);
  return GH.unknownKey(s);
}

function githubSubProblem(value: string): string | undefined {
  const { prefix, suffix, wild } = literalParts(value);
  const segs = prefix.split(":");
  let key: string | undefined; // the claim whose value comes next
  let previousKey: string | undefined;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i] ?? "";
    const partial = wild && i === segs.length - 1;
    if (key === undefined) {
      if (partial) {
        if (s !== "" && !canStartGithubKey(s)) return githubBadKey(s, i, previousKey === "repo", undefined);
        break;
      }
      if (s === "pull_request") {
        previousKey = s;
        continue;
      }
      if (isGithubKey(s)) {
        key = s;
        continue;
      }
      return githubBadKey(s, i, previousKey === "repo", segs[i + 1]);
    }
    const problem = githubValue(key, s, partial);
    if (problem) return problem;
    if (partial) break;
    previousKey = key;
    key = undefined;
  }
  if (!wild) {
    if (key !== undefined) return key === "environment" ? GH.env : GH.empty(key);
    return undefined;
  }
  // After the last wildcard: the literal tail's own ref and environment values.
  const tail = suffix.split(":");
  for (let i = 1; i < tail.length; i++) {
    const t = tail[i] ?? "";
    const next = tail[i + 1];
    if (t === "ref" && next !== undefined && !isGithubKey(next) && next !== "pull_request" && githubValue("ref", next, false)) {
      return githubValue("ref", next, false);
    }
    if (t === "environment" && next === "" && i + 1 === tail.length - 1) return GH.env;
  }
  return undefined;
}

/**
 * When a GitHub `sub` value can match only a customised subject template (REST `include_claim_keys`), why; undefined
 * when the default template can send it (or when unsure). Separate from {@link subProblem} because such values are
 * possible — GitHub documents the ["repo"] template, which sends a bare "repo:OWNER/REPO", and a template with "ref"
 * sends "ref:refs/pull/N/merge" for pull requests — but under the default template, which most repositories use, they
 * never match.
 */
export function githubCustomTemplateNote(value: string, like: boolean): string | undefined {
  if (hasPlaceholder(value) || subProblem("github", value, like)) return undefined;
  const { prefix, wild } = literalParts(value);
  const segs = prefix.split(":");
  const complete = wild ? segs.slice(0, -1) : segs;
  const first = complete[0];
  if (first !== undefined && first !== "repo") {
    return `"${first}:…" is sent only when the repository's subject template is customised (include_claim_keys); by default GitHub sends "repo:OWNER/REPO:…"`;
  }
  if (!wild && complete.length === 2) {
    return 'a bare "repo:OWNER/REPO" is sent only with a subject template customised to include_claim_keys ["repo"]; by default GitHub appends ":ref:…", ":environment:…" or ":pull_request"';
  }
  const qualifier = complete[2];
  if (qualifier === undefined) return undefined;
  if (!["ref", "environment", "pull_request"].includes(qualifier)) {
    return `"repo:OWNER/REPO:${qualifier}:…" is sent only with a customised subject template (include_claim_keys); by default "ref:…", "environment:…" or "pull_request" follows the repository`;
  }
  if (qualifier === "ref" && (segs[3] ?? "").startsWith("refs/pull/")) {
    return 'by default a pull request sends "repo:OWNER/REPO:pull_request"; "ref:refs/pull/…" appears only with a customised subject template that includes "ref"';
  }
  const contextLength = qualifier === "pull_request" ? 3 : 4;
  if (complete.length > contextLength) {
    return 'claims after the context ("…:CLAIM:VALUE") are sent only with a customised subject template (include_claim_keys)';
  }
  return undefined;
}

/** Which GitHub subject form a `sub` value is written for: the immutable ids (OWNER@ID/REPO@ID) or names only. */
export function githubSubjectForm(value: string): "immutable" | "names" | undefined {
  const m = /^repo:([^:/*?]+)\/([^:*?]+)(?::|$)/.exec(value);
  if (!m) return undefined;
  const ids = [m[1] ?? "", m[2] ?? ""].filter((s) => /@\d+$/.test(s)).length;
  return ids === 2 ? "immutable" : ids === 0 ? "names" : undefined;
}

/**
 * The GitHub `sub` a job sends under the default template: environment wins; else pull_request events send
 * "pull_request"; else "ref:<ref>". A bare branch name becomes refs/heads/<name>; ':' in values becomes %3A (see the
 * GitHub source above). `repository` may be "OWNER/REPO" or the immutable "OWNER@ID/REPO@ID". Only the event named
 * "pull_request" sends "pull_request" — unverified for pull_request_review and pull_request_review_comment;
 * pull_request_target runs on the base branch and sends its ref (kyma-project/test-infra#9976, observed token).
 * Throws a RangeError when the job has neither an environment nor a ref and is not a pull_request run.
 */
export function githubSubject(repository: string, job: { environment?: string; event: string; ref?: string }): string {
  const esc = (s: string): string => s.replaceAll(":", "%3A");
  if (job.environment !== undefined && job.environment !== "") return `repo:${repository}:environment:${esc(job.environment)}`;
  if (job.event === "pull_request") return `repo:${repository}:pull_request`;
  if (job.ref === undefined || job.ref === "") {
    throw new RangeError("githubSubject: a job without an environment that is not a pull_request run needs its ref");
  }
  const ref = job.ref.startsWith("refs/") ? job.ref : `refs/heads/${job.ref}`;
  return `repo:${repository}:ref:${esc(ref)}`;
}

// GitLab ------------------------------------------------------------------------------------------------------------
//
// Source: gitlabhq/gitlabhq doc/ci/secrets/id_token_authentication.md @ 0045970352e8729b2797591beb88a7df884d84f4:
// `sub` is "project_path:{group}/{project}:ref_type:{type}:ref:{branch_name}"; `ref` is the Git ref (example
// "feature-branch-1", a bare name) and `ref_path` the fully qualified one ("refs/heads/main"); `ref_type` is "branch"
// or "tag". The AWS guide's condition: "gitlab.example.com:sub": "project_path:mygroup/myproject:ref_type:branch:ref:main"
// (doc/ci/cloud_services/aws/_index.md @ 017a6c12). The format is configurable per project with the projects API
// attribute ci_id_token_sub_claim_components: each component "must name a custom JWT claim produced by GitLab, and the
// first element must be project_path", formatted "<claim_name>:<claim_value>" joined with ":"; supported values were
// project_path,ref_type,ref | project_path,ref,ref_type | project_path,ref | project_path,ref_type
// (https://gitlab.com/gitlab-org/gitlab/-/merge_requests/160562, https://gitlab.com/gitlab-org/gitlab/-/issues/477260).
// Later versions reportedly allow more claims (ref_protected, environment_protected, deployment_tier — third-party note,
// unverified), so any GitLab claim name is accepted after project_path.

const GITLAB_KEYS: ReadonlySet<string> = new Set([
  "project_path", "ref_type", "ref", "ref_path", "ref_protected", "environment", "environment_protected",
  "deployment_tier", "namespace_id", "namespace_path", "project_id", "user_id", "user_login", "user_email",
  "user_identities", "pipeline_id", "pipeline_source", "job_id", "runner_id", "runner_environment", "sha",
  "ci_config_ref_uri", "ci_config_sha", "project_visibility",
]);

const GL = {
  shape: 'GitLab sends "project_path:GROUP/PROJECT:ref_type:branch:ref:BRANCH"',
  noPrefix: 'GitLab sends "project_path:GROUP/PROJECT:ref_type:branch:ref:BRANCH" — the "project_path:" prefix is missing',
  githubFormat: 'GitLab sends "project_path:GROUP/PROJECT:…", not GitHub\'s "repo:…"',
  firstKey: 'GitLab\'s subject always starts with "project_path:GROUP/PROJECT"',
  projectPath: 'GitLab sends "project_path:GROUP/PROJECT:…" — the path is GROUP[/SUBGROUP…]/PROJECT',
  url: 'GitLab sends "project_path:GROUP/PROJECT:…", not a URL',
  refBare: 'GitLab sends "…:ref:BRANCH" with the bare branch or tag name, not "refs/heads/…"',
  refEmpty: 'GitLab sends "…:ref:BRANCH" — the branch or tag name is missing',
  refType: 'GitLab\'s ref_type is "branch" or "tag"',
  refPath: 'GitLab\'s ref_path is the full ref, "refs/heads/BRANCH" or "refs/tags/TAG"',
  bool: (k: string) => `GitLab's ${k} is "true" or "false"`,
  unknownKey: (s: string) => `GitLab sends "project_path:GROUP/PROJECT:ref_type:branch:ref:BRANCH" — it has no "${s}:" part`,
  empty: (k: string) => `GitLab's "${k}:" is followed by a value`,
};

function gitlabValue(key: string, v: string, partial: boolean): string | undefined {
  if (key === "project_path") {
    if (/^https?$|^https?\/\/|gitlab\.com\//i.test(v)) return GL.url;
    if (partial) return /^[A-Za-z0-9_.][A-Za-z0-9_./-]*$|^$/.test(v) ? undefined : GL.projectPath;
    if (!/^[A-Za-z0-9_.][A-Za-z0-9_.-]*(?:\/[A-Za-z0-9_.][A-Za-z0-9_.-]*)+$/.test(v) || /\.(?:git|atom)$/.test(v)) {
      return GL.projectPath;
    }
    return undefined;
  }
  if (key === "ref") {
    if (v.startsWith("refs/")) return GL.refBare;
    if (!partial && v === "") return GL.refEmpty;
    return undefined;
  }
  if (key === "ref_type") return (partial ? canStart(v, ["branch", "tag"]) : ["branch", "tag"].includes(v)) ? undefined : GL.refType;
  if (key === "ref_path") return (partial ? "refs/".startsWith(v) || v.startsWith("refs/") : v.startsWith("refs/")) ? undefined : GL.refPath;
  if (key === "ref_protected" || key === "environment_protected") {
    return (partial ? canStart(v, ["true", "false"]) : v === "true" || v === "false") ? undefined : GL.bool(key);
  }
  if (!partial && v === "" && (key === "environment" || key === "namespace_path")) return GL.empty(key);
  return undefined;
}

function gitlabSubProblem(value: string): string | undefined {
  const { prefix, suffix, wild } = literalParts(value);
  const segs = prefix.split(":");
  let key: string | undefined;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i] ?? "";
    const partial = wild && i === segs.length - 1;
    if (key === undefined) {
      if (i === 0) {
        if (partial && (s === "" || "project_path".startsWith(s))) break;
        if (s !== "project_path") return gitlabFirstKey(s);
        key = s;
        continue;
      }
      if (partial) {
        if (s !== "" && !canStart(s, GITLAB_KEYS)) return GL.unknownKey(s);
        break;
      }
      if (!GITLAB_KEYS.has(s)) return s.startsWith("refs/") ? GL.refBare : GL.unknownKey(s);
      key = s;
      continue;
    }
    const problem = gitlabValue(key, s, partial);
    if (problem) return problem;
    if (partial) break;
    key = undefined;
  }
  if (!wild) return key !== undefined ? (key === "ref" ? GL.refEmpty : GL.empty(key)) : undefined;
  const tail = suffix.split(":");
  for (let i = 1; i + 1 < tail.length; i++) {
    const t = tail[i] ?? "";
    const next = tail[i + 1] ?? "";
    if (t === "ref" && next.startsWith("refs/")) return GL.refBare;
    if (t === "ref_type" && !GITLAB_KEYS.has(next) && !["branch", "tag"].includes(next)) return GL.refType;
  }
  return undefined;
}

function gitlabFirstKey(s: string): string {
  if (s === "repo") return GL.githubFormat;
  if (/^https?$/i.test(s)) return GL.url;
  if (s.includes("/")) return GL.noPrefix;
  return GL.firstKey;
}

// CircleCI ----------------------------------------------------------------------------------------------------------
//
// Source: circleci/circleci-docs docs/guides/modules/permissions-authentication/pages/openid-connect-tokens.adoc
// @ 019b6996a643e9ef02fb7a2c2fcc5dc9141b54fd: $CIRCLE_OIDC_TOKEN's `sub` is
// "org/<organization_id>/project/<project_id>/user/<user_id>" (UUIDs); $CIRCLE_OIDC_TOKEN_V2's is
// "org/<organization_id>/project/<project_id>/user/<user_id>/vcs-origin/<vcs_origin>/vcs-ref/<vcs_ref>", where
// vcs-origin is "similar to github.com/organization-123/repo-1" and vcs-ref "similar to refs/heads/main"; the docs'
// policy: "org/<organization_id>/project/*/user/*/vcs-origin/github.com/my-org/*/vcs-ref/refs/heads/main".

const CC = {
  shape: 'CircleCI sends "org/ORG_ID/project/PROJECT_ID/user/USER_ID" ($CIRCLE_OIDC_TOKEN_V2 adds "/vcs-origin/ORIGIN/vcs-ref/REF")',
  noPrefix: 'CircleCI sends "org/ORG_ID/project/PROJECT_ID/user/USER_ID" — the "org/" prefix is missing',
  orgId: "CircleCI's ORG_ID is the organization UUID (Organization Settings > Overview), not a name or slug",
  projectId: "CircleCI's PROJECT_ID is the project UUID (Project Settings > Overview), not a name or slug",
  userId: 'CircleCI sends "…/user/USER_ID" — the user id is missing',
  v2: 'CircleCI\'s V2 subject continues "…/user/USER_ID/vcs-origin/ORIGIN/vcs-ref/REF"',
  origin: 'CircleCI\'s vcs-origin is "github.com/ORG/REPO", without a scheme',
  ref: 'CircleCI\'s vcs-ref is the full ref, such as "refs/heads/main"',
};

function circleciSubProblem(value: string): string | undefined {
  const { prefix, suffix, wild } = literalParts(value);
  const toks = prefix.split("/");
  const fixed: readonly (string | undefined)[] = ["org", undefined, "project", undefined, "user", undefined, "vcs-origin"];
  let stage: "origin" | "ref" | undefined;
  let originSeen = 0;
  const refToks: string[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] ?? "";
    const partial = wild && i === toks.length - 1;
    if (i < fixed.length) {
      const want = fixed[i];
      if (want !== undefined) {
        if (partial ? !want.startsWith(t) : t !== want) {
          if (i === 0) return UUID_RE.test(t) || /^[0-9a-f]{8}-/i.test(t) ? CC.noPrefix : CC.shape;
          return i === 6 ? CC.v2 : CC.shape;
        }
      } else if (i === 1 || i === 3) {
        const ok = partial ? /^[0-9a-fA-F-]{0,36}$/.test(t) : UUID_RE.test(t);
        if (!ok) return i === 1 ? CC.orgId : CC.projectId;
      } else if (!partial && t === "") {
        return CC.userId;
      }
      if (i === 6 && !partial) stage = "origin";
      continue;
    }
    if (stage === "origin") {
      if (originSeen === 0 && /^https?:?$/i.test(t)) return CC.origin;
      if (!partial && t === "vcs-ref" && originSeen > 0) {
        stage = "ref";
        continue;
      }
      originSeen++;
      continue;
    }
    if (stage === "ref") refToks.push(t);
  }
  if (!wild) {
    if (toks.length < 6) return CC.shape;
    if (toks.length > 6 && stage !== "ref") return CC.v2;
    if (stage === "ref") {
      const ref = refToks.join("/");
      if (!ref.startsWith("refs/")) return CC.ref;
    }
    return undefined;
  }
  if (stage === "ref" && refToks.length > 0) {
    const ref = refToks.join("/");
    if (!("refs/".startsWith(ref) || ref.startsWith("refs/"))) return CC.ref;
  }
  const at = suffix.indexOf("/vcs-ref/");
  if (at >= 0 && !suffix.slice(at + 9).startsWith("refs/")) return CC.ref;
  if (/(?:^|\/)vcs-origin\/https?:/i.test(value)) return CC.origin;
  return undefined;
}

// Bitbucket ---------------------------------------------------------------------------------------------------------
//
// Source: the `sub` is "{REPOSITORY_UUID}[:{ENVIRONMENT_UUID}]:{STEP_UUID}", UUIDs in braces, the environment only
// when the step deploys to one. Atlassian's "Deploy on AWS using Bitbucket Pipelines OpenID Connect"
// (https://support.atlassian.com/bitbucket-cloud/docs/deploy-on-aws-using-bitbucket-pipelines-openid-connect/#Using-claims-in-ID-tokens-to-limit-access-to-the-IAM-role-in-AWS)
// could not be read beyond its opening; the format is as quoted from it by terraform-aws-modules/terraform-aws-iam
// examples/iam-bitbucket-oidc/main.tf @ 67bb399be68e164a2101254350c65be5130cc06e (with the examples
// "{1de489be-…}:{bd715740-…}:{759de0c6-…}" and "{1de489be-…}:{759de0c6-…}"), helecloud/terraform-aws-bitbucket-oidc
// and opszero/terraform-aws-mrmgr. Note a ":" between every pair of braces, not "{REPO}{ENV}:{STEP}".
// ⚠ Other third parties write "{WORKSPACE_UUID}:{REPO_UUID}:*" or "{PIPELINE_UUID}:{STEP_UUID}" (a local runner's
// emulation); with a wildcard after the first UUID those still match the documented form, so they are not flagged.

const BB = {
  shape: 'Bitbucket sends "{REPOSITORY_UUID}:{STEP_UUID}" or "{REPOSITORY_UUID}:{ENVIRONMENT_UUID}:{STEP_UUID}"',
  braces: 'Bitbucket writes each UUID in braces: "{REPOSITORY_UUID}:{STEP_UUID}"',
  colon: 'Bitbucket separates the UUIDs with ":": "{REPOSITORY_UUID}:{ENVIRONMENT_UUID}:{STEP_UUID}"',
  slug: 'Bitbucket sends "{REPOSITORY_UUID}:…" — the repository UUID (Repository settings > OpenID Connect), not its name',
};

function bitbucketToken(t: string, partial: boolean): string | undefined {
  if (t.includes("}{")) return BB.colon;
  if (partial) {
    if (t === "" || /^\{[0-9a-fA-F-]{0,36}\}?$/.test(t)) return undefined;
    if (/^[0-9a-fA-F-]+$/.test(t)) return BB.braces;
    return /^\{?[A-Za-z0-9._-]+/.test(t) ? BB.slug : BB.shape;
  }
  if (new RegExp(`^\\{${UUID}\\}$`).test(t)) return undefined;
  if (UUID_RE.test(t)) return BB.braces;
  if (/^\{[^{}]+\}$/.test(t) || /^[A-Za-z0-9._-]+$/.test(t)) return BB.slug;
  return BB.shape;
}

function bitbucketSubProblem(value: string): string | undefined {
  if (value.includes("}{")) return BB.colon;
  const { prefix, wild } = literalParts(value);
  const toks = prefix.split(":");
  for (let i = 0; i < toks.length; i++) {
    const problem = bitbucketToken(toks[i] ?? "", wild && i === toks.length - 1);
    if (problem) return problem;
  }
  const complete = wild ? toks.length - 1 : toks.length;
  if (complete > 3 || (!wild && complete < 2)) return BB.shape;
  return undefined;
}

// HCP Terraform -----------------------------------------------------------------------------------------------------
//
// Source: hashicorp/web-unified-docs content/terraform-docs-common/docs/cloud-docs/dynamic-provider-credentials/
// workload-identity-tokens.mdx @ 3354758ba55db6681891fca77a947061cac1bc66: a workspace run's `sub` is
// "organization:my-org:project:Default Project:workspace:my-workspace:run_phase:apply" (project names may contain
// spaces), run_phase "plan" or "apply"; a module test run's is "organization:{ORGANIZATION_NAME}:module:{MODULE_NAME}:
// operation:test_run". Stacks send other subjects (not read here, left alone).

const TF = {
  shape: 'HCP Terraform sends "organization:ORG:project:PROJECT:workspace:WORKSPACE:run_phase:plan|apply"',
  noProject: 'HCP Terraform sends "organization:ORG:project:PROJECT:workspace:WORKSPACE:run_phase:…" — the "project:PROJECT" part is missing',
  noWorkspace: 'HCP Terraform sends "organization:ORG:project:PROJECT:workspace:WORKSPACE:run_phase:…" — the "workspace:WORKSPACE" part is missing',
  runPhase: 'HCP Terraform\'s run_phase is "plan" or "apply"',
  module: 'HCP Terraform sends "organization:ORG:module:MODULE:operation:test_run" for module tests',
  empty: 'HCP Terraform sends "organization:ORG:…" — a name is missing',
};

function terraformSubProblem(value: string): string | undefined {
  const { prefix, wild } = literalParts(value);
  const toks = prefix.split(":");
  const last = toks.length - 1;
  const fits = (i: number, want: string): boolean => (wild && i === last ? want.startsWith(toks[i] ?? "") : toks[i] === want);
  const named = (i: number): boolean => (wild && i === last) || (toks[i] ?? "") !== "";
  if (!fits(0, "organization")) return TF.shape;
  if (toks.length > 1 && !named(1)) return TF.empty;
  if (toks.length <= 2) return wild ? undefined : TF.shape;
  const kind = toks[2] ?? "";
  const partialKind = wild && last === 2;
  if (partialKind) return canStart(kind, ["project", "module"]) ? undefined : kind === "" ? undefined : TF.shape;
  if (kind === "workspace") return TF.noProject;
  if (kind === "module") {
    const want = ["organization", undefined, "module", undefined, "operation", "test_run"];
    for (let i = 3; i < toks.length; i++) {
      const w = want[i];
      if (i >= want.length) return TF.module;
      if (w === undefined ? !named(i) : !fits(i, w)) return TF.module;
    }
    return !wild && toks.length !== want.length ? TF.module : undefined;
  }
  if (kind !== "project") return TF.shape;
  if (toks.length > 3 && !named(3)) return TF.empty;
  if (toks.length <= 4) return wild ? undefined : TF.shape;
  const four = toks[4] ?? "";
  if (!(wild && last === 4) && four === "run_phase") return TF.noWorkspace;
  if (!fits(4, "workspace")) return undefined; // a Stack's or another kind of subject: unsure
  if (toks.length > 5 && !named(5)) return TF.empty;
  if (toks.length > 6 && !fits(6, "run_phase")) return TF.shape;
  if (toks.length > 7) {
    const phase = toks[7] ?? "";
    const ok = wild && last === 7 ? canStart(phase, ["plan", "apply"]) : phase === "plan" || phase === "apply";
    if (!ok) return TF.runPhase;
  }
  if (toks.length > 8) return TF.shape;
  if (!wild && toks.length !== 8) return toks.length === 7 ? TF.runPhase : TF.shape;
  return undefined;
}

// EKS ---------------------------------------------------------------------------------------------------------------
//
// Source: awsdocs/amazon-eks-user-guide latest/ug/manage-access/aws-access/associate-service-account-role.adoc
// @ 14550e8384f8b063a4b66392a9a208da260cf4dd: "$oidc_provider:sub": "system:serviceaccount:$namespace:$service_account",
// audience sts.amazonaws.com; for every service account of a namespace use StringLike and "*". Kubernetes namespaces are
// DNS labels and service-account names DNS subdomains: lower case, digits, '-' (and '.' in names). (Kubernetes
// "Object Names and IDs", https://kubernetes.io/docs/concepts/overview/working-with-objects/names/.)
// "system:serviceaccounts:<namespace>" (plural) is the group of a namespace's service accounts, not a subject.

const EK = {
  shape: 'EKS sends "system:serviceaccount:NAMESPACE:SERVICE_ACCOUNT"',
  noSystem: 'EKS sends "system:serviceaccount:NAMESPACE:SERVICE_ACCOUNT" — the "system:" prefix is missing',
  plural: 'EKS sends "system:serviceaccount:NAMESPACE:SERVICE_ACCOUNT" — "system:serviceaccounts:…" (plural) is a group, not a subject',
  slash: 'EKS sends "system:serviceaccount:NAMESPACE:SERVICE_ACCOUNT" — namespace and name are separated by ":"',
  dns: "Kubernetes namespaces and service-account names are lower-case DNS names (a-z, 0-9, '-')",
};

function eksSubProblem(value: string): string | undefined {
  const { prefix, wild } = literalParts(value);
  const toks = prefix.split(":");
  const last = toks.length - 1;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] ?? "";
    const partial = wild && i === last;
    if (i === 0) {
      if (partial ? !"system".startsWith(t) : t !== "system") return /^serviceaccounts?$/.test(t) ? EK.noSystem : EK.shape;
    } else if (i === 1) {
      if (t === "serviceaccounts") return EK.plural;
      if (partial ? !"serviceaccount".startsWith(t) : t !== "serviceaccount") return EK.shape;
    } else if (i <= 3) {
      if (t.includes("/")) return EK.slash;
      const label = i === 2 ? /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/ : /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
      const ok = partial ? /^[a-z0-9.-]*$/.test(t) : label.test(t) && t.length <= (i === 2 ? 63 : 253);
      if (!ok) return EK.dns;
    } else {
      return EK.shape;
    }
  }
  if (!wild && toks.length !== 4) return toks.length === 3 && (toks[2] ?? "").includes("/") ? EK.slash : EK.shape;
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------------

/**
 * Whether a value still holds a placeholder to be filled in elsewhere — an IAM policy variable or Terraform
 * interpolation `${…}` (but not IAM's literal `${*}`, `${?}`, `${$}`), a shell `$VAR` / `$(…)`, a template `{{…}}` or a
 * documentation placeholder `<ORG>` — so its final shape is unknown.
 */
function hasPlaceholder(value: string): boolean {
  return /\$\{(?![*?$]\})|\$[A-Za-z_(]|\{\{|<[A-Za-z_][^<>]*>/.test(value);
}

/**
 * Why a `sub` condition value can never equal what the platform sends, or undefined when it can (or when unsure).
 * `like` = the IAM operator is StringLike (wildcards * and ? are wildcards); otherwise wildcards are literal characters
 * and the caller handles that case separately, so only the shape is judged — in both cases a `*` or `?` is read as "some
 * text" here. For GitHub, values that only a customised subject template can send (a bare "repo:OWNER/REPO",
 * "ref:refs/pull/…") are possible and not reported here; see {@link githubCustomTemplateNote}. Values that still hold a
 * placeholder (`${var.org}`, `$namespace`, `{{ .Values.x }}`, `<ORG>`) are not judged.
 */
export function subProblem(platform: OidcPlatform, value: string, like: boolean): string | undefined {
  void like;
  const label = OIDC_PLATFORM_LABEL[platform];
  if (value === "") return `${label} never sends an empty subject`;
  if (value !== value.trim()) return `${label} never sends leading or trailing whitespace in the subject`;
  if (/[\t\n\r]/.test(value)) return `${label} never sends tabs or line breaks in the subject`;
  if (hasPlaceholder(value)) return undefined;
  switch (platform) {
    case "github":
      return githubSubProblem(value);
    case "gitlab":
      return gitlabSubProblem(value);
    case "circleci":
      return circleciSubProblem(value);
    case "bitbucket":
      return bitbucketSubProblem(value);
    case "terraform-cloud":
      return terraformSubProblem(value);
    case "eks":
      return eksSubProblem(value);
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Audiences and Azure issuers
// ---------------------------------------------------------------------------------------------------------------------

/**
 * The audience each login sends by default.
 * - awsGithub: aws-actions/configure-aws-credentials action.yml `audience` default "sts.amazonaws.com" (snapshot
 *   bcd4089080cf41e4db9dad11fce2a9397e670bbd, 2026-08-18).
 * - azure: Azure/login action.yml `audience` default "api://AzureADTokenExchange" (reference §6.2); Entra's
 *   federatedIdentityCredential "audiences … should be set to api://AzureADTokenExchange" (MicrosoftDocs/entra-docs
 *   docs/workload-id/includes/federated-credential-configuration-considerations.md @ 0219e6da).
 * - eks: "For Audience, enter sts.amazonaws.com" (amazon-eks-user-guide enable-iam-roles-for-service-accounts.adoc
 *   @ 390223ef) and the trust policy's "$oidc_provider:aud": "sts.amazonaws.com".
 * - terraformCloudAws / terraformCloudAzure: TFC_AWS_WORKLOAD_IDENTITY_AUDIENCE "Defaults to aws.workload.identity",
 *   TFC_AZURE_WORKLOAD_IDENTITY_AUDIENCE "Defaults to api://AzureADTokenExchange" (hashicorp/web-unified-docs
 *   dynamic-provider-credentials/aws-configuration/index.mdx @ 41aae107, azure-configuration.mdx @ a1f7cf2b).
 * Per-tenant defaults are functions: {@link githubDefaultAudience}, {@link circleciDefaultAudience},
 * {@link bitbucketDefaultAudience}, {@link gcpDefaultAudiences}. GitLab has no default: each job names its `aud` in
 * `id_tokens` (the guides use the instance URL, "https://gitlab.com", for AWS, Azure and GCP alike).
 */
export const DEFAULT_AUDIENCE = {
  awsGithub: "sts.amazonaws.com",
  azure: "api://AzureADTokenExchange",
  eks: "sts.amazonaws.com",
  terraformCloudAws: "aws.workload.identity",
  terraformCloudAzure: "api://AzureADTokenExchange",
} as const;

/** GitHub's own default `aud`: "the URL of the repository owner" (github/docs oidc.md @ 051718f2), https://github.com/OWNER. */
export function githubDefaultAudience(owner: string): string {
  return `https://github.com/${owner}`;
}

/** CircleCI's default `aud`: "a fixed value … containing a UUID that identifies the job's project's organization". */
export function circleciDefaultAudience(organizationId: string): string {
  return organizationId;
}

/**
 * Bitbucket's default `aud`, "ari:cloud:bitbucket::workspace/<workspace UUID>" (without braces), shown under Repository
 * settings > OpenID Connect. Third-party only (terraform-aws-modules/terraform-aws-iam examples/iam-bitbucket-oidc,
 * truemark/terraform-aws-bitbucket-oidc-provider main.tf, which strips the braces); steps may add `oidc: audiences:`.
 */
export function bitbucketDefaultAudience(workspaceUuid: string): string {
  return `ari:cloud:bitbucket::workspace/${workspaceUuid.replace(/[{}]/g, "")}`;
}

/**
 * The audiences a Google Cloud workload identity provider accepts when its allowed audiences are left empty, for a
 * provider "projects/NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER": google-github-actions/auth
 * sends "https://iam.googleapis.com/" + that name (action.yml default, reference §6.3); HCP Terraform sends the same
 * "with the leading https: stripped. This is one of the default aud formats that GCP accepts"
 * (gcp-configuration.mdx @ 85e3f55c).
 */
export function gcpDefaultAudiences(providerName: string): readonly [string, string] {
  const name = providerName.replace(/^\/+/, "");
  return [`https://iam.googleapis.com/${name}`, `//iam.googleapis.com/${name}`];
}

/**
 * The Entra federated-credential `issuer` of a platform, where it is one fixed URL: exactly the token's `iss`, with
 * https:// and without a trailing slash. GitHub: "https://token.actions.githubusercontent.com" (entra-docs
 * workload-identities-github-immutable-subjects.md @ 89f3a540 and flexible-FIC page); GitLab.com: "https://gitlab.com"
 * (gitlabhq doc/ci/cloud_services/azure/_index.md @ 0286e4c6: "the Issuer … for example https://gitlab.com");
 * HCP Terraform: "https://app.terraform.io" ("make sure this value starts with https:// and does not have a trailing
 * slash", azure-configuration.mdx @ a1f7cf2b). CircleCI, Bitbucket and EKS issuers are per organization, workspace or
 * cluster.
 */
export const AZURE_ISSUER: Partial<Record<OidcPlatform, string>> = {
  github: "https://token.actions.githubusercontent.com",
  gitlab: "https://gitlab.com",
  "terraform-cloud": "https://app.terraform.io",
};

// ---------------------------------------------------------------------------------------------------------------------
// What each cloud does with the claims
// ---------------------------------------------------------------------------------------------------------------------

/**
 * IAM condition keys of OIDC providers. `aud` and `sub` exist for every provider (`<provider>:aud`, `<provider>:sub`);
 * `amr` for Amazon Cognito and `oaud` for Google, whose `accounts.google.com:aud` holds the token's `azp` when that is
 * set (awsdocs/iam-user-guide doc_source/reference_policies_iam-condition-keys.md @ c5e04d40, "Available keys for AWS
 * web identity federation", archived 2023; there is no `:azp` key). Since January 2026 STS also validates
 * some provider-specific claims for GitHub, Google, CircleCI and OCI
 * (https://aws.amazon.com/about-aws/whats-new/2026/01/aws-sts-supports-validation-identity-provider-claims/, cited by the
 * configure-aws-credentials README @ bcd40890: "AWS IAM and GitHub have since added support for … a variety of
 * additional claims"). The GitHub key list below is from third-party summaries of that announcement (cageyv.dev,
 * dev.classmethod.jp, 2026-02); the AWS page itself was not read, and the CircleCI, Google and OCI lists are unknown.
 * Before that, GitHub's docs said "Support for custom claims for OIDC is unavailable in AWS" (data/reusables/actions/
 * oidc-custom-claims-aws-restriction.md @ 5fccfffa) — a condition on another key was simply absent and never matched
 * (aws-actions/configure-aws-credentials#306).
 */
export const IAM_OIDC_KEYS: readonly string[] = ["aud", "sub"];
export const IAM_GITHUB_CLAIM_KEYS: readonly string[] = [
  "actor", "actor_id", "job_workflow_ref", "repository", "repository_id", "workflow", "ref", "environment",
  "enterprise_id",
];

/** Whether IAM evaluates `<issuer>:<claim>` for the platform: true, false, or undefined when unknown. */
export function iamKnowsClaim(platform: OidcPlatform | undefined, claim: string): boolean | undefined {
  if (IAM_OIDC_KEYS.includes(claim)) return true;
  if (platform === "github") return IAM_GITHUB_CLAIM_KEYS.includes(claim) ? true : undefined;
  if (platform === "circleci") return undefined;
  return platform === undefined ? undefined : false;
}

/**
 * Entra federated identity credentials (MicrosoftDocs/entra-docs docs/workload-id/includes/
 * federated-credential-configuration-considerations.md @ 0219e6da): `issuer` and `subject` "must match" the token's;
 * "Wildcard characters aren't supported in any federated identity credential property value"; a wrong subject is
 * accepted at creation and fails only at token exchange; an `issuer` claim with leading or trailing whitespace blocks
 * the exchange; at most 20 credentials per application or user-assigned managed identity; issuer, subject and audience
 * up to 600 characters. Flexible federated identity credentials (preview) replace `subject` with
 * `claimsMatchingExpression` {value, languageVersion: 1} using `matches` (`*`, `?`), `eq` and `and`, for issuers
 * token.actions.githubusercontent.com (claims sub, job_workflow_ref), gitlab.com and GitLab hosts (sub) and
 * app.terraform.io / app.eu.terraform.io (sub); `subject` and `claimsMatchingExpression` are mutually exclusive
 * (workload-identities-flexible-federated-identity-credentials.md @ 00ec9f51).
 */
export const AZURE_FIC_MAX_PER_IDENTITY = 20;
export const AZURE_FIC_MAX_FIELD_LENGTH = 600;

/** The platforms whose tokens flexible federated identity credentials can match (entra-docs, as above). */
export const AZURE_FLEXIBLE_FIC_PLATFORMS: readonly OidcPlatform[] = ["github", "gitlab", "terraform-cloud"];

/**
 * Entra token-exchange errors of workload identity federation. AADSTS70021 "No matching federated identity record found
 * for presented assertion." (gitlabhq doc/ci/cloud_services/azure/_index.md @ 0286e4c6, which checks issuer, subject
 * and audience); AADSTS700212 "… for presented assertion audience '…'. Please check your federated identity credential
 * Subject, Audience and Issuer against the presented assertion." (same GitLab page; the full text in a Java test fixture
 * found by code search). AADSTS700211 (issuer) and AADSTS700213 (subject) are named in many public READMEs quoting the
 * error text ("… for presented assertion issuer '…'", "… subject '…'") but not in Microsoft docs read here.
 */
export const AZURE_FIC_ERRORS: Readonly<Record<string, string>> = {
  AADSTS70021: "No matching federated identity record found for presented assertion (issuer, subject or audience)",
  AADSTS700211: "No matching federated identity record found for presented assertion issuer",
  AADSTS700212: "No matching federated identity record found for presented assertion audience",
  AADSTS700213: "No matching federated identity record found for presented assertion subject",
};

/**
 * Google Cloud rejects a workload identity provider for a multi-tenant issuer without an attribute condition:
 * "INVALID_ARGUMENT: The attribute condition must reference one of the provider's claims. For more information, see
 * https://cloud.google.com/iam/docs/workload-identity-federation-with-deployment-pipelines#conditions". Observed for
 * token.actions.githubusercontent.com and app.terraform.io in gcloud transcripts committed to public repositories (code
 * search, 2025–2026); Google's page itself was not read, and gitlab.com, Bitbucket and CircleCI are unverified.
 * google-github-actions/auth README @ fc217480: "Always add an Attribute Condition to restrict entry into the Workload
 * Identity Pool". The API description still reads "If unspecified, all valid authentication credential are accepted"
 * (google-iam-v1beta reference), so older providers may lack one.
 */
export const GCP_ATTRIBUTE_CONDITION_REQUIRED: ReadonlySet<OidcPlatform> = new Set(["github", "terraform-cloud"]);

/** google.subject may not exceed 127 bytes ("The size of mapped attribute exceeds the 127 bytes limit", auth docs/TROUBLESHOOTING.md @ fc217480). */
export const GCP_SUBJECT_MAX_BYTES = 127;

/**
 * Whether AWS IAM refuses to create a role that trusts token.actions.githubusercontent.com without a `sub` condition:
 * unverified. A 2026-06 blog (trackr.live) says AWS "finally moved to block" it, but the text is cut off in the copy
 * read, and no AWS source was found; roles without `sub` still exist and work (prowler-cloud/prowler#12845, 2026-09).
 * GitHub's docs require "at least one condition" and AWS recommends evaluating the sub key (oidc-in-aws.md @ 0e1211c1).
 */
export const IAM_GITHUB_SUB_REQUIRED_AT_CREATION: boolean | undefined = undefined;
