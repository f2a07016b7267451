#pragma once
// Labels — the plain words (translated) for the domain's values on screen.

#include "kiosk/survey/domain.hpp"
#include "kiosk/survey/lifecycle.hpp"

namespace shogo::ui {

const char* role_label(survey::Role role);             // 調査総括責任者, …
const char* system_label(survey::System s);            // 戸籍情報システム, …
const char* state_label(survey::SurveyState state);    // 未指定, 指定済み, …
const char* operation_label(survey::OperationKind k);  // 証明書の発行, …
const char* operator_kind_label(survey::OperatorKind k);  // 課の職員, 他課のID, 委託先の従業員

}  // namespace shogo::ui
