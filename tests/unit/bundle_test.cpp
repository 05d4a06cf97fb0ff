// The bundle's pieces: member names, the manifest, reproducible archives, reading with
// limits, and the sections each behaviour of the standard is evidenced by.

#include "lib/bundle/archive.hpp"
#include "lib/bundle/bundle.hpp"
#include "lib/bundle/evidence.hpp"
#include "lib/bundle/index_page.hpp"
#include "lib/bundle/manifest.hpp"
#include "lib/bundle/names.hpp"
#include "lib/catalog/catalog.hpp"
#include "lib/chart/work_charts.hpp"
#include "lib/util/error.hpp"
#include "lib/util/files.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <unistd.h>

using namespace cswm;
using namespace cswm::bundle;

namespace {

/// A file in a fresh temporary folder, removed with it.
class TempFile {
public:
    explicit TempFile(const std::string& bytes) {
        std::string pattern = (std::filesystem::temp_directory_path() / "cswm-bundle-test.XXXXXX").string();
        m_dir = ::mkdtemp(pattern.data());
        m_path = m_dir / "bundle.tar.gz";
        std::ofstream(m_path, std::ios::binary) << bytes;
    }
    ~TempFile() { std::filesystem::remove_all(m_dir); }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    std::string path() const { return m_path.string(); }

private:
    std::filesystem::path m_dir;
    std::filesystem::path m_path;
};

Manifest sample_manifest() {
    Manifest manifest;
    manifest.tool = "cswm 0.1.0";
    manifest.repository = "filebox";
    manifest.revision = std::string(40, 'a');
    manifest.commit_time = "2026-11-30T10:20:00Z";
    manifest.language = "zh-TW";
    manifest.zlib = "1.2.13";
    manifest.entries = {{"index.html", 3, sha256_hex("abc"), false, ""},
                        {"sources/maint/link.yaml", 0, sha256_hex("../x"), true, "../x"},
                        {"sources/maint/測試.yaml", 0, sha256_hex(""), false, ""}};
    return manifest;
}

std::vector<Member> sample_members() {
    return {{"sources/maint/b.yaml", "id: B\n", false, "", false},
            {"index.html", "<!DOCTYPE html>\n", false, "", false},
            {"sources/maint/測試.yaml", "id: 測試\n", false, "", false},
            {"sources/maint/link.yaml", "", true, "/etc/passwd", false}};
}

auto keep_none = [](std::string_view) { return false; };

} // namespace

TEST_CASE("member_name: printable UTF-8 kept, anything else written as %XX") {
    CHECK(member_name("maint/srs/SRS-004-檔案預覽.yaml") == "maint/srs/SRS-004-檔案預覽.yaml");
    CHECK(member_name("maint/bad\nname.yaml") == "maint/bad%0Aname.yaml");
    CHECK(member_name("maint/\xff\xfe.yaml") == "maint/%FF%FE.yaml");
    CHECK(member_name("maint/cut\xE6\xB8.yaml") == "maint/cut%E6%B8.yaml");
    CHECK(member_name("maint/100%.yaml") == "maint/100%25.yaml");
    CHECK(member_name("maint/a\\b:c.yaml") == "maint/a%5Cb%3Ac.yaml");
    CHECK(member_name("maint/../x") == "maint/%2E%2E/x");
    CHECK(member_name("maint/./x") == "maint/%2E/x");
    CHECK(member_name("maint/\xC2\x85next") == "maint/%C2%85next"); // C1 control NEL
}

TEST_CASE("member_name: always a safe name, and distinct paths stay distinct") {
    const std::vector<std::string> paths{"a/b",   "a/b\n", "a/b%0A", "a/b%250A", "..", "%2E%2E",
                                         "a\xff", "a%FF",  "/abs",   "a//b",     "a/"};
    std::set<std::string> names;
    for (const std::string& path : paths) {
        const std::string name = member_name(path);
        CHECK_MESSAGE(!unsafe_name_reason(name).has_value(), shown_name(name));
        names.insert(name);
    }
    CHECK(names.size() == paths.size());
}

TEST_CASE("unsafe_name_reason: what verify refuses") {
    CHECK_FALSE(unsafe_name_reason("sources/maint/SRS-004.yaml").has_value());
    CHECK_FALSE(unsafe_name_reason("sources/maint/檔案.yaml").has_value());
    CHECK(unsafe_name_reason("") == "the name is empty");
    CHECK(unsafe_name_reason("/etc/passwd") == "the name is absolute");
    CHECK(unsafe_name_reason("C:/x") == "the name starts with a drive letter");
    CHECK(unsafe_name_reason("../evil") == "the name has a '..' component");
    CHECK(unsafe_name_reason("sources/../../evil") == "the name has a '..' component");
    CHECK(unsafe_name_reason("./x") == "the name has a '.' component");
    CHECK(unsafe_name_reason("a//b") == "the name has an empty component (//, or a trailing /)");
    CHECK(unsafe_name_reason("a\\..\\b") == "the name holds a backslash");
    CHECK(unsafe_name_reason("a\nb") == "the name holds control characters");
    CHECK(unsafe_name_reason("a\xff") == "the name is not valid UTF-8");
    CHECK(unsafe_name_reason(std::string(5000, 'a')) == "the name is longer than 4096 bytes");
}

TEST_CASE("unsafe_folder_reason: tar's folder entries are fine, unless they escape") {
    CHECK_FALSE(unsafe_folder_reason("sources/"));
    CHECK_FALSE(unsafe_folder_reason("sources/maint/srs/"));
    CHECK_FALSE(unsafe_folder_reason("pages"));
    CHECK(unsafe_folder_reason("../up/"));
    CHECK(unsafe_folder_reason("sources/../../"));
    CHECK(unsafe_folder_reason("/etc/"));
    CHECK(unsafe_folder_reason("/"));
    CHECK(unsafe_folder_reason("sources//"));
    CHECK(unsafe_folder_reason(""));
}

TEST_CASE("verify_bundle: a symbolic link member is unsafe, even when the manifest lists it") {
    std::vector<Member> members{{"sources/link", "", true, "../..", false}};
    Manifest manifest = sample_manifest();
    manifest.entries = {{"sources/link", 0, sha256_hex("../.."), true, "../.."}};
    members.push_back({k_manifest_name, manifest_json(manifest), false, "", false});
    const TempFile file(write_archive(members, ArchiveFormat::tar_gz, 0));
    const VerifyResult result = verify_bundle(file.path(), nullptr);
    REQUIRE(result.problems.size() == 1);
    CHECK(result.problems[0].type == VerifyProblem::Type::unsafe);
    CHECK(result.problems[0].name == "sources/link");
}

TEST_CASE("shown_name: readable when printable, escaped when not") {
    CHECK(shown_name("sources/檔案.yaml") == "sources/檔案.yaml");
    CHECK(shown_name("a\nb") == "a\\x0ab");
    CHECK(shown_name("a\xff") == "a\\xff");
}

TEST_CASE("sha256: the known digest, and the same in pieces") {
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    Sha256 pieces;
    pieces.update("a");
    pieces.update("");
    pieces.update("bc");
    CHECK(pieces.hex() == sha256_hex("abc"));
}

TEST_CASE("manifest: written with a fixed key order, and read back the same") {
    const Manifest manifest = sample_manifest();
    const std::string text = manifest_json(manifest);
    CHECK(text.starts_with("{\n  \"format\": \"cswm-bundle/1\",\n  \"tool\": \"cswm 0.1.0\",\n"));
    CHECK(text.ends_with("}\n"));
    CHECK(text.find("\"target\": \"../x\"") != std::string::npos);
    std::string problem;
    const auto read = parse_manifest(text, problem);
    REQUIRE(read.has_value());
    CHECK(manifest_json(*read) == text);
    CHECK(read->entries.size() == 3);
    CHECK(read->entries[1].symlink);
}

TEST_CASE("manifest: what parse_manifest refuses") {
    std::string problem;
    CHECK_FALSE(parse_manifest("not json", problem));
    CHECK(problem == "manifest.json is not a JSON object");
    CHECK_FALSE(parse_manifest(R"({"format": "other/1", "files": []})", problem));
    CHECK(problem == "manifest.json is not of format cswm-bundle/1");

    Manifest manifest = sample_manifest();
    std::swap(manifest.entries[0], manifest.entries[2]);
    CHECK_FALSE(parse_manifest(manifest_json(manifest), problem));
    CHECK(problem.find("out of order or twice") != std::string::npos);

    manifest = sample_manifest();
    manifest.entries[1] = manifest.entries[0];
    CHECK_FALSE(parse_manifest(manifest_json(manifest), problem));

    manifest = sample_manifest();
    manifest.entries[0].path = "../index.html";
    CHECK_FALSE(parse_manifest(manifest_json(manifest), problem));
    CHECK(problem == "manifest.json lists an unsafe name ../index.html: the name has a '..' component");

    manifest = sample_manifest();
    manifest.entries[0].sha256 = "ABC";
    CHECK_FALSE(parse_manifest(manifest_json(manifest), problem));
    CHECK(problem == "manifest.json gives index.html a SHA-256 that is not 64 hex digits");
}

TEST_CASE("write_archive: the same bytes whatever the order members come in") {
    std::vector<Member> reversed = sample_members();
    std::reverse(reversed.begin(), reversed.end());
    for (const ArchiveFormat format : {ArchiveFormat::tar_gz, ArchiveFormat::zip}) {
        const std::string first = write_archive(sample_members(), format, 1796040000);
        CHECK(first == write_archive(reversed, format, 1796040000));
        CHECK(first != write_archive(sample_members(), format, 1796040001));
    }
    const std::string gzip = write_archive(sample_members(), ArchiveFormat::tar_gz, 1796040000);
    REQUIRE(gzip.size() > 10);
    CHECK(static_cast<unsigned char>(gzip[0]) == 0x1f);
    CHECK(static_cast<unsigned char>(gzip[1]) == 0x8b);
    CHECK(gzip[3] == 0);                              // no name, no comment, no extra field
    CHECK(gzip.substr(4, 4) == std::string(4, '\0')); // no time stamp
}

/// Text of `size` bytes that compresses like a page (words from a small vocabulary, in an
/// order no run repeats), the same on every machine.
std::string page_like_text(std::size_t size) {
    static const char* const words[] = {"<td>", "FIX-012", "passed", "</td>", "requirement", "\n", "閱讀", "the"};
    std::string text;
    std::uint32_t state = 12345;
    while (text.size() < size) {
        state = state * 1103515245U + 12345U;
        text += words[(state >> 16U) % 8U];
    }
    text.resize(size);
    return text;
}

TEST_CASE("write_archive: the bytes of a small set are those cswm wrote before it streamed") {
    // Pinned from the archive writer that held every member in memory (before 2026-11-27's
    // streaming writer): streaming, in pieces or whole, must not change a byte.
    std::vector<Member> members = sample_members();
    members.push_back({"pages/big.html", page_like_text(300000), false, "", false});
    members.push_back({"run.sh", "#!/bin/sh\n", false, "", true});
    CHECK(sha256_hex(write_archive(members, ArchiveFormat::tar_gz, 1796040000)) ==
          "2e30f11ecd81d90ee62a06dc233fb239c82cccece5e8b19b4e80daf13947f5a0");
    CHECK(sha256_hex(write_archive(members, ArchiveFormat::zip, 1796040000)) ==
          "d2d8123ce76186ed1c79b95d0a9d1a9b45efc629af3f8e7826b8629a87144ac3");
}

TEST_CASE("write_archive: refuses an unsafe member name") {
    std::vector<Member> members = sample_members();
    members.push_back({"../evil", "x", false, "", false});
    CHECK_THROWS_AS(write_archive(members, ArchiveFormat::tar_gz, 0), Error);
}

TEST_CASE("ArchiveWriter: a member given in pieces is the same bytes as given whole") {
    const std::string big = page_like_text(300000);
    for (const ArchiveFormat format : {ArchiveFormat::tar_gz, ArchiveFormat::zip}) {
        const std::string whole = write_archive(
            {{"a.html", big, false, "", false}, {"b.yaml", "id: B\n", false, "", false}}, format, 1796040000);
        std::string pieces;
        ArchiveWriter writer(format, 1796040000, [&pieces](std::string_view bytes) { pieces.append(bytes); });
        writer.begin_file("a.html", big.size());
        for (std::size_t at = 0; at < big.size(); at += 997) {
            writer.write(std::string_view(big).substr(at, 997));
        }
        const ManifestEntry entry = writer.end_file();
        writer.add_file("b.yaml", "id: B\n");
        writer.close();
        CHECK(pieces == whole);
        CHECK(entry.path == "a.html");
        CHECK(entry.size == big.size());
        CHECK(entry.sha256 == sha256_hex(big));
    }
}

TEST_CASE("ArchiveWriter: members in the order added, manifest last, hashes of the bytes written") {
    // The order write_bundle streams: every member by name, then manifest.json.
    for (const ArchiveFormat format : {ArchiveFormat::tar_gz, ArchiveFormat::zip}) {
        std::string bytes;
        ArchiveWriter writer(format, 1796040000, [&bytes](std::string_view piece) { bytes.append(piece); });
        Manifest manifest = sample_manifest();
        manifest.entries.clear();
        manifest.entries.push_back(writer.add_file("commits.json", "{}\n"));
        manifest.entries.push_back(writer.add_file("index.html", "<!DOCTYPE html>\n"));
        manifest.entries.push_back(writer.add_file("pages/FIX-001.html", page_like_text(5000)));
        manifest.entries.push_back(writer.add_file("sources/maint/run.sh", "#!/bin/sh\n", true));
        writer.add_file(k_manifest_name, manifest_json(manifest));
        writer.close();

        const TempFile file(bytes);
        const auto members = read_archive(file.path(), {}, keep_none);
        REQUIRE(members.size() == 5);
        for (std::size_t i = 0; i < manifest.entries.size(); ++i) {
            CHECK(members[i].name == manifest.entries[i].path);
            CHECK(members[i].size == manifest.entries[i].size);
            CHECK(members[i].sha256 == manifest.entries[i].sha256);
        }
        CHECK(members[4].name == k_manifest_name);
        CHECK(manifest.entries[2].sha256 == sha256_hex(page_like_text(5000)));
        const VerifyResult verified = verify_bundle(file.path(), nullptr);
        CHECK(verified.problems.empty());
        CHECK(verified.verified == 4);
    }
}

TEST_CASE("ArchiveWriter: a member must add up to the size it declared") {
    std::string bytes;
    ArchiveWriter writer(ArchiveFormat::tar_gz, 0, [&bytes](std::string_view piece) { bytes.append(piece); });
    writer.begin_file("a.txt", 4);
    CHECK_THROWS_AS(writer.write("12345"), Error);
    writer.write("12");
    CHECK_THROWS_AS(writer.end_file(), Error);
    CHECK_THROWS_AS(writer.begin_file("b.txt", 1), Error); // a.txt is not ended
    CHECK_THROWS_AS(writer.add_file("../evil", "x"), Error);
}

TEST_CASE("ArchiveWriter: what the sink throws comes out, not libarchive's words for it") {
    std::size_t taken = 0;
    auto failing = [&taken](std::string_view piece) {
        taken += piece.size();
        if (taken > 20000) {
            throw Error("disk full");
        }
    };
    auto write_all = [&] {
        ArchiveWriter writer(ArchiveFormat::tar_gz, 0, failing);
        for (int i = 0; i < 20; ++i) {
            writer.add_file("page" + std::to_string(100 + i) + ".html", page_like_text(50000));
        }
        writer.close();
    };
    CHECK_THROWS_WITH_AS(write_all(), "disk full", Error);
}

TEST_CASE("streaming into a file: an error on the way leaves the destination as it was and no temporary") {
    const TempFile folder("old bundle\n"); // bundle.tar.gz, there before
    const std::filesystem::path destination = folder.path();
    const std::filesystem::path fresh = destination.parent_path() / "new.tar.gz";
    for (const std::filesystem::path& target : {destination, fresh}) {
        try {
            AtomicFileWriter out(target);
            ArchiveWriter writer(ArchiveFormat::tar_gz, 0, [&out](std::string_view bytes) { out.write(bytes); });
            writer.add_file("commits.json", page_like_text(200000));
            writer.add_file("index.html", "<!DOCTYPE html>\n");
            writer.add_file("pages/../../escape.html", "x"); // refused: nothing is renamed
            writer.close();
            out.commit();
            FAIL("an unsafe name was written");
        } catch (const Error& error) {
            CHECK(std::string(error.what()).find("refusing to store") != std::string::npos);
        }
    }
    std::ifstream in(destination, std::ios::binary);
    CHECK(std::string(std::istreambuf_iterator<char>(in), {}) == "old bundle\n");
    CHECK_FALSE(std::filesystem::exists(fresh));
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(destination.parent_path())) {
        ++files;
    }
    CHECK(files == 1); // the old bundle only: the temporaries are gone

    // And when it goes through: the whole archive, in place of the old one.
    {
        AtomicFileWriter out(destination);
        ArchiveWriter writer(ArchiveFormat::tar_gz, 0, [&out](std::string_view bytes) { out.write(bytes); });
        writer.add_file("index.html", "<!DOCTYPE html>\n");
        writer.close();
        out.commit();
        CHECK(out.size() == std::filesystem::file_size(destination));
    }
    const auto members = read_archive(destination.string(), {}, keep_none);
    REQUIRE(members.size() == 1);
    CHECK(members[0].name == "index.html");
}

TEST_CASE("read_archive: every member hashed, links as links, names as stored") {
    for (const ArchiveFormat format : {ArchiveFormat::tar_gz, ArchiveFormat::zip}) {
        const TempFile file(write_archive(sample_members(), format, 1796040000));
        const auto members = read_archive(file.path(), {}, [](std::string_view name) { return name == "index.html"; });
        REQUIRE(members.size() == 4);
        CHECK(members[0].name == "index.html");
        CHECK(members[0].content_kept);
        CHECK(members[0].content == "<!DOCTYPE html>\n");
        CHECK(members[1].name == "sources/maint/b.yaml");
        CHECK(members[1].sha256 == sha256_hex("id: B\n"));
        CHECK_FALSE(members[1].content_kept);
        CHECK(members[2].name == "sources/maint/link.yaml");
        CHECK(members[2].type == ReadMember::Type::symlink);
        CHECK(members[2].target == "/etc/passwd");
        CHECK(members[3].name == "sources/maint/測試.yaml");
        CHECK(members[3].size == std::string("id: 測試\n").size());
    }
}

TEST_CASE("read_archive: limits on one member, on all, and on the compression ratio") {
    const std::string zeros(3 << 20, '\0');
    const TempFile file(
        write_archive({{"a", zeros, false, "", false}, {"b", zeros, false, "", false}}, ArchiveFormat::tar_gz, 0));
    auto message_of = [&](const ReadLimits& limits) {
        try {
            read_archive(file.path(), limits, keep_none);
        } catch (const Error& error) {
            CHECK(error.code() == ExitCode::findings);
            return std::string(error.what());
        }
        return std::string("no error");
    };
    CHECK(message_of({}) == "no error");
    ReadLimits member_cap;
    member_cap.max_member_bytes = 1 << 20;
    CHECK(message_of(member_cap).find("member a declares 3145728 bytes, more than the limit of 1048576") !=
          std::string::npos);
    ReadLimits total_cap;
    total_cap.max_total_bytes = 5 << 20;
    CHECK(message_of(total_cap).find("more than 5242880 bytes in all") != std::string::npos);
    ReadLimits ratio_cap;
    ratio_cap.ratio_applies_after = 1 << 20;
    ratio_cap.max_ratio = 10;
    CHECK(message_of(ratio_cap).find("refused as a decompression bomb") != std::string::npos);
    ReadLimits entry_cap;
    entry_cap.max_entries = 1;
    CHECK(message_of(entry_cap).find("more than 1 members") != std::string::npos);
}

TEST_CASE("read_archive: a file that is no archive") {
    const TempFile file("just text, no archive at all\n");
    CHECK_THROWS_AS(read_archive(file.path(), {}, keep_none), Error);
    CHECK_THROWS_AS(read_archive("/nonexistent/bundle.tar.gz", {}, keep_none), Error);
}

TEST_CASE("verify_bundle: missing, extra and modified members against the manifest") {
    std::vector<Member> members{{"index.html", "page", false, "", false}, {"a.txt", "A", false, "", false}};
    Manifest manifest = sample_manifest();
    manifest.entries = {{"a.txt", 1, sha256_hex("A"), false, ""},
                        {"gone.txt", 1, sha256_hex("G"), false, ""},
                        {"index.html", 4, sha256_hex("PAGE"), false, ""}};
    members.push_back({"extra.txt", "X", false, "", false});
    members.push_back({k_manifest_name, manifest_json(manifest), false, "", false});
    const TempFile file(write_archive(members, ArchiveFormat::tar_gz, 0));
    const VerifyResult result = verify_bundle(file.path(), nullptr);
    CHECK(result.verified == 1);
    REQUIRE(result.problems.size() == 3);
    CHECK(result.problems[0].type == VerifyProblem::Type::missing);
    CHECK(result.problems[0].name == "gone.txt");
    CHECK(result.problems[1].type == VerifyProblem::Type::modified);
    CHECK(result.problems[1].name == "index.html");
    CHECK(result.problems[2].type == VerifyProblem::Type::extra);
    CHECK(result.problems[2].name == "extra.txt");
}

TEST_CASE("sections_by_behaviour: the top-level keys under each P-code comment") {
    const std::string scaffold = "kind: fix-confirmation\n"
                                 "id: X\n"
                                 "\n"
                                 "# P2.4.1 Identify the anomaly\n"
                                 "source:\n"
                                 "  report: null\n"
                                 "severity: major\n"
                                 "\n"
                                 "# P2.4.2 Fix it\n"
                                 "# category: one of many\n"
                                 "correction:\n"
                                 "  description: \"<the fix>\"\n"
                                 "commits: []\n"
                                 "\n"
                                 "# P2.4.1 Root cause\n"
                                 "root_cause: null\n"
                                 "\n"
                                 "review: {}\n";
    const auto sections = sections_by_behaviour(scaffold);
    REQUIRE(sections.size() == 2);
    CHECK(sections.at("P2.4.1") == std::vector<std::string>{"source", "severity", "root_cause"});
    CHECK(sections.at("P2.4.2") == std::vector<std::string>{"correction", "commits"});
}

TEST_CASE("is_filled: null, empty and placeholders say nothing") {
    using nlohmann::json;
    CHECK_FALSE(is_filled(json()));
    CHECK_FALSE(is_filled(json("")));
    CHECK_FALSE(is_filled(json("  ")));
    CHECK_FALSE(is_filled(json("<what the user saw>")));
    CHECK_FALSE(is_filled(json::array()));
    CHECK_FALSE(is_filled(json{{"description", "<the fix>"}, {"by", nullptr}}));
    CHECK(is_filled(json("fixed the retry")));
    CHECK(is_filled(json(false)));
    CHECK(is_filled(json(0)));
    CHECK(is_filled(json{{"description", "<the fix>"}, {"by", "Ann"}}));
    CHECK(is_filled(json::array({nullptr, "TC-101"})));
}

namespace {

/// A document parsed from YAML text, as the bundle loads one from a blob.
Document document_from(const std::string& path, const std::string& text) {
    Document document;
    document.path = path;
    document.yaml = parse_yaml_document(text, YamlLimits{});
    REQUIRE(document.parsed());
    document.id = document.data().value("id", "");
    document.status = document.data().value("status", "");
    document.kind = Catalog::builtin().find(document.data().value("kind", ""));
    return document;
}

std::vector<Document> chart_documents() {
    std::vector<Document> documents;
    documents.push_back(document_from("maint/test-report/TR-2.yaml", "kind: test-report\nid: TR-2\nstatus: approved\n"
                                                                     "period: {start: 2026-10-20, end: 2026-10-21}\n"
                                                                     "results:\n- {case: TC-1, outcome: passed}\n"
                                                                     "- {case: TC-2, outcome: passed}\n"));
    documents.push_back(document_from("maint/test-report/TR-1.yaml", "kind: test-report\nid: TR-1\nstatus: approved\n"
                                                                     "period: {start: 2026-10-01, end: 2026-10-03}\n"
                                                                     "results:\n- {case: TC-1, outcome: passed}\n"
                                                                     "- {case: TC-2, outcome: failed, fix: FIX-1}\n"
                                                                     "- {case: TC-3, outcome: blocked}\n"));
    documents.push_back(document_from("maint/fix-confirmation/FIX-1.yaml",
                                      "kind: fix-confirmation\nid: FIX-1\nstatus: closed\n"
                                      "source: {report: TR-1, case: TC-2}\nverified_by: TR-2\n"));
    documents.push_back(document_from("maint/anomaly-request/AREQ-1.yaml",
                                      "kind: anomaly-request\nid: AREQ-1\nstatus: assessed\nseverity: major\n"
                                      "received_at: 2026-10-01T09:00:00+08:00\n"));
    documents.push_back(document_from("maint/anomaly-request/AREQ-2.yaml",
                                      "kind: anomaly-request\nid: AREQ-2\nstatus: submitted\ncreated: 2026-10-28\n"));
    documents.push_back(document_from("maint/anomaly-request/AREQ-3.yaml",
                                      "kind: anomaly-request\nid: AREQ-3\nstatus: closed\nseverity: minor\n"
                                      "received_at: 2026-10-02T09:00:00+08:00\n"));
    return documents;
}

} // namespace

TEST_CASE("charts: outcomes per report in the order they ran, counted from the results") {
    const chart::BarChart chart = chart::outcomes_chart(chart_documents(), bundle_labels("en"));
    REQUIRE(chart.bars.size() == 2);
    CHECK(chart.bars[0].label == "TR-1 2026-10-03");
    CHECK(chart.bars[0].values == std::vector<double>{1, 1, 1, 0});
    CHECK(chart.bars[1].label == "TR-2 2026-10-21");
    CHECK(chart.bars[1].values == std::vector<double>{2, 0, 0, 0});
    CHECK(chart.series.front() == "passed");
    CHECK(chart::outcomes_chart(chart_documents(), bundle_labels("zh-TW")).series.front() == "通過");
}

TEST_CASE("charts: open anomaly requests by age at the revision's date, by severity") {
    const chart::BarChart chart = chart::anomaly_age_chart(chart_documents(), "2026-11-02", bundle_labels("en"));
    REQUIRE(chart.bars.size() == 4);
    // AREQ-1: 32 days, major; AREQ-2: 5 days, not assessed; AREQ-3 is closed.
    CHECK(chart.bars[0].values == std::vector<double>{0, 0, 0, 0, 1});
    CHECK(chart.bars[1].values == std::vector<double>{0, 0, 0, 0, 0});
    CHECK(chart.bars[2].values == std::vector<double>{0, 1, 0, 0, 0});
    CHECK(chart::anomaly_age_chart({}, "2026-11-02", bundle_labels("en")).bars.empty());
}

TEST_CASE("charts: days from the failing report to the verifying one") {
    const chart::BarChart chart = chart::fix_time_chart(chart_documents(), bundle_labels("en"));
    REQUIRE(chart.bars.size() == 1);
    CHECK(chart.bars[0].label == "FIX-1");
    CHECK(chart.bars[0].values == std::vector<double>{18});
    CHECK(chart::render_bar_chart(chart::fix_time_chart({}, bundle_labels("en"))) ==
          "<p class=\"chart-empty\">No fix has been verified after a failed test yet.</p>\n");
}

TEST_CASE("competency_matrix: every task in order, evidence past draft, what is missing") {
    const auto matrix = competency_matrix(chart_documents(), Catalog::builtin(), {});
    std::vector<std::string> tasks;
    for (const TaskRow& task : matrix) {
        tasks.push_back(task.code);
    }
    CHECK(tasks == std::vector<std::string>{"T1.1", "T1.2", "T2.1", "T2.2", "T2.3", "T2.4", "T2.5", "T2.6"});
    const BehaviourRow& feasibility = matrix[0].behaviours[0];
    CHECK(feasibility.code == "P1.1.1");
    CHECK(feasibility.evidence.empty());
    REQUIRE(feasibility.gaps.size() == 1);
    CHECK(feasibility.gaps[0].type == Gap::Type::no_document);
    const BehaviourRow& code_review = matrix[3].behaviours[1];
    CHECK(code_review.code == "P2.2.2");
    REQUIRE(code_review.gaps.size() == 1);
    CHECK(code_review.gaps[0].type == Gap::Type::no_commits);
    const BehaviourRow& tests = matrix[4].behaviours[1];
    CHECK(tests.code == "P2.3.2");
    REQUIRE(tests.evidence.size() == 2);
    CHECK(tests.evidence[0].id == "TR-2");
}
