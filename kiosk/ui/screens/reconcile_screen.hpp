#pragma once
// 照合 (P6.5) — the investigator holding a sheet matches every access group
// with its document. PERSONAL DATA: the rows come through the one door,
// survey::open_lent_sheet(), and leave memory (guarded buffer, wiped) when the
// screen is left, the kiosk locks, the sitting closes or the lending ends.
//
// Keyboard first (a barcode reader types like a keyboard; nothing needs the
// mouse): ↑↓ move, N the next undecided group, 1–9 the document kind by its
// number (the reference field takes the keyboard), Enter saves and moves to
// the next undecided group, F "not found", M "mistyped search" (then 1–9
// picks the neighbouring group it corrects), Ctrl+Z undoes the last
// decision. A matched group costs its number, its reference and Enter.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "kiosk/survey/reconciliation.hpp"
#include "kiosk/ui/screen.hpp"

namespace shogo::ui {

enum class GroupFilter : unsigned char { all, undecided, not_found, decided };

struct GroupChosen {
  std::size_t position = 0;  // in the visible list
};
struct RequestNextUndecided {};
struct DocumentChosen {
  std::size_t index = 0;  // in the group's allowed documents
};
struct RequestSaveDocument {};  // the reference is in the form
struct RequestNotFound {};
struct RequestMistyped {};  // shows the neighbours to choose from
struct NeighbourChosen {
  std::size_t index = 0;  // in the neighbours shown
};
struct RequestKeepReference {};  // the sheet's own number differs: keep what was typed
struct RequestCancelChoice {};
struct RequestUndo {};
struct FilterChosen {
  GroupFilter filter = GroupFilter::all;
};
struct OperatorFilterChosen {
  std::string operator_id;  // "" = every operator
};
using ReconcileIntent =
    std::variant<GroupChosen, RequestNextUndecided, DocumentChosen, RequestSaveDocument,
                 RequestNotFound, RequestMistyped, NeighbourChosen, RequestKeepReference,
                 RequestCancelChoice, RequestUndo, FilterChosen, OperatorFilterChosen>;

struct ReconcileForm {
  std::array<char, 96> reference{};  // a document number: not personal data
  bool focus_reference = false;
};

// What the view draws. The texts of rows are views into the sheet's guarded
// buffer (the model lives for one frame; nothing is copied).
struct GroupLine {  // one line of the list
  std::size_t group = 0;
  survey::Date date, birth;
  survey::TimeOfDay time;
  std::string_view operator_id, name, kana;
  const char* operation = "";
  const char* decision = "";           // translated; "" = undecided
  std::string_view clause, reference;  // a document: its letter (ア…カ) and its reference
  int rows = 0;
  bool decided = false, not_found = false, unknown_operator = false;
};
struct RowLine {  // one row of the chosen group
  survey::Date date, birth;
  survey::TimeOfDay time;
  std::string_view terminal, operator_id, detail, name, kana, address, reference, search;
  const char* operation = "";
};
struct NeighbourLine {
  survey::Date date, birth;
  survey::TimeOfDay time;
  std::string_view name, kana, search;
  bool similar = false;  // near-identical search condition (P6.5.b)
};

struct ReconcileModel {
  std::string error;   // translated
  std::string notice;  // translated
  bool open = false;   // a sheet is held and shown
  std::string title;   // survey and system
  std::size_t groups = 0, decided = 0, not_found = 0, rows = 0;
  GroupFilter filter = GroupFilter::all;
  std::vector<std::string> operators;  // for the operator filter
  std::string operator_filter;
  // The visible list: a functor fills one line on demand (only visible lines are built).
  std::size_t visible = 0;
  std::size_t current = 0;  // position in the visible list (visible when > 0)
  bool scroll_to_current = false;
  const void* sheet = nullptr;  // the controller that builds lines
  GroupLine (*line)(const void* sheet, std::size_t position) = nullptr;
  // The chosen group.
  bool has_group = false;
  std::string group_heading;  // operator, kind, operation
  bool unknown_operator = false;
  std::size_t group_rows = 0;  // the chosen group's rows, built on demand (only those in sight)
  RowLine (*row_line)(const void* sheet, std::size_t k) = nullptr;
  std::string_view first_search;        // the group's first row's 検索条件
  std::vector<const char*> documents;   // allowed, numbered from 1
  std::optional<std::size_t> document;  // chosen
  std::vector<std::string> history;     // translated lines, oldest first
  std::string current_decision;         // translated
  bool choosing_neighbour = false;
  std::vector<NeighbourLine> neighbours;
  std::string differs;  // translated question; "" = none
  bool has_search_conditions = false;
  bool one_date = true;  // every row on one day (the designated one): times only in the list
};

class ReconcileScreen : public ScreenOf<ReconcileIntent> {
 public:
  ScreenId id() const override { return ScreenId::reconcile; }
  const char* title() const override { return tr("Reconcile a sheet"); }
  std::optional<survey::Action> needs() const override { return survey::Action::borrow_sheet; }
  bool shows_personal_data() const override { return sheet_.has_value(); }
  const char* help() const override;
  const char* explanation() const override;
  void open(ScreenContext& ctx, const ScreenArgs& args) override;
  void forget(ScreenContext& ctx) override;
  void apply(const ReconcileIntent& intent, ScreenContext& ctx) override;

  // For tests and the benchmark: the sheet shown, if any.
  const survey::LentSheet* sheet() const { return sheet_ ? &*sheet_ : nullptr; }
  std::size_t current_group() const { return current_group_; }

 protected:
  void view(ScreenContext& ctx, Out<ReconcileIntent>& out) override;

 private:
  void refilter();
  void select(std::size_t group);  // by index in sheet groups
  void next_undecided();
  void clear_choice();
  void decide(ScreenContext& ctx, const survey::DecisionInput& input);
  static GroupLine build_line(const void* self, std::size_t position);
  static RowLine build_row(const void* self, std::size_t k);  // k-th row of the current group

  std::optional<survey::LentSheet> sheet_;
  std::string survey_title_;
  bool one_date_ = true;
  std::vector<std::uint32_t> visible_;  // group indices shown, in the paper's order
  GroupFilter filter_ = GroupFilter::all;
  std::string operator_filter_;
  std::vector<std::string> operators_;
  std::size_t current_group_ = 0;
  std::size_t current_position_ = static_cast<std::size_t>(-1);  // in visible_; npos: not shown
  void locate();  // current_position_ from current_group_ (after a change, never per frame)
  bool scroll_ = false;
  std::vector<survey::DocumentKind> allowed_;  // of the current group
  std::optional<std::size_t> document_;
  bool choosing_neighbour_ = false;
  std::vector<std::size_t> neighbours_;
  bool asking_differs_ = false;
  std::vector<std::string> history_;       // of the current group, translated
  std::optional<std::size_t> history_of_;  // the group history_ is of
  std::string error_;                      // msgid
  std::string notice_;                     // translated
  ReconcileForm form_;
};

void reconcile_view(const ReconcileModel& model, ReconcileForm& form, Out<ReconcileIntent>& out);

}  // namespace shogo::ui
