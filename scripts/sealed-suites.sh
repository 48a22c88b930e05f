#!/usr/bin/env bash
# Runs inside `unshare --net --mount --pid --fork --mount-proc`: a network namespace with only lo,
# a private mount table and PID space. Sets up loopback and DNS, then runs the suites.
set -euo pipefail
ROOT="$1"; CONFIG="$2"; RESULTS="$3"; SEAL="$4"

ip link set lo up
# Every resolver lookup inside the seal goes to 127.0.0.1: nothing reaches the machine's DNS server.
echo "nameserver 127.0.0.1" > "$SEAL/resolv.conf"
mount --bind "$SEAL/resolv.conf" /etc/resolv.conf
bash "$ROOT/scripts/seal-resolver-config.sh" "$SEAL/resolver"
# ip netns keeps its handles under /run/netns: give the seal its own.
mkdir -p /run/netns && mount -t tmpfs tmpfs /run/netns
# dockerd needs a cgroup tree; keep the host's mounted one.
export LBT_SEALED=1 LBT_SEAL_DIR="$SEAL"

bash "$ROOT/scripts/run-suites.sh" "$ROOT" "$CONFIG" "$RESULTS"
