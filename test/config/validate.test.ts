/**
 * What a config may contain: every key, every message. Configs are written as YAML so that each message's
 * line and column are checked too. The rules are a fake list (options included), not the real ones.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, describe, expect, it } from "vitest";
import type { LoadOptions } from "../../src/config/load.js";
import { ConfigError, loadConfigFile, ruleOptions } from "../../src/config/load.js";
import type { ConfigRuleSpec } from "../../src/config/schema.js";
import { validateValue } from "../../src/config/validate.js";
import type { CredlintConfig, JsonSchema } from "../../src/model/config.js";
import { defaultEngine } from "../../src/secrets/regex.js";

const root = mkdtempSync(path.join(tmpdir(), "credlint-config-validate-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const RULES: readonly ConfigRuleSpec[] = [
  {
    id: "hardcoded-secret",
    description: "Report hard-coded secrets",
    options: { minEntropy: { description: "Bits per character below which a value is not reported.", schema: { type: "number", minimum: 0 }, default: 3.5 } },
  },
  {
    id: "invalid-region",
    options: {
      extraRegions: { description: "Regions the SDKs do not know yet.", schema: { type: "array", items: { type: "string" } }, default: [] },
      partition: { description: "Which partition's regions count.", schema: { type: "string", enum: ["aws", "aws-cn", "aws-us-gov"] }, default: "aws" },
    },
  },
  { id: "prefer-oidc" },
];

const checkPattern = (regex: string): string | undefined => {
  try {
    defaultEngine().compile(regex);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
};
const options: LoadOptions = { rules: RULES, extraRuleIds: ["parse-error"], checkPattern, cwd: root };
const file = path.join(root, "credlint.config.yaml");

function load(yaml: string): CredlintConfig {
  writeFileSync(file, yaml);
  return loadConfigFile(file, options);
}

/** The problems of a config, each `line:column: path: message`. */
function problems(yaml: string): string[] {
  try {
    load(yaml);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const [header, ...lines] = (error as Error).message.split("\n");
    expect(header).toBe("Invalid config credlint.config.yaml:");
    return lines.map((l) => l.replace(/^credlint\.config\.yaml:/, ""));
  }
  throw new Error("expected the config to be rejected");
}

describe("top-level keys", () => {
  it("accepts every key", () => {
    const config = load(`
$schema: ./node_modules/credlint/schema/credlint.config.schema.json
rules: { prefer-oidc: warning }
ignore: [vendor/]
fileKinds: { deploy/*.conf: dotenv }
secretPatterns: [{ id: acme-token, description: ACME token, regex: "acme_[a-z]{8}" }]
allow: [{ pattern: "acme_x+" }]
maxFileSize: 1048576
reportUnusedDisableDirectives: error
requireDisableReason: true
baseline: .ci/baseline.json
`);
    expect(config.maxFileSize).toBe(1048576);
    expect(config.reportUnusedDisableDirectives).toBe("error");
    expect(config.requireDisableReason).toBe(true);
    expect(config.baseline).toBe(".ci/baseline.json");
    expect(config.fileKinds).toEqual([{ pattern: "deploy/*.conf", kind: "dotenv" }]);
  });

  it("rejects an unknown key at its line, with did-you-mean", () => {
    expect(problems("ignore: []\nrequireDisableReasons: true\n")).toEqual(['2:1: requireDisableReasons: unknown key "requireDisableReasons"; did you mean "requireDisableReason"?']);
    expect(problems("allowlist: []\n")).toEqual(['1:1: allowlist: unknown key "allowlist"; did you mean "allow"?']);
  });

  it("lists the keys when nothing is close", () => {
    expect(problems("extends: ./base.yaml\n")).toEqual([
      '1:1: extends: unknown key "extends"; expected "$schema", "rules", "ignore", "fileKinds", "secretPatterns", "allow", "maxFileSize", "reportUnusedDisableDirectives", "requireDisableReason" or "baseline"',
    ]);
  });

  it("says which type was expected and which was found", () => {
    expect(problems("ignore: vendor/\n")).toEqual(["1:9: ignore: expected an array of strings, got a string"]);
    expect(problems("ignore: [vendor/, 42]\n")).toEqual(["1:19: ignore[1]: expected a string, got 42"]);
    expect(problems("rules: [prefer-oidc]\n")).toEqual(["1:8: rules: expected an object, got an array"]);
    expect(problems("fileKinds: [dotenv]\n")).toEqual(["1:12: fileKinds: expected an object, got an array"]);
    expect(problems("secretPatterns: {}\n")).toEqual(["1:17: secretPatterns: expected an array of secret patterns, got an object"]);
    expect(problems("allow: sha256\n")).toEqual(["1:8: allow: expected an array of allowed values, got a string"]);
    expect(problems("baseline: 1\n")).toEqual(["1:11: baseline: expected a string, got 1"]);
    expect(problems("requireDisableReason: null\n")).toEqual(["1:23: requireDisableReason: expected true or false, got null"]);
    expect(problems("- rules\n")).toEqual(["1:1: expected an object, got an array"]);
  });

  it("maxFileSize: a positive integer", () => {
    expect(problems("maxFileSize: 0\n")).toEqual(["1:14: maxFileSize: must be at least 1, got 0"]);
    expect(problems("maxFileSize: 1.5\n")).toEqual(["1:14: maxFileSize: expected an integer of at least 1, got 1.5"]);
    expect(problems("maxFileSize: 2MB\n")).toEqual(["1:14: maxFileSize: expected an integer of at least 1, got a string"]);
  });

  it("reportUnusedDisableDirectives: a level", () => {
    expect(problems("reportUnusedDisableDirectives: warn\n")).toEqual(['1:32: reportUnusedDisableDirectives: unknown level "warn"; did you mean "warning"?']);
    expect(problems("reportUnusedDisableDirectives: true\n")).toEqual([
      '1:32: reportUnusedDisableDirectives: expected a level ("off", "note", "warning" or "error"), got true',
    ]);
  });

  it("baseline: not empty", () => {
    expect(problems('baseline: ""\n')).toEqual(["1:11: baseline: must not be empty"]);
  });

  it("collects every problem of the file, in line order", () => {
    expect(problems("maxFileSize: -1\nrules:\n  prefer-odic: error\n  invalid-region: warn\nignores: []\n")).toEqual([
      "1:14: maxFileSize: must be at least 1, got -1",
      '3:3: rules.prefer-odic: unknown rule "prefer-odic"; did you mean "prefer-oidc"?',
      '4:19: rules.invalid-region: unknown level "warn"; did you mean "warning"?',
      '5:1: ignores: unknown key "ignores"; did you mean "ignore"?',
    ]);
  });
});

describe("rules", () => {
  it("takes a level, [level] or [level, options], for rules and the extra ids", () => {
    const config = load("rules:\n  prefer-oidc: note\n  hardcoded-secret: [error]\n  invalid-region: [warning, { extraRegions: [mx-central-1] }]\n  parse-error: off\n");
    expect([...config.rules]).toEqual([
      ["prefer-oidc", { level: "note", options: {} }],
      ["hardcoded-secret", { level: "error", options: {} }],
      ["invalid-region", { level: "warning", options: { extraRegions: ["mx-central-1"] } }],
      ["parse-error", { level: "off", options: {} }],
    ]);
  });

  it("rejects an unknown rule id, with did-you-mean", () => {
    expect(problems("rules:\n  hardcoded-secrte: error\n")).toEqual(['2:3: rules.hardcoded-secrte: unknown rule "hardcoded-secrte"; did you mean "hardcoded-secret"?']);
    expect(problems("rules:\n  parse-errors: off\n")).toEqual(['2:3: rules.parse-errors: unknown rule "parse-errors"; did you mean "parse-error"?']);
    expect(problems("rules:\n  no-console: error\n")).toEqual([
      '2:3: rules.no-console: unknown rule "no-console"; expected "hardcoded-secret", "invalid-region", "prefer-oidc" or "parse-error"',
    ]);
  });

  it("rejects an unknown level, with did-you-mean", () => {
    expect(problems("rules:\n  prefer-oidc: warn\n")).toEqual(['2:16: rules.prefer-oidc: unknown level "warn"; did you mean "warning"?']);
    expect(problems("rules:\n  prefer-oidc: Error\n")).toEqual(['2:16: rules.prefer-oidc: unknown level "Error"; did you mean "error"?']);
    expect(problems("rules:\n  prefer-oidc: [err]\n")).toEqual(['2:17: rules.prefer-oidc[0]: unknown level "err"; did you mean "error"?']);
    expect(problems("rules:\n  prefer-oidc: critical\n")).toEqual(['2:16: rules.prefer-oidc: unknown level "critical"; expected "off", "note", "warning" or "error"']);
  });

  it("rejects ESLint's numeric levels and other shapes", () => {
    expect(problems("rules:\n  prefer-oidc: 2\n")).toEqual([
      '2:16: rules.prefer-oidc: expected a level ("off", "note", "warning" or "error") or an array [level, options], got 2',
    ]);
    expect(problems("rules:\n  prefer-oidc: []\n")).toEqual(["2:16: rules.prefer-oidc: expected at least 1 item, got 0"]);
    expect(problems("rules:\n  prefer-oidc: [error, {}, {}]\n")).toEqual(["2:16: rules.prefer-oidc: expected at most 2 items, got 3"]);
    expect(problems("rules:\n  prefer-oidc: [error, [strict]]\n")).toEqual(["2:24: rules.prefer-oidc[1]: expected an object, got an array"]);
  });

  it("validates options with each option's schema", () => {
    expect(problems("rules:\n  invalid-region: [error, { extraRegions: mx-central-1 }]\n")).toEqual([
      "2:43: rules.invalid-region[1].extraRegions: expected an array of strings, got a string",
    ]);
    expect(problems("rules:\n  hardcoded-secret: [error, { minEntropy: -1 }]\n")).toEqual(["2:43: rules.hardcoded-secret[1].minEntropy: must be at least 0, got -1"]);
    expect(problems("rules:\n  invalid-region: [error, { partition: aws-gov }]\n")).toEqual([
      '2:40: rules.invalid-region[1].partition: "aws-gov" is not allowed; did you mean "aws-us-gov"?',
    ]);
  });

  it("rejects an unknown option, with did-you-mean; a rule without options takes none", () => {
    expect(problems("rules:\n  invalid-region: [error, { extraRegion: [] }]\n")).toEqual([
      '2:29: rules.invalid-region[1].extraRegion: unknown option "extraRegion"; did you mean "extraRegions"?',
    ]);
    expect(problems("rules:\n  prefer-oidc: [error, { strict: true }]\n")).toEqual(['2:26: rules.prefer-oidc[1].strict: unknown option "strict"']);
    expect(problems("rules:\n  parse-error: [warning, { strict: true }]\n")).toEqual(['2:28: rules.parse-error[1].strict: unknown option "strict"']);
  });

  it("keeps only the options written; ruleOptions merges them over the defaults", () => {
    const config = load("rules:\n  invalid-region: [warning, { partition: aws-cn }]\n");
    expect(config.rules.get("invalid-region")?.options).toEqual({ partition: "aws-cn" });
    const specs = RULES[1]?.options;
    expect(ruleOptions(config, "invalid-region", specs)).toEqual({ extraRegions: [], partition: "aws-cn" });
    expect(ruleOptions(config, "hardcoded-secret", RULES[0]?.options)).toEqual({ minEntropy: 3.5 });
    expect(ruleOptions(config, "prefer-oidc", undefined)).toEqual({});
  });
});

describe("fileKinds", () => {
  it("keeps the patterns in the order written", () => {
    expect(load("fileKinds:\n  deploy/*.env.tpl: text\n  deploy/: dotenv\n").fileKinds).toEqual([
      { pattern: "deploy/*.env.tpl", kind: "text" },
      { pattern: "deploy/", kind: "dotenv" },
    ]);
  });

  it("rejects an unknown kind, with did-you-mean", () => {
    expect(problems("fileKinds:\n  deploy/*.conf: env\n")).toEqual(['2:18: fileKinds["deploy/*.conf"]: unknown file kind "env"; did you mean "dotenv"?']);
    expect(problems("fileKinds:\n  ci/*.yml: gitlab\n")).toEqual(['2:13: fileKinds["ci/*.yml"]: unknown file kind "gitlab"; did you mean "gitlab-ci"?']);
    expect(problems("fileKinds:\n  scripts/*: bash\n")[0]).toBe(
      '2:14: fileKinds["scripts/*"]: unknown file kind "bash"; expected "aws-config", "aws-credentials", "js-ts", "python", "terraform", "terraform-vars", "dotenv", "shell", "dockerfile", "docker-compose", "kubernetes", "serverless", "cloudformation", "iam-policy", "github-workflow", "github-action", "gitlab-ci", "circleci", "azure-pipelines", "bitbucket-pipelines" or "text"',
    );
  });

  it("rejects a negated or empty pattern, which could never match", () => {
    expect(problems('fileKinds:\n  "!keep.env": dotenv\n  "": text\n')).toEqual([
      '2:3: fileKinds["!keep.env"]: key does not match ^[^!#] (a gitignore pattern; negation (!) and comments (#) mean nothing here)',
      '3:3: fileKinds[""]: key must not be empty',
      '3:3: fileKinds[""]: key does not match ^[^!#] (a gitignore pattern; negation (!) and comments (#) mean nothing here)',
    ]);
  });
});

describe("secretPatterns", () => {
  it("fills in the defaults and lower-cases the keywords", () => {
    const config = load(`
secretPatterns:
  - { id: acme-token, description: ACME token, regex: "acme_([A-Za-z0-9]{32})", keywords: [ACME_] }
  - { id: acme-webhook, description: ACME webhook secret, regex: "whsec_[a-z0-9]{24}", severity: warning, confidence: medium }
`);
    expect(config.secretPatterns).toEqual([
      { id: "acme-token", description: "ACME token", regex: "acme_([A-Za-z0-9]{32})", keywords: ["acme_"], severity: "error", confidence: "high" },
      { id: "acme-webhook", description: "ACME webhook secret", regex: "whsec_[a-z0-9]{24}", keywords: [], severity: "warning", confidence: "medium" },
    ]);
  });

  it("rejects a pattern RE2 rejects, naming the pattern and RE2's message", () => {
    const [lookahead] = problems('secretPatterns:\n  - id: acme-token\n    description: ACME token\n    regex: "acme_(?=[A-Z])[a-z]{8}"\n');
    expect(lookahead).toMatch(/^4:12: secretPatterns\[0\]\.regex: RE2 rejects the pattern "acme-token": .*\(\?=/);
    const [backreference] = problems("secretPatterns:\n  - id: quoted\n    description: Quoted token\n    regex: (['\"])tok_[a-z]+\\1\n");
    expect(backreference).toMatch(/^4:12: secretPatterns\[0\]\.regex: RE2 rejects the pattern "quoted": .*\\1/);
  });

  it("rejects a pattern that matches the empty string", () => {
    expect(problems('secretPatterns:\n  - { id: any, description: Anything, regex: "(?i)(token_[a-z]+)?" }\n')).toEqual([
      '2:46: secretPatterns[0].regex: the pattern "any" matches the empty string; it must match at least one character',
    ]);
  });

  it("rejects duplicate ids", () => {
    expect(problems('secretPatterns:\n  - { id: acme, description: A, regex: "a_[a-z]{9}" }\n  - { id: acme, description: B, regex: "b_[a-z]{9}" }\n')).toEqual([
      '3:11: secretPatterns[1].id: duplicate id "acme" (also secretPatterns[0])',
    ]);
  });

  it("checks each field", () => {
    expect(
      problems(`secretPatterns:
  - id: ACME_Token
    description: ""
    keywords: acme
    severity: critical
    confidence: certain
    flags: i
`),
    ).toEqual([
      '2:5: secretPatterns[0]: missing required key "regex"',
      "2:9: secretPatterns[0].id: does not match ^[a-z0-9]+(?:-[a-z0-9]+)*$ (kebab-case, unique in this config; shown in messages)",
      "3:18: secretPatterns[0].description: must not be empty",
      "4:15: secretPatterns[0].keywords: expected an array of strings, got a string",
      '5:15: secretPatterns[0].severity: unknown severity "critical"; expected "note", "warning" or "error"',
      '6:17: secretPatterns[0].confidence: unknown confidence "certain"; expected "low", "medium", "high" or "very-high"',
      '7:5: secretPatterns[0].flags: unknown key "flags"; expected "id", "description", "regex", "keywords", "severity" or "confidence"',
    ]);
  });
});

describe("allow", () => {
  const SHA = "c0f7a2afce6168b1034619751ed35230f02cc00522ea1a41e3a94bbf1b57bb97";

  it("takes sha256 and pattern entries", () => {
    expect(load(`allow:\n  - { sha256: ${SHA}, reason: sandbox }\n  - pattern: "acme_x{32}"\n`).allow).toEqual([{ sha256: SHA, reason: "sandbox" }, { pattern: "acme_x{32}" }]);
  });

  it("wants a lower-case SHA-256, and never echoes what was written there", () => {
    const secret = "acme_Zq8Rk2Lm9Tv4Wx7Yb1Nc5Hd3Jf6Gp0Q";
    const lines = problems(`allow:\n  - sha256: ${SHA.toUpperCase()}\n  - sha256: ${secret}\n`);
    expect(lines).toEqual([
      "2:13: allow[0].sha256: does not match ^[0-9a-f]{64}$ (64 lowercase hex digits: `printf %s 'value' | sha256sum`)",
      "3:13: allow[1].sha256: does not match ^[0-9a-f]{64}$ (64 lowercase hex digits: `printf %s 'value' | sha256sum`)",
    ]);
    expect(lines.join("\n")).not.toContain(secret.slice(5));
  });

  it("redacts a long value even where names are echoed", () => {
    const [line] = problems("rules:\n  prefer-oidc: acme_Zq8Rk2Lm9Tv4Wx7Yb1Nc5Hd3Jf6Gp0Q\n");
    expect(line).toBe('2:16: rules.prefer-oidc: unknown level "acme****"; expected "off", "note", "warning" or "error"');
  });

  it("checks patterns with RE2", () => {
    expect(problems('allow:\n  - pattern: "(?<!x)acme_x+"\n')[0]).toMatch(/^2:14: allow\[0\]\.pattern: RE2 rejects the pattern: /);
  });

  it("wants exactly one of sha256 and pattern", () => {
    expect(problems(`allow:\n  - reason: forgot the value\n  - { sha256: ${SHA}, pattern: x }\n  - { pattern: x, note: y }\n`)).toEqual([
      '2:5: allow[0]: needs "sha256" or "pattern"',
      '3:81: allow[1].pattern: unknown key "pattern"; expected "sha256" or "reason"',
      '4:19: allow[2].note: unknown key "note"; expected "pattern" or "reason"',
    ]);
  });
});

/**
 * The keywords rule options may use, beyond those the config itself uses: each case is checked against ajv
 * too, so the interpreter and the shipped schema's readers agree.
 */
describe("the JSON Schema interpreter", () => {
  // Not strict: these schemas are fragments (a `required` without `properties`, `minLength` without a type).
  const ajv = new Ajv2020({ strict: false });
  const cases: readonly [schema: JsonSchema, value: unknown, messages: readonly string[]][] = [
    [{ const: "strict" }, "strict", []],
    [{ const: "strict" }, "loose", ['expected "strict", got "loose"']],
    [{ type: "array", uniqueItems: true }, ["a", "b", "a"], ["[2]: duplicate of item [0]"]],
    [{ type: "array", uniqueItems: true }, [{ a: 1 }, { a: 1 }], ["[1]: duplicate of item [0]"]],
    [{ type: "string", minLength: 3 }, "ab", ["must be at least 3 characters long"]],
    [{ type: "string", minLength: 2 }, "😀😀", []],
    [{ type: "number", minimum: 0.5 }, 0.25, ["must be at least 0.5, got 0.25"]],
    [{ type: "integer" }, 3, []],
    [{ type: "object", required: ["a", "b"] }, { a: 1 }, ['missing required key "b"']],
    [{ type: "object", additionalProperties: { type: "integer" } }, { a: 1, b: "2" }, ["b: expected an integer, got a string"]],
    [{ type: "object", propertyNames: { pattern: "^[a-z]+$" } }, { ok: 1, "Not-OK": 2 }, ['["Not-OK"]: key does not match ^[a-z]+$']],
    [{ type: "array", prefixItems: [{ type: "string" }], items: { type: "integer" } }, ["a", 1, "b"], ["[2]: expected an integer, got a string"]],
    [{ type: "array", items: { type: "boolean" } }, "x", ["expected an array of booleans, got a string"]],
    [{ oneOf: [{ type: "string" }, { type: "string", minLength: 1 }] }, "x", ["matches more than one of: a string; a string"]],
    [{ oneOf: [{ type: "integer" }, { type: "string" }] }, true, ["expected an integer or a string, got true"]],
    [{ enum: ["aws", "aws-cn"] }, "azure", ['"azure" is not allowed; expected "aws" or "aws-cn"']],
    [{ minLength: 2 }, 7, []],
  ];
  for (const [schema, value, messages] of cases) {
    it(`${JSON.stringify(schema)} ← ${JSON.stringify(value)}`, () => {
      const found = validateValue(value, schema).map((p) => `${p.path.length ? `${formatSegments(p.path)}: ` : ""}${p.message}`);
      expect(found).toEqual(messages);
      expect(ajv.validate(schema, value)).toBe(messages.length === 0);
    });
  }
});

function formatSegments(path: readonly (string | number)[]): string {
  return path.map((s) => (typeof s === "number" ? `[${s}]` : /^[a-z]+$/i.test(s) ? s : `[${JSON.stringify(s)}]`)).join("");
}
