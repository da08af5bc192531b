/**
 * aws-config-syntax — INI that the SDKs misread (reference §1.2–1.3).
 *
 * Deliberately not reported here: quotes and inline comments on *credential* values (the key id, secret and
 * session token) — `credential-whitespace` reports those, because there they corrupt a secret; upper-case
 * key names — `credential-key-name`. Sections of kinds the file cannot hold are reported once, on the header.
 * Sources: botocore `configloader.py` (0e6e2404), smithy `parseIni.ts` (6815d3e9), Go v2 `internal/ini`.
 */
import { AWS_CREDENTIAL_KEYS } from "../src/knowledge/aws-keys.js";
import type { IniDocument, IniEntry, IniSection } from "../src/model/aws-ini.js";
import { sectionIntent } from "../src/model/build-aws.js";
import type { Fix } from "../src/model/finding.js";
import { defineRule, type RuleContext } from "../src/model/rule.js";
import { SDK_LABEL, SDKS } from "../src/model/setting.js";
import { offsetAt, type Range } from "../src/model/source.js";

const JS_PROFILE_NAME = /^[\w\-@+.%:/]+$/;

const messages = {
  credentialsProfilePrefix: (p: { name: string }) =>
    `In a credentials file sections are bare profile names: botocore reads [profile ${p.name}] as a profile named "profile ${p.name}" and the JavaScript and Go SDKs ignore it, so profile ${p.name} is not found. Write [${p.name}].`,
  configMissingPrefix: (p: { name: string; header: string }) =>
    `In a config file a named profile needs the "profile " prefix: every SDK ignores [${p.name}], so profile ${p.name} is not found. Write [${p.header}].`,
  prefixCase: (p: { written: string; name: string }) =>
    `"${p.written}" is not the "profile" prefix to any SDK (the match is case-sensitive), so profile ${p.name} is not found. Write [profile ${p.name}].`,
  defaultCase: (p: { written: string }) =>
    `[${p.written}] is not the default profile: every SDK matches the name "default" case-sensitively, so the default profile is not found. Write [default].`,
  upperDefault: () =>
    "[DEFAULT] is not the default profile: botocore treats it as defaults inherited by every other section (keys placed here leak into every profile), and the JavaScript and Go SDKs do not find it as profile default. Write [default].",
  headerSpacing: (p: { fixed: string; readers: string }) =>
    `Extra blanks in this header make ${p.readers} ignore the section. Write [${p.fixed}].`,
  spacedCredentialsName: (p: { name: string }) =>
    `The JavaScript SDK silently drops the credentials-file section [${p.name}] (a name with a blank looks like a typed section to it); botocore and Go read a profile named "${p.name}". Use a name without blanks.`,
  spacedConfigName: (p: { name: string; readers: string }) =>
    `The profile name "${p.name}" cannot be read by ${p.readers}: botocore needs exactly two words in [profile NAME] and the JavaScript SDK accepts no blank in a name. Use a name without blanks, e.g. ${p.name.replace(/\s+/g, "-")}.`,
  jsProfileName: (p: { name: string }) =>
    `The JavaScript SDK cannot select profile "${p.name}": it reads only letters, digits and - _ @ + . % : / in a profile name (botocore and Go accept it). Rename the profile.`,
  quotedName: (p: { name: string }) =>
    `Quotes around a profile name are read by botocore and the JavaScript SDK but kept literally by the Go SDK, which then looks for a profile named with quotes. Write the name without quotes: "${p.name}".`,
  configOnlySection: (p: { kind: string; name: string }) =>
    `[${p.kind} ${p.name}] belongs in the config file: no SDK reads ${p.kind} sections from the credentials file. Move it to the config file.`,
  unknownSection: (p: { inner: string }) =>
    `No SDK reads the section [${p.inner}]: it is not default, profile NAME, sso-session NAME or services NAME.`,
  duplicateSection: (p: { header: string }) =>
    `${p.header} is defined twice in this file: botocore refuses to read the file (DuplicateSectionError) and the JavaScript and Go SDKs merge or override the two silently. Merge the sections into one.`,
  defaultTwice: () =>
    "[default] and [profile default] both define the default profile: botocore uses the one that comes last, the JavaScript and Go SDKs always use [profile default]. Keep one of them.",
  duplicateKey: (p: { key: string; where: string }) =>
    `The key ${p.key} is set twice in ${p.where}: botocore refuses to read the file (DuplicateOptionError) and the JavaScript and Go SDKs silently use the later value. Keep one.`,
  orphanKey: (p: { key: string }) =>
    `The key ${p.key} stands before any [section] header: botocore refuses to read the file (MissingSectionHeaderError) and the JavaScript and Go SDKs ignore the line. Move it under a profile header.`,
  colonDelimiter: (p: { key: string }) =>
    `"${p.key}:" uses ":" as the delimiter: the JavaScript SDK reads only "key = value" and silently ignores this line (botocore and Go accept it). Write "${p.key} = …".`,
  inlineComment: (p: { key: string }) =>
    `The comment after ${p.key} is part of the value for botocore (the AWS CLI and boto3 keep inline comments), while the JavaScript and Go SDKs strip it. Move the comment to its own line.`,
  markerInValue: (p: { key: string; marker: string }) =>
    `Go SDK v2 releases before November 2023 cut the value of ${p.key} at "${p.marker}" (they treat any # or ; as a comment start), while botocore, the JavaScript SDK and later Go releases keep it. Avoid # and ; in values.`,
  quotedValue: (p: { key: string }) =>
    `The quotes around the value of ${p.key} are kept by botocore and the JavaScript SDK and stripped by the Go SDK. Remove them.`,
  badLine: (p: { why: string }) => `This line ${p.why}.`,
  byteOrderMark: () =>
    "The file starts with a byte-order mark (BOM): botocore then finds no section header and refuses the whole file (MissingSectionHeaderError). Save the file as UTF-8 without BOM.",
};

type Ctx = RuleContext<typeof messages>;

function replace(range: Range, text: string, description: string): Fix {
  return { description, safety: "safe", edits: [{ range, text }] };
}

function isCredentialKey(key: string): boolean {
  return AWS_CREDENTIAL_KEYS.has(key.toLowerCase());
}

function checkHeader(doc: IniDocument, section: IniSection, ctx: Ctx): void {
  const { file } = doc;
  const inner = section.inner;
  const trimmed = inner.trim();
  const intent = sectionIntent(doc, section);
  const at = { file, range: section.header.range };
  const fixInner = (text: string): Fix => replace(section.innerRange, text, `Rewrite the header as [${text}]`);

  if (intent.kind === "cli") return; // [plugins], [preview]: the AWS CLI's own sections
  if (trimmed === "DEFAULT") {
    ctx.report({ ...at, messageId: "upperDefault", data: {}, fix: fixInner("default") });
    return;
  }
  // `[profile]` with no name: in the config file no SDK reads it (in the credentials file it is a profile
  // named "profile"), and guessing `[profile profile]` would be no fix.
  const bareType = doc.fileKind === "config" && /^(profile|sso-session|services)$/i.test(trimmed);
  if (intent.kind === "unknown" || bareType) {
    ctx.report({ ...at, messageId: "unknownSection", data: { inner } });
    return;
  }
  const prefixMatch = /^\s*(\S+)/.exec(inner);
  const written = prefixMatch?.[1] ?? "";
  const typed = intent.kind !== "profile" || /^\s*profile\s/i.test(inner);

  if (doc.fileKind === "credentials") {
    if (intent.kind === "sso-session" || intent.kind === "services") {
      ctx.report({ ...at, messageId: "configOnlySection", data: { kind: intent.kind, name: intent.name } });
      return;
    }
    if (typed) {
      ctx.report({ ...at, messageId: "credentialsProfilePrefix", data: { name: intent.name }, fix: fixInner(intent.name) });
      return;
    }
    if (/\s/.test(trimmed) && intent.name === trimmed) {
      ctx.report({ ...at, messageId: "spacedCredentialsName", data: { name: trimmed } });
      return;
    }
  } else if (intent.kind === "profile" && !typed && intent.name !== "default") {
    // `[foo bar]` → `[profile foo bar]` would be a header the SDKs cannot read either: no fix then.
    const spaced = /\s/.test(intent.name);
    const header = `profile ${spaced ? intent.name.replace(/\s+/g, "-") : intent.name}`;
    const fix = spaced ? {} : { fix: fixInner(header) };
    ctx.report({ ...at, messageId: "configMissingPrefix", data: { name: intent.name, header }, ...fix });
    return;
  }

  if (typed && written !== intent.kind && written.toLowerCase() === intent.kind) {
    const fixed = `${intent.kind} ${intent.name}`;
    ctx.report({ ...at, messageId: "prefixCase", data: { written, name: intent.name }, fix: fixInner(fixed) });
    return;
  }
  if (intent.kind === "profile" && trimmed.toLowerCase() === "default" && trimmed !== "default") {
    ctx.report({ ...at, messageId: "defaultCase", data: { written: trimmed }, fix: fixInner("default") });
    return;
  }

  // Blanks: `[ profile dev ]` (botocore and JS ignore it) and `[profile  dev]` (JS ignores it). Which SDKs
  // misread it comes from the reader's per-SDK readings: `[profile\tdev]` is read by all three.
  const canonical = typed ? `${intent.kind} ${intent.name}` : intent.name;
  const quoted = /["']/.test(inner) && !/["']/.test(intent.name);
  if (!quoted && inner !== canonical && inner.replace(/\s+/g, " ").trim() === canonical.replace(/\s+/g, " ")) {
    const misreaders = SDKS.filter((sdk) => {
      const reading = section.readings[sdk];
      return !(reading.kind === intent.kind && reading.name === intent.name);
    });
    if (misreaders.length > 0) {
      const readers = misreaders.map((sdk) => SDK_LABEL[sdk]).join(" and ");
      ctx.report({ ...at, messageId: "headerSpacing", data: { fixed: canonical, readers }, fix: fixInner(canonical) });
      return;
    }
  }
  if (quoted) {
    ctx.report({ ...at, messageId: "quotedName", data: { name: intent.name } });
    return;
  }
  if (doc.fileKind === "config" && intent.kind === "profile" && /\s/.test(intent.name)) {
    const misreaders = SDKS.filter((sdk) => {
      const reading = section.readings[sdk];
      return !(reading.kind === "profile" && reading.name === intent.name);
    });
    if (misreaders.length > 0) {
      const readers = misreaders.map((sdk) => SDK_LABEL[sdk]).join(" and ");
      ctx.report({ ...at, messageId: "spacedConfigName", data: { name: intent.name, readers } });
      return;
    }
  }
  if (intent.kind === "profile" && !JS_PROFILE_NAME.test(intent.name) && !/\s/.test(intent.name)) {
    ctx.report({ ...at, messageId: "jsProfileName", data: { name: intent.name } });
  }
}

/** Moves an inline comment to its own line above, with the line's indent and line ending. */
function moveCommentFix(doc: IniDocument, entry: IniEntry): Fix | undefined {
  const comment = entry.inlineComment;
  if (!comment) return undefined;
  const { file } = doc;
  const line = entry.line.start.line;
  const lineStart = file.lineStarts[line - 1] ?? 0;
  const commentText = file.text.slice(lineStart + comment.range.start.column - 1, lineStart + comment.range.end.column - 1);
  const indent = /^[ \t]*/.exec(file.text.slice(lineStart))?.[0] ?? "";
  const newline = file.text.includes("\r\n") ? "\r\n" : "\n";
  // The value ends where its closing quote (if any) ends; the blanks before the comment go with it.
  const valueEnd = entry.intended.range.end.column + (entry.quote ? 1 : 0);
  const at = { line, column: 1 };
  return {
    description: "Move the comment to its own line above",
    safety: "safe",
    edits: [
      { range: { start: at, end: at }, text: `${indent}${commentText}${newline}` },
      { range: { start: { line, column: valueEnd }, end: comment.range.end }, text: "" },
    ],
  };
}

function checkEntry(doc: IniDocument, entry: IniEntry, ctx: Ctx): void {
  const { file } = doc;
  const key = entry.key.text;
  if (entry.delimiter.text === ":") {
    ctx.report({
      file,
      range: entry.delimiter.range,
      messageId: "colonDelimiter",
      data: { key },
      // `output: json` → `output = json`: keep a blank on both sides of the new delimiter.
      fix: replace(entry.delimiter.range, /[ \t]/.test(file.text.charAt(offsetAt(file, entry.delimiter.range.start) - 1)) ? "=" : " =", 'Use "=" as the delimiter'),
    });
  }
  if (isCredentialKey(key)) return; // credential-whitespace owns quotes and comments on secrets
  const comment = entry.inlineComment;
  if (comment && comment.afterWhitespace) {
    const fix = moveCommentFix(doc, entry);
    ctx.report({ file, range: comment.range, messageId: "inlineComment", data: { key }, ...(fix ? { fix } : {}) });
  } else if (comment) {
    ctx.report({ file, range: comment.range, messageId: "markerInValue", data: { key, marker: comment.marker } });
  }
  if (entry.quote) {
    // From the opening to the closing quote: an inline comment after the value is not part of it.
    const end = entry.intended.range.end;
    const quoted = { start: entry.rawValue.range.start, end: { line: end.line, column: end.column + 1 } };
    ctx.report({
      file,
      range: quoted,
      messageId: "quotedValue",
      data: { key },
      fix: replace(quoted, entry.intended.text, "Remove the quotes"),
    });
  }
}

export default defineRule({
  meta: {
    id: "aws-config-syntax",
    description: "Report AWS config and credentials INI that one or more SDKs misread",
    provider: "aws",
    severity: "error",
    securitySeverity: 3.0,
    precision: "very-high",
    tags: ["correctness", "portability"],
    help: {
      why: "botocore (AWS CLI, boto3), the JavaScript SDK v3 and the Go SDK v2 each read the shared config and credentials files with their own hand-written parser. A header such as [profile dev] in the credentials file, [dev] in the config file, [DEFAULT], a duplicate section, a key before any section, a \"key: value\" line, an inline comment or quotes around a value is read differently by each — one SDK finds the profile and another reports \"The config profile could not be found\" or \"Unable to locate credentials\", or sends a value with a comment glued to it.",
      fix: "Use the portable form: [profile NAME] in config, [NAME] in credentials, [default] for the default profile, one section per name, \"key = value\" lines under a header, comments on their own lines, values without quotes. Most findings carry a safe fix.",
    },
    fixable: true,
    messages,
  },
  check: {
    awsIniFile(doc, ctx) {
      const { file } = doc;
      if (file.text.startsWith("\uFEFF")) {
        const start = { line: 1, column: 1 };
        ctx.report({
          file,
          range: { start, end: { line: 1, column: 2 } },
          messageId: "byteOrderMark",
          data: {},
          fix: replace({ start, end: { line: 1, column: 2 } }, "", "Remove the byte-order mark"),
        });
      }
      for (const entry of doc.orphanEntries) {
        ctx.report({ file, range: entry.key.range, messageId: "orphanKey", data: { key: entry.key.text } });
      }
      for (const bad of doc.badLines) {
        ctx.report({ file, range: bad.line, messageId: "badLine", data: { why: bad.why } });
      }
      const seen = new Map<string, IniSection[]>();
      const isDefaultHeader = (s: IniSection): boolean => s.inner === "default" || s.inner === "profile default";
      for (const section of doc.sections) {
        checkHeader(doc, section, ctx);
        const intent = sectionIntent(doc, section);
        if (intent.kind !== "unknown") {
          const id = `${intent.kind} ${intent.name}`;
          const earlier = seen.get(id) ?? [];
          // A duplicate is the same header written again; a misspelt variant of an earlier header
          // (`[Profile dev]`, `[ default ]`, `[DEFAULT]`) is reported on its own header only.
          const same = earlier.find((e) => e.inner === section.inner);
          const otherDefault =
            doc.fileKind === "config" && isDefaultHeader(section)
              ? earlier.find((e) => isDefaultHeader(e) && e.inner !== section.inner)
              : undefined;
          const first = same ?? otherDefault;
          if (first) {
            const place = {
              file,
              range: section.header.range,
              related: [{ file, range: first.header.range, message: "First defined here." }],
            };
            if (same) ctx.report({ ...place, messageId: "duplicateSection", data: { header: `[${section.inner.trim()}]` } });
            else ctx.report({ ...place, messageId: "defaultTwice", data: {} });
          }
          seen.set(id, [...earlier, section]);
        }
        const keys = new Map<string, IniEntry>();
        const where = `[${section.inner.trim()}]`;
        for (const entry of section.entries) {
          const k = entry.key.text.toLowerCase();
          const prior = keys.get(k);
          if (prior) {
            ctx.report({
              file,
              range: entry.key.range,
              messageId: "duplicateKey",
              data: { key: entry.key.text, where },
              related: [{ file, range: prior.key.range, message: "First set here." }],
            });
          } else {
            keys.set(k, entry);
          }
          checkEntry(doc, entry, ctx);
        }
      }
    },
  },
});
