/**
 * Writes schema/credlint.config.schema.json, the config file's JSON Schema, from the rules' meta (their ids,
 * descriptions and option schemas) and the scan's own diagnostic ids. `npx tsx scripts/generate-config-schema.ts`
 * writes it (scripts/generate.ts can call `writeConfigSchema()`); test/config/schema.test.ts fails when the
 * committed copy is stale. The file is shipped in the npm package, so `"$schema":
 * "./node_modules/credlint/schema/credlint.config.schema.json"` gives editors completion offline.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { rules } from "../rules/index.js";
import { buildConfigSchema } from "../src/config/schema.js";
import type { JsonSchema } from "../src/model/config.js";
import { DIRECTIVE_META } from "../src/filter/stage.js";
import { PARSE_ERROR_META } from "../src/scan/diagnostics.js";

export const CONFIG_SCHEMA_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../schema/credlint.config.schema.json");

/** The schema as shipped: every rule, then the diagnostics a config can set a level for. */
export function shippedConfigSchema(): JsonSchema {
  return buildConfigSchema([...rules.map((r) => r.meta), PARSE_ERROR_META, DIRECTIVE_META]);
}

export function writeConfigSchema(): void {
  writeFileSync(CONFIG_SCHEMA_PATH, `${JSON.stringify(shippedConfigSchema(), null, 2)}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeConfigSchema();
  console.log(`Wrote ${path.relative(process.cwd(), CONFIG_SCHEMA_PATH)}.`);
}
