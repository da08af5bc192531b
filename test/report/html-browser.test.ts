/**
 * The HTML report of the demo scan, opened by a real browser: headless Chromium loads the file (under the
 * page's own Content-Security-Policy), runs its inline script, and dumps the DOM it built. Without a
 * chromium binary the test is skipped on a developer machine and fails in CI (.ci/run installs it).
 */
import { execFileSync } from "node:child_process";
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { lint } from "../../src/lint/lint.js";
import { docsUrl } from "../../src/model/rule.js";
import { formatHtml } from "../../src/report/html.js";
import { ROOT } from "../../scripts/generate.js";
import { secretsUnder } from "../support/findings.js";

/** The first of the names that is an executable file on the PATH. */
function onPath(names: readonly string[]): string | undefined {
  const dirs = (process.env.PATH ?? "").split(path.delimiter).filter((d) => d !== "");
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = path.join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

const chromium = onPath(["chromium", "chromium-browser"]);
// .ci/run sets CREDLINT_E2E for its first test run (as for the pre-commit end-to-end test) and installs chromium.
const inCi = process.env.CREDLINT_E2E === "1" || (process.env.CI !== undefined && process.env.CI !== "" && process.env.CI !== "false");
const BROWSER_TIMEOUT_MS = 60_000;

/** Text as it is in a serialised DOM (text nodes escape only &, < and >). */
function domText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

describe("the HTML report in headless Chromium", () => {
  const work = mkdtempSync(path.join(tmpdir(), "credlint-html-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it.skipIf(chromium === undefined && !inCi)(
    "renders the demo scan's findings, counts and filters",
    () => {
      if (chromium === undefined) {
        throw new Error("CREDLINT_E2E or CI is set but no chromium or chromium-browser is on the PATH: .ci/run installs it with apt-get (apt-get install chromium).");
      }
      const demo = lint({ cwd: ROOT, paths: ["fixtures/demo"] });
      const rules = demo.descriptors.map((d) => ({ id: d.id, description: d.description, docsUrl: docsUrl(d.id) }));
      const page = formatHtml(demo.reported, demo.scan.stats, { toolVersion: "0.1.0", rules, generatedAt: "2025-03-04T05:06:07.000Z", root: "demo" });
      const file = path.join(work, "credlint-report.html");
      writeFileSync(file, page);

      const dom = execFileSync(
        chromium,
        ["--headless", "--no-sandbox", "--disable-gpu", `--user-data-dir=${path.join(work, "profile")}`, "--dump-dom", pathToFileURL(file).href],
        { encoding: "utf8", timeout: BROWSER_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] },
      );

      // The browser parsed the whole page: every rule section and every finding is in its DOM.
      const ruleIds = [...new Set(demo.reported.map((f) => f.ruleId))];
      expect(ruleIds.length).toBeGreaterThan(10);
      for (const id of ruleIds) expect(dom).toMatch(new RegExp(`<section class="rule worst-\\w+" id="${id}" data-rule="${id}">`));
      expect(dom.match(/<article class="finding /g)).toHaveLength(demo.reported.length);
      expect(dom).toContain("</html>");
      // A known message of the demo, and its flagged span.
      const region = demo.reported.find((f) => f.ruleId === "invalid-region" && f.message.includes("us-east1"));
      if (!region) throw new Error("the demo has a us-east1 region");
      expect(dom).toContain(domText(region.message));
      expect(dom).toContain("<mark>us-east1</mark>");
      // The counts.
      const errors = demo.reported.filter((f) => f.severity === "error").length;
      const warnings = demo.reported.filter((f) => f.severity === "warning").length;
      expect(dom).toContain(`<li class="badge error"><span class="n">${errors}</span> errors</li>`);
      expect(dom).toContain(`<li class="badge warning"><span class="n">${warnings}</span> warnings</li>`);
      expect(dom).toContain(`<p class="scanned">${demo.scan.stats.filesScanned} files scanned.</p>`);
      // The inline script ran under the page's CSP: it revealed the filter bar it keeps hidden without JavaScript.
      expect(page).toContain('<div class="filters" id="report-filters" hidden>');
      expect(dom).toContain('<div class="filters" id="report-filters">');
      // Nothing the browser shows holds a secret of the demo.
      const secrets = secretsUnder([path.join(ROOT, "fixtures", "demo")]);
      expect(secrets.length).toBeGreaterThan(5);
      expect(secrets.filter((s) => dom.includes(s)).map((s) => `${s.slice(0, 4)}…`)).toEqual([]);
    },
    BROWSER_TIMEOUT_MS + 30_000,
  );
});
