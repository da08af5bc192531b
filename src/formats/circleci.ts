/**
 * CircleCI (`.circleci/config.yml`) as env contexts, jobs and steps (reference §6.5, §6.6). An executor's
 * context holds its `environment:` and its primary container's; a job that runs on it inherits that context
 * and adds its own; each step's context inherits its job's and adds a `run:` step's `environment:` plus
 * what its command exports or passes as flags. Orb commands (`aws-cli/setup`) are steps whose parameters are
 * inputs, named after the orb package the `orbs:` section declares (`circleci/aws-cli/setup`). Commands
 * defined in the file's `commands:` run where they are called: the call is a step, followed by the
 * command's own steps. `when:`/`unless:` steps are read as if they always ran. Workflows give jobs their
 * `context:` names.
 *
 * Registry credentials of `docker:` images (`auth:`, `aws_auth:`) are settings of the file but not
 * variables of any context; secondary containers' `environment:` only reaches those containers, so it is
 * not in the job's context either. Deliberately not read: `parameters:` defaults, inline orb definitions,
 * and jobs that come from orbs.
 */
import type { Node } from "yaml";
import type { CiJob, CiStep } from "../model/ci.js";
import type { EnvContext } from "../model/env.js";
import type { Located, Provider, Setting } from "../model/setting.js";
import type { SourceFile } from "../model/source.js";
import { providerOfVar } from "../knowledge/env-vars.js";
import { actionName, ciContext, keepSetting, makeStep, readCiFile, type CiFileResult, type CiWalk } from "./ci.js";
import { readShellLines } from "./shell.js";
import { locatedNode, type YamlDoc, type YamlEntry } from "./yaml.js";

/** `shell:` values whose commands are not shell: reading them as shell would invent flags and exports. */
const NOT_SHELL = /^(?:\/\S*\/)?(?:python\d*|perl|ruby|node)\b/i;

/** Local commands calling local commands deeper than this are not followed (a cycle, or a generated file). */
const MAX_COMMAND_DEPTH = 8;

/** What this reader tracks besides the shared walk (src/formats/ci.ts). */
interface Walk extends CiWalk {
  /** `orbs:` alias → orb package without its version (`aws-cli` → `circleci/aws-cli`). */
  readonly orbs: ReadonlyMap<string, string>;
  /** The file's `commands:`, by name. */
  readonly commands: ReadonlyMap<string, Node>;
}

export function readCircleci(file: SourceFile): CiFileResult {
  return readCiFile(
    file,
    "circleci",
    (w: Walk) => ({ jobs: readJobs(w, w.doc.root) }),
    (w): Walk => ({ ...w, orbs: orbsOf(w.doc, w.doc.root), commands: commandsOf(w.doc, w.doc.root) }),
  );
}

function readJobs(w: Walk, root: Node | undefined): CiJob[] {
  const { doc, file } = w;
  const executors = new Map<string, EnvContext>();
  for (const entry of doc.entries(doc.get(root, "executors"))) {
    if (!doc.isMap(entry.value)) continue;
    const where = `executor ${entry.key} in ${file.path}`;
    executors.set(entry.key, ciContext(w, { where, anchor: doc.range(entry.keyNode), own: runtimeEnv(w, entry.value, where) }));
  }
  const contexts = workflowContexts(doc, doc.get(root, "workflows"));
  const jobs: CiJob[] = [];
  for (const entry of doc.entries(doc.get(root, "jobs"))) {
    const node = entry.value;
    if (!doc.isMap(node)) continue;
    const where = `job ${entry.key} in ${file.path}`;
    const anchor = doc.range(entry.keyNode);
    const executor = doc.get(node, "executor");
    const parent = executors.get(doc.text(doc.isMap(executor) ? doc.get(executor, "name") : executor) ?? "");
    const env = ciContext(w, { where, anchor, ...(parent ? { parent } : {}), own: runtimeEnv(w, node, where) });
    const steps: CiStep[] = [];
    const job: CiJob = { kind: "ci-job", platform: "circleci", file, name: entry.key, anchor, where, env, steps, idTokens: [], contexts: contexts.get(entry.key) ?? [] };
    readSteps(w, doc.get(node, "steps"), job, steps, 0);
    jobs.push(job);
  }
  return jobs;
}

/**
 * The variables a job or executor sets: its primary container's `environment:`, overridden by its own.
 * Every image's registry credentials and secondary containers' variables are recorded as settings only.
 */
function runtimeEnv(w: Walk, node: Node | undefined, where: string): Setting[] {
  const { doc } = w;
  const own: Setting[] = [];
  doc.items(doc.get(node, "docker")).forEach((image, i) => {
    const vars = envSettings(w, doc.get(image, "environment"), where);
    if (i === 0) own.push(...vars);
    for (const e of doc.entries(doc.get(image, "auth"))) keepSetting(w, input(w, e, where, "generic"));
    for (const e of doc.entries(doc.get(image, "aws_auth"))) keepSetting(w, input(w, e, where, "aws"));
  });
  own.push(...envSettings(w, doc.get(node, "environment"), where));
  return own;
}

/** Steps in order, with `when:`/`unless:` blocks and local commands flattened into the job's list. */
function readSteps(w: Walk, node: Node | undefined, job: CiJob, steps: CiStep[], depth: number): void {
  const { doc } = w;
  for (const item of doc.items(node)) {
    const first = doc.isMap(item) ? doc.entries(item)[0] : undefined;
    const name = first?.key ?? doc.text(item);
    if (name === undefined) continue;
    const params = first?.value;
    if (name === "when" || name === "unless") {
      readSteps(w, doc.get(params, "steps"), job, steps, depth);
      continue;
    }
    const key: Located = first ? doc.located(first) : { text: name, range: doc.range(item) };
    steps.push(name === "run" ? runStep(w, params, key, job, steps.length) : commandStep(w, params, key, job, steps.length));
    const local = w.commands.get(name);
    if (local && depth < MAX_COMMAND_DEPTH) readSteps(w, doc.get(local, "steps"), job, steps, depth + 1);
  }
}

/** `run: <command>` or `run: { name, command, environment, shell }`. */
function runStep(w: Walk, run: Node | undefined, key: Located, job: CiJob, index: number): CiStep {
  const { doc, file } = w;
  const long = doc.isMap(run);
  const name = long ? doc.text(doc.get(run, "name")) : undefined;
  const where = stepWhere(name, index, job);
  const command = long ? doc.get(run, "command") : run;
  const shell = long ? doc.text(doc.get(run, "shell")) : undefined;
  const script = NOT_SHELL.test(shell?.trim() ?? "") ? { own: [], commands: [] } : readShellLines(file, doc.scriptLines(command), { where, references: "circleci" });
  const own = [...(long ? envSettings(w, doc.get(run, "environment"), where) : []), ...script.own.map((s) => keepSetting(w, s))];
  const env = ciContext(w, { where, anchor: key.range, parent: job.env, own, commands: script.commands });
  return makeStep({ job, file, index, where, anchor: key.range, inputs: [], env });
}

/** An orb command, a built-in step (`checkout`) or a call of a local command: its parameters are inputs. */
function commandStep(w: Walk, params: Node | undefined, key: Located, job: CiJob, index: number): CiStep {
  const { doc, file } = w;
  const action = orbAction(w, key.text);
  const where = stepWhere(undefined, index, job);
  const provider = orbProvider(action);
  const inputs = doc.entries(params).map((e) => keepSetting(w, parameter(input(w, e, where, provider ?? providerOfVar(e.key)))));
  const env = ciContext(w, { where, anchor: key.range, parent: job.env, own: [] });
  return makeStep({ job, file, index, where, anchor: key.range, uses: key, action, inputs, env });
}

/** `aws-cli/setup` → `circleci/aws-cli/setup` when `orbs:` declares `aws-cli`, else the name in lower case. */
function orbAction(w: Walk, name: string): string {
  const slash = name.indexOf("/");
  const orb = slash === -1 ? undefined : w.orbs.get(name.slice(0, slash));
  return actionName(orb ? `${orb}${name.slice(slash)}` : name);
}

/** The cloud an orb's parameters belong to whatever their names (`role_arn`, `region`), from the orb's name. */
function orbProvider(action: string): Provider | undefined {
  const parts = action.split("/");
  const orb = parts.length > 1 ? (parts[parts.length - 2] ?? "") : "";
  if (/^aws(?:-|$)/.test(orb)) return "aws";
  if (/^azure(?:-|$)/.test(orb)) return "azure";
  if (/^(?:gcp|google)(?:-|$)/.test(orb)) return "gcp";
  return undefined;
}

function stepWhere(name: string | undefined, index: number, job: CiJob): string {
  return `step ${name ? `"${name}"` : index + 1} of ${job.where}`;
}

function orbsOf(doc: YamlDoc, root: Node | undefined): Map<string, string> {
  const orbs = new Map<string, string>();
  for (const e of doc.entries(doc.get(root, "orbs"))) {
    const ref = doc.text(e.value);
    if (ref !== undefined) orbs.set(e.key, actionName(ref));
  }
  return orbs;
}

function commandsOf(doc: YamlDoc, root: Node | undefined): Map<string, Node> {
  const commands = new Map<string, Node>();
  for (const e of doc.entries(doc.get(root, "commands"))) if (e.value && doc.isMap(e.value)) commands.set(e.key, e.value);
  return commands;
}

/**
 * `workflows.<wf>.jobs: [name | { name: { context: a | [a, b], … } }]`: each job's context names, over all
 * workflows, once per name.
 */
function workflowContexts(doc: YamlDoc, workflows: Node | undefined): Map<string, Located[]> {
  const out = new Map<string, Located[]>();
  for (const wf of doc.entries(workflows)) {
    for (const item of doc.items(doc.get(wf.value, "jobs"))) {
      const first = doc.isMap(item) ? doc.entries(item)[0] : undefined;
      if (!first) continue;
      const ctx = doc.get(first.value, "context");
      const names = doc.items(ctx).length ? doc.items(ctx) : [ctx];
      const list = out.get(first.key) ?? [];
      for (const n of names) {
        const located = locatedNode(doc, n);
        if (located && !list.some((l) => l.text === located.text)) list.push(located);
      }
      out.set(first.key, list);
    }
  }
  return out;
}

function envSettings(w: Walk, node: Node | undefined, where: string): Setting[] {
  return w.doc.entries(node).map((e) => keepSetting(w, w.doc.setting(e, { provider: providerOfVar(e.key), where, syntax: "env", references: "circleci" })));
}

/**
 * An orb parameter whose value is an environment variable's name (`aws-access-key-id: AWS_ACCESS_KEY_ID`,
 * `region: AWS_REGION`): parameters of type `env_var_name` take the variable's name, and the orb reads the
 * variable (CircleCI "Reusable config reference", `env_var_name` parameters: circleci/circleci-docs
 * `docs/reference/modules/ROOT/pages/reusing-config.adoc` @ 9734a141). The value
 * is that variable, a reference — neither a region called AWS_REGION nor a key of those letters.
 */
function parameter(s: Setting): Setting {
  const v = s.value;
  if (v.kind !== "literal" || s.style !== "plain" || !ENV_VAR_NAME.test(v.value)) return s;
  return { ...s, value: { kind: "reference", target: v.value, raw: v.raw, range: v.range } };
}

/** An upper-case variable name with at least one underscore (`AWS_REGION`); `DEBUG` or `JSON` are plain values. */
const ENV_VAR_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;

function input(w: Walk, entry: YamlEntry, where: string, provider: Provider): Setting {
  return w.doc.setting(entry, { provider, where, syntax: "input", references: "circleci" });
}

