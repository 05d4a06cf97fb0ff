#!/usr/bin/env bash
# Speed of `cswm logscan` on the Loghub-2k samples (../shared/data/loghub), on one core.
# Builds the release preset, makes a big file of each sample repeated, and times the scan
# with the sample's line format, then with the built-in format detection; then the four
# samples concatenated into one file, read with --line-format '<Content>' (one format cannot
# split four). Prints MB/s (10^6 bytes a second, best of three runs) and peak memory.
#
# Usage: bench/logscan.sh [REPEAT]      REPEAT copies of each sample (default 100, ~96 MB in all)
# Environment: CSWM_SHARED_DATA_DIR (default ../shared/data), CSWM (a cswm binary to time
# instead of building one).
set -euo pipefail

source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
data=${CSWM_SHARED_DATA_DIR:-$source_dir/../shared/data}/loghub
repeat=${1:-100}
if [ ! -d "$data" ]; then
  echo "bench/logscan.sh: no Loghub samples in $data" >&2
  exit 2
fi
if [ -z "${CSWM:-}" ]; then
  (cd "$source_dir" && cmake --preset release >/dev/null && cmake --build --preset release --target cswm >/dev/null)
  CSWM=$source_dir/build/release/cmd/cswm
fi
pin=()
if command -v taskset >/dev/null; then
  pin=(taskset -c 0)
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/cswm-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

declare -A formats=(
  [HDFS]='<Date> <Time> <Pid> <Level> <Component>: <Content>'
  [Apache]='\[<Time>\] \[<Level>\] <Content>'
  [OpenSSH]='<Date> <Day> <Time> <Component> sshd\[<Pid>\]: <Content>'
  [Zookeeper]='<Date> <Time> - <Level>  \[<Node>:<Component>@<Id>\] - <Content>'
)

# best_of_three FILE ARGS...: the best wall time of three scans, in seconds, and the peak
# resident memory of the last, in MiB.
best_of_three() {
  local file=$1 best="" seconds
  shift
  for _ in 1 2 3; do
    local start end
    start=$(date +%s.%N)
    "${pin[@]}" "$CSWM" logscan "$file" "$@" >/dev/null
    end=$(date +%s.%N)
    seconds=$(echo "$end - $start" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$seconds < $best" | bc -l)" = 1 ]; then
      best=$seconds
    fi
  done
  local memory=""
  if [ -x /usr/bin/time ]; then
    memory=$(/usr/bin/time -f '%M' "$CSWM" logscan "$file" "$@" 2>&1 >/dev/null | tail -1)
    memory=$(echo "scale=1; $memory / 1024" | bc -l)
  fi
  echo "$best $memory"
}

report() {
  local name=$1 how=$2 file=$3
  shift 3
  local bytes result seconds memory
  bytes=$(stat -c %s "$file")
  result=$(best_of_three "$file" "$@")
  seconds=${result% *}
  memory=${result#* }
  printf '%-10s %-14s %7.1f MB %7.3f s %8.1f MB/s %7s MiB\n' "$name" "$how" "$(echo "$bytes / 1000000" | bc -l)" \
    "$seconds" "$(echo "$bytes / 1000000 / $seconds" | bc -l)" "${memory:-?}"
}

echo "cswm logscan on Loghub-2k, each sample repeated $repeat times ($("$CSWM" --version))"
printf '%-10s %-14s %10s %9s %13s %11s\n' dataset format size time speed memory
for name in HDFS Apache OpenSSH Zookeeper; do
  log=$data/$name/${name}_2k.log
  for _ in $(seq "$repeat"); do
    cat "$log"
    [ -z "$(tail -c 1 "$log")" ] || echo # the samples do not all end with a line break
  done >"$work/$name.log"
  report "$name" "--line-format" "$work/$name.log" --line-format "${formats[$name]}"
  report "$name" "detected" "$work/$name.log"
done
cat "$work"/HDFS.log "$work"/Apache.log "$work"/OpenSSH.log "$work"/Zookeeper.log >"$work/all.log"
report "all four" "<Content>" "$work/all.log" --line-format '<Content>'
