"""Writes a git fast-import stream to stdout: COMMITS commits on top of FROM (a commit),
in a long merge chain (each main commit merges the next commit of a side branch, so the
first-parent chain and the side chain are both COMMITS/2 deep), a few commits whose
messages are MESSAGE_MB megabytes with trailers at the end, and every 1000th commit
naming documents in a Refs: trailer. Dates, names and content are fixed: the same
arguments give the same SHAs.

Usage: graph.py FROM COMMITS MESSAGE_MB DOCUMENT_PATH
"""
import sys

base, commits, message_mb, document = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
out = sys.stdout.buffer
start = 1767574800  # 2026-01-05T01:00:00Z


def commit(ref, mark, parents, message, seconds, change=None):
    who = b"Ann Lee <ann@example.com> %d +0800" % (start + seconds)
    out.write(b"commit %s\nmark :%d\nauthor %s\ncommitter %s\n" % (ref, mark, who, who))
    out.write(b"data %d\n%s\n" % (len(message), message))
    out.write(b"from %s\n" % parents[0])
    for parent in parents[1:]:
        out.write(b"merge %s\n" % parent)
    if change is not None:
        out.write(b"M 100644 inline %s\ndata %d\n%s\n" % (document.encode(), len(change), change))
    out.write(b"\n")


with open(document, "rb") as f:
    text = f.read()
base_ref = base.encode()
main_parent = base_ref
side_parent = base_ref
mark = 0
huge_every = commits // 2 // 3  # three huge messages along the chain
for i in range(1, commits // 2 + 1):
    mark += 1
    side_message = b"side work %d" % i
    if i % 1000 == 0:
        side_message += b"\n\nRefs: FIX-001, REQ-001, NOPE-%d" % i
    commit(b"refs/heads/side", mark, [side_parent], side_message, 2 * i)
    side_parent = b":%d" % mark
    mark += 1
    change = None
    if i % huge_every == 0:
        body = b"x" * (message_mb << 20)
        message = b"Huge message %d\n\n%s\n\nRefs: FIX-001, REQ-001\nReviewed-by: Wang Wei <wei@example.com>" % (i, body)
        change = text + b"# touched by the huge commit %d\n" % i
    else:
        message = b"Merge side work %d" % i
    commit(b"refs/heads/main", mark, [main_parent, side_parent], message, 2 * i + 1, change)
    main_parent = b":%d" % mark
