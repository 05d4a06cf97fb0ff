#include "lib/ops/hook.hpp"

#include "lib/i18n/i18n.hpp"
#include "lib/model/references.hpp"
#include "lib/util/error.hpp"
#include "lib/util/files.hpp"
#include "lib/util/text.hpp"
#include "lib/workspace/workspace.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <sys/stat.h>

namespace cswm {
namespace {

constexpr std::string_view k_marker = "installed by `cswm hook install`";

std::string shell_quoted(const std::string& text) {
    std::string quoted = "'";
    for (const char c : text) {
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return quoted + "'";
}

std::string hook_script(const fs::path& cswm_path) {
    return fmt::format(R"(#!/bin/sh
# commit-msg hook {}: rejects a commit whose Refs: trailers
# name IDs that no document of this repository has. Remove this file to stop it.
cswm={}
if [ ! -x "$cswm" ]; then
  cswm=$(command -v cswm) || {{ echo "cswm hook: cswm not found; Refs: trailers not checked" >&2; exit 0; }}
fi
"$cswm" hook check-message "$1"
status=$?
if [ "$status" -eq 2 ]; then
  echo "cswm hook: could not check the Refs: trailers (see above); commit not blocked" >&2
  exit 0
fi
exit "$status"
)",
                       k_marker, shell_quoted(cswm_path.string()));
}

} // namespace

fs::path install_commit_hook(const Workspace& workspace, const fs::path& cswm_path, bool force) {
    const Repo& repo = workspace.require_repo("cswm hook install");
    const fs::path folder = repo.hooks_dir();
    std::error_code error;
    fs::create_directories(folder, error);
    if (error) {
        throw Error(tr("ops.cannot-create", fmt::arg("path", folder.string()), fmt::arg("reason", error.message())));
    }
    const fs::path hook = folder / "commit-msg";
    const std::string script = hook_script(cswm_path);
    const ReadResult existing = read_regular_file(hook, 1U << 20U);
    const bool exists = fs::exists(fs::symlink_status(hook, error));
    const bool ours = existing.problem == ReadProblem::none && existing.content.find(k_marker) != std::string::npos;
    if (exists && !ours && !force) {
        throw Error(tr("hook.exists", fmt::arg("path", hook.string())));
    }
    if (exists && !ours) {
        fs::remove(hook, error); // --force: a symlink or foreign hook is replaced, not written through
    }
    write_file_atomically(hook, script);
    if (::chmod(hook.c_str(), 0755) != 0) {
        throw Error(tr("hook.not-executable", fmt::arg("path", hook.string())));
    }
    return hook;
}

std::vector<UnknownReference> check_commit_message(const Workspace& workspace, const fs::path& file) {
    // parse_trailers leaves out comment lines and what follows a `git commit -v` scissors
    // line, as git does before the hook runs.
    const std::string message = read_file_or_throw(file);
    const std::unordered_set<std::string> known = defined_ids(workspace.load_all());
    std::vector<std::string> candidates(known.begin(), known.end());
    std::sort(candidates.begin(), candidates.end()); // ties in "did you mean" resolve the same way every run
    std::vector<UnknownReference> unknown;
    for (const std::string& id : referenced_ids(parse_trailers(message))) {
        if (!known.contains(id)) {
            unknown.push_back({id, closest_match(id, candidates).value_or("")});
        }
    }
    return unknown;
}

} // namespace cswm
