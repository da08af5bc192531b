/**
 * Docker Compose files (the Compose Specification, compose-spec/compose-spec: `03-compose-file.md` at 17c223e,
 * `05-services.md` at 00655e2, `12-interpolation.md` at 0a7f945, `09-secrets.md` at 12c2232): one env context per
 * service, with its `environment:` as Compose passes it to the container, and the `env_file:`s it loads, so
 * that the scan reads those as dotenv files.
 *
 * - `environment:` as a map (`KEY: value`) or a list (`- KEY=value`, split at the first `=`): each entry is a
 *   setting (syntax `env`), the key range on the name, the value range on what follows `=`. A name alone
 *   (`- KEY`, or `KEY:` with no value) passes the variable through from the shell that runs Compose: a
 *   reference to it. `KEY=` is the empty string.
 * - Interpolation, as Compose applies it to every value before the container sees it: a value that is exactly
 *   one `$VAR` / `${VAR}` / `${VAR:-default}` / `${VAR?err}` is a reference to VAR; text around one is dynamic;
 *   `$$` is a literal `$` (`pa$$word` is the literal `pa$word`).
 * - `build.args` (map or list, the same syntax) as a context of its own (`build of service …`): they are the
 *   build's `ARG`s, not the container's environment.
 * - `extends: { service: base }` within the file: the service's context has the base's as parent (Compose
 *   merges `environment` maps so, the service's entries winning).
 * - `env_file:` (a path, a list of paths or of `{ path, required }`) in `includes`, resolved against the compose
 *   file's folder to repository paths, each path once. Left out: absolute paths, paths leaving the
 *   repository, interpolated paths, and `format: raw` files (read without dotenv's quoting rules, so not
 *   dotenv files).
 * - Top-level `secrets:` / `configs:` with `environment: NAME` (created from a variable of the shell): a
 *   setting (syntax `code`) whose key is the secret's name and whose value is a reference to NAME.
 * - Compose file format v1 (services at the top level, no `services:` key) is read the same way.
 *
 * Deliberately not read: `include:` and `extends.file` (other compose files: the scan reads them on their
 * own), `configs.content` (file content, left to the raw-text detectors), `labels`, and every `x-` extension
 * except through the anchors, aliases and `<<` merges the services use (the YAML layer resolves those).
 * `isComposePath` matches the names Compose looks up (`compose.yaml`, `compose.yml`, `docker-compose.yaml`,
 * `docker-compose.yml`, and their `.override` files) and the variants passed with `-f` by convention
 * (`docker-compose.prod.yml`, `compose-dev.yaml`, `docker-compose_ci.yml`); a compose file under any other
 * name (`prod.compose.yml`) is not a name Compose knows and is left to the `fileKinds` config.
 */
import type { Node } from "yaml";
import { providerOfVar } from "../knowledge/env-vars.js";
import type { EnvContext } from "../model/env.js";
import type { Located, Setting, SettingValue } from "../model/setting.js";
import { rangeOf, type SourceFile } from "../model/source.js";
import type { FormatResult } from "./format.js";
import { blockScalarLeads, EnvCollector, guarded, isAlias, isScalar, makeSetting, nodeValue, readYaml, scalarStyle, valueAt, type ReadValue, type YamlDoc, type YamlEntry } from "./yaml.js";

/**
 * The names Compose looks up (`compose.yaml` preferred, `docker-compose.yml` for backwards compatibility,
 * each with its `.override` file), and `-f` variants named after them: `docker-compose.prod.yml`,
 * `compose-dev.yaml`, `docker-compose_ci.yml` (Renovate's docker-compose manager matches the same set).
 */
const COMPOSE_NAME = /^(?:docker-)?compose(?:[._-][^/]*)?\.ya?ml$/i;

export function isComposePath(path: string): boolean {
  return COMPOSE_NAME.test(path.slice(path.lastIndexOf("/") + 1));
}

interface Walk {
  readonly doc: YamlDoc;
  readonly file: SourceFile;
  readonly out: EnvCollector;
  readonly includes: Located[];
}

export function readCompose(file: SourceFile): FormatResult {
  const { doc, errors } = readYaml(file, { mask: blockScalarLeads });
  const w: Walk = { doc, file, out: new EnvCollector(file), includes: [] };
  const { error } = guarded(file, undefined, () => readFile(w));
  return {
    settings: w.out.settings,
    contexts: w.out.contexts,
    ...(w.includes.length ? { includes: w.includes } : {}),
    ...(errors.length || error ? { errors: error ? [...errors, error] : errors } : {}),
  };
}

function readFile(w: Walk): void {
  const { doc } = w;
  const root = doc.root;
  if (!doc.isMap(root)) return;
  const services = doc.entry(root, "services");
  // Compose file format v1: the services are the top-level keys.
  const entries = services
    ? doc.entries(services.value)
    : doc.entries(root).filter((e) => !e.key.startsWith("x-") && doc.isMap(e.value) && (doc.get(e.value, "image") !== undefined || doc.get(e.value, "build") !== undefined));
  const byName = new Map(entries.filter((e) => doc.isMap(e.value)).map((e) => [e.key, e]));
  const done = new Map<string, EnvContext>();
  const visiting = new Set<string>();
  const service = (name: string): EnvContext | undefined => {
    const known = done.get(name);
    if (known || visiting.has(name)) return known;
    const entry = byName.get(name);
    if (!entry) return undefined;
    visiting.add(name);
    const base = extendsService(doc, entry.value);
    const parent = base !== undefined ? service(base) : undefined;
    const env = readService(w, entry, parent);
    visiting.delete(name);
    done.set(name, env);
    return env;
  };
  for (const name of byName.keys()) service(name);
  for (const section of ["secrets", "configs"]) {
    const label = section === "secrets" ? "secret" : "config";
    for (const e of doc.entries(doc.get(root, section))) {
      const from = doc.get(e.value, "environment");
      const name = doc.text(from);
      if (!from || name === undefined || name.trim() === "") continue;
      const value = nodeValue(doc, from, { kind: "reference", target: name });
      w.out.keep(makeSetting(doc, { key: doc.located(e), value, provider: providerOfVar(name), where: `${label} ${e.key} in ${w.file.path}`, syntax: "code" }));
    }
  }
}

/** `extends: base` or `extends: { service: base }` without a `file:`: a service of this file. */
function extendsService(doc: YamlDoc, service: Node | undefined): string | undefined {
  const ext = doc.get(service, "extends");
  if (doc.isMap(ext)) return doc.get(ext, "file") === undefined ? doc.text(doc.get(ext, "service")) : undefined;
  return doc.text(ext);
}

function readService(w: Walk, entry: YamlEntry, parent: EnvContext | undefined): EnvContext {
  const { doc, file } = w;
  const where = `service ${entry.key} in ${file.path}`;
  const anchor = doc.range(entry.keyNode);
  const env = w.out.context({ where, anchor, parent, own: envSettings(w, doc.get(entry.value, "environment"), where) });
  const build = doc.get(entry.value, "build");
  const args = doc.isMap(build) ? doc.entry(build, "args") : undefined;
  if (args) {
    const buildWhere = `build of ${where}`;
    w.out.context({ where: buildWhere, anchor: doc.range(args.keyNode), own: envSettings(w, args.value, buildWhere) });
  }
  for (const path of envFiles(w, doc.get(entry.value, "env_file"))) if (!w.includes.some((i) => i.text === path.text)) w.includes.push(path);
  return env;
}

/** An `environment:` or `build.args` block, as a map or a list. */
function envSettings(w: Walk, node: Node | undefined, where: string): Setting[] {
  const { doc } = w;
  if (doc.isMap(node)) return doc.entries(node).map((e) => w.out.keep(mapSetting(w, e, where)));
  const out: Setting[] = [];
  for (const item of doc.items(node)) {
    const s = itemSetting(w, item, where);
    if (s) out.push(w.out.keep(s));
  }
  return out;
}

/** `KEY: value`; `KEY:` with nothing (or YAML's null) passes the shell's KEY through. */
function mapSetting(w: Walk, e: YamlEntry, where: string): Setting {
  const { doc } = w;
  const node = isAlias(e.written) ? e.value : (e.written ?? undefined);
  let value: SettingValue;
  if (!node || (isScalar(node) && node.value === null)) {
    const written = node?.range && node.range[1] > node.range[0];
    const at = written ? (node?.range?.[0] ?? 0) : (e.keyNode.range?.[1] ?? 0);
    value = valueAt(doc, at, written ? (node?.range?.[1] ?? at) : at, { kind: "reference", target: e.key });
  } else {
    const text = doc.text(node);
    value = nodeValue(doc, node, text === undefined ? { kind: "dynamic" } : interpolate(text));
  }
  return makeSetting(doc, { key: doc.located(e), value, provider: providerOfVar(e.key), where, syntax: "env", style: scalarStyle(node) });
}

/**
 * `- KEY=value`. The key and value ranges are exact where the item's text is written as it reads (a plain
 * scalar on one line, or quoted without escapes); otherwise both cover the whole item. The style is `plain`
 * for a plain item and `item-<style>` for a quoted or block one: the quotes surround the whole item, not the
 * value, so the value's raw text has no quotes of its own.
 */
function itemSetting(w: Walk, item: Node, where: string): Setting | undefined {
  const { doc, file } = w;
  const text = doc.text(item);
  if (text === undefined || !item.range || !isScalar(item)) return undefined;
  const eq = text.indexOf("=");
  const name = (eq === -1 ? text : text.slice(0, eq)).trim();
  if (name === "") return undefined;
  const [start, end] = item.range;
  const style = scalarStyle(item) ?? "plain";
  const source = file.text.slice(start, end);
  const inner = style === "plain" ? source : style === "single" || style === "double" ? source.slice(1, -1) : undefined;
  const offset = style === "plain" ? start : start + 1;
  const exact = inner === text;
  const keyStart = exact ? offset + text.indexOf(name) : start;
  const key: Located = { text: name, range: rangeOf(file, keyStart, exact ? keyStart + name.length : end) };
  let value: SettingValue;
  if (eq === -1) {
    value = valueAt(doc, exact ? keyStart + name.length : end, exact ? keyStart + name.length : end, { kind: "reference", target: name });
  } else {
    const read = interpolate(text.slice(eq + 1));
    value = exact ? valueAt(doc, offset + eq + 1, offset + text.length, read) : valueAt(doc, start, end, read);
  }
  return makeSetting(doc, { key, value, provider: providerOfVar(name), where, syntax: "env", style: style === "plain" ? "plain" : `item-${style}` });
}

/**
 * A value after Compose's interpolation (`12-interpolation.md`): exactly one `$VAR`/`${VAR…}` is a reference
 * to VAR, text with one or more is dynamic, `$$` is a literal `$`. A `$` before anything else is kept as
 * written (Compose rejects it as an invalid template; the value is still not a reference).
 */
export function interpolate(text: string): ReadValue {
  let value = "";
  let refs = 0;
  let target = "";
  let other = false;
  for (let i = 0; i < text.length; ) {
    const c = text.charAt(i);
    if (c !== "$") {
      value += c;
      other = true;
      i++;
      continue;
    }
    const next = text.charAt(i + 1);
    if (next === "$") {
      value += "$";
      other = true;
      i += 2;
      continue;
    }
    if (next === "{") {
      let depth = 1;
      let j = i + 2;
      for (; j < text.length && depth > 0; j++) {
        if (text.charAt(j) === "{") depth++;
        else if (text.charAt(j) === "}") depth--;
      }
      if (depth > 0) {
        value += text.slice(i);
        other = true;
        break;
      }
      const inner = text.slice(i + 2, j - 1);
      refs++;
      target = /^[A-Za-z_]\w*/.exec(inner)?.[0] ?? inner;
      i = j;
      continue;
    }
    const name = /^[A-Za-z_]\w*/.exec(text.slice(i + 1))?.[0];
    if (name) {
      refs++;
      target = name;
      i += 1 + name.length;
      continue;
    }
    value += "$";
    other = true;
    i++;
  }
  if (refs === 0) return { kind: "literal", value };
  return refs === 1 && !other ? { kind: "reference", target } : { kind: "dynamic" };
}

/** `env_file:` as repository paths, with the range of the path as written. */
function envFiles(w: Walk, node: Node | undefined): Located[] {
  const { doc } = w;
  const out: Located[] = [];
  const items = doc.items(node).length ? doc.items(node) : node ? [node] : [];
  for (const item of items) {
    const pathNode = doc.isMap(item) ? doc.get(item, "path") : item;
    if (doc.isMap(item) && doc.text(doc.get(item, "format"))?.trim() === "raw") continue;
    const text = doc.text(pathNode);
    if (text === undefined || !pathNode) continue;
    const resolved = repoPath(w.file.path, text.trim());
    if (resolved !== undefined) out.push({ text: resolved, range: doc.range(pathNode) });
  }
  return out;
}

/** `rel` resolved against the folder of `from` (both repository paths); undefined outside the repository. */
export function repoPath(from: string, rel: string): string | undefined {
  if (rel === "" || rel.includes("$") || rel.startsWith("/") || rel.startsWith("~") || /^[A-Za-z]:[\\/]/.test(rel) || rel.startsWith("\\")) return undefined;
  const parts = from.split("/");
  parts.pop();
  for (const seg of rel.replace(/\\/g, "/").split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.length ? parts.join("/") : undefined;
}
