#!/usr/bin/env bash
# Every performance target of docs/performance.md, measured in one sealed run:
#   bash bench/run-all.sh [ROUNDS=7] [CONTAINER_RUNS=15]        (as root, from anywhere)
# Builds what it needs (the only step that uses the network: NuGet), then re-runs itself inside
# `unshare --net --mount --pid --fork --mount-proc`: every listener, connection, dnsmasq and dockerd it starts
# lives on loopback in that seal and dies with it. Sections, each creating its own workload:
#   1. 20,000 TCP listeners: core with/without owners vs ss -ltn, ss -ltnp, lsof (bench/compare-listeners.sh)
#   2. busy host: 100 listeners + 10,000 established loopback connections, listeners-only vs ss -ltn
#   3. scaling: time, allocation and peak working set at 100 / 1,000 / 10,000 / 20,000 listeners
#   4. hosts: the 265k-entry blocklist, lines/s and allocation (LoopbackTools.Benchmarks hosts-throughput)
#   5. Test-LocalhostResolution full check against a loopback dnsmasq (scripts/bench-resolution.sh)
#   6. Test-ContainerPort -All over 20 containers vs a docker inspect + curl loop (bench/container-ports.sh)
#   7. Test-LocalhostConnection whole checklist, healthy local port, no container engine, proxy variables set so
#      the Proxy step judges every client family (bench/connection-check.sh)
#   8. Test-ContainerConnection, healthy path from a container to a host service (bench/container-connection.sh)
#   9. Wait-LocalhostConnection on a port already up, in pwsh over the packaged module (bench/wait-up.sh)
#  10. hosts edits at blocklist scale in pwsh over the packaged module: piped Add/Set/Remove-HostsEntry records at
#      1,000 / 10,000 / 100,000 into the 265k-line blocklist, -HostName with 100,000 names, Get-HostsEntry (bench/hosts-scaling.ps1)
#  11. HTTPS: Test-LocalhostConnection -Https and Test-LocalhostCertificate on a healthy nginx TLS port (bench/tls-check.sh)
#  12. the checklist when nothing listens here, with the scan of every other network namespace, on a machine with
#      20 running containers (bench/namespace-sweep-containers.sh)
# Core timings are in-process and warm (median of several scans after a warm-up) unless marked "cold".
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS="${1:-7}"
CONTAINER_RUNS="${2:-15}"
BENCH="$ROOT/bench/LoopbackTools.Benchmarks/bin/Release/net10.0/LoopbackTools.Benchmarks.dll"

if [ -z "${LBT_RUN_ALL_SEALED:-}" ]; then
  [ "$(id -u)" = 0 ] || { echo "run as root (namespaces, dockerd)" >&2; exit 1; }
  for p in ss lsof dnsmasq dockerd docker busybox curl unshare; do
    command -v "$p" >/dev/null || [ -x "/usr/sbin/$p" ] || { echo "missing $p" >&2; exit 1; }
  done
  for project in tests/LoopbackTools.ListenerProbe tests/LoopbackTools.ContainerProbe tests/LoopbackTools.ResolutionProbe bench/LoopbackTools.Benchmarks src/LoopbackTools; do
    dotnet build "$ROOT/$project" -c Release -nologo -v quiet >/dev/null
  done
  # Sections 9 and 10 run in PowerShell (pinned, into .tools/, from NuGet: before the seal).
  LBT_PWSH="$(bash "$ROOT/scripts/install-powershell.sh" | sed -n 1p)"; export LBT_PWSH
  exec unshare --net --mount --pid --fork --mount-proc env LBT_RUN_ALL_SEALED=1 bash "$0" "$ROUNDS" "$CONTAINER_RUNS"
fi

WORK="$(mktemp -d /tmp/lbt-perf-XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
source "$ROOT/bench/lib.sh"
ip link set lo up
echo "nameserver 127.0.0.1" > "$WORK/resolv.conf"; mount --bind "$WORK/resolv.conf" /etc/resolv.conf
mkdir -p /run/netns && mount -t tmpfs tmpfs /run/netns
export LBT_BENCH_SEALED=1 DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_TieredPGO=0
load() { cut -d' ' -f1-3 /proc/loadavg; }

echo "# LoopbackTools performance run, $(date -u +%Y-%m-%dT%H:%MZ)"
echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), kernel $(uname -r), .NET $(dotnet --list-runtimes | sed -n 's/Microsoft.NETCore.App \([^ ]*\).*/\1/p' | tail -1), load $(load)"

echo; echo "## 1. 20,000 TCP listeners (median of $ROUNDS rounds, alternating)"
bash "$ROOT/bench/compare-listeners.sh" 20000 "$ROUNDS" 2>/dev/null

echo; echo "## 2. Busy host: 100 listeners + 10,000 established loopback connections (load $(load))"
start_probe server serve 100 10000
idle=$(dotnet "$PROBE" time 9 --no-owners | field median_ms)
start_probe clients connect 10000 10000 100
established=$(ss -tnH state established | wc -l)
: > "$WORK/busy-core"; : > "$WORK/busy-ss"; : > "$WORK/busy-owners"; : > "$WORK/busy-ssp"
for round in $(seq "$ROUNDS"); do
  dotnet "$PROBE" time 5 --no-owners | field median_ms >> "$WORK/busy-core"
  ms ss -ltn >> "$WORK/busy-ss"
  dotnet "$PROBE" time 5 | field median_ms >> "$WORK/busy-owners"
  ms ss -ltnp >> "$WORK/busy-ssp"
done
listening=$(ss -ltnH | wc -l)
stop_probe clients; stop_probe server
busy=$(median < "$WORK/busy-core"); busy_ss=$(median < "$WORK/busy-ss")
busy_owners=$(median < "$WORK/busy-owners"); busy_ssp=$(median < "$WORK/busy-ssp")
echo "listening sockets: $listening; established sockets: $established (both ends of 10,000 connections)"
printf '%-60s %10s\n' "core without owners, 100 listeners, idle host (warm)" "$idle" \
  "core without owners, busy host (warm)" "$busy" "ss -ltn, busy host" "$busy_ss" \
  "core with owners, busy host (warm)" "$busy_owners" "ss -ltnp, busy host" "$busy_ssp"
awk -v b="$busy" -v s="$busy_ss" -v i="$idle" -v o="$busy_owners" -v p="$busy_ssp" 'BEGIN {
  printf "listeners-only / ss -ltn = %.2fx (target <= 1.0)  %s\n", b / s, (b / s <= 1.0 ? "met" : "MISSED")
  printf "busy / idle core time    = %.2fx (the kernel filters by state: established sockets cost ~nothing)\n", b / i
  printf "with owners / ss -ltnp   = %.2fx (information: the owner scan stops once the 100 listeners are attributed)\n", o / p }'

echo; echo "## 3. Scaling (in-process, warm: median of 9 scans; alloc per scan, all threads; peak working set of the process)"
printf '%-10s %12s %14s %14s %12s %14s %14s %12s\n' listeners owners_ms owners_us/l owners_alloc owners_ws_mb bare_ms bare_alloc bare_ws_mb
: > "$WORK/scaling"
for count in 100 1000 10000 20000; do
  start_listeners "$count"
  with=$(dotnet "$PROBE" time 9); without=$(dotnet "$PROBE" time 9 --no-owners)
  stop_listeners
  echo "$count $(echo "$with" | field median_ms) $(echo "$with" | field alloc_bytes) $(echo "$with" | field peak_ws_kb) $(echo "$without" | field median_ms) $(echo "$without" | field alloc_bytes) $(echo "$without" | field peak_ws_kb)" >> "$WORK/scaling"
done
awk '{ printf "%-10d %12.2f %14.2f %14d %12.1f %14.2f %14d %12.1f\n", $1, $2, $2 * 1000 / $1, $3, $4 / 1024, $5, $6, $7 / 1024 }' "$WORK/scaling"
awk 'NR > 1 && $1 >= 1000 { r[$1] = $2 / $1; a[$1] = $3 / $1; rb[$1] = $5 / $1 }
  END {
    ok = 1
    split("10000 20000", sizes, " ")
    for (i in sizes) { n = sizes[i]; if (r[n] > 1.25 * r[1000] || rb[n] > 1.25 * rb[1000] || a[n] > 1.25 * a[1000]) ok = 0 }
    printf "per-listener time with owners: 1k %.2f us, 10k %.2f us, 20k %.2f us; without owners: %.2f / %.2f / %.2f us\n", r[1000] * 1000, r[10000] * 1000, r[20000] * 1000, rb[1000] * 1000, rb[10000] * 1000, rb[20000] * 1000
    printf "per-listener allocation with owners: 1k %.0f B, 10k %.0f B, 20k %.0f B\n", a[1000], a[10000], a[20000]
    printf "growth linear or better (per-listener time and allocation at 10k and 20k within 1.25x of 1k): %s\n", ok ? "yes" : "NO" }' "$WORK/scaling"

echo; echo "## 4. Hosts: 265,000-entry blocklist (in-process, median of 15 parses; load $(load))"
hosts=$(dotnet "$BENCH" hosts-throughput 15)
echo "$hosts"
echo "$hosts" | awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } }
  END { printf "lines/s = %.2fM (target >= 2M)  %s; allocated = %.2fx the file (target <= 3x)  %s\n", v["lines_per_s"] / 1e6, (v["lines_per_s"] >= 2e6 ? "met" : "MISSED"), v["alloc_ratio"], (v["alloc_ratio"] <= 3 ? "met" : "MISSED") }'

echo; echo "## 5. Test-LocalhostResolution full check against loopback dnsmasq (in-process, median of 50; load $(load))"
resolution=$(bash "$ROOT/scripts/bench-resolution.sh" 50 2>&1 | tee "$WORK/resolution")
full=$(echo "$resolution" | sed -n 's/.*"medianMs": *\([0-9.]*\).*/\1/p' | head -1)
silent=$(echo "$resolution" | sed -n 's/.*"medianMs": *\([0-9.]*\).*/\1/p' | sed -n 2p)
echo "full check median: $full ms; against a silent DNS server (2 s timeout): $silent ms"
awk -v f="$full" 'BEGIN { printf "full check median = %.2f ms (target <= 20 ms)  %s\n", f, (f <= 20 ? "met" : "MISSED") }'

echo; echo "## 6. Test-ContainerPort -All over 20 containers vs docker inspect + curl (median of $CONTAINER_RUNS; load $(load))"
# Through a file, not `tee /dev/stderr`: reopening /dev/stderr truncates a log that stdout and stderr share.
bash "$ROOT/bench/container-ports.sh" 20 "$CONTAINER_RUNS" > "$WORK/containers" 2>&1
cat "$WORK/containers"
containers=$(grep '^median' "$WORK/containers")
echo "$containers" | awk 'NR == 1 { c = $2 } NR == 2 { s = $2 }
  END { printf "core -All = %.1f ms, shell loop = %.1f ms: %.2fx (target <= 0.5)  %s\n", c, s, c / s, (c / s <= 0.5 ? "met" : "MISSED") }'
echo; echo "## 7. Test-LocalhostConnection whole checklist, healthy port, no container engine (in-process, median of 50; load $(load))"
bash "$ROOT/bench/connection-check.sh" 50 > "$WORK/connection" 2>&1
cat "$WORK/connection"
connection=$(sed -n 's/.*"medianMs": *\([0-9.]*\).*/\1/p' "$WORK/connection" | head -1)
awk -v c="$connection" 'BEGIN { printf "checklist median = %.2f ms (target <= 50 ms)  %s\n", c, (c <= 50 ? "met" : "MISSED") }'
echo; echo "## 8. Test-ContainerConnection, healthy path from a container to a host service (in-process, median of 20; load $(load))"
bash "$ROOT/bench/container-connection.sh" 20 > "$WORK/container-connection" 2>&1
cat "$WORK/container-connection"
container_connection=$(sed -n 's/^median \([0-9.]*\) ms.*/\1/p' "$WORK/container-connection")
awk -v c="$container_connection" 'BEGIN { printf "container connection median = %.1f ms (target <= 100 ms)  %s\n", c, (c <= 100 ? "met" : "MISSED") }'
echo; echo "## 9. Wait-LocalhostConnection on a port already up (pwsh, packaged module, Measure-Command, median of 50; load $(load))"
bash "$ROOT/bench/wait-up.sh" 50 > "$WORK/wait" 2>&1
cat "$WORK/wait"
wait_up=$(sed -n 's/^Wait-LocalhostConnection -Port [0-9]* *median *\([0-9.]*\) ms.*/\1/p' "$WORK/wait" | head -1)
awk -v w="$wait_up" 'BEGIN { printf "wait on a port already up median = %.2f ms (target <= 20 ms)  %s\n", w, (w != "" && w <= 20 ? "met" : "MISSED") }'
echo; echo "## 10. Hosts edits at blocklist scale, pwsh over the packaged module (each timing on a fresh copy of the 265k-line file; load $(load))"
# -WhatIf prints a line per record to the host: stdout goes to /dev/null, the results to a file.
"$LBT_PWSH" -NoProfile -File "$ROOT/bench/hosts-scaling.ps1" -ModulePath "$ROOT/out/LoopbackTools" -ResultPath "$WORK/hosts-scaling" >/dev/null
cat "$WORK/hosts-scaling"
awk '$1 ~ /^(Add|Set|Remove)$/ && $2 == "piped" && $3 == "-Confirm:$false" { us[$1, $4] = $6 }
  $1 == "Add" && $2 == "-HostName" { names = $6 } $1 == "(Get-HostsEntry).Count" { get = $5 }
  END {
    split("Add Set Remove", ops, " ")
    for (i = 1; i <= 3; i++) { o = ops[i]; r = us[o, 100000] / us[o, 1000]
      printf "%-6s per record: 1k %.1f us, 100k %.1f us: %.2fx (target <= 1.5x)  %s\n", o, us[o, 1000], us[o, 100000], r, (r <= 1.5 ? "met" : "MISSED") }
    t = us["Add", 100000] * 100000 / 1e6
    printf "100,000 piped Add records = %.2f s (target <= 5 s)  %s\n", t, (t <= 5 ? "met" : "MISSED")
    printf "Add -HostName with 100,000 names = %.2f s (target <= 2 s)  %s\n", names / 1000, (names <= 2000 ? "met" : "MISSED")
    printf "(Get-HostsEntry).Count of the 265k-line file = %.2f s (target <= 1 s)  %s\n", get / 1000, (get <= 1000 ? "met" : "MISSED") }' "$WORK/hosts-scaling"
echo; echo "## 11. HTTPS: Test-LocalhostConnection -Https and Test-LocalhostCertificate on a healthy nginx TLS port (pwsh, packaged module, median of 50; load $(load))"
bash "$ROOT/bench/tls-check.sh" 50 > "$WORK/tls" 2>&1
cat "$WORK/tls"
tls_connection=$(sed -n 's/^Test-LocalhostConnection -Port [0-9]* -Https *median *\([0-9.]*\) ms.*/\1/p' "$WORK/tls" | head -1)
tls_certificate=$(sed -n 's/^Test-LocalhostCertificate -Port [0-9]* *median *\([0-9.]*\) ms.*/\1/p' "$WORK/tls" | head -1)
awk -v c="$tls_connection" -v t="$tls_certificate" 'BEGIN {
  printf "Test-LocalhostConnection -Https median = %.2f ms (target <= 100 ms)  %s\n", c, (c != "" && c <= 100 ? "met" : "MISSED")
  printf "Test-LocalhostCertificate median = %.2f ms (target <= 300 ms)  %s\n", t, (t != "" && t <= 300 ? "met" : "MISSED") }'
echo; echo "## 12. Test-LocalhostConnection, nothing listening here, 20 running containers (in-process, median of 30; load $(load))"
bash "$ROOT/bench/namespace-sweep-containers.sh" 20 30 > "$WORK/namespace-sweep" 2>&1
cat "$WORK/namespace-sweep"
sweep=$(sed -n 's/^nothing listens, 20 containers: "medianMs":\([0-9.]*\).*/\1/p' "$WORK/namespace-sweep" | head -1)
found=$(sed -n 's/^served inside container sweep-found.*"medianMs":\([0-9.]*\).*/\1/p' "$WORK/namespace-sweep" | head -1)
awk -v s="$sweep" -v f="$found" 'BEGIN {
  printf "nothing listens, namespace scan over 20 containers median = %.1f ms (target <= 100 ms)  %s\n", s, (s != "" && s <= 100 ? "met" : "MISSED")
  printf "served inside a container, named through the engine median = %.1f ms (target <= 100 ms)  %s\n", f, (f != "" && f <= 100 ? "met" : "MISSED") }'
echo; echo "done, load $(load)"
