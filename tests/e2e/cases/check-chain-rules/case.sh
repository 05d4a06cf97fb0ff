# The traceability chain: an approved requirement nothing verifies, an approved case the
# newest report did not run, an anomaly request nobody handled, logs not reviewed for too
# long, and requirements worded so they cannot be tested. The example starts clean.
"$SOURCE_DIR/examples/make-demo-repo.sh" demo >/dev/null
git -C demo config user.name "Ann Lee" # the owner of the documents `new` makes
cd demo
export CSWM_TODAY=2026-12-01
run check

qs=$(ls maint/quality-spec/QS-004-*.yaml)
sed -i 's/^    verifies: \[REQ-042\]/    verifies: [REQ-041]/' "$qs"          # REQ-042 loses its only case
sed -i '0,/^  - case: TC-102/s//  - case: TC-101/' maint/test-report/TR-010-*.yaml
sed -i 's/^  passed: 7$/  passed: 7/' maint/test-report/TR-010-*.yaml
srs=$(ls maint/srs/SRS-004-*.yaml)
sed -i '0,/^    statement: 使用者開啟/s//    statement: 系統應於 3 秒內顯示預覽，並應記錄縮圖、浮水印等資訊。使用者開啟/' "$srs"
sed -i '0,/^    statement: preview-worker/s//    statement: The upload service shall resume uploads and shall keep parts for 24 h, etc. preview-worker/' "$srs"
"$CSWM" new anomaly-request --title "Share links expire early" >/dev/null
sed -i 's/^status: draft/status: submitted/' maint/anomaly-request/AREQ-008-share-links-expire-early.yaml
run check maint/srs maint/quality-spec maint/test-report/TR-010-release-2-4-0-system-test.yaml \
  maint/anomaly-request/AREQ-008-share-links-expire-early.yaml

echo "# the log-review cadence, from .cswm.yaml (default 30 days)"
CSWM_TODAY=2027-01-15 run check maint/maintenance-log
printf 'cadence:\n  log_review_days: 60\n' >> .cswm.yaml
CSWM_TODAY=2027-01-15 run check maint/maintenance-log
