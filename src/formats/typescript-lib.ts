/**
 * `typescript`, loaded on first use through `createRequire`: the CLI and the ESLint plugin keep it external,
 * and only a file that passes the JS/TS keyword check pays for loading it. The Action has no node_modules, so
 * its bundle swaps this module for typescript-lib.bundled.ts (scripts/bundle.ts).
 */
import { createRequire } from "node:module";

export function typescriptLib(): unknown {
  return createRequire(import.meta.url)("typescript");
}
