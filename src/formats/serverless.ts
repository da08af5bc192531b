/**
 * Serverless Framework service files (`serverless.yml`; serverless/serverless at b9d7ea5, v4:
 * `packages/sf-core/src/utils/fs/index.js` `getConfigFilePath`, `packages/sf-core/src/lib/resolvers/placeholders.js`,
 * `packages/serverless/lib/plugins/aws/provider.js`, `docs/sf/providers/aws/guide/credentials.md`): the AWS
 * identity the framework deploys with and the environment its functions get.
 *
 * - `provider:` is an env context (`provider in serverless.yml`): `provider.environment` entries (syntax
 *   `env`), and `provider.profile` / `provider.region` as settings with keys `profile` / `region` and syntax
 *   `code` — they configure the framework's own AWS client (`getProfile`, `getRegion`: `--aws-profile`/`--profile`
 *   and `--region` win over them, us-east-1 is the default region), not an environment variable.
 * - `functions.<name>.environment` (functions as a map, or a list of maps): one context per function
 *   (`function hello in serverless.yml`) whose parent is the provider's (the framework merges the two maps,
 *   the function's entries winning).
 * - Serverless Framework v4 resolvers, `stages.<stage>.resolvers.<name>` with `type: aws`: a context
 *   (`resolver acct of stage prod in serverless.yml`) with their `profile`, `region`, `accessKeyId`,
 *   `secretAccessKey` and `sessionToken` (syntax `code`): the credentials a deployment or a variable lookup
 *   uses (`provider.resolver` picks the deploying one). `provider.credentials` is not in the framework's
 *   schema (v3 or v4) and is not read.
 * - `resources.Resources`: functions and ECS task definitions as the CloudFormation reader reads them.
 * - Values: Serverless variables `${source:address}` and `${file(…)}` (`env:`, `ssm:`, `self:`, `opt:`, `sls:`,
 *   `param:`, `cf:`, `s3:`, `aws:`, a v4 resolver's name, …), with or without fallbacks (`${env:X, 'dev'}`):
 *   exactly one variable is a reference to its first source (`env:X`), text around one is dynamic; `${…}`
 *   without `:` or `(…)`, and `${AWS::…}` (a CloudFormation pseudo parameter the framework leaves alone), are
 *   not variables (the latter is dynamic: CloudFormation may substitute it). CloudFormation functions
 *   (`!Ref`, `Fn::GetAtt`, `{{resolve:…}}`, …) read as in formats/cloudformation.ts.
 *
 * Deliberately not read: `stages.<stage>.params` and `custom:` (application values, not credentials or
 * environment; the raw-text detectors see them), the files `${file(…)}` loads, a `provider.environment` or
 * `environment` that is itself one variable (`${file(env.yml)}`), and `serverless.js`/`.ts`/`.toml` configs.
 * `isServerlessPath` matches `serverless.yml`, `serverless.yaml` and `serverless.json`, the names the framework
 * looks up (a stage-specific name such as `serverless.prod.yml` is only read when passed with `--config`).
 */
import type { Node } from "yaml";
import { providerOfVar } from "../knowledge/env-vars.js";
import type { EnvContext } from "../model/env.js";
import type { Setting, SettingSyntax } from "../model/setting.js";
import type { SourceFile } from "../model/source.js";
import { cfnValue, readResources, resolveValue } from "./cloudformation.js";
import type { FormatResult } from "./format.js";
import { blockScalarLeads, EnvCollector, guarded, isAlias, isScalar, makeSetting, nodeValue, readYaml, scalarStyle, valueAt, type ReadValue, type YamlDoc, type YamlEntry } from "./yaml.js";

const SERVERLESS_NAME = /^serverless\.(?:ya?ml|json)$/;

export function isServerlessPath(path: string): boolean {
  return SERVERLESS_NAME.test(path.slice(path.lastIndexOf("/") + 1));
}

/** The settings of a v4 AWS resolver that say how it authenticates. */
const RESOLVER_KEYS = new Set(["profile", "region", "accessKeyId", "secretAccessKey", "sessionToken"]);

export function readServerless(file: SourceFile): FormatResult {
  const { doc, errors } = readYaml(file, { mask: blockScalarLeads });
  const out = new EnvCollector(file);
  const { error } = guarded(file, undefined, () => readFile(doc, out));
  return {
    settings: out.settings,
    contexts: out.contexts,
    ...(errors.length || error ? { errors: error ? [...errors, error] : errors } : {}),
  };
}

function readFile(doc: YamlDoc, out: EnvCollector): void {
  const root = doc.root;
  if (!doc.isMap(root)) return;
  const path = doc.file.path;
  const provider = doc.entry(root, "provider");
  let providerEnv: EnvContext | undefined;
  const name = doc.text(doc.get(provider?.value, "name"))?.trim();
  const lambda = name === undefined || name === "aws";
  if (provider && doc.isMap(provider.value)) {
    const where = `provider in ${path}`;
    const own: Setting[] = [];
    for (const e of doc.entries(provider.value)) {
      // `profile` and `region` are the AWS provider's: other providers' plugins (azure, google) name regions their own way.
      if ((e.key === "profile" || e.key === "region") && lambda) own.push(out.keep(setting(doc, e, where, "code", "aws")));
      else if (e.key === "environment") for (const v of doc.entries(e.value)) own.push(out.keep(setting(doc, v, where, "env", providerOfVar(v.key))));
    }
    // `provider.environment` is every function's: Lambda runs them (provider `name: aws`, the only one v4 knows).
    providerEnv = out.context({ where, anchor: doc.range(provider.keyNode), own, ...(lambda ? { runtime: "lambda" as const } : {}) });
  }
  const functions = doc.get(root, "functions");
  const lists = doc.isMap(functions) ? [functions] : doc.items(functions);
  for (const list of lists) {
    for (const fn of doc.entries(list)) {
      if (!doc.isMap(fn.value)) continue;
      const where = `function ${fn.key} in ${path}`;
      const own = doc.entries(doc.get(fn.value, "environment")).map((v) => out.keep(setting(doc, v, where, "env", providerOfVar(v.key))));
      out.context({ where, anchor: doc.range(fn.keyNode), parent: providerEnv, own, ...(lambda ? { runtime: "lambda" as const } : {}) });
    }
  }
  for (const stage of doc.entries(doc.get(root, "stages"))) {
    for (const resolver of doc.entries(doc.get(stage.value, "resolvers"))) {
      if (doc.text(doc.get(resolver.value, "type"))?.trim() !== "aws") continue;
      const where = `resolver ${resolver.key} of stage ${stage.key} in ${path}`;
      const own = doc
        .entries(resolver.value)
        .filter((e) => RESOLVER_KEYS.has(e.key))
        .map((e) => out.keep(setting(doc, e, where, "code", "aws")));
      out.context({ where, anchor: doc.range(resolver.keyNode), own });
    }
  }
  readResources(doc, out, doc.get(doc.get(root, "resources"), "Resources"));
}

function setting(doc: YamlDoc, e: YamlEntry, where: string, syntax: SettingSyntax, provider: Setting["provider"]): Setting {
  const node = isAlias(e.written) ? e.value : (e.written ?? e.value ?? undefined);
  if (!node || (isScalar(node) && node.value === null && (node.range?.[1] ?? 0) <= (node.range?.[0] ?? 0))) {
    const end = e.keyNode.range?.[1] ?? 0;
    return makeSetting(doc, { key: doc.located(e), value: valueAt(doc, end, end, { kind: "literal", value: "" }), provider, where, syntax, style: "plain" });
  }
  const value = nodeValue(doc, node, slsValue(doc, node));
  return makeSetting(doc, { key: doc.located(e), value, provider, where, syntax, style: node.tag?.startsWith("!") ? undefined : scalarStyle(node) });
}

/** A value of a Serverless file: a CloudFormation function, a string with Serverless variables, or a literal. */
export function slsValue(doc: YamlDoc, node: Node): ReadValue {
  if (!isScalar(node) || node.tag?.startsWith("!")) return cfnValue(doc, node);
  const text = doc.text(node) ?? "";
  return variables(text) ?? resolveValue(text) ?? { kind: "literal", value: text };
}

/**
 * Serverless variables in a string (sf-core `lib/resolvers/placeholders.js`): `${…}` with a `:` or a `(…)` in
 * it, nested `${…}` inside one included; undefined when there are none.
 */
export function variables(text: string): ReadValue | undefined {
  let refs = 0;
  let target = "";
  let other = false;
  let pseudo = false;
  for (let i = 0; i < text.length; ) {
    const open = text.indexOf("${", i);
    if (open === -1) {
      other ||= i < text.length;
      break;
    }
    if (open > i) other = true;
    let depth = 0;
    let close = -1;
    for (let j = open; j < text.length; j++) {
      if (text.startsWith("${", j)) {
        depth++;
        j++;
      } else if (text.charAt(j) === "}" && --depth === 0) {
        close = j;
        break;
      }
    }
    if (close === -1) {
      other = true;
      break;
    }
    const inner = text.slice(open + 2, close).trim();
    if (/^AWS::/.test(inner)) pseudo = true;
    else if (inner.includes(":") || /\(.*\)/.test(inner)) {
      refs++;
      target = firstSource(inner);
    } else other = true;
    i = close + 1;
  }
  if (refs === 0) return pseudo ? { kind: "dynamic" } : undefined;
  return refs === 1 && !other && !pseudo ? { kind: "reference", target } : { kind: "dynamic" };
}

/** `env:X, 'default'` → `env:X`: the first of a variable's fallbacks, split at commas outside `(…)` and `${…}`. */
function firstSource(inner: string): string {
  let parens = 0;
  let braces = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner.charAt(i);
    if (inner.startsWith("${", i)) {
      braces++;
      i++;
    } else if (c === "}" && braces > 0) braces--;
    else if (c === "(") parens++;
    else if (c === ")") parens--;
    else if (c === "," && parens === 0 && braces === 0) return inner.slice(0, i).trim();
  }
  return inner.trim();
}
