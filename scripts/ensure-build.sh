#!/usr/bin/env bash
# Builds the Next.js app when its inputs changed since the last build.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
stamp=.next/.cdcscope-build-hash
inputs=()
for p in app components lib public next.config.js package-lock.json tsconfig.json; do [ -e "$p" ] && inputs+=("$p"); done
want=$(find "${inputs[@]}" -type f -not -name '*.test.ts' | sort | xargs sha256sum | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "cdcscope: building the web app (next build)…"
  npx next build >/tmp/cdcscope-next-build.log 2>&1 || { tail -40 /tmp/cdcscope-next-build.log >&2; echo "cdcscope: next build failed (log: /tmp/cdcscope-next-build.log)" >&2; exit 1; }
  echo "$want" > "$stamp"
fi
