/**
 * The HTML report: one self-contained HTML5 page to read a scan in a browser, attach to a ticket or keep as a
 * CI artifact.
 *
 * Design choices:
 *
 * - Self-contained. The page is a single file: an inline `<style>` and a small inline `<script>`, no
 *   external stylesheet, font, image or script, so it opens the same from a CI artifact, an e-mail or a
 *   file share, offline, and tells nobody that it was opened. A Content-Security-Policy meta
 *   (`default-src 'none'`, inline style and script only) makes the browser refuse anything else, should
 *   something slip in. The only URLs are the rules' documentation links, which are plain `<a>` links (http
 *   or https only; anything else is shown as text). The script only adds severity and rule filters: it
 *   reveals a hidden toolbar and toggles `hidden` attributes, so the page is complete without it.
 *
 * - Escaping by construction. Every piece of markup is built with the `html` tagged template below: the
 *   literal parts are the markup, and every interpolated string — paths, messages, snippet lines, rule
 *   names and descriptions, fingerprints, even numbers turned to text — is first passed through `visible()`
 *   (control, bidi and invisible characters become visible stand-ins, as in the text report) and then
 *   HTML-escaped (`& < > " '`), which makes it safe both as element text and as a quoted attribute value.
 *   Only values of the module-private `SafeHtml` class, which only `html` creates, are inserted as is; there
 *   is no way to pass a plain string through unescaped.
 *
 * - Masking. The pipeline masks secrets before any reporter sees a finding (messages are built from
 *   redacted previews and snippets are masked), and this reporter shows nothing else of the repository:
 *   no source is read here, only `finding.snippet`, cut to the text report's window around the finding
 *   as the text report's code frame. Suppressed findings are only counted (`suppressedSummary`, shared with
 *   the text report), never listed, so an accepted secret's masked preview does not appear either.
 *
 * - Grouping. A section per rule (its name, description and documentation link), ordered by the worst
 *   severity among its findings, then by rule id; within a rule, the findings by file (path order), then by
 *   line and column. A table of contents links to each rule section (`id` = the rule id), and each finding
 *   has an `id` derived from its fingerprint (stable across runs, so a link to a finding keeps working) and
 *   its severity as a class. Nothing depends on the clock or chance except `generatedAt`, which callers and
 *   tests may fix: the same scan gives the same bytes.
 */
import type { Finding, Severity } from "../model/finding.js";
import { SEVERITIES, SEVERITY_RANK, sortFindings } from "../model/finding.js";
import type { ScanStats } from "../scan/pipeline.js";
import { visible } from "./sanitize.js";
import { frameWindow, scanSummary, suppressedSummary } from "./text.js";

export interface HtmlRule {
  readonly id: string;
  readonly name?: string;
  readonly description: string;
  readonly docsUrl: string;
}

export interface HtmlOptions {
  readonly toolVersion: string;
  /** Descriptors of the rules that ran (for names, descriptions, doc links). */
  readonly rules: readonly HtmlRule[];
  /** Suppressed findings: counted in the summary, never listed. */
  readonly suppressed?: readonly Finding[];
  /** The baselines in use, repository-relative. */
  readonly baselines?: readonly string[];
  /** ISO time of the report (default: now). */
  readonly generatedAt?: string;
  /** Shown in the header: the scanned folder's name. */
  readonly root?: string;
}

/** Markup that may be inserted as is. Only the `html` tag creates it (and the module's own constants). */
class SafeHtml {
  constructor(readonly value: string) {}
}

type Part = SafeHtml | string | number | readonly SafeHtml[];

/** Text as HTML element content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&#39;"));
}

function render(part: Part): string {
  if (part instanceof SafeHtml) return part.value;
  if (typeof part === "number") return escapeHtml(String(part));
  if (typeof part === "string") return escapeHtml(visible(part));
  return part.map((p) => p.value).join("");
}

/** The one way to build markup: literal parts are markup, every interpolated string is made visible and escaped. */
function html(strings: TemplateStringsArray, ...parts: readonly Part[]): SafeHtml {
  let out = strings[0] ?? "";
  parts.forEach((part, i) => {
    out += render(part) + (strings[i + 1] ?? "");
  });
  return new SafeHtml(out);
}

const EMPTY = new SafeHtml("");


const SEVERITY_PLURAL: Readonly<Record<Severity, string>> = { error: "errors", warning: "warnings", note: "notes" };

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Gives each element a unique `id` from a preferred one, deterministically (`-2`, `-3`… on collisions). */
class Ids {
  private readonly used = new Set<string>();
  take(preferred: string): string {
    let id = preferred;
    for (let n = 2; this.used.has(id); n++) id = `${preferred}-${n}`;
    this.used.add(id);
    return id;
  }
}

/** A link target for the rules' documentation: http(s) only, or none. */
function linkUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** "2024-05-01 12:00:00 UTC" for an ISO time; anything else as given. */
function displayTime(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(t).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
}

interface RuleGroup {
  readonly id: string;
  readonly worst: Severity;
  readonly count: Readonly<Record<Severity, number>>;
  /** Findings by path, in path order; each list in line and column order. */
  readonly files: ReadonlyMap<string, readonly Finding[]>;
}

/** Findings by rule (worst severity first, then rule id), then by file. */
function groupByRule(findings: readonly Finding[]): RuleGroup[] {
  const byRule = new Map<string, Finding[]>();
  for (const f of sortFindings([...findings])) {
    const list = byRule.get(f.ruleId) ?? [];
    list.push(f);
    byRule.set(f.ruleId, list);
  }
  const groups: RuleGroup[] = [];
  for (const [id, list] of byRule) {
    const count: Record<Severity, number> = { error: 0, warning: 0, note: 0 };
    const files = new Map<string, Finding[]>();
    let worst: Severity = "note";
    for (const f of list) {
      count[f.severity]++;
      if (SEVERITY_RANK[f.severity] > SEVERITY_RANK[worst]) worst = f.severity;
      const inFile = files.get(f.path) ?? [];
      inFile.push(f);
      files.set(f.path, inFile);
    }
    groups.push({ id, worst, count, files });
  }
  return groups.sort((a, b) => SEVERITY_RANK[b.worst] - SEVERITY_RANK[a.worst] || compare(a.id, b.id));
}

function countsText(count: Readonly<Record<Severity, number>>): string {
  return SEVERITIES.filter((s) => count[s] > 0)
    .map((s) => `${count[s]} ${count[s] === 1 ? s : SEVERITY_PLURAL[s]}`)
    .join(", ");
}

/** One source line of a code frame, cut to a window around the finding on the marked line. */
function frameRow(full: string, lineNo: number, width: number, f: Finding): SafeHtml {
  const { range } = f;
  const marked = lineNo === range.start.line;
  // Long lines are cut to the text report's window around the finding.
  const { start, end } = frameWindow(full, marked ? range.start.column - 1 : 0);
  const lead = start > 0 ? "…" : "";
  const tail = end < full.length ? "…" : "";
  const shown = full.slice(start, end);
  const num = String(lineNo).padStart(width);
  if (!marked) return html`<span class="row"><span class="ln">${num}</span><span class="src">${lead}${shown}${tail}</span></span>`;
  // The flagged span of the start line (to the end of the line when the range goes on), within the window.
  const endCol = range.end.line === lineNo ? range.end.column - 1 : full.length;
  const from = Math.min(Math.max(range.start.column - 1 - start, 0), shown.length);
  const to = Math.min(Math.max(endCol - start, from + 1), shown.length);
  const mark = from < to ? html`<mark>${shown.slice(from, to)}</mark>` : html`<mark class="eol" title="end of line"> </mark>`;
  return html`<span class="row marked"><span class="ln">${num}</span><span class="src">${lead}${shown.slice(0, from)}${mark}${shown.slice(to)}${tail}</span></span>`;
}

/** The masked source lines around a finding, with line numbers and the flagged span in a `<mark>`. */
function codeFrame(f: Finding): SafeHtml {
  const { snippet } = f;
  if (snippet.lines.length === 0) return EMPTY;
  const width = String(snippet.startLine + snippet.lines.length - 1).length;
  const rows = snippet.lines.map((line, i) => frameRow(line, snippet.startLine + i, width, f));
  return html`<pre class="frame"><code>${rows}</code></pre>`;
}

function fixNote(f: Finding): SafeHtml {
  if (!f.fix) return EMPTY;
  return f.fix.safety === "safe"
    ? html`<p class="fix safe"><span class="tag">safe fix</span> ${f.fix.description} — <code>credlint --fix</code> applies it.</p>`
    : html`<p class="fix unsafe"><span class="tag">suggestion</span> ${f.fix.description} — not applied by <code>--fix</code>: check it first.</p>`;
}

function findingHtml(f: Finding, ids: Ids): SafeHtml {
  const id = ids.take(`finding-${f.fingerprint.replace(/[^A-Za-z0-9_-]/g, "_") || "x"}`);
  const related = f.related.length
    ? html`<ul class="related">${f.related.map(
        (r) => html`<li><span class="where">${r.path}:${r.range.start.line}:${r.range.start.column}</span> ${r.message}</li>`,
      )}</ul>`
    : EMPTY;
  return html`
<article class="finding ${f.severity}" id="${id}" data-severity="${f.severity}">
<div class="finding-head"><a class="loc" href="#${id}" title="Link to this finding">${f.range.start.line}:${f.range.start.column}</a> <span class="sev ${f.severity}">${f.severity}</span>${f.fix?.safety === "safe" ? html` <span class="fixable" title="credlint --fix applies a safe fix">fixable</span>` : EMPTY}</div>
<p class="message">${f.message}</p>
${related}${fixNote(f)}${codeFrame(f)}
</article>`;
}

function ruleSection(group: RuleGroup, sectionId: string, rule: HtmlRule | undefined, ids: Ids): SafeHtml {
  const docs = rule ? linkUrl(rule.docsUrl) : undefined;
  const title = rule?.name ? html`${rule.name} <code class="rule-id">${group.id}</code>` : html`<code class="rule-id">${group.id}</code>`;
  const files = [...group.files].map(
    ([path, list]) => html`
<section class="file">
<h3 class="path">${path} <span class="count">${plural(list.length, "finding")}</span></h3>${list.map((f) => findingHtml(f, ids))}
</section>`,
  );
  return html`
<section class="rule worst-${group.worst}" id="${sectionId}" data-rule="${group.id}">
<header class="rule-head">
<h2><a class="anchor" href="#${sectionId}" aria-hidden="true">#</a>${title}</h2>
<span class="rule-counts"><span class="sev ${group.worst}">${group.worst}</span> ${countsText(group.count)}</span>
</header>
${rule ? html`<p class="rule-desc">${rule.description}</p>` : EMPTY}${docs ? html`<p class="rule-docs"><a href="${docs}" rel="noopener noreferrer">Documentation for ${group.id}</a></p>` : EMPTY}${files}
</section>`;
}

export function formatHtml(findings: readonly Finding[], stats: ScanStats, options: HtmlOptions): string {
  const generatedAt = options.generatedAt ?? new Date().toISOString();
  const rules = new Map(options.rules.map((r) => [r.id, r]));
  const count: Record<Severity, number> = { error: 0, warning: 0, note: 0 };
  for (const f of findings) count[f.severity]++;
  const total = findings.length;
  const fixable = findings.filter((f) => f.fix?.safety === "safe").length;
  const fileCount = new Set(findings.map((f) => f.path)).size;
  const groups = groupByRule(findings);
  const ids = new Ids();
  for (const reserved of ["summary", "rules", "filters", "findings"]) ids.take(`report-${reserved}`);
  const sectionIds = new Map(groups.map((g) => [g.id, ids.take(g.id)]));
  const sectionId = (g: RuleGroup): string => sectionIds.get(g.id) ?? g.id;
  const sections = groups.map((g) => ruleSection(g, sectionId(g), rules.get(g.id), ids));
  const hidden = suppressedSummary(options.suppressed ?? [], options.baselines);

  const badges = SEVERITIES.map(
    (s) => html`<li class="badge ${s}${count[s] === 0 ? " zero" : ""}"><span class="n">${count[s]}</span> ${count[s] === 1 ? s : SEVERITY_PLURAL[s]}</li>`,
  );
  const verdict =
    total === 0
      ? html`<p class="verdict ok">✔ No problems found.</p>`
      : html`<p class="verdict ${count.error ? "error" : count.warning ? "warning" : "note"}">✖ ${plural(total, "problem")} in ${plural(fileCount, "file")}${fixable ? html` · ${plural(fixable, "problem")} can be fixed with <code>credlint --fix</code>` : EMPTY}</p>`;
  const toc = groups.length
    ? html`
<nav class="toc" id="report-rules" aria-label="Rules">
<h2>Rules</h2>
<ol>${groups.map((g) => html`<li><a href="#${sectionId(g)}"><span class="dot ${g.worst}"></span><code>${g.id}</code></a> <span class="count">${countsText(g.count)}</span></li>`)}</ol>
</nav>`
    : EMPTY;
  const filters = groups.length
    ? html`
<div class="filters" id="report-filters" hidden>
<span class="label">Show</span>${SEVERITIES.filter((s) => count[s] > 0).map(
        (s) => html`<label class="toggle ${s}"><input type="checkbox" data-severity="${s}" checked> ${SEVERITY_PLURAL[s]}</label>`,
      )}<label class="rule-filter">rule <select id="report-rule-filter"><option value="">all rules</option>${groups.map(
        (g) => html`<option value="${g.id}">${g.id}</option>`,
      )}</select></label>
</div>`
    : EMPTY;

  const page = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="credlint ${options.toolVersion}">
<title>credlint report${options.root ? html` — ${options.root}` : EMPTY}</title>
<style>${STYLE}</style>
</head>
<body>
<div class="page">
<header class="page-head" id="report-summary">
<h1>credlint report${options.root ? html` <span class="root">${options.root}</span>` : EMPTY}</h1>
<p class="meta">credlint ${options.toolVersion} · generated <time datetime="${generatedAt}">${displayTime(generatedAt)}</time></p>
${verdict}
<ul class="badges">${badges}</ul>
<p class="scanned">${scanSummary(stats, undefined, true)}</p>
${hidden ? html`<p class="not-shown">Not shown: ${hidden}.</p>` : EMPTY}
</header>${toc}${filters}
<main id="report-findings">${sections}
</main>
<footer class="page-foot">Generated by credlint ${options.toolVersion}. Secrets in code frames and messages are masked.</footer>
</div>
${groups.length ? html`<script>${SCRIPT}</script>` : EMPTY}
</body>
</html>
`;
  return page.value;
}

const STYLE = new SafeHtml(`
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --panel: #f6f8fa; --link: #0969da;
  --error: #cf222e; --error-bg: #ffebe9; --warning: #9a6700; --warning-bg: #fff8c5; --note: #0969da; --note-bg: #ddf4ff;
  --ok: #1a7f37; --ok-bg: #dafbe1; --row: #fff5e6; --mark: #ffc98a;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --border: #3d444d; --panel: #151b23; --link: #4493f8;
    --error: #f85149; --error-bg: #3c1618; --warning: #d29922; --warning-bg: #3a2d0b; --note: #4493f8; --note-bg: #0c2d57;
    --ok: #3fb950; --ok-bg: #12361f; --row: #2b2111; --mark: #845306;
  }
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
a { color: var(--link); text-decoration: none; }
a:hover, a:focus { text-decoration: underline; }
code, pre, .path, .loc, .where { font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace; }
code { font-size: 0.9em; }
.page { max-width: 72rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
.page-head { border-bottom: 1px solid var(--border); padding-bottom: 1rem; margin-bottom: 1rem; }
h1 { font-size: 1.6rem; margin: 0; line-height: 1.25; }
h1 .root { color: var(--muted); font-weight: 400; overflow-wrap: anywhere; }
h1 .root::before { content: "· "; }
.meta, .scanned, .not-shown { color: var(--muted); margin: 0.25rem 0; }
.verdict { font-weight: 600; font-size: 1.1rem; margin: 0.75rem 0 0.5rem; }
.verdict.ok { color: var(--ok); }
.verdict.error { color: var(--error); }
.verdict.warning { color: var(--warning); }
.verdict.note { color: var(--note); }
.badges { list-style: none; display: flex; flex-wrap: wrap; gap: 0.5rem; padding: 0; margin: 0.5rem 0; }
.badge { border: 1px solid currentColor; border-radius: 999px; padding: 0.1rem 0.75rem; font-weight: 600; }
.badge .n { font-variant-numeric: tabular-nums; }
.badge.zero { opacity: 0.6; font-weight: 400; }
.badge.error { color: var(--error); background: var(--error-bg); }
.badge.warning { color: var(--warning); background: var(--warning-bg); }
.badge.note { color: var(--note); background: var(--note-bg); }
.toc { background: var(--panel); border: 1px solid var(--border); border-radius: 8px; padding: 0.75rem 1rem; margin: 1rem 0; }
.toc h2 { font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); margin: 0 0 0.25rem; }
.toc ol { list-style: none; margin: 0; padding: 0; columns: 2 20rem; column-gap: 2rem; }
.toc li { break-inside: avoid; padding: 0.1rem 0; }
.toc .count { color: var(--muted); font-size: 0.85em; }
.dot { display: inline-block; width: 0.6rem; height: 0.6rem; border-radius: 50%; margin-right: 0.4rem; vertical-align: 0.05em; }
.dot.error { background: var(--error); }
.dot.warning { background: var(--warning); }
.dot.note { background: var(--note); }
.filters { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; margin: 0 0 1rem; color: var(--muted); }
.filters .label { font-weight: 600; }
.filters label { display: inline-flex; align-items: center; gap: 0.3rem; cursor: pointer; }
.filters select { font: inherit; max-width: 100%; }
.rule { border: 1px solid var(--border); border-left: 4px solid var(--note); border-radius: 8px; padding: 0.75rem 1rem 1rem; margin: 1.25rem 0; }
.rule.worst-error { border-left-color: var(--error); }
.rule.worst-warning { border-left-color: var(--warning); }
.rule-head { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 0.25rem 1rem; }
.rule-head h2 { font-size: 1.2rem; margin: 0; overflow-wrap: anywhere; }
.rule-head .anchor { color: var(--muted); margin-right: 0.4rem; font-weight: 400; }
.rule-id { font-size: 1rem; }
.rule-counts { color: var(--muted); }
.rule-desc { margin: 0.4rem 0 0.2rem; }
.rule-docs { margin: 0 0 0.5rem; font-size: 0.9em; }
.file { margin-top: 0.75rem; }
.path { font-size: 0.95rem; font-weight: 600; margin: 0.75rem 0 0.25rem; padding: 0.3rem 0.6rem; background: var(--panel); border-radius: 6px; overflow-wrap: anywhere; }
.path .count { color: var(--muted); font-weight: 400; font-family: system-ui, sans-serif; font-size: 0.85em; margin-left: 0.5rem; }
.finding { padding: 0.6rem 0 0.6rem 0.75rem; margin-left: 0.25rem; border-left: 2px solid var(--border); }
.finding + .finding { border-top: 1px dashed var(--border); }
.finding:target { background: var(--row); }
.finding-head { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; }
.loc { font-weight: 600; color: var(--fg); font-variant-numeric: tabular-nums; }
.sev, .fixable, .fix .tag { display: inline-block; font-size: 0.75rem; font-weight: 600; text-transform: uppercase; letter-spacing: 0.04em; border-radius: 4px; padding: 0 0.4rem; line-height: 1.5; }
.sev.error { color: var(--error); background: var(--error-bg); }
.sev.warning { color: var(--warning); background: var(--warning-bg); }
.sev.note { color: var(--note); background: var(--note-bg); }
.fixable, .fix.safe .tag { color: var(--ok); background: var(--ok-bg); }
.fix.unsafe .tag { color: var(--muted); background: var(--panel); border: 1px solid var(--border); }
.message { margin: 0.3rem 0; overflow-wrap: anywhere; }
.related { margin: 0.2rem 0; padding-left: 1.25rem; color: var(--muted); font-size: 0.9em; list-style: "↳ "; overflow-wrap: anywhere; }
.fix { margin: 0.3rem 0; font-size: 0.9em; }
.frame { margin: 0.5rem 0 0; background: var(--panel); border: 1px solid var(--border); border-radius: 6px; padding: 0.4rem 0; overflow-x: auto; font-size: 13px; line-height: 1.5; tab-size: 4; }
.frame code { display: inline-block; min-width: 100%; font-size: inherit; }
.row { display: block; padding: 0 0.75rem 0 0; white-space: pre; }
.row.marked { background: var(--row); }
.ln { display: inline-block; color: var(--muted); text-align: right; padding: 0 0.75rem; margin-right: 0.75rem; border-right: 1px solid var(--border); user-select: none; -webkit-user-select: none; }
.row.marked .ln { color: var(--error); font-weight: 700; }
mark { background: var(--mark); color: inherit; border-radius: 2px; box-shadow: 0 2px 0 var(--error); }
mark.eol { padding: 0 0.2em; }
.page-foot { margin-top: 2rem; color: var(--muted); font-size: 0.85em; border-top: 1px solid var(--border); padding-top: 0.75rem; }
@media (max-width: 40rem) {
  body { font-size: 14px; }
  .page { padding: 1rem 0.6rem 2rem; }
  .rule { padding: 0.6rem 0.6rem 0.8rem; }
  .finding { padding-left: 0.5rem; margin-left: 0; }
  .frame { font-size: 12px; }
  .toc ol { columns: 1; }
}
@media print {
  .filters { display: none !important; }
  .rule { break-inside: avoid-page; }
}
`);

/** Severity and rule filters: reveals the toolbar and toggles `hidden`; the page is complete without it. */
const SCRIPT = new SafeHtml(`
(function () {
  "use strict";
  var bar = document.getElementById("report-filters");
  var select = document.getElementById("report-rule-filter");
  if (!bar || !select) return;
  bar.hidden = false;
  function apply() {
    var off = {};
    bar.querySelectorAll("input[data-severity]").forEach(function (box) { off[box.getAttribute("data-severity")] = !box.checked; });
    var rule = select.value;
    document.querySelectorAll("section.rule").forEach(function (section) {
      var any = false;
      section.querySelectorAll("section.file").forEach(function (file) {
        var shown = false;
        file.querySelectorAll("article.finding").forEach(function (finding) {
          finding.hidden = off[finding.getAttribute("data-severity")] === true;
          if (!finding.hidden) shown = true;
        });
        file.hidden = !shown;
        if (shown) any = true;
      });
      section.hidden = !any || (rule !== "" && section.getAttribute("data-rule") !== rule);
    });
  }
  bar.addEventListener("change", apply);
})();
`);
