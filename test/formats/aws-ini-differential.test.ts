/**
 * Differential tests: on well-formed, realistic AWS config/credentials files the JS-SDK reading produced by
 * `parseAwsIni` must agree with the `ini` npm package, an independent INI reader.
 *
 * Deliberate differences (the two readers really do differ there, and `ini` is not what the SDK uses):
 * - `ini` has no nested blocks: `s3 =` is an empty string and the indented `addressing_style = path` below it a
 *   plain key, where the JS SDK reads a sub-section and flattens the child to `s3.addressing_style`. The
 *   comparison maps our reading back (`s3` → "", `s3.addressing_style` → `addressing_style`).
 * - `ini` turns `true` / `false` / `null` into booleans / null; the comparison stringifies them.
 * - `ini` cuts a value at any `#` or `;`, the JS SDK only at one preceded by whitespace: the SSO start URL
 *   `https://…/start#/` loses its `#/` in `ini` (listed in KNOWN_CUTS and asserted explicitly).
 * - Sections the JS SDK discards (e.g. a config-file section without the `profile ` prefix) are not compared.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import ini from "ini";
import { describe, expect, it } from "vitest";
import { parseAwsIni } from "../../src/formats/aws-ini.js";
import type { AwsIniFileKind, IniDocument } from "../../src/model/aws-ini.js";
import { makeSourceFile } from "../../src/model/source.js";

const CASES_DIR = join(import.meta.dirname, "ini-cases");

/** Values `ini` truncates at a `#` that the JS SDK keeps: `file/section/key`. */
const KNOWN_CUTS = new Set(["config-sso.ini/sso-session acme/sso_start_url"]);

type View = Record<string, Record<string, string>>;

function parse(name: string, text: string): IniDocument {
  const kind: AwsIniFileKind = name.startsWith("config") ? "config" : "credentials";
  return parseAwsIni(makeSourceFile(name, kind === "config" ? "aws-config" : "aws-credentials", text), kind);
}

/** Our JS-SDK reading, keyed by section header text as `ini` keys it, with the nested blocks flattened back. */
function jsSdkView(doc: IniDocument): View {
  const view: View = {};
  for (const section of doc.sections) {
    if (section.readings.js.kind === "ignored") continue;
    const values: Record<string, string> = view[section.inner.trim()] ?? {};
    for (const entry of section.entries) {
      const r = entry.readings.js;
      if (r.key === null) continue;
      values[r.key] = r.value ?? ""; // a sub-section start is an empty value for `ini`
      for (const child of entry.children) {
        const c = child.readings.js;
        if (c.key === null || c.value === null) continue;
        expect(c.key.startsWith(`${r.key}.`)).toBe(true);
        values[c.key.slice(r.key.length + 1)] = c.value;
      }
    }
    view[section.inner.trim()] = values;
  }
  return view;
}

function iniView(text: string): View {
  const parsed: unknown = ini.parse(text);
  const view: View = {};
  if (typeof parsed !== "object" || parsed === null) return view;
  for (const [section, body] of Object.entries(parsed)) {
    if (typeof body !== "object" || body === null) continue;
    view[section] = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v)]));
  }
  return view;
}

const files = readdirSync(CASES_DIR)
  .filter((f) => f.endsWith(".ini"))
  .sort();

describe("parseAwsIni vs the ini package (JS-SDK reading)", () => {
  it("has at least six realistic files", () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
  });

  for (const name of files) {
    const text = readFileSync(join(CASES_DIR, name), "utf8");

    it(`${name}: reads without bad lines or orphans`, () => {
      const doc = parse(name, text);
      expect(doc.badLines).toEqual([]);
      expect(doc.orphanEntries).toEqual([]);
      expect(doc.sections.length).toBeGreaterThan(0);
    });

    it(`${name}: every section and key the JS SDK reads agrees with ini.parse`, () => {
      const ours = jsSdkView(parse(name, text));
      const theirs = iniView(text);
      expect(Object.keys(ours).length).toBeGreaterThan(0);
      for (const [section, values] of Object.entries(ours)) {
        const other = theirs[section];
        expect(other, `section [${section}]`).toBeDefined();
        for (const [key, value] of Object.entries(values)) {
          if (KNOWN_CUTS.has(`${name}/${section}/${key}`)) {
            expect(value).toContain("#");
            expect(other?.[key]).toBe(value.slice(0, value.indexOf("#")));
          } else {
            expect(other?.[key], `[${section}] ${key}`).toBe(value);
          }
        }
        expect(Object.keys(other ?? {}).sort()).toEqual(Object.keys(values).sort());
      }
    });

    it(`${name}: CRLF line endings give the same readings`, () => {
      const lf = parse(name, text);
      const crlf = parse(name, text.replace(/\n/g, "\r\n"));
      expect(jsSdkView(crlf)).toEqual(jsSdkView(lf));
      const readings = (d: IniDocument): unknown =>
        d.sections.map((s) => [s.readings, s.entries.map((e) => [e.readings, e.children.map((c) => c.readings)])]);
      expect(readings(crlf)).toEqual(readings(lf));
    });
  }

  it("the KNOWN_CUTS exception is really exercised", () => {
    const text = readFileSync(join(CASES_DIR, "config-sso.ini"), "utf8");
    expect(iniView(text)["sso-session acme"]?.["sso_start_url"]).toBe("https://d-90670a1b2c.awsapps.com/start");
    expect(jsSdkView(parse("config-sso.ini", text))["sso-session acme"]?.["sso_start_url"]).toBe(
      "https://d-90670a1b2c.awsapps.com/start#/",
    );
  });

  it("the nested-block difference is really exercised", () => {
    const text = readFileSync(join(CASES_DIR, "config-services.ini"), "utf8");
    const doc = parse("config-services.ini", text);
    const s3 = doc.sections[0]?.entries.find((e) => e.key.text === "s3");
    expect(s3?.readings.js).toEqual({ key: "s3", value: null });
    expect(s3?.children.map((c) => c.readings.js)).toEqual([
      { key: "s3.addressing_style", value: "path" },
      { key: "s3.signature_version", value: "s3v4" },
    ]);
    expect(iniView(text)["default"]).toMatchObject({ s3: "", addressing_style: "path", signature_version: "s3v4" });
  });
});
