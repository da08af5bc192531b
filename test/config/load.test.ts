/**
 * Loading one config file in each format, and every way a file can fail to be read or parsed. What the
 * contents may be (keys, types, rules) is validate.test.ts.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { ConfigProblem, LoadOptions } from "../../src/config/load.js";
import { ConfigError, defaultConfig, loadConfigFile } from "../../src/config/load.js";
import { UsageError } from "../../src/model/errors.js";
import { defaultEngine } from "../../src/secrets/regex.js";

const root = mkdtempSync(path.join(tmpdir(), "credlint-config-load-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const checkPattern = (regex: string): string | undefined => {
  try {
    defaultEngine().compile(regex);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
};
const options: LoadOptions = { rules: [{ id: "prefer-oidc" }, { id: "invalid-region" }], checkPattern, cwd: root };

let counter = 0;
/** Writes `content` as `name` in a fresh folder (require caches modules by path, so every file is new). */
function write(name: string, content: string | Buffer): string {
  const dir = path.join(root, `case-${++counter}`);
  mkdirSync(dir);
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

/** The ConfigError `load` throws. */
function failure(load: () => unknown): ConfigError {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("expected a ConfigError");
}

/** The message lines after the `Invalid config …:` header, for a file written with this content. */
function errorLines(name: string, content: string | Buffer): string[] {
  const file = write(name, content);
  const lines = failure(() => loadConfigFile(file, options)).message.split("\n");
  expect(lines[0]).toBe(`Invalid config ${path.relative(root, file)}:`);
  return lines.slice(1).map((l) => l.slice(path.relative(root, file).length));
}

const SAME_CONFIG = {
  json: '{\n  "rules": { "prefer-oidc": "warning", "invalid-region": ["off"] },\n  "ignore": ["vendor/"]\n}\n',
  yaml: "rules:\n  prefer-oidc: warning\n  invalid-region: [\"off\"]\nignore:\n  - vendor/\n",
  mjs: 'export default {\n  rules: { "prefer-oidc": "warning", "invalid-region": ["off"] },\n  ignore: ["vendor/"],\n};\n',
};

describe("formats", () => {
  it.each([
    ["credlint.config.json", SAME_CONFIG.json],
    ["credlint.config.yaml", SAME_CONFIG.yaml],
    ["credlint.config.yml", SAME_CONFIG.yaml],
    ["credlint.config.mjs", SAME_CONFIG.mjs],
    [".credlintrc.json", SAME_CONFIG.json],
    [".credlintrc.yaml", SAME_CONFIG.yaml],
    [".credlintrc.yml", SAME_CONFIG.yaml],
  ])("%s gives the same config", (name, content) => {
    const file = write(name, content);
    const config = loadConfigFile(file, options);
    expect(config.file).toBe(file);
    expect(config.dir).toBe(path.dirname(file));
    expect([...config.rules]).toEqual([
      ["prefer-oidc", { level: "warning", options: {} }],
      ["invalid-region", { level: "off", options: {} }],
    ]);
    expect(config.ignore).toEqual(["vendor/"]);
  });

  it("takes the format from the extension, so --config can name any file", () => {
    expect(loadConfigFile(write("ci-strict.json", '{"rules": {"prefer-oidc": "error"}}'), options).rules.get("prefer-oidc")?.level).toBe("error");
    const toml = write("credlint.toml", 'rules = { prefer-oidc = "error" }');
    expect(failure(() => loadConfigFile(toml, options)).message).toBe(
      `Config file ${path.relative(root, toml)}: unknown format; a config file ends in .json, .yaml, .yml or .mjs.`,
    );
  });

  it("reads a JSON file with a byte order mark (as Windows editors write it)", () => {
    expect(loadConfigFile(write("credlint.config.json", '\uFEFF{"ignore": ["x"]}'), options).ignore).toEqual(["x"]);
  });

  it("fills in the defaults for what a file leaves out", () => {
    const config = loadConfigFile(write("credlint.config.json", "{}"), options);
    const { file: _file, ...rest } = config;
    expect(rest).toEqual(defaultConfig(path.dirname(config.file ?? "")));
    expect(config.reportUnusedDisableDirectives).toBe("off");
    expect(config.requireDisableReason).toBe(false);
    expect(config.maxFileSize).toBeUndefined();
    expect(config.baseline).toBeUndefined();
  });

  it("returns a frozen config", () => {
    const config = loadConfigFile(write("credlint.config.json", '{"rules": {"prefer-oidc": ["error", {}]}}'), options);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.rules.get("prefer-oidc")?.options)).toBe(true);
  });
});

describe("errors name the file", () => {
  it("as a ConfigError, a UsageError (exit code 2), with one problem per line", () => {
    const file = write("credlint.config.yaml", "ignores: []\nmaxFileSize: 0\n");
    const error = failure(() => loadConfigFile(file, options));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.file).toBe(file);
    expect(error.problems).toEqual<ConfigProblem[]>([
      { line: 1, column: 1, path: "ignores", message: 'unknown key "ignores"; did you mean "ignore"?' },
      { line: 2, column: 14, path: "maxFileSize", message: "must be at least 1, got 0" },
    ]);
  });

  it("relative to cwd when the file is inside it, absolute otherwise", () => {
    const file = write("credlint.config.json", "[]");
    expect(failure(() => loadConfigFile(file, options)).message).toBe(
      `Invalid config ${path.relative(root, file)}:\n${path.relative(root, file)}:1:1: expected an object, got an array`,
    );
    const elsewhere = { ...options, cwd: path.join(root, "somewhere-else") };
    expect(failure(() => loadConfigFile(file, elsewhere)).message).toBe(`Invalid config ${file}:\n${file}:1:1: expected an object, got an array`);
  });

  it("says when the file does not exist or is a folder", () => {
    const missing = path.join(root, "nope", "credlint.config.json");
    expect(failure(() => loadConfigFile(missing, options)).message).toBe(`Config file ${path.relative(root, missing)}: not found.`);
    const folder = path.join(root, "folder.json");
    mkdirSync(folder);
    expect(failure(() => loadConfigFile(folder, options)).message).toBe("Config file folder.json: is a folder.");
  });

  it.each(["credlint.config.json", "credlint.config.yaml", "credlint.config.mjs"])("%s: an empty file is an error", (name) => {
    expect(errorLines(name, "  \n\n")).toEqual([": the file is empty"]);
  });

  it("reports the first line that is not valid UTF-8", () => {
    const latin1 = Buffer.concat([Buffer.from('rules:\n  prefer-oidc: warning\n# Caf'), Buffer.from([0xe9]), Buffer.from("\n")]);
    expect(errorLines("credlint.config.yaml", latin1)).toEqual([":3:1: the file is not valid UTF-8"]);
  });
});

describe("JSON", () => {
  it("rejects what JSON.parse rejects, with line and column, though YAML would accept it", () => {
    expect(errorLines("credlint.config.json", '{\n  "rules": {\n    "prefer-oidc": "warning",\n  }\n}\n')).toEqual([
      ':3:29: invalid JSON: trailing comma before "}"',
    ]);
    expect(errorLines(".credlintrc.json", '{\n  // legacy deploy\n  "ignore": []\n}')).toEqual([
      ":2:3: invalid JSON: comments are not allowed in JSON (a YAML config can have them)",
    ]);
    expect(errorLines(".credlintrc.json", "{'ignore': []}")).toEqual([":1:2: invalid JSON: strings must be in double quotes"]);
    expect(errorLines(".credlintrc.json", '{"ignore": [')).toEqual([":1:13: invalid JSON: unexpected end of file"]);
  });

  it("rejects a key written twice (JSON.parse would keep the last without a word)", () => {
    expect(errorLines("credlint.config.json", '{\n  "ignore": ["a"],\n  "ignore": ["b"]\n}')).toEqual([':3:3: duplicate key "ignore"']);
  });

  it("puts the line and column of the offending value on validation messages", () => {
    expect(errorLines("credlint.config.json", '{\n\t"rules": {\n\t\t"prefer-oidc": "warn"\n\t}\n}')).toEqual([
      ':3:18: rules.prefer-oidc: unknown level "warn"; did you mean "warning"?',
    ]);
  });
});

describe("YAML", () => {
  it("reports parse errors and warnings with their line", () => {
    expect(errorLines("credlint.config.yaml", "rules:\n\tprefer-oidc: warning\n")).toEqual([
      ":2:1: invalid YAML: Tabs are not allowed as indentation",
    ]);
    expect(errorLines("credlint.config.yaml", "ignore: [vendor/\nrules: {}\n")[0]).toMatch(/^:2:1: invalid YAML: /);
    expect(errorLines("credlint.config.yml", "ignore:\n  - !regex vendor/\n")).toEqual([":2:5: invalid YAML: Unresolved tag: !regex"]);
  });

  it("rejects several documents and duplicate keys", () => {
    expect(errorLines("credlint.config.yaml", "ignore: []\n---\nrules: {}\n")[0]).toMatch(/^:2:1: invalid YAML: Source contains multiple documents/);
    expect(errorLines(".credlintrc.yaml", "rules: {}\nrules:\n  prefer-oidc: error\n")).toEqual([":2:1: duplicate key rules"]);
  });

  it("bounds alias expansion (a billion laughs stops at the alias limit)", () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 8; i++) levels.push(`${"abcdefgh"[i]}: &${"abcdefgh"[i]} [${Array(10).fill(`*${"abcdefgh"[i - 1]}`).join(", ")}]`);
    expect(errorLines("credlint.config.yaml", `${levels.join("\n")}\n`)[0]).toMatch(/^: invalid YAML: Excessive alias count/);
  });

  it("treats a file of comments only as a mistake", () => {
    expect(errorLines("credlint.config.yaml", "# rules:\n#   prefer-oidc: off\n")).toEqual([": the file has no settings (only comments)"]);
  });

  it("reads YAML 1.2: yes is a string, so a boolean key says so", () => {
    expect(errorLines(".credlintrc.yml", "requireDisableReason: yes\n")).toEqual([":1:23: requireDisableReason: expected true or false, got a string"]);
  });
});

describe(".mjs", () => {
  it("uses the default export, and treats undefined properties as absent", () => {
    const file = write("credlint.config.mjs", "const strict = false;\nexport default { maxFileSize: strict ? 1024 : undefined, ignore: ['dist/'] };\n");
    const config = loadConfigFile(file, options);
    expect(config.maxFileSize).toBeUndefined();
    expect(config.ignore).toEqual(["dist/"]);
  });

  it("names the key path, without lines", () => {
    expect(errorLines("credlint.config.mjs", 'export default { rules: { "prefer-oidc": "warn" } };\n')).toEqual([
      ': rules.prefer-oidc: unknown level "warn"; did you mean "warning"?',
    ]);
  });

  it("rejects a default export that is not a plain object", () => {
    expect(errorLines("credlint.config.mjs", "export default [{ rules: {} }];\n")).toEqual([": default export: expected an object, got an array"]);
    expect(errorLines("credlint.config.mjs", "export default () => ({});\n")).toEqual([": default export: expected an object, got a function"]);
    expect(errorLines("credlint.config.mjs", "export default new Map();\n")).toEqual([": default export: expected an object, got a Map"]);
    expect(errorLines("credlint.config.mjs", "export const rules = {};\n")).toEqual([": the module has no default export (export default { … })"]);
  });

  it("reports a module that throws, with the line it throws at", () => {
    expect(errorLines("credlint.config.mjs", 'const team = undefined;\nif (!team) throw new Error("TEAM is not set");\nexport default {};\n')).toEqual([
      ":2:18: the module throws when loaded: TEAM is not set",
    ]);
  });

  it("reports a syntax error", () => {
    expect(errorLines("credlint.config.mjs", "export default { rules: { ;\n")[0]).toMatch(/^: syntax error: Unexpected token/);
  });

  it("explains that top-level await cannot be loaded synchronously", () => {
    expect(errorLines("credlint.config.mjs", "const rules = await Promise.resolve({});\nexport default { rules };\n")).toEqual([
      ": the module uses top-level await, and credlint loads configs synchronously; build the config without await",
    ]);
  });
});
