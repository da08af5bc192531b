/**
 * JS/TS reader: SDK calls in code become `SdkCall` contexts and Settings with exact ranges (reference §7).
 *
 * Only what is cheap and certain is followed: imports and requires (with renames), a `const` in the same
 * file holding a literal or an options object, spreads of such a local object, and `process.env.X` (and
 * `import.meta.env.X`, `Deno.env.get("X")`) as references. Everything else is `dynamic`. Deliberately
 * missed: values from other modules, `let`/`var` (they may be reassigned), function parameters, class
 * fields, and clients built through helper functions or dependency injection.
 *
 * The TypeScript parser is big (loading it costs more than a whole staged scan), so `mayHoldSdkCall` — a
 * keyword check — runs first, and `typescript` is loaded through `createRequire` on the first file that
 * passes it (./typescript-lib.ts). The CLI bundle keeps `typescript` external; the Action's bundle carries it.
 * Its syntax tree is read through ./ts-estree.ts, a small ESTree view with typescript-estree's ranges, so that
 * this reader reads ESLint's program (the editor path) and its own parse alike.
 */
import type * as TS from "typescript";
import { STS_PARAMETER_ALIASES } from "../knowledge/aws-fields.js";
import { parseToEstree, TsSyntaxError, VIEW_KEYS } from "./ts-estree.js";
import { typescriptLib } from "./typescript-lib.js";
import { makeSdkCall, type SdkCall, type SdkCallKind } from "../model/sdk-call.js";
import type { Located, Provider, Setting, SettingValue } from "../model/setting.js";
import { rangeOf, type SourceFile } from "../model/source.js";

export const JS_TS_EXTENSIONS = /\.(?:js|cjs|mjs|jsx|ts|cts|mts|tsx)$/i;

/**
 * The modules an SDK call's callee must be imported from (see `Reader.call`): a file that names none of them
 * cannot hold a call this reader reports, and is not parsed.
 */
const KEYWORDS = /@aws-sdk\/|["'`]aws-sdk(?:\/[\w/-]*)?["'`]|@azure\/|@google-cloud\/|google-auth-library|googleapis/;

export function mayHoldSdkCall(text: string): boolean {
  return KEYWORDS.test(text);
}

/** The estree node shape this reader uses: every node has a type and a range; the rest is read by name. */
interface Node {
  readonly type: string;
  readonly range: [number, number];
  readonly [key: string]: unknown;
}

let typescript: typeof TS | undefined;

function loadTypescript(): typeof TS {
  // Lazy and synchronous: the pipeline's parse stage is synchronous, and only files that pass the keyword
  // check pay for loading TypeScript.
  typescript ??= typescriptLib() as typeof TS;
  return typescript;
}

function isNode(v: unknown): v is Node {
  return typeof v === "object" && v !== null && typeof (v as { type?: unknown }).type === "string" && Array.isArray((v as { range?: unknown }).range);
}

function child(node: Node, key: string): Node | undefined {
  const v = node[key];
  return isNode(v) ? v : undefined;
}

function children(node: Node, key: string): Node[] {
  const v = node[key];
  return Array.isArray(v) ? v.filter(isNode) : [];
}

/** Keys that never lead to a value or a call: back links, positions, and TypeScript's type-only subtrees. */
const SKIPPED_KEYS: ReadonlySet<string> = new Set([
  "parent",
  "range",
  "loc",
  "typeAnnotation",
  "returnType",
  "typeParameters",
  "typeArguments",
  "superTypeArguments",
  // An ESLint program's token and comment lists (they have a type and a range too).
  "tokens",
  "comments",
]);

/** The nodes the reader looks at, each list in pre-order (source order for calls is restored by a sort). */
interface NodeIndex {
  /** Imports and variable declarations (and their declarators): what `collectScope` reads. */
  readonly declarations: Node[];
  /** `new X(…)` and `f(…)`. */
  readonly calls: Node[];
}

const DECLARATION_TYPES: ReadonlySet<string> = new Set(["ImportDeclaration", "VariableDeclaration", "VariableDeclarator"]);

/**
 * The child keys of each node type, as ESLint's parsers give them (`sourceCode.visitorKeys`: typescript-eslint's
 * or espree's). With them the index visits a node's children by name instead of looking at every property
 * of every node (`loc`, `range`, `parent`, names, flags): half the reader's time on ESLint's programs.
 */
export type VisitorKeys = Readonly<Record<string, readonly string[] | undefined>>;

/** Per visitor-key set, each type's keys without SKIPPED_KEYS (type-only subtrees, back links); null: not named. */
const childKeysBySet = new WeakMap<VisitorKeys, Map<string, readonly string[] | null>>();

function childKeysOf(keys: VisitorKeys, byType: Map<string, readonly string[] | null>, type: string): readonly string[] | null {
  let named = byType.get(type);
  if (named === undefined) {
    named = (Object.hasOwn(keys, type) ? keys[type]?.filter((k) => !SKIPPED_KEYS.has(k)) : undefined) ?? null;
    byType.set(type, named);
  }
  return named;
}

/** The keys of `node` that may hold children, for a node of a type the visitor keys do not name. */
function ownChildKeys(node: Node): string[] {
  const out: string[] = [];
  for (const key in node) if (!SKIPPED_KEYS.has(key)) out.push(key);
  return out;
}

/**
 * One pass over the program that files away the nodes each reader pass needs: the passes then iterate a
 * few hundred nodes instead of calling back for every node of the tree (an ESLint program of a few KB has
 * thousands, of dozens of shapes). A node of a type the visitor keys do not name has every property looked
 * at. The reader's own tree comes with its keys (VIEW_KEYS).
 */
function indexNodes(program: Node, keys: VisitorKeys | undefined): NodeIndex {
  const declarations: Node[] = [];
  const calls: Node[] = [];
  const stack: Node[] = [program];
  let byType = keys ? childKeysBySet.get(keys) : undefined;
  if (keys && !byType) {
    byType = new Map();
    childKeysBySet.set(keys, byType);
  }
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    const type = node.type;
    if (type === "CallExpression" || type === "NewExpression") calls.push(node);
    else if (DECLARATION_TYPES.has(type)) declarations.push(node);
    const named = (keys && byType ? childKeysOf(keys, byType, type) : null) ?? ownChildKeys(node);
    // Pushed last child first, so that the first child is visited next (pre-order).
    for (let k = named.length - 1; k >= 0; k--) {
      const v = node[named[k] as string];
      if (Array.isArray(v)) {
        for (let j = v.length - 1; j >= 0; j--) if (isNode(v[j])) stack.push(v[j] as Node);
      } else if (isNode(v)) stack.push(v);
    }
  }
  return { declarations, calls };
}

const nodeIndexes = new WeakMap<Node, NodeIndex>();

/** The program's node index, built once per program. */
function nodeIndex(program: Node, keys?: VisitorKeys): NodeIndex {
  let index = nodeIndexes.get(program);
  if (!index) {
    index = indexNodes(program, keys);
    nodeIndexes.set(program, index);
  }
  return index;
}

/** Strips TS-only wrappers: `x as T`, `x!`, `x satisfies T`, `<T>x`, parentheses are not nodes in estree. */
function unwrap(node: Node): Node {
  let n = node;
  while (["TSAsExpression", "TSNonNullExpression", "TSSatisfiesExpression", "TSTypeAssertion"].includes(n.type)) {
    const inner = child(n, "expression");
    if (!inner) break;
    n = inner;
  }
  return n;
}

function stringOf(node: Node): string | undefined {
  if (node.type === "Literal" && typeof node["value"] === "string") return node["value"];
  if (node.type === "TemplateLiteral" && children(node, "expressions").length === 0) {
    const q = children(node, "quasis")[0];
    const cooked = (q?.["value"] as { cooked?: unknown } | undefined)?.cooked;
    return typeof cooked === "string" ? cooked : undefined;
  }
  return undefined;
}

function propertyName(node: Node): string | undefined {
  if (node.type === "Identifier") return node["name"] as string;
  return stringOf(node);
}

/** An imported binding: the module and the exported name (`default` / `*` for the whole module). */
interface Binding {
  readonly module: string;
  readonly name: string;
}

interface Scope {
  readonly imports: Map<string, Binding>;
  /** `const` declarations with an initializer; a name declared more than once is left out (shadowing). */
  readonly consts: Map<string, Node>;
}

function requireModule(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  if (n.type === "AwaitExpression") return requireModule(child(n, "argument"));
  if (n.type === "ImportExpression") {
    const s = child(n, "source");
    return s ? stringOf(s) : undefined;
  }
  if (n.type !== "CallExpression") return undefined;
  const callee = child(n, "callee");
  const arg = children(n, "arguments")[0];
  if (callee?.type === "Identifier" && callee["name"] === "require" && arg) return stringOf(arg);
  return undefined;
}

function collectScope(program: Node, keys: VisitorKeys | undefined): Scope {
  const imports = new Map<string, Binding>();
  const consts = new Map<string, Node>();
  const seen = new Set<string>();
  // Only `const` bindings are followed: names a `let` or `var` declares are dropped at the end.
  const reassignable: string[] = [];
  for (const n of nodeIndex(program, keys).declarations) {
    const type = n.type;
    if (type === "VariableDeclaration") {
      if (n["kind"] !== "const") {
        for (const d of children(n, "declarations")) {
          const id = child(d, "id");
          if (id?.type === "Identifier") reassignable.push(id["name"] as string);
        }
      }
      continue;
    }
    if (type === "ImportDeclaration") {
      const source = child(n, "source");
      const module = source ? stringOf(source) : undefined;
      if (!module) continue;
      for (const s of children(n, "specifiers")) {
        const local = child(s, "local")?.["name"];
        if (typeof local !== "string") continue;
        if (s.type === "ImportDefaultSpecifier") imports.set(local, { module, name: "default" });
        else if (s.type === "ImportNamespaceSpecifier") imports.set(local, { module, name: "*" });
        else {
          const imported = child(s, "imported");
          const name = imported ? propertyName(imported) : undefined;
          if (name) imports.set(local, { module, name });
        }
      }
      continue;
    }
    if (type !== "VariableDeclarator") continue;
    const id = child(n, "id");
    const init = child(n, "init");
    const module = requireModule(init);
    if (module && id?.type === "Identifier") {
      imports.set(id["name"] as string, { module, name: "*" });
      continue;
    }
    if (module && id?.type === "ObjectPattern") {
      for (const p of children(id, "properties")) {
        const key = child(p, "key");
        const value = child(p, "value");
        const name = key ? propertyName(key) : undefined;
        if (name && value?.type === "Identifier") imports.set(value["name"] as string, { module, name });
      }
      continue;
    }
    if (id?.type === "Identifier" && init) {
      const name = id["name"] as string;
      if (seen.has(name)) consts.delete(name);
      else consts.set(name, init);
      seen.add(name);
    }
  }
  for (const name of reassignable) consts.delete(name);
  return { imports, consts };
}

const MAX_DEPTH = 5;

/** The STS commands whose parameters are read (`@aws-sdk/client-sts`). */
const STS_COMMANDS: ReadonlySet<string> = new Set(["AssumeRoleCommand", "GetSessionTokenCommand", "AssumeRoleWithWebIdentityCommand", "AssumeRoleWithSAMLCommand"]);

/** Follows a local `const` to what it holds (at most a few steps; cycles end as the identifier). */
function resolve(scope: Scope, node: Node, depth = 0): Node {
  const n = unwrap(node);
  if (n.type === "Identifier" && depth < MAX_DEPTH) {
    const init = scope.consts.get(n["name"] as string);
    if (init) return resolve(scope, init, depth + 1);
  }
  return n;
}

/** `process.env.X`, `process.env["X"]`, `import.meta.env.X`, `Deno.env.get("X")` → that reference, normalised. */
function envReference(node: Node): string | undefined {
  if (node.type === "MemberExpression") {
    const object = child(node, "object");
    const property = child(node, "property");
    if (!object || !property) return undefined;
    const name = node["computed"] ? stringOf(property) : (property["name"] as string | undefined);
    if (!name) return undefined;
    if (object.type === "MemberExpression") {
      const base = child(object, "object");
      const prop = child(object, "property");
      if (prop?.["name"] !== "env") return undefined;
      if (base?.type === "Identifier" && base["name"] === "process") return `process.env.${name}`;
      if (base?.type === "MetaProperty") return `import.meta.env.${name}`;
    }
    return undefined;
  }
  if (node.type === "CallExpression") {
    const callee = child(node, "callee");
    const arg = children(node, "arguments")[0];
    if (callee?.type === "MemberExpression" && child(callee, "property")?.["name"] === "get") {
      const env = child(callee, "object");
      const name = arg ? stringOf(arg) : undefined;
      if (env?.type === "MemberExpression" && child(env, "object")?.["name"] === "Deno" && name) return `Deno.env.get("${name}")`;
    }
  }
  return undefined;
}

class Reader {
  readonly calls: SdkCall[] = [];
  private readonly scope: Scope;
  private readonly inLambdaHandler: boolean;
  /** The SDK call read at each `new X(…)` / `f(…)` node: a request sent through a client finds the client. */
  private readonly callsAt = new Map<Node, SdkCall>();

  constructor(
    private readonly file: SourceFile,
    program: Node,
    keys?: VisitorKeys,
  ) {
    this.scope = collectScope(program, keys);
    this.inLambdaHandler = /\bexports\.handler\s*=|\bexport\s+(?:const|async\s+function|function|let)\s+handler\b|module\.exports\s*=\s*\{[^}]*\bhandler\b/.test(file.text);
    for (const n of nodeIndex(program, keys).calls) this.call(n);
    // In source order: ESLint's program and ./ts-estree.ts order a node's children differently
    // (typescript-estree sorts an IfStatement's keys: alternate before consequent).
    this.calls.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column);
  }

  private located(node: Node, text?: string): Located {
    return { text: text ?? this.file.text.slice(node.range[0], node.range[1]), range: rangeOf(this.file, node.range[0], node.range[1]) };
  }

  private value(node: Node): SettingValue {
    const n = resolve(this.scope, node);
    const raw = this.file.text.slice(n.range[0], n.range[1]);
    const s = stringOf(n);
    if (s !== undefined) {
      // The range covers the characters between the quotes when they spell the value exactly (no escapes),
      // so that findings inside a value (a blank, a zero-width space) point at the right column.
      const inner = raw.slice(1, -1);
      const exact = inner === s;
      const range = exact ? rangeOf(this.file, n.range[0] + 1, n.range[1] - 1) : rangeOf(this.file, n.range[0], n.range[1]);
      return { kind: "literal", value: s, raw, range };
    }
    let target = envReference(n);
    if (target === undefined && n.type === "LogicalExpression") {
      const left = child(n, "left");
      target = left ? envReference(unwrap(left)) : undefined;
    }
    const range = rangeOf(this.file, n.range[0], n.range[1]);
    if (target !== undefined) return { kind: "reference", target, raw, range };
    return { kind: "dynamic", raw, range };
  }

  private setting(provider: Provider, key: Located, valueNode: Node, where: string, wholeRange: [number, number]): Setting {
    return {
      file: this.file,
      provider,
      key,
      value: this.value(valueNode),
      range: rangeOf(this.file, wholeRange[0], wholeRange[1]),
      where,
    };
  }

  /** The properties of an options object, spreads of local objects inlined. */
  private properties(node: Node | undefined, depth = 0): { key: Node; name: string; value: Node; node: Node }[] {
    if (!node || depth > MAX_DEPTH) return [];
    const obj = resolve(this.scope, node);
    if (obj.type !== "ObjectExpression") return [];
    const out: { key: Node; name: string; value: Node; node: Node }[] = [];
    for (const p of children(obj, "properties")) {
      if (p.type === "SpreadElement") {
        out.push(...this.properties(child(p, "argument"), depth + 1));
        continue;
      }
      if (p.type !== "Property" || p["computed"]) continue;
      const key = child(p, "key");
      const value = child(p, "value");
      const name = key ? propertyName(key) : undefined;
      if (!key || !value || !name) continue;
      out.push({ key, name, value, node: p });
    }
    return out;
  }

  /** What a callee names: an imported binding plus a member path (`AWS.config.update` → aws-sdk, config.update). */
  private calleeBinding(callee: Node): Binding | undefined {
    const path: string[] = [];
    let n = unwrap(callee);
    while (n.type === "MemberExpression" && !n["computed"]) {
      const prop = child(n, "property");
      if (!prop || prop.type !== "Identifier") return undefined;
      path.unshift(prop["name"] as string);
      const obj = child(n, "object");
      if (!obj) return undefined;
      n = unwrap(obj);
    }
    if (n.type !== "Identifier") return undefined;
    const b = this.scope.imports.get(n["name"] as string);
    if (!b) return undefined;
    const base = b.name === "*" || b.name === "default" ? [] : [b.name];
    const name = [...base, ...path].join(".");
    return { module: b.module, name: name === "" ? b.name : name };
  }

  /**
   * `client.send(new AssumeRoleCommand({ RoleArn, SerialNumber, … }))` on an STS client created in the file
   * (`const sts = new STSClient({ region })`): the request's parameters, as an `sts-request` linked to the client.
   */
  private stsRequest(n: Node, callee: Node): boolean {
    if (n.type !== "CallExpression" || callee.type !== "MemberExpression" || callee["computed"] || child(callee, "property")?.["name"] !== "send") return false;
    const arg = children(n, "arguments")[0];
    const command = arg ? resolve(this.scope, arg) : undefined;
    const commandCallee = command?.type === "NewExpression" ? child(command, "callee") : undefined;
    const b = commandCallee ? this.calleeBinding(commandCallee) : undefined;
    if (!command || !commandCallee || b?.module !== "@aws-sdk/client-sts" || !STS_COMMANDS.has(b.name)) return false;
    const object = child(callee, "object");
    const created = object ? resolve(this.scope, object) : undefined;
    const client = created ? this.callsAt.get(created) : undefined;
    if (!object || client?.callKind !== "client" || !/(?:^|\.)STS(?:Client)?$/.test(client.display)) return false;
    const display = `${this.file.text.slice(object.range[0], object.range[1])}.send(new ${b.name}(…))`;
    const where = `${display} in ${this.file.path}`;
    const settings = this.properties(children(command, "arguments")[0]).map((p) => this.setting("aws", this.located(p.key, p.name), p.value, where, p.node.range));
    this.calls.push(
      makeSdkCall(
        {
          callKind: "sts-request",
          file: this.file,
          provider: "aws",
          sdk: "the AWS SDK for JavaScript v3",
          callee: this.located(callee),
          display,
          shown: display,
          range: rangeOf(this.file, n.range[0], n.range[1]),
          settings,
          inLambdaHandler: this.inLambdaHandler,
          client,
        },
        STS_PARAMETER_ALIASES,
      ),
    );
    return true;
  }

  private call(n: Node): void {
    const callee = child(n, "callee");
    if (!callee) return;
    if (this.stsRequest(n, callee)) return;
    const b = this.calleeBinding(callee);
    if (!b) return;
    const isNew = n.type === "NewExpression";
    const args = children(n, "arguments");
    const m = b.module;
    const last = b.name.split(".").pop() ?? b.name;
    let provider: SdkCall["provider"];
    let sdk: string;
    let callKind: SdkCallKind;
    let positional: readonly string[] = [];

    if (m.startsWith("@aws-sdk/credential-provider")) {
      provider = "aws";
      sdk = m;
      callKind = "credential-provider";
    } else if (m.startsWith("@aws-sdk/")) {
      if (!isNew || !/Client$/.test(last)) return;
      provider = "aws";
      sdk = "the AWS SDK for JavaScript v3";
      callKind = "client";
    } else if (m === "aws-sdk" || m.startsWith("aws-sdk/")) {
      provider = "aws";
      sdk = "the AWS SDK for JavaScript v2";
      if (b.name === "config.update") callKind = "config-update";
      else if (!isNew) return;
      else if (last === "Credentials") {
        callKind = "credentials-object";
        positional = ["accessKeyId", "secretAccessKey", "sessionToken"];
      } else if (/Credentials$/.test(last)) callKind = "credential-provider";
      else if (/^[A-Z]/.test(last)) callKind = "client";
      else return;
    } else if (m.startsWith("@azure/")) {
      provider = "azure";
      sdk = m;
      if (last === "fromConnectionString") {
        callKind = "connection-string";
        positional = ["connectionString"];
      } else if (!isNew) return;
      else if (last === "ClientSecretCredential") {
        callKind = "azure-credential";
        positional = ["tenantId", "clientId", "clientSecret"];
      } else if (last === "StorageSharedKeyCredential") {
        callKind = "azure-credential";
        positional = ["accountName", "accountKey"];
      } else if (last === "AzureKeyCredential" || last === "AzureNamedKeyCredential") {
        callKind = "azure-credential";
        positional = last === "AzureKeyCredential" ? ["key"] : ["name", "key"];
      } else return;
    } else if (m.startsWith("@google-cloud/") || m === "google-auth-library" || m === "googleapis") {
      if (!isNew) return;
      provider = "gcp";
      sdk = m;
      callKind = last === "GoogleAuth" ? "gcp-auth" : "client";
    } else return;

    const where = `${b.name === "default" || b.name === "*" ? this.file.text.slice(callee.range[0], callee.range[1]) : b.name} call in ${this.file.path}`;
    const settings: Setting[] = [];
    let credentials: SdkCall["credentials"];
    if (positional.length > 0 && !(callKind === "credentials-object" && args[0] && resolve(this.scope, args[0]).type === "ObjectExpression")) {
      args.forEach((a, i) => {
        const key = positional[i];
        if (key) settings.push(this.setting(provider, this.located(a, key), a, where, a.range));
      });
    } else {
      for (const p of this.properties(args[0])) {
        settings.push(this.setting(provider, this.located(p.key, p.name), p.value, where, p.node.range));
        // `fromTemporaryCredentials({ params: { RoleArn, SerialNumber } })`: the STS parameters are settings too.
        if (p.name === "params" && callKind === "credential-provider") {
          for (const q of this.properties(p.value)) settings.push(this.setting(provider, this.located(q.key, q.name), q.value, where, q.node.range));
          continue;
        }
        if (p.name !== "credentials") continue;
        const held = resolve(this.scope, p.value);
        const inner = this.properties(held);
        for (const q of inner) settings.push(this.setting(provider, this.located(q.key, q.name), q.value, where, q.node.range));
        const holds = inner.length > 0 ? "object" : held.type === "CallExpression" ? "provider" : "other";
        credentials = { key: this.located(p.key, p.name), holds };
      }
    }
    const display = b.name === "default" || b.name === "*" || b.name.includes(".") || callee.type === "MemberExpression" ? this.file.text.slice(callee.range[0], callee.range[1]) : b.name;
    const call = makeSdkCall({
      callKind,
      file: this.file,
      provider,
      sdk,
      callee: this.located(callee),
      display,
      shown: isNew ? `new ${display}(…)` : `${display}(…)`,
      range: rangeOf(this.file, n.range[0], n.range[1]),
      settings,
      ...(credentials ? { credentials } : {}),
      inLambdaHandler: this.inLambdaHandler,
    });
    this.calls.push(call);
    this.callsAt.set(n, call);
  }
}

export interface JsTsDocument {
  readonly calls: readonly SdkCall[];
  /** Set when the file could not be parsed: what the parser said, and where. */
  readonly error?: { readonly message: string; readonly line: number };
}

/**
 * Parses one JS/TS file for SDK calls; files that fail the keyword check are not parsed at all. `parsed`: an
 * ESTree program with ranges that someone already parsed (ESLint's, in the editor), read as it is, with its
 * parser's `visitorKeys` when given.
 */
export function parseJsTs(file: SourceFile, parsed?: unknown, visitorKeys?: VisitorKeys): JsTsDocument {
  if (!mayHoldSdkCall(file.text)) return { calls: [] };
  if (isNode(parsed) && parsed.type === "Program") return { calls: new Reader(file, parsed, visitorKeys).calls };
  let ts: typeof TS;
  try {
    ts = loadTypescript();
  } catch (error) {
    // The GitHub Action bundle has no node_modules: without the parser, code is left to the raw detectors.
    return { calls: [], error: { message: `the JS/TS parser is not installed (${String(error)})`, line: 1 } };
  }
  let program: Node;
  try {
    program = parseToEstree(ts, file.path, file.text);
  } catch (error) {
    if (error instanceof TsSyntaxError) return { calls: [], error: { message: error.message, line: error.lineNumber } };
    return { calls: [], error: { message: String(error), line: 1 } };
  }
  return { calls: new Reader(file, program, VIEW_KEYS).calls };
}
