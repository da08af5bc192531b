/**
 * A rule's docs page (docs/rules/<id>.md) for a terminal (`credlint explain`): the Markdown the project
 * writes — headings, paragraphs, lists, tables, fenced code, inline code and links — shown as plain text a
 * person reads in a terminal, with ANSI styles when colour is on. Not a general Markdown renderer: pages are
 * ours, so only what they use is handled, and anything else is shown as written.
 *
 * Links become "text (url)" with relative links made absolute (a terminal has no repository to resolve them
 * against); fenced code is indented and kept verbatim (the examples' keys are the pages' own fake ones).
 */
import { absoluteDocLink, docBody } from "./rule-docs.js";

const STYLE = { bold: 1, dim: 2, underline: 4, cyan: 36, green: 32, red: 31 } as const;

function paint(on: boolean, style: keyof typeof STYLE, text: string): string {
  return on ? `\u001b[${STYLE[style]}m${text}\u001b[0m` : text;
}

/** Inline Markdown: links as "text (url)", `code` in cyan (back-quotes kept without colour), **bold**. */
function inline(text: string, ruleId: string, color: boolean): string {
  return text
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_whole, label: string, target: string) => {
      const url = absoluteDocLink(target, ruleId);
      // A link whose text is its own target needs the URL only once.
      return label === target ? url : `${label} (${url})`;
    })
    .replace(/\*\*([^*]+)\*\*/g, (_w, s: string) => paint(color, "bold", s))
    .replace(/`([^`]+)`/g, (w, s: string) => (color ? paint(color, "cyan", s) : w));
}

export function renderDocForTerminal(doc: string, ruleId: string, color: boolean): string {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of docBody(doc).split("\n")) {
    const open = /^(\s*)(```+|~~~+)/.exec(line);
    if (fence !== undefined) {
      if (open && open[2]?.startsWith(fence)) {
        fence = undefined;
        out.push("");
        continue;
      }
      out.push(paint(color, "dim", `    ${line}`));
      continue;
    }
    if (open) {
      fence = open[2] ?? "```";
      const lang = line.slice((open[0] ?? "").length).trim();
      if (lang) out.push(paint(color, "dim", `    (${lang})`));
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const level = heading[1]?.length ?? 1;
      const text = inline(heading[2] ?? "", ruleId, false);
      if (level === 1) out.push(paint(color, "bold", paint(color, "underline", text)));
      else out.push(paint(color, "bold", level === 2 ? text.toUpperCase() : text));
      continue;
    }
    if (line.startsWith("> ")) {
      out.push(`  ${paint(color, "bold", inline(line.slice(2), ruleId, color))}`);
      continue;
    }
    // Table separator rows carry nothing a reader needs.
    if (/^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line)) continue;
    out.push(inline(line, ruleId, color));
  }
  // At most one blank line in a row, none at the ends.
  const text = out.join("\n").replace(/\n{3,}/g, "\n\n").trim();
  return `${text}\n`;
}
