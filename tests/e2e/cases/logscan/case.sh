# cswm logscan (SPEC §6 step 8): the signatures of real-world log formats as text, JSON and
# one line per input line; time ranges; gzip; clear errors for what is not a log; and
# --into, which appends a log review to a maintenance log that still passes check.
export CSWM_TODAY=2026-12-01 TZ=CST-8 # a POSIX zone: UTC+8 without tzdata
# libgit2 reads ~/.gitconfig whatever GIT_CONFIG_GLOBAL says: no user.name from this machine.
export HOME="$CASE_TMP/home"
mkdir -p "$HOME"
mkdir logs
cp "$SOURCE_DIR"/tests/fixtures/logs/*.log logs/

echo "# an application log with a stack trace, then every built-in format at once"
run logscan logs/upload-service.log
run logscan logs/nginx-access.log logs/nginx-error.log logs/auth.log logs/rfc5424.log logs/apache-error.log

echo "# JSON, and one object a line"
run logscan logs/nginx-error.log --format json
run logscan logs/rfc5424.log --format jsonl

echo "# one line per input line, for scoring and for scripts"
run logscan logs/upload-service.log --per-line --format jsonl
run logscan logs/nginx-access.log --per-line

echo "# a line format of one's own, as Loghub writes them"
run logscan logs/upload-service.log --line-format '<Date>T<Time> <Level> \[<Thread>\] <Component> - <Content>' \
  --format jsonl

echo "# --since and --until: a date means all of that day"
run logscan logs/upload-service.log --since 2026-11-03 --until 2026-11-03T12:00:00+08:00
run logscan logs/upload-service.log --until 2026-11-02

echo "# gzip-compressed logs are read directly"
gzip -n -c logs/upload-service.log >logs/upload-service.log.1.gz
run logscan logs/upload-service.log.1.gz --format jsonl

echo "# what is not a log, or not there, stops the scan before anything is printed"
printf 'PK\003\004\000\000\024\000garbage' >logs/archive.zip
head -c 300 logs/upload-service.log.1.gz >logs/cut.gz
run logscan logs/archive.zip
run logscan logs/upload-service.log logs/missing.log
run logscan logs
run logscan logs/cut.gz
run logscan logs/upload-service.log --line-format '<Date> <Time> <Level>'
run logscan logs/upload-service.log --since yesterday
run logscan logs/upload-service.log --since 2026-11-04 --until 2026-11-03
run logscan logs/upload-service.log --per-line --format json
run logscan logs/upload-service.log --top 3

echo "# --into: a log review appended to the demo repository's MLOG-007"
"$SOURCE_DIR/examples/make-demo-repo.sh" demo >/dev/null
cd demo
mkdir logs
cp ../logs/upload-service.log logs/
# The demo's MLOG-007 is closed, and a closed log takes no more reviews (see the end):
# reopen it, as a team would to add a late review.
sed -i 's/^status: closed/status: open/' maint/maintenance-log/MLOG-007-*.yaml
git commit -q -am "Reopen MLOG-007 for a late log review"
run logscan logs/upload-service.log --into MLOG-007
run logscan logs/upload-service.log --into MLOG-007 --reviewer "Jun-Hao Lin" --top 4
git diff
run check

echo "# a second review of the same log: what the first one listed is no longer new"
echo "2026-11-05T08:00:00.000+08:00 ERROR [scheduler] storage.Janitor - cannot remove /data/uploads/tmp/2026-11-04: Permission denied" >>logs/upload-service.log
git add -A && git commit -q -m "Log review of 2026-12-01"
run logscan logs/upload-service.log --into MLOG-007 --reviewer "Jun-Hao Lin" --top 6 --format jsonl
git diff
run check

echo "# a signature that starts and ends with a mask is a finding, not a scaffold placeholder"
git add -A && git commit -q -m "Second log review of 2026-12-01"
cp ../logs/datanode.log logs/
run logscan logs/datanode.log --line-format '<Date> <Time> <Pid> <Level> <Component>: <Content>' \
  --into MLOG-007 --reviewer "Jun-Hao Lin"
git diff
run check

echo "# --into takes a maintenance log that parses; nothing is written otherwise"
git add -A && git commit -q -m "Log review of the datanode"
run logscan logs/upload-service.log --into FIX-012 --reviewer "Jun-Hao Lin"
run logscan logs/upload-service.log --into MLOG-070 --reviewer "Jun-Hao Lin"
mlog=$(ls maint/maintenance-log/MLOG-007-*.yaml)
printf 'log_reviews: [\n' >>"$mlog"
run logscan logs/upload-service.log --into MLOG-007 --reviewer "Jun-Hao Lin"
git checkout -q -- maint
sed -i 's/^status: open/status: closed/' "$mlog"
run logscan logs/upload-service.log --into MLOG-007 --reviewer "Jun-Hao Lin"
git diff --stat -- maint
git checkout -q -- maint
run logscan logs/missing.log --into MLOG-007 --reviewer "Jun-Hao Lin"
git status --short -- maint
echo "(nothing changed in maint/)"
