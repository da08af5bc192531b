/**
 * The JS SDK v3's reading of an AWS shared config/credentials file (`../aws-ini.ts`): `parseIni.ts` of
 * `@smithy/core/config`, line by line.
 */
import { HASH, isJsWs, SEMI } from "./chars.js";
import type { Line } from "./lines.js";

const JS_SECTION_TYPES: readonly string[] = ["profile", "sso-session", "services"];
/** `prefixKeyRegex` of parseIni.ts (`[\w-@+.%:/]` is `\w`, `-`, `@`, `+`, `.`, `%`, `:`, `/`). */
const JS_PREFIX_KEY_RE = /^([\w-]+)\s(["'])?([\w@+.%:/-]+)\2$/;
const JS_BLOCKED_NAMES: readonly string[] = ["__proto__", "profile __proto__"];

type JsEvent =
  | { readonly t: "skip" }
  | {
      readonly t: "header";
      readonly sectionName: string;
      /** `currentSection` after the header (undefined: the section's keys are discarded). */
      readonly section: string | undefined;
      /** The regex's type word when it matched. */
      readonly prefix: string | undefined;
    }
  | { readonly t: "key"; readonly key: string; readonly value: string | null }
  | { readonly t: "ignored" };

export interface JsResult {
  readonly events: JsEvent[];
  /** parseIni throws on `__proto__`; loadSharedConfigFiles swallows the error and reads the file as empty. */
  readonly rejectedBy: string | undefined;
}

/** `iniLine.split(/(^|\s)[;#]/)[0]` without a regular expression. */
export function jsStripComment(line: string): string {
  for (let k = 0; k < line.length; k++) {
    const c = line.charCodeAt(k);
    if ((c === HASH || c === SEMI) && (k === 0 || isJsWs(line.charCodeAt(k - 1)))) return line.slice(0, Math.max(0, k - 1));
  }
  return line;
}

export function simulateJs(lines: readonly Line[]): JsResult {
  const events: JsEvent[] = [];
  let rejectedBy: string | undefined;
  let currentSection: string | undefined;
  let currentSubSection: string | undefined;
  for (const line of lines) {
    const iniLine = line.text;
    const trimmedLine = jsStripComment(iniLine).trim();
    if (trimmedLine.startsWith("[") && trimmedLine.endsWith("]") && trimmedLine.length >= 2) {
      currentSection = undefined;
      currentSubSection = undefined;
      const sectionName = trimmedLine.slice(1, -1);
      const matches = JS_PREFIX_KEY_RE.exec(sectionName);
      let prefix: string | undefined;
      if (matches) {
        prefix = matches[1] ?? "";
        if (JS_SECTION_TYPES.includes(prefix)) currentSection = `${prefix}.${matches[3] ?? ""}`;
      } else {
        currentSection = sectionName;
      }
      if (JS_BLOCKED_NAMES.includes(sectionName) && rejectedBy === undefined) rejectedBy = sectionName;
      events.push({ t: "header", sectionName, section: currentSection, prefix });
      continue;
    }
    if (!currentSection) {
      events.push(trimmedLine === "" ? { t: "skip" } : { t: "ignored" });
      continue;
    }
    const eq = trimmedLine.indexOf("=");
    if (eq <= 0) {
      events.push(trimmedLine === "" ? { t: "skip" } : { t: "ignored" });
      continue;
    }
    const name = trimmedLine.slice(0, eq).trim();
    const value = trimmedLine.slice(eq + 1).trim();
    if (value === "") {
      currentSubSection = name;
      events.push({ t: "key", key: name, value: null });
      continue;
    }
    if (currentSubSection && iniLine.trimStart() === iniLine) currentSubSection = undefined;
    events.push({ t: "key", key: currentSubSection ? `${currentSubSection}.${name}` : name, value });
  }
  return { events, rejectedBy };
}
