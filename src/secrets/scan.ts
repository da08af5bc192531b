/**
 * Runs the detectors over one file's whole text (parse stage). A keyword prefilter (ASCII case ignored)
 * decides which patterns run at all; each pattern is compiled once per engine and scans the file in one
 * pass. Overlapping matches are resolved here, the more specific detector winning, so that one secret is
 * one candidate.
 */
import { AWS_ACCESS_KEY_ID_RE } from "../knowledge/aws-keys.js";
import { isTestVectorPath } from "../knowledge/paths.js";
import { credentialName, isSourceCodePath } from "../knowledge/secrets.js";
import { positionAt, type SourceFile } from "../model/source.js";
import type { CustomSecretPattern } from "../model/config.js";
import { AWS_SECRET_NEAR_ID, classifyBound, DETECTORS, looksLikeAwsSecret, PRIORITY, type DetectContext, type Detector, type SecretMatch, type Span } from "./detectors.js";
import { scanKeywords, type KeywordScan } from "./keywords.js";
import { defaultEngine, type CompiledPattern, type PatternFlags, type RegexEngine, type RegexMatch } from "./regex.js";

/** Lines between an AWS key id and a free-standing 40-character secret for the two to count as a pair. */
export const AWS_PAIR_LINES = 5;

/** `  key: <base64>` entries, as a Kubernetes Secret's `data:` map holds them. */
const KUBERNETES_DATA_ENTRY = String.raw`^[ \t]+([A-Za-z0-9_.-]+):[ \t]*["']?([A-Za-z0-9+/]{8,}={0,2})["']?[ \t]*$`;

/**
 * Patterns are compiled on first use, per engine — and the engine itself is only loaded then: most files
 * of a commit hold no keyword at all, and a pre-commit hook should not pay for loading the regex engine and
 * compiling every pattern to learn that.
 */
class LazyPatterns {
  private readonly cache = new Map<string, CompiledPattern>();
  private engine: RegexEngine | undefined;

  constructor(private readonly getEngine: () => RegexEngine) {}

  get(source: string, flags?: PatternFlags): CompiledPattern {
    const key = `${flags?.ignoreCase ? "i" : ""}${flags?.multiline ? "m" : ""}/${source}`;
    let p = this.cache.get(key);
    if (!p) {
      this.engine ??= this.getEngine();
      p = this.engine.compile(source, flags);
      this.cache.set(key, p);
    }
    return p;
  }
}

const patternsByEngine = new Map<RegexEngine | undefined, LazyPatterns>();

function patternsFor(engine: RegexEngine | undefined): LazyPatterns {
  let p = patternsByEngine.get(engine);
  if (!p) {
    p = new LazyPatterns(() => engine ?? defaultEngine());
    patternsByEngine.set(engine, p);
  }
  return p;
}

/**
 * Keeps the highest-priority match of each overlapping group (then the longer, then the earlier). The kept
 * matches are held sorted by start and never overlap, so one binary search finds the only two neighbours a
 * new match could overlap: O(n log n) even for a file full of keys.
 */
function resolveOverlaps(matches: SecretMatch[]): SecretMatch[] {
  const ranked = [...matches].sort(
    (a, b) => b.priority - a.priority || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: SecretMatch[] = [];
  for (const m of ranked) {
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((kept[mid]?.start ?? 0) < m.start) lo = mid + 1;
      else hi = mid;
    }
    const before = kept[lo - 1];
    const after = kept[lo];
    if ((before && before.end > m.start) || (after && after.start < m.end)) continue;
    kept.splice(lo, 0, m);
  }
  return kept;
}

/** Control characters (other than tab and line breaks) or undecodable bytes: binary data, not text. */
function isBinary(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffd) return true;
  }
  return false;
}

/**
 * A Kubernetes Secret's `data:` values are base64: the consumer sees them decoded, so they are judged
 * decoded (RULES.md "Which files are live"), bound to their key, and reported on the encoded text.
 */
function kubernetesSecretData(text: string, pattern: CompiledPattern, strict: boolean): { matches: SecretMatch[]; encoded: Span[] } {
  const out: SecretMatch[] = [];
  const encoded: Span[] = [];
  if (!/^kind:[ \t]*Secret[ \t]*$/m.test(text) || !/^data:[ \t]*$/m.test(text)) return { matches: out, encoded };
  const blocks = secretDataBlocks(text);
  for (const m of pattern.matchAll(text)) {
    const [key, value] = m.groups;
    if (!key || !value) continue;
    // Only a Secret's `data:` is base64: a Deployment's `value:` or `stringData:` in the same file is plain text.
    if (!blocks.some((b) => value[0] >= b.start && value[1] <= b.end)) continue;
    encoded.push({ start: value[0], end: value[1] });
    const decoded = Buffer.from(text.slice(value[0], value[1]), "base64").toString("utf8");
    if (isBinary(decoded)) continue; // not a text secret
    if (/-----BEGIN[ A-Z0-9]* PRIVATE KEY-----/.test(decoded) && decoded.replace(/-----[^-]+-----|\s/g, "").length >= 60) {
      out.push({ start: value[0], end: value[1], kind: "private-key", provider: "generic", label: "private key", priority: PRIORITY.block, name: { start: key[0], end: key[1] } });
      continue;
    }
    // A key id is a key id whatever its name (the key-id detector would find it in plain text).
    if (AWS_ACCESS_KEY_ID_RE.test(decoded.trim())) {
      out.push({ start: value[0], end: value[1], kind: "aws-access-key-id", provider: "aws", label: "AWS access key ID", priority: PRIORITY.bound, name: { start: key[0], end: key[1] } });
      continue;
    }
    const kind = credentialName(text.slice(key[0], key[1]));
    if (!kind) continue;
    const c = classifyBound(kind, decoded.trim(), strict);
    if (c) out.push({ start: value[0], end: value[1], ...c, name: { start: key[0], end: key[1] } });
  }
  return { matches: out, encoded };
}

/** The `data:` blocks of the Secret documents of a YAML file: from the line after `data:` to the next line that is not indented. */
function secretDataBlocks(text: string): Span[] {
  const blocks: Span[] = [];
  let docStart = 0;
  for (const part of text.split(/^---.*$/m)) {
    const start = text.indexOf(part, docStart);
    docStart = start + part.length;
    if (!/^kind:[ \t]*Secret[ \t]*$/m.test(part)) continue;
    for (const m of part.matchAll(/^data:[ \t]*\r?\n((?:[ \t]+\S.*(?:\r?\n|$)|[ \t]*\r?\n)*)/gm)) {
      const body = start + (m.index ?? 0) + m[0].length - (m[1] ?? "").length;
      blocks.push({ start: body, end: body + (m[1] ?? "").length });
    }
  }
  return blocks;
}

/** The text of lines `first..last` (1-based, inclusive), without the last line's terminator. */
function linesSpan(lineStarts: readonly number[], textLength: number, first: number, last: number): Span {
  const start = lineStarts[first - 1] ?? textLength;
  const end = last < lineStarts.length ? (lineStarts[last] ?? textLength) - 1 : textLength;
  return { start, end: Math.max(start, end) };
}

/** Runs of consecutive lines (1-based numbers, any order, out-of-range ignored) as text spans. */
function lineRuns(lineStarts: readonly number[], textLength: number, lines: readonly number[]): Span[] {
  const sorted = [...new Set(lines)].filter((l) => l >= 1 && l <= lineStarts.length).sort((a, b) => a - b);
  const spans: Span[] = [];
  let i = 0;
  while (i < sorted.length) {
    const first = sorted[i] ?? 1;
    let last = first;
    while (i + 1 < sorted.length && sorted[i + 1] === last + 1) last = sorted[++i] ?? last;
    spans.push(linesSpan(lineStarts, textLength, first, last));
    i++;
  }
  return spans;
}

/**
 * The lines holding one of the detector's keywords (and `linesBefore` lines above each), as spans of whole
 * lines, from the keyword scan's lines per keyword — without the windows its `windowTest` rules out.
 */
function keywordLines(file: SourceFile, textLength: number, scan: KeywordScan, detector: Detector): Span[] {
  const before = detector.linesBefore ?? 0;
  const test = detector.windowTest;
  const lines: number[] = [];
  for (const k of detector.keywords) {
    for (const line of scan.lines.get(k) ?? []) {
      if (test) {
        const window = linesSpan(file.lineStarts, textLength, Math.max(1, line - before), line);
        if (!test.test(file.text.slice(window.start, window.end))) continue;
      }
      for (let l = line - before; l <= line; l++) lines.push(l);
    }
  }
  return joinNear(lineRuns(file.lineStarts, textLength, lines));
}

/**
 * Regions closer than this many characters are matched as one: each region is a call into the regex engine
 * (~2 µs, its text copied and encoded), and a common keyword (`value`, `key`) gives a region every few lines.
 */
const JOIN_GAP = 256;

/**
 * Spans of whole lines joined across the lines between them when those are few. The detectors that run on
 * keyword lines match within one line (or `linesBefore` lines above a keyword line, which the spans include),
 * and every match holds a keyword, so the lines between add no match.
 */
function joinNear(spans: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start - last.end <= JOIN_GAP) out[out.length - 1] = { start: last.start, end: s.end };
    else out.push(s);
  }
  return out;
}

/** Matches of a single-line pattern within each region, as offsets into the whole text. */
function matchIn(pattern: CompiledPattern, text: string, regions: readonly Span[]): RegexMatch[] {
  if (regions.length === 1 && regions[0]?.start === 0 && regions[0].end === text.length) return pattern.matchAll(text);
  const out: RegexMatch[] = [];
  for (const r of regions) {
    for (const m of pattern.matchAll(text.slice(r.start, r.end))) {
      out.push({
        start: m.start + r.start,
        end: m.end + r.start,
        groups: m.groups.map((g) => (g ? [g[0] + r.start, g[1] + r.start] : undefined)),
      });
    }
  }
  return out;
}

export interface DetectOptions {
  readonly engine?: RegexEngine;
  /** The config's own patterns (`secretPatterns`), run after the built-in detectors. */
  readonly customPatterns?: readonly CustomSecretPattern[];
}

/** Priority of a custom pattern's match: above generic name = value matches, below formatted keys. */
const CUSTOM_PRIORITY = 7;

/** Matches of the config's own patterns: the first capture group is the secret when there is one. */
function customMatches(text: string, lower: string, patterns: readonly CustomSecretPattern[], compiled: ReturnType<typeof patternsFor>): SecretMatch[] {
  const out: SecretMatch[] = [];
  for (const p of patterns) {
    if (p.keywords.length > 0 && !p.keywords.some((k) => lower.includes(k))) continue;
    for (const m of compiled.get(p.regex).matchAll(text)) {
      const g = m.groups[0];
      const [start, end] = g ? g : [m.start, m.end];
      if (end <= start) continue;
      out.push({ start, end, kind: "custom", provider: "generic", label: p.description, pattern: p, priority: CUSTOM_PRIORITY });
    }
  }
  return out;
}

/** Every secret-shaped value in the file, as offsets into its text. */
export function detectSecrets(file: SourceFile, options: DetectOptions = {}): SecretMatch[] {
  const text = file.text;
  if (text.length === 0) return [];
  const patterns = patternsFor(options.engine);
  const generated = file.facts.generated || isTestVectorPath(file.path);
  const keywords = scanKeywords(text);
  const ctx: DetectContext = {
    text,
    strict: !file.facts.live || generated,
    serviceAccount: keywords.lines.has("service_account"),
    code: isSourceCodePath(file.path),
    netrc: /(?:^|\/)[._]netrc$/.test(file.path),
  };
  let found: SecretMatch[] = [];
  for (const detector of DETECTORS) {
    if (generated && !detector.inGenerated) continue;
    if (!detector.keywords.some((k) => keywords.lines.has(k))) continue;
    const pattern = patterns.get((ctx.code && detector.codePattern) || detector.pattern, detector.flags);
    const regions = detector.multiLine ? [{ start: 0, end: text.length }] : keywordLines(file, text.length, keywords, detector);
    for (const m of matchIn(pattern, text, regions)) {
      const s = detector.extract(m, ctx);
      if (s) found.push(s);
    }
  }
  if (!generated && /\.ya?ml$/i.test(file.path) && /kind:/i.test(text)) {
    // The encoded text is judged only decoded: drop what the detectors made of it.
    const k8s = kubernetesSecretData(text, patterns.get(KUBERNETES_DATA_ENTRY, { multiline: true }), ctx.strict);
    const inside = (m: SecretMatch): boolean => k8s.encoded.some((e) => m.start >= e.start && m.end <= e.end);
    found = [...found.filter((m) => !inside(m)), ...k8s.matches];
  }
  if (options.customPatterns?.length) found.push(...customMatches(text, text.toLowerCase(), options.customPatterns, patterns));
  const ids = found.filter((m) => m.kind === "aws-access-key-id");
  if (ids.length > 0 && !generated) {
    const idLines = ids.map((m) => positionAt(file, m.start).line);
    const near = new Set<number>();
    for (const l of idLines) for (let d = -AWS_PAIR_LINES; d <= AWS_PAIR_LINES; d++) near.add(l + d);
    for (const m of matchIn(patterns.get(AWS_SECRET_NEAR_ID), text, lineRuns(file.lineStarts, text.length, [...near]))) {
      const g = m.groups[0];
      if (!g) continue;
      const value = text.slice(g[0], g[1]);
      if (!looksLikeAwsSecret(value)) continue;
      const line = positionAt(file, g[0]).line;
      if (!idLines.some((l) => Math.abs(l - line) <= AWS_PAIR_LINES)) continue;
      found.push({ start: g[0], end: g[1], kind: "aws-secret-access-key", provider: "aws", label: "AWS secret access key", priority: PRIORITY.pairedAws });
    }
  }
  return resolveOverlaps(found);
}
