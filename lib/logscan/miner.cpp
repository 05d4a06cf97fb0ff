#include "lib/logscan/miner.hpp"

#include <algorithm>

namespace cswm::logscan {

Miner::Miner(MinerSettings settings) : m_settings(settings) {
    intern(k_wildcard);
    for (const std::string_view mask : {k_mask_number, k_mask_hex, k_mask_ip, k_mask_uuid, k_mask_path, k_mask_url}) {
        intern(mask);
    }
    m_nodes.emplace_back(); // unused: node index 0 means "none"
}

Miner::TokenId Miner::intern(std::string_view token) {
    const auto found = m_token_ids.find(token);
    if (found != m_token_ids.end()) {
        return found->second;
    }
    const auto id = static_cast<TokenId>(m_token_texts.size());
    m_token_ids.emplace(std::string(token), id);
    m_token_texts.emplace_back(token);
    return id;
}

std::uint32_t Miner::leaf_for(const MaskedMessage& message, bool create) {
    const std::size_t count = message.tokens().size();
    auto root = m_roots.find(count);
    if (root == m_roots.end()) {
        if (!create) {
            return 0;
        }
        root = m_roots.emplace(count, static_cast<std::uint32_t>(m_nodes.size())).first;
        m_nodes.emplace_back();
    }
    std::uint32_t node = root->second;
    const std::size_t depth = std::min(count, m_settings.leading_tokens);
    for (std::size_t i = 0; i < depth; ++i) {
        TokenId key = message.is_variable(i) ? k_wild : m_ids[i];
        auto& children = m_nodes[node].children;
        auto child = children.find(key);
        if (child == children.end() && key != k_wild) {
            if (!create || children.size() >= m_settings.max_children) {
                key = k_wild;
                child = children.find(key);
            } else {
                key = m_ids[i] = intern(message.tokens()[i]);
            }
        }
        if (child == children.end()) {
            if (!create) {
                return 0;
            }
            const auto index = static_cast<std::uint32_t>(m_nodes.size());
            m_nodes[node].children.emplace(key, index);
            m_nodes.emplace_back();
            node = index;
        } else {
            node = child->second;
        }
    }
    return node;
}

SignatureId Miner::best_match(std::uint32_t leaf) const {
    SignatureId best = k_none;
    double best_similarity = -1.0;
    std::size_t best_wild = 0;
    for (const SignatureId id : m_nodes[leaf].signatures) {
        const std::vector<TokenId>& tokens = m_templates[id];
        std::size_t same = 0;
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            same += tokens[i] == m_ids[i] && tokens[i] != k_wild ? 1U : 0U;
        }
        const std::size_t fixed = m_fixed[id];
        const double similarity = fixed == 0 ? 1.0 : static_cast<double>(same) / static_cast<double>(fixed);
        const std::size_t wild = tokens.size() - fixed;
        if (similarity > best_similarity || (similarity == best_similarity && wild > best_wild)) {
            best = id;
            best_similarity = similarity;
            best_wild = wild;
        }
    }
    return best_similarity >= m_settings.similarity ? best : k_none;
}

SignatureId Miner::add_signature(std::uint32_t leaf) {
    const auto id = static_cast<SignatureId>(m_templates.size());
    m_templates.push_back(m_ids);
    m_fixed.push_back(m_ids.size());
    m_nodes[leaf].signatures.push_back(id);
    return id;
}

SignatureId Miner::add(const MaskedMessage& message) {
    const std::vector<std::string_view>& tokens = message.tokens();
    m_ids.resize(tokens.size());
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const auto found = m_token_ids.find(tokens[i]);
        m_ids[i] = found == m_token_ids.end() ? k_unknown : found->second;
    }
    if (const std::uint32_t leaf = leaf_for(message, false)) {
        const SignatureId id = best_match(leaf);
        if (id != k_none) {
            std::vector<TokenId>& tmpl = m_templates[id];
            for (std::size_t i = 0; i < tmpl.size(); ++i) {
                if (tmpl[i] != k_wild && tmpl[i] != m_ids[i]) {
                    tmpl[i] = k_wild;
                    --m_fixed[id];
                }
            }
            return id;
        }
    }
    if (m_templates.size() >= m_settings.max_signatures) {
        return catch_all();
    }
    const std::uint32_t leaf = leaf_for(message, true);
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (m_ids[i] == k_unknown) {
            m_ids[i] = intern(tokens[i]);
        }
    }
    return add_signature(leaf);
}

SignatureId Miner::catch_all() {
    if (m_catch_all == k_none) {
        m_catch_all = static_cast<SignatureId>(m_templates.size());
        m_templates.push_back({k_wild});
        m_fixed.push_back(0);
    }
    return m_catch_all;
}

SignatureId Miner::add_exact(std::string_view text) {
    const auto found = m_exact.find(text);
    if (found != m_exact.end()) {
        return found->second;
    }
    if (m_templates.size() >= m_settings.max_signatures) {
        return catch_all();
    }
    const auto id = static_cast<SignatureId>(m_templates.size());
    std::vector<TokenId> tokens;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = std::min(text.find(' ', start), text.size());
        if (end > start) {
            tokens.push_back(intern(text.substr(start, end - start)));
        }
        start = end + 1;
    }
    m_fixed.push_back(tokens.size());
    m_templates.push_back(std::move(tokens));
    m_exact.emplace(std::string(text), id);
    return id;
}

std::string Miner::template_text(SignatureId id) const {
    std::string text;
    for (const TokenId token : m_templates.at(id)) {
        if (!text.empty()) {
            text += ' ';
        }
        text += m_token_texts[token];
    }
    return text;
}

} // namespace cswm::logscan
