/**
 * The Go SDK v2's reading of an AWS shared config/credentials file (`../aws-ini.ts`): `internal/ini` of
 * aws-sdk-go-v2 (`tokenize.go`, `parse.go`, `strings.go`), line by line, as it stands after PR #2371 and #2461.
 */
import {
  goToLower,
  goTrimLeftLineSpace,
  goTrimRightLineSpace,
  goTrimSpace,
  HASH,
  isGoLineSpace,
  SEMI,
  spanStart,
} from "./chars.js";
import type { Line } from "./lines.js";

type GoEvent =
  | { readonly t: "skip" }
  | { readonly t: "header"; readonly name: string }
  | { readonly t: "property"; readonly key: string }
  | { readonly t: "sub"; readonly key: string; readonly value: string }
  | { readonly t: "cont"; readonly target: number }
  | { readonly t: "ignored" };

export interface GoResult {
  readonly events: GoEvent[];
  /** Final string value of every property line (continuation lines appended). */
  readonly values: ReadonlyMap<number, string>;
}

/** `trimProfileComment`: cut at the first `#`, then at the first `;`. */
export function goTrimProfileComment(s: string): string {
  let cut = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === HASH || c === SEMI) {
      cut = i;
      break;
    }
  }
  return s.slice(0, cut);
}

/** `trimPropertyComment`: cut at the first of " #", " ;", "\t#", "\t;". */
function goTrimPropertyComment(s: string): string {
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c === HASH || c === SEMI) && isGoLineSpace(s.charCodeAt(i - 1))) return s.slice(0, i - 1);
  }
  return s;
}

/** `splitProperty`: `=` unless a `:` comes first (or there is no `=`). */
function goSplitProperty(s: string): { key: string; value: string } | null {
  const eq = s.indexOf("=");
  const colon = s.indexOf(":");
  const sep = eq === -1 || (colon !== -1 && colon < eq) ? colon : eq;
  if (sep === -1) return null;
  return { key: goTrimSpace(s.slice(0, sep)), value: goTrimSpace(s.slice(sep + 1)) };
}

/**
 * `legacyStrconv` = `unquote`: strip one pair of wrapping `'…'` or `"…"`. (A value that is a single quote
 * character makes the current Go code slice `s[1:0]` and panic; it is left as is here.)
 */
function goUnquote(s: string): string {
  if (s.length >= 2) {
    const q = s.charAt(0);
    if ((q === '"' || q === "'") && s.endsWith(q)) return s.slice(1, -1);
  }
  return s;
}

/** `splitProfile`: type and name split at the first run of spaces/tabs. */
function goSectionName(inner: string): string {
  let first = 0;
  for (let i = 0; i < inner.length; i++) {
    if (isGoLineSpace(inner.charCodeAt(i))) {
      if (first === 0) first = i;
    } else if (first !== 0) {
      return `${inner.slice(0, first)} ${inner.slice(i)}`;
    }
  }
  return first === 0 ? inner : "";
}

export function simulateGo(lines: readonly Line[]): GoResult {
  const events: GoEvent[] = [];
  const values = new Map<number, string>();
  let csection = "";
  let ckey = "";
  let ckeyLine = -1;
  let ckeyStr = "";
  let ckeyHasMap = false;

  const handleProperty = (key: string, value: string, index: number): GoEvent => {
    if (csection === "") return { t: "ignored" }; // LEGACY: don't error on "global" properties
    ckey = key;
    ckeyLine = index;
    ckeyStr = value;
    ckeyHasMap = false;
    values.set(index, value);
    return { t: "property", key };
  };

  lines.forEach((line, index) => {
    const raw = line.raw; // Go splits on "\n" only
    const firstNonLineSpace = spanStart(raw, 0, raw.length, isGoLineSpace);
    const leadChar = raw.charCodeAt(firstNonLineSpace);
    if (goTrimSpace(raw) === "" || leadChar === HASH || leadChar === SEMI) {
      events.push({ t: "skip" });
      return;
    }
    const profile = goTrimSpace(goTrimProfileComment(raw));
    if (profile.length >= 2 && profile.startsWith("[") && profile.endsWith("]")) {
      csection = goSectionName(goTrimSpace(profile.slice(1, -1)));
      ckey = "";
      events.push({ t: "header", name: csection });
      return;
    }
    if (!isGoLineSpace(raw.charCodeAt(0))) {
      const prop = goSplitProperty(goTrimRightLineSpace(goTrimPropertyComment(raw)));
      events.push(prop ? handleProperty(goToLower(prop.key), goUnquote(prop.value), index) : { t: "ignored" });
      return;
    }
    const trimmed = goTrimLeftLineSpace(raw);
    const sub = goSplitProperty(trimmed);
    if (sub) {
      const key = goToLower(sub.key);
      const value = goUnquote(sub.value); // comments on sub-properties are included in the value
      if (csection === "") {
        events.push({ t: "ignored" });
      } else if (ckey === "" || ckeyStr !== "") {
        // an "orphaned" sub-property is promoted to a normal property
        events.push(handleProperty(key, goTrimSpace(goTrimPropertyComment(value)), index));
      } else {
        ckeyHasMap = true;
        events.push({ t: "sub", key: `${ckey}.${key}`, value });
      }
      return;
    }
    if (ckey === "" || ckeyStr === "" || ckeyHasMap) {
      events.push({ t: "ignored" });
      return;
    }
    ckeyStr = `${ckeyStr}\n${trimmed}`;
    values.set(ckeyLine, ckeyStr);
    events.push({ t: "cont", target: ckeyLine });
  });
  return { events, values };
}
