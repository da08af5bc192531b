/**
 * The one pattern engine of credlint, with RE2 semantics (linear time; no lookaround, no backreferences):
 * the native `re2` addon when it loads, the pure-JS `re2js` port otherwise (DESIGN.md "Patterns").
 * `CREDLINT_REGEX_ENGINE=re2js` forces the fallback (CI runs the whole suite both ways); `=re2` demands
 * the native addon and fails loudly when it is missing.
 *
 * Indices are UTF-16 offsets into the JS string in both engines (node-re2 translates its UTF-8 offsets
 * back for string input; re2js works on UTF-16 code units). test/secrets/regex.test.ts proves the parity.
 *
 * Version note: `re2@1.24.1` declares `engines: node >=22`, and npm silently skips an optional dependency
 * whose engines do not match, so on Node 20 it never installs. `1.24.0` has no engines field, builds with
 * node-gyp against Node 20's headers (≈3 min on 2 cores) and exposes the same API; it is pinned instead.
 */
import { createRequire } from "node:module";
import type { RE2JS as Re2jsClass } from "re2js";

export const ENGINE_NAMES = ["re2", "re2js"] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

/** Environment variable that selects the engine: `re2` (native, required) or `re2js` (pure JS). */
export const ENGINE_ENV = "CREDLINT_REGEX_ENGINE";

export interface PatternFlags {
  /** Case-insensitive matching. */
  readonly ignoreCase?: boolean;
  /** `^` and `$` match at line boundaries. */
  readonly multiline?: boolean;
}

/** One match: `[start, end)` offsets of the whole match and of each capture group (undefined if unset). */
export interface RegexMatch {
  readonly start: number;
  readonly end: number;
  readonly groups: readonly (readonly [number, number] | undefined)[];
}

export interface CompiledPattern {
  readonly source: string;
  /** Every non-overlapping match, leftmost-first, scanning the whole text. */
  matchAll(text: string): RegexMatch[];
  test(text: string): boolean;
}

export interface RegexEngine {
  readonly name: EngineName;
  compile(source: string, flags?: PatternFlags): CompiledPattern;
}

/** The slice of node-re2's API that credlint uses (the package is optional, so its types may be absent). */
interface NativeRe2Match {
  readonly index: number;
  readonly 0: Buffer;
  readonly indices?: readonly (readonly [number, number] | undefined)[];
}
interface NativeRe2 {
  lastIndex: number;
  exec(text: Buffer): NativeRe2Match | null;
  test(text: Buffer): boolean;
}
type NativeRe2Constructor = new (source: string, flags: string) => NativeRe2;

let nativeCtor: NativeRe2Constructor | null | undefined;
let nativeError = "";

/** The native constructor, or null when the addon is not installed or does not load on this Node. */
function loadNative(): NativeRe2Constructor | null {
  if (nativeCtor !== undefined) return nativeCtor;
  try {
    const required = createRequire(import.meta.url)("re2") as unknown;
    nativeCtor = typeof required === "function" ? (required as NativeRe2Constructor) : null;
    if (!nativeCtor) nativeError = "the re2 module has no constructor";
  } catch (error) {
    nativeCtor = null;
    nativeError = error instanceof Error ? error.message.split("\n")[0] ?? error.message : String(error);
  }
  return nativeCtor;
}

/** Whether the native addon loads here (tests skip the native half of the parity suite otherwise). */
export function nativeAvailable(): boolean {
  return loadNative() !== null;
}

/**
 * The UTF-8 bytes of a text and the map from byte offsets back to UTF-16 offsets. node-re2 converts a
 * string argument to UTF-8 on every call; a file is scanned by some thirty patterns, so the conversion is
 * done once and kept for the last text seen (the detectors run all patterns over one file, then the next).
 */
interface Encoded {
  readonly text: string;
  readonly bytes: Buffer;
  /** null when the text is ASCII (byte offset = UTF-16 offset). */
  readonly toUtf16: Uint32Array | null;
}
let lastEncoded: Encoded | undefined;

function encode(text: string): Encoded {
  if (lastEncoded?.text === text) return lastEncoded;
  const bytes = Buffer.from(text, "utf8");
  let toUtf16: Uint32Array | null = null;
  if (bytes.length !== text.length) {
    toUtf16 = new Uint32Array(bytes.length + 1);
    let b = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length;
      const n = c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
      for (let k = 0; k < n; k++) toUtf16[b + k] = i;
      b += n;
      if (pair) i++;
    }
    toUtf16[b] = text.length;
  }
  lastEncoded = { text, bytes, toUtf16 };
  return lastEncoded;
}

function nativeEngine(ctor: NativeRe2Constructor): RegexEngine {
  return {
    name: "re2",
    compile(source, flags = {}) {
      const f = `gd${flags.ignoreCase ? "i" : ""}${flags.multiline ? "m" : ""}`;
      const re = new ctor(source, f);
      const probe = new ctor(source, f.replace("g", "").replace("d", ""));
      return {
        source,
        matchAll(text) {
          const { bytes, toUtf16 } = encode(text);
          const at = (byte: number): number => (toUtf16 ? (toUtf16[byte] ?? text.length) : byte);
          const out: RegexMatch[] = [];
          re.lastIndex = 0;
          for (let m = re.exec(bytes); m !== null; m = re.exec(bytes)) {
            const indices = m.indices ?? [];
            const whole = indices[0] ?? [m.index, m.index + m[0].length];
            out.push({
              start: at(whole[0]),
              end: at(whole[1]),
              groups: indices.slice(1).map((g) => (g ? [at(g[0]), at(g[1])] : undefined)),
            });
            // An empty match would loop forever: step over one byte, as String#matchAll steps over one unit.
            if (whole[1] === whole[0]) re.lastIndex = whole[1] + 1;
          }
          return out;
        },
        test: (text) => probe.test(encode(text).bytes),
      };
    },
  };
}

type Re2js = typeof Re2jsClass;
let re2jsClass: Re2js | undefined;

/**
 * Hands the pure-JS engine over when a bundle carries it (the Action's entry does, it has no node_modules).
 * Otherwise it is loaded on first use from the package's dependencies: the CLI bundle leaves it out, since
 * compiling its 270 KB at every start would cost a pre-commit hook a tenth of its time while the native
 * addon is usually there.
 */
export function provideRe2js(cls: Re2js): void {
  re2jsClass = cls;
}

function loadRe2js(): Re2js {
  re2jsClass ??= (createRequire(import.meta.url)("re2js") as { RE2JS: Re2js }).RE2JS;
  return re2jsClass;
}

function re2jsEngine(): RegexEngine {
  const RE2JS = loadRe2js();
  return {
    name: "re2js",
    compile(source, flags = {}) {
      const f = (flags.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0) | (flags.multiline ? RE2JS.MULTILINE : 0);
      const re = RE2JS.compile(source, f);
      const groupCount = re.groupCount();
      return {
        source,
        matchAll(text) {
          const out: RegexMatch[] = [];
          const m = re.matcher(text);
          while (m.find()) {
            const groups: (readonly [number, number] | undefined)[] = [];
            for (let g = 1; g <= groupCount; g++) {
              const s = m.start(g);
              groups.push(s < 0 ? undefined : [s, m.end(g)]);
            }
            out.push({ start: m.start(), end: m.end(), groups });
          }
          return out;
        },
        test: (text) => re.test(text),
      };
    },
  };
}

const engines = new Map<EngineName, RegexEngine>();

/** The named engine. `re2` throws when the native addon is not available. */
export function getEngine(name: EngineName): RegexEngine {
  let engine = engines.get(name);
  if (engine) return engine;
  if (name === "re2") {
    const ctor = loadNative();
    if (!ctor) throw new Error(`${ENGINE_ENV}=re2 but the native re2 module does not load (${nativeError}); install it or use re2js.`);
    engine = nativeEngine(ctor);
  } else {
    engine = re2jsEngine();
  }
  engines.set(name, engine);
  return engine;
}

/**
 * The engine for a `CREDLINT_REGEX_ENGINE` value: the one it names, else native `re2` when it loads, else
 * `re2js`. An unknown name is an error, not a silent fallback.
 */
export function chooseEngine(wanted: string | undefined): RegexEngine {
  const name = wanted?.trim() ?? "";
  if (name === "") return getEngine(nativeAvailable() ? "re2" : "re2js");
  if (!(ENGINE_NAMES as readonly string[]).includes(name)) {
    throw new Error(`${ENGINE_ENV}=${name}: expected one of ${ENGINE_NAMES.join(", ")}.`);
  }
  return getEngine(name as EngineName);
}

let chosen: RegexEngine | undefined;

/** The engine every scan uses, chosen once per process from `CREDLINT_REGEX_ENGINE`. */
export function defaultEngine(): RegexEngine {
  chosen ??= chooseEngine(process.env[ENGINE_ENV]);
  return chosen;
}
