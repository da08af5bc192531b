/** `credlint … | head`: when the reader goes away, credlint stops quietly (no EPIPE stack trace). */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";
import { ROOT } from "../../scripts/generate.js";

it("stops quietly when stdout is closed early", () => {
  const cli = path.join(ROOT, "bin/credlint.js");
  const r = spawnSync("bash", ["-c", `node "${cli}" --no-color fixtures | head -c 100 > /dev/null`], { cwd: ROOT, encoding: "utf8" });
  expect(r.status).toBe(0);
  expect(r.stderr).not.toMatch(/EPIPE|Error|at /);
});
