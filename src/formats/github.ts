/**
 * GitHub Actions: workflows (`.github/workflows/*.yml`) and composite actions (`action.yml`) as env contexts,
 * jobs and steps (reference §6.1–6.3, §6.6). A workflow's env context holds its top-level `env:`, each job's
 * inherits it, each step's inherits its job's and adds its `env:` plus what its `run:` script exports and the
 * `--profile`/`--region` flags it passes. Permissions are resolved here, once, as GitHub applies them.
 *
 * A job that calls a reusable workflow (`jobs.<id>.uses:`) has one step: the call, whose inputs are its `with:`
 * entries and the `secrets:` it passes (`secrets: inherit` passes names only: no inputs). The registry
 * credentials of `container:` and `services:` (`credentials: { username, password }`, which the runner sends to
 * `docker login`) are settings of the file, written as inputs, so that the secret rules see a literal password
 * with its context; they are variables of no context.
 *
 * Deliberately not read: `if:` conditions, and `services.<name>.env` (it reaches only that container).
 */
import type { Node } from "yaml";
import type { CiJob, CiPermissions, CiStep, GithubRunFacts } from "../model/ci.js";
import type { EnvContext } from "../model/env.js";
import type { Located, Provider, Setting, SettingSyntax } from "../model/setting.js";
import type { SourceFile } from "../model/source.js";
import { providerOfVar } from "../knowledge/env-vars.js";
import { LOGIN_PROVIDER, loginActionOf } from "../knowledge/ci-actions.js";
import { actionName, ciContext, firstKey, firstLine, keepSetting, makeStep, readCiFile, type CiFileResult, type CiWalk } from "./ci.js";
import { readShellLines } from "./shell.js";
import { locatedNode, type YamlDoc, type YamlEntry } from "./yaml.js";

/** `shell:` values whose scripts are not shell: reading them as shell would invent flags and exports. */
const NOT_SHELL = /^(?:python|perl|ruby|node)\b/i;

type Walk = CiWalk;

export function readGithubWorkflow(file: SourceFile): CiFileResult {
  return read(file, (w) => readWorkflow(w));
}

/** `action.yml`: only composite actions run steps of their own; node and docker actions give an empty result. */
export function readGithubAction(file: SourceFile): CiFileResult {
  return read(file, (w) => readComposite(w));
}

function read(file: SourceFile, body: (w: Walk) => Pick<CiFileResult, "jobs" | "composite">): CiFileResult {
  return readCiFile(file, "github", body);
}

function readWorkflow(w: Walk): Pick<CiFileResult, "jobs"> {
  const { doc, file } = w;
  const root = doc.root;
  if (!doc.isMap(root)) return { jobs: [] };
  const where = `workflow ${file.path}`;
  const env = doc.entry(root, "env");
  const workflowEnv = ciContext(w, {
    where,
    anchor: env ? doc.range(env.keyNode) : firstLine(file),
    own: envSettings(w, env, where),
  });
  const permissions = doc.entry(root, "permissions");
  const reusable = isWorkflowCall(doc, doc.get(root, "on"));
  const triggers = triggersOf(doc, doc.get(root, "on"));
  const defaultShell = shellOf(doc, doc.get(root, "defaults"));
  const jobs: CiJob[] = [];
  for (const entry of doc.entries(doc.get(root, "jobs"))) {
    if (!doc.isMap(entry.value)) continue;
    jobs.push(readJob(w, entry, { workflowEnv, permissions, reusable, defaultShell, triggers }));
  }
  return { jobs };
}

function readJob(
  w: Walk,
  entry: YamlEntry,
  workflow: { workflowEnv: EnvContext; permissions: YamlEntry | undefined; reusable: boolean; defaultShell: string | undefined; triggers: Omit<GithubRunFacts, "environment"> },
): CiJob {
  const { doc, file } = w;
  const node = entry.value;
  const where = `job ${entry.key} in ${file.path}`;
  const anchor = doc.range(entry.keyNode);
  const env = ciContext(w, { where, anchor, parent: workflow.workflowEnv, own: envSettings(w, doc.entry(node, "env"), where) });
  const calls = locatedNode(doc, doc.get(node, "uses"));
  registryCredentials(w, doc.get(node, "container"), `container of ${where}`);
  for (const service of doc.entries(doc.get(node, "services"))) registryCredentials(w, service.value, `service ${service.key} of ${where}`);
  const steps: CiStep[] = [];
  const job: CiJob = {
    kind: "ci-job",
    platform: "github",
    file,
    name: entry.key,
    anchor,
    where,
    env,
    steps,
    permissions: permissionsOf(doc, file, doc.entry(node, "permissions"), workflow.permissions),
    reusable: workflow.reusable,
    ...(calls ? { calls } : {}),
    idTokens: [],
    runsOn: { ...workflow.triggers, ...environmentOf(doc, doc.get(node, "environment")) },
  };
  const shell = shellOf(doc, doc.get(node, "defaults")) ?? workflow.defaultShell;
  doc.items(doc.get(node, "steps")).forEach((step, index) => {
    if (doc.isMap(step)) steps.push(readStep(w, step, index, job, shell));
  });
  if (calls) steps.push(callStep(w, node, calls, job));
  return job;
}

/**
 * The call of a reusable workflow as the job's one step: `with:` entries (the called workflow's inputs) and the
 * `secrets:` it passes are its inputs, the workflow reference is its `uses`.
 */
function callStep(w: Walk, node: Node | undefined, calls: Located, job: CiJob): CiStep {
  const { doc, file } = w;
  const where = `call of ${calls.text} in ${job.where}`;
  const inputs = [...doc.entries(doc.get(node, "with")), ...doc.entries(doc.get(node, "secrets"))].map((e) =>
    keepSetting(w, setting(w, e, where, "input", providerOfVar(e.key))),
  );
  const env = ciContext(w, { where, anchor: calls.range, parent: job.env, own: [] });
  return makeStep({ job, file, index: 0, where, anchor: calls.range, uses: calls, action: actionName(calls.text), inputs, env });
}

/** `container:` / `services.<name>:` registry credentials (`credentials: { username, password }`): settings only. */
function registryCredentials(w: Walk, node: Node | undefined, where: string): void {
  for (const e of w.doc.entries(w.doc.get(node, "credentials"))) keepSetting(w, setting(w, e, where, "input", "generic"));
}

/** `runs.using: composite` as a pseudo-job named after the action's directory; its permissions are the caller's. */
function readComposite(w: Walk): Pick<CiFileResult, "jobs" | "composite"> {
  const { doc, file } = w;
  const runs = doc.entry(doc.root, "runs");
  if (!runs || doc.text(doc.get(runs.value, "using"))?.trim().toLowerCase() !== "composite") return { jobs: [] };
  const slash = file.path.lastIndexOf("/");
  const dir = slash === -1 ? "" : file.path.slice(0, slash);
  const where = `composite action ${file.path}`;
  const anchor = doc.range(runs.keyNode);
  const steps: CiStep[] = [];
  const job: CiJob = {
    kind: "ci-job",
    platform: "github",
    file,
    name: dir || ".",
    anchor,
    where,
    env: ciContext(w, { where, anchor, own: [] }),
    steps,
    idTokens: [],
  };
  doc.items(doc.get(runs.value, "steps")).forEach((step, index) => {
    if (doc.isMap(step)) steps.push(readStep(w, step, index, job, undefined));
  });
  return { jobs: [job], composite: { kind: "composite-action", file, dir, job } };
}

function readStep(w: Walk, step: Node, index: number, job: CiJob, defaultShell: string | undefined): CiStep {
  const { doc, file } = w;
  const name = doc.text(doc.get(step, "name"));
  const where = `step ${name ? `"${name}"` : index + 1} of ${job.where}`;
  const uses = locatedNode(doc, doc.get(step, "uses"));
  const run = doc.entry(step, "run");
  const anchor = uses?.range ?? (run ? doc.range(run.keyNode) : firstKey(doc, step));
  const own = envSettings(w, doc.entry(step, "env"), where);
  const shell = doc.text(doc.get(step, "shell")) ?? defaultShell;
  const script =
    run && !NOT_SHELL.test(shell?.trim() ?? "")
      ? readShellLines(file, doc.scriptLines(run.value), { where, references: "github-run" })
      : { own: [], commands: [] };
  for (const s of script.own) keepSetting(w, s);
  const env = ciContext(w, { where, anchor, parent: job.env, own: [...own, ...script.own], commands: script.commands });
  const action = uses ? actionName(uses.text) : undefined;
  // A login action's inputs belong to its cloud whatever their names (`creds`, `workload_identity_provider`); so
  // do those of Google's and Microsoft's own actions (`region` of deploy-cloudrun, `location` of get-gke-credentials).
  const login = action === undefined ? undefined : loginActionOf(action);
  const provider = login ? LOGIN_PROVIDER[login] : action === undefined ? undefined : vendorProvider(action);
  const inputs = doc.entries(doc.get(step, "with")).map((e) => keepSetting(w, setting(w, e, where, "input", provider ?? providerOfVar(e.key))));
  return makeStep({
    job,
    file,
    index,
    where,
    anchor,
    ...(uses ? { uses, action } : {}),
    inputs,
    env,
  });
}

/**
 * The permissions in effect (reference §6.1): the job's block replaces the workflow's, and a block that names
 * any permission but not `id-token` leaves it at none.
 */
function permissionsOf(doc: YamlDoc, file: SourceFile, job: YamlEntry | undefined, workflow: YamlEntry | undefined): CiPermissions {
  const entry = job ?? workflow;
  if (!entry) return { source: "default", file, idToken: "none" };
  return { source: job ? "job" : "workflow", range: doc.range(entry.keyNode), file, idToken: idTokenOf(doc, entry.value) };
}

function idTokenOf(doc: YamlDoc, node: Node | undefined): CiPermissions["idToken"] {
  if (doc.isMap(node)) {
    const level = doc.entry(node, "id-token");
    if (!level) return "none";
    const text = doc.text(level.value);
    return text === "write" || text === "read" || text === "none" ? text : "unknown";
  }
  const text = doc.text(node);
  // `read-all` grants read on every scope, and id-token has no read level that fetches a token.
  return text === "write-all" ? "write" : text === "read-all" ? "none" : "unknown";
}

/**
 * Whether the workflow runs only when called (`on: workflow_call`, `on: [workflow_call]`,
 * `on: { workflow_call: … }`): then its jobs' tokens are capped by the caller. A workflow that also has
 * other triggers (`push`, `workflow_dispatch`) runs on its own too, with its own permissions, and is judged so.
 */
function isWorkflowCall(doc: YamlDoc, on: Node | undefined): boolean {
  const triggers = doc.isMap(on) ? doc.entries(on).map((e) => e.key) : (doc.items(on).length ? doc.items(on) : [on]).map((n) => doc.text(n));
  return triggers.length > 0 && triggers.every((t) => t === "workflow_call");
}

/** The workflow's trigger events, and `on.push`'s branch and tag filters. */
function triggersOf(doc: YamlDoc, on: Node | undefined): Omit<GithubRunFacts, "environment"> {
  if (!doc.isMap(on)) {
    const events = (doc.items(on).length ? doc.items(on) : [on]).flatMap((n) => doc.text(n)?.trim() || []);
    return { events };
  }
  const events = doc.entries(on).map((e) => e.key);
  const push = doc.get(on, "push");
  const list = (key: string): string[] | undefined => {
    const n = doc.get(push, key);
    if (!n) return undefined;
    const items = doc.items(n);
    return (items.length ? items : [n]).flatMap((i) => doc.text(i)?.trim() || []);
  };
  const pushBranches = list("branches");
  const pushTags = list("tags");
  return { events, ...(pushBranches ? { pushBranches } : {}), ...(pushTags ? { pushTags } : {}) };
}

/** `environment: prod` or `environment: { name: prod, url: … }`. */
function environmentOf(doc: YamlDoc, node: Node | undefined): { environment?: Located } {
  const name = doc.isMap(node) ? doc.get(node, "name") : node;
  const located = locatedNode(doc, name ?? undefined);
  return located ? { environment: located } : {};
}

/** `defaults: run: shell:` of a workflow or job. */
function shellOf(doc: YamlDoc, defaults: Node | undefined): string | undefined {
  return doc.text(doc.get(doc.get(defaults, "run"), "shell"));
}

function envSettings(w: Walk, env: YamlEntry | undefined, where: string): Setting[] {
  return w.doc.entries(env?.value).map((e) => keepSetting(w, setting(w, e, where, "env", providerOfVar(e.key))));
}

/** The cloud of an action published by the cloud's own organisation: `google-github-actions/*`, `azure/*`. */
function vendorProvider(action: string): Provider | undefined {
  if (action.startsWith("google-github-actions/")) return "gcp";
  if (action.startsWith("azure/")) return "azure";
  return undefined;
}

function setting(w: Walk, entry: YamlEntry, where: string, syntax: SettingSyntax, provider: Provider): Setting {
  return w.doc.setting(entry, { provider, where, syntax, references: "github" });
}

