# init writes .cswm.yaml and the folders once; re-running keeps what the user wrote.
git init -q repo
cd repo
run init --lang zh-TW
cat .cswm.yaml
printf '# my note\n' >> .cswm.yaml
cp .cswm.yaml "$CASE_TMP/before"
run init --lang en
cmp .cswm.yaml "$CASE_TMP/before" && echo "config unchanged"
rm -f "$CASE_TMP/before"
rmdir maint/srs
run init
mkdir sub && cd sub
run list   # works from any folder inside the repository
