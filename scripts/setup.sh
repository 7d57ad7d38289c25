#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs what building, testing and the demo need, from Debian's packages, when missing.
# Idempotent and quiet when everything is present. Needs root (or sudo) only when it installs.
set -euo pipefail

packages=(
  cmake make g++ pkg-config git
  nlohmann-json3-dev libcurl4-openssl-dev libcpp-httplib-dev libssl-dev zlib1g-dev libbrotli-dev
  libgtest-dev libgmock-dev libcli11-dev libbenchmark-dev
  clang clang-format libclang-rt-14-dev openssl python3 jq curl help2man dpkg-dev
  nodejs npm
)
if [ "${RECOVERY_SETUP_EXTRA:-}" != "" ]; then
  read -r -a extra <<<"$RECOVERY_SETUP_EXTRA"
  packages+=("${extra[@]}")
fi

# A package also counts as present when an installed package provides it: NodeSource's nodejs
# provides npm (and conflicts with Debian's npm).
provided=$(dpkg-query -W -f='${db:Status-Abbrev}|${Provides}\n' 2>/dev/null |
  sed -n 's/^ii *|//p' | tr ',' '\n' | sed -E 's/ *\(.*//; s/^ *//' || true)
missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] && continue
  grep -qxF "$package" <<<"$provided" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "setup: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
