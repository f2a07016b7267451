#include "kiosk/shell/demo.hpp"

#include <string>

#include "kiosk/survey/synthetic_ward.hpp"
#include "kiosk/ui/glyph_registry.hpp"

namespace shogo::shell {

std::vector<survey::User> demo_users() {
  using survey::Role;
  return {
      {"u-manager-1", "髙木 誠", Role::manager},
      {"u-supervisor-1", "山\uFA11 道子", Role::supervisor},
      {"u-investigator-1", "佐藤 由美", Role::investigator},
      {"u-investigator-2", "\U00020BB7川 健二", Role::investigator},
  };
}

ui::DemoData demo_data(std::uint64_t seed) {
  survey::synthetic::WardOptions options;
  options.seed = seed;
  survey::synthetic::Ward ward = survey::synthetic::generate_ward(options);
  ui::DemoData data;
  data.is_demo = true;
  data.access_log = std::move(ward.access_log);
  for (std::string_view name : survey::synthetic::hard_names()) {
    ui::NameSample sample;
    sample.name = std::string(name);
    for (const ui::NameUnit unit : ui::split_units(name)) {
      if (unit.base < 0x80 || unit.base == 0x3000) continue;  // spaces
      if (!sample.codes.empty()) sample.codes += ' ';
      sample.codes += ui::code_point_label(unit);
    }
    for (const auto& resident : ward.residents) {
      if (resident.name == name) {
        sample.kana = resident.kana;
        break;
      }
    }
    data.name_samples.push_back(std::move(sample));
  }
  return data;
}

}  // namespace shogo::shell
