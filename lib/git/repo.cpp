#include "lib/git/repo.hpp"

#include "lib/util/error.hpp"

#include <fmt/format.h>
#include <git2.h>

#include <string_view>

namespace cswm {
namespace {

/// libgit2 is initialised once per process and shut down at exit.
void ensure_libgit2() {
    static const struct Init {
        Init() { git_libgit2_init(); }
        ~Init() { git_libgit2_shutdown(); }
    } init;
}

std::string last_git_error() {
    const git_error* error = git_error_last();
    return error != nullptr && error->message != nullptr ? error->message : "unknown libgit2 error";
}

fs::path without_trailing_slash(const char* path) {
    std::string text(path);
    while (text.size() > 1 && text.back() == '/') {
        text.pop_back();
    }
    return fs::path(text);
}

} // namespace

struct Repo::Handle {
    git_repository* repository = nullptr;
    ~Handle() { git_repository_free(repository); }
};

Repo::Repo(std::unique_ptr<Handle> handle) : m_handle(std::move(handle)) {
}
Repo::~Repo() = default;
Repo::Repo(Repo&&) noexcept = default;
Repo& Repo::operator=(Repo&&) noexcept = default;

Repo Repo::discover(const fs::path& start) {
    ensure_libgit2();
    auto handle = std::make_unique<Handle>();
    const int status = git_repository_open_ext(&handle->repository, start.c_str(), 0, nullptr);
    if (status != 0) {
        const std::string message = last_git_error();
        if (message.find("safe.directory") != std::string::npos || message.find("owner") != std::string::npos) {
            throw Error(fmt::format("the repository at {} is owned by another user (dubious ownership): run "
                                    "git config --global --add safe.directory <path>",
                                    start.string()));
        }
        if (status == GIT_ENOTFOUND) {
            throw Error(fmt::format("not a git repository (or any parent up to /): {}\n"
                                    "cswm works inside a git repository: run `git init` first",
                                    start.string()));
        }
        throw Error(fmt::format("cannot open the git repository at {}: {}", start.string(), message));
    }
    if (git_repository_is_bare(handle->repository) != 0) {
        throw Error("this is a bare repository: cswm needs a working tree with the documents");
    }
    Repo repo(std::move(handle));
    repo.m_workdir = without_trailing_slash(git_repository_workdir(repo.m_handle->repository));
    repo.m_git_dir = without_trailing_slash(git_repository_path(repo.m_handle->repository));
    return repo;
}

std::optional<std::string> Repo::config_string(const std::string& name) const {
    git_config* config = nullptr;
    if (git_repository_config_snapshot(&config, m_handle->repository) != 0) {
        return std::nullopt;
    }
    const char* value = nullptr;
    std::optional<std::string> result;
    if (git_config_get_string(&value, config, name.c_str()) == 0 && value != nullptr) {
        result = value;
    }
    git_config_free(config);
    return result;
}

} // namespace cswm
