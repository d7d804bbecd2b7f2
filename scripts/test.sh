#!/usr/bin/env bash
# README command 2 (and .ci/run): set up, then lint, typecheck and run every test tier.
# The default tier stays well under 30 minutes on 2 cores; BERTH_LONG=1 adds the long suites.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit 1
npm run -s lint || exit 1
npm run -s typecheck || exit 1
mkdir -p .test-results
rc=0
for tier in unit integration e2e; do
  npx vitest run --project "$tier" --reporter=default --reporter=json --outputFile=".test-results/$tier.json" || rc=1
done
# one closing line over all tiers: "N passed, N failed, N skipped"
node scripts/test-summary.mjs .test-results/unit.json .test-results/integration.json .test-results/e2e.json || rc=1
exit $rc
