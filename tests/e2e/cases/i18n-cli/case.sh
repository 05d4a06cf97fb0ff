# The command line in Traditional Chinese: --help of cswm and of commands (CLI11's layout
# words, every option's description, footers), and each kind of CLI11 parse error re-said in
# Chinese with the same exit status as in English (0 for help, 2 for usage errors). The
# language is chosen before parsing: --lang anywhere, .cswm.yaml for --help, the locale.
make_repo repo
cd repo
"$CSWM" init >/dev/null
echo "# help"
run --lang zh-TW --help
run --lang zh-TW check --help
run check --help --lang zh-TW
run --lang zh-TW schema export --help
run --lang zh-TW import junit --help
echo "# outside a workspace the locale decides (LANG=zh_TW.UTF-8, LC_ALL unset)"
(cd .. && unset LC_ALL && LANG=zh_TW.UTF-8 run logscan --help)
echo "# .cswm.yaml language: zh-TW decides --help in the workspace"
sed -i 's/^language: .*/language: zh-TW/' .cswm.yaml
run render --help
sed -i 's/^language: .*/language: en/' .cswm.yaml
echo "# parse errors, each kind"
run --lang zh-TW show FIX-001 FIX-002
run --lang zh-TW show FIX-001 FIX-002 FIX-003
run --lang zh-TW impact
run --lang zh-TW hook
run --lang zh-TW check --format yaml
run --lang zh-TW check --format
run --lang zh-TW logscan --into MLOG-001 --top 5000 x.log
run --lang zh-TW logscan --into MLOG-001 --top many x.log
run --lang zh-TW logscan --top 5 x.log
run --lang zh-TW render --all FIX-001
run --lang zh-TW review QS-001 --role lead
run --lang zh-TW check --strict=maybe
echo "# did you mean, for options and subcommands of a command"
run --lang zh-TW check --fromat json
run --lang zh-TW schema exprt
echo "# the same errors in English, as before"
run show FIX-001 FIX-002
run check --format
run logscan --into MLOG-001 --top many x.log
run review QS-001 --role lead
run check --strict=maybe
echo "# completion: zsh and fish show the descriptions cswm gives at each TAB, in the user's language"
(cd .. && unset LC_ALL && LANG=zh_TW.UTF-8 run __complete -- check --st)
run __complete -- --lang zh-TW check --st
run __complete -- check --st
