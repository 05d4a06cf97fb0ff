# The shipped example (examples/, SPEC §6): the demo repository builds with the same
# commit IDs everywhere, checks clean, and lists, shows and serves JSON as documented.
"$SOURCE_DIR/examples/make-demo-repo.sh" demo >/dev/null
cd demo
run check
run check --strict
run list
run list --kind test-report --format json
run show FIX-012
# The newest 20 commits pin the whole history (each ID covers its parents), and so
# every SHA the documents hold.
git log -n 20 --format='%h %s'
git tag --list
