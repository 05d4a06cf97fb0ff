# Waivers of .cswm.yaml: findings accepted on purpose, for a document or an item, with a
# justification and an optional expiry. Waived findings are reported as waived in every
# format and do not fail the run; an expired waiver waives nothing and is itself a
# finding; a waiver that matches nothing is a warning; bad waivers stop check (exit 2).
"$SOURCE_DIR/examples/make-demo-repo.sh" demo >/dev/null
cd demo
export CSWM_TODAY=2026-12-01
qs=$(ls maint/quality-spec/QS-004-*.yaml)
sed -i 's/^    verifies: \[REQ-042\]/    verifies: [REQ-041]/' "$qs"          # REQ-042 loses its only case
srs=$(ls maint/srs/SRS-004-*.yaml)
sed -i '0,/^    statement: 使用者開啟/s//    statement: 系統應於 3 秒內顯示預覽，並應記錄縮圖、浮水印等資訊。使用者開啟/' "$srs"
sed -i '0,/^    statement: preview-worker/s//    statement: The upload service shall resume uploads and shall keep parts for 24 h, etc. preview-worker/' "$srs"
cp .cswm.yaml "$CASE_TMP/plain-config"
echo "# without waivers"
run check maint/srs

cat >>.cswm.yaml <<'YAML'
waivers:
  - rule: requirement-wording
    id: REQ-041
    justification: Wording agreed with the customer in the November review; split in 2.5
    expires: 2027-03-31
  - rule: requirement-untested
    id: REQ-042
    justification: Verified by the vendor's acceptance test (contract annex B)
  - rule: requirement-wording
    id: REQ-018
    justification: Accepted until the December release
    expires: 2026-11-30
  - rule: commit-missing
    id: FIX-099
    justification: Commit lost in the October repository move
  - rule: placeholder
    path: maint/anomaly-request
    justification: Anomaly requests are filled in by the help desk
YAML
cat -n .cswm.yaml | sed -n '/waivers:/,$p'
echo "# REQ-041 and REQ-042 waived; REQ-018's waiver expired; two waivers match nothing"
run check
echo "# a waiver's expiry day still counts; the day after, it has expired"
CSWM_TODAY=2027-03-31 run check maint/srs
CSWM_TODAY=2027-04-01 run check maint/srs
echo "# check of a folder shows its waived findings; .cswm.yaml's findings only when selected"
run check maint/srs .cswm.yaml
run check --format json maint/srs
run check --format github maint/srs
run check --format junit maint/srs
echo "# SARIF: its results (the rule metadata before them is check-ci-formats' business)"
"$CSWM" check --format sarif maint/srs | sed -n '/^      "results": \[/,$p'

echo "# bad waivers stop check with the place in .cswm.yaml"
bad_waiver() {
  printf '# %s\n' "$1"
  cp "$CASE_TMP/plain-config" .cswm.yaml
  printf -- "$2" >>.cswm.yaml
  run check maint/srs
}
bad_waiver "a misspelt rule" 'waivers:\n  - rule: requirement-wordng\n    id: REQ-041\n    justification: agreed\n'
bad_waiver "a rule that does not exist" 'waivers:\n  - rule: no-such-rule\n    id: REQ-041\n    justification: agreed\n'
bad_waiver "no justification" 'waivers:\n  - rule: requirement-wording\n    id: REQ-041\n'
bad_waiver "an empty justification" 'waivers:\n  - rule: requirement-wording\n    id: REQ-041\n    justification: ""\n'
bad_waiver "a blank justification" 'waivers:\n  - rule: requirement-wording\n    id: REQ-041\n    justification: "   "\n'
bad_waiver "no date" 'waivers:\n  - rule: requirement-wording\n    id: REQ-041\n    justification: agreed\n    expires: next spring\n'
bad_waiver "no such day" 'waivers:\n  - rule: requirement-wording\n    id: REQ-041\n    justification: agreed\n    expires: 2027-02-30\n'
bad_waiver "neither id nor path" 'waivers:\n  - rule: requirement-wording\n    justification: agreed\n'
bad_waiver "both id and path" 'waivers:\n  - rule: requirement-wording\n    id: REQ-041\n    path: maint/srs\n    justification: agreed\n'
bad_waiver "a path outside" 'waivers:\n  - rule: requirement-wording\n    path: ../elsewhere\n    justification: agreed\n'
bad_waiver "an unknown key" 'waivers:\n  - rule: requirement-wording\n    id: REQ-041\n    justification: agreed\n    reason: we said so\n'
bad_waiver "a rule that says the file could not be read" 'waivers:\n  - rule: syntax\n    path: maint\n    justification: we like it\n'
bad_waiver "a waiver of waivers" 'waivers:\n  - rule: waiver-expired\n    path: maint\n    justification: later\n'
echo "# other commands do not judge rule names: only check knows the rules"
cp "$CASE_TMP/plain-config" .cswm.yaml
printf 'waivers:\n  - rule: requirement-wordng\n    id: REQ-041\n    justification: agreed\n' >>.cswm.yaml
run list --kind srs
