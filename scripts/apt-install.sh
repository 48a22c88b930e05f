#!/usr/bin/env bash
# Installs Debian packages for the scripts that need them (scripts/test.sh, fuzz/run.sh):
#   bash scripts/apt-install.sh PACKAGE...
# As root with apt-get only; otherwise it says what to run and exits 1. Packages such as openssh-server start their
# daemon on install, listening beyond loopback: no service may start while apt runs (policy-rc.d exit 101), unless
# the machine already has such a policy. /etc/nsswitch.conf stays byte-identical (libnss-myhostname's postinst adds
# "myhostname" to its hosts line; the tests bind their own and must not change how this machine resolves names).
set -euo pipefail
[ "$#" -gt 0 ] || { echo "usage: apt-install.sh PACKAGE..." >&2; exit 2; }
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "cannot install $*: needs root and apt-get; run: sudo apt-get install --no-install-recommends $*" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
guard=""
nsswitch_copy=""
restore() {
  if [ -n "$nsswitch_copy" ]; then cp -p "$nsswitch_copy" /etc/nsswitch.conf; rm -f "$nsswitch_copy"; fi
  [ -z "$guard" ] || rm -f "$guard"
}
trap restore EXIT
if [ ! -e /usr/sbin/policy-rc.d ]; then
  guard=/usr/sbin/policy-rc.d; printf '#!/bin/sh\nexit 101\n' > "$guard"; chmod 755 "$guard"
fi
if [ -e /etc/nsswitch.conf ]; then nsswitch_copy="$(mktemp)"; cp -p /etc/nsswitch.conf "$nsswitch_copy"; fi
apt-get -o DPkg::Lock::Timeout=600 update -qq
apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "$@" >/dev/null || { echo "apt-get install $* failed" >&2; exit 1; }
