/**
 * The federation side of a Terraform file (RULES.md section E), read from the HCL tree ./terraform.ts parses:
 * - `resource "aws_iam_role"`: `assume_role_policy` as `jsonencode({…})`, a heredoc or string of JSON, or a
 *   reference to a `data "aws_iam_policy_document"` (a TrustRoleLink, resolved across the folder by the
 *   rule); its `name` for matching the workflows that assume it.
 * - `data "aws_iam_policy_document"`: `statement { actions, principals { type = "Federated" }, condition {
 *   test, variable, values } }`.
 * - `resource "aws_iam_openid_connect_provider"` (and the `data` lookup), `azuread_application_federated_
 *   identity_credential`, `azurerm_federated_identity_credential`, `google_iam_workload_identity_pool_provider`
 *   (OIDC ones) as IdentityProviders.
 * Values are PolicyTexts: a template whose interpolations are the same file's literal `local`s reads as the
 * literal it renders to (`"${local.issuer}:sub"`); anything else keeps its source text and the addresses it
 * reads, so the rule can still tell an EKS cluster's provider from GitHub's.
 *
 * Deliberately missed: `.tf.json` resources, policies passed through modules (`module "x" { subjects = … }`),
 * `file()`/`templatefile()` policies (a `*.json` one is read on its own as the `iam-policy` kind), and
 * `source_policy_documents` merges.
 */
import { makeSourceFile, rangeOf, type Range, type SourceFile } from "../model/source.js";
import type { IdentityProvider, PolicyText, TrustCondition, TrustModel, TrustPolicy, TrustRoleLink, TrustStatement } from "../model/trust-policy.js";
import { attributeOf, blocksOf, traversalPath, unwrapExpr, type HclBlock, type HclBody, type HclExpr } from "./hcl.js";
import { isFederationTrust, parseJsonNode, statementsOf, type PolicyNode } from "./trust-policy.js";

const MAX_LOCAL_STEPS = 5;

class TrustReader {
  readonly policies: TrustPolicy[] = [];
  readonly roleLinks: TrustRoleLink[] = [];
  readonly providers: IdentityProvider[] = [];
  private readonly locals = new Map<string, HclExpr>();

  constructor(
    private readonly file: SourceFile,
    private readonly body: HclBody,
  ) {
    for (const b of blocksOf(body, "locals")) for (const item of b.body.items) if (item.kind === "attribute") this.locals.set(item.name, item.value);
  }

  read(): TrustModel {
    for (const b of blocksOf(this.body)) {
      const [l1, l2] = b.labels;
      if (!l1 || !l2) continue;
      if (b.type === "resource") this.resource(b, l1.value, l2.value);
      else if (b.type === "data" && l1.value === "aws_iam_policy_document") this.policyDocument(b, l2.value);
      else if (b.type === "data" && l1.value === "aws_iam_openid_connect_provider") this.awsProvider(b, `data.${l1.value}.${l2.value}`, true);
    }
    return { policies: this.policies, roleLinks: this.roleLinks, providers: this.providers };
  }

  private resource(b: HclBlock, type: string, name: string): void {
    const address = `${type}.${name}`;
    switch (type) {
      case "aws_iam_role":
        return this.role(b, address);
      case "aws_iam_openid_connect_provider":
        return this.awsProvider(b, address, false);
      case "azuread_application_federated_identity_credential":
      case "azurerm_federated_identity_credential": {
        const subject = attributeOf(b.body, "subject");
        const issuer = attributeOf(b.body, "issuer");
        const aud = attributeOf(b.body, "audiences") ?? attributeOf(b.body, "audience");
        this.providers.push({
          ...this.base(b, address, "azure-federated-credential"),
          ...(issuer ? { issuer: this.text(issuer.value) } : {}),
          ...(subject ? { subject: this.text(subject.value) } : {}),
          audiences: aud ? this.texts(aud.value) : [],
          audiencesWritten: aud !== undefined,
        });
        return;
      }
      case "google_iam_workload_identity_pool_provider": {
        const oidc = blocksOf(b.body, "oidc")[0];
        if (!oidc) return; // an AWS, SAML or X.509 provider
        const issuer = attributeOf(oidc.body, "issuer_uri");
        const aud = attributeOf(oidc.body, "allowed_audiences");
        const condition = attributeOf(b.body, "attribute_condition");
        const pool = attributeOf(b.body, "workload_identity_pool_id");
        const id = attributeOf(b.body, "workload_identity_pool_provider_id");
        const poolId = pool ? this.poolId(pool.value) : undefined;
        this.providers.push({
          ...this.base(b, address, "gcp-workload-identity-provider"),
          ...(issuer ? { issuer: this.text(issuer.value) } : {}),
          audiences: aud ? this.texts(aud.value) : [],
          audiencesWritten: aud !== undefined,
          ...(condition ? { condition: this.text(condition.value) } : {}),
          ...(poolId ? { poolId } : {}),
          ...(id ? { providerId: this.text(id.value) } : {}),
        });
        return;
      }
      default:
        return;
    }
  }

  /**
   * A provider's pool id: a literal, or `google_iam_workload_identity_pool.<name>.workload_identity_pool_id`
   * of a pool in the same file, read as that pool's literal id (range: where the provider writes it).
   */
  private poolId(expr: HclExpr): PolicyText {
    const t = this.text(expr);
    if (t.literal) return t;
    const m = /^google_iam_workload_identity_pool\.([\w-]+)\.workload_identity_pool_id$/.exec(t.refs[0] ?? "");
    const pool = m?.[1] ? blocksOf(this.body, "resource").find((r) => r.labels[0]?.value === "google_iam_workload_identity_pool" && r.labels[1]?.value === m[1]) : undefined;
    const id = pool ? attributeOf(pool.body, "workload_identity_pool_id") : undefined;
    const literal = id ? this.text(id.value) : undefined;
    return literal?.literal ? { ...literal, range: t.range } : t;
  }

  private base(b: HclBlock, address: string, kind: IdentityProvider["kind"]): Pick<IdentityProvider, "kind" | "file" | "range" | "nameRange" | "where" | "address"> {
    const label = b.labels[1] ?? b.labels[0];
    const nameSpan = label ? label.valueSpan : b.typeSpan;
    return { kind, file: this.file, range: rangeOf(this.file, b.start, b.end), nameRange: rangeOf(this.file, nameSpan.start, nameSpan.end), where: `${address} in ${this.file.path}`, address };
  }

  private awsProvider(b: HclBlock, address: string, lookup: boolean): void {
    const url = attributeOf(b.body, "url");
    const ids = attributeOf(b.body, "client_id_list");
    this.providers.push({
      ...this.base(b, address, "aws-oidc-provider"),
      ...(url ? { issuer: this.text(url.value) } : {}),
      audiences: ids ? this.texts(ids.value) : [],
      audiencesWritten: !lookup && ids !== undefined,
    });
  }

  private role(b: HclBlock, address: string): void {
    const policy = attributeOf(b.body, "assume_role_policy");
    if (!policy) return;
    const nameAttr = attributeOf(b.body, "name") ?? attributeOf(b.body, "name_prefix");
    const roleNames = nameAttr ? [this.text(nameAttr.value)] : [];
    const e = unwrapExpr(policy.value);
    if (e.type === "traversal" && e.root === "data") {
      const path = traversalPath(e);
      const m = /^(data\.aws_iam_policy_document\.[\w-]+)/.exec(path);
      if (m?.[1] && roleNames[0]) this.roleLinks.push({ file: this.file, roleName: roleNames[0], policy: m[1] });
      return;
    }
    let tree: PolicyNode | undefined;
    if (e.type === "call" && e.name === "jsonencode" && e.args[0]) tree = this.node(e.args[0]);
    else if (e.type === "template" && (e.heredoc || e.exact)) tree = this.withLocals(parseJsonNode(this.file, e.content.start, e.content.end, true));
    else if (e.type === "template" && e.value !== undefined) {
      // `"{\"Statement\": …}"`: the decoded string is the JSON; every value stands on the string as written.
      const decoded = makeSourceFile(this.file.path, this.file.kind, e.value);
      const inner = parseJsonNode(decoded, 0, e.value.length, true);
      tree = inner ? placed(inner, rangeOf(this.file, e.content.start, e.content.end)) : undefined;
    }
    if (!tree) return;
    const statements = statementsOf(tree);
    if (!isFederationTrust(statements)) return;
    const range = tree.kind === "scalar" ? tree.text.range : tree.range;
    this.policies.push({ file: this.file, range, where: `${address} in ${this.file.path}`, roleNames, statements });
  }

  private policyDocument(b: HclBlock, name: string): void {
    const address = `data.aws_iam_policy_document.${name}`;
    const statements: TrustStatement[] = [];
    // Statements merged in from other documents may restrict the same principal.
    const merged = ["source_policy_documents", "override_policy_documents", "source_json", "override_json"].some((n) => attributeOf(b.body, n) !== undefined);
    for (const s of blocksOf(b.body, "statement")) {
      const effect = attributeOf(s.body, "effect");
      const actions = attributeOf(s.body, "actions");
      const federated = blocksOf(s.body, "principals").filter((p) => {
        const type = attributeOf(p.body, "type");
        return type !== undefined && this.text(type.value).text === "Federated";
      });
      const conditions: TrustCondition[] = [];
      for (const c of blocksOf(s.body, "condition")) {
        const test = attributeOf(c.body, "test");
        const variable = attributeOf(c.body, "variable");
        const values = attributeOf(c.body, "values");
        if (!test || !variable) continue;
        conditions.push({ operator: this.text(test.value), key: this.text(variable.value), values: values ? this.texts(values.value) : [] });
      }
      const dynamic = blocksOf(s.body, "dynamic").some((d) => d.labels[0]?.value === "condition" || d.labels[0]?.value === "principals");
      statements.push({
        ...(dynamic || merged ? { opaque: true as const } : {}),
        range: rangeOf(this.file, s.start, s.end),
        effect: effect ? this.text(effect.value).text : "Allow",
        actions: actions ? this.texts(actions.value) : [],
        federated: federated.flatMap((p) => {
          const ids = attributeOf(p.body, "identifiers");
          return ids ? this.texts(ids.value) : [];
        }),
        conditions,
      });
    }
    if (!isFederationTrust(statements)) return;
    this.policies.push({ file: this.file, range: rangeOf(this.file, b.start, b.end), where: `${address} in ${this.file.path}`, address, roleNames: [], statements });
  }

  /** A heredoc's JSON with the same file's literal `locals` rendered into its strings (`"${local.issuer}:sub"`). */
  private withLocals(node: PolicyNode | undefined): PolicyNode | undefined {
    if (!node) return undefined;
    const text = (t: PolicyText): PolicyText => {
      if (t.literal || !t.text.includes("${")) return t;
      const rendered = t.text.replace(/\$\{\s*local\.([\w-]+)\s*\}/g, (whole, name: string) => {
        const local = this.locals.get(name);
        return (local ? this.render(local, 1) : undefined) ?? whole;
      });
      return rendered.includes("${") ? { ...t, text: rendered } : { text: rendered, literal: true, range: t.range, refs: [] };
    };
    const walk = (n: PolicyNode): PolicyNode =>
      n.kind === "scalar" ? { kind: "scalar", text: text(n.text) } : n.kind === "array" ? { ...n, items: n.items.map(walk) } : { ...n, entries: n.entries.map((e) => ({ key: text(e.key), value: walk(e.value) })) };
    return walk(node);
  }

  // --- values ---------------------------------------------------------------------------------------------------

  /** An expression as a policy tree: objects and tuples as such, anything else a scalar. */
  private node(expr: HclExpr, depth = 0): PolicyNode {
    const e = unwrapExpr(expr);
    const range = rangeOf(this.file, e.start, e.end);
    if (depth < 32 && e.type === "object") {
      return {
        kind: "object",
        range,
        entries: e.items.map((item) => {
          const key: PolicyText = item.name !== undefined ? { text: item.name, literal: true, range: this.exactRange(item.key), refs: [] } : this.text(item.key);
          return { key, value: this.node(item.value, depth + 1) };
        }),
      };
    }
    if (depth < 32 && e.type === "tuple") return { kind: "array", range, items: e.items.map((i) => this.node(i, depth + 1)) };
    return { kind: "scalar", text: this.text(expr) };
  }

  private exactRange(expr: HclExpr): ReturnType<typeof rangeOf> {
    const e = unwrapExpr(expr);
    const span = e.type === "template" && e.exact ? e.content : e;
    return rangeOf(this.file, span.start, span.end);
  }

  /** A list's elements (a single value: itself). */
  private texts(expr: HclExpr): PolicyText[] {
    const e = unwrapExpr(expr);
    return e.type === "tuple" ? e.items.map((i) => this.text(i)) : [this.text(expr)];
  }

  /** The literal a value renders to, following the file's literal locals; else its source text and references. */
  text(expr: HclExpr): PolicyText {
    const e = unwrapExpr(expr);
    const rendered = this.render(e, 0);
    if (rendered !== undefined) {
      // A template rendered through locals stands between its quotes, as a plain literal does.
      const range = e.type === "template" && !e.heredoc && e.value === undefined ? rangeOf(this.file, e.content.start, e.content.end) : this.exactRange(expr);
      return { text: rendered, literal: true, range, refs: [] };
    }
    const span = e.type === "template" && !e.heredoc ? e.content : e;
    return { text: this.file.text.slice(span.start, span.end), literal: false, range: rangeOf(this.file, span.start, span.end), refs: this.refs(e, 0) };
  }

  /** A string, number or bool literal, a literal `local`, or a template of those; undefined otherwise. */
  private render(expr: HclExpr, steps: number): string | undefined {
    const e = unwrapExpr(expr);
    if (e.type === "number") return e.text;
    if (e.type === "bool") return String(e.value);
    if (e.type === "traversal") {
      const first = e.steps[0];
      if (e.root !== "local" || e.steps.length !== 1 || first?.kind !== "attr" || steps >= MAX_LOCAL_STEPS) return undefined;
      const local = this.locals.get(first.name);
      return local ? this.render(local, steps + 1) : undefined;
    }
    if (e.type !== "template") return undefined;
    if (e.value !== undefined) return e.value;
    let out = "";
    for (const p of e.parts) {
      if (p.kind === "literal") out += p.value;
      else if (p.kind === "interpolation") {
        const v = this.render(p.expr, steps + 1);
        if (v === undefined) return undefined;
        out += v;
      } else return undefined;
    }
    return out;
  }

  /** The addresses an expression reads (`aws_iam_openid_connect_provider.eks.url`), through the file's locals. */
  private refs(expr: HclExpr, steps: number): string[] {
    const out: string[] = [];
    const walk = (e: HclExpr, depth: number): void => {
      if (depth > 64) return;
      switch (e.type) {
        case "traversal": {
          out.push(traversalPath(e));
          const first = e.steps[0];
          const local = e.root === "local" && first?.kind === "attr" && steps < MAX_LOCAL_STEPS ? this.locals.get(first.name) : undefined;
          if (local) out.push(...this.refs(local, steps + 1));
          for (const s of e.steps) if (s.kind === "index") walk(s.key, depth + 1);
          return;
        }
        case "template":
          for (const p of e.parts) if (p.kind === "interpolation") walk(p.expr, depth + 1);
          return;
        case "tuple":
          for (const i of e.items) walk(i, depth + 1);
          return;
        case "object":
          for (const i of e.items) {
            walk(i.key, depth + 1);
            walk(i.value, depth + 1);
          }
          return;
        case "call":
          for (const a of e.args) walk(a, depth + 1);
          return;
        case "other":
          for (const c of e.children) walk(c, depth + 1);
          return;
        default:
          return;
      }
    };
    walk(expr, 0);
    return out;
  }
}

/** A tree read from decoded text, every range replaced by the one place it is written in the file. */
function placed(node: PolicyNode, range: Range): PolicyNode {
  const at = (t: PolicyText): PolicyText => ({ ...t, range });
  return node.kind === "scalar"
    ? { kind: "scalar", text: at(node.text) }
    : node.kind === "array"
      ? { kind: "array", range, items: node.items.map((i) => placed(i, range)) }
      : { kind: "object", range, entries: node.entries.map((e) => ({ key: at(e.key), value: placed(e.value, range) })) };
}

/** The trust policies, role links and identity providers of a Terraform file's HCL body. */
export function terraformTrust(file: SourceFile, body: HclBody): TrustModel {
  return new TrustReader(file, body).read();
}
