# Sourced by the check-* cases: fills what `cswm new` scaffolds the way an engineer would,
# so that each case starts from realistic documents and then makes one mistake at a time.
# fill_KIND FILE [ID-SUFFIX] replaces every "<placeholder>" of the en scaffold and links
# the document into a small chain: SRS-001 (REQ-001) ← QS-001 (TC-001) ← TR-001 ← FIX-001.

# new_doc KIND TITLE: runs `cswm new` quietly and prints the path of the file it created.
new_doc() {
  "$CSWM" new "$1" --title "$2" | sed 's/^created [A-Z]*-[0-9]* //'
}

fill_srs() { # FILE REQ-ID
  sed -i \
    -e 's|"<version after this revision, such as 2.4>"|"2.4"|' \
    -e 's|^previous_version: null |previous_version: "2.3"|' \
    -e 's|"<what this revision changes and why; the change request number if any>"|"Adds PDF previews (change request CR-118)."|' \
    -e 's|"<systems, features and interfaces covered; what is out of scope>"|"The preview API and the web viewer; mobile apps are out of scope."|' \
    -e 's|"<feature or module>"|"File preview"|' \
    -e 's|"<what the product does now, as observed>"|"Only images get a preview."|' \
    -e 's|"<what users need, and who said so>"|"Support asks for PDF previews."|' \
    -e "s|^  - id: null  |  - id: ${2:-REQ-001}|" \
    -e 's|"<short name>"|"PDF preview"|' \
    -e 's|"<The system shall … (subject, action, condition, measurable criterion)>"|"The system shall show the first page of a PDF of up to 50 MB within 2 s."|' \
    -e 's|"<why: the user need or gap behind it>"|"Users download PDFs only to look at them."|' \
    -e 's|"<an observable, decidable acceptance criterion>"|"p95 preview time under 2 s for a 50 MB PDF"|' \
    -e 's|"<reviewer, such as a developer or the architect>"|"Wang Wei"|' \
    -e 's|"<who confirms for the users>"|"Chen Mei"|' \
    -e 's|"<approving manager>"|"Lin Hua"|' "$1"
}

fill_quality_spec() { # FILE TC-ID
  sed -i \
    -e 's|^srs: null  |srs: SRS-001|' \
    -e 's|"<what is tested: features, interfaces, releases; what is not, and why>"|"PDF previews in the web viewer."|' \
    -e 's|"<the quality requirement in words>"|"Previews appear quickly"|' \
    -e 's|"<what is measured, such as p95 latency of POST /files>"|"p95 latency of GET /preview"|' \
    -e 's|"<the value that passes, with unit, such as at most 800 ms>"|"at most 2 s"|' \
    -e 's|"<how and with what tool, such as k6 at 200 virtual users for 10 minutes>"|"k6 at 50 virtual users for 10 minutes"|' \
    -e 's|"<short name, such as staging-tw>"|"staging-tw"|' \
    -e 's|"<deployment, test data, test accounts>"|"Staging cluster with 200 sample PDFs"|' \
    -e 's|"<such as: the build under test is deployed and test data is loaded>"|"The build is deployed to staging"|' \
    -e 's|"<such as: every high-priority case passes and no critical problem is open>"|"Every high-priority case passes"|' \
    -e "s|^  - id: null  |  - id: ${2:-TC-001}|" \
    -e 's|^    verifies: \[\]  |    verifies: [REQ-001]|' \
    -e 's|"<what the case checks>"|"A 50 MB PDF previews within 2 s"|' \
    -e 's|"<what must be true before the steps>"|"A 50 MB PDF is uploaded"|' \
    -e 's|"<step 1>"|"Open the preview"|' \
    -e 's|"<expected result>"|"The first page shows"|' \
    -e 's|"<when it passes, so that two testers would agree>"|"Shown within 2 s in 19 of 20 tries"|' \
    -e 's|"<reviewer, such as a developer or the architect>"|"Wang Wei"|' \
    -e 's|"<approving manager>"|"Lin Hua"|' "$1"
}

fill_test_report() { # FILE
  sed -i \
    -e 's|^quality_spec: null  |quality_spec: QS-001|' \
    -e 's|"<OS / browser / device / cloud region, deployed version, test accounts>"|"Chrome 126 on staging-tw, build v2.4.0-rc1"|' \
    -e 's|^  - case: null  |  - case: TC-001|' \
    -e 's|"<why the verdict: failures and their fixes, cases to retest, next steps>"|"TC-001 fails: previews take 3.1 s."|' \
    -e 's|"<reviewer>"|"Wang Wei"|' \
    -e 's|"<who confirms for the users>"|"Chen Mei"|' \
    -e 's|"<manager>"|"Lin Hua"|' "$1"
}

fill_fix_confirmation() { # FILE
  sed -i \
    -e 's|^  report: null  |  report: TR-001|' \
    -e 's|^  case: null  |  case: TC-001|' \
    -e 's|"<what happens, and how it differs from what should happen>"|"The preview of a 50 MB PDF takes 3.1 s; it should take under 2 s."|' \
    -e 's|"<step 1>"|"Open the preview of a 50 MB PDF"|' \
    -e 's|"<the root cause: which code, setting or assumption was wrong>"|"The renderer reads the whole file before drawing the first page."|' \
    -e 's|"<the fix, and why it removes the root cause>"|"Draw the first page from a range request."|' \
    -e 's|"<what was re-tested, and the result>"|"TC-001 re-run: passed."|' \
    -e 's|"<who confirms for whoever raised it>"|"Chen Mei"|' \
    -e 's|"<manager>"|"Lin Hua"|' "$1"
}

# make_filled_repo DIR: a repository with a filled SRS, quality spec, test report and fix
# confirmation that link to each other (SRS-001, QS-001, TR-001, FIX-001), and cd into it.
make_filled_repo() {
  make_repo "$1"
  cd "$1" || return 1
  fill_srs "$(new_doc srs "File previews v2.4")"
  fill_quality_spec "$(new_doc quality-spec "File previews tests")"
  fill_test_report "$(new_doc test-report "Preview latency run")"
  fill_fix_confirmation "$(new_doc fix-confirmation "Slow PDF preview")"
}
