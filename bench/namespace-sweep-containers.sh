#!/usr/bin/env bash
# Test-LocalhostConnection when nothing listens on the port here, on a machine with N running containers (issue 27's
# target: <= 100 ms median with the namespace scan and 20 containers). Each container is a busybox httpd on the
# seal's own dockerd, published on nothing (its sockets live in its own network namespace, which the Listener step
# reads); then one more container listens on the checked port inside (the "found" case: the step names it and the
# engine is asked who it is). In-process and warm (connection-bench: one warm-up, then RUNS timed runs, median).
# Usage (as root, after `dotnet build -c Release tests/LoopbackTools.ResolutionProbe`):
#   bash bench/namespace-sweep-containers.sh [CONTAINERS=20] [RUNS=30]   (seals itself)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COUNT="${1:-20}"
RUNS="${2:-30}"
PROBE="$ROOT/tests/LoopbackTools.ResolutionProbe/bin/Release/net10.0/LoopbackTools.ResolutionProbe.dll"
if [ -z "${LBT_BENCH_SEALED:-}" ]; then
  exec unshare --net --mount --pid --fork --mount-proc env LBT_BENCH_SEALED=1 bash "$0" "$COUNT" "$RUNS"
fi
ip link set lo up
W="$(mktemp -d /tmp/lbt-nssweepc-XXXXXX)"
cleanup() {
  [ -f "$W/docker.pid" ] && kill "$(cat "$W/docker.pid")" 2>/dev/null
  for _ in $(seq 100); do [ -e "$W/docker.pid" ] || break; sleep 0.1; done
  rm -rf "$W" 2>/dev/null || true
}
trap cleanup EXIT
printf '127.0.0.1 localhost\n::1 localhost\n' > "$W/hosts"; mount --bind "$W/hosts" /etc/hosts
dockerd --iptables=false --ip6tables=false --ip-forward=false --data-root "$W/data" --exec-root "$W/exec" \
  -H "unix://$W/docker.sock" --pidfile "$W/docker.pid" >"$W/dockerd.log" 2>&1 &
for _ in $(seq 300); do docker -H "unix://$W/docker.sock" version >/dev/null 2>&1 && break; sleep 0.1; done
export DOCKER_HOST="unix://$W/docker.sock"
mkdir -p "$W/img/bin" "$W/img/www"; cp "$(command -v busybox)" "$W/img/bin/"; echo "hello" >"$W/img/www/index.html"
tar -C "$W/img" -cf "$W/bb.tar" .; docker import "$W/bb.tar" ci-bb:1 >/dev/null
PORT=18767
bench() { echo "$1: $(dotnet "$PROBE" connection-bench --runs "$RUNS" --port "$PORT" --engine "$DOCKER_HOST" | grep -E '"medianMs"' | tr -d ' ,')"; }
bench "nothing listens, 0 containers"
for i in $(seq 1 "$COUNT"); do
  docker run -d --pull=never --name "sweep-$i" ci-bb:1 busybox httpd -f -p 8080 -h /www >/dev/null
done
sleep 1
echo "running containers: $(docker ps -q | wc -l)"
bench "nothing listens, $COUNT containers"
docker run -d --pull=never --name sweep-found ci-bb:1 busybox httpd -f -p "$PORT" -h /www >/dev/null
sleep 1
bench "served inside container sweep-found, $((COUNT + 1)) containers"
docker rm -f $(docker ps -aq) >/dev/null
