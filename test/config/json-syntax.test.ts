import { describe, expect, it } from "vitest";
import { findJsonSyntaxError } from "../../src/config/json-syntax.js";

/** `text` with `^` marking where the error is expected, so each case shows its offset. */
const invalid: readonly [name: string, marked: string, message: string][] = [
  ["trailing comma in an object", '{"a": 1^, }', 'trailing comma before "}"'],
  ["trailing comma in an array", '{"a": [1, 2^,\n]}', 'trailing comma before "]"'],
  ["line comment", '{\n  ^// why\n  "a": 1\n}', "comments are not allowed in JSON (a YAML config can have them)"],
  ["block comment after a value", '{"a": 1 ^/* why */}', "comments are not allowed in JSON (a YAML config can have them)"],
  ["single-quoted key", "{^'a': 1}", "strings must be in double quotes"],
  ["missing comma", '{"a": 1\n ^"b": 2}', 'expected "," or "}"'],
  ["missing colon", '{"a" ^1}', 'expected ":" after the key'],
  ["missing value", '{"a": ^}', 'unexpected "}"'],
  ["unquoted key", "{^a: 1}", 'unexpected "a"'],
  ["misspelt literal", '{"a": ^tru}', 'unexpected "t"'],
  ["unterminated string", '{"a": ^"abc\n}', "unterminated string"],
  ["bad escape", '{"a": "x^\\q"}', 'invalid escape "\\\\q"'],
  ["raw tab in a string", '{"a": "x^\t"}', "control characters must be escaped in a string"],
  ["end of input", '{"a": [1^', "unexpected end of file"],
  ["text after the value", '{"a": 1} ^x', "unexpected text after the end of the JSON value"],
  ["empty text", "^", "unexpected end of file"],
];

describe("findJsonSyntaxError", () => {
  for (const [name, marked, message] of invalid) {
    it(name, () => {
      const offset = marked.indexOf("^");
      const text = marked.slice(0, offset) + marked.slice(offset + 1);
      expect(() => JSON.parse(text)).toThrow();
      expect(findJsonSyntaxError(text)).toEqual({ offset, message });
    });
  }

  it("finds nothing in valid JSON, whatever JSON allows", () => {
    for (const text of ['{"a": [1, -2.5e+3, true, false, null, "x\\u00e9\\n\\"", {}, []]}', "\t[ ]\r\n", '"top-level string"', "0"]) {
      expect(() => JSON.parse(text)).not.toThrow();
      expect(findJsonSyntaxError(text)).toBeUndefined();
    }
  });

  it("stops at absurd nesting instead of overflowing the stack", () => {
    const text = "[".repeat(5000);
    expect(findJsonSyntaxError(text)).toEqual({ offset: 1001, message: "nested more than 1000 levels deep" });
  });
});
