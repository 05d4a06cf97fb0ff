# cswm bundle on the demo repository: what the archive holds (listing and manifest are
# contracts), that it is the same byte for byte on every run and from another clone,
# that verify passes it and catches every change (modified, missing, extra member; a
# source forged with a matching manifest; another repository), older tags, zip, patches,
# and the bad inputs.
"$SOURCE_DIR/examples/make-demo-repo.sh" demo >/dev/null
cd demo

# tamper ARCHIVE OUT ACTION [NAME]: a copy of a tar.gz bundle with one member changed
# (modify), dropped (remove) or one added (add); forge changes a source and rewrites the
# manifest to match, as a forger who knows the format would.
tamper() {
  python3 - "$@" <<'PY'
import gzip, hashlib, io, json, sys, tarfile
source, out, action = sys.argv[1:4]
name = sys.argv[4] if len(sys.argv) > 4 else ""
members = []
with tarfile.open(source, "r:gz") as tar:
    for info in tar.getmembers():
        data = tar.extractfile(info).read() if info.isfile() else b""
        members.append((info, data))
result = []
for info, data in members:
    if info.name == name and action == "remove":
        continue
    if info.name == name and action in ("modify", "forge"):
        data = data.replace(b"status: closed", b"status: open", 1) if action == "forge" else data + b"<!-- edited -->\n"
        info.size = len(data)
    result.append((info, data))
if action == "add":
    info = tarfile.TarInfo("sources/maint/srs/SRS-999-planted.yaml")
    data = b"kind: srs\nid: SRS-999\n"
    info.size = len(data)
    result.append((info, data))
if action == "forge":
    for i, (info, data) in enumerate(result):
        if info.name == "manifest.json":
            manifest = json.loads(data)
            for entry in manifest["files"]:
                if entry["path"] == name:
                    changed = next(d for inf, d in result if inf.name == name)
                    entry["size"] = len(changed)
                    entry["sha256"] = hashlib.sha256(changed).hexdigest()
            data = (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode()
            info.size = len(data)
            result[i] = (info, data)
with tarfile.open(out, "w:gz") as tar:
    for info, data in result:
        tar.addfile(info, io.BytesIO(data) if info.isfile() else None)
PY
}

echo "## the bundle of HEAD"
run bundle -o ../head.tar.gz
tar tvf ../head.tar.gz
echo "## manifest.json"
tar xOzf ../head.tar.gz manifest.json

echo "## the same bytes: again, and from a second clone"
run bundle -o ../again.tar.gz
git clone -q "$PWD" ../clone
(cd ../clone && "$CSWM" bundle -o ../clone.tar.gz >/dev/null)
# The pages are rendered and the commits read on as many threads as CSWM_JOBS says.
CSWM_JOBS=1 "$CSWM" bundle -o ../one-thread.tar.gz >/dev/null
CSWM_JOBS=3 "$CSWM" bundle -o ../three-threads.tar.gz >/dev/null
for copy in again clone one-thread three-threads; do
  if cmp -s ../head.tar.gz ../$copy.tar.gz; then echo "$copy.tar.gz: identical"; else echo "$copy.tar.gz: DIFFERS"; fi
done
sha256sum ../head.tar.gz | cut -c1-64

echo "## index.html: self-contained"
tar xOzf ../head.tar.gz index.html >../index.html
grep -c '<script' ../index.html || true
grep -Eo '(src|href)="https?:[^"]*"' ../index.html || echo "no network references"
grep -o '<h2>[^<]*</h2>' ../index.html
grep -c '<svg ' ../index.html
grep -o 'class="chart-empty">[^<]*' ../index.html || true
grep -A2 '<strong>P2.1.2</strong>' ../index.html | sed 's/<[^>]*>/ /g; s/  */ /g'
# Every relative link of every page leads to a member of the archive, or to a place in
# the page; links out (URLs written in documents) are counted apart.
python3 - ../head.tar.gz <<'PY'
import html.parser, posixpath, sys, tarfile, urllib.parse
with tarfile.open(sys.argv[1]) as tar:
    names = set(tar.getnames())
    pages = {n: tar.extractfile(n).read().decode("utf-8") for n in sorted(names) if n.endswith(".html")}
class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()
    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])
        if tag in ("script", "img", "link", "iframe"):
            print(f"{tag} element found")
total = outside = 0
broken = []
for name, page in pages.items():
    parser = Links()
    parser.feed(page)
    for link in parser.links:
        total += 1
        if urllib.parse.urlsplit(link).scheme:
            outside += 1
        elif link.startswith("#"):
            if link[1:] not in parser.ids:
                broken.append(f"{name}: {link}")
        elif posixpath.normpath(posixpath.join(posixpath.dirname(name), urllib.parse.unquote(link.split("#")[0]))) not in names:
            broken.append(f"{name}: {link}")
print(f"{len(pages)} pages, {total} links, {outside} out of the bundle, {len(broken)} broken", *broken, sep="\n")
PY
echo "## the pages are what cswm render makes of the same revision"
"$CSWM" render --all --format html -o ../rendered >/dev/null
mkdir ../unpacked && tar xzf ../head.tar.gz -C ../unpacked pages
diff -r ../unpacked/pages ../rendered -x index.html && echo "pages/ = cswm render --all --format html (index.html aside)"

echo "## verify"
run bundle verify ../head.tar.gz
run bundle verify ../head.tar.gz --repo

echo "## verify: a modified, a missing and an extra member"
tamper ../head.tar.gz ../modified.tar.gz modify index.html
run bundle verify ../modified.tar.gz
tamper ../head.tar.gz ../missing.tar.gz remove commits.json
run bundle verify ../missing.tar.gz
tamper ../head.tar.gz ../extra.tar.gz add
run bundle verify ../extra.tar.gz

echo "## verify --repo: a forged source with a matching manifest"
tamper ../head.tar.gz ../forged.tar.gz forge "sources/maint/fix-confirmation/FIX-013-large-uploads-retry-the-merge-after-the-gateway-timeout.yaml"
run bundle verify ../forged.tar.gz
run bundle verify ../forged.tar.gz --repo

echo "## verify --repo in a repository that does not have the revision"
make_repo ../other
(cd ../other && commit_all "other") >/dev/null
(cd ../other && run bundle verify ../head.tar.gz --repo)

echo "## an older tag, as zip, in Traditional Chinese"
run bundle --rev v2.4.0-rc2 --lang zh-TW -o ../rc2.zip
python3 - ../rc2.zip <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as archive:
    for info in archive.infolist():
        print("%04d-%02d-%02d %02d:%02d:%02d %o %6d %s" % (*info.date_time, info.external_attr >> 16, info.file_size, info.filename))
PY
run bundle verify ../rc2.zip --repo
unzip -p ../rc2.zip index.html | grep -o '<h2>[^<]*</h2>'
unzip -p ../rc2.zip manifest.json | grep -E '"(revision|commit_time|language)"'

echo "## with patches"
run bundle --rev v2.4.0 --with-patches -o ../patches.tar.gz
tar tzf ../patches.tar.gz | grep -c '^patches/'
tar xOzf ../patches.tar.gz patches/627eb47ca49ccde955d59e966c218b66c60a51e7.patch | head -5
tar xOzf ../patches.tar.gz commits.json | python3 -c '
import json, sys
commit = next(c for c in json.load(sys.stdin)["commits"] if c["sha"].startswith("627eb47"))
print(json.dumps(commit, indent=2, ensure_ascii=False))'
run bundle verify ../patches.tar.gz --repo

echo "## bad inputs"
run bundle -o ../bundle.txt
run bundle --rev no-such-tag -o ../x.tar.gz
run bundle --rev v2.3.4 -o ../x.tar.gz
run bundle --lang fr
printf 'not an archive\n' >../text.tar.gz
run bundle verify ../text.tar.gz
run bundle verify ../absent.tar.gz
run bundle -o ../a-folder.tar.gz/
mkdir ../out.tar.gz
run bundle -o ../out.tar.gz
make_repo ../empty
(cd ../empty && run bundle)

echo "## from a subfolder, and from a shallow clone (CI's default checkout)"
(cd maint/srs && run bundle -o ../../../sub.tar.gz)
cmp -s ../head.tar.gz ../sub.tar.gz && echo "sub.tar.gz: identical"
git clone -q --depth 1 "file://$PWD" ../shallow
(cd ../shallow && run bundle --name demo -o ../shallow.tar.gz && run bundle verify ../shallow.tar.gz --repo)
echo "## a working tree switched to Chinese since: the result and note in its language, the archive in the revision's"
(cd ../shallow && sed -i 's/^language: en/language: zh-TW/' .cswm.yaml && run bundle --name demo -o ../shallow-zh.tar.gz &&
  git checkout -q -- .cswm.yaml)
cmp -s ../shallow.tar.gz ../shallow-zh.tar.gz && echo "shallow-zh.tar.gz: identical"
