import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RuleError } from "../../src/model/errors.js";
import { maskSecrets, redact } from "../../src/model/redact.js";
import { defineRule, type AnyRule } from "../../src/model/rule.js";
import { lineText, makeSourceFile, offsetAt, positionAt, rangeOf } from "../../src/model/source.js";
import { classify } from "../../src/scan/classify.js";
import { isIgnored, parseGitignore } from "../../src/scan/gitignore.js";
import { firstInvalidUtf8, readSource } from "../../src/scan/read.js";
import { scanVirtual } from "../../src/scan/pipeline.js";
import { visible } from "../../src/report/sanitize.js";
import { fakeKeyId, fakeSecret } from "../support/fake-keys.js";

describe("source positions", () => {
  const file = makeSourceFile("x", "text", "ab\r\ncd\n\nπé😀z\n");
  it("maps offsets to 1-based line/column in UTF-16 units and back", () => {
    expect(positionAt(file, 0)).toEqual({ line: 1, column: 1 });
    expect(positionAt(file, 4)).toEqual({ line: 2, column: 1 });
    expect(positionAt(file, 8)).toEqual({ line: 4, column: 1 });
    const z = file.text.indexOf("z");
    expect(positionAt(file, z)).toEqual({ line: 4, column: 5 }); // π é and a surrogate pair (2 units)
    for (const o of [0, 3, 4, 7, 8, z]) expect(offsetAt(file, positionAt(file, o))).toBe(o);
  });
  it("returns line text without its terminator", () => {
    expect(lineText(file, 1)).toBe("ab");
    expect(lineText(file, 3)).toBe("");
    expect(lineText(file, 99)).toBe("");
    expect(rangeOf(file, 0, 2)).toEqual({ start: { line: 1, column: 1 }, end: { line: 1, column: 3 } });
  });
});

describe("redaction", () => {
  it("shows at most four characters, and at most half of a short value", () => {
    expect(redact("AKIAIOSFODNN7EXAMPLE")).toBe("AKIA****");
    expect(redact("abc")).toBe("a****");
    expect(redact("")).toBe("****");
  });
  it("masks every occurrence of each secret, longest first", () => {
    const s = fakeSecret(3);
    expect(maskSecrets(`a ${s} b ${s}`, [s.slice(0, 10), s])).toBe(`a ${redact(s)} b ${redact(s)}`);
    expect(maskSecrets("short", ["short"])).toBe("short"); // below 8 characters: not a secret to mask
  });
});

describe("the engine never lets a secret through", () => {
  const leaky = defineRule({
    meta: {
      id: "leaky-test-rule",
      description: "Report every setting with its value in the message",
      provider: "any",
      severity: "error",
      securitySeverity: 1,
      precision: "high",
      tags: ["correctness"],
      help: { why: "test", fix: "test" },
      fixable: false,
      messages: { leak: (p: { value: string }) => `Value is ${p.value}.` },
    },
    check: {
      setting(s, ctx) {
        if (s.value.kind === "literal") ctx.report({ file: s.file, range: s.range, messageId: "leak", data: { value: s.value.value } });
      },
    },
  }) as unknown as AnyRule;

  it("masks secrets in messages and code frames", () => {
    const key = fakeKeyId(9);
    const secret = fakeSecret(9);
    const text = `[default]\naws_access_key_id = ${key}\naws_secret_access_key = ${secret}\nregion = us-east-1\n`;
    const findings = scanVirtual([{ path: ".aws/credentials", text }], [leaky]);
    expect(findings).toHaveLength(3);
    const all = JSON.stringify(findings);
    expect(all).not.toContain(secret);
    expect(all).not.toContain(key);
    expect(findings[1]?.message).toBe(`Value is ${redact(secret)}.`);
    expect(findings[1]?.snippet.lines).toContain(`aws_secret_access_key = ${secret.slice(0, 4)}${"*".repeat(36)}`);
    expect(findings[2]?.message).toBe("Value is us-east-1.");
  });

  it("rethrows a rule's exception with the rule id and place", () => {
    const broken = defineRule({
      ...leaky,
      meta: { ...leaky.meta, id: "broken-test-rule" },
      check: {
        setting() {
          throw new Error("boom");
        },
      },
    }) as unknown as AnyRule;
    expect(() => scanVirtual([{ path: ".aws/config", text: "[default]\nregion = us-east-1\n" }], [broken])).toThrow(RuleError);
    expect(() => scanVirtual([{ path: ".aws/config", text: "[default]\nregion = us-east-1\n" }], [broken])).toThrow(
      /broken-test-rule failed on \.aws\/config:2: boom/,
    );
  });
});

describe("classify", () => {
  const head = (t: string) => () => t;
  it("recognises AWS shared files by path", () => {
    expect(classify(".aws/config", head(""))).toBe("aws-config");
    expect(classify("home/ci/.aws/credentials", head(""))).toBe("aws-credentials");
    expect(classify("deploy/aws/config", head(""))).toBe("aws-config");
  });
  it("recognises bare config/credentials files only by AWS content", () => {
    expect(classify("infra/credentials", head("[default]\naws_access_key_id = x\n"))).toBe("aws-credentials");
    expect(classify("infra/config", head("[profile x]\nregion = us-east-1\n"))).toBe("aws-config");
    expect(classify("app/config", head("[core]\nbare = false\n"))).toBe("text");
    expect(classify(".aws/config.bak", head("[default]\n"))).toBe("text");
    expect(classify("src/config.ts", head("[default]"))).toBe("js-ts");
  });
});

describe("gitignore matcher", () => {
  const rules = parseGitignore("# comment\n*.log\n/build\ndocs/**/secret.txt\n!keep.log\ncache/\n\\#hash\n");
  const cases: [string, boolean, boolean | undefined][] = [
    ["a.log", false, true],
    ["sub/a.log", false, true],
    ["keep.log", false, false],
    ["build", true, true],
    ["src/build", true, undefined],
    ["docs/secret.txt", false, true],
    ["docs/a/b/secret.txt", false, true],
    ["cache", true, true],
    ["cache", false, undefined],
    ["#hash", false, true],
    ["readme.md", false, undefined],
  ];
  for (const [p, dir, want] of cases) it(`${p}${dir ? "/" : ""} → ${String(want)}`, () => expect(isIgnored(rules, p, dir)).toBe(want));
});

describe("reading files", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "credlint-read-"));
  it("finds the first invalid UTF-8 byte", () => {
    expect(firstInvalidUtf8(Buffer.from("héllo 😀"))).toBe(-1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xc3]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xc0, 0x80]))).toBe(1); // overlong
    expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0); // surrogate
    expect(firstInvalidUtf8(Buffer.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0); // > U+10FFFF
  });
  it("reports the line of invalid UTF-8, binary files and size", () => {
    writeFileSync(path.join(dir, "latin1"), Buffer.from("a\nb\nc\xe9\n", "latin1"));
    expect(readSource(path.join(dir, "latin1"), 1000)).toMatchObject({ kind: "text", invalidUtf8Line: 3 });
    writeFileSync(path.join(dir, "bin"), Buffer.from([1, 2, 0, 3]));
    expect(readSource(path.join(dir, "bin"), 1000)).toEqual({ kind: "binary" });
    writeFileSync(path.join(dir, "big"), "x".repeat(2000));
    expect(readSource(path.join(dir, "big"), 1000)).toEqual({ kind: "too-large", size: 2000 });
    expect(readSource(path.join(dir, "nope"), 1000)).toEqual({ kind: "absent", reason: "missing" });
  });

  it("tells links, folders and pipes from files when it opens them, and reads through a link only when asked", () => {
    writeFileSync(path.join(dir, "target.env"), "AWS_REGION=eu-west-1\n");
    symlinkSync(path.join(dir, "target.env"), path.join(dir, "link.env"));
    expect(readSource(path.join(dir, "link.env"), 1000)).toEqual({ kind: "absent", reason: "symlink" });
    expect(readSource(path.join(dir, "link.env"), 1000, true)).toEqual({ kind: "text", text: "AWS_REGION=eu-west-1\n" });
    mkdirSync(path.join(dir, "submodule"));
    expect(readSource(path.join(dir, "submodule"), 1000)).toEqual({ kind: "absent", reason: "not-a-file" });
    // A named pipe in place of a listed file: opened without blocking, then seen not to be a file.
    if (spawnSync("mkfifo", [path.join(dir, "pipe")]).status === 0) {
      expect(readSource(path.join(dir, "pipe"), 1000)).toEqual({ kind: "absent", reason: "not-a-file" });
    }
  });
});

describe("terminal sanitising", () => {
  it("replaces control, bidi and invisible characters one for one", () => {
    const out = visible("a\u001b[31mb\rc\u200bd\u00a0e\u202ef");
    for (const bad of ["\u001b", "\r", "\u200b", "\u00a0", "\u202e"]) expect(out).not.toContain(bad);
    expect([...out]).toHaveLength([..."a\u001b[31mb\rc\u200bd\u00a0e\u202ef"].length);
  });
});
