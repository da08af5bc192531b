/** The progress line: on a terminal only, never in CI or piped, and only for a scan that takes a while. */
import { describe, expect, it } from "vitest";
import { progressLine, type CliIo } from "../../src/cli/main.js";

function io(stderrIsTTY: boolean, env: Record<string, string> = {}): CliIo & { readonly err: string[] } {
  const err: string[] = [];
  return { cwd: "/", env, stdoutIsTTY: false, stderrIsTTY, writeStdout: () => undefined, writeStderr: (t) => void err.push(t), err };
}

function run(target: CliIo & { readonly err: string[] }, times: readonly number[]): string[] {
  let i = 0;
  const clock = (): number => times[Math.min(i, times.length - 1)] ?? 0;
  const p = progressLine(target, clock);
  for (let done = 1; done < times.length; done++) {
    i = done;
    p.update?.(done * 1000, (times.length - 1) * 1000);
  }
  p.end();
  return target.err;
}

describe("progress line", () => {
  it("after a second on a terminal: files done / total, rewritten in place, cleared at the end", () => {
    const out = run(io(true), [0, 500, 1200, 1250, 1400, 2500]);
    expect(out).toEqual(["\rcredlint: 2,000 / 5,000 files", "\rcredlint: 4,000 / 5,000 files", "\rcredlint: 5,000 / 5,000 files", "\r\u001b[K"]);
  });

  it("nothing for a quick scan, for piped stderr, or in CI", () => {
    expect(run(io(true), [0, 100, 200, 900])).toEqual([]);
    expect(run(io(false), [0, 1500, 3000])).toEqual([]);
    expect(run(io(true, { CI: "true" }), [0, 1500, 3000])).toEqual([]);
  });
});
