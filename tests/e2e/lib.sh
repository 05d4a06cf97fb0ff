# Sourced by run-case.sh before a case's case.sh. Everything a case needs to build a
# repository with stable commit IDs and to run cswm with its output recorded.

export GIT_AUTHOR_NAME="Ann Lee" GIT_AUTHOR_EMAIL="ann@example.com"
export GIT_COMMITTER_NAME="Ann Lee" GIT_COMMITTER_EMAIL="ann@example.com"
export GIT_AUTHOR_DATE="2026-01-05T09:00:00+08:00" GIT_COMMITTER_DATE="2026-01-05T09:00:00+08:00"
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
# libgit2 1.5 ignores GIT_CONFIG_GLOBAL and reads $HOME/.gitconfig: a home of its own keeps
# the machine's git identity and settings out of every golden.
export HOME="$CASE_TMP/home"
mkdir -p "$HOME"
export CSWM_TODAY=2026-01-05 NO_COLOR=1 LC_ALL=C.UTF-8 TZ=UTC

# make_repo DIR: a git repository with user.name set, initialised for cswm (en).
make_repo() {
  git init -q -b main "$1"
  git -C "$1" config user.name "Ann Lee"
  git -C "$1" config user.email "ann@example.com"
  (cd "$1" && "$CSWM" init >/dev/null)
}

# commit_all MESSAGE: commits everything in the current repository.
commit_all() {
  git add -A && git commit -q -m "$1"
}

# run ARGS...: runs cswm, printing the command line, its stdout, its stderr (prefixed)
# and its exit status, so that the case's golden file shows all of it.
run() {
  printf '$ cswm'
  printf ' %q' "$@"
  printf '\n'
  local status=0
  "$CSWM" "$@" >"$CASE_TMP/stdout" 2>"$CASE_TMP/stderr" || status=$?
  cat "$CASE_TMP/stdout"
  sed 's/^/stderr: /' "$CASE_TMP/stderr"
  printf '[exit %d]\n' "$status"
}

# fixture NAME: the path of a file under tests/e2e/fixtures.
fixture() {
  printf '%s/fixtures/%s' "$E2E_DIR" "$1"
}
