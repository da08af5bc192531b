/**
 * Turns detector matches into the model's SecretCandidates: attaches each to the Setting whose value holds
 * it, pairs AWS key ids with their secrets (same profile, or a few lines apart), marks values known not to
 * be leaks (references, documented examples, the Azurite key, placeholders) and decides whether the file
 * exists only to hold a credential. Computed once here so that rules only ask.
 */
import { isAwsExampleValue, isDocumentationAccountKeyId } from "../knowledge/aws-keys.js";
import {
  credentialName,
  isAzuriteKey,
  isDotenvName,
  isKeyFilePath,
  isPublicExampleValue,
  isReferenceValue,
  isSecretPlaceholder,
} from "../knowledge/secrets.js";
import type { Precision } from "../model/finding.js";
import type { BenignReason, CredentialFile, SecretCandidate, SecretFile, SecretKind } from "../model/secret.js";
import type { Located, Setting } from "../model/setting.js";
import { offsetAt, rangeOf, type SourceFile } from "../model/source.js";
import { classifyBound, type SecretMatch } from "./detectors.js";
import { charsPerToken } from "./randomness.js";
import { detectSecrets, AWS_PAIR_LINES, type DetectOptions } from "./scan.js";

type Seed = Pick<SecretCandidate, "kind" | "provider" | "label" | "range" | "value" | "name" | "pattern">;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function seedOf(file: SourceFile, m: SecretMatch): Seed {
  const name: Located | undefined = m.name
    ? { text: file.text.slice(m.name.start, m.name.end), range: rangeOf(file, m.name.start, m.name.end) }
    : undefined;
  return {
    kind: m.kind,
    provider: m.provider,
    label: m.label,
    range: rangeOf(file, m.start, m.end),
    value: file.text.slice(m.start, m.end),
    ...(name ? { name } : {}),
    ...(m.pattern ? { pattern: m.pattern } : {}),
  };
}

const BLOCK_KINDS: ReadonlySet<SecretKind> = new Set(["private-key", "gcp-service-account-key"]);

export function benignReason(kind: SecretKind, value: string): BenignReason | undefined {
  if (isReferenceValue(value)) return "reference";
  if (isAwsExampleValue(value)) return "aws-example";
  if (kind === "aws-access-key-id" && isDocumentationAccountKeyId(value)) return "documentation-account";
  if (isAzuriteKey(value)) return "azurite";
  if (isPublicExampleValue(value)) return "public-example";
  if (!BLOCK_KINDS.has(kind) && isSecretPlaceholder(value)) return "placeholder";
  return undefined;
}

/** Generic matches below this many characters per token (and this long) are clearly random: `medium`, else `low`. */
const CLEARLY_RANDOM = { charsPerToken: 1.6, length: 16 } as const;

/** How sure a report of this candidate is (see SecretCandidate.confidence). */
export function confidenceOf(kind: SecretKind, value: string): Precision {
  switch (kind) {
    case "generic":
    case "url-password":
      return value.length >= CLEARLY_RANDOM.length && charsPerToken(value) < CLEARLY_RANDOM.charsPerToken ? "medium" : "low";
    case "aws-secret-access-key":
    case "aws-session-token":
    case "azure-client-secret":
      return "high";
    default:
      return "very-high";
  }
}

function contains(file: SourceFile, outer: Setting, inner: Seed): boolean {
  const r = outer.value.range;
  const a = offsetAt(file, r.start);
  const b = offsetAt(file, r.end);
  return a <= offsetAt(file, inner.range.start) && offsetAt(file, inner.range.end) <= b;
}

function credentialFileOf(file: SourceFile, live: boolean, candidates: readonly SecretCandidate[]): CredentialFile | undefined {
  // A key or env file kept as test data or an example is there on purpose; its key is still reported by
  // the hard-coded key rules wherever it stands.
  if (!live || file.facts.test || file.facts.example) return undefined;
  // What the hardcoded-* rules report: a key id paired with its secret is reported on the secret.
  const real = candidates.filter(
    (c) => !c.benign && !(c.kind === "aws-access-key-id" && c.pair?.kind === "aws-secret-access-key" && !c.pair.benign),
  );
  if (real.length === 0) return undefined;
  // The finding stands on the first line that holds a credential — the key id's line when a pair begins
  // with it — while `first` is the candidate whose hook call reports it (RULES.md "Where a finding points").
  const firstLine = (cs: readonly SecretCandidate[]): number =>
    Math.min(...cs.filter((c) => !c.benign).map((c) => (c.setting?.range ?? c.name?.range ?? c.range).start.line));
  if (file.kind === "aws-credentials") {
    const first = real.find((c) => c.provider === "aws");
    if (first) return { kind: "aws-credentials", first, line: firstLine(candidates.filter((c) => c.provider === "aws")) };
  }
  if (isKeyFilePath(file.path)) {
    const first = real.find((c) => c.kind === "private-key");
    if (first) return { kind: "private-key", first, line: 1 };
  }
  if (/\.json$/i.test(file.path) && file.text.trimStart().startsWith("{")) {
    const first = real.find((c) => c.kind === "gcp-service-account-key");
    if (first) return { kind: "gcp-service-account", first, line: 1 };
  }
  if (isDotenvName(file.path)) {
    const first = real[0];
    if (first) return { kind: "dotenv", first, line: firstLine(candidates) };
  }
  return undefined;
}

function pairAws(candidates: Mutable<SecretCandidate>[]): void {
  const ids = candidates.filter((c) => c.kind === "aws-access-key-id");
  if (ids.length === 0) return;
  for (const c of candidates) {
    if (c.kind !== "aws-secret-access-key" && c.kind !== "aws-session-token") continue;
    let best: Mutable<SecretCandidate> | undefined;
    if (c.setting) {
      // The nearest id of the same context: a file may hold a second service's key id above the pair.
      const where = c.setting.where;
      let distance = Infinity;
      for (const i of ids) {
        const d = Math.abs(i.range.start.line - c.range.start.line);
        if (i.setting?.where === where && d < distance) [best, distance] = [i, d];
      }
    } else {
      let distance = AWS_PAIR_LINES + 1;
      for (const i of ids) {
        const d = Math.abs(i.range.start.line - c.range.start.line);
        if (d < distance) [best, distance] = [i, d];
      }
    }
    if (!best) continue;
    c.pair = best;
    if (c.kind === "aws-secret-access-key" && !best.pair) best.pair = c;
  }
}

/** Builds a file's candidates from seeds, with the file's settings (empty where the kind has none). */
function build(file: SourceFile, seeds: readonly Seed[], settings: readonly Setting[]): SecretFile {
  const live = file.facts.live;
  const container: Mutable<SecretFile> = { file, live, candidates: [] };
  const candidates: Mutable<SecretCandidate>[] = seeds.map((seed) => {
    const setting = settings.find((s) => s.value.kind === "literal" && contains(file, s, seed));
    const name = setting ? setting.key : seed.name;
    // Third-party code copied into the repository (vendor/, node_modules/, an installed site-packages) is its
    // authors' to fix: its keys are their test keys and doc examples, which the project cannot rotate.
    const benign = file.facts.vendored ? "vendored" : benignReason(seed.kind, seed.value);
    return {
      file,
      ...seed,
      ...(name ? { name } : {}),
      ...(setting ? { setting } : {}),
      ...(benign ? { benign } : {}),
      confidence: seed.pattern?.confidence ?? confidenceOf(seed.kind, seed.value),
      container,
    };
  });
  pairAws(candidates);
  // The secret and token of an emulator's or a doc's key id (its account is a documentation account) are theirs too.
  for (const c of candidates) {
    if (!c.benign && c.kind !== "aws-access-key-id" && c.pair?.benign === "documentation-account") c.benign = "documentation-account";
  }
  container.candidates = candidates;
  const credentialFile = credentialFileOf(file, live, candidates);
  if (credentialFile) container.credentialFile = credentialFile;
  return container;
}

/**
 * Parse stage: the file's secret candidates, before the model stage knows its settings — from the detectors'
 * `matches` when a worker already ran them on this text (src/scan/pool.ts).
 */
export function findSecrets(file: SourceFile, options: DetectOptions = {}, matches?: readonly SecretMatch[]): SecretFile {
  return build(file, (matches ?? detectSecrets(file, options)).map((m) => seedOf(file, m)), []);
}

/**
 * File kinds whose readers bind a value to a name the raw text does not put beside it: a Terraform
 * `variable "db_password" { default = "…" }`, a CloudFormation parameter's `Default:`, a Kubernetes
 * `- name: API_TOKEN` / `value: …` pair or a Secret's base64 `data:`. For these, a setting's name binds its
 * value as the raw detectors bind `name = value` on one line.
 */
const STRUCTURED_KINDS: ReadonlySet<string> = new Set(["terraform", "terraform-vars", "cloudformation", "kubernetes"]);

/** Candidates for literal values bound to a credential name by a reader (STRUCTURED_KINDS), where the raw detectors found none. */
function boundSeeds(file: SourceFile, settings: readonly Setting[], seeds: readonly Seed[]): Seed[] {
  if (!STRUCTURED_KINDS.has(file.kind)) return [];
  const strict = !file.facts.live || file.facts.generated;
  const out: Seed[] = [];
  for (const s of settings) {
    if (s.value.kind !== "literal" || s.value.value === "") continue;
    const nameKind = credentialName(s.key.text);
    if (!nameKind || seeds.some((seed) => contains(file, s, seed))) continue;
    const found = classifyBound(nameKind, s.value.value.trim(), strict);
    if (!found) continue;
    out.push({ kind: found.kind, provider: found.provider, label: found.label, range: s.value.range, value: s.value.value, name: s.key });
  }
  return out;
}

/** Model stage: the same candidates, attached to the settings that hold them (and re-paired by context). */
export function withSettings(secrets: SecretFile, settings: readonly Setting[]): SecretFile {
  if (settings.length === 0) return secrets;
  const seeds: Seed[] = secrets.candidates.map(({ kind, provider, label, range, value, name, pattern }) => ({
    kind,
    provider,
    label,
    range,
    value,
    ...(name ? { name } : {}),
    ...(pattern ? { pattern } : {}),
  }));
  return build(secrets.file, [...seeds, ...boundSeeds(secrets.file, settings, seeds)], settings);
}
