import { isTemplate } from "../formats/template.js";
import { buildCiModel } from "../model/build-ci.js";
import type { EnvContext } from "../model/env.js";
import { awsFieldOf } from "../knowledge/aws-fields.js";
import type { IniDocument } from "../model/aws-ini.js";
import { buildAwsModel } from "../model/build-aws.js";
import { bindTerraformVariables, bindTrustVariables } from "../model/build-terraform.js";
import type { FileModel } from "../model/file-model.js";
import { callShown } from "../model/sdk-call.js";
import type { Finding } from "../model/finding.js";
import type { ProfileReference, RepoModel } from "../model/repo.js";
import type { AnyRule, OptionsLookup } from "../model/rule.js";
import type { CredlintConfig } from "../model/config.js";
import type { Snippet } from "../model/finding.js";
import { isIgnoredByConfig, kindFromConfig } from "../config/match.js";
import nodePath from "node:path";
import { installedPackageRoots, isInstalledPackageFile } from "../knowledge/paths.js";
import { makeSourceFile, type FileKind, type Range, type SourceFile } from "../model/source.js";
import { withSettings } from "../secrets/candidates.js";
import { classify, looksLikeAwsFile } from "./classify.js";
import { parseErrorFinding, readerErrorMessage } from "./diagnostics.js";
import { discover } from "./discover.js";
import { buildSnippet, runRules } from "./engine.js";
import { sortFindings } from "../model/finding.js";
import { DEFAULT_MAX_FILE_SIZE, readSource, type ReadResult } from "./read.js";
import { availableWorkers, processAll, requestedWorkers, sizeYoungGeneration, startPool, stopPool, type FileOutcome, type FileTask } from "./pool.js";
import { parseFile, secretRangesOf, type FileScanSettings } from "./parse.js";

export { parseFile, type FileScanSettings } from "./parse.js";

export interface ScanOptions {
  readonly paths: readonly string[];
  readonly cwd: string;
  readonly rules: readonly AnyRule[];
  /** `--max-file-size`: overrides every config's `maxFileSize`. */
  readonly maxFileSize?: number;
  /** The config that applies to a file (absolute path): its ignores, file kinds, size cap, patterns, rule options. */
  readonly configFor?: (absPath: string) => CredlintConfig | undefined;
  /** Worker threads for the parse stage (default: from CREDLINT_WORKERS and the machine, see pool.ts). */
  readonly workers?: number;
  /** Called as files are done (the CLI's progress line). */
  readonly onProgress?: (done: number, total: number) => void;
}

function taskSettings(task: FileTask, outcome?: FileOutcome): FileScanSettings {
  const ahead = outcome && "ahead" in outcome ? outcome.ahead : undefined;
  return {
    ...(task.kind ? { kind: task.kind } : {}),
    ...(task.secretPatterns ? { secretPatterns: task.secretPatterns } : {}),
    ...ahead,
  };
}

/** The config's settings for one file, or none. */
export function fileScanSettings(config: CredlintConfig | undefined, absPath: string): FileScanSettings {
  if (!config) return {};
  const kind = kindFromConfig(config, absPath);
  return { ...(kind ? { kind } : {}), ...(config.secretPatterns.length > 0 ? { secretPatterns: config.secretPatterns } : {}) };
}

/** Rule options by file, from the config that applies to each file (`root`: what file paths are relative to). */
export function optionsLookup(root: string, configFor: ((absPath: string) => CredlintConfig | undefined) | undefined): OptionsLookup | undefined {
  if (!configFor) return undefined;
  return (ruleId, file) => configFor(nodePath.join(root, file.path))?.rules.get(ruleId)?.options;
}

export interface ScanStats {
  filesScanned: number;
  /** Of the files scanned, those machine-written (minified bundles, source maps, lockfiles, generated code): read for unmistakable secret shapes only. */
  generated: number;
  /** Files the config's `ignore` leaves out (not read). */
  ignored: number;
  skippedBinary: number;
  skippedTooLarge: number;
  skippedSymlinks: number;
  unreadable: number;
}

/** Why a file found was not scanned. */
export type SkipCause = "binary" | "too-large" | "symlink" | "ignored" | "unreadable" | "generated";

export interface SkippedFile {
  readonly path: string;
  /** `generated`: read, but for unmistakable secret shapes only (a minified bundle, a lockfile, generated code). */
  readonly cause: SkipCause;
  /** For `too-large`: the size in bytes; for `unreadable`: what the system said. */
  readonly detail?: string;
}

export interface ScanResult {
  readonly root: string;
  readonly findings: Finding[];
  /**
   * The files that matter to the findings, parsed (for the filter stage's directives, fixes and SARIF line
   * hashes). Files the parse stage found inert are not kept: see `scanned` for every file read.
   */
  readonly files: readonly SourceFile[];
  /** Every text file the scan read (repository-relative): what a baseline may prune. */
  readonly scanned: readonly string[];
  readonly stats: ScanStats;
  /** Whether the scan listed files with git (else it walked the folders, honouring .gitignore files). */
  readonly inGit?: boolean;
  /** The files not scanned, and why, and those only partly scanned (`--verbose`), in discovery order. */
  readonly skipped: readonly SkippedFile[];
  /** Masked source lines around a range of a scanned file (for findings made after the rules: the filter's). */
  snippet(path: string, range: Range): Snippet;
}

/** An in-memory file for the engine (tests, the ESLint adapter, staged blobs). */
export interface VirtualFile {
  readonly path: string;
  readonly text: string;
}

/**
 * `parse-error` findings for what the env and CI readers could not read: at most one per file, at its first
 * problem, saying how many more lines could not be read (a file that is not a Dockerfile at all would
 * otherwise give one finding per line). Templates give none: their unrendered text is not the file a
 * program reads (formats/template.ts).
 */
function readerErrors(parsed: readonly FileModel[]): Finding[] {
  const out: Finding[] = [];
  for (const m of parsed) {
    const errors = m.parseErrors ?? [];
    if (errors.length === 0 || isTemplate(m.file.path, m.file.text)) continue;
    out.push(parseErrorFinding(m.file.path, errors.reduce((a, b) => Math.min(a, b.line), Infinity), readerErrorMessage(m.file.path, errors)));
  }
  return out;
}

/**
 * Files another file includes are part of what it configures, whatever their names: a GitLab `include:` is
 * GitLab CI (a YAML file classified as plain text is read again as such), a compose `env_file:` is a dotenv
 * file. Only files classified as plain text are read again: a file that is already something keeps its kind.
 */
function withIncludes(parsed: readonly FileModel[]): FileModel[] {
  const included = new Map<string, FileKind>();
  for (const m of parsed) for (const inc of m.includes ?? []) included.set(nodePath.posix.normalize(inc.text.replace(/^\.?\//, "")), inc.kind);
  if (included.size === 0) return [...parsed];
  return parsed.map((m) => {
    const kind = m.file.kind === "text" ? included.get(m.file.path) : undefined;
    if (!kind || (kind === "gitlab-ci" && !/\.ya?ml$/i.test(m.file.path))) return m;
    return parseFile(makeSourceFile(m.file.path, kind, m.file.text));
  });
}

/** Profile names and SDK families the env and CI contexts add to the repository model. */
function envFacts(files: readonly FileModel[], contexts: readonly EnvContext[]) {
  const references: ProfileReference[] = [];
  const runtimeProfiles = new Set<string>();
  for (const env of contexts) {
    for (const s of env.own) {
      if (s.value.kind !== "literal" || s.value.value === "" || s.provider !== "aws") continue;
      if (awsFieldOf(s) !== "profile") continue;
      if (s.style === "defines") runtimeProfiles.add(s.value.value);
      else references.push({ name: s.value.value, file: s.file, range: s.value.range, via: `${s.key.text} in ${env.where}`, setting: s });
    }
  }
  for (const m of files) {
    for (const job of m.ciJobs ?? []) {
      for (const step of job.steps) {
        // Steps that write a named profile at run time: configure-aws-credentials `aws-profile`, the
        // CircleCI aws-cli orb's `profile_name`.
        for (const key of ["aws-profile", "profile_name", "profile-name"]) {
          const v = step.input(key)?.value;
          if (v?.kind === "literal" && v.value !== "") runtimeProfiles.add(v.value);
        }
      }
    }
  }
  return { references, runtimeProfiles };
}

/** Model + rules stages over parsed files. Shared by the CLI scan and in-memory scans. */
export function analyse(input: readonly FileModel[], rules: readonly AnyRule[], now?: Date, optionsFor?: OptionsLookup): Finding[] {
  return analyseModels(input, rules, now, optionsFor).findings;
}

/** `analyse`, also returning the completed file models (for masked snippets of later findings). */
export function analyseModels(
  input: readonly FileModel[],
  rules: readonly AnyRule[],
  now?: Date,
  optionsFor?: OptionsLookup,
  /** Every file the scan read (default: the input's): the repository model's `paths`. */
  paths?: readonly string[],
): { readonly findings: Finding[]; readonly models: readonly FileModel[] } {
  const parsed = withIncludes(input);
  const documents = parsed.flatMap((m) => (m.awsDocument ? [m.awsDocument] : []));
  const aws = buildAwsModel(documents);
  const withAws: FileModel[] = parsed.map((m) => {
    const doc: IniDocument | undefined = m.awsDocument;
    if (!doc) return m;
    const settings = aws.settingsByDocument.get(doc) ?? [];
    const secrets = m.secrets ? withSettings(m.secrets, settings) : undefined;
    return { ...m, settings, secretRanges: [...m.secretRanges, ...secretRangesOf(settings)], ...(secrets ? { secrets } : {}) };
  });
  // Terraform: a provider argument written `var.x` takes the value of x's default or *.tfvars line, as a
  // setting where that literal is written (src/model/build-terraform.ts), for the value rules.
  const bound = bindTerraformVariables(withAws);
  const derived = bound.settings;
  const files: FileModel[] = derived.size === 0 ? withAws : withAws.map((m) => {
    const extra = derived.get(m.file.path);
    return extra ? { ...m, settings: [...m.settings, ...extra], secretRanges: [...m.secretRanges, ...secretRangesOf(extra)] } : m;
  });
  const references: ProfileReference[] = [...aws.references];
  for (const extra of derived.values()) {
    for (const s of extra) {
      if (s.provider !== "aws" || awsFieldOf(s) !== "profile" || s.value.kind !== "literal" || s.value.value === "") continue;
      references.push({ name: s.value.value, file: s.file, range: s.value.range, via: s.where, setting: s });
    }
  }
  for (const m of files) {
    for (const call of m.sdkCalls ?? []) {
      const s = call.provider === "aws" ? call.get("profile") : undefined;
      if (s?.value.kind !== "literal" || s.value.value === "") continue;
      references.push({ name: s.value.value, file: s.file, range: s.value.range, via: `profile option of ${callShown(call)}`, setting: s });
    }
  }
  // Trust policies and identity providers, their `var.x` values bound as for provider arguments.
  const boundTrust = bindTrustVariables(files);
  const trustOf = files.flatMap((m) => (m.trust ? [boundTrust.get(m.file.path) ?? m.trust] : []));
  const ci = buildCiModel(files);
  const env = envFacts(files, ci.envContexts);
  references.push(...env.references);
  const repo: RepoModel = {
    files: files.map((f) => f.file),
    paths: paths ?? files.map((f) => f.file.path),
    awsDocuments: documents,
    profiles: aws.profiles,
    ssoSessions: aws.ssoSessions,
    profileReferences: references,
    definesProfiles: aws.profiles.size > 0,
    ci,
    runtimeProfiles: env.runtimeProfiles,
    trust: {
      policies: trustOf.flatMap((t) => t.policies),
      roleLinks: trustOf.flatMap((t) => t.roleLinks),
      providers: trustOf.flatMap((t) => t.providers),
    },
    terraformCalls: bound.calls,
    sdkCallsByPath: new Map(files.flatMap((m) => (m.sdkCalls?.length ? [[m.file.path, m.sdkCalls] as const] : []))),
  };
  return { findings: [...readerErrors(parsed), ...runRules({ repo, aws, files }, rules, now, optionsFor).findings], models: files };
}

/** Masked snippets over the completed models (a path the scan did not read gets an empty one). */
export function snippetLookup(models: readonly FileModel[]): (path: string, range: Range) => Snippet {
  const byPath = new Map(models.map((m) => [m.file.path, m]));
  return (path, range) => {
    const m = byPath.get(path);
    return m ? buildSnippet(m, range) : { startLine: range.start.line, lines: [] };
  };
}

/** Scans in-memory files: the engine without the file system. */
export function scanVirtual(files: readonly VirtualFile[], rules: readonly AnyRule[], now?: Date): Finding[] {
  const installed = installedPackageRoots(files.map((f) => f.path));
  const parsed = files.map((f) =>
    parseFile(makeSourceFile(f.path, classify(f.path, () => f.text.slice(0, 4096)), f.text, f.path, isInstalledPackageFile(f.path, installed))),
  );
  return analyse(parsed, rules, now);
}

/** Collects parsed files, diagnostics and counts while files are read (from disk or from the git index). */
export class Ingest {
  readonly stats: ScanStats = { filesScanned: 0, generated: 0, ignored: 0, skippedBinary: 0, skippedTooLarge: 0, skippedSymlinks: 0, unreadable: 0 };
  readonly skipped: SkippedFile[] = [];
  readonly diagnostics: Finding[] = [];
  readonly parsed: FileModel[] = [];
  /** Every text file read, inert or not. */
  readonly scanned: string[] = [];

  /** A text file the parse stage found inert: counted, not kept. */
  inert(path: string, generated = false): void {
    this.stats.filesScanned++;
    if (generated) {
      this.stats.generated++;
      this.skipped.push({ path, cause: "generated" });
    }
    this.scanned.push(path);
  }

  /** A file left out by the config's `ignore` (not read) or a symlink (not followed). */
  leftOut(path: string, cause: "ignored" | "symlink"): void {
    if (cause === "ignored") this.stats.ignored++;
    else this.stats.skippedSymlinks++;
    this.skipped.push({ path, cause });
  }

  unreadable(path: string, message: string): void {
    this.stats.unreadable++;
    this.skipped.push({ path, cause: "unreadable", detail: message });
    this.diagnostics.push(parseErrorFinding(path, 1, `Cannot read ${path}: ${message}.`));
  }

  /**
   * `factsPath`: the path relative to the scanned project, from which path facts are judged (default `path`);
   * `installed`: the file lies in a folder of installed third-party packages.
   */
  /** `counted`: false for a file read a second time (a GitLab include the first pass found inert). */
  add(path: string, read: ReadResult, factsPath = path, installed = false, settings: FileScanSettings = {}, counted = true): void {
    switch (read.kind) {
      case "error":
        this.unreadable(path, read.message);
        return;
      case "absent":
        // A link is said to be skipped; a listed path gone since, or a submodule's folder, is nothing to scan.
        if (read.reason === "symlink") this.leftOut(path, "symlink");
        return;
      case "binary":
        this.stats.skippedBinary++;
        this.skipped.push({ path, cause: "binary" });
        if (looksLikeAwsFile(path)) {
          this.diagnostics.push(
            parseErrorFinding(path, 1, `${path} is named like an AWS shared credentials/config file but is binary: no SDK can read it.`),
          );
        }
        return;
      case "too-large":
        this.stats.skippedTooLarge++;
        this.skipped.push({ path, cause: "too-large", detail: String(read.size) });
        return;
      case "text": {
        const kind = settings.kind ?? classify(path, () => read.text.slice(0, 4096));
        this.addModel(parseFile(makeSourceFile(path, kind, read.text, factsPath, installed), settings), read.invalidUtf8Line, counted);
      }
    }
  }

  /** A text file's model (parsed here, or by a worker: src/scan/pool.ts); `badLine`: its first line that is not valid UTF-8. */
  addModel(model: FileModel, badLine: number | undefined, counted = true): void {
    const { path, kind, text } = model.file;
    if (counted) {
      this.stats.filesScanned++;
      this.scanned.push(path);
      if (model.file.facts.generated) {
        this.stats.generated++;
        this.skipped.push({ path, cause: "generated" });
      }
    }
    if (badLine === undefined || !(kind === "aws-config" || kind === "aws-credentials" || kind === "dotenv")) {
      this.parsed.push(model);
    } else if (model.parseErrors?.length && !isTemplate(path, text)) {
      // One parse-error per file: the reader's finding counts the undecodable line among its problems.
      const utf8 = { line: badLine, message: "not valid UTF-8 (the SDKs may fail to read it)" };
      this.parsed.push({ ...model, parseErrors: [...model.parseErrors, utf8].sort((a, b) => a.line - b.line) });
    } else {
      this.parsed.push(model);
      this.diagnostics.push(
        parseErrorFinding(
          path,
          badLine,
          `${path} is not valid UTF-8 (first bad byte on line ${badLine}): the SDKs may fail to read it; the rest of the file is checked as decoded.`,
          "warning",
        ),
      );
    }
  }
}

export function scan(options: ScanOptions): ScanResult {
  // Sized as soon as git has listed the files: making tens of thousands of paths is garbage enough to grow it.
  const discovery = discover(options.paths, options.cwd, sizeYoungGeneration);
  sizeYoungGeneration(discovery.files.length);
  // Workers asked for load while this thread resolves each file's config; otherwise the scan starts them
  // itself if it proves long (src/scan/pool.ts `processAll`).
  const requested = options.workers ?? requestedWorkers();
  const pool = requested !== undefined ? startPool(requested) : undefined;
  const maxSize = DEFAULT_MAX_FILE_SIZE;
  const ingest = new Ingest();
  for (const e of discovery.errors) ingest.unreadable(e.path, e.message);
  for (const s of discovery.skipped) if (s.reason === "symlink") ingest.leftOut(s.path, "symlink");
  const installed = installedPackageRoots(discovery.files.map((f) => f.path));
  const tasks: FileTask[] = [];
  try {
    for (const f of discovery.files) {
      const config = options.configFor?.(f.absPath);
      if (config && isIgnoredByConfig(config, f.absPath)) {
        ingest.leftOut(f.path, "ignored");
        continue;
      }
      const settings = fileScanSettings(config, f.absPath);
      tasks.push({
        absPath: f.absPath,
        path: f.path,
        projectPath: f.projectPath,
        installed: isInstalledPackageFile(f.path, installed),
        maxSize: options.maxFileSize ?? config?.maxFileSize ?? maxSize,
        ...(f.follow ? { follow: f.follow } : {}),
        ...settings,
      });
    }
  } catch (error) {
    // A config that cannot be read ends the scan: the workers started for it are stopped first.
    if (pool) stopPool(pool);
    throw error;
  }
  // The parse stage, on every core: only the files that matter come back (src/scan/pool.ts).
  let done = 0;
  processAll(tasks, pool ?? (requested === undefined ? { lazy: availableWorkers(tasks.length) } : undefined), (task, outcome) => {
    options.onProgress?.(++done, tasks.length);
    if (outcome.kind === "inert") ingest.inert(task.path, outcome.generated === true);
    else if (outcome.kind === "parsed") ingest.addModel(outcome.model, outcome.invalidUtf8Line);
    else ingest.add(task.path, outcome, task.projectPath, task.installed, taskSettings(task, outcome));
  });
  // A GitLab `include:` can name any YAML file, which the first pass may have found inert: read those again.
  const have = new Set(ingest.parsed.map((m) => m.file.path));
  for (const inc of new Set(ingest.parsed.flatMap((m) => (m.includes ?? []).map((i) => i.text.replace(/^\.?\//, ""))))) {
    const task = tasks.find((t) => t.path === inc);
    if (task && !have.has(inc)) ingest.add(task.path, readSource(task.absPath, task.maxSize, task.follow === true), task.projectPath, task.installed, taskSettings(task), false);
  }
  const { findings, models } = analyseModels(ingest.parsed, options.rules, undefined, optionsLookup(discovery.root, options.configFor), ingest.scanned);
  return {
    root: discovery.root,
    findings: sortFindings([...ingest.diagnostics, ...findings]),
    files: ingest.parsed.map((p) => p.file),
    scanned: ingest.scanned,
    stats: ingest.stats,
    skipped: ingest.skipped,
    inGit: discovery.inGit,
    snippet: snippetLookup(models),
  };
}
