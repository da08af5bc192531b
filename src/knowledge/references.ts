/**
 * Recognising references vs literals in env files, scripts and CI YAML (reference §6.6). A value that is
 * exactly one reference (`${{ secrets.AWS_KEY }}`, `$AWS_KEY`, `${AWS_KEY:-x}`, `$(AWS_KEY)` in Azure
 * Pipelines, `<< pipeline.parameters.key >>`, `%KEY%`, `$env:KEY`, `{{resolve:…}}`) is a *reference*: never a
 * hard-coded secret. A value that mixes references with text (`arn:aws:iam::${{ vars.ACCOUNT }}:role/ci`) is
 * *dynamic*: its final text is not known statically. Everything else is a *literal*.
 */

export type ValueClass =
  | { readonly kind: "literal" }
  | { readonly kind: "reference"; readonly target: string }
  | { readonly kind: "dynamic" };

/** Where the value was written: decides which reference syntaxes are expanded there. */
export type ReferenceSyntax =
  /** GitHub Actions YAML values (`env:`, `with:`): only `${{ }}` is expanded; `$X` stays literal text. */
  | "github"
  /** A GitHub `run:` script: `${{ }}` first, then the shell expands `$X`. */
  | "github-run"
  | "gitlab"
  | "circleci"
  | "azure-pipelines"
  | "bitbucket"
  | "shell"
  | "dotenv"
  | "dockerfile"
  | "none";

const WHOLE: readonly { readonly re: RegExp; readonly in: readonly ReferenceSyntax[] | "all" }[] = [
  // GitHub Actions (and Azure Pipelines template) expressions.
  { re: /^\$\{\{\s*([^}]+?)\s*\}\}$/, in: ["github", "github-run", "azure-pipelines"] },
  // CircleCI pipeline/orb parameters.
  { re: /^<<\s*([\w.-]+)\s*>>$/, in: ["circleci"] },
  // Azure Pipelines macro and runtime expressions.
  { re: /^\$\(([\w.-]+)\)$/, in: ["azure-pipelines"] },
  { re: /^\$\[\s*([^\]]+?)\s*\]$/, in: ["azure-pipelines"] },
  // Shell-style variables: every YAML CI system passes scripts and variables through a shell or expands them.
  { re: /^\$\{([A-Za-z_][\w]*)(?:[:]?[-=?+][^}]*)?\}$/, in: ["gitlab", "circleci", "bitbucket", "shell", "dotenv", "dockerfile", "github-run", "azure-pipelines"] },
  { re: /^\$([A-Za-z_][\w]*)$/, in: ["gitlab", "circleci", "bitbucket", "shell", "dotenv", "dockerfile", "github-run", "azure-pipelines"] },
  // Windows cmd and PowerShell.
  { re: /^%([A-Za-z_][\w]*)%$/, in: ["github-run", "azure-pipelines", "none"] },
  { re: /^\$env:([A-Za-z_][\w]*)$/i, in: ["github-run", "azure-pipelines", "none"] },
  // Cloud secret stores.
  { re: /^\{\{resolve:([^}]+)\}\}$/, in: "all" },
  { re: /^@Microsoft\.KeyVault\((.+)\)$/, in: "all" },
];

const PARTIAL: readonly { readonly re: RegExp; readonly in: readonly ReferenceSyntax[] | "all" }[] = [
  { re: /\$\{\{[^}]*\}\}/, in: ["github", "github-run", "azure-pipelines"] },
  { re: /<<\s*[\w.-]+\s*>>/, in: ["circleci"] },
  { re: /\$\([\w.-]+\)|\$\[[^\]]*\]/, in: ["azure-pipelines"] },
  { re: /\$\{[A-Za-z_]\w*[^}]*\}|\$[A-Za-z_]\w*/, in: ["gitlab", "circleci", "bitbucket", "shell", "dotenv", "dockerfile", "github-run", "azure-pipelines"] },
  { re: /\$\([^)]*\)|`[^`]*`/, in: ["shell", "gitlab", "circleci", "bitbucket", "github-run"] },
  { re: /\{\{resolve:[^}]+\}\}/, in: "all" },
];

/** `{{ x }}`, `{{- .Values.region }}`: Jinja, Go template and Mustache placeholders. */
const TEMPLATE_PLACEHOLDER = /\{\{[^{}\n]*\}\}/;

function applies(entry: { readonly in: readonly ReferenceSyntax[] | "all" }, syntax: ReferenceSyntax): boolean {
  return entry.in === "all" || entry.in.includes(syntax);
}

/**
 * Classifies a value as the consumer sees it (after the reader removed quotes and escapes). `expands` is
 * false where the reader takes `$` literally (a single-quoted shell word, a GitLab `$$`-escaped value).
 */
export function classifyValue(value: string, syntax: ReferenceSyntax, expands = true): ValueClass {
  const v = value.trim();
  for (const entry of WHOLE) {
    if (!applies(entry, syntax)) continue;
    if (!expands && entry.re.source.startsWith("^\\$")) continue;
    const m = entry.re.exec(v);
    if (m) return { kind: "reference", target: (m[1] ?? v).trim() };
  }
  // A template placeholder (`{{ images.region }}` in an Ansible- or Helm-rendered script, env file or
  // Dockerfile) is replaced before any shell reads the line, whatever its quotes.
  if ((syntax === "shell" || syntax === "dotenv" || syntax === "dockerfile") && TEMPLATE_PLACEHOLDER.test(v)) return { kind: "dynamic" };
  if (!expands && syntax !== "github" && syntax !== "github-run" && syntax !== "azure-pipelines" && syntax !== "circleci") return { kind: "literal" };
  for (const entry of PARTIAL) {
    if (!applies(entry, syntax)) continue;
    if (entry.re.test(v)) return { kind: "dynamic" };
  }
  return { kind: "literal" };
}

/** A GitHub expression's context (`secrets`, `vars`, `inputs`, `env`, `steps`, `needs`, `matrix`, …). */
export function expressionContext(target: string): string {
  const m = /^([A-Za-z_][\w-]*)/.exec(target);
  return m?.[1] ?? "";
}

/** The variable a value names when it is exactly `$NAME` or `${NAME}` (the shell/GitLab spelling), else undefined. */
export function shellVariableName(value: string): string | undefined {
  return /^\$\{?([A-Za-z_]\w*)\}?$/.exec(value.trim())?.[1];
}
