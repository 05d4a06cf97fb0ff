// write_bundle on a real repository: what other writers see while a bundle is made.
#include "lib/bundle/bundle.hpp"
#include "lib/catalog/catalog.hpp"
#include "lib/git/repo.hpp"
#include "lib/util/files.hpp"
#include "tests/unit/shell_repo.hpp"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <string>
#include <utility>
#include <vector>

using namespace cswm;
using cswm::testing::sh;
using cswm::testing::TempDir;

namespace {

/// True when the writers' lock of the repository can be taken now (and lets it go).
bool writer_lock_free(const Repo& repo) {
    const int fd = ::open((repo.git_dir() / k_writer_lock_name).c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    REQUIRE(fd >= 0);
    const bool free = ::flock(fd, LOCK_EX | LOCK_NB) == 0;
    ::close(fd);
    return free;
}

} // namespace

TEST_CASE("write_bundle: new, link and the other writers are not kept waiting while the pages render") {
    TempDir temp;
    sh(temp.path, "git init -q -b main\n"
                  "mkdir -p maint/srs\n"
                  "printf 'root: maint\\nlanguage: en\\n' > .cswm.yaml\n"
                  "printf 'kind: srs\\nid: SRS-001\\ntitle: One\\nstatus: draft\\n' > maint/srs/SRS-001.yaml\n"
                  "git add -A && git commit -q -m start\n");
    const Repo repo = Repo::discover(temp.path);
    bundle::BundleOptions options;
    options.output = "out.tar.gz";
    options.base = temp.path;
    options.tool = "cswm test";
    std::vector<std::pair<std::string, bool>> stages; // each progress message, and whether the lock was free then
    options.progress = [&](std::string_view message) { stages.emplace_back(message, writer_lock_free(repo)); };
    const bundle::BundleOutput output = bundle::write_bundle(repo, Catalog::builtin(), options);
    CHECK(output.documents == 1);
    CHECK(std::filesystem::exists(temp.path / "out.tar.gz"));
    REQUIRE(stages.size() >= 5);
    for (const auto& stage : stages) { // no structured binding: clang's lambdas in CAPTURE cannot take one
        CAPTURE(stage.first);
        CHECK(stage.second);
    }
    CHECK(writer_lock_free(repo)); // and after
}
