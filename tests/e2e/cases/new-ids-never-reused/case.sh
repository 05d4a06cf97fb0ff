# `cswm new` never reuses an ID that a file in the tree has, by its name or by the ID
# inside it, even when that file is broken.
make_repo repo
cd repo
run new fix-confirmation --title "First"
run new fix-confirmation --title "Second"
run new fix-confirmation --title "Third"
rm maint/fix-confirmation/FIX-002-second.yaml
run new fix-confirmation --title "After deleting FIX-002"
# A file named FIX-009 that is not even YAML still holds FIX-009.
printf 'id: [FIX-009\n' >maint/fix-confirmation/FIX-009-broken.yaml
run new fix-confirmation --title "After a broken FIX-009"
# An ID inside a file whose name says nothing, in another kind's folder.
sed -e 's/^id: "FIX-001"/id: "FIX-020"/' maint/fix-confirmation/FIX-001-first.yaml >maint/test-report/misfiled.yaml
run new fix-confirmation --title "After FIX-020 elsewhere"
# IDs of other kinds do not count; numbering is per kind.
run new test-report --title "First report"
# Past 999 the IDs grow a digit.
sed -e 's/^id: "FIX-001"/id: "FIX-999"/' maint/fix-confirmation/FIX-001-first.yaml >maint/fix-confirmation/FIX-999-last.yaml
run new fix-confirmation --title "Four digits"
ls maint/fix-confirmation maint/test-report
