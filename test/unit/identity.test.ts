/**
 * Finding.identity: what a baseline entry and a value-bound suppression key on. It must survive what
 * reformatting changes and must change with the value.
 */
import { describe, expect, it } from "vitest";
import { findingIdentity } from "../../src/model/redact.js";

describe("findingIdentity", () => {
  const setting = (linePrefix: string, text: string) => findingIdentity("invalid-region", "invalid", { linePrefix, text });

  it("ignores indentation, spacing, quotes, CRLF and a YAML list dash", () => {
    expect(setting("  AWS_REGION = ", "us-east1\r")).toBe(setting("AWS_REGION=", "us-east1"));
    const yaml = setting("AWS_REGION: ", "us-east1");
    expect(setting('  "AWS_REGION": ', '"us-east1"')).toBe(yaml);
    expect(setting("      - AWS_REGION: ", "'us-east1'")).toBe(yaml);
  });

  it("changes with the value, the key, the rule and the message", () => {
    const base = setting("AWS_REGION=", "us-east1");
    expect(setting("AWS_REGION=", "us-west1")).not.toBe(base);
    expect(setting("AWS_DEFAULT_REGION=", "us-east1")).not.toBe(base);
    expect(findingIdentity("region-mismatch", "invalid", { linePrefix: "AWS_REGION=", text: "us-east1" })).not.toBe(base);
    expect(findingIdentity("invalid-region", "fipsPseudo", { linePrefix: "AWS_REGION=", text: "us-east1" })).not.toBe(base);
  });

  it("is the secret alone for a secret rule: the same in a CRLF file, another for another value", () => {
    const pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----";
    expect(findingIdentity("hardcoded-private-key", "key", { secret: pem.replace(/\n/g, "\r\n") })).toBe(findingIdentity("hardcoded-private-key", "other", { secret: pem }));
    expect(findingIdentity("hardcoded-secret", "m", { secret: "abc" })).not.toBe(findingIdentity("hardcoded-secret", "m", { secret: "abd" }));
  });

  it("is a salted sha256: not the plain hash of the value", () => {
    const id = findingIdentity("hardcoded-secret", "m", { secret: "hunter2" });
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(id).not.toBe("f52fbd32b2b3b86ff88ef6c490628285f482af15ddcb29541f94bcf526a3f6c7");
  });
});
