#include <catch2/catch.hpp>

#include <string>

#include "kiosk/ui/glyph_registry.hpp"
#include "kiosk/ui/i18n.hpp"

using namespace shogo::ui;

TEST_CASE("Japanese is the default language, from the compiled catalog") {
  init_i18n();
  set_language(Language::japanese);
  CHECK(std::string(tr("Sign in")) == "サインイン");
  CHECK(std::string(tr("Manager")) == "調査責任者");
}

TEST_CASE("English is selectable at run time and back") {
  init_i18n();
  set_language(Language::english);
  CHECK(std::string(tr("Sign in")) == "Sign in");
  set_language(Language::japanese);
  CHECK(std::string(tr("Sign in")) == "サインイン");
}

TEST_CASE("translated text is noted for the font atlas") {
  init_i18n();
  set_language(Language::japanese);
  glyphs().clear();
  glyphs().mark_built();
  (void)tr("Settings");  // 設定
  CHECK(glyphs().changed());
  CHECK(glyphs().ui_codes().count(0x8A2D) == 1);
  CHECK(glyphs().ui_codes().count(0x5B9A) == 1);
}
