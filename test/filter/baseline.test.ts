/**
 * The baseline: keyed on (rule, path, identity) with a count, never on the line. These tests cover what
 * each peer gets wrong: moved lines still match, a changed value or an extra copy is fresh, a rename
 * follows the file, and a partial scan leaves the rest of the repository's entries alone. They also check
 * that the file is sorted and byte-stable, holds no lines and no secrets, and that a broken file is one
 * UsageError naming it.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, chmodSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { rules } from "../../rules/index.js";
import {
  buildBaseline,
  matchBaseline,
  parseBaseline,
  pruneBaseline,
  readBaseline,
  serializeBaseline,
  toBaselinePath,
  toRootPath,
  writeBaseline,
  type BaselineScope,
} from "../../src/filter/baseline.js";
import { UsageError } from "../../src/model/errors.js";
import type { Finding } from "../../src/model/finding.js";
import { sha256 } from "../../src/model/redact.js";
import { scanVirtual } from "../../src/scan/pipeline.js";
import { fakeKeyId, fakeSecret } from "../support/fake-keys.js";

const ROOT = path.resolve("/repo");

/** A 64-hex identity standing for one value. */
const id = (value: string): string => sha256(`identity of ${value}`);

function finding(p: string, line: number, identity: string, ruleId = "hardcoded-secret", column = 5): Finding {
  return {
    ruleId,
    messageId: "secret",
    severity: "error",
    message: "A secret is hard-coded.",
    path: p,
    range: { start: { line, column }, end: { line, column: column + 20 } },
    related: [],
    snippet: { startLine: line, lines: [] },
    valueHash: "0",
    fingerprint: `${p}:${line}`,
    identity,
  };
}

/** A scope over `files` (the files that exist now); `scanned` defaults to all of them. */
function scope(files: readonly string[], scanned: readonly string[] = files, baselineDir = ROOT): BaselineScope {
  const existing = new Set(files);
  return { root: ROOT, baselineDir, scanned: new Set(scanned), exists: (p) => existing.has(p) };
}

const where = (fs: readonly Finding[]): string[] => fs.map((f) => `${f.path}:${f.range.start.line}`);

describe("matching", () => {
  const A = id("A");
  const B = id("B");

  it("baselines a finding with the same rule, path and identity", () => {
    const files = ["app/settings.py"];
    const baseline = buildBaseline([finding("app/settings.py", 4, A)], scope(files));
    const m = matchBaseline([finding("app/settings.py", 4, A)], baseline, scope(files));
    expect(where(m.baselined)).toEqual(["app/settings.py:4"]);
    expect(m.fresh).toEqual([]);
    expect(m.unused).toEqual([]);
  });

  it("keeps a finding baselined when its line moves", () => {
    const files = ["app/settings.py"];
    const baseline = buildBaseline([finding("app/settings.py", 4, A)], scope(files));
    const m = matchBaseline([finding("app/settings.py", 40, A, "hardcoded-secret", 13)], baseline, scope(files));
    expect(where(m.baselined)).toEqual(["app/settings.py:40"]);
    expect(m.fresh).toEqual([]);
  });

  it("reports a changed value (a new identity) as fresh, and its old entry as unused", () => {
    const files = ["app/settings.py"];
    const baseline = buildBaseline([finding("app/settings.py", 4, A)], scope(files));
    const m = matchBaseline([finding("app/settings.py", 4, B)], baseline, scope(files));
    expect(where(m.fresh)).toEqual(["app/settings.py:4"]);
    expect(m.baselined).toEqual([]);
    expect(m.unused).toEqual([{ rule: "hardcoded-secret", path: "app/settings.py", identity: A, count: 1 }]);
  });

  it("does not let another rule's finding with the same identity use an entry", () => {
    const files = ["app/settings.py"];
    const baseline = buildBaseline([finding("app/settings.py", 4, A)], scope(files));
    const m = matchBaseline([finding("app/settings.py", 4, A, "hardcoded-aws-key")], baseline, scope(files));
    expect(where(m.fresh)).toEqual(["app/settings.py:4"]);
  });

  it("reports exactly the copies beyond the count, the later ones, whatever the input order", () => {
    const files = ["app/settings.py"];
    const baseline = buildBaseline([finding("app/settings.py", 10, A), finding("app/settings.py", 12, A)], scope(files));
    expect(baseline.findings).toEqual([{ rule: "hardcoded-secret", path: "app/settings.py", identity: A, count: 2 }]);
    const now = [finding("app/settings.py", 30, A), finding("app/settings.py", 3, A), finding("app/settings.py", 3, A, "hardcoded-secret", 40)];
    const m = matchBaseline(now, baseline, scope(files));
    expect(where(m.fresh)).toEqual(["app/settings.py:30"]);
    expect(where(m.baselined)).toEqual(["app/settings.py:3", "app/settings.py:3"]);
  });

  it("reports the copy further right as the extra one on a shared line", () => {
    const files = ["app/settings.py"];
    const baseline = buildBaseline([finding("app/settings.py", 3, A)], scope(files));
    const now = [finding("app/settings.py", 3, A, "hardcoded-secret", 40), finding("app/settings.py", 3, A, "hardcoded-secret", 9)];
    expect(matchBaseline(now, baseline, scope(files)).fresh.map((f) => f.range.start.column)).toEqual([40]);
  });

  it("reports a second copy in another file as fresh while the original file still exists", () => {
    const files = ["app/settings.py", "app/worker.py"];
    const baseline = buildBaseline([finding("app/settings.py", 4, A)], scope(files));
    const m = matchBaseline([finding("app/settings.py", 4, A), finding("app/worker.py", 9, A)], baseline, scope(files));
    expect(where(m.baselined)).toEqual(["app/settings.py:4"]);
    expect(where(m.fresh)).toEqual(["app/worker.py:9"]);
  });

  it("reports a copy in a scanned file as fresh when the original file exists but was not scanned", () => {
    const baseline = buildBaseline([finding("lib/old.py", 4, A)], scope(["lib/old.py"]));
    const m = matchBaseline([finding("src/new.py", 4, A)], baseline, scope(["lib/old.py", "src/new.py"], ["src/new.py"]));
    expect(where(m.fresh)).toEqual(["src/new.py:4"]);
    expect(m.outOfScope).toEqual([{ rule: "hardcoded-secret", path: "lib/old.py", identity: A, count: 1 }]);
    expect(m.unused).toEqual([]);
  });

  it("follows a renamed file, and prune rewrites its entry under the new path", () => {
    const baseline = buildBaseline([finding("app/settings.py", 4, A), finding("app/urls.py", 2, B)], scope(["app/settings.py", "app/urls.py"]));
    const after = scope(["app/config/settings.py", "app/urls.py"]);
    const m = matchBaseline([finding("app/config/settings.py", 6, A), finding("app/urls.py", 2, B)], baseline, after);
    expect(where(m.baselined)).toEqual(["app/config/settings.py:6", "app/urls.py:2"]);
    expect(m.fresh).toEqual([]);
    expect(m.unused).toEqual([]);
    const pruned = pruneBaseline(baseline, m);
    expect(pruned.removed).toBe(0);
    expect(pruned.baseline.findings).toEqual([
      { rule: "hardcoded-secret", path: "app/config/settings.py", identity: A, count: 1 },
      { rule: "hardcoded-secret", path: "app/urls.py", identity: B, count: 1 },
    ]);
  });

  it("gives a renamed file's entry to the new file, not to an extra copy in a file the baseline already has", () => {
    // b.py had one copy and now has two; a.py was renamed to z.py. The copy in z.py is the renamed one.
    const baseline = buildBaseline([finding("a.py", 1, A), finding("b.py", 1, A)], scope(["a.py", "b.py"]));
    const m = matchBaseline([finding("b.py", 1, A), finding("b.py", 7, A), finding("z.py", 1, A)], baseline, scope(["b.py", "z.py"]));
    expect(where(m.fresh)).toEqual(["b.py:7"]);
    expect(where(m.baselined)).toEqual(["b.py:1", "z.py:1"]);
  });

  it("lets a renamed file's entry cover only its count", () => {
    const baseline = buildBaseline([finding("a.py", 1, A)], scope(["a.py"]));
    const m = matchBaseline([finding("z.py", 1, A), finding("z.py", 2, A)], baseline, scope(["z.py"]));
    expect(where(m.baselined)).toEqual(["z.py:1"]);
    expect(where(m.fresh)).toEqual(["z.py:2"]);
  });

  it("does not treat a scanned file as renamed", () => {
    // a.py was scanned and its secret fixed: its entry must not cover the same secret added to c.py.
    const baseline = buildBaseline([finding("a.py", 1, A)], scope(["a.py"]));
    const m = matchBaseline([finding("c.py", 1, A)], baseline, { ...scope(["a.py", "c.py"]), exists: () => false });
    expect(where(m.fresh)).toEqual(["c.py:1"]);
    expect(m.unused.map((e) => e.path)).toEqual(["a.py"]);
  });

  it("returns the findings in their input order", () => {
    const files = ["a.py", "b.py"];
    const baseline = buildBaseline([finding("b.py", 1, A)], scope(files));
    const input = [finding("b.py", 9, B), finding("a.py", 3, B), finding("b.py", 1, A), finding("a.py", 1, B)];
    const m = matchBaseline(input, baseline, scope(files));
    expect(where(m.fresh)).toEqual(["b.py:9", "a.py:3", "a.py:1"]);
  });
});

describe("pruning and partial scans", () => {
  const A = id("A");
  const B = id("B");
  const C = id("C");

  it("drops fixed entries and counts the findings dropped", () => {
    const files = ["app/settings.py", "app/urls.py"];
    const baseline = buildBaseline(
      [finding("app/settings.py", 1, A), finding("app/settings.py", 2, A), finding("app/settings.py", 3, A), finding("app/urls.py", 1, B), finding("app/urls.py", 5, C)],
      scope(files),
    );
    // Two of the three copies of A and all of B were fixed; C is still there.
    const m = matchBaseline([finding("app/settings.py", 8, A), finding("app/urls.py", 5, C)], baseline, scope(files));
    expect(m.unused).toEqual([
      { rule: "hardcoded-secret", path: "app/settings.py", identity: A, count: 2 },
      { rule: "hardcoded-secret", path: "app/urls.py", identity: B, count: 1 },
    ]);
    const pruned = pruneBaseline(baseline, m);
    expect(pruned.removed).toBe(3);
    expect(pruned.baseline.findings).toEqual([
      { rule: "hardcoded-secret", path: "app/settings.py", identity: A, count: 1 },
      { rule: "hardcoded-secret", path: "app/urls.py", identity: C, count: 1 },
    ]);
  });

  it("drops the entries of a deleted file that nothing renamed matches", () => {
    const baseline = buildBaseline([finding("old.py", 1, A), finding("keep.py", 1, B)], scope(["old.py", "keep.py"]));
    const m = matchBaseline([finding("keep.py", 1, B)], baseline, scope(["keep.py"]));
    const pruned = pruneBaseline(baseline, m);
    expect(pruned.removed).toBe(1);
    expect(pruned.baseline.findings.map((e) => e.path)).toEqual(["keep.py"]);
  });

  it("keeps the entries of files a partial scan did not read, in build and in prune", () => {
    const everything = ["src/api.py", "src/fixed.py", "lib/legacy.py", "gone/old.py"];
    const full = buildBaseline(
      [finding("src/api.py", 3, A), finding("src/fixed.py", 1, B), finding("lib/legacy.py", 7, C), finding("gone/old.py", 1, C)],
      scope(everything),
    );
    // Now gone/old.py is deleted, src/fixed.py fixed, and `credlint baseline src/` reads only src/.
    const now = ["src/api.py", "src/fixed.py", "src/new.py", "lib/legacy.py"];
    const partial = scope(now, ["src/api.py", "src/fixed.py", "src/new.py"]);
    const findings = [finding("src/api.py", 3, A), finding("src/new.py", 2, B)];

    const rebuilt = buildBaseline(findings, { ...partial, existing: full });
    expect(rebuilt.findings.map((e) => `${e.path} ${e.identity === C ? "C" : e.identity === B ? "B" : "A"}`)).toEqual(["lib/legacy.py C", "src/api.py A", "src/new.py B"]);

    const m = matchBaseline(findings, full, partial);
    expect(where(m.fresh)).toEqual(["src/new.py:2"]);
    expect(m.outOfScope.map((e) => e.path)).toEqual(["lib/legacy.py"]);
    expect(m.unused.map((e) => e.path)).toEqual(["gone/old.py", "src/fixed.py"]);
    const pruned = pruneBaseline(full, m);
    expect(pruned.removed).toBe(2);
    expect(pruned.baseline.findings.map((e) => e.path)).toEqual(["lib/legacy.py", "src/api.py"]);
  });

  it("replaces, on a full rebuild, what the old baseline had for the scanned files", () => {
    const files = ["a.py"];
    const old = buildBaseline([finding("a.py", 1, A), finding("a.py", 2, B)], scope(files));
    const rebuilt = buildBaseline([finding("a.py", 1, A)], { ...scope(files), existing: old });
    expect(rebuilt.findings).toEqual([{ rule: "hardcoded-secret", path: "a.py", identity: A, count: 1 }]);
  });
});

describe("paths relative to the baseline's folder", () => {
  const A = id("A");
  const B = id("B");

  it("writes paths relative to a baseline in a sub-folder, with ../ for files outside it", () => {
    const paths = { root: ROOT, baselineDir: path.join(ROOT, "packages", "api") };
    expect(toBaselinePath("packages/api/src/settings.py", paths)).toBe("src/settings.py");
    expect(toBaselinePath("packages/web/.env", paths)).toBe("../web/.env");
    expect(toRootPath("src/settings.py", paths)).toBe("packages/api/src/settings.py");
    expect(toRootPath("../web/.env", paths)).toBe("packages/web/.env");
  });

  it("stays valid when the package folder, baseline and all, moves", () => {
    const before = ["packages/api/src/settings.py"];
    const baseline = buildBaseline([finding(before[0] as string, 3, A)], scope(before, before, path.join(ROOT, "packages", "api")));
    expect(baseline.findings.map((e) => e.path)).toEqual(["src/settings.py"]);

    const after = ["services/orders-api/src/settings.py"];
    const moved = scope(after, after, path.join(ROOT, "services", "orders-api"));
    const m = matchBaseline([finding(after[0] as string, 3, A), finding(after[0] as string, 9, B)], baseline, moved);
    expect(where(m.baselined)).toEqual(["services/orders-api/src/settings.py:3"]);
    expect(where(m.fresh)).toEqual(["services/orders-api/src/settings.py:9"]);
  });

  it("matches a baseline read from the sub-folder against root-relative findings", () => {
    const files = ["packages/api/app.py"];
    const s = scope(files, files, path.join(ROOT, "packages", "api"));
    const baseline = parseBaseline(
      JSON.stringify({ version: 1, tool: "credlint", findings: [{ rule: "hardcoded-secret", path: "app.py", identity: A, count: 1 }] }),
      "packages/api/.credlint-baseline.json",
    );
    expect(where(matchBaseline([finding("packages/api/app.py", 1, A)], baseline, s).baselined)).toEqual(["packages/api/app.py:1"]);
    // The same entry in a baseline at the root names the root's app.py, which exists but was not scanned.
    const atRoot = matchBaseline([finding("packages/api/app.py", 1, A)], baseline, scope(["app.py", ...files], files));
    expect(where(atRoot.fresh)).toEqual(["packages/api/app.py:1"]);
    expect(atRoot.outOfScope.map((e) => e.path)).toEqual(["app.py"]);
  });
});

describe("the file", () => {
  const findings = [
    finding("services/api/settings.py", 12, id("s1")),
    finding("services/api/settings.py", 14, id("s1")),
    finding(".env", 1, id("e1"), "invalid-region"),
    finding("services/api/settings.py", 3, id("s2"), "hardcoded-aws-key"),
    finding("Dockerfile", 7, id("d1"), "prefer-oidc"),
    finding(".env", 2, id("e0"), "invalid-region"),
  ];
  const files = [...new Set(findings.map((f) => f.path))];

  it("is sorted by path, rule, identity, with counts, in the documented format", () => {
    const text = serializeBaseline(buildBaseline(findings, scope(files)));
    const e = (rule: string, p: string, value: string, count: number): string =>
      `    {\n      "rule": "${rule}",\n      "path": "${p}",\n      "identity": "${id(value)}",\n      "count": ${count}\n    }`;
    // Within a path and rule, entries are in identity order.
    const envOrder = ["e0", "e1"].sort((a, b) => (id(a) < id(b) ? -1 : 1));
    expect(text).toBe(
      `{\n  "version": 1,\n  "tool": "credlint",\n  "findings": [\n${[
        e("invalid-region", ".env", envOrder[0] as string, 1),
        e("invalid-region", ".env", envOrder[1] as string, 1),
        e("prefer-oidc", "Dockerfile", "d1", 1),
        e("hardcoded-aws-key", "services/api/settings.py", "s2", 1),
        e("hardcoded-secret", "services/api/settings.py", "s1", 2),
      ].join(",\n")}\n  ]\n}\n`,
    );
  });

  it("is byte-identical when built twice from shuffled findings", () => {
    const shuffled = [findings[4], findings[1], findings[5], findings[0], findings[3], findings[2]] as Finding[];
    const reversed = [...findings].reverse();
    const a = serializeBaseline(buildBaseline(findings, scope(files)));
    expect(serializeBaseline(buildBaseline(shuffled, scope(files)))).toBe(a);
    expect(serializeBaseline(buildBaseline(reversed, scope(files)))).toBe(a);
  });

  it("serialises a hand-made baseline in the same canonical form", () => {
    const built = buildBaseline(findings, scope(files));
    const [first, ...rest] = [...built.findings].reverse();
    const split = first ? [{ ...first, count: 1 }, ...rest, { ...first, count: first.count - 1 }] : [];
    expect(serializeBaseline({ version: 1, tool: "credlint", findings: split })).toBe(serializeBaseline(built));
  });

  it("round-trips through the file", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "credlint-baseline-"));
    const file = path.join(dir, ".credlint-baseline.json");
    const baseline = buildBaseline(findings, scope(files));
    writeBaseline(file, baseline);
    expect(readBaseline(file)).toEqual(baseline);
    expect(readFileSync(file, "utf8")).toBe(serializeBaseline(baseline));
  });

  it("is written atomically: no temporary file is left, and an existing file keeps its mode", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "credlint-baseline-"));
    const file = path.join(dir, ".credlint-baseline.json");
    writeFileSync(file, "old contents\n");
    // Group- and world-writable: the umask would strip that from a new file.
    chmodSync(file, 0o666);
    writeBaseline(file, buildBaseline(findings, scope(files)));
    expect(readdirSync(dir)).toEqual([".credlint-baseline.json"]);
    expect(statSync(file).mode & 0o777).toBe(0o666);
    expect(readFileSync(file, "utf8")).toBe(serializeBaseline(buildBaseline(findings, scope(files))));
  });

  it("fails to write with a UsageError naming the file", () => {
    const file = path.join(tmpdir(), "credlint-no-such-folder", "x", ".credlint-baseline.json");
    expect(() => writeBaseline(file, buildBaseline([], scope([])))).toThrow(UsageError);
    expect(() => writeBaseline(file, buildBaseline([], scope([])))).toThrow(`Cannot write baseline ${file}:`);
    expect(existsSync(path.dirname(file))).toBe(false);
  });
});

describe("reading a broken baseline", () => {
  const FILE = "/repo/.credlint-baseline.json";
  const entry = { rule: "hardcoded-secret", path: "app/settings.py", identity: id("A"), count: 1 };
  const withEntry = (over: Record<string, unknown>): string => JSON.stringify({ version: 1, tool: "credlint", findings: [{ ...entry, ...over }] });

  function usageError(run: () => unknown): UsageError {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).not.toContain("\n");
      return error as UsageError;
    }
    throw new Error("expected a UsageError");
  }

  it("says how to create a missing baseline", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "credlint-baseline-")), ".credlint-baseline.json");
    expect(usageError(() => readBaseline(file)).message).toBe(`Baseline ${file} does not exist (create it with \`credlint baseline\`).`);
  });

  it("names the file for a folder in its place", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "credlint-baseline-"));
    expect(usageError(() => readBaseline(dir)).message).toMatch(new RegExp(`^Cannot read baseline ${dir.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&")}: `));
  });

  it("names the file and the line of a JSON syntax error", () => {
    const text = `{\n  "version": 1,\n  "tool": "credlint",\n  "findings": [\n    ${JSON.stringify(entry)},\n  ]\n}\n`;
    expect(usageError(() => parseBaseline(text, FILE)).message).toBe(`Baseline ${FILE} is not valid JSON: line 6, column 3: expected a value, found "]".`);
    expect(usageError(() => parseBaseline('{\n  "version": 1\n  "tool": "credlint"\n}', FILE)).message).toBe(
      `Baseline ${FILE} is not valid JSON: line 3, column 3: expected "," or "}", found "\\"".`,
    );
    expect(usageError(() => parseBaseline('{\n  "version": 1,\n', FILE)).message).toBe(
      `Baseline ${FILE} is not valid JSON: line 3, column 1: expected a double-quoted property name, found the end of the file.`,
    );
    expect(usageError(() => parseBaseline("", FILE)).message).toBe(`Baseline ${FILE} is not valid JSON: line 1, column 1: expected a value, found the end of the file.`);
    // <<<<<<< from a merge conflict.
    expect(usageError(() => parseBaseline(`{\n<<<<<<< HEAD\n`, FILE)).message).toBe(
      `Baseline ${FILE} is not valid JSON: line 2, column 1: expected a double-quoted property name, found "<".`,
    );
  });

  it("does not quote the file's text in a syntax error", () => {
    const secretish = fakeSecret(77);
    expect(usageError(() => parseBaseline(`{"version": 1, "tool": "credlint", "findings": [${secretish}]}`, FILE)).message).not.toContain(secretish.slice(1, 12));
  });

  it("reads a file that starts with a byte order mark", () => {
    expect(parseBaseline(`\uFEFF${withEntry({})}`, FILE).findings).toEqual([entry]);
  });

  it("rejects another version, naming the file", () => {
    expect(usageError(() => parseBaseline('{"version": 2, "tool": "credlint", "findings": []}', FILE)).message).toBe(
      `Baseline ${FILE} has version 2; this credlint reads version 1.`,
    );
    expect(usageError(() => parseBaseline('{"tool": "credlint", "findings": []}', FILE)).message).toContain(`Baseline ${FILE} is malformed: "version" is missing`);
  });

  const SHAPES: readonly (readonly [what: string, text: string, message: string])[] = [
    ["an array", "[]", "expected a JSON object with version, tool and findings"],
    ["another tool", '{"version": 1, "tool": "gitleaks", "findings": []}', '"tool" must be "credlint"'],
    ["an unknown top-level key", '{"version": 1, "tool": "credlint", "findings": [], "generated_at": "2024-01-01"}', 'unknown key "generated_at"'],
    ["findings not an array", '{"version": 1, "tool": "credlint", "findings": {}}', '"findings" must be an array'],
    ["an entry that is not an object", '{"version": 1, "tool": "credlint", "findings": ["x"]}', "findings[0] must be an object with rule, path, identity and count"],
    ["a line number", withEntry({ line: 4 }), 'findings[0] has unknown key "line"'],
    ["a missing rule", withEntry({ rule: undefined }), "findings[0].rule must be a rule id"],
    ["an absolute path", withEntry({ path: "/etc/passwd" }), "findings[0].path must be a relative path with / separators"],
    ["a backslash path", withEntry({ path: "app\\settings.py" }), "findings[0].path must be a relative path with / separators"],
    ["a path with ./", withEntry({ path: "./app/settings.py" }), "findings[0].path must be a relative path with / separators"],
    ["a path with .. inside", withEntry({ path: "app/../settings.py" }), "findings[0].path must be a relative path with / separators"],
    ["a path of .. only", withEntry({ path: "../.." }), "findings[0].path must be a relative path with / separators"],
    ["a short identity", withEntry({ identity: "abc123" }), "findings[0].identity must be 64 lowercase hex digits"],
    ["an upper-case identity", withEntry({ identity: id("A").toUpperCase() }), "findings[0].identity must be 64 lowercase hex digits"],
    ["a zero count", withEntry({ count: 0 }), "findings[0].count must be a whole number of at least 1"],
    ["a fractional count", withEntry({ count: 1.5 }), "findings[0].count must be a whole number of at least 1"],
    ["a string count", withEntry({ count: "1" }), "findings[0].count must be a whole number of at least 1"],
    [
      "the same key twice",
      JSON.stringify({ version: 1, tool: "credlint", findings: [entry, { ...entry, count: 2 }] }),
      "findings[0] and findings[1] have the same rule, path and identity",
    ],
  ];
  for (const [what, text, message] of SHAPES) {
    it(`rejects ${what}, naming the file`, () => {
      expect(usageError(() => parseBaseline(text, FILE)).message).toBe(`Baseline ${FILE} is malformed: ${message} (rewrite it with \`credlint baseline\`).`);
    });
  }

  it("accepts an unsorted file and sorts it", () => {
    const b = { ...entry, path: "a.py" };
    const parsed = parseBaseline(JSON.stringify({ version: 1, tool: "credlint", findings: [entry, b] }), FILE);
    expect(parsed.findings.map((e) => e.path)).toEqual(["a.py", "app/settings.py"]);
  });
});

describe("the identity is what makes it work: a real scan", () => {
  const KEY_ID = fakeKeyId(90210);
  const SECRET = fakeSecret(90210);
  const NEW_SECRET = fakeSecret(90211);

  const settings = (secret: string): string => `"""Settings for the orders service."""
import os

DEBUG = os.environ.get("DEBUG") == "1"
DATABASE_URL = os.environ["DATABASE_URL"]

AWS_ACCESS_KEY_ID = "${KEY_ID}"
AWS_SECRET_ACCESS_KEY = "${secret}"
AWS_S3_BUCKET = "orders-exports"
`;
  const ENV = "AWS_REGION=us-east1\nLOG_LEVEL=info\n";

  /** Lines added above, the settings moved into a class (re-indented), CRLF line endings. */
  const reworked = (secret: string): string =>
    `"""Settings for the orders service.\n\nProduction values come from the environment.\n"""\nimport os\n\n\nclass Production:\n${settings(secret)
      .split("\n")
      .slice(2)
      .map((l) => (l === "" ? l : `    ${l}`))
      .join("\n")}`.replace(/\n/g, "\r\n");
  const reworkedEnv = `# Region for the exports job.\r\n\r\nLOG_LEVEL=info\r\nAWS_REGION = us-east1\r\n`;

  const before = [
    { path: "app/orders_keys.py", text: settings(SECRET) },
    { path: "deploy/.env", text: ENV },
  ];
  const files = before.map((f) => f.path);
  const first = scanVirtual(before, rules);
  const baseline = buildBaseline(first, scope(files));

  it("finds the key pair and the region, and records neither lines nor secrets", () => {
    expect(first.map((f) => `${f.path}:${f.range.start.line} ${f.ruleId}`)).toEqual(["app/orders_keys.py:8 hardcoded-aws-key", "deploy/.env:1 invalid-region"]);
    const text = serializeBaseline(baseline);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(SECRET.slice(0, 12));
    expect(text).not.toContain(KEY_ID);
    expect(text).not.toContain(sha256(SECRET));
    expect(text).not.toMatch(/line|column|message|generated|"\d+"/i);
    const keys = new Set<string>();
    JSON.parse(text, (k: string, v: unknown) => (keys.add(k), v));
    expect([...keys].filter((k) => k !== "" && !/^\d+$/.test(k)).sort()).toEqual(["count", "findings", "identity", "path", "rule", "tool", "version"]);
  });

  it("keeps everything baselined after lines are added, the code re-indented and the line endings switched to CRLF", () => {
    const after = scanVirtual(
      [
        { path: "app/orders_keys.py", text: reworked(SECRET) },
        { path: "deploy/.env", text: reworkedEnv },
      ],
      rules,
    );
    expect(after.map((f) => `${f.path}:${f.range.start.line} ${f.ruleId}`)).toEqual(["app/orders_keys.py:14 hardcoded-aws-key", "deploy/.env:4 invalid-region"]);
    const m = matchBaseline(after, baseline, scope(files));
    expect(m.fresh).toEqual([]);
    expect(m.baselined).toHaveLength(2);
    expect(m.unused).toEqual([]);
  });

  it("reports the finding again when the secret's value changes", () => {
    const after = scanVirtual(
      [
        { path: "app/orders_keys.py", text: reworked(NEW_SECRET) },
        { path: "deploy/.env", text: reworkedEnv },
      ],
      rules,
    );
    const m = matchBaseline(after, baseline, scope(files));
    expect(m.fresh.map((f) => `${f.path}:${f.range.start.line} ${f.ruleId}`)).toEqual(["app/orders_keys.py:14 hardcoded-aws-key"]);
    expect(m.baselined.map((f) => f.ruleId)).toEqual(["invalid-region"]);
    expect(m.unused.map((e) => `${e.path} ${e.rule}`)).toEqual(["app/orders_keys.py hardcoded-aws-key"]);
  });

  it("follows the file through a rename", () => {
    const renamed = [
      { path: "orders/secrets/production.py", text: reworked(SECRET) },
      { path: "deploy/.env", text: ENV },
    ];
    const m = matchBaseline(scanVirtual(renamed, rules), baseline, scope(renamed.map((f) => f.path)));
    expect(m.fresh).toEqual([]);
    expect(pruneBaseline(baseline, m).baseline.findings.map((e) => `${e.path} ${e.rule}`)).toEqual([
      "deploy/.env invalid-region",
      "orders/secrets/production.py hardcoded-aws-key",
    ]);
  });
});
