# cswm render (issue 6): pages of the demo repository in both languages, one HTML page
# byte for byte, --all with its index, and the bad inputs.
"$SOURCE_DIR/examples/make-demo-repo.sh" demo >/dev/null
cd demo
run render TR-007
run render TR-007 --lang zh-TW
run render FIX-012 --lang zh-TW
run render AREQ-007 --lang zh-TW
run render FIX-013 --format html

# --all writes one page per document and an index; the same tree gives the same bytes.
run render --all -o out
run render --all --format html --lang zh-TW -o html1
run render --all --format html --lang zh-TW -o html2
diff -r html1 html2 && echo "two runs: identical"
cat out/index.md
grep -l -e '<script' -e 'javascript:' -e 'src=' html1/*.html || echo "no page has a script, a javascript: link or a fetched resource"
grep -o 'href="[^"]*"' html1/TR-008.html | sort -u

# Bad inputs.
run render TR-07
run render
run render --format pdf TR-007
run render --lang fr TR-007
run render --all TR-007
touch not-a-folder
run render --all -o not-a-folder
cd ..

# A fresh, uncommitted scaffold: its placeholders are findings on the page; with no -o,
# --all writes into ./render.
make_repo fresh
cd fresh
"$CSWM" new test-report --title "Nightly run" >/dev/null
run render TR-001 --lang zh-TW
run render --all
ls render
# An ID that is not PREFIX-NNN never names a file: it could lead out of the folder.
printf 'kind: test-report\nid: ../../evil\ntitle: x\nstatus: draft\nowner: Ann\ncreated: 2026-01-05\n' \
  >maint/test-report/TR-002-evil.yaml
run render --all -o safe
ls safe
ls .. | grep -c evil || true
rm maint/test-report/TR-002-evil.yaml

# Committed, then edited: the page says that it shows the working tree, not HEAD.
rm -rf render safe
commit_all "TR-001: nightly run"
sed -i 's/^title: .*/title: "Nightly run, edited"/' maint/test-report/TR-001-nightly-run.yaml
run render TR-001 -o pages
grep -e '^| Document no' -e '^| Title' -e '^| Version' -e '^The file has' pages/TR-001.md
cd ..

# Outside git (a .cswm.yaml alone): pages without history.
mkdir nogit
cd nogit
printf 'root: maint\nlanguage: zh-TW\n' >.cswm.yaml
"$CSWM" new anomaly-request --title "Slow uploads" >/dev/null
run render AREQ-001
