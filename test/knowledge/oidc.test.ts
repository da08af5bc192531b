import { describe, expect, it } from "vitest";
import {
  AZURE_FIC_ERRORS,
  AZURE_FIC_MAX_FIELD_LENGTH,
  AZURE_FIC_MAX_PER_IDENTITY,
  AZURE_FLEXIBLE_FIC_PLATFORMS,
  AZURE_ISSUER,
  DEFAULT_AUDIENCE,
  GCP_ATTRIBUTE_CONDITION_REQUIRED,
  GCP_SUBJECT_MAX_BYTES,
  IAM_GITHUB_CLAIM_KEYS,
  IAM_GITHUB_SUB_REQUIRED_AT_CREATION,
  IAM_OIDC_KEYS,
  OIDC_PLATFORM_LABEL,
  bitbucketDefaultAudience,
  circleciDefaultAudience,
  damerauLevenshtein,
  gcpDefaultAudiences,
  githubCustomTemplateNote,
  githubDefaultAudience,
  githubSubject,
  githubSubjectForm,
  iamConditionKey,
  iamKnowsClaim,
  iamLike,
  issuerPlatform,
  issuerProblem,
  nearIssuer,
  subProblem,
} from "../../src/knowledge/oidc.js";
import type { OidcPlatform } from "../../src/knowledge/oidc.js";

const ORG = "b2c5d2a4-7d2e-4b8a-9c1e-3f0a1b2c3d4e";
const PROJECT = "0f3a5b1c-2d4e-4f6a-8b9c-1d2e3f4a5b6c";
const USER = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
const REPO_UUID = "{1de489be-ce6a-42a0-a8c8-eadbf1174ac7}";
const ENV_UUID = "{bd715740-c970-486b-b68a-b421ec2a1f8b}";
const STEP_UUID = "{759de0c6-eaee-4eaa-b7a6-c507eec759a7}";
const EKS_ISSUER = "oidc.eks.us-west-2.amazonaws.com/id/8A024CF24ADD3925BEFA224C4BDD005B";

/** subProblem, reading `*`/`?` as StringLike wildcards when present. */
function sub(platform: OidcPlatform, value: string): string | undefined {
  return subProblem(platform, value, /[*?]/.test(value));
}

describe("OIDC_PLATFORM_LABEL", () => {
  it("names every platform for messages", () => {
    expect(OIDC_PLATFORM_LABEL).toEqual({
      github: "GitHub Actions",
      gitlab: "GitLab CI/CD",
      circleci: "CircleCI",
      bitbucket: "Bitbucket Pipelines",
      "terraform-cloud": "HCP Terraform",
      eks: "an EKS cluster",
    });
  });
});

describe("issuerPlatform", () => {
  it("recognises GitHub's issuer, its enterprise issuer and GHE.com's", () => {
    expect(issuerPlatform("token.actions.githubusercontent.com")).toBe("github");
    expect(issuerPlatform("https://token.actions.githubusercontent.com")).toBe("github");
    expect(issuerPlatform("token.actions.githubusercontent.com/octocat-inc")).toBe("github");
    expect(issuerPlatform("https://token.actions.githubusercontent.com/octocat-inc")).toBe("github");
    expect(issuerPlatform("https://token.actions.octocorp.ghe.com")).toBe("github");
    expect(issuerPlatform("token.actions.octocorp.ghe.com/octocorp")).toBe("github");
  });

  it("recognises gitlab.com but not a self-managed instance", () => {
    expect(issuerPlatform("gitlab.com")).toBe("gitlab");
    expect(issuerPlatform("https://gitlab.com")).toBe("gitlab");
    expect(issuerPlatform("https://gitlab.example.com")).toBeUndefined();
    expect(issuerPlatform("gitlab.com/mygroup")).toBeUndefined();
  });

  it("recognises CircleCI, Bitbucket, HCP Terraform and EKS issuers", () => {
    expect(issuerPlatform(`oidc.circleci.com/org/${ORG}`)).toBe("circleci");
    expect(issuerPlatform(`https://oidc.circleci.com/org/${ORG}`)).toBe("circleci");
    expect(issuerPlatform("api.bitbucket.org/2.0/workspaces/acme/pipelines-config/identity/oidc")).toBe("bitbucket");
    expect(issuerPlatform("https://api.bitbucket.org/2.0/workspaces/acme/pipelines-config/identity/oidc")).toBe("bitbucket");
    expect(issuerPlatform("app.terraform.io")).toBe("terraform-cloud");
    expect(issuerPlatform("https://app.eu.terraform.io")).toBe("terraform-cloud");
    expect(issuerPlatform(EKS_ISSUER)).toBe("eks");
    expect(issuerPlatform(`https://${EKS_ISSUER}`)).toBe("eks");
    expect(issuerPlatform("oidc.eks.us-gov-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE")).toBe("eks");
    expect(issuerPlatform("oidc.eks.cn-north-1.amazonaws.com.cn/id/F3FBBFA3747271100017387E04494B5C")).toBe("eks");
  });

  it("tolerates one trailing slash and the host's case", () => {
    expect(issuerPlatform("https://token.actions.githubusercontent.com/")).toBe("github");
    expect(issuerPlatform("Token.Actions.GitHubUserContent.com")).toBe("github");
    expect(issuerPlatform("https://app.terraform.io/")).toBe("terraform-cloud");
  });

  it("returns undefined for anything else", () => {
    expect(issuerPlatform("")).toBeUndefined();
    expect(issuerPlatform("http://token.actions.githubusercontent.com")).toBeUndefined();
    expect(issuerPlatform("github.com")).toBeUndefined();
    expect(issuerPlatform("token.actions.githubusercontent.com/a/b")).toBeUndefined();
    expect(issuerPlatform("oidc.circleci.com")).toBeUndefined();
    expect(issuerPlatform("oidc.circleci.com/org/")).toBeUndefined();
    expect(issuerPlatform("api.bitbucket.org/2.0/workspaces/acme/pipelines-config/identity")).toBeUndefined();
    expect(issuerPlatform("app.terraform.io/acme")).toBeUndefined();
    expect(issuerPlatform("tfe.example.com")).toBeUndefined();
    expect(issuerPlatform("oidc.eks.us-west-2.amazonaws.com/id/123")).toBeUndefined();
    expect(issuerPlatform("oidc.eks.uswest2.amazonaws.com/id/8A024CF24ADD3925BEFA224C4BDD005B")).toBeUndefined();
    expect(issuerPlatform("accounts.google.com")).toBeUndefined();
  });
});

describe("issuerProblem", () => {
  it("reports a trailing slash and an upper-case host", () => {
    expect(issuerProblem("https://token.actions.githubusercontent.com/")).toBe(`GitHub Actions's issuer has no trailing "/"`);
    expect(issuerProblem("https://app.terraform.io/")).toContain("no trailing");
    expect(issuerProblem("Token.Actions.GitHubUserContent.com")).toBe("GitHub Actions's issuer host is lower-case");
  });

  it("reports a CircleCI organization that is not a UUID", () => {
    expect(issuerProblem("oidc.circleci.com/org/my-org")).toBe(
      'CircleCI\'s issuer is "oidc.circleci.com/org/ORG_ID" with the organization UUID, not "my-org"',
    );
    expect(issuerProblem(`oidc.circleci.com/org/${ORG}`)).toBeUndefined();
  });

  it("is silent for correct and for unrecognised issuers", () => {
    expect(issuerProblem("https://token.actions.githubusercontent.com")).toBeUndefined();
    expect(issuerProblem("token.actions.githubusercontent.com/octocat-inc")).toBeUndefined();
    expect(issuerProblem(EKS_ISSUER)).toBeUndefined();
    expect(issuerProblem("https://gitlab.example.com/")).toBeUndefined();
  });
});

describe("iamConditionKey", () => {
  it("drops https:// and nothing else", () => {
    expect(iamConditionKey("https://token.actions.githubusercontent.com", "sub")).toBe("token.actions.githubusercontent.com:sub");
    expect(iamConditionKey("app.terraform.io", "aud")).toBe("app.terraform.io:aud");
    expect(iamConditionKey(`https://oidc.circleci.com/org/${ORG}`, "sub")).toBe(`oidc.circleci.com/org/${ORG}:sub`);
    expect(iamConditionKey("https://auth-dev.mozilla.auth0.com/", "aud")).toBe("auth-dev.mozilla.auth0.com/:aud");
  });
});

describe("damerauLevenshtein", () => {
  it("counts an adjacent transposition as one edit", () => {
    expect(damerauLevenshtein("gitlab", "gitlba")).toBe(1);
    expect(damerauLevenshtein("abc", "abc")).toBe(0);
    expect(damerauLevenshtein("", "abc")).toBe(3);
    expect(damerauLevenshtein("kitten", "sitting")).toBe(3);
    expect(damerauLevenshtein("github.com", "gitlab.com")).toBe(2);
  });

  it("stops at max + 1", () => {
    expect(damerauLevenshtein("kitten", "sitting", 1)).toBe(2);
    expect(damerauLevenshtein("a", "abcdef", 2)).toBe(3);
    expect(damerauLevenshtein("abc", "abd", 1)).toBe(1);
  });
});

describe("nearIssuer", () => {
  it("corrects misspellings of GitHub's issuer host", () => {
    const gh = "token.actions.githubusercontent.com";
    expect(nearIssuer("token.action.githubusercontent.com")).toBe(gh);
    expect(nearIssuer("token.actions.githubuserscontent.com")).toBe(gh);
    expect(nearIssuer("tokens.actions.githubusercontent.com")).toBe(gh);
    expect(nearIssuer("token.actoins.githubusercontent.com")).toBe(gh);
    expect(nearIssuer("vstoken.actions.githubusercontent.com")).toBe(gh);
    expect(nearIssuer("https://token.action.githubusercontent.com/")).toBe(gh);
  });

  it("maps hand-picked stand-ins that are too far by distance", () => {
    expect(nearIssuer("token.actions.github.com")).toBe("token.actions.githubusercontent.com");
    expect(nearIssuer("actions.githubusercontent.com")).toBe("token.actions.githubusercontent.com");
    expect(nearIssuer("circleci.com")).toBe("oidc.circleci.com");
    expect(nearIssuer("terraform.io")).toBe("app.terraform.io");
    expect(nearIssuer("bitbucket.org")).toBe("api.bitbucket.org");
  });

  it("corrects the other platforms' hosts", () => {
    expect(nearIssuer("oidc.circle.com")).toBe("oidc.circleci.com");
    expect(nearIssuer("oidc.circelci.com")).toBe("oidc.circleci.com");
    expect(nearIssuer("app.terraform.com")).toBe("app.terraform.io");
    expect(nearIssuer("app.terrafrom.io")).toBe("app.terraform.io");
    expect(nearIssuer("api.bitbucket.com")).toBe("api.bitbucket.org");
    expect(nearIssuer("api.bitbuckt.org")).toBe("api.bitbucket.org");
  });

  it("allows gitlab.com only one edit", () => {
    expect(nearIssuer("gitlab.co")).toBe("gitlab.com");
    expect(nearIssuer("gitlba.com")).toBe("gitlab.com");
    expect(nearIssuer("gitlab.cm")).toBe("gitlab.com");
    expect(nearIssuer("github.com")).toBeUndefined();
    expect(nearIssuer("gitlab.org")).toBeUndefined();
  });

  it("is undefined for exact and unrelated hosts", () => {
    expect(nearIssuer("token.actions.githubusercontent.com")).toBeUndefined();
    expect(nearIssuer("TOKEN.ACTIONS.GITHUBUSERCONTENT.COM")).toBeUndefined();
    expect(nearIssuer("gitlab.com")).toBeUndefined();
    expect(nearIssuer("app.eu.terraform.io")).toBeUndefined();
    expect(nearIssuer("oidc.circleci.com")).toBeUndefined();
    expect(nearIssuer("token.actions.octocorp.ghe.com")).toBeUndefined();
    expect(nearIssuer("oidc.eks.eu-west-1.amazonaws.com")).toBeUndefined();
    expect(nearIssuer("raw.githubusercontent.com")).toBeUndefined();
    expect(nearIssuer("gitlab.example.com")).toBeUndefined();
    expect(nearIssuer("accounts.google.com")).toBeUndefined();
    expect(nearIssuer("")).toBeUndefined();
  });
});

describe("iamLike", () => {
  it("matches * across ':' and '/' and ? as one character", () => {
    expect(iamLike("repo:octo-org/octo-repo:*", "repo:octo-org/octo-repo:ref:refs/heads/main")).toBe(true);
    expect(iamLike("repo:octo-org/*", "repo:octo-org/octo-repo:environment:prod")).toBe(true);
    expect(iamLike("repo:octo-org/octo-repo:ref:refs/heads/ma?n", "repo:octo-org/octo-repo:ref:refs/heads/main")).toBe(true);
    expect(iamLike("repo:octo-org/octo-repo:ref:refs/heads/ma?n", "repo:octo-org/octo-repo:ref:refs/heads/man")).toBe(false);
    expect(iamLike("*", "")).toBe(true);
    expect(iamLike("a*", "a")).toBe(true);
    expect(iamLike("*b*c", "xxbyyc")).toBe(true);
    expect(iamLike("*b*c", "xxbyyd")).toBe(false);
    expect(iamLike("a**b", "ab")).toBe(true);
  });

  it("is case-sensitive and anchored", () => {
    expect(iamLike("repo:Octo-Org/*", "repo:octo-org/octo-repo:pull_request")).toBe(false);
    expect(iamLike("octo-org/*", "repo:octo-org/octo-repo:pull_request")).toBe(false);
    expect(iamLike("repo:octo-org/octo-repo", "repo:octo-org/octo-repo:pull_request")).toBe(false);
    expect(iamLike("", "")).toBe(true);
    expect(iamLike("", "x")).toBe(false);
  });

  it("treats ${*}, ${?} and ${$} as literal characters", () => {
    expect(iamLike("a${*}b", "a*b")).toBe(true);
    expect(iamLike("a${*}b", "axb")).toBe(false);
    expect(iamLike("a${?}", "a?")).toBe(true);
    expect(iamLike("a${?}", "ab")).toBe(false);
    expect(iamLike("${$}x", "$x")).toBe(true);
  });

  it("counts a character outside the BMP as one for ?", () => {
    expect(iamLike("env:?", "env:🚀")).toBe(true);
  });
});

describe("subProblem: common checks", () => {
  it("rejects empty values and surrounding whitespace on every platform", () => {
    expect(subProblem("github", "", false)).toBe("GitHub Actions never sends an empty subject");
    expect(subProblem("eks", " system:serviceaccount:default:app", false)).toBe(
      "an EKS cluster never sends leading or trailing whitespace in the subject",
    );
    expect(subProblem("gitlab", "project_path:g/p:ref_type:branch:ref:main\n", false)).toContain("whitespace");
    expect(subProblem("bitbucket", `${REPO_UUID}:\t*`, true)).toBe("Bitbucket Pipelines never sends tabs or line breaks in the subject");
  });
});

describe("subProblem: placeholders", () => {
  it("does not judge values that are filled in elsewhere", () => {
    expect(subProblem("github", "repo:${var.github_org}/${var.repo}:ref:main", false)).toBeUndefined();
    expect(subProblem("eks", "system:serviceaccount:$namespace:$service_account", false)).toBeUndefined();
    expect(subProblem("gitlab", "project_path:{{ .Values.group }}/app:ref_type:branch:ref:refs/heads/main", false)).toBeUndefined();
    expect(subProblem("github", "repo:<ORG>/<REPO>:ref:main", false)).toBeUndefined();
    expect(githubCustomTemplateNote("repo:${var.org}/${var.repo}", false)).toBeUndefined();
  });

  it("still judges IAM's literal-character variables and Bitbucket's braces", () => {
    expect(subProblem("github", "repo:octo-org/octo-repo:ref:main${*}", false)).toContain("full ref");
    expect(subProblem("bitbucket", `${REPO_UUID}${ENV_UUID}:*`, true)).toContain('separates the UUIDs with ":"');
  });
});

describe("subProblem: GitHub", () => {
  it("accepts the documented subjects", () => {
    for (const v of [
      "repo:octo-org/octo-repo:ref:refs/heads/demo-branch",
      "repo:octo-org/octo-repo:ref:refs/tags/demo-tag",
      "repo:octo-org/octo-repo:environment:Production",
      "repo:octo-org/octo-repo:environment:Production%3AV1",
      "repo:octo-org/octo-repo:pull_request",
      "repo:octo-org@123456/octo-repo@456789:ref:refs/heads/main",
      "repository_owner:monalisa:repository_visibility:private",
      "repository_owner:monalisa",
      "job_workflow_ref:octo-org/octo-automation/.github/workflows/oidc.yml@refs/heads/main",
      "repo:octo-org/octo-repo:environment:prod:job_workflow_ref:octo-org/octo-automation/.github/workflows/oidc.yml@refs/heads/main",
      "environment:production%3Aeastus:repository_owner:octo-org",
      "repo_property_workspace_id:ws-abc123",
      "repository_id:456789",
      "repo:octo-org/octo-repo",
      "repo:octo-org/octo-repo:ref:refs/pull/42/merge",
      "repo:octocat_acme/octo-repo:environment:Production East",
    ]) {
      expect(sub("github", v), v).toBeUndefined();
    }
  });

  it("accepts StringLike patterns that can match", () => {
    for (const v of [
      "*",
      "repo:*",
      "repo:octo-org/*",
      "repo:octo-org/octo-repo:*",
      "repo:octo-org/octo-repo:ref:refs/heads/*",
      "repo:octo-org/octo-repo:ref:refs/tags/v?.*",
      "repo:octo-org/octo-repo:environment:*",
      "repo:octo-org/*:ref:refs/heads/main",
      "repo:octo-org@123456/*",
      "repo:octo-org/octo-repo:r*",
    ]) {
      expect(sub("github", v), v).toBeUndefined();
    }
  });

  it("reports a missing repo: prefix and URLs", () => {
    expect(sub("github", "octo-org/octo-repo:ref:refs/heads/main")).toBe('GitHub sends "repo:OWNER/REPO:…" — the "repo:" prefix is missing');
    expect(sub("github", "octo-org/octo-repo:*")).toBe('GitHub sends "repo:OWNER/REPO:…" — the "repo:" prefix is missing');
    expect(sub("github", "https://github.com/octo-org/octo-repo")).toBe('GitHub sends "repo:OWNER/REPO:…", not a URL');
    expect(sub("github", "https://github.com/octo-org/*")).toBe('GitHub sends "repo:OWNER/REPO:…", not a URL');
    expect(sub("github", "repo:https://github.com/octo-org/octo-repo:*")).toBe('GitHub sends "repo:OWNER/REPO:…", not a URL');
    expect(sub("github", "github.com/octo-org/octo-repo:ref:refs/heads/main")).toBe('GitHub sends "repo:OWNER/REPO:…", not a URL');
  });

  it("reports refs that are not full refs", () => {
    const full = 'GitHub sends "repo:OWNER/REPO:ref:refs/heads/BRANCH" — "ref:" is followed by the full ref';
    expect(sub("github", "repo:octo-org/octo-repo:ref:main")).toBe(full);
    expect(sub("github", "repo:octo-org/octo-repo:ref:heads/main")).toBe(full);
    expect(sub("github", "repo:octo-org/octo-repo:ref:refs/heads/")).toBe(full);
    expect(sub("github", "repo:octo-org/octo-repo:ref:main*")).toBe(full);
    expect(sub("github", "repo:octo-org/*:ref:main")).toBe(full);
    expect(sub("github", "repo:octo-org/octo-repo:ref:")).toBe(full);
    expect(sub("github", "repo:octo-org/octo-repo:ref:refs/heads/my branch")).toBe("a Git ref cannot contain whitespace");
  });

  it("reports a ref without ref: and made-up qualifiers", () => {
    expect(sub("github", "repo:octo-org/octo-repo:refs/heads/main")).toBe(
      'GitHub sends "repo:OWNER/REPO:ref:refs/heads/BRANCH" — "refs/…" needs "ref:" before it',
    );
    expect(sub("github", "repo:octo-org/octo-repo:branch:main")).toBe(
      'GitHub has no "branch:" qualifier — a branch is sent as "ref:refs/heads/BRANCH"',
    );
    expect(sub("github", "repo:octo-org/octo-repo:tag:v1.0.0")).toBe('GitHub has no "tag:" qualifier — a tag is sent as "ref:refs/tags/TAG"');
    expect(sub("github", "repo:octo-org/octo-repo:pull_request_target")).toBe('GitHub sends "repo:OWNER/REPO:pull_request" for pull requests');
    expect(sub("github", "repo:octo-org/octo-repo:env:prod")).toContain('"environment:", not "env:"');
    expect(sub("github", "repo:octo-org/octo-repo:main")).toBe(
      'after "repo:OWNER/REPO" GitHub sends "ref:…", "environment:…" or "pull_request", not "main"',
    );
    expect(sub("github", "repo:octo-org/octo-repo:bogus*")).toContain('not "bogus"');
    expect(sub("github", "owner:octo-org")).toContain('has no "owner:" part');
  });

  it("reports context: written out and an empty environment", () => {
    expect(sub("github", "repo:octo-org/octo-repo:context:environment:prod")).toContain('never writes "context:"');
    expect(sub("github", "repo:octo-org/octo-repo:environment:")).toBe(
      'GitHub sends "repo:OWNER/REPO:environment:NAME" — the environment name is missing',
    );
    expect(sub("github", "repo:octo-org/octo-repo:environment")).toBe(
      'GitHub sends "repo:OWNER/REPO:environment:NAME" — the environment name is missing',
    );
    expect(sub("github", "repo:octo-org/*:environment:")).toBe(
      'GitHub sends "repo:OWNER/REPO:environment:NAME" — the environment name is missing',
    );
  });

  it("reports malformed repositories and claim values", () => {
    expect(sub("github", "repo:octo-repo:ref:refs/heads/main")).toBe('GitHub sends "repo:OWNER/REPO:…" — "repo:" is followed by OWNER/REPO');
    expect(sub("github", "repo:octo-org@123456/octo-repo:ref:refs/heads/main")).toBe(
      'GitHub\'s immutable subject carries both ids: "repo:OWNER@OWNER_ID/REPO@REPO_ID:…"',
    );
    expect(sub("github", "repository_owner_id:octo-org")).toBe("GitHub's repository_owner_id is a number");
    expect(sub("github", "repository_id:12ab*")).toBe("GitHub's repository_id is a number");
    expect(sub("github", "repository_visibility:secret")).toBe('GitHub\'s repository_visibility is "internal" or "private" or "public"');
    expect(sub("github", "repo:o/r:ref_type:heads")).toBe('GitHub\'s ref_type is "branch" or "tag"');
    expect(sub("github", "runner_environment:cloud*")).toContain("runner_environment");
    expect(sub("github", "job_workflow_ref:octo-org/octo-automation/.github/workflows/oidc.yml")).toBe(
      'GitHub\'s job_workflow_ref is "OWNER/REPO/PATH@REF"',
    );
    expect(sub("github", "repository_owner:")).toBe('GitHub\'s "repository_owner:" is followed by a value');
  });

  it("judges the shape only when wildcards are literal (StringEquals)", () => {
    expect(subProblem("github", "repo:octo-org/octo-repo:*", false)).toBeUndefined();
    expect(subProblem("github", "repo:octo-org/octo-repo:ref:main*", false)).toBe(
      'GitHub sends "repo:OWNER/REPO:ref:refs/heads/BRANCH" — "ref:" is followed by the full ref',
    );
  });
});

describe("githubCustomTemplateNote", () => {
  it("explains values only a customised subject template sends", () => {
    expect(githubCustomTemplateNote("repo:octo-org/octo-repo", false)).toContain('include_claim_keys ["repo"]');
    expect(githubCustomTemplateNote("repo:octo-org/octo-repo:ref:refs/pull/42/merge", false)).toContain(
      'by default a pull request sends "repo:OWNER/REPO:pull_request"',
    );
    expect(githubCustomTemplateNote("repo:octo-org/octo-repo:ref:refs/pull/*", true)).toContain("pull_request");
    expect(githubCustomTemplateNote("repository_owner:monalisa", false)).toContain('"repository_owner:…" is sent only');
    expect(githubCustomTemplateNote("repo:octo-org/octo-repo:job_workflow_ref:o/a/.github/workflows/x.yml@refs/heads/main", false)).toContain(
      '"repo:OWNER/REPO:job_workflow_ref:…"',
    );
    expect(
      githubCustomTemplateNote("repo:octo-org/octo-repo:environment:prod:job_workflow_ref:o/a/.github/workflows/x.yml@refs/heads/main", false),
    ).toContain("claims after the context");
  });

  it("is silent for default-template values, open patterns and impossible values", () => {
    expect(githubCustomTemplateNote("repo:octo-org/octo-repo:ref:refs/heads/main", false)).toBeUndefined();
    expect(githubCustomTemplateNote("repo:octo-org/octo-repo:pull_request", false)).toBeUndefined();
    expect(githubCustomTemplateNote("repo:octo-org/octo-repo:environment:prod", false)).toBeUndefined();
    expect(githubCustomTemplateNote("repo:octo-org/octo-repo:*", true)).toBeUndefined();
    expect(githubCustomTemplateNote("repo:octo-org/*", true)).toBeUndefined();
    expect(githubCustomTemplateNote("octo-org/octo-repo", false)).toBeUndefined();
  });
});

describe("githubSubjectForm", () => {
  it("tells the immutable form from the name-only form", () => {
    expect(githubSubjectForm("repo:octo-org@123456/octo-repo@456789:ref:refs/heads/main")).toBe("immutable");
    expect(githubSubjectForm("repo:octo-org/octo-repo:ref:refs/heads/main")).toBe("names");
    expect(githubSubjectForm("repo:octo-org/octo-repo")).toBe("names");
    expect(githubSubjectForm("repo:octo-org@123456/octo-repo:pull_request")).toBeUndefined();
    expect(githubSubjectForm("repo:octo-org/*")).toBeUndefined();
    expect(githubSubjectForm("repository_owner:octo-org")).toBeUndefined();
  });
});

describe("githubSubject", () => {
  it("prefers the environment, then pull_request, then the ref", () => {
    expect(githubSubject("octo-org/octo-repo", { environment: "Production", event: "pull_request", ref: "refs/pull/1/merge" })).toBe(
      "repo:octo-org/octo-repo:environment:Production",
    );
    expect(githubSubject("octo-org/octo-repo", { event: "pull_request", ref: "refs/pull/1/merge" })).toBe("repo:octo-org/octo-repo:pull_request");
    expect(githubSubject("octo-org/octo-repo", { event: "push", ref: "refs/tags/v1.2.0" })).toBe("repo:octo-org/octo-repo:ref:refs/tags/v1.2.0");
    expect(githubSubject("octo-org/octo-repo", { event: "pull_request_target", ref: "refs/heads/main" })).toBe(
      "repo:octo-org/octo-repo:ref:refs/heads/main",
    );
  });

  it("completes a bare branch name, escapes ':' and keeps immutable ids", () => {
    expect(githubSubject("octo-org/octo-repo", { event: "push", ref: "main" })).toBe("repo:octo-org/octo-repo:ref:refs/heads/main");
    expect(githubSubject("octo-org/octo-repo", { event: "push", environment: "production:eastus" })).toBe(
      "repo:octo-org/octo-repo:environment:production%3Aeastus",
    );
    expect(githubSubject("octo-org@123456/octo-repo@456789", { event: "workflow_dispatch", ref: "refs/heads/main" })).toBe(
      "repo:octo-org@123456/octo-repo@456789:ref:refs/heads/main",
    );
    expect(githubSubject("octo-org/octo-repo", { event: "push", environment: "", ref: "main" })).toBe(
      "repo:octo-org/octo-repo:ref:refs/heads/main",
    );
  });

  it("throws when nothing decides the context", () => {
    expect(() => githubSubject("octo-org/octo-repo", { event: "push" })).toThrow(RangeError);
  });

  it("produces subjects subProblem accepts", () => {
    expect(subProblem("github", githubSubject("octo-org/octo-repo", { event: "push", ref: "main" }), false)).toBeUndefined();
  });
});

describe("subProblem: GitLab", () => {
  it("accepts the documented subject, subgroups and the customised component orders", () => {
    for (const v of [
      "project_path:mygroup/myproject:ref_type:branch:ref:main",
      "project_path:gitlab-group/gitlab-project:ref_type:tag:ref:v4.2.0",
      "project_path:agroup/bgroup/myproject:ref_type:tag:ref:v4.2.0",
      "project_path:mygroup/myproject:ref:main:ref_type:branch",
      "project_path:mygroup/myproject:ref:main",
      "project_path:mygroup/myproject:ref_type:branch",
      "project_path:mygroup/*",
      "project_path:mygroup/myproject:ref_type:branch:ref:*",
      "project_path:mygroup/myproject:*",
      "project_path:my*",
    ]) {
      expect(sub("gitlab", v), v).toBeUndefined();
    }
  });

  it("reports a missing or wrong first component", () => {
    expect(sub("gitlab", "mygroup/myproject:ref_type:branch:ref:main")).toBe(
      'GitLab sends "project_path:GROUP/PROJECT:ref_type:branch:ref:BRANCH" — the "project_path:" prefix is missing',
    );
    expect(sub("gitlab", "repo:mygroup/myproject:ref:refs/heads/main")).toBe('GitLab sends "project_path:GROUP/PROJECT:…", not GitHub\'s "repo:…"');
    expect(sub("gitlab", "project:mygroup/myproject")).toBe('GitLab\'s subject always starts with "project_path:GROUP/PROJECT"');
    expect(sub("gitlab", "https://gitlab.com/mygroup/myproject")).toBe('GitLab sends "project_path:GROUP/PROJECT:…", not a URL');
  });

  it("reports refs/heads/ after ref: and a wrong ref_type", () => {
    const bare = 'GitLab sends "…:ref:BRANCH" with the bare branch or tag name, not "refs/heads/…"';
    expect(sub("gitlab", "project_path:mygroup/myproject:ref_type:branch:ref:refs/heads/main")).toBe(bare);
    expect(sub("gitlab", "project_path:mygroup/myproject:ref_type:branch:ref:refs/heads/*")).toBe(bare);
    expect(sub("gitlab", "project_path:mygroup/*:ref:refs/heads/main")).toBe(bare);
    expect(sub("gitlab", "project_path:mygroup/myproject:refs/heads/main")).toBe(bare);
    expect(sub("gitlab", "project_path:mygroup/myproject:ref_type:branches:ref:main")).toBe('GitLab\'s ref_type is "branch" or "tag"');
    expect(sub("gitlab", "project_path:mygroup/*:ref_type:heads:ref:main")).toBe('GitLab\'s ref_type is "branch" or "tag"');
    expect(sub("gitlab", "project_path:mygroup/myproject:ref_type:branch:ref:")).toBe(
      'GitLab sends "…:ref:BRANCH" — the branch or tag name is missing',
    );
  });

  it("reports malformed project paths and unknown parts", () => {
    expect(sub("gitlab", "project_path:myproject:ref_type:branch:ref:main")).toContain("GROUP[/SUBGROUP…]/PROJECT");
    expect(sub("gitlab", "project_path:mygroup/myproject.git:ref_type:branch:ref:main")).toContain("GROUP[/SUBGROUP…]/PROJECT");
    expect(sub("gitlab", "project_path:/mygroup/myproject:ref_type:branch:ref:main")).toContain("GROUP[/SUBGROUP…]/PROJECT");
    expect(sub("gitlab", "project_path:mygroup/myproject:branch:main")).toContain('it has no "branch:" part');
    expect(sub("gitlab", "project_path:mygroup/myproject:ref_path:main")).toContain("ref_path is the full ref");
  });
});

describe("subProblem: CircleCI", () => {
  const v1 = `org/${ORG}/project/${PROJECT}/user/${USER}`;

  it("accepts the V1 and V2 subjects and the documented patterns", () => {
    for (const v of [
      v1,
      `${v1}/vcs-origin/github.com/my-org/repo-1/vcs-ref/refs/heads/main`,
      `org/${ORG}/project/${PROJECT}/user/*`,
      `org/${ORG}/project/*/user/*/vcs-origin/github.com/my-org/*/vcs-ref/refs/heads/main`,
      `org/${ORG}/*`,
      `org/${ORG.slice(0, 8)}*`,
    ]) {
      expect(sub("circleci", v), v).toBeUndefined();
    }
  });

  it("reports a missing org/ prefix and ids that are not UUIDs", () => {
    expect(sub("circleci", `${ORG}/project/${PROJECT}/user/${USER}`)).toBe(
      'CircleCI sends "org/ORG_ID/project/PROJECT_ID/user/USER_ID" — the "org/" prefix is missing',
    );
    expect(sub("circleci", "org/my-org/project/*")).toContain("ORG_ID is the organization UUID");
    expect(sub("circleci", `org/${ORG}/project/gh/my-org/repo/user/*`)).toContain("PROJECT_ID is the project UUID");
    expect(sub("circleci", `organization/${ORG}/project/${PROJECT}/user/${USER}`)).toContain('CircleCI sends "org/ORG_ID');
  });

  it("reports incomplete subjects and V2 mistakes", () => {
    expect(sub("circleci", `org/${ORG}/project/${PROJECT}`)).toContain('CircleCI sends "org/ORG_ID/project/PROJECT_ID/user/USER_ID"');
    expect(sub("circleci", `org/${ORG}/project/${PROJECT}/user/`)).toBe('CircleCI sends "…/user/USER_ID" — the user id is missing');
    expect(sub("circleci", `${v1}/vcs-origin/github.com/my-org/repo-1`)).toContain("vcs-origin/ORIGIN/vcs-ref/REF");
    expect(sub("circleci", `${v1}/branch/main`)).toContain("vcs-origin/ORIGIN/vcs-ref/REF");
    expect(sub("circleci", `${v1}/vcs-origin/github.com/my-org/repo-1/vcs-ref/main`)).toBe(
      'CircleCI\'s vcs-ref is the full ref, such as "refs/heads/main"',
    );
    expect(sub("circleci", `org/${ORG}/project/*/user/*/vcs-origin/github.com/my-org/*/vcs-ref/main`)).toBe(
      'CircleCI\'s vcs-ref is the full ref, such as "refs/heads/main"',
    );
    expect(sub("circleci", `${v1}/vcs-origin/https://github.com/my-org/repo-1/vcs-ref/refs/heads/main`)).toBe(
      'CircleCI\'s vcs-origin is "github.com/ORG/REPO", without a scheme',
    );
    expect(sub("circleci", `org/${ORG}/project/*/vcs-origin/https://github.com/my-org/*`)).toBe(
      'CircleCI\'s vcs-origin is "github.com/ORG/REPO", without a scheme',
    );
  });
});

describe("subProblem: Bitbucket", () => {
  it("accepts braced UUIDs with and without an environment", () => {
    for (const v of [
      `${REPO_UUID}:${STEP_UUID}`,
      `${REPO_UUID}:${ENV_UUID}:${STEP_UUID}`,
      `${REPO_UUID}:*`,
      `${REPO_UUID}*`,
      `${REPO_UUID}:${ENV_UUID}:*`,
      "{1de489be-*",
      "*",
    ]) {
      expect(sub("bitbucket", v), v).toBeUndefined();
    }
  });

  it("reports missing braces, missing colons, slugs and wrong counts", () => {
    expect(sub("bitbucket", `${REPO_UUID}${ENV_UUID}:${STEP_UUID}`)).toBe(
      'Bitbucket separates the UUIDs with ":": "{REPOSITORY_UUID}:{ENVIRONMENT_UUID}:{STEP_UUID}"',
    );
    expect(sub("bitbucket", "1de489be-ce6a-42a0-a8c8-eadbf1174ac7:*")).toBe('Bitbucket writes each UUID in braces: "{REPOSITORY_UUID}:{STEP_UUID}"');
    expect(sub("bitbucket", "1de489be-ce6a*")).toBe('Bitbucket writes each UUID in braces: "{REPOSITORY_UUID}:{STEP_UUID}"');
    expect(sub("bitbucket", "{my-repo}:*")).toContain("the repository UUID");
    expect(sub("bitbucket", "my-repo:*")).toContain("the repository UUID");
    expect(sub("bitbucket", REPO_UUID)).toBe(
      'Bitbucket sends "{REPOSITORY_UUID}:{STEP_UUID}" or "{REPOSITORY_UUID}:{ENVIRONMENT_UUID}:{STEP_UUID}"',
    );
    expect(sub("bitbucket", `${REPO_UUID}:${ENV_UUID}:${STEP_UUID}:${STEP_UUID}`)).toContain("or \"{REPOSITORY_UUID}:{ENVIRONMENT_UUID}");
  });
});

describe("subProblem: HCP Terraform", () => {
  it("accepts workspace-run and module-test subjects and patterns", () => {
    for (const v of [
      "organization:my-org:project:Default Project:workspace:my-workspace:run_phase:apply",
      "organization:my-org:project:my-project:workspace:my-workspace:run_phase:plan",
      "organization:my-org:project:my-project:workspace:my-workspace:run_phase:*",
      "organization:my-org:project:*",
      "organization:my-org:*",
      "organization:my-org:module:terraform-aws-vpc:operation:test_run",
      "organization:my-org:project:my-project:stack:network:deployment:prod:operation:plan",
    ]) {
      expect(sub("terraform-cloud", v), v).toBeUndefined();
    }
  });

  it("reports the pre-project format, a wrong run phase and other shapes", () => {
    expect(sub("terraform-cloud", "organization:my-org:workspace:my-workspace:run_phase:apply")).toContain('the "project:PROJECT" part is missing');
    expect(sub("terraform-cloud", "organization:my-org:project:my-project:run_phase:apply")).toContain('the "workspace:WORKSPACE" part is missing');
    expect(sub("terraform-cloud", "organization:my-org:project:p:workspace:w:run_phase:deploy")).toBe(
      'HCP Terraform\'s run_phase is "plan" or "apply"',
    );
    expect(sub("terraform-cloud", "organization:my-org:project:p:workspace:w:run_phase:d*")).toBe(
      'HCP Terraform\'s run_phase is "plan" or "apply"',
    );
    expect(sub("terraform-cloud", "organization:my-org:project:p:workspace:w")).toContain("run_phase");
    expect(sub("terraform-cloud", "org:my-org:project:p:workspace:w:run_phase:apply")).toContain('HCP Terraform sends "organization:ORG');
    expect(sub("terraform-cloud", "organization::project:p:workspace:w:run_phase:apply")).toContain("a name is missing");
    expect(sub("terraform-cloud", "organization:my-org:module:vpc:operation:apply")).toContain("module tests");
    expect(sub("terraform-cloud", "my-org:my-workspace")).toContain('HCP Terraform sends "organization:ORG');
  });
});

describe("subProblem: EKS", () => {
  it("accepts service-account subjects and patterns", () => {
    for (const v of [
      "system:serviceaccount:default:my-service-account",
      "system:serviceaccount:kube-system:aws-load-balancer-controller",
      "system:serviceaccount:kube-system:*",
      "system:serviceaccount:*",
      "system:serviceaccount:team-a:app.v2",
    ]) {
      expect(sub("eks", v), v).toBeUndefined();
    }
  });

  it("reports wrong prefixes, separators and names", () => {
    expect(sub("eks", "serviceaccount:default:my-service-account")).toContain('the "system:" prefix is missing');
    expect(sub("eks", "system:serviceaccounts:default")).toContain("(plural) is a group");
    expect(sub("eks", "system:serviceaccount:default/my-service-account")).toContain('separated by ":"');
    expect(sub("eks", "system:serviceaccount: default:my-service-account")).toContain("lower-case DNS names");
    expect(sub("eks", "system:serviceaccount:Default:MyApp")).toContain("lower-case DNS names");
    expect(sub("eks", "system:serviceaccount:default")).toBe('EKS sends "system:serviceaccount:NAMESPACE:SERVICE_ACCOUNT"');
    expect(sub("eks", "system:serviceaccount:default:app:extra")).toBe('EKS sends "system:serviceaccount:NAMESPACE:SERVICE_ACCOUNT"');
    expect(sub("eks", "default:my-service-account")).toBe('EKS sends "system:serviceaccount:NAMESPACE:SERVICE_ACCOUNT"');
  });
});

describe("audiences and issuers", () => {
  it("lists the default audiences", () => {
    expect(DEFAULT_AUDIENCE).toEqual({
      awsGithub: "sts.amazonaws.com",
      azure: "api://AzureADTokenExchange",
      eks: "sts.amazonaws.com",
      terraformCloudAws: "aws.workload.identity",
      terraformCloudAzure: "api://AzureADTokenExchange",
    });
  });

  it("builds the per-tenant default audiences", () => {
    expect(githubDefaultAudience("octo-org")).toBe("https://github.com/octo-org");
    expect(circleciDefaultAudience(ORG)).toBe(ORG);
    expect(bitbucketDefaultAudience("{922e118c-f34f-4226-a897-0e0afbec553d}")).toBe(
      "ari:cloud:bitbucket::workspace/922e118c-f34f-4226-a897-0e0afbec553d",
    );
    expect(gcpDefaultAudiences("projects/123456789/locations/global/workloadIdentityPools/github/providers/my-repo")).toEqual([
      "https://iam.googleapis.com/projects/123456789/locations/global/workloadIdentityPools/github/providers/my-repo",
      "//iam.googleapis.com/projects/123456789/locations/global/workloadIdentityPools/github/providers/my-repo",
    ]);
  });

  it("gives Azure issuers without a trailing slash, only where fixed", () => {
    expect(AZURE_ISSUER).toEqual({
      github: "https://token.actions.githubusercontent.com",
      gitlab: "https://gitlab.com",
      "terraform-cloud": "https://app.terraform.io",
    });
    for (const [platform, issuer] of Object.entries(AZURE_ISSUER)) expect(issuerPlatform(issuer ?? "")).toBe(platform);
  });
});

describe("cloud facts", () => {
  it("knows which IAM keys exist", () => {
    expect(IAM_OIDC_KEYS).toEqual(["aud", "sub"]);
    expect(IAM_GITHUB_CLAIM_KEYS).toContain("repository_id");
    expect(IAM_GITHUB_CLAIM_KEYS).toContain("job_workflow_ref");
    expect(iamKnowsClaim("github", "sub")).toBe(true);
    expect(iamKnowsClaim("github", "repository")).toBe(true);
    expect(iamKnowsClaim("github", "repository_owner")).toBeUndefined();
    expect(iamKnowsClaim("gitlab", "project_path")).toBe(false);
    expect(iamKnowsClaim("eks", "aud")).toBe(true);
    expect(iamKnowsClaim("circleci", "oidc.circleci.com/project-id")).toBeUndefined();
    expect(iamKnowsClaim(undefined, "email")).toBeUndefined();
  });

  it("records Azure, Google and unverified facts", () => {
    expect(AZURE_FIC_MAX_PER_IDENTITY).toBe(20);
    expect(AZURE_FIC_MAX_FIELD_LENGTH).toBe(600);
    expect(AZURE_FLEXIBLE_FIC_PLATFORMS).toEqual(["github", "gitlab", "terraform-cloud"]);
    expect(Object.keys(AZURE_FIC_ERRORS)).toEqual(["AADSTS70021", "AADSTS700211", "AADSTS700212", "AADSTS700213"]);
    expect(AZURE_FIC_ERRORS.AADSTS700212).toContain("audience");
    expect(GCP_ATTRIBUTE_CONDITION_REQUIRED.has("github")).toBe(true);
    expect(GCP_ATTRIBUTE_CONDITION_REQUIRED.has("gitlab")).toBe(false);
    expect(GCP_SUBJECT_MAX_BYTES).toBe(127);
    expect(IAM_GITHUB_SUB_REQUIRED_AT_CREATION).toBeUndefined();
  });
});
