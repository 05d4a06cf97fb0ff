# cswm link records commits surgically; check verifies every recorded SHA against git,
# refuses a verified fix whose confirming test ran on a build without it, and warns of
# Refs: trailers naming nothing and of commits only on another branch.
"$SOURCE_DIR/examples/make-demo-repo.sh" demo >/dev/null
cd demo
export GIT_AUTHOR_DATE="2026-11-20T10:00:00+08:00" GIT_COMMITTER_DATE="2026-11-20T10:00:00+08:00"

echo "# link: a new fix confirmation gains its commits, and only those lines"
"$CSWM" new fix-confirmation --title "Preview cache key ignores the page size" >/dev/null
fix=maint/fix-confirmation/FIX-014-preview-cache-key-ignores-the-page-size.yaml
cp "$fix" "$CASE_TMP/before.yaml"
run link FIX-014 HEAD~1 v2.4.0-rc2
diff "$CASE_TMP/before.yaml" "$fix" || true
cp "$fix" "$CASE_TMP/once.yaml"
run link FIX-014 v2.4.0-rc2 "$(git rev-parse --short=7 HEAD~1)"
cmp "$fix" "$CASE_TMP/once.yaml" && echo "unchanged by the second run"

echo "# link: bad revisions change nothing"
run link FIX-014 no-such-branch
run link FIX-014 'HEAD^{tree}'
run link FIX-014 "$(git rev-parse HEAD:README.md)"
run link FIX-014 HEAD nope
cmp "$fix" "$CASE_TMP/once.yaml" && echo "file untouched"
run link FIX-999 HEAD
run link FEAS-001 HEAD

echo "# link: a maintenance log needs --action; a test report takes one commit"
run link MLOG-007 HEAD
run link MLOG-007 HEAD --action 9
run link MLOG-007 HEAD --action 2
run link TR-010 HEAD
rm "$fix"
git checkout -q -- .

echo "# check: a SHA that is no commit, a test that ran without the fix"
tr8=$(ls maint/test-report/TR-008-*.yaml)
sed -i "s/^commit: .*/commit: $(git rev-parse v2.4.0-rc1)/" "$tr8"
fix12=$(ls maint/fix-confirmation/FIX-012-*.yaml)
sed -i "0,/^  - [0-9a-f]\{40\}/s//  - $(git rev-parse 'HEAD^{tree}')/" "$fix12"
sed -i "s/^commit: .*/commit: $(printf 'deadbeef%.0s' 1 2 3 4 5)/" maint/test-report/TR-010-*.yaml
run check
git checkout -q -- .

echo "# check: a fix commit only on another branch, a trailer naming nothing"
git checkout -q -b spike v2.4.0
echo "experiment" > spike.txt
git add spike.txt
git commit -q -m "Try a bigger preview cache" -m "Refs: FIX-099, REQ-041"
spike=$(git rev-parse HEAD)
git checkout -q main
git commit -q --allow-empty -m "Tidy the upload log" -m "Refs: AREQ-404"
sed -i "s/^commits:$/commits:\n  - $spike/" maint/fix-confirmation/FIX-013-*.yaml
run check
run check --require-committed maint/fix-confirmation
git checkout -q -- .
