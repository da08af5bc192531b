/**
 * Compares randomness measures for generic secrets (the "rare, not random" question) by numbers:
 * negatives are the values that real repositories bind to credential names and that credlint 0.1.0
 * reported as hardcoded-secret (read from their files at the reported ranges — the values never leave this
 * process); positives are seeded random secrets of the alphabets and lengths real keys and generated
 * passwords use. For each measure: the threshold that keeps 99% / 100% of the positives, and how many
 * negatives pass it.
 *
 *   git show 5d0088e:dist/credlint.mjs > /tmp/credlint-0.1.0.mjs
 *   for d in CORPUS/*; do (cd "$d" && node /tmp/credlint-0.1.0.mjs --format json -o "/tmp/before/$(basename "$d").json" .); done
 *   npx tsx bench/realworld/measures.ts --findings /tmp/before --corpus CORPUS [--bpe PATH/TO/gpt-tokenizer/esm/encoding/cl100k_base.js]
 *
 * The BPE measure needs `gpt-tokenizer` installed outside the project (it is not a dependency).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { shannonEntropy } from "../../src/secrets/entropy.js";
import { charsPerToken } from "../../src/secrets/randomness.js";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

function negatives(findingsDir: string, corpus: string): string[] {
  const out: string[] = [];
  for (const f of readdirSync(findingsDir).filter((n) => n.endsWith(".json"))) {
    const repo = f.slice(0, -5);
    const report = JSON.parse(readFileSync(path.join(findingsDir, f), "utf8")) as {
      findings: { ruleId: string; path: string; line: number; column: number; endLine: number; endColumn: number }[];
    };
    const files = new Map<string, string[]>();
    for (const x of report.findings) {
      if (x.ruleId !== "hardcoded-secret" || x.line !== x.endLine) continue;
      let lines = files.get(x.path);
      if (!lines) {
        lines = readFileSync(path.join(corpus, repo, x.path), "utf8").split("\n");
        files.set(x.path, lines);
      }
      out.push((lines[x.line - 1] ?? "").slice(x.column - 1, x.endColumn - 1));
    }
  }
  return out;
}

function positives(): string[] {
  let seed = 7;
  const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const pick = (a: string, n: number): string => Array.from({ length: n }, () => a.charAt(Math.floor(next() * a.length))).join("");
  const AL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  const out: string[] = [];
  for (let i = 0; i < 100; i++) {
    out.push(pick("0123456789abcdef", [32, 40, 64][i % 3] ?? 32)); // hex API keys, Rails secrets
    out.push(pick(AL, [16, 20, 24, 32, 40][i % 5] ?? 32)); // base62 tokens
    out.push(`${pick(`${AL}+/`, [22, 43][i % 2] ?? 43)}=`); // base64 keys
    out.push(pick("abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)", 50)); // Django SECRET_KEY
    out.push(pick(`${AL}!#%*+-.@^_`, [10, 12, 16, 20, 24][i % 5] ?? 16)); // generated passwords
    out.push(`eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.${pick(`${AL}-_`, 40)}.${pick(`${AL}-_`, 43)}`); // JWTs
  }
  return out;
}

async function main(): Promise<void> {
  const findings = arg("--findings");
  const corpus = arg("--corpus");
  if (!findings || !corpus) {
    console.error("usage: npx tsx bench/realworld/measures.ts --findings DIR --corpus DIR [--bpe MODULE]");
    process.exit(2);
  }
  const neg = negatives(findings, corpus);
  const unique = [...new Set(neg)];
  const pos = positives();
  // Lower = more random, for every measure.
  const measures: Record<string, (v: string) => number> = {
    "characters per token (credlint)": charsPerToken,
    "Shannon entropy (negated)": (v) => -shannonEntropy(v),
  };
  const bpe = arg("--bpe");
  if (bpe) {
    const { encode } = (await import(path.resolve(bpe))) as { encode: (s: string) => number[] };
    measures["characters per BPE token (cl100k)"] = (v) => v.length / encode(v).length;
  }
  console.log(`negatives: ${neg.length} (${unique.length} distinct); positives: ${pos.length}`);
  console.log("| measure | recall | threshold | distinct negatives passing | all negatives passing |");
  console.log("|---|---:|---:|---:|---:|");
  for (const [name, m] of Object.entries(measures)) {
    const scores = pos.map(m).sort((a, b) => a - b);
    for (const q of [0.99, 1]) {
      const thr = scores[Math.min(scores.length - 1, Math.ceil(q * scores.length) - 1)] ?? 0;
      const pass = (v: string): boolean => m(v) <= thr;
      console.log(`| ${name} | ${q} | ${thr.toFixed(2)} | ${unique.filter(pass).length} / ${unique.length} | ${neg.filter(pass).length} / ${neg.length} |`);
    }
  }
}

await main();
