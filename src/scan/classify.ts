import type { FileKind } from "../model/source.js";
import { JS_TS_EXTENSIONS } from "../formats/js-ts.js";
import { isTemplateLine, TEMPLATE_EXTENSION } from "../formats/template.js";
import { isTemplateCopy } from "../knowledge/paths.js";

/** `.aws/config`, `.aws/credentials`, `…/aws/config` and the like: AWS shared files by path (RULES.md). */
const AWS_PATH = /(?:^|\/)\.?aws\/(config|credentials)$/;
const BARE_NAME = /(?:^|\/)(config|credentials)$/;
/** A line that only an AWS shared file has: a profile-ish header or a key the SDKs read. */
const AWS_CONTENT =
  /^\s*(?:\[\s*(?:default|profile\s+[^\]]+|sso-session\s+[^\]]+)\s*\]|(?:aws_access_key_id|aws_secret_access_key|aws_session_token|role_arn|source_profile|credential_source|credential_process|sso_start_url|sso_session|sso_account_id|web_identity_token_file|mfa_serial)\s*[=:])/im;

/**
 * Decides what a file is from its path and, for ambiguous names, the start of its text. Cheap: runs on
 * every discovered file.
 */
export function classify(path: string, head: () => string): FileKind {
  const byPath = AWS_PATH.exec(path);
  if (byPath) return byPath[1] === "config" ? "aws-config" : "aws-credentials";
  const bare = BARE_NAME.exec(path);
  if (bare && AWS_CONTENT.test(head())) return bare[1] === "config" ? "aws-config" : "aws-credentials";
  if (JS_TS_EXTENSIONS.test(path)) return "js-ts";
  return classifyEnvOrCi(path, head) ?? "text";
}

const YAML = /\.ya?ml$/i;

/**
 * Env files, scripts, Dockerfiles and CI YAML by path (RULES.md "Where rules look"), with the content
 * deciding where a name is only a convention (`Dockerfile.<variant>`, `*.env`). Example and template copies
 * (`.env.example`, `*.sample`) and templates (`Dockerfile.j2`, `.gitlab-ci.yml.tmpl`: rendered into that file,
 * not yet that file) stay plain text: no program reads them, and their placeholders are expected; the secret
 * detectors still run on them.
 */
function classifyEnvOrCi(path: string, head: () => string): FileKind | undefined {
  const base = path.slice(path.lastIndexOf("/") + 1);
  const lower = base.toLowerCase();
  if (isTemplateCopy(path) || TEMPLATE_EXTENSION.test(lower)) return undefined;
  if (lower === ".envrc") return "dotenv";
  if (/^\.env(?:\.[\w.-]+)?$|^[\w.-]+\.env$/.test(lower)) {
    const kind = envFileKind(head());
    if (kind !== "text") return kind;
  }
  if (isDockerfileName(lower) && (EXACT_DOCKERFILE.test(lower) || readsAsDockerfile(head()))) return "dockerfile";
  if (/\.(?:sh|bash|zsh|ksh)$/.test(lower)) return "shell";
  if (YAML.test(lower)) {
    if (/(?:^|\/)\.github\/workflows\/[^/]+$/.test(path)) return "github-workflow";
    if (/^action\.ya?ml$/.test(lower)) return "github-action";
    if (/^\.gitlab-ci\.ya?ml$|\.gitlab-ci\.ya?ml$/.test(lower) || /(?:^|\/)\.gitlab\/ci\//.test(path)) return "gitlab-ci";
    if (/(?:^|\/)\.circleci\/config\.ya?ml$/.test(path)) return "circleci";
    if (/^azure-pipelines(?:[.-][\w.-]*)?\.ya?ml$/.test(lower) || /(?:^|\/)\.azure-pipelines\/|(?:^|\/)\.azuredevops\//.test(path)) return "azure-pipelines";
    if (/^bitbucket-pipelines\.ya?ml$/.test(lower)) return "bitbucket-pipelines";
    return undefined;
  }
  // Extension-less scripts with a shell shebang (`bin/deploy`).
  if (!base.includes(".") && /^#!\s*\/(?:usr\/)?(?:bin\/)?(?:env\s+)?(?:ba|z|k|da)?sh\b/.test(head())) return "shell";
  return undefined;
}

// Dockerfiles

/** The names BuildKit and Podman read without being told: these are Dockerfiles whatever their content. */
const EXACT_DOCKERFILE = /^(?:dockerfile|containerfile)$/;
/** The conventional names of other Dockerfiles: `Dockerfile.prod`, `api.Dockerfile`, `base.containerfile`. */
const DOCKERFILE_NAME = /^(?:dockerfile|containerfile)(?:\.[\w.-]+)?$|\.(?:dockerfile|containerfile)$/;
/**
 * Extensions of other kinds of file. `dockerfile.py` (a Python module), `dockerfile.go`, `Dockerfile.md`
 * (docs), `Dockerfile.txt`, `Dockerfile.json`, `Dockerfile.dockerignore` (BuildKit's own per-Dockerfile
 * ignore file) are what their extension says, not Dockerfiles; a `.sh` or `.yml` one goes on to be classified
 * as such. (Templates, `.j2`, `.tpl`…, and copies, `.bak`, `.orig`…, are left as text before this.) The cost:
 * a variant named after a language (`Dockerfile.go`) is read as text — its secrets are still found by the
 * raw-text detectors; `Dockerfile.golang` is the safer spelling.
 */
const OTHER_KIND_EXTENSION = new Set([
  // Documentation
  "md", "markdown", "mdx", "rst", "txt", "adoc", "asciidoc", "org", "html", "htm", "tex", "pdf", "rtf",
  // Source code
  "py", "pyi", "pyc", "go", "rb", "rs", "java", "kt", "kts", "scala", "groovy", "gradle", "php", "pl", "pm",
  "c", "h", "cc", "cpp", "hpp", "cs", "fs", "swift", "m", "lua", "dart", "ex", "exs", "erl", "clj", "hs", "ml",
  "sh", "bash", "zsh", "ksh", "fish", "ps1", "psm1", "bat", "cmd", "vim", "nix", "tf", "hcl", "sql",
  // Data, config and build files
  "json", "jsonc", "json5", "yaml", "yml", "toml", "xml", "ini", "cfg", "properties", "csv", "lock", "mk",
  "dockerignore", "gitignore", "patch", "diff", "log", "in",
]);

function isDockerfileName(lower: string): boolean {
  if (!DOCKERFILE_NAME.test(lower)) return false;
  return !OTHER_KIND_EXTENSION.has(lower.slice(lower.lastIndexOf(".") + 1));
}

/** BuildKit's parser directives (`# syntax=…`, `# escape=…`, `# check=…`): only a Dockerfile starts so. */
const PARSER_DIRECTIVE = /^#\s*(?:syntax|escape|check)\s*=/i;

/**
 * Whether a file with a conventional Dockerfile name reads as one: its first instruction (after blank
 * lines, comments and template-only lines) is `FROM` or `ARG`, as BuildKit requires, or a parser directive
 * comes first. `checkov/…/Dockerfile.two_secrets` holding test text, or a docs page named like a Dockerfile,
 * starts otherwise. Python's `from x import y` is not a `FROM`. A head with no instruction at all (empty,
 * comments only) does not contradict the name.
 */
function readsAsDockerfile(head: string): boolean {
  const lines = head.replace(/^\uFEFF/, "").split("\n");
  for (const line of lines) {
    const t = line.trim();
    if (PARSER_DIRECTIVE.test(t)) return true;
    if (t === "" || t.startsWith("#") || isTemplateLine(t)) continue;
    return /^(?:from|arg)\s+\S/i.test(t) && !/^from\s+\S+\s+import\b/i.test(t);
  }
  return true;
}

// Env files

/** A `KEY=value` (or dotenv's `KEY: value`) line, optionally `export`ed; group 1 is the value. */
const ASSIGNMENT = /^\s*(?:export\s+)?[\w.-]+\s*(?:=|:\s)(.*)$/;
/** Shell control flow and function definitions: a `.env` holding them is a script that is `source`d. */
const SHELL_SYNTAX = /^\s*(?:(?:if|elif|while|until|for|case)\s.*|then|else|fi|do|done|esac|function\s+[\w-]+.*|[\w-]+\s*\(\)\s*\{?)\s*(?:[;#].*)?$/;

/**
 * What a file named like an env file (`.env`, `.env.*`, `*.env`) is, from its head: a `dotenv` file when its
 * lines are mostly `KEY=value`; a `shell` script when it has shell control flow (`if …; then`, `fi`,
 * functions: a `source`d `variables.env`, which a shell reads, not dotenv); otherwise `text` — a list of
 * variable names (an allow-list `allowlist.env`), prose, a different format. Comments, blank lines and
 * template-only lines do not count, and the lines of a quoted value that spans lines (a PEM key in
 * `KEY="…"`) belong to their assignment. The last line is left out when the head may cut it.
 */
export function envFileKind(head: string): "dotenv" | "shell" | "text" {
  const lines = head.split("\n");
  if (head.length >= 4096) lines.pop();
  let assignments = 0;
  let others = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? "").replace(/\r$/, "");
    const t = line.trim();
    if (t === "" || t.startsWith("#") || isTemplateLine(t)) continue;
    const m = ASSIGNMENT.exec(line);
    if (m) {
      assignments++;
      // A value that opens a quote and does not close it on this line continues on the next lines.
      const value = (m[1] ?? "").trim();
      const quote = value.charAt(0);
      if ((quote === '"' || quote === "'" || quote === "`") && value.indexOf(quote, 1) === -1) {
        while (i + 1 < lines.length && !(lines[i + 1] ?? "").includes(quote)) i++;
        i++;
      }
      continue;
    }
    if (SHELL_SYNTAX.test(t)) return "shell";
    others++;
  }
  return assignments >= others ? "dotenv" : "text";
}

/** Whether a path names an AWS shared file whatever its content (a binary one is worth a diagnostic). */
export function looksLikeAwsFile(path: string): boolean {
  return AWS_PATH.test(path) || /(?:^|\/)credentials$/.test(path);
}
