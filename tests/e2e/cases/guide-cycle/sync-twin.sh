#!/usr/bin/env bash
# For the author, after `guide-run.sh … docs/guide.md … --update`: copies every marked
# block (<!-- guide:run|file|patch --> and its fenced block) of docs/guide.md over the
# block at the same position in docs/guide.zh-TW.md, leaving the prose around it alone.
# Usage: sync-twin.sh GUIDE.md TWIN.md   (both must mark the same number of blocks)
set -euo pipefail
guide=$1 twin=$2
awk -v twin="$twin" '
  FNR == NR {
    if ($0 ~ /^<!-- guide:(run|file|patch)/) { n++; mark = 1; fence = 0 }
    if (mark) { block[n] = block[n] $0 "\n"; if ($0 ~ /^```/ && fence++) { mark = 0 } }
    next
  }
  /^<!-- guide:(run|file|patch)/ { k++; skip = 1; fence = 0; printf "%s", block[k] }
  skip { if ($0 ~ /^```/ && fence++) { skip = 0 }; next }
  { print }
  END {
    if (k != n) { printf "sync-twin: %s marks %d blocks, %s %d\n", FILENAME, k, "the guide", n > "/dev/stderr"; exit 1 }
  }' "$guide" "$twin" >"$twin.new"
mv "$twin.new" "$twin"
