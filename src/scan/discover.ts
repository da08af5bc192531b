import { spawnSync } from "node:child_process";
import { lstatSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { isIgnored, parseGitignore, type IgnoreRule } from "./gitignore.js";

export interface DiscoveredFile {
  readonly absPath: string;
  /** Path relative to the scan root, `/`-separated: what every output shows. */
  readonly path: string;
  /**
   * Path relative to the folder named on the command line (the project the user asked to lint), from which
   * the file's path facts are judged: `credlint fixtures/demo` lints the demo as a project, so its files are
   * not "test fixtures" because of the folders above it. Equal to `path` for a file named directly.
   */
  readonly projectPath: string;
  /** A symbolic link named on the command line: followed, once (any other link is skipped when read). */
  readonly follow?: true;
}

export type SkipReason = "binary" | "too-large" | "symlink";

export interface Discovery {
  /** The git work tree's top folder when the first path is inside one, else the current folder. */
  readonly root: string;
  readonly inGit: boolean;
  readonly files: DiscoveredFile[];
  /** Paths that could not be listed (an unreadable folder, a path that does not exist). */
  readonly errors: { path: string; message: string }[];
  readonly skipped: { path: string; reason: SkipReason }[];
}

function toPosix(p: string): string {
  return path.sep === "/" ? p : p.split(path.sep).join("/");
}

/** `path.relative(from, to)`, `/`-separated; a string slice for the common case of `to` below `from`. */
function relativePosix(from: string, to: string): string {
  if (to.length > from.length + 1 && to.startsWith(from) && to[from.length] === path.sep) return toPosix(to.slice(from.length + 1));
  return toPosix(path.relative(from, to));
}

export function gitTopLevel(dir: string): string | undefined {
  const r = spawnSync("git", ["rev-parse", "--show-toplevel"], { cwd: dir, encoding: "utf8" });
  if (r.status !== 0 || typeof r.stdout !== "string") return undefined;
  const top = r.stdout.trim();
  return top === "" ? undefined : path.resolve(top);
}

function gitListFiles(dir: string, top: string, listed?: (files: number) => void): string[] | undefined {
  const r = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--full-name", "--", "."], {
    cwd: dir,
    encoding: "buffer",
    maxBuffer: 1 << 30,
  });
  if (r.status !== 0) return undefined;
  if (listed) {
    let n = 0;
    for (let i = r.stdout.indexOf(0); i !== -1; i = r.stdout.indexOf(0, i + 1)) n++;
    listed(n);
  }
  const out = r.stdout.toString("utf8");
  const seen = new Set<string>();
  // git prints normal `/`-separated paths: joined as strings, but by path.join where the separator differs.
  const base = top.endsWith(path.sep) ? top : top + path.sep;
  for (const p of out.split("\0")) if (p !== "") seen.add(path.sep === "/" ? base + p : path.join(top, p));
  return [...seen];
}

/** Walks `dir` honouring .gitignore files (for scans outside a git work tree). Never follows symlinks. */
function walk(dir: string, discovery: Discovery, display: (abs: string) => string): string[] {
  const files: string[] = [];
  const stack: { dir: string; rules: { base: string; rules: IgnoreRule[] }[] }[] = [{ dir, rules: [] }];
  while (stack.length > 0) {
    const next = stack.pop();
    if (!next) break;
    let entries;
    try {
      entries = readdirSync(next.dir, { withFileTypes: true });
    } catch (error) {
      discovery.errors.push({ path: display(next.dir), message: describeFsError(error) });
      continue;
    }
    let rules = next.rules;
    if (entries.some((e) => e.name === ".gitignore" && e.isFile())) {
      try {
        rules = [...rules, { base: next.dir, rules: parseGitignore(readFileSync(path.join(next.dir, ".gitignore"), "utf8")) }];
      } catch {
        // An unreadable .gitignore ignores nothing; the file itself is reported when it is scanned.
      }
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      const abs = path.join(next.dir, e.name);
      if (e.name === ".git") continue;
      const isDir = e.isDirectory();
      let ignored = false;
      for (const scope of rules) {
        const verdict = isIgnored(scope.rules, toPosix(path.relative(scope.base, abs)), isDir);
        if (verdict !== undefined) ignored = verdict;
      }
      if (ignored) continue;
      if (e.isSymbolicLink()) {
        discovery.skipped.push({ path: display(abs), reason: "symlink" });
      } else if (isDir) {
        stack.push({ dir: abs, rules });
      } else if (e.isFile()) {
        files.push(abs);
      }
    }
  }
  return files;
}

export function describeFsError(error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file or directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ELOOP":
      return "too many levels of symbolic links";
    case "EISDIR":
      return "is a directory";
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Lists the files to scan. Inside a git work tree: `git ls-files` (tracked, plus untracked files that are
 * not ignored); elsewhere a walk that honours `.gitignore`. Dotfiles are included; symlinks are skipped
 * (they may point outside the repository, or loop). `listed` is told how many files git listed for a target
 * as soon as it has, before the paths are made (a large scan sizes V8's young generation then,
 * src/scan/pool.ts).
 */
export function discover(targets: readonly string[], cwd: string, listed?: (files: number) => void): Discovery {
  const first = path.resolve(cwd, targets[0] ?? ".");
  let firstDir = first;
  try {
    if (!statSync(first).isDirectory()) firstDir = path.dirname(first);
  } catch {
    firstDir = cwd;
  }
  const top = gitTopLevel(firstDir);
  const root = top ?? path.resolve(cwd);
  const discovery: Discovery = { root, inGit: top !== undefined, files: [], errors: [], skipped: [] };
  const display = (abs: string): string => {
    const rel = relativePosix(root, abs);
    return rel === "" ? "." : rel;
  };
  const seen = new Set<string>();
  const add = (abs: string, project?: string, follow = false): void => {
    if (seen.has(abs)) return;
    seen.add(abs);
    const shown = display(abs);
    discovery.files.push({
      absPath: abs,
      path: shown,
      projectPath: project === undefined ? shown : relativePosix(project, abs),
      ...(follow ? { follow: true as const } : {}),
    });
  };
  for (const target of targets.length > 0 ? targets : ["."]) {
    const abs = path.resolve(cwd, target);
    let st;
    try {
      st = lstatSync(abs);
    } catch (error) {
      discovery.errors.push({ path: target, message: describeFsError(error) });
      continue;
    }
    const link = st.isSymbolicLink();
    if (link) {
      // A link named explicitly on the command line is followed, once.
      try {
        st = statSync(abs);
      } catch (error) {
        discovery.errors.push({ path: target, message: describeFsError(error) });
        continue;
      }
    }
    if (!st.isDirectory()) {
      add(abs, undefined, link);
      continue;
    }
    const targetTop = gitTopLevel(abs);
    const gitFiles = targetTop ? gitListFiles(abs, targetTop, listed) : undefined;
    // Not looked at here: a listed path that is a symbolic link, a submodule's folder or gone from the work
    // tree is told apart when it is read (src/scan/read.ts), on every core, at no cost of its own.
    const files = gitFiles ?? walk(abs, discovery, display);
    for (const f of files.sort()) add(f, abs);
  }
  return discovery;
}
