# Crash-safe writes (issue 9). cswm is killed with SIGKILL at random moments while it
# writes (link, new, import junit --into, logscan --into): every document is afterwards
# exactly its old or its new version, never partial or empty, and no file is left that
# check would read. Then a full disk, a read-only document and a read-only folder: a
# clear error, exit 2, the original untouched. Then two `link` at once on one document,
# fifty times: neither commit is lost.
# More writers join the kill loop by a `kill_loop NAME COUNT` call after their own
# prepare_NAME, run_NAME and expected-file setup (renumber and bundle, once they land).
"$SOURCE_DIR/examples/make-demo-repo.sh" demo >/dev/null
git -C demo config user.name "Ann Lee" # the owner of the documents `new` makes
cd demo
export CSWM_TODAY=2026-11-26
mkdir -p results logs
cp "$SOURCE_DIR/tests/fixtures/junit/go.xml" "$SOURCE_DIR/tests/fixtures/junit/pytest.xml" results/
cp "$SOURCE_DIR/tests/fixtures/logs/upload-service.log" logs/
sed -i 's/^status: closed/status: open/' maint/maintenance-log/MLOG-007-*.yaml
"$CSWM" new fix-confirmation --title "killed link" >/dev/null
"$CSWM" new test-report --title "killed import" >/dev/null
git add -A && git commit -q -m "Inputs and drafts for the kill loop"
fix=$(ls maint/fix-confirmation/FIX-014-*.yaml)
report=$(ls maint/test-report/TR-011-*.yaml)
mlog=$(ls maint/maintenance-log/MLOG-007-*.yaml)
sha() { sha256sum "$1" | cut -d' ' -f1; }
visible_files() { find maint -type f ! -name '.*' | sort; }

# Each writer: what its document is before (saved to $CASE_TMP/NAME.old), the command,
# and the document it writes. The new version is what an uninterrupted run leaves.
declare -A document command
document[link]=$fix
command[link]="link FIX-014 HEAD"
document[import]=$report
command[import]="import junit results/go.xml results/pytest.xml --quality-spec QS-004 --into TR-011 --commit HEAD"
document[logscan]=$mlog
command[logscan]="logscan logs/upload-service.log --into MLOG-007 --reviewer Jun-Hao_Lin --top 3"
document[new]=maint/test-report/TR-012-killed-new.yaml
command[new]="new test-report --title killed-new"

for name in link import logscan new; do
  doc=${document[$name]}
  if [ -e "$doc" ]; then cp "$doc" "$CASE_TMP/$name.old"; fi
  start=$(date +%s%N)
  # shellcheck disable=SC2086 # the command is words
  "$CSWM" ${command[$name]} >/dev/null
  elapsed_ms=$((($(date +%s%N) - start) / 1000000))
  echo "$((elapsed_ms > 0 ? elapsed_ms : 1))" >"$CASE_TMP/$name.ms"
  cp "$doc" "$CASE_TMP/$name.new"
  if [ -e "$CASE_TMP/$name.old" ]; then cp "$CASE_TMP/$name.old" "$doc"; else rm "$doc"; fi
  cmp -s "$CASE_TMP/$name.new" "$doc" && echo "$name: the command changed nothing" >&2 && exit 1
done
visible_files >"$CASE_TMP/files.before"

# kill_loop NAME COUNT: COUNT runs of NAME's command, each killed with SIGKILL after a
# random delay up to 1.25 times what an uninterrupted run takes; after each, the document
# must be its old or its new version (or absent, for `new`).
kill_loop() {
  local name=$1 count=$2 doc=${document[$1]} ms
  ms=$(cat "$CASE_TMP/$name.ms")
  local old_sha="" new_sha broken=0 as_old=0 as_new=0 pid killer delay i
  [ -e "$CASE_TMP/$name.old" ] && old_sha=$(sha "$CASE_TMP/$name.old")
  new_sha=$(sha "$CASE_TMP/$name.new")
  for ((i = 0; i < count; i++)); do
    delay=$((RANDOM % (ms * 5 / 4 + 1)))
    # shellcheck disable=SC2086
    "$CSWM" ${command[$name]} >/dev/null 2>&1 &
    pid=$!
    # The killer waits in the background, so that a run that ends first ends the wait.
    (sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))" && kill -KILL "$pid" 2>/dev/null) &
    killer=$!
    wait "$pid" 2>/dev/null || true
    kill "$killer" 2>/dev/null || true
    wait "$killer" 2>/dev/null || true
    if [ ! -e "$doc" ] && [ -z "$old_sha" ]; then
      as_old=$((as_old + 1))
    elif [ -e "$doc" ] && [ "$(sha "$doc")" = "$old_sha" ]; then
      as_old=$((as_old + 1))
    elif [ -e "$doc" ] && [ "$(sha "$doc")" = "$new_sha" ]; then
      as_new=$((as_new + 1))
    else
      broken=$((broken + 1))
      echo "$name: run $i left $doc neither old nor new:" >&2
      ls -l "$doc" >&2 || true
    fi
    if [ -n "$old_sha" ]; then cp "$CASE_TMP/$name.old" "$doc"; else rm -f "$doc"; fi
  done
  echo "$name: $count runs killed at random; documents broken: $broken"
  echo "$name: $as_old left old, $as_new left new (an uninterrupted run: ${ms} ms)" >&2
}
kill_loop link 60
kill_loop import 45
kill_loop logscan 45
kill_loop new 50

echo "# no file check would read is left behind; temporary files are hidden"
visible_files | diff "$CASE_TMP/files.before" - && echo "the same files as before"
find maint -name '.*.tmp' | grep -v -E '/\.[^/]+\.yaml\.[0-9a-f]{16}\.tmp$' || echo "every leftover is a hidden .tmp file"
find maint -name '.*.tmp' -delete
run check "$fix" "$report" "$mlog"

echo "# a full disk (a file-size limit): a clear error, exit 2, the document untouched"
cp "$fix" "$CASE_TMP/fix.before"
(
  ulimit -f 1
  trap '' XFSZ # the write fails with EFBIG, as on a full disk, instead of killing cswm
  run link FIX-014 HEAD~1
) | sed -E 's/\.[0-9a-f]{16}\.tmp/.XXXX.tmp/'
cmp "$CASE_TMP/fix.before" "$fix" && echo "untouched"
(
  ulimit -f 1
  "$CSWM" link FIX-014 HEAD~1 >/dev/null 2>&1 # killed by SIGXFSZ halfway through its write
) || echo "killed by the file-size limit"
cmp "$CASE_TMP/fix.before" "$fix" && echo "untouched"
visible_files | diff "$CASE_TMP/files.before" - && echo "the same files as before"
find maint -name '.*.tmp' -delete

echo "# two links on one document at once, fifty times: no commit is lost"
git commit -q --allow-empty -m "a second commit to link"
first=$(git rev-parse HEAD~1)
second=$(git rev-parse HEAD)
lost=0
for ((i = 0; i < 50; i++)); do
  cp "$CASE_TMP/link.old" "$fix"
  "$CSWM" link FIX-014 "$first" >/dev/null 2>&1 &
  "$CSWM" link FIX-014 "$second" >/dev/null 2>&1 &
  wait
  grep -q -- "- $first" "$fix" && grep -q -- "- $second" "$fix" || lost=$((lost + 1))
done
echo "runs that lost a commit: $lost"
cp "$CASE_TMP/link.old" "$fix"

echo "# read-only document and folder (as the user nobody: root writes anyway)"
if [ "$(id -u)" -ne 0 ] || ! id nobody >/dev/null 2>&1; then
  echo "crash-writes: skipped the read-only part: needs root and a user nobody" >&2
  exit 77
fi
git add -A && git commit -q --allow-empty -m "before the read-only part"
chmod 755 "$CASE_TMP" "$CASE_TMP/work"
chown -R nobody "$PWD"
mkdir "$CASE_TMP/home" && chown nobody "$CASE_TMP/home"
as_nobody() { HOME="$CASE_TMP/home" setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"; }
chmod 444 "$fix"
cp "$fix" "$CASE_TMP/fix.before"
as_nobody "$CSWM" link FIX-014 HEAD >"$CASE_TMP/out" 2>&1 && status=0 || status=$?
sed -E "s|$PWD/||" "$CASE_TMP/out"
echo "[exit $status]"
cmp "$CASE_TMP/fix.before" "$fix" && echo "untouched" && stat -c '%a' "$fix"
chmod 644 "$fix"
chmod 555 "$(dirname "$fix")"
as_nobody "$CSWM" link FIX-014 HEAD >"$CASE_TMP/out" 2>&1 && status=0 || status=$?
sed -E "s|$PWD/||" "$CASE_TMP/out"
echo "[exit $status]"
cmp "$CASE_TMP/fix.before" "$fix" && echo "untouched"
chmod 755 "$(dirname "$fix")"
