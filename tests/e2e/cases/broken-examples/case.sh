# examples/broken/: one folder per mistake people really make. Each folder's documents are
# copied into a fresh copy of the (clean) demo repository, and `cswm check` on just those
# files must give exactly the findings of the folder's expected.txt, and nothing else.
"$SOURCE_DIR/examples/make-demo-repo.sh" demo >/dev/null
git -C demo gc -q # fewer files to copy for each folder
broken="$SOURCE_DIR/examples/broken"

while IFS= read -r -d '' folder; do
  name=$(basename "$folder")
  rm -rf scratch
  cp -a demo scratch
  paths=()
  while IFS= read -r -d '' file; do
    mkdir -p "scratch/$(dirname "$file")"
    cp "$folder/$file" "scratch/$file"
    paths+=("$file")
  done < <(cd "$folder" && find . -type f ! -name README.md ! -name expected.txt -printf '%P\0' | sort -z)

  echo "=== $name"
  status=0
  (cd scratch && "$CSWM" check "${paths[@]}") >"$CASE_TMP/stdout" 2>"$CASE_TMP/stderr" || status=$?
  # The findings, without the closing "N documents checked: …" line.
  sed '${/^[0-9]* documents\{0,1\} checked: /d}' "$CASE_TMP/stdout" >"$CASE_TMP/findings"
  cat "$CASE_TMP/findings"
  sed 's/^/stderr: /' "$CASE_TMP/stderr"
  if diff -u --label expected.txt --label "cswm check" "$folder/expected.txt" "$CASE_TMP/findings" >"$CASE_TMP/diff"; then
    echo "[exit $status] ok"
  else
    echo "[exit $status] differs from expected.txt:"
    cat "$CASE_TMP/diff"
  fi
done < <(find "$broken" -mindepth 1 -maxdepth 1 -type d -print0 | sort -z)
