// Charts as inline SVG: numbers written the same everywhere, every text escaped by one
// function, and a sentence instead of an empty chart.

#include "lib/chart/svg.hpp"

#include <doctest/doctest.h>

#include <limits>
#include <string>

using namespace cswm::chart;

namespace {

std::size_t count_of(const std::string& text, const std::string& needle) {
    std::size_t count = 0;
    for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
        ++count;
    }
    return count;
}

BarChart outcomes() {
    BarChart chart;
    chart.title = "Test outcomes";
    chart.value_label = "cases";
    chart.series = {"passed", "failed"};
    chart.bars = {{"TR-007 2026-10-03", {5, 2}}, {"TR-008 2026-10-20", {7, 0}}};
    chart.empty_text = "No test report has results yet.";
    return chart;
}

} // namespace

TEST_CASE("format_number: two decimals at most, no trailing zeros, no -0, no exponent") {
    CHECK(format_number(0) == "0");
    CHECK(format_number(-0.0) == "0");
    CHECK(format_number(-0.001) == "0");
    CHECK(format_number(2.0) == "2");
    CHECK(format_number(1.5) == "1.5");
    CHECK(format_number(1.0 / 3.0) == "0.33");
    CHECK(format_number(2.0 / 3.0) == "0.67");
    CHECK(format_number(-12.345) == "-12.35");
    CHECK(format_number(1e15) == "1000000000000000");
    CHECK(format_number(std::numeric_limits<double>::quiet_NaN()) == "0");
    CHECK(format_number(std::numeric_limits<double>::infinity()) == "0");
}

TEST_CASE("escape_xml: markup characters, control bytes and invalid UTF-8") {
    CHECK(escape_xml("a < b && c > \"d\" 'e'") == "a &lt; b &amp;&amp; c &gt; &quot;d&quot; &#39;e&#39;");
    CHECK(escape_xml("測試報告 TR-007") == "測試報告 TR-007");
    CHECK(escape_xml("bell\x07") == "bell\xEF\xBF\xBD");
    CHECK(escape_xml("bad \xff byte") == "bad \xEF\xBF\xBD byte");
    CHECK(escape_xml("cut \xE6\xB8") == "cut \xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK(escape_xml("line\nbreak\ttab") == "line\nbreak\ttab");
}

TEST_CASE("render_bar_chart: an SVG with one rectangle per value above zero, and a legend") {
    const std::string svg = render_bar_chart(outcomes());
    CHECK(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    CHECK(svg.find("<script") == std::string::npos);
    CHECK(svg.find("<title>Test outcomes</title>") != std::string::npos);
    // three values above zero, and two legend swatches
    CHECK(count_of(svg, "<rect ") == 5);
    CHECK(svg.find("TR-007 2026-10-03: passed 5") != std::string::npos);
    CHECK(svg.find("TR-007 2026…") != std::string::npos); // a long label is cut under its bar
    CHECK(render_bar_chart(outcomes()) == svg);           // deterministic
}

TEST_CASE("render_bar_chart: every text goes through escape_xml") {
    BarChart chart = outcomes();
    chart.title = "<script>alert(1)</script>";
    chart.series = {"a&b", "\"quoted\""};
    chart.bars = {{"<img src=x onerror=alert(1)>", {1, 1}}};
    const std::string svg = render_bar_chart(chart);
    CHECK(svg.find("<script>") == std::string::npos);
    CHECK(svg.find("<img") == std::string::npos);
    CHECK(svg.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(svg.find("a&amp;b") != std::string::npos);
    CHECK(svg.find("&quot;quoted&quot;") != std::string::npos);
}

TEST_CASE("render_bar_chart: no bars is a sentence, not an empty chart; zeros are data") {
    BarChart chart = outcomes();
    chart.bars.clear();
    chart.empty_text = "No <fix> yet & none verified.";
    CHECK(render_bar_chart(chart) == "<p class=\"chart-empty\">No &lt;fix&gt; yet &amp; none verified.</p>\n");

    chart.bars = {{"FIX-012", {0}}};
    chart.series = {"days"};
    const std::string svg = render_bar_chart(chart);
    CHECK(svg.starts_with("<svg"));
    CHECK(count_of(svg, "<rect ") == 0);
    CHECK(svg.find(">FIX-012<") != std::string::npos);
}

TEST_CASE("render_bar_chart: the axis top is a round number above the largest stack") {
    BarChart chart = outcomes();
    chart.bars = {{"A", {37, 0}}};
    const std::string svg = render_bar_chart(chart);
    CHECK(svg.find(">50</text>") != std::string::npos);
    CHECK(svg.find(">37</text>") != std::string::npos);
}
