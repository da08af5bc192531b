/**
 * GitLab CI (`.gitlab-ci.yml` and the files it includes) as env contexts and jobs (reference §6.4, §6.6).
 * The pipeline context holds the top-level `variables:` (and `workflow:rules:variables:`) and the commands of
 * the `default:`/global `before_script`/`after_script`, which run in every job. Each job's context inherits
 * the context of the template it `extends:` (when that template is in this file) or the pipeline's, and adds
 * its own `variables:`, `rules:variables:` and what its scripts export or pass as flags. GitLab scripts have
 * no steps with inputs: their commands live in the job's context.
 *
 * Variables are read as GitLab expands them: `$$` is an escaped `$` (`$$HOME` is the literal `$HOME`), and
 * `expand: false` makes the whole value literal. `!reference [.job, key]` is followed within this file.
 *
 * Deliberately not read: `inherit:` (a job that opts out of the pipeline's variables or defaults still
 * inherits them here), a job's own `before_script` replacing the default one (both are in its chain),
 * `services:`/`image:` variables, `spec:` headers (the YAML layer reads only the first document of a file),
 * and files included from other projects, templates or URLs.
 */
import type { Node } from "yaml";
import type { CiJob } from "../model/ci.js";
import type { EnvCommand, EnvContext } from "../model/env.js";
import type { Located, Setting, SettingValue } from "../model/setting.js";
import type { SourceFile } from "../model/source.js";
import { providerOfVar } from "../knowledge/env-vars.js";
import { classifyValue } from "../knowledge/references.js";
import { ciContext, firstLine, keepSetting, readCiFile, type CiFileResult, type CiWalk } from "./ci.js";
import { readShellLines } from "./shell.js";
import { isSeq, locatedNode, type YamlDoc, type YamlEntry } from "./yaml.js";

/** Top-level keys that configure the pipeline; every other key with a map value is a job (`.name`: a template). */
const NOT_JOBS = new Set(["default", "include", "stages", "variables", "workflow", "image", "services", "cache", "before_script", "after_script", "spec"]);

/** `!reference` chains and nested script lists deeper than this are not followed (GitLab allows 10 levels of each). */
const MAX_REFERENCE_HOPS = 10;

type Walk = CiWalk;

interface Script {
  readonly own: Setting[];
  readonly commands: EnvCommand[];
}

export function readGitlabCi(file: SourceFile): CiFileResult {
  return readCiFile(file, "gitlab", readPipeline);
}

function readPipeline(w: Walk): { jobs: CiJob[]; includes: Located[] } {
  const { doc, file } = w;
  const root = doc.root;
  if (!doc.isMap(root)) return { jobs: [], includes: [] };
  const where = `pipeline ${file.path}`;
  const variables = doc.entry(root, "variables");
  const defaults = doc.get(root, "default");
  const vars = [...variableSettings(w, variables?.value, where), ...ruleVariables(w, doc.get(doc.get(root, "workflow"), "rules"), where)];
  const script: Script = { own: [], commands: [] };
  for (const node of [doc.get(defaults, "before_script"), doc.get(root, "before_script"), doc.get(defaults, "after_script"), doc.get(root, "after_script")]) {
    readScript(w, node, where, script);
  }
  const pipeline = ciContext(w, {
    where,
    anchor: variables ? doc.range(variables.keyNode) : firstLine(file),
    own: [...vars, ...script.own],
    commands: script.commands,
  });
  const defaultTokens = idTokens(doc, doc.get(defaults, "id_tokens"));

  const jobEntries = doc.entries(root).filter((e) => !NOT_JOBS.has(e.key) && doc.isMap(e.value));
  const byName = new Map(jobEntries.map((e) => [e.key, e]));
  const built = new Map<string, { env: EnvContext; tokens: Located[] }>();
  const building = new Set<string>();

  /** A job's context and id tokens, its `extends:` template's first (so that outer contexts come first). */
  const build = (entry: YamlEntry): { env: EnvContext; tokens: Located[] } => {
    const done = built.get(entry.key);
    if (done) return done;
    building.add(entry.key);
    const template = extendsTarget(doc, entry.value, byName, building);
    const base = template ? build(template) : { env: pipeline, tokens: [] };
    const node = entry.value;
    const jobWhere = `${entry.key.startsWith(".") ? "template" : "job"} ${entry.key} in ${file.path}`;
    const vars = [...variableSettings(w, doc.get(node, "variables"), jobWhere), ...ruleVariables(w, doc.get(node, "rules"), jobWhere)];
    const jobScript: Script = { own: [], commands: [] };
    for (const key of ["before_script", "script", "after_script"]) readScript(w, doc.get(node, key), jobWhere, jobScript);
    const env = ciContext(w, {
      where: jobWhere,
      anchor: doc.range(entry.keyNode),
      parent: base.env,
      own: [...vars, ...jobScript.own],
      commands: jobScript.commands,
    });
    // `extends:` merges `id_tokens:` maps key by key, the job's own entries winning.
    const own = idTokens(doc, doc.get(node, "id_tokens"));
    const tokens = [...base.tokens.filter((t) => !own.some((o) => o.text === t.text)), ...own];
    const result = { env, tokens };
    built.set(entry.key, result);
    building.delete(entry.key);
    return result;
  };

  const jobs = jobEntries.map((entry): CiJob => {
    const { env, tokens } = build(entry);
    return {
      kind: "ci-job",
      platform: "gitlab",
      file,
      name: entry.key,
      anchor: doc.range(entry.keyNode),
      where: env.where,
      env,
      steps: [],
      // `default:` keywords apply only to jobs that do not set them (after `extends:` is resolved).
      idTokens: tokens.length ? tokens : defaultTokens,
    };
  });
  return { jobs, includes: includes(doc, doc.get(root, "include")) };
}

/**
 * The template a job's context inherits: the last name in `extends:` that is a job of this file (later
 * templates override earlier ones), skipping any that would close a cycle.
 */
function extendsTarget(doc: YamlDoc, job: Node | undefined, byName: ReadonlyMap<string, YamlEntry>, building: ReadonlySet<string>): YamlEntry | undefined {
  const node = doc.get(job, "extends");
  const names = doc.items(node).length ? doc.items(node).map((n) => doc.text(n)) : [doc.text(node)];
  for (let i = names.length - 1; i >= 0; i--) {
    const name = names[i];
    const target = name === undefined ? undefined : byName.get(name);
    if (target && !building.has(target.key)) return target;
  }
  return undefined;
}

/** `variables:` entries: `NAME: value` or `NAME: { value, description, expand, options }`. */
function variableSettings(w: Walk, node: Node | undefined, where: string): Setting[] {
  const { doc } = w;
  return doc.entries(deref(doc, node)).map((entry) => {
    let written = entry;
    let expand = true;
    if (doc.isMap(entry.value)) {
      const v = doc.entry(entry.value, "value");
      written = { ...entry, value: v?.value, written: v?.written };
      expand = doc.text(doc.get(entry.value, "expand"))?.trim().toLowerCase() !== "false";
    }
    const s = doc.setting(written, { provider: providerOfVar(entry.key), where, syntax: "env", references: "gitlab" });
    return keepSetting(w, withGitlabExpansion(s, doc.text(written.value), expand));
  });
}

/** `rules: - if: … variables: {…}`: written at this level, and they override the level's other variables. */
function ruleVariables(w: Walk, rules: Node | undefined, where: string): Setting[] {
  return w.doc.items(deref(w.doc, rules)).flatMap((rule) => variableSettings(w, w.doc.get(rule, "variables"), where));
}

/**
 * The value as GitLab passes it on: with `expand: false` nothing is a reference; otherwise `$$` is an
 * escaped `$`, so `$$HOME` is the literal text `$HOME`.
 */
function withGitlabExpansion(s: Setting, text: string | undefined, expand: boolean): Setting {
  if (text === undefined || (expand && !text.includes("$$"))) return s;
  const { raw, range } = s.value;
  // A NUL stands for each escaped `$` while classifying: it cannot start a reference.
  const cls = expand ? classifyValue(text.replace(/\$\$/g, "\u0000"), "gitlab") : classifyValue(text, "gitlab", false);
  const value: SettingValue =
    cls.kind === "literal"
      ? { kind: "literal", value: expand ? text.replace(/\$\$/g, "$") : text, raw, range }
      : cls.kind === "reference"
        ? { kind: "reference", target: cls.target, raw, range }
        : { kind: "dynamic", raw, range };
  return { ...s, value };
}

/**
 * A `script:`-like value: one string, a list of strings, nested lists and `!reference`s to other jobs'
 * scripts. Each item is read as its own script, as GitLab runs each as one command line.
 */
function readScript(w: Walk, node: Node | undefined, where: string, out: Script, depth = 0): void {
  const { doc, file } = w;
  const n = deref(doc, node);
  if (!n || depth > MAX_REFERENCE_HOPS) return;
  for (const item of doc.items(n)) readScript(w, item, where, out, depth + 1);
  const lines = doc.scriptLines(n);
  if (!lines.length) return;
  const read = readShellLines(file, lines, { where, references: "gitlab" });
  out.own.push(...read.own.map((s) => keepSetting(w, s)));
  out.commands.push(...read.commands);
}

/** GitLab's `!reference [.job, key, …]`: the node at that path of this file (undefined when it is elsewhere). */
function deref(doc: YamlDoc, node: Node | undefined, hops = 0): Node | undefined {
  const n = doc.resolve(node);
  if (!isSeq(n) || n.tag !== "!reference") return n;
  if (hops >= MAX_REFERENCE_HOPS) return undefined;
  let target: Node | undefined = doc.root;
  for (const part of doc.items(n)) target = doc.get(deref(doc, target, hops + 1), doc.text(part) ?? "");
  return deref(doc, target, hops + 1);
}

function idTokens(doc: YamlDoc, node: Node | undefined): Located[] {
  return doc.entries(node).map((e) => doc.located(e));
}

/**
 * `include:` of files in this repository: a path string (`/ci/aws.yml`, `ci/aws.yml`) or `local:`. Remote
 * URLs, `template:`, `project:` and `component:` includes are not in the repository.
 */
function includes(doc: YamlDoc, node: Node | undefined): Located[] {
  const items = doc.items(node).length ? doc.items(node) : [node];
  const out: Located[] = [];
  for (const item of items) {
    const path = doc.isMap(item) ? locatedNode(doc, doc.get(item, "local")) : locatedNode(doc, item);
    if (!path || /^[a-z][\w+.-]*:\/\//i.test(path.text.trim())) continue;
    out.push({ text: path.text.trim().replace(/^\/+/, ""), range: path.range });
  }
  return out;
}

