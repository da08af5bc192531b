/**
 * The HTML report (src/report/html.ts), on the findings of a real scan of fixtures/demo: structure (rules,
 * then files, then findings), counts, documentation links, code frames (the same window as the text
 * report), escaping of everything that comes from the repository, masking, the empty report and
 * determinism. The page is checked as text: it is generated, so its shape is known.
 */
import { appendFileSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lint, writeBaselines } from "../../src/lint/lint.js";
import type { Finding, Severity } from "../../src/model/finding.js";
import { SEVERITY_RANK } from "../../src/model/finding.js";
import { docsUrl } from "../../src/model/rule.js";
import { escapeHtml, formatHtml, type HtmlOptions, type HtmlRule } from "../../src/report/html.js";
import { formatText, suppressedSummary } from "../../src/report/text.js";
import { ROOT } from "../../scripts/generate.js";
import { tempRepo } from "../support/cli.js";
import { secretPieces, secretsUnder } from "../support/findings.js";

const GENERATED_AT = "2025-03-04T05:06:07.000Z";
const DEMO = path.join(ROOT, "fixtures", "demo");

const demo = lint({ cwd: ROOT, paths: ["fixtures/demo"] });
const rules: HtmlRule[] = demo.descriptors.map((d) => ({ id: d.id, description: d.description, docsUrl: docsUrl(d.id) }));
const options: HtmlOptions = { toolVersion: "0.1.0", rules, generatedAt: GENERATED_AT, root: "demo" };
const findings: readonly Finding[] = demo.reported;
const report = formatHtml(findings, demo.scan.stats, options);

/** Text as the page shows it: tags removed, entities decoded. */
function textOf(markup: string): string {
  return markup
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

interface ArticleView {
  readonly id: string;
  readonly severity: string;
  readonly body: string;
}
interface FileView {
  readonly path: string;
  readonly articles: ArticleView[];
}
interface SectionView {
  readonly id: string;
  readonly worst: string;
  readonly head: string;
  readonly files: FileView[];
}

function articlesIn(markup: string): ArticleView[] {
  return [...markup.matchAll(/<article class="finding (\w+)" id="([^"]+)" data-severity="(\w+)">([\s\S]*?)<\/article>/g)].map((m) => {
    expect(m[3]).toBe(m[1]);
    return { severity: m[1] ?? "", id: m[2] ?? "", body: m[4] ?? "" };
  });
}

/** The rule sections of a page, in order, each with its files and findings. */
function sectionsOf(page: string): SectionView[] {
  const main = /<main id="report-findings">([\s\S]*)<\/main>/.exec(page)?.[1] ?? "";
  return main
    .split('\n<section class="rule ')
    .slice(1)
    .map((chunk) => {
      const m = /^worst-(\w+)" id="([^"]+)" data-rule="([^"]+)">/.exec(chunk);
      if (!m) throw new Error(`unexpected rule section: ${chunk.slice(0, 80)}`);
      const [head = "", ...fileChunks] = chunk.split('\n<section class="file">');
      const files = fileChunks.map((f) => ({ path: textOf(/<h3 class="path">([\s\S]*?) <span class="count">/.exec(f)?.[1] ?? ""), articles: articlesIn(f) }));
      return { worst: m[1] ?? "", id: m[2] ?? "", head, files };
    });
}

function articleOf(page: string, f: Finding): ArticleView {
  const found = articlesIn(page).filter((a) => a.id === `finding-${f.fingerprint}`);
  expect(found).toHaveLength(1);
  const a = found[0];
  if (!a) throw new Error("no article");
  return a;
}

interface Row {
  readonly line: number;
  readonly text: string;
  readonly marked: boolean;
  readonly markup: string;
}

function rowsOf(article: string): Row[] {
  return [...article.matchAll(/<span class="row( marked)?"><span class="ln">\s*(\d+)<\/span><span class="src">(.*?)<\/span><\/span>/g)].map((m) => ({
    marked: m[1] !== undefined,
    line: Number(m[2]),
    markup: m[3] ?? "",
    text: textOf(m[3] ?? ""),
  }));
}

const worstOf = (list: readonly Finding[]): Severity =>
  list.reduce<Severity>((w, f) => (SEVERITY_RANK[f.severity] > SEVERITY_RANK[w] ? f.severity : w), "note");

const count = (list: readonly Finding[], s: Severity): number => list.filter((f) => f.severity === s).length;

describe("the demo scan as HTML", () => {
  it("scans to a realistic set of findings", () => {
    expect(findings.length).toBeGreaterThan(20);
    expect(new Set(findings.map((f) => f.ruleId)).size).toBeGreaterThan(10);
    expect(count(findings, "error")).toBeGreaterThan(0);
    expect(count(findings, "warning")).toBeGreaterThan(0);
  });

  it("is one HTML5 document with charset, a strict CSP, inline style and at most one inline script", () => {
    expect(report.startsWith("<!DOCTYPE html>\n<html lang=\"en\">")).toBe(true);
    expect(report.trimEnd().endsWith("</html>")).toBe(true);
    expect(report).toContain('<meta charset="utf-8">');
    expect(report).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">`,
    );
    expect(report.match(/<style/g)).toEqual(["<style"]);
    expect(report).toContain("<style>");
    expect(report.match(/<script/g)).toEqual(["<script"]);
    expect(report).toContain("<script>\n(function () {");
    expect(report).toMatch(/@media \(prefers-color-scheme: dark\)/);
  });

  it("loads nothing from outside: the only URLs are the rules' documentation links", () => {
    for (const banned of [/<link\b/i, /<img\b/i, /<iframe\b/i, /<object\b/i, /<embed\b/i, /<script\s+src/i, /@import/i, /url\(/i, /\bsrcset=/i, /\bsrc=/i, /\baction=/i])
      expect(report).not.toMatch(banned);
    const docs = new Set(rules.map((r) => r.docsUrl));
    const hrefs = [...report.matchAll(/<(\w+)\b[^>]*?\bhref="([^"]*)"/g)].map((m) => ({ tag: m[1], href: m[2] ?? "" }));
    expect(hrefs.length).toBeGreaterThan(findings.length);
    for (const { tag, href } of hrefs) {
      expect(tag).toBe("a");
      if (!href.startsWith("#")) expect(docs.has(href), href).toBe(true);
    }
    // Every absolute URL anywhere in the page is a docs link (none in texts, styles or the script).
    const urls = [...report.matchAll(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]*/gi)].map((m) => m[0]);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(docs.has(url), url).toBe(true);
  });

  it("shows the header: title, root, version, generation time, severity badges, files scanned and skipped", () => {
    expect(report).toContain("<title>credlint report — demo</title>");
    expect(report).toContain('<h1>credlint report <span class="root">demo</span></h1>');
    expect(report).toContain(`credlint 0.1.0 · generated <time datetime="${GENERATED_AT}">2025-03-04 05:06:07 UTC</time>`);
    const badges = Object.fromEntries(
      [...report.matchAll(/<li class="badge (\w+)(?: zero)?"><span class="n">(\d+)<\/span> (\w+)<\/li>/g)].map((m) => [m[1], Number(m[2])]),
    );
    expect(badges).toEqual({ error: count(findings, "error"), warning: count(findings, "warning"), note: count(findings, "note") });
    expect(report).toContain(`<li class="badge note zero"><span class="n">0</span> notes</li>`);
    const files = new Set(findings.map((f) => f.path)).size;
    const fixable = findings.filter((f) => f.fix?.safety === "safe").length;
    expect(fixable).toBeGreaterThan(0);
    expect(textOf(/<p class="verdict error">([\s\S]*?)<\/p>/.exec(report)?.[1] ?? "")).toBe(
      `✖ ${findings.length} problems in ${files} files · ${fixable} problems can be fixed with credlint --fix`,
    );
    expect(demo.scan.stats.filesScanned).toBeGreaterThan(5);
    expect(report).toContain(`<p class="scanned">${demo.scan.stats.filesScanned} files scanned.</p>`);
    expect(report).not.toContain("Not shown:");
  });

  it("groups findings by rule, worst severity first, then by rule id", () => {
    const sections = sectionsOf(report);
    const byRule = new Map<string, Finding[]>();
    for (const f of findings) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
    const expected = [...byRule]
      .map(([id, list]) => ({ id, worst: worstOf(list) }))
      .sort((a, b) => SEVERITY_RANK[b.worst] - SEVERITY_RANK[a.worst] || (a.id < b.id ? -1 : 1));
    expect(sections.map((s) => [s.id, s.worst])).toEqual(expected.map((e) => [e.id, e.worst]));
    // Both kinds are there, so the order is really checked: the last error rule comes before the first warning-only rule.
    expect(sections[0]?.worst).toBe("error");
    expect(sections.at(-1)?.worst).toBe("warning");
    // A rule with findings of both severities is filed under its worst.
    const mixed = [...byRule].find(([, list]) => count(list, "error") > 0 && count(list, "warning") > 0);
    expect(mixed).toBeDefined();
    const mixedSection = sections.find((s) => s.id === mixed?.[0]);
    expect(mixedSection?.worst).toBe("error");
    expect(textOf(mixedSection?.head ?? "")).toContain(`${count(mixed?.[1] ?? [], "error")} error`);
    expect(textOf(mixedSection?.head ?? "")).toMatch(/\d+ warnings?/);
  });

  it("groups a rule's findings by file, in path then line order, one element per finding", () => {
    const sections = sectionsOf(report);
    let multiFile = 0;
    let total = 0;
    for (const section of sections) {
      const list = findings.filter((f) => f.ruleId === section.id);
      const paths = [...new Set(list.map((f) => f.path))].sort();
      expect(section.files.map((f) => f.path)).toEqual(paths);
      if (paths.length > 1) multiFile++;
      for (const file of section.files) {
        const inFile = list
          .filter((f) => f.path === file.path)
          .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column);
        expect(file.articles.map((a) => [a.id, a.severity])).toEqual(inFile.map((f) => [`finding-${f.fingerprint}`, f.severity]));
        total += file.articles.length;
      }
    }
    expect(multiFile).toBeGreaterThan(0);
    expect(total).toBe(findings.length);
    const ids = [...report.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("gives each rule its description and a link to its documentation", () => {
    for (const section of sectionsOf(report)) {
      const rule = rules.find((r) => r.id === section.id);
      if (!rule) throw new Error(`no descriptor for ${section.id}`);
      expect(section.head).toContain(`<p class="rule-desc">${escapeHtml(rule.description)}</p>`);
      expect(section.head).toContain(`<a href="${docsUrl(rule.id)}" rel="noopener noreferrer">Documentation for ${rule.id}</a>`);
      expect(report).toContain(`<li><a href="#${rule.id}">`);
    }
    expect(report).toContain('<a href="https://github.com/credlint/credlint/blob/main/docs/rules/invalid-region.md"');
  });

  it("shows each finding's position, severity, message, related locations and fixes", () => {
    const region = findings.find((f) => f.ruleId === "invalid-region" && f.snippet.lines.some((l) => l.includes("us-east1")));
    if (!region) throw new Error("the demo has a us-east1 region");
    const a = articleOf(report, region);
    expect(a.body).toContain(`<a class="loc" href="#finding-${region.fingerprint}" title="Link to this finding">${region.range.start.line}:${region.range.start.column}</a>`);
    expect(a.body).toContain('<span class="sev error">error</span>');
    expect(a.body).toContain(`<p class="message">${escapeHtml(region.message)}</p>`);
    expect(a.body).toContain("<mark>us-east1</mark>");

    const related = findings.find((f) => f.related.length > 0);
    const first = related?.related[0];
    if (!related || !first) throw new Error("the demo has related locations");
    expect(articleOf(report, related).body).toContain(
      `<li><span class="where">${escapeHtml(first.path)}:${first.range.start.line}:${first.range.start.column}</span> ${escapeHtml(first.message)}</li>`,
    );

    const safe = findings.filter((f) => f.fix?.safety === "safe");
    expect(report.match(/<span class="fixable"/g)).toHaveLength(safe.length);
    for (const f of safe) expect(articleOf(report, f).body).toContain(`<span class="tag">safe fix</span> ${escapeHtml(f.fix?.description ?? "")}`);
    const unsafe = findings.find((f) => f.fix?.safety === "unsafe");
    if (!unsafe) throw new Error("the demo has an unsafe fix");
    expect(articleOf(report, unsafe).body).toContain('<p class="fix unsafe"><span class="tag">suggestion</span>');
    expect(articleOf(report, unsafe).body).not.toContain('class="fixable"');
  });

  it("shows the same code frame as the text report: line numbers, the window of long lines, the marked span", () => {
    let cut = 0;
    for (const f of findings) {
      const text = formatText([f], demo.scan.stats, { color: false }).split("\n");
      const textRows = text.flatMap((l) => {
        const m = /^ {4}([> ]) +(\d+) \|(?: (.*))?$/.exec(l);
        return m ? [{ marked: m[1] === ">", line: Number(m[2]), text: m[3] ?? "" }] : [];
      });
      const rows = rowsOf(articleOf(report, f).body);
      expect(rows.map((r) => [r.line, r.marked, r.text]), f.fingerprint).toEqual(textRows.map((r) => [r.line, r.marked, r.text]));
      if (rows.some((r) => r.text.startsWith("…") || r.text.endsWith("…"))) cut++;
      // The <mark> starts where the carets start, and covers what they cover (less a trailing "…" they may underline).
      const carets = text.map((l) => /^ +\| ([\t ]*)(\^+)$/.exec(l)).find((m) => m !== null);
      const marked = rows.find((r) => r.marked);
      if (!marked || !carets) {
        expect(marked).toBeUndefined();
        continue;
      }
      const m = /^(.*?)<mark>(.*?)<\/mark>/.exec(marked.markup);
      if (!m) throw new Error(`no mark in ${f.fingerprint}`);
      expect([...textOf(m[1] ?? "")].length).toBe([...(carets[1] ?? "")].length);
      const lost = (carets[2] ?? "").length - [...textOf(m[2] ?? "")].length;
      expect(marked.text.endsWith("…") ? [0, 1] : [0]).toContain(lost);
    }
    expect(cut).toBeGreaterThan(0);
  });

  it("cuts a long line to a window around the finding", () => {
    const base = findings.find((f) => f.ruleId === "invalid-region");
    if (!base) throw new Error("no invalid-region finding");
    const line = `regions = [${Array.from({ length: 40 }, (_, i) => `"eu-west-${i}"`).join(", ")}, "us-east1", "eu-north-1", ${"\"x\", ".repeat(40)}]`;
    const column = line.indexOf("us-east1") + 1;
    const long: Finding = {
      ...base,
      range: { start: { line: 7, column }, end: { line: 7, column: column + "us-east1".length } },
      snippet: { startLine: 6, lines: ["[profile dev]", line, "output = json"] },
    };
    const rows = rowsOf(formatHtml([long], demo.scan.stats, options));
    expect(rows.map((r) => r.line)).toEqual([6, 7, 8]);
    const row = rows[1];
    if (!row) throw new Error("no row");
    expect(row.marked).toBe(true);
    expect(row.text.startsWith("…")).toBe(true);
    expect(row.text.endsWith("…")).toBe(true);
    expect(row.text.length).toBe(122);
    expect(row.markup).toContain("<mark>us-east1</mark>");
    // 20 characters of context before the finding, as in the text report.
    expect(row.text.indexOf("us-east1")).toBe(21);
  });
});

/** Every secret the detectors find in the demo fixture: the values that must never be shown. */
const secrets = secretsUnder([DEMO]);

/** Where a page shows part of a secret, named without the secret: "AKIA… piece 3". */
function leaks(page: string): string[] {
  return secrets.flatMap((s) => secretPieces(s).flatMap((p, i) => (page.includes(p) ? [`${s.slice(0, 4)}… piece ${i}`] : [])));
}

describe("masking", () => {
  it("shows no secret of the demo, whole or in part", () => {
    expect(secrets.length).toBeGreaterThan(5);
    expect(leaks(report)).toEqual([]);
  });

  it("keeps a masked snippet masked", () => {
    const key = findings.find((f) => f.ruleId === "hardcoded-aws-key" && f.snippet.lines.some((l) => /AKIA\*{16}/.test(l)));
    if (!key) throw new Error("the demo has a hard-coded AWS key");
    const body = articleOf(report, key).body;
    expect(body).toMatch(/AKIA\*{16}/);
    const real = [...readFileSync(path.join(DEMO, ".aws", "credentials"), "utf8").matchAll(/AKIA[A-Z2-7]{16}/g)].map((m) => m[0]);
    expect(real.length).toBeGreaterThan(0);
    for (const k of real) expect(report.includes(k), "a full access key id is in the page").toBe(false);
  });

  it("lists no suppressed finding, and counts them in the summary", () => {
    const dir = tempRepo(
      {
        ".aws/config": "[default]\n# credlint-disable-next-line invalid-region -- LocalStack's region\nregion = us-east1\n\n[profile dev]\nregion = eu-west-9\n",
      },
      { git: true },
    );
    writeBaselines({ cwd: dir }, false);
    appendFileSync(path.join(dir, ".aws/config"), "\n[profile qa]\nregion = us-central1\n");
    const r = lint({ cwd: dir });
    expect(r.reported.map((f) => f.ruleId)).toEqual(["invalid-region"]);
    expect(r.suppressed).toHaveLength(2);
    const page = formatHtml(r.reported, r.scan.stats, { ...options, suppressed: r.suppressed, baselines: r.baselines });
    expect(page).toContain(
      '<p class="not-shown">Not shown: 1 suppressed inline, 1 in the baseline (.credlint-baseline.json; --no-baseline shows them).</p>',
    );
    expect(page).toContain(`Not shown: ${escapeHtml(suppressedSummary(r.suppressed, r.baselines))}.`);
    expect(articlesIn(page).map((a) => a.id)).toEqual(r.reported.map((f) => `finding-${f.fingerprint}`));
    expect(page).toContain("us-central1");
    expect(page).not.toContain("us-east1");
    expect(page).not.toContain("eu-west-9");
  });
});

describe("escaping", () => {
  const base = findings.find((f) => f.related.length > 0);
  if (!base) throw new Error("the demo has a finding with a related location");
  const evil: Finding = {
    ...base,
    ruleId: "invalid-region",
    path: `src/<script>alert("path")</script>.js`,
    message: `Bad <img src=x onerror=alert(1)> & "double" 'single' \u001b[31mred\u001b[0m \u202eevil`,
    related: [{ path: "a/<b>.ini", range: base.range, message: "</li><script>alert(2)</script>" }],
    fix: { description: "<i>fix</i>", safety: "safe", edits: [] },
    range: { start: { line: 2, column: 5 }, end: { line: 2, column: 12 } },
    snippet: { startLine: 1, lines: ["</code></pre><script>alert(document.cookie)</script>", "k = <svg onload=alert(3)>", "x = AKIA****************"] },
    fingerprint: `"><script>alert(4)</script>`,
  };
  const hostileRules: HtmlRule[] = [
    { id: "invalid-region", name: `<b onmouseover="alert(5)">Region</b>`, description: "Report <script>alert(6)</script> & co", docsUrl: "javascript:alert(7)" },
  ];
  const page = formatHtml([evil], demo.scan.stats, { ...options, rules: hostileRules, root: `<script>alert(8)</script>` });

  it("escapes every text from the repository or the rules", () => {
    expect(page.match(/<script/g)).toEqual(["<script"]);
    for (const raw of ["<img", "<svg", "<b>", "<b ", "<i>", "alert(1)>", "</li><script", `"double"`, `'single'`]) expect(page).not.toContain(raw);
    expect(page).toContain("src/&lt;script&gt;alert(&quot;path&quot;)&lt;/script&gt;.js");
    expect(page).toContain("Bad &lt;img src=x onerror=alert(1)&gt; &amp; &quot;double&quot; &#39;single&#39;");
    expect(page).toContain("a/&lt;b&gt;.ini");
    expect(page).toContain("&lt;/li&gt;&lt;script&gt;alert(2)&lt;/script&gt;");
    expect(page).toContain("&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;alert(document.cookie)&lt;/script&gt;");
    expect(page).toContain("&lt;i&gt;fix&lt;/i&gt;");
    expect(page).toContain("&lt;b onmouseover=&quot;alert(5)&quot;&gt;Region&lt;/b&gt;");
    expect(page).toContain("Report &lt;script&gt;alert(6)&lt;/script&gt; &amp; co");
    expect(page).toContain("<title>credlint report — &lt;script&gt;alert(8)&lt;/script&gt;</title>");
    // The structure is intact: one finding, its frame's three rows, the flagged span of line 2 marked.
    expect(articlesIn(page)).toHaveLength(1);
    const rows = rowsOf(page);
    expect(rows.map((r) => r.text)).toEqual(evil.snippet.lines);
    expect(rows[1]?.markup).toBe("k = <mark>&lt;svg on</mark>load=alert(3)&gt;");
    expect(rows[2]?.text).toBe("x = AKIA****************");
  });

  it("keeps ids and attributes inside their quotes", () => {
    const id = /<article class="finding \w+" id="([^"]*)"/.exec(page)?.[1];
    expect(id).toBe("finding-___script_alert_4___script_");
    expect(page).toContain(`href="#finding-___script_alert_4___script_"`);
    for (const m of page.matchAll(/<[a-z][^<>]*>/g)) expect(m[0], m[0]).not.toMatch(/\son[a-z]+=/);
  });

  it("links to http(s) documentation only", () => {
    expect(page).not.toContain("javascript:");
    expect(page).not.toContain("Documentation for");
  });

  it("shows control and bidi characters as visible stand-ins, as the text report does", () => {
    expect(page).not.toContain("\u001b");
    expect(page).not.toContain("\u202e");
    expect(page).toContain("\u241b[31mred\u241b[0m \ufffdevil");
  });
});

describe("edge cases", () => {
  it("says No problems found, with the counts, for a clean scan", () => {
    const dir = tempRepo({ ".aws/config": "[default]\nregion = eu-west-1\n", "logo.png": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]) });
    const r = lint({ cwd: dir });
    expect(r.reported).toEqual([]);
    const page = formatHtml(r.reported, r.scan.stats, { ...options, root: path.basename(dir) });
    expect(page).toContain('<p class="verdict ok">✔ No problems found.</p>');
    for (const [s, word] of [["error", "errors"], ["warning", "warnings"], ["note", "notes"]])
      expect(page).toContain(`<li class="badge ${s} zero"><span class="n">0</span> ${word}</li>`);
    expect(page).toContain('<p class="scanned">1 file scanned; skipped 1 binary.</p>');
    expect(page).toContain(`<span class="root">${path.basename(dir)}</span>`);
    expect(page).not.toContain("<section");
    expect(page).not.toContain("<article");
    expect(page).not.toContain("<script");
    expect(page).not.toContain('id="report-filters"');
  });

  it("shows a rule's name when it has one, and a section without docs for an unknown rule", () => {
    const region = findings.filter((f) => f.ruleId === "invalid-region");
    const named = formatHtml(region, demo.scan.stats, {
      ...options,
      rules: rules.map((r) => (r.id === "invalid-region" ? { ...r, name: "Invalid AWS region" } : r)),
    });
    expect(named).toMatch(/<h2><a class="anchor" href="#invalid-region" aria-hidden="true">#<\/a>Invalid AWS region <code class="rule-id">invalid-region<\/code><\/h2>/);
    const orphan = formatHtml(region, demo.scan.stats, { ...options, rules: [] });
    expect(sectionsOf(orphan).map((s) => s.id)).toEqual(["invalid-region"]);
    expect(orphan).not.toContain(`class="rule-desc"`);
    expect(orphan).not.toContain("Documentation for");
    expect(articlesIn(orphan)).toHaveLength(region.length);
  });

  it("gives findings with the same fingerprint distinct ids", () => {
    const f = findings[0];
    if (!f) throw new Error("no finding");
    const twin: Finding = { ...f, range: { start: { line: f.range.start.line, column: f.range.start.column + 1 }, end: f.range.end } };
    const ids = articlesIn(formatHtml([f, twin], demo.scan.stats, options)).map((a) => a.id);
    expect(ids).toEqual([`finding-${f.fingerprint}`, `finding-${f.fingerprint}-2`]);
  });

  it("leaves the filters hidden for a browser without JavaScript", () => {
    expect(report).toMatch(/<div class="filters" id="report-filters" hidden>/);
    expect(report).toContain('<option value="invalid-region">invalid-region</option>');
  });
});

describe("determinism", () => {
  it("gives the same bytes for the same scan, in any input order", () => {
    const again = lint({ cwd: ROOT, paths: ["fixtures/demo"] });
    expect(formatHtml(again.reported, again.scan.stats, options)).toBe(report);
    const shuffled = [...findings].reverse();
    shuffled.push(...shuffled.splice(0, 7));
    expect(formatHtml(shuffled, demo.scan.stats, options)).toBe(report);
  });

  it("differs only in the time for another generation time", () => {
    const later = formatHtml(findings, demo.scan.stats, { ...options, generatedAt: "2026-01-01T00:00:00.000Z" });
    expect(later).not.toBe(report);
    expect(later.replace('datetime="2026-01-01T00:00:00.000Z">2026-01-01 00:00:00 UTC', `datetime="${GENERATED_AT}">2025-03-04 05:06:07 UTC`)).toBe(report);
  });
});
