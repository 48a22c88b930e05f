#!/usr/bin/env bash
# The one test command (README, .ci/run and `build.ps1 -Task Test` on Linux all call it).
#  1. as root on Debian, installs the real components the tests use (apt);
#  2. restores and builds, and installs the pinned PowerShell and Pester (the only steps that need the network: NuGet);
#  3. runs every suite sealed in private net/mount/pid namespaces (lo up, DNS -> 127.0.0.1),
#     so no packet can leave the machine and every server started inside dies with the seal;
#  4. prints one closing line: "N passed, N failed" (totals of all suites and of scripts/test-try.sh, the
#     fresh-clone test of scripts/try.sh, which runs before the seal: its first run needs NuGet).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CONFIG="${CONFIG:-Release}"
RESULTS="$ROOT/out/test-results"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 DOTNET_GENERATE_ASPNET_CERTIFICATE=false

needed_programs=(dnsmasq dockerd docker podman busybox ip ss dig unshare setpriv nsenter tar sshd ssh ssh-keygen nft iptables-nft openssl tinyproxy curl node nginx redis-server redis-cli socat certutil chromium firefox setfacl chattr java javac keytool)
apt_packages=(dnsmasq-base docker.io podman busybox-static iproute2 dnsutils util-linux tar openssh-server openssh-client nftables iptables openssl libnss-myhostname tinyproxy curl python3-requests nodejs nginx-light redis-server redis-tools socat libnss3-tools chromium firefox-esr acl e2fsprogs openjdk-17-jdk-headless)
missing=()
for p in "${needed_programs[@]}"; do
  command -v "$p" >/dev/null 2>&1 || [ -x "/usr/sbin/$p" ] || missing+=("$p")
done
# Libraries the tests load through a bind-mounted nsswitch.conf (Debian puts them in the multiarch folder).
compgen -G '/usr/lib/*-linux-gnu/libnss_myhostname.so.2' >/dev/null || compgen -G '/lib/*-linux-gnu/libnss_myhostname.so.2' >/dev/null \
  || missing+=(libnss_myhostname.so.2)
# The proxy tests run Debian's python3 with python3-requests (a python3 earlier on PATH may lack it).
/usr/bin/python3 -c 'import requests' >/dev/null 2>&1 || missing+=(python3-requests)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing test components (missing: ${missing[*]})"
    bash "$ROOT/scripts/apt-install.sh" "${apt_packages[@]}"
  else
    echo "warning: missing ${missing[*]}; dependent tests will be skipped (or fail with CI=true)" >&2
  fi
fi

dotnet restore "$ROOT/LoopbackTools.sln"
dotnet build "$ROOT/LoopbackTools.sln" -c "$CONFIG" --no-restore -nologo

# PowerShell and Pester, pinned, into .tools/ (git-ignored): they come from NuGet, so before the seal.
rm -rf "$RESULTS"; mkdir -p "$RESULTS"
if tools="$(bash "$ROOT/scripts/install-powershell.sh")"; then
  export LBT_PWSH="$(sed -n 1p <<<"$tools")" LBT_PESTER="$(sed -n 2p <<<"$tools")"
else
  echo "PowerShell or Pester could not be installed: the Pester suite cannot run" >&2
  echo "PowerShell or Pester could not be installed" > "$RESULTS/pester.missing"
fi
# The newcomer's first command, scripts/try.sh, in a fresh clone as a non-root user: its first run downloads the
# pinned PowerShell from NuGet, so this runs before the seal (its later runs are offline; scripts/test-try.sh).
# LBT_SKIP_TRY=1 leaves it out of a developer's narrowed run (docs/conventions.md); CI never sets it.
if [ "${LBT_SKIP_TRY:-}" != 1 ]; then
  bash "$ROOT/scripts/test-try.sh" "$ROOT" "$RESULTS" || echo "scripts/test-try.sh crashed" >&2
fi
status=0
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null; then
  SEAL="$(mktemp -d /tmp/lbt-seal-XXXXXX)"
  unshare --net --mount --pid --fork --mount-proc bash "$ROOT/scripts/sealed-suites.sh" "$ROOT" "$CONFIG" "$RESULTS" "$SEAL" || status=$?
  rm -rf "$SEAL" 2>/dev/null || true
else
  echo "warning: not root: running unsealed; real-component tests are skipped (or fail with CI=true)" >&2
  bash "$ROOT/scripts/run-suites.sh" "$ROOT" "$CONFIG" "$RESULTS" || status=$?
fi

bash "$ROOT/scripts/summarize-results.sh" "$RESULTS" || status=1
exit "$status"
