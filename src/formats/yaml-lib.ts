/**
 * The `yaml` package, loaded on first use. Most scans (and every `--staged` run without a CI file) never
 * read YAML, and the CLI bundle should not pay for evaluating the parser at start-up: the CLI keeps `yaml`
 * external and requires it here synchronously (the parse stage is synchronous). The Action has no
 * node_modules, so its bundle swaps this module for yaml-lib.bundled.ts (scripts/bundle.ts).
 */
import { createRequire } from "node:module";
import type * as Yaml from "yaml";

let lib: typeof Yaml | undefined;

export function yamlLib(): typeof Yaml {
  lib ??= createRequire(import.meta.url)("yaml") as typeof Yaml;
  return lib;
}
