#!/usr/bin/env bash
# Runs the first maintenance cycle of docs/guide.md exactly as the guide shows it, in a new
# folder, and says where what the guide shows differs from what cswm does.
#
# Usage: guide-run.sh CSWM GUIDE.md WORKDIR [--update]
#
# The guide marks what this script runs with an HTML comment on the line before a fence:
#   <!-- guide:run -->          a ```console block: every line "$ COMMAND" (a trailing " \"
#                               continues it on the next line) runs in bash, in order, in
#                               one shell (so `cd` holds); the lines up to the next "$ " are
#                               its output (stdout and stderr as a terminal shows them).
#                               A line "…" stands for any number of lines (output trimmed
#                               in the guide). Every command must exit 0: a guide that
#                               shows a failure writes `COMMAND; echo "exit $?"`.
#   <!-- guide:file PATH -->    the fenced block is the whole content of PATH, as the
#                               reader writes it in an editor.
#   <!-- guide:patch -->        a ```diff block, applied with `git apply` (an edit).
# Paths under WORKDIR show as /home/meiling/src. Prints the transcript (what the reader
# would see); exits 1 after the transcript when anything differed or failed.
# With --update (for the author), rewrites in GUIDE.md the output of every command whose
# output differs with what it printed; trim what is too long with "…" by hand afterwards.
# GUIDE_STOP_AT=LINE (without --update) stops before that line of the guide, leaving the
# repository as the reader has it there.
set -uo pipefail

cswm=$(realpath "$1")
guide=$(realpath "$2")
work=$3
update=${4:-}

mkdir -p "$work/bin" "$work/home"
work=$(cd "$work" && pwd)
ln -sf "$cswm" "$work/bin/cswm"
export PATH="$work/bin:$PATH" HOME="$work/home"
# A fixed day, clock and identity, so that IDs, dates and commit SHAs are the guide's.
export CSWM_TODAY=2026-11-27 NO_COLOR=1 LC_ALL=C.UTF-8 TZ=CST-8
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
shown_root=/home/meiling/src

failures=0
clock=0
new_guide=()
mapfile -t lines <"$guide"

# matches EXPECTED-FILE ACTUAL-FILE: the actual output is the expected one, "…" lines
# standing for any run of lines.
matches() {
  local -a want have
  mapfile -t want <"$1"
  mapfile -t have <"$2"
  local i=0 j=0
  while ((i < ${#want[@]})); do
    if [ "${want[i]}" = "…" ]; then
      ((i++))
      if ((i == ${#want[@]})); then
        return 0
      fi
      while ((j < ${#have[@]})) && [ "${have[j]}" != "${want[i]}" ]; do ((j++)); done
      ((j < ${#have[@]})) || return 1
    else
      ((j < ${#have[@]})) && [ "${have[j]}" = "${want[i]}" ] || return 1
      ((i++, j++))
    fi
  done
  ((j == ${#have[@]}))
}

# run_block START END: runs the console block of guide lines START..END-1 (fences excluded).
run_block() {
  local start=$1 end=$2 k cmd status
  local -a cmds=() outs=()
  # Split the block into commands and the output the guide shows for each.
  k=$start
  while ((k < end)); do
    local line=${lines[k]}
    if [[ $line == '$ '* ]]; then
      cmd=${line#\$ }
      while [[ $cmd == *" \\" ]] && ((k + 1 < end)); do
        ((k++))
        cmd+=$'\n'"${lines[k]}"
      done
      cmds+=("$cmd")
      outs+=("")
    else
      if ((${#cmds[@]} == 0)); then
        echo "docs: $guide:$((k + 1)): output before the first command of a guide:run block" >&2
        failures=$((failures + 1))
        return
      fi
      outs[${#outs[@]} - 1]+="$line"$'\n'
    fi
    ((k++))
  done
  local n
  for n in "${!cmds[@]}"; do
    cmd=${cmds[n]}
    printf '$ %s\n' "$cmd"
    # Each command a minute after the one before, so that commits follow in time.
    clock=$((clock + 1))
    export GIT_AUTHOR_DATE GIT_COMMITTER_DATE
    GIT_AUTHOR_DATE=$(printf '2026-11-27T%02d:%02d:00+08:00' $((9 + clock / 60)) $((clock % 60)))
    GIT_COMMITTER_DATE=$GIT_AUTHOR_DATE
    status=0
    eval "$cmd" >"$work/.out" 2>&1 </dev/null || status=$?
    sed -i "s|$work|$shown_root|g" "$work/.out"
    cat "$work/.out"
    printf '%s' "${outs[n]}" >"$work/.want"
    if [ "$status" -ne 0 ]; then
      printf '>>> exit %d, but the guide shows this command succeeding (line %d)\n' "$status" "$((start + 1))"
      failures=$((failures + 1))
    fi
    if ! matches "$work/.want" "$work/.out"; then
      printf '>>> the guide shows other output (block at line %d):\n' "$((start + 1))"
      diff -u --label guide --label cswm "$work/.want" "$work/.out" | tail -n +3
      failures=$((failures + 1))
    fi
    if [ -n "$update" ]; then
      new_guide+=("\$ $cmd")
      local kept="$work/.out"
      matches "$work/.want" "$work/.out" && kept="$work/.want" # keep the guide's trims
      while IFS= read -r l; do new_guide+=("$l"); done <"$kept"
    fi
  done
}

cd "$work" || exit 2
i=0
while ((i < ${#lines[@]})); do
  line=${lines[i]}
  if [ -n "${GUIDE_STOP_AT:-}" ] && ((i + 1 >= GUIDE_STOP_AT)); then
    break # for the author: the state of the repository at that line of the guide
  fi
  [ -n "$update" ] && new_guide+=("$line")
  if [[ $line =~ ^\<!--\ guide:(run|file|patch)\ ?([^ ]*)\ --\>$ ]]; then
    what=${BASH_REMATCH[1]} path=${BASH_REMATCH[2]}
    fence=$((i + 1))
    end=$((fence + 1))
    while ((end < ${#lines[@]})) && [[ ${lines[end]} != '```' ]]; do ((end++)); done
    if ! [[ ${lines[fence]} == '```'* ]] || ((end >= ${#lines[@]})); then
      echo "docs: $guide:$((i + 1)): a guide:$what mark must precede a fenced block" >&2
      exit 2
    fi
    [ -n "$update" ] && new_guide+=("${lines[fence]}")
    case $what in
      run)
        run_block $((fence + 1)) "$end"
        ;;
      file)
        echo "# (editor) $path"
        mkdir -p "$(dirname "$path")"
        printf '%s\n' "${lines[@]:fence+1:end-fence-1}" >"$path"
        [ -n "$update" ] && new_guide+=("${lines[@]:fence+1:end-fence-1}")
        ;;
      patch)
        printf '%s\n' "${lines[@]:fence+1:end-fence-1}" >"$work/.patch"
        # Named by the files it changes: line numbers of the guide would change the golden
        # with every edit of its prose.
        echo "# (editor) edit $(sed -n 's|^+++ b/||p' "$work/.patch" | tr '\n' ' ' | sed 's/ $//')"
        if ! git apply "$work/.patch"; then
          printf '>>> the edit at line %d does not apply\n' "$((fence + 1))"
          failures=$((failures + 1))
        fi
        [ -n "$update" ] && new_guide+=("${lines[@]:fence+1:end-fence-1}")
        ;;
    esac
    [ -n "$update" ] && new_guide+=('```')
    i=$((end + 1))
    continue
  fi
  ((i++))
done

if [ -n "$update" ]; then
  printf '%s\n' "${new_guide[@]}" >"$guide"
fi
if ((failures > 0)); then
  echo "docs: $failures step(s) of $guide differ from what cswm does" >&2
  exit 1
fi
