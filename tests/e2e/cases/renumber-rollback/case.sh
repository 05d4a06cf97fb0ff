# cswm renumber writes all or nothing: when one file cannot be replaced, the files
# already written are restored and the tree is as it was (git sees no change).
"$SOURCE_DIR/examples/make-demo-repo.sh" demo >/dev/null
cd demo
srs=$(ls maint/srs/SRS-004-*.yaml)
# The SRS is written last (files are written in path order). Root ignores permissions,
# so make it immutable there; elsewhere a folder without write permission does it.
if [ "$(id -u)" = 0 ]; then
  if ! chattr +i "$srs" 2>/dev/null; then
    echo "root without CAP_LINUX_IMMUTABLE: cannot make a write fail" >&2
    exit 77
  fi
  trap 'chattr -i "$srs" 2>/dev/null' EXIT
else
  chmod a-w maint/srs
  trap 'chmod u+w maint/srs' EXIT
fi
run renumber REQ-042 REQ-050 2>&1 | sed -E 's/(cannot (write|replace) [^:]*): .*/\1: <why>/'
echo "# nothing changed, nothing left behind"
git status --short --ignored
ls -A maint/srs maint/quality-spec
