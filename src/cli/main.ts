import { lstatSync, mkdirSync, readFileSync, readSync, realpathSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { isatty } from "node:tty";
import { rules as allRules } from "../../rules/index.js";
import { isIgnoredByConfig } from "../config/match.js";
import { applySafeFixes } from "../fix/apply.js";
import { baselineFileFor, configResolver, DIAGNOSTIC_IDS, lint, scanRoot, selectRules, writeBaselines, type LintRequest } from "../lint/lint.js";
import { githubReport, sarifReport } from "../lint/reports.js";
import { toolVersion } from "../lint/version.js";
import { RuleError, UsageError } from "../model/errors.js";
import type { Finding } from "../model/finding.js";
import { docsUrl, withDefaults, type AnyRule } from "../model/rule.js";
import { formatHtml } from "../report/html.js";
import { formatJson } from "../report/json.js";
import type { RuleDescriptor } from "../report/sarif.js";
import { visible } from "../report/sanitize.js";
import { formatText } from "../report/text.js";
import { classify } from "../scan/classify.js";
import { fileScanSettings, type SkipCause, type SkippedFile } from "../scan/pipeline.js";
import { DEFAULT_MAX_FILE_SIZE } from "../scan/read.js";
import { explain } from "./explain.js";
import { runInit } from "./init.js";
import { installHook } from "./install-hook.js";
import { HELP, parseCliArgs, type CliOptions } from "./args.js";

export interface CliIo {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdoutIsTTY: boolean;
  /** A progress line goes to stderr only when it is a terminal (never in CI or piped output). */
  readonly stderrIsTTY?: boolean;
  writeStdout(text: string): void;
  writeStderr(text: string): void;
  /** A yes/no question to the person at the terminal (`credlint init`); absent when stdin is not a terminal. */
  readonly ask?: (question: string) => boolean;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

/** `--list-rules`: id, default severity, whether `--fix` can fix it, and the one-line description. */
function listRules(rules: readonly AnyRule[]): string {
  const width = Math.max(...rules.map((r) => r.meta.id.length), "rule".length);
  const row = (id: string, severity: string, fix: string, description: string): string => `${id.padEnd(width)}  ${severity.padEnd(8)}  ${fix.padEnd(7)}  ${description}`;
  const lines = [row("rule", "severity", "fixable", "description"), ...rules.map((r) => row(r.meta.id, r.meta.severity, r.meta.fixable ? "yes" : "-", r.meta.description))];
  return `${lines.join("\n")}\n\ncredlint explain <rule> prints a rule's documentation; online: ${docsUrl("<rule>")}\n`;
}

const CAUSE: Readonly<Record<SkipCause, string>> = {
  binary: "binary",
  "too-large": "too large",
  symlink: "symlink, not followed",
  ignored: "ignored by the config",
  unreadable: "unreadable",
  generated: "generated or minified: read for secret shapes only",
};

/** `--verbose`: one line per file the scan did not read, with the reason. */
function skippedList(skipped: readonly SkippedFile[]): string {
  const partly = skipped.filter((s) => s.cause === "generated");
  const left = skipped.filter((s) => s.cause !== "generated");
  const partlyText = partly.length ? `credlint: ${partly.length} file${partly.length === 1 ? "" : "s"} read for secret shapes only (generated or minified):\n${partly.map((s) => `  ${visible(s.path)}`).join("\n")}\n` : "";
  if (left.length === 0) return `${partlyText}credlint: no files skipped.\n`;
  const lines = left.map((s) => {
    const detail = s.cause === "too-large" && s.detail ? ` (${Number(s.detail).toLocaleString("en-US")} bytes; --max-file-size raises the limit)` : s.detail ? ` (${s.detail})` : "";
    return `  ${visible(s.path)}: ${CAUSE[s.cause]}${detail}`;
  });
  return `${partlyText}credlint: skipped ${left.length} file${left.length === 1 ? "" : "s"}:\n${lines.join("\n")}\n`;
}

function useColor(options: CliOptions, io: CliIo): boolean {
  if (options.color !== undefined) return options.color;
  if (options.output !== undefined) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "") return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== "0") return true;
  return io.stdoutIsTTY;
}

/**
 * Writes a report file: a regular file (or a new one) next to the target then renamed, so a reader never sees
 * half a report; through a symbolic link, the file it points to (the link stays). Anything else that exists —
 * `/dev/null`, `/dev/stdout`, a named pipe — is written to as it is: a rename would replace the device or pipe
 * with a regular file (as root, `-o /dev/null` did).
 */
function writeAtomically(file: string, text: string): void {
  let target = file;
  try {
    if (lstatSync(file).isSymbolicLink()) target = realpathSync(file);
    if (!statSync(target).isFile()) {
      writeFileSync(target, text);
      return;
    }
  } catch {
    // Not there yet (or a dangling link): created below.
  }
  mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.credlint-tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, target);
}

/** `--print-config FILE`: the settings that apply to one file, as JSON (what the scan, rules and filter use). */
function printConfig(file: string, options: CliOptions, io: CliIo): string {
  const abs = path.resolve(io.cwd, file);
  const request = { cwd: io.cwd, ...(options.config !== undefined ? { configFile: options.config } : {}), noConfig: options.noConfig };
  const resolver = configResolver(request, scanRoot({ cwd: io.cwd, paths: [file] }));
  const config = resolver.forFile(abs);
  const rules: Record<string, unknown> = {};
  for (const r of allRules) {
    const own = config.rules.get(r.meta.id);
    const level = own?.level ?? r.meta.severity;
    const opts = withDefaults(r.meta, own?.options);
    rules[r.meta.id] = Object.keys(opts).length > 0 ? [level, opts] : level;
  }
  for (const id of DIAGNOSTIC_IDS) rules[id] = config.rules.get(id)?.level ?? "error";
  const effective = {
    file: path.relative(io.cwd, abs) || file,
    configFile: config.file ? path.relative(io.cwd, config.file) || config.file : null,
    ignored: isIgnoredByConfig(config, abs),
    fileKind: fileScanSettings(config, abs).kind ?? classify(abs.split(path.sep).join("/"), () => {
      try {
        return readFileSync(abs, "utf8").slice(0, 4096);
      } catch {
        return "";
      }
    }),
    maxFileSize: options.maxFileSize ?? config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    rules,
    ignore: config.ignore,
    fileKinds: Object.fromEntries(config.fileKinds.map((k) => [k.pattern, k.kind])),
    secretPatterns: config.secretPatterns,
    allow: config.allow,
    reportUnusedDisableDirectives: options.reportUnusedDisable ? "error" : config.reportUnusedDisableDirectives,
    requireDisableReason: config.requireDisableReason,
    // The defaults' folder is the top of the config walk: the root a scan would use.
    baseline: path.relative(io.cwd, baselineFileFor(config, config.dir, { cwd: io.cwd, ...(options.baseline !== undefined ? { baselineFile: options.baseline } : {}) })),
  };
  return `${JSON.stringify(effective, null, 2)}\n`;
}

function lintRequest(options: CliOptions, io: CliIo): LintRequest {
  return {
    cwd: io.cwd,
    paths: options.paths,
    staged: options.staged,
    ...(options.config !== undefined ? { configFile: options.config } : {}),
    noConfig: options.noConfig,
    ...(options.baseline !== undefined ? { baselineFile: options.baseline } : {}),
    noBaseline: options.noBaseline,
    onlyRules: options.onlyRules,
    disabledRules: options.disabledRules,
    ...(options.maxFileSize !== undefined ? { maxFileSize: options.maxFileSize } : {}),
    quiet: options.quiet,
    ...(options.reportUnusedDisable ? { reportUnusedDisableDirectives: "error" as const } : {}),
  };
}

/**
 * "credlint: 12,345 / 44,172 files" on stderr, rewritten in place: only on a terminal, not in CI, and only
 * once the scan has run for a second (a quick scan prints nothing). `end()` clears it.
 */
export function progressLine(io: CliIo, now: () => number = Date.now): { readonly update?: (done: number, total: number) => void; end(): void } {
  if (!io.stderrIsTTY || (io.env.CI !== undefined && io.env.CI !== "" && io.env.CI !== "false")) return { end() {} };
  const start = now();
  let last = 0;
  let shown = false;
  return {
    update(done, total) {
      const t = now();
      if (t - start < 1000 || (t - last < 100 && done < total)) return;
      last = t;
      shown = true;
      io.writeStderr(`\rcredlint: ${done.toLocaleString("en-US")} / ${total.toLocaleString("en-US")} files`);
    },
    end() {
      if (shown) io.writeStderr("\r\u001b[K");
    },
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export function run(argv: readonly string[], io: CliIo): number {
  let options: CliOptions;
  try {
    if (argv[0] === "install-hook") {
      if (argv.length > 1) throw new UsageError("install-hook takes no arguments.");
      io.writeStdout(`${installHook(io.cwd)}\n`);
      return EXIT_OK;
    }
    if (argv[0] === "init") {
      const rest = argv.slice(1);
      for (const a of rest) if (a !== "--yes" && a !== "-y" && a !== "--dry-run") throw new UsageError(`init: unknown option ${a} (credlint init [--yes | --dry-run]).`);
      runInit(
        { yes: rest.includes("--yes") || rest.includes("-y"), dryRun: rest.includes("--dry-run") },
        { cwd: io.cwd, ...(io.ask ? { ask: io.ask } : {}), write: (t) => io.writeStdout(t) },
      );
      return EXIT_OK;
    }
    if (argv[0] === "explain") {
      const color = !argv.includes("--no-color") && io.stdoutIsTTY && (io.env.NO_COLOR === undefined || io.env.NO_COLOR === "");
      io.writeStdout(explain(argv.slice(1).filter((a) => a !== "--no-color" && a !== "--color"), io.cwd, color || argv.includes("--color")));
      return EXIT_OK;
    }
    options = parseCliArgs(argv);
    if (options.help) {
      io.writeStdout(HELP);
      return EXIT_OK;
    }
    if (options.version) {
      io.writeStdout(`${toolVersion()}\n`);
      return EXIT_OK;
    }
    const rules = selectRules(options.onlyRules, options.disabledRules);
    if (options.listRules) {
      io.writeStdout(listRules(rules));
      return EXIT_OK;
    }
    if (options.printConfig !== undefined) {
      io.writeStdout(printConfig(options.printConfig, options, io));
      return EXIT_OK;
    }
    const request = lintRequest(options, io);
    if (options.writeBaseline) {
      const { written } = writeBaselines(request, options.prune);
      if (written.length === 0) io.writeStderr("credlint: no baseline to prune (write one with credlint baseline).\n");
      for (const w of written) {
        const what = `${plural(w.findings, "finding")} (${plural(w.entries, "entry").replace(/entrys$/, "entries")})`;
        io.writeStderr(
          options.prune
            ? `credlint: pruned ${plural(w.removed, "finding")} that no longer match${w.removed === 1 ? "es" : ""} from ${w.file}; ${what} left.\n`
            : `credlint: wrote ${w.file} with ${what}. Commit it; later scans report only findings not in it.\n`,
        );
      }
      return EXIT_OK;
    }
    const progress = progressLine(io);
    const started = performance.now();
    let result = lint({ ...request, ...(progress.update ? { onProgress: progress.update } : {}) }, rules);
    progress.end();
    if (options.fix) {
      const texts = new Map(result.scan.files.map((f) => [f.path, f.text]));
      const fixed = applySafeFixes(result.reported, result.scan.root, texts);
      if (fixed.files.length > 0) {
        io.writeStderr(`credlint: applied ${plural(fixed.applied, "fix").replace(/fixs$/, "fixes")} in ${plural(fixed.files.length, "file")}.\n`);
        result = lint(request, rules);
      }
    }
    const findings: Finding[] = result.reported;
    const version = toolVersion();
    const descriptors: RuleDescriptor[] = [...result.descriptors];
    const reportIo = { env: io.env, warn: (message: string) => io.writeStderr(`credlint: warning: ${message}\n`) };
    const summary = { suppressed: result.suppressed, baselines: result.baselines };
    const durationMs = performance.now() - started;
    if (options.verbose) io.writeStderr(skippedList(result.scan.skipped));
    if (!options.staged && !options.pathsGiven && result.scan.inGit === false && options.format === "text") {
      // No repository to ask for its files: say what "everything here" meant.
      io.writeStderr(
        `credlint: ${io.cwd} is not inside a git repository, so every file under it was scanned (${plural(result.scan.stats.filesScanned, "file")}), except what .gitignore files exclude. Give paths to scan something else.\n`,
      );
    }
    const report =
      options.format === "json"
        ? formatJson(findings, result.scan.stats, version, summary)
        : options.format === "sarif"
          ? sarifReport([...findings, ...result.suppressed], result.scan, descriptors, options.sarifCategory, reportIo).text
          : options.format === "github"
            ? githubReport(findings, result.scan, descriptors, reportIo)
            : options.format === "html"
              ? formatHtml(findings, result.scan.stats, {
                  toolVersion: version,
                  rules: descriptors.map((d) => ({ id: d.id, description: d.description, docsUrl: docsUrl(d.id) })),
                  suppressed: result.suppressed,
                  baselines: result.baselines,
                  root: path.basename(result.scan.root),
                })
              : formatText(findings, result.scan.stats, { color: useColor(options, io), ...summary, durationMs, verbose: options.verbose });
    if (options.format === "html" && options.output === undefined && io.stdoutIsTTY) {
      io.writeStderr("credlint: the HTML report is a page for a browser: write it to a file with -o report.html.\n");
    }
    if (options.output !== undefined) writeAtomically(path.resolve(io.cwd, options.output), report);
    else io.writeStdout(report);
    const errors = findings.filter((f) => f.severity === "error").length;
    const warnings = findings.filter((f) => f.severity === "warning").length;
    if (errors > 0) return EXIT_FINDINGS;
    if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
      io.writeStderr(`credlint: ${warnings} warnings exceed --max-warnings ${options.maxWarnings}.\n`);
      return EXIT_FINDINGS;
    }
    return EXIT_OK;
  } catch (error) {
    if (error instanceof UsageError) {
      io.writeStderr(`credlint: ${error.message}\n`);
    } else if (error instanceof RuleError) {
      io.writeStderr(`credlint: internal error: ${error.message}\n`);
    } else {
      const msg = error instanceof Error ? error.message : String(error);
      io.writeStderr(`credlint: internal error: ${msg.split("\n")[0] ?? msg}\n`);
    }
    if (io.env.CREDLINT_DEBUG && error instanceof Error && error.stack) io.writeStderr(`${error.stack}\n`);
    return EXIT_ERROR;
  }
}

export function main(): void {
  // `credlint . | head`: the reader went away. Not an error of credlint's: stop quietly, as grep does.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  const code = run(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    writeStdout: (t) => process.stdout.write(t),
    writeStderr: (t) => process.stderr.write(t),
    // isatty, not process.stdin: creating the stdin stream costs every run (a pre-commit hook) for nothing.
    ...(isatty(0) && process.stdout.isTTY === true ? { ask: askOnTerminal } : {}),
  });
  process.exitCode = code;
}

/**
 * Reads one answer from the terminal, synchronously (the CLI is synchronous): Enter or y/yes is yes, n/no
 * is no, anything else asks again; end of input (Ctrl-D) is no.
 */
function askOnTerminal(question: string): boolean {
  for (;;) {
    process.stdout.write(`${question} [Y/n] `);
    const line = readLineSync();
    if (line === undefined) {
      process.stdout.write("\n");
      return false;
    }
    const a = line.trim().toLowerCase();
    if (a === "" || a === "y" || a === "yes") return true;
    if (a === "n" || a === "no") return false;
  }
}

function readLineSync(): string | undefined {
  const bytes: number[] = [];
  const one = Buffer.alloc(1);
  for (;;) {
    let n: number;
    try {
      n = readSync(0, one, 0, 1, null);
    } catch (error) {
      // A terminal left non-blocking by someone else: wait a moment and read again.
      if ((error as NodeJS.ErrnoException).code === "EAGAIN") {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
        continue;
      }
      throw error;
    }
    if (n === 0) return bytes.length > 0 ? Buffer.from(bytes).toString("utf8") : undefined;
    if (one[0] === 10) return Buffer.from(bytes).toString("utf8");
    bytes.push(one[0] ?? 0);
  }
}
