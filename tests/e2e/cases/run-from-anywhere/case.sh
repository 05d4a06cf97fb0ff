# Commands that read the repository work from any folder inside it, and -C DIR runs as if
# started in DIR. Paths in output stay relative to the repository root.
source "$E2E_DIR/fill.sh"
make_repo repo
cd repo
fill_fix_confirmation "$(new_doc fix-confirmation "Slow PDF preview")"
sed -i 's/^  report: TR-001/  report: TR-002/' maint/fix-confirmation/FIX-001-slow-pdf-preview.yaml
mkdir -p src/deep/er
cd src/deep/er
run check
run list
run show FIX-001 --format json
run new test-report --title "From a subfolder"
cd "$CASE_TMP/work"
run -C repo check
run -C repo/maint/fix-confirmation list --kind fix-confirmation
run -C repo/src new test-report --title "With -C"
run -C repo check maint/test-report # PATH is relative to -C
run -C no-such-folder check
run -C repo/.cswm.yaml check
mkdir plain
run -C plain list # not a git repository
git init -q bare-config && touch bare-config/README
run -C bare-config check # a repository without .cswm.yaml
ls repo/maint/test-report
