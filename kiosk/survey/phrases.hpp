#pragma once
// Frequent phrases (定型文) the manager keeps for the follow-up's free text:
// reasons operators give in interviews, and standard measures against
// recurrence, so that typing is rare. In vault.db, each change audited and
// replayed. A phrase is a general sentence; the text it ends up in is still
// checked against the survey's residents when it is saved (follow_up.hpp).
//
// Error codes: phrase.not_manager, phrase.empty, phrase.too_long,
// phrase.exists, phrase.unknown, and the database's.

#include <cstdint>
#include <string>
#include <vector>

#include "kiosk/survey/vault.hpp"
#include "storage/base/result.hpp"

namespace shogo::survey {

enum class PhraseKind : std::uint8_t { reason, measure };

struct Phrase {
  std::int64_t id = 0;
  PhraseKind kind = PhraseKind::reason;
  std::string text;
};

[[nodiscard]] Result<std::vector<Phrase>> load_phrases(Vault& vault, PhraseKind kind);
[[nodiscard]] Result<Phrase> add_phrase(Vault& vault, const std::string& actor, PhraseKind kind,
                                        const std::string& text);
[[nodiscard]] Status remove_phrase(Vault& vault, const std::string& actor, std::int64_t id);

}  // namespace shogo::survey
