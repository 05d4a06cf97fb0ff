#pragma once

// The only code that includes libarchive: reproducible writing of tar.gz and zip, and
// reading that never touches the disk and stops at hostile input.

#include "lib/bundle/manifest.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace cswm::bundle {

/// One member to write.
struct Member {
    std::string name;    ///< safe, normalized (see names.hpp)
    std::string content; ///< file bytes; empty for a symlink
    bool symlink = false;
    std::string target; ///< for a symlink: stored as written, never resolved
    bool executable = false;
};

enum class ArchiveFormat { tar_gz, zip };

/// Writes an archive member after member into `sink`, as write_archive lays each one out,
/// hashing each member's bytes as they pass: nothing but one member's piece in memory.
/// Members are stored in the order they are added; the caller chooses it. Throws Error
/// for an unsafe name, a member whose bytes do not add up to its declared size, or what
/// the sink throws (the archive is then unusable; the sink's owner drops it). A zip
/// writer sets TZ=UTC for its life (zip stores local times): make and drop it while no
/// other thread runs.
class ArchiveWriter {
public:
    /// Where the archive's bytes go, a piece at a time.
    using Sink = std::function<void(std::string_view)>;
    ArchiveWriter(ArchiveFormat format, long long mtime, Sink sink);
    ~ArchiveWriter();
    ArchiveWriter(const ArchiveWriter&) = delete;
    ArchiveWriter& operator=(const ArchiveWriter&) = delete;

    /// Starts a regular file of exactly `size` bytes, given to write() in pieces.
    void begin_file(const std::string& name, std::uint64_t size, bool executable = false);
    void write(std::string_view bytes);
    /// Ends the file begun last: its manifest entry (name, size, SHA-256 of the bytes).
    ManifestEntry end_file();
    /// A whole regular file at once.
    ManifestEntry add_file(const std::string& name, std::string_view content, bool executable = false);
    /// A symbolic link (cswm's bundles hold none; kept for write_archive's callers).
    ManifestEntry add_symlink(const std::string& name, const std::string& target);
    /// Writes the end of the archive and flushes the compressor into the sink.
    void close();

private:
    struct State;
    std::unique_ptr<State> m_state;
};

/// The archive's bytes: members sorted bytewise by name, each with mode 0644 (0755 when
/// executable, 0777 for links), uid and gid 0, no owner names, mtime `mtime`; tar in
/// pax_restricted form (plain ustar headers, pax records only for what ustar cannot hold)
/// gzip-compressed at level 6 with no name and no time stamp; zip deflated, times in UTC.
std::string write_archive(std::vector<Member> members, ArchiveFormat format, long long mtime);

/// The zlib version compressed archives depend on.
std::string zlib_release();

/// Bounds for reading an archive someone else made.
struct ReadLimits {
    std::uint64_t max_member_bytes = 1ULL << 30U;     ///< one member
    std::uint64_t max_total_bytes = 4ULL << 30U;      ///< all members
    std::uint64_t max_ratio = 200;                    ///< total read / archive size ...
    std::uint64_t ratio_applies_after = 64ULL << 20U; ///< ... once this much was read
    /// Members: cswm writes about two per document (source and page), one per linked
    /// commit with --with-patches, and refuses to write more than this (build_bundle).
    std::uint64_t max_entries = 1000000;
    std::uint64_t keep_bytes = 64ULL << 20U; ///< largest member handed over whole (manifest.json)
};

/// One member as read.
struct ReadMember {
    std::string name; ///< raw bytes of the stored name
    enum class Type { file, symlink, directory, other } type = Type::file;
    std::string target;     ///< for a symlink
    std::uint64_t size = 0; ///< bytes read
    std::string sha256;     ///< of the bytes read (of the target for a symlink)
    std::string content;    ///< set when `keep` asked for it and the member fits keep_bytes
    bool content_kept = false;
};

/// Reads every member of a tar(.gz) or zip file, hashing data as it streams; `keep(name)`
/// says which members to hand over whole. Throws Error(exit 1) when a limit is hit or the
/// archive is broken, Error(exit 2) when the file cannot be opened; messages name the file
/// as `shown`.
std::vector<ReadMember> read_archive(const std::string& file, const ReadLimits& limits,
                                     const std::function<bool(std::string_view)>& keep, std::string_view shown = {});

} // namespace cswm::bundle
