/**
 * "Same finding everywhere", beyond JS/TS: every fixture repository of the rules is copied into a git
 * repository of its own, scanned by the CLI (`--format json`) and linted by ESLint with the committed plugin
 * bundle's `configs["all-files"]` — AWS config files, env files, CI YAML, Dockerfiles and shell scripts go
 * through the credlint languages. For every such file both must report the same findings (rule, range,
 * message), cross-file ones included (the plugin reads the files they link to from disk), and `eslint --fix`
 * must leave the file as `credlint --fix` does.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ESLint, type Linter } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/generate.js";
import { cli, git } from "../support/cli.js";
import { eslintLine, filesUnder, findingLine, type CliFinding } from "../support/findings.js";

type Plugin = { configs: { "all-files": Linter.Config[] } };
let plugin: Plugin;

beforeAll(async () => {
  plugin = ((await import(pathToFileURL(path.join(ROOT, "dist/eslint-plugin.mjs")).href)) as { default: Plugin }).default;
});

/** The files of `dir` that ESLint, under the all-files config, reads with a credlint language. */
async function languageFiles(dir: string): Promise<string[]> {
  const eslint = eslintFor(dir);
  const out: string[] = [];
  for (const f of repoFiles(dir)) {
    if (f.startsWith(".git/")) continue;
    const config = (await eslint.calculateConfigForFile(f)) as { language?: unknown } | undefined;
    if (typeof config?.language === "object" && config.language !== null && String((config.language as { meta?: { name?: string } }).meta?.name).startsWith("credlint/")) out.push(f);
  }
  return out;
}

/** The files of a repository, relative to it, `/`-separated. */
function repoFiles(dir: string): string[] {
  return filesUnder(dir).map((abs) => path.relative(dir, abs).split(path.sep).join("/"));
}

/** The fixture repositories: folders with files directly under a rule's folder. */
function fixtureRepos(): string[] {
  const out: string[] = [];
  for (const rule of readdirSync(path.join(ROOT, "fixtures"))) {
    if (rule === "config" || rule === "demo") continue;
    const dir = path.join(ROOT, "fixtures", rule);
    if (!statSync(dir).isDirectory()) continue;
    for (const name of readdirSync(dir)) if (statSync(path.join(dir, name)).isDirectory()) out.push(path.join("fixtures", rule, name));
  }
  return [...out, "fixtures/demo"].sort();
}

function copyToRepo(fixture: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "credlint-lang-"));
  cpSync(path.join(ROOT, fixture), dir, { recursive: true });
  git(dir, "init", "-q");
  return dir;
}

function eslintFor(dir: string, fix = false): ESLint {
  return new ESLint({ cwd: dir, overrideConfigFile: true, ignore: false, fix, overrideConfig: plugin.configs["all-files"] });
}

/**
 * What the editor is meant to see. region-mismatch's one-sided clause ("sets AWS_REGION but not AWS_DEFAULT_REGION,
 * and `python tools/report.py` runs here") asks which SDK code the repository has: the editor does not read the
 * repository's code for it (a keystroke in a workflow would read every source file), so it is CLI-only (README).
 * So is oidc-trust-policy's check of a workflow job against the trust policy of the role it assumes.
 */
function editorSees(line: string): boolean {
  if (line.startsWith("region-mismatch ") && line.includes(" runs here")) return false;
  // oidc-trust-policy's workflow side (a job that assumes a role whose trust policy rejects it) asks which
  // roles the repository's Terraform and templates define: CLI-only as well (README).
  return !(line.startsWith("oidc-trust-policy ") && / assumes role | requests an OIDC token for audience | authenticates through workload identity provider /.test(line));
}

describe("the credlint languages report what the CLI reports", () => {
  it("on every fixture repository, file by file", async () => {
    let compared = 0;
    const kinds = new Set<string>();
    for (const fixture of fixtureRepos()) {
      const dir = copyToRepo(fixture);
      const files = await languageFiles(dir);
      if (files.length === 0) continue;
      const r = cli(["--format", "json"], dir);
      expect(r.code === 0 || r.code === 1, `${fixture}: ${r.stderr}`).toBe(true);
      const json = JSON.parse(r.stdout) as { findings: CliFinding[] };
      const results = await eslintFor(dir).lintFiles(files);
      for (const res of results) {
        const rel = path.relative(dir, res.filePath).split(path.sep).join("/");
        const viaEslint = res.messages.map(eslintLine).filter(editorSees).sort();
        const viaCli = json.findings.filter((f) => f.path === rel).map(findingLine).filter(editorSees).sort();
        expect(viaEslint, `${fixture}/${rel}`).toEqual(viaCli);
        compared++;
        kinds.add(path.basename(rel).replace(/^.*\.(ya?ml)$/, "yaml"));
      }
    }
    // What the comparison covered, said outright: the kinds, and enough files.
    expect(compared).toBeGreaterThan(60);
    for (const k of ["config", "credentials", ".env", "yaml", "Dockerfile"]) expect([...kinds], k).toContain(k);
  }, 240_000);

  it("sees cross-file findings: a profile named in a workflow and an env file, defined nowhere", async () => {
    const dir = copyToRepo("fixtures/demo");
    const r = cli(["--format", "json"], dir);
    const cross = (JSON.parse(r.stdout) as { findings: CliFinding[] }).findings.filter((f) => f.ruleId === "profile-reference");
    expect(cross.length).toBeGreaterThan(0);
    const results = await eslintFor(dir).lintFiles([...new Set(cross.map((f) => f.path))]);
    const eslintCross = results.flatMap((res) => res.messages.filter((m) => m.ruleId === "credlint/profile-reference"));
    expect(eslintCross.length).toBe(cross.length);
  });

  it("honours the config file, directives and the baseline as the CLI does", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "credlint-lang-config-"));
    const write = (rel: string, text: string): void => {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    };
    write("credlint.config.json", `{ "rules": { "region-mismatch": "off", "invalid-region": "warning" }, "ignore": ["legacy/"] }\n`);
    write(".env", "# credlint-disable-next-line credential-key-name -- read by our own loader\naws_region=eu-west-1\nAWS_REGION=us-east1\nAWS_DEFAULT_REGION=eu-west-1\n");
    write("legacy/.env", "AWS_REGION=us-east1\n");
    write("infra/.aws/config", "[default]\nregion = eu-west-1a\n");
    git(dir, "init", "-q");
    // The .aws/config finding goes into the baseline; the others stay open.
    cli(["baseline", "infra"], dir);
    const viaCli = (JSON.parse(cli(["--format", "json"], dir).stdout) as { findings: CliFinding[] }).findings.map((f) => `${f.path} ${findingLine(f)}`).sort();
    const results = await eslintFor(dir).lintFiles([".env", "legacy/.env", "infra/.aws/config"]);
    const viaEslint = results
      .flatMap((r) => r.messages.map((m) => `${path.relative(dir, r.filePath)} ${eslintLine(m)}`))
      .sort();
    expect(viaEslint).toEqual(viaCli);
    // What that rests on: one open finding (the level is ESLint's to set, the finding is the config's to allow).
    expect(viaCli.map((l) => l.split(" ").slice(0, 2).join(" "))).toEqual([".env invalid-region"]);
  });

  it("fixes with eslint --fix what credlint --fix fixes, and nothing else", async () => {
    let fixedFiles = 0;
    for (const fixture of fixtureRepos()) {
      const viaEslint = copyToRepo(fixture);
      const files = await languageFiles(viaEslint);
      if (files.length === 0) continue;
      const json = JSON.parse(cli(["--format", "json"], viaEslint).stdout) as { findings: CliFinding[] };
      if (!json.findings.some((f) => f.fix?.safety === "safe" && files.includes(f.path))) continue;
      const viaCli = copyToRepo(fixture);
      cli(["--fix"], viaCli);
      await ESLint.outputFixes(await eslintFor(viaEslint, true).lintFiles(files));
      for (const f of files) {
        expect(readFileSync(path.join(viaEslint, f), "utf8"), `${fixture}/${f}`).toBe(readFileSync(path.join(viaCli, f), "utf8"));
        if (readFileSync(path.join(viaCli, f), "utf8") !== readFileSync(path.join(ROOT, fixture, f), "utf8")) fixedFiles++;
      }
    }
    expect(fixedFiles).toBeGreaterThan(3);
  }, 240_000);
});
