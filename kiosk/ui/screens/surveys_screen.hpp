#pragma once
// 調査の状況 — the survey overview (P6.1–P6.3): the surveys, the chosen one's
// designations and its viewed persons per system (P6.2); the manager makes a
// new survey here (P6.1), the supervisor is offered to designate again where
// a system is short (P6.3.d).

#include <array>
#include <string>
#include <variant>
#include <vector>

#include "kiosk/ui/screen.hpp"
#include "kiosk/ui/screens/survey_board.hpp"

namespace shogo::ui {

class SurveysScreen;
struct RequestNewSurveyForm {
  bool open = false;  // shown or put away
};
struct FiscalYearChanged {
  std::string fiscal_year;  // as typed: the proposed id follows it
};
struct RequestCreateSurvey {
  std::string fiscal_year, title, id;  // as typed (P6.1)
};
using SurveysIntent = std::variant<SurveyChosen<SurveysScreen>, RequestNewSurveyForm,
                                   FiscalYearChanged, RequestCreateSurvey>;

// 新しい調査を作る (P6.1): the manager's form; the id is proposed ("fy2026-2").
struct NewSurveyForm {
  bool open = false;
  // The field the keyboard goes to, once: the first when the form opens, the
  // wrong one after an error. 0 fiscal year, 1 title, 2 id; -1 none.
  int focus = -1;
  std::array<char, 8> fiscal_year{};  // four digits; default: the current fiscal year
  std::array<char, 256> title{};
  std::array<char, 41> id{};  // letters, digits and '-', at most 40
};

struct SurveysModel {
  SurveyPicker picker;
  bool may_create = false;   // the manager makes surveys (P5); nobody else sees the button
  std::string create_error;  // translated: refused, nothing made
  std::string created;       // translated: what was made
  std::vector<DesignationRowView> designations;  // history, in the order made (P6.3.d)
  std::vector<SystemCountView> counts;
  bool may_designate = false;  // supervisor: offer designating again when short
  std::string error;           // translated
};

class SurveysScreen : public ScreenOf<SurveysIntent> {
 public:
  ScreenId id() const override { return ScreenId::surveys; }
  const char* title() const override { return tr("Survey status"); }
  const char* help() const override;
  const char* explanation() const override;
  std::optional<survey::Action> needs() const override { return survey::Action::see_surveys; }
  void open(ScreenContext& ctx, const ScreenArgs& args) override;
  void apply(const SurveysIntent& intent, ScreenContext& ctx) override;
  void forget(ScreenContext& ctx) override;

 protected:
  void view(ScreenContext& ctx, Out<SurveysIntent>& out) override;

 private:
  void reset_form(const ScreenContext& ctx);
  void create(const RequestCreateSurvey& r, ScreenContext& ctx);

  SurveyBoard board_;
  NewSurveyForm form_;
  std::string proposed_id_;   // the id the form proposed; follows the year while unedited
  std::string create_error_;  // msgid
  std::string created_id_;
};

void surveys_view(const SurveysModel& model, NewSurveyForm& form, Out<SurveysIntent>& out);

}  // namespace shogo::ui
