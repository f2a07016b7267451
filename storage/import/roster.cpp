#include "storage/import/roster.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <set>

#include "storage/import/csv_reader.hpp"
#include "storage/import/profile.hpp"
#include "storage/import/xlsx_reader.hpp"

namespace shogo::storage::import {

namespace {

// storage/import/profiles/roster.toml
constexpr std::string_view kReferenceRoster =
    R"toml(# 操作者名簿 — who each operator id belongs to (P4). A Shogo roster profile:
# docs/import-formats.md, "The roster".
kind = "roster"

[columns]
operator_id = "操作者ID"
name = "氏名"
kind = "区分"
affiliation = "所属"
user = "Shogo利用者"

# 区分 → the kind of operator of P4.
[kinds]
"職員" = "staff"
"他課" = "other-division"
"委託" = "contractor"
)toml";

constexpr std::uint64_t kHeaderRows = 20;  // the header is among the first rows, as for sheets

Error profile_error(std::string code, std::string message, std::string* where, std::string at) {
  if (where) *where = std::move(at);
  return Error{std::move(code), std::move(message)};
}

Error at_cell(RosterPosition* at, std::uint64_t row, std::string column, std::string code,
              std::string message) {
  if (at) *at = {row, std::move(column)};
  return Error{std::move(code), std::move(message)};
}

// C0 controls and DEL: not text, in any field of the roster.
bool has_control(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char ch) {
    const auto b = static_cast<unsigned char>(ch);
    return b < 0x20 || b == 0x7F;
  });
}

// The file's records, CSV or the first worksheet of an XLSX workbook.
struct Records {
  std::optional<CsvReader> csv;
  std::optional<XlsxReader> xlsx;
  Result<bool> next(std::vector<std::string>& fields) {
    return csv ? csv->next(fields) : xlsx->next(fields);
  }
  std::uint64_t row() const { return csv ? csv->row_number() : xlsx->row_number(); }
};

Result<Records> open_records(const std::filesystem::path& file) {
  Records r;
  if (looks_like_zip(file) || looks_like_ole2(file)) {
    auto x = XlsxReader::open(file);
    if (!x) return x.error();
    r.xlsx.emplace(std::move(*x));
    for (std::size_t i = 0; i < r.xlsx->sheet_names().size(); ++i) {
      auto s = r.xlsx->select_sheet(i);
      if (s) return r;
      if (s.error().code != "import.xlsx_not_worksheet") return s.error();
    }
    return Error{"roster.header_not_found",
                 N_("The header row of the roster was not found in its first 20 rows.")};
  }
  auto c = CsvReader::open(file);
  if (!c) return c.error();
  r.csv.emplace(std::move(*c));
  return r;
}

}  // namespace

std::string_view reference_roster_profile() { return kReferenceRoster; }

Result<RosterProfile> parse_roster_profile(std::string_view toml_text, std::string* where) {
  toml::table root;
  try {
    root = toml::parse(toml_text);
  } catch (const toml::parse_error& e) {
    return profile_error("roster.profile_syntax", N_("The roster profile is not valid TOML."),
                         where, "line " + std::to_string(e.source().begin.line));
  }
  RosterProfile p;
  const std::pair<std::string_view, std::string RosterProfile::*> fields[] = {
      {"operator_id", &RosterProfile::operator_id},
      {"name", &RosterProfile::name},
      {"kind", &RosterProfile::kind},
      {"affiliation", &RosterProfile::affiliation},
      {"user", &RosterProfile::user}};
  for (const auto& [key, node] : root) {
    const std::string at(key.str());
    if (at == "kind") {
      const auto* text = node.as_string();
      if (!text || text->get() != "roster")
        return profile_error("roster.profile_bad_value",
                             N_("A roster profile says kind = \"roster\"."), where, at);
    } else if (at != "columns" && at != "kinds") {
      return profile_error("roster.profile_unknown_field",
                           N_("The roster profile names a field Shogo does not know."), where, at);
    } else if (node.as_table() == nullptr) {
      return profile_error("roster.profile_bad_value",
                           N_("The columns and kinds of a roster profile must be tables."), where,
                           at);
    } else if (at == "columns") {
      for (const auto& [name, value] : *node.as_table()) {
        const std::string field_at = "columns." + std::string(name.str());
        std::string RosterProfile::*member = nullptr;
        for (const auto& [f, m] : fields)
          if (f == name.str()) member = m;
        if (!member)
          return profile_error("roster.profile_unknown_field",
                               N_("The roster profile names a field Shogo does not know."), where,
                               field_at);
        const auto* text = value.as_string();
        if (!text || trim_cell(text->get()).empty())
          return profile_error("roster.profile_bad_value",
                               N_("Each column of a roster profile is a header text."), where,
                               field_at);
        p.*member = std::string(trim_cell(text->get()));
      }
    } else {  // kinds
      for (const auto& [text, value] : *node.as_table()) {
        const std::string kind_at = "kinds." + std::string(text.str());
        const auto* id = value.as_string();
        const auto kind = id ? parse_operator_kind(id->get()) : std::nullopt;
        if (!kind)
          return profile_error("roster.profile_unknown_kind",
                               N_("A roster kind is staff, other-division or contractor."), where,
                               kind_at);
        p.kinds.emplace_back(std::string(trim_cell(text.str())), *kind);
      }
    }
  }
  for (const auto& [f, m] : fields) {
    if (f != "user" && (p.*m).empty())
      return profile_error("roster.profile_missing_field",
                           N_("A roster profile names the columns operator_id, name, kind and "
                              "affiliation."),
                           where, "columns." + std::string(f));
  }
  if (p.kinds.empty())
    return profile_error("roster.profile_missing_field",
                         N_("A roster profile maps the kind texts to kinds ([kinds])."), where,
                         "kinds");
  return p;
}

Result<std::vector<RosterEntry>> read_roster(const std::filesystem::path& file,
                                             const RosterProfile& profile, RosterPosition* at) {
  auto records = open_records(file);
  if (!records) return records.error();
  std::vector<std::string> fields;
  // The header row: the first of the first rows that holds every column named.
  struct Slot {
    const std::string* header;
    std::size_t index = 0;
    bool present = false;
  };
  Slot slots[] = {{&profile.operator_id},
                  {&profile.name},
                  {&profile.kind},
                  {&profile.affiliation},
                  {&profile.user}};
  bool found = false;
  for (std::uint64_t n = 0; n < kHeaderRows && !found; ++n) {
    auto more = records->next(fields);
    if (!more) return at_cell(at, records->row(), "", more.error().code, more.error().message);
    if (!*more) break;
    bool all = true;
    for (Slot& s : slots) {
      s.present = false;
      if (s.header->empty()) continue;
      for (std::size_t i = 0; i < fields.size(); ++i) {
        if (trim_cell(fields[i]) == *s.header) {
          s.index = i;
          s.present = true;
        }
      }
      if (!s.present && s.header != &profile.user) all = false;
    }
    found = all;
  }
  if (!found)
    return at_cell(at, 0, "", "roster.header_not_found",
                   N_("The header row of the roster was not found in its first 20 rows."));
  std::vector<RosterEntry> out;
  std::set<std::string> ids;
  for (;;) {
    auto more = records->next(fields);
    if (!more) return at_cell(at, records->row(), "", more.error().code, more.error().message);
    if (!*more) break;
    const auto cell = [&](const Slot& s) -> std::string_view {
      return s.present && s.index < fields.size() ? trim_cell(fields[s.index]) : std::string_view();
    };
    if (std::all_of(fields.begin(), fields.end(),
                    [](const std::string& f) { return trim_cell(f).empty(); })) {
      continue;  // a blank row
    }
    RosterEntry e;
    e.row = records->row();
    const std::pair<Slot*, std::string*> values[] = {{&slots[0], &e.operator_id},
                                                     {&slots[1], &e.name},
                                                     {&slots[3], &e.affiliation},
                                                     {&slots[4], &e.user}};
    for (const auto& [slot, value] : values) {
      value->assign(cell(*slot));
      if (has_control(*value))
        return at_cell(at, e.row, *slot->header, "roster.control_character",
                       N_("This cell of the roster holds a control character, which is not "
                          "text."));
    }
    for (const Slot* required : {&slots[0], &slots[1], &slots[2], &slots[3]}) {
      if (cell(*required).empty())
        return at_cell(at, e.row, *required->header, "roster.missing_value",
                       N_("This cell of the roster is empty; every row needs an operator id, "
                          "a name, a kind and an affiliation."));
    }
    const std::string_view kind_text = cell(slots[2]);
    const auto kind = std::find_if(profile.kinds.begin(), profile.kinds.end(),
                                   [&](const auto& k) { return k.first == kind_text; });
    if (kind == profile.kinds.end())
      return at_cell(at, e.row, profile.kind, "roster.unknown_kind",
                     N_("The kind of this row is not one the roster profile knows."));
    e.kind = kind->second;
    if (!ids.insert(e.operator_id).second)
      return at_cell(at, e.row, profile.operator_id, "roster.duplicate_id",
                     N_("This operator id is in the roster twice."));
    out.push_back(std::move(e));
  }
  if (out.empty()) return at_cell(at, 0, "", "roster.empty", N_("The roster holds no operator."));
  return out;
}

}  // namespace shogo::storage::import
