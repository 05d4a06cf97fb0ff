# Loader findings and the errors lib/ throws, in Traditional Chinese (--lang zh-TW, and the
# locale LANG=zh_TW.UTF-8): syntax errors composed from libyaml's problems, encoding,
# limits, file-level findings, .cswm.yaml, git revisions, renumber, JUnit XML, logscan,
# render. Paths, IDs, rule names and libraries' own texts stay as they are.
source "$E2E_DIR/fill.sh"
make_repo repo
cd repo
fill_srs "$(new_doc srs "Uploads")" REQ-001
fill_quality_spec "$(new_doc quality-spec "Upload tests")" TC-001
"$CSWM" new fix-confirmation --title "Resume fix" >/dev/null
commit_all "scaffold"
mkdir -p maint/srs
printf 'kind: srs\nid: SRS-010\ntitle: [unclosed\nstatus: draft\n' >maint/srs/SRS-010-flow.yaml
printf 'kind: srs\nid: SRS-011\ntitle: "open quote\nstatus: draft\n' >maint/srs/SRS-011-quote.yaml
printf 'kind: srs\nid: SRS-012\ntitle：full-width colon\nstatus: draft\n' >maint/srs/SRS-012-colon.yaml
printf 'kind: srs\nid: SRS-013\nid: SRS-014\ntitle: &a dup\n' >maint/srs/SRS-013-dup.yaml
printf '\xef\xbb\xbfkind: srs\nid: SRS-015\n\ttitle: tab\n' >maint/srs/SRS-015-bom-tab.yaml
printf 'kind: srs\nid: SRS-016\ntitle: bad \xff byte\n' >maint/srs/SRS-016-utf8.yaml
printf -- '- a list\n- not a mapping\n' >maint/srs/SRS-017-list.yaml
printf '# nothing but a comment\n' >maint/srs/SRS-018-empty.yaml
printf 'a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n' \
  >maint/srs/SRS-019-deep.yaml
ln -s SRS-010-flow.yaml maint/srs/SRS-020-link.yaml
mkfifo maint/srs/SRS-021-fifo.yaml

echo "# loader and file findings in zh-TW (--lang)"
run --lang zh-TW check maint/srs/SRS-01* maint/srs/SRS-02*
echo "# the same findings in English"
run check maint/srs/SRS-010-flow.yaml maint/srs/SRS-012-colon.yaml maint/srs/SRS-020-link.yaml
echo "# the locale decides when nothing else does"
(unset LC_ALL; LANG=zh_TW.UTF-8 run check maint/srs/SRS-011-quote.yaml maint/srs/SRS-016-utf8.yaml)
rm -f maint/srs/SRS-0[12]*

echo "# git revisions and ranges"
run --lang zh-TW link FIX-001 no-such-branch
run --lang zh-TW impact no-such-tag..HEAD
run --lang zh-TW impact 'HEAD...HEAD~1'
run --lang zh-TW bundle -o ../x.tar.gz --rev no-such-tag
echo "# renumber"
run --lang zh-TW renumber SRS-002 SRS-003
echo "# import junit"
run --lang zh-TW import junit --quality-spec QS-001 ../missing.xml
: >../empty.xml
run --lang zh-TW import junit --quality-spec QS-001 ../empty.xml
printf '<?xml version="1.0"?>\n<test-run><x/></test-run>\n' >../nunit.xml
run --lang zh-TW import junit --quality-spec QS-001 ../nunit.xml
echo "# logscan"
mkdir ../logs
run --lang zh-TW logscan ../logs
run --lang zh-TW logscan --line-format '<Date> (<Level>' ../logs
run --lang zh-TW logscan --since yesterday ../logs
echo "# render"
: >../a-file
run --lang zh-TW render --all -o ../a-file | sed "s|$PWD/||"
echo "# .cswm.yaml: its own errors, said in the locale's language"
cp .cswm.yaml ../config.bak
printf 'time_zone: Asia/Taipie\n' >>.cswm.yaml
(unset LC_ALL; LANG=zh_TW.UTF-8 run check)
cp ../config.bak .cswm.yaml
printf 'waivers:\n  - rule: link-target\n    justification: " "\n    id: SRS-001\n' >>.cswm.yaml
run --lang zh-TW check
cp ../config.bak .cswm.yaml
echo "# CSWM_TODAY that is not a date"
CSWM_TODAY=tomorrow run --lang zh-TW new srs --title x
