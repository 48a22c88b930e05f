#!/usr/bin/env bash
# Renders the README's "What it looks like" examples with real PowerShell, in a world set up the same way every
# time: its own network, mount and PID namespaces (nothing leaves the machine, everything dies with it), a hosts
# file with only "127.0.0.1 localhost", a dnsmasq on 127.0.0.1:53 that wrongly answers localhost, a busybox httpd
# on 127.0.0.1:3000, a busybox nc on :8080 (all interfaces, dual-stack), and a dockerd with four busybox httpd containers
# and a client container "api" on the user-defined network "app" started with --add-host=host.docker.internal:host-gateway,
# and an openssl s_server on 127.0.0.1:8443 serving a fixed mkcert-style certificate (tests/LoopbackTools.Tests/Fixtures/
# tls/readme) whose root is in a copy of the system bundle bind-mounted over it, for a user whose HOME is /home/dev
# (no NSS database, no Firefox profile) and whose environment sets no trust variable. /home is an empty tmpfs with
# the folder /home/dev/project, where the hosts-editing examples write their own file.
#   bash scripts/render-readme.sh            prints the rendered block (tests/Readme.Tests.ps1 compares it)
#   bash scripts/render-readme.sh --write    writes it into README.md
# As root, after `dotnet build` (the module comes from LOOPBACKTOOLS_MODULE, else out/LoopbackTools); PowerShell
# from LBT_PWSH, else .tools/pwsh/pwsh (bash scripts/install-powershell.sh), else pwsh on PATH.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ "${LBT_README_WORLD:-}" != 1 ]; then
  export LBT_README_WORLD=1
  exec unshare --net --mount --pid --fork --mount-proc bash "${BASH_SOURCE[0]}" "$@"
fi

ip link set lo up
W="$(mktemp -d /tmp/lbt-readme-XXXXXX)"
cleanup() {
  docker -H "unix://$W/docker.sock" rm -f everywhere exposed-only loopback-app web api >/dev/null 2>&1 || true
  [ -f "$W/docker.pid" ] && kill "$(cat "$W/docker.pid")" 2>/dev/null
  for _ in $(seq 100); do [ -e "$W/docker.pid" ] || break; sleep 0.1; done
  umount /etc/hosts /etc/resolv.conf /etc/ssl/certs/ca-certificates.crt /home 2>/dev/null || true
  rm -rf "$W" 2>/dev/null || true
}
trap cleanup EXIT

printf '127.0.0.1 localhost\n' >"$W/hosts"; mount --bind "$W/hosts" /etc/hosts
printf 'nameserver 127.0.0.1\n' >"$W/resolv.conf"; mount --bind "$W/resolv.conf" /etc/resolv.conf
dnsmasq="$(command -v dnsmasq || echo /usr/sbin/dnsmasq)"
"$dnsmasq" --keep-in-foreground --conf-file=/dev/null --no-resolv --no-hosts --bind-interfaces --listen-address=127.0.0.1 \
  --port=53 --pid-file= --log-facility=/dev/null --user=root --local=/localhost/ --local=/test/ \
  --host-record=localhost,203.0.113.7,2001:db8::7 &
mkdir -p "$W/www"; echo hello >"$W/www/index.html"
busybox httpd -f -p 127.0.0.1:3000 -h "$W/www" &
busybox nc -ll -p 8080 -e cat &
# HTTPS with a development CA that `mkcert -install` put into the system store only (no certutil, so no NSS database).
certificates="$ROOT/tests/LoopbackTools.Tests/Fixtures/tls/readme"
cat /etc/ssl/certs/ca-certificates.crt "$certificates/rootCA.pem" >"$W/ca-certificates.crt"
mount --bind "$W/ca-certificates.crt" /etc/ssl/certs/ca-certificates.crt
# A home of its own (no NSS database, no Firefox profile) and a stable path for the hosts-editing examples (their
# output names the file).
mount -t tmpfs tmpfs /home; mkdir -p /home/dev/project
openssl s_server -accept 127.0.0.1:8443 -cert "$certificates/localhost.pem" -key "$certificates/localhost-key.pem" -www -quiet \
  >/dev/null 2>&1 </dev/null &

dockerd --iptables=false --ip6tables=false --ip-forward=false --data-root "$W/data" --exec-root "$W/exec" \
  -H "unix://$W/docker.sock" --pidfile "$W/docker.pid" >"$W/dockerd.log" 2>&1 &
export DOCKER_HOST="unix://$W/docker.sock"
for _ in $(seq 300); do docker version >/dev/null 2>&1 && break; sleep 0.1; done
mkdir -p "$W/img/bin" "$W/img/www"; cp "$(command -v busybox)" "$W/img/bin/"; echo hello >"$W/img/www/index.html"
tar -C "$W/img" -cf "$W/bb.tar" .; docker import "$W/bb.tar" ci-bb:1 >/dev/null
# (docker warns that forwarding is off: nothing here needs it, so its stderr is dropped.)
run() { docker run -d --pull=never "$@" >/dev/null 2>&1; }
run --name web -p 127.0.0.1:18080:8080 ci-bb:1 busybox httpd -f -p 8080 -h /www
run --name loopback-app -p 127.0.0.1:18081:8080 ci-bb:1 busybox httpd -f -p 127.0.0.1:8080 -h /www
run --name everywhere -p 18082:8080 ci-bb:1 busybox httpd -f -p 8080 -h /www
run --name exposed-only --expose 8080 ci-bb:1 busybox httpd -f -p 8080 -h /www
# A client on a user-defined network that can name the host (Test-ContainerConnection: the host's 127.0.0.1:3000 trap).
docker network create app >/dev/null
run --name api --network app --add-host=host.docker.internal:host-gateway ci-bb:1 busybox sleep 3600
# Every listener up before the first example: the ports answer, the containers' httpd is bound.
for port in 53 3000 8080 8443 18080 18081 18082; do
  for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.05; done
done
for name in web loopback-app everywhere exposed-only; do
  for _ in $(seq 100); do [ -n "$(docker exec "$name" busybox netstat -ltn 2>/dev/null | grep ':8080 ')" ] && break; sleep 0.05; done
done

pwsh="${LBT_PWSH:-}"
if [ -z "$pwsh" ]; then
  if [ -x "$ROOT/.tools/pwsh/pwsh" ]; then pwsh="$ROOT/.tools/pwsh/pwsh"; else pwsh="$(command -v pwsh)"; fi
fi
write=()
[ "${1:-}" = --write ] && write=(-Write)
cd "$W"
# The user's environment, not this machine's: no trust variable set, Debian's PATH, a home of its own.
env -u SSL_CERT_FILE -u SSL_CERT_DIR -u CURL_CA_BUNDLE -u REQUESTS_CA_BUNDLE -u NODE_EXTRA_CA_CERTS -u NODE_OPTIONS \
  -u NODE_USE_SYSTEM_CA -u JAVA_TOOL_OPTIONS HOME=/home/dev PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  $pwsh -NoProfile -NonInteractive -File "$ROOT/scripts/render-readme.ps1" -Readme "$ROOT/README.md" "${write[@]}"
