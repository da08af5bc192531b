/**
 * Which config applies to a scanned file.
 *
 * The NEAREST config file above the file wins, whole: configs are not merged or cascaded. A package in a
 * monorepo that has its own config states everything it wants (it can copy the root's keys), and nobody has
 * to work out which of three files set a rule's level. This is the rule of Prettier and of ESLint's flat
 * config, not the cascade of .eslintrc.
 *
 * The walk goes up from the file's folder and stops, inclusive, at `stopAt` (the git top level or the scan
 * root) when the file lies inside it; otherwise at the first folder holding a `.git` entry (a work tree, a
 * submodule or a worktree's `.git` file), or at the filesystem root. With no config file on the way, the
 * defaults apply.
 *
 * A scan asks for 100k files in a few thousand folders, so each folder is listed once (one readdir tells
 * both whether it holds a config and whether it holds `.git`) and its answer is kept for every folder below
 * it that was walked through.
 */
import { existsSync, lstatSync, readdirSync } from "node:fs";
import path from "node:path";
import type { ConfigResolver, CredlintConfig } from "../model/config.js";
import { UsageError } from "../model/errors.js";
import type { LoadOptions } from "./load.js";
import { ConfigError, defaultConfig, displayPath, loadConfigFile } from "./load.js";
import { CONFIG_FILE_NAMES } from "./schema.js";

export interface ResolverOptions extends LoadOptions {
  /** The folder credlint runs in: `configFile` is resolved against it, and messages show paths relative to it. */
  readonly cwd: string;
  /** `--config FILE`: this one config for every file; a missing file is an error. */
  readonly configFile?: string;
  /** `--no-config`: the defaults for every file. */
  readonly noConfig?: boolean;
  /** Absolute folder where the upward walk stops, inclusive (the git top level or the scan root). */
  readonly stopAt?: string;
}

function isInside(dir: string, ancestor: string): boolean {
  const relative = path.relative(ancestor, dir);
  return relative === "" || (relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

function isFileOrLink(p: string): boolean {
  try {
    const st = lstatSync(p);
    return st.isFile() || st.isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Whether a path is absolute and already normal (no `.`/`..` segments, no doubled or trailing separator), so
 * that `path.resolve` would return it unchanged: the scan asks for the config of every file it lists, and
 * resolving each path again was a tenth of the main thread's time on a 44,000-file repository.
 */
function isNormalAbsolute(p: string): boolean {
  return path.sep === "/" && p.startsWith("/") && !p.endsWith("/") && !/\/\/|\/\.\.?(?:\/|$)/.test(p);
}

export function createConfigResolver(options: ResolverOptions): ConfigResolver {
  const cwd = path.resolve(options.cwd);
  const loadOptions: LoadOptions = { ...options, cwd };
  const stopAt = options.stopAt === undefined ? undefined : path.resolve(options.stopAt);
  if (options.noConfig && options.configFile !== undefined) throw new UsageError("--config and --no-config cannot be used together.");
  if (options.noConfig) {
    const defaults = defaultConfig(stopAt ?? cwd);
    return { forFile: () => defaults, loaded: () => [] };
  }
  if (options.configFile !== undefined) {
    const file = path.resolve(cwd, options.configFile);
    if (!existsSync(file)) throw new ConfigError(`--config ${options.configFile}: no such file (looked for ${file}).`, file);
    const config = loadConfigFile(file, loadOptions);
    return { forFile: () => config, loaded: () => [config] };
  }

  const byDir = new Map<string, CredlintConfig>();
  const defaultsByTop = new Map<string, CredlintConfig>();
  const loaded: CredlintConfig[] = [];

  /** The config file in `dir` (throws when there are two), and whether the walk ends at `dir`. */
  const look = (dir: string): { configFile?: string; top: boolean } => {
    // Names only (typed entries cost a third more, and this runs for every folder of the repository); a
    // config file's name is then checked to be a file or a link, as is the rare folder that has one.
    let entries: string[] = [];
    try {
      entries = readdirSync(dir);
    } catch {
      // An unreadable folder holds no config we can use; the walk goes on above it.
    }
    const names = new Set(entries);
    const found = CONFIG_FILE_NAMES.filter((n) => names.has(n) && isFileOrLink(path.join(dir, n)));
    if (found.length > 1) {
      throw new ConfigError(`Two config files in ${displayPath(dir, cwd)}: ${found.join(" and ")}; keep one.`, path.join(dir, found[0] ?? ""));
    }
    const top =
      stopAt !== undefined && isInside(dir, stopAt) ? dir === stopAt : names.has(".git") || path.dirname(dir) === dir;
    return { ...(found[0] === undefined ? {} : { configFile: path.join(dir, found[0]) }), top };
  };

  const forDir = (start: string): CredlintConfig => {
    const walked: string[] = [];
    let config: CredlintConfig | undefined;
    for (let dir = start; config === undefined; dir = path.dirname(dir)) {
      config = byDir.get(dir);
      if (config) break;
      walked.push(dir);
      const { configFile, top } = look(dir);
      if (configFile !== undefined) {
        config = loadConfigFile(configFile, loadOptions);
        loaded.push(config);
      } else if (top) {
        config = defaultsByTop.get(dir) ?? defaultConfig(dir);
        defaultsByTop.set(dir, config);
      }
    }
    for (const dir of walked) byDir.set(dir, config);
    return config;
  };

  return {
    forFile: (absPath) => forDir(path.dirname(isNormalAbsolute(absPath) ? absPath : path.resolve(cwd, absPath))),
    loaded: () => [...loaded],
  };
}
