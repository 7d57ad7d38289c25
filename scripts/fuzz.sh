#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# scripts/fuzz.sh [SECONDS] [TARGET...]: builds the libFuzzer targets with clang (build-fuzz:
# RECOVERY_FUZZ=ON, ASan + UBSan, the library instrumented with -fsanitize=fuzzer-no-link) and
# runs each for SECONDS (default 10) on a working copy of its checked-in seed corpus
# (tests/fuzz/corpus/<target>/, never modified). Prints executions per target and writes them to
# build-fuzz/fuzz-summary.txt. Fails if any target crashes; the crashing input is kept in
# build-fuzz/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
shift || true
jobs="${JOBS:-2}"
dir=build-fuzz
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" \
  -DCMAKE_CXX_COMPILER=clang++ \
  -DRECOVERY_FUZZ=ON -DRECOVERY_SANITIZE=address,undefined \
  -DCMAKE_CXX_FLAGS=-fsanitize=fuzzer-no-link -DRECOVERY_BUILD_EXAMPLES=OFF \
  -DRECOVERY_BUILD_CLI=OFF >/dev/null
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for source in tests/fuzz/corpus/*/; do targets+=("$(basename "$source")"); done
fi
available=()
for target in "${targets[@]}"; do
  if cmake --build "$dir" -j "$jobs" --target "$target" >/dev/null 2>&1; then
    available+=("$target")
  else
    echo "fuzz: $target not built (no source or not configured), skipped" >&2
  fi
done
mkdir -p "$dir/artifacts"
summary="$dir/fuzz-summary.txt"
: >"$summary"
status=0
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
for target in "${available[@]}"; do
  work="$dir/corpus/$target"
  mkdir -p "$work"
  cp -n tests/fuzz/corpus/"$target"/* "$work"/ 2>/dev/null || true
  log="$dir/$target.log"
  if "$dir/tests/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$dir/artifacts/$target-" -print_final_stats=1 "$work" >"$log" 2>&1; then
    result=ok
  else
    result=CRASH
    status=1
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo "?")
  printf '%-28s %-6s %12s execs in %ss, coverage %s\n' "$target" "$result" "$runs" "$seconds" \
    "$cov" | tee -a "$summary"
  [ "$result" = ok ] || tail -40 "$log" >&2
done
exit $status
