#!/usr/bin/env bash
# Adds up the xunit TRX and Pester NUnit results and the fresh-clone checks of scripts/try.sh (try.results)
# and prints the closing line "N passed, N failed".
# Under CI=true a skipped test counts as failed: CI must never hide a missing component.
set -uo pipefail
RESULTS="$1"
passed=0; failed=0; skipped=0

attr() { grep -o "$1=\"[0-9]*\"" <<<"$2" | head -1 | grep -o '[0-9]*' || echo 0; }

trx="$RESULTS/xunit.trx"
if [ -f "$trx" ]; then
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -1)"
  passed=$((passed + $(attr passed "$counters")))
  failed=$((failed + $(attr failed "$counters") + $(attr error "$counters") + $(attr timeout "$counters") + $(attr aborted "$counters")))
  skipped=$((skipped + $(attr notExecuted "$counters")))
  echo "xunit: $passed passed, $failed failed, $skipped skipped"
else
  echo "no xunit results: the test run crashed before reporting" >&2
  failed=$((failed + 1))
fi

pester="$RESULTS/pester.xml"
if [ -f "$pester" ]; then
  # Pester's NUnit 2.5 "total" leaves out not-run: the tests of other platforms, left out by tag, never counted.
  header="$(grep -o '<test-results [^>]*>' "$pester" | head -1)"
  total=$(attr total "$header"); bad=$(( $(attr failures "$header") + $(attr errors "$header") ))
  notrun=$(( $(attr skipped "$header") + $(attr ignored "$header") + $(attr inconclusive "$header") ))
  passed=$((passed + total - bad - notrun)); failed=$((failed + bad)); skipped=$((skipped + notrun))
  echo "Pester: $((total - bad - notrun)) passed, $bad failed, $notrun skipped ($(attr not-run "$header") of other platforms left out by tag)"
fi
# The fault corpus's closing line (tests/FaultCorpus.Tests.ps1 writes its table next to the results); its Its count above.
corpus="$RESULTS/fault-corpus.txt"
[ ! -f "$corpus" ] || echo "fault corpus: $(tail -1 "$corpus") (table: $corpus)"

if [ -f "$RESULTS/pester.missing" ]; then
  echo "Pester suite not run: $(cat "$RESULTS/pester.missing")" >&2
  failed=$((failed + 1))
elif [ ! -f "$pester" ]; then
  echo "no Pester results: the Pester run crashed before reporting" >&2
  failed=$((failed + 1))
fi

# scripts/test-try.sh: one line a check, "passed NAME ...", "failed NAME: why" or "skipped NAME: why".
try="$RESULTS/try.results"
if [ -f "$try" ]; then
  try_passed=$(grep -c '^passed ' "$try"); try_failed=$(grep -c '^failed ' "$try"); try_skipped=$(grep -c '^skipped ' "$try")
  passed=$((passed + try_passed)); failed=$((failed + try_failed)); skipped=$((skipped + try_skipped))
  echo "try.sh in a fresh clone: $try_passed passed, $try_failed failed, $try_skipped skipped"
  grep -E '^(failed|skipped) ' "$try" >&2
else
  echo "no try.sh results: scripts/test-try.sh did not run" >&2
  failed=$((failed + 1))
fi

if [ "${CI:-}" = "true" ] && [ "$skipped" -gt 0 ]; then
  echo "CI=true: $skipped skipped test(s) count as failed" >&2
  failed=$((failed + skipped)); skipped=0
fi

if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
