import { describe, expect, it } from "vitest";
import {
  attributeOf,
  attributesOf,
  blocksOf,
  MAX_DEPTH,
  parseHcl,
  parseHclTemplate,
  traversalPath,
  unwrapExpr,
  type HclBody,
  type HclExpr,
  type HclSpan,
  type HclTemplate,
} from "../../src/formats/hcl.js";
import { rng } from "../support/fake-keys.js";

/** An expression as compact text: its kind, what it holds, and its source. */
function show(text: string, e: HclExpr): string {
  const src = text.slice(e.start, e.end);
  switch (e.type) {
    case "template":
      return e.value === undefined ? `tmpl(${JSON.stringify(src)})` : `str(${JSON.stringify(e.value)}${e.exact ? "" : ", inexact"})`;
    case "number":
      return `num(${e.text})`;
    case "bool":
      return `bool(${e.value})`;
    case "null":
      return "null";
    case "tuple":
      return `[${e.items.map((i) => show(text, i)).join(", ")}]`;
    case "object":
      return `{${e.items.map((i) => `${i.name ?? `(${text.slice(i.key.start, i.key.end)})`}: ${show(text, i.value)}`).join(", ")}}`;
    case "call":
      return `${e.name}(${e.args.map((a) => show(text, a)).join(", ")}${e.expandFinal ? "..." : ""})`;
    case "traversal":
      return `ref(${traversalPath(e)})`;
    case "other":
      return `${e.what}<${e.children.map((c) => show(text, c)).join(", ")}>`;
  }
}

/** A body as lines: `name = value` and `type "label" {` … `}`. */
function outline(text: string, body: HclBody, indent = ""): string[] {
  const out: string[] = [];
  for (const item of body.items) {
    if (item.kind === "attribute") out.push(`${indent}${item.name} = ${show(text, item.value)}`);
    else {
      out.push(`${indent}${[item.type, ...item.labels.map((l) => JSON.stringify(l.value))].join(" ")} {${item.closed ? "" : " (not closed)"}`);
      out.push(...outline(text, item.body, `${indent}  `), `${indent}}`);
    }
  }
  return out;
}

function read(text: string): string[] {
  return outline(text, parseHcl(text).body);
}

function slice(text: string, span: HclSpan): string {
  return text.slice(span.start, span.end);
}

function value(text: string, name: string): HclExpr {
  const a = attributeOf(parseHcl(text).body, name);
  if (!a) throw new Error(`no attribute ${name}`);
  return a.value;
}

function template(text: string, name: string): HclTemplate {
  const v = value(text, name);
  if (v.type !== "template") throw new Error(`${name} is ${v.type}`);
  return v;
}

describe("HCL bodies", () => {
  it("reads attributes and blocks with quoted and bare labels, nested and on one line", () => {
    const text = `terraform {
  required_version = ">= 1.5"
  backend "s3" {
    bucket = "state"
  }
}
resource "aws_iam_role" "ci" { name = "ci" }
locals { a = 1 }
block bare_label "quoted" {
  inner {
    deeper { x = true }
  }
}
`;
    expect(read(text)).toEqual([
      "terraform {",
      '  required_version = str(">= 1.5")',
      '  backend "s3" {',
      '    bucket = str("state")',
      "  }",
      "}",
      'resource "aws_iam_role" "ci" {',
      '  name = str("ci")',
      "}",
      "locals {",
      "  a = num(1)",
      "}",
      'block "bare_label" "quoted" {',
      "  inner {",
      "    deeper {",
      "      x = bool(true)",
      "    }",
      "  }",
      "}",
    ]);
    expect(parseHcl(text).errors).toEqual([]);
  });

  it("gives exact spans for names, labels, values, blocks and bodies", () => {
    const text = `provider "aws" {\n  region = "eu-west-1"\n}\n`;
    const { body } = parseHcl(text);
    const [block] = blocksOf(body, "provider");
    expect(block && slice(text, block)).toBe(`provider "aws" {\n  region = "eu-west-1"\n}`);
    expect(block && slice(text, block.typeSpan)).toBe("provider");
    expect(block?.labels.map((l) => [slice(text, l), slice(text, l.valueSpan)])).toEqual([['"aws"', "aws"]]);
    const region = block && attributeOf(block.body, "region");
    expect(region && slice(text, region)).toBe('region = "eu-west-1"');
    expect(region && slice(text, region.nameSpan)).toBe("region");
    expect(region && slice(text, region.value)).toBe('"eu-west-1"');
    const t = region?.value as HclTemplate;
    expect(slice(text, t.content)).toBe("eu-west-1");
    expect(t.exact).toBe(true);
    expect(block && slice(text, block.body)).toBe(`\n  region = "eu-west-1"\n`);
    expect(attributesOf(block?.body ?? body).map((a) => a.name)).toEqual(["region"]);
  });

  it("skips comments of all three kinds, with braces and quotes inside them", () => {
    const text = `# provider "aws" {
// a = "{
/* } b = 1 {
   " */ c = 2 # }
d = "# not a comment // nor this /* */" // {
e = /* inline */ 3
`;
    expect(read(text)).toEqual(['c = num(2)', 'd = str("# not a comment // nor this /* */")', "e = num(3)"]);
    expect(parseHcl(text).errors).toEqual([]);
  });

  it("reads CRLF line ends and a byte order mark", () => {
    const text = `\uFEFFa = "x"\r\nb {\r\n  c = 1\r\n}\r\n`;
    expect(read(text)).toEqual(['a = str("x")', "b {", "  c = num(1)", "}"]);
    expect(parseHcl(text).errors).toEqual([]);
  });

  it("reads an empty file and a file of comments", () => {
    expect(parseHcl("").body.items).toEqual([]);
    expect(parseHcl("# only\n\n// comments\n").body.items).toEqual([]);
    expect(parseHcl("").errors).toEqual([]);
  });
});

describe("HCL strings", () => {
  it("decodes escapes and knows when the source spells the value", () => {
    const text = [
      String.raw`a = "plain"`,
      String.raw`b = "tab\there \"quoted\" back\\slash"`,
      String.raw`c = "\u00e9\U0001F600"`,
      'd = "$${not.interpolated} %%{not.a.directive} $ % $x"',
      'e = ""',
      "",
    ].join("\n");
    expect(show(text, value(text, "a"))).toBe('str("plain")');
    expect(show(text, value(text, "b"))).toBe(`str(${JSON.stringify('tab\there "quoted" back\\slash')}, inexact)`);
    expect(show(text, value(text, "c"))).toBe(`str("é😀", inexact)`);
    expect(show(text, value(text, "d"))).toBe(`str("\${not.interpolated} %{not.a.directive} $ % $x", inexact)`);
    const e = template(text, "e");
    expect([e.value, e.exact, slice(text, e.content), slice(text, e)]).toEqual(["", true, "", '""']);
  });

  it("reports an invalid escape and keeps it as written", () => {
    const text = String.raw`a = "modules\/x"` + "\n";
    expect(template(text, "a").value).toBe(String.raw`modules\/x`);
    expect(parseHcl(text).errors).toEqual([{ line: 1, offset: 12, message: "invalid escape sequence \\/ in a string" }]);
  });

  it("reads interpolations, strip markers and directives as parts", () => {
    const text = `a = "arn:aws:iam::\${var.account}:role/\${local.name}"
b = "\${~ var.x ~}"
c = "%{ if var.on }yes%{ else }no%{ endif }"
d = "\${ { k = "v" }["k"] }"
`;
    const a = template(text, "a");
    expect(a.value).toBeUndefined();
    expect(a.exact).toBe(false);
    expect(a.parts.map((p) => [p.kind, slice(text, p)])).toEqual([
      ["literal", "arn:aws:iam::"],
      ["interpolation", "${var.account}"],
      ["literal", ":role/"],
      ["interpolation", "${local.name}"],
    ]);
    const b = template(text, "b");
    expect(b.parts).toMatchObject([{ kind: "interpolation", stripLeft: true, stripRight: true }]);
    expect(unwrapExpr(b).type).toBe("template");
    const c = template(text, "c");
    expect(c.parts.map((p) => (p.kind === "directive" ? `%${p.keyword}` : p.kind === "literal" ? p.value : "?"))).toEqual(["%if", "yes", "%else", "no", "%endif"]);
    const d = template(text, "d");
    expect(d.parts.length).toBe(1);
    const inner = d.parts[0];
    expect(inner?.kind === "interpolation" && show(text, inner.expr)).toBe('other<{k: str("v")}, str("k")>'.replace("other", "traversal"));
    expect(parseHcl(text).errors).toEqual([]);
  });

  it("unwraps a template that is one interpolation, and parentheses", () => {
    const text = `a = "\${var.region}"\nb = ("\${(local.x)}")\nc = "x\${var.y}"\n`;
    expect(show(text, unwrapExpr(value(text, "a")))).toBe("ref(var.region)");
    expect(show(text, unwrapExpr(value(text, "b")))).toBe("ref(local.x)");
    expect(unwrapExpr(value(text, "c")).type).toBe("template");
  });

  it("reads strings nested in interpolations nested in strings", () => {
    const text = `a = "x\${lookup(var.m, "k\${var.n}", "d")}y"\n`;
    expect(show(text, value(text, "a"))).toBe(`tmpl(${JSON.stringify(text.slice(4, -1))})`);
    const a = template(text, "a");
    const interp = a.parts[1];
    expect(interp?.kind === "interpolation" && show(text, interp.expr)).toBe(`lookup(ref(var.m), tmpl("\\"k\${var.n}\\""), str("d"))`);
    expect(parseHcl(text).errors).toEqual([]);
  });
});

describe("HCL heredocs", () => {
  it("reads a heredoc's value with its final line break, and its body span", () => {
    const text = `policy = <<EOT
{
  "Version": "2012-10-17"
}
EOT
after = 1
`;
    const t = template(text, "policy");
    expect(t.value).toBe('{\n  "Version": "2012-10-17"\n}\n');
    expect(t.exact).toBe(true);
    expect(t.heredoc).toEqual({ marker: "EOT", flush: false });
    expect(slice(text, t.content)).toBe(t.value);
    expect(slice(text, t)).toBe(`<<EOT\n{\n  "Version": "2012-10-17"\n}\nEOT`);
    expect(read(text).at(-1)).toBe("after = num(1)");
    expect(parseHcl(text).errors).toEqual([]);
  });

  it("closes on a marker line with blanks around it, never on a marker inside a line", () => {
    const text = "a = <<POLICY\n  x POLICY\nPOLICYX\n  POLICY  \nb = <<EOF\r\ny\r\nEOF\r\nc = 2\n";
    expect(template(text, "a").value).toBe("  x POLICY\nPOLICYX\n");
    expect(template(text, "b").value).toBe("y\r\n");
    expect(read(text).at(-1)).toBe("c = num(2)");
    expect(parseHcl(text).errors).toEqual([]);
  });

  // hashicorp/hcl specsuite/tests/expressions/heredoc.hcl (flush cases) and their expected values.
  it.each([
    ["basic", "<<-EOT\nFoo\nBar\nBaz\nEOT", "Foo\nBar\nBaz\n"],
    ["indented", "<<-EOT\n    Foo\n    Bar\n    Baz\n  EOT", "Foo\nBar\nBaz\n"],
    ["indented_more", "<<-EOT\n    Foo\n      Bar\n    Baz\n  EOT", "Foo\n  Bar\nBaz\n"],
    ["indented_less", "<<-EOT\n    Foo\n  Bar\n    Baz\n  EOT", "  Foo\nBar\n  Baz\n"],
    ["tabs", "<<-EOT\n\tFoo\n  Bar\n  Baz\n  EOT", "Foo\n Bar\n Baz\n"],
    ["newlines_between", "<<-EOT\nFoo\n\nBar\n\nBaz\nEOT", "Foo\n\nBar\n\nBaz\n"],
    ["indented_newlines_between", "<<-EOT\n    Foo\n\n    Bar\n\n    Baz\n  EOT", "Foo\n\nBar\n\nBaz\n"],
    ["normal indented", "<<EOT\n    Foo\n    Bar\n    Baz\n  EOT", "    Foo\n    Bar\n    Baz\n"],
    ["marker_at_suffix", "<<EOT\n    NOT EOT\n  EOT", "    NOT EOT\n"],
  ])("flush heredoc: %s", (_name, heredoc, expected) => {
    const text = `v = ${heredoc}\n`;
    const t = template(text, "v");
    expect(t.value).toBe(expected);
    expect(t.exact).toBe(slice(text, t.content) === expected);
  });

  it("keeps interpolations in heredocs, and the escapes $${ and %%{", () => {
    const text = `a = <<-EOT\n  name: \${var.name}\n  EOT\nb = <<EOT\n$\${x} %%{y}\nEOT\n`;
    const a = template(text, "a");
    expect(a.value).toBeUndefined();
    expect(a.parts.map((p) => p.kind)).toEqual(["literal", "interpolation", "literal"]);
    const b = template(text, "b");
    expect([b.value, b.exact]).toEqual(["${x} %{y}\n", false]);
  });

  it("is not a heredoc without a marker and a line break", () => {
    const text = "a = 1 << 2\n";
    expect(parseHcl(text).errors.length).toBeGreaterThan(0);
    expect(() => parseHcl("a = <<")).not.toThrow();
    expect(() => parseHcl("a = <<-")).not.toThrow();
  });
});

describe("HCL expressions", () => {
  it("reads numbers, bools, null, tuples and objects", () => {
    const text = `a = [1, 2.5, 1e3, 6.02E+23, true, false, null,]
b = { k = "v", "quoted": 2
  multi = [
    "x",
  ]
  (var.computed) = 3
}
c = {}
d = []
`;
    expect(read(text)).toEqual([
      "a = [num(1), num(2.5), num(1e3), num(6.02E+23), bool(true), bool(false), null]",
      'b = {k: str("v"), quoted: num(2), multi: [str("x")], ((var.computed)): num(3)}',
      "c = {}",
      "d = []",
    ]);
    expect(parseHcl(text).errors).toEqual([]);
  });

  it("reads function calls, namespaced functions and expansion", () => {
    const text = `a = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow" }] })
b = file("\${path.module}/key.json")
c = provider::aws::arn_parse("arn:aws:iam::123456789012:role/x").account_id
d = concat(var.a, var.b...)
e = max(
  1,
  2,
)
`;
    expect(read(text)).toEqual([
      'a = jsonencode({Version: str("2012-10-17"), Statement: [{Effect: str("Allow")}]})',
      'b = file(tmpl("\\"${path.module}/key.json\\""))',
      'c = traversal<provider::aws::arn_parse(str("arn:aws:iam::123456789012:role/x"))>',
      "d = concat(ref(var.a), ref(var.b)...)",
      "e = max(num(1), num(2))",
    ]);
    const call = value(text, "a");
    expect(call.type === "call" && slice(text, call.nameSpan)).toBe("jsonencode");
    expect(parseHcl(text).errors).toEqual([]);
  });

  it("reads traversals with attributes, indexes and splats", () => {
    const text = `a = var.region
b = data.aws_iam_policy_document.assume.json
c = module.vpc.subnets[0].id
d = aws_instance.web[*].id
e = aws_instance.web.*.id
f = var.list.0
g = local.m["key"]
h = var.m[var.k]
`;
    expect(read(text)).toEqual([
      "a = ref(var.region)",
      "b = ref(data.aws_iam_policy_document.assume.json)",
      "c = ref(module.vpc.subnets[0].id)",
      "d = ref(aws_instance.web[*].id)",
      "e = ref(aws_instance.web[*].id)",
      "f = ref(var.list[0])",
      'g = ref(local.m["key"])',
      "h = ref(var.m[…])",
    ]);
    const c = value(text, "c");
    expect(c.type === "traversal" && [c.root, slice(text, c.rootSpan), c.steps.map((s) => slice(text, s))]).toEqual(["module", "module", [".vpc", ".subnets", "[0]", ".id"]]);
  });

  it("keeps conditionals, operators, for expressions and parentheses as other nodes with their parts", () => {
    const text = `a = var.on ? "yes" : "no"
b = !var.x && -var.n + 2 * 3 >= 4 || var.y == "z"
c = [for s in var.list : upper(s) if s != ""]
d = {for k, v in var.m : k => v...}
e = (1 + 2) * 3
f = var.a ? var.b ? 1 : 2 : 3
g = var.on ? (
  "multi"
) : "line"
h = 1 + 2 - 3 + 4 * 5 + 6
i = !!-var.x
j = a && b && c || d
`;
    expect(read(text)).toEqual([
      'a = conditional<ref(var.on), str("yes"), str("no")>',
      'b = operation<operation<operation<ref(var.x)>, operation<operation<operation<ref(var.n)>, operation<num(2), num(3)>>, num(4)>>, operation<ref(var.y), str("z")>>',
      'c = for<ref(var.list), upper(ref(s)), operation<ref(s), str("")>>',
      "d = for<ref(var.m), ref(k), ref(v)>",
      "e = operation<parens<operation<num(1), num(2)>>, num(3)>",
      "f = conditional<ref(var.a), conditional<ref(var.b), num(1), num(2)>, num(3)>",
      'g = conditional<ref(var.on), parens<str("multi")>, str("line")>',
      "h = operation<num(1), num(2), num(3), operation<num(4), num(5)>, num(6)>",
      "i = operation<ref(var.x)>",
      "j = operation<operation<ref(a), ref(b), ref(c)>, ref(d)>",
    ]);
    const a = value(text, "a");
    expect(slice(text, a)).toBe('var.on ? "yes" : "no"');
    expect(parseHcl(text).errors).toEqual([]);
  });

  it("reads identifiers with dashes and non-ASCII letters as HCL does", () => {
    const text = `a = var.my-name\nb = count.index - 1\nc = local.größe\n`;
    expect(read(text)).toEqual(["a = ref(var.my-name)", "b = operation<ref(count.index), num(1)>", "c = ref(local.größe)"]);
  });
});

describe("HCL errors", () => {
  it("reports an unterminated string at its line and reads the lines after it", () => {
    const text = `a = "ok"\nb = "not closed\nc = "fine"\n`;
    const r = parseHcl(text);
    expect(r.errors).toEqual([{ line: 2, offset: 13, message: 'a string is not closed on its line (Terraform: "Unterminated template string")' }]);
    expect(outline(text, r.body)).toEqual(['a = str("ok")', 'b = str("not closed")', 'c = str("fine")']);
  });

  it("reports an unterminated heredoc at its opening line and keeps what was read", () => {
    const text = `a = 1\nb = <<EOT\nline one\nline two\n`;
    const r = parseHcl(text);
    expect(r.errors).toEqual([{ line: 2, offset: 10, message: "heredoc <<EOT is not closed: no line holds only EOT" }]);
    expect(outline(text, r.body)).toEqual(["a = num(1)", 'b = str("line one\\nline two\\n")']);
  });

  it("reports an unclosed block at the line that opens it, and a stray brace", () => {
    const text = `a = 1\nprovider "aws" {\n  region = "us-east-1"\n`;
    const r = parseHcl(text);
    expect(r.errors).toEqual([{ line: 2, offset: 21, message: 'the provider block opened here is not closed with "}"' }]);
    expect(outline(text, r.body)).toEqual(["a = num(1)", 'provider "aws" { (not closed)', '  region = str("us-east-1")', "}"]);
    const stray = parseHcl("a = 1\n}\nb = 2\n");
    expect(stray.errors).toEqual([{ line: 2, offset: 6, message: "this } closes no block" }]);
    expect(outline("a = 1\n}\nb = 2\n", stray.body)).toEqual(["a = num(1)", "b = num(2)"]);
  });

  it("recovers at the next line after a bad attribute, and at the next item in an object", () => {
    const text = `a = = 1\nb = [1, 2 3]\nc = { x = 1 y = 2, z = 3 }\nd = "last"\n`;
    const r = parseHcl(text);
    expect(r.errors.map((e) => e.line)).toEqual([1, 2, 3]);
    expect(outline(text, r.body)).toEqual(["a = invalid<>", "b = [num(1), num(2)]", "c = {x: num(1), z: num(3)}", 'd = str("last")']);
  });

  it("reports HCL1 blocks inside objects (Terraform 0.11) without losing the next attribute", () => {
    const text = `statement = [{\n  actions = ["s3:*"]\n  principals {\n    type = "AWS"\n  }\n}]\nnext = 1\n`;
    const r = parseHcl(text);
    expect(r.errors.map((e) => e.line)).toEqual([3]);
    expect(outline(text, r.body).at(-1)).toBe("next = num(1)");
  });

  it("reports an unclosed comment, interpolation and list", () => {
    expect(parseHcl("a = 1\n/* never closed\nb = 2\n").errors).toEqual([{ line: 2, offset: 6, message: "a /* comment is not closed before the end of the file" }]);
    expect(parseHcl('a = "${var.x').errors.map((e) => e.message)).toContain("a ${ … } sequence is not closed");
    expect(parseHcl("a = [1, 2\n").errors.map((e) => e.message)).toContain('a list opened here is not closed with "]"');
  });

  it("stops at a nesting depth instead of overflowing the stack", () => {
    const deep = `a = ${"[".repeat(MAX_DEPTH + 20)}1${"]".repeat(MAX_DEPTH + 20)}\nb = 2\n`;
    const r = parseHcl(deep);
    expect(r.errors).toEqual([{ line: 1, offset: 4 + MAX_DEPTH, message: `nesting deeper than ${MAX_DEPTH} levels is not read` }]);
    expect(outline(deep, r.body).at(-1)).toBe("b = num(2)");
    const blocks = `${"x {\n".repeat(MAX_DEPTH + 5)}${"}\n".repeat(MAX_DEPTH + 5)}y = 1\n`;
    const rb = parseHcl(blocks);
    expect(rb.errors.map((e) => e.message)).toEqual([`nesting deeper than ${MAX_DEPTH} levels is not read`]);
    expect(outline(blocks, rb.body).at(-1)).toBe("y = num(1)");
  });
});

describe("HCL on hostile input", () => {
  const fast = (text: string, ms = 2_000): ReturnType<typeof parseHcl> => {
    const start = performance.now();
    const r = parseHcl(text);
    expect(performance.now() - start).toBeLessThan(ms);
    return r;
  };

  it("reads 10,000 nested braces, brackets and parentheses quickly, without throwing", () => {
    for (const open of ["{", "[", "(", "x {\n", "a = {", '"${', "${"]) {
      const text = `${open.repeat(10_000)}\nz = 1\n`;
      expect(() => fast(text)).not.toThrow();
    }
    const balanced = `a = ${"{ b = ".repeat(10_000)}1${" }".repeat(10_000)}\nz = 1\n`;
    const r = fast(balanced);
    expect(outline(balanced, r.body).at(-1)).toBe("z = num(1)");
    expect(fast(`${"}".repeat(10_000)}\n`).errors.length).toBeGreaterThan(0);
  });

  it("reads a 1 MB line quickly: a string, a name, a comment, a heredoc line, an operator chain", () => {
    const mb = 1 << 20;
    const cases = [
      `a = "${"x".repeat(mb)}"\n`,
      `a = "${"\\n".repeat(mb / 2)}"\n`,
      `${"a".repeat(mb)} = 1\n`,
      `# ${"{".repeat(mb)}\n`,
      `a = <<EOT\n${"$".repeat(mb)}\nEOT\n`,
      `a = ${"1 + ".repeat(mb / 4)}1\n`,
      `a = ${"!".repeat(mb)}true\n`,
      `a = "${"${".repeat(mb / 2)}"\n`,
      `a = ${"var.x.".repeat(mb / 6)}y\n`,
      "a = [" + "1,".repeat(mb / 2) + "]\n",
    ];
    for (const text of cases) expect(() => fast(text)).not.toThrow();
    // An operator chain is one node, not a chain of nested ones (walkers of the tree need no deep recursion).
    const chain = value(cases[5] as string, "a");
    expect(chain.type === "other" && chain.children.length).toBe(mb / 4 + 1);
    const r = fast(`a = "${"x".repeat(mb)}"\nb = 2\n`);
    expect(r.errors).toEqual([]);
    expect(r.body.items.length).toBe(2);
  });

  it("never throws on random text made of HCL's characters", () => {
    const next = rng(20_240_601);
    const alphabet = ['"', "{", "}", "[", "]", "(", ")", "$", "%", "~", "\\", "\n", " ", "a", "=", "<<", "EOT", "-", "#", "/*", "*/", "//", ".", ",", ":", "?", "1", "${", "%{", "for", "in", "=>", "..."];
    for (let round = 0; round < 300; round++) {
      let text = "";
      const n = Math.floor(next() * 200);
      for (let i = 0; i < n; i++) text += alphabet[Math.floor(next() * alphabet.length)];
      const r = parseHcl(text);
      for (const e of r.errors) {
        expect(e.line).toBeGreaterThanOrEqual(1);
        expect(e.offset).toBeLessThanOrEqual(text.length);
      }
      expect(r.errors.length).toBeLessThanOrEqual(20);
    }
  });

  it("grows linearly: a file 16 times larger takes far less than 256 times as long", () => {
    const unit = `resource "aws_iam_role" "r" {\n  name = "x-\${var.env}"\n  policy = <<-EOT\n    {"a": "b"}\n  EOT\n  tags = { a = 1, b = [1, 2, {c = "d"}] }\n}\n`;
    parseHcl(unit.repeat(100));
    const time = (n: number): number => {
      const text = unit.repeat(n);
      const start = performance.now();
      parseHcl(text);
      return performance.now() - start;
    };
    const small = Math.max(time(500), 1);
    expect(time(8_000)).toBeLessThan(small * 64);
  });
});

describe("parseHclTemplate (HCL's JSON syntax strings)", () => {
  it("reads a bare template in place, with file offsets and no backslash escapes", () => {
    const text = '{"region": "${var.region}", "arn": "arn:${var.p}:x\\\\y", "lit": "$${x}"}';
    const start = text.indexOf("${var.region}");
    const { template, errors } = parseHclTemplate(text, start, start + "${var.region}".length);
    expect(errors).toEqual([]);
    expect(show(text, unwrapExpr(template))).toBe("ref(var.region)");
    const lit = text.indexOf("$${x}");
    const t = parseHclTemplate(text, lit, lit + 5).template;
    expect([t.value, t.exact]).toEqual(["${x}", false]);
    const plain = parseHclTemplate("a\\nb").template;
    expect([plain.value, plain.exact]).toEqual(["a\\nb", true]);
    expect(parseHclTemplate("").template.value).toBe("");
  });

  it("keeps line breaks of a bare template in its value", () => {
    const t = parseHclTemplate("line one\nline two").template;
    expect(t.value).toBe("line one\nline two");
  });
});
