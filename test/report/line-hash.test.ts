import { describe, expect, it } from "vitest";
import { githubLineHashes } from "../../src/report/line-hash.js";
import { sourceLookup } from "../../src/report/sources.js";
import { makeSourceFile } from "../../src/model/source.js";

/**
 * Test vectors published by GitHub with the reference implementation of primaryLocationLineHash:
 * github/codeql-action, src/fingerprints.test.ts, test "hash" (MIT licence), at commit
 * a7d3945ab4c0fd136ba0970df5a1b7ca4dadb07a. Transcribed as data: each input and the hash of each of its lines.
 */
const GITHUB_VECTORS: readonly (readonly [string, readonly string[]])[] = [
  ["", ["c129715d7a2bc9a3:1"]],
  [" a\nb\n  \t\tc\n d", ["271789c17abda88f:1", "54703d4cd895b18:1", "180aee12dab6264:1", "a23a3dc5e078b07b:1"]],
  [
    " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End",
    ["8b7cf3e952e7aeb2:1", "b1ae1287ec4718d9:1", "bff680108adb0fcc:1", "c6805c5e1288b612:1", "b86d3392aea1be30:1", "e6ceba753e1a442:1"],
  ],
  ...[
    " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n",
    " hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r",
    " hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n",
    " hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n",
  ].map(
    (input) =>
      [
        input,
        [
          "e9496ae3ebfced30:1",
          "fb7c023a8b9ccb3f:1",
          "ce8ba1a563dcdaca:1",
          "e20e36e16fcb0cc8:1",
          "b3edc88f2938467e:1",
          "c8e28b0b4002a3a0:1",
          "c129715d7a2bc9a3:1",
        ],
      ] as const,
  ),
  [
    "Lorem ipsum dolor sit amet.\n".repeat(10),
    [
      "a7f2ff13bc495cf2:1",
      "a7f2ff13bc495cf2:2",
      "a7f2ff13bc495cf2:3",
      "a7f2ff13bc495cf2:4",
      "a7f2ff13bc495cf2:5",
      "a7f2ff13bc495cf2:6",
      "a7f2ff1481e87703:1",
      "a9cf91f7bbf1862b:1",
      "55ec222b86bcae53:1",
      "cc97dc7b1d7d8f7b:1",
      "c129715d7a2bc9a3:1",
    ],
  ],
  [
    "x = 2\nx = 1\nprint(x)\nx = 3\nprint(x)\nx = 4\nprint(x)\n",
    [
      "e54938cc54b302f1:1",
      "bb609acbe9138d60:1",
      "1131fd5871777f34:1",
      "5c482a0f8b35ea28:1",
      "54517377da7028d2:1",
      "2c644846cb18d53e:1",
      "f1b89f20de0d133:1",
      "c129715d7a2bc9a3:1",
    ],
  ],
];

describe("primaryLocationLineHash (GitHub's algorithm)", () => {
  GITHUB_VECTORS.forEach(([input, expected], i) => {
    it(`matches codeql-action's test vector ${i + 1} (${JSON.stringify(input.slice(0, 24))}…)`, () => {
      const hashes = githubLineHashes(input);
      expect(hashes).toEqual(expected);
      // One hash per line, lines ended by \r\n, \r or \n (codeql-action's own check).
      expect(hashes).toHaveLength(input.split(/\r\n|\r|\n/).length);
    });
  });

  it("hashes non-ASCII text by UTF-16 code unit, as codeql-action's charCodeAt does", () => {
    // An astral character is two code units: the hash differs from the same text with one BMP character.
    const astral = githubLineHashes("key = 😀\n");
    const bmp = githubLineHashes("key = é\n");
    expect(astral[0]).not.toBe(bmp[0]);
    expect(astral).toHaveLength(2);
  });

  it("ignores blanks and tabs, so re-indenting a line keeps its hash", () => {
    expect(githubLineHashes("[default]\n  region = us-east1\n")).toEqual(githubLineHashes("[default]\nregion=us-east1\n"));
  });

  it("keeps a line's hash when lines are added above it (the hash looks forward, not back)", () => {
    const before = githubLineHashes("[dev]\nregion = us-east1\n");
    const after = githubLineHashes("# comment\n\n[dev]\nregion = us-east1\n");
    expect(after[3]).toBe(before[1]);
  });
});

describe("sourceLookup", () => {
  it("gives line hashes by GitHub's line numbers and line lengths by credlint's, never text", () => {
    const file = makeSourceFile("a/.aws/config", "text", "[a]\rregion = x\r\nkey = 1\n");
    const lookup = sourceLookup([file]);
    // GitHub ends a line at the lone \r: its line 2 is "region = x".
    expect(lookup.lineHash("a/.aws/config", 2)).toBe(githubLineHashes(file.text)[1]);
    expect(lookup.lineHash("a/.aws/config", 9)).toBeUndefined();
    expect(lookup.lineHash("missing", 1)).toBeUndefined();
    // credlint ends lines at LF only: its line 1 is "[a]\rregion = x" (the CR before LF is not counted).
    expect(lookup.lineLength("a/.aws/config", 1)).toBe("[a]\rregion = x".length);
    expect(lookup.lineLength("a/.aws/config", 2)).toBe("key = 1".length);
    expect(lookup.lineLength("a/.aws/config", 0)).toBeUndefined();
    expect(Object.keys(lookup)).toEqual(["lineHash", "lineLength"]);
  });
});
