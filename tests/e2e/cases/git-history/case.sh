# cswm history: the revisions of a document's file, following renames (a pure `git mv`,
# and a rename with edits in the same commit), and the commits whose Refs: trailers name
# the document or one of its items (REQ of an SRS, TC of a quality spec). Trailer keys are
# case-insensitive; IDs are split at commas and spaces and listed once; a continuation
# line adds IDs, and an empty Refs: hides nothing after it; a Refs: line that is not in
# the message's last paragraph is no trailer. Text and JSON.
export HOME="$CASE_TMP/home" XDG_CONFIG_HOME="$CASE_TMP/home/.config" # libgit2 reads ~/.gitconfig
mkdir -p "$HOME"
"$SOURCE_DIR/examples/make-demo-repo.sh" demo >/dev/null
cd demo
git config user.name "Ann Lee"
git config user.email "ann@example.com"
when() { export GIT_AUTHOR_DATE="2026-12-0$1T10:00:00+08:00" GIT_COMMITTER_DATE="2026-12-0$1T10:00:00+08:00"; }
srs_old=$(ls maint/srs/SRS-004-*.yaml)
srs=maint/srs/SRS-004-previews-and-resumable-uploads.yaml
qs_old=$(ls maint/quality-spec/QS-004-*.yaml)
qs=maint/quality-spec/QS-004-quality-spec-2-4.yaml

echo "# the history before any rename"
run history SRS-004
run history QS-004

when 1
git mv "$srs_old" "$srs"
git commit -q -m "srs: an English file name for SRS-004"
when 2
sed -i 's/^version: .*/version: "1.1"/' "$srs"
git commit -q -am "SRS-004 1.1: wording" -m "refs: SRS-004"
when 3
git mv "$qs_old" "$qs"
sed -i '$a # renamed with an edit in the same commit' "$qs"
git commit -q -am "QS-004: rename and note" -m "REFS: QS-004"
when 4
git commit -q --allow-empty -m "upload: tidy" -m "Refs: REQ-042,REQ-041 ,  REQ-042;TC-107"
when 5
git commit -q --allow-empty -m "preview: tidy" -m "rEfS: TC-107 TC-104
Reviewed-by: Daniel Foster <daniel.foster@filebox.example>"
when 6
git commit -q --allow-empty -m "Not a trailer here" -m "Refs: REQ-042
is in the body, followed by prose, so it is no trailer." -m "Signed-off-by: Ann Lee <ann@example.com>"
when 7
git commit -q --allow-empty -m "Nor here" -m "Refs: SRS-004" -m "The last paragraph is prose."
when 8
git commit -q --allow-empty -m "Continued" -m "Refs: REQ-009,
  REQ-015
Refs:
Reviewed-by: Ann Lee <ann@example.com>"
git log --format='%h %s | %(trailers:key=refs,valueonly,unfold,separator=%x2C )' v2.4.0..HEAD

echo "# after the renames: the older revisions are found under their old names"
run history SRS-004
run history QS-004
run history SRS-004 --format json
echo "# the trailers of the other documents are not theirs"
run history TR-010
run history FIX-999
run history REQ-042 # an item, not a document
