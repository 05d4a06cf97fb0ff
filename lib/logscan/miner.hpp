#pragma once

#include "lib/logscan/mask.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace cswm::logscan {

/// Index of a signature in its miner, in the order the signatures were made.
using SignatureId = std::uint32_t;

/// How the miner groups messages. One default serves every log; the accuracy test
/// holds it to Drain's published figures on the Loghub samples.
struct MinerSettings {
    std::size_t leading_tokens = 2;     ///< tokens after the length that choose a leaf (Drain's depth − 2)
    double similarity = 0.7;            ///< share of a template's fixed tokens a message must match
    std::size_t max_children = 100;     ///< distinct tokens per tree node before the rest share `<*>`
    std::size_t max_signatures = 20000; ///< past this, unmatched messages share one catch-all signature
};

/// Online template mining of the Drain family (He et al., ICWS 2017): a message goes
/// down a fixed-depth tree, by its token count and its leading tokens, to a short list
/// of signatures; it joins the most similar one when similar enough, turning the tokens
/// that differ into `<*>`, or starts a new one. Memory grows with the number of
/// signatures and distinct template tokens, never with the number of messages.
class Miner {
public:
    explicit Miner(MinerSettings settings = {});

    /// Files a masked message under a signature and returns its ID.
    SignatureId add(const MaskedMessage& message);

    /// Files a message that is a signature already (an access log's `GET /files/<n> 404`):
    /// the same text, the same signature, without mining.
    SignatureId add_exact(std::string_view text);

    /// How many signatures there are.
    std::size_t size() const { return m_templates.size(); }

    /// The template of a signature: its tokens joined by single spaces.
    std::string template_text(SignatureId id) const;

    /// True for the catch-all signature of messages that came after `max_signatures`.
    bool is_catch_all(SignatureId id) const { return id == m_catch_all; }

private:
    using TokenId = std::uint32_t;
    static constexpr TokenId k_unknown = 0xFFFFFFFFU; ///< a token no template holds
    static constexpr TokenId k_wild = 0;              ///< `<*>`
    static constexpr SignatureId k_none = 0xFFFFFFFFU;

    struct Node {
        std::unordered_map<TokenId, std::uint32_t> children; ///< token → node index
        std::vector<SignatureId> signatures;                 ///< at a leaf
    };

    struct TokenHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
    };

    TokenId intern(std::string_view token);
    std::uint32_t leaf_for(const MaskedMessage& message, bool create);
    SignatureId best_match(std::uint32_t leaf) const;
    SignatureId add_signature(std::uint32_t leaf);
    SignatureId catch_all();

    MinerSettings m_settings;
    std::unordered_map<std::string, TokenId, TokenHash, std::equal_to<>> m_token_ids;
    std::vector<std::string> m_token_texts;
    std::vector<Node> m_nodes;
    std::unordered_map<std::size_t, std::uint32_t> m_roots; ///< token count → node index
    std::vector<std::vector<TokenId>> m_templates;
    std::vector<std::size_t> m_fixed; ///< per template: tokens that are not `<*>`
    std::unordered_map<std::string, SignatureId, TokenHash, std::equal_to<>> m_exact;
    SignatureId m_catch_all = k_none;
    std::vector<TokenId> m_ids; ///< the current message's tokens, reused
};

} // namespace cswm::logscan
