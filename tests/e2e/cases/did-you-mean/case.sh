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
# What is right still runs: option values and positionals are not mistaken for commands.
run -C . list --kind fix-confirmation
