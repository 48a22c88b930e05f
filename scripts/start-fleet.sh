#!/usr/bin/env bash
# Sourced by scripts/run-pester.sh inside the seal (root): builds a fleet for the remoting tests.
# Each host is a network namespace with its own listeners and its own hosts file (/etc/netns/NAME/hosts,
# which `ip netns exec` mounts over /etc/hosts), reached over real SSH at its own loopback address by an
# sshd bound to that address only, whose powershell subsystem enters the host's namespace.
#   fleet1 127.0.0.2  busybox httpd on 127.0.0.1:3000
#   fleet2 127.0.0.3  busybox httpd on 127.0.0.1:3000 and on 0.0.0.0:8080 (the one exposed service)
#   fleet3 127.0.0.4  busybox httpd on 127.0.0.1:3000
#   broken 127.0.0.5  a host where the module is not installed (not on PSModulePath)
# Keys are generated per run; key authentication only. Exports LBT_FLEET (the three good hosts, comma
# separated), LBT_FLEET_BROKEN, LBT_FLEET_EXPOSED (host:port), LBT_SSH_KEY and LBT_SSH_KNOWN_HOSTS.

start_fleet() {
  local dir="$1" pwsh="$2" modules="$3"
  local names=(fleet1 fleet2 fleet3 broken) addresses=(127.0.0.2 127.0.0.3 127.0.0.4 127.0.0.5)
  mkdir -p "$dir/www" /run/sshd
  echo "hello from the fleet" > "$dir/www/index.html"
  # The seal's own /etc/netns: the hosts files below vanish with the seal.
  [ -d /etc/netns ] || mkdir /etc/netns
  mount -t tmpfs tmpfs /etc/netns
  ssh-keygen -q -t ed25519 -N '' -C lbt-fleet-client -f "$dir/client_key"
  cp "$dir/client_key.pub" "$dir/authorized_keys"
  : > "$dir/known_hosts"
  local i name address modulePath
  # sshd gives the subsystem a minimal environment: the pwsh tool shim finds dotnet on PATH.
  local runtime="PATH=$PATH"; [ -z "${DOTNET_ROOT:-}" ] || runtime+=" DOTNET_ROOT=$DOTNET_ROOT"
  for i in "${!names[@]}"; do
    name="${names[$i]}"; address="${addresses[$i]}"
    ip netns add "$name"
    ip -n "$name" link set lo up
    mkdir -p "/etc/netns/$name"
    printf '127.0.0.1 localhost\n::1 localhost\n127.0.0.1 %s.fleet.test\n' "$name" > "/etc/netns/$name/hosts"
    ip netns exec "$name" busybox httpd -f -p 127.0.0.1:3000 -h "$dir/www" & pids+=("$!")
    [ "$name" != fleet2 ] || { ip netns exec "$name" busybox httpd -f -p 0.0.0.0:8080 -h "$dir/www" & pids+=("$!"); }
    ssh-keygen -q -t ed25519 -N '' -C "lbt-$name" -f "$dir/$name.host_key"
    echo "$address $(cut -d' ' -f1,2 "$dir/$name.host_key.pub")" >> "$dir/known_hosts"
    modulePath="$modules"; [ "$name" != broken ] || modulePath="$dir/no-modules"
    cat > "$dir/$name.sshd_config" <<CONF
ListenAddress $address
Port 22
HostKey $dir/$name.host_key
AuthorizedKeysFile $dir/authorized_keys
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
PidFile none
Subsystem powershell /usr/bin/env $runtime PSModulePath=$modulePath $(command -v ip) netns exec $name $pwsh -sshs -NoLogo -NoProfile
CONF
    /usr/sbin/sshd -D -e -f "$dir/$name.sshd_config" 2>"$dir/$name.sshd.log" & pids+=("$!")
  done
  for i in "${!names[@]}"; do
    wait_for 10 "sshd on ${addresses[$i]}" bash -c "exec 3<>/dev/tcp/${addresses[$i]}/22"
  done
  export LBT_FLEET="127.0.0.2,127.0.0.3,127.0.0.4" LBT_FLEET_BROKEN="127.0.0.5" LBT_FLEET_EXPOSED="127.0.0.3:8080"
  export LBT_SSH_KEY="$dir/client_key" LBT_SSH_KNOWN_HOSTS="$dir/known_hosts" LBT_FLEET_LOGS="$dir"
  echo "pester world: fleet of ${#names[@]} hosts over SSH at ${addresses[*]}"
}
