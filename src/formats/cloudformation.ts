/**
 * CloudFormation and SAM templates, YAML (with the short-form tags `!Ref`, `!Sub`, `!GetAtt`, …) or JSON: the
 * values a deployment hard-codes, and the environment each function and container gets (AWS CloudFormation
 * User Guide "Intrinsic function reference", "Get values stored in other services using dynamic references",
 * "Parameters"; the AWS::Lambda::Function, AWS::ECS::TaskDefinition and AWS::Serverless::Function
 * references; SAM "Globals section of the AWS SAM template").
 *
 * - `Parameters.X.Default`: a setting with key X (syntax `code`, `parameter X in template.yaml`), the value as
 *   written. Kept for `NoEcho` parameters: a NoEcho parameter with a literal default is exactly a committed
 *   secret. The default of an `AWS::SSM::Parameter::Value<…>` parameter names an SSM parameter: a reference.
 * - `Environment.Variables` of AWS::Lambda::Function and AWS::Serverless::Function: one env context per
 *   function (`function Api in template.yaml`), settings with syntax `env`. SAM's `Globals.Function`
 *   environment is a context of its own (`Globals.Function in template.yaml`), the parent of every
 *   AWS::Serverless::Function's (SAM merges the maps, the function's entries winning); every function gets a
 *   context, so that one with no variables of its own still has the Globals' ones.
 * - AWS::ECS::TaskDefinition `ContainerDefinitions[]`: one context per container (`container app of
 *   TaskDefinition Task in template.yaml`); `Environment` items `{ Name, Value }` (the key range on the Name
 *   value, the value on Value), and `Secrets` items `{ Name, ValueFrom }` as references to ValueFrom.
 * - Values: a string is literal (CloudFormation substitutes nothing in a plain string); `{{resolve:…}}` (ssm,
 *   ssm-secure, secretsmanager) is a reference when it is the whole value, dynamic inside other text. `Ref`,
 *   `Fn::GetAtt`, `Fn::ImportValue` (short or long form) are references, named in the short form
 *   (`!Ref DbPassword`, `!GetAtt Db.Endpoint.Address`); `Fn::Sub` of a string without `${…}` is that string
 *   (`${!Literal}` reads as `${Literal}`), of exactly one `${X}` a reference to X, of anything else dynamic;
 *   every other function (`!Join`, `!If`, `!FindInMap`, `!Select`, `!Base64`, …) is dynamic.
 *
 * YAML short-form tags need no schema: `yaml` keeps an unknown tag on its node with a warning, never an
 * error, so a template parses as written and the tag's own range is found in front of the node
 * (formats/yaml.ts `startWithTag`). A template of a template (SAM's cookiecutter projects) is read as the
 * YAML between its tag lines, block scalars that open with one included (`blockScalarLeads`).
 *
 * Deliberately not read: other resources' secret-bearing properties (`MasterUserPassword` of AWS::RDS::DBInstance,
 * …: the raw-text detectors see them), `Mappings`, `Conditions` (both branches of an `!If` are dynamic),
 * `EnvironmentFiles`, AWS::Batch and AWS::AppRunner environments, nested stacks' parameters, and
 * `Fn::Transform`/macros (what a macro returns is not in the file).
 */
import type { Node } from "yaml";
import { providerOfVar } from "../knowledge/env-vars.js";
import type { EnvContext } from "../model/env.js";
import type { Setting } from "../model/setting.js";
import type { SourceFile } from "../model/source.js";
import type { FormatResult } from "./format.js";
import type { TrustModel } from "../model/trust-policy.js";
import { cfnTrust } from "./trust-policy.js";
import { blockScalarLeads, commentLine, EnvCollector, guarded, isAlias, isScalar, makeSetting, nodeValue, readYaml, scalarStyle, valueAt, type ReadValue, type YamlDoc, type YamlEntry } from "./yaml.js";

/**
 * A template's head: `AWSTemplateFormatVersion`, SAM's `Transform: AWS::Serverless-2016-10-31`, or a
 * top-level `Resources:` with a `Type: AWS::…::…` — as YAML (keys at the start of a line) or JSON.
 */
export function looksLikeCloudFormation(head: string): boolean {
  const json = /^\s*\{\s*"/.test(head);
  const key = (name: string): RegExp => (json ? new RegExp(`"${name}"\\s*:`) : new RegExp(`^["']?${name}["']?[ \\t]*:`, "m"));
  if (key("AWSTemplateFormatVersion").test(head)) return true;
  if (key("Transform").test(head) && /AWS::Serverless-2016-10-31/.test(head)) return true;
  return key("Resources").test(head) && /["']?Type["']?\s*:\s*["']?AWS::[A-Za-z0-9]+::[A-Za-z0-9]+/.test(head);
}

/**
 * The keys this reader takes anything from (a parameter's `Default`, SAM's `Globals`, a function's
 * `Environment.Variables`, a task's `ContainerDefinitions`, a role's `AssumeRolePolicyDocument`, an
 * `AWS::IAM::OIDCProvider`): a template with none of them holds nothing to read, and is not parsed. Syntax
 * errors in templates are not reported (`errors: "never"`), so that changes no finding; on aws-sam-cli, 41% of
 * 1,115 test templates, and YAML parsing was a third of the scan.
 */
const READ_KEYS = /\b(?:Default|Globals|Variables|ContainerDefinitions|AssumeRolePolicyDocument|AWS::IAM::OIDCProvider)\b/;

export function readCloudFormation(file: SourceFile): FormatResult {
  if (!READ_KEYS.test(file.text)) return { settings: [], contexts: [] };
  const { doc, errors } = readYaml(file, { mask: (text) => blockScalarLeads(maskUnread(text)) });
  const out = new EnvCollector(file);
  let trust: TrustModel | undefined;
  const { error } = guarded(file, undefined, () => {
    const root = doc.root;
    if (!doc.isMap(root)) return;
    readParameters(doc, out, doc.get(root, "Parameters"));
    const globals = doc.entry(doc.get(root, "Globals"), "Function");
    const samGlobals = globals
      ? out.context({ where: `Globals.Function in ${file.path}`, anchor: doc.range(globals.keyNode), own: variables(doc, out, globals.value, `Globals.Function in ${file.path}`), runtime: "lambda" })
      : undefined;
    readResources(doc, out, doc.get(root, "Resources"), samGlobals);
    trust = cfnTrust(doc, doc.get(root, "Resources"));
  });
  return {
    settings: out.settings,
    contexts: out.contexts,
    ...(trust ? { trust } : {}),
    ...(errors.length || error ? { errors: error ? [...errors, error] : errors } : {}),
  };
}

/** The resource types the readers take anything from (readResources, trust-policy.ts `cfnTrust`). */
const READ_TYPES: ReadonlySet<string> = new Set(["AWS::Lambda::Function", "AWS::Serverless::Function", "AWS::ECS::TaskDefinition", "AWS::IAM::Role", "AWS::IAM::OIDCProvider"]);
/** Top-level sections nothing reads: their lines need not be parsed. */
const UNREAD_SECTION = /^(?:Outputs|Conditions|Mappings|Metadata|Rules|Description|AWSTemplateFormatVersion|Transform)[ \t]*:/;
/** An anchor or alias (`&name`, `*name`): what is masked could be named elsewhere, so nothing is. */
const ANCHOR = /(?:^|[\s[{,])[&*][A-Za-z0-9_-]/m;

/**
 * A YAML template with what no reader reads turned into comment lines (same length, same line breaks, so
 * that ranges stay exact): the top-level sections in UNREAD_SECTION, and each block-style resource under
 * `Resources:` whose `Type:` line names a type not in READ_TYPES (an S3 bucket, a queue, an API…; most of
 * a template). `yaml` then has far less to parse: 37–45% of the bytes of the templates read in aws-sam-cli,
 * localstack and serverless-patterns, a third to a half of their parse time. Anything unusual — a tab or a `---` at the start of a line, an anchor or alias anywhere, a
 * resource written in flow style or without a plain `Type:` line — leaves that part (or the whole text) as
 * it is, and the text is read in full.
 */
export function maskUnread(text: string): string {
  if (/^[ \t]*\t|^(?:---|\.\.\.|%)/m.test(text) || ANCHOR.test(text)) return text;
  const lines = text.split("\n");
  const blank = (line: string): boolean => /^[ \t]*(?:#.*)?\r?$/.test(line);
  const indentOf = (line: string): number => /^ */.exec(line)?.[0].length ?? 0;
  let changed = false;
  const mask = (from: number, to: number): void => {
    for (let k = from; k < to; k++) {
      const line = lines[k] ?? "";
      if (line.replace(/\r$/, "") !== "") lines[k] = commentLine(line);
    }
    changed = true;
  };
  /**
   * The end (exclusive) of the block that starts at line `i`: the next non-blank line indented `indent` or
   * less — but not a `- ` item at `indent` itself, which is the key's value (`Transform:` then `- AWS::…`).
   */
  const blockEnd = (i: number, indent: number): number => {
    let k = i + 1;
    for (; k < lines.length; k++) {
      const line = lines[k] ?? "";
      const at = indentOf(line);
      if (!(blank(line) || at > indent || (at === indent && /^ *-(?:[ \t]|\r?$)/.test(line)))) break;
    }
    return k;
  };
  for (let i = 0; i < lines.length; ) {
    const line = lines[i] ?? "";
    if (blank(line) || /^ /.test(line)) {
      i++;
      continue;
    }
    const end = blockEnd(i, 0);
    if (UNREAD_SECTION.test(line)) mask(i, end);
    else if (/^Resources[ \t]*:[ \t]*(?:#.*)?\r?$/.test(line)) maskResources(i + 1, end);
    i = end;
  }
  function maskResources(from: number, to: number): void {
    let first = from;
    while (first < to && blank(lines[first] ?? "")) first++;
    const indent = indentOf(lines[first] ?? "");
    for (let i = first; i < to; ) {
      const line = lines[i] ?? "";
      if (blank(line)) {
        i++;
        continue;
      }
      const end = Math.min(blockEnd(i, indent), to);
      if (indentOf(line) === indent && /^ *[A-Za-z0-9]+[ \t]*:[ \t]*(?:#.*)?\r?$/.test(line)) {
        let b = i + 1;
        while (b < end && blank(lines[b] ?? "")) b++;
        const inner = indentOf(lines[b] ?? "");
        let type: string | undefined;
        for (let k = b; k < end; k++) {
          const l = lines[k] ?? "";
          if (blank(l) || indentOf(l) !== inner) continue;
          const m = /^ *Type[ \t]*:[ \t]*(["']?)([A-Za-z0-9:]+)\1[ \t]*(?:#.*)?\r?$/.exec(l);
          if (m) type = m[2];
          if (/^ *Type[ \t]*:/.test(l)) break;
        }
        if (type !== undefined && !READ_TYPES.has(type)) mask(i, end);
      }
      i = end;
    }
  }
  return changed ? lines.join("\n") : text;
}

function readParameters(doc: YamlDoc, out: EnvCollector, parameters: Node | undefined): void {
  for (const p of doc.entries(parameters)) {
    const d = doc.entry(p.value, "Default");
    const node = d ? written(d) : undefined;
    if (!node) continue;
    const type = doc.text(doc.get(p.value, "Type"))?.trim() ?? "";
    const text = doc.text(node);
    const read: ReadValue = /^AWS::SSM::Parameter::Value</.test(type) && text !== undefined ? { kind: "reference", target: `ssm:${text.trim()}` } : cfnValue(doc, node);
    const value = nodeValue(doc, node, read);
    out.keep(makeSetting(doc, { key: doc.located(p), value, provider: providerOfVar(p.key), where: `parameter ${p.key} in ${doc.file.path}`, syntax: "code", style: styleOf(node) }));
  }
}

/**
 * The env contexts of a template's (or a Serverless file's `resources:`) functions and ECS containers.
 * `samGlobals` is the parent of each AWS::Serverless::Function.
 */
export function readResources(doc: YamlDoc, out: EnvCollector, resources: Node | undefined, samGlobals?: EnvContext): void {
  const path = doc.file.path;
  for (const r of doc.entries(resources)) {
    const type = doc.text(doc.get(r.value, "Type"))?.trim();
    const props = doc.get(r.value, "Properties");
    if (type === "AWS::Lambda::Function" || type === "AWS::Serverless::Function") {
      const where = `function ${r.key} in ${path}`;
      const parent = type === "AWS::Serverless::Function" ? samGlobals : undefined;
      out.context({ where, anchor: doc.range(r.keyNode), parent, own: variables(doc, out, props, where), runtime: "lambda" });
    } else if (type === "AWS::ECS::TaskDefinition") {
      doc.items(doc.get(props, "ContainerDefinitions")).forEach((c, index) => {
        const nameNode = doc.get(c, "Name");
        const name = doc.text(nameNode)?.trim() || `#${index + 1}`;
        const where = `container ${name} of TaskDefinition ${r.key} in ${path}`;
        const own = [...pairs(doc, out, doc.get(c, "Environment"), "Value", where), ...pairs(doc, out, doc.get(c, "Secrets"), "ValueFrom", where)];
        out.context({ where, anchor: nameNode?.range ? doc.range(nameNode) : doc.range(r.keyNode), own });
      });
    }
  }
}

/** A scalar's YAML style; none for a function's value (`!Sub "…"`: the text is not what the consumer sees). */
function styleOf(node: Node | undefined): string | undefined {
  return node?.tag?.startsWith("!") ? undefined : scalarStyle(node);
}

/** The value node as written, or what an alias names. */
function written(e: YamlEntry): Node | undefined {
  return isAlias(e.written) ? e.value : (e.written ?? e.value ?? undefined);
}

/** `Environment: Variables:` of a function's properties (or of `Globals.Function`). */
function variables(doc: YamlDoc, out: EnvCollector, props: Node | undefined, where: string): Setting[] {
  const vars = doc.get(doc.get(props, "Environment"), "Variables");
  return doc.entries(vars).map((e) => {
    const node = written(e);
    const end = e.keyNode.range?.[1] ?? 0;
    const value = node ? nodeValue(doc, node, cfnValue(doc, node)) : valueAt(doc, end, end, { kind: "literal", value: "" });
    return out.keep(makeSetting(doc, { key: doc.located(e), value, provider: providerOfVar(e.key), where, syntax: "env", style: styleOf(node) }));
  });
}

/** ECS `Environment` (`{ Name, Value }`) or `Secrets` (`{ Name, ValueFrom }`, references) items. */
function pairs(doc: YamlDoc, out: EnvCollector, list: Node | undefined, valueKey: "Value" | "ValueFrom", where: string): Setting[] {
  const settings: Setting[] = [];
  for (const item of doc.items(list)) {
    const nameNode = doc.get(item, "Name");
    const key = doc.text(nameNode)?.trim();
    const v = doc.entry(item, valueKey);
    const node = v ? written(v) : undefined;
    if (!nameNode || !key || !node) continue;
    let read = cfnValue(doc, node);
    if (valueKey === "ValueFrom" && read.kind === "literal") read = { kind: "reference", target: read.value.trim() };
    const value = nodeValue(doc, node, read);
    settings.push(out.keep(makeSetting(doc, { key: { text: key, range: doc.range(nameNode) }, value, provider: providerOfVar(key), where, syntax: "env", style: styleOf(node) })));
  }
  return settings;
}

/** The intrinsic function a node calls: a short-form tag (`!Ref`) or a one-key map (`Ref:`, `Fn::Sub:`). */
function intrinsicOf(doc: YamlDoc, node: Node): { name: string; arg: Node | undefined } | undefined {
  const tag = node.tag;
  if (tag && /^![A-Za-z][A-Za-z0-9]*$/.test(tag)) return { name: tag === "!Ref" || tag === "!Condition" ? tag.slice(1) : `Fn::${tag.slice(1)}`, arg: node };
  if (!doc.isMap(node)) return undefined;
  const entries = doc.entries(node);
  const only = entries[0];
  if (entries.length !== 1 || !only || !(only.key === "Ref" || only.key === "Condition" || only.key.startsWith("Fn::"))) return undefined;
  return { name: only.key, arg: only.value };
}

/**
 * What a template value reads as (see the module comment): intrinsic functions, `{{resolve:…}}`, literals.
 * Exported for the Serverless reader, whose files take CloudFormation's functions in the same places.
 */
export function cfnValue(doc: YamlDoc, node: Node): ReadValue {
  const fn = intrinsicOf(doc, node);
  if (fn) return intrinsicValue(doc, fn.name, fn.arg);
  if (!isScalar(node)) return { kind: "dynamic" };
  const text = doc.text(node) ?? "";
  return resolveValue(text) ?? { kind: "literal", value: text };
}

/** `{{resolve:…}}`: the whole value → a reference, inside other text → dynamic; undefined when absent. */
export function resolveValue(text: string): ReadValue | undefined {
  const whole = /^\s*\{\{resolve:([^}]+)\}\}\s*$/.exec(text);
  if (whole?.[1]) return { kind: "reference", target: whole[1].trim() };
  return /\{\{resolve:[^}]+\}\}/.test(text) ? { kind: "dynamic" } : undefined;
}

function intrinsicValue(doc: YamlDoc, name: string, arg: Node | undefined): ReadValue {
  const words = (n: Node | undefined): string | undefined => {
    const items = doc.items(n);
    if (items.length) {
      const texts = items.map((i) => doc.text(i));
      return texts.every((t) => t !== undefined) ? texts.join(".") : undefined;
    }
    return doc.text(n)?.trim();
  };
  switch (name) {
    case "Ref":
    case "Fn::GetAtt":
    case "Fn::ImportValue": {
      const target = words(arg);
      const short = name === "Ref" ? "Ref" : name.slice(4);
      return target ? { kind: "reference", target: `!${short} ${target}` } : { kind: "dynamic" };
    }
    case "Fn::Sub": {
      const items = doc.items(arg);
      const text = doc.text(items.length ? items[0] : arg);
      if (text === undefined) return { kind: "dynamic" };
      const read = substitute(text);
      // With a variables map, `${X}` may name one of its entries: only a string without variables is known.
      return items.length && read.kind !== "literal" ? { kind: "dynamic" } : read;
    }
    default:
      return { kind: "dynamic" };
  }
}

/** `Fn::Sub`'s string: `${!X}` is the literal `${X}`; exactly one `${X}` is a reference to X. */
function substitute(text: string): ReadValue {
  let value = "";
  let refs = 0;
  let target = "";
  let other = false;
  for (let i = 0; i < text.length; ) {
    const open = text.indexOf("${", i);
    const close = open === -1 ? -1 : text.indexOf("}", open + 2);
    if (open === -1 || close === -1) {
      value += text.slice(i);
      other ||= i < text.length;
      break;
    }
    if (open > i) other = true;
    value += text.slice(i, open);
    const inner = text.slice(open + 2, close);
    if (inner.startsWith("!")) {
      value += `\${${inner.slice(1)}}`;
      other = true;
    } else {
      refs++;
      target = inner.trim();
    }
    i = close + 1;
  }
  const resolve = resolveValue(text);
  if (refs === 0) return resolve ?? { kind: "literal", value };
  if (refs === 1 && !other) return { kind: "reference", target: target.includes(".") ? `!GetAtt ${target}` : `!Ref ${target}` };
  return { kind: "dynamic" };
}
