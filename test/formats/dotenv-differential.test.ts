/**
 * Differential tests: `parseDotenv` must read every file exactly as `dotenv.parse()` (the installed devDependency,
 * v18.0.10, default parser) does: the same keys, and for each key the value of its last assignment. Values the
 * reader classifies as references or dynamic carry no decoded text; for those, dotenv's value must classify the
 * same way. Every key and value range must slice back to the text the setting reports.
 */
import { parse as dotenvParse } from "dotenv";
import { describe, expect, it } from "vitest";
import { parseDotenv } from "../../src/formats/dotenv.js";
import { classifyValue } from "../../src/knowledge/references.js";
import type { Setting } from "../../src/model/setting.js";
import { makeSourceFile, sliceRange } from "../../src/model/source.js";
import { fakeKeyId, fakeSecret, rng } from "../support/fake-keys.js";

function compare(text: string): void {
  const label = JSON.stringify(text);
  const file = makeSourceFile(".env", "dotenv", text);
  const { settings } = parseDotenv(file);
  const expected = dotenvParse(text);
  const last = new Map<string, Setting>();
  for (const s of settings) {
    last.set(s.key.text, s);
    expect(sliceRange(file, s.key.range), label).toBe(s.key.text);
    expect(sliceRange(file, s.value.range), label).toBe(s.value.raw);
  }
  expect([...last.keys()].sort(), label).toEqual(Object.keys(expected).sort());
  for (const [key, s] of last) {
    const value = expected[key] ?? "";
    if (s.value.kind === "literal") expect(s.value.value, `${label} ${key}`).toBe(value);
    else expect(classifyValue(value, "dotenv").kind, `${label} ${key}`).toBe(s.value.kind);
  }
}

const CASES: readonly string[] = [
  // Quotes
  "A='single'\nB=\"double\"\nC=`backtick`\n",
  "A='it\\'s'\n",
  "A='it's'\n",
  'A="say \\"hi\\""\n',
  'A="unterminated\nB=next\n',
  "A='a'b'\n",
  'A="a" # comment "b"\n',
  'A="a"b"\n',
  "A=''\nB=\"\"\nC=``\n",
  "A='\n",
  "A=\"'mixed'\"\nB='\"mixed\"'\n",
  // Escapes
  'A="line1\\nline2"\n',
  "A='line1\\nline2'\n",
  "A=line1\\nline2\n",
  'A="cr\\rhere"\n',
  'A="\\\\n"\n',
  "A=trailing\\\n",
  // Line endings
  "A=1\r\nB=2\r\n",
  'A="x"\r\nB=\'y\'\r\n',
  "A=1\rB=2\r",
  "A=\"multi\r\nline\"\r\n",
  "A=1\n\n\n\nB=2",
  // Comments
  "# A=1\nB=2 # c\n",
  "A=abc#def\n",
  "A=abc #def\n",
  "A=#only\n",
  "A=1\n  # indented\nB=2\n",
  "A='#hash'\n",
  // export
  "export A=1\n",
  "export  A=2\nexport\tB=3\n",
  "export A\n",
  "export=1\n",
  "export =1\n",
  "export\nA=1\n",
  // KEY: value
  "A: colon\n",
  "A:colon\n",
  "A:\nB=1\n",
  "A: 'q'\n",
  // Multi-line values
  'A="line 1\nline 2\nline 3"\n',
  "A='x\ny'\nB=after\n",
  "A=\n\"next line\"\n",
  "A=`x\n#y`\n",
  // Empty values
  "A=\nB=\n",
  "A=   \n",
  "A=  # c\n",
  "A=",
  // Unicode
  "A=héllo wörld\n",
  "A=\u00a0nbsp\u00a0\n",
  "\ufeffA=bom\n",
  "A=x\u2028B=y\n",
  "A=\"x\u2028y\"\n",
  "A='a'\u2028'b'\n",
  // `=` in values, blanks around `=`
  "A=a=b=c\n",
  "A = spaced\nB =left\nC= right\n",
  "A\n=1\n",
  "URL=postgres://u:p@h/db?ssl=true&x=1\n",
  // Duplicate keys, odd keys
  "A=1\nA=2\nA=3\n",
  "a.b-c_1=dots\n1A=digit\n",
  "A-=x\n",
  "garbage\nA=1\n!!=\n",
  // References
  "A=${B}\nB=$C\nC=pre${D}post\n",
  // Realistic credentials
  `AWS_ACCESS_KEY_ID=${fakeKeyId(3)}\nAWS_SECRET_ACCESS_KEY="${fakeSecret(3)}"\nAWS_REGION='us-east-1'\n`,
  `AWS_ACCESS_KEY_ID = ${fakeKeyId(4)} # dev\r\nAWS_SECRET_ACCESS_KEY=${fakeSecret(4)}\r\n`,
];

describe("parseDotenv vs dotenv.parse: tricky inputs", () => {
  it("has at least 40 cases", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  for (const text of CASES) {
    it(JSON.stringify(text), () => {
      compare(text);
    });
  }
});

describe("parseDotenv vs dotenv.parse: seeded random files", () => {
  /** Pieces that make dotenv's regex take its less common paths. */
  const PIECES = [
    "A", "B", "AWS_KEY", "x", "a b", "é", "-", ".", "=", " = ", "==", ":", ": ", " ", "\t", "\n", "\r\n", "\r", "#", " # c",
    "'", '"', "`", "\\", "\\n", "\\r", "\\'", '\\"', "export ", "export", "\u2028", "\u00a0", "\ufeff", "${X}", "$",
  ];
  const LINES = ["A=1", "B='two'", 'C="three"', "export D=4", "E: five", "# comment", ""];

  it("agrees on 3 000 files of random pieces", () => {
    const next = rng(20_260_101);
    for (let n = 0; n < 3_000; n++) {
      let text = "";
      const len = Math.floor(next() * 40);
      for (let i = 0; i < len; i++) text += PIECES[Math.floor(next() * PIECES.length)];
      compare(text);
    }
  });

  it("agrees on 500 files of realistic lines with random damage", () => {
    const next = rng(99);
    for (let n = 0; n < 500; n++) {
      const lines: string[] = [];
      for (let i = 0; i < 8; i++) {
        let line = LINES[Math.floor(next() * LINES.length)] ?? "";
        if (next() < 0.4) {
          const at = Math.floor(next() * (line.length + 1));
          line = line.slice(0, at) + (PIECES[Math.floor(next() * PIECES.length)] ?? "") + line.slice(at);
        }
        lines.push(line);
      }
      compare(lines.join(next() < 0.3 ? "\r\n" : "\n"));
    }
  });
});
