# import junit on the demo repository: results from pytest, Maven Surefire (a flaky
# rerun), go-junit-report and jest-junit become a test report of QS-004 that passes
# check; --into fills a draft surgically and is idempotent; a draft that records another
# commit, and every kind of bad input, stop the import with exit 2 and write nothing.
"$SOURCE_DIR/examples/make-demo-repo.sh" demo >/dev/null
cd demo
git config user.name "Wei-Ting Chen"
mkdir results
for tool in pytest surefire go jest; do
  cp "$SOURCE_DIR/tests/fixtures/junit/$tool.xml" results/
done
git add results && git commit -q -m "CI results of the rc3 run"
export CSWM_TODAY=2026-11-26

echo "# a new report from four files: every case of QS-004 in order, unmapped tests kept"
run import junit results/pytest.xml results/surefire.xml results/go.xml results/jest.xml --quality-spec QS-004
tr11=$(ls maint/test-report/TR-011-*.yaml)
run check "$tr11"
run show TR-011 --format json
echo "# what the import wrote in the scaffold (the rest of the file is the scaffold's)"
grep -E '^(quality_spec|commit|  start|  end|imported_from):' "$tr11"
sed -n -e '/^results:/,/^$/p' -e '/^summary:/,/^$/p' "$tr11"

echo "# --into a draft: only quality_spec, commit, period, imported_from, results and summary change"
"$CSWM" new test-report --title "rc3 regression run" >/dev/null
tr12=$(ls maint/test-report/TR-012-*.yaml)
sed -i 's|^version: null |version: v2.4.0-rc3|' "$tr12"
cp "$tr12" "$CASE_TMP/draft.yaml"
cd results
run import junit go.xml pytest.xml --quality-spec QS-004 --into TR-012 --commit HEAD~1
cd ..
diff "$CASE_TMP/draft.yaml" "$tr12" || true
cp "$tr12" "$CASE_TMP/filled.yaml"
echo "# the same files again: nothing changes"
run import junit results/go.xml results/pytest.xml --quality-spec QS-004 --into TR-012 --commit HEAD~1
cmp "$tr12" "$CASE_TMP/filled.yaml" && echo "unchanged"
echo "# the rest of the run's files, all in one command: the earlier results give way"
run import junit results/*.xml --quality-spec QS-004 --into TR-012 --commit HEAD~1
diff "$CASE_TMP/filled.yaml" "$tr12" || true
run check "$tr12"
cp "$tr12" "$CASE_TMP/filled.yaml"

echo "# refused: another commit, an approved report, another kind, an unknown spec or revision"
run import junit results/go.xml --quality-spec QS-004 --into TR-012
run import junit results/go.xml --quality-spec QS-004 --into TR-010
run import junit results/go.xml --quality-spec SRS-004
run import junit results/go.xml --quality-spec QS-005
run import junit results/go.xml --quality-spec QS-004 --commit no-such-tag
cmp "$tr12" "$CASE_TMP/filled.yaml" && echo "TR-012 untouched"

echo "# bad input: a clear error naming the file, exit 2, nothing written"
mkdir bad
printf '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n  <testsuite name="pytest" tests="2">\n    <testcase classname="a" name="b" time="0.1">\n      <failure message="cut' >bad/truncated.xml
printf '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>\n<testsuites><testsuite><testcase name="&lol2;"/></testsuite></testsuites>\n' >bad/entities.xml
printf '<?xml version="1.0"?>\n<!DOCTYPE testsuites [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<testsuites><testsuite><testcase name="&xxe;"/></testsuite></testsuites>\n' >bad/external.xml
printf '<testsuites><testsuite name="caf\xe9"><testcase name="a"/></testsuite></testsuites>\n' >bad/latin1.xml
printf '<?xml version="1.0"?>\n<test-results total="1"><test-suite name="x"/></test-results>\n' >bad/nunit.xml
printf '\n<?xml version="1.0"?>\n<testsuites/>\n' >bad/blank-line.xml
: >bad/empty.xml
mkfifo bad/fifo.xml
truncate -s 70M bad/huge.xml
find maint -type f | sort | xargs sha256sum >"$CASE_TMP/before.sums"
for file in truncated entities external latin1 nunit blank-line empty fifo huge missing; do
  run import junit results/go.xml "bad/$file.xml" --quality-spec QS-004
done
run import junit bad --quality-spec QS-004
find maint -type f | sort | xargs sha256sum | cmp - "$CASE_TMP/before.sums" && echo "nothing written"

echo "# a 50 MB file (most of it a test's output) is read"
{ printf '<testsuite name="big"><testcase classname="regression" name="TestBigLog" time="1"><system-out>'; head -c 50000000 /dev/zero | tr '\0' 'x'; printf '</system-out></testcase></testsuite>'; } >bad/big-log.xml
run import junit bad/big-log.xml --quality-spec QS-004 --title "big log"
