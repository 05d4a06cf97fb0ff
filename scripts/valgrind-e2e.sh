#!/usr/bin/env bash
# Runs the end-to-end cases of `check` and `bundle` with every cswm run under valgrind's
# memcheck: an invalid read or write, a use of uninitialised memory, a bad free or a
# definite leak fails the case (exit 99 shows in its output, and the log is printed).
# The goldens are the ordinary ones: valgrind writes to its own log files, never to the
# output the case compares.
#
#   scripts/valgrind-e2e.sh [BUILD_DIR] [CASE...]   (default: build/dev, the check-* and
#                                                   bundle cases)
# JOBS (default 1): how many cases run at once.
# Suppressions: tests/valgrind/cswm.supp, each with the reason it is not cswm's bug.
set -euo pipefail
cd "$(dirname "$0")/.."
source_dir=$PWD

jobs="${JOBS:-1}"
build_dir=$(realpath "${1:-build/dev}")
shift || true
cases=("$@")
if [[ ${#cases[@]} -eq 0 ]]; then
    for dir in tests/e2e/cases/check-* tests/e2e/cases/bundle tests/e2e/cases/bundle-hostile; do
        cases+=("$(basename "$dir")")
    done
fi
binary="$build_dir/cmd/cswm"
[[ -x "$binary" ]] || { echo "valgrind-e2e: no $binary: build first" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "valgrind-e2e: valgrind is not installed" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/bin" "$work/logs"
# The wrapper is what the cases run as $CSWM; valgrind runs the real binary under its own
# name, so that messages and argv[0] are unchanged.
cat >"$work/bin/cswm" <<WRAPPER
#!/bin/sh
exec valgrind --tool=memcheck --quiet --error-exitcode=99 --leak-check=full \
  --show-leak-kinds=definite --errors-for-leak-kinds=definite \
  --suppressions="$source_dir/tests/valgrind/cswm.supp" --log-file="\$CSWM_VALGRIND_LOGS/%p.log" \
  "$binary" "\$@"
WRAPPER
chmod +x "$work/bin/cswm"

# one_case NAME: runs it with its own log folder; writes $work/NAME.result and, when it
# failed, $work/NAME.failed.
one_case() {
    local name=$1 status=0 logs="$work/logs/$1"
    mkdir -p "$logs"
    TIMEFORMAT="%R s wall, %U s user"
    { time CSWM_VALGRIND_LOGS="$logs" tests/e2e/run-case.sh "$work/bin/cswm" "tests/e2e/cases/$name" \
        >"$work/$name.out" 2>&1 || status=$?; } 2>"$work/$name.time"
    local runs errors
    runs=$(find "$logs" -name '*.log' | wc -l)
    errors=$(find "$logs" -name '*.log' -size +0 | sort)
    {
        if [[ $status -eq 77 ]]; then
            echo "valgrind: $name skipped: $(tail -1 "$work/$name.out")"
        elif [[ $status -ne 0 || -n "$errors" ]]; then
            echo "valgrind: $name FAILED ($runs runs of cswm)"
            for log in $errors; do
                echo "--- $log"
                head -60 "$log"
            done
            [[ -n "$errors" ]] || tail -40 "$work/$name.out"
            touch "$work/$name.failed"
        else
            echo "valgrind: $name clean ($runs runs of cswm, $(cat "$work/$name.time"))"
        fi
    } >"$work/$name.result"
}

running=0
for name in "${cases[@]}"; do
    if [[ $running -ge $jobs ]]; then
        wait -n || true
        running=$((running - 1))
    fi
    one_case "$name" &
    running=$((running + 1))
done
wait || true
failed=()
for name in "${cases[@]}"; do
    cat "$work/$name.result" 2>/dev/null || echo "valgrind: $name did not finish"
    if [[ -e "$work/$name.failed" || ! -e "$work/$name.result" ]]; then
        failed+=("$name")
    fi
done
if [[ ${#failed[@]} -gt 0 ]]; then
    echo "valgrind: failed: ${failed[*]}"
    exit 1
fi
echo "valgrind: ${#cases[@]} cases clean"
