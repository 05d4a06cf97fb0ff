# A link to a document whose file does not parse is not reported as dangling: the
# broken file's own finding says what is wrong (a regression: it used to say
# "names TR-001, which does not exist").
make_repo repo
cd repo
"$CSWM" new test-report --title "rc1 system test" >/dev/null
"$CSWM" new fix-confirmation --title "resume upload" >/dev/null
sed -i 's/^  report: null .*/  report: TR-001/' maint/fix-confirmation/FIX-001-resume-upload.yaml
printf 'title: [unclosed\n' >> maint/test-report/TR-001-rc1-system-test.yaml
run check maint/fix-confirmation maint/test-report
