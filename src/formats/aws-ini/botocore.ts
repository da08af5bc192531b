/**
 * botocore's reading of an AWS shared config/credentials file (`../aws-ini.ts`): Python 3.11
 * `configparser.RawConfigParser` line by line, then `configloader.raw_config_parse` / `_parse_nested` for the
 * values (nested blocks included).
 */
import { COLON, EQUALS, HASH, isPyWs, LBRACKET, pyRstrip, pySplitlines, pyStrip, SEMI, spanStart } from "./chars.js";
import type { Line } from "./lines.js";

interface PyOption {
  /** `optionxform(option.rstrip())`: lower-cased. */
  readonly key: string;
  /** The value lines as configparser collects them ('' for a blank line inside the value). */
  readonly pieces: string[];
  /** Line index of every piece (-1 for blank pieces). */
  readonly pieceLines: number[];
}

type PyEvent =
  | { readonly t: "skip" }
  | { readonly t: "header"; readonly name: string }
  | { readonly t: "option"; readonly opt: number }
  | { readonly t: "cont"; readonly opt: number; readonly piece: number }
  | { readonly t: "noSection" }
  | { readonly t: "error" }
  /** A line with a CR inside, which botocore reads as several lines; `fails` if one of them breaks the file. */
  | { readonly t: "multi"; readonly fails: boolean };

export interface PyResult {
  readonly events: PyEvent[];
  readonly options: PyOption[];
}

export function simulateBotocore(lines: readonly Line[]): PyResult {
  const events: PyEvent[] = [];
  const options: PyOption[] = [];
  let inSection = false;
  let opt = -1; // index into options; the option is "truthy" when its key is not empty
  let indentLevel = 0;

  const feed = (phys: string, lineIndex: number): PyEvent => {
    const value = pyStrip(phys);
    const current = opt >= 0 ? options[opt] : undefined;
    if (value === "") {
      // empty_lines_in_values=True: a blank line is kept inside a multi-line value
      if (inSection && current !== undefined && current.key !== "") {
        current.pieces.push("");
        current.pieceLines.push(-1);
      }
      return { t: "skip" };
    }
    const first = value.charCodeAt(0);
    if (first === HASH || first === SEMI) return { t: "skip" };
    const curIndent = spanStart(phys, 0, phys.length, isPyWs);
    if (inSection && current !== undefined && current.key !== "" && curIndent > indentLevel) {
      current.pieces.push(value);
      current.pieceLines.push(lineIndex);
      return { t: "cont", opt, piece: current.pieces.length - 1 };
    }
    indentLevel = curIndent;
    if (first === LBRACKET) {
      // SECTCRE = \[(?P<header>.+)\] with .match(): the name runs to the LAST `]`, and needs one character.
      const last = value.lastIndexOf("]");
      if (last >= 2) {
        inSection = true;
        opt = -1;
        return { t: "header", name: value.slice(1, last) };
      }
    }
    if (!inSection) return { t: "noSection" };
    let d = -1;
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c === EQUALS || c === COLON) {
        d = i;
        break;
      }
    }
    if (d < 0) return { t: "error" }; // ParsingError; the current option stays current
    const option = pyRstrip(value.slice(0, d));
    options.push({ key: option.toLowerCase(), pieces: [pyStrip(value.slice(d + 1))], pieceLines: [lineIndex] });
    opt = options.length - 1;
    return option === "" ? { t: "error" } : { t: "option", opt };
  };

  lines.forEach((line, index) => {
    // Universal newlines: every CR ends a line; the CR of a CRLF (and any trailing CR) only ends this one.
    const segments = line.raw.split("\r");
    if (line.raw.endsWith("\r")) segments.pop();
    if (segments.length <= 1) {
      events.push(feed(segments[0] ?? "", index));
      return;
    }
    let fails = false;
    for (const segment of segments) {
      const ev = feed(segment, index);
      if (ev.t === "error" || ev.t === "noSection") fails = true;
    }
    events.push({ t: "multi", fails });
  });
  return { events, options };
}

export interface PyOptionValue {
  /** The string value, or null when botocore turns it into a dict of nested keys. */
  readonly value: string | null;
  /** For a nested value: what each piece reads as (null: no `=`, which fails the whole file). */
  readonly nested: ReadonlyMap<number, { readonly key: string; readonly value: string } | null>;
}

export function finishBotocoreOption(option: PyOption): PyOptionValue {
  // _join_multiline_values: '\n'.join(pieces).rstrip(); raw_config_parse parses it as nested when it starts
  // with '\n' (i.e. the first line had an empty value).
  const joined = pyRstrip(option.pieces.join("\n"));
  const nested = new Map<number, { key: string; value: string } | null>();
  if (!joined.startsWith("\n")) return { value: joined, nested };
  option.pieces.forEach((piece, index) => {
    if (index === 0) return;
    for (const sub of pySplitlines(piece)) {
      const line = pyStrip(sub);
      if (line === "") continue;
      const eq = line.indexOf("=");
      nested.set(index, eq < 0 ? null : { key: pyStrip(line.slice(0, eq)), value: pyStrip(line.slice(eq + 1)) });
      break;
    }
  });
  return { value: null, nested };
}
