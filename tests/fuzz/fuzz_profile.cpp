// libFuzzer target: sheet profiles (storage/import/profile.hpp).
//
// The input is a profile's TOML text for parse_profile(). When it parses, the
// profile's methods run; the input is also an operation text for the four
// reference profiles and a kind, system and operation id for the parse_*()
// helpers.
// Invariants (a violation traps):
//   - a failure has an import.profile_* code and says where (sets *where);
//   - a parsed profile's required headers are non-empty, trimmed, and include
//     when (or date and time) and the other required columns;
//   - operation_for() of a mapped text gives the first mapping of that text,
//     and of anything unmapped the default;
//   - sheet_kind_id(), system_id() and operation_kind_id() read back through
//     parse_sheet_kind(), parse_system() and parse_operation_kind(), and those
//     accept only the ids, exactly (a profile's system and operations are read
//     with them).

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "storage/import/profile.hpp"
#include "tests/fuzz/fuzz_input_file.hpp"

namespace {

using shogo::operation_kind_id;
using shogo::OperationKind;
using shogo::parse_operation_kind;
using shogo::parse_system;
using shogo::system_id;
using shogo::storage::import::kAllSheetKinds;
using shogo::storage::import::parse_profile;
using shogo::storage::import::parse_sheet_kind;
using shogo::storage::import::Profile;
using shogo::storage::import::reference_profile;
using shogo::storage::import::sheet_kind_id;
using shogo::storage::import::trim_cell;

const std::vector<Profile>& reference_profiles() {
  static const std::vector<Profile> profiles = [] {
    std::vector<Profile> out;
    for (const auto kind : kAllSheetKinds) {
      auto p = parse_profile(reference_profile(kind));
      SHOGO_FUZZ_CHECK(p && p->kind == kind);
      out.push_back(*p);
    }
    return out;
  }();
  return profiles;
}

// The first mapping of `text` (already trimmed), or the default.
OperationKind expected_operation(const Profile& p, std::string_view text) {
  for (const auto& [key, op] : p.operation_map)
    if (key == text) return op;
  return p.default_operation;
}

void check_profile(const Profile& p, std::string_view input) {
  SHOGO_FUZZ_CHECK(parse_sheet_kind(sheet_kind_id(p.kind)) == p.kind);
  SHOGO_FUZZ_CHECK(parse_system(system_id(p.system)) == p.system);

  const auto headers = p.required_headers();
  for (const auto& h : headers) {
    SHOGO_FUZZ_CHECK(!h.empty());
    SHOGO_FUZZ_CHECK(trim_cell(h) == h);
  }
  const auto has = [&](const std::string& h) {
    return !h.empty() && std::find(headers.begin(), headers.end(), h) != headers.end();
  };
  const auto& c = p.columns;
  SHOGO_FUZZ_CHECK(has(c.when) || (has(c.date) && has(c.time)));
  SHOGO_FUZZ_CHECK(c.when.empty() || (c.date.empty() && c.time.empty()));
  for (const auto* h : {&c.terminal_id, &c.operator_id, &c.operation, &c.detail, &c.resident_name,
                        &c.resident_kana, &c.resident_birth})
    SHOGO_FUZZ_CHECK(has(*h));

  for (const auto& [key, op] : p.operation_map) {
    SHOGO_FUZZ_CHECK(trim_cell(key) == key);
    SHOGO_FUZZ_CHECK(p.operation_for(key) == expected_operation(p, key));
    SHOGO_FUZZ_CHECK(p.operation_for(" " + key + "\u3000") == expected_operation(p, key));
    SHOGO_FUZZ_CHECK(parse_operation_kind(operation_kind_id(op)) == op);
  }
  for (const std::string_view text : {"", " ", "照会", "本人", "証明書発行", "確認用", "その他"})
    SHOGO_FUZZ_CHECK(p.operation_for(text) == expected_operation(p, trim_cell(text)));
  SHOGO_FUZZ_CHECK(p.operation_for(input) == expected_operation(p, trim_cell(input)));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  // A sentinel, not "": a TOML key may be "" and is then reported as it is.
  const std::string unset = "\x01unset";
  std::string where = unset;
  const auto profile = parse_profile(text, &where);
  if (profile) {
    check_profile(*profile, text);
    const auto again = parse_profile(text);
    SHOGO_FUZZ_CHECK(again && *again == *profile);
  } else {
    SHOGO_FUZZ_CHECK(profile.error().code.starts_with("import.profile_"));
    SHOGO_FUZZ_CHECK(where != unset);
  }

  for (const auto& p : reference_profiles())
    SHOGO_FUZZ_CHECK(p.operation_for(text) == expected_operation(p, trim_cell(text)));
  if (const auto kind = parse_sheet_kind(text))
    SHOGO_FUZZ_CHECK(parse_sheet_kind(sheet_kind_id(*kind)) == kind);
  if (const auto system = parse_system(text)) SHOGO_FUZZ_CHECK(system_id(*system) == text);
  if (const auto op = parse_operation_kind(text)) SHOGO_FUZZ_CHECK(operation_kind_id(*op) == text);
  return 0;
}
