import { describe, expect, it } from "vitest";
import { readTerraform, readTfvars } from "../../src/formats/terraform.js";
import { bindTerraformVariables, terraformTfvarsWhere, terraformVariableWhere, type TerraformBindings } from "../../src/model/build-terraform.js";
import type { FileModel } from "../../src/model/file-model.js";
import type { Setting } from "../../src/model/setting.js";
import { makeSourceFile, sliceRange } from "../../src/model/source.js";
import { fakeKeyId, fakeSecret } from "../support/fake-keys.js";

const KEY_ID = fakeKeyId(77);
const SECRET = fakeSecret(77);

/** File models as the parse stage makes them, from path → text (`.tfvars*` are tfvars files). */
function models(files: Record<string, string>): FileModel[] {
  return Object.entries(files).map(([path, text]) => {
    const vars = /\.tfvars(?:\.json)?$/.test(path);
    const file = makeSourceFile(path, vars ? "terraform-vars" : "terraform", text);
    const r = vars ? readTfvars(file) : readTerraform(file);
    return { file, settings: r.settings, ...(r.sdkCalls ? { sdkCalls: r.sdkCalls } : {}), secretRanges: [] };
  });
}

/** Derived settings as `path: key=value @ "key text" "value text" | where (provider)`. */
function derived(b: TerraformBindings): string[] {
  const out: string[] = [];
  for (const [path, list] of b.settings) {
    for (const s of list) {
      const v = s.value.kind === "literal" ? s.value.value : s.value.kind;
      out.push(`${path}: ${s.key.text}=${v} @ ${JSON.stringify(sliceRange(s.file, s.key.range))} ${JSON.stringify(sliceRange(s.file, s.value.range))} | ${s.where} (${s.provider})`);
    }
  }
  return out;
}

const PROVIDER = `provider "aws" {
  region     = var.region
  profile    = var.profile
  access_key = var.access_key
  secret_key = var.secret_key
}
`;

describe("bindTerraformVariables", () => {
  it("binds a provider argument to its variable's literal default, where the default is written", () => {
    const b = bindTerraformVariables(
      models({
        "infra/main.tf": PROVIDER,
        "infra/variables.tf": `variable "region" {\n  default = "us-east-1a"\n}\nvariable "profile" {\n  default = "deploy"\n}\nvariable "access_key" {}\nvariable "secret_key" {\n  default = var.other\n}\n`,
      }),
    );
    expect(derived(b)).toEqual([
      'infra/variables.tf: region=us-east-1a @ "region" "us-east-1a" | variable "region" (region of provider "aws" in infra/main.tf) (aws)',
      'infra/variables.tf: profile=deploy @ "profile" "deploy" | variable "profile" (profile of provider "aws" in infra/main.tf) (aws)',
    ]);
    const s = b.settings.get("infra/variables.tf")?.[0] as Setting;
    expect(s).toMatchObject({ syntax: "code", provider: "aws" });
    expect(s.file.path).toBe("infra/variables.tf");
    expect(s.value.range.start.line).toBe(2);
  });

  it("lets terraform.tfvars win over the default, and *.auto.tfvars over both, in name order", () => {
    const b = bindTerraformVariables(
      models({
        "main.tf": PROVIDER + `variable "region" { default = "us-east-1" }\nvariable "profile" { default = "from-default" }\n`,
        "terraform.tfvars": `region = "eu-west-1"\nprofile = "from-tfvars"\n`,
        "b.auto.tfvars": `region = "eu-west-3"\n`,
        "a.auto.tfvars.json": `{"region": "eu-west-2"}`,
      }),
    );
    expect(derived(b)).toEqual([
      'b.auto.tfvars: region=eu-west-3 @ "region" "eu-west-3" | region in b.auto.tfvars (region of provider "aws" in main.tf) (aws)',
      'terraform.tfvars: profile=from-tfvars @ "profile" "from-tfvars" | profile in terraform.tfvars (profile of provider "aws" in main.tf) (aws)',
    ]);
    const [call] = b.calls;
    expect(call?.get("region")?.value).toMatchObject({ kind: "literal", value: "eu-west-3" });
    expect(call?.get("profile")?.value).toMatchObject({ kind: "literal", value: "from-tfvars" });
  });

  it("orders terraform.tfvars before terraform.tfvars.json", () => {
    const b = bindTerraformVariables(
      models({
        "main.tf": PROVIDER,
        "terraform.tfvars": `region = "ca-central-1"\n`,
        "terraform.tfvars.json": `{"region": "ca-west-1"}`,
      }),
    );
    expect(derived(b).map((d) => d.split(" @ ")[0])).toEqual(["terraform.tfvars.json: region=ca-west-1"]);
  });

  it("also binds values of tfvars read only with -var-file, without hiding the default", () => {
    const b = bindTerraformVariables(
      models({
        "stack/main.tf": PROVIDER,
        "stack/vars.tf": `variable "region" { default = "us-west-2" }\n`,
        "stack/prod.tfvars": `region = "useast1"\n`,
      }),
    );
    expect(derived(b)).toEqual([
      'stack/vars.tf: region=us-west-2 @ "region" "us-west-2" | variable "region" (region of provider "aws" in stack/main.tf) (aws)',
      'stack/prod.tfvars: region=useast1 @ "region" "useast1" | region in stack/prod.tfvars (region of provider "aws" in stack/main.tf, with -var-file) (aws)',
    ]);
    // A plain `terraform plan` uses the default.
    expect(b.calls.find((c) => c.file.path === "stack/main.tf")?.get("region")?.value).toMatchObject({ value: "us-west-2" });
  });

  it("binds credentials from tfvars, with get() answering by the SDK's option names", () => {
    const b = bindTerraformVariables(
      models({
        "main.tf": PROVIDER,
        "terraform.tfvars": `access_key = "${KEY_ID}"\nsecret_key = "${SECRET}"\n`,
      }),
    );
    const [call] = b.calls;
    expect(call?.get("accessKeyId")).toMatchObject({ key: { text: "access_key" }, value: { kind: "literal", value: KEY_ID } });
    expect(call?.get("accessKeyId")?.file.path).toBe("terraform.tfvars");
    expect(call?.get("secretAccessKey")?.value).toMatchObject({ kind: "literal", value: SECRET });
    expect(call?.get("region")?.value).toMatchObject({ kind: "reference", target: "var.region" });
    expect(call?.settings.map((s) => s.value.kind)).toEqual(["reference", "reference", "literal", "literal"]);
    expect(call?.display).toBe('provider "aws"');
  });

  it("only binds within one directory", () => {
    const b = bindTerraformVariables(
      models({
        "a/main.tf": PROVIDER,
        "b/variables.tf": `variable "region" { default = "us-east-1" }\n`,
        "b/terraform.tfvars": `profile = "x"\n`,
      }),
    );
    expect(derived(b)).toEqual([]);
    expect(b.calls).toEqual([]);
  });

  it("lets a non-literal tfvars value hide the default, and binds nothing for it", () => {
    const b = bindTerraformVariables(
      models({
        "main.tf": PROVIDER + `variable "region" { default = "us-east-1" }\n`,
        "terraform.tfvars": `region = ["not", "a", "string"]\n`,
      }),
    );
    expect(derived(b)).toEqual([]);
    expect(b.calls).toEqual([]);
  });

  it("binds backends and every provider block, once per place and provider", () => {
    const b = bindTerraformVariables(
      models({
        "main.tf": `provider "aws" {\n  region = var.region\n}\nprovider "aws" {\n  alias  = "dr"\n  region = var.region\n}\nterraform {\n  backend "s3" {\n    region = var.region\n  }\n}\nprovider "google" {\n  region = var.region\n}\n`,
        "variables.tf": `variable "region" { default = "us-east-1" }\n`,
      }),
    );
    expect(derived(b)).toEqual([
      'variables.tf: region=us-east-1 @ "region" "us-east-1" | variable "region" (region of provider "aws" in main.tf) (aws)',
      'variables.tf: region=us-east-1 @ "region" "us-east-1" | variable "region" (region of provider "google" in main.tf) (gcp)',
    ]);
    expect(b.calls.map((c) => c.display)).toEqual(['provider "aws"', 'provider "aws"', 'backend "s3"', 'provider "google"']);
    expect(b.calls.map((c) => c.get("region")?.value.kind)).toEqual(["literal", "literal", "literal", "literal"]);
  });

  it("binds through a local that names the variable, and in .tf.json files", () => {
    const b = bindTerraformVariables(
      models({
        "x/main.tf": `locals {\n  p = var.profile\n}\nprovider "aws" {\n  profile = local.p\n}\n`,
        "x/vars.tf.json": `{"variable": {"profile": {"default": "json-profile"}}}`,
        "y/main.tf.json": `{"provider": {"aws": {"region": "\${var.region}"}}, "variable": {"region": {"default": "eu-south-1"}}}`,
      }),
    );
    expect(derived(b)).toEqual([
      'x/vars.tf.json: profile=json-profile @ "profile" "json-profile" | variable "profile" (profile of provider "aws" in x/main.tf) (aws)',
      'y/main.tf.json: region=eu-south-1 @ "region" "eu-south-1" | variable "region" (region of provider "aws" in y/main.tf.json) (aws)',
    ]);
  });

  it("gives back only the blocks where an argument got a value, rebuilt", () => {
    const ms = models({
      "main.tf": `provider "aws" {\n  region = "us-east-1"\n}\nprovider "aws" {\n  alias  = "b"\n  region = var.region\n}\n`,
      "variables.tf": `variable "region" { default = "eu-west-1" }\n`,
    });
    const b = bindTerraformVariables(ms);
    expect(b.calls.length).toBe(1);
    expect(b.calls[0]).not.toBe(ms[0]?.sdkCalls?.[1]);
    expect(b.calls[0]?.get("region")?.value).toMatchObject({ kind: "literal", value: "eu-west-1" });
    expect(b.calls[0]?.get("alias")?.value).toMatchObject({ kind: "literal", value: "b" });
  });

  it("does not bind an attribute of an object variable, nor the endpoint alias twice", () => {
    const b = bindTerraformVariables(
      models({
        "main.tf": `provider "aws" {\n  region = var.aws.region\n  endpoints {\n    s3 = var.s3_endpoint\n  }\n}\n`,
        "variables.tf": `variable "aws" { default = { region = "x" } }\nvariable "s3_endpoint" { default = "http://localhost:4566" }\n`,
      }),
    );
    expect(derived(b)).toEqual(['variables.tf: s3=http://localhost:4566 @ "s3_endpoint" "http://localhost:4566" | variable "s3_endpoint" (s3 of provider "aws" in main.tf) (aws)']);
    const [call] = b.calls;
    expect(call?.get("endpoint")).toMatchObject({ key: { text: "endpoint" }, value: { kind: "literal", value: "http://localhost:4566" } });
  });

  it("recognises variable defaults and tfvars values by their exact labels only", () => {
    expect(terraformVariableWhere("region", "main.tf")).toBe('variable "region" in main.tf');
    expect(terraformTfvarsWhere("prod.tfvars")).toBe("prod.tfvars");
    // A provider argument named like a variable is not a variable default.
    const b = bindTerraformVariables(models({ "main.tf": `provider "aws" {\n  region  = var.region\n  profile = "region"\n}\n` }));
    expect(derived(b)).toEqual([]);
    expect(bindTerraformVariables([])).toEqual({ settings: new Map(), calls: [] });
  });
});
