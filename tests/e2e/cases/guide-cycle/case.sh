# shellcheck shell=bash
# docs/guide.md, as a reader types it: every command of its marked blocks (chapter 2's
# maintenance cycle, and the examples of chapters 3, 5 and 6) runs in a new folder, and
# what cswm prints must be what the guide shows (guide-run.sh says how blocks are marked).
# The transcript is the golden; docs/guide.zh-TW.md must mark the same blocks, byte for
# byte. When cswm's output changes on purpose: `guide-run.sh build/dev/cmd/cswm
# docs/guide.md /tmp/guide-update --update`, read the diff of docs/guide.md, run
# `sync-twin.sh docs/guide.md docs/guide.zh-TW.md`, then regenerate this golden.
# First, the checker itself: a guide that is wrong must fail.
runner="$E2E_DIR/cases/guide-cycle/guide-run.sh"

echo "# a guide that shows the wrong output, a failing command, an edit that does not apply"
cat >"$CASE_TMP/bad.md" <<'GUIDE'
<!-- guide:run -->
```console
$ cswm --version
cswm 9.9.9
$ cswm show NOPE-001
```

<!-- guide:file notes.txt -->
```text
one
```

<!-- guide:patch -->
```diff
--- a/notes.txt
+++ b/notes.txt
@@ -1 +1 @@
-two
+three
```

<!-- guide:run -->
```console
$ cat notes.txt
…
one
```
GUIDE
status=0
"$runner" "$CSWM" "$CASE_TMP/bad.md" "$CASE_TMP/bad" >"$CASE_TMP/bad.out" 2>&1 || status=$?
sed -e 's/^cswm [0-9][0-9.]*$/cswm VERSION/' -e 's/^+cswm [0-9][0-9.]*$/+cswm VERSION/' \
  -e "s|$CASE_TMP|\$TMP|g" "$CASE_TMP/bad.out"
echo "[exit $status]"

echo "# a mark without a block"
printf '<!-- guide:run -->\ntext\n' >"$CASE_TMP/nofence.md"
status=0
"$runner" "$CSWM" "$CASE_TMP/nofence.md" "$CASE_TMP/nofence" >"$CASE_TMP/nofence.out" 2>&1 || status=$?
sed "s|$CASE_TMP|\$TMP|g" "$CASE_TMP/nofence.out"
echo "[exit $status]"

echo "# docs/guide.zh-TW.md marks the same blocks as docs/guide.md"
marked_blocks() {
  awk '/^<!-- guide:(run|file|patch)/ { mark = 1; fence = 0 }
       mark { print }
       mark && /^```/ { if (fence++) { mark = 0 } }' "$1"
}
if diff -u <(marked_blocks "$SOURCE_DIR/docs/guide.md") <(marked_blocks "$SOURCE_DIR/docs/guide.zh-TW.md"); then
  echo "the same $(marked_blocks "$SOURCE_DIR/docs/guide.md" | grep -c '^<!-- guide:') blocks"
fi

echo "# docs/guide.md"
status=0
"$runner" "$CSWM" "$SOURCE_DIR/docs/guide.md" "$CASE_TMP/guide" >"$CASE_TMP/guide.out" || status=$?
# The one line that changes from run to run: how long `cswm -v check` took.
sed 's/^\(cswm: check took \)[0-9]* ms/\1N ms/' "$CASE_TMP/guide.out"
exit "$status"
