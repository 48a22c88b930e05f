#!/usr/bin/env bash
# The newcomer test of scripts/try.sh (issue 24):  bash scripts/test-try.sh ROOT RESULTS
# scripts/test.sh runs it before the seal, because its first run needs the NuGet feed, as a newcomer's does.
# In a fresh clone of ROOT's HEAD, as user 65534 (own HOME, DOTNET_CLI_HOME and NuGet folders), with a PATH that
# holds dotnet but no pwsh:
#   0. without dotnet on PATH: the message names the .NET SDK 10 and where it comes from;
#   1. try.sh -Command 'Get-LoopbackInterface | ...' builds, installs the pinned pwsh into .tools/ and prints lo;
#   2. the same again in a network namespace with no network at all: it must reuse .tools/ and download nothing
#      (any download would fail there), leaving .tools/ and the NuGet folder untouched;
#   3. the interactive mode (stdin typing a command, then exit) prints the banner, no line wider than 80 columns:
#      every cmdlet, the first command, the about topic, then what the typed command prints;
#   4. a PowerShell 7.4+ on PATH is used instead of .tools/ (moved away for this run), and -Command exits with
#      the command's status;
#   5. with neither, and no network, the pinned PowerShell cannot install: a clear message, exit 1.
# Runs 0 and 2-5 happen offline, so nothing but run 1's NuGet download leaves the machine (try.sh turns off telemetry
# and the update check). Writes $RESULTS/try.results, one line a check: "passed NAME (detail)", "failed NAME: why"
# or "skipped NAME: why" (scripts/summarize-results.sh counts them; under CI=true a skip counts as failed),
# and the output of every run under $RESULTS/try/.
set -uo pipefail
ROOT="$1"; RESULTS="$2"
OUT="$RESULTS/try.results"; LOGS="$RESULTS/try"
USER_ID=65534
LO_COMMAND='Get-LoopbackInterface | Select-Object -ExpandProperty Name'
CHECKS=(missing-sdk-message first-run-installs-pwsh-and-prints-lo second-run-offline-reuses-tools interactive-banner
        path-pwsh-is-used command-exit-status install-failure-message)
mkdir -p "$LOGS"; : > "$OUT"

record() {  # verdict name [detail]
  local line="$1 $2${3:+: $3}"
  [ "$1" = passed ] && line="$1 $2${3:+ ($3)}"
  echo "$line" >> "$OUT"; echo "try.sh test: $line"
}
skip_all() { for c in "${CHECKS[@]}"; do record skipped "$c" "$1"; done; exit 0; }
[ "$(id -u)" = 0 ] || skip_all "needs root (setpriv to user $USER_ID, unshare --net)"
for p in git setpriv unshare dotnet; do command -v "$p" >/dev/null || skip_all "$p is missing"; done

WORK="$(mktemp -d /tmp/lbt-try-XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
chmod 755 "$WORK"
CLONE="$WORK/LoopbackTools"
HOME_DIR="$WORK/home"
head="$(git -C "$ROOT" rev-parse HEAD)"
[ -z "$(git -C "$ROOT" status --porcelain --untracked-files=no)" ] \
  || echo "try.sh test: note: the checkout has uncommitted changes; the fresh clone tests its HEAD $head"
if ! git clone -q "$ROOT" "$CLONE" >"$LOGS/clone.log" 2>&1 || ! git -C "$CLONE" checkout -q --detach "$head" >>"$LOGS/clone.log" 2>&1; then
  for c in "${CHECKS[@]}"; do record failed "$c" "could not clone $ROOT ($(tail -1 "$LOGS/clone.log"))"; done
  exit 0
fi
mkdir -p "$HOME_DIR/.nuget/NuGet"
# The machine's own NuGet feeds, as the newcomer's user would have them.
[ -r "${HOME:-/root}/.nuget/NuGet/NuGet.Config" ] && cp "${HOME:-/root}/.nuget/NuGet/NuGet.Config" "$HOME_DIR/.nuget/NuGet/"
chown -R "$USER_ID:$USER_ID" "$CLONE" "$HOME_DIR"
cd "$CLONE"   # as the newcomer: in the clone, bash scripts/try.sh

# dotnet's folder and the system's, and no pwsh on it.
TRY_PATH="/usr/local/bin:/usr/bin:/bin"
dotnet_dir="$(dirname "$(command -v dotnet)")"
case ":$TRY_PATH:" in *":$dotnet_dir:"*) ;; *) TRY_PATH="$dotnet_dir:$TRY_PATH" ;; esac
if found="$(PATH="$TRY_PATH" command -v pwsh)"; then
  for c in "${CHECKS[@]}"; do record failed "$c" "$found is on the PATH the test gives try.sh ($TRY_PATH): it cannot prove try.sh brings its own"; done
  exit 0
fi

# The user's environment: its own folders, and what the machine's dotnet and NuGet feed need (proxy, NuGet
# settings such as NUGET_CERT_REVOCATION_MODE) passed on.
passed_env=()
while IFS='=' read -r name _; do
  case "$name" in
    NUGET_*|DOTNET_*|http_proxy|https_proxy|no_proxy|HTTP_PROXY|HTTPS_PROXY|NO_PROXY|SSL_CERT_FILE|SSL_CERT_DIR)
      passed_env+=("$name=${!name}") ;;
  esac
done < <(env)
as_user=(setpriv --reuid="$USER_ID" --regid="$USER_ID" --clear-groups env -i "${passed_env[@]}"
         HOME="$HOME_DIR" DOTNET_CLI_HOME="$HOME_DIR" NUGET_PACKAGES="$HOME_DIR/.nuget/packages" LANG=C.UTF-8 TERM=dumb)
offline=(unshare --net --pid --fork --mount-proc)   # only a lo that is down: no packet leaves
run_offline() {  # LOGNAME PATH try.sh-arguments...   (stdin passes through)
  local log="$1" path="$2"; shift 2
  "${offline[@]}" "${as_user[@]}" PATH="$path" bash scripts/try.sh "$@" >"$LOGS/$log.out" 2>"$LOGS/$log.err"
}
tail_of() { tail -n 12 "$1" | sed 's/^/    /'; }
fingerprint() { { stat -c '%i %Y %n' "$CLONE/.tools/pwsh/pwsh" "$CLONE/.tools/pwsh/.store"; find "$HOME_DIR/.nuget/packages" -maxdepth 2 | sort; } 2>&1; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f s", b - a }'; }

# 0. no dotnet on PATH: only bash and the few programs try.sh needs before it looks for dotnet
mkdir -p "$WORK/no-dotnet"
for p in bash dirname cat sed; do ln -s "$(command -v "$p")" "$WORK/no-dotnet/$p"; done
run_offline run0 "$WORK/no-dotnet" -Command "$LO_COMMAND"; rc=$?
if [ "$rc" = 1 ] && grep -q 'the .NET SDK 10' "$LOGS/run0.err" && grep -q 'https://dot.net' "$LOGS/run0.err"; then
  record passed missing-sdk-message
else
  record failed missing-sdk-message "exit $rc"; tail_of "$LOGS/run0.err"
fi

# 1. the first run: builds, installs the pinned pwsh (the only download), prints lo
t0=$(date +%s.%N)
"${as_user[@]}" PATH="$TRY_PATH" bash scripts/try.sh -Command "$LO_COMMAND" >"$LOGS/run1.out" 2>"$LOGS/run1.err"; rc=$?
t1=$(date +%s.%N)
first="$(seconds "$t0" "$t1")"
if [ "$rc" = 0 ] && grep -qx lo "$LOGS/run1.out" && [ -x "$CLONE/.tools/pwsh/pwsh" ] && grep -q 'installing the pinned PowerShell' "$LOGS/run1.err"; then
  record passed first-run-installs-pwsh-and-prints-lo "$first"
else
  record failed first-run-installs-pwsh-and-prints-lo "exit $rc, stdout: $(tr '\n' ' ' <"$LOGS/run1.out" | cut -c1-120)"; tail_of "$LOGS/run1.err"
  for c in "${CHECKS[@]:2}"; do record failed "$c" "not run: the first run failed"; done
  exit 0
fi

# 2. the second run, offline: .tools/ reused, nothing downloaded
before="$(fingerprint)"
t0=$(date +%s.%N)
"${offline[@]}" "${as_user[@]}" PATH="$TRY_PATH" bash scripts/try.sh -Command "$LO_COMMAND" >"$LOGS/run2.out" 2>"$LOGS/run2.err"; rc=$?
t1=$(date +%s.%N)
second="$(seconds "$t0" "$t1")"
if [ "$rc" = 0 ] && grep -qx lo "$LOGS/run2.out" && ! grep -q installing "$LOGS/run2.err" && [ "$(fingerprint)" = "$before" ]; then
  record passed second-run-offline-reuses-tools "$second, no network"
else
  record failed second-run-offline-reuses-tools "exit $rc, stdout: $(tr '\n' ' ' <"$LOGS/run2.out" | cut -c1-120); .tools/ or NuGet folder changed: $([ "$(fingerprint)" = "$before" ] && echo no || echo yes)"
  tail_of "$LOGS/run2.err"
fi
echo "try.sh test: fresh clone, first run $first, second run $second"


# 3. the interactive mode: the banner, then what the user types
run_offline run3 "$TRY_PATH" <<<"$LO_COMMAND
exit"; rc=$?
missing=()
for needle in 'Start with:  Test-LocalhostConnection 3000' 'Get-Help about_LoopbackTools' \
              $(sed -n "/CmdletsToExport/,/)/p" "$CLONE/LoopbackTools.psd1" | grep -o "'[A-Za-z-]*'" | tr -d "'"); do
  grep -qF -- "$needle" "$LOGS/run3.out" || missing+=("$needle")
done
# the banner reads whole at 80 columns
wide="$(sed '/^Leave with:/q' "$LOGS/run3.out" | awk 'length($0) > 80' | head -1)"
[ -z "$wide" ] || missing+=("a line of at most 80 columns (${#wide}: $wide)")
if [ "$rc" = 0 ] && [ "${#missing[@]}" = 0 ] && grep -q '^lo' "$LOGS/run3.out"; then
  record passed interactive-banner
else
  record failed interactive-banner "exit $rc, banner lacks: ${missing[*]:-nothing}"; tail_of "$LOGS/run3.out"; tail_of "$LOGS/run3.err"
fi

# 4. a pwsh on PATH instead of .tools/ (moved away), and -Command's exit status
mv "$CLONE/.tools/pwsh" "$WORK/path-pwsh" || exit 1
run_offline run4 "$WORK/path-pwsh:$TRY_PATH" -Command 'Write-Output $PSHOME; exit 7'; rc=$?
if grep -qF "$WORK/path-pwsh/" "$LOGS/run4.out" && [ ! -e "$CLONE/.tools/pwsh" ]; then
  record passed path-pwsh-is-used
else
  record failed path-pwsh-is-used "stdout: $(tr '\n' ' ' <"$LOGS/run4.out" | cut -c1-160)"; tail_of "$LOGS/run4.err"
fi
if [ "$rc" = 7 ]; then record passed command-exit-status; else record failed command-exit-status "exit $rc, wanted 7"; fi

# 5. no pwsh anywhere and no network: the pinned one cannot install
run_offline run5 "$TRY_PATH" -Command "$LO_COMMAND"; rc=$?
if [ "$rc" = 1 ] && [ ! -s "$LOGS/run5.out" ] && grep -q 'the pinned PowerShell could not be installed' "$LOGS/run5.err" \
   && grep -q 'https://aka.ms/install-powershell' "$LOGS/run5.err"; then
  record passed install-failure-message
else
  record failed install-failure-message "exit $rc"; tail_of "$LOGS/run5.err"
fi

exit 0
