/**
 * Model stage for env files and CI: collects every env context and job, indexes how contexts nest, and links
 * files that refer to each other — a job calling a reusable workflow in the repository (`uses: ./.github/workflows/deploy.yml`),
 * a step running a local composite action (`uses: ./.github/actions/login`) — so that rules can ask
 * "which permissions does the caller grant" without opening files.
 */
import type { CiJob, CompositeAction } from "./ci.js";
import type { EnvContext } from "./env.js";
import type { FileModel } from "./file-model.js";
import type { CiModel } from "./repo.js";

/** `./.github/workflows/x.yml` → `.github/workflows/x.yml`; remote references (`org/repo/…@ref`) → undefined. */
export function localPath(uses: string): string | undefined {
  const u = uses.trim();
  if (!u.startsWith("./")) return undefined;
  const at = u.indexOf("@");
  return (at === -1 ? u : u.slice(0, at)).slice(2).replace(/\/+$/, "");
}

/**
 * The repository root a workflow file's `./…` references are relative to: the part of its path before
 * `.github/` (empty for the scanned repository itself; `vendor/tool/` for a nested one).
 */
export function repoPrefix(path: string): string {
  const i = path.startsWith(".github/") ? 0 : path.indexOf("/.github/");
  return i <= 0 ? "" : path.slice(0, i + 1);
}

export function buildCiModel(files: readonly FileModel[]): CiModel {
  const jobs: CiJob[] = [];
  const envContexts: EnvContext[] = [];
  const composites = new Map<string, CompositeAction>();
  const jobsByFile = new Map<string, CiJob[]>();
  for (const m of files) {
    envContexts.push(...(m.envContexts ?? []));
    for (const job of m.ciJobs ?? []) {
      jobs.push(job);
      const list = jobsByFile.get(job.file.path) ?? [];
      list.push(job);
      jobsByFile.set(job.file.path, list);
    }
    if (m.composite) composites.set(m.composite.dir, m.composite);
  }
  // Callers: jobs whose `uses:` names another workflow file of this repository.
  const callers = new Map<string, CiJob[]>();
  for (const job of jobs) {
    const local = job.calls ? localPath(job.calls.text) : undefined;
    if (local === undefined) continue;
    const target = repoPrefix(job.file.path) + local;
    const list = callers.get(target) ?? [];
    list.push(job);
    callers.set(target, list);
  }
  const children = new Map<EnvContext, EnvContext[]>();
  for (const c of envContexts) {
    if (!c.parent) continue;
    const list = children.get(c.parent) ?? [];
    list.push(c);
    children.set(c.parent, list);
  }
  const order = new Map(envContexts.map((c, i) => [c, i]));
  const within = (env: EnvContext): EnvContext[] => {
    const out = [env];
    for (let i = 0; i < out.length; i++) out.push(...(children.get(out[i] as EnvContext) ?? []));
    // In the readers' order (the file's), whatever the nesting: rules that name "the last command" rely on it.
    return out.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  };
  return {
    jobs,
    envContexts,
    within,
    composites,
    callersOf: (job) => (job.reusable ? (callers.get(job.file.path) ?? []) : []),
    compositeOf: (step) => {
      const dir = step.uses ? localPath(step.uses.text) : undefined;
      return dir === undefined ? undefined : composites.get(repoPrefix(step.file.path) + dir);
    },
  };
}
