#!/usr/bin/env python3
"""Make a synthetic cswm maintenance repository for benchmarks.

    bench/generate.py OUT --documents N [--commits M] [--seed S]

OUT must not exist. It becomes a git repository with a .cswm.yaml, M commits on `main`
(default 5 x N, written with `git fast-import`, messages with Refs:/Reviewed-by:
trailers) and N documents under maint/ across all nine kinds, 1-4 KB each, in clusters
that link the way real work does:

    FEAS <- PLAN <- SRS (REQ items, sources AREQ) <- QS (TC items verify REQ)
    TR (quality_spec QS, results per TC, commit) ; AREQ <- AREC -> FIX
    FIX (source.record AREC, verified_by TR, regression.cases TC, commits)
    MLOG (actions refer to everything of its cluster, with commits; log reviews)

Deterministic: the same N, M and seed give byte-identical files and the same commit
SHAs (fixed author, committer and dates). Needs only python3 and git.
"""

import argparse
import os
import random
import subprocess
import sys

KINDS = [
    # (folder, prefix) in cluster order: a document links only to earlier ones of its
    # cluster (or to the previous cluster), so a partial last cluster stays valid.
    ("feasibility-report", "FEAS"),
    ("feasibility-plan", "PLAN"),
    ("anomaly-request", "AREQ"),
    ("srs", "SRS"),
    ("quality-spec", "QS"),
    ("test-report", "TR"),
    ("anomaly-record", "AREC"),
    ("fix-confirmation", "FIX"),
    ("maintenance-log", "MLOG"),
]

PEOPLE = [
    ("Mei-Ling Chen", "meiling.chen"), ("Jun-Hao Lin", "junhao.lin"), ("Wei-Ting Chen", "weiting.chen"),
    ("Ya-Ting Hsu", "yating.hsu"), ("Daniel Foster", "daniel.foster"), ("Yi-Chun Lin", "yichun.lin"),
    ("Kuo-Hua Wang", "kuohua.wang"), ("Yu-An Huang", "yuan.huang"), ("林怡君", "yijun.lin"),
    ("陳志明", "zhiming.chen"), ("許雅婷", "yating.hsu2"), ("張家豪", "jiahao.zhang"),
]
COMPONENTS = ["upload-api", "preview-worker", "web-ui", "storage-gateway", "share-links", "search-indexer",
              "billing", "auth-service", "notification-service", "sync-client-api", "audit-log", "thumbnailer"]
FEATURES = ["previews", "resumable uploads", "share links", "folder search", "audit export", "quota alerts",
            "thumbnail generation", "single sign-on", "download throttling", "version history",
            "trash retention", "mobile upload", "virus scanning", "e-mail notifications"]
FEATURES_ZH = ["檔案預覽", "大檔續傳", "分享連結", "資料夾搜尋", "稽核匯出", "容量警示", "縮圖產生", "單一登入",
               "下載限速", "版本紀錄", "資源回收筒保留", "行動上傳", "病毒掃描", "電子郵件通知"]
SENTENCES = [
    "The month-end peak doubles the load on {c}, and the p95 latency rose from 2 s to {n} s in the last quarter.",
    "Customers on mobile networks reported {n} failed attempts a week, mostly on files over 1 GB.",
    "The change keeps the public API stable; clients of version 2.3 keep working without an update.",
    "Operations spends about {n} person-days a month on restarts and patches of {c}.",
    "The vendor quote is valid until the end of the year and includes a two-year price lock.",
    "Staging runs the release candidate with 5,000 sample files and the test accounts qa01 to qa05.",
    "{c} writes one log line per request with the duration in milliseconds and the outcome.",
    "The rollback is a redeploy of the previous tag; the database schema does not change.",
    "業務部反映 {c} 在月底尖峰時回應變慢，p95 達 {n} 秒，影響客戶作業。",
    "本次修正不變更對外 API，既有用戶端無須更新即可使用。",
    "維運團隊每月約花 {n} 人天處理 {c} 的重啟與修補。",
    "測試環境部署候選版本，並載入 5,000 個樣本檔案與測試帳號 qa01 至 qa05。",
]


def q(text):
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    out = ['"']
    for ch in text:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


class Gen:
    def __init__(self, seed):
        self.rng = random.Random(seed)

    def person(self):
        return self.rng.choice(PEOPLE)

    def name(self):
        return self.person()[0]

    def owner(self):
        name, mail = self.person()
        return f"{name} <{mail}@filebox.example>"

    def sentence(self):
        return self.rng.choice(SENTENCES).format(c=self.rng.choice(COMPONENTS), n=self.rng.randint(2, 60))

    def paragraph(self, count):
        return " ".join(self.sentence() for _ in range(count))

    def feature(self):
        i = self.rng.randrange(len(FEATURES))
        return FEATURES[i] if self.rng.random() < 0.75 else FEATURES_ZH[i]


def date(day):
    """2026-01-01 plus `day` days, wrapping within 2025-2026 (plain ISO dates)."""
    import datetime
    base = datetime.date(2025, 1, 1)
    return (base + datetime.timedelta(days=day % 700)).isoformat()


def block(text, indent=2):
    """A folded block scalar, wrapped near 90 columns."""
    pad = " " * indent
    words, lines, line = text.split(" "), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > 88:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return ">-\n" + "\n".join(pad + each for each in lines)


def review(g, day, roles):
    rows = "\n".join(
        f"    - {{role: {role}, name: {q(g.name())}, decision: approved, date: {date(day)}}}" for role in roles)
    return f"review:\n  decision: approved\n  date: {date(day)}\n  reviewers:\n{rows}\n"


def head(kind, doc_id, title, status, owner, created, form_no):
    return (f"kind: {kind}\nid: {doc_id}\ntitle: {q(title)}\nstatus: {status}\nowner: {q(owner)}\n"
            f"created: {date(created)}\nform_no: {form_no}\n")


class Cluster:
    """The documents of one cluster; IDs are numbered by cluster."""

    def __init__(self, k, g, shas, req_base, tc_base):
        self.k, self.g, self.shas = k, g, shas
        n = k + 1
        self.ids = {prefix: f"{prefix}-{n:03d}" for _, prefix in KINDS}
        self.day = (k * 3) % 500
        self.reqs = [f"REQ-{req_base + i:03d}" for i in range(g.rng.randint(2, 4))]
        self.tcs = [f"TC-{tc_base + i:03d}" for i in range(len(self.reqs) + g.rng.randint(0, 1))]
        self.feature = g.feature()

    def feas(self):
        g, d = self.g, self.day
        options = []
        for key in "AB":
            options.append(f"""  - key: {key}
    name: {q(f"{self.feature} on {g.rng.choice(COMPONENTS)} ({key})")}
    vendor: {q(g.rng.choice(["Acme Cloud", "in-house", "Northwind Hosting"]))}
    service_model: {g.rng.choice(["paas", "saas", "self-hosted"])}
    products_and_tools: [{q(g.rng.choice(COMPONENTS))}, Terraform provider acme 4.x]
    architecture_limits:
      - {q(g.sentence())}
    costs:
      - {{item: Running cost, amount: {g.rng.randint(5, 90) * 1000}, currency: TWD, period: month, basis: {q("quote AC-2026-%04d" % g.rng.randint(1, 9999))}}}
      - {{item: Migration work, amount: {g.rng.randint(10, 40) * 8000}, currency: TWD, period: one-off, basis: "person-days at TWD 8,000"}}
    strengths:
      - {q(g.sentence())}
    weaknesses:
      - {q(g.sentence())}""")
        text = head("feasibility-report", self.ids["FEAS"], f"Moving {self.feature} to a managed service", "approved",
                    g.owner(), d, f"2-PM-01-01-{self.k:06d}")
        text += f"""# P1.1.1 Collect information on request
request:
  origin: organisation
  requested_by: {q(g.owner())}
  unit: Cloud Services Department
  requested_on: {date(d)}
  background: {block(g.paragraph(2), 4)}
  objective: {q(g.sentence())}
  constraints:
    - Customer files stay in the Taiwan or Japan regions.
    - {q(g.sentence())}
  decision_needed_by: {date(d + 40)}
current_state: {block(g.paragraph(2))}

# P1.1.1 Cloud product information per option
options:
{chr(10).join(options)}

# P1.1.2 Consolidate and analyse
comparison:
  scale: "1-5, 5 is best"
  criteria:
    - {{criterion: Running cost per month, dimension: economic, weight: 3, ratings: {{A: {g.rng.randint(1, 5)}, B: {g.rng.randint(1, 5)}}}}}
    - {{criterion: p95 latency at the peak, dimension: technical, weight: 2, ratings: {{A: {g.rng.randint(1, 5)}, B: {g.rng.randint(1, 5)}}}}}
  summary: {block(g.paragraph(1), 4)}
risks:
  - {{description: {q(g.sentence())}, option: A, likelihood: medium, impact: medium, mitigation: Keep the exit path, owner: {q(g.name())}}}
compliance:
  copyright_licensing: Customer content stays ours and is deleted on request.
  information_security: {q(g.sentence())}
  personal_data: Processed under the data processing agreement of the contract.
  regulations: [個人資料保護法, ISO/IEC 27001]
conclusion:
  verdict: proceed
  recommended: A
  conditions: []
  rationale: {q(g.sentence())}
  not_chosen:
    - {{option: B, reason: {q(g.sentence())}}}
"""
        return text

    def plan(self):
        g, d = self.g, self.day + 5
        text = head("feasibility-plan", self.ids["PLAN"], f"Plan for {self.feature}", "approved", g.owner(), d,
                    f"2-PM-01-02-{self.k:06d}")
        text += f"""# P1.2.1 Draft the plan from the analysis report
based_on: [{self.ids["FEAS"]}]
background: {block(g.paragraph(2))}
objectives:
  - {{objective: Faster {self.feature}, indicator: p95 latency at the month-end peak, target: {q("at most %d s" % g.rng.randint(2, 9))}}}
  - {{objective: Less operations work, indicator: person-days a month, target: "at most 0.5 person-day a month"}}
chosen_option:
  option: A
  name: {q(self.feature + " on the managed service")}
  rationale: {q(g.sentence())}
  conditions: []
scope:
  included:
    - {q(g.sentence())}
  excluded:
    - {q(g.sentence())}
schedule:
  start: {date(d + 10)}
  end: {date(d + 60)}
  milestones:
    - {{name: M1 Pilot in staging, due: {date(d + 20)}, deliverable: Staging runs the new path, owner: {q(g.name())}}}
    - {{name: M2 Production switch, due: {date(d + 50)}, deliverable: Production on the new path, owner: {q(g.name())}}}
resources:
  staffing:
    - {{role: developer, name: {q(g.name())}, effort_days: {g.rng.randint(3, 30)}}}
    - {{role: tester, name: {q(g.name())}, effort_days: {g.rng.randint(2, 10)}}}
  costs:
    - {{item: Running cost, amount: {g.rng.randint(5, 90) * 1000}, currency: TWD, period: month, basis: volume tier of the contract}}
  funding: Cloud Services operating budget
risks:
  - {{description: {q(g.sentence())}, likelihood: low, impact: medium, mitigation: Keep the old path until the switch, owner: {q(g.name())}}}
compliance:
  copyright_licensing: The contract confirms that customer content stays ours.
  information_security: {q(g.sentence())}
stakeholders:
  - {{name: {q(g.name())}, role: developer, date: {date(d + 2)}, method: meeting, outcome: Agreed, agreement: agreed}}
expected_benefits:
  - {q(g.sentence())}
"""
        text += review(g, d + 8, ["author", "approver"])
        return text

    def areq(self, handled=True):
        g, d = self.g, self.day + 3
        # Closed once its anomaly record exists; in a cut-off last cluster, only assessed.
        text = head("anomaly-request", self.ids["AREQ"], f"{self.feature} fail for large files",
                    "closed" if handled else "assessed",
                    g.owner(), d, f"2-SR-01-01-{self.k:06d}")
        text += f"""# P2.5.1 Record the problem the user reported
reporter:
  name: {q(g.name())}
  unit: {q("Customer %d (Business plan)" % g.rng.randint(100, 999))}
  contact: {q("support%d@customer.example" % g.rng.randint(1, 999))}
channel: portal
ticket_ref: {q("CS-%08d" % (self.k * 7 + 1))}
received_at: {date(d)}T14:22:00+08:00
occurred_at: {date(d)}T09:05:00+08:00
system:
  name: Filebox
  environment: production
  version: "v2.3.4"
  component: {q(g.rng.choice(COMPONENTS))}
category: {g.rng.choice(["program-defect", "operating-procedure", "ease-of-use", "feature-request"])}
severity: {g.rng.choice(["minor", "major"])}
priority: P3
description: {block(g.paragraph(2))}
reproduction:
  steps:
    - Sign in as a customer of the Business plan.
    - {q(g.sentence())}
  expected: The operation completes.
  actual: {q(g.sentence())}
  frequency: always
impact:
  scope: {q(g.sentence())}
  users_affected: {g.rng.randint(5, 500)}
  business_impact: {q(g.sentence())}
workaround: Upload from a computer on a wired network.
security_incident:
  is_security_incident: false
  level: null
  learned_at: null
  notified_at: null
  notified_to: null
  measures_taken: null
  external_support: null
assessment:
  assigned_by: {q(g.name())}
  assessed_by: {q(g.name())}
  assessed_on: {date(d + 2)}
  analysis: {block(g.paragraph(2), 4)}
  solution_type: feature-change
  proposed_solution: {q(g.sentence())}
  estimated_effort: "{g.rng.randint(2, 12)} person-days"
  target_date: {date(d + 60)}
  decision_reason: {q(g.sentence())}
"""
        return text

    def srs(self, tested=True):
        g, d = self.g, self.day + 15
        reqs = []
        for req in self.reqs:
            reqs.append(f"""  - id: {req}
    title: {q(self.feature + " " + g.rng.choice(["latency", "resume", "limits", "fallback", "audit"]))}
    statement: {q("The system shall keep the p95 time of %s within %d s for files up to %d MB." % (self.feature, g.rng.randint(2, 30), g.rng.randint(10, 500)))}
    rationale: {q(g.sentence())}
    type: quality
    characteristic: performance-efficiency
    priority: high
    change: added
    previous_statement: null
    acceptance_criteria:
      - {q("p95 at most %d s under 200 concurrent users" % g.rng.randint(2, 30))}
    verification: test
    sources: [{self.ids["AREQ"]}]""")
        # Approved once a quality spec verifies it; in a cut-off last cluster, in review.
        text = head("srs", self.ids["SRS"], f"Requirements for {self.feature}", "approved" if tested else "in-review",
                    g.owner(), d,
                    f"2-RD-01-{self.k:06d}")
        text += f"""# P2.1.2 Version and summary of the revision
version: "2.{self.k % 10}"
previous_version: null
supersedes: null
based_on: [{self.ids["PLAN"]}]
change_summary: {block(g.paragraph(2))}
scope: {q(g.sentence())}
gap_analysis:
  - area: {q(self.feature)}
    current: {q(g.sentence())}
    need: {q(g.sentence())}
    disposition: address
    addressed_by: [{", ".join(self.reqs)}]
    note: null
requirements:
{chr(10).join(reqs)}
"""
        text += review(g, d + 6, ["author", "reviewer", "approver"])
        return text

    def qs(self):
        g, d = self.g, self.day + 25
        cases = []
        for i, tc in enumerate(self.tcs):
            req = self.reqs[i % len(self.reqs)]
            cases.append(f"""  - id: {tc}
    title: {q("%s within the target, run %d" % (self.feature, i + 1))}
    verifies: [{req}]
    category: {g.rng.choice(["stress", "input-output", "regression", "unit"])}
    characteristic: performance-efficiency
    priority: high
    environments: [staging-tw]
    preconditions: []
    data: null
    steps:
      - {q(g.sentence())}
    expected: {q(g.sentence())}
    pass_criteria: p95 within the target of the requirement
    automation: ["perf.Case{tc.replace('-', '')}.*"]""")
        text = head("quality-spec", self.ids["QS"], f"Quality specification for {self.feature}", "approved",
                    g.owner(), d, f"2-QA-01-{self.k:06d}")
        text += f"""srs: {self.ids["SRS"]}
supersedes: null
scope: {block(g.paragraph(1))}
protection_level: medium
quality_criteria:
  - characteristic: performance-efficiency
    sub_characteristic: time behaviour
    requirement: {q(g.sentence())}
    metric: p95 of the time to the first byte
    target: "at most 3 s at 200 concurrent users"
    method: k6 scenario against staging-tw
    stage: system
    derived_from: [{self.reqs[0]}]
environments:
  - name: staging-tw
    description: Staging cluster with the release candidates
    platform: Acme Kubernetes Service 1.29
    region: tw-1
    os: null
    browser: null
    device: null
    endpoint: https://files.staging.filebox.example
entry_criteria:
  - The release candidate is deployed to staging-tw
acceptance_criteria:
  - Every high-priority case passes
cases:
{chr(10).join(cases)}
"""
        text += review(g, d + 3, ["author", "approver"])
        return text

    def tr(self):
        g, d = self.g, self.day + 35
        results = []
        for tc in self.tcs:
            results.append(f"""  - case: {tc}
    outcome: passed
    evidence: ["https://ci.filebox.example/jobs/{g.rng.randint(1000, 99999)}"]
    duration_seconds: {g.rng.randint(1, 900)}.{g.rng.randint(0, 9)}""")
        text = head("test-report", self.ids["TR"], f"System test of {self.feature}", "approved", g.owner(), d,
                    f"2-QA-02-{self.k:06d}")
        text += f"""quality_spec: {self.ids["QS"]}
commit: "{self.shas["tr"]}"
version: v2.{self.k % 10}.0
environment:
  name: staging-tw
  details: {q(g.sentence())}
  endpoint: https://files.staging.filebox.example
  tools: ["k6 0.49", "pytest 7.2"]
testers:
  - {q(g.name())}
period:
  start: {date(d)}
  end: {date(d + 2)}
results:
{chr(10).join(results)}
summary:
  total: {len(self.tcs)}
  passed: {len(self.tcs)}
  failed: 0
  blocked: 0
  skipped: 0
  flaky: 0
conclusion:
  verdict: pass
  description: {block(g.paragraph(1), 4)}
"""
        text += review(g, d + 3, ["tester", "manager"])
        return text

    def arec(self, fix_id):
        g, d = self.g, self.day + 30
        fix = f"fix: {fix_id}\n" if fix_id else "fix: null\n"
        reason = "null" if fix_id else "Resolved by a configuration change; no code fix was needed."
        text = head("anomaly-record", self.ids["AREC"], f"{self.feature}: handling of the failures", "closed",
                    g.owner(), d, f"2-SR-01-02-{self.k:06d}")
        text += f"""request: {self.ids["AREQ"]}
timeline:
  occurred_at: {date(d)}T08:00:00+08:00
  learned_at: {date(d)}T10:12:00+08:00
  contained_at: {date(d)}T15:30:00+08:00
  recovered_at: {date(d + 3)}T18:40:00+08:00
assessment:
  assessed_by: {q(g.name())}
  summary: {q(g.sentence())}
  reproduction: reproduced
  confirmed_severity: major
  affected_components: [{g.rng.choice(COMPONENTS)}]
escalations: []
debugging:
  - at: {date(d)}T11:05:00+08:00
    by: {q(g.name())}
    what: {q(g.sentence())}
    result: {q(g.sentence())}
tracking:
  - {{date: {date(d + 1)}, action: {q(g.sentence())}, by: {q(g.name())}, status: done}}
root_cause:
  category: third-party
  description: {q(g.sentence())}
resolution:
  summary: {q(g.sentence())}
  preventive_measures:
    - {{measure: {q(g.sentence())}, owner: {q(g.name())}, due: {date(d + 20)}}}
{fix}closure:
  date: {date(d + 10)}
  closed_by: {q(g.name())}
  reason: {reason}
user_confirmation:
  result: confirmed
  by: {q(g.name())}
  date: {date(d + 9)}
  comment: Works again, thank you.
"""
        return text

    def fix(self):
        g, d = self.g, self.day + 31
        commits = "\n".join(f'  - "{sha}"' for sha in self.shas["fix"])
        text = head("fix-confirmation", self.ids["FIX"], f"{self.feature}: retry after the gateway timeout",
                    "closed", g.owner(), d, f"2-QA-03-{self.k:06d}")
        text += f"""source:
  record: {self.ids["AREC"]}
severity: major
affected_version: v2.3.4
symptom:
  description: {block(g.paragraph(2), 4)}
  reproduction:
    - {q(g.sentence())}
  reported_by: {q(g.name())}
  reported_on: {date(d)}
root_cause:
  category: dependency
  description: {block(g.paragraph(2), 4)}
correction:
  description: {block(g.paragraph(1), 4)}
  components: [{g.rng.choice(COMPONENTS)}]
  version: v2.3.{self.k % 9 + 1}
  fixed_by: {q(g.name())}
  fixed_on: {date(d + 1)}
commits:
{commits}
optimisation:
  performed: false
  description: null
  before: null
  after: null
verified_by: {self.ids["TR"]}
regression:
  cases: [{", ".join(self.tcs[:2])}]
  description: {q(g.sentence())}
confirmation:
  by: {q(g.name())}
  date: {date(d + 8)}
  comment: Confirmed in production.
"""
        text += review(g, d + 9, ["fixer", "manager"])
        return text

    def mlog(self):
        g, d = self.g, self.day + 40
        refs = [self.ids[p] for p in ("AREQ", "AREC", "FIX", "TR")] + self.reqs[:1] + self.tcs[:1]
        actions = []
        for i, sha_list in enumerate(self.shas["mlog"]):
            commits = "\n".join(f'      - "{sha}"' for sha in sha_list)
            actions.append(f"""  - title: {q("%s, change %d" % (self.feature, i + 1))}
    category: {g.rng.choice(["corrective", "perfective", "preventive", "adaptive"])}
    origin: user-request
    requested_by: {q(g.name())}
    description: {block(g.paragraph(1), 6)}
    started_at: {date(d + i)}T09:00:00+08:00
    finished_at: {date(d + i)}T18:40:00+08:00
    state: done
    commits:
{commits}
    refs: [{", ".join(refs[: 2 + i % 5])}]
    downtime: {{needed: false, from: null, to: null, notice: null}}
    backup: null
    rollback: Redeploy the previous tag.
    verification:
      method: {q(g.sentence())}
      result: passed
      verified_by: {q(g.name())}
      date: {date(d + i + 1)}
    performed_by: {q(g.name())}
    reviewed_by: {q(g.name())}""")
        text = head("maintenance-log", self.ids["MLOG"], f"Filebox production, period {self.k + 1}", "closed",
                    g.owner(), d, f"2-OP-01-01-{self.k:06d}")
        text += f"""period:
  start: {date(d)}
  end: {date(d + 6)}
system:
  name: Filebox
  environment: production
  version_before: "v2.3.4"
  version_after: "v2.4.0"
log_review_interval_days: 7
log_reviews:
  - date: {date(d + 6)}
    reviewer: {q(g.name())}
    sources: [/var/log/app/upload-service.log]
    range: {{from: "{date(d)}T00:00:00+08:00", to: "{date(d + 5)}T23:59:59+08:00"}}
    tool: cswm logscan
    result: attention
    findings:
      - signature: "merge request timed out after <n> s (attempt <n>/4)"
        level: warning
        count: {g.rng.randint(1, 5000)}
        first_seen: {date(d)}T15:52:11+08:00
        last_seen: {date(d + 1)}T15:28:52+08:00
        is_new: true
        action: {q(g.sentence())}
        refs: [{self.ids["AREQ"]}, {self.ids["FIX"]}]
actions:
{chr(10).join(actions)}
documents_updated:
  - {{document: docs/runbook/upload.md, change: Runbook for the change, version: "1.{self.k % 9}", commits: ["{self.shas["mlog"][0][0]}"]}}
summary: {block(g.paragraph(1))}
"""
        return text


def slug(title):
    out = []
    for ch in title.lower():
        if ch.isalnum():
            out.append(ch)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")[:40]


def fast_import(repo, commits, files_per_commit):
    """Writes `commits` (list of (message, path, content)) as a linear history of main.
    Returns the list of SHAs, in order."""
    marks = os.path.join(repo, ".git", "bench-marks")
    proc = subprocess.Popen(["git", "fast-import", "--quiet", f"--export-marks={marks}"], cwd=repo,
                            stdin=subprocess.PIPE)
    out = proc.stdin
    when = 1735689600  # 2025-01-01T00:00:00Z
    for i, (message, changes) in enumerate(commits):
        body = message.encode()
        out.write(f"commit refs/heads/main\nmark :{i + 1}\n".encode())
        name, mail = PEOPLE[i % len(PEOPLE)]
        stamp = f"{name} <{mail}@filebox.example> {when + i * 60} +0800\n"
        out.write(b"author " + stamp.encode() + b"committer " + stamp.encode())
        out.write(f"data {len(body)}\n".encode() + body + b"\n")
        if i > 0:
            out.write(f"from :{i}\n".encode())
        for path, content in changes:
            data = content.encode()
            out.write(f"M 100644 inline {path}\ndata {len(data)}\n".encode() + data + b"\n")
        out.write(b"\n")
    out.close()
    if proc.wait() != 0:
        sys.exit("git fast-import failed")
    shas = [None] * len(commits)
    with open(marks) as f:
        for line in f:
            mark, sha = line.split()
            shas[int(mark[1:]) - 1] = sha
    os.remove(marks)
    return shas


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--documents", "-n", type=int, required=True)
    parser.add_argument("--commits", "-m", type=int)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    n_docs = args.documents
    n_commits = args.commits if args.commits is not None else 5 * n_docs
    if n_docs < 9:
        sys.exit("--documents must be 9 or more (one cluster of the nine kinds)")
    if os.path.exists(args.out):
        sys.exit(f"{args.out} exists: give a new folder")
    n_clusters = (n_docs + len(KINDS) - 1) // len(KINDS)
    if n_commits < 4 * n_clusters + 1:
        sys.exit(f"--commits must be at least {4 * n_clusters + 1} for {n_docs} documents")
    os.makedirs(args.out)
    repo = os.path.abspath(args.out)
    subprocess.run(["git", "init", "-q", "-b", "main", repo], check=True)

    g = Gen(args.seed)
    # Plan the clusters first (their item IDs), then the commits that refer to them.
    clusters, req, tc = [], 1, 1
    for k in range(n_clusters):
        c = Cluster(k, g, {}, req, tc)
        req += len(c.reqs)
        tc += len(c.tcs)
        clusters.append(c)
    # Commits: cluster k owns a run of commits; its fix commits come before the commit
    # its test report ran on (so the tested build contains the fix), MLOG commits after.
    per = (n_commits - 1) // n_clusters
    last_count = n_docs - (n_clusters - 1) * len(KINDS)
    last_kinds = {prefix for _, prefix in KINDS[:last_count]}

    def existing(k, prefix):
        """The ID of `prefix` in cluster k, or in cluster 0 when the last cluster lacks it."""
        c = clusters[k]
        if k < n_clusters - 1 or prefix in last_kinds:
            return c.ids[prefix]
        return clusters[0].ids[prefix]

    def req_of(k):
        return clusters[k].reqs[0] if existing(k, "SRS") == clusters[k].ids["SRS"] else clusters[0].reqs[0]

    def tc_of(k):
        return clusters[k].tcs[0] if existing(k, "QS") == clusters[k].ids["QS"] else clusters[0].tcs[0]
    commits, roles = [], []
    for k, c in enumerate(clusters):
        start = k * per
        for j in range(per):
            idx = start + j
            if j == 0:
                role, refs = "fix", [existing(k, "FIX"), req_of(k)]
            elif j == 1 and per > 4:
                role, refs = "fix", [existing(k, "FIX")]
            elif j == per - 2:
                role, refs = "tr", [existing(k, "TR")]
            elif j == per - 1:
                role, refs = "mlog", [existing(k, "MLOG"), tc_of(k)]
            else:
                role, refs = "work", [existing(k, g.rng.choice(["SRS", "QS", "FEAS", "PLAN"])), req_of(k)]
            component = g.rng.choice(COMPONENTS)
            message = (f"{component}: {g.sentence()[:60].rstrip('.,')}\n\n{g.sentence()}\n\n"
                       f"Refs: {', '.join(refs)}\n")
            if role == "fix":
                message += f"Reviewed-by: {PEOPLE[idx % len(PEOPLE)][0]} <{PEOPLE[idx % len(PEOPLE)][1]}@filebox.example>\n"
            path = f"service/{component}/module_{idx % 37}.py"
            content = f"# {component} module {idx % 37}\nVERSION = {idx}\n"
            commits.append((message, [(path, content)]))
            roles.append((k, role))
    while len(commits) < n_commits - 1:
        idx = len(commits)
        commits.append((f"chore: housekeeping {idx}\n\nNo functional change.\n",
                        [(f"service/misc/note_{idx % 11}.txt", f"housekeeping {idx}\n")]))
        roles.append((None, "work"))
    config = ("# cswm configuration: see docs/configuration.md\nroot: maint\nlanguage: en\n"
              "limits:\n  max_document_bytes: 1048576\n  max_depth: 64\n  max_nodes: 200000\n")
    commits[0] = (commits[0][0], commits[0][1] + [(".cswm.yaml", config)])
    shas = fast_import(repo, commits, 1)
    for c in clusters:
        c.shas = {"fix": [], "tr": None, "mlog": []}
    for sha, (k, role) in zip(shas, roles):
        if k is None:
            continue
        c = clusters[k]
        if role == "fix":
            c.shas["fix"].append(sha)
        elif role == "tr":
            c.shas["tr"] = sha
        elif role == "mlog":
            c.shas["mlog"].append([sha])
    for c in clusters:
        if len(c.shas["fix"]) > 1 and c.shas["mlog"]:
            c.shas["mlog"].append(c.shas["fix"][:1])  # a second action: the fix itself

    written = 0
    total_bytes = 0
    for k, c in enumerate(clusters):
        for folder, prefix in KINDS:
            if written == n_docs:
                break
            if prefix == "AREQ":
                text = c.areq(handled=n_docs - written >= 5)  # AREC comes four documents later
            elif prefix == "SRS":
                text = c.srs(tested=n_docs - written >= 2)  # QS comes next
            elif prefix == "AREC":
                # The fix of this cluster exists when the cluster is complete enough.
                has_fix = written + 2 <= n_docs
                text = c.arec(c.ids["FIX"] if has_fix else None)
            else:
                text = getattr(c, {"FEAS": "feas", "PLAN": "plan", "AREQ": "areq", "SRS": "srs", "QS": "qs",
                                   "TR": "tr", "FIX": "fix", "MLOG": "mlog"}[prefix])()
            title = text.split("\ntitle: ", 1)[1].split("\n", 1)[0].strip('"')
            path = os.path.join(repo, "maint", folder, f"{c.ids[prefix]}-{slug(title)}.yaml")
            os.makedirs(os.path.dirname(path), exist_ok=True)
            data = text.encode()
            with open(path, "wb") as f:
                f.write(data)
            written += 1
            total_bytes += len(data)
    # The documents arrive in one last commit, as a team adopting cswm would add them.
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=repo, check=True)
    subprocess.run(["git", "add", "-A", "maint"], cwd=repo, check=True)
    env = dict(os.environ, GIT_AUTHOR_DATE="1767225600 +0800", GIT_COMMITTER_DATE="1767225600 +0800",
               GIT_AUTHOR_NAME="Mei-Ling Chen", GIT_AUTHOR_EMAIL="meiling.chen@filebox.example",
               GIT_COMMITTER_NAME="Mei-Ling Chen", GIT_COMMITTER_EMAIL="meiling.chen@filebox.example")
    subprocess.run(["git", "-c", "commit.gpgsign=false", "commit", "-q", "--no-verify", "-m",
                    "maint: the maintenance records\n\nRefs: " + clusters[0].ids["FEAS"]], cwd=repo, check=True,
                   env=env)
    print(f"{repo}: {written} documents ({total_bytes // written} bytes on average), {n_commits} commits")


if __name__ == "__main__":
    main()
