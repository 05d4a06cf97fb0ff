# Every message in English or Traditional Chinese: --lang (before or after the command),
# else .cswm.yaml's language:, else the locale (LC_ALL, LC_MESSAGES, LANG). Rule IDs, paths,
# IDs, severities and JSON keys stay as they are; the words around them change.
"$SOURCE_DIR/examples/make-demo-repo.sh" demo >/dev/null
git -C demo config user.name "Ann Lee"
cd demo
export CSWM_TODAY=2026-12-01
# Findings of many rules: an untested requirement, a case without result, a request nobody
# handled, wording, a dangling link with a suggestion, a wrong kind of link, counts that
# disagree, a failure without a fix, a bad ID, a misfiled file.
qs=$(ls maint/quality-spec/QS-004-*.yaml)
sed -i 's/^    verifies: \[REQ-042\]/    verifies: [REQ-041]/' "$qs"
sed -i '0,/^  - case: TC-102/s//  - case: TC-101/' maint/test-report/TR-010-*.yaml
srs=$(ls maint/srs/SRS-004-*.yaml)
sed -i '0,/^    statement: preview-worker/s//    statement: The upload service shall resume uploads and shall keep parts for 24 h, etc. preview-worker/' "$srs"
"$CSWM" new anomaly-request --title "Share links expire early" >/dev/null
sed -i 's/^status: draft/status: submitted/' maint/anomaly-request/AREQ-008-share-links-expire-early.yaml
sed -i 's/^quality_spec: QS-004/quality_spec: QS-040/' maint/test-report/TR-010-*.yaml
cp maint/anomaly-request/AREQ-008-share-links-expire-early.yaml maint/srs/AREQ-9-misfiled.yaml
sed -i 's/^id: AREQ-008/id: AREQ-9/' maint/srs/AREQ-9-misfiled.yaml
paths="maint/srs maint/quality-spec maint/test-report/TR-010-release-2-4-0-system-test.yaml maint/anomaly-request/AREQ-008-share-links-expire-early.yaml"

echo "# English: .cswm.yaml says en, the locale is C.UTF-8"
grep '^language:' .cswm.yaml
run check $paths
echo "# --lang zh-TW before the command, and after it: the same"
run --lang zh-TW check $paths
"$CSWM" check --lang zh-TW $paths >../after.out || true
"$CSWM" --lang zh-TW check $paths >../before.out || true
cmp ../before.out ../after.out && echo "same output"
echo "# JSON: rule, severity and keys stay English, the message follows the language"
{ "$CSWM" --lang zh-TW check --format json maint/srs || true; } | head -12

echo "# .cswm.yaml language: zh-TW, the locale English: the workspace decides"
sed -i 's/^language: en/language: zh-TW/' .cswm.yaml
run check maint/srs
echo "# --lang en beats .cswm.yaml"
run --lang en check maint/srs
echo "# status and trace headings follow the same choice"
run status
run --lang en status

echo "# no language: in .cswm.yaml: the locale decides (LANG=zh_TW.UTF-8, LC_ALL unset)"
sed -i '/^language:/d' .cswm.yaml
(unset LC_ALL; LANG=zh_TW.UTF-8 run check maint/srs)
(unset LC_ALL; LANG=zh_HK.UTF-8 run show AREQ-404)
echo "# LC_ALL=C.UTF-8 set beats LANG=zh_TW.UTF-8"
LANG=zh_TW.UTF-8 run show AREQ-404
echo "# LC_MESSAGES=zh_TW.UTF-8 beats LANG=en_US.UTF-8"
(unset LC_ALL; LC_MESSAGES=zh_TW.UTF-8 LANG=en_US.UTF-8 run list --kind srss)
cd ..

echo "# errors outside a workspace: the flag, else the locale"
mkdir plain
cd plain
run --lang zh-TW list
(unset LC_ALL; LANG=zh_TW.UTF-8 run chek)
run --lang zh-TW -q -v check
run --lang ja check
echo "# init in Chinese: the workspace it writes then speaks Chinese"
git init -q .
(unset LC_ALL; LANG=zh_TW.UTF-8 run init --lang zh-TW)
run check
echo "# help: the workspace says zh-TW; --lang en beats it"
run --help
run --lang en import --help
