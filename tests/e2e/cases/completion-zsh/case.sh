# `cswm completion zsh`: zsh parses it (zsh -n), and its function, run with zsh's
# completion helpers replaced by printers, offers what cswm __complete answers.
if ! command -v zsh >/dev/null; then
  echo "SKIP: zsh is not installed" >&2
  exit 77
fi
script="$PWD/_cswm"
"$CSWM" completion zsh >"$script"
zsh -n "$script" && echo "zsh -n: ok"

# tab WORDS...: what the zsh function offers for `cswm WORDS<TAB>`.
tab() {
  printf '$ cswm %s<TAB>\n' "$*"
  zsh -f -c '
    compdef() { print "compdef $*" }
    _describe() { local x; for x in "${(@P)4}"; do print -r -- "  $x"; done }
    _files() { print "  (files $*)" }
    compadd() { shift; local x; for x in "$@"; do print -r -- "  $x"; done }
    source "$1"
    shift
    words=("$0" "$@")
    CURRENT=${#words}
    _cswm
  ' "$CSWM" "$script" "$@" 2>&1
}
tab h
tab check --format ""
tab new fe
tab import junit ""
tab --color=""
make_repo repo
(cd repo && "$CSWM" new anomaly-request --title "Login fails" >/dev/null)
cd repo
tab show ""
