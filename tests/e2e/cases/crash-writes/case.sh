# Crash-safe writes (issue 9). cswm is killed with SIGKILL at random moments while it
# writes (link, new, import junit --into, logscan --into, renumber, bundle -o): every
# document is afterwards exactly its old or its new version, never partial or empty, and
# no file is left that check would read; a bundle is never left partial at its
# destination. Temporary files that killed writes leave are removed by the next writer
# of their folder once they are old, and check never reads them. Then a full disk, a
# read-only document and a read-only folder: a clear error, exit 2, the original
# untouched. Then two `link` at once on one document, and a `link`, an `import --into`
# and a `logscan --into` on documents at once, thirty and ten times: no write is lost.
#
# The kill loops make 205 runs (issue 9 asks for at least 200); a sanitizer build makes a
# quarter of them (it looks for memory errors, which any run finds; the loops' point is
# the timing, proven by the ordinary build). The counts go to stderr: the golden is the
# same for both.
source "$E2E_DIR/hostile.sh"
killed_total=0
# runs COUNT: how many runs a loop makes in this build.
runs() { if cswm_sanitized; then echo $(($1 / 4)); else echo "$1"; fi; }
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

# bundle: the destination holds a bundle of the previous commit ("old") and gets one of HEAD.
document[bundle]=$CASE_TMP/kill.tar.gz
command[bundle]="bundle -o $CASE_TMP/kill.tar.gz"
"$CSWM" bundle --rev HEAD~1 -o "$CASE_TMP/kill.tar.gz" >/dev/null

for name in link import logscan new bundle; do
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
  local name=$1 count doc=${document[$1]} ms
  count=$(runs "$2")
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
  killed_total=$((killed_total + count))
  echo "$name: runs killed at random; documents broken: $broken"
  echo "$name: $count runs, $as_old left old, $as_new left new (an uninterrupted run: ${ms} ms)" >&2
}
kill_loop link 40
kill_loop import 35
kill_loop logscan 35
kill_loop new 35
kill_loop bundle 25
echo "bundle: files left beside the destination other than hidden .kill.tar.gz.*.tmp ones: \
$(find "$CASE_TMP" -maxdepth 1 -name '.*.tmp' | grep -c -v -E '/\.kill\.tar\.gz\.[0-9a-f]{16}\.tmp$')"
echo "bundle: $(find "$CASE_TMP" -maxdepth 1 -name '.kill.tar.gz.*.tmp' | wc -l) hidden temporary files left" >&2
find "$CASE_TMP" -maxdepth 1 -name '.kill.tar.gz.*.tmp' -delete

# renumber edits several documents and renames one: each file must be its old or its
# new version, every document kept by both must exist, and the renamed one must exist
# under its old or its new name (or both, when killed between the two steps). Then the
# next writer settles the plan the killed run left: the whole set is old, or new.
snapshot() { find maint -type f ! -name '.*' -print0 | sort -z | xargs -0 sha256sum; }
restore_tree() {
  git checkout -q HEAD -- maint
  git clean -fdq -e '.*.tmp' -- maint # what renumber created; not the temporary files
}
snapshot >"$CASE_TMP/renumber.old"
start=$(date +%s%N)
"$CSWM" renumber SRS-004 SRS-009 >/dev/null
renumber_ms=$((($(date +%s%N) - start) / 1000000 + 1))
snapshot >"$CASE_TMP/renumber.new"
restore_tree
snapshot | cmp -s - "$CASE_TMP/renumber.old" || { echo "renumber: the tree was not restored" >&2; exit 1; }
[ "$(wc -l <"$CASE_TMP/renumber.old")" -eq "$(wc -l <"$CASE_TMP/renumber.new")" ] || exit 1
renumber_broken=0 renumber_mixed=0 renumber_settled_mixed=0 renumber_journals=0 renumber_as_old=0 renumber_as_new=0
declare -A settled_counts
renumber_runs=$(runs 35)
for ((i = 0; i < renumber_runs; i++)); do
  delay=$((RANDOM % (renumber_ms * 5 / 4 + 1)))
  "$CSWM" renumber SRS-004 SRS-009 >/dev/null 2>&1 &
  pid=$!
  (sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))" && kill -KILL "$pid" 2>/dev/null) &
  killer=$!
  wait "$pid" 2>/dev/null || true
  kill "$killer" 2>/dev/null || true
  wait "$killer" 2>/dev/null || true
  # Every visible file: a version of its path in the old or in the new tree.
  if ! snapshot | while read -r hash path; do
    grep -qxF "$hash  $path" "$CASE_TMP/renumber.old" "$CASE_TMP/renumber.new" ||
      { echo "renumber: run $i left $path neither old nor new" >&2; exit 1; }
  done; then
    renumber_broken=$((renumber_broken + 1))
  fi
  # Every path of both trees exists; the renamed document under one name at least.
  missing=$(comm -12 <(cut -c67- "$CASE_TMP/renumber.old" | sort) <(cut -c67- "$CASE_TMP/renumber.new" | sort) |
    while read -r path; do [ -e "$path" ] || echo "$path"; done)
  renamed=$(find maint/srs -name 'SRS-004-*.yaml' -o -name 'SRS-009-*.yaml' | wc -l)
  if [ -n "$missing" ] || [ "$renamed" -lt 1 ]; then
    renumber_broken=$((renumber_broken + 1))
    echo "renumber: run $i lost a document: $missing (renamed: $renamed)" >&2
  fi
  snapshot | cmp -s - "$CASE_TMP/renumber.old" || snapshot | cmp -s - "$CASE_TMP/renumber.new" ||
    renumber_mixed=$((renumber_mixed + 1))
  # The next writer (here `renumber --resume`) finishes the plan the killed run left in
  # .git/cswm/journal.json, or rolls it back: the set is then wholly old or wholly new.
  settled=$("$CSWM" renumber --resume 2>&1) || settled="exit $?: $settled"
  settled_counts[${settled%% *}]=$((${settled_counts[${settled%% *}]:-0} + 1))
  if snapshot | cmp -s - "$CASE_TMP/renumber.old"; then
    renumber_as_old=$((renumber_as_old + 1))
  elif snapshot | cmp -s - "$CASE_TMP/renumber.new"; then
    renumber_as_new=$((renumber_as_new + 1))
  else
    renumber_settled_mixed=$((renumber_settled_mixed + 1))
    echo "renumber: run $i left a mixed set after --resume ($settled)" >&2
  fi
  [ -e .git/cswm/journal.json ] && renumber_journals=$((renumber_journals + 1))
  restore_tree
done
killed_total=$((killed_total + renumber_runs))
echo "renumber: runs killed at random; documents broken: $renumber_broken"
echo "kill loops: $killed_total runs killed in all" >&2
if ! cswm_sanitized && [ "$killed_total" -lt 200 ]; then
  echo "crash-writes: only $killed_total runs were killed; issue 9 asks for at least 200" >&2
  exit 1
fi
echo "renumber: after renumber --resume, sets left mixed: $renumber_settled_mixed; plans left behind: $renumber_journals"
echo "renumber: $renumber_mixed runs left some documents old and some new before --resume; after it" \
  "$renumber_as_old wholly old, $renumber_as_new wholly new (an uninterrupted run: ${renumber_ms} ms)" >&2
for outcome in "${!settled_counts[@]}"; do echo "renumber --resume: $outcome: ${settled_counts[$outcome]}" >&2; done

echo "# no file check would read is left behind; temporary files are hidden"
visible_files | diff "$CASE_TMP/files.before" - && echo "the same files as before"
find maint -name '.*.tmp' | grep -v -E '/\.[^/]+\.yaml\.[0-9a-f]{16}\.tmp$' || echo "every leftover is a hidden .tmp file"
find maint -name '.*.tmp' -delete
run check "$fix" "$report" "$mlog"

echo "# temporary files of killed writes: check never reads them; the next writer of their"
echo "# folder removes ours once ten minutes old, and nothing else"
fix_dir=$(dirname "$fix")
report_dir=$(dirname "$report")
printf 'id: [FIX-014\n' >"$fix_dir/.$(basename "$fix").00000000deadbeef.tmp"
printf 'id: [FIX-014\n' >"$fix_dir/.$(basename "$fix").00000000cafef00d.tmp"
printf 'kind: [\n' >"$report_dir/.$(basename "$report").00000000deadbeef.tmp"
printf 'not ours\n' >"$fix_dir/.notes.tmp"
touch -d '-11 minutes' "$fix_dir/.$(basename "$fix").00000000deadbeef.tmp" "$fix_dir/.notes.tmp" \
  "$report_dir/.$(basename "$report").00000000deadbeef.tmp"
"$CSWM" check >"$CASE_TMP/check.out" 2>&1 || true
grep -q -e deadbeef -e cafef00d -e notes.tmp "$CASE_TMP/check.out" && echo "check names one of them" ||
  echo "check names none of them"
tail -1 "$CASE_TMP/check.out"
"$CSWM" link FIX-014 HEAD >/dev/null
cp "$CASE_TMP/link.old" "$fix"
find maint -name '.*.tmp' | sed 's|.*/||' | sort
"$CSWM" import junit results/go.xml --quality-spec QS-004 --into TR-011 --commit HEAD >/dev/null || true
cp "$CASE_TMP/import.old" "$report"
echo "after import --into TR-011:"
find maint -name '.*.tmp' | sed 's|.*/||' | sort
find maint -name '.*.tmp' -delete

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

echo "# two links on one document at once, thirty times: no commit is lost"
git commit -q --allow-empty -m "a second commit to link"
first=$(git rev-parse HEAD~1)
second=$(git rev-parse HEAD)
lost=0
for ((i = 0; i < 30; i++)); do
  cp "$CASE_TMP/link.old" "$fix"
  "$CSWM" link FIX-014 "$first" >/dev/null 2>&1 &
  "$CSWM" link FIX-014 "$second" >/dev/null 2>&1 &
  wait
  grep -q -- "- $first" "$fix" && grep -q -- "- $second" "$fix" || lost=$((lost + 1))
done
echo "runs that lost a commit: $lost"
cp "$CASE_TMP/link.old" "$fix"

echo "# link, import --into and logscan --into on one document each, and link on the"
echo "# maintenance log, all at once, ten times: every write kept (one lock for all writers)"
lost=0
for ((i = 0; i < 10; i++)); do
  cp "$CASE_TMP/link.old" "$fix"
  cp "$CASE_TMP/import.old" "$report"
  cp "$CASE_TMP/logscan.old" "$mlog"
  "$CSWM" link FIX-014 "$first" >/dev/null 2>&1 &
  # shellcheck disable=SC2086 # the commands are words
  "$CSWM" ${command[import]} >/dev/null 2>&1 &
  # shellcheck disable=SC2086
  "$CSWM" ${command[logscan]} >/dev/null 2>&1 &
  "$CSWM" link MLOG-007 "$second" --action 1 >/dev/null 2>&1 &
  wait
  grep -q -- "- $first" "$fix" || lost=$((lost + 1))
  cmp -s "$report" "$CASE_TMP/import.old" && lost=$((lost + 1))
  grep -q -- "$second" "$mlog" && grep -q "reviewer: Jun-Hao_Lin" "$mlog" || lost=$((lost + 1))
done
echo "writes lost: $lost"
cp "$CASE_TMP/link.old" "$fix"
cp "$CASE_TMP/import.old" "$report"
cp "$CASE_TMP/logscan.old" "$mlog"

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
