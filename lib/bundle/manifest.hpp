#pragma once

// manifest.json: what a bundle holds, with a SHA-256 per member, so that anyone can check
// it offline; and SHA-256 itself (OpenSSL).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cswm::bundle {

/// SHA-256 fed in pieces, for members too large to hold.
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;
    void update(std::string_view bytes);
    /// The digest as 64 lower-case hex digits; the object is spent afterwards.
    std::string hex();

private:
    struct State;
    std::unique_ptr<State> m_state;
};

/// SHA-256 of `bytes`, as 64 lower-case hex digits.
std::string sha256_hex(std::string_view bytes);

/// One member of the bundle as the manifest lists it.
struct ManifestEntry {
    std::string path; ///< member name
    std::uint64_t size = 0;
    std::string sha256; ///< of the content; of the target text for a symlink
    bool symlink = false;
    std::string target; ///< symlink target as stored
};

inline constexpr const char* k_manifest_name = "manifest.json";
inline constexpr const char* k_manifest_format = "cswm-bundle/1";

/// The manifest: every member but itself, and what made the bundle.
struct Manifest {
    std::string tool;        ///< "cswm 0.1.0"
    std::string repository;  ///< name shown in index.html
    std::string revision;    ///< full SHA of the commit bundled
    std::string commit_time; ///< of that commit, ISO 8601 UTC
    std::string language;
    bool with_patches = false;
    std::string zlib;                   ///< zlib version the archive was compressed with
    std::vector<ManifestEntry> entries; ///< sorted bytewise by path
};

/// The manifest as JSON text with a fixed key order and a final newline.
std::string manifest_json(const Manifest& manifest);

/// Reads manifest.json; nullopt with `problem` set when it is not one cswm wrote (not
/// JSON, another format, entries out of order, repeated or unsafe names, bad digests).
std::optional<Manifest> parse_manifest(std::string_view text, std::string& problem);

} // namespace cswm::bundle
