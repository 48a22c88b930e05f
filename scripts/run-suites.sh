#!/usr/bin/env bash
# Runs xunit, then the Pester suite (scripts/run-pester.sh), over an already built tree, writing results to $RESULTS.
set -uo pipefail
ROOT="$1"; CONFIG="$2"; RESULTS="$3"
status=0

# A developer's narrowed run (docs/conventions.md): LBT_XUNIT_FILTER is a `dotnet test --filter` expression, or
# "none" to leave xunit out; LBT_PESTER_TESTS=none leaves Pester out. CI sets neither and runs everything.
xunit_filter=()
[ -z "${LBT_XUNIT_FILTER:-}" ] || xunit_filter=(--filter "$LBT_XUNIT_FILTER")
if [ "${LBT_XUNIT_FILTER:-}" != none ]; then
  dotnet test "$ROOT/tests/LoopbackTools.Tests/LoopbackTools.Tests.csproj" -c "$CONFIG" --no-build --no-restore -nologo \
    "${xunit_filter[@]}" --results-directory "$RESULTS" --logger "trx;LogFileName=xunit.trx" \
    --logger "console;verbosity=normal" || status=$?
fi

if [ "${LBT_PESTER_TESTS:-}" = none ]; then
  :
elif [ -n "${LBT_PWSH:-}" ]; then
  bash "$ROOT/scripts/run-pester.sh" "$ROOT" "$RESULTS" || status=$?
else
  echo "PowerShell is not installed (scripts/install-powershell.sh failed): Pester suite not run" >&2
  status=1
fi
exit "$status"
