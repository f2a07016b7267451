#include "kiosk/ui/screens/name_check_screen.hpp"

#include "crypto/secure_buffer.hpp"
#include "kiosk/survey/name_samples.hpp"
#include "kiosk/ui/glyph_registry.hpp"

namespace shogo::ui {

const char* NameCheckScreen::help() const {
  return tr(
      "Check that the hard characters of registry names are drawn faithfully on this terminal.");
}

const char* NameCheckScreen::explanation() const {
  return tr(
      "These are made-up names with characters that are easy to get wrong: variant kanji, a "
      "character outside the basic set, and one with a variation selector. Each must look like the "
      "printed register. A box with a code point means no font has the character; it is never "
      "replaced by a similar one.");
}

NameCheckScreen::NameCheckScreen() {
  for (const survey::HardName& h : survey::hard_name_samples()) {
    NameSample sample{std::string(h.full), std::string(h.full_kana), {}};
    for (const NameUnit unit : split_units(h.full)) {
      if (unit.base < 0x80 || unit.base == 0x3000) continue;  // spaces
      if (!sample.codes.empty()) sample.codes += ' ';
      sample.codes += code_point_label(unit);
    }
    model_.samples.push_back(std::move(sample));
  }
}

void NameCheckScreen::view(ScreenContext&, Out<Intent>&) { name_check_view(model_, practice_); }

void NameCheckScreen::forget(ScreenContext&) {
  crypto::wipe_bytes(practice_.text.data(), practice_.text.size());
}

}  // namespace shogo::ui
