/**
 * `@typescript-eslint/typescript-estree`, loaded on first use through `createRequire`: the CLI and the
 * ESLint plugin keep it (and `typescript`) external, and only a file that passes the JS/TS keyword check pays
 * for loading TypeScript. The Action has no node_modules, so its bundle swaps this module for
 * estree-lib.bundled.ts (scripts/bundle.ts).
 */
import { createRequire } from "node:module";

export function estreeLib(): unknown {
  return createRequire(import.meta.url)("@typescript-eslint/typescript-estree");
}
