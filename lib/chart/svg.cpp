#include "lib/chart/svg.hpp"

#include "lib/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace cswm::chart {
namespace {

// Colours that print distinguishably in grey, for up to six series.
constexpr std::array<const char*, 6> k_colours{"#2e7d32", "#c62828", "#f9a825", "#78909c", "#1565c0", "#6a1b9a"};

constexpr int k_width = 640;
constexpr int k_height = 300;
constexpr int k_left = 48;
constexpr int k_right = 16;
constexpr int k_top = 32;
constexpr int k_bottom = 64;
constexpr std::size_t k_label_columns = 12;

/// A "nice" top for the axis: 1, 2 or 5 times a power of ten, at least `maximum`.
double axis_top(double maximum) {
    if (maximum <= 1) {
        return 1;
    }
    const double magnitude = std::pow(10.0, std::floor(std::log10(maximum)));
    for (const double step : {1.0, 2.0, 5.0, 10.0}) {
        if (step * magnitude >= maximum) {
            return step * magnitude;
        }
    }
    return 10 * magnitude;
}

/// A label cut to a width that fits under its bar (whole characters, an ellipsis).
std::string short_label(const std::string& label) {
    if (display_width(label) <= k_label_columns) {
        return label;
    }
    std::string cut;
    std::size_t offset = 0;
    while (offset < label.size()) {
        const std::size_t start = offset;
        next_code_point(label, offset);
        const std::string next = cut + label.substr(start, offset - start);
        if (display_width(next) > k_label_columns - 1) {
            break;
        }
        cut = next;
    }
    return cut + "…";
}

} // namespace

std::string escape_xml(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t offset = 0;
    while (offset < text.size()) {
        const auto byte = static_cast<unsigned char>(text[offset]);
        switch (byte) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            if ((byte < 0x20 && byte != '\n' && byte != '\t') || byte == 0x7f) {
                out += "\xEF\xBF\xBD"; // XML 1.0 cannot hold control characters at all
            } else if (byte < 0x80) {
                out += static_cast<char>(byte);
            } else {
                // Multi-byte UTF-8 is copied whole; a byte that starts no valid sequence
                // becomes U+FFFD.
                const auto invalid = find_invalid_utf8(text.substr(offset, 4));
                std::size_t length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2;
                length = std::min(length, text.size() - offset);
                if (byte < 0xC2 || byte > 0xF4 || (invalid && *invalid < length)) {
                    out += "\xEF\xBF\xBD";
                } else {
                    out.append(text.substr(offset, length));
                    offset += length;
                    continue;
                }
            }
        }
        ++offset;
    }
    return out;
}

std::string format_number(double value) {
    if (!std::isfinite(value)) {
        return "0";
    }
    const double rounded = std::round(value * 100.0) / 100.0;
    std::string text = fmt::format("{:.2f}", rounded == 0.0 ? 0.0 : rounded);
    while (text.back() == '0') {
        text.pop_back();
    }
    if (text.back() == '.') {
        text.pop_back();
    }
    return text;
}

std::string render_bar_chart(const BarChart& chart) {
    double maximum = 0;
    for (const Bar& bar : chart.bars) {
        double total = 0;
        for (const double value : bar.values) {
            total += std::max(value, 0.0);
        }
        maximum = std::max(maximum, total);
    }
    if (chart.bars.empty()) {
        return fmt::format("<p class=\"chart-empty\">{}</p>\n", escape_xml(chart.empty_text));
    }
    const double top = axis_top(maximum);
    const int plot_width = k_width - k_left - k_right;
    const int plot_height = k_height - k_top - k_bottom;
    const double slot = static_cast<double>(plot_width) / static_cast<double>(chart.bars.size());
    const double bar_width = std::min(slot * 0.7, 48.0);
    auto y_of = [&](double value) { return k_top + plot_height - value / top * plot_height; };

    std::string svg = fmt::format("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"{}\" "
                                  "height=\"{}\" role=\"img\" aria-label=\"{}\" class=\"chart\">\n",
                                  k_width, k_height, k_width, k_height, escape_xml(chart.title));
    svg += fmt::format("<title>{}</title>\n", escape_xml(chart.title));
    // Axis: four gridlines with their values, and what is counted.
    for (int step = 0; step <= 4; ++step) {
        const double value = top * step / 4.0;
        const std::string y = format_number(y_of(value));
        svg += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#cfd8dc\" stroke-width=\"1\"/>\n",
                           k_left, y, k_width - k_right, y);
        svg += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">{}</text>\n", k_left - 6,
                           format_number(y_of(value) + 4), format_number(value));
    }
    svg += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\">{}</text>\n", 4, k_top - 14,
                       escape_xml(chart.value_label));
    for (std::size_t i = 0; i < chart.bars.size(); ++i) {
        const Bar& bar = chart.bars[i];
        const double x = k_left + slot * static_cast<double>(i) + (slot - bar_width) / 2;
        double base = 0;
        for (std::size_t s = 0; s < bar.values.size(); ++s) {
            const double value = std::max(bar.values[s], 0.0);
            if (value <= 0) {
                continue;
            }
            const std::string name = s < chart.series.size() ? chart.series[s] : std::string();
            svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>{}: {} "
                               "{}</title></rect>\n",
                               format_number(x), format_number(y_of(base + value)), format_number(bar_width),
                               format_number(value / top * plot_height), k_colours[s % k_colours.size()],
                               escape_xml(bar.label), escape_xml(name), format_number(value));
            base += value;
        }
        svg += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\">{}<title>{}</title>"
                           "</text>\n",
                           format_number(x + bar_width / 2), k_top + plot_height + 16,
                           escape_xml(short_label(bar.label)), escape_xml(bar.label));
        svg += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"10\" text-anchor=\"middle\">{}</text>\n",
                           format_number(x + bar_width / 2), format_number(y_of(base) - 4), format_number(base));
    }
    // Legend, left to right under the labels.
    if (chart.series.size() > 1) {
        int x = k_left;
        for (std::size_t s = 0; s < chart.series.size(); ++s) {
            svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{}\"/>\n", x, k_height - 22,
                               k_colours[s % k_colours.size()]);
            svg += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\">{}</text>\n", x + 14, k_height - 13,
                               escape_xml(chart.series[s]));
            x += 24 + static_cast<int>(display_width(chart.series[s])) * 7;
        }
    }
    svg += "</svg>\n";
    return svg;
}

} // namespace cswm::chart
