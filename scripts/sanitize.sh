#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# scripts/sanitize.sh MODE: builds the whole suite with sanitizers in its own build dir and runs
# ctest there. MODE "asan" = AddressSanitizer + UndefinedBehaviorSanitizer (build-asan),
# "tsan" = ThreadSanitizer (build-tsan). Any sanitizer report fails the run (halt_on_error).
# Environment: JOBS (default 2), CMAKE_FLAGS (extra configure flags), CTEST_ARGS (e.g. "-R fault").
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-asan}"
jobs="${JOBS:-2}"
case "$mode" in
  asan)
    dir=build-asan
    sanitize="address,undefined"
    export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1}"
    export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
    ;;
  tsan)
    dir=build-tsan
    sanitize="thread"
    export TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1:suppressions=$PWD/tests/tsan.supp}"
    ;;
  *)
    echo "usage: $0 asan|tsan" >&2
    exit 2
    ;;
esac
# shellcheck disable=SC2086
# -O1 -g1: what the sanitizers' own documentation recommends (fast enough, readable stacks with
# file and line); full debug information would double the compile time and add nothing to a report.
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" \
  -DRECOVERY_SANITIZE="$sanitize" -DRECOVERY_BUILD_EXAMPLES=OFF ${CMAKE_FLAGS:-} >/dev/null
cmake --build "$dir" -j "$jobs"
# Sanitized programs run several times slower: ctest's per-test timeout is raised accordingly.
# shellcheck disable=SC2086
ctest --test-dir "$dir" --output-on-failure -j "$jobs" --timeout 600 ${CTEST_ARGS:-}
