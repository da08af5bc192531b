/**
 * Who reads the region variables an env context sets (reference §1.6 and its errata): region-mismatch asks
 * this before it says that a context setting only AWS_REGION or only AWS_DEFAULT_REGION leaves a reader
 * without a region.
 *
 * The readers that miss one of the two are the repository's own AWS SDK code: the JavaScript SDK v3 reads
 * only `AWS_REGION`, boto3/botocore only `AWS_DEFAULT_REGION`. The tools that read both (or never fail for
 * want of a region) are not readers that miss anything:
 * - the AWS CDK CLI reads `AWS_REGION`, `AMAZON_REGION`, `AWS_DEFAULT_REGION`, `AMAZON_DEFAULT_REGION`, then
 *   the profile's `region`, and otherwise uses us-east-1 (aws/aws-cdk-cli@3844f1ae,
 *   `packages/@aws-cdk/toolkit-lib/lib/api/aws-auth/awscli-compatible.ts`, `AwsCliCompatible.region`) —
 *   although it is a JavaScript SDK v3 user;
 * - the Serverless Framework takes `--region`, then `provider.region`, and otherwise us-east-1
 *   (serverless/serverless `lib/plugins/aws/provider.js`, `getRegion`);
 * - the AWS CLI v2, the Go SDK and Terraform read both;
 * - package installs (`npm ci`, `yarn install`, `pip install`, `poetry install`) run no SDK code at all.
 *
 * Where the code is:
 * - CI jobs and shell scripts: a command of the context must run SDK code (`node`, `npm test`, `npx
 *   jest` / `python`, `pytest`, `poetry run`, `sam`), and the repository must have such code. Scripts and
 *   `make` targets a command calls are not followed.
 * - dotenv files (and Dockerfile stages, whose `ENV` the image's program reads): the programs of the project
 *   the file belongs to — the nearest folder above it with a package manifest — read it, in that project's
 *   language: Node.js for a `package.json`, Python for a `pyproject.toml`, `setup.py`, `setup.cfg`,
 *   `requirements*.txt` or `Pipfile`. Only SDK code of that project counts; code in a nested folder with a
 *   manifest of its own (a Lambda function with its `requirements.txt`) is another project. Without any
 *   manifest above the file, the repository root is the project, in both languages.
 * Code in examples, docs, vendored and generated files does not count: it is not what runs with the
 * repository's environment.
 */
import { dirName } from "../knowledge/paths.js";
import type { EnvCommand, EnvContext } from "./env.js";
import type { RepoModel } from "./repo.js";
import type { SourceFile } from "./source.js";

export type SdkFamily = "js" | "python";

/** What a command runs, for the region variables: SDK code of one family, a tool reading both, or nothing. */
type CommandReader = SdkFamily | "both" | "none";

/** For messages: which code reads the variable, and where. */
export interface RegionReaders {
  readonly js?: string;
  readonly python?: string;
}

const JS_SDK_IMPORT = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*)["'`]@aws-sdk\/(?:client-|lib-)[\w-]+["'`]/;
const BOTO_IMPORT = /^\s*(?:import|from)\s+(?:boto3|botocore)\b/m;
const JS_FILE = /\.(?:js|cjs|mjs|jsx|ts|cts|mts|tsx)$/i;
const JS_MANIFEST = /(?:^|\/)package\.json$/;
const PYTHON_MANIFEST = /(?:^|\/)(?:pyproject\.toml|setup\.py|setup\.cfg|requirements[\w.-]*\.txt|Pipfile)$/;

interface SdkCode {
  readonly files: ReadonlyMap<SdkFamily, readonly SourceFile[]>;
  /**
   * `files` by the project folder each is in (`projectOf`), in their order: grouped once, not per env file
   * asking (hundreds of `.env` files and thousands of SDK files asked `projectOf` millions of times).
   */
  readonly byProject: ReadonlyMap<SdkFamily, ReadonlyMap<string, readonly SourceFile[]>>;
  /** Folders (`""` for the root) holding a package manifest, with the languages their manifests are for. */
  readonly projects: ReadonlyMap<string, ReadonlySet<SdkFamily>>;
  /** Python files by base name: whether one of that name uses boto3 (`python tools/proxy.py` runs it). */
  readonly pythonScripts: ReadonlyMap<string, boolean>;
}

const cache = new WeakMap<RepoModel, SdkCode>();

/** The repository's own SDK code by family, and its project folders: computed once per scan. */
function sdkCode(repo: RepoModel): SdkCode {
  let code = cache.get(repo);
  if (code) return code;
  const js: SourceFile[] = [];
  const python: SourceFile[] = [];
  const projects = new Map<string, Set<SdkFamily>>();
  const manifest = (path: string, family: SdkFamily) => {
    const dir = dirName(path);
    projects.set(dir, (projects.get(dir) ?? new Set<SdkFamily>()).add(family));
  };
  const pythonScripts = new Map<string, boolean>();
  // The layout from every file read: manifests and scripts without an SDK call are dropped from `files` as inert.
  for (const path of repo.paths) {
    if (/\.py$/.test(path)) {
      const name = path.slice(path.lastIndexOf("/") + 1);
      if (!pythonScripts.has(name)) pythonScripts.set(name, false);
    }
    if (JS_MANIFEST.test(path)) manifest(path, "js");
    else if (PYTHON_MANIFEST.test(path)) manifest(path, "python");
  }
  for (const f of repo.files) {
    // `includes` first: a plain substring search skips the files without the SDK before any regex runs.
    const script = /\.py$/.test(f.path) && !f.facts.vendored;
    const boto = script && f.text.includes("boto") && BOTO_IMPORT.test(f.text);
    if (script) {
      const name = f.path.slice(f.path.lastIndexOf("/") + 1);
      pythonScripts.set(name, (pythonScripts.get(name) ?? false) || boto);
    }
    const facts = f.facts;
    if (facts.example || facts.docs || facts.vendored || facts.generated) continue;
    if (JS_FILE.test(f.path) && f.text.includes("@aws-sdk/") && JS_SDK_IMPORT.test(f.text)) js.push(f);
    else if (boto) python.push(f);
  }
  const byProject = new Map<SdkFamily, Map<string, SourceFile[]>>([
    ["js", groupByProject(js, projects)],
    ["python", groupByProject(python, projects)],
  ]);
  code = { files: new Map([["js", js], ["python", python]]), byProject, projects, pythonScripts };
  cache.set(repo, code);
  return code;
}

/** Each file under the project folder it is in, in their order. */
function groupByProject(files: readonly SourceFile[], projects: ReadonlyMap<string, unknown>): Map<string, SourceFile[]> {
  const by = new Map<string, SourceFile[]>();
  for (const f of files) {
    const project = projectOf(f.path, projects);
    const list = by.get(project);
    if (list) list.push(f);
    else by.set(project, [f]);
  }
  return by;
}

/** The project folder a file belongs to: the nearest folder above it with a package manifest, else the root. */
function projectOf(path: string, projects: ReadonlyMap<string, unknown>): string {
  for (let dir = dirName(path); ; dir = dirName(dir)) {
    if (projects.has(dir)) return dir;
    if (dir === "") return "";
  }
}

const INSTALL = new Set([
  "ci", "install", "i", "add", "update", "upgrade", "up", "audit", "publish", "pack", "version", "config", "cache", "link",
  "global", "remove", "rm", "uninstall", "outdated", "ls", "list", "why", "init", "create", "set", "login", "whoami",
  "dedupe", "prune", "rebuild", "fetch", "import", "licenses", "info", "view", "help", "lock", "sync", "venv", "pip",
  "build", "workspaces", "--version", "-v",
]);
const CDK = /^(?:cdk|aws-cdk|cdklocal|aws-cdk-local)(?:@.*)?$/;
const SERVERLESS = /^(?:serverless|sls|osls)(?:@.*)?$/;
const WRAPPERS = new Set(["sudo", "time", "exec", "env", "command", "nohup", "xvfb-run"]);

function baseName(word: string): string {
  return word.replace(/^["']|["']$/g, "").replace(/^.*\//, "");
}

/** A tool run through `npx`, `npm exec`, `yarn`, `poetry run`, …: the CDK and Serverless CLIs, or JS code. */
function toolReader(words: readonly string[], fallback: SdkFamily): CommandReader {
  const tool = words.find((w) => !w.startsWith("-"));
  if (tool === undefined) return "none";
  const name = baseName(tool);
  if (CDK.test(name)) return "both";
  if (SERVERLESS.test(name)) return "none";
  const inner = wordsReader(words.slice(words.indexOf(tool)));
  return inner === "none" ? fallback : inner;
}

/** What one simple command (`npx cdk deploy`, `python -m pytest`) reads. */
function wordsReader(all: readonly string[]): CommandReader {
  let i = 0;
  while (i < all.length && (/^[A-Za-z_]\w*=/.test(all[i] ?? "") || WRAPPERS.has(all[i] ?? ""))) i++;
  const [first, ...rest] = all.slice(i);
  if (first === undefined) return "none";
  const cmd = baseName(first);
  const sub = rest.find((w) => !w.startsWith("-"));
  const after = sub === undefined ? [] : rest.slice(rest.indexOf(sub) + 1);
  if (CDK.test(cmd)) return "both";
  if (SERVERLESS.test(cmd)) return "none";
  if (/^(?:node|nodejs|ts-node|tsx|jest|vitest|mocha|deno)$/.test(cmd)) return "js";
  if (/^(?:npx|pnpx|bunx)$/.test(cmd)) return toolReader(rest, "js");
  if (/^(?:npm|pnpm|yarn|bun)$/.test(cmd)) {
    if (sub === undefined || INSTALL.has(sub)) return "none";
    if (sub === "exec" || sub === "x" || sub === "dlx") return toolReader(after, "js");
    // `npm run cdk -- deploy`: the aws-cdk app template's "cdk" script runs the CDK CLI.
    if (sub === "run" || sub === "run-script") return after[0] !== undefined && CDK.test(after[0]) ? "both" : "js";
    return CDK.test(sub) ? "both" : SERVERLESS.test(sub) ? "none" : "js";
  }
  if (/^python(?:\d+(?:\.\d+)?)?$|^py$/.test(cmd)) {
    if (rest[0] === "-m" && /^(?:pip|venv|ensurepip|virtualenv|pipx|build|twine)$/.test(rest[1] ?? "")) return "none";
    // `python3 -c "import sys,json; …"` runs only the code it is given: an SDK reader only if that imports it.
    if (rest[0] === "-c") return /\b(?:boto3|botocore)\b/.test(rest.join(" ")) ? "python" : "none";
    return "python";
  }
  if (/^(?:pytest|py\.test|tox|nox|behave|ansible-playbook|ansible|sam)$/.test(cmd)) return "python";
  if (/^(?:poetry|pipenv|uv|hatch|pdm)$/.test(cmd)) return sub === "run" ? toolReader(after, "python") : "none";
  return "none";
}

/**
 * Whether every `python … script.py` in a command runs a script of the repository that does not use boto3
 * (`exec python3 "${SCRIPT_DIR}/proxy.py"`): then it reads no region, whatever other Python code exists.
 */
function runsScriptWithoutSdk(text: string, scripts: ReadonlyMap<string, boolean>): boolean {
  const named = [...text.matchAll(/\bpython[\d.]*\s+(?:-\S+\s+)*["']?[^\s"']*?([\w.-]+\.py)\b/g)].map((m) => m[1] ?? "");
  return named.length > 0 && named.every((n) => scripts.get(n) === false);
}

/** The readers one command line runs: every simple command of `cd app && npm ci && npm test`. */
function commandReaders(text: string): Set<CommandReader> {
  const out = new Set<CommandReader>();
  for (const part of text.split(/&&|\|\||[;|&\n()]/)) out.add(wordsReader(part.trim().split(/\s+/).filter((w) => w !== "")));
  return out;
}

/** A command for a message: its first line, at most 60 characters, in backticks. */
export function commandLabel(command: EnvCommand): string {
  return `\`${command.text.trim().split("\n")[0]?.slice(0, 60)}\``;
}

function codeLabel(family: SdkFamily, files: readonly SourceFile[]): string | undefined {
  const [first] = files;
  if (!first) return undefined;
  const what = family === "js" ? "the JavaScript SDK v3 code" : "the boto3 code";
  return `${what} in ${first.path}${files.length > 1 ? ` (and ${files.length - 1} more file${files.length > 2 ? "s" : ""})` : ""}`;
}

/**
 * The SDK code that reads this context's region variables and would miss one of them (see the module
 * comment), labelled for a message: the command that runs it in CI and scripts, the code itself for dotenv
 * files and Dockerfile stages.
 */
export function regionReaders(env: EnvContext, repo: RepoModel): RegionReaders {
  const code = sdkCode(repo);
  const js = code.files.get("js") ?? [];
  const python = code.files.get("python") ?? [];
  if (!env.ci && env.syntax !== "shell") {
    const project = projectOf(env.file.path, code.projects);
    const languages = code.projects.get(project);
    const readers = (family: SdkFamily) => (languages && !languages.has(family) ? [] : (code.byProject.get(family)?.get(project) ?? []));
    const jsLabel = codeLabel("js", readers("js"));
    const pyLabel = codeLabel("python", readers("python"));
    return { ...(jsLabel ? { js: jsLabel } : {}), ...(pyLabel ? { python: pyLabel } : {}) };
  }
  let jsLabel: string | undefined;
  let pyLabel: string | undefined;
  for (const c of repo.ci.within(env)) {
    for (const cmd of c.commands) {
      const readers = commandReaders(cmd.text);
      // The last matching command is usually the one that does the work.
      if (js.length > 0 && readers.has("js")) jsLabel = commandLabel(cmd);
      if (python.length > 0 && readers.has("python") && !runsScriptWithoutSdk(cmd.text, code.pythonScripts)) pyLabel = commandLabel(cmd);
    }
  }
  return { ...(jsLabel ? { js: jsLabel } : {}), ...(pyLabel ? { python: pyLabel } : {}) };
}

/**
 * The files of the repository a command runs directly (`node scripts/export.js`, `python3 -u tools/rotate.py`,
 * `npx tsx src/jobs/sync.ts`, `poetry run python app/sync.py`): repository-relative paths as written, `./`
 * dropped, none above the working folder.
 */
export function scriptsRun(command: string): string[] {
  const out: string[] = [];
  const re =
    /(?:^|[\s;&|(])(?:node|nodejs|ts-node|tsx|python[\d.]*|py|(?:npx|pnpx|bunx|pnpm\s+exec|npm\s+exec|yarn)\s+(?:--\S+\s+)*(?:ts-node|tsx))\s+(?:-[-\w=]*\s+)*["']?(?:\.\/)?([\w@][\w@./-]*\.(?:js|mjs|cjs|ts|mts|cts|py))\b/g;
  for (const m of command.matchAll(re)) if (m[1] && !m[1].includes("..")) out.push(m[1]);
  return out;
}

/** Of `paths`, the one a script path names: the path itself, or the only one ending with it (a `working-directory`, a `cd`). */
export function scriptFile(script: string, paths: Iterable<string>): string | undefined {
  const all = [...paths];
  if (all.includes(script)) return script;
  const ending = all.filter((p) => p.endsWith(`/${script}`));
  return ending.length === 1 ? ending[0] : undefined;
}
