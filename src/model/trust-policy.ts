/**
 * The cloud side of federation (RULES.md section E): who a role or an identity lets in. Readers build these
 * from Terraform (src/formats/trust-terraform.ts), CloudFormation/SAM and standalone policy JSON
 * (src/formats/trust-policy.ts); the `oidc-trust-policy` rule judges them, alone and against the CI
 * workflows of the same repository.
 */
import type { Range, SourceFile } from "./source.js";

/**
 * A value as written in a policy: a literal string (`text` is its value), or something computed (`text` is
 * the source as written — `${local.oidc}:sub`, `arn:aws:iam::${AWS::AccountId}:oidc-provider/…` — so the
 * literal parts can still be read). `refs` are the Terraform addresses (`aws_iam_openid_connect_provider.eks`,
 * `data.aws_iam_openid_connect_provider.x`, `module.eks`, `var.x`) or CloudFormation logical ids / parameters
 * the value reads, the same file's `local.*` followed.
 */
export interface PolicyText {
  readonly text: string;
  readonly literal: boolean;
  readonly range: Range;
  readonly refs: readonly string[];
}

/** One `Condition` entry: an operator, a key and its values (`"StringLike": {"…:sub": ["repo:o/r:*"]}`). */
export interface TrustCondition {
  /** `StringEquals`, `StringLike`, `ForAnyValue:StringLike`, `StringEqualsIfExists`… */
  readonly operator: PolicyText;
  readonly key: PolicyText;
  readonly values: readonly PolicyText[];
}

export interface TrustStatement {
  readonly range: Range;
  /** `Allow` when not written. */
  readonly effect: string;
  readonly actions: readonly PolicyText[];
  /** The `Federated` principals (OIDC provider ARNs or references to them). */
  readonly federated: readonly PolicyText[];
  readonly conditions: readonly TrustCondition[];
  /**
   * Some conditions are computed (`dynamic "condition"` blocks, `Condition = local.conditions`, `merge(…)`) or
   * merged in from other documents: what the statement restricts is not all written here.
   */
  readonly opaque?: true;
}

/** A role trust policy (an `AssumeRolePolicyDocument`, `assume_role_policy`, a policy document data source or file). */
export interface TrustPolicy {
  readonly file: SourceFile;
  /** Where the document is written (for a data source: its block). */
  readonly range: Range;
  /** What the document is, for messages: `aws_iam_role.deploy`, `data.aws_iam_policy_document.github`, `GitHubRole`, `trust.json`. */
  readonly where: string;
  /** The Terraform address of a policy document data source (`data.aws_iam_policy_document.github`), by which roles name it. */
  readonly address?: string;
  /** The names of the roles this document is the trust policy of, where the repository says so. */
  readonly roleNames: readonly PolicyText[];
  readonly statements: readonly TrustStatement[];
}

/** A Terraform role whose trust policy is a data source of its folder (`assume_role_policy = data.aws_iam_policy_document.x.json`). */
export interface TrustRoleLink {
  readonly file: SourceFile;
  readonly roleName: PolicyText;
  /** The data source's address: `data.aws_iam_policy_document.x`. */
  readonly policy: string;
}

/**
 * An identity provider's configuration on the cloud side: an AWS OIDC provider (`aws_iam_openid_connect_provider`,
 * `AWS::IAM::OIDCProvider`), an Azure federated identity credential, a GCP workload identity pool provider.
 */
export interface IdentityProvider {
  readonly kind: "aws-oidc-provider" | "azure-federated-credential" | "gcp-workload-identity-provider";
  readonly file: SourceFile;
  /** The resource's block or node. */
  readonly range: Range;
  /** Where its name is written (a Terraform resource's second label, a CloudFormation logical id): where a missing argument is reported. */
  readonly nameRange: Range;
  /** `azurerm_federated_identity_credential.deploy`, `GitHubOIDCProvider`. */
  readonly where: string;
  /** The Terraform address (`aws_iam_openid_connect_provider.github`) or logical id it is referred to by. */
  readonly address: string;
  /** AWS `url`, Azure `issuer`, GCP `oidc.issuer_uri`. */
  readonly issuer?: PolicyText;
  /** Azure `subject`. */
  readonly subject?: PolicyText;
  /** AWS `client_id_list`, Azure `audiences`/`audience`, GCP `oidc.allowed_audiences`. */
  readonly audiences: readonly PolicyText[];
  /** Whether an audience list is written at all (GCP's default audience is the provider's own URL). */
  readonly audiencesWritten: boolean;
  /** GCP `attribute_condition`. */
  readonly condition?: PolicyText;
  /** GCP: the pool id and provider id, for matching `workload_identity_provider` inputs. */
  readonly poolId?: PolicyText;
  readonly providerId?: PolicyText;
}

/** What a file says about federation, as the parse stage keeps it. */
export interface TrustModel {
  readonly policies: readonly TrustPolicy[];
  readonly roleLinks: readonly TrustRoleLink[];
  readonly providers: readonly IdentityProvider[];
}
