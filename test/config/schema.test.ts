/**
 * The shipped schema is current, and ajv (an independent implementation of draft 2020-12) agrees with
 * credlint's own validator on every committed fixture: the valid ones pass both, the invalid ones fail both —
 * except mistakes no JSON Schema can express (a regex RE2 rejects, duplicate ids), which ajv accepts and
 * only credlint catches.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import { parse as parseYaml } from "yaml";
import { describe, expect, it } from "vitest";
import { rules } from "../../rules/index.js";
import { CONFIG_SCHEMA_PATH, shippedConfigSchema } from "../../scripts/generate-config-schema.js";
import type { LoadOptions } from "../../src/config/load.js";
import { ConfigError, loadConfigFile } from "../../src/config/load.js";
import { buildConfigSchema, CONFIG_FILE_NAMES } from "../../src/config/schema.js";
import { validateValue } from "../../src/config/validate.js";
import { PARSE_ERROR_ID } from "../../src/scan/diagnostics.js";
import { DIRECTIVE_ID } from "../../src/filter/stage.js";
import { defaultEngine } from "../../src/secrets/regex.js";

const FIXTURES = path.resolve(import.meta.dirname, "../../fixtures/config");

const checkPattern = (regex: string): string | undefined => {
  try {
    defaultEngine().compile(regex);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
};
const options: LoadOptions = { rules: rules.map((r) => r.meta), extraRuleIds: [PARSE_ERROR_ID], checkPattern, cwd: FIXTURES };

// strictTuples off: `[level, options?]` is a tuple whose second item is optional, which strict mode flags.
const ajv = new Ajv2020({ strict: true, strictTuples: false, allErrors: true });
const validateWithAjv = ajv.compile(shippedConfigSchema());

/** The value ajv sees: what the file holds, parsed as JSON/YAML or imported; undefined when it cannot be read. */
async function rawValue(file: string): Promise<unknown> {
  try {
    if (file.endsWith(".mjs")) return ((await import(pathToFileURL(file).href)) as { default?: unknown }).default;
    const text = readFileSync(file, "utf8");
    return file.endsWith(".json") ? JSON.parse(text) : parseYaml(text);
  } catch {
    return undefined;
  }
}

function messageOf(file: string): string {
  try {
    loadConfigFile(file, options);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`${file} was accepted`);
}

describe("the shipped schema", () => {
  it("is current (npx tsx scripts/generate-config-schema.ts)", () => {
    expect(JSON.parse(readFileSync(CONFIG_SCHEMA_PATH, "utf8"))).toEqual(shippedConfigSchema());
  });

  it("names every rule and the diagnostics, with the rules' options", () => {
    const ruleProperties = shippedConfigSchema().properties?.rules?.properties ?? {};
    expect(Object.keys(ruleProperties)).toEqual([...rules.map((r) => r.meta.id), PARSE_ERROR_ID, DIRECTIVE_ID]);
    for (const rule of rules) {
      const tuple = ruleProperties[rule.meta.id]?.oneOf?.[1];
      expect(Object.keys(tuple?.prefixItems?.[1]?.properties ?? {}), rule.meta.id).toEqual(Object.keys(rule.meta.options ?? {}));
    }
  });

  it("accepts every rule option's default (the interpreter reads the rules' option schemas as ajv does)", () => {
    for (const rule of rules) {
      for (const [name, option] of Object.entries(rule.meta.options ?? {})) {
        expect(validateValue(option.default, option.schema), `${rule.meta.id}.${name}`).toEqual([]);
        expect(new Ajv2020({ strict: false }).validate(option.schema, option.default), `${rule.meta.id}.${name}`).toBe(true);
      }
    }
  });

  it("is a draft 2020-12 schema ajv compiles in strict mode, as is one built with rule options", () => {
    expect(shippedConfigSchema().$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    const withOptions = buildConfigSchema([{ id: "invalid-region", options: { extraRegions: { description: "d", schema: { type: "array", items: { type: "string" } }, default: [] } } }]);
    const validate = new Ajv2020({ strict: true, strictTuples: false }).compile(withOptions);
    expect(validate({ rules: { "invalid-region": ["warning", { extraRegions: ["mx-central-1"] }] } })).toBe(true);
    expect(validate({ rules: { "invalid-region": ["warning", { extraRegion: [] }] } })).toBe(false);
  });
});

describe("valid fixtures pass ajv and credlint", () => {
  const files = [
    "valid/monorepo/credlint.config.yaml",
    "valid/monorepo/services/billing/.credlintrc.json",
    "valid/esm/credlint.config.mjs",
  ];
  for (const name of files) {
    it(name, async () => {
      const file = path.join(FIXTURES, name);
      expect(CONFIG_FILE_NAMES).toContain(path.basename(file));
      expect(validateWithAjv(await rawValue(file)), JSON.stringify(validateWithAjv.errors)).toBe(true);
      expect(loadConfigFile(file, options).file).toBe(file);
    });
  }
});

/** What each invalid fixture shows: credlint's message lines, and whether ajv can tell (or even read the file). */
const INVALID: Readonly<Record<string, { readonly lines: readonly string[]; readonly ajv: "rejects" | "accepts" | "cannot read" }>> = {
  "allow-uppercase-sha256.json": {
    lines: [
      "3:17: allow[0].sha256: does not match ^[0-9a-f]{64}$ (64 lowercase hex digits: `printf %s 'value' | sha256sum`)",
      '4:5: allow[1]: needs "sha256" or "pattern"',
    ],
    ajv: "rejects",
  },
  "duplicate-pattern-id.yaml": { lines: ['9:9: secretPatterns[1].id: duplicate id "acme-api-token" (also secretPatterns[0])'], ajv: "accepts" },
  "ignore-not-array.json": { lines: ["2:13: ignore: expected an array of strings, got a string"], ajv: "rejects" },
  "json-comment.json": { lines: ["2:3: invalid JSON: comments are not allowed in JSON (a YAML config can have them)"], ajv: "cannot read" },
  "json-trailing-comma.json": { lines: ['4:29: invalid JSON: trailing comma before "}"'], ajv: "cannot read" },
  "level-warn.yaml": { lines: ['4:16: rules.prefer-oidc: unknown level "warn"; did you mean "warning"?'], ajv: "rejects" },
  "mjs-array-export.mjs": { lines: [" default export: expected an object, got an array"], ajv: "rejects" },
  "mjs-throws.mjs": { lines: ["4:9: the module throws when loaded: CREDLINT_FIXTURE_TEAM_THAT_IS_NEVER_SET is not set"], ajv: "cannot read" },
  "pattern-lookahead.yaml": { lines: [/^6:12: secretPatterns\[0\]\.regex: RE2 rejects the pattern "acme-api-token": .*\(\?=/.source], ajv: "accepts" },
  "rule-id-typo.json": { lines: ['3:5: rules.hardcoded-secrte: unknown rule "hardcoded-secrte"; did you mean "hardcoded-secret"?'], ajv: "rejects" },
  "rule-options-unknown.json": { lines: ['3:35: rules.invalid-region[1].allowedRegions: unknown option "allowedRegions"; expected "extraRegions"'], ajv: "rejects" },
  "several-mistakes.yaml": {
    lines: [
      '4:1: ignores: unknown key "ignores"; did you mean "ignore"?',
      '7:18: fileKinds["deploy/*.conf"]: unknown file kind "env"; did you mean "dotenv"?',
      "9:14: maxFileSize: expected an integer of at least 1, got a string",
      "10:23: requireDisableReason: expected true or false, got a string",
    ],
    ajv: "rejects",
  },
};

describe("invalid fixtures fail credlint, and ajv where a schema can tell", () => {
  it("every file in fixtures/config/invalid is listed here", () => {
    expect(readdirSync(path.join(FIXTURES, "invalid")).sort()).toEqual(Object.keys(INVALID).sort());
  });

  for (const [name, expected] of Object.entries(INVALID)) {
    it(name, async () => {
      const file = path.join(FIXTURES, "invalid", name);
      // Not a name credlint discovers, so a scan of this repository never loads these as its config.
      expect(CONFIG_FILE_NAMES).not.toContain(name);
      const [header, ...lines] = messageOf(file).split("\n");
      expect(header).toBe(`Invalid config invalid/${name}:`);
      const stripped = lines.map((l) => l.slice(`invalid/${name}:`.length));
      expect(stripped).toHaveLength(expected.lines.length);
      expected.lines.forEach((line, i) => (name === "pattern-lookahead.yaml" ? expect(stripped[i]).toMatch(new RegExp(line)) : expect(stripped[i]).toBe(line)));
      const value = await rawValue(file);
      if (expected.ajv === "cannot read") expect(value).toBeUndefined();
      else expect(validateWithAjv(value)).toBe(expected.ajv === "accepts");
    });
  }
});
