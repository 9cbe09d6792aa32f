#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# build-aux/fuzz.sh [SECONDS] [TARGET...]: builds the libFuzzer targets in
# build-fuzz/ (clang, ASan + UBSan) and runs each for SECONDS (default 30)
# on a copy of its seed corpus in tests/fuzz/, so that the committed corpus
# does not grow. Fails when any target crashes, leaks, hangs (5 s on one
# input) or runs out of memory; the input that did it is kept in
# build-fuzz/fuzz-out/TARGET/ (crash-*, leak-*, timeout-*, oom-*). Fix the
# bug, then add that input to tests/fuzz/regressions/TARGET/: the normal
# test suite replays every file there.
set -eu
cd "$(dirname "$0")/.."

seconds=${1:-30}
[ $# -gt 0 ] && shift
targets=${*:-content record metainfo}

if [ ! -f build-fuzz/build.ninja ]; then
  CC=clang meson setup build-fuzz -Dfuzzing=true -Dtests=false \
    -Db_sanitize=address,undefined -Db_lundef=false >/dev/null
fi
set --
for t in $targets; do set -- "$@" "fuzz-$t"; done
meson compile -C build-fuzz -j2 "$@" >/dev/null

export G_SLICE=always-malloc G_DEBUG=gc-friendly
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

status=0
for t in $targets; do
  out=build-fuzz/fuzz-out/$t
  rm -rf "$out"
  mkdir -p "$out/corpus"
  cp tests/fuzz/$t/* "$out/corpus/"
  [ -d tests/fuzz/regressions/$t ] && find tests/fuzz/regressions/$t -type f -exec cp {} "$out/corpus/" \;

  printf '  fuzz-%s, %s s: ' "$t" "$seconds"
  if build-fuzz/tests/fuzz/fuzz-$t "$out/corpus" \
       -dict=tests/fuzz/$t.dict \
       -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 \
       -max_len=65536 -print_final_stats=1 \
       -artifact_prefix="$out/" >"$out/log" 2>&1; then
    :
  fi
  found=$(find "$out" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'slow-unit-*' \) | grep -v slow-unit || true)
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/log")
  if [ -n "$found" ] || ! grep -q '^Done [0-9]* runs' "$out/log"; then
    echo "FAILED after ${runs:-?} runs"
    grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)' "$out/log" | head -5 | sed 's/^/    /'
    for f in $found; do echo "    input: $f"; done
    echo "    log: $out/log"
    status=1
  else
    echo "ok, ${runs:-?} runs, no crash, leak or hang"
  fi
done
exit $status
