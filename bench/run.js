#!/usr/bin/env node
// credlint benchmarks, as ratios against a reference run on the same machine in the same run (never as
// absolute times): wall-clock medians of whole processes, interleaved so that machine noise hits both.
//
//   staged startup: `credlint --staged` on a 5-file commit vs `node -e 0`          target ≤ 2.0×
//   full scan:      `credlint` over a generated 3,000-file repository vs a Node
//                   script that lists the same files with git and reads them all      target ≤ 4.0×
//
// Usage: npm run bench [-- --runs N]. Exit 1 when a target is missed. Needs a build (npm ci does it).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CLI = path.join(ROOT, "bin/credlint.js");
const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 15;

function git(cwd, ...args) {
  const r = spawnSync("git", ["-c", "user.email=b@example.com", "-c", "user.name=b", ...args], { cwd, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
}

function timeOnce(cmd, args, cwd) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return ms;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Runs candidate and reference alternately RUNS times (after one warm-up each) and returns medians. */
function compare(candidate, reference, cwd) {
  timeOnce(...candidate, cwd);
  timeOnce(...reference, cwd);
  const a = [];
  const b = [];
  for (let i = 0; i < RUNS; i++) {
    a.push(timeOnce(...candidate, cwd));
    b.push(timeOnce(...reference, cwd));
  }
  return { candidate: median(a), reference: median(b) };
}

function stagedRepo() {
  const dir = mkdtempSync(path.join(tmpdir(), "credlint-bench-staged-"));
  git(dir, "init", "-q");
  mkdirSync(path.join(dir, "src"));
  writeFileSync(path.join(dir, "README.md"), "# service\n");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "init");
  // A typical commit: four source files and a config change.
  for (let i = 0; i < 4; i++) {
    writeFileSync(path.join(dir, "src", `handler${i}.js`), `export function handler${i}(event) {\n  return { statusCode: 200, body: JSON.stringify(event) };\n}\n`.repeat(20));
  }
  mkdirSync(path.join(dir, ".aws"));
  writeFileSync(path.join(dir, ".aws/config"), "[default]\nregion = eu-west-1\n\n[profile dev]\nregion = eu-central-1\noutput = json\n");
  git(dir, "add", "-A");
  return dir;
}

const WORKFLOW = `name: ci
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
      AWS_REGION: eu-west-1
    steps:
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: \${{ secrets.AWS_ROLE_ARN }}
          aws-region: \${{ env.AWS_REGION }}
      - run: aws s3 sync ./dist s3://example-bucket --delete
`;

function corpusRepo(files) {
  const dir = mkdtempSync(path.join(tmpdir(), "credlint-bench-corpus-"));
  git(dir, "init", "-q");
  for (let i = 0; i < files; i++) {
    const sub = path.join(dir, `pkg${i % 60}`, `mod${i % 7}`);
    mkdirSync(sub, { recursive: true });
    if (i % 50 === 10) {
      // CI and env files, as a service repository has them: a workflow, a dotenv file, a Dockerfile, a script.
      const kind = Math.floor(i / 50) % 4;
      if (kind === 0) {
        mkdirSync(path.join(sub, ".github/workflows"), { recursive: true });
        writeFileSync(path.join(sub, ".github/workflows", `ci${i}.yml`), WORKFLOW);
      } else if (kind === 1) writeFileSync(path.join(sub, ".env"), `NODE_ENV=production\nAWS_REGION=eu-west-1\nAWS_PROFILE=p${i - 10}\nDATABASE_URL=postgres://app@db:5432/app\n`);
      else if (kind === 2) writeFileSync(path.join(sub, "Dockerfile"), `FROM node:20-slim AS build\nARG NPM_TOKEN\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n\nFROM node:20-slim\nENV NODE_ENV=production AWS_REGION=eu-west-1\nCOPY --from=build /app/dist /app\nCMD ["node", "/app/index.js"]\n`);
      else writeFileSync(path.join(sub, "deploy.sh"), `#!/usr/bin/env bash\nset -euo pipefail\nexport AWS_REGION=eu-west-1\naws s3 sync ./dist s3://bucket-${i} --delete --profile p${i - 10}\naws cloudfront create-invalidation --distribution-id E123 --paths "/*"\n`);
    } else if (i % 50 === 0) {
      mkdirSync(path.join(sub, ".aws"), { recursive: true });
      writeFileSync(path.join(sub, ".aws/config"), `[default]\nregion = us-east-1\n\n[profile p${i}]\nrole_arn = arn:aws:iam::123456789012:role/R${i}\nsource_profile = default\nregion = eu-west-1\n`);
    } else {
      const body = `// module ${i}\nexport const config${i} = { name: "svc-${i}", retries: ${i % 5}, url: "https://api.example.com/v1/items/${i}" };\n`;
      writeFileSync(path.join(sub, `file${i}.js`), body.repeat(1 + (i % 40)));
    }
  }
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "corpus");
  return dir;
}

const READ_ALL = `const {spawnSync}=require("child_process");const fs=require("fs");
const out=spawnSync("git",["ls-files","-z","--cached","--others","--exclude-standard"],{encoding:"utf8"}).stdout;
let n=0;for(const p of out.split("\\0")){if(p){n+=fs.readFileSync(p).length;}}`;

const results = [];
const staged = stagedRepo();
const s = compare(["node", [CLI, "--staged"]], ["node", ["-e", "0"]], staged);
results.push({ name: "staged startup (5-file commit) vs node -e 0", ...s, target: 2.0 });
const corpus = corpusRepo(3000);
const c = compare(["node", [CLI, "."]], ["node", ["-e", READ_ALL]], corpus);
results.push({ name: "full scan (3,000 files) vs git ls-files + read all", ...c, target: 4.0 });
rmSync(staged, { recursive: true, force: true });
rmSync(corpus, { recursive: true, force: true });

let failed = false;
for (const r of results) {
  const ratio = r.candidate / r.reference;
  const ok = ratio <= r.target;
  failed ||= !ok;
  console.log(
    `${ok ? "ok  " : "MISS"} ${r.name}: ${r.candidate.toFixed(0)} ms vs ${r.reference.toFixed(0)} ms = ${ratio.toFixed(2)}× (target ≤ ${r.target}×, median of ${RUNS})`,
  );
}
process.exitCode = failed ? 1 : 0;
