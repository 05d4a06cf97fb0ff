#include "lib/util/error.hpp"
#include "lib/util/files.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

using namespace cswm;

namespace {

/// A fresh folder under the system's temporary folder, removed with everything in it.
class TempFolder {
public:
    TempFolder() {
        std::string pattern = (fs::temp_directory_path() / "cswm-files-test.XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        m_path = pattern;
    }
    ~TempFolder() {
        std::error_code error;
        fs::permissions(m_path, fs::perms::owner_all, fs::perm_options::add, error);
        fs::remove_all(m_path, error);
    }
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;
    const fs::path& path() const { return m_path; }
    fs::path operator/(const std::string& name) const { return m_path / name; }

private:
    fs::path m_path;
};

void write(const fs::path& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary);
    out << content;
}

std::string read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

mode_t mode_of(const fs::path& path) {
    struct stat status {};
    REQUIRE(::stat(path.c_str(), &status) == 0);
    return status.st_mode & 07777;
}

/// Names in `folder`, hidden ones included: a crash must leave no temporary file behind.
std::size_t entries(const fs::path& folder) {
    std::size_t count = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(folder)) {
        ++count;
    }
    return count;
}

} // namespace

TEST_CASE("read_regular_file reads a regular file whole") {
    TempFolder folder;
    write(folder / "a.yaml", std::string("id: FIX-001\n\0tail", 17));
    const ReadResult read = read_regular_file(folder / "a.yaml", 1024);
    CHECK(read.problem == ReadProblem::none);
    CHECK(read.size == 17);
    CHECK(read.content == std::string("id: FIX-001\n\0tail", 17));
    CHECK(read_regular_file(folder / "a.yaml", 17).problem == ReadProblem::none); // the limit itself is allowed
}

TEST_CASE("read_regular_file refuses a file over the limit before reading it") {
    TempFolder folder;
    const fs::path huge = folder / "huge.yaml";
    { std::ofstream create(huge); }
    fs::resize_file(huge, std::uintmax_t{100} << 20); // sparse: costs no disk
    const auto start = std::chrono::steady_clock::now();
    const ReadResult read = read_regular_file(huge, 1U << 20U);
    CHECK(read.problem == ReadProblem::too_large);
    CHECK(read.size == (std::uintmax_t{100} << 20));
    CHECK(read.content.empty());
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
    write(folder / "over.yaml", std::string(1025, 'x'));
    CHECK(read_regular_file(folder / "over.yaml", 1024).problem == ReadProblem::too_large);
}

TEST_CASE("read_regular_file never opens a folder, a FIFO or a missing file") {
    TempFolder folder;
    fs::create_directory(folder / "dir.yaml");
    const ReadResult dir = read_regular_file(folder / "dir.yaml", 1024);
    CHECK(dir.problem == ReadProblem::not_regular);
    CHECK(dir.detail == "a directory");

    REQUIRE(::mkfifo((folder / "fifo.yaml").c_str(), 0644) == 0);
    const auto start = std::chrono::steady_clock::now();
    const ReadResult fifo = read_regular_file(folder / "fifo.yaml", 1024); // must not block: no writer
    CHECK(fifo.problem == ReadProblem::not_regular);
    CHECK(fifo.detail == "a FIFO");
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));

    const ReadResult missing = read_regular_file(folder / "missing.yaml", 1024);
    CHECK(missing.problem == ReadProblem::unreadable);
    CHECK(missing.detail == "No such file or directory");
}

TEST_CASE("read_regular_file does not follow symbolic links, dangling, looping or valid") {
    TempFolder folder;
    write(folder / "target.yaml", "id: FIX-001\n");
    fs::create_symlink(folder / "target.yaml", folder / "link.yaml");
    fs::create_symlink(folder / "nowhere.yaml", folder / "dangling.yaml");
    fs::create_symlink(folder / "loop.yaml", folder / "loop.yaml");
    fs::create_directory(folder / "real");
    fs::create_directory_symlink(folder / "real", folder / "folder-link.yaml");
    for (const char* name : {"link.yaml", "dangling.yaml", "loop.yaml", "folder-link.yaml"}) {
        CAPTURE(name);
        const ReadResult read = read_regular_file(folder / name, 1024);
        CHECK(read.problem == ReadProblem::symlink);
        CHECK(read.content.empty());
    }
}

TEST_CASE("read_regular_file reports a file it may not read") {
    if (::geteuid() == 0) {
        MESSAGE("skipped: running as root, where mode 000 does not stop reads");
        return;
    }
    TempFolder folder;
    write(folder / "locked.yaml", "id: FIX-001\n");
    fs::permissions(folder / "locked.yaml", fs::perms::none);
    const ReadResult read = read_regular_file(folder / "locked.yaml", 1024);
    CHECK(read.problem == ReadProblem::unreadable);
    CHECK(read.detail == "Permission denied");
}

TEST_CASE("read_file_or_throw names the file and the reason") {
    TempFolder folder;
    write(folder / "a.yaml", "x");
    CHECK(read_file_or_throw(folder / "a.yaml") == "x");
    fs::create_directory(folder / "dir.yaml");
    CHECK_THROWS_WITH_AS(read_file_or_throw(folder / "dir.yaml"),
                         ((folder / "dir.yaml").string() + ": is a directory, not a regular file").c_str(), Error);
    CHECK_THROWS_AS(read_file_or_throw(folder / "missing.yaml"), Error);
}

TEST_CASE("create_file_exclusively never overwrites and leaves no temporary file") {
    TempFolder folder;
    const fs::path file = folder / "FIX-001-a.yaml";
    CHECK(create_file_exclusively(file, "first\n"));
    CHECK(read(file) == "first\n");
    CHECK(mode_of(file) == 0644);
    CHECK_FALSE(create_file_exclusively(file, "second\n"));
    CHECK(read(file) == "first\n");
    // Not through a symbolic link either, even a dangling one.
    fs::create_symlink(folder / "elsewhere.yaml", folder / "FIX-002-a.yaml");
    CHECK_FALSE(create_file_exclusively(folder / "FIX-002-a.yaml", "third\n"));
    CHECK_FALSE(fs::exists(folder / "elsewhere.yaml"));
    // Nor over a folder.
    fs::create_directory(folder / "FIX-003-a.yaml");
    CHECK_FALSE(create_file_exclusively(folder / "FIX-003-a.yaml", "fourth\n"));
    CHECK(entries(folder.path()) == 3);
}

TEST_CASE("create_file_exclusively throws when the folder does not exist") {
    TempFolder folder;
    CHECK_THROWS_AS(create_file_exclusively(folder / "missing" / "FIX-001.yaml", "x"), Error);
}

TEST_CASE("write_file_atomically replaces the content and keeps the mode") {
    TempFolder folder;
    const fs::path file = folder / "FIX-001-a.yaml";
    write(file, "old content that is longer than the new one\n");
    REQUIRE(::chmod(file.c_str(), 0640) == 0);
    write_file_atomically(file, "new\n");
    CHECK(read(file) == "new\n");
    CHECK(mode_of(file) == 0640);
    REQUIRE(::chmod(file.c_str(), 0755) == 0);
    write_file_atomically(file, "again\n");
    CHECK(mode_of(file) == 0755);
    CHECK(entries(folder.path()) == 1);
    // A new file gets 0644.
    write_file_atomically(folder / "new.json", "{}\n");
    CHECK(mode_of(folder / "new.json") == 0644);
    CHECK(read(folder / "new.json") == "{}\n");
    // Without the fsyncs (a cache): the same file, the same mode, no temporary left.
    write_file_atomically(file, "cached\n", Durability::rename_only);
    CHECK(read(file) == "cached\n");
    CHECK(mode_of(file) == 0755);
    CHECK(entries(folder.path()) == 2);
}

TEST_CASE("write_file_atomically replaces a symbolic link rather than writing through it") {
    TempFolder folder;
    write(folder / "target.json", "target\n");
    fs::create_symlink(folder / "target.json", folder / "link.json");
    write_file_atomically(folder / "link.json", "new\n");
    CHECK(read(folder / "target.json") == "target\n");
    CHECK_FALSE(fs::is_symlink(folder / "link.json"));
    CHECK(read(folder / "link.json") == "new\n");
}

TEST_CASE("write_file_atomically throws, and leaves nothing, when it cannot write") {
    TempFolder folder;
    CHECK_THROWS_AS(write_file_atomically(folder / "missing" / "a.json", "x"), Error);
    fs::create_directory(folder / "dir.json");
    CHECK_THROWS_AS(write_file_atomically(folder / "dir.json", "x"), Error);
    CHECK(fs::is_directory(folder / "dir.json"));
    CHECK(entries(folder.path()) == 1);
}

TEST_CASE("FileLock excludes a second holder until released") {
    TempFolder folder;
    const fs::path lock_file = folder / "cswm.lock";
    {
        const FileLock lock(lock_file);
        CHECK(fs::exists(lock_file));
    }
    const FileLock again(lock_file); // released by the destructor: no deadlock
    CHECK(fs::exists(lock_file));
}

TEST_CASE("is_temporary_name knows the names of our temporary files and nothing else") {
    CHECK(is_temporary_name(".SRS-001-x.yaml.0123456789abcdef.tmp"));
    CHECK(is_temporary_name(".a.0000000000000000.tmp"));
    CHECK_FALSE(is_temporary_name("SRS-001-x.yaml.0123456789abcdef.tmp"));  // not hidden
    CHECK_FALSE(is_temporary_name(".SRS-001-x.yaml.0123456789ABCDEF.tmp")); // upper case
    CHECK_FALSE(is_temporary_name(".SRS-001-x.yaml.0123456789abcde.tmp"));  // 15 digits
    CHECK_FALSE(is_temporary_name(".SRS-001-x.yaml0123456789abcdef.tmp"));  // no dot
    CHECK_FALSE(is_temporary_name("..0123456789abcdef.tmp"));               // no name
    CHECK_FALSE(is_temporary_name(".notes.tmp"));
    CHECK_FALSE(is_temporary_name(".SRS-001-x.yaml.0123456789abcdef.tmp~"));
}

TEST_CASE("remove_stale_temporaries removes only old regular files of our pattern") {
    TempFolder folder;
    const auto age = [&](const std::string& name, std::chrono::minutes ago) {
        const auto when = fs::file_time_type::clock::now() - ago;
        fs::last_write_time(folder / name, when);
    };
    write(folder / ".a.yaml.0123456789abcdef.tmp", "killed halfway");
    age(".a.yaml.0123456789abcdef.tmp", std::chrono::minutes(30));
    write(folder / ".b.yaml.fedcba9876543210.tmp", "a write still going on");
    write(folder / ".notes.tmp", "someone else's");
    age(".notes.tmp", std::chrono::minutes(30));
    write(folder / "a.yaml", "kind: srs\n");
    age("a.yaml", std::chrono::minutes(30));
    fs::create_directory(folder / ".c.yaml.0123456789abcdef.tmp");
    age(".c.yaml.0123456789abcdef.tmp", std::chrono::minutes(30));
    write(folder.path().parent_path() / (folder.path().filename().string() + ".target"), "not ours to remove");
    fs::create_symlink(folder.path().parent_path() / (folder.path().filename().string() + ".target"),
                       folder / ".d.yaml.0123456789abcdef.tmp");

    CHECK(remove_stale_temporaries(folder.path()) == 1);
    CHECK_FALSE(fs::exists(folder / ".a.yaml.0123456789abcdef.tmp"));
    CHECK(fs::exists(folder / ".b.yaml.fedcba9876543210.tmp")); // young: maybe a live write
    CHECK(fs::exists(folder / ".notes.tmp"));
    CHECK(fs::exists(folder / "a.yaml"));
    CHECK(fs::is_directory(folder / ".c.yaml.0123456789abcdef.tmp"));
    CHECK(fs::is_symlink(folder / ".d.yaml.0123456789abcdef.tmp"));
    fs::remove(folder.path().parent_path() / (folder.path().filename().string() + ".target"));

    CHECK(remove_stale_temporaries(folder.path(), std::chrono::seconds(0)) == 1); // the young one
    CHECK(remove_stale_temporaries(folder / "missing") == 0);
}

TEST_CASE("relative_to gives repository paths with / and leaves outside paths alone") {
    CHECK(relative_to("/repo/maint/srs/SRS-001.yaml", "/repo") == "maint/srs/SRS-001.yaml");
    CHECK(relative_to("/repo", "/repo") == ".");
    CHECK(relative_to("/elsewhere/x.yaml", "/repo") == "/elsewhere/x.yaml");
    CHECK(relative_to("/repo2/x.yaml", "/repo") == "/repo2/x.yaml");
}

TEST_CASE("relative_to: its shortcut for a path plainly below gives what lexically_relative gives") {
    // What relative_to gave before the shortcut, for every path.
    const auto by_elements = [](const fs::path& path, const fs::path& base) {
        const fs::path relative = path.lexically_relative(base);
        return relative.empty() || *relative.begin() == ".." ? path.generic_string() : relative.generic_string();
    };
    const std::vector<std::string> bases{"/repo", "/repo/", "/a/../repo", "/repo//b", ".", "repo", "/", ""};
    const std::vector<std::string> below{
        "x.yaml", "maint/srs/x.yaml", "maint//x.yaml", "./x.yaml", "maint/./x",   "maint/../x",
        "..",     "maint/",           "maint/x/",      ".hidden",  "a..b/c.yaml", ""};
    for (const std::string& base : bases) {
        for (const std::string& rest : below) {
            for (const std::string& path : {base + "/" + rest, base + rest, "/elsewhere/" + rest}) {
                CHECK_MESSAGE(relative_to(path, base) == by_elements(path, base), path << " from " << base);
            }
        }
    }
}
