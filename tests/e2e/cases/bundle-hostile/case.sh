# Hostile archives handed to `cswm bundle verify`, and hostile trees handed to `cswm
# bundle`. verify never extracts: nothing may appear on disk, names that would escape
# the folder are refused, and members too large or too compressed stop the read early.

# hostile KIND OUT: an archive built the way an attacker would, with Python's tarfile
# and zipfile (which write whatever name they are given).
hostile() {
  python3 - "$@" <<'PY'
import hashlib, io, json, sys, tarfile, zipfile
kind, out = sys.argv[1:3]

def manifest(files):
    entries = [{"path": n, "type": "file", "size": len(d), "sha256": hashlib.sha256(d).hexdigest()}
               for n, d in sorted(files.items())]
    return json.dumps({"format": "cswm-bundle/1", "revision": "0" * 40, "commit_time": "2026-01-01T00:00:00Z",
                       "files": entries}).encode()

def tar_of(members, mode="w:gz"):
    # GNU headers carry raw name bytes (surrogate escapes become the bytes themselves).
    with tarfile.open(out, mode, format=tarfile.GNU_FORMAT, errors="surrogateescape") as tar:
        for info, data in members:
            tar.addfile(info, io.BytesIO(data) if data is not None else None)

def file_info(name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    return info, data

if kind == "traversal":
    members = {"index.html": b"ok\n"}
    tar_of([file_info("index.html", b"ok\n"), file_info("manifest.json", manifest(members)),
            file_info("../escaped.txt", b"outside\n"), file_info("/tmp/cswm-absolute.txt", b"absolute\n"),
            file_info("sources/../../up.txt", b"up\n"), file_info("new\nline.txt", b"forged line\n"),
            file_info(b"bad\xff.txt".decode("utf-8", "surrogateescape"), b"bytes\n")])
elif kind == "through-link":
    link = tarfile.TarInfo("sources/out")
    link.type = tarfile.SYMTYPE
    link.linkname = "/tmp"
    tar_of([(link, None), file_info("sources/out/planted.txt", b"written through the link\n"),
            file_info("manifest.json", manifest({}))])
elif kind == "duplicate":
    tar_of([file_info("index.html", b"first\n"), file_info("index.html", b"second\n"),
            file_info("manifest.json", manifest({"index.html": b"first\n"}))])
elif kind == "huge-declared":
    # A header that declares 3 GiB, and then nothing: refused before a byte is read.
    info = tarfile.TarInfo("huge.bin")
    info.size = 3 << 30
    with open(out, "wb") as f:
        f.write(info.tobuf(format=tarfile.PAX_FORMAT))
elif kind == "gzip-bomb":
    zeros = b"\0" * (1 << 20)
    with tarfile.open(out, "w:gz", compresslevel=9) as tar:
        info = tarfile.TarInfo("bomb.bin")
        info.size = 300 << 20
        class Zeros(io.RawIOBase):
            left = info.size
            def readinto(self, b):
                n = min(len(b), self.left)
                b[:n] = zeros[:n] if n <= len(zeros) else b"\0" * n
                self.left -= n
                return n
        tar.addfile(info, Zeros())
elif kind == "zip-bomb":
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("bomb.bin", "w", force_zip64=True) as member:
            block = b"\0" * (1 << 20)
            for _ in range(300):
                member.write(block)
elif kind == "zip-traversal":
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("manifest.json", manifest({}))
        info = zipfile.ZipInfo("../../zip-escaped.txt")
        archive.writestr(info, b"outside\n")
PY
}

mkdir bundles
cd bundles
echo "## path traversal, absolute names, newlines, invalid UTF-8"
hostile traversal traversal.tar.gz
run bundle verify traversal.tar.gz
ls .. | grep -c escaped || true
test ! -e /tmp/cswm-absolute.txt && echo "nothing written outside"

echo "## a member written through a symbolic link member"
hostile through-link through-link.tar.gz
run bundle verify through-link.tar.gz

echo "## the same name twice"
hostile duplicate duplicate.tar.gz
run bundle verify duplicate.tar.gz

echo "## a member that declares 3 GiB"
hostile huge-declared huge.tar
run bundle verify huge.tar

echo "## 300 MB of zeros in a small tar.gz, and in a small zip"
hostile gzip-bomb bomb.tar.gz
hostile zip-bomb bomb.zip
ls -l bomb.tar.gz bomb.zip | awk '{ print ($5 < 2000000 ? "small: " : "LARGE: ") $NF }'
run bundle verify bomb.tar.gz
run bundle verify bomb.zip

echo "## a zip with a traversal name"
hostile zip-traversal traversal.zip
run bundle verify traversal.zip
cd ..

echo "## bundling a tree with a symlink, a newline and invalid UTF-8 in names"
make_repo repo
cd repo
"$CSWM" new srs --title "Upload limits" >/dev/null
ln -s /etc/passwd maint/srs/SRS-002-passwd.yaml
ln -s ../../../outside maint/escape
ln -s "$(printf 'new\nline')" maint/odd-link
printf 'kind: srs\n' >"maint/srs/bad"$'\n'"name.yaml"
printf 'kind: srs\n' >"maint/srs/bad"$'\xff'".yaml"
commit_all "documents, and mischief"
run bundle -o ../mischief.tar.gz
tar tvf ../mischief.tar.gz | grep -v -e index.html -e commits.json -e manifest.json
# Links are regular members holding the link's text: extracting never makes a link.
tar xOzf ../mischief.tar.gz manifest.json | grep -c '"type": "symlink"' || true
tar xOzf ../mischief.tar.gz sources/maint/escape && echo
run bundle verify ../mischief.tar.gz --repo

echo "## extracted and re-packed with tar: folder entries are harmless"
mkdir ../repacked
tar xzf ../mischief.tar.gz -C ../repacked
find ../repacked -type l | wc -l
(cd ../repacked && tar czf ../repacked.tar.gz manifest.json index.html commits.json pages sources)
tar tzf ../repacked.tar.gz | grep -c '/$'
run bundle verify ../repacked.tar.gz --repo

echo "## folder entries that escape are still refused; a link member is unsafe"
python3 - ../folders.tar.gz <<'PY'
import io, sys, tarfile
with tarfile.open(sys.argv[1], "w:gz", format=tarfile.GNU_FORMAT) as tar:
    for name in ("sources/", "../up/", "/etc/"):
        info = tarfile.TarInfo(name)
        info.type = tarfile.DIRTYPE
        tar.addfile(info)
    link = tarfile.TarInfo("sources/link")
    link.type = tarfile.SYMTYPE
    link.linkname = "../.."
    tar.addfile(link)
PY
run bundle verify ../folders.tar.gz

echo "## a temporary file a killed bundle left is removed by the next; a fresh one stays"
printf 'partial' >../.kept.tar.gz.0123456789abcdef.tmp
printf 'partial' >../.old.tar.gz.fedcba9876543210.tmp
touch -d '2 hours ago' ../.old.tar.gz.fedcba9876543210.tmp
run bundle -o ../mischief.tar.gz
ls -A .. | grep '\.tmp$'
