import { parseArgs } from "node:util";
import { closest } from "../knowledge/strings.js";
import { UsageError } from "../model/errors.js";

export const FORMATS = ["text", "json", "sarif", "github", "html"] as const;
export type Format = (typeof FORMATS)[number];

export interface CliOptions {
  readonly paths: string[];
  /** Whether paths were given (else the current folder is scanned). */
  readonly pathsGiven: boolean;
  readonly format: Format;
  readonly output?: string;
  readonly quiet: boolean;
  readonly maxWarnings?: number;
  readonly onlyRules: string[];
  readonly disabledRules: string[];
  readonly listRules: boolean;
  readonly version: boolean;
  readonly help: boolean;
  /** undefined: decide from the TTY and NO_COLOR / FORCE_COLOR. */
  readonly color?: boolean;
  readonly maxFileSize?: number;
  /** Apply safe fixes to the files, then report what remains. */
  readonly fix: boolean;
  /** Scan the content staged in the git index instead of paths. */
  readonly staged: boolean;
  /** SARIF `automationDetails.id`: keeps this analysis apart from others of the same commit in code scanning. */
  readonly sarifCategory?: string;
  /** `--config FILE`. */
  readonly config?: string;
  readonly noConfig: boolean;
  /** `--baseline FILE`. */
  readonly baseline?: string;
  readonly noBaseline: boolean;
  /** `--report-unused-disable`: report directives that suppress nothing, as errors. */
  readonly reportUnusedDisable: boolean;
  /** `--print-config FILE`: print the effective settings for the file and exit. */
  readonly printConfig?: string;
  /** `credlint baseline`: write the baseline instead of reporting. */
  readonly writeBaseline: boolean;
  /** `credlint baseline --prune`. */
  readonly prune: boolean;
  /** `--verbose`: list the files the scan skipped, and why. */
  readonly verbose: boolean;
}

export const HELP = `Usage: credlint [options] [paths...]
       credlint --staged [options]     scan what is staged for commit (pre-commit)
       credlint baseline [--prune] [options] [paths...]
                                       record today's findings in .credlint-baseline.json (--prune: only drop
                                       entries that no longer match); later scans report only new findings
       credlint init [--yes]           set credlint up in this repository: config, baseline, pre-commit hook,
                                       CI workflow, ESLint (asks before each; --yes: all, for scripts)
       credlint explain <rule-id>      print a rule's documentation: why it fails, how to fix it, examples
       credlint explain <fingerprint> [--report FILE]
                                       explain one finding of a JSON or SARIF report (default: the newest
                                       *.sarif or credlint*.json in this folder)
       credlint install-hook           add "credlint --staged" to the repository's pre-commit hook

Lints cloud credential configuration: AWS config/credentials files (and more to come) for the mistakes
behind "Invalid Credentials". Paths default to the current folder; inside a git work tree the files git
tracks (plus untracked, not ignored ones) are scanned, elsewhere .gitignore is honoured.

Options:
      --staged                    Scan the content staged for commit (read from the git index), not the files
  -f, --format <name>             Output format: text (default), json, sarif, github (annotations + job
                                  summary), or html (one self-contained page; use with -o report.html)
      --sarif-category <id>       SARIF only: the code scanning category of this analysis (automationDetails.id)
  -o, --output <file>             Write the report to a file instead of stdout
  -q, --quiet                     Report errors only
      --max-warnings <n>          Exit 1 when there are more than n warnings
      --fix                       Apply safe fixes to the files, then report what remains
      --rule <id>                 Run only this rule (repeatable)
      --disable-rule <id>         Do not run this rule (repeatable)
      --max-file-size <bytes>     Skip larger files (default: 2097152, or the config's maxFileSize)
  -c, --config <file>             Use this config file for every file (default: the nearest credlint.config.*
                                  or .credlintrc.* above each file)
      --no-config                 Use no config file
      --baseline <file>           Report only findings not in this baseline (default: .credlint-baseline.json
                                  beside the config, or at the repository root, when it exists)
      --no-baseline               Report baselined findings too
      --report-unused-disable     Report credlint-disable directives that suppress nothing, as errors
      --print-config <file>       Print the settings that apply to a file (JSON) and exit
      --list-rules                List the rules (severity, auto-fixable, description) and exit
      --verbose                   List the files the scan skipped (binary, too large, ignored, symlinks) and why
      --color, --no-color         Force colours on or off (default: on for a terminal unless NO_COLOR is set)
  -v, --version                   Print the version and exit
  -h, --help                      Print this help and exit

Exit codes: 0 no errors, 1 errors found (or more warnings than --max-warnings), 2 usage or internal error.
`;

/** Every long option, for the did-you-mean of an unknown one. */
const LONG_OPTIONS = [...HELP.matchAll(/--([a-z][a-z-]*)/g)].map((m) => `--${m[1] ?? ""}`);

/**
 * Node's "Unknown option '--formt'. To specify a positional argument …" as "unknown option --formt. Did you
 * mean --format?" (the hint about positionals helps nobody who mistyped a flag).
 */
function describeArgError(message: string): string {
  const unknown = /^Unknown option '(-[^']*)'/.exec(message)?.[1];
  if (!unknown) return message;
  const name = unknown.split("=")[0] ?? unknown;
  const guess = name.startsWith("--") ? closest(name, new Set(LONG_OPTIONS), 3)?.value : undefined;
  return `unknown option ${unknown}${guess ? `. Did you mean ${guess}?` : ""}`;
}

function nonNegativeInt(name: string, raw: string): number {
  if (!/^\d+$/.test(raw)) throw new UsageError(`${name} expects a whole number, got "${raw}".`);
  return Number(raw);
}

export function parseCliArgs(argv: readonly string[]): CliOptions {
  const writeBaseline = argv[0] === "baseline";
  if (writeBaseline) argv = argv.slice(1);
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: "string", short: "f" },
        "sarif-category": { type: "string" },
        output: { type: "string", short: "o" },
        quiet: { type: "boolean", short: "q" },
        "max-warnings": { type: "string" },
        rule: { type: "string", multiple: true },
        "disable-rule": { type: "string", multiple: true },
        "max-file-size": { type: "string" },
        "list-rules": { type: "boolean" },
        fix: { type: "boolean" },
        staged: { type: "boolean" },
        color: { type: "boolean" },
        "no-color": { type: "boolean" },
        version: { type: "boolean", short: "v" },
        help: { type: "boolean", short: "h" },
        config: { type: "string", short: "c" },
        "no-config": { type: "boolean" },
        baseline: { type: "string" },
        "no-baseline": { type: "boolean" },
        "report-unused-disable": { type: "boolean" },
        "print-config": { type: "string" },
        prune: { type: "boolean" },
        verbose: { type: "boolean" },
      },
    });
  } catch (error) {
    const msg = (error instanceof Error ? error.message.split("\n")[0] : String(error)) ?? "invalid arguments";
    throw new UsageError(`${describeArgError(msg)} (see credlint --help).`);
  }
  const v = parsed.values;
  const format = v.format ?? "text";
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`Unknown format "${format}": use one of ${FORMATS.join(", ")}.`);
  }
  const color = v["no-color"] ? false : v.color ? true : undefined;
  const sarifCategory = v["sarif-category"];
  if (sarifCategory !== undefined && format !== "sarif") throw new UsageError("--sarif-category applies to --format sarif only.");
  if (sarifCategory !== undefined && sarifCategory.trim() === "") throw new UsageError("--sarif-category needs a non-empty category.");
  if (v.staged && parsed.positionals.length > 0) {
    throw new UsageError("--staged scans what is staged in the git index: give no paths with it.");
  }
  if (v.staged && v.fix) throw new UsageError("--fix cannot be combined with --staged: fix the files, then stage them again.");
  if (v.config !== undefined && v["no-config"]) throw new UsageError("--config and --no-config contradict each other: give one.");
  if (v.baseline !== undefined && v["no-baseline"]) throw new UsageError("--baseline and --no-baseline contradict each other: give one.");
  if (v.prune && !writeBaseline) throw new UsageError("--prune belongs to credlint baseline: credlint baseline --prune.");
  if (writeBaseline) {
    for (const flag of ["fix", "staged", "no-baseline", "print-config", "format", "output", "quiet", "max-warnings", "sarif-category", "report-unused-disable"] as const) {
      if (v[flag] !== undefined) throw new UsageError(`--${flag} does not apply to credlint baseline.`);
    }
  }
  return {
    paths: parsed.positionals.length > 0 ? parsed.positionals : ["."],
    pathsGiven: parsed.positionals.length > 0,
    format: format as Format,
    ...(v.output !== undefined ? { output: v.output } : {}),
    quiet: v.quiet ?? false,
    ...(v["max-warnings"] !== undefined ? { maxWarnings: nonNegativeInt("--max-warnings", v["max-warnings"]) } : {}),
    onlyRules: v.rule ?? [],
    disabledRules: v["disable-rule"] ?? [],
    listRules: v["list-rules"] ?? false,
    fix: v.fix ?? false,
    staged: v.staged ?? false,
    ...(sarifCategory !== undefined ? { sarifCategory } : {}),
    version: v.version ?? false,
    help: v.help ?? false,
    ...(v.config !== undefined ? { config: v.config } : {}),
    noConfig: v["no-config"] ?? false,
    ...(v.baseline !== undefined ? { baseline: v.baseline } : {}),
    noBaseline: v["no-baseline"] ?? false,
    reportUnusedDisable: v["report-unused-disable"] ?? false,
    ...(v["print-config"] !== undefined ? { printConfig: v["print-config"] } : {}),
    writeBaseline,
    prune: v.prune ?? false,
    verbose: v.verbose ?? false,
    ...(color !== undefined ? { color } : {}),
    ...(v["max-file-size"] !== undefined ? { maxFileSize: nonNegativeInt("--max-file-size", v["max-file-size"]) } : {}),
  };
}
