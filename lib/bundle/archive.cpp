#include "lib/bundle/archive.hpp"
#include "lib/i18n/i18n.hpp"

#include "lib/bundle/manifest.hpp"
#include "lib/bundle/names.hpp"
#include "lib/util/error.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <fmt/format.h>
#include <zlib.h>

#include <algorithm>
#include <clocale>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <memory>
#include <optional>
#include <sys/stat.h>
#include <utility>

namespace cswm::bundle {
namespace {

struct WriterDeleter {
    void operator()(archive* handle) const { archive_write_free(handle); }
};
struct ReaderDeleter {
    void operator()(archive* handle) const { archive_read_free(handle); }
};
struct EntryDeleter {
    void operator()(archive_entry* entry) const { archive_entry_free(entry); }
};

/// libarchive's pax writer crashes on non-ASCII names under the C locale (HAZARDS.md).
void ensure_utf8_locale() {
    static const bool done = [] {
        if (std::setlocale(LC_CTYPE, "C.UTF-8") == nullptr) {
            std::setlocale(LC_CTYPE, "en_US.UTF-8");
        }
        return true;
    }();
    (void)done;
}

void check(archive* handle, int status, std::string_view what) {
    if (status < ARCHIVE_OK) {
        const char* message = archive_error_string(handle);
        throw Error(tr("bundle.archive-write", fmt::arg("step", what),
                       fmt::arg("reason", message != nullptr ? message : "unknown")));
    }
}

/// Zip stores local times: pin the zone while writing, so every machine writes the same.
class UtcZone {
public:
    UtcZone() {
        if (const char* zone = std::getenv("TZ")) {
            m_saved = zone;
            m_had = true;
        }
        ::setenv("TZ", "UTC", 1);
        ::tzset();
    }
    ~UtcZone() {
        if (m_had) {
            ::setenv("TZ", m_saved.c_str(), 1);
        } else {
            ::unsetenv("TZ");
        }
        ::tzset();
    }
    UtcZone(const UtcZone&) = delete;
    UtcZone& operator=(const UtcZone&) = delete;

private:
    std::string m_saved;
    bool m_had = false;
};

} // namespace

std::string zlib_release() {
    return zlibVersion();
}

namespace {

/// Where libarchive's output goes, and what went wrong there.
struct SinkState {
    ArchiveWriter::Sink sink;
    std::exception_ptr failure; ///< what the sink threw, rethrown once libarchive returns
    bool discard = false;       ///< abandoned: whatever libarchive still flushes is dropped
};

// libarchive is C: an exception must not cross it. The sink's is kept and rethrown.
la_ssize_t sink_output(archive* /*handle*/, void* client, const void* buffer, size_t length) {
    auto* state = static_cast<SinkState*>(client);
    if (state->discard) {
        return static_cast<la_ssize_t>(length);
    }
    if (state->failure) {
        return -1;
    }
    try {
        state->sink(std::string_view(static_cast<const char*>(buffer), length));
    } catch (...) {
        state->failure = std::current_exception();
        return -1;
    }
    return static_cast<la_ssize_t>(length);
}

} // namespace

struct ArchiveWriter::State {
    // Declared before the handle: freeing a writer that was not closed (a member refused,
    // an exception on the way) still flushes into the sink, which must outlive it.
    SinkState output;
    /// Zip stores local times, read as each header is written: UTC for the writer's life
    /// (set and restored on the thread that makes and drops it, when no other runs).
    std::optional<UtcZone> utc;
    std::unique_ptr<archive, WriterDeleter> handle;
    ArchiveFormat format = ArchiveFormat::tar_gz;
    long long mtime = 0;
    bool open = false; ///< a file member begun and not ended
    std::string name;
    bool executable = false;
    std::uint64_t declared = 0;
    std::uint64_t written = 0;
    std::optional<Sha256> hash;

    /// Throws for a failed libarchive call: what the sink threw when that was the cause.
    void check_status(int status, std::string_view what) {
        if (status >= ARCHIVE_OK) {
            return;
        }
        if (output.failure) {
            std::rethrow_exception(std::exchange(output.failure, nullptr));
        }
        check(handle.get(), status, what);
    }

    /// The header of a new member as every member has it (owner 0, the bundle's
    /// time), once no file member is open and the name is safe.
    std::unique_ptr<archive_entry, EntryDeleter> new_entry(const std::string& member, unsigned type, int permissions) {
        if (open) {
            throw Error(tr("bundle.archive-write", fmt::arg("step", member), fmt::arg("reason", name + " not ended")));
        }
        if (const auto reason = unsafe_name_reason(member)) {
            throw Error(tr("bundle.refuse-name", fmt::arg("name", shown_name(member)), fmt::arg("reason", *reason)));
        }
        std::unique_ptr<archive_entry, EntryDeleter> entry(archive_entry_new());
        archive_entry_set_pathname_utf8(entry.get(), member.c_str());
        archive_entry_set_uid(entry.get(), 0);
        archive_entry_set_gid(entry.get(), 0);
        archive_entry_set_mtime(entry.get(), static_cast<time_t>(mtime), 0);
        archive_entry_set_filetype(entry.get(), type);
        archive_entry_set_perm(entry.get(), static_cast<mode_t>(permissions));
        return entry;
    }
};

ArchiveWriter::ArchiveWriter(ArchiveFormat format, long long mtime, Sink sink) : m_state(std::make_unique<State>()) {
    ensure_utf8_locale();
    State& state = *m_state;
    state.output.sink = std::move(sink);
    state.format = format;
    state.mtime = mtime;
    if (format == ArchiveFormat::zip) {
        state.utc.emplace();
    }
    state.handle.reset(archive_write_new());
    archive* writer = state.handle.get();
    if (format == ArchiveFormat::tar_gz) {
        check(writer, archive_write_set_format_pax_restricted(writer), "tar format");
        check(writer, archive_write_add_filter_gzip(writer), "gzip");
        check(writer, archive_write_set_options(writer, "gzip:!timestamp,gzip:compression-level=6"), "gzip options");
    } else {
        check(writer, archive_write_set_format_zip(writer), "zip format");
        check(writer, archive_write_set_options(writer, "zip:compression=deflate"), "zip options");
    }
    check(writer, archive_write_set_bytes_in_last_block(writer, 1), "block size");
    state.check_status(archive_write_open(writer, &state.output, nullptr, sink_output, nullptr), "open");
}

ArchiveWriter::~ArchiveWriter() {
    m_state->output.discard = true; // not closed: an error is on its way, the archive is dropped
    m_state->handle.reset();
}

void ArchiveWriter::begin_file(const std::string& name, std::uint64_t size, bool executable) {
    State& state = *m_state;
    const auto entry = state.new_entry(name, AE_IFREG, executable ? 0755 : 0644);
    archive_entry_set_size(entry.get(), static_cast<la_int64_t>(size));
    state.check_status(archive_write_header(state.handle.get(), entry.get()), name);
    state.open = true;
    state.name = name;
    state.executable = executable;
    state.declared = size;
    state.written = 0;
    state.hash.emplace();
}

void ArchiveWriter::write(std::string_view bytes) {
    State& state = *m_state;
    if (!state.open || bytes.size() > state.declared - state.written) {
        throw Error(tr("bundle.archive-write", fmt::arg("step", state.name),
                       fmt::arg("reason", fmt::format("more than the {} bytes declared", state.declared))));
    }
    state.hash->update(bytes);
    state.written += bytes.size();
    while (!bytes.empty()) {
        const la_ssize_t done = archive_write_data(state.handle.get(), bytes.data(), bytes.size());
        if (done <= 0) {
            state.check_status(ARCHIVE_FATAL, state.name);
        }
        bytes.remove_prefix(static_cast<std::size_t>(done));
    }
}

ManifestEntry ArchiveWriter::end_file() {
    State& state = *m_state;
    if (!state.open || state.written != state.declared) {
        throw Error(tr("bundle.archive-write", fmt::arg("step", state.name),
                       fmt::arg("reason", fmt::format("{} of the {} bytes declared", state.written, state.declared))));
    }
    state.open = false;
    ManifestEntry entry;
    entry.path = std::move(state.name);
    entry.size = state.written;
    entry.sha256 = state.hash->hex();
    state.hash.reset();
    return entry;
}

ManifestEntry ArchiveWriter::add_file(const std::string& name, std::string_view content, bool executable) {
    begin_file(name, content.size(), executable);
    write(content);
    return end_file();
}

ManifestEntry ArchiveWriter::add_symlink(const std::string& name, const std::string& target) {
    State& state = *m_state;
    const auto entry = state.new_entry(name, AE_IFLNK, 0777);
    archive_entry_set_symlink_utf8(entry.get(), target.c_str());
    archive_entry_set_size(entry.get(), 0);
    state.check_status(archive_write_header(state.handle.get(), entry.get()), name);
    return {name, 0, sha256_hex(target), true, target};
}

void ArchiveWriter::close() {
    State& state = *m_state;
    if (state.open) {
        throw Error(
            tr("bundle.archive-write", fmt::arg("step", "close"), fmt::arg("reason", state.name + " not ended")));
    }
    state.check_status(archive_write_close(state.handle.get()), "close");
}

std::string write_archive(std::vector<Member> members, ArchiveFormat format, long long mtime) {
    std::sort(members.begin(), members.end(), [](const Member& a, const Member& b) { return a.name < b.name; });
    std::string output;
    ArchiveWriter writer(format, mtime, [&output](std::string_view bytes) { output.append(bytes); });
    for (Member& member : members) {
        if (member.symlink) {
            writer.add_symlink(member.name, member.target);
        } else {
            writer.add_file(member.name, member.content, member.executable);
        }
        std::string().swap(member.content); // written: the archive's bytes replace it
    }
    writer.close();
    return output;
}

std::vector<ReadMember> read_archive(const std::string& file, const ReadLimits& limits,
                                     const std::function<bool(std::string_view)>& keep, std::string_view shown) {
    ensure_utf8_locale();
    const std::string name_shown = shown.empty() ? file : std::string(shown);
    struct stat info {};
    if (::stat(file.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) {
        throw Error(tr("bundle.no-such-file", fmt::arg("path", name_shown)));
    }
    const auto archive_size = static_cast<std::uint64_t>(std::max<off_t>(info.st_size, 1));
    const std::unique_ptr<archive, ReaderDeleter> handle(archive_read_new());
    archive* reader = handle.get();
    archive_read_support_filter_gzip(reader);
    archive_read_support_format_tar(reader);
    archive_read_support_format_zip(reader);
    if (archive_read_open_filename(reader, file.c_str(), 64 * 1024) != ARCHIVE_OK) {
        const char* message = archive_error_string(reader);
        throw Error(tr("bundle.not-an-archive", fmt::arg("path", name_shown),
                       fmt::arg("reason", message != nullptr ? message : "")),
                    ExitCode::findings);
    }
    std::vector<ReadMember> members;
    std::uint64_t total = 0;
    std::string buffer(64 * 1024, '\0');
    archive_entry* entry = nullptr;
    while (true) {
        const int status = archive_read_next_header(reader, &entry);
        if (status == ARCHIVE_EOF) {
            break;
        }
        if (status < ARCHIVE_WARN) {
            const char* message = archive_error_string(reader);
            throw Error(tr("bundle.broken-after", fmt::arg("path", name_shown), fmt::arg("count", members.size()),
                           fmt::arg("reason", message != nullptr ? message : "unknown error")),
                        ExitCode::findings);
        }
        if (members.size() >= limits.max_entries) {
            throw Error(
                tr("bundle.too-many-members", fmt::arg("path", name_shown), fmt::arg("max", limits.max_entries)),
                ExitCode::findings);
        }
        ReadMember member;
        const char* name = archive_entry_pathname(entry);
        member.name = name != nullptr ? name : "";
        switch (archive_entry_filetype(entry)) {
        case AE_IFREG:
            member.type = archive_entry_hardlink(entry) != nullptr ? ReadMember::Type::other : ReadMember::Type::file;
            break;
        case AE_IFLNK:
            member.type = ReadMember::Type::symlink;
            break;
        case AE_IFDIR:
            member.type = ReadMember::Type::directory;
            break;
        default:
            member.type = ReadMember::Type::other;
            break;
        }
        if (member.type == ReadMember::Type::symlink) {
            const char* target = archive_entry_symlink(entry);
            member.target = target != nullptr ? target : "";
            member.sha256 = sha256_hex(member.target);
            members.push_back(std::move(member));
            continue;
        }
        if (archive_entry_size_is_set(entry) != 0 && archive_entry_size(entry) >= 0 &&
            static_cast<std::uint64_t>(archive_entry_size(entry)) > limits.max_member_bytes) {
            throw Error(tr("bundle.member-declares-too-much", fmt::arg("path", name_shown),
                           fmt::arg("member", member.name), fmt::arg("size", archive_entry_size(entry)),
                           fmt::arg("max", limits.max_member_bytes)),
                        ExitCode::findings);
        }
        const bool kept = keep(member.name);
        Sha256 hash;
        while (true) {
            const la_ssize_t read = archive_read_data(reader, buffer.data(), buffer.size());
            if (read < 0) {
                const char* message = archive_error_string(reader);
                throw Error(tr("bundle.member-unreadable", fmt::arg("path", name_shown),
                               fmt::arg("member", member.name),
                               fmt::arg("reason", message != nullptr ? message : "unknown error")),
                            ExitCode::findings);
            }
            if (read == 0) {
                break;
            }
            const auto count = static_cast<std::uint64_t>(read);
            member.size += count;
            total += count;
            if (member.size > limits.max_member_bytes) {
                throw Error(tr("bundle.member-too-large", fmt::arg("path", name_shown), fmt::arg("member", member.name),
                               fmt::arg("max", limits.max_member_bytes)),
                            ExitCode::findings);
            }
            if (total > limits.max_total_bytes) {
                throw Error(
                    tr("bundle.total-too-large", fmt::arg("path", name_shown), fmt::arg("max", limits.max_total_bytes)),
                    ExitCode::findings);
            }
            if (total > limits.ratio_applies_after && total / archive_size > limits.max_ratio) {
                throw Error(tr("bundle.ratio", fmt::arg("path", name_shown), fmt::arg("total", total),
                               fmt::arg("size", info.st_size), fmt::arg("max", limits.max_ratio)),
                            ExitCode::findings);
            }
            const std::string_view piece(buffer.data(), static_cast<std::size_t>(read));
            hash.update(piece);
            if (kept && member.size <= limits.keep_bytes) {
                member.content.append(piece);
            }
        }
        member.content_kept = kept && member.size <= limits.keep_bytes;
        if (!member.content_kept) {
            member.content.clear();
        }
        member.sha256 = hash.hex();
        members.push_back(std::move(member));
    }
    return members;
}

} // namespace cswm::bundle
