# `cswm new` for each of the nine kinds, in English and in Traditional Chinese: file names
# (a Chinese title makes a Chinese slug), and a fresh scaffold passes check with
# placeholder warnings only. The warnings are summarised per file and rule.
kinds="feasibility-report feasibility-plan srs quality-spec test-report fix-confirmation anomaly-request anomaly-record maintenance-log"

# check_summary: runs check and prints, per file, how many findings of each severity and rule.
check_summary() {
  printf '$ cswm check (findings counted by file, severity and rule)\n'
  local status=0
  "$CSWM" check >"$CASE_TMP/stdout" 2>"$CASE_TMP/stderr" || status=$?
  sed '$d' "$CASE_TMP/stdout" | sed -E 's/^([^:]+):[0-9]+:[0-9]+: ([a-z]+): .* \[([a-z-]+)\]$/\1 \2 \3/' | uniq -c
  tail -n 1 "$CASE_TMP/stdout"
  sed 's/^/stderr: /' "$CASE_TMP/stderr"
  printf '[exit %d]\n' "$status"
}

make_repo en
cd en
for kind in $kinds; do
  run new "$kind" --title "Login timeout fix"
done
run new fix-confirmation --lang zh-TW --title "登入逾時修正"
run new fix-confirmation # no title: the file is named by the ID alone
check_summary
head -6 maint/fix-confirmation/FIX-002-登入逾時修正.yaml
head -6 maint/fix-confirmation/FIX-003.yaml

cd ..
git init -q zh
cd zh
git config user.name "李安"
run init --lang zh-TW
for kind in $kinds; do
  run new "$kind" --title "登入逾時修正"
done
run new fix-confirmation --title "登入逾時：修正 (v2)"
run new fix-confirmation --title "Ｖ２ 全形ＡＢＣ"
run new fix-confirmation --lang en --title "Preview fix"
run new fix-confirmation --title "$(printf 'two\nlines')"
run new fix-confirmation --lang fr
check_summary
head -6 maint/fix-confirmation/FIX-001-登入逾時修正.yaml
run list
