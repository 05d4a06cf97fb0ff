# check PATH...: the whole tree is read, so links into other folders resolve, but only
# findings under the given files or folders are reported and counted.
source "$E2E_DIR/fill.sh"
make_filled_repo repo
# TR-002 names a quality spec that does not exist; FIX-002 a test report that does not.
f=$(new_doc test-report "Second run") && fill_test_report "$f"
sed -i 's/^quality_spec: QS-001/quality_spec: QS-009/' "$f"
f=$(new_doc fix-confirmation "Upload retries") && fill_fix_confirmation "$f"
sed -i 's/^verified_by: null /verified_by: TR-005/' "$f"
# FIX-001 is defined twice, once in each folder (the copy is also misfiled).
cp maint/fix-confirmation/FIX-001-slow-pdf-preview.yaml maint/test-report/
run check
run check maint/test-report
run check maint/fix-confirmation/FIX-002-upload-retries.yaml
run check maint/test-report/TR-001-preview-latency-run.yaml maint/fix-confirmation/FIX-002-upload-retries.yaml
run check --format json maint/fix-confirmation/FIX-002-upload-retries.yaml
run check maint/srs # clean, though QS-001 in another folder links to it
run check maint/no-such-folder
run check ..
cd maint/test-report
run check TR-002-second-run.yaml # paths are relative to the current folder
# A folder given with a trailing slash, as shells complete it, or as `.` from inside it,
# selects that folder (a regression: both selected nothing and passed).
run check .
cd ../..
run check maint/test-report/
