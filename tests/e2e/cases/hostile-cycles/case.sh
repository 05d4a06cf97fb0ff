# Documents that reference each other in cycles: an SRS that supersedes itself, two that
# supersede each other, a quality spec that supersedes itself, and a test report whose
# failure names a fix whose verification names the report back. check, trace (every
# format), trace --from, status and bundle all end, bounded in time and memory; check
# names each supersedes ring once (supersedes-cycle), in both languages.
source "$E2E_DIR/hostile.sh"
source "$E2E_DIR/fill.sh"
bound_cswm 60 1024

make_filled_repo repo
fill_srs "$(new_doc srs "Previews, second revision")" REQ-002
fill_srs "$(new_doc srs "Previews, third revision")" REQ-003
sed -i 's/^supersedes: null/supersedes: SRS-001/' maint/srs/SRS-001-*.yaml
sed -i 's/^supersedes: null/supersedes: SRS-003/' maint/srs/SRS-002-*.yaml
sed -i 's/^supersedes: null/supersedes: SRS-002/' maint/srs/SRS-003-*.yaml
sed -i 's/^supersedes: null/supersedes: QS-001/' maint/quality-spec/QS-001-*.yaml
# TR-001's result names FIX-001 as its fix; FIX-001 came from TR-001 and is verified by it.
sed -i 's/^    fix: null /    fix: FIX-001/; s/^    outcome: .*/    outcome: failed/' maint/test-report/TR-001-*.yaml
sed -i 's/^verified_by: null /verified_by: TR-001/' maint/fix-confirmation/FIX-001-*.yaml
grep -h -e '^supersedes:' -e '^    fix:' -e '^  report:' -e '^verified_by:' -e '^    outcome:' maint/*/*.yaml | sed 's/ *#.*//'
commit_all "documents in cycles"

run check
run --lang zh-TW check
run trace
run trace --from SRS-002
run trace --from FIX-001
for format in json csv md html; do
  status=0
  "$CSWM" trace --format "$format" >"../trace.$format" || status=$?
  echo "trace --format $format: exit $status, $(wc -l <"../trace.$format") lines"
done
python3 -c 'import json,sys; json.load(open(sys.argv[1])); print("trace JSON parses")' ../trace.json
run status
run bundle -o ../cycles.tar.gz
run bundle verify ../cycles.tar.gz --repo
