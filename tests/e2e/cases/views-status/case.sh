# cswm status on the shipped example: nothing open at the end of the story; open work at
# v2.4.0-rc2 (cases without results, a fix not verified, open anomalies with their age);
# the log-review cadence met, overdue, and off; text and JSON, English and zh-TW.
export HOME="$CASE_TMP/home" XDG_CONFIG_HOME="$CASE_TMP/home/.config"
mkdir -p "$HOME"
"$SOURCE_DIR/examples/make-demo-repo.sh" demo >/dev/null
cd demo
export CSWM_TODAY=2026-12-01
run status
run status --format json
echo "# two months later, the log review is overdue (cadence 30 days)"
CSWM_TODAY=2027-02-01 run status --lang zh-TW
echo "# at v2.4.0-rc2"
git checkout -q v2.4.0-rc2
CSWM_TODAY=2026-11-08 run status
CSWM_TODAY=2026-11-08 run status --format json
git checkout -q main
echo "# a failed result without a fix, an untested requirement; the cadence turned off"
cat >>.cswm.yaml <<'YAML'
cadence:
  log_review_days: 0
YAML
sed -i 's/^  - case: TC-107$/  - case: TC-107\n    fix: null/' maint/test-report/TR-010-*.yaml
sed -i '0,/^    outcome: passed$/s//    outcome: failed/' maint/test-report/TR-010-*.yaml
sed -i '/^# P2.1.3/i\  - {id: REQ-043, title: 上傳進度即時顯示, statement: 上傳時系統應每秒更新進度列。, type: functional, change: added, verification: test, sources: []}\n' maint/srs/SRS-004-*.yaml
CSWM_TODAY=2027-02-01 run status
run status --format yaml
