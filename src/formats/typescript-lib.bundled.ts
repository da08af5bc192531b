/**
 * typescript-lib.ts for the Action's bundle, which carries TypeScript inside it. A `require` call, which
 * esbuild turns into a call of the bundled module's lazy wrapper: a workspace without SDK code in JS/TS never
 * evaluates TypeScript.
 */
export function typescriptLib(): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("typescript");
}

/** The Action loads its code as Node does: no code cache (see typescript-lib.ts). */
export function codeCache(): undefined {
  return undefined;
}

export function codeCacheFile(): undefined {
  return undefined;
}
