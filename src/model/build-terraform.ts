/**
 * Terraform input variables across files (reference §8): a provider or backend argument written as `var.x`
 * gets the value Terraform would give it from the same directory — a `*.tfvars` value, else the variable's
 * literal `default` — as a derived Setting, so that the value rules (invalid-region, profile-reference, the
 * credential checks) see `region = var.region` with `variable "region" { default = "us-east-1a" }`.
 *
 * A derived setting stands **where the literal is written** (the variable's `default` or the `*.tfvars`
 * line: that is the text to fix), with the provider argument's name as its key (so that field-aware rules
 * know it is a region, a profile or a key; the key's range is the variable's label or the tfvars name), the
 * provider's provider, and a `where` that names both places: `variable "region" (region of provider "aws" in
 * main.tf)`.
 *
 * Which values, as Terraform reads them (developer.hashicorp.com/terraform/language/values/variables,
 * "Variable Definition Precedence"; later ones win): the variable's `default`, then `terraform.tfvars`,
 * `terraform.tfvars.json`, then `*.auto.tfvars` / `*.auto.tfvars.json` in lexical order of their names, then
 * `-var` / `-var-file` on the command line. So:
 * - the auto-loaded file that wins gives the value, and an auto-loaded value hides the default;
 * - any other `*.tfvars` of the directory (`prod.tfvars`) is read only with `-var-file`: its value is a
 *   value some run uses, so it is derived too (its `where` says so), and it does not hide the default.
 * - `TF_VAR_x` in the environment and `-var` flags are not seen; neither are tfvars kept in another folder
 *   (`-var-file=../envs/prod.tfvars`), values a parent module passes in (`module "m" { region = … }`), nor
 *   variables that hold objects (`var.aws.region`): those arguments stay references.
 *
 * Both places are read from the file models: variable defaults and tfvars values are the settings that
 * src/formats/terraform.ts labels with `terraformVariableWhere` / `terraformTfvarsWhere` (exact labels, so
 * no other setting is mistaken for one), and provider/backend blocks are the `sdkCalls` of `terraform` files.
 * The provider blocks are also given back rebuilt (`calls`): their `var.x` arguments replaced by the value a
 * plain `terraform plan` uses (auto-loaded tfvars, else the default), for the rules that read an SdkCall.
 * A derived setting has the same value range as the variable's own setting (or the tfvars line) it comes
 * from, under the provider argument's name: the model stage keeps both (they answer different questions —
 * "is this a secret-named variable", "is this a region") and rules that report on a value range once per
 * problem must not report both.
 */
import { baseName, dirName } from "../knowledge/paths.js";
import type { FileModel } from "./file-model.js";
import type { SdkCall } from "./sdk-call.js";
import type { Setting } from "./setting.js";
import type { PolicyText, TrustModel } from "./trust-policy.js";

/** The `where` of a variable's default in a `.tf` / `.tf.json` file (src/formats/terraform.ts writes it). */
export function terraformVariableWhere(name: string, path: string): string {
  return `variable "${name}" in ${path}`;
}

/**
 * The `where` of a `name = value` line of a `*.tfvars` / `*.tfvars.json` file: the file, one context for all
 * its values (an id and a secret on neighbouring lines are one pair); messages name the variable before it.
 */
export function terraformTfvarsWhere(path: string): string {
  return path;
}

export interface TerraformBindings {
  /** Derived settings, by the path of the file that writes their literal (a `.tf` file's default, a tfvars file). */
  readonly settings: ReadonlyMap<string, readonly Setting[]>;
  /**
   * The provider blocks where at least one `var.x` argument has a literal value, rebuilt with those arguments
   * replaced by their derived settings (the others as they were), in file order: the block `terraform plan`
   * configures, for rules that judge arguments together (an `AKIA` key from tfvars with a session token).
   */
  readonly calls: readonly SdkCall[];
}


/**
 * Where an auto-loaded tfvars file stands in Terraform's order (higher wins), or undefined for a file read
 * only with `-var-file`. `*.auto.tfvars` and `*.auto.tfvars.json` are sorted together by name.
 */
function autoRank(base: string, autos: readonly string[]): number | undefined {
  if (base === "terraform.tfvars") return 0;
  if (base === "terraform.tfvars.json") return 1;
  const i = autos.indexOf(base);
  return i === -1 ? undefined : 2 + i;
}

interface VarsFile {
  readonly path: string;
  readonly rank: number | undefined;
  readonly values: ReadonlyMap<string, Setting>;
}

const VAR_REF = /^var\.([A-Za-z_][\w-]*)$/;

function spot(s: Setting): string {
  return `${s.key.text}\0${s.key.range.start.line}:${s.key.range.start.column}\0${s.value.range.start.line}:${s.value.range.start.column}`;
}

/** Derived settings and rebuilt calls for every Terraform directory of the scan. */
export function bindTerraformVariables(models: readonly FileModel[]): TerraformBindings {
  const byDir = new Map<string, FileModel[]>();
  for (const m of models) {
    if (m.file.kind !== "terraform" && m.file.kind !== "terraform-vars") continue;
    const dir = dirName(m.file.path);
    const list = byDir.get(dir) ?? [];
    list.push(m);
    byDir.set(dir, list);
  }
  const settings = new Map<string, Setting[]>();
  const calls: SdkCall[] = [];
  for (const dirModels of byDir.values()) bindDirectory(dirModels, settings, calls);
  return { settings, calls };
}

/** A Terraform directory's variables: literal-or-not defaults, and its tfvars files in Terraform's order. */
interface DirectoryVariables {
  readonly sorted: readonly FileModel[];
  /** Each variable's `default` (the first declaration). */
  readonly defaults: ReadonlyMap<string, Setting>;
  /** The auto-loaded tfvars files, in the order Terraform reads them (later wins). */
  readonly auto: readonly VarsFile[];
  /** Tfvars files read only with `-var-file`. */
  readonly explicit: readonly VarsFile[];
}

function directoryVariables(models: readonly FileModel[]): DirectoryVariables {
  const sorted = [...models].sort((a, b) => (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : 0));
  const defaults = new Map<string, Setting>();
  const autos = sorted
    .map((m) => baseName(m.file.path))
    .filter((b) => /\.auto\.tfvars(?:\.json)?$/.test(b))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const varsFiles: VarsFile[] = [];
  for (const m of sorted) {
    if (m.file.kind === "terraform") {
      for (const s of m.settings) {
        if (s.where === terraformVariableWhere(s.key.text, m.file.path) && !defaults.has(s.key.text)) defaults.set(s.key.text, s);
      }
      continue;
    }
    const values = new Map<string, Setting>();
    const where = terraformTfvarsWhere(m.file.path);
    for (const s of m.settings) if (s.where === where && !values.has(s.key.text)) values.set(s.key.text, s);
    varsFiles.push({ path: m.file.path, rank: autoRank(baseName(m.file.path), autos), values });
  }
  const auto = varsFiles.filter((f) => f.rank !== undefined).sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
  const explicit = varsFiles.filter((f) => f.rank === undefined);
  return { sorted, defaults, auto, explicit };
}

/** What a plain `terraform plan` gives a variable: the winning auto-loaded tfvars value, else its default. */
function planValue(vars: DirectoryVariables, name: string): { value: Setting; file?: VarsFile } | undefined {
  let winner: { value: Setting; file: VarsFile } | undefined;
  for (const f of vars.auto) {
    const v = f.values.get(name);
    if (v) winner = { file: f, value: v };
  }
  if (winner) return winner;
  const d = vars.defaults.get(name);
  return d ? { value: d } : undefined;
}

function bindDirectory(models: readonly FileModel[], settings: Map<string, Setting[]>, calls: SdkCall[]): void {
  const vars = directoryVariables(models);
  const { sorted, explicit } = vars;
  if (vars.defaults.size === 0 && vars.auto.length + explicit.length === 0) return;

  const seen = new Set<string>();
  const add = (derived: Setting): void => {
    const id = `${derived.file.path}\0${derived.provider}\0${spot(derived)}`;
    if (seen.has(id)) return;
    seen.add(id);
    const list = settings.get(derived.file.path) ?? [];
    list.push(derived);
    settings.set(derived.file.path, list);
  };

  for (const m of sorted) {
    if (m.file.kind !== "terraform" || !m.sdkCalls?.length) continue;
    const own = new Set(m.settings.map(spot));
    for (const call of m.sdkCalls) {
      const replaced = new Map<Setting, Setting>();
      for (const s of call.settings) {
        if (s.value.kind !== "reference") continue;
        const name = VAR_REF.exec(s.value.target)?.[1];
        if (name === undefined) continue;
        const of = `${s.key.text} of ${s.where}`;
        const derive = (source: Setting, where: string): Setting => ({
          file: source.file,
          provider: call.provider,
          key: { text: s.key.text, range: source.key.range },
          value: source.value,
          range: source.range,
          where,
          syntax: "code",
        });
        const plan = planValue(vars, name);
        const effective = plan ? derive(plan.value, plan.file ? `${name} in ${plan.file.path} (${of})` : `variable "${name}" (${of})`) : undefined;
        if (effective?.value.kind === "literal") {
          replaced.set(s, effective);
          if (own.has(spot(s))) add(effective);
        }
        if (!own.has(spot(s))) continue;
        for (const f of explicit) {
          const v = f.values.get(name);
          if (v?.value.kind === "literal") add(derive(v, `${name} in ${f.path} (${of}, with -var-file)`));
        }
      }
      if (replaced.size > 0) calls.push(rebind(call, replaced));
    }
  }
}

/** The call with some settings replaced; `get` answers through the original's aliases. */
function rebind(call: SdkCall, replaced: ReadonlyMap<Setting, Setting>): SdkCall {
  const settings = call.settings.map((s) => replaced.get(s) ?? s);
  return {
    ...call,
    settings,
    get: (key) => {
      const s = call.get(key);
      return s ? (replaced.get(s) ?? s) : undefined;
    },
  };
}

/**
 * The trust side of each Terraform file (src/formats/trust-terraform.ts) with every value written as exactly
 * `var.x` replaced by the literal a plain `terraform plan` gives it (the winning auto-loaded tfvars value, else
 * the variable's default) — so `issuer_uri = var.gitlab_url` with `default = "https://gitlab.com"` is GitLab's
 * issuer. The value keeps the range of the `var.x` it replaces (the place the finding is about).
 */
export function bindTrustVariables(models: readonly FileModel[]): ReadonlyMap<string, TrustModel> {
  const out = new Map<string, TrustModel>();
  const byDir = new Map<string, FileModel[]>();
  for (const m of models) {
    if (m.file.kind !== "terraform" && m.file.kind !== "terraform-vars") continue;
    const dir = dirName(m.file.path);
    byDir.set(dir, [...(byDir.get(dir) ?? []), m]);
  }
  for (const dirModels of byDir.values()) {
    if (!dirModels.some((m) => m.trust)) continue;
    const vars = directoryVariables(dirModels);
    const bind = (t: PolicyText): PolicyText => {
      const name = t.literal ? undefined : VAR_REF.exec(t.text.trim())?.[1];
      const v = name === undefined ? undefined : planValue(vars, name)?.value.value;
      return v?.kind === "literal" ? { text: v.value, literal: true, range: t.range, refs: [] } : t;
    };
    const bindAll = (list: readonly PolicyText[]): PolicyText[] => list.map(bind);
    for (const m of dirModels) {
      if (!m.trust) continue;
      out.set(m.file.path, {
        policies: m.trust.policies.map((p) => ({
          ...p,
          roleNames: bindAll(p.roleNames),
          statements: p.statements.map((s) => ({ ...s, federated: bindAll(s.federated), conditions: s.conditions.map((c) => ({ ...c, values: bindAll(c.values) })) })),
        })),
        roleLinks: m.trust.roleLinks.map((l) => ({ ...l, roleName: bind(l.roleName) })),
        providers: m.trust.providers.map((p) => ({
          ...p,
          ...(p.issuer ? { issuer: bind(p.issuer) } : {}),
          ...(p.subject ? { subject: bind(p.subject) } : {}),
          ...(p.condition ? { condition: bind(p.condition) } : {}),
          audiences: p.audiences.map(bind),
        })),
      });
    }
  }
  return out;
}
