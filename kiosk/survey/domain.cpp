#include "kiosk/survey/domain.hpp"

namespace shogo::survey {

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

}  // namespace shogo::survey
