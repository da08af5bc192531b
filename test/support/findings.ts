/**
 * What the parity and redaction tests share: the JSON report's finding as they read it, one line per finding
 * in the form they compare the CLI and ESLint by, the files of a folder, and the secrets the detectors find
 * there with the pieces of them no output may show.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { makeSourceFile } from "../../src/model/source.js";
import { findSecrets } from "../../src/secrets/candidates.js";
import { ROOT } from "../../scripts/generate.js";

/** A finding of `credlint --format json`. */
export interface CliFinding {
  readonly ruleId: string;
  readonly severity?: string;
  readonly message: string;
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly baselineState?: string;
  readonly suppression?: { readonly kind: string; readonly by: string; readonly justification?: string };
  readonly fix?: { readonly safety: string };
}

/** "rule line:col-endLine:endCol message": a finding as the CLI/ESLint comparisons compare it. */
export function findingLine(f: Pick<CliFinding, "ruleId" | "line" | "column" | "endLine" | "endColumn" | "message">): string {
  return `${f.ruleId} ${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.message}`;
}

/** An ESLint message in the same form (the `credlint/` prefix dropped; no end means a point). */
export function eslintLine(m: { ruleId: string | null; line: number; column: number; endLine?: number; endColumn?: number; message: string }): string {
  return findingLine({ ruleId: (m.ruleId ?? "").replace(/^credlint\//, ""), line: m.line, column: m.column, endLine: m.endLine ?? m.line, endColumn: m.endColumn ?? m.column, message: m.message });
}

/** Every file under `dir`, as absolute paths. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const abs = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(abs) : [abs];
  });
}

/** Every reportable secret the detectors find in the files under `dirs`: the values that must never be shown. */
export function secretsUnder(dirs: readonly string[]): string[] {
  return dirs.flatMap(filesUnder).flatMap((abs) =>
    findSecrets(makeSourceFile(path.relative(ROOT, abs), "text", readFileSync(abs, "utf8")))
      .candidates.filter((c) => !c.benign)
      .map((c) => c.value),
  );
}

/** A secret and its 12-character pieces past the first four characters: none may appear in any output. */
export function secretPieces(secret: string): string[] {
  const out = [secret];
  for (let i = 4; i + 12 <= secret.length; i += 4) {
    const w = secret.slice(i, i + 12);
    // Structure, not secret material: PEM armour, escapes, line breaks.
    if (/^[A-Za-z0-9+/=_~.%-]{12}$/.test(w) && !/-----|PRIVATE|BEGIN|END/.test(w)) out.push(w);
  }
  return out;
}
