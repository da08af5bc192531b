/**
 * Small string helpers shared by the knowledge tables: edit distance for "did you mean" suggestions and
 * detection of invisible / look-alike space characters that break credentials when pasted (reference §1.6
 * "whitespace in credential", §9 rule 15).
 */

/**
 * Levenshtein edit distance (insert / delete / substitute, each cost 1) between `a` and `b`, by UTF-16 code
 * unit. O(n·m) time, O(m) memory. When `max` is given and the distance is certainly larger, returns `max + 1`
 * early instead of the exact distance.
 */
export function levenshtein(a: string, b: string, max: number = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = new Array<number>(b.length + 1);
  let current = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [previous, current] = [current, previous];
  }
  const distance = previous[b.length] ?? 0;
  return distance > max ? max + 1 : distance;
}

/** Result of `closest`. */
export interface ClosestMatch {
  /** The best candidate. */
  readonly value: string;
  /** Its edit distance to the input. */
  readonly distance: number;
  /** False when another candidate has the same distance (then `value` is the first one in candidate order). */
  readonly unique: boolean;
}

/**
 * The candidate with the smallest Levenshtein distance to `value`, if that distance is ≤ `maxDistance`.
 * Ties go to the first candidate (in iteration order) and are reported with `unique: false`. A candidate
 * equal to `value` is returned with distance 0.
 */
export function closest(value: string, candidates: Iterable<string>, maxDistance: number): ClosestMatch | undefined {
  let best: string | undefined;
  let bestDistance = maxDistance + 1;
  let tied = false;
  for (const candidate of candidates) {
    const distance = levenshtein(value, candidate, Math.min(bestDistance, maxDistance));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      tied = false;
    } else if (distance === bestDistance && best !== undefined && candidate !== best) {
      tied = true;
    }
  }
  if (best === undefined || bestDistance > maxDistance) return undefined;
  return { value: best, distance: bestDistance, unique: !tied };
}

/** One invisible or non-ASCII space character. */
export interface InvisibleChar {
  readonly codePoint: number;
  /** Readable name, e.g. "zero-width space (U+200B)". */
  readonly name: string;
}

function u(codePoint: number, name: string): InvisibleChar {
  return { codePoint, name: `${name} (U+${codePoint.toString(16).toUpperCase().padStart(4, "0")})` };
}

/**
 * Characters that are invisible or look like an ordinary space, and so survive copy-paste into a credential
 * unnoticed; the SDKs pass env values verbatim (reference §1.6: "Env values trimmed? No"). Names from the
 * Unicode Character Database (https://www.unicode.org/Public/UCD/latest/ucd/UnicodeData.txt). The bidi
 * marks (U+200E/F, U+202A–U+202E, U+2066–U+2069) are an addition beyond the reference: they are equally
 * invisible and get pasted from right-to-left UIs.
 */
export const INVISIBLE_CHARS: readonly InvisibleChar[] = [
  u(0x00a0, "no-break space"),
  u(0x00ad, "soft hyphen"),
  u(0x2000, "en quad"),
  u(0x2001, "em quad"),
  u(0x2002, "en space"),
  u(0x2003, "em space"),
  u(0x2004, "three-per-em space"),
  u(0x2005, "four-per-em space"),
  u(0x2006, "six-per-em space"),
  u(0x2007, "figure space"),
  u(0x2008, "punctuation space"),
  u(0x2009, "thin space"),
  u(0x200a, "hair space"),
  u(0x200b, "zero-width space"),
  u(0x200c, "zero-width non-joiner"),
  u(0x200d, "zero-width joiner"),
  u(0x200e, "left-to-right mark"),
  u(0x200f, "right-to-left mark"),
  u(0x202a, "left-to-right embedding"),
  u(0x202b, "right-to-left embedding"),
  u(0x202c, "pop directional formatting"),
  u(0x202d, "left-to-right override"),
  u(0x202e, "right-to-left override"),
  u(0x202f, "narrow no-break space"),
  u(0x2060, "word joiner"),
  u(0x2066, "left-to-right isolate"),
  u(0x2067, "right-to-left isolate"),
  u(0x2068, "first strong isolate"),
  u(0x2069, "pop directional isolate"),
  u(0x3000, "ideographic space"),
  u(0xfeff, "byte order mark / zero-width no-break space"),
];

const INVISIBLE_BY_CODE_UNIT: ReadonlyMap<number, InvisibleChar> = new Map(
  INVISIBLE_CHARS.map((c) => [c.codePoint, c] as const),
);

/** One occurrence found by `findInvisibleChars`. */
export interface InvisibleCharHit {
  /** UTF-16 index in the input string. */
  readonly index: number;
  /** The character itself. */
  readonly char: string;
  /** Readable name, e.g. "zero-width space (U+200B)". */
  readonly name: string;
}

/** Every character of `INVISIBLE_CHARS` in `s`, in order. (All of them are in the BMP: one code unit each.) */
export function findInvisibleChars(s: string): InvisibleCharHit[] {
  const hits: InvisibleCharHit[] = [];
  for (let index = 0; index < s.length; index++) {
    const info = INVISIBLE_BY_CODE_UNIT.get(s.charCodeAt(index));
    if (info !== undefined) hits.push({ index, char: s.charAt(index), name: info.name });
  }
  return hits;
}

/** `s` with every `INVISIBLE_CHARS` character removed. */
export function stripInvisibleChars(s: string): string {
  let out = "";
  for (let index = 0; index < s.length; index++) {
    if (!INVISIBLE_BY_CODE_UNIT.has(s.charCodeAt(index))) out += s.charAt(index);
  }
  return out;
}

/**
 * The Unicode space separators beyond ASCII and U+00A0 (Ogham space, the U+2000 block, line/paragraph
 * separators, narrow NBSP, math space, ideographic space): every reader's notion of "blank" includes them,
 * and each adds its own ASCII set on top (Python `str.strip`, JavaScript `trim`, Go `unicode.IsSpace`).
 */
export function isUnicodeSpace(c: number): boolean {
  return c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}
