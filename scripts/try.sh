#!/usr/bin/env bash
# The README's first command on Linux: builds the module, brings PowerShell, opens it with the module imported.
#   bash scripts/try.sh                        an interactive pwsh with out/LoopbackTools imported
#   bash scripts/try.sh -Command '<PowerShell>'  runs one command with the module imported, prints what pwsh
#                                              prints (the build's log: out/try-build.log) and exits with its status
# Needs the .NET SDK 10. Uses a PowerShell 7.4+ found on PATH, else installs the pinned PowerShell into .tools/
# (scripts/install-powershell.sh --pwsh-only): no root, nothing global; the NuGet download is the only network use,
# and a second run reuses .tools/ and downloads nothing.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODULE="$ROOT/out/LoopbackTools"
SDK_MAJOR=10            # what the build needs (LangVersion latest) and what the pinned pwsh runs on (net10.0)
MIN_PWSH=7.4            # the oldest PowerShell 7 the module supports (README "Install")
# One-shot use: no telemetry, no update check, no build servers left running after the build.
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 \
  DOTNET_GENERATE_ASPNET_CERTIFICATE=false DOTNET_CLI_USE_MSBUILD_SERVER=0 \
  POWERSHELL_TELEMETRY_OPTOUT=1 POWERSHELL_UPDATECHECK=Off

usage() { sed -n '2,5s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2; }
command_text=""
case "${1:-}" in
  "") ;;
  -Command|-command|-c)
    [ "$#" -ge 2 ] || { echo "try.sh: -Command needs the PowerShell to run" >&2; usage; exit 2; }
    shift; command_text="$*" ;;
  -h|--help|-\?) usage; exit 0 ;;
  *) echo "try.sh: unknown argument '$1'" >&2; usage; exit 2 ;;
esac

say() { echo "try.sh: $*" >&2; }

dotnet_missing() {
  cat >&2 <<EOF
try.sh: $1
LoopbackTools builds with the .NET SDK $SDK_MAJOR (and the pinned PowerShell runs on .NET $SDK_MAJOR). Install it, then run
'bash scripts/try.sh' again:
  - from https://dot.net (every platform; Linux: https://learn.microsoft.com/dotnet/core/install/linux), or
  - on Debian or Ubuntu from Microsoft's package feed
    (https://learn.microsoft.com/dotnet/core/install/linux-debian), then: sudo apt-get install dotnet-sdk-$SDK_MAJOR.0
  - without root: download https://dot.net/v1/dotnet-install.sh and run: bash dotnet-install.sh --channel $SDK_MAJOR.0
    (it installs into ~/.dotnet; put that folder on PATH)
EOF
  exit 1
}
command -v dotnet >/dev/null 2>&1 || dotnet_missing "dotnet is not on PATH."
sdks="$(dotnet --list-sdks 2>/dev/null || true)"
awk -v want="$SDK_MAJOR" '{ split($1, v, "."); if (v[1] + 0 >= want) found = 1 } END { exit !found }' <<<"$sdks" \
  || dotnet_missing "no .NET SDK $SDK_MAJOR found (dotnet --list-sdks: $(tr '\n' ' ' <<<"${sdks:-none}"))."

say "building $MODULE (Release)"
mkdir -p "$ROOT/out"
build_log="$ROOT/out/try-build.log"
if ! dotnet build "$ROOT/src/LoopbackTools/LoopbackTools.csproj" -c Release -nologo -v quiet -nodeReuse:false \
     -p:UseSharedCompilation=false >"$build_log" 2>&1; then
  cat "$build_log" >&2
  say "the build failed (messages above, kept in $build_log); nothing was started"
  exit 1
fi

# A PowerShell 7.4+ on PATH is used as it is; otherwise the pinned one in .tools/.
pwsh_version() { "$1" -NoLogo -NoProfile -NonInteractive -Command '$PSVersionTable.PSVersion.ToString()' 2>/dev/null || true; }
at_least() { awk -v have="$1" -v want="$2" 'BEGIN { split(have, h, "[.-]"); split(want, w, ".");
  exit !((h[1] + 0 > w[1] + 0) || (h[1] + 0 == w[1] + 0 && h[2] + 0 >= w[2] + 0)) }'; }
PWSH=""
if path_pwsh="$(command -v pwsh 2>/dev/null)"; then
  version="$(pwsh_version "$path_pwsh")"
  if [ -n "$version" ] && at_least "$version" "$MIN_PWSH"; then
    PWSH="$path_pwsh"
  else
    say "$path_pwsh is PowerShell ${version:-of unknown version}, older than $MIN_PWSH: using the pinned one in .tools/ instead"
  fi
fi
if [ -z "$PWSH" ]; then
  [ -x "$ROOT/.tools/pwsh/pwsh" ] || say "installing the pinned PowerShell into $ROOT/.tools/pwsh (dotnet tool install; from the NuGet feed)"
  if ! PWSH="$(bash "$ROOT/scripts/install-powershell.sh" --pwsh-only)"; then
    runtime_note=""
    dotnet --list-runtimes 2>/dev/null | grep -q "^Microsoft.NETCore.App $SDK_MAJOR\." \
      || runtime_note="  The pinned PowerShell runs on the .NET $SDK_MAJOR runtime, which this machine lacks (dotnet --list-runtimes).
"
    cat >&2 <<EOF
try.sh: the pinned PowerShell could not be installed into $ROOT/.tools/pwsh (messages above).
$runtime_note  It comes from the NuGet feed (nuget.org, or the feeds of your NuGet.Config): 'dotnet tool install PowerShell'
  must be able to reach it. Or install PowerShell $MIN_PWSH or later yourself and put pwsh on PATH:
  https://aka.ms/install-powershell (on Debian or Ubuntu: Microsoft's package feed, then sudo apt-get install powershell).
  Then run 'bash scripts/try.sh' again.
EOF
    exit 1
  fi
fi

quoted_module="${MODULE//\'/\'\'}"
if [ -n "$command_text" ]; then
  exec "$PWSH" -NoLogo -NoProfile -NonInteractive -Command "Import-Module '$quoted_module' -ErrorAction Stop; $command_text"
fi
exec "$PWSH" -NoLogo -NoProfile -NoExit -File "$ROOT/scripts/Show-TryBanner.ps1" -ModulePath "$MODULE"
