#include "lib/workspace/journal.hpp"

#include "lib/i18n/i18n.hpp"
#include "lib/util/error.hpp"
#include "lib/util/files.hpp"
#include "lib/util/text.hpp"
#include "lib/workspace/workspace.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace cswm {
namespace {

using nlohmann::json;

constexpr std::uintmax_t k_max_journal_bytes = 1ULL << 30U;

/// What a path of the plan holds now: its bytes, or nullopt when nothing is there.
std::optional<std::string> content_of(const fs::path& file) {
    std::error_code error;
    if (!fs::exists(fs::symlink_status(file, error))) {
        return std::nullopt;
    }
    ReadResult read = read_regular_file(file, k_max_journal_bytes);
    if (read.problem != ReadProblem::none) {
        throw Error(tr("journal.unreadable-copy", fmt::arg("path", file.string())));
    }
    return std::move(read.content);
}

void remove_file(const fs::path& file) {
    if (::unlink(file.c_str()) != 0 && errno != ENOENT) {
        throw Error(
            tr("journal.cannot-remove", fmt::arg("path", file.string()), fmt::arg("reason", std::strerror(errno))));
    }
}

enum class State { old_state, new_state, renaming, foreign };

State state_of(const JournalEntry& entry, const fs::path& root) {
    const auto from = content_of(root / entry.from);
    if (entry.from == entry.to) {
        return from == entry.after ? State::new_state : from == entry.before ? State::old_state : State::foreign;
    }
    const auto to = content_of(root / entry.to);
    if (to == entry.after) {
        return !from ? State::new_state : from == entry.before ? State::renaming : State::foreign;
    }
    return (!to && from == entry.before) ? State::old_state : State::foreign;
}

void forward(const JournalEntry& entry, const fs::path& root) {
    switch (state_of(entry, root)) {
    case State::new_state:
        return;
    case State::old_state:
        if (entry.from == entry.to) {
            write_file_atomically(root / entry.to, entry.after);
            return;
        }
        if (!create_file_exclusively(root / entry.to, entry.after)) {
            throw Error(tr("journal.cannot-rename", fmt::arg("from", entry.from), fmt::arg("to", entry.to)));
        }
        [[fallthrough]];
    case State::renaming:
        remove_file(root / entry.from);
        return;
    case State::foreign:
        break;
    }
    throw Error(tr("journal.changed-since", fmt::arg("path", entry.from)));
}

void backward(const JournalEntry& entry, const fs::path& root) {
    switch (state_of(entry, root)) {
    case State::old_state:
        return;
    case State::new_state:
        if (entry.from == entry.to) {
            write_file_atomically(root / entry.from, entry.before);
            return;
        }
        if (!create_file_exclusively(root / entry.from, entry.before)) {
            throw Error(tr("journal.cannot-restore", fmt::arg("path", entry.from)));
        }
        [[fallthrough]];
    case State::renaming:
        remove_file(root / entry.to);
        return;
    case State::foreign:
        break;
    }
    throw Error(tr("journal.changed-since", fmt::arg("path", entry.to)));
}

} // namespace

fs::path journal_file(const Workspace& workspace) {
    // In the .git folder beside the lock; outside git, a hidden file at the workspace root.
    const fs::path lock = workspace.lock_file();
    return workspace.repo() != nullptr ? lock.parent_path() / "cswm" / "journal.json"
                                       : lock.parent_path() / ".cswm-journal.json";
}

void write_journal(const fs::path& file, const Journal& journal) {
    json entries = json::array();
    for (const JournalEntry& entry : journal.entries) {
        entries.push_back({{"from", entry.from}, {"to", entry.to}, {"before", entry.before}, {"after", entry.after}});
    }
    std::string text;
    try {
        text = json{{"journal", 1}, {"what", journal.what}, {"entries", entries}}.dump(1);
    } catch (const json::exception& error) {
        throw Error(tr("journal.cannot-write-plan", fmt::arg("what", journal.what), fmt::arg("reason", error.what())));
    }
    std::error_code error;
    fs::create_directories(file.parent_path(), error);
    if (error) {
        throw Error(tr("journal.cannot-make-folder", fmt::arg("folder", file.parent_path().string()),
                       fmt::arg("reason", error.message())));
    }
    write_file_atomically(file, text); // durable (fsync of file and folder) before the first edit
}

void remove_journal(const fs::path& file) {
    remove_file(file);
}

std::optional<Journal> read_journal(const fs::path& file) {
    const auto text = content_of(file);
    if (!text) {
        return std::nullopt;
    }
    try {
        const json data = json::parse(*text);
        Journal journal;
        journal.what = data.at("what").get<std::string>();
        for (const json& entry : data.at("entries")) {
            journal.entries.push_back({entry.at("from").get<std::string>(), entry.at("to").get<std::string>(),
                                       entry.at("before").get<std::string>(), entry.at("after").get<std::string>()});
        }
        return journal;
    } catch (const json::exception& error) {
        throw Error(tr("journal.unreadable-plan", fmt::arg("path", file.string()), fmt::arg("reason", error.what())));
    }
}

Settled settle_journal(const fs::path& file, const fs::path& root) {
    const auto journal = read_journal(file);
    if (!journal) {
        return {};
    }
    Settled settled{Settled::Outcome::finished, journal->what};
    try {
        for (const JournalEntry& entry : journal->entries) {
            forward(entry, root);
        }
    } catch (const Error& forward_error) {
        try {
            for (auto entry = journal->entries.rbegin(); entry != journal->entries.rend(); ++entry) {
                backward(*entry, root);
            }
        } catch (const Error& backward_error) {
            throw Error(tr("journal.stuck", fmt::arg("what", journal->what), fmt::arg("forward", forward_error.what()),
                           fmt::arg("backward", backward_error.what()), fmt::arg("path", file.string())));
        }
        settled.outcome = Settled::Outcome::rolled_back;
    }
    remove_journal(file);
    return settled;
}

WriteLock::WriteLock(const Workspace& workspace)
    : m_lock(workspace.lock_file()), m_settled(settle_journal(journal_file(workspace), workspace.root())) {
}

} // namespace cswm
