#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# scripts/format-check.sh: fails when a tracked *.cpp / *.hpp file is not clang-format clean.
#
#   scripts/format-check.sh
#
# Runs `clang-format --dry-run -Werror` (style: the root .clang-format) over `git ls-files` and
# prints each offending line; `make format` fixes them. Exit: 0 clean, 1 findings, 2 setup.
# Environment: CLANG_FORMAT (default clang-format).
set -euo pipefail
cd "$(dirname "$0")/.."
CLANG_FORMAT="${CLANG_FORMAT:-clang-format}"
command -v "$CLANG_FORMAT" >/dev/null || { echo "format-check: $CLANG_FORMAT not found" >&2; exit 2; }

mapfile -t files < <(git ls-files '*.cpp' '*.hpp')
[ ${#files[@]} -gt 0 ] || { echo "format-check: no files" >&2; exit 2; }
if printf '%s\0' "${files[@]}" | xargs -0 "$CLANG_FORMAT" --dry-run -Werror --style=file; then
  echo "format-check: ${#files[@]} files clean ($("$CLANG_FORMAT" --version | head -n 1))"
else
  echo "format-check: FAILED: run \`make format\` (clang-format -i) and commit" >&2
  exit 1
fi
