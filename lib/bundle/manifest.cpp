#include "lib/bundle/manifest.hpp"

#include "lib/bundle/names.hpp"
#include "lib/i18n/i18n.hpp"
#include "lib/util/error.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>

namespace cswm::bundle {

using nlohmann::ordered_json;

struct Sha256::State {
    EVP_MD_CTX* context = nullptr;
};

Sha256::Sha256() : m_state(std::make_unique<State>()) {
    m_state->context = EVP_MD_CTX_new();
    if (m_state->context == nullptr || EVP_DigestInit_ex(m_state->context, EVP_sha256(), nullptr) != 1) {
        throw Error("SHA-256 is not available from OpenSSL");
    }
}

Sha256::~Sha256() {
    EVP_MD_CTX_free(m_state->context);
}

void Sha256::update(std::string_view bytes) {
    if (!bytes.empty()) {
        EVP_DigestUpdate(m_state->context, bytes.data(), bytes.size());
    }
}

std::string Sha256::hex() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(m_state->context, digest, &length);
    std::string out;
    for (unsigned int i = 0; i < length; ++i) {
        out += fmt::format("{:02x}", digest[i]);
    }
    return out;
}

std::string sha256_hex(std::string_view bytes) {
    Sha256 hash;
    hash.update(bytes);
    return hash.hex();
}

std::string manifest_json(const Manifest& manifest) {
    ordered_json root;
    root["format"] = k_manifest_format;
    root["tool"] = manifest.tool;
    root["repository"] = manifest.repository;
    root["revision"] = manifest.revision;
    root["commit_time"] = manifest.commit_time;
    root["language"] = manifest.language;
    root["with_patches"] = manifest.with_patches;
    root["zlib"] = manifest.zlib;
    ordered_json files = ordered_json::array();
    for (const ManifestEntry& entry : manifest.entries) {
        ordered_json file;
        file["path"] = entry.path;
        file["type"] = entry.symlink ? "symlink" : "file";
        file["size"] = entry.size;
        file["sha256"] = entry.sha256;
        if (entry.symlink) {
            file["target"] = entry.target;
        }
        files.push_back(std::move(file));
    }
    root["files"] = std::move(files);
    return root.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

std::optional<Manifest> parse_manifest(std::string_view text, std::string& problem) {
    const ordered_json root = ordered_json::parse(text, nullptr, false);
    if (root.is_discarded() || !root.is_object()) {
        problem = tr("bundle.manifest-not-object");
        return std::nullopt;
    }
    if (root.value("format", "") != k_manifest_format) {
        problem = tr("bundle.manifest-format", fmt::arg("format", k_manifest_format));
        return std::nullopt;
    }
    Manifest manifest;
    auto text_of = [&](const char* key) {
        const auto found = root.find(key);
        return found != root.end() && found->is_string() ? found->get<std::string>() : std::string();
    };
    manifest.tool = text_of("tool");
    manifest.repository = text_of("repository");
    manifest.revision = text_of("revision");
    manifest.commit_time = text_of("commit_time");
    manifest.language = text_of("language");
    manifest.zlib = text_of("zlib");
    manifest.with_patches = root.value("with_patches", false);
    const auto files = root.find("files");
    if (files == root.end() || !files->is_array()) {
        problem = tr("bundle.manifest-no-files");
        return std::nullopt;
    }
    for (const ordered_json& file : *files) {
        if (!file.is_object() || !file.contains("path") || !file["path"].is_string() || !file.contains("sha256") ||
            !file["sha256"].is_string() || !file.contains("size") || !file["size"].is_number_unsigned()) {
            problem = tr("bundle.manifest-bad-entry");
            return std::nullopt;
        }
        ManifestEntry entry;
        entry.path = file["path"].get<std::string>();
        entry.size = file["size"].get<std::uint64_t>();
        entry.sha256 = file["sha256"].get<std::string>();
        entry.symlink = file.value("type", "file") == "symlink";
        entry.target = file.value("target", "");
        if (const auto reason = unsafe_name_reason(entry.path)) {
            problem = tr("bundle.manifest-unsafe-name", fmt::arg("name", shown_name(entry.path)),
                         fmt::arg("reason", *reason));
            return std::nullopt;
        }
        if (entry.sha256.size() != 64 || entry.sha256.find_first_not_of("0123456789abcdef") != std::string::npos) {
            problem = tr("bundle.manifest-bad-sha", fmt::arg("path", shown_name(entry.path)));
            return std::nullopt;
        }
        if (!manifest.entries.empty() && manifest.entries.back().path >= entry.path) {
            problem = tr("bundle.manifest-order", fmt::arg("path", shown_name(entry.path)));
            return std::nullopt;
        }
        manifest.entries.push_back(std::move(entry));
    }
    return manifest;
}

} // namespace cswm::bundle
