#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# scripts/fuzz.sh [SECONDS] [TARGET...]: builds the libFuzzer targets in the ASan tree
# (build-asan, clang, ASan + UBSan, the code instrumented with -fsanitize=fuzzer-no-link; configured
# by scripts/sanitize.sh, which builds and tests the rest of that tree) and runs each for SECONDS
# (default 10) on a working copy of its checked-in seed corpus (tests/fuzz/corpus/<target>/, never
# modified). Prints executions per target and writes them to build-asan/fuzz-summary.txt. Fails if
# any target crashes; the crashing input is kept in build-asan/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
shift || true
jobs="${JOBS:-2}"
dir="$(scripts/sanitize.sh asan --configure)"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for source in tests/fuzz/corpus/*/; do targets+=("$(basename "$source")"); done
fi
missing=()
for target in "${targets[@]}"; do
  [ -f "tests/fuzz/$target.cpp" ] || missing+=("$target")
done
[ ${#missing[@]} -eq 0 ] || { echo "fuzz: no tests/fuzz/<target>.cpp for: ${missing[*]}" >&2; exit 2; }
cmake --build "$dir" -j "$jobs" --target "${targets[@]}"
mkdir -p "$dir/artifacts"
summary="$dir/fuzz-summary.txt"
: >"$summary"
status=0
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
for target in "${targets[@]}"; do
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
