#!/usr/bin/env bash
# The whole test suite, as the README's quick start and CI run it:
# lint, format check and type check, unit tests while the real local stack starts (Kafka, Kafka Connect,
# Debezium, MariaDB replicas, PostgreSQL, Debezium Server, NATS JetStream), then
# integration tests against it, end-to-end tests in Chromium, and the stack's
# lifecycle tests last. Installs whatever it needs; fails loudly if anything is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 CI="${CI:-}"
started=$(date +%s)
results=test-results
rm -rf "$results" && mkdir -p "$results"

current=start
step() { current="$*"; echo; echo "=== $* ($(( $(date +%s) - started ))s)"; }
trap 'echo "cdcscope: the test run failed during: $current" >&2' ERR

cleanup() {
  local rc=$?
  if [ -x scripts/stack ]; then scripts/stack down >/dev/null 2>&1 || true; fi
  exit $rc
}
trap cleanup EXIT

step "dependencies"
bash scripts/ensure-deps.sh
bash scripts/ensure-chromium.sh

# Lint (type-aware ESLint, cached in node_modules/.cache/eslint/), the format check and the type
# check come first: they fail the run before anything slow starts, and a red lint fails it like a
# red test. Each is mostly one thread, so lint runs beside the other two on the second core.
step "lint, format check and type check"
npm run --silent lint >"$results/lint.log" 2>&1 &
lint_pid=$!
npx prettier --check --log-level warn .
npx tsc --noEmit -p .
lint_rc=0
wait "$lint_pid" || lint_rc=$?
cat "$results/lint.log"
[ $lint_rc -eq 0 ] || { echo "cdcscope: lint failed" >&2; exit 1; }

# The stack's start is mostly waiting for JVMs and databases: it runs beside the unit tests
# (which have no timing assertions) and is waited for before the first test that needs it.
step "unit tests (the local stack starts alongside)"
scripts/stack up >"$results/stack-up.log" 2>&1 &
stack_pid=$!
unit_rc=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$results/unit.json" || unit_rc=$?

step "local stack up"
stack_rc=0
wait "$stack_pid" || stack_rc=$?
cat "$results/stack-up.log"
[ $stack_rc -eq 0 ] || { echo "cdcscope: scripts/stack up failed (above)" >&2; exit 1; }

step "integration tests"
int_rc=0
npx vitest run -c vitest.integration.config.mts --reporter=default --reporter=json --outputFile.json="$results/integration.json" || int_rc=$?

step "web app build"
bash scripts/ensure-build.sh

step "end-to-end tests (Chromium)"
e2e_rc=0
npx playwright test || e2e_rc=$?

step "stack lifecycle tests"
life_rc=0
if [ -f vitest.lifecycle.config.mts ] || [ -f vitest.lifecycle.config.ts ]; then
  cfg=$(ls vitest.lifecycle.config.* | head -1)
  npx vitest run -c "$cfg" --reporter=default --reporter=json --outputFile.json="$results/lifecycle.json" || life_rc=$?
fi

step "summary"
node scripts/summarize-tests.mjs "$results"
echo "total time: $(( $(date +%s) - started ))s"
[ $unit_rc -eq 0 ] && [ $int_rc -eq 0 ] && [ $e2e_rc -eq 0 ] && [ $life_rc -eq 0 ]
