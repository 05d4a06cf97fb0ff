# Commit messages are bytes: invalid UTF-8, control characters (ESC sequences that would
# retitle or clear a terminal, BEL, CR), an `encoding` header, and a 5 MB message. history
# and check print them escaped and bounded, and do not crash.
export HOME="$CASE_TMP/home" XDG_CONFIG_HOME="$CASE_TMP/home/.config" # libgit2 reads ~/.gitconfig
mkdir -p "$HOME"
"$SOURCE_DIR/examples/make-demo-repo.sh" demo >/dev/null
cd demo
git config user.name "Ann Lee"
git config user.email "ann@example.com"
fix=$(ls maint/fix-confirmation/FIX-013-*.yaml)

# commit_raw PARENT: writes the commit object given on stdin after the header lines, by
# hand (git commit would re-encode invalid UTF-8 as Latin-1), and moves main to it.
commit_raw() {
  local sha
  sha=$({
    printf 'tree %s\nparent %s\n' "$(git rev-parse 'HEAD^{tree}')" "$(git rev-parse HEAD)"
    printf 'author Ann Lee <ann@example.com> 1796176800 +0800\ncommitter Ann Lee <ann@example.com> 1796176800 +0800\n'
    cat
  } | git hash-object -t commit -w --stdin)
  git update-ref refs/heads/main "$sha"
  git reset -q --hard
}

echo "# invalid UTF-8 (ff fe, a lone 80), ESC sequences, BEL and CR in the subject and the trailers"
printf '\nbad \377\376 bytes \033[31mred\033[0m bell\a\r\n\nbody \200 line \033]0;new window title\a\n\nRefs: FIX-013, \033[2JREQ-042\n' | commit_raw
git cat-file commit HEAD | tail -n +6 | od -c | sed 's/  */ /g'
run history FIX-013
run history FIX-013 --format json
run check

echo "# a Latin-1 message with an encoding header: shown as its bytes, escaped, not re-encoded"
printf 'encoding ISO-8859-1\n\nCaf\351 cr\350me upload fix\n\nRefs: FIX-013\n' | commit_raw
run history FIX-013
run check

echo "# a 5 MB commit message that changes the document: a bounded subject, and its trailers read"
echo "# (a comment)" >>"$fix"
git add "$fix"
{
  printf 'Huge message '
  head -c 5000000 /dev/zero | tr '\0' 'x'
  printf '\n\n'
  for i in $(seq 1 1000); do echo "line $i of a very long body $(printf '%0200d' 0)"; done
  printf '\nRefs: FIX-013, FIX-0013\n' # trailers at the end, 5 MB in: still read
} >"$CASE_TMP/huge"
wc -c <"$CASE_TMP/huge"
export GIT_AUTHOR_DATE="2026-12-02T10:00:00+08:00" GIT_COMMITTER_DATE="2026-12-02T10:00:00+08:00"
git commit -q --cleanup=verbatim -F "$CASE_TMP/huge"
run history FIX-013 >"$CASE_TMP/out"
wc -c <"$CASE_TMP/out"
LC_ALL=C awk '{ print length($0) " bytes: " (length($0) > 140 ? substr($0, 1, 72) " ... " substr($0, length($0) - 30) : $0) }' "$CASE_TMP/out"
run history FIX-013 --format json >"$CASE_TMP/out"
wc -c <"$CASE_TMP/out"
grep '"subject"' "$CASE_TMP/out" | LC_ALL=C awk '{ print length($0) " bytes: " (length($0) > 140 ? substr($0, 1, 72) " ... " substr($0, length($0) - 30) : $0) }'
run check
