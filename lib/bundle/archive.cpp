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
#include <memory>
#include <sys/stat.h>

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

la_ssize_t append_output(archive* /*handle*/, void* client, const void* buffer, size_t length) {
    static_cast<std::string*>(client)->append(static_cast<const char*>(buffer), length);
    return static_cast<la_ssize_t>(length);
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

std::string write_archive(std::vector<Member> members, ArchiveFormat format, long long mtime) {
    ensure_utf8_locale();
    const UtcZone utc;
    std::sort(members.begin(), members.end(), [](const Member& a, const Member& b) { return a.name < b.name; });
    // Declared before the writer: freeing a writer that was not closed (a member refused
    // below) still flushes into `output`, which must outlive it.
    std::string output;
    const std::unique_ptr<archive, WriterDeleter> handle(archive_write_new());
    archive* writer = handle.get();
    if (format == ArchiveFormat::tar_gz) {
        check(writer, archive_write_set_format_pax_restricted(writer), "tar format");
        check(writer, archive_write_add_filter_gzip(writer), "gzip");
        check(writer, archive_write_set_options(writer, "gzip:!timestamp,gzip:compression-level=6"), "gzip options");
    } else {
        check(writer, archive_write_set_format_zip(writer), "zip format");
        check(writer, archive_write_set_options(writer, "zip:compression=deflate"), "zip options");
    }
    check(writer, archive_write_set_bytes_in_last_block(writer, 1), "block size");
    check(writer, archive_write_open(writer, &output, nullptr, append_output, nullptr), "open");
    for (Member& member : members) {
        if (const auto reason = unsafe_name_reason(member.name)) {
            throw Error(
                tr("bundle.refuse-name", fmt::arg("name", shown_name(member.name)), fmt::arg("reason", *reason)));
        }
        const std::unique_ptr<archive_entry, EntryDeleter> entry(archive_entry_new());
        archive_entry_set_pathname_utf8(entry.get(), member.name.c_str());
        archive_entry_set_uid(entry.get(), 0);
        archive_entry_set_gid(entry.get(), 0);
        archive_entry_set_mtime(entry.get(), static_cast<time_t>(mtime), 0);
        if (member.symlink) {
            archive_entry_set_filetype(entry.get(), AE_IFLNK);
            archive_entry_set_perm(entry.get(), 0777);
            archive_entry_set_symlink_utf8(entry.get(), member.target.c_str());
            archive_entry_set_size(entry.get(), 0);
        } else {
            archive_entry_set_filetype(entry.get(), AE_IFREG);
            archive_entry_set_perm(entry.get(), member.executable ? 0755 : 0644);
            archive_entry_set_size(entry.get(), static_cast<la_int64_t>(member.content.size()));
        }
        check(writer, archive_write_header(writer, entry.get()), member.name);
        if (!member.symlink && !member.content.empty() &&
            archive_write_data(writer, member.content.data(), member.content.size()) < 0) {
            check(writer, ARCHIVE_FATAL, member.name);
        }
        std::string().swap(member.content); // written: the archive's bytes replace it
    }
    check(writer, archive_write_close(writer), "close");
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
