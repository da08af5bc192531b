import { Linter } from "eslint";
import tsParser from "@typescript-eslint/parser";
import plugin, { recommended } from "../../src/eslint/plugin.js";

/** Where virtual files live for ESLint: findings are reported relative to it, as the CLI does. */
export const VIRTUAL_CWD = "/credlint-virtual";

export interface EslintFinding {
  readonly ruleId: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly message: string;
}

const FILES = ["**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}"];

export const TS_FILE = /\.(?:ts|cts|mts|tsx)$/i;

/**
 * Lints one file with the plugin's recommended config, through ESLint's default parser for JS and
 * `@typescript-eslint/parser` for TS, as a user's eslint.config.js would. Columns come back 1-based, as
 * ESLint prints them.
 */
export function lintWithEslint(path: string, text: string, only?: string): EslintFinding[] {
  const linter = new Linter({ cwd: VIRTUAL_CWD, configType: "flat" });
  const rules = only ? { [`credlint/${only}`]: "error" as const } : recommended.rules;
  const config: Linter.Config[] = [
    { files: FILES, plugins: { credlint: plugin as never }, rules },
    ...(TS_FILE.test(path) ? [{ files: FILES, languageOptions: { parser: tsParser as Linter.Parser } }] : []),
    ...(/\.jsx$/i.test(path) ? [{ files: FILES, languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } }] : []),
  ];
  const messages = linter.verify(text, config, { filename: `${VIRTUAL_CWD}/${path}` });
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(`ESLint could not parse ${path}: ${fatal.message}`);
  return messages.map((m) => ({
    ruleId: (m.ruleId ?? "").replace(/^credlint\//, ""),
    line: m.line,
    column: m.column,
    endLine: m.endLine ?? m.line,
    endColumn: m.endColumn ?? m.column,
    message: m.message,
  }));
}
