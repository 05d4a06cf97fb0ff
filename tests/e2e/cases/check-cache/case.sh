# The warm cache of check (.git/cswm/check-cache): cold, warm, after each kind of change
# (a document edited in place with the same size and modification time, added, deleted,
# renamed; a commit; .cswm.yaml; the date; a damaged cache file) check prints byte for
# byte what it prints with the cache off, in every format. CSWM_CACHE_TRACE=1 shows on
# stderr what the cache did: hit (served), partial (only the changed documents checked),
# across (the rules across documents run again over the stored views of the others; "across,
# git": and the git rules where the edits reach, from the stored history), miss (checked
# and stored), off. An edit no rule can see (a comment at the end) is served; one that
# changes other documents' findings (an ID that links name, a duplicate) is not: they are
# found again.
source "$E2E_DIR/fill.sh"
make_filled_repo repo
commit_all "Start the preview work"

# same [ARGS...]: check through the cache must equal check without it, in every format.
same() {
  local format status_cached status_fresh
  for format in text json sarif junit github; do
    status_cached=0
    status_fresh=0
    CSWM_CACHE_TRACE= "$CSWM" check --format "$format" "$@" >"$CASE_TMP/cached" 2>&1 || status_cached=$?
    CSWM_CACHE_TRACE= "$CSWM" check --no-cache --format "$format" "$@" >"$CASE_TMP/fresh" 2>&1 || status_fresh=$?
    if ! cmp -s "$CASE_TMP/cached" "$CASE_TMP/fresh" || [ "$status_cached" -ne "$status_fresh" ]; then
      echo "DIFFERENT with the cache ($format, exit $status_cached vs $status_fresh):"
      diff "$CASE_TMP/fresh" "$CASE_TMP/cached" | head -20
      return 0
    fi
  done
  echo "same output with and without the cache (text, json, sarif, junit, github)"
}

export CSWM_CACHE_TRACE=1
echo "# cold, then warm"
run check
run check
run check --format json
same
echo "# check PATH is served from the stored whole-tree result"
run check maint/srs
same maint/test-report

echo "# an edit of the same size, with the modification time put back (the racy case)"
srs=$(ls maint/srs/*.yaml)
touch -r "$srs" "$CASE_TMP/stamp"
sed -i 's/^  - id: REQ-001/  - id: REQ-00X/' "$srs"
touch -r "$CASE_TMP/stamp" "$srs"
run check
same

echo "# a commit moves HEAD"
commit_all "Rename the requirement"
run check
same

echo "# added, deleted and renamed documents"
cp "$srs" maint/srs/copy.yaml
run check
same
rm maint/srs/copy.yaml
report=$(ls maint/test-report/*.yaml)
mv "$report" maint/test-report/renamed.yaml
run check
same
mv maint/test-report/renamed.yaml "$report"
run check

echo "# .cswm.yaml changes"
printf 'rules:\n  schema: warning\n' >>.cswm.yaml
run check
same
git checkout -q .cswm.yaml

echo "# another day"
CSWM_TODAY=2026-06-30 run check
CSWM_TODAY=2026-06-30 run check

echo "# a damaged cache file is ignored and rewritten"
printf 'garbage' >.git/cswm/check-cache
run check
head -c 100 /dev/urandom >.git/cswm/check-cache
run check
run check
same

echo "# --no-cache and CSWM_NO_CACHE=1 neither read nor write it"
rm .git/cswm/check-cache
run check --no-cache
CSWM_NO_CACHE=1 run check
test -e .git/cswm/check-cache || echo "no cache file written"

echo "# a cache that cannot be written: same output, nothing stored"
mkdir .git/cswm/check-cache
run check
run check
rmdir .git/cswm/check-cache

echo "# concurrent checks"
"$CSWM" check --no-cache >"$CASE_TMP/expected" 2>/dev/null || true
for i in 1 2 3 4; do
  ("$CSWM" check >"$CASE_TMP/concurrent.$i" 2>/dev/null || true) &
done
wait
for i in 1 2 3 4; do
  cmp -s "$CASE_TMP/expected" "$CASE_TMP/concurrent.$i" && echo "concurrent run $i: same output" ||
    echo "concurrent run $i: DIFFERENT"
done
run check

echo "# a comment appended to one document: only it is parsed again, and nothing the rules see changed"
printf '# a note for later\n' >>"$srs"
run check
same
echo "# a comment on top moves every line of it: checked again"
sed -i '1i # a note on top' "$srs"
run check
same
echo "# one document's change alters the findings of others: its ID changes (links dangle)"
srs_id=$(sed -n 's/^id: //p' "$srs")
sed -i "s/^id: $srs_id/id: SRS-999/" "$srs"
run check
same
echo "# and a duplicate of it appears"
cp "$srs" maint/srs/SRS-999-twin.yaml
run check
same
rm maint/srs/SRS-999-twin.yaml
git checkout -q "$srs"
run check
same

echo "# prose edited (a title): only that document is checked again"
sed -i 's/^title: .*/title: "File previews, v2.4 (revised)"/' "$srs"
run check
same
echo "# a dangling source in the SRS: the rules across documents see it"
sed -i 's/^    sources: \[\]/    sources: [AREQ-404]/' "$srs"
run check
same
echo "# then its change summary grows by two lines above it: the link's finding moves with it"
sed -i 's/^change_summary: .*/change_summary: >-\n  Adds PDF previews\n  (change request CR-118)./' "$srs"
run check
same
echo "# a duplicate whose lines move: other documents name its lines, so the tree is checked"
cp "$srs" maint/srs/SRS-001-twin.yaml
run check
sed -i 's/^change_summary: >-/change_summary: >-\n  Revised:/' maint/srs/SRS-001-twin.yaml
run check
same
rm maint/srs/SRS-001-twin.yaml
git checkout -q "$srs"
run check

echo "# a security incident whose hour for notification runs out between two runs"
areq=$(new_doc anomaly-request "Leaked share links")
learned=$(date -u -d '-3598 seconds' +%Y-%m-%dT%H:%M:%SZ)
sed -i -e 's/^  is_security_incident: false/  is_security_incident: true/' \
  -e "s/^  learned_at: null /  learned_at: \"$learned\"/" "$areq"
"$CSWM" check >/dev/null 2>&1 || true
sleep 3
same
CSWM_CACHE_TRACE= "$CSWM" check 2>/dev/null | grep -c 'security-notification' || true
rm "$areq"
run check

echo "# a modeline names a schema outside .cswm/schemas/, which then appears"
sed -i '1s|\$schema=[^ ]*|$schema=../../other/srs.json|' "$srs"
run check
mkdir other
printf '{}\n' >other/srs.json
run check
same
rm -r other
git checkout -q "$srs"
run check

# brief: check, printing what `run` does but for the findings of the scaffolds' placeholders
# and unfilled fields (the documents below are new): the trace, the other findings, the count.
brief() {
  local status=0
  echo "\$ cswm check  (placeholder and schema findings left out)"
  "$CSWM" check >"$CASE_TMP/out" 2>"$CASE_TMP/err" || status=$?
  grep -v -e '\[placeholder\]$' -e '\[schema\]$' "$CASE_TMP/out"
  sed 's/^/stderr: /' "$CASE_TMP/err"
  echo "[exit $status]"
}

echo "# a status the git rules do not read (an anomaly request's): the rules across documents"
echo "# but git's run again, over the other documents as the cache keeps them"
areq=$(new_doc anomaly-request "Previews fail for large files")
arec=$(new_doc anomaly-record "Previews fail for large files")
areq_id=$(sed -n 's/^id: //p' "$areq")
sed -i "s/^request: null /request: $areq_id/" "$arec"
echo "# (two documents added first: the git rules of those two alone run)"
brief
same
sed -i 's/^status: draft/status: accepted/' "$areq"
brief
same
echo "# the record then names another request: the first, unchanged, is left without one"
sed -i "s/^request: $areq_id/request: AREQ-404/" "$arec"
brief
same
CSWM_CACHE_TRACE= "$CSWM" check 2>/dev/null | grep 'request-without-record' || true
echo "# more edits: the views of every document changed since the full check are kept"
sed -i 's/^status: accepted/status: closed/' "$areq"
brief
same
sed -i "s/^request: AREQ-404/request: $areq_id/" "$arec"
brief
same
echo "# damaged views: the tree is checked"
sed -i 's/^status: closed/status: accepted/' "$areq"
printf 'garbage' >.git/cswm/check-views-changes
brief
same
sed -i 's/^status: accepted/status: closed/' "$areq"
head -c 4096 .git/cswm/check-views >"$CASE_TMP/views"
cp "$CASE_TMP/views" .git/cswm/check-views
brief
same
sed -i 's/^status: closed/status: accepted/' "$areq"
brief
same
echo "# stale views (an older file put back): each view is checked against the cache's hash"
cp .git/cswm/check-views "$CASE_TMP/views-then"
sed -i "s/^request: $areq_id/request: AREQ-404/" "$arec"
brief
# Once the record's change is older than the racy margin, a run stamps it as trusted: its
# view is then the stored one, not read again.
sleep 3
"$CSWM" check >/dev/null 2>&1 || true
cp "$CASE_TMP/views-then" .git/cswm/check-views
rm -f .git/cswm/check-views-changes
sed -i 's/^status: accepted/status: closed/' "$areq"
brief
same
echo "# a fix's status, which the git rules read: those of that fix run again"
fix=$(ls maint/fix-confirmation/*.yaml)
sed -i 's/^status: .*/status: verified/' "$fix"
brief
same
git checkout -q "$fix"
rm "$areq" "$arec"
brief

echo "# not a git repository: no cache"
mkdir ../plain
cp -r .cswm.yaml maint ../plain/
cd ../plain
run check
test -e .git || echo "nothing written outside git"
