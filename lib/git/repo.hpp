#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace cswm {

namespace fs = std::filesystem;

/// A git repository, opened through libgit2. The only type in cswm that knows libgit2.
class Repo {
public:
    /// Finds the repository that holds `start`, as git does (walking up). Throws Error
    /// (exit 2) with a clear message: not a repository, dubious ownership, bare.
    static Repo discover(const fs::path& start);

    ~Repo();
    Repo(Repo&&) noexcept;
    Repo& operator=(Repo&&) noexcept;

    /// The working tree's top folder.
    const fs::path& workdir() const { return m_workdir; }
    /// The .git folder (for worktrees, the worktree's own).
    const fs::path& git_dir() const { return m_git_dir; }

    /// A configuration value such as user.name, when set.
    std::optional<std::string> config_string(const std::string& name) const;

private:
    struct Handle;
    explicit Repo(std::unique_ptr<Handle> handle);
    std::unique_ptr<Handle> m_handle;
    fs::path m_workdir;
    fs::path m_git_dir;
};

} // namespace cswm
