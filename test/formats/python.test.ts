import { describe, expect, it } from "vitest";
import { EMPTY_RESULT } from "../../src/formats/format.js";
import { isSettingsModule, mayHoldPythonConfig, readPython } from "../../src/formats/python.js";
import { stringValue, tokenizePython, type PyTokens } from "../../src/formats/python-tokens.js";
import type { SdkCall } from "../../src/model/sdk-call.js";
import type { Setting } from "../../src/model/setting.js";
import { makeSourceFile, sliceRange, type Range, type SourceFile } from "../../src/model/source.js";
import { fakeKeyId, fakeSecret, fakeSessionToken } from "../support/fake-keys.js";
import { fakeAzureAccountKey, fakeEntraSecret } from "../support/fake-secrets.js";

const KEY_ID = fakeKeyId(101);
const SECRET = fakeSecret(101);

function read(text: string, path = "app/aws.py") {
  const file = makeSourceFile(path, "python", text);
  return { file, result: readPython(file) };
}

function valueText(s: Setting): string {
  const v = s.value;
  return `${v.kind}:${v.kind === "literal" ? v.value : v.kind === "reference" ? v.target : v.raw}`;
}

/** The calls of a file, as `key=kind:value` lines. */
function calls(text: string, path?: string) {
  return (read(text, path).result.sdkCalls ?? []).map((c) => ({
    kind: c.callKind,
    display: c.display,
    settings: c.settings.map((s) => `${s.key.text}=${valueText(s)}`),
  }));
}

function only(text: string, path?: string): { file: SourceFile; call: SdkCall } {
  const { file, result } = read(text, path);
  expect(result.sdkCalls).toHaveLength(1);
  return { file, call: (result.sdkCalls ?? [])[0] as SdkCall };
}

/** A range as `line:column-line:column` with the text it covers. */
function at(file: SourceFile, range: Range): string {
  return `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column} ${sliceRange(file, range)}`;
}

function tokens(text: string, comments = true): string[] {
  const t: PyTokens = tokenizePython(text, { comments });
  const out: string[] = [];
  for (let i = 0; i < t.count; i++) out.push(`${t.kind(i)}:${text.slice(t.start(i), t.end(i))}`);
  return out;
}

/** Each string token's value (`null` when computed or unterminated). */
function strings(text: string): (string | null)[] {
  const t = tokenizePython(text);
  const out: (string | null)[] = [];
  for (let i = 0; i < t.count; i++) {
    const s = t.string(i);
    if (s) out.push(stringValue(text, s) ?? null);
  }
  return out;
}

describe("python tokenizer", () => {
  it("reads names, numbers, operators, comments and logical line ends", () => {
    expect(tokens("x = 0x_1F + 1_000.5e-3j  # c\nif a>=b: y **= 2\n")).toEqual([
      "name:x", "op:=", "number:0x_1F", "op:+", "number:1_000.5e-3j", "comment:# c", "newline:\n",
      "name:if", "name:a", "op:>=", "name:b", "op::", "name:y", "op:**=", "number:2", "newline:\n",
    ]);
    expect(tokens("a = ...; b -> c := d != e <> f // g\n")).toContain("op:...");
    expect(tokens("x -> y := z\n")).toEqual(["name:x", "op:->", "name:y", "op::=", "name:z", "newline:\n"]);
  });

  it("ends a logical line only outside brackets and not after a backslash; blank and comment lines end none", () => {
    expect(tokens("f(a,\n  b)\nx = 1 + \\\n  2\n\n# only a comment\n\ny\n", false)).toEqual([
      "name:f", "op:(", "name:a", "op:,", "name:b", "op:)", "newline:\n",
      "name:x", "op:=", "number:1", "op:+", "number:2", "newline:\n",
      "name:y", "newline:\n",
    ]);
    // The last line needs no line end of its own.
    expect(tokens("x")).toEqual(["name:x", "newline:"]);
  });

  it("gives every token its logical line's indent", () => {
    const text = "def f(a,\n      b):\n    return (a\n  + b)\n";
    const t = tokenizePython(text);
    const indents: string[] = [];
    for (let i = 0; i < t.count; i++) indents.push(`${text.slice(t.start(i), t.end(i)).trim() || "⏎"}@${t.indent(i)}`);
    expect(indents).toEqual(["def@0", "f@0", "(@0", "a@0", ",@0", "b@0", ")@0", ":@0", "⏎@0", "return@4", "(@4", "a@4", "+@4", "b@4", ")@4", "⏎@4"]);
  });

  it("matches brackets, and leaves a mismatched closer unmatched", () => {
    const t = tokenizePython("f([1], {2: (3)})");
    // f ( [ 1 ] , { 2 : ( 3 ) } )
    expect(Array.from({ length: 14 }, (_, i) => t.match(i))).toEqual([-1, 13, 4, -1, 2, -1, 12, -1, -1, 11, -1, 9, 6, 1]);
    const m = tokenizePython("(]");
    expect([m.match(0), m.match(1)]).toEqual([-1, -1]);
    expect(m.kind(5)).toBeUndefined();
    expect(m.start(-1)).toBe(-1);
  });

  it("reads every string prefix in any case and all four quotes", () => {
    const text = `r'a' R"b" u'c' U"d" b'e' B"f" br'g' Rb"h" bR'i' RB"j" f'k' F"l" fr'm' rF"n" t'o' '''p''' """q""" ur'r'`;
    expect(tokens(text).filter((t) => !t.startsWith("newline"))).toHaveLength(18);
    expect(tokens(text).every((t) => t.startsWith("string:") || t.startsWith("newline:"))).toBe(true);
    expect(strings(text)).toEqual(["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r"]);
    // Not a prefix: a name, then a string.
    expect(tokens(`ub'x' xr"y"`)).toEqual(["name:ub", "string:'x'", "name:xr", 'string:"y"', "newline:"]);
  });

  it("decodes escapes but not in raw strings, and reads f-string braces", () => {
    expect(strings(String.raw`'a\tb\x41\101\u00e9\U0001F600\N{DASH}\q' r'a\tb\'' b'\x41\u00e9' 'x\
y' f'{{a}}' rf'\d{{x}}'`)).toEqual([
      "a\tbAAé😀\\N{DASH}\\q",
      "a\\tb\\'",
      "A\\u00e9",
      "xy",
      "{a}",
      "\\d{x}",
    ]);
  });

  it("marks f-strings with fields, reading nested strings, format specs and PEP 701 quotes to the real end", () => {
    const text = String.raw`f"{x["k"]!r:>{w}} {y:%Y-%m}" f'{{not}}' f'{a + f"{b}"}' f"\N{DASH} {{}}" t"{v}" rest`;
    const t = tokenizePython(text);
    const info: string[] = [];
    for (let i = 0; i < t.count; i++) {
      const s = t.string(i);
      info.push(s ? `${text.slice(t.start(i), t.end(i))} fields=${s.placeholders}` : `${t.kind(i)}:${text.slice(t.start(i), t.end(i))}`);
    }
    expect(info).toEqual([
      String.raw`f"{x["k"]!r:>{w}} {y:%Y-%m}" fields=true`,
      "f'{{not}}' fields=false",
      `f'{a + f"{b}"}' fields=true`,
      String.raw`f"\N{DASH} {{}}" fields=false`,
      't"{v}" fields=true',
      "name:rest",
      "newline:",
    ]);
  });

  it("ends an unterminated single-quoted string at its line end, a triple-quoted one at the end of the text", () => {
    expect(tokens("x = 'abc\ny = \"ok\"\n")).toEqual(["name:x", "op:=", "string:'abc", "newline:\n", "name:y", "op:=", 'string:"ok"', "newline:\n"]);
    expect(strings("x = 'abc\n")).toEqual([null]);
    expect(tokens("x = '''abc\ny = 1\n")).toEqual(["name:x", "op:=", "string:'''abc\ny = 1\n", "newline:"]);
    expect(tokens('x = f"{a\ny = 1')).toEqual(["name:x", "op:=", 'string:f"{a', "newline:\n", "name:y", "op:=", "number:1", "newline:"]);
    expect(tokens('x = f"{a"\ny')).toEqual(["name:x", "op:=", 'string:f"{a"', "newline:\n", "name:y", "newline:"]);
  });

  it("reads unknown characters as one-character operators, Unicode names as names, and skips a BOM", () => {
    expect(tokens("\uFEFFé = $ ? 😀 `x`")).toEqual(["name:é", "op:=", "op:$", "op:?", "op:😀", "op:`", "name:x", "op:`", "newline:"]);
  });

  it("never throws and always ends, on seeded random text", () => {
    const alphabet = `abfrub_09 .()[]{}'"\\\n\r\t#:=*{}fF$é😀`;
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let n = 0; n < 300; n++) {
      let text = "";
      for (let i = 0; i < 200; i++) text += alphabet.charAt(Math.floor(next() * alphabet.length));
      const t = tokenizePython(text);
      let last = 0;
      let ordered = true;
      for (let i = 0; i < t.count; i++) {
        ordered &&= t.start(i) >= last && t.end(i) >= t.start(i) && t.end(i) <= text.length;
        last = t.end(i);
      }
      expect(ordered).toBe(true);
      expect(() => readPython(makeSourceFile("fuzz.py", "python", `import boto3, os\n${text}`))).not.toThrow();
    }
  });
});

describe("python reader: the gate", () => {
  it("skips files that name no SDK, environment or settings keyword, without tokenizing", () => {
    expect(mayHoldPythonConfig("import requests\nx = 1\n")).toBe(false);
    expect(mayHoldPythonConfig("environment = 1\n")).toBe(false);
    for (const yes of ["import boto3", "import botocore.session", "from azure.identity import X", "from google.cloud import storage", "os.environ['X'] = '1'", "from os import environ", "os.putenv('A', 'b')", "AWS_S3_REGION_NAME = 'x'", "FLASKS3_REGION = 'x'"]) {
      expect(mayHoldPythonConfig(yes)).toBe(true);
    }
    expect(read("import requests\nrequests.get('x')\n").result).toBe(EMPTY_RESULT);
  });
});

describe("python reader: SDK calls", () => {
  it("reads only calls whose callee resolves to an import, through renames", () => {
    expect(
      calls(`import boto3 as b3
from boto3 import client as make, Session as S
from boto3.session import Session
import botocore.session
from botocore.config import Config
from botocore.client import Config as C2

b3.client("s3", region_name="eu-west-1")
make("sqs", region_name="eu-west-2")
S(profile_name="dev")
Session(region_name="eu-central-1")
b3.session.Session(region_name="us-east-2")
b3.resource("s3", endpoint_url="http://localhost:4566")
b3.setup_default_session(profile_name="ops")
botocore.session.Session(profile="legacy")
Config(region_name="ap-south-1")
C2("sa-east-1")
client("s3", region_name="us-west-1")
other.client("s3", region_name="us-west-1")
`),
    ).toEqual([
      { kind: "client", display: "b3.client", settings: ["region_name=literal:eu-west-1"] },
      { kind: "client", display: "client", settings: ["region_name=literal:eu-west-2"] },
      { kind: "client", display: "Session", settings: ["profile_name=literal:dev"] },
      { kind: "client", display: "Session", settings: ["region_name=literal:eu-central-1"] },
      { kind: "client", display: "b3.session.Session", settings: ["region_name=literal:us-east-2"] },
      { kind: "client", display: "b3.resource", settings: ["endpoint_url=literal:http://localhost:4566"] },
      { kind: "config-update", display: "b3.setup_default_session", settings: ["profile_name=literal:ops"] },
      { kind: "client", display: "botocore.session.Session", settings: ["profile=literal:legacy"] },
      { kind: "client", display: "Config", settings: ["region_name=literal:ap-south-1"] },
      { kind: "client", display: "Config", settings: ["region=literal:sa-east-1"] },
    ]);
  });

  it("reads calls in compound statement headers, one-line bodies and statements after a semicolon", () => {
    expect(
      calls(`import boto3
with boto3.client("s3", region_name="a") as c: pass
for b in boto3.resource("s3", region_name="b").buckets.all(): pass
if True: boto3.client("s3", region_name="c"); boto3.client("s3", region_name="d")
def f(x=boto3.client("s3", region_name="e")): return boto3.client("s3", region_name="f")
`).map((c) => c.settings[0]),
    ).toEqual(["region_name=literal:a", "region_name=literal:b", "region_name=literal:c", "region_name=literal:d", "region_name=literal:e", "region_name=literal:f"]);
  });

  it("does not read comments, strings, definitions or other objects' methods that look like calls", () => {
    expect(
      calls(`import boto3
# boto3.client("s3", aws_access_key_id="${KEY_ID}")
doc = """boto3.client("s3", aws_access_key_id="${KEY_ID}")"""
s = 'boto3.client("s3")'
def client(x): pass
class Session(object): pass
x.boto3.client("s3")
obj().boto3.client("s3")
`),
    ).toEqual([]);
  });

  it("describes the call: kind, provider, SDK, callee, shown, where, and get() by canonical names", () => {
    const { file, call } = only(`import boto3\n\ns3 = boto3.client(\n    "s3",\n    aws_access_key_id="${KEY_ID}",\n    aws_secret_access_key="${SECRET}",\n    aws_session_token=TOKEN,\n    region_name="us-east-1",\n    profile_name="p",\n    endpoint_url="http://minio:9000",\n)\n`, "app/s3.py");
    expect(call).toMatchObject({ kind: "sdk-call", callKind: "client", provider: "aws", sdk: "boto3", display: "boto3.client", shown: "boto3.client(…)", inLambdaHandler: false });
    expect(at(file, call.callee.range)).toBe("3:6-3:18 boto3.client");
    expect(call.range.start).toEqual({ line: 3, column: 6 });
    expect(call.range.end).toEqual({ line: 11, column: 2 });
    expect(call.settings.map((s) => s.where)).toEqual(Array(6).fill("boto3.client call in app/s3.py"));
    expect(call.settings.every((s) => s.syntax === "code" && s.provider === "aws")).toBe(true);
    expect(call.get("accessKeyId")?.key.text).toBe("aws_access_key_id");
    expect(call.get("secretAccessKey")?.key.text).toBe("aws_secret_access_key");
    expect(call.get("sessionToken")?.key.text).toBe("aws_session_token");
    expect(call.get("region")?.key.text).toBe("region_name");
    expect(call.get("profile")?.key.text).toBe("profile_name");
    expect(call.get("endpoint")?.key.text).toBe("endpoint_url");
    expect(call.get("aws_access_key_id")).toBe(call.get("accessKeyId"));
  });

  it("locates keys, values and whole entries exactly", () => {
    const { file, call } = only(`import boto3\nboto3.client("s3", aws_access_key_id="${KEY_ID}", region_name = 'us-east-1')\n`);
    const [key, region] = call.settings as [Setting, Setting];
    expect(at(file, key.key.range)).toBe("2:20-2:37 aws_access_key_id");
    expect(at(file, key.value.range)).toBe(`2:39-2:59 ${KEY_ID}`);
    expect(at(file, key.range)).toBe(`2:20-2:60 aws_access_key_id="${KEY_ID}"`);
    expect(key.value).toMatchObject({ kind: "literal", value: KEY_ID, raw: `"${KEY_ID}"` });
    expect(at(file, region.key.range)).toBe("2:62-2:73 region_name");
    expect(at(file, region.value.range)).toBe("2:77-2:86 us-east-1");
  });

  it("maps positional arguments by the parameter order, under the canonical name, and stops at *args", () => {
    const { file, result } = read(`import boto3\nboto3.client("s3", "eu-west-1", None, True, False, "http://localhost:4566", "${KEY_ID}")\nboto3.Session("${KEY_ID}", *rest, "x")\n`);
    const [client, session] = result.sdkCalls as [SdkCall, SdkCall];
    expect(client.settings.map((s) => `${s.key.text}=${valueText(s)}`)).toEqual([
      "region=literal:eu-west-1",
      "api_version=dynamic:None",
      "use_ssl=dynamic:True",
      "verify=dynamic:False",
      "endpoint=literal:http://localhost:4566",
      `accessKeyId=literal:${KEY_ID}`,
    ]);
    expect(at(file, client.get("region")?.key.range as Range)).toBe('2:20-2:31 "eu-west-1"');
    expect(session.settings.map((s) => s.key.text)).toEqual(["accessKeyId"]);
  });

  it("reads **dict splats of literals and module constants", () => {
    expect(
      calls(`import boto3
OPTS = {"region_name": "eu-west-1", **{"endpoint_url": "http://localhost:4566"}}
boto3.client("s3", **OPTS, aws_access_key_id="${KEY_ID}")
boto3.client("s3", **kwargs)
`),
    ).toEqual([
      { kind: "client", display: "boto3.client", settings: ["region_name=literal:eu-west-1", "endpoint_url=literal:http://localhost:4566", `aws_access_key_id=literal:${KEY_ID}`] },
      { kind: "client", display: "boto3.client", settings: [] },
    ]);
  });

  it("marks Lambda handlers", () => {
    expect(only("import boto3\ns3 = boto3.client('s3')\ndef lambda_handler(event, context):\n    pass\n").call.inLambdaHandler).toBe(true);
    expect(only("import boto3\ns3 = boto3.client('s3')\ndef handler(event, context):\n    pass\n").call.inLambdaHandler).toBe(true);
    expect(only("import boto3\ns3 = boto3.client('s3')\ndef handler(request):\n    pass\n").call.inLambdaHandler).toBe(false);
    expect(only("import boto3\ns3 = boto3.client('s3')\nclass A:\n    def lambda_handler(self, event, context):\n        pass\n").call.inLambdaHandler).toBe(false);
  });
});

describe("python reader: values", () => {
  it("reads string literals: prefixes, escapes, triple quotes, implicit concatenation, parentheses", () => {
    const { file, call } = only(String.raw`import boto3
boto3.client(
    "s3",
    a=r"raw\d",
    b="tab\there",
    c=u'plain',
    d=b"bytes",
    e="""tri
ple""",
    f="AKIA" "ABC"
      'DEF',
    g=("wrapped"),
    h=f"no {{fields}}",
)
`);
    const byKey = (k: string) => call.get(k) as Setting;
    expect(call.settings.map((s) => `${s.key.text}=${valueText(s)}`)).toEqual([
      "a=literal:raw\\d",
      "b=literal:tab\there",
      "c=literal:plain",
      "d=literal:bytes",
      "e=literal:tri\nple",
      "f=literal:AKIAABCDEF",
      "g=literal:wrapped",
      "h=literal:no {fields}",
    ]);
    // Between the quotes when the text spells the value; the whole token (or tokens) otherwise.
    expect(at(file, byKey("a").value.range)).toBe("4:9-4:14 raw\\d");
    expect(at(file, byKey("b").value.range)).toBe('5:7-5:18 "tab\\there"');
    expect(at(file, byKey("c").value.range)).toBe("6:9-6:14 plain");
    expect(at(file, byKey("d").value.range)).toBe("7:9-7:14 bytes");
    expect(at(file, byKey("e").value.range)).toBe("8:10-9:4 tri\nple");
    expect(at(file, byKey("f").value.range)).toBe(`10:7-11:12 "AKIA" "ABC"\n      'DEF'`);
    expect(at(file, byKey("g").value.range)).toBe("12:9-12:16 wrapped");
    expect(at(file, byKey("h").value.range)).toBe('13:7-13:23 f"no {{fields}}"');
  });

  it("reads computed values as dynamic", () => {
    expect(
      calls(`import boto3
boto3.client("s3", a=f"{x}", b="%s" % x, c="{}".format(x), d=get(), e=cfg.key, f=None, g=1, h="a" + b, i=, j='unterminated
)
`)[0]?.settings,
    ).toEqual([
      'a=dynamic:f"{x}"',
      'b=dynamic:"%s" % x',
      'c=dynamic:"{}".format(x)',
      "d=dynamic:get()",
      "e=dynamic:cfg.key",
      "f=dynamic:None",
      "g=dynamic:1",
      'h=dynamic:"a" + b',
      "i=dynamic:",
      "j=dynamic:'unterminated",
    ]);
  });

  it("reads os.environ, os.environ.get, os.getenv and environ as references, written as os.environ[\"X\"]", () => {
    const { file, call } = only(`import os
from os import environ, getenv as ge
import boto3
NAME = "AWS_SESSION_TOKEN"
boto3.client(
    "s3",
    a=os.environ["AWS_ACCESS_KEY_ID"],
    b=os.environ.get('AWS_SECRET_ACCESS_KEY', "fallback"),
    c=os.getenv("AWS_REGION") or "us-east-1",
    d=environ[NAME],
    e=ge("AWS_PROFILE"),
    f=os.environ[name],
    g=other.environ["X"],
)
`);
    expect(call.settings.map((s) => `${s.key.text}=${valueText(s)}`)).toEqual([
      'a=reference:os.environ["AWS_ACCESS_KEY_ID"]',
      'b=reference:os.environ["AWS_SECRET_ACCESS_KEY"]',
      'c=reference:os.environ["AWS_REGION"]',
      'd=reference:os.environ["AWS_SESSION_TOKEN"]',
      'e=reference:os.environ["AWS_PROFILE"]',
      "f=dynamic:os.environ[name]",
      'g=dynamic:other.environ["X"]',
    ]);
    expect(at(file, (call.get("c") as Setting).value.range)).toBe('9:7-9:45 os.getenv("AWS_REGION") or "us-east-1"');
  });

  it("follows a module constant assigned once (up to 5 steps), with the value located where it is written", () => {
    const { file, call } = only(`import boto3
A1 = "${KEY_ID}"
A2 = A1
A3 = A2
A4 = A3
A5 = A4
A6 = A5
REGION: str = "eu-west-1"
boto3.client("s3", aws_access_key_id=A5, b=A6, region_name=REGION)
`);
    expect(call.settings.map((s) => `${s.key.text}=${valueText(s)}`)).toEqual([`aws_access_key_id=literal:${KEY_ID}`, "b=dynamic:A1", "region_name=literal:eu-west-1"]);
    expect(at(file, (call.get("accessKeyId") as Setting).value.range)).toBe(`2:7-2:27 ${KEY_ID}`);
  });

  it("does not follow names assigned more than once, written by a function through global, or bound otherwise", () => {
    expect(
      calls(`import boto3
from settings import IMPORTED
TWICE = "a"
TWICE = "b"
GLOBAL = "a"
AUG = "a"
AUG += "b"
for LOOP in range(3): pass
T1, T2 = "a", "b"
[L1, (L2, L3)] = "a", ("b", "c")
self.attr, D[k] = "a", "b"
k = "not a subscript binding: followed"
def set_it():
    global GLOBAL
    GLOBAL = "b"
boto3.client("s3", a=TWICE, b=GLOBAL, c=AUG, d=LOOP, e=T1, f=IMPORTED, g=UNDEFINED, h=L3, i=k)
`)[0]?.settings,
    ).toEqual([
      "a=dynamic:TWICE",
      "b=dynamic:GLOBAL",
      "c=dynamic:AUG",
      "d=dynamic:LOOP",
      "e=dynamic:T1",
      "f=dynamic:IMPORTED",
      "g=dynamic:UNDEFINED",
      "h=dynamic:L3",
      "i=literal:not a subscript binding: followed",
    ]);
  });

  it("resolves names as Python does: a function's parameters and locals shadow module constants; class bodies enclose nothing", () => {
    expect(
      calls(`import boto3
REGION = "eu-west-1"
KEY = "module"
def make(region, key=None):
    return boto3.client("s3", region_name=region, aws_access_key_id=key)
def local():
    REGION = "us-east-2"
    return boto3.client("s3", region_name=REGION)
class Holder:
    REGION = "ap-south-1"
    client = boto3.client("s3", region_name=REGION)
    def method(self):
        return boto3.client("s3", region_name=REGION)
lam = lambda region="x": boto3.client("s3", region_name=KEY)
`).map((c) => c.settings),
    ).toEqual([
      ["region_name=dynamic:region", "aws_access_key_id=dynamic:key"],
      ["region_name=literal:us-east-2"],
      ["region_name=literal:ap-south-1"],
      ["region_name=literal:eu-west-1"],
      ["region_name=literal:module"],
    ]);
  });
});

describe("python reader: sessions", () => {
  it("reads a session's client/resource calls when the name holds only session calls, at module level or in the function", () => {
    expect(
      calls(`import boto3
import botocore.session
session = boto3.Session(profile_name="dev")
alias = session
def work():
    local = boto3.session.Session(region_name="eu-west-1")
    local.client("s3", region_name="us-east-1")
    alias.resource("dynamodb", aws_session_token="t")
    session.client("sqs")
bc = botocore.session.get_session()
bc.create_client("s3", region_name="eu-north-1")
bc.set_credentials("${KEY_ID}", "${SECRET}")
boto3.Session(profile_name="x").client("s3", region_name="eu-south-1")
`),
    ).toEqual([
      { kind: "client", display: "boto3.Session", settings: ["profile_name=literal:dev"] },
      { kind: "client", display: "boto3.session.Session", settings: ["region_name=literal:eu-west-1"] },
      { kind: "client", display: "local.client", settings: ["region_name=literal:us-east-1"] },
      { kind: "client", display: "alias.resource", settings: ["aws_session_token=literal:t"] },
      { kind: "client", display: "session.client", settings: [] },
      { kind: "client", display: "bc.create_client", settings: ["region_name=literal:eu-north-1"] },
      { kind: "config-update", display: "bc.set_credentials", settings: [`accessKeyId=literal:${KEY_ID}`, `secretAccessKey=literal:${SECRET}`] },
      { kind: "client", display: "boto3.Session", settings: ["profile_name=literal:x"] },
      { kind: "client", display: "boto3.Session(…).client", settings: ["region_name=literal:eu-south-1"] },
    ]);
  });

  it("does not read methods of names that may hold something else", () => {
    expect(
      calls(`import boto3
s = boto3.Session()
s = make_session()
def f(s):
    s.client("s3", region_name="a")
t = boto3.client("s3")
t.client("x", region_name="b")
a = b
b = a
a.client("s3")
`).map((c) => c.display),
    ).toEqual(["boto3.Session", "boto3.client"]);
  });
});

describe("python reader: STS requests", () => {
  it("reads assume_role / get_session_token on an STS client: a variable assigned once, a session's client, a chained call", () => {
    const text = `import boto3
sts = boto3.client("sts", region_name="us-gov-west-1")
session = boto3.Session(profile_name="ops")
mfa = session.client(service_name="sts")
sts.assume_role(RoleArn="arn:aws:iam::123456789012:role/r", RoleSessionName="s", **{"SerialNumber": "123456"})
mfa.get_session_token(SerialNumber="GAHT12345678", TokenCode=code)
boto3.client("sts").assume_role_with_web_identity(RoleArn=ROLE, WebIdentityToken=token)
`;
    expect(calls(text).filter((c) => c.kind === "sts-request")).toEqual([
      { kind: "sts-request", display: "sts.assume_role", settings: ["RoleArn=literal:arn:aws:iam::123456789012:role/r", "RoleSessionName=literal:s", "SerialNumber=literal:123456"] },
      { kind: "sts-request", display: "mfa.get_session_token", settings: ["SerialNumber=literal:GAHT12345678", "TokenCode=dynamic:code"] },
      { kind: "sts-request", display: "boto3.client(…).assume_role_with_web_identity", settings: ["RoleArn=dynamic:ROLE", "WebIdentityToken=dynamic:token"] },
    ]);
    const requests = (read(text).result.sdkCalls ?? []).filter((c) => c.callKind === "sts-request");
    // Each request knows the client it is made through, and answers by the JS SDK's names.
    expect(requests.map((c) => c.client?.display)).toEqual(["boto3.client", "session.client", "boto3.client"]);
    expect(requests[0]?.client?.get("region")?.value).toMatchObject({ kind: "literal", value: "us-gov-west-1" });
    expect(requests[0]?.get("roleArn")?.key.text).toBe("RoleArn");
    expect(requests[1]?.get("mfaSerial")?.value).toMatchObject({ value: "GAHT12345678" });
  });

  it("does not take a method of another client, of a name assigned twice, or of an unknown object for an STS request", () => {
    const text = `import boto3
iam = boto3.client("iam")
iam.assume_role(RoleArn="x")
twice = boto3.client("sts")
twice = boto3.client("s3")
twice.assume_role(RoleArn="x")
helper.assume_role(RoleArn="x")
def f(sts):
    sts.assume_role(RoleArn="x")
`;
    expect(calls(text).filter((c) => c.kind === "sts-request")).toEqual([]);
  });
});

describe("python reader: Azure and Google Cloud", () => {
  it("reads Azure credentials and connection strings, positional arguments under canonical names", () => {
    const secret = fakeEntraSecret(3);
    const accountKey = fakeAzureAccountKey(3);
    const { file, result } = read(`from azure.identity import ClientSecretCredential
from azure.identity.aio import ClientCertificateCredential
from azure.storage.blob import BlobServiceClient, StorageSharedKeyCredential
from azure.core.credentials import AzureKeyCredential, AzureNamedKeyCredential
import azure.data.tables as tables
cred = ClientSecretCredential("11111111-2222-3333-4444-555555555555", client_id="cid", client_secret="${secret}")
ClientCertificateCredential("t", "c", "cert.pem")
StorageSharedKeyCredential("acct", "${accountKey}")
AzureKeyCredential("k")
AzureNamedKeyCredential("n", "k2")
BlobServiceClient.from_connection_string("DefaultEndpointsProtocol=https;AccountName=a;AccountKey=${accountKey}")
tables.TableServiceClient.from_connection_string(conn_str=os.environ["CS"])
`);
    const list = result.sdkCalls ?? [];
    expect(list.map((c) => `${c.callKind} ${c.display} [${c.sdk}] ${c.settings.map((s) => s.key.text).join(",")}`)).toEqual([
      "azure-credential ClientSecretCredential [azure-identity] tenantId,client_id,client_secret",
      "azure-credential ClientCertificateCredential [azure-identity] tenantId,clientId,certificatePath",
      "azure-credential StorageSharedKeyCredential [azure-storage-blob] accountName,accountKey",
      "azure-credential AzureKeyCredential [azure-core] key",
      "azure-credential AzureNamedKeyCredential [azure-core] name,key",
      "connection-string BlobServiceClient.from_connection_string [azure-storage-blob] connectionString",
      "connection-string tables.TableServiceClient.from_connection_string [azure-data-tables] conn_str",
    ]);
    const [csc] = list as [SdkCall];
    expect(csc.provider).toBe("azure");
    expect(csc.get("clientSecret")?.value).toMatchObject({ kind: "literal", value: secret });
    expect(csc.get("clientId")?.key.text).toBe("client_id");
    expect(at(file, csc.get("tenantId")?.key.range as Range)).toBe('6:31-6:69 "11111111-2222-3333-4444-555555555555"');
    expect(list[5]?.get("connectionString")?.value.kind).toBe("literal");
    expect(list[6]?.get("connectionString")?.value.kind).toBe("dynamic");
  });

  it("reads service-account info dicts key by key, with the credentials they hold", () => {
    const { file, result } = read(`from google.oauth2 import service_account
from google.cloud import storage
INFO = {
    "type": "service_account",
    "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIB\\n-----END PRIVATE KEY-----\\n",
    "client_email": "svc@acme-prod.iam.gserviceaccount.com",
    **EXTRA,
}
service_account.Credentials.from_service_account_info(INFO, scopes=["x"])
service_account.IDTokenCredentials.from_service_account_info(info=json.loads(raw))
service_account.Credentials.from_service_account_file("key.json")
storage.Client(project="acme-prod", credentials=service_account.Credentials.from_service_account_file("k.json"))
storage.Client.from_service_account_json("sa.json")
storage.Client.from_service_account_info({"private_key": PK})
`);
    const list = result.sdkCalls ?? [];
    expect(list.map((c) => `${c.callKind} ${c.display} [${c.sdk}] ${c.credentials?.holds ?? "-"} ${c.settings.map((s) => s.key.text).join(",")}`)).toEqual([
      "gcp-auth service_account.Credentials.from_service_account_info [google-auth] object type,private_key,client_email,scopes",
      "gcp-auth service_account.IDTokenCredentials.from_service_account_info [google-auth] other info",
      "gcp-auth service_account.Credentials.from_service_account_file [google-auth] - filename",
      "client storage.Client [google-cloud-storage] provider project,credentials",
      "gcp-auth service_account.Credentials.from_service_account_file [google-auth] - filename",
      "gcp-auth storage.Client.from_service_account_json [google-cloud-storage] - filename",
      "gcp-auth storage.Client.from_service_account_info [google-cloud-storage] object private_key",
    ]);
    const [info] = list as [SdkCall];
    expect(info.provider).toBe("gcp");
    expect(at(file, info.credentials?.key.range as Range)).toBe("9:55-9:59 INFO");
    expect(info.get("private_key")?.value).toMatchObject({ kind: "literal", value: "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n" });
    expect(at(file, info.get("private_key")?.key.range as Range)).toBe("5:6-5:17 private_key");
    expect(list[3]?.get("projectId")?.key.text).toBe("project");
  });
});

describe("python reader: environment writes", () => {
  it("reads os.environ writes, setdefault, update and putenv into one env context", () => {
    const token = fakeSessionToken(5);
    const { file, result } = read(`import os
from os import environ, putenv
os.environ["AWS_ACCESS_KEY_ID"] = "${KEY_ID}"
environ['AWS_SESSION_TOKEN'] = "${token}"
os.environ.setdefault("AWS_DEFAULT_REGION", REGION)
os.environ.update({"AZURE_CLIENT_ID": "cid"}, GOOGLE_CLOUD_PROJECT="p", **{"ARM_TENANT_ID": "t"})
putenv("AWS_PROFILE", os.environ["OTHER"])
def setup():
    os.environ["DJANGO_SETTINGS_MODULE"] = "app.settings"
os.environ.get("NOT_A_WRITE")
REGION = "eu-west-1"
`);
    const [env] = result.contexts ?? [];
    expect(env).toMatchObject({ kind: "env", syntax: "python", where: "app/aws.py", commands: [], live: true });
    expect(env?.own.map((s) => `${s.key.text}(${s.provider})=${valueText(s)}`)).toEqual([
      `AWS_ACCESS_KEY_ID(aws)=literal:${KEY_ID}`,
      `AWS_SESSION_TOKEN(aws)=literal:${token}`,
      "AWS_DEFAULT_REGION(aws)=literal:eu-west-1",
      "AZURE_CLIENT_ID(azure)=literal:cid",
      "GOOGLE_CLOUD_PROJECT(gcp)=literal:p",
      "ARM_TENANT_ID(azure)=literal:t",
      'AWS_PROFILE(aws)=reference:os.environ["OTHER"]',
      "DJANGO_SETTINGS_MODULE(generic)=literal:app.settings",
    ]);
    const first = env?.own[0] as Setting;
    expect(first.syntax).toBe("env");
    expect(at(file, first.key.range)).toBe("3:13-3:30 AWS_ACCESS_KEY_ID");
    expect(at(file, first.range)).toBe(`3:1-3:57 os.environ["AWS_ACCESS_KEY_ID"] = "${KEY_ID}"`);
    expect(env?.anchor).toEqual(first.range);
    expect(result.sdkCalls).toEqual([]);
  });

  it("marks the context of a test file as not live, and returns none without writes", () => {
    expect(read(`import os\nos.environ["AWS_REGION"] = "x"\n`, "tests/test_app.py").result.contexts?.[0]?.live).toBe(false);
    expect(read(`import os\nx = os.environ["AWS_REGION"]\n`).result.contexts).toBeUndefined();
  });
});

describe("python reader: settings modules", () => {
  it("reads django-storages names of a settings module as one config-update call", () => {
    const { file, call } = only(
      `import os
AWS_ACCESS_KEY_ID = "${KEY_ID}"
AWS_S3_SECRET_ACCESS_KEY = os.environ.get("S3_SECRET")
AWS_STORAGE_BUCKET_NAME = "media"
AWS_S3_REGION_NAME: str = "eu-west-1"
if DEBUG:
    AWS_S3_ENDPOINT_URL = "http://localhost:9000"
def helper():
    AWS_SESSION_TOKEN = "ignored: a local"
`,
      "mysite/settings/production.py",
    );
    expect(call).toMatchObject({ callKind: "config-update", provider: "aws", sdk: "django-storages", display: "django-storages settings", shown: "django-storages settings" });
    expect(call.settings.map((s) => `${s.key.text}=${valueText(s)}`)).toEqual([
      `AWS_ACCESS_KEY_ID=literal:${KEY_ID}`,
      'AWS_S3_SECRET_ACCESS_KEY=reference:os.environ["S3_SECRET"]',
      "AWS_S3_REGION_NAME=literal:eu-west-1",
      "AWS_S3_ENDPOINT_URL=literal:http://localhost:9000",
    ]);
    expect(at(file, call.callee.range)).toBe("2:1-2:18 AWS_ACCESS_KEY_ID");
    expect(call.get("accessKeyId")?.key.text).toBe("AWS_ACCESS_KEY_ID");
    expect(call.get("secretAccessKey")?.key.text).toBe("AWS_S3_SECRET_ACCESS_KEY");
    expect(call.get("region")?.key.text).toBe("AWS_S3_REGION_NAME");
    expect(call.get("endpoint")?.key.text).toBe("AWS_S3_ENDPOINT_URL");
    expect(call.settings[0]?.where).toBe("django-storages settings in mysite/settings/production.py");
  });

  it("knows settings modules by name or by the storage they configure", () => {
    const is = (path: string, text = "") => isSettingsModule(makeSourceFile(path, "python", text));
    for (const p of ["settings.py", "app/local_settings.py", "config.py", "app_config.py", "settings_prod.py", "proj/settings/base.py", "docs/conf.py"]) expect(is(p)).toBe(true);
    for (const p of ["app/views.py", "shop/shop_settings_update.py", "migrations/0033_appextension_settings.py", "configure.py"]) expect(is(p)).toBe(false);
    expect(is("app/storage.py", 'STORAGES = {"default": {"BACKEND": "storages.backends.s3.S3Storage"}}')).toBe(true);
    expect(read(`AWS_ACCESS_KEY_ID = "${KEY_ID}"\n`, "app/views.py").result.sdkCalls).toEqual([]);
  });

  it("reads Flask config classes one call per class, and app.config writes anywhere", () => {
    expect(
      calls(`from flask import Flask
import os
class Config:
    AWS_ACCESS_KEY_ID = os.environ.get("AWS_ACCESS_KEY_ID")
    FLASKS3_REGION = "eu-west-1"
class Dev(Config):
    AWS_SECRET_ACCESS_KEY = "${SECRET}"
`, "app/config.py"),
    ).toEqual([
      { kind: "config-update", display: "Flask config", settings: ['AWS_ACCESS_KEY_ID=reference:os.environ["AWS_ACCESS_KEY_ID"]', "FLASKS3_REGION=literal:eu-west-1"] },
      { kind: "config-update", display: "Flask config", settings: [`AWS_SECRET_ACCESS_KEY=literal:${SECRET}`] },
    ]);
    const { file, call } = only(`import os\napp.config["AWS_SECRET_ACCESS_KEY"] = "${SECRET}"\napp.config["SECRET_KEY"] = "x"\n`, "app/__init__.py");
    expect(call).toMatchObject({ callKind: "config-update", sdk: "Flask-S3", display: "Flask config" });
    expect(call.get("secretAccessKey")?.value).toMatchObject({ kind: "literal", value: SECRET });
    expect(at(file, call.callee.range)).toBe("2:13-2:34 AWS_SECRET_ACCESS_KEY");
  });
});

describe("python reader: the result", () => {
  it("lists every setting of every call and env write exactly once, in file order", () => {
    const { result } = read(`import os, boto3
os.environ["AWS_REGION"] = "eu-west-1"
boto3.client("s3", region_name="eu-west-1", config=Config())
`, "settings.py");
    const fromParts = [...(result.sdkCalls ?? []).flatMap((c) => c.settings), ...(result.contexts ?? []).flatMap((c) => c.own)];
    expect(result.settings).toHaveLength(fromParts.length);
    expect(new Set(result.settings)).toEqual(new Set(fromParts));
    expect(result.settings.map((s) => s.key.text)).toEqual(["AWS_REGION", "region_name", "config"]);
    expect(result.errors).toBeUndefined();
  });

  it("reads Python 2, templated and broken files without throwing", () => {
    expect(calls(`import boto3\nprint "x"\nexec 'y'\nc = boto3.client('s3', aws_access_key_id=ur'${KEY_ID}')\n`)[0]?.settings).toEqual([`aws_access_key_id=literal:${KEY_ID}`]);
    expect(calls(`import boto3\nREGION = {{ cookiecutter.region }}\nboto3.client("s3", region_name=REGION, b="{{ cookiecutter.x }}")\n{% if x %}\n`)[0]?.settings).toEqual([
      "region_name=dynamic:{{ cookiecutter.region }}",
      "b=literal:{{ cookiecutter.x }}",
    ]);
    expect(() => read("import boto3\nboto3.client('s3', region_name=\n")).not.toThrow();
    expect(() => read("import boto3\n)))]]]}}} boto3.client(\n'''\n")).not.toThrow();
  });

  it("finishes fast on pathological input", () => {
    const cases = [
      "import boto3\n" + "(".repeat(10_000) + "boto3.client('s3')",
      "import boto3\n" + "boto3.client(".repeat(10_000),
      "import boto3\n" + "x = 'unterminated\n".repeat(20_000),
      "import boto3\nx = '''" + "never closed\n".repeat(50_000),
      "import boto3;" + "boto3.client('s3', region_name='eu-west-1');".repeat(20_000),
      "import boto3\nx = " + 'f"{'.repeat(5_000),
      "import boto3\n" + "a = b\nb = a\n".repeat(1_000) + "a.client('s3')\n".repeat(1_000),
      "import boto3\n" + Array.from({ length: 200_000 }, (_, i) => String.fromCharCode((i * 7919) % 0xd7ff)).join(""),
    ];
    for (const text of cases) {
      const started = performance.now();
      expect(() => read(text)).not.toThrow();
      expect(performance.now() - started).toBeLessThan(3000);
    }
    const line = "import boto3;" + "x = boto3.client('s3', region_name='eu-west-1');".repeat(21_000);
    expect(line.length).toBeGreaterThan(1_000_000);
    expect(read(line).result.sdkCalls).toHaveLength(21_000);
  });
});
