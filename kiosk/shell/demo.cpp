#include "kiosk/shell/demo.hpp"

#include <string>

#include "kiosk/survey/synthetic_ward.hpp"
#include "kiosk/ui/glyph_registry.hpp"

namespace shogo::shell {

ui::DemoData demo_data() {
  const survey::synthetic::Ward ward = survey::synthetic::generate_ward();
  ui::DemoData data;
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
