# cswm hook install writes a commit-msg hook (into core.hooksPath when set, relative or
# absolute), never over a hook it did not write unless --force; git then runs it and a
# commit whose Refs: names an unknown ID is rejected. cswm hook check-message is what the
# hook runs: comment lines and what follows the scissors line of `git commit -v` are not
# part of the message.
export HOME="$CASE_TMP/home" XDG_CONFIG_HOME="$CASE_TMP/home/.config" # libgit2 reads ~/.gitconfig
mkdir -p "$HOME"
"$SOURCE_DIR/examples/make-demo-repo.sh" demo >/dev/null
cd demo
git config user.name "Ann Lee"
git config user.email "ann@example.com"
export GIT_AUTHOR_DATE="2026-12-01T10:00:00+08:00" GIT_COMMITTER_DATE="2026-12-01T10:00:00+08:00"
# show_hook FILE: the hook, with the path of the cswm under test shown as $CSWM.
show_hook() { sed "s|$CSWM|\$CSWM|g" "$1"; stat -c '%a %n' "$1"; }
# commit ARGS...: git commit, with its status and what it (and the hook) said.
commit() {
  local status=0
  printf '$ git commit'
  printf ' %q' "$@"
  printf '\n'
  git commit -q "$@" 2>"$CASE_TMP/git.err" || status=$?
  sed 's/^/stderr: /' "$CASE_TMP/git.err"
  printf '[git exit %d] HEAD: %s\n' "$status" "$(git log -1 --format=%s)"
}

echo "# into .git/hooks"
run hook install
show_hook .git/hooks/commit-msg
cp .git/hooks/commit-msg "$CASE_TMP/first"
run hook install
cmp .git/hooks/commit-msg "$CASE_TMP/first" && echo "(re-installed over its own hook: same file)"

echo "# git runs it"
commit --allow-empty -m "upload: retry" -m "Refs: FIX-012, REQ-0422, FIX-13"
commit --allow-empty -m "upload: retry" -m "Refs: FIX-012, REQ-042, TC-107"
commit --allow-empty -m "upload: no trailers at all"
commit --allow-empty --no-verify -m "upload: skip the hook" -m "Refs: FIX-404"
echo "# git commit -v: the message above the scissors line, git's comments and the diff below it"
echo "one more line" >>README.md
cat >"$CASE_TMP/editor" <<'EDITOR'
#!/bin/sh
# An editor that writes $MESSAGE above what git put in the file, and keeps a copy.
{ printf '%s\n' "$MESSAGE"; cat "$1"; } >"$1.new" && mv "$1.new" "$1" && cp "$1" "$CASE_TMP/edited"
EDITOR
chmod +x "$CASE_TMP/editor"
MESSAGE=$'docs: one more line\n\nRefs: REQ-042, TC-1077' GIT_EDITOR="$CASE_TMP/editor" commit -a -v
grep -e '^Refs:' -e '>8' -e '^diff --git' "$CASE_TMP/edited" # what the hook saw, in part
MESSAGE=$'docs: one more line\n\nRefs: REQ-042, TC-107' GIT_EDITOR="$CASE_TMP/editor" commit -a -v

echo "# cswm hook check-message FILE, directly"
printf 'Subject\n\nRefs: FIX-012\n# Refs: FIX-999 in a comment line\n# Please enter the commit message for your changes.\n' >msg-comments
run hook check-message msg-comments
printf 'Subject\n\nRefs: FIX-012\n# ------------------------ >8 ------------------------\n# Do not modify or remove the line above.\ndiff --git a/x b/x\n\nRefs: FIX-999\n' >msg-scissors
run hook check-message msg-scissors
printf 'Subject\n\nRefs: FIX-999 is in the body,\nfollowed by prose: no trailer.\n' >msg-body
run hook check-message msg-body
printf 'Subject\n\nrefs: fix-012\nREFS: AREQ-7\n' >msg-case
run hook check-message msg-case
run hook check-message no-such-file
rm msg-*

echo "# an existing commit-msg hook that cswm did not write is kept, unless --force"
printf '#!/bin/sh\n# the team'"'"'s own hook\nexit 0\n' >.git/hooks/commit-msg
run hook install
cat .git/hooks/commit-msg
run hook install --force
show_hook .git/hooks/commit-msg
rm .git/hooks/commit-msg

echo "# core.hooksPath, relative: taken from the top of the working tree, wherever cswm runs"
git config core.hooksPath .githooks
run hook install
git rev-parse --git-path hooks
cd maint/srs
run hook install
git rev-parse --git-path hooks
cd ../..
ls -A .githooks .git/hooks | grep -v sample
commit --allow-empty -m "with .githooks" -m "Refs: FIX-0012"

echo "# core.hooksPath, absolute"
git config core.hooksPath "$PWD/../shared-hooks"
run hook install
ls -A ../shared-hooks
commit --allow-empty -m "with shared hooks" -m "Refs: FIX-0012"
commit --allow-empty -m "with shared hooks" -m "Refs: FIX-012"
