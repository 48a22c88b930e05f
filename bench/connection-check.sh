#!/usr/bin/env bash
# Test-LocalhostConnection's whole checklist for a healthy local port, in-process and warm
# (tests/LoopbackTools.ResolutionProbe connection-bench: one warm-up run, then RUNS timed runs, median):
# busybox httpd on 127.0.0.1:PORT and [::1]:PORT, a hosts file with both localhost lines (bind-mounted in a
# private mount namespace), and no container engine configured (DOCKER_HOST names a socket that does not exist).
# Proxy variables are set (HTTP_PROXY, HTTPS_PROXY, NO_PROXY=localhost) so the Proxy step judges every client
# family, host and both schemes: its dearest case (issue 22). Nothing is sent to the proxy; none runs.
# Usage (as root, after `dotnet build -c Release`): bash bench/connection-check.sh [RUNS=50]   (seals itself)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-50}"
PROBE="$ROOT/tests/LoopbackTools.ResolutionProbe/bin/Release/net10.0/LoopbackTools.ResolutionProbe.dll"
if [ -z "${LBT_BENCH_SEALED:-}" ]; then
  exec unshare --net --mount --pid --fork --mount-proc env LBT_BENCH_SEALED=1 bash -c 'ip link set lo up; exec bash "$0" "$1"' "$0" "$RUNS"
fi
SEAL="$(mktemp -d /tmp/lbt-connection-XXXXXX)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$SEAL"' EXIT
mkdir -p "$SEAL/www"; echo ok > "$SEAL/www/index.html"
printf '127.0.0.1 localhost\n::1 localhost\n' > "$SEAL/hosts"
PORT=18765
busybox httpd -f -p "127.0.0.1:$PORT" -h "$SEAL/www" &
busybox httpd -f -p "[::1]:$PORT" -h "$SEAL/www" &
sleep 0.3
export PROBE PORT RUNS SEAL
HTTP_PROXY=http://127.0.0.1:3128 HTTPS_PROXY=http://127.0.0.1:3128 NO_PROXY=localhost \
DOCKER_HOST="unix://$SEAL/no-engine.sock" unshare --mount bash -c \
  'mount --bind "$SEAL/hosts" /etc/hosts; dotnet "$PROBE" connection-bench --runs "$RUNS" --port "$PORT"'
