# Repositories that are not a plain clone: bare, a linked worktree, a submodule, a shallow
# clone, no commits yet, a detached HEAD, and no repository at all.
export HOME="$CASE_TMP/home" XDG_CONFIG_HOME="$CASE_TMP/home/.config" # libgit2 reads ~/.gitconfig
mkdir -p "$HOME"
"$SOURCE_DIR/examples/make-demo-repo.sh" demo >/dev/null
git -C demo config user.name "Ann Lee"
git -C demo config user.email "ann@example.com"
export GIT_AUTHOR_DATE="2026-12-01T10:00:00+08:00" GIT_COMMITTER_DATE="2026-12-01T10:00:00+08:00"

echo "# bare repository: no working tree, so no documents"
git clone -q --bare demo bare.git
cd bare.git
run check
run list
run link FIX-012 HEAD
run history FIX-012
run hook install
run -C refs check
cd ..

echo "# linked worktree (git worktree add): the worktree's own HEAD, index and files"
git -C demo worktree add -q -b hotfix ../wt v2.4.0-rc2
cd wt
run check maint/fix-confirmation
sed -n '/^commits:/,/^$/p' maint/fix-confirmation/FIX-012-*.yaml
run link FIX-012 HEAD
git diff --shortstat
run history FIX-012
run check --require-committed maint/fix-confirmation
git checkout -q -- .
cd ..
echo "changes in the main working tree: $(git -C demo status --short | wc -l)"

echo "# submodule: the documents live in the submodule's working tree"
make_repo super
cd super
cp ../demo/maint/fix-confirmation/FIX-013-*.yaml maint/fix-confirmation/ # a copy, naming commits of demo
git -c protocol.file.allow=always submodule add -q ../demo filebox 2>/dev/null
commit_all "Add filebox as a submodule, and a copy of FIX-013"
echo "## inside the submodule: its own repository, where FIX-013's commits are"
cd filebox
run check maint/fix-confirmation
run history FIX-013
run hook install # into the submodule's git folder, where git looks for its hooks
git rev-parse --git-path hooks
git commit -q --allow-empty -m "Try" -m "Refs: FIX-0013" 2>&1 || echo "[git commit exit $?]"
echo "## in the superproject: its own repository, where they are not"
cd ..
run check
run history FIX-013
run link FIX-013 HEAD
git diff | sed -n '/^@@/,$p'
git checkout -q -- .
run -C filebox list --kind fix-confirmation
cd ..

echo "# shallow clone (depth 1): commits behind the boundary cannot be verified; nothing is missing"
git clone -q --depth 1 "file://$PWD/demo" shallow
cd shallow
git rev-parse --is-shallow-repository
run check maint/fix-confirmation maint/test-report
run history TR-010 # last changed behind the boundary: no revision to show here
run history TR-010 --format json
run link FIX-013 HEAD
git diff | sed -n '/^@@/,$p'
git checkout -q -- .
echo "## deepened to 3 commits: history shows the revisions that are there"
git fetch -q --depth 3
run history TR-010
cd ..

echo "# repository with no commits yet"
make_repo empty
cd empty
cp ../demo/maint/srs/*.yaml maint/srs/
cp ../demo/maint/quality-spec/*.yaml maint/quality-spec/
cp ../demo/maint/test-report/TR-010-*.yaml maint/test-report/
run check
run link TR-010 HEAD
run link TR-010 main
run link TR-010 6cc7cff
run history TR-010
run history TR-010 --format json
run check --require-committed
cd ..

echo "# detached HEAD"
git clone -q demo detached
cd detached
git checkout -q --detach v2.4.0-rc2
run check maint/fix-confirmation maint/test-report
run link FIX-012 HEAD
git diff | sed -n '/^@@/,$p'
run history FIX-012
git checkout -q -- .
cd ..

echo "# no git repository at all, but a .cswm.yaml: check runs without the git rules"
mkdir plain
cp -r demo/.cswm.yaml demo/maint plain/
cd plain/maint
run check
run check --format json
run list --kind test-report
run link FIX-012 HEAD
run history FIX-012
run hook install
run check --require-committed
printf 'Fix\n\nRefs: FIX-012, FIX-0012\n' >../message
run hook check-message ../message # needs no git: it reads the file and the documents
cd ../..
