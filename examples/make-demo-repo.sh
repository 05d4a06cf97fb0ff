#!/usr/bin/env bash
# Builds the demo repository of examples/: a git repository of the fictional file-sharing
# service Filebox and its maintenance records, committed in story order from September to
# November 2026 (see examples/README.md).
#
# Usage: examples/make-demo-repo.sh DIR      (DIR must not exist, or be empty)
#
# examples/repo/ holds the files as they are at the end; examples/history/<step>/ holds
# earlier versions of the files some commits changed. Documents name commits by a token,
# "@@COMMIT:<key>@@", which is replaced by the full SHA of the commit recorded under that
# key before the document is committed. Every commit has a fixed author, committer and
# date, and no user or system git configuration is read, so the commit IDs are the same
# on every machine. Needs bash, git, sed and coreutils; prints only the final line.
set -euo pipefail

if [ $# -ne 1 ] || [ -z "$1" ]; then
  echo "usage: $0 DIR" >&2
  exit 2
fi
examples=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
dir=$1
if [ -e "$dir" ] && { [ ! -d "$dir" ] || [ -n "$(ls -A "$dir")" ]; }; then
  echo "$0: $dir exists and is not an empty folder; give a new one" >&2
  exit 1
fi

# Nothing from the caller's git setup may change the commits.
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES \
  GIT_COMMON_DIR GIT_NAMESPACE GIT_TEMPLATE_DIR GIT_CONFIG GIT_CONFIG_PARAMETERS GIT_CONFIG_COUNT \
  GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_AUTHOR_DATE GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL GIT_COMMITTER_DATE
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null GIT_MERGE_AUTOEDIT=no LC_ALL=C

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
git init -q -b main "$dir"
cd "$dir"
tokens="$dir/.git/demo-commit-tokens.sed"   # sed script: token -> SHA, grows as commits are made
: >"$tokens"

declare -A people=(
  [meiling]="Mei-Ling Chen|meiling.chen@filebox.example"
  [junhao]="Jun-Hao Lin|junhao.lin@filebox.example"
  [yuan]="Yu-An Huang|yuan.huang@filebox.example"
  [yichun]="Yi-Chun Lin|yichun.lin@filebox.example"
  [weiting]="Wei-Ting Chen|weiting.chen@filebox.example"
)
reviewer_chiahao="Chia-Hao Chang <chiahao.chang@filebox.example>"
reviewer_junhao="Jun-Hao Lin <junhao.lin@filebox.example>"
reviewer_yating="Ya-Ting Hsu <yating.hsu@filebox.example>"
reviewer_daniel="Daniel Foster <daniel.foster@filebox.example>"

# as PERSON DATE: sets the author and committer of the next git command.
as() {
  local entry=${people[$1]}
  export GIT_AUTHOR_NAME=${entry%%|*} GIT_AUTHOR_EMAIL=${entry#*|} GIT_AUTHOR_DATE=$2
  export GIT_COMMITTER_NAME=${entry%%|*} GIT_COMMITTER_EMAIL=${entry#*|} GIT_COMMITTER_DATE=$2
}

# record KEY: documents may now name HEAD as @@COMMIT:KEY@@. A quoted token becomes the
# bare SHA, unless the SHA would read as a number in YAML.
record() {
  local sha
  sha=$(git rev-parse HEAD)
  if [[ ! $sha =~ ^[0-9]*[eE]?[0-9]*$ ]]; then
    printf 's/"@@COMMIT:%s@@"/%s/g\n' "$1" "$sha" >>"$tokens"
  fi
  printf 's/@@COMMIT:%s@@/%s/g\n' "$1" "$sha" >>"$tokens"
}

# commit KEY PERSON DATE MESSAGE: commits everything, by PERSON at DATE, and records it.
commit() {
  as "$2" "$3"
  git add -A
  git commit -q --no-verify -m "$4"
  record "$1"
}

# put STEP PATH...: copies files as they were after STEP (history/STEP), or as they are
# at the end (STEP "final": repo/).
put() {
  local from=$examples/history/$1 path
  [ "$1" = final ] && from=$examples/repo
  shift
  for path in "$@"; do
    install -D -m 644 "$from/$path" "$dir/$path"
  done
}

# doc PATH [SED-EXPRESSION...]: copies a document of repo/, with its commit tokens
# replaced and the expressions applied (to commit an earlier state of it).
doc() {
  local path=$1 expressions=()
  shift
  for e in "$@"; do expressions+=(-e "$e"); done
  mkdir -p "$(dirname "$dir/$path")"
  sed -f "$tokens" "${expressions[@]}" "$examples/repo/$path" >"$dir/$path"
  if grep -q '@@COMMIT:' "$dir/$path"; then
    echo "$0: $path names a commit that is not made yet: $(grep -o '@@COMMIT:[^@]*@@' "$dir/$path" | head -1)" >&2
    exit 1
  fi
}

m=maint
feas=$m/feasibility-report/FEAS-001-managed-file-previews.yaml
plan=$m/feasibility-plan/PLAN-001-previews-on-cloud-docs-convert.yaml
srs=$m/srs/SRS-004-檔案預覽改用受管服務與大檔續傳.yaml
qs=$m/quality-spec/QS-004-file-service-2-4.yaml
tr7=$m/test-report/TR-007-release-2-4-0-rc1-system-test.yaml
tr8=$m/test-report/TR-008-v2-4-0-rc2-系統與回歸測試.yaml
tr9=$m/test-report/TR-009-v2-3-5-緊急修正回歸測試.yaml
tr10=$m/test-report/TR-010-release-2-4-0-system-test.yaml
fix12=$m/fix-confirmation/FIX-012-大檔續傳在離線-20-秒後重新從-0-開始.yaml
fix13=$m/fix-confirmation/FIX-013-large-uploads-retry-the-merge-after-the-gateway-timeout.yaml
areq6=$m/anomaly-request/AREQ-006-large-phone-uploads-restart-from-zero.yaml
areq7=$m/anomaly-request/AREQ-007-上傳大型檔案速度明顯變慢.yaml
arec5=$m/anomaly-record/AREC-005-大型檔案上傳合併步驟逾時重試.yaml
mlog7=$m/maintenance-log/MLOG-007-filebox-november-2026.yaml

# --- September: the service as it is, and the first requests ---------------------------

put v2.3.4 README.md service/__init__.py service/settings.py service/storage.py service/upload.py \
  service/preview.py service/lo_health.py service/tests/__init__.py service/tests/test_upload.py \
  web/upload.js docs/runbook/upload.md docs/runbook/preview.md
commit v2.3.4 meiling 2026-09-01T09:12:00+08:00 "Filebox 2.3.4

Imported from the previous repository at tag v2.3.4 (released 2026-08-18);
its history stays there, read-only."
git tag v2.3.4

put final .cswm.yaml
put cswm-init README.md
commit cswm-init meiling 2026-09-01T10:30:00+08:00 "Keep the maintenance records in maint/ with cswm

Written by \`cswm init --lang en\`. Documents are in English or Chinese,
as their authors prefer; \`cswm check\` runs before every push."

doc "$areq6" 's/^status: closed$/status: assessed/' '/^# Closed on /d'
commit areq-006 yichun 2026-09-17T16:05:00+08:00 "AREQ-006: large uploads from phones restart from zero (assessed)

Not a defect of 2.3: proposed as a requirement of SRS 2.4.

Refs: AREQ-006"

doc "$feas"
commit feas-001 meiling 2026-09-25T17:40:00+08:00 "FEAS-001: feasibility of managed file previews, 1.1 approved

Recommends Cloud Docs Convert (option A) with a price lock and a fallback
for files over 100 MB.

Refs: FEAS-001"

# --- October: plan, requirements, quality spec, code ------------------------------------

doc "$plan"
commit plan-001 meiling 2026-10-16T18:05:00+08:00 "PLAN-001: plan to move previews to Cloud Docs Convert, approved

Refs: PLAN-001, FEAS-001"

doc "$srs"
commit srs-004 yichun 2026-10-23T17:30:00+08:00 "SRS-004: requirements 2.4 approved

Previews from Cloud Docs Convert (REQ-018 modified, REQ-041 added, REQ-009
removed) and resumable uploads (REQ-042, from AREQ-006).

Refs: SRS-004, PLAN-001, AREQ-006"

put managed-preview service/preview.py
put final service/tests/test_preview.py
commit managed-preview junhao 2026-10-27T15:20:00+08:00 "preview: render previews with Cloud Docs Convert

The preview worker sends office documents, PDFs and images to Cloud Docs
Convert (contract AC-2026-1020, region tw-1) instead of the LibreOffice
VMs, caches the pages for 7 days per file version, and retries a 5xx
twice with exponential backoff. When conversion still fails, the page
offers the file for download instead of an error.

Refs: REQ-018, REQ-041
Reviewed-by: $reviewer_chiahao"

doc "$qs" '/^  - id: TC-107/,/^    automation:/d' '/version: "1\.1"/d'
commit qs-004-1.0 weiting 2026-10-28T16:45:00+08:00 "QS-004: quality specification for 2.4, 1.0 approved

Refs: QS-004, SRS-004"

put resumable-upload service/upload.py service/settings.py service/tests/test_upload.py web/upload.js
commit resumable-upload yuan 2026-10-29T18:10:00+08:00 "upload: resumable uploads in 8 MB chunks

The web upload sends a file in 8 MB chunks; each chunk is stored as one
part and confirmed. When the user selects the same file again, the
server returns the same session and the browser sends only the chunks
not confirmed.

Refs: REQ-042, AREQ-006
Reviewed-by: $reviewer_junhao"

git rm -q service/lo_health.py
commit remove-lo-healthcheck junhao 2026-10-30T11:40:00+08:00 "preview: remove the LibreOffice health check

REQ-009 is removed in SRS 2.4: previews no longer come from the VM pool.
The one worker kept for files over 100 MB will be supervised by systemd.
The cron entry goes with the production switch (PLAN-001 M3).

Refs: REQ-009
Reviewed-by: $reviewer_yating"
git tag v2.4.0-rc1

# --- November: test, anomaly, fixes, release --------------------------------------------

doc "$areq7" 's/^status: closed$/status: accepted/' '\|^# 11/3 受理|d'
commit areq-007 junhao 2026-11-03T11:30:00+08:00 "AREQ-007: slow uploads of large files since 11/2 (accepted, P2)

Refs: AREQ-007"

# The fix for production goes to release/2.3, from v2.3.4.
git checkout -q -b release/2.3 v2.3.4
put final service/storage.py service/tests/test_storage.py
put async-merge docs/runbook/upload.md
commit async-merge junhao 2026-11-05T16:10:00+08:00 "storage: merge upload parts asynchronously

Gateway 3.8 answers a blocking merge only after replicating the object
to jp-2 (40-60 s for large files) and closes connections idle for 45 s,
so the merge of every upload over 50 MB was cut and retried three times.
The merge is now started as an operation and polled every 2 s for at
most 600 s; no request waits more than 30 s. STORAGE_ASYNC_MERGE=0 goes
back to the blocking call. Runbook upload.md 1.4.

Refs: FIX-013, AREC-005
Reviewed-by: $reviewer_yating"
git tag v2.3.5
git checkout -q main

put final service/settings.py service/upload.py service/tests/test_upload.py
commit fix-session-redis yuan 2026-11-05T17:20:00+08:00 "upload: keep upload sessions for 24 h in Redis

The idle timeout of upload sessions was still the 20 s of 2.3, when a
session lived for one request: every upload interrupted for longer lost
its confirmed chunks and restarted from 0 % (TR-007, TC-103). Sessions
now live in Redis for 24 h, so any instance can resume them, and are
found by size and fingerprint; confirmations are written four chunks at
a time.

Refs: FIX-012, REQ-042
Reviewed-by: $reviewer_junhao"

doc "$qs"
commit qs-004-1.1 weiting 2026-11-05T18:05:00+08:00 "QS-004 1.1: TC-107, upload completion behind a 45 s idle timeout

Refs: QS-004, AREC-005"

put final web/upload.js
commit fix-resume-fingerprint yuan 2026-11-06T10:25:00+08:00 "web: find an interrupted upload by size and fingerprint

The browser sends the SHA-256 of the file's first MB with its size, so
the server finds the session even when a phone gives the file another
name when it is picked again.

Refs: FIX-012, REQ-042
Reviewed-by: $reviewer_junhao"

# FIX-012 as it stood when both fix commits were in: fixed, awaiting the rc2 retest.
doc "$tr7"
doc "$fix12" 's/^status: closed$/status: fixed/' 's/^verified_by: TR-008$/verified_by: null/' \
  's/^  cases: \[TC-103, TC-104, TC-107\]$/  cases: []/' \
  '/^regression:$/,/^$/s/^  description: .*/  description: 待 v2.4.0-rc2 部署至 staging 後，重跑 TC-103、2.3 迴歸測試與 TC-107/' \
  '/^confirmation:$/,/^$/s/^\(  [a-z]*:\) .*/\1 null/' \
  '/^review:$/,/^  reviewers:$/s/^\(  decision:\) approved$/\1 pending/' \
  '/^review:$/,/^  reviewers:$/s/^\(  date:\) .*/\1 null/' \
  '/^    - role: 確認人員$/,$s/^\(      decision:\) approved$/\1 pending/' \
  '/^    - role: 確認人員$/,$s/^\(      date:\) .*/\1 null/'
commit tr-007 weiting 2026-11-06T11:10:00+08:00 "TR-007: system test of 2.4.0-rc1 failed; FIX-012 fixed for rc2

TC-103 failed: a resumable upload restarted from 0 % after 30 s offline.
FIX-012 records the cause and the two fix commits; it is verified by the
rc2 retest.

Refs: TR-007, FIX-012"

doc "$tr9"
commit tr-009 weiting 2026-11-06T16:20:00+08:00 "TR-009: v2.3.5 regression test passed

Refs: TR-009, FIX-013"

as junhao 2026-11-06T19:05:00+08:00
git merge -q --no-ff -m "Merge branch 'release/2.3': v2.3.5 into 2.4

Brings the asynchronous merge of upload parts (FIX-013) to main.

Refs: FIX-013" release/2.3
record merge-release-2.3
git tag v2.4.0-rc2

doc "$tr8"
commit tr-008 weiting 2026-11-10T17:50:00+08:00 "TR-008: 2.4.0-rc2 passes; FIX-012 verified

Refs: TR-008, FIX-012"

doc "$fix12"
commit fix-012 yuan 2026-11-11T15:00:00+08:00 "FIX-012: verified on rc2 (TR-008), closed

Refs: FIX-012, TR-007, TR-008"

doc "$arec5"
doc "$fix13"
doc "$areq7"
commit arec-005 junhao 2026-11-12T16:30:00+08:00 "AREC-005, FIX-013: slow uploads of large files resolved and closed

Refs: AREQ-007, AREC-005, FIX-013"

put final service/preview.py service/tests/test_preview_fallback.py
commit preview-fallback junhao 2026-11-18T14:40:00+08:00 "preview: files over 100 MB go to the fallback worker

Cloud Docs Convert takes files up to 100 MB. Larger ones (2.4 % of
previews) are rendered by lo-fallback-1, the one LibreOffice worker
kept (PLAN-001 M2); when it fails, the page offers a download.

Refs: REQ-041
Reviewed-by: $reviewer_chiahao"

put final monitoring/synthetic-upload.yaml
commit synthetic-upload junhao 2026-11-19T15:20:00+08:00 "monitoring: synthetic 80 MB upload every 10 minutes

Preventive measure of AREC-005: slow merges were found by a customer,
not by us. Alerts when completing takes over 30 s (SLA 4.2).

Refs: AREC-005, REQ-015
Reviewed-by: $reviewer_daniel"

put final README.md docs/runbook/upload.md docs/runbook/preview.md
commit runbooks-2.4 junhao 2026-11-20T17:00:00+08:00 "docs: runbooks and README for 2.4

preview.md 2.0: Cloud Docs Convert, the fallback worker and the way back
to the VM pool. upload.md 1.5: resumable uploads and sessions in Redis.

Refs: PLAN-001, REQ-041, REQ-042
Reviewed-by: $reviewer_daniel"
git tag v2.4.0

doc "$tr10"
commit tr-010 weiting 2026-11-25T17:30:00+08:00 "TR-010: release 2.4.0 passes

Refs: TR-010"

doc "$mlog7"
doc "$areq6"
commit mlog-007 meiling 2026-11-30T18:20:00+08:00 "MLOG-007: November maintenance log, closed

v2.3.4 to v2.4.0: one corrective, one preventive and two perfective
actions. AREQ-006 closed with resumable uploads in production.

Refs: MLOG-007, AREQ-006"

rm -f "$tokens"
echo "demo repository: $dir"
