# Bugs found by the hostile and realistic-mistake suites, each pinned here.
make_repo repo
cd repo

echo "# an empty value is reported on its own line, not at the next key"
"$CSWM" new fix-confirmation --title "empty title" >/dev/null
f=maint/fix-confirmation/FIX-001-empty-title.yaml
sed -i 's/^title: .*/title:/' "$f"
run check "$f"

echo "# February 29th exists only in leap years; a date with slashes gets one finding"
sed -i 's/^title:$/title: dates/; s/^created: .*/created: 2026-02-29/' "$f"
sed -i 's/^  reported_on: null .*/  reported_on: 2026\/01\/05/' "$f"
run check "$f"
sed -i 's/^created: .*/created: 2028-02-29/; s/^  reported_on: .*/  reported_on: 2028-02-28/' "$f"
run check "$f"

echo "# a wrong-kind link is said once, by the link rule, not also by the ID pattern"
"$CSWM" new test-report --title "rc1" >/dev/null
sed -i 's/^  report: null .*/  report: FIX-001/' "$f"
run check "$f"

echo "# an ID at the end of the number range is refused, not wrapped to 000"
printf 'not: [a document\n' > maint/fix-confirmation/FIX-999999999-last.yaml
run new fix-confirmation --title "next"
rm maint/fix-confirmation/FIX-999999999-last.yaml

echo "# show names the file that could not be read, instead of 'no such ID'"
printf 'kind: [broken\n' > maint/test-report/TR-004-broken.yaml
run show TR-004

echo "# schema export says which files it did not need to rewrite"
"$CSWM" schema export >/dev/null
run schema export --dir .cswm/schemas

echo "# a full-width colon or space typed by a Chinese input method is named where it is"
"$CSWM" new anomaly-request --title "全形冒號" --lang zh-TW >/dev/null
areq=maint/anomaly-request/AREQ-001-全形冒號.yaml
sed -i 's/^title: \(.*\)$/title：\1/' "$areq"
run check "$areq"
sed -i 's/^title：/title: /; s/^  name: /\xe3\x80\x80 name: /' "$areq"
run check "$areq"
rm "$areq"

echo "# an invalid outcome is reported once; the summary around it is not blamed"
"$SOURCE_DIR/examples/make-demo-repo.sh" "$CASE_TMP/demo" >/dev/null
cd "$CASE_TMP/demo"
sed -i '0,/^    outcome: passed/s//    outcome: pass/' maint/test-report/TR-010-*.yaml
run check maint/test-report/TR-010-release-2-4-0-system-test.yaml

echo "# kinds take 'an' where English does; swapped digits still find their ID"
sed -i 's/^  record: AREC-005/  record: AREQ-007/' maint/fix-confirmation/FIX-013-*.yaml
sed -i 's/^request: AREQ-007/request: AREQ-070/' maint/anomaly-record/AREC-005-*.yaml
run check maint/fix-confirmation/FIX-013-large-uploads-retry-the-merge-after-the-gateway-timeout.yaml maint/anomaly-record

echo "# a document without a known kind is named, not a crash (link and show segfaulted)"
printf 'id: FIX-001\ntitle: x\ncommits: []\n' > maint/fix-confirmation/FIX-001-no-kind.yaml
run link FIX-001 HEAD
run show FIX-001

echo "# the hook prints unknown IDs escaped, never raw control bytes"
printf 'Fix\n\nRefs: \033]0;pwned\007FIX-99\n' > message.txt
run hook check-message message.txt
