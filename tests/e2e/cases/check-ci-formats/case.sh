# check for CI: SARIF 2.1.0 for code-scanning pages, JUnit XML for test tabs (one case
# per rule per document), GitHub Actions annotations. Machine formats are contracts.
"$SOURCE_DIR/examples/make-demo-repo.sh" demo >/dev/null
cd demo
sed -i 's/^  passed: 4$/  passed: 5/' maint/test-report/TR-007-*.yaml
sed -i 's/^title: .*/title: "<title>"/' maint/fix-confirmation/FIX-013-*.yaml
git commit -q --allow-empty -m "Tidy the upload log" -m "Refs: AREQ-404"
run check --format github
run check --format sarif maint/test-report
run check --format junit maint/fix-confirmation
