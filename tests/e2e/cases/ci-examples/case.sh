# examples/ci: every cswm command the GitHub Actions workflow and the GitLab CI job run
# is accepted by this cswm and does its job on the demo repository, with one gap in it:
# annotations, SARIF and JUnit name the gap on its line; closing the gap turns it green.
"$SOURCE_DIR/examples/make-demo-repo.sh" demo >/dev/null
cd demo
export CSWM_TODAY=2026-12-01
# The commands of `run:` steps and `script:` lines.
commands=$(grep -hoE '(run: |- )(\.cswm-bin/)?cswm check[^>|#]*' "$SOURCE_DIR/examples/ci/github-actions.yml" \
  "$SOURCE_DIR/examples/ci/gitlab-ci.yml" | sed -E 's/^(run: |- )//; s|^\.cswm-bin/||; s/ +$//' | sort -u)
echo "$commands"
qs=$(ls maint/quality-spec/QS-004-*.yaml)
sed -i 's/^    verifies: \[REQ-042\]/    verifies: [REQ-041]/' "$qs"          # REQ-042 loses its only case
while read -r command; do
  # shellcheck disable=SC2086
  status=0
  "$CSWM" ${command#cswm } >"$CASE_TMP/out" 2>&1 || status=$?
  printf '$ %s → exit %d\n' "$command" "$status"
  case $command in
    *sarif*) grep -oE '"(ruleId|level|uri|startLine)": [^,]*' "$CASE_TMP/out" | grep -v SRCROOT ;;
    *junit*) grep -o '<failure message="[^"]*"' "$CASE_TMP/out" ;;
    *) grep -v '^$' "$CASE_TMP/out" ;;
  esac
done <<<"$commands"
echo "# the gap closed: every command exits 0"
git checkout -q -- maint
while read -r command; do
  status=0
  "$CSWM" ${command#cswm } >/dev/null 2>&1 || status=$?
  printf '$ %s → exit %d\n' "$command" "$status"
done <<<"$commands"
