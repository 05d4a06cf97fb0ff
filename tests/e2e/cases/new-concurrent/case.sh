# Twenty `cswm new` started at once for the same kind create twenty distinct IDs and
# twenty files, none overwritten.
make_repo repo
cd repo
for i in $(seq 1 20); do
  "$CSWM" new test-report --title "run $i" >/dev/null &
done
wait
ls maint/test-report | sed 's/-run-[0-9]*\.yaml$//' | sort | uniq -c | awk '{print $1, $2}'
ls maint/test-report | wc -l
grep -h '^id:' maint/test-report/*.yaml | sort | uniq -d | wc -l
