# Shared helpers for the bench/*.sh scripts (sourced, not run). Expects ROOT and WORK to be set.
PROBE="$ROOT/tests/LoopbackTools.ListenerProbe/bin/Release/net10.0/LoopbackTools.ListenerProbe.dll"

# Wall time of a command in milliseconds (two decimals), its output discarded.
ms() {
  local start end
  start=$(date +%s%N); "$@" > /dev/null 2>&1; end=$(date +%s%N)
  awk -v ns=$((end - start)) 'BEGIN { printf "%.2f\n", ns / 1000000 }'
}

# Median of the numbers on stdin, one per line.
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# The value of key=value in the probe's "time" output line on stdin.
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }

# start_probe NAME ARGS...: runs the listener probe with ARGS, its stdin a fifo kept open here, and waits
# (at most 3 minutes) for it to print "ready". The probe exits when stop_probe NAME closes the fifo.
start_probe() {
  local name="$1" fd i; shift
  mkfifo "$WORK/$name.in"
  # The child must not inherit the fifo ends of earlier probes, or they would never see end-of-input.
  (
    for v in ${!PROBE_FD_@}; do eval "exec ${!v}>&-"; done
    exec dotnet "$PROBE" "$@" < "$WORK/$name.in" > "$WORK/$name.out"
  ) &
  eval "PROBE_PID_$name=$!"
  exec {fd}> "$WORK/$name.in"
  eval "PROBE_FD_$name=$fd"
  for i in $(seq 900); do
    grep -q ready "$WORK/$name.out" 2>/dev/null && return 0
    sleep 0.2
  done
  echo "probe $name ($*) never became ready" >&2
  return 1
}

stop_probe() {
  local fd pid
  fd=$(eval "echo \$PROBE_FD_$1"); pid=$(eval "echo \$PROBE_PID_$1")
  eval "exec $fd>&-"
  unset "PROBE_FD_$1"
  wait "$pid" 2>/dev/null || true
  rm -f "$WORK/$1.in" "$WORK/$1.out"
}

# COUNT TCP listeners on 127.0.0.1:10000 upward, held by two probes (ulimit -n is 20000 a process here;
# ports stay below the 32768 ephemeral range).
start_listeners() {
  local half=$(($1 / 2))
  start_probe holder1 hold "$half" 10000
  start_probe holder2 hold $(($1 - half)) $((10000 + half))
}

stop_listeners() { stop_probe holder1; stop_probe holder2; }
