# Issue 7's "done when", end to end on a fresh repository (SPEC §6 steps 5 and 8): a team
# with a filled quality spec points `cswm import junit` at its CI's results and `cswm
# logscan` at last month's logs (one of them rotated and gzipped), and gets a test report
# and a maintenance log that pass `check`, in draft and once completed and sent to review.
# Only the project's own fixtures are used (tests/fixtures/).
source "$E2E_DIR/fill.sh"
export CSWM_TODAY=2026-12-01 TZ=CST-8 # a POSIX zone: UTC+8 without tzdata
export HOME="$CASE_TMP/home"          # libgit2 reads ~/.gitconfig whatever GIT_CONFIG_GLOBAL says
mkdir -p "$HOME"
make_repo repo
cd repo

# A filled SRS and quality spec: TC-101 names its tests by pattern, TC-106 is named by
# a tc property, TC-107 by the TC ID in a test's name, TC-108 is run by hand.
fill_srs "$(new_doc srs "File previews v2.4")"
qs=$(new_doc quality-spec "File previews tests")
fill_quality_spec "$qs" TC-101
sed -i 's|^    automation: \[\]  .*|    automation: ["service.tests.test_preview.*", "perf.PreviewLoadTest.*"]|' "$qs"
cat >"$CASE_TMP/cases.yaml" <<'CASES'
  - id: TC-106
    title: "The first page of a large PPTX gets a thumbnail"
    verifies: [REQ-001]
    category: input-output
    priority: medium
    steps: ["Upload a 90 MB PPTX", "Open the folder view"]
    expected: "The thumbnail shows the first slide"
    pass_criteria: "Thumbnail within 10 s"
    automation: []
  - id: TC-107
    title: "A merge behind the gateway's idle timeout completes"
    verifies: [REQ-001]
    category: regression
    priority: high
    steps: ["Upload a 200 MB file", "Wait for the merge"]
    expected: "The upload completes"
    pass_criteria: "Completed, with no 504"
    automation: []
  - id: TC-108
    title: "The preview reads well on a phone"
    verifies: [REQ-001]
    category: environment
    priority: low
    steps: ["Open a preview on a 6-inch phone"]
    expected: "Text is readable without zooming"
    pass_criteria: "Two testers agree"
    automation: []
CASES
sed -i "/^    automation: \[\"service/r $CASE_TMP/cases.yaml" "$qs"
mkdir ci
cp "$SOURCE_DIR"/tests/fixtures/junit/{pytest,surefire,jest}.xml ci/
commit_all "SRS-001, QS-001 and the CI results of build 412"
run check

echo "# CI's results: one command, three tools, a new test report for HEAD"
run import junit ci/pytest.xml ci/surefire.xml ci/jest.xml --quality-spec QS-001
tr=$(ls maint/test-report/TR-001-*.yaml)
sed -n -e '/^quality_spec:/,/^version:/p' -e '/^period:/,$p' "$tr" | sed -n '1,/^summary:/p'
run check

echo "# the team completes the report, starts a fix for the failure and sends the report to"
echo "# review: the unmapped tests stay where they are"
fix=$(new_doc fix-confirmation "Preview retries stop after two attempts")
fill_fix_confirmation "$fix"
sed -i -e 's|^  case: TC-001|  case: TC-101|' "$fix"
sed -i \
  -e '/^  - case: TC-101/,/^    notes:/s|^    outcome: failed|    outcome: failed\n    fix: FIX-001|' \
  -e 's|"<OS / browser / device / cloud region, deployed version, test accounts>"|"CI runners ci-runner-2 and perf-runner-1, build 412"|' \
  -e '/^  - case: TC-108/,/^    notes:/{s|^    outcome: null|    outcome: passed|;s|^    notes: .*|    notes: "run by hand on a Pixel 7"|}' \
  -e 's|^  verdict: null  |  verdict: fail  |' \
  -e 's|"<why the verdict: failures and their fixes, cases to retest, next steps>"|"TC-101 fails: the preview retries twice, not three times."|' \
  -e 's|"<reviewer>"|"Wang Wei"|' -e 's|"<who confirms for the users>"|"Chen Mei"|' -e 's|"<manager>"|"Lin Hua"|' \
  -e 's|^status: draft|status: in-review|' "$tr"
sed -i -e 's|^  total: 3|  total: 4|' -e 's|^  passed: 2|  passed: 3|' "$tr"
run check
commit_all "TR-001 in review, FIX-001 started"

echo "# last month's logs: the current file and a rotated, gzipped one, into a new maintenance log"
"$CSWM" new maintenance-log --title "Filebox November 2026" >/dev/null
mlog=$(ls maint/maintenance-log/MLOG-001-*.yaml)
sed -i \
  -e 's|^  start: null  |  start: 2026-11-01|' \
  -e 's|"<system or service>"|"Filebox upload service"|' \
  -e 's|"<version at the start of the period>"|"v2.3.4"|' "$mlog"
mkdir -p logs
head -n 19 "$SOURCE_DIR/tests/fixtures/logs/upload-service.log" | gzip -n >logs/upload-service.log.1.gz
tail -n +20 "$SOURCE_DIR/tests/fixtures/logs/upload-service.log" >logs/upload-service.log
run logscan logs/upload-service.log.1.gz logs/upload-service.log --since 2026-11-01 --until 2026-11-30 \
  --into MLOG-001 --top 5 --format jsonl | cut -c1-150
sed -n '/^log_reviews:/,/^# P2.6.2/p' "$mlog"
run check

echo "# the next review of the same logs: only what is new is new"
commit_all "MLOG-001: log review of November"
echo "2026-11-05T08:00:00.000+08:00 ERROR [scheduler] storage.Janitor - cannot remove /data/uploads/tmp/2026-11-04: Permission denied" >>logs/upload-service.log
run logscan logs/upload-service.log.1.gz logs/upload-service.log --into MLOG-001 --top 5 | grep -v '^    '
git diff -U0 -- maint | grep -E '^[+] +(- signature|is_new|result|notes)' 
run check
