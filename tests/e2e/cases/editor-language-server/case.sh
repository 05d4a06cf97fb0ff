# A document written by `cswm new` validates and completes in a real editor's language
# server: yaml-language-server (what VS Code's YAML extension, Neovim, Helix and others
# run) reads the modeline, loads .cswm/schemas/<kind>.schema.json and reports what is
# wrong as the user types. Needs yaml-language-server and node on PATH; never downloads.
if ! command -v node >/dev/null 2>&1 || ! server=$(command -v yaml-language-server 2>/dev/null); then
  echo "skipped: yaml-language-server (and node) not on PATH; install it with" \
    "\`npm install -g yaml-language-server\` to run this case" >&2
  exit 77
fi
make_repo repo
cd repo
run new test-report --title "Release run"
run new fix-confirmation --title "Upload resumes"
head -n 3 maint/test-report/TR-001-release-run.yaml
# A mistyped key and a status outside the list, as a user might type them.
sed 's/^id: "TR-001"/id: "TR-002"/; s/^status: draft/status: finished/; s/^title: .*/&\ncolour: red/' \
  maint/test-report/TR-001-release-run.yaml >maint/test-report/TR-002-typos.yaml
# The right file, but a modeline pointing at another kind's schema: the server then
# validates against the wrong schema, and check says so.
sed '1s/test-report.schema.json/srs.schema.json/; s/^id: "TR-001"/id: "TR-003"/' \
  maint/test-report/TR-001-release-run.yaml >maint/test-report/TR-003-wrong-schema.yaml
node "$case_dir/lsp-client.js" "$server" \
  maint/test-report/TR-001-release-run.yaml maint/fix-confirmation/FIX-001-upload-resumes.yaml \
  maint/test-report/TR-002-typos.yaml maint/test-report/TR-003-wrong-schema.yaml \
  --complete maint/test-report/TR-001-release-run.yaml 5 9
echo '$ cswm check maint/test-report | grep editor-schema'
"$CSWM" check maint/test-report | grep editor-schema || true
