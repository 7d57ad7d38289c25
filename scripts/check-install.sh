#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# scripts/check-install.sh: the SDK installs, and an out-of-tree project finds and uses it.
#
#   scripts/check-install.sh [--build-dir DIR] [--add-subdirectory] [--package] [--keep]
#
# 1. Configures and builds the SDK in a temporary directory (or builds the targets that are installed
#    in the existing, configured DIR with --build-dir: faster in CI) and installs it to a temporary
#    prefix; checks that headers, libraries, recoveryctl, the CMake package and the .pc files are there.
# 2. Builds examples/consumer/ against that prefix twice: through CMake (find_package(recovery CONFIG
#    REQUIRED COMPONENTS testing) → recovery::recovery, recovery::testing) and through pkg-config
#    (`pkg-config --cflags --libs recovery`; and once more with recovery-testing added).
# 3. Runs the consumers: against the installed `recoveryctl mock` (its "temporal" URL), and the CMake
#    one also against its in-process mock. Each run checks that the reset was accepted and that the
#    mock's outbox got the mail. Until recoveryctl exists in the tree (src/cli/main.cpp), the
#    recoveryctl runs are skipped with a notice; once it exists, a missing binary is a failure.
# 4. With --add-subdirectory, also builds the consumer with the SDK taken by add_subdirectory (the
#    FetchContent way) and runs it in-process: same target names, no install needed.
# 5. With --package, builds the Debian package in the same build directory (`make package`: the
#    shared libraries and the man page are added to the tree) and installs it: with `dpkg -i` when
#    run as root (refused if a package named recovery is installed already; removed with
#    `dpkg -r` at the end), otherwise unpacked with `dpkg -x` into a scratch root. Checks what it
#    holds (librecovery.so with its SONAME, headers with version.hpp, CMake package, .pc files,
#    recoveryctl stripped and its man page, `recoveryctl --version`), builds the consumer against
#    it through find_package(recovery) and through pkg-config, runs both against the packaged
#    `recoveryctl mock`, and prints the sizes of the packaged recoveryctl and of
#    examples/minimal_reset.cpp built stripped against the package.
#
# Exit: 0 everything passed, 1 a check failed, 2 usage. Environment: JOBS (default 2), CXX.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
JOBS="${JOBS:-2}"
BUILD_DIR=""
SUBDIR=0
PACKAGE=0
KEEP=0
usage() { awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$0"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) BUILD_DIR="$(cd "$2" && pwd)"; shift ;;
    --build-dir=*) BUILD_DIR="$(cd "${1#*=}" && pwd)" ;;
    --add-subdirectory) SUBDIR=1 ;;
    --package) PACKAGE=1 ;;
    --keep) KEEP=1 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "check-install: unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/recovery-check-install.XXXXXX")"
PREFIX="$WORK/prefix"
MOCK_PID=""
DPKG_INSTALLED=0
cleanup() {
  if [ -n "$MOCK_PID" ] && kill -0 "$MOCK_PID" 2>/dev/null; then
    kill -TERM "$MOCK_PID" 2>/dev/null || true
    wait "$MOCK_PID" 2>/dev/null || true
  fi
  if [ "$DPKG_INSTALLED" = 1 ]; then
    dpkg -r recovery >/dev/null 2>&1 || echo "check-install: could not remove the package recovery" >&2
  fi
  if [ "$KEEP" = 1 ]; then echo "check-install: kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

step() { echo "check-install: $*"; }
fail() { echo "check-install: FAILED: $*" >&2; exit 1; }
run_quiet() {  # run_quiet LOGNAME CMD...: output to a log, shown only on failure
  local log="$WORK/$1.log"
  shift
  if ! "$@" >"$log" 2>&1; then
    tail -n 60 "$log" >&2
    fail "$* (log above)"
  fi
}

# 1. Build and install.
if [ -n "$BUILD_DIR" ]; then
  [ -f "$BUILD_DIR/CMakeCache.txt" ] || fail "$BUILD_DIR is not a configured build directory"
  SDK_BUILD="$BUILD_DIR"
else
  SDK_BUILD="$WORK/build"
  step "configuring the SDK in $SDK_BUILD"
  run_quiet configure cmake -S "$ROOT" -B "$SDK_BUILD" -DCMAKE_BUILD_TYPE=Release \
    -DRECOVERY_BUILD_TESTS=OFF -DRECOVERY_BUILD_EXAMPLES=OFF
fi
# What the tree installs: the static or (BUILD_SHARED_LIBS) shared libraries, recoveryctl and
# (RECOVERY_MAN_PAGE) its man page, whichever of them the tree defines.
targets=(recovery recovery_testing)
defined="$(cmake --build "$SDK_BUILD" --target help 2>/dev/null | sed 's/^\.\.\. //; s/:.*//')"
for target in recovery_shared recovery_testing_shared recoveryctl recoveryctl_man; do
  if grep -qx "$target" <<<"$defined"; then targets+=("$target"); fi
done
step "building ${targets[*]}"
run_quiet build cmake --build "$SDK_BUILD" -j "$JOBS" --target "${targets[@]}"
step "installing to $PREFIX"
run_quiet install cmake --install "$SDK_BUILD" --prefix "$PREFIX"

must_exist() { [ -e "$PREFIX/$1" ] || fail "not installed: $1"; }
for header in recovery.hpp client.hpp registry.hpp testing/mocks.hpp testing/mock_connection.hpp \
              vendors/temporal.hpp; do
  must_exist "include/recovery/$header"
done
must_exist share/doc/recovery/copyright
config="$(find "$PREFIX" -name recoveryConfig.cmake -print -quit)"
[ -n "$config" ] || fail "not installed: recoveryConfig.cmake"
for file in recoveryConfigVersion.cmake recoveryTargets.cmake; do
  [ -f "$(dirname "$config")/$file" ] || fail "not installed: $file"
done
pcdir="$(dirname "$(find "$PREFIX" -name recovery.pc -print -quit)")"
[ -f "$pcdir/recovery.pc" ] && [ -f "$pcdir/recovery-testing.pc" ] || fail "not installed: .pc files"
[ -n "$(find "$PREFIX" -name 'librecovery.*' -print -quit)" ] || fail "not installed: librecovery"
[ -n "$(find "$PREFIX" -name 'librecovery_testing.*' -print -quit)" ] ||
  fail "not installed: librecovery_testing"
RECOVERYCTL="$PREFIX/bin/recoveryctl"
if [ -e "$ROOT/src/cli/main.cpp" ]; then
  [ -x "$RECOVERYCTL" ] || fail "not installed: bin/recoveryctl"
else
  RECOVERYCTL=""
  step "notice: recoveryctl is not in this tree yet (src/cli/main.cpp): its runs are skipped"
fi
if grep -rq "$SDK_BUILD\|$ROOT/include" "$(dirname "$config")" "$pcdir"/recovery*.pc; then
  fail "installed package files point into the build or source tree"
fi
step "installed: headers, libraries, CMake package, recovery.pc, recovery-testing.pc${RECOVERYCTL:+, recoveryctl}"

# 2. Build the consumer both ways.
step "consumer through CMake: find_package(recovery CONFIG REQUIRED COMPONENTS testing)"
run_quiet consumer-cmake-configure cmake -S "$ROOT/examples/consumer" -B "$WORK/consumer-cmake" \
  -DCMAKE_PREFIX_PATH="$PREFIX"
run_quiet consumer-cmake-build cmake --build "$WORK/consumer-cmake" -j "$JOBS"
export PKG_CONFIG_PATH="$pcdir${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
[ "$(pkg-config --modversion recovery)" = "$(sed -n 's/^Version: //p' "$pcdir/recovery.pc")" ] ||
  fail "pkg-config does not resolve recovery from $pcdir"
step "consumer through pkg-config: $(pkg-config --cflags --libs recovery)"
mkdir -p "$WORK/consumer-pc" "$WORK/consumer-pc-testing"
run_quiet consumer-pc-build make -s -C "$ROOT/examples/consumer" OUT="$WORK/consumer-pc"
step "consumer through pkg-config with recovery-testing (in-process mock)"
run_quiet consumer-pc-testing-build make -s -C "$ROOT/examples/consumer" \
  OUT="$WORK/consumer-pc-testing" IN_PROCESS=1

# 3. Run them.
run_consumer() {  # run_consumer NAME BINARY [BASE_URL]
  local name="$1"
  shift
  if ! "$@" >"$WORK/run-$name.log" 2>&1; then
    cat "$WORK/run-$name.log" >&2
    fail "consumer run '$name' failed"
  fi
  step "ran $name: $(tail -n 1 "$WORK/run-$name.log")"
}
# pkg-config gives no run path: a program linked to the prefix's shared libraries is told where.
prefix_env=(env "LD_LIBRARY_PATH=$(dirname "$(find "$PREFIX" -name 'librecovery.*' -print -quit)")")
run_consumer cmake-in-process "$WORK/consumer-cmake/consumer"
run_consumer pkg-config-in-process "${prefix_env[@]}" "$WORK/consumer-pc-testing/consumer-pkgconfig"
start_mock() {  # start_mock RECOVERYCTL: sets MOCK_PID and MOCK_URL (Temporal's)
  "$1" mock >"$WORK/mock.out" 2>"$WORK/mock.err" </dev/null &
  MOCK_PID=$!
  # recoveryctl mock prints its URL line only once every emulation answers: wait for that line.
  for _ in $(seq 1 300); do
    [ -s "$WORK/mock.out" ] && break
    kill -0 "$MOCK_PID" 2>/dev/null || { cat "$WORK/mock.err" >&2; fail "recoveryctl mock exited"; }
    sleep 0.1
  done
  MOCK_URL="$(python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())["temporal"])' \
    <"$WORK/mock.out")" || fail "recoveryctl mock printed no URL line: $(cat "$WORK/mock.out")"
  step "$1 mock: temporal at $MOCK_URL"
}
stop_mock() {
  kill -TERM "$MOCK_PID"
  local status=0
  wait "$MOCK_PID" || status=$?
  MOCK_PID=""
  [ "$status" = 0 ] || fail "recoveryctl mock exited with $status on SIGTERM"
}
if [ -n "$RECOVERYCTL" ]; then
  start_mock "$RECOVERYCTL"
  run_consumer cmake-vs-recoveryctl "$WORK/consumer-cmake/consumer" "$MOCK_URL"
  run_consumer pkg-config-vs-recoveryctl "${prefix_env[@]}" "$WORK/consumer-pc/consumer-pkgconfig" \
    "$MOCK_URL"
  stop_mock
else
  # The recovery-only consumer still has to start and reject a missing URL (it cannot mock).
  status=0
  "${prefix_env[@]}" "$WORK/consumer-pc/consumer-pkgconfig" >/dev/null 2>&1 || status=$?
  [ "$status" = 2 ] || fail "pkg-config consumer without BASE_URL exited $status, expected 2"
  step "ran pkg-config consumer (recovery only): links and starts; no recoveryctl to run against"
fi

# 4. add_subdirectory / FetchContent.
if [ "$SUBDIR" = 1 ]; then
  step "consumer through add_subdirectory (the FetchContent way)"
  run_quiet consumer-subdir-configure cmake -S "$ROOT/examples/consumer" -B "$WORK/consumer-subdir" \
    -DRECOVERY_SOURCE_DIR="$ROOT"
  run_quiet consumer-subdir-build cmake --build "$WORK/consumer-subdir" -j "$JOBS"
  run_consumer add-subdirectory-in-process "$WORK/consumer-subdir/consumer"
fi

# 5. The Debian package.
if [ "$PACKAGE" = 1 ]; then
  step "building the Debian package in $SDK_BUILD (make package)"
  run_quiet package make -C "$ROOT" package BUILD="$SDK_BUILD" JOBS="$JOBS"
  version="$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$SDK_BUILD/CMakeCache.txt")"
  deb="$(find "$SDK_BUILD" -maxdepth 1 -name "recovery_${version}_*.deb" -print -quit)"
  [ -n "$deb" ] || fail "make package wrote no recovery_${version}_<arch>.deb in $SDK_BUILD"
  [ "$(dpkg-deb --field "$deb" Package)" = recovery ] || fail "$deb is not the package recovery"
  [ "$(dpkg-deb --field "$deb" Version)" = "$version" ] || fail "$deb is not version $version"
  unset PKG_CONFIG_PATH
  if [ "$(id -u)" = 0 ]; then
    if dpkg-query -W -f='${Status}' recovery 2>/dev/null | grep -q ' installed$'; then
      fail "a package named recovery is installed already; remove it first (dpkg -r recovery)"
    fi
    step "dpkg -i $(basename "$deb")"
    DPKG_INSTALLED=1
    run_quiet dpkg-install dpkg -i "$deb"
    ROOTDIR=""
    consumer_env=()
  else
    step "not root: unpacking $(basename "$deb") into a scratch root (dpkg -x)"
    ROOTDIR="$WORK/root"
    run_quiet dpkg-extract dpkg -x "$deb" "$ROOTDIR"
    export PKG_CONFIG_PATH="$ROOTDIR/usr/lib/pkgconfig"
    consumer_env=(env "LD_LIBRARY_PATH=$ROOTDIR/usr/lib")
  fi
  usr="$ROOTDIR/usr"
  for file in lib/librecovery.so lib/librecovery_testing.so include/recovery/recovery.hpp \
              include/recovery/version.hpp include/recovery/export.hpp \
              lib/cmake/recovery/recoveryConfig.cmake lib/pkgconfig/recovery.pc \
              lib/pkgconfig/recovery-testing.pc bin/recoveryctl share/man/man1/recoveryctl.1.gz \
              share/doc/recovery/copyright; do
    [ -e "$usr/$file" ] || fail "not in the package: /usr/$file"
  done
  soname="$(readelf -d "$usr/lib/librecovery.so" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')"
  case "$soname" in
    librecovery.so.[0-9]*) ;;
    *) fail "librecovery.so has no versioned SONAME ('$soname')" ;;
  esac
  [ -e "$usr/lib/$soname" ] || fail "not in the package: /usr/lib/$soname"
  for binary in bin/recoveryctl "lib/$soname"; do
    if readelf -S "$usr/$binary" | grep -q '\.debug_info\|\.symtab'; then
      fail "/usr/$binary is not stripped"
    fi
  done
  [ "$("${consumer_env[@]}" "$usr/bin/recoveryctl" --version)" = "recoveryctl $version" ] ||
    fail "recoveryctl --version does not print 'recoveryctl $version'"
  [ "$(pkg-config --modversion recovery)" = "$version" ] || fail "pkg-config: recovery is not $version"
  step "package holds librecovery.so ($soname), headers, CMake package, .pc files, stripped recoveryctl and its man page"

  step "consumer against the package through CMake: find_package(recovery)"
  run_quiet package-consumer-cmake-configure cmake -S "$ROOT/examples/consumer" \
    -B "$WORK/package-consumer-cmake" ${ROOTDIR:+-DCMAKE_PREFIX_PATH="$usr"}
  run_quiet package-consumer-cmake-build cmake --build "$WORK/package-consumer-cmake" -j "$JOBS"
  step "consumer against the package through pkg-config: $(pkg-config --libs recovery)"
  mkdir -p "$WORK/package-consumer-pc"
  run_quiet package-consumer-pc-build make -s -C "$ROOT/examples/consumer" \
    OUT="$WORK/package-consumer-pc"
  run_consumer package-cmake-in-process "${consumer_env[@]}" "$WORK/package-consumer-cmake/consumer"
  start_mock "$usr/bin/recoveryctl"
  run_consumer package-cmake-vs-recoveryctl "${consumer_env[@]}" \
    "$WORK/package-consumer-cmake/consumer" "$MOCK_URL"
  run_consumer package-pkg-config-vs-recoveryctl "${consumer_env[@]}" \
    "$WORK/package-consumer-pc/consumer-pkgconfig" "$MOCK_URL"
  stop_mock

  # Sizes: the packaged recoveryctl and the README's ten-line program (examples/minimal_reset.cpp),
  # built without debug info and stripped, against the package's shared library.
  # shellcheck disable=SC2046  # pkg-config's flags are words
  run_quiet ten-line-build "${CXX:-c++}" -std=c++17 -O2 -s "$ROOT/examples/minimal_reset.cpp" \
    -o "$WORK/minimal_reset" $(pkg-config --cflags --libs recovery)
  size_of() { stat -L -c %s "$1" | awk '{ printf "%d bytes (%.2f MiB)", $1, $1 / 1048576 }'; }
  step "size: recoveryctl $(size_of "$usr/bin/recoveryctl"), minimal_reset $(size_of \
"$WORK/minimal_reset") + librecovery.so $(size_of "$usr/lib/$soname"), .deb $(size_of "$deb")"

  if [ "$DPKG_INSTALLED" = 1 ]; then
    run_quiet dpkg-remove dpkg -r recovery
    DPKG_INSTALLED=0
    [ ! -e /usr/lib/librecovery.so ] || fail "dpkg -r recovery left /usr/lib/librecovery.so"
    step "dpkg -r recovery: removed"
  fi
fi
step "all checks passed"
