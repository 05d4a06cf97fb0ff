#include "lib/check/rules.hpp"
#include "lib/logscan/mask.hpp"
#include "lib/logscan/miner.hpp"
#include "lib/logscan/record.hpp"
#include "lib/logscan/review.hpp"
#include "lib/logscan/timestamp.hpp"
#include "lib/util/error.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

using namespace cswm;
using namespace cswm::logscan;

namespace {

std::string masked(std::string_view message) {
    MaskedMessage m;
    m.mask(message);
    std::string text;
    for (const std::string_view token : m.tokens()) {
        text += (text.empty() ? "" : " ") + std::string(token);
    }
    return text;
}

/// Mines the messages in order and returns each one's signature.
std::vector<SignatureId> mine(Miner& miner, const std::vector<std::string>& messages) {
    std::vector<SignatureId> ids;
    MaskedMessage m;
    for (const std::string& message : messages) {
        m.mask(message);
        ids.push_back(miner.add(m));
    }
    return ids;
}

/// Runs a test in a fixed time zone.
class Zone {
public:
    explicit Zone(const char* zone) {
        const char* old = std::getenv("TZ");
        m_old = old != nullptr ? std::optional<std::string>(old) : std::nullopt;
        ::setenv("TZ", zone, 1);
        ::tzset();
    }
    ~Zone() {
        if (m_old) {
            ::setenv("TZ", m_old->c_str(), 1);
        } else {
            ::unsetenv("TZ");
        }
        ::tzset();
    }
    Zone(const Zone&) = delete;
    Zone& operator=(const Zone&) = delete;

private:
    std::optional<std::string> m_old;
};

} // namespace

TEST_CASE("masking hides numbers, addresses, IDs and paths, not the words around them") {
    CHECK(masked("PacketResponder 1 for block blk_-6952295868487656571 terminating") ==
          "PacketResponder <n> for block blk_<n> terminating");
    CHECK(masked("Received block from /10.251.73.220:50010 size 67108864") == "Received block from /<ip>:<n> size <n>");
    CHECK(masked("rhost=173.234.31.186 uid=0") == "rhost=<ip> uid=<n>");
    CHECK(masked("session 0x14ede63a5a70000 expired, timeout of 10000ms") == "session <hex> expired, timeout of <n>ms");
    CHECK(masked("upload 8d1c2f0e-5b7a-4c1e-9f3d-2a6b8c0d4e11 done") == "upload <uuid> done");
    CHECK(masked("ok /etc/httpd/conf/workers2.properties") == "ok <path>");
    CHECK(masked("fetched https://example.com/a?b=1 in 3.5 s") == "fetched <url> in <n> s");
    CHECK(masked("bound to fe80::1 and 0:0:0:0:0:0:0:1") == "bound to <ip> and <ip>");
    CHECK(masked("checksum 9f2c1e7a4b8d3f10 of part") == "checksum <hex> of part");
    CHECK(masked("running v2.3.4 on API v1") == "running v<n> on API v1");
    CHECK(masked("-2 and +7 and rand-1") == "<n> and <n> and rand-<n>");
}

TEST_CASE("masking keeps digits that are part of a word, and short hex-looking words") {
    CHECK(masked("jk2_init() Found child in workers2 over ssh2") == "jk2_init() Found child in workers2 over ssh2");
    CHECK(masked("key ED25519 and word facade and time 17:41:44") ==
          "key ED25519 and word facade and time <n>:<n>:<n>");
    CHECK(masked("std::string a::b dead::beef") == "std::string a::b dead::beef");
}

TEST_CASE("a run of the same masked value is one variable, however long") {
    CHECK(masked("delete blk_1 blk_2 blk_3 now") == "delete blk_<n> now");
    CHECK(masked("delete blk_1 now") == "delete blk_<n> now");
    CHECK(masked("words words stay") == "words words stay");
}

TEST_CASE("masking reports which tokens are variables") {
    MaskedMessage m;
    m.mask("  user 42 logged in from jk2  ");
    REQUIRE(m.tokens().size() == 6);
    CHECK_FALSE(m.is_variable(0));
    CHECK(m.is_variable(1));
    CHECK(m.is_variable(5)); // a digit is enough
}

TEST_CASE("the miner groups messages of one template and keeps others apart") {
    Miner miner;
    const auto ids = mine(miner, {
                                     "Invalid user webmaster from 173.234.31.186",
                                     "Invalid user admin from 10.0.0.1",
                                     "Failed password for root from 10.0.0.1 port 22 ssh2",
                                     "Failed password for admin from 10.0.0.2 port 2222 ssh2",
                                     "Failed none for invalid user x from 10.0.0.1 port 22 ssh2",
                                     "Received disconnect from 1.2.3.4: 11: Bye Bye [preauth]",
                                     "Received disconnect from 1.2.3.5: 11: disconnected by user",
                                 });
    CHECK(ids[0] == ids[1]);
    CHECK(ids[2] == ids[3]);
    CHECK(ids[4] != ids[2]);
    CHECK(ids[5] != ids[6]); // same length and start, but half the words differ
    CHECK(miner.size() == 5);
    CHECK(miner.template_text(ids[0]) == "Invalid user <*> from <ip>");
    CHECK(miner.template_text(ids[2]) == "Failed password for <*> from <ip> port <n> ssh2");
}

TEST_CASE("exact signatures are never mined together") {
    Miner miner;
    const SignatureId a = miner.add_exact("GET /v1/files/<n> 404");
    const SignatureId b = miner.add_exact("GET /v1/files/<n> 200");
    CHECK(a != b);
    CHECK(miner.add_exact("GET /v1/files/<n> 404") == a);
    CHECK(miner.template_text(b) == "GET /v1/files/<n> 200");
}

TEST_CASE("past its signature limit the miner files new messages under one catch-all") {
    MinerSettings settings;
    settings.max_signatures = 3;
    Miner miner(settings);
    const auto ids = mine(miner, {"alpha one", "beta two three", "gamma", "delta four five six", "epsilon"});
    CHECK(miner.size() == 4);
    CHECK(ids[3] == ids[4]);
    CHECK(miner.is_catch_all(ids[3]));
    CHECK(miner.template_text(ids[3]) == "<*>");
    CHECK(mine(miner, {"alpha one"})[0] == ids[0]); // known templates still match
}

TEST_CASE("an empty message has its own signature") {
    Miner miner;
    const auto ids = mine(miner, {"", "   ", "x"});
    CHECK(ids[0] == ids[1]);
    CHECK(miner.template_text(ids[0]).empty());
}

TEST_CASE("level words of syslog, log4j, Python and Android") {
    CHECK(parse_level("ERROR") == Level::error);
    CHECK(parse_level("[warn]") == Level::warning);
    CHECK(parse_level("WARNING:") == Level::warning);
    CHECK(parse_level("crit") == Level::critical);
    CHECK(parse_level("emerg") == Level::fatal);
    CHECK(parse_level("SEVERE") == Level::error);
    CHECK(parse_level("Notice") == Level::notice);
    CHECK(parse_level("TRACE") == Level::debug);
    CHECK(parse_level("E") == Level::error);
    CHECK(parse_level("bogus") == Level::unknown);
    CHECK(parse_level("") == Level::unknown);
    CHECK(level_name(Level::warning) == "warning");
}

TEST_CASE("a message without a level gets one from its words") {
    CHECK(infer_level("fatal: Write failed: Connection reset by peer") == Level::fatal);
    CHECK(infer_level("error: Received disconnect") == Level::error);
    CHECK(infer_level("Failed password for root") == Level::error);
    CHECK(infer_level("connect() refused by upstream") == Level::warning);
    CHECK(infer_level("Error loading module") == Level::error);
    CHECK(infer_level("Accepted password for root") == Level::info);
}

TEST_CASE("timestamps in the forms logs write them") {
    const Zone zone("UTC");
    TimeReader reader("2026-01-05");
    auto read = [&](std::string_view text) {
        const auto time = reader.read(text);
        return time ? format_time(*time) : std::string("none");
    };
    CHECK(read("2026-11-02T09:00:03.120+08:00") == "2026-11-02T09:00:03+08:00");
    CHECK(read("2015-07-29 17:41:44,747") == "2015-07-29T17:41:44Z");
    CHECK(read("2026/11/16 08:14:02") == "2026-11-16T08:14:02Z");
    CHECK(read("[Sun Dec 04 04:47:44 2005]") == "2005-12-04T04:47:44Z");
    CHECK(read("Mon Nov 16 08:20:11.482913 2026") == "2026-11-16T08:20:11Z");
    CHECK(read("10/Oct/2000:13:55:36 -0700") == "2000-10-10T13:55:36-07:00");
    CHECK(read("081109 203615") == "2008-11-09T20:36:15Z");
    CHECK(read("1117838570") == "2005-06-03T22:42:50Z");
    CHECK(read("1117838570123") == "2005-06-03T22:42:50Z");
    CHECK(read("2026-11-02") == "2026-11-02T00:00:00Z");
    // No year: the latest year that does not put it after today (2026-01-05).
    CHECK(read("Dec 10 06:55:46") == "2025-12-10T06:55:46Z");
    CHECK(read("Jan  5 06:55:46") == "2026-01-05T06:55:46Z");
    CHECK(read("Dec 10 06:55") == "2025-12-10T06:55:00Z");
    CHECK(read("not a time") == "none");
    CHECK(read("2026-02-30 10:00:00") == "none");
    CHECK(read("2026-11-02T25:00:00") == "none");
}

TEST_CASE("timestamps without a zone are read in the local zone") {
    const Zone zone("Asia/Taipei");
    TimeReader reader("2026-12-01");
    const auto time = reader.read("2026-11-02 09:00:03");
    REQUIRE(time);
    CHECK(format_time(*time) == "2026-11-02T09:00:03+08:00");
    CHECK(time->seconds == 1793581203);
}

TEST_CASE("--since and --until take dates and times") {
    const Zone zone("UTC");
    TimeReader reader("2026-12-01");
    CHECK(format_time(parse_time_option(reader, "2026-11-03", "--since", false)) == "2026-11-03T00:00:00Z");
    CHECK(format_time(parse_time_option(reader, "2026-11-03", "--until", true)) == "2026-11-03T23:59:59Z");
    CHECK(format_time(parse_time_option(reader, "2026-11-03T12:00:00+08:00", "--until", true)) ==
          "2026-11-03T12:00:00+08:00");
    CHECK_THROWS_WITH_AS(parse_time_option(reader, "last week", "--since", false),
                         "--since last week: not a date or time; write it as 2026-11-02 or 2026-11-02T09:00:00+08:00",
                         Error);
}

TEST_CASE("signatures compare with their placeholders taken as equal") {
    CHECK(comparable_signature("merge request timed out after <n> s (attempt <n>/4)") ==
          comparable_signature("merge  request timed out after <*> s (attempt <*>/4) "));
    CHECK(comparable_signature("a <ip> b") == "a <*> b");
    CHECK(comparable_signature("a <not a placeholder> b") == "a <not a placeholder> b");
}

TEST_CASE("a warning is new when the latest earlier review of its file did not list it") {
    LogScan scan;
    scan.sources.resize(2);
    Signature known;
    known.text = "merge request timed out after <n> s";
    known.level = Level::warning;
    known.sources = {0};
    Signature fresh = known;
    fresh.text = "disk <path> is <n>% full";
    fresh.level = Level::error;
    Signature elsewhere = known;
    elsewhere.sources = {0, 1};
    Signature info = fresh;
    info.level = Level::info;
    scan.signatures = {known, fresh, elsewhere, info};
    const std::vector<std::string> keys = {"/var/log/app/upload.log", "/var/log/app/other.log"};
    const std::vector<EarlierReview> earlier = {
        {"2026-11-01", {"/var/log/app/*.log"}, {"disk <*> is <*>% full"}},
        {"2026-11-09", {"/var/log/app/upload.log"}, {"merge request timed out after <*> s"}},
        {"", {"/var/log/app/upload.log"}, {"disk <*> is <*>% full"}}, // undated: older than any date
    };
    mark_new(scan, keys, earlier);
    CHECK(scan.compared);
    CHECK(scan.signatures[0].is_new == false);
    CHECK(scan.signatures[1].is_new == true);
    CHECK(scan.signatures[2].is_new == true); // other.log's latest review (11-01) did not list it
    CHECK_FALSE(scan.signatures[3].is_new);   // below warning: reviews never list it
}

TEST_CASE("a masked signature is no scaffold placeholder to check") {
    CHECK(rules::is_placeholder(nlohmann::json("<who reviewed>")));
    CHECK_FALSE(rules::is_placeholder(nlohmann::json("<ip>:<n> failed to transfer blk_<n> to <ip>")));
    CHECK_FALSE(rules::is_placeholder(nlohmann::json("<n> > <n>")));
}
