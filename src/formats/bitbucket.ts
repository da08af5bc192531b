/**
 * Bitbucket Pipelines (`bitbucket-pipelines.yml`) as env contexts, jobs and steps (reference §6.6). Each step
 * of each pipeline (`default`, `branches.*`, `pull-requests.*`, `tags.*`, `custom.*`; inside `parallel:` and
 * `stage:` too) is a job: Bitbucket's variables come from repository and deployment settings, so a step's
 * context holds only what its scripts export or pass as flags, under the context of a custom pipeline's
 * `variables:` prompts (their defaults) when there are some. Pipes (`- pipe: atlassian/aws-s3-deploy:1.4.0`)
 * are steps whose `variables:` are inputs. `oidc: true` is the step's id token.
 *
 * Steps under `definitions.steps` are templates: they become jobs where the pipelines use them
 * (`- step: *build`, `<<: *build`), once per use, and their settings are recorded once. Registry credentials
 * of `image:` and the `variables:` of `definitions.services` are settings of the file but variables of no
 * step's context. Deliberately not read: `definitions.pipelines` and `import:` (shared pipelines), and
 * `condition:` (a step is read as if it always ran).
 */
import type { Node, Scalar } from "yaml";
import type { CiJob, CiStep } from "../model/ci.js";
import type { EnvCommand, EnvContext } from "../model/env.js";
import type { Located, Provider, Setting } from "../model/setting.js";
import type { SourceFile } from "../model/source.js";
import { providerOfVar } from "../knowledge/env-vars.js";
import { ciContext, keepSetting, makeStep, readCiFile, type CiFileResult, type CiWalk } from "./ci.js";
import { readShellLines } from "./shell.js";
import { isScalar, locatedNode, type YamlEntry } from "./yaml.js";

/** Sections of `pipelines:` that hold named pipelines (`default` is one pipeline itself). */
const NAMED_SECTIONS = ["branches", "pull-requests", "tags", "custom"];

type Walk = CiWalk;

export function readBitbucket(file: SourceFile): CiFileResult {
  return readCiFile(file, "bitbucket", (w) => ({ jobs: readFile(w) }));
}

function readFile(w: Walk): CiJob[] {
  const { doc, file } = w;
  const root = doc.root;
  if (!doc.isMap(root)) return [];
  imageCredentials(w, doc.get(root, "image"), `image of ${file.path}`);
  for (const service of doc.entries(doc.get(doc.get(root, "definitions"), "services"))) {
    const where = `service ${service.key} in ${file.path}`;
    for (const e of doc.entries(doc.get(service.value, "variables"))) keepSetting(w, setting(w, e, where, "env", providerOfVar(e.key)));
    imageCredentials(w, doc.get(service.value, "image"), where);
  }
  const jobs: CiJob[] = [];
  for (const section of doc.entries(doc.get(root, "pipelines"))) {
    if (section.key === "default") jobs.push(...readPipeline(w, "default", section.value));
    else if (NAMED_SECTIONS.includes(section.key)) {
      for (const p of doc.entries(section.value)) jobs.push(...readPipeline(w, `${section.key}.${p.key}`, p.value));
    }
  }
  return jobs;
}

/** One pipeline's steps in order, through `parallel:` (a list or `{ steps: [...] }`) and `stage: { steps }`. */
function readPipeline(w: Walk, label: string, node: Node | undefined): CiJob[] {
  const { doc, file } = w;
  const where = `pipeline ${label} in ${file.path}`;
  const stepEntries: YamlEntry[] = [];
  let pipeline: EnvContext | undefined;
  for (const item of doc.items(node)) {
    const variables = doc.entry(item, "variables");
    if (variables && !pipeline) pipeline = ciContext(w, { where, anchor: doc.range(variables.keyNode), own: promptSettings(w, variables.value, where) });
    const parallel = doc.get(item, "parallel");
    const stage = doc.get(item, "stage");
    const nested = parallel ? (doc.isMap(parallel) ? doc.get(parallel, "steps") : parallel) : doc.get(stage, "steps");
    for (const inner of [item, ...doc.items(nested)]) {
      const step = doc.entry(inner, "step");
      if (step) stepEntries.push(step);
    }
  }
  return stepEntries.map((entry, i) => readStep(w, entry, { label, number: i + 1, ...(pipeline ? { parent: pipeline } : {}) }));
}

/** A custom pipeline's `variables:` prompts: `- name: X` with an optional `default:`. */
function promptSettings(w: Walk, node: Node | undefined, where: string): Setting[] {
  const { doc } = w;
  const out: Setting[] = [];
  for (const item of doc.items(node)) {
    const keyNode = doc.resolve(doc.get(item, "name"));
    const name = doc.text(keyNode);
    if (!isScalar(keyNode) || name === undefined) continue;
    const value = doc.entry(item, "default");
    const entry: YamlEntry = { key: name, keyNode: keyNode as Scalar, value: value?.value, written: value?.written };
    out.push(keepSetting(w, setting(w, entry, where, "env", providerOfVar(name))));
  }
  return out;
}

/** A step as a job: its own name or its position in the pipeline, anchored at the `step:` key where it is used. */
function readStep(w: Walk, entry: YamlEntry, at: { label: string; number: number; parent?: EnvContext }): CiJob {
  const { doc, file } = w;
  const node = entry.value;
  const named = doc.text(doc.get(node, "name"))?.trim();
  const name = named || `step ${at.number} of ${at.label}`;
  const where = `${named ? `step "${named}"` : `step ${at.number}`} of pipeline ${at.label} in ${file.path}`;
  const anchor = doc.range(entry.keyNode);
  imageCredentials(w, doc.get(node, "image"), where);
  const own: Setting[] = [];
  const commands: EnvCommand[] = [];
  const pipes: { entry: YamlEntry; item: Node }[] = [];
  for (const key of ["script", "after-script"]) {
    for (const item of doc.items(doc.get(node, key))) {
      const pipe = doc.entry(item, "pipe");
      if (pipe) {
        pipes.push({ entry: pipe, item });
        continue;
      }
      const lines = doc.scriptLines(item);
      if (!lines.length) continue;
      const read = readShellLines(file, lines, { where, references: "bitbucket" });
      own.push(...read.own.map((s) => keepSetting(w, s)));
      commands.push(...read.commands);
    }
  }
  const env = ciContext(w, { where, anchor, ...(at.parent ? { parent: at.parent } : {}), own, commands });
  const oidc = doc.entry(node, "oidc");
  const steps: CiStep[] = [];
  const job: CiJob = {
    kind: "ci-job",
    platform: "bitbucket",
    file,
    name,
    anchor,
    where,
    env,
    steps,
    idTokens: oidc && doc.text(oidc.value)?.trim().toLowerCase() === "true" ? [doc.located(oidc)] : [],
  };
  for (const { entry: pipe, item } of pipes) steps.push(pipeStep(w, pipe, item, job, steps.length));
  return job;
}

/** `- pipe: atlassian/aws-s3-deploy:1.4.0` with `variables:`; the action is the pipe without its tag. */
function pipeStep(w: Walk, pipe: YamlEntry, item: Node, job: CiJob, index: number): CiStep {
  const { doc, file } = w;
  const uses: Located = locatedNode(doc, pipe.value) ?? doc.located(pipe);
  const action = pipeName(uses.text);
  const where = `pipe ${action} of ${job.where}`;
  const inputs = doc.entries(doc.get(item, "variables")).map((e) => keepSetting(w, setting(w, e, where, "input", providerOfVar(e.key))));
  const env = ciContext(w, { where, anchor: uses.range, parent: job.env, own: [] });
  return makeStep({ job, file, index, where, anchor: uses.range, uses, action, inputs, env });
}

/** `atlassian/aws-s3-deploy:1.4.0` → `atlassian/aws-s3-deploy`; `docker://acme/pipe:2` → `docker://acme/pipe`. */
function pipeName(pipe: string): string {
  const text = pipe.trim().toLowerCase();
  const slash = text.lastIndexOf("/");
  const colon = text.indexOf(":", slash + 1);
  return colon === -1 ? text : text.slice(0, colon);
}

/** `image: { name, username, password, aws: { access-key, secret-key, oidc-role } }`: settings, not variables. */
function imageCredentials(w: Walk, image: Node | undefined, where: string): void {
  const { doc } = w;
  for (const e of doc.entries(image)) if (e.key === "username" || e.key === "password") keepSetting(w, setting(w, e, where, "input", "generic"));
  for (const e of doc.entries(doc.get(image, "aws"))) keepSetting(w, setting(w, e, where, "input", "aws"));
}

function setting(w: Walk, entry: YamlEntry, where: string, syntax: "env" | "input", provider: Provider): Setting {
  return w.doc.setting(entry, { provider, where, syntax, references: "bitbucket" });
}

