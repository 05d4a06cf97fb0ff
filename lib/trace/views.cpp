#include "lib/trace/views.hpp"

#include "lib/chart/work_charts.hpp"
#include "lib/util/dates.hpp"
#include "lib/workspace/workspace.hpp"

#include <future>

namespace cswm {
namespace {

/// HEAD's history as trace reads it: each commit's SHA, summary and trailers (no author,
/// no whole message: at N = 50,000 escaping 250,000 messages was a tenth of trace).
std::vector<CommitInfo> history_of(const Workspace& workspace) {
    const Repo* repo = workspace.repo();
    return repo != nullptr ? repo->commit_links_from({}) : std::vector<CommitInfo>{};
}

} // namespace

TraceMatrix trace_workspace(const Workspace& workspace, const std::string& from, LoadedDocuments* loaded) {
    // The walk of history (libgit2, one thread) and the parse of the documents (files
    // only, never the repository) need nothing of each other: run them at once. Only this
    // thread's task touches libgit2 meanwhile, so the repository is never shared.
    std::future<std::vector<CommitInfo>> history =
        std::async(std::launch::async, [&workspace] { return history_of(workspace); });
    auto documents = std::make_shared<const std::vector<Document>>(workspace.load_all(Places::on_demand));
    TraceMatrix matrix = build_trace(*documents, history.get(), from);
    if (loaded != nullptr) {
        *loaded = std::move(documents);
    }
    return matrix;
}

StatusReport status_workspace(const Workspace& workspace, LoadedDocuments* loaded) {
    auto documents = std::make_shared<const std::vector<Document>>(workspace.load_all(Places::on_demand));
    // Status needs no trailers: the gaps come from the documents alone.
    const TraceMatrix matrix = build_trace(*documents, {});
    StatusReport status = build_status(*documents, matrix, workspace.config().log_review_days, today_iso());
    if (loaded != nullptr) {
        *loaded = std::move(documents);
    }
    return status;
}

StatusPage status_page_workspace(const Workspace& workspace, const std::string& language) {
    const std::vector<Document> documents = workspace.load_all(Places::on_demand);
    StatusPage page;
    page.status = build_status(documents, build_trace(documents, {}), workspace.config().log_review_days, today_iso());
    nlohmann::json labels = chart::chart_labels(language);
    // Ages count to today here, not to a revision's date as in a bundle.
    labels["chart_anomalies"] = labels.value("chart_anomalies_today", std::string());
    page.charts.push_back(chart::outcomes_chart(documents, labels));
    page.charts.push_back(chart::anomaly_age_chart(documents, page.status.today, labels));
    page.charts.push_back(chart::fix_time_chart(documents, labels));
    return page;
}

ImpactReport impact_workspace(const Workspace& workspace, const std::string& range) {
    const Repo& repo = workspace.require_repo("cswm impact");
    const std::vector<Document> documents = workspace.load_all();
    return build_impact(documents, repo, range, workspace.config().max_document_bytes);
}

} // namespace cswm
