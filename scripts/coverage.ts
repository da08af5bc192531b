/**
 * The coverage matrix of RULES.md: every clause of every rule (sections A–D), on every file kind, is either
 * proved by a fixture file of that kind whose expectation lists the rule, or not applicable (with the reason it
 * cannot occur there), or a gap (it can occur, and no fixture shows that credlint reports it). `npm run
 * generate` renders it to docs/coverage.md; test/coverage.test.ts checks every fixture it names and fails when
 * the page is stale.
 *
 * How to read and edit the data: a clause lists the kinds where it is proved or missing (`kinds`); every kind
 * it does not list takes the clause's default n/a reason (`na`). A clause without a default must list every
 * kind. Clauses are worded as RULES.md words them; `note` says how credlint reads a clause where the wording
 * alone would mislead.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { FORMATS } from "../src/formats/registry.js";
import { FILE_KINDS, type FileKind } from "../src/model/source.js";
import { ROOT } from "./generate.js";

export type Cell = { readonly fixture: string } | { readonly na: string } | { readonly gap: string };

export interface ClauseCoverage {
  /** The clause as RULES.md words it (Markdown). */
  readonly clause: string;
  /** How credlint reads the clause, where the wording alone would mislead (Markdown). */
  readonly note?: string;
  /** Why the clause cannot occur in the kinds that `kinds` does not list. */
  readonly na?: string;
  readonly kinds: Readonly<Partial<Record<FileKind, Cell>>>;
}

export interface RuleCoverage {
  readonly rule: string;
  readonly section: Section;
  readonly clauses: readonly ClauseCoverage[];
}

export type Section = "A" | "B" | "C" | "D" | "E";

export const SECTIONS: Readonly<Record<Section, string>> = {
  A: "Hard-coded secrets",
  B: "Values and names that an SDK will reject or silently ignore",
  C: "Profiles, regions, accounts",
  D: "Authentication method",
  E: "Federation trust (the other half of OIDC)",
};

/** Short column names for the kinds (the legend is the "Supported files" table). */
export const SHORT: Readonly<Record<FileKind, string>> = {
  "aws-config": "config",
  "aws-credentials": "credentials",
  "js-ts": "JS/TS",
  python: "Python",
  terraform: "Terraform",
  "terraform-vars": "tfvars",
  dotenv: "dotenv",
  shell: "shell",
  dockerfile: "Dockerfile",
  "docker-compose": "compose",
  kubernetes: "k8s",
  serverless: "Serverless",
  cloudformation: "CFN",
  "iam-policy": "policy",
  "github-workflow": "GHA",
  "github-action": "action",
  "gitlab-ci": "GitLab",
  circleci: "CircleCI",
  "azure-pipelines": "AzP",
  "bitbucket-pipelines": "Bitbucket",
  text: "text",
};

// ---------------------------------------------------------------------------------------------------------
// Building blocks

type Kinds = Partial<Record<FileKind, Cell>>;

const fx = (file: string): Cell => ({ fixture: `fixtures/${file}` });

/** Where a trust policy can be written (section E). */
const TRUST_ONLY = "a role trust policy is written in Terraform, CloudFormation/SAM or a policy JSON file";
const na = (reason: string): Cell => ({ na: reason });

function each(kinds: readonly FileKind[], cell: Cell): Kinds {
  return Object.fromEntries(kinds.map((k) => [k, cell]));
}

/** The files of one scenario, by kind. */
function scenario(base: string, files: Partial<Record<FileKind, string>>): Kinds {
  return Object.fromEntries(Object.entries(files).map(([k, f]) => [k, fx(`${base}/${f}`)]));
}

const INI: readonly FileKind[] = ["aws-config", "aws-credentials"];
const CI: readonly FileKind[] = ["github-workflow", "github-action", "gitlab-ci", "circleci", "azure-pipelines", "bitbucket-pipelines"];
const ENV_FILES: readonly FileKind[] = ["dotenv", "shell", "dockerfile"];
/** The kinds of the second wave of readers: Python, Terraform, compose, Kubernetes, Serverless, CloudFormation/SAM. */
const STACKS: readonly FileKind[] = ["serverless", "cloudformation"];
const YAML_ENV: readonly FileKind[] = ["docker-compose", "kubernetes"];
const TERRAFORM: readonly FileKind[] = ["terraform", "terraform-vars"];
/** The environments of containers and functions: compose services, pod containers, Serverless/SAM functions, ECS containers. */
const WORKLOADS: readonly FileKind[] = [...YAML_ENV, ...STACKS];

/** A scenario with one file per CI kind, in the usual places: the workflow and the composite action are named. */
function ci(base: string, workflow: string, action: string): Kinds {
  return scenario(base, {
    "github-workflow": `.github/workflows/${workflow}`,
    "github-action": `.github/actions/${action}/action.yml`,
    "gitlab-ci": ".gitlab-ci.yml",
    circleci: ".circleci/config.yml",
    "azure-pipelines": "azure-pipelines.yml",
    "bitbucket-pipelines": "bitbucket-pipelines.yml",
  });
}

// Reasons shared by many clauses.
const TEXT = "no reader: only the raw-text secret detectors run on `text`";
const NOT_AWS_FILES = "AWS shared files hold AWS profile settings: no tool reads this secret from them";
const INI_ONLY = "a key of the AWS shared files (profiles and sections exist nowhere else)";
const INI_SYNTAX = "INI syntax of the AWS shared files";
const CI_ONLY = "a CI file's clause: only a CI system can hand a job an OIDC token instead of stored keys";
const GITHUB_LOGIN = "a GitHub Actions login step: it exists only in workflows and composite actions";

// Proving scenarios used by several clauses.
const AWS_CI = ci("hardcoded-aws-key/literal-keys-in-ci-jobs", "nightly.yml", "publish-docs");
const AZURE_CI = ci("hardcoded-azure-key/azure-secrets-in-ci-jobs", "backup.yml", "restore-snapshot");
const AZURE_APP = scenario("hardcoded-azure-key/azure-secrets-in-app-config", {
  dotenv: ".env",
  shell: "scripts/sync-media.sh",
  dockerfile: "Dockerfile",
  "js-ts": "src/storage.ts",
  text: "config/appsettings.Production.json",
});
const GCP_CI = ci("hardcoded-gcp-key/gcp-keys-in-ci-jobs", "deploy-run.yml", "upload-sourcemaps");
const GCP_APP = "hardcoded-gcp-key/gcp-keys-in-app-config";
const KEYS_CI = ci("hardcoded-private-key/deploy-keys-in-ci-jobs", "deploy.yml", "ssh-deploy");
const KEYS_ENV = scenario("hardcoded-private-key/signing-keys-in-env-scripts-and-images", {
  dotenv: ".env",
  shell: "scripts/provision-worker.sh",
  dockerfile: "Dockerfile",
});
const WS_CI = ci("credential-whitespace/pasted-values-in-ci-variables", "provision.yml", "azure-env");
const WS = "credential-whitespace/pasted-values-in-env-scripts-and-code";
const NAMES_CI = ci("credential-key-name/misspelt-variables-in-ci", "reports.yml", "azure-login");
const NAMES = "credential-key-name/misspelt-names-in-env-scripts-and-config";
const MANGLED_CI = ci("malformed-credential/mangled-keys-in-ci-jobs", "sync.yml", "s3-sync");
const MANGLED = "malformed-credential/mangled-keys-in-env-scripts-and-code";
const SYNTAX = "aws-config-syntax/hand-edited-shared-files";
const PROFILES = "profile-reference/profiles-named-across-the-repo";
const PROFILES_CI = ci(PROFILES, "reports.yml", "sync-assets");
const REGIONS = "invalid-region/bad-regions-across-files";
const REGIONS_ALL = {
  ...scenario(REGIONS, { "aws-config": ".aws/config", "aws-credentials": ".aws/credentials", "js-ts": "src/regions.ts", shell: "scripts/replicate.sh", dockerfile: "Dockerfile" }),
  ...ci(REGIONS, "replicate.yml", "regional-smoke"),
};
const MISMATCH = "region-mismatch/regions-disagree-across-files";
const AZURE_IDS = "malformed-credential/azure-ids-mixed-up";
const MISMATCH_CI = ci(MISMATCH, "sync.yml", "sync");
const LOGINS = "conflicting-auth/two-logins-in-ci-and-env";
const LOGINS_CI = ci(LOGINS, "release.yml", "cloud-login");
const STALE = "temporary-credentials/stale-credentials-across-files";
const STALE_CI = ci(STALE, "nightly.yml", "smoke");
const MFA_CI = ci("mfa-config/mfa-profiles-in-credentials-and-ci", "rotate.yml", "admin-task");

// The second wave (Python, Terraform, compose, Kubernetes, Serverless, CloudFormation/SAM): one scenario per rule.
const PY_AWS = "hardcoded-aws-key/keys-in-python-terraform-and-manifests";
const PY_AZURE = "hardcoded-azure-key/azure-secrets-in-python-terraform-and-manifests";
const PY_GCP = "hardcoded-gcp-key/gcp-keys-in-python-terraform-and-manifests";
const PY_KEYS = "hardcoded-private-key/keys-and-passwords-in-python-terraform-and-manifests";
const PY_WS = "credential-whitespace/pasted-values-in-python-terraform-and-manifests";
const PY_NAMES = "credential-key-name/misspelt-env-writes-in-python";
const PY_MANGLED = "malformed-credential/mangled-keys-in-python-terraform-and-manifests";
const PY_PROFILES = "profile-reference/profiles-named-in-python-terraform-and-manifests";
const PY_REGIONS = "invalid-region/bad-regions-in-python-and-terraform";
const MANIFEST_REGIONS = "invalid-region/bad-regions-in-manifests";
const PY_MISMATCH = "region-mismatch/regions-disagree-in-python-and-manifests";
const PY_LOGINS = "conflicting-auth/two-logins-in-python-and-manifests";
const PY_STATIC = "static-credentials-in-code/keys-passed-to-boto3-and-providers";
const PY_STALE = "temporary-credentials/stale-sessions-in-python-terraform-and-manifests";

/** A second-wave scenario: its compose, Serverless and SAM files at its root, the other files as named. */
function stack(base: string, files: Partial<Record<FileKind, string>>): Kinds {
  return scenario(base, { "docker-compose": "docker-compose.yml", serverless: "serverless.yml", cloudformation: "template.yaml", ...files });
}

const AZURE_STACK = (kubernetes: string, terraform = "infra/main.tf"): Kinds =>
  stack(PY_AZURE, { python: "app/archive.py", terraform, "terraform-vars": "infra/terraform.tfvars", kubernetes });
const GCP_STACK = (kubernetes: string): Kinds =>
  stack(PY_GCP, { python: "app/bigquery_export.py", terraform: "infra/main.tf", "terraform-vars": "infra/terraform.tfvars", kubernetes });
const MANGLED_STACK = (kubernetes: string): Kinds => stack(PY_MANGLED, { python: "etl/clients.py", terraform: "infra/main.tf", kubernetes });
const REGIONS_STACK = (tfvars: string): Kinds => ({
  ...scenario(PY_REGIONS, { python: "pipeline/clients.py", terraform: "infra/main.tf", "terraform-vars": `infra/${tfvars}` }),
  ...stack(MANIFEST_REGIONS, { kubernetes: "k8s/workers.yaml" }),
});
const MISMATCH_STACK = stack(PY_MISMATCH, { kubernetes: "k8s/deployment.yaml" });
const STALE_STACK = stack(PY_STALE, { python: "tools/debug_clients.py", terraform: "infra/main.tf", kubernetes: "k8s/incident.yaml" });

// Reasons shared by the second wave's cells.
const TF_NO_ENV = "Terraform sets no environment variables: the provider's argument is one value";
const WORKLOAD_NAMES =
  "by design: a container's or function's environment is read by its own program, whose variable names may be its own (external-dns reads `AWS_SECRET_KEY`, which the Go SDK accepts as a fallback: reference §1.4, §1.6); only an SDK name in another case is reported (next clause)";

// ---------------------------------------------------------------------------------------------------------
// The matrix

export const COVERAGE: readonly RuleCoverage[] = [
  // A. Hard-coded secrets: the detectors read every text file, so every kind can hold every secret.
  {
    rule: "hardcoded-aws-key",
    section: "A",
    clauses: [
      {
        clause: "AWS access key id (`AKIA`/`ASIA`/`ABIA`/`ACCA` + 16) — id alone: warning",
        kinds: {
          "aws-config": fx("hardcoded-aws-key/keys-in-config-file/.aws/config"),
          "aws-credentials": fx(`${SYNTAX}/.aws/credentials`),
          "js-ts": fx("hardcoded-aws-key/keys-in-code-and-settings/src/analytics.js"),
          dotenv: fx("hardcoded-aws-key/half-pairs-in-env-files-and-scripts/.env.staging"),
          shell: fx("hardcoded-aws-key/half-pairs-in-env-files-and-scripts/scripts/restore-db.sh"),
          dockerfile: fx("hardcoded-aws-key/half-pairs-in-env-files-and-scripts/Dockerfile"),
          ...AWS_CI,
          text: fx("hardcoded-aws-key/keys-in-code-and-settings/config/uploads.properties"),
          ...stack(PY_AWS, { python: "invoices/settings.py", terraform: "infra/main.tf", "terraform-vars": "infra/terraform.tfvars", kubernetes: "k8s/deployment.yaml" }),
        },
      },
      {
        clause: "AWS secret access keys (40 chars) bound to a secret-key name",
        kinds: {
          "aws-config": fx("hardcoded-aws-key/keys-in-config-file/.aws/config"),
          "aws-credentials": fx(`${MANGLED}/.aws/credentials`),
          "js-ts": fx("hardcoded-aws-key/keys-in-code-and-settings/src/archive.ts"),
          dotenv: fx("hardcoded-aws-key/half-pairs-in-env-files-and-scripts/.env.production"),
          shell: fx("hardcoded-aws-key/half-pairs-in-env-files-and-scripts/scripts/rotate-logs.sh"),
          dockerfile: fx("hardcoded-aws-key/half-pairs-in-env-files-and-scripts/Dockerfile"),
          ...AWS_CI,
          text: fx("hardcoded-aws-key/keys-in-code-and-settings/config/archive.toml"),
          ...stack(PY_AWS, {
            python: "lambdas/thumbnails/handler.py",
            terraform: "infra/variables.tf",
            "terraform-vars": "infra/backup.auto.tfvars",
            kubernetes: "k8s/secrets.yaml",
          }),
        },
      },
      {
        clause: "a secret next to a key id: a pair (id + secret in one file) is one finding on the secret with the id noted",
        kinds: {
          "aws-config": fx("hardcoded-aws-key/keys-in-config-file/.aws/config"),
          "aws-credentials": fx("hardcoded-aws-key/ini-profile-pair/.aws/credentials"),
          "js-ts": fx("hardcoded-aws-key/js-client-literal/src/storage.js"),
          dotenv: fx("conflicting-auth/profile-and-keys-in-dotenv/.env"),
          shell: fx("hardcoded-aws-key/shell-export-pair/scripts/deploy.sh"),
          dockerfile: fx("hardcoded-aws-key/dockerfile-build-keys/Dockerfile"),
          ...AWS_CI,
          text: fx("hardcoded-aws-key/keys-in-code-and-settings/config/settings.ini"),
          ...stack(PY_AWS, { python: "lambdas/thumbnails/handler.py", terraform: "infra/main.tf", kubernetes: "k8s/deployment.yaml" }),
          "terraform-vars": fx("hardcoded-aws-key/key-pairs-in-tfvars/infra/terraform.tfvars"),
        },
      },
    ],
  },
  {
    rule: "hardcoded-azure-key",
    section: "A",
    clauses: [
      {
        clause: "storage connection strings with `AccountKey=`",
        na: NOT_AWS_FILES,
        kinds: { ...AZURE_APP, ...AZURE_CI, ...AZURE_STACK("k8s/secret.yaml") },
      },
      {
        clause: "88-char account keys bound to a key name",
        na: NOT_AWS_FILES,
        kinds: { ...AZURE_APP, ...AZURE_CI, ...AZURE_STACK("k8s/deployment.yaml", "infra/variables.tf") },
      },
      {
        clause: "SAS tokens (`sig=`)",
        na: NOT_AWS_FILES,
        kinds: { ...AZURE_APP, ...AZURE_CI, ...AZURE_STACK("k8s/deployment.yaml") },
      },
      {
        clause: "Entra client secrets bound to a secret name or in the `Q~` shape",
        na: NOT_AWS_FILES,
        kinds: { ...AZURE_APP, ...AZURE_CI, ...AZURE_STACK("k8s/deployment.yaml") },
      },
      {
        clause: "Cosmos/Service Bus keys",
        note: "Service Bus and Event Hubs `SharedAccessKey=`; a Cosmos DB connection string carries an `AccountKey=` (first clause).",
        na: NOT_AWS_FILES,
        kinds: { ...AZURE_APP, "js-ts": fx("hardcoded-azure-key/service-bus/src/worker.ts"), ...AZURE_CI, ...AZURE_STACK("k8s/secret.yaml") },
      },
    ],
  },
  {
    rule: "hardcoded-gcp-key",
    section: "A",
    clauses: [
      {
        clause: "service-account key JSON (`\"type\": \"service_account\"` + `private_key`)",
        na: NOT_AWS_FILES,
        kinds: {
          ...scenario(GCP_APP, { dotenv: ".env", shell: "scripts/export-firestore.sh", dockerfile: "Dockerfile", "js-ts": "src/google.js" }),
          ...GCP_CI,
          text: fx("committed-credentials-file/service-account-key/keys/ci-deployer.json"),
          ...GCP_STACK("k8s/exporter-key.yaml"),
        },
      },
      {
        clause: "API keys `AIza…`",
        na: NOT_AWS_FILES,
        kinds: {
          ...scenario(GCP_APP, { dotenv: ".env", shell: "scripts/export-firestore.sh", dockerfile: "Dockerfile", text: "android/app/google-services.json" }),
          "js-ts": fx("hardcoded-gcp-key/api-key-in-source/src/maps.ts"),
          ...GCP_CI,
          ...GCP_STACK("k8s/geocoder.yaml"),
        },
      },
      {
        clause: "OAuth client secrets `GOCSPX-…`",
        na: NOT_AWS_FILES,
        kinds: {
          ...scenario(GCP_APP, { dotenv: ".env", shell: "scripts/export-firestore.sh", dockerfile: "Dockerfile", "js-ts": "src/google.js" }),
          ...GCP_CI,
          text: fx("hardcoded-gcp-key/oauth-client-secret/config/oauth.yaml"),
          ...GCP_STACK("k8s/geocoder.yaml"),
        },
      },
      {
        clause: "`ya29.` access tokens",
        na: NOT_AWS_FILES,
        kinds: {
          ...scenario(GCP_APP, { dotenv: ".env", dockerfile: "Dockerfile", "js-ts": "src/google.js", text: "http/firestore.http" }),
          shell: fx("hardcoded-gcp-key/access-token-in-test-script/scripts/call-api.sh"),
          ...GCP_CI,
          ...GCP_STACK("k8s/geocoder.yaml"),
        },
      },
    ],
  },
  {
    rule: "hardcoded-private-key",
    section: "A",
    clauses: [
      {
        clause: "PEM / OpenSSH private key blocks (not public keys, not certificates)",
        na: "an INI value is one line, and no SDK reads a key block from the AWS shared files",
        kinds: {
          "js-ts": fx("hardcoded-private-key/pem-in-source/src/jwt.js"),
          ...KEYS_ENV,
          ...KEYS_CI,
          text: fx("hardcoded-private-key/escaped-in-json-string/config/jwt.yml"),
          ...stack(PY_KEYS, { python: "shop/settings.py", terraform: "infra/main.tf", "terraform-vars": "infra/terraform.tfvars", kubernetes: "k8s/tls.yaml" }),
        },
      },
    ],
  },
  {
    rule: "hardcoded-secret",
    section: "A",
    clauses: [
      {
        clause:
          "a literal of real entropy assigned to a credential-named key (`password`, `secret`, `token`, `api_key`, `client_secret`, …) in config, env, CI or code — not a reference, not a placeholder",
        na: "the AWS shared files hold no credential-named keys but AWS's own (hardcoded-aws-key)",
        kinds: {
          "js-ts": fx("hardcoded-secret/password-in-source/src/db.ts"),
          ...KEYS_ENV,
          ...KEYS_CI,
          text: fx("hardcoded-secret/yaml-config/config/production.yml"),
          ...stack(PY_KEYS, { python: "shop/settings.py", terraform: "infra/main.tf", "terraform-vars": "infra/terraform.tfvars", kubernetes: "k8s/web.yaml" }),
        },
      },
    ],
  },

  // B. Values and names that an SDK will reject or silently ignore
  {
    rule: "credential-whitespace",
    section: "B",
    clauses: [
      {
        clause: "leading/trailing spaces or tabs",
        note: "What the reader keeps: blanks inside quotes (dotenv, shells, Docker, YAML) and at either end of a code literal; unquoted values are trimmed.",
        na: TEXT,
        kinds: {
          ...each(INI, na("the SDKs' INI readers trim blanks around values")),
          ...scenario(WS, { "js-ts": "src/uploads.ts", shell: "scripts/az-login.sh", dockerfile: "Dockerfile" }),
          dotenv: fx("credential-whitespace/dotenv-quoted-trailing-space/.env"),
          ...WS_CI,
          ...stack(PY_WS, { python: "app/storage.py", terraform: "infra/main.tf", "terraform-vars": "infra/terraform.tfvars", kubernetes: "k8s/deployment.yaml" }),
        },
      },
      {
        clause: "`\\r`",
        na: TEXT,
        kinds: {
          ...each(INI, na("the INI readers split lines at CRLF: a Windows line ending never reaches a value")),
          "js-ts": na("JavaScript normalises line endings inside literals: only a typed `\\r` escape could put one in a string"),
          python: na("Python reads source with universal newlines: only a typed `\\r` escape could put one in a string"),
          ...scenario(WS, { dotenv: ".envrc", shell: "scripts/tf-plan.sh" }),
          dockerfile: na("Docker reads an instruction without its line's carriage return (values are trimmed)"),
          ...WS_CI,
          ...stack(PY_WS, { kubernetes: "k8s/deployment.yaml" }),
          ...each(TERRAFORM, na("Terraform reads a Windows line ending as a line break: only a typed `\\r` escape could put one in a string")),
        },
      },
      {
        clause: "zero-width or non-breaking spaces",
        na: TEXT,
        kinds: {
          "aws-config": fx(`${WS}/.aws/config`),
          "aws-credentials": fx("credential-whitespace/zero-width-space-in-key-id/.aws/credentials"),
          ...scenario(WS, { "js-ts": "src/uploads.ts", dotenv: ".env", shell: "scripts/az-login.sh", dockerfile: "Dockerfile" }),
          ...WS_CI,
          ...stack(PY_WS, { python: "app/storage.py", terraform: "infra/main.tf", "terraform-vars": "infra/terraform.tfvars", kubernetes: "k8s/deployment.yaml" }),
        },
      },
      {
        clause: "a trailing newline in a secret",
        note: "A YAML block scalar (`|`, `>`) without the `-` chomping indicator appends one.",
        na: TEXT,
        kinds: {
          ...each(INI, na("an INI value ends at its line")),
          "js-ts": fx("credential-whitespace/escaped-newlines-and-inner-quotes-in-code/src/archive.ts"),
          dotenv: fx("credential-whitespace/line-break-before-the-closing-quote/.env"),
          shell: fx("credential-whitespace/line-break-before-the-closing-quote/scripts/import.sh"),
          dockerfile: na("an `ENV`/`ARG` value is one logical line"),
          "github-workflow": fx("credential-whitespace/block-scalar-secret-in-workflow/.github/workflows/sync.yml"),
          ...scenario("credential-whitespace/pasted-values-in-ci-variables", {
            "github-action": ".github/actions/azure-env/action.yml",
            "gitlab-ci": ".gitlab-ci.yml",
            circleci: ".circleci/config.yml",
            "azure-pipelines": "azure-pipelines.yml",
          }),
          "bitbucket-pipelines": fx("credential-whitespace/block-scalar-secret-in-bitbucket-pipe/bitbucket-pipelines.yml"),
          ...stack(PY_WS, { kubernetes: "k8s/deployment.yaml" }),
          python: fx("credential-whitespace/escaped-newlines-and-inner-quotes-in-code/app/reports.py"),
          terraform: fx("credential-whitespace/escaped-newlines-and-inner-quotes-in-code/infra/main.tf"),
          "terraform-vars": fx("credential-whitespace/escaped-newlines-and-inner-quotes-in-code/infra-vars/terraform.tfvars"),
        },
      },
      {
        clause: "wrapping quotes that the reader keeps literally",
        na: TEXT,
        kinds: {
          "aws-config": fx(`${WS}/.aws/config`),
          "aws-credentials": fx("credential-whitespace/quoted-secret-access-key/.aws/credentials"),
          "js-ts": fx("credential-whitespace/escaped-newlines-and-inner-quotes-in-code/src/archive.ts"),
          ...scenario(WS, { dotenv: ".env", shell: "scripts/az-login.sh", dockerfile: "Dockerfile" }),
          ...WS_CI,
          ...stack(PY_WS, { kubernetes: "k8s/deployment.yaml" }),
          python: fx("credential-whitespace/escaped-newlines-and-inner-quotes-in-code/app/reports.py"),
          terraform: fx("credential-whitespace/escaped-newlines-and-inner-quotes-in-code/infra/main.tf"),
          "terraform-vars": fx("credential-whitespace/escaped-newlines-and-inner-quotes-in-code/infra-vars/terraform.tfvars"),
        },
      },
      {
        clause: "a GCP `private_key` with literal `\\n` where a real newline is needed",
        na: "holds no GCP credentials",
        note: "In code: a client's `credentials.private_key` (or `new JWT({ key })`, or google-auth's `from_service_account_info({\"private_key\": …})`) read straight from an environment variable, without turning `\\n` back into line breaks.",
        kinds: {
          text: na("a service-account key file is JSON, where `\\n` in a string is the newline the key needs"),
          "js-ts": fx("credential-whitespace/gcp-private-key-from-env/src/sheets.ts"),
          ...each(
            [...ENV_FILES, ...CI, ...WORKLOADS],
            na(
              "no Google SDK reads a private key from a variable: one that holds a key is read by the project's own code, which often restores the line breaks itself (`.replace(/\\\\n/g, \"\\\\n\")`), or is a key file's JSON (`GOOGLE_CREDENTIALS`), where `\\n` is the escape JSON needs — the value alone cannot say it is wrong; the code that reads it can (JS/TS, Python)",
            ),
          ),
          python: fx("credential-whitespace/gcp-private-key-from-env/app/sheets_export.py"),
          ...each(TERRAFORM, na("the Google provider takes the whole key file (`credentials`), JSON where `\\n` in a string is the newline the key needs")),
        },
      },
    ],
  },
  {
    rule: "credential-key-name",
    section: "B",
    clauses: [
      {
        clause:
          "a key or variable name no SDK reads, with a did-you-mean: typos (`aws_secret_key`, `aws_access_key`, `region_name` in INI, `AZURE_CLIENT_SECRETS`, `GOOGLE_APPLICATION_CREDENTIAL`)",
        na: TEXT,
        kinds: {
          "aws-config": fx("credential-key-name/region-name-in-config/.aws/config"),
          "aws-credentials": fx("credential-key-name/secret-key-typo/.aws/credentials"),
          "js-ts": fx("credential-key-name/misspelt-options-in-js/src/storage.js"),
          ...scenario(NAMES, { dotenv: ".env", shell: "scripts/report.sh", dockerfile: "Dockerfile" }),
          ...NAMES_CI,
          python: fx(`${PY_NAMES}/lambdas/nightly.py`),
          terraform: na("Terraform refuses a provider argument it does not know (\"Unsupported argument\"): a misspelt name fails loudly"),
          "terraform-vars": na("tfvars names are the module's own variable names, which no SDK reads"),
          ...each(WORKLOADS, na(WORKLOAD_NAMES)),
        },
      },
      {
        clause: "wrong case (`AWS_Access_Key_Id`, lowercase env var names)",
        note: "Environment variable names; upper-case INI keys are the next clause.",
        na: TEXT,
        kinds: {
          ...each(INI, na("INI keys are not environment variables (their case: next clause)")),
          "js-ts": fx("credential-key-name/misspelt-options-in-js/src/storage.js"),
          ...scenario(NAMES, { shell: "scripts/report.sh" }),
          dotenv: fx("credential-key-name/lowercase-dotenv/.env"),
          dockerfile: fx("credential-key-name/lowercase-env-in-dockerfile/Dockerfile"),
          ...NAMES_CI,
          python: fx(`${PY_NAMES}/lambdas/nightly.py`),
          terraform: na("provider arguments are lower-case HCL names: another case is an \"Unsupported argument\" error"),
          "terraform-vars": na("tfvars names are the module's own variable names, which no SDK reads"),
          "docker-compose": fx("credential-key-name/lowercase-names-in-container-env/docker-compose.yml"),
          kubernetes: fx("credential-key-name/lowercase-names-in-container-env/k8s/worker.yaml"),
          ...each(
            STACKS,
            na(
              "by design: Lambda reserves AWS_REGION and the credential variables, so a function's code reads look-alikes of its own (`aws_region`) on purpose",
            ),
          ),
        },
      },
      {
        clause: "upper-case INI keys that the JS SDK ignores",
        na: "only INI keys are matched without regard to case by some SDKs (environment names: previous clause)",
        kinds: {
          "aws-config": fx(`${NAMES}/.aws/config`),
          "aws-credentials": fx("credential-key-name/upper-case-keys/.aws/credentials"),
        },
      },
      {
        clause: "azure/login `creds` JSON in snake/other case",
        na: GITHUB_LOGIN,
        kinds: {
          "github-workflow": fx("credential-key-name/azure-creds-snake-case/.github/workflows/webapp.yml"),
          "github-action": fx("credential-key-name/misspelt-variables-in-ci/.github/actions/azure-login/action.yml"),
        },
      },
    ],
  },
  {
    rule: "malformed-credential",
    section: "B",
    clauses: [
      {
        clause: "key id of wrong length / lowercase / bad characters",
        na: TEXT,
        kinds: {
          ...scenario(MANGLED, {
            "aws-config": ".aws/config",
            "aws-credentials": ".aws/credentials",
            "js-ts": "src/clients.ts",
            dotenv: ".env",
            shell: "scripts/use-account.sh",
            dockerfile: "Dockerfile",
          }),
          ...MANGLED_CI,
          ...MANGLED_STACK("k8s/etl.yaml"),
          "terraform-vars": fx("malformed-credential/terraform-values-through-tfvars/infra/terraform.tfvars"),
        },
      },
      {
        clause: "a user or role *identifier* (`AIDA…`, `AROA…`) in a key-id field",
        na: TEXT,
        kinds: {
          ...scenario(MANGLED, { "aws-config": ".aws/config", "js-ts": "src/clients.ts", dotenv: ".env.staging", shell: "scripts/use-account.sh", dockerfile: "Dockerfile" }),
          "aws-credentials": fx("malformed-credential/user-id-in-key-id-field/.aws/credentials"),
          ...MANGLED_CI,
          ...MANGLED_STACK("k8s/credentials.yaml"),
          "terraform-vars": fx("malformed-credential/terraform-values-through-tfvars/infra/terraform.tfvars"),
        },
      },
      {
        clause: "secret of wrong length",
        na: TEXT,
        kinds: {
          ...scenario(MANGLED, { "aws-config": ".aws/config", "js-ts": "src/clients.ts", dotenv: ".env", shell: "scripts/use-account.sh", dockerfile: "Dockerfile" }),
          "aws-credentials": fx("malformed-credential/truncated-secret/ci/.aws/credentials"),
          ...MANGLED_CI,
          ...MANGLED_STACK("k8s/etl.yaml"),
          "terraform-vars": fx("malformed-credential/terraform-values-through-tfvars/infra/terraform.tfvars"),
        },
      },
      {
        clause: "tenant/client id that is not a GUID",
        na: TEXT,
        kinds: {
          ...each(INI, na("AWS shared files hold no Azure settings")),
          ...scenario(AZURE_IDS, {
            "js-ts": "src/blob.ts",
            dotenv: ".env",
            shell: "scripts/az-login.sh",
            dockerfile: "Dockerfile",
            "github-workflow": ".github/workflows/archive.yml",
            "github-action": ".github/actions/azure-login/action.yml",
            "gitlab-ci": ".gitlab-ci.yml",
            circleci: ".circleci/config.yml",
            "azure-pipelines": "azure-pipelines.yml",
            "bitbucket-pipelines": "bitbucket-pipelines.yml",
            python: "jobs/archive.py",
            terraform: "infra/main.tf",
            "docker-compose": "docker-compose.yml",
            kubernetes: "k8s/worker.yaml",
            serverless: "serverless.yml",
            cloudformation: "template.yaml",
            "terraform-vars": "infra/terraform.tfvars",
          }),
        },
      },
      {
        clause: "an Azure client secret that is a GUID (the secret's *id*, AADSTS7000215)",
        na: TEXT,
        kinds: {
          ...each(INI, na("AWS shared files hold no Azure settings")),
          ...scenario(AZURE_IDS, {
            "js-ts": "src/blob.ts",
            dotenv: ".env",
            shell: "scripts/az-login.sh",
            dockerfile: "Dockerfile",
            "github-workflow": ".github/workflows/archive.yml",
            "github-action": ".github/actions/azure-login/action.yml",
            "gitlab-ci": ".gitlab-ci.yml",
            circleci: ".circleci/config.yml",
            "azure-pipelines": "azure-pipelines.yml",
            "bitbucket-pipelines": "bitbucket-pipelines.yml",
            python: "jobs/archive.py",
            terraform: "infra/main.tf",
            "docker-compose": "docker-compose.yml",
            kubernetes: "k8s/worker.yaml",
            serverless: "serverless.yml",
            cloudformation: "template.yaml",
          }),
          "terraform-vars": fx(`${AZURE_IDS}/infra/terraform.tfvars`),
        },
      },
      {
        clause: "malformed ARNs in `role_arn`/`mfa_serial`",
        note: "`role_arn`, `AWS_ROLE_ARN`, `role-to-assume`, the CircleCI orb's `role_arn`, `RoleArn` in code; a malformed `mfa_serial` is mfa-config's finding.",
        na: TEXT,
        kinds: {
          ...scenario(MANGLED, {
            "aws-config": ".aws/config",
            "aws-credentials": ".aws/credentials",
            "js-ts": "src/clients.ts",
            dotenv: ".env",
            shell: "scripts/use-account.sh",
            dockerfile: "Dockerfile",
          }),
          ...MANGLED_CI,
          ...MANGLED_STACK("k8s/etl.yaml"),
          "terraform-vars": fx("malformed-credential/terraform-values-through-tfvars/infra/terraform.tfvars"),
        },
      },
      {
        clause: "a placeholder or documented example key in a live config",
        na: TEXT,
        kinds: {
          "aws-config": fx(`${MANGLED}/.aws/config`),
          "aws-credentials": fx("malformed-credential/documentation-example-keys/.aws/credentials"),
          "js-ts": fx("malformed-credential/sdk-example-key/upload.cjs"),
          ...scenario(MANGLED, { dotenv: ".env.production", shell: "scripts/use-account.sh", dockerfile: "Dockerfile" }),
          ...each(CI, na("a workflow runs as written: a placeholder or example key there is a deliberate dummy for a mock (moto, LocalStack)")),
          ...MANGLED_STACK("k8s/credentials.yaml"),
          "terraform-vars": fx("malformed-credential/terraform-values-through-tfvars/infra/terraform.tfvars"),
        },
      },
    ],
  },
  {
    rule: "aws-config-syntax",
    section: "B",
    clauses: [
      {
        clause: "`[profile x]` in the credentials file",
        na: INI_SYNTAX,
        kinds: {
          "aws-config": na("the config file needs the prefix (next clause)"),
          "aws-credentials": fx("aws-config-syntax/profile-prefix-in-credentials/.aws/credentials"),
        },
      },
      {
        clause: "`[x]` in the config file",
        na: INI_SYNTAX,
        kinds: {
          "aws-config": fx("aws-config-syntax/missing-prefix-in-config/.aws/config"),
          "aws-credentials": na("a bare name is right in the credentials file (previous clause)"),
        },
      },
      {
        clause: "`[Profile x]`",
        note: "In the credentials file it is reported as a typed header (first clause).",
        na: INI_SYNTAX,
        kinds: scenario(SYNTAX, { "aws-config": ".aws/config", "aws-credentials": ".aws/credentials" }),
      },
      { clause: "`[DEFAULT]`", na: INI_SYNTAX, kinds: scenario(SYNTAX, { "aws-config": ".aws/config", "aws-credentials": ".aws/credentials" }) },
      { clause: "spaces inside brackets", na: INI_SYNTAX, kinds: scenario(SYNTAX, { "aws-config": ".aws/config", "aws-credentials": ".aws/credentials" }) },
      { clause: "duplicate sections or keys", na: INI_SYNTAX, kinds: scenario(SYNTAX, { "aws-config": ".aws/config", "aws-credentials": ".aws/credentials" }) },
      { clause: "key lines before any section", na: INI_SYNTAX, kinds: scenario(SYNTAX, { "aws-config": ".aws/config", "aws-credentials": ".aws/credentials" }) },
      { clause: "`key: value` (JS SDK drops it)", na: INI_SYNTAX, kinds: scenario(SYNTAX, { "aws-config": ".aws/config", "aws-credentials": ".aws/credentials" }) },
      {
        clause: "inline `#`/`;` comments on a value (botocore keeps them in the value)",
        note: "On a credential value (key id, secret, session token) it is credential-whitespace's finding.",
        na: INI_SYNTAX,
        kinds: {
          "aws-config": fx("aws-config-syntax/inline-comment-after-value/.aws/config"),
          "aws-credentials": fx(`${SYNTAX}/.aws/credentials`),
        },
      },
      {
        clause: "quoted values",
        note: "On a credential value it is credential-whitespace's finding.",
        na: INI_SYNTAX,
        kinds: scenario(SYNTAX, { "aws-config": ".aws/config", "aws-credentials": ".aws/credentials" }),
      },
    ],
  },

  // C. Profiles, regions, accounts
  {
    rule: "profile-reference",
    section: "C",
    clauses: [
      {
        clause:
          "a profile named somewhere (`source_profile`, `AWS_PROFILE`/`AWS_DEFAULT_PROFILE` in env or CI, `--profile x` in scripts, `fromIni({ profile })`, `Session(profile_name=)`, Terraform `profile`) that no config/credentials file in the repo defines, when the repo defines profiles",
        na: TEXT,
        kinds: {
          "aws-config": fx("profile-reference/source-profile-typo/.aws/config"),
          ...scenario(PROFILES, { "aws-credentials": ".aws/credentials", "js-ts": "src/exports.ts", shell: "scripts/publish.sh", dockerfile: "Dockerfile" }),
          dotenv: fx("profile-reference/env-profile-not-in-config/.envrc"),
          ...PROFILES_CI,
          ...stack(PY_PROFILES, { python: "tools/reconcile.py", terraform: "infra/main.tf", "terraform-vars": "infra/terraform.tfvars", kubernetes: "k8s/reconcile.yaml" }),
        },
      },
      {
        clause: "`source_profile` cycles",
        na: INI_ONLY,
        kinds: { "aws-config": fx("profile-reference/cycle-of-three/.aws/config"), "aws-credentials": fx(`${PROFILES}/.aws/credentials`) },
      },
      {
        clause: "`sso_session` naming a missing `[sso-session]`",
        na: INI_ONLY,
        kinds: { "aws-config": fx("profile-reference/sso-session-missing/.aws/config"), "aws-credentials": fx(`${PROFILES}/.aws/credentials`) },
      },
      {
        clause: "`AWS_PROFILE` ≠ `AWS_DEFAULT_PROFILE` in one context",
        na: TEXT,
        kinds: {
          ...each(INI, na("environment variables: not set in INI files")),
          "js-ts": na("code passes one profile option; the two variables are set by the environment it runs in"),
          ...scenario(PROFILES, { dotenv: ".env", shell: "scripts/publish.sh", dockerfile: "Dockerfile" }),
          ...PROFILES_CI,
          ...stack(PY_PROFILES, { python: "tools/reconcile.py", kubernetes: "k8s/reconcile.yaml" }),
          ...each(TERRAFORM, na(TF_NO_ENV)),
        },
      },
    ],
  },
  {
    rule: "invalid-region",
    section: "C",
    clauses: [
      { clause: "unknown code", na: TEXT, kinds: { ...REGIONS_ALL, dotenv: fx(`${REGIONS}/.env.test-frankfurt`), ...REGIONS_STACK("terraform.tfvars") } },
      { clause: "availability zone (`us-east-1a`)", na: TEXT, kinds: { ...REGIONS_ALL, dotenv: fx(`${REGIONS}/.env`), ...REGIONS_STACK("dev.tfvars") } },
      {
        clause: "another cloud's style (`us-east1` in AWS, `eastus` in AWS)",
        na: TEXT,
        kinds: { ...REGIONS_ALL, dotenv: fx(`${REGIONS}/.env.staging`), ...REGIONS_STACK("dr.auto.tfvars") },
      },
      { clause: "upper case", na: TEXT, kinds: { ...REGIONS_ALL, dotenv: fx(`${REGIONS}/.env.production`), ...REGIONS_STACK("staging.tfvars") } },
      { clause: "display names (`East US`)", na: TEXT, kinds: { ...REGIONS_ALL, dotenv: fx(`${REGIONS}/.env.eu`), ...REGIONS_STACK("prod.tfvars") } },
    ],
  },
  {
    rule: "region-mismatch",
    section: "C",
    clauses: [
      {
        clause: "`AWS_REGION` ≠ `AWS_DEFAULT_REGION`",
        na: TEXT,
        kinds: {
          ...each(INI, na("environment variables: not set in INI files")),
          "js-ts": na("code sets a client's `region` option, not the two variables"),
          ...scenario(MISMATCH, { dotenv: ".env.staging", shell: "scripts/report.sh", dockerfile: "Dockerfile" }),
          ...MISMATCH_CI,
          "github-workflow": fx("region-mismatch/region-and-default-region-differ/.github/workflows/migrate.yml"),
          python: fx(`${PY_MISMATCH}/app/backfill.py`),
          ...MISMATCH_STACK,
          ...each(TERRAFORM, na(TF_NO_ENV)),
        },
      },
      {
        clause: "only one of the two set where the other SDK family reads the other: `AWS_DEFAULT_REGION` alone where JavaScript SDK v3 code runs",
        na: TEXT,
        kinds: {
          ...each(INI, na("environment variables: not set in INI files")),
          "js-ts": na("reported on the environment that sets the variable, not on the code that reads it"),
          ...scenario(MISMATCH, { dotenv: ".env", shell: "scripts/sync.sh", dockerfile: "Dockerfile" }),
          ...MISMATCH_CI,
          ...MISMATCH_STACK,
          python: na("a Python program's own `os.environ` writes are read by its boto3 (which reads `AWS_DEFAULT_REGION`), not by JavaScript code"),
          ...each(TERRAFORM, na(TF_NO_ENV)),
        },
      },
      {
        clause: "only one of the two set where the other SDK family reads the other: `AWS_REGION` alone where boto3 code runs",
        na: TEXT,
        kinds: {
          ...each(INI, na("environment variables: not set in INI files")),
          "js-ts": na("reported on the environment that sets the variable, not on the code that reads it"),
          ...scenario(MISMATCH, { dotenv: "tools/.env", shell: "scripts/report-eu.sh", dockerfile: "tools/Dockerfile" }),
          ...MISMATCH_CI,
          ...MISMATCH_STACK,
          python: fx("region-mismatch/python-sets-only-aws-region/jobs/export.py"),
          ...each(TERRAFORM, na(TF_NO_ENV)),
        },
      },
      {
        clause: "profile `sso_region` ≠ its `[sso-session]`",
        na: INI_ONLY,
        kinds: {
          "aws-config": fx("region-mismatch/sso-region-differs-from-session/.aws/config"),
          "aws-credentials": na("`[sso-session]` sections are read from the config file only"),
        },
      },
      {
        clause: "an ARN's partition vs the region's partition (`arn:aws:` role used in `us-gov-west-1`)",
        note: "Outside profiles: `AWS_ROLE_ARN` with `AWS_REGION` / `AWS_DEFAULT_REGION` in an environment, configure-aws-credentials' `role-to-assume` with `aws-region`, an Atlassian AWS pipe's `AWS_OIDC_ROLE_ARN` with `AWS_DEFAULT_REGION`, boto3's `sts.assume_role(RoleArn=…)` and the JS SDK's `sts.send(new AssumeRoleCommand({ RoleArn }))` with the region of the STS client they are made through.",
        na: TEXT,
        kinds: {
          "aws-config": fx("region-mismatch/commercial-role-in-govcloud/.aws/config"),
          "aws-credentials": fx(`${MISMATCH}/.aws/credentials`),
          "js-ts": fx("region-mismatch/govcloud-role-from-code/src/audit-export.ts"),
          python: fx("region-mismatch/govcloud-role-from-code/pipeline/replicate.py"),
          "bitbucket-pipelines": fx("region-mismatch/role-arn-from-another-partition/bitbucket-pipelines.yml"),
          serverless: na("a Serverless environment is a Lambda function's: Lambda sets its region itself (`AWS_REGION` is reserved)"),
          cloudformation: fx("region-mismatch/role-arn-from-another-partition/template.yaml"),
          ...scenario("region-mismatch/role-arn-from-another-partition", {
            dockerfile: "Dockerfile",
            "github-action": ".github/actions/records-login/action.yml",
            circleci: ".circleci/config.yml",
            "azure-pipelines": "azure-pipelines.yml",
            dotenv: ".env",
            shell: "scripts/backfill.sh",
            "github-workflow": ".github/workflows/deploy.yml",
            "gitlab-ci": ".gitlab-ci.yml",
            "docker-compose": "docker-compose.yml",
            kubernetes: "k8s/records-worker.yaml",
          }),
          terraform: fx("region-mismatch/terraform-govcloud-role-from-commercial/infra/providers.tf"),
          "terraform-vars": na("a provider block is written in a `.tf` file: tfvars only give its variables values"),
        },
      },
      {
        clause: "opt-in region with global STS",
        note: "An STS endpoint override to `https://sts.amazonaws.com` with an opt-in region: `AWS_ENDPOINT_URL_STS` and the region in an environment, a client's `endpoint` / `endpoint_url` with its region in code, a provider's `endpoints { sts }` with its `region` in Terraform, a profile's `services` section with `sts =` / `endpoint_url` in the config file. `sts_regional_endpoints = legacy` never sends an opt-in region to the global endpoint (valid-opt-in-region-with-legacy-sts).",
        na: TEXT,
        kinds: {
          "aws-config": fx("region-mismatch/global-sts-in-services-section/.aws/config"),
          "aws-credentials": na("`[services]` sections are read from the config file only"),
          "js-ts": fx("region-mismatch/global-sts-pinned-in-code-and-terraform/src/identity.ts"),
          ...scenario(MISMATCH, { dotenv: ".env.bahrain", shell: "scripts/sync-bahrain.sh", dockerfile: "Dockerfile" }),
          ...MISMATCH_CI,
          python: fx(`${PY_MISMATCH}/app/sync.py`),
          ...MISMATCH_STACK,
          terraform: fx("region-mismatch/global-sts-pinned-in-code-and-terraform/infra/providers.tf"),
          "terraform-vars": fx("region-mismatch/global-sts-pinned-in-code-and-terraform/infra-bahrain/terraform.tfvars"),
        },
      },
      {
        clause: "SDK client region ≠ region configured for the same workflow step",
        na: TEXT,
        kinds: {
          "js-ts": fx("region-mismatch/client-region-vs-workflow-step/scripts/export-reports.mjs"),
          python: fx("region-mismatch/client-region-vs-workflow-step/tools/rotate_keys.py"),
          ...each(CI, na("reported on the SDK client in code, whose region wins")),
          ...each([...INI, ...ENV_FILES, "terraform", "terraform-vars", ...YAML_ENV, ...STACKS], na("no workflow step and SDK client meet here")),
        },
      },
    ],
  },

  // D. Authentication method
  {
    rule: "prefer-oidc",
    section: "D",
    clauses: [
      {
        clause: "`aws-actions/configure-aws-credentials` with `aws-access-key-id`",
        na: CI_ONLY,
        kinds: {
          "github-workflow": fx("prefer-oidc/github-keys-in-login-step/.github/workflows/deploy.yml"),
          "github-action": fx("prefer-oidc/stored-secrets-in-terraform-jobs/.github/actions/terraform-apply/action.yml"),
          ...each(["gitlab-ci", "circleci", "azure-pipelines", "bitbucket-pipelines"], na(GITHUB_LOGIN)),
        },
      },
      {
        clause: "`azure/login` with `creds`/client secret",
        na: CI_ONLY,
        kinds: {
          "github-workflow": fx("credential-key-name/azure-creds-snake-case/.github/workflows/webapp.yml"),
          "github-action": fx("credential-key-name/misspelt-variables-in-ci/.github/actions/azure-login/action.yml"),
          ...each(["gitlab-ci", "circleci", "azure-pipelines", "bitbucket-pipelines"], na(GITHUB_LOGIN)),
        },
      },
      {
        clause: "`google-github-actions/auth` with `credentials_json`",
        na: CI_ONLY,
        kinds: {
          "github-workflow": fx(`${LOGINS}/.github/workflows/release.yml`),
          "github-action": fx("prefer-oidc/stored-secrets-in-terraform-jobs/.github/actions/terraform-apply/action.yml"),
          ...each(["gitlab-ci", "circleci", "azure-pipelines", "bitbucket-pipelines"], na(GITHUB_LOGIN)),
        },
      },
      {
        clause:
          "GitLab/CircleCI/Bitbucket/Azure Pipelines jobs (and GitHub job/workflow `env:`) exporting `AWS_ACCESS_KEY_ID`/`AZURE_CLIENT_SECRET`/`ARM_CLIENT_SECRET`/`GOOGLE_APPLICATION_CREDENTIALS`/`GOOGLE_CREDENTIALS` from secrets",
        note: "A composite action's step `env:` is read the same way.",
        na: CI_ONLY,
        kinds: {
          "github-workflow": fx(`${LOGINS}/.github/workflows/release.yml`),
          "github-action": fx("prefer-oidc/stored-secrets-in-terraform-jobs/.github/actions/terraform-apply/action.yml"),
          "gitlab-ci": fx("prefer-oidc/gitlab-variables-template/.gitlab-ci.yml"),
          circleci: fx(`${LOGINS}/.circleci/config.yml`),
          "azure-pipelines": fx("prefer-oidc/azure-pipelines-aws-keys/azure-pipelines.yml"),
          "bitbucket-pipelines": fx(`${LOGINS}/bitbucket-pipelines.yml`),
        },
      },
      {
        clause: "including jobs that run Terraform",
        na: CI_ONLY,
        kinds: {
          ...ci("prefer-oidc/stored-secrets-in-terraform-jobs", "", "terraform-apply"),
          "github-workflow": fx("prefer-oidc/terraform-arm-secret/.github/workflows/terraform.yml"),
        },
      },
    ],
  },
  {
    rule: "oidc-permissions",
    section: "D",
    clauses: [
      {
        clause:
          "a federated login step (configure-aws-credentials `role-to-assume` without keys, azure/login without secret, google auth `workload_identity_provider`) in a job whose *effective* permissions lack `id-token: write`",
        note: "Also the other platforms' equivalents: a Bitbucket step without `oidc: true`, a GitLab job passing `$NAME` as the token without declaring it under `id_tokens:`.",
        na: CI_ONLY,
        kinds: {
          "github-workflow": fx("oidc-permissions/composite-login-and-gitlab-token/.github/workflows/deploy.yml"),
          "github-action": na("a composite action has no job or permissions: its login is reported on the `uses:` step of the calling workflow"),
          "gitlab-ci": fx("oidc-permissions/composite-login-and-gitlab-token/.gitlab-ci.yml"),
          circleci: na(
            "CircleCI issues `$CIRCLE_OIDC_TOKEN` / `$CIRCLE_OIDC_TOKEN_V2` to every job: the current OIDC page (circleci/circleci-docs `openid-connect-tokens.adoc`) has no job-level switch, and the older docs' \"only in jobs that use at least one context\" is gone (reference §6.5)",
          ),
          "azure-pipelines": na("federation is configured on the service connection, outside the YAML"),
          "bitbucket-pipelines": fx("oidc-permissions/bitbucket-without-oidc/bitbucket-pipelines.yml"),
        },
      },
      {
        clause: "a job-level block replaces the workflow one",
        na: "`permissions:` blocks exist only in GitHub workflows",
        kinds: { "github-workflow": fx("oidc-permissions/job-block-replaces-workflow/.github/workflows/deploy.yml") },
      },
      {
        clause: "no `permissions` anywhere also lacks it: the default token never has `id-token: write`",
        na: "`permissions:` blocks exist only in GitHub workflows",
        kinds: { "github-workflow": fx("oidc-permissions/default-token/.github/workflows/nightly.yml") },
      },
    ],
  },
  {
    rule: "oidc-trust-policy",
    section: "E",
    clauses: [
      {
        clause: "an IAM role trusting a CI platform's issuer with no `sub` condition (or one any repository satisfies) — security",
        na: TRUST_ONLY,
        kinds: {
          terraform: fx("oidc-trust-policy/terraform-github-role-without-sub/iam.tf"),
          cloudformation: fx("oidc-trust-policy/cloudformation-roles-in-a-template/github-oidc.yaml"),
          "iam-policy": fx("oidc-trust-policy/policy-json-files/github-actions-trust.json"),
        },
      },
      {
        clause: "`StringEquals` with a wildcard (never matches → AccessDenied; use `StringLike`)",
        na: TRUST_ONLY,
        kinds: {
          terraform: fx("oidc-trust-policy/terraform-policy-document-wildcard-with-equals/oidc.tf"),
          cloudformation: fx("oidc-trust-policy/cloudformation-never-matching-roles/ci-roles.yaml"),
          "iam-policy": fx("oidc-trust-policy/policy-json-files/release-trust.json"),
        },
      },
      {
        clause: "an `aud` that is not what the login step sends (`sts.amazonaws.com` for configure-aws-credentials)",
        note: "Unless a workflow of the repository requests that audience (configure-aws-credentials `audience:`).",
        na: TRUST_ONLY,
        kinds: {
          terraform: fx("oidc-trust-policy/terraform-audience-not-sent/github.tf"),
          cloudformation: fx("oidc-trust-policy/cloudformation-roles-in-a-template/github-oidc.yaml"),
          "iam-policy": fx("oidc-trust-policy/policy-json-files/deploy-trust.json"),
        },
      },
      {
        clause: "a malformed `sub` (`repo:org/name:ref:main`, `environment:`, `pull_request`)",
        na: TRUST_ONLY,
        kinds: {
          terraform: fx("oidc-trust-policy/azure-federated-credentials/federation.tf"),
          cloudformation: fx("oidc-trust-policy/cloudformation-roles-in-a-template/github-oidc.yaml"),
          "iam-policy": fx("oidc-trust-policy/policy-json-files/gitlab-trust.json"),
        },
      },
      {
        clause: "a misspelt issuer or provider URL",
        note: "Also an issuer written with `https://` in a condition key or provider ARN, and `sts:AssumeRole` for a web identity.",
        na: TRUST_ONLY,
        kinds: {
          terraform: fx("oidc-trust-policy/misspelt-issuer/trust.tf"),
          cloudformation: fx("oidc-trust-policy/cloudformation-never-matching-roles/ci-roles.yaml"),
          "iam-policy": fx("oidc-trust-policy/policy-json-files/deploy-trust.json"),
        },
      },
      {
        clause: "Azure federated identity credentials with a wrong issuer/subject/audience",
        na: "Azure federated identity credentials are Terraform resources (`azuread_application_federated_identity_credential`, `azurerm_federated_identity_credential`)",
        kinds: { terraform: fx("oidc-trust-policy/azure-federated-credentials/federation.tf") },
      },
      {
        clause: "a GCP workload identity provider without an `attribute_condition`",
        na: "GCP workload identity providers are Terraform resources (`google_iam_workload_identity_pool_provider`)",
        kinds: { terraform: fx("oidc-trust-policy/gcp-provider-without-condition/wif.tf") },
      },
      {
        clause: "an EKS cluster's OIDC provider trusted with an `:aud` condition but no `:sub` (also through `aws_eks_cluster` / `data.aws_iam_openid_connect_provider` references) — security",
        na: TRUST_ONLY,
        kinds: {
          terraform: fx("oidc-trust-policy/eks-irsa-audience-only/irsa.tf"),
          cloudformation: fx("oidc-trust-policy/cloudformation-never-matching-roles/ci-roles.yaml"),
          "iam-policy": fx("oidc-trust-policy/policy-json-files/eks-trust.json"),
        },
      },
      {
        clause: "the workflow that logs in, checked against the trust policy: its `sub` (environment, branch, pull request) and `audience`",
        note: "Reported on the workflow step's `role-to-assume` (or `workload_identity_provider`: a Google provider's `allowed_audiences` and `attribute_condition`), with the policy's subjects as related locations; CLI only (not in the editor or `--staged`).",
        na: "the login side is a GitHub workflow step (configure-aws-credentials `role-to-assume` naming a role of the repository)",
        kinds: { "github-workflow": fx("oidc-trust-policy/workflow-environment-not-trusted/.github/workflows/release.yml") },
      },
    ],
  },
  {
    rule: "conflicting-auth",
    section: "D",
    clauses: [
      {
        clause: "`role-to-assume` + `aws-access-key-id` in one step",
        note: "Reported when an input that only OIDC reads (`web-identity-token-file`, `audience`) shows which one silently loses; keys with `role-to-assume` alone is the action's documented AssumeRole mode (valid-assume-role-with-static-keys).",
        na: GITHUB_LOGIN,
        kinds: {
          "github-workflow": fx("conflicting-auth/keys-beside-web-identity-token-file/.github/workflows/deploy.yml"),
          "github-action": fx(`${LOGINS}/.github/actions/cloud-login/action.yml`),
        },
      },
      {
        clause: "azure/login `creds` + `client-id`",
        na: GITHUB_LOGIN,
        kinds: scenario(LOGINS, { "github-workflow": ".github/workflows/release.yml", "github-action": ".github/actions/cloud-login/action.yml" }),
      },
      {
        clause: "google auth both inputs",
        na: GITHUB_LOGIN,
        kinds: scenario(LOGINS, { "github-workflow": ".github/workflows/release.yml", "github-action": ".github/actions/cloud-login/action.yml" }),
      },
      {
        clause: "a profile with static keys and `role_arn`/`sso_*`/`credential_process`",
        na: INI_ONLY,
        kinds: {
          "aws-config": fx("conflicting-auth/sso-profile-with-static-keys/.aws/config"),
          "aws-credentials": fx("conflicting-auth/static-keys-beside-role-arn/.aws/credentials"),
        },
      },
      {
        clause: "`source_profile` + `credential_source`",
        na: INI_ONLY,
        kinds: {
          "aws-config": fx("conflicting-auth/source-profile-and-credential-source/ci/.aws/config"),
          "aws-credentials": fx(`${LOGINS}/.aws/credentials`),
        },
      },
      {
        clause: "`AWS_PROFILE` + `AWS_ACCESS_KEY_ID` in one env",
        na: TEXT,
        kinds: {
          ...each(INI, na("environment variables: not set in INI files")),
          "js-ts": na("code passes explicit options; the variables are set by the environment it runs in"),
          dotenv: fx("conflicting-auth/profile-and-keys-in-dotenv/.env"),
          ...scenario(LOGINS, { shell: "scripts/notify.sh", dockerfile: "Dockerfile" }),
          ...LOGINS_CI,
          ...stack(PY_LOGINS, { python: "tools/rotate_keys.py", kubernetes: "k8s/media.yaml" }),
          terraform: fx("conflicting-auth/terraform-profile-and-keys/infra/main.tf"),
          "terraform-vars": na("a provider block is written in a `.tf` file: tfvars only give its variables values, and the finding is on the block"),
        },
      },
      {
        clause: "`AZURE_CLIENT_SECRET` + `AZURE_CLIENT_CERTIFICATE_PATH`",
        note: "In Terraform: an `azurerm` provider with `client_secret` and `client_certificate_path` (the certificate wins there), or with `use_oidc = true` and a secret or certificate (which wins over OIDC).",
        na: TEXT,
        kinds: {
          ...each(INI, na("AWS shared files hold no Azure settings")),
          "js-ts": na("code passes explicit options; the variables are set by the environment it runs in"),
          ...scenario(LOGINS, { dotenv: ".env", shell: "scripts/notify.sh", dockerfile: "Dockerfile" }),
          ...LOGINS_CI,
          ...stack(PY_LOGINS, { python: "tools/rotate_keys.py", kubernetes: "k8s/media.yaml" }),
          terraform: fx("conflicting-auth/terraform-azurerm-two-sign-ins/providers.tf"),
          "terraform-vars": fx("conflicting-auth/oidc-switched-on-in-tfvars/infra/terraform.tfvars"),
        },
      },
    ],
  },
  {
    rule: "static-credentials-in-code",
    section: "D",
    clauses: [
      {
        clause:
          "SDK clients/configs given explicit credentials — literals *or* values read from env/config — instead of the default provider chain / role / managed identity",
        na: "no SDK clients: program source and Terraform provider blocks only",
        kinds: {
          "js-ts": fx("static-credentials-in-code/lambda-env-keys/src/handler.ts"),
          ...scenario(PY_STATIC, { python: "functions/partner_sync/handler.py", terraform: "infra/providers.tf" }),
        },
      },
      {
        clause: "AWS SDK v3 `credentials: {accessKeyId,…}`",
        na: "a JavaScript SDK API",
        kinds: { "js-ts": fx("static-credentials-in-code/lambda-env-keys/src/handler.ts") },
      },
      {
        clause: "v2 `AWS.config.update({accessKeyId})`",
        na: "a JavaScript SDK API",
        kinds: { "js-ts": fx("static-credentials-in-code/v2-config-update/app.js") },
      },
      {
        clause: "`new AWS.Credentials(...)`",
        na: "a JavaScript SDK API",
        kinds: { "js-ts": fx("static-credentials-in-code/credentials-object-and-gcp-key/src/legacy-queue.js") },
      },
      {
        clause: "Azure `ClientSecretCredential`/`StorageSharedKeyCredential`/`fromConnectionString` with literals",
        na: "no Azure SDK clients: program source only",
        kinds: { "js-ts": fx("hardcoded-azure-key/azure-secrets-in-app-config/src/storage.ts"), python: fx(`${PY_STATIC}/functions/partner_sync/handler.py`) },
      },
      {
        clause: "GCP `credentials: {private_key}`",
        na: "no Google Cloud client libraries: program source only",
        kinds: {
          "js-ts": fx("static-credentials-in-code/credentials-object-and-gcp-key/src/warehouse.ts"),
          python: fx(`${PY_STATIC}/functions/partner_sync/handler.py`),
        },
      },
      { clause: "boto3 `aws_access_key_id=`", na: "a boto3 (Python) API", kinds: { python: fx(`${PY_STATIC}/functions/partner_sync/handler.py`) } },
    ],
  },
  {
    rule: "assume-role-config",
    section: "D",
    clauses: [
      {
        clause: "`role_arn` with no source (`source_profile`/`credential_source`/`web_identity_token_file`)",
        na: INI_ONLY,
        kinds: {
          "aws-config": fx("assume-role-config/role-without-source/.aws/config"),
          "aws-credentials": fx("assume-role-config/role-settings-in-both-files/.aws/credentials"),
        },
      },
      {
        clause: "invalid `credential_source` (exact `Environment`/`Ec2InstanceMetadata`/`EcsContainer`)",
        na: INI_ONLY,
        kinds: {
          "aws-config": fx("assume-role-config/credential-source-wrong-case/deploy/aws/config"),
          "aws-credentials": fx("assume-role-config/role-settings-in-both-files/.aws/credentials"),
        },
      },
      {
        clause: "`duration_seconds` outside 900–43200",
        na: INI_ONLY,
        kinds: {
          ...scenario("assume-role-config/role-settings-in-both-files", { "aws-config": ".aws/config", "aws-credentials": ".aws/credentials" }),
          ...scenario("assume-role-config/configure-aws-credentials-session-limits", { "github-workflow": ".github/workflows/nightly-export.yml", "github-action": ".github/actions/aws-login/action.yml" }),
          terraform: fx("assume-role-config/terraform-assume-role-parameters/infra/main.tf"),
        },
      },
      {
        clause: "bad `role_session_name`",
        na: INI_ONLY,
        kinds: {
          ...scenario("assume-role-config/role-settings-in-both-files", { "aws-config": ".aws/config", "aws-credentials": ".aws/credentials" }),
          ...scenario("assume-role-config/configure-aws-credentials-session-limits", { "github-workflow": ".github/workflows/nightly-export.yml", "github-action": ".github/actions/aws-login/action.yml" }),
          ...scenario("assume-role-config/web-identity-session-names", {
            dotenv: ".env",
            shell: "scripts/run-report.sh",
            dockerfile: "Dockerfile",
            "gitlab-ci": ".gitlab-ci.yml",
            circleci: ".circleci/config.yml",
            "azure-pipelines": "azure-pipelines.yml",
            "bitbucket-pipelines": "bitbucket-pipelines.yml",
            python: "jobs/report.py",
            "docker-compose": "docker-compose.yml",
            kubernetes: "k8s/reports.yaml",
          }),
          terraform: fx("assume-role-config/terraform-assume-role-parameters/infra/main.tf"),
        },
      },
      {
        clause: "SSO profile missing required keys",
        na: INI_ONLY,
        kinds: {
          "aws-config": fx("assume-role-config/sso-profile-missing-role-name/.aws/config"),
          "aws-credentials": fx("assume-role-config/role-settings-in-both-files/.aws/credentials"),
        },
      },
    ],
  },
  {
    rule: "temporary-credentials",
    section: "D",
    clauses: [
      {
        clause: "a session token with an `AKIA` key",
        na: TEXT,
        kinds: {
          ...scenario(STALE, { "aws-config": ".aws/config", "js-ts": "src/clients.ts", shell: "scripts/indexer-env.sh", dockerfile: "Dockerfile" }),
          "aws-credentials": fx("temporary-credentials/stale-session-token-with-long-term-key/.aws/credentials"),
          dotenv: fx("temporary-credentials/session-token-with-long-term-key/.env"),
          ...STALE_CI,
          ...STALE_STACK,
          "terraform-vars": fx("temporary-credentials/session-credentials-in-tfvars/debug-account/terraform.tfvars"),
        },
      },
      {
        clause: "an `ASIA` key without a token",
        na: TEXT,
        kinds: {
          ...scenario(STALE, { "aws-config": ".aws/config", "js-ts": "src/clients.ts", dotenv: ".env.local", shell: "scripts/federated-env.sh", dockerfile: "Dockerfile" }),
          "aws-credentials": fx("temporary-credentials/asia-key-without-token/.aws/credentials"),
          ...STALE_CI,
          ...STALE_STACK,
          "terraform-vars": fx("temporary-credentials/session-credentials-in-tfvars/sandbox/terraform.tfvars"),
        },
      },
      {
        clause: "committed temporary credentials (a literal session token or `ASIA` pair; the secret itself is also `hardcoded-aws-key`)",
        na: TEXT,
        kinds: {
          ...scenario(STALE, { "aws-config": ".aws/config", "js-ts": "src/clients.ts", dotenv: ".env.debug", shell: "scripts/debug-env.sh", dockerfile: "Dockerfile" }),
          "aws-credentials": fx("temporary-credentials/committed-session-credentials/.aws/credentials"),
          ...STALE_CI,
          ...STALE_STACK,
          "terraform-vars": fx("temporary-credentials/session-credentials-in-tfvars/incident-replay/terraform.tfvars"),
        },
      },
      {
        clause: "an expiry (`x_security_token_expires`, `aws_expiration`) in the past",
        note: "`AWS_CREDENTIAL_EXPIRATION` in an environment.",
        na: TEXT,
        kinds: {
          ...scenario(STALE, { "aws-config": ".aws/config", dotenv: ".env.debug", shell: "scripts/debug-env.sh", dockerfile: "Dockerfile" }),
          "aws-credentials": fx("temporary-credentials/committed-session-credentials/.aws/credentials"),
          "js-ts": fx("temporary-credentials/expired-credentials-object-in-code/src/replay.ts"),
          ...STALE_CI,
          ...STALE_STACK,
          ...each(TERRAFORM, na("the AWS provider takes a session token without its expiry: no argument holds one")),
        },
      },
      {
        clause: "an expiry (SAS `se=`) in the past",
        na: "AWS shared files hold no Azure SAS",
        kinds: {
          ...scenario(STALE, {
            "js-ts": "src/reports.ts",
            dotenv: ".env.storage",
            shell: "scripts/debug-env.sh",
            dockerfile: "Dockerfile",
            text: "config/reports.properties",
          }),
          ...STALE_CI,
          ...STALE_STACK,
          "terraform-vars": fx(`${PY_STALE}/infra/terraform.tfvars`),
        },
      },
      {
        clause: "GitLab's removed `CI_JOB_JWT*` tokens (use `id_tokens`)",
        na: "GitLab CI's own variables",
        kinds: { "gitlab-ci": fx("temporary-credentials/gitlab-ci-job-jwt-v2/.gitlab-ci.yml") },
      },
    ],
  },
  {
    rule: "mfa-config",
    section: "D",
    clauses: [
      {
        clause: "`mfa_serial` that is not an MFA device ARN (or is a 6-digit code — reported here only, not also as `malformed-credential`)",
        na: "`mfa_serial` is a profile key of the AWS shared files",
        kinds: {
          "aws-config": fx("mfa-config/user-arn-in-mfa-serial/.aws/config"),
          "aws-credentials": fx("mfa-config/mfa-profiles-in-credentials-and-ci/.aws/credentials"),
          "js-ts": fx("mfa-config/serial-number-in-code/src/admin-session.ts"),
          python: fx("mfa-config/serial-number-in-python/ops/break_glass.py"),
        },
      },
      {
        clause: "`mfa_serial` without `role_arn`",
        na: "`mfa_serial` is a profile key of the AWS shared files",
        kinds: {
          "aws-config": fx("mfa-config/mfa-serial-without-role-arn/.aws/config"),
          "aws-credentials": fx("mfa-config/mfa-profiles-in-credentials-and-ci/.aws/credentials"),
        },
      },
      {
        clause: "an MFA profile used from CI (no one can type the code)",
        na: TEXT,
        kinds: {
          ...MFA_CI,
          ...scenario("mfa-config/mfa-profile-in-containers", { dockerfile: "Dockerfile", "docker-compose": "docker-compose.yml", kubernetes: "k8s/reconcile.yaml" }),
          ...each(INI, na("the profile's definition, not a place that selects it")),
          ...each(["dotenv", "shell"], na("not a CI file: read by people's shells and programs, where the code can be typed")),
          ...each(["js-ts", "python", "terraform", "terraform-vars"], na("not a CI file: names a profile for whoever runs it; only a CI file says it runs unattended")),
          ...each(STACKS, na("a deployed workload runs with its role: it has no shared files to hold a profile")),
        },
      },
    ],
  },
  {
    rule: "committed-credentials-file",
    section: "D",
    clauses: [
      {
        clause: "AWS `credentials` with keys",
        na: "not a credentials file: this kind has another purpose (its secrets are the hardcoded-* rules')",
        kinds: { "aws-credentials": fx("committed-credentials-file/aws-credentials-file/.aws/credentials") },
      },
      {
        clause: "a GCP service-account key JSON",
        na: "not a key file: this kind has another purpose (an embedded key is hardcoded-gcp-key's)",
        kinds: { text: fx("committed-credentials-file/service-account-key/keys/ci-deployer.json") },
      },
      {
        clause: "`.env` with secrets",
        na: "not an env file: this kind has another purpose (its secrets are the hardcoded-* rules')",
        kinds: {
          dotenv: fx("committed-credentials-file/dotenv-file/.env"),
          shell: fx("committed-credentials-file/env-file-with-shell-logic/.env"),
        },
      },
      {
        clause: "`*.pem` private keys",
        na: "not a key file: this kind has another purpose (an embedded key is hardcoded-private-key's)",
        kinds: {
          text: fx("committed-credentials-file/private-key-file/deploy/id_rsa"),
          kubernetes: na(
            "a `Secret` manifest (`type: kubernetes.io/tls` with `tls.key`, `ssh-privatekey`) is not a key file: hardcoded-private-key reports the key it holds, decoded from `data:`, once",
          ),
        },
      },
    ],
  },
];

/** Rules listed in RULES.md and not implemented yet: named in the page, not in the matrix. */
export const PLANNED: readonly { readonly rule: string; readonly section: string; readonly note: string }[] = [
  { rule: "oidc-trust-policy", section: "E (federation trust)", note: "planned, issue 15" },
];

// ---------------------------------------------------------------------------------------------------------
// Resolution and counts

/** Every kind's cell for a clause, in `FILE_KINDS` order; throws when a kind has neither a cell nor a default. */
/** A standalone trust policy holds principals and conditions (section E), never a credential or a client setting. */
const POLICY_NA: Cell = { na: "an IAM trust policy holds principals and conditions, no credential or client setting (the raw-text secret detectors still read it, as every file)" };

export function cellsOf(rule: string, clause: ClauseCoverage): [FileKind, Cell][] {
  return FILE_KINDS.map((kind) => {
    const cell = clause.kinds[kind] ?? (clause.na !== undefined ? { na: clause.na } : kind === "iam-policy" ? POLICY_NA : undefined);
    if (!cell) throw new Error(`${rule}: "${clause.clause}" says nothing about ${kind} and has no default n/a reason`);
    return [kind, cell];
  });
}

export interface Counts {
  implemented: number;
  na: number;
  gap: number;
}

export function countsOf(rules: readonly RuleCoverage[]): Counts {
  const counts: Counts = { implemented: 0, na: 0, gap: 0 };
  for (const r of rules) {
    for (const c of r.clauses) {
      for (const [, cell] of cellsOf(r.rule, c)) {
        if ("fixture" in cell) counts.implemented++;
        else if ("na" in cell) counts.na++;
        else counts.gap++;
      }
    }
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------------------
// Rendering

const GENERATED = "Generated by scripts/coverage.ts (`npm run generate`) — do not edit.";

/** A table cell: no pipes or line breaks. */
function cellText(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function anchor(rule: string): string {
  return `#${rule}`;
}

/** Kinds with the same reason, grouped in `FILE_KINDS` order: "**a, b**: reason". */
function grouped(entries: readonly [FileKind, string][], others: readonly FileKind[] | undefined, defaultReason: string | undefined): string {
  const byReason = new Map<string, FileKind[]>();
  for (const [kind, reason] of entries) byReason.set(reason, [...(byReason.get(reason) ?? []), kind]);
  return [...byReason]
    .sort(([a], [b]) => Number(a === defaultReason) - Number(b === defaultReason))
    .map(([reason, kinds]) => {
      const all = others !== undefined && reason === defaultReason && kinds.length === others.length && kinds.length > 3;
      const who = all ? `all other kinds (${kinds.length})` : kinds.map((k) => SHORT[k]).join(", ");
      return `**${who}**: ${reason}`;
    })
    .join("<br>");
}

function renderClause(rule: RuleCoverage, clause: ClauseCoverage): string {
  const cells = cellsOf(rule.rule, clause);
  const proved = cells.flatMap(([k, c]) => ("fixture" in c ? [`[${SHORT[k]}](../${c.fixture})`] : []));
  const gaps = cells.flatMap(([k, c]): [FileKind, string][] => ("gap" in c ? [[k, c.gap]] : []));
  const nas = cells.flatMap(([k, c]): [FileKind, string][] => ("na" in c ? [[k, c.na]] : []));
  const explicit = new Set(Object.keys(clause.kinds));
  const defaulted = FILE_KINDS.filter((k) => !explicit.has(k));
  const what = clause.note ? `${clause.clause}<br><sub>${clause.note}</sub>` : clause.clause;
  const gapText = gaps.length > 0 ? `gap: ${grouped(gaps, undefined, undefined)}` : "";
  const naText = nas.length > 0 ? grouped(nas, defaulted, clause.na) : "";
  return `| ${cellText(what)} | ${proved.join(" · ")} | ${cellText(gapText)} | ${cellText(naText)} |`;
}

function renderRule(rule: RuleCoverage): string {
  const c = countsOf([rule]);
  return [
    `### \`${rule.rule}\``,
    "",
    `${c.implemented} implemented, ${c.na} n/a, ${c.gap} ${c.gap === 1 ? "gap" : "gaps"}. Rule page: [docs/rules/${rule.rule}.md](rules/${rule.rule}.md).`,
    "",
    "| Clause | Implemented (fixture) | Gap | n/a (why it cannot occur) |",
    "|---|---|---|---|",
    ...rule.clauses.map((clause) => renderClause(rule, clause)),
  ].join("\n");
}

function renderSupportedFiles(): string {
  const registered = new Map(FORMATS.map((f) => [f.kind, f] as const));
  const rows = FILE_KINDS.map((kind) => {
    const f = kind === "text" ? undefined : registered.get(kind);
    const label = kind === "text" ? "any other text file" : (f?.label ?? "reader in progress");
    const files = kind === "text" ? "every file no reader recognises: only the raw-text secret detectors run on it" : (f?.files ?? "—");
    return `| \`${kind}\` | ${SHORT[kind]} | ${cellText(label)} | ${cellText(files)} |`;
  });
  return ["| Kind | Column | What | Files |", "|---|---|---|---|", ...rows].join("\n");
}

export function renderCoverage(rules: readonly RuleCoverage[] = COVERAGE): string {
  const total = countsOf(rules);
  const cells = total.implemented + total.na + total.gap;
  const summary = rules.map((r) => {
    const c = countsOf([r]);
    return `| [\`${r.rule}\`](${anchor(r.rule)}) | ${r.section} | ${r.clauses.length} | ${c.implemented} | ${c.na} | ${c.gap} |`;
  });
  const sections = (Object.keys(SECTIONS) as Section[]).flatMap((s) => {
    const inSection = rules.filter((r) => r.section === s);
    return inSection.length === 0 ? [] : [`## ${s}. ${SECTIONS[s]}`, "", ...inSection.map((r) => `${renderRule(r)}\n`)];
  });
  return [
    "# Coverage: the rule catalogue × file kinds",
    "",
    `<!-- ${GENERATED} -->`,
    "",
    "This page checks the rule catalogue (RULES.md, the product spec) clause by clause: every clause of every",
    "rule — what its \"flags\" cell lists — on every kind of file credlint reads. Each cell is one of:",
    "",
    "- **implemented** — a fixture file of that kind whose expectation lists the rule shows credlint reporting the",
    "  clause; the kind's name links to the file (its first line, or its `.credlint-expect` sidecar, lists every",
    "  finding in it — see [test/fixtures.test.ts](../test/fixtures.test.ts));",
    "- **gap** — the clause can occur in that kind, and no fixture shows it reported yet: not implemented, or",
    "  waiting for a reader (\"reader in progress\");",
    "- **n/a** — the clause cannot occur in that kind, or (a reason starting \"by design\") it can, and credlint leaves",
    "  it unreported there because the finding would too often be wrong on real code; with the reason.",
    "",
    "Kinds are named by the short column names of the table below. `npm run generate` writes this page from",
    "`scripts/coverage.ts`; `test/coverage.test.ts` fails when a cell says implemented and its fixture does not",
    "exist, is not classified as that kind, or does not list the rule — and when this page is stale.",
    "",
    `**Summary:** ${rules.length} rules, ${rules.reduce((n, r) => n + r.clauses.length, 0)} clauses × ${FILE_KINDS.length} file kinds = ${cells} cells: **${total.implemented} implemented**, ${total.na} n/a, **${total.gap} gaps**.`,
    "",
    "| Rule | Section | Clauses | Implemented | n/a | Gaps |",
    "|---|---|---|---|---|---|",
    ...summary,
    "",
    ...PLANNED.map((p) => `Not in the matrix: \`${p.rule}\`, section ${p.section} — ${p.note}.`),
    "",
    "## Supported files",
    "",
    renderSupportedFiles(),
    "",
    ...sections,
  ].join("\n");
}

export const COVERAGE_PATH = path.join(ROOT, "docs/coverage.md");

export function writeCoverage(): void {
  writeFileSync(COVERAGE_PATH, renderCoverage());
}
