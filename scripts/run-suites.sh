#!/usr/bin/env bash
# Runs xunit (and Pester when pwsh exists) over an already built tree, writing results to $RESULTS.
set -uo pipefail
ROOT="$1"; CONFIG="$2"; RESULTS="$3"
status=0

dotnet test "$ROOT/tests/LoopbackTools.Tests/LoopbackTools.Tests.csproj" -c "$CONFIG" --no-build --no-restore -nologo \
  --results-directory "$RESULTS" --logger "trx;LogFileName=xunit.trx" --logger "console;verbosity=normal" || status=$?

if command -v pwsh >/dev/null 2>&1; then
  pwsh -NoLogo -NoProfile -NonInteractive -File "$ROOT/scripts/Invoke-PesterSuite.ps1" \
    -ModulePath "$ROOT/out/LoopbackTools" -ResultPath "$RESULTS/pester.xml" || status=$?
else
  echo "pwsh not on PATH: Pester suite not run here (it runs in .github/workflows/ci.yml and in review)"
fi
exit "$status"
