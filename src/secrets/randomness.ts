/**
 * How random is a value? "Rare, not random": what separates a secret from an identifier, a type token, a
 * template or a self-describing mock is not how many distinct characters it uses (Shannon entropy rates
 * `pulumi:providers:simple` and `Access-Control-Allow-Credentials` as high as many keys) but whether it is
 * made of *words*. This module measures that the way a BPE tokenizer would, without shipping one: it cuts
 * the value into pieces (camelCase and snake_case parts, letter runs, digit runs, punctuation), prices each
 * piece in "tokens" — a word-like letter run costs one token per few letters, a run that is not word-like
 * costs about a token per letter, digits a token per three, separators half a token — and returns the
 * number of characters per token. Words and identifiers come out at 3–6 characters per token, random keys
 * and passwords at 1–2. A letter run is word-like when its letter trigrams are common in English and code
 * vocabulary (src/knowledge/trigrams.ts, generated from a word list). Leetspeak (`RaNd0m70K3n`, `Th3P@ssw0rd`)
 * is read both as written and with its digits as letters, and the cheaper reading counts.
 *
 * Chosen by numbers on the real-world corpus (bench/realworld/REVIEW.md, "Randomness measures"): at the
 * threshold that keeps every random secret of the labelled set, this measure passes far fewer of the
 * identifiers, templates and words that real repositories bind to credential names than Shannon entropy
 * with character classes did, and about as few as a real BPE tokenizer (cl100k), at no start-up cost.
 */
import { COMMON_TRIGRAMS } from "../knowledge/trigrams.js";

/** Built on first use: most scans of a commit judge no generic value at all. */
let common: ReadonlySet<string> | undefined;

function commonTrigrams(): ReadonlySet<string> {
  if (!common) {
    const s = new Set<string>();
    for (let i = 0; i + 3 <= COMMON_TRIGRAMS.length; i += 3) s.add(COMMON_TRIGRAMS.slice(i, i + 3));
    common = s;
  }
  return common;
}

const LEET: Readonly<Record<string, string>> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s" };

/** Token cost of one lower-case letter run. */
function letterRunCost(run: string): number {
  const n = run.length;
  if (n <= 2) return 1;
  const padded = `^${run}$`;
  const known = commonTrigrams();
  let uncommon = 0;
  for (let i = 0; i + 3 <= padded.length; i++) if (!known.has(padded.slice(i, i + 3))) uncommon++;
  return Math.max(1, uncommon + n / 5);
}

/**
 * The pieces of a value: letter runs split at case changes (`getHTTPResponse` → get, HTTP, Response), digit
 * runs, and single other characters.
 */
function pieces(value: string): string[] {
  return value.match(/[A-Z]{2,}(?=[A-Z][a-z]|[^A-Za-z]|$)|[A-Z]?[a-z]+|[A-Z]+|[0-9]+|[^A-Za-z0-9]/g) ?? [];
}

function cost(value: string): number {
  let total = 0;
  for (const p of pieces(value)) {
    const c = p.charCodeAt(0);
    if (c >= 48 && c <= 57) total += Math.ceil(p.length / 3);
    else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) total += letterRunCost(p.toLowerCase());
    else total += /[-_.:/ ]/.test(p) ? 0.5 : 1;
  }
  return total;
}

/** The value with leetspeak digits and symbols read as the letters they stand for, where they stand between letters. */
function unleet(value: string): string {
  return value.replace(/(?<=[A-Za-z])[013457@$]+(?=[A-Za-z])|^[0134@$](?=[A-Za-z])|(?<=[A-Za-z])[0134@$]$/g, (m) =>
    [...m].map((ch) => LEET[ch] ?? ch).join(""),
  );
}

/** Characters per token: ≥ 3 for words and identifiers, ≤ 2 for random strings. */
export function charsPerToken(value: string): number {
  if (value.length === 0) return Infinity;
  const plain = cost(value);
  const leet = unleet(value);
  const c = leet === value ? plain : Math.min(plain, cost(leet.toLowerCase()));
  return value.length / Math.max(1, c);
}

/** Below this many characters per token a value reads as random (see the module comment and REVIEW.md). */
export const RANDOM_CHARS_PER_TOKEN = 2.2;

/** Whether a value is made of random characters rather than words, identifiers and numbers. */
export function isRandomLike(value: string): boolean {
  return charsPerToken(value) < RANDOM_CHARS_PER_TOKEN;
}
