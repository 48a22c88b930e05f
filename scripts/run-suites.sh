#!/usr/bin/env bash
# Runs xunit, then the Pester suite (scripts/run-pester.sh), over an already built tree, writing results to $RESULTS.
set -uo pipefail
ROOT="$1"; CONFIG="$2"; RESULTS="$3"
status=0

dotnet test "$ROOT/tests/LoopbackTools.Tests/LoopbackTools.Tests.csproj" -c "$CONFIG" --no-build --no-restore -nologo \
  --results-directory "$RESULTS" --logger "trx;LogFileName=xunit.trx" --logger "console;verbosity=normal" || status=$?

if [ -n "${LBT_PWSH:-}" ]; then
  bash "$ROOT/scripts/run-pester.sh" "$ROOT" "$RESULTS" || status=$?
else
  echo "PowerShell is not installed (scripts/install-powershell.sh failed): Pester suite not run" >&2
  status=1
fi
exit "$status"
