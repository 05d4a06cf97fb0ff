// Suspect links: the SHA-256 behind statement fingerprints, the fingerprints themselves,
// the suspect-link rule from recorded fingerprints, and its fallback on git history.

#include "lib/catalog/catalog.hpp"
#include "lib/check/suspect.hpp"
#include "lib/git/repo.hpp"
#include "lib/model/document.hpp"
#include "lib/util/sha256.hpp"
#include "lib/workspace/workspace.hpp"
#include "lib/yaml/editor.hpp"
#include "lib/yaml/loader.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

using namespace cswm;

namespace {

/// A document as the workspace reads it (its blob id too).
Document load(const std::string& path, const std::string& text) {
    Document document;
    document.path = path;
    parse_document_bytes(document, text, YamlLimits{}, Catalog::builtin());
    REQUIRE(document.parsed());
    REQUIRE(document.kind != nullptr);
    return document;
}

const std::string k_srs_path = "maint/srs/SRS-001-x.yaml";
const std::string k_qs_path = "maint/quality-spec/QS-001-x.yaml";

std::string srs(const std::string& first_statement) {
    return "kind: srs\nid: SRS-001\nstatus: approved\nrequirements:\n"
           "  - id: REQ-001\n    statement: " +
           first_statement +
           "\n"
           "  - id: REQ-002\n    statement: The service shall keep parts for 24 h.\n";
}

/// A quality spec whose TC-001 verifies REQ-001 and REQ-002, TC-002 REQ-002; `review`
/// is the text of its review block's extra lines.
std::string quality_spec(const std::string& status, const std::string& review_lines) {
    return "kind: quality-spec\nid: QS-001\nstatus: " + status +
           "\ncases:\n"
           "  - id: TC-001\n    verifies: [REQ-001, REQ-002]\n"
           "  - id: TC-002\n    verifies:\n      - REQ-002\n"
           "review:\n  decision: approved\n  date: 2026-10-01\n" +
           review_lines;
}

std::vector<std::string> suspects(const std::vector<Document>& documents) {
    Findings findings;
    rules::check_suspect_links(documents, findings);
    std::vector<std::string> lines;
    for (const Finding& finding : findings) {
        lines.push_back(std::to_string(finding.line) + ":" + std::to_string(finding.column) + " " +
                        std::string(severity_name(finding.severity)) + " " + finding.rule + " " + finding.message);
    }
    return lines;
}

std::string fingerprints(const std::string& req1, const std::string& req2) {
    return "  fingerprints:\n    REQ-001: " + req1 + "\n    REQ-002: " + req2 + "\n";
}

} // namespace

TEST_CASE("sha256_hex: FIPS 180-4 test vectors and every padding length") {
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(sha256_hex(std::string(55, 'a')) == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
    CHECK(sha256_hex(std::string(56, 'a')) == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
    CHECK(sha256_hex(std::string(64, 'a')) == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
    CHECK(sha256_hex(std::string(119, 'a')) == "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb");
    CHECK(sha256_hex(std::string(1000000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("statement_fingerprint: 12 hex digits of SHA-256, white space normalised") {
    CHECK(statement_fingerprint("The service shall resume uploads.") == "22ccdf0a48cc");
    CHECK(statement_fingerprint("  The service\n shall\tresume   uploads. \n") == "22ccdf0a48cc");
    CHECK(statement_fingerprint("系統應於 3 秒內顯示預覽。") == "92c940fddb41");
    CHECK(statement_fingerprint("系統應於\u30003 秒內顯示預覽。") == "92c940fddb41"); // ideographic space
    CHECK(statement_fingerprint("The service shall resume uploads") != "22ccdf0a48cc");
    // White space alone never makes a statement another one: folded Chinese text gains spaces.
    CHECK(statement_fingerprint("系統應於 3 秒內\n顯示預覽。") == statement_fingerprint("系統應於 3 秒內 顯示預覽。"));
    CHECK(statement_fingerprint("系統應於 3 秒內顯示預覽。") == statement_fingerprint("系統應於3秒內顯示預覽。"));
    CHECK(statement_fingerprint("系統應於 3 秒內顯示預覽。") != statement_fingerprint("系統應於 2 秒內顯示預覽。"));
}

TEST_CASE("suspect-link: recorded fingerprints that match say nothing") {
    const std::string req1 = statement_fingerprint("The service shall resume uploads.");
    const std::string req2 = statement_fingerprint("The service shall keep parts for 24 h.");
    CHECK(suspects({load(k_srs_path, srs("The service shall resume uploads.")),
                    load(k_qs_path, quality_spec("approved", fingerprints(req1, req2)))})
              .empty());
    // Refilled: the same words on two lines.
    CHECK(suspects({load(k_srs_path, srs(">-\n      The service shall\n      resume uploads.")),
                    load(k_qs_path, quality_spec("approved", fingerprints(req1, req2)))})
              .empty());
}

TEST_CASE("suspect-link: a changed statement flags each case verifying it, on its verifies entry") {
    const std::string req2 = statement_fingerprint("The service shall keep parts for 24 h.");
    const std::vector<Document> documents = {
        load(k_srs_path, srs("The service shall resume uploads within 10 s.")),
        load(k_qs_path, quality_spec("approved", fingerprints("22ccdf0a48cc", req2)))};
    const std::string now = statement_fingerprint("The service shall resume uploads within 10 s.");
    CHECK(suspects(documents) ==
          std::vector<std::string>{"6:16 warning suspect-link TC-001 is suspect: the statement of REQ-001 (SRS-001) "
                                   "changed after QS-001 was reviewed (fingerprint 22ccdf0a48cc, now " +
                                   now + "); check that the case still verifies it, then run `cswm review QS-001`"});
}

TEST_CASE("suspect-link: a requirement the review did not record is suspect too") {
    const std::vector<Document> documents = {
        load(k_srs_path, srs("The service shall resume uploads.")),
        load(k_qs_path, quality_spec("approved", "  fingerprints:\n    REQ-001: 22ccdf0a48cc\n"))};
    const std::vector<std::string> found = suspects(documents);
    REQUIRE(found.size() == 2);
    CHECK(found[0] == "6:25 warning suspect-link TC-001 is suspect: it verifies REQ-002 (SRS-001), whose statement the "
                      "review of QS-001 did not record; once the reviewers have read it against the case, run `cswm "
                      "review QS-001`");
    CHECK(found[1].starts_with("9:9 warning suspect-link TC-002 is suspect: it verifies REQ-002"));
}

TEST_CASE("suspect-link: only approved specs with fingerprints; unknown requirements are another rule's") {
    const Document changed = load(k_srs_path, srs("Something else entirely."));
    CHECK(suspects({changed, load(k_qs_path, quality_spec("in-review", fingerprints("000000000000", "1")))}).empty());
    CHECK(suspects({changed, load(k_qs_path, quality_spec("superseded", fingerprints("000000000000", "1")))}).empty());
    CHECK(suspects({changed, load(k_qs_path, quality_spec("approved", ""))}).empty()); // the git fallback's job
    CHECK(suspects({load(k_qs_path, quality_spec("approved", fingerprints("000000000000", "1")))}).empty());
}

TEST_CASE("verified_requirements and recorded_fingerprints") {
    const Document spec = load(k_qs_path, quality_spec("approved", fingerprints("aaaaaaaaaaaa", "bbbbbbbbbbbb")));
    CHECK(verified_requirements(spec) == std::vector<std::string>{"REQ-001", "REQ-002"});
    CHECK(recorded_fingerprints(spec) ==
          std::map<std::string, std::string>{{"REQ-001", "aaaaaaaaaaaa"}, {"REQ-002", "bbbbbbbbbbbb"}});
}

TEST_CASE("fingerprints that read as numbers are written quoted") {
    YamlEditor editor("review:\n  decision: approved\n  fingerprints: {}\n", YamlLimits{});
    nlohmann::ordered_json map;
    map["REQ-001"] = "123456789012";
    map["REQ-002"] = "1e2345678901";
    map["REQ-003"] = "0e0000000000";
    editor.replace_value("/review/fingerprints", map);
    const ParsedYaml parsed = parse_yaml_document(editor.text(), YamlLimits{});
    REQUIRE(parsed.root);
    CHECK((*parsed.root)["review"]["fingerprints"]["REQ-001"] == "123456789012");
    CHECK((*parsed.root)["review"]["fingerprints"]["REQ-002"] == "1e2345678901");
    CHECK((*parsed.root)["review"]["fingerprints"]["REQ-003"] == "0e0000000000");
}

namespace {

namespace fs = std::filesystem;

/// A temporary git repository, removed at the end.
struct TempRepo {
    fs::path dir;
    TempRepo() {
        std::string pattern = (fs::temp_directory_path() / "cswm-suspect-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        dir = pattern;
        git("init -q -b main");
    }
    ~TempRepo() {
        std::error_code ignored;
        fs::remove_all(dir, ignored);
    }
    TempRepo(const TempRepo&) = delete;
    TempRepo& operator=(const TempRepo&) = delete;

    void git(const std::string& arguments) const {
        const std::string command = "cd '" + dir.string() +
                                    "' && GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null git -c user.name=T "
                                    "-c user.email=t@example.com " +
                                    arguments + " >/dev/null 2>&1";
        REQUIRE(std::system(command.c_str()) == 0);
    }
    void write(const std::string& path, const std::string& text) const {
        fs::create_directories((dir / path).parent_path());
        std::ofstream(dir / path, std::ios::binary) << text;
    }
    /// Commits everything, a minute after the previous commit: history is walked by time.
    void commit(const std::string& message) {
        ++m_commits;
        const std::string date =
            "2026-10-01T09:" + std::string(m_commits < 10 ? "0" : "") + std::to_string(m_commits) + ":00+00:00";
        git("add -A && GIT_AUTHOR_DATE=" + date + " GIT_COMMITTER_DATE=" + date +
            " git -c user.name=T -c user.email=t@example.com commit -q -m '" + message + "'");
    }
    int m_commits = 0;
};

std::vector<std::string> suspects_in_history(const std::vector<Document>& documents, const Repo& repo) {
    Findings findings;
    rules::check_suspect_links_in_history(documents, repo, findings);
    std::vector<std::string> lines;
    for (const Finding& finding : findings) {
        lines.push_back(std::to_string(finding.line) + ":" + std::to_string(finding.column) + " " + finding.message);
    }
    // check's walk of HEAD, shared with the other git rules, gives the same findings.
    Findings shared;
    rules::check_suspect_links_in_history(documents, repo, repo.commit_links_from(""), shared);
    REQUIRE(shared.size() == findings.size());
    for (std::size_t i = 0; i < shared.size(); ++i) {
        CHECK(shared[i].line == findings[i].line);
        CHECK(shared[i].column == findings[i].column);
        CHECK(shared[i].message == findings[i].message);
    }
    return lines;
}

} // namespace

TEST_CASE("suspect-link without fingerprints: the SRS as of the approving commit") {
    TempRepo temp;
    const std::string before = "The service shall resume uploads.";
    const std::string after = "The service shall resume uploads within 10 s.";
    temp.write(k_srs_path, srs(before));
    temp.write(k_qs_path, quality_spec("in-review", ""));
    temp.commit("draft");
    const Repo repo = Repo::discover(temp.dir);

    // Approved, but not committed yet: no history to compare with, nothing said.
    temp.write(k_qs_path, quality_spec("approved", ""));
    CHECK(suspects_in_history({load(k_srs_path, srs(after)), load(k_qs_path, quality_spec("approved", ""))}, repo)
              .empty());

    temp.commit("QS-001 approved");
    // Same statement as at approval: nothing.
    CHECK(suspects_in_history({load(k_srs_path, srs(before)), load(k_qs_path, quality_spec("approved", ""))}, repo)
              .empty());
    // Changed in a later commit (and a later commit of the spec that kept the review date).
    temp.write(k_srs_path, srs(after));
    temp.commit("REQ-001 tightened");
    temp.write(k_qs_path, quality_spec("approved", "") + "# a note\n");
    temp.commit("QS-001 note");
    const std::vector<std::string> found =
        suspects_in_history({load(k_srs_path, srs(after)), load(k_qs_path, quality_spec("approved", ""))}, repo);
    REQUIRE(found.size() == 1);
    CHECK(found[0].starts_with("6:16 TC-001 is suspect: the statement of REQ-001 (SRS-001) changed after QS-001 was "
                               "approved in commit "));
    CHECK(found[0].ends_with("(QS-001 records no fingerprints, so the SRS of that commit was compared); check that "
                             "the case still verifies it, then run `cswm review QS-001`"));

    // Specs with fingerprints are the other rule's; a renamed SRS is followed.
    CHECK(suspects_in_history(
              {load(k_srs_path, srs(after)), load(k_qs_path, quality_spec("approved", fingerprints("a", "b")))}, repo)
              .empty());
    temp.git("mv " + k_srs_path + " maint/srs/SRS-001-renamed.yaml");
    temp.commit("rename");
    CHECK(suspects_in_history(
              {load("maint/srs/SRS-001-renamed.yaml", srs(after)), load(k_qs_path, quality_spec("approved", ""))}, repo)
              .size() == 1);
}

TEST_CASE("suspect-link without fingerprints: re-approved with a new review date after the change") {
    TempRepo temp;
    temp.write(k_srs_path, srs("The service shall resume uploads."));
    temp.write(k_qs_path, quality_spec("approved", ""));
    temp.commit("approved");
    temp.write(k_srs_path, srs("The service shall resume uploads within 10 s."));
    temp.commit("changed");
    std::string reviewed = quality_spec("approved", "");
    reviewed.replace(reviewed.find("2026-10-01"), 10, "2026-11-01");
    temp.write(k_qs_path, reviewed);
    temp.commit("reviewed again");
    const Repo repo = Repo::discover(temp.dir);
    CHECK(suspects_in_history(
              {load(k_srs_path, srs("The service shall resume uploads within 10 s.")), load(k_qs_path, reviewed)}, repo)
              .empty());
}

TEST_CASE("suspect-link without fingerprints: a spec deleted and added again was approved when it came back") {
    // Approved, deleted, the statement changed, the spec added back as it was: it was not
    // approved without a break, so the statement is compared as of its return (unchanged
    // since), not as of its first approval. The walk of its history ends there.
    TempRepo temp;
    const std::string before = "The service shall resume uploads.";
    const std::string after = "The service shall resume uploads within 10 s.";
    temp.write(k_srs_path, srs(before));
    temp.write(k_qs_path, quality_spec("approved", ""));
    temp.commit("approved");
    temp.git("rm -q " + k_qs_path);
    temp.commit("QS-001 withdrawn");
    temp.write(k_srs_path, srs(after));
    temp.commit("REQ-001 tightened");
    temp.write(k_qs_path, quality_spec("approved", ""));
    temp.commit("QS-001 back");
    const Repo repo = Repo::discover(temp.dir);
    const std::vector<Document> now{load(k_srs_path, srs(after)), load(k_qs_path, quality_spec("approved", ""))};
    CHECK(suspects_in_history(now, repo).empty());
    // And the statement changed after its return: suspect, against the commit that brought it back.
    temp.write(k_srs_path, srs(before));
    temp.commit("REQ-001 loosened");
    const std::vector<std::string> found =
        suspects_in_history({load(k_srs_path, srs(before)), load(k_qs_path, quality_spec("approved", ""))}, repo);
    REQUIRE(found.size() == 1);
    CHECK(found[0].find("changed after QS-001 was approved in commit") != std::string::npos);
}

TEST_CASE("suspect-link without fingerprints: older revisions read with the limits the documents were") {
    // A spec nested deeper than the default limit allows, which .cswm.yaml's limits allow.
    std::string nested = "[]";
    for (int depth = 0; depth < 70; ++depth) {
        nested = "[" + nested + "]";
    }
    const std::string spec = quality_spec("approved", "") + "scope: " + nested + "\n";
    TempRepo temp;
    temp.write(k_srs_path, srs("The service shall resume uploads."));
    temp.write(k_qs_path, spec);
    temp.commit("approved");
    const std::string after = "The service shall resume uploads within 10 s.";
    temp.write(k_srs_path, srs(after));
    temp.commit("changed");
    const Repo repo = Repo::discover(temp.dir);
    RevisionLimits limits;
    limits.yaml.max_depth = 100;
    const auto found = [&](const std::string& spec_text) {
        std::vector<Document> documents{load(k_srs_path, srs(after)), Document{}};
        documents[1].path = k_qs_path;
        parse_document_bytes(documents[1], spec_text, limits.yaml, Catalog::builtin());
        REQUIRE(documents[1].parsed());
        Findings findings;
        rules::check_suspect_links_in_history(documents, repo, findings, limits);
        return findings.size();
    };
    // The spec as committed is recognised by its blob; with one more line of prose it is
    // not, and its approved revision must be parsed: under the same limits, it still is.
    CHECK(found(spec) == 1);
    CHECK(found(spec + "title: Edited\n") == 1);
}

TEST_CASE("Repo::blob_id_of: git's id of the bytes, the one the commit's tree names") {
    TempRepo temp;
    const std::string text = "kind: srs\nid: SRS-001\n# 中文\n";
    temp.write("maint/a.yaml", text);
    temp.write("maint/empty.yaml", "");
    temp.commit("one");
    const Repo repo = Repo::discover(temp.dir);
    const std::string head = repo.resolve_commit("HEAD");
    CHECK(Repo::blob_id_of(text) == repo.blob_at_path(head, "maint/a.yaml"));
    CHECK(Repo::blob_id_of("") == "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"); // git hash-object /dev/null
    CHECK(repo.blob_at_path(head, "maint/empty.yaml") == Repo::blob_id_of(""));
    CHECK(Repo::blob_id_of(text + " ") != Repo::blob_id_of(text));
    // Documents carry it: a revision with these bytes is the document, not read again.
    Document document;
    parse_document_bytes(document, text, YamlLimits{}, Catalog::builtin());
    CHECK(document.blob == Repo::blob_id_of(text));
}

TEST_CASE("Repo::file_at: a file as of a commit, bounded, regular files only") {
    TempRepo temp;
    temp.write("maint/a.yaml", "one\n");
    temp.commit("one");
    const Repo repo = Repo::discover(temp.dir);
    const std::string first = repo.resolve_commit("HEAD");
    temp.write("maint/a.yaml", "two\n");
    temp.git("rm -q --cached maint/a.yaml && ln -s a.yaml maint/link.yaml && git add -A");
    temp.commit("two");
    CHECK(repo.file_at(first, "maint/a.yaml", 100) == std::optional<std::string>("one\n"));
    CHECK(repo.file_at(first, "maint/a.yaml", 3) == std::nullopt); // over the bound
    CHECK(repo.file_at(first, "maint/none.yaml", 100) == std::nullopt);
    CHECK(repo.file_at(first, "maint", 100) == std::nullopt); // a folder
    const std::string second = repo.resolve_commit("HEAD");
    CHECK(repo.file_at(second, "maint/a.yaml", 100) == std::optional<std::string>("two\n"));
    CHECK(repo.file_at(second, "maint/link.yaml", 100) == std::nullopt); // a symlink
    CHECK(repo.file_at(std::string(40, '0'), "maint/a.yaml", 100) == std::nullopt);
    CHECK(repo.file_at("HEAD", "maint/a.yaml", 100) == std::nullopt); // full SHAs only
}

TEST_CASE("Repo::walk_file_history: file_history's revisions, over a shared list, until told to stop") {
    TempRepo temp;
    for (const char* text : {"1\n", "2\n", "3\n"}) {
        temp.write("maint/a.yaml", text);
        temp.write("other.txt", std::string(text) + "x");
        temp.commit(text);
        temp.write("other.txt", std::string(text) + "y");
        temp.commit("other only");
    }
    const Repo repo = Repo::discover(temp.dir);
    const std::vector<CommitInfo> light = repo.commit_order_from_head();
    const std::vector<CommitInfo> full = repo.commits_from_head();
    REQUIRE(light.size() == full.size());
    for (std::size_t i = 0; i < light.size(); ++i) {
        CHECK(light[i].sha == full[i].sha);
        CHECK(light[i].commit_time == full[i].commit_time);
    }
    std::vector<std::string> walked;
    repo.walk_file_history("maint/a.yaml", light, [&](const FileRevision& revision) {
        walked.push_back(revision.commit.sha);
        return true;
    });
    std::vector<std::string> expected;
    for (const FileRevision& revision : repo.file_history("maint/a.yaml")) {
        expected.push_back(revision.commit.sha);
    }
    CHECK(walked.size() == 3);
    CHECK(walked == expected);
    std::size_t visits = 0;
    repo.walk_file_history("maint/a.yaml", light, [&](const FileRevision&) { return ++visits < 2; });
    CHECK(visits == 2);
}
