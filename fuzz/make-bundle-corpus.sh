#!/usr/bin/env bash
# Writes the seed corpus of the `bundle` fuzz target (fuzz/corpus/bundle/): two real
# bundles of a one-document repository (.tar.gz and .zip) made by cswm itself, and small
# hostile archives like those of tests/e2e/cases/bundle-hostile (traversal, a member
# under a symlink member, duplicates, a huge declared size, little bombs, broken files).
# Every file stays under the fuzzer's -max_len (64 KiB). Run it again after a change of
# the bundle's format: scripts/fuzz.sh never changes the committed corpus.
#
#   fuzz/make-bundle-corpus.sh [CSWM_BINARY]   (default: build/dev/cmd/cswm)
set -euo pipefail
cd "$(dirname "$0")/.."
cswm=$(realpath "${1:-build/dev/cmd/cswm}")
out="$PWD/fuzz/corpus/bundle"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
rm -f "$out"/*

# Two real bundles: one document, one commit, fixed dates and names.
(
  cd "$work"
  git init -q repo && cd repo
  export GIT_AUTHOR_NAME=Ann GIT_AUTHOR_EMAIL=ann@example.com GIT_COMMITTER_NAME=Ann
  export GIT_COMMITTER_EMAIL=ann@example.com GIT_AUTHOR_DATE=2026-11-01T10:00:00Z
  export GIT_COMMITTER_DATE=2026-11-01T10:00:00Z CSWM_TODAY=2026-11-01
  "$cswm" init >/dev/null
  "$cswm" new anomaly-request --title "Uploads stall" >/dev/null
  git add -A && git commit -q -m "AREQ-001: uploads stall"
  "$cswm" bundle --name corpus -o "$out/real.tar.gz" >/dev/null
  "$cswm" bundle --name corpus -o "$out/real.zip" >/dev/null
)

python3 - "$out" <<'PY'
import gzip, hashlib, io, json, sys, tarfile, zipfile
out = sys.argv[1]

def manifest(files):
    entries = [{"path": n, "type": "file", "size": len(d), "sha256": hashlib.sha256(d).hexdigest()}
               for n, d in sorted(files.items())]
    return json.dumps({"format": "cswm-bundle/1", "revision": "0" * 40, "commit_time": "2026-01-01T00:00:00Z",
                       "files": entries}).encode()

def info(name, data, kind=tarfile.REGTYPE, link=""):
    member = tarfile.TarInfo(name)
    member.size = len(data) if kind == tarfile.REGTYPE else 0
    member.type = kind
    member.linkname = link
    member.mtime = 1767225600
    return member, (data if kind == tarfile.REGTYPE else None)

def tar(name, members, mode="w:gz", fmt=tarfile.GNU_FORMAT):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=mode, format=fmt, errors="surrogateescape") as archive:
        for member, data in members:
            archive.addfile(member, io.BytesIO(data) if data is not None else None)
    data = buffer.getvalue()
    if mode == "w:gz":  # no name and no time in the gzip header: the same bytes every run
        data = gzip.compress(gzip.decompress(data), mtime=0)
    open(f"{out}/{name}", "wb").write(data)

def zipped(name, members, compression=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for member_name, data in members:
            member = zipfile.ZipInfo(member_name, date_time=(2026, 1, 1, 0, 0, 0))
            member.compress_type = compression
            archive.writestr(member, data)
    open(f"{out}/{name}", "wb").write(buffer.getvalue())

good = {"index.html": b"<p>ok</p>\n", "sources/maint/a.yaml": b"id: AREQ-001\n"}
tar("good.tar.gz", [info(n, d) for n, d in good.items()] + [info("manifest.json", manifest(good))])
tar("good-plain.tar", [info(n, d) for n, d in good.items()] + [info("manifest.json", manifest(good))],
    mode="w", fmt=tarfile.PAX_FORMAT)
zipped("good.zip", list(good.items()) + [("manifest.json", manifest(good))])
zipped("good-stored.zip", list(good.items()) + [("manifest.json", manifest(good))], zipfile.ZIP_STORED)
tar("modified.tar.gz", [info("index.html", b"changed\n"), info("manifest.json", manifest(good)),
                        info("extra.txt", b"not listed\n")])
tar("traversal.tar.gz", [info("index.html", b"ok\n"), info("manifest.json", manifest({"index.html": b"ok\n"})),
                         info("../escaped.txt", b"outside\n"), info("/tmp/cswm-absolute.txt", b"absolute\n"),
                         info("sources/../../up.txt", b"up\n"), info("new\nline.txt", b"forged line\n"),
                         info(b"bad\xff.txt".decode("utf-8", "surrogateescape"), b"bytes\n")])
tar("through-link.tar.gz", [info("sources/out", b"", tarfile.SYMTYPE, "/tmp"),
                            info("sources/out/planted.txt", b"through the link\n"),
                            info("manifest.json", manifest({}))])
tar("hardlink-device.tar", [info("a.txt", b"a\n"), info("b.txt", b"", tarfile.LNKTYPE, "a.txt"),
                            info("dev", b"", tarfile.CHRTYPE), info("dir/", b"", tarfile.DIRTYPE),
                            info("manifest.json", manifest({"a.txt": b"a\n"}))], mode="w")
tar("duplicate.tar.gz", [info("index.html", b"first\n"), info("index.html", b"second\n"),
                         info("manifest.json", manifest({"index.html": b"first\n"}))])
tar("bad-manifest.tar.gz", [info("index.html", b"ok\n"), info("manifest.json", b'{"format": "cswm-bundle/1", "files": [{"path": 3}]}')])
tar("manifest-is-link.tar.gz", [info("manifest.json", b"", tarfile.SYMTYPE, "/etc/passwd")])
huge = tarfile.TarInfo("huge.bin")
huge.size = 3 << 30
open(f"{out}/huge-declared.tar", "wb").write(huge.tobuf(format=tarfile.PAX_FORMAT))
# 4 MB of zeros: more than the target's 1 MB before the ratio applies, a ratio over 200.
bomb = tarfile.TarInfo("bomb.bin")
bomb.size = 4 << 20
buffer = io.BytesIO()
with tarfile.open(fileobj=buffer, mode="w", format=tarfile.GNU_FORMAT) as archive:
    archive.addfile(bomb, io.BytesIO(b"\0" * bomb.size))
open(f"{out}/bomb.tar.gz", "wb").write(gzip.compress(buffer.getvalue(), 9, mtime=0))
zipped("bomb.zip", [("bomb.bin", b"\0" * (4 << 20))])
zipped("traversal.zip", [("manifest.json", manifest({})), ("../../zip-escaped.txt", b"outside\n")])
real = open(f"{out}/good.tar.gz", "rb").read()
open(f"{out}/truncated.tar.gz", "wb").write(real[: len(real) // 2])
open(f"{out}/not-an-archive.txt", "wb").write(b"id: AREQ-001\n")
PY
find "$out" -type f -printf '%s %f\n' | sort -k2
big=$(find "$out" -type f -size +64k)
if [ -n "$big" ]; then
  echo "larger than the fuzzer's -max_len of 64 KiB: $big" >&2
  exit 1
fi
