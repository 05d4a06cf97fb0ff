# "Did you mean" for what people mistype: commands, options, subcommands of a command,
# kinds and IDs; all exit 2 (could not run) and name the help to read. A word far from
# everything gets no guess.
make_repo repo
cd repo
"$CSWM" new fix-confirmation --title "Upload resumes" >/dev/null
run chekc
run -q staus
run xyzzy
run check --fromat json
run check --strict --formt=json
run --colr never list
run new srs --titel "Uploads"
run schema exprt
run bundle verfy x.tar.gz
run bundle --with-patchs
run list --zzzzzz
run new tst-report
run list --kind srss
run show FIX-01
run history FIX-1
# An item's ID (a requirement, a case) where a document's is asked for: the document that holds it.
"$CSWM" new srs --title "Uploads" >/dev/null
sed -i 's/^  - id: null /  - id: REQ-031/' maint/srs/SRS-001-*.yaml
grep -q "REQ-031" maint/srs/SRS-001-*.yaml || { echo "did-you-mean: the scaffold has no requirement ID to set" >&2; exit 1; }
run show REQ-031
run --lang zh-TW link REQ-031 HEAD
# What is right still runs: option values and positionals are not mistaken for commands.
run -C . list --kind fix-confirmation
