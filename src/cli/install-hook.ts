import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { writeFileAtomic } from "../fix/apply.js";
import { UsageError } from "../model/errors.js";

export const HOOK_MARKER = "# credlint pre-commit hook";

/** The block a hook runs: the repository's own credlint when installed, else one on PATH. */
export const HOOK_BLOCK = `${HOOK_MARKER} (added by \`credlint install-hook\`): scan what is staged.
if [ -x ./node_modules/.bin/credlint ]; then ./node_modules/.bin/credlint --staged || exit $?
elif command -v credlint >/dev/null 2>&1; then credlint --staged || exit $?
else echo "credlint: not installed (npm install --save-dev credlint); skipping the credential check" >&2
fi
`;

function gitOut(cwd: string, args: readonly string[]): string | undefined {
  const r = spawnSync("git", args, { cwd, encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/**
 * `credlint install-hook`: adds `credlint --staged` to the repository's pre-commit hook. Never overwrites a
 * hook: a new hook is created, an existing shell hook gets the block appended (once), anything else is
 * refused with instructions.
 */
export function installHook(cwd: string): string {
  const hooksRel = gitOut(cwd, ["rev-parse", "--git-path", "hooks"]);
  if (hooksRel === undefined) throw new UsageError(`install-hook needs a git repository: ${cwd} is not inside one.`);
  const hooksDir = path.resolve(cwd, hooksRel);
  const hooksPath = gitOut(cwd, ["config", "--get", "core.hooksPath"]);
  if (hooksPath !== undefined && /(^|\/)\.husky(\/|$)/.test(hooksPath)) {
    throw new UsageError('this repository manages hooks with Husky: add "npx credlint --staged" to .husky/pre-commit instead.');
  }
  const hook = path.join(hooksDir, "pre-commit");
  if (!existsSync(hook)) {
    mkdirSync(hooksDir, { recursive: true });
    writeFileSync(hook, `#!/bin/sh\n${HOOK_BLOCK}`, { mode: 0o755 });
    chmodSync(hook, 0o755);
    return `Installed the pre-commit hook: ${hook}`;
  }
  const current = readFileSync(hook, "utf8");
  if (current.includes(HOOK_MARKER)) return `The pre-commit hook already runs credlint: ${hook}`;
  const shebang = current.split("\n", 1)[0] ?? "";
  if (!/^#!.*\b(sh|bash|dash|zsh|ksh)\b/.test(shebang)) {
    throw new UsageError(
      `${hook} exists and is not a shell script; credlint will not change it. Add "credlint --staged" to it yourself.`,
    );
  }
  if (/^\s*exec\s/m.test(current)) {
    throw new UsageError(`${hook} ends in "exec", so an appended check would never run; add "credlint --staged" before the exec yourself.`);
  }
  writeFileAtomic(hook, `${current}${current.endsWith("\n") ? "" : "\n"}\n${HOOK_BLOCK}`);
  const mode = statSync(hook).mode;
  if ((mode & 0o111) === 0) chmodSync(hook, mode | 0o755);
  return `Appended credlint to the existing pre-commit hook: ${hook}`;
}
