import { readFileSync } from "node:fs";
import path from "node:path";
import { docsUrl } from "../model/rule.js";

/**
 * SARIF `help.markdown` for each rule: its docs page (docs/rules/<id>.md), read at run time from the
 * package's own docs folder.
 *
 * Why read at run time rather than generate a copy into src/ at build time: the docs ship wherever credlint
 * runs — `files` in package.json includes docs/, and a JavaScript GitHub Action runs from a full checkout
 * of the action's repository, docs/ included — so there is no second copy to keep in sync; and a generated
 * TypeScript copy would put the pages' fake example keys into live source and into the Action's bundle,
 * where credlint's own secret scan would rightly report them. When a page cannot be read (a trimmed
 * install), the reporter falls back to Markdown built from the rule's meta, so the SARIF stays complete.
 */

const FRONT_MATTER = /^---\n[\s\S]*?\n---\n/;

/** A docs page without its front matter, with LF line ends. */
export function docBody(doc: string): string {
  return doc.replace(/\r\n/g, "\n").replace(FRONT_MATTER, "");
}

/** A link target of a rule's docs page, made absolute (relative links resolve against the page's URL). */
export function absoluteDocLink(target: string, ruleId: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return target;
  try {
    return new URL(target, docsUrl(ruleId)).href;
  } catch {
    return target;
  }
}

/** The docs page of a rule in `docsDir`, or undefined when it cannot be read (a trimmed install). */
export function readRuleDoc(docsDir: string, ruleId: string): string | undefined {
  try {
    return readFileSync(path.join(docsDir, `${ruleId}.md`), "utf8");
  } catch {
    return undefined;
  }
}

/**
 * A docs page as SARIF help: no front matter, no title (code scanning shows the rule's name above it),
 * every relative link made absolute (the help is rendered outside the repository), and the Examples
 * section replaced by a link to it. The examples are left out on purpose: they hold realistic (fake) keys,
 * which have no place in a report that is uploaded, archived and scanned by secret scanners — credlint's
 * own included. The rest of the page (why it fails, how to fix, options, references) is kept whole.
 */
export function helpMarkdownFromDoc(doc: string, ruleId: string): string {
  const base = docsUrl(ruleId);
  const kept: string[] = [];
  let inExamples = false;
  for (const line of docBody(doc).split("\n")) {
    if (line.startsWith("## ")) {
      inExamples = line.trim() === "## Examples";
      if (inExamples) kept.push(line, "", `See the [examples in the rule's documentation](${base}#examples).`, "");
      else kept.push(line);
      continue;
    }
    if (!inExamples) kept.push(line);
  }
  const body = kept.join("\n").replace(/^\s*# [^\n]*\n/, "");
  const absolute = body.replace(/\]\(([^)\s]+)\)/g, (_whole, target: string) => `](${absoluteDocLink(target, ruleId)})`);
  return absolute.trim() + "\n";
}

/** Whether a docs page is a written page (it explains why the mistake fails), not a generated stub. */
export function isWrittenPage(doc: string): boolean {
  return /^## Why it fails$/m.test(doc);
}

/**
 * The help Markdown of each rule with a written page in `docsDir`. Rules without a readable page, or with
 * only a stub, are absent: the reporter then builds their help from meta (why it fails, how to fix).
 */
export function loadRuleHelp(docsDir: string, ruleIds: readonly string[]): Map<string, string> {
  const help = new Map<string, string>();
  for (const id of ruleIds) {
    const doc = readRuleDoc(docsDir, id);
    if (doc !== undefined && isWrittenPage(doc)) help.set(id, helpMarkdownFromDoc(doc, id));
  }
  return help;
}
