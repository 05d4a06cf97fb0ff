#include "cmd/command.hpp"

#include "lib/i18n/i18n.hpp"
#include "lib/render/site.hpp"
#include "lib/util/error.hpp"
#include "lib/util/files.hpp"

#include <memory>
#include <ostream>

namespace cswm::cli {

Command register_render(CLI::App& parent) {
    struct Options {
        std::vector<std::string> ids;
        bool all = false;
        std::string format = "md";
        std::string language;
        std::string output;
    };
    auto options = std::make_shared<Options>();
    CLI::App* app = parent.add_subcommand("render", tr("help.render"));
    app->add_option("ID", options->ids, tr("option.render-id"));
    app->add_flag("--all", options->all, tr("option.render-all"))->excludes("ID");
    app->add_option("--format", options->format, tr("option.render-format"))->check(CLI::IsMember({"md", "html"}));
    app->add_option("--lang", options->language, tr("option.render-lang"))->check(CLI::IsMember({"en", "zh-TW"}));
    app->add_option("-o,--output", options->output, tr("option.render-output"))->option_text("DIR");
    app->footer(tr("option.render-footer"));
    return {app, [options](Context& context) {
                if (!options->all && options->ids.empty()) {
                    throw cswm::Error(tr("render.what-to-render"));
                }
                const render::RenderResult result = render::render_documents(
                    *context.workspace, {options->ids, options->all, options->format,
                                         options->language.empty() ? context.lang_flag : options->language});
                for (const std::string& note : result.notes) {
                    context.err << "cswm: " << note << '\n';
                }
                if (options->output.empty() && !options->all && result.pages.size() == 1) {
                    context.out << result.pages.front().content;
                    return 0;
                }
                const std::filesystem::path folder =
                    context.cwd / (options->output.empty() ? std::string("render") : options->output);
                for (const std::filesystem::path& file : render::write_pages(folder, result.pages)) {
                    context.out << tr("render.wrote", fmt::arg("file", relative_to(file, context.cwd))) << '\n';
                }
                return 0;
            }};
}

} // namespace cswm::cli
