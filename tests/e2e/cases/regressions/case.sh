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
