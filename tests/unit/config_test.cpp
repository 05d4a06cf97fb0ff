#include "lib/catalog/catalog.hpp"
#include "lib/model/document.hpp"
#include "lib/util/error.hpp"
#include "lib/workspace/config.hpp"
#include "lib/workspace/workspace.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <filesystem>
#include <string>
#include <unistd.h>

using namespace cswm;

namespace {

/// The message of the Error that parsing `text` as .cswm.yaml throws, or "" when it parses.
std::string refusal(const std::string& text) {
    try {
        parse_config(text, ".cswm.yaml");
    } catch (const Error& error) {
        CHECK(error.code() == ExitCode::failure);
        return error.what();
    }
    return "";
}

/// A fresh, empty folder under the temporary folder, removed with the object.
struct TempFolder {
    fs::path path;
    TempFolder() {
        std::string name = (fs::temp_directory_path() / "cswm-config-test-XXXXXX").string();
        REQUIRE(mkdtemp(name.data()) != nullptr);
        path = name;
    }
    ~TempFolder() {
        std::error_code error;
        fs::remove_all(path, error);
    }
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;
};

} // namespace

TEST_CASE("limits: defaults when .cswm.yaml leaves them out") {
    const Config config = parse_config("root: maint\nlanguage: en\n", ".cswm.yaml");
    CHECK(config.max_document_bytes == 1048576U);
    CHECK(config.yaml.max_depth == 64U);
    CHECK(config.yaml.max_nodes == 200000U);
}

TEST_CASE("limits: each setting reaches the reader's bound, the others keep their defaults") {
    const Config config = parse_config("limits:\n  max_document_bytes: 4096\n  max_depth: 8\n", ".cswm.yaml");
    CHECK(config.max_document_bytes == 4096U);
    CHECK(config.yaml.max_depth == 8U);
    CHECK(config.yaml.max_nodes == 200000U);
    const Config nodes = parse_config("limits:\n  max_nodes: 100000000\n", ".cswm.yaml");
    CHECK(nodes.yaml.max_nodes == 100000000U);
    CHECK(nodes.max_document_bytes == 1048576U);
}

TEST_CASE("limits: out of range, of the wrong type or unknown, the configuration is refused at its place") {
    CHECK(refusal("limits:\n  max_depth: 7\n").starts_with(".cswm.yaml:2:14: limits.max_depth: "));
    CHECK(refusal("limits:\n  max_depth: 401\n").starts_with(".cswm.yaml:2:14: limits.max_depth: "));
    CHECK(refusal("limits:\n  max_document_bytes: 1023\n").starts_with(".cswm.yaml:2:23: limits.max_document_bytes: "));
    CHECK(refusal("limits:\n  max_document_bytes: 1073741825\n").starts_with(".cswm.yaml:2:23: "));
    CHECK(refusal("limits:\n  max_nodes: 99\n").starts_with(".cswm.yaml:2:14: limits.max_nodes: "));
    CHECK(refusal("limits:\n  max_nodes: \"500\"\n").starts_with(".cswm.yaml:2:14: limits.max_nodes: "));
    CHECK(refusal("limits:\n  max_nodes: 1.5e3\n").starts_with(".cswm.yaml:2:14: "));
    CHECK(refusal("limits:\n  max_depht: 10\n").starts_with(".cswm.yaml:2:3: "));
    CHECK(refusal("limits: 64\n").starts_with(".cswm.yaml:1:9: "));
    CHECK(refusal("limits:\n  max_depth: 10\n  max_depth: 12\n").find("duplicate") != std::string::npos);
}

TEST_CASE("root: must name a folder inside the repository, as text") {
    for (const char* root : {"/etc", "/", "..", "../outside", "maint/../../x", "./maint/../..", ".", "./"}) {
        CAPTURE(root);
        CHECK(refusal(fmt::format("root: '{}'\n", root)).find("must be a folder inside the repository") !=
              std::string::npos);
    }
    CHECK(parse_config("root: maint/../docs/./maint\n", ".cswm.yaml").root == "docs/maint");
    CHECK(parse_config("root: ./maint/\n", ".cswm.yaml").root == "maint");
}

TEST_CASE("root: a symbolic link on the way to the documents folder is refused, wherever it points") {
    TempFolder top;
    fs::create_directories(top.path / "repo" / "docs" / "maint");
    fs::create_directories(top.path / "outside" / "maint");
    const fs::path repo = top.path / "repo";
    auto config_with_root = [](const std::string& root) { return parse_config("root: " + root + "\n", ".cswm.yaml"); };
    auto refused = [&](const std::string& root) -> std::string {
        try {
            check_documents_root(repo, config_with_root(root));
        } catch (const Error& error) {
            CHECK(error.code() == ExitCode::failure);
            return error.what();
        }
        return "";
    };
    CHECK(refused("docs/maint").empty());
    CHECK(refused("not/made/yet").empty()); // init makes it
    fs::create_directory_symlink("../outside", repo / "out");
    CHECK(refused("out/maint") == fmt::format(".cswm.yaml: root 'out/maint' goes through the symbolic link out to {}, "
                                              "outside the repository: the documents folder must be a real folder "
                                              "inside the repository",
                                              fs::canonical(top.path / "outside").string()));
    fs::create_directory_symlink("docs", repo / "inner");
    const std::string inner = refused("inner/maint");
    CHECK(inner.find("goes through the symbolic link inner to ") != std::string::npos);
    CHECK(inner.find("outside the repository") == std::string::npos);
    fs::create_symlink("loop", repo / "loop");
    CHECK(refused("loop").find("cannot be resolved") != std::string::npos);
    fs::create_symlink("nowhere", repo / "dangling");
    CHECK(refused("dangling/maint").find("cannot be resolved") != std::string::npos);
}

TEST_CASE("a document past a YAML limit gets a limits finding that names the setting") {
    YamlLimits limits;
    limits.max_depth = 8;
    limits.max_nodes = 100;
    Document deep;
    deep.path = "maint/srs/SRS-001.yaml";
    parse_document_bytes(deep, "kind: srs\nid: SRS-001\nx: [[[[[[[[[[1]]]]]]]]]]\n", limits, Catalog::builtin());
    REQUIRE(!deep.findings.empty());
    CHECK(deep.findings.front().rule == "limits");
    CHECK(deep.findings.front().message.ends_with("(limits.max_depth in .cswm.yaml)"));

    std::string wide = "kind: srs\nid: SRS-002\nx: [";
    for (int i = 0; i < 200; ++i) {
        wide += "1, ";
    }
    wide += "1]\n";
    Document many;
    many.path = "maint/srs/SRS-002.yaml";
    parse_document_bytes(many, wide, limits, Catalog::builtin());
    REQUIRE(!many.findings.empty());
    CHECK(many.findings.front().rule == "limits");
    CHECK(many.findings.front().message.ends_with("(limits.max_nodes in .cswm.yaml)"));

    Document fine;
    fine.path = "maint/srs/SRS-003.yaml";
    parse_document_bytes(fine, "kind: srs\nid: SRS-003\n", limits, Catalog::builtin());
    CHECK(fine.findings.empty());
}
