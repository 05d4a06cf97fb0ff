# `cswm completion fish`: fish parses it (fish -n), and fish's own `complete -C` asks it
# for completions with cswm on the PATH.
if ! command -v fish >/dev/null; then
  echo "SKIP: fish is not installed" >&2
  exit 77
fi
"$CSWM" completion fish >cswm.fish
fish -n cswm.fish && echo "fish -n: ok"
mkdir bin
ln -s "$CSWM" bin/cswm

# tab LINE: what fish offers for the command line LINE.
tab() {
  printf '$ %s<TAB>\n' "$1"
  HOME="$CASE_TMP" XDG_CONFIG_HOME="$CASE_TMP/config" XDG_DATA_HOME="$CASE_TMP/data" PATH="$PWD/bin:$PATH" \
    fish --no-config -c 'source cswm.fish; complete -C $argv[1]' "$1" 2>&1 | sed 's/^/  /'
}
tab "cswm h"
tab "cswm check --format "
tab "cswm new fe"
make_repo repo
(cd repo && "$CSWM" new maintenance-log --title "March" >/dev/null)
cp cswm.fish repo/
mkdir repo/bin && ln -s "$CSWM" repo/bin/cswm
cd repo
tab "cswm show "
tab "cswm logscan --into M"
