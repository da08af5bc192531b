#!/usr/bin/env node
// The CLI is one committed esbuild bundle (npm run build): fast to start, and nothing to build on install.
import "../dist/credlint.mjs";
