#!/usr/bin/env bash
# Compares LoopbackTools' listener enumeration with ss and lsof on COUNT TCP listeners (default 20,000).
#   bash bench/compare-listeners.sh [COUNT] [ROUNDS]        (as root; builds the probe if needed)
# Runs sealed in private net/pid namespaces, so the listeners and every helper die with the seal.
# COUNT listeners on 127.0.0.1 are held by two probe processes (ulimit -n is 20000 here), on ports
# 10000 upward (below the 32768 ephemeral range). Each round runs, alternately: the core enumeration
# with and without owners (in-process, warm: the probe's "time" mode reports the median of 5 scans after
# a warm-up scan, so .NET start-up is excluded), `ss -ltn`, `ss -ltnp` and `lsof -iTCP -sTCP:LISTEN -P -n`
# (whole process, output to /dev/null). Prints the median over rounds and the ratios the issue targets.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COUNT="${1:-20000}"
ROUNDS="${2:-5}"
PROBE="$ROOT/tests/LoopbackTools.ListenerProbe/bin/Release/net10.0/LoopbackTools.ListenerProbe.dll"

if [ -z "${LBT_BENCH_SEALED:-}" ]; then
  [ -f "$PROBE" ] || dotnet build "$ROOT/tests/LoopbackTools.ListenerProbe" -c Release -nologo >/dev/null
  command -v lsof >/dev/null || { echo "lsof missing: apt-get install lsof" >&2; exit 1; }
  exec unshare --net --pid --fork --mount-proc env LBT_BENCH_SEALED=1 bash "$0" "$COUNT" "$ROUNDS"
fi

ip link set lo up
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_TieredPGO=0
WORK="$(mktemp -d)"
trap 'exec 3>&- 4>&-; wait 2>/dev/null; rm -rf "$WORK"' EXIT

half=$((COUNT / 2))
mkfifo "$WORK/in1" "$WORK/in2"
dotnet "$PROBE" hold "$half" 10000 < "$WORK/in1" > "$WORK/out1" &
dotnet "$PROBE" hold $((COUNT - half)) $((10000 + half)) < "$WORK/in2" > "$WORK/out2" &
exec 3> "$WORK/in1" 4> "$WORK/in2"   # the holders exit when these close
until grep -q ready "$WORK/out1" 2>/dev/null && grep -q ready "$WORK/out2" 2>/dev/null; do sleep 0.2; done

listening=$(ss -ltnH | wc -l)
echo "listeners: $listening (ss -ltnH), kernel $(uname -r), $(nproc) cores"

ms() { # wall time of a command in milliseconds, output discarded
  local start end
  start=$(date +%s%N); "$@" > /dev/null 2>&1; end=$(date +%s%N)
  echo $(((end - start) / 1000)) | awk '{ printf "%.2f\n", $1 / 1000 }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

: > "$WORK/core-owners"; : > "$WORK/core-bare"; : > "$WORK/ss"; : > "$WORK/ssp"; : > "$WORK/lsof"
for round in $(seq "$ROUNDS"); do
  dotnet "$PROBE" time 5 | sed -n 's/.*median_ms=\([0-9.]*\).*/\1/p' >> "$WORK/core-owners"
  dotnet "$PROBE" time 5 --no-owners | sed -n 's/.*median_ms=\([0-9.]*\).*/\1/p' >> "$WORK/core-bare"
  ms ss -ltn >> "$WORK/ss"
  ms ss -ltnp >> "$WORK/ssp"
  ms lsof -iTCP -sTCP:LISTEN -P -n >> "$WORK/lsof"
  echo "round $round/$ROUNDS done" >&2
done
dotnet "$PROBE" time 1 | sed 's/^/core check: /'

owners=$(median < "$WORK/core-owners"); bare=$(median < "$WORK/core-bare")
ss=$(median < "$WORK/ss"); ssp=$(median < "$WORK/ssp"); lsof=$(median < "$WORK/lsof")
printf '%-44s %10s\n' "median over $ROUNDS rounds" "ms"
printf '%-44s %10s\n' "core, with owners (in-process, warm)" "$owners"
printf '%-44s %10s\n' "core, without owners (in-process, warm)" "$bare"
printf '%-44s %10s\n' "ss -ltn" "$ss"
printf '%-44s %10s\n' "ss -ltnp" "$ssp"
printf '%-44s %10s\n' "lsof -iTCP -sTCP:LISTEN -P -n" "$lsof"
awk -v o="$owners" -v b="$bare" -v s="$ss" -v p="$ssp" -v l="$lsof" 'BEGIN {
  printf "with owners / ss -ltnp    = %.2fx (target <= 0.5)\n", o / p
  printf "without owners / ss -ltn  = %.2fx (target <= 1.0)\n", b / s
  printf "with owners / lsof        = %.3fx (target <= 0.1)\n", o / l }'
