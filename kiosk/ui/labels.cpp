#include "kiosk/ui/labels.hpp"

#include "kiosk/ui/i18n.hpp"

namespace shogo::ui {

const char* role_label(survey::Role role) {
  switch (role) {
    case survey::Role::supervisor: return tr("Supervisor");
    case survey::Role::manager: return tr("Manager");
    case survey::Role::investigator: return tr("Investigator");
  }
  return "";
}

const char* system_label(survey::System s) {
  switch (s) {
    case survey::System::koseki: return tr("Family register system");
    case survey::System::juki: return tr("Resident registry system");
    case survey::System::jukinet: return tr("Resident registry network");
  }
  return "";
}

const char* state_label(survey::SurveyState state) {
  switch (state) {
    case survey::SurveyState::draft: return tr("Not designated yet");
    case survey::SurveyState::designated: return tr("Designated");
    case survey::SurveyState::sheets_made: return tr("Sheets made");
    case survey::SurveyState::reconciling: return tr("Reconciling");
    case survey::SurveyState::follow_up: return tr("Following up");
    case survey::SurveyState::reported: return tr("Reported");
    case survey::SurveyState::approved: return tr("Approved");
    case survey::SurveyState::recheck: return tr("Checking again");
    case survey::SurveyState::on_hold: return tr("Sheets kept (on hold)");
    case survey::SurveyState::wiped: return tr("Sheets destroyed");
    case survey::SurveyState::retained: return tr("Report kept");
    case survey::SurveyState::purged: return tr("Ended");
  }
  return "";
}

const char* operation_label(survey::OperationKind k) {
  switch (k) {
    case survey::OperationKind::certificate_issue: return tr("Certificate issued");
    case survey::OperationKind::confirmation_print: return tr("Confirmation print");
    case survey::OperationKind::inquiry: return tr("Inquiry");
    case survey::OperationKind::cs_operation: return tr("CS terminal operation");
  }
  return "";
}

const char* operator_kind_label(survey::OperatorKind kind) {
  switch (kind) {
    case survey::OperatorKind::staff: return tr("Staff of the division");
    case survey::OperatorKind::other_division: return tr("Other division's ID");
    case survey::OperatorKind::contractor: return tr("Contractor's employee");
  }
  return "";
}

}  // namespace shogo::ui
