#!/usr/bin/env bash
# Installs what building and testing cswm needs, from Debian 12's packages only.
# Idempotent: installs nothing when everything is present. Runs apt-get as root, or
# through sudo.
set -euo pipefail
# dpkg-dev: dpkg-shlibdeps, with which `cpack -G DEB` finds the runtime libraries the
# package depends on; zsh, fish: the tests of their completion scripts (skipped without);
# chromium, poppler-utils, fonts-noto-cjk: the test that prints the bundle's pages in a
# real browser and reads back what it rendered (skipped without).

packages=(
  g++ cmake ninja-build pkg-config git ca-certificates
  libcli11-dev libfmt-dev libyaml-dev libgit2-dev doctest-dev
  nlohmann-json3-dev libvalijson-dev libkainjow-mustache-dev libpugixml-dev
  zlib1g-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libarchive-dev libssl-dev pre-commit
  dpkg-dev zsh fish
  chromium poppler-utils fonts-noto-cjk
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all build dependencies are installed"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null; then
  sudo=(sudo)
else
  echo "setup: missing ${missing[*]}; run this script as root or install sudo" >&2
  exit 2
fi

echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
# valijson's package recommends Qt, Poco and more for adapters cswm does not use.
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
