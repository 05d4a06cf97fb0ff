#!/usr/bin/env bash
# `cmake --install` into a temporary prefix: the binary, a man page for cswm and for every
# command the binary has (asked of the binary itself, so new commands are covered), the
# three completion scripts; then the installed binary works in a fresh repository from
# a folder far from the source tree (templates are embedded: no data folder).
# Usage: install.sh BUILD_DIR
set -euo pipefail
build=$(realpath "$1")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cswm-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
cswm="$tmp/prefix/bin/cswm"
[ -x "$cswm" ] || fail "no bin/cswm"
for file in share/bash-completion/completions/cswm share/zsh/vendor-completions/_cswm \
    share/fish/vendor_completions.d/cswm.fish; do
  [ -s "$tmp/prefix/$file" ] || fail "no $file"
done

pages="$tmp/prefix/share/man/man1"
page() { # the page as installed, compressed or not
  if [ -f "$pages/$1.1.gz" ]; then gzip -dc "$pages/$1.1.gz"; elif [ -f "$pages/$1.1" ]; then cat "$pages/$1.1"; else return 1; fi
}
page cswm | grep -q '^\.SH COMMANDS' || fail "cswm.1 has no COMMANDS section"
count=0
while IFS=$'\t' read -r command _; do
  page "cswm-$command" >/dev/null || fail "no man page for cswm $command"
  page "cswm-$command" | grep -q '^\.SH OPTIONS' || fail "cswm-$command.1 has no OPTIONS"
  count=$((count + 1))
done < <("$cswm" __complete -- "")
[ "$count" -ge 10 ] || fail "only $count commands"
# The page says what --help says: every option of check is in cswm-check.1.
for option in $("$cswm" check --help | grep -o -- '--[a-z-]*' | sort -u); do
  page cswm-check | grep -q -- "${option//-/\\\\-}" || fail "cswm-check.1 lacks $option"
done

# The same pages in Traditional Chinese, where man -L zh_TW and LANG=zh_TW.UTF-8 look.
pages="$tmp/prefix/share/man/zh_TW/man1"
page cswm | grep -q '^\.SH 指令' || fail "zh_TW/cswm.1 has no 指令 (COMMANDS) section"
zh_count=0
while IFS=$'\t' read -r command _; do
  page "cswm-$command" | grep -q '^\.SH 選項' || fail "zh_TW/cswm-$command.1 has no 選項 (OPTIONS)"
  zh_count=$((zh_count + 1))
done < <("$cswm" __complete -- "")
[ "$zh_count" -eq "$count" ] || fail "$zh_count Chinese pages for $count commands"
page cswm-check | grep -q '警告也視為檢查不通過' || fail "zh_TW/cswm-check.1: --strict is not in Chinese"
if command -v man >/dev/null; then # where man-db looks (-w: the file, not the formatting, which needs the locale)
  MANPATH="$tmp/prefix/share/man" man -L zh_TW -w cswm-check 2>/dev/null | grep -q '/share/man/zh_TW/man1/cswm-check\.1' ||
    fail "man -L zh_TW cswm-check does not find the Chinese page"
  MANPATH="$tmp/prefix/share/man" man -L en -w cswm-check 2>/dev/null | grep -q '/share/man/man1/cswm-check\.1' ||
    fail "man -L en cswm-check does not find the English page"
fi
pages="$tmp/prefix/share/man/man1"
page cswm-check | grep -q 'Warnings fail the check too' || fail "man1/cswm-check.1 is not in English"

# The installed binary, in a fresh repository, away from the source and build trees.
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null NO_COLOR=1
git init -q -b main "$tmp/repo"
git -C "$tmp/repo" config user.name "Ann Lee"
git -C "$tmp/repo" config user.email ann@example.com
cd "$tmp/repo"
"$cswm" --version
"$cswm" init >/dev/null
"$cswm" new srs --title "Disk alerts" >/dev/null
"$cswm" new quality-spec --title "Disk alerts" >/dev/null
"$cswm" list | grep -q 'SRS-001' || fail "list lacks SRS-001"
"$cswm" check >/dev/null || [ $? -eq 1 ] || fail "check could not run"
echo "install: ok, $count commands with man pages in English and Chinese"
