#!/usr/bin/env bash
# Builds the Debian package from the build tree with cpack into a temporary folder and
# inspects it: its files, its fields (runtime libraries in Depends, never -dev
# packages), and that the binary it carries runs. Skips (77) without dpkg-deb or
# dpkg-shlibdeps (Debian's dpkg-dev).
# Usage: deb.sh BUILD_DIR
set -euo pipefail
build=$(realpath "$1")
for tool in dpkg-deb dpkg-shlibdeps cpack; do
  if ! command -v "$tool" >/dev/null; then
    echo "SKIP: $tool is not installed (apt-get install dpkg-dev)"
    exit 77
  fi
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cswm-deb.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

(cd "$tmp" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$tmp/out" >"$tmp/cpack.log" 2>&1) ||
  { cat "$tmp/cpack.log" >&2; fail "cpack failed"; }
shopt -s nullglob
debs=("$tmp"/out/cswm_*.deb)
[ ${#debs[@]} -eq 1 ] || fail "expected one cswm_*.deb, got ${#debs[*]}"
deb=${debs[0]}

contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
for file in ./usr/bin/cswm ./usr/share/man/man1/cswm.1.gz ./usr/share/man/man1/cswm-check.1.gz \
    ./usr/share/man/man1/cswm-completion.1.gz ./usr/share/man/zh_TW/man1/cswm.1.gz \
    ./usr/share/man/zh_TW/man1/cswm-check.1.gz ./usr/share/bash-completion/completions/cswm \
    ./usr/share/zsh/vendor-completions/_cswm ./usr/share/fish/vendor_completions.d/cswm.fish; do
  grep -qx -- "$file" <<<"$contents" || fail "package lacks $file"
done
if grep -q -- '/include/\|\.a$\|/lib/cmake/' <<<"$contents"; then
  fail "package carries build files: $(grep -- '/include/\|\.a$\|/lib/cmake/' <<<"$contents" | head -3)"
fi

[ "$(dpkg-deb -f "$deb" Package)" = cswm ] || fail "Package is not cswm"
[ -n "$(dpkg-deb -f "$deb" Maintainer)" ] || fail "no Maintainer"
[ -n "$(dpkg-deb -f "$deb" Section)" ] || fail "no Section"
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for library in libgit2-1.5 libyaml-0-2 libfmt9 libpugixml1v5 zlib1g libstdc++6; do
  grep -q "\b$library\b" <<<"$depends" || fail "Depends lacks $library"
done
if grep -q -- '-dev\b' <<<"$depends"; then
  fail "Depends names a -dev package: $depends"
fi

dpkg-deb -x "$deb" "$tmp/root"
version=$("$tmp/root/usr/bin/cswm" --version)
[ "$version" = "cswm $(dpkg-deb -f "$deb" Version)" ] || fail "packaged binary says '$version'"
echo "deb: ok, $(basename "$deb"): $version"
