import { describe, expect, it } from "vitest";
import { parseAwsIni, shlexSplit } from "../../src/formats/aws-ini.js";
import type { AwsIniFileKind, IniDocument, IniEntry, IniSection, SectionReading } from "../../src/model/aws-ini.js";
import type { Located, Sdk, SdkReading } from "../../src/model/setting.js";
import type { Range } from "../../src/model/source.js";
import { makeSourceFile, sliceRange } from "../../src/model/source.js";

// -------------------------------------------------------------------------------------------------------------
// Helpers

function parse(text: string, kind: AwsIniFileKind = "config"): IniDocument {
  return parseAwsIni(makeSourceFile(`.aws/${kind}`, kind === "config" ? "aws-config" : "aws-credentials", text), kind);
}

function range(line: number, column: number, endLine: number, endColumn: number): Range {
  return { start: { line, column }, end: { line: endLine, column: endColumn } };
}

function section(doc: IniDocument, inner: string): IniSection {
  const found = doc.sections.find((s) => s.inner === inner);
  if (found === undefined) throw new Error(`no section [${inner}] in ${JSON.stringify(doc.sections.map((s) => s.inner))}`);
  return found;
}

function entry(doc: IniDocument, key: string): IniEntry {
  const all = [...doc.orphanEntries, ...doc.sections.flatMap((s) => s.entries)];
  const found = all.flatMap((e) => [e, ...e.children]).find((e) => e.key.text === key);
  if (found === undefined) throw new Error(`no entry ${key}`);
  return found;
}

/** An expected section reading; for `ignored`, a pattern the `why` must match. */
type ExpectedSection = Exclude<SectionReading, { kind: "ignored" }> | { kind: "ignored"; why: RegExp };

function expectSection(actual: SectionReading, expected: ExpectedSection, label: string): void {
  if (expected.kind === "ignored") {
    expect(actual.kind, label).toBe("ignored");
    if (actual.kind === "ignored") expect(actual.why, label).toMatch(expected.why);
  } else {
    expect(actual, label).toEqual(expected);
  }
}

const SDK_LIST: readonly Sdk[] = ["botocore", "js", "go"];
const NONE: SdkReading = { key: null, value: null };
const kv = (key: string, value: string | null): SdkReading => ({ key, value });

// -------------------------------------------------------------------------------------------------------------
// §1.2 section headers — one case (at least) per row of the table

interface HeaderCase {
  readonly row: string;
  readonly kind: AwsIniFileKind;
  readonly text: string;
  readonly inner: string;
  readonly expected: Readonly<Record<Sdk, ExpectedSection>>;
  /** Readings of the section's first entry, when the row says something about its keys. */
  readonly firstEntry?: Readonly<Record<Sdk, SdkReading>>;
}

const REGION = kv("region", "us-east-1");
const HEADER_CASES: readonly HeaderCase[] = [
  {
    row: "config file [dev] (missing `profile `)",
    kind: "config",
    text: "[dev]\nregion = us-east-1\n",
    inner: "dev",
    expected: {
      botocore: { kind: "ignored", why: /needs the `profile ` prefix/ },
      js: { kind: "ignored", why: /needs the `profile ` prefix/ },
      go: { kind: "ignored", why: /non-default profile needs the `profile ` prefix/ },
    },
    // parsed by all three, then dropped with the section
    firstEntry: { botocore: REGION, js: REGION, go: REGION },
  },
  {
    row: "credentials file [profile dev]",
    kind: "credentials",
    text: "[profile dev]\nregion = us-east-1\n",
    inner: "profile dev",
    expected: {
      botocore: { kind: "profile", name: "profile dev" },
      // parseIni stores it as `profile.dev`; the credentials file is not filtered by getConfigData
      js: { kind: "profile", name: "profile.dev" },
      go: { kind: "ignored", why: /`profile ` prefix is invalid in the credentials file/ },
    },
    firstEntry: { botocore: REGION, js: REGION, go: REGION },
  },
  {
    row: "config has both [default] and [profile default] (1/2)",
    kind: "config",
    text: "[default]\nregion = us-east-1\n[profile default]\nregion = eu-west-1\n",
    inner: "default",
    expected: {
      botocore: { kind: "profile", name: "default" },
      js: { kind: "profile", name: "default" },
      go: { kind: "profile", name: "default" },
    },
  },
  {
    row: "config has both [default] and [profile default] (2/2)",
    kind: "config",
    text: "[default]\nregion = us-east-1\n[profile default]\nregion = eu-west-1\n",
    inner: "profile default",
    expected: {
      botocore: { kind: "profile", name: "default" },
      js: { kind: "profile", name: "default" },
      go: { kind: "profile", name: "default" },
    },
  },
  {
    row: "[Profile dev] (case) in config",
    kind: "config",
    text: "[Profile dev]\nregion = us-east-1\n",
    inner: "Profile dev",
    expected: {
      botocore: { kind: "ignored", why: /case-sensitive/ },
      js: { kind: "ignored", why: /dropped with all its keys.*`Profile` is not a section type/ },
      go: { kind: "ignored", why: /`profile ` prefix/ },
    },
    // the JS SDK discards the keys while parsing (currentSection stays undefined)
    firstEntry: { botocore: REGION, js: NONE, go: REGION },
  },
  {
    row: "[PROFILE dev] (case) in config",
    kind: "config",
    text: "[PROFILE dev]\nregion = us-east-1\n",
    inner: "PROFILE dev",
    expected: {
      botocore: { kind: "ignored", why: /case-sensitive/ },
      js: { kind: "ignored", why: /`PROFILE` is not a section type/ },
      go: { kind: "ignored", why: /`profile ` prefix/ },
    },
    firstEntry: { botocore: REGION, js: NONE, go: REGION },
  },
  {
    row: "[Profile dev] (case) in credentials",
    kind: "credentials",
    text: "[Profile dev]\nregion = us-east-1\n",
    inner: "Profile dev",
    expected: {
      botocore: { kind: "profile", name: "Profile dev" },
      js: { kind: "ignored", why: /dropped with all its keys/ },
      go: { kind: "profile", name: "Profile dev" },
    },
    firstEntry: { botocore: REGION, js: NONE, go: REGION },
  },
  {
    row: "two-word section name in the credentials file",
    kind: "credentials",
    text: "[my creds]\nregion = us-east-1\n",
    inner: "my creds",
    expected: {
      botocore: { kind: "profile", name: "my creds" },
      js: { kind: "ignored", why: /dropped with all its keys.*`my` is not a type it knows/ },
      go: { kind: "profile", name: "my creds" },
    },
    firstEntry: { botocore: REGION, js: NONE, go: REGION },
  },
  {
    row: "two-word credentials section with a run of blanks (Go joins type and name with one space)",
    kind: "credentials",
    text: "[my \t creds]\nregion = us-east-1\n",
    inner: "my \t creds",
    expected: {
      botocore: { kind: "profile", name: "my \t creds" },
      // the regex needs exactly one \s, so this is not read as `type name`: the name is kept verbatim
      js: { kind: "profile", name: "my \t creds" },
      go: { kind: "profile", name: "my creds" },
    },
  },
  {
    row: "[ profile dev ] (spaces inside brackets)",
    kind: "config",
    text: "[ profile dev ]\nregion = us-east-1\n",
    inner: " profile dev ",
    expected: {
      botocore: { kind: "ignored", why: /spaces inside the brackets are kept/ },
      js: { kind: "ignored", why: /spaces inside the brackets are kept/ },
      go: { kind: "profile", name: "dev" },
    },
  },
  {
    row: "[profile  dev] (two spaces)",
    kind: "config",
    text: "[profile  dev]\nregion = us-east-1\n",
    inner: "profile  dev",
    expected: {
      botocore: { kind: "profile", name: "dev" },
      js: { kind: "ignored", why: /exactly one space after `profile`/ },
      go: { kind: "profile", name: "dev" },
    },
  },
  {
    row: "[profile<TAB>dev] (tab)",
    kind: "config",
    text: "[profile\tdev]\nregion = us-east-1\n",
    inner: "profile\tdev",
    expected: {
      botocore: { kind: "profile", name: "dev" },
      // `\s` matches the single tab
      js: { kind: "profile", name: "dev" },
      go: { kind: "profile", name: "dev" },
    },
  },
  {
    row: "[DEFAULT] (upper case) in config",
    kind: "config",
    text: "[DEFAULT]\nregion = us-east-1\n",
    inner: "DEFAULT",
    expected: {
      botocore: { kind: "defaults" },
      js: { kind: "ignored", why: /not the default profile.*case-sensitive/ },
      // kept by strings.EqualFold under its own name; profile lookup is exact, so it is not `default`
      go: { kind: "profile", name: "DEFAULT" },
    },
    firstEntry: { botocore: REGION, js: REGION, go: REGION },
  },
  {
    row: "[DEFAULT] (upper case) in credentials",
    kind: "credentials",
    text: "[DEFAULT]\nregion = us-east-1\n",
    inner: "DEFAULT",
    expected: {
      botocore: { kind: "defaults" },
      js: { kind: "profile", name: "DEFAULT" },
      go: { kind: "profile", name: "DEFAULT" },
    },
  },
  {
    row: "[Default] (mixed case) in config",
    kind: "config",
    text: "[Default]\nregion = us-east-1\n",
    inner: "Default",
    expected: {
      botocore: { kind: "ignored", why: /not the default profile for botocore: `default` is case-sensitive/ },
      js: { kind: "ignored", why: /not the default profile/ },
      go: { kind: "profile", name: "Default" },
    },
  },
  {
    row: 'quoted name [profile "my dev"]',
    kind: "config",
    text: '[profile "my dev"]\nregion = us-east-1\n',
    inner: 'profile "my dev"',
    expected: {
      botocore: { kind: "profile", name: "my dev" },
      js: { kind: "ignored", why: /letters, digits and `_-@\+\.%:\/`/ },
      go: { kind: "profile", name: '"my dev"' },
    },
  },
  {
    row: 'quoted name without spaces [profile "dev"]',
    kind: "config",
    text: '[profile "dev"]\nregion = us-east-1\n',
    inner: 'profile "dev"',
    expected: {
      botocore: { kind: "profile", name: "dev" },
      js: { kind: "profile", name: "dev" },
      go: { kind: "profile", name: '"dev"' },
    },
  },
  {
    row: "profile name chars: allowed by the JS regex",
    kind: "config",
    text: "[profile a@b+c.d%e:f/g_h-i]\nregion = us-east-1\n",
    inner: "profile a@b+c.d%e:f/g_h-i",
    expected: {
      botocore: { kind: "profile", name: "a@b+c.d%e:f/g_h-i" },
      js: { kind: "profile", name: "a@b+c.d%e:f/g_h-i" },
      go: { kind: "profile", name: "a@b+c.d%e:f/g_h-i" },
    },
  },
  {
    row: "profile name chars: not allowed by the JS regex",
    kind: "config",
    text: "[profile a$b]\nregion = us-east-1\n",
    inner: "profile a$b",
    expected: {
      botocore: { kind: "profile", name: "a$b" },
      js: { kind: "ignored", why: /letters, digits/ },
      go: { kind: "profile", name: "a$b" },
    },
  },
  {
    row: "sso-session and services sections",
    kind: "config",
    text: "[sso-session my-sso]\nsso_region = us-east-1\n",
    inner: "sso-session my-sso",
    expected: {
      botocore: { kind: "sso-session", name: "my-sso" },
      js: { kind: "sso-session", name: "my-sso" },
      go: { kind: "sso-session", name: "my-sso" },
    },
  },
  {
    row: "services section",
    kind: "config",
    text: "[services local]\ns3 =\n  endpoint_url = http://localhost:4566\n",
    inner: "services local",
    expected: {
      botocore: { kind: "services", name: "local" },
      js: { kind: "services", name: "local" },
      go: { kind: "services", name: "local" },
    },
  },
  {
    row: "__proto__ profile (JS throws, the whole file is read as empty)",
    kind: "credentials",
    text: "[__proto__]\nregion = us-east-1\n",
    inner: "__proto__",
    expected: {
      botocore: { kind: "profile", name: "__proto__" },
      js: { kind: "ignored", why: /reads nothing from this file.*`__proto__`/ },
      go: { kind: "profile", name: "__proto__" },
    },
    firstEntry: { botocore: REGION, js: NONE, go: REGION },
  },
  {
    row: "[profile __proto__] in config",
    kind: "config",
    text: "[profile __proto__]\nregion = us-east-1\n",
    inner: "profile __proto__",
    expected: {
      botocore: { kind: "profile", name: "__proto__" },
      js: { kind: "ignored", why: /reads nothing from this file/ },
      go: { kind: "profile", name: "__proto__" },
    },
  },
  // Less obvious consequences of the same mechanisms
  {
    row: "botocore only checks startswith('profile'), then shlex.split into two parts",
    kind: "config",
    text: "[profiles dev]\nregion = us-east-1\n",
    inner: "profiles dev",
    expected: {
      botocore: { kind: "profile", name: "dev" },
      js: { kind: "ignored", why: /`profiles` is not a section type/ },
      go: { kind: "ignored", why: /`profile ` prefix/ },
    },
  },
  {
    row: "[profile] with no name",
    kind: "config",
    text: "[profile]\nregion = us-east-1\n",
    inner: "profile",
    expected: {
      botocore: { kind: "ignored", why: /exactly two words/ },
      js: { kind: "ignored", why: /`profile ` prefix/ },
      go: { kind: "ignored", why: /`profile ` prefix/ },
    },
  },
  {
    row: "[profile a b] (three words)",
    kind: "config",
    text: "[profile a b]\nregion = us-east-1\n",
    inner: "profile a b",
    expected: {
      botocore: { kind: "ignored", why: /exactly two words/ },
      js: { kind: "ignored", why: /exactly one space/ },
      go: { kind: "profile", name: "a b" },
    },
  },
  {
    row: "unbalanced quote: shlex raises, botocore drops the section",
    kind: "config",
    text: '[profile "dev]\nregion = us-east-1\n',
    inner: 'profile "dev',
    expected: {
      botocore: { kind: "ignored", why: /unbalanced quote/ },
      js: { kind: "ignored", why: /exactly one space/ },
      go: { kind: "profile", name: '"dev' },
    },
  },
  {
    row: "[profile.dev]: getConfigData splits parseIni's keys at the first dot",
    kind: "config",
    text: "[profile.dev]\nregion = us-east-1\n",
    inner: "profile.dev",
    expected: {
      botocore: { kind: "ignored", why: /exactly two words/ },
      js: { kind: "profile", name: "dev" },
      go: { kind: "ignored", why: /`profile ` prefix/ },
    },
  },
];

describe("§1.2 section headers", () => {
  for (const c of HEADER_CASES) {
    it(c.row, () => {
      const doc = parse(c.text, c.kind);
      const s = section(doc, c.inner);
      for (const sdk of SDK_LIST) expectSection(s.readings[sdk], c.expected[sdk], `${sdk}`);
      if (c.firstEntry) expect(s.entries[0]?.readings).toEqual(c.firstEntry);
      expect(doc.badLines).toEqual([]);
    });
  }

  it("key/value line before any section is an orphan entry that no SDK reads", () => {
    const doc = parse("region = us-east-1\n[default]\noutput = json\n");
    expect(doc.orphanEntries).toHaveLength(1);
    const orphan = doc.orphanEntries[0];
    expect(orphan?.key.text).toBe("region");
    expect(orphan?.rawValue.text).toBe("us-east-1");
    // botocore: MissingSectionHeaderError; JS and Go: ignored
    expect(orphan?.readings).toEqual({ botocore: NONE, js: NONE, go: NONE });
    expect(section(doc, "default").entries.map((e) => e.key.text)).toEqual(["output"]);
  });

  it("duplicate sections and keys are kept in file order (merging is not the reader's job)", () => {
    const doc = parse("[profile dev]\nregion = a\nregion = b\n[profile dev]\noutput = json\n");
    expect(doc.sections.map((s) => s.inner)).toEqual(["profile dev", "profile dev"]);
    expect(doc.sections[0]?.entries.map((e) => e.readings.js)).toEqual([kv("region", "a"), kv("region", "b")]);
    expect(doc.badLines).toEqual([]);
  });
});

// -------------------------------------------------------------------------------------------------------------
// Header lines that not every reader takes for a header

describe("header line shapes", () => {
  it("`[dev] # c` is a header for all three SDKs (Python 3.11 SECTCRE stops at the last `]`)", () => {
    const doc = parse("[dev] # c\nregion = us-east-1\n", "credentials");
    const s = section(doc, "dev");
    expect(s.header.text).toBe("[dev]");
    for (const sdk of SDK_LIST) expect(s.readings[sdk]).toEqual({ kind: "profile", name: "dev" });
  });

  it("`[dev]#c`: botocore and Go read the header, the JS SDK does not and keeps the previous section", () => {
    const doc = parse("[default]\nx = 0\n[dev]#c\nx = 1\n", "credentials");
    const s = section(doc, "dev");
    expect(s.readings.botocore).toEqual({ kind: "profile", name: "dev" });
    expect(s.readings.go).toEqual({ kind: "profile", name: "dev" });
    expectSection(s.readings.js, { kind: "ignored", why: /text after `\]`.*section before it/ }, "js");
    // the JS SDK still reads the key — as part of [default]
    expect(s.entries[0]?.readings.js).toEqual(kv("x", "1"));
  });

  it("`[a #b]`: a comment inside the brackets for the JS and Go SDKs", () => {
    const s = section(parse("[a #b]\nx = 1\n", "credentials"), "a #b");
    expect(s.readings.botocore).toEqual({ kind: "profile", name: "a #b" });
    expectSection(s.readings.js, { kind: "ignored", why: /inside the brackets, where the JS SDK starts a comment/ }, "js");
    expectSection(s.readings.go, { kind: "ignored", why: /inside the brackets, where the Go SDK starts a comment/ }, "go");
  });

  it("`[a#b]`: Go cuts at any `#`, the JS SDK only after a space", () => {
    const s = section(parse("[a#b]\nx = 1\n", "credentials"), "a#b");
    expect(s.readings.botocore).toEqual({ kind: "profile", name: "a#b" });
    expect(s.readings.js).toEqual({ kind: "profile", name: "a#b" });
    expectSection(s.readings.go, { kind: "ignored", why: /Go SDK starts a comment/ }, "go");
  });

  it("`[profile dev` (no closing bracket) is a bad line; following keys stay in the previous section", () => {
    const doc = parse("[default]\nx = 0\n[profile dev\ny = 1\n");
    expect(doc.sections).toHaveLength(1);
    expect(doc.badLines).toEqual([
      {
        line: range(3, 1, 3, 13),
        text: "[profile dev",
        why: "is not a section header (no closing `]`): botocore fails to read the whole file, the JS and Go SDKs skip the line",
      },
    ]);
    expect(section(doc, "default").entries.map((e) => e.key.text)).toEqual(["x", "y"]);
  });

  it("an indented header under a key is a continuation line for botocore only", () => {
    const doc = parse("[default]\nx = 1\n  [profile dev]\ny = 2\n");
    const s = section(doc, "profile dev");
    expectSection(s.readings.botocore, { kind: "ignored", why: /indented under `x`.*part of that value/ }, "botocore");
    expect(s.readings.js).toEqual({ kind: "profile", name: "dev" });
    expect(s.readings.go).toEqual({ kind: "profile", name: "dev" });
    expect(entry(doc, "x").readings.botocore).toEqual(kv("x", "1\n[profile dev]"));
  });

  it("a header with text after `]` is botocore's only", () => {
    const s = section(parse("[default]\nx = 0\n[dev]x\ny = 1\n", "credentials"), "dev");
    expect(s.readings.botocore).toEqual({ kind: "profile", name: "dev" });
    expectSection(s.readings.js, { kind: "ignored", why: /text after `\]`/ }, "js");
    expectSection(s.readings.go, { kind: "ignored", why: /text after `\]`/ }, "go");
  });

  it("botocore's section name runs to the last `]`", () => {
    const s = section(parse("[dev] # note [x]\nx = 1\n", "credentials"), "dev");
    expect(s.header.text).toBe("[dev]");
    expect(s.readings.botocore).toEqual({ kind: "profile", name: "dev] # note [x" });
    expect(s.readings.js).toEqual({ kind: "profile", name: "dev" });
    expect(s.readings.go).toEqual({ kind: "profile", name: "dev" });
  });

  it("a leading byte-order mark hides the first header from botocore and Go", () => {
    const doc = parse("\ufeff[default]\nregion = us-east-1\n", "credentials");
    const s = section(doc, "default");
    expect(s.header.range).toEqual(range(1, 2, 1, 11));
    expectSection(s.readings.botocore, { kind: "ignored", why: /byte-order mark.*fails to read the whole file/ }, "bc");
    expect(s.readings.js).toEqual({ kind: "profile", name: "default" });
    expectSection(s.readings.go, { kind: "ignored", why: /byte-order mark \(U\+FEFF\): the Go SDK/ }, "go");
    // botocore never got a section (MissingSectionHeaderError), Go has none either
    expect(s.entries[0]?.readings).toEqual({ botocore: NONE, js: REGION, go: NONE });
  });
});

// -------------------------------------------------------------------------------------------------------------
// §1.3 key lines — one case (at least) per row of the table

interface EntryCase {
  readonly row: string;
  readonly line: string;
  readonly key: string;
  readonly expected: Readonly<Record<Sdk, SdkReading>>;
}

const ENTRY_CASES: readonly EntryCase[] = [
  {
    row: "parser: a plain line reads the same everywhere",
    line: "aws_access_key_id = AKIAN55TOXSCXYYP6GVL",
    key: "aws_access_key_id",
    expected: {
      botocore: kv("aws_access_key_id", "AKIAN55TOXSCXYYP6GVL"),
      js: kv("aws_access_key_id", "AKIAN55TOXSCXYYP6GVL"),
      go: kv("aws_access_key_id", "AKIAN55TOXSCXYYP6GVL"),
    },
  },
  {
    row: "key case: botocore and Go lower-case, JS keeps it",
    line: "AWS_Access_Key_ID = AKIAN55TOXSCXYYP6GVL",
    key: "AWS_Access_Key_ID",
    expected: {
      botocore: kv("aws_access_key_id", "AKIAN55TOXSCXYYP6GVL"),
      js: kv("AWS_Access_Key_ID", "AKIAN55TOXSCXYYP6GVL"),
      go: kv("aws_access_key_id", "AKIAN55TOXSCXYYP6GVL"),
    },
  },
  {
    row: "delimiters: `:` is ignored by the JS SDK",
    line: "region: us-east-1",
    key: "region",
    expected: { botocore: REGION, js: NONE, go: REGION },
  },
  {
    row: "delimiters: the first of `=`/`:` for botocore and Go, the first `=` for JS",
    line: "a: b = c",
    key: "a",
    expected: { botocore: kv("a", "b = c"), js: kv("a: b", "c"), go: kv("a", "b = c") },
  },
  {
    row: "delimiters: later `=` stay in the value",
    line: "key=value=more",
    key: "key",
    expected: { botocore: kv("key", "value=more"), js: kv("key", "value=more"), go: kv("key", "value=more") },
  },
  {
    row: "whitespace around key and value (and trailing whitespace) is stripped",
    line: "  \tregion \t =   us-east-1 \t ",
    key: "region",
    expected: { botocore: REGION, js: REGION, go: REGION },
  },
  {
    row: "inline comment after whitespace: botocore keeps it",
    line: "region = us-east-1 # Virginia",
    key: "region",
    expected: { botocore: kv("region", "us-east-1 # Virginia"), js: REGION, go: REGION },
  },
  {
    row: "inline `;` comment after a tab",
    line: "region = us-east-1\t; Virginia",
    key: "region",
    expected: { botocore: kv("region", "us-east-1\t; Virginia"), js: REGION, go: REGION },
  },
  {
    row: "`#` without whitespace before it is part of the value everywhere (Go since PR #2371)",
    line: "sso_start_url = https://example.awsapps.com/start#/",
    key: "sso_start_url",
    expected: {
      botocore: kv("sso_start_url", "https://example.awsapps.com/start#/"),
      js: kv("sso_start_url", "https://example.awsapps.com/start#/"),
      go: kv("sso_start_url", "https://example.awsapps.com/start#/"),
    },
  },
  {
    row: "`;` without whitespace before it is part of the value everywhere",
    line: "secret = abc;def",
    key: "secret",
    expected: { botocore: kv("secret", "abc;def"), js: kv("secret", "abc;def"), go: kv("secret", "abc;def") },
  },
  {
    row: "a value that is only a comment: empty for JS (sub-section start) and Go",
    line: "region = # none",
    key: "region",
    expected: { botocore: kv("region", "# none"), js: kv("region", null), go: kv("region", "") },
  },
  {
    row: "quotes: Go strips them, botocore and JS keep them",
    line: 'region = "us-east-1"',
    key: "region",
    expected: { botocore: kv("region", '"us-east-1"'), js: kv("region", '"us-east-1"'), go: REGION },
  },
  {
    row: "single quotes",
    line: "region = 'us-east-1'",
    key: "region",
    expected: { botocore: kv("region", "'us-east-1'"), js: kv("region", "'us-east-1'"), go: REGION },
  },
  {
    row: "quotes: Go no longer unescapes (PR #2461)",
    line: 'credential_process = "C:\\tools\\new.exe"',
    key: "credential_process",
    expected: {
      botocore: kv("credential_process", '"C:\\tools\\new.exe"'),
      js: kv("credential_process", '"C:\\tools\\new.exe"'),
      go: kv("credential_process", "C:\\tools\\new.exe"),
    },
  },
  {
    row: "quotes and a comment: Go cuts the comment first, so the quote is not closed",
    line: 'a = "x # y"',
    key: "a",
    expected: { botocore: kv("a", '"x # y"'), js: kv("a", '"x'), go: kv("a", '"x') },
  },
  {
    row: "empty value",
    line: "cli_pager =",
    key: "cli_pager",
    expected: { botocore: kv("cli_pager", ""), js: kv("cli_pager", null), go: kv("cli_pager", "") },
  },
  {
    row: "whitespace: Python strips NBSP, JS and Go too",
    line: "region = us-east-1\u00a0",
    key: "region",
    expected: { botocore: REGION, js: REGION, go: REGION },
  },
  {
    row: "whitespace: nobody strips a zero-width space",
    line: "region = us-east-1\u200b",
    key: "region",
    expected: {
      botocore: kv("region", "us-east-1\u200b"),
      js: kv("region", "us-east-1\u200b"),
      go: kv("region", "us-east-1\u200b"),
    },
  },
  {
    row: "whitespace: only JS strips U+FEFF",
    line: "region = us-east-1\ufeff",
    key: "region",
    expected: { botocore: kv("region", "us-east-1\ufeff"), js: REGION, go: kv("region", "us-east-1\ufeff") },
  },
  {
    row: "whitespace: only Python and Go strip U+0085 (NEL)",
    line: "region = us-east-1\u0085",
    key: "region",
    expected: { botocore: REGION, js: kv("region", "us-east-1\u0085"), go: REGION },
  },
  {
    row: "unicode key case (Go uses simple case mapping)",
    line: "İx = 1",
    key: "İx",
    expected: { botocore: kv("i\u0307x", "1"), js: kv("İx", "1"), go: kv("ix", "1") },
  },
];

describe("§1.3 key lines", () => {
  for (const c of ENTRY_CASES) {
    it(c.row, () => {
      const doc = parse(`[default]\n${c.line}\n`);
      expect(doc.badLines).toEqual([]);
      const e = entry(doc, c.key);
      expect(e.readings).toEqual(c.expected);
    });
  }

  it("full-line comments (`#`, `;`, indented) are skipped", () => {
    const doc = parse("# top\n; top\n[default]\n  # indented\n\t; tab\nregion = us-east-1\n");
    expect(doc.badLines).toEqual([]);
    expect(doc.orphanEntries).toEqual([]);
    expect(section(doc, "default").entries.map((e) => e.key.text)).toEqual(["region"]);
  });

  it("inline comment fields", () => {
    const a = entry(parse("[default]\nregion = us-east-1 # Virginia\n"), "region");
    expect(a.intended.text).toBe("us-east-1");
    expect(a.inlineComment?.marker).toBe("#");
    expect(a.inlineComment?.afterWhitespace).toBe(true);
    const b = entry(parse("[default]\nsecret = abc;def#ghi\n"), "secret");
    expect(b.intended.text).toBe("abc;def#ghi");
    expect(b.inlineComment).toMatchObject({ marker: ";", afterWhitespace: false });
    const c = entry(parse("[default]\nregion = us-east-1\n"), "region");
    expect(c.inlineComment).toBeUndefined();
    expect(c.quote).toBeUndefined();
  });

  it("empty value: empty texts and zero-width ranges right after the delimiter", () => {
    const e = entry(parse("[default]\ncli_pager =   \n"), "cli_pager");
    expect(e.rawValue).toEqual({ text: "", range: range(2, 12, 2, 12) });
    expect(e.intended).toEqual({ text: "", range: range(2, 12, 2, 12) });
    expect(e.children).toEqual([]);
  });

  it("nested block: indented `k = v` lines under an empty value become children", () => {
    const doc = parse("[default]\ns3 =\n  addressing_style = path\n  Signature_Version = s3v4 # v4\nregion = us-east-1\n");
    expect(doc.badLines).toEqual([]);
    const s3 = entry(doc, "s3");
    expect(s3.readings).toEqual({ botocore: kv("s3", null), js: kv("s3", null), go: kv("s3", "") });
    expect(s3.children.map((c) => c.key.text)).toEqual(["addressing_style", "Signature_Version"]);
    expect(s3.children.map((c) => c.readings)).toEqual([
      { botocore: kv("s3.addressing_style", "path"), js: kv("s3.addressing_style", "path"), go: kv("s3.addressing_style", "path") },
      // botocore's _parse_nested keeps case and comments; Go keeps comments in sub-properties
      {
        botocore: kv("s3.Signature_Version", "s3v4 # v4"),
        js: kv("s3.Signature_Version", "s3v4"),
        go: kv("s3.signature_version", "s3v4 # v4"),
      },
    ]);
    expect(section(doc, "default").entries.map((e) => e.key.text)).toEqual(["s3", "region"]);
    expect(section(doc, "default").range).toEqual(range(1, 1, 5, 19));
  });

  it("nested block: a `key: value` child fails botocore's nested parse", () => {
    const doc = parse("[default]\ns3 =\n  addressing_style: path\n");
    expect(doc.badLines.map((b) => b.why)).toEqual([
      "is a nested `key: value` line (nested lines need `=`): botocore fails to read the whole file, the JS SDK skips the line, the Go SDK reads it as the key `s3.addressing_style`",
    ]);
  });

  it("nested block: an indented line without `=` fails botocore's nested parse", () => {
    const doc = parse("[default]\ns3 =\n  addressing_style\n");
    expect(doc.badLines.map((b) => b.why)).toEqual([
      "is an indented line without `=` under an empty value: botocore fails to read the whole file, the JS and Go SDKs skip the line",
    ]);
  });

  it("uniformly indented keys are plain keys for botocore, but JS and Go nest them under an empty value", () => {
    const doc = parse("[default]\n  s3 =\n  addressing_style = path\n");
    expect(doc.badLines).toEqual([]);
    expect(entry(doc, "addressing_style").readings).toEqual({
      botocore: kv("addressing_style", "path"),
      js: kv("s3.addressing_style", "path"),
      go: kv("s3.addressing_style", "path"),
    });
  });

  it("indented continuation line with `=`: botocore appends it, JS and Go read a key", () => {
    const doc = parse("[default]\naws_access_key_id = AKIAN55TOXSCXYYP6GVL\n  aws_secret_access_key = x\n");
    expect(doc.badLines).toEqual([
      {
        line: range(3, 3, 3, 28),
        text: "aws_secret_access_key = x",
        why: "is an indented continuation line: botocore appends it to the value of `aws_access_key_id`, the JS and Go SDKs read it as the key `aws_secret_access_key`",
      },
    ]);
    expect(entry(doc, "aws_access_key_id").readings).toEqual({
      botocore: kv("aws_access_key_id", "AKIAN55TOXSCXYYP6GVL\naws_secret_access_key = x"),
      js: kv("aws_access_key_id", "AKIAN55TOXSCXYYP6GVL"),
      go: kv("aws_access_key_id", "AKIAN55TOXSCXYYP6GVL"),
    });
  });

  it("indented continuation line without `=`: botocore and Go append it, JS skips it", () => {
    const doc = parse("[default]\nregion = us-east-1\n\n  us-west-2\n");
    expect(doc.badLines.map((b) => b.why)).toEqual([
      "is an indented continuation line: botocore and the Go SDK append it to the value of `region`, the JS SDK skips the line",
    ]);
    // configparser keeps the blank line inside the value (empty_lines_in_values)
    expect(entry(doc, "region").readings).toEqual({
      botocore: kv("region", "us-east-1\n\nus-west-2"),
      js: REGION,
      go: kv("region", "us-east-1\nus-west-2"),
    });
  });

  it("a line without `=` or `:`", () => {
    expect(parse("[default]\nAKIAN55TOXSCXYYP6GVL\n").badLines).toEqual([
      {
        line: range(2, 1, 2, 21),
        text: "AKIAN55TOXSCXYYP6GVL",
        why: "has no `=` or `:`: botocore fails to read the whole file, the JS and Go SDKs skip the line",
      },
    ]);
  });
});

// -------------------------------------------------------------------------------------------------------------
// Exact ranges

describe("ranges", () => {
  const text = '# comment\n  [profile dev]  ; prod\naws_secret_access_key  =  "abc/def" # note\n';
  const doc = parse(text);
  const s = section(doc, "profile dev");
  const e = entry(doc, "aws_secret_access_key");

  it("header and inner", () => {
    expect(s.header).toEqual({ text: "[profile dev]", range: range(2, 3, 2, 16) });
    expect(s.innerRange).toEqual(range(2, 4, 2, 15));
    expect(s.range).toEqual(range(2, 3, 3, 43));
  });

  it("key, delimiter, value, intended value, quote and comment", () => {
    expect(e.key).toEqual({ text: "aws_secret_access_key", range: range(3, 1, 3, 22) });
    expect(e.delimiter).toEqual({ text: "=", range: range(3, 24, 3, 25) });
    expect(e.rawValue).toEqual({ text: '"abc/def" # note', range: range(3, 27, 3, 43) });
    expect(e.intended).toEqual({ text: "abc/def", range: range(3, 28, 3, 35) });
    expect(e.quote).toBe('"');
    expect(e.inlineComment).toEqual({ marker: "#", range: range(3, 37, 3, 43), afterWhitespace: true });
    expect(e.line).toEqual(range(3, 1, 3, 43));
  });

  it("every Located range slices back to its text", () => {
    const file = doc.file;
    for (const l of [s.header, e.key, e.delimiter, e.rawValue, e.intended]) expect(sliceRange(file, l.range)).toBe(l.text);
    expect(sliceRange(file, s.innerRange)).toBe(s.inner);
  });

  it("CRLF: ranges and texts exclude the CR", () => {
    const crlf = parse("[default]\r\nregion = us-east-1\r\n\r\n[profile dev]\r\noutput = json # c\r\n");
    const region = entry(crlf, "region");
    expect(region.rawValue).toEqual({ text: "us-east-1", range: range(2, 10, 2, 19) });
    expect(region.line).toEqual(range(2, 1, 2, 19));
    expect(section(crlf, "profile dev").header.range).toEqual(range(4, 1, 4, 14));
    expect(entry(crlf, "output").inlineComment?.range).toEqual(range(5, 15, 5, 18));
    expect(crlf.badLines).toEqual([]);
  });

  it("columns count UTF-16 code units", () => {
    const u = entry(parse("[default]\n😀key = v\n"), "😀key");
    expect(u.key.range).toEqual(range(2, 1, 2, 6));
    expect(u.rawValue.range).toEqual(range(2, 9, 2, 10));
  });
});

// -------------------------------------------------------------------------------------------------------------
// shlex

describe("shlexSplit (Python shlex.split, checked against CPython 3.11)", () => {
  const cases: readonly [string, string[] | null][] = [
    ["profile dev", ["profile", "dev"]],
    ["profile  dev", ["profile", "dev"]],
    ["profile\tdev", ["profile", "dev"]],
    ['profile "my dev"', ["profile", "my dev"]],
    ["profile 'a b'", ["profile", "a b"]],
    ["profile a\\ b", ["profile", "a b"]],
    ['profile "a', null],
    ["profile a\\", null],
    ["profile a b", ["profile", "a", "b"]],
    ["profiledev", ["profiledev"]],
    ["profile\u00a0dev", ["profile\u00a0dev"]],
    ['profile "a"b', ["profile", "ab"]],
    ['profile ""', ["profile", ""]],
    ["profile a#b", ["profile", "a#b"]],
    ['a "b\\"c"', ["a", 'b"c']],
    ['a "b\\c"', ["a", "b\\c"]],
    ["a 'b\\c'", ["a", "b\\c"]],
    ["", []],
  ];
  for (const [input, output] of cases) {
    it(JSON.stringify(input), () => expect(shlexSplit(input)).toEqual(output));
  }
});

// -------------------------------------------------------------------------------------------------------------
// Robustness

function allLocated(doc: IniDocument): Located[] {
  const fromEntry = (e: IniEntry): Located[] => [e.key, e.delimiter, e.rawValue, e.intended, ...e.children.flatMap(fromEntry)];
  return [
    ...doc.sections.flatMap((s) => [s.header, ...s.entries.flatMap(fromEntry)]),
    ...doc.orphanEntries.flatMap(fromEntry),
  ];
}

function checkInvariants(doc: IniDocument): void {
  for (const l of allLocated(doc)) expect(sliceRange(doc.file, l.range)).toBe(l.text);
  for (const s of doc.sections) {
    expect(sliceRange(doc.file, s.innerRange)).toBe(s.inner);
    for (const sdk of SDK_LIST) expect(["profile", "sso-session", "services", "defaults", "ignored"]).toContain(s.readings[sdk].kind);
  }
  for (const b of doc.badLines) {
    expect(sliceRange(doc.file, b.line)).toBe(b.text);
    expect(b.why.length).toBeLessThan(400);
  }
}

describe("robustness", () => {
  it("empty file", () => {
    const doc = parse("");
    expect(doc).toMatchObject({ sections: [], orphanEntries: [], badLines: [], fileKind: "config" });
  });

  it("only comments and blank lines", () => {
    const doc = parse("# a\n\n;b\n   \n\t# c\n");
    expect(doc).toMatchObject({ sections: [], orphanEntries: [], badLines: [] });
  });

  it("a 200 000-character value, header and garbage line", () => {
    const long = "A".repeat(200_000);
    const value = parse(`[default]\naws_secret_access_key = ${long}\n`);
    expect(entry(value, "aws_secret_access_key").readings.go.value).toHaveLength(200_000);
    const header = parse(`[profile ${long}]\nx = 1\n`);
    expect(header.sections[0]?.readings.js).toEqual({ kind: "profile", name: long });
    const garbage = parse(`[default]\n${long}\n`);
    expect(garbage.badLines).toHaveLength(1);
    expect(garbage.badLines[0]?.why.length).toBeLessThan(200);
    checkInvariants(value);
    checkInvariants(header);
  });

  it("pathological long lines stay fast (linear time)", () => {
    const n = 200_000;
    const lines = [
      `[${"]".repeat(n)}`,
      `[${" ]".repeat(n / 2)}x`,
      `[${"a ".repeat(n / 2)}!]`,
      `[profile ${"a".repeat(n)}!]`,
      `key = ${" #".repeat(n / 2)}`,
      `${" ".repeat(n)}x`,
      `k = ${'"'.repeat(n)}`,
      `${"\\".repeat(n)} = x`,
      `[profile ${'"'.repeat(n)}]`,
      `[${"\t".repeat(n)}]`,
    ];
    for (const line of lines) {
      const started = performance.now();
      const doc = parse(`[default]\nx = 1\n${line}\n${line}\n`);
      expect(performance.now() - started).toBeLessThan(1500);
      checkInvariants(doc);
    }
  });

  it("a large file stays fast", () => {
    const block = "[profile p]\naws_access_key_id = AKIAN55TOXSCXYYP6GVL\ns3 =\n  addressing_style = path\nregion = x # c\n\n";
    const text = block.repeat(20_000);
    const started = performance.now();
    const doc = parse(text);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(doc.sections).toHaveLength(20_000);
  });

  it("NUL bytes", () => {
    const doc = parse("[def\u0000ault]\nkey\u0000 = val\u0000ue\n\u0000\n");
    expect(doc.sections[0]?.inner).toBe("def\u0000ault");
    expect(entry(doc, "key\u0000").readings.js).toEqual(kv("key\u0000", "val\u0000ue"));
    expect(doc.badLines.map((b) => b.text)).toEqual(["\u0000"]);
    checkInvariants(doc);
  });

  it("a lone CR inside a line is a bad line (a line break for botocore only)", () => {
    const doc = parse("[default]\r\naws_access_key_id = AKIAN55TOXSCXYYP6GVL\raws_secret_access_key = x\r\n", "credentials");
    expect(doc.badLines).toHaveLength(1);
    expect(doc.badLines[0]?.line).toEqual(range(2, 1, 2, 67));
    expect(doc.badLines[0]?.why).toBe(
      "contains a carriage return (CR) inside the line: botocore reads it as several lines, the JS and Go SDKs read it as the key `aws_access_key_id`",
    );
  });

  it("a file that ends in a lone CR", () => {
    const doc = parse("[default]\nregion = us-east-1\r");
    expect(doc.badLines).toEqual([]);
    expect(entry(doc, "region").rawValue.range).toEqual(range(2, 10, 2, 19));
  });

  it("unicode keys and values", () => {
    const doc = parse("[profile ünïcødé]\nÄÖ_Key = välüe\n");
    expect(section(doc, "profile ünïcødé").readings.botocore).toEqual({ kind: "profile", name: "ünïcødé" });
    expect(entry(doc, "ÄÖ_Key").readings).toEqual({
      botocore: kv("äö_key", "välüe"),
      js: kv("ÄÖ_Key", "välüe"),
      go: kv("äö_key", "välüe"),
    });
  });

  it("`[` alone is a bad line", () => {
    expect(parse("[default]\n[\n").badLines.map((b) => b.why)).toEqual([
      "is not a section header (no closing `]`): botocore fails to read the whole file, the JS and Go SDKs skip the line",
    ]);
  });

  it("`[]` is a section with an empty name whose keys nobody reads", () => {
    const doc = parse("[]\nx = 1\n");
    const s = section(doc, "");
    expect(s.innerRange).toEqual(range(1, 2, 1, 2));
    expectSection(s.readings.botocore, { kind: "ignored", why: /empty name: botocore fails to read the whole file/ }, "bc");
    expectSection(s.readings.js, { kind: "ignored", why: /empty name/ }, "js");
    expectSection(s.readings.go, { kind: "ignored", why: /empty name/ }, "go");
    // first line: botocore has no section yet (MissingSectionHeaderError)
    expect(s.entries[0]?.readings).toEqual({ botocore: NONE, js: NONE, go: NONE });
    const later = section(parse("[default]\n[]\nx = 1\n"), "");
    // after a section, botocore's ParsingError leaves the previous section current
    expect(later.entries[0]?.readings).toEqual({ botocore: kv("x", "1"), js: NONE, go: NONE });
  });

  it("`=` alone (empty key) is a bad line", () => {
    const doc = parse("[default]\n=\n= value\n");
    expect(doc.badLines.map((b) => b.why)).toEqual([
      "has an empty key: botocore fails to read the whole file, the JS SDK skips the line, the Go SDK reads it as a key with an empty name",
      "has an empty key: botocore fails to read the whole file, the JS SDK skips the line, the Go SDK reads it as a key with an empty name",
    ]);
    expect(section(doc, "default").entries).toEqual([]);
  });

  it("random garbage never throws and keeps every range consistent", () => {
    const alphabet = [
      "[", "]", "=", ":", "#", ";", " ", "\t", "\n", "\r", "\r\n", "a", "B", "profile ", "default", "DEFAULT",
      '"', "'", "\u00a0", "\ufeff", "\u200b", "\u0000", "\\", "__proto__", "sso-session ", "services ", ".",
      "😀", "\u0085", "\u2028", "x = 1\n", "  ", "\n  k = v",
    ];
    let seed = 12345;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let i = 0; i < 1500; i++) {
      let text = "";
      const length = random(60);
      for (let j = 0; j < length; j++) text += alphabet[random(alphabet.length)] ?? "";
      for (const kind of ["config", "credentials"] as const) {
        const doc = parse(text, kind);
        checkInvariants(doc);
      }
    }
  });
});
