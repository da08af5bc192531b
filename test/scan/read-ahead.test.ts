/**
 * The per-file stage (src/scan/pool.ts `processTask`, run by workers or inline) sends a file that matters back
 * with what it already made of the text — the secret detectors' matches, and for code the SDK calls and
 * Python's environment writes — so that the main thread runs neither again; files of the kinds whose models
 * are plain data (env, container, CloudFormation, Kubernetes, Serverless files…) come back as their models. The file model built from that
 * must be the one the main thread would have built alone: checked here on every fixture file (every kind the
 * scan reads, realistic files), and on Python whose calls share settings, link a request to its client and
 * find options by their aliases.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/generate.js";
import type { FileModel } from "../../src/model/file-model.js";
import { plainCalls, plainSettings } from "../../src/model/sdk-call.js";
import { makeSourceFile } from "../../src/model/source.js";
import { classify } from "../../src/scan/classify.js";
import { parseFile } from "../../src/scan/parse.js";
import { holdsNothing, processTask, sentWhole, type FileTask } from "../../src/scan/pool.js";
import { DEFAULT_MAX_FILE_SIZE } from "../../src/scan/read.js";
import { tempRepo } from "../support/cli.js";
import { fakeKeyId, fakeSecret } from "../support/fake-secrets.js";

/** Everything of a file model the later stages read, as data. */
function shape(m: FileModel): unknown {
  return {
    kind: m.file.kind,
    settings: plainSettings(m.settings),
    sdkCalls: m.sdkCalls ? plainCalls(m.sdkCalls) : undefined,
    envContexts: m.envContexts?.map((c) => ({ kind: c.kind, where: c.where, own: plainSettings(c.own) })),
    jobs: m.ciJobs?.length,
    includes: m.includes,
    parseErrors: m.parseErrors,
    secretRanges: m.secretRanges,
    secrets: m.secrets?.candidates.map((c) => ({
      kind: c.kind,
      range: c.range,
      value: c.value,
      benign: c.benign,
      confidence: c.confidence,
      name: c.name?.text,
      pair: c.pair?.range,
      setting: c.setting?.key.text,
    })),
    credentialFile: m.secrets?.credentialFile?.kind,
    awsDocument: m.awsDocument ? m.awsDocument.sections.length : undefined,
  };
}

function task(root: string, rel: string): FileTask {
  return { absPath: path.join(root, rel), path: rel, projectPath: rel, installed: false, maxSize: DEFAULT_MAX_FILE_SIZE };
}

/**
 * The per-file stage's outcome, then the main thread's model from it (a model sent whole, cloned as
 * `postMessage` clones it); and the model made from the text alone.
 */
function bothWays(root: string, rel: string): { ahead?: FileModel; alone?: FileModel; inert: boolean; whole?: true } {
  const outcome = processTask(task(root, rel));
  if (outcome.kind === "inert") {
    return { inert: true };
  }
  if (outcome.kind === "parsed") {
    const { model } = structuredClone(outcome);
    const alone = parseFile(makeSourceFile(rel, model.file.kind, model.file.text, rel, false));
    return { ahead: model, alone, inert: false, whole: true };
  }
  if (outcome.kind !== "text") return { inert: false };
  const kind = classify(rel, () => outcome.text.slice(0, 4096));
  const file = () => makeSourceFile(rel, kind, outcome.text, rel, false);
  const ahead = "ahead" in outcome ? parseFile(file(), outcome.ahead) : undefined;
  return { ...(ahead ? { ahead } : {}), alone: parseFile(file()), inert: false };
}

describe("the per-file stage's read-ahead", () => {
  it("every fixture file: the model from the worker's matches and calls is the model from the text", () => {
    const files = execFileSync("git", ["ls-files", "fixtures"], { cwd: ROOT, encoding: "utf8" }).split("\n").filter(Boolean);
    expect(files.length).toBeGreaterThan(500);
    let compared = 0;
    let withCalls = 0;
    const whole = new Set<string>();
    for (const rel of files) {
      const { ahead, alone, inert, whole: sent } = bothWays(ROOT, rel);
      if (inert || !ahead || !alone) continue;
      compared++;
      if (ahead.sdkCalls?.length) withCalls++;
      expect(shape(ahead), rel).toEqual(shape(alone));
      if (sent) {
        whole.add(ahead.file.kind);
        // The clone is the model itself: every object and link, no function lost, no prototype.
        expect(isDeepStrictEqual(ahead, alone), rel).toBe(true);
      } else {
        expect(sentWhole(ahead.file.kind), rel).toBe(false);
      }
    }
    expect(compared).toBeGreaterThan(300);
    expect(withCalls).toBeGreaterThan(20);
    expect([...whole].sort()).toEqual(["cloudformation", "docker-compose", "dockerfile", "dotenv", "iam-policy", "kubernetes", "serverless", "shell", "terraform-vars"]);
  });

  it("inline (no worker): code and text that matter come back as the model the main thread would make", () => {
    const files = execFileSync("git", ["ls-files", "fixtures"], { cwd: ROOT, encoding: "utf8" }).split("\n").filter(Boolean);
    let kept = 0;
    for (const rel of files) {
      const sent = processTask(task(ROOT, rel));
      const inline = processTask(task(ROOT, rel), true);
      if (sent.kind !== "text" || !("ahead" in sent)) {
        // Inert files, models sent whole, and what is not text: the same either way.
        expect(inline, rel).toEqual(sent);
        continue;
      }
      const kind = classify(rel, () => sent.text.slice(0, 4096));
      if (kind !== "text" && kind !== "js-ts" && kind !== "python") {
        // Kinds the main thread reads itself (CI, Terraform, AWS files) come back as text either way.
        expect(inline, rel).toEqual(sent);
        continue;
      }
      expect(inline.kind, rel).toBe("parsed");
      if (inline.kind !== "parsed") continue;
      kept++;
      expect(shape(inline.model), rel).toEqual(shape(parseFile(makeSourceFile(rel, kind, sent.text, rel, false), sent.ahead)));
    }
    expect(kept).toBeGreaterThan(100);
  });

  it("Python: a shared options dict, a request linked to its client, aliases and environment writes survive", () => {
    const text = [
      "import os",
      "import boto3",
      "",
      `OPTIONS = {"aws_access_key_id": "${fakeKeyId(8101)}", "aws_secret_access_key": "${fakeSecret(8101)}"}`,
      'os.environ["AWS_DEFAULT_REGION"] = "eu-west-1"',
      "",
      "def handler(event, context):",
      '    s3 = boto3.client("s3", region_name="us-east-1", **OPTIONS)',
      '    sts = boto3.client("sts", region_name="us-east1", **OPTIONS)',
      '    return sts.assume_role(RoleArn="arn:aws:iam::123456789012:role/deploy", RoleSessionName="ci", SerialNumber="123456")',
      "",
    ].join("\n");
    const root = tempRepo({ "app/handler.py": text });
    const { ahead, alone } = bothWays(root, "app/handler.py");
    expect(ahead && alone).toBeTruthy();
    if (!ahead || !alone) return;
    expect(shape(ahead)).toEqual(shape(alone));
    const request = ahead.sdkCalls?.find((c) => c.callKind === "sts-request");
    expect(request?.client?.get("region_name")?.value).toMatchObject({ value: "us-east1" });
    // boto3's names found by the JS SDK's (the aliases the reader gave the call).
    expect(request?.client?.get("accessKeyId")?.key.text).toBe("aws_access_key_id");
    expect(request?.get("mfaSerial")?.value).toMatchObject({ value: "123456" });
    expect(ahead.envContexts?.[0]?.own.map((s) => s.key.text)).toEqual(["AWS_DEFAULT_REGION"]);
    // Each setting once, as the reader gave it, although two calls spread the same dict.
    expect(ahead.settings.length).toBe(alone.settings.length);
    expect(ahead.settings.every((s) => s.file === ahead.file)).toBe(true);
  });

  it("a file read whole in which the reader found nothing is inert: every such fixture, and templates and manifests", () => {
    const files = execFileSync("git", ["ls-files", "fixtures"], { cwd: ROOT, encoding: "utf8" }).split("\n").filter(Boolean);
    let empty = 0;
    for (const rel of files) {
      const outcome = processTask(task(ROOT, rel));
      if (outcome.kind !== "inert") continue;
      const text = execFileSync("git", ["show", `HEAD:${rel}`], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
      const kind = classify(rel, () => text.slice(0, 4096));
      if (!sentWhole(kind)) continue;
      empty++;
      // What the main thread would have kept holds nothing any rule reads.
      const model = parseFile(makeSourceFile(rel, kind, text, rel, false));
      expect(holdsNothing(model), rel).toBe(true);
      expect(shape(model), rel).toMatchObject({ settings: [], secretRanges: [], secrets: [] });
    }
    expect(empty).toBeGreaterThan(0);
    const root = tempRepo({
      "cfn/bucket.yaml": "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Logs:\n    Type: AWS::S3::Bucket\n",
      "cfn/params.yaml": "AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  Stage:\n    Type: String\n    Default: prod\nResources: {}\n",
      "k8s/service.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 80\n",
      "k8s/deploy.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: web:1\n          env:\n            - name: AWS_REGION\n              value: eu-west-1\n",
      "k8s/key.yaml": `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  annotations:\n    aws_secret_access_key: "${fakeSecret(31)}"\n`,
    });
    const kinds = (rel: string): string => processTask(task(root, rel)).kind;
    expect(kinds("cfn/bucket.yaml")).toBe("inert");
    expect(kinds("k8s/service.yaml")).toBe("inert");
    expect(kinds("cfn/params.yaml")).toBe("parsed");
    expect(kinds("k8s/deploy.yaml")).toBe("parsed");
    // A secret candidate is something: the file is kept, whatever its reader found.
    expect(kinds("k8s/key.yaml")).toBe("parsed");
  });

  it("holdsNothing: any value but the file and its facts is something", () => {
    const file = makeSourceFile("t.yaml", "cloudformation", "x: 1\n");
    expect(holdsNothing({ file, settings: [], secrets: { file, live: true, candidates: [] }, trust: { policies: [], roleLinks: [], providers: [] } })).toBe(true);
    expect(holdsNothing({ file, settings: [], secrets: { file, live: true, candidates: [], credentialFile: { kind: "dotenv" } } })).toBe(false);
    expect(holdsNothing({ file, settings: [], envContexts: [{ own: [] }] })).toBe(false);
    expect(holdsNothing({ file, settings: [], parseErrors: [{ line: 1, message: "x" }] })).toBe(false);
    expect(holdsNothing({ file, settings: [], somethingNew: 0 })).toBe(false);
  });
});
