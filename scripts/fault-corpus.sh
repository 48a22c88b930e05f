#!/usr/bin/env bash
# The fault corpus alone (issue 27): builds, then runs tests/FaultCorpus.Tests.ps1 sealed with the components
# scripts/run-pester.sh starts (dockerd, the SSH fleet), and prints its table: scenario, expected cause and the step
# that names it, named?, remedy verified?, and the closing line "faults named N/M, false alarms K/H".
# The same file runs inside the normal test command (scripts/test.sh, .ci/run); this is the short way to see the table.
# Usage (as root): bash scripts/fault-corpus.sh        Scenarios: tests/FaultCorpus/Scenarios.ps1
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LBT_SKIP_TRY=1 LBT_XUNIT_FILTER=none LBT_PESTER_TESTS="$ROOT/tests/FaultCorpus.Tests.ps1" CI=true \
  bash "$ROOT/scripts/test.sh" >"${TMPDIR:-/tmp}/fault-corpus.log" 2>&1
# test.sh's own status counts the left-out xunit suite as a failure: judge by the Pester results instead.
status=1
results="$ROOT/out/test-results/pester.xml"
if [ -f "$results" ] && grep -q '<test-results[^>]* failures="0"' "$results" && grep -q '<test-results[^>]* errors="0"' "$results"; then status=0; fi
table="$ROOT/out/test-results/fault-corpus.txt"
if [ -f "$table" ]; then
  cat "$table"
else
  echo "no table was written; the run's output is in ${TMPDIR:-/tmp}/fault-corpus.log" >&2
  tail -20 "${TMPDIR:-/tmp}/fault-corpus.log" >&2
fi
exit "$status"
