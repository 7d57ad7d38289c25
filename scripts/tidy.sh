#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# scripts/tidy.sh: clang-tidy over the project's own sources; fails on any finding.
#
#   scripts/tidy.sh [BUILD_DIR] [PATH_REGEX]
#
# Reads BUILD_DIR/compile_commands.json (default build/; CMAKE_EXPORT_COMPILE_COMMANDS is on) and
# runs clang-tidy (checks: the root .clang-tidy, every finding an error) on each translation unit
# under src/, vendors/, tests/ and examples/ whose path (from the root) matches PATH_REGEX, JOBS at
# a time. The default, '^(src|vendors|examples)/', is the SDK's code and what users copy: the
# tests' units take clang-tidy two to three times as long each (gtest's macros) and would add ten
# minutes to CI; GCC and clang compile them with -Wall -Wextra -Werror, and
# `scripts/tidy.sh build '^tests/'` checks them on demand. Headers under include/recovery, src
# and vendors are checked through the units that include them. Prints each finding once (a
# header's finding is reported by every unit including it), then a count by file. Exit: 0 clean,
# 1 findings, 2 setup (no clang-tidy, no database).
# Environment: CLANG_TIDY (default clang-tidy), JOBS (default 2).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${1:-$ROOT/build}"
FILTER="${2:-^(src|vendors|examples)/}"
CLANG_TIDY="${CLANG_TIDY:-clang-tidy}"
JOBS="${JOBS:-2}"
command -v "$CLANG_TIDY" >/dev/null || { echo "tidy: $CLANG_TIDY not found" >&2; exit 2; }
[ -f "$BUILD/compile_commands.json" ] ||
  { echo "tidy: no $BUILD/compile_commands.json (configure first: make configure)" >&2; exit 2; }

mapfile -t units < <(python3 - "$ROOT" "$BUILD/compile_commands.json" "$FILTER" <<'PY'
import json, os, re, sys
root, database, pattern = sys.argv[1], sys.argv[2], re.compile(sys.argv[3])
seen = set()
for entry in json.load(open(database)):
    path = os.path.normpath(os.path.join(entry["directory"], entry["file"]))
    rel = os.path.relpath(path, root)
    if rel.split(os.sep)[0] in ("src", "vendors", "tests", "examples") and pattern.search(rel):
        if rel not in seen:
            seen.add(rel)
            print(path)
PY
)
[ ${#units[@]} -gt 0 ] || { echo "tidy: no translation unit matches '$FILTER'" >&2; exit 2; }

out="$(mktemp)"
trap 'rm -f "$out"' EXIT
echo "tidy: $("$CLANG_TIDY" --version | grep -m1 -o 'version [0-9.]*'), ${#units[@]} units, $JOBS at a time"
status=0
printf '%s\0' "${units[@]}" |
  xargs -0 -n 1 -P "$JOBS" "$CLANG_TIDY" -p "$BUILD" --quiet >"$out" 2>/dev/null || status=$?

# One line per distinct finding: "file:line:col: error: message [check]".
findings="$(grep -E '^/.*:[0-9]+:[0-9]+: (warning|error): ' "$out" | sed "s|^$ROOT/||" | sort -u || true)"
if [ -n "$findings" ]; then
  printf '%s\n' "$findings"
  echo "tidy: findings by file:"
  cut -d: -f1 <<<"$findings" | sort | uniq -c | sort -rn
  echo "tidy: FAILED: $(wc -l <<<"$findings") findings (fix them, or NOLINT(check) with a reason)" >&2
  exit 1
fi
if [ "$status" -ne 0 ]; then
  cat "$out" >&2
  echo "tidy: FAILED: clang-tidy exited $status without a finding (see above)" >&2
  exit 1
fi
echo "tidy: clean"
