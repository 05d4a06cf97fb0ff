# check across documents: duplicate document IDs (as after merging two branches that both
# ran `cswm new`), requirement and test case IDs defined twice, links to IDs that do not
# exist and links to the wrong kind. Duplicates name every place; missing links suggest
# the ID meant.
source "$E2E_DIR/fill.sh"
make_filled_repo repo
run check

# Two branches each created FIX-001; both files arrive with the merge.
fix=maint/fix-confirmation
sed 's/^title: .*/title: "Upload retries"/' $fix/FIX-001-slow-pdf-preview.yaml >$fix/FIX-001-upload-retries.yaml
# SRS-002 defines REQ-001 again; QS-002 defines TC-001 again (copied from the first versions).
fill_srs "$(new_doc srs "File previews v2.5")" REQ-001
fill_quality_spec "$(new_doc quality-spec "File previews v2.5 tests")" TC-001
run check

# Links: a quality spec and a test case that do not exist (typos), a fix that does not
# exist, a test report field naming a quality spec, a requirement field naming a test case.
rm $fix/FIX-001-upload-retries.yaml maint/srs/SRS-002-* maint/quality-spec/QS-002-*
f=$(new_doc test-report "Rerun after fix") && fill_test_report "$f"
sed -i -e 's/^quality_spec: QS-001/quality_spec: QS-010/' -e 's/^  - case: TC-001/  - case: TC-010/' \
  -e 's/^    fix: null  /    fix: FIX-007/' "$f"
f=$(new_doc fix-confirmation "Wrong source kind") && fill_fix_confirmation "$f"
sed -i 's/^  report: TR-001/  report: QS-001/' "$f"
f=$(new_doc quality-spec "Verifies a test case") && fill_quality_spec "$f" TC-002
sed -i 's/^    verifies: \[REQ-001\]/    verifies: [REQ-001, TC-001]/' "$f"
run check
run check --format json
