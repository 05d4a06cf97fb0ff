# policy.reviewed_fix_commits in .cswm.yaml: every commit a fix confirmation records must
# carry a Reviewed-by: trailer (key in any case, in the trailer paragraph), or have come in
# through a merge commit that carries one and brought it in (a reviewed merge whose first
# parent already had the commit does not count: FIX-014). Off by default.
export HOME="$CASE_TMP/home" XDG_CONFIG_HOME="$CASE_TMP/home/.config" # libgit2 reads ~/.gitconfig
mkdir -p "$HOME"
"$SOURCE_DIR/examples/make-demo-repo.sh" demo >/dev/null
cd demo
git config user.name "Ann Lee"
git config user.email "ann@example.com"
export GIT_MERGE_AUTOEDIT=no
when() { export GIT_AUTHOR_DATE="2026-12-0$1T10:00:00+08:00" GIT_COMMITTER_DATE="2026-12-0$1T10:00:00+08:00"; }
change() { echo "$1" >>service.log && git add service.log; }

when 1
change "a"
git commit -q -m "upload: larger buffer" -m "Refs: FIX-014"
unreviewed=$(git rev-parse HEAD)
when 2
change "b"
git commit -q -m "upload: close idle sessions" -m "Refs: FIX-015
Reviewed-by: Chia-Hao Chang <chiahao.chang@filebox.example>"
reviewed=$(git rev-parse HEAD)
when 3
change "c"
git commit -q -m "upload: retry on 503" -m "Refs: FIX-016
reviewed-by: Ya-Ting Hsu <yating.hsu@filebox.example>"
lower=$(git rev-parse HEAD)
when 4
change "d"
git commit -q -m "upload: log the part number" -m "Reviewed-by: Ya-Ting Hsu <yating.hsu@filebox.example>
is what the reviewer asked for, but this is prose, not a trailer." -m "Refs: FIX-017"
prose=$(git rev-parse HEAD)
when 4
change "d2"
git commit -q -m "upload: count the parts" -m "Refs:
Reviewed-by: Ya-Ting Hsu <yating.hsu@filebox.example>" # a template's empty Refs: left in
template=$(git rev-parse HEAD)
# A topic branch merged with review, and another merged without.
git checkout -q -b topic/reviewed
when 5
change "e"
git commit -q -m "storage: smaller parts" -m "Refs: FIX-018"
merged_reviewed=$(git rev-parse HEAD)
git checkout -q -b topic/unreviewed main
when 5
change "f"
git commit -q -m "storage: longer poll" -m "Refs: FIX-019"
merged_unreviewed=$(git rev-parse HEAD)
git checkout -q main
when 6
git merge -q --no-ff topic/reviewed -m "Merge branch 'topic/reviewed'" -m "Reviewed-by: Daniel Foster <daniel.foster@filebox.example>" >/dev/null
when 7
git merge -q --no-ff -X theirs topic/unreviewed -m "Merge branch 'topic/unreviewed'" -m "Refs: FIX-019" >/dev/null
git log --graph --format='%h %s%n%(trailers:only,unfold)' v2.4.0..HEAD | sed '/^[|* ]*$/d'

# fix NUMBER TITLE SHA: a fix confirmation like FIX-013, status fixed, recording SHA.
fix() {
  sed -e "s/^id: FIX-013/id: FIX-$1/" -e "s/^title: .*/title: $2/" -e 's/^status: closed/status: fixed/' \
    -e 's/^verified_by: TR-009/verified_by: null/' -e "s/^  - 6185997c3144af7a15c89e01faed5fe6f2074509/  - $3/" \
    maint/fix-confirmation/FIX-013-*.yaml >"maint/fix-confirmation/FIX-$1-$(echo "$2" | tr ' ' -).yaml"
}
fix 014 "unreviewed" "$unreviewed"
fix 015 "reviewed" "$reviewed"
fix 016 "reviewed lower case" "$lower"
fix 017 "reviewed-by in prose" "$prose"
fix 018 "merged with review" "$merged_reviewed"
fix 019 "merged without review" "$merged_unreviewed"
fix 020 "empty refs above the review" "$template"
when 8
commit_all "FIX-014 to FIX-020"

echo "# the policy is off by default"
run check
echo "# policy: {reviewed_fix_commits: true}"
printf 'policy: {reviewed_fix_commits: true}\n' >>.cswm.yaml
run check
run check --format json maint/fix-confirmation/FIX-014-unreviewed.yaml
