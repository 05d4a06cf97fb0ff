# A broken .cswm.yaml stops every command that needs it with exit 2 and a message that
# says where: `.cswm.yaml:line:column: message`, or why the file cannot be read.
make_repo repo
cd repo
"$CSWM" new fix-confirmation --title "Slow PDF preview" >/dev/null
cp .cswm.yaml "$CASE_TMP/good-config"

# with_config NAME TEXT: writes TEXT (printf format) as .cswm.yaml, shows it, runs check.
with_config() {
  printf '# %s\n' "$1"
  printf -- "$2" >.cswm.yaml
  cat -nv .cswm.yaml
  run check
}
with_config "a flow list never closed" 'root: maint\nlanguage: [en\nlimits:\n  max_depth: 32\n'
with_config "a misspelt key" 'root: maint\nlangauge: zh-TW\n'
with_config "a key that does not exist" 'root: maint\ncolour: true\n'
with_config "text where a number belongs" 'root: maint\nlimits:\n  max_document_bytes: "1 MB"\n'
with_config "a number where text belongs" 'root: 2026\n'
with_config "a value outside the vocabulary" 'language: fr\n'
with_config "a mapping expected" 'limits: 5\n'
with_config "root outside the repository" 'root: ../x\n'
with_config "root outside, through a subfolder" 'root: maint/../../x\n'
with_config "an absolute root" 'root: /etc\n'
with_config "the repository itself as root" 'root: .\n'
with_config "root left empty" 'root: ""\n'
with_config "a duplicate key" 'root: maint\nlanguage: en\nroot: docs\n'
with_config "an empty file" ''
with_config "comments only" '# cswm configuration\n'
with_config "a list instead of a mapping" '- root: maint\n'
with_config "a tab in the indentation" 'limits:\n\tmax_depth: 32\n'
with_config "an anchor" 'root: &r maint\n'
with_config "a byte-order mark" '\357\273\277root: maint\n'
with_config "invalid UTF-8" 'root: ma\377int\n'
echo "# a limit below its minimum"
printf 'limits:\n  max_document_bytes: 10\n' >.cswm.yaml
cat -nv .cswm.yaml
run check
rm .cswm.yaml
mkdir .cswm.yaml
echo "# a folder named .cswm.yaml"
run check
rmdir .cswm.yaml
mkfifo .cswm.yaml
echo "# a FIFO named .cswm.yaml (must not hang)"
run list
rm .cswm.yaml
ln -s "$CASE_TMP/good-config" .cswm.yaml
echo "# a symbolic link to a good configuration outside the repository"
run check
rm .cswm.yaml
truncate -s 2M .cswm.yaml
echo "# two megabytes"
run new fix-confirmation
rm .cswm.yaml
echo "# no .cswm.yaml at all"
run check
# Every command that needs the configuration stops the same way.
printf 'root: maint\nlangauge: en\n' >.cswm.yaml
run list
run show FIX-001
run new test-report
run init
cp "$CASE_TMP/good-config" .cswm.yaml
run check
