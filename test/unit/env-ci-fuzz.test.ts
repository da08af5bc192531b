/**
 * Mutated CI and env files through the whole engine (every reader, every rule): whatever the input, a scan
 * returns findings — at worst a parse-error — and never throws. Seeds are fixed, so a failure reproduces.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { rules } from "../../rules/index.js";
import { classify } from "../../src/scan/classify.js";
import { scanVirtual } from "../../src/scan/pipeline.js";
import { rng } from "../support/fake-keys.js";
import { TEST_NOW } from "../support/rule-tester.js";

const FIXTURES = path.resolve(import.meta.dirname, "../../fixtures");

/** Every env/CI fixture file, with its path inside its scenario (so it classifies as it does there). */
function corpus(): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  const walk = (dir: string, rel: string): void => {
    for (const name of readdirSync(dir)) {
      const abs = path.join(dir, name);
      const r = rel ? `${rel}/${name}` : name;
      if (statSync(abs).isDirectory()) walk(abs, r);
      else if (classify(r, () => readFileSync(abs, "utf8").slice(0, 4096)) !== "text" && !/\.(?:[cm]?[jt]sx?)$/.test(name)) out.push({ path: r, text: readFileSync(abs, "utf8") });
    }
  };
  for (const rule of readdirSync(FIXTURES)) {
    for (const scenario of readdirSync(path.join(FIXTURES, rule))) {
      const dir = path.join(FIXTURES, rule, scenario);
      if (statSync(dir).isDirectory()) walk(dir, "");
    }
  }
  return out.filter((f) => !/(?:^|\/)(?:config|credentials)$/.test(f.path));
}

const PIECES = ["\n", "  ", ": ", "- ", "&a ", "*a", "<<: *a\n", "'", '"', "${{ secrets.X }}", "$", "{", "[", "|", ">-\n", "\r\n", "\\", "#", "\u200b", "=", "export ", "---\n"];

function mutate(text: string, next: () => number): string {
  let s = text;
  const edits = 1 + Math.floor(next() * 6);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(next() * (s.length + 1));
    const kind = next();
    if (kind < 0.4) s = s.slice(0, at) + (PIECES[Math.floor(next() * PIECES.length)] ?? "") + s.slice(at);
    else if (kind < 0.7) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(next() * 20));
    else {
      const lines = s.split("\n");
      const a = Math.floor(next() * lines.length);
      const b = Math.floor(next() * lines.length);
      [lines[a], lines[b]] = [lines[b] ?? "", lines[a] ?? ""];
      s = lines.join("\n");
    }
  }
  return s;
}

describe("mutated env and CI files", () => {
  const files = corpus();
  it("covers every env and CI reader", () => {
    const kinds = new Set(files.map((f) => classify(f.path, () => f.text)));
    for (const k of ["dotenv", "shell", "dockerfile", "github-workflow", "gitlab-ci", "circleci", "azure-pipelines", "bitbucket-pipelines"]) expect(kinds, k).toContain(k);
  });
  it("never make a scan throw", () => {
    const next = rng(4242);
    for (let round = 0; round < 40; round++) {
      for (const f of files) {
        const text = mutate(f.text, next);
        expect(() => scanVirtual([{ path: f.path, text }], rules, TEST_NOW), `${f.path} round ${round}:\n${text}`).not.toThrow();
      }
    }
    // Some thousand scans: ~17 s on an idle 2-core machine, so the default 30 s is too close on a busy one.
  }, 90_000);
});
