#!/usr/bin/env bash
# Wait-LocalhostConnection on a port that is already up, measured inside PowerShell over the packaged module:
# busybox httpd on 127.0.0.1:PORT and [::1]:PORT; one warm-up call each, then RUNS calls timed with
# Measure-Command, median (and min/max) in ms, for the plain wait and for -Http (GET / answered 200).
# Usage (as root, after `dotnet build -c Release` and scripts/install-powershell.sh):
#   bash bench/wait-up.sh [RUNS=50]   (seals itself)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-50}"
PWSH="${LBT_PWSH:-$ROOT/.tools/pwsh/pwsh}"
if [ -z "${LBT_BENCH_SEALED:-}" ]; then
  exec unshare --net --mount --pid --fork --mount-proc env LBT_BENCH_SEALED=1 LBT_PWSH="$PWSH" bash -c 'ip link set lo up; exec bash "$0" "$1"' "$0" "$RUNS"
fi
[ -x "$PWSH" ] || { echo "no pwsh at $PWSH: run scripts/install-powershell.sh" >&2; exit 1; }
SEAL="$(mktemp -d /tmp/lbt-wait-XXXXXX)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$SEAL"' EXIT
mkdir -p "$SEAL/www"; echo ok > "$SEAL/www/index.html"
PORT=18766
busybox httpd -f -p "127.0.0.1:$PORT" -h "$SEAL/www" &
busybox httpd -f -p "[::1]:$PORT" -h "$SEAL/www" &
sleep 0.3
cat > "$SEAL/bench.ps1" <<PS
Import-Module '$ROOT/out/LoopbackTools'
function Measure-Median([scriptblock] \$Call) {
    \$null = & \$Call   # warm-up: JIT and the first lookup
    \$ms = foreach (\$i in 1..$RUNS) { (Measure-Command \$Call).TotalMilliseconds }
    \$sorted = @(\$ms | Sort-Object)
    '{0,-52} median {1,7:0.00} ms  min {2,7:0.00}  max {3,7:0.00}' -f \$Call.ToString().Trim(), \$sorted[[int][math]::Floor(\$sorted.Count / 2)], \$sorted[0], \$sorted[-1]
}
Measure-Median { Wait-LocalhostConnection -Port $PORT }
Measure-Median { Wait-LocalhostConnection -Port $PORT -Http }
PS
"$PWSH" -NoLogo -NoProfile -NonInteractive -File "$SEAL/bench.ps1"
