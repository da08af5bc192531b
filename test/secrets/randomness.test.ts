/**
 * The word-likeness measure behind `looksRandom`: words, identifiers, type tokens and templates read as
 * many characters per token; keys and generated passwords as few.
 */
import { describe, expect, it } from "vitest";
import { looksRandom } from "../../src/secrets/entropy.js";
import { charsPerToken, isRandomLike, RANDOM_CHARS_PER_TOKEN } from "../../src/secrets/randomness.js";
import { fakeAzureAccountKey, fakeGithubToken, fakePassword, fakeSecret } from "../support/fake-secrets.js";
import { pick, rng } from "../support/fake-keys.js";

const WORDY = [
  "pulumi:providers:simple",
  "Access-Control-Allow-Credentials",
  "aws:s3/BucketWebsite:BucketWebsite",
  "cert-manager/cert-manager-webhook-ca",
  "db-password-xyz789",
  "openshift-credentials:password",
  "etcd-cluster-k8s",
  "RaNd0m70K3n_",
  "Th3P@ssw0rd!",
  "getHTTPResponseHeaders",
  "my_service_account_token_name",
  "0012_alter_user_first_name_max_length",
];

describe("charsPerToken", () => {
  it("reads words, identifiers and type tokens as words", () => {
    for (const v of WORDY) expect(charsPerToken(v), v).toBeGreaterThanOrEqual(RANDOM_CHARS_PER_TOKEN);
    for (const v of WORDY) expect(isRandomLike(v), v).toBe(false);
  });

  it("reads keys and generated secrets of every alphabet as random", () => {
    const next = rng(4242);
    const samples = [
      ...Array.from({ length: 30 }, (_, i) => pick("0123456789abcdef", [32, 40, 64][i % 3] ?? 32, next)),
      ...Array.from({ length: 30 }, (_, i) => pick("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", [16, 24, 40][i % 3] ?? 16, next)),
      ...Array.from({ length: 20 }, (_, i) => fakePassword(500 + i, 16 + (i % 3) * 4)),
      ...Array.from({ length: 20 }, (_, i) => pick("abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)", 50, next) + String(i).slice(0, 0)),
      fakeSecret(7),
      fakeAzureAccountKey(8),
      fakeGithubToken(9).slice(4),
    ];
    for (const v of samples) expect(isRandomLike(v), v.slice(0, 4)).toBe(true);
  });

  it("ranks a random string below the same length of words", () => {
    expect(charsPerToken("x7Qp2LmZ9vKw4RtN")).toBeLessThan(charsPerToken("sixteenLetterWrd"));
  });
});

describe("looksRandom", () => {
  it("judges a template by its literal text", () => {
    expect(looksRandom("token-{name}")).toBe(false);
    expect(looksRandom("Bearer %s")).toBe(false);
    expect(looksRandom(":$(encode_url \"$REDIS_PASSWORD\")")).toBe(false);
    expect(looksRandom(`${pick("ABCDEFGHJKMNPQRSTVWXYZabcdefghjkmnpqrstvwxyz23456789", 24, rng(77))}-{region}`)).toBe(true);
  });

  it("never calls an ARN, a data path, a type token, an expression or an indirection random", () => {
    for (const v of [
      "arn:aws:lambda:eu-west-1:123456789012:function:seed-db",
      ".Values.auth.basicAuthUsers",
      "acme:index/widget:Widget",
      "[parameters('adminPassword')]",
      "file:/run/secrets/db_password",
      "registry_user:$2y$10$abcdefghijABCDEFGHIJ0123456789abcdefghijABCDEFGHIJ012",
    ]) {
      expect(looksRandom(v), v).toBe(false);
    }
  });
});
