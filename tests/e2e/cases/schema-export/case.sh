# schema export: every kind's JSON Schema into .cswm/schemas (from anywhere in the
# repository) or into --dir; a second run leaves the files alone.
make_repo repo
cd repo
ls .cswm/schemas | wc -l # init exported them already
rm -rf .cswm
run schema export
ls .cswm/schemas
# The exported schema is the kind's own, standalone (common.json inlined).
grep -c '"\$ref"' .cswm/schemas/fix-confirmation.schema.json || true
grep -m1 '"\$id"' .cswm/schemas/fix-confirmation.schema.json
ls -i .cswm/schemas | sort -k2 >"$CASE_TMP/inodes-before"
cat .cswm/schemas/*.json | cksum >"$CASE_TMP/sums-before"
touch -d '2001-01-01' .cswm/schemas/*.json
"$CSWM" schema export >/dev/null
ls -i .cswm/schemas | sort -k2 | cmp - "$CASE_TMP/inodes-before" && echo "same files after a second run"
cat .cswm/schemas/*.json | cksum | cmp - "$CASE_TMP/sums-before" && echo "same content after a second run"
find .cswm/schemas -type f -newermt '2002-01-01' | wc -l # none rewritten
# A schema that a user edited is put back.
echo '{}' >.cswm/schemas/srs.schema.json
"$CSWM" schema export >/dev/null
cat .cswm/schemas/*.json | cksum | cmp - "$CASE_TMP/sums-before" && echo "edited schema restored"
run schema export --dir editor/schemas
cmp -s editor/schemas/srs.schema.json .cswm/schemas/srs.schema.json && echo "--dir writes the same schemas"
mkdir -p maint/srs/deep && cd maint/srs/deep
run schema export --dir here
ls here | wc -l
cd ../../..
rm -rf .cswm/schemas
cd maint
run schema export # from a subfolder: still into the repository's .cswm/schemas
ls ../.cswm/schemas | wc -l
cd ..
touch not-a-folder
run schema export --dir not-a-folder

# new writes a modeline to its kind's schema and puts that schema back when it is stale.
"$CSWM" schema export >/dev/null
echo '{"title": "an old srs schema"}' >.cswm/schemas/srs.schema.json
rm .cswm/schemas/test-report.schema.json
run check # the stale export is a warning at its file
run new srs --title "Uploads"
head -n 2 maint/srs/SRS-001-uploads.yaml
run new test-report --title "Release run"
# check warns about modelines naming another kind's schema or a missing file.
sed -i '1s/test-report.schema.json/srs.schema.json/' maint/test-report/TR-001-release-run.yaml
"$CSWM" new test-report --title "Second run" >/dev/null
sed -i '1s|\.\./\.\./\.cswm|../.cswm|' maint/test-report/TR-002-second-run.yaml
"$CSWM" new test-report --title "Third run" >/dev/null
rm .cswm/schemas/test-report.schema.json # the modeline is right, the file is gone
echo '$ cswm check | grep editor-schema'
"$CSWM" check | grep editor-schema
"$CSWM" schema export >/dev/null
echo '$ cswm check | grep -c editor-schema  # after schema export'
"$CSWM" check | grep -c editor-schema || true
