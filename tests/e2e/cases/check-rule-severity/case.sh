# Severity of each rule from .cswm.yaml's rules: error fails the run, warning fails it
# only with --strict, off drops the rule's findings. Bad settings stop check (exit 2).
"$SOURCE_DIR/examples/make-demo-repo.sh" demo >/dev/null
cd demo
export CSWM_TODAY=2027-01-15
srs=$(ls maint/srs/SRS-004-*.yaml)
sed -i '0,/^    statement: preview-worker/s//    statement: The upload service shall resume uploads and shall keep parts for 24 h, etc. preview-worker/' "$srs"
sed -i '0,/^  - case: TC-102/s//  - case: TC-101/' maint/test-report/TR-010-*.yaml
cp .cswm.yaml "$CASE_TMP/plain-config"
echo "# the rules' own severities: warnings pass, unless --strict"
run check maint/srs maint/maintenance-log
run check --strict maint/srs maint/maintenance-log

cat >>.cswm.yaml <<'YAML'
rules:
  requirement-wording: error
  log-review-overdue: off
  case-without-result: warning
YAML
sed -n '/^rules:/,$p' .cswm.yaml
echo "# requirement-wording now fails the run; the overdue log review is not reported"
run check maint/srs maint/maintenance-log maint/quality-spec
run check --format json maint/quality-spec
echo "# case-without-result is a warning now: only --strict fails"
run check maint/quality-spec
run check --strict maint/quality-spec

echo "# waiver-unused can be made an error too"
cp "$CASE_TMP/plain-config" .cswm.yaml
printf 'rules:\n  waiver-unused: error\nwaivers:\n  - rule: schema\n    id: SRS-004\n    justification: old\n' >>.cswm.yaml
run check .cswm.yaml

bad_rules() {
  printf '# %s\n' "$1"
  cp "$CASE_TMP/plain-config" .cswm.yaml
  printf -- "$2" >>.cswm.yaml
  run check
}
bad_rules "a severity that does not exist" 'rules:\n  requirement-wording: fatal\n'
bad_rules "a misspelt rule" 'rules:\n  requirment-wording: off\n'
bad_rules "a rule that cannot be turned off" 'rules:\n  encoding: off\n'
bad_rules "nor made a warning" 'rules:\n  syntax: warning\n'
bad_rules "a list instead of a mapping" 'rules:\n  - requirement-wording\n'
