#!/usr/bin/env bash
# The README's first command: install what is missing, build a release cswm, and run
# the main job on the shipped example — a temporary git repository made from examples/,
# where `cswm check`, `cswm list` and `cswm status` run and an audit bundle is made and verified.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release
cswm="$PWD/build/release/cmd/cswm"

demo=$(mktemp -d "${TMPDIR:-/tmp}/cswm-demo.XXXXXX")
examples/make-demo-repo.sh "$demo/repo" >/dev/null
cd "$demo/repo"

echo
echo "== cswm check (in $demo/repo)"
status=0
"$cswm" check || status=$?
echo
echo "== cswm list"
"$cswm" list
echo
echo "== cswm status"
"$cswm" status
echo
echo "== cswm bundle (the audit bundle of HEAD) and cswm bundle verify"
"$cswm" bundle -o "$demo/audit.tar.gz"
"$cswm" bundle verify "$demo/audit.tar.gz" --repo
echo
echo "The demo repository stays at $demo/repo, its audit bundle at $demo/audit.tar.gz;"
echo "the binary is $cswm"
exit "$status"
