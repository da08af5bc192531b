/**
 * Reader for Dockerfiles, as BuildKit's Dockerfile frontend reads them (reference §1.6, §6.6): one env context
 * per build stage, with the stage's `ENV` and `ARG` settings and the commands its `RUN` (and `CMD`/`ENTRYPOINT`)
 * instructions run.
 *
 * - Parser directives at the top: `# escape=`` ` changes the escape character (continuations and escapes).
 * - An instruction continues on the next line while it ends with the escape character (trailing blanks allowed);
 *   comment lines and blank lines inside a continuation are dropped, the pieces joined without a separator.
 * - `ENV k=v k2="v 2"` and `ARG k=v` split into words at unquoted whitespace (quotes kept), then at the first
 *   `=`; values go through BuildKit's word lexer: quotes removed, the escape character escapes anything outside
 *   quotes and only `"`, `$` and itself inside double quotes, `$X`/`${X…}` are expansions (kept as written,
 *   classified as references), `$(…)` is literal text. Legacy `ENV k v`: the rest of the line is the value.
 * - `ARG k` without a default is a build argument supplied at build time: a dynamic value with empty raw text.
 * - `RUN` in shell form is read by the shell reader (not when `SHELL` switched to PowerShell or cmd); exec form
 *   (`["…"]`) is only recorded as a command. Here-documents (`RUN <<EOF`) are skipped as instructions; a `RUN`
 *   that is only a here-document runs its body as the script.
 * - A stage built `FROM` an earlier stage inherits its environment: its context's parent is that stage.
 *
 * BuildKit's errors that make a build fail (unknown instruction, `ENV` word without `=`, unclosed quote or
 * heredoc, instruction before `FROM`) are reported in `errors`, one entry per problem with its line (the
 * pipeline reports the first as the file's one `parse-error`); the reader still returns what it could read.
 * Lines that are only template tags are blank to the reader (formats/template.ts).
 */
import { isUnicodeSpace } from "../knowledge/strings.js";
import type { EnvCommand, EnvContext } from "../model/env.js";
import type { Setting, SettingValue } from "../model/setting.js";
import type { Range, SourceFile } from "../model/source.js";
import { isLiveFile, positionAt, rangeOf } from "../model/source.js";
import { providerOfVar } from "../knowledge/env-vars.js";
import { classifyValue } from "../knowledge/references.js";
import { readShellLines, type ScriptLine } from "./shell.js";
import { maskTemplateLines } from "./template.js";

type DockerfileError = { line: number; message: string };

const INSTRUCTIONS = new Set([
  "from", "run", "cmd", "label", "maintainer", "expose", "env", "add", "copy", "entrypoint", "volume", "user",
  "workdir", "arg", "onbuild", "stopsignal", "healthcheck", "shell",
]);
/** Instructions whose here-documents (`<<EOF` … `EOF`) BuildKit reads. */
const HEREDOC_INSTRUCTIONS = new Set(["run", "copy", "add"]);
const HEREDOC = /(?<!<)<<(?!<)(-?)[ \t]*(["']?)([\w.-]+)\2/g;
const DIRECTIVE = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;
/** Shells whose scripts are not POSIX shell (`SHELL ["powershell", "-Command"]`). */
const NOT_POSIX = /(?:^|[\\/])(?:powershell|pwsh|cmd)(?:\.exe)?$/i;

/** Go `unicode.IsSpace`, which BuildKit splits `ENV`/`ARG` words at. */
function isGoSpace(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || c === 0x85 || c === 0xa0 || isUnicodeSpace(c);
}

/** A physical line without its line terminator (BuildKit trims every trailing CR and LF). */
interface Line {
  readonly start: number;
  readonly text: string;
}

/**
 * The physical lines, with template-only lines (`{% if %}`, `{{- end }}` in a templated Dockerfile) blank:
 * they are not instructions, and the lines around them are read where they stand (formats/template.ts).
 */
function linesOf(file: SourceFile): Line[] {
  const text = maskTemplateLines(file.text);
  return file.lineStarts.map((start, i) => {
    const next = file.lineStarts[i + 1];
    let end = next === undefined ? text.length : next - 1;
    while (end > start && text.charCodeAt(end - 1) === 13) end--;
    // The byte-order mark is not part of the first line.
    const from = i === 0 && text.charCodeAt(0) === 0xfeff ? 1 : start;
    return { start: from, text: text.slice(from, end) };
  });
}

/** A piece of an instruction: one physical line, without the continuation character. */
interface Segment {
  readonly start: number;
  readonly text: string;
  /** Whether the line ended with the escape character (it continues on the next kept line). */
  readonly continued: boolean;
}

/** An instruction's text as BuildKit joins it, with the way back to file offsets. */
class Instruction {
  readonly text: string;
  private readonly starts: number[] = [];

  constructor(
    private readonly file: SourceFile,
    readonly segments: readonly Segment[],
    readonly line: number,
  ) {
    let total = 0;
    for (const s of segments) {
      this.starts.push(total);
      total += s.text.length;
    }
    this.text = segments.map((s) => s.text).join("");
  }

  /** The segment holding instruction offset `at` (for an end offset, the one it ends in) and its offset there. */
  locate(at: number, end: boolean): { index: number; within: number } {
    // The last segment starting at or before `at` (before it, for an end), by binary search.
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      const start = this.starts[mid] ?? 0;
      if (start < at || (start === at && !end)) lo = mid;
      else hi = mid - 1;
    }
    return { index: lo, within: at - (this.starts[lo] ?? 0) };
  }

  /** The file offset of an instruction offset (`end`: an exclusive end stays on the line it ends). */
  offset(at: number, end = false): number {
    const { index, within } = this.locate(at, end);
    return (this.segments[index]?.start ?? 0) + within;
  }

  range(start: number, end: number): Range {
    return { start: positionAt(this.file, this.offset(start)), end: positionAt(this.file, this.offset(end, true)) };
  }

  /** The script lines of the text from `from` on, for the shell reader (which joins `\`-newline itself). */
  scriptLines(from: number): ScriptLine[] {
    const { index, within } = this.locate(from, false);
    return this.segments.slice(index).map((s, i) => {
      const skip = i === 0 ? within : 0;
      return { text: s.text.slice(skip) + (s.continued && i + index < this.segments.length - 1 ? "\\" : ""), offset: s.start + skip };
    });
  }
}

/** BuildKit's word lexer on one `ENV`/`ARG` value: the value, whether it expands variables, the error if any. */
function lexWord(s: string, escape: string): { value: string; expands: boolean; error?: string } {
  let out = "";
  let expands = false;
  let error: string | undefined;
  let i = 0;
  const dollar = (): void => {
    if (s.charAt(i + 1) === "{") {
      const first = s.charAt(i + 2);
      if (first === "{" || first === "}" || first === ":") error ??= "bad substitution";
      let depth = 0;
      let j = i;
      for (; j < s.length; j++) {
        if (s.charAt(j) === escape) j++;
        else if (s.startsWith("${", j)) {
          depth++;
          j++;
        } else if (s.charAt(j) === "}" && --depth === 0) break;
      }
      if (j >= s.length) error ??= "missing '}'";
      out += s.slice(i, j + 1);
      i = Math.min(j + 1, s.length);
      expands = true;
      return;
    }
    let j = i + 1;
    if (/\d/.test(s.charAt(j))) while (/\d/.test(s.charAt(j))) j++;
    else if ("@*#?-$!".includes(s.charAt(j)) && j < s.length) j++;
    else while (j < s.length && /[\p{L}\p{Nd}_]/u.test(s.charAt(j))) j++;
    out += s.slice(i, j);
    expands ||= j > i + 1;
    i = j;
  };
  while (i < s.length) {
    const c = s.charAt(i);
    if (c === "'") {
      const close = s.indexOf("'", i + 1);
      if (close === -1) error ??= "unexpected end of statement while looking for matching single-quote";
      out += s.slice(i + 1, close === -1 ? s.length : close);
      i = close === -1 ? s.length : close + 1;
    } else if (c === '"') {
      for (i++; ; ) {
        if (i >= s.length) {
          error ??= "unexpected end of statement while looking for matching double-quote";
          break;
        }
        const d = s.charAt(i);
        const n = s.charAt(i + 1);
        if (d === '"') {
          i++;
          break;
        }
        if (d === "$") dollar();
        else if (d === escape && (n === '"' || n === "$" || n === escape)) {
          out += n;
          i += 2;
        } else {
          if (!(d === escape && n === "")) out += d;
          i++;
        }
      }
    } else if (c === "$") {
      dollar();
    } else if (c === escape) {
      out += s.charAt(i + 1);
      i += 2;
    } else {
      out += c;
      i++;
    }
  }
  return error === undefined ? { value: out, expands } : { value: out, expands, error };
}

/** The end of the `parseWords` word that starts at `start`: unquoted whitespace ends it. */
function wordEnd(t: string, start: number, to: number, escape: string): number {
  let i = start;
  let quote = "";
  while (i < to) {
    const c = t.charAt(i);
    if (!quote && isGoSpace(t.charCodeAt(i))) break;
    if (c === escape && quote !== "'") i += 2;
    else {
      if (quote ? c === quote : c === "'" || c === '"') quote = quote ? "" : c;
      i++;
    }
  }
  return Math.min(i, to);
}

/** BuildKit's `parseWords`: words at unquoted whitespace, quotes and escapes kept; offsets in `t`. */
function wordsOf(t: string, from: number, to: number, escape: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (let i = from; i < to; ) {
    while (i < to && isGoSpace(t.charCodeAt(i))) i++;
    if (i >= to) break;
    const end = wordEnd(t, i, to, escape);
    out.push({ start: i, end });
    i = end;
  }
  return out;
}

/** A build stage, or the global scope before the first `FROM`. */
interface Stage {
  readonly env: EnvContext;
  readonly own: Setting[];
  readonly commands: EnvCommand[];
  readonly name?: string;
  /** Whether `RUN` scripts are POSIX shell (not after `SHELL ["powershell", …]`). */
  posix: boolean;
}

export function parseDockerfile(file: SourceFile): { contexts: EnvContext[]; settings: Setting[]; errors: DockerfileError[] } {
  const lines = linesOf(file);
  const errors: DockerfileError[] = [];
  const settings: Setting[] = [];
  const stages: Stage[] = [];
  const error = (line: number, message: string): void => {
    errors.push({ line, message });
  };
  const newStage = (where: string, anchor: Range, parent?: Stage, name?: string): Stage => {
    const own: Setting[] = [];
    const commands: EnvCommand[] = [];
    const env: EnvContext = {
      kind: "env",
      file,
      syntax: "dockerfile",
      where,
      anchor,
      ...(parent ? { parent: parent.env } : {}),
      own,
      commands,
      live: isLiveFile(file),
    };
    stages.push({ env, own, commands, posix: parent?.posix ?? true, ...(name !== undefined ? { name } : {}) });
    return stages[stages.length - 1] as Stage;
  };

  let escape = "\\";
  for (const l of lines) {
    const m = DIRECTIVE.exec(l.text);
    if (!m) break;
    if (m[1]?.toLowerCase() === "escape") {
      if (m[2] === "`" || m[2] === "\\") escape = m[2];
      else error(positionAt(file, l.start).line, `invalid escape token '${m[2] ?? ""}': it must be \` or \\`);
    }
  }
  const continuation = new RegExp(`${escape === "\\" ? "\\\\" : "`"}[ \\t]*$`);

  let stage: Stage | undefined;
  let fromCount = 0;
  for (let i = 0; i < lines.length; ) {
    const first = lines[i] as Line;
    const lead = first.text.length - first.text.trimStart().length;
    i++;
    if (lead === first.text.length || first.text.charAt(lead) === "#") continue;
    const segments: Segment[] = [];
    const addSegment = (start: number, text: string): boolean => {
      const c = continuation.exec(text);
      segments.push({ start, text: c ? text.slice(0, c.index) : text, continued: c !== null });
      return c !== null;
    };
    let continued = addSegment(first.start + lead, first.text.slice(lead));
    while (continued && i < lines.length) {
      const l = lines[i++] as Line;
      const trimmed = l.text.trimStart();
      if (trimmed === "" || trimmed.startsWith("#")) continue;
      continued = addSegment(l.start, l.text);
    }
    const ins = new Instruction(file, segments, positionAt(file, first.start).line);
    const text = ins.text;
    const keywordEnd = /^\S*/.exec(text)?.[0].length ?? 0;
    const keyword = text.slice(0, keywordEnd).toLowerCase();
    const argsEnd = text.trimEnd().length;
    let args = keywordEnd + (/^\s*/.exec(text.slice(keywordEnd))?.[0].length ?? 0);

    // Here-documents: their bodies follow the instruction and are not instructions.
    const bodies: { script: ScriptLine[] }[] = [];
    if (HEREDOC_INSTRUCTIONS.has(keyword) && text.includes("<<")) {
      for (const h of text.matchAll(HEREDOC)) {
        const script: ScriptLine[] = [];
        let terminated = false;
        while (i < lines.length) {
          const l = lines[i++] as Line;
          if ((h[1] ? l.text.replace(/^\t+/, "") : l.text) === h[3]) {
            terminated = true;
            break;
          }
          script.push({ text: l.text, offset: l.start });
        }
        if (!terminated) error(ins.line, `unterminated here-document ${h[3] ?? ""}`);
        bodies.push({ script });
      }
    }

    if (!INSTRUCTIONS.has(keyword)) {
      error(ins.line, `unknown instruction: ${text.slice(0, keywordEnd)}`);
      continue;
    }
    // Builder flags (`RUN --mount=…`, `FROM --platform=…`, `COPY --from=…`).
    while (text.startsWith("--", args)) {
      args = wordEnd(text, args, argsEnd, escape);
      while (args < argsEnd && isGoSpace(text.charCodeAt(args))) args++;
    }

    if (keyword === "from") {
      const words = wordsOf(text, args, argsEnd, escape).map((w) => text.slice(w.start, w.end));
      const name = words[1]?.toLowerCase() === "as" ? words[2] : undefined;
      const parent = stages.find((s) => s.name !== undefined && s.name.toLowerCase() === words[0]?.toLowerCase());
      stage = newStage(`stage ${name ?? fromCount} of ${file.path}`, ins.range(0, argsEnd), parent, name);
      fromCount++;
      continue;
    }
    if (!stage && keyword !== "arg") error(ins.line, `${keyword.toUpperCase()} before the first FROM`);
    const scope = stage ?? stages[0] ?? newStage(`global args of ${file.path}`, ins.range(0, argsEnd));
    const add = (s: Setting): void => {
      scope.own.push(s);
      settings.push(s);
    };

    switch (keyword) {
      case "env":
      case "arg":
        for (const s of keyValues(file, ins, keyword, args, argsEnd, escape, scope.env.where, error)) add(s);
        break;
      case "run":
      case "cmd":
      case "entrypoint": {
        const exec = execForm(text.slice(args, argsEnd));
        const only = /^<<-?[ \t]*(["']?)([\w.-]+)\1$/.exec(text.slice(args, argsEnd));
        if (exec !== undefined || !scope.posix) {
          scope.commands.push({ text: exec ?? text.slice(args, argsEnd), range: ins.range(args, argsEnd) });
        } else {
          // A `RUN <<EOF` runs the here-document as its script; otherwise the shell skips the bodies itself.
          const script = only && bodies[0] ? bodies[0].script : ins.scriptLines(args);
          const read = readShellLines(file, script, { where: scope.env.where, references: "shell" });
          read.own.forEach(add);
          scope.commands.push(...read.commands);
        }
        break;
      }
      case "shell": {
        const exec = execForm(text.slice(args, argsEnd));
        scope.posix = exec === undefined || !NOT_POSIX.test(exec.split(" ")[0] ?? "");
        break;
      }
    }
  }
  return { contexts: stages.map((s) => s.env), settings, errors };
}

/** An exec-form argument list (`["aws", "s3", "ls"]`) as a command line, or undefined for the shell form. */
function execForm(args: string): string | undefined {
  if (!args.startsWith("[")) return undefined;
  try {
    const parsed: unknown = JSON.parse(args);
    if (Array.isArray(parsed) && parsed.every((a) => typeof a === "string")) return parsed.join(" ");
  } catch {
    // Not JSON: BuildKit runs it in shell form.
  }
  return undefined;
}

/** The settings of an `ENV` or `ARG` instruction (`args`..`end`: its arguments in the instruction text). */
function keyValues(
  file: SourceFile,
  ins: Instruction,
  keyword: "env" | "arg",
  args: number,
  end: number,
  escape: string,
  where: string,
  error: (line: number, message: string) => void,
): Setting[] {
  const text = ins.text;
  const out: Setting[] = [];
  const setting = (keyStart: number, keyEnd: number, value: SettingValue, style: string): void => {
    const a = ins.offset(keyStart);
    const b = ins.offset(keyEnd, true);
    const key = file.text.slice(a, b);
    if (keyStart === keyEnd) error(ins.line, `${keyword.toUpperCase()} names can not be blank`);
    out.push({
      file,
      provider: providerOfVar(key),
      key: { text: key, range: rangeOf(file, a, b) },
      value,
      range: { start: positionAt(file, a), end: value.range.end },
      where,
      syntax: "env",
      style,
      ...(keyword === "arg" ? { buildArg: true as const } : {}),
    });
  };
  const value = (start: number, stop: number): { value: SettingValue; style: string } => {
    const a = ins.offset(start);
    const b = ins.offset(stop, true);
    const raw = file.text.slice(a, b);
    const range = rangeOf(file, a, b);
    const lexed = lexWord(text.slice(start, stop), escape);
    if (lexed.error) error(ins.line, lexed.error);
    const c = classifyValue(lexed.value, "dockerfile", lexed.expands);
    const style = text.charAt(start) === "'" ? "single" : text.charAt(start) === '"' ? "double" : "unquoted";
    if (c.kind === "reference") return { value: { kind: "reference", target: c.target, raw, range }, style };
    if (c.kind === "dynamic" || lexed.expands) return { value: { kind: "dynamic", raw, range }, style };
    return { value: { kind: "literal", value: lexed.value, raw, range }, style };
  };

  const words = wordsOf(text, args, end, escape);
  if (!words.length) error(ins.line, `${keyword.toUpperCase()} needs arguments`);
  const first = words[0];
  if (keyword === "env" && first && !text.slice(first.start, first.end).includes("=")) {
    // Legacy `ENV name value…`: the value is the rest of the line after the first run of blanks.
    const keyEnd = args + (/^[^\t\v\f\r ]*/.exec(text.slice(args, end))?.[0].length ?? 0);
    const valueStart = keyEnd + (/^[\t\v\f\r ]*/.exec(text.slice(keyEnd, end))?.[0].length ?? 0);
    if (valueStart >= end) error(ins.line, "ENV must have two arguments");
    const v = value(valueStart, Math.max(valueStart, end));
    setting(args, keyEnd, v.value, v.style);
    return out;
  }
  for (const w of words) {
    const eq = text.indexOf("=", w.start);
    if (eq === -1 || eq >= w.end) {
      if (keyword === "env") error(ins.line, `can't find = in ${JSON.stringify(text.slice(w.start, w.end))}; ENV needs name=value`);
      else {
        // `ARG NAME`: supplied at build time.
        const at = ins.offset(w.end, true);
        setting(w.start, w.end, { kind: "dynamic", raw: "", range: rangeOf(file, at, at) }, "unquoted");
      }
      continue;
    }
    const v = value(eq + 1, w.end);
    setting(w.start, eq, v.value, v.style);
  }
  return out;
}
