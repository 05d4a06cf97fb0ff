#pragma once

// The warm cache of `check`: what a run found, stored under the repository's git folder
// with a fingerprint of every input, so that a run over unchanged inputs re-emits the
// stored findings instead of parsing and checking 10,000 documents again.

#include "lib/check/waivers.hpp"
#include "lib/model/document.hpp"
#include "lib/model/finding.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cswm {

namespace fs = std::filesystem;

/// Who computed a result: a cache written under another identity is ignored whole.
struct CacheIdentity {
    std::string tool;    ///< the version string and the executable's own file identity
    std::string catalog; ///< a hash of the kind catalogue, schemas and templates compiled in
    /// The language messages are printed in. The configuration's `language` is part of
    /// the fingerprint already (its bytes are); a `--lang` option that changes message
    /// text must be put here by the command.
    std::string message_language;

    std::string text() const;
};

/// The identity of this build: `version` (CSWM_VERSION) with the size, modification time
/// and inode of /proc/self/exe (so a rebuilt binary with an unchanged version never
/// serves results of the old code), and the hash of the embedded templates.
CacheIdentity build_cache_identity(std::string_view version);

/// A file's stat data as git's index keeps it: any change of the file changes ctime.
struct FileStamp {
    std::uint64_t size = 0;
    std::int64_t mtime_ns = 0;
    std::int64_t ctime_ns = 0;
    std::uint64_t inode = 0;
    std::uint64_t device = 0;
    std::uint32_t mode = 0;

    bool operator==(const FileStamp&) const = default;
};

/// lstat of `path`; nullopt when it fails.
std::optional<FileStamp> stamp_of(const fs::path& path);

/// True for a content hash (CachedFile::key of a regular file read whole), not a stand-in
/// such as "special:…" for what could not be read.
inline bool is_content_key(const std::string& key) {
    return key.size() == 64 && key.find(':') == std::string::npos;
}

/// One scanned file as the cache remembers it.
struct CachedFile {
    std::string path; ///< relative to the repository root
    FileStamp stamp;
    std::string key; ///< content hash of a regular file, or what else is there ("special:…")
    /// The findings of reading the file and of the rules of one document alone (schema,
    /// IDs, file name, placeholders), as of `key`, CacheData::config_key and this
    /// identity: reused when only other documents changed.
    std::optional<Findings> document_findings;
    /// document_digest of the file as parsed at `key` (under CacheData::config_key and this
    /// identity), or "key:" + key for what is not parsed; empty when unknown.
    std::string digest;
    /// A hash of the file's cross_view (lib/check/cross_view.hpp) as parsed at `key`, or
    /// "key:" + key for what is not parsed; empty when unknown.
    std::string view;
    /// A hash of the file's git_view (lib/check/cross_view.hpp), as `view` is of its view.
    std::string git_view;
    /// A hash of the file's tree_view, likewise.
    std::string tree_view;
};

/// The stored result of one run over the whole tree (before `check PATH` selects files).
struct CachedResult {
    std::string fingerprint; ///< hash of every input (see CheckCache in checker.cpp)
    Findings findings;
    WaivedFindings waived;
    /// Every full SHA recorded in the documents, with 1 when its object was in the
    /// repository: the git rules' findings depend on it, and objects can arrive (fetch)
    /// without HEAD moving.
    std::vector<std::pair<std::string, int>> objects;
    /// The hash of every input of the rules across documents: the inputs of `fingerprint`
    /// but with each document's view (CachedFile::view) for its digest.
    std::string views_fingerprint;
    /// The findings of the rules across documents, before .cswm.yaml's severities and
    /// waivers, each with its pointer: kept while views_fingerprint holds.
    Findings across;
    /// Seconds since 1970 after which the findings may change with no input changed (a
    /// security incident's hour for notification runs out); 0 when no such time.
    std::int64_t expires = 0;
    /// Files outside the documents the rules looked for (a schema a modeline names
    /// elsewhere), with 1 when each was there: the findings hold while each still is, or is not.
    std::vector<std::pair<std::string, int>> looked_for;
    /// The hash of every input of the git rules: the inputs of `fingerprint` but with each
    /// document's git view (CachedFile::git_view) for its digest.
    std::string git_views_fingerprint;
    /// The findings of the git rules, before severities and waivers, each with its pointer:
    /// kept while git_views_fingerprint holds and the recorded objects are as they were,
    /// when other views changed and the other rules across documents run again.
    Findings git;
    /// The hash of every input of the tree rules, with each document's tree view.
    std::string tree_views_fingerprint;
    /// The tree rules' findings (not in `across`), before severities and waivers: kept while
    /// tree_views_fingerprint holds, when other rules across documents run again.
    Findings tree;
    /// The IDs that Refs: trailers name and no document defines, sorted: a document added
    /// with none of them leaves the trailer rule's findings as they are.
    std::vector<std::string> unknown_trailer_ids;
};

/// The whole cache file.
struct CacheData {
    std::string identity;        ///< CacheIdentity::text() of the writer
    std::int64_t started_ns = 0; ///< when the writing run began (coarse real time, as files are stamped)
    std::string config_key;      ///< content hash of .cswm.yaml, for CachedFile::document_findings
    std::vector<CachedFile> files;
    std::optional<CachedResult> result;
};

/// A hash of everything the rules can see of one loaded document: its path, the parsed
/// JSON, the place of every node, the loader's problems and stand-ins, kind, ID, title,
/// status, the findings of reading it and its editor modeline. Two loads with equal
/// digests are the same input to every rule, so an edit that changes none of it (a
/// comment, trailing white space, quoting a string that needed none) changes no finding.
std::string document_digest(const Document& document);

/// The bytes of a cache file: a magic line, then length-prefixed fields, then a SHA-256
/// of everything before it.
std::string serialize_cache(const CacheData& data);

/// Reads a cache file's bytes; nullopt for anything that is not a complete, intact cache
/// of this format (truncated, corrupted, another format version, garbage).
std::optional<CacheData> parse_cache(std::string_view bytes);

/// True when a file's stamp, equal to the remembered one, can be trusted to mean equal
/// content: like git's racy-clean rule, a file changed (mtime or ctime) less than
/// `k_racy_margin_ns` before the cache's run started may have changed again within the
/// same timestamp tick, and is hashed again.
bool stamp_trusted(const FileStamp& remembered, const FileStamp& now, std::int64_t cache_started_ns);
inline constexpr std::int64_t k_racy_margin_ns = 2'000'000'000;

/// The coarse real-time clock the kernel stamps files with, in nanoseconds.
std::int64_t coarse_now_ns();

/// SHA-256 of `bytes`, as 64 hex digits (OpenSSL: fast enough to hash a tree).
std::string content_hash(std::string_view bytes);

/// Incremental SHA-256 for fingerprints: fields are length-prefixed, so no two different
/// field lists hash alike.
class Fingerprint {
public:
    Fingerprint();
    ~Fingerprint();
    Fingerprint(const Fingerprint&) = delete;
    Fingerprint& operator=(const Fingerprint&) = delete;
    void add(std::string_view field);
    void add(std::int64_t number);
    /// The hex digest; the object must not be used after.
    std::string finish();

private:
    /// Hands what was added to the digest once it holds `at_least` bytes: one call for many
    /// small fields (a fingerprint of 10,000 paths and hashes has 40,000).
    void flush_if_full(std::size_t at_least = 1U << 16U);

    void* m_context;
    std::string m_pending;
};

/// Where the cache lives: `<git dir>/cswm/check-cache` (a worktree's own git folder).
fs::path cache_file_in(const fs::path& git_dir);

/// Reads the cache file; nullopt when absent, unreadable, corrupt or of another identity.
std::optional<CacheData> read_cache(const fs::path& file, const std::string& identity);

/// Writes the cache atomically; false (and nothing else) when it cannot: a read-only
/// .git still lets check run, only without a cache.
bool write_cache(const fs::path& file, const CacheData& data);

/// True when CSWM_NO_CACHE is set to anything but "" or "0".
bool cache_disabled_by_environment();

} // namespace cswm
