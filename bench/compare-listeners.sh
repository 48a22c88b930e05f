#!/usr/bin/env bash
# Compares LoopbackTools' listener enumeration with ss and lsof on COUNT TCP listeners (default 20,000).
#   bash bench/compare-listeners.sh [COUNT] [ROUNDS]        (as root; builds the probe if needed)
# Runs sealed in private net/pid namespaces, so the listeners and every helper die with the seal
# (bench/run-all.sh calls it already sealed). COUNT listeners on 127.0.0.1 are held by two probe processes
# (ulimit -n is 20000 here), on ports 10000 upward (below the 32768 ephemeral range). Each round runs,
# alternately: the core enumeration with and without owners (in-process, warm: the probe's "time" mode
# reports the median of 5 scans after a warm-up scan, so .NET start-up is excluded), `ss -ltn`, `ss -ltnp`
# and `lsof -iTCP -sTCP:LISTEN -P -n` (whole process, output to /dev/null), and the core as a whole cold
# process (`probe once`, .NET start-up included). Prints the median over rounds and the targeted ratios.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COUNT="${1:-20000}"
ROUNDS="${2:-5}"
WORK="$(mktemp -d)"
source "$ROOT/bench/lib.sh"

if [ -z "${LBT_BENCH_SEALED:-}" ]; then
  rm -rf "$WORK"
  [ -f "$PROBE" ] || dotnet build "$ROOT/tests/LoopbackTools.ListenerProbe" -c Release -nologo >/dev/null
  command -v lsof >/dev/null || { echo "lsof missing: apt-get install lsof" >&2; exit 1; }
  exec unshare --net --pid --fork --mount-proc env LBT_BENCH_SEALED=1 bash "$0" "$COUNT" "$ROUNDS"
fi

ip link set lo up
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_TieredPGO=0
trap 'rm -rf "$WORK"' EXIT
start_listeners "$COUNT"
echo "listeners: $(ss -ltnH | wc -l) (ss -ltnH), kernel $(uname -r), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

for f in core-owners core-bare ss ssp lsof cold-owners cold-bare; do : > "$WORK/$f"; done
for round in $(seq "$ROUNDS"); do
  dotnet "$PROBE" time 5 | field median_ms >> "$WORK/core-owners"
  dotnet "$PROBE" time 5 --no-owners | field median_ms >> "$WORK/core-bare"
  ms ss -ltn >> "$WORK/ss"
  ms ss -ltnp >> "$WORK/ssp"
  ms lsof -iTCP -sTCP:LISTEN -P -n >> "$WORK/lsof"
  ms dotnet "$PROBE" once >> "$WORK/cold-owners"
  ms dotnet "$PROBE" once --no-owners >> "$WORK/cold-bare"
  echo "round $round/$ROUNDS done (load $(cut -d' ' -f1 /proc/loadavg))" >&2
done
echo "core check: $(dotnet "$PROBE" time 1)"
stop_listeners

owners=$(median < "$WORK/core-owners"); bare=$(median < "$WORK/core-bare")
ss=$(median < "$WORK/ss"); ssp=$(median < "$WORK/ssp"); lsof=$(median < "$WORK/lsof")
cold_owners=$(median < "$WORK/cold-owners"); cold_bare=$(median < "$WORK/cold-bare")
printf '%-52s %10s\n' "median over $ROUNDS rounds" "ms"
printf '%-52s %10s\n' "core, with owners (in-process, warm)" "$owners"
printf '%-52s %10s\n' "core, without owners (in-process, warm)" "$bare"
printf '%-52s %10s\n' "ss -ltn" "$ss"
printf '%-52s %10s\n' "ss -ltnp" "$ssp"
printf '%-52s %10s\n' "lsof -iTCP -sTCP:LISTEN -P -n" "$lsof"
printf '%-52s %10s\n' "core, with owners (whole cold process, .NET start)" "$cold_owners"
printf '%-52s %10s\n' "core, without owners (whole cold process)" "$cold_bare"
awk -v o="$owners" -v b="$bare" -v s="$ss" -v p="$ssp" -v l="$lsof" -v co="$cold_owners" -v cb="$cold_bare" 'BEGIN {
  printf "with owners / ss -ltnp    = %.2fx (target <= 0.5)  %s\n", o / p, (o / p <= 0.5 ? "met" : "MISSED")
  printf "without owners / ss -ltn  = %.2fx (target <= 1.0)  %s\n", b / s, (b / s <= 1.0 ? "met" : "MISSED")
  printf "with owners / lsof        = %.3fx (target <= 0.1)  %s\n", o / l, (o / l <= 0.1 ? "met" : "MISSED")
  printf "cold process, for honesty: with owners / ss -ltnp = %.2fx, / lsof = %.3fx; without owners / ss -ltn = %.2fx\n", co / p, co / l, cb / s }'
