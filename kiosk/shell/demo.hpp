#pragma once
// The demo: synthetic ward data and demo users for the kiosk before a vault
// exists (the vault issue replaces the users with a demo vault's). Never real
// people: everything comes from kiosk/survey/synthetic_ward.

#include <vector>

#include "kiosk/survey/sitting.hpp"
#include "kiosk/ui/kiosk_app.hpp"

namespace shogo::shell {

ui::DemoData demo_data();  // the name check's samples (synthetic hard names)

}  // namespace shogo::shell
