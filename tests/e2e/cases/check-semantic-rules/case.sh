# What the schemas cannot say: spans that run backwards, dates out of order, test-report
# counts that do not add up, results for cases of another quality spec, failures without
# a fix, and an information-security incident notified after the legal hour. Each mistake
# is made in a copy of the example repository, which is clean to begin with.
"$SOURCE_DIR/examples/make-demo-repo.sh" demo >/dev/null
cd demo
run check

tr=maint/test-report/TR-007-release-2-4-0-rc1-system-test.yaml
sed -i 's/^  end: 2026-11-05/  end: 2026-11-01/' "$tr"          # the period runs backwards
sed -i 's/^  passed: 4$/  passed: 5/' "$tr"                      # counts that do not add up
sed -i '0,/^  - case: TC-101/s//  - case: TC-999/' "$tr"         # no such case at all
sed -i '0,/^  - case: TC-102/s//  - case: TC-702/' "$tr"         # a case of another quality spec
# QS-005: a second quality spec, its cases numbered TC-7NN
sed 's/QS-004/QS-005/; s/TC-1\([0-9][0-9]\)/TC-7\1/g' maint/quality-spec/QS-004-*.yaml > maint/quality-spec/QS-005-mobile.yaml
sed -i '0,/^    fix: FIX-012/s//    fix: null/' "$tr"              # a failure without its fix

fix=maint/fix-confirmation/FIX-012-*.yaml
sed -i 's/^  date: 2026-11-10/  date: 2026-11-01/' $fix          # confirmed before it was reported

areq=maint/anomaly-request/AREQ-007-*.yaml
sed -i 's/^  is_security_incident: false .*/  is_security_incident: true/;
        s/^  level: null/  level: 2/;
        s/^  learned_at: null/  learned_at: 2026-11-06T09:10:00+08:00/;
        s/^  notified_at: null/  notified_at: 2026-11-06T10:30:00+08:00/;
        s/^  notified_to: null/  notified_to: 資安長/' $areq
run check
run check --format json maint/anomaly-request

echo "# a draft report with a failure and no fix yet: a warning"
sed -i 's/^status: approved/status: draft/' "$tr"
run check "$tr"

echo "# an incident learned of long ago and never notified"
sed -i 's/^  notified_at: .*/  notified_at: null/' $areq
run check maint/anomaly-request
