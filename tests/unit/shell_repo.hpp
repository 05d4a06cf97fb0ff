#pragma once

// A temporary folder and a shell in it, for tests that make a git repository the way a
// user would (git's own commands, fixed identities and dates).

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>
#include <unistd.h>

namespace cswm::testing {

/// A temporary folder, removed at the end of the test.
struct TempDir {
    std::filesystem::path path;
    TempDir() {
        char pattern[] = "/tmp/cswm-test.XXXXXX";
        REQUIRE(::mkdtemp(pattern) != nullptr);
        path = pattern;
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
};

/// Runs a shell script in `dir` with a fixed author and committer and no system or user
/// git configuration, failing the test when it fails.
inline void sh(const std::filesystem::path& dir, const std::string& script) {
    const std::string command = "cd '" + dir.string() +
                                "' && export GIT_AUTHOR_NAME=Ann GIT_AUTHOR_EMAIL=ann@example.com "
                                "GIT_COMMITTER_NAME=Ann GIT_COMMITTER_EMAIL=ann@example.com "
                                "GIT_CONFIG_NOSYSTEM=1 HOME='" +
                                dir.string() + "' && set -e\n" + script;
    REQUIRE_MESSAGE(std::system(command.c_str()) == 0, script);
}

} // namespace cswm::testing
