#pragma once
// 調査対象の指定 (P6.3) — the supervisor designates the date, window and
// terminals of one system, typed (with checks and acknowledgeable warnings)
// or drawn by the appliance; every designation is kept (P6.3.d).

#include <array>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "kiosk/ui/dates.hpp"
#include "kiosk/ui/screen.hpp"
#include "kiosk/ui/screens/survey_board.hpp"

namespace shogo::ui {

class DesignationScreen;
struct SystemChosen {
  survey::System system;
};
struct TerminalToggled {
  std::string terminal_id;
};
struct WarningAcknowledged {
  std::string code;  // toggles the supervisor's "確認しました" of one warning
};
struct RequestDesignate {  // the typed designation, as typed, with the acknowledged warnings
  survey::System system;
  std::string date, from, to;
  std::vector<std::string> terminal_ids;
  std::vector<std::string> acknowledged;
};
struct RequestDraw {  // the appliance's draw
  survey::System system;
};
using DesignationIntent =
    std::variant<SurveyChosen<DesignationScreen>, SystemChosen, TerminalToggled,
                 WarningAcknowledged, RequestDesignate, RequestDraw, Confirmed<DesignationScreen>,
                 NotConfirmed<DesignationScreen>>;

struct DesignationForm {              // not secret
  DateFieldState date;                // typed in any form a ward writes, or picked
  std::array<char, 16> from{}, to{};  // HH:MM
  bool focus_date = false;            // once: when the screen opens, after a wrong form
};

struct TerminalChoice {
  std::string id;
  bool checked = false;
};
struct SiteChoice {  // the site's terminals of the chosen system
  std::string name, hours;
  std::vector<TerminalChoice> terminals;
};
struct WarningChoice {
  std::string code, message;  // message translated
  bool acknowledged = false;
};
struct DesignationModel {
  bool allowed = false;  // the supervisor designates (P6.3)
  SurveyPicker picker;
  survey::System system = survey::System::koseki;
  survey::Date today;
  std::vector<SiteChoice> sites;
  std::vector<std::string> errors;      // translated: refused, nothing stored
  std::vector<WarningChoice> warnings;  // to acknowledge, then designate again
  std::string stored;                   // translated: what was stored (typed or drawn)
  std::string error;                    // translated
  std::vector<DesignationRowView> history;
  std::string confirm_title;         // translated: the dialog asks first (empty: no dialog)
  std::vector<std::string> confirm;  // translated: what will be stored
};

class DesignationScreen : public ScreenOf<DesignationIntent> {
 public:
  ScreenId id() const override { return ScreenId::designation; }
  const char* title() const override { return tr("Designate the date, window and terminals"); }
  std::optional<survey::Action> needs() const override { return survey::Action::see_surveys; }
  const char* help() const override;
  const char* explanation() const override;
  void open(ScreenContext& ctx, const ScreenArgs& args) override;
  void apply(const DesignationIntent& intent, ScreenContext& ctx) override;
  void forget(ScreenContext&) override { asking_.reset(); }

 protected:
  void view(ScreenContext& ctx, Out<DesignationIntent>& out) override;

 private:
  void reset_form(const ScreenContext& ctx);
  void ask_typed(ScreenContext& ctx, const RequestDesignate& typed);
  void designate(ScreenContext& ctx, const RequestDesignate* typed, survey::System system);

  SurveyBoard board_;
  DesignationForm form_;
  survey::System system_ = survey::System::koseki;
  std::set<std::string> checked_;
  std::set<std::string> acknowledged_;
  std::optional<survey::DesignationOutcome> outcome_;
  struct Asking {                           // what the confirmation dialog asks about
    std::optional<RequestDesignate> typed;  // none: a draw
    survey::System system = survey::System::koseki;
    survey::Designation designation;  // as it will be stored (typed only)
  };
  std::optional<Asking> asking_;
  std::string error_;  // msgid
};

void designation_view(const DesignationModel& model, DesignationForm& form,
                      Out<DesignationIntent>& out);

}  // namespace shogo::ui
