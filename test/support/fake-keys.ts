/**
 * Fake credentials for tests: random-looking, seeded, never real. Key ids use the base32 alphabet of
 * current AWS keys; secrets the base64 alphabet. The same seed always gives the same key.
 */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick(alphabet: string, n: number, next: () => number): string {
  let out = "";
  for (let i = 0; i < n; i++) out += alphabet.charAt(Math.floor(next() * alphabet.length));
  return out;
}

const B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

export function fakeKeyId(seed: number, prefix = "AKIA"): string {
  return prefix + pick(B32, 16, rng(seed));
}

export function fakeSecret(seed: number): string {
  return pick(B64, 40, rng(seed * 7919 + 1));
}

export function fakeSessionToken(seed: number): string {
  return "IQoJb3JpZ2luX2VjE" + pick(B64, 300, rng(seed * 104729 + 3));
}

/**
 * A key id that encodes `account` the way AWS does since 2019 (see keyIdAccount in src/knowledge/aws-keys.ts):
 * the first 48 bits after the prefix hold the account shifted left by 7, then random bits.
 */
export function fakeKeyIdForAccount(account: string, seed: number, prefix = "AKIA"): string {
  const next = rng(seed * 31 + 5);
  const low7 = BigInt(Math.floor(next() * 128));
  const first48 = (BigInt(account) << 7n) | low7;
  const bits50 = (first48 << 2n) | BigInt(Math.floor(next() * 4));
  let head = "";
  for (let i = 9; i >= 0; i--) head += B32.charAt(Number((bits50 >> BigInt(i * 5)) & 31n));
  return prefix + head + pick(B32, 6, next);
}
