import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

interface PackageInfo {
  readonly dir: string;
  readonly version: string;
}

let found: PackageInfo | null | undefined;

/**
 * credlint's own package.json: the first one named credlint above this module — in the source tree, the
 * build tree, an installed package, or the GitHub Action's checkout (dist/action.mjs).
 */
function ownPackage(): PackageInfo | null {
  if (found !== undefined) return found;
  found = null;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "credlint" && typeof pkg.version === "string") {
        found = { dir, version: pkg.version };
        break;
      }
    } catch {
      // not here: look one folder up
    }
    dir = path.dirname(dir);
  }
  return found;
}

/** Set by esbuild (scripts/bundle.ts) to package.json's version; absent when running from source. */
declare const __CREDLINT_VERSION__: string | undefined;

/** credlint's own version: injected into the bundles at build time; from source, read from package.json. */
export function toolVersion(): string {
  if (typeof __CREDLINT_VERSION__ === "string") return __CREDLINT_VERSION__;
  return ownPackage()?.version ?? "0.0.0";
}

/** The folder of credlint's rule docs (docs/rules), when the package has one. */
export function ruleDocsDir(): string | undefined {
  const pkg = ownPackage();
  return pkg ? path.join(pkg.dir, "docs", "rules") : undefined;
}
