#!/usr/bin/env bash
# Runs one end-to-end case: tests/e2e/cases/NAME/case.sh in a fresh temporary folder,
# against the built cswm, and compares everything it printed with the case's
# expected.out. CSWM_UPDATE_GOLDEN=1 rewrites expected.out instead (review the diff).
# Usage: run-case.sh CSWM_BINARY CASE_DIR
set -uo pipefail

CSWM=$(realpath "$1")
case_dir=$(realpath "$2")
E2E_DIR=$(cd "$(dirname "$0")" && pwd)
SOURCE_DIR=$(cd "$E2E_DIR/../.." && pwd)
export CSWM E2E_DIR SOURCE_DIR

CASE_TMP=$(mktemp -d "${TMPDIR:-/tmp}/cswm-e2e.XXXXXX")
export CASE_TMP
trap 'chmod -R u+rwX "$CASE_TMP" 2>/dev/null; rm -rf "$CASE_TMP"' EXIT

actual="$CASE_TMP/actual.out"
(
  cd "$CASE_TMP" || exit 99
  mkdir work && cd work || exit 99
  # shellcheck source=lib.sh
  source "$E2E_DIR/lib.sh"
  set -e
  source "$case_dir/case.sh"
) >"$actual" 2>"$CASE_TMP/case.stderr"
status=$?
# Temporary paths differ on every run: show them as $WORK.
sed -i "s|$CASE_TMP/work|\$WORK|g" "$actual"

if [ "$status" -eq 77 ]; then
  cat "$CASE_TMP/case.stderr"
  exit 77 # skipped, as the case said why
fi
if [ "$status" -ne 0 ]; then
  echo "case script failed with status $status:" >&2
  cat "$CASE_TMP/case.stderr" >&2
  cat "$actual" >&2
  exit 1
fi
if [ "${CSWM_UPDATE_GOLDEN:-0}" = 1 ]; then
  cp "$actual" "$case_dir/expected.out"
  echo "updated $case_dir/expected.out"
  exit 0
fi
if ! diff -u "$case_dir/expected.out" "$actual"; then
  echo "output differs from $case_dir/expected.out (CSWM_UPDATE_GOLDEN=1 to accept)" >&2
  exit 1
fi
