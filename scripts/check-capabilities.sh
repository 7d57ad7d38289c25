#!/usr/bin/env bash
# scripts/check-capabilities.sh: fails when docs/capabilities.md is stale.
#
#   scripts/check-capabilities.sh [RECOVERYCTL]
#
# Regenerates the document with scripts/gen-capabilities.sh --stdout and compares it with the
# committed docs/capabilities.md; prints the diff on a mismatch (`scripts/gen-capabilities.sh` fixes it).
# Exit: 0 fresh, 1 stale or missing, 77 skipped because recoveryctl is not built (ctest:
# SKIP_RETURN_CODE 77).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RECOVERYCTL="${1:-$ROOT/build/recoveryctl}"
if [ ! -x "$RECOVERYCTL" ]; then
  echo "check-capabilities: skipped: no recoveryctl at $RECOVERYCTL"
  exit 77
fi
expected="$(mktemp)"
trap 'rm -f "$expected"' EXIT
"$ROOT/scripts/gen-capabilities.sh" "$RECOVERYCTL" --stdout >"$expected"
if [ ! -f "$ROOT/docs/capabilities.md" ]; then
  echo "check-capabilities: FAILED: docs/capabilities.md is missing: run scripts/gen-capabilities.sh" >&2
  exit 1
fi
if ! diff -u "$ROOT/docs/capabilities.md" "$expected" >&2; then
  echo "check-capabilities: FAILED: docs/capabilities.md is stale (diff above, - committed," \
    "+ registry): run scripts/gen-capabilities.sh and commit" >&2
  exit 1
fi
echo "check-capabilities: docs/capabilities.md matches the driver registry"
