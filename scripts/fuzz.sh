#!/usr/bin/env bash
# Builds the fuzz preset (clang, libFuzzer, address + undefined-behaviour sanitizers) and
# runs every fuzz target of fuzz/ for a bounded time. Fails on any crash, leak, input that
# takes more than 2 s, or memory over 512 MB.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]   (default: 60 s for each target, all targets)
#
# Each target starts from a copy of its seed corpus (fuzz/corpus/<target>) in a temporary
# folder, so the committed corpus never changes. A crashing input is kept as
# fuzz-crashes/<target>/crash-… ; fix the bug, then copy the input to
# fuzz/regressions/<target>/ so that the unit tests replay it from then on.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
shift || true
all_targets=(document editor trailers junit logscan config)
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=("${all_targets[@]}")
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [[ "$seconds" -lt 1 ]]; then
    echo "usage: scripts/fuzz.sh [SECONDS] [TARGET...]" >&2
    exit 2
fi
declare -A dictionary=([document]=yaml [editor]=yaml [config]=yaml [junit]=xml [logscan]=logscan [trailers]=trailers)

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target "${targets[@]/#/fuzz_}"

# ASan's quarantine of freed memory (256 MB by default) counts against -rss_limit_mb:
# keep it small so that 512 MB measures what cswm itself uses.
export ASAN_OPTIONS="${ASAN_OPTIONS:-quarantine_size_mb=64:detect_leaks=1}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
crashes="$PWD/fuzz-crashes"
failed=()
for target in "${targets[@]}"; do
    binary="build/fuzz/fuzz/fuzz_$target"
    [[ -x "$binary" ]] || { echo "no fuzz target $target" >&2; exit 2; }
    mkdir -p "$work/$target" "$crashes/$target"
    cp -r "fuzz/corpus/$target/." "$work/$target/"
    options=(-max_total_time="$seconds" -timeout=2 -rss_limit_mb=512 -max_len=65536
             -artifact_prefix="$crashes/$target/" -print_final_stats=1)
    if [[ -n "${dictionary[$target]:-}" ]]; then
        options+=(-dict="fuzz/dict/${dictionary[$target]}.dict")
    fi
    echo "== fuzz_$target: ${seconds}s"
    if "$binary" "${options[@]}" "$work/$target" >"$work/$target.log" 2>&1; then
        grep -E '^stat::(number_of_executed_units|peak_rss_mb|new_units_added)' "$work/$target.log" | tr '\n' ' ' || true
        echo
    else
        echo "fuzz_$target FAILED; the input is in $crashes/$target/:"
        grep -E 'ERROR|SUMMARY|property broken|Test unit written|==[0-9]+==' "$work/$target.log" | head -20 || true
        failed+=("$target")
    fi
    rmdir "$crashes/$target" 2>/dev/null || true
done
rmdir "$crashes" 2>/dev/null || true
if [[ ${#failed[@]} -gt 0 ]]; then
    echo "fuzz: failed: ${failed[*]}"
    exit 1
fi
echo "fuzz: ${#targets[@]} targets clean, ${seconds}s each"
