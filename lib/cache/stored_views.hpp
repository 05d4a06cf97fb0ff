#pragma once

// The documents' views as the check cache keeps them, beside check-cache in the git folder.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace cswm {

namespace fs = std::filesystem;

/// The cross views (lib/check/cross_view.hpp) of the documents a run checked, by path:
/// what the rules across documents run over again, without parsing a document, when an
/// edit changed what they see of one. They live beside the cache in `<git dir>/cswm/`: a
/// base (check-views) that a full check writes, and the views of the documents changed
/// since (check-views-changes), so that a run after one edit writes one view, not 10 MB.
/// A file of their own, since a run served whole from the cache never reads them. Each
/// view is checked against its hash (CachedFile::view) before use: a damaged or stale file
/// only makes the tree checked whole.
struct StoredViews {
    std::string base;                                               ///< the base file's bytes
    std::string changes;                                            ///< the changes file's, or empty
    std::unordered_map<std::string_view, std::string_view> by_path; ///< into both, changes winning
    std::unordered_map<std::string_view, std::string_view> changed; ///< into `changes`
    // Moving keeps the views valid: a views file is longer than a string's inner buffer.
};

/// The bytes of a views file: a magic line, then length-prefixed paths and views.
std::string serialize_views(const std::vector<std::pair<std::string_view, std::string_view>>& views);

/// The views of a base file's and a changes file's bytes (empty: none); nullopt when
/// either is not a views file whole.
std::optional<StoredViews> parse_views(std::string base, std::string changes = {});

/// Reads the views under `git_dir`; nullopt when there are none, or they cannot be read.
std::optional<StoredViews> read_views(const fs::path& git_dir);

/// Writes `views` as the base, atomically, and drops the changes; false when it cannot.
bool write_views(const fs::path& git_dir, const std::vector<std::pair<std::string_view, std::string_view>>& views);

/// Stores the views after a run that rebuilt documents from `stored`: the views `changed`
/// now, with those changed before, as the changes file; when they outgrow a quarter of the
/// base, `all` as the base instead.
bool write_view_changes(const fs::path& git_dir, const StoredViews& stored,
                        const std::vector<std::pair<std::string_view, std::string_view>>& all,
                        const std::vector<std::pair<std::string_view, std::string_view>>& changed);

} // namespace cswm
