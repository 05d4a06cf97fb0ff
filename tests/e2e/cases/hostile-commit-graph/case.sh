# A commit graph made to hurt: 100,000 commits in a long merge chain (50,000 merges, each
# taking the next commit of a 50,000-deep side branch), three commits with 20 MB messages
# whose trailers, at the very end, name documents, and every 1000th commit naming
# documents (and an unknown ID) in Refs:. check, history, trace --format json, status,
# bundle and bundle verify each end within the time bound and memory cap, and what they
# print stays small: messages are cut, never copied whole into output.
# Sanitizer builds walk the same graph (the golden holds its SHAs): most of the walk is
# libgit2's, which is not instrumented; only the memory cap is left out there.
source "$E2E_DIR/hostile.sh"
source "$E2E_DIR/fill.sh"
bound_cswm 120 2048
commits=100000

make_filled_repo repo
commit_all "documents"
fix=$(ls maint/fix-confirmation/FIX-001-*.yaml)
python3 "$(dirname "$BASH_SOURCE")/graph.py" "$(git rev-parse HEAD)" "$commits" 20 "$fix" |
  git fast-import --quiet --max-pack-size=0
git reset -q --hard main
echo "commits: $(git rev-list --count HEAD) (the documents' commit and $commits more), merges: $(git rev-list --merges --count HEAD)"
echo "largest message: $(($(git cat-file -s "$(git log -1 --format=%H --grep='^Huge message' main)") >> 20)) MB"

summarise check
summarise history FIX-001
summarise history FIX-001 --format json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("history JSON parses")' "$CASE_TMP/stdout"
summarise trace --format json
python3 -c 'import json,sys; json.load(open(sys.argv[1])); print("trace JSON parses")' "$CASE_TMP/stdout"
summarise status
summarise bundle -o ../graph.tar.gz
summarise bundle verify ../graph.tar.gz --repo
