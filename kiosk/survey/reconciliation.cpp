#include "kiosk/survey/reconciliation.hpp"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cassert>
#include <cstring>
#include <tuple>

#include "kiosk/survey/access_groups.hpp"
#include "kiosk/survey/roster.hpp"
#include "kiosk/survey/sheet_store.hpp"
#include "kiosk/survey/survey_register.hpp"

namespace shogo::survey {

namespace {

using D = DocumentKind;

constexpr DocumentInfo kDocuments[] = {
    {D::resident_certificate_request, "resident-certificate-request", "ア",
     N_("Request for a copy of the resident record (住民票の写し等交付請求書)")},
    {D::family_certificate_request, "family-certificate-request", "ア",
     N_("Request for a family register certificate (戸籍証明書等交付請求書)")},
    {D::official_request, "official-request", "ア", N_("Official request (公用請求書)")},
    {D::misissued_certificate, "misissued-certificate", "ア",
     N_("Certificate issued by mistake (誤発行された証明書)")},
    {D::family_notification, "family-notification", "イ",
     N_("Family register notification (戸籍届書)")},
    {D::moving_notification, "moving-notification", "イ", N_("Notice of moving (住民異動届)")},
    {D::official_viewing_book, "official-viewing-book", "イ",
     N_("Official viewing book (公用閲覧等記録簿)")},
    {D::other_application, "other-application", "イ", N_("Other application (その他の申請書)")},
    {D::cs_viewing_book, "cs-viewing-book", "エ",
     N_("Official viewing book of the CS terminal (公用閲覧記録簿)")},
    {D::my_number_card_application, "my-number-card-application", "エ",
     N_("My Number card application (マイナンバーカード交付申請書)")},
    {D::cs_other_application, "cs-other-application", "エ",
     N_("Other form handled at the CS terminal")},
    {D::tax_certificate_request, "tax-certificate-request", "オ",
     N_("Request for a tax certificate (税証明書の請求書等)")},
    {D::other_division_book, "other-division-book", "カ",
     N_("Viewing book of the other division (他課閲覧用記録簿)")},
};

constexpr std::pair<Outcome, std::string_view> kOutcomes[] = {
    {Outcome::document, "document"},
    {Outcome::mistyped_search, "mistyped_search"},
    {Outcome::not_found, "not_found"},
    {Outcome::withdrawn, "withdrawn"},
};

// The order of strength of a group's operations: what must be matched first.
int strength(OperationKind k) {
  switch (k) {
    case OperationKind::certificate_issue: return 3;
    case OperationKind::confirmation_print: return 2;
    case OperationKind::cs_operation: return 1;
    case OperationKind::inquiry: return 0;
  }
  return 0;
}

std::string nfkc(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
  assert(U_SUCCESS(status) && "ICU has no NFKC data");
  const icu::UnicodeString normal =
      n->normalize(icu::UnicodeString::fromUTF8(
                       icu::StringPiece(text.data(), static_cast<int32_t>(text.size()))),
                   status);
  std::string out;
  normal.toUTF8String(out);
  return out;
}

// Reception numbers compare as numbers where they are digits ("受付 9" < "受付 10").
bool natural_less(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const bool da = a[i] >= '0' && a[i] <= '9', db = b[j] >= '0' && b[j] <= '9';
    if (da && db) {
      std::size_t ie = i, je = j;
      while (ie < a.size() && a[ie] >= '0' && a[ie] <= '9') ++ie;
      while (je < b.size() && b[je] >= '0' && b[je] <= '9') ++je;
      std::string_view na = a.substr(i, ie - i), nb = b.substr(j, je - j);
      while (na.size() > 1 && na.front() == '0') na.remove_prefix(1);
      while (nb.size() > 1 && nb.front() == '0') nb.remove_prefix(1);
      if (na.size() != nb.size()) return na.size() < nb.size();
      if (na != nb) return na < nb;
      i = ie;
      j = je;
    } else {
      if (a[i] != b[j]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]);
      ++i;
      ++j;
    }
  }
  return a.size() - i < b.size() - j;
}

constexpr const char* kTextColumns[kRowTexts] = {"terminal_id",
                                                 "operator_id",
                                                 "detail",
                                                 "operation_text",
                                                 "coalesce(reference, '')",
                                                 "resident_name",
                                                 "resident_kana",
                                                 "resident_address",
                                                 "coalesce(resident_honseki, '')",
                                                 "coalesce(search_condition, '')"};

Error not_holder() {
  return Error{"ledger.not_holder",
               N_("This sheet is not lent to you now. Ask the manager to lend it.")};
}

}  // namespace

std::span<const DocumentInfo> document_kinds() { return kDocuments; }

const DocumentInfo& document_info(DocumentKind kind) {
  return kDocuments[static_cast<std::size_t>(kind)];
}

std::optional<DocumentKind> parse_document_kind(std::string_view id) {
  for (const auto& d : kDocuments) {
    if (d.id == id) return d.kind;
  }
  return std::nullopt;
}

std::vector<DocumentKind> allowed_documents(OperationKind operation,
                                            std::optional<OperatorKind> kind) {
  if (!kind) return {};
  if (*kind == OperatorKind::other_division) return {D::other_division_book};
  const std::vector<DocumentKind> requests = {D::resident_certificate_request,
                                              D::family_certificate_request, D::official_request,
                                              D::misissued_certificate};
  const std::vector<DocumentKind> notifications = {D::family_notification, D::moving_notification,
                                                   D::official_viewing_book, D::other_application};
  std::vector<DocumentKind> out;
  switch (operation) {
    case OperationKind::certificate_issue: out = requests; break;
    case OperationKind::confirmation_print: out = notifications; break;
    case OperationKind::inquiry:
      out = requests;
      out.insert(out.end(), notifications.begin(), notifications.end());
      break;
    case OperationKind::cs_operation:
      return {D::cs_viewing_book, D::my_number_card_application, D::cs_other_application};
  }
  out.push_back(D::tax_certificate_request);
  return out;
}

std::string_view outcome_id(Outcome outcome) {
  for (const auto& [o, id] : kOutcomes) {
    if (o == outcome) return id;
  }
  return "not_found";
}

std::optional<Outcome> parse_outcome(std::string_view id) {
  for (const auto& [o, text] : kOutcomes) {
    if (text == id) return o;
  }
  return std::nullopt;
}

std::optional<std::string> normalise_reference(std::string_view typed) {
  std::string text = nfkc(typed);
  while (!text.empty() && text.front() == ' ') text.erase(text.begin());
  while (!text.empty() && text.back() == ' ') text.pop_back();
  if (text.empty()) return std::nullopt;
  static constexpr std::string_view kWords[] = {"第", "号", "冊", "頁", "枚",
                                                "年", "月", "日", "番"};
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
        std::strchr(" -/#.()", c) != nullptr) {
      ++i;
    } else {
      bool word = false;
      for (std::string_view w : kWords) {
        if (text.compare(i, w.size(), w) == 0) {
          i += w.size();
          word = true;
          break;
        }
      }
      if (!word) return std::nullopt;
    }
    ++chars;
  }
  if (chars > 40) return std::nullopt;
  // Reception numbers do not differ by case: "r466" is "R466".
  for (char& c : text) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return text;
}

std::string_view LentSheet::text(const Row& row, RowText which) const {
  const auto k = static_cast<std::size_t>(which);
  const std::uint32_t from = k == 0 ? row.begin : row.end[k - 1];
  return {reinterpret_cast<const char*>(text_.data()) + from, row.end[k] - from};
}

std::size_t LentSheet::find_group(std::int64_t group_id) const {
  for (std::size_t i = 0; i < groups_.size(); ++i) {
    if (groups_[i].id == group_id) return i;
  }
  return static_cast<std::size_t>(-1);
}

const Decision* LentSheet::decision(std::size_t group) const {
  const auto it = decisions_.find(groups_[group].id);
  return it == decisions_.end() ? nullptr : &it->second;
}

std::vector<std::size_t> LentSheet::neighbours(std::size_t group, int minutes) const {
  // by_operator_ holds the groups sorted by operator, terminal, date and
  // time: the neighbours are next to rank_[group], on both sides.
  const Row& first = rows_[groups_[group].rows.front()];
  const std::string_view op = text(first, RowText::operator_id);
  const std::string_view term = text(first, RowText::terminal);
  auto near = [&](std::size_t i) {
    const Row& r = rows_[groups_[i].rows.front()];
    if (r.date != first.date || text(r, RowText::operator_id) != op ||
        text(r, RowText::terminal) != term) {
      return false;
    }
    const int gap = r.time.seconds_since_midnight() - first.time.seconds_since_midnight();
    return gap <= minutes * 60 && gap >= -minutes * 60;
  };
  std::vector<std::size_t> out;
  const std::size_t at = rank_[group];
  for (std::size_t k = at; k-- > 0 && near(by_operator_[k]);) out.push_back(by_operator_[k]);
  std::reverse(out.begin(), out.end());
  for (std::size_t k = at + 1; k < by_operator_.size() && near(by_operator_[k]); ++k) {
    out.push_back(by_operator_[k]);
  }
  return out;
}

Result<LentSheet> open_lent_sheet(Vault& vault, const std::string& user_id,
                                  const std::string& survey_id, System system) {
  auto lending = holding(vault, user_id, survey_id, system);
  if (!lending) return lending.error();
  auto survey = find_survey(vault, survey_id);
  if (!survey) return survey.error();
  auto roster = load_roster(vault);
  if (!roster) return roster.error();
  auto db = vault.surveys().open(survey_id);
  if (!db) return db.error();
  if (auto s = prepare_survey_file(*db); !s) return s.error();

  LentSheet sheet;
  sheet.lending_ = *lending;
  const std::string sys(system_id(system));
  std::string sum;
  for (const char* c : kTextColumns) {
    if (!sum.empty()) sum += " + ";
    sum += "length(CAST(" + std::string(c) + " AS BLOB))";
  }
  auto total = db->query_int("SELECT coalesce(sum(" + sum +
                             "), 0) FROM access_rows WHERE system = '" + sys + "'");
  if (!total) return total.error();
  auto count = db->query_int("SELECT count(*) FROM access_rows WHERE system = '" + sys + "'");
  if (!count) return count.error();
  if (*total >= 0xFFFFFFFFLL) {
    return Error{"survey.too_large", N_("This sheet is too large to open.")};
  }
  sheet.text_ = crypto::SecureBuffer(static_cast<std::size_t>(*total) + 1);
  sheet.rows_.reserve(static_cast<std::size_t>(*count));

  std::string select = "SELECT id, op_date, op_time, operation, resident_birth, ";
  for (const char* c : kTextColumns) select += std::string(c) + ", ";
  select +=
      "reference IS NOT NULL AND reference <> '', search_condition IS NOT NULL, "
      "resident_honseki IS NOT NULL FROM access_rows WHERE system = ? ORDER BY id";
  auto st = storage::Statement::prepare(*db, select);
  if (!st) return st.error();
  if (auto s = st->bind_text(1, sys); !s) return s.error();
  std::uint32_t at = 0;
  auto* out = reinterpret_cast<char*>(sheet.text_.data());
  for (;;) {
    auto more = st->step();
    if (!more) return more.error();
    if (!*more) break;
    LentSheet::Row r;
    r.id = st->column_int64(0);
    const bool ok = parse_stored_date(st->column_text_view(1), r.date) &&
                    parse_stored_time(st->column_text_view(2), r.time) &&
                    parse_stored_date(st->column_text_view(4), r.birth);
    const auto op = parse_operation_kind(st->column_text_view(3));
    if (!ok || !op) return Error{"survey.corrupt", N_("A stored access row could not be read.")};
    r.operation = *op;
    r.begin = at;
    for (std::size_t k = 0; k < kRowTexts; ++k) {
      const std::string_view v = st->column_text_view(static_cast<int>(5 + k));
      if (at + v.size() > static_cast<std::size_t>(*total)) {
        return Error{"survey.changed", N_("The sheet changed while it was opened. Open it again.")};
      }
      std::memcpy(out + at, v.data(), v.size());
      at += static_cast<std::uint32_t>(v.size());
      r.end[k] = at;
    }
    if (st->column_int64(15) != 0) sheet.has_references_ = true;
    r.has_search_condition = st->column_int64(16) != 0;
    r.has_honseki = st->column_int64(17) != 0;
    if (r.has_search_condition) sheet.has_search_conditions_ = true;
    sheet.rows_.push_back(r);
  }

  // P6.2's series; the person keys are personal data and are wiped at once.
  {
    std::vector<std::string> keys;
    keys.reserve(sheet.rows_.size());
    for (const auto& r : sheet.rows_) {
      keys.push_back(normalise_person_key(sheet.text(r, RowText::name),
                                          sheet.text(r, RowText::kana), r.birth));
    }
    std::vector<SeriesFields> fields;
    fields.reserve(sheet.rows_.size());
    for (std::size_t i = 0; i < sheet.rows_.size(); ++i) {
      const auto& r = sheet.rows_[i];
      fields.push_back({system, sheet.text(r, RowText::operator_id),
                        sheet.text(r, RowText::terminal), keys[i], r.date, r.time});
    }
    auto series = group_series(fields, survey->group_gap_minutes);
    for (auto& k : keys) crypto::wipe_text(k);
    std::map<std::string, const RosterOperator*, std::less<>> known;
    for (const auto& o : *roster) known[o.id] = &o;
    sheet.groups_.reserve(series.size());
    for (const auto& s : series) {
      LentSheet::Group g;
      g.rows.assign(s.begin(), s.end());
      const auto& first = sheet.rows_[s.front()];
      g.id = first.id;
      for (std::size_t i : s) {
        if (strength(sheet.rows_[i].operation) > strength(g.operation)) {
          g.operation = sheet.rows_[i].operation;
        }
      }
      if (const auto it = known.find(sheet.text(first, RowText::operator_id)); it != known.end()) {
        g.operator_kind = it->second->kind;
        g.operator_name = it->second->name;
      }
      sheet.groups_.push_back(std::move(g));
    }
  }
  // The paper's order: by reception number where the sheet has them, else by time.
  if (sheet.has_references_) {
    // A group's number is the first its rows carry (an inquiry before the print has none).
    auto ref = [&](const LentSheet::Group& g) {
      for (std::uint32_t i : g.rows) {
        const std::string_view r = sheet.text(sheet.rows_[i], RowText::reference);
        if (!r.empty()) return r;
      }
      return std::string_view();
    };
    std::stable_sort(sheet.groups_.begin(), sheet.groups_.end(),
                     [&](const LentSheet::Group& a, const LentSheet::Group& b) {
                       const std::string_view ra = ref(a), rb = ref(b);
                       if (ra.empty() != rb.empty()) return rb.empty();
                       return natural_less(ra, rb);
                     });
  }
  // The index neighbours() uses (P6.5.b): by operator, terminal, date, time.
  {
    const std::size_t n = sheet.groups_.size();
    sheet.by_operator_.resize(n);
    for (std::size_t i = 0; i < n; ++i) sheet.by_operator_[i] = static_cast<std::uint32_t>(i);
    auto key = [&](std::uint32_t g) {
      const LentSheet::Row& r = sheet.rows_[sheet.groups_[g].rows.front()];
      return std::make_tuple(sheet.text(r, RowText::operator_id), sheet.text(r, RowText::terminal),
                             r.date, r.time, g);
    };
    std::sort(sheet.by_operator_.begin(), sheet.by_operator_.end(),
              [&](std::uint32_t a, std::uint32_t b) { return key(a) < key(b); });
    sheet.rank_.resize(n);
    for (std::size_t k = 0; k < n; ++k)
      sheet.rank_[sheet.by_operator_[k]] = static_cast<std::uint32_t>(k);
  }
  auto decisions = load_decisions(vault, survey_id);
  if (!decisions) return decisions.error();
  for (auto& d : *decisions) {
    if (d.system == system) sheet.decisions_[d.group_id] = std::move(d);
  }
  return sheet;
}

namespace {

constexpr const char* kDecisionColumns =
    "id, system, group_id, group_rows, outcome, document, reference, related_group, lending_id, "
    "decided_by, decided_at";

Decision read_decision(storage::Statement& st, const std::string& survey_id) {
  Decision d;
  d.id = st.column_int64(0);
  d.survey_id = survey_id;
  d.system = parse_system(st.column_text_view(1)).value_or(System::koseki);
  d.group_id = st.column_int64(2);
  d.group_rows = static_cast<int>(st.column_int64(3));
  d.outcome = parse_outcome(st.column_text_view(4)).value_or(Outcome::not_found);
  d.document = parse_document_kind(st.column_text_view(5));
  d.reference = st.column_text(6);
  if (!st.column_is_null(7)) d.related_group = st.column_int64(7);
  d.lending_id = st.column_int64(8);
  d.decided_by = st.column_text(9);
  d.decided_at = st.column_int64(10);
  return d;
}

// Every row of a prepared SELECT of kDecisionColumns.
Result<std::vector<Decision>> read_decisions(storage::Statement& st, const std::string& survey_id) {
  std::vector<Decision> out;
  for (;;) {
    auto more = st.step();
    if (!more) return more.error();
    if (!*more) break;
    out.push_back(read_decision(st, survey_id));
  }
  return out;
}

}  // namespace

Result<Decision> decide(Vault& vault, LentSheet& sheet, const std::string& actor, std::size_t group,
                        const DecisionInput& input) {
  auto lending = holding(vault, actor, sheet.lending_.survey_id, sheet.lending_.system);
  if (!lending || lending->id != sheet.lending_.id) return not_holder();
  if (group >= sheet.groups_.size()) {
    return Error{"decision.unknown_group", N_("There is no such access group on this sheet.")};
  }
  const LentSheet::Group& g = sheet.groups_[group];
  if (!g.operator_kind) {
    return Error{"decision.unknown_operator",
                 N_("The operator roster does not know this operator ID, so the documents to "
                    "look for are not known. Ask the manager to update the roster.")};
  }
  const std::string_view op = sheet.text(sheet.rows_[g.rows.front()], RowText::operator_id);
  {
    auto st = storage::Statement::prepare(
        vault.database(), "SELECT coalesce(user_id, '') FROM operators WHERE id = ?");
    if (!st) return st.error();
    if (auto s = st->bind_text(1, op); !s) return s.error();
    auto row = st->step();
    if (!row) return row.error();
    if (*row && st->column_text_view(0) == actor) {
      return Error{"decision.conflict_of_interest",
                   N_("This access was made with your own operator ID: you may not decide on "
                      "it (conflict of interest).")};
    }
  }
  Decision d;
  d.survey_id = sheet.lending_.survey_id;
  d.system = sheet.lending_.system;
  d.group_id = g.id;
  d.group_rows = static_cast<int>(g.rows.size());
  d.outcome = input.outcome;
  d.lending_id = sheet.lending_.id;
  d.decided_by = actor;
  d.decided_at = vault.now();
  switch (input.outcome) {
    case Outcome::document: {
      const auto allowed = allowed_documents(g.operation, g.operator_kind);
      if (!input.document ||
          std::find(allowed.begin(), allowed.end(), *input.document) == allowed.end()) {
        return Error{"decision.not_allowed",
                     N_("This kind of document does not match this access.")};
      }
      auto ref = normalise_reference(input.reference);
      if (!ref) {
        return Error{"decision.bad_reference",
                     N_("Type the document's number, or its book and page, in up to 40 digits, "
                        "letters and the characters 第, 号, 冊 and 頁.")};
      }
      bool row_has = false, matches = false;
      for (std::uint32_t i : g.rows) {
        const std::string_view own = sheet.text(sheet.rows_[i], RowText::reference);
        if (own.empty()) continue;
        row_has = true;
        if (auto n = normalise_reference(own); n && *n == *ref) matches = true;
        if (own == *ref) matches = true;
      }
      if (row_has && !matches && !input.keep_differing_reference) {
        return Error{"decision.reference_differs",
                     N_("The sheet gives this access another reception number. Check the "
                        "document: keep what you typed only if the sheet is wrong.")};
      }
      d.document = input.document;
      d.reference = *ref;
      break;
    }
    case Outcome::mistyped_search: {
      const auto near = sheet.neighbours(group);
      const bool ok =
          input.related_group && std::any_of(near.begin(), near.end(), [&](std::size_t i) {
            return sheet.groups_[i].id == *input.related_group;
          });
      if (!ok) {
        return Error{"decision.bad_related",
                     N_("Choose the access next to it, by the same operator at the same "
                        "terminal, that found the right person.")};
      }
      d.related_group = input.related_group;
      break;
    }
    case Outcome::not_found:
    case Outcome::withdrawn: break;
  }

  AuditObjects objects;
  objects.add("group", d.group_id);
  objects.add("outcome", outcome_id(d.outcome));
  if (d.document) objects.add("document", document_info(*d.document).id);
  objects.add("survey", d.survey_id);
  objects.add("system", system_id(d.system));
  const Status status = vault.change(
      actor, {AuditAction::decide, objects, {}}, [&](storage::Database& db) -> Result<std::string> {
        auto st = storage::Statement::prepare(
            db,
            "INSERT INTO decisions (survey_id, system, group_id, group_rows, outcome, "
            "document, reference, related_group, lending_id, decided_by, decided_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        if (!st) return st.error();
        Status b = st->bind_text(1, d.survey_id);
        if (b) b = st->bind_text(2, system_id(d.system));
        if (b) b = st->bind_int64(3, d.group_id);
        if (b) b = st->bind_int64(4, d.group_rows);
        if (b) b = st->bind_text(5, outcome_id(d.outcome));
        if (b) b = st->bind_text(6, d.document ? document_info(*d.document).id : "");
        if (b) b = st->bind_text(7, d.reference);
        if (b) b = d.related_group ? st->bind_int64(8, *d.related_group) : st->bind_null(8);
        if (b) b = st->bind_int64(9, d.lending_id);
        if (b) b = st->bind_text(10, d.decided_by);
        if (b) b = st->bind_int64(11, d.decided_at);
        if (!b) return b.error();
        if (auto r = st->step(); !r) return r.error();
        d.id = db.last_insert_rowid();
        return std::string();
      });
  if (!status) return status.error();
  if (d.outcome == Outcome::withdrawn) {
    sheet.decisions_.erase(d.group_id);
  } else {
    sheet.decisions_[d.group_id] = d;
  }
  return d;
}

Result<std::size_t> undo_last_decision(Vault& vault, LentSheet& sheet, const std::string& actor) {
  auto lending = holding(vault, actor, sheet.lending().survey_id, sheet.lending().system);
  if (!lending || lending->id != sheet.lending().id) return not_holder();
  auto last =
      vault.database().query_int("SELECT coalesce(max(id), 0) FROM decisions WHERE lending_id = " +
                                 std::to_string(sheet.lending().id));
  if (!last) return last.error();
  Error none{"decision.nothing_to_undo", N_("There is no decision of yours to undo.")};
  if (*last == 0) return none;
  std::int64_t group_id = 0;
  {
    auto g = vault.database().query_int("SELECT group_id FROM decisions WHERE id = " +
                                        std::to_string(*last));
    if (!g) return g.error();
    group_id = *g;
  }
  const std::size_t group = sheet.find_group(group_id);
  if (group == static_cast<std::size_t>(-1)) return none;
  auto history =
      decision_history(vault, sheet.lending().survey_id, sheet.lending().system, group_id);
  if (!history) return history.error();
  // The decision before the latest, as it was (it passed these checks
  // then); none: withdrawn.
  DecisionInput input;
  input.outcome = Outcome::withdrawn;
  if (history->size() >= 2) {
    const Decision& before = (*history)[history->size() - 2];
    input.outcome = before.outcome;
    input.document = before.document;
    input.reference = before.reference;
    input.related_group = before.related_group;
    input.keep_differing_reference = true;
  }
  auto r = decide(vault, sheet, actor, group, input);
  if (!r) return r.error();
  return group;
}

Result<std::vector<Decision>> load_decisions(Vault& vault, const std::string& survey_id) {
  if (!vault.is_open()) return Error{"vault.locked", N_("The vault is locked.")};
  auto st = storage::Statement::prepare(
      vault.database(), std::string("SELECT ") + kDecisionColumns +
                            " FROM decisions d WHERE survey_id = ?1 AND outcome <> 'withdrawn' "
                            "AND id = (SELECT max(id) FROM decisions l WHERE l.survey_id = ?1 "
                            "AND l.system = d.system AND l.group_id = d.group_id) "
                            "ORDER BY system, group_id");
  if (!st) return st.error();
  if (auto s = st->bind_text(1, survey_id); !s) return s.error();
  return read_decisions(*st, survey_id);
}

Result<std::vector<Decision>> decision_history(Vault& vault, const std::string& survey_id,
                                               System system, std::int64_t group_id) {
  if (!vault.is_open()) return Error{"vault.locked", N_("The vault is locked.")};
  auto st = storage::Statement::prepare(
      vault.database(), std::string("SELECT ") + kDecisionColumns +
                            " FROM decisions WHERE survey_id = ? AND system = ? AND group_id = ? "
                            "ORDER BY id");
  if (!st) return st.error();
  Status b = st->bind_text(1, survey_id);
  if (b) b = st->bind_text(2, system_id(system));
  if (b) b = st->bind_int64(3, group_id);
  if (!b) return b.error();
  return read_decisions(*st, survey_id);
}

}  // namespace shogo::survey
