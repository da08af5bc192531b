/**
 * The ESLint plugin through typescript-eslint's RuleTester, on both parsers a user configures: ESLint's
 * default parser (espree) for JS and `@typescript-eslint/parser` for TS.
 */
import { RuleTester } from "@typescript-eslint/rule-tester";
import tsParser from "@typescript-eslint/parser";
import { afterAll, describe, expect, it } from "vitest";
import plugin, { configs, rules } from "../../src/eslint/plugin.js";
import { rules as credlintRules } from "../../rules/index.js";
import { docsUrl } from "../../src/model/rule.js";

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const V3_ENV = `import { S3Client } from "@aws-sdk/client-s3";
export const s3 = new S3Client({ credentials: { accessKeyId: process.env.K, secretAccessKey: process.env.S } });
`;
const STATIC_MESSAGE =
  "`new S3Client(…)` is given static credentials (values read from process.env.K, process.env.S) with the AWS SDK for JavaScript v3, which bypasses the default provider chain: the keys are long-lived and override the role the code runs with. Drop `credentials` and let the default provider chain find credentials (environment, SSO or assume-role profile, or the instance/container role).";

const staticRule = rules["static-credentials-in-code"];
const regionRule = rules["invalid-region"];
if (!staticRule || !regionRule) throw new Error("plugin rules missing");

describe("with ESLint's default parser (JS)", () => {
  const tester = new RuleTester();
  tester.run("static-credentials-in-code", staticRule, {
    valid: [{ code: `const { S3Client } = require("@aws-sdk/client-s3");\nmodule.exports = new S3Client({});\n`, filename: "src/s3.js" }],
    invalid: [
      {
        code: V3_ENV,
        filename: "src/s3.mjs",
        errors: [{ messageId: "awsStatic", data: { message: STATIC_MESSAGE }, line: 2, column: 34, endLine: 2, endColumn: 45 }],
      },
    ],
  });
  tester.run("invalid-region", regionRule, {
    valid: [{ code: `import { S3Client } from "@aws-sdk/client-s3";\nnew S3Client({ region: "eu-west-1" });\n`, filename: "a.js" }],
    invalid: [
      {
        code: `import { S3Client } from "@aws-sdk/client-s3";\nnew S3Client({ region: "eu-west-1b" });\n`,
        filename: "a.js",
        // credlint's safe fix (an availability zone names its region) is ESLint's fix.
        output: `import { S3Client } from "@aws-sdk/client-s3";\nnew S3Client({ region: "eu-west-1" });\n`,
        errors: [{ messageId: "invalid", line: 2, column: 25, endLine: 2, endColumn: 35 }],
      },
    ],
  });
});

describe("with @typescript-eslint/parser (TS)", () => {
  const tester = new RuleTester({ languageOptions: { parser: tsParser } });
  tester.run("static-credentials-in-code", staticRule, {
    valid: [{ code: `import { S3Client } from "@aws-sdk/client-s3";\nexport const s3: S3Client = new S3Client({ region: "us-east-1" } as const);\n`, filename: "src/s3.ts" }],
    invalid: [
      {
        code: V3_ENV.replace("process.env.S }", "process.env.S! }"),
        filename: "src/s3.ts",
        errors: [{ messageId: "awsStatic", line: 2, column: 34, endLine: 2, endColumn: 45 }],
      },
    ],
  });
});

describe("plugin shape", () => {
  it("has meta, every rule, and a recommended flat config at credlint's severities", () => {
    expect(plugin.meta).toEqual({ name: "credlint", version: expect.any(String) as string, namespace: "credlint" });
    // Every rule, and the disable-directive diagnostic (a misspelt id in a directive shows in the editor too).
    // parse-error reports what credlint's own readers cannot read, for the files of the credlint languages.
    expect(Object.keys(rules)).toEqual([...credlintRules.map((r) => r.meta.id), "disable-directive", "parse-error"]);
    expect(configs.recommended.rules["credlint/parse-error"]).toBeUndefined();
    expect(configs.recommended.rules["credlint/disable-directive"]).toBe("error");
    for (const r of credlintRules) {
      expect(configs.recommended.rules[`credlint/${r.meta.id}`]).toBe(r.meta.severity === "error" ? "error" : "warn");
      expect(rules[r.meta.id]?.meta.docs?.url).toBe(docsUrl(r.meta.id));
      expect(docsUrl(r.meta.id)).toMatch(new RegExp(`docs/rules/${r.meta.id}\\.md$`));
    }
    expect(configs.recommended.plugins.credlint).toBe(plugin);
  });
});

describe("languages and the all-files config", () => {
  it("provides a language per kind of file and wires each to its files, after the JS/TS config", () => {
    expect(Object.keys(plugin.languages)).toEqual(["aws-ini", "dotenv", "yaml", "text"]);
    const all = configs["all-files"];
    expect(all[0]).toBe(configs.recommended);
    const byLanguage = Object.fromEntries(all.slice(1).map((c) => [(c as unknown as { language: string }).language, c as unknown as { files: string[]; rules: Record<string, string> }]));
    expect(Object.keys(byLanguage)).toEqual(["credlint/aws-ini", "credlint/dotenv", "credlint/yaml", "credlint/text"]);
    expect(byLanguage["credlint/aws-ini"]?.files).toContain("**/.aws/config");
    expect(byLanguage["credlint/dotenv"]?.files).toEqual(expect.arrayContaining(["**/.env", "**/.env.*", "**/.envrc"]));
    expect(byLanguage["credlint/yaml"]?.files).toEqual(expect.arrayContaining(["**/.github/workflows/*.{yml,yaml}", "**/.gitlab-ci.yml"]));
    for (const c of Object.values(byLanguage)) expect(c.rules["credlint/parse-error"]).toBe("error");
  });

  it("parses any text into one Program node spanning the file", () => {
    const lang = plugin.languages["aws-ini"];
    const parsed = lang.parse({ path: "x/.aws/config", body: "[default]\r\nregion = us-east-1\r\n" });
    expect(parsed.ast).toEqual({ type: "Program", range: [0, 31], loc: { start: { line: 1, column: 0 }, end: { line: 3, column: 0 } }, language: "aws-ini" });
    const code = lang.createSourceCode({ path: "x/.aws/config", body: "[default]\n" }, parsed);
    expect([...code.traverse()].map((s) => s.phase)).toEqual([1, 2]);
    expect(() => lang.validateLanguageOptions({ foo: 1 })).toThrow("credlint/aws-ini takes no language options (got foo).");
  });
});
