// Commit trailers: git's rules for finding them (parse_trailers), and what cswm reads from
// them (referenced_ids, has_review_trailer). Expectations follow `git interpret-trailers
// --parse` (git 2.39).

#include "lib/git/repo.hpp"
#include "lib/model/references.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

using namespace cswm;

namespace {

/// The items joined with " | ", so that a failed comparison prints them (and "" is none).
std::string joined(const std::vector<std::string>& items) {
    std::string text;
    for (const std::string& item : items) {
        text += (text.empty() ? "" : " | ") + item;
    }
    return text;
}

/// The trailers of a message as "key=value | key=value".
std::string pairs(const std::string& message) {
    std::vector<std::string> out;
    for (const Trailer& trailer : parse_trailers(message)) {
        out.push_back(trailer.key + "=" + trailer.value);
    }
    return joined(out);
}

/// The IDs the Refs: trailers of a message name, as "ID | ID".
std::string refs_of(const std::string& message) {
    return joined(referenced_ids(parse_trailers(message)));
}

std::string ids(const std::vector<Trailer>& trailers) {
    return joined(referenced_ids(trailers));
}

} // namespace

TEST_CASE("parse_trailers reads the last paragraph only") {
    CHECK(pairs("Fix the upload\n\nRefs: FIX-001\n") == "Refs=FIX-001");
    CHECK(pairs("Fix the upload\n\nLonger explanation.\n\nRefs: FIX-001\nReviewed-by: Ann <ann@example.com>\n") ==
          "Refs=FIX-001 | Reviewed-by=Ann <ann@example.com>");
    // A trailer-like paragraph followed by prose is no trailer block.
    CHECK(pairs("Fix the upload\n\nRefs: FIX-001\n\nThe last paragraph is prose.\n") == "");
    // Only the last paragraph counts, even when an earlier one looks like trailers.
    CHECK(pairs("Fix\n\nRefs: FIX-001\n\nReviewed-by: Ann\n") == "Reviewed-by=Ann");
    // Blank lines after the trailers do not hide them.
    CHECK(pairs("Fix\n\nRefs: FIX-001\n\n\n\n") == "Refs=FIX-001");
}

TEST_CASE("parse_trailers: the subject paragraph is never the trailer block") {
    CHECK(pairs("Refs: FIX-001\n") == "");
    CHECK(pairs("Refs: FIX-001") == "");
    CHECK(pairs("") == "");
    CHECK(pairs("\n\n\n") == "");
}

TEST_CASE("parse_trailers: a paragraph mixing trailers and prose") {
    // Prose lines in the paragraph: not a trailer block...
    CHECK(pairs("Fix\n\nbody text\nRefs: FIX-001\n") == "");
    CHECK(pairs("Fix\n\nRefs: FIX-001\nnot a trailer\nmore prose\nand more\n") == "");
    // ...unless a git-generated trailer is there and trailers are at least a quarter of it.
    CHECK(pairs("Fix\n\nSigned-off-by: Ann <ann@example.com>\nnot a trailer\nmore prose\n") ==
          "Signed-off-by=Ann <ann@example.com>");
}

TEST_CASE("parse_trailers: keys as written, separator and spacing") {
    const std::vector<Trailer> trailers = parse_trailers("Fix\n\nrefs:FIX-001\nREFS :  FIX-002\nRefs: FIX-003\n");
    REQUIRE(trailers.size() == 3);
    CHECK(trailers[0].key == "refs");
    CHECK(trailers[0].value == "FIX-001");
    CHECK(trailers[1].key == "REFS"); // the space before the colon is not part of the key
    CHECK(trailers[1].value.starts_with("FIX-002"));
    CHECK(trailers[2].key == "Refs");
    CHECK(trailers[2].value == "FIX-003");
    // Not `Key: value` lines.
    CHECK(pairs("Fix\n\nRefs = FIX-001\n") == "");
    CHECK(pairs("Fix\n\nRefs FIX-001\n") == "");
    CHECK(pairs("Fix\n\n Refs: FIX-001\n") == "");
    CHECK(pairs("Fix\n\nSee https://example.com/a:b for details\n") == "");
}

TEST_CASE("parse_trailers: comment lines are skipped") {
    CHECK(pairs("Fix\n\nRefs: FIX-001\n# a comment git strips\n") == "Refs=FIX-001");
}

TEST_CASE("parse_trailers: continuation lines belong to the trailer above") {
    const std::vector<Trailer> trailers = parse_trailers("Fix\n\nRefs: FIX-001,\n  REQ-002\nReviewed-by: Ann\n");
    REQUIRE(trailers.size() == 2);
    CHECK(trailers[0].key == "Refs");
    CHECK(trailers[0].value.find("FIX-001") != std::string::npos);
    CHECK(trailers[0].value.find("REQ-002") != std::string::npos);
    CHECK(trailers[1].key == "Reviewed-by");
    CHECK(trailers[1].value == "Ann");
}

TEST_CASE("parse_trailers stops at a NUL, as git does") {
    const char raw[] = "Fix\n\nRefs: FIX-001\0\nRefs: FIX-002\n";
    const std::string message(raw, sizeof raw - 1);
    CHECK(pairs(message) == "Refs=FIX-001");
}

TEST_CASE("parse_trailers: a long message keeps its trailers") {
    std::string message = "Fix\n\n";
    for (int i = 0; i < 20000; ++i) {
        message += "line " + std::to_string(i) + " of a long body\n";
    }
    message += "\nRefs: FIX-001\n";
    CHECK(refs_of(message) == "FIX-001");
}

// git 2.39: `Refs: FIX-001,\n  REQ-002` is `Refs: FIX-001, REQ-002` (a regression: the
// line break was read as an ID of its own).
TEST_CASE("referenced_ids: a continuation line adds IDs, not a line break") {
    CHECK(refs_of("Fix\n\nRefs: FIX-001,\n  REQ-002\n") == "FIX-001 | REQ-002");
}

// git: a continuation line may start with a tab (libgit2 1.5.1 drops it).
TEST_CASE("parse_trailers: a continuation line that starts with a tab") {
    CHECK(refs_of("Fix\n\nRefs: FIX-001\n\tREQ-002\n") == "FIX-001 | REQ-002");
}

// git: `Refs:` with no value is a trailer of its own (libgit2 1.5.1 made the next line its
// value, losing the Reviewed-by: below).
TEST_CASE("parse_trailers: an empty trailer does not swallow the next one") {
    const std::vector<Trailer> trailers = parse_trailers("Fix\n\nRefs:\nReviewed-by: Ann\n");
    CHECK(has_review_trailer(trailers));
    CHECK(refs_of("Fix\n\nRefs:\nReviewed-by: Ann\n") == "");
}

// git trims values, so CRLF messages (an editor on Windows; the commit-msg hook sees the
// file before git's cleanup) give `FIX-001`.
TEST_CASE("referenced_ids: CRLF line ends are not part of the IDs") {
    CHECK(refs_of("Fix\r\n\r\nRefs: FIX-001\r\n") == "FIX-001");
}

TEST_CASE("referenced_ids splits at commas, spaces, tabs and semicolons, each ID once, in order") {
    CHECK(ids({{"Refs", "FIX-003, REQ-012"}}) == "FIX-003 | REQ-012");
    CHECK(ids({{"Refs", "FIX-003,REQ-012 ,  TC-107\tAREQ-006;AREC-005"}}) ==
          "FIX-003 | REQ-012 | TC-107 | AREQ-006 | AREC-005");
    CHECK(ids({{"Refs", "REQ-012, FIX-003, REQ-012,REQ-012"}}) == "REQ-012 | FIX-003");
    CHECK(ids({{"Refs", ", ,  ;"}}) == "");
    CHECK(ids({{"Refs", ""}}) == "");
    CHECK(ids({}) == "");
}

TEST_CASE("referenced_ids reads every Refs: trailer, whatever the case of its key") {
    CHECK(ids({{"Refs", "FIX-001"}, {"refs", "FIX-002"}, {"REFS", "FIX-001"}, {"rEfS", "TC-107"}}) ==
          "FIX-001 | FIX-002 | TC-107");
    // Other keys are not references.
    CHECK(ids({{"Ref", "FIX-001"},
               {"References", "FIX-002"},
               {"Refs-extra", "FIX-003"},
               {"Reviewed-by", "FIX-004"},
               {"Fixes", "FIX-005"}}) == "");
    // IDs are kept as written: their case is for check and the hook to judge.
    CHECK(ids({{"Refs", "fix-012"}}) == "fix-012");
}

TEST_CASE("referenced_ids from whole messages") {
    CHECK(refs_of("Fix\n\nRefs: FIX-012, REQ-042\nReviewed-by: Jun-Hao Lin <junhao.lin@filebox.example>\n") ==
          "FIX-012 | REQ-042");
    CHECK(refs_of("Fix\n\nrefs: TC-107 TC-104\nREFS: TC-107\n") == "TC-107 | TC-104");
    CHECK(refs_of("Fix\n\nRefs: FIX-999 is in the body,\nfollowed by prose.\n") == "");
}

TEST_CASE("has_review_trailer: Reviewed-by, whatever the case of its key") {
    CHECK(has_review_trailer({{"Reviewed-by", "Ann Lee <ann@example.com>"}}));
    CHECK(has_review_trailer({{"Refs", "FIX-001"}, {"reviewed-by", "Ann"}}));
    CHECK(has_review_trailer({{"REVIEWED-BY", "Ann"}}));
    CHECK(has_review_trailer({{"Reviewed-By", "Ann"}}));
    CHECK_FALSE(has_review_trailer({}));
    CHECK_FALSE(has_review_trailer({{"Refs", "FIX-001"}}));
    CHECK_FALSE(has_review_trailer({{"Reviewed", "Ann"}}));
    CHECK_FALSE(has_review_trailer({{"Reviewed-by-bot", "Ann"}}));
    CHECK_FALSE(has_review_trailer({{"Acked-by", "Ann"}}));
    CHECK_FALSE(has_review_trailer({{"Signed-off-by", "Ann"}}));
    CHECK_FALSE(has_review_trailer({{"Refs", "Reviewed-by"}}));
}

TEST_CASE("has_review_trailer from whole messages: only in the trailer paragraph") {
    CHECK(has_review_trailer(parse_trailers("Fix\n\nRefs: FIX-001\nreviewed-by: Ann\n")));
    CHECK_FALSE(has_review_trailer(parse_trailers("Fix\n\nReviewed-by: Ann\nsaid the reviewer, in prose.\n")));
    CHECK_FALSE(has_review_trailer(parse_trailers("Fix\n\nReviewed-by: Ann\n\nRefs: FIX-001\nthen prose\n")));
    CHECK_FALSE(has_review_trailer(parse_trailers("Reviewed-by: Ann\n")));
}

// A commit message over 64 KiB (a squash merge of a long branch, say): Repo keeps only its
// first 64 KiB in CommitInfo::message, but reads the trailers from all of it.
TEST_CASE("Repo: the trailers of a commit message over 64 KiB") {
    namespace fs = std::filesystem;
    char pattern[] = "/tmp/cswm-git-test.XXXXXX";
    REQUIRE(::mkdtemp(pattern) != nullptr);
    const fs::path dir(pattern);
    std::string body;
    while (body.size() < 70 * 1024) {
        body += "* squashed: a line of the long branch's history\n";
    }
    std::ofstream(dir / "message") << "Squash the upload branch\n\n" << body << "\nRefs: FIX-001\nReviewed-by: Ann\n";
    const std::string git =
        "git -C '" + dir.string() + "' -c user.name=Ann -c user.email=ann@example.com -c commit.gpgsign=false ";
    REQUIRE(std::system((git + "init -q && " + git + "commit -q --no-verify --allow-empty -F message").c_str()) == 0);
    const Repo repo = Repo::discover(dir);
    const std::vector<CommitInfo> commits = repo.commits_from_head();
    fs::remove_all(dir);
    REQUIRE(commits.size() == 1);
    const std::vector<Trailer>& trailers = commits.front().trailers;
    CHECK(commits.front().message.size() <= 64 * 1024 + 100);
    CHECK(joined(referenced_ids(trailers)) == "FIX-001");
    CHECK(has_review_trailer(trailers));
}

// git runs the hooks of a linked worktree (`git worktree add`) from the main repository's
// hooks folder ($GIT_COMMON_DIR/hooks), not .git/worktrees/NAME/hooks (a regression).
TEST_CASE("Repo::hooks_dir of a linked worktree is the one git uses") {
    namespace fs = std::filesystem;
    char pattern[] = "/tmp/cswm-git-test.XXXXXX";
    REQUIRE(::mkdtemp(pattern) != nullptr);
    const fs::path dir(pattern);
    const std::string git = "git -C '" + (dir / "main").string() +
                            "' -c user.name=Ann -c user.email=ann@example.com -c commit.gpgsign=false ";
    REQUIRE(std::system(("git init -q '" + (dir / "main").string() + "' && " + git +
                         "commit -q --no-verify --allow-empty -m start && " + git + "worktree add -q ../wt 2>/dev/null")
                            .c_str()) == 0);
    const fs::path hooks = Repo::discover(dir / "wt").hooks_dir();
    fs::remove_all(dir);
    CHECK(hooks.lexically_normal() == (dir / "main" / ".git" / "hooks").lexically_normal());
}

TEST_CASE("is_full_sha: 40 lower-case hex digits") {
    CHECK(is_full_sha("6185997c3144af7a15c89e01faed5fe6f2074509"));
    CHECK_FALSE(is_full_sha("6185997C3144AF7A15C89E01FAED5FE6F2074509"));
    CHECK_FALSE(is_full_sha("6185997c3144af7a15c89e01faed5fe6f207450"));
    CHECK_FALSE(is_full_sha("6185997c3144af7a15c89e01faed5fe6f20745090"));
    CHECK_FALSE(is_full_sha("6185997"));
    CHECK_FALSE(is_full_sha("g185997c3144af7a15c89e01faed5fe6f2074509"));
    CHECK_FALSE(is_full_sha(""));
}
