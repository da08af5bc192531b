import { sortFindings, type Finding, type RelatedLocation, type Severity, type Snippet } from "../model/finding.js";
import type { FileModel } from "../model/file-model.js";
import { RuleError } from "../model/errors.js";
import { findingIdentity, maskSecrets, sha256 } from "../model/redact.js";
import { withDefaults, type AnyRule, type MessageTemplates, type OptionsLookup, type ReportDescriptor, type RuleContext } from "../model/rule.js";
import type { RepoModel } from "../model/repo.js";
import type { Range, SourceFile } from "../model/source.js";
import { isLiveFile, lineCount, lineText, offsetAt, sliceRange } from "../model/source.js";
import type { AwsModel } from "../model/build-aws.js";

export interface ScanModel {
  readonly repo: RepoModel;
  readonly aws: AwsModel;
  readonly files: readonly FileModel[];
}

const SNIPPET_CONTEXT = 1;
const SNIPPET_MAX_LINES = 6;

/** The secrets of one file, as text, for masking messages; computed once per file. */
function secretTexts(model: FileModel): string[] {
  return model.secretRanges.map((r) => sliceRange(model.file, r));
}

/** Replaces every secret character after the first four with `*`, keeping columns aligned for carets. */
function maskLine(model: FileModel, line: number, text: string): string {
  let out = text;
  for (const r of model.secretRanges) {
    if (r.start.line > line || r.end.line < line) continue;
    const from = (r.start.line === line ? r.start.column - 1 : 0) + (r.start.line === line ? 4 : 0);
    const to = r.end.line === line ? r.end.column - 1 : out.length;
    if (to <= from) continue;
    out = out.slice(0, from) + "*".repeat(to - from) + out.slice(to);
  }
  return out;
}

export function buildSnippet(model: FileModel, range: Range): Snippet {
  const first = Math.max(1, range.start.line - SNIPPET_CONTEXT);
  const last = Math.min(lineCount(model.file), range.end.line + SNIPPET_CONTEXT, first + SNIPPET_MAX_LINES - 1);
  const lines: string[] = [];
  for (let l = first; l <= last; l++) lines.push(maskLine(model, l, lineText(model.file, l)));
  return { startLine: first, lines };
}

export interface RuleRunResult {
  readonly findings: Finding[];
}

/**
 * Walks the model once per hook kind and calls every enabled rule's hooks. Findings are built here — the
 * one finding builder — with the message masked against the file's secrets and a masked snippet, so no
 * reporter ever sees a secret.
 */
export function runRules(model: ScanModel, rules: readonly AnyRule[], now: Date = new Date(), optionsFor?: OptionsLookup): RuleRunResult {
  const findings: Finding[] = [];
  const fileModels = new Map<SourceFile, FileModel>(model.files.map((m) => [m.file, m]));
  const secretCache = new Map<FileModel, string[]>();
  const secretsOf = (fm: FileModel): string[] => {
    let s = secretCache.get(fm);
    if (!s) {
      s = secretTexts(fm);
      secretCache.set(fm, s);
    }
    return s;
  };
  const modelOf = (file: SourceFile): FileModel =>
    fileModels.get(file) ?? { file, settings: [], secretRanges: [] };

  for (const rule of rules) {
    const meta = rule.meta;
    const templates: MessageTemplates = meta.messages;
    let where = "the repository";
    const ctx: RuleContext<MessageTemplates> = {
      repo: model.repo,
      now,
      options: (file) => withDefaults(meta, optionsFor?.(meta.id, file)),
      report(d: ReportDescriptor<MessageTemplates, string>) {
        const template = templates[d.messageId];
        if (!template) throw new Error(`unknown messageId "${d.messageId}"`);
        const fm = modelOf(d.file);
        const secrets = secretsOf(fm);
        const message = maskSecrets((template as (data: unknown) => string)(d.data), secrets);
        const related: RelatedLocation[] = (d.related ?? []).map((r) => ({
          path: r.file.path,
          range: r.range,
          message: maskSecrets(r.message, secretsOf(modelOf(r.file))),
        }));
        const severity: Severity = d.severity ?? meta.severity;
        const start = offsetAt(d.file, d.range.start);
        const value = d.file.text.slice(start, offsetAt(d.file, d.range.end));
        const valueHash = sha256(value);
        const linePrefix = d.file.text.slice(offsetAt(d.file, { line: d.range.start.line, column: 1 }), start);
        findings.push({
          ruleId: meta.id,
          messageId: d.messageId,
          severity,
          confidence: d.confidence ?? meta.precision,
          message,
          path: d.file.path,
          range: d.range,
          related,
          ...(d.fix ? { fix: d.fix } : {}),
          snippet: buildSnippet(fm, d.range),
          valueHash,
          fingerprint: sha256(`${meta.id}\0${d.file.path}\0${d.messageId}\0${valueHash}`).slice(0, 32),
          identity: findingIdentity(meta.id, d.messageId, meta.reportsSecrets ? { secret: value } : { linePrefix, text: value }),
        });
      },
    };
    const run = (label: string, fn: () => void): void => {
      where = label;
      try {
        fn();
      } catch (error) {
        throw new RuleError(meta.id, where, error);
      }
    };
    const hooks = rule.check;
    if (hooks.setting) {
      const hook = hooks.setting;
      // A setting in test code or data, or in a file no program reads, configures no real run (see isLiveFile).
      for (const fm of model.files) {
        if (!isLiveFile(fm.file)) continue;
        for (const s of fm.settings) run(`${s.file.path}:${s.range.start.line}`, () => hook(s, ctx));
      }
    }
    if (hooks.awsIniFile) {
      const hook = hooks.awsIniFile;
      for (const fm of model.files) {
        const doc = fm.awsDocument;
        if (doc) run(doc.file.path, () => hook(doc, ctx));
      }
    }
    if (hooks.awsProfile) {
      const hook = hooks.awsProfile;
      for (const p of model.repo.profiles.values()) run(`profile ${p.name}`, () => hook(p, ctx));
    }
    if (hooks.awsSsoSession) {
      const hook = hooks.awsSsoSession;
      for (const s of model.repo.ssoSessions.values()) run(`sso-session ${s.name}`, () => hook(s, ctx));
    }
    if (hooks.sdkCall) {
      const hook = hooks.sdkCall;
      for (const fm of model.files) {
        for (const c of fm.sdkCalls ?? []) run(`${c.file.path}:${c.range.start.line}`, () => hook(c, ctx));
      }
    }
    // Contexts of files no program reads at run time (fixtures named as such) describe no real run: the
    // questions about how a run authenticates are not asked of them.
    if (hooks.env) {
      const hook = hooks.env;
      for (const env of model.repo.ci.envContexts) if (env.live) run(env.where, () => hook(env, ctx));
    }
    if (hooks.ciJob) {
      const hook = hooks.ciJob;
      for (const job of model.repo.ci.jobs) if (job.env.live) run(job.where, () => hook(job, ctx));
    }
    if (hooks.ciStep) {
      const hook = hooks.ciStep;
      for (const job of model.repo.ci.jobs) if (job.env.live) for (const step of job.steps) run(step.where, () => hook(step, ctx));
    }
    if (hooks.repo) {
      const hook = hooks.repo;
      run("the repository", () => hook(model.repo, ctx));
    }
    if (hooks.raw) {
      const hook = hooks.raw;
      for (const fm of model.files) run(fm.file.path, () => hook(fm.file, ctx));
    }
    if (hooks.secret) {
      const hook = hooks.secret;
      for (const fm of model.files) {
        for (const c of fm.secrets?.candidates ?? []) run(`${c.file.path}:${c.range.start.line}`, () => hook(c, ctx));
      }
    }
  }
  return { findings: dedupeFingerprints(sortFindings(findings)) };
}


/** Two findings with the same rule, path and value get `:2`, `:3`… so fingerprints stay unique. */
function dedupeFingerprints(findings: Finding[]): Finding[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const n = (seen.get(f.fingerprint) ?? 0) + 1;
    seen.set(f.fingerprint, n);
    return n === 1 ? f : { ...f, fingerprint: `${f.fingerprint}:${n}` };
  });
}

