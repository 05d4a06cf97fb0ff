# cswm renumber OLD [NEW]: one document or item gets a new ID, every mention of the old
# one in the tree is rewritten (links, free text, comments, waivers of .cswm.yaml), the
# file is renamed when its name begins with the ID; commits keep naming the old ID.
# Branch-safe IDs: two branches that each took the next ID are told apart by --file.
"$SOURCE_DIR/examples/make-demo-repo.sh" demo >/dev/null
cd demo
export CSWM_TODAY=2026-12-01
printf 'waivers:\n  - rule: requirement-wording\n    id: "REQ-042"  # quoted\n    justification: agreed\n' >>.cswm.yaml
git commit -qam "Waive REQ-042's wording"

echo "# what would change, writing nothing"
run renumber SRS-004 --dry-run
git status --short

echo "# a document: the next free SRS ID, its file renamed"
run renumber SRS-004
git status --short | cat -v
git diff -U0 maint/quality-spec | grep '^[-+][^-+]'
run check maint/srs maint/quality-spec
git add -A && git commit -qm "Renumber SRS-004"

echo "# an item: REQ-042 becomes REQ-050 in its SRS and wherever it is named, waivers too"
run renumber REQ-042 REQ-050
git diff -U0 .cswm.yaml maint/quality-spec | grep '^[-+][^-+]'
run check
git add -A && git commit -qm "Renumber REQ-042"

echo "# refused: nothing is written"
run renumber REQ-041 REQ-050
run renumber FIX-012 FIX-013
run renumber SRS-005 QS-009
run renumber FIX-12
run renumber SRS-005 SRS-6
run renumber fix
run renumber REQ-041 REQ-041
sed -i 's/^# Closed on 2026-11-30: resumable uploads (REQ-050)/# Closed on 2026-11-30: resumable uploads (REQ-050, later REQ-077)/' \
  maint/anomaly-request/AREQ-006-*.yaml
run renumber REQ-041 REQ-077
printf 'kind: srs\nnotes: [REQ-041\n' >maint/srs/SRS-099-broken.yaml
run renumber REQ-041
rm maint/srs/SRS-099-broken.yaml
git checkout -q -- maint
git status --short

echo "# two branches each created FIX-001; after the merge check names both files"
cd ..
make_repo twin
cd twin
commit_all "Start"
git checkout -q -b left
"$CSWM" new fix-confirmation --title "Login loop" >/dev/null
commit_all "Record the login fix"
git checkout -q main
git checkout -q -b right
"$CSWM" new fix-confirmation --title "Upload stalls" >/dev/null
"$CSWM" new test-report --title "Nightly" >/dev/null
sed -i 's/^\(  - case: .*\)$/\1/; s/^    fix: null/    fix: FIX-001/' maint/test-report/TR-001-nightly.yaml
commit_all "Record the upload fix"
git commit -q --allow-empty -m "upload: retry stalled parts" -m "Refs: FIX-001"
git checkout -q left
git merge -q --no-edit right
ls maint/fix-confirmation
"$CSWM" check maint/fix-confirmation | grep -v '\[placeholder\]' || true
run renumber FIX-001
run renumber FIX-001 --file maint/fix-confirmation/FIX-001-upload-stalls.yaml
git status --short
"$CSWM" check maint/fix-confirmation | grep -v '\[placeholder\]' || true

echo "# a renumber killed halfway left its plan: check (which writes nothing) names it; --resume finishes it"
git checkout -q -- maint
target=$(ls maint/test-report/TR-001-*.yaml)
python3 - "$target" <<'PY'
import json, pathlib, sys
path = sys.argv[1]
before = pathlib.Path(path).read_text()
after = before.replace("fix: FIX-001", "fix: FIX-002")
assert after != before
plan = {"journal": 1, "what": "renumber FIX-001 FIX-002",
        "entries": [{"from": path, "to": path, "before": before, "after": after}]}
pathlib.Path(".git/cswm").mkdir(parents=True, exist_ok=True)
pathlib.Path(".git/cswm/journal.json").write_text(json.dumps(plan))
PY
"$CSWM" check "$target" >/dev/null 2>"$CASE_TMP/check.err" || true
sed 's/^/stderr: /' "$CASE_TMP/check.err"
"$CSWM" --lang zh-TW check "$target" >/dev/null 2>"$CASE_TMP/check.err" || true
sed 's/^/stderr: /' "$CASE_TMP/check.err"
run renumber --resume
grep -c "fix: FIX-002" "$target"
"$CSWM" check "$target" >/dev/null 2>"$CASE_TMP/check.err" || true
echo "notes after: $(wc -l <"$CASE_TMP/check.err")"
