import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseForESLint } from "@typescript-eslint/parser";
import { parse } from "@typescript-eslint/typescript-estree";
import { describe, expect, it } from "vitest";
import * as typescript from "typescript";
import { JS_TS_EXTENSIONS, mayHoldSdkCall, parseJsTs } from "../../src/formats/js-ts.js";
import { parseToEstree, VIEW_KEYS, type EstreeNode } from "../../src/formats/ts-estree.js";
import { plainCalls } from "../../src/model/sdk-call.js";
import { makeSourceFile } from "../../src/model/source.js";

/**
 * The reader reads two trees: its own ESTree view of TypeScript's syntax tree (src/formats/ts-estree.ts, the
 * CLI and the Action) and the program ESLint's parser hands it (the editor). Both must give the same calls,
 * settings and ranges, or the editor and the CLI would disagree.
 */
function viaEslintParser(filePath: string, text: string) {
  const program = parse(text, { range: true, loc: false, comment: false, jsx: !/\.[cm]?ts$/i.test(filePath), filePath });
  return plainCalls(parseJsTs(makeSourceFile(filePath, "js-ts", text), program).calls);
}

/** As the ESLint plugin reads it: the program and the parser's visitor keys (`sourceCode.visitorKeys`). */
function viaEslintKeys(filePath: string, text: string, keys?: Readonly<Record<string, readonly string[] | undefined>>) {
  const { ast, visitorKeys } = parseForESLint(text, { range: true, loc: true, tokens: true, comment: true, jsx: !/\.[cm]?ts$/i.test(filePath), filePath });
  return plainCalls(parseJsTs(makeSourceFile(filePath, "js-ts", text), ast, keys ?? visitorKeys).calls);
}

function viaOwnTree(filePath: string, text: string) {
  const doc = parseJsTs(makeSourceFile(filePath, "js-ts", text));
  expect(doc.error).toBeUndefined();
  return plainCalls(doc.calls);
}

const TRICKY = `import S3, { S3Client as Client, "GetObjectCommand" as Get } from "@aws-sdk/client-s3";
import type { AwsCredentialIdentity } from "@aws-sdk/types";
import * as azure from "@azure/identity";
const { fromIni = () => null, ...rest } = require("@aws-sdk/credential-providers");
const [first] = [1];
interface Opts { region: string }
type Alias = Opts;
const base = { region: "eu-west-1", "endpoint": \`http://localhost:4566\`, [dynamicKey]: 1, 42: "x" } as const;
@Injectable()
class Store<T extends object = object> {
  client = new Client({ ...base, credentials: { accessKeyId: this.id!, secretAccessKey: (<string>secret) } });
  private readonly other = new S3({ region: process.env["AWS_REGION"] ?? "us-east-1", get endpoint() { return "x"; }, async retry(n: number) { return n; } });
  method() { return new azure.ClientSecretCredential(tenant, "client-id", process.env.SECRET satisfies string); }
}
if (cond) {
  new Client({ region: \`us-\${zone}\` });
} else {
  new Client({ region: (("eu-central-1")) });
}
const lazy = async () => (await import("@aws-sdk/client-sqs")).SQSClient;
export default function handler(event: { a?: { b: string } }) {
  return new Client({ region: event.a?.b, maxAttempts: 3, useFipsEndpoint: false, logger: null, tls: /x/u, n: 10n });
}
`;

function jsTsFixtures(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...jsTsFixtures(p));
    else if (JS_TS_EXTENSIONS.test(name)) out.push(p);
  }
  return out.sort();
}

describe("the reader's own ESTree view of TypeScript's tree", () => {
  it("gives the calls, settings and ranges ESLint's parser gives, on tricky syntax", () => {
    for (const file of ["tricky.ts", "tricky.mts"]) {
      const own = viaOwnTree(file, TRICKY);
      expect(own.length).toBe(5);
      expect(own).toEqual(viaEslintParser(file, TRICKY));
    }
  });

  it("agrees on JSX in .jsx, .tsx and .js files", () => {
    const jsx = `const { S3Client } = require("@aws-sdk/client-s3");
export const App = ({ region }) => <Provider client={new S3Client({ region, credentials: { accessKeyId: "AKIA" + suffix } })}>{
  [1, 2].map((i) => <Item key={i} {...props} />)
}</Provider>;
`;
    for (const file of ["app.jsx", "app.tsx", "app.js"]) {
      const own = viaOwnTree(file, jsx);
      expect(own.map((c) => c.settings.map((s) => ("key" in s ? s.key.text : s)))).toEqual([["region", "credentials", "accessKeyId"]]);
      expect(own).toEqual(viaEslintParser(file, jsx));
    }
  });

  it("reports the calls in source order whichever tree it reads", () => {
    // typescript-estree puts an IfStatement's `alternate` before its `consequent`; the reader sorts.
    const summary = (calls: ReturnType<typeof viaOwnTree>) => calls.map((c) => `${c.display}@${c.range.start.line}`);
    const expected = ["S3Client@11", "azure.ClientSecretCredential@13", "S3Client@16", "S3Client@18", "S3Client@22"];
    expect(summary(viaOwnTree("a.ts", TRICKY))).toEqual(expected);
    expect(summary(viaEslintParser("a.ts", TRICKY))).toEqual(expected);
  });

  it("agrees with ESLint's parser on every JS/TS fixture", () => {
    const files = jsTsFixtures("fixtures").filter((f) => mayHoldSdkCall(readFileSync(f, "utf8")));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const text = readFileSync(f, "utf8");
      let program: unknown;
      try {
        program = parse(text, { range: true, jsx: !/\.[cm]?ts$/i.test(f), filePath: f });
      } catch {
        // A fixture that is deliberately broken: both must report a parse error.
        expect(parseJsTs(makeSourceFile(f, "js-ts", text)).error, f).toBeDefined();
        continue;
      }
      expect(plainCalls(parseJsTs(makeSourceFile(f, "js-ts", text)).calls), f).toEqual(plainCalls(parseJsTs(makeSourceFile(f, "js-ts", text), program).calls));
    }
  });

  it("reads ESLint's program through its parser's visitor keys to the same calls, on tricky syntax and every fixture", () => {
    expect(viaEslintKeys("tricky.ts", TRICKY)).toEqual(viaOwnTree("tricky.ts", TRICKY));
    const files = jsTsFixtures("fixtures").filter((f) => mayHoldSdkCall(readFileSync(f, "utf8")));
    let read = 0;
    for (const f of files) {
      const text = readFileSync(f, "utf8");
      let keyed: ReturnType<typeof viaEslintKeys>;
      try {
        keyed = viaEslintKeys(f, text);
      } catch {
        continue; // deliberately broken (the test above checks both trees report it)
      }
      expect(keyed, f).toEqual(viaOwnTree(f, text));
      read += keyed.length;
    }
    expect(read).toBeGreaterThan(20);
  });

  it("follows the visitor keys it is given, and reads every property of a type they do not name", () => {
    const text = `import { S3Client } from "@aws-sdk/client-s3";\nexport const get = wrap(new S3Client({ region: "eu-west-1" }));\n`;
    expect(viaEslintKeys("a.ts", text).map((c) => c.display)).toEqual(["S3Client"]);
    // Keys that leave out a call's arguments hide the client inside them: the keys are what is followed.
    const { visitorKeys } = parseForESLint(text, { range: true, filePath: "a.ts" });
    expect(viaEslintKeys("a.ts", text, { ...visitorKeys, CallExpression: ["callee"] })).toEqual([]);
    // No keys for any type: every property is looked at, as for the reader's own tree.
    expect(viaEslintKeys("a.ts", text, {}).map((c) => c.display)).toEqual(["S3Client"]);
  });

  it("names in VIEW_KEYS, in the view's order, every property of its nodes that holds a node", () => {
    const isNode = (v: unknown): v is EstreeNode => typeof v === "object" && v !== null && typeof (v as { type?: unknown }).type === "string";
    const seen = new Set<string>();
    const check = (node: EstreeNode, where: string): void => {
      seen.add(node.type);
      const holding = Object.keys(node).filter((k) => k !== "range" && (isNode(node[k]) || (Array.isArray(node[k]) && (node[k] as unknown[]).some(isNode))));
      const named = VIEW_KEYS[node.type];
      expect(named, `${node.type} in ${where}`).toBeDefined();
      // Every key holding a node is named, and in the order the view writes them (pre-order, as without keys).
      expect(holding, `${node.type} in ${where}`).toEqual((named ?? []).filter((k) => holding.includes(k)));
      for (const k of holding) {
        const v = node[k];
        for (const c of Array.isArray(v) ? v : [v]) if (isNode(c)) check(c, where);
      }
    };
    const files = [...jsTsFixtures("fixtures"), ...jsTsFixtures("src")];
    for (const f of files) {
      let program: EstreeNode;
      try {
        program = parseToEstree(typescript, f, readFileSync(f, "utf8"));
      } catch {
        continue;
      }
      check(program, f);
    }
    check(parseToEstree(typescript, "tricky.ts", TRICKY), "TRICKY");
    // The shapes the reader reads all occur in these files.
    for (const t of ["ImportDeclaration", "ImportSpecifier", "CallExpression", "NewExpression", "MemberExpression", "Property", "SpreadElement", "TemplateLiteral", "VariableDeclarator", "ObjectPattern", "FunctionExpression", "Node"]) expect(seen, t).toContain(t);
  });

  it("reports TypeScript's first syntax error with its line", () => {
    const doc = parseJsTs(makeSourceFile("a.ts", "js-ts", `import { S3Client } from "@aws-sdk/client-s3";\nconst a = 1;\nnew S3Client({ region: "x" ;\n`));
    expect(doc.calls).toEqual([]);
    expect(doc.error).toEqual({ message: "',' expected.", line: 3 });
  });
});
