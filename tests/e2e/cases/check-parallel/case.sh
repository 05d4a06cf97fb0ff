# Documents are parsed and checked on several threads (CSWM_JOBS sets how many): the
# findings must not depend on it. A tree from the benchmark generator (valid: 0 errors)
# plus every mistake of examples/broken, checked on 1, 2, 3 and 8 threads.
export CSWM_NO_CACHE=1 # every run checks afresh: compare the threads, not the cache (check-cache)
python3 "$SOURCE_DIR/bench/generate.py" tree --documents 120 --seed 7 >/dev/null
cd tree
run check

# The broken examples, each under a name of its own so that none replaces another.
while IFS= read -r -d '' file; do
  mistake=${file#*/examples/broken/}
  mistake=${mistake%%/*}
  folder=$(dirname "maint/${file#*/maint/}")
  mkdir -p "$folder"
  cp "$file" "$folder/$(basename "$file" .yaml)-$mistake.yaml"
done < <(find "$SOURCE_DIR/examples/broken" -path '*/maint/*' -name '*.yaml' -print0 | sort -z)

status=0
CSWM_JOBS=1 "$CSWM" check --format json >"$CASE_TMP/one.json" || status=$?
echo "one thread: exit $status, $(grep -c '"rule"' "$CASE_TMP/one.json") findings"
for jobs in 2 3 8; do
  status=0
  CSWM_JOBS=$jobs "$CSWM" check --format json >"$CASE_TMP/many.json" || status=$?
  if cmp -s "$CASE_TMP/one.json" "$CASE_TMP/many.json"; then
    echo "$jobs threads: exit $status, the same findings in the same order"
  else
    echo "$jobs threads: exit $status, DIFFERENT:"
    diff "$CASE_TMP/one.json" "$CASE_TMP/many.json" | head -20
  fi
done
CSWM_JOBS=1 "$CSWM" check >"$CASE_TMP/one.txt" || true
CSWM_JOBS=2 "$CSWM" check >"$CASE_TMP/two.txt" || true
cmp -s "$CASE_TMP/one.txt" "$CASE_TMP/two.txt" && echo "text output: the same on 1 and 2 threads"
tail -n 1 "$CASE_TMP/one.txt"
