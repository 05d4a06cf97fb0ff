#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace cswm {

namespace fs = std::filesystem;

/// Why a file could not be read as a document.
enum class ReadProblem {
    none,
    not_regular, ///< a directory, FIFO, socket or device
    symlink,     ///< symbolic links are never followed
    too_large,   ///< bigger than the configured limit
    unreadable,  ///< open or read failed; see `detail`
};

struct ReadResult {
    ReadProblem problem = ReadProblem::none;
    std::string detail; ///< strerror text, or the kind of special file
    std::uintmax_t size = 0;
    std::string content; ///< the bytes, when problem == none
};

/// Reads a regular file without following symlinks or blocking on FIFOs, refusing
/// anything larger than max_bytes before reading it.
ReadResult read_regular_file(const fs::path& path, std::uintmax_t max_bytes);

/// Reads a whole file or throws Error naming it.
std::string read_file_or_throw(const fs::path& path);

/// Whether a file written atomically is also on disk when the call returns.
enum class Durability {
    flushed,     ///< fsync of the file before the rename and of the folder after: documents
    rename_only, ///< neither: what can be made again and is checked whole when read (caches)
};

/// Replaces `path` with `content` atomically: temporary file in the same folder, fsync,
/// rename, fsync of the folder (without the two fsyncs for Durability::rename_only: a
/// reader still never sees half a file, but after a crash may find an old or empty one).
/// Keeps the mode of an existing file. Throws Error.
void write_file_atomically(const fs::path& path, std::string_view content, Durability durability = Durability::flushed);

/// A file written in pieces and put in place atomically: the pieces go to a temporary
/// file beside `path` (the name write_file_atomically uses, so remove_stale_temporaries
/// knows it), commit() flushes it and renames it over `path`. Destroyed without commit()
/// (an exception on the way), it removes the temporary: `path` is then untouched.
class AtomicFileWriter {
public:
    /// Creates the temporary, with the mode of an existing `path` (0644 when none). Throws Error.
    explicit AtomicFileWriter(const fs::path& path);
    ~AtomicFileWriter();
    AtomicFileWriter(const AtomicFileWriter&) = delete;
    AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;
    /// Appends bytes to the temporary. Throws Error.
    void write(std::string_view bytes);
    /// fsync, rename over `path`, fsync of the folder. Throws Error (the temporary removed).
    void commit();
    /// Bytes written so far.
    std::uint64_t size() const { return m_size; }

private:
    fs::path m_path;
    fs::path m_temporary;
    int m_fd = -1;
    std::uint64_t m_size = 0;
};

/// Creates `path` with `content`, atomically and only if nothing exists there yet
/// (hard link of a complete temporary file). Returns false when `path` already exists.
bool create_file_exclusively(const fs::path& path, std::string_view content);

/// How old a temporary file of ours must be before remove_stale_temporaries removes it.
inline constexpr std::chrono::minutes k_stale_temporary_age{10};

/// Whether `name` is a temporary name of write_file_atomically and create_file_exclusively
/// (`.NAME.<16 hex digits>.tmp`).
bool is_temporary_name(std::string_view name);

/// Removes the temporary files that writes killed halfway left in `folder`: only regular
/// files (not links) of our naming pattern, owned by this user and not modified for
/// `min_age`. Call it only while holding the lock every writer of `folder` holds, so that
/// no live write's file can be among them. Best effort: returns how many it removed.
std::size_t remove_stale_temporaries(const fs::path& folder, std::chrono::seconds min_age = k_stale_temporary_age);

/// The lock every writer of a repository holds, in its .git folder (`cswm new`, `link`,
/// `renumber`, `bundle`; Workspace::lock_file names the same file).
inline constexpr const char* k_writer_lock_name = "cswm-new.lock";

/// Holds an exclusive advisory lock (flock) on a lock file while alive.
class FileLock {
public:
    explicit FileLock(const fs::path& path);
    ~FileLock();
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;

private:
    int m_fd = -1;
};

/// `path` relative to `base` with '/' separators, or `path` itself when outside `base`.
std::string relative_to(const fs::path& path, const fs::path& base);

} // namespace cswm
