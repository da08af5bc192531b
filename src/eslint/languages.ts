/**
 * ESLint languages (ESLint 9.7+ and 10) for the files credlint reads that are not JavaScript: AWS shared
 * config/credentials files (`credlint/aws-ini`), env files (`credlint/dotenv`), CI YAML (`credlint/yaml`)
 * and the other plain-text kinds — Dockerfiles, shell scripts (`credlint/text`).
 *
 * ESLint needs a language to hand a file to the plugin's rules. The parsing that matters is credlint's own:
 * the rules run credlint's pipeline on the file's text (src/lint/lint.ts `lintText`, as for JS/TS), which
 * reads it with the same readers as the CLI — so the language itself is deliberately thin. Its tree is one
 * root node of type `Program` spanning the file, which the plugin's rules visit as they visit a JS program;
 * a file credlint cannot read is reported by credlint's `parse-error` rule (with the line and the SDKs'
 * view), not by ESLint, so that the editor shows what the CLI shows. ESLint's own `eslint-disable` comments
 * do not apply here; credlint's `credlint-disable` directives do, as in the CLI.
 */

/** The one node of a credlint-language file: the whole text. */
export interface CredlintRoot {
  readonly type: "Program";
  readonly range: [number, number];
  readonly loc: { readonly start: { line: number; column: number }; readonly end: { line: number; column: number } };
  /** What credlint reads the file as (for rules and tests; the rules classify by path themselves). */
  readonly language: string;
}

export interface EslintFile {
  readonly path: string;
  readonly body: string | Uint8Array;
}

/** The SourceCode ESLint asks of a language: text, lines, locations and a traversal (the root, entered and left). */
export class CredlintSourceCode {
  readonly lines: string[];
  readonly visitorKeys = { Program: [] as string[] };

  constructor(
    readonly text: string,
    readonly ast: CredlintRoot,
    lines: string[],
  ) {
    this.lines = lines;
  }

  getLoc(node: CredlintRoot): CredlintRoot["loc"] {
    return node.loc;
  }

  getRange(node: CredlintRoot): [number, number] {
    return node.range;
  }

  getText(node?: CredlintRoot): string {
    return node ? this.text.slice(node.range[0], node.range[1]) : this.text;
  }

  getAncestors(): CredlintRoot[] {
    return [];
  }

  getParent(): undefined {
    return undefined;
  }

  *traverse(): Iterable<{ kind: 1; target: CredlintRoot; phase: 1 | 2; args: unknown[] }> {
    yield { kind: 1, target: this.ast, phase: 1, args: [this.ast, undefined] };
    yield { kind: 1, target: this.ast, phase: 2, args: [this.ast, undefined] };
  }
}

function rootOf(text: string, lines: readonly string[], language: string): CredlintRoot {
  const last = lines[lines.length - 1] ?? "";
  return { type: "Program", range: [0, text.length], loc: { start: { line: 1, column: 0 }, end: { line: lines.length, column: last.length } }, language };
}

function textOf(body: string | Uint8Array): string {
  return typeof body === "string" ? body : new TextDecoder("utf-8").decode(body);
}

/** One credlint language; `name` is what configs write after `credlint/`. */
export function credlintLanguage(name: string) {
  return {
    meta: { name: `credlint/${name}` },
    fileType: "text" as const,
    lineStart: 1 as const,
    columnStart: 0 as const,
    nodeTypeKey: "type",
    visitorKeys: { Program: [] as string[] },
    defaultLanguageOptions: {},
    validateLanguageOptions(options: Record<string, unknown>): void {
      const keys = Object.keys(options ?? {});
      if (keys.length > 0) throw new Error(`credlint/${name} takes no language options (got ${keys.join(", ")}).`);
    },
    // The text and its lines are made once, here, and handed to createSourceCode with the tree.
    parse(file: EslintFile): { ok: true; ast: CredlintRoot; text: string; lines: string[] } {
      const text = textOf(file.body);
      const lines = text.split(/\r?\n/);
      return { ok: true, ast: rootOf(text, lines, name), text, lines };
    },
    createSourceCode(_file: EslintFile, input: { ast: CredlintRoot; text: string; lines: string[] }): CredlintSourceCode {
      return new CredlintSourceCode(input.text, input.ast, input.lines);
    },
  };
}

export const languages = {
  "aws-ini": credlintLanguage("aws-ini"),
  dotenv: credlintLanguage("dotenv"),
  yaml: credlintLanguage("yaml"),
  text: credlintLanguage("text"),
};

/**
 * The files each language is for, in ESLint's glob syntax: what credlint classifies by path (src/scan/classify.ts).
 * Files credlint recognises only by content (a `config` file outside `.aws/` that looks like an AWS file, a
 * CI template under another name) are not listed: a project adds them to a config object of its own.
 */
export const LANGUAGE_FILES: Readonly<Record<keyof typeof languages, readonly string[]>> = {
  "aws-ini": ["**/.aws/config", "**/.aws/credentials", "**/aws/config", "**/aws/credentials"],
  dotenv: ["**/.env", "**/.env.*", "**/*.env", "**/.envrc"],
  yaml: [
    "**/.github/workflows/*.{yml,yaml}",
    "**/action.{yml,yaml}",
    "**/.gitlab-ci.yml",
    "**/.gitlab/ci/**/*.{yml,yaml}",
    "**/.circleci/config.{yml,yaml}",
    "**/azure-pipelines*.{yml,yaml}",
    "**/bitbucket-pipelines.yml",
    "**/compose.{yml,yaml}",
    "**/docker-compose*.{yml,yaml}",
    "**/serverless.{yml,yaml}",
    "**/template.{yml,yaml}",
  ],
  text: ["**/Dockerfile", "**/Containerfile", "**/Dockerfile.*", "**/*.Dockerfile", "**/*.sh", "**/*.bash", "**/*.py", "**/*.tf", "**/*.tfvars"],
};
