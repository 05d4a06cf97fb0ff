# `cswm completion bash`, sourced in a clean bash and asked for completions the way bash
# asks (COMP_WORDS, COMP_CWORD, the function, COMPREPLY): commands, options, choices,
# kinds, the workspace's document IDs, files, revisions; nothing, silently, where there
# is nothing to offer.

# tab WORDS...: what bash offers for `cswm WORDS<TAB>`, the last word being the one typed
# (give "" to complete a new word), sorted.
tab() {
  printf '$ cswm %s<TAB>\n' "$*"
  bash --norc --noprofile -c '
    source <("$1" completion bash) || exit 9
    shift
    COMP_WORDS=("$@")
    COMP_CWORD=$(($# - 1))
    COMP_LINE="$*"
    COMP_POINT=${#COMP_LINE}
    _cswm
    for word in "${COMPREPLY[@]}"; do printf "  %s\n" "$word"; done | LC_ALL=C sort
  ' _ "$CSWM" "$CSWM" "$@" 2>&1
}

run completion bash >/dev/null
run completion tcsh
tab ""
tab ch
tab check --f
tab check --format ""
tab --color ""
tab completion ""
tab new f
tab list --kind q
tab schema ""
tab hook ""
tab show ""   # not in a workspace: nothing, and no error

make_repo repo
(cd repo && "$CSWM" new srs --title "Disk alerts" >/dev/null && "$CSWM" new srs --title "Quotas" >/dev/null &&
  "$CSWM" new fix-confirmation --title "Alert storm" >/dev/null && "$CSWM" new quality-spec --title "Alerts" >/dev/null &&
  commit_all "first documents")
touch results.xml
tab -C repo show ""
tab -C repo link S
tab -C repo history --format ""
cd repo
tab show ""
tab show FIX
tab new --lang ""
tab new --lang =      # bash splits --lang=…: the = is a word of its own
tab new --lang = z
tab check --format = j
tab import junit --commit ""
tab import junit --quality-spec ""
cd ..
tab import junit r
tab logscan --format j
tab logscan -- --f   # after --, only positionals
