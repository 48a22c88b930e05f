#!/usr/bin/env bash
# Coverage-guided fuzzing of every parser with SharpFuzz + AFL++ (see docs/reliability.md).
# As root it installs what it needs (apt afl++; the SharpFuzz tool into .tools/); otherwise it says what to run.
#   bash fuzz/run.sh [TARGET|all] [SECONDS]      default: all, 60 seconds per target
# Builds fuzz/LoopbackTools.Fuzz, writes the seeds from the test fixtures (plus the regression inputs under
# tests/LoopbackTools.Tests/Fixtures/fuzz/<target>/), instruments LoopbackTools.Core.dll, then runs afl-fuzz
# on each target in turn (never in parallel, under nice -n 19: the machine is shared). Prints executions,
# paths and crashes per target and exits 1 on any crash or hang (the inputs are kept under fuzz/.work/).
# FUZZ_EXECS=N stops a target after about N executions instead (SECONDS still bounds it).
# Pure parsing over bytes: nothing here opens a socket.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FUZZ="$ROOT/fuzz"
WORK="$FUZZ/.work"
TARGET="${1:-all}"
SECONDS_EACH="${2:-60}"
SHARPFUZZ_VERSION=2.3.0
SHARPFUZZ="$ROOT/.tools/sharpfuzz/sharpfuzz"
FIXTURES="$ROOT/tests/LoopbackTools.Tests/Fixtures"

# AFL++ comes from apt (Debian's afl++): installed here when run as root, else the exact command is printed.
if ! command -v afl-fuzz >/dev/null; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "afl-fuzz is missing: run fuzz/run.sh as root on Debian/Ubuntu (it installs apt afl++), or first: sudo apt-get install afl++" >&2
    exit 1
  fi
  echo "afl-fuzz is missing: installing apt afl++" >&2
  bash "$ROOT/scripts/apt-install.sh" afl++
  command -v afl-fuzz >/dev/null || { echo "apt afl++ installed no afl-fuzz on PATH" >&2; exit 1; }
fi
if [ ! -x "$SHARPFUZZ" ]; then
  dotnet tool install SharpFuzz.CommandLine --version "$SHARPFUZZ_VERSION" --tool-path "$ROOT/.tools/sharpfuzz" >&2
fi

echo "== build" >&2
rm -rf "$WORK/bin" "$WORK/seeds"
mkdir -p "$WORK"
dotnet build "$FUZZ/LoopbackTools.Fuzz/LoopbackTools.Fuzz.csproj" -c Release -nologo -v quiet -o "$WORK/clean" >&2
# Seeds come from the uninstrumented build: instrumented code only runs under the fork server.
dotnet "$WORK/clean/LoopbackTools.Fuzz.dll" --seeds "$FIXTURES" "$WORK/seeds" >&2
cp -r "$WORK/clean" "$WORK/bin"
"$SHARPFUZZ" "$WORK/bin/LoopbackTools.Core.dll" >&2

mapfile -t ALL < <(dotnet "$WORK/clean/LoopbackTools.Fuzz.dll" --list)
if [ "$TARGET" = all ]; then TARGETS=("${ALL[@]}"); else TARGETS=("$TARGET"); fi

export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1
export AFL_FORKSRV_INIT_TMOUT=60000 DOTNET_TieredPGO=0 DOTNET_CLI_TELEMETRY_OPTOUT=1
status=0
printf '%-14s %12s %8s %8s %6s %9s\n' target executions paths crashes hangs seconds
for t in "${TARGETS[@]}"; do
  printf '%s\n' "${ALL[@]}" | grep -qx -- "$t" || { echo "unknown target '$t' (known: ${ALL[*]})" >&2; exit 2; }
  seeds="$WORK/seeds/$t"
  [ -d "$FIXTURES/fuzz/$t" ] && cp "$FIXTURES/fuzz/$t"/* "$seeds/" 2>/dev/null || true
  out="$WORK/findings/$t"
  rm -rf "$out"; mkdir -p "$WORK/findings"
  limit=()
  [ -n "${FUZZ_EXECS:-}" ] && limit=(-E "$FUZZ_EXECS")
  started=$(date +%s)
  if ! nice -n 19 afl-fuzz -i "$seeds" -o "$out" -t 5000 -m none -V "$SECONDS_EACH" "${limit[@]}" \
       -- "$(command -v dotnet)" "$WORK/bin/LoopbackTools.Fuzz.dll" "$t" >"$WORK/afl-$t.log" 2>&1; then
    echo "afl-fuzz failed on $t; its log: $WORK/afl-$t.log" >&2
    tail -n 20 "$WORK/afl-$t.log" >&2
    status=1
    continue
  fi
  stats="$out/default/fuzzer_stats"
  stat() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
  crashes=$(find "$out/default/crashes" -type f -name 'id:*' | wc -l)
  hangs=$(find "$out/default/hangs" -type f -name 'id:*' | wc -l)
  printf '%-14s %12s %8s %8s %6s %9s\n' "$t" "$(stat execs_done)" "$(stat corpus_count)" "$crashes" "$hangs" "$(( $(date +%s) - started ))"
  if [ "$crashes" -gt 0 ] || [ "$hangs" -gt 0 ]; then
    status=1
    for input in "$out/default/crashes"/id:* "$out/default/hangs"/id:*; do
      [ -f "$input" ] || continue
      echo "-- $t: $input (replay: dotnet $WORK/bin/LoopbackTools.Fuzz.dll $t < FILE; keep it under tests/LoopbackTools.Tests/Fixtures/fuzz/$t/)" >&2
      { timeout 20 dotnet "$WORK/bin/LoopbackTools.Fuzz.dll" "$t" <"$input" 2>&1 || true; } | grep -m 4 -E 'exception|at LoopbackTools\.' >&2 || true
    done
  fi
done
exit "$status"
