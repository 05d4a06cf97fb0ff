#pragma once

// The files the tests that compare two ways of doing one thing run over: the example
// documents, and the fuzzer's seeds and regressions (good and broken YAML).

#include <filesystem>
#include <vector>

namespace cswm::testing {

inline std::vector<std::filesystem::path> sample_document_files() {
    namespace fs = std::filesystem;
    std::vector<fs::path> files;
    const fs::path source(CSWM_SOURCE_DIR);
    for (const fs::path& folder :
         {source / "examples" / "repo", source / "examples" / "broken", source / "fuzz" / "corpus" / "document",
          source / "fuzz" / "regressions" / "document"}) {
        if (!fs::is_directory(folder)) {
            continue;
        }
        for (const fs::directory_entry& entry : fs::recursive_directory_iterator(folder)) {
            if (entry.is_regular_file() && entry.path().extension() != ".md" && entry.path().extension() != ".sh") {
                files.push_back(entry.path());
            }
        }
    }
    return files;
}

} // namespace cswm::testing
