# Document files whose names hold a newline, invalid UTF-8 (0xFF), an ESC sequence and a
# tab: check shows them escaped in text (\x0a, \xff, \x1b), and every machine format stays
# valid: JSON and SARIF parse, JUnit is well-formed XML 1.0 (before the fix it carried the
# raw 0xFF byte and &#27;, which no XML parser reads), GitHub annotations keep one line per
# finding. trace --format json parses; bundle escapes the member names and verifies.
source "$E2E_DIR/hostile.sh"
bound_cswm 60 1024
hostile="$SOURCE_DIR/tests/hostile"

make_repo repo
cd repo
dir=maint/anomaly-request
# A complete draft with one schema error (status), so that every file has a finding.
doc() { # ID
  sed "s/\"AREQ-120\"/\"$1\"/; /^severity: minor\$/d; s/^status: draft\$/status: bogus/" "$hostile/duplicate-keys.yaml"
}
doc AREQ-001 >"$dir/AREQ-001-new"$'\n'"line.yaml"
doc AREQ-002 >"$dir/AREQ-002-bad"$'\xff'"byte.yaml"
doc AREQ-003 >"$dir/AREQ-003-"$'\e'"[31mred"$'\e'"[0m.yaml"
doc AREQ-004 >"$dir/AREQ-004-tab"$'\t'"and 中文.yaml"
commit_all "names that hurt"

run check
status=0
"$CSWM" check --format json >../check.json || status=$?
echo "check --format json: exit $status"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1], encoding="utf-8")); print("JSON ok:", sorted({f["path"] for f in d}))' ../check.json
"$CSWM" check --format sarif >../check.sarif || true
python3 -c 'import json,sys; d=json.load(open(sys.argv[1], encoding="utf-8")); print("SARIF ok:", sorted(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in d["runs"][0]["results"]))' ../check.sarif
"$CSWM" check --format junit >../check.xml || true
python3 - ../check.xml <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()  # raises on bytes that are not XML 1.0
print("JUnit ok:", [s.get("name") for s in root.iter("testsuite")])
print("failure text:", [f.text for f in root.iter("failure")])
PY
run check --format github

"$CSWM" trace --format json >../trace.json && echo "trace --format json: exit 0"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1], encoding="utf-8")); print("trace JSON ok:", len(json.dumps(d)) > 0)' ../trace.json
run status

run bundle -o ../names.tar.gz
tar tzf ../names.tar.gz | grep sources/maint
run bundle verify ../names.tar.gz --repo
