/**
 * Is a string random enough to be a secret? Shannon entropy alone flags hex digests, type tokens and
 * identifiers and misses short passwords, so the verdict first rules out the shapes of the usual
 * non-secrets (UUIDs, versions, paths, identifiers, URLs, ARNs, password hashes, templates), then asks
 * whether the value is made of words (randomness.ts: characters per token), and keeps entropy and character
 * classes only as a floor.
 */
import { isRandomLike } from "./randomness.js";

/** Shannon entropy in bits per character. */
export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  const n = [...s].length;
  for (const c of counts.values()) {
    const p = c / n;
    h -= p * Math.log2(p);
  }
  return h;
}

/** How many of lower case, upper case, digits and other characters `s` uses. */
export function characterClasses(s: string): number {
  return (
    (/[a-z]/.test(s) ? 1 : 0) + (/[A-Z]/.test(s) ? 1 : 0) + (/[0-9]/.test(s) ? 1 : 0) + (/[^A-Za-z0-9]/.test(s) ? 1 : 0)
  );
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Shapes that are high in entropy but are not secrets, whatever name they are bound to. */
const NOT_SECRET_SHAPES: readonly RegExp[] = [
  UUID_RE,
  /^\d+(?:\.\d+)*$/, // numbers, versions
  /^v?\d+\.\d+\.\d+(?:[-+][\w.-]+)?$/, // semver
  /^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+Z?)?$/, // dates
  /^[a-z][a-z0-9+.-]{1,20}:\/\//i, // URLs (a password in one is the url-password detector's)
  /^(?:\.{0,2}\/|~\/|[A-Za-z]:\\)/, // paths
  /^[\w.-]+\.(?:json|ya?ml|pem|key|crt|cer|txt|env|ini|conf|cfg|toml|xml|js|ts|py|rb|go|sh|p12|pfx|jks)$/i, // file names
  /^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/, // e-mail addresses
  /^[a-z]+(?:[_-][a-z]+)*$/, // snake/kebab words
  /^[a-z]+[0-9]{0,2}(?:[-_.][a-z]+[0-9]{0,2})+$/, // word-ish identifiers: x-aws-ec2-metadata-token, s3.us-east-1
  /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/, // ENV_VAR_NAMES
  /^[a-z]+(?:[A-Z][a-z]+)+$/, // camelCaseWords
  /^[A-Z][a-z]+(?:[A-Z][a-z]+)+$/, // PascalCaseWords
  /^[A-Za-z_$][A-Za-z_$]{0,30}(?:\.[A-Za-z_$][\w$]{0,30})+(?:\(\))?$/, // dotted.property.paths, calls
  /^[\w-]+(?:\.[\w-]+)+\.(?:com|net|org|io|dev|internal|local|cloud|azure|amazonaws\.com)$/i, // host names
  /^(?:sha(?:1|256|384|512)|md5)[-:]/i, // integrity / digest notation
  /^[#0-9a-f]{3,8}$/i, // colours
  /\$(?:2[abxy]?|argon2(?:id|i|d)|[156]|pbkdf2[\w-]*|scrypt)\$/, // password hashes (bcrypt, argon2, crypt), also in `user:hash` lines
  /\{(?:SSHA|SHA|SMD5|MD5|CRYPT|PBKDF2)[\w-]*\}/i, // LDAP password hashes
  /^pbkdf2_sha\d+\$/, // Django password hashes
  /^[*&][A-Za-z_][\w.-]*$/, // YAML aliases and anchors
  /^arn:aws[\w-]*:/, // ARNs name a resource (a `ServiceToken`, a role), they do not hold a secret
  /^\.?[A-Za-z_][\w-]{0,30}(?:\.[A-Za-z_][\w-]{0,30})+$/, // `.Values.auth.password`, `settings.db.password`: a path into data
  /^[A-Za-z][\w-]*:[\w./-]*:[A-Za-z_][\w-]*$/, // type tokens: `pulumi:providers:aws`, `aws:s3/bucket:Bucket`
  /^\[.*\]$|^\(.*\)$/, // ARM expressions `[parameters('x')]`, markers `[Filtered]`, `(hidden)`
  /^(?:file|env|vault|op|sops|ssm|secretsmanager|keyvault|gsm|awssm|k8s|kubernetes|secretref|secret):/i, // indirections: `file:/run/secrets/x`, `op://vault/item`, `vault:secret/data/x`
];

/**
 * Whether `value` looks like a random secret. `strict` (not-live and generated files) demands more: a
 * documentation example there is expected, so only a long, clearly random value counts.
 */
/**
 * Format placeholders and interpolations: `%s`, `%(name)s`, `{}`, `{0}`, `{name}`, `#{x}`, `<%= x %>`,
 * `$(cmd)`, `${x}`, `$VAR`. A template is judged by its literal text only (`"token-{name}"` → `token-`).
 */
const TEMPLATE_PARTS =
  /%\(\w+\)[sdifr]|%[-#0 +]?\d*(?:\.\d+)?[sdifxr](?![A-Za-z0-9])|\{\d*\}|\{[A-Za-z_][\w.]*(?::[^{}]*)?\}|#\{[^}]*\}?|<%=?[^%]*(?:%>)?|\$\([^)]*\)?|\$\{[^}]*\}?|\$[A-Za-z_]\w*/g;

export function looksRandom(value: string, strict = false): boolean {
  const trimmed = value.trim();
  const literal = trimmed.replace(TEMPLATE_PARTS, "");
  return literal === trimmed ? looksRandomLiteral(trimmed, strict) : looksRandomLiteral(literal, strict);
}

function looksRandomLiteral(v: string, strict: boolean): boolean {
  if (v.length < 8 || /\s/.test(v)) return false;
  // Secrets are ASCII; letters of other scripts are natural language (a translated UI string).
  if (/[^ -~]/.test(v)) return false;
  if (NOT_SECRET_SHAPES.some((re) => re.test(v))) return false;
  if (!isRandomLike(v)) return false;
  const h = shannonEntropy(v);
  const classes = characterClasses(v);
  if (strict) return v.length >= 16 && h >= 3.5 && classes >= 2;
  return (classes >= 3 && h >= 3.0) || (classes >= 2 && v.length >= 16 && h >= 3.3) || (v.length >= 24 && h >= 3.8);
}
