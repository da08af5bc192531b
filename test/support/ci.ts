import type { Setting } from "../../src/model/setting.js";
import type { Range } from "../../src/model/source.js";

/** `line:column-line:column`, end exclusive. */
export function at(range: Range | undefined): string {
  return range ? `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}` : "none";
}

/** A setting's value as `kind:value` (the literal value, the reference target, or the dynamic text as written). */
export function valueOf(s: Setting | undefined): string {
  if (!s) return "missing";
  const v = s.value;
  return `${v.kind}:${v.kind === "literal" ? v.value : v.kind === "reference" ? v.target : v.raw}`;
}

/** A setting as `key=kind:value`. */
export function show(s: Setting | undefined): string {
  return s ? `${s.key.text}=${valueOf(s)}` : "missing";
}
