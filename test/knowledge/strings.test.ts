import { describe, expect, it } from "vitest";
import {
  INVISIBLE_CHARS,
  closest,
  findInvisibleChars,
  levenshtein,
  stripInvisibleChars,
} from "../../src/knowledge/strings.js";

describe("levenshtein", () => {
  it("computes edit distances", () => {
    expect(levenshtein("", "")).toBe(0);
    expect(levenshtein("abc", "abc")).toBe(0);
    expect(levenshtein("", "abc")).toBe(3);
    expect(levenshtein("abc", "")).toBe(3);
    expect(levenshtein("kitten", "sitting")).toBe(3);
    expect(levenshtein("flaw", "lawn")).toBe(2);
    expect(levenshtein("region", "regoin")).toBe(2);
    expect(levenshtein("aws_secret_key", "aws_secret_access_key")).toBe(7);
  });

  it("is symmetric", () => {
    expect(levenshtein("sitting", "kitten")).toBe(levenshtein("kitten", "sitting"));
  });

  it("exits early with max + 1 when the distance exceeds max", () => {
    expect(levenshtein("kitten", "sitting", 2)).toBe(3);
    expect(levenshtein("kitten", "sitting", 3)).toBe(3);
    expect(levenshtein("a", "abcdefgh", 2)).toBe(3);
    expect(levenshtein("abcdef", "uvwxyz", 1)).toBe(2);
    expect(levenshtein("abc", "abd", 0)).toBe(1);
    expect(levenshtein("abc", "abc", 0)).toBe(0);
  });
});

describe("closest", () => {
  const candidates = ["us-east-1", "us-east-2", "us-west-2", "eu-west-1"];

  it("finds the nearest candidate within maxDistance", () => {
    expect(closest("us-wset-2", candidates, 2)).toEqual({ value: "us-west-2", distance: 2, unique: true });
    expect(closest("eu-west-1", candidates, 2)).toEqual({ value: "eu-west-1", distance: 0, unique: true });
  });

  it("reports ties and keeps the first candidate", () => {
    expect(closest("us-east-7", candidates, 2)).toEqual({ value: "us-east-1", distance: 1, unique: false });
  });

  it("returns undefined when nothing is close enough", () => {
    expect(closest("ap-south-1", candidates, 2)).toBeUndefined();
    expect(closest("x", [], 5)).toBeUndefined();
  });
});

describe("findInvisibleChars", () => {
  it("names the characters listed in the brief", () => {
    const wanted = [
      0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x00a0, 0x202f, 0x2007, 0x2000, 0x2005, 0x200a, 0x3000, 0x00ad,
    ];
    const known = new Set(INVISIBLE_CHARS.map((c) => c.codePoint));
    for (const cp of wanted) expect(known.has(cp), cp.toString(16)).toBe(true);
  });

  it("finds them with index and readable name", () => {
    const s = "AKIA\u200bX\u00a0Y\ufeff";
    expect(findInvisibleChars(s)).toEqual([
      { index: 4, char: "\u200b", name: "zero-width space (U+200B)" },
      { index: 6, char: "\u00a0", name: "no-break space (U+00A0)" },
      { index: 8, char: "\ufeff", name: "byte order mark / zero-width no-break space (U+FEFF)" },
    ]);
    expect(findInvisibleChars("a\u202fb")[0]?.name).toBe("narrow no-break space (U+202F)");
    expect(findInvisibleChars("a\u00adb")[0]?.name).toBe("soft hyphen (U+00AD)");
    expect(findInvisibleChars("\u3000")[0]?.name).toBe("ideographic space (U+3000)");
  });

  it("ignores ordinary text, ASCII space, tab and newline", () => {
    expect(findInvisibleChars("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")).toEqual([]);
    expect(findInvisibleChars("a b\tc\r\nd é ü 日本")).toEqual([]);
  });

  it("stripInvisibleChars removes exactly those characters", () => {
    expect(stripInvisibleChars("\ufeffus-east-1\u200b")).toBe("us-east-1");
    expect(stripInvisibleChars("a b")).toBe("a b");
  });
});
