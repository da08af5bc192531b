/**
 * The questions the scan asks of a config about one file: is it ignored (`ignore`), and is it read as
 * another kind (`fileKinds`)? Both use gitignore syntax relative to the config's folder, through the
 * `ignore` package (the matcher ESLint and Prettier use), so `vendor/` ignores everything under vendor, a
 * pattern without a slash matches at any depth, and `!keep.env` re-includes a file unless a parent folder is
 * excluded, as in git. A path outside the config's folder is never matched: a config speaks for its own
 * subtree only.
 *
 * The matchers are built once per config object and kept in a WeakMap, so a config dropped by its resolver
 * takes them along.
 */
import path from "node:path";
import ignore from "ignore";
import type { Ignore } from "ignore";
import type { CredlintConfig } from "../model/config.js";
import type { FileKind } from "../model/source.js";

interface Matchers {
  readonly ignored: Ignore;
  readonly kinds: readonly { readonly matcher: Ignore; readonly kind: FileKind }[];
}

const cache = new WeakMap<CredlintConfig, Matchers>();

function matchers(config: CredlintConfig): Matchers {
  let m = cache.get(config);
  if (!m) {
    m = {
      ignored: ignore().add(config.ignore),
      kinds: config.fileKinds.map(({ pattern, kind }) => ({ matcher: ignore().add(pattern), kind })),
    };
    cache.set(config, m);
  }
  return m;
}

/** The path relative to the config's folder with `/` separators, or undefined when it lies outside. */
function relativeTo(config: CredlintConfig, absPath: string, isDirectory: boolean): string | undefined {
  const relative = path.relative(config.dir, absPath);
  if (relative === "" || relative === ".." || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return undefined;
  const posix = relative.split(path.sep).join("/");
  return isDirectory ? `${posix}/` : posix;
}

/** Whether the config's `ignore` excludes this file (or, with `isDirectory`, this whole folder). */
export function isIgnoredByConfig(config: CredlintConfig, absPath: string, isDirectory = false): boolean {
  if (config.ignore.length === 0) return false;
  const relative = relativeTo(config, absPath, isDirectory);
  return relative !== undefined && matchers(config).ignored.ignores(relative);
}

/** The kind the config's `fileKinds` gives this file: the first pattern that matches, in the order written. */
export function kindFromConfig(config: CredlintConfig, absPath: string): FileKind | undefined {
  if (config.fileKinds.length === 0) return undefined;
  const relative = relativeTo(config, absPath, false);
  return relative === undefined ? undefined : matchers(config).kinds.find((k) => k.matcher.ignores(relative))?.kind;
}
