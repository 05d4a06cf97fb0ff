# Result lines, notes, warnings and the views' headings in Traditional Chinese (issue 10):
# a zh-TW workspace hears what new, link, review, renumber, schema export, hook, import
# junit, render, bundle and bundle verify did in Chinese, -v notes too; the headings of
# list, show, status, trace and impact come from the same catalogue, and a view's own
# --lang en still switches it (and the messages after it) to English.
"$SOURCE_DIR/examples/make-demo-repo.sh" demo >/dev/null
cd demo
git config user.name "Wei-Ting Chen"
export CSWM_TODAY=2026-12-01
export GIT_AUTHOR_DATE="2026-12-01T10:00:00+08:00" GIT_COMMITTER_DATE="2026-12-01T10:00:00+08:00"
sed -i 's/^language: en/language: zh-TW/' .cswm.yaml
commit_all "the team reads Chinese"
# first N ARGS...: the first N lines of what run prints (long views, shortened).
first() {
  local lines=$1
  shift
  run "$@" >"$CASE_TMP/first.out"
  head -n "$lines" "$CASE_TMP/first.out"
}

echo "# results of the writing commands"
run new anomaly-request --title "分享連結提早失效"
run link FIX-012 HEAD
run link FIX-012 HEAD
srs=$(ls maint/srs/SRS-004-*.yaml)
sed -i 's/系統應於 3 秒內（p95）顯示第一頁預覽/系統應於 2 秒內（p95）顯示第一頁預覽/' "$srs"
commit_all "REQ-018: preview within 2 s"
run review QS-004 --by "Daniel Foster"
run review QS-004
run renumber AREQ-008 AREQ-020 --dry-run
run schema export --dir schemas
first 2 schema export --dir schemas
run hook install
printf 'Fix uploads\n\nRefs: REQ-0188\n' >../message.txt
run hook check-message ../message.txt

echo "# import junit: the result lines and the warnings"
mkdir results
cp "$SOURCE_DIR/tests/fixtures/junit/go.xml" results/
commit_all "CI results"
run import junit results/go.xml --quality-spec QS-004
echo "# what the import wrote into the report: its notes in the report's language"
report=$(ls -t maint/test-report/TR-*.yaml | head -1)
grep -E '^ *(notes|actual):' "$report" | sort -u | head -6

echo "# -v: the notes around a command"
run -v list --kind srs | sed -e "s|$PWD|DEMO|" -e 's/耗時 [0-9]* 毫秒/耗時 N 毫秒/'

echo "# the views: list, show, status, trace, impact in the workspace's language"
run list --kind fix-confirmation
first 5 show FIX-012
run status
first 20 trace
first 8 trace --format md
run impact v2.4.0-rc1..v2.4.0-rc2
echo "# a view's own --lang en: English headings, and English messages after it"
first 4 status --lang en
first 3 impact v2.4.0-rc1..v2.4.0-rc2 --lang en

echo "# render and bundle: written files and the bundle's report"
first 3 render --all --format md -o pages
run render FIX-012 --format md -o pages --lang en
echo "# bundle needs no workspace: the revision's language (en), unless --lang says"
run bundle --rev v2.4.0-rc2 -o ../rc2.tar.gz
run --lang zh-TW bundle --rev v2.4.0-rc2 -o ../rc2-zh.tar.gz
run --lang zh-TW bundle verify ../rc2-zh.tar.gz --repo
echo "# bundle verify's problems: labels, details, and why a member name is refused"
python3 - ../rc2-zh.tar.gz ../rc2-bad.tar.gz <<'PY'
import sys, tarfile
source, out = sys.argv[1:3]
with tarfile.open(source, "r:gz") as tar, tarfile.open(out, "w:gz") as new:
    for info in tar.getmembers():
        data = tar.extractfile(info).read() if info.isfile() else b""
        if info.name == "commits.json":
            continue
        if info.name == "index.html":
            data += b"<!-- edited -->\n"
            info.size = len(data)
        new.addfile(info, __import__("io").BytesIO(data))
    for name in ("sources/maint/planted.yaml", "/tmp/cswm-absolute.txt"):
        info = tarfile.TarInfo(name)
        info.size = 3
        new.addfile(info, __import__("io").BytesIO(b"x\n\n"))
PY
run --lang zh-TW bundle verify ../rc2-bad.tar.gz --repo

echo "# commands without a workspace follow .cswm.yaml too: bundle, schema, logscan"
run bundle verify ../rc2-zh.tar.gz
mkdir ../logs
cp "$SOURCE_DIR/tests/fixtures/logs/nginx-error.log" "$SOURCE_DIR/tests/fixtures/logs/upload-service.log" ../logs/
first 12 logscan ../logs/nginx-error.log ../logs/upload-service.log --since 2026-11-03
first 3 --lang en logscan ../logs/nginx-error.log

echo "# logscan --into: the line that says what was appended"
# reopen the demo's closed MLOG-007, as the logscan case does, to add a late review
sed -i 's/^status: closed/status: open/' maint/maintenance-log/MLOG-007-*.yaml
commit_all "Reopen MLOG-007 for a late log review"
run logscan ../logs/upload-service.log --into MLOG-007 --reviewer "Wei-Ting Chen" >"$CASE_TMP/into.out"
tail -n 2 "$CASE_TMP/into.out"

echo "# CSWM_CACHE_TRACE: the cache's line"
export CSWM_CACHE_TRACE=1
run check -q >"$CASE_TMP/check.out"
grep -e '快取' -e '^\[exit' "$CASE_TMP/check.out"

echo "# history: its headings, and the IDs a commit references joined as prose"
first 4 history FIX-012
run history SRS-004 >"$CASE_TMP/history.out"
grep -e '引用' -e '、' "$CASE_TMP/history.out" | head -n 3

echo "# editor-schema: an exported schema that differs from this cswm's"
echo ' ' >>.cswm/schemas/srs.schema.json
run check >"$CASE_TMP/check.out"
grep -e 'editor-schema' "$CASE_TMP/check.out"

echo "# a waived finding's note"
cat >>.cswm.yaml <<'YAML'
waivers:
  - rule: editor-schema
    path: .cswm/schemas/srs.schema.json
    justification: 編輯器設定下一版再更新
    expires: 2027-03-31
YAML
run check >"$CASE_TMP/check.out"
grep -e 'waived' "$CASE_TMP/check.out" | head -n 1
echo "# the same waived finding as a GitHub annotation"
{ "$CSWM" check --format github || true; } | grep -e '^::notice' | head -n 1

echo "# bundle: a document that is a symbolic link is named in the archive's language"
ln -s SRS-004-upload-and-preview.yaml maint/srs/SRS-099-link.yaml
git add -A && git commit -q -m "a link among the documents"
run bundle -o ../linked.tar.gz >/dev/null
tar xOzf ../linked.tar.gz index.html | grep -o 'SRS-099-link.yaml</code></td><td>[^<]*' | sed 's|.*<td>||'
