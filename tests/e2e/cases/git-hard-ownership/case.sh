# A repository owned by another user (libgit2's ownership check, as git's "dubious
# ownership"): cswm says so and what to do, exit 2; with the repository in safe.directory
# of the user's global git configuration (~/.gitconfig, which libgit2 reads) it works.
# Needs root, to give a copy of the repository to the user nobody.
if [ "$(id -u)" -ne 0 ] || ! id nobody >/dev/null 2>&1; then
  echo "git-hard-ownership: skipped: needs root and a user nobody (to chown a repository to another user)" >&2
  exit 77
fi
export HOME="$CASE_TMP/home" XDG_CONFIG_HOME="$CASE_TMP/home/.config" # libgit2 reads ~/.gitconfig
mkdir -p "$HOME"
"$SOURCE_DIR/examples/make-demo-repo.sh" demo >/dev/null
cp -a demo theirs
chown -R nobody theirs
cd theirs
run check
run list --kind test-report
run link FIX-012 HEAD
run history FIX-012
run hook install
run -C maint/srs check
echo "# git agrees"
{ git status 2>&1 || true; } | sed -n 1p
echo "# safe.directory with the repository's path, as the message says"
git config --file "$HOME/.gitconfig" --add safe.directory "$PWD" # what --global writes, were it not /dev/null in these tests
cat "$HOME/.gitconfig"
run check
run list --kind test-report
