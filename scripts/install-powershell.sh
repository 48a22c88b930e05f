#!/usr/bin/env bash
# Installs the pinned PowerShell (a .NET tool) and Pester (a NuGet package) into $ROOT/.tools, which git
# ignores; nothing global. Prints nothing on success but the two paths on stdout:
#   line 1: the pwsh executable   line 2: the Pester module folder (holds Pester.psd1)
# Fails (exit 1) when either cannot be installed: the caller decides whether that is fatal (CI=true).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PWSH_VERSION=7.6.9      # pinned: a later 7.7 may want .NET 11
PESTER_VERSION=5.9.1
TOOLS="$ROOT/.tools"
PWSH="$TOOLS/pwsh/pwsh"
PESTER="$TOOLS/nuget/pester/$PESTER_VERSION/tools"

installed_pwsh_version() { [ -x "$PWSH" ] && "$PWSH" -NoLogo -NoProfile -Command '$PSVersionTable.PSVersion.ToString()' 2>/dev/null || true; }

if [ "$(installed_pwsh_version)" != "$PWSH_VERSION" ]; then
  rm -rf "$TOOLS/pwsh"
  dotnet tool install PowerShell --version "$PWSH_VERSION" --tool-path "$TOOLS/pwsh" >&2
fi
if [ ! -f "$PESTER/Pester.psd1" ]; then
  dotnet restore "$ROOT/build/tools/Pester.Restore.csproj" --packages "$TOOLS/nuget" -nologo >&2
fi
[ "$(installed_pwsh_version)" = "$PWSH_VERSION" ] || { echo "PowerShell $PWSH_VERSION did not install into $TOOLS/pwsh" >&2; exit 1; }
[ -f "$PESTER/Pester.psd1" ] || { echo "Pester $PESTER_VERSION did not install into $TOOLS/nuget" >&2; exit 1; }
echo "$PWSH"
echo "$PESTER"
