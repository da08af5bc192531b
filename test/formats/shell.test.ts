import { describe, expect, it } from "vitest";
import { parseShellFile, readShellLines, scriptLinesOf, shellAssignments, type ScriptLine } from "../../src/formats/shell.js";
import type { ReferenceSyntax } from "../../src/knowledge/references.js";
import type { EnvCommand } from "../../src/model/env.js";
import type { Setting } from "../../src/model/setting.js";
import type { Range, SourceFile } from "../../src/model/source.js";
import { makeSourceFile, sliceRange } from "../../src/model/source.js";
import { fakeKeyId, fakeSecret, rng } from "../support/fake-keys.js";

function range(line: number, column: number, endLine: number, endColumn: number): Range {
  return { start: { line, column }, end: { line: endLine, column: endColumn } };
}

function read(text: string, references: ReferenceSyntax = "shell"): { own: Setting[]; commands: EnvCommand[]; file: SourceFile } {
  const file = makeSourceFile("script.sh", "shell", text);
  return { ...readShellLines(file, scriptLinesOf(file), { where: "script.sh", references }), file };
}

/** `[key, value or kind, style]` of each setting. */
function summary(own: readonly Setting[]): [string, string, string | undefined][] {
  return own.map((s) => [
    s.key.text,
    s.value.kind === "literal" ? s.value.value : s.value.kind === "reference" ? `ref:${s.value.target}` : "dynamic",
    s.style,
  ]);
}

function only(own: readonly Setting[], key: string): Setting {
  const found = own.filter((s) => s.key.text === key);
  expect(found, key).toHaveLength(1);
  return found[0] as Setting;
}

const KEY_ID = fakeKeyId(21);

const DEPLOY = [
  "#!/usr/bin/env bash", // 1
  "# Deploys the orders service (fake credentials only).", // 2
  "set -euo pipefail", // 3
  "", // 4
  'export AWS_REGION="eu-west-1"', // 5
  `export AWS_ACCESS_KEY_ID=${KEY_ID}`, // 6
  "STAGE=${1:-staging}", // 7
  "PROFILE='orders-deploy'", // 8
  "", // 9
  'aws sts get-caller-identity --profile "$PROFILE"', // 10
  'AWS_PROFILE=orders-ci aws s3 sync ./dist "s3://orders-$STAGE" \\', // 11
  "  --region=us-east-1 --delete", // 12
  "VERSION=$(git rev-parse --short HEAD)", // 13
  "BUILD=`date +%s`", // 14
  'npx cdk deploy --profile "$PROFILE" --require-approval never && echo done', // 15
  "aws configure set region eu-west-1 --profile orders-new", // 16
  "cat > /tmp/notes <<EOF", // 17
  "export NOT_A_SETTING=1", // 18
  "aws s3 ls --profile in-heredoc", // 19
  "EOF", // 20
  "",
].join("\n");

describe("parseShellFile: a deploy script", () => {
  const file = makeSourceFile("scripts/deploy.sh", "shell", DEPLOY);
  const { env, settings } = parseShellFile(file);

  it("reads assignments and tool flags in script order, not the here-document", () => {
    expect(summary(settings)).toEqual([
      ["AWS_REGION", "eu-west-1", "double"],
      ["AWS_ACCESS_KEY_ID", KEY_ID, "unquoted"],
      ["STAGE", "dynamic", "unquoted"],
      ["PROFILE", "orders-deploy", "single"],
      ["--profile", "ref:PROFILE", "double"],
      ["AWS_PROFILE", "orders-ci", "unquoted"],
      ["--region", "us-east-1", "unquoted"],
      ["VERSION", "dynamic", "unquoted"],
      ["BUILD", "dynamic", "backtick"],
      ["--profile", "ref:PROFILE", "double"],
      ["--profile", "orders-new", "defines"],
    ]);
  });

  it("gives exact ranges", () => {
    const at = (i: number): Setting => settings[i] as Setting;
    expect(at(0).key.range).toEqual(range(5, 8, 5, 18));
    expect(at(0).value).toEqual({ kind: "literal", value: "eu-west-1", raw: '"eu-west-1"', range: range(5, 19, 5, 30) });
    expect(at(0).range).toEqual(range(5, 8, 5, 30));
    expect(at(1).value.range).toEqual(range(6, 26, 6, 46));
    expect(at(3).value.range).toEqual(range(8, 9, 8, 24));
    expect(at(4).key.range).toEqual(range(10, 29, 10, 38));
    expect(at(4).value).toEqual({ kind: "reference", target: "PROFILE", raw: '"$PROFILE"', range: range(10, 39, 10, 49) });
    expect(at(4).range).toEqual(range(10, 29, 10, 49));
    expect(at(6).key.range).toEqual(range(12, 3, 12, 11));
    expect(at(6).value.range).toEqual(range(12, 12, 12, 21));
    expect(at(7).value).toEqual({ kind: "dynamic", raw: "$(git rev-parse --short HEAD)", range: range(13, 9, 13, 38) });
    expect(at(9).key.range).toEqual(range(15, 16, 15, 25));
    expect(at(10).key.range).toEqual(range(16, 36, 16, 45));
    expect(at(10).value.range).toEqual(range(16, 46, 16, 56));
    for (const s of settings) {
      expect(sliceRange(file, s.key.range)).toBe(s.key.text);
      expect(sliceRange(file, s.value.range)).toBe(s.value.raw);
    }
  });

  it("tags syntax and provider", () => {
    for (const s of settings) expect(s.syntax).toBe(s.key.text.startsWith("--") ? "flag" : "env");
    expect(only(settings, "AWS_REGION").provider).toBe("aws");
    expect(only(settings, "STAGE").provider).toBe("generic");
    expect(settings.filter((s) => s.key.text === "--profile").every((s) => s.provider === "aws")).toBe(true);
    expect(settings.every((s) => s.where === "scripts/deploy.sh")).toBe(true);
  });

  it("records the command lines, continuation joined, assignments and here-document bodies excluded", () => {
    expect(env.commands).toEqual([
      { text: "set -euo pipefail", range: range(3, 1, 3, 18) },
      { text: 'aws sts get-caller-identity --profile "$PROFILE"', range: range(10, 1, 10, 49) },
      {
        text: 'AWS_PROFILE=orders-ci aws s3 sync ./dist "s3://orders-$STAGE"   --region=us-east-1 --delete',
        range: range(11, 1, 12, 30),
      },
      { text: "VERSION=$(git rev-parse --short HEAD)", range: range(13, 1, 13, 38) },
      { text: "BUILD=`date +%s`", range: range(14, 1, 14, 17) },
      { text: 'npx cdk deploy --profile "$PROFILE" --require-approval never && echo done', range: range(15, 1, 15, 74) },
      { text: "aws configure set region eu-west-1 --profile orders-new", range: range(16, 1, 16, 56) },
      { text: "cat > /tmp/notes <<EOF", range: range(17, 1, 17, 23) },
    ]);
  });

  it("builds the script's context", () => {
    expect(env).toMatchObject({ kind: "env", syntax: "shell", where: "scripts/deploy.sh", live: true });
    expect(env.anchor).toEqual(range(1, 1, 1, 1));
    expect(env.own).toBe(settings);
    expect(parseShellFile(makeSourceFile("test/fixtures/deploy.sh", "shell", "A=1\n")).env.live).toBe(false);
  });
});

describe("readShellLines: quoting and values", () => {
  it("removes quotes and escapes as the shell does", () => {
    const { own } = read([
      "A='lit $HOME'",
      'B="q \\"x\\" \\$y \\n"',
      "C=un\\ quoted",
      "D=\"a b\"c'd'",
      "E=$'tab\\there'",
      "F=",
      'G=""',
    ].join("\n"));
    expect(summary(own)).toEqual([
      ["A", "lit $HOME", "single"],
      ["B", 'q "x" $y \\n', "double"],
      ["C", "un quoted", "unquoted"],
      ["D", "a bcd", "double"],
      ["E", "tab\there", "single"],
      ["F", "", "unquoted"],
      ["G", "", "double"],
    ]);
    expect(only(own, "F").value.range).toEqual(range(6, 3, 6, 3));
  });

  it("classifies expansions: references, dynamic values", () => {
    const { own } = read([
      "A=$AWS_KEY",
      'B="${AWS_KEY:-fallback}"',
      "C=prefix-$X",
      "D=$(vault read -field=key secret/aws)",
      "E=`cat key.txt`",
      "F=(one two)",
      "G=$1",
      "H='$NOT_EXPANDED'",
      "I=$((1 + 2))",
    ].join("\n"));
    expect(summary(own).map(([k, v]) => [k, v])).toEqual([
      ["A", "ref:AWS_KEY"],
      ["B", "ref:AWS_KEY"],
      ["C", "dynamic"],
      ["D", "dynamic"],
      ["E", "dynamic"],
      ["F", "dynamic"],
      ["G", "dynamic"],
      ["H", "$NOT_EXPANDED"],
      ["I", "dynamic"],
    ]);
  });

  it("reads a quoted value across lines and a continued value", () => {
    const { own, file } = read('A="one\ntwo"\nB=abc\\\ndef\n');
    expect(only(own, "A").value).toMatchObject({ kind: "literal", value: "one\ntwo", range: range(1, 3, 2, 5) });
    expect(only(own, "B").value).toMatchObject({ kind: "literal", value: "abcdef", range: range(3, 3, 4, 4) });
    expect(sliceRange(file, only(own, "B").value.range)).toBe("abc\\\ndef");
  });

  it("keeps the CR of a CRLF script in the value, as bash does", () => {
    expect(summary(read("export AWS_REGION=us-east-1\r\n").own)).toEqual([["AWS_REGION", "us-east-1\r", "unquoted"]]);
  });
});

describe("readShellLines: assignments", () => {
  it("counts export/declare/local/readonly, prefix and `env` assignments, not arguments", () => {
    const { own, commands } = read([
      "declare -x A=1 B=2",
      "local C=3",
      "readonly D=4",
      "E=5 F=6",
      "G=7 make build",
      "env -u OLD H=8 aws s3 ls",
      "echo I=9",
      "A[0]=x J+=y",
      "export K",
    ].join("\n"));
    expect(own.map((s) => s.key.text)).toEqual(["A", "B", "C", "D", "E", "F", "G", "H"]);
    expect(commands.map((c) => c.text)).toEqual(["G=7 make build", "env -u OLD H=8 aws s3 ls", "echo I=9"]);
  });

  it("does not read assignments inside command substitutions or comments", () => {
    const { own } = read("X=$(A=1; echo $A) # B=2\n# C=3\n");
    expect(own.map((s) => s.key.text)).toEqual(["X"]);
  });
});

describe("readShellLines: AWS tool flags", () => {
  const flags = (text: string): [string, string, string | undefined][] =>
    summary(read(text).own.filter((s) => s.syntax === "flag"));

  it("finds flags after sudo, env, in pipelines and && / || / ; chains", () => {
    expect(flags("sudo -E -u deploy aws s3 ls --profile a")).toEqual([["--profile", "a", "unquoted"]]);
    expect(flags("env AWS_PAGER= aws s3 ls --region b")).toEqual([["--region", "b", "unquoted"]]);
    expect(flags("cat x | aws s3 cp - s3://b/k --profile c")).toEqual([["--profile", "c", "unquoted"]]);
    expect(flags("make && aws s3 ls --profile d || aws s3 ls --profile e; aws s3 ls --profile=f")).toEqual([
      ["--profile", "d", "unquoted"],
      ["--profile", "e", "unquoted"],
      ["--profile", "f", "unquoted"],
    ]);
    expect(flags("if aws sts get-caller-identity --profile g >/dev/null 2>&1; then echo ok; fi")).toEqual([
      ["--profile", "g", "unquoted"],
    ]);
    expect(flags("for p in dev prod; do aws s3 ls --profile $p; done")).toEqual([["--profile", "ref:p", "unquoted"]]);
    expect(flags("ROLE=$(aws sts assume-role --profile h --role-arn x)")).toEqual([["--profile", "h", "unquoted"]]);
    expect(flags("/usr/local/bin/aws s3 ls --region i")).toEqual([["--region", "i", "unquoted"]]);
  });

  it("reads cdk, sam and serverless flags with the key as written", () => {
    expect(flags("cdk deploy --profile p1 --region ignored")).toEqual([["--profile", "p1", "unquoted"]]);
    expect(flags("sam deploy --profile p2 --region r2")).toEqual([
      ["--profile", "p2", "unquoted"],
      ["--region", "r2", "unquoted"],
    ]);
    expect(flags("serverless deploy --aws-profile p3 --region r3")).toEqual([
      ["--aws-profile", "p3", "unquoted"],
      ["--region", "r3", "unquoted"],
    ]);
    expect(flags("npx sls deploy --aws-profile p4")).toEqual([["--aws-profile", "p4", "unquoted"]]);
  });

  it("reads the OIDC token that aws sts and az login exchange, with its cloud", () => {
    expect(flags('aws sts assume-role-with-web-identity --role-arn "$ROLE" --web-identity-token "$ID_TOKEN"')).toEqual([
      ["--web-identity-token", "ref:ID_TOKEN", "double"],
    ]);
    expect(flags("az login --service-principal -u $AZURE_CLIENT_ID -t $AZURE_TENANT_ID --federated-token=${TOKEN}")).toEqual([
      ["--federated-token", "ref:TOKEN", "unquoted"],
    ]);
    expect(read("az login --federated-token $T").own.map((s) => s.provider)).toEqual(["azure"]);
  });

  it("marks the profiles `aws configure` creates", () => {
    expect(flags("aws configure --profile new1")).toEqual([["--profile", "new1", "defines"]]);
    expect(flags("aws configure set aws_access_key_id x --profile new2")).toEqual([["--profile", "new2", "defines"]]);
    expect(flags("aws --profile new3 configure set region us-east-1")).toEqual([["--profile", "new3", "defines"]]);
    expect(flags("aws configure sso --profile new4")).toEqual([["--profile", "new4", "defines"]]);
    expect(flags("aws configure get region --profile used1")).toEqual([["--profile", "used1", "unquoted"]]);
    expect(flags("aws configure list --profile used2")).toEqual([["--profile", "used2", "unquoted"]]);
  });

  it("ignores flags without a value, other tools, comments and here-documents", () => {
    expect(flags("aws s3 ls --profile")).toEqual([]);
    expect(flags("aws s3 ls --profile --region x")).toEqual([["--region", "x", "unquoted"]]);
    expect(flags("terraform apply --profile x")).toEqual([]);
    expect(flags("echo aws --profile x")).toEqual([]);
    expect(flags("# aws s3 ls --profile x")).toEqual([]);
    expect(flags("cat <<-END\n\taws s3 ls --profile x\n\tEND\naws s3 ls --profile y")).toEqual([["--profile", "y", "unquoted"]]);
  });
});

describe("readShellLines: commands", () => {
  it("skips compound-command words, function definitions and case patterns", () => {
    const { commands } = read([
      "deploy() {",
      "  aws s3 ls",
      "}",
      'case "$ENV" in',
      "  prod)",
      "    echo prod ;;",
      "esac",
      "if true; then",
      "  :",
      "fi",
    ].join("\n"));
    expect(commands.map((c) => c.text)).toEqual(["aws s3 ls", "echo prod ;;", "if true; then", ":"]);
  });
});

describe("readShellLines: CI script lines", () => {
  it("maps de-indented YAML lines back to the file and keeps CI templates whole", () => {
    const text = [
      "jobs:",
      "  deploy:",
      "    steps:",
      "      - run: |",
      "          export AWS_SECRET_ACCESS_KEY=${{ secrets.AWS_SECRET }}",
      '          aws s3 ls --region "${{ vars.REGION }}" --profile ${{ inputs.profile }}',
      "",
    ].join("\n");
    const file = makeSourceFile(".github/workflows/ci.yml", "github-workflow", text);
    const lines: ScriptLine[] = [4, 5].map((i) => ({ text: (text.split("\n")[i] ?? "").slice(10), offset: file.lineStarts[i] as number + 10 }));
    const { own, commands } = readShellLines(file, lines, { where: "step", references: "github" });
    expect(summary(own)).toEqual([
      ["AWS_SECRET_ACCESS_KEY", "ref:secrets.AWS_SECRET", "unquoted"],
      ["--region", "ref:vars.REGION", "double"],
      ["--profile", "ref:inputs.profile", "unquoted"],
    ]);
    expect(only(own, "AWS_SECRET_ACCESS_KEY").key.range).toEqual(range(5, 18, 5, 39));
    expect(only(own, "AWS_SECRET_ACCESS_KEY").value.range).toEqual(range(5, 40, 5, 65));
    expect(only(own, "--profile").value.range).toEqual(range(6, 61, 6, 82));
    expect(commands).toEqual([
      { text: 'aws s3 ls --region "${{ vars.REGION }}" --profile ${{ inputs.profile }}', range: range(6, 11, 6, 82) },
    ]);
    for (const s of own) expect(sliceRange(file, s.value.range)).toBe(s.value.raw);
  });

  it("reads a template inside single quotes as a reference (the runner substitutes it first)", () => {
    expect(summary(read("export AWS_SECRET_ACCESS_KEY='${{ secrets.AWS_SECRET }}'", "github").own)).toEqual([
      ["AWS_SECRET_ACCESS_KEY", "ref:secrets.AWS_SECRET", "single"],
    ]);
    expect(summary(read("export A='${{ secrets.X }}' B='lit ${{ vars.Y }}'", "github").own)).toEqual([
      ["A", "ref:secrets.X", "single"],
      ["B", "dynamic", "single"],
    ]);
  });

  it("reads CircleCI parameters and Azure Pipelines macros as references", () => {
    expect(summary(read("aws s3 ls --profile << pipeline.parameters.profile >>", "circleci").own)).toEqual([
      ["--profile", "ref:pipeline.parameters.profile", "unquoted"],
    ]);
    expect(summary(read("aws s3 ls --region $(awsRegion)", "azure-pipelines").own)).toEqual([
      ["--region", "ref:awsRegion", "unquoted"],
    ]);
    expect(summary(read("aws s3 ls --region $(awsRegion)", "shell").own)).toEqual([["--region", "dynamic", "unquoted"]]);
  });
});

describe("shellAssignments", () => {
  it("returns what the shell assigns, null for expansions, nothing for incomplete lines", () => {
    expect(shellAssignments("KEY=a b")).toEqual(new Map([["KEY", "a"]]));
    expect(shellAssignments("KEY= value")).toEqual(new Map([["KEY", ""]]));
    expect(shellAssignments("export KEY='x y'\r")).toEqual(new Map([["KEY", "x y\r"]]));
    expect(shellAssignments("KEY=$HOME")).toEqual(new Map([["KEY", null]]));
    expect(shellAssignments("KEY='open")).toEqual(new Map());
    expect(shellAssignments("KEY=continued\\")).toEqual(new Map());
    expect(shellAssignments("KEY : v")).toEqual(new Map());
  });
});

describe("readShellLines: malformed input", () => {
  it("handles empty input", () => {
    expect(read("")).toMatchObject({ own: [], commands: [] });
    const file = makeSourceFile("x.sh", "shell", "");
    expect(readShellLines(file, [], { where: "x", references: "shell" })).toEqual({ own: [], commands: [] });
  });

  it("never throws on random text and keeps ranges exact", () => {
    const next = rng(77);
    const alphabet = "aws -=$(){}`'\"\\\n\r\t;|&<>#AKX_01\u0000é";
    for (let n = 0; n < 300; n++) {
      let text = "";
      const len = Math.floor(next() * 120);
      for (let i = 0; i < len; i++) text += alphabet.charAt(Math.floor(next() * alphabet.length));
      const { own, file } = read(text);
      for (const s of own) {
        expect(sliceRange(file, s.key.range)).toBe(s.key.text);
        expect(sliceRange(file, s.value.range)).toBe(s.value.raw);
      }
    }
  });

  it("never throws on random UTF-16 code units", () => {
    const next = rng(8);
    for (let n = 0; n < 50; n++) {
      const text = String.fromCharCode(...Array.from({ length: 200 }, () => Math.floor(next() * 0x10000)));
      expect(() => read(text)).not.toThrow();
    }
  });

  it("survives deep nesting, 100 000-character lines, NUL, lone CR and unclosed constructs", () => {
    expect(() => read("X=" + "$(".repeat(50_000))).not.toThrow();
    expect(() => read("X=" + "$(echo ".repeat(20_000) + ")".repeat(20_000))).not.toThrow();
    const long = "k".repeat(100_000);
    expect(summary(read(`SECRET=${long}`).own)).toEqual([["SECRET", long, "unquoted"]]);
    expect(summary(read("A=x\u0000y").own)).toEqual([["A", "x\u0000y", "unquoted"]]);
    expect(summary(read("A=1\rB=2").own)).toEqual([["A", "1\rB=2", "unquoted"]]);
    for (const text of ["A='open", 'A="open', "A=`open", "A=$(open", "A=${open", "cat <<EOF\nbody", "A=$((1"]) {
      expect(() => read(text), text).not.toThrow();
    }
  });

  it("reads a script with a fake credential file written by a here-document", () => {
    const text = `cat > ~/.aws/credentials <<'EOF'\n[default]\naws_secret_access_key=${fakeSecret(5)}\nEOF\naws s3 ls\n`;
    const { own, commands } = read(text);
    expect(own).toEqual([]);
    expect(commands.map((c) => c.text)).toEqual(["cat > ~/.aws/credentials <<'EOF'", "aws s3 ls"]);
  });
});

describe("readShellLines: hostile input stays fast", () => {
  it("reads a line of many unclosed templates, flags and continuations in linear time", () => {
    const started = Date.now();
    read("echo " + "${{ ".repeat(30_000), "github");
    read("echo " + "$[".repeat(30_000), "azure-pipelines");
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
