# The global flags: --color auto|always|never with NO_COLOR, -q, -v, and their misuse.
make_repo repo
cd repo
mkdir -p maint/srs
printf 'id: [\n' >maint/srs/SRS-001-broken.yaml

# shown: ESC as <ESC>, so that colour can be seen in the golden file.
shown() { sed 's/\x1b/<ESC>/g'; }
echo '# --color always colours even into a pipe; never and auto (not a terminal) do not'
run --color always check | shown
run --color=never check
run check
run --color sometimes check
if command -v script >/dev/null; then
  # A terminal, through script(1): auto colours it unless NO_COLOR is set and not empty.
  echo '# on a terminal'
  NO_COLOR= script -qec "$CSWM check" /dev/null | tr -d '\r' | shown || true
  NO_COLOR=1 script -qec "$CSWM check" /dev/null | tr -d '\r' | shown || true
  NO_COLOR=1 script -qec "$CSWM --color always check" /dev/null | tr -d '\r' | shown || true
fi

echo '# outside git: check says so in a note on stderr; -q leaves the note out, not the findings'
rm -rf .git
run check
run -q check
run --quiet check --format json

echo '# -v: what was opened and how long it took (the time masked here)'
run -v check | sed 's/took [0-9]* ms/took N ms/'
run -v list | sed 's/took [0-9]* ms/took N ms/'
run -q -v check
