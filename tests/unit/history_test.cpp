// The history of files: Repo::file_histories (one walk for many paths) must give, for every
// path, exactly what the walk of that path alone (file_history_in) gives, on real git
// repositories with renames, merges, deletions, mode changes, folders and shallow clones.

#include "lib/git/repo.hpp"
#include "tests/unit/shell_repo.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <unistd.h>
#include <vector>

using namespace cswm;
using cswm::testing::sh;
using cswm::testing::TempDir;
namespace fs = std::filesystem;

namespace {

/// `git commit` at a given second, so that commit times order the history as written.
std::string commit_at(int second, const std::string& message) {
    const std::string date = "@" + std::to_string(1767225600 + second) + " +0000";
    return "GIT_AUTHOR_DATE='" + date + "' GIT_COMMITTER_DATE='" + date +
           "' git commit -q --allow-empty --no-verify -m '" + message + "'\n";
}

/// A file's revisions as "short-sha:path" lines, to compare and to print on failure.
std::string shown(const std::vector<FileRevision>& revisions) {
    std::string text;
    for (const FileRevision& revision : revisions) {
        text += revision.commit.sha.substr(0, 7) + ":" + revision.path + " (" + revision.commit.summary + ")\n";
    }
    return text;
}

/// Checks that the shared walk equals the walk of each path alone, to the root and to each
/// file's addition (where the history to the root goes on only past an addition), and
/// returns the shared one to the root.
std::vector<std::vector<FileRevision>> check_same(const Repo& repo, const std::vector<CommitInfo>& commits,
                                                  const std::vector<std::string>& paths) {
    const std::vector<std::vector<FileRevision>> shared = repo.file_histories(commits, paths);
    const std::vector<std::vector<FileRevision>> until_added =
        repo.file_histories(commits, paths, Repo::HistoryEnd::addition);
    REQUIRE(shared.size() == paths.size());
    REQUIRE(until_added.size() == paths.size());
    for (std::size_t i = 0; i < paths.size(); ++i) {
        INFO("path: '", paths[i], "'");
        const std::vector<FileRevision> alone = repo.file_history_in(commits, paths[i]);
        CHECK(shown(shared[i]) == shown(alone));
        REQUIRE(shared[i].size() == alone.size());
        for (std::size_t j = 0; j < alone.size(); ++j) {
            CHECK(shared[i][j].commit.sha == alone[j].commit.sha);
            CHECK(shared[i][j].commit.message == alone[j].commit.message);
            CHECK(shared[i][j].path == alone[j].path);
        }
        CHECK(shown(until_added[i]) == shown(repo.file_history_in(commits, paths[i], Repo::HistoryEnd::addition)));
        REQUIRE(until_added[i].size() <= alone.size());
        CHECK(shown(until_added[i]) ==
              shown({alone.begin(), alone.begin() + static_cast<std::ptrdiff_t>(until_added[i].size())}));
    }
    return shared;
}

/// Every path a history ever held (files and folders), plus some that it never did.
std::vector<std::string> every_path(const fs::path& dir) {
    const std::string list = (dir / ".paths").string();
    sh(dir, "{ git log --all --format= --name-only --no-renames; git log --all --format= --name-only "
            "--no-renames | sed -n 's|/[^/]*$||p'; } | sort -u > '" +
                list + "'");
    std::vector<std::string> paths;
    std::ifstream in(list);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.front() != '"') {
            paths.push_back(line);
        }
    }
    fs::remove(list);
    // Never there, or not in the form git names paths: walked one by one, still the same.
    for (const char* odd : {"absent.yaml", "", "/", "docs/", "./docs/a.yaml", "docs//a.yaml", "docs/../docs/a.yaml"}) {
        paths.emplace_back(odd);
    }
    return paths;
}

} // namespace

TEST_CASE("file_histories: renames, merges, deletions, mode changes and folders, as each path's own walk") {
    TempDir temp;
    const fs::path& dir = temp.path;
    std::string script = "git init -q -b main . && git config commit.gpgsign false\n"
                         "mkdir -p docs/deep service\n"
                         "printf 'a one\\nline two\\nline three\\nline four\\n' > docs/a.yaml\n"
                         "printf 'b one\\nline two\\nline three\\nline four\\n' > docs/b.yaml\n"
                         "printf 'c\\n' > docs/deep/c.yaml\nprintf 'top\\n' > top.yaml\n"
                         "printf 'x\\n' > service/x.c\ngit add -A\n";
    script += commit_at(1, "start");
    script += "printf 'a two\\n' >> docs/a.yaml && git add -A\n" + commit_at(2, "edit a");
    script += "git mv docs/a.yaml docs/renamed.yaml && git add -A\n" + commit_at(3, "rename a");
    script += "printf 'y\\n' > service/x.c && git add -A\n" + commit_at(4, "service only");
    script += "git checkout -q -b side\nprintf 'side\\n' >> docs/b.yaml && git add -A\n" + commit_at(5, "side b");
    script += "printf 'side c\\n' >> docs/deep/c.yaml && git add -A\n" + commit_at(6, "side c");
    script += "git checkout -q main\nprintf 'main\\n' >> top.yaml && git add -A\n" + commit_at(7, "main top");
    // A merge that takes the side's files as they are: it changed none of them.
    script += "GIT_AUTHOR_DATE='@1767225608 +0000' GIT_COMMITTER_DATE='@1767225608 +0000' "
              "git merge -q --no-edit --no-ff side -m 'merge side'\n";
    // A merge with a resolution of its own: it changed the file.
    script +=
        "git checkout -q -b other HEAD~1\nprintf 'other\\n' >> docs/b.yaml && git add -A\n" + commit_at(9, "other b");
    script += "git checkout -q main\n"
              "GIT_AUTHOR_DATE='@1767225610 +0000' GIT_COMMITTER_DATE='@1767225610 +0000' "
              "git merge -q --no-edit other -m 'merge other' >/dev/null 2>&1 || true\n"
              "printf 'b one\\nline two\\nline three\\nline four\\nresolved\\n' > docs/b.yaml && git add -A\n" +
              commit_at(10, "merge other, resolved");
    script += "chmod +x docs/deep/c.yaml && git add -A\n" + commit_at(11, "mode only");
    script += "git rm -q docs/b.yaml\n" + commit_at(12, "delete b");
    script += "printf 'b again\\n' > docs/b.yaml && git add -A\n" + commit_at(13, "b again");
    // A file becomes a folder, and a folder a file.
    script += "git rm -q top.yaml && mkdir top.yaml && printf 'in\\n' > top.yaml/inner && git add -A\n" +
              commit_at(14, "top becomes a folder");
    script += "git rm -q -r service && printf 'file now\\n' > service && git add -A\n" +
              commit_at(15, "service becomes a file");
    script += "ln -s docs/renamed.yaml link.yaml && git add -A\n" + commit_at(16, "a symlink");
    // Renamed and changed at once (still similar enough), then renamed into a new folder.
    script += "git mv docs/renamed.yaml docs/again.yaml && printf 'a three\\n' >> docs/again.yaml && git add -A\n" +
              commit_at(17, "rename and edit");
    script += "mkdir -p moved && git mv docs/again.yaml moved/a.yaml && git add -A\n" + commit_at(18, "move");
    sh(dir, script);

    const Repo repo = Repo::discover(dir);
    const std::vector<CommitInfo> commits = repo.commits_from_head();
    const std::vector<std::string> paths = every_path(dir);
    const auto shared = check_same(repo, commits, paths);

    // The walk is not trivially empty: moved/a.yaml goes back through two renames.
    const auto at = [&](const std::string& path) {
        return shared[static_cast<std::size_t>(std::find(paths.begin(), paths.end(), path) - paths.begin())];
    };
    std::vector<std::string> moved;
    for (const FileRevision& revision : at("moved/a.yaml")) {
        moved.push_back(revision.commit.summary + " @ " + revision.path);
    }
    CHECK(moved == std::vector<std::string>{"move @ moved/a.yaml", "rename and edit @ docs/again.yaml",
                                            "rename a @ docs/renamed.yaml", "edit a @ docs/a.yaml",
                                            "start @ docs/a.yaml"});
    std::vector<std::string> b;
    for (const FileRevision& revision : at("docs/b.yaml")) {
        b.push_back(revision.commit.summary);
    }
    // Not the merge that took the side's version; the merge with its own resolution, yes.
    CHECK(b == std::vector<std::string>{"b again", "merge other, resolved", "other b", "side b", "start"});

    // To each file's addition: docs/b.yaml was deleted and added again, so its history ends
    // there; moved/a.yaml's goes on through its renames to where it was added; a file a
    // side branch changed keeps that branch's commit.
    const auto until_added = [&](const std::string& path) {
        const auto histories = repo.file_histories(commits, {path}, Repo::HistoryEnd::addition);
        std::vector<std::string> summaries;
        for (const FileRevision& revision : histories.front()) {
            summaries.push_back(revision.commit.summary);
        }
        return summaries;
    };
    CHECK(until_added("docs/b.yaml") == std::vector<std::string>{"b again"});
    CHECK(until_added("moved/a.yaml") ==
          std::vector<std::string>{"move", "rename and edit", "rename a", "edit a", "start"});
    CHECK(until_added("docs/deep/c.yaml") == std::vector<std::string>{"side c", "start"});

    // Several files on one path, and a path given twice.
    check_same(repo, commits, {"moved/a.yaml", "docs/a.yaml", "moved/a.yaml", "docs/renamed.yaml"});
    // An empty list, and an empty history.
    CHECK(repo.file_histories(commits, {}).empty());
    const auto none = repo.file_histories({}, {"docs/b.yaml"});
    REQUIRE(none.size() == 1);
    CHECK(none.front().empty());

    // A shallow clone: the boundary commit changed nothing that can be told.
    const fs::path shallow = dir / "shallow";
    sh(dir, "git clone -q --depth 4 --no-local --branch main file://'" + dir.string() + "' shallow");
    const Repo cut = Repo::discover(shallow);
    REQUIRE(cut.is_shallow());
    check_same(cut, cut.commits_from_head(), paths);
}

TEST_CASE("file_histories: a random history of adds, edits, renames, deletions and merges") {
    TempDir temp;
    const fs::path& dir = temp.path;
    std::mt19937 random(8); // fixed: the same history every run
    std::string script = "git init -q -b main . && git config commit.gpgsign false && mkdir -p d/e f\n";
    std::vector<std::string> files;
    int second = 0;
    int branches = 0;
    const std::vector<std::string> folders{"d", "d/e", "f"};
    auto body = [&](int n) {
        std::string text;
        for (int line = 0; line < 6; ++line) {
            text += "line " + std::to_string(line) + " of file " + std::to_string(n) + "\\n";
        }
        return text;
    };
    for (int step = 0; step < 60; ++step) {
        const auto choice = files.empty() ? 0 : random() % 6;
        script += "mkdir -p d/e f\n"; // git removes a folder with its last file
        if (choice <= 1 || files.size() < 3) {
            const std::string file = folders[random() % folders.size()] + "/f" + std::to_string(step) + ".yaml";
            script += "printf '" + body(step) + "' > " + file + "\n";
            files.push_back(file);
        } else if (choice == 2) {
            script += "printf 'edit " + std::to_string(step) + "\\n' >> " + files[random() % files.size()] + "\n";
        } else if (choice == 3) {
            const std::size_t i = random() % files.size();
            const std::string to = folders[random() % folders.size()] + "/r" + std::to_string(step) + ".yaml";
            script += "git mv " + files[i] + " " + to + "\n";
            files[i] = to;
        } else if (choice == 4) {
            const std::size_t i = random() % files.size();
            script += "git rm -q " + files[i] + "\n";
            files.erase(files.begin() + static_cast<std::ptrdiff_t>(i));
        } else {
            // A short branch that edits a file, merged back (no fast-forward).
            const std::string branch = "b" + std::to_string(++branches);
            const std::string& file = files[random() % files.size()];
            script += "git add -A\n" + commit_at(++second, "before " + branch);
            script += "git checkout -q -b " + branch + "\nprintf 'on " + branch + "\\n' >> " + file +
                      " && git add -A\n" + commit_at(++second, "on " + branch) + "git checkout -q main\n";
            const std::string date = "@" + std::to_string(1767225600 + ++second) + " +0000";
            script += "GIT_AUTHOR_DATE='" + date + "' GIT_COMMITTER_DATE='" + date + "' git merge -q --no-ff " +
                      branch + " -m 'merge " + branch + "'\n";
            continue;
        }
        script += "git add -A\n" + commit_at(++second, "step " + std::to_string(step));
    }
    sh(dir, script);
    const Repo repo = Repo::discover(dir);
    const std::vector<CommitInfo> commits = repo.commits_from_head();
    REQUIRE(commits.size() > 50);
    const auto shared = check_same(repo, commits, every_path(dir));
    std::size_t revisions = 0;
    for (const auto& history : shared) {
        revisions += history.size();
    }
    CHECK(revisions > commits.size()); // files were followed, not merely found absent
}

TEST_CASE("commit_links_from: commits_from_head's commits and order, with what check reads and no message") {
    TempDir temp;
    const fs::path& dir = temp.path;
    // Empty commits (the tree of their parent) among changes, a merge that changes nothing,
    // and trailers: what the walk of check reads, and what file_histories skips.
    std::string script = "git init -q -b main . && git config commit.gpgsign false && mkdir -p d\n";
    script += "printf 'a\\n' > d/a.yaml && git add -A\n" + commit_at(1, "add a");
    script += commit_at(2, "empty one") + commit_at(3, "empty two");
    script += "git checkout -q -b side\n" + commit_at(4, "empty on side");
    script += "git checkout -q main\nprintf 'b\\n' >> d/a.yaml && git add -A\n" + commit_at(5, "edit a");
    script += "GIT_AUTHOR_DATE='@1767225606 +0000' GIT_COMMITTER_DATE='@1767225606 +0000' "
              "git merge -q --no-ff side -m 'merge side'\n";
    script += "GIT_AUTHOR_DATE='@1767225607 +0000' GIT_COMMITTER_DATE='@1767225607 +0000' "
              "git commit -q --allow-empty -m 'fix: a thing' -m 'Refs: FIX-001, AREQ-002' "
              "--trailer 'Reviewed-by: Bo <bo@example.com>'\n";
    script += "git mv d/a.yaml d/b.yaml\n" + commit_at(8, "rename");
    sh(dir, script);
    const Repo repo = Repo::discover(dir);
    const std::vector<CommitInfo> full = repo.commits_from_head();
    const std::vector<CommitInfo> links = repo.commit_links_from("");
    REQUIRE(full.size() == 8);
    REQUIRE(links.size() == full.size());
    for (std::size_t i = 0; i < full.size(); ++i) {
        INFO("commit ", i, ": ", full[i].summary);
        CHECK(links[i].sha == full[i].sha);
        CHECK(links[i].commit_time == full[i].commit_time);
        CHECK(links[i].parents == full[i].parents);
        CHECK(links[i].summary == full[i].summary);
        REQUIRE(links[i].trailers.size() == full[i].trailers.size());
        for (std::size_t j = 0; j < full[i].trailers.size(); ++j) {
            CHECK(links[i].trailers[j].key == full[i].trailers[j].key);
            CHECK(links[i].trailers[j].value == full[i].trailers[j].value);
        }
        CHECK(links[i].message.empty());
        CHECK(links[i].author.empty());
    }
    CHECK(full[1].trailers.size() == 2); // Refs: and Reviewed-by:, newest but one
    // From a given tip: commits_from's commits.
    const std::vector<CommitInfo> older = repo.commit_links_from(full[3].sha);
    const std::vector<CommitInfo> older_full = repo.commits_from(full[3].sha);
    REQUIRE(older.size() == older_full.size());
    for (std::size_t i = 0; i < older.size(); ++i) {
        CHECK(older[i].sha == older_full[i].sha);
    }
    // Empty commits are skipped by the shared walk without changing what it finds.
    const auto shared = check_same(repo, links, every_path(dir));
    CHECK(shown(repo.file_history_in(links, "d/b.yaml")).find("add a") != std::string::npos);
}
