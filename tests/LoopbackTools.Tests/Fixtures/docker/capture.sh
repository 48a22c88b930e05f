#!/usr/bin/env bash
# Re-captures the recorded Docker Engine API responses in this folder from a real dockerd.
# Run as root inside a seal, from the repository root:
#   unshare --net --mount --pid --fork --mount-proc bash tests/LoopbackTools.Tests/Fixtures/docker/capture.sh
# Each *.http file is the raw response exactly as it came off the socket (curl --raw -i keeps the status
# line, headers and chunked framing untouched); *.proc files are /proc/<pid>/net/tcp{,6} of a container.
set -euo pipefail
OUT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ip link set lo up
W="$(mktemp -d /tmp/lbt-capture-XXXXXX)"
dockerd --iptables=false --ip6tables=false --ip-forward=false --data-root "$W/data" --exec-root "$W/exec" \
  -H "unix://$W/docker.sock" --pidfile "$W/docker.pid" >"$W/dockerd.log" 2>&1 &
trap 'kill $(cat "$W/docker.pid" 2>/dev/null) 2>/dev/null || true' EXIT
for _ in $(seq 300); do docker -H "unix://$W/docker.sock" version >/dev/null 2>&1 && break; sleep 0.1; done
D=(docker -H "unix://$W/docker.sock")
mkdir -p "$W/img/bin" "$W/img/www"; cp "$(command -v busybox)" "$W/img/bin/"; echo "hello from ci-bb" >"$W/img/www/index.html"
tar -C "$W/img" -cf "$W/bb.tar" .; "${D[@]}" import "$W/bb.tar" ci-bb:1 >/dev/null
"${D[@]}" run -d --name web -p 127.0.0.1:18080:8080 ci-bb:1 busybox httpd -f -p 8080 -h /www >/dev/null
"${D[@]}" run -d --name loopback-app -p 18081:8080 ci-bb:1 busybox httpd -f -p 127.0.0.1:8080 -h /www >/dev/null
"${D[@]}" run -d --name exposed-only --expose 8080 ci-bb:1 busybox httpd -f -p 8080 -h /www >/dev/null
"${D[@]}" run -d --name v6 -p '[::1]:18082:8080' ci-bb:1 busybox httpd -f -p 8080 -h /www >/dev/null
"${D[@]}" create --name stopped -p 18083:8080 ci-bb:1 busybox httpd -f -p 8080 -h /www >/dev/null
sleep 1
get() { curl -s --raw -i --unix-socket "$W/docker.sock" "http://docker$1" >"$OUT/$2"; }
get /version version.http
get /v1.41/containers/json containers-json.http
for c in web loopback-app exposed-only v6 stopped; do get "/v1.41/containers/$c/json" "inspect-$c.http"; done
get /v1.41/containers/no-such-container/json inspect-not-found.http
get /v1.99/containers/json version-too-new.http
for c in web loopback-app; do
  pid="$("${D[@]}" inspect -f '{{.State.Pid}}' "$c")"
  cat "/proc/$pid/net/tcp" >"$OUT/$c-net-tcp.proc"; cat "/proc/$pid/net/tcp6" >"$OUT/$c-net-tcp6.proc"
done
"${D[@]}" rm -f web loopback-app exposed-only v6 stopped >/dev/null
echo "captured into $OUT"
