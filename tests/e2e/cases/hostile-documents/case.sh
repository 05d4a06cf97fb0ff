# Hostile documents (tests/hostile/, see its README.md) and hostile files made here: each
# gets its finding with a place where it has one, check exits 1, and nothing crashes,
# hangs or eats memory. Every cswm run is bounded by `timeout 120` (generous: sanitizer builds on a loaded 2-core machine are slow; a hang is still caught): a hang shows as exit 124.
hostile="$SOURCE_DIR/tests/hostile"
cat >"$CASE_TMP/cswm-bounded" <<WRAPPER
#!/bin/sh
exec timeout 120 "$CSWM" "\$@"
WRAPPER
chmod +x "$CASE_TMP/cswm-bounded"
CSWM="$CASE_TMP/cswm-bounded"

make_repo repo
cd repo
dir=maint/anomaly-request

# The alias bomb is summarised below rather than in the main runs.
for file in "$hostile"/*.yaml; do
  name=$(basename "$file")
  case "$name" in alias-bomb.yaml) continue ;; esac
  # A file that parses is named after its ID, as a real document would be.
  id=$(sed -n '2s/^id: "\([A-Z]*-[0-9]*\)"\r*$/\1/p' "$file")
  cp "$file" "$dir/${id:+$id-}$name"
done
cp "$hostile/scalar-root.yaml" "$dir/scalar-root.yml" # .yml is read too

# Files git could not store sensibly, made here.
{
  printf 'kind: anomaly-request\nid: "AREQ-140"\nattachments: '
  head -c 10000 /dev/zero | tr '\0' '['
  head -c 10000 /dev/zero | tr '\0' ']'
  printf '\n'
} >"$dir/AREQ-140-nesting-10000-lists.yaml"
{
  printf 'kind: anomaly-request\nid: "AREQ-141"\nsystem: '
  for _ in $(seq 1000); do printf '{a: {a: {a: {a: {a: {a: {a: {a: {a: {a: '; done
  printf '1'
  head -c 10000 /dev/zero | tr '\0' '}'
  printf '\n'
} >"$dir/AREQ-141-nesting-10000-maps.yaml"
truncate -s 100M "$dir/AREQ-142-100-megabytes.yaml"
# Wide documents on one line: positions are found in linear time (this took minutes).
{
  printf 'kind: anomaly-request\nid: "AREQ-151"\nattachments: ['
  head -c 200000 /dev/zero | tr '\0' 'a' | sed 's/a/"a",/g'
  printf '"a"]\n'
} >"$dir/AREQ-151-200000-values-on-one-line.yaml"
{
  printf 'kind: anomaly-request\nid: "AREQ-152"\nattachments: ['
  head -c 150000 /dev/zero | tr '\0' 'a' | sed 's/a/"中",/g'
  printf '"a"]\n'
} >"$dir/AREQ-152-150000-values-on-one-line.yaml"
# The default limit is 1 MiB: a clean document of exactly 1048576 bytes passes, one byte more does not.
pad_to() { # FILE SIZE: appends a comment line so that FILE has SIZE bytes
  local have
  have=$(wc -c <"$1")
  { printf '#'; head -c $(($2 - have - 2)) /dev/zero | tr '\0' 'x'; printf '\n'; } >>"$1"
}
sed 's/"AREQ-120"/"AREQ-143"/; s/^severity: minor$//' "$hostile/duplicate-keys.yaml" | grep -v '^$' >"$dir/AREQ-143-at-the-limit.yaml"
pad_to "$dir/AREQ-143-at-the-limit.yaml" 1048576
sed 's/"AREQ-143"/"AREQ-144"/' "$dir/AREQ-143-at-the-limit.yaml" >"$dir/AREQ-144-over-the-limit.yaml"
printf 'x' >>"$dir/AREQ-144-over-the-limit.yaml"
wc -c <"$dir/AREQ-143-at-the-limit.yaml"
wc -c <"$dir/AREQ-144-over-the-limit.yaml"
mkdir "$dir/AREQ-145-a-folder.yaml"
mkfifo "$dir/AREQ-146-a-fifo.yaml"
ln -s AREQ-999-nowhere.yaml "$dir/AREQ-147-dangling-symlink.yaml"
ln -s AREQ-148-symlink-loop.yaml "$dir/AREQ-148-symlink-loop.yaml"
mkdir ../outside
sed 's/"AREQ-120"/"AREQ-149"/; s/^severity: minor$//' "$hostile/duplicate-keys.yaml" | grep -v '^$' >../outside/AREQ-149-outside.yaml
ln -s ../../../outside/AREQ-149-outside.yaml "$dir/AREQ-149-symlink-outside.yaml"
# A symlinked folder is not entered: the valid document behind it is not read.
ln -s ../../outside maint/linked-folder

run check
run check --format json

# Unreadable files and folders: root reads them anyway, so this part runs only as a user.
# Its output is compared here rather than in expected.out, which stays the same for both.
if [ "$(id -u)" = 0 ]; then
  echo "hostile-documents: skipped the unreadable file and folder: running as root" >&2
else
  mkdir maint/locked
  cp "$dir/AREQ-143-at-the-limit.yaml" maint/locked/AREQ-150-unreadable.yaml
  chmod 000 maint/locked/AREQ-150-unreadable.yaml
  mkdir maint/locked/sealed && chmod 000 maint/locked/sealed
  want='maint/locked/AREQ-150-unreadable.yaml: error: cannot be read: Permission denied [file]
maint/locked/sealed: error: folder cannot be read: Permission denied [file]
2 documents checked: 2 errors, 0 warnings
[exit 1]'
  got=$("$CSWM" check maint/locked 2>&1; echo "[exit $?]")
  [ "$got" = "$want" ] || printf 'unreadable files: expected\n%s\nbut got\n%s\n' "$want" "$got"
  chmod 755 maint/locked/sealed && rm -r maint/locked
fi

# An alias bomb costs nothing: every anchor and alias is reported, none is expanded.
mkdir maint/bombs
cp "$hostile/alias-bomb.yaml" maint/bombs/
printf '$ cswm check maint/bombs (findings counted by rule and message)\n'
status=0
"$CSWM" check maint/bombs >"$CASE_TMP/stdout" || status=$?
sed '$d' "$CASE_TMP/stdout" | sed -E 's/^[^ ]+ (error|warning): (.*) \[([a-z-]+)\]$/\3: \2/' | sort | uniq -c
tail -n 1 "$CASE_TMP/stdout"
printf '[exit %d]\n' "$status"
