#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# scripts/sanitize.sh MODE [--configure]: builds the whole suite with sanitizers in its own build
# dir and runs ctest there. Any sanitizer report fails the run (halt_on_error).
#   asan: AddressSanitizer + UndefinedBehaviorSanitizer, clang (build-asan). The same tree holds the
#         libFuzzer targets (RECOVERY_FUZZ, the code instrumented with -fsanitize=fuzzer-no-link):
#         scripts/fuzz.sh builds and runs them there, so the library is compiled once for both.
#   tsan: ThreadSanitizer, GCC (build-tsan).
# --configure: only configure the tree and print its directory (what scripts/fuzz.sh calls).
# Environment: JOBS (default 2), CMAKE_FLAGS (extra configure flags), CTEST_ARGS (e.g. "-R fault").
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-asan}"
jobs="${JOBS:-2}"
case "$mode" in
  asan)
    dir=build-asan
    # clang: it compiles this tree in half GCC's time (UBSan's checks cost GCC most), and libFuzzer
    # needs it.
    flags=(-DCMAKE_CXX_COMPILER=clang++ -DRECOVERY_SANITIZE=address,undefined -DRECOVERY_FUZZ=ON
           -DCMAKE_CXX_FLAGS=-fsanitize=fuzzer-no-link)
    export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1}"
    export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
    ;;
  tsan)
    dir=build-tsan
    flags=(-DRECOVERY_SANITIZE=thread)
    export TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1:suppressions=$PWD/tests/tsan.supp}"
    ;;
  *)
    echo "usage: $0 asan|tsan [--configure]" >&2
    exit 2
    ;;
esac
# -O1 -g1: what the sanitizers' own documentation recommends (fast enough, readable stacks with
# file and line); full debug information would double the compile time and add nothing to a report.
# shellcheck disable=SC2086
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" \
  "${flags[@]}" -DRECOVERY_BUILD_EXAMPLES=OFF ${CMAKE_FLAGS:-} >/dev/null
if [ "${2:-}" = "--configure" ]; then
  echo "$dir"
  exit 0
fi
cmake --build "$dir" -j "$jobs"
# Sanitized programs run several times slower: ctest's per-test timeout is raised accordingly.
# shellcheck disable=SC2086
ctest --test-dir "$dir" --output-on-failure -j "$jobs" --timeout 600 ${CTEST_ARGS:-}
