#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ (clang, address + undefined-behaviour sanitizers)
# and runs each for a bounded time. Fails on any crash, leak, input that takes more than
# 2 s, or memory over 512 MB.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]   (default: 60 s for each target, all targets)
#
# Environment: PRESET, the CMake preset that builds the targets (default fuzz; .ci/run
# uses asan, which builds them beside the sanitized test suite); JOBS, how many targets
# run at once (default 1; one core each).
#
# Each target starts from a copy of its seed corpus (fuzz/corpus/<target>) in a temporary
# folder, so the committed corpus never changes. Every input that failed is kept in
# fuzz-crashes/<target>/ and copied to fuzz/regressions/<target>/ as
# <crash|leak|timeout|oom>-<sha1>: fix the bug, then commit that file, and the unit tests
# replay it from then on (fuzz/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
shift || true
all_targets=(document editor trailers junit logscan config bundle)
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=("${all_targets[@]}")
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [[ "$seconds" -lt 1 ]]; then
    echo "usage: scripts/fuzz.sh [SECONDS] [TARGET...]" >&2
    exit 2
fi
preset="${PRESET:-fuzz}"
jobs="${JOBS:-1}"
declare -A dictionary=([document]=yaml [editor]=yaml [config]=yaml [junit]=xml [logscan]=logscan [trailers]=trailers)

cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" --target "${targets[@]/#/fuzz_}"

# ASan's quarantine of freed memory (256 MB by default) counts against -rss_limit_mb:
# keep it small so that 512 MB measures what cswm itself uses.
export ASAN_OPTIONS="${ASAN_OPTIONS:-quarantine_size_mb=64:detect_leaks=1}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
crashes="$PWD/fuzz-crashes"

# fuzz_one TARGET: runs it, writes $work/TARGET.result (its summary) and $work/TARGET.failed.
fuzz_one() {
    local target=$1 binary="build/$preset/fuzz/fuzz_$1"
    mkdir -p "$work/$target" "$crashes/$target"
    cp -r "fuzz/corpus/$target/." "$work/$target/"
    local options=(-max_total_time="$seconds" -timeout=2 -rss_limit_mb=512 -max_len=65536 -detect_leaks=1
                   -artifact_prefix="$crashes/$target/" -print_final_stats=1)
    if [[ -n "${dictionary[$target]:-}" ]]; then
        options+=(-dict="fuzz/dict/${dictionary[$target]}.dict")
    fi
    local status=0
    "$binary" "${options[@]}" "$work/$target" >"$work/$target.log" 2>&1 || status=$?
    local artefacts
    artefacts=$(find "$crashes/$target" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \
        -o -name 'oom-*' \) | sort)
    {
        echo "== fuzz_$target: ${seconds}s, exit $status"
        grep -E '^stat::(number_of_executed_units|peak_rss_mb|new_units_added)' "$work/$target.log" | tr '\n' ' ' || true
        echo
        if [[ $status -ne 0 || -n "$artefacts" ]]; then
            echo "fuzz_$target FAILED:"
            grep -E 'ERROR|SUMMARY|property broken|Test unit written|runtime error|==[0-9]+==' "$work/$target.log" |
                head -20 || true
            mkdir -p "fuzz/regressions/$target"
            for artefact in $artefacts; do
                local name
                name=$(basename "$artefact")
                cp "$artefact" "fuzz/regressions/$target/$name"
                echo "kept as fuzz/regressions/$target/$name: fix the bug, then commit it"
            done
            [[ -n "$artefacts" ]] || tail -30 "$work/$target.log"
            touch "$work/$target.failed"
        fi
    } >"$work/$target.result"
    rmdir "$crashes/$target" 2>/dev/null || true
}

for target in "${targets[@]}"; do
    [[ -x "build/$preset/fuzz/fuzz_$target" ]] || { echo "no fuzz target $target" >&2; exit 2; }
done
running=0
for target in "${targets[@]}"; do
    if [[ $running -ge $jobs ]]; then
        wait -n || true
        running=$((running - 1))
    fi
    fuzz_one "$target" &
    running=$((running + 1))
done
wait || true
rmdir "$crashes" 2>/dev/null || true

failed=()
for target in "${targets[@]}"; do
    cat "$work/$target.result" 2>/dev/null || echo "== fuzz_$target: did not finish"
    if [[ -e "$work/$target.failed" || ! -e "$work/$target.result" ]]; then
        failed+=("$target")
    fi
done
if [[ ${#failed[@]} -gt 0 ]]; then
    echo "fuzz: failed: ${failed[*]}"
    exit 1
fi
echo "fuzz: ${#targets[@]} targets clean, ${seconds}s each"
