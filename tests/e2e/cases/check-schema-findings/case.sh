# check on realistic mistakes inside single documents. Each document starts from
# `cswm new`, is filled in as an engineer would (fill.sh), then gets one mistake.
# Text and JSON output: the JSON is a machine contract.
source "$E2E_DIR/fill.sh"
make_filled_repo repo
run check # the filled chain is clean

# FIX-002: a required field deleted.
f=$(new_doc fix-confirmation "Severity deleted") && fill_fix_confirmation "$f"
sed -i '/^severity:/d' "$f"
# FIX-003: a required field of a nested mapping deleted.
f=$(new_doc fix-confirmation "Symptom without description") && fill_fix_confirmation "$f"
sed -i '/^  description: "The preview of a 50 MB PDF/d' "$f"
# FIX-004: a misspelt field name.
f=$(new_doc fix-confirmation "Misspelt field") && fill_fix_confirmation "$f"
sed -i 's/^verified_by: null/verifed_by: null/' "$f"
# FIX-005: a value outside the field's vocabulary.
f=$(new_doc fix-confirmation "Wrong severity word") && fill_fix_confirmation "$f"
sed -i 's/^severity: major /severity: high  /' "$f"
# FIX-006: yes/no where YAML 1.2 wants true/false.
f=$(new_doc fix-confirmation "Yes is not a boolean") && fill_fix_confirmation "$f"
sed -i 's/^  performed: false /  performed: yes   /' "$f"
# FIX-007: a date that does not exist (February 30th), and one in the wrong form.
f=$(new_doc fix-confirmation "Impossible dates") && fill_fix_confirmation "$f"
sed -i -e 's/^created: .*/created: 2026-02-30/' -e 's|^  reported_on: null |  reported_on: 2026/01/05|' "$f"
# SRS-002: version 2.4 unquoted is a number, not text.
f=$(new_doc srs "File previews v2.5") && fill_srs "$f" REQ-002
sed -i 's/^version: "2.4"/version: 2.4/' "$f"
# FIX-008: a misspelt kind; FIX-009: a kind that does not exist; FIX-010: no kind at all.
f=$(new_doc fix-confirmation "Misspelt kind") && fill_fix_confirmation "$f"
sed -i 's/^kind: fix-confirmation/kind: fix-confirmaton/' "$f"
f=$(new_doc fix-confirmation "Unknown kind") && fill_fix_confirmation "$f"
sed -i 's/^kind: fix-confirmation/kind: bug-report/' "$f"
f=$(new_doc fix-confirmation "No kind") && fill_fix_confirmation "$f"
sed -i '/^kind: fix-confirmation/d' "$f"
# FIX-011: an ID of the wrong form; FIX-012: an ID with a test report's prefix.
f=$(new_doc fix-confirmation "Short ID") && fill_fix_confirmation "$f"
sed -i 's/^id: "FIX-011"/id: "FIX-11"/' "$f"
f=$(new_doc fix-confirmation "Prefix of another kind") && fill_fix_confirmation "$f"
sed -i 's/^id: "FIX-012"/id: "TR-012"/' "$f"
# FIX-013: the file renamed so that its name no longer starts with the ID.
f=$(new_doc fix-confirmation "Renamed file") && fill_fix_confirmation "$f"
mv "$f" maint/fix-confirmation/renamed-file.yaml
# FIX-014: filed in the test reports' folder (a warning).
f=$(new_doc fix-confirmation "Misfiled") && fill_fix_confirmation "$f"
mv "$f" maint/test-report/
run check
run check --format json
