// The inputs the bench builds itself, all deterministic (seeded) and written to a temporary folder:
//
//   generatedRepo  a monorepo of 100 services × 50 files: source in eight languages, Dockerfiles, .env files,
//                  GitHub/GitLab/CircleCI YAML, AWS config/credentials, and about 2% of files carrying
//                  random-looking fake keys; plus files that .gitignore excludes, which every tool must skip
//   stagedRepo     a one-commit repository with a typical 5-file change staged
//   tsProject      a TypeScript project of a few hundred files with AWS SDK calls, for the ESLint case
import { Buffer } from "node:buffer";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chars, fake, int, pick, seeded } from "./random.js";

export const SEED = 20240601;
const SERVICES = 100;
const FILES_PER_SERVICE = 50;
const REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2", "sa-east-1"];

export function git(cwd, ...args) {
  const r = spawnSync("git", ["-c", "user.email=bench@example.com", "-c", "user.name=bench", "-c", "commit.gpgsign=false", ...args], {
    cwd,
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")} in ${cwd}: ${r.stderr}`);
  return r.stdout;
}

/** Writes files under `root` and keeps count of files, bytes and a digest of paths and contents. */
function writer(root) {
  const hash = createHash("sha256");
  const stats = { files: 0, bytes: 0 };
  return {
    stats,
    digest: () => hash.digest("hex").slice(0, 16),
    write(rel, text) {
      const abs = path.join(root, rel);
      mkdirSync(path.dirname(abs), { recursive: true });
      writeFileSync(abs, text);
      hash.update(`${rel}\0${text}\0`);
      stats.files += 1;
      stats.bytes += Buffer.byteLength(text);
    },
  };
}

function commitAll(dir) {
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "generated");
}

/** Creates a git repository at `dir` holding `copies` identical copies of the generated tree (copy-1/, …). */
export function generatedRepo(dir, copies = 1) {
  mkdirSync(dir, { recursive: true });
  git(dir, "init", "-q");
  const w = writer(dir);
  for (let c = 1; c <= copies; c++) writeTree(w, `copy-${c}`);
  commitAll(dir);
  const ignored = writeIgnored(dir, copies);
  return { dir, seed: SEED, files: w.stats.files, bytes: w.stats.bytes, ignoredFiles: ignored, digest: w.digest() };
}

function writeTree(w, base) {
  const rand = seeded(SEED);
  w.write(`${base}/.gitignore`, "dist/\n*.log\nnode_modules/\n");
  w.write(`${base}/README.md`, "# platform\n\nServices, their CI and their deployment configuration.\n");
  for (let s = 0; s < SERVICES; s++) {
    const dir = `${base}/services/svc-${String(s).padStart(3, "0")}`;
    const fixed = serviceFiles(rand, s);
    for (const [rel, text] of fixed) w.write(`${dir}/${rel}`, text);
    for (let i = fixed.length; i < FILES_PER_SERVICE; i++) {
      const lang = pick(rand, LANGUAGES);
      const sub = pick(rand, ["src", "src/handlers", "src/lib", "lib", "internal", "scripts", "test"]);
      w.write(`${dir}/${sub}/${lang.name}${i}.${lang.ext}`, sourceFile(rand, lang, s * 100 + i));
    }
  }
}

/** Files excluded by .gitignore (build output, logs), which no tool should read. */
function writeIgnored(dir, copies) {
  let n = 0;
  for (let c = 1; c <= copies; c++) {
    for (let i = 0; i < 20; i++) {
      const rel = path.join(dir, `copy-${c}/services/svc-00${i % 10}/dist/bundle${i}.js`);
      mkdirSync(path.dirname(rel), { recursive: true });
      writeFileSync(rel, `var password = "not-scanned-${i}";\n`.repeat(2000));
      n++;
    }
    writeFileSync(path.join(dir, `copy-${c}/build.log`), "token = ignored\n".repeat(5000));
    n++;
  }
  return n;
}

function serviceFiles(rand, s) {
  const region = pick(rand, REGIONS);
  const files = [
    ["README.md", `# svc-${s}\n\nDeployed to ${region}. See the runbook.\n`.repeat(int(rand, 1, 6))],
    ["package.json", JSON.stringify({ name: `svc-${s}`, version: "1.0.0", private: true, scripts: { test: "node --test" } }, null, 2) + "\n"],
    ["Dockerfile", dockerfile(s, region)],
    s % 2 === 0 ? [".env", dotenv(rand, s, region)] : [".env.example", "AWS_REGION=\nAWS_PROFILE=\nDATABASE_URL=\n"],
    ciFile(s, region),
  ];
  if (s % 4 === 0) files.push([".aws/config", awsConfig(s, region)]);
  if (s % 8 === 0) files.push([".aws/credentials", awsCredentials(rand, s)]);
  if (s % 25 === 0) files.push(["certs/dev.key", fake.privateKey(rand)]);
  if (s % 3 === 0) files.push(["config/app.yaml", appYaml(rand, s)]);
  return files;
}

function dockerfile(s, region) {
  return `FROM node:20-slim AS build\nARG NPM_TOKEN\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n\nFROM node:20-slim\nENV NODE_ENV=production AWS_REGION=${region} SERVICE=svc-${s}\nCOPY --from=build /app/dist /app\nCMD ["node", "/app/index.js"]\n`;
}

function dotenv(rand, s, region) {
  let text = `NODE_ENV=production\nAWS_REGION=${region}\nAWS_PROFILE=svc-${s}\nDATABASE_URL=postgres://app@db:5432/app\nDB_PASSWORD=${fake.password(rand)}\n`;
  if (s % 10 === 0) text += `AWS_ACCESS_KEY_ID=${fake.awsKeyId(rand)}\nAWS_SECRET_ACCESS_KEY=${fake.awsSecret(rand)}\n`;
  return text;
}

function ciFile(s, region) {
  if (s % 3 === 0) return [".github/workflows/ci.yml", githubWorkflow(s, region)];
  if (s % 3 === 1) return [".gitlab-ci.yml", gitlabCi(s, region)];
  return [".circleci/config.yml", circleCi(s, region)];
}

function githubWorkflow(s, region) {
  return `name: svc-${s}
on: [push, pull_request]
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - run: npm ci && npm test
  deploy:
    needs: test
    runs-on: ubuntu-latest
    permissions:
      id-token: write
      contents: read
    env:
      AWS_REGION: ${region}
    steps:
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: \${{ secrets.AWS_ROLE_ARN }}
          aws-region: \${{ env.AWS_REGION }}
      - run: aws s3 sync ./dist s3://svc-${s}-assets --delete
`;
}

function gitlabCi(s, region) {
  return `stages: [test, deploy]
variables:
  AWS_DEFAULT_REGION: ${region}
test:
  stage: test
  image: node:20
  script:
    - npm ci
    - npm test
deploy:
  stage: deploy
  image: amazon/aws-cli:2.15.0
  id_tokens:
    GITLAB_OIDC_TOKEN:
      aud: https://gitlab.example.com
  script:
    - aws sts assume-role-with-web-identity --role-arn "$ROLE_ARN" --role-session-name svc-${s} --web-identity-token "$GITLAB_OIDC_TOKEN"
    - aws s3 sync ./dist s3://svc-${s}-assets
`;
}

function circleCi(s, region) {
  return `version: 2.1
orbs:
  aws-cli: circleci/aws-cli@4.1
jobs:
  deploy:
    docker:
      - image: cimg/node:20.11
    environment:
      AWS_REGION: ${region}
    steps:
      - checkout
      - aws-cli/setup:
          role_arn: arn:aws:iam::123456789012:role/svc-${s}-deploy
      - run: npm ci && npm run build && aws s3 sync ./dist s3://svc-${s}-assets
workflows:
  main:
    jobs: [deploy]
`;
}

function awsConfig(s, region) {
  return `[default]\nregion = ${region}\n\n[profile svc-${s}]\nrole_arn = arn:aws:iam::123456789012:role/svc-${s}\nsource_profile = default\nregion = ${region}\n\n[profile svc-${s}-sso]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Developer\n\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n`;
}

function awsCredentials(rand, s) {
  return `[default]\naws_access_key_id = ${fake.awsKeyId(rand)}\naws_secret_access_key = ${fake.awsSecret(rand)}\n\n[svc-${s}-ci]\naws_access_key_id = ${fake.awsKeyId(rand)}\naws_secret_access_key = ${fake.awsSecret(rand)}\n`;
}

function appYaml(rand, s) {
  const flags = Array.from({ length: int(rand, 1, 40) }, () => `  - flag-${chars(rand, "abcdef", 6)}\n`).join("");
  return `service: svc-${s}\nlog_level: info\ndatabase:\n  host: db.internal\n  user: app\n  password: ${fake.password(rand)}\nfeatures:\n${flags}`;
}

/** One language: a file header and a repeated unit; `leak` is one line carrying a fake secret. */
const LANGUAGES = [
  {
    name: "handler",
    ext: "js",
    weight: 3,
    head: (r) => `import { S3Client, GetObjectCommand } from "@aws-sdk/client-s3";\n\nconst s3 = new S3Client({ region: "${pick(r, REGIONS)}" });\n\n`,
    unit: (i, k) => `export async function load${i}_${k}(key) {\n  const res = await s3.send(new GetObjectCommand({ Bucket: "bucket-${i}", Key: key }));\n  if (!res.Body) throw new Error("empty object ${k}");\n  return JSON.parse(await res.Body.transformToString());\n}\n\n`,
    leak: (r) => `const githubToken = "${fake.githubToken(r)}";\n`,
  },
  {
    name: "service",
    ext: "ts",
    weight: 3,
    head: (r) => `import { DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";\n\nconst db = new DynamoDBClient({ region: "${pick(r, REGIONS)}" });\n\n`,
    unit: (i, k) => `export async function item${i}_${k}(id: string): Promise<Record<string, unknown> | undefined> {\n  const out = await db.send(new GetItemCommand({ TableName: "items-${i}", Key: { id: { S: id } } }));\n  return out.Item;\n}\n\n`,
    leak: (r) => `const mapsKey = "${fake.googleApiKey(r)}";\n`,
  },
  {
    name: "worker",
    ext: "py",
    weight: 2,
    head: (r) => `import json\nimport boto3\n\nsqs = boto3.client("sqs", region_name="${pick(r, REGIONS)}")\n\n\n`,
    unit: (i, k) => `def handle_${i}_${k}(event, context):\n    for record in event.get("Records", []):\n        body = json.loads(record["body"])\n        sqs.delete_message(QueueUrl=body["queue"], ReceiptHandle=record["receiptHandle"])\n    return {"status": ${200 + (k % 3)}}\n\n\n`,
    leak: (r) => `AWS_SECRET_ACCESS_KEY = "${fake.awsSecret(r)}"\n`,
  },
  {
    name: "client",
    ext: "go",
    weight: 2,
    head: () => `package client\n\nimport (\n\t"context"\n\n\t"github.com/aws/aws-sdk-go-v2/config"\n\t"github.com/aws/aws-sdk-go-v2/service/s3"\n)\n\n`,
    unit: (i, k) => `func Client${i}x${k}(ctx context.Context) (*s3.Client, error) {\n\tcfg, err := config.LoadDefaultConfig(ctx, config.WithRetryMaxAttempts(${3 + (k % 3)}))\n\tif err != nil {\n\t\treturn nil, err\n\t}\n\treturn s3.NewFromConfig(cfg), nil\n}\n\n`,
    leak: (r) => `const accessKeyID = "${fake.awsKeyId(r)}"\n`,
  },
  {
    name: "Repository",
    ext: "java",
    weight: 1,
    head: () => `package com.example.platform;\n\nimport java.util.Map;\n\npublic class Repository {\n`,
    unit: (i, k) => `  public Map<String, Object> find${i}x${k}(String id) {\n    return Map.of("id", id, "table", "items-${i}", "shard", ${k});\n  }\n\n`,
    leak: (r) => `  private static final String PASSWORD = "${fake.password(r)}";\n`,
  },
  {
    name: "task",
    ext: "rb",
    weight: 1,
    head: () => `require "aws-sdk-s3"\n\n`,
    unit: (i, k) => `def upload_${i}_${k}(path)\n  Aws::S3::Client.new.put_object(bucket: "svc-${i}", key: File.basename(path), body: File.read(path))\nend\n\n`,
    leak: (r) => `api_key = "${fake.password(r)}"\n`,
  },
  {
    name: "deploy",
    ext: "sh",
    weight: 1,
    head: () => `#!/usr/bin/env bash\nset -euo pipefail\n\n`,
    unit: (i, k) => `aws s3 sync "./dist/part-${k}" "s3://svc-${i}-assets/part-${k}" --delete\n`,
    leak: (r) => `export GITHUB_TOKEN=${fake.githubToken(r)}\n`,
  },
  {
    name: "main",
    ext: "tf",
    weight: 1,
    head: (r) => `provider "aws" {\n  region = "${pick(r, REGIONS)}"\n}\n\n`,
    unit: (i, k) => `resource "aws_s3_bucket" "b${i}_${k}" {\n  bucket = "svc-${i}-bucket-${k}"\n  tags = {\n    service = "svc-${i}"\n  }\n}\n\n`,
    leak: (r) => `# access_key = "${fake.awsKeyId(r)}"\n`,
  },
].flatMap((lang) => Array.from({ length: lang.weight }, () => lang));

function sourceFile(rand, lang, i) {
  let text = lang.head(rand);
  const units = int(rand, 1, 30);
  for (let k = 0; k < units; k++) text += lang.unit(i, k);
  if (rand() < 0.02) text += lang.leak(rand);
  return text;
}

/** A one-commit repository with four source files and an AWS config staged: a typical small commit. */
export function stagedRepo(dir) {
  mkdirSync(path.join(dir, "src"), { recursive: true });
  git(dir, "init", "-q");
  writeFileSync(path.join(dir, "README.md"), "# service\n");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "init");
  for (let i = 0; i < 4; i++) {
    const body = `export function handler${i}(event) {\n  return { statusCode: 200, body: JSON.stringify(event) };\n}\n`;
    writeFileSync(path.join(dir, "src", `handler${i}.js`), body.repeat(20));
  }
  mkdirSync(path.join(dir, ".aws"));
  writeFileSync(path.join(dir, ".aws/config"), "[default]\nregion = eu-west-1\n\n[profile dev]\nregion = eu-central-1\noutput = json\n");
  git(dir, "add", "-A");
  return { dir, files: 5 };
}

/** A TypeScript project (a git repository) of `count` files using the AWS SDK v3, with the odd finding. */
export function tsProject(dir, count = 300) {
  mkdirSync(dir, { recursive: true });
  git(dir, "init", "-q");
  const rand = seeded(SEED + 1);
  const w = writer(dir);
  w.write("package.json", JSON.stringify({ name: "ts-app", private: true, type: "module" }, null, 2) + "\n");
  w.write("tsconfig.json", JSON.stringify({ compilerOptions: { strict: true, module: "nodenext", target: "es2022" } }, null, 2) + "\n");
  for (let i = 0; i < count; i++) {
    const area = pick(rand, ["api", "jobs", "storage", "auth", "billing"]);
    w.write(`src/${area}/module${i}.ts`, tsModule(rand, i));
  }
  commitAll(dir);
  return { dir, files: w.stats.files, bytes: w.stats.bytes, digest: w.digest() };
}

function tsModule(rand, i) {
  const region = rand() < 0.03 ? "us-east-1a" : pick(rand, REGIONS);
  const credentials = rand() < 0.05 ? ", credentials: { accessKeyId: process.env.APP_KEY ?? \"\", secretAccessKey: process.env.APP_SECRET ?? \"\" }" : "";
  let text = `import { S3Client, PutObjectCommand } from "@aws-sdk/client-s3";
import { fromIni } from "@aws-sdk/credential-providers";

export interface Record${i} {
  id: string;
  createdAt: Date;
  tags: readonly string[];
}

const s3 = new S3Client({ region: "${region}"${credentials} });
const audit = new S3Client({ region: "${pick(rand, REGIONS)}", credentials: fromIni({ profile: "svc-${i % 20}" }) });

`;
  for (let k = 0, n = int(rand, 2, 12); k < n; k++) {
    text += `export async function save${i}x${k}(record: Record${i}): Promise<void> {
  const body = JSON.stringify({ ...record, createdAt: record.createdAt.toISOString() });
  await s3.send(new PutObjectCommand({ Bucket: "records-${i}", Key: \`\${record.id}.json\`, Body: body }));
  if (record.tags.includes("audit")) {
    await audit.send(new PutObjectCommand({ Bucket: "audit-${i}", Key: record.id, Body: body }));
  }
}

`;
  }
  return text;
}
