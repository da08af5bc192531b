// A seeded pseudo-random source (mulberry32) for the generated repositories: the same seed writes the same
// bytes on every machine, so two runs of the bench scan the same input. Fake credentials are drawn from it
// as random-looking strings of the right shape; none is a real key.

const UPPER_B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const B64 = `${ALNUM}+/`;

/** Returns a function yielding floats in [0, 1), fully determined by `seed`. */
export function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function int(rand, lo, hi) {
  return lo + Math.floor(rand() * (hi - lo + 1));
}

export function pick(rand, items) {
  return items[Math.floor(rand() * items.length)];
}

export function chars(rand, alphabet, n) {
  let s = "";
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
  return s;
}

/** Random-looking values of the shapes secret scanners look for. Prefixes are joined at run time. */
export const fake = {
  awsKeyId: (rand) => ["AK", "IA"].join("") + chars(rand, UPPER_B32, 16),
  awsSecret: (rand) => chars(rand, B64, 40),
  githubToken: (rand) => ["gh", "p_"].join("") + chars(rand, ALNUM, 36),
  googleApiKey: (rand) => ["AI", "za"].join("") + chars(rand, `${ALNUM}-_`, 35),
  password: (rand) => chars(rand, ALNUM, 20),
  privateKey(rand) {
    const edge = (word) => `-----${word} RSA ${["PRIVATE", "KEY"].join(" ")}-----`;
    const body = Array.from({ length: 12 }, () => chars(rand, B64, 64));
    return [edge("BEGIN"), ...body, edge("END"), ""].join("\n");
  },
};
