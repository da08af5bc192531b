import { describe, expect, it } from "vitest";
import { parseDockerfile } from "../../src/formats/dockerfile.js";
import { effectiveVars } from "../../src/model/env.js";
import type { EnvContext } from "../../src/model/env.js";
import type { Setting } from "../../src/model/setting.js";
import type { Range } from "../../src/model/source.js";
import { makeSourceFile, sliceRange } from "../../src/model/source.js";
import { fakeKeyId, fakeSecret, rng } from "../support/fake-keys.js";

function range(line: number, column: number, endLine: number, endColumn: number): Range {
  return { start: { line, column }, end: { line: endLine, column: endColumn } };
}

function parse(text: string): ReturnType<typeof parseDockerfile> {
  return parseDockerfile(makeSourceFile("Dockerfile", "dockerfile", text));
}

/** `[key, value or kind, style]` of each setting. */
function summary(settings: readonly Setting[]): [string, string, string | undefined][] {
  return settings.map((s) => [
    s.key.text,
    s.value.kind === "literal" ? s.value.value : s.value.kind === "reference" ? `ref:${s.value.target}` : "dynamic",
    s.style,
  ]);
}

function find(settings: readonly Setting[], key: string): Setting {
  const found = settings.find((s) => s.key.text === key);
  if (!found) throw new Error(`no setting ${key}`);
  return found;
}

const KEY_ID = fakeKeyId(31);
const SECRET = fakeSecret(31);

const MULTI_STAGE = [
  "# syntax=docker/dockerfile:1", // 1
  "ARG NODE_VERSION=20", // 2
  "", // 3
  "FROM node:${NODE_VERSION}-alpine AS build", // 4
  "ARG NPM_TOKEN", // 5
  "ENV AWS_REGION=eu-west-1 \\", // 6
  '    AWS_DEFAULT_REGION="eu-west-1" APP_HOME=$HOME/app', // 7
  "WORKDIR /app", // 8
  "RUN --mount=type=secret,id=aws \\", // 9
  "    # credentials come from the secret mount", // 10
  "    aws s3 cp s3://orders-artifacts/deps.tgz . --profile build \\", // 11
  " && tar xzf deps.tgz", // 12
  "", // 13
  "FROM build AS test", // 14
  `ENV AWS_ACCESS_KEY_ID=${KEY_ID} AWS_SECRET_ACCESS_KEY=${SECRET}`, // 15
  'RUN ["npm", "test"]', // 16
  "", // 17
  "FROM node:20-alpine", // 18
  "ENV LEGACY_REGION us-west-2", // 19
  "COPY --from=build /app /app", // 20
  "CMD aws s3 sync /app/public s3://orders-site --region=us-west-2", // 21
  "",
].join("\n");

describe("parseDockerfile: a multi-stage Dockerfile", () => {
  const file = makeSourceFile("services/orders/Dockerfile", "dockerfile", MULTI_STAGE);
  const { contexts, settings, errors } = parseDockerfile(file);
  const ctx = (where: string): EnvContext => {
    const found = contexts.find((c) => c.where === where);
    if (!found) throw new Error(`no context ${where} in ${contexts.map((c) => c.where).join(", ")}`);
    return found;
  };

  it("has one context per stage, after the global args, with stage parents", () => {
    expect(errors).toEqual([]);
    expect(contexts.map((c) => c.where)).toEqual([
      "global args of services/orders/Dockerfile",
      "stage build of services/orders/Dockerfile",
      "stage test of services/orders/Dockerfile",
      "stage 2 of services/orders/Dockerfile",
    ]);
    expect(ctx("stage test of services/orders/Dockerfile").parent).toBe(ctx("stage build of services/orders/Dockerfile"));
    expect(ctx("stage 2 of services/orders/Dockerfile").parent).toBeUndefined();
    expect(ctx("stage build of services/orders/Dockerfile").anchor.start).toEqual({ line: 4, column: 1 });
    for (const c of contexts) expect(c).toMatchObject({ kind: "env", syntax: "dockerfile", live: true });
  });

  it("reads ENV, ARG and RUN flags in file order", () => {
    expect(summary(settings)).toEqual([
      ["NODE_VERSION", "20", "unquoted"],
      ["NPM_TOKEN", "dynamic", "unquoted"],
      ["AWS_REGION", "eu-west-1", "unquoted"],
      ["AWS_DEFAULT_REGION", "eu-west-1", "double"],
      ["APP_HOME", "dynamic", "unquoted"],
      ["--profile", "build", "unquoted"],
      ["AWS_ACCESS_KEY_ID", KEY_ID, "unquoted"],
      ["AWS_SECRET_ACCESS_KEY", SECRET, "unquoted"],
      ["LEGACY_REGION", "us-west-2", "unquoted"],
      ["--region", "us-west-2", "unquoted"],
    ]);
    expect(ctx("stage build of services/orders/Dockerfile").own.map((s) => s.key.text)).toEqual([
      "NPM_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION", "APP_HOME", "--profile",
    ]);
    expect(settings.every((s) => contexts.some((c) => c.own.includes(s) && c.where === s.where))).toBe(true);
  });

  it("gives exact ranges, across continuation lines too", () => {
    expect(find(settings, "NODE_VERSION").key.range).toEqual(range(2, 5, 2, 17));
    expect(find(settings, "NODE_VERSION").value.range).toEqual(range(2, 18, 2, 20));
    expect(find(settings, "NPM_TOKEN").value).toEqual({ kind: "dynamic", raw: "", range: range(5, 14, 5, 14) });
    expect(find(settings, "AWS_REGION").value.range).toEqual(range(6, 16, 6, 25));
    const defaultRegion = find(settings, "AWS_DEFAULT_REGION");
    expect(defaultRegion.key.range).toEqual(range(7, 5, 7, 23));
    expect(defaultRegion.value).toEqual({ kind: "literal", value: "eu-west-1", raw: '"eu-west-1"', range: range(7, 24, 7, 35) });
    expect(find(settings, "APP_HOME").key.range).toEqual(range(7, 36, 7, 44));
    expect(find(settings, "--profile").key.range).toEqual(range(11, 48, 11, 57));
    expect(find(settings, "--profile").value.range).toEqual(range(11, 58, 11, 63));
    const secret = find(settings, "AWS_SECRET_ACCESS_KEY");
    expect(secret.key.range).toEqual(range(15, 44, 15, 65));
    expect(secret.value.range).toEqual(range(15, 66, 15, 106));
    expect(secret.range).toEqual(range(15, 44, 15, 106));
    expect(find(settings, "LEGACY_REGION").value.range).toEqual(range(19, 19, 19, 28));
    expect(find(settings, "--region").value.range).toEqual(range(21, 55, 21, 64));
    for (const s of settings) {
      expect(sliceRange(file, s.key.range)).toBe(s.key.text);
      expect(sliceRange(file, s.value.range)).toBe(s.value.raw);
    }
  });

  it("records RUN and CMD commands, exec form included", () => {
    expect(ctx("stage build of services/orders/Dockerfile").commands).toEqual([
      { text: "aws s3 cp s3://orders-artifacts/deps.tgz . --profile build  && tar xzf deps.tgz", range: range(11, 5, 12, 21) },
    ]);
    expect(ctx("stage test of services/orders/Dockerfile").commands).toEqual([{ text: "npm test", range: range(16, 5, 16, 20) }]);
    expect(ctx("stage 2 of services/orders/Dockerfile").commands.map((c) => c.text)).toEqual([
      "aws s3 sync /app/public s3://orders-site --region=us-west-2",
    ]);
  });

  it("lets a stage inherit its parent's ENV", () => {
    const vars = effectiveVars(ctx("stage test of services/orders/Dockerfile"));
    expect([...vars.keys()]).toEqual(expect.arrayContaining(["AWS_REGION", "AWS_ACCESS_KEY_ID"]));
  });
});

describe("parseDockerfile: ENV and ARG values", () => {
  it("removes quotes and escapes as BuildKit does, `$(…)` staying literal", () => {
    const { settings } = parse('FROM a\nENV A="x \\"y\\" \\n" B=\'$HOME\' C=un\\ quoted D=$(cmd) E="" F=${G:-x}\n');
    expect(summary(settings)).toEqual([
      ["A", 'x "y" \\n', "double"],
      ["B", "$HOME", "single"],
      ["C", "un quoted", "unquoted"],
      ["D", "$(cmd)", "unquoted"],
      ["E", "", "double"],
      ["F", "ref:G", "unquoted"],
    ]);
  });

  it("reads the legacy `ENV key value` form and several ARGs", () => {
    const { settings, errors } = parse("ARG A=1 B\nFROM x\nENV GREETING hello  big world\n");
    expect(errors).toEqual([]);
    expect(summary(settings)).toEqual([
      ["A", "1", "unquoted"],
      ["B", "dynamic", "unquoted"],
      ["GREETING", "hello  big world", "unquoted"],
    ]);
  });

  it("honours `# escape=`` ` for continuations and escapes", () => {
    const { settings } = parse('# escape=`\nFROM mcr.microsoft.com/windows/servercore\nENV A=C:\\tools `\n    B="x`"y"\n');
    expect(summary(settings)).toEqual([
      ["A", "C:\\tools", "unquoted"],
      ["B", 'x"y', "double"],
    ]);
    expect(find(settings, "B").value.range).toEqual(range(4, 7, 4, 13));
  });

  it("reads instructions in any case and keeps going after a blank or comment line in a continuation", () => {
    const { settings } = parse("from alpine\nenv A=1 \\\n\n  # note\n  B=2\n");
    expect(summary(settings)).toEqual([
      ["A", "1", "unquoted"],
      ["B", "2", "unquoted"],
    ]);
    expect(find(settings, "B").key.range).toEqual(range(5, 3, 5, 4));
  });
});

describe("parseDockerfile: RUN scripts", () => {
  it("runs a `RUN <<EOF` here-document as the script, and skips other bodies", () => {
    const { contexts, settings } = parse([
      "FROM alpine",
      "RUN <<EOF",
      "export AWS_PROFILE=build",
      "aws s3 ls --region eu-west-1",
      "EOF",
      "RUN cat > /etc/app.conf <<-CONF",
      "\tENV NOT=instruction",
      "\tCONF",
      "ENV AFTER=1",
    ].join("\n"));
    expect(summary(settings)).toEqual([
      ["AWS_PROFILE", "build", "unquoted"],
      ["--region", "eu-west-1", "unquoted"],
      ["AFTER", "1", "unquoted"],
    ]);
    expect(find(settings, "--region").key.range).toEqual(range(4, 11, 4, 19));
    expect(contexts[0]?.commands.map((c) => c.text)).toEqual(["aws s3 ls --region eu-west-1", "cat > /etc/app.conf <<-CONF"]);
  });

  it("does not read RUN as POSIX shell after SHELL switches to PowerShell", () => {
    const { contexts, settings } = parse('FROM windows\nSHELL ["powershell", "-Command"]\nRUN $env:AWS_PROFILE="x"; aws s3 ls --profile x\n');
    expect(settings).toEqual([]);
    expect(contexts[0]?.commands.map((c) => c.text)).toEqual(['$env:AWS_PROFILE="x"; aws s3 ls --profile x']);
  });
});

describe("parseDockerfile: errors", () => {
  it("reports what makes BuildKit fail, and still reads the rest", () => {
    const { settings, errors } = parse([
      "ENV EARLY=1",
      "FROM alpine",
      "ENV A=1 # comment",
      "ENV LONELY",
      "ENV Q='open",
      "FOO bar",
      "RUN cat <<EOF",
      "never closed",
    ].join("\n"));
    expect(errors).toEqual([
      { line: 1, message: "ENV before the first FROM" },
      { line: 3, message: 'can\'t find = in "#"; ENV needs name=value' },
      { line: 3, message: 'can\'t find = in "comment"; ENV needs name=value' },
      { line: 4, message: "ENV must have two arguments" },
      { line: 5, message: "unexpected end of statement while looking for matching single-quote" },
      { line: 6, message: "unknown instruction: FOO" },
      { line: 7, message: "unterminated here-document EOF" },
    ]);
    expect(settings.map((s) => s.key.text)).toEqual(["EARLY", "A", "LONELY", "Q"]);
  });
});

describe("parseDockerfile: malformed input", () => {
  it("handles an empty file", () => {
    expect(parse("")).toEqual({ contexts: [], settings: [], errors: [] });
  });

  it("never throws on random text and keeps ranges exact", () => {
    const next = rng(55);
    const words = ["FROM x\n", "ENV ", "ARG ", "RUN ", "A=", "B ", "'", '"', "\\", "\\\n", "`", "$", "{", "}", "#", " ", "\n", "\r", "<<EOF", "EOF\n", "aws --profile p ", "\u0000", "é"];
    for (let n = 0; n < 300; n++) {
      let text = "";
      const len = Math.floor(next() * 40);
      for (let i = 0; i < len; i++) text += words[Math.floor(next() * words.length)];
      const file = makeSourceFile("Dockerfile", "dockerfile", text);
      const { settings } = parseDockerfile(file);
      for (const s of settings) {
        expect(sliceRange(file, s.key.range), JSON.stringify(text)).toBe(s.key.text);
        expect(sliceRange(file, s.value.range), JSON.stringify(text)).toBe(s.value.raw);
      }
    }
  });

  it("never throws on random UTF-16 code units", () => {
    const next = rng(9);
    for (let n = 0; n < 50; n++) {
      const text = "FROM x\nENV " + String.fromCharCode(...Array.from({ length: 200 }, () => Math.floor(next() * 0x10000)));
      expect(() => parse(text)).not.toThrow();
    }
  });

  it("reads 100 000-character lines, NUL and lone CR", () => {
    const long = "v".repeat(100_000);
    expect(summary(parse(`FROM x\nENV A=${long}\n`).settings)).toEqual([["A", long, "unquoted"]]);
    expect(() => parse(`FROM x\nENV A="${"$".repeat(100_000)}`)).not.toThrow();
    expect(() => parse(`FROM x\nRUN ${"$(".repeat(50_000)}`)).not.toThrow();
    expect(() => parse("\\\n".repeat(50_000))).not.toThrow();
    const started = Date.now();
    parse(`FROM x\nRUN ${"--flag=1 ".repeat(30_000)}aws s3 ls`);
    parse(`FROM x\nENV ${"A=1 \\\n".repeat(30_000)}`);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(summary(parse("FROM x\nENV A=a\u0000b\n").settings)).toEqual([["A", "a\u0000b", "unquoted"]]);
    // A lone CR is not a line break for BuildKit's scanner (it only splits at LF) but is whitespace in ENV words.
    expect(summary(parse("FROM x\nENV A=1\rB=2\n").settings)).toEqual([
      ["A", "1", "unquoted"],
      ["B", "2", "unquoted"],
    ]);
  });
});

describe("parseDockerfile: templates", () => {
  // A cookiecutter-style Dockerfile: the tag lines vanish when it is rendered; the lines between them stay.
  const TEMPLATED = [
    "FROM {{ cookiecutter.base_image }}", // 1
    "{% if cookiecutter.use_aws == 'y' %}", // 2
    "ENV AWS_REGION=eu-west-1 \\", // 3
    "{%- if cookiecutter.debug %}", // 4
    "    LOG_LEVEL=debug \\", // 5
    "{%- endif %}", // 6
    "    APP=orders", // 7
    "{% endif %}", // 8
    "{# the entrypoint is shared #}", // 9
    'CMD ["python", "-m", "orders"]', // 10
    "",
  ].join("\n");

  it("reads the lines between template-only lines where they stand, and reports no error for the tags", () => {
    const file = makeSourceFile("{{cookiecutter.slug}}/Dockerfile", "dockerfile", TEMPLATED);
    const { settings, errors } = parseDockerfile(file);
    expect(errors).toEqual([]);
    expect(summary(settings)).toEqual([
      ["AWS_REGION", "eu-west-1", "unquoted"],
      ["LOG_LEVEL", "debug", "unquoted"],
      ["APP", "orders", "unquoted"],
    ]);
    expect(find(settings, "AWS_REGION").value.range).toEqual(range(3, 16, 3, 25));
    expect(find(settings, "LOG_LEVEL").key.range).toEqual(range(5, 5, 5, 14));
    expect(find(settings, "APP").value.range).toEqual(range(7, 9, 7, 15));
  });

  it("still reports what is broken outside the tags", () => {
    expect(parse("FROM alpine\n{% if x %}\nCOPPY . /app\n{% endif %}\n").errors).toEqual([{ line: 3, message: "unknown instruction: COPPY" }]);
  });
});
