# Symbolic links in the documents folder: a document that links to a valid document
# outside the repository, to /etc/passwd, to a FIFO outside (were it followed, the read
# would block and the run time out), a dangling link, a link to itself, two links to each
# other, folder links out of the repository, up to the documents folder and in a loop.
# Each link named *.yaml is a `file` finding and is never read (what lies outside never
# shows up in any output); folder links are not entered, so loops end. check,
# trace --format json, status, bundle and bundle verify all end in bounded time.
source "$E2E_DIR/hostile.sh"
source "$E2E_DIR/fill.sh"
bound_cswm 60 1024

mkdir outside
make_filled_repo repo
# A valid document outside, with a secret word in it that must never be printed.
sed 's/^title: .*/title: "OUTSIDE-SECRET"/; s/^id: SRS-001/id: SRS-900/' maint/srs/SRS-001-*.yaml >../outside/SRS-900-outside.yaml
mkfifo ../outside/fifo.yaml
ln -s ../../../outside/SRS-900-outside.yaml maint/srs/SRS-900-outside.yaml
ln -s /etc/passwd maint/srs/SRS-901-passwd.yaml
ln -s ../../../outside/fifo.yaml maint/srs/SRS-902-fifo.yaml
ln -s SRS-999-nowhere.yaml maint/srs/SRS-903-dangling.yaml
ln -s SRS-904-self.yaml maint/srs/SRS-904-self.yaml
ln -s SRS-906-b.yaml maint/srs/SRS-905-a.yaml
ln -s SRS-905-a.yaml maint/srs/SRS-906-b.yaml
ln -s ../../outside maint/srs/out-folder
ln -s .. maint/srs/up-loop
mkdir -p maint/srs/deep && ln -s ../deep maint/srs/deep/again
ln -s / maint/srs/root-folder
commit_all "documents, and links that hurt"

run check
"$CSWM" check --format json >../check.json || true
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("check JSON:", len(d), "findings")' ../check.json
"$CSWM" trace --format json >../trace.json && echo "trace --format json: exit 0"
python3 -c 'import json,sys; json.load(open(sys.argv[1])); print("trace JSON parses")' ../trace.json
run status
run bundle -o ../links.tar.gz
tar tzvf ../links.tar.gz | awk '{ print $1, $6, $7, $8 }' | grep sources/
run bundle verify ../links.tar.gz --repo
# Nothing of what lies outside was read.
if grep -rq OUTSIDE-SECRET ../check.json ../trace.json "$CASE_TMP/stdout"; then echo "LEAK: outside content shown"; fi
if tar xzOf ../links.tar.gz | grep -aq -e OUTSIDE-SECRET -e 'root:x:0'; then echo "LEAK: outside content bundled"; fi
echo "outside untouched: $(ls ../outside)"
