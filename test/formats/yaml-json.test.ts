import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isPair, parseAllDocuments, type Document } from "yaml";
import { jsonNode, looksLikeJson } from "../../src/formats/yaml-json.js";
import { readYaml } from "../../src/formats/yaml.js";
import { makeSourceFile } from "../../src/model/source.js";

/** What `yaml` makes of a text (one document, no errors), for comparison. */
function yamlRoot(text: string): unknown {
  const docs = parseAllDocuments(text, { uniqueKeys: false, merge: false, prettyErrors: false, strict: false }) as Document.Parsed[];
  expect(docs).toHaveLength(1);
  expect(docs[0]?.errors).toEqual([]);
  return docs[0]?.contents;
}

/** Every property a reader can see, as plain data: class, style, value, source, flow, ranges, children. */
function shape(node: unknown): unknown {
  if (isPair(node)) return { pair: [shape(node.key), shape(node.value)] };
  const n = node as { constructor: { name: string }; type?: string; value?: unknown; source?: string; flow?: boolean; tag?: string; range?: number[]; items?: unknown[] };
  return {
    class: n.constructor.name,
    type: n.type,
    // -0 and 0 are the same number to every reader (they read `source`).
    value: typeof n.value === "number" && n.value === 0 ? 0 : n.value,
    source: n.source,
    flow: n.flow,
    tag: n.tag,
    range: n.range,
    ...(n.items ? { items: n.items.map(shape) } : {}),
  };
}

function same(text: string): void {
  const mine = jsonNode(text);
  expect(mine, "read as JSON").toBeDefined();
  expect(shape(mine)).toEqual(shape(yamlRoot(text)));
}

function jsonFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) jsonFiles(path, out);
    else if (/\.(?:json|template)$/.test(name)) out.push(path);
  }
  return out;
}

describe("jsonNode builds the nodes yaml builds", () => {
  it("for every JSON fixture that is strict JSON", () => {
    const files = jsonFiles("fixtures");
    let compared = 0;
    for (const path of files) {
      const text = readFileSync(path, "utf8");
      if (!looksLikeJson(text)) continue;
      let strict = true;
      try {
        JSON.parse(text);
      } catch {
        strict = false;
      }
      expect(jsonNode(text) !== undefined, path).toBe(strict);
      if (!strict) continue;
      expect(shape(jsonNode(text)), path).toEqual(shape(yamlRoot(text)));
      compared++;
    }
    expect(compared).toBeGreaterThan(10);
  });

  it("for a CloudFormation template as the console writes it", () => {
    same(
      [
        "{",
        '  "AWSTemplateFormatVersion": "2010-09-09",',
        '  "Parameters": {',
        '    "DbPassword": { "Type": "String", "NoEcho": true, "Default": "hunter2-\\u00e9\\/x" },',
        '    "Count": { "Type": "Number", "Default": 3, "MinValue": -1.5e-3, "MaxValue": 1E+2 }',
        "  },",
        '  "Resources": {',
        '    "Fn": {',
        '      "Type": "AWS::Lambda::Function",',
        '      "Properties": {',
        '        "Environment": { "Variables": { "TABLE": { "Ref": "Table" }, "EMPTY": "", "NOTHING": null, "FLAG": false } },',
        '        "Layers": [ ],',
        '        "Tags": [{}]',
        "      }",
        "    }",
        "  }",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("for whitespace around and between values (tabs, CRLF, blank lines, none)", () => {
    same('{"a":1,"b":[true,false,null],"c":{"d":"e"}}');
    same('[\n\t1 ,\n\n   2\r\n  , "x"  \n\n  ]  \n\n');
    same('{\r\n  "a" : "x"  ,\r\n\r\n  "b" : [ 1 \r\n , {}\r\n\r\n ],\n  "c" : "y"\n\n  ,"d": {}\n}   \n\n');
    same('  \n {"only": [[[], [[]]], {"k": {}}]}');
  });

  it("for escapes, surrogate pairs, duplicate keys and long numbers", () => {
    same('{"s": "tab\\tnl\\nq\\"bs\\\\sl\\/u\\u0041\\ud83d\\ude00\\b\\f\\r", "s": "again"}');
    same('{"n": [0, -0, 12345678901234567890, 2.50, 1e5, -7E-2, 123.456e+7]}');
    same('{"": "", "k": "  spaces kept  "}');
  });

  it("leaves to yaml everything that is not strict JSON, and nesting deeper than 256", () => {
    const notJson = [
      '{"a": 1,}',
      '{"a": 1} // comment',
      '{"a": 1}\n# comment\n',
      "{'a': 1}",
      '{"a": "tab\there"}',
      '{"a": "line\nbreak"}',
      "\uFEFF{\"a\": 1}",
      '{"a": 1}{"b": 2}',
      '{"a": 01}',
      '{"a": .5}',
      '{"a": +1}',
      '{"a": "\\x41"}',
      '{"a": "\\u12G4"}',
      '{"a": tru}',
      '{"a": NaN}',
      '{a: 1}',
      "{{- if .Values.enabled }}\nkind: Secret\n{{- end }}\n",
      '{"a": [1, 2}',
      '{"a": "unterminated',
      "[".repeat(300) + "]".repeat(300),
    ];
    for (const text of notJson) expect(jsonNode(text), JSON.stringify(text.slice(0, 40))).toBeUndefined();
    expect(looksLikeJson("key: {a: 1}\n")).toBe(false);
    expect(looksLikeJson('\n  ["x"]')).toBe(true);
  });
});

describe("readYaml on JSON", () => {
  it("reads a JSON file through jsonNode and a near-JSON file through yaml, with the same entries", () => {
    const strict = makeSourceFile("t.json", "cloudformation", '{\n  "Parameters": {\n    "Env": {"Default": "prod"}\n  }\n}\n');
    const loose = makeSourceFile("t.json", "cloudformation", '{\n  "Parameters": {\n    "Env": {"Default": "prod"},\n  }\n}\n');
    for (const file of [strict, loose]) {
      const { doc, errors } = readYaml(file);
      expect(errors).toEqual([]);
      const env = doc.entries(doc.get(doc.root, "Parameters"))[0];
      expect(env?.key).toBe("Env");
      const d = doc.entry(env?.value, "Default");
      expect(doc.text(d?.value)).toBe("prod");
      expect(file.text.slice(d?.value?.range?.[0], d?.value?.range?.[1])).toBe('"prod"');
    }
  });

  it("restores Error.stackTraceLimit after reading, JSON, YAML or broken", () => {
    const before = Error.stackTraceLimit;
    for (const text of ['{"a": 1}', "a: [1\n", "a: !Ref B\n"]) {
      readYaml(makeSourceFile("t.yaml", "cloudformation", text));
      expect(Error.stackTraceLimit).toBe(before);
    }
  });
});
