/**
 * `partialFingerprints.primaryLocationLineHash`, computed exactly as GitHub computes it, so that code
 * scanning matches a credlint alert across commits the way it matches CodeQL's.
 *
 * The algorithm is the one `github/codeql-action` runs in `upload-sarif` when a result has no line hash
 * (src/fingerprints.ts, `hash()`): a polynomial rolling hash, base 37, modulo 2^64, over a window of the
 * next 100 characters of the file that are not blanks or tabs, starting at the first such character of
 * each line. Line endings (`\r\n`, `\r`, `\n`) all count as one `\n`; the end of the file is marked by
 * the character 65535 followed by zeros. The hash of a line is written as unsigned hex, plus `:n` when it
 * is the n-th line of the file with that same hash. The tests check it against codeql-action's published
 * test vectors.
 *
 * Two differences from credlint's own positions matter and are deliberate, because they are GitHub's:
 * - line numbers: GitHub ends a line at a lone `\r` too, where credlint (like the SDK readers) does not;
 *   the hash is looked up by the SARIF `startLine`, as upload-sarif would look it up.
 * - the input is the decoded text as UTF-16 code units (codeql-action reads the file as UTF-8 and hashes
 *   `charCodeAt`), which is what `SourceFile.text` holds.
 *
 * The hash is computed on the real text, secrets included — like upload-sarif would on the runner — and
 * only the 64-bit hash leaves this module: 100 characters folded into 64 bits cannot be turned back into
 * the text.
 *
 * codeql-action computes with signed 64-bit `Long`s; BigInt masked to 64 bits is the same modulo 2^64
 * (about 0.2 s per MB of text, and only files with findings are hashed).
 */

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const EOF = 65535;
const BLOCK_SIZE = 100;
const MOD = 37n;
const MASK_64 = (1n << 64n) - 1n;
/** 37^BLOCK_SIZE mod 2^64: the weight of the character that leaves the window. */
const FIRST_MOD = MOD ** BigInt(BLOCK_SIZE) & MASK_64;

/**
 * The line hash of every line of `text`, GitHub's way: element `i` is the hash of line `i + 1` (lines
 * ended by `\r\n`, `\r` or `\n`, so there is always one more line than line terminators).
 */
export function githubLineHashes(text: string): string[] {
  const window = new Array<number>(BLOCK_SIZE).fill(0);
  const lineNumbers = new Array<number>(BLOCK_SIZE).fill(-1);
  const counts = new Map<string, number>();
  const out: string[] = [];
  let hash = 0n;
  let index = 0;
  let lineNumber = 0;
  let lineStart = true;
  let prevCR = false;

  const output = (): void => {
    const value = hash.toString(16);
    const n = (counts.get(value) ?? 0) + 1;
    counts.set(value, n);
    out[(lineNumbers[index] ?? 0) - 1] = `${value}:${n}`;
    lineNumbers[index] = -1;
  };

  const update = (current: number): void => {
    const begin = window[index] ?? 0;
    window[index] = current;
    hash = (MOD * hash + BigInt(current) - FIRST_MOD * BigInt(begin)) & MASK_64;
    index = (index + 1) % BLOCK_SIZE;
  };

  const consume = (code: number): void => {
    if (code === SPACE || code === TAB || (prevCR && code === LF)) {
      prevCR = false;
      return;
    }
    let current = code;
    if (current === CR) {
      current = LF;
      prevCR = true;
    } else {
      prevCR = false;
    }
    if (lineNumbers[index] !== -1) output();
    if (lineStart) {
      lineStart = false;
      lineNumber++;
      lineNumbers[index] = lineNumber;
    }
    if (current === LF) lineStart = true;
    update(current);
  };

  for (let i = 0; i < text.length; i++) consume(text.charCodeAt(i));
  consume(EOF);
  for (let i = 0; i < BLOCK_SIZE; i++) {
    if (lineNumbers[index] !== -1) output();
    update(0);
  }
  return out;
}
