#!/usr/bin/env bash
# Runs the Pester suite over the packaged module with real PowerShell ($LBT_PWSH, $LBT_PESTER from
# scripts/install-powershell.sh). Inside the seal (LBT_SEALED=1, root) it first starts every real component
# the Pester files use, and stops them afterwards:
#   - a dockerd with the registry-free busybox image ci-bb:1     -> DOCKER_HOST, LOOPBACKTOOLS_TEST_IMAGE
#   - a fleet of three hosts for remoting (scripts/start-fleet.sh) -> LBT_FLEET, LBT_FLEET_BROKEN, LBT_SSH_*
# dnsmasq is started by the test file that needs it. Outside the seal the components are absent and the
# tests that need them skip (or fail under CI=true).
# With a third argument, runs that PowerShell script in the same world instead of the suite (the README's
# example renderers use it, so the README shows what this world prints).
set -euo pipefail
ROOT="$1"; RESULTS="$2"; SCRIPT="${3:-}"
MODULE="$ROOT/out/LoopbackTools"
WORLD="$(mktemp -d "${LBT_SEAL_DIR:-/tmp}/pester-world-XXXXXX")"
# The engine's socket gets a short path: findings quote it, and a 70-character path is one word that no 80-column
# view can print whole.
SOCKETS="$(mktemp -d /tmp/lbt-d-XXXXXX)"
chmod 755 "$WORLD" "$SOCKETS"
pids=()

stop_world() {
  if [ -n "${DOCKER_HOST:-}" ]; then
    ids="$(docker ps -aq 2>/dev/null || true)"
    [ -z "$ids" ] || docker rm -f $ids >/dev/null 2>&1 || true
  fi
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  umount -R "$WORLD/docker/exec" 2>/dev/null || true
  rm -rf "$WORLD" "$SOCKETS" 2>/dev/null || true
}
trap stop_world EXIT

wait_for() { # wait_for SECONDS WHAT COMMAND...
  local seconds="$1" what="$2"; shift 2
  for _ in $(seq $((seconds * 20))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.05; done
  echo "timed out after ${seconds}s waiting for $what" >&2; return 1
}

start_docker() {
  local d="$WORLD/docker"
  mkdir -p "$d/image/bin" "$d/image/www"
  dockerd --iptables=false --ip6tables=false --ip-forward=false --data-root "$d/data" --exec-root "$d/exec" \
    -H "unix://$SOCKETS/docker.sock" --pidfile "$d/docker.pid" >"$d/dockerd.log" 2>&1 &
  pids+=("$!")
  export DOCKER_HOST="unix://$SOCKETS/docker.sock"
  wait_for 60 dockerd docker version || { tail -20 "$d/dockerd.log" >&2; return 1; }
  cp "$(command -v busybox)" "$d/image/bin/busybox"
  echo "hello from ci-bb" > "$d/image/www/index.html"
  tar -C "$d/image" -cf "$d/bb.tar" .
  docker import "$d/bb.tar" ci-bb:1 >/dev/null
  export LOOPBACKTOOLS_TEST_IMAGE=ci-bb:1
  echo "pester world: dockerd at $DOCKER_HOST with image ci-bb:1"
}

if [ "${LBT_SEALED:-}" = 1 ] && [ "$(id -u)" = 0 ]; then
  start_docker
  # shellcheck source=scripts/start-fleet.sh
  source "$ROOT/scripts/start-fleet.sh"
  start_fleet "$WORLD/fleet" "$LBT_PWSH" "$ROOT/out"
fi

export LOOPBACKTOOLS_MODULE="$MODULE"
if [ -n "$SCRIPT" ]; then
  "$LBT_PWSH" -NoLogo -NoProfile -NonInteractive -File "$SCRIPT"
  exit
fi
"$LBT_PWSH" -NoLogo -NoProfile -NonInteractive -File "$ROOT/scripts/Invoke-PesterSuite.ps1" \
  -ModulePath "$MODULE" -ResultPath "$RESULTS/pester.xml" -PesterPath "$LBT_PESTER"
