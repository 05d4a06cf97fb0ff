#pragma once

// Charts as inline SVG, written here without scripts or fonts from the network, for pages
// that must read offline (the bundle's index.html). Output is deterministic: the same
// data gives the same bytes.

#include <string>
#include <string_view>
#include <vector>

namespace cswm::chart {

/// Escapes text for XML and HTML content and attribute values: & < > " ' and control
/// bytes (as U+FFFD). Every piece of text a chart shows goes through it.
std::string escape_xml(std::string_view text);

/// A number as charts write it: at most two decimals, no trailing zeros, never "-0",
/// never exponent notation, whatever the locale.
std::string format_number(double value);

/// One bar: its label and one value per series (stacked bottom to top).
struct Bar {
    std::string label;
    std::vector<double> values;
};

/// A vertical bar chart, stacked when there are several series.
struct BarChart {
    std::string title;               ///< also the SVG's accessible name
    std::string value_label;         ///< what the vertical axis counts, such as "cases"
    std::vector<std::string> series; ///< names in the legend, in stacking order
    std::vector<Bar> bars;
    std::string empty_text; ///< said instead of a chart when there is nothing to draw
};

/// The chart as an `<svg>` element, or `<p class="chart-empty">empty_text</p>` when there
/// are no bars (bars of zero are drawn: a zero is data).
std::string render_bar_chart(const BarChart& chart);

} // namespace cswm::chart
