#include "storage/import/profile.hpp"

#include <toml++/toml.h>

#include <array>
#include <string>

namespace shogo::storage::import {

namespace {

// The reference profiles, kept identical to storage/import/profiles/*.toml
// (tests/storage/profile_test.cpp compares them byte for byte).
// storage/import/profiles/koseki-issuance.toml
constexpr std::string_view kKosekiIssuance =
    R"toml(# 証明書発行管理一覧 — the family register system's list of issued certificates (P6.4).
# A Shogo sheet profile: docs/import-formats.md, "Profiles".
kind = "koseki-issuance"
system = "KOSEKI"

[columns]
when = "発行日時"
terminal_id = "端末ID"
operator_id = "操作者ID"
operation = "請求区分"
detail = "証明書種別"
reference = "受付番号"
resident_name = "対象者氏名"
resident_kana = "対象者カナ"
resident_birth = "生年月日"
resident_honseki = "本籍"

# 請求区分 → the kind of operation of P6.5.a.
[operations]
default = "certificate-issue"

[operations.map]
"本人" = "certificate-issue"
"代理人" = "certificate-issue"
"第三者" = "certificate-issue"
"職務上請求" = "certificate-issue"
"公用" = "certificate-issue"
"確認用" = "confirmation-print"
"照会" = "inquiry"
)toml";

// storage/import/profiles/juki-access-log.toml
constexpr std::string_view kJukiAccessLog =
    R"toml(# 住基アクセスログ内部監査 — the resident register system's access log for internal audit (P6.4).
# A Shogo sheet profile: docs/import-formats.md, "Profiles".
# 検索条件 (the search terms typed) is read for P6.5.b: a mistyped search is
# judged by exactly what the operator typed. It stays in the survey file.
kind = "juki-access-log"
system = "JUKI"

[columns]
when = "操作日時"
terminal_id = "端末ID"
operator_id = "操作者ID"
operation = "処理区分"
detail = "業務名"
resident_name = "対象者氏名"
resident_kana = "対象者カナ"
resident_birth = "生年月日"
resident_address = "住所"
search_condition = "検索条件"

# 処理区分 → the kind of operation of P6.5.a.
[operations]
default = "inquiry"

[operations.map]
"照会" = "inquiry"
"閲覧" = "inquiry"
"証明書発行" = "certificate-issue"
"発行" = "certificate-issue"
"帳票出力" = "confirmation-print"
"確認用出力" = "confirmation-print"
)toml";

// storage/import/profiles/juki-online-forms.toml
constexpr std::string_view kJukiOnlineForms =
    R"toml(# 住基オンライン帳票内部監査 — the resident register system's printed forms for internal audit (P6.4).
# A Shogo sheet profile: docs/import-formats.md, "Profiles".
kind = "juki-online-forms"
system = "JUKI"

[columns]
when = "出力日時"
terminal_id = "端末ID"
operator_id = "操作者ID"
operation = "帳票名"
detail = "帳票名"
reference = "受付番号"
resident_name = "対象者氏名"
resident_kana = "対象者カナ"
resident_birth = "生年月日"
resident_address = "住所"

# 帳票名 → the kind of operation of P6.5.a.
[operations]
default = "confirmation-print"

[operations.map]
"住民票の写し" = "certificate-issue"
"住民票記載事項証明書" = "certificate-issue"
"確認用住民票" = "confirmation-print"
"事務処理用帳票" = "confirmation-print"
)toml";

// storage/import/profiles/cs-operations.toml
constexpr std::string_view kCsOperations =
    R"toml(# CS端末操作履歴 — the operation history of the Juki-net CS terminals (P6.4).
# A Shogo sheet profile: docs/import-formats.md, "Profiles".
kind = "cs-operations"
system = "JUKINET"

[columns]
when = "操作日時"
terminal_id = "端末ID"
operator_id = "操作者ID"
operation = "業務種別"
detail = "処理内容"
resident_name = "対象者氏名"
resident_kana = "対象者カナ"
resident_birth = "生年月日"
resident_address = "住所"

# 業務種別 → the kind of operation of P6.5.a: everything done on a CS terminal
# is P6.5.a エ, whatever the business.
[operations]
default = "cs-operation"

[operations.map]
)toml";

struct KindInfo {
  SheetKind kind;
  std::string_view id;
  std::string_view name;
  std::string_view spaced_name;  // how some wards write it
  std::string_view toml;
};
constexpr std::array<KindInfo, 4> kKinds{{
    {SheetKind::koseki_issuance, "koseki-issuance", "証明書発行管理一覧", "", kKosekiIssuance},
    {SheetKind::juki_access_log, "juki-access-log", "住基アクセスログ内部監査", "", kJukiAccessLog},
    {SheetKind::juki_online_forms, "juki-online-forms", "住基オンライン帳票内部監査", "",
     kJukiOnlineForms},
    {SheetKind::cs_operations, "cs-operations", "CS端末操作履歴", "CS 端末操作履歴", kCsOperations},
}};

const KindInfo& info(SheetKind kind) {
  for (const auto& k : kKinds)
    if (k.kind == kind) return k;
  return kKinds[0];
}

Error profile_error(std::string code, std::string message, std::string* where, std::string at) {
  if (where) *where = std::move(at);
  return Error{std::move(code), std::move(message)};
}

// Reads the [columns] table into `columns`.
Status read_columns(const toml::table& table, Columns& columns, std::string* where) {
  const std::pair<std::string_view, std::string Columns::*> fields[] = {
      {"when", &Columns::when},
      {"date", &Columns::date},
      {"time", &Columns::time},
      {"terminal_id", &Columns::terminal_id},
      {"operator_id", &Columns::operator_id},
      {"operation", &Columns::operation},
      {"detail", &Columns::detail},
      {"reference", &Columns::reference},
      {"resident_name", &Columns::resident_name},
      {"resident_kana", &Columns::resident_kana},
      {"resident_birth", &Columns::resident_birth},
      {"resident_address", &Columns::resident_address},
      {"resident_honseki", &Columns::resident_honseki},
      {"search_condition", &Columns::search_condition},
  };
  for (const auto& [key, node] : table) {
    const std::string at = "columns." + std::string(key.str());
    std::string Columns::*member = nullptr;
    for (const auto& [name, m] : fields)
      if (name == key.str()) member = m;
    if (!member)
      return profile_error("import.profile_unknown_field",
                           N_("The profile names a column field Shogo does not know."), where, at);
    const auto* text = node.as_string();
    if (!text || trim_cell(text->get()).empty())
      return profile_error("import.profile_bad_value",
                           N_("A column of the profile must be a header text."), where, at);
    columns.*member = std::string(trim_cell(text->get()));
  }
  const bool has_when = !columns.when.empty();
  const bool has_split = !columns.date.empty() || !columns.time.empty();
  if (has_when && has_split)
    return profile_error("import.profile_conflicting_columns",
                         N_("The profile gives both a date-and-time column and separate ones."),
                         where, "columns.when");
  if (!has_when && (columns.date.empty() || columns.time.empty()))
    return profile_error(
        "import.profile_missing_field", N_("The profile lacks a required field."), where,
        has_split ? (columns.date.empty() ? "columns.date" : "columns.time") : "columns.when");
  const std::pair<std::string_view, std::string Columns::*> required[] = {
      {"terminal_id", &Columns::terminal_id},       {"operator_id", &Columns::operator_id},
      {"operation", &Columns::operation},           {"detail", &Columns::detail},
      {"resident_name", &Columns::resident_name},   {"resident_kana", &Columns::resident_kana},
      {"resident_birth", &Columns::resident_birth},
  };
  for (const auto& [name, member] : required)
    if ((columns.*member).empty())
      return profile_error("import.profile_missing_field",
                           N_("The profile lacks a required field."), where,
                           "columns." + std::string(name));
  return ok_status();
}

Result<OperationKind> read_operation(const toml::node& node, std::string* where,
                                     const std::string& at) {
  const auto* text = node.as_string();
  if (!text)
    return profile_error("import.profile_bad_value",
                         N_("An operation kind in the profile must be a text."), where, at);
  if (auto op = parse_operation_kind(text->get())) return *op;
  return profile_error("import.profile_unknown_operation",
                       N_("The profile names an operation kind Shogo does not know."), where, at);
}

Status read_operations(const toml::table& table, Profile& profile, std::string* where) {
  bool has_default = false;
  for (const auto& [key, node] : table) {
    const std::string at = "operations." + std::string(key.str());
    if (key.str() == "default") {
      auto op = read_operation(node, where, at);
      if (!op) return op.error();
      profile.default_operation = *op;
      has_default = true;
    } else if (key.str() == "map") {
      const auto* map = node.as_table();
      if (!map)
        return profile_error("import.profile_bad_value",
                             N_("The operation map of the profile must be a table."), where, at);
      for (const auto& [text, kind] : *map) {
        auto op = read_operation(kind, where, at + "." + std::string(text.str()));
        if (!op) return op.error();
        profile.operation_map.emplace_back(std::string(trim_cell(text.str())), *op);
      }
    } else {
      return profile_error("import.profile_unknown_field",
                           N_("The profile names an operation field Shogo does not know."), where,
                           at);
    }
  }
  if (!has_default)
    return profile_error("import.profile_missing_field", N_("The profile lacks a required field."),
                         where, "operations.default");
  return ok_status();
}

}  // namespace

std::string_view sheet_kind_id(SheetKind kind) { return info(kind).id; }
std::string_view sheet_kind_name(SheetKind kind) { return info(kind).name; }

std::optional<SheetKind> parse_sheet_kind(std::string_view text) {
  text = trim_cell(text);
  for (const auto& k : kKinds)
    if (text == k.id || text == k.name || (!k.spaced_name.empty() && text == k.spaced_name))
      return k.kind;
  return std::nullopt;
}

OperationKind Profile::operation_for(std::string_view text) const {
  text = trim_cell(text);
  for (const auto& [key, op] : operation_map)
    if (key == text) return op;
  return default_operation;
}

std::vector<std::string> Profile::required_headers() const {
  std::vector<std::string> out;
  const auto& c = columns;
  for (const std::string* h :
       {&c.when, &c.date, &c.time, &c.terminal_id, &c.operator_id, &c.operation, &c.detail,
        &c.resident_name, &c.resident_kana, &c.resident_birth})
    if (!h->empty()) out.push_back(*h);
  return out;
}

Result<Profile> parse_profile(std::string_view toml_text, std::string* where) {
  toml::table root;
  try {
    root = toml::parse(toml_text);
  } catch (const toml::parse_error& e) {
    return profile_error("import.profile_syntax", N_("The profile is not valid TOML."), where,
                         "line " + std::to_string(e.source().begin.line));
  }
  Profile profile;
  bool has_kind = false, has_system = false, has_columns = false, has_operations = false;
  for (const auto& [key, node] : root) {
    const std::string at(key.str());
    if (at == "kind" || at == "system") {
      const auto* text = node.as_string();
      if (!text)
        return profile_error("import.profile_bad_value",
                             N_("The kind and system of a profile must be texts."), where, at);
      if (at == "kind") {
        const auto kind = parse_sheet_kind(text->get());
        if (!kind)
          return profile_error("import.profile_unknown_kind",
                               N_("The profile names a sheet kind Shogo does not know."), where,
                               at);
        profile.kind = *kind;
        has_kind = true;
      } else {
        const auto system = parse_system(text->get());
        if (!system)
          return profile_error("import.profile_unknown_system",
                               N_("The profile names a system Shogo does not know."), where, at);
        profile.system = *system;
        has_system = true;
      }
    } else if (at == "columns" || at == "operations") {
      const auto* table = node.as_table();
      if (!table)
        return profile_error("import.profile_bad_value",
                             N_("The columns and operations of a profile must be tables."), where,
                             at);
      auto s = at == "columns" ? read_columns(*table, profile.columns, where)
                               : read_operations(*table, profile, where);
      if (!s) return s.error();
      (at == "columns" ? has_columns : has_operations) = true;
    } else {
      return profile_error("import.profile_unknown_field",
                           N_("The profile names a field Shogo does not know."), where, at);
    }
  }
  for (const auto& [present, name] :
       {std::pair{has_kind, "kind"}, std::pair{has_system, "system"},
        std::pair{has_columns, "columns"}, std::pair{has_operations, "operations"}})
    if (!present)
      return profile_error("import.profile_missing_field",
                           N_("The profile lacks a required field."), where, name);
  return profile;
}

std::string_view reference_profile(SheetKind kind) { return info(kind).toml; }

std::string_view trim_cell(std::string_view text) {
  constexpr std::string_view kIdeographicSpace = "\u3000";
  for (bool changed = true; changed && !text.empty();) {
    changed = false;
    if (text.front() == ' ' || text.front() == '\t') {
      text.remove_prefix(1);
      changed = true;
    } else if (text.starts_with(kIdeographicSpace)) {
      text.remove_prefix(kIdeographicSpace.size());
      changed = true;
    }
    if (text.empty()) break;
    if (text.back() == ' ' || text.back() == '\t') {
      text.remove_suffix(1);
      changed = true;
    } else if (text.ends_with(kIdeographicSpace)) {
      text.remove_suffix(kIdeographicSpace.size());
      changed = true;
    }
  }
  return text;
}

}  // namespace shogo::storage::import
