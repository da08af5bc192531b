/**
 * A small interpreter for the JSON Schema subset in model/config.ts `JsonSchema`, run over a parsed config.
 *
 * Why not ajv: ajv's errors name a JSON pointer and a keyword ("must be equal to one of the allowed values"),
 * where a user needs the line, what was expected and what they probably meant ("unknown rule
 * "hardcoded-secrte"; did you mean "hardcoded-secret"?"). And it is 120 KB of bundle for a dozen keywords.
 * The schema object itself comes from schema.ts, so the shipped schema and this validator read one source;
 * ajv stays in the tests as the oracle that they agree.
 *
 * Keywords apply only to values of their type, as in JSON Schema (`minLength` says nothing of a number).
 * Every problem is collected, not just the first. `oneOf` reports the alternative the value looks like
 * (same type, required keys present), so `"warn"` gets an enum message rather than "matches no branch".
 * Properties whose value is `undefined` (possible in an .mjs config) count as absent.
 *
 * A string the user wrote is echoed only where it is a name (an unknown key, level or kind), and redacted
 * when long: a secret pasted where its hash belongs must not reach a CI log through an error message.
 */
import type { JsonSchema } from "../model/config.js";
import { closest } from "../knowledge/strings.js";
import { redact } from "../model/redact.js";

export type JsonPath = readonly (string | number)[];

export interface SchemaProblem {
  readonly path: JsonPath;
  readonly message: string;
  /** The problem is the key at `path` itself (an unknown key), not its value. */
  readonly atKey: boolean;
}

/** Every problem of `value` against `schema`, in document order. */
export function validateValue(value: unknown, schema: JsonSchema): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  check(value, schema, [], out);
  return out;
}

/** `rules.hardcoded-secret`, `secretPatterns[0].regex`, `fileKinds["deploy/*.env"]`. */
export function formatPath(path: JsonPath): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) text += text === "" ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** "a string", "an array", "1.5", "true": what the user wrote, for "expected …, got …". */
function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (isPlainObject(value)) return "an object";
  switch (typeof value) {
    case "string":
      return "a string";
    case "number":
    case "boolean":
      return String(value);
    case "function":
      return "a function";
    case "object":
      return `a ${(value as object).constructor.name}`;
    default:
      return typeof value;
  }
}

const ARTICLE_TYPE: Readonly<Record<string, string>> = {
  object: "an object",
  array: "an array",
  string: "a string",
  integer: "an integer",
  number: "a number",
  boolean: "true or false",
};

function quoteList(values: readonly unknown[]): string {
  const quoted = values.map((v) => JSON.stringify(v));
  return quoted.length < 2 ? quoted.join("") : `${quoted.slice(0, -1).join(", ")} or ${quoted.at(-1)}`;
}

function andList(words: readonly string[]): string {
  return words.length < 2 ? words.join("") : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

function plural(schema: JsonSchema): string {
  if (schema.title !== undefined) return `${schema.title}s`;
  return schema.type === undefined ? "values" : `${schema.type}s`;
}

/** What a schema expects, in words: "an array of strings", "a level ("off", "note", "warning" or "error")". */
function describeSchema(schema: JsonSchema): string {
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.title === undefined ? `one of ${quoteList(schema.enum)}` : `a ${schema.title} (${quoteList(schema.enum)})`;
  if (schema.oneOf) return schema.oneOf.map(describeSchema).join(" or ");
  switch (schema.type) {
    case "array":
      if (schema.prefixItems) return `an array [${schema.prefixItems.map((s) => s.title ?? describeSchema(s)).join(", ")}]`;
      return schema.items ? `an array of ${plural(schema.items)}` : "an array";
    case "object":
      return schema.required?.length ? `an object with ${andList(schema.required)}` : "an object";
    case "integer":
      return schema.minimum === undefined ? "an integer" : `an integer of at least ${schema.minimum}`;
    case undefined:
      return "a value";
    default:
      return ARTICLE_TYPE[schema.type] ?? schema.type;
  }
}

function hasType(value: unknown, type: NonNullable<JsonSchema["type"]>): boolean {
  switch (type) {
    case "object":
      return isPlainObject(value);
    case "array":
      return Array.isArray(value);
    case "integer":
      return Number.isInteger(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    default:
      return typeof value === type;
  }
}

/** Whether the characters of `short` occur in `long` in order ("warn" in "warning", "env" in "dotenv"). */
function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (const c of long) if (c === short[i]) i++;
  return i === short.length;
}

/**
 * The candidate a user probably meant: a case-insensitive match; the only candidate that the value
 * abbreviates ("warn" → "warning", "env" → "dotenv", "aws-gov" → "aws-us-gov"); the only one the value
 * starts with ("allowlist" → "allow"); or the nearest by edit distance (about one edit in three characters).
 */
function suggest(value: string, candidates: readonly string[]): string | undefined {
  const lower = value.toLowerCase();
  const sameCase = candidates.find((c) => c.toLowerCase() === lower);
  if (sameCase !== undefined) return sameCase;
  if (lower.length >= 3) {
    for (const fits of [(c: string) => isSubsequence(lower, c), (c: string) => lower.startsWith(c)]) {
      const found = candidates.filter((c) => fits(c.toLowerCase()));
      if (found.length === 1) return found[0];
    }
  }
  const near = closest(value, candidates, Math.max(2, Math.floor(value.length / 3)));
  return near?.unique ? near.value : undefined;
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === "object" && typeof b === "object" && JSON.stringify(a) === JSON.stringify(b));
}

function shown(value: unknown): string {
  if (typeof value === "string" && value.length > 32) return JSON.stringify(redact(value));
  return JSON.stringify(value) ?? String(value);
}

/** A value may be meant for this `oneOf` alternative: its type fits and the alternative's required keys are there. */
function mayBe(value: unknown, schema: JsonSchema): boolean {
  if (schema.type !== undefined && !hasType(value, schema.type)) return false;
  return !isPlainObject(value) || (schema.required ?? []).every((key) => value[key] !== undefined);
}

function check(value: unknown, schema: JsonSchema, path: JsonPath, out: SchemaProblem[]): void {
  const problem = (message: string): void => {
    out.push({ path, message, atKey: false });
  };
  if (schema.oneOf) {
    const candidates = schema.oneOf.filter((s) => mayBe(value, s));
    const results = candidates.map((s) => validateValue(value, s));
    const passing = results.filter((r) => r.length === 0).length;
    const sameType = schema.oneOf.filter((s) => s.type === undefined || hasType(value, s.type));
    if (candidates.length === 0 && isPlainObject(value) && sameType.length > 0) {
      problem(`needs ${sameType.map((s) => andList((s.required ?? []).map((k) => `"${k}"`))).join(" or ")}`);
    } else if (candidates.length === 0) problem(`expected ${describeSchema(schema)}, got ${describeValue(value)}`);
    else if (passing > 1) problem(`matches more than one of: ${schema.oneOf.map(describeSchema).join("; ")}`);
    else if (passing === 0) {
      const fewest = results.reduce((best, r) => (r.length < best.length ? r : best));
      for (const p of fewest) out.push({ ...p, path: [...path, ...p.path] });
    }
  }
  if (schema.type !== undefined && !hasType(value, schema.type)) {
    problem(`expected ${describeSchema(schema)}, got ${describeValue(value)}`);
    return;
  }
  if (schema.const !== undefined && !sameValue(value, schema.const)) problem(`expected ${JSON.stringify(schema.const)}, got ${shown(value)}`);
  if (schema.enum && !schema.enum.some((e) => sameValue(e, value))) {
    const strings = schema.enum.filter((e): e is string => typeof e === "string");
    const meant = typeof value === "string" ? suggest(value, strings) : undefined;
    const what = schema.title === undefined ? `${shown(value)} is not allowed` : `unknown ${schema.title} ${shown(value)}`;
    problem(meant === undefined ? `${what}; expected ${quoteList(schema.enum)}` : `${what}; did you mean "${meant}"?`);
  }
  if (typeof value === "string") checkString(value, schema, problem);
  if (typeof value === "number" && schema.minimum !== undefined && value < schema.minimum) problem(`must be at least ${schema.minimum}, got ${value}`);
  if (Array.isArray(value)) checkArray(value, schema, path, out);
  if (isPlainObject(value)) checkObject(value, schema, path, out);
}

function checkString(value: string, schema: JsonSchema, problem: (message: string) => void): void {
  if (schema.minLength !== undefined && [...value].length < schema.minLength) {
    problem(schema.minLength === 1 ? "must not be empty" : `must be at least ${schema.minLength} characters long`);
  }
  if (schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(value)) {
    const why = schema.description === undefined ? "" : ` (${schema.description.replace(/\.$/, "")})`;
    problem(`does not match ${schema.pattern}${why}`);
  }
}

function checkArray(value: readonly unknown[], schema: JsonSchema, path: JsonPath, out: SchemaProblem[]): void {
  const items = (n: number): string => `${n} ${n === 1 ? "item" : "items"}`;
  if (schema.minItems !== undefined && value.length < schema.minItems) out.push({ path, message: `expected at least ${items(schema.minItems)}, got ${value.length}`, atKey: false });
  if (schema.maxItems !== undefined && value.length > schema.maxItems) out.push({ path, message: `expected at most ${items(schema.maxItems)}, got ${value.length}`, atKey: false });
  const prefix = schema.prefixItems ?? [];
  value.forEach((item, i) => {
    const itemSchema = prefix[i] ?? (i >= prefix.length ? schema.items : undefined);
    if (itemSchema) check(item, itemSchema, [...path, i], out);
  });
  if (schema.uniqueItems) {
    value.forEach((item, i) => {
      const first = value.findIndex((other) => sameValue(other, item));
      if (first < i) out.push({ path: [...path, i], message: `duplicate of item [${first}]`, atKey: false });
    });
  }
}

function checkObject(value: Readonly<Record<string, unknown>>, schema: JsonSchema, path: JsonPath, out: SchemaProblem[]): void {
  const properties = schema.properties ?? {};
  for (const key of schema.required ?? []) {
    if (value[key] === undefined) out.push({ path, message: `missing required key "${key}"`, atKey: false });
  }
  const noun = schema.propertyNames?.title ?? "key";
  for (const [key, child] of Object.entries(value)) {
    if (child === undefined) continue;
    if (schema.propertyNames) {
      for (const p of validateValue(key, schema.propertyNames)) out.push({ path: [...path, key], message: `key ${p.message}`, atKey: true });
    }
    const known = properties[key];
    if (known) check(child, known, [...path, key], out);
    else if (typeof schema.additionalProperties === "object") check(child, schema.additionalProperties, [...path, key], out);
    else if (schema.additionalProperties === false) {
      const names = Object.keys(properties);
      const meant = suggest(key, names);
      const hint = meant !== undefined ? `; did you mean "${meant}"?` : names.length > 0 && names.length <= 12 ? `; expected ${quoteList(names)}` : "";
      out.push({ path: [...path, key], message: `unknown ${noun} "${key}"${hint}`, atKey: true });
    }
  }
}
