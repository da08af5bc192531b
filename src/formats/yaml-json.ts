/**
 * JSON files read through the YAML layer (CloudFormation templates, Kubernetes manifests and Terraform JSON
 * written as JSON), parsed straight into `yaml`'s nodes. YAML 1.2 reads JSON as flow collections of
 * double-quoted and plain scalars, and `yaml` does so at about 2 MB/s; this parser builds the same nodes
 * (class, `type`, `value`, `source`, `flow`, `range`) thirty times faster. On aws-sam-cli, 324 JSON templates
 * took 147 ms in `yaml`.
 *
 * Strict JSON only (RFC 8259): anything else — a comment, a tab or a line break inside a string, a trailing
 * comma, a byte-order mark, more than one value, nesting deeper than MAX_DEPTH — returns undefined, and the
 * caller hands the text to `yaml`, which reads it (or reports it) as before. test/formats/yaml-json.test.ts
 * compares the nodes with `yaml`'s on every JSON fixture and on generated edge cases.
 */
import type { Node, Pair, Scalar, YAMLMap, YAMLSeq } from "yaml";
import { yamlLib } from "./yaml-lib.js";

/** Deeper than this, `yaml` reads the text (and says "nesting too deep" as it did). */
const MAX_DEPTH = 256;

class NotJson extends Error {}

const ESCAPES: Readonly<Record<string, string>> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

/** Whether a text opens as a JSON object or array (worth trying `jsonNode` on). */
export function looksLikeJson(text: string): boolean {
  return /^[ \t\r\n]*[{[]/.test(text);
}

/** The document's root node, or undefined when the text is not strict JSON. */
export function jsonNode(text: string): Node | undefined {
  const Y = yamlLib();
  const n = text.length;
  let i = 0;
  let depth = 0;

  const fail = (): never => {
    throw new NotJson();
  };
  const space = (): void => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else return;
    }
  };
  /**
   * Where `yaml` ends a value's node (`range[2]`): an item of a sequence, at the next token; a map's value (or
   * the root), after its trailing spaces and one line break.
   */
  const trailing = (from: number, inSeq: boolean): number => {
    let k = from;
    if (inSeq) {
      for (let c = text.charCodeAt(k); c === 32 || c === 10 || c === 13 || c === 9; c = text.charCodeAt(++k));
      return k;
    }
    while (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9) k++;
    if (text.charCodeAt(k) === 13 && text.charCodeAt(k + 1) === 10) k += 2;
    else if (text.charCodeAt(k) === 10) k++;
    return k;
  };
  const string = (): string => {
    // text[i] is the opening quote.
    let start = ++i;
    let out = "";
    for (;;) {
      if (i >= n) fail();
      const c = text.charCodeAt(i);
      if (c === 34) break;
      if (c < 32) fail();
      if (c !== 92) {
        i++;
        continue;
      }
      out += text.slice(start, i);
      const e = text.charAt(i + 1);
      if (e === "u") {
        const hex = text.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail();
        out += String.fromCharCode(Number.parseInt(hex, 16));
        i += 6;
      } else {
        const s = ESCAPES[e];
        if (s === undefined) fail();
        out += s;
        i += 2;
      }
      start = i;
    }
    out += text.slice(start, i);
    i++;
    return out;
  };
  const scalar = (value: unknown, source: string, type: Scalar.Type, start: number, end: number, rangeEnd: number): Scalar => {
    const s = new Y.Scalar(value);
    s.range = [start, end, rangeEnd];
    s.source = source;
    s.type = type;
    return s;
  };
  const value = (inSeq: boolean): Node => {
    const start = i;
    const c = text.charCodeAt(i);
    if (c === 123 || c === 91) {
      if (++depth > MAX_DEPTH) fail();
      const map = c === 123;
      const node: YAMLMap | YAMLSeq = map ? new Y.YAMLMap() : new Y.YAMLSeq();
      node.flow = true;
      i++;
      space();
      if (text.charCodeAt(i) === (map ? 125 : 93)) i++;
      else {
        for (;;) {
          if (map) {
            if (text.charCodeAt(i) !== 34) fail();
            const keyStart = i;
            const key = string();
            const keyNode = scalar(key, key, "QUOTE_DOUBLE", keyStart, i, i);
            space();
            if (text.charCodeAt(i) !== 58) fail();
            i++;
            space();
            (node as YAMLMap).items.push(new Y.Pair(keyNode, value(false)) as Pair<unknown, unknown>);
          } else (node as YAMLSeq).items.push(value(true));
          space();
          const sep = text.charCodeAt(i);
          i++;
          if (sep === 44) {
            space();
            continue;
          }
          if (sep !== (map ? 125 : 93)) fail();
          break;
        }
      }
      depth--;
      node.range = [start, i, trailing(i, inSeq)];
      return node;
    }
    if (c === 34) {
      const s = string();
      return scalar(s, s, "QUOTE_DOUBLE", start, i, trailing(i, inSeq));
    }
    const word = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null/y;
    word.lastIndex = i;
    const m = word.exec(text);
    if (!m) fail();
    const raw = (m as RegExpExecArray)[0];
    i += raw.length;
    const v = raw === "true" ? true : raw === "false" ? false : raw === "null" ? null : Number(raw);
    return scalar(v, raw, "PLAIN", start, i, trailing(i, inSeq));
  };

  try {
    space();
    const c = text.charCodeAt(i);
    if (c !== 123 && c !== 91) return undefined;
    const root = value(false);
    space();
    return i === n ? root : undefined;
  } catch (error) {
    if (error instanceof NotJson || error instanceof RangeError) return undefined;
    throw error;
  }
}
