/**
 * A small `.gitignore` matcher for scans outside a git work tree (inside one, git itself decides).
 * Supports blank/comment lines, `!` negation, trailing `/` (directories only), leading or inner `/`
 * (anchored to the .gitignore's folder), `*`, `?`, `[…]` and `**`. Patterns are compiled to linear-time
 * regular expressions once per .gitignore file.
 */
export interface IgnoreRule {
  readonly negate: boolean;
  readonly dirOnly: boolean;
  readonly re: RegExp;
}

function globToRegex(glob: string, anchored: boolean): RegExp {
  let re = "";
  let i = 0;
  while (i < glob.length) {
    const c = glob.charAt(i);
    if (c === "*") {
      if (glob[i + 1] === "*") {
        const atStart = i === 0 || glob[i - 1] === "/";
        const atEnd = i + 2 === glob.length || glob[i + 2] === "/";
        if (atStart && atEnd) {
          // `**/` matches zero or more folders; a trailing `**` matches everything inside.
          re += i + 2 === glob.length ? ".*" : "(?:.*/)?";
          i += i + 2 === glob.length ? 2 : 3;
          continue;
        }
      }
      re += "[^/]*";
      i += glob[i + 1] === "*" ? 2 : 1;
    } else if (c === "?") {
      re += "[^/]";
      i++;
    } else if (c === "[") {
      const close = glob.indexOf("]", i + 2);
      if (close === -1) {
        re += "\\[";
        i++;
      } else {
        let body = glob.slice(i + 1, close).replace(/\\/g, "\\\\");
        if (body.startsWith("!")) body = "^" + body.slice(1);
        re += `[${body}]`;
        i = close + 1;
      }
    } else if (c === "\\" && i + 1 < glob.length) {
      re += glob.charAt(i + 1).replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
      i += 2;
    } else {
      re += c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
      i++;
    }
  }
  return new RegExp(anchored ? `^${re}$` : `(?:^|/)${re}$`);
}

export function parseGitignore(text: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (let line of text.split(/\r?\n/)) {
    if (line === "" || line.startsWith("#")) continue;
    line = line.replace(/(?<!\\)\s+$/, "");
    if (line === "") continue;
    let negate = false;
    if (line.startsWith("!")) {
      negate = true;
      line = line.slice(1);
    }
    let dirOnly = false;
    if (line.endsWith("/")) {
      dirOnly = true;
      line = line.slice(0, -1);
    }
    const anchored = line.includes("/");
    if (line.startsWith("/")) line = line.slice(1);
    if (line === "") continue;
    rules.push({ negate, dirOnly, re: globToRegex(line, anchored) });
  }
  return rules;
}

/** Last matching rule wins, as in git. `relPath` is relative to the .gitignore's folder. */
export function isIgnored(rules: readonly IgnoreRule[], relPath: string, isDir: boolean): boolean | undefined {
  let result: boolean | undefined;
  for (const r of rules) {
    if (r.dirOnly && !isDir) continue;
    if (r.re.test(relPath)) result = !r.negate;
  }
  return result;
}
