import type { Finding } from "../model/finding.js";
import type { AnyRule } from "../model/rule.js";
import { classify } from "./classify.js";
import { isContextPath, keepsContext, neededContext, needsAny } from "./context.js";
import path from "node:path";
import { isIgnoredByConfig } from "../config/match.js";
import type { CredlintConfig } from "../model/config.js";
import { analyseModels, fileScanSettings, Ingest, optionsLookup, snippetLookup, type ScanResult } from "./pipeline.js";
import { decodeBytes, DEFAULT_MAX_FILE_SIZE } from "./read.js";
import { catFile, findTopLevel, indexEntries, readBlobs, stagedEntries } from "./staged.js";
import { sortFindings } from "../model/finding.js";

export interface StagedScanOptions {
  readonly cwd: string;
  readonly rules: readonly AnyRule[];
  readonly maxFileSize?: number;
  /** As in ScanOptions: the config for a file's absolute (work tree) path. */
  readonly configFor?: (absPath: string) => CredlintConfig | undefined;
}

/**
 * `credlint --staged`: scans the content as staged — blobs from the index, never the working tree — and
 * reports findings in staged files only. Files that are not staged but that cross-file rules need (the AWS
 * config/credentials files for the profiles the repository defines, the CI files a staged workflow calls or
 * includes) are read from the index too.
 * Deleted files are skipped; a rename is scanned under its new path.
 */
export function scanStaged(options: StagedScanOptions): ScanResult {
  const top = findTopLevel(options.cwd);
  const staged = stagedEntries(top);
  const stagedPaths = new Set(staged.map((e) => e.path));
  // The other file of a staged AWS pair (config ↔ credentials) comes in the same git process as the staged
  // blobs, by its index path: most commits touching .aws/config need nothing else from the repository.
  const siblings = neededContext(staged.map((e) => ({ path: e.path, kind: classify(e.path, () => ""), text: "" }))).siblings;
  const oids = [...new Set(staged.map((e) => e.oid))];
  const read = catFile(top, [...oids, ...siblings.map((p) => `:${p}`)]);
  const blobs = new Map<string, Buffer>();
  oids.forEach((oid, i) => {
    const blob = read[i];
    if (blob !== undefined) blobs.set(oid, blob);
  });
  const siblingBlobs = new Map<string, Buffer>();
  siblings.forEach((p, i) => {
    const blob = read[oids.length + i];
    if (blob !== undefined) siblingBlobs.set(p, blob);
  });
  const configOf = (p: string): CredlintConfig | undefined => options.configFor?.(path.join(top, p));
  const sizeOf = (config: CredlintConfig | undefined): number => options.maxFileSize ?? config?.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;

  const ingest = new Ingest();
  for (const e of staged) {
    const config = configOf(e.path);
    const abs = path.join(top, e.path);
    if (config && isIgnoredByConfig(config, abs)) {
      ingest.leftOut(e.path, "ignored");
      continue;
    }
    const blob = blobs.get(e.oid);
    if (blob === undefined) ingest.unreadable(e.path, "the staged blob is missing from the object store");
    else ingest.add(e.path, decodeBytes(blob, sizeOf(config)), e.path, false, fileScanSettings(config, abs));
  }
  const contextIngest = new Ingest();
  for (const [p, blob] of siblingBlobs) {
    const config = configOf(p);
    const abs = path.join(top, p);
    if (!(config && isIgnoredByConfig(config, abs))) contextIngest.add(p, decodeBytes(blob, sizeOf(config)), p, false, fileScanSettings(config, abs));
  }
  const found = neededContext(ingest.parsed.map((p) => p.file));
  // The siblings asked for by path are read already (or do not exist); classified by content, a staged file
  // may name one more.
  const need = { ...found, siblings: found.siblings.filter((p) => !siblings.includes(p)) };
  if (needsAny(need)) {
    const specs = [
      ...(need.aws ? [":(glob)**/config", ":(glob)**/credentials"] : []),
      ...(need.ci || need.runBy.length > 0 ? [":(glob)**/.github/**", ":(glob)**/.gitlab-ci.yml", ":(glob)**/.gitlab/**"] : []),
      ...(need.gitlabIncludes ? [":(glob)**/*.yml", ":(glob)**/*.yaml"] : []),
      ...need.folders.map((f) => `:(glob)${f.dir === "" ? "" : `${f.dir}/`}*`),
    ];
    const wanted = (path: string): boolean => isContextPath(need, path);
    const read = new Set(siblingBlobs.keys());
    const pathspecs = [...specs, ...need.siblings.map((p) => `:(literal)${p}`)];
    const context = indexEntries(top, pathspecs).filter((e) => !stagedPaths.has(e.path) && !read.has(e.path) && wanted(e.path));
    const contextBlobs = readBlobs(top, context.map((e) => e.oid));
    for (const e of context) {
      const blob = contextBlobs.get(e.oid);
      const config = configOf(e.path);
      const abs = path.join(top, e.path);
      if (blob === undefined || (config && isIgnoredByConfig(config, abs))) continue;
      const read = decodeBytes(blob, sizeOf(config));
      if (read.kind === "text" && !keepsContext(need, e.path, read.text)) continue;
      contextIngest.add(e.path, read, e.path, false, fileScanSettings(config, abs));
    }
  }
  const analysed = analyseModels([...ingest.parsed, ...contextIngest.parsed], options.rules, undefined, optionsLookup(top, options.configFor));
  const findings: Finding[] = analysed.findings.filter((f) => stagedPaths.has(f.path));
  return {
    root: top,
    findings: sortFindings([...ingest.diagnostics, ...findings]),
    files: ingest.parsed.map((p) => p.file),
    scanned: ingest.scanned,
    stats: ingest.stats,
    skipped: ingest.skipped,
    snippet: snippetLookup(analysed.models),
  };
}
