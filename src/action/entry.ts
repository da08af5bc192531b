import { RE2JS } from "re2js";
import { provideRe2js } from "../secrets/regex.js";
import { isScanWorker, runScanWorker } from "../lint/lint.js";
import { runAction } from "./run.js";

// The bundle carries the pure-JS RE2 port only (the native `re2` addon cannot be bundled): choose it up
// front (src/secrets/regex.ts reads CREDLINT_REGEX_ENGINE) instead of probing for a module that is not there.
process.env.CREDLINT_REGEX_ENGINE ??= "re2js";
provideRe2js(RE2JS);

// The bundle is also the parse stage's worker script (src/scan/pool.ts).
if (isScanWorker()) runScanWorker();
else {
  process.exitCode = runAction({
    env: process.env,
    cwd: process.cwd(),
    writeStdout: (t) => process.stdout.write(t),
  });
}
