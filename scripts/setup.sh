#!/usr/bin/env bash
# Idempotent set-up on a fresh Debian 12 machine, as root: Debian packages berth uses and its
# tests start, npm dependencies, and the compiled CLI. Safe to run again; it only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# runc + conmon run containers; busybox-static makes the offline demo image; attr/tini/iproute2
# serve overlay checks, --init and networking (nftables: the bridge's NAT); skopeo/docker-registry/tmux are used by the tests.
PKGS=(runc conmon busybox-static tini attr iproute2 nftables skopeo docker-registry tmux hyperfine apache2-utils openssl)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm ci only when the lockfile changed since the last install
stamp=node_modules/.berth-lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  # npm 11 cannot lock node-unix-socket's optional packages for other platforms (they are not
  # published), so `npm ci` may refuse the lockfile; `npm install` honours the same lockfile.
  npm ci --no-audit --no-fund || npm install --no-audit --no-fund
  cp package-lock.json "$stamp"
fi

npm run -s build
