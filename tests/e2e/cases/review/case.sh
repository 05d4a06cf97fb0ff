# cswm review and suspect links: a requirement's statement changes after its quality spec
# was approved; check flags the cases that verify it (from git history while the spec
# records no fingerprints, then from the fingerprints `cswm review` writes), and a review
# clears them. Comments and layout of the spec survive every write.
"$SOURCE_DIR/examples/make-demo-repo.sh" demo >/dev/null
cd demo
export CSWM_TODAY=2026-12-01
export GIT_AUTHOR_DATE="2026-12-01T10:00:00+08:00" GIT_COMMITTER_DATE="2026-12-01T10:00:00+08:00"
srs=$(ls maint/srs/SRS-004-*.yaml)
qs=$(ls maint/quality-spec/QS-004-*.yaml)
run check

echo "# REQ-018 is tightened after QS-004 was approved (QS-004 records no fingerprints yet)"
sed -i 's/系統應於 3 秒內（p95）顯示第一頁預覽/系統應於 2 秒內（p95）顯示第一頁預覽/' "$srs"
run check --format github
commit_all "REQ-018: preview within 2 s"
run check --strict maint/quality-spec
run review QS-004 --by "Daniel Foster"
git diff -U1 -- "$qs"
run check --strict
commit_all "QS-004 reviewed again"

echo "# refilling a statement over two lines changes no fingerprint"
sed -i 's/^    statement: 使用者開啟 50 MB 以下之 Office 或 PDF 檔時，/    statement: >-\n      使用者開啟 50 MB 以下之 Office 或 PDF 檔時，\n      /' "$srs"
git diff -U0 -- "$srs" | grep '^[-+] '
run check --strict
git checkout -q -- "$srs"

echo "# a changed statement, now against the fingerprints (no commit needed)"
sed -i 's/系統應於 2 秒內（p95）顯示第一頁預覽/系統應於 1 秒內（p95）顯示第一頁預覽/' "$srs"
run check maint/quality-spec
echo "# outside git the fingerprints still tell"
mkdir ../no-git && cp -r maint .cswm.yaml ../no-git/ && (cd ../no-git && run check maint/quality-spec)
echo "# a new case verifying a requirement the review did not record"
sed -i 's/^    verifies: \[REQ-015\]$/    verifies: [REQ-015, REQ-009]/' "$qs"
run check maint/quality-spec
echo "# TC-103 now verifies REQ-041 instead: the fingerprint of REQ-042 is pruned"
sed -i 's/^    verifies: \[REQ-015, REQ-009\]$/    verifies: [REQ-015]/; s/^    verifies: \[REQ-042\]$/    verifies: [REQ-041]/' "$qs"
CSWM_TODAY=2026-12-02 run review QS-004 --by "daniel foster" --decision conditional
git diff -U0 -- "$qs" | grep '^[-+] '
run check maint/quality-spec
CSWM_TODAY=2026-12-02 run review QS-004
git checkout -q -- "$qs" "$srs"

echo "# other kinds: the date, the reviewer, and the status a decision moves on"
run review SRS-004 --by "Ya-Ting Hsu" --role architect
git diff -U0 -- "$srs" | grep '^[-+] '
git checkout -q -- "$srs"
"$CSWM" new quality-spec --title "Quality specification for 2.5" >/dev/null
new=maint/quality-spec/QS-005-quality-specification-for-2-5.yaml
sed -i 's/^status: draft/status: in-review/' "$new"
run review QS-005 --by Reviewer --decision returned
grep -n '^status:' "$new"
rm "$new"

echo "# an empty chain ([]) becomes a block list; comments stay"
sed -i '/^review:$/,$d' "$qs"
printf 'review:\n  decision: approved  # by the change board\n  date: 2026-10-28\n  reviewers: []\n# end of QS-004\n' >>"$qs"
run review QS-004 --by "New Person" --role approver
sed -n '/^review:$/,$p' "$qs"
git checkout -q -- "$qs"

echo "# what review refuses"
run review AREQ-006
run review QS-040
run review QS-004 --decision maybe
run review QS-004 --role approver
run review QS-004 --by "  "
sed -i 's/^  reviewers:$/  reviewers: [{role: author, name: Wei-Ting Chen, decision: approved}]\n  was:/' "$qs"
run review QS-004 --by "Daniel Foster"
sed -i 's/^review:$/review: {decision: approved, date: 2026-10-28, reviewers: []}\nwas:/' "$qs"
run review QS-004
git checkout -q -- "$qs"
git status --short
