# The limits of .cswm.yaml bound what check reads: document size, nesting depth and the
# number of values, each reported as a finding at its place.
hostile="$SOURCE_DIR/tests/hostile"
make_repo repo
cd repo
dir=maint/anomaly-request
# A clean, complete draft (the duplicate-keys hostile document without its duplicate).
clean() { # ID
  sed "s/\"AREQ-120\"/\"$1\"/; /^severity: minor\$/d" "$hostile/duplicate-keys.yaml"
}
clean AREQ-001 >$dir/AREQ-001-clean.yaml
wc -c <$dir/AREQ-001-clean.yaml
run check
cat >.cswm.yaml <<'CONFIG'
root: maint
language: en
limits:
  max_document_bytes: 1024
  max_depth: 8
  max_nodes: 120
CONFIG
run check
sed -i 's/max_document_bytes: 1024/max_document_bytes: 4096/' .cswm.yaml
run check
# Nine levels: the root mapping, reproduction, steps and six nested lists.
clean AREQ-002 | sed 's/^    - "Upload a 60 MB file"$/    - [[[[[["Upload a 60 MB file"]]]]]]/' >$dir/AREQ-002-deep.yaml
# 121 values and more.
clean AREQ-003 | sed 's/^attachments: \[\]$/attachments: [a.png, b.png, c.png, d.png, e.png, f.png, g.png, h.png, i.png, j.png, k.png, l.png, m.png, n.png, o.png, p.png, q.png, r.png, s.png, t.png, u.png, v.png, w.png, x.png, y.png, z.png]/' >$dir/AREQ-003-wide.yaml
run check
