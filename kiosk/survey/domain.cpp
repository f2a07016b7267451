#include "kiosk/survey/domain.hpp"

#include <cstdio>

namespace shogo::survey {

std::string_view system_id(System s) {
  switch (s) {
    case System::koseki: return "KOSEKI";
    case System::juki: return "JUKI";
    case System::jukinet: return "JUKINET";
  }
  return "?";
}

std::string_view operator_kind_id(OperatorKind k) {
  switch (k) {
    case OperatorKind::staff: return "staff";
    case OperatorKind::other_division: return "other-division";
    case OperatorKind::contractor: return "contractor";
  }
  return "?";
}

std::string_view operation_kind_id(OperationKind k) {
  switch (k) {
    case OperationKind::certificate_issue: return "certificate-issue";
    case OperationKind::confirmation_print: return "confirmation-print";
    case OperationKind::inquiry: return "inquiry";
    case OperationKind::cs_operation: return "cs-operation";
  }
  return "?";
}

std::string_view role_id(Role r) {
  switch (r) {
    case Role::supervisor: return "supervisor";
    case Role::manager: return "manager";
    case Role::investigator: return "investigator";
  }
  return "?";
}

bool parse_role(std::string_view id, Role& out) {
  for (Role r : {Role::supervisor, Role::manager, Role::investigator}) {
    if (id == role_id(r)) {
      out = r;
      return true;
    }
  }
  return false;
}

std::string format_date(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

std::string format_time(TimeOfDay t) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", t.hour, t.minute, t.second);
  return buf;
}

}  // namespace shogo::survey
