import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { UsageError } from "../model/errors.js";

/**
 * Staged mode: the content *as staged*, read from the git index — never the working-tree copy. git
 * itself honours GIT_INDEX_FILE (set by `git commit -a` / `git commit <path>` for their temporary index),
 * so every call here sees the index the commit will be made from.
 */
export interface IndexEntry {
  /** Repository-relative path, `/`-separated. */
  readonly path: string;
  /** Blob object id. */
  readonly oid: string;
  /** Git file mode, e.g. `100644`; `120000` is a symlink, `160000` a submodule. */
  readonly mode: string;
}

const REGULAR = /^100[67][0-7][0-7]$/;

function git(cwd: string, args: readonly string[], input?: string): Buffer {
  const r = spawnSync("git", args, {
    cwd,
    ...(input !== undefined ? { input } : {}),
    maxBuffer: 1 << 30,
    env: process.env,
  });
  if (r.error) throw new UsageError(`--staged needs git, which could not be run: ${r.error.message}.`);
  if (r.status !== 0) {
    const msg = r.stderr.toString("utf8").trim().split("\n")[0] ?? "";
    if (/not a git repository/i.test(msg)) throw new UsageError(`--staged needs a git repository: ${cwd} is not inside one.`);
    throw new UsageError(`git ${args[0] ?? ""} failed: ${msg}`);
  }
  return r.stdout;
}

/** The work tree's top folder, found without spawning git when a `.git` entry is on the way up. */
export function findTopLevel(cwd: string): string {
  let dir = path.resolve(cwd);
  if (process.env.GIT_DIR === undefined && process.env.GIT_WORK_TREE === undefined) {
    for (;;) {
      if (existsSync(path.join(dir, ".git"))) return dir;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return path.resolve(git(cwd, ["rev-parse", "--show-toplevel"]).toString("utf8").trim());
}

/**
 * Files added, copied, modified, renamed or type-changed in the index against HEAD (or against the empty
 * tree before the first commit). Deletions are skipped; a rename is its new path.
 */
export function stagedEntries(top: string): IndexEntry[] {
  const out = git(top, ["diff", "--cached", "--raw", "-z", "--no-abbrev", "-M", "--diff-filter=ACMRT", "--no-ext-diff", "--no-textconv"]);
  const parts = out.toString("utf8").split("\0");
  const entries: IndexEntry[] = [];
  for (let i = 0; i < parts.length; i++) {
    const meta = parts[i] ?? "";
    if (!meta.startsWith(":")) continue;
    // :old_mode new_mode old_oid new_oid STATUS
    const [, newMode = "", , newOid = "", status = ""] = meta.slice(1).split(" ");
    const twoPaths = status.startsWith("R") || status.startsWith("C");
    const p = twoPaths ? parts[i + 2] : parts[i + 1];
    i += twoPaths ? 2 : 1;
    if (p === undefined || !REGULAR.test(newMode)) continue; // symlinks and submodules are not file content
    entries.push({ path: p, oid: newOid, mode: newMode });
  }
  return entries;
}

/**
 * Regular files in the index that may be AWS shared files (for cross-file context such as the profiles the
 * repository defines). The pathspec keeps the listing small in large repositories.
 */
export function indexEntries(top: string, pathspecs: readonly string[] = [":(glob)**/config", ":(glob)**/credentials"]): IndexEntry[] {
  const out = git(top, ["ls-files", "-s", "-z", "--", ...pathspecs]).toString("utf8");
  const entries: IndexEntry[] = [];
  for (const rec of out.split("\0")) {
    // <mode> SP <oid> SP <stage> TAB <path>
    const tab = rec.indexOf("\t");
    if (tab === -1) continue;
    const [mode = "", oid = "", stage = ""] = rec.slice(0, tab).split(" ");
    if (stage !== "0" || !REGULAR.test(mode)) continue;
    entries.push({ path: rec.slice(tab + 1), oid, mode });
  }
  return entries;
}

/** Reads many blobs with one `git cat-file --batch`. */
export function readBlobs(top: string, oids: readonly string[]): Map<string, Buffer> {
  const blobs = new Map<string, Buffer>();
  const unique = [...new Set(oids)];
  catFile(top, unique).forEach((blob, i) => {
    if (blob !== undefined) blobs.set(unique[i] ?? "", blob);
  });
  return blobs;
}

/**
 * The blobs `names` name — object ids, or `:path` for a path's staged content — in their order (undefined
 * for a name that is missing or not a blob), from one `git cat-file --batch`.
 */
export function catFile(top: string, names: readonly string[]): (Buffer | undefined)[] {
  if (names.length === 0) return [];
  const out = git(top, ["cat-file", "--batch"], names.join("\n") + "\n");
  const result: (Buffer | undefined)[] = [];
  let pos = 0;
  while (pos < out.length && result.length < names.length) {
    const nl = out.indexOf(10, pos);
    if (nl === -1) break;
    const header = out.subarray(pos, nl).toString("utf8");
    const parts = header.split(" ");
    pos = nl + 1;
    // "<name> missing" (or "ambiguous"): no content follows.
    if (parts.length < 3) {
      result.push(undefined);
      continue;
    }
    const size = Number(parts[2]);
    result.push(parts[1] === "blob" ? out.subarray(pos, pos + size) : undefined);
    pos += size + 1;
  }
  return result;
}
