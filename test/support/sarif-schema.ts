import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;

/**
 * The official SARIF 2.1.0 JSON schema (test/schemas/sarif-schema-2.1.0.json, copied unchanged). That copy
 * nests the `anyOf` of `region` (one of startLine / charOffset / byteOffset is required) inside
 * `properties`, which makes it an invalid schema; the OASIS schema has it on `region` itself. We hoist it
 * back — and only it: any other such defect fails the load, so the validator never silently weakens.
 */
export function loadSarifSchema(): object {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), "../schemas/sarif-schema-2.1.0.json");
  const schema = JSON.parse(readFileSync(file, "utf8")) as { definitions: Record<string, { properties?: Record<string, unknown>; anyOf?: unknown }> };
  for (const [name, def] of Object.entries(schema.definitions)) {
    for (const [prop, value] of Object.entries(def.properties ?? {})) {
      if (typeof value === "object" && value !== null && !Array.isArray(value)) continue;
      if (name === "region" && prop === "anyOf" && def.properties) {
        def.anyOf = value;
        delete def.properties.anyOf;
      } else {
        throw new Error(`unexpected defect in the SARIF schema: ${name}.properties.${prop}`);
      }
    }
  }
  return schema;
}

export function sarifValidator(): ValidateFunction {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(loadSarifSchema());
}
