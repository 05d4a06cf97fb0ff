# The hooks of .pre-commit-hooks.yaml, run for real by the pre-commit framework on a
# repository that uses cswm: a document with an error blocks the commit with cswm's
# findings, a fixed one passes; a Refs: trailer naming an unknown ID blocks the message.
if ! command -v pre-commit >/dev/null; then
  echo "pre-commit is not installed (Debian: apt-get install pre-commit)" >&2
  exit 77
fi
export PATH="$(dirname "$CSWM"):$PATH" PRE_COMMIT_HOME="$PWD/pre-commit-home" PRE_COMMIT_COLOR=never

# The hooks repository: cswm's .pre-commit-hooks.yaml as pre-commit clones it.
git init -q -b main hooks
cp "$SOURCE_DIR/.pre-commit-hooks.yaml" hooks/
(cd hooks && git add -A && git commit -q -m "cswm hooks")
hooks_rev=$(git -C hooks rev-parse HEAD)

make_repo repo
cd repo
sed -e "s|https://cswm.dev/cswm.git|$PWD/../hooks|" -e "s|rev: v0.1.0 |rev: $hooks_rev|" \
  "$SOURCE_DIR/examples/ci/.pre-commit-config.yaml" >.pre-commit-config.yaml
grep -E '^ *(- repo|rev|- id):' .pre-commit-config.yaml | sed "s|$hooks_rev|<sha>|"
pre-commit install --hook-type pre-commit --hook-type commit-msg
commit_all "Start with cswm"

# commit ARGS...: git commit through the hooks, showing what they print and the status.
commit() {
  local status=0
  git commit -q "$@" >"$CASE_TMP/commit.out" 2>&1 || status=$?
  grep -v '^\[INFO\]' "$CASE_TMP/commit.out" | sed "s|$hooks_rev|<sha>|g"
  printf '[git commit exit %d]\n' "$status"
}

echo "# a document with an error: the commit is refused with cswm's findings"
"$CSWM" new fix-confirmation --title "Login loop" >/dev/null
sed -i 's/^status: draft/status: drafted/' maint/fix-confirmation/FIX-001-login-loop.yaml
git add -A
commit -m "Record the login fix"
echo "# fixed: the commit goes through (warnings do not block cswm-check)"
sed -i 's/^status: drafted/status: draft/' maint/fix-confirmation/FIX-001-login-loop.yaml
git add -A
commit -m "Record the login fix" -m "Refs: FIX-001"
git log --format=%s
echo "# a Refs: trailer naming an unknown ID: the commit-msg hook refuses the message"
echo "notes" >NOTES.txt
git add NOTES.txt
commit -m "Add notes" -m "Refs: FIX-404"
echo "# files that are no YAML do not run cswm check"
commit -m "Add notes" -m "Refs: FIX-001"
git log --format=%s
