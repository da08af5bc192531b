/**
 * The "why" strings of the AWS shared config/credentials reader (`../aws-ini.ts`): what each SDK does with a
 * bad line (effects, combined into one message) and why a section header is ignored.
 */
import type { SectionReading } from "../../model/aws-ini.js";
import { BOM } from "./chars.js";

/** A name or key quoted for a message, shortened so that a pathological line cannot blow up a message. */
export function q(s: string): string {
  const short = s.length > 60 ? `${s.slice(0, 57)}…` : s;
  return `\`${short.replace(/[\r\n]/g, " ")}\``;
}

function hex(c: number): string {
  return `U+${c.toString(16).toUpperCase().padStart(4, "0")}`;
}

export function invisibleStart(c: number): string {
  return c === BOM ? "starts with an invisible byte-order mark (U+FEFF)" : `starts with the invisible character ${hex(c)}`;
}

export interface Effect {
  readonly one: string;
  readonly many: string;
}

export const effect = (one: string, many: string): Effect => ({ one, many });
export const SKIPS = effect("skips the line", "skip the line");
export const FAILS = effect("fails to read the whole file", "fail to read the whole file");
export const readsKey = (key: string): Effect =>
  key === ""
    ? effect("reads it as a key with an empty name", "read it as a key with an empty name")
    : effect(`reads it as the key ${q(key)}`, `read it as the key ${q(key)}`);
export const appendsTo = (key: string): Effect =>
  effect(`appends it to the value of ${q(key)}`, `append it to the value of ${q(key)}`);

export function describeEffects(primary: string, botocore: Effect, js: Effect, go: Effect): string {
  if (botocore.one === js.one && js.one === go.one) return `${primary}: all three SDKs ${botocore.many}`;
  if (js.one === go.one) return `${primary}: botocore ${botocore.one}, the JS and Go SDKs ${js.many}`;
  if (botocore.one === go.one) return `${primary}: botocore and the Go SDK ${botocore.many}, the JS SDK ${js.one}`;
  if (botocore.one === js.one) return `${primary}: botocore and the JS SDK ${botocore.many}, the Go SDK ${go.one}`;
  return `${primary}: botocore ${botocore.one}, the JS SDK ${js.one}, the Go SDK ${go.one}`;
}

export const ignored = (why: string): SectionReading => ({ kind: "ignored", why });
