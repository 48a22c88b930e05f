#!/usr/bin/env bash
# Test-LocalhostConnection when nothing listens on the port here, with N other network namespaces on the machine
# (issue 27: the Listener step looks in each for the port). In-process and warm (connection-bench: one warm-up,
# then RUNS timed runs, median). Each namespace is an `ip netns` with lo up and a busybox httpd on another port,
# as a container would be; then one of them gets a listener on the checked port (the "found" case).
# Usage (as root, after `dotnet build -c Release tests/LoopbackTools.ResolutionProbe`):
#   bash bench/namespace-sweep.sh [NAMESPACES=20] [RUNS=30]   (seals itself)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COUNT="${1:-20}"
RUNS="${2:-30}"
PROBE="$ROOT/tests/LoopbackTools.ResolutionProbe/bin/Release/net10.0/LoopbackTools.ResolutionProbe.dll"
if [ -z "${LBT_BENCH_SEALED:-}" ]; then
  exec unshare --net --mount --pid --fork --mount-proc env LBT_BENCH_SEALED=1 bash "$0" "$COUNT" "$RUNS"
fi
ip link set lo up
SEAL="$(mktemp -d /tmp/lbt-nssweep-XXXXXX)"
trap 'rm -rf "$SEAL"' EXIT
mkdir -p "$SEAL/www" /run/netns; mount -t tmpfs tmpfs /run/netns
printf '127.0.0.1 localhost\n::1 localhost\n' > "$SEAL/hosts"; mount --bind "$SEAL/hosts" /etc/hosts
PORT=18766
bench() { echo "$1: $(dotnet "$PROBE" connection-bench --runs "$RUNS" --port "$PORT" --engine "unix://$SEAL/no-engine.sock" | grep -E '"medianMs"' | tr -d ' ,')"; }
bench "nothing listens, 0 other namespaces"
for i in $(seq 1 "$COUNT"); do
  ip netns add "n$i"; ip -n "n$i" link set lo up
  ip netns exec "n$i" busybox httpd -p "127.0.0.1:$((20000 + i))" -h "$SEAL/www"
done
bench "nothing listens, $COUNT other namespaces"
ip netns exec n7 busybox httpd -p "127.0.0.1:$PORT" -h "$SEAL/www"
bench "served in namespace n7 of $COUNT"
