/** A config pattern RE2 rejects is an error that names it, without printing the secret it may hold. */
import { describe, expect, it } from "vitest";
import { checkPattern } from "../../src/lint/lint.js";
import { getEngine } from "../../src/secrets/regex.js";

describe("config pattern errors", () => {
  it("redact the pattern RE2 quotes, with either engine", () => {
    const token = "ghp_FY4HEGlVcce9wJ4j92n1YcdgVcXxj8XhmlIr";
    expect(getEngine("re2js").compile.bind(getEngine("re2js"), `(${token}`)).toThrow(token);
    const message = checkPattern(`(${token}`) ?? "";
    expect(message).toMatch(/missing/);
    expect(message).not.toContain(token.slice(0, 10));
    expect(checkPattern("acme_(?=x)")).toContain("(?=");
  });
});
