/**
 * Terraform reader (reference §8): `*.tf` and `*.tf.json` (`readTerraform`), `*.tfvars` and `*.tfvars.json`
 * (`readTfvars`). HCL is read by ./hcl.ts with exact ranges; the JSON forms through ./yaml.ts (JSON is YAML
 * 1.2), converted to the same HCL nodes — their string values are templates (`"${var.region}"`), except a
 * variable's `default` and tfvars values, which Terraform takes literally.
 *
 * What becomes what:
 * - `provider "aws"`, `provider "azurerm"`, `provider "google"` / `"google-beta"`, and `terraform { backend
 *   "s3" | "azurerm" | "gcs" { … } }` are SdkCalls (callKind `client`; the azurerm provider is an
 *   `azure-credential`), their arguments Settings keyed as written — nested blocks' too (`assume_role {
 *   role_arn }`, `assume_role_with_web_identity`, `endpoints`), except `features`, `default_tags` and
 *   `ignore_tags`, which configure no credential. `get` also answers by the JS SDK's option names
 *   (`accessKeyId` finds `access_key`). A list argument (`shared_credentials_files = ["a", "b"]`) is one
 *   setting per element, each with the argument's name as key (an empty list is one `dynamic` setting). The
 *   first service of an `endpoints { s3 = "http://localhost:4566" }` block (a local one first) is also the
 *   call's `endpoint` — in the call only, not again in the file's settings — so `talksToLocalEndpoint` sees
 *   LocalStack.
 * - `variable "x" { default = <literal> }` is a Setting keyed `x` at the label; each tfvars `name = value`
 *   is one keyed `name` (labels from ../model/build-terraform.ts, which binds both to the `var.x` arguments
 *   of the directory's providers).
 * - Values: a pure literal string is a literal (its range between the quotes when the source spells it
 *   exactly; a heredoc's: its body), numbers and bools are literals of their text; `var.x` (also written
 *   `"${var.x}"`) is a reference; `local.x` is what the same file's `locals` give it (followed up to 5 steps,
 *   so it can end as a literal or a `var.` reference); anything else — `null`, `file("…")`, data sources,
 *   module outputs, templates with interpolation, conditionals, objects — is dynamic.
 *
 * Resources and data sources that configure federation (IAM roles' trust policies, OIDC providers, Azure
 * federated credentials, GCP workload identity providers) are read by ./trust-terraform.ts.
 *
 * Deliberately missed: other resources and data sources, values passed into modules, `locals` from other files, provider configuration in the
 * environment (`AWS_*`, `ARM_*`, `GOOGLE_*`: the env readers see those), and Terragrunt's HCL.
 */
import { isLocalAwsEndpoint, providerOfVar } from "../knowledge/env-vars.js";
import { terraformTfvarsWhere, terraformVariableWhere } from "../model/build-terraform.js";
import { makeSdkCall, type SdkCall, type SdkCallKind } from "../model/sdk-call.js";
import type { Located, Provider, Setting, SettingValue } from "../model/setting.js";
import { rangeOf, type SourceFile } from "../model/source.js";
import type { Node, Scalar } from "yaml";
import type { FormatResult, ReadError } from "./format.js";
import {
  attributeOf,
  blocksOf,
  parseHcl,
  parseHclTemplate,
  traversalPath,
  unwrapExpr,
  type HclAttribute,
  type HclBlock,
  type HclBody,
  type HclExpr,
  type HclLabel,
  type HclObjectItem,
  type HclSpan,
  type HclTemplate,
} from "./hcl.js";
import { isMap, isScalar, isSeq, readYaml, type YamlDoc } from "./yaml.js";
import { terraformTrust } from "./trust-terraform.js";

export const TERRAFORM_FILE = /\.tf(?:\.json)?$/i;
export const TFVARS_FILE = /\.tfvars(?:\.json)?$/i;

/** How a provider or backend block becomes an SdkCall. */
interface CallSpec {
  readonly provider: Exclude<Provider, "generic">;
  readonly callKind: SdkCallKind;
  readonly sdk: string;
  /** Argument name → the JS SDK's option name, for `SdkCall.get`. */
  readonly aliases: Readonly<Record<string, string>>;
}

const AWS_ALIASES = {
  access_key: "accessKeyId",
  secret_key: "secretAccessKey",
  token: "sessionToken",
  region: "region",
  profile: "profile",
  role_arn: "roleArn",
};

const AZURE_ALIASES = { client_secret: "clientSecret", client_id: "clientId", tenant_id: "tenantId" };

const PROVIDERS: Readonly<Record<string, CallSpec>> = {
  aws: { provider: "aws", callKind: "client", sdk: "the Terraform AWS provider", aliases: AWS_ALIASES },
  azurerm: { provider: "azure", callKind: "azure-credential", sdk: "the Terraform azurerm provider", aliases: AZURE_ALIASES },
  google: { provider: "gcp", callKind: "client", sdk: "the Terraform Google provider", aliases: {} },
  "google-beta": { provider: "gcp", callKind: "client", sdk: "the Terraform Google provider", aliases: {} },
};

const BACKENDS: Readonly<Record<string, CallSpec>> = {
  s3: { provider: "aws", callKind: "client", sdk: "the Terraform S3 backend", aliases: AWS_ALIASES },
  // A `client` and not an `azure-credential`: the backend's `key` is the state blob's name, not a key.
  azurerm: { provider: "azure", callKind: "client", sdk: "the Terraform azurerm backend", aliases: AZURE_ALIASES },
  gcs: { provider: "gcp", callKind: "client", sdk: "the Terraform gcs backend", aliases: {} },
};

/** Nested blocks that configure no credential (feature flags, tags): not read as settings. */
const SKIPPED_BLOCKS: ReadonlySet<string> = new Set(["features", "default_tags", "ignore_tags"]);

/** How deep nested blocks of a provider are read (assume_role and endpoints are one level down). */
const MAX_NESTING = 4;
/** How many `local.x` → `local.y` steps are followed. */
const MAX_LOCAL_STEPS = 5;
/** JSON nesting read (Terraform JSON nests a handful of levels). */
const MAX_JSON_DEPTH = 64;
/** Template errors kept from a JSON file's strings. */
const MAX_JSON_ERRORS = 20;

/** Values of a file's expressions as Settings see them, with the file's `locals`. */
class Values {
  constructor(
    private readonly file: SourceFile,
    private readonly locals: ReadonlyMap<string, HclExpr>,
  ) {}

  private dynamic(e: HclSpan): SettingValue {
    return { kind: "dynamic", raw: this.file.text.slice(e.start, e.end), range: rangeOf(this.file, e.start, e.end) };
  }

  value(expr: HclExpr, steps = 0): SettingValue {
    const e = unwrapExpr(expr);
    const text = this.file.text;
    switch (e.type) {
      case "template": {
        if (e.value === undefined) return this.dynamic(expr);
        const span = e.exact ? e.content : e;
        return { kind: "literal", value: e.value, raw: text.slice(e.start, e.end), range: rangeOf(this.file, span.start, span.end) };
      }
      case "number":
        return { kind: "literal", value: e.text, raw: e.text, range: rangeOf(this.file, e.start, e.end) };
      case "bool": {
        const raw = text.slice(e.start, e.end);
        return { kind: "literal", value: String(e.value), raw, range: rangeOf(this.file, e.start, e.end) };
      }
      case "traversal": {
        const first = e.steps[0];
        if (first?.kind !== "attr") return this.dynamic(expr);
        if (e.root === "var") {
          return { kind: "reference", target: traversalPath(e), raw: text.slice(expr.start, expr.end), range: rangeOf(this.file, expr.start, expr.end) };
        }
        const local = e.root === "local" && e.steps.length === 1 && steps < MAX_LOCAL_STEPS ? this.locals.get(first.name) : undefined;
        if (!local) return this.dynamic(expr);
        const v = this.value(local, steps + 1);
        if (v.kind === "literal") return v;
        if (v.kind === "reference") return { ...v, raw: text.slice(expr.start, expr.end), range: rangeOf(this.file, expr.start, expr.end) };
        return this.dynamic(expr);
      }
      default:
        return this.dynamic(expr);
    }
  }

  /** One value per element of a list, else the value. */
  values(expr: HclExpr): SettingValue[] {
    const e = unwrapExpr(expr);
    if (e.type === "tuple" && e.items.length > 0) return e.items.map((i) => this.value(i));
    return [this.value(expr)];
  }
}

function located(file: SourceFile, text: string, span: HclSpan): Located {
  return { text, range: rangeOf(file, span.start, span.end) };
}

/** `locals { name = expr }` of a body, first definition of a name winning. */
function localsOf(body: HclBody): Map<string, HclExpr> {
  const locals = new Map<string, HclExpr>();
  for (const b of blocksOf(body, "locals")) {
    for (const item of b.body.items) if (item.kind === "attribute" && !locals.has(item.name)) locals.set(item.name, item.value);
  }
  return locals;
}

/** The spec a block's first label names (own keys only: a label may be any string, `constructor` too). */
function specOf(table: Readonly<Record<string, CallSpec>>, label: HclLabel | undefined): CallSpec | undefined {
  return label && Object.hasOwn(table, label.value) ? table[label.value] : undefined;
}

class TerraformReader {
  readonly settings: Setting[] = [];
  readonly calls: SdkCall[] = [];
  private readonly values: Values;

  constructor(
    private readonly file: SourceFile,
    private readonly body: HclBody,
  ) {
    this.values = new Values(file, localsOf(body));
  }

  read(): void {
    for (const item of this.body.items) {
      if (item.kind !== "block") continue;
      if (item.type === "provider") {
        const spec = specOf(PROVIDERS, item.labels[0]);
        if (spec) this.call(item, spec);
      } else if (item.type === "terraform") {
        for (const backend of blocksOf(item.body, "backend")) {
          const spec = specOf(BACKENDS, backend.labels[0]);
          if (spec) this.call(backend, spec);
        }
      } else if (item.type === "variable") this.variable(item);
    }
  }

  private variable(block: HclBlock): void {
    const label = block.labels[0];
    const def = attributeOf(block.body, "default");
    if (!label || !def) return;
    const value = this.values.value(def.value);
    if (value.kind !== "literal") return;
    this.settings.push({
      file: this.file,
      provider: providerOfVar(label.value),
      key: located(this.file, label.value, label.valueSpan),
      value,
      range: rangeOf(this.file, label.start, def.end),
      where: terraformVariableWhere(label.value, this.file.path),
      syntax: "code",
    });
  }

  private call(block: HclBlock, spec: CallSpec): void {
    const label = block.labels[0];
    if (!label) return;
    const file = this.file;
    const alias = attributeOf(block.body, "alias");
    const aliasValue = alias ? this.values.value(alias.value) : undefined;
    const display = `${block.type} "${label.value}"`;
    const aliased = aliasValue?.kind === "literal" ? ` (alias = "${aliasValue.value}")` : "";
    const where = `${display}${aliased} in ${file.path}`;
    const own: Setting[] = [];
    const endpoints: Setting[] = [];
    const walk = (body: HclBody, depth: number, inEndpoints: boolean): void => {
      for (const item of body.items) {
        if (item.kind === "block") {
          if (depth < MAX_NESTING && !SKIPPED_BLOCKS.has(item.type)) walk(item.body, depth + 1, item.type === "endpoints");
          continue;
        }
        for (const value of this.values.values(item.value)) {
          const s = this.setting(spec.provider, item, value, where);
          own.push(s);
          if (inEndpoints) endpoints.push(s);
        }
      }
    };
    walk(block.body, 0, false);
    const settings = [...own];
    const endpoint = endpoints.find((s) => s.value.kind === "literal" && isLocalAwsEndpoint(s.value.value)) ?? endpoints[0];
    if (endpoint && spec.provider === "aws" && !own.some((s) => s.key.text === "endpoint")) {
      settings.push({ ...endpoint, key: { text: "endpoint", range: endpoint.key.range } });
    }
    const credentials = spec.provider === "gcp" ? own.find((s) => s.key.text === "credentials") : undefined;
    this.settings.push(...own);
    this.calls.push(
      makeSdkCall(
        {
          callKind: spec.callKind,
          file,
          provider: spec.provider,
          sdk: spec.sdk,
          callee: { text: `${block.type} ${file.text.slice(label.start, label.end)}`, range: rangeOf(file, block.typeSpan.start, label.end) },
          display,
          shown: `${display} { … }`,
          range: rangeOf(file, block.start, block.end),
          settings,
          ...(credentials ? { credentials: { key: credentials.key, holds: "other" as const } } : {}),
          inLambdaHandler: false,
        },
        spec.aliases,
      ),
    );
  }

  private setting(provider: Provider, attr: HclAttribute, value: SettingValue, where: string): Setting {
    return {
      file: this.file,
      provider,
      key: located(this.file, attr.name, attr.nameSpan),
      value,
      range: rangeOf(this.file, attr.start, attr.end),
      where,
      syntax: "code",
    };
  }
}

function tfvarsSettings(file: SourceFile, body: HclBody): Setting[] {
  const values = new Values(file, new Map());
  const out: Setting[] = [];
  for (const item of body.items) {
    if (item.kind !== "attribute") continue;
    out.push({
      file,
      provider: providerOfVar(item.name),
      key: located(file, item.name, item.nameSpan),
      value: values.value(item.value),
      range: rangeOf(file, item.start, item.end),
      where: terraformTfvarsWhere(file.path),
      syntax: "code",
    });
  }
  return out;
}

function isJson(file: SourceFile): boolean {
  return /\.json$/i.test(file.path);
}

function hclErrors(errors: readonly { line: number; message: string }[]): ReadError[] {
  return errors.map((e) => ({ line: e.line, message: e.message }));
}

/** Reads a `*.tf` or `*.tf.json` file: provider and backend blocks as SdkCalls, literal variable defaults. Never throws. */
export function readTerraform(file: SourceFile): FormatResult {
  const { body, errors } = isJson(file) ? jsonBody(file, true) : parseHcl(file.text);
  const reader = new TerraformReader(file, body);
  reader.read();
  const trust = isJson(file) ? undefined : terraformTrust(file, body);
  return { settings: reader.settings, sdkCalls: reader.calls, ...(trust ? { trust } : {}), ...(errors.length > 0 ? { errors: hclErrors(errors) } : {}) };
}

/** Reads a `*.tfvars` or `*.tfvars.json` file: each `name = value` as a Setting. Never throws. */
export function readTfvars(file: SourceFile): FormatResult {
  const { body, errors } = isJson(file) ? jsonBody(file, false) : parseHcl(file.text);
  return { settings: tfvarsSettings(file, body), ...(errors.length > 0 ? { errors: hclErrors(errors) } : {}) };
}

/** The variables a `.tf` / `.tf.json` file declares with a literal default, by name (first declaration wins). */
export function terraformVariables(file: SourceFile): Map<string, Setting> {
  const out = new Map<string, Setting>();
  for (const s of readTerraform(file).settings) {
    if (s.where === terraformVariableWhere(s.key.text, file.path) && !out.has(s.key.text)) out.set(s.key.text, s);
  }
  return out;
}

// --- HCL's JSON syntax, as HCL nodes -------------------------------------------------------------------------

/**
 * A `.tf.json` / `.tfvars.json` file as an HCL body. For a `.tf.json` file, the blocks credlint reads are
 * given the shape HCL gives them — `"provider": {"aws": {…} | [{…}]}` is `provider "aws" { … }`, `"terraform":
 * {"backend": {"s3": {…}}}`, `"variable": {"x": {…}}`, `"locals": {…}` — and inside them an object value is a
 * nested block, anything else an attribute. A tfvars file is a body of attributes. Keys named `//` are
 * comments.
 */
function jsonBody(file: SourceFile, tf: boolean): { body: HclBody; errors: ReadError[] } {
  const { doc, errors } = readYaml(file);
  const out: ReadError[] = [...errors];
  const conv = new JsonToHcl(file, doc);
  let body: HclBody = { start: 0, end: file.text.length, items: [] };
  try {
    const root = doc.root;
    if (root && isMap(root)) body = tf ? conv.tfRoot(root) : conv.attributesBody(root, false);
    else if (file.text.trim() !== "") out.push({ line: 1, message: "a Terraform JSON file must hold one object" });
  } catch (error) {
    out.push({ line: 1, message: error instanceof RangeError ? "nesting too deep to read" : error instanceof Error ? error.message : String(error) });
  }
  return { body, errors: [...out, ...conv.errors] };
}

const TF_BLOCKS: ReadonlySet<string> = new Set(["provider", "terraform", "variable", "locals"]);

class JsonToHcl {
  readonly errors: ReadError[] = [];

  constructor(
    private readonly file: SourceFile,
    private readonly doc: YamlDoc,
  ) {}

  private span(node: Node | null | undefined): HclSpan {
    const r = node?.range;
    return r ? { start: r[0], end: r[1] } : { start: 0, end: 0 };
  }

  /** A JSON key as a label: its value, with the span between the quotes when they spell it exactly. */
  private label(node: Scalar, value: string): HclLabel {
    const s = this.span(node);
    const raw = this.file.text.slice(s.start, s.end);
    const exact = raw.length === value.length + 2 && raw.slice(1, -1) === value;
    return { value, quoted: true, start: s.start, end: s.end, valueSpan: exact ? { start: s.start + 1, end: s.end - 1 } : s };
  }

  /** The objects a block key holds: `{…}` or `[{…}, …]`. */
  private objects(node: unknown): Node[] {
    const v = this.doc.resolve(node);
    if (isMap(v)) return [v];
    if (isSeq(v)) return this.doc.items(v).filter((i) => isMap(i));
    return [];
  }

  private block(type: string, typeKey: Scalar, labels: HclLabel[], node: Node, body: HclBody): HclBlock {
    const t = this.span(typeKey);
    const b = this.span(node);
    return { kind: "block", type, typeSpan: { start: t.start, end: t.end }, labels, body, closed: true, start: t.start, end: Math.max(t.end, b.end) };
  }

  tfRoot(root: Node): HclBody {
    const items: HclBlock[] = [];
    for (const e of this.doc.entries(root)) {
      if (!TF_BLOCKS.has(e.key)) continue;
      if (e.key === "locals") {
        for (const obj of this.objects(e.value)) items.push(this.block("locals", e.keyNode, [], obj, this.attributesBody(obj, true)));
        continue;
      }
      if (e.key === "terraform") {
        for (const obj of this.objects(e.value)) {
          const backends: HclBlock[] = [];
          for (const be of this.doc.entries(obj)) {
            if (be.key !== "backend") continue;
            for (const bobj of this.objects(be.value)) backends.push(...this.labelled("backend", be.keyNode, bobj, 0));
          }
          const s = this.span(obj);
          items.push(this.block("terraform", e.keyNode, [], obj, { start: s.start, end: s.end, items: backends }));
        }
        continue;
      }
      for (const obj of this.objects(e.value)) items.push(...this.labelled(e.key, e.keyNode, obj, e.key === "variable" ? -1 : 0));
    }
    return { start: 0, end: this.file.text.length, items };
  }

  /** `{"aws": {…} | [{…}]}` under a block type: one labelled block per object. `depth` -1: a variable (literal default). */
  private labelled(type: string, typeKey: Scalar, node: Node, depth: number): HclBlock[] {
    const out: HclBlock[] = [];
    for (const e of this.doc.entries(node)) {
      if (e.key === "//") continue;
      for (const obj of this.objects(e.value)) {
        const body = depth < 0 ? this.variableBody(obj) : this.blockBody(obj, depth + 1);
        out.push(this.block(type, typeKey, [this.label(e.keyNode, e.key)], obj, body));
      }
    }
    return out;
  }

  private variableBody(node: Node): HclBody {
    const s = this.span(node);
    const items: HclAttribute[] = [];
    for (const e of this.doc.entries(node)) {
      if (e.key !== "default") continue;
      items.push(this.attribute(e.key, e.keyNode, e.value, false, 0));
    }
    return { start: s.start, end: s.end, items };
  }

  /** Inside a provider or backend: objects are nested blocks, everything else attributes (strings are templates). */
  private blockBody(node: Node, depth: number): HclBody {
    const s = this.span(node);
    const items: (HclAttribute | HclBlock)[] = [];
    for (const e of this.doc.entries(node)) {
      if (e.key === "//") continue;
      const objects = depth < MAX_JSON_DEPTH ? this.objects(e.value) : [];
      const v = this.doc.resolve(e.value);
      if (objects.length > 0 && (isMap(v) || (isSeq(v) && this.doc.items(v).length === objects.length))) {
        for (const obj of objects) items.push(this.block(e.key, e.keyNode, [], obj, this.blockBody(obj, depth + 1)));
      } else items.push(this.attribute(e.key, e.keyNode, e.value, true, depth));
    }
    return { start: s.start, end: s.end, items };
  }

  attributesBody(node: Node, templates: boolean): HclBody {
    const s = this.span(node);
    const items: HclAttribute[] = [];
    for (const e of this.doc.entries(node)) {
      if (e.key === "//") continue;
      items.push(this.attribute(e.key, e.keyNode, e.value, templates, 0));
    }
    return { start: s.start, end: s.end, items };
  }

  private attribute(name: string, keyNode: Scalar, value: Node | undefined, templates: boolean, depth: number): HclAttribute {
    const k = this.label(keyNode, name);
    const expr = this.expr(value, templates, depth, k.end);
    return { kind: "attribute", name, nameSpan: k.valueSpan, value: expr, start: k.start, end: Math.max(k.end, expr.end) };
  }

  /** A JSON value as an HCL expression: strings are templates where Terraform reads them so. */
  private expr(node: Node | undefined, templates: boolean, depth: number, at: number): HclExpr {
    const n = this.doc.resolve(node);
    if (!n) return { type: "null", start: at, end: at };
    const s = this.span(n);
    if (isScalar(n)) {
      const v = n.value;
      if (typeof v === "string") return this.string(n, v, templates);
      if (typeof v === "number") return { type: "number", text: n.source ?? String(v), ...s };
      if (typeof v === "boolean") return { type: "bool", value: v, ...s };
      return { type: "null", ...s };
    }
    if (depth >= MAX_JSON_DEPTH) return { type: "other", what: "invalid", children: [], ...s };
    if (isSeq(n)) return { type: "tuple", items: this.doc.items(n).map((i) => this.expr(i, templates, depth + 1, s.start)), ...s };
    if (isMap(n)) {
      const items: HclObjectItem[] = this.doc.entries(n).map((e) => {
        const key: HclTemplate = this.literal(this.label(e.keyNode, e.key), e.key);
        const value = this.expr(e.value, templates, depth + 1, key.end);
        return { key, name: e.key, value, start: key.start, end: value.end };
      });
      return { type: "object", items, ...s };
    }
    return { type: "other", what: "invalid", children: [], ...s };
  }

  private literal(label: HclLabel, value: string): HclTemplate {
    const exact = label.valueSpan.start !== label.start;
    return {
      type: "template",
      content: label.valueSpan,
      parts: [{ kind: "literal", value, start: label.valueSpan.start, end: label.valueSpan.end }],
      value,
      exact,
      start: label.start,
      end: label.end,
    };
  }

  private string(n: Scalar, value: string, templates: boolean): HclExpr {
    const label = this.label(n, value);
    if (!templates) return this.literal(label, value);
    const exact = label.valueSpan.start !== label.start;
    if (exact) {
      // The source spells the string: read it in place, with exact offsets.
      const { template, errors } = parseHclTemplate(this.file.text, label.valueSpan.start, label.valueSpan.end, this.file.lineStarts);
      for (const e of errors) if (this.errors.length < MAX_JSON_ERRORS) this.errors.push({ line: e.line, message: e.message });
      return { ...template, start: label.start, end: label.end };
    }
    // JSON escapes: read the decoded text; offsets inside it are not the file's, so only its shape is kept.
    const { template } = parseHclTemplate(value);
    if (template.value !== undefined) return this.literal(label, template.value);
    const inner = unwrapExpr(template);
    if (inner.type === "traversal") return { ...inner, start: label.start, end: label.end, rootSpan: { start: label.start, end: label.end }, steps: inner.steps.map((st) => ({ ...st, start: label.start, end: label.end })) };
    return { type: "other", what: "invalid", children: [], start: label.start, end: label.end };
  }
}
