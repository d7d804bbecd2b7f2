#!/usr/bin/env bash
# README command 1: set up, make sure the offline demo image exists, and start berth.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export BERTH_ROOT="${BERTH_ROOT:-/var/lib/berth}"
if ! node bin/berth.js image inspect busybox:latest >/dev/null 2>&1; then
  node bin/berth.js image demo busybox:latest
fi
if [ $# -eq 0 ] && ! node bin/berth.js tui --help >/dev/null 2>&1; then
  # no TUI yet: show what is there and how to use it
  node bin/berth.js images
  echo
  exec node bin/berth.js --help
fi
exec node bin/berth.js "$@"
