# cswm impact on the shipped example's tags: which documents, requirements and test cases
# the commits of a range touch, through the documents' files (and the entries of an SRS
# or a quality spec that changed), their commit fields and the commits' Refs: trailers;
# a range across the merge of release/2.3; one commit; text and JSON; bad ranges.
export HOME="$CASE_TMP/home" XDG_CONFIG_HOME="$CASE_TMP/home/.config"
mkdir -p "$HOME"
"$SOURCE_DIR/examples/make-demo-repo.sh" demo >/dev/null
cd demo
run impact v2.3.4..v2.4.0-rc1
run impact v2.4.0-rc1..v2.4.0-rc2 --lang zh-TW
run impact v2.4.0..HEAD --format json
run impact v2.3.5
echo "# a requirement's statement edited: the SRS entry, and the cases that verify it"
sed -i 's/系統應於 3 秒內（p95）顯示第一頁預覽/系統應於 2 秒內（p95）顯示第一頁預覽/' maint/srs/SRS-004-*.yaml
git -c user.name=Ann -c user.email=ann@example.com commit -qam "SRS-004: REQ-018 to 2 s"
run impact HEAD~1..
echo "# bad ranges"
run impact v9.9.9..HEAD
run impact v2.3.4...HEAD
run impact ..
run impact "$(git rev-parse HEAD:README.md)"
run impact
echo "# a repository without commits, and a folder outside git"
cd "$CASE_TMP/work"
make_repo empty
cd empty
run impact HEAD
run trace
cd "$CASE_TMP/work"
mkdir nogit
printf 'root: maint\nlanguage: en\n' >nogit/.cswm.yaml
cd nogit
run impact v1..v2
