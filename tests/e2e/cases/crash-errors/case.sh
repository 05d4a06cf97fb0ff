# Full disk, read-only document, read-only folder (issue 9), for every writer: link, new,
# renumber, import junit --into, logscan --into, review and bundle -o. Each stops with a
# clear error and exit 2, and leaves every file as it was: the whole documents tree (and
# .cswm.yaml, and a bundle's destination) byte for byte, with no file check would read.
# The full disk is a file-size limit (`ulimit -f`, SIGXFSZ ignored so a write fails with
# EFBIG); read-only means for the user nobody, since root writes anyway.
: "${SOURCE_DIR:?run this case through ctest}" "${CSWM:?}" "${CASE_TMP:?}" # it chowns and writes
"$SOURCE_DIR/examples/make-demo-repo.sh" demo >/dev/null
cd demo
export CSWM_TODAY=2026-11-26
mkdir -p results logs
cp "$SOURCE_DIR/tests/fixtures/junit/go.xml" results/
cp "$SOURCE_DIR/tests/fixtures/logs/upload-service.log" logs/
sed -i 's/^status: closed/status: open/' maint/maintenance-log/MLOG-007-*.yaml
"$CSWM" new fix-confirmation --title "target of link" >/dev/null
"$CSWM" new test-report --title "target of import" >/dev/null
git add -A && git commit -q -m "drafts to write into"
"$CSWM" bundle -o "$CASE_TMP/old.tar.gz" >/dev/null
git commit -q --allow-empty -m "a commit to link"

fix=$(ls maint/fix-confirmation/FIX-014-*.yaml)
report=$(ls maint/test-report/TR-011-*.yaml)
mlog=$(ls maint/maintenance-log/MLOG-007-*.yaml)
spec=$(ls maint/quality-spec/QS-004-*.yaml)
srs=$(ls maint/srs/SRS-004-*.yaml)
declare -A command target
command[link]="link FIX-014 HEAD"
target[link]=$fix
command[new]="new test-report --title written-on-a-full-disk"
target[new]=maint/test-report
command[renumber]="renumber SRS-004 SRS-009"
target[renumber]=$srs
command[import]="import junit results/go.xml --quality-spec QS-004 --into TR-011 --commit HEAD"
target[import]=$report
command[logscan]="logscan logs/upload-service.log --into MLOG-007 --reviewer Jun-Hao_Lin --top 3"
target[logscan]=$mlog
command[review]="review QS-004 --by Daniel_Foster"
target[review]=$spec
command[bundle]="bundle -o $CASE_TMP/dest/demo.tar.gz"
target[bundle]=$CASE_TMP/dest/demo.tar.gz
writers="link new renumber import logscan review bundle"
mkdir "$CASE_TMP/dest"
cp "$CASE_TMP/old.tar.gz" "$CASE_TMP/dest/demo.tar.gz"

# Everything a writer could change, hidden temporary files included.
state() { find maint .cswm.yaml "$CASE_TMP/dest" -type f -print0 | sort -z | xargs -0 sha256sum; ls .git/cswm 2>/dev/null || true; }
state >"$CASE_TMP/state.before"
unchanged() {
  if state | cmp -s - "$CASE_TMP/state.before"; then
    echo "untouched"
  else
    echo "CHANGED:"
    state | diff "$CASE_TMP/state.before" - | sed "s|$CASE_TMP/||"
  fi
}
shown() { sed -E -e "s|$PWD/||g" -e "s|$CASE_TMP/||g" -e 's/\.[0-9a-f]{16}\.tmp/.XXXX.tmp/g'; }

# Every writer runs for real first (then the tree is put back): each one does write.
for name in $writers; do
  # shellcheck disable=SC2086 # the command is words
  "$CSWM" ${command[$name]} >/dev/null 2>"$CASE_TMP/err" || { echo "$name failed:"; cat "$CASE_TMP/err"; }
  state | cmp -s - "$CASE_TMP/state.before" && echo "$name wrote nothing"
  git checkout -q HEAD -- maint .cswm.yaml && git clean -fdq -- maint
  cp "$CASE_TMP/old.tar.gz" "$CASE_TMP/dest/demo.tar.gz"
done
state | cmp -s - "$CASE_TMP/state.before" || echo "the tree was not restored"

echo "# a full disk (a file-size limit of 1 KiB)"
for name in $writers; do
  echo "\$ cswm ${command[$name]}" | shown
  (
    ulimit -f 1
    trap '' XFSZ
    # shellcheck disable=SC2086
    "$CSWM" ${command[$name]} >"$CASE_TMP/out.txt" 2>&1 && echo "[exit 0]" || echo "[exit $?]"
  ) >"$CASE_TMP/status"
  shown <"$CASE_TMP/out.txt"
  cat "$CASE_TMP/status"
  unchanged
done

if [ "$(id -u)" -ne 0 ] || ! id nobody >/dev/null 2>&1; then
  echo "crash-errors: skipped the read-only part: needs root and a user nobody" >&2
  exit 77
fi
chmod 755 "$CASE_TMP" "$CASE_TMP/work"
chown -R nobody "$PWD" "$CASE_TMP/dest"
mkdir -p "$CASE_TMP/home" && chown nobody "$CASE_TMP/home"
as_nobody() { HOME="$CASE_TMP/home" setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"; }
run_as_nobody() { # NAME
  echo "\$ cswm ${command[$1]}" | shown
  # shellcheck disable=SC2086
  as_nobody "$CSWM" ${command[$1]} >"$CASE_TMP/out.txt" 2>&1 && status=0 || status=$?
  shown <"$CASE_TMP/out.txt"
  echo "[exit $status]"
}

echo "# a read-only document (the one each writer edits; new and bundle: their destination)"
for name in $writers; do
  [ "$name" = new ] && continue # new edits no existing file
  chmod 444 "${target[$name]}"
  state >"$CASE_TMP/state.before"
  run_as_nobody "$name"
  unchanged
  chmod 644 "${target[$name]}"
done
state >"$CASE_TMP/state.before"

echo "# a read-only folder (the one each writer writes in)"
for name in $writers; do
  folder=$(dirname "${target[$name]}")
  [ "$name" = new ] && folder=${target[$name]}
  chmod 555 "$folder"
  run_as_nobody "$name"
  unchanged
  chmod 755 "$folder"
done
