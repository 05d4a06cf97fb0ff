#include "lib/catalog/catalog.hpp"
#include "lib/catalog/field_path.hpp"
#include "lib/check/cross_view.hpp"
#include "lib/check/git_rules.hpp"
#include "lib/check/rules.hpp"
#include "lib/git/repo.hpp"
#include "lib/workspace/workspace.hpp"
#include "tests/unit/shell_repo.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace cswm;

// The warm cache keeps the findings of the rules across documents while no document's
// cross_view changed. These tests hold the prose table to that: on the examples, every
// listed field of every document is replaced by values a rule reading it would notice,
// and those rules must find exactly what they found before.

namespace {

namespace fs = std::filesystem;

Document load(const fs::path& file, const std::string& path) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    Document document;
    document.path = path;
    document.file = fs::path("/repo") / path;
    parse_document_bytes(document, bytes.str(), YamlLimits{}, Catalog::builtin());
    return document;
}

/// The example repository's documents, then each of examples/broken/ put in its place:
/// one document set per mistake, most with findings of the rules across documents.
std::vector<std::vector<Document>> example_sets() {
    const fs::path source(CSWM_SOURCE_DIR);
    std::map<std::string, fs::path> base;
    for (const auto& entry : fs::recursive_directory_iterator(source / "examples" / "repo" / "maint")) {
        if (entry.is_regular_file() && entry.path().extension() == ".yaml") {
            base[fs::relative(entry.path(), source / "examples" / "repo").generic_string()] = entry.path();
        }
    }
    std::vector<std::map<std::string, fs::path>> sets{base};
    for (const auto& mistake : fs::directory_iterator(source / "examples" / "broken")) {
        if (!fs::is_directory(mistake.path() / "maint")) {
            continue;
        }
        std::map<std::string, fs::path> files = base;
        for (const auto& entry : fs::recursive_directory_iterator(mistake.path() / "maint")) {
            if (entry.is_regular_file()) {
                files[fs::relative(entry.path(), mistake.path()).generic_string()] = entry.path();
            }
        }
        sets.push_back(files);
    }
    std::vector<std::vector<Document>> loaded;
    for (const auto& files : sets) {
        std::vector<Document> documents;
        for (const auto& [path, file] : files) {
            documents.push_back(load(file, path));
        }
        loaded.push_back(std::move(documents));
    }
    // And the clean example made to trip the rules across documents: every document signed
    // off (the chain and fix rules then judge them), every link dangling, every document
    // twice (every ID a duplicate, named by line in the other's message).
    std::vector<Document> signed_off = loaded.front();
    std::vector<Document> dangling = loaded.front();
    std::vector<Document> twice = loaded.front();
    for (std::size_t i = 0; i < signed_off.size(); ++i) {
        Document& document = signed_off[i];
        if (!document.parsed() || document.kind == nullptr) {
            continue;
        }
        const std::string& kind = document.kind->name;
        document.status = kind == "fix-confirmation" ? "verified" : kind == "anomaly-request" ? "accepted" : "approved";
        (*document.yaml.root)["status"] = document.status;
        for (const LinkDefinition& link : document.kind->links) {
            for (const FieldPath::Match& match : link.field.find(dangling[i].data())) {
                (*dangling[i].yaml.root)[nlohmann::json::json_pointer(match.pointer)] = "X-999";
            }
        }
        twice.push_back(loaded.front()[i]);
        twice.back().path += ".copy.yaml";
    }
    loaded.push_back(std::move(signed_off));
    loaded.push_back(std::move(dangling));
    loaded.push_back(std::move(twice));
    return loaded;
}

std::string finding_text(Findings found) {
    sort_findings(found);
    std::string text;
    for (const Finding& finding : found) {
        text += finding.path + ":" + std::to_string(finding.line) + ":" + std::to_string(finding.column) + " " +
                std::string(severity_name(finding.severity)) + " " + finding.rule + " " + finding.id + " " +
                finding.pointer + (finding.at_key ? " key" : "") + ": " + finding.message + "\n";
    }
    return text;
}

std::string across(const std::vector<Document>& documents) {
    Findings found;
    rules::check_across(documents, Catalog::builtin(), {30, "2026-11-27"}, "/repo", found);
    return finding_text(std::move(found));
}

/// What a field of prose is replaced by: nothing, and values that a rule reading it would
/// notice (every ID of the set, the document's own non-prose structure, statuses, a SHA).
std::vector<nlohmann::json> replacements(const std::vector<Document>& documents, const Document& document) {
    nlohmann::json ids = nlohmann::json::array();
    for (const Document& each : documents) {
        if (!each.id.empty()) {
            ids.push_back(each.id);
        }
    }
    ids.push_back("REQ-001");
    ids.push_back("TC-001");
    std::string words;
    for (const nlohmann::json& id : ids) {
        words += id.get<std::string>() + " ";
    }
    // Words the rules judge: statuses, outcomes, a SHA, a date, and the weak words of an
    // untestable requirement.
    words += "approved verified closed failed passed 0123456789abcdef0123456789abcdef01234567 2026-01-01 "
             "as appropriate, adequate and/or sufficient if possible";
    // And the shapes rules look into: a review block, a period ending late (the newest
    // report of a spec is chosen by its period's end).
    return {nullptr,
            words,
            ids,
            document.data(),
            nlohmann::json{{"status", "approved"}, {"date", "2020-01-01"}},
            nlohmann::json{{"start", "2020-01-01"}, {"end", "2099-12-31"}, {"date", "2099-12-31"}}};
}

} // namespace

TEST_CASE("cross view: changing prose changes no finding of the rules across documents") {
    std::vector<std::vector<Document>> sets = example_sets();
    REQUIRE(sets.size() > 10);
    std::size_t findings = 0;
    std::size_t changed = 0;
    for (std::vector<Document>& documents : sets) {
        const std::string before = across(documents);
        findings += static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
        for (std::size_t d = 0; d < documents.size(); ++d) {
            const Document document = documents[d];
            if (!document.parsed() || document.kind == nullptr) {
                continue;
            }
            const std::string view = cross_view(document);
            // All of a document's prose at once, by each value in turn: a rule that read any
            // of it would find something else.
            for (const nlohmann::json& value : replacements(documents, document)) {
                Document& edited = documents[d];
                const Document kept = edited;
                for (const std::string& field : prose_fields(document.kind->name)) {
                    for (const FieldPath::Match& match : FieldPath(field).find(kept.data())) {
                        (*edited.yaml.root)[nlohmann::json::json_pointer(match.pointer)] = value;
                        ++changed;
                    }
                }
                edited.title = value.is_string() ? value.get<std::string>() : "";
                CHECK_MESSAGE(cross_view(edited) == view, document.path);
                CHECK_MESSAGE(across(documents) == before, document.path << " with its prose " << value.dump());
                edited = kept;
            }
        }
    }
    // The examples must give the rules something to find, and the table something to change.
    CHECK(findings > 100);
    CHECK(changed > 1000);
    MESSAGE(changed << " fields of prose changed over " << sets.size() << " example sets with " << findings
                    << " findings across documents");
}

TEST_CASE("cross view: what the rules across documents read is in it") {
    const std::vector<std::vector<Document>> sets = example_sets();
    const std::vector<Document>& documents = sets.front();
    for (const Document& document : documents) {
        const std::string view = cross_view(document);
        for (const char* key : {"id", "status", "kind"}) {
            Document edited = document;
            (*edited.yaml.root)[key] = "changed";
            CHECK_MESSAGE(cross_view(edited) != view, document.path << " " << key);
        }
        Document moved = document;
        moved.path = "maint/elsewhere.yaml";
        CHECK(cross_view(moved) != view);
        if (document.kind != nullptr) {
            for (const LinkDefinition& link : document.kind->links) {
                for (const FieldPath::Match& match : link.field.find(document.data())) {
                    Document edited = document;
                    (*edited.yaml.root)[nlohmann::json::json_pointer(match.pointer)] = "X-999";
                    CHECK_MESSAGE(cross_view(edited) != view, document.path << " " << match.pointer);
                }
            }
        }
    }
}

TEST_CASE("cross view: every field of prose is a field of its kind's schema") {
    for (const Kind& kind : Catalog::builtin().kinds()) {
        CHECK_MESSAGE(!prose_fields(kind.name).empty(), kind.name);
        for (const std::string& field : prose_fields(kind.name)) {
            const nlohmann::json* schema = &kind.schema;
            std::string rest = field;
            while (!rest.empty() && schema != nullptr) {
                const std::size_t dot = rest.find('.');
                std::string step = rest.substr(0, dot);
                rest = dot == std::string::npos ? "" : rest.substr(dot + 1);
                const bool each = step.ends_with("[]");
                if (each) {
                    step.resize(step.size() - 2);
                }
                const auto properties = schema->find("properties");
                if (properties == schema->end() || !properties->contains(step)) {
                    schema = nullptr;
                    break;
                }
                schema = &(*properties)[step];
                if (each) {
                    schema = schema->contains("items") ? &(*schema)["items"] : nullptr;
                }
            }
            CHECK_MESSAGE(schema != nullptr, kind.name << ": " << field);
        }
    }
}

TEST_CASE("cross view: a document rebuilt from its view is the same to the rules across documents") {
    std::size_t rebuilt = 0;
    for (const std::vector<Document>& documents : example_sets()) {
        std::vector<Document> from_views;
        for (const Document& document : documents) {
            const std::string view = cross_view(document);
            std::optional<Document> again = document_from_view(view, Catalog::builtin(), "/repo");
            REQUIRE_MESSAGE(again.has_value(), document.path);
            CHECK_MESSAGE(cross_view(*again) == view, document.path);
            CHECK(again->file == fs::path("/repo") / document.path);
            // The places are the file's, as the cache gives them (read again from it).
            again->yaml.lazy_places = document.yaml.lazy_places;
            from_views.push_back(std::move(*again));
            ++rebuilt;
        }
        CHECK(across(from_views) == across(documents));
    }
    CHECK(rebuilt > 300);
}

TEST_CASE("cross view: bytes that are not a whole view rebuild no document") {
    const std::vector<Document> documents = example_sets().front();
    for (const Document& document : documents) {
        const std::string view = cross_view(document);
        for (std::size_t size = 0; size < view.size(); ++size) {
            CHECK_FALSE(document_from_view(std::string_view(view).substr(0, size), Catalog::builtin(), "/repo"));
        }
        CHECK_FALSE(document_from_view(view + "x", Catalog::builtin(), "/repo"));
        // A damaged byte: nothing, or some document, never a crash or a read past the end
        // (the cache compares a view's hash before rebuilding it).
        for (std::size_t at = 0; at < view.size(); at += 7) {
            std::string damaged = view;
            damaged[at] = static_cast<char>(damaged[at] ^ 0x41);
            (void)document_from_view(damaged, Catalog::builtin(), "/repo");
        }
    }
    CHECK_FALSE(document_from_view("", Catalog::builtin(), "/repo"));
}

namespace {

/// Every value of `value` with its pointer: the leaves, and every mapping and list whole.
void every_value(const nlohmann::json& value, const std::string& pointer, std::vector<std::string>& out) {
    if (!pointer.empty()) {
        out.push_back(pointer);
    }
    if (value.is_object()) {
        for (const auto& [key, member] : value.items()) {
            every_value(member, pointer + "/" + pointer_token(key), out);
        }
    } else if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i) {
            every_value(value[i], pointer + "/" + std::to_string(i), out);
        }
    }
}

/// Sets every value of every parsed document in turn to each of `replacements`, and where
/// `view` of the document is what it was, requires `findings()` to be `before`; puts the
/// document back after each edit. Returns how many edits left the view as it was.
template <typename View, typename Find>
std::size_t edits_outside(std::vector<Document>& documents, const std::vector<nlohmann::json>& replacements, View view,
                          Find findings, const std::string& before) {
    std::size_t edits = 0;
    for (std::size_t d = 0; d < documents.size(); ++d) {
        const Document document = documents[d];
        if (!document.parsed() || document.kind == nullptr) {
            continue;
        }
        const std::string seen = view(document);
        std::vector<std::string> pointers;
        every_value(document.data(), "", pointers);
        for (const std::string& pointer : pointers) {
            for (const nlohmann::json& replacement : replacements) {
                Document& edited = documents[d];
                (*edited.yaml.root)[nlohmann::json::json_pointer(pointer)] = replacement;
                if (pointer == "/status") {
                    edited.status = replacement.is_string() ? replacement.get<std::string>() : "";
                }
                if (view(edited) == seen) {
                    CHECK_MESSAGE(findings() == before,
                                  document.path << " with " << pointer << " " << replacement.dump());
                    ++edits;
                }
                edited = document;
            }
        }
    }
    return edits;
}

} // namespace

TEST_CASE("git view: an edit outside it changes no finding of the git rules") {
    // A repository of the example documents whose history names IDs in Refs: trailers,
    // known and unknown, with a reviewed merge; the documents as read differ from it in one
    // SRS statement, so that the approved quality spec's link to it is suspect. Every git
    // rule has something to say.
    testing::TempDir dir;
    const fs::path source(CSWM_SOURCE_DIR);
    fs::copy(source / "examples" / "repo" / "maint", dir.path / "maint", fs::copy_options::recursive);
    testing::sh(dir.path,
                "git init -q -b main && git add -A && git commit -q -m 'Start' -m 'Refs: SRS-004, AREQ-006' "
                "&& git checkout -q -b fix && git commit -q --allow-empty -m 'Fix' -m 'Refs: FIX-012, NOPE-404' "
                "&& git checkout -q main && git merge -q --no-ff fix -m 'Merge' -m 'Reviewed-by: Bo <bo@x>' "
                "&& git rev-parse HEAD^2 >.git/fix-sha && git rev-parse HEAD^1 >.git/start-sha");
    const Repo repo = Repo::discover(dir.path);
    const auto sha_in = [&](const char* name) {
        std::ifstream in(dir.path / ".git" / name);
        std::string sha;
        in >> sha;
        return sha;
    };
    // A fix whose commits are the reviewed one, one never reviewed and one that does not
    // exist, verified by a report of a build without the first.
    std::vector<Document> documents = example_sets().front();
    for (Document& document : documents) {
        if (document.id == "SRS-004") {
            (*document.yaml.root)["requirements"][0]["statement"] = "The service shall do something else.";
            document.blob.clear();
        } else if (document.id == "FIX-012") {
            (*document.yaml.root)["commits"] = {sha_in("fix-sha"), sha_in("start-sha"), std::string(40, 'e')};
        } else if (document.id == "TR-008") {
            (*document.yaml.root)["commit"] = sha_in("start-sha");
        }
    }
    rules::GitPolicy policy;
    policy.reviewed_fix_commits = true;
    const auto git_findings = [&] {
        Findings found;
        rules::check_git(documents, repo, policy, found);
        return finding_text(std::move(found));
    };
    const std::string before = git_findings();
    for (const char* rule :
         {"commit-missing", "trailer-unknown-id", "suspect-link", "fix-not-reviewed", "fix-not-tested"}) {
        CHECK_MESSAGE(before.find(rule) != std::string::npos, rule << " in:\n" << before);
    }

    // Every value of every document, in turn, replaced: where the git view does not change,
    // neither may the git rules' findings.
    const std::size_t edits =
        edits_outside(documents, {nullptr, "FIX-013 TR-010 closed"}, git_view, git_findings, before);
    CHECK(edits > 1000);
    MESSAGE(edits << " edits outside the git views of " << documents.size() << " documents");
}

TEST_CASE("git view: what the git rules read is in it") {
    const std::vector<Document> documents = example_sets().front();
    const auto changes = [](const Document& document, const std::string& pointer, const nlohmann::json& value) {
        Document edited = document;
        (*edited.yaml.root)[nlohmann::json::json_pointer(pointer)] = value;
        if (pointer == "/status") {
            edited.status = value.get<std::string>();
        }
        if (pointer == "/id") {
            edited.id = value.get<std::string>();
        }
        return git_view(edited) != git_view(document);
    };
    std::size_t checked = 0;
    for (const Document& document : documents) {
        if (!document.parsed() || document.kind == nullptr) {
            continue;
        }
        CHECK_MESSAGE(changes(document, "/id", "X-1"), document.path);
        CHECK_MESSAGE(changes(document, "/commit", "0123456789abcdef0123456789abcdef01234567"), document.path);
        for (const FieldPath& field : document.kind->commit_fields) {
            for (const FieldPath::Match& match : field.find(document.data())) {
                CHECK_MESSAGE(changes(document, match.pointer, "changed"), document.path << " " << match.pointer);
            }
        }
        for (const ItemDefinition& item : document.kind->items) {
            for (const FieldPath::Match& match : item.field.find(document.data())) {
                CHECK_MESSAGE(changes(document, match.pointer, "X-2"), document.path << " " << match.pointer);
            }
        }
        const std::string& kind = document.kind->name;
        if (kind == "fix-confirmation") {
            const bool signed_off = document.status == "verified" || document.status == "closed";
            CHECK(changes(document, "/status", signed_off ? "open" : "verified"));
            CHECK(changes(document, "/verified_by", "TR-001"));
            ++checked;
        } else if (kind == "quality-spec") {
            CHECK(changes(document, "/status", document.status == "approved" ? "draft" : "approved"));
            CHECK(changes(document, "/review/date", "2020-01-01"));
            CHECK(changes(document, "/cases/0/verifies/0", "REQ-999"));
            ++checked;
        } else if (kind == "srs") {
            CHECK(changes(document, "/requirements/0/statement", "Another statement."));
            ++checked;
        }
    }
    CHECK(checked >= 3);
}

TEST_CASE("tree view: an edit outside it changes no finding of the tree rules") {
    // The example, its links dangling, and every document twice (every ID a duplicate).
    std::vector<std::vector<Document>> sets = example_sets();
    const std::vector<std::vector<Document>> chosen{sets.front(), sets[sets.size() - 2], sets.back()};
    std::size_t edits = 0;
    std::size_t findings = 0;
    for (std::vector<Document> documents : chosen) {
        const auto tree = [&] {
            Findings found;
            rules::check_tree(documents, Catalog::builtin(), found);
            return finding_text(std::move(found));
        };
        const std::string before = tree();
        findings += static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
        // IDs that links could name: a value the tree rules read would change what they find.
        edits += edits_outside(documents, {"TC-101"}, tree_view, tree, before);
    }
    CHECK(findings > 30);
    CHECK(edits > 1500);
    MESSAGE(edits << " edits outside the tree views, " << findings << " findings of the tree rules");
}
