import { isScanWorker, runScanWorker } from "../lint/lint.js";
import { main } from "./main.js";

// The bundle is also the parse stage's worker script (src/scan/pool.ts).
if (isScanWorker()) runScanWorker();
else main();
