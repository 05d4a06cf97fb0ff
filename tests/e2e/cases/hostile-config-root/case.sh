# A .cswm.yaml whose root: leaves the repository is refused with exit 2 and a message that
# names the setting, by every command that opens the workspace (check, new, trace, bundle)
# and by init: an absolute path, `..` that climbs out, and a folder reached through a
# symbolic link (out of the repository, into it, dangling or looping). Before the link
# check, `new` wrote its document outside the repository through such a link, and check
# read the documents there. Nothing is written outside.
source "$E2E_DIR/hostile.sh"
bound_cswm 60 1024

mkdir outside
printf 'kind: srs\nid: "SRS-900"\ntitle: "outside"\n' >outside/SRS-900-outside.yaml
make_repo repo
cd repo
commit_all "cswm init"
config() { # ROOT: a .cswm.yaml with that root
  printf 'root: %s\nlanguage: en\n' "$1" >.cswm.yaml
}

echo "## root as text: absolute, climbing out with .., or the repository itself"
for root in "$PWD/../outside" /etc ../outside "maint/../../outside" "./maint/../.." "."; do
  config "$root"
  run check
done
echo "## a root that climbs and comes back in is the folder it names"
config "maint/../maint"
run check

echo "## through a symbolic link: to a folder outside, as the root itself and on the way"
ln -s ../outside linked
config linked
run check
run new srs --title "Written through the link"
run init
config linked/deeper
run trace --format json
mkdir -p docs
ln -s ../../outside docs/out
config docs/out/maint
run check
echo "## bundle reads the committed .cswm.yaml, and git holds the link, not what it points to:"
echo "## refused alike, with no bundle written; and a link into the repository, or on the way"
git add -A && git commit -q -m "root through a link"
run bundle -o ../linked.tar.gz
ls ../linked.tar.gz 2>/dev/null || echo "no bundle written"
rm docs/out && ln -s ../maint docs/in
config docs/in
git add -A && git commit -q -m "root through a link into the repository"
run bundle -o ../linked.tar.gz
config linked/deeper/maint
git add -A && git commit -q -m "root through a link on the way"
run bundle -o ../linked.tar.gz
ls ../linked.tar.gz 2>/dev/null || echo "no bundle written"
git reset -q --hard HEAD~3

echo "## a link into the repository is refused too: git keeps the link, not the documents"
ln -s maint inner
config inner
run check

echo "## a dangling link and a link loop"
ln -s nowhere dangling
config dangling/maint
run check
ln -s loop loop
config loop
run check

echo "## nothing was written outside"
ls ../outside
config maint
run check
