#!/usr/bin/env bash
# The whole test suite, as the README's quick start and CI run it:
# lint and format check, type check, unit tests, then the real local stack (Kafka, Kafka Connect,
# Debezium, MariaDB replicas, PostgreSQL, Debezium Server, NATS JetStream),
# integration tests against it, end-to-end tests in Chromium, and the stack's
# lifecycle tests last. Installs whatever it needs; fails loudly if anything is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 CI="${CI:-}"
started=$(date +%s)
results=test-results
rm -rf "$results" && mkdir -p "$results"

current=start
step() { current="$*"; echo; echo "=== $* ($(( $(date +%s) - started ))s, load average $(cut -d' ' -f1-3 /proc/loadavg))"; }
# What uses the CPU at a step's start: a slow step then shows whether it had the machine to itself.
busiest() { top -b -c -n 2 -d 1 -o %CPU -w 160 2>/dev/null | awk '/^top -/{n++} n==2' | sed -n '7,13p' || true; }
trap 'echo "cdcscope: the test run failed during: $current" >&2' ERR

stack_pid=
cleanup() {
  local rc=$?
  # A stack still coming up holds the stack's lock: let it finish, then take it down.
  if [ -n "$stack_pid" ]; then wait "$stack_pid" 2>/dev/null || true; fi
  if [ -x scripts/stack ]; then scripts/stack down >/dev/null 2>&1 || true; fi
  exit $rc
}
trap cleanup EXIT

step "dependencies"
bash scripts/ensure-deps.sh
bash scripts/ensure-chromium.sh

# The local stack boots beside the static checks: its JVMs wait on each other and on disk as much as
# they compute, and ESLint uses one core.
step "lint, format check and type check (the local stack starts beside them)"
scripts/stack up >"$results/stack-up.log" 2>&1 &
stack_pid=$!

# Lint (type-aware ESLint, cached in node_modules/.cache/eslint/), the format check and the type check come
# first: they fail the run before anything slow starts, and a red lint fails it like a red test. ESLint
# runs on one core: the other two checks run beside it.
npm run --silent lint >"$results/lint.log" 2>&1 &
lint_pid=$!
checks_rc=0
npx prettier --check --log-level warn . || checks_rc=$?
npx tsc --noEmit -p . || checks_rc=$?
lint_rc=0
wait $lint_pid || lint_rc=$?
cat "$results/lint.log"
if [ $lint_rc -ne 0 ] || [ $checks_rc -ne 0 ]; then
  echo "cdcscope: lint ($lint_rc), format or type check ($checks_rc) failed" >&2
  false
fi

# Unit tests get a quiet machine: the stack is up (or has failed) before they start.
step "local stack up"
stack_rc=0
wait $stack_pid || stack_rc=$?
stack_pid=
cat "$results/stack-up.log"
[ $stack_rc -eq 0 ] || { echo "cdcscope: scripts/stack up failed (exit $stack_rc)" >&2; false; }

step "unit tests"
unit_rc=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$results/unit.json" || unit_rc=$?

# The web app builds beside the integration tests: they wait on the stack far more than they
# compute, and none of them serves the web app.
step "integration tests (the web app builds beside them)"
bash scripts/ensure-build.sh >"$results/build.log" 2>&1 &
build_pid=$!
int_rc=0
npx vitest run -c vitest.integration.config.mts --reporter=default --reporter=json --outputFile.json="$results/integration.json" || int_rc=$?

step "web app build"
wait $build_pid || { cat "$results/build.log" >&2; echo "cdcscope: the web app build failed" >&2; false; }
cat "$results/build.log"

step "end-to-end tests (Chromium)"
busiest
e2e_rc=0
npx playwright test || e2e_rc=$?

step "stack lifecycle tests"
busiest
life_rc=0
if [ -f vitest.lifecycle.config.mts ] || [ -f vitest.lifecycle.config.ts ]; then
  cfg=$(ls vitest.lifecycle.config.* | head -1)
  npx vitest run -c "$cfg" --reporter=default --reporter=json --outputFile.json="$results/lifecycle.json" || life_rc=$?
fi

step "summary"
node scripts/summarize-tests.mjs "$results"
echo "total time: $(( $(date +%s) - started ))s"
[ $unit_rc -eq 0 ] && [ $int_rc -eq 0 ] && [ $e2e_rc -eq 0 ] && [ $life_rc -eq 0 ]
