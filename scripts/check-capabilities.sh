#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# scripts/check-capabilities.sh: fails when a published capability matrix is stale.
#
#   scripts/check-capabilities.sh [RECOVERYCTL]
#
# Regenerates the matrix with scripts/gen-capabilities.sh (`recoveryctl vendors --markdown`) and
# compares it with docs/capabilities.md and with README.md's capabilities:begin/end block; prints
# the diff on a mismatch (scripts/gen-capabilities.sh rewrites both). Exit: 0 fresh, 1 stale or
# missing, 77 skipped because recoveryctl is not built (ctest: SKIP_RETURN_CODE 77).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RECOVERYCTL="${1:-$ROOT/build/recoveryctl}"
if [ ! -x "$RECOVERYCTL" ]; then
  echo "check-capabilities: skipped: no recoveryctl at $RECOVERYCTL"
  exit 77
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$ROOT/scripts/gen-capabilities.sh" "$RECOVERYCTL" --stdout >"$work/capabilities.md"
"$ROOT/scripts/gen-capabilities.sh" "$RECOVERYCTL" --matrix >"$work/matrix.md"
fix="run scripts/gen-capabilities.sh and commit"
status=0
if [ ! -f "$ROOT/docs/capabilities.md" ]; then
  echo "check-capabilities: FAILED: docs/capabilities.md is missing: $fix" >&2
  status=1
elif ! diff -u "$ROOT/docs/capabilities.md" "$work/capabilities.md" >&2; then
  echo "check-capabilities: FAILED: docs/capabilities.md is stale (- committed, + registry): $fix" >&2
  status=1
fi
if grep -q '^<!-- capabilities:begin' "$ROOT/README.md" 2>/dev/null; then
  sed -n '/^<!-- capabilities:begin/,/^<!-- capabilities:end -->/{//!p}' "$ROOT/README.md" \
    >"$work/readme.md"
  if ! diff -u "$work/readme.md" "$work/matrix.md" >&2; then
    echo "check-capabilities: FAILED: README.md's matrix is stale (- README, + registry): $fix" >&2
    status=1
  fi
fi
[ "$status" = 0 ] && echo "check-capabilities: docs/capabilities.md and README.md match the registry"
exit "$status"
