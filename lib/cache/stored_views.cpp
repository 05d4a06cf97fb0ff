#include "lib/cache/stored_views.hpp"
#include "lib/cache/binary_io.hpp"

#include "lib/util/error.hpp"
#include "lib/util/files.hpp"

#include <algorithm>
#include <system_error>

namespace cswm {
namespace {

using namespace cache_io;

// Bumped whenever the layout changes: an older file then reads as none.
constexpr std::string_view k_views_magic = "cswm-check-views 1\n";

fs::path views_base_in(const fs::path& git_dir) {
    return git_dir / "cswm" / "check-views";
}

fs::path views_changes_in(const fs::path& git_dir) {
    return git_dir / "cswm" / "check-views-changes";
}

/// The views of a views file's bytes, as views of them; nullopt when they are not one.
std::optional<std::unordered_map<std::string_view, std::string_view>> views_in(std::string_view bytes) {
    if (!bytes.starts_with(k_views_magic)) {
        return std::nullopt;
    }
    Reader in(bytes.substr(k_views_magic.size()));
    const std::size_t count = in.count(8 * 2);
    std::unordered_map<std::string_view, std::string_view> views;
    views.reserve(count);
    for (std::size_t i = 0; i < count && !in.failed(); ++i) {
        const std::string_view path = in.text();
        const std::string_view view = in.text();
        views.emplace(path, view);
    }
    if (in.failed() || !in.at_end()) {
        return std::nullopt;
    }
    return views;
}

bool write_views_file(const fs::path& file, const std::vector<std::pair<std::string_view, std::string_view>>& views) {
    return write_cache_file(file, serialize_views(views), Durability::rename_only); // each view's hash is checked
}

} // namespace

std::string serialize_views(const std::vector<std::pair<std::string_view, std::string_view>>& views) {
    Writer out;
    out.bytes().append(k_views_magic);
    out.u64(views.size());
    for (const auto& [path, view] : views) {
        out.str(path);
        out.str(view);
    }
    return std::move(out.bytes());
}

std::optional<StoredViews> parse_views(std::string base, std::string changes) {
    StoredViews stored;
    stored.base = std::move(base);
    stored.changes = std::move(changes);
    std::optional<std::unordered_map<std::string_view, std::string_view>> from_base = views_in(stored.base);
    if (!from_base) {
        return std::nullopt;
    }
    stored.by_path = std::move(*from_base);
    if (!stored.changes.empty()) {
        std::optional<std::unordered_map<std::string_view, std::string_view>> changed = views_in(stored.changes);
        if (!changed) {
            return std::nullopt;
        }
        stored.changed = std::move(*changed);
        for (const auto& [path, view] : stored.changed) {
            stored.by_path.insert_or_assign(path, view);
        }
    }
    return stored;
}

std::optional<StoredViews> read_views(const fs::path& git_dir) {
    std::optional<std::string> base = read_cache_file(views_base_in(git_dir));
    if (!base) {
        return std::nullopt;
    }
    std::error_code error;
    std::optional<std::string> changes;
    if (fs::exists(views_changes_in(git_dir), error)) {
        changes = read_cache_file(views_changes_in(git_dir));
        if (!changes) {
            return std::nullopt;
        }
    }
    return parse_views(std::move(*base), changes.value_or(std::string()));
}

bool write_views(const fs::path& git_dir, const std::vector<std::pair<std::string_view, std::string_view>>& views) {
    std::error_code error;
    fs::remove(views_changes_in(git_dir), error);
    return !error && write_views_file(views_base_in(git_dir), views);
}

bool write_view_changes(const fs::path& git_dir, const StoredViews& stored,
                        const std::vector<std::pair<std::string_view, std::string_view>>& all,
                        const std::vector<std::pair<std::string_view, std::string_view>>& changed) {
    std::vector<std::pair<std::string_view, std::string_view>> changes = changed;
    std::size_t bytes = 0;
    for (const auto& [path, view] : changed) {
        bytes += path.size() + view.size();
    }
    for (const std::pair<const std::string_view, std::string_view>& before : stored.changed) {
        if (std::none_of(changed.begin(), changed.end(), [&](const auto& now) { return now.first == before.first; })) {
            changes.emplace_back(before);
            bytes += before.first.size() + before.second.size();
        }
    }
    // Changes that outgrow a quarter of the base cost more to read than to write once.
    if (bytes > stored.base.size() / 4) {
        return write_views(git_dir, all);
    }
    return write_views_file(views_changes_in(git_dir), changes);
}

} // namespace cswm
