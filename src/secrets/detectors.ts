/**
 * The built-in secret detectors: one RE2-compatible pattern each (no lookaround, no backreferences — the
 * boundary a lookbehind would give is matched and the secret taken from a capture group), the keywords that
 * must appear in a file before the pattern runs, and a check that turns a match into a candidate or drops
 * it. Formats: reference §2.1–2.4 (AWS), §4.2–4.3 (Azure), §5.2–5.4 (GCP).
 *
 * Deliberately missed: secrets split across string concatenations (except PEM bodies), values built at run
 * time, base64-encoded secrets inside other encodings, and 40-character AWS secrets that are neither bound
 * to a secret-key name nor within a few lines of a key id (a bare 40-character base64 string is as likely
 * a hash or an id).
 */
import { AWS_SECRET_KEY_FALSE_POSITIVE_RE, AWS_SECRET_KEY_RE } from "../knowledge/aws-keys.js";
import { credentialName, isReferenceValue, isSecretPlaceholder, type CredentialName } from "../knowledge/secrets.js";
import type { CustomSecretPattern } from "../model/config.js";
import type { SecretKind } from "../model/secret.js";
import type { Provider } from "../model/setting.js";
import { looksRandom, shannonEntropy, UUID_RE } from "./entropy.js";
import type { PatternFlags, RegexMatch } from "./regex.js";

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A detector's verdict on one match: where the secret is, what it is, and the name it is bound to. */
export interface SecretMatch extends Span {
  readonly kind: SecretKind;
  readonly provider: Provider;
  readonly label: string;
  readonly name?: Span;
  /** For a match of the config's own patterns (`secretPatterns`). */
  readonly pattern?: CustomSecretPattern;
  /** Higher wins where two matches overlap (a PEM inside a service-account key is the key's). */
  readonly priority: number;
}

export interface DetectContext {
  readonly text: string;
  /** Not-live files (docs, samples, fixtures named as such): generic values must be clearly random. */
  readonly strict: boolean;
  /** Whether the file also mentions a GCP service account (for `private_key` in service-account JSON). */
  readonly serviceAccount: boolean;
  /** Program source: only quoted literals are values there. */
  readonly code: boolean;
  /** A `.netrc`, where `password VALUE` binds without an operator. */
  readonly netrc: boolean;
}

export interface Detector {
  readonly id: string;
  /** Lower-case strings, one of which must occur in the (lower-cased) file for the pattern to run. */
  readonly keywords: readonly string[];
  readonly pattern: string;
  /** The pattern for program source (`DetectContext.code`), where it can skip what `extract` drops there anyway. */
  readonly codePattern?: string;
  readonly flags?: PatternFlags;
  /** Whether the detector also runs on generated files (lockfiles, minified bundles, source maps). */
  readonly inGenerated: boolean;
  /**
   * Whether a match can span lines. Single-line patterns run only over the lines that hold one of the
   * keywords (the same matches, found without scanning the rest of the file).
   */
  readonly multiLine?: boolean;
  /** For a pattern spanning two lines: how many lines before a keyword line a match may start. */
  readonly linesBefore?: number;
  /**
   * A cheap test that the text of every match's window — its keyword line and the `linesBefore` lines above
   * it — passes: keyword lines whose window fails it are not matched. Only for a detector whose keyword is
   * common where its pattern rarely matches (each keyword line is a call into the regex engine).
   */
  readonly windowTest?: RegExp;
  extract(match: RegexMatch, ctx: DetectContext): SecretMatch | undefined;
}

export const PRIORITY = { block: 10, shape: 8, bound: 6, url: 5, pairedAws: 4, generic: 3 } as const;

function group(m: RegexMatch, i: number): Span | undefined {
  const g = m.groups[i - 1];
  return g ? { start: g[0], end: g[1] } : undefined;
}

function slice(text: string, s: Span): string {
  return text.slice(s.start, s.end);
}

const B64_CHAR = /[A-Za-z0-9+/]/;

/**
 * Whether a span sits inside a longer run of base64 (a data URI, an embedded image or font, a PEM body): a
 * key-shaped substring of random base64 is chance, not a key.
 */
export function insideBase64Run(text: string, s: Span): boolean {
  let left = 0;
  for (let i = s.start - 1; i >= 0 && B64_CHAR.test(text.charAt(i)); i--) left++;
  let right = 0;
  for (let i = s.end; i < text.length && /[A-Za-z0-9+/=]/.test(text.charAt(i)); i++) right++;
  return left + right >= 16;
}

function shape(
  id: string,
  keywords: readonly string[],
  pattern: string,
  kind: SecretKind,
  provider: Provider,
  label: string,
  valid: (value: string, ctx: DetectContext, s: Span) => boolean = () => true,
): Detector {
  return {
    id,
    keywords,
    pattern,
    inGenerated: true,
    extract(m, ctx) {
      const s = group(m, 1);
      if (!s || insideBase64Run(ctx.text, s)) return undefined;
      const value = slice(ctx.text, s);
      if (!valid(value, ctx, s)) return undefined;
      return { ...s, kind, provider, label, priority: PRIORITY.shape };
    },
  };
}

/** `X` delimited by characters that cannot continue a token of alphabet `cls`. */
function delimited(cls: string, body: string): string {
  return String.raw`(?:^|[^${cls}])(${body})(?:[^${cls}]|$)`;
}

const SERVICE_TOKENS: readonly (readonly [id: string, keywords: readonly string[], body: string, label: string, cls: string])[] = [
  ["github-token", ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"], String.raw`(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}`, "GitHub token", "A-Za-z0-9_"],
  ["github-fine-grained-token", ["github_pat_"], String.raw`github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}`, "GitHub fine-grained token", "A-Za-z0-9_"],
  ["gitlab-token", ["glpat-"], String.raw`glpat-[A-Za-z0-9_-]{20}`, "GitLab personal access token", "A-Za-z0-9_-"],
  ["slack-token", ["xox"], String.raw`xox[abposr]-[0-9]{6,}-[0-9A-Za-z-]{8,}`, "Slack token", "A-Za-z0-9_-"],
  ["slack-webhook", ["hooks.slack.com"], String.raw`https://hooks\.slack\.com/services/T[A-Z0-9]{6,}/B[A-Z0-9]{6,}/[A-Za-z0-9]{20,}`, "Slack webhook URL", "A-Za-z0-9_/"],
  ["stripe-live-key", ["_live_"], String.raw`(?:sk|rk)_live_[0-9A-Za-z]{20,}`, "Stripe live secret key", "A-Za-z0-9_"],
  ["npm-token", ["npm_"], String.raw`npm_[A-Za-z0-9]{36}`, "npm access token", "A-Za-z0-9_"],
  ["sendgrid-key", ["sg."], String.raw`SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}`, "SendGrid API key", "A-Za-z0-9_.-"],
  ["openai-key", ["t3blbkfj"], String.raw`sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}`, "OpenAI API key", "A-Za-z0-9_-"],
  ["anthropic-key", ["sk-ant-"], String.raw`sk-ant-(?:api|admin)[0-9]{2}-[A-Za-z0-9_-]{80,}`, "Anthropic API key", "A-Za-z0-9_-"],
  ["pypi-token", ["pypi-"], String.raw`pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}`, "PyPI API token", "A-Za-z0-9_-"],
  ["digitalocean-token", ["dop_v1_", "doo_v1_", "dor_v1_"], String.raw`do[opr]_v1_[a-f0-9]{64}`, "DigitalOcean token", "A-Za-z0-9_"],
  ["shopify-token", ["shpat_", "shpca_", "shppa_", "shpss_"], String.raw`shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}`, "Shopify access token", "A-Za-z0-9_"],
  ["huggingface-token", ["hf_"], String.raw`hf_[A-Za-z]{34}`, "Hugging Face token", "A-Za-z0-9_"],
];

/** A token's random part (after its `prefix_`) is no placeholder and has some entropy. */
function randomTail(value: string): boolean {
  const tail = value.replace(/^[a-z]+[_-]/i, "");
  return !isSecretPlaceholder(tail) && shannonEntropy(tail) >= 3.0;
}

const PEM_BODY_NOISE = /\\[nrt]|["'`+,;\s]|^[\w-]+:.*$/gm;

/** A credential-ish name (group 1) and what binds it (group 2): an operator, `", ` between call arguments, or spaces. */
const ASSIGNMENT_NAME = String.raw`(?:^|[^A-Za-z0-9_$])((?:[A-Za-z_$][A-Za-z0-9_.$-]*?)?(?:pass|pwd|secret|token|key|auth|cred|sig|dsn|conn|pat|jwt|bearer)[A-Za-z0-9_.-]*)(["'\x60][ \t]*,[ \t]*|["'\x60]?\]?[ \t]*(?::=|=>|===?|!==?|:|=)[ \t]*|[ \t]+)`;
/** A quoted value (groups 3–5) or one after an auth scheme (group 6). */
const QUOTED_VALUE = String.raw`"([^"\r\n]{6,})"|'([^'\r\n]{6,})'|\x60([^\x60\r\n]{6,})\x60|(?:Bearer|Basic|Token|Bot)[ \t]+([^\s"'\x60,;&(){}\[\]<>#|\\]{6,})`;
/** An unquoted value (group 7). */
const BARE_VALUE = String.raw`([^\s"'\x60,;&(){}\[\]<>#|\\]{6,})`;

const ASSIGNMENT = `${ASSIGNMENT_NAME}(?:${QUOTED_VALUE}|${BARE_VALUE})`;

/** Longest value or name the generic detectors consider (the patterns are unbounded: counted repetitions are slow in RE2). */
const MAX_VALUE = 500;
const MAX_NAME = 120;

const AUTH_SCHEME = /^(?:Bearer|Basic|Token|token|bearer|Bot|Digest)\s+/;

const GENERIC_LABEL: Readonly<Record<CredentialName, string>> = {
  "aws-access-key-id": "AWS access key ID",
  "aws-secret-access-key": "AWS secret access key",
  "aws-session-token": "AWS session token",
  "azure-account-key": "Azure account key",
  "azure-client-secret": "Azure client secret",
  password: "password",
  secret: "secret",
  token: "token",
  key: "API key",
};

const AZURE_ACCOUNT_KEY_SHAPE = /^[A-Za-z0-9+/]{86}==$/;

/**
 * Classifies a value bound to a credential-ish name. Provider-specific names and shapes go to the
 * provider's kind; anything else random enough is a generic secret.
 */
export function classifyBound(
  nameKind: CredentialName,
  value: string,
  strict: boolean,
): Pick<SecretMatch, "kind" | "provider" | "label" | "priority"> | undefined {
  // `\$VAR` is a reference escaped for the layer above it (a shell line inside YAML, a Makefile).
  const unescaped = value.replace(/\\(?=\$)/g, "");
  if (isReferenceValue(unescaped) || value.includes("${") || value.includes("{{")) return undefined;
  if (nameKind === "aws-access-key-id") return undefined; // the key-id detector owns the shape
  if (nameKind === "aws-secret-access-key") {
    if (AWS_SECRET_KEY_RE.test(value) && !AWS_SECRET_KEY_FALSE_POSITIVE_RE.test(value)) {
      return { kind: "aws-secret-access-key", provider: "aws", label: "AWS secret access key", priority: PRIORITY.bound };
    }
    return undefined; // wrong length or alphabet: malformed-credential's, not a leak
  }
  if (nameKind === "aws-session-token") {
    if (/^[A-Za-z0-9/+=]{100,}$/.test(value)) {
      return { kind: "aws-session-token", provider: "aws", label: "AWS session token", priority: PRIORITY.bound };
    }
    return undefined;
  }
  if (AZURE_ACCOUNT_KEY_SHAPE.test(value) && nameKind !== "password") {
    return { kind: "azure-storage-key", provider: "azure", label: "Azure account key", priority: PRIORITY.bound };
  }
  if (UUID_RE.test(value)) return undefined; // an id (for an Azure secret: its *id*, a malformed-credential)
  if (isSecretPlaceholder(value) || !looksRandom(value, strict)) return undefined;
  // Base64 of text (`ZXhhbXBsZS1zZWNyZXQ=`) is judged as the text its consumer decodes.
  const decoded = base64Text(value);
  if (decoded !== undefined && (isSecretPlaceholder(decoded) || !looksRandom(decoded, strict))) return undefined;
  if (nameKind === "azure-client-secret") {
    return { kind: "azure-client-secret", provider: "azure", label: "Azure client secret", priority: PRIORITY.bound };
  }
  return { kind: "generic", provider: "generic", label: GENERIC_LABEL[nameKind], priority: PRIORITY.generic };
}

/** The text a base64 value decodes to, when it is printable text (not random bytes). */
export function base64Text(value: string): string | undefined {
  if (value.length < 12 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(value) || (value.includes("=") && value.length % 4 !== 0)) return undefined;
  const bytes = Buffer.from(value.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  if (bytes.length < 8) return undefined;
  for (const b of bytes) if (b < 0x20 || b > 0x7e) return undefined;
  return bytes.toString("latin1");
}

/** `Word=…;Word=…`: at least two `key=value` parts, as connection strings are written. */
const CONNECTION_STRING = /^\s*[A-Za-z][\w .-]*=[^;]*;\s*[A-Za-z][\w .-]*=/;

/** The credential part of a `key=value;…` connection string, judged like any bound value. */
function connectionStringPart(text: string, span: Span, strict: boolean): SecretMatch | undefined {
  let offset = span.start;
  for (const part of text.slice(span.start, span.end).split(";")) {
    const eq = part.indexOf("=");
    const key = eq > 0 ? part.slice(0, eq).trim() : "";
    const kind = key === "" ? undefined : credentialName(key);
    const valueStart = offset + eq + 1;
    const v = part.slice(eq + 1).trim();
    const c = kind && v !== "" ? classifyBound(kind, v, strict) : undefined;
    if (c) {
      const start = valueStart + part.slice(eq + 1).indexOf(v);
      const nameStart = offset + part.indexOf(key);
      return { start, end: start + v.length, ...c, name: { start: nameStart, end: nameStart + key.length } };
    }
    offset += part.length + 1;
  }
  return undefined;
}

/** `X_AWS_EC2_METADATA_TOKEN = "x-aws-ec2-metadata-token"`, `PASSWORD: "password"`: a constant naming itself. */
function echoesName(name: string, value: string): boolean {
  const squash = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, "");
  const n = squash(name);
  const v = squash(value);
  return v.length > 0 && (n.includes(v) || v.includes(n));
}

/**
 * Whether a quoted value is the whole value bound to the name, not a piece of an expression: the text after
 * its closing quote does not continue it (`"…" + x`, `"…" . $x`, `"…" % args`, `"…".format(…)`, `"…" || d`)
 * and does not show it was a type annotation (`dsn: "Optional[str]" = None`); and it is not the gap between
 * two string literals (`"…&api_key=" + match + "&country=US"` reads ` + match + ` as the quoted value).
 */
function isWholeLiteral(text: string, value: Span, raw: string): boolean {
  const after = text.slice(value.end + 1, value.end + 16);
  if (/^[ \t]*(?:[+%.]|\|\||\?\?|=(?!=)|\[)/.test(after)) return false;
  return !/^\s*[+.]\s|\s[+.]\s*$/.test(raw);
}

function lineStartBefore(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

/**
 * `pat` as the end of a name: followed by what can follow a name's last letter in ASSIGNMENT_NAME (a digit,
 * `_ . -`, a quote, `]`, an operator, a blank). `credentialName` takes `pat` only as a name's last segment
 * (`GITHUB_PAT`); `path`, `pathType`, `mountPath`, `pattern` — 28% of this detector's matches on charts,
 * localstack and serverless, none of them a candidate — are not keywords.
 */
const PAT_ENDS = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "_", ".", "-", '"', "'", "`", "]", ":", "=", "!", " ", "\t"].map((c) => `pat${c}`);

const assignment: Detector = {
  id: "credential-assignment",
  // Every name `credentialName` takes ends in one of these words (a connection string's part too, on the same
  // line): `sig` is in no credential name (`signing_key` has `key`), so lines that have only it are not matched.
  keywords: ["pass", "pwd", "secret", "token", "key", "auth", "cred", "dsn", "conn", "jwt", "bearer", ...PAT_ENDS],
  pattern: ASSIGNMENT,
  // In code an unquoted value is an identifier or an expression, never a bound literal (`extract` drops it):
  // not matching it at all spares the engine's capture pass for three in five matches on Python-heavy trees.
  codePattern: `${ASSIGNMENT_NAME}(?:${QUOTED_VALUE})`,
  flags: { ignoreCase: true, multiline: true },
  inGenerated: false,
  extract(m, ctx) {
    const name = group(m, 1);
    const op = group(m, 2);
    if (!name || !op) return undefined;
    const text = ctx.text;
    if (name.end - name.start > MAX_NAME) return undefined;
    const nameText = slice(text, name);
    const opText = slice(text, op);
    // `${DB_PASSWORD:default}` (Spring, shell `${X:-d}`): the name of a reference, and its default.
    if (text.slice(Math.max(0, name.start - 2), name.start) === "${") return undefined;
    // `arn:aws:secretsmanager:…:secret:name-??????`: the resource type of an ARN, not a name bound to a value.
    if (/\barn:[\w-]*:[^\s"'\x60]*:$/.test(text.slice(lineStartBefore(text, name.start), name.start))) return undefined;
    // A comparison (`if token == "…"`, `password !== "…"`) tests a value; it does not bind one.
    if (/[=!]=/.test(opText)) return undefined;
    if (opText.trim() === "") {
      // `NAME value` binds only as a Dockerfile ENV line, a `--flag value` argument or a .netrc entry.
      const before = text.slice(lineStartBefore(text, name.start), name.start);
      if (!/^\s*ENV\s+$/i.test(before) && !before.endsWith("--") && !ctx.netrc) return undefined;
    }
    if (opText.includes(",")) {
      // `define('DB_PASSWORD', '…')`, `headers.set("X-Api-Key", "…")`: the first two arguments of a call,
      // a quoted name then a quoted value (not any two strings in a list).
      // A tuple or a list (`("auth", "0013_auto")`) is not a call: the `(` must follow a callee's name.
      const quote = text.charAt(name.start - 1);
      const before = text.slice(lineStartBefore(text, name.start), name.start - 1).trimEnd();
      if (!/["'\x60]/.test(quote) || opText.charAt(0) !== quote || !/[A-Za-z_$][\w$]*[ \t]*\($/.test(before)) return undefined;
    }
    let value: Span | undefined;
    let bare = false;
    for (const i of [3, 4, 5, 6]) value ??= group(m, i);
    if (!value) {
      value = group(m, 7);
      bare = true;
    }
    if (!value || value.end - value.start > MAX_VALUE) return undefined;
    let raw = slice(text, value);
    if (!bare && !isWholeLiteral(text, value, raw)) return undefined;
    if (bare) {
      // In code an unquoted value is an identifier or an expression; after a comparison it is never bound.
      if (ctx.code || /[=!]=/.test(opText)) return undefined;
      const next = text.charAt(value.end);
      if (next === "(" || next === "[" || next === "{") return undefined; // a call or an index: code, not a literal
      const trimmed = raw.replace(/[.:]+$/, "");
      value = { start: value.start, end: value.start + trimmed.length };
      raw = trimmed;
    }
    if (raw.includes("=") && (raw.includes(";") || text.charAt(value.end) === ";")) {
      // A connection string (`Server=…;Password=…;`, `…;AccountKey=…`): its secret is one of its parts.
      let end = value.end;
      if (bare) while (end < text.length && !/[\s"'\x60]/.test(text.charAt(end))) end++;
      const whole = { start: value.start, end };
      if (CONNECTION_STRING.test(slice(text, whole))) return connectionStringPart(text, whole, ctx.strict);
    }
    const scheme = AUTH_SCHEME.exec(raw);
    if (scheme) {
      value = { start: value.start + scheme[0].length, end: value.end };
      raw = raw.slice(scheme[0].length);
    }
    const kind = credentialName(nameText);
    if (!kind || echoesName(nameText, raw)) return undefined;
    const c = classifyBound(kind, raw, ctx.strict);
    return c ? { ...value, ...c, name } : undefined;
  },
};

const xmlElement: Detector = {
  id: "credential-xml-element",
  keywords: ["</"],
  pattern: String.raw`<([A-Za-z_][A-Za-z0-9_.:-]*)>([^<>\s]{6,})</`,
  inGenerated: false,
  extract(m, ctx) {
    const name = group(m, 1);
    const value = group(m, 2);
    if (!name || !value || value.end - value.start > MAX_VALUE || name.end - name.start > MAX_NAME) return undefined;
    const kind = credentialName(slice(ctx.text, name));
    const c = kind && classifyBound(kind, slice(ctx.text, value), ctx.strict);
    return c ? { ...value, ...c, name } : undefined;
  },
};

/**
 * A name and a value given as two fields: Kubernetes / compose `env` entries (`- name: DB_PASSWORD` then
 * `value: …` on the next line), ECS task definitions and Postman collections (`"name"|"key": "…",
 * "value": "…"`), .NET `<add key="…" value="…">`.
 */
const nameValuePair: Detector = {
  id: "credential-name-value-pair",
  keywords: ["value"],
  linesBefore: 1,
  // A match names its field (`name:`/`key=`) on the value's line or the one above: data files full of
  // `"Value": {…}` objects (moto's AMI lists: 68,000 keyword lines, 3 matches) need no pattern run.
  windowTest: /(?:name|key)["']?[ \t]*[:=]/i,
  pattern: String.raw`(?:^|[^A-Za-z0-9_])["']?(?:name|key)["']?[ \t]*[:=][ \t]*["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?[ \t]*,?[ \t]*(?:\r?\n[ \t]*)?["']?value["']?[ \t]*[:=][ \t]*(?:"([^"\r\n]{6,})"|'([^'\r\n]{6,})'|([^\s"',{}\[\]#]{6,}))`,
  flags: { ignoreCase: true },
  inGenerated: false,
  extract(m, ctx) {
    const name = group(m, 1);
    const value = group(m, 2) ?? group(m, 3) ?? group(m, 4);
    if (!name || !value || value.end - value.start > MAX_VALUE || name.end - name.start > MAX_NAME) return undefined;
    if (ctx.code && !group(m, 2) && !group(m, 3)) return undefined;
    const kind = credentialName(slice(ctx.text, name));
    const raw = slice(ctx.text, value);
    if (!kind || echoesName(slice(ctx.text, name), raw)) return undefined;
    const c = classifyBound(kind, raw, ctx.strict);
    return c ? { ...value, ...c, name } : undefined;
  },
};

const urlPassword: Detector = {
  id: "url-password",
  keywords: ["://"],
  pattern: String.raw`\b[A-Za-z][A-Za-z0-9+.-]*://([^\s:@/"'<>\x60]+):([^\s@/"'<>\x60]{6,})@[A-Za-z0-9.-]+`,
  inGenerated: false,
  extract(m, ctx) {
    const value = group(m, 2);
    if (!value || value.end - value.start > 128) return undefined;
    const v = slice(ctx.text, value);
    if (isReferenceValue(v) || /^[$%{<]|\$\{|\{\{/.test(v) || isSecretPlaceholder(v) || !looksRandom(decodeURIComponentSafe(v), ctx.strict)) {
      return undefined;
    }
    return { ...value, kind: "url-password", provider: "generic", label: "password in a URL", priority: PRIORITY.url };
  },
};

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const privateKey: Detector = {
  id: "private-key",
  multiLine: true,
  keywords: ["private key"],
  pattern: String.raw`-----BEGIN((?: [A-Z0-9]+){0,3}) PRIVATE KEY(?: BLOCK)?-----[\s\S]*?-----END(?: [A-Z0-9]+){0,3} PRIVATE KEY(?: BLOCK)?-----`,
  inGenerated: true,
  extract(m, ctx) {
    const block = { start: m.start, end: m.end };
    const text = slice(ctx.text, block);
    const header = text.indexOf("-----", 5) + 5;
    const footer = text.lastIndexOf("-----END");
    const body = text.slice(header, footer).replace(PEM_BODY_NOISE, "");
    if (body.length < 60 || isSecretPlaceholder(body) || !/^[A-Za-z0-9+/=]+$/.test(body) || shannonEntropy(body) < 4.5) {
      return undefined;
    }
    const type = (group(m, 1) ? slice(ctx.text, group(m, 1) as Span) : "").trim();
    const encrypted = type.includes("ENCRYPTED") || text.includes("Proc-Type: 4,ENCRYPTED");
    // An unencrypted PKCS#1/#8/SEC1 key is DER: a SEQUENCE tag (0x30) and a length byte below 0x90, which is
    // `M` then `A`–`I` in base64 (`MII…`, `MHc…`, `MC4…`); an OpenSSH key starts with the base64 of
    // `openssh-key-v1`. Any other body (`MOCKKEY…`, `fakekey…`) is a mock of a key, not a key.
    if (!encrypted && type !== "PGP" && !/^(?:M[A-I]|b3BlbnNzaC1rZXktdjE)/.test(body)) return undefined;
    const what = type.replace("ENCRYPTED", "").trim();
    const label = `${encrypted ? "encrypted " : ""}${what === "" ? "" : `${what === "OPENSSH" ? "OpenSSH" : what} `}private key`;
    return { ...block, kind: "private-key", provider: "generic", label, priority: PRIORITY.block };
  },
};

const serviceAccountKey: Detector = {
  id: "gcp-service-account-key",
  multiLine: true,
  keywords: ["service_account"],
  pattern: String.raw`\\?"private_key\\?"\s*:\s*\\?"(-----BEGIN (?:RSA )?PRIVATE KEY-----[A-Za-z0-9+/=\\\s]*?-----END (?:RSA )?PRIVATE KEY-----(?:\\\\n|\\n)?)`,
  inGenerated: true,
  extract(m, ctx) {
    const s = group(m, 1);
    if (!s || !ctx.serviceAccount) return undefined;
    const body = slice(ctx.text, s).replace(/-----[A-Z ]+-----|\\n|\\|\s/g, "");
    if (body.length < 60 || isSecretPlaceholder(body) || shannonEntropy(body) < 4.5) return undefined;
    return { ...s, kind: "gcp-service-account-key", provider: "gcp", label: "GCP service-account key", priority: PRIORITY.block };
  },
};

const sasSignature: Detector = {
  id: "azure-sas-signature",
  keywords: ["sig="],
  pattern: String.raw`[?&;]sig=([A-Za-z0-9%+/]{30,}(?:%3[Dd]|=){0,2})`,
  inGenerated: false,
  extract(m, ctx) {
    const s = group(m, 1);
    if (!s) return undefined;
    // A SAS is a query string: `sv=` (signed version) stands in the same token, before or after `sig=`.
    const from = Math.max(0, m.start - 600);
    const around = ctx.text.slice(from, Math.min(ctx.text.length, s.end + 600));
    const token = around.split(/[\s"'<>\x60]/).find((t) => t.includes(slice(ctx.text, s))) ?? "";
    if (!/(?:^|[?&;])sv=\d{4}-\d{2}-\d{2}/.test(token)) return undefined;
    const v = decodeURIComponentSafe(slice(ctx.text, s));
    if (isSecretPlaceholder(v) || shannonEntropy(v) < 3.5) return undefined;
    return { ...s, kind: "azure-sas-signature", provider: "azure", label: "Azure SAS token signature", priority: PRIORITY.shape };
  },
};

function azureKeyLabel(ctx: DetectContext, s: Span): string {
  const around = ctx.text.slice(Math.max(0, s.start - 300), s.start);
  return /documents\.azure\.com|AccountEndpoint=/i.test(around) ? "Azure Cosmos DB account key" : "Azure Storage account key";
}

const accountKey: Detector = {
  id: "azure-account-key",
  keywords: ["accountkey="],
  pattern: String.raw`AccountKey=([A-Za-z0-9+/]{86}==)`,
  inGenerated: true,
  extract(m, ctx) {
    const s = group(m, 1);
    if (!s) return undefined;
    return { ...s, kind: "azure-storage-key", provider: "azure", label: azureKeyLabel(ctx, s), priority: PRIORITY.shape };
  },
};

const sharedAccessKey: Detector = {
  id: "azure-shared-access-key",
  keywords: ["sharedaccesskey="],
  pattern: String.raw`SharedAccessKey=([A-Za-z0-9+/]{42,43}=)`,
  inGenerated: true,
  extract(m, ctx) {
    const s = group(m, 1);
    if (!s || isSecretPlaceholder(slice(ctx.text, s))) return undefined;
    return { ...s, kind: "azure-shared-access-key", provider: "azure", label: "Azure Service Bus / Event Hubs shared access key", priority: PRIORITY.shape };
  },
};

/** Every built-in detector. The unbound AWS secret next to a key id is handled by `scan.ts` (it needs the ids). */
export const DETECTORS: readonly Detector[] = [
  shape("aws-access-key-id", ["akia", "asia", "abia", "acca"], String.raw`\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16})\b`, "aws-access-key-id", "aws", "AWS access key ID"),
  privateKey,
  serviceAccountKey,
  accountKey,
  sharedAccessKey,
  sasSignature,
  shape(
    "azure-client-secret",
    ["q~"],
    delimited("A-Za-z0-9_~.-", String.raw`[A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}`),
    "azure-client-secret",
    "azure",
    "Azure client secret",
    (v) => !isSecretPlaceholder(v) && shannonEntropy(v) >= 3.5,
  ),
  shape("gcp-api-key", ["aiza"], delimited("A-Za-z0-9_-", String.raw`AIza[0-9A-Za-z_-]{35}`), "gcp-api-key", "gcp", "Google API key", (v) =>
    randomTail(v.slice(4)),
  ),
  shape("gcp-oauth-client-secret", ["gocspx-"], delimited("A-Za-z0-9_-", String.raw`GOCSPX-[A-Za-z0-9_-]{28}`), "gcp-oauth-client-secret", "gcp", "Google OAuth client secret", (v) =>
    randomTail(v),
  ),
  shape("gcp-access-token", ["ya29."], delimited("A-Za-z0-9_.-", String.raw`ya29\.[0-9A-Za-z_-][0-9A-Za-z_.-]{29,}`), "gcp-access-token", "gcp", "Google OAuth access token", (v) =>
    randomTail(v.slice(5)),
  ),
  ...SERVICE_TOKENS.map(([id, keywords, body, label, cls]) =>
    shape(id, keywords, delimited(cls, body), "service-token", "generic", label, (v) => randomTail(v)),
  ),
  urlPassword,
  assignment,
  xmlElement,
  nameValuePair,
];

/** A 40-character base64 run standing alone: an AWS secret when a key id stands a few lines away. */
export const AWS_SECRET_NEAR_ID = String.raw`(?:^|[^A-Za-z0-9/+=])([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$)`;

/** Whether a free-standing 40-character string is random enough to be an AWS secret (not a hash or a path). */
export function looksLikeAwsSecret(value: string): boolean {
  return (
    AWS_SECRET_KEY_RE.test(value) &&
    !AWS_SECRET_KEY_FALSE_POSITIVE_RE.test(value) &&
    /[a-z]/.test(value) &&
    /[A-Z]/.test(value) &&
    /[0-9]/.test(value) &&
    shannonEntropy(value) >= 4.2
  );
}
