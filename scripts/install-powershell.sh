#!/usr/bin/env bash
# Installs the pinned PowerShell (a .NET tool) and Pester (a NuGet package) into $ROOT/.tools, which git
# ignores; nothing global, no root. Prints nothing on success but the paths on stdout:
#   line 1: the pwsh executable   line 2: the Pester module folder (holds Pester.psd1)
#   bash scripts/install-powershell.sh               PowerShell and Pester (scripts/test.sh)
#   bash scripts/install-powershell.sh --pwsh-only   PowerShell only, one line (scripts/try.sh)
# What is already installed at the pinned version is kept: then nothing is downloaded.
# Fails (exit 1) when either cannot be installed: the caller decides whether that is fatal (CI=true).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PWSH_VERSION=7.6.9      # pinned: a later 7.7 may want .NET 11
PESTER_VERSION=5.9.1
TOOLS="$ROOT/.tools"
PWSH="$TOOLS/pwsh/pwsh"
PESTER="$TOOLS/nuget/pester/$PESTER_VERSION/tools"
with_pester=1
case "${1:-}" in
  "") ;;
  --pwsh-only) with_pester=0 ;;
  *) echo "usage: install-powershell.sh [--pwsh-only]" >&2; exit 2 ;;
esac
# The version check below starts pwsh outside any seal: no telemetry, no update check (the NuGet feed is the
# only network use).
export POWERSHELL_TELEMETRY_OPTOUT=1 POWERSHELL_UPDATECHECK=Off DOTNET_CLI_TELEMETRY_OPTOUT=1

installed_pwsh_version() { [ -x "$PWSH" ] && "$PWSH" -NoLogo -NoProfile -NonInteractive -Command '$PSVersionTable.PSVersion.ToString()' 2>/dev/null || true; }

if [ "$(installed_pwsh_version)" != "$PWSH_VERSION" ]; then
  rm -rf "$TOOLS/pwsh"
  dotnet tool install PowerShell --version "$PWSH_VERSION" --tool-path "$TOOLS/pwsh" >&2 || true
fi
[ "$(installed_pwsh_version)" = "$PWSH_VERSION" ] || { echo "PowerShell $PWSH_VERSION did not install into $TOOLS/pwsh" >&2; exit 1; }
echo "$PWSH"
[ "$with_pester" = 1 ] || exit 0

if [ ! -f "$PESTER/Pester.psd1" ]; then
  dotnet restore "$ROOT/build/tools/Pester.Restore.csproj" --packages "$TOOLS/nuget" -nologo >&2 || true
fi
[ -f "$PESTER/Pester.psd1" ] || { echo "Pester $PESTER_VERSION did not install into $TOOLS/nuget" >&2; exit 1; }
echo "$PESTER"
