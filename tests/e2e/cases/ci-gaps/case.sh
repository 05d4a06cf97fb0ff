# Issue 5, "done when": CI on the example repository turns red for each gap of the
# traceability chain, with a message on the right line, and green again once the gap is
# closed. Each gap is one small edit of the demo repository; `cswm check --format github`
# (what the GitHub Actions workflow of examples/ci runs) must fail, then pass after the
# edit is undone (or, for a suspect link, after the review is recorded). --strict makes the
# warnings fail, as the release gate does.
"$SOURCE_DIR/examples/make-demo-repo.sh" demo >/dev/null
cd demo
export CSWM_TODAY=2026-12-01
export GIT_AUTHOR_DATE="2026-12-01T10:00:00+08:00" GIT_COMMITTER_DATE="2026-12-01T10:00:00+08:00"
srs=$(ls maint/srs/SRS-004-*.yaml)
qs=$(ls maint/quality-spec/QS-004-*.yaml)
tr=$(ls maint/test-report/TR-010-*.yaml)
fix=$(ls maint/fix-confirmation/FIX-012-*.yaml)
arec=$(ls maint/anomaly-record/AREC-005-*.yaml)
start=$(git rev-parse HEAD)

gap() {
  printf '\n# gap: %s\n' "$1"
}
# closed: the gap undone; CI is green again.
closed() {
  git reset -q --hard "$start"
  git clean -qfd
  echo "# closed: CI is green again"
  run check --format github --strict
}

echo "# the example repository is green"
run check --format github --strict

gap "an approved requirement no case verifies (requirement-untested)"
sed -i 's/^    verifies: \[REQ-042\]$/    verifies: [REQ-041]/' "$qs"
run check --format github
closed

gap "a case of an approved quality spec with no result in the newest report (case-without-result)"
sed -i '/^# P2.3.1 Complete the quality specification/i\
  - id: TC-108\
    title: Preview of a 60 MB PDF\
    verifies: [REQ-041]\
    category: input-output\
    priority: medium\
    steps:\
      - Open a 60 MB PDF in the web client\
    expected: The first page shows\
    pass_criteria: The first page shows within 3 s in 19 of 20 runs\
' "$qs"
run check --format github
closed

gap "a failed result without a fix confirmation (failed-without-fix)"
sed -i '/^  - case: TC-107$/{n;s/outcome: passed/outcome: failed/}' "$tr"
sed -i 's/^  passed: 7$/  passed: 6/; s/^  failed: 0$/  failed: 1/' "$tr"
run check --format github
closed

gap "a fix verified by the report in which its case failed (fix-not-passed, fix-not-tested)"
sed -i 's/^verified_by: TR-008$/verified_by: TR-007/' "$fix"
run check --format github
closed

gap "an anomaly request that no record handles and no requirement took up (request-without-record)"
sed -i 's/^    sources: \[AREQ-006\]$/    sources: []/' "$srs"
run check --format github
closed

gap "a closed anomaly record with neither a fix nor a stated reason (schema: closed without a fix)"
sed -i 's/^fix: FIX-013$/fix: null/' "$arec"
run check --format github
closed

gap "lifecycle: an approved quality spec whose review did not approve it (schema)"
sed -i '0,/^  decision: approved$/s//  decision: pending/' "$qs"
run check --format github
closed

gap "lifecycle: a closed fix confirmation without verified_by (schema)"
sed -i 's/^verified_by: TR-008$/verified_by: null/' "$fix"
run check --format github
closed

gap "no log review for longer than cadence.log_review_days (log-review-overdue, a warning)"
CSWM_TODAY=2027-02-01 run check --format github
CSWM_TODAY=2027-02-01 run check --format github --strict
closed

gap "a requirement worded so it cannot be tested (requirement-wording, a warning)"
sed -i 's/並自動重啟連續兩次無回應者。/並盡可能自動重啟連續兩次無回應者。/' "$srs"
run check --format github --strict
closed

gap "a requirement changed after its quality spec was approved (suspect-link, a warning)"
sed -i 's/系統應於 3 秒內（p95）顯示第一頁預覽/系統應於 2 秒內（p95）顯示第一頁預覽/' "$srs"
commit_all "REQ-018: preview within 2 s"
run check --format github --strict
echo "# closed by reviewing QS-004 against the new statement"
run review QS-004 --by "Daniel Foster"
run check --format github --strict
commit_all "QS-004 reviewed against REQ-018 as changed"
run check --format github --strict
closed

gap "two branches each created AREQ-008, then both were merged (duplicate-id)"
git checkout -q -b share-links
"$CSWM" new anomaly-request --title "Share links expire early" >/dev/null
sed -i 's/"<[^"]*>"/"filled in"/' maint/anomaly-request/AREQ-008-*.yaml
commit_all "AREQ-008: share links expire early"
git checkout -q main
git checkout -q -b quota
"$CSWM" new anomaly-request --title "Quota shown wrong" >/dev/null
sed -i 's/"<[^"]*>"/"filled in"/' maint/anomaly-request/AREQ-008-*.yaml
commit_all "AREQ-008: quota shown wrong"
git checkout -q main
git merge -q share-links
git merge -q --no-edit quota
ls maint/anomaly-request
run check --format github --strict maint/anomaly-request
git checkout -q main
git branch -q -D share-links quota
closed
