# cswm status on the shipped example: nothing open at the end of the story; open work at
# v2.4.0-rc2 (cases without results, a fix not verified, open anomalies with their age);
# the log-review cadence met, overdue, and off; text, JSON and HTML (the open work and the
# bundle's three charts, no scripts, titles escaped), English and zh-TW.
export HOME="$CASE_TMP/home" XDG_CONFIG_HOME="$CASE_TMP/home/.config"
mkdir -p "$HOME"
"$SOURCE_DIR/examples/make-demo-repo.sh" demo >/dev/null
cd demo
export CSWM_TODAY=2026-12-01
run status
run status --format json
run status --format html
echo "# the page runs nothing: no script element, no event handler, nothing from the network"
"$CSWM" status --format html >page.html
grep -ciE '<script|javascript:| on[a-z]+=|(src|href|url)[=(]' page.html || true
echo "# in zh-TW: headings, chart titles and labels"
"$CSWM" status --format html --lang zh-TW | grep -E '<h[123]>|<p class|<html|<title>'
echo "# two months later, the log review is overdue (cadence 30 days)"
CSWM_TODAY=2027-02-01 run status --lang zh-TW
echo "# a clock behind the last review's date: said as such, not as negative days"
CSWM_TODAY=2026-11-27 run status
CSWM_TODAY=2026-11-27 run status --lang zh-TW
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
echo "# a title with markup is text on the page, never markup"
sed -i 's|title: 上傳進度即時顯示,|title: "<script>alert(1)</script> \& \\"q\\" 上傳進度",|' maint/srs/SRS-004-*.yaml
grep -o 'REQ-043, title: [^,]*,' maint/srs/SRS-004-*.yaml
CSWM_TODAY=2027-02-01 "$CSWM" status --format html >page.html
grep -F 'REQ-043' page.html
grep -ci '<script' page.html || true
run status --format yaml
