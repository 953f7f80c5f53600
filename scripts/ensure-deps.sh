#!/usr/bin/env bash
# Installs the npm dependencies when node_modules is missing or older than the lockfile.
# Idempotent and quick when nothing changed, so every entry command can call it.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

command -v node >/dev/null || { echo "cdcscope: Node.js is missing; install Node.js 20 or newer" >&2; exit 1; }
major=$(node -p 'process.versions.node.split(".")[0]')
[ "$major" -ge 20 ] || { echo "cdcscope: Node.js $major is too old; install Node.js 20 or newer" >&2; exit 1; }

stamp=node_modules/.cdcscope-lock-hash
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "cdcscope: installing npm dependencies (npm ci)…"
  # --include=dev: with NODE_ENV=production (as `npm start` and the e2e servers set it) npm would
  # otherwise leave out the dev dependencies, and the next `npm test` would find them gone.
  # --prefer-offline: a tarball already in npm's cache (the lockfile pins its integrity) is not asked
  # for again. A registry that stops answering mid-download was seen to hold `npm ci` idle for over
  # ten minutes with every package but a few in place: each attempt is bounded, and retried.
  attempt=1
  until timeout --kill-after=15 600 npm ci --include=dev --no-audit --no-fund --loglevel=error \
    --prefer-offline --fetch-timeout=60000 --fetch-retries=4; do
    if [ "$attempt" -ge 3 ]; then
      echo "cdcscope: npm ci failed $attempt times; is the npm registry reachable? (npm config get registry)" >&2
      exit 1
    fi
    attempt=$((attempt + 1))
    echo "cdcscope: npm ci failed or stalled; trying again ($attempt of 3)…" >&2
  done
  echo "$want" > "$stamp"
fi
