#!/usr/bin/env bash
# Copies the demo tour's screenshots (e2e/demo.tour.spec.ts, saved in test-results/screenshots) into docs/ for the
# README, reduced to a 256-colour palette by pngquant (apt-get install pngquant): a dashboard has few colours, and a
# full-colour PNG of one is 3-4 times the size for no visible difference.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v pngquant >/dev/null || { echo "docs-screenshots: needs pngquant (apt-get install pngquant)" >&2; exit 1; }
src=test-results/screenshots
# tour screenshot → docs name
pairs=(overview:overview overview-dark:overview-dark inspector:inspector replay:replay audit:audit
  replicas:replicas transaction:transaction)
for pair in "${pairs[@]}"; do
  from="$src/demo-tour-${pair%%:*}.png"
  [ -f "$from" ] || { echo "docs-screenshots: $from missing: run the tour first" >&2; exit 1; }
  pngquant --quality 60-85 --speed 1 --strip --force --output "docs/${pair#*:}.png" "$from"
done
du -ch docs/*.png | tail -1
