/**
 * The neutral structure of an AWS shared config/credentials file (`../aws-ini.ts`): sections, entries, nested
 * children and bad lines, each header and key line with what the three SDK simulations make of it.
 */
import type {
  AwsIniFileKind,
  IniBadLine,
  IniComment,
  IniDocument,
  IniEntry,
  IniSection,
  SectionReading,
} from "../../model/aws-ini.js";
import type { Located, Sdk, SdkReading } from "../../model/setting.js";
import type { Range, SourceFile } from "../../model/source.js";
import { rangeOf } from "../../model/source.js";
import type { PyOptionValue, PyResult } from "./botocore.js";
import { finishBotocoreOption, simulateBotocore } from "./botocore.js";
import {
  COLON,
  EQUALS,
  HASH,
  isBlank,
  isGoWs,
  isJsWs,
  isPyWs,
  LBRACKET,
  pyStrip,
  RBRACKET,
  SEMI,
  shlexSplit,
  spanEnd,
  spanStart,
} from "./chars.js";
import type { GoResult } from "./go.js";
import { goTrimProfileComment, simulateGo } from "./go.js";
import type { JsResult } from "./js.js";
import { jsStripComment, simulateJs } from "./js.js";
import type { Line } from "./lines.js";
import { splitLines } from "./lines.js";
import type { Effect } from "./why.js";
import { appendsTo, describeEffects, effect, FAILS, ignored, invisibleStart, q, readsKey, SKIPS } from "./why.js";

interface EntryDraft {
  readonly lineIndex: number;
  readonly key: Located;
  readonly delimiter: Located;
  readonly rawValue: Located;
  readonly intended: Located;
  readonly inlineComment: IniComment | undefined;
  readonly quote: '"' | "'" | undefined;
  readonly line: Range;
  readonly children: EntryDraft[];
}

interface SectionDraft {
  readonly lineIndex: number;
  readonly header: Located;
  readonly inner: string;
  readonly innerRange: Range;
  readonly headerStart: number;
  /** Index of the closing `]` in the line text. */
  readonly close: number;
  readonly entries: EntryDraft[];
  lastEnd: number;
}

interface BadDraft {
  readonly lineIndex: number;
  readonly line: Range;
  readonly text: string;
  readonly primary: string;
}

class Reader {
  private readonly lines: Line[];
  private readonly py: PyResult;
  private readonly pyValues: PyOptionValue[];
  private readonly js: JsResult;
  private readonly go: GoResult;
  private readonly sections: SectionDraft[] = [];
  private readonly orphans: EntryDraft[] = [];
  private readonly bad: BadDraft[] = [];

  constructor(
    private readonly file: SourceFile,
    private readonly fileKind: AwsIniFileKind,
  ) {
    this.lines = splitLines(file);
    this.py = simulateBotocore(this.lines);
    this.pyValues = this.py.options.map(finishBotocoreOption);
    this.js = simulateJs(this.lines);
    this.go = simulateGo(this.lines);
  }

  read(): IniDocument {
    this.buildStructure();
    return {
      file: this.file,
      fileKind: this.fileKind,
      sections: this.sections.map((s) => this.finishSection(s)),
      orphanEntries: this.orphans.map((e) => this.finishEntry(e)),
      badLines: this.bad.map((b) => this.finishBad(b)),
    };
  }

  private located(start: number, end: number): Located {
    return { text: this.file.text.slice(start, end), range: rangeOf(this.file, start, end) };
  }

  // -- structure ------------------------------------------------------------------------------------------------

  /**
   * Sections, entries, children and bad lines. Membership follows configparser's indentation rule (a line
   * indented deeper than the last key line belongs to that key), which is also where the JS and Go readers
   * look for nested keys; a line that any reader takes for a header is a header.
   */
  private buildStructure(): void {
    let section: SectionDraft | undefined;
    let owner: EntryDraft | undefined;
    let indentLevel = 0;
    this.lines.forEach((line, index) => {
      const t = line.text;
      const ls = spanStart(t, 0, t.length, isBlank);
      // The line ends where botocore strips it: a trailing U+FEFF or U+200B stays part of the value.
      const le = spanEnd(t, ls, t.length, isPyWs);
      if (ls === le) return; // blank line
      const lineRange = rangeOf(this.file, line.start + ls, line.start + le);
      const addBad = (primary: string): void => {
        this.bad.push({ lineIndex: index, line: lineRange, text: t.slice(ls, le), primary });
      };
      if (line.hasInnerCr) {
        addBad("contains a carriage return (CR) inside the line");
        return;
      }
      const first = t.charCodeAt(ls);
      if (first === HASH || first === SEMI) return; // full-line comment
      const indent = spanStart(t, 0, t.length, isPyWs);
      const deeper = owner !== undefined && indent > indentLevel;

      const close = first === LBRACKET ? findHeaderClose(t, ls, le) : -1;
      if (close > 0) {
        const headerStart = line.start + ls;
        const closeOffset = line.start + close;
        section = {
          lineIndex: index,
          header: this.located(headerStart, closeOffset + 1),
          inner: t.slice(ls + 1, close),
          innerRange: rangeOf(this.file, headerStart + 1, closeOffset),
          headerStart,
          close,
          entries: [],
          lastEnd: closeOffset + 1,
        };
        this.sections.push(section);
        owner = undefined;
        indentLevel = indent;
        return;
      }

      const delim = findDelimiter(t, ls, le);
      if (deeper && owner !== undefined) {
        if (owner.rawValue.text !== "") {
          addBad("is an indented continuation line");
        } else if (t.includes("=")) {
          const child = this.entryDraft(line, index, ls, le, delim);
          if (child === undefined) addBad("is an indented line with an empty key");
          else {
            owner.children.push(child);
            if (section !== undefined) section.lastEnd = Math.max(section.lastEnd, line.start + le);
          }
        } else {
          addBad(
            delim >= 0
              ? "is a nested `key: value` line (nested lines need `=`)"
              : "is an indented line without `=` under an empty value",
          );
        }
        return;
      }
      indentLevel = indent;
      if (delim < 0) {
        // configparser keeps the current option after a bad line
        addBad(first === LBRACKET ? "is not a section header (no closing `]`)" : "has no `=` or `:`");
        return;
      }
      const entry = this.entryDraft(line, index, ls, le, delim);
      if (entry === undefined) {
        addBad("has an empty key");
        owner = undefined;
        return;
      }
      if (section === undefined) {
        this.orphans.push(entry);
        owner = undefined;
        return;
      }
      section.entries.push(entry);
      section.lastEnd = Math.max(section.lastEnd, line.start + le);
      owner = entry;
    });
  }

  private entryDraft(
    line: Line,
    lineIndex: number,
    ls: number,
    le: number,
    delim: number,
  ): EntryDraft | undefined {
    const t = line.text;
    const base = line.start;
    const ks = spanStart(t, ls, delim, isBlank);
    const ke = spanEnd(t, ks, delim, isBlank);
    if (ks === ke) return undefined;
    // The value exactly as botocore strips it (Python whitespace: a trailing U+FEFF or U+200B stays).
    const vs = spanStart(t, delim + 1, le, isPyWs);
    const ve = spanEnd(t, vs, le, isPyWs);

    // Inline comment: the first `#`/`;` at the value start or after a blank; else the first one anywhere
    // (where the pre-2023-11 Go reader cut the value, and where a reader that cuts anywhere would).
    let markerAt = -1;
    let afterWhitespace = false;
    for (let i = vs; i < ve; i++) {
      const c = t.charCodeAt(i);
      if (c !== HASH && c !== SEMI) continue;
      if (i === vs || isBlank(t.charCodeAt(i - 1))) {
        markerAt = i;
        afterWhitespace = true;
        break;
      }
      if (markerAt < 0) markerAt = i;
    }
    const comment: IniComment | undefined =
      markerAt < 0
        ? undefined
        : { marker: t.charAt(markerAt), range: rangeOf(this.file, base + markerAt, base + ve), afterWhitespace };

    let is = vs === ve ? delim + 1 : vs;
    let ie = vs === ve ? delim + 1 : afterWhitespace ? spanEnd(t, vs, markerAt, isBlank) : ve;
    let quote: '"' | "'" | undefined;
    const qc = t.charAt(is);
    if (ie - is >= 2 && (qc === '"' || qc === "'") && t.charAt(ie - 1) === qc) {
      quote = qc;
      is++;
      ie--;
    }
    return {
      lineIndex,
      key: this.located(base + ks, base + ke),
      delimiter: this.located(base + delim, base + delim + 1),
      rawValue: vs === ve ? this.located(base + delim + 1, base + delim + 1) : this.located(base + vs, base + ve),
      intended: this.located(base + is, base + ie),
      inlineComment: comment,
      quote,
      line: rangeOf(this.file, base + ls, base + le),
      children: [],
    };
  }

  // -- readings -------------------------------------------------------------------------------------------------

  private botocoreReading(index: number): SdkReading {
    const ev = this.py.events[index];
    if (ev?.t === "option") {
      const option = this.py.options[ev.opt];
      const value = this.pyValues[ev.opt];
      if (option !== undefined && value !== undefined) return { key: option.key, value: value.value };
    }
    if (ev?.t === "cont") {
      const option = this.py.options[ev.opt];
      const child = this.pyValues[ev.opt]?.nested.get(ev.piece);
      if (option !== undefined && child) return { key: `${option.key}.${child.key}`, value: child.value };
    }
    return { key: null, value: null };
  }

  private jsReading(index: number): SdkReading {
    const ev = this.js.events[index];
    if (this.js.rejectedBy === undefined && ev?.t === "key") return { key: ev.key, value: ev.value };
    return { key: null, value: null };
  }

  private goReading(index: number): SdkReading {
    const ev = this.go.events[index];
    if (ev?.t === "property") return { key: ev.key, value: this.go.values.get(index) ?? "" };
    if (ev?.t === "sub") return { key: ev.key, value: ev.value };
    return { key: null, value: null };
  }

  private finishEntry(draft: EntryDraft): IniEntry {
    const readings: Record<Sdk, SdkReading> = {
      botocore: this.botocoreReading(draft.lineIndex),
      js: this.jsReading(draft.lineIndex),
      go: this.goReading(draft.lineIndex),
    };
    const entry: IniEntry = {
      key: draft.key,
      delimiter: draft.delimiter,
      rawValue: draft.rawValue,
      intended: draft.intended,
      ...(draft.inlineComment ? { inlineComment: draft.inlineComment } : {}),
      ...(draft.quote ? { quote: draft.quote } : {}),
      line: draft.line,
      children: draft.children.map((c) => this.finishEntry(c)),
      readings,
    };
    return entry;
  }

  // -- bad lines ------------------------------------------------------------------------------------------------

  private botocoreEffect(index: number): Effect {
    const ev = this.py.events[index];
    switch (ev?.t) {
      case "cont": {
        const option = this.py.options[ev.opt];
        const value = this.pyValues[ev.opt];
        const key = option?.key ?? "";
        if (value?.value === null) {
          const child = value.nested.get(ev.piece);
          return child ? readsKey(`${key}.${child.key}`) : FAILS;
        }
        return appendsTo(key);
      }
      case "option": {
        const option = this.py.options[ev.opt];
        return readsKey(option?.key ?? "");
      }
      case "header":
        return effect(`reads it as the header ${q(`[${ev.name}]`)}`, `read it as the header ${q(`[${ev.name}]`)}`);
      case "noSection":
      case "error":
        return FAILS;
      case "multi":
        return ev.fails
          ? effect("reads it as several lines and fails to read the whole file", "read it as several lines and fail to read the whole file")
          : effect("reads it as several lines", "read it as several lines");
      default:
        return SKIPS;
    }
  }

  private jsEffect(index: number): Effect {
    if (this.js.rejectedBy !== undefined) return effect("reads nothing from the file", "read nothing from the file");
    const ev = this.js.events[index];
    if (ev?.t === "key") return readsKey(ev.key);
    if (ev?.t === "header") return effect("reads it as a section header", "read it as a section header");
    return SKIPS;
  }

  private goEffect(index: number): Effect {
    const ev = this.go.events[index];
    switch (ev?.t) {
      case "property":
        return readsKey(ev.key);
      case "sub":
        return readsKey(ev.key);
      case "cont": {
        const target = this.go.events[ev.target];
        return appendsTo(target?.t === "property" ? target.key : "");
      }
      case "header":
        return effect("reads it as a section header", "read it as a section header");
      default:
        return SKIPS;
    }
  }

  private finishBad(draft: BadDraft): IniBadLine {
    const i = draft.lineIndex;
    return {
      line: draft.line,
      text: draft.text,
      why: describeEffects(draft.primary, this.botocoreEffect(i), this.jsEffect(i), this.goEffect(i)),
    };
  }

  // -- sections -------------------------------------------------------------------------------------------------

  private finishSection(draft: SectionDraft): IniSection {
    const i = draft.lineIndex;
    return {
      header: draft.header,
      inner: draft.inner,
      innerRange: draft.innerRange,
      readings: {
        botocore: this.botocoreSection(i),
        js: this.jsSection(i, draft.close),
        go: this.goSection(i, draft.close),
      },
      entries: draft.entries.map((e) => this.finishEntry(e)),
      range: rangeOf(this.file, draft.headerStart, Math.max(draft.lastEnd, draft.headerStart)),
    };
  }

  /** Why a reader does not see a header on a line that looks like one (`close`: the `]` this reader chose). */
  private notHeaderReason(index: number, close: number, sdk: "js" | "go"): string {
    const t = this.lines[index]?.text ?? "";
    const start = spanStart(t, 0, t.length, sdk === "js" ? isJsWs : isGoWs);
    if (t.charCodeAt(start) !== LBRACKET) return invisibleStart(t.charCodeAt(start));
    const cut = sdk === "js" ? jsStripComment(t).length : goTrimProfileComment(t).length;
    if (cut < close) {
      return sdk === "js"
        ? "has a `#` or `;` after a space inside the brackets, where the JS SDK starts a comment"
        : "has a `#` or `;` inside the brackets, where the Go SDK starts a comment";
    }
    return sdk === "js" ? "has text after `]` (the JS SDK needs a space before a `#` or `;` comment)" : "has text after `]`";
  }

  private botocoreSection(index: number): SectionReading {
    const ev = this.py.events[index];
    if (ev?.t === "option") return ignored("is read by botocore as a key line, not as a header");
    if (ev?.t === "header") {
      return this.fileKind === "credentials"
        ? ev.name === "DEFAULT"
          ? { kind: "defaults" }
          : { kind: "profile", name: ev.name }
        : botocoreConfigSection(ev.name);
    }
    if (ev?.t === "cont") {
      const key = this.py.options[ev.opt]?.key ?? "";
      return ignored(`is indented under ${q(key)}: botocore reads the line as part of that value, not as a header`);
    }
    if (ev?.t === "multi") return ignored("contains a carriage return (CR): botocore splits the line there");
    const t = this.lines[index]?.text ?? "";
    const start = spanStart(t, 0, t.length, isPyWs);
    if (t.charCodeAt(start) !== LBRACKET) {
      return ignored(`${invisibleStart(t.charCodeAt(start))}: botocore does not read it as a header and fails to read the whole file`);
    }
    return ignored("has an empty name: botocore fails to read the whole file");
  }

  private jsSection(index: number, close: number): SectionReading {
    if (this.js.rejectedBy !== undefined) {
      return ignored(`the JS SDK reads nothing from this file: it rejects the section name ${q(this.js.rejectedBy)}`);
    }
    const ev = this.js.events[index];
    if (ev?.t !== "header") {
      return ignored(`${this.notHeaderReason(index, close, "js")}: the JS SDK does not read it as a header and reads the keys below as part of the section before it (if any)`);
    }
    const section = ev.section;
    if (section === undefined) {
      const prefix = ev.prefix ?? "";
      return ignored(
        this.fileKind === "credentials"
          ? `is dropped with all its keys by the JS SDK: it reads a name with a space as \`type name\`, and ${q(prefix)} is not a type it knows`
          : `is dropped with all its keys by the JS SDK: ${q(prefix)} is not a section type it knows (\`profile\`, \`sso-session\`, \`services\`; case-sensitive)`,
      );
    }
    if (section === "") return ignored("has an empty name: the JS SDK ignores its keys");
    if (this.fileKind === "credentials") return { kind: "profile", name: section };
    // getConfigData: keep `type.name` sections of a known type, plus `default`.
    const dot = section.indexOf(".");
    if (dot >= 0) {
      const type = section.slice(0, dot);
      const name = section.slice(dot + 1);
      if (type === "profile") return { kind: "profile", name };
      if (type === "sso-session") return { kind: "sso-session", name };
      if (type === "services") return { kind: "services", name };
    }
    if (section === "default") return { kind: "profile", name: "default" };
    return ignored(jsConfigWhy(ev.sectionName));
  }

  private goSection(index: number, close: number): SectionReading {
    const ev = this.go.events[index];
    if (ev?.t !== "header") {
      return ignored(`${this.notHeaderReason(index, close, "go")}: the Go SDK does not read it as a header and reads the keys below as part of the section before it (if any)`);
    }
    const name = ev.name;
    if (name === "") return ignored("has an empty name: the Go SDK ignores its keys");
    if (this.fileKind === "credentials") {
      if (name.startsWith("profile ")) {
        return ignored("is ignored by the Go SDK: a profile with the `profile ` prefix is invalid in the credentials file");
      }
      return { kind: "profile", name };
    }
    if (name.startsWith("profile ")) return { kind: "profile", name: name.slice("profile ".length) };
    if (name.startsWith("sso-session ")) return { kind: "sso-session", name: name.slice("sso-session ".length) };
    if (name.startsWith("services ")) return { kind: "services", name: name.slice("services ".length) };
    // `strings.EqualFold(section, "default")` keeps `[DEFAULT]`/`[Default]` under its own spelling; profile
    // lookup is an exact map lookup, so it is a profile named `DEFAULT`, not the default profile.
    if (name.toLowerCase() === "default") return { kind: "profile", name };
    return ignored("is ignored by the Go SDK: in the config file a non-default profile needs the `profile ` prefix");
  }
}

function botocoreConfigSection(name: string): SectionReading {
  if (name === "DEFAULT") return { kind: "defaults" };
  const kinds = [
    ["profile", "profile"],
    ["sso-session", "sso-session"],
    ["services", "services"],
  ] as const;
  for (const [prefix, kind] of kinds) {
    if (!name.startsWith(prefix)) continue;
    const parts = shlexSplit(name);
    if (parts === null) return ignored("is dropped by botocore: the name has an unbalanced quote or a trailing backslash");
    const second = parts[1];
    if (parts.length === 2 && second !== undefined) return { kind, name: second };
    return ignored(`is dropped by botocore: it needs exactly two words, \`${prefix} NAME\` (quote a name that contains spaces)`);
  }
  if (name === "default") return { kind: "profile", name: "default" };
  const stripped = pyStrip(name);
  if (stripped !== name && (stripped === "default" || /^(?:profile|sso-session|services)[ \t]/.test(stripped))) {
    return ignored("is not a profile for botocore: the spaces inside the brackets are kept in the name");
  }
  const lower = name.toLowerCase();
  if (lower === "default") return ignored("is not the default profile for botocore: `default` is case-sensitive");
  if (/^(?:profile|sso-session|services)/.test(lower)) {
    return ignored("is not a profile for botocore: the `profile` prefix is case-sensitive");
  }
  return ignored("is not a profile for botocore: in the config file a named profile needs the `profile ` prefix");
}

function jsConfigWhy(sectionName: string): string {
  const trimmed = sectionName.trim();
  if (trimmed !== sectionName && (trimmed === "default" || /^(?:profile|sso-session|services)\s/.test(trimmed))) {
    return "is not a profile for the JS SDK: the spaces inside the brackets are kept in the name";
  }
  const typed = /^(profile|sso-session|services)\s/.exec(sectionName);
  if (typed) {
    const what = typed[1] === "profile" ? "a profile" : typed[1] === "sso-session" ? "an sso-session" : "a services section";
    return `is not ${what} for the JS SDK: it needs exactly one space after \`${typed[1] ?? ""}\` and a name made only of letters, digits and \`_-@+.%:/\` (optionally quoted)`;
  }
  if (sectionName.toLowerCase() === "default") return "is not the default profile for the JS SDK: `default` is case-sensitive";
  return "is not a profile for the JS SDK: in the config file a named profile needs the `profile ` prefix";
}

/**
 * The `]` that closes a header starting at `ls`: the first `]` followed only by blanks or a comment, else the
 * last `]` (botocore's greedy `\[(?P<header>.+)\]`). -1 when there is none.
 */
function findHeaderClose(t: string, ls: number, le: number): number {
  let last = -1;
  for (let p = ls + 1; p < le; p++) {
    if (t.charCodeAt(p) !== RBRACKET) continue;
    last = p;
    const after = spanStart(t, p + 1, le, isBlank);
    const c = t.charCodeAt(after);
    if (after === le || c === HASH || c === SEMI) return p;
  }
  return last;
}

/** The first `=` or `:` (configparser's and Go's delimiter rule). */
function findDelimiter(t: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const c = t.charCodeAt(i);
    if (c === EQUALS || c === COLON) return i;
  }
  return -1;
}

/**
 * Read an AWS shared `config` or `credentials` file. Never throws: anything that is not a header, a key line,
 * a comment or a blank line becomes a bad line, and key lines before the first header become orphan entries.
 */
export function parseAwsIni(file: SourceFile, fileKind: AwsIniFileKind): IniDocument {
  return new Reader(file, fileKind).read();
}
