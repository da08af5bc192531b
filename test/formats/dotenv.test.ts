import { describe, expect, it } from "vitest";
import { parseDotenv, type DotenvResult } from "../../src/formats/dotenv.js";
import { effectiveVars } from "../../src/model/env.js";
import type { Setting } from "../../src/model/setting.js";
import type { Range } from "../../src/model/source.js";
import { makeSourceFile, sliceRange } from "../../src/model/source.js";
import { fakeKeyId, fakeSecret, rng } from "../support/fake-keys.js";

function parse(text: string, path = ".env"): DotenvResult {
  return parseDotenv(makeSourceFile(path, "dotenv", text));
}

function range(line: number, column: number, endLine: number, endColumn: number): Range {
  return { start: { line, column }, end: { line: endLine, column: endColumn } };
}

function setting(result: DotenvResult, key: string): Setting {
  const found = result.settings.filter((s) => s.key.text === key).at(-1);
  if (!found) throw new Error(`no setting ${key} in ${result.settings.map((s) => s.key.text).join(", ")}`);
  return found;
}

function literal(s: Setting): string | undefined {
  return s.value.kind === "literal" ? s.value.value : undefined;
}

const KEY_ID = fakeKeyId(11);
const SECRET = fakeSecret(11);

const SERVICE_ENV = [
  "# Orders service: local development settings", // 1
  "NODE_ENV=development", // 2
  "PORT=3000", // 3
  "", // 4
  "# AWS (fake credentials)", // 5
  "AWS_REGION=eu-west-1", // 6
  `AWS_ACCESS_KEY_ID=${KEY_ID}`, // 7
  `AWS_SECRET_ACCESS_KEY="${SECRET}"`, // 8
  "export AWS_PROFILE='orders-dev'", // 9
  "DATABASE_URL=postgres://orders@localhost:5432/orders # local only", // 10
  "REDIS_URL=", // 11
  "SESSION_SECRET=${SESSION_SECRET_FROM_VAULT}", // 12
  'PRIVATE_KEY="-----BEGIN PRIVATE KEY-----', // 13
  "MIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEA", // 14
  '-----END PRIVATE KEY-----"', // 15
  "",
].join("\n");

describe("parseDotenv: a Node service's .env", () => {
  const result = parse(SERVICE_ENV);
  const file = result.env.file;

  it("reads every assignment in file order, with no notes", () => {
    expect(result.settings.map((s) => s.key.text)).toEqual([
      "NODE_ENV", "PORT", "AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE", "DATABASE_URL",
      "REDIS_URL", "SESSION_SECRET", "PRIVATE_KEY",
    ]);
    expect(result.errors).toEqual([]);
  });

  it("gives exact key, value and entry ranges", () => {
    const region = setting(result, "AWS_REGION");
    expect(region.key.range).toEqual(range(6, 1, 6, 11));
    expect(region.value.range).toEqual(range(6, 12, 6, 21));
    expect(region.range).toEqual(range(6, 1, 6, 21));

    const keyId = setting(result, "AWS_ACCESS_KEY_ID");
    expect(keyId.key.range).toEqual(range(7, 1, 7, 18));
    expect(keyId.value).toEqual({ kind: "literal", value: KEY_ID, raw: KEY_ID, range: range(7, 19, 7, 39) });

    const secret = setting(result, "AWS_SECRET_ACCESS_KEY");
    expect(secret.value).toEqual({ kind: "literal", value: SECRET, raw: `"${SECRET}"`, range: range(8, 23, 8, 65) });
    expect(secret.style).toBe("double");

    // `export ` is not part of the entry.
    const profile = setting(result, "AWS_PROFILE");
    expect(profile.key.range).toEqual(range(9, 8, 9, 19));
    expect(profile.value).toEqual({ kind: "literal", value: "orders-dev", raw: "'orders-dev'", range: range(9, 20, 9, 32) });
    expect(profile.range).toEqual(range(9, 8, 9, 32));
    expect(profile.style).toBe("single");

    // The inline comment is not part of the value.
    const db = setting(result, "DATABASE_URL");
    expect(db.value.range).toEqual(range(10, 14, 10, 53));
    expect(literal(db)).toBe("postgres://orders@localhost:5432/orders");
  });

  it("reads an empty value as an empty literal right after `=`", () => {
    expect(setting(result, "REDIS_URL").value).toEqual({ kind: "literal", value: "", raw: "", range: range(11, 11, 11, 11) });
  });

  it("classifies `${VAR}` as a reference (dotenv-expand syntax)", () => {
    const s = setting(result, "SESSION_SECRET");
    expect(s.value).toMatchObject({ kind: "reference", target: "SESSION_SECRET_FROM_VAULT", raw: "${SESSION_SECRET_FROM_VAULT}" });
    expect(s.value.range).toEqual(range(12, 16, 12, 44));
  });

  it("reads a multi-line double-quoted value", () => {
    const s = setting(result, "PRIVATE_KEY");
    expect(literal(s)).toBe("-----BEGIN PRIVATE KEY-----\nMIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEA\n-----END PRIVATE KEY-----");
    expect(s.value.range).toEqual(range(13, 13, 15, 27));
  });

  it("tags providers and the context", () => {
    expect(setting(result, "AWS_REGION").provider).toBe("aws");
    expect(setting(result, "PORT").provider).toBe("generic");
    for (const s of result.settings) {
      expect(s.syntax).toBe("env");
      expect(s.where).toBe(".env");
      expect(sliceRange(file, s.key.range)).toBe(s.key.text);
      expect(sliceRange(file, s.value.range)).toBe(s.value.raw);
    }
    expect(result.env).toMatchObject({ kind: "env", syntax: "dotenv", where: ".env", commands: [], live: true });
    expect(result.env.anchor).toEqual(range(1, 1, 1, 1));
    expect(result.env.own).toBe(result.settings);
    expect(result.env.parent).toBeUndefined();
    expect(result.env.ci).toBeUndefined();
  });
});

describe("parseDotenv: dotenv's reading", () => {
  it("keeps every assignment of a key; the last one wins", () => {
    const result = parse("AWS_REGION=us-east-1\nAWS_REGION=eu-west-1\n");
    expect(result.settings).toHaveLength(2);
    expect(literal(effectiveVars(result.env).get("AWS_REGION") as Setting)).toBe("eu-west-1");
  });

  it("ends an unquoted value at `#` even without a blank before it", () => {
    expect(literal(setting(parse("A=abc#def\n"), "A"))).toBe("abc");
  });

  it("trims unquoted values and keeps quoted blanks", () => {
    const result = parse("A=  padded  \nB=' padded '\n");
    expect(literal(setting(result, "A"))).toBe("padded");
    expect(setting(result, "A").value.range).toEqual(range(1, 5, 1, 11));
    expect(literal(setting(result, "B"))).toBe(" padded ");
  });

  it("expands \\n and \\r in double quotes only, and unescapes nothing else", () => {
    const result = parse('A="x\\ny\\rz"\nB=\'x\\ny\'\nC="q\\"q"\n');
    expect(literal(setting(result, "A"))).toBe("x\ny\rz");
    expect(literal(setting(result, "B"))).toBe("x\\ny");
    expect(literal(setting(result, "C"))).toBe('q\\"q');
  });

  it("reads `KEY: value`, `export`, blanks around `=`, and backticks", () => {
    const result = parse("A: colon\nexport B=exported\nC = spaced\nD=`tick`\n");
    expect(literal(setting(result, "A"))).toBe("colon");
    expect(setting(result, "A").value.range).toEqual(range(1, 4, 1, 9));
    expect(literal(setting(result, "B"))).toBe("exported");
    expect(literal(setting(result, "C"))).toBe("spaced");
    expect(setting(result, "C").key.range).toEqual(range(3, 1, 3, 2));
    expect(literal(setting(result, "D"))).toBe("tick");
    expect(setting(result, "D").style).toBe("backtick");
  });

  it("drops the \\r of CRLF line endings and maps ranges onto the original text", () => {
    const text = `AWS_ACCESS_KEY_ID=${KEY_ID}\r\nAWS_SECRET_ACCESS_KEY=${SECRET}\r\n`;
    const result = parse(text);
    const secret = setting(result, "AWS_SECRET_ACCESS_KEY");
    expect(literal(secret)).toBe(SECRET);
    expect(secret.value.range).toEqual(range(2, 23, 2, 63));
    expect(sliceRange(result.env.file, secret.value.range)).toBe(SECRET);
  });

  it("treats a lone CR as a line break", () => {
    const result = parse("A=1\rB=2\n");
    expect(literal(setting(result, "A"))).toBe("1");
    expect(literal(setting(result, "B"))).toBe("2");
    expect(setting(result, "B").key.range).toEqual(range(1, 5, 1, 6));
  });

  it("reads a quote on the line after `=` as the value, as dotenv's regex does", () => {
    expect(literal(setting(parse('A=\n"x"\n'), "A"))).toBe("x");
  });

  it("keeps an unclosed opening quote in the value and notes it", () => {
    const result = parse('AWS_SECRET_ACCESS_KEY="abc\nB=2\n');
    expect(literal(setting(result, "AWS_SECRET_ACCESS_KEY"))).toBe('"abc');
    expect(literal(setting(result, "B"))).toBe("2");
    expect(result.errors).toEqual([
      { line: 1, message: "the quote opening AWS_SECRET_ACCESS_KEY's value is not closed; dotenv keeps it in the value" },
    ]);
  });

  it("notes the lines dotenv ignores, but not comments or blank lines", () => {
    const result = parse("# comment\n\nA=1\nnot an assignment\nexport B\n  # indented comment\n");
    expect(result.settings.map((s) => s.key.text)).toEqual(["A"]);
    expect(result.errors).toEqual([
      { line: 4, message: "not a KEY=value line; dotenv ignores it" },
      { line: 5, message: "not a KEY=value line; dotenv ignores it" },
    ]);
  });

  it("classifies values mixing text and `${VAR}` as dynamic", () => {
    expect(setting(parse("A=arn:aws:iam::${ACCOUNT}:role/ci\n"), "A").value.kind).toBe("dynamic");
  });

  it("marks files that are not read at run time", () => {
    expect(parse("A=1\n", "config/.env.example").env.live).toBe(false);
  });
});

describe("parseDotenv: what a shell's `source` sees instead", () => {
  const alt = (text: string, key: string): readonly { reader: string; value: string }[] | undefined =>
    setting(parse(text), key).alternatives;

  it("keeps the \\r of a CRLF line (unquoted or quoted)", () => {
    expect(alt(`AWS_SECRET_ACCESS_KEY=${SECRET}\r\n`, "AWS_SECRET_ACCESS_KEY")).toEqual([
      { reader: "a shell's source", value: `${SECRET}\r` },
    ]);
    expect(alt('A="x"\r\n', "A")).toEqual([{ reader: "a shell's source", value: "x\r" }]);
  });

  it("sets KEY to empty for `KEY= value`", () => {
    expect(alt("AWS_REGION= eu-west-1\n", "AWS_REGION")).toEqual([{ reader: "a shell's source", value: "" }]);
  });

  it("ends an unquoted value at a blank", () => {
    expect(alt("A=two words\n", "A")).toEqual([{ reader: "a shell's source", value: "two" }]);
  });

  it("keeps backslash-n in double quotes, unescapes \\\", and keeps `#` inside a word", () => {
    expect(alt('A="x\\ny"\n', "A")).toEqual([{ reader: "a shell's source", value: "x\\ny" }]);
    expect(alt('A="q\\"q"\n', "A")).toEqual([{ reader: "a shell's source", value: 'q"q' }]);
    expect(alt("A=abc#def\n", "A")).toEqual([{ reader: "a shell's source", value: "abc#def" }]);
  });

  it("says nothing where both agree or the shell's value is not static", () => {
    for (const text of ["A=plain\n", "A='single quoted'\n", 'A="double"  # c\n', "export A=1\n", "A=$HOME/x\n", 'A="multi\nline"\n', "A: v\n"]) {
      expect(alt(text, "A"), JSON.stringify(text)).toBeUndefined();
    }
  });
});

describe("parseDotenv: .envrc", () => {
  it("is read as the shell script direnv runs", () => {
    const result = parse('export AWS_PROFILE=orders-dev\nexport AWS_REGION="eu-west-1"\ndotenv_if_exists .env.local\n', "svc/.envrc");
    expect(result.env.syntax).toBe("envrc");
    expect(result.env.where).toBe("svc/.envrc");
    expect(result.settings.map((s) => [s.key.text, literal(s)])).toEqual([
      ["AWS_PROFILE", "orders-dev"],
      ["AWS_REGION", "eu-west-1"],
    ]);
    expect(setting(result, "AWS_REGION").value.range).toEqual(range(2, 19, 2, 30));
    expect(result.env.commands).toEqual([{ text: "dotenv_if_exists .env.local", range: range(3, 1, 3, 28) }]);
    expect(result.errors).toEqual([]);
  });
});

describe("parseDotenv: malformed input", () => {
  it("handles an empty file", () => {
    const result = parse("");
    expect(result.settings).toEqual([]);
    expect(result.errors).toEqual([]);
    expect(parse("", ".envrc").settings).toEqual([]);
  });

  it("never throws on random text, and ranges stay exact", () => {
    const next = rng(2024);
    const alphabet = "AB_=:#'\"`\\ \t\n\r\u0000\u2028\ufeffé$x{}";
    for (let n = 0; n < 300; n++) {
      let text = "";
      const len = Math.floor(next() * 80);
      for (let i = 0; i < len; i++) text += alphabet.charAt(Math.floor(next() * alphabet.length));
      const result = parse(text);
      for (const s of result.settings) {
        expect(sliceRange(result.env.file, s.key.range)).toBe(s.key.text);
        expect(sliceRange(result.env.file, s.value.range)).toBe(s.value.raw);
      }
    }
  });

  it("never throws on random UTF-16 code units (lone surrogates included)", () => {
    const next = rng(7);
    for (let n = 0; n < 50; n++) {
      const text = String.fromCharCode(...Array.from({ length: 200 }, () => Math.floor(next() * 0x10000)));
      expect(() => parse(text)).not.toThrow();
      expect(() => parse(text, ".envrc")).not.toThrow();
    }
  });

  it("reads 100 000-character lines, NUL and lone CR", () => {
    const long = "x".repeat(100_000);
    expect(literal(setting(parse(`A=${long}\n`), "A"))).toBe(long);
    expect(literal(setting(parse(`A="${long}`), "A"))).toBe(`"${long}`);
    expect(() => parse('"'.repeat(100_000))).not.toThrow();
    expect(literal(setting(parse("A=a\u0000b\n"), "A"))).toBe("a\u0000b");
    expect(literal(setting(parse("A=1\r"), "A"))).toBe("1");
  });

  it("stays fast on many unclosed quotes", () => {
    const started = Date.now();
    const result = parse('A="x\n'.repeat(20_000));
    expect(result.settings).toHaveLength(20_000);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
