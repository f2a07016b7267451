#pragma once
// Reconciliation (照合, P6.5) — what the investigator holding a sheet sees and
// decides: the sheet's access groups in the paper's order, the documents
// P6.5.a allows for each, and one decision per group.
//
//   DocumentKind         the documents of P6.5.a ア–カ, in the procedure's order
//   allowed_documents()  those a group may be matched with, by its operation
//                        and its operator's kind (P4)
//   LentSheet            PERSONAL DATA: the one door through which rows reach a
//                        screen (besides the manager's import preview)
//   open_lent_sheet()    the sheet, for its holder only, while lent and not due
//   decide()             records one decision (audited, replayed; ids, kinds and
//                        document numbers only)
//   load_decisions()     a survey's decisions, for counts and reports (no rows)
//
// LentSheet keeps every text of its rows in one guarded buffer
// (crypto::SecureBuffer, wiped when the sheet goes), with the rows as
// offsets into it: a screen draws views into that buffer and copies nothing.
// The grouping's person keys are wiped as soon as the groups are made.
//
// Error codes: ledger.not_holder (open_lent_sheet, decide: not lent to this
// user now), decision.unknown_group, decision.unknown_operator (the roster
// does not know the group's operator: its kind decides the documents, P4),
// decision.not_allowed (a document P6.5.a does not offer for this group),
// decision.bad_reference, decision.reference_differs (the row carries
// another reception number; confirm to keep what was typed),
// decision.bad_related (a mistyped search names a group of another operator
// or terminal), decision.conflict_of_interest, and the database's.

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/secure_buffer.hpp"
#include "kiosk/survey/domain.hpp"
#include "kiosk/survey/ledger.hpp"
#include "kiosk/survey/vault.hpp"
#include "storage/base/result.hpp"

namespace shogo::survey {

// P6.5.a: the letter of the clause is the document's `clause`.
enum class DocumentKind : std::uint8_t {
  resident_certificate_request,  // ア 住民票の写し等交付請求書
  family_certificate_request,    // ア 戸籍証明書等交付請求書
  official_request,              // ア 公用請求書
  misissued_certificate,         // ア 誤発行された証明書
  family_notification,           // イ 戸籍届書
  moving_notification,           // イ 住民異動届
  official_viewing_book,         // イ 公用閲覧等記録簿
  other_application,             // イ その他の申請書
  cs_viewing_book,               // エ CS 端末の公用閲覧記録簿
  my_number_card_application,    // エ マイナンバーカード交付申請書
  cs_other_application,          // エ その他 CS 端末で扱う申請書
  tax_certificate_request,       // オ 税証明書の請求書等
  other_division_book,           // カ 他課閲覧用記録簿
};
struct DocumentInfo {
  DocumentKind kind;
  std::string_view id;      // stored: "resident-certificate-request", …
  std::string_view clause;  // "ア" … "カ"
  const char* label;        // msgid (English; translated on screen)
};
std::span<const DocumentInfo> document_kinds();  // every kind, in the order above
const DocumentInfo& document_info(DocumentKind kind);
std::optional<DocumentKind> parse_document_kind(std::string_view id);

// P6.5.a. A group made with another division's ID (カ) is matched with that
// division's book only. Otherwise by the group's operation: ア certificate
// issued, イ confirmation print, ウ inquiry only (the documents of ア and
// イ), エ a CS terminal operation; after ア–ウ come tax-certificate requests
// (オ: tax work consults JUKI). A staff member and a contractor's employee
// are offered the same. nullopt (unknown kind): nothing is offered.
std::vector<DocumentKind> allowed_documents(OperationKind operation,
                                            std::optional<OperatorKind> kind);

enum class Outcome : std::uint8_t {
  document,         // a document was found (P6.5.c: its reference noted)
  mistyped_search,  // P6.5.b no document; a search typed wrong, the right person next to it
  not_found,        // no document: the group goes to follow-up (P6.6)
  withdrawn,        // an earlier decision taken back (undo): the group is undecided again
};
// "document", "mistyped_search", "not_found", "withdrawn"
std::string_view outcome_id(Outcome outcome);
std::optional<Outcome> parse_outcome(std::string_view id);

struct Decision {
  std::int64_t id = 0;  // its row in vault.db; later rows of a group correct earlier ones
  std::string survey_id;
  System system = System::koseki;
  std::int64_t group_id = 0;  // the survey file's id of the group's first row
  int group_rows = 0;
  Outcome outcome = Outcome::not_found;
  std::optional<DocumentKind> document;       // outcome document only
  std::string reference;                      // the document's number, book and page
  std::optional<std::int64_t> related_group;  // mistyped_search: the group of the right person
  std::int64_t lending_id = 0;
  std::string decided_by;
  std::int64_t decided_at = 0;
};

// What the investigator chose for a group.
struct DecisionInput {
  Outcome outcome = Outcome::document;
  std::optional<DocumentKind> document;
  std::string reference;
  std::optional<std::int64_t> related_group;  // mistyped_search
  bool keep_differing_reference = false;      // asked, and confirmed
};

// A reference as stored: NFKC, spaces trimmed, letters in upper case; 1–40 characters of ASCII
// letters, digits, space and -/#.() and 第号冊頁枚年月日番 (a number, or a
// book and a page; never a name). nullopt: not such a reference.
std::optional<std::string> normalise_reference(std::string_view typed);

// The texts of a row, in the order they are kept.
enum class RowText : std::uint8_t {
  terminal,
  operator_id,
  detail,
  operation_text,
  reference,
  name,
  kana,
  address,
  honseki,
  search_condition,
};
inline constexpr std::size_t kRowTexts = 10;

// PERSONAL DATA. A sheet lent to its holder: rows and groups in the paper's order.
class LentSheet {
 public:
  struct Row {
    std::int64_t id = 0;  // access_rows.id
    Date date;
    TimeOfDay time;
    OperationKind operation = OperationKind::inquiry;
    Date birth;
    bool has_search_condition = false;
    bool has_honseki = false;
    std::uint32_t end[kRowTexts] = {};  // cumulative ends in the buffer; begin is the previous end
    std::uint32_t begin = 0;
  };
  struct Group {
    std::int64_t id = 0;              // its first row's id
    std::vector<std::uint32_t> rows;  // indices into rows(), in time order
    OperationKind operation =
        OperationKind::inquiry;                 // the strongest of its rows (ア > イ > エ > ウ)
    std::optional<OperatorKind> operator_kind;  // nullopt: the roster does not know it
    std::string operator_name;                  // the roster's (staff, not residents)
  };

  LentSheet() = default;
  LentSheet(LentSheet&&) noexcept = default;
  LentSheet& operator=(LentSheet&&) noexcept = default;
  ~LentSheet() = default;  // the buffer wipes itself
  LentSheet(const LentSheet&) = delete;
  LentSheet& operator=(const LentSheet&) = delete;

  const Lending& lending() const { return lending_; }
  std::size_t row_count() const { return rows_.size(); }
  const Row& row(std::size_t i) const { return rows_[i]; }
  std::string_view text(const Row& row, RowText which) const;
  const std::vector<Group>& groups() const { return groups_; }
  // The group's position in groups(), by its id; npos when none.
  std::size_t find_group(std::int64_t group_id) const;
  bool has_references() const { return has_references_; }  // the sheet carries reception numbers
  bool has_search_conditions() const { return has_search_conditions_; }
  // The decision on groups()[i], if any.
  const Decision* decision(std::size_t group) const;
  std::size_t decided() const { return decisions_.size(); }
  // Groups of the same operator and terminal that began within `minutes`
  // of groups()[i] (P6.5.b: the neighbouring rows of a mistyped search), by
  // time, without i itself.
  std::vector<std::size_t> neighbours(std::size_t group, int minutes = 30) const;

 private:
  friend Result<LentSheet> open_lent_sheet(Vault&, const std::string&, const std::string&, System);
  friend Result<Decision> decide(Vault&, LentSheet&, const std::string&, std::size_t,
                                 const DecisionInput&);
  Lending lending_;
  crypto::SecureBuffer text_;
  std::vector<Row> rows_;
  std::vector<Group> groups_;
  std::map<std::int64_t, Decision> decisions_;  // by group id
  // groups by operator, terminal, date and time (neighbours() looks there),
  // and each group's place in it
  std::vector<std::uint32_t> by_operator_, rank_;
  bool has_references_ = false;
  bool has_search_conditions_ = false;
};

// The one door: the sheet of `system` in `survey_id`, for `user_id` when
// they hold it now (holding(): lent to them, not returned, not due).
[[nodiscard]] Result<LentSheet> open_lent_sheet(Vault& vault, const std::string& user_id,
                                                const std::string& survey_id, System system);

// Records the holder's decision on sheet.groups()[group] in one audited
// change, and keeps it in `sheet`. An earlier decision of the group is not
// replaced: it stays as the group's history (decision_history()).
// Outcome::withdrawn takes the group's decision back (needs no document).
[[nodiscard]] Result<Decision> decide(Vault& vault, LentSheet& sheet, const std::string& actor,
                                      std::size_t group, const DecisionInput& input);

// Undo of the holder's latest decision on this sheet: the group gets back
// the decision it had before (a new row, audited), or none (withdrawn).
// The group's position in sheet.groups(); decision.nothing_to_undo.
[[nodiscard]] Result<std::size_t> undo_last_decision(Vault& vault, LentSheet& sheet,
                                                     const std::string& actor);

// The decision in force on each group of a survey (all systems; withdrawn
// groups left out), by system and group id.
[[nodiscard]] Result<std::vector<Decision>> load_decisions(Vault& vault,
                                                           const std::string& survey_id);
// Every decision ever recorded on one group, oldest first (withdrawals included).
[[nodiscard]] Result<std::vector<Decision>> decision_history(Vault& vault,
                                                             const std::string& survey_id,
                                                             System system, std::int64_t group_id);

}  // namespace shogo::survey
