/**
 * How files are recognised: the names and the first lines that say what a file is. The format registry
 * (./registry.ts) asks these for each kind; they are kept together because they decide between kinds (a
 * `*.env` file is a dotenv file or a script, a `Dockerfile.py` is Python), and they are cheap: classification
 * runs on every file found.
 */
import { isTemplateLine } from "./template.js";

// AWS shared files

/** `.aws/config`, `.aws/credentials`, `…/aws/config` and the like: AWS shared files by path (RULES.md). */
export const AWS_PATH = /(?:^|\/)\.?aws\/(config|credentials)$/;
export const BARE_NAME = /(?:^|\/)(config|credentials)$/;
/** A line that only an AWS shared file has: a profile-ish header or a key the SDKs read. */
export const AWS_CONTENT =
  /^\s*(?:\[\s*(?:default|profile\s+[^\]]+|sso-session\s+[^\]]+)\s*\]|(?:aws_access_key_id|aws_secret_access_key|aws_session_token|role_arn|source_profile|credential_source|credential_process|sso_start_url|sso_session|sso_account_id|web_identity_token_file|mfa_serial)\s*[=:])/im;

/** The AWS shared file a path names, `config` or `credentials`: by its path, or by its name when its head reads as one. */
export function awsFileOf(path: string, head: () => string): "config" | "credentials" | undefined {
  const byPath = AWS_PATH.exec(path);
  if (byPath) return byPath[1] === "config" ? "config" : "credentials";
  const bare = BARE_NAME.exec(path);
  if (bare && AWS_CONTENT.test(head())) return bare[1] === "config" ? "config" : "credentials";
  return undefined;
}

/** Whether a path names an AWS shared file whatever its content (a binary one is worth a diagnostic). */
export function looksLikeAwsFile(path: string): boolean {
  return AWS_PATH.test(path) || /(?:^|\/)credentials$/.test(path);
}

// Dockerfiles

/** The names BuildKit and Podman read without being told: these are Dockerfiles whatever their content. */
export const EXACT_DOCKERFILE = /^(?:dockerfile|containerfile)$/;
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

export function isDockerfileName(lower: string): boolean {
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
export function readsAsDockerfile(head: string): boolean {
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


// CI files by content

/**
 * CI files kept where their platform does not look for them — an Azure Pipelines template under
 * `tests/pipelines/`, a GitHub workflow in an org's `workflow-templates/`, a Bitbucket or CircleCI config
 * copied into `ci/` — recognised by the top-level keys only their platform uses. Each test asks for two or
 * more such keys (or one that no other YAML has: `- task: Name@1`), so a plain YAML file with a `jobs:` key
 * stays plain. Whether the CI system runs the file is asked later (isLiveCiFile: not under `tests/`).
 */
export const CI_CONTENT = {
  /** `on:` and `jobs:` at the top, a job with `runs-on:` (or calling a reusable workflow). */
  github: (head: string): boolean => /^(?:on|"on"|'on')\s*:/m.test(head) && /^jobs\s*:/m.test(head) && /^\s+(?:runs-on|uses)\s*:/m.test(head),
  /** A `- task: Name@N` step, or a `pool:` with `vmImage:`, or `trigger:`/`pr:` with `steps:`/`jobs:`/`stages:`. */
  azure: (head: string): boolean =>
    /^\s*-?\s*task\s*:\s*[\w.-]+@\d+\s*$/m.test(head) ||
    (/^pool\s*:/m.test(head) && /^\s+vmImage\s*:/m.test(head)) ||
    (/^(?:trigger|pr)\s*:/m.test(head) && /^(?:steps|jobs|stages)\s*:/m.test(head) && /^\s*-\s*(?:script|bash|pwsh|task|job|stage|deployment)\s*:/m.test(head)),
  /** `version: 2` / `2.1` with `jobs:`, `workflows:` or `orbs:`. */
  circleci: (head: string): boolean => /^version\s*:\s*["']?2(?:\.[01])?["']?\s*$/m.test(head) && /^(?:jobs|workflows|orbs)\s*:/m.test(head) && /^\s+(?:docker|machine|steps|executor|resource_class)\s*:/m.test(head),
  /** `pipelines:` with `default:`/`branches:`/`pull-requests:`/`custom:`/`tags:` and `step:`s. */
  bitbucket: (head: string): boolean => /^pipelines\s*:/m.test(head) && /^\s+(?:default|branches|pull-requests|custom|tags)\s*:/m.test(head) && /^\s*-\s*step\s*:/m.test(head),
  /** Top-level `stages:` and a job with `script:` and `stage:` — and none of the other platforms' keys. */
  gitlab: (head: string): boolean => /^stages\s*:/m.test(head) && /^\s+stage\s*:/m.test(head) && /^\s+script\s*:/m.test(head) && !/^(?:on|jobs|pipelines|workflows|trigger|pool)\s*:/m.test(head),
} as const;
