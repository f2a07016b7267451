#pragma once
// 追跡調査 (P6.6, P7.2, P9.2) — the manager's list of the accesses no document
// confirmed: for a staff operator the interview (date, the reason given,
// the conclusion), for a contractor's employee the request to the
// contractor and its report (dates, summary, the manager's check, the
// conclusion); for a conclusion "not for business" the finding (cause and
// measures against recurrence), which puts the survey on hold until the
// decision on an additional investigation. No resident's data on this
// screen: times, terminals and operators; free text is checked against the
// survey's residents before it is saved.

#include <array>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "kiosk/survey/follow_up.hpp"
#include "kiosk/survey/phrases.hpp"
#include "kiosk/ui/dates.hpp"
#include "kiosk/ui/screen.hpp"
#include "kiosk/ui/screens/survey_board.hpp"

namespace shogo::ui {

class FollowUpScreen;
struct FollowUpChosen {
  std::size_t index = 0;
};
struct ConclusionChosen {
  survey::Conclusion conclusion;
};
struct RequestSaveFollowUp {};  // the texts and dates are in the form
struct RequestSaveFinding {};
struct RequestAdditional {
  bool additional = false;  // false: none, the hold is released
};
struct RequestEndAdditional {};
// Frequent phrases (定型文): one is added to its field; the field's text is kept as one; one goes.
struct PhraseChosen {
  survey::PhraseKind kind;
  std::size_t index = 0;
};
struct RequestAddPhrase {
  survey::PhraseKind kind;
};
struct RequestRemovePhrase {
  survey::PhraseKind kind;
  std::size_t index = 0;
};
using FollowUpIntent =
    std::variant<SurveyChosen<FollowUpScreen>, FollowUpChosen, ConclusionChosen,
                 RequestSaveFollowUp, RequestSaveFinding, RequestAdditional, RequestEndAdditional,
                 PhraseChosen, RequestAddPhrase, RequestRemovePhrase>;

struct FollowUpForm {
  DateFieldState held_on, report_on;
  std::array<char, 1024> account{}, manager_check{}, cause{}, measures{};
  void clear();
};

struct FollowUpLine {  // no resident's data
  std::string system, when, terminal, operator_id, operator_name, kind, conclusion;
  bool finding = false;
};

struct FollowUpModel {
  SurveyPicker picker;
  std::vector<FollowUpLine> lines;
  std::optional<std::size_t> chosen;
  bool contractor = false;  // the chosen one is a contractor's employee (P6.6.b)
  survey::Conclusion conclusion = survey::Conclusion::pending;
  bool can_find = false;  // its conclusion in force is "not for business"
  bool has_finding = false;
  std::vector<std::string> history;  // translated
  bool held = false;
  survey::Additional additional = survey::Additional::undecided;
  std::string error, notice;  // translated
  survey::Date today;
  std::vector<std::string> reasons, measures;  // the frequent phrases
};

class FollowUpScreen : public ScreenOf<FollowUpIntent> {
 public:
  ScreenId id() const override { return ScreenId::follow_up; }
  const char* title() const override { return tr("Follow-up"); }
  std::optional<survey::Action> needs() const override { return survey::Action::keep_ledger; }
  const char* help() const override;
  const char* explanation() const override;
  void open(ScreenContext& ctx, const ScreenArgs& args) override;
  void forget(ScreenContext& ctx) override;
  void apply(const FollowUpIntent& intent, ScreenContext& ctx) override;

 protected:
  void view(ScreenContext& ctx, Out<FollowUpIntent>& out) override;

 private:
  void reload(ScreenContext& ctx);
  void choose(ScreenContext& ctx, std::size_t index);

  SurveyBoard board_;
  std::vector<survey::FollowUpItem> items_;
  std::optional<std::size_t> chosen_;
  std::vector<survey::FollowUpRecord> history_;
  survey::Conclusion conclusion_ = survey::Conclusion::pending;
  std::optional<survey::Hold> hold_;
  std::vector<survey::Phrase> reasons_, measures_;
  std::string error_;   // msgid
  std::string notice_;  // translated
  FollowUpForm form_;
};

void follow_up_view(const FollowUpModel& model, FollowUpForm& form, Out<FollowUpIntent>& out);

}  // namespace shogo::ui
