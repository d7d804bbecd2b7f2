#!/usr/bin/env node
// Tiny shim: the compiled CLI lives in dist/ (npm run build).
import('../dist/cli/main.js').then((m) => m.main(process.argv.slice(2))).catch((err) => {
  process.stderr.write(`berth: ${err && err.message ? err.message : err}\n`);
  process.exitCode = 125;
});
