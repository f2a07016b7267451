#pragma once
// Intents — what a view asks for. Views never change state while drawing
// (Dear ImGui's documents demo queues closes the same way); KioskApp::apply()
// carries the intents out after the frame.

#include <string>
#include <variant>

#include "kiosk/survey/domain.hpp"
#include "kiosk/ui/i18n.hpp"
#include "storage/import/profile.hpp"

namespace shogo::ui {

enum class Screen : unsigned char {
  lock,
  home,
  access_log,
  name_check,
  settings,
  audit_log,
  surveys,       // 調査の状況: surveys, designations, P6.2 counts (manager, supervisor)
  designation,   // 調査対象の指定 (P6.3, supervisor)
  sheet_import,  // 確認用帳票の取り込み (P6.4, manager)
};

struct RequestSignIn {
  std::string user_id;
};
struct RequestSignOut {};
struct RequestLock {};
struct RequestCloseSitting {};
struct RequestScreen {
  Screen screen;
};
struct RequestLanguage {
  Language language;
};
struct RequestQuit {};  // opens the confirmation
struct RequestCancelQuit {};
struct RequestConfirmQuit {};  // ends the program (later: a manager's action only)
struct RequestSelectUser {
  std::string user_id;
};  // lock screen picker

// A survey begins (P6.3, P6.4): the survey screens' requests.
struct RequestSelectSurvey {
  std::string survey_id;
};
struct RequestNewSurveyForm {
  bool open = false;
};                               // the manager's "make a new survey" form, shown or put away
struct RequestNewSurveyYear {};  // the fiscal year was edited: propose the id again
struct RequestCreateSurvey {};   // the form's fiscal year, title and id (P6.1)
struct RequestRedesignate {
  survey::System system;
};  // P6.3.d: opens the designation screen on this system
struct RequestDesignationSystem {
  survey::System system;
};
struct RequestToggleTerminal {
  std::string terminal_id;
};
struct RequestAcknowledgeWarning {
  std::string code;
};                                 // toggles the supervisor's "確認しました" of one warning
struct RequestDesignate {};        // the typed designation, with the acknowledged warnings
struct RequestDrawDesignation {};  // the appliance's draw
struct RequestImportKind {
  storage::import::SheetKind kind;
};
struct RequestImportFile {
  std::string name;  // a file name in the import folder, never a path
};
struct RequestImportProfile {
  std::string name;  // a *.toml file name in the profile folder; "" = the reference profile
};
struct RequestRefreshImportFolder {};  // reads the import folder and the profile folder again
struct RequestPreview {};
struct RequestImport {};
struct RequestAcceptProblems {};  // toggles the manager's decision (accept_problems)
struct RequestCancelWork {};      // cancels a running preview or import

using Intent =
    std::variant<RequestSignIn, RequestSignOut, RequestLock, RequestCloseSitting, RequestScreen,
                 RequestLanguage, RequestQuit, RequestCancelQuit, RequestConfirmQuit,
                 RequestSelectUser, RequestSelectSurvey, RequestNewSurveyForm, RequestNewSurveyYear,
                 RequestCreateSurvey, RequestRedesignate, RequestDesignationSystem,
                 RequestToggleTerminal, RequestAcknowledgeWarning, RequestDesignate,
                 RequestDrawDesignation, RequestImportKind, RequestImportFile, RequestImportProfile,
                 RequestRefreshImportFolder, RequestPreview, RequestImport, RequestAcceptProblems,
                 RequestCancelWork>;

// "lock", "home", "access-log", "name-check", "settings", "audit-log", "surveys",
// "designation", "import"
const char* screen_id(Screen s);
bool parse_screen(const std::string& id, Screen& out);

}  // namespace shogo::ui
