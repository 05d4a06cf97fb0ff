# Placeholders left from the scaffold: a warning while the document is a draft (exit 0,
# exit 1 with --strict), an error once it has left draft. Text and JSON.
source "$E2E_DIR/fill.sh"
make_repo repo
cd repo
fill_srs "$(new_doc srs "File previews v2.4")"
fill_quality_spec "$(new_doc quality-spec "File previews tests")"
fill_test_report "$(new_doc test-report "Preview latency run")"
# FIX-001: a draft filled in except the root cause.
f=$(new_doc fix-confirmation "Slow PDF preview") && fill_fix_confirmation "$f"
sed -i 's|"The renderer reads the whole file before drawing the first page."|"<the root cause: which code, setting or assumption was wrong>"|' "$f"
run check
run check --strict
run check --format json --strict
# The same document, now open (out of draft): the placeholder is an error.
sed -i 's/^status: draft/status: open/' "$f"
run check
run check --format json
# A zh-TW draft straight from the scaffold: its placeholders are warnings too.
"$CSWM" new fix-confirmation --lang zh-TW --title "登入逾時修正" >/dev/null
sed -i 's/^status: open/status: draft/' "$f"
run check maint/fix-confirmation/FIX-002-登入逾時修正.yaml
