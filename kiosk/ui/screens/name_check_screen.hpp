#pragma once
// 表示文字の確認 — the hard characters of registry names (髙, 邉, 𠮷, 葛 with
// IVS, 外字 …) drawn in IPAmj Mincho, each with its code points: a check that
// the fonts hold. The names are the fixed made-up samples of
// kiosk/survey/name_samples.hpp, never a resident's.

#include <array>
#include <string>
#include <vector>

#include "kiosk/ui/screen.hpp"

namespace shogo::ui {

struct NameSample {
  std::string name;  // UTF-8 as stored
  std::string kana;
  std::string codes;  // "U+9AD9 …" of the hard units
};
struct NameCheckModel {
  std::vector<NameSample> samples;
};
// The practice field: typed by romaji, shown in the names' font with its code
// points; kept nowhere, wiped when the screen is left and at every lock.
struct PracticeText {
  std::array<char, 1024> text{};
};

class NameCheckScreen : public ScreenOf<NoIntent<NameCheckScreen>> {
 public:
  NameCheckScreen();
  ScreenId id() const override { return ScreenId::name_check; }
  const char* title() const override { return tr("Check how names are shown"); }
  const char* help() const override;
  const char* explanation() const override;
  std::optional<survey::Action> needs() const override { return survey::Action::check_names; }
  void apply(const Intent&, ScreenContext&) override {}
  void forget(ScreenContext&) override;
  PracticeText& practice() { return practice_; }

 protected:
  void view(ScreenContext& ctx, Out<Intent>& out) override;

 private:
  NameCheckModel model_;
  PracticeText practice_;
};

void name_check_view(const NameCheckModel& model, PracticeText& practice);

}  // namespace shogo::ui
