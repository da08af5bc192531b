/**
 * The classify stage: what a file is, from its path and, where a name is only a convention, the start of its
 * text. Cheap — it runs on every file found. The format registry (src/formats/registry.ts) says how each kind
 * is recognised; this module asks it in order: every kind by path first, then the kinds recognised by content
 * wherever they are kept (a CI file outside its platform's folder).
 *
 * Example and template copies (`.env.example`, `*.sample`) and templates (`Dockerfile.j2`, `.gitlab-ci.yml.tmpl`:
 * rendered into that file, not yet that file) stay plain text: no program reads them, and their placeholders
 * are expected; the secret detectors still run on them.
 */
import type { FileKind } from "../model/source.js";
import { TEMPLATE_EXTENSION } from "../formats/template.js";
import { FORMATS } from "../formats/registry.js";
import { isTemplateCopy } from "../knowledge/paths.js";

export { envFileKind, looksLikeAwsFile } from "../formats/file-names.js";

export function classify(path: string, head: () => string): FileKind {
  let text: string | undefined;
  const cachedHead = (): string => (text ??= head());
  if (isTemplateCopy(path) || TEMPLATE_EXTENSION.test(path)) return FORMATS.find((f) => f.copies && f.content?.(path, cachedHead))?.kind ?? "text";
  for (const f of FORMATS) if (f.path(path, cachedHead)) return f.kind;
  for (const f of FORMATS) if (f.content?.(path, cachedHead)) return f.kind;
  return "text";
}
