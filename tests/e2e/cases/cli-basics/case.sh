# --version, --help, a mistyped command, and what happens outside a repository.
run --version
run chek
run check --format yaml
run check   # not a git repository
make_repo repo
cd repo
run list
run show FIX-001
run new fix-confirmaton
