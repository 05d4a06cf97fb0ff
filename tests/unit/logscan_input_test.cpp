#include "lib/logscan/detectors.hpp"
#include "lib/logscan/line_format.hpp"
#include "lib/logscan/reader.hpp"
#include "lib/logscan/scan.hpp"
#include "lib/util/error.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>
#include <zlib.h>

using namespace cswm;
using namespace cswm::logscan;
namespace fs = std::filesystem;

namespace {

/// A fresh folder under the system's temporary folder, removed with everything in it.
class TempFolder {
public:
    TempFolder() {
        std::string pattern = (fs::temp_directory_path() / "cswm-logscan-test.XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        m_path = pattern;
    }
    ~TempFolder() {
        std::error_code error;
        fs::remove_all(m_path, error);
    }
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;
    fs::path operator/(const std::string& name) const { return m_path / name; }
    const fs::path& path() const { return m_path; }

private:
    fs::path m_path;
};

void write(const fs::path& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary);
    out << content;
}

void write_gzip(const fs::path& path, const std::string& content) {
    gzFile file = gzopen(path.c_str(), "wb");
    REQUIRE(file != nullptr);
    REQUIRE(gzwrite(file, content.data(), static_cast<unsigned>(content.size())) == static_cast<int>(content.size()));
    gzclose(file);
}

std::vector<std::string> lines_of(const fs::path& path) {
    LogReader reader(path, path.filename().string());
    std::vector<std::string> lines;
    std::string_view line;
    while (reader.next(line)) {
        lines.emplace_back(line);
    }
    return lines;
}

std::string split_text(const LineFormat& format, std::string_view line) {
    LineFields fields;
    if (!format.split(line, fields)) {
        return "no match";
    }
    std::string time;
    for (std::size_t i = 0; i < fields.time_parts; ++i) {
        time += (i > 0 ? "|" : "") + std::string(fields.time[i]);
    }
    return fmt::format("time={} level={} component={} content={}", time, fields.level, fields.component,
                       fields.content);
}

} // namespace

TEST_CASE("Loghub's line formats split their lines") {
    const auto hdfs = LineFormat::compile("<Date> <Time> <Pid> <Level> <Component>: <Content>");
    CHECK(split_text(hdfs, "081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 terminating") ==
          "time=081109|203615 level=INFO component=dfs.DataNode$PacketResponder content=PacketResponder 1 terminating");
    const auto zookeeper = LineFormat::compile("<Date> <Time> - <Level>  \\[<Node>:<Component>@<Id>\\] - <Content>");
    CHECK(split_text(zookeeper, "2015-07-29 17:41:44,747 - INFO  [QuorumPeer[myid=1]/0:0:0:0:0:0:0:0:2181:"
                                "FastLeaderElection@774] - Notification time out: 3200") ==
          "time=2015-07-29|17:41:44,747 level=INFO component=0:0:0:0:0:0:0:2181:FastLeaderElection "
          "content=Notification time out: 3200");
    const auto apache = LineFormat::compile("\\[<Time>\\] \\[<Level>\\] <Content>");
    CHECK(split_text(apache, "[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok /etc/x") ==
          "time=Sun Dec 04 04:47:44 2005 level=notice component= content=workerEnv.init() ok /etc/x");
    CHECK(split_text(apache, "no brackets here") == "no match");
}

TEST_CASE("optional parts and placeholders that must look further for their end") {
    const auto linux = LineFormat::compile("<Month> <Date> <Time> <Level> <Component>(\\[<PID>\\])?: <Content>");
    CHECK(split_text(linux, "Jun 14 15:16:01 combo sshd(pam_unix)[19939]: check pass; user unknown") ==
          "time=Jun|14|15:16:01 level=combo component=sshd(pam_unix) content=check pass; user unknown");
    CHECK(split_text(linux, "Jun 15 04:06:18 combo su(pam_unix): session opened") ==
          "time=Jun|15|04:06:18 level=combo component=su(pam_unix) content=session opened");
    // The component may hold ": " itself only if the rest still fits: shortest match first.
    const auto colon = LineFormat::compile("<Component>: <Content>");
    CHECK(split_text(colon, "a: b: c") == "time= level= component=a content=b: c");
}

TEST_CASE("a line format that cannot work is refused with the reason") {
    CHECK_THROWS_WITH_AS(LineFormat::compile("<Date> <Time> <Level>"), doctest::Contains("no <Content> placeholder"),
                         Error);
    CHECK_THROWS_WITH_AS(LineFormat::compile("<Level><Content>"), doctest::Contains("<Level> is followed by another"),
                         Error);
    CHECK_THROWS_WITH_AS(LineFormat::compile("<Time> (<Pid>: <Content>"), doctest::Contains("'(' without its ')'"),
                         Error);
    CHECK_THROWS_WITH_AS(LineFormat::compile("<Time> (x) <Content>"), doctest::Contains("must be optional"), Error);
    CHECK_THROWS_WITH_AS(LineFormat::compile("<Time> x) <Content>"), doctest::Contains("')' without its '('"), Error);
    CHECK_THROWS_WITH_AS(LineFormat::compile("<Content> \\"), doctest::Contains("nothing after it"), Error);
    // A '<' that opens no name is plain text.
    CHECK(split_text(LineFormat::compile("<<Level>> <Content>"), "<warn> x") ==
          "time= level=warn component= content=x");
}

TEST_CASE("built-in formats split their lines") {
    LineFields fields;
    std::string scratch;
    REQUIRE(
        split_builtin(Builtin::syslog, "Dec 10 06:55:46 LabSZ sshd[24200]: Invalid user webmaster", fields, scratch));
    CHECK(fields.time[0] == "Dec 10 06:55:46");
    CHECK(fields.component == "sshd");
    CHECK(fields.content == "Invalid user webmaster");
    REQUIRE(split_builtin(Builtin::syslog, "<11>2026-11-16T08:14:02+08:00 web-1 kernel: oops", fields, scratch));
    CHECK(fields.known_level == Level::error);
    CHECK(fields.content == "oops");
    REQUIRE(split_builtin(Builtin::syslog5424, "<165>1 2026-11-16T08:14:02.003Z web-1 app 1187 ID47 [a b=\"\\]\"] hi",
                          fields, scratch));
    CHECK(fields.known_level == Level::notice);
    CHECK(fields.component == "app");
    CHECK(fields.content == "hi");
    REQUIRE(split_builtin(Builtin::apache_error,
                          "[Mon Nov 16 08:20:11.482913 2026] [proxy:error] [pid 3312:tid 1] AH00957: failed", fields,
                          scratch));
    CHECK(fields.level == "error");
    CHECK(fields.content == "AH00957: failed");
    REQUIRE(split_builtin(Builtin::nginx_error, "2026/11/16 08:14:02 [warn] 1187#1187: *30112 SSL failed", fields,
                          scratch));
    CHECK(fields.level == "warn");
    CHECK(fields.content == "SSL failed");
    REQUIRE(split_builtin(Builtin::iso, "2026-11-02T09:00:04.002+08:00 WARN  [poller] preview.Queue - long", fields,
                          scratch));
    CHECK(fields.level == "WARN");
    CHECK(fields.component == "poller");
    CHECK(fields.content == "preview.Queue - long");
    CHECK_FALSE(split_builtin(Builtin::iso, "2026-11-02T09:00:04 nothing like a level here at all", fields, scratch));
}

TEST_CASE("access-log lines become one signature per method, route and status") {
    LineFields fields;
    std::string scratch;
    REQUIRE(split_builtin(Builtin::access,
                          "1.2.3.4 - bob [02/Nov/2026:15:55:01 +0800] \"GET /v1/files/88213/preview?page=1 HTTP/1.1\" "
                          "200 48213 \"-\" \"curl\"",
                          fields, scratch));
    CHECK(fields.exact);
    CHECK(fields.content == "GET /v1/files/<n>/preview 200");
    CHECK(fields.known_level == Level::info);
    CHECK(fields.time[0] == "[02/Nov/2026:15:55:01 +0800]");
    REQUIRE(split_builtin(Builtin::access, "1.2.3.4 - - [02/Nov/2026:15:55:01 +0800] \"\\x16\\x03\" 400 0", fields,
                          scratch));
    CHECK(fields.content == "<invalid request> 400");
    CHECK(fields.known_level == Level::warning);
    REQUIRE(split_builtin(Builtin::access,
                          "1.2.3.4 - - [02/Nov/2026:15:55:01 +0800] \"GET http://h.example/a/9 HTTP/1.1\" 502 0",
                          fields, scratch));
    CHECK(fields.content == "GET /a/<n> 502");
    CHECK(fields.known_level == Level::error);
}

TEST_CASE("the format most of a file's first lines fit is chosen") {
    CHECK(detect_format(std::vector<std::string>{"Dec 10 06:55:46 LabSZ sshd[1]: a", "Dec 10 06:55:47 LabSZ sshd[1]: b",
                                                 "garbage"}) == Builtin::syslog);
    CHECK(detect_format(std::vector<std::string>{"2026-11-02 09:00:03,120 INFO x", "\tat a.b(C.java:1)",
                                                 "2026-11-02 09:00:04,000 ERROR y"}) == Builtin::iso);
    CHECK(detect_format(std::vector<std::string>{"[Sun Dec 04 04:47:44 2005] [notice] x"}) == Builtin::apache_error);
    CHECK(detect_format(std::vector<std::string>{"just text", "more text", "Dec 10 06:55:46 h t: x"}) ==
          Builtin::plain);
    CHECK(detect_format(std::vector<std::string>{}) == Builtin::plain);
    CHECK(builtin_name(Builtin::nginx_error) == "nginx error log");
}

TEST_CASE("the reader streams plain and gzip files alike, line by line") {
    TempFolder folder;
    const std::string text = "first\r\nsecond\n\nlast without newline";
    write(folder / "plain.log", text);
    write_gzip(folder / "packed.log.gz", text);
    const std::vector<std::string> expected = {"first", "second", "", "last without newline"};
    CHECK(lines_of(folder / "plain.log") == expected);
    CHECK(lines_of(folder / "packed.log.gz") == expected);
    CHECK(LogReader(folder / "packed.log.gz", "packed").compressed());
    write(folder / "empty.log", "");
    CHECK(lines_of(folder / "empty.log").empty());
}

TEST_CASE("a line past 64 KiB is cut, and the rest of it skipped") {
    TempFolder folder;
    write(folder / "long.log", "a\n" + std::string(200000, 'x') + "\nb\n");
    LogReader reader(folder / "long.log", "long.log");
    std::string_view line;
    REQUIRE(reader.next(line));
    REQUIRE(reader.next(line));
    CHECK(line.size() == 64 * 1024);
    REQUIRE(reader.next(line));
    CHECK(line == "b");
    CHECK(reader.line_number() == 3);
    CHECK(reader.cut_lines() == 1);
    CHECK_FALSE(reader.next(line));
}

TEST_CASE("what is not a readable text log is refused, naming the file") {
    TempFolder folder;
    CHECK_THROWS_WITH_AS(LogReader(folder / "missing.log", "missing.log"), "missing.log: No such file or directory",
                         Error);
    CHECK_THROWS_WITH_AS(LogReader(folder.path(), "logs"), doctest::Contains("logs: is a folder"), Error);
    write(folder / "binary.log", std::string("PK\x03\x04\0\0\x14\0garbage", 16));
    CHECK_THROWS_WITH_AS(LogReader(folder / "binary.log", "binary.log"),
                         doctest::Contains("binary.log: binary data, not a text log (a NUL byte at offset 4)"), Error);
    write(folder / "log.xz", std::string("\xFD"
                                         "7zXZ\0\0",
                                         7));
    CHECK_THROWS_WITH_AS(LogReader(folder / "log.xz", "log.xz"), doctest::Contains("xz-compressed"), Error);
    std::string packed;
    write_gzip(folder / "whole.gz", std::string(100000, 'a') + "\n");
    {
        std::ifstream in(folder / "whole.gz", std::ios::binary);
        packed.assign(std::istreambuf_iterator<char>(in), {});
    }
    write(folder / "cut.gz", packed.substr(0, packed.size() / 2));
    CHECK_THROWS_WITH_AS(lines_of(folder / "cut.gz"), doctest::Contains("cut.gz: corrupt or truncated gzip data"),
                         Error);
}

TEST_CASE("a scan keeps continuation lines with their entry and the range given") {
    TempFolder folder;
    write(folder / "app.log", "2026-11-02T09:00:00Z INFO start\n"
                              "2026-11-02T10:00:00Z ERROR failed 1\n"
                              "java.lang.Exception: x\n"
                              "\tat a.b(C.java:1)\n"
                              "\n"
                              "2026-11-03T10:00:00Z ERROR failed 2\n"
                              "2026-11-04T10:00:00Z INFO stop\n");
    ScanRequest request;
    request.files = {"app.log"};
    request.cwd = folder.path();
    request.today = "2026-12-01";
    std::vector<std::string> outcomes;
    const LineSink sink = [&](const LineOutcome& outcome) {
        outcomes.push_back(fmt::format("{}:{}{}", outcome.line,
                                       outcome.signature ? signature_name(*outcome.signature) : "-",
                                       outcome.continuation ? "+" : ""));
    };
    LogScan scan = scan_logs(request, sink);
    CHECK(outcomes == std::vector<std::string>{"1:S1", "2:S2", "3:S2+", "4:S2+", "5:-", "6:S2", "7:S3"});
    REQUIRE(scan.signatures.size() == 3);
    CHECK(scan.signatures[0].text == "failed <n>");
    CHECK(scan.signatures[0].level == Level::error);
    CHECK(scan.signatures[0].count == 2);
    CHECK(format_time(*scan.signatures[0].last_seen) == "2026-11-03T10:00:00Z");
    CHECK(scan.sources[0].continuation_lines == 2);
    CHECK(scan.sources[0].format == "ISO-timestamp log");

    request.since = "2026-11-02T09:30:00Z";
    request.until = "2026-11-03";
    outcomes.clear();
    scan = scan_logs(request, sink);
    CHECK(outcomes == std::vector<std::string>{"1:-", "2:S1", "3:S1+", "4:S1+", "5:-", "6:S1", "7:-"});
    CHECK(scan.sources[0].outside_range == 2);
    CHECK(scan.entries == 2);

    request.until = "2026-11-01";
    CHECK_THROWS_WITH_AS(scan_logs(request), doctest::Contains("--until 2026-11-01 is before --since"), Error);
}

TEST_CASE("every file is checked before any is read") {
    TempFolder folder;
    write(folder / "good.log", "hello\n");
    ScanRequest request;
    request.files = {"good.log", "missing.log"};
    request.cwd = folder.path();
    int lines = 0;
    CHECK_THROWS_WITH_AS(scan_logs(request, [&](const LineOutcome&) { ++lines; }),
                         "missing.log: No such file or directory", Error);
    CHECK(lines == 0);
}
