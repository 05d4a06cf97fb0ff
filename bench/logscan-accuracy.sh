#!/usr/bin/env bash
# Grouping accuracy of `cswm logscan` on the Loghub-2k samples, through the command line:
# each sample is scanned with its line format and --per-line --format jsonl, and the
# signature of each line is scored against the sample's ground truth (the EventId column
# of *_structured.csv). A line counts as correct when the lines sharing its signature are
# exactly the lines sharing its EventId. The unit test "grouping accuracy on Loghub-2k"
# computes the same numbers in-process and fails below Drain's published figures.
#
# Usage: bench/logscan-accuracy.sh [CSWM]   (default: build/dev/cmd/cswm; needs python3)
set -euo pipefail

source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
data=${CSWM_SHARED_DATA_DIR:-$source_dir/../shared/data}/loghub
cswm=${1:-$source_dir/build/dev/cmd/cswm}
if [ ! -d "$data" ]; then
  echo "bench/logscan-accuracy.sh: no Loghub samples in $data" >&2
  exit 2
fi

declare -A formats=(
  [HDFS]='<Date> <Time> <Pid> <Level> <Component>: <Content>'
  [Apache]='\[<Time>\] \[<Level>\] <Content>'
  [OpenSSH]='<Date> <Day> <Time> <Component> sshd\[<Pid>\]: <Content>'
  [Zookeeper]='<Date> <Time> - <Level>  \[<Node>:<Component>@<Id>\] - <Content>'
)
declare -A drain=([HDFS]=0.9975 [Apache]=1.0 [OpenSSH]=0.7875 [Zookeeper]=0.9665)

printf '%-10s %8s %8s %11s\n' dataset logscan Drain signatures
for name in HDFS Apache OpenSSH Zookeeper; do
  log=$data/$name/${name}_2k.log
  truth=$data/$name/${name}_2k.log_structured.csv
  [ -f "$log" ] && [ -f "$truth" ] || continue
  "$cswm" logscan "$log" --line-format "${formats[$name]}" --per-line --format jsonl |
    python3 -c '
import collections, csv, json, sys
truth = {int(row["LineId"]): row["EventId"] for row in csv.DictReader(open(sys.argv[1], newline=""))}
predicted = {}
for line in sys.stdin:
    record = json.loads(line)
    if record["signature"] is not None:
        predicted[record["line"]] = record["signature"]
groups = collections.defaultdict(list)
for line_id in truth:
    groups[predicted.get(line_id)].append(line_id)
sizes = collections.Counter(truth.values())
correct = sum(len(lines) for signature, lines in groups.items()
              if signature is not None and len({truth[l] for l in lines}) == 1
              and sizes[truth[lines[0]]] == len(lines))
print("%-10s %8.4f %8.4f %11d" % (sys.argv[2], correct / len(truth), float(sys.argv[3]), len(set(predicted.values()))))
' "$truth" "$name" "${drain[$name]}"
done
