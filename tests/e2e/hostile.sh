# Sourced by the hostile-* cases after lib.sh: every cswm run they make is bounded in time
# and memory, so a hang shows as exit 124 and a runaway allocation as a failed run.
#
# bound_cswm SECONDS MEGABYTES: from here on, `run` and "$CSWM" run with at most SECONDS
# of CPU time (`ulimit -t`: a runaway loop is killed, exit 152), SECONDS times five of
# wall-clock time (`timeout`: a run blocked on a FIFO or a lock ends, exit 124; generous,
# since eight jobs may share two cores) and MEGABYTES of virtual memory (`ulimit -v`).
# Sanitizer builds reserve terabytes of address space for their shadow memory, so there
# the memory cap is left out (said so on stderr) and the time bounds are four times as
# long. A sanitizer build is told by CSWM_SANITIZED=1 or found by its runtime's symbols.
cswm_sanitized() {
  [ "${CSWM_SANITIZED:-0}" = 1 ] || grep -qa -e __asan_init -e __tsan_init "$CSWM_REAL"
}

CSWM_REAL="${CSWM_REAL:-$CSWM}"
export CSWM_REAL

bound_cswm() {
  local seconds=$1 megabytes=$2 cap=""
  if cswm_sanitized; then
    seconds=$((seconds * 4))
    echo "$(basename "$PWD"): sanitizer build: no memory cap (ulimit -v), ${seconds}s of CPU time" >&2
  else
    cap="ulimit -v $((megabytes * 1024))"
  fi
  cat >"$CASE_TMP/cswm-bounded" <<WRAPPER
#!/bin/bash
ulimit -t $seconds
$cap
exec timeout $((seconds * 5)) "$CSWM_REAL" "\$@"
WRAPPER
  chmod +x "$CASE_TMP/cswm-bounded"
  CSWM="$CASE_TMP/cswm-bounded"
}

# summarise ARGS...: runs cswm like `run`, but for outputs too long for a golden: prints
# the command, its exit status, the number of lines (">999" past that: the count may
# differ between builds that make fewer documents) and the longest line of what it
# printed, its last line cut to 200 bytes, and its stderr cut likewise. The output stays
# in $CASE_TMP/stdout for a closer look.
summarise() {
  local status=0
  "$CSWM" "$@" >"$CASE_TMP/stdout" 2>"$CASE_TMP/stderr" || status=$?
  printf '$ cswm'
  printf ' %q' "$@"
  local lines
  lines=$(wc -l <"$CASE_TMP/stdout")
  [ "$lines" -lt 1000 ] || lines=">999"
  printf '\n[exit %d] %s lines, longest %s bytes\n' "$status" "$lines" \
    "$(LC_ALL=C awk '{ if (length($0) > n) n = length($0) } END { print n + 0 }' "$CASE_TMP/stdout")"
  tail -n 1 "$CASE_TMP/stdout" | LC_ALL=C cut -c1-200
  sed 's/^/stderr: /' "$CASE_TMP/stderr" | LC_ALL=C cut -c1-200
}
