# cswm trace on the shipped example: the matrix from feasibility to commits in every
# format (text, md, csv, json, html page and fragment), --from a requirement, a fix, a
# request and a test report, zh-TW headings; the same repository at v2.4.0-rc2, when the
# chain had gaps; and the bad inputs (unknown ID, --fragment without html, bad format).
export HOME="$CASE_TMP/home" XDG_CONFIG_HOME="$CASE_TMP/home/.config"
mkdir -p "$HOME"
"$SOURCE_DIR/examples/make-demo-repo.sh" demo >/dev/null
cd demo
run trace
run trace --format md
run trace --format csv
run trace --format json --from REQ-042
run trace --from FIX-013 --lang zh-TW
run trace --from TR-007
run trace --format html --from AREQ-007
run trace --format html --fragment --from AREQ-006 --lang zh-TW
echo "# the chain as it stood at v2.4.0-rc2: results missing from the newest report, FIX-012 not verified"
git checkout -q v2.4.0-rc2
run trace --from QS-004
run trace --format csv --from AREQ-007
git checkout -q main
echo "# a feasibility report that no plan is based on yet: outside the chain"
"$CSWM" new feasibility-report --title "Search on a managed service" >/dev/null
run trace --from FEAS-002
run trace --format json --from FEAS-002
run trace --format md --from FEAS-002
echo "# bad inputs"
run trace --from REQ-99
run trace --from ''
run trace --format csv --fragment
run trace --format pdf
