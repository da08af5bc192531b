/**
 * IAM policy documents, wherever they are written: a standalone policy JSON file (the `iam-policy` kind), a
 * CloudFormation/SAM `AssumeRolePolicyDocument` (YAML or JSON) and `AWS::IAM::OIDCProvider`, and — through
 * ./trust-terraform.ts — Terraform's `jsonencode({…})`, heredoc JSON and `aws_iam_policy_document` data
 * sources. Every syntax is first turned into one neutral tree (`PolicyNode`: objects, arrays, scalars with
 * exact ranges), and one function reads a document's statements from it, so the rule sees the same
 * `TrustStatement` whatever the syntax.
 *
 * Only trust documents are kept: a statement that allows `sts:AssumeRoleWithWebIdentity` or names a
 * `Federated` principal. Permission policies (S3 access…) are not read.
 */
import type { Node } from "yaml";
import type { SourceFile } from "../model/source.js";
import { rangeOf, type Range } from "../model/source.js";
import type { IdentityProvider, PolicyText, TrustCondition, TrustModel, TrustPolicy, TrustStatement } from "../model/trust-policy.js";
import type { FormatResult } from "./format.js";
import { isAlias, isScalar, isSeq, startWithTag, type YamlDoc } from "./yaml.js";

/** A policy document as a tree, whatever it was written in. */
export type PolicyNode =
  | { readonly kind: "object"; readonly range: Range; readonly entries: readonly { readonly key: PolicyText; readonly value: PolicyNode }[] }
  | { readonly kind: "array"; readonly range: Range; readonly items: readonly PolicyNode[] }
  | { readonly kind: "scalar"; readonly text: PolicyText };

const EMPTY_TRUST: TrustModel = { policies: [], roleLinks: [], providers: [] };

// --- JSON with offsets ----------------------------------------------------------------------------------------

/**
 * JSON between two offsets of a file, as a PolicyNode with exact ranges; undefined when it is not JSON. A
 * string's range is between its quotes (its value decoded). Text with template interpolation inside strings
 * (`"${aws_iam_openid_connect_provider.github.arn}"`, Terraform heredocs and `*.json.tpl`) reads as JSON;
 * such a string is not literal, and its references are kept.
 */
export function parseJsonNode(file: SourceFile, start = 0, end = file.text.length, template = false): PolicyNode | undefined {
  const text = file.text;
  let i = start;
  let depth = 0;
  /** The end of a `${…}` / `%{…}` opened at `at` (braces nested, strings in it skipped). */
  const closing = (at: number): number => {
    let level = 0;
    for (let k = at; k < end; k++) {
      const c = text.charAt(k);
      if (c === '"') {
        k++;
        while (k < end && text.charAt(k) !== '"') k += text.charAt(k) === "\\" ? 2 : 1;
      } else if (c === "{") level++;
      else if (c === "}" && --level === 0) return k + 1;
    }
    return fail();
  };
  const ws = (): void => {
    for (;;) {
      while (i < end && /\s/.test(text.charAt(i))) i++;
      // A template's directives (`%{ if x }…%{ endif }`) are read through: each branch's text is kept.
      if (template && text.startsWith("%{", i)) i = closing(i + 1);
      else return;
    }
  };
  /** After an item: a comma, or (in a template, whose directives may hold the comma) nothing. */
  const separator = (close: string): boolean => {
    ws();
    if (text.charAt(i) === ",") {
      i++;
      ws();
      if (template && text.charAt(i) === close) {
        i++;
        return true;
      }
      return false;
    }
    if (text.charAt(i) === close) {
      i++;
      return true;
    }
    if (!template) fail();
    return false;
  };
  const fail = (): never => {
    throw new SyntaxError("not JSON");
  };
  const string = (): PolicyText => {
    const open = i++;
    let value = "";
    while (i < end && text.charAt(i) !== '"') {
      const c = text.charAt(i);
      if (c === "\\") {
        const e = text.charAt(i + 1);
        if (e === "u") {
          value += String.fromCharCode(Number.parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          value += ({ n: "\n", t: "\t", r: "\r", b: "\b", f: "\f" } as Record<string, string>)[e] ?? e;
          i += 2;
        }
      } else if (c === "\n") fail();
      else {
        value += c;
        i++;
      }
    }
    if (i >= end) fail();
    i++;
    const refs = interpolationRefs(value);
    return { text: value, literal: refs.length === 0 && !value.includes("${"), range: rangeOf(file, open + 1, i - 1), refs };
  };
  const value = (): PolicyNode => {
    ws();
    if (++depth > 64) fail();
    const from = i;
    const c = text.charAt(i);
    let node: PolicyNode;
    if (c === "{") {
      i++;
      const entries: { key: PolicyText; value: PolicyNode }[] = [];
      ws();
      if (text.charAt(i) === "}") i++;
      else {
        for (;;) {
          ws();
          if (text.charAt(i) !== '"') fail();
          const key = string();
          ws();
          if (text.charAt(i++) !== ":") fail();
          entries.push({ key, value: value() });
          if (separator("}")) break;
        }
      }
      node = { kind: "object", range: rangeOf(file, from, i), entries };
    } else if (c === "[") {
      i++;
      const items: PolicyNode[] = [];
      ws();
      if (text.charAt(i) === "]") i++;
      else {
        for (;;) {
          items.push(value());
          if (separator("]")) break;
        }
      }
      node = { kind: "array", range: rangeOf(file, from, i), items };
    } else if (c === '"') {
      node = { kind: "scalar", text: string() };
    } else if (template && text.startsWith("${", i)) {
      // A bare interpolation (`"AWS": ${user_list}`): computed.
      i = closing(i + 1);
      const raw = text.slice(from, i);
      node = { kind: "scalar", text: { text: raw, literal: false, range: rangeOf(file, from, i), refs: interpolationRefs(raw) } };
    } else {
      const m = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, Math.min(end, i + 40)));
      if (!m) fail();
      i += (m as RegExpExecArray)[0].length;
      node = { kind: "scalar", text: { text: (m as RegExpExecArray)[0], literal: true, range: rangeOf(file, from, i), refs: [] } };
    }
    depth--;
    return node;
  };
  try {
    const node = value();
    ws();
    return i === end ? node : undefined;
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/** The names a template string interpolates: Terraform `${aws_x.y.arn}`, CloudFormation `${Provider}` / `${AWS::AccountId}`. */
export function interpolationRefs(text: string): string[] {
  if (!text.includes("${")) return [];
  const out: string[] = [];
  for (const m of text.matchAll(/\$\{([^}]*)\}/g)) {
    const inner = (m[1] ?? "").trim();
    if (inner.startsWith("!")) continue;
    // Names read, not functions called (`jsonencode(subjects)` reads `subjects`).
    for (const t of inner.matchAll(/[A-Za-z_][\w-]*(?:::[A-Za-z_]\w*)*(?:\.[A-Za-z_*][\w-]*|\[[^\]]*\])*(?!\s*\(|[\w-])/g)) out.push(t[0]);
  }
  return out;
}

// --- statements -----------------------------------------------------------------------------------------------

function entryOf(node: PolicyNode | undefined, name: string): PolicyNode | undefined {
  if (node?.kind !== "object") return undefined;
  const lower = name.toLowerCase();
  return node.entries.find((e) => e.key.text.toLowerCase() === lower)?.value;
}

/** A scalar or a list of scalars, as texts. */
function textsOf(node: PolicyNode | undefined): PolicyText[] {
  if (!node) return [];
  if (node.kind === "scalar") return [node.text];
  if (node.kind === "array") return node.items.flatMap((n) => (n.kind === "scalar" ? [n.text] : []));
  return [];
}

/** The statements of a policy document (`Statement` an object or a list). */
export function statementsOf(doc: PolicyNode): TrustStatement[] {
  const st = entryOf(doc, "Statement");
  const list = st?.kind === "array" ? st.items : st ? [st] : [];
  const out: TrustStatement[] = [];
  for (const s of list) {
    if (s.kind !== "object") continue;
    const effect = textsOf(entryOf(s, "Effect"))[0]?.text ?? "Allow";
    const principal = entryOf(s, "Principal");
    const conditions: TrustCondition[] = [];
    const cond = entryOf(s, "Condition");
    let opaque = cond !== undefined && cond.kind !== "object";
    if (cond?.kind === "object") {
      for (const op of cond.entries) {
        if (op.value.kind !== "object" || !op.key.literal) {
          opaque = true;
          continue;
        }
        for (const k of op.value.entries) conditions.push({ operator: op.key, key: k.key, values: textsOf(k.value) });
      }
    }
    out.push({ range: s.range, effect, actions: textsOf(entryOf(s, "Action")), federated: textsOf(entryOf(principal, "Federated")), conditions, ...(opaque ? { opaque: true as const } : {}) });
  }
  return out;
}

/** A trust document for federation: some statement allows `sts:AssumeRoleWithWebIdentity` or names a `Federated` principal. */
export function isFederationTrust(statements: readonly TrustStatement[]): boolean {
  return statements.some((s) => s.federated.length > 0 || s.actions.some((a) => /AssumeRoleWithWebIdentity/i.test(a.text)));
}

// --- standalone policy files ----------------------------------------------------------------------------------

/** A JSON file that is a federation trust policy (asked of `*.json` files by content). */
export function looksLikeTrustPolicyJson(path: string, head: string): boolean {
  const json = /\.json(?:\.tpl|\.tftpl|\.j2)?$/i.test(path) || (/\.(?:tpl|tftpl)$/i.test(path) && /^\s*\{/.test(head));
  return json && /"Statement"\s*:/.test(head) && /AssumeRoleWithWebIdentity|"Federated"\s*:/.test(head);
}

/** The policy documents in a JSON tree: the root, or objects with a `Statement` under it (a role definition's `AssumeRolePolicyDocument`). */
function documentsIn(node: PolicyNode, depth = 0): PolicyNode[] {
  if (node.kind === "object") {
    if (entryOf(node, "Statement")) return [node];
    if (depth > 8) return [];
    return node.entries.flatMap((e) => documentsIn(e.value, depth + 1));
  }
  if (node.kind === "array" && depth <= 8) return node.items.flatMap((n) => documentsIn(n, depth + 1));
  return [];
}

/** Reads a standalone trust policy JSON file (also a `*.json.tpl` template whose interpolations sit inside strings). Never throws. */
export function readPolicyFile(file: SourceFile): FormatResult {
  const root = parseJsonNode(file, 0, file.text.length, /\.(?:tpl|tftpl|j2)$/i.test(file.path));
  if (!root) return { settings: [], errors: [{ line: 1, message: "not valid JSON: the policy was not read" }] };
  const policies: TrustPolicy[] = [];
  for (const doc of documentsIn(root)) {
    const statements = statementsOf(doc);
    if (isFederationTrust(statements)) policies.push({ file, range: doc.kind === "object" ? doc.range : rangeOf(file, 0, 0), where: file.path, roleNames: [], statements });
  }
  return { settings: [], trust: { ...EMPTY_TRUST, policies } };
}

// --- CloudFormation -------------------------------------------------------------------------------------------

/** A CloudFormation value as a PolicyText: literals, `!Sub` strings (not literal, their `${…}` names as refs), `!Ref`/`!GetAtt`. */
function cfnText(doc: YamlDoc, node: Node): PolicyText {
  const start = startWithTag(doc, node);
  let end = node.range?.[1] ?? start;
  while (end > start && /\s/.test(doc.file.text.charAt(end - 1))) end--;
  const tag = node.tag;
  const range = (): Range => (isScalar(node) && !tag?.startsWith("!") ? doc.range(node) : rangeOf(doc.file, start, end));
  if (isScalar(node) && !tag?.startsWith("!")) {
    const text = doc.text(node) ?? "";
    return { text, literal: true, range: range(), refs: [] };
  }
  // Short forms (`!Sub "…"`, `!Ref X`, `!GetAtt X.Arn`) and long forms (`Fn::Sub: …`, `Ref: X`).
  let fn = tag?.startsWith("!") ? tag.slice(1) : undefined;
  let arg: Node | undefined = node;
  if (!fn && doc.isMap(node)) {
    const only = doc.entries(node);
    if (only.length === 1 && only[0] && (only[0].key === "Ref" || only[0].key.startsWith("Fn::"))) {
      fn = only[0].key.replace(/^Fn::/, "");
      arg = only[0].value;
    }
  }
  const raw = doc.file.text.slice(start, end);
  if (fn === "Sub") {
    const items = doc.items(arg);
    const text = doc.text(items.length ? items[0] : arg) ?? raw;
    return { text, literal: false, range: rangeOf(doc.file, start, end), refs: interpolationRefs(text) };
  }
  if (fn === "Ref" || fn === "GetAtt") {
    const items = doc.items(arg);
    const target = items.length ? doc.text(items[0]) : doc.text(arg)?.split(".")[0];
    return { text: raw, literal: false, range: rangeOf(doc.file, start, end), refs: target ? [target.trim()] : [] };
  }
  return { text: raw, literal: false, range: rangeOf(doc.file, start, end), refs: [] };
}

/** A CloudFormation node as a PolicyNode (intrinsic functions are scalars). */
export function cfnPolicyNode(doc: YamlDoc, node: Node | undefined, depth = 0): PolicyNode | undefined {
  const n = doc.resolve(node);
  if (!n || depth > 32) return undefined;
  const tagged = n.tag?.startsWith("!") === true;
  const only = doc.isMap(n) ? doc.entries(n) : [];
  const fnMap = only.length === 1 && /^(?:Ref|Fn::)/.test(only[0]?.key ?? "");
  const span = (): Range => {
    // A block collection's range runs to the next line: it ends at its last non-blank character.
    const start = n.range?.[0] ?? 0;
    let end = n.range?.[1] ?? start;
    while (end > start && /\s/.test(doc.file.text.charAt(end - 1))) end--;
    return rangeOf(doc.file, start, end);
  };
  if (doc.isMap(n) && !fnMap && !tagged) {
    const entries: { key: PolicyText; value: PolicyNode }[] = [];
    for (const e of doc.entries(n)) {
      const v = cfnPolicyNode(doc, isAlias(e.written) ? e.value : (e.written ?? e.value ?? undefined), depth + 1);
      if (v) entries.push({ key: { text: e.key, literal: true, range: doc.range(e.keyNode), refs: [] }, value: v });
    }
    return { kind: "object", range: span(), entries };
  }
  if (isSeq(n) && !tagged) return { kind: "array", range: span(), items: doc.items(n).flatMap((i) => cfnPolicyNode(doc, i, depth + 1) ?? []) };
  return { kind: "scalar", text: cfnText(doc, n) };
}

/** The trust policies of a template's `AWS::IAM::Role` resources and its `AWS::IAM::OIDCProvider`s. */
export function cfnTrust(doc: YamlDoc, resources: Node | undefined): TrustModel {
  const policies: TrustPolicy[] = [];
  const providers: IdentityProvider[] = [];
  const file = doc.file;
  for (const r of doc.entries(resources)) {
    const type = doc.text(doc.get(r.value, "Type"))?.trim();
    const props = doc.get(r.value, "Properties");
    if (type === "AWS::IAM::Role") {
      const written = doc.get(props, "AssumeRolePolicyDocument");
      const tree = cfnPolicyNode(doc, written);
      if (!tree) continue;
      const statements = statementsOf(tree);
      if (!isFederationTrust(statements)) continue;
      const nameNode = doc.get(props, "RoleName");
      const roleNames = nameNode ? [cfnText(doc, nameNode)] : [];
      policies.push({ file, range: tree.kind === "scalar" ? tree.text.range : tree.range, where: `role ${r.key} in ${file.path}`, roleNames, statements });
    } else if (type === "AWS::IAM::OIDCProvider") {
      const url = doc.get(props, "Url");
      const ids = cfnPolicyNode(doc, doc.get(props, "ClientIdList"));
      providers.push({
        kind: "aws-oidc-provider",
        file,
        range: doc.range(r.keyNode),
        nameRange: doc.range(r.keyNode),
        where: `OIDC provider ${r.key} in ${file.path}`,
        address: r.key,
        ...(url ? { issuer: cfnText(doc, url) } : {}),
        audiences: ids ? textsOf(ids) : [],
        audiencesWritten: ids !== undefined,
      });
    }
  }
  return { policies, roleLinks: [], providers };
}
