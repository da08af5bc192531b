/**
 * Azure Pipelines (`azure-pipelines*.yml`, `.azure-pipelines/**.yml`) as env contexts, jobs and steps
 * (reference §6.6). Contexts nest pipeline → stage → job → step, each adding the `variables:` written at its
 * level (a map, or a list of `- name:`/`value:` entries); a step adds its `env:` and what its script exports
 * or passes as flags. Tasks (`- task: AzureCLI@2`) are steps whose `inputs:` are inputs; an inline script
 * input (`inlineScript`, `Inline`, `script`) is also read as the step's script. Top-level `steps:` form an
 * implicit job named after the file, whose context is the pipeline's. Deployment jobs run the steps of their
 * strategy's lifecycle hooks (`runOnce`, `rolling`, `canary`). `${{ if … }}:`/`${{ each … }}:` insertions
 * are read as if they applied.
 *
 * Deliberately not read: templates (`- template:` stages, jobs, steps and variables, `extends:`), variable
 * groups (their values live in Azure DevOps), `parameters:` defaults, and `container:` environments.
 */
import type { Node, Scalar } from "yaml";
import type { CiJob, CiStep } from "../model/ci.js";
import type { EnvCommand, EnvContext } from "../model/env.js";
import type { Provider, Setting } from "../model/setting.js";
import type { Range, SourceFile } from "../model/source.js";
import { providerOfVar } from "../knowledge/env-vars.js";
import { actionName, ciContext, firstKey, firstLine, keepSetting, makeStep, readCiFile, type CiFileResult, type CiWalk } from "./ci.js";
import { readShellLines } from "./shell.js";
import { isScalar, locatedNode, type YamlDoc, type YamlEntry } from "./yaml.js";

/** Step keys whose value is a script. */
const SCRIPT_STEPS = ["script", "bash", "pwsh", "powershell"];

/** Task inputs that hold an inline script (AzureCLI/AWSShellScript `inlineScript`, AzurePowerShell `Inline`, Bash/PowerShell/CmdLine `script`). */
const SCRIPT_INPUT = /^(?:inlineScript|inline|script)$/i;

/** A deployment strategy's lifecycle hooks, in the order they run. */
const HOOKS = ["preDeploy", "deploy", "routeTraffic", "postRouteTraffic"];

/** `${{ if }}`/`${{ each }}` insertions nested deeper than this are not followed. */
const MAX_INSERTION_DEPTH = 16;

type Walk = CiWalk;

export function readAzurePipelines(file: SourceFile): CiFileResult {
  return readCiFile(file, "azure-pipelines", (w) => ({ jobs: readPipeline(w) }));
}

function readPipeline(w: Walk): CiJob[] {
  const { doc, file } = w;
  const root = doc.root;
  if (!doc.isMap(root)) return [];
  const where = `pipeline ${file.path}`;
  const variables = doc.entry(root, "variables");
  const pipeline = ciContext(w, { where, anchor: variables ? doc.range(variables.keyNode) : firstLine(file), own: variableSettings(w, variables?.value, where) });
  const jobs: CiJob[] = [];
  for (const stage of flatten(doc, doc.get(root, "stages"))) {
    const key = doc.entry(stage, "stage");
    if (!key) continue;
    const name = doc.text(key.value) || "stage";
    const stageWhere = `stage ${name} in ${file.path}`;
    const env = ciContext(w, { where: stageWhere, anchor: doc.range(key.keyNode), parent: pipeline, own: variableSettings(w, doc.get(stage, "variables"), stageWhere) });
    for (const job of flatten(doc, doc.get(stage, "jobs"))) {
      const read = readJob(w, job, env, ` of stage ${name}`);
      if (read) jobs.push(read);
    }
  }
  for (const job of flatten(doc, doc.get(root, "jobs"))) {
    const read = readJob(w, job, pipeline, "");
    if (read) jobs.push(read);
  }
  const steps = doc.entry(root, "steps");
  if (steps) jobs.push(withSteps(w, { name: file.path, anchor: doc.range(steps.keyNode), where, env: pipeline }, flatten(doc, steps.value)));
  return jobs;
}

/** `- job:` or `- deployment:` (a `- template:` job is in another file). */
function readJob(w: Walk, job: Node, parent: EnvContext, stage: string): CiJob | undefined {
  const { doc, file } = w;
  const key = doc.entry(job, "job") ?? doc.entry(job, "deployment");
  if (!key) return undefined;
  const name = doc.text(key.value) || "Job";
  const where = `job ${name}${stage} in ${file.path}`;
  const anchor = doc.range(key.keyNode);
  const env = ciContext(w, { where, anchor, parent, own: variableSettings(w, doc.get(job, "variables"), where) });
  const steps = key.key === "job" ? flatten(doc, doc.get(job, "steps")) : deploymentSteps(doc, job);
  return withSteps(w, { name, anchor, where, env }, steps);
}

function withSteps(w: Walk, o: { name: string; anchor: Range; where: string; env: EnvContext }, nodes: Node[]): CiJob {
  const steps: CiStep[] = [];
  const job: CiJob = { kind: "ci-job", platform: "azure-pipelines", file: w.file, ...o, steps, idTokens: [] };
  for (const node of nodes) {
    const step = readStep(w, node, steps.length, job);
    if (step) steps.push(step);
  }
  return job;
}

/** A deployment job's steps: every lifecycle hook of its strategy, then the `on: failure|success` hooks. */
function deploymentSteps(doc: YamlDoc, job: Node): Node[] {
  const out: Node[] = [];
  for (const strategy of doc.entries(doc.get(job, "strategy"))) {
    for (const hook of HOOKS) out.push(...flatten(doc, doc.get(doc.get(strategy.value, hook), "steps")));
    const on = doc.get(strategy.value, "on");
    for (const hook of ["failure", "success"]) out.push(...flatten(doc, doc.get(doc.get(on, hook), "steps")));
  }
  return out;
}

function readStep(w: Walk, step: Node, index: number, job: CiJob): CiStep | undefined {
  const { doc, file } = w;
  if (!doc.isMap(step) || doc.entry(step, "template")) return undefined;
  const name = doc.text(doc.get(step, "displayName"));
  const where = `step ${name ? `"${name}"` : index + 1} of ${job.where}`;
  const uses = locatedNode(doc, doc.get(step, "task"));
  const action = uses ? actionName(uses.text) : undefined;
  const provider = taskProvider(action);
  const inputEntries = doc.entries(doc.get(step, "inputs"));
  const inputs = inputEntries.map((e) => keepSetting(w, w.doc.setting(e, { provider: provider ?? providerOfVar(e.key), where, syntax: "input", references: "azure-pipelines" })));
  const scripts = [
    ...SCRIPT_STEPS.map((k) => doc.get(step, k)),
    ...(uses ? inputEntries.filter((e) => SCRIPT_INPUT.test(e.key)).map((e) => e.value) : []),
  ];
  const own = envSettings(w, doc.get(step, "env"), where);
  const commands: EnvCommand[] = [];
  for (const script of scripts) {
    const lines = doc.scriptLines(script);
    if (!lines.length) continue;
    const read = readShellLines(file, lines, { where, references: "azure-pipelines" });
    own.push(...read.own.map((s) => keepSetting(w, s)));
    commands.push(...read.commands);
  }
  const anchor = uses?.range ?? firstKey(doc, step);
  const env = ciContext(w, { where, anchor, parent: job.env, own, commands });
  return makeStep({ job, file, index, where, anchor, ...(uses ? { uses, action } : {}), inputs, env });
}

/** The cloud a task's inputs belong to whatever their names (`azureSubscription`, `awsCredentials`). */
function taskProvider(action: string | undefined): Provider | undefined {
  if (action?.startsWith("azure")) return "azure";
  if (action?.startsWith("aws")) return "aws";
  return undefined;
}

/**
 * `variables:` as a map (`NAME: value`) or a list (`- name: NAME` / `value: v`; `- group:` and
 * `- template:` entries name values kept elsewhere).
 */
function variableSettings(w: Walk, node: Node | undefined, where: string, depth = 0): Setting[] {
  const { doc } = w;
  if (depth > MAX_INSERTION_DEPTH) return [];
  const out: Setting[] = [];
  if (doc.isMap(node)) {
    for (const e of doc.entries(node)) {
      if (isInsertion(e.key) && doc.isMap(e.value)) out.push(...variableSettings(w, e.value, where, depth + 1));
      else out.push(envSetting(w, e, where));
    }
    return out;
  }
  for (const item of flatten(doc, node)) {
    const name = doc.entry(item, "name");
    const keyNode = doc.resolve(name?.value);
    if (!name || !isScalar(keyNode) || doc.text(keyNode) === undefined) continue;
    const value = doc.entry(item, "value");
    out.push(envSetting(w, { key: doc.text(keyNode) ?? "", keyNode: keyNode as Scalar, value: value?.value, written: value?.written }, where));
  }
  return out;
}

function envSettings(w: Walk, node: Node | undefined, where: string): Setting[] {
  return w.doc.entries(node).map((e) => envSetting(w, e, where));
}

function envSetting(w: Walk, entry: YamlEntry, where: string): Setting {
  return keepSetting(w, w.doc.setting(entry, { provider: providerOfVar(entry.key), where, syntax: "env", references: "azure-pipelines" }));
}

/** A list's items with `- ${{ if … }}:` / `- ${{ each … }}:` insertions replaced by the items they insert. */
function flatten(doc: YamlDoc, node: Node | undefined, depth = 0): Node[] {
  const out: Node[] = [];
  for (const item of doc.items(node)) {
    const entries = doc.isMap(item) ? doc.entries(item) : [];
    const only = entries.length === 1 ? entries[0] : undefined;
    if (only && isInsertion(only.key)) {
      if (depth < MAX_INSERTION_DEPTH) out.push(...flatten(doc, only.value, depth + 1));
    } else out.push(item);
  }
  return out;
}

function isInsertion(key: string): boolean {
  return key.trimStart().startsWith("${{");
}

