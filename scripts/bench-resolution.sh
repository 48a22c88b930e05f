#!/usr/bin/env bash
# Measures Test-LocalhostResolution's engine in-process (tests/LoopbackTools.ResolutionProbe, bench mode), sealed:
#  1. a full check (hosts + OS resolver + DNS + port matrix) against a loopback dnsmasq, RUNS times: median;
#  2. the same check against a silent DNS server (a UDP socket that never answers): the observed bound.
# Usage (as root, after `dotnet build -c Release`): bash scripts/bench-resolution.sh [RUNS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-50}"
PROBE="$ROOT/tests/LoopbackTools.ResolutionProbe/bin/Release/net10.0/LoopbackTools.ResolutionProbe.dll"
SEAL="$(mktemp -d /tmp/lbt-bench-XXXXXX)"
trap 'rm -rf "$SEAL"' EXIT
export PROBE RUNS SEAL
unshare --net --mount --pid --fork --mount-proc bash -c '
  set -euo pipefail
  ip link set lo up
  echo "nameserver 127.0.0.1" > "$SEAL/resolv.conf"; mount --bind "$SEAL/resolv.conf" /etc/resolv.conf
  printf "127.0.0.1 localhost\n::1 localhost\n" > "$SEAL/hosts"; mount --bind "$SEAL/hosts" /etc/hosts
  dnsmasq --keep-in-foreground --conf-file=/dev/null --no-resolv --no-hosts --bind-interfaces --listen-address=127.0.0.1 \
    --port=15353 --pid-file= --log-facility=/dev/null --user=root --local=/localhost/ --local=/test/ \
    --host-record=localhost,203.0.113.7,2001:db8::7 --host-record=good.test,127.0.0.1,::1 &
  # A silent DNS server: reads queries on 127.0.0.1:15354 and never answers.
  python3 -c "import socket,time; s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM); s.bind((\"127.0.0.1\",15354)); time.sleep(3600)" &
  sleep 0.5
  # dnsmasq also listens on TCP 15353 (on 127.0.0.1 only): the port matrix has a real listener to find.
  echo "full check against dnsmasq (hosts + OS + DNS + port matrix), $RUNS runs:"
  dotnet "$PROBE" bench --runs "$RUNS" --hosts "$SEAL/hosts" --dns 127.0.0.1:15353 --port 15353
  echo "same check against a silent DNS server, timeout 2 s, 5 runs:"
  dotnet "$PROBE" bench --runs 5 --hosts "$SEAL/hosts" --dns 127.0.0.1:15354 --port 15353 --timeout-ms 2000
'
