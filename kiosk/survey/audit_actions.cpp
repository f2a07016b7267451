#include "kiosk/survey/audit_actions.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>

namespace shogo::survey {

namespace {

struct Entry {
  AuditAction action;
  std::string_view id;
  bool kiosk, admin;
};

constexpr Entry kEntries[] = {
    {AuditAction::vault_create, "vault_create", false, true},
    {AuditAction::sign_in, "sign_in", true, true},
    {AuditAction::unlock, "unlock", true, true},
    {AuditAction::lock, "lock", true, false},
    {AuditAction::sign_out, "sign_out", true, false},
    {AuditAction::close, "close", true, true},
    {AuditAction::shutdown, "shutdown", true, false},
    {AuditAction::view_personal_data, "view_personal_data", true, false},
    {AuditAction::setting_change, "setting_change", true, false},
    {AuditAction::audit_view, "audit_view", true, false},
    {AuditAction::audit_verify, "audit_verify", false, true},
    {AuditAction::audit_export, "audit_export", false, true},
    {AuditAction::doctor, "doctor", false, true},
    {AuditAction::keys_print, "keys_print", false, true},
    {AuditAction::user_add, "user_add", false, true},
    {AuditAction::user_disable, "user_disable", false, true},
    {AuditAction::passphrase_change, "passphrase_change", false, true},
    {AuditAction::survey_create, "survey_create", true, true},
    {AuditAction::survey_settings, "survey_settings", false, true},
    {AuditAction::site_add, "site_add", false, true},
    {AuditAction::terminal_add, "terminal_add", false, true},
    {AuditAction::designate, "designate", true, true},
    {AuditAction::designation_draw, "designation_draw", true, true},
    {AuditAction::sheet_import, "sheet_import", true, true},
    {AuditAction::roster_import, "roster_import", false, true},
    {AuditAction::sheets_complete, "sheets_complete", true, false},
    {AuditAction::sheet_lend, "sheet_lend", true, false},
    {AuditAction::sheet_return, "sheet_return", true, false},
    {AuditAction::decide, "decide", true, false},
    {AuditAction::follow_up, "follow_up", true, false},
    {AuditAction::finding, "finding", true, false},
    {AuditAction::hold_decision, "hold_decision", true, false},
    {AuditAction::phrase_change, "phrase_change", true, false},
};

constexpr bool entries_in_enum_order() {
  for (std::size_t i = 0; i < std::size(kEntries); ++i) {
    if (static_cast<std::size_t>(kEntries[i].action) != i) return false;
  }
  return true;
}
static_assert(entries_in_enum_order(), "kEntries lists every AuditAction once, in enum order");

const auto kInfos = [] {
  std::array<AuditActionInfo, std::size(kEntries)> out{};
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i] = {kEntries[i].action, kEntries[i].kiosk, kEntries[i].admin};
  }
  return out;
}();

// At most 128 characters: a value is cut where its encoding would pass them.
void encode_into(std::string& out, std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  constexpr std::size_t kMax = 128;
  for (unsigned char c : value) {
    if (c > 0x20 && c < 0x7F && c != ';' && c != '=' && c != '%') {
      if (out.size() + 1 > kMax) break;
      out.push_back(static_cast<char>(c));
    } else {
      if (out.size() + 3 > kMax) break;
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0x0F]);
    }
  }
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

std::string_view audit_action_id(AuditAction action) {
  return kEntries[static_cast<std::size_t>(action)].id;
}

bool parse_audit_action(std::string_view id, AuditAction& out) {
  for (const Entry& e : kEntries) {
    if (e.id == id) {
      out = e.action;
      return true;
    }
  }
  return false;
}

std::span<const AuditActionInfo> audit_actions() { return kInfos; }

AuditObjects& AuditObjects::add(std::string_view key, std::string_view value) {
  std::string encoded;
  encode_into(encoded, value);
  if (encoded.empty()) encoded.push_back('-');  // a value is never empty in the chain
  pairs_.emplace_back(std::string(key), std::move(encoded));
  // Canonical order (crypto::audit::format_objects): by key, then value.
  std::sort(pairs_.begin(), pairs_.end());
  text_.clear();
  for (const auto& [k, v] : pairs_) {
    if (!text_.empty()) text_.push_back(';');
    text_ += k + "=" + v;
  }
  return *this;
}

AuditObjects& AuditObjects::add(std::string_view key, long long value) {
  return add(key, std::to_string(value));
}

std::string decode_audit_objects(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      const int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

}  // namespace shogo::survey
