/**
 * Discovery tells its caller how many files git listed as soon as git has listed them, before it makes a path
 * of each: the scan sizes V8's young generation then (src/scan/pool.ts `sizeYoungGeneration`), since making
 * tens of thousands of paths is garbage enough to grow it (Pulumi's 44,000: to V8's largest, 16 MiB a
 * semi-space, before the scan had read a file).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { discover } from "../../src/scan/discover.js";
import { tempRepo } from "../support/cli.js";

const FILES = {
  ".env": "AWS_REGION=eu-west-1\n",
  "src/app.py": "import boto3\n",
  "docs/README.md": "# docs\n",
  "build/out.js": "console.log(1);\n",
  ".gitignore": "build/\n",
};

describe("discover", () => {
  it("tells how many files git listed, once per folder it lists", () => {
    const dir = tempRepo(FILES, { git: true });
    const told: number[] = [];
    const d = discover([dir], dir, (n) => told.push(n));
    // `.gitignore`d files are not listed: .env, src/app.py, docs/README.md, .gitignore.
    expect(told).toEqual([4]);
    expect(d.files.map((f) => f.path).sort()).toEqual([".env", ".gitignore", "docs/README.md", "src/app.py"]);
    const twice: number[] = [];
    discover([path.join(dir, "src"), path.join(dir, "docs")], dir, (n) => twice.push(n));
    expect(twice).toEqual([1, 1]);
  });

  it("tells nothing where it walks the folders (no git): the caller counts the files found", () => {
    const dir = tempRepo(FILES);
    writeFileSync(path.join(dir, "extra.txt"), "x\n");
    const told: number[] = [];
    const d = discover([dir], dir, (n) => told.push(n));
    expect(told).toEqual([]);
    expect(d.files.length).toBe(5);
  });
});
