// The warm cache of `check` (lib/cache): its file format refuses anything damaged, its
// content keys see every change (the racy case too), and check_workspace through it gives
// the same findings as without it after each kind of change to its inputs.

#include "lib/cache/check_cache.hpp"
#include "lib/cache/history_basis.hpp"
#include "lib/cache/stored_views.hpp"
#include "lib/check/checker.hpp"
#include "lib/util/files.hpp"
#include "lib/workspace/config.hpp"
#include "lib/workspace/workspace.hpp"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

using namespace cswm;

namespace {

namespace fs = std::filesystem;

CacheData sample_cache() {
    CacheData data;
    data.identity = "tool=cswm 1.0\ncatalog=abc\nlanguage=\n";
    data.started_ns = 1'700'000'000'000'000'000;
    data.config_key = "0:abc";
    data.files.push_back(
        {"maint/srs/SRS-001.yaml",
         {120, 5, 6, 7, 8, 0100644},
         std::string(64, 'a'),
         Findings{{Severity::warning, "placeholder", "maint/srs/SRS-001.yaml", 2, 3, "SRS-001", "p", "/title", false}},
         std::string(64, 'd'),
         std::string(64, 'v'),
         std::string(64, 'g'),
         std::string(64, 't')});
    data.files.push_back({"maint/srs/x.yaml", {0, 1, 2, 3, 4, 040755}, "special:40000", std::nullopt, "", "", "", ""});
    CachedResult result;
    result.fingerprint = std::string(64, 'f');
    result.findings.push_back({Severity::error, "schema", "maint/srs/SRS-001.yaml", 3, 5, "SRS-001", "需求 bad"});
    result.findings.push_back({Severity::warning, "trailer-unknown-id", "commit 0123456789", 0, 0, "", "Refs: X"});
    WaivedFinding waived;
    waived.finding = {Severity::warning, "placeholder", "maint/a.yaml", 1, 1, "A-1", "m"};
    waived.justification = "later";
    waived.expires = "2026-12-31";
    waived.waiver_file = ".cswm.yaml";
    waived.waiver_line = 12;
    result.waived.push_back(waived);
    result.objects.emplace_back(std::string(40, '1'), 1);
    result.views_fingerprint = std::string(64, 'w');
    result.across.push_back({Severity::error, "link-target", "maint/srs/SRS-001.yaml", 4, 7, "SRS-001", "no TC-9",
                             "/requirements/0", true});
    result.expires = 1'800'000'000;
    result.looked_for.emplace_back("/repo/other/srs.json", 0);
    result.git_views_fingerprint = std::string(64, 'G');
    result.git.push_back({Severity::warning, "commit-unreachable", "maint/fix/FIX-001.yaml", 9, 11, "FIX-001",
                          "not on HEAD", "/commits/0", false});
    result.tree_views_fingerprint = std::string(64, 'T');
    result.tree.push_back({Severity::error, "duplicate-id", "maint/srs/SRS-001.yaml", 2, 5, "SRS-001",
                           "SRS-001 is also at maint/srs/x.yaml:2", "/id", false});
    result.unknown_trailer_ids = {"NOPE-404", "需求-1"};
    data.result = result;
    return data;
}

std::string finding_text(const Findings& findings) {
    std::string text;
    for (const Finding& finding : findings) {
        text += std::string(severity_name(finding.severity)) + " " + finding.rule + " " + finding.path + ":" +
                std::to_string(finding.line) + ":" + std::to_string(finding.column) + " [" + finding.id + "] " +
                finding.message + "\n";
    }
    return text;
}

std::string result_text(const CheckResult& result) {
    std::string text = finding_text(result.findings);
    for (const WaivedFinding& waived : result.waived) {
        text += "waived " + finding_text({waived.finding}) + waived.justification + "\n";
    }
    text += "documents " + std::to_string(result.documents) + "\n";
    for (const std::string& path : result.paths) {
        text += path + "\n";
    }
    return text;
}

/// A git repository with a .cswm.yaml and some documents, removed at the end.
class TempRepo {
public:
    TempRepo() {
        char pattern[] = "/tmp/cswm-cache-test.XXXXXX";
        REQUIRE(::mkdtemp(pattern) != nullptr);
        m_dir = pattern;
        git("init -q -b main");
        write(".cswm.yaml", default_config_text("en"));
        write("maint/srs/SRS-001.yaml", "kind: srs\nid: SRS-001\ntitle: One\n");
        write("maint/srs/SRS-002.yaml", "kind: srs\nid: SRS-002\ntitle: Two\n");
        commit("start");
    }
    ~TempRepo() {
        std::error_code error;
        fs::remove_all(m_dir, error);
    }
    TempRepo(const TempRepo&) = delete;
    TempRepo& operator=(const TempRepo&) = delete;

    const fs::path& dir() const { return m_dir; }
    void git(const std::string& arguments) const {
        const std::string command = "git -C '" + m_dir.string() +
                                    "' -c user.name=Ann -c user.email=ann@example.com -c commit.gpgsign=false " +
                                    arguments + " >/dev/null 2>&1";
        REQUIRE(std::system(command.c_str()) == 0);
    }
    void commit(const std::string& message) const {
        git("add -A");
        git("commit -q --no-verify -m '" + message + "'");
    }
    void write(const std::string& path, const std::string& text) const {
        fs::create_directories((m_dir / path).parent_path());
        std::ofstream(m_dir / path, std::ios::binary | std::ios::trunc) << text;
    }
    /// Checks with the cache of `identity`; `status` receives what the cache did.
    std::string check(const CacheIdentity& identity, std::string* status = nullptr) const {
        const Workspace workspace = Workspace::open(m_dir);
        CheckOptions options;
        options.base = m_dir;
        options.cache = identity;
        const CheckResult result = check_workspace(workspace, options);
        if (status != nullptr) {
            *status = result.cache_status;
        }
        return result_text(result);
    }
    /// Checks without any cache: what the cached run must equal.
    std::string fresh() const {
        const Workspace workspace = Workspace::open(m_dir);
        CheckOptions options;
        options.base = m_dir;
        return result_text(check_workspace(workspace, options));
    }
    fs::path cache_file() const { return cache_file_in(m_dir / ".git"); }

private:
    fs::path m_dir;
};

CacheIdentity test_identity() {
    return {"cswm test-version", "catalog-hash", ""};
}

/// Sets the file's modification time to `seconds` (ctime moves to now, as it always does).
void set_mtime(const fs::path& file, long seconds) {
    const timespec times[2] = {{seconds, 0}, {seconds, 0}};
    REQUIRE(::utimensat(AT_FDCWD, file.c_str(), times, 0) == 0);
}

} // namespace

TEST_CASE("check cache: the file format reads back what was written") {
    const CacheData data = sample_cache();
    const std::optional<CacheData> back = parse_cache(serialize_cache(data));
    REQUIRE(back.has_value());
    CHECK(back->identity == data.identity);
    CHECK(back->started_ns == data.started_ns);
    REQUIRE(back->files.size() == 2);
    CHECK(back->files[0].path == data.files[0].path);
    CHECK(back->files[0].stamp == data.files[0].stamp);
    CHECK(back->files[1].key == "special:40000");
    CHECK(back->files[0].digest == std::string(64, 'd'));
    CHECK(back->files[1].digest.empty());
    CHECK(back->config_key == "0:abc");
    REQUIRE(back->files[0].document_findings.has_value());
    CHECK(finding_text(*back->files[0].document_findings) == finding_text(*data.files[0].document_findings));
    CHECK_FALSE(back->files[1].document_findings.has_value());
    REQUIRE(back->result.has_value());
    CHECK(finding_text(back->result->findings) == finding_text(data.result->findings));
    REQUIRE(back->result->waived.size() == 1);
    CHECK(back->result->waived[0].waiver_line == 12);
    CHECK(back->result->waived[0].expires == "2026-12-31");
    CHECK(back->result->objects == data.result->objects);
    CHECK(back->files[0].view == std::string(64, 'v'));
    CHECK(back->result->views_fingerprint == std::string(64, 'w'));
    REQUIRE(back->result->across.size() == 1);
    CHECK(finding_text(back->result->across) == finding_text(data.result->across));
    CHECK(back->result->across[0].pointer == "/requirements/0");
    CHECK(back->result->across[0].at_key);
    CHECK(back->files[0].document_findings->front().pointer == "/title");
    CHECK(back->result->expires == 1'800'000'000);
    CHECK(back->result->looked_for == data.result->looked_for);
    CHECK(back->files[0].git_view == std::string(64, 'g'));
    CHECK(back->result->git_views_fingerprint == std::string(64, 'G'));
    CHECK(back->result->git == data.result->git);
    CHECK(back->files[0].tree_view == std::string(64, 't'));
    CHECK(back->result->tree_views_fingerprint == std::string(64, 'T'));
    CHECK(back->result->tree == data.result->tree);
    CHECK(back->result->unknown_trailer_ids == std::vector<std::string>{"NOPE-404", "需求-1"});

    CacheData empty;
    const std::optional<CacheData> none = parse_cache(serialize_cache(empty));
    REQUIRE(none.has_value());
    CHECK_FALSE(none->result.has_value());
}

TEST_CASE("check cache: a truncated, corrupted or foreign file is refused, never trusted") {
    const std::string bytes = serialize_cache(sample_cache());
    for (std::size_t size = 0; size < bytes.size(); ++size) {
        CHECK_FALSE(parse_cache(std::string_view(bytes).substr(0, size)).has_value());
    }
    for (std::size_t at = 0; at < bytes.size(); ++at) {
        std::string damaged = bytes;
        damaged[at] = static_cast<char>(damaged[at] ^ 0x20);
        CHECK_FALSE(parse_cache(damaged).has_value());
    }
    CHECK_FALSE(parse_cache(bytes + "x").has_value());
    CHECK_FALSE(parse_cache("").has_value());
    CHECK_FALSE(parse_cache(std::string(4096, '\0')).has_value());
    std::string other_version = bytes;
    other_version.replace(0, 19, "cswm-check-cache 0\n");
    CHECK_FALSE(parse_cache(other_version).has_value());
}

TEST_CASE("check cache: the views files read back what was written, the changes winning") {
    const std::string big(70000, 'v');
    const std::string zero("cswm cross view 1\nbytes\0with a zero", 35);
    const std::vector<std::pair<std::string_view, std::string_view>> views{
        {"maint/srs/SRS-001.yaml", zero}, {"maint/srs/x.yaml", ""}, {"big.yaml", big}};
    const std::string bytes = serialize_views(views);
    const std::optional<StoredViews> back = parse_views(bytes);
    REQUIRE(back.has_value());
    REQUIRE(back->by_path.size() == 3);
    for (const auto& [path, view] : views) {
        REQUIRE(back->by_path.contains(path));
        CHECK(back->by_path.at(path) == view);
    }
    CHECK(back->changed.empty());

    const std::string changes = serialize_views({{"big.yaml", "smaller"}, {"new.yaml", "added"}});
    const std::optional<StoredViews> both = parse_views(bytes, changes);
    REQUIRE(both.has_value());
    CHECK(both->by_path.size() == 4);
    CHECK(both->by_path.at("big.yaml") == "smaller");
    CHECK(both->by_path.at("maint/srs/SRS-001.yaml") == zero);
    CHECK(both->changed.size() == 2);

    // Not a views file whole: refused. (A view damaged inside is refused by its caller,
    // which compares its hash with the cache's.)
    for (std::size_t size = 0; size < bytes.size(); size += size < 200 ? 1 : 997) {
        CHECK_FALSE(parse_views(bytes.substr(0, size)).has_value());
        if (size > 0) { // an empty changes file is none
            CHECK_FALSE(parse_views(bytes, changes.substr(0, std::min(size, changes.size() - 1))).has_value());
        }
    }
    CHECK_FALSE(parse_views(bytes + "x").has_value());
    CHECK_FALSE(parse_views(serialize_cache(sample_cache())).has_value());
    CHECK_FALSE(parse_views("").has_value());
}

TEST_CASE("check cache: the views on disk, a base and the changes since") {
    char pattern[] = "/tmp/cswm-views-test.XXXXXX";
    REQUIRE(::mkdtemp(pattern) != nullptr);
    const fs::path git_dir = pattern;
    CHECK_FALSE(read_views(git_dir).has_value());
    const std::string base_view(4000, 'b');
    std::vector<std::pair<std::string_view, std::string_view>> all{{"a.yaml", base_view}, {"b.yaml", base_view}};
    REQUIRE(write_views(git_dir, all));
    std::optional<StoredViews> stored = read_views(git_dir);
    REQUIRE(stored.has_value());
    CHECK(stored->by_path.size() == 2);
    // One view changed: the changes file holds it, the base is not written again.
    const fs::file_time_type base_written = fs::last_write_time(git_dir / "cswm" / "check-views");
    all[0].second = "a changed";
    REQUIRE(write_view_changes(git_dir, *stored, all, {all[0]}));
    CHECK(fs::last_write_time(git_dir / "cswm" / "check-views") == base_written);
    stored = read_views(git_dir);
    REQUIRE(stored.has_value());
    CHECK(stored->by_path.at("a.yaml") == "a changed");
    CHECK(stored->by_path.at("b.yaml") == base_view);
    // Another: both changes are kept.
    all[1].second = "b changed";
    REQUIRE(write_view_changes(git_dir, *stored, all, {all[1]}));
    stored = read_views(git_dir);
    REQUIRE(stored.has_value());
    CHECK(stored->by_path.at("a.yaml") == "a changed");
    CHECK(stored->by_path.at("b.yaml") == "b changed");
    CHECK(stored->changed.size() == 2);
    // Changes outgrowing a quarter of the base: written as the base, the changes dropped.
    const std::string grown(2000, 'g');
    all[0].second = grown;
    REQUIRE(write_view_changes(git_dir, *stored, all, {all[0]}));
    CHECK_FALSE(fs::exists(git_dir / "cswm" / "check-views-changes"));
    stored = read_views(git_dir);
    REQUIRE(stored.has_value());
    CHECK(stored->by_path.at("a.yaml") == grown);
    CHECK(stored->by_path.at("b.yaml") == "b changed");
    // A damaged changes file: no views at all, never the base's stale one.
    write_file_atomically(git_dir / "cswm" / "check-views-changes", "cswm-check-views 1\ngarbage");
    CHECK_FALSE(read_views(git_dir).has_value());
    fs::remove_all(git_dir);
}

TEST_CASE("check cache: the history basis reads back what was written, under its key only") {
    char pattern[] = "/tmp/cswm-basis-test.XXXXXX";
    REQUIRE(::mkdtemp(pattern) != nullptr);
    const fs::path git_dir = pattern;
    CHECK_FALSE(StoredTrailers::read(git_dir, "key").has_value());
    CHECK_FALSE(read_suspect_basis(git_dir, "key").has_value());
    HistoryBasis basis;
    basis.trailers = {{"0123456789", "upload-api: 續傳", {"FIX-001", "需求-1"}},
                      {"abcdef0123", "", {"NOPE-404"}},
                      {"fedcba9876", "twice", {"FIX-001", "FIX-001"}}};
    basis.suspect.approvals = {{"maint/quality-spec/QS-001.yaml", "2026-10-01", std::string(40, 'c')},
                               {"maint/quality-spec/QS-002.yaml", "2026-10-02", ""}};
    basis.suspect.statements = {{std::string(40, 'c'), "maint/srs/SRS-001.yaml", "REQ-001", std::string(64, 'd')},
                                {std::string(40, 'c'), "maint/srs/SRS-001.yaml", "REQ-002", ""}};
    REQUIRE(write_history_basis(git_dir, "key", basis));

    const std::optional<StoredTrailers> trailers = StoredTrailers::read(git_dir, "key");
    REQUIRE(trailers.has_value());
    const auto named = [&](std::string_view id) {
        std::string text;
        for (const StoredTrailers::Naming& naming : trailers->naming(id)) {
            text += std::string(naming.commit) + " " + std::string(naming.summary) + "\n";
        }
        return text;
    };
    // In the order of the walk, once per naming.
    CHECK(named("FIX-001") == "0123456789 upload-api: 續傳\nfedcba9876 twice\nfedcba9876 twice\n");
    CHECK(named("需求-1") == "0123456789 upload-api: 續傳\n");
    CHECK(named("NOPE-404") == "abcdef0123 \n");
    CHECK(named("FIX-00").empty());
    CHECK(named("ZZZ").empty());

    const std::optional<SuspectBasis> suspect = read_suspect_basis(git_dir, "key");
    REQUIRE(suspect.has_value());
    REQUIRE(suspect->approvals.size() == 2);
    CHECK(suspect->approvals[0].path == "maint/quality-spec/QS-001.yaml");
    CHECK(suspect->approvals[0].sha == std::string(40, 'c'));
    CHECK(suspect->approvals[1].sha.empty());
    REQUIRE(suspect->statements.size() == 2);
    CHECK(suspect->statements[0].statement_hash == std::string(64, 'd'));
    CHECK(suspect->statements[1].statement_hash.empty());

    // Another key (another HEAD, another build), a file gone or damaged: none, each alone.
    CHECK_FALSE(StoredTrailers::read(git_dir, "other key").has_value());
    CHECK_FALSE(read_suspect_basis(git_dir, "other key").has_value());
    fs::remove(git_dir / "cswm" / "check-trailers");
    CHECK_FALSE(StoredTrailers::read(git_dir, "key").has_value());
    CHECK(read_suspect_basis(git_dir, "key").has_value());
    std::ofstream(git_dir / "cswm" / "check-approvals", std::ios::binary | std::ios::app) << "x";
    CHECK_FALSE(read_suspect_basis(git_dir, "key").has_value());
    REQUIRE(write_history_basis(git_dir, "key", basis));
    fs::resize_file(git_dir / "cswm" / "check-trailers", fs::file_size(git_dir / "cswm" / "check-trailers") - 1);
    CHECK_FALSE(StoredTrailers::read(git_dir, "key").has_value());
    fs::remove_all(git_dir);
}

TEST_CASE("check cache: a stamp is trusted only when equal and not racy") {
    const std::int64_t started = 1'000 * 1'000'000'000LL;
    const FileStamp old{10, 100 * 1'000'000'000LL, 100 * 1'000'000'000LL, 1, 2, 0100644};
    CHECK(stamp_trusted(old, old, started));
    FileStamp other = old;
    other.size = 11;
    CHECK_FALSE(stamp_trusted(old, other, started));
    other = old;
    other.ctime_ns += 1;
    CHECK_FALSE(stamp_trusted(old, other, started));
    other = old;
    other.inode = 9;
    CHECK_FALSE(stamp_trusted(old, other, started));
    // Changed within the margin before the cache's run began: the same stamp may hide a
    // second change in the same tick, so the file is hashed again.
    FileStamp racy = old;
    racy.mtime_ns = started - 1;
    CHECK_FALSE(stamp_trusted(racy, racy, started));
    racy = old;
    racy.ctime_ns = started - k_racy_margin_ns + 1;
    CHECK_FALSE(stamp_trusted(racy, racy, started));
    racy.ctime_ns = started - k_racy_margin_ns - 1;
    CHECK(stamp_trusted(racy, racy, started));
}

TEST_CASE("check cache: fingerprints keep field boundaries") {
    Fingerprint one;
    one.add("ab");
    one.add("c");
    Fingerprint two;
    two.add("a");
    two.add("bc");
    CHECK(one.finish() != two.finish());
    CHECK(content_hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("check cache: the identity of this build") {
    const CacheIdentity a = build_cache_identity("1.0.0");
    const CacheIdentity b = build_cache_identity("1.0.1");
    CHECK(a.text() != b.text());
    CHECK(a.catalog == b.catalog);
    CHECK(a.catalog.size() == 64);
}

TEST_CASE("check cache: served warm, and never stale after a change of any input") {
    TempRepo repo;
    std::string status;
    const CacheIdentity identity = test_identity();
    const std::string cold = repo.check(identity, &status);
    CHECK(status == "miss");
    CHECK(fs::exists(repo.cache_file()));
    CHECK(cold == repo.fresh());
    CHECK(repo.check(identity, &status) == cold);
    CHECK(status == "hit");

    SUBCASE("a changed document of the same size and modification time (the racy case)") {
        const fs::path file = repo.dir() / "maint/srs/SRS-001.yaml";
        set_mtime(file, 1'700'000'000);
        CHECK(repo.check(identity, &status) == cold); // new stat data only: same content
        CHECK(status == "hit");
        repo.write("maint/srs/SRS-001.yaml", "kind: srs\nid: SRS-009\ntitle: One\n");
        set_mtime(file, 1'700'000'000);
        const std::string changed = repo.check(identity, &status);
        CHECK(status == "across, git");
        CHECK(changed != cold);
        CHECK(changed == repo.fresh());
        // Every document's own findings are stored, to be reused while its content stays.
        const std::optional<CacheData> stored = read_cache(repo.cache_file(), identity.text());
        REQUIRE(stored.has_value());
        REQUIRE(stored->files.size() == 2);
        for (const CachedFile& entry : stored->files) {
            CHECK(entry.document_findings.has_value());
        }
    }
    SUBCASE("an added, a deleted and a renamed document") {
        repo.write("maint/srs/SRS-003.yaml", "kind: srs\nid: SRS-003\n");
        CHECK(repo.check(identity, &status) == repo.fresh());
        CHECK(status == "across, git");
        fs::remove(repo.dir() / "maint/srs/SRS-002.yaml");
        CHECK(repo.check(identity, &status) == repo.fresh());
        CHECK(status == "across, git");
        fs::rename(repo.dir() / "maint/srs/SRS-003.yaml", repo.dir() / "maint/srs/renamed.yaml");
        const std::string renamed = repo.check(identity, &status);
        CHECK(status == "across, git");
        CHECK(renamed == repo.fresh());
        CHECK(renamed.find("renamed.yaml") != std::string::npos);
    }
    SUBCASE("a changed .cswm.yaml") {
        std::string config = default_config_text("en");
        config += "rules:\n  schema: warning\n";
        repo.write(".cswm.yaml", config);
        const std::string changed = repo.check(identity, &status);
        CHECK(status == "miss");
        CHECK(changed == repo.fresh());
        CHECK(changed != cold);
        // Every digest was stored with that result: the next run is served.
        CHECK(repo.check(identity, &status) == changed);
        CHECK(status == "hit");
    }
    SUBCASE("another version, catalogue or message language") {
        CacheIdentity other = identity;
        other.tool = "cswm next-version";
        CHECK(repo.check(other, &status) == cold);
        CHECK(status == "miss");
        other = identity;
        other.catalog = "another catalogue";
        CHECK(repo.check(other, &status) == cold);
        CHECK(status == "miss");
        other = identity;
        other.message_language = "zh-TW";
        CHECK(repo.check(other, &status) == cold);
        CHECK(status == "miss");
    }
    SUBCASE("a new commit moves HEAD") {
        repo.write("notes.txt", "not a document\n");
        repo.commit("Add notes\n\nRefs: SRS-404");
        const std::string moved = repo.check(identity, &status);
        CHECK(status == "miss");
        CHECK(moved == repo.fresh());
        CHECK(moved.find("SRS-404") != std::string::npos);
    }
    SUBCASE("another day") {
        REQUIRE(::setenv("CSWM_TODAY", "2031-02-03", 1) == 0);
        CHECK(repo.check(identity, &status) == repo.fresh());
        CHECK(status == "miss");
        CHECK(repo.check(identity, &status) == repo.fresh());
        CHECK(status == "hit");
        ::unsetenv("CSWM_TODAY");
    }
    SUBCASE("a corrupted or truncated cache file") {
        std::string bytes;
        {
            std::ifstream in(repo.cache_file(), std::ios::binary);
            bytes.assign(std::istreambuf_iterator<char>(in), {});
        }
        REQUIRE(bytes.size() > 100);
        bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 1);
        std::ofstream(repo.cache_file(), std::ios::binary | std::ios::trunc) << bytes;
        CHECK(repo.check(identity, &status) == cold);
        CHECK(status == "miss");
        std::ofstream(repo.cache_file(), std::ios::binary | std::ios::trunc) << bytes.substr(0, 50);
        CHECK(repo.check(identity, &status) == cold);
        CHECK(status == "miss");
        CHECK(repo.check(identity, &status) == cold);
        CHECK(status == "hit");
    }
    SUBCASE("a cache that cannot be written") {
        fs::remove(repo.cache_file());
        fs::create_directories(repo.cache_file()); // a folder where the file would go
        CHECK(repo.check(identity, &status) == cold);
        CHECK(status == "miss, not written");
        CHECK(repo.check(identity, &status) == cold);
        CHECK(status == "miss, not written");
    }
    SUBCASE("concurrent checks") {
        repo.write("maint/srs/SRS-004.yaml", "kind: srs\nid: SRS-001\n");
        const std::string expected = repo.fresh();
        std::vector<std::string> outputs(4);
        std::vector<std::thread> threads;
        for (std::size_t i = 0; i < outputs.size(); ++i) {
            threads.emplace_back([&, i] { outputs[i] = repo.check(identity); });
        }
        for (std::thread& thread : threads) {
            thread.join();
        }
        for (const std::string& output : outputs) {
            CHECK(output == expected);
        }
        CHECK(repo.check(identity, &status) == expected);
        CHECK(status == "hit");
    }
}

TEST_CASE("check cache: a SHA recorded in a document that starts to exist") {
    TempRepo repo;
    // A commit on another branch, then forgotten: its SHA is recorded, but the object is
    // made to vanish and come back without HEAD moving (as a fetch brings objects).
    repo.git("checkout -q -b side");
    repo.write("side.txt", "side\n");
    repo.commit("side work");
    std::string sha;
    {
        const Repo git = Repo::discover(repo.dir());
        sha = git.resolve_commit("side");
    }
    repo.git("checkout -q main");
    repo.write("maint/fix-confirmation/FIX-001.yaml", "kind: fix-confirmation\nid: FIX-001\ncommits: [" + sha + "]\n");
    const CacheIdentity identity = test_identity();
    std::string status;
    const std::string before = repo.check(identity, &status);
    CHECK(before == repo.fresh());
    CHECK(repo.check(identity, &status) == before);
    CHECK(status == "hit");
    // Remove the side branch and its objects: the SHA now names nothing.
    repo.git("branch -q -D side");
    repo.git("reflog expire --expire=now --all");
    repo.git("gc -q --prune=now");
    const std::string after = repo.check(identity, &status);
    CHECK(after == repo.fresh());
    CHECK(before.find("commit-unreachable") != std::string::npos);
    CHECK(after.find("commit-missing") != std::string::npos);
    CHECK(status == "miss");
}

TEST_CASE("check cache: a shallow clone deepened without HEAD moving") {
    TempRepo origin;
    origin.write("notes.txt", "one\n");
    origin.commit("Second\n\nRefs: SRS-777");
    origin.write("notes.txt", "two\n");
    origin.commit("Third");
    char pattern[] = "/tmp/cswm-cache-clone.XXXXXX";
    REQUIRE(::mkdtemp(pattern) != nullptr);
    const fs::path clone = fs::path(pattern) / "clone";
    const std::string command =
        "git clone -q --depth 1 'file://" + origin.dir().string() + "' '" + clone.string() + "' >/dev/null 2>&1";
    REQUIRE(std::system(command.c_str()) == 0);
    auto check = [&](std::string* status, bool cached) {
        const Workspace workspace = Workspace::open(clone);
        CheckOptions options;
        options.base = clone;
        if (cached) {
            options.cache = test_identity();
        }
        const CheckResult result = check_workspace(workspace, options);
        if (status != nullptr) {
            *status = result.cache_status;
        }
        return result_text(result);
    };
    std::string status;
    const std::string shallow = check(&status, true);
    CHECK(shallow == check(nullptr, false));
    CHECK(check(&status, true) == shallow);
    CHECK(status == "hit");
    REQUIRE(std::system(("git -C '" + clone.string() + "' fetch -q --deepen 1 >/dev/null 2>&1").c_str()) == 0);
    const std::string deeper = check(&status, true);
    CHECK(status == "miss");
    CHECK(deeper == check(nullptr, false));
    CHECK(deeper.find("SRS-777") != std::string::npos);
    std::error_code error;
    fs::remove_all(pattern, error);
}

namespace {

/// The lines of a result that are about `path`.
std::string lines_about(const std::string& text, const std::string& path) {
    std::string out;
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t end = std::min(text.find('\n', at), text.size());
        const std::string line = text.substr(at, end - at);
        if (line.find(path) != std::string::npos) {
            out += line + "\n";
        }
        at = end + 1;
    }
    return out;
}

} // namespace

TEST_CASE("check cache: a document's digest is what the rules see of it") {
    TempRepo repo;
    const Workspace workspace = Workspace::open(repo.dir());
    const fs::path file = repo.dir() / "maint/srs/SRS-001.yaml";
    const auto digest_of = [&](const std::string& text) {
        repo.write("maint/srs/SRS-001.yaml", text);
        return document_digest(workspace.load(file));
    };
    const std::string base = digest_of("kind: srs\nid: SRS-001\ntitle: One\n");
    CHECK(base.size() == 64);
    CHECK(digest_of("kind: srs\nid: SRS-001\ntitle: One\n") == base);
    // Invisible to every rule: a comment at the end, quotes a plain scalar did not need.
    CHECK(digest_of("kind: srs\nid: SRS-001\ntitle: One\n# a note\n") == base);
    CHECK(digest_of("kind: srs\nid: SRS-001\ntitle: 'One'\n") == base);
    // Seen: a value, its type, a place, a key, a modeline, a reading problem.
    CHECK(digest_of("kind: srs\nid: SRS-001\ntitle: Two\n") != base);
    CHECK(digest_of("kind: srs\nid: SRS-001\ntitle: 017\n") != digest_of("kind: srs\nid: SRS-001\ntitle: '017'\n"));
    CHECK(digest_of("# on top\nkind: srs\nid: SRS-001\ntitle: One\n") != base);
    CHECK(digest_of("kind: srs\nid: SRS-001\ntitle:  One\n") != base);
    CHECK(digest_of("kind: srs\nid: SRS-001\ntitle: One\nstatus: draft\n") != base);
    CHECK(digest_of("# yaml-language-server: $schema=x.json\nkind: srs\nid: SRS-001\ntitle: One\n") !=
          digest_of("# yaml-language-server: $schema=y.json\nkind: srs\nid: SRS-001\ntitle: One\n"));
    CHECK(digest_of("kind: srs\nid: SRS-001\ntitle: [One\n") != base);
    // The same content under another name is another document.
    repo.write("maint/srs/SRS-001-b.yaml", "kind: srs\nid: SRS-001\ntitle: One\n");
    CHECK(document_digest(workspace.load(repo.dir() / "maint/srs/SRS-001-b.yaml")) != base);
}

TEST_CASE("check cache: one changed document never serves stale findings of the others") {
    TempRepo repo;
    repo.write("maint/srs/SRS-002.yaml", "kind: srs\nid: SRS-002\ntitle: Two\nsupersedes: SRS-001\n");
    repo.commit("SRS-002 supersedes SRS-001");
    std::string status;
    const CacheIdentity identity = test_identity();
    const std::string cold = repo.check(identity, &status);
    CHECK(status == "miss");
    CHECK(cold == repo.fresh());

    SUBCASE("an edit the rules cannot see: served, and the new content remembered") {
        repo.write("maint/srs/SRS-001.yaml", "kind: srs\nid: SRS-001\ntitle: One\n# a note\n");
        CHECK(repo.check(identity, &status) == cold);
        CHECK(status == "hit");
        const std::optional<CacheData> stored = read_cache(repo.cache_file(), identity.text());
        REQUIRE(stored.has_value());
        CHECK(stored->files[0].path == "maint/srs/SRS-001.yaml");
        CHECK(stored->files[0].key == content_hash("kind: srs\nid: SRS-001\ntitle: One\n# a note\n"));
        CHECK_FALSE(stored->files[0].digest.empty());
        CHECK(repo.check(identity, &status) == cold);
        CHECK(status == "hit");
        // Then an edit it sees, on top of the remembered one: its title is prose, which no
        // rule across documents reads, so only this document is checked again.
        repo.write("maint/srs/SRS-001.yaml", "kind: srs\nid: SRS-001\ntitle: Uno\n# a note\n");
        CHECK(repo.check(identity, &status) == repo.fresh());
        CHECK(status == "partial");
    }
    SUBCASE("a comment on top moves every line: only that document is checked again") {
        repo.write("maint/srs/SRS-001.yaml", "# a note\nkind: srs\nid: SRS-001\ntitle: One\n");
        const std::string changed = repo.check(identity, &status);
        CHECK(status == "partial");
        CHECK(changed == repo.fresh());
    }
    SUBCASE("a link target removed: the linking document's findings change") {
        repo.write("maint/srs/SRS-001.yaml", "kind: srs\nid: SRS-007\ntitle: One\n");
        const std::string changed = repo.check(identity, &status);
        CHECK(status == "across, git");
        CHECK(changed == repo.fresh());
        CHECK(lines_about(changed, "SRS-002.yaml") != lines_about(cold, "SRS-002.yaml"));
        // And back: the link resolves again, nothing of the dangling link is left.
        repo.write("maint/srs/SRS-001.yaml", "kind: srs\nid: SRS-001\ntitle: One\n");
        CHECK(repo.check(identity, &status) == cold);
    }
    SUBCASE("a duplicate ID appears: the other document's findings change") {
        repo.write("maint/srs/SRS-003.yaml", "kind: srs\nid: SRS-001\ntitle: Three\n");
        const std::string changed = repo.check(identity, &status);
        CHECK(status == "across, git");
        CHECK(changed == repo.fresh());
        CHECK(lines_about(changed, "SRS-001.yaml") != lines_about(cold, "SRS-001.yaml"));
        fs::remove(repo.dir() / "maint/srs/SRS-003.yaml");
        CHECK(repo.check(identity, &status) == cold);
    }
    SUBCASE("a supersedes chain that turns into a cycle") {
        // No git rule reads `supersedes`: the other rules across documents run again.
        repo.write("maint/srs/SRS-001.yaml", "kind: srs\nid: SRS-001\ntitle: One\nsupersedes: SRS-002\n");
        const std::string changed = repo.check(identity, &status);
        CHECK(status == "across");
        CHECK(changed == repo.fresh());
    }
    SUBCASE("a document deleted, then put back under another name") {
        const fs::path file = repo.dir() / "maint/srs/SRS-001.yaml";
        fs::rename(file, repo.dir() / "maint/srs/SRS-001-one.yaml");
        const std::string renamed = repo.check(identity, &status);
        CHECK(status == "across, git");
        CHECK(renamed == repo.fresh());
        fs::remove(repo.dir() / "maint/srs/SRS-001-one.yaml");
        CHECK(repo.check(identity, &status) == repo.fresh());
        CHECK(lines_about(repo.fresh(), "SRS-002.yaml") != lines_about(cold, "SRS-002.yaml"));
    }
}

TEST_CASE("workspace scan: documents in the order of their paths, element by element") {
    // Names where comparing whole strings and comparing path elements disagree: '-' and
    // '.' sort below '/', so "a-b/x.yaml" would come before "a/x.yaml" as strings.
    TempRepo repo;
    for (const char* path :
         {"maint/a/x.yaml", "maint/a-b/x.yaml", "maint/a.b/x.yaml", "maint/a/y-z.yaml", "maint/a/y.yaml",
          "maint/a/y/z.yaml", "maint/ab.yaml", "maint/A.yaml", "maint/é.yaml", "maint/b.yml"}) {
        repo.write(path, "kind: srs\n");
    }
    // Not documents: another extension, a hidden file, an extension in capitals.
    for (const char* path : {"maint/c.yaml.bak", "maint/.hidden.yaml", "maint/D.YAML", "maint/.yaml", "maint/yaml"}) {
        repo.write(path, "kind: srs\n");
    }
    const Workspace workspace = Workspace::open(repo.dir());
    const std::vector<fs::path> files = workspace.scan().files;
    std::vector<fs::path> expected = files;
    std::sort(expected.begin(), expected.end()); // fs::path's own order
    CHECK(files == expected);
    CHECK(files.size() == 12); // with the repository's two SRSs
    for (const fs::path& file : files) {
        CHECK((file.extension() == ".yaml" || file.extension() == ".yml"));
        CHECK(file.filename().string()[0] != '.');
    }
}
