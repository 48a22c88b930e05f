#!/usr/bin/env bash
# Gives the seal its own name-resolution configuration, so that no test depends on how this machine is set up
# (issue 18: with `hosts: files myhostname dns`, glibc answers *.localhost itself and the OS-resolver tests moved).
# Runs inside the seal's private mount namespace, right after /etc/resolv.conf is bound (scripts/sealed-suites.sh),
# before any test. Usage: seal-resolver-config.sh SCRATCH_DIR   (the files are written there and bind-mounted)
#
#   /etc/nsswitch.conf  hosts: files dns (no myhostname, mdns, resolve or wins); every other database: files
#   /etc/hosts          127.0.0.1 localhost / ::1 localhost, nothing else (no test needs more)
#   /etc/gai.conf       empty: glibc's RFC 6724 defaults (::1 before 127.0.0.1), whatever precedence the machine set
#   /etc/host.conf      multi on (glibc's default since 2.26; Debian's file says the same)
#
# A test that needs another configuration binds its own file in a child mount namespace (unshare --mount), as the
# OS-resolver tests do (tests/LoopbackTools.Tests/Resolution/ResolutionProbeProcess.cs): the seal's stays as is.
set -euo pipefail
SCRATCH="${1:?usage: seal-resolver-config.sh SCRATCH_DIR}"

# A bind mount outside the seal would change these files for the whole machine: refuse unless this network
# namespace holds nothing but lo (true in the seal, never on a real host or in a container).
interfaces="$(ip -o link show | awk -F': ' '{print $2}' | sed 's/@.*//' | sort -u | tr '\n' ' ')"
if [ "$interfaces" != "lo " ]; then
  echo "seal-resolver-config.sh: not inside the seal (interfaces: $interfaces); refusing to bind over /etc" >&2
  exit 1
fi

mkdir -p "$SCRATCH"

write_and_bind() { # NAME TARGET: writes stdin to $SCRATCH/NAME and binds it over TARGET
  local file="$SCRATCH/$1" target="$2"
  cat > "$file"
  chmod 644 "$file"
  mount --bind "$file" "$target"
}

# glibc without /etc/nsswitch.conf falls back to "hosts: dns [!UNAVAIL=return] files"; creating the file would
# create it on the machine itself (the mount namespace is private, the file system is not).
if [ ! -e /etc/nsswitch.conf ]; then
  echo "seal-resolver-config.sh: /etc/nsswitch.conf does not exist here (a /usr/etc vendor layout?): cannot bind over it" >&2
  exit 1
fi
write_and_bind nsswitch.conf /etc/nsswitch.conf <<'EOF'
# The sealed test run's own nsswitch.conf (scripts/seal-resolver-config.sh).
passwd:    files
group:     files
shadow:    files
gshadow:   files
hosts:     files dns
networks:  files
protocols: files
services:  files
ethers:    files
rpc:       files
netgroup:  files
EOF

write_and_bind hosts /etc/hosts <<'EOF'
# The sealed test run's own hosts file (scripts/seal-resolver-config.sh).
127.0.0.1 localhost
::1 localhost
EOF

# Absent files mean glibc's defaults, which are what the seal wants: bind only over files that exist.
if [ -e /etc/gai.conf ]; then
  write_and_bind gai.conf /etc/gai.conf <<'EOF'
# The sealed test run's own gai.conf (scripts/seal-resolver-config.sh): empty, so getaddrinfo sorts by RFC 6724.
EOF
fi
if [ -e /etc/host.conf ]; then
  write_and_bind host.conf /etc/host.conf <<'EOF'
multi on
EOF
fi
