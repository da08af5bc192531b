/**
 * credential-whitespace — characters around or inside a credential that the consuming reader keeps
 * (reference §1.3, §1.6). In AWS INI files all three SDKs trim blanks around values, so what survives is:
 * wrapping quotes (botocore and the JavaScript SDK keep them), an inline comment (botocore keeps it), a
 * lone carriage return, and invisible characters such as a zero-width space pasted from a web page or chat
 * (no SDK strips those). In JS/TS code the SDK sends an option's string exactly as written, so a blank at
 * either end of a literal `accessKeyId`/`secretAccessKey`/`sessionToken` is kept too.
 *
 * Env files, scripts, Dockerfiles and CI YAML (reference §1.6: env values are never trimmed by the SDKs):
 * the reader decides. dotenv and YAML trim unquoted/plain values, so only what survives is reported —
 * blanks inside quotes, a `\r` (a CRLF `.envrc` sourced by a shell keeps it; so does `source .env`), a
 * trailing newline that a YAML block scalar (`|`, `>`) appends, invisible characters, and quotes that the
 * reader keeps as part of the value. Credential variables (key ids, secrets, tokens, client ids, tenant ids)
 * and the login actions' inputs are checked, whether their value is a literal or a `${{ secrets.X }}`
 * wrapped in blanks.
 */
import { AWS_CREDENTIAL_KEYS, isPlaceholder } from "../src/knowledge/aws-keys.js";
import { findInvisibleChars } from "../src/knowledge/strings.js";
import type { IniDocument, IniEntry } from "../src/model/aws-ini.js";
import type { Fix } from "../src/model/finding.js";
import { defineRule, type RuleContext } from "../src/model/rule.js";
import { SDK_LABEL, SDKS, syntaxOf, type Setting } from "../src/model/setting.js";
import { offsetAt, rangeOf } from "../src/model/source.js";
import { awsFieldOf } from "../src/knowledge/aws-fields.js";
import { isSecretKeyName } from "../src/knowledge/secret-names.js";
import type { SdkCall } from "../src/model/sdk-call.js";

const messages = {
  quoted: (p: { key: string }) =>
    `The quotes around ${p.key} are part of the value for botocore (AWS CLI, boto3) and the JavaScript SDK — they send a key with quotes and AWS answers InvalidClientTokenId or SignatureDoesNotMatch (only the Go SDK strips them). Remove the quotes.`,
  inlineComment: (p: { key: string }) =>
    `This inline comment is part of the value of ${p.key} for botocore (AWS CLI, boto3), which sends it to AWS, and AWS answers InvalidClientTokenId or SignatureDoesNotMatch (the JavaScript and Go SDKs strip it). Move the comment to its own line.`,
  invisible: (p: { key: string; char: string; keptBy: string }) =>
    `The value of ${p.key} contains a ${p.char}, invisible in most editors; ${p.keptBy} and AWS rejects the credential (SignatureDoesNotMatch). Delete it.`,
  codeEdgeBlank: (p: { key: string; edge: string; sender: string }) =>
    `The ${p.key} string has a ${p.edge} blank; ${p.sender} sends option values as written and AWS rejects the credential (InvalidClientTokenId or SignatureDoesNotMatch). Remove the blank.`,
  codeEscapedEdge: (p: { key: string; what: string; how: string; sender: string; fix: string }) =>
    `The ${p.key} string ${p.what}, written as ${p.how}; ${p.sender} sends it as part of the credential and AWS rejects it (InvalidClientTokenId or SignatureDoesNotMatch). ${p.fix}`,
  codeQuotes: (p: { key: string; sender: string }) =>
    `The ${p.key} string holds quote characters around the key; ${p.sender} sends them as part of the credential and AWS rejects it (InvalidClientTokenId or SignatureDoesNotMatch). Remove the inner quotes.`,
  quotedNewline: (p: { key: string; reader: string; how: string }) =>
    `The value of ${p.key} ends with a line break inside its quotes (${p.how}); ${p.reader} keeps it, the SDKs send it as part of the credential, and the cloud rejects it (InvalidClientTokenId, SignatureDoesNotMatch, AADSTS7000215). Close the quotes right after the value.`,
  envEdgeBlank: (p: { key: string; edge: string; reader: string }) =>
    `The value of ${p.key} has a ${p.edge} blank inside its quotes; ${p.reader} keeps it, the SDKs send it as written, and the cloud rejects the credential (InvalidClientTokenId, SignatureDoesNotMatch, AADSTS7000215). Remove the blank.`,
  encodedNewline: (p: { key: string; what: string }) =>
    `The base64 value of ${p.key} decodes to text that ends with ${p.what} (it was encoded with \`echo\`, which adds a newline): Kubernetes hands the decoded bytes to the container as they are, and the credential is rejected (InvalidClientTokenId / SignatureDoesNotMatch). Encode it again without the newline: \`printf %s '…' | base64\` or \`echo -n\`, or use \`stringData:\` / \`kubectl create secret generic --from-literal\`.`,
  blockNewline: (p: { key: string; indicator: string }) =>
    `The YAML block scalar \`${p.indicator}\` keeps a trailing newline, so ${p.key} ends with "\\n" and the credential is rejected (InvalidClientTokenId / SignatureDoesNotMatch / "Invalid tenant id"). Use \`${p.indicator.charAt(0)}-\` (strip) or a plain scalar.`,
  carriageReturn: (p: { key: string; reader: string }) =>
    `The value of ${p.key} ends with a carriage return (Windows line ending) that ${p.reader} keeps; the SDKs send it as part of the credential and the cloud rejects it. Save the file with LF line endings.`,
  keptQuotes: (p: { key: string; reader: string }) =>
    `The quotes around ${p.key} are part of the value for ${p.reader}: the SDKs send a credential with quotes and the cloud rejects it. Remove the inner quotes.`,
  privateKeyFromEnv: (p: { callee: string; key: string; ref: string }) =>
    `${p.callee} is given ${p.key} straight from ${p.ref}. When that variable was set from the one-line JSON of a key file (a CI secret, a single-quoted .env value, a hosting dashboard), it holds the two characters \\n where the PEM key needs line breaks, and signing fails with "error:1E08010C:DECODER routines::unsupported" (OpenSSL 3) or "PEM routines:get_name:no start line". Restore them — ${p.ref}.replace(/\\\\n/g, "\\n") — or pass the key file (keyFilename, GOOGLE_APPLICATION_CREDENTIALS), or use workload identity instead of a key.`,
  privateKeyFromEnvPython: (p: { callee: string; ref: string }) =>
    `${p.callee} is given private_key straight from ${p.ref}. When that variable was set from the one-line JSON of a key file (a CI secret, a single-quoted .env value, a hosting dashboard), it holds the two characters \\n where the PEM key needs line breaks, and google-auth fails with ValueError ("Could not deserialize key data" from cryptography, "No key could be detected." without it). Restore them — ${p.ref}.replace("\\\\n", "\\n") — or pass the key file (from_service_account_file, GOOGLE_APPLICATION_CREDENTIALS), or use workload identity instead of a key.`,
  innerBlank: (p: { key: string }) =>
    `The value of ${p.key} contains a blank; the SDKs keep it and AWS rejects the credential. Remove the blank (a key or secret never contains one).`,
};

type Ctx = RuleContext<typeof messages>;

function checkEntry(doc: IniDocument, entry: IniEntry, ctx: Ctx): void {
  const { file } = doc;
  const key = entry.key.text;
  if (!AWS_CREDENTIAL_KEYS.has(key.toLowerCase())) return;
  if (entry.quote) {
    const fix: Fix = {
      description: "Remove the quotes",
      safety: "safe",
      edits: [
        { range: { start: entry.rawValue.range.start, end: entry.intended.range.start }, text: "" },
        {
          range: { start: entry.intended.range.end, end: { line: entry.intended.range.end.line, column: entry.intended.range.end.column + 1 } },
          text: "",
        },
      ],
    };
    // The range covers the quotes themselves: they are the problem, and what the fix deletes.
    const quoted = { start: entry.rawValue.range.start, end: { line: entry.intended.range.end.line, column: entry.intended.range.end.column + 1 } };
    ctx.report({ file, range: quoted, messageId: "quoted", data: { key }, fix });
  }
  if (entry.inlineComment?.afterWhitespace) {
    const c = entry.inlineComment;
    const valueEnd = entry.intended.range.end.column + (entry.quote ? 1 : 0);
    const line = c.range.start.line;
    const lineStart = file.lineStarts[line - 1] ?? 0;
    const commentText = file.text.slice(lineStart + c.range.start.column - 1, lineStart + c.range.end.column - 1);
    const newline = file.text.includes("\r\n") ? "\r\n" : "\n";
    const at = { line, column: 1 };
    ctx.report({
      file,
      range: c.range,
      messageId: "inlineComment",
      data: { key },
      fix: {
        description: "Move the comment to its own line above",
        safety: "safe",
        edits: [
          { range: { start: at, end: at }, text: `${commentText}${newline}` },
          { range: { start: { line, column: valueEnd }, end: c.range.end }, text: "" },
        ],
      },
    });
  }
  const value = entry.intended.text;
  const base = offsetAt(file, entry.intended.range.start);
  const reported = new Set<string>();
  for (const hit of findInvisibleChars(value)) {
    if (reported.has(hit.char)) continue;
    reported.add(hit.char);
    // Which readers keep it: the JS SDK's trim() removes a U+FEFF or NBSP at the edges, botocore's strip()
    // an NBSP, Go's TrimSpace an NBSP; a zero-width space survives all three.
    const keepers = SDKS.filter((sdk) => entry.readings[sdk].value?.includes(hit.char) ?? false);
    if (keepers.length === 0) continue;
    const keptBy = keepers.length === SDKS.length ? "no SDK strips it" : `${keepers.map((k) => SDK_LABEL[k]).join(" and ")} keep${keepers.length === 1 ? "s" : ""} it`;
    const removeAll: Fix = {
      description: `Delete the ${hit.name}`,
      safety: "safe",
      edits: findInvisibleChars(value)
        .filter((h) => h.char === hit.char)
        .map((h) => ({ range: rangeOf(file, base + h.index, base + h.index + 1), text: "" })),
    };
    ctx.report({
      file,
      range: rangeOf(file, base + hit.index, base + hit.index + 1),
      messageId: "invisible",
      data: { key, char: hit.name, keptBy },
      fix: removeAll,
    });
  }
  // A placeholder with blanks ("<paste the secret here>") is malformed-credential's finding.
  const blank = value.search(/[ \t]/);
  if (blank !== -1 && !isPlaceholder(value)) {
    ctx.report({ file, range: rangeOf(file, base + blank, base + blank + 1), messageId: "innerBlank", data: { key } });
  }
}

/** What sends a code setting's value to AWS as written, by the file's language. */
function codeSender(kind: string): string {
  if (kind === "python") return "boto3";
  if (kind === "terraform" || kind === "terraform-vars") return "Terraform's AWS provider";
  if (kind === "serverless") return "the Serverless Framework";
  return "the AWS SDK for JavaScript";
}

/**
 * A literal credential option in code — JS/TS and Python SDK options, Terraform provider arguments — when its
 * range spells the value exactly (no escapes): the SDKs and the provider send it as written.
 */
function checkCodeSetting(setting: Setting, ctx: Ctx): void {
  const v = setting.value;
  if (syntaxOf(setting) !== "code" || setting.provider !== "aws" || v.kind !== "literal") return;
  const field = awsFieldOf(setting);
  if (field !== "accessKeyId" && field !== "secretAccessKey" && field !== "sessionToken") return;
  if (v.value.trim() === "" || isPlaceholder(v.value.trim())) return;
  const { file } = setting;
  const key = setting.key.text;
  // `"'AKIA…'"`: quotes pasted inside the literal are part of the string.
  const t = v.value.trim();
  if (t.length >= 2 && /^["'`]/.test(t) && t.endsWith(t.charAt(0))) {
    if (!isPlaceholder(t.slice(1, -1))) ctx.report({ file, range: v.range, messageId: "codeQuotes", data: { key, sender: codeSender(file.kind) } });
    return;
  }
  if (v.raw.slice(1, -1) !== v.value) {
    // Escapes, triple quotes or a heredoc: the blank is in the decoded value, not where the source spells it.
    checkDecodedEdges(setting, v.raw, v.value, ctx);
    return;
  }
  const base = offsetAt(file, v.range.start);
  const lead = /^[ \t\r\n]+/.exec(v.value)?.[0].length ?? 0;
  const trail = /[ \t\r\n]+$/.exec(v.value)?.[0].length ?? 0;
  const edge = (from: number, to: number, name: string): void => {
    const range = rangeOf(file, base + from, base + to);
    ctx.report({ file, range, messageId: "codeEdgeBlank", data: { key, edge: name, sender: codeSender(file.kind) }, fix: { description: "Remove the blank", safety: "safe", edits: [{ range, text: "" }] } });
  };
  if (lead > 0) edge(0, lead, "leading");
  if (trail > 0) edge(v.value.length - trail, v.value.length, /[\r\n]/.test(v.value.slice(-trail)) ? "trailing line break or" : "trailing");
  const reported = new Set<string>();
  for (const hit of findInvisibleChars(v.value)) {
    if (reported.has(hit.char)) continue;
    reported.add(hit.char);
    const range = rangeOf(file, base + hit.index, base + hit.index + 1);
    ctx.report({
      file,
      range,
      messageId: "invisible",
      data: { key, char: hit.name, keptBy: `${codeSender(file.kind)} sends it as written` },
      fix: {
        description: `Delete the ${hit.name}`,
        safety: "safe",
        edits: findInvisibleChars(v.value)
          .filter((h) => h.char === hit.char)
          .map((h) => ({ range: rangeOf(file, base + h.index, base + h.index + 1), text: "" })),
      },
    });
  }
  const inner = v.value.slice(lead, v.value.length - trail).search(/[ \t]/);
  if (inner !== -1) ctx.report({ file, range: rangeOf(file, base + lead + inner, base + lead + inner + 1), messageId: "innerBlank", data: { key } });
}

/** A blank or line break at either end of a code literal that the source writes with an escape, triple quotes or a heredoc. */
function checkDecodedEdges(setting: Setting, raw: string, value: string, ctx: Ctx): void {
  const trail = /[ \t\r\n]+$/.exec(value)?.[0];
  const lead = /^[ \t\r\n]+/.exec(value)?.[0];
  const edge = trail ?? lead;
  if (!edge) return;
  const newline = /[\r\n]/.test(edge);
  const what = `${trail ? "ends" : "starts"} with ${newline ? "a line break" : "a blank"}`;
  const heredoc = /^<<-?/.test(raw);
  const triple = /^[rRbBuUfF]*("""|''')/.test(raw);
  const how = heredoc
    ? "the heredoc's last line break, which Terraform keeps"
    : triple
      ? "a triple-quoted string"
      : /\\[nrt]/.test(raw)
        ? "an escape sequence"
        : "part of the string";
  const fix = heredoc ? "Wrap it in `chomp()` or write a quoted string." : "Write the key on one line, without the escape or blank.";
  ctx.report({ file: setting.file, range: setting.value.range, messageId: "codeEscapedEdge", data: { key: setting.key.text, what, how, sender: codeSender(setting.file.kind), fix } });
}

/** Env variables and action inputs that carry a credential or an identity id. */
const CREDENTIAL_VARS = new Set([
  "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET", "AZURE_TENANT_ID", "AZURE_SUBSCRIPTION_ID", "AZURE_CLIENT_CERTIFICATE_PASSWORD",
  "ARM_CLIENT_ID", "ARM_CLIENT_SECRET", "ARM_TENANT_ID", "ARM_SUBSCRIPTION_ID", "ARM_ACCESS_KEY",
  "AZURE_STORAGE_KEY", "AZURE_STORAGE_CONNECTION_STRING", "GOOGLE_APPLICATION_CREDENTIALS", "GOOGLE_CREDENTIALS",
]);
const CREDENTIAL_INPUTS = new Set([
  "aws-access-key-id", "aws-secret-access-key", "aws-session-token", "role-to-assume",
  "creds", "client-id", "tenant-id", "subscription-id", "credentials_json", "workload_identity_provider", "service_account", "role_arn",
]);

function isCredentialEnvSetting(setting: Setting): boolean {
  const key = setting.key.text;
  if (setting.syntax === "input") return CREDENTIAL_INPUTS.has(key) || (CREDENTIAL_VARS.has(key) || /^AWS_(?:ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|OIDC_ROLE_ARN)$/.test(key));
  if (setting.syntax !== "env") return false;
  const field = awsFieldOf(setting);
  return field === "accessKeyId" || field === "secretAccessKey" || field === "sessionToken" || field === "roleArn" || CREDENTIAL_VARS.has(key) || isSecretKeyName(key);
}

/** Which reader decoded the value, for messages. */
/** A variable of a Bitbucket pipe (`- pipe: …` with `variables:`), read by the pipe from its environment. */
function isPipeVariable(setting: Setting): boolean {
  return setting.file.kind === "bitbucket-pipelines" && setting.where.startsWith("pipe ");
}

function readerOf(setting: Setting): string {
  switch (setting.file.kind) {
    case "dotenv":
      return setting.file.path.endsWith(".envrc") ? "the shell that sources .envrc" : "the dotenv reader";
    case "shell":
      return "the shell";
    case "dockerfile":
      return "Docker";
    case "kubernetes":
      return "Kubernetes";
    case "docker-compose":
      return "Docker Compose";
    default:
      return "YAML";
  }
}

/** The text between a quoted value's quotes, when the raw text spells it exactly (no escapes). */
function quotedInner(setting: Setting): { text: string; offset: number } | undefined {
  const v = setting.value;
  const style = setting.style;
  if (style !== "double" && style !== "single" && style !== "backtick") return undefined;
  const inner = v.raw.slice(1, -1);
  if (v.kind === "literal" && inner !== v.value) return undefined;
  return { text: inner, offset: offsetAt(setting.file, v.range.start) + 1 };
}

/** The block scalar header (`|`, `>-`, `|+2`) of a YAML value, when it is one. */
function blockIndicator(setting: Setting): string | undefined {
  if (setting.style !== "literal" && setting.style !== "folded") return undefined;
  return /^[|>][+-]?\d?[+-]?/.exec(setting.value.raw)?.[0];
}

function checkEnvSetting(setting: Setting, ctx: Ctx): void {
  // Example and template copies are never read as env files (src/scan/classify.ts): no liveness check here.
  if (!isCredentialEnvSetting(setting)) return;
  // A Kubernetes Secret's or ConfigMap's key that is not a variable name (`sshPrivateKey`, `config.secret.yaml`,
  // `.htpasswd`) is a file when mounted, and a file may well end with a newline.
  if (setting.file.kind === "kubernetes" && /^(?:Secret|ConfigMap) /.test(setting.where) && !/^[A-Z][A-Z0-9_]*$/.test(setting.key.text)) return;
  const { file } = setting;
  const key = setting.key.text;
  const v = setting.value;
  const reader = readerOf(setting);
  // Action inputs go through @actions/core getInput, which trims blanks and line breaks at both ends:
  // only what survives trim() matters there (quotes kept as text, a zero-width space). A Bitbucket pipe's
  // `variables:` are not: Bitbucket starts the pipe's container with them as environment variables, which the
  // pipe reads as they are (bitbucket-pipes-toolkit's get_variable is os.getenv), so a block scalar's final
  // newline reaches the SDK.
  const trimmed = setting.syntax === "input" && !isPipeVariable(setting);
  // Blanks inside quotes: kept by dotenv, shells and YAML alike.
  const inner = quotedInner(setting);
  if (!trimmed && inner && inner.text.trim() !== "" && !isPlaceholder(inner.text.trim())) {
    const lead = /^[ \t]+/.exec(inner.text)?.[0].length ?? 0;
    const trail = /[ \t]+$/.exec(inner.text)?.[0].length ?? 0;
    const edge = (from: number, to: number, name: string): void => {
      const range = rangeOf(file, inner.offset + from, inner.offset + to);
      ctx.report({ file, range, messageId: "envEdgeBlank", data: { key, edge: name, reader }, fix: { description: "Remove the blank", safety: "safe", edits: [{ range, text: "" }] } });
    };
    if (lead > 0) edge(0, lead, "leading");
    if (trail > 0 && trail < inner.text.length) edge(inner.text.length - trail, inner.text.length, "trailing");
  }
  // A line break before the closing quote, or a `\n` that the reader expands (dotenv's double quotes): kept.
  if (!trimmed && v.kind === "literal" && /^(?:double|single|backtick)$/.test(setting.style ?? "") && /\n$/.test(v.value) && v.value.trim() !== "" && !v.value.includes("-----BEGIN ")) {
    const how = /\\n["'`]?$/.test(v.raw) ? "written `\\n`" : "a line break before the closing quote";
    ctx.report({ file, range: v.range, messageId: "quotedNewline", data: { key, reader, how } });
  }
  // A block scalar keeps its final newline unless chomped with `-` — also around a `${{ secrets.X }}`.
  const indicator = blockIndicator(setting);
  // A PEM or OpenSSH private key needs its final newline (OpenSSH refuses a key file without one).
  const pem = v.kind === "literal" && v.value.includes("-----BEGIN ");
  if (!trimmed && indicator && !pem && !indicator.includes("-") && v.raw.slice(indicator.length).trim() !== "") {
    const header = offsetAt(file, v.range.start);
    const chomp = indicator.includes("+") ? indicator.replace("+", "-") : `${indicator.charAt(0)}-${indicator.slice(1)}`;
    const range = rangeOf(file, header, header + indicator.length);
    ctx.report({ file, range, messageId: "blockNewline", data: { key, indicator }, fix: { description: `Use ${chomp}`, safety: "safe", edits: [{ range, text: chomp }] } });
  }
  if (v.kind !== "literal") return;
  const value = v.value;
  // A Kubernetes Secret's base64 `data:` value (style `base64`): what it decodes to is what the container gets.
  if (setting.style === "base64") {
    const tail = /[ \t\r\n]+$/.exec(value)?.[0];
    if (tail && value.trim() !== "") ctx.report({ file, range: v.range, messageId: "encodedNewline", data: { key, what: tail.includes("\n") ? "a newline" : "a blank" } });
    return;
  }
  const cr = trimmed ? -1 : value.indexOf("\r");
  const shellValue = setting.alternatives?.find((a) => a.value.includes("\r"));
  if (cr !== -1 || shellValue) {
    const lineEnd = offsetAt(file, v.range.end);
    const at = file.text.charAt(lineEnd) === "\r" ? lineEnd : offsetAt(file, v.range.end) - 1;
    const range = rangeOf(file, at, at + 1);
    // A CRLF .env is fine for the dotenv package and only breaks when a shell sources it: a warning there.
    const onlyShell = cr === -1 && !file.path.endsWith(".envrc");
    ctx.report({ file, range, messageId: "carriageReturn", data: { key, reader: cr !== -1 ? reader : (shellValue?.reader ?? "a shell") }, ...(onlyShell ? { severity: "warning" as const } : {}) });
  }
  const t = value.trim();
  if (t.length >= 2 && /^["'`]/.test(t) && t.endsWith(t.charAt(0))) {
    ctx.report({ file, range: v.range, messageId: "keptQuotes", data: { key, reader: trimmed ? "the action" : reader } });
  }
  const reported = new Set<string>();
  const base = offsetAt(file, v.range.start);
  const shift = inner ? 1 : 0;
  const exact = v.raw === value || shift === 1;
  for (const hit of findInvisibleChars(value)) {
    if (reported.has(hit.char) || !exact) continue;
    if (trimmed && value.trim() !== value && (hit.index === 0 || hit.index === value.length - 1)) continue;
    reported.add(hit.char);
    const range = rangeOf(file, base + shift + hit.index, base + shift + hit.index + 1);
    ctx.report({ file, range, messageId: "invisible", data: { key, char: hit.name, keptBy: `${reader} keeps it and the SDKs send it` } });
  }
}

export default defineRule({
  meta: {
    id: "credential-whitespace",
    description: "Report whitespace, quotes and invisible characters that end up inside a credential",
    provider: "any",
    severity: "error",
    securitySeverity: 2.0,
    precision: "very-high",
    tags: ["correctness"],
    help: {
      why: "AWS signs every request with the secret key and checks the key id exactly. A character the reader keeps — wrapping quotes, an inline comment (botocore keeps it), a carriage return from a Windows line ending, a zero-width or non-breaking space pasted from a chat or a web page — becomes part of the credential, and AWS answers InvalidClientTokenId or SignatureDoesNotMatch although the key \"looks right\".",
      fix: "Delete the extra characters: no quotes around values in AWS INI files, comments on their own lines, and retype or re-paste the key from the IAM console or `aws configure`. The fix removes invisible characters and quotes safely.",
    },
    fixable: true,
    messages,
  },
  check: {
    awsIniFile(doc, ctx) {
      for (const section of doc.sections) for (const entry of section.entries) checkEntry(doc, entry, ctx);
    },
    setting(setting, ctx) {
      if (setting.syntax === "env" || setting.syntax === "input") checkEnvSetting(setting, ctx);
      else checkCodeSetting(setting, ctx);
    },
    sdkCall(call, ctx) {
      checkGcpPrivateKey(call, ctx);
    },
  },
});

/**
 * A GCP service-account `private_key` read from an environment variable as it is (reference §5.2): google-auth-library
 * takes `credentials.private_key` (and `new JWT({ key })`) verbatim — `this.key = json.private_key` in `JWT.fromJSON`
 * (googleapis/google-auth-library-nodejs `src/auth/jwtclient.ts`) — so a variable that holds the JSON-escaped key,
 * with the two characters `\n` for each line break, reaches OpenSSL as one line (googleapis/google-cloud-node#272,
 * googleapis/google-api-nodejs-client#2965, theoephraim/node-google-spreadsheet#46). A warning: the variable may hold
 * real line breaks (the dotenv package expands `\n` in double-quoted values), which credlint cannot see. Only a
 * bare reference is reported: `process.env.X.replace(…)`, `JSON.parse(…)` or a helper are taken as handling it.
 */
function checkGcpPrivateKey(call: SdkCall, ctx: Ctx): void {
  if (call.provider !== "gcp") return;
  if (call.file.kind === "python") {
    // google-auth: `service_account.Credentials.from_service_account_info({"private_key": os.environ["X"], …})`
    // hands the string to `crypt.RSASigner.from_service_account_info` → `from_string` → cryptography's
    // `load_pem_private_key` (or python-rsa's PEM reader) as it is (googleapis/google-auth-library-python
    // `google/auth/crypt/_cryptography_rsa.py`, `_python_rsa.py`).
    const s = call.get("private_key");
    if (s?.value.kind !== "reference" || !s.value.target.startsWith("os.environ[")) return;
    ctx.report({
      file: s.file,
      range: s.value.range,
      severity: "warning",
      confidence: "medium",
      messageId: "privateKeyFromEnvPython",
      data: { callee: `\`${call.shown ?? `${call.display}(…)`}\``, ref: s.value.target },
    });
    return;
  }
  const jwt = /(?:^|\.)JWT$/.test(call.display);
  const setting = call.get("private_key") ?? (jwt ? call.get("key") : undefined);
  const v = setting?.value;
  if (!setting || v?.kind !== "reference" || !/^(?:process\.env\.|import\.meta\.env\.|Deno\.env\.get\()/.test(v.target)) return;
  const callee = `\`new ${call.display}(…)\``;
  const key = call.credentials && setting.key.text === "private_key" ? "credentials.private_key" : setting.key.text;
  ctx.report({
    file: setting.file,
    range: v.range,
    severity: "warning",
    confidence: "medium",
    messageId: "privateKeyFromEnv",
    data: { callee, key, ref: v.target },
  });
}
