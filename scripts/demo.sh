#!/usr/bin/env bash
# make demo: the full recovery flow of every vendor against the embedded mocks (see README).
set -euo pipefail
build=${1:-build}
echo "recovery demo: the CLI lands with issue [cli]; the built libraries are in $build/"
