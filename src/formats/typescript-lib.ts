/**
 * `typescript`, loaded on first use through `createRequire`: the CLI and the ESLint plugin keep it external,
 * and only a file that passes the JS/TS keyword check pays for loading it. The Action has no node_modules, so
 * its bundle swaps this module for typescript-lib.bundled.ts (scripts/bundle.ts).
 *
 * In the CLI, TypeScript loads with V8's code cache (bin/code-cache.js): compiling its 9 MB was ~0.13 s of each
 * thread that parses code, in every run.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** bin/code-cache.js, as the scan's threads use it. */
export interface CodeCache {
  load(file: string, kind: string, options?: { readonly write?: boolean }): unknown;
  flush(): void;
  hasPending(): boolean;
  /** V8 flags the CLI set at run time, which each worker sets again (bin/code-cache.js). */
  getRuntimeFlags(): { readonly flags: readonly unknown[] };
  /** Sets the V8 flags bin/credlint.js allowed the run to set at `stage` (bin/code-cache.js; default "scan"). */
  setArmedFlags(stage?: "scan" | "workers"): void;
}

let cache: CodeCache | null | undefined;

/**
 * The code cache of the CLI that runs: bin/code-cache.js beside the CommonJS bundle (dist/credlint.cjs). None
 * from the sources (tests), in the ESLint plugin and in the Action, which load code as Node does.
 */
export function codeCache(): CodeCache | undefined {
  if (cache === undefined) {
    cache = null;
    const file = codeCacheFile();
    if (file) {
      try {
        cache = createRequire(import.meta.url)(file) as CodeCache;
      } catch {
        cache = null;
      }
    }
  }
  return cache ?? undefined;
}

/** Where bin/code-cache.js is for the bundle that runs (the scan's workers load the bundle through it), or undefined. */
export function codeCacheFile(): string | undefined {
  const self = fileURLToPath(import.meta.url);
  const file = path.join(path.dirname(self), "..", "bin", "code-cache.js");
  return self.endsWith(".cjs") && existsSync(file) ? file : undefined;
}

export function typescriptLib(): unknown {
  const require = createRequire(import.meta.url);
  const loader = codeCache();
  return loader ? loader.load(require.resolve("typescript"), "typescript") : require("typescript");
}
