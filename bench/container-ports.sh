#!/usr/bin/env bash
# Median time of the core Test-ContainerPort -All check over N running containers, next to the shell way
# (docker inspect each container + one curl per published port). Runs sealed, as root, from the repo root:
#   dotnet build -c Release && unshare --net --mount --pid --fork --mount-proc bash bench/container-ports.sh [N] [RUNS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-20}"; RUNS="${2:-20}"
PROBE="$ROOT/tests/LoopbackTools.ContainerProbe/bin/Release/net10.0/LoopbackTools.ContainerProbe.dll"
ip link set lo up
W="$(mktemp -d /tmp/lbt-bench-XXXXXX)"
# Stop dockerd (it removes its pid file on exit; wait at most 10 s) and remove its data, even after a failure.
cleanup() {
  [ -f "$W/docker.pid" ] && kill "$(cat "$W/docker.pid")" 2>/dev/null
  for _ in $(seq 100); do [ -e "$W/docker.pid" ] || break; sleep 0.1; done
  rm -rf "$W" 2>/dev/null || true
}
trap cleanup EXIT
dockerd --iptables=false --ip6tables=false --ip-forward=false --data-root "$W/data" --exec-root "$W/exec" \
  -H "unix://$W/docker.sock" --pidfile "$W/docker.pid" >"$W/dockerd.log" 2>&1 &
for _ in $(seq 300); do docker -H "unix://$W/docker.sock" version >/dev/null 2>&1 && break; sleep 0.1; done
export DOCKER_HOST="unix://$W/docker.sock"
mkdir -p "$W/img/bin" "$W/img/www"; cp "$(command -v busybox)" "$W/img/bin/"; echo "hello" >"$W/img/www/index.html"
tar -C "$W/img" -cf "$W/bb.tar" .; docker import "$W/bb.tar" ci-bb:1 >/dev/null
for i in $(seq "$N"); do
  docker run -d --pull=never --name "bench-$i" -p "127.0.0.1::8080" ci-bb:1 busybox httpd -f -p 8080 -h /www >/dev/null 2>&1
done
sleep 2
echo "== $(docker ps -q | wc -l) running containers on $(docker version --format '{{.Server.Version}}'), $(nproc) cores"

echo "== LoopbackTools core (-All, every link incl. /proc and a real request), $RUNS runs"
dotnet "$PROBE" bench --engine "$DOCKER_HOST" --runs "$RUNS" | tail -1

echo "== shell: docker inspect + curl per published port, $RUNS runs"
shell_once() {
  for id in $(docker ps -q); do
    for hp in $(docker inspect -f '{{range $p, $b := .NetworkSettings.Ports}}{{range $b}}{{.HostIp}}:{{.HostPort}} {{end}}{{end}}' "$id"); do
      curl -s -o /dev/null -m 3 "http://$hp/" || true
    done
  done
}
times=()
for r in $(seq "$RUNS"); do
  s=$(date +%s%N); shell_once; e=$(date +%s%N)
  times+=($(( (e - s) / 1000 )))
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "median %.1f ms over %d runs\n", m/1000, NR}'
docker rm -f $(docker ps -aq) >/dev/null
