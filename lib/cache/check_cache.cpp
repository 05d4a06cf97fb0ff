#include "lib/cache/check_cache.hpp"
#include "lib/cache/binary_io.hpp"

#include "lib/catalog/embedded.hpp"
#include "lib/util/error.hpp"
#include "lib/util/files.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>
#include <sys/stat.h>

#include <array>
#include <cstdlib>
#include <ctime>
#include <system_error>

namespace cswm {
namespace {

using namespace cache_io;

// Bumped whenever the layout below changes: an older file then reads as foreign.
constexpr std::string_view k_magic = "cswm-check-cache 8\n";

std::array<unsigned char, k_digest_size> sha256_raw(std::string_view bytes) {
    std::array<unsigned char, k_digest_size> digest{};
    unsigned int size = 0;
    EVP_Digest(bytes.data(), bytes.size(), digest.data(), &size, EVP_sha256(), nullptr);
    return digest;
}

std::string executable_identity() {
    std::error_code error;
    const fs::path self = fs::read_symlink("/proc/self/exe", error);
    if (error) {
        return "exe:unknown";
    }
    const std::optional<FileStamp> stamp = stamp_of(self);
    if (!stamp) {
        return "exe:unknown";
    }
    // Not ctime: copying or installing a binary keeps what it is, and mtime with size
    // and inode already tell two builds apart.
    return fmt::format("exe:{}:{}:{}:{}", self.string(), stamp->size, stamp->mtime_ns, stamp->inode);
}

} // namespace

std::string CacheIdentity::text() const {
    return fmt::format("tool={}\ncatalog={}\nlanguage={}\n", tool, catalog, message_language);
}

CacheIdentity build_cache_identity(std::string_view version) {
    CacheIdentity identity;
    identity.tool = fmt::format("cswm {} {}", version, executable_identity());
    Fingerprint catalog;
    for (const EmbeddedFile& file : embedded_templates()) {
        catalog.add(file.path);
        catalog.add(file.data);
    }
    identity.catalog = catalog.finish();
    return identity;
}

std::optional<FileStamp> stamp_of(const fs::path& path) {
    struct stat status {};
    if (::lstat(path.c_str(), &status) != 0) {
        return std::nullopt;
    }
    FileStamp stamp;
    stamp.size = static_cast<std::uint64_t>(status.st_size);
    stamp.mtime_ns = static_cast<std::int64_t>(status.st_mtim.tv_sec) * 1'000'000'000 + status.st_mtim.tv_nsec;
    stamp.ctime_ns = static_cast<std::int64_t>(status.st_ctim.tv_sec) * 1'000'000'000 + status.st_ctim.tv_nsec;
    stamp.inode = static_cast<std::uint64_t>(status.st_ino);
    stamp.device = static_cast<std::uint64_t>(status.st_dev);
    stamp.mode = static_cast<std::uint32_t>(status.st_mode);
    return stamp;
}

bool stamp_trusted(const FileStamp& remembered, const FileStamp& now, std::int64_t cache_started_ns) {
    return remembered == now && now.mtime_ns < cache_started_ns - k_racy_margin_ns &&
           now.ctime_ns < cache_started_ns - k_racy_margin_ns;
}

std::int64_t coarse_now_ns() {
    timespec now{};
    ::clock_gettime(CLOCK_REALTIME_COARSE, &now);
    return static_cast<std::int64_t>(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

std::string content_hash(std::string_view bytes) {
    const auto digest = sha256_raw(bytes);
    return hex(digest.data(), digest.size());
}

Fingerprint::Fingerprint() : m_context(EVP_MD_CTX_new()) {
    EVP_DigestInit_ex(static_cast<EVP_MD_CTX*>(m_context), EVP_sha256(), nullptr);
}

Fingerprint::~Fingerprint() {
    EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(m_context));
}

void Fingerprint::add(std::string_view field) {
    add(static_cast<std::int64_t>(field.size()));
    m_pending.append(field);
    flush_if_full();
}

void Fingerprint::add(std::int64_t number) {
    std::array<char, 8> bytes{};
    for (unsigned i = 0; i < 8; ++i) {
        bytes[i] = static_cast<char>((static_cast<std::uint64_t>(number) >> (8U * i)) & 0xffU);
    }
    m_pending.append(bytes.data(), bytes.size());
}

void Fingerprint::flush_if_full(std::size_t at_least) {
    if (m_pending.size() >= at_least) {
        EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(m_context), m_pending.data(), m_pending.size());
        m_pending.clear();
    }
}

std::string Fingerprint::finish() {
    flush_if_full(0);
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(m_context), digest.data(), &size);
    return hex(digest.data(), size);
}

std::string document_digest(const Document& document) {
    Fingerprint digest;
    digest.add("cswm document digest 1");
    digest.add(document.path);
    digest.add(document.file.filename().string());
    digest.add(std::int64_t{document.parsed() ? 1 : 0});
    if (document.parsed()) {
        digest.add(document.data().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
    digest.add(static_cast<std::int64_t>(document.yaml.places().size()));
    document.yaml.places().for_each_under("", [&](std::string_view pointer, const NodePlace& place) {
        digest.add(pointer);
        digest.add(std::int64_t{place.key.line});
        digest.add(std::int64_t{place.key.column});
        digest.add(std::int64_t{place.value.line});
        digest.add(std::int64_t{place.value.column});
        digest.add(static_cast<std::int64_t>(place.key_offset));
        digest.add(static_cast<std::int64_t>(place.value_offset));
    });
    digest.add(static_cast<std::int64_t>(document.yaml.problems.size()));
    for (const YamlProblem& problem : document.yaml.problems) {
        digest.add(problem.rule);
        digest.add(std::int64_t{problem.position.line});
        digest.add(std::int64_t{problem.position.column});
        digest.add(problem.message);
    }
    digest.add(static_cast<std::int64_t>(document.yaml.stand_ins.size()));
    for (const std::string& pointer : document.yaml.stand_ins) {
        digest.add(pointer);
    }
    digest.add(document.kind != nullptr ? document.kind->name : std::string("\n(none)"));
    digest.add(document.id);
    digest.add(document.title);
    digest.add(document.status);
    digest.add(static_cast<std::int64_t>(document.findings.size()));
    for (const Finding& finding : document.findings) {
        digest.add(static_cast<std::int64_t>(finding.severity));
        digest.add(finding.rule);
        digest.add(finding.path);
        digest.add(std::int64_t{finding.line});
        digest.add(std::int64_t{finding.column});
        digest.add(finding.id);
        digest.add(finding.message);
    }
    digest.add(std::int64_t{document.modeline ? 1 : 0});
    if (document.modeline) {
        digest.add(document.modeline->schema);
        digest.add(std::int64_t{document.modeline->line});
        digest.add(std::int64_t{document.modeline->column});
    }
    return digest.finish();
}

std::string serialize_cache(const CacheData& data) {
    Writer out;
    out.bytes().reserve(512 * data.files.size() + 4096);
    out.bytes().append(k_magic);
    out.str(data.identity);
    out.i64(data.started_ns);
    out.str(data.config_key);
    out.u64(data.files.size());
    for (const CachedFile& file : data.files) {
        out.str(file.path);
        out.u64(file.stamp.size);
        out.i64(file.stamp.mtime_ns);
        out.i64(file.stamp.ctime_ns);
        out.u64(file.stamp.inode);
        out.u64(file.stamp.device);
        out.u64(file.stamp.mode);
        out.hash(file.key);
        out.u64(file.document_findings ? 1 : 0);
        if (file.document_findings) {
            out.findings(*file.document_findings);
        }
        out.hash(file.digest);
        out.hash(file.view);
        out.hash(file.git_view);
        out.hash(file.tree_view);
    }
    out.u64(data.result ? 1 : 0);
    if (data.result) {
        const CachedResult& result = *data.result;
        out.hash(result.fingerprint);
        out.findings(result.findings);
        out.u64(result.waived.size());
        for (const WaivedFinding& waived : result.waived) {
            out.finding(waived.finding);
            out.str(waived.justification);
            out.str(waived.expires);
            out.str(waived.waiver_file);
            out.i64(waived.waiver_line);
        }
        out.u64(result.objects.size());
        for (const auto& [sha, state] : result.objects) {
            out.str(sha);
            out.i64(state);
        }
        out.hash(result.views_fingerprint);
        out.findings(result.across);
        out.i64(result.expires);
        out.u64(result.looked_for.size());
        for (const auto& [path, there] : result.looked_for) {
            out.str(path);
            out.i64(there);
        }
        out.hash(result.git_views_fingerprint);
        out.findings(result.git);
        out.hash(result.tree_views_fingerprint);
        out.findings(result.tree);
        out.u64(result.unknown_trailer_ids.size());
        for (const std::string& id : result.unknown_trailer_ids) {
            out.str(id);
        }
    }
    const auto digest = sha256_raw(out.bytes());
    out.bytes().append(reinterpret_cast<const char*>(digest.data()), digest.size());
    return std::move(out.bytes());
}

std::optional<CacheData> parse_cache(std::string_view bytes) {
    if (bytes.size() < k_magic.size() + k_digest_size || !bytes.starts_with(k_magic)) {
        return std::nullopt;
    }
    const std::string_view body = bytes.substr(0, bytes.size() - k_digest_size);
    const auto digest = sha256_raw(body);
    if (bytes.substr(body.size()) != std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size())) {
        return std::nullopt;
    }
    Reader in(body.substr(k_magic.size()));
    CacheData data;
    data.identity = in.str();
    data.started_ns = in.i64();
    data.config_key = in.str();
    const std::size_t files = in.count(8 * 11);
    data.files.reserve(files);
    for (std::size_t i = 0; i < files && !in.failed(); ++i) {
        CachedFile file;
        file.path = in.str();
        file.stamp.size = in.u64();
        file.stamp.mtime_ns = in.i64();
        file.stamp.ctime_ns = in.i64();
        file.stamp.inode = in.u64();
        file.stamp.device = in.u64();
        file.stamp.mode = static_cast<std::uint32_t>(in.u64());
        file.key = in.hash();
        const std::uint64_t has_findings = in.u64();
        if (has_findings > 1) {
            return std::nullopt;
        }
        if (has_findings == 1) {
            file.document_findings = in.findings();
        }
        file.digest = in.hash();
        file.view = in.hash();
        file.git_view = in.hash();
        file.tree_view = in.hash();
        data.files.push_back(std::move(file));
    }
    const std::uint64_t has_result = in.u64();
    if (has_result > 1) {
        return std::nullopt;
    }
    if (has_result == 1) {
        CachedResult result;
        result.fingerprint = in.hash();
        result.findings = in.findings();
        const std::size_t waived = in.count(8 * 13);
        for (std::size_t i = 0; i < waived && !in.failed(); ++i) {
            WaivedFinding each;
            each.finding = in.finding();
            each.justification = in.str();
            each.expires = in.str();
            each.waiver_file = in.str();
            each.waiver_line = in.small_int();
            result.waived.push_back(std::move(each));
        }
        const std::size_t objects = in.count(8 * 2);
        for (std::size_t i = 0; i < objects && !in.failed(); ++i) {
            std::string sha = in.str();
            const int state = in.small_int();
            result.objects.emplace_back(std::move(sha), state);
        }
        result.views_fingerprint = in.hash();
        result.across = in.findings();
        result.expires = in.i64();
        const std::size_t looked_for = in.count(8 * 2);
        for (std::size_t i = 0; i < looked_for && !in.failed(); ++i) {
            std::string path = in.str();
            const int there = in.small_int();
            result.looked_for.emplace_back(std::move(path), there);
        }
        result.git_views_fingerprint = in.hash();
        result.git = in.findings();
        result.tree_views_fingerprint = in.hash();
        result.tree = in.findings();
        const std::size_t unknown = in.count(8);
        for (std::size_t i = 0; i < unknown && !in.failed(); ++i) {
            result.unknown_trailer_ids.push_back(in.str());
        }
        data.result = std::move(result);
    }
    if (in.failed() || !in.at_end()) {
        return std::nullopt;
    }
    return data;
}

fs::path cache_file_in(const fs::path& git_dir) {
    return git_dir / "cswm" / "check-cache";
}

std::optional<CacheData> read_cache(const fs::path& file, const std::string& identity) {
    // The cache holds every finding of the tree: a generous bound, still a bound.
    constexpr std::uintmax_t k_max_cache_bytes = 1ULL << 30U;
    const ReadResult read = read_regular_file(file, k_max_cache_bytes);
    if (read.problem != ReadProblem::none) {
        return std::nullopt;
    }
    std::optional<CacheData> data = parse_cache(read.content);
    if (!data || data->identity != identity) {
        return std::nullopt;
    }
    return data;
}

bool write_cache(const fs::path& file, const CacheData& data) {
    return write_cache_file(file, serialize_cache(data), Durability::rename_only); // its SHA-256 is checked
}

bool cache_io::write_cache_file(const fs::path& file, std::string_view bytes, Durability durability) {
    try {
        std::error_code error;
        fs::create_directories(file.parent_path(), error);
        if (error) {
            return false;
        }
        write_file_atomically(file, bytes, durability);
        return true;
    } catch (const Error&) {
        return false;
    } catch (const std::exception&) {
        return false;
    }
}

bool cache_disabled_by_environment() {
    const char* value = std::getenv("CSWM_NO_CACHE");
    return value != nullptr && *value != '\0' && std::string_view(value) != "0";
}

} // namespace cswm
