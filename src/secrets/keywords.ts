/**
 * The keyword prefilter in one pass: an Aho–Corasick automaton over every detector's keywords, as a table of
 * transitions by ASCII character (no keyword holds another character, so any other one returns to the start),
 * run over the text with ASCII letters stepped as lower case (the text is not lower-cased first: that was a
 * copy of every file, and a Unicode case mapping the keywords never needed). It finds every occurrence,
 * overlapping and nested ones too, and notes the line of each (LF ends a line, as in `computeLineStarts`). The
 * regex alternation it replaces ran at ~100 MB/s (the engine tries each alternative at nearly every position)
 * and the per-keyword `indexOf` walks that found the lines ran again per detector; this is one loop of a table
 * look-up per character (2.3× faster on Pulumi's 99 MB), and lines are counted only where a keyword ends
 * (~1.6× faster again on moto's 103 MB, with no lower-cased copy). Linear in the text.
 *
 * Once a scan has read 1 MiB, the loop runs as WebAssembly where Node has it (`keyword-wasm.ts`, 2.2× faster
 * again); before that, and where WebAssembly is missing, in JavaScript. Both are tested to give the same result.
 */
import { DETECTORS } from "./detectors.js";
import { keywordScanner, type KeywordScanner } from "./keyword-wasm.js";

export interface KeywordScan {
  /** For each keyword that occurs (and only those), the lines (1-based, ascending, once each) where it does. */
  readonly lines: ReadonlyMap<string, readonly number[]>;
}

interface Automaton {
  readonly keywords: readonly string[];
  readonly states: number;
  /** `next[state * 128 + char]`: the state after an ASCII character, upper-case letters stepped as lower case. */
  readonly next: Int32Array;
  /**
   * The JavaScript loop's table: `step[state + char]` for an ASCII character (`state` is a state's number ×
   * 128): the next state, × 128 — or, where a keyword ends in it, `-(that) - 1`.
   */
  readonly step: Int32Array;
  /** The keywords (indexes) that end in each state (by its number), longest match's suffixes included. */
  readonly ends: readonly (readonly number[])[];
}

function buildAutomaton(keywords: readonly string[]): Automaton {
  for (const k of keywords) {
    if ([...k].some((ch) => ch.charCodeAt(0) > 127) || k !== k.toLowerCase() || k.includes("\n")) throw new Error(`keyword ${JSON.stringify(k)}: lower-case ASCII on one line only`);
  }
  const children: Map<number, number>[] = [new Map()];
  const ends: number[][] = [[]];
  keywords.forEach((k, index) => {
    let state = 0;
    for (let i = 0; i < k.length; i++) {
      const c = k.charCodeAt(i);
      let to = children[state]?.get(c);
      if (to === undefined) {
        to = children.length;
        children[state]?.set(c, to);
        children.push(new Map());
        ends.push([]);
      }
      state = to;
    }
    ends[state]?.push(index);
  });
  // Built a row at a time with typed-array copies: this runs once per process, cold, so a loop over every
  // (state, character) pair in the interpreter would cost a pre-commit run several milliseconds.
  const states = children.length;
  const goto = new Int32Array(states * 128);
  const fail = new Int32Array(states);
  const queue: number[] = [];
  for (const [c, to] of children[0] ?? []) {
    goto[c] = to;
    queue.push(to);
  }
  for (let q = 0; q < queue.length; q++) {
    const state = queue[q] ?? 0;
    const row = state * 128;
    const failRow = (fail[state] ?? 0) * 128;
    ends[state] = [...(ends[state] ?? []), ...(ends[fail[state] ?? 0] ?? [])];
    goto.copyWithin(row, failRow, failRow + 128);
    for (const [c, to] of children[state] ?? []) {
      fail[to] = goto[failRow + c] ?? 0;
      goto[row + c] = to;
      queue.push(to);
    }
  }
  // Upper-case letters step as their lower-case ones; a step into a state where a keyword ends is negative.
  const next = goto.slice();
  for (let row = 0; row < next.length; row += 128) next.copyWithin(row + 65, row + 97, row + 123);
  const step = next.map((to) => ((ends[to]?.length ?? 0) > 0 ? -(to * 128) - 1 : to * 128));
  return { keywords, states, next, step, ends };
}

let automaton: Automaton | undefined;

function theAutomaton(): Automaton {
  automaton ??= buildAutomaton([...new Set(DETECTORS.flatMap((d) => d.keywords))]);
  return automaton;
}

/** Lines per keyword, from the states a scan reports where keywords end (in text order). */
class Collector {
  /** Per keyword, the last line noted (0: none yet). */
  private readonly lastLine: Int32Array;
  private readonly lines: number[][];

  constructor(private readonly a: Automaton) {
    this.lastLine = new Int32Array(a.keywords.length);
    this.lines = a.keywords.map(() => []);
  }

  readonly hit = (line: number, state: number): void => {
    for (const k of this.a.ends[state] ?? []) {
      if (this.lastLine[k] === line) continue;
      this.lastLine[k] = line;
      this.lines[k]?.push(line);
    }
  };

  result(): KeywordScan {
    const byKeyword = new Map<string, readonly number[]>();
    this.a.keywords.forEach((k, i) => {
      const at = this.lines[i] ?? [];
      if (at.length > 0) byKeyword.set(k, at);
    });
    return { lines: byKeyword };
  }
}

/**
 * The JavaScript loop: a table step per character and a sign test; the line of an occurrence is counted only
 * when one is found (with `indexOf` from the last one), not per character.
 */
export function scanKeywordsJs(text: string): KeywordScan {
  const a = theAutomaton();
  const { step } = a;
  const found = new Collector(a);
  const n = text.length;
  let state = 0;
  let line = 1;
  /** The first newline not yet counted in `line` (`n`: none left). */
  let newline = text.indexOf("\n");
  if (newline === -1) newline = n;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const to = c < 128 ? (step[state + c] as number) : 0;
    if (to >= 0) {
      state = to;
      continue;
    }
    state = -(to + 1);
    while (newline < i) {
      line++;
      newline = text.indexOf("\n", newline + 1);
      if (newline === -1) newline = n;
    }
    found.hit(line, state >> 7);
  }
  return found.result();
}

/** undefined: not tried yet; null: WebAssembly is not available. */
let wasm: KeywordScanner | null | undefined;

/** The WebAssembly scanner, made on first use (undefined where WebAssembly is not available). */
export function wasmKeywordScanner(): KeywordScanner | undefined {
  if (wasm === undefined) {
    const a = theAutomaton();
    wasm = keywordScanner(a.states, a.next, (s) => (a.ends[s]?.length ?? 0) > 0) ?? null;
  }
  return wasm ?? undefined;
}

/**
 * Text the JavaScript loop scans before the WebAssembly scanner is made: making it costs ~2–4 ms (compiling the
 * module, zeroing its 1.4 MB of memory, filling the table), what the faster loop saves on ~1.5 MB of text. A
 * pre-commit run or an editor's lint of one file never gets there.
 */
const WASM_AFTER = 1024 * 1024;
let scannedByJs = 0;

/** Every keyword of the detectors that occurs in `text` (ASCII letters of any case), with its lines. */
export function scanKeywords(text: string): KeywordScan {
  if (wasm === undefined && scannedByJs + text.length < WASM_AFTER) {
    scannedByJs += text.length;
    return scanKeywordsJs(text);
  }
  const scanner = wasmKeywordScanner();
  return scanner ? scanWith(scanner, text) : scanKeywordsJs(text);
}

/** The loop `scanKeywords` runs now. */
export function keywordLoop(): "webassembly" | "javascript" {
  return wasm ? "webassembly" : "javascript";
}

/** The WebAssembly loop, whatever the text's size (tests compare it with the JavaScript loop). */
export function scanKeywordsWasm(text: string): KeywordScan {
  const scanner = wasmKeywordScanner();
  if (!scanner) throw new Error("WebAssembly is not available");
  return scanWith(scanner, text);
}

function scanWith(scanner: KeywordScanner, text: string): KeywordScan {
  const found = new Collector(theAutomaton());
  scanner.scan(text, found.hit);
  return found.result();
}

/** The keywords of the detectors that occur in the text (ASCII letters of any case). */
export function keywordsIn(text: string): Set<string> {
  return new Set(scanKeywords(text).lines.keys());
}
