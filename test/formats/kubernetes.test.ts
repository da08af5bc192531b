import { describe, expect, it } from "vitest";
import type { FormatResult } from "../../src/formats/format.js";
import { decodeBase64, expand, looksLikeKubernetes, maskGoTemplates, readKubernetes } from "../../src/formats/kubernetes.js";
import { makeSourceFile, sliceRange } from "../../src/model/source.js";
import { at, show } from "../support/ci.js";
import { fakeKeyId, fakeSecret } from "../support/fake-keys.js";

const KEY_ID = fakeKeyId(5202);
const SECRET = fakeSecret(5202);
const b64 = (s: string): string => Buffer.from(s, "utf8").toString("base64");

function read(text: string, path = "k8s/deploy.yaml"): FormatResult & { file: ReturnType<typeof makeSourceFile> } {
  const file = makeSourceFile(path, "kubernetes", text);
  return { ...readKubernetes(file), file };
}

function wellFormed(r: FormatResult): void {
  expect(new Set(r.settings).size).toBe(r.settings.length);
  for (const c of r.contexts ?? []) for (const s of c.own) expect(r.settings).toContain(s);
}

describe("looksLikeKubernetes", () => {
  it("recognises manifests by their top-level apiVersion and kind", () => {
    expect(looksLikeKubernetes("apiVersion: v1\nkind: Secret\n")).toBe(true);
    expect(looksLikeKubernetes("# a comment\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n")).toBe(true);
    expect(looksLikeKubernetes("kind: ConfigMap\napiVersion: v1\n")).toBe(true);
    expect(looksLikeKubernetes('{{- /*\nCopyright\n*/}}\n{{- if .Values.x }}\napiVersion: {{ include "x" . }}\nkind: Deployment\n')).toBe(true);
    expect(looksLikeKubernetes('{\n  "apiVersion": "v1",\n  "kind": "List",\n  "items": []\n}\n')).toBe(true);
  });

  it("leaves other YAML and JSON alone", () => {
    expect(looksLikeKubernetes("apiVersion: v2\nname: chart\nversion: 1.0.0\n")).toBe(false);
    expect(looksLikeKubernetes("spec:\n  apiVersion: v1\n  kind: Pod\n")).toBe(false);
    expect(looksLikeKubernetes("services:\n  api:\n    image: x\n")).toBe(false);
    expect(looksLikeKubernetes('{"kind": "discovery#restDescription"}')).toBe(false);
  });
});

const DEPLOYMENT = [
  "apiVersion: apps/v1", // 1
  "kind: Deployment", // 2
  "metadata:", // 3
  "  name: api", // 4
  "spec:", // 5
  "  template:", // 6
  "    spec:", // 7
  "      initContainers:", // 8
  "        - name: migrate", // 9
  "          env:", // 10
  "            - name: DB_URL", // 11
  '              value: "postgres://$(DB_HOST):5432/app"', // 12
  "      containers:", // 13
  "        - name: app", // 14
  "          env:", // 15
  "            - name: AWS_REGION", // 16
  "              value: eu-west-1", // 17
  "            - value: " + KEY_ID, // 18
  "              name: AWS_ACCESS_KEY_ID", // 19
  "            - name: AWS_SECRET_ACCESS_KEY", // 20
  "              valueFrom:", // 21
  "                secretKeyRef:", // 22
  "                  name: api-keys", // 23
  "                  key: aws-secret", // 24
  "            - name: REGION_COPY", // 25
  "              value: $(AWS_REGION)", // 26
  "            - name: LITERAL_DOLLAR", // 27
  "              value: $$(AWS_REGION)", // 28
  "            - name: EMPTY", // 29
  "            - name: NAMESPACE", // 30
  "              valueFrom: {fieldRef: {fieldPath: metadata.namespace}}", // 31
  "            - name: SETTINGS", // 32
  "              valueFrom:", // 33
  "                configMapKeyRef: {name: app-config, key: settings.json}", // 34
  "            - name: CPU", // 35
  "              valueFrom: {resourceFieldRef: {resource: limits.cpu}}", // 36
  "          envFrom:", // 37
  "            - secretRef: {name: all-keys}", // 38
  "      ephemeralContainers:", // 39
  "        - name: debug", // 40
  "          env: [{name: DEBUG, value: '1'}]", // 41
  "", // 42
].join("\n");

describe("readKubernetes: workloads", () => {
  it("reads each container's env: key range on the name, value range on the value", () => {
    const r = read(DEPLOYMENT);
    expect(r.errors).toBeUndefined();
    wellFormed(r);
    expect(r.contexts?.map((c) => [c.where, at(c.anchor), c.syntax, c.ci ?? null, c.live])).toEqual([
      ["init container migrate of Deployment api in k8s/deploy.yaml", "9:17-9:24", "yaml", null, true],
      ["container app of Deployment api in k8s/deploy.yaml", "14:17-14:20", "yaml", null, true],
      ["ephemeral container debug of Deployment api in k8s/deploy.yaml", "40:17-40:22", "yaml", null, true],
    ]);
    const app = r.contexts?.[1];
    expect(app?.own.map(show)).toEqual([
      "AWS_REGION=literal:eu-west-1",
      `AWS_ACCESS_KEY_ID=literal:${KEY_ID}`,
      "AWS_SECRET_ACCESS_KEY=reference:secretKeyRef api-keys/aws-secret",
      "REGION_COPY=reference:AWS_REGION",
      "LITERAL_DOLLAR=literal:$(AWS_REGION)",
      "EMPTY=literal:",
      "NAMESPACE=reference:fieldRef metadata.namespace",
      "SETTINGS=reference:configMapKeyRef app-config/settings.json",
      "CPU=reference:resourceFieldRef limits.cpu",
    ]);
    expect(app?.own.map((s) => [at(s.key.range), at(s.value.range), s.style ?? null])).toEqual([
      ["16:21-16:31", "17:22-17:31", "plain"],
      ["19:21-19:38", "18:22-18:42", "plain"],
      ["20:21-20:42", "22:17-24:34", null],
      ["25:21-25:32", "26:22-26:35", "plain"],
      ["27:21-27:35", "28:22-28:36", "plain"],
      ["29:21-29:26", "29:26-29:26", "plain"],
      ["30:21-30:30", "31:26-31:69", null],
      ["32:21-32:29", "34:17-34:72", null],
      ["35:21-35:24", "36:26-36:68", null],
    ]);
    const key = app?.own[1];
    // `value` written before `name`: the setting's range runs from the first to the last of the two.
    expect(key && [at(key.range), key.provider, key.syntax, key.where]).toEqual(["18:22-19:38", "aws", "env", "container app of Deployment api in k8s/deploy.yaml"]);
    expect(key && sliceRange(r.file, key.value.range)).toBe(KEY_ID);
    expect(r.contexts?.[0]?.own.map(show)).toEqual(["DB_URL=dynamic:\"postgres://$(DB_HOST):5432/app\""]);
    expect(r.contexts?.[2]?.own.map(show)).toEqual(["DEBUG=literal:1"]);
    // envFrom imports keys that are not in this file: no settings.
    expect(r.settings).toHaveLength(11);
  });

  it("finds the pod spec of every workload kind", () => {
    const pod = (spec: string, indent: string) =>
      `${indent}containers:\n${indent}  - name: c\n${indent}    env:\n${indent}      - {name: X, value: "${spec}"}\n`;
    const r = read(
      [
        `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n${pod("pod", "  ")}`,
        `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cj}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n${pod("cronjob", "          ")}`,
        `apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n    spec:\n${pod("job", "      ")}`,
        `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s}\nspec:\n  template:\n    spec:\n${pod("sts", "      ")}`,
        `apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n${pod("ds", "      ")}`,
        `apiVersion: v1\nkind: PodTemplate\nmetadata: {name: t}\ntemplate:\n  spec:\n${pod("podtemplate", "    ")}`,
        `apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: r}\nspec:\n  template:\n    spec:\n${pod("rollout", "      ")}`,
        `apiVersion: v1\nkind: Service\nmetadata: {name: svc}\nspec:\n  ports: [{port: 80}]\n`,
      ].join("---\n"),
    );
    expect(r.errors).toBeUndefined();
    expect(r.contexts?.map((c) => [c.where, c.own.map(show)])).toEqual([
      ["container c of Pod p in k8s/deploy.yaml", ["X=literal:pod"]],
      ["container c of CronJob cj in k8s/deploy.yaml", ["X=literal:cronjob"]],
      ["container c of Job j in k8s/deploy.yaml", ["X=literal:job"]],
      ["container c of StatefulSet s in k8s/deploy.yaml", ["X=literal:sts"]],
      ["container c of DaemonSet d in k8s/deploy.yaml", ["X=literal:ds"]],
      ["container c of PodTemplate t in k8s/deploy.yaml", ["X=literal:podtemplate"]],
      ["container c of Rollout r in k8s/deploy.yaml", ["X=literal:rollout"]],
    ]);
  });

  it("reads every document of a multi-document file and the items of a List", () => {
    const r = read(`---
# first
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata: {name: one}
    data: {AWS_REGION: eu-west-1}
  - apiVersion: v1
    kind: Secret
    metadata: {name: two}
    stringData: {token: abc}
---
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: three
data:
  AWS_PROFILE: dev
`);
    expect(r.errors).toBeUndefined();
    wellFormed(r);
    expect(r.contexts?.map((c) => [c.where, at(c.anchor), c.own.map(show)])).toEqual([
      ["ConfigMap one in k8s/deploy.yaml", "8:22-8:25", ["AWS_REGION=literal:eu-west-1"]],
      ["Secret two in k8s/deploy.yaml", "12:22-12:25", ["token=literal:abc"]],
      ["ConfigMap three in k8s/deploy.yaml", "19:9-19:14", ["AWS_PROFILE=literal:dev"]],
    ]);
  });

  it("keeps anchors per document, and shares an anchored env list as one setting", () => {
    const r = read(`apiVersion: v1
kind: Pod
metadata: {name: a}
spec:
  containers:
    - name: one
      env: &env
        - {name: AWS_REGION, value: eu-west-1}
    - name: two
      env: *env
`);
    wellFormed(r);
    expect(r.contexts?.map((c) => c.own.map(show))).toEqual([["AWS_REGION=literal:eu-west-1"], ["AWS_REGION=literal:eu-west-1"]]);
    expect(r.contexts?.[0]?.own[0]).toBe(r.contexts?.[1]?.own[0]);
    expect(r.settings).toHaveLength(1);
  });

  it("expand(): the kubelet's $(VAR) and $$", () => {
    expect(expand("$(A)")).toEqual({ kind: "reference", target: "A" });
    expect(expand("x$(A)")).toEqual({ kind: "dynamic" });
    expect(expand("$$(A)")).toEqual({ kind: "literal", value: "$(A)" });
    expect(expand("$A")).toEqual({ kind: "literal", value: "$A" });
    expect(expand("$(unclosed")).toEqual({ kind: "literal", value: "$(unclosed" });
    expect(expand("a$$b")).toEqual({ kind: "literal", value: "a$b" });
  });
});

describe("readKubernetes: Secrets and ConfigMaps", () => {
  const SECRET_DOC = [
    "apiVersion: v1", // 1
    "kind: Secret", // 2
    "metadata:", // 3
    "  name: aws-creds", // 4
    "type: Opaque", // 5
    "data:", // 6
    `  AWS_ACCESS_KEY_ID: ${b64(KEY_ID)}`, // 7
    `  AWS_SECRET_ACCESS_KEY: ${b64(`${SECRET}\n`)}`, // 8
    "  password: not*base64", // 9
    "  unpadded: YWJj", // 10
    "  short: YWI", // 11
    `  binary: ${Buffer.from([0xff, 0xfe, 0x00, 0x80]).toString("base64")}`, // 12
    '  empty: ""', // 13
    "  wrapped: |", // 14
    `    ${b64("line-one-of-a-long-value-").slice(0, 16)}`, // 15
    `    ${b64("line-one-of-a-long-value-").slice(16)}`, // 16
    "stringData:", // 17
    "  AWS_REGION: eu-west-1", // 18
    '  AWS_ACCESS_KEY_ID: "overridden"', // 19
    "", // 20
  ].join("\n");

  it("decodes data: values; the range is the base64 text, the value what the container sees", () => {
    const r = read(SECRET_DOC, "k8s/secret.yaml");
    expect(r.errors).toBeUndefined();
    wellFormed(r);
    expect(r.contexts?.map((c) => [c.where, at(c.anchor), c.live])).toEqual([["Secret aws-creds in k8s/secret.yaml", "4:9-4:18", true]]);
    expect(r.settings.map(show)).toEqual([
      `AWS_ACCESS_KEY_ID=literal:${KEY_ID}`,
      // `echo "$SECRET" | base64`: the newline is part of the secret the container gets.
      `AWS_SECRET_ACCESS_KEY=literal:${SECRET}\n`,
      "password=dynamic:not*base64",
      "unpadded=literal:abc",
      "short=dynamic:YWI",
      `binary=dynamic:${Buffer.from([0xff, 0xfe, 0x00, 0x80]).toString("base64")}`,
      "empty=literal:",
      "wrapped=literal:line-one-of-a-long-value-",
      "AWS_REGION=literal:eu-west-1",
      "AWS_ACCESS_KEY_ID=literal:overridden",
    ]);
    expect(r.settings.map((s) => s.style)).toEqual(["base64", "base64", "base64", "base64", "base64", "base64", "base64", "base64", "plain", "double"]);
    const [keyId, secret] = r.settings;
    expect(keyId && [at(keyId.key.range), at(keyId.value.range), sliceRange(r.file, keyId.value.range)]).toEqual(["7:3-7:20", "7:22-7:50", b64(KEY_ID)]);
    expect(secret && [secret.provider, secret.syntax, secret.where, secret.value.raw]).toEqual(["aws", "env", "Secret aws-creds in k8s/secret.yaml", b64(`${SECRET}\n`)]);
    // stringData comes after data, so it wins, as the API server merges them.
    const env = r.contexts?.[0];
    const own = env?.own ?? [];
    expect(own.filter((s) => s.key.text === "AWS_ACCESS_KEY_ID").map(show).at(-1)).toBe("AWS_ACCESS_KEY_ID=literal:overridden");
  });

  it("decodeBase64(): Go's standard encoding", () => {
    expect(decodeBase64(b64("secret\n"))).toEqual({ kind: "literal", value: "secret\n" });
    expect(decodeBase64(`${b64("abcdef").slice(0, 4)}\r\n${b64("abcdef").slice(4)}`)).toEqual({ kind: "literal", value: "abcdef" });
    expect(decodeBase64(b64("\ufeffbom"))).toEqual({ kind: "literal", value: "\ufeffbom" });
    expect(decodeBase64("YW Jj")).toEqual({ kind: "dynamic" });
    expect(decodeBase64("YWJj=")).toEqual({ kind: "dynamic" });
    expect(decodeBase64("-_-_")).toEqual({ kind: "dynamic" });
    expect(decodeBase64(undefined)).toEqual({ kind: "dynamic" });
  });

  it("reads ConfigMap data as written, without decoding", () => {
    const r = read(`apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
data:
  AWS_DEFAULT_REGION: ${b64("us-east-1")}
  config: |
    [default]
    region = eu-west-1
binaryData:
  blob: ${b64("x")}
`);
    expect(r.settings.map(show)).toEqual([`AWS_DEFAULT_REGION=literal:${b64("us-east-1")}`, "config=literal:[default]\nregion = eu-west-1\n"]);
    expect(r.settings.map((s) => s.style)).toEqual(["plain", "literal"]);
    expect(r.contexts?.[0]?.where).toBe("ConfigMap cfg in k8s/deploy.yaml");
  });
});

describe("readKubernetes: Helm templates", () => {
  const CHART = [
    "{{- /*", // 1
    "Copyright Example, Inc.", // 2
    "*/}}", // 3
    "{{- if .Values.enabled }}", // 4
    'apiVersion: {{ include "common.capabilities.deployment.apiVersion" . }}', // 5
    "kind: Deployment", // 6
    "metadata:", // 7
    '  name: {{ include "app.fullname" . }}', // 8
    '  labels: {{- include "app.labels" . | nindent 4 }}', // 9
    "    app.kubernetes.io/component: api", // 10
    "spec:", // 11
    "  template:", // 12
    "    spec:", // 13
    "      containers:", // 14
    "        - name: api", // 15
    "          command:", // 16
    "            - /bin/sh", // 17
    "            - -c", // 18
    "            - |", // 19
    "              {{- if .Values.debug }}", // 20
    "              set -x", // 21
    "              {{- end }}", // 22
    "              exec app", // 23
    "          env:", // 24
    "            - name: AWS_REGION", // 25
    "              value: {{ .Values.region | quote }}", // 26
    "            - name: STATIC", // 27
    '              value: "fixed"', // 28
    "            - name: {{ .Values.extraName }}", // 29
    "              value: x", // 30
    "            - name: PASSWORD", // 31
    "              valueFrom:", // 32
    "                secretKeyRef:", // 33
    '                  name: {{ include "app.secretName" . }}', // 34
    "                  key: password", // 35
    "{{- end }}", // 36
    "---", // 37
    "apiVersion: v1", // 38
    "kind: Secret", // 39
    "metadata:", // 40
    "  name: {{ .Release.Name }}-aws", // 41
    "data:", // 42
    "  AWS_SECRET_ACCESS_KEY: {{ .Values.aws.secretKey | b64enc | quote }}", // 43
    "  {{- range $k, $v := .Values.extra }}", // 44
    "  {{ $k }}: {{ $v | b64enc }}", // 45
    "  {{- end }}", // 46
    "", // 47
  ].join("\n");

  it("reads a chart template as the YAML between its expressions, with nothing invented", () => {
    const r = read(CHART, "charts/app/templates/deployment.yaml");
    expect(r.errors).toBeUndefined();
    wellFormed(r);
    expect(r.contexts?.map((c) => [c.where, at(c.anchor)])).toEqual([
      ['container api of Deployment {{ include "app.fullname" . }} in charts/app/templates/deployment.yaml', "15:17-15:20"],
      ["Secret {{ .Release.Name }}-aws in charts/app/templates/deployment.yaml", "41:9-41:32"],
    ]);
    expect(r.settings.map(show)).toEqual([
      "AWS_REGION=dynamic:{{ .Values.region | quote }}",
      "STATIC=literal:fixed",
      'PASSWORD=reference:secretKeyRef {{ include "app.secretName" . }}/password',
      "AWS_SECRET_ACCESS_KEY=dynamic:{{ .Values.aws.secretKey | b64enc | quote }}",
    ]);
    expect(at(r.settings[0]?.value.range)).toBe("26:22-26:50");
  });

  it("maskGoTemplates() keeps every offset and line break", () => {
    const masked = maskGoTemplates(CHART);
    expect(masked).toHaveLength(CHART.length);
    expect([...masked.matchAll(/\n/g)].map((m) => m.index)).toEqual([...CHART.matchAll(/\n/g)].map((m) => m.index));
    expect(masked.includes("{{")).toBe(false);
    expect(maskGoTemplates("a: b\n")).toBe("a: b\n");
  });

  it("reads templated values of plain manifests as dynamic (a Prometheus rule's {{ $labels }})", () => {
    const r = read(`apiVersion: v1
kind: ConfigMap
metadata: {name: alerts}
data:
  summary: "{{ $labels.instance }} is down"
  plain: ok
`);
    expect(r.errors).toBeUndefined();
    expect(r.settings.map(show)).toEqual(['summary=dynamic:"{{ $labels.instance }} is down"', "plain=literal:ok"]);
  });

  it("does not parse files without an env, data or stringData key (a Service, RBAC): nothing there is read", () => {
    const r = read(`apiVersion: v1\nkind: Service\nmetadata: {name: api}\nspec:\n  ports: [{port: 80\n`, "charts/api/templates/service.yaml");
    expect(r).toMatchObject({ settings: [], contexts: [] });
    expect(r.errors).toBeUndefined();
  });

  it("reads the keys however they are written: quoted, spaced, JSON on one line", () => {
    const spaced = read(`apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    "env" :\n    - {name: AWS_REGION, value: eu-west-1}\n`);
    expect(spaced.settings.map(show)).toEqual(["AWS_REGION=literal:eu-west-1"]);
    const json = read(`{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"app","env":[{"name":"AWS_REGION","value":"eu-west-1"}]}]}}`, "k8s/pod.json");
    expect(json.settings.map(show)).toEqual(["AWS_REGION=literal:eu-west-1"]);
    const secret = read(`apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n'stringData': {AWS_REGION: eu-west-1}\n`);
    expect(secret.settings.map(show)).toEqual(["AWS_REGION=literal:eu-west-1"]);
  });

  it("does not parse files that only define custom resources", () => {
    const r = read(`apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: x}\nspec: {group: g}\n---\napiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nspec: [broken\n`);
    expect(r).toMatchObject({ settings: [], contexts: [] });
    expect(r.errors).toBeUndefined();
  });
});

describe("readKubernetes: bad input", () => {
  it("reports malformed YAML with its line and keeps the documents before it", () => {
    const r = read(`apiVersion: v1
kind: ConfigMap
metadata: {name: ok}
data: {AWS_REGION: eu-west-1}
---
apiVersion: v1
kind: Secret
stringData:
  key: [unclosed
`);
    expect(r.errors).toHaveLength(1);
    expect(r.errors?.[0]?.line).toBeGreaterThanOrEqual(9);
    expect(r.settings.map(show)).toContain("AWS_REGION=literal:eu-west-1");
  });

  it("never throws on odd input", () => {
    for (const text of ["", "---\n---\n", "apiVersion: v1\nkind: Pod\nspec: 3\n", "apiVersion: v1\nkind: Pod\nspec:\n  containers: [1, {env: [1, {name: [a]}]}]\n", "\t- [:\n{", "kind: List\nitems: [{kind: List, items: [{kind: List, items: [{kind: Secret, stringData: {a: b}}]}]}]\n"]) {
      expect(() => read(text)).not.toThrow();
    }
  });

  it("stops an alias bomb fast, and the documents of a file share one budget", () => {
    const levels = ["x0: &x0 {A: a}"];
    for (let i = 1; i < 10; i++) levels.push(`x${i}: &x${i} {<<: [${Array.from({ length: 10 }, () => `*x${i - 1}`).join(", ")}]}`);
    const started = Date.now();
    const bomb = read(`${levels.join("\n")}\nkind: ConfigMap\ndata: *x9\n`);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(bomb.errors).toEqual([{ line: 1, message: expect.stringMatching(/alias/) }]);
    // 1,200 documents of 10 merges each: within any one document's budget, past the file's.
    const doc = "a: &a {K: v}\nkind: ConfigMap\ndata: {<<: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]}\n";
    const many = read(Array.from({ length: 1200 }, () => doc).join("---\n"));
    expect(many.errors).toEqual([{ line: 1, message: expect.stringMatching(/alias/) }]);
    expect(many.settings.length).toBeGreaterThan(0);
  });
});
