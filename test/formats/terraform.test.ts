import { describe, expect, it } from "vitest";
import { readTerraform, readTfvars, terraformVariables } from "../../src/formats/terraform.js";
import { talksToLocalEndpoint, type SdkCall } from "../../src/model/sdk-call.js";
import type { Setting } from "../../src/model/setting.js";
import { makeSourceFile, sliceRange, type Range, type SourceFile } from "../../src/model/source.js";
import { fakeKeyId, fakeSecret, fakeSessionToken } from "../support/fake-keys.js";

const KEY_ID = fakeKeyId(41);
const SECRET = fakeSecret(41);
const TOKEN = fakeSessionToken(41);

function tf(text: string, path = "infra/main.tf"): SourceFile {
  return makeSourceFile(path, "terraform", text);
}

/** A range as `line:col-line:col`. */
function at(r: Range): string {
  return `${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column}`;
}

/** A setting as `key=kind:value` (the literal's value, the reference's target, the dynamic source). */
function brief(s: Setting): string {
  const v = s.value;
  return `${s.key.text}=${v.kind}:${v.kind === "literal" ? v.value : v.kind === "reference" ? v.target : v.raw}`;
}

/** Where a setting's key and value are, as the text they cover. */
function spans(s: Setting): [string, string] {
  return [sliceRange(s.file, s.key.range), sliceRange(s.file, s.value.range)];
}

function calls(file: SourceFile): SdkCall[] {
  return [...(readTerraform(file).sdkCalls ?? [])];
}

function only(file: SourceFile): SdkCall {
  const all = calls(file);
  expect(all.length).toBe(1);
  return all[0] as SdkCall;
}

describe("Terraform provider blocks", () => {
  it('reads provider "aws" as one SdkCall with a setting per argument, nested blocks included', () => {
    const file = tf(`provider "aws" {
  region     = "eu-west-1"
  access_key = "${KEY_ID}"
  secret_key = "${SECRET}"
  token      = "${TOKEN}"
  profile    = "deploy"
  skip_credentials_validation = true
  max_retries = 5

  assume_role {
    role_arn     = "arn:aws:iam::123456789012:role/deploy"
    session_name = "ci"
    external_id  = "ext-7"
    duration     = "1h"
  }
  assume_role_with_web_identity {
    role_arn                = "arn:aws:iam::123456789012:role/web"
    web_identity_token_file = "/var/run/token"
  }
}
`);
    const call = only(file);
    expect(call).toMatchObject({ kind: "sdk-call", callKind: "client", provider: "aws", sdk: "the Terraform AWS provider", display: 'provider "aws"', shown: 'provider "aws" { … }', inLambdaHandler: false });
    expect(call.callee.text).toBe('provider "aws"');
    expect(sliceRange(file, call.callee.range)).toBe('provider "aws"');
    expect(at(call.range)).toBe("1:1-20:2");
    expect(call.settings.map(brief)).toEqual([
      "region=literal:eu-west-1",
      `access_key=literal:${KEY_ID}`,
      `secret_key=literal:${SECRET}`,
      `token=literal:${TOKEN}`,
      "profile=literal:deploy",
      "skip_credentials_validation=literal:true",
      "max_retries=literal:5",
      "role_arn=literal:arn:aws:iam::123456789012:role/deploy",
      "session_name=literal:ci",
      "external_id=literal:ext-7",
      "duration=literal:1h",
      "role_arn=literal:arn:aws:iam::123456789012:role/web",
      "web_identity_token_file=literal:/var/run/token",
    ]);
    for (const s of call.settings) {
      expect(s).toMatchObject({ file, provider: "aws", syntax: "code", where: 'provider "aws" in infra/main.tf' });
    }
    // The value's range is between the quotes; the setting's is the whole argument.
    const region = call.get("region");
    expect(region && spans(region)).toEqual(["region", "eu-west-1"]);
    expect(region && sliceRange(file, region.range)).toBe('region     = "eu-west-1"');
    expect(region && at(region.value.range)).toBe("2:17-2:26");
    const flag = call.get("skip_credentials_validation");
    expect(flag && spans(flag)).toEqual(["skip_credentials_validation", "true"]);
  });

  it("answers get() by the JS SDK's option names too", () => {
    const call = only(tf(`provider "aws" {\n  access_key = "${KEY_ID}"\n  secret_key = "${SECRET}"\n  token = "${TOKEN}"\n  region = "us-east-2"\n  profile = "p"\n  assume_role {\n    role_arn = "arn:aws:iam::123456789012:role/r"\n  }\n}\n`));
    expect(call.get("accessKeyId")?.key.text).toBe("access_key");
    expect(call.get("secretAccessKey")?.key.text).toBe("secret_key");
    expect(call.get("sessionToken")?.key.text).toBe("token");
    expect(call.get("roleArn")?.key.text).toBe("role_arn");
    expect(call.get("region")?.key.text).toBe("region");
    expect(call.get("profile")?.key.text).toBe("profile");
    expect(call.get("clientSecret")).toBeUndefined();
  });

  it("notes a provider's alias in where", () => {
    const call = only(tf(`provider "aws" {\n  alias  = "east"\n  region = "us-east-1"\n}\n`));
    expect(call.display).toBe('provider "aws"');
    expect(call.settings.map((s) => s.where)).toEqual(['provider "aws" (alias = "east") in infra/main.tf', 'provider "aws" (alias = "east") in infra/main.tf']);
  });

  it("reads one setting per element of a list argument, and an empty list as one dynamic setting", () => {
    const file = tf(`provider "aws" {\n  shared_credentials_files = ["/home/ci/.aws/credentials", "creds"]\n  shared_config_files = []\n  allowed_account_ids = var.accounts\n}\n`);
    const call = only(file);
    expect(call.settings.map(brief)).toEqual([
      "shared_credentials_files=literal:/home/ci/.aws/credentials",
      "shared_credentials_files=literal:creds",
      "shared_config_files=dynamic:[]",
      "allowed_account_ids=reference:var.accounts",
    ]);
    expect(call.settings.slice(0, 2).map(spans)).toEqual([
      ["shared_credentials_files", "/home/ci/.aws/credentials"],
      ["shared_credentials_files", "creds"],
    ]);
  });

  it("makes an endpoints block the call's endpoint (a local one first), so LocalStack is recognised", () => {
    const file = tf(`provider "aws" {
  access_key = "test"
  secret_key = "test"
  endpoints {
    sts = "https://sts.us-east-1.amazonaws.com"
    s3  = "http://localhost:4566"
  }
}
`);
    const call = only(file);
    expect(call.get("endpoint")).toMatchObject({ key: { text: "endpoint" } });
    expect(spans(call.get("endpoint") as Setting)).toEqual(["s3", "http://localhost:4566"]);
    expect(talksToLocalEndpoint(call)).toBe(true);
    // The endpoint is the call's view of the s3 setting: the file's settings hold each argument once.
    const r = readTerraform(file);
    expect(r.settings.map((s) => s.key.text)).toEqual(["access_key", "secret_key", "sts", "s3"]);
    const remote = only(tf(`provider "aws" {\n  endpoints {\n    sts = "https://sts.eu-west-1.amazonaws.com"\n  }\n}\n`));
    expect(talksToLocalEndpoint(remote)).toBe(false);
    expect(remote.get("endpoint")?.value).toMatchObject({ kind: "literal", value: "https://sts.eu-west-1.amazonaws.com" });
  });

  it('reads provider "azurerm" as an Azure credential, without its features block', () => {
    const file = tf(`provider "azurerm" {
  features {
    key_vault {
      purge_soft_delete_on_destroy = true
    }
  }
  subscription_id         = "00000000-0000-0000-0000-000000000000"
  tenant_id               = "11111111-1111-1111-1111-111111111111"
  client_id               = "22222222-2222-2222-2222-222222222222"
  client_secret           = "Xq8Q~fakeNotARealSecretValue0123456789ab"
  client_certificate_path = "cert.pfx"
  use_oidc                = false
  use_msi                 = false
}
`);
    const call = only(file);
    expect(call).toMatchObject({ callKind: "azure-credential", provider: "azure", sdk: "the Terraform azurerm provider", display: 'provider "azurerm"' });
    expect(call.settings.map((s) => s.key.text)).toEqual(["subscription_id", "tenant_id", "client_id", "client_secret", "client_certificate_path", "use_oidc", "use_msi"]);
    expect(call.get("clientSecret")?.key.text).toBe("client_secret");
    expect(call.get("clientId")?.key.text).toBe("client_id");
    expect(call.get("tenantId")?.key.text).toBe("tenant_id");
    expect(call.get("use_oidc")?.value).toMatchObject({ kind: "literal", value: "false" });
    expect(call.settings.every((s) => s.provider === "azure")).toBe(true);
  });

  it('reads provider "google" and "google-beta" as Google Cloud clients with their credentials', () => {
    const file = tf(`provider "google" {
  credentials = file("sa-key.json")
  project     = "my-project"
  region      = "us-central1"
  zone        = "us-central1-a"
}
provider "google-beta" {
  access_token = var.token
}
`);
    const [google, beta] = calls(file);
    expect(google).toMatchObject({ callKind: "client", provider: "gcp", sdk: "the Terraform Google provider", display: 'provider "google"' });
    expect(google?.settings.map(brief)).toEqual(['credentials=dynamic:file("sa-key.json")', "project=literal:my-project", "region=literal:us-central1", "zone=literal:us-central1-a"]);
    expect(google?.credentials).toMatchObject({ key: { text: "credentials" }, holds: "other" });
    expect(beta).toMatchObject({ provider: "gcp", display: 'provider "google-beta"' });
    expect(beta?.credentials).toBeUndefined();
    expect(beta?.settings.map(brief)).toEqual(["access_token=reference:var.token"]);
  });

  it("ignores other providers, resources and data sources", () => {
    const file = tf(`provider "constructor" {}\nprovider "__proto__" {}\nprovider "kubernetes" {\n  token = "x"\n}\nresource "aws_iam_access_key" "k" {\n  user = "u"\n}\ndata "aws_caller_identity" "me" {}\nprovider "aws" {}\n`);
    expect(calls(file).map((c) => c.display)).toEqual(['provider "aws"']);
    expect(readTerraform(file).settings).toEqual([]);
  });
});

describe("Terraform backends", () => {
  it('reads terraform { backend "s3" } as an AWS call, assume_role included', () => {
    const file = tf(`terraform {
  required_version = ">= 1.6"
  backend "s3" {
    bucket  = "tf-state"
    key     = "prod/terraform.tfstate"
    region  = "eu-central-1"
    profile = "state"
    shared_credentials_files = ["~/.aws/credentials"]
    access_key = "${KEY_ID}"
    assume_role {
      role_arn = "arn:aws:iam::123456789012:role/state"
    }
  }
}
`);
    const call = only(file);
    expect(call).toMatchObject({ callKind: "client", provider: "aws", sdk: "the Terraform S3 backend", display: 'backend "s3"', shown: 'backend "s3" { … }' });
    expect(sliceRange(file, call.callee.range)).toBe('backend "s3"');
    expect(sliceRange(file, call.range).split("\n")[0]).toBe('backend "s3" {');
    expect(call.settings.map((s) => s.key.text)).toEqual(["bucket", "key", "region", "profile", "shared_credentials_files", "access_key", "role_arn"]);
    expect(call.settings[0]?.where).toBe('backend "s3" in infra/main.tf');
    expect(call.get("accessKeyId")?.value).toMatchObject({ kind: "literal", value: KEY_ID });
    expect(call.get("roleArn")?.value).toMatchObject({ kind: "literal", value: "arn:aws:iam::123456789012:role/state" });
  });

  it("reads the azurerm backend as a plain client (its key is the state's name) and the gcs backend", () => {
    const file = tf(`terraform {
  backend "azurerm" {
    storage_account_name = "tfstate"
    key                  = "prod.terraform.tfstate"
    access_key           = var.storage_key
  }
}
terraform {
  backend "gcs" {
    bucket      = "tf-state"
    credentials = "key.json"
  }
}
`);
    const [azure, gcs] = calls(file);
    expect(azure).toMatchObject({ callKind: "client", provider: "azure", sdk: "the Terraform azurerm backend", display: 'backend "azurerm"' });
    expect(gcs).toMatchObject({ callKind: "client", provider: "gcp", sdk: "the Terraform gcs backend" });
    expect(gcs?.credentials?.key.text).toBe("credentials");
  });
});

describe("Terraform values", () => {
  function values(body: string, text = `provider "aws" {\n${body}\n}\n`): { file: SourceFile; settings: Setting[] } {
    const file = tf(text);
    return { file, settings: [...only(file).settings] };
  }

  it("gives a literal the range between its quotes when the source spells it, else the whole string", () => {
    const { settings } = values(`  a = "plain"\n  b = "tab\\there"\n  c = "\\u0041KIA"\n  d = "$\${x}"`);
    expect(settings.map(brief)).toEqual(["a=literal:plain", "b=literal:tab\there", "c=literal:AKIA", "d=literal:${x}"]);
    expect(settings.map((s) => sliceRange(s.file, s.value.range))).toEqual(["plain", '"tab\\there"', '"\\u0041KIA"', '"$${x}"']);
    expect(settings.map((s) => s.value.raw)).toEqual(['"plain"', '"tab\\there"', '"\\u0041KIA"', '"$${x}"']);
  });

  it("reads a heredoc as a literal whose range is its body", () => {
    const { settings } = values(`  token = <<EOT\n${TOKEN}\nEOT\n  flush = <<-EOT\n    indented\n  EOT`);
    expect(settings.map(brief)).toEqual([`token=literal:${TOKEN}\n`, "flush=literal:indented\n"]);
    expect(sliceRange(settings[0]?.file as SourceFile, (settings[0] as Setting).value.range)).toBe(`${TOKEN}\n`);
    expect(sliceRange(settings[1]?.file as SourceFile, (settings[1] as Setting).value.range)).toBe("<<-EOT\n    indented\n  EOT");
  });

  it("reads numbers and bools as literals of their text, var.x as a reference, the rest as dynamic", () => {
    const { settings } = values(`  n = 3600
  f = 1.5
  b = false
  r = var.region
  q = "\${var.region}"
  p = (var.profile)
  i = "us-\${var.zone}"
  d = data.aws_ssm_parameter.key.value
  m = module.creds.secret
  c = var.on ? "a" : "b"
  x = null
  o = { a = 1 }
  l = lookup(var.m, "k")
  s = var.creds.secret`);
    expect(settings.map(brief)).toEqual([
      "n=literal:3600",
      "f=literal:1.5",
      "b=literal:false",
      "r=reference:var.region",
      "q=reference:var.region",
      "p=reference:var.profile",
      'i=dynamic:"us-${var.zone}"',
      "d=dynamic:data.aws_ssm_parameter.key.value",
      "m=dynamic:module.creds.secret",
      'c=dynamic:var.on ? "a" : "b"',
      "x=dynamic:null",
      "o=dynamic:{ a = 1 }",
      'l=dynamic:lookup(var.m, "k")',
      "s=reference:var.creds.secret",
    ]);
    const q = settings[4] as Setting;
    expect(sliceRange(q.file, q.value.range)).toBe('"${var.region}"');
  });

  it("follows locals of the same file to a literal or a variable, at most five steps", () => {
    const text = `locals {
  region  = "ap-southeast-2"
  alias   = local.region
  key     = var.access_key
  loop_a  = local.loop_b
  loop_b  = local.loop_a
  l1 = local.l2
  l2 = local.l3
  l3 = local.l4
  l4 = local.l5
  l5 = local.l6
  l6 = "too far"
}
provider "aws" {
  region     = local.alias
  access_key = local.key
  secret_key = local.loop_a
  token      = local.l1
  profile    = local.missing
}
`;
    const file = tf(text);
    const call = only(file);
    expect(call.settings.map(brief)).toEqual([
      "region=literal:ap-southeast-2",
      "access_key=reference:var.access_key",
      "secret_key=dynamic:local.loop_a",
      "token=dynamic:local.l1",
      "profile=dynamic:local.missing",
    ]);
    // The literal stands where it is written (in locals); a reference where the provider names it.
    expect(sliceRange(file, (call.get("region") as Setting).value.range)).toBe("ap-southeast-2");
    expect((call.get("region") as Setting).value.range.start.line).toBe(2);
    expect(sliceRange(file, (call.get("access_key") as Setting).value.range)).toBe("local.key");
  });
});

describe("Terraform variables and tfvars", () => {
  it("reads a variable's literal default as a setting keyed by its name, at its label", () => {
    const file = tf(`variable "aws_secret_key" {
  type      = string
  default   = "${SECRET}"
  sensitive = true
}
variable "region" { default = "us-east-1" }
variable "count" { default = 3 }
variable "computed" { default = "\${var.other}" }
variable "listed" { default = ["a"] }
variable "required" {}
`, "infra/variables.tf");
    const r = readTerraform(file);
    expect(r.sdkCalls).toEqual([]);
    expect(r.settings.map(brief)).toEqual([`aws_secret_key=literal:${SECRET}`, "region=literal:us-east-1", "count=literal:3"]);
    const secret = r.settings[0] as Setting;
    expect(spans(secret)).toEqual(["aws_secret_key", SECRET]);
    expect(secret).toMatchObject({ provider: "aws", syntax: "code", where: 'variable "aws_secret_key" in infra/variables.tf' });
    expect(sliceRange(file, secret.range).split("\n")[0]).toBe('"aws_secret_key" {');
    expect(r.settings[1]?.provider).toBe("generic");
    expect([...terraformVariables(file).keys()]).toEqual(["aws_secret_key", "region", "count"]);
  });

  it("reads each tfvars assignment as a setting", () => {
    const file = makeSourceFile("envs/prod.tfvars", "terraform-vars", `region = "eu-west-3"\naws_access_key = "${KEY_ID}"\nports = [80, 443]\n# a comment\narm_client_secret = <<EOT\nsecret\nEOT\n`);
    const r = readTfvars(file);
    expect(r.settings.map(brief)).toEqual(["region=literal:eu-west-3", `aws_access_key=literal:${KEY_ID}`, "ports=dynamic:[80, 443]", "arm_client_secret=literal:secret\n"]);
    expect(r.settings.map((s) => s.provider)).toEqual(["generic", "aws", "generic", "azure"]);
    expect(r.settings.every((s) => s.where === "envs/prod.tfvars" && s.syntax === "code")).toBe(true);
    expect(spans(r.settings[1] as Setting)).toEqual(["aws_access_key", KEY_ID]);
  });
});

describe("Terraform JSON syntax", () => {
  it('reads "provider": {"aws": {…}} and {"aws": [{…}]}, with templates and ranges', () => {
    const text = `{
  "provider": {
    "aws": [
      { "region": "\${var.region}", "profile": "dev" },
      { "alias": "west", "region": "us-west-2", "assume_role": { "role_arn": "arn:aws:iam::123456789012:role/x" } }
    ],
    "google": { "project": "p", "credentials": "\${file(\\"key.json\\")}" }
  },
  "variable": { "region": { "default": "eu-north-1" }, "raw": { "default": "\${not.a.template}" } },
  "terraform": { "backend": { "s3": { "bucket": "b", "region": "us-east-1" } } },
  "resource": { "aws_s3_bucket": { "b": { "bucket": "x" } } }
}
`;
    const file = tf(text, "infra/main.tf.json");
    const r = readTerraform(file);
    expect(r.errors).toBeUndefined();
    expect((r.sdkCalls ?? []).map((c) => [c.display, c.settings.map(brief)])).toEqual([
      ['provider "aws"', ["region=reference:var.region", "profile=literal:dev"]],
      ['provider "aws"', ["alias=literal:west", "region=literal:us-west-2", "role_arn=literal:arn:aws:iam::123456789012:role/x"]],
      ['provider "google"', ["project=literal:p", 'credentials=dynamic:"${file(\\"key.json\\")}"']],
      ['backend "s3"', ["bucket=literal:b", "region=literal:us-east-1"]],
    ]);
    const [first, second] = r.sdkCalls ?? [];
    expect(first && spans(first.get("profile") as Setting)).toEqual(["profile", "dev"]);
    expect(first && sliceRange(file, (first.get("region") as Setting).value.range)).toBe('"${var.region}"');
    expect(second?.settings[1]?.where).toBe('provider "aws" (alias = "west") in infra/main.tf.json');
    expect(first && sliceRange(file, first.callee.range)).toBe('"provider": {\n    "aws"');
    const vars = r.settings.filter((s) => s.where.startsWith("variable "));
    expect(vars.map(brief)).toEqual(["region=literal:eu-north-1", "raw=literal:${not.a.template}"]);
    expect(vars.map(spans)[0]).toEqual(["region", "eu-north-1"]);
  });

  it("reads JSON strings with escapes as their decoded value over the whole string", () => {
    const file = tf(`{"provider": {"aws": {"region": "us-\\u0065ast-1", "token": "\${var.\\u0074}"}}}`, "main.tf.json");
    const call = only(file);
    expect(call.settings.map(brief)).toEqual(["region=literal:us-east-1", "token=reference:var.t"]);
    expect(sliceRange(file, (call.get("region") as Setting).value.range)).toBe('"us-\\u0065ast-1"');
  });

  it('reads locals, and skips "//" comment keys', () => {
    const file = tf(`{"//": "generated", "locals": {"r": "ca-central-1"}, "provider": {"aws": {"//": "note", "region": "\${local.r}"}}}`, "main.tf.json");
    expect(only(file).settings.map(brief)).toEqual(["region=literal:ca-central-1"]);
  });

  it("reads .tfvars.json values as literals", () => {
    const file = makeSourceFile("terraform.tfvars.json", "terraform-vars", `{"region": "sa-east-1", "raw": "\${x}", "n": 2, "list": ["a"]}`);
    expect(readTfvars(file).settings.map(brief)).toEqual(["region=literal:sa-east-1", "raw=literal:${x}", "n=literal:2", 'list=dynamic:["a"]']);
  });

  it("reports invalid JSON and a root that is not an object", () => {
    const bad = readTerraform(tf(`{"provider": {"aws": {"region": "x"`, "main.tf.json"));
    expect(bad.errors?.length).toBeGreaterThan(0);
    expect(readTerraform(tf(`[1, 2]`, "main.tf.json")).errors).toEqual([{ line: 1, message: "a Terraform JSON file must hold one object" }]);
    expect(readTerraform(tf(``, "main.tf.json"))).toEqual({ settings: [], sdkCalls: [] });
  });
});

describe("Terraform reader errors", () => {
  it("passes HCL errors on with their lines and keeps what was read", () => {
    const file = tf(`provider "aws" {\n  region = "us-east-1"\n  profile = "broken\n}\nvariable "v" { default = "d" }\n`);
    const r = readTerraform(file);
    expect(r.errors).toEqual([{ line: 3, message: 'a string is not closed on its line (Terraform: "Unterminated template string")' }]);
    expect(r.settings.map(brief)).toEqual(["region=literal:us-east-1", "profile=literal:broken", "v=literal:d"]);
  });

  it("does not throw on hostile input, and is fast", () => {
    const inputs = [
      `provider "aws" ${"{".repeat(10_000)}`,
      `provider "aws" {\n  region = <<EOT\n${"x\n".repeat(100_000)}`,
      `provider "aws" { region = "${"a".repeat(1 << 20)}" }\n`,
      `{"provider": ${"[".repeat(10_000)}`,
    ];
    for (const [i, text] of inputs.entries()) {
      const start = performance.now();
      expect(() => readTerraform(tf(text, i === 3 ? "main.tf.json" : "main.tf"))).not.toThrow();
      expect(performance.now() - start).toBeLessThan(3_000);
    }
  });

  it("lists every setting once", () => {
    const file = tf(`provider "aws" {\n  region = "us-east-1"\n  endpoints { s3 = "http://minio:9000" }\n}\nvariable "x" { default = "y" }\n`);
    const r = readTerraform(file);
    const ids = r.settings.map((s) => `${s.key.text}@${at(s.key.range)}`);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(["region@2:3-2:9", "s3@3:15-3:17", "x@5:11-5:12"]);
  });
});
