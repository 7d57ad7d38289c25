#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# examples/check_readme_code.sh MARKDOWN...: every C++ block of the given Markdown files is code
# that CI builds, word for word.
#
# Contract: the first line of each ```cpp block names a program of examples/ (one built by
# examples/CMakeLists.txt through recovery_example):
#   // examples/NAME.cpp...          the block is that whole program: it equals the file exactly,
#                                    the file's SPDX-License-Identifier line aside;
#   // fragment of examples/NAME.cpp the block is an excerpt: its other lines, leading and trailing
#                                    blanks aside, appear in the file in the same order (blank lines
#                                    and "// ..." lines of the block mark what it leaves out).
# Prints one line per block that breaks this and exits 1; exits 0 when every block holds.
set -euo pipefail

examples=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

failures=0
fail() {
  echo "$1: $2" >&2
  failures=$((failures + 1))
}

trimmed() { sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' "$1"; }

for markdown in "$@"; do
  rm -f "$work"/block.*
  # One file per block, named by the line the block's code starts on; a block indented under a
  # list item loses that indentation.
  awk -v dir="$work" '
    !inside && /^[[:space:]]*```cpp[[:space:]]*$/ {
      inside = 1; start = NR + 1; indent = index($0, "`") - 1
      printf "" > (dir "/block." start)
      next
    }
    inside && /^[[:space:]]*```[[:space:]]*$/ { inside = 0; close(dir "/block." start); next }
    inside { print substr($0, indent + 1) > (dir "/block." start) }
  ' "$markdown"
  for block in "$work"/block.*; do
    [ -e "$block" ] || continue
    where="$markdown:${block##*.}"
    first=$(head -n 1 "$block")
    case "$first" in
      "// fragment of examples/"*) kind=fragment name=${first#"// fragment of examples/"} ;;
      "// examples/"*) kind=program name=${first#"// examples/"} ;;
      *)
        fail "$where" "a C++ block must start with '// examples/NAME.cpp' or '// fragment of examples/NAME.cpp'"
        continue
        ;;
    esac
    name=${name%%[: ]*}
    file="$examples/$name"
    if [ ! -f "$file" ] || ! grep -q "^recovery_example(${name%.cpp}[ )]" "$examples/CMakeLists.txt"; then
      fail "$where" "examples/$name is not a program that examples/CMakeLists.txt builds"
      continue
    fi
    if [ "$kind" = program ]; then
      sed '1{/^\/\/ SPDX-License-Identifier: /d}' "$file" | cmp -s "$block" - ||
        fail "$where" "the block differs from examples/$name"
      continue
    fi
    tail -n +2 "$block" | trimmed /dev/stdin | grep -v -e '^$' -e '^// \.\.\.$' >"$work/want" || true
    missing=$(trimmed "$file" | awk '
      NR == FNR { want[++n] = $0; next }
      found < n && $0 == want[found + 1] { found++ }
      END { if (found < n) print want[found + 1] }
    ' "$work/want" -)
    [ -z "$missing" ] || fail "$where" "not in examples/$name (in this order): $missing"
  done
done
exit $((failures > 0))
