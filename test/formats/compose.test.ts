import { describe, expect, it } from "vitest";
import { interpolate, isComposePath, readCompose, repoPath } from "../../src/formats/compose.js";
import type { FormatResult } from "../../src/formats/format.js";
import { effectiveVars } from "../../src/model/env.js";
import { makeSourceFile, sliceRange } from "../../src/model/source.js";
import { at, show } from "../support/ci.js";
import { fakeKeyId, fakeSecret } from "../support/fake-keys.js";

const KEY_ID = fakeKeyId(4101);
const SECRET = fakeSecret(4101);

function read(text: string, path = "docker-compose.yml"): FormatResult & { file: ReturnType<typeof makeSourceFile> } {
  const file = makeSourceFile(path, "docker-compose", text);
  return { ...readCompose(file), file };
}

/** Every context's settings are in `settings`, each setting once. */
function wellFormed(r: FormatResult): void {
  expect(new Set(r.settings).size).toBe(r.settings.length);
  for (const c of r.contexts ?? []) for (const s of c.own) expect(r.settings).toContain(s);
}

describe("isComposePath", () => {
  it("matches the names Compose looks up and their -f variants", () => {
    for (const p of [
      "compose.yaml",
      "compose.yml",
      "docker-compose.yml",
      "docker-compose.yaml",
      "compose.override.yaml",
      "docker-compose.override.yml",
      "deploy/docker-compose.prod.yml",
      "compose-dev.yaml",
      "docker-compose_ci.yml",
      "a/b/compose.local.yml",
    ]) {
      expect([p, isComposePath(p)]).toEqual([p, true]);
    }
  });

  it("leaves other names alone", () => {
    for (const p of ["prod.compose.yml", "composer.yaml", "mycompose.yml", "compose.json", "docker-compose.yml.example", "compose/app.yml", "docker-compose"]) {
      expect([p, isComposePath(p)]).toEqual([p, false]);
    }
  });
});

describe("readCompose: environment", () => {
  const MAP = [
    "services:", // 1
    "  api:", // 2
    "    image: example/api:1", // 3
    "    environment:", // 4
    "      AWS_REGION: eu-west-1", // 5
    `      AWS_ACCESS_KEY_ID: "${KEY_ID}"`, // 6
    `      AWS_SECRET_ACCESS_KEY: '${SECRET}'`, // 7
    "      PORT: 8080", // 8
    "      FROM_SHELL:", // 9
    "      ALSO_NULL: ~", // 10
    '      EMPTY: ""', // 11
    "", // 12
  ].join("\n");

  it("reads a map: one context per service, exact key and value ranges, YAML styles", () => {
    const r = read(MAP);
    expect(r.errors).toBeUndefined();
    wellFormed(r);
    expect(r.contexts?.map((c) => [c.where, at(c.anchor), c.syntax, c.ci ?? null, c.live, c.parent ?? null])).toEqual([
      ["service api in docker-compose.yml", "2:3-2:6", "yaml", null, true, null],
    ]);
    expect(r.settings.map(show)).toEqual([
      "AWS_REGION=literal:eu-west-1",
      `AWS_ACCESS_KEY_ID=literal:${KEY_ID}`,
      `AWS_SECRET_ACCESS_KEY=literal:${SECRET}`,
      "PORT=literal:8080",
      "FROM_SHELL=reference:FROM_SHELL",
      "ALSO_NULL=reference:ALSO_NULL",
      "EMPTY=literal:",
    ]);
    expect(r.settings.map((s) => [at(s.key.range), at(s.value.range), at(s.range), s.style ?? null])).toEqual([
      ["5:7-5:17", "5:19-5:28", "5:7-5:28", "plain"],
      ["6:7-6:24", "6:26-6:48", "6:7-6:48", "double"],
      ["7:7-7:28", "7:30-7:72", "7:7-7:72", "single"],
      ["8:7-8:11", "8:13-8:17", "8:7-8:17", "plain"],
      // Nothing written: an empty value range where the key ends (as the YAML layer places empty values).
      ["9:7-9:17", "9:17-9:17", "9:7-9:17", "plain"],
      ["10:7-10:16", "10:18-10:19", "10:7-10:19", "plain"],
      ["11:7-11:12", "11:14-11:16", "11:7-11:16", "double"],
    ]);
    const [region, keyId] = r.settings;
    expect(region && [region.provider, region.syntax, region.where]).toEqual(["aws", "env", "service api in docker-compose.yml"]);
    expect(keyId && sliceRange(r.file, keyId.value.range)).toBe(`"${KEY_ID}"`);
    expect(r.settings.find((s) => s.key.text === "PORT")?.provider).toBe("generic");
    expect(r.includes).toBeUndefined();
  });

  it("reads a list: the key range on the name, the value range after `=`", () => {
    const r = read(`services:
  worker:
    environment:
      - AWS_PROFILE=prod
      - "AWS_DEFAULT_REGION= us-east-1 "
      - 'GREETING=a=b'
      - PASSED_THROUGH
      - BLANK=
      - "ESCAPED=tab\\there"
`);
    expect(r.errors).toBeUndefined();
    wellFormed(r);
    expect(r.settings.map(show)).toEqual([
      "AWS_PROFILE=literal:prod",
      "AWS_DEFAULT_REGION=literal: us-east-1 ",
      "GREETING=literal:a=b",
      "PASSED_THROUGH=reference:PASSED_THROUGH",
      "BLANK=literal:",
      "ESCAPED=literal:tab\there",
    ]);
    expect(r.settings.map((s) => [at(s.key.range), at(s.value.range), s.style])).toEqual([
      ["4:9-4:20", "4:21-4:25", "plain"],
      ["5:10-5:28", "5:29-5:40", "item-double"],
      ["6:10-6:18", "6:19-6:22", "item-single"],
      ["7:9-7:23", "7:23-7:23", "plain"],
      ["8:9-8:14", "8:15-8:15", "plain"],
      // An escape makes the item's text differ from its source: both ranges cover the whole item.
      ["9:9-9:28", "9:9-9:28", "item-double"],
    ]);
    const profile = r.settings[0];
    expect(profile && [sliceRange(r.file, profile.key.range), sliceRange(r.file, profile.value.range), profile.syntax, profile.provider]).toEqual([
      "AWS_PROFILE",
      "prod",
      "env",
      "aws",
    ]);
    expect(r.settings[1] && sliceRange(r.file, r.settings[1].value.range)).toBe(" us-east-1 ");
  });

  it("reads interpolation as Compose does: references, dynamic text, `$$` escapes", () => {
    const r = read(`services:
  app:
    environment:
      A: \${AWS_SECRET_ACCESS_KEY}
      B: $AWS_SESSION_TOKEN
      C: \${AWS_REGION:-eu-west-1}
      D: \${TOKEN?must be set}
      E: arn:aws:iam::\${ACCOUNT}:role/x
      F: pa$$word
      G: $$NOT_A_VAR
      H: \${A:-\${B}}
      I: cost$5
    environment_list_too: ignored
  other:
    environment:
      - REF=\${SECRET_FROM_SHELL}
      - MIX=x-$Y
`);
    expect(r.settings.map(show)).toEqual([
      "A=reference:AWS_SECRET_ACCESS_KEY",
      "B=reference:AWS_SESSION_TOKEN",
      "C=reference:AWS_REGION",
      "D=reference:TOKEN",
      "E=dynamic:arn:aws:iam::${ACCOUNT}:role/x",
      "F=literal:pa$word",
      "G=literal:$NOT_A_VAR",
      "H=reference:A",
      "I=literal:cost$5",
      "REF=reference:SECRET_FROM_SHELL",
      "MIX=dynamic:x-$Y",
    ]);
    // The raw text is what is written: `$$` stays two characters there.
    expect(r.settings[5]?.value.raw).toBe("pa$$word");
  });

  it("interpolate(): one reference is a reference, anything around it is dynamic", () => {
    expect(interpolate("${X}")).toEqual({ kind: "reference", target: "X" });
    expect(interpolate("$X")).toEqual({ kind: "reference", target: "X" });
    expect(interpolate("${X-d}")).toEqual({ kind: "reference", target: "X" });
    expect(interpolate("${X:+alt}")).toEqual({ kind: "reference", target: "X" });
    expect(interpolate(" ${X}")).toEqual({ kind: "dynamic" });
    expect(interpolate("${X}${Y}")).toEqual({ kind: "dynamic" });
    expect(interpolate("$$$$")).toEqual({ kind: "literal", value: "$$" });
    expect(interpolate("${unclosed")).toEqual({ kind: "literal", value: "${unclosed" });
    expect(interpolate("")).toEqual({ kind: "literal", value: "" });
  });
});

describe("readCompose: structure", () => {
  it("shares a merged x- anchor between services as one setting", () => {
    const r = read(`x-aws: &aws
  AWS_REGION: eu-west-1
  AWS_PROFILE: dev
services:
  a:
    environment:
      <<: *aws
      AWS_PROFILE: prod
  b:
    environment: *aws
`);
    expect(r.errors).toBeUndefined();
    wellFormed(r);
    const [a, b] = r.contexts ?? [];
    expect(a?.own.map(show)).toEqual(["AWS_REGION=literal:eu-west-1", "AWS_PROFILE=literal:prod"]);
    expect(b?.own.map(show)).toEqual(["AWS_REGION=literal:eu-west-1", "AWS_PROFILE=literal:dev"]);
    // The anchored entry is written once, so it is one setting that both services hold.
    expect(a?.own[0]).toBe(b?.own[0]);
    expect(r.settings.map(show)).toEqual(["AWS_REGION=literal:eu-west-1", "AWS_PROFILE=literal:prod", "AWS_PROFILE=literal:dev"]);
    expect(at(a?.own[0]?.key.range)).toBe("2:3-2:13");
  });

  it("gives a service that extends another in the file that service's context as parent", () => {
    const r = read(`services:
  worker:
    extends:
      service: base
    environment:
      AWS_PROFILE: worker
  base:
    environment:
      AWS_REGION: eu-west-1
      AWS_PROFILE: base
  cli:
    extends: worker
  elsewhere:
    extends:
      file: common.yml
      service: base
  loop:
    extends: loop
`);
    wellFormed(r);
    const ctx = (name: string) => r.contexts?.find((c) => c.where === `service ${name} in docker-compose.yml`);
    expect(ctx("worker")?.parent).toBe(ctx("base"));
    expect(ctx("cli")?.parent).toBe(ctx("worker"));
    expect(ctx("elsewhere")?.parent).toBeUndefined();
    expect(ctx("loop")?.parent).toBeUndefined();
    const worker = ctx("cli");
    const vars = worker ? effectiveVars(worker) : new Map();
    expect([...vars.values()].map(show)).toEqual(["AWS_REGION=literal:eu-west-1", "AWS_PROFILE=literal:worker"]);
    // A parent is made before the services that extend it.
    const order = r.contexts?.map((c) => c.where) ?? [];
    expect(order.indexOf("service base in docker-compose.yml")).toBeLessThan(order.indexOf("service worker in docker-compose.yml"));
  });

  it("reads build args as a context of their own", () => {
    const r = read(`services:
  api:
    build:
      context: .
      args:
        - NPM_TOKEN=npm_not_a_real_token_0000
        - AWS_REGION
    environment:
      A: b
  plain:
    build: ./dir
`);
    wellFormed(r);
    expect(r.contexts?.map((c) => [c.where, at(c.anchor), c.own.map(show)])).toEqual([
      ["service api in docker-compose.yml", "2:3-2:6", ["A=literal:b"]],
      ["build of service api in docker-compose.yml", "5:7-5:11", ["NPM_TOKEN=literal:npm_not_a_real_token_0000", "AWS_REGION=reference:AWS_REGION"]],
      ["service plain in docker-compose.yml", "10:3-10:8", []],
    ]);
  });

  it("returns env_file paths relative to the repository, with the range of the path as written", () => {
    const r = read(
      `services:
  api:
    env_file: .env.api
  worker:
    env_file:
      - ./common.env
      - ../shared/worker.env
      - path: ./optional.env
        required: false
      - path: raw.env
        format: raw
      - /etc/app.env
      - ../../../outside.env
      - \${ENV_DIR}/x.env
      - ~/home.env
`,
      "deploy/app/compose.yaml",
    );
    expect(r.errors).toBeUndefined();
    expect(r.includes?.map((i) => [i.text, at(i.range)])).toEqual([
      ["deploy/app/.env.api", "3:15-3:23"],
      ["deploy/app/common.env", "6:9-6:21"],
      ["deploy/shared/worker.env", "7:9-7:29"],
      ["deploy/app/optional.env", "8:15-8:29"],
    ]);
  });

  it("repoPath() resolves against the compose file's folder and refuses to leave the repository", () => {
    expect(repoPath("docker-compose.yml", ".env")).toBe(".env");
    expect(repoPath("a/b/compose.yml", "./c/../d.env")).toBe("a/b/d.env");
    expect(repoPath("a/compose.yml", "..\\x.env")).toBe("x.env");
    expect(repoPath("compose.yml", "../x.env")).toBeUndefined();
    expect(repoPath("compose.yml", "C:\\x.env")).toBeUndefined();
    expect(repoPath("compose.yml", "")).toBeUndefined();
  });

  it("reads secrets and configs created from the shell's variables as references", () => {
    const r = read(`services:
  api:
    secrets: [token]
secrets:
  token:
    environment: OAUTH_TOKEN
  cert:
    file: ./server.cert
configs:
  settings:
    environment: "AWS_CONFIG_JSON"
`);
    wellFormed(r);
    const [token, settings] = r.settings;
    expect(r.settings.map((s) => [show(s), s.where, s.syntax, at(s.key.range), at(s.value.range)])).toEqual([
      ["token=reference:OAUTH_TOKEN", "secret token in docker-compose.yml", "code", "5:3-5:8", "6:18-6:29"],
      ["settings=reference:AWS_CONFIG_JSON", "config settings in docker-compose.yml", "code", "10:3-10:11", "11:18-11:35"],
    ]);
    expect(token?.provider).toBe("generic");
    expect(settings?.provider).toBe("aws");
    // Not part of any service's environment.
    expect(r.contexts?.flatMap((c) => c.own)).toEqual([]);
  });

  it("reads the v1 file format (services at the top level)", () => {
    const r = read(`web:
  image: nginx
  environment:
    - AWS_REGION=us-west-2
x-notes:
  image: nope
volumes_like:
  driver: local
`);
    expect(r.contexts?.map((c) => c.where)).toEqual(["service web in docker-compose.yml"]);
    expect(r.settings.map(show)).toEqual(["AWS_REGION=literal:us-west-2"]);
  });

  it("marks contexts of example copies and test fixtures as not live", () => {
    const text = "services:\n  a:\n    environment:\n      X: y\n";
    expect(read(text, "docker-compose.example.yml").contexts?.map((c) => c.live)).toEqual([false]);
    expect(read(text, "test/docker-compose.yml").contexts?.map((c) => c.live)).toEqual([false]);
  });
});

describe("readCompose: bad input", () => {
  it("reports malformed YAML with its line and keeps what it read", () => {
    const r = read(`services:
  api:
    environment:
      AWS_REGION: eu-west-1
  worker:
    environment: [unclosed
`);
    expect(r.errors).toHaveLength(1);
    expect(r.errors?.[0]?.line).toBeGreaterThanOrEqual(6);
    expect(r.settings.map(show)).toContain("AWS_REGION=literal:eu-west-1");
  });

  it("never throws on odd input", () => {
    for (const text of ["", "just text", "- a\n- b\n", "services: []\n", "services:\n  a: 1\n  b:\n    environment: 7\n", "\t- [:\n{", "services:\n  a:\n    environment:\n      - [x]\n      - =y\n"]) {
      expect(() => read(text)).not.toThrow();
    }
    expect(read("").errors).toBeUndefined();
    expect(read("services:\n  a:\n    environment:\n      - =y\n").settings).toEqual([]);
  });

  it("stops a merge-key alias bomb fast, with an error instead of a throw", () => {
    const levels = ["x0: &x0 {A: a}"];
    for (let i = 1; i < 10; i++) levels.push(`x${i}: &x${i} {<<: [${Array.from({ length: 10 }, () => `*x${i - 1}`).join(", ")}]}`);
    const started = Date.now();
    const r = read(`${levels.join("\n")}\nservices:\n  api:\n    environment: *x9\n`);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.errors).toEqual([{ line: 1, message: expect.stringMatching(/alias/) }]);
  });

  it("reads nesting too deep as an error", () => {
    const r = read(`services:\n  a:\n    environment: ${"[".repeat(5000)}x${"]".repeat(5000)}\n`);
    expect(r.errors?.[0]?.message).toMatch(/nesting too deep|flow/);
  });
});
