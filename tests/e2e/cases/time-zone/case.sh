# Times shown to people follow .cswm.yaml's time_zone, else the system's (TZ,
# /etc/localtime); stored values stay as written. A bad zone name stops every command
# with a clear message. Bundles must be the same bytes on every machine: they use the
# revision's time_zone, else UTC, never the machine's.
if [ ! -e /usr/share/zoneinfo/Asia/Taipei ] || [ ! -e /usr/share/zoneinfo/America/New_York ]; then
  echo "skipped: no IANA time zone database in /usr/share/zoneinfo (install tzdata)" >&2
  exit 77
fi
make_repo repo
cd repo
"$CSWM" new fix-confirmation --title "Upload resumes" >/dev/null
git add -A
# Committed at 23:30 in Taipei: the day before, in UTC and New York.
GIT_AUTHOR_DATE="2026-03-07T23:30:00+08:00" GIT_COMMITTER_DATE="2026-03-07T23:30:00+08:00" \
  git commit -q -m "FIX-001: scaffold" -m "Refs: FIX-001"
sed -i 's/^status: .*/status: open/' maint/fix-confirmation/FIX-001-upload-resumes.yaml
# After New York's clocks went forward (2026-03-08 02:00 EST).
GIT_AUTHOR_DATE="2026-03-08T09:00:00+00:00" GIT_COMMITTER_DATE="2026-03-08T09:00:00+00:00" \
  git commit -q -am "FIX-001: open"

echo "# the system's zone (TZ=UTC in these tests)"
run history FIX-001
echo "# TZ=America/New_York: before and after the change to daylight time"
TZ=America/New_York run history FIX-001
echo "# TZ as a POSIX rule"
TZ=CST-8 run history FIX-001

git show HEAD:.cswm.yaml >"$CASE_TMP/config"
sed -i 's/^language: en$/language: en\ntime_zone: Asia\/Taipei/' .cswm.yaml
grep -n time_zone .cswm.yaml
echo "# time_zone wins over TZ"
TZ=America/New_York run history FIX-001
run history FIX-001 --format json # stored instants, with the commit's own offset
"$CSWM" render FIX-001 --format md -o "$CASE_TMP/site" >/dev/null
grep -m2 '2026-03-0' "$CASE_TMP/site/FIX-001.md"

echo "# bad zones are configuration errors"
sed -i 's/^time_zone: .*/time_zone: Asia\/Taipe/' .cswm.yaml
run list
sed -i 's/^time_zone: .*/time_zone: ..\/..\/etc\/passwd/' .cswm.yaml
run list
sed -i 's/^time_zone: .*/time_zone: ""/' .cswm.yaml
run list
sed -i 's/^time_zone: .*/time_zone: 8/' .cswm.yaml
run list

echo "# bundles do not depend on the machine's zone"
cp "$CASE_TMP/config" .cswm.yaml
TZ=UTC "$CSWM" bundle -o "$CASE_TMP/utc.tar.gz" >/dev/null
TZ=Asia/Tokyo "$CSWM" bundle -o "$CASE_TMP/tokyo.tar.gz" >/dev/null
TZ=America/New_York "$CSWM" bundle -o "$CASE_TMP/york.tar.gz" >/dev/null
cmp "$CASE_TMP/utc.tar.gz" "$CASE_TMP/tokyo.tar.gz" && cmp "$CASE_TMP/utc.tar.gz" "$CASE_TMP/york.tar.gz" &&
  echo "the same bytes under TZ=UTC, Asia/Tokyo and America/New_York"
tar -xzOf "$CASE_TMP/utc.tar.gz" --wildcards '*pages/FIX-001.html' | grep -o '2026-03-0[78] [0-9:]* [+-][0-9:]*' | sort -u
echo "# with the revision's time_zone, its zone, whatever the machine's"
sed -i 's/^language: en$/language: en\ntime_zone: Asia\/Taipei/' .cswm.yaml
git commit -q -am "time zone of the team"
TZ=America/New_York "$CSWM" bundle -o "$CASE_TMP/taipei.tar.gz" >/dev/null
tar -xzOf "$CASE_TMP/taipei.tar.gz" --wildcards '*pages/FIX-001.html' | grep -o '2026-03-0[78] [0-9:]* [+-][0-9:]*' | sort -u
