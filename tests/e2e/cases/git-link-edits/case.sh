# cswm link edits documents written in many styles by changing only the bytes it must:
# CRLF line endings, flow lists, empty and null values, comments between list items, a
# maintenance log whose actions are flow mappings, a test report's single commit. Each
# edit is shown as a diff of `cat -A` before and after (line ends visible: $ and ^M$); a
# second run changes nothing; the atomic write keeps the file's mode and leaves no
# temporary file behind.
export HOME="$CASE_TMP/home" XDG_CONFIG_HOME="$CASE_TMP/home/.config" # libgit2 reads ~/.gitconfig
mkdir -p "$HOME"
make_repo repo
cd repo
commit_all "Start the maintenance records"
export GIT_AUTHOR_DATE="2026-01-06T10:00:00+08:00" GIT_COMMITTER_DATE="2026-01-06T10:00:00+08:00"
echo "timeout = 30" >upload.conf
git add upload.conf
git commit -q -m "upload: a 30 s timeout" -m "Refs: FIX-001"
export GIT_AUTHOR_DATE="2026-01-07T10:00:00+08:00" GIT_COMMITTER_DATE="2026-01-07T10:00:00+08:00"
echo "retries = 3" >>upload.conf
git commit -q -am "upload: retry three times" -m "Refs: FIX-001"
git tag -a -m "Release 1.0.1" v1.0.1 # an annotated tag: link peels it to its commit
one=$(git rev-parse HEAD~1)
start=$(git rev-parse HEAD~2)
fix=maint/fix-confirmation
log=maint/maintenance-log
tr=maint/test-report

# show FILE LINK-ARGS...: links, shows the changed bytes, then links again.
show() {
  local file=$1
  shift
  cat -A "$file" >"$CASE_TMP/before"
  run link "$@"
  cat -A "$file" | diff "$CASE_TMP/before" - || true
  cp "$file" "$CASE_TMP/once"
  run link "$@" >/dev/null
  cmp -s "$file" "$CASE_TMP/once" && echo "(a second run changes nothing)"
}

echo "# CRLF line endings, a flow list holding one SHA: the new SHA joins it, CRLF and comment kept"
printf 'id: FIX-001\r\nkind: fix-confirmation\r\ntitle: "Uploads time out"   # keep the quotes\r\nstatus: draft\r\ncommits: [%s]  # the first fix\r\nverified_by: null\r\n' "$one" >$fix/FIX-001-uploads-time-out.yaml
show $fix/FIX-001-uploads-time-out.yaml FIX-001 v1.0.1

echo "# CRLF, an empty flow list and a comment: a block list below the key, with CRLF"
printf 'id: FIX-002\r\nkind: fix-confirmation\r\ntitle: Empty flow list\r\ncommits: []    # fill with cswm link\r\nverified_by: null\r\n' >$fix/FIX-002-empty-flow-list.yaml
show $fix/FIX-002-empty-flow-list.yaml FIX-002 "$one" v1.0.1

echo "# commits: with nothing after it, then more keys"
printf 'id: FIX-003\nkind: fix-confirmation\ntitle: Empty value\ncommits:\nverified_by: null\n' >$fix/FIX-003-empty-value.yaml
show $fix/FIX-003-empty-value.yaml FIX-003 HEAD

echo "# commits: ~ and a comment; the file's mode (0640) is kept"
printf 'id: FIX-004\nkind: fix-confirmation\ntitle: Tilde\ncommits: ~   # none yet\nverified_by: null\n' >$fix/FIX-004-tilde.yaml
chmod 640 $fix/FIX-004-tilde.yaml
show $fix/FIX-004-tilde.yaml FIX-004 HEAD~1
stat -c '%a %n' $fix/FIX-004-tilde.yaml

echo "# commits: null on the last line, with no newline at the end of the file"
printf 'id: FIX-005\nkind: fix-confirmation\ntitle: Last line\ncommits: null' >$fix/FIX-005-last-line.yaml
show $fix/FIX-005-last-line.yaml FIX-005 HEAD

echo "# a block list indented by 4, with comments and a blank line between its items"
printf 'id: FIX-006\nkind: fix-confirmation\ntitle: Block list\ncommits:\n    # the first attempt\n    - %s\n\n    # the follow-up, after review\n    -   "%s"   # quoted on purpose\n# a comment after the list\nverified_by: null\n' "$start" "$one" >$fix/FIX-006-block-list.yaml
show $fix/FIX-006-block-list.yaml FIX-006 HEAD

echo "# a flow list over several lines"
printf 'id: FIX-007\nkind: fix-confirmation\ntitle: Long flow list\ncommits: [\n  %s\n  ]\nverified_by: null\n' "$one" >$fix/FIX-007-long-flow-list.yaml
show $fix/FIX-007-long-flow-list.yaml FIX-007 HEAD

echo "# a maintenance log whose actions are flow mappings (and one block mapping)"
printf 'id: MLOG-001\nkind: maintenance-log\ntitle: January\nactions:\n  - {title: "Raise the timeout", commits: [%s], state: done}\n  - {title: Retry, commits: [], state: done}\n  - {title: "Later", commits: ~}\n  - title: Block action\n    commits: null  # not yet\n    state: planned\n' "$one" >$log/MLOG-001-january.yaml
show $log/MLOG-001-january.yaml MLOG-001 HEAD --action 1
show $log/MLOG-001-january.yaml MLOG-001 HEAD --action 2
show $log/MLOG-001-january.yaml MLOG-001 HEAD --action 3
show $log/MLOG-001-january.yaml MLOG-001 HEAD --action 4

echo "# test reports: commit: null with a comment, commit: with nothing after it, commit: ~ with CRLF"
printf 'id: TR-001\nkind: test-report\ntitle: Null\ncommit: null                # the tested build\nversion: v1.0.1\n' >$tr/TR-001-null.yaml
show $tr/TR-001-null.yaml TR-001 v1.0.1
printf 'id: TR-002\nkind: test-report\ntitle: Empty\ncommit:\nversion: v1.0.1\n' >$tr/TR-002-empty.yaml
show $tr/TR-002-empty.yaml TR-002 v1.0.1
printf 'id: TR-003\r\nkind: test-report\r\ntitle: Tilde\r\ncommit: ~\r\n' >$tr/TR-003-tilde.yaml
show $tr/TR-003-tilde.yaml TR-003 v1.0.1

echo "# the writes were atomic: no temporary file is left in the folders"
ls -A $fix $log $tr

echo "# revisions: an ambiguous prefix (refused), a longer one, a branch named like a short SHA"
head=$(git rev-parse HEAD)
printf 'ambiguous 10584\n' | git hash-object -w --stdin # a blob whose SHA starts like HEAD's
run link FIX-003 "${head:0:4}"
run link FIX-003 "${head:0:5}" "${start:0:7}"
git branch "${one:0:7}" "$start" # a SHA prefix wins over a branch of that name here
echo "git rev-parse ${one:0:7} takes the branch: $(git rev-parse "${one:0:7}" 2>/dev/null)"
run link FIX-003 "${one:0:7}"
sed -n '/^commits:/,/^verified_by/p' $fix/FIX-003-empty-value.yaml
