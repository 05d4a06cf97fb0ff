# list (by kind, by status, as JSON) and show (text, JSON), and what they say about
# a misspelt kind or an unknown ID. Broken documents are left out of list.
source "$E2E_DIR/fill.sh"
make_repo repo
cd repo
fill_srs "$(new_doc srs "File previews v2.4")"
fill_quality_spec "$(new_doc quality-spec "File previews tests")"
fill_test_report "$(new_doc test-report "Preview latency run")"
f=$(new_doc fix-confirmation "Slow PDF preview") && fill_fix_confirmation "$f"
sed -i 's/^status: draft/status: open/' "$f"
new_doc fix-confirmation "登入逾時修正" >/dev/null
new_doc test-report "Run 10" >/dev/null
new_doc test-report "Run 9" >/dev/null
printf 'kind: [fix-confirmation\n' >maint/fix-confirmation/FIX-004-broken.yaml
run list
run list --kind fix-confirmation
run list --status open
run list --kind test-report --status draft --format json
run list --kind fix-confirmaton
run list --kind test-report --status closed
run show FIX-001
run show FIX-002 --format json
run show FIX-01
run show --format yaml FIX-001
