#!/usr/bin/env bash
# Test-ContainerConnection's check on the healthy path to a host service, in-process and warm
# (tests/LoopbackTools.ContainerProbe connection-bench: one warm-up, then RUNS timed runs, median): a real dockerd,
# a client container on a user-defined network started with --add-host=host.docker.internal:host-gateway, and a
# busybox httpd on the host bound to all interfaces (of the seal). Every step runs: the engine's inspection, the
# container's sockets, its hosts file, a connection made from inside its network namespace, the host's listeners.
# Usage (as root, after `dotnet build -c Release`): bash bench/container-connection.sh [RUNS=20]   (seals itself)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-20}"
PROBE="$ROOT/tests/LoopbackTools.ContainerProbe/bin/Release/net10.0/LoopbackTools.ContainerProbe.dll"
if [ -z "${LBT_BENCH_SEALED:-}" ]; then
  exec unshare --net --mount --pid --fork --mount-proc env LBT_BENCH_SEALED=1 bash "$0" "$RUNS"
fi
ip link set lo up
W="$(mktemp -d /tmp/lbt-ccbench-XXXXXX)"
cleanup() {
  docker -H "unix://$W/docker.sock" rm -f bench-api >/dev/null 2>&1 || true
  kill $(jobs -p) 2>/dev/null || true
  for _ in $(seq 100); do [ -e "$W/docker.pid" ] || break; sleep 0.1; done
  rm -rf "$W" 2>/dev/null || true
}
trap cleanup EXIT
dockerd --iptables=false --ip6tables=false --ip-forward=false --data-root "$W/data" --exec-root "$W/exec" \
  -H "unix://$W/docker.sock" --pidfile "$W/docker.pid" >"$W/dockerd.log" 2>&1 &
export DOCKER_HOST="unix://$W/docker.sock"
for _ in $(seq 300); do docker version >/dev/null 2>&1 && break; sleep 0.1; done
mkdir -p "$W/img/bin" "$W/img/www"; cp "$(command -v busybox)" "$W/img/bin/"; echo hello >"$W/img/www/index.html"
tar -C "$W/img" -cf "$W/bb.tar" .; docker import "$W/bb.tar" ci-bb:1 >/dev/null
docker network create app >/dev/null
docker run -d --pull=never --name bench-api --network app --add-host=host.docker.internal:host-gateway ci-bb:1 busybox sleep 3600 >/dev/null 2>&1
PORT=18766
busybox httpd -f -p "0.0.0.0:$PORT" -h "$W/img/www" &
sleep 0.3
echo "== Test-ContainerConnection -Name bench-api -Port $PORT (host service on 0.0.0.0), $RUNS runs, $(nproc) cores, Docker $(docker version --format '{{.Server.Version}}')"
dotnet "$PROBE" connection-bench --engine "$DOCKER_HOST" --name bench-api --port "$PORT" --runs "$RUNS"
