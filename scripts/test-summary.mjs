#!/usr/bin/env node
// Sum vitest JSON reports into one closing line: "N passed, N failed, N skipped".
import { readFileSync, existsSync } from 'node:fs';

let passed = 0, failed = 0, skipped = 0;
for (const f of process.argv.slice(2)) {
  if (!existsSync(f)) { console.error(`summary: ${f} missing (that tier did not run)`); failed++; continue; }
  const r = JSON.parse(readFileSync(f, 'utf8'));
  passed += r.numPassedTests;
  // failed tests, plus files that failed before any test ran (syntax or import errors)
  failed += r.numFailedTests + (r.testResults ?? []).filter((t) => t.status === 'failed' && !(t.assertionResults ?? []).length).length;
  skipped += r.numPendingTests + r.numTodoTests;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
