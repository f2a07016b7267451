#pragma once
// The demo: synthetic ward data and demo users for the kiosk before a vault
// exists (the vault issue replaces the users with a demo vault's). Never real
// people: everything comes from kiosk/survey/synthetic_ward.

#include <vector>

#include "kiosk/survey/sitting.hpp"
#include "kiosk/ui/kiosk_app.hpp"

namespace shogo::shell {

std::vector<survey::User> demo_users();
ui::DemoData demo_data(std::uint64_t seed);

}  // namespace shogo::shell
