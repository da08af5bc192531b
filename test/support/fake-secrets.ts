/**
 * Fake secrets of every format the detectors know, seeded and random-looking, never real: for the secret
 * rules' tests and the detector matrix. AWS keys come from fake-keys.ts.
 */
export { fakeKeyId, fakeSecret, fakeSessionToken } from "./fake-keys.js";
import { pick, rng as seededRng } from "./fake-keys.js";

/** The shared seeded generator, with the seed scrambled so these never coincide with fake-keys' values. */
function rng(seed: number): () => number {
  return seededRng((seed * 2654435761) >>> 0);
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** 88-character Azure storage / Cosmos DB account key (64 bytes of base64). */
export function fakeAzureAccountKey(seed: number): string {
  return `${pick(B64, 86, rng(seed + 11))}==`;
}

/** 44-character Service Bus / Event Hubs shared access key (32 bytes). */
export function fakeSharedAccessKey(seed: number): string {
  return `${pick(B64, 43, rng(seed + 13))}=`;
}

/** A SAS `sig=` value, URL-encoded as the portal writes it. */
export function fakeSasSignature(seed: number): string {
  return `${pick(ALNUM, 43, rng(seed + 17))}%3D`;
}

/** An Entra client secret of the current `xxx0Q~…` shape (40 characters). */
export function fakeEntraSecret(seed: number): string {
  const next = rng(seed + 19);
  return `${pick(ALNUM, 3, next)}${Math.floor(next() * 10)}Q~${pick(`${ALNUM}_~.-`, 34, next)}`;
}

export function fakeGcpApiKey(seed: number): string {
  return `AIza${pick(B64URL, 35, rng(seed + 23))}`;
}

export function fakeGcpClientSecret(seed: number): string {
  return `GOCSPX-${pick(B64URL, 28, rng(seed + 29))}`;
}

export function fakeGcpAccessToken(seed: number): string {
  return `ya29.a0${pick(B64URL, 120, rng(seed + 31))}`;
}

export function fakeGithubToken(seed: number): string {
  return `ghp_${pick(ALNUM, 36, rng(seed + 37))}`;
}

/** A random-looking password with letters, digits and punctuation. */
export function fakePassword(seed: number, length = 16): string {
  return pick(`${ALNUM}!#%*+-.@^_`, length, rng(seed + 41));
}

/** A PEM private key block with a random body; `escaped` joins lines with `\n` as JSON strings do. */
export function fakePrivateKeyPem(seed: number, type = "RSA ", escaped = false): string {
  const next = rng(seed + 43);
  const lines = [`-----BEGIN ${type}PRIVATE KEY-----`];
  // DER starts with a SEQUENCE (`MII…` in base64); OpenSSH keys with the base64 of `openssh-key-v1`.
  const head = type === "OPENSSH " ? "b3BlbnNzaC1rZXktdjEAAAAA" : "MIIE";
  for (let i = 0; i < 8; i++) lines.push(i === 0 ? head + pick(B64, 64 - head.length, next) : pick(B64, 64, next));
  lines.push(`${pick(B64, 20, next)}==`, `-----END ${type}PRIVATE KEY-----`);
  return escaped ? `${lines.join("\\n")}\\n` : lines.join("\n");
}

/** A service-account key JSON, as the console downloads it. */
export function fakeServiceAccountJson(seed: number, project = "acme-prod"): string {
  const next = rng(seed + 47);
  return JSON.stringify(
    {
      type: "service_account",
      project_id: project,
      private_key_id: pick("0123456789abcdef", 40, next),
      private_key: `${fakePrivateKeyPem(seed, "").split("\n").join("\n")}\n`,
      client_email: `deployer@${project}.iam.gserviceaccount.com`,
      client_id: pick("0123456789", 21, next),
      auth_uri: "https://accounts.google.com/o/oauth2/auth",
      token_uri: "https://oauth2.googleapis.com/token",
      auth_provider_x509_cert_url: "https://www.googleapis.com/oauth2/v1/certs",
      client_x509_cert_url: `https://www.googleapis.com/robot/v1/metadata/x509/deployer%40${project}.iam.gserviceaccount.com`,
      universe_domain: "googleapis.com",
    },
    null,
    2,
  );
}
