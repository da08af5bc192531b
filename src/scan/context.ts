/**
 * The rest of the repository that one file's cross-file findings depend on — for `--staged` (read from the
 * git index) and for the editor (read from disk). Cross-file rules link a file to a few others: a profile
 * named in a workflow, an `.env` or code to the AWS `config`/`credentials` files that define it
 * (profile-reference, mfa-config); a workflow or composite action to the CI files that call or include it
 * (oidc-permissions through reusable workflows, GitLab includes). `neededContext` says which of these a file
 * can need, `isContextPath` which repository paths could provide it.
 *
 * `editorContext` reads them from disk for the ESLint plugin: the file list (git's, or the walk's) is kept for
 * a few seconds per repository, and each context file's model is kept until its size or modification time
 * changes — so a long editor session re-reads only what was edited, and sees an edit as soon as it is saved.
 */
import { statSync } from "node:fs";
import { isIgnoredByConfig } from "../config/match.js";
import { baseName, dirName } from "../knowledge/paths.js";
import type { CredlintConfig } from "../model/config.js";
import type { FileModel } from "../model/file-model.js";
import { makeSourceFile } from "../model/source.js";
import { FORMATS } from "../formats/registry.js";
import { classify } from "./classify.js";
import { discover } from "./discover.js";
import { fileScanSettings } from "./pipeline.js";
import { parseFile } from "./parse.js";
import { DEFAULT_MAX_FILE_SIZE, readSource } from "./read.js";

/** AWS shared files by path, or by name (classified by content once read). */
export function isPossiblyAws(path: string): boolean {
  const kind = classify(path, () => "");
  return kind === "aws-config" || kind === "aws-credentials" || /(?:^|\/)(?:config|credentials)$/.test(path);
}

/** CI files that name other files of the repository (reusable workflows, composite actions, includes): the registry's `links`. */
export const LINKING_CI_KINDS: ReadonlySet<string> = new Set(FORMATS.filter((f) => f.links).map((f) => f.kind));

/**
 * Text that names an AWS profile: a source_profile, AWS_PROFILE, a --profile flag, fromIni({ profile }), boto3's
 * profile_name=, Terraform's `profile =` (and a tfvars `staging_profile =` that a provider's var.x reads).
 */
const NAMES_PROFILE = /source_profile|AWS_(?:DEFAULT_)?PROFILE|--(?:aws-)?profile|\bprofile\s*:|profile(?:_name)?\s*=/;

export interface ContextNeed {
  /** Every AWS config and credentials file (a file names a profile). */
  readonly aws: boolean;
  /** The other file of an AWS pair (`config` ↔ `credentials` in the same folder), as repository paths. */
  readonly siblings: readonly string[];
  readonly ci: boolean;
  /**
   * Base names of code files that pass a region: the CI files that run one of them (region-mismatch judges
   * the client's region against the step's), told by their text once read (`keepsContext`).
   */
  readonly runBy: readonly string[];
  readonly gitlabIncludes: boolean;
  /** Folders whose files a file reads with it (a Terraform module), as repository paths (`""` for the top). */
  readonly folders: readonly { readonly dir: string; readonly match: RegExp }[];
}

/** The folders the files' formats read with them (the registry's `folder`). */
function foldersOf(files: readonly { path: string; kind: string }[]): { dir: string; match: RegExp }[] {
  const out = new Map<string, { dir: string; match: RegExp }>();
  for (const f of files) {
    const match = FORMATS.find((x) => x.kind === f.kind)?.folder;
    if (match) out.set(`${dirName(f.path)}\0${match.source}`, { dir: dirName(f.path), match });
  }
  return [...out.values()];
}

/** The file that completes an AWS config or credentials file: the other one of the pair, in the same folder. */
export function awsSibling(file: { path: string; kind: string }): string | undefined {
  if (file.kind !== "aws-config" && file.kind !== "aws-credentials") return undefined;
  const slash = file.path.lastIndexOf("/");
  return `${slash >= 0 ? file.path.slice(0, slash + 1) : ""}${file.kind === "aws-config" ? "credentials" : "config"}`;
}

/**
 * What some files need from the rest of the repository: the AWS config and credentials files when one names
 * a profile, the other file of its pair when it is one of them; the other CI files when a workflow, composite action or GitLab file can call or include them;
 * any YAML file when a GitLab file has an `include:`. Keeping this narrow keeps a pre-commit hook and an
 * editor keystroke from reading the repository for nothing.
 */
/** The kinds a role trust policy or identity provider is written in, and the text that says one is. */
const TRUST_KINDS: ReadonlySet<string> = new Set(["terraform", "cloudformation", "iam-policy"]);
const CODE_KINDS: ReadonlySet<string> = new Set(["js-ts", "python"]);
/** A region option in code: `region: "…"`, `region_name="…"`. */
const CODE_REGION = /\bregion(?:_name)?\s*[:=]/;
const TRUST_TEXT = /AssumeRoleWithWebIdentity|"?Federated"?|federated_identity_credential|openid_connect_provider|OIDCProvider/;

export function neededContext(files: readonly { path: string; kind: string; text: string }[]): ContextNeed {
  const paths = new Set(files.map((f) => f.path));
  return {
    aws: files.some((f) => NAMES_PROFILE.test(f.text)),
    // The config and credentials files complete each other: a profile's role in one, its keys in the other.
    siblings: [...new Set(files.map(awsSibling).filter((p): p is string => p !== undefined && !paths.has(p)))],
    // A trust policy is judged with the audiences the repository's workflows request (oidc-trust-policy).
    ci: files.some((f) => LINKING_CI_KINDS.has(f.kind) || (TRUST_KINDS.has(f.kind) && TRUST_TEXT.test(f.text))),
    // Code that passes a region, with the region of the CI step that runs it (region-mismatch).
    runBy: [...new Set(files.filter((f) => CODE_KINDS.has(f.kind) && CODE_REGION.test(f.text)).map((f) => baseName(f.path)))],
    // A GitLab include can name any YAML file: only then are they worth reading.
    gitlabIncludes: files.some((f) => f.kind === "gitlab-ci" && /^include\s*:/m.test(f.text)),
    folders: foldersOf(files),
  };
}

export function needsAny(need: ContextNeed): boolean {
  return need.aws || need.siblings.length > 0 || need.ci || need.runBy.length > 0 || need.gitlabIncludes || need.folders.length > 0;
}

/**
 * Whether a context file, once read, is kept: one listed only because it may run code of `runBy` is kept when
 * its text names one of those files (a repository's other workflows are read, and dropped, not analysed).
 */
export function keepsContext(need: ContextNeed, path: string, text: string): boolean {
  if (need.runBy.length === 0) return true;
  const other: ContextNeed = { ...need, runBy: [] };
  return isContextPath(other, path) || need.runBy.some((name) => text.includes(name));
}

/** Whether a repository path can provide what `need` asks for. */
export function isContextPath(need: ContextNeed, path: string): boolean {
  return (
    (need.aws && isPossiblyAws(path)) ||
    need.siblings.includes(path) ||
    ((need.ci || need.runBy.length > 0) && LINKING_CI_KINDS.has(classify(path, () => ""))) ||
    (need.gitlabIncludes && /\.ya?ml$/i.test(path)) ||
    need.folders.some((f) => dirName(path) === f.dir && f.match.test(path))
  );
}

/** How long the editor keeps a repository's file list: new files show up within this time. */
const LISTING_TTL_MS = 5000;

type Listed = { absPath: string; path: string; projectPath: string };
/** A repository's file list, and the files it holds for each kind of need asked of it so far. */
const listings = new Map<string, { readonly at: number; readonly files: readonly Listed[]; readonly byNeed: Map<string, readonly Listed[]> }>();
const models = new Map<string, { readonly size: number; readonly mtimeMs: number; readonly model: FileModel | undefined }>();

function listing(root: string, now: number): { readonly files: readonly Listed[]; readonly byNeed: Map<string, readonly Listed[]> } {
  const cached = listings.get(root);
  if (cached && now - cached.at < LISTING_TTL_MS) return cached;
  const fresh = { at: now, files: discover(["."], root).files, byNeed: new Map<string, readonly Listed[]>() };
  listings.set(root, fresh);
  return fresh;
}

/**
 * The listed files that can provide what `need` asks for. Files of one kind ask the same (every file that
 * names a profile needs the AWS files): the answer is kept with the listing, so `eslint .` over a repository
 * filters its file list once per kind of need, not once per file.
 */
function contextPaths(root: string, need: ContextNeed, now: number): readonly Listed[] {
  const { files, byNeed } = listing(root, now);
  const key = JSON.stringify([need.aws, need.siblings, need.ci, need.runBy.length > 0, need.gitlabIncludes, need.folders.map((f) => [f.dir, f.match.source])]);
  let paths = byNeed.get(key);
  if (!paths) {
    paths = files.filter((f) => isContextPath(need, f.path));
    byNeed.set(key, paths);
  }
  return paths;
}

/** One context file's model, re-read only when its size or modification time changed. */
function contextModel(absPath: string, rel: string, projectPath: string, config: CredlintConfig | undefined): FileModel | undefined {
  let size: number;
  let mtimeMs: number;
  try {
    const st = statSync(absPath);
    size = st.size;
    mtimeMs = st.mtimeMs;
  } catch {
    models.delete(absPath);
    return undefined;
  }
  const cached = models.get(absPath);
  if (cached && cached.size === size && cached.mtimeMs === mtimeMs) return cached.model;
  const read = readSource(absPath, config?.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
  let model: FileModel | undefined;
  if (read.kind === "text") {
    const settings = fileScanSettings(config, absPath);
    model = parseFile(makeSourceFile(rel, settings.kind ?? classify(rel, () => read.text.slice(0, 4096)), read.text, projectPath), settings);
  }
  models.set(absPath, { size, mtimeMs, model });
  return model;
}

/**
 * The models of the files `file` (repository-relative, as the editor holds it) needs for its cross-file
 * findings, read from disk under `root`; the file itself is left out (the editor's text is newer).
 */
export function editorContext(root: string, file: { path: string; kind: string; text: string }, configFor: (absPath: string) => CredlintConfig | undefined, now = Date.now()): FileModel[] {
  const need = neededContext([file]);
  if (!needsAny(need)) return [];
  const out: FileModel[] = [];
  for (const f of contextPaths(root, need, now)) {
    if (f.path === file.path) continue;
    const config = configFor(f.absPath);
    if (config && isIgnoredByConfig(config, f.absPath)) continue;
    const model = contextModel(f.absPath, f.path, f.projectPath, config);
    if (model && keepsContext(need, f.path, model.file.text)) out.push(model);
  }
  return out;
}

/** Forgets every cached listing and model (tests; an editor never needs it). */
export function clearEditorContext(): void {
  listings.clear();
  models.clear();
}

