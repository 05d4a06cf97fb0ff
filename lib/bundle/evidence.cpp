#include "lib/bundle/evidence.hpp"

#include "lib/check/rules.hpp"
#include "lib/model/references.hpp"

#include <algorithm>
#include <regex>
#include <set>

namespace cswm::bundle {
namespace {

const char* const k_code_task = "T2.2";
const std::vector<std::string> k_code_behaviours{"P2.2.1", "P2.2.2", "P2.2.3"};

/// Orders "T2.10" after "T2.9" and "P1.2.3" after "P1.2.2".
std::vector<int> code_numbers(const std::string& code) {
    std::vector<int> numbers;
    int current = -1;
    for (const char c : code) {
        if (c >= '0' && c <= '9') {
            current = (current < 0 ? 0 : current * 10) + (c - '0');
        } else if (current >= 0) {
            numbers.push_back(current);
            current = -1;
        }
    }
    if (current >= 0) {
        numbers.push_back(current);
    }
    return numbers;
}

bool code_less(const std::string& a, const std::string& b) {
    return code_numbers(a) < code_numbers(b);
}

std::string short_sha(const std::string& sha) {
    return sha.substr(0, 10);
}

/// T2.2 is evidenced by commits: Refs: naming a requirement (P2.2.1), Reviewed-by:
/// (P2.2.2), and commits that documents record (P2.2.3).
BehaviourRow code_behaviour(const std::string& code, const std::vector<Document>& documents,
                            const std::vector<CommitInfo>& history) {
    BehaviourRow row{code, {}, {}};
    std::set<std::string> requirement_ids;
    std::set<std::string> recorded;
    for (const Document& document : documents) {
        if (!document.parsed() || document.kind == nullptr) {
            continue;
        }
        for (const std::string& id : item_ids(document)) {
            if (id.starts_with("REQ-")) {
                requirement_ids.insert(id);
            }
        }
        for (const FieldPath& field : document.kind->commit_fields) {
            for (const FieldPath::Match& match : field.find(document.data())) {
                if (match.value->is_string()) {
                    recorded.insert(match.value->get<std::string>());
                } else if (match.value->is_array()) {
                    for (const auto& value : *match.value) {
                        if (value.is_string()) {
                            recorded.insert(value.get<std::string>());
                        }
                    }
                }
            }
        }
    }
    for (const CommitInfo& commit : history) {
        bool shows = false;
        if (code == "P2.2.1") {
            const auto ids = referenced_ids(commit.trailers);
            shows = std::any_of(ids.begin(), ids.end(),
                                [&](const std::string& id) { return requirement_ids.contains(id); });
        } else if (code == "P2.2.2") {
            shows = has_review_trailer(commit.trailers);
        } else {
            shows = recorded.contains(commit.sha);
        }
        if (shows) {
            row.evidence.push_back({short_sha(commit.sha), "", commit.summary});
        }
    }
    if (row.evidence.empty()) {
        row.gaps.push_back({Gap::Type::no_commits, code, "", {}});
    }
    return row;
}

} // namespace

std::map<std::string, std::vector<std::string>> sections_by_behaviour(const std::string& scaffold) {
    static const std::regex behaviour_comment(R"(^#\s*(P\d+\.\d+\.\d+)\b.*)");
    static const std::regex top_key(R"(^([A-Za-z_][A-Za-z0-9_]*):.*)");
    std::map<std::string, std::vector<std::string>> sections;
    std::string current;
    std::size_t start = 0;
    while (start <= scaffold.size()) {
        const std::size_t end = std::min(scaffold.find('\n', start), scaffold.size());
        const std::string line = scaffold.substr(start, end - start);
        start = end + 1;
        std::smatch match;
        if (line.find_first_not_of(" \t\r") == std::string::npos) {
            current.clear();
        } else if (std::regex_match(line, match, behaviour_comment)) {
            current = match[1];
        } else if (!current.empty() && std::regex_match(line, match, top_key)) {
            auto& keys = sections[current];
            if (std::find(keys.begin(), keys.end(), match[1].str()) == keys.end()) {
                keys.push_back(match[1]);
            }
        }
        if (end == scaffold.size()) {
            break;
        }
    }
    return sections;
}

bool is_filled(const nlohmann::json& value) {
    if (value.is_null() || rules::is_placeholder(value)) {
        return false;
    }
    if (value.is_string()) {
        return value.get<std::string>().find_first_not_of(" \t\r\n") != std::string::npos;
    }
    if (value.is_array() || value.is_object()) {
        return std::any_of(value.begin(), value.end(), [](const nlohmann::json& item) { return is_filled(item); });
    }
    return true; // numbers and booleans answer the question
}

std::vector<TaskRow> competency_matrix(const std::vector<Document>& documents, const Catalog& catalog,
                                       const std::vector<CommitInfo>& history) {
    // behaviour → kinds that evidence it, in catalogue order
    std::map<std::string, std::vector<const Kind*>> kinds_of;
    std::map<std::string, std::set<std::string, decltype(&code_less)>> behaviours_of_task;
    for (const Kind& kind : catalog.kinds()) {
        for (const std::string& behaviour : kind.behaviours) {
            kinds_of[behaviour].push_back(&kind);
            behaviours_of_task.try_emplace(kind.task, &code_less).first->second.insert(behaviour);
        }
    }
    auto& code_task = behaviours_of_task.try_emplace(k_code_task, &code_less).first->second;
    code_task.insert(k_code_behaviours.begin(), k_code_behaviours.end());

    std::vector<std::string> tasks;
    for (const auto& [task, behaviours] : behaviours_of_task) {
        tasks.push_back(task);
    }
    std::sort(tasks.begin(), tasks.end(), code_less);

    std::vector<TaskRow> matrix;
    for (const std::string& task : tasks) {
        TaskRow task_row{task, {}};
        for (const std::string& behaviour : behaviours_of_task.at(task)) {
            if (task == k_code_task) {
                task_row.behaviours.push_back(code_behaviour(behaviour, documents, history));
                continue;
            }
            BehaviourRow row{behaviour, {}, {}};
            for (const Kind* kind : kinds_of[behaviour]) {
                const auto sections = sections_by_behaviour(kind->scaffolds.at("en"));
                const auto found = sections.find(behaviour);
                const std::vector<std::string> keys =
                    found != sections.end() ? found->second : std::vector<std::string>{};
                std::set<std::string> required;
                if (const auto list = kind->schema.find("required"); list != kind->schema.end() && list->is_array()) {
                    for (const auto& key : *list) {
                        if (key.is_string()) {
                            required.insert(key.get<std::string>());
                        }
                    }
                }
                std::size_t documents_of_kind = 0;
                std::size_t drafts = 0;
                for (const Document& document : documents) {
                    if (!document.parsed() || document.kind != kind) {
                        continue;
                    }
                    ++documents_of_kind;
                    if (document.status == "draft") {
                        ++drafts;
                        continue;
                    }
                    std::vector<std::string> empty;          // sections left empty
                    std::vector<std::string> empty_required; // of those, the ones the schema asks for
                    for (const std::string& key : keys) {
                        const auto value = document.data().find(key);
                        if (value == document.data().end() || !is_filled(*value)) {
                            empty.push_back(key);
                            if (required.contains(key)) {
                                empty_required.push_back(key);
                            }
                        }
                    }
                    if (keys.empty() || empty.size() < keys.size()) {
                        row.evidence.push_back({document.id, document.path, document.status});
                    }
                    // Optional sections (supersedes, workaround) may rightly stay empty.
                    if (!empty_required.empty() || (!keys.empty() && empty.size() == keys.size())) {
                        if (empty_required.empty()) {
                            empty_required = empty;
                        }
                        empty = empty_required;
                        row.gaps.push_back({Gap::Type::empty_sections, kind->name, document.id, empty});
                    }
                }
                if (documents_of_kind == 0) {
                    row.gaps.push_back({Gap::Type::no_document, kind->name, "", {}});
                } else if (drafts == documents_of_kind) {
                    row.gaps.push_back({Gap::Type::only_drafts, kind->name, "", {}});
                }
            }
            task_row.behaviours.push_back(std::move(row));
        }
        matrix.push_back(std::move(task_row));
    }
    return matrix;
}

} // namespace cswm::bundle
